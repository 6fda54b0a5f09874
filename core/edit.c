/*
 * edit.c: surgical front-matter edits (see edit.h).
 *
 * Where a value lives.  fm_parse gives every node its byte offsets in
 * the file.  For a key K with value V:
 *
 *   K: V  # c          V starts on K's line: replace [V.start, end(V))
 *   K:                 an empty (null) V, or V starting on a later line
 *     - a              (a block list, a plain scalar continued below):
 *     - b              replace [after ':', end(V)) with " " + value
 *
 * end(V) is V's end offset for plain, quoted and flow values; for block
 * scalars and block collections libyaml's end mark lies at the next
 * token (possibly after comment lines), so the end is taken from the
 * last content instead: the deepest last child for collections, and the
 * last non-blank byte for | and > scalars, extended to the end of that
 * line.  Text after the value on its last line (a comment) is kept.
 *
 * A removal deletes whole lines: from the start of K's line to the end
 * of the line holding end(V), terminator included.
 */
#include "core/edit.h"
#include "core/edit_int.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/fm.h"
#include "core/schema.h"
#include "core/strmap.h"
#include "core/xalloc.h"
#include "core/yaml_scalar.h"
#include "core/ynode.h"

/* ---------------------------------------------------------------------
 * Locating values
 * ------------------------------------------------------------------- */

static size_t
line_start(const char *buf, size_t off)
{
	while (off && buf[off - 1] != '\n')
		off--;
	return off;
}

/* Offset of the terminator of the line holding off (or len). */
static size_t
line_end(const char *buf, size_t len, size_t off)
{
	const char *nl = memchr(buf + off, '\n', len - off);
	size_t e = nl ? (size_t)(nl - buf) : len;

	if (e > off && buf[e - 1] == '\r')
		e--;
	return e;
}

/* Offset just past the terminator of the line holding off. */
static size_t
next_line(const char *buf, size_t len, size_t off)
{
	const char *nl = memchr(buf + off, '\n', len - off);

	return nl ? (size_t)(nl - buf) + 1 : len;
}

static int
empty_scalar(const struct ynode *v)
{
	return v->type == YNODE_SCALAR && v->style == YSTYLE_PLAIN &&
	       v->len == 0 && !v->tag;
}

/* The end of v's content (see the top of the file); 0 when unknown. */
static size_t
content_end(const struct ynode *v, const char *buf, size_t len)
{
	size_t e = 0;

	if (v->type == YNODE_SCALAR) {
		if (empty_scalar(v))
			return 0;
		if (v->style == YSTYLE_LITERAL || v->style == YSTYLE_FOLDED) {
			e = v->end_off;
			while (e > v->start_off && isspace((unsigned char)buf[e - 1]))
				e--;
			return line_end(buf, len, e ? e - 1 : 0);
		}
		return v->end_off;
	}
	if (v->style == YSTYLE_FLOW)
		return v->end_off;
	for (size_t i = 0; i < v->nkids; i++) {
		size_t k = content_end(v->kids[i], buf, len);

		if (k > e)
			e = k;
		/* a key with an empty value: its ':' is on the key's line */
		if (!k && v->type == YNODE_MAP && i % 2 && v->kids[i - 1]->end_off > e)
			e = v->kids[i - 1]->end_off;
	}
	if (e <= v->start_off)     /* an alias: the copy's children lie elsewhere */
		return v->end_off;
	return line_end(buf, len, e - 1);
}

struct span {
	size_t start, end;       /* bytes to replace */
	int space;               /* write " " before the new value */
	size_t line0, line1;     /* whole lines: [line0, line1) */
};

static int
locate(struct span *sp, const struct fm *fm, long ki, const char *file,
       struct diag_list *diags)
{
	const struct ynode *k = fm->root->kids[2 * ki], *v = fm->root->kids[2 * ki + 1];
	const char *buf = fm->buf;
	size_t len = fm->len, colon, cend;

	if (v->start_off < k->end_off || v->start_off > fm->close_off) {
		diag_add(diags, SEV_ERROR, "syntax", file, k->line, k->col,
			 "'%s' has an alias or unusual value docket cannot edit in place; edit the file by hand",
			 k->text);
		return DK_EINVALID;
	}
	colon = k->end_off;
	while (colon < fm->close_off && (buf[colon] == ' ' || buf[colon] == '\t'))
		colon++;
	if (colon >= fm->close_off || buf[colon] != ':') {
		diag_add(diags, SEV_ERROR, "syntax", file, k->line, k->col,
			 "'%s' is not written as 'key: value'; edit the file by hand",
			 k->text);
		return DK_EINVALID;
	}
	cend = content_end(v, buf, len);
	if (!cend)
		cend = colon + 1;
	if (cend > fm->close_off)
		cend = fm->close_off;
	if (empty_scalar(v) || v->line > k->line) {
		sp->start = colon + 1;
		sp->space = 1;
	} else {
		sp->start = v->start_off;
		sp->space = 0;
	}
	if (cend < sp->start)
		cend = sp->start;
	sp->end = cend;
	sp->line0 = line_start(buf, k->start_off);
	sp->line1 = next_line(buf, len, cend ? cend - 1 : 0);
	if (cend == line_start(buf, cend))
		sp->line1 = cend;
	if (sp->line1 > fm->close_off)
		sp->line1 = fm->close_off;
	return 0;
}

/* ---------------------------------------------------------------------
 * Verification
 * ------------------------------------------------------------------- */

static int
node_equal(const struct ynode *a, const struct ynode *b)
{
	if (!a || !b)
		return a == b;
	if (a->type != b->type || a->nkids != b->nkids)
		return 0;
	if (a->type == YNODE_SCALAR &&
	    (ynode_kind(a) != ynode_kind(b) || a->len != b->len ||
	     memcmp(a->text, b->text, a->len)))
		return 0;
	for (size_t i = 0; i < a->nkids; i++)
		if (!node_equal(a->kids[i], b->kids[i]))
			return 0;
	return 1;
}

/* What the edited key must read back as. */
struct want {
	int remove;
	enum edit_type type;
	const char *value;           /* scalars */
	const char *const *items;    /* lists */
	size_t nitems;
};

static int
value_ok(const struct ynode *v, const struct want *w)
{
	enum ynode_kind k;
	int b;

	if (!v)
		return 0;
	k = ynode_kind(v);
	switch (w->type) {
	case EDIT_LIST:
		if (v->type != YNODE_SEQ || v->nkids != w->nitems)
			return 0;
		for (size_t i = 0; i < w->nitems; i++)
			if (ynode_kind(v->kids[i]) != YKIND_STR ||
			    strcmp(v->kids[i]->text, w->items[i]) ||
			    v->kids[i]->len != strlen(w->items[i]))
				return 0;
		return 1;
	case EDIT_BOOL:
		return k == YKIND_BOOL && ynode_bool(v, &b) == 0 &&
		       b == edit_bool_value(w->value);
	case EDIT_INT:
		return k == YKIND_INT && !strcmp(v->text, w->value);
	case EDIT_NUMBER:
		return (k == YKIND_INT || k == YKIND_FLOAT) && !strcmp(v->text, w->value);
	case EDIT_NUM_OR_STR:
		if (edit_is_number(w->value))
			return (k == YKIND_INT || k == YKIND_FLOAT) &&
			       !strcmp(v->text, w->value);
		/* fall through */
	case EDIT_STRING:
	case EDIT_DATE:
		return k == YKIND_STR && v->len == strlen(w->value) &&
		       !strcmp(v->text, w->value);
	}
	return 0;
}

/* Parse new[0..nlen) and compare it with the old file. */
static int
verify(const struct fm *old, const char *nbuf, size_t nlen, const char *file,
       const char *key, const struct want *w, struct diag_list *diags)
{
	struct fm nf;
	struct diag_list tmp = DIAG_LIST_INIT;
	const struct ynode *o = old->root, *n;
	size_t j = 0;
	int ok = 1;

	if (fm_parse(&nf, nbuf, nlen, NULL, file, &tmp)) {
		diag_add(diags, SEV_ERROR, "syntax", file, 0, 0,
			 "the value of '%s' cannot be written so that the front matter still reads (%s); the file was not changed: edit it by hand",
			 key, tmp.n ? tmp.v[0].message : "?");
		diag_list_release(&tmp);
		fm_release(&nf);
		return DK_EINVALID;
	}
	n = nf.root;
	if (nf.has_bom != old->has_bom || nf.len - nf.body_off != old->len - old->body_off ||
	    memcmp(nf.buf + nf.body_off, old->buf + old->body_off, old->len - old->body_off))
		ok = 0;
	for (size_t i = 0; ok && i < o->nkids; i += 2) {
		const struct ynode *ok_ = o->kids[i];

		if (!strcmp(ok_->text, key)) {
			if (!w->remove) {
				if (j >= n->nkids || strcmp(n->kids[j]->text, key) ||
				    !value_ok(n->kids[j + 1], w))
					ok = 0;
				j += 2;
			}
			continue;
		}
		if (j >= n->nkids || !node_equal(ok_, n->kids[j]) ||
		    !node_equal(o->kids[i + 1], n->kids[j + 1]))
			ok = 0;
		j += 2;
	}
	if (ok && !w->remove && !ynode_get(o, key)) {
		/* appended */
		if (j >= n->nkids || strcmp(n->kids[j]->text, key) ||
		    !value_ok(n->kids[j + 1], w))
			ok = 0;
		j += 2;
	}
	if (j != n->nkids)
		ok = 0;
	fm_release(&nf);
	diag_list_release(&tmp);
	if (!ok) {
		diag_add(diags, SEV_ERROR, "syntax", file, 0, 0,
			 "the value of '%s' would not read back as given; the file was not changed: edit it by hand",
			 key);
		return DK_EINVALID;
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * Edits
 * ------------------------------------------------------------------- */

static int
parse_old(struct fm *fm, const char *data, size_t len, const char *file,
	  struct diag_list *diags)
{
	int rc = fm_parse(fm, data, len, NULL, file, diags);

	if (rc)
		fm_release(fm);
	return rc;
}

/* The indentation of the first key (new keys line up with it). */
static size_t
key_indent(const struct fm *fm)
{
	const struct ynode *r = fm->root;

	if (!r->nkids)
		return 0;
	return r->kids[0]->start_off - line_start(fm->buf, r->kids[0]->start_off);
}

/* Set key: the rendered value comes from render(); one parse. */
static int
set_common(struct sbuf *out, const char *data, size_t len, const char *file,
	   const char *key, const char *value, enum edit_type t,
	   const char *const *items, size_t nitems, struct diag_list *diags)
{
	struct fm fm;
	struct sbuf val = SBUF_INIT, res = SBUF_INIT;
	struct want w;
	long ki;
	int rc;

	if (!edit_key_valid(key)) {
		diag_add(diags, SEV_ERROR, "usage", file, 0, 0,
			 "'%s' is not a field name (letters, digits, '_', '-' and '.', starting with a letter)",
			 key);
		return DK_EUSAGE;
	}
	if ((rc = parse_old(&fm, data, len, file, diags)))
		return rc;
	ki = ynode_key_index(fm.root, key);
	memset(&w, 0, sizeof(w));
	w.type = t;
	w.value = value;
	if (items) {
		w.type = EDIT_LIST;
		w.items = items;
		w.nitems = nitems;
		yaml_scalar_list(&val, items, nitems);
	} else {
		enum ynode_style st = YSTYLE_PLAIN;
		struct diag_list why = DIAG_LIST_INIT;

		if (ki >= 0 && fm.root->kids[2 * ki + 1]->type == YNODE_SCALAR)
			st = fm.root->kids[2 * ki + 1]->style;
		if (edit_render_styled(&val, value, t, st, &why)) {
			diag_add(diags, SEV_ERROR, "usage", file, 0, 0,
				 "%s: %s", key, diag_last_message(&why));
			diag_list_release(&why);
			rc = DK_EUSAGE;
			goto done;
		}
	}
	if (t == EDIT_LIST && !items) {
		w.items = (const char *const *)edit_split_list(value, &w.nitems);
	}
	if (ki >= 0) {
		struct span sp;

		if ((rc = locate(&sp, &fm, ki, file, diags)))
			goto done;
		sbuf_add(&res, data, sp.start);
		if (sp.space)
			sbuf_addc(&res, ' ');
		sbuf_add(&res, val.buf, val.len);
		sbuf_add(&res, data + sp.end, len - sp.end);
	} else {
		size_t ind = key_indent(&fm);

		if (fm.root->style == YSTYLE_FLOW) {
			diag_add(diags, SEV_ERROR, "syntax", file, fm.root->line,
				 fm.root->col,
				 "the front matter is one {...} mapping; add '%s' by hand",
				 key);
			rc = DK_EINVALID;
			goto done;
		}
		sbuf_add(&res, data, fm.close_off);
		for (size_t i = 0; i < ind; i++)
			sbuf_addc(&res, ' ');
		sbuf_addf(&res, "%s: ", key);
		sbuf_add(&res, val.buf, val.len);
		sbuf_adds(&res, fm.crlf ? "\r\n" : "\n");
		sbuf_add(&res, data + fm.close_off, len - fm.close_off);
	}
	rc = verify(&fm, res.buf, res.len, file, key, &w, diags);
	if (rc == 0) {
		sbuf_reset(out);
		sbuf_add(out, res.buf, res.len);
	}
done:
	if (t == EDIT_LIST && !items && w.items)
		edit_free_list((char **)(uintptr_t)w.items, w.nitems);
	fm_release(&fm);
	sbuf_release(&val);
	sbuf_release(&res);
	return rc;
}

int
edit_set(struct sbuf *out, const char *data, size_t len, const char *file,
	 const char *key, const char *value, enum edit_type t,
	 struct diag_list *diags)
{
	return set_common(out, data, len, file, key, value, t, NULL, 0, diags);
}

int
edit_set_list(struct sbuf *out, const char *data, size_t len,
	      const char *file, const char *key, const char *const *items,
	      size_t n, struct diag_list *diags)
{
	static const char *const none[1] = { NULL };

	return set_common(out, data, len, file, key, "", EDIT_LIST,
			  items ? items : none, n, diags);
}

int
edit_remove(struct sbuf *out, const char *data, size_t len, const char *file,
	    const char *key, struct diag_list *diags)
{
	struct fm fm;
	struct sbuf res = SBUF_INIT;
	struct want w;
	struct span sp;
	long ki;
	int rc;

	if ((rc = parse_old(&fm, data, len, file, diags)))
		return rc;
	ki = ynode_key_index(fm.root, key);
	if (ki < 0) {
		sbuf_reset(out);
		sbuf_add(out, data, len);
		fm_release(&fm);
		return 0;
	}
	if ((rc = locate(&sp, &fm, ki, file, diags)))
		goto done;
	{
		const struct ynode *k = fm.root->kids[2 * ki];

		for (size_t i = sp.line0; i < k->start_off; i++)
			if (data[i] != ' ' && data[i] != '\t') {
				diag_add(diags, SEV_ERROR, "syntax", file, k->line, k->col,
					 "'%s' shares its line with other fields; remove it by hand",
					 key);
				rc = DK_EINVALID;
				goto done;
			}
	}
	sbuf_add(&res, data, sp.line0);
	sbuf_add(&res, data + sp.line1, len - sp.line1);
	memset(&w, 0, sizeof(w));
	w.remove = 1;
	rc = verify(&fm, res.buf, res.len, file, key, &w, diags);
	if (rc == 0) {
		sbuf_reset(out);
		sbuf_add(out, res.buf, res.len);
	}
done:
	fm_release(&fm);
	sbuf_release(&res);
	return rc;
}

/* One key's final edit in a batch (edit_apply). */
struct batch {
	const struct edit_op *op;   /* the last op on this key */
	long ki;                    /* its index in the old mapping, or -1 */
	size_t order;               /* appended keys: the op that added it */
	struct want w;
	char **split;               /* w.items made from a list value */
	struct sbuf val;            /* the rendered value */
	struct span sp;
};

static int
cmp_batch_start(const void *a, const void *b)
{
	const struct batch *x = *(const struct batch *const *)a;
	const struct batch *y = *(const struct batch *const *)b;
	size_t sx = x->op->remove ? x->sp.line0 : x->sp.start;
	size_t sy = y->op->remove ? y->sp.line0 : y->sp.start;

	return sx < sy ? -1 : sx > sy;
}

static int
cmp_batch_order(const void *a, const void *b)
{
	const struct batch *x = *(const struct batch *const *)a;
	const struct batch *y = *(const struct batch *const *)b;

	return x->order < y->order ? -1 : x->order > y->order;
}

/* The whole batch read back from nbuf: the body and every key the ops
 * do not name as they were, each edited key as wanted, removed keys
 * gone, added keys at the end in order. */
static int
verify_batch(const struct fm *old, const char *nbuf, size_t nlen,
	     const char *file, struct strmap *keys, struct batch **added,
	     size_t nadded, struct diag_list *diags)
{
	struct fm nf;
	struct diag_list tmp = DIAG_LIST_INIT;
	const struct ynode *o = old->root, *n;
	size_t j = 0;
	int ok = 1;

	if (fm_parse(&nf, nbuf, nlen, NULL, file, &tmp)) {
		diag_add(diags, SEV_ERROR, "syntax", file, 0, 0,
			 "these values cannot be written so that they read back (%s); the file was not changed",
			 tmp.n ? tmp.v[0].message : "?");
		diag_list_release(&tmp);
		fm_release(&nf);
		return DK_EINVALID;
	}
	n = nf.root;
	if (nf.has_bom != old->has_bom || nf.len - nf.body_off != old->len - old->body_off ||
	    memcmp(nf.buf + nf.body_off, old->buf + old->body_off, old->len - old->body_off))
		ok = 0;
	for (size_t i = 0; ok && i < o->nkids; i += 2) {
		const struct ynode *k = o->kids[i];
		struct strmap_entry *e = strmap_find(keys, k->text, strlen(k->text));
		const struct batch *b = e ? e->value : NULL;

		if (b && b->op->remove)
			continue;
		if (j >= n->nkids || !node_equal(k, n->kids[j]) ||
		    !(b ? value_ok(n->kids[j + 1], &b->w) :
		      node_equal(o->kids[i + 1], n->kids[j + 1])))
			ok = 0;
		j += 2;
	}
	for (size_t i = 0; ok && i < nadded; i++) {
		if (j >= n->nkids || strcmp(n->kids[j]->text, added[i]->op->key) ||
		    !value_ok(n->kids[j + 1], &added[i]->w))
			ok = 0;
		j += 2;
	}
	if (j != n->nkids)
		ok = 0;
	fm_release(&nf);
	diag_list_release(&tmp);
	if (!ok) {
		diag_add(diags, SEV_ERROR, "syntax", file, 0, 0,
			 "these values would not read back as given; the file was not changed (edit it by hand)");
		return DK_EINVALID;
	}
	return 0;
}

/*
 * Every op in one pass (it was one parse and one verification per op:
 * `set` with 2,000 pairs took 45 s): parse once, the last op on each
 * key wins (as when they are applied in turn), each edited key's span
 * of the old file is replaced or its lines removed, new keys are added
 * at the end in the order they were first set, and the result is read
 * back once.
 */
int
edit_apply(struct sbuf *out, const char *data, size_t len, const char *file,
	   const struct edit_op *ops, size_t n, struct diag_list *diags)
{
	struct fm fm;
	struct strmap keys = STRMAP_INIT;
	struct batch *bv = NULL, **sorted = NULL, **added = NULL;
	struct sbuf res = SBUF_INIT;
	size_t nb = 0, nadded = 0, nsorted = 0, pos = 0;
	int rc = 0;

	if (!n) {
		sbuf_reset(out);
		sbuf_add(out, data, len);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (!edit_key_valid(ops[i].key)) {
			diag_add(diags, SEV_ERROR, "usage", file, 0, 0,
				 "'%s' is not a field name (letters, digits, '_', '-' and '.', starting with a letter)",
				 ops[i].key);
			return DK_EUSAGE;
		}
	if ((rc = parse_old(&fm, data, len, file, diags)))
		return rc;
	bv = xcalloc(n, sizeof(*bv));
	for (size_t i = 0; i < n; i++) {
		const char *k = ops[i].key;
		struct strmap_entry *e = strmap_find(&keys, k, strlen(k));
		struct batch *b = e ? e->value : NULL;

		if (!b) {
			b = &bv[nb++];
			b->ki = ynode_key_index(fm.root, k);
			b->order = i;
			strmap_put(&keys, k, strlen(k), b);
		} else if (b->op->remove && !ops[i].remove) {
			b->order = i;       /* removed, then added again: at the end */
		}
		b->op = &ops[i];
	}
	sorted = xcalloc(nb + 1, sizeof(*sorted));
	added = xcalloc(nb + 1, sizeof(*added));
	for (size_t i = 0; i < nb && !rc; i++) {
		struct batch *b = &bv[i];
		const struct edit_op *op = b->op;

		sbuf_init(&b->val);
		b->w.remove = op->remove;
		b->w.type = op->type;
		b->w.value = op->value;
		if (op->remove) {
			const struct ynode *k;

			if (b->ki < 0)
				continue;        /* absent: nothing to do */
			if ((rc = locate(&b->sp, &fm, b->ki, file, diags)))
				break;
			k = fm.root->kids[2 * b->ki];
			for (size_t x = b->sp.line0; x < k->start_off; x++)
				if (data[x] != ' ' && data[x] != '\t') {
					diag_add(diags, SEV_ERROR, "syntax", file, k->line, k->col,
						 "'%s' shares its line with other fields; remove it by hand",
						 op->key);
					rc = DK_EINVALID;
					break;
				}
			sorted[nsorted++] = b;
			continue;
		}
		{
			enum ynode_style st = YSTYLE_PLAIN;

			if (b->ki >= 0 && fm.root->kids[2 * b->ki + 1]->type == YNODE_SCALAR)
				st = fm.root->kids[2 * b->ki + 1]->style;
			struct diag_list e = DIAG_LIST_INIT;

			if (edit_render_styled(&b->val, op->value, op->type, st, &e)) {
				diag_add(diags, SEV_ERROR, "usage", file, 0, 0,
					 "%s: %s", op->key, diag_last_message(&e));
				diag_list_release(&e);
				rc = DK_EUSAGE;
				break;
			}
		}
		if (op->type == EDIT_LIST) {
			b->split = edit_split_list(op->value, &b->w.nitems);
			b->w.items = (const char *const *)b->split;
		}
		if (b->ki >= 0) {
			if ((rc = locate(&b->sp, &fm, b->ki, file, diags)))
				break;
			sorted[nsorted++] = b;
		} else {
			if (fm.root->style == YSTYLE_FLOW) {
				diag_add(diags, SEV_ERROR, "syntax", file, fm.root->line,
					 fm.root->col,
					 "the front matter is one {...} mapping; add '%s' by hand",
					 op->key);
				rc = DK_EINVALID;
				break;
			}
			added[nadded++] = b;
		}
	}
	if (!rc) {
		size_t ind = key_indent(&fm);

		if (nsorted)
			qsort(sorted, nsorted, sizeof(*sorted), cmp_batch_start);
		if (nadded)
			qsort(added, nadded, sizeof(*added), cmp_batch_order);
		for (size_t i = 0; i < nsorted && !rc; i++) {
			struct batch *b = sorted[i];
			size_t from = b->op->remove ? b->sp.line0 : b->sp.start;
			size_t to = b->op->remove ? b->sp.line1 : b->sp.end;

			if (from < pos) {
				diag_add(diags, SEV_ERROR, "syntax", file, 0, 0,
					 "'%s' overlaps another field being changed; change them one at a time, or by hand",
					 b->op->key);
				rc = DK_EINVALID;
				break;
			}
			sbuf_add(&res, data + pos, from - pos);
			if (!b->op->remove) {
				if (b->sp.space)
					sbuf_addc(&res, ' ');
				sbuf_add(&res, b->val.buf, b->val.len);
			}
			pos = to;
		}
		if (!rc && pos > fm.close_off) {
			rc = DK_EINVALID;
			diag_add(diags, SEV_ERROR, "syntax", file, 0, 0,
				 "a field to change reaches past the front matter; edit the file by hand");
		}
		if (!rc) {
			sbuf_add(&res, data + pos, fm.close_off - pos);
			for (size_t i = 0; i < nadded; i++) {
				for (size_t k = 0; k < ind; k++)
					sbuf_addc(&res, ' ');
				sbuf_addf(&res, "%s: ", added[i]->op->key);
				sbuf_add(&res, added[i]->val.buf, added[i]->val.len);
				sbuf_adds(&res, fm.crlf ? "\r\n" : "\n");
			}
			sbuf_add(&res, data + fm.close_off, len - fm.close_off);
			rc = verify_batch(&fm, res.buf, res.len, file, &keys, added,
					  nadded, diags);
		}
	}
	if (!rc) {
		sbuf_reset(out);
		sbuf_add(out, res.buf, res.len);
	}
	for (size_t i = 0; i < nb; i++) {
		if (bv[i].split)
			edit_free_list(bv[i].split, bv[i].w.nitems);
		sbuf_release(&bv[i].val);
	}
	free(bv);
	free(sorted);
	free(added);
	strmap_release(&keys);
	fm_release(&fm);
	sbuf_release(&res);
	return rc;
}
