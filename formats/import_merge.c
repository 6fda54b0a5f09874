/*
 * import_merge.c: a re-import's three-way comparison of one item file
 * (docs/import.md, "Importing again").
 *
 * base is the file as the import that last wrote it left it (from git),
 * local the file as it is now, theirs the file this import would write.
 * Each front-matter key is compared on its own:
 *
 *   theirs = base              the source did not change it: local stays
 *   local = base               only the source changed it: set (or
 *                              removed) surgically, as `set` does
 *   local = theirs             both made the same change: nothing to do
 *   otherwise                  changed on both sides: local stays, and
 *                              the key is reported as a conflict
 *
 * The body: the sections between "<!-- docket:import NAME -->" and
 * "<!-- /docket:import -->" lines belong to the import and their
 * content is always replaced by theirs (a block the source now has is
 * added, a block it no longer has is removed); the rest of the body is
 * compared as one field ("body") the same way, and when it stays, it
 * stays byte for byte.  An item of the earlier format has its notes in
 * an unmarked "## Imported from TOOL" section instead: that section
 * gives way to the notes block (old_notes_strip).
 */
#include "formats/import.h"

#include <stdlib.h>
#include <string.h>

#include "core/edit.h"
#include "core/fm.h"
#include "core/xalloc.h"
#include "core/ynode.h"

/* A value as comparable text: scalars by their text, sequences and
 * mappings element by element. */
static void
canon(struct sbuf *out, const struct ynode *n)
{
	if (!n)
		return;
	switch (n->type) {
	case YNODE_SCALAR:
		sbuf_addc(out, 's');
		if (!ynode_is_null(n))
			sbuf_add(out, n->text, n->len);
		break;
	case YNODE_SEQ:
		sbuf_addc(out, '[');
		for (size_t i = 0; i < n->nkids; i++) {
			canon(out, n->kids[i]);
			sbuf_addc(out, '\x1e');
		}
		sbuf_addc(out, ']');
		break;
	default:
		sbuf_addc(out, '{');
		for (size_t i = 0; i < n->nkids; i++) {
			canon(out, n->kids[i]);
			sbuf_addc(out, '\x1e');
		}
		sbuf_addc(out, '}');
	}
}

/* Are a and b (either may be NULL: absent) the same value? */
static int
same(const struct ynode *a, const struct ynode *b)
{
	struct sbuf x = SBUF_INIT, y = SBUF_INIT;
	int eq;

	if (!a || !b)
		return !a && !b;
	canon(&x, a);
	canon(&y, b);
	eq = x.len == y.len && !memcmp(x.buf, y.buf, x.len);
	sbuf_release(&x);
	sbuf_release(&y);
	return eq;
}

/* ---- managed body sections ------------------------------------------ */

#define OPEN_MARK "<!-- docket:import "
#define CLOSE_MARK "<!-- /docket:import -->"

struct span {
	size_t start, end;        /* the whole block, marker lines included */
	size_t cstart, cend;      /* its content */
	char *name;
};

struct spans {
	struct span *v;
	size_t n, alloc;
};

static void
spans_release(struct spans *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].name);
	free(s->v);
}

/* The line at s[off..] without its line end: its length. */
static size_t
line_len(const char *s, size_t len, size_t off)
{
	const char *e = memchr(s + off, '\n', len - off);
	size_t n = e ? (size_t)(e - (s + off)) : len - off;

	if (n && s[off + n - 1] == '\r')
		n--;
	return n;
}

static size_t
next_line(const char *s, size_t len, size_t off)
{
	const char *e = memchr(s + off, '\n', len - off);

	return e ? (size_t)(e - s) + 1 : len;
}

/* The managed blocks of body[0..len), in order.  An opening line
 * without a closing one is not a block. */
static void
find_spans(struct spans *out, const char *s, size_t len)
{
	size_t off = 0, ol = strlen(OPEN_MARK), cl = strlen(CLOSE_MARK);

	while (off < len) {
		size_t n = line_len(s, len, off);

		if (n > ol + 4 && !memcmp(s + off, OPEN_MARK, ol) &&
		    !memcmp(s + off + n - 4, " -->", 4)) {
			size_t c = next_line(s, len, off), e = c;
			int closed = 0;

			while (e < len) {
				size_t m = line_len(s, len, e);

				if (m == cl && !memcmp(s + e, CLOSE_MARK, cl)) {
					closed = 1;
					break;
				}
				e = next_line(s, len, e);
			}
			if (closed) {
				struct span *sp;

				out->v = xgrow(out->v, &out->alloc, out->n + 1, sizeof(*out->v));
				sp = &out->v[out->n++];
				sp->start = off;
				sp->cstart = c;
				sp->cend = e;
				sp->end = next_line(s, len, e);
				sp->name = xmemdup0(s + off + ol, n - ol - 4);
				off = sp->end;
				continue;
			}
		}
		off = next_line(s, len, off);
	}
}

static const struct span *
span_named(const struct spans *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].name, name))
			return &s->v[i];
	return NULL;
}

/* The end of the block sp with the blank line after it (the one that
 * separates it from what follows), when there is one. */
static size_t
end_with_blank(const char *s, size_t len, const struct span *sp)
{
	size_t off = sp->end;

	if (off < len && s[off] == '\n')
		return off + 1;
	if (off + 1 < len && s[off] == '\r' && s[off + 1] == '\n')
		return off + 2;
	return off;
}

/* The body without its managed blocks (each with its blank line after
 * it, so that a block added or removed leaves the rest as it was). */
static void
body_rest(struct sbuf *out, const char *s, size_t len, const struct spans *sp)
{
	size_t off = 0;

	for (size_t i = 0; i < sp->n; i++) {
		sbuf_add(out, s + off, sp->v[i].start - off);
		off = end_with_blank(s, len, &sp->v[i]);
	}
	sbuf_add(out, s + off, len - off);
}

/* local's body with each managed block brought to theirs: the content
 * of a block both have is theirs'; a block only theirs has is added
 * (before the next block of theirs that local has, else at the end);
 * a block only local has is removed (the source has nothing for it any
 * more).  Everything outside the blocks stays byte for byte. */
static void
body_refresh(struct sbuf *out, const char *l, size_t llen,
	     const struct spans *ls, const char *t, const struct spans *ts)
{
	char *done = xcalloc(ts->n + 1, 1);
	size_t off = 0;

	for (size_t i = 0; i < ls->n; i++) {
		const struct span *th = span_named(ts, ls->v[i].name);
		size_t ti;

		sbuf_add(out, l + off, ls->v[i].start - off);
		if (!th) {
			off = end_with_blank(l, llen, &ls->v[i]);
			continue;
		}
		ti = (size_t)(th - ts->v);
		for (size_t j = 0; j < ti; j++) {
			if (done[j] || span_named(ls, ts->v[j].name))
				continue;
			sbuf_add(out, t + ts->v[j].start, ts->v[j].end - ts->v[j].start);
			sbuf_addc(out, '\n');
			done[j] = 1;
		}
		sbuf_add(out, l + ls->v[i].start, ls->v[i].cstart - ls->v[i].start);
		sbuf_add(out, t + th->cstart, th->cend - th->cstart);
		off = ls->v[i].cend;
		done[ti] = 1;
	}
	sbuf_add(out, l + off, llen - off);
	for (size_t j = 0; j < ts->n; j++) {
		if (done[j] || span_named(ls, ts->v[j].name))
			continue;
		if (out->len && out->buf[out->len - 1] != '\n')
			sbuf_addc(out, '\n');
		if (out->len)
			sbuf_addc(out, '\n');
		sbuf_add(out, t + ts->v[j].start, ts->v[j].end - ts->v[j].start);
	}
	free(done);
}

/* ---- the merge ---------------------------------------------------------- */

static void
add_conflict(struct import_merge *m, const char *key)
{
	m->conflicts = xgrow(m->conflicts, &m->aconflicts, m->nconflicts + 1,
			     sizeof(*m->conflicts));
	m->conflicts[m->nconflicts++] = xstrdup(key);
}

void
import_merge_release(struct import_merge *m)
{
	for (size_t i = 0; i < m->nconflicts; i++)
		free(m->conflicts[i]);
	free(m->conflicts);
	sbuf_release(&m->out);
	memset(m, 0, sizeof(*m));
}

/* Set key in cur (the file so far) to theirs' value v, or remove it. */
static int
apply_key(struct sbuf *next, const struct sbuf *cur, const char *file,
	  const char *key, const struct ynode *v, const struct config *cfg,
	  struct diag_list *diags)
{
	if (!v)
		return edit_remove(next, cur->buf, cur->len, file, key, diags);
	if (v->type == YNODE_SEQ) {
		const char **items = xcalloc(v->nkids + 1, sizeof(*items));
		size_t n = 0;
		int r;

		for (size_t i = 0; i < v->nkids; i++)
			if (v->kids[i]->type == YNODE_SCALAR && !ynode_is_null(v->kids[i]))
				items[n++] = v->kids[i]->text;
		r = edit_set_list(next, cur->buf, cur->len, file, key, items, n, diags);
		free(items);
		return r;
	}
	if (v->type != YNODE_SCALAR)
		return DK_EINVALID;
	return edit_set(next, cur->buf, cur->len, file, key,
			ynode_is_null(v) ? "" : v->text, edit_type_for(cfg, key), diags);
}

/* An item of the earlier format (written before the import had blocks)
 * holds its notes in an unmarked "## Imported from TOOL" section, up to
 * the next "## " heading or the end of the body; the notes block now
 * replaces it.  When base has such a section and local still holds it
 * unchanged, out_l and out_b get both bodies without it, so that an edit
 * made here beside it is kept and the notes do not come in twice.
 * Returns 1 then, else 0 (out_l and out_b untouched). */
static int
old_notes_strip(struct sbuf *out_l, struct sbuf *out_b,
		const char *l, size_t llen, const char *b, size_t blen)
{
	static const char head[] = "## Imported from ";
	size_t hl = sizeof(head) - 1, start = blen, end, lat = llen;

	for (size_t off = 0; off < blen; off = next_line(b, blen, off))
		if (blen - off > hl && !memcmp(b + off, head, hl)) {
			start = off;
			break;
		}
	if (start == blen)
		return 0;
	for (end = next_line(b, blen, start); end < blen; end = next_line(b, blen, end))
		if (blen - end >= 3 && !memcmp(b + end, "## ", 3))
			break;
	/* the same bytes in local, at a line's start */
	for (size_t off = 0, n = end - start; off < llen; off = next_line(l, llen, off))
		if (llen - off >= n && !memcmp(l + off, b + start, n)) {
			lat = off;
			break;
		}
	if (lat == llen)
		return 0;
	sbuf_add(out_l, l, lat);
	sbuf_add(out_l, l + lat + (end - start), llen - lat - (end - start));
	sbuf_add(out_b, b, start);
	sbuf_add(out_b, b + end, blen - end);
	return 1;
}

int
import_merge_item(struct import_merge *m, const char *file,
		  const char *base, size_t blen,
		  const char *local, size_t llen,
		  const char *theirs, size_t tlen,
		  const struct config *cfg, struct diag_list *diags)
{
	struct fm_opts fo = FM_OPTS_INIT;
	struct fm fb, fl, ft;
	struct sbuf cur = SBUF_INIT, next = SBUF_INIT, rb = SBUF_INIT,
		    rl = SBUF_INIT, rt = SBUF_INIT, ol = SBUF_INIT, ob = SBUF_INIT;
	struct spans sb = { 0 }, sl = { 0 }, st = { 0 };
	const char *bb = NULL, *lb, *tb;
	size_t bbl = 0, lbl, tbl, fmlen;
	int have_base = base != NULL, r = 0;

	memset(m, 0, sizeof(*m));
	sbuf_init(&m->out);
	fm_init(&fb);
	fm_init(&fl);
	fm_init(&ft);
	if (fm_parse(&fl, local, llen, &fo, file, diags) ||
	    fm_parse(&ft, theirs, tlen, &fo, file, diags)) {
		r = DK_EINVALID;
		goto out;
	}
	if (have_base) {
		struct diag_list ignored = DIAG_LIST_INIT;

		/* an unreadable base: as if there were none */
		if (fm_parse(&fb, base, blen, &fo, file, &ignored))
			have_base = 0;
		diag_list_release(&ignored);
	}

	/* front matter, key by key, in theirs' order then base's */
	sbuf_add(&cur, local, llen);
	for (int pass = 0; pass < 2; pass++) {
		const struct ynode *keys = pass ? (have_base ? fb.root : NULL) : ft.root;

		for (size_t i = 0; keys && i + 1 < keys->nkids; i += 2) {
			const char *key = keys->kids[i]->text;
			const struct ynode *vb, *vl, *vt;

			if (!key || !strcmp(key, "id"))
				continue;
			if (pass && ynode_get(ft.root, key))
				continue;          /* done in the first pass */
			vt = ynode_get(ft.root, key);
			vl = ynode_get(fl.root, key);
			vb = have_base ? ynode_get(fb.root, key) : NULL;
			if (same(vl, vt))
				continue;
			/* source: is the import's own: an item of the earlier
			 * format gets it (upgraded) */
			if (strcmp(key, "source") && have_base && same(vt, vb))
				continue;
			if (!strcmp(key, "source") || (have_base && same(vl, vb))) {
				sbuf_reset(&next);
				if (apply_key(&next, &cur, file, key, vt, cfg, diags)) {
					r = DK_EINVALID;
					goto out;
				}
				{
					struct sbuf tmp = cur;

					cur = next;
					next = tmp;
				}
				continue;
			}
			add_conflict(m, key);
		}
	}

	/* the body: managed blocks refreshed, the rest compared whole */
	{
		struct fm fc;

		fm_init(&fc);
		if (fm_split(&fc, cur.buf, cur.len, &fo, file, diags)) {
			fm_release(&fc);
			r = DK_EINVALID;
			goto out;
		}
		lb = cur.buf + fc.body_off;
		lbl = cur.len - fc.body_off;
		fm_release(&fc);
	}
	tb = theirs + ft.body_off;
	tbl = tlen - ft.body_off;
	if (have_base) {
		bb = base + fb.body_off;
		bbl = blen - fb.body_off;
	}
	fmlen = (size_t)(lb - cur.buf);
	find_spans(&st, tb, tbl);
	if (have_base) {
		find_spans(&sb, bb, bbl);
		if (!sb.n && span_named(&st, "notes") &&
		    old_notes_strip(&ol, &ob, lb, lbl, bb, bbl)) {
			lb = ol.buf;
			lbl = ol.len;
			bb = ob.buf;
			bbl = ob.len;
		}
	}
	find_spans(&sl, lb, lbl);
	body_rest(&rl, lb, lbl, &sl);
	body_rest(&rt, tb, tbl, &st);
	if (have_base)
		body_rest(&rb, bb, bbl, &sb);
	sbuf_add(&m->out, cur.buf, fmlen);
	if (have_base && rl.len == rb.len && !memcmp(rl.buf, rb.buf, rl.len)) {
		/* not edited here outside the import's blocks: theirs */
		sbuf_add(&m->out, tb, tbl);
	} else {
		if (!(rl.len == rt.len && !memcmp(rl.buf, rt.buf, rl.len)) &&
		    !(have_base && rt.len == rb.len && !memcmp(rt.buf, rb.buf, rt.len)))
			add_conflict(m, "body");
		body_refresh(&m->out, lb, lbl, &sl, tb, &st);
	}
	m->changed = m->out.len != llen || memcmp(m->out.buf, local, llen);
out:
	spans_release(&sb);
	spans_release(&sl);
	spans_release(&st);
	sbuf_release(&cur);
	sbuf_release(&next);
	sbuf_release(&rb);
	sbuf_release(&rl);
	sbuf_release(&rt);
	sbuf_release(&ol);
	sbuf_release(&ob);
	fm_release(&fb);
	fm_release(&fl);
	fm_release(&ft);
	return r;
}
