/*
 * url.c: an absolute http(s) URL, checked by the grammar of RFC 3986
 * restricted to what a documentation link needs.  See url.h.
 */
#include "core/url.h"

#include <string.h>
#include <strings.h>

static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/* unreserved and sub-delims: what a host name, a path segment and a
 * query may hold besides '%' escapes (and ':' '@' '/' '?' outside the
 * host) */
static int
is_plain(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c && strchr("-._~!$&'()*+,;=", c));
}

/* A "%" not followed by two hex digits at s, or a character outside
 * the set allowed after the host: its reason, or NULL. */
static const char *
char_problem(const char *s)
{
	unsigned char c = (unsigned char)*s;

	if (c == '%')
		return is_hex(s[1]) && is_hex(s[2]) ? NULL :
		       "has a '%' that is not followed by two hex digits";
	if (c == '#')
		return "has a '#' fragment: docket adds '#' and the rule id itself";
	if (c == ' ')
		return "holds a space (write it as %20)";
	if (c < 0x20 || c == 0x7f)
		return "holds a control character";
	if (c >= 0x80)
		return "holds a non-ASCII character (percent-encode it as UTF-8 bytes)";
	if (!is_plain((char)c) && !strchr(":@/?", c))
		return "holds a character a URL cannot hold unencoded (\" < > \\ ^ ` { | } [ ])";
	return NULL;
}

static const char *
port_problem(const char *p, size_t n)
{
	unsigned long v = 0;

	if (n == 0 || n > 5)
		return "has a port that is not a number from 1 to 65535";
	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return "has a port that is not a number from 1 to 65535";
		v = v * 10 + (unsigned long)(p[i] - '0');
	}
	return v >= 1 && v <= 65535 ? NULL :
	       "has a port that is not a number from 1 to 65535";
}

/* The authority a[0..n): host, then an optional ":port". */
static const char *
authority_problem(const char *a, size_t n)
{
	size_t h = 0;

	if (memchr(a, '@', n))
		return "names a user or password before '@': the URL is published in every report";
	if (n && a[0] == '[') {
		const char *end = memchr(a, ']', n);

		if (!end || end == a + 1)
			return "has an IPv6 host without its closing ']'";
		for (const char *q = a + 1; q < end; q++)
			if (!is_hex(*q) && *q != ':' && *q != '.')
				return "has an IPv6 host that holds other than hex digits, ':' and '.'";
		h = (size_t)(end - a) + 1;
	} else {
		while (h < n && a[h] != ':') {
			if (a[h] == '%') {    /* its two hex digits checked already */
				h += 3;
				continue;
			}
			if (!is_plain(a[h]))
				return "has a host that holds a character a host name cannot hold";
			h++;
		}
		if (h == 0)
			return "has no host (like 'https://wiki.example.com/rules')";
	}
	if (h == n)
		return NULL;
	if (a[h] != ':')
		return "has a host that holds a character a host name cannot hold";
	return port_problem(a + h + 1, n - h - 1);
}

const char *
url_http_problem(const char *s)
{
	const char *a, *why;
	size_t n;

	if (!strncasecmp(s, "https://", 8))
		a = s + 8;
	else if (!strncasecmp(s, "http://", 7))
		a = s + 7;
	else
		return "is not an http:// or https:// URL";
	n = strcspn(a, "/?#");
	/* every character first: a space or a control character is named
	 * as such wherever it is */
	for (const char *p = a; *p; p++)
		if (*p == '%' || *p == '#' || (unsigned char)*p <= 0x20 ||
		    (unsigned char)*p >= 0x7f)
			if ((why = char_problem(p)))
				return why;
	if ((why = authority_problem(a, n)))
		return why;
	for (const char *p = a + n; *p; p++)
		if ((why = char_problem(p)))
			return why;
	return NULL;
}
