/*
 * history_items.c: per-item readers of the history: one item's log and
 * the dates missing from items (see history.h).
 *
 * Both walk newest first and follow only the files they care about:
 * the item's file (and ORDER) for the log, the files of the items whose
 * dates are missing for history_fill_dates.  A file that appears in a
 * commit is followed further back under the name of a file deleted in
 * the same commit with the same title (what `docket renumber` does).
 * Each version of a file is parsed once: the older side of one change is
 * the newer side of the next one met, so it is kept (struct version).
 */
#include "core/history.h"

#include <git2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/lis.h"
#include "core/order.h"
#include "core/xalloc.h"


/* A parsed version of a file, keyed by its blob id. */
struct version {
	git_oid oid;
	int have;
	struct item *item;
};

static void
version_release(struct version *v)
{
	item_free(v->item);
	memset(v, 0, sizeof(*v));
}

static struct item *
parse_blob(struct history_walk *w, const struct git_oid *id, const char *name)
{
	struct fm_opts fo = FM_OPTS_INIT;
	char *data = NULL;
	size_t len = 0;

	if (history_walk_read(w, id, &data, &len, LIMIT_FILE))
		return item_new(name, xstrdup(""), 0, &fo);
	return item_new(name, data, len, &fo);
}

/* The item of blob id, reusing (and then replacing) the cached version
 * *v when it holds that blob.  The caller owns the result when *owned. */
static struct item *
version_get(struct history_walk *w, struct version *v,
	    const struct git_oid *id, const char *name)
{
	if (!id)
		return NULL;
	if (v->have && git_oid_equal(&v->oid, id))
		return v->item;
	version_release(v);
	v->item = parse_blob(w, id, name);
	git_oid_cpy(&v->oid, id);
	v->have = 1;
	return v->item;
}

static int
is_item_file(const char *name)
{
	char *id = item_id_from_filename(name);

	free(id);
	return id != NULL;
}

/* Among the changes of the current commit, a deleted item file whose
 * title was title: its name, or NULL. */
static const char *
renamed_from(struct history_walk *w, const char *title)
{
	const struct history_change *v;
	size_t n;

	if (!title || history_walk_changes(w, &v, &n))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		struct item *it;
		int same;

		if (v[i].kind != HC_DELETED || !is_item_file(v[i].name))
			continue;
		it = parse_blob(w, v[i].old_id, v[i].name);
		same = it->title && !strcmp(it->title, title);
		item_free(it);
		if (same)
			return v[i].name;
	}
	return NULL;
}

/* ---------------------------------------------------------------------
 * One item's log
 * ------------------------------------------------------------------- */

void
item_log_release(struct item_log *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct log_entry *e = &l->v[i];

		free(e->author);
		free(e->email);
		free(e->subject);
		free(e->old_name);
		field_changes_release(&e->changes);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* The last two ORDER blobs read (consecutive changes share one). */
struct order_cache {
	git_oid oid[2];
	char *data[2];
	size_t len[2];
	int next;
};

static int
order_blob(struct history_walk *w, struct order_cache *oc,
	   const struct git_oid *oid, const char **data, size_t *len)
{
	char *d = NULL;
	size_t l = 0;
	int e;

	for (int i = 0; i < 2; i++)
		if (oc->data[i] && git_oid_equal(&oc->oid[i], oid)) {
			*data = oc->data[i];
			*len = oc->len[i];
			return 0;
		}
	if ((e = history_walk_read(w, oid, &d, &l, LIMIT_ORDER)))
		return e;
	free(oc->data[oc->next]);
	oc->data[oc->next] = d;
	oc->len[oc->next] = l;
	git_oid_cpy(&oc->oid[oc->next], oid);
	oc->next ^= 1;
	*data = d;
	*len = l;
	return 0;
}

/*
 * Was id moved itself between ORDER versions a and b (not only shifted
 * because other items moved)?  The lines outside the region where the
 * two files differ kept their order; inside it, id moved when some
 * longest run of ids that kept their relative order leaves it out
 * (core/lis.h, as `docket diff` decides).  So moving MKT-9 from #7 to #2
 * is a move of MKT-9 only, and of two swapped neighbours the one that
 * went up moved.
 */
static int
contains(const char *s, size_t n, const char *w)
{
	size_t wl = strlen(w);

	for (const char *p = s; wl && n >= wl &&
	     (p = memchr(p, w[0], n - (size_t)(p - s) - wl + 1)); p++)
		if (!memcmp(p, w, wl))
			return 1;
	return 0;
}

/* The region where a and b differ, in whole lines: a[*pre..la-*suf)
 * and b[*pre..lb-*suf). */
static void
changed_region(const char *a, size_t la, const char *b, size_t lb, size_t *pre,
	       size_t *suf)
{
	size_t p = 0, s = 0, sa;

	while (p < la && p < lb && a[p] == b[p])
		p++;
	while (p && a[p - 1] != '\n')
		p--;
	while (s < la - p && s < lb - p && a[la - 1 - s] == b[lb - 1 - s])
		s++;
	sa = la - s;
	while (sa < la && sa > p && a[sa - 1] != '\n')
		sa++;
	*pre = p;
	*suf = la - sa;
}

static int
moved_itself(const char *a, size_t la, const char *b, size_t lb, const char *id)
{
	size_t pre, suf, sa, off, idlen, n = 0, alloc = 0, me = (size_t)-1;
	size_t want = strlen(id), npos = 0;
	size_t *pos = NULL;
	unsigned char *mv;
	struct strmap old;
	const char *p;
	int moved;

	changed_region(a, la, b, lb, &pre, &suf);
	sa = la - suf;
	strmap_init(&old);
	off = 0;            /* old positions, first line of an id only */
	while (order_next_id(a + pre, sa - pre, &off, &p, &idlen))
		if (!strmap_find(&old, p, idlen))
			strmap_put(&old, p, idlen, (void *)(uintptr_t)++npos);
	off = 0;            /* the new list, by old position; an id's value
			     * is cleared once used, so a repeat is skipped */
	while (order_next_id(b + pre, lb - suf - pre, &off, &p, &idlen)) {
		struct strmap_entry *e = strmap_find(&old, p, idlen);

		if (!e || !e->value)
			continue;
		if (idlen == want && !memcmp(p, id, want))
			me = n;
		pos = xgrow(pos, &alloc, n + 1, sizeof(*pos));
		pos[n++] = (size_t)(uintptr_t)e->value - 1;
		e->value = NULL;
	}
	mv = xcalloc(n + 1, 1);
	lis_mark_moved(pos, NULL, n, npos, mv);
	/* outside the changed region, or not in both lists: only shifted
	 * (a newly ranked or unranked item is decided by the caller) */
	moved = me != (size_t)-1 && mv[me];
	free(mv);
	free(pos);
	strmap_release(&old);
	return moved;
}

/* Ranks of an item in the parent's and the commit's ORDER (0 when not
 * ranked or no ORDER), and whether the item itself moved. */
static int
rank_change(struct history_walk *w, struct order_cache *oc,
	    const struct git_oid *oo, const struct git_oid *on,
	    const char *old_id, const char *new_id, long *rf, long *rt,
	    int *moved)
{
	const char *a = NULL, *b = NULL;
	size_t la = 0, lb = 0;
	int e;

	*rf = *rt = 0;
	*moved = 0;
	if (oo && (e = order_blob(w, oc, oo, &a, &la)))
		return e;
	/* the first read may be evicted by the second: read a again after */
	if (on && (e = order_blob(w, oc, on, &b, &lb)))
		return e;
	if (oo && (e = order_blob(w, oc, oo, &a, &la)))
		return e;
	if (a && b && !strcmp(old_id, new_id)) {
		size_t pre, suf;

		/* not in the changed lines: its rank did not change, or it
		 * only shifted; no need to count lines */
		changed_region(a, la, b, lb, &pre, &suf);
		if (!contains(a + pre, la - suf - pre, old_id) &&
		    !contains(b + pre, lb - suf - pre, old_id))
			return 0;
	}
	*rf = a ? order_scan_rank(a, la, old_id) : 0;
	*rt = b ? order_scan_rank(b, lb, new_id) : 0;
	if (*rf == *rt)
		return 0;
	if (!*rf || !*rt || strcmp(old_id, new_id))
		*moved = 1;
	else
		*moved = moved_itself(a, la, b, lb, new_id);
	return 0;
}

static struct log_entry *
log_add(struct item_log *l, const struct history_commit *c)
{
	struct log_entry *e;

	l->v = xgrow(l->v, &l->alloc, l->n + 1, sizeof(*l->v));
	e = &l->v[l->n++];
	memset(e, 0, sizeof(*e));
	memcpy(e->commit, c->id, sizeof(e->commit));
	memcpy(e->short_id, c->short_id, sizeof(e->short_id));
	e->author = xstrdup(c->author);
	e->email = xstrdup(c->email);
	e->subject = xstrdup(c->subject);
	e->time = c->time;
	e->offset = c->offset;
	e->day = c->day;
	return e;
}

int
history_item_log(struct item_log *out, struct repo *r, const char *rev,
		 const char *dir, const char *id, const char *file,
		 struct diag_list *errs)
{
	struct history_walk *w = NULL;
	const struct history_commit *c;
	struct version newer = { 0 }, older = { 0 };
	struct order_cache orders = { 0 };
	char *name = file ? xstrdup(file) : xasprintf("%s.md", id);
	char *cur_id = xstrdup(id);
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = history_walk_new(&w, r, rev, dir, 0, errs)))
		goto done;
	while ((rc = history_walk_next(w, &c)) == 1) {
		const struct git_oid *fo, *fn, *oo, *on;
		int fchanged = history_walk_entry(w, name, &fo, &fn);
		int ochanged = history_walk_entry(w, "ORDER", &oo, &on);
		const char *from_name = NULL;
		char *old_id = NULL;
		long rf = 0, rt = 0;
		int moved = 0;
		struct log_entry *e;

		if (!fchanged && !ochanged)
			continue;
		if (fchanged && !fo && fn) {
			struct item *it = version_get(w, &newer, fn, name);

			from_name = renamed_from(w, it ? it->title : NULL);
			if (from_name)
				old_id = item_id_from_filename(from_name);
		}
		if (ochanged) {
			if ((rc = rank_change(w, &orders, oo, on,
					      old_id ? old_id : cur_id, cur_id,
					      &rf, &rt, &moved)) < 0) {
				free(old_id);
				break;
			}
		}
		if (!fchanged && !moved) {
			free(old_id);
			continue;
		}
		e = log_add(out, c);
		e->rank_changed = moved;
		e->rank_from = rf;
		e->rank_to = rt;
		if (fchanged) {
			const struct git_oid *old_side = fo;
			struct item *ni = version_get(w, &newer, fn, name);
			struct item *oi;

			if (from_name) {
				const struct history_change *v;
				size_t n;

				history_walk_changes(w, &v, &n);
				for (size_t i = 0; i < n; i++)
					if (!strcmp(v[i].name, from_name))
						old_side = v[i].old_id;
				e->event = LOG_RENAMED;
				e->old_name = xstrdup(old_id ? old_id : from_name);
			} else {
				e->event = !fo ? LOG_ADDED : !fn ? LOG_DELETED : LOG_CHANGED;
			}
			/* "added" at a shallow boundary: only the history is cut */
			if (e->event == LOG_ADDED && c->grafted) {
				out->cut = 1;
				snprintf(out->cut_at, sizeof(out->cut_at), "%s", c->short_id);
			}
			oi = version_get(w, &older, old_side, from_name ? from_name : name);
			if (e->event == LOG_CHANGED || e->event == LOG_RENAMED)
				changes_item(&e->changes, oi, ni);
			/* the older side is the newer side of the next change */
			version_release(&newer);
			newer = older;
			memset(&older, 0, sizeof(older));
			if (from_name) {
				free(name);
				name = xstrdup(from_name);
				free(cur_id);
				cur_id = old_id;
				old_id = NULL;
			} else if (!fo) {
				free(old_id);
				rc = 0;
				break;   /* the file's history starts here */
			}
		}
		free(old_id);
	}
	if (rc > 0)
		rc = 0;
	out->visited = w ? history_walk_visited(w) : 0;
done:
	version_release(&newer);
	version_release(&older);
	free(orders.data[0]);
	free(orders.data[1]);
	history_walk_free(w);
	free(name);
	free(cur_id);
	return rc;
}

/* ---------------------------------------------------------------------
 * Dates from history
 * ------------------------------------------------------------------- */

/* What the dates need of one version of a file: a target keeps only
 * this of the newer side of the last change met, not the parsed item
 * (thousands of targets would otherwise hold thousands of YAML trees). */
struct slim {
	git_oid oid;
	int have;
	enum item_status status;   /* ST_UNKNOWN when it did not parse */
	char *title;
};

struct target {
	struct item *item;         /* in the caller's backlog */
	char *name;                /* its file name in the commit being read */
	int want_started, want_finished;
	long started, finished;    /* day numbers found, or -1 */
	int done;                  /* history of this file ended */
	struct slim ver;           /* the newer version last read */
};

static void
slim_release(struct slim *s)
{
	free(s->title);
	memset(s, 0, sizeof(*s));
}

/* Read blob id as a slim version into *s (kept when it holds it). */
static void
slim_get(struct history_walk *w, struct slim *s, const struct git_oid *id,
	 const char *name)
{
	struct item *it;

	if (s->have && git_oid_equal(&s->oid, id))
		return;
	slim_release(s);
	it = parse_blob(w, id, name);
	s->status = it->parsed ? it->status : ST_UNKNOWN;
	s->title = it->title ? xstrdup(it->title) : NULL;
	item_free(it);
	git_oid_cpy(&s->oid, id);
	s->have = 1;
}

static int
is_started(enum item_status s)
{
	return s == ST_DOING || s == ST_BLOCKED || s == ST_DONE || s == ST_STOPPED;
}

static int
is_closed(enum item_status s)
{
	return s == ST_DONE || s == ST_STOPPED;
}

static void
set_date(char *buf, const char **field, long day)
{
	date_format(buf, 11, day);
	*field = buf;
}

int
history_fill_dates(struct backlog *bl, struct repo *r, struct diag_list *d)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct target *t = NULL;
	struct strmap byname;
	struct history_walk *w = NULL;
	const struct history_commit *c;
	size_t nt = 0, at = 0, open_targets, npool = 0, apool = 0;
	char **pool = NULL;
	size_t rel = bl->items_rel ? strlen(bl->items_rel) : 0;
	int rc = 0;

	for (size_t i = 0; i < bl->nitems; i++) {
		struct item *it = bl->items[i];
		int ws = !it->started && is_started(it->status);
		int wf = !it->finished && is_closed(it->status);

		if (!it->parsed || (!ws && !wf) || strlen(it->path) <= rel)
			continue;
		t = xgrow(t, &at, nt + 1, sizeof(*t));
		memset(&t[nt], 0, sizeof(*t));
		t[nt].item = it;
		t[nt].name = xstrdup(it->path + rel);
		t[nt].want_started = ws;
		t[nt].want_finished = wf;
		t[nt].started = t[nt].finished = -1;
		nt++;
	}
	if (!nt)
		return 0;
	open_targets = nt;
	strmap_init(&byname);
	for (size_t i = 0; i < nt; i++)
		strmap_put(&byname, t[i].name, strlen(t[i].name), &t[i]);
	rc = history_walk_new(&w, r, NULL, bl->items_rel, 0, &errs);
	if (rc) {
		diag_add(d, SEV_WARNING, "history", NULL, 0, 0,
			 "cannot read the git history for missing dates: %s",
			 diag_last_message(&errs));
		goto done;
	}
	while (open_targets && (rc = history_walk_next(w, &c)) == 1) {
		const struct history_change *v;
		size_t n;

		history_walk_changes(w, &v, &n);
		for (size_t i = 0; i < n; i++) {
			struct strmap_entry *se = strmap_find(&byname, v[i].name,
							      strlen(v[i].name));
			struct target *tg = se ? se->value : NULL;
			struct slim older;
			enum item_status ns, os;
			const char *from = NULL;
			const struct git_oid *old_oid;

			if (!tg || tg->done || v[i].kind == HC_DELETED)
				continue;
			slim_get(w, &tg->ver, v[i].new_id, tg->name);
			ns = tg->ver.status;
			old_oid = v[i].old_id;
			if (!old_oid) {
				from = renamed_from(w, tg->ver.title);
				if (from) {
					const struct history_change *x;
					size_t nx;

					history_walk_changes(w, &x, &nx);
					for (size_t k = 0; k < nx; k++)
						if (!strcmp(x[k].name, from))
							old_oid = x[k].old_id;
				}
			}
			memset(&older, 0, sizeof(older));
			if (old_oid)
				slim_get(w, &older, old_oid, from ? from : tg->name);
			os = older.have ? older.status : ST_UNKNOWN;
			/* newest first: the first closing met is the last one made;
			 * the last "became doing" met is the first one made */
			if (tg->want_finished && tg->finished < 0 &&
			    is_closed(ns) && !is_closed(os))
				tg->finished = c->day;
			if (tg->want_started && ns == ST_DOING && os != ST_DOING)
				tg->started = c->day;
			/* the older version becomes the newer one */
			slim_release(&tg->ver);
			tg->ver = older;
			if (!older.have || (!tg->want_started && tg->finished >= 0)) {
				tg->done = 1;
				open_targets--;
			} else if (from) {
				/* follow it under its older name */
				strmap_put(&byname, tg->name, strlen(tg->name), NULL);
				/* the map borrows its keys: keep the old name */
				pool = xgrow(pool, &apool, npool + 1, sizeof(*pool));
				pool[npool++] = tg->name;
				tg->name = xstrdup(from);
				strmap_put(&byname, tg->name, strlen(tg->name), tg);
			}
		}
	}
	if (rc < 0)
		diag_add(d, SEV_WARNING, "history", NULL, 0, 0,
			 "the git history could not be read to the end: %s",
			 diag_last_message(&errs));
	rc = 0;
	for (size_t i = 0; i < nt; i++) {
		struct item *it = t[i].item;

		if (t[i].started >= 0)
			set_date(it->hist_started, &it->started, t[i].started);
		if (t[i].finished >= 0)
			set_date(it->hist_finished, &it->finished, t[i].finished);
	}
done:
	diag_list_release(&errs);
	for (size_t i = 0; i < nt; i++) {
		slim_release(&t[i].ver);
		free(t[i].name);
	}
	free(t);
	for (size_t i = 0; i < npool; i++)
		free(pool[i]);
	free(pool);
	strmap_release(&byname);
	history_walk_free(w);
	return rc;
}
