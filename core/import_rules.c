#include "core/import_rules.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/config.h"
#include "core/item.h"
#include "core/schema.h"
#include "core/xalloc.h"
#include "core/ynode.h"

/* the targets of fields: that are not fields */
static const char *const roles[] = {
	"id", "body", "rank", "note", "drop", "resolution", "comments",
	"attachments", "archived", NULL,
};

void
import_rules_init(struct import_rules *r)
{
	memset(r, 0, sizeof(*r));
	r->keep_ids = -1;
	r->dates = -1;
}

void
import_pairs_free(struct import_pair *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].from);
		free(p[i].to);
	}
	free(p);
}

void
import_rules_release(struct import_rules *r)
{
	import_pairs_free(r->status, r->nstatus);
	import_pairs_free(r->type, r->ntype);
	import_pairs_free(r->fields, r->nfields);
	import_pairs_free(r->set, r->nset);
	free(r->default_status);
	free(r->default_type);
	import_rules_init(r);
}

/* ---- names ---------------------------------------------------------- */

static int
is_word(utf8proc_int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

void
import_norm(struct sbuf *out, const char *s)
{
	size_t start = out->len;
	utf8proc_uint8_t *folded = NULL;
	const utf8proc_uint8_t *p;
	utf8proc_ssize_t n;
	int space = 0;

	n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &folded,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
			 UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
	if (n < 0) {
		/* not UTF-8: ASCII letters and digits only */
		for (const unsigned char *q = (const unsigned char *)s; *q; q++) {
			unsigned c = *q;

			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			    (c >= 'A' && c <= 'Z')) {
				if (space && out->len > start)
					sbuf_addc(out, ' ');
				sbuf_addc(out, (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
				space = 0;
			} else {
				space = 1;
			}
		}
		return;
	}
	for (p = folded; *p;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);

		if (k <= 0)
			break;
		if (is_word(cp)) {
			if (space && out->len > start)
				sbuf_addc(out, ' ');
			sbuf_add(out, p, (size_t)k);
			space = 0;
		} else {
			space = 1;
		}
		p += k;
	}
	free(folded);
}

void
import_rules_add(struct import_pair **v, size_t *n, const char *from,
		 const char *to, int norm)
{
	struct sbuf sb = SBUF_INIT;

	if (norm)
		import_norm(&sb, from);
	else
		sbuf_adds(&sb, from);
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[*n].from = sbuf_detach(&sb, NULL);
	(*v)[*n].to = xstrdup(to);
	(*n)++;
}

/* ---- reading -------------------------------------------------------- */

static int
valid_target(const char *t, const struct config *cfg)
{
	for (size_t i = 0; roles[i]; i++)
		if (!strcmp(roles[i], t))
			return 1;
	if (schema_builtin(t) || (cfg && config_field(cfg, t)))
		return 1;
	/* any other key a user may want kept: lowercase identifier */
	if (!(*t >= 'a' && *t <= 'z'))
		return 0;
	for (const char *p = t; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return 0;
	return 1;
}

#define MAP_ERR(n, ...) \
	(diag_add(diags, SEV_ERROR, rule, file, (n) ? (n)->line : 1, \
		  (n) ? (n)->col : 1, __VA_ARGS__), bad = 1)

/* The text of a scalar, or of a flow list's items joined with ", ". */
static char *
value_text(const struct ynode *v)
{
	struct sbuf sb = SBUF_INIT;

	if (!v)
		return xstrdup("");
	if (v->type == YNODE_SCALAR)
		return ynode_kind(v) == YKIND_NULL ? xstrdup("") : xstrdup(v->text);
	for (size_t i = 0; v->type == YNODE_SEQ && i < v->nkids; i++) {
		if (v->kids[i]->type != YNODE_SCALAR)
			continue;
		if (sb.len)
			sbuf_adds(&sb, ", ");
		sbuf_adds(&sb, v->kids[i]->text);
	}
	return sbuf_detach(&sb, NULL);
}

int
import_rules_parse(struct import_rules *r, const struct ynode *root,
		   const char *file, const char *rule,
		   const struct config *cfg, struct diag_list *diags)
{
	int bad = 0;

	if (!root || (root->type == YNODE_SCALAR && ynode_is_null(root)))
		return 0;
	if (root->type != YNODE_MAP) {
		MAP_ERR(root, "import rules are a mapping (status:, type:, fields:, set:, id:, default_status:, default_type:, dates:)");
		return DK_EINVALID;
	}
	for (size_t i = 0; i + 1 < root->nkids; i += 2) {
		const struct ynode *k = root->kids[i], *v = root->kids[i + 1];
		const char *key = k->text ? k->text : "";
		const char *sv = v->type == YNODE_SCALAR ? v->text : NULL;

		if (!strcmp(key, "id")) {
			if (sv && !strcmp(sv, "keep"))
				r->keep_ids = 1;
			else if (sv && !strcmp(sv, "new"))
				r->keep_ids = 0;
			else
				MAP_ERR(v, "id: is 'keep' (the source's ids when they fit) or 'new'");
		} else if (!strcmp(key, "dates")) {
			if (sv && !strcmp(sv, "dmy"))
				r->dates = IMPORT_DATE_DMY;
			else if (sv && !strcmp(sv, "mdy"))
				r->dates = IMPORT_DATE_MDY;
			else if (sv && !strcmp(sv, "auto"))
				r->dates = IMPORT_DATE_AUTO;
			else
				MAP_ERR(v, "dates: is dmy, mdy or auto (how to read 03/04/2026)");
		} else if (!strcmp(key, "default_status")) {
			if (!sv || item_status_parse(sv) == ST_UNKNOWN) {
				MAP_ERR(v, "default_status: must be a docket status (idea, ready, planned, doing, blocked, done, stopped)");
			} else {
				free(r->default_status);
				r->default_status = xstrdup(sv);
			}
		} else if (!strcmp(key, "default_type")) {
			if (!sv || item_type_parse(sv) == TYPE_UNKNOWN) {
				MAP_ERR(v, "default_type: must be experiment, bau or improvement");
			} else {
				free(r->default_type);
				r->default_type = xstrdup(sv);
			}
		} else if (!strcmp(key, "status") || !strcmp(key, "type") ||
			   !strcmp(key, "fields") || !strcmp(key, "set")) {
			if (v->type != YNODE_MAP && !(v->type == YNODE_SCALAR &&
						      ynode_kind(v) == YKIND_NULL)) {
				MAP_ERR(v, "%s: is a mapping (source name: docket name)", key);
				continue;
			}
			for (size_t j = 0; v->type == YNODE_MAP && j + 1 < v->nkids; j += 2) {
				const struct ynode *sk = v->kids[j], *sv2 = v->kids[j + 1];
				const char *from = sk->text ? sk->text : "";
				char *to = value_text(sv2);

				if (!strcmp(key, "status")) {
					if (item_status_parse(to) == ST_UNKNOWN)
						MAP_ERR(sv2, "'%s' is not a docket status (idea, ready, planned, doing, blocked, done, stopped)", to);
					else
						import_rules_add(&r->status, &r->nstatus, from, to, 1);
				} else if (!strcmp(key, "type")) {
					if (item_type_parse(to) == TYPE_UNKNOWN)
						MAP_ERR(sv2, "'%s' is not a docket type (experiment, bau, improvement)", to);
					else
						import_rules_add(&r->type, &r->ntype, from, to, 1);
				} else if (!strcmp(key, "fields")) {
					if (!*to) {
						free(to);
						to = xstrdup("drop");
					}
					if (!valid_target(to, cfg))
						MAP_ERR(sv2, "'%s' is not a docket field or one of id, body, rank, note, drop, resolution, comments, attachments, archived", to);
					else
						import_rules_add(&r->fields, &r->nfields, from, to, 1);
				} else {
					if (!valid_target(from, cfg) ||
					    !strcmp(from, "id") || !strcmp(from, "rank") ||
					    !strcmp(from, "drop") || !strcmp(from, "resolution") ||
					    !strcmp(from, "attachments") || !strcmp(from, "comments"))
						MAP_ERR(sk, "set: '%s' is not a docket field", from);
					else
						import_rules_add(&r->set, &r->nset, from, to, 0);
				}
				free(to);
			}
		} else {
			MAP_ERR(k, "unknown key '%s' (use status:, type:, fields:, set:, id:, default_status:, default_type:, dates:)", key);
		}
	}
	return bad ? DK_EINVALID : 0;
}
