/*
 * report: render a list of findings (struct diag_list) in one of the
 * output formats of `docket check` (docs/checks.md).
 *
 * The module owns no state.  report_render appends the whole report to
 * a caller-owned sbuf; it reads the diag_list and the options and keeps
 * no pointer to either.  It never prints: cmd/ writes the sbuf out.
 *
 * Formats:
 *   text    path:line:col: severity: message [rule], then a summary line
 *   json    {"errors": N, "warnings": N, "findings": [...]}
 *   github  GitHub Actions workflow commands (::error file=...::msg)
 *   sarif   SARIF 2.1.0, every result with a location
 *   junit   JUnit XML, one testcase per finding
 *   gitlab  GitLab Code Quality JSON
 *
 * Text from files is untrusted.  In text, github and junit output it
 * goes through core/text's text_escape_term: C0 controls (LF too), DEL
 * and invalid UTF-8 bytes are shown as \xNN, C1 controls and the
 * bidirectional controls (U+061C, U+200E, U+200F, U+202A..U+202E,
 * U+2066..U+2069) as \u{X}, so nothing raw reaches a terminal or a CI
 * log.  JSON formats escape through formats/json.h, XML through
 * formats/xml.h.
 *
 * The code is split in two files: report.c (the API, text, json and
 * github) and report_ci.c (sarif, junit and gitlab).
 *
 * Findings of severity SEV_OFF are skipped everywhere; suppressed ones
 * (an inline "# docket: ignore[RULE]") are listed only by json, marked
 * "suppressed": true, and counted nowhere.  Findings are rendered in
 * list order (sort with diag_list_sort first).  A finding without a
 * file is reported against docket.yaml where a format needs a path
 * (sarif, junit, gitlab).  Counts count every finding shown, on
 * changed files or not.
 *
 * Fingerprints (json "fingerprint", SARIF
 * partialFingerprints.primaryLocationLineHash, GitLab "fingerprint"):
 * diag_fingerprint (rule, file, subject, field, message without line
 * numbers; never a position), so lines added or moved elsewhere change
 * none.  Findings equal in all of these (rare: the same message twice
 * about the same item) get "#k" mixed in for the k-th repeat in list
 * order, since GitLab needs every fingerprint of a report to differ.
 */
#ifndef DOCKET_REPORT_H
#define DOCKET_REPORT_H

#include <stddef.h>

#include "core/diag.h"
#include "core/sbuf.h"
#include "formats/format.h"

enum report_format {
	REPORT_TEXT,
	REPORT_JSON,
	REPORT_GITHUB,
	REPORT_SARIF,
	REPORT_JUNIT,
	REPORT_GITLAB,
};

struct report_opts {
	const char *tool_version;   /* e.g. "0.1.0"; NULL to leave it out */
	int color;                  /* text only: ANSI colours */
	/*
	 * --base: findings on a file in changed_files (paths relative to
	 * the repository root, as in struct diag) are "changed"; the others
	 * are on files unchanged since the base.  Text lists the unchanged
	 * ones apart, after the changed ones; json and sarif mark each
	 * finding ("changed"); github annotates only the changed ones and
	 * counts the others on one line; junit puts the others in a second
	 * testsuite; gitlab lists all of them (GitLab itself compares a
	 * merge request's report with its target branch's, by
	 * fingerprint).  A finding without a file counts as changed (it is
	 * about the backlog as a whole).
	 */
	const char *const *changed_files;
	size_t nchanged;
	int have_base;
	/*
	 * --base, sarif: the findings at the base (checked there), or
	 * NULL.  Each result then has a baselineState: "new" or
	 * "unchanged" by whether a finding with its fingerprint was there;
	 * the base's findings gone now follow as "absent" results.
	 */
	const struct diag_list *base_found;
	/*
	 * sarif: docket.yaml's docs_url (checked by core/url.h), or NULL.
	 * Set, every rule of tool.driver.rules gets helpUri DOCS_URL#RULE;
	 * NULL, no rule has a helpUri.
	 */
	const char *docs_url;
};

#define REPORT_OPTS_INIT { NULL, 0, NULL, 0, 0, NULL, NULL }

/* `docket check --format` (formats/format.h): text first, the default. */
struct report_format_row {
	struct format f;
	enum report_format id;
};
extern const struct format_table report_formats;

/* Parse a --format name ("text", "json", "github", "sarif", "junit",
 * "gitlab") into *out.  Returns 0, or -1 when name is none of them
 * (*out is then unchanged). */
int report_format_parse(enum report_format *out, const char *name);
/* The name report_format_parse accepts for fmt. */
const char *report_format_name(enum report_format fmt);

/* Append the whole report for l to out, ending with a newline.  opts
 * may be NULL for the defaults.  Returns 0. */
int report_render(struct sbuf *out, enum report_format fmt,
		  const struct diag_list *l, const struct report_opts *opts);

/*
 * Internal to report.c and report_ci.c (libgit2's "module__" naming):
 * not for other modules.
 */
struct report__ctx {
	struct sbuf *out;
	const struct diag_list *l;
	const struct report_opts *o;
	const char **changed;       /* sorted copy of o->changed_files */
	size_t nchanged;
	size_t errors, warnings;    /* every finding, changed or not */
	char (*fp)[DIAG_FINGERPRINT_LEN + 1]; /* report__fingerprints of l */
};

enum report__esc {
	REPORT__ESC_GH_DATA = 1 << 0,  /* also % CR LF as %25 %0D %0A */
	REPORT__ESC_GH_PROP = 1 << 1,  /* also : , as %3A %2C */
};

/* Is the finding rendered at all (severity not SEV_OFF, not
 * suppressed)?  json also lists the suppressed ones, marked. */
int report__shown(const struct diag *d);
/* With --base: is d on a changed file (or on no file)? 1 without it. */
int report__changed(const struct report__ctx *x, const struct diag *d);
/* Append s[0..len) escaped by text_escape_term, after the GitHub
 * escapes that flags ask for (enum report__esc). */
void report__esc_term(struct sbuf *sb, const char *s, size_t len,
		      unsigned flags);
/* "N errors, M warnings" with the singular for 1. */
void report__add_counts(struct sbuf *sb, size_t errors, size_t warnings);
/* The plain one-line form "path:line:col: severity: message [rule]". */
void report__text_line(struct sbuf *sb, const struct diag *d, int color);

/* One fingerprint per entry of l (made distinct as said above);
 * malloc'ed, the caller frees it. */
typedef char report__fp[DIAG_FINGERPRINT_LEN + 1];
report__fp *report__fingerprints(const struct diag_list *l);

void report__sarif(struct report__ctx *x);
void report__junit(struct report__ctx *x);
void report__gitlab(struct report__ctx *x);

#endif
