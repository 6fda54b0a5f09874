/*
 * json_read: a strict JSON reader (RFC 8259) that builds a tree.
 *
 * Design: a recursive-descent parser over a memory buffer (not
 * necessarily NUL-terminated).  It accepts exactly the RFC 8259 grammar
 * and nothing more: no comments, no trailing commas, no single quotes,
 * no NaN/Infinity, no leading zeros, no raw control characters inside
 * strings.  Input must be valid UTF-8 (a leading byte-order mark is
 * skipped, as RFC 8259 section 8.1 allows); \uXXXX escapes, including
 * surrogate pairs, are decoded to UTF-8, and an unpaired surrogate is an
 * error.  Nesting is limited to JSON_MAX_DEPTH arrays/objects so hostile
 * input cannot exhaust the stack.  Numbers must fit a double (an
 * overflowing exponent such as 1e400 is an error; RFC 8259 section 9
 * lets a parser limit the range); the source text of every number is
 * kept too.
 *
 * Positions: line and column are 1-based; the column counts characters
 * (code points), not bytes, like libyaml's marks.
 *
 * Ownership: json_parse and json_parse_stream return trees that the
 * caller frees with jval_free (json_free_stream for a stream).  Every
 * node owns its strings, keys and children.
 */
#ifndef DOCKET_JSON_READ_H
#define DOCKET_JSON_READ_H

#include <stddef.h>

#define JSON_MAX_DEPTH 512

enum jtype {
	JNULL,
	JBOOL,
	JNUM,
	JSTR,
	JARR,
	JOBJ,
};

struct jval {
	enum jtype type;
	int b;            /* JBOOL: 0 or 1 */
	double num;       /* JNUM: the value */
	/* JSTR: the decoded string, NUL-terminated (it may contain NULs from
	 * \u0000: use len).  JNUM: the number's source text. */
	char *str;
	size_t len;
	/* JARR: items[0..n).  JOBJ: keys[i] (NUL-terminated, length
	 * key_lens[i]) maps to items[i], in source order; duplicate keys
	 * are kept. */
	char **keys;
	size_t *key_lens;
	struct jval **items;
	size_t n;
	size_t alloc;
	int line, col;    /* where the value starts, 1-based */
};

struct json_error {
	int line, col;    /* 1-based position of the problem */
	size_t offset;    /* byte offset of the problem */
	char message[128];
};

/*
 * Parse exactly one JSON value from buf[0..len), with optional
 * whitespace around it.  Returns 0 and sets *out, or DK_EINVALID and
 * fills *err (when not NULL); *out is then NULL.
 */
int json_parse(struct jval **out, const char *buf, size_t len,
	       struct json_error *err);

/*
 * Parse a stream of zero or more JSON values separated by whitespace
 * (at least one whitespace character between two values).  Returns 0
 * and sets *out_vals to an array of *out_n trees (NULL when there are
 * none), or DK_EINVALID and fills *err; nothing is returned then.
 */
int json_parse_stream(struct jval ***out_vals, size_t *out_n,
		      const char *buf, size_t len, struct json_error *err);

void jval_free(struct jval *v);
void json_free_stream(struct jval **vals, size_t n);

/* The value of key in an object: the last one when a key repeats (as
 * JavaScript's JSON.parse does).  NULL when absent or obj is not an
 * object.  jval_getn takes a key with an explicit length. */
struct jval *jval_get(const struct jval *obj, const char *key);
struct jval *jval_getn(const struct jval *obj, const char *key, size_t len);

/* A string's text, or NULL when v is NULL or not a string. */
const char *jval_str(const struct jval *v);
/* "null", "boolean", "number", "string", "array", "object". */
const char *jtype_name(enum jtype t);

#endif
