/*
 * check_value.c: the one check of a field's value (type, enum, range,
 * pattern, id-format), for `check` (check_fields.c, check_cycles.c) and
 * for the write commands before they write.  See check_value in
 * core/check.h.
 *
 * Findings carry the rule's default severity; check applies the
 * overrides of docket.yaml (check__adopt), the write commands through
 * check_rule_severity.
 */
#include "core/check_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/regex.h"
#include "core/schema.h"
#include "core/sbuf.h"
#include "core/utf8.h"
#include "core/xalloc.h"

struct vctx {
	struct diag_list *out;
	const struct config *cfg;
	const char *file;
};

/* A finding about key k's value at node at. */
static struct diag *
vemit(struct vctx *x, enum check_rule r, const struct ynode *at,
      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static struct diag *
vemit(struct vctx *x, enum check_rule r, const struct ynode *at,
      const char *fmt, ...)
{
	struct sbuf sb = SBUF_INIT;
	struct diag *d;
	va_list ap;

	va_start(ap, fmt);
	sbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	d = diag_add(x->out, check_rules[r].severity, check_rules[r].id, x->file,
		     at->line, at->col, "%s", sb.buf);
	d->end_line = at->end_line;
	d->end_column = at->end_col;
	sbuf_release(&sb);
	return d;
}

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
	cut = utf8_floor(v->text, len, 40);   /* never cut a character */
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
type_err(struct vctx *x, const struct ynode *k,
	 const struct ynode *v, const char *expect)
{
	char buf[96];

	vemit(x, RULE_TYPE, v,
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
void
check__join(struct sbuf *sb, const char *const *vals, size_t n)
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
enum_check(struct vctx *x, const struct ynode *k,
	   const struct ynode *v, const char *const *vals, size_t n)
{
	struct sbuf sb = SBUF_INIT;
	const char *best;
	char buf[96];

	if (v->type != YNODE_SCALAR)
		return type_err(x, k, v, "one value");
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v->text, vals[i]))
			return 0;
	best = check_suggest(v->text, vals, n);
	check__join(&sb, vals, n);
	vemit(x, RULE_ENUM, v,
		    "'%s' is %s, which is not one of %s%s%s%s", k->text,
		    show(buf, sizeof(buf), v), sb.buf,
		    best ? "; did you mean '" : "", best ? best : "",
		    best ? "'?" : "");
	sbuf_release(&sb);
	return -1;
}

static int
date_check(struct vctx *x, const struct ynode *k,
	   const struct ynode *v)
{
	const char *s = v->text;
	int shape = 1;
	char buf[96];

	if (v->type != YNODE_SCALAR || ynode_kind(v) != YKIND_STR)
		return type_err(x, k, v, expect_of(SK_DATE));
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		shape = 0;
	for (int i = 0; shape && i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			shape = 0;
	if (!shape)
		return type_err(x, k, v, expect_of(SK_DATE));
	if (!schema_date_valid(s)) {
		vemit(x, RULE_RANGE, v,
			    "'%s' is %s, which is not a calendar date: fix the month or day",
			    k->text, show(buf, sizeof(buf), v));
		return -1;
	}
	return 0;
}

static int
id_check(struct vctx *x, const struct ynode *k,
	 const struct ynode *v)
{
	char buf[96];

	if (v->type != YNODE_SCALAR)
		return type_err(x, k, v, expect_of(SK_ID));
	if (!item_id_valid(v->text)) {
		vemit(x, RULE_ID_FORMAT, v,
			    "'%s' is %s, which is not an id: ids look like %s-12 (letters, a dash, a number without leading zeros)",
			    k->text, show(buf, sizeof(buf), v),
			    x->cfg->prefix ? x->cfg->prefix : "MKT");
		return -1;
	}
	return 0;
}

int
check_text_value(const char *s, size_t len, int one_line,
		 struct diag_list *errs)
{
	const unsigned char *u = (const unsigned char *)s;
	int32_t cp = 0, bad = -1;    /* the first character refused */
	size_t i = 0, n;

	/* One pass (check runs this on every value): ASCII bytes are
	 * looked at as they are, the others decoded.  Invalid UTF-8
	 * anywhere is the reason given, even after a refused character. */
	while (one_line && i < len && bad < 0) {
		if (u[i] < 0x80) {
			if (u[i] == 0 || u[i] == '\n' || u[i] == '\r')
				bad = u[i];
			i++;
			continue;
		}
		if (!(n = utf8_next(s + i, len - i, &cp)))
			break;
		if (cp == 0x2028 || cp == 0x2029)
			bad = cp;
		i += n;
	}
	if (!utf8_valid(s + i, len - i))
		return diag_error(errs, DK_EINVALID, "is not valid UTF-8");
	if (bad == 0)
		return diag_error(errs, DK_EINVALID, "holds a NUL byte");
	if (bad == '\n' || bad == '\r')
		return diag_error(errs, DK_EINVALID, "must be one line");
	if (bad > 0)
		return diag_error(errs, DK_EINVALID,
				  "must be one line (it holds a %s separator, U+%04X)",
				  bad == 0x2028 ? "line" : "paragraph", (unsigned)bad);
	return 0;
}

int
check_kind_one_line(int kind)
{
	return kind == SK_LINE || kind == SK_ID || kind == SK_ENUM ||
	       kind == SK_GOAL || kind == SK_CYCLE || kind == SK_DATE;
}

/* check_text_value on a scalar; a finding (and -1) when it fails.
 * what: "'effort'" or "an entry of 'tags'". */
static int
text_rules(struct vctx *x, const struct ynode *v, int one_line,
	   const char *fmt, const char *key, const char *hint)
{
	struct diag_list why = DIAG_LIST_INIT;

	if (!check_text_value(v->text, v->len, one_line, &why))
		return 0;
	vemit(x, RULE_TYPE, v, fmt, key, diag_last_message(&why),
	      hint && !strncmp(diag_last_message(&why), "must be one line", 16) ?
	      hint : "");
	diag_list_release(&why);
	return -1;
}

static int
value(struct vctx *x, const struct ynode *k, const struct ynode *v, int kind,
      const char *const *values)
{
	enum ynode_kind yk;
	long long iv;
	double d;
	char buf[96];

	if (check__empty(v))
		return 0;
	if (v->type == YNODE_SCALAR && v->text &&
	    text_rules(x, v, check_kind_one_line(kind), "'%s' %s%s", k->text,
		       kind == SK_LINE ?
		       ": put the details in the body below the front matter" : NULL))
		return -1;
	yk = ynode_kind(v);
	switch (kind) {
	case SK_STRING:
	case SK_GOAL:
	case SK_CYCLE:
	case SK_NUM_OR_STR:
		if (v->type != YNODE_SCALAR)
			return type_err(x, k, v, expect_of(kind));
		return 0;
	case SK_LINE:
		if (v->type != YNODE_SCALAR)
			return type_err(x, k, v, expect_of(kind));
		return 0;
	case SK_ID:
		return id_check(x, k, v);
	case SK_ENUM:
		return enum_check(x, k, v, values, count_values(values));
	case SK_NUMBER:
		if (!is_number(v) || ynode_number(v, &d))
			return type_err(x, k, v, expect_of(kind));
		if (!(d > 0) || isinf(d)) {
			vemit(x, RULE_RANGE, v,
				    "'%s' is %s; it must be above 0 (a relative size)",
				    k->text, show(buf, sizeof(buf), v));
			return -1;
		}
		return 0;
	case SK_REMAINING:
		if (!is_number(v) || ynode_number(v, &d))
			return type_err(x, k, v, expect_of(kind));
		if (!(d >= 0) || isinf(d)) {
			vemit(x, RULE_RANGE, v,
			      "'%s' is %s; it must be 0 or more (the effort left)",
			      k->text, show(buf, sizeof(buf), v));
			return -1;
		}
		return 0;
	case SK_SCORE:
		if (yk != YKIND_INT || ynode_int(v, &iv))
			return type_err(x, k, v, expect_of(kind));
		if (iv < 1 || iv > 10) {
			vemit(x, RULE_RANGE, v,
				    "'%s' is %lld; it must be from 1 to 10",
				    k->text, iv);
			return -1;
		}
		return 0;
	case SK_BOOL:
		if (yk != YKIND_BOOL)
			return type_err(x, k, v, expect_of(kind));
		return 0;
	case SK_DATE:
		return date_check(x, k, v);
	case SK_STR_LIST:
	case SK_ID_LIST:
		if (v->type != YNODE_SEQ)
			return type_err(x, k, v, expect_of(kind));
		for (size_t i = 0; i < v->nkids; i++) {
			const struct ynode *e = v->kids[i];

			if (e->type != YNODE_SCALAR || check__empty(e)) {
				vemit(x, RULE_TYPE, e,
					    "every entry of '%s' must be %s, not %s",
					    k->text, kind == SK_ID_LIST ? "an id" : "a text value",
					    check__empty(e) ? "empty" : show(buf, sizeof(buf), e));
				continue;
			}
			if (text_rules(x, e, 1, "an entry of '%s' %s%s", k->text, NULL))
				continue;
			if (kind == SK_ID_LIST && !item_id_valid(e->text))
				vemit(x, RULE_ID_FORMAT, e,
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
pattern_check(struct vctx *x, const struct ynode *k,
	      const struct ynode *v, const struct field_def *f)
{
	struct diag_list err = DIAG_LIST_INIT;
	char buf[96];
	int m;

	if (!f->re || v->type != YNODE_SCALAR)
		return;
	m = regex_match(f->re, v->text, v->len, &err);
	if (m == 1)
		return;
	if (m == 0)
		vemit(x, RULE_PATTERN, v,
			    "'%s' is %s, which does not match the pattern '%s' (docket.yaml line %d)",
			    k->text, show(buf, sizeof(buf), v), f->pattern,
			    f->line);
	else
		vemit(x, RULE_PATTERN, v,
			    "'%s' could not be checked against its pattern '%s' (docket.yaml line %d): %s; simplify the pattern",
			    k->text, f->pattern, f->line, diag_last_message(&err));
	diag_list_release(&err);
}

static void
range_check(struct vctx *x, const struct ynode *k,
	    const struct ynode *v, const struct field_def *f, double d)
{
	char lo[32], hi[32];

	if ((!f->has_min || d >= f->min) && (!f->has_max || d <= f->max))
		return;
	snprintf(lo, sizeof(lo), "%g", f->min);
	snprintf(hi, sizeof(hi), "%g", f->max);
	vemit(x, RULE_RANGE, v,
		    "'%s' is %s; it must be %s%s%s%s%s (docket.yaml line %d)",
		    k->text, v->text,
		    f->has_min && f->has_max ? "from " : f->has_min ? "at least " : "",
		    f->has_min ? lo : "", f->has_min && f->has_max ? " to " : "",
		    !f->has_min && f->has_max ? "at most " : "",
		    f->has_max ? hi : "", f->line);
}

static void
custom_check(struct vctx *x, const struct ynode *k,
	     const struct ynode *v, const struct field_def *f)
{
	long long iv;
	double d;

	if (check__empty(v))
		return;
	switch (f->type) {
	case FT_STRING:
		if (v->type != YNODE_SCALAR) {
			type_err(x, k, v, "a text value");
			return;
		}
		break;
	case FT_INTEGER:
		if (ynode_kind(v) != YKIND_INT || ynode_int(v, &iv)) {
			type_err(x, k, v, "a whole number");
			return;
		}
		range_check(x, k, v, f, (double)iv);
		break;
	case FT_NUMBER:
		if (!is_number(v) || ynode_number(v, &d)) {
			type_err(x, k, v, "a number");
			return;
		}
		range_check(x, k, v, f, d);
		break;
	case FT_BOOLEAN:
		if (ynode_kind(v) != YKIND_BOOL)
			type_err(x, k, v, "true or false");
		return;
	case FT_DATE:
		if (date_check(x, k, v))
			return;
		break;
	case FT_ENUM:
		if (enum_check(x, k, v, f->values, f->nvalues))
			return;
		break;
	case FT_ID:
		if (id_check(x, k, v))
			return;
		break;
	case FT_LIST:
		if (v->type != YNODE_SEQ) {
			type_err(x, k, v, "a list like [a, b]");
			return;
		}
		for (size_t i = 0; i < v->nkids; i++) {
			if (v->kids[i]->type != YNODE_SCALAR)
				type_err(x, k, v->kids[i], "a list of plain values");
			else
				pattern_check(x, k, v->kids[i], f);
		}
		return;
	}
	pattern_check(x, k, v, f);
}


int
check_value_as(struct diag_list *out, const struct config *c, const char *file,
	       const struct ynode *k, const struct ynode *v, int kind,
	       const char *const *values, const struct field_def *def)
{
	struct vctx x = { out, c, file };
	size_t before = out->n;

	if (kind == SK_CUSTOM)
		custom_check(&x, k, v, def);
	else
		value(&x, k, v, kind, values);
	for (size_t i = before; i < out->n; i++)
		diag_set_field(&out->v[i], k->text);
	return out->n > before ? -1 : 0;
}

int
check_value(struct diag_list *out, const struct config *c, const char *file,
	    const struct ynode *k, const struct ynode *v)
{
	const struct field_def *def = NULL;
	const struct builtin_field *b = schema_builtin(k->text);
	enum schema_kind kind = schema_kind_of(c, k->text, &def);

	if (kind == SK_UNKNOWN)
		return 0;
	return check_value_as(out, c, file, k, v, kind, b ? b->values : NULL, def);
}

enum severity
check_rule_severity(const struct config *c, enum check_rule r)
{
	const struct rule_setting *s = config_rule(c, check_rules[r].id);

	if (!check_rules[r].configurable || !s || s->severity < 0)
		return check_rules[r].severity;
	return (enum severity)s->severity;
}
