/* import_batch.c: import_plan_validate (formats/import_run.h): the
 * records in batches, each made valid on arrival by import_valid.c.
 *
 * Design notes
 * (1) Memory: the parse trees of what is validated are the largest part
 *     of an import's memory, so the records go through (1)-(3) in
 *     batches of about BATCH, each with its own plan (a sub-list of
 *     borrowed records).  What check compares across records stays
 *     within a batch: records that name each other (depends_on,
 *     follows) are always in the same one; ids are distinct by
 *     construction; ORDER is validated per batch as the old text with
 *     the batch's ranked records appended (check's ORDER rules look at
 *     an id's line, its item and the items it depends on).  A finding
 *     no record explains is reported once, not once per batch.
 * (2) Each batch has its own plan over a sub-list of borrowed records;
 *     what a batch decides moves into the plan of the whole list, and
 *     the records left out leave the list once every batch is done.
 */
#include "formats/import_run_int.h"
#include "formats/import_idx.h"
#include "formats/import_report.h"
#include "formats/import_spill.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "core/xalloc.h"

/* Records per batch (design note 1). */
#define BATCH 256

/* The records by their ids (import_idx.h). */
static const char *
id_key(void *arg, uint32_t v, struct sbuf *sb)
{
	const struct import_list *l = arg;

	(void)sb;
	return import_list_at(l, v)->id;
}

/* The batches (design note 1): the records' indices in list order, cut
 * into runs of about BATCH records where no run splits a set of records
 * that name each other; at[k] is where batch k starts (at[nb] = n). */
static size_t
batches(size_t **order, size_t **at, struct import_list *l)
{
	size_t n = l->n, nb = 0, k = 0, in = 0, any = 0;
	uint32_t *up, *next, *head, *tail;
	struct import_idx ids;

	/* no record names another: runs of BATCH in list order, and no
	 * table per record (*order stays NULL: the identity) */
	for (size_t i = 0; i < n && !any; i++) {
		const struct import_item *it = import_list_at(l, i);

		any = it->spilled || !it->x ? it->has_refs :
		      ifields_get(&it->x->out, "depends_on") ||
		      ifields_get(&it->x->out, "follows");
	}
	if (!any) {
		*order = NULL;
		nb = (n + BATCH - 1) / BATCH;
		*at = xcalloc(nb + 2, sizeof(**at));
		for (size_t b = 0; b <= nb; b++)
			(*at)[b] = b * BATCH < n ? b * BATCH : n;
		return nb;
	}
	/* (record indices fit in 32 bits: seq does) */
	up = xcalloc(n + 1, sizeof(*up));
	next = xcalloc(n + 1, sizeof(*next));
	import_idx_init(&ids, id_key, l);
	for (size_t i = 0; i < n; i++) {
		const char *id = import_list_at(l, i)->id;

		up[i] = (uint32_t)i;
		if (id)
			import_idx_add(&ids, (uint32_t)i, id);
	}
	for (size_t i = 0; i < n; i++) {
		static const char *const refs[] = { "depends_on", "follows" };
		struct import_item *it = import_list_at(l, i);

		/* only a record that names another, read in from the spill
		 * file for this (import_spill.h) */
		if (it->spilled && !it->has_refs)
			continue;
		import_spill_in(l, it);
		for (size_t f = 0; f < 2; f++) {
			const struct ifield *x = ifields_get(&it->x->out, refs[f]);
			size_t nv = !x ? 0 : x->v.type == IVAL_LIST ? x->v.n : 1;

			for (size_t j = 0; j < nv; j++) {
				const char *id = x->v.type == IVAL_LIST ? x->v.list[j] : x->v.str;
				int64_t o = id ? import_idx_get(&ids, id) : -1;
				uint32_t a = (uint32_t)i, b;

				if (o < 0)
					continue;
				b = (uint32_t)o;
				while (up[a] != a)
					a = up[a] = up[up[a]];
				while (up[b] != b)
					b = up[b] = up[up[b]];
				if (a < b)
					up[b] = a;
				else
					up[a] = b;
			}
		}
		import_spill_drop(l, it);
	}
	import_idx_release(&ids);
	/* each set's members in list order, chained from its first */
	head = xcalloc(n + 1, sizeof(*head));
	tail = xcalloc(n + 1, sizeof(*tail));
	for (size_t i = 0; i < n; i++) {
		uint32_t a = (uint32_t)i;

		while (up[a] != a)
			a = up[a] = up[up[a]];
		next[i] = UINT32_MAX;
		if (a == i)
			head[a] = tail[a] = (uint32_t)i;
		else
			tail[a] = next[tail[a]] = (uint32_t)i;
	}
	*order = xcalloc(n + 1, sizeof(**order));
	*at = xcalloc(n + 2, sizeof(**at));
	for (size_t i = 0; i < n; i++) {
		if (up[i] != i)
			continue;
		if (in >= BATCH) {
			(*at)[++nb] = k;
			in = 0;
		}
		for (uint32_t j = head[i]; j != UINT32_MAX; j = next[j]) {
			(*order)[k++] = j;
			in++;
		}
	}
	if (n)
		nb++;
	(*at)[nb] = n;
	free(up);
	free(next);
	free(head);
	free(tail);
	return nb;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

static int
cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(void *const *)a, y = (uintptr_t)*(void *const *)b;

	return x < y ? -1 : x > y;
}

/* Move what the batch's plan q says about its records into p (at their
 * indices in the whole list: idx, in list order, of which q's records
 * are a subsequence); each file, final now, goes to put (when given and
 * it has not failed) and is freed. */
static void
take(struct import_plan *p, struct import_plan *q, const struct run *r,
     const struct import_list *all, const size_t *idx, struct import_put *put)
{
	size_t k = 0;

	for (size_t j = 0; j < r->l->n; j++) {
		size_t i;

		while (import_list_at(all, idx[k]) != import_list_at(r->l, j))
			k++;
		i = idx[k++];
		if (q->files[j] && put && !put->failed &&
		    put->fn(put->arg, import_list_at(r->l, j), q->files[j], q->lens[j]))
			put->failed = 1;
		free(q->files[j]);
		q->files[j] = NULL;
		p->writes[i] = q->writes[j];
		/* only an update has these (the plan has none without) */
		if (!p->why)
			continue;
		p->why[i] = q->why[j];
		p->refused[i] = q->refused[j];
		p->changed[i] = q->changed[j];
		p->merged[i] = q->merged[j];
		q->why[j] = q->refused[j] = q->changed[j] = NULL;
	}
	p->added += q->added;
	p->updated += q->updated;
	p->unchanged += q->unchanged;
	p->conflicts += q->conflicts;
	p->nfiles += q->nfiles;
	p->written += q->written;
}

/* Add the findings of a batch to out, but for those an earlier batch
 * reported already (seen: their fingerprints, keys in fps).  Returns
 * the number of errors added. */
static size_t
add_findings(struct diag_list *out, struct diag_list *in, struct strmap *seen,
	     char ***fps, size_t *nfps, size_t *afps)
{
	struct strmap mine;
	size_t nerr = 0;

	strmap_init(&mine);
	for (size_t i = 0; i < in->n; i++) {
		char fp[DIAG_FINGERPRINT_LEN + 1];

		diag_fingerprint(&in->v[i], fp);
		if (strmap_find(seen, fp, DIAG_FINGERPRINT_LEN))
			continue;
		if (!strmap_find(&mine, fp, DIAG_FINGERPRINT_LEN)) {
			char *k = xstrdup(fp);

			*fps = xgrow(*fps, afps, *nfps + 1, sizeof(**fps));
			(*fps)[(*nfps)++] = k;
			strmap_put(&mine, k, DIAG_FINGERPRINT_LEN, NULL);
		}
		nerr += diag_copy(out, &in->v[i])->severity == SEV_ERROR;
	}
	for (size_t i = 0; i < mine.cap; i++)
		if (mine.slots[i].key)
			strmap_put(seen, mine.slots[i].key, mine.slots[i].len, NULL);
	strmap_release(&mine);
	diag_list_release(in);
	return nerr;
}

size_t
import_plan_validate(struct import_plan *p, struct import_list *l,
		     const struct backlog *bl, struct backlog *vbl,
		     struct source *src, const struct import_bases *bases,
		     const char *order_old, size_t order_len,
		     size_t limit, const char *limit_name, struct import_put *put,
		     struct diag_list *errors, struct diag_list *warnings)
{
	struct run r;
	struct strmap seen;
	char **fps = NULL;
	size_t nfps = 0, afps = 0, left = 0, n0 = l->n, *order, *at, nb, kept;
	size_t *slot = NULL, nslot = 0, *run_idx = NULL;

	memset(&r, 0, sizeof(r));
	r.all = l;
	r.bl = bl;
	r.vbl = vbl;
	r.src = src;
	r.order_old = order_old ? order_old : "";
	r.order_len = order_old ? order_len : 0;
	r.limit = limit;
	r.limit_name = limit_name ? limit_name : "the limit";
	strmap_init(&seen);
	/* the plan of the whole list, filled batch by batch */
	memset(p, 0, sizeof(*p));
	p->n = n0;
	/* a byte per record: the list's room (the plan borrows it) */
	p->writes = import_list_room(l, n0 + 1);
	p->writes_list = 1;
	for (size_t i = 0; i < n0 && !p->why; i++)
		if (import_list_at(l, i)->existing) {
			p->why = xcalloc(n0 + 1, sizeof(*p->why));
			p->refused = xcalloc(n0 + 1, sizeof(*p->refused));
			p->changed = xcalloc(n0 + 1, sizeof(*p->changed));
			p->merged = xcalloc(n0 + 1, 1);
		}
	p->first = p->last = "";
	/* the bases are in list order of the existing records */
	if (bases && bases->n) {
		slot = xcalloc(n0 + 1, sizeof(*slot));
		for (size_t i = 0; i < n0; i++)
			if (import_list_at(l, i)->existing)
				slot[i] = nslot++;
	}
	nb = batches(&order, &at, l);
	if (!order)
		run_idx = xcalloc(BATCH + 1, sizeof(*run_idx));
	for (size_t b = 0; b < nb; b++) {
		struct import_list sub;
		struct import_plan q;
		struct import_bases sb;
		struct diag_list errs = DIAG_LIST_INIT, warns = DIAG_LIST_INIT;
		size_t *idx = order ? order + at[b] : run_idx, m = at[b + 1] - at[b], g0;

		for (size_t j = 0; !order && j < m; j++)
			idx[j] = at[b] + j;
		qsort(idx, m, sizeof(*idx), cmp_size);
		memset(&sub, 0, sizeof(sub));
		memset(&q, 0, sizeof(q));
		memset(&sb, 0, sizeof(sb));
		sub.kind = l->kind;
		sub.items = xcalloc(m + 1, sizeof(*sub.items));
		sb.data = xcalloc(m + 1, sizeof(*sb.data));
		sb.len = xcalloc(m + 1, sizeof(*sb.len));
		for (size_t j = 0; j < m; j++) {
			struct import_item *it = import_list_at(l, idx[j]);

			/* the batch's records in from the spill file */
			import_spill_in(l, it);
			sub.items[sub.n++] = it;
			if (it->existing && slot && slot[idx[j]] < bases->n) {
				sb.data[sb.n] = bases->data[slot[idx[j]]];
				sb.len[sb.n] = bases->len[slot[idx[j]]];
			}
			sb.n += it->existing;
		}
		r.l = &sub;
		r.p = &q;
		r.bases = &sb;
		r.nheld = r.dropped = 0;
		g0 = r.ngone;
		import_valid_batch(&r, &errs, &warns);
		/* and out again, where their values went counted as they
		 * are now (the report reads that, not the fields), but for
		 * the records left out (they leave the list) */
		if (r.ngone > g0)
			qsort(r.gone + g0, r.ngone - g0, sizeof(*r.gone), cmp_ptr);
		for (size_t j = 0; j < m; j++) {
			struct import_item *it = import_list_at(l, idx[j]);

			if (r.ngone == g0 || !bsearch(&it, r.gone + g0, r.ngone - g0,
						      sizeof(*r.gone), cmp_ptr))
				import_report_settle(l, it, idx[j]);
			import_spill_out(l, it);
		}
		left += add_findings(errors, &errs, &seen, &fps, &nfps, &afps);
		add_findings(warnings, &warns, &seen, &fps, &nfps, &afps);
		take(p, &q, &r, l, idx, put);
		r.held_total += r.nheld + r.dropped;
		for (size_t h = 0; h < r.nheld; h++)
			free(r.held[h].why);
		import_plan_release(&q);
		free(sub.items);
		free(sb.data);
		free(sb.len);
	}
	/* the records left out leave the list (and the plan) */
	if (r.ngone)
		qsort(r.gone, r.ngone, sizeof(*r.gone), cmp_ptr);
	kept = 0;
	for (size_t i = 0; i < n0; i++) {
		struct import_item *it = import_list_at(l, i);

		if (r.ngone && bsearch(&it, r.gone, r.ngone, sizeof(*r.gone), cmp_ptr)) {
			import_item_free(it);
			continue;
		}
		l->items[kept] = it;
		p->writes[kept] = p->writes[i];
		if (p->why) {
			p->why[kept] = p->why[i];
			p->refused[kept] = p->refused[i];
			p->changed[kept] = p->changed[i];
			p->merged[kept] = p->merged[i];
		}
		kept++;
	}
	l->n = p->n = kept;
	for (size_t i = 0; i < l->n; i++) {
		const struct import_item *it = import_list_at(l, i);

		p->demoted += it->demoted;
		p->noted += it->noted;
		if (!p->writes[i] || it->existing)
			continue;
		if (!*p->first)
			p->first = it->id;
		p->last = it->id;
	}
	p->held = r.held_total;
	free(order);
	free(run_idx);
	free(at);
	free(slot);
	free(r.gone);
	free(r.held);
	for (size_t k = 0; k < nfps; k++)
		free(fps[k]);
	free(fps);
	strmap_release(&seen);
	return left;
}
