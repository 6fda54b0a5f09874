#include "core/regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/diag.h"
#include "core/xalloc.h"

#define MAX_PATTERN 4096
#define MATCH_LIMIT 200000
#define DEPTH_LIMIT 2000
#define HEAP_LIMIT_KIB 4096

struct regex {
	pcre2_code *code;
	pcre2_match_data *md;
	pcre2_match_context *mcx;
};

int
regex_compile(struct regex **out, const char *pattern, int flags,
	      struct diag_list *errs)
{
	pcre2_compile_context *ccx;
	struct regex *re;
	int code;
	PCRE2_SIZE off;
	uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF |
			PCRE2_NEVER_BACKSLASH_C;

	*out = NULL;
	if (flags & REGEX_CASELESS)
		opts |= PCRE2_CASELESS;
	ccx = pcre2_compile_context_create(NULL);
	if (!ccx)
		xalloc_oom(sizeof(pcre2_compile_context *));
	pcre2_set_max_pattern_length(ccx, MAX_PATTERN);
	pcre2_set_parens_nest_limit(ccx, 100);
	re = xcalloc(1, sizeof(*re));
	re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
				 opts, &code, &off, ccx);
	pcre2_compile_context_free(ccx);
	if (!re->code) {
		PCRE2_UCHAR msg[160];

		pcre2_get_error_message(code, msg, sizeof(msg));
		diag_error(errs, DK_EINVALID, "%s at offset %zu", (char *)msg, (size_t)off);
		free(re);
		return DK_EINVALID;
	}
	(void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
	re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
	re->mcx = pcre2_match_context_create(NULL);
	if (!re->md || !re->mcx)
		xalloc_oom(sizeof(*re));
	pcre2_set_match_limit(re->mcx, MATCH_LIMIT);
	pcre2_set_depth_limit(re->mcx, DEPTH_LIMIT);
	pcre2_set_heap_limit(re->mcx, HEAP_LIMIT_KIB);
	*out = re;
	return 0;
}

int
regex_match(struct regex *re, const char *s, size_t len,
	    struct diag_list *errs)
{
	int rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, 0, 0, re->md, re->mcx);

	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	{
		PCRE2_UCHAR msg[160];

		pcre2_get_error_message(rc, msg, sizeof(msg));
		return diag_error(errs, DK_ERROR, "pattern too complex for this text: %s",
				  (char *)msg);
	}
}

void
regex_free(struct regex *re)
{
	if (!re)
		return;
	pcre2_match_context_free(re->mcx);
	pcre2_match_data_free(re->md);
	pcre2_code_free(re->code);
	free(re);
}
