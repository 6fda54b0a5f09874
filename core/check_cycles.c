/*
 * check_cycles.c: cycle files (SPEC 5): their fields (name, start, end,
 * capacity, goal, committed) with the same value checks as items, the
 * name against the file name (id-filename), committed ids (ref-unknown)
 * and cycle-capacity: the remaining effort of the committed items still
 * open (remaining:, else effort) over the capacity (the cycle's own, else
 * cycle.capacity in docket.yaml).
 */
#include "core/check_int.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/schema.h"

static const struct {
	const char *name;
	int kind;
	int required;
} cycle_fields[] = {
	{ "name", SK_LINE, 1 },
	{ "start", SK_DATE, 1 },
	{ "end", SK_DATE, 1 },
	{ "capacity", SK_NUMBER, 0 },
	{ "goal", SK_STRING, 0 },
	{ "committed", SK_ID_LIST, 0 },
};

#define NFIELDS (sizeof(cycle_fields) / sizeof(cycle_fields[0]))

static void
committed(struct check__ctx *x, const struct item *c, const struct ynode *v,
	  const struct ynode *cap, const char *name, int namelen)
{
	double sum = 0, capacity = x->cfg->cycle_capacity;
	int own = 0;

	if (!v || v->type != YNODE_SEQ)
		return;
	for (size_t i = 0; i < v->nkids; i++) {
		const struct ynode *e = v->kids[i];
		struct strmap_entry *m;
		const struct item *it;

		if (e->type != YNODE_SCALAR || !item_id_valid(e->text))
			continue;
		if (!check__id_known(x, e->text)) {
			check__emit(x, RULE_REF_UNKNOWN, c->path, e->line, e->col,
				    "committed lists %s, but there is no item %s: fix the id, or remove it",
				    e->text, e->text);
			continue;
		}
		m = strmap_find(&x->ids, e->text, e->len);
		if (!m)
			continue;
		it = x->bl->items[(intptr_t)m->value - 1];
		/* the work left: done and stopped items count nothing, an
		 * item with remaining: its remaining effort */
		if (!item_status_open(it->status))
			continue;
		if (!isnan(it->remaining))
			sum += it->remaining;
		else if (!isnan(it->effort) && it->effort > 0)
			sum += it->effort;
	}
	if (cap && ynode_kind(cap) != YKIND_STR &&
	    ynode_number(cap, &capacity) == 0 && capacity > 0 && !isinf(capacity))
		own = 1;
	else
		capacity = x->cfg->cycle_capacity;
	if (sum > capacity)
		check__emit(x, RULE_CYCLE_CAPACITY, c->path, v->line, v->col,
			    "cycle %.*s commits %g points of effort, over its capacity of %g%s: take items out of committed, or split them",
			    namelen, name, sum, capacity,
			    own ? "" : " (cycle.capacity in docket.yaml)");
}

static void
check_cycle(struct check__ctx *x, const struct item *c)
{
	const struct ynode *root = c->fm.root;
	const struct ynode *vals[NFIELDS], *keys[NFIELDS];
	const char *names[NFIELDS];
	const char *base = check__basename(c->path);
	size_t blen = strlen(base);
	struct diag_list found = DIAG_LIST_INIT;
	int ok[NFIELDS];

	if (blen > 3 && !strcmp(base + blen - 3, ".md"))
		blen -= 3;
	for (size_t f = 0; f < NFIELDS; f++) {
		vals[f] = keys[f] = NULL;
		names[f] = cycle_fields[f].name;
		ok[f] = 0;
	}
	for (size_t i = 0; i + 1 < root->nkids; i += 2) {
		const struct ynode *k = root->kids[i], *v = root->kids[i + 1];
		size_t f;

		for (f = 0; f < NFIELDS; f++)
			if (!strcmp(k->text, cycle_fields[f].name))
				break;
		if (f == NFIELDS) {
			const char *best = check_suggest(k->text, names, NFIELDS);

			check__emit(x, RULE_UNKNOWN_FIELD, c->path, k->line, k->col,
				    "unknown cycle field '%s'%s%s%s (cycle files have name, start, end, capacity, goal and committed)",
				    k->text, best ? "; did you mean '" : "",
				    best ? best : "", best ? "'?" : "");
			continue;
		}
		keys[f] = k;
		vals[f] = v;
		if (check__empty(v))
			continue;
		ok[f] = check_value_as(&found, x->cfg, c->path, k, v,
				       cycle_fields[f].kind, NULL, NULL) == 0;
		check__adopt(x, &found, NULL);
	}
	for (size_t f = 0; f < NFIELDS; f++) {
		if (!cycle_fields[f].required || !check__empty(vals[f]))
			continue;
		if (keys[f])
			check__emit(x, RULE_REQUIRED, c->path, keys[f]->line, keys[f]->col,
				    "'%s' is empty: cycle files need name, start and end",
				    cycle_fields[f].name);
		else
			check__emit(x, RULE_REQUIRED, c->path, 1, 1,
				    "missing required field '%s': cycle files need name, start and end (YYYY-MM-DD)",
				    cycle_fields[f].name);
	}
	/* name (0) against the file name */
	if (ok[0] && (vals[0]->len != blen || strncmp(vals[0]->text, base, blen)))
		check__emit(x, RULE_ID_FILENAME, c->path, vals[0]->line, vals[0]->col,
			    "cycle name '%s' does not match the file name '%s': rename the file to %s.md, or set 'name: %.*s'",
			    vals[0]->text, base, vals[0]->text, (int)blen, base);
	/* start (1) and end (2) */
	if (ok[1] && ok[2] && strcmp(vals[2]->text, vals[1]->text) < 0)
		check__emit(x, RULE_RANGE, c->path, vals[2]->line, vals[2]->col,
			    "the cycle ends (%s) before it starts (%s): swap the dates",
			    vals[2]->text, vals[1]->text);
	committed(x, c, vals[5], ok[3] ? vals[3] : NULL,
		  ok[0] ? vals[0]->text : base,
		  ok[0] ? (int)vals[0]->len : (int)blen);
}

void
check__cycles(struct check__ctx *x)
{
	for (size_t i = 0; i < x->bl->ncycles; i++) {
		const struct item *c = x->bl->cycles[i];

		if (c->parsed && c->fm.root)
			check_cycle(x, c);
	}
}
