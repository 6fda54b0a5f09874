/*
 * check_backlog.c: the rule registry, severity overrides and rule
 * settings from docket.yaml, the entry point check_backlog, and the
 * backlog-wide rules (bau-share, wip-limit).
 *
 * Design notes
 * (1) Severity is decided once per rule before any rule runs
 *     (x->sev[]); check__emit is the only place findings are made, so
 *     an override or `off` applies to every finding of the rule, the
 *     loader's included (bl->diags are copied through the same table).
 * (2) Every lookup a rule needs (keys, ids, cycles, ORDER lines) is a
 *     strmap built once here or in the first module that needs it, so
 *     the whole check is linear in the size of the backlog.
 */
#include "core/check_int.h"

#include <pthread.h>

#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"
#include "core/schema.h"
#include "core/xalloc.h"

const struct check_rule_info check_rules[RULE_COUNT] = {
#define CHECK_RULE(name, id, sev, scope, flags, item_fn, all_fn, summary, finds, help) \
	[RULE_##name] = { id, sev, scope, !((flags) & CHECK_FIXED), \
			  !!((flags) & CHECK_MAX), \
			  !!((flags) & (CHECK_KEEP | CHECK_FIXED)), item_fn, \
			  all_fn, summary, finds, help },
#include "core/check_rules.def"
#undef CHECK_RULE
};

static const char *const forbidden_keys[] = { "assignee", "assigned_to", "owner" };

int
check_rule_find(const char *id)
{
	for (int i = 0; id && i < RULE_COUNT; i++)
		if (!strcmp(check_rules[i].id, id))
			return i;
	return -1;
}

const char *
check_scope_name(enum check_scope s)
{
	static const char *const names[] = {
		[CHECK_SCOPE_ITEM] = "item", [CHECK_SCOPE_REFS] = "refs",
		[CHECK_SCOPE_ORDER] = "order", [CHECK_SCOPE_CYCLES] = "cycles",
		[CHECK_SCOPE_BACKLOG] = "backlog", [CHECK_SCOPE_HISTORY] = "history",
	};

	return (size_t)s < ARRAY_SIZE(names) ? names[s] : "?";
}

/* ---------------------------------------------------------------------
 * Helpers shared by the modules
 * ------------------------------------------------------------------- */

static struct diag *
vemit(struct check__ctx *x, enum check_rule r, const char *file, int line,
      int col, const char *fmt, va_list ap)
{
	struct sbuf sb = SBUF_INIT;
	struct diag *d;

	assert(r >= 0 && r < RULE_COUNT);
	if (x->sev[r] == SEV_OFF)
		return NULL;
	sbuf_vaddf(&sb, fmt, ap);
	d = diag_add(x->out, x->sev[r], check_rules[r].id, file, line, col,
		     "%s", sb.buf);
	sbuf_release(&sb);
	return d;
}

struct diag *
check__emit(struct check__ctx *x, enum check_rule r, const char *file,
	    int line, int col, const char *fmt, ...)
{
	struct diag *d;
	va_list ap;

	va_start(ap, fmt);
	d = vemit(x, r, file, line, col, fmt, ap);
	va_end(ap);
	return d;
}

struct diag *
check__emit_at(struct check__ctx *x, enum check_rule r, const struct item *it,
	       const struct ynode *key, const struct ynode *at,
	       const char *fmt, ...)
{
	struct diag *d;
	va_list ap;

	va_start(ap, fmt);
	d = vemit(x, r, it->path, at->line, at->col, fmt, ap);
	va_end(ap);
	if (d) {
		d->end_line = at->end_line;
		d->end_column = at->end_col;
		diag_set_subject(d, it->id);
		diag_set_field(d, key ? key->text : NULL);
	}
	return d;
}

size_t
check__adopt(struct check__ctx *x, struct diag_list *l, const char *subject)
{
	size_t n = l->n;

	for (size_t i = 0; i < l->n; i++) {
		struct diag *d = &l->v[i];
		int r = check_rule_find(d->rule);

		assert(r >= 0);
		if (x->sev[r] == SEV_OFF) {
			diag_release(d);
			continue;
		}
		d->severity = x->sev[r];
		if (subject)
			diag_set_subject(d, subject);
		x->out->v = xgrow(x->out->v, &x->out->alloc, x->out->n + 1,
				  sizeof(*x->out->v));
		x->out->v[x->out->n++] = *d;
	}
	free(l->v);
	diag_list_init(l);
	return n;
}

char *
check__own(struct check__ctx *x, char *s)
{
	x->owned = xgrow(x->owned, &x->aowned, x->nowned + 1, sizeof(*x->owned));
	x->owned[x->nowned++] = s;
	return s;
}

int
check__id_known(const struct check__ctx *x, const char *id)
{
	return strmap_find(&x->known, id, strlen(id)) != NULL;
}

int
check__empty(const struct ynode *v)
{
	if (!v)
		return 1;
	if (v->type == YNODE_SCALAR)
		return ynode_is_null(v) ||
		       (v->len == 0 && v->style != YSTYLE_PLAIN);
	return 0;
}

const char *
check__basename(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* ---------------------------------------------------------------------
 * Suggestions
 * ------------------------------------------------------------------- */

size_t
check_distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b), d = 0;
	size_t *buf, *prev2, *prev, *cur;

	if (la > 64 || lb > 64 || (la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	/* three rows of one allocation, rotated: i-2, i-1 and i */
	buf = xcalloc(3 * (lb + 1), sizeof(*buf));
	prev2 = buf;
	prev = buf + lb + 1;
	cur = prev + lb + 1;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		int ca = tolower((unsigned char)a[i - 1]);
		size_t best, *t;

		cur[0] = best = i;
		for (size_t j = 1; j <= lb; j++) {
			int cb = tolower((unsigned char)b[j - 1]);

			d = prev[j - 1] + (ca != cb);
			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb &&
			    prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
			if (d < best)
				best = d;
		}
		if (best > limit) {
			free(buf);
			return limit + 1;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	d = prev[lb];
	free(buf);
	return d > limit ? limit + 1 : d;
}

const char *
check_suggest(const char *word, const char *const *cands, size_t n)
{
	size_t wl = strlen(word), limit, best_d;
	const char *best = NULL;

	if (!wl)
		return NULL;
	limit = wl / 3 ? wl / 3 : 1;
	if (limit > 3)
		limit = 3;
	best_d = limit + 1;
	for (size_t i = 0; i < n; i++) {
		size_t d = check_distance(word, cands[i], limit);

		if (d < best_d) {
			best_d = d;
			best = cands[i];
		}
	}
	if (best)
		return best;
	/* "depends" for "depends_on" */
	for (size_t i = 0; wl >= 4 && i < n; i++)
		if (!strncmp(cands[i], word, wl))
			return cands[i];
	return NULL;
}

/* ---------------------------------------------------------------------
 * Rules: severities and settings
 * ------------------------------------------------------------------- */

static void
config_warning(struct check__ctx *x, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
config_warning(struct check__ctx *x, int line, int col, const char *fmt, ...)
{
	struct sbuf sb = SBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	diag_add(x->out, SEV_WARNING, "config", x->cfg->path, line, col, "%s",
		 sb.buf);
	sbuf_release(&sb);
}

/* The bounds of each max: setting (the rules with CHECK_MAX). */
static const struct {
	enum check_rule rule;
	double def, lo, hi;
	int whole;
	const char *what;
} rule_max[] = {
	{ RULE_BAU_SHARE, 0.5, 0, 1, 0, "a share from 0 to 1, like 0.5" },
	{ RULE_MAX_EFFORT, 8, 0, 1e9, 0, "a number of at least 0, like 8" },
	{ RULE_WIP_LIMIT, 5, 0, 1e9, 1, "a whole number of at least 0, like 5" },
};

int
check_rule_max(double *out, const struct config *c, enum check_rule r,
	       struct diag_list *diags)
{
	const struct rule_setting *s = config_rule(c, check_rules[r].id);
	const struct ynode *v;
	size_t k;
	double d;

	for (k = 0; k < ARRAY_SIZE(rule_max) && rule_max[k].rule != r; k++)
		;
	assert(k < ARRAY_SIZE(rule_max));
	*out = rule_max[k].def;
	v = s && s->settings ? ynode_get(s->settings, "max") : NULL;
	if (!v)
		return 0;
	if (ynode_number(v, &d) || ynode_kind(v) == YKIND_STR || isnan(d) ||
	    d < rule_max[k].lo || d > rule_max[k].hi ||
	    (rule_max[k].whole && d != floor(d))) {
		if (diags)
			diag_add(diags, SEV_ERROR, "config", c->path, v->line,
				 v->col, "rules: %s: max must be %s",
				 check_rules[r].id, rule_max[k].what);
		return -1;
	}
	*out = d;
	return 0;
}

/* A rule's max: setting (a bad one is docket.yaml's config error,
 * reported by its loader). */
static double
setting_max(struct check__ctx *x, enum check_rule r)
{
	double d;

	check_rule_max(&d, x->cfg, r, NULL);
	return d;
}

static void
setup_rules(struct check__ctx *x)
{
	const char *names[RULE_COUNT];
	const struct config *c = x->cfg;

	for (int i = 0; i < RULE_COUNT; i++) {
		x->sev[i] = check_rules[i].severity;
		names[i] = check_rules[i].id;
	}
	for (size_t i = 0; i < c->nrules; i++) {
		const struct rule_setting *s = &c->rules[i];
		int r = check_rule_find(s->id);

		if (r < 0) {
			const char *best = check_suggest(s->id, names, RULE_COUNT);

			config_warning(x, s->line, s->col,
				       "unknown rule '%s' in rules:%s%s%s (see 'docket help check' for the rule ids)",
				       s->id, best ? "; did you mean '" : "",
				       best ? best : "", best ? "'?" : "");
			continue;
		}
		if (!check_rules[r].configurable) {
			config_warning(x, s->line, s->col,
				       "rule '%s' cannot be changed: a file docket cannot read is always an error; remove this line",
				       s->id);
			continue;
		}
		if (s->severity >= 0)
			x->sev[r] = (enum severity)s->severity;
		x->setting[r] = s;
		for (size_t k = 0; s->settings && k + 1 < s->settings->nkids; k += 2) {
			const struct ynode *key = s->settings->kids[k];
			int has_max = check_rules[r].has_max;

			if (!strcmp(key->text, "severity") ||
			    (has_max && !strcmp(key->text, "max")))
				continue;
			config_warning(x, key->line, key->col,
				       "unknown setting '%s' for rule '%s' (known: severity%s)",
				       key->text, s->id, has_max ? ", max" : "");
		}
	}
	/* the command line over docket.yaml */
	for (int r = 0; r < RULE_COUNT; r++) {
		if (check_rules[r].keep)
			continue;
		if (x->o->ignore[r])
			x->sev[r] = SEV_OFF;
		else if (x->o->have_select && !x->o->select[r])
			x->sev[r] = SEV_OFF;
		else if (x->o->have_select && x->sev[r] == SEV_OFF)
			x->sev[r] = check_rules[r].severity;
	}
	x->bau_max = setting_max(x, RULE_BAU_SHARE);
	x->effort_max = setting_max(x, RULE_MAX_EFFORT);
	x->wip_max = (long)setting_max(x, RULE_WIP_LIMIT);
}

/* The loader's findings, through the same severity table. */
static void
copy_loader_diags(struct check__ctx *x)
{
	const struct diag_list *l = &x->bl->diags;

	for (size_t i = 0; i < l->n; i++) {
		const struct diag *d = &l->v[i];
		int r = check_rule_find(d->rule);
		enum severity sev = d->severity;

		if (r >= 0 && check_rules[r].configurable)
			sev = x->sev[r];
		if (sev != SEV_OFF)
			diag_copy(x->out, d)->severity = sev;
	}
}

/* ---------------------------------------------------------------------
 * Lookup tables
 * ------------------------------------------------------------------- */

static void
build_keys(struct check__ctx *x)
{
	const struct config *c = x->cfg;
	size_t n = schema_nfields + c->nfields + ARRAY_SIZE(forbidden_keys);

	x->keyv = xcalloc(n, sizeof(*x->keyv));
	/* the same candidates as the writes' (schema_suggest) */
	x->nkeynames = schema_field_names(&x->keynames, c);
	strmap_init(&x->keys);
	for (size_t i = 0; i < ARRAY_SIZE(forbidden_keys); i++) {
		struct check__key *k = &x->keyv[x->nkeys++];

		k->name = forbidden_keys[i];
		k->cls = CHECK__KEY_FORBIDDEN;
		k->bit = -1;
		strmap_put(&x->keys, k->name, strlen(k->name), k);
	}
	for (size_t i = 0; i < schema_nfields; i++) {
		struct check__key *k = &x->keyv[x->nkeys++];

		k->name = schema_fields[i].name;
		k->cls = CHECK__KEY_BUILTIN;
		k->kind = schema_fields[i].kind;
		k->values = schema_fields[i].values;
		k->bit = (int)i;
		strmap_put(&x->keys, k->name, strlen(k->name), k);
	}
	for (size_t i = 0; i < c->nfields; i++) {
		const struct field_def *f = &c->fields[i];
		struct check__key *k;

		if (strmap_find(&x->keys, f->name, strlen(f->name)))
			continue;
		k = &x->keyv[x->nkeys++];
		k->name = f->name;
		k->cls = CHECK__KEY_CUSTOM;
		k->kind = SK_CUSTOM;
		k->def = f;
		k->bit = -1;
		strmap_put(&x->keys, k->name, strlen(k->name), k);
	}
}

/* Cycle files by name (the file name without .md). */
static void
build_cycles(struct check__ctx *x)
{
	strmap_init(&x->cycles);
	for (size_t i = 0; i < x->bl->ncycles; i++) {
		struct item *c = x->bl->cycles[i];
		const char *base = check__basename(c->path);
		size_t n = strlen(base);

		if (n > 3 && !strcmp(base + n - 3, ".md"))
			n -= 3;
		if (!strmap_find(&x->cycles, base, n))
			strmap_put(&x->cycles, base, n, c);
	}
}

/* ---------------------------------------------------------------------
 * Backlog-wide rules
 * ------------------------------------------------------------------- */

/* Where a backlog-wide finding points: the rule's max in docket.yaml,
 * else the rule's line, else the top of docket.yaml. */
static void
setting_pos(const struct check__ctx *x, enum check_rule r, int *line, int *col)
{
	const struct rule_setting *s = x->setting[r];
	const struct ynode *v = s && s->settings ? ynode_get(s->settings, "max") : NULL;

	*line = v ? v->line : s ? s->line : 1;
	*col = v ? v->col : s ? s->col : 1;
}

void
check__bau_share(struct check__ctx *x)
{
	const struct backlog *bl = x->bl;
	size_t open = 0, bau = 0;
	int line, col;

	for (size_t i = 0; i < bl->nitems; i++) {
		const struct item *it = bl->items[i];

		if (!it->parsed || it->status == ST_UNKNOWN ||
		    !item_status_open(it->status))
			continue;
		open++;
		if (it->type == TYPE_BAU)
			bau++;
	}
	if (open && (double)bau / (double)open > x->bau_max) {
		setting_pos(x, RULE_BAU_SHARE, &line, &col);
		check__emit(x, RULE_BAU_SHARE, x->cfg->path, line, col,
			    "%zu of %zu open items (%.0f%%) are business as usual, over the limit of %.0f%%: make room for experiments, or raise 'bau-share: { max: ... }' under rules:",
			    bau, open, 100.0 * (double)bau / (double)open,
			    100.0 * x->bau_max);
	}
}

void
check__wip_limit(struct check__ctx *x)
{
	const struct backlog *bl = x->bl;
	size_t doing = 0;
	int line, col;

	/* an item started over the limit on purpose (start --over-wip
	 * recorded it) does not count against it */
	for (size_t i = 0; i < bl->nitems; i++)
		if (bl->items[i]->parsed && bl->items[i]->status == ST_DOING &&
		    !bl->items[i]->over_wip)
			doing++;
	if ((long)doing > x->wip_max) {
		setting_pos(x, RULE_WIP_LIMIT, &line, &col);
		check__emit(x, RULE_WIP_LIMIT, x->cfg->path, line, col,
			    "%zu items are 'doing', over the WIP limit of %ld: finish work before starting more (docket list --status doing)",
			    doing, x->wip_max);
	}
}

/* ---------------------------------------------------------------------
 * Entry point
 * ------------------------------------------------------------------- */

static void
ctx_release(struct check__ctx *x)
{
	strmap_release(&x->keys);
	strmap_release(&x->ids);
	strmap_release(&x->known);
	strmap_release(&x->cycles);
	strmap_release(&x->order_line);
	for (size_t i = 0; i < x->nowned; i++)
		free(x->owned[i]);
	free(x->owned);
	free(x->keyv);
	free(x->keynames);
	check__supp_release(x);
}

struct check_run {
	struct check__ctx x;
	struct diag_list found;
	pthread_mutex_t lock;        /* the visitor runs in the loader's threads */
	int ready;                   /* rules, keys and cycles are set up */
	int items_done;              /* the visitor ran the item rules */
	int *id_pos;                 /* line, column of each item's id */
	size_t nid_pos;              /* items (two ints each) */
};

struct check_run *
check_run_new(const struct backlog *bl, const struct check_opts *o)
{
	static const struct check_opts defaults = CHECK_OPTS_INIT;
	struct check_run *r = xcalloc(1, sizeof(*r));

	r->x.bl = bl;
	r->x.cfg = &bl->config;
	r->x.o = o ? o : &defaults;
	r->x.out = &r->found;
	diag_list_init(&r->found);
	strmap_init(&r->x.ids);
	strmap_init(&r->x.known);
	strmap_init(&r->x.order_line);
	strmap_init(&r->x.keys);
	strmap_init(&r->x.cycles);
	pthread_mutex_init(&r->lock, NULL);
	return r;
}

/* Once docket.yaml and the cycle files are read. */
static void
run_setup(struct check_run *r)
{
	struct check__ctx *x = &r->x;

	if (r->ready)
		return;
	r->ready = 1;
	x->cfg_unread = !x->cfg->root || x->cfg->root->type != YNODE_MAP;
	setup_rules(x);
	strmap_release(&x->keys);
	strmap_release(&x->cycles);
	build_keys(x);
	build_cycles(x);
}

/* A copy of what the rules across items read of a tree besides the id:
 * the root's depends_on and follows (positions kept), or NULL when it
 * has neither, as most items. */
static struct ynode *
cross_item_part(const struct ynode *root)
{
	static const char *const keep[] = { "depends_on", "follows" };
	long k[ARRAY_SIZE(keep)];
	size_t n = 0;
	struct ynode *m;

	for (size_t i = 0; i < ARRAY_SIZE(keep); i++)
		if ((k[i] = ynode_key_index(root, keep[i])) >= 0)
			n++;
	if (!n)
		return NULL;
	m = xcalloc(1, sizeof(*m));
	*m = *root;
	m->tag = NULL;
	m->text = NULL;
	m->kids = xcalloc(2 * n, sizeof(*m->kids));
	m->nkids = 0;
	m->alloc = 2 * n;
	for (size_t i = 0; i < ARRAY_SIZE(keep); i++) {
		if (k[i] < 0)
			continue;
		m->kids[m->nkids++] = ynode_copy(root->kids[2 * k[i]]);
		m->kids[m->nkids++] = ynode_copy(root->kids[2 * k[i] + 1]);
	}
	return m;
}

void
check_run_visit(struct item *it, size_t index, size_t count, void *arg)
{
	struct check_run *r = arg;
	struct ynode *part = NULL;
	const struct ynode *id;

	assert(index < count);
	pthread_mutex_lock(&r->lock);
	run_setup(r);
	r->items_done = 1;
	if (!r->id_pos) {
		r->nid_pos = count;
		r->id_pos = xcalloc(2 * count, sizeof(*r->id_pos));
	}
	assert(r->nid_pos == count);
	check__item(&r->x, it);
	pthread_mutex_unlock(&r->lock);
	if (!it->parsed || !it->fm.root)
		return;
	/* the id's position, for duplicate-id once the tree is gone (each
	 * visitor writes its own entry only) */
	id = item_get(it, "id");
	r->id_pos[2 * index] = id ? id->line : 1;
	r->id_pos[2 * index + 1] = id ? id->col : 1;
	part = cross_item_part(it->fm.root);
	item_lean(it);
	it->fm.root = part;
}

void
check__id_pos(const struct check__ctx *x, size_t i, int *line, int *col)
{
	const struct ynode *v;

	assert(i < x->bl->nitems);
	v = item_get(x->bl->items[i], "id");
	*line = *col = 1;
	if (v) {
		*line = v->line;
		*col = v->col;
	} else if (x->id_pos && x->id_pos[2 * i]) {
		*line = x->id_pos[2 * i];
		*col = x->id_pos[2 * i + 1];
	}
}

static void
run_free(struct check_run *r)
{
	ctx_release(&r->x);
	diag_list_release(&r->found);
	pthread_mutex_destroy(&r->lock);
	free(r->id_pos);
	free(r);
}

void
check_run_free(struct check_run *r)
{
	if (r)
		run_free(r);
}

/*
 * x->ids maps each declared id to the index of the first item (in file
 * order) that declares it, plus one.  x->known holds every id that
 * exists in some form: declared ids, and the id a file name implies
 * (MKT-4-teaser.md -> MKT-4) even when that file failed to parse or
 * declares another id.  References are checked against x->known, so a
 * file with a syntax error is reported once, as syntax, and not again
 * as an unknown id in ORDER or in every depends_on that names it.
 */
static void
build_ids(struct check__ctx *x)
{
	const struct backlog *bl = x->bl;

	for (size_t i = 0; i < bl->nitems; i++) {
		const struct item *it = bl->items[i];
		char *fid = item_id_from_filename(check__basename(it->path));

		if (fid) {
			check__own(x, fid);
			if (!strmap_find(&x->known, fid, strlen(fid)))
				strmap_put(&x->known, fid, strlen(fid), (void *)it);
		}
		if (!it->parsed || !it->id)
			continue;
		if (!strmap_find(&x->known, it->id, strlen(it->id)))
			strmap_put(&x->known, it->id, strlen(it->id), (void *)it);
		if (!strmap_find(&x->ids, it->id, strlen(it->id)))
			strmap_put(&x->ids, it->id, strlen(it->id),
				   (void *)(intptr_t)(i + 1));
	}
}

int
check_run_finish(struct check_run *r, struct diag_list *out)
{
	struct check__ctx *x = &r->x;
	void (*done[RULE_COUNT])(struct check__ctx *);
	size_t ndone = 0;

	run_setup(r);
	x->id_pos = r->id_pos;
	copy_loader_diags(x);
	if (!r->items_done)
		for (size_t i = 0; i < x->bl->nitems; i++)
			check__item(x, x->bl->items[i]);
	build_ids(x);
	check__order_lines(x);
	/* every backlog function once, in registry order */
	for (int i = 0; i < RULE_COUNT; i++) {
		size_t j = 0;

		if (!check_rules[i].all)
			continue;
		while (j < ndone && done[j] != check_rules[i].all)
			j++;
		if (j < ndone)
			continue;
		done[ndone++] = check_rules[i].all;
		check_rules[i].all(x);
	}
	for (size_t i = 0; i < x->bl->ncycles; i++)
		check__supp_scan_item(x, x->bl->cycles[i]);
	check__supp_scan_order(x);
	check__supp_apply(x);
	diag_list_sort(&r->found);
	diag_list_move(out, &r->found);
	run_free(r);
	return 0;
}

int
check_backlog(struct diag_list *out, const struct backlog *bl,
	      const struct check_opts *o)
{
	return check_run_finish(check_run_new(bl, o), out);
}
