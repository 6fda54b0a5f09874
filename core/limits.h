/*
 * limits: the size limits docket enforces, one per kind of input
 * (docs/robustness.md lists them with their reasons).
 *
 * Every input is bounded in bytes before it is read or built: a file by
 * its size (fstat, or git_odb_read_header for a blob of the history), a
 * streamed import per record, an alias expansion by the bytes it would
 * produce.  Every message that enforces a limit names it with
 * limit_name ("the 1 MiB limit for item, cycle and config files"), so a
 * user can find it in the documentation.
 *
 * Everything here is constant: nothing to free.
 */
#ifndef DOCKET_LIMITS_H
#define DOCKET_LIMITS_H

#include <stddef.h>

enum limit_kind {
	LIMIT_FILE,         /* an item, a cycle file, docket.yaml */
	LIMIT_ORDER,        /* ORDER */
	LIMIT_ALIAS,        /* bytes alias expansion may produce in one file */
	LIMIT_CSV_RECORD,   /* one record of a CSV import */
	LIMIT_JSON_EXPORT,  /* a whole JSON export (Jira, Trello, Asana) */
	LIMIT_MAP,          /* an import --map file */
	LIMIT_GIT_FILE,     /* a file docket reads in the git folder */
	LIMIT_SITE_LIST,    /* the list of pages of an exported site */
	LIMIT_KINDS
};

/* The two limits that initialise option structs (the others are only
 * read through limit_bytes). */
#define LIMIT_FILE_BYTES ((size_t)1024 * 1024)
#define LIMIT_ALIAS_BYTES ((size_t)1024 * 1024)

/* The limit in bytes. */
size_t limit_bytes(enum limit_kind k);
/* "the 1 MiB limit for item, cycle and config files" (static text). */
const char *limit_name(enum limit_kind k);
/* The kind whose limit is exactly max bytes (for code that is given a
 * number), or LIMIT_KINDS when none is. */
enum limit_kind limit_of_bytes(size_t max);

#endif
