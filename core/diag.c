#include "core/diag.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"
#include "core/sha256.h"
#include "core/utf8.h"
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
	for (size_t i = 0; i < l->n; i++)
		diag_release(&l->v[i]);
	free(l->v);
	diag_list_init(l);
}

void
diag_release(struct diag *d)
{
	free(d->file);
	free(d->subject);
	free(d->field);
	free(d->rule);
	free(d->message);
	free(d->fix);
	memset(d, 0, sizeof(*d));
}

/* Cut a long message to its first and last bytes (at UTF-8 character
 * boundaries) around an ellipsis. */
static void
shorten(struct sbuf *sb)
{
	size_t head = utf8_floor(sb->buf, sb->len, DIAG_MAX_MESSAGE * 3 / 5);
	size_t tail = utf8_ceil(sb->buf, sb->len, sb->len - DIAG_MAX_MESSAGE / 3);
	struct sbuf out = SBUF_INIT;

	sbuf_add(&out, sb->buf, head);
	sbuf_adds(&out, " \xe2\x80\xa6 ");
	sbuf_add(&out, sb->buf + tail, sb->len - tail);
	sbuf_release(sb);
	*sb = out;
}

static struct diag *
vadd(struct diag_list *l, enum severity sev, const char *rule,
     const char *file, int line, int column, const char *fmt, va_list ap)
{
	struct sbuf sb = SBUF_INIT;
	struct diag *d;

	sbuf_vaddf(&sb, fmt, ap);
	if (sb.len > DIAG_MAX_MESSAGE)
		shorten(&sb);
	l->v = xgrow(l->v, &l->alloc, l->n + 1, sizeof(*l->v));
	d = &l->v[l->n++];
	memset(d, 0, sizeof(*d));
	d->file = file ? xstrdup(file) : NULL;
	d->line = line;
	d->column = column;
	d->rule = xstrdup(rule ? rule : "");
	d->severity = sev;
	d->message = sbuf_detach(&sb, NULL);
	return d;
}

struct diag *
diag_add(struct diag_list *l, enum severity sev, const char *rule,
	 const char *file, int line, int column, const char *fmt, ...)
{
	struct diag *d;
	va_list ap;

	va_start(ap, fmt);
	d = vadd(l, sev, rule, file, line, column, fmt, ap);
	va_end(ap);
	return d;
}

int
diag_error(struct diag_list *errs, int code, const char *fmt, ...)
{
	va_list ap;

	if (!errs)
		return code;
	va_start(ap, fmt);
	vadd(errs, SEV_ERROR, NULL, NULL, 0, 0, fmt, ap)->code = code;
	va_end(ap);
	return code;
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct diag *
diag_copy(struct diag_list *l, const struct diag *from)
{
	struct diag *d;

	l->v = xgrow(l->v, &l->alloc, l->n + 1, sizeof(*l->v));
	d = &l->v[l->n++];
	*d = *from;
	d->file = dup_or_null(from->file);
	d->subject = dup_or_null(from->subject);
	d->field = dup_or_null(from->field);
	d->rule = xstrdup(from->rule ? from->rule : "");
	d->message = xstrdup(from->message ? from->message : "");
	d->fix = dup_or_null(from->fix);
	return d;
}

void
diag_set_subject(struct diag *d, const char *subject)
{
	free(d->subject);
	d->subject = dup_or_null(subject);
}

void
diag_set_field(struct diag *d, const char *field)
{
	free(d->field);
	d->field = dup_or_null(field);
}

void
diag_set_fix(struct diag *d, const char *fmt, ...)
{
	va_list ap;

	free(d->fix);
	d->fix = NULL;
	if (!fmt)
		return;
	va_start(ap, fmt);
	{
		struct sbuf sb = SBUF_INIT;

		sbuf_vaddf(&sb, fmt, ap);
		d->fix = sbuf_detach(&sb, NULL);
	}
	va_end(ap);
}

const char *
diag_last_message(const struct diag_list *l)
{
	return l->n ? l->v[l->n - 1].message : "";
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

void
diag_list_move_as(struct diag_list *dst, struct diag_list *src,
		  const char *rule, const char *file)
{
	for (size_t i = 0; i < src->n; i++) {
		struct diag *d = &src->v[i];

		if (rule && !*d->rule) {
			free(d->rule);
			d->rule = xstrdup(rule);
		}
		if (file && !d->file)
			d->file = xstrdup(file);
	}
	diag_list_move(dst, src);
}

size_t
diag_list_count(const struct diag_list *l, enum severity sev)
{
	size_t c = 0;

	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].severity == sev && !l->v[i].suppressed)
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

/* Append s with the numbers after "line " and "#" (a line, a rank in
 * ORDER) left out: they change when lines move. */
static void
add_without_lines(struct sbuf *sb, const char *s)
{
	static const char *const marks[] = { "line ", "#" };

	while (*s) {
		const char *at = NULL;
		size_t len = 0;

		for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
			const char *m = strstr(s, marks[i]);

			if (m && (!at || m < at)) {
				at = m;
				len = strlen(marks[i]);
			}
		}
		if (!at) {
			sbuf_adds(sb, s);
			return;
		}
		sbuf_add(sb, s, (size_t)(at - s) + len);
		s = at + len;
		while (*s >= '0' && *s <= '9')
			s++;
	}
}

void
diag_fingerprint(const struct diag *d, char out[DIAG_FINGERPRINT_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	const char *part[] = { d->rule, d->file, d->subject, d->field };
	struct sbuf sb = SBUF_INIT;
	uint8_t h[32];

	for (size_t i = 0; i < sizeof(part) / sizeof(part[0]); i++) {
		sbuf_adds(&sb, part[i] ? part[i] : "");
		sbuf_addc(&sb, '\0');
	}
	add_without_lines(&sb, d->message ? d->message : "");
	sha256(h, sb.buf, sb.len);
	sbuf_release(&sb);
	for (int i = 0; i < DIAG_FINGERPRINT_LEN / 2; i++) {
		out[2 * i] = hex[h[i] >> 4];
		out[2 * i + 1] = hex[h[i] & 15];
	}
	out[DIAG_FINGERPRINT_LEN] = '\0';
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
