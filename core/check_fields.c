/*
 * check_fields.c: the front matter of each item against the built-in
 * schema (SPEC 3.2) and docket.yaml `fields:`: required, type, enum,
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
#include "core/check.h"

#include <pthread.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/regex.h"
#include "core/schema.h"
#include "core/sbuf.h"
#include "core/text.h"
#include "core/xalloc.h"

/* ---------------------------------------------------------------------
 * Describing values
 * ------------------------------------------------------------------- */

/* A short, quoted rendering of a value for a message. */
static const char *
show(char *buf, size_t n, const struct ynode *v)
{
	size_t len, cut;

	if (v->type == YNODE_SEQ)
		return "a list";
	if (v->type == YNODE_MAP)
		return "a mapping";
	len = strlen(v->text);
	cut = len > 40 ? 40 : len;
	/* never cut a UTF-8 sequence */
	while (cut < len && ((unsigned char)v->text[cut] & 0xc0) == 0x80)
		cut--;
	snprintf(buf, n, "%s'%.*s%s'",
		 v->style != YSTYLE_PLAIN ? "the quoted text " : "", (int)cut,
		 v->text, cut < len ? "..." : "");
	return buf;
}

static const char *
expect_of(int kind)
{
	switch (kind) {
	case SK_LINE: return "one line of text";
	case SK_ID: return "an item id like MKT-12";
	case SK_NUMBER: return "a number above 0";
	case SK_REMAINING: return "a number of 0 or more";
	case SK_SCORE: return "a whole number from 1 to 10";
	case SK_BOOL: return "true or false";
	case SK_DATE: return "a date YYYY-MM-DD";
	case SK_STR_LIST: return "a list like [a, b]";
	case SK_ID_LIST: return "a list of ids like [MKT-3, MKT-7]";
	case SK_NUM_OR_STR: return "a number or a text value";
	default: return "a text value";
	}
}

static int
type_err(struct check__ctx *x, const char *file, const struct ynode *k,
	 const struct ynode *v, const char *expect)
{
	char buf[96];

	check__emit(x, RULE_TYPE, file, v->line, v->col,
		    "'%s' must be %s, not %s", k->text, expect,
		    show(buf, sizeof(buf), v));
	return -1;
}

static int
is_number(const struct ynode *v)
{
	enum ynode_kind k = ynode_kind(v);

	return k == YKIND_INT || k == YKIND_FLOAT;
}

/* "idea, ready or planned" */
static void
join_values(struct sbuf *sb, const char *const *vals, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			sbuf_adds(sb, i + 1 == n ? " or " : ", ");
		sbuf_adds(sb, vals[i]);
	}
}

static size_t
count_values(const char *const *vals)
{
	size_t n = 0;

	while (vals && vals[n])
		n++;
	return n;
}

static int
enum_check(struct check__ctx *x, const char *file, const struct ynode *k,
	   const struct ynode *v, const char *const *vals, size_t n)
{
	struct sbuf sb = SBUF_INIT;
	const char *best;
	char buf[96];

	if (v->type != YNODE_SCALAR)
		return type_err(x, file, k, v, "one value");
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v->text, vals[i]))
			return 0;
	best = check_suggest(v->text, vals, n);
	join_values(&sb, vals, n);
	check__emit(x, RULE_ENUM, file, v->line, v->col,
		    "'%s' is %s, which is not one of %s%s%s%s", k->text,
		    show(buf, sizeof(buf), v), sb.buf,
		    best ? "; did you mean '" : "", best ? best : "",
		    best ? "'?" : "");
	sbuf_release(&sb);
	return -1;
}

static int
date_check(struct check__ctx *x, const char *file, const struct ynode *k,
	   const struct ynode *v)
{
	const char *s = v->text;
	int shape = 1;
	char buf[96];

	if (v->type != YNODE_SCALAR || ynode_kind(v) != YKIND_STR)
		return type_err(x, file, k, v, expect_of(SK_DATE));
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		shape = 0;
	for (int i = 0; shape && i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			shape = 0;
	if (!shape)
		return type_err(x, file, k, v, expect_of(SK_DATE));
	if (!schema_date_valid(s)) {
		check__emit(x, RULE_RANGE, file, v->line, v->col,
			    "'%s' is %s, which is not a calendar date: fix the month or day",
			    k->text, show(buf, sizeof(buf), v));
		return -1;
	}
	return 0;
}

static int
id_check(struct check__ctx *x, const char *file, const struct ynode *k,
	 const struct ynode *v)
{
	char buf[96];

	if (v->type != YNODE_SCALAR)
		return type_err(x, file, k, v, expect_of(SK_ID));
	if (!item_id_valid(v->text)) {
		check__emit(x, RULE_ID_FORMAT, file, v->line, v->col,
			    "'%s' is %s, which is not an id: ids look like %s-12 (letters, a dash, a number without leading zeros)",
			    k->text, show(buf, sizeof(buf), v),
			    x->cfg->prefix ? x->cfg->prefix : "MKT");
		return -1;
	}
	return 0;
}

int
check_text_value(const char *s, size_t len, int one_line, char *why,
		 size_t whylen)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!text_utf8_valid(s, len)) {
		snprintf(why, whylen, "is not valid UTF-8");
		return -1;
	}
	if (!one_line)
		return 0;
	for (size_t i = 0; i < len; i++) {
		const char *what = NULL;

		if (p[i] == '\0')
			what = "holds a NUL byte";
		else if (p[i] == '\n' || p[i] == '\r')
			what = "must be one line";
		else if (p[i] == 0xe2 && i + 2 < len && p[i + 1] == 0x80 &&
			 (p[i + 2] == 0xa8 || p[i + 2] == 0xa9))
			what = p[i + 2] == 0xa8 ?
			       "must be one line (it holds a line separator, U+2028)" :
			       "must be one line (it holds a paragraph separator, U+2029)";
		if (what) {
			snprintf(why, whylen, "%s", what);
			return -1;
		}
	}
	return 0;
}

int
check_kind_one_line(int kind)
{
	return kind == SK_LINE || kind == SK_ID || kind == SK_ENUM ||
	       kind == SK_GOAL || kind == SK_CYCLE || kind == SK_DATE;
}

int
check__value(struct check__ctx *x, const char *file, const struct ynode *k,
	     const struct ynode *v, int kind, const char *const *values)
{
	enum ynode_kind yk = ynode_kind(v);
	long long iv;
	double d;
	char buf[96], why[128];

	if (check__empty(v))
		return 0;
	if (v->type == YNODE_SCALAR && v->text &&
	    check_text_value(v->text, v->len, check_kind_one_line(kind), why, sizeof(why))) {
		check__emit(x, RULE_TYPE, file, v->line, v->col,
			    "'%s' %s%s", k->text, why,
			    kind == SK_LINE && !strncmp(why, "must be one line", 16) ?
			    ": put the details in the body below the front matter" : "");
		return -1;
	}
	switch (kind) {
	case SK_STRING:
	case SK_GOAL:
	case SK_CYCLE:
	case SK_NUM_OR_STR:
		if (v->type != YNODE_SCALAR)
			return type_err(x, file, k, v, expect_of(kind));
		return 0;
	case SK_LINE:
		if (v->type != YNODE_SCALAR)
			return type_err(x, file, k, v, expect_of(kind));
		return 0;
	case SK_ID:
		return id_check(x, file, k, v);
	case SK_ENUM:
		return enum_check(x, file, k, v, values, count_values(values));
	case SK_NUMBER:
		if (!is_number(v) || ynode_number(v, &d))
			return type_err(x, file, k, v, expect_of(kind));
		if (!(d > 0) || isinf(d)) {
			check__emit(x, RULE_RANGE, file, v->line, v->col,
				    "'%s' is %s; it must be above 0 (a relative size)",
				    k->text, show(buf, sizeof(buf), v));
			return -1;
		}
		return 0;
	case SK_REMAINING:
		if (!is_number(v) || ynode_number(v, &d))
			return type_err(x, file, k, v, expect_of(kind));
		if (!(d >= 0) || isinf(d)) {
			check__emit(x, RULE_RANGE, file, v->line, v->col,
				    "'%s' is %s; it must be 0 or more (the effort left)",
				    k->text, show(buf, sizeof(buf), v));
			return -1;
		}
		return 0;
	case SK_SCORE:
		if (yk != YKIND_INT || ynode_int(v, &iv))
			return type_err(x, file, k, v, expect_of(kind));
		if (iv < 1 || iv > 10) {
			check__emit(x, RULE_RANGE, file, v->line, v->col,
				    "'%s' is %lld; it must be from 1 to 10",
				    k->text, iv);
			return -1;
		}
		return 0;
	case SK_BOOL:
		if (yk != YKIND_BOOL)
			return type_err(x, file, k, v, expect_of(kind));
		return 0;
	case SK_DATE:
		return date_check(x, file, k, v);
	case SK_STR_LIST:
	case SK_ID_LIST:
		if (v->type != YNODE_SEQ)
			return type_err(x, file, k, v, expect_of(kind));
		for (size_t i = 0; i < v->nkids; i++) {
			const struct ynode *e = v->kids[i];

			if (e->type != YNODE_SCALAR || check__empty(e)) {
				check__emit(x, RULE_TYPE, file, e->line, e->col,
					    "every entry of '%s' must be %s, not %s",
					    k->text, kind == SK_ID_LIST ? "an id" : "a text value",
					    check__empty(e) ? "empty" : show(buf, sizeof(buf), e));
				continue;
			}
			if (check_text_value(e->text, e->len, 1, why, sizeof(why))) {
				check__emit(x, RULE_TYPE, file, e->line, e->col,
					    "an entry of '%s' %s", k->text, why);
				continue;
			}
			if (kind == SK_ID_LIST && !item_id_valid(e->text))
				check__emit(x, RULE_ID_FORMAT, file, e->line, e->col,
					    "'%s' lists %s, which is not an id: ids look like %s-12",
					    k->text, show(buf, sizeof(buf), e),
					    x->cfg->prefix ? x->cfg->prefix : "MKT");
		}
		return 0;
	default:
		return 0;
	}
}

/* ---------------------------------------------------------------------
 * Fields declared in docket.yaml
 * ------------------------------------------------------------------- */

static void
pattern_check(struct check__ctx *x, const char *file, const struct ynode *k,
	      const struct ynode *v, const struct field_def *f)
{
	char err[256], buf[96];
	int m;

	if (!f->re || v->type != YNODE_SCALAR)
		return;
	m = regex_match(f->re, v->text, v->len, err, sizeof(err));
	if (m == 1)
		return;
	if (m == 0)
		check__emit(x, RULE_PATTERN, file, v->line, v->col,
			    "'%s' is %s, which does not match the pattern '%s' (docket.yaml line %d)",
			    k->text, show(buf, sizeof(buf), v), f->pattern,
			    f->line);
	else
		check__emit(x, RULE_PATTERN, file, v->line, v->col,
			    "'%s' could not be checked against its pattern '%s' (docket.yaml line %d): %s; simplify the pattern",
			    k->text, f->pattern, f->line, err);
}

static void
range_check(struct check__ctx *x, const char *file, const struct ynode *k,
	    const struct ynode *v, const struct field_def *f, double d)
{
	char lo[32], hi[32];

	if ((!f->has_min || d >= f->min) && (!f->has_max || d <= f->max))
		return;
	snprintf(lo, sizeof(lo), "%g", f->min);
	snprintf(hi, sizeof(hi), "%g", f->max);
	check__emit(x, RULE_RANGE, file, v->line, v->col,
		    "'%s' is %s; it must be %s%s%s%s%s (docket.yaml line %d)",
		    k->text, v->text,
		    f->has_min && f->has_max ? "from " : f->has_min ? "at least " : "",
		    f->has_min ? lo : "", f->has_min && f->has_max ? " to " : "",
		    !f->has_min && f->has_max ? "at most " : "",
		    f->has_max ? hi : "", f->line);
}

static void
custom_check(struct check__ctx *x, const char *file, const struct ynode *k,
	     const struct ynode *v, const struct field_def *f)
{
	long long iv;
	double d;

	if (check__empty(v))
		return;
	switch (f->type) {
	case FT_STRING:
		if (v->type != YNODE_SCALAR) {
			type_err(x, file, k, v, "a text value");
			return;
		}
		break;
	case FT_INTEGER:
		if (ynode_kind(v) != YKIND_INT || ynode_int(v, &iv)) {
			type_err(x, file, k, v, "a whole number");
			return;
		}
		range_check(x, file, k, v, f, (double)iv);
		break;
	case FT_NUMBER:
		if (!is_number(v) || ynode_number(v, &d)) {
			type_err(x, file, k, v, "a number");
			return;
		}
		range_check(x, file, k, v, f, d);
		break;
	case FT_BOOLEAN:
		if (ynode_kind(v) != YKIND_BOOL)
			type_err(x, file, k, v, "true or false");
		return;
	case FT_DATE:
		if (date_check(x, file, k, v))
			return;
		break;
	case FT_ENUM:
		if (enum_check(x, file, k, v, f->values, f->nvalues))
			return;
		break;
	case FT_ID:
		if (id_check(x, file, k, v))
			return;
		break;
	case FT_LIST:
		if (v->type != YNODE_SEQ) {
			type_err(x, file, k, v, "a list like [a, b]");
			return;
		}
		for (size_t i = 0; i < v->nkids; i++) {
			if (v->kids[i]->type != YNODE_SCALAR)
				type_err(x, file, k, v->kids[i], "a list of plain values");
			else
				pattern_check(x, file, k, v->kids[i], f);
		}
		return;
	}
	pattern_check(x, file, k, v, f);
}

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

	if (hint)
		sbuf_addf(&fix, hint, x->cfg->prefix ? x->cfg->prefix : "MKT");
	else
		sbuf_addf(&fix, "add '%s: ...'", key);
	if (knode)
		check__emit(x, RULE_REQUIRED, it->path, knode->line, knode->col,
			    "'%s' is empty%s: %s", key, why, fix.buf);
	else
		check__emit(x, RULE_REQUIRED, it->path, 1, 1,
			    "missing required field '%s'%s: %s", key, why,
			    fix.buf);
	sbuf_release(&fix);
}

struct seen {
	uint64_t present;                 /* builtin bits with a value */
	const struct ynode *key[64];      /* builtin key nodes by bit */
	const struct ynode *val[64];
};

static int
bit_of(const char *name)
{
	for (size_t i = 0; i < schema_nfields; i++)
		if (!strcmp(schema_fields[i].name, name))
			return (int)i;
	return -1;
}

static void
unknown_field(struct check__ctx *x, const struct item *it,
	      const struct ynode *k)
{
	const char *best;

	if (x->cfg_unread)
		return;
	best = check_suggest(k->text, x->keynames, x->nkeynames);
	if (best)
		check__emit(x, RULE_UNKNOWN_FIELD, it->path, k->line, k->col,
			    "unknown field '%s'; did you mean '%s'? (declare new fields under fields: in docket.yaml)",
			    k->text, best);
	else
		check__emit(x, RULE_UNKNOWN_FIELD, it->path, k->line, k->col,
			    "unknown field '%s': remove it, or declare it under fields: in docket.yaml",
			    k->text);
}

static void
goal_check(struct check__ctx *x, const struct item *it,
	   const struct ynode *v)
{
	const struct config *c = x->cfg;
	const char *cands[64];
	const char *best;
	size_t n = 0;

	if (x->cfg_unread || v->type != YNODE_SCALAR || config_goal(c, v->text))
		return;
	for (size_t i = 0; i < c->ngoals && n < ARRAY_SIZE(cands); i++)
		cands[n++] = c->goals[i].key;
	best = check_suggest(v->text, cands, n);
	if (!c->ngoals)
		check__emit(x, RULE_GOAL_UNKNOWN, it->path, v->line, v->col,
			    "goal '%s' is not defined: docket.yaml has no goals:; add it there ('%s: what it means') or remove the field",
			    v->text, v->text);
	else
		check__emit(x, RULE_GOAL_UNKNOWN, it->path, v->line, v->col,
			    "goal '%s' is not a goal in docket.yaml%s%s%s: use one of the keys under goals:, or add it there",
			    v->text, best ? "; did you mean '" : "",
			    best ? best : "", best ? "'?" : "");
}

static void
cycle_ref_check(struct check__ctx *x, const struct item *it,
		const struct ynode *v)
{
	if (v->type != YNODE_SCALAR ||
	    strmap_find(&x->cycles, v->text, v->len))
		return;
	check__emit(x, RULE_REF_UNKNOWN, it->path, v->line, v->col,
		    "cycle '%s' has no file %scycles/%s.md: fix the name, or plan the cycle (docket plan)",
		    v->text, x->bl->items_rel ? x->bl->items_rel : "", v->text);
}

/* Bits of the built-in fields the status rules read. */
struct bits {
	int id, title, status, effort, cv, bv, stop, blocked, hyp, metric,
	    target, result;
};

static void
bits_init(struct bits *b)
{
	b->id = bit_of("id");
	b->title = bit_of("title");
	b->status = bit_of("status");
	b->effort = bit_of("effort");
	b->cv = bit_of("customer_value");
	b->bv = bit_of("business_value");
	b->stop = bit_of("stop_reason");
	b->blocked = bit_of("blocked_reason");
	b->hyp = bit_of("hypothesis");
	b->metric = bit_of("metric");
	b->target = bit_of("target");
	b->result = bit_of("result");
}

static void
status_rules(struct check__ctx *x, const struct item *it,
	     const struct seen *s, const struct bits *b)
{
	const char *st = item_status_name(it->status);
	char why[96];

#define HAS(b) ((s->present >> (b)) & 1)
	if (!HAS(b->id))
		require(x, it, "id", s->key[b->id], "");
	if (!HAS(b->title))
		require(x, it, "title", s->key[b->title], "");
	if (!HAS(b->status))
		require(x, it, "status", s->key[b->status], "");
	if (it->status == ST_UNKNOWN)
		return;
	snprintf(why, sizeof(why), " (required from 'ready' on; this item is '%s')", st);
	if (required_at(it->status, ST_READY)) {
		if (!HAS(b->effort))
			require(x, it, "effort", s->key[b->effort], why);
		if (!HAS(b->cv))
			require(x, it, "customer_value", s->key[b->cv], why);
		if (!HAS(b->bv))
			require(x, it, "business_value", s->key[b->bv], why);
	}
	if (it->status == ST_STOPPED && !HAS(b->stop))
		require(x, it, "stop_reason", s->key[b->stop], " (the item is stopped)");
	if (it->status == ST_BLOCKED && !HAS(b->blocked))
		require(x, it, "blocked_reason", s->key[b->blocked], " (the item is blocked)");
	if (it->type != TYPE_EXPERIMENT)
		return;
	if (required_at(it->status, ST_READY) &&
	    (!HAS(b->hyp) || !HAS(b->metric) || !HAS(b->target))) {
		struct sbuf miss = SBUF_INIT;
		const char *names[3];
		size_t n = 0;

		if (!HAS(b->hyp))
			names[n++] = "hypothesis";
		if (!HAS(b->metric))
			names[n++] = "metric";
		if (!HAS(b->target))
			names[n++] = "target";
		join_values(&miss, names, n);
		check__emit(x, RULE_EXPERIMENT_INCOMPLETE, it->path, 1, 1,
			    "experiment is '%s' but has no %s: add %s (hypothesis: what you expect to happen, metric: what you measure, target: the value that counts as a win), or set 'type: bau'",
			    st, miss.buf, n == 1 ? "it" : "them");
		sbuf_release(&miss);
	}
	if (it->status == ST_DONE && !HAS(b->result))
		check__emit(x, RULE_RESULT_MISSING, it->path, 1, 1,
			    "experiment is done but has no result: add 'result: won', 'lost' or 'inconclusive' (and 'actual: ...', the measured value)");
#undef HAS
}

static void
check_item(struct check__ctx *x, const struct item *it, const struct bits *b)
{
	const struct ynode *root = it->fm.root;
	struct seen s;

	memset(&s, 0, sizeof(s));
	for (size_t i = 0; i + 1 < root->nkids; i += 2) {
		const struct ynode *k = root->kids[i], *v = root->kids[i + 1];
		struct strmap_entry *e = strmap_find(&x->keys, k->text, k->len);
		const struct check__key *key;

		if (!e) {
			unknown_field(x, it, k);
			continue;
		}
		key = e->value;
		switch (key->cls) {
		case CHECK__KEY_FORBIDDEN:
			check__emit(x, RULE_NO_DIRECT_ASSIGNMENT, it->path,
				    k->line, k->col,
				    "'%s' assigns work to a person, but work is never assigned directly: remove it and let the team pull from ORDER (use requested_by for who asked)",
				    k->text);
			break;
		case CHECK__KEY_CUSTOM:
			custom_check(x, it->path, k, v, key->def);
			break;
		case CHECK__KEY_BUILTIN:
			s.key[key->bit] = k;
			s.val[key->bit] = v;
			if (check__empty(v))
				break;
			s.present |= (uint64_t)1 << key->bit;
			if (check__value(x, it->path, k, v, key->kind, key->values))
				break;
			if (key->kind == SK_GOAL)
				goal_check(x, it, v);
			else if (key->kind == SK_CYCLE)
				cycle_ref_check(x, it, v);
			else if (!strcmp(key->name, "id") && x->cfg->prefix &&
				 item_id_number(v->text, x->cfg->prefix) < 0)
				check__emit(x, RULE_ID_FORMAT, it->path, v->line, v->col,
					    "id '%s' does not use this backlog's prefix '%s': ids look like %s-12",
					    v->text, x->cfg->prefix, x->cfg->prefix);
			else if (!strcmp(key->name, "effort") &&
				 it->effort > x->effort_max)
				check__emit(x, RULE_MAX_EFFORT, it->path, v->line, v->col,
					    "effort %s is over the limit of %g: split it into smaller experiments (docket followup)",
					    v->text, x->effort_max);
			break;
		}
	}
	status_rules(x, it, &s, b);
	/* declared fields with required_from */
	for (size_t i = 0; it->status != ST_UNKNOWN && i < x->cfg->nfields; i++) {
		const struct field_def *f = &x->cfg->fields[i];
		long ki;
		char why[96];

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
	if (it->status == ST_DONE)
		check__dod(x, it);
}

static struct bits the_bits;
static pthread_once_t bits_once = PTHREAD_ONCE_INIT;

static void
bits_setup(void)
{
	bits_init(&the_bits);
}

void
check__item(struct check__ctx *x, const struct item *it)
{
	pthread_once(&bits_once, bits_setup);
	if (it->parsed && it->fm.root)
		check_item(x, it, &the_bits);
}

void
check__fields(struct check__ctx *x)
{
	if (x->items_done)
		return;
	for (size_t i = 0; i < x->bl->nitems; i++)
		check__item(x, x->bl->items[i]);
}
