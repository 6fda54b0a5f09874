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

/* Year and month of day d. */
static void
year_month(long d, int *y, int *m)
{
	char buf[16];

	date_format(buf, sizeof(buf), d);
	*y = (int)strtol(buf, NULL, 10);
	*m = (int)strtol(buf + 5, NULL, 10);
}

/* "YYYY-NN" exactly: 1, with *y and *nn set. */
static int
year_number(const char *s, int *y, int *nn)
{
	if (strlen(s) != 7 || s[4] != '-')
		return 0;
	for (int i = 0; i < 7; i++)
		if (i != 4 && !isdigit((unsigned char)s[i]))
			return 0;
	*y = (int)strtol(s, NULL, 10);
	*nn = (int)strtol(s + 5, NULL, 10);
	return 1;
}

/* name's trailing digits + 1, keeping their width; NULL when none. */
static char *
increment(const char *name)
{
	size_t n = strlen(name), k = n;
	unsigned long long v;
	int width;

	while (k > 0 && isdigit((unsigned char)name[k - 1]))
		k--;
	if (k == n || n - k > 18)
		return NULL;
	v = strtoull(name + k, NULL, 10) + 1;
	width = (int)(n - k);
	return xasprintf("%.*s%0*llu", (int)k, name, width, v);
}

char *
plan_next_name(const struct cycles *cy, long start, long end)
{
	const struct cycle *prev = NULL;
	char *cand = NULL, *name, buf[16];
	int y, m, py, pn, my, mm;

	for (size_t i = 0; i < cy->n; i++)
		if (cy->v[i].start >= 0 && cy->v[i].end >= 0)
			prev = &cy->v[i];
	year_month(start + (end - start) / 2, &y, &m);
	date_format(buf, sizeof(buf), prev ? prev->start : 0);
	if (prev && !strcmp(prev->name, buf)) {
		/* named after its start date */
		date_format(buf, sizeof(buf), start);
		cand = xstrdup(buf);
	} else if (prev && year_number(prev->name, &py, &pn)) {
		year_month(prev->start + (prev->end - prev->start) / 2, &my, &mm);
		if (py == my && pn == mm) {
			cand = xasprintf("%04d-%02d", y, m);
		} else {
			int sy, sm;

			year_month(start, &sy, &sm);
			cand = sy > py ? xasprintf("%04d-01", sy) :
				xasprintf("%04d-%02d", py, pn + 1 > 99 ? 99 : pn + 1);
		}
	} else if (prev) {
		cand = increment(prev->name);
	}
	if (!cand || !plan_name_valid(cand)) {
		free(cand);
		cand = xasprintf("%04d-%02d", y, m);
	}
	if (!cycles_find(cy, cand))
		return cand;
	for (int k = 0;; k++) {
		name = k < 25 ? xasprintf("%sb", cand) : xasprintf("%s-%d", cand, k - 23);
		if (k < 25)
			name[strlen(name) - 1] = (char)('b' + k);
		if (!cycles_find(cy, name))
			break;
		free(name);
	}
	free(cand);
	return name;
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

static void
walk(struct plan *p, const struct backlog *bl)
{
	struct strmap taken = STRMAP_INIT;
	struct item **sorted;
	size_t n;
	double left = p->capacity;

	sorted = backlog_sorted(bl, &n);
	p->v = xcalloc(n + 1, sizeof(*p->v));
	for (size_t i = 0; i < n; i++) {
		const struct item *it = sorted[i];
		struct plan_entry *e;
		double effort;

		if (!it->parsed || !it->id)
			continue;
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
		p->end = p->start + len - 1;
	}
	p->name = p->existing ? xstrdup(p->existing->name) :
		o->name ? xstrdup(o->name) : plan_next_name(cy, p->start, p->end);
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
	walk(p, bl);
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
		if (p->v[i].verdict != PLAN_TAKE)
			continue;
		sbuf_addf(out, "%s%s", k++ ? ", " : "", p->v[i].item->id);
	}
	sbuf_addf(out, "]%s---%s## Showcase notes%s%s## Improvements%s", nl, nl,
		  nl, nl, nl);
}
