#include "core/xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static xalloc_oom_fn oom_handler;

void
xalloc_set_oom_handler(xalloc_oom_fn fn)
{
	oom_handler = fn;
}

void
xalloc_oom(size_t n)
{
	if (oom_handler)
		oom_handler(n);
	abort();
}

static void *
check(void *p, size_t n)
{
	if (!p)
		xalloc_oom(n);
	return p;
}

void *
xmalloc(size_t n)
{
	return check(malloc(n ? n : 1), n);
}

void *
xcalloc(size_t nmemb, size_t size)
{
	if (size && nmemb > SIZE_MAX / size)
		xalloc_oom(SIZE_MAX);
	return check(calloc(nmemb ? nmemb : 1, size ? size : 1), nmemb * size);
}

void *
xrealloc(void *p, size_t n)
{
	return check(realloc(p, n ? n : 1), n);
}

void *
xgrow(void *p, size_t *alloc, size_t need, size_t size)
{
	size_t n = *alloc;

	if (need <= n)
		return p;
	if (n < 8)
		n = 8;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			xalloc_oom(SIZE_MAX);
		n *= 2;
	}
	if (n > SIZE_MAX / size)
		xalloc_oom(SIZE_MAX);
	*alloc = n;
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xmemdup0(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	const char *end = memchr(s, '\0', n);

	return xmemdup0(s, end ? (size_t)(end - s) : n);
}

char *
xmemdup0(const void *p, size_t n)
{
	char *r = xmalloc(n + 1);

	if (n)
		memcpy(r, p, n);
	r[n] = '\0';
	return r;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *r;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	r = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(r, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return r;
}
