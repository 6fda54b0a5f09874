/*
 * jira_wiki_inline.c: the markup inside one line of Jira wiki text:
 * emphasis, {{monospace}}, links, mentions, images, {color} tags, \\
 * and escapes (see jira_wiki.h for what becomes what).
 *
 * Every lookahead for a closing delimiter ("}}", "]", the closing '*'
 * of a *bold*) goes through a cache that only moves forward, so a line
 * of ten thousand unmatched '*' or '[' is scanned once, not once per
 * opener.  Open spans live on a small stack (at most one per kind of
 * emphasis and one link: bounded whatever the input), never in
 * recursion.
 */
#include "formats/jira_wiki_int.h"

#include <string.h>

#define NONE JW_NONE

int
jira_wiki_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A letter or digit: ASCII, or any byte of a multi-byte character. */
int
jira_wiki_word(int c)
{
	unsigned char u = (unsigned char)c;

	return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') ||
	       (u >= 'A' && u <= 'Z') || u >= 0x80;
}

static int
is_punct(int c)
{
	return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) ||
	       (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

/* ---- forward-only searches ------------------------------------------- */


void
jira_wiki_find_init(struct finder *f, const char *s, size_t end, const char *needle)
{
	f->s = s;
	f->end = end;
	f->needle = needle;
	f->nlen = strlen(needle);
	f->hit = NONE;
	f->scanned = 0;
}

/* Position of the needle, or end when there is none. */
size_t
jira_wiki_find_next(struct finder *f, size_t from)
{
	size_t p;

	if (f->hit != NONE && f->hit >= from)
		return f->hit;
	p = from > f->scanned ? from : f->scanned;
	while (p + f->nlen <= f->end && memcmp(f->s + p, f->needle, f->nlen))
		p++;
	if (p + f->nlen > f->end)
		p = f->end;
	f->hit = f->scanned = p;
	return p;
}

/* ---- inline markup ------------------------------------------------------ */

enum { EM_BOLD, EM_ITAL, EM_STRIKE, EM_INS, EM_SUP, EM_SUB, EM_N };

static const char em_char[EM_N] = { '*', '_', '-', '+', '^', '~' };
static const char *const em_open[EM_N] = {
	"**", "_", "~~", "<ins>", "<sup>", "<sub>",
};
static const char *const em_close[EM_N] = {
	"**", "_", "~~", "</ins>", "</sup>", "</sub>",
};

struct frame {
	int em;                   /* EM_*, or -1 for a link */
	size_t limit;             /* the closer, or the link's '|' */
	size_t resume;            /* where reading goes on after it */
	size_t url, urlend, tip, tipend;
};

struct inl {
	struct sbuf *out;
	const char *s;
	size_t a, b;              /* the text: s[a..b) */
	const char *cont;         /* starts a line continued after \\ */
	int cell;                 /* in a table cell: \\ is <br> */
	struct finder rbr, lbr, mono, bang;
	size_t em_hit[EM_N], em_scan[EM_N];
	struct frame st[EM_N + 1];
	size_t nst;
	int open[EM_N];
};

static size_t
limit_of(const struct inl *x)
{
	return x->nst ? x->st[x->nst - 1].limit : x->b;
}

static int
is_closer(const struct inl *x, int k, size_t p)
{
	const char *s = x->s;

	return s[p] == em_char[k] && p > x->a && !jira_wiki_blank(s[p - 1]) &&
	       s[p - 1] != '\\' && (p + 1 == x->b || !jira_wiki_word(s[p + 1]));
}

/* The first closer of kind k at or after from, or b. */
static size_t
em_next(struct inl *x, int k, size_t from)
{
	size_t p;

	if (x->em_hit[k] != NONE && x->em_hit[k] >= from)
		return x->em_hit[k];
	p = from > x->em_scan[k] ? from : x->em_scan[k];
	while (p < x->b && !is_closer(x, k, p))
		p++;
	x->em_hit[k] = x->em_scan[k] = p;
	return p;
}

static int
em_kind(char c)
{
	for (int k = 0; k < EM_N; k++)
		if (em_char[k] == c)
			return k;
	return -1;
}

/* A link destination: <...> when it holds blanks, brackets or parens. */
static void
put_dest(struct sbuf *out, const char *s, size_t a, size_t b)
{
	int angle = 0;

	if (a < b && s[a] == '^')     /* [text|^attachment.pdf] */
		a++;
	for (size_t i = a; i < b; i++)
		if (jira_wiki_blank(s[i]) || s[i] == '(' || s[i] == ')' ||
		    s[i] == '<' || s[i] == '>')
			angle = 1;
	if (!angle) {
		sbuf_add(out, s + a, b - a);
		return;
	}
	sbuf_addc(out, '<');
	for (size_t i = a; i < b; i++) {
		if (s[i] == '<' || s[i] == '>' || s[i] == '\\')
			sbuf_addc(out, '\\');
		sbuf_addc(out, s[i]);
	}
	sbuf_addc(out, '>');
}

void
jira_wiki_trim(const char *s, size_t *a, size_t *b)
{
	while (*a < *b && jira_wiki_blank(s[*a]))
		(*a)++;
	while (*b > *a && jira_wiki_blank(s[*b - 1]))
		(*b)--;
}

static int
url_like(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i + 3 <= b; i++)
		if (!memcmp(s + i, "://", 3))
			return i > a;
	return b - a > 7 && !memcmp(s + a, "mailto:", 7);
}

/* `text`, fenced by one more backtick than the longest run inside. */
static void
put_code_span(struct sbuf *out, const char *s, size_t a, size_t b)
{
	size_t run = 0, longest = 0;
	int pad;

	for (size_t i = a; i < b; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	pad = s[a] == '`' || s[b - 1] == '`' || (s[a] == ' ' && s[b - 1] == ' ');
	for (size_t i = 0; i <= longest; i++)
		sbuf_addc(out, '`');
	if (pad)
		sbuf_addc(out, ' ');
	sbuf_add(out, s + a, b - a);
	if (pad)
		sbuf_addc(out, ' ');
	for (size_t i = 0; i <= longest; i++)
		sbuf_addc(out, '`');
}

static void
close_top(struct inl *x, size_t *i)
{
	struct frame *f = &x->st[--x->nst];

	if (f->em >= 0) {
		sbuf_adds(x->out, em_close[f->em]);
		x->open[f->em] = 0;
	} else {
		sbuf_adds(x->out, "](");
		put_dest(x->out, x->s, f->url, f->urlend);
		if (f->tip < f->tipend) {
			sbuf_adds(x->out, " \"");
			for (size_t j = f->tip; j < f->tipend; j++) {
				if (x->s[j] == '"' || x->s[j] == '\\')
					sbuf_addc(x->out, '\\');
				sbuf_addc(x->out, x->s[j]);
			}
			sbuf_addc(x->out, '"');
		}
		sbuf_addc(x->out, ')');
	}
	*i = f->resume;
}

/* [...] at i: a link, a mention or a bare URL; returns 1 when taken. */
static int
bracket(struct inl *x, size_t *i)
{
	const char *s = x->s;
	size_t j = jira_wiki_find_next(&x->rbr, *i + 1), a = *i + 1, bar, b2;
	const char *p;

	if (j >= x->b || j + 1 > limit_of(x) || jira_wiki_find_next(&x->lbr, a) < j ||
	    j == a)
		return 0;
	if (s[a] == '~') {                    /* [~user] */
		sbuf_addc(x->out, '@');
		sbuf_add(x->out, s + a + 1, j - a - 1);
		*i = j + 1;
		return 1;
	}
	p = memchr(s + a, '|', j - a);
	if (!p) {                             /* [http://...] */
		size_t ua = a, ub = j;

		jira_wiki_trim(s, &ua, &ub);
		if (ua == ub || !url_like(s, ua, ub))
			return 0;
		for (size_t k = ua; k < ub; k++)
			if (jira_wiki_blank(s[k]) || s[k] == '<' || s[k] == '>')
				return 0;
		sbuf_addc(x->out, '<');
		sbuf_add(x->out, s + ua, ub - ua);
		sbuf_addc(x->out, '>');
		*i = j + 1;
		return 1;
	}
	bar = (size_t)(p - s);
	{
		struct frame f = { .em = -1, .limit = bar, .resume = j + 1 };
		size_t ta = a, tb = bar;

		p = memchr(s + bar + 1, '|', j - bar - 1);
		b2 = p ? (size_t)(p - s) : j;
		f.url = bar + 1;
		f.urlend = b2;
		jira_wiki_trim(s, &f.url, &f.urlend);
		f.tip = p ? b2 + 1 : j;
		f.tipend = j;
		jira_wiki_trim(s, &f.tip, &f.tipend);
		jira_wiki_trim(s, &ta, &tb);
		if (f.url == f.urlend || ta == tb)
			return 0;
		sbuf_addc(x->out, '[');
		x->st[x->nst++] = f;
		*i = a;
		return 1;
	}
}

/* !name! or !name|attrs! at i: an image; returns 1 when taken. */
static int
image(struct inl *x, size_t *i)
{
	const char *s = x->s;
	size_t a = *i + 1, j = jira_wiki_find_next(&x->bang, a), ne, alt = 0, altend = 0;
	int dot = 0;

	if (j >= x->b || j + 1 > limit_of(x) || j == a ||
	    (*i > x->a && jira_wiki_word(s[*i - 1])))
		return 0;
	for (ne = a; ne < j && s[ne] != '|'; ne++) {
		if (jira_wiki_blank(s[ne]) || s[ne] == '[' || s[ne] == ']')
			return 0;
		if (s[ne] == '.' || s[ne] == '/')
			dot = 1;
	}
	if (!dot)
		return 0;
	for (size_t k = ne; k + 4 < j; k++)
		if (!memcmp(s + k, "alt=", 4)) {
			alt = k + 4;
			if (s[alt] == '"') {
				const char *q = memchr(s + alt + 1, '"', j - alt - 1);

				alt++;
				altend = q ? (size_t)(q - s) : j;
			} else {
				for (altend = alt; altend < j && s[altend] != ','; altend++)
					;
			}
			break;
		}
	sbuf_adds(x->out, "![");
	for (size_t k = alt < altend ? alt : a; k < (alt < altend ? altend : ne); k++) {
		if (s[k] == '[' || s[k] == ']' || s[k] == '\\')
			sbuf_addc(x->out, '\\');
		sbuf_addc(x->out, s[k]);
	}
	sbuf_adds(x->out, "](");
	put_dest(x->out, s, a, ne);
	if (ne + 1 < j) {             /* width=..., alt=...: kept as the title */
		sbuf_adds(x->out, " \"");
		for (size_t k = ne + 1; k < j; k++) {
			if (s[k] == '"' || s[k] == '\\')
				sbuf_addc(x->out, '\\');
			sbuf_addc(x->out, s[k]);
		}
		sbuf_addc(x->out, '"');
	}
	sbuf_addc(x->out, ')');
	*i = j + 1;
	return 1;
}

/* {color:...} or {color} at i: dropped; returns 1 when taken. */
static int
color_tag(struct inl *x, size_t *i)
{
	const char *s = x->s;
	size_t k = *i + 6, lim = limit_of(x);

	if (*i + 7 > lim || memcmp(s + *i, "{color", 6))
		return 0;
	if (s[k] == ':')
		for (k++; k < lim && k < *i + 64 && s[k] != '}' && !jira_wiki_blank(s[k]); k++)
			;
	if (k >= lim || s[k] != '}')
		return 0;
	*i = k + 1;
	return 1;
}

void
jira_wiki_inline(struct sbuf *out, const char *s, size_t a, size_t b,
	    const char *cont, int cell)
{
	struct inl x;
	size_t i = a;

	memset(&x, 0, sizeof(x));
	x.out = out;
	x.s = s;
	x.a = a;
	x.b = b;
	x.cont = cont;
	x.cell = cell;
	jira_wiki_find_init(&x.rbr, s, b, "]");
	jira_wiki_find_init(&x.lbr, s, b, "[");
	jira_wiki_find_init(&x.mono, s, b, "}}");
	jira_wiki_find_init(&x.bang, s, b, "!");
	for (int k = 0; k < EM_N; k++)
		x.em_hit[k] = NONE;
	while (i < b) {
		size_t lim = limit_of(&x);
		char c = s[i];
		int k;

		if (x.nst && i == lim) {
			close_top(&x, &i);
			continue;
		}
		if (c == '\\' && i + 1 < lim && s[i + 1] == '\\') {
			if (cell) {
				sbuf_adds(out, "<br>");
			} else {
				sbuf_adds(out, "\\\n");
				sbuf_adds(out, cont);
			}
			i += 2;
			while (!cell && i < lim && (s[i] == ' ' || s[i] == '\t'))
				i++;
			continue;
		}
		if (c == '\\' && i + 1 < lim && is_punct(s[i + 1])) {
			sbuf_add(out, s + i, 2);
			i += 2;
			continue;
		}
		if (c == '{' && i + 1 < b && s[i + 1] == '{') {
			size_t j = jira_wiki_find_next(&x.mono, i + 2);

			if (j < b && j > i + 2 && j + 2 <= lim) {
				put_code_span(out, s, i + 2, j);
				i = j + 2;
				continue;
			}
		}
		if (c == '{' && color_tag(&x, &i))
			continue;
		if (c == '[' && bracket(&x, &i))
			continue;
		if (c == '!' && image(&x, &i))
			continue;
		k = em_kind(c);
		if (k >= 0 && !x.open[k] && (i == a || !jira_wiki_word(s[i - 1])) &&
		    i + 1 < b && !jira_wiki_blank(s[i + 1]) && s[i + 1] != c) {
			size_t j = em_next(&x, k, i + 2);

			if (j < lim) {
				x.st[x.nst++] = (struct frame){
					.em = k, .limit = j, .resume = j + 1,
				};
				x.open[k] = 1;
				sbuf_adds(out, em_open[k]);
				i++;
				continue;
			}
		}
		/* plain text; keep Markdown from reading it as markup */
		if (c == '*' && ((i > a && !jira_wiki_blank(s[i - 1])) ||
				 (i + 1 < b && !jira_wiki_blank(s[i + 1]))))
			sbuf_addc(out, '\\');
		else if (c == '!' && i + 1 < b && s[i + 1] == '[')
			sbuf_addc(out, '\\');
		sbuf_addc(out, c);
		i++;
	}
	while (x.nst)            /* cannot happen: every limit is < b */
		close_top(&x, &i);
}
