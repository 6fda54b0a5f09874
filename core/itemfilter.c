/* itemfilter.c: the list filters (see itemfilter.h). */
#include "core/itemfilter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

int
item_filter_statuses(unsigned *mask, const char *list, char *bad, size_t badlen)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");
		char *name = xstrndup(p, n);
		enum item_status s = item_status_parse(name);

		if (s == ST_UNKNOWN) {
			snprintf(bad, badlen, "%s", name);
			free(name);
			return -1;
		}
		free(name);
		*mask |= 1u << s;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

int
item_has_tag(const struct item *it, const char *tag)
{
	const struct ynode *t = item_get(it, "tags");

	if (!t)
		return 0;
	if (t->type == YNODE_SCALAR)
		return !strcmp(t->text, tag);
	for (size_t i = 0; t->type == YNODE_SEQ && i < t->nkids; i++)
		if (t->kids[i]->type == YNODE_SCALAR && !strcmp(t->kids[i]->text, tag))
			return 1;
	return 0;
}

static int
eq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Does hay[0..hlen) contain needle[0..nlen), ignoring ASCII case? */
static int
contains(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	if (!hay || nlen > hlen)
		return 0;
	for (size_t i = 0; i + nlen <= hlen; i++) {
		size_t k = 0;

		while (k < nlen && lower((unsigned char)hay[i + k]) ==
		       lower((unsigned char)needle[k]))
			k++;
		if (k == nlen)
			return 1;
	}
	return 0;
}

static int
zcontains(const char *hay, const char *w, size_t n)
{
	return hay && contains(hay, strlen(hay), w, n);
}

static int
word_matches(const struct item *it, const char *w, size_t n)
{
	const struct ynode *t;

	if (zcontains(it->id, w, n) || zcontains(it->title, w, n) ||
	    zcontains(it->campaign, w, n))
		return 1;
	t = item_get(it, "tags");
	if (t && t->type == YNODE_SCALAR && contains(t->text, t->len, w, n))
		return 1;
	for (size_t i = 0; t && t->type == YNODE_SEQ && i < t->nkids; i++)
		if (t->kids[i]->type == YNODE_SCALAR &&
		    contains(t->kids[i]->text, t->kids[i]->len, w, n))
			return 1;
	if (it->data && it->len > it->fm.body_off)
		return contains(it->data + it->fm.body_off, it->len - it->fm.body_off,
				w, n);
	return 0;
}

static int
text_matches(const struct item *it, const char *text)
{
	const char *p = text;

	for (;;) {
		size_t n;

		p += strspn(p, " \t\r\n");
		if (!*p)
			return 1;
		n = strcspn(p, " \t\r\n");
		if (!word_matches(it, p, n))
			return 0;
		p += n;
	}
}

int
item_filter_match(const struct item_filter *f, const struct item *it)
{
	if (f->status_mask && !(f->status_mask & (1u << it->status)))
		return 0;
	if (f->type >= 0 && (int)it->type != f->type)
		return 0;
	if (f->tag && !item_has_tag(it, f->tag))
		return 0;
	if (f->cycle && !eq(it->cycle, f->cycle))
		return 0;
	if (f->campaign && !eq(it->campaign, f->campaign))
		return 0;
	if (f->goal && !eq(it->goal, f->goal))
		return 0;
	if (f->where && !query_match(f->where, it))
		return 0;
	if (f->text && !text_matches(it, f->text))
		return 0;
	return 1;
}
