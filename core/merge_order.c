/* merge_order.c: the three-way merge of ORDER (see merge_order.h). */
#include "core/merge_order.h"
#include "core/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/lis.h"
#include "core/order.h"
#include "core/strmap.h"
#include "core/xalloc.h"

/*-----------------------------------------------------------------------
 * One version of ORDER as keyed elements
 *
 * Every id line is an element with key "i:ID" (a repeated id: only its
 * first line); a comment line is one with key "c:TEXT" when its text
 * occurs once in the file.  Blank lines and repeated comments have no
 * key: they are ours' layout and are never matched across versions.
 *----------------------------------------------------------------------*/

struct elem {
	char *key;          /* "i:ID" or "c:TEXT" (owned) */
	size_t line;        /* index into the file's lines */
	int is_id;
	int moved;          /* keyed in the base but off the common subsequence */
	const char *pred;   /* key of the nearest element above that the other */
	const char *succ;   /* side has too (below for succ), or NULL */
};

struct mfile {
	struct order o;
	struct elem *el;
	size_t nel, alloc;
	long *line_elem;    /* line -> element index, or -1 */
	unsigned char *dup; /* the line repeats an id listed above it */
	struct strmap keys; /* key -> element index + 1 */
	struct strmap texts;/* comment text -> number of lines with it */
	size_t nids;
};

static int
blank_text(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

static long
mf_find(const struct mfile *f, const char *key)
{
	struct strmap_entry *e = strmap_find(&f->keys, key, strlen(key));

	return e ? (long)(intptr_t)e->value - 1 : -1;
}

static const char *
mf_text(const struct mfile *f, long e)
{
	return f->o.lines[f->el[e].line].text;
}

static void
mf_add(struct mfile *f, char *key, size_t line, int is_id)
{
	struct elem *e;

	f->el = xgrow(f->el, &f->alloc, f->nel + 1, sizeof(*f->el));
	e = &f->el[f->nel];
	memset(e, 0, sizeof(*e));
	e->key = key;
	e->line = line;
	e->is_id = is_id;
	f->line_elem[line] = (long)f->nel;
	f->nel++;
	strmap_put(&f->keys, key, strlen(key), (void *)(intptr_t)f->nel);
	if (is_id)
		f->nids++;
}

/* Parse one version. Returns -1 when it is not text (invalid UTF-8, a
 * NUL byte): order_parse then keeps no line at all. */
static int
mf_load(struct mfile *f, const char *data, size_t len)
{
	struct diag_list d = DIAG_LIST_INIT;

	memset(f, 0, sizeof(*f));
	strmap_init(&f->keys);
	strmap_init(&f->texts);
	order_parse(&f->o, "ORDER", data, len, &d);
	diag_list_release(&d);
	f->line_elem = xcalloc(f->o.nlines + 1, sizeof(*f->line_elem));
	f->dup = xcalloc(f->o.nlines + 1, 1);
	if (len && !f->o.nlines)
		return -1;
	for (size_t i = 0; i < f->o.nlines; i++) {
		struct order_line *ln = &f->o.lines[i];
		size_t n = strlen(ln->text), lead = strspn(ln->text, " \t");

		/* A stray CR before the line end ("A\r\r\n") would be read as
		 * part of the id here and as the line end once written with
		 * other line ends: read it as a reader of the result will. */
		if (!n || ln->text[n - 1] != '\r')
			continue;
		while (n && ln->text[n - 1] == '\r')
			ln->text[--n] = '\0';
		if (ln->id && lead + strlen(ln->id) > n)
			ln->id[n > lead ? n - lead : 0] = '\0';
		if (ln->id && (!*ln->id || text_conflict_marker(ln->text, strlen(ln->text)))) {
			free(ln->id);
			ln->id = NULL;
		}
		if (!f->o.conflict_line && text_conflict_marker(ln->text, strlen(ln->text)))
			f->o.conflict_line = ln->lineno;
	}
	for (size_t i = 0; i < f->o.nlines; i++) {
		const char *t = f->o.lines[i].text;
		struct strmap_entry *e;

		if (f->o.lines[i].id || blank_text(t))
			continue;
		e = strmap_find(&f->texts, t, strlen(t));
		if (e)
			e->value = (void *)((intptr_t)e->value + 1);
		else
			strmap_put(&f->texts, t, strlen(t), (void *)(intptr_t)1);
	}
	for (size_t i = 0; i < f->o.nlines; i++) {
		const struct order_line *ln = &f->o.lines[i];
		char *key;

		f->line_elem[i] = -1;
		if (ln->id) {
			key = xasprintf("i:%s", ln->id);
			if (mf_find(f, key) >= 0) {
				f->dup[i] = 1;
				free(key);
				continue;
			}
			mf_add(f, key, i, 1);
		} else if (!blank_text(ln->text) &&
			   (intptr_t)strmap_get(&f->texts, ln->text) == 1) {
			mf_add(f, xasprintf("c:%s", ln->text), i, 0);
		}
	}
	return 0;
}

static void
mf_release(struct mfile *f)
{
	for (size_t i = 0; i < f->nel; i++)
		free(f->el[i].key);
	free(f->el);
	free(f->line_elem);
	free(f->dup);
	strmap_release(&f->keys);
	strmap_release(&f->texts);
	order_release(&f->o);
}

/* Is key in the file at all (a comment: on any line, keyed or not)? */
static int
present(const struct mfile *f, const char *key)
{
	if (key[0] == 'i')
		return mf_find(f, key) >= 0;
	return strmap_find(&f->texts, key + 2, strlen(key + 2)) != NULL;
}

/*-----------------------------------------------------------------------
 * Moves: elements are unique within a file, so what stayed in place is
 * the heaviest increasing run of base positions along the side (lis.h).
 * Comment lines weigh more than every id together.
 *----------------------------------------------------------------------*/

static void
mark_moved(const struct mfile *b, struct mfile *s)
{
	size_t m = 0;
	size_t *idx = xcalloc(s->nel + 1, sizeof(*idx));
	size_t *pos = xcalloc(s->nel + 1, sizeof(*pos));
	long long *w = xcalloc(s->nel + 1, sizeof(*w));
	unsigned char *moved = xcalloc(s->nel + 1, 1);
	long long cw = (long long)b->nids + (long long)s->nids + 1;

	for (size_t i = 0; i < s->nel; i++) {
		long k = mf_find(b, s->el[i].key);

		if (k < 0)
			continue;
		idx[m] = i;
		pos[m] = (size_t)k;
		w[m] = s->el[i].is_id ? 1 : cw;
		m++;
	}
	lis_mark_moved(pos, w, m, b->nel, moved);
	for (size_t j = 0; j < m; j++)
		s->el[idx[j]].moved = moved[j];
	free(idx);
	free(pos);
	free(w);
	free(moved);
}

/* Each element's nearest neighbours among the keys the other side has. */
static void
mark_neighbours(struct mfile *s, const struct mfile *other)
{
	const char *last = NULL;

	for (size_t i = 0; i < s->nel; i++) {
		s->el[i].pred = last;
		if (mf_find(other, s->el[i].key) >= 0)
			last = s->el[i].key;
	}
	last = NULL;
	for (size_t i = s->nel; i-- > 0;) {
		s->el[i].succ = last;
		if (mf_find(other, s->el[i].key) >= 0)
			last = s->el[i].key;
	}
}

/*-----------------------------------------------------------------------
 * The result: a doubly linked list of lines (node 0 is the head)
 *----------------------------------------------------------------------*/

struct rnode {
	const char *text;
	const char *key;    /* NULL for lines without a key */
	int ours_placed;    /* ours moved or added it */
	int agreed;         /* theirs placed it at the same place */
	int theirs;         /* placed from theirs */
	int linked;
	size_t prev, next;
};

struct rlist {
	struct rnode *n;
	size_t len, alloc;
	struct strmap at;   /* key -> node index */
};

static size_t
r_new(struct rlist *r, const char *text, const char *key)
{
	struct rnode *n;

	r->n = xgrow(r->n, &r->alloc, r->len + 1, sizeof(*r->n));
	n = &r->n[r->len];
	memset(n, 0, sizeof(*n));
	n->text = text;
	n->key = key;
	if (key)
		strmap_put(&r->at, key, strlen(key), (void *)(uintptr_t)r->len);
	return r->len++;
}

static void
r_init(struct rlist *r)
{
	memset(r, 0, sizeof(*r));
	strmap_init(&r->at);
	r_new(r, NULL, NULL);
	r->n[0].linked = 1;
}

static void
r_release(struct rlist *r)
{
	free(r->n);
	strmap_release(&r->at);
	memset(r, 0, sizeof(*r));
}

static void
r_link_after(struct rlist *r, size_t a, size_t i)
{
	size_t nx = r->n[a].next;

	r->n[i].prev = a;
	r->n[i].next = nx;
	r->n[a].next = i;
	r->n[nx].prev = i;
	r->n[i].linked = 1;
}

static void
r_unlink(struct rlist *r, size_t i)
{
	r->n[r->n[i].prev].next = r->n[i].next;
	r->n[r->n[i].next].prev = r->n[i].prev;
	r->n[i].linked = 0;
}

static long
r_find(const struct rlist *r, const char *key)
{
	struct strmap_entry *e = strmap_find(&r->at, key, strlen(key));

	return e ? (long)(uintptr_t)e->value : -1;
}

/* The lines in order (borrowed texts); *n gets their number. */
static const char **
r_lines(const struct rlist *r, size_t *n)
{
	const char **v = xcalloc(r->len + 1, sizeof(*v));
	size_t k = 0;

	for (size_t i = r->n[0].next; i != 0; i = r->n[i].next)
		v[k++] = r->n[i].text;
	*n = k;
	return v;
}

/*-----------------------------------------------------------------------
 * The merge
 *----------------------------------------------------------------------*/

struct mctx {
	struct mfile b, o, t;
	struct diag_list *diags;   /* where conflicts go, or NULL */
	size_t conflicts;
};

/* Did side s place element e: move it, or add it to ORDER? */
static int
placed(const struct mctx *m, const struct mfile *s, long e)
{
	const char *key;

	if (e < 0)
		return 0;
	key = s->el[e].key;
	if (!present(&m->b, key))
		return 1;
	return mf_find(&m->b, key) >= 0 && s->el[e].moved;
}

static int
same_key(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* The text of an id line both sides have: a three-way choice. */
static const char *
text3(const struct mctx *m, long eo, long et, int prefer_theirs, int *conflict)
{
	const char *to = mf_text(&m->o, eo), *tt, *tb;
	long eb;

	if (et < 0)
		return to;
	tt = mf_text(&m->t, et);
	if (!strcmp(to, tt))
		return to;
	eb = mf_find(&m->b, m->o.el[eo].key);
	if (eb >= 0) {
		tb = mf_text(&m->b, eb);
		if (!strcmp(to, tb))
			return tt;
		if (!strcmp(tt, tb))
			return to;
	}
	*conflict = 1;
	return prefer_theirs ? tt : to;
}

static void
describe_place(struct sbuf *sb, const char *pred)
{
	if (!pred)
		sbuf_adds(sb, "at the top");
	else if (pred[0] == 'i')
		sbuf_addf(sb, "below %s", pred + 2);
	else
		sbuf_addf(sb, "below '%s'", pred + 2);
}

static void
note_conflict(struct mctx *m, long eo, long et, int moved)
{
	struct sbuf sb = SBUF_INIT;
	const char *id = m->o.el[eo].key + 2;

	m->conflicts++;
	if (!m->diags)
		return;
	if (moved) {
		sbuf_addf(&sb, "%s: both sides %s it, to different places (ours: ",
			  id, present(&m->b, m->o.el[eo].key) ? "moved" : "ranked");
		describe_place(&sb, m->o.el[eo].pred);
		sbuf_adds(&sb, ", theirs: ");
		describe_place(&sb, m->t.el[et].pred);
		sbuf_adds(&sb, "); keep one of the two places");
	} else {
		sbuf_addf(&sb, "%s: both sides changed its line differently; keep one",
			  id);
	}
	diag_add(m->diags, SEV_ERROR, "order-conflict", "ORDER",
		 m->o.o.lines[m->o.el[eo].line].lineno, 1, "%s", sb.buf);
	sbuf_release(&sb);
}

/* Skip these after an anchor: ours put them there, theirs' go below. */
static int
ours_spot(const struct rnode *n)
{
	return n->key && n->ours_placed && !n->agreed && !n->theirs;
}

static void
merge_run(struct mctx *m, int prefer_theirs, struct rlist *r)
{
	const struct mfile *O = &m->o, *T = &m->t, *B = &m->b;
	unsigned char *ins = xcalloc(T->nel + 1, 1);
	size_t anchor = 0;

	r_init(r);
	/* ours as it is, without repeated ids */
	for (size_t i = 0; i < O->o.nlines; i++) {
		long e = O->line_elem[i];

		if (O->dup[i])
			continue;
		r_link_after(r, r->n[0].prev,
			     r_new(r, O->o.lines[i].text, e >= 0 ? O->el[e].key : NULL));
	}
	/* what theirs did to the lines ours has */
	for (size_t e = 0; e < O->nel; e++) {
		const char *key = O->el[e].key;
		long et = mf_find(T, key), x = r_find(r, key);
		int c = 0;

		if (x <= 0)
			continue;
		if (present(B, key) && !present(T, key)) {
			r_unlink(r, (size_t)x);         /* theirs removed it */
			continue;
		}
		r->n[x].ours_placed = placed(m, O, (long)e);
		if (O->el[e].is_id) {
			r->n[x].text = text3(m, (long)e, et, prefer_theirs, &c);
			if (c)
				note_conflict(m, (long)e, et, 0);
		}
		if (!placed(m, T, et))
			continue;
		if (!r->n[x].ours_placed) {
			r_unlink(r, (size_t)x);         /* theirs moved it */
			ins[et] = 1;
			continue;
		}
		if (same_key(O->el[e].pred, T->el[et].pred) ||
		    same_key(O->el[e].succ, T->el[et].succ)) {
			r->n[x].agreed = 1;
			continue;
		}
		if (!O->el[e].is_id)
			continue;                       /* a comment: ours */
		note_conflict(m, (long)e, et, 1);
		if (prefer_theirs) {
			r_unlink(r, (size_t)x);
			ins[et] = 1;
		}
	}
	/* theirs' moves and additions, below the line above them in theirs */
	for (size_t e = 0; e < T->nel; e++) {
		const char *key = T->el[e].key;
		long x = r_find(r, key);

		if (!ins[e] && !present(B, key) && !present(O, key))
			ins[e] = 1;                     /* theirs added it */
		if (ins[e]) {
			size_t at = anchor;

			while (r->n[at].next && ours_spot(&r->n[r->n[at].next]))
				at = r->n[at].next;
			if (x <= 0)
				x = (long)r_new(r, mf_text(T, (long)e), key);
			r->n[x].theirs = 1;
			r_link_after(r, at, (size_t)x);
			anchor = (size_t)x;
			continue;
		}
		if (x > 0 && r->n[x].linked &&
		    (!r->n[x].ours_placed || r->n[x].agreed))
			anchor = (size_t)x;
	}
	free(ins);
}

static void
render(struct sbuf *out, const char *const *v, size_t n, int crlf, int final_nl)
{
	for (size_t i = 0; i < n; i++) {
		sbuf_adds(out, v[i]);
		if (i + 1 < n || final_nl)
			sbuf_adds(out, crlf ? "\r\n" : "\n");
	}
}

void
merge_order_both(const char *ours, size_t olen, const char *theirs,
		 size_t tlen, struct sbuf *out)
{
	const char *nl = memchr(ours, '\n', olen);
	const char *eol = nl && nl > ours && nl[-1] == '\r' ? "\r\n" : "\n";

	sbuf_addf(out, "<<<<<<< ours%s", eol);
	sbuf_add(out, ours, olen);
	if (olen && ours[olen - 1] != '\n')
		sbuf_adds(out, eol);
	sbuf_addf(out, "=======%s", eol);
	sbuf_add(out, theirs, tlen);
	if (tlen && theirs[tlen - 1] != '\n')
		sbuf_adds(out, eol);
	sbuf_addf(out, ">>>>>>> theirs%s", eol);
}

int
merge_order(const char *base, size_t blen, const char *ours, size_t olen,
	    const char *theirs, size_t tlen, struct sbuf *out,
	    struct diag_list *diags)
{
	struct mctx m;
	struct diag_list found = DIAG_LIST_INIT;
	struct rlist r1, r2;
	const char **v1 = NULL, **v2 = NULL;
	size_t n1 = 0, n2 = 0;
	int rb, ro, rt, rc = 0;
	const char *why = NULL;

	memset(&m, 0, sizeof(m));
	rb = mf_load(&m.b, base, blen);
	ro = mf_load(&m.o, ours, olen);
	rt = mf_load(&m.t, theirs, tlen);
	if (rb || ro || rt)
		why = "is not UTF-8 text";
	else if (m.o.o.conflict_line || m.t.o.conflict_line)
		why = "already has conflict markers";
	if (why) {
		diag_add(diags, SEV_ERROR, "order-conflict", "ORDER", 0, 0,
			 "%s version of ORDER %s: both versions are kept whole; merge them by hand",
			 rb ? "the base" : (ro || m.o.o.conflict_line) ? "our" : "their",
			 why);
		merge_order_both(ours, olen, theirs, tlen, out);
		mf_release(&m.b);
		mf_release(&m.o);
		mf_release(&m.t);
		return DK_EINVALID;
	}
	mark_moved(&m.b, &m.o);
	mark_moved(&m.b, &m.t);
	mark_neighbours(&m.o, &m.t);
	mark_neighbours(&m.t, &m.o);

	m.diags = &found;
	merge_run(&m, 0, &r1);
	v1 = r_lines(&r1, &n1);
	if (m.conflicts) {
		m.diags = NULL;
		merge_run(&m, 1, &r2);
		v2 = r_lines(&r2, &n2);
		r_release(&r2);
	}
	if (v2) {
		size_t p = 0, s = 0, k = 0;
		const char **v;

		/* the two resolutions agree where they have the same texts */
		while (p < n1 && p < n2 && !strcmp(v1[p], v2[p]))
			p++;
		while (s < n1 - p && s < n2 - p &&
		       !strcmp(v1[n1 - 1 - s], v2[n2 - 1 - s]))
			s++;
		if (p + s == n1 && p + s == n2)
			goto clean;
		v = xcalloc(n1 + n2 + 4, sizeof(*v));
		for (size_t i = 0; i < p; i++)
			v[k++] = v1[i];
		v[k++] = "<<<<<<< ours";
		for (size_t i = p; i < n1 - s; i++)
			v[k++] = v1[i];
		v[k++] = "=======";
		for (size_t i = p; i < n2 - s; i++)
			v[k++] = v2[i];
		v[k++] = ">>>>>>> theirs";
		for (size_t i = n1 - s; i < n1; i++)
			v[k++] = v1[i];
		render(out, v, k, m.o.o.crlf, 1);
		free(v);
		diag_list_move(diags, &found);
		rc = DK_ECONFLICT;
		goto done;
	}
clean:
	render(out, v1, n1, m.o.o.crlf, m.o.o.final_newline);
done:
	free(v1);
	free(v2);
	r_release(&r1);
	diag_list_release(&found);
	mf_release(&m.b);
	mf_release(&m.o);
	mf_release(&m.t);
	return rc;
}
