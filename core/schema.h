/*
 * schema: the built-in item fields of docs/reference.md, and the type of any key
 * once docket.yaml's `fields:` are taken into account.  Static tables,
 * no ownership.
 */
#ifndef DOCKET_SCHEMA_H
#define DOCKET_SCHEMA_H

#include <stddef.h>

#include "core/config.h"

enum schema_kind {
	SK_STRING,        /* a string; the source text is kept */
	SK_LINE,          /* a one-line string */
	SK_ID,            /* PREFIX-N */
	SK_ENUM,
	SK_NUMBER,        /* > 0 */
	SK_REMAINING,     /* a number >= 0 (effort left) */
	SK_SCORE,         /* integer 1-10 */
	SK_BOOL,
	SK_DATE,          /* YYYY-MM-DD */
	SK_STR_LIST,      /* list of strings */
	SK_ID_LIST,       /* list of ids */
	SK_NUM_OR_STR,    /* number or string */
	SK_GOAL,          /* a key of goals: */
	SK_CYCLE,         /* a cycle name */
	SK_CUSTOM,        /* declared in docket.yaml fields: */
	SK_UNKNOWN,
};

struct builtin_field {
	const char *name;
	enum schema_kind kind;
	const char *const *values;   /* SK_ENUM */
};

extern const struct builtin_field schema_fields[];
extern const size_t schema_nfields;

/* The built-in field named key, or NULL. */
const struct builtin_field *schema_builtin(const char *key);
/* Kind of key for this config: built-in, declared (SK_CUSTOM, and *def
 * set), or SK_UNKNOWN. */
enum schema_kind schema_kind_of(const struct config *c, const char *key,
				const struct field_def **def);
/* The names a key may be taken for (the "did you mean" of check and of
 * the writes): the built-in fields, then the declared ones not built in.
 * Returns how many; *names is allocated (free it), the names are c's
 * and the static table's. */
size_t schema_field_names(const char ***names, const struct config *c);
/* For a key that is neither built in nor declared: the field it is a
 * likely typo of (check_suggest over schema_field_names), else NULL;
 * NULL for a known key.  The name is c's or the table's. */
const char *schema_suggest(const struct config *c, const char *key);
/* Is the value of key a string whose source text must be kept (never
 * read as a number or boolean)? */
int schema_is_text(const struct config *c, const char *key);
/* Is s a valid calendar date YYYY-MM-DD? */
int schema_date_valid(const char *s);

#endif
