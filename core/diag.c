#include "core/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"
#include "core/xalloc.h"

void
diag_list_init(struct diag_list *l)
{
	l->v = NULL;
	l->n = l->alloc = 0;
}

void
diag_list_release(struct diag_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].file);
		free(l->v[i].rule);
		free(l->v[i].message);
	}
	free(l->v);
	diag_list_init(l);
}

/* Cut a long message to its first and last bytes (at UTF-8 character
 * boundaries) around an ellipsis. */
static void
shorten(struct sbuf *sb)
{
	size_t head = DIAG_MAX_MESSAGE * 3 / 5, tail = sb->len - DIAG_MAX_MESSAGE / 3;
	struct sbuf out = SBUF_INIT;

	while (head > 0 && ((unsigned char)sb->buf[head] & 0xc0) == 0x80)
		head--;
	while (tail < sb->len && ((unsigned char)sb->buf[tail] & 0xc0) == 0x80)
		tail++;
	sbuf_add(&out, sb->buf, head);
	sbuf_adds(&out, " \xe2\x80\xa6 ");
	sbuf_add(&out, sb->buf + tail, sb->len - tail);
	sbuf_release(sb);
	*sb = out;
}

struct diag *
diag_add(struct diag_list *l, enum severity sev, const char *rule,
	 const char *file, int line, int column, const char *fmt, ...)
{
	struct sbuf sb = SBUF_INIT;
	struct diag *d;
	va_list ap;

	va_start(ap, fmt);
	sbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (sb.len > DIAG_MAX_MESSAGE)
		shorten(&sb);
	l->v = xgrow(l->v, &l->alloc, l->n + 1, sizeof(*l->v));
	d = &l->v[l->n++];
	d->file = file ? xstrdup(file) : NULL;
	d->line = line;
	d->column = column;
	d->rule = xstrdup(rule ? rule : "");
	d->severity = sev;
	d->message = sbuf_detach(&sb, NULL);
	return d;
}

void
diag_list_move(struct diag_list *dst, struct diag_list *src)
{
	if (!src->n)
		return;
	dst->v = xgrow(dst->v, &dst->alloc, dst->n + src->n, sizeof(*dst->v));
	memcpy(dst->v + dst->n, src->v, src->n * sizeof(*src->v));
	dst->n += src->n;
	free(src->v);
	diag_list_init(src);
}

size_t
diag_list_count(const struct diag_list *l, enum severity sev)
{
	size_t c = 0;

	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].severity == sev)
			c++;
	return c;
}

static int
cmp_diag(const void *pa, const void *pb)
{
	const struct diag *a = *(const struct diag *const *)pa;
	const struct diag *b = *(const struct diag *const *)pb;
	int c;

	c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	c = strcmp(a->rule, b->rule);
	if (c)
		return c;
	/* pointers into one array: the original order breaks ties */
	return a < b ? -1 : a > b;
}

void
diag_list_sort(struct diag_list *l)
{
	struct diag **p, *v;

	if (l->n < 2)
		return;
	p = xmalloc(l->n * sizeof(*p));
	for (size_t i = 0; i < l->n; i++)
		p[i] = &l->v[i];
	qsort(p, l->n, sizeof(*p), cmp_diag);
	v = xmalloc(l->alloc * sizeof(*v));
	for (size_t i = 0; i < l->n; i++)
		v[i] = *p[i];
	free(p);
	free(l->v);
	l->v = v;
}

const char *
severity_name(enum severity s)
{
	switch (s) {
	case SEV_ERROR: return "error";
	case SEV_WARNING: return "warning";
	default: return "off";
	}
}

int
severity_parse(const char *s)
{
	if (!strcmp(s, "off"))
		return SEV_OFF;
	if (!strcmp(s, "warning"))
		return SEV_WARNING;
	if (!strcmp(s, "error"))
		return SEV_ERROR;
	return -1;
}
