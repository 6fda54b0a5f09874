/*
 * utf8: the one UTF-8 decoder and validator of docket, on utf8proc.
 *
 * Valid UTF-8 here is what RFC 3629 and YAML accept: no overlong forms,
 * no surrogates (U+D800..U+DFFF), nothing above U+10FFFF.  Every module
 * that looks at characters rather than bytes (terminal escaping, JSON,
 * XML and YAML writers, positions in files) walks text with utf8_next,
 * so they all agree on what a character is and on what is invalid.
 *
 * Pure functions: nothing is allocated except through the caller's sbuf.
 */
#ifndef DOCKET_UTF8_H
#define DOCKET_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "core/sbuf.h"

/* The character at s (n > 0 bytes available): its length 1..4, with its
 * code point in *cp; or 0 when the bytes there are not valid UTF-8 (*cp
 * is then the first byte, which the caller skips or replaces). */
size_t utf8_next(const char *s, size_t n, int32_t *cp);

/* 1 when s[0..len) is valid UTF-8, else 0. */
int utf8_valid(const char *s, size_t len);

/* 0 when buf[0..len) is valid UTF-8; else -1 with the 1-based line and
 * column (in characters) of the first invalid byte. */
int utf8_check(const char *buf, size_t len, int *line, int *col);

/* The largest n' <= n that does not split a character of s[0..len)
 * (a cut at n' keeps whole characters; invalid bytes count as one). */
size_t utf8_floor(const char *s, size_t len, size_t n);

/* The smallest n' >= n at a character boundary of s[0..len). */
size_t utf8_ceil(const char *s, size_t len, size_t n);


#endif
