/*
 * json: the one JSON writer of docket (RFC 8259), into an sbuf.
 *
 * Every JSON output is written through a struct jw: begin an object or
 * an array, give keys and values, end it.  The writer places commas,
 * colons and line breaks, so the output is byte-stable (the same data
 * always gives the same bytes) and each output keeps its shape:
 *
 *   jw_object, jw_array       members on one line: {"a": 1, "b": 2}
 *   jw_object_lines,          each member on its own line, one indent
 *   jw_array_lines            deeper than the line the container opened
 *                             on; the closing bracket on its own line
 *   jw_break                  the next member (or the closing bracket) of
 *                             an inline container starts a new line
 *
 * jw_init's indent is the spaces per level; JW_COMPACT leaves out the
 * space after ',' and ':'.
 *
 * Strings are escaped per code point as jq does: '"' and '\', the named
 * controls (\b \f \n \r \t), other C0 controls and DEL as \u00XX, C1
 * and bidirectional controls and U+2028/U+2029 as \uXXXX (harmless in
 * JSON, dangerous raw on a terminal), and bytes that are not valid
 * UTF-8 replaced by U+FFFD, so the output is always valid JSON.
 * Numbers: integers without a fraction, others in the shortest form
 * that reads back; NaN and infinities are null.
 *
 * The caller owns the sbuf; a writer holds no memory (nothing to
 * release) and may write several top-level values.  Containers nest at
 * most JW_MAX_DEPTH deep (an assert): jw_ynode writes null for a YAML
 * collection that would go deeper (docket's reader stops at 64).
 */
#ifndef DOCKET_JSON_H
#define DOCKET_JSON_H

#include <stddef.h>

#include "core/sbuf.h"
#include "core/ynode.h"

#define JW_MAX_DEPTH 128

enum { JW_COMPACT = 1 << 0 };

struct jw_level {
	unsigned char lines;   /* each member on its own line */
	unsigned char brk;     /* jw_break: the next one on a new line */
	unsigned char object;
	size_t n;              /* members so far */
	int level;             /* indentation level of its opening line */
};

struct jw {
	struct sbuf *out;
	int indent;            /* spaces per level */
	int compact;
	int depth;
	int line_level;        /* indentation level of the current line */
	int after_key;         /* a key was written: its value comes next */
	struct jw_level st[JW_MAX_DEPTH];
};

void jw_init(struct jw *w, struct sbuf *out, int indent, unsigned flags);

void jw_object(struct jw *w);
void jw_array(struct jw *w);
void jw_object_lines(struct jw *w);
void jw_array_lines(struct jw *w);
void jw_end(struct jw *w);
void jw_break(struct jw *w);

void jw_key(struct jw *w, const char *key);
void jw_keyn(struct jw *w, const char *key, size_t len);

/* Values: a string (NULL: null), s[0..len), a number, a whole number, a
 * boolean, null, a position or rank (0 and below: null), a day, a YAML node
 * (scalars by their core-schema kind), JSON text as it is. */
void jw_str(struct jw *w, const char *s);
void jw_strn(struct jw *w, const char *s, size_t len);
void jw_num(struct jw *w, double v);
void jw_int(struct jw *w, long long v);
void jw_bool(struct jw *w, int b);
void jw_null(struct jw *w);
void jw_pos(struct jw *w, long v);
/* A day (days since the epoch, core/date.h) as "YYYY-MM-DD"; null when
 * d < 0 (never). */
void jw_day(struct jw *w, long d);
void jw_ynode(struct jw *w, const struct ynode *n);
void jw_raw(struct jw *w, const char *json, size_t len);

/* A key and its value in one call (jw_key, then the value). */
void jw_kstr(struct jw *w, const char *key, const char *s);
void jw_kint(struct jw *w, const char *key, long long v);
void jw_knum(struct jw *w, const char *key, double v);
void jw_kpos(struct jw *w, const char *key, long v);
void jw_kbool(struct jw *w, const char *key, int b);
void jw_kday(struct jw *w, const char *key, long d);

#endif
