/* renumber.c: changing an item's id everywhere (see renumber.h). */
#include "core/renumber.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fm.h"
#include "core/item.h"
#include "core/xalloc.h"

struct hit {
	long key;          /* index of the key in the root mapping */
	long elem;         /* index in the list, or -1 for a scalar value */
	const struct ynode *node;
};

static int
cmp_hit(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	return x->node->start_off < y->node->start_off ? -1 :
	       x->node->start_off > y->node->start_off;
}

static int
wanted(const char *key, const char *const *keys, size_t nkeys)
{
	for (size_t i = 0; i < nkeys; i++)
		if (!strcmp(key, keys[i]))
			return 1;
	return 0;
}

static int
is_old(const struct ynode *n, const char *old_id)
{
	return n->type == YNODE_SCALAR && n->len == strlen(old_id) &&
	       !memcmp(n->text, old_id, n->len) &&
	       (n->style == YSTYLE_PLAIN || n->style == YSTYLE_SINGLE ||
		n->style == YSTYLE_DOUBLE);
}

/* The scalars to replace, in file order. */
static size_t
find_hits(const struct fm *fm, const char *const *keys, size_t nkeys,
	  const char *old_id, struct hit **out)
{
	struct hit *v = NULL;
	size_t n = 0, alloc = 0;
	const struct ynode *root = fm->root;

	for (size_t k = 0; root && k + 1 < root->nkids; k += 2) {
		const struct ynode *key = root->kids[k], *val = root->kids[k + 1];

		if (key->type != YNODE_SCALAR || !wanted(key->text, keys, nkeys))
			continue;
		if (is_old(val, old_id)) {
			v = xgrow(v, &alloc, n + 1, sizeof(*v));
			v[n++] = (struct hit){ (long)k, -1, val };
		} else if (val->type == YNODE_SEQ) {
			for (size_t e = 0; e < val->nkids; e++)
				if (is_old(val->kids[e], old_id)) {
					v = xgrow(v, &alloc, n + 1, sizeof(*v));
					v[n++] = (struct hit){ (long)k, (long)e, val->kids[e] };
				}
		}
	}
	if (n)
		qsort(v, n, sizeof(*v), cmp_hit);
	*out = v;
	return n;
}

static const struct ynode *
node_at(const struct fm *fm, const struct hit *h)
{
	const struct ynode *v;

	if (!fm->root || (size_t)h->key + 1 >= fm->root->nkids)
		return NULL;
	v = fm->root->kids[h->key + 1];
	if (h->elem < 0)
		return v;
	return v->type == YNODE_SEQ && (size_t)h->elem < v->nkids ?
	       v->kids[h->elem] : NULL;
}

int
renumber_refs(struct sbuf *out, const char *data, size_t len,
	      const char *file, const char *const *keys, size_t nkeys,
	      const char *old_id, const char *new_id, struct diag_list *diags)
{
	struct fm fm, again;
	struct fm_opts opts = FM_OPTS_INIT;
	struct hit *hits = NULL;
	size_t n, off = 0;
	int rc = 0;

	sbuf_reset(out);
	fm_init(&fm);
	fm_init(&again);
	if (fm_parse(&fm, data, len, &opts, file, diags)) {
		fm_release(&fm);
		return DK_EINVALID;
	}
	n = find_hits(&fm, keys, nkeys, old_id, &hits);
	for (size_t i = 0; i < n; i++) {
		const struct ynode *v = hits[i].node;
		const char *q = v->style == YSTYLE_SINGLE ? "'" :
				v->style == YSTYLE_DOUBLE ? "\"" : "";

		sbuf_add(out, data + off, v->start_off - off);
		sbuf_addf(out, "%s%s%s", q, new_id, q);
		off = v->end_off;
	}
	sbuf_add(out, data + off, len - off);
	if (!n)
		goto done;
	/* verify: parses, reads new_id at every hit, the same size of
	 * mapping and the same body */
	if (fm_parse(&again, out->buf, out->len, &opts, file, diags) ||
	    again.root->nkids != fm.root->nkids ||
	    len - fm.body_off != out->len - again.body_off ||
	    memcmp(data + fm.body_off, out->buf + again.body_off, len - fm.body_off)) {
		rc = DK_EINVALID;
	} else {
		for (size_t i = 0; i < n; i++) {
			const struct ynode *v = node_at(&again, &hits[i]);

			if (!v || v->type != YNODE_SCALAR || strcmp(v->text, new_id))
				rc = DK_EINVALID;
		}
	}
	if (rc)
		diag_add(diags, SEV_ERROR, "syntax", file, 0, 0,
			 "replacing %s with %s here would not read back as intended; change it by hand",
			 old_id, new_id);
done:
	free(hits);
	fm_release(&again);
	fm_release(&fm);
	if (rc) {
		sbuf_reset(out);
		return rc;
	}
	return (int)n;
}

size_t
renumber_order(struct sbuf *out, const struct order *o, const char *old_id,
	       const char *new_id)
{
	size_t changed = 0;

	for (size_t i = 0; i < o->nlines; i++) {
		const char *t = o->lines[i].text;

		if (o->lines[i].id && !strcmp(o->lines[i].id, old_id)) {
			size_t lead = strspn(t, " \t");

			sbuf_add(out, t, lead);
			sbuf_adds(out, new_id);
			sbuf_adds(out, t + lead + strlen(old_id));
			changed++;
		} else {
			sbuf_adds(out, t);
		}
		if (i + 1 < o->nlines || o->final_newline)
			sbuf_adds(out, o->crlf ? "\r\n" : "\n");
	}
	return changed;
}

char *
renumber_filename(const char *name, const char *old_id, const char *new_id)
{
	char *id = item_id_from_filename(name);
	size_t ol = strlen(old_id);
	char *r = NULL;

	if (id && !strcmp(id, old_id) && !strncmp(name, old_id, ol))
		r = xasprintf("%s%s", new_id, name + ol);
	free(id);
	return r;
}

struct find_arg {
	const char *id;
	char *where;
	size_t wlen;
	int found;
};

static int
find_visit(void *arg, const char *branch, const char *name)
{
	struct find_arg *f = arg;
	char *fid = item_id_from_filename(name);

	if (fid && !strcmp(fid, f->id)) {
		f->found = 1;
		snprintf(f->where, f->wlen, "%s", branch);
	}
	free(fid);
	return f->found;
}

int
renumber_id_on_branches(struct repo *r, const char *items_rel,
			const char *id, char *where, size_t wlen,
			struct diag_list *errs)
{
	struct find_arg f = { id, where, wlen, 0 };
	int rc = repo_branch_items_each(r, items_rel, find_visit, &f, errs);

	return rc ? rc : f.found;
}
