/*
 * edit_value.c: rendering a value given on the command line as YAML for
 * the front matter (see edit.h), with the type the field has: numbers,
 * booleans, dates and lists checked and written in their YAML form,
 * strings through the one YAML scalar writer.
 */
#include "core/edit.h"
#include "core/edit_int.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/schema.h"
#include "core/xalloc.h"
#include "core/yaml_scalar.h"
#include "core/ynode.h"

/* ---------------------------------------------------------------------
 * Rendering
 * ------------------------------------------------------------------- */

int
edit_key_valid(const char *s)
{
	if (!s || !(isalpha((unsigned char)*s) || *s == '_'))
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-' && *s != '.')
			return 0;
	return 1;
}

/* How a plain scalar s would resolve under the core schema. */
static enum ynode_kind
plain_kind(const char *s)
{
	struct ynode n;

	memset(&n, 0, sizeof(n));
	n.type = YNODE_SCALAR;
	n.style = YSTYLE_PLAIN;
	n.text = (char *)(uintptr_t)s;
	n.len = strlen(s);
	return ynode_kind(&n);
}

static char *
trim(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xmemdup0(s, n);
}

/* Split "a, b" or "[a, b]" into items (empty items dropped). */
char **
edit_split_list(const char *v, size_t *n)
{
	char *t = trim(v, strlen(v)), *p;
	char **items = NULL;
	size_t alloc = 0, tl = strlen(t);

	*n = 0;
	p = t;
	if (tl >= 2 && t[0] == '[' && t[tl - 1] == ']') {
		t[tl - 1] = '\0';
		p = t + 1;
	}
	while (*p) {
		char *c = strchr(p, ',');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		char *it = trim(p, len);
		size_t il = strlen(it);

		/* a quoted item: "a b" or 'a b' */
		if (il >= 2 && (it[0] == '"' || it[0] == '\'') && it[il - 1] == it[0]) {
			memmove(it, it + 1, il - 2);
			it[il - 2] = '\0';
		}
		if (*it) {
			items = xgrow(items, &alloc, *n + 1, sizeof(*items));
			items[(*n)++] = it;
		} else {
			free(it);
		}
		if (!c)
			break;
		p = c + 1;
	}
	free(t);
	return items;
}

void
edit_free_list(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

int
edit_bool_value(const char *v)
{
	static const char *const t[] = { "true", "yes", "on", "y" };
	static const char *const f[] = { "false", "no", "off", "n" };

	for (size_t i = 0; i < ARRAY_SIZE(t); i++)
		if (!strcasecmp(v, t[i]))
			return 1;
	for (size_t i = 0; i < ARRAY_SIZE(f); i++)
		if (!strcasecmp(v, f[i]))
			return 0;
	return -1;
}

int
edit_is_number(const char *v)
{
	enum ynode_kind k = plain_kind(v);

	return (k == YKIND_INT || k == YKIND_FLOAT) && *v &&
	       !isspace((unsigned char)*v);
}

/* Render value as t with the old value's style; 0 or DK_EUSAGE (the
 * reason in errs). */
int
edit_render_styled(struct sbuf *out, const char *value, enum edit_type t,
		   enum ynode_style style, struct diag_list *errs)
{
	switch (t) {
	case EDIT_STRING:
		yaml_scalar_str(out, value, strlen(value), 0, style);
		return 0;
	case EDIT_INT:
		if (plain_kind(value) != YKIND_INT || isspace((unsigned char)*value)) {
			return diag_error(errs, DK_EUSAGE, "'%s' is not a whole number",
					  value);
		}
		sbuf_adds(out, value);
		return 0;
	case EDIT_NUMBER:
		if (!edit_is_number(value)) {
			return diag_error(errs, DK_EUSAGE, "'%s' is not a number", value);
		}
		sbuf_adds(out, value);
		return 0;
	case EDIT_BOOL:
		switch (edit_bool_value(value)) {
		case 1: sbuf_adds(out, "true"); return 0;
		case 0: sbuf_adds(out, "false"); return 0;
		default:
			return diag_error(errs, DK_EUSAGE, "'%s' is not true or false",
					  value);
		}
	case EDIT_DATE:
		if (!schema_date_valid(value)) {
			return diag_error(errs, DK_EUSAGE, "'%s' is not a date YYYY-MM-DD",
					  value);
		}
		sbuf_adds(out, value);
		return 0;
	case EDIT_NUM_OR_STR:
		if (edit_is_number(value))
			sbuf_adds(out, value);
		else
			yaml_scalar_str(out, value, strlen(value), 0, style);
		return 0;
	case EDIT_LIST: {
		size_t n;
		char **items = edit_split_list(value, &n);

		yaml_scalar_list(out, (const char *const *)items, n);
		edit_free_list(items, n);
		return 0;
	}
	}
	return DK_EUSAGE;
}

int
edit_render_value(struct sbuf *out, const char *value, enum edit_type t,
		  struct diag_list *errs)
{
	return edit_render_styled(out, value, t, YSTYLE_PLAIN, errs);
}

enum edit_type
edit_type_for(const struct config *c, const char *key)
{
	const struct field_def *f;

	switch (schema_kind_of(c, key, &f)) {
	case SK_NUMBER: case SK_REMAINING: return EDIT_NUMBER;
	case SK_SCORE: return EDIT_INT;
	case SK_BOOL: return EDIT_BOOL;
	case SK_DATE: return EDIT_DATE;
	case SK_STR_LIST: case SK_ID_LIST: return EDIT_LIST;
	case SK_NUM_OR_STR: return EDIT_NUM_OR_STR;
	case SK_CUSTOM:
		switch (f->type) {
		case FT_INTEGER: return EDIT_INT;
		case FT_NUMBER: return EDIT_NUMBER;
		case FT_BOOLEAN: return EDIT_BOOL;
		case FT_DATE: return EDIT_DATE;
		case FT_LIST: return EDIT_LIST;
		default: return EDIT_STRING;
		}
	default:
		return EDIT_STRING;
	}
}

