/*
 * plan.c: the proposal of `docket plan` (see plan.h for the rules), the
 * next cycle's name and the text of a new cycle file.
 */
#include "core/plan.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/date.h"
#include "core/metrics.h"
#include "core/strmap.h"
#include "core/xalloc.h"
#include "core/yaml_scalar.h"

void
plan_init(struct plan *p)
{
	memset(p, 0, sizeof(*p));
	p->start = p->end = -1;
	p->capacity = NAN;
}

void
plan_release(struct plan *p)
{
	free(p->name);
	free(p->v);
	plan_init(p);
}

int
plan_name_valid(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (!n || n > 64 || name[0] == '.' || name[0] == '-')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)name[i]) && !strchr("._-", name[i]))
			return 0;
	return 1;
}

/* ---------------------------------------------------------------------
 * Naming
 * ------------------------------------------------------------------- */

char *
plan_next_name(const struct cycles *cy, const char *pattern, long start)
{
	char buf[128], *name;

	if (!pattern || config_cycle_name(buf, sizeof(buf), pattern, start))
		config_cycle_name(buf, sizeof(buf), CONFIG_CYCLE_NAME_DEFAULT, start);
	if (!cycles_find(cy, buf))
		return xstrdup(buf);
	for (int k = 2;; k++) {
		name = xasprintf("%.60s-%d", buf, k);
		if (!cycles_find(cy, name))
			return name;
		free(name);
	}
}

/* ---------------------------------------------------------------------
 * The walk
 * ------------------------------------------------------------------- */

/* 0 when every dependency of it is done or taken, else -1 with the
 * first one that is not in e. */
static int
deps_met(const struct backlog *bl, const struct item *it,
	 const struct strmap *taken, struct plan_entry *e)
{
	const struct ynode *d = item_get(it, "depends_on");
	const struct ynode *one[1];
	const struct ynode *const *v;
	size_t n;

	if (!d)
		return 0;
	if (d->type == YNODE_SCALAR) {
		one[0] = d;
		v = one;
		n = d->len ? 1 : 0;
	} else if (d->type == YNODE_SEQ) {
		v = (const struct ynode *const *)d->kids;
		n = d->nkids;
	} else {
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		const struct item *dep;

		if (v[i]->type != YNODE_SCALAR || !v[i]->len)
			continue;
		dep = backlog_item(bl, v[i]->text);
		if (dep && dep->status == ST_DONE)
			continue;
		if (strmap_get(taken, v[i]->text))
			continue;
		e->dep = v[i]->text;
		e->dep_unknown = !dep;
		return -1;
	}
	return 0;
}

int
plan_taken(const struct plan_entry *e)
{
	return e->verdict == PLAN_TAKE || e->verdict == PLAN_CARRY;
}

/* Does a cycle other than skip that has not ended (on today) commit id? */
static int
committed_elsewhere(const struct cycles *cy, const struct cycle *skip,
		    const char *id, long today)
{
	for (size_t i = 0; i < cy->n; i++) {
		const struct cycle *c = &cy->v[i];

		if (c != skip && (c->end < 0 || c->end >= today) && cycle_has(c, id))
			return 1;
	}
	return 0;
}

/* 1: carried from the previous cycle; 2: in progress outside any cycle;
 * 0: not a carry-over candidate. */
static int
carry_kind(const struct plan *p, const struct cycles *cy, const struct item *it,
	   long today)
{
	if (!it->parsed || !it->id || !item_status_open(it->status) ||
	    it->status == ST_UNKNOWN)
		return 0;
	if (p->existing && cycle_has(p->existing, it->id))
		/* committed to this cycle already: under way, or walked */
		return it->status == ST_DOING || it->status == ST_BLOCKED ? 3 : 0;
	if (p->prev && (cycle_has(p->prev, it->id) ||
			(it->cycle && !strcmp(it->cycle, p->prev->name))))
		return 1;
	if ((it->status == ST_DOING || it->status == ST_BLOCKED) &&
	    !committed_elsewhere(cy, p->existing, it->id, today))
		return 2;
	return 0;
}

struct cand {
	const struct item *it;
	int kind;
};

static int
cmp_cand(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;
	int ai = a->it->type == TYPE_IMPROVEMENT, bi = b->it->type == TYPE_IMPROVEMENT;

	if (ai != bi)
		return ai ? -1 : 1;
	if ((a->it->rank > 0) != (b->it->rank > 0))
		return a->it->rank > 0 ? -1 : 1;
	if (a->it->rank != b->it->rank)
		return a->it->rank < b->it->rank ? -1 : 1;
	return item_id_cmp(a->it->id, b->it->id);
}

/* The carry-over: in progress always, the rest while it fits. */
static void
carry(struct plan *p, const struct backlog *bl, const struct cycles *cy,
      long today, struct strmap *taken, double *left)
{
	struct cand *c = xcalloc(bl->nitems + 1, sizeof(*c));
	size_t n = 0;

	for (size_t i = 0; i < bl->nitems; i++) {
		const struct item *it = bl->items[i];
		int k;

		if (backlog_item(bl, it->id ? it->id : "") != it)
			continue;
		if ((k = carry_kind(p, cy, it, today))) {
			c[n].it = it;
			c[n++].kind = k;
		}
	}
	qsort(c, n, sizeof(*c), cmp_cand);
	for (size_t i = 0; i < n; i++) {
		struct plan_entry *e = &p->v[p->n++];
		const struct item *it = c[i].it;
		int started = it->status == ST_DOING || it->status == ST_BLOCKED;

		e->item = it;
		e->carry = c[i].kind;
		e->from_prev = c[i].kind == 1;
		e->left = *left;
		e->remaining = metrics_remaining(it);
		p->ncarry++;
		if (!started && e->remaining > *left + 1e-9) {
			e->verdict = PLAN_NO_ROOM;
			continue;
		}
		e->verdict = PLAN_CARRY;
		*left -= e->remaining;
		p->carried++;
		p->improvements += it->type == TYPE_IMPROVEMENT;
		p->carried_effort += e->remaining;
		p->taken++;
		p->taken_effort += e->remaining;
		strmap_put(taken, it->id, strlen(it->id), (void *)it);
	}
	free(c);
}

static void
walk(struct plan *p, const struct backlog *bl, const struct cycles *cy,
     long today)
{
	struct strmap taken = STRMAP_INIT;
	struct item **sorted;
	size_t n;
	double left = p->capacity;

	sorted = backlog_sorted(bl, &n);
	p->v = xcalloc(n + bl->nitems + 1, sizeof(*p->v));
	carry(p, bl, cy, today, &taken, &left);
	for (size_t i = 0; i < n; i++) {
		const struct item *it = sorted[i];
		struct plan_entry *e;
		double effort;

		if (!it->parsed || !it->id)
			continue;
		if (carry_kind(p, cy, it, today))
			continue;   /* met above */
		if (!it->rank) {
			if (it->status == ST_READY)
				p->unranked_ready++;
			continue;
		}
		if (left <= 0) {
			p->not_walked++;
			continue;
		}
		e = &p->v[p->n++];
		e->item = it;
		e->left = left;
		effort = metrics_effort(it);
		if (it->status != ST_READY &&
		    !(it->status == ST_PLANNED && it->cycle && !strcmp(it->cycle, p->name)))
			e->verdict = PLAN_NOT_READY;
		else if (deps_met(bl, it, &taken, e))
			e->verdict = PLAN_DEPENDENCY;
		else if (effort <= 0)
			e->verdict = PLAN_NO_EFFORT;
		else if (effort > left + 1e-9)
			e->verdict = PLAN_TOO_BIG;
		else {
			e->verdict = PLAN_TAKE;
			left -= effort;
			p->taken++;
			p->taken_effort += effort;
			strmap_put(&taken, it->id, strlen(it->id), (void *)it);
		}
	}
	strmap_release(&taken);
	free(sorted);
}

int
plan_make(struct plan *p, const struct backlog *bl, const struct cycles *cy,
	  const struct plan_opts *o, struct diag_list *d)
{
	long len = bl->config.cycle_length_days > 0 ? bl->config.cycle_length_days : 14;
	const struct cycle *last = NULL;
	double v;

	plan_init(p);
	if (o->name && !plan_name_valid(o->name)) {
		diag_add(d, SEV_ERROR, "usage", NULL, 0, 0,
			 "'%s' is not a cycle name: use letters, digits, '.', '_' and '-' (like 2026-12)",
			 o->name);
		return DK_EUSAGE;
	}
	p->existing = o->name ? cycles_find(cy, o->name) : NULL;
	p->started = p->existing && p->existing->start >= 0 &&
		     p->existing->start <= o->today;
	if (p->existing && o->start >= 0) {
		diag_add(d, SEV_ERROR, "usage", p->existing->file->path, 0, 0,
			 "cycle %s exists already: change its dates in its file, not with --start",
			 p->existing->name);
		return DK_EUSAGE;
	}
	for (size_t i = 0; i < cy->n; i++)
		if (cy->v[i].start >= 0 && cy->v[i].end >= 0)
			last = &cy->v[i];
	if (p->existing && p->existing->start >= 0 && p->existing->end >= 0) {
		p->start = p->existing->start;
		p->end = p->existing->end;
	} else {
		p->start = o->start >= 0 ? o->start : last ? last->end + 1 : o->today;
		p->start_given = o->start >= 0;
		p->end = p->start + len - 1;
	}
	p->name = p->existing ? xstrdup(p->existing->name) :
		o->name ? xstrdup(o->name) :
		plan_next_name(cy, bl->config.cycle_name, p->start);
	for (size_t i = 0; i < cy->n; i++) {
		const struct cycle *c = &cy->v[i];

		if (c != p->existing && c->start >= 0 && c->end >= 0 &&
		    c->start < p->start && (!p->prev || c->start > p->prev->start))
			p->prev = c;
	}
	if (!isnan(o->capacity)) {
		p->capacity = o->capacity;
		p->capacity_from = PLAN_CAP_OPTION;
	} else if (p->existing && p->existing->capacity > 0 &&
		   !isinf(p->existing->capacity)) {
		p->capacity = p->existing->capacity;
		p->capacity_from = PLAN_CAP_CYCLE;
	} else if ((p->nvelocities = metrics_recent_velocity(bl, cy, o->today, &v,
							       p->velocities)) && v > 0) {
		p->capacity = round(v * 10) / 10;   /* as shown and written */
		p->capacity_from = PLAN_CAP_VELOCITY;
	} else {
		p->capacity = bl->config.cycle_capacity;
		p->capacity_from = PLAN_CAP_CONFIG;
	}
	if (!p->started)
		walk(p, bl, cy, o->today);
	return 0;
}

/* 3, 2.5, 0.3: at most one decimal, as the rest of the output. */
static void
num(char *buf, size_t len, double v)
{
	v = round(v * 10) / 10;
	if (v == floor(v))
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len, "%.1f", v);
}

void
plan_reason(struct sbuf *out, const struct plan_entry *e)
{
	const struct item *it = e->item;

	char a[32], b[32];

	num(a, sizeof(a), metrics_effort(it));
	num(b, sizeof(b), e->left);
	switch (e->verdict) {
	case PLAN_TAKE:
		sbuf_addf(out, "fits: %s of %s left", a, b);
		break;
	case PLAN_NOT_READY:
		if (it->status == ST_PLANNED && it->cycle)
			sbuf_addf(out, "not ready: planned for %s", it->cycle);
		else
			sbuf_addf(out, "not ready: %s", item_status_name(it->status));
		break;
	case PLAN_DEPENDENCY:
		sbuf_addf(out, "dependency %s %s", e->dep,
			  e->dep_unknown ? "names no item" : "not done");
		break;
	case PLAN_NO_EFFORT:
		sbuf_adds(out, "no effort");
		break;
	case PLAN_TOO_BIG:
		sbuf_addf(out, "does not fit: %s > %s left", a, b);
		break;
	case PLAN_CARRY:
	case PLAN_NO_ROOM:
		num(a, sizeof(a), e->remaining);
		sbuf_addf(out, "%s%s, remaining %s", e->verdict == PLAN_CARRY ?
			  (e->carry == 3 ? "under way" : "carried over") :
			  "not carried: no room",
			  e->carry == 2 ? " (in progress, in no cycle)" : "", a);
		if (it->type == TYPE_IMPROVEMENT)
			sbuf_adds(out, ", improvement first");
		if (e->verdict == PLAN_CARRY && e->remaining > e->left + 1e-9)
			sbuf_addf(out, ", over the capacity (%s left)", b);
		break;
	}
}

/* ---------------------------------------------------------------------
 * The cycle file
 * ------------------------------------------------------------------- */

void
plan_cycle_file(struct sbuf *out, const struct plan *p, int crlf)
{
	const char *nl = crlf ? "\r\n" : "\n";
	char s[16], e[16], c[32];
	size_t k = 0;

	date_format(s, sizeof(s), p->start);
	date_format(e, sizeof(e), p->end);
	sbuf_addf(out, "---%sname: ", nl);
	yaml_scalar_str(out, p->name, strlen(p->name), 0, YSTYLE_PLAIN);
	num(c, sizeof(c), p->capacity);
	sbuf_addf(out, "%sstart: %s%send: %s%scapacity: %s%scommitted: [", nl, s,
		  nl, e, nl, c, nl);
	for (size_t i = 0; i < p->n; i++) {
		if (!plan_taken(&p->v[i]))
			continue;
		sbuf_addf(out, "%s%s", k++ ? ", " : "", p->v[i].item->id);
	}
	sbuf_addf(out, "]%s---%s## Showcase notes%s%s## Improvements%s", nl, nl,
		  nl, nl, nl);
}

/* The remaining effort of the open items among ids, as the
 * cycle-capacity rule adds it up. */
static double
scope_load(const struct backlog *bl, const char *const *ids, size_t n)
{
	double sum = 0;

	for (size_t i = 0; i < n; i++) {
		const struct item *it = backlog_item(bl, ids[i]);

		if (it && it->parsed)
			sum += metrics_remaining(it);
	}
	return sum;
}

/* The severity of cycle-capacity in docket.yaml, else its default. */
static enum severity
capacity_severity(const struct config *cfg)
{
	const struct rule_setting *s = config_rule(cfg, "cycle-capacity");
	int r = check_rule_find("cycle-capacity");

	if (s && s->severity >= 0)
		return (enum severity)s->severity;
	return r >= 0 ? check_rules[r].severity : SEV_ERROR;
}

int
plan_scope_change(const char ***ids, size_t *n, const struct backlog *bl,
		  const struct cycle *c, const char *const *add, size_t nadd,
		  const char *const *remove, size_t nremove, struct diag_list *d)
{
	const char **v = xcalloc(c->ncommitted + nadd + 1, sizeof(*v));
	size_t k = 0;

	for (size_t i = 0; i < nremove; i++)
		if (!cycle_has(c, remove[i])) {
			diag_add(d, SEV_ERROR, "usage", c->file->path, 0, 0,
				 "%s is not committed to cycle %s: nothing to remove",
				 remove[i], c->name);
			goto fail;
		}
	for (size_t i = 0; i < c->ncommitted; i++) {
		int drop = 0;

		for (size_t j = 0; j < nremove; j++)
			drop |= !strcmp(c->committed[i], remove[j]);
		if (!drop)
			v[k++] = c->committed[i];
	}
	for (size_t i = 0; i < nadd; i++) {
		const struct item *it = backlog_item(bl, add[i]);
		int dup = 0;

		if (!it || !it->parsed) {
			diag_add(d, SEV_ERROR, "usage", NULL, 0, 0,
				 "no item %s can be read: nothing to add", add[i]);
			goto fail;
		}
		if (!item_status_open(it->status) || it->status == ST_UNKNOWN) {
			diag_add(d, SEV_ERROR, "usage", it->path, 0, 0,
				 "%s is %s: only open work can be added to a cycle",
				 add[i], item_status_name(it->status));
			goto fail;
		}
		for (size_t j = 0; j < k; j++)
			dup |= !strcmp(v[j], it->id);
		if (dup) {
			diag_add(d, SEV_ERROR, "usage", c->file->path, 0, 0,
				 "%s is committed to cycle %s already", add[i], c->name);
			goto fail;
		}
		v[k++] = it->id;
	}
	/* work added over the capacity: what the cycle-capacity rule of
	 * check reports, so refused when the rule is an error */
	if (nadd) {
		double cap = c->capacity > 0 && !isinf(c->capacity) ? c->capacity :
			bl->config.cycle_capacity;
		double before = scope_load(bl, c->committed, c->ncommitted);
		double after = scope_load(bl, v, k);
		enum severity sev = capacity_severity(&bl->config);

		if (sev != SEV_OFF && after > cap && after > before) {
			diag_add(d, sev, "cycle-capacity", c->file->path, 0, 0,
				 "cycle %s would commit %g points of remaining effort, over its capacity of %g: take work out in the same command (--remove ID), or raise the cycle's capacity",
				 c->name, after, cap);
			if (sev == SEV_ERROR)
				goto fail;
		}
	}
	*ids = v;
	*n = k;
	return 0;
fail:
	free(v);
	return DK_EUSAGE;
}
