/*
 * edit: surgical edits of an item file's front matter (docs/reference.md).
 *
 * docket never rewrites a file wholesale.  Setting a field replaces only
 * the bytes of that field's value (all of its lines when the old value
 * spans several: block scalars, block lists, multi-line flow); a new
 * field is appended as one line just before the closing "---"; removing
 * a field deletes exactly the lines it occupied.  Comments, key order,
 * quoting of the other keys, blank lines, the line-end style (LF or
 * CRLF), a byte-order mark and the body stay byte for byte.
 *
 * New values are written on one line, strings by the one scalar writer
 * (core/yaml_scalar.h: plain when that reads back as the same string,
 * else quoted, keeping the old value's quote style when it had one);
 * lists are flow lists "[a, b]".
 *
 * Every edit is verified: the result is parsed again, the field must
 * read back as intended, every other field must read back unchanged and
 * the body must be identical.  Otherwise the edit fails (DK_EINVALID
 * with a diag) and nothing is returned, so a caller never writes a file
 * that does not parse.
 *
 * Ownership: the caller owns `out` (an initialised sbuf that receives
 * the whole new file; it is reset first).  Nothing is kept.
 */
#ifndef DOCKET_EDIT_H
#define DOCKET_EDIT_H

#include <stddef.h>

#include "core/config.h"
#include "core/diag.h"
#include "core/sbuf.h"

enum edit_type {
	EDIT_STRING,      /* always reads back as a string */
	EDIT_INT,         /* a core-schema integer ("3", "-2", "0x1f") */
	EDIT_NUMBER,      /* an integer or a float ("2.5") */
	EDIT_BOOL,        /* true/false (yes/no, on/off are accepted) */
	EDIT_DATE,        /* YYYY-MM-DD, written plain */
	EDIT_NUM_OR_STR,  /* a number when it reads as one, else a string */
	EDIT_LIST,        /* "a, b" or "[a, b]": a list of strings */
};

struct edit_op {
	const char *key;
	const char *value;        /* ignored when remove is set */
	enum edit_type type;
	int remove;               /* remove the key (absent: nothing to do) */
};

/*
 * Set key to value in the file data[0..len).  file names the file in
 * diags.  Returns 0 (out holds the new file), DK_EUSAGE when value is
 * not of type t or key is not a plain name, DK_EINVALID when the file's
 * front matter does not parse or the edit could not be verified.
 */
int edit_set(struct sbuf *out, const char *data, size_t len,
	     const char *file, const char *key, const char *value,
	     enum edit_type t, struct diag_list *diags);
/* Set key to a list of strings. */
int edit_set_list(struct sbuf *out, const char *data, size_t len,
		  const char *file, const char *key,
		  const char *const *items, size_t n, struct diag_list *diags);
/* Remove key and the lines its value occupies.  An absent key is not an
 * error: out is then a copy of data. */
int edit_remove(struct sbuf *out, const char *data, size_t len,
		const char *file, const char *key, struct diag_list *diags);
/* Apply ops in order (each one verified).  Returns the first failure. */
int edit_apply(struct sbuf *out, const char *data, size_t len,
	       const char *file, const struct edit_op *ops, size_t n,
	       struct diag_list *diags);

/* The edit type for key under config c's schema (built-in fields and
 * docket.yaml fields:; unknown keys are strings). */
enum edit_type edit_type_for(const struct config *c, const char *key);

/*
 * Rendering, for files docket creates: append value as type t the way
 * edit_set writes it.  DK_EUSAGE when it is not of that type, the
 * reason appended to errs (which may be NULL).
 */
int edit_render_value(struct sbuf *out, const char *value, enum edit_type t,
		      struct diag_list *errs);
/* Is s a plain name usable as a key without quotes ([A-Za-z_][A-Za-z0-9_.-]*)? */
int edit_key_valid(const char *s);

#endif
