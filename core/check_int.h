/*
 * check_int: internal to the check_*.c files (libgit2's "module__"
 * naming); core/check.h is the public interface.
 *
 * The engine (check_backlog.c) builds a check__ctx once: the severities
 * of docket.yaml, the key table, the cycle names.  For each item it
 * builds a check__view (one pass over the item's keys) and runs every
 * rule's item function on it, in registry order; after loading it
 * builds the id and ORDER tables and runs every backlog function.
 * Rule functions report through check__emit only.
 */
#ifndef DOCKET_CHECK_INT_H
#define DOCKET_CHECK_INT_H

#include <stdint.h>

#include "core/check.h"
#include "core/schema.h"

/* What a front-matter key is. */
enum check__key_class {
	CHECK__KEY_UNKNOWN,
	CHECK__KEY_BUILTIN,
	CHECK__KEY_CUSTOM,
	CHECK__KEY_FORBIDDEN,
};

struct check__key {
	const char *name;
	enum check__key_class cls;
	int kind;                    /* enum schema_kind (builtin) */
	const char *const *values;   /* builtin enum values */
	const struct field_def *def; /* custom */
	int bit;                     /* builtin index, for the masks */
};

struct check__ctx {
	const struct backlog *bl;
	const struct config *cfg;
	const struct check_opts *o;
	struct diag_list *out;
	int cfg_unread;              /* docket.yaml did not parse: its fields,
				      * goals and owners are unknown, so the
				      * rules that need them stay silent */
	enum severity sev[RULE_COUNT];
	const struct rule_setting *setting[RULE_COUNT];
	double bau_max;              /* bau-share max (0..1) */
	double effort_max;           /* max-effort max */
	long wip_max;                /* wip-limit max */
	struct check__key *keyv;     /* builtin, declared and forbidden keys */
	size_t nkeys;
	struct strmap keys;          /* name -> struct check__key * */
	const char **keynames;       /* candidates for "did you mean" */
	size_t nkeynames;
	struct strmap ids;           /* declared id -> first item index + 1 */
	struct strmap known;         /* every id that exists in some form */
	struct strmap cycles;        /* cycle name (file stem) -> struct item * */
	struct strmap order_line;    /* id -> first ORDER line index + 1 */
	char **owned;                /* strings the maps point into */
	size_t nowned, aowned;
	const int *id_pos;           /* line, column of each item's id (two
				      * ints per bl->items entry) for items
				      * whose tree is gone, or NULL */
};

/* One key of an item, classified. */
struct check__kv {
	const struct ynode *k, *v;
	const struct check__key *key;   /* NULL: unknown */
};

/* An item as its rules see it: built by one pass over its keys. */
struct check__view {
	const struct item *it;
	struct check__kv *kv;        /* every key, in file order */
	size_t nkv;
	uint64_t present;            /* builtin fields with a value, by bit */
	uint64_t valid;              /* ... whose value check passed (set by
				      * check__values, which runs first) */
	const struct ynode *key[64]; /* builtin key and value nodes by bit */
	const struct ynode *val[64];
};

/* The builtin field's bit (its index in schema_fields). */
int check__bit(const char *name);
/* The value of a builtin field when it passed its value check, else NULL. */
const struct ynode *check__valid(const struct check__view *v, int bit);

/* Append a finding for rule r with its effective severity (nothing
 * when the rule is off); returns it (NULL when off) so that the caller
 * may add the subject, field or fix. */
struct diag *check__emit(struct check__ctx *x, enum check_rule r,
			 const char *file, int line, int col,
			 const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* check__emit about an item (its id is the subject) and one of its
 * nodes (the position and end; the key names the field). */
struct diag *check__emit_at(struct check__ctx *x, enum check_rule r,
			    const struct item *it, const struct ynode *key,
			    const struct ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Keep s alive as long as x (for map keys); returns s. */
char *check__own(struct check__ctx *x, char *s);
/* Does the id exist (declared, or implied by a file name)? */
int check__id_known(const struct check__ctx *x, const char *id);
/* Where the id of bl->items[i] is (its node, or the position kept). */
void check__id_pos(const struct check__ctx *x, size_t i, int *line, int *col);
/* Run every item function of the registry on one parsed item. */
void check__item(struct check__ctx *x, const struct item *it);
/* Line and column of id's first line in ORDER; -1 when not listed. */
int check__order_pos(const struct check__ctx *x, const char *id, int *line,
		     int *col);
/* Build x->order_line (check_order.c). */
void check__order_lines(struct check__ctx *x);

/* Rule functions (see core/check_rules.def). */
void check__required(struct check__ctx *x, struct check__view *v);
void check__values(struct check__ctx *x, struct check__view *v);
void check__unknown_fields(struct check__ctx *x, struct check__view *v);
void check__id_filename(struct check__ctx *x, struct check__view *v);
void check__cycle_ref(struct check__ctx *x, struct check__view *v);
void check__experiment(struct check__ctx *x, struct check__view *v);
void check__result(struct check__ctx *x, struct check__view *v);
void check__dod(struct check__ctx *x, struct check__view *v);
void check__assignment(struct check__ctx *x, struct check__view *v);
void check__goal(struct check__ctx *x, struct check__view *v);
void check__max_effort(struct check__ctx *x, struct check__view *v);
void check__duplicate_ids(struct check__ctx *x);
void check__order(struct check__ctx *x);
void check__deps(struct check__ctx *x);
void check__bau_share(struct check__ctx *x);
void check__wip_limit(struct check__ctx *x);
void check__cycles(struct check__ctx *x);
void check__owner_order(struct check__ctx *x);
/* mvl-order and order-empty-section (check_order.c) */
void check__order_sections(struct check__ctx *x);

/* Move the findings of l (made with default severities, as
 * check_value makes them) to the run's, with docket.yaml's severities;
 * the subject, when not NULL, is set on each.  Returns how many were
 * in l. */
size_t check__adopt(struct check__ctx *x, struct diag_list *l,
		    const char *subject);
/* "a, b or c" (check_value.c). */
void check__join(struct sbuf *sb, const char *const *vals, size_t n);
/* Is a node absent or null (an empty value)? */
int check__empty(const struct ynode *v);
/* The file name part of a path. */
const char *check__basename(const char *path);

#endif
