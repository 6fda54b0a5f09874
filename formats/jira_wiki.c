/*
 * jira_wiki.c: Jira wiki markup to Markdown, the lines and blocks (see
 * jira_wiki.h for what becomes what; the markup inside a line is
 * jira_wiki_inline.c).
 *
 * Lines are read one at a time: a table is the run of lines that start
 * with '|', {code}, {noformat} and {quote} may open or close anywhere
 * in a line, everything else is a heading, a bq. line, a list item or
 * plain text.  Each line end is found once, and every block is passed
 * over once: linear in the input.
 */
#include "formats/jira_wiki.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "formats/jira_wiki_int.h"

#define NONE JW_NONE
#define LIST_DEPTH 8

/* ---- lines and blocks ---------------------------------------------------- */

struct conv {
	struct sbuf *out;
	const char *s;
	size_t len;
	int quote;                /* inside {quote} */
	struct sbuf cont;
};

static void
prefix(struct conv *c, int blank)
{
	if (c->quote)
		sbuf_adds(c->out, blank ? ">" : "> ");
}

/* A blank line before a block Markdown would otherwise glue to the
 * paragraph above (a table, a rule). */
static void
separate(struct conv *c, size_t start)
{
	struct sbuf *o = c->out;

	if (o->len > start && o->buf[o->len - 1] == '\n' &&
	    !(o->len - start >= 2 && o->buf[o->len - 2] == '\n') &&
	    !(c->quote && o->len - start >= 2 && o->buf[o->len - 2] == '>')) {
		prefix(c, 1);
		sbuf_addc(o, '\n');
	}
}

/* One line (or the part of one between block tags): s[a..b). */
static void
convert_line(struct conv *c, size_t a, size_t b, size_t start)
{
	const char *s = c->s;
	size_t q = a, r = 0;

	while (q < b && (s[q] == ' ' || s[q] == '\t'))
		q++;
	while (b > q && jira_wiki_blank(s[b - 1]))
		b--;
	sbuf_reset(&c->cont);
	if (c->quote)
		sbuf_adds(&c->cont, "> ");
	if (q == b) {
		prefix(c, 1);
		return;
	}
	if (b - q >= 3 && s[q] == 'h' && s[q + 1] >= '1' && s[q + 1] <= '6' &&
	    s[q + 2] == '.' && (q + 3 == b || s[q + 3] == ' ' || s[q + 3] == '\t')) {
		int n = s[q + 1] - '0';

		prefix(c, 0);
		for (int i = 0; i < n; i++)
			sbuf_addc(c->out, '#');
		sbuf_addc(c->out, ' ');
		for (q += 3; q < b && (s[q] == ' ' || s[q] == '\t'); q++)
			;
		jira_wiki_inline(c->out, s, q, b, c->cont.buf, 0);
		return;
	}
	if (b - q >= 3 && !memcmp(s + q, "bq.", 3) &&
	    (q + 3 == b || s[q + 3] == ' ' || s[q + 3] == '\t')) {
		prefix(c, 0);
		sbuf_adds(c->out, "> ");
		sbuf_adds(&c->cont, "> ");
		for (q += 3; q < b && (s[q] == ' ' || s[q] == '\t'); q++)
			;
		jira_wiki_inline(c->out, s, q, b, c->cont.buf, 0);
		return;
	}
	{
		size_t d = q;

		while (d < b && d - q < 4 && s[d] == '-')
			d++;
		if (d - q == 4) {
			while (d < b && s[d] == '-')
				d++;
			while (d < b && jira_wiki_blank(s[d]))
				d++;
			if (d == b) {                 /* ---- a rule */
				separate(c, start);
				prefix(c, 0);
				sbuf_adds(c->out, "----");
				return;
			}
		}
	}
	if (s[q] == '-' && q + 1 < b && (s[q + 1] == ' ' || s[q + 1] == '\t'))
		r = 1;
	else
		while (q + r < b && (s[q + r] == '*' || s[q + r] == '#'))
			r++;
	if (r && q + r < b && (s[q + r] == ' ' || s[q + r] == '\t')) {
		size_t width = 0;

		/* indentation stops growing at LIST_DEPTH levels, so that a
		 * line continued after \\ repeats a bounded prefix */
		for (size_t l = 0; l + 1 < r && l < LIST_DEPTH; l++)
			width += s[q + l] == '#' ? 3 : 2;
		prefix(c, 0);
		for (size_t l = 0; l < width; l++) {
			sbuf_addc(c->out, ' ');
			sbuf_addc(&c->cont, ' ');
		}
		sbuf_adds(c->out, s[q + r - 1] == '#' ? "1. " : "- ");
		sbuf_adds(&c->cont, s[q + r - 1] == '#' ? "   " : "  ");
		for (q += r; q < b && (s[q] == ' ' || s[q] == '\t'); q++)
			;
		jira_wiki_inline(c->out, s, q, b, c->cont.buf, 0);
		return;
	}
	prefix(c, 0);
	jira_wiki_inline(c->out, s, q, b, c->cont.buf, 0);
}

/* ---- tables -------------------------------------------------------------- */

struct row_iter {
	const char *s;
	size_t pos, end;
	struct finder rbr, lbr, mono;
};

static void
row_init(struct row_iter *r, const char *s, size_t a, size_t b)
{
	while (a < b && (s[a] == ' ' || s[a] == '\t'))
		a++;
	while (b > a && jira_wiki_blank(s[b - 1]))
		b--;
	r->s = s;
	r->pos = a;
	r->end = b;
	jira_wiki_find_init(&r->rbr, s, b, "]");
	jira_wiki_find_init(&r->lbr, s, b, "[");
	jira_wiki_find_init(&r->mono, s, b, "}}");
}

/* The next cell of the row: 1 with s[*ca..*cb) and *head, 0 at the end. */
static int
row_next(struct row_iter *r, size_t *ca, size_t *cb, int *head)
{
	const char *s = r->s;
	size_t p = r->pos, b = r->end;

	if (p >= b || s[p] != '|')
		return 0;
	*head = p + 1 < b && s[p + 1] == '|';
	p += *head ? 2 : 1;
	*ca = p;
	while (p < b && s[p] != '|') {
		if (s[p] == '\\' && p + 1 < b) {
			p += 2;
		} else if (s[p] == '[') {
			size_t j = jira_wiki_find_next(&r->rbr, p + 1);

			p = j < b && jira_wiki_find_next(&r->lbr, p + 1) > j ? j + 1 : p + 1;
		} else if (s[p] == '{' && p + 1 < b && s[p + 1] == '{') {
			size_t j = jira_wiki_find_next(&r->mono, p + 2);

			p = j < b ? j + 2 : p + 1;
		} else {
			p++;
		}
	}
	if (p > b)
		p = b;
	*cb = p;
	r->pos = p;
	if (p == b) {
		size_t x = *ca;

		while (x < b && jira_wiki_blank(s[x]))
			x++;
		if (x == b)
			return 0;               /* the closing '|' */
	}
	return 1;
}

static void
put_cell(struct conv *c, struct sbuf *tmp, size_t a, size_t b)
{
	jira_wiki_trim(c->s, &a, &b);
	sbuf_reset(tmp);
	jira_wiki_inline(tmp, c->s, a, b, "", 1);
	sbuf_addc(c->out, ' ');
	for (size_t i = 0; i < tmp->len; i++) {
		if (tmp->buf[i] == '\\' && i + 1 < tmp->len) {
			sbuf_add(c->out, tmp->buf + i, 2);
			i++;
			continue;
		}
		if (tmp->buf[i] == '|')
			sbuf_addc(c->out, '\\');
		sbuf_addc(c->out, tmp->buf[i]);
	}
	sbuf_adds(c->out, tmp->len ? " |" : "|");
}

/* The table whose rows are s[rows[2i]..rows[2i+1]). */
static void
put_table(struct conv *c, const size_t *rows, size_t nrows, size_t start)
{
	struct row_iter r;
	struct sbuf tmp = SBUF_INIT;
	size_t ncols = 0, ca, cb, n;
	int head, first_head = 0;

	for (size_t i = 0; i < nrows; i++) {
		row_init(&r, c->s, rows[2 * i], rows[2 * i + 1]);
		for (n = 0; row_next(&r, &ca, &cb, &head); n++)
			if (i == 0 && n == 0)
				first_head = head;
		if (n > ncols)
			ncols = n;
	}
	if (!ncols) {           /* lines of bare pipes: text */
		for (size_t i = 0; i < nrows; i++) {
			prefix(c, 0);
			sbuf_add(c->out, c->s + rows[2 * i], rows[2 * i + 1] - rows[2 * i]);
			sbuf_addc(c->out, '\n');
		}
		return;
	}
	separate(c, start);
	for (size_t i = 0; i < nrows; i++) {
		if (i > 0 || first_head) {
			prefix(c, 0);
			sbuf_addc(c->out, '|');
			row_init(&r, c->s, rows[2 * i], rows[2 * i + 1]);
			for (n = 0; row_next(&r, &ca, &cb, &head); n++)
				put_cell(c, &tmp, ca, cb);
			for (; i == 0 && n < ncols; n++)
				sbuf_adds(c->out, " |");
			sbuf_addc(c->out, '\n');
		}
		if (i == 0) {
			if (!first_head) {
				prefix(c, 0);
				sbuf_addc(c->out, '|');
				for (n = 0; n < ncols; n++)
					sbuf_adds(c->out, " |");
				sbuf_addc(c->out, '\n');
			}
			prefix(c, 0);
			sbuf_addc(c->out, '|');
			for (n = 0; n < ncols; n++)
				sbuf_adds(c->out, " --- |");
			sbuf_addc(c->out, '\n');
			if (!first_head) {
				prefix(c, 0);
				sbuf_addc(c->out, '|');
				row_init(&r, c->s, rows[0], rows[1]);
				while (row_next(&r, &ca, &cb, &head))
					put_cell(c, &tmp, ca, cb);
				sbuf_addc(c->out, '\n');
			}
		}
	}
	sbuf_release(&tmp);
}

/* ---- block tags ---------------------------------------------------------- */

enum tag { TAG_NONE, TAG_CODE, TAG_NOFORMAT, TAG_QUOTE };

/* The first {code}, {code:...}, {noformat} or {quote} in s[p..e):
 * its position (e when none), kind, end and parameters. */
static size_t
find_tag(const char *s, size_t p, size_t e, enum tag *kind, size_t *tend,
	 size_t *pa, size_t *pb)
{
	static const struct { const char *name; enum tag kind; } tags[] = {
		{ "{code", TAG_CODE }, { "{noformat", TAG_NOFORMAT },
		{ "{quote", TAG_QUOTE },
	};

	for (; p < e; p++) {
		if (s[p] != '{')
			continue;
		for (size_t t = 0; t < sizeof(tags) / sizeof(tags[0]); t++) {
			size_t n = strlen(tags[t].name), k = p + n;

			if (k >= e || memcmp(s + p, tags[t].name, n))
				continue;
			*pa = *pb = k;
			if (s[k] == ':' && tags[t].kind != TAG_QUOTE) {
				*pa = ++k;
				while (k < e && k - p < 256 && s[k] != '}')
					k++;
				*pb = k;
			}
			if (k < e && s[k] == '}') {
				*kind = tags[t].kind;
				*tend = k + 1;
				return p;
			}
		}
	}
	*kind = TAG_NONE;
	return e;
}

static int
lang_char(char ch)
{
	return jira_wiki_word(ch) || ch == '_' || ch == '+' || ch == '#' ||
	       ch == '.' || ch == '-';
}

/* A {code} or {noformat} block: its content is s[a..b). */
static void
put_code(struct conv *c, size_t pa, size_t pb, size_t a, size_t b)
{
	const char *s = c->s;
	size_t run = 0, longest = 0, la = 0, lb = 0;

	/* parameters: a language, or key=value pairs (title=, language=) */
	for (size_t k = pa; k < pb;) {
		size_t e = k, eq = 0;

		while (e < pb && s[e] != '|')
			e++;
		for (size_t j = k; j < e && !eq; j++)
			if (s[j] == '=')
				eq = j;
		if (!eq && k == pa) {
			la = k;
			lb = e;
		} else if (eq && eq - k == 8 && !memcmp(s + k, "language", 8)) {
			la = eq + 1;
			lb = e;
		} else if (eq && eq - k == 5 && !memcmp(s + k, "title", 5) && eq + 1 < e) {
			prefix(c, 0);
			sbuf_adds(c->out, "**");
			sbuf_add(c->out, s + eq + 1, e - eq - 1);
			sbuf_adds(c->out, "**\n");
		}
		k = e + 1;
	}
	for (size_t k = la; k < lb; k++)
		if (!lang_char(s[k]))
			la = lb = 0;
	/* one line break after the opening tag and before the closing one
	 * belong to the tags */
	if (a < b && s[a] == '\r')
		a++;
	if (a < b && s[a] == '\n')
		a++;
	if (b > a && s[b - 1] == '\n')
		b--;
	if (b > a && s[b - 1] == '\r')
		b--;
	for (size_t i = a; i < b; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	if (longest < 2)
		longest = 2;
	prefix(c, 0);
	for (size_t i = 0; i <= longest; i++)
		sbuf_addc(c->out, '`');
	sbuf_add(c->out, s + la, lb - la);
	sbuf_addc(c->out, '\n');
	for (size_t i = a; i < b;) {
		const char *nl = memchr(s + i, '\n', b - i);
		size_t e = nl ? (size_t)(nl - s) : b, le = e;

		if (le > i && s[le - 1] == '\r')
			le--;
		prefix(c, le == i);
		sbuf_add(c->out, s + i, le - i);
		sbuf_addc(c->out, '\n');
		i = e + 1;
	}
	prefix(c, 0);
	for (size_t i = 0; i <= longest; i++)
		sbuf_addc(c->out, '`');
	sbuf_addc(c->out, '\n');
}

static int
table_line(const char *s, size_t p, size_t e)
{
	while (p < e && (s[p] == ' ' || s[p] == '\t'))
		p++;
	return p < e && s[p] == '|';
}

static size_t
line_end(const char *s, size_t p, size_t len)
{
	const char *nl = memchr(s + p, '\n', len - p);

	return nl ? (size_t)(nl - s) : len;
}

void
jira_wiki_to_markdown(struct sbuf *out, const char *s, size_t len)
{
	struct conv c = { .out = out, .s = s, .len = len };
	size_t start = out->len, p = 0, eol = NONE;
	size_t *rows = NULL, nrows = 0, arows = 0;

	sbuf_init(&c.cont);
	while (p < len) {
		size_t le, t, tend, pa, pb;
		enum tag kind;

		if (eol == NONE || p > eol)
			eol = line_end(s, p, len);
		le = eol;
		if (le > p && s[le - 1] == '\r')
			le--;
		if (table_line(s, p, le)) {
			nrows = 0;
			while (p < len && table_line(s, p, le)) {
				rows = xgrow(rows, &arows, 2 * nrows + 2, sizeof(*rows));
				rows[2 * nrows] = p;
				rows[2 * nrows + 1] = le;
				nrows++;
				p = eol < len ? eol + 1 : len;
				if (p < len) {
					eol = line_end(s, p, len);
					le = eol;
					if (le > p && s[le - 1] == '\r')
						le--;
				}
			}
			put_table(&c, rows, nrows, start);
			continue;
		}
		t = find_tag(s, p, le, &kind, &tend, &pa, &pb);
		if (kind == TAG_NONE) {
			convert_line(&c, p, le, start);
			sbuf_addc(out, '\n');
			p = eol < len ? eol + 1 : len;
			continue;
		}
		{
			size_t k = p;

			while (k < t && jira_wiki_blank(s[k]))
				k++;
			if (k < t) {
				convert_line(&c, p, t, start);
				sbuf_addc(out, '\n');
			}
		}
		if (kind == TAG_QUOTE) {
			c.quote = !c.quote;
			p = tend;
		} else {
			const char *close = kind == TAG_CODE ? "{code}" : "{noformat}";
			size_t n = strlen(close), e = tend;

			while (e + n <= len && memcmp(s + e, close, n))
				e++;
			if (e + n > len)
				e = len;
			put_code(&c, pa, pb, tend, e);
			p = e < len ? e + n : len;
		}
		/* the rest of the tag's line, when blank, ends with it */
		if (p > eol)
			eol = line_end(s, p, len);
		{
			size_t k = p;

			while (k < eol && jira_wiki_blank(s[k]))
				k++;
			if (k == eol)
				p = eol < len ? eol + 1 : len;
		}
	}
	free(rows);
	sbuf_release(&c.cont);
	{
		size_t n = out->len;

		while (n > start && out->buf[n - 1] == '\n')
			n--;
		sbuf_setlen(out, n);
	}
	if (len && s[len - 1] == '\n' && out->len > start)
		sbuf_addc(out, '\n');
}
