/*
 * pages.c: the GET routes of `docket serve`: the backlog, the intake
 * form, an item, the huddle board, a cycle, a campaign's burn-up chart.
 * Each reads the backlog the state keeps (refreshed from the files
 * before the route runs) and renders it with formats/html_app.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/cycle.h"
#include "core/date.h"
#include "core/history.h"
#include "core/huddle.h"
#include "core/itemfilter.h"
#include "core/metrics.h"
#include "core/plan.h"
#include "core/xalloc.h"
#include "formats/html_app.h"
#include "formats/metrics_out.h"
#include "formats/showcase.h"
#include "formats/svg.h"
#include "server/pages.h"
#include "server/server_int.h"

#ifndef DOCKET_VERSION
#define DOCKET_VERSION "dev"
#endif

static const char *
version_of(void *arg, const struct item *it)
{
	return state_version(arg, it);
}

void
page_begin(struct request *rq, struct app_page *p, struct page_extra *x)
{
	struct server *s = rq->srv;
	const struct config *c = &s->st.bl.config;

	memset(p, 0, sizeof(*p));
	memset(x, 0, sizeof(*x));
	p->bl = &s->st.bl;
	p->site = s->title;
	p->generator = "docket " DOCKET_VERSION;
	p->token = rq->session ? rq->session->token : NULL;
	p->today = date_today();
	p->version = version_of;
	p->varg = &s->st;
	p->order_version = s->st.order_blob;
	if (rq->session && rq->session->who) {
		x->name = xstrdup(rq->session->who->name);
		x->email = xstrdup(rq->session->who->email);
	} else {
		repo_identity(&s->repo, &x->name, &x->email);
	}
	if (x->name) {
		x->who = xasprintf("%s <%s>", x->name, x->email ? x->email : "");
		p->who = x->who;
	}
	p->not_owner = c->nowners && !(x->name && config_is_owner(c, x->name, x->email));
	x->flash = server_take_flash(s, rq->session, &p->flash_error);
	p->flash = x->flash;
}

void
page_end(struct page_extra *x)
{
	free(x->name);
	free(x->email);
	free(x->who);
	free(x->flash);
}

static const char *
nonempty(const struct fields *f, const char *key)
{
	const char *v = fields_get(f, key);

	return v && *v ? v : NULL;
}

/*-----------------------------------------------------------------------
 * The backlog
 *----------------------------------------------------------------------*/

static void
backlog_page(struct request *rq, struct reply *r)
{
	struct app_page p;
	struct page_extra x;
	struct app_filter af;
	struct item_filter f = ITEM_FILTER_INIT;
	char bad[64];

	page_begin(rq, &p, &x);
	af.status = nonempty(&rq->query, "status");
	af.type = nonempty(&rq->query, "type");
	af.tag = nonempty(&rq->query, "tag");
	af.campaign = nonempty(&rq->query, "campaign");
	af.goal = nonempty(&rq->query, "goal");
	af.q = nonempty(&rq->query, "q");
	if (!af.status || !strcmp(af.status, "open")) {
		for (int k = 0; k < ST_COUNT; k++)
			if (item_status_open(k))
				f.status_mask |= 1u << k;
	} else if (strcmp(af.status, "all") &&
		   item_filter_statuses(&f.status_mask, af.status, bad, sizeof(bad))) {
		reply_error(rq, r, 400, "'%s' is not a status (idea, ready, planned, doing, blocked, done, stopped).",
			    bad);
		page_end(&x);
		return;
	}
	if (af.type) {
		f.type = item_type_parse(af.type);
		if (f.type == TYPE_UNKNOWN) {
			reply_error(rq, r, 400, "'%s' is not a type (experiment, bau, improvement).", af.type);
			page_end(&x);
			return;
		}
	}
	f.tag = af.tag;
	f.campaign = af.campaign;
	f.goal = af.goal;
	f.text = af.q;
	app_backlog_page(&r->body, &p, &af, &f);
	page_end(&x);
}

/*-----------------------------------------------------------------------
 * Items
 *----------------------------------------------------------------------*/

/* The id of "/items/<ID>.html" (or "/items/<ID>"), checked before
 * anything is looked up; NULL when path is not an item's page. */
char *
page_item_id(const char *path, const char *suffix)
{
	const char *p = path + strlen("/items/");
	size_t n = strlen(p), sl = suffix ? strlen(suffix) : 0;
	char *id;

	if (strncmp(path, "/items/", 7))
		return NULL;
	if (sl && n > sl && !strcmp(p + n - sl, suffix))
		n -= sl;
	else if (sl)
		return NULL;
	id = xstrndup(p, n);
	if (!item_id_valid(id)) {
		free(id);
		return NULL;
	}
	return id;
}

static void
item_page(struct request *rq, struct reply *r, const char *id)
{
	struct app_page p;
	struct page_extra x;
	const struct item *it = state_item(&rq->srv->st, id);

	if (!it) {
		reply_error(rq, r, 404, "There is no item %s.", id);
		return;
	}
	page_begin(rq, &p, &x);
	app_item_page(&r->body, &p, it, NULL);
	page_end(&x);
}

static void
intake_page(struct request *rq, struct reply *r)
{
	struct app_page p;
	struct page_extra x;
	const char *created = nonempty(&rq->query, "created");
	const struct item *it = created && item_id_valid(created) ?
				state_item(&rq->srv->st, created) : NULL;

	page_begin(rq, &p, &x);
	app_intake_page(&r->body, &p, NULL, it ? it->id : NULL, it ? it->title : NULL);
	page_end(&x);
}

/*-----------------------------------------------------------------------
 * The board and cycles
 *----------------------------------------------------------------------*/

static void
board_page(struct request *rq, struct reply *r)
{
	struct server *s = rq->srv;
	const char *name = nonempty(&rq->query, "name");
	struct app_page p;
	struct page_extra x;
	struct cycles cy;
	const struct cycle *c;
	struct metrics m;
	struct huddle h;

	state_fill_dates(&s->st);
	page_begin(rq, &p, &x);
	cycles_from_backlog(&cy, &s->st.bl);
	c = name ? cycles_find(&cy, name) : cycles_current(&cy, p.today);
	if (name && !c) {
		reply_error(rq, r, 404, "There is no cycle %s.", name);
		cycles_release(&cy);
		page_end(&x);
		return;
	}
	metrics_init(&m);
	huddle_init(&h);
	metrics_compute(&m, &s->st.bl, &cy, p.today);
	if (c)
		huddle_make(&h, &s->st.bl, c, p.today);
	app_board_page(&r->body, &p, &cy, c, &h, &m);
	huddle_release(&h);
	metrics_release(&m);
	cycles_release(&cy);
	page_end(&x);
}

/* "ID=blob ..." of every file applying plan pl would change: the items
 * taken, the items planned into it before and not taken now, and the
 * cycle file (as "cycle=blob"). */
void
page_plan_versions(struct sbuf *out, struct state *st, const struct plan *pl)
{
	const struct backlog *bl = &st->bl;

	sbuf_reset(out);
	for (size_t i = 0; i < pl->n; i++)
		if (pl->v[i].verdict == PLAN_TAKE)
			sbuf_addf(out, "%s%s=%s", out->len ? " " : "", pl->v[i].item->id,
				  state_version(st, pl->v[i].item));
	for (size_t i = 0; i < bl->nitems; i++) {
		const struct item *it = bl->items[i];
		int taken = 0;

		if (!it->id || !it->cycle || strcmp(it->cycle, pl->name) ||
		    it->status != ST_PLANNED)
			continue;
		for (size_t k = 0; k < pl->n && !taken; k++)
			taken = pl->v[k].item == it && pl->v[k].verdict == PLAN_TAKE;
		if (!taken)
			sbuf_addf(out, "%s%s=%s", out->len ? " " : "", it->id, state_version(st, it));
	}
	if (pl->existing)
		sbuf_addf(out, "%scycle=%s", out->len ? " " : "",
			  state_version(st, pl->existing->file));
}

static void
cycle_page(struct request *rq, struct reply *r)
{
	struct server *s = rq->srv;
	const char *name = nonempty(&rq->query, "name");
	int next = nonempty(&rq->query, "plan") != NULL;
	struct app_page p;
	struct page_extra x;
	struct app_cycle_view v;
	struct cycles cy;
	struct metrics m;
	struct plan pl;
	struct diag_list d = DIAG_LIST_INIT;
	struct sbuf showcase = SBUF_INIT, report = SBUF_INIT, versions = SBUF_INIT;
	const struct item **items = NULL;
	const char **camps = NULL;
	size_t n = 0, nc = 0;
	int planned = 0;

	state_fill_dates(&s->st);
	page_begin(rq, &p, &x);
	memset(&v, 0, sizeof(v));
	cycles_from_backlog(&cy, &s->st.bl);
	v.cycles = &cy;
	v.cycle = next ? NULL : name ? cycles_find(&cy, name) : cycles_current(&cy, p.today);
	if (name && !v.cycle && !next) {
		reply_error(rq, r, 404, "There is no cycle %s.", name);
		cycles_release(&cy);
		page_end(&x);
		return;
	}
	metrics_init(&m);
	metrics_compute(&m, &s->st.bl, &cy, p.today);
	plan_init(&pl);
	if (!v.cycle || v.cycle->start > p.today) {
		struct plan_opts po = { v.cycle ? v.cycle->name : NULL, NAN, -1, p.today };

		if (plan_make(&pl, &s->st.bl, &cy, &po, &d) == 0) {
			v.plan = &pl;
			page_plan_versions(&versions, &s->st, &pl);
			v.plan_versions = versions.buf;
			planned = 1;
		} else {
			v.plan_error = d.n ? d.v[0].message : "no plan can be made";
		}
	}
	if (v.cycle) {
		const struct cycle_stats *st = metrics_cycle(&m, v.cycle);

		if (st) {
			showcase_render(&showcase, &s->st.bl, &m, st, SHOWCASE_MD);
			v.showcase_md = showcase.buf;
		}
		items = st ? metrics_cycle_items(st, &n) : xcalloc(1, sizeof(*items));
		camps = xcalloc(n + 1, sizeof(*camps));
		for (size_t i = 0; i < n; i++) {
			int seen = 0;

			if (!items[i]->campaign || !*items[i]->campaign)
				continue;
			for (size_t k = 0; k < nc && !seen; k++)
				seen = !strcmp(camps[k], items[i]->campaign);
			if (!seen)
				camps[nc++] = items[i]->campaign;
		}
		v.campaigns = camps;
		v.ncampaigns = nc;
	}
	metrics_render(&report, &m, METRICS_MD);
	v.report_md = report.buf;
	app_cycle_page(&r->body, &p, &v);
	(void)planned;
	free(items);
	free(camps);
	plan_release(&pl);
	diag_list_release(&d);
	sbuf_release(&showcase);
	sbuf_release(&report);
	sbuf_release(&versions);
	metrics_release(&m);
	cycles_release(&cy);
	page_end(&x);
}

static void
burnup_svg(struct request *rq, struct reply *r)
{
	struct server *s = rq->srv;
	const char *campaign = nonempty(&rq->query, "campaign");
	struct burnup b;
	struct diag_list errs = DIAG_LIST_INIT;

	if (!campaign) {
		reply_error(rq, r, 400, "Which campaign? Give ?campaign=NAME.");
		return;
	}
	if (history_burnup(&b, &s->repo, NULL, s->st.bl.items_rel, campaign, date_today(),
			   &errs)) {
		reply_error(rq, r, 500, "The history cannot be read: %s",
			    errs.n ? diag_last_message(&errs) : "unknown error");
		diag_list_release(&errs);
		return;
	}
	r->type = "image/svg+xml";
	svg_burnup(&r->body, &b);
	burnup_release(&b);
}

int
pages_route(struct request *rq, struct reply *r)
{
	const char *path = rq->path;
	char *id;

	if (!strcmp(path, "/") || !strcmp(path, "/index.html")) {
		backlog_page(rq, r);
		return 1;
	}
	if (!strcmp(path, "/new")) {
		intake_page(rq, r);
		return 1;
	}
	if (!strcmp(path, "/board")) {
		board_page(rq, r);
		return 1;
	}
	if (!strcmp(path, "/cycle")) {
		cycle_page(rq, r);
		return 1;
	}
	if (!strcmp(path, "/burnup.svg")) {
		burnup_svg(rq, r);
		return 1;
	}
	if ((id = page_item_id(path, ".html")) || (id = page_item_id(path, NULL))) {
		item_page(rq, r, id);
		free(id);
		return 1;
	}
	if (!strncmp(path, "/items/", 7)) {
		reply_error(rq, r, 404, "That is not an item id.");
		return 1;
	}
	return 0;
}
