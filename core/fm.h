/*
 * fm: front matter files (docs/reference.md): split a Markdown file into its YAML
 * front matter and its body, and parse the YAML under docket's rules.
 *
 * A struct fm points into the caller's buffer (buf is borrowed and must
 * outlive it); it owns only root.  fm_release frees root.
 */
#ifndef DOCKET_FM_H
#define DOCKET_FM_H

#include <stddef.h>

#include "core/diag.h"
#include "core/ynode.h"

#include "core/limits.h"

#define FM_MAX_SIZE_DEFAULT LIMIT_FILE_BYTES

struct fm_opts {
	size_t max_size;          /* file size limit in bytes */
	struct ynode_opts yaml;   /* nesting, aliases, tags, merge keys */
};

#define FM_OPTS_INIT { FM_MAX_SIZE_DEFAULT, YNODE_OPTS_INIT }

struct fm {
	const char *buf;          /* the whole file (borrowed) */
	size_t len;
	int has_bom;              /* starts with a UTF-8 byte-order mark */
	int crlf;                 /* the opening line ends in CRLF */
	size_t yaml_off;          /* the YAML text: buf[yaml_off .. yaml_off+yaml_len) */
	size_t yaml_len;
	int yaml_line;            /* line number of the first YAML line (1-based) */
	size_t close_off;         /* offset of the closing "---" line */
	size_t body_off;          /* the body: buf[body_off .. len) */
	int body_line;            /* line number of the body's first line */
	struct ynode *root;       /* a mapping (empty front matter: an empty mapping) */
};

void fm_init(struct fm *fm);
void fm_release(struct fm *fm);

/*
 * Locate the front matter of buf (no YAML parsing).  Returns 0, or
 * DK_EINVALID with a "syntax" diag (no opening line, no closing line,
 * bad encoding, too large) naming file, line and column.
 */
int fm_split(struct fm *out, const char *buf, size_t len,
	     const struct fm_opts *opts, const char *file,
	     struct diag_list *diags);

/* The front matter's place in buf as fm_split finds it, without its
 * checks of size and encoding (a file that fails them has no front
 * matter): 0, FM_NO_OPENING or FM_NOT_CLOSED.  No diag, no allocation. */
enum { FM_NO_OPENING = 1, FM_NOT_CLOSED };
int fm_locate(struct fm *out, const char *buf, size_t len);

/* fm_split, then parse the YAML: the root must be a mapping with scalar
 * keys.  Errors are "syntax" diags at the offending line and column. */
int fm_parse(struct fm *out, const char *buf, size_t len,
	     const struct fm_opts *opts, const char *file,
	     struct diag_list *diags);

/* Heading level of the body line s[0..n) (ATX: up to 3 spaces, 1-6
 * '#'; a CR at the end is ignored), and its text, trimmed of blanks and
 * closing '#'s, in *t, *tn; 0 when it is not a heading. */
int fm_heading(const char *s, size_t n, const char **t, size_t *tn);

/* The line (1-based) of the first of git's merge-conflict markers in
 * buf: a line starting "<<<<<<<" with a later line starting ">>>>>>>";
 * 0 when there is none.  fm_parse reports such a file as a merge
 * conflict rather than as whatever YAML error the markers cause. */
int fm_conflict_line(const char *buf, size_t len);

#endif
