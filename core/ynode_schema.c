/*
 * ynode_schema.c: the YAML 1.2 core schema over parsed scalars: which
 * kind a plain scalar resolves to (null, bool, int, float, string) and
 * its value, plus mapping lookups.  Reads nodes only; allocates nothing.
 * The tree itself is built in ynode.c.
 */
#include "core/ynode.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CORE_TAG "tag:yaml.org,2002:"

static int
is_digits(const char *s, const char *set)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!strchr(set, *s))
			return 0;
	return 1;
}

static int
is_core_int(const char *s)
{
	if (!strncmp(s, "0o", 2))
		return is_digits(s + 2, "01234567");
	if (!strncmp(s, "0x", 2))
		return is_digits(s + 2, "0123456789abcdefABCDEF");
	if (*s == '-' || *s == '+')
		s++;
	return is_digits(s, "0123456789");
}

static int
is_core_float(const char *s)
{
	const char *p = s;
	int digits = 0;

	if (!strcmp(s, ".nan") || !strcmp(s, ".NaN") || !strcmp(s, ".NAN"))
		return 1;
	if (*p == '-' || *p == '+')
		p++;
	if (!strcmp(p, ".inf") || !strcmp(p, ".Inf") || !strcmp(p, ".INF"))
		return 1;
	while (*p >= '0' && *p <= '9')
		p++, digits++;
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9')
			p++, digits++;
	}
	if (!digits)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

static int
is_null(const char *s)
{
	return !*s || !strcmp(s, "~") || !strcmp(s, "null") ||
	       !strcmp(s, "Null") || !strcmp(s, "NULL");
}

int
ynode_is_null(const struct ynode *n)
{
	if (!n)
		return 1;
	if (n->type != YNODE_SCALAR)
		return 0;
	if (n->tag)
		return ynode_kind(n) == YKIND_NULL;
	return n->style == YSTYLE_PLAIN && strlen(n->text) == n->len &&
	       is_null(n->text);
}

static int
is_bool(const char *s)
{
	return !strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE") ||
	       !strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE");
}

enum ynode_kind
ynode_kind(const struct ynode *n)
{
	const char *t;

	if (!n)
		return YKIND_NULL;
	if (n->type == YNODE_SEQ)
		return YKIND_SEQ;
	if (n->type == YNODE_MAP)
		return YKIND_MAP;
	if (n->tag) {
		if (strncmp(n->tag, CORE_TAG, strlen(CORE_TAG)))
			return YKIND_STR;
		t = n->tag + strlen(CORE_TAG);
		if (!strcmp(t, "int"))
			return YKIND_INT;
		if (!strcmp(t, "float"))
			return YKIND_FLOAT;
		if (!strcmp(t, "bool"))
			return YKIND_BOOL;
		if (!strcmp(t, "null"))
			return YKIND_NULL;
		return YKIND_STR;
	}
	if (n->style != YSTYLE_PLAIN || strlen(n->text) != n->len)
		return YKIND_STR;
	t = n->text;
	if (is_null(t))
		return YKIND_NULL;
	if (is_bool(t))
		return YKIND_BOOL;
	if (is_core_int(t))
		return YKIND_INT;
	if (is_core_float(t))
		return YKIND_FLOAT;
	return YKIND_STR;
}

const char *
ynode_kind_name(enum ynode_kind k)
{
	switch (k) {
	case YKIND_NULL: return "null";
	case YKIND_BOOL: return "boolean";
	case YKIND_INT: return "integer";
	case YKIND_FLOAT: return "number";
	case YKIND_STR: return "string";
	case YKIND_SEQ: return "list";
	case YKIND_MAP: return "mapping";
	}
	return "?";
}

int
ynode_int(const struct ynode *n, long long *out)
{
	const char *s;
	char *end;
	int base = 10;
	long long v;

	if (!n || n->type != YNODE_SCALAR)
		return -1;
	s = n->text;
	if (!is_core_int(s))
		return -1;
	if (!strncmp(s, "0o", 2))
		s += 2, base = 8;
	else if (!strncmp(s, "0x", 2))
		s += 2, base = 16;
	errno = 0;
	v = strtoll(s, &end, base);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

int
ynode_number(const struct ynode *n, double *out)
{
	long long iv;
	const char *s;
	int neg = 0;

	if (!n || n->type != YNODE_SCALAR)
		return -1;
	if (ynode_int(n, &iv) == 0) {
		*out = (double)iv;
		return 0;
	}
	s = n->text;
	if (is_core_int(s)) {
		/* a decimal beyond long long still has a value; octal and
		 * hexadecimal ones that overflow do not */
		if (!strncmp(s, "0o", 2) || !strncmp(s, "0x", 2))
			return -1;
		*out = strtod(s, NULL);
		return 0;
	}
	if (!is_core_float(s))
		return -1;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!strcmp(s, ".nan") || !strcmp(s, ".NaN") || !strcmp(s, ".NAN"))
		*out = NAN;
	else if (s[0] == '.' && (s[1] == 'i' || s[1] == 'I'))
		*out = neg ? -INFINITY : INFINITY;
	else
		*out = strtod(n->text, NULL);
	return 0;
}

int
ynode_bool(const struct ynode *n, int *out)
{
	if (!n || n->type != YNODE_SCALAR || !is_bool(n->text))
		return -1;
	*out = n->text[0] == 't' || n->text[0] == 'T';
	return 0;
}

const char *
ynode_str(const struct ynode *n)
{
	return n && n->type == YNODE_SCALAR ? n->text : NULL;
}

long
ynode_key_index(const struct ynode *map, const char *key)
{
	size_t klen;

	if (!map || map->type != YNODE_MAP)
		return -1;
	klen = strlen(key);
	for (size_t i = 0; i + 1 < map->nkids; i += 2) {
		const struct ynode *k = map->kids[i];

		if (k->type == YNODE_SCALAR && k->len == klen &&
		    !memcmp(k->text, key, klen))
			return (long)(i / 2);
	}
	return -1;
}

struct ynode *
ynode_get(const struct ynode *map, const char *key)
{
	long i = ynode_key_index(map, key);

	return i < 0 ? NULL : map->kids[2 * i + 1];
}

size_t
ynode_map_size(const struct ynode *map)
{
	return map && map->type == YNODE_MAP ? map->nkids / 2 : 0;
}
