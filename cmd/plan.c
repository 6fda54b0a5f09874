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
static int apply, writes;
static struct opt_list add, remove_ids;
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

	if (p->started || (p->existing &&
			   metrics_cycle_state(p->existing, today) != CYCLE_FUTURE)) {
		out_error(ctx, "cycle %s has started: its commitment is what say/do counts against; change its scope with --add ID or --remove ID",
			  p->name);
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
		const struct item *it = p->v[i].item;

		if (p->v[i].verdict == PLAN_NO_ROOM) {
			/* not carried: back to the ready work of the backlog */
			if (it->status == ST_PLANNED)
				rc = edit_item(ctx, w, cfg, it, drop, 2);
			else if (it->cycle)
				rc = edit_item(ctx, w, cfg, it, drop + 1, 1);
			continue;
		}
		if (!plan_taken(&p->v[i]))
			continue;
		ids[n++] = it->id;
		/* in progress: the cycle only; not started: planned */
		rc = edit_item(ctx, w, cfg, it, take,
			       it->status == ST_DOING || it->status == ST_BLOCKED ? 1 : 2);
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
		if (p->carried) {
			sbuf_adds(&msg, "Carried over:");
			for (size_t k = 0; k < p->n; k++)
				if (p->v[k].verdict == PLAN_CARRY)
					sbuf_addf(&msg, " %s", p->v[k].item->id);
			sbuf_addc(&msg, '\n');
		}
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

/* --add / --remove: the committed list of a cycle, and the items added
 * (cycle set; planned unless in progress) or removed (cycle removed;
 * ready again when planned); one commit that says when. */
static int
scope_change(struct ctx *ctx, const struct backlog *bl, const struct cycles *cy,
	     long today)
{
	struct ws *w = ctx->ws;
	const struct cycle *c;
	const char **ids = NULL;
	struct diag_list d = DIAG_LIST_INIT;
	struct sbuf sb = SBUF_INIT, msg = SBUF_INIT, sum = SBUF_INIT;
	struct edit_op take[2], drop[2];
	const struct config *cfg = &bl->config;
	size_t n = 0;
	char day[16];
	int rc = EXIT_OK;

	c = cycle_arg(ctx, cy, po.name, today, &rc);
	if (!c)
		return rc;
	if (c->end >= 0 && c->end < today) {
		out_error(ctx, "cycle %s ended on %s: its scope is history; plan the next cycle instead",
			  c->name, ynode_str(item_get(c->file, "end")));
		return EXIT_PROBLEMS;
	}
	if (plan_scope_change(&ids, &n, bl, c, add.v, add.n, remove_ids.v,
			      remove_ids.n, &d)) {
		out_error(ctx, "%s", d.v[d.n - 1].message);
		diag_list_release(&d);
		return EXIT_PROBLEMS;
	}
	out_diags(ctx, &d, SEV_WARNING);
	diag_list_release(&d);
	memset(take, 0, sizeof(take));
	memset(drop, 0, sizeof(drop));
	take[0].key = "cycle";
	take[0].value = c->name;
	take[0].type = edit_type_for(cfg, "cycle");
	take[1].key = "status";
	take[1].value = "planned";
	take[1].type = edit_type_for(cfg, "status");
	drop[0].key = "cycle";
	drop[0].remove = 1;
	drop[1].key = "status";
	drop[1].value = "ready";
	drop[1].type = edit_type_for(cfg, "status");
	if (edit_set_list(&sb, c->file->data, c->file->len, c->file->path,
			  "committed", ids, n, &d)) {
		out_diags(ctx, &d, SEV_ERROR);
		rc = EXIT_PROBLEMS;
	} else {
		change_write(&w->ch, c->file->path, sb.buf, sb.len);
	}
	for (size_t i = 0; i < add.n && !rc; i++) {
		const struct item *it = backlog_item(bl, add.v[i]);
		int ready = it->status == ST_READY || it->status == ST_IDEA;

		rc = edit_item(ctx, w, cfg, it, take, ready ? 2 : 1);
	}
	for (size_t i = 0; i < remove_ids.n && !rc; i++) {
		const struct item *it = backlog_item(bl, remove_ids.v[i]);

		if (!it || !it->parsed)
			continue;
		if (it->cycle && !strcmp(it->cycle, c->name))
			rc = edit_item(ctx, w, cfg, it, drop,
				       it->status == ST_PLANNED ? 2 : 1);
	}
	if (!rc) {
		date_format(day, sizeof(day), today);
		sbuf_addf(&sum, "Change the scope of cycle %s:", c->name);
		for (size_t i = 0; i < add.n; i++)
			sbuf_addf(&sum, "%s add %s", i ? "," : "", add.v[i]);
		for (size_t i = 0; i < remove_ids.n; i++)
			sbuf_addf(&sum, "%s remove %s", i || add.n ? "," : "", remove_ids.v[i]);
		sbuf_addf(&msg, "%s\n\nScope change of %s on %s", sum.buf, c->name, day);
		if (c->start >= 0 && today >= c->start)
			sbuf_addf(&msg, ", day %ld of the cycle", today - c->start + 1);
		sbuf_adds(&msg, ": added items count as added, not as committed;\n"
			  "removed ones stay part of the commitment that say/do measures.\n");
		rc = ws_commit(ctx, w, msg.buf, sum.buf);
	}
	free(ids);
	sbuf_release(&sb);
	sbuf_release(&msg);
	sbuf_release(&sum);
	diag_list_release(&d);
	return rc;
}

static int
prepare(struct ctx *ctx)
{
	char *end;

	for (size_t i = 0; i < add.n; i++)
		if (check_id_arg(ctx, add.v[i]))
			return EXIT_USAGE;
	for (size_t i = 0; i < remove_ids.n; i++)
		if (check_id_arg(ctx, remove_ids.v[i]))
			return EXIT_USAGE;
	if ((add.n || remove_ids.n) && (apply || capacity || start))
		return out_usage_error(ctx, "--add and --remove change the scope of a cycle; they do not go with --apply, --capacity or --start");
	if ((add.n || remove_ids.n) && ctx->rev)
		return out_usage_error(ctx, "--add and --remove write the working tree; they cannot be used with --rev");
	writes = apply || add.n || remove_ids.n;

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
	plan_init(&p);
	if (add.n || remove_ids.n) {
		rc = warn_unreadable(ctx, bl) ? EXIT_PROBLEMS : EXIT_OK;
		if (rc)
			out_error(ctx, "not changed: fix the files above first");
		else
			rc = scope_change(ctx, bl, &cy, po.today);
		goto out;
	}
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
	  "the cycle to plan (default: the next one, named by cycle_name in "
	  "docket.yaml, by default its start date)" },
	ARG_END,
};

static const struct opt opts[] = {
	OPT_STRING("capacity", 0, &capacity, "N",
		   "effort the cycle can hold (default: the cycle file's capacity, else "
		   "the median velocity of the last three closed cycles, else "
		   "cycle.capacity in docket.yaml)"),
	OPT_STRING("start", 0, &start, "DATE",
		   "first day, YYYY-MM-DD (default: the day after the most recent cycle "
		   "ends; the cycle is cycle.length_days long)"),
	OPT_FLAG("apply", 0, &apply,
		 "write backlog/cycles/CYCLE.md with the committed items, set their "
		 "cycle and status: planned, and commit"),
	OPT_LIST("add", 0, &add, "ID",
		 "add an item to the cycle's committed list after it started (the "
		 "current cycle unless CYCLE is given): a scope change, recorded "
		 "with its date; refused when it takes the cycle's remaining effort "
		 "over its capacity and the cycle-capacity rule is an error "
		 "(repeatable)"),
	OPT_LIST("remove", 0, &remove_ids, "ID",
		 "take an item out of the cycle's committed list: a scope change, "
		 "recorded with its date (repeatable)"),
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
	.write_if = &writes,
	.load = BL_ALL,
	.details =
	"Carries over the unfinished items of the previous cycle (improvement\n"
	"items first) and the work in progress, then walks ORDER from the top and\n"
	"takes ready items whose dependencies are done or taken earlier, while\n"
	"their effort fits; every item is shown with the reason it was taken or\n"
	"skipped. A cycle that has started is not planned again: --add and\n"
	"--remove change its scope, and each change is recorded with its date.\n",
	.prepare = prepare,
	.run = run,
};
