/* utf8.c: UTF-8 through utf8proc (see utf8.h). */
#include "core/utf8.h"

#include <utf8proc.h>

size_t
utf8_next(const char *s, size_t n, int32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	utf8proc_int32_t c;
	utf8proc_ssize_t r;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	r = utf8proc_iterate(p, (utf8proc_ssize_t)(n > 4 ? 4 : n), &c);
	if (r <= 0) {
		*cp = p[0];
		return 0;
	}
	*cp = c;
	return (size_t)r;
}

int
utf8_valid(const char *s, size_t len)
{
	int line, col;

	return utf8_check(s, len, &line, &col) == 0;
}

int
utf8_check(const char *buf, size_t len, int *line, int *col)
{
	size_t i = 0, line_start = 0;
	int ln = 1;

	while (i < len) {
		int32_t cp;
		size_t n;

		if ((unsigned char)buf[i] < 0x80) {
			/* fast path over ASCII */
			if (buf[i] == '\n') {
				ln++;
				line_start = i + 1;
			}
			i++;
			continue;
		}
		n = utf8_next(buf + i, len - i, &cp);
		if (!n)
			goto bad;
		i += n;
	}
	return 0;
bad:
	*line = ln;
	*col = 1;
	for (size_t k = line_start; k < i;) {
		int32_t cp;
		size_t n = utf8_next(buf + k, i - k, &cp);

		k += n ? n : 1;
		(*col)++;
	}
	return -1;
}

size_t
utf8_floor(const char *s, size_t len, size_t n)
{
	size_t i = 0;

	if (n >= len)
		return len;
	while (i < n) {
		int32_t cp;
		size_t k = utf8_next(s + i, len - i, &cp);

		if (!k)
			k = 1;
		if (i + k > n)
			break;
		i += k;
	}
	return i;
}

size_t
utf8_ceil(const char *s, size_t len, size_t n)
{
	size_t i = utf8_floor(s, len, n);
	int32_t cp;

	if (i < n) {
		size_t k = utf8_next(s + i, len - i, &cp);

		i += k ? k : 1;
	}
	return i;
}

