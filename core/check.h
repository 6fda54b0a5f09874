/*
 * check: `docket check` (docs/checks.md): validate a loaded backlog and return
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
#include "core/order_hosted.h"
#include "core/strmap.h"

struct repo;
struct check__ctx;
struct check__view;

/* What a rule reads (see core/check_rules.def): writes of issue 16 run
 * the rules within the scope of what they change. */
enum check_scope {
	CHECK_SCOPE_ITEM,      /* the item alone */
	CHECK_SCOPE_REFS,      /* an item against the other items */
	CHECK_SCOPE_ORDER,     /* ORDER */
	CHECK_SCOPE_CYCLES,    /* the cycle files */
	CHECK_SCOPE_BACKLOG,   /* the whole backlog, docket.yaml */
	CHECK_SCOPE_HISTORY,   /* git history (--base) */
};

enum {
	CHECK_FIXED = 1 << 0,  /* the severity cannot be changed (implies
				* CHECK_KEEP) */
	CHECK_MAX = 1 << 1,    /* the rule takes a max: setting */
	CHECK_KEEP = 1 << 2,   /* never suppressed: not inline, not by
				* --ignore or --select */
};

/* RULE_SYNTAX, RULE_CONFIG, ... in the order of the registry. */
enum check_rule {
#define CHECK_RULE(name, ...) RULE_##name,
#include "core/check_rules.def"
#undef CHECK_RULE
	RULE_COUNT
};

struct check_rule_info {
	const char *id;              /* "duplicate-id" */
	enum severity severity;      /* the default */
	enum check_scope scope;
	int configurable;            /* may rules: change it? */
	int has_max;                 /* does it take a max: setting? */
	int keep;                    /* never suppressed (CHECK_KEEP) */
	/* run for each item, and once for the backlog (either may be NULL) */
	void (*item)(struct check__ctx *x, struct check__view *v);
	void (*all)(struct check__ctx *x);
	const char *summary;         /* one line, a sentence */
	const char *finds;           /* what it finds, for the rule lists */
	const char *help;            /* why and how to fix (docket help RULE) */
};

/* Every rule, indexed by enum check_rule (core/check_rules.def). */
extern const struct check_rule_info check_rules[RULE_COUNT];

/* The rule named id, or -1. */
int check_rule_find(const char *id);
/*
 * The max: setting of rule r (one that takes it: bau-share, max-effort,
 * wip-limit) in c's rules:, its default when not given.  The one check
 * of that value: config_parse reports a bad one as a config error (so
 * every command but check stops), `check` and the WIP limit read it
 * here.  Returns 0, or -1 when the value is not valid for the rule
 * (*out is then the default), with an error in diags (may be NULL).
 */
int check_rule_max(double *out, const struct config *c, enum check_rule r,
		   struct diag_list *diags);
/* "item", "refs", "order", "cycles", "backlog", "history". */
const char *check_scope_name(enum check_scope s);

/*
 * The one check of a field's value, shared by `check` and the write
 * commands (so a write never accepts a value check rejects): type,
 * enum, range, pattern and id-format.  v is the value of key k; the
 * field is the built-in one of that name (docs/reference.md) or the one declared
 * under c's fields:.  Findings are appended to out with the rule's
 * default severity, file, the value's position and k as their field.
 * Returns 0 when the value is usable (an empty value, or an unknown
 * key, too), -1 after a finding.
 */
int check_value(struct diag_list *out, const struct config *c, const char *file,
		const struct ynode *k, const struct ynode *v);
/* The same for a value of a known kind: enum schema_kind, its values
 * for SK_ENUM, its declaration for SK_CUSTOM. */
int check_value_as(struct diag_list *out, const struct config *c,
		   const char *file, const struct ynode *k,
		   const struct ynode *v, int kind, const char *const *values,
		   const struct field_def *def);
/* Rule r's severity under c's rules: (its default when not changed). */
enum severity check_rule_severity(const struct config *c, enum check_rule r);

/*
 * The text rules every value obeys, in `check` and in every write (the
 * command line checks its KEY=VALUE and titles with it before anything
 * is written, so that docket never writes what it would then reject):
 * valid UTF-8; and for a one-line value (a title, an id, an enum, a
 * goal, a date, a list entry) no NUL and no line break (LF, CR, and the
 * line and paragraph separators U+2028 and U+2029, which YAML and many
 * terminals break lines at; a NEL, a C1 control, is written escaped
 * and shown escaped).  0, or DK_EINVALID with the reason in errs, a
 * phrase to follow the value's name ("holds a NUL byte").
 */
int check_text_value(const char *s, size_t len, int one_line,
		     struct diag_list *errs);
/* Is a built-in field of this schema kind (enum schema_kind) one line? */
int check_kind_one_line(int kind);

/* Someone whose word may make an ORDER change an owner's: the author
 * of a later "Approved-order:" line for the ORDER the change led to, or
 * of a merge commit that brought the change in (check_approve.c). */
struct check_approver {
	char *name;                  /* NULL for an approval line */
	char *email;
	char via[16];                /* short id of the approving commit */
	int merge;                   /* 1: a merge commit, 0: an approval */
};

/* A commit in BASE..HEAD that changed ORDER. */
struct check_order_commit {
	char id[16];                 /* short hex id */
	char *summary;               /* first line of the message */
	char *name;                  /* author */
	char *email;
	int line;                    /* first changed line of ORDER in it */
	unsigned char oid[20];       /* the full id */
	struct check_approver *approvers;
	size_t napprovers;
};

/* What --base needs from git. */
/* An item file the base added since the merge base (id-collision). */
struct check_base_item {
	char *path;                  /* relative to the repository top */
	char *id;                    /* its id: id: of the front matter, else
				      * from the file name */
	char *title;                 /* or NULL */
	char blob[41];               /* its blob id, hex */
};

struct check_base {
	char **changed;              /* paths changed since the base */
	size_t nchanged;
	char **added;                /* of those, the files the branch added */
	char (*added_blob)[41];      /* their blob ids ("" when not known) */
	size_t nadded;
	struct check_order_commit *commits;  /* oldest first */
	size_t ncommits;
	char merge_base[41];         /* the commit compared with (hex) */
	char *base;                  /* the base as given ("main") */
	struct check_base_item *base_items;  /* added on the base since the
					      * merge base */
	size_t nbase_items;
	/* ORDER merged into the base by a host's line merge, when both
	 * sides changed it (order-merge) */
	struct order_hosted hosted;
	int have_hosted;
};

/*
 * --select and --ignore, over docket.yaml's rules (docs/checks.md): a rule in
 * ignore[] is off; with have_select, a rule not in select[] is off and
 * one in it is on (at docket.yaml's severity, or its default when
 * docket.yaml turned it off).  Rules with keep (syntax, config,
 * owner-order) are never turned off this way.
 */
struct check_opts {
	const struct check_base *base;  /* --base, or NULL */
	/* When the file at path (relative to the repository's top) was
	 * added: larger is later, LLONG_MAX when it is not committed.  For
	 * duplicate-id, which suggests renumbering the file added last
	 * (never the original).  NULL: the file whose name says the id is
	 * the original, then the first by name. */
	long long (*added)(void *arg, const char *path);
	void *added_arg;
	int have_select;
	unsigned char select[RULE_COUNT];
	unsigned char ignore[RULE_COUNT];
};

#define CHECK_OPTS_INIT { NULL, NULL, NULL, 0, { 0 }, { 0 } }

/*
 * Validate bl: the loader's findings and every rule of docs/checks.md, with the
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
 * the rules across items read (depends_on and follows; the run keeps
 * its id's position) and its resolved fields.  The findings are those
 * of check_backlog.  The
 * backlog must load with BL_CYCLES (cycle names are checked per item);
 * o is read again at finish, so o->base may be filled in after loading.
 */
struct check_run;

struct check_run *check_run_new(const struct backlog *bl,
				const struct check_opts *o);
/* A backlog_visit_fn; safe from the loader's threads. */
void check_run_visit(struct item *it, size_t index, size_t count, void *run);
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
 * to fetch more history) / DK_EIO, the reason appended to errs.
 */
int check_base_collect(struct check_base *out, struct repo *r,
		       const char *base, const char *rev,
		       const char *order_path, struct diag_list *errs);
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

#endif
