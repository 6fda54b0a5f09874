/*
 * rank.c: `docket rank [--by KIND] [--apply] [--format text|json]`:
 * propose an order of the open items by score (core/rank.h), shown as
 * the changes to ORDER (or the whole proposal as JSON); with --apply,
 * write ORDER in that order and commit.
 */
#include <math.h>
#include <string.h>

#include "cmd/write.h"
#include "core/rank.h"
#include "core/text.h"
#include "formats/listing.h"
#include "formats/rank_out.h"

enum { O_BY = 1, O_APPLY, O_FORMAT };

static const struct opt opts[] = {
	{ "by", 0, 1, O_BY },
	{ "apply", 0, 0, O_APPLY },
	{ "format", 0, 1, O_FORMAT },
	{ NULL, 0, 0, 0 },
};

static void
add_rank(struct sbuf *sb, long r)
{
	if (r > 0)
		sbuf_addf(sb, "#%ld", r);
	else
		sbuf_adds(sb, "new");
}

/* One line per entry whose place changes: "  MKT-3  #5 → #2  score 12". */
static void
show_changes(struct sbuf *out, const struct rank_plan *p)
{
	struct sbuf from = SBUF_INIT;
	size_t wid = 0, wfrom = 0;

	for (size_t i = 0; i < p->n + p->ngone; i++) {
		const struct rank_entry *e = &p->v[i];

		if (i < p->n && !e->moved && e->old_rank)
			continue;
		if (text_width(e->id, strlen(e->id)) > wid)
			wid = text_width(e->id, strlen(e->id));
		sbuf_reset(&from);
		add_rank(&from, e->old_rank);
		sbuf_addf(&from, " → #%ld", e->new_rank);
		if (text_width(from.buf, from.len) > wfrom)
			wfrom = text_width(from.buf, from.len);
	}
	for (size_t i = 0; i < p->n + p->ngone; i++) {
		const struct rank_entry *e = &p->v[i];
		char num[32];

		if (i < p->n && !e->moved && e->old_rank)
			continue;
		sbuf_adds(out, "  ");
		text_pad(out, e->id, strlen(e->id), wid, 0);
		sbuf_adds(out, "  ");
		sbuf_reset(&from);
		add_rank(&from, e->old_rank);
		if (i >= p->n)
			sbuf_adds(&from, " → out");
		else
			sbuf_addf(&from, " → #%ld", e->new_rank);
		text_pad(out, from.buf, from.len, wfrom, 0);
		if (i >= p->n) {
			sbuf_addf(out, "  %s", e->item ? item_status_name(e->item->status) : "");
		} else if (!e->item) {
			sbuf_adds(out, "  no item file");
		} else {
			listing_fmt_num(num, sizeof(num), e->score);
			sbuf_addf(out, "  score %s", isnan(e->score) ? "-" : num);
			if (e->item->mvl)
				sbuf_adds(out, "  mvl");
			if (e->needed_by)
				sbuf_addf(out, "  needed by %s", e->needed_by);
		}
		while (out->len && out->buf[out->len - 1] == ' ')
			sbuf_setlen(out, out->len - 1);
		sbuf_addc(out, '\n');
	}
	sbuf_release(&from);
}

static void
summary(struct sbuf *out, const struct rank_plan *p)
{
	size_t moved = 0, added = 0, shifted = rank_plan_shifted(p);
	const char *sep = "";

	for (size_t i = 0; i < p->n; i++) {
		moved += p->v[i].moved;
		added += !p->v[i].old_rank;
	}
	if (moved) {
		sbuf_addf(out, "%zu %s", moved, moved == 1 ? "move" : "moves");
		sep = ", ";
	}
	if (added) {
		sbuf_addf(out, "%s%zu newly ranked", sep, added);
		sep = ", ";
	}
	if (p->ngone) {
		sbuf_addf(out, "%s%zu leaving ORDER (done or stopped)", sep, p->ngone);
		sep = ", ";
	}
	if (shifted)
		sbuf_addf(out, "; %zu other%s with them", shifted,
			  shifted == 1 ? " shifts" : "s shift");
	sbuf_adds(out, ".\n");
}

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
	if (!rank_plan_changes(p)) {
		out_note(ctx, "nothing to apply");
		return EXIT_OK;
	}
	rank_render_order(&ss->bl.order, p, &order);
	change_write(&w->ch, ss->bl.order_path, order.buf, order.len);
	sbuf_addf(&sum, "Rank by %s: ", score_kind_name(p->kind));
	summary(&sum, p);
	sbuf_setlen(&sum, sum.len - 2);         /* ".\n" */
	sbuf_addf(&msg, "%s\n\n%s", sum.buf, changes->buf);
	rc = ws_commit(ctx, w, msg.buf, sum.buf);
	sbuf_release(&order);
	sbuf_release(&msg);
	sbuf_release(&sum);
	return rc;
}

int
cmd_rank(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	const char *by = NULL, *format = "text", *arg;
	struct session ss;
	struct ws w;
	struct rank_plan plan;
	struct sbuf out = SBUF_INIT, changes = SBUF_INIT;
	enum score_kind kind = SCORE_WSJF;
	int id, r, rc = EXIT_OK, apply = 0, loaded = 0;

	opt_init(&it, argc, argv);
	while ((r = opt_next(&it, ctx, opts, &id, &arg)) == 1) {
		if (id == O_BY)
			by = arg;
		else if (id == O_APPLY)
			apply = 1;
		else if (id == O_FORMAT)
			format = arg;
	}
	if (r || it.npos) {
		rc = r ? (r == 2 ? EXIT_OK : EXIT_USAGE) :
		     out_usage_error(ctx, "unexpected argument '%s'", it.pos[0]);
		opt_release(&it);
		return rc;
	}
	opt_release(&it);
	if ((rc = opt_format(ctx, format, (const char *const[]){ "text", "json", NULL })))
		return rc;
	if (by && score_kind_parse(&kind, by))
		return out_usage_error(ctx, "unknown score '%s' (use wsjf, rice, ice or value-per-effort)", by);
	rank_plan_init(&plan);
	/* with --apply, take the lock before reading anything */
	if (apply && (rc = ws_begin(ctx, &w)))
		goto done;
	loaded = 1;
	if ((rc = session_load(ctx, &ss, NULL, BL_ITEMS)))
		goto done;
	if (!by)
		kind = ss.bl.config.score;
	if (ss.bl.order.conflict_line) {
		out_error(ctx, "%s:%d: ORDER has merge-conflict markers: resolve the conflict first",
			  ss.bl.order_path, ss.bl.order.conflict_line);
		rc = EXIT_PROBLEMS;
		goto done;
	}
	rank_propose(&plan, &ss.bl, kind);
	/* the text of the changes is also the commit message's body */
	if (rank_plan_changes(&plan))
		show_changes(&changes, &plan);
	if (!strcmp(format, "json")) {
		rank_json(&out, &plan);
	} else if (!rank_plan_changes(&plan)) {
		sbuf_addf(&out, "ORDER already follows the %s order (%zu item%s).\n",
			  score_kind_name(kind), plan.n, plan.n == 1 ? "" : "s");
	} else {
		sbuf_addf(&out, "Proposed order by %s (MVL first, dependencies before dependants):\n",
			  score_kind_name(kind));
		sbuf_add(&out, changes.buf, changes.len);
		summary(&out, &plan);
	}
	out_sbuf(ctx, &out);
	for (size_t i = 0; i < plan.nunknown; i++)
		out_warning(ctx, "%s lists %s, which has no readable item file: it stays at the bottom (see docket check)",
			    ss.bl.order_path, plan.v[plan.n - plan.nunknown + i].id);
	if (apply)
		rc = rank_apply(ctx, &w, &ss, &plan, &changes);
	else if (rank_plan_changes(&plan))
		out_note(ctx, "The score advises; the owner decides. Write it with: docket rank%s%s --apply",
			 by ? " --by " : "", by ? score_kind_name(kind) : "");
done:
	rank_plan_release(&plan);
	sbuf_release(&out);
	sbuf_release(&changes);
	if (loaded)
		session_release(&ss);
	if (apply)
		ws_end(&w);
	return rc;
}
