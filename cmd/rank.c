/*
 * rank.c: `docket rank [--by KIND] [--apply] [--format text|json]`:
 * propose an order of the open items by score (core/rank.h), shown as
 * the changes to ORDER (or the whole proposal as JSON; formats/rank_out.h);
 * with --apply, write ORDER in that order and commit.
 */
#include "cmd/write.h"
#include "core/rank.h"
#include "formats/rank_out.h"

static const char *by;
static int apply, prune;
static enum score_kind kind = SCORE_WSJF;

/* Write ORDER in the proposed order and commit it (under w's lock). */
static int
rank_apply(struct ctx *ctx, struct ws *w, const struct session *ss,
	   const struct rank_plan *p, const struct sbuf *changes)
{
	struct sbuf order = SBUF_INIT, msg = SBUF_INIT, sum = SBUF_INIT;
	int rc;

	if (p->nunknown) {
		out_error(ctx, "not applied: %s lists ids with no readable item file; fix them first (docket check)",
			  ss->bl.order_path);
		return EXIT_PROBLEMS;
	}
	/* an item that does not parse has no score: its place is unknown */
	for (size_t i = 0; i < ss->bl.nitems; i++)
		if (!ss->bl.items[i]->parsed) {
			out_file_diags(ctx, &ss->bl.diags, ss->bl.items[i]->path);
			out_error(ctx, "not applied: %s does not parse, so its place in the order is unknown; fix it first",
				  ss->bl.items[i]->path);
			return EXIT_PROBLEMS;
		}
	if (!rank_plan_changes(p) && !(prune && p->nempty)) {
		out_note(ctx, "nothing to apply");
		return EXIT_OK;
	}
	rank_render_order(&ss->bl.order, p, prune, &order);
	change_write(&w->ch, ss->bl.order_path, order.buf, order.len);
	if (rank_plan_changes(p)) {
		sbuf_addf(&sum, "Rank by %s: ", score_kind_name(p->kind));
		rank_summary(&sum, p);
		sbuf_setlen(&sum, sum.len - 2);         /* ".\n" */
	} else {
		sbuf_adds(&sum, "Remove the empty sections of ORDER");
	}
	sbuf_addf(&msg, "%s\n\n%s", sum.buf, changes->buf);
	rank_kept_text(&msg, p, prune);
	rc = ws_commit(ctx, w, msg.buf, sum.buf);
	sbuf_release(&order);
	sbuf_release(&msg);
	sbuf_release(&sum);
	return rc;
}

static int
prepare(struct ctx *ctx)
{
	if (by && score_kind_parse(&kind, by))
		return out_usage_error(ctx, "unknown score '%s' (use wsjf, rice, ice or value-per-effort)", by);
	return EXIT_OK;
}

/* With --apply, main takes the lock before anything is read. */
static int
run(struct ctx *ctx)
{
	const struct rank_format *rf = FORMAT_ROW(struct rank_format, ctx->format);
	struct session *ss = ctx->ses;
	struct rank_plan plan;
	struct sbuf out = SBUF_INIT, changes = SBUF_INIT;
	int rc = EXIT_OK;

	if (!by)
		kind = ss->bl.config.score;
	if (prune && !apply)
		return out_usage_error(ctx, "--prune-sections goes with --apply: it removes the empty section headers of ORDER");
	if (ss->bl.order.conflict_line) {
		out_error(ctx, "%s:%d: ORDER has merge-conflict markers: resolve the conflict first",
			  ss->bl.order_path, ss->bl.order.conflict_line);
		return EXIT_PROBLEMS;
	}
	rank_plan_init(&plan);
	rank_propose(&plan, &ss->bl, kind);
	/* the text of the changes is also the commit message's body */
	if (rank_plan_changes(&plan))
		rank_changes(&changes, &plan);
	rf->render(&out, &plan, &changes);
	out_sbuf(ctx, &out);
	for (size_t i = 0; i < plan.nunknown; i++)
		out_warning(ctx, "%s lists %s, which has no readable item file: it stays at the bottom (see docket check)",
			    ss->bl.order_path, plan.v[plan.n - plan.nunknown + i].id);
	if (apply)
		rc = rank_apply(ctx, ctx->ws, ss, &plan, &changes);
	else if (rank_plan_changes(&plan))
		out_note(ctx, "The score advises; the owner decides. Write it with: docket rank%s%s --apply",
			 by ? " --by " : "", by ? score_kind_name(kind) : "");
	rank_plan_release(&plan);
	sbuf_release(&out);
	sbuf_release(&changes);
	return rc;
}

static const struct opt opts[] = {
	OPT_CHOICE("by", 0, &by, "KIND", "wsjf|rice|ice|value-per-effort",
		   "the score to order by (default: score: in docket.yaml)"),
	OPT_FLAG("apply", 0, &apply, "write ORDER in the proposed order and commit it"),
	OPT_FLAG("prune-sections", 0, &prune,
		 "with --apply: remove the section headers of ORDER left with no item"),
	OPT_FORMAT(),
	OPT_END,
};

const struct command cmd_rank = {
	.name = "rank",
	.summary = "propose an order by score (MVL first, dependencies first)",
	.opts = opts,
	.formats = &rank_formats,
	.needs = NEED_WRITE | NEED_BACKLOG,
	.write_if = &apply,
	.load = BL_ITEMS,
	.details =
	"Proposes an order of the open items ORDER lists and of the unranked\n"
	"items past idea (ready, planned, doing, blocked): MVL items first, then\n"
	"by score (no score last; ties keep their current order), with each\n"
	"item's dependencies moved just above it, each item within its section\n"
	"of ORDER (a whole-line comment starts one): no item crosses a section\n"
	"header, and rank says which items it keeps in their section. Shows what\n"
	"moves (#old → #new), what gets ranked (new → #N) and what leaves ORDER\n"
	"(done or stopped). Comment lines stay where they are. The score advises;\n"
	"the owner decides.\n",
	.prepare = prepare,
	.run = run,
};
