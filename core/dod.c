/* dod.c: Definition-of-Done boxes (see dod.h). */
#include "core/dod.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xalloc.h"

/* ATX heading level of s[0..n) with its text in *t, *tn; 0 if none. */
static int
heading(const char *s, size_t n, const char **t, size_t *tn)
{
	size_t i = 0;
	int level = 0;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	while (i < n && s[i] == '#' && level < 7) {
		i++;
		level++;
	}
	if (!level || level > 6 || (i < n && s[i] != ' ' && s[i] != '\t'))
		return 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	while (n > i && s[n - 1] == '#')
		n--;
	while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*t = s + i;
	*tn = n - i;
	return level;
}

/* A fence line (``` or ~~~, 3 or more): its length, and *ch. */
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

/* A task item: the offset of '[' in s (and its mark), or -1. */
static long
task(const char *s, size_t n)
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
			return -1;
		i++;
	}
	if (i >= n || (s[i] != ' ' && s[i] != '\t'))
		return -1;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i + 3 > n || s[i] != '[' || s[i + 2] != ']' ||
	    (s[i + 1] != ' ' && s[i + 1] != 'x' && s[i + 1] != 'X'))
		return -1;
	if (i + 3 < n && s[i + 3] != ' ' && s[i + 3] != '\t' && s[i + 3] != '\r')
		return -1;
	return (long)i;
}

void
dod_scan(struct dod_list *out, const char *data, size_t len, size_t body_off,
	 int body_line)
{
	static const char dod[] = "definition of done";
	const char *p = data + body_off, *end = data + len;
	int line = body_line, in = 0;
	size_t open_fence = 0, alloc = 0;
	char fch = 0;

	out->v = NULL;
	out->n = 0;
	if (body_off > len)
		return;
	for (; p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p), f, tn;
		const char *t;
		char c;
		int lv;
		long col;

		if ((f = fence(p, n, &c))) {
			if (!open_fence) {
				open_fence = f;
				fch = c;
			} else if (c == fch && f >= open_fence) {
				open_fence = 0;
			}
		} else if (!open_fence && (lv = heading(p, n, &t, &tn))) {
			if (tn == sizeof(dod) - 1 && !strncasecmp(t, dod, tn))
				in = lv;
			else if (in && lv <= in)
				in = 0;
		} else if (!open_fence && in && (col = task(p, n)) >= 0) {
			struct dod_box *b;
			const char *bt = p + col + 3;
			size_t bl = n - (size_t)col - 3;

			while (bl && (*bt == ' ' || *bt == '\t'))
				bt++, bl--;
			while (bl && (bt[bl - 1] == '\r' || bt[bl - 1] == ' ' || bt[bl - 1] == '\t'))
				bl--;
			out->v = xgrow(out->v, &alloc, out->n + 1, sizeof(*out->v));
			b = &out->v[out->n++];
			b->off = (size_t)(p - data) + (size_t)col + 1;
			b->line = line;
			b->col = (int)col + 1;
			b->checked = p[col + 1] != ' ';
			b->text = bt;
			b->len = bl;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
}

void
dod_list_release(struct dod_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

long
dod_find(const struct dod_list *l, const char *what)
{
	size_t wl = strlen(what);
	long found = -1;
	char *end;
	long num = strtol(what, &end, 10);

	if (wl && !*end && num >= 1 && (size_t)num <= l->n)
		return num - 1;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].len == wl && !strncasecmp(l->v[i].text, what, wl))
			return (long)i;
	for (size_t i = 0; wl && i < l->n; i++)
		if (l->v[i].len >= wl && !strncasecmp(l->v[i].text, what, wl)) {
			if (found >= 0)
				return -2;
			found = (long)i;
		}
	return found;
}

void
dod_set(struct sbuf *out, const char *data, size_t len,
	const struct dod_box *box, int checked)
{
	sbuf_reset(out);
	sbuf_add(out, data, len);
	/* an [X] stays as written when it is checked already */
	if (box->off < len && !box->checked != !checked)
		out->buf[box->off] = checked ? 'x' : ' ';
}
