/*
 * check_dod.c: dod-unchecked: a done item whose "## Definition of Done"
 * section still has unchecked task boxes ("- [ ]").
 *
 * A line scan of the body rather than a Markdown parse: the section
 * runs from an ATX heading "Definition of Done" (any level, any case)
 * to the next heading of the same or a higher level; fenced code blocks
 * (``` or ~~~) are skipped, so an example checklist inside one does not
 * count.  Task items may use -, * or + bullets or numbers ("1.", "1)").
 * The finding points at the first unchecked box.
 */
#include "core/check_int.h"
#include "core/utf8.h"

#include <string.h>
#include <strings.h>

/* A fence line (``` or ~~~, 3 or more): returns its length, sets *ch. */
static size_t
fence(const char *s, size_t n, char *ch)
{
	size_t i = 0, k = 0;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (i >= n || (s[i] != '`' && s[i] != '~'))
		return 0;
	*ch = s[i];
	while (i + k < n && s[i + k] == *ch)
		k++;
	return k >= 3 ? k : 0;
}

/* An unchecked task "- [ ]" (also * + and 1. 1)): column of '[' or 0. */
static int
unchecked_box(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < n && (s[i] == '-' || s[i] == '*' || s[i] == '+')) {
		i++;
	} else {
		size_t d = i;

		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == d || i - d > 9 || i >= n || (s[i] != '.' && s[i] != ')'))
			return 0;
		i++;
	}
	if (i >= n || (s[i] != ' ' && s[i] != '\t'))
		return 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i + 3 > n || memcmp(s + i, "[ ]", 3))
		return 0;
	if (i + 3 < n && s[i + 3] != ' ' && s[i + 3] != '\t' && s[i + 3] != '\r')
		return 0;
	return (int)i + 1;
}

size_t
check_dod_open(const struct item *it, struct check_dod_box *first)
{
	static const char dod[] = "definition of done";
	const char *p = it->data + it->fm.body_off, *end = it->data + it->len;
	int line = it->fm.body_line, in = 0;
	size_t open_fence = 0, count = 0;
	char fch = 0;

	if (first)
		memset(first, 0, sizeof(*first));
	if (!it->parsed)
		return 0;
	for (; p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *t;
		size_t tn, f;
		char c;
		int lv, col;

		if ((f = fence(p, n, &c))) {
			if (!open_fence) {
				open_fence = f;
				fch = c;
			} else if (c == fch && f >= open_fence) {
				open_fence = 0;
			}
		} else if (!open_fence && (lv = fm_heading(p, n, &t, &tn))) {
			if (tn == sizeof(dod) - 1 && !strncasecmp(t, dod, tn))
				in = lv;
			else if (in && lv <= in)
				in = 0;
		} else if (!open_fence && in && (col = unchecked_box(p, n))) {
			if (!count++ && first) {
				const char *ft = p + col + 2;
				size_t fl = n - (size_t)col - 2;

				while (fl && (*ft == ' ' || *ft == '\t'))
					ft++, fl--;
				while (fl && (ft[fl - 1] == '\r' || ft[fl - 1] == ' '))
					fl--;
				fl = utf8_floor(ft, fl, 60);
				first->line = line;
				first->col = col;
				first->text = ft;
				first->text_len = fl;
			}
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	return count;
}

void
check__dod(struct check__ctx *x, struct check__view *v)
{
	const struct item *it = v->it;
	struct check_dod_box first;
	size_t count;
	struct diag *d;

	/* done --force recorded the boxes it waived, and why */
	if (it->status != ST_DONE || !check__empty(item_get(it, "dod_waived")) ||
	    !(count = check_dod_open(it, &first)))
		return;
	d = check__emit(x, RULE_DOD_UNCHECKED, it->path, first.line, first.col,
			    "the item is done but %zu Definition-of-Done box%s unchecked (first: '%.*s'): check %s (- [x]) or move the item back to 'doing'",
			    count, count == 1 ? " is" : "es are", (int)first.text_len,
			    first.text, count == 1 ? "it" : "them");
	if (d)
		diag_set_subject(d, it->id);
}
