/* limits.c: the table of size limits (see limits.h). */
#include "core/limits.h"

#define MiB ((size_t)1024 * 1024)

static const struct {
	size_t bytes;
	const char *name;
} table[LIMIT_KINDS] = {
	[LIMIT_FILE] = { LIMIT_FILE_BYTES, "the 1 MiB limit for item, cycle and config files" },
	[LIMIT_ORDER] = { 16 * MiB, "the 16 MiB limit for ORDER" },
	[LIMIT_ALIAS] = { LIMIT_ALIAS_BYTES, "the 1 MiB limit for what aliases may expand to in one file" },
	[LIMIT_CSV_RECORD] = { 1 * MiB, "the 1 MiB limit for one CSV record" },
	[LIMIT_JSON_EXPORT] = { 64 * MiB, "the 64 MiB limit for a JSON export" },
	[LIMIT_MAP] = { 1 * MiB, "the 1 MiB limit for a --map file" },
	[LIMIT_SITE_LIST] = { 16 * MiB, "the 16 MiB limit for the list of pages of an exported site" },
	[LIMIT_GIT_FILE] = { 256 * MiB, "the 256 MiB limit for files docket reads in the git folder" },
};

size_t
limit_bytes(enum limit_kind k)
{
	return k < LIMIT_KINDS ? table[k].bytes : 0;
}

const char *
limit_name(enum limit_kind k)
{
	return k < LIMIT_KINDS ? table[k].name : "a size limit";
}

enum limit_kind
limit_of_bytes(size_t max)
{
	for (int k = 0; k < LIMIT_KINDS; k++)
		if (table[k].bytes == max)
			return (enum limit_kind)k;
	return LIMIT_KINDS;
}
