/*
 * check_suppress.c: inline suppressions (docs/checks.md).  A YAML comment
 * "# docket: ignore[RULE]" (or "ignore[RULE, RULE]") on a line of an
 * item's or cycle file's front matter, or of ORDER, silences the
 * findings of those rules on that line: they are marked suppressed
 * (JSON lists them as such; they count nowhere).  A suppression that
 * silences nothing is itself a finding, unused-suppression.
 *
 * Design notes
 * (1) libyaml drops comments, so the lines are scanned as text while
 *     the item's bytes are there (check__item runs before BL_LEAN frees
 *     them).  A '#' starts a comment at the start of a line or after a
 *     blank, outside a quoted scalar that starts on the same line; in
 *     ORDER (no quoting) every '#' does.
 * (2) Rules with keep (syntax, config, owner-order) are never
 *     suppressed: a file docket cannot read, or a reorder by someone
 *     who is not an owner, must not be hidden by the change it is in.
 *     Naming one in a suppression is an unused-suppression finding.
 * (3) Suppressions are sorted by file and line once, and each finding
 *     is looked up by binary search: linear-logarithmic in the number
 *     of findings and comments.
 * (4) A suppression of a rule that is off (docket.yaml, --ignore,
 *     --select) is not reported as unused: it may be needed on a run
 *     with the rule on.
 */
#include "core/check_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#define MARK "docket:"
#define VERB "ignore["

/* Record the suppression of rule (rule[0..len)) at file:line:col. */
static void
add(struct check__ctx *x, const char *file, const char *subject, int line,
    int col, const char *rule, size_t len)
{
	struct check__supp *s;

	x->supp = xgrow(x->supp, &x->asupp, x->nsupp + 1, sizeof(*x->supp));
	s = &x->supp[x->nsupp++];
	memset(s, 0, sizeof(*s));
	s->file = xstrdup(file);
	s->subject = subject ? xstrdup(subject) : NULL;
	s->line = line;
	s->col = col;
	s->rule = xstrndup(rule, len);
}

/* The offset of the comment's '#' on line p[0..len), or -1. */
static long
comment_start(const char *p, size_t len, int yaml)
{
	char quote = 0;

	for (size_t i = 0; i < len; i++) {
		char c = p[i];
		int boundary = i == 0 || p[i - 1] == ' ' || p[i - 1] == '\t';

		if (quote) {
			if (c == quote && quote == '\'' && i + 1 < len &&
			    p[i + 1] == '\'')
				i++;             /* '' inside '...' */
			else if (c == '\\' && quote == '"' && i + 1 < len)
				i++;
			else if (c == quote)
				quote = 0;
			continue;
		}
		if (c == '#' && (boundary || !yaml))
			return (long)i;
		/* a quoted scalar starts after a blank, ':', '-', '[' or ',' */
		if (yaml && (c == '"' || c == '\'') &&
		    (i == 0 || strchr(" \t:-[{,", p[i - 1])))
			quote = c;
	}
	return -1;
}

static int
rule_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* Scan one line for "# docket: ignore[...]" and record its rules. */
static void
scan_line(struct check__ctx *x, const char *file, const char *subject,
	  int lineno, const char *p, size_t len, int yaml)
{
	long h = comment_start(p, len, yaml);
	size_t i;

	if (h < 0)
		return;
	i = (size_t)h + 1;
	while (i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (len - i < strlen(MARK) || strncmp(p + i, MARK, strlen(MARK)))
		return;
	i += strlen(MARK);
	while (i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (len - i < strlen(VERB) || strncmp(p + i, VERB, strlen(VERB)))
		return;
	i += strlen(VERB);
	for (;;) {
		size_t start;

		while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == ','))
			i++;
		start = i;
		while (i < len && rule_char(p[i]))
			i++;
		if (i > start)
			add(x, file, subject, lineno, (int)start + 1, p + start,
			    i - start);
		if (i >= len || p[i] == ']' || (i == start && p[i] != ','))
			return;
	}
}

/* Every line of text[0..len), the first being line first. */
static void
scan_text(struct check__ctx *x, const char *file, const char *subject,
	  const char *text, size_t len, int first, int yaml)
{
	const char *p = text, *end = text + len;
	int line = first;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (n && p[n - 1] == '\r')
			n--;
		if (memchr(p, '#', n))
			scan_line(x, file, subject, line, p, n, yaml);
		line++;
		p = nl ? nl + 1 : end;
	}
}

void
check__supp_scan_item(struct check__ctx *x, const struct item *it)
{
	if (!it->parsed || !it->data || !it->fm.yaml_len)
		return;
	scan_text(x, it->path, it->id, it->data + it->fm.yaml_off,
		  it->fm.yaml_len, it->fm.yaml_line, 1);
}

void
check__supp_scan_order(struct check__ctx *x)
{
	const struct order *o = &x->bl->order;

	if (!x->bl->have_order || !x->bl->order_path)
		return;
	for (size_t i = 0; i < o->nlines; i++) {
		const struct order_line *l = &o->lines[i];

		if (strchr(l->text, '#'))
			scan_line(x, x->bl->order_path, l->id, l->lineno, l->text,
				  strlen(l->text), 0);
	}
}

static int
cmp_supp(const void *pa, const void *pb)
{
	const struct check__supp *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->col < b->col ? -1 : a->col > b->col;
}

/* The first suppression at file:line, or NULL. */
static struct check__supp *
first_at(struct check__ctx *x, const char *file, int line)
{
	size_t lo = 0, hi = x->nsupp;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(x->supp[mid].file, file);

		if (!c)
			c = x->supp[mid].line < line ? -1 : x->supp[mid].line > line;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < x->nsupp && !strcmp(x->supp[lo].file, file) &&
	    x->supp[lo].line == line)
		return &x->supp[lo];
	return NULL;
}

/* Mark d suppressed when a comment on its line names its rule. */
static void
apply_one(struct check__ctx *x, struct diag *d)
{
	struct check__supp *s, *end = x->supp + x->nsupp;
	int r;

	if (!d->file || d->line <= 0 || !*d->rule)
		return;
	r = check_rule_find(d->rule);
	if (r < 0 || check_rules[r].keep)
		return;
	for (s = first_at(x, d->file, d->line);
	     s && s < end && s->line == d->line && !strcmp(s->file, d->file);
	     s++) {
		if (!strcmp(s->rule, d->rule)) {
			d->suppressed = 1;
			s->used = 1;
		}
	}
}

static void
report_unused(struct check__ctx *x, const struct check__supp *s)
{
	const char *names[RULE_COUNT];
	int r = check_rule_find(s->rule);
	struct diag *d = NULL;

	if (r < 0) {
		const char *best;

		for (int i = 0; i < RULE_COUNT; i++)
			names[i] = check_rules[i].id;
		best = check_suggest(s->rule, names, RULE_COUNT);
		d = check__emit(x, RULE_UNUSED_SUPPRESSION, s->file, s->line, s->col,
				"'# docket: ignore[%s]' names no rule%s%s%s (docket help rules lists them)",
				s->rule, best ? "; did you mean '" : "",
				best ? best : "", best ? "'?" : "");
	} else if (check_rules[r].keep) {
		d = check__emit(x, RULE_UNUSED_SUPPRESSION, s->file, s->line, s->col,
				"rule '%s' cannot be suppressed: fix the finding instead, and remove this comment",
				s->rule);
	} else if (x->sev[r] != SEV_OFF) {
		d = check__emit(x, RULE_UNUSED_SUPPRESSION, s->file, s->line, s->col,
				"'# docket: ignore[%s]' suppresses nothing: no %s finding on this line; remove it",
				s->rule, s->rule);
	}
	if (d) {
		d->end_line = s->line;
		d->end_column = s->col + (int)strlen(s->rule);
		diag_set_subject(d, s->subject);
	}
}

void
check__supp_apply(struct check__ctx *x)
{
	size_t n = x->out->n;

	if (!x->nsupp)
		return;
	qsort(x->supp, x->nsupp, sizeof(*x->supp), cmp_supp);
	for (size_t i = 0; i < n; i++)
		apply_one(x, &x->out->v[i]);
	for (size_t i = 0; i < x->nsupp; i++)
		if (!x->supp[i].used)
			report_unused(x, &x->supp[i]);
}

void
check__supp_release(struct check__ctx *x)
{
	for (size_t i = 0; i < x->nsupp; i++) {
		free(x->supp[i].file);
		free(x->supp[i].subject);
		free(x->supp[i].rule);
	}
	free(x->supp);
	x->supp = NULL;
	x->nsupp = x->asupp = 0;
}
