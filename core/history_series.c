/*
 * history_series.c: a campaign's burn-up from the first-parent history,
 * oldest first (see history.h).
 *
 * The state is the campaign's items by file name (effort, status).  A
 * changed item file is parsed only when it may belong to the campaign:
 * when the file is tracked already, or when its bytes contain the
 * campaign's name or a backslash (a double-quoted YAML escape could
 * spell the name otherwise).  Any other way of writing a scalar keeps
 * its characters, so the test skips no file of the campaign.
 */
#include "core/history.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

struct member {
	char *name;
	double effort;            /* NAN when absent */
	enum item_status status;
	int in;                   /* currently in the campaign */
};

void
burnup_release(struct burnup *b)
{
	free(b->campaign);
	free(b->v);
	memset(b, 0, sizeof(*b));
}

static int
may_belong(const char *data, size_t len, const char *campaign)
{
	size_t cl = strlen(campaign);

	if (memchr(data, '\\', len))
		return 1;
	if (!cl || cl > len)
		return 0;
	for (const char *p = data; (p = memchr(p, campaign[0], len - (size_t)(p - data)));
	     p++) {
		if ((size_t)(data + len - p) < cl)
			return 0;
		if (!memcmp(p, campaign, cl))
			return 1;
	}
	return 0;
}

static void
add_point(struct burnup *b, size_t *alloc, long day,
	  const struct burnup_point *now)
{
	if (b->n && b->v[b->n - 1].day >= day) {
		long d = b->v[b->n - 1].day;

		b->v[b->n - 1] = *now;
		b->v[b->n - 1].day = d;
		return;
	}
	/* carry the last figures over the days without commits */
	while (b->n && b->v[b->n - 1].day + 1 < day) {
		struct burnup_point p = b->v[b->n - 1];

		p.day++;
		b->v = xgrow(b->v, alloc, b->n + 1, sizeof(*b->v));
		b->v[b->n++] = p;
	}
	b->v = xgrow(b->v, alloc, b->n + 1, sizeof(*b->v));
	b->v[b->n] = *now;
	b->v[b->n].day = day;
	b->n++;
}

int
history_burnup(struct burnup *out, struct repo *r, const char *rev,
	       const char *dir, const char *campaign, long until,
	       struct diag_list *errs)
{
	struct history_walk *w = NULL;
	const struct history_commit *c;
	struct member *m = NULL;
	struct strmap byname;
	size_t nm = 0, am = 0, alloc = 0;
	long last_day = 0;
	int rc, seen = 0;

	memset(out, 0, sizeof(*out));
	out->campaign = xstrdup(campaign);
	strmap_init(&byname);
	if ((rc = history_walk_new(&w, r, rev, dir, HISTORY_OLDEST_FIRST, errs)))
		goto done;
	while ((rc = history_walk_next(w, &c)) == 1) {
		const struct history_change *v;
		size_t n;
		struct burnup_point now = { 0 };
		long day = c->day;

		history_walk_changes(w, &v, &n);
		for (size_t i = 0; i < n; i++) {
			struct strmap_entry *se;
			struct member *mb;
			struct fm_opts fo = FM_OPTS_INIT;
			struct item *it;
			char *data = NULL;
			size_t len = 0;
			int in;

			if (strcmp(v[i].name, "ORDER") == 0)
				continue;
			se = strmap_find(&byname, v[i].name, strlen(v[i].name));
			mb = se ? &m[(size_t)se->value - 1] : NULL;
			if (v[i].kind == HC_DELETED) {
				if (mb)
					mb->in = 0;
				continue;
			}
			if (history_walk_read(w, v[i].new_id, &data, &len, LIMIT_FILE)) {
				if (mb)
					mb->in = 0;   /* unreadable: not counted */
				continue;
			}
			if (!mb && !may_belong(data, len, campaign)) {
				free(data);
				continue;
			}
			it = item_new(v[i].name, data, len, &fo);
			in = it->parsed && it->campaign && !strcmp(it->campaign, campaign);
			if (in && !mb) {
				m = xgrow(m, &am, nm + 1, sizeof(*m));
				mb = &m[nm++];
				memset(mb, 0, sizeof(*mb));
				mb->name = xstrdup(v[i].name);
				strmap_put(&byname, mb->name, strlen(mb->name),
					   (void *)(size_t)nm);
			}
			if (mb) {
				mb->in = in;
				mb->effort = it->effort;
				mb->status = it->status;
			}
			item_free(it);
		}
		for (size_t i = 0; i < nm; i++) {
			double e;

			if (!m[i].in || m[i].status == ST_STOPPED)
				continue;
			e = isnan(m[i].effort) || m[i].effort < 0 ? 0 : m[i].effort;
			now.items++;
			now.unestimated += isnan(m[i].effort);
			now.scope += e;
			if (m[i].status == ST_DONE)
				now.done += e;
		}
		if (!seen && !now.items)
			continue;
		if (day < last_day)
			day = last_day;   /* keep days monotonic along the chain */
		last_day = day;
		seen = 1;
		now.day = day;
		add_point(out, &alloc, day, &now);
	}
	if (rc > 0)
		rc = 0;
	if (rc == 0 && out->n && until > out->v[out->n - 1].day) {
		struct burnup_point p = out->v[out->n - 1];

		add_point(out, &alloc, until, &p);
	}
	out->visited = history_walk_visited(w);
done:
	for (size_t i = 0; i < nm; i++)
		free(m[i].name);
	free(m);
	strmap_release(&byname);
	history_walk_free(w);
	return rc;
}
