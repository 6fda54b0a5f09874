/*
 * diag: the one shape of every problem that leaves core/ and formats/.
 *
 * A struct diag is both a finding of a check rule ("MKT-3.md:6:9:
 * 'effort' must be a number above 0") and the error of an operation
 * that failed ("cannot write backlog/ORDER: disk full").  Modules never
 * print, exit, or keep an error string in their objects: a function
 * that can fail takes a struct diag_list *errs, appends what went wrong
 * and returns a negative DK_* code (diag_error does both).  Front ends
 * (cmd/ now, a server later) render the list.
 *
 * Fields a finding carries for the steps after it: where it starts and
 * ends, the subject (an item id, or the ORDER entry), the field, the
 * rule, the command that fixes it, and whether an inline suppression
 * silenced it.  diag_fingerprint hashes the parts that do not move when
 * lines are added elsewhere (never a line number), so two runs, or the
 * backlog before and after a write, can be compared finding by finding.
 *
 * Ownership: a diag_list owns its entries and every string of them
 * (copied on add); diag_list_release frees them.
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
	int code;           /* enum dk_error of the operation that failed
			     * (a parse error is DK_EINVALID); DK_OK for a
			     * finding of a check rule */
	enum severity severity;
	char *file;         /* path relative to the repository root, or NULL */
	int line, column;   /* start, 1-based; 0 when unknown */
	int end_line, end_column; /* end (exclusive), 1-based; 0 when unknown */
	char *subject;      /* the item id or ORDER entry it is about, or NULL */
	char *field;        /* the front-matter key it is about, or NULL */
	char *rule;         /* rule id ("syntax", "duplicate-id"); "" for an
			     * operation's error */
	char *message;
	char *fix;          /* a command that fixes it, or NULL */
	int suppressed;     /* silenced by an inline suppression */
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

/* Append a finding; every string is copied. Returns the new entry (valid
 * until the next append). */
struct diag *diag_add(struct diag_list *l, enum severity sev, const char *rule,
		      const char *file, int line, int column,
		      const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Append an operation's error (severity error, no rule, no file) with
 * code, and return code: `return diag_error(errs, DK_EIO, "...")`.
 * errs may be NULL (the message is dropped). */
int diag_error(struct diag_list *errs, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Append a copy of d. */
struct diag *diag_copy(struct diag_list *l, const struct diag *d);
/* Set the optional parts of d (copied; NULL clears). */
void diag_set_subject(struct diag *d, const char *subject);
void diag_set_field(struct diag *d, const char *field);
void diag_set_fix(struct diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Free one entry's strings (for filters that drop entries). */
void diag_release(struct diag *d);

/* The message of the last entry, or "" when l is empty: for front ends
 * that put an operation's error after their own words. */
const char *diag_last_message(const struct diag_list *l);
/* Move every entry of src to the end of dst, leaving src empty. */
void diag_list_move(struct diag_list *dst, struct diag_list *src);
/* The same, giving the entries without a rule the rule rule, and those
 * without a file the file file (for a lower module's errors, such as a
 * parser's, that the caller knows the file and rule of). */
void diag_list_move_as(struct diag_list *dst, struct diag_list *src,
		       const char *rule, const char *file);
/* The entries of severity sev that are not suppressed. */
size_t diag_list_count(const struct diag_list *l, enum severity sev);
/* Sort by file, line, column, rule (stable for equal keys). */
void diag_list_sort(struct diag_list *l);

/*
 * A stable fingerprint of a finding: 16 lowercase hex digits of the
 * SHA-256 of its rule, file, subject, field and message, with every
 * line number and rank the message quotes ("line 12", "#3") taken
 * out.  Never the finding's own position: a line added above it, or
 * lines moved, change nothing.
 */
#define DIAG_FINGERPRINT_LEN 16
void diag_fingerprint(const struct diag *d, char out[DIAG_FINGERPRINT_LEN + 1]);

const char *severity_name(enum severity s);
/* Parse "off", "warning", "error"; returns -1 when not one of them. */
int severity_parse(const char *s);

#endif
