/* plan.c: `docket plan`: Cycle Planning (core/plan.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/write.h"
#include "core/cycle.h"
#include "core/date.h"
#include "core/fsutil.h"
#include "core/metrics.h"
#include "core/plan.h"
#include "core/xalloc.h"
#include "formats/listing.h"
#include "formats/plan_out.h"

static const char *capacity, *start;
static int apply;
static struct plan_opts po = { NULL, NAN, -1, 0 };

/* Queue the edits of one item; 0 or EXIT_PROBLEMS (printed). */
static int
edit_item(struct ctx *ctx, struct ws *w, const struct config *cfg,
	  const struct item *it, const struct edit_op *ops, size_t n)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct sbuf sb = SBUF_INIT;
	int rc = EXIT_OK;

	(void)cfg;
	if (edit_apply(&sb, it->data, it->len, it->path, ops, n, &d)) {
		out_diags(ctx, &d, SEV_ERROR);
		rc = EXIT_PROBLEMS;
	} else if (sb.len != it->len || memcmp(sb.buf, it->data, sb.len)) {
		change_write(&w->ch, it->path, sb.buf, sb.len);
	}
	sbuf_release(&sb);
	diag_list_release(&d);
	return rc;
}

/* The cycle file: a new one, or the existing one's committed (and
 * capacity, when --capacity was given) edited in place. */
static int
cycle_file(struct ctx *ctx, struct ws *w, const struct plan *p,
	   const struct backlog *bl, const char **ids, size_t n)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct sbuf sb = SBUF_INIT, tmp = SBUF_INIT;
	int rc = EXIT_OK;

	if (!p->existing) {
		char *path = xasprintf("%scycles/%s.md", bl->items_rel, p->name);
		char *full = xasprintf("%s/%s", w->ch.top, path);

		if (fsutil_exists(full)) {
			out_error(ctx, "%s exists but is not a cycle docket can read; fix it (docket check) or plan another name",
				  path);
			rc = EXIT_PROBLEMS;
		} else {
			plan_cycle_file(&sb, p, 0);
			change_write(&w->ch, path, sb.buf, sb.len);
		}
		free(path);
		free(full);
	} else {
		const struct item *f = p->existing->file;
		const struct sbuf *res = &sb;
		char cap[32];

		if (edit_set_list(&sb, f->data, f->len, f->path, "committed", ids, n, &d)) {
			rc = EXIT_PROBLEMS;
		} else if (p->capacity_from == PLAN_CAP_OPTION) {
			listing_fmt_num(cap, sizeof(cap), p->capacity);
			if (edit_set(&tmp, sb.buf, sb.len, f->path, "capacity", cap,
				     EDIT_NUMBER, &d))
				rc = EXIT_PROBLEMS;
			res = &tmp;
		}
		if (rc)
			out_diags(ctx, &d, SEV_ERROR);
		else
			change_write(&w->ch, f->path, res->buf, res->len);
	}
	sbuf_release(&sb);
	sbuf_release(&tmp);
	diag_list_release(&d);
	return rc;
}

/* --apply: the cycle file, cycle: and status: planned in each taken
 * item, status: ready again for items this cycle no longer takes; one
 * commit. */
static int
apply_plan(struct ctx *ctx, struct ws *w, const struct plan *p,
	   const struct backlog *bl, long today)
{
	const char **ids = xcalloc(p->n + 1, sizeof(*ids));
	struct sbuf msg = SBUF_INIT, sum = SBUF_INIT;
	const struct config *cfg = &bl->config;
	struct edit_op take[2], drop[2];
	size_t n = 0, dropped = 0;
	char eff[32], cap[32];
	int rc = EXIT_OK;

	if (p->existing && metrics_cycle_state(p->existing, today) != CYCLE_FUTURE) {
		out_error(ctx, "cycle %s has started: its commitment is what say/do counts against; change %s by hand if you must",
			  p->name, p->existing->file->path);
		free(ids);
		return EXIT_PROBLEMS;
	}
	memset(take, 0, sizeof(take));
	memset(drop, 0, sizeof(drop));
	take[0].key = "cycle";
	take[0].value = p->name;
	take[0].type = edit_type_for(cfg, "cycle");
	take[1].key = "status";
	take[1].value = "planned";
	take[1].type = edit_type_for(cfg, "status");
	drop[0].key = "status";
	drop[0].value = "ready";
	drop[0].type = edit_type_for(cfg, "status");
	drop[1].key = "cycle";
	drop[1].remove = 1;
	for (size_t i = 0; i < p->n && !rc; i++) {
		if (p->v[i].verdict != PLAN_TAKE)
			continue;
		ids[n++] = p->v[i].item->id;
		rc = edit_item(ctx, w, cfg, p->v[i].item, take, 2);
	}
	/* planned into this cycle before, not taken now */
	for (size_t i = 0; i < bl->nitems && !rc; i++) {
		const struct item *it = bl->items[i];
		int taken = 0;

		if (!it->parsed || it->status != ST_PLANNED || !it->cycle ||
		    strcmp(it->cycle, p->name))
			continue;
		for (size_t k = 0; k < n; k++)
			taken |= !strcmp(ids[k], it->id);
		if (taken)
			continue;
		dropped++;
		rc = edit_item(ctx, w, cfg, it, drop, 2);
	}
	if (!rc)
		rc = cycle_file(ctx, w, p, bl, ids, n);
	if (!rc) {
		listing_fmt_num(eff, sizeof(eff), p->taken_effort);
		listing_fmt_num(cap, sizeof(cap), p->capacity);
		sbuf_addf(&sum, "Plan cycle %s: %zu item%s, effort %s of %s", p->name,
			  n, n == 1 ? "" : "s", eff, cap);
		sbuf_addf(&msg, "%s\n\nCommitted:", sum.buf);
		for (size_t k = 0; k < n; k++)
			sbuf_addf(&msg, "%s%s", k ? ", " : " ", ids[k]);
		if (!n)
			sbuf_adds(&msg, " nothing");
		sbuf_addc(&msg, '\n');
		if (dropped)
			sbuf_addf(&msg, "%zu item%s planned before and not taken now %s ready again.\n",
				  dropped, dropped == 1 ? "" : "s", dropped == 1 ? "is" : "are");
		rc = ws_commit(ctx, w, msg.buf, sum.buf);
	}
	sbuf_release(&msg);
	sbuf_release(&sum);
	free(ids);
	return rc;
}

static int
prepare(struct ctx *ctx)
{
	char *end;

	if (capacity) {
		po.capacity = strtod(capacity, &end);
		if (end == capacity || *end || !(po.capacity > 0) || isinf(po.capacity))
			return out_usage_error(ctx, "--capacity takes a number above 0, not '%s'", capacity);
	}
	if (start && date_parse(&po.start, start))
		return out_usage_error(ctx, "--start takes a date YYYY-MM-DD, not '%s'", start);
	if (apply && ctx->rev)
		return out_usage_error(ctx, "--apply writes the working tree; it cannot be used with --rev");
	po.name = ctx->npos ? ctx->pos[0] : NULL;
	return EXIT_OK;
}

/* With --apply, main takes the lock and makes the safety checks first,
 * so that the whole read-plan-write happens under the lock. */
static int
run(struct ctx *ctx)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct backlog *bl = &ctx->ses->bl;
	struct cycles cy;
	struct plan p;
	struct sbuf out = SBUF_INIT;
	int rc;

	po.today = date_today();
	cycles_from_backlog(&cy, bl);
	if (plan_make(&p, bl, &cy, &po, &d)) {
		rc = out_usage_error(ctx, "%s", d.v[0].message);
		goto out;
	}
	rc = warn_unreadable(ctx, bl) ? EXIT_PROBLEMS : EXIT_OK;
	plan_text(&out, &p, ctx->width, apply);
	out_sbuf(ctx, &out);
	if (apply) {
		if (rc)
			out_error(ctx, "not applied: fix the files above first");
		else
			rc = apply_plan(ctx, ctx->ws, &p, bl, po.today);
	}
out:
	plan_release(&p);
	sbuf_release(&out);
	diag_list_release(&d);
	cycles_release(&cy);
	return rc;
}

static const struct arg args[] = {
	{ "CYCLE", ARG_OPTIONAL, NULL,
	  "the cycle to plan (default: the next one, named after the previous "
	  "cycle's scheme, e.g. 2026-12)" },
	ARG_END,
};

static const struct opt opts[] = {
	OPT_STRING("capacity", 0, &capacity, "N",
		   "effort the cycle can hold (default: the cycle file's capacity, else "
		   "the mean velocity of the last three closed cycles, else "
		   "cycle.capacity in docket.yaml)"),
	OPT_STRING("start", 0, &start, "DATE",
		   "first day, YYYY-MM-DD (default: the day after the most recent cycle "
		   "ends; the cycle is cycle.length_days long)"),
	OPT_FLAG("apply", 0, &apply,
		 "write backlog/cycles/CYCLE.md with the committed items, set their "
		 "cycle and status: planned, and commit"),
	OPT_REV("propose from a git revision (not with --apply)"),
	OPT_END,
};

const struct command cmd_plan = {
	.name = "plan",
	.summary = "propose the commitment of the next launch cycle",
	.args = args,
	.extra = "plan takes one cycle name",
	.opts = opts,
	.needs = NEED_WRITE | NEED_BACKLOG | NEED_DATES,
	.write_if = &apply,
	.load = BL_ALL,
	.details =
	"Walks ORDER from the top and takes ready items whose dependencies are\n"
	"done or taken earlier, while their effort fits; every item walked is\n"
	"shown with the reason it was taken or skipped.\n",
	.prepare = prepare,
	.run = run,
};
