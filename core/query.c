#include "core/query.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/xalloc.h"

enum op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_HAS };

struct cond {
	char *key;
	enum op op;
	char *value;
	double num;
	int is_num;
};

struct query {
	struct cond *v;
	size_t n, alloc;
};

void
query_free(struct query *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->n; i++) {
		free(q->v[i].key);
		free(q->v[i].value);
	}
	free(q->v);
	free(q);
}

static int
parse_num(const char *s, double *out)
{
	char *end;

	if (!*s)
		return 0;
	*out = strtod(s, &end);
	return *end == '\0' && !isnan(*out) && !isinf(*out);
}

int
query_parse(struct query **out, const char *expr, struct diag_list *errs)
{
	struct query *q = xcalloc(1, sizeof(*q));
	const char *p = expr;

	*out = NULL;
	for (;;) {
		struct cond c;
		const char *k;

		memset(&c, 0, sizeof(c));
		while (isspace((unsigned char)*p))
			p++;
		k = p;
		while (isalnum((unsigned char)*p) || *p == '_' || *p == '-')
			p++;
		if (p == k) {
			diag_error(errs, DK_EUSAGE, "expected a field name at column %d of '%s'",
				 (int)(p - expr) + 1, expr);
			goto fail;
		}
		c.key = xstrndup(k, (size_t)(p - k));
		while (isspace((unsigned char)*p))
			p++;
		if (!strncmp(p, "<=", 2)) c.op = OP_LE, p += 2;
		else if (!strncmp(p, ">=", 2)) c.op = OP_GE, p += 2;
		else if (!strncmp(p, "!=", 2)) c.op = OP_NE, p += 2;
		else if (!strncmp(p, "==", 2)) c.op = OP_EQ, p += 2;
		else if (*p == '=') c.op = OP_EQ, p++;
		else if (*p == '<') c.op = OP_LT, p++;
		else if (*p == '>') c.op = OP_GT, p++;
		else if (*p == '~') c.op = OP_HAS, p++;
		else {
			diag_error(errs, DK_EUSAGE,
				 "expected an operator (= != < <= > >= ~) after '%s' at column %d",
				 c.key, (int)(p - expr) + 1);
			free(c.key);
			goto fail;
		}
		while (isspace((unsigned char)*p))
			p++;
		if (*p && strchr("<>=!~", *p)) {
			diag_error(errs, DK_EUSAGE, "unexpected '%c' at column %d of '%s'",
				 *p, (int)(p - expr) + 1, expr);
			free(c.key);
			goto fail;
		}
		if (*p == '\'' || *p == '"') {
			char quote = *p++;
			const char *v = p;

			while (*p && *p != quote)
				p++;
			if (!*p) {
				diag_error(errs, DK_EUSAGE, "unclosed quote at column %d",
					 (int)(v - expr));
				free(c.key);
				goto fail;
			}
			c.value = xstrndup(v, (size_t)(p - v));
			p++;
		} else {
			const char *v = p;

			while (*p && !isspace((unsigned char)*p))
				p++;
			if (p == v) {
				diag_error(errs, DK_EUSAGE, "expected a value after '%s' at column %d",
					 c.key, (int)(p - expr) + 1);
				free(c.key);
				goto fail;
			}
			c.value = xstrndup(v, (size_t)(p - v));
		}
		c.is_num = parse_num(c.value, &c.num);
		q->v = xgrow(q->v, &q->alloc, q->n + 1, sizeof(*q->v));
		q->v[q->n++] = c;
		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		if (!strncmp(p, "and", 3) && (isspace((unsigned char)p[3]))) {
			p += 3;
			continue;
		}
		diag_error(errs, DK_EUSAGE, "expected 'and' at column %d of '%s'",
			 (int)(p - expr) + 1, expr);
		goto fail;
	}
	*out = q;
	return 0;
fail:
	query_free(q);
	return DK_EUSAGE;
}

static int
cmp_result(int c, enum op op)
{
	switch (op) {
	case OP_EQ: return c == 0;
	case OP_NE: return c != 0;
	case OP_LT: return c < 0;
	case OP_LE: return c <= 0;
	case OP_GT: return c > 0;
	case OP_GE: return c >= 0;
	default: return 0;
	}
}

static int
match_text(const struct cond *c, const char *s)
{
	double d;

	if (c->op == OP_HAS)
		return strstr(s, c->value) != NULL;
	if (c->is_num && parse_num(s, &d))
		return cmp_result(d < c->num ? -1 : d > c->num, c->op);
	return cmp_result(strcmp(s, c->value), c->op);
}

static int
match_cond(const struct cond *c, const struct item *it)
{
	const struct ynode *v;
	char buf[64];

	if (!strcmp(c->key, "rank")) {
		if (!it->rank)
			return c->op == OP_NE;
		snprintf(buf, sizeof(buf), "%ld", it->rank);
		return match_text(c, buf);
	}
	if (!strcmp(c->key, "score")) {
		if (isnan(it->score))
			return c->op == OP_NE;
		snprintf(buf, sizeof(buf), "%.17g", it->score);
		return match_text(c, buf);
	}
	if (!strcmp(c->key, "file"))
		return match_text(c, it->path);
	v = item_get(it, c->key);
	if (!strcmp(c->key, "type") && !v)
		return match_text(c, "experiment");
	if (!v || (v->type == YNODE_SCALAR && ynode_kind(v) == YKIND_NULL))
		return c->op == OP_NE;
	if (v->type == YNODE_SEQ) {
		int any = 0;

		for (size_t i = 0; i < v->nkids; i++) {
			const struct ynode *e = v->kids[i];
			struct cond eq = *c;

			if (e->type != YNODE_SCALAR)
				continue;
			eq.op = c->op == OP_NE ? OP_EQ : c->op;
			if (match_text(&eq, e->text))
				any = 1;
		}
		return c->op == OP_NE ? !any : any;
	}
	if (v->type != YNODE_SCALAR)
		return c->op == OP_NE;
	return match_text(c, v->text);
}

int
query_match(const struct query *q, const struct item *it)
{
	for (size_t i = 0; i < q->n; i++)
		if (!match_cond(&q->v[i], it))
			return 0;
	return 1;
}
