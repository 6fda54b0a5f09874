#include "core/sbuf.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

char sbuf_empty_[1];

void
sbuf_init(struct sbuf *sb)
{
	sb->buf = sbuf_empty_;
	sb->len = 0;
	sb->alloc = 0;
}

void
sbuf_release(struct sbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	sbuf_init(sb);
}

char *
sbuf_detach(struct sbuf *sb, size_t *len)
{
	char *r;

	if (len)
		*len = sb->len;
	r = sb->alloc ? sb->buf : xstrdup("");
	sbuf_init(sb);
	return r;
}

void
sbuf_grow(struct sbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;

	if (need < sb->len)
		need = SIZE_MAX;        /* overflow: xgrow reports it */
	if (need <= sb->alloc)
		return;
	if (!sb->alloc)
		sb->buf = NULL;
	sb->buf = xgrow(sb->buf, &sb->alloc, need, 1);
	if (sb->len == 0)
		sb->buf[0] = '\0';
}

void
sbuf_add(struct sbuf *sb, const void *data, size_t len)
{
	if (!len)
		return;
	sbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void
sbuf_adds(struct sbuf *sb, const char *s)
{
	sbuf_add(sb, s, strlen(s));
}

void
sbuf_addc(struct sbuf *sb, char c)
{
	sbuf_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

void
sbuf_vaddf(struct sbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, sb->alloc ? sb->alloc - sb->len : 0,
		      fmt, cp);
	va_end(cp);
	if (n < 0)
		abort();
	if (sb->len + (size_t)n + 1 > sb->alloc) {
		sbuf_grow(sb, (size_t)n);
		n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
	}
	sb->len += (size_t)n;
	assert(sb->len < sb->alloc && sb->buf[sb->len] == '\0');
}

void
sbuf_addf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

void
sbuf_setlen(struct sbuf *sb, size_t len)
{
	if (!sb->alloc)
		return;
	sb->len = len;
	sb->buf[len] = '\0';
}

void
sbuf_reset(struct sbuf *sb)
{
	sbuf_setlen(sb, 0);
}
