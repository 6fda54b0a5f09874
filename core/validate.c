/* validate.c: the findings a write adds (core/validate.h).
 *
 * Design notes
 * (1) Two views of the same ids: "before" holds the touched files as
 *     they are, "after" as the write leaves them; both hold the same
 *     referenced items and the same ids of ORDER, so whatever the view
 *     cannot see (an item it did not load) is seen the same way twice
 *     and never counts as added.
 * (2) A view is a struct backlog whose docket.yaml, paths and referenced
 *     items are borrowed from the session's backlog; view_release frees
 *     only what the view made (its arrays, its ORDER, the parsed texts).
 * (3) A referenced item's rank is the view's: set before each run from
 *     that view's ORDER, and put back after.
 * (4) ORDER, when the write changes it, is never parsed whole (10,000
 *     lines cost more than the rest of the write): the lines the two
 *     texts share at their start and end are skipped to find the ids
 *     whose line changed, and each view keeps, in one pass over the
 *     bytes, only its own ids' lines and ranks (order_parse_kept).
 */
#include "core/validate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/limits.h"
#include "core/lis.h"
#include "core/sbuf.h"
#include "core/xalloc.h"

/* How many referenced items a write reads at most (depends_on chains). */
#define VALIDATE_MAX_REFS 2000

enum kind { K_OTHER, K_ITEM, K_CYCLE, K_ORDER };

struct vctx {
	struct backlog *bl;
	struct source *src;
	struct strmap touched;        /* path -> struct validate_file * */
	struct strmap ids;            /* ids of the view (keys owned) */
	struct strmap cycle_names;    /* cycle names looked up */
	char **owned;
	size_t nowned, aowned;
	struct item **refs;           /* borrowed from bl */
	size_t nrefs, arefs;
	struct item **rcycles;        /* referenced cycle files (owned) */
	size_t nrcycles, arcycles;
	/* the touched files parsed, before and after (NULL: none) */
	struct item **tb, **ta;
	enum kind *kinds;
	const struct validate_file *files;
	size_t nfiles;
	/* ORDER's texts before and after, when the write changes it (NULL:
	 * none), and the ranks in them of the view's ids */
	char *ob_text;
	size_t ob_len;
	const char *oa_text;
	size_t oa_len;
	struct strmap rank_b, rank_a; /* id (a key of ids) -> rank */
	int order_touched;
	char **queue;                 /* ids to load (borrowed from owned) */
	size_t nqueue, aqueue;
};

static const char *
own(struct vctx *v, char *s)
{
	v->owned = xgrow(v->owned, &v->aowned, v->nowned + 1, sizeof(*v->owned));
	v->owned[v->nowned++] = s;
	return s;
}

/* path (relative to the top) relative to the backlog's root, for src. */
static const char *
root_rel(const struct backlog *bl, const char *path)
{
	size_t n = bl->relroot ? strlen(bl->relroot) : 0;

	return n && !strncmp(path, bl->relroot, n) ? path + n : path;
}

static enum kind
classify(const struct backlog *bl, const char *path)
{
	size_t n = strlen(bl->items_rel), len = strlen(path);
	const char *rest;

	if (bl->order_path && !strcmp(path, bl->order_path))
		return K_ORDER;
	if (strncmp(path, bl->items_rel, n) || len < 4 ||
	    strcmp(path + len - 3, ".md"))
		return K_OTHER;
	rest = path + n;
	if (!strchr(rest, '/'))
		return K_ITEM;
	if (!strncmp(rest, "cycles/", 7) && !strchr(rest + 7, '/'))
		return K_CYCLE;
	return K_OTHER;
}

static struct item *
parse(const char *path, const char *data, size_t len)
{
	struct fm_opts fo = FM_OPTS_INIT;

	return item_new(path, xmemdup0(data, len), len, &fo);
}

/* Put id in the view; queue it to be read as a referenced item when
 * load is set (once). */
static void
view_id(struct vctx *v, const char *id, size_t len, int load)
{
	char *s;

	if (!len || len > 64 || strmap_find(&v->ids, id, len))
		return;
	s = xstrndup(id, len);
	if (!item_id_valid(s)) {
		free(s);
		return;
	}
	own(v, s);
	strmap_put(&v->ids, s, len, NULL);
	if (!load)
		return;
	v->queue = xgrow(v->queue, &v->aqueue, v->nqueue + 1, sizeof(*v->queue));
	v->queue[v->nqueue++] = s;
}

/* The ids of a scalar or a sequence of scalars. */
static void
want_id(struct vctx *v, const char *id, size_t len)
{
	view_id(v, id, len, 1);
}

static void
want_ids(struct vctx *v, const struct ynode *n)
{
	if (!n)
		return;
	if (n->type == YNODE_SCALAR) {
		want_id(v, n->text, n->len);
		return;
	}
	for (size_t i = 0; n->type == YNODE_SEQ && i < n->nkids; i++)
		if (n->kids[i]->type == YNODE_SCALAR)
			want_id(v, n->kids[i]->text, n->kids[i]->len);
}

static void
want_cycle(struct vctx *v, const char *name)
{
	struct fm_opts fo = FM_OPTS_INIT;
	char *rel, *path, *data = NULL;
	size_t len = 0;
	struct diag_list errs = DIAG_LIST_INIT;
	struct item *c;

	if (!name || !*name || strchr(name, '/') || name[0] == '.' ||
	    strlen(name) > 200 ||
	    strmap_find(&v->cycle_names, name, strlen(name)))
		return;
	strmap_put(&v->cycle_names, own(v, xstrdup(name)), strlen(name), NULL);
	path = xasprintf("%scycles/%s.md", v->bl->items_rel, name);
	if (strmap_find(&v->touched, path, strlen(path))) {
		free(path);
		return;
	}
	rel = xasprintf("%s/cycles/%s.md", v->bl->config.items, name);
	if (v->src->read(v->src, rel, &data, &len, LIMIT_FILE, &errs)) {
		diag_list_release(&errs);
		free(rel);
		free(path);
		return;
	}
	free(rel);
	c = item_new(path, data, len, &fo);
	free(path);
	v->rcycles = xgrow(v->rcycles, &v->arcycles, v->nrcycles + 1,
			   sizeof(*v->rcycles));
	v->rcycles[v->nrcycles++] = c;
	if (c->parsed && c->fm.root)
		want_ids(v, ynode_get(c->fm.root, "committed"));
}

/* What an item (touched or referenced) names. */
static void
want_refs_of(struct vctx *v, const struct item *it, int touched)
{
	if (!it || !it->parsed || !it->fm.root)
		return;
	want_ids(v, ynode_get(it->fm.root, "depends_on"));
	if (!touched)
		return;
	want_ids(v, ynode_get(it->fm.root, "follows"));
	if (it->cycle)
		want_cycle(v, it->cycle);
	if (it->id)
		view_id(v, it->id, strlen(it->id), 0);
}

/* Another item than the touched ones that claims id (a file the write
 * renames may have shared its id with another). */
static struct item *
untouched_with_id(struct vctx *v, const char *id)
{
	for (size_t i = 0; i < v->bl->nitems; i++) {
		struct item *it = v->bl->items[i];

		if (it->id && !strcmp(it->id, id) &&
		    !strmap_find(&v->touched, it->path, strlen(it->path)))
			return it;
	}
	return NULL;
}

/* Read the queued ids as referenced items, following depends_on. */
static void
load_refs(struct vctx *v)
{
	for (size_t q = 0; q < v->nqueue && v->nrefs < VALIDATE_MAX_REFS; q++) {
		struct item *it = backlog_item(v->bl, v->queue[q]);

		if (!it)
			it = backlog_load_item(v->bl, v->src, v->queue[q]);
		if (it && strmap_find(&v->touched, it->path, strlen(it->path)))
			it = untouched_with_id(v, v->queue[q]);
		if (!it)
			continue;
		for (size_t i = 0; i < v->nrefs; i++)
			if (v->refs[i] == it)
				goto next;
		v->refs = xgrow(v->refs, &v->arefs, v->nrefs + 1, sizeof(*v->refs));
		v->refs[v->nrefs++] = it;
		want_refs_of(v, it, 0);
next:		;
	}
}

/* The ids whose line changes from ob to oa: added, dropped or moved. */
static void
want_changed_ids(struct vctx *v, const struct order *ob, const struct order *oa)
{
	struct strmap cnt;
	size_t n = 0, *pos, k = 0;
	unsigned char *moved;
	const char **which;

	strmap_init(&cnt);
	/* counts: before +1 each, after -1 each (by the pointer's value) */
	for (size_t i = 0; i < ob->nlines; i++) {
		const char *id = ob->lines[i].id;
		struct strmap_entry *e;

		if (!id)
			continue;
		e = strmap_find(&cnt, id, strlen(id));
		strmap_put(&cnt, id, strlen(id),
			   (void *)((e ? (intptr_t)e->value : 0) + 1));
	}
	for (size_t i = 0; i < oa->nlines; i++) {
		const char *id = oa->lines[i].id;
		struct strmap_entry *e;

		if (!id)
			continue;
		n++;
		e = strmap_find(&cnt, id, strlen(id));
		strmap_put(&cnt, id, strlen(id),
			   (void *)((e ? (intptr_t)e->value : 0) - 1));
	}
	for (size_t i = 0; i < cnt.cap; i++)
		if (cnt.slots[i].key && (intptr_t)cnt.slots[i].value != 0)
			want_id(v, cnt.slots[i].key, cnt.slots[i].len);
	strmap_release(&cnt);
	/* moved: not on the longest run that kept its relative order */
	pos = xcalloc(n + 1, sizeof(*pos));
	which = xcalloc(n + 1, sizeof(*which));
	{
		struct strmap seen;

		strmap_init(&seen);
		for (size_t i = 0; i < oa->nlines; i++) {
			const char *id = oa->lines[i].id;
			long r;

			if (!id || strmap_find(&seen, id, strlen(id)))
				continue;
			strmap_put(&seen, id, strlen(id), NULL);
			r = order_rank(ob, id);
			if (r <= 0)
				continue;
			pos[k] = (size_t)(r - 1);
			which[k++] = id;
		}
		strmap_release(&seen);
	}
	moved = xcalloc(k + 1, 1);
	if (k)
		lis_mark_moved(pos, NULL, k, ob->nids + 1, moved);
	for (size_t i = 0; i < k; i++)
		if (moved[i])
			want_id(v, which[i], strlen(which[i]));
	free(moved);
	free(pos);
	free(which);
}

static int
at_line_start(const char *t, size_t at, size_t pre)
{
	return at == pre || t[at - 1] == '\n';
}

/* The ids whose line ORDER's change adds, drops or moves: those of the
 * lines between the ones both texts share at their start and at their
 * end (a move to the top, a done item leaving: a few lines of 10,000). */
static void
want_order_changes(struct vctx *v)
{
	const char *a = v->ob_text ? v->ob_text : "", *b = v->oa_text ? v->oa_text : "";
	size_t alen = v->ob_text ? v->ob_len : 0, blen = v->oa_text ? v->oa_len : 0;
	size_t pre = 0, suf = 0, min = alen < blen ? alen : blen;
	struct order ob, oa;
	struct diag_list d = DIAG_LIST_INIT;

	while (pre < min && a[pre] == b[pre])
		pre++;
	/* back to the start of a line both share whole */
	if (pre < alen || pre < blen)
		while (pre && a[pre - 1] != '\n')
			pre--;
	while (suf < min - pre && a[alen - 1 - suf] == b[blen - 1 - suf])
		suf++;
	/* forward to where a line starts in both (pre is such a place) */
	while (suf && !(at_line_start(a, alen - suf, pre) &&
			at_line_start(b, blen - suf, pre)))
		suf--;
	order_parse(&ob, NULL, a + pre, alen - suf - pre, &d);
	order_parse(&oa, NULL, b + pre, blen - suf - pre, &d);
	diag_list_release(&d);
	want_changed_ids(v, &ob, &oa);
	order_release(&ob);
	order_release(&oa);
}

static int
keep_id(const char *id, void *arg)
{
	return strmap_find(&((struct vctx *)arg)->ids, id, strlen(id)) != NULL;
}

struct kept {
	struct vctx *v;
	struct strmap *ranks;
};

/* A line of ORDER's text for the view: one of its ids (its first rank
 * noted). */
static int
keep_line(const char *id, size_t len, long rank, void *arg)
{
	struct kept *k = arg;
	struct strmap_entry *e = strmap_find(&k->v->ids, id, len);

	if (!e)
		return 0;
	if (!strmap_find(k->ranks, e->key, e->len))
		strmap_put(k->ranks, e->key, e->len, (void *)(intptr_t)rank);
	return 1;
}

/* id's rank in the whole ORDER of the state (after: the write's). */
static long
rank_in(const struct vctx *v, int after, const char *id)
{
	const struct strmap_entry *e;

	if (!id)
		return 0;
	if (!v->order_touched)
		return order_rank(&v->bl->order, id);
	e = strmap_find(after ? &v->rank_a : &v->rank_b, id, strlen(id));
	return e ? (long)(intptr_t)e->value : 0;
}

/* The view: tv are the touched files' items in this state (after: the
 * state the write leaves). */
static void
view_make(struct backlog *w, struct vctx *v, struct item **tv, int after)
{
	memset(w, 0, sizeof(*w));
	w->root = v->bl->root;
	w->top = v->bl->top;
	w->relroot = v->bl->relroot;
	w->items_rel = v->bl->items_rel;
	w->config = v->bl->config;
	w->config_ok = 1;
	w->order_path = v->bl->order_path;
	w->have_order = v->bl->have_order || v->order_touched;
	strmap_init(&w->by_id);
	order_init(&w->order);
	if (!v->order_touched) {
		order_filter(&w->order, &v->bl->order, keep_id, v);
	} else {
		struct kept k = { v, after ? &v->rank_a : &v->rank_b };
		const char *t = after ? v->oa_text : v->ob_text;

		if (t)
			order_parse_kept(&w->order, t, after ? v->oa_len : v->ob_len,
					 keep_line, &k);
	}
	diag_list_init(&w->diags);
	w->items = xcalloc(v->nfiles + v->nrefs + 1, sizeof(*w->items));
	w->cycles = xcalloc(v->nfiles + v->nrcycles + 1, sizeof(*w->cycles));
	for (size_t i = 0; i < v->nfiles; i++) {
		struct item *it = tv[i];

		if (!it)
			continue;
		if (v->kinds[i] == K_ITEM) {
			it->rank = rank_in(v, after, it->id);
			w->items[w->nitems++] = it;
		} else if (v->kinds[i] == K_CYCLE) {
			w->cycles[w->ncycles++] = it;
		} else {
			continue;
		}
		for (size_t k = 0; k < it->diags.n; k++)
			diag_copy(&w->diags, &it->diags.v[k]);
	}
	for (size_t i = 0; i < v->nrefs; i++) {
		struct item *it = v->refs[i];

		it->rank = rank_in(v, after, it->id);
		w->items[w->nitems++] = it;
	}
	for (size_t i = 0; i < v->nrcycles; i++)
		w->cycles[w->ncycles++] = v->rcycles[i];
}

static void
view_release(struct backlog *w)
{
	order_release(&w->order);
	strmap_release(&w->by_id);
	diag_list_release(&w->diags);
	free(w->items);
	free(w->cycles);
	memset(w, 0, sizeof(*w));
}

/* Does a finding concern what a write checks? */
static int
in_scope(const struct diag *d)
{
	int r = check_rule_find(d->rule);

	if (r < 0)
		return 0;
	if (r == RULE_SYNTAX)
		return 1;
	switch (check_rules[r].scope) {
	case CHECK_SCOPE_ITEM:
	case CHECK_SCOPE_REFS:
	case CHECK_SCOPE_ORDER:
	case CHECK_SCOPE_CYCLES:
		return r != RULE_CONFIG;
	default:
		return 0;
	}
}

static void
run_view(struct diag_list *out, struct vctx *v, struct item **tv, int after)
{
	struct backlog w;
	struct check_opts co = CHECK_OPTS_INIT;
	struct diag_list all = DIAG_LIST_INIT;
	long *saved = xcalloc(v->nrefs + 1, sizeof(*saved));

	for (size_t i = 0; i < v->nrefs; i++)
		saved[i] = v->refs[i]->rank;
	view_make(&w, v, tv, after);
	check_backlog(&all, &w, &co);
	view_release(&w);
	for (size_t i = 0; i < v->nrefs; i++)
		v->refs[i]->rank = saved[i];
	free(saved);
	for (size_t i = 0; i < all.n; i++)
		if (all.v[i].severity != SEV_OFF && in_scope(&all.v[i]))
			diag_copy(out, &all.v[i]);
	diag_list_release(&all);
}

/*
 * A finding about a field counts as the same finding when the rule and
 * field are (its message may quote what the write changed: "this item
 * is 'done'"), and so does a finding of a rule about the item alone
 * (experiment-incomplete); file is the file it is on, or the one that
 * file became.
 * A finding of a renamed file carries over under that key too.
 */
static int
loose(const struct diag *d)
{
	int r = check_rule_find(d->rule);

	return d->field || (r >= 0 && check_rules[r].scope == CHECK_SCOPE_ITEM);
}

static char *
loose_key(const struct diag *d, const char *file)
{
	return xasprintf("L\037%s\037%s\037%s", file ? file : "", d->rule,
			 d->field ? d->field : "");
}

static const char *
renamed_to(const struct vctx *v, const char *file)
{
	for (size_t i = 0; file && i < v->nfiles; i++)
		if (v->files[i].renamed_from &&
		    !strcmp(v->files[i].renamed_from, file))
			return v->files[i].path;
	return NULL;
}

static int
read_text(struct vctx *v, const char *path, char **data, size_t *len)
{
	struct diag_list errs = DIAG_LIST_INIT;
	int rc = v->src->read(v->src, root_rel(v->bl, path), data, len,
			      LIMIT_FILE, &errs);

	diag_list_release(&errs);
	return rc;
}

size_t
validate_files(struct diag_list *errors, struct diag_list *warnings,
	       struct backlog *bl, struct source *src,
	       const struct validate_file *files, size_t n)
{
	struct vctx v;
	struct diag_list was = DIAG_LIST_INIT, now = DIAG_LIST_INIT;
	struct strmap prints;
	char (*fps)[DIAG_FINGERPRINT_LEN + 1];
	size_t added = 0;

	memset(&v, 0, sizeof(v));
	v.bl = bl;
	v.src = src;
	v.files = files;
	v.nfiles = n;
	strmap_init(&v.touched);
	strmap_init(&v.ids);
	strmap_init(&v.cycle_names);
	strmap_init(&v.rank_b);
	strmap_init(&v.rank_a);
	v.tb = xcalloc(n + 1, sizeof(*v.tb));
	v.ta = xcalloc(n + 1, sizeof(*v.ta));
	v.kinds = xcalloc(n + 1, sizeof(*v.kinds));
	for (size_t i = 0; i < n; i++) {
		v.kinds[i] = classify(bl, files[i].path);
		/* a text over its limit is the writer's to refuse, naming
		 * the limit (core/change.h), not a parse error of ours */
		if (files[i].after && files[i].alen > limit_bytes(LIMIT_FILE))
			v.kinds[i] = K_OTHER;
		strmap_put(&v.touched, files[i].path, strlen(files[i].path),
			   (void *)&files[i]);
	}
	/* the texts, parsed */
	for (size_t i = 0; i < n; i++) {
		const struct validate_file *f = &files[i];
		char *data = NULL;
		size_t len = 0;

		if (v.kinds[i] == K_OTHER)
			continue;
		if (f->have_before) {
			if (f->before)
				data = xmemdup0(f->before, f->blen), len = f->blen;
		} else if (read_text(&v, f->path, &data, &len)) {
			data = NULL;
		}
		if (v.kinds[i] == K_ORDER) {
			/* parsed only in part (design note 4) */
			v.order_touched = 1;
			free(v.ob_text);
			v.ob_text = data;
			v.ob_len = len;
			v.oa_text = f->after;
			v.oa_len = f->alen;
			continue;
		}
		if (data) {
			v.tb[i] = item_new(f->path, data, len,
					   &(struct fm_opts)FM_OPTS_INIT);
		}
		if (f->after)
			v.ta[i] = parse(f->path, f->after, f->alen);
	}
	/* their ids first (never read from disk: the texts above are them) */
	for (size_t i = 0; i < n; i++)
		for (int s = 0; v.kinds[i] == K_ITEM && s < 2; s++) {
			const struct item *it = s ? v.ta[i] : v.tb[i];

			if (it && it->id)
				view_id(&v, it->id, strlen(it->id), 0);
		}
	/* an id a touched file gives up may be another file's too */
	for (size_t i = 0; i < n; i++) {
		const struct item *b = v.tb[i];
		int kept = 0;

		if (v.kinds[i] != K_ITEM || !b || !b->id)
			continue;
		for (size_t k = 0; k < n && !kept; k++)
			kept = v.ta[k] && v.ta[k]->id && !strcmp(v.ta[k]->id, b->id);
		if (!kept) {
			v.queue = xgrow(v.queue, &v.aqueue, v.nqueue + 1, sizeof(*v.queue));
			v.queue[v.nqueue++] = (char *)own(&v, xstrdup(b->id));
		}
	}
	/* what they name */
	for (size_t i = 0; i < n; i++) {
		if (v.kinds[i] == K_ITEM) {
			want_refs_of(&v, v.tb[i], 1);
			want_refs_of(&v, v.ta[i], 1);
		} else if (v.kinds[i] == K_CYCLE) {
			for (int s = 0; s < 2; s++) {
				const struct item *c = s ? v.ta[i] : v.tb[i];

				if (c && c->parsed && c->fm.root)
					want_ids(&v, ynode_get(c->fm.root, "committed"));
			}
		}
	}
	if (v.order_touched)
		want_order_changes(&v);
	load_refs(&v);
	for (size_t i = 0; i < v.nrefs; i++)
		if (v.refs[i]->id)
			view_id(&v, v.refs[i]->id, strlen(v.refs[i]->id), 0);
	/* the same cycle names are known in both views */
	for (size_t i = 0; i < v.nrefs; i++)
		if (v.refs[i]->cycle)
			want_cycle(&v, v.refs[i]->cycle);

	run_view(&was, &v, v.tb, 0);
	run_view(&now, &v, v.ta, 1);

	/* what was there before, by fingerprint */
	strmap_init(&prints);
	fps = xcalloc(was.n + 1, sizeof(*fps));
	for (size_t i = 0; i < was.n; i++) {
		const struct diag *d = &was.v[i];
		const char *to = renamed_to(&v, d->file);

		diag_fingerprint(d, fps[i]);
		strmap_put(&prints, fps[i], DIAG_FINGERPRINT_LEN, NULL);
		if (loose(d) || to) {
			const char *k = own(&v, loose_key(d, to ? to : d->file));

			strmap_put(&prints, k, strlen(k), NULL);
		}
	}
	for (size_t i = 0; i < now.n; i++) {
		struct diag *d = &now.v[i];
		char fp[DIAG_FINGERPRINT_LEN + 1];
		char *lk = loose_key(d, d->file);
		int seen;

		diag_fingerprint(d, fp);
		seen = strmap_find(&prints, fp, DIAG_FINGERPRINT_LEN) ||
		       strmap_find(&prints, lk, strlen(lk));
		free(lk);
		if (seen)
			continue;
		if (d->severity == SEV_ERROR) {
			validate_suggest_fix(diag_copy(errors, d), &bl->config);
			added++;
		} else {
			diag_copy(warnings, d);
		}
	}
	free(fps);
	strmap_release(&prints);
	diag_list_release(&was);
	diag_list_release(&now);

	for (size_t i = 0; i < n; i++) {
		item_free(v.tb[i]);
		item_free(v.ta[i]);
	}
	for (size_t i = 0; i < v.nrcycles; i++)
		item_free(v.rcycles[i]);
	free(v.rcycles);
	free(v.tb);
	free(v.ta);
	free(v.kinds);
	free(v.refs);
	free(v.queue);
	free(v.ob_text);
	strmap_release(&v.rank_b);
	strmap_release(&v.rank_a);
	strmap_release(&v.touched);
	strmap_release(&v.ids);
	strmap_release(&v.cycle_names);
	for (size_t i = 0; i < v.nowned; i++)
		free(v.owned[i]);
	free(v.owned);
	return added;
}
