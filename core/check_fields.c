/*
 * check_fields.c: the front matter of each item against the built-in
 * schema (docs/reference.md) and docket.yaml `fields:`: required, type, enum,
 * range, pattern, unknown-field, no-direct-assignment, goal-unknown,
 * max-effort, experiment-incomplete, result-missing (dod-unchecked is
 * in check_dod.c).
 *
 * Each item is one pass over its keys (a strmap lookup per key), which
 * records the built-in fields present in a bit mask; the status rules
 * then read the mask.  A null value (`effort:` with nothing after it)
 * counts as absent: it is never a type error, and a required field
 * left empty is reported at its key.
 */
#include "core/check_int.h"

#include <pthread.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/regex.h"
#include "core/schema.h"
#include "core/sbuf.h"
#include "core/utf8.h"
#include "core/xalloc.h"

/* ---------------------------------------------------------------------
 * Items
 * ------------------------------------------------------------------- */

/* How far along a status is; stopped is apart (-1). */
static int
stage(enum item_status s)
{
	switch (s) {
	case ST_IDEA: return 0;
	case ST_READY: return 1;
	case ST_PLANNED: return 2;
	case ST_DOING: case ST_BLOCKED: return 3;
	case ST_DONE: return 4;
	default: return -1;
	}
}

/* Is a field required "from status `from` on" at status s?  A stopped
 * item may have been stopped at any point, so only requirements from
 * idea on (always) or for stopped apply to it. */
static int
required_at(enum item_status s, enum item_status from)
{
	if (from == ST_IDEA)
		return 1;
	if (s == ST_STOPPED || from == ST_STOPPED)
		return s == from;
	return stage(s) >= 0 && stage(s) >= stage(from);
}

static const char *
hint_of(const char *key)
{
	static const char *const hints[][2] = {
		{ "id", "add 'id: %s-N' matching the file name" },
		{ "title", "add 'title: a short name'" },
		{ "status", "add 'status: idea' (or ready, planned, doing, blocked, done, stopped)" },
		{ "effort", "add 'effort: N' (a relative size above 0)" },
		{ "customer_value", "add 'customer_value: N' (1-10: joy, satisfaction, a solved problem)" },
		{ "business_value", "add 'business_value: N' (1-10: goals, KPIs, revenue)" },
		{ "stop_reason", "say why it was stopped: 'stop_reason: ...'" },
		{ "blocked_reason", "say what blocks it: 'blocked_reason: ...'" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(hints); i++)
		if (!strcmp(hints[i][0], key))
			return hints[i][1];
	return NULL;
}

/* A required field: missing (line 1, column 1) or empty (its key). */
static void
require(struct check__ctx *x, const struct item *it, const char *key,
	const struct ynode *knode, const char *why)
{
	struct sbuf fix = SBUF_INIT;
	const char *hint = hint_of(key);
	struct diag *d;

	if (hint)
		sbuf_addf(&fix, hint, x->cfg->prefix ? x->cfg->prefix : "MKT");
	else
		sbuf_addf(&fix, "add '%s: ...'", key);
	if (knode)
		d = check__emit_at(x, RULE_REQUIRED, it, knode, knode,
				   "'%s' is empty%s: %s", key, why, fix.buf);
	else
		d = check__emit(x, RULE_REQUIRED, it->path, 1, 1,
				"missing required field '%s'%s: %s", key, why,
				fix.buf);
	if (d) {
		diag_set_subject(d, it->id);
		diag_set_field(d, key);
	}
	sbuf_release(&fix);
}

int
check__bit(const char *name)
{
	for (size_t i = 0; i < schema_nfields; i++)
		if (!strcmp(schema_fields[i].name, name))
			return (int)i;
	return -1;
}

const struct ynode *
check__valid(const struct check__view *v, int bit)
{
	return bit >= 0 && ((v->valid >> bit) & 1) ? v->val[bit] : NULL;
}

/* Bits of the built-in fields the rules read. */
static struct {
	int id, title, status, effort, cv, bv, stop, blocked, hyp, metric,
	    target, result, goal, cycle;
} B;
static pthread_once_t bits_once = PTHREAD_ONCE_INIT;

static void
bits_setup(void)
{
	B.id = check__bit("id");
	B.title = check__bit("title");
	B.status = check__bit("status");
	B.effort = check__bit("effort");
	B.cv = check__bit("customer_value");
	B.bv = check__bit("business_value");
	B.stop = check__bit("stop_reason");
	B.blocked = check__bit("blocked_reason");
	B.hyp = check__bit("hypothesis");
	B.metric = check__bit("metric");
	B.target = check__bit("target");
	B.result = check__bit("result");
	B.goal = check__bit("goal");
	B.cycle = check__bit("cycle");
}

#define HAS(v, b) (((v)->present >> (b)) & 1)

/* type, enum, range, pattern and id-format: every key's value against
 * its field; records which built-in values passed (v->valid). */
void
check__values(struct check__ctx *x, struct check__view *v)
{
	const struct item *it = v->it;
	struct diag_list found = DIAG_LIST_INIT;

	for (size_t i = 0; i < v->nkv; i++) {
		const struct ynode *k = v->kv[i].k, *val = v->kv[i].v;
		const struct check__key *key = v->kv[i].key;

		if (!key || key->cls == CHECK__KEY_FORBIDDEN || check__empty(val))
			continue;
		if (check_value_as(&found, x->cfg, it->path, k, val, key->kind,
				   key->values, key->def)) {
			check__adopt(x, &found, it->id);
			continue;
		}
		if (key->cls != CHECK__KEY_BUILTIN)
			continue;
		v->valid |= (uint64_t)1 << key->bit;
		if (key->bit == B.id && x->cfg->prefix &&
		    item_id_number(val->text, x->cfg->prefix) < 0)
			check__emit_at(x, RULE_ID_FORMAT, it, k, val,
				       "id '%s' does not use this backlog's prefix '%s': ids look like %s-12",
				       val->text, x->cfg->prefix, x->cfg->prefix);
	}
}

void
check__unknown_fields(struct check__ctx *x, struct check__view *v)
{
	if (x->cfg_unread)
		return;
	for (size_t i = 0; i < v->nkv; i++) {
		const struct ynode *k = v->kv[i].k;
		const char *best;

		if (v->kv[i].key)
			continue;
		best = check_suggest(k->text, x->keynames, x->nkeynames);
		if (best)
			check__emit_at(x, RULE_UNKNOWN_FIELD, v->it, k, k,
				       "unknown field '%s'; did you mean '%s'? (declare new fields under fields: in docket.yaml)",
				       k->text, best);
		else
			check__emit_at(x, RULE_UNKNOWN_FIELD, v->it, k, k,
				       "unknown field '%s': remove it, or declare it under fields: in docket.yaml",
				       k->text);
	}
}

void
check__assignment(struct check__ctx *x, struct check__view *v)
{
	for (size_t i = 0; i < v->nkv; i++) {
		const struct ynode *k = v->kv[i].k;

		if (v->kv[i].key && v->kv[i].key->cls == CHECK__KEY_FORBIDDEN)
			check__emit_at(x, RULE_NO_DIRECT_ASSIGNMENT, v->it, k, k,
				       "'%s' assigns work to a person, but work is never assigned directly: remove it and let the team pull from ORDER (use requested_by for who asked)",
				       k->text);
	}
}

void
check__goal(struct check__ctx *x, struct check__view *v)
{
	const struct config *c = x->cfg;
	const struct ynode *g = check__valid(v, B.goal);
	const char *cands[64];
	const char *best;
	size_t n = 0;

	if (!g || x->cfg_unread || g->type != YNODE_SCALAR || config_goal(c, g->text))
		return;
	for (size_t i = 0; i < c->ngoals && n < ARRAY_SIZE(cands); i++)
		cands[n++] = c->goals[i].key;
	best = check_suggest(g->text, cands, n);
	if (!c->ngoals)
		check__emit_at(x, RULE_GOAL_UNKNOWN, v->it, v->key[B.goal], g,
			       "goal '%s' is not defined: docket.yaml has no goals:; add it there ('%s: what it means') or remove the field",
			       g->text, g->text);
	else
		check__emit_at(x, RULE_GOAL_UNKNOWN, v->it, v->key[B.goal], g,
			       "goal '%s' is not a goal in docket.yaml%s%s%s: use one of the keys under goals:, or add it there",
			       g->text, best ? "; did you mean '" : "",
			       best ? best : "", best ? "'?" : "");
}

void
check__cycle_ref(struct check__ctx *x, struct check__view *v)
{
	const struct ynode *c = check__valid(v, B.cycle);

	if (!c || c->type != YNODE_SCALAR ||
	    strmap_find(&x->cycles, c->text, c->len))
		return;
	check__emit_at(x, RULE_REF_UNKNOWN, v->it, v->key[B.cycle], c,
		       "cycle '%s' has no file %scycles/%s.md: fix the name, or plan the cycle (docket plan)",
		       c->text, x->bl->items_rel ? x->bl->items_rel : "", c->text);
}

void
check__max_effort(struct check__ctx *x, struct check__view *v)
{
	const struct ynode *e = check__valid(v, B.effort);

	if (e && v->it->effort > x->effort_max)
		check__emit_at(x, RULE_MAX_EFFORT, v->it, v->key[B.effort], e,
			       "effort %s is over the limit of %g: split it into smaller experiments (docket followup)",
			       e->text, x->effort_max);
}

void
check__required(struct check__ctx *x, struct check__view *v)
{
	const struct item *it = v->it;
	const struct ynode *root = it->fm.root;
	const char *st = item_status_name(it->status);
	char why[96];

	if (!HAS(v, B.id))
		require(x, it, "id", v->key[B.id], "");
	if (!HAS(v, B.title))
		require(x, it, "title", v->key[B.title], "");
	if (!HAS(v, B.status))
		require(x, it, "status", v->key[B.status], "");
	if (it->status == ST_UNKNOWN)
		return;
	snprintf(why, sizeof(why), " (required from 'ready' on; this item is '%s')", st);
	if (required_at(it->status, ST_READY)) {
		if (!HAS(v, B.effort))
			require(x, it, "effort", v->key[B.effort], why);
		if (!HAS(v, B.cv))
			require(x, it, "customer_value", v->key[B.cv], why);
		if (!HAS(v, B.bv))
			require(x, it, "business_value", v->key[B.bv], why);
	}
	if (it->status == ST_STOPPED && !HAS(v, B.stop))
		require(x, it, "stop_reason", v->key[B.stop], " (the item is stopped)");
	if (it->status == ST_BLOCKED && !HAS(v, B.blocked))
		require(x, it, "blocked_reason", v->key[B.blocked], " (the item is blocked)");
	/* declared fields with required_from */
	for (size_t i = 0; i < x->cfg->nfields; i++) {
		const struct field_def *f = &x->cfg->fields[i];
		long ki;

		if (f->required_from < 0 ||
		    !required_at(it->status, (enum item_status)f->required_from))
			continue;
		ki = ynode_key_index(root, f->name);
		if (ki >= 0 && !check__empty(root->kids[2 * ki + 1]))
			continue;
		snprintf(why, sizeof(why), " (required from '%s' on, docket.yaml line %d)",
			 item_status_name((enum item_status)f->required_from), f->line);
		require(x, it, f->name, ki >= 0 ? root->kids[2 * ki] : NULL, why);
	}
}

void
check__experiment(struct check__ctx *x, struct check__view *v)
{
	const struct item *it = v->it;
	struct sbuf miss = SBUF_INIT;
	const char *names[3];
	size_t n = 0;
	struct diag *d;

	if (it->status == ST_UNKNOWN || it->type != TYPE_EXPERIMENT ||
	    !required_at(it->status, ST_READY))
		return;
	if (!HAS(v, B.hyp))
		names[n++] = "hypothesis";
	if (!HAS(v, B.metric))
		names[n++] = "metric";
	if (!HAS(v, B.target))
		names[n++] = "target";
	if (!n)
		return;
	check__join(&miss, names, n);
	d = check__emit(x, RULE_EXPERIMENT_INCOMPLETE, it->path, 1, 1,
			"experiment is '%s' but has no %s: add %s (hypothesis: what you expect to happen, metric: what you measure, target: the value that counts as a win), or set 'type: bau'",
			item_status_name(it->status), miss.buf,
			n == 1 ? "it" : "them");
	if (d)
		diag_set_subject(d, it->id);
	sbuf_release(&miss);
}

void
check__result(struct check__ctx *x, struct check__view *v)
{
	const struct item *it = v->it;
	struct diag *d;

	if (it->type != TYPE_EXPERIMENT || it->status != ST_DONE ||
	    HAS(v, B.result))
		return;
	d = check__emit(x, RULE_RESULT_MISSING, it->path, 1, 1,
			"experiment is done but has no result: add 'result: won', 'lost' or 'inconclusive' (and 'actual: ...', the measured value)");
	if (d) {
		diag_set_subject(d, it->id);
		diag_set_field(d, "result");
	}
}

/* The view of an item: one pass over its keys. */
static void
view_init(struct check__ctx *x, struct check__view *v, const struct item *it,
	  struct check__kv *buf, size_t nbuf)
{
	const struct ynode *root = it->fm.root;
	size_t n = root->nkids / 2;

	memset(v, 0, sizeof(*v));
	v->it = it;
	v->kv = n <= nbuf ? buf : xcalloc(n, sizeof(*v->kv));
	for (size_t i = 0; i + 1 < root->nkids; i += 2) {
		const struct ynode *k = root->kids[i], *val = root->kids[i + 1];
		struct strmap_entry *e = strmap_find(&x->keys, k->text, k->len);
		struct check__kv *kv = &v->kv[v->nkv++];

		kv->k = k;
		kv->v = val;
		kv->key = e ? e->value : NULL;
		if (!kv->key || kv->key->cls != CHECK__KEY_BUILTIN)
			continue;
		v->key[kv->key->bit] = k;
		v->val[kv->key->bit] = val;
		if (!check__empty(val))
			v->present |= (uint64_t)1 << kv->key->bit;
	}
}

/* Every item function of the registry, each once, in registry order. */
static void (*item_fns[RULE_COUNT])(struct check__ctx *, struct check__view *);
static size_t nitem_fns;

static void
fns_setup(void)
{
	bits_setup();
	for (int r = 0; r < RULE_COUNT; r++) {
		size_t j = 0;

		if (!check_rules[r].item)
			continue;
		while (j < nitem_fns && item_fns[j] != check_rules[r].item)
			j++;
		if (j == nitem_fns)
			item_fns[nitem_fns++] = check_rules[r].item;
	}
}

void
check__item(struct check__ctx *x, const struct item *it)
{
	struct check__kv buf[32];
	struct check__view v;

	pthread_once(&bits_once, fns_setup);
	if (!it->parsed || !it->fm.root)
		return;
	check__supp_scan_item(x, it);
	view_init(x, &v, it, buf, ARRAY_SIZE(buf));
	for (size_t i = 0; i < nitem_fns; i++)
		item_fns[i](x, &v);
	if (v.kv != buf)
		free(v.kv);
}
