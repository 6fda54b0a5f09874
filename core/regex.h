/*
 * regex: user-supplied regular expressions (PCRE2), compiled once and
 * matched with match, depth and heap limits so that no pattern can hang
 * docket (docs/robustness.md).
 *
 * Ownership: regex_compile returns a struct regex the caller frees with
 * regex_free.  A struct regex holds its own match data, so one regex must
 * not be matched from two threads at once.
 */
#ifndef DOCKET_REGEX_H
#define DOCKET_REGEX_H

#include <stddef.h>

#include "core/diag.h"

struct regex;

enum regex_flags {
	REGEX_CASELESS = 1 << 0,
};

/* Compile pattern. On failure returns DK_EINVALID and appends a message
 * ("missing closing parenthesis at offset 9") to errs. */
int regex_compile(struct regex **out, const char *pattern, int flags,
		  struct diag_list *errs);
/* 1 match, 0 no match, DK_ERROR when a limit was hit (told to errs,
 * which may be NULL). */
int regex_match(struct regex *re, const char *s, size_t len,
		struct diag_list *errs);
void regex_free(struct regex *re);

#endif
