/*
 * yaml_out: write YAML scalars and flow lists for NEW files (docket
 * import writes whole front matters with it).  Never used to rewrite a
 * user's file: edits to existing files change single lines (SPEC 3.1).
 *
 * A string is written plain when that is safe, and double-quoted
 * otherwise, so that it reads back as the same string under the YAML
 * 1.2 core schema (docket's reader) and under YAML 1.1 readers too:
 * `yes`, `on`, `null`, `012`, `1:20`, `3.0`, `-x`, `a: b`, `a #b`, a
 * leading or trailing space, an empty string, control characters and
 * line breaks are all quoted.  Inside double quotes, `"` and `\` are
 * escaped, C0/C1 controls, DEL, U+2028/U+2029 and U+FEFF become \x, \u
 * escapes, and a byte that is not valid UTF-8 becomes U+FFFD.
 *
 * Functions only append to the caller's sbuf; nothing is allocated that
 * the caller must free.
 */
#ifndef DOCKET_YAML_OUT_H
#define DOCKET_YAML_OUT_H

#include <stddef.h>

#include "core/sbuf.h"

/* 1 when s[0..len) may be written as a plain scalar (in a flow
 * collection when flow is set) and reads back as the same string. */
int yaml_out_plain_ok(const char *s, size_t len, int flow);

/* Append s as a plain or double-quoted scalar. */
void yaml_out_str(struct sbuf *out, const char *s, size_t len, int flow);

/* Append s always double-quoted. */
void yaml_out_quoted(struct sbuf *out, const char *s, size_t len);

/* Append a flow sequence of strings: [a, "b, c"] ([] when n is 0). */
void yaml_out_str_list(struct sbuf *out, char *const *v, size_t n);

/* Append a number: an integer without a fraction when it is one,
 * otherwise the shortest %g form that reads back as v. */
void yaml_out_number(struct sbuf *out, double v);

#endif
