/*
 * diag: findings and errors as values.
 *
 * Every layer reports problems by appending a struct diag (file, line,
 * column, rule, severity, message) to a struct diag_list instead of
 * printing.  cmd/ and formats/ render the list.  A diag_list owns the
 * strings of its entries (copied on add); diag_list_release frees them.
 *
 * Error codes: functions that can fail return 0 or a negative DK_E* code.
 */
#ifndef DOCKET_DIAG_H
#define DOCKET_DIAG_H

#include <stddef.h>

enum dk_error {
	DK_OK = 0,
	DK_ERROR = -1,      /* generic failure, details in a diag */
	DK_ENOTFOUND = -2,  /* file, id, revision or backlog not found */
	DK_EINVALID = -3,   /* the input is invalid (syntax, schema) */
	DK_EUSAGE = -4,     /* a bad argument from the user */
	DK_EREFUSED = -5,   /* a safety check refused the operation */
	DK_EIO = -6,        /* a read or write failed */
	DK_ECONFLICT = -7,  /* a merge conflict */
};

enum severity {
	SEV_OFF = 0,
	SEV_WARNING = 1,
	SEV_ERROR = 2,
};

struct diag {
	char *file;       /* path relative to the repository root, or NULL */
	int line;         /* 1-based, 0 when unknown */
	int column;       /* 1-based, 0 when unknown */
	char *rule;       /* rule id ("syntax", "duplicate-id", ...) */
	enum severity severity;
	char *message;
};

struct diag_list {
	struct diag *v;
	size_t n;
	size_t alloc;
};

#define DIAG_LIST_INIT { NULL, 0, 0 }

void diag_list_init(struct diag_list *l);
void diag_list_release(struct diag_list *l);

/* Messages longer than this many bytes keep their start and their end
 * (the advice) around " … ": a message quoting a value from a hostile
 * file stays readable and bounded. */
#define DIAG_MAX_MESSAGE 1024

/* Append a finding; every string is copied. Returns the new entry. */
struct diag *diag_add(struct diag_list *l, enum severity sev, const char *rule,
		      const char *file, int line, int column,
		      const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Move every entry of src to the end of dst, leaving src empty. */
void diag_list_move(struct diag_list *dst, struct diag_list *src);
size_t diag_list_count(const struct diag_list *l, enum severity sev);
/* Sort by file, line, column, rule (stable for equal keys). */
void diag_list_sort(struct diag_list *l);

const char *severity_name(enum severity s);
/* Parse "off", "warning", "error"; returns -1 when not one of them. */
int severity_parse(const char *s);

#endif
