/*
 * check: `docket check` (SPEC 8): validate a loaded backlog and return
 * every finding as a struct diag.  Pure core: nothing is read again (the
 * backlog is already in memory), nothing is printed.
 *
 * Rules and their default severities are one table (check_rules[]).
 * docket.yaml `rules:` overrides a rule's severity (off, warning,
 * error) and gives its settings; the override is applied in one place
 * (check__emit), and `off` drops the finding before it is made.
 *
 * The loader's own findings (bl->diags) are part of the result:
 *   syntax  an item, cycle or ORDER file docket cannot read
 *   config  docket.yaml itself (bad YAML, bad values, a bad pattern,
 *           unknown keys or rules), at the offending line and column
 * These two are not configurable: a file docket cannot read would
 * otherwise be dropped silently, which is what `check` exists to
 * prevent.  A rules: entry for them is itself a config warning.
 *
 * Positions: the key for unknown or forbidden keys, the value for
 * type / enum / range / pattern, line 1 column 1 of the file for a
 * missing field, the ORDER line for order-* and dependency-order.
 *
 * --base (owner-order and "changed files") needs git: check_base_collect
 * (check_git.c) gathers it through libgit2 into a struct check_base,
 * which check_backlog then only reads.
 *
 * Ownership: check_backlog appends to the caller's diag_list; it keeps
 * no pointer into the backlog.  A check_base owns its strings and is
 * freed with check_base_release.
 */
#ifndef DOCKET_CHECK_H
#define DOCKET_CHECK_H

#include <stddef.h>

#include "core/backlog.h"
#include "core/diag.h"
#include "core/strmap.h"

struct repo;

enum check_rule {
	RULE_SYNTAX,
	RULE_CONFIG,
	RULE_REQUIRED,
	RULE_TYPE,
	RULE_ENUM,
	RULE_RANGE,
	RULE_PATTERN,
	RULE_UNKNOWN_FIELD,
	RULE_ID_FORMAT,
	RULE_ID_FILENAME,
	RULE_DUPLICATE_ID,
	RULE_ORDER_UNKNOWN,
	RULE_ORDER_DUPLICATE,
	RULE_ORDER_CLOSED,
	RULE_ORDER_CONFLICT,
	RULE_REF_UNKNOWN,
	RULE_DEPENDENCY_CYCLE,
	RULE_DEPENDENCY_ORDER,
	RULE_EXPERIMENT_INCOMPLETE,
	RULE_RESULT_MISSING,
	RULE_DOD_UNCHECKED,
	RULE_NO_DIRECT_ASSIGNMENT,
	RULE_GOAL_UNKNOWN,
	RULE_BAU_SHARE,
	RULE_MAX_EFFORT,
	RULE_WIP_LIMIT,
	RULE_CYCLE_CAPACITY,
	RULE_OWNER_ORDER,
	RULE_COUNT
};

struct check_rule_info {
	const char *id;              /* "duplicate-id" */
	enum severity severity;      /* the default */
	int configurable;            /* may rules: change it? */
	const char *finds;           /* one line, for help and docs */
};

/* Every rule, indexed by enum check_rule. */
extern const struct check_rule_info check_rules[RULE_COUNT];

/* The rule named id, or -1. */
int check_rule_find(const char *id);

/* A commit in BASE..HEAD that changed ORDER. */
struct check_order_commit {
	char id[16];                 /* short hex id */
	char *summary;               /* first line of the message */
	char *name;                  /* author */
	char *email;
	int line;                    /* first changed line of ORDER in it */
};

/* What --base needs from git. */
struct check_base {
	char **changed;              /* paths changed since the base */
	size_t nchanged;
	struct check_order_commit *commits;  /* oldest first */
	size_t ncommits;
};

struct check_opts {
	const struct check_base *base;  /* --base, or NULL */
};

#define CHECK_OPTS_INIT { NULL }

/*
 * Validate bl: the loader's findings and every rule of SPEC 8, with the
 * severities of docket.yaml applied, appended to out sorted by file,
 * line, column and rule.  Returns 0.
 */
int check_backlog(struct diag_list *out, const struct backlog *bl,
		  const struct check_opts *o);

/*
 * Checking while the backlog loads, so that a large backlog is never
 * held whole: make a run before backlog_load_visit (or
 * session_load_visit), pass check_run_visit as the visitor with the run
 * as its argument, then check_run_finish.  The rules about one item
 * (fields, types, values, Definition of Done) run in the visitor while
 * the item's tree is there; the item then keeps of its tree only what
 * the rules across items read (depends_on and follows, and its id's
 * position in out_off/out_len) and its resolved fields.  The findings are those of check_backlog.  The
 * backlog must load with BL_CYCLES (cycle names are checked per item);
 * o is read again at finish, so o->base may be filled in after loading.
 */
struct check_run;

struct check_run *check_run_new(const struct backlog *bl,
				const struct check_opts *o);
/* A backlog_visit_fn; safe from the loader's threads. */
void check_run_visit(struct item *it, void *run);
/* The remaining rules; appends every finding to out (sorted) and frees
 * the run.  Returns 0. */
int check_run_finish(struct check_run *run, struct diag_list *out);
/* Free a run without finishing it (the load failed). */
void check_run_free(struct check_run *run);

/*
 * Collect --base data: the files changed between the merge base of
 * base and head and head (head is rev, or HEAD plus the working tree
 * and index when rev is NULL), and the commits in base..head that
 * changed order_path (relative to the repository top).  Returns 0, or
 * DK_ENOTFOUND (unknown revision; in a shallow clone the message says
 * to fetch more history) / DK_EIO with r->err set.
 */
int check_base_collect(struct check_base *out, struct repo *r,
		       const char *base, const char *rev,
		       const char *order_path);
void check_base_release(struct check_base *b);

/* The first unchecked Definition-of-Done box of an item. */
struct check_dod_box {
	int line, col;               /* of its '[' */
	const char *text;            /* its text (into the item's data) */
	size_t text_len;             /* at most 60 bytes, whole characters */
};

/*
 * Count the unchecked task boxes ("- [ ]", also * + 1. 1)) in the
 * "## Definition of Done" section of it's body (any heading level and
 * case, up to the next heading of the same or a higher level; fenced
 * code is skipped).  first, when not NULL, receives the first one.
 * This is what the dod-unchecked rule and `docket done` use.
 */
size_t check_dod_open(const struct item *it, struct check_dod_box *first);

/*
 * Damerau-Levenshtein distance (optimal string alignment) between a and
 * b, compared case-insensitively; a value above limit is returned as
 * limit + 1 (the search stops early).
 */
size_t check_distance(const char *a, const char *b, size_t limit);
/* The candidate closest to word when it is close enough to be a
 * plausible typo (or word is its prefix), else NULL. */
const char *check_suggest(const char *word, const char *const *cands,
			  size_t n);

/* ---------------------------------------------------------------------
 * Internal to the check_*.c files (libgit2's "module__" naming).
 * ------------------------------------------------------------------- */

/* What a front-matter key is. */
enum check__key_class {
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
	int bit;                     /* builtin index, for the seen mask */
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
	struct strmap ids;           /* declared id -> first struct item * */
	struct strmap known;         /* every id that exists in some form */
	struct strmap cycles;        /* cycle name (file stem) -> struct item * */
	struct strmap order_line;    /* id -> first ORDER line index + 1 */
	char **owned;                /* strings the maps point into */
	size_t nowned, aowned;
	int items_done;              /* check_run_visit ran the per-item
				      * rules: check__fields skips items */
};

/* Append a finding for rule r with its effective severity (nothing
 * when the rule is off). */
void check__emit(struct check__ctx *x, enum check_rule r, const char *file,
		 int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Keep s alive as long as x (for map keys); returns s. */
char *check__own(struct check__ctx *x, char *s);
/* Does the id exist (declared, or implied by a file name)? */
int check__id_known(const struct check__ctx *x, const char *id);

void check__fields(struct check__ctx *x);   /* check_fields.c */
/* The rules about one parsed item (all of check__fields for it). */
void check__item(struct check__ctx *x, const struct item *it);
/* item->mark of an item check_run_visit made lean: its id's line and
 * column are in out_off and out_len. */
#define CHECK__ID_POS 0x1d
/* Where an item's id is (its node, or the position kept). */
void check__id_pos(const struct item *it, int *line, int *col);
void check__dod(struct check__ctx *x, const struct item *it);
void check__ids(struct check__ctx *x);      /* check_ids.c */
void check__order(struct check__ctx *x);    /* check_order.c */
/* Line and column of id's first line in ORDER; -1 when not listed. */
int check__order_pos(const struct check__ctx *x, const char *id, int *line,
		     int *col);
void check__deps(struct check__ctx *x);     /* check_deps.c */
void check__cycles(struct check__ctx *x);   /* check_cycles.c */
void check__owner_order(struct check__ctx *x); /* check_git.c */

/* Value checks shared by items and cycle files (check_fields.c):
 * check key k's value v as a builtin schema kind; returns 0 when the
 * value is usable, -1 after a finding. */
int check__value(struct check__ctx *x, const char *file,
		 const struct ynode *k, const struct ynode *v, int kind,
		 const char *const *values);
/* Is a node absent or null (an empty value)? */
int check__empty(const struct ynode *v);

/*
 * The text rules every value obeys, in `check` and in every write (the
 * command line checks its KEY=VALUE and titles with it before anything
 * is written, so that docket never writes what it would then reject):
 * valid UTF-8; and for a one-line value (a title, an id, an enum, a
 * goal, a date, a list entry) no NUL and no line break (LF, CR, and the
 * line and paragraph separators U+2028 and U+2029, which YAML and many
 * terminals break lines at; a NEL, a C1 control, is written escaped
 * and shown escaped).  0, or -1 with the reason in why ("holds a NUL byte").
 */
int check_text_value(const char *s, size_t len, int one_line, char *why,
		     size_t whylen);
/* Is a built-in field of this schema kind (enum schema_kind) one line? */
int check_kind_one_line(int kind);
/* The file name part of a path. */
const char *check__basename(const char *path);

#endif
