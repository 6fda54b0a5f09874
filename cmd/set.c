/* set.c: `docket set ID K=V...`: change fields in place; a status
 * change goes through core/transition (dates, reasons, ORDER). */
#include <stdlib.h>
#include <string.h>

#include "cmd/write.h"
#include "core/wip.h"
#include "core/xalloc.h"

static int force, over_wip;

/* A move into doing: the WIP limit, as the wip-limit rule's severity
 * says (core/wip.h).  Returns 0 to go on (topts.over_wip set when the
 * move is recorded as over the limit, and the line for the commit in
 * note), or EXIT_PROBLEMS after printing why the move is refused. */
static int
wip_gate(struct ctx *ctx, struct ws *w, struct set_req *rq, const char *id,
	 struct sbuf *note)
{
	struct wip wp;
	struct sbuf names = SBUF_INIT;
	int rc = 0;

	wip_init(&wp);
	if (wip_scan(&wp, &w->ss.bl, &w->ss.src, id)) {
		out_warning(ctx, "the items could not be read to count the work in progress: the WIP limit is not checked");
		wip_release(&wp);
		return 0;
	}
	wip_names(&names, &wp);
	switch (wip_verdict(&wp, rq->over_wip)) {
	case WIP_OK:
		if (rq->over_wip && wp.severity != SEV_OFF)
			out_note(ctx, "--over-wip: %zu item%s doing, within the limit of %ld; nothing to record",
				 wp.n + 1, wp.n ? "s" : "", wp.limit);
		break;
	case WIP_WARN:
		out_warning(ctx, "%s makes %zu items doing, over the WIP limit of %ld: %s %s in progress; finish work before starting more",
			    id, wp.n + 1, wp.limit, names.buf, wp.n == 1 ? "is" : "are");
		break;
	case WIP_REFUSE:
		out_error(ctx, "%s would make %zu items doing, over the WIP limit of %ld: %s %s in progress. Finish or block one of them first, or give --over-wip to go over on purpose (recorded in %s and in the commit)",
			  id, wp.n + 1, wp.limit, names.buf, wp.n == 1 ? "is" : "are", id);
		rc = EXIT_PROBLEMS;
		break;
	case WIP_OVERRIDE:
		rq->topts.over_wip = 1;
		sbuf_addf(note, "Over the WIP limit on purpose (--over-wip): %zu items doing, limit %ld; in progress before: %s\n",
			  wp.n + 1, wp.limit, names.buf);
		break;
	}
	sbuf_release(&names);
	wip_release(&wp);
	return rc;
}

static int
required_key(const char *k)
{
	return !strcmp(k, "title") || !strcmp(k, "status");
}

/* "key old → new" or "key new" or "key removed (was old)"; nothing,
 * and 0, when op leaves the value as it is. */
static int
describe(struct sbuf *sb, const struct item *it, const struct edit_op *op)
{
	struct sbuf old = SBUF_INIT;
	int changed = 1;

	ws_show_value(&old, it, op->key);
	if (op->remove) {
		if (!item_get(it, op->key))
			changed = 0;
		else {
			sbuf_addf(sb, "%s removed", op->key);
			if (old.len)
				sbuf_addf(sb, " (was %s)", old.buf);
		}
	} else {
		struct sbuf nv = SBUF_INIT;

		/* a list as it is written: "[a, b]" */
		if (op->type != EDIT_LIST ||
		    edit_render_value(&nv, op->value, op->type, NULL))
			sbuf_adds(&nv, op->value);
		if (old.len && !strcmp(old.buf, nv.buf))
			changed = 0;
		else if (old.len)
			sbuf_addf(sb, "%s %s → %s", op->key, old.buf, nv.buf);
		else
			sbuf_addf(sb, "%s %s", op->key, nv.buf);
		sbuf_release(&nv);
	}
	sbuf_release(&old);
	return changed;
}

/* Append ", " and what op changes (nothing when it changes nothing). */
static void
describe_list(struct sbuf *sb, size_t start, const struct item *it,
	      const struct edit_op *op)
{
	size_t at = sb->len;

	if (sb->len > start)
		sbuf_adds(sb, ", ");
	if (!describe(sb, it, op))
		sbuf_setlen(sb, at);
}

/* Replace every "from" in s by "to". */
static void
replace_all(struct sbuf *out, const char *s, const char *from, const char *to)
{
	const char *p;
	size_t fl = strlen(from);

	while ((p = strstr(s, from))) {
		sbuf_add(out, s, (size_t)(p - s));
		sbuf_adds(out, to);
		s = p + fl;
	}
	sbuf_adds(out, s);
}

/* A refusal of the transition said as `set` takes it: `set` has fields
 * where the shorthands have options (--reason is stop_reason= or
 * blocked_reason=, --result is result=); done's --force --reason is
 * done's own. */
static void
set_words(struct diag_list *errs, const struct set_req *rq)
{
	struct diag *d;
	struct sbuf a = SBUF_INIT, b = SBUF_INIT;
	const char *reason = rq->status == ST_BLOCKED ? "blocked_reason=TEXT" :
			     "stop_reason=TEXT";

	if (!errs->n)
		return;
	d = &errs->v[errs->n - 1];
	if (rq->status == ST_DONE) {
		char *w = xasprintf("use docket done %s --force --reason TEXT", rq->id);

		replace_all(&a, d->message, "say why with --reason TEXT", w);
		free(w);
	} else {
		replace_all(&a, d->message, "--reason TEXT", reason);
	}
	replace_all(&b, a.buf, "give --result ", "give result=");
	sbuf_reset(&a);
	replace_all(&a, b.buf, "with --result won|lost|inconclusive (and --actual VALUE",
		    "with result=won|lost|inconclusive (and actual=VALUE");
	free(d->message);
	d->message = sbuf_detach(&a, NULL);
	sbuf_release(&b);
}

int
set_run(struct ctx *ctx, struct set_req *rq)
{
	struct ws *w = ctx->ws;
	struct item *it, *tmp = NULL;
	struct edit_op *ops = NULL;
	char **keys = NULL;
	size_t nops = 0;
	struct sbuf a = SBUF_INIT, b = SBUF_INIT, msg = SBUF_INIT, sum = SBUF_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	struct sbuf wipnote = SBUF_INIT;
	struct transition t;
	long old_rank = 0;
	int rc;

	memset(&t, 0, sizeof(t));
	it = ws_item(ctx, w, rq->id);
	if (!it) {
		rc = EXIT_PROBLEMS;
		goto done;
	}
	ops = xcalloc((size_t)rq->npairs + 1, sizeof(*ops));
	keys = xcalloc((size_t)rq->npairs + 1, sizeof(*keys));
	for (int i = 0; i < rq->npairs; i++) {
		const char *value;

		if ((rc = ws_split_pair(ctx, rq->pairs[i], &keys[i], &value)))
			goto done;
		if (!strcmp(keys[i], "id")) {
			rc = out_usage_error(ctx, "an id is changed with docket renumber %s NEW", rq->id);
			goto done;
		}
		if (!strcmp(keys[i], "status")) {
			rq->status = item_status_parse(value);
			if (rq->status == ST_UNKNOWN) {
				out_error(ctx, "status must be one of idea, ready, planned, doing, blocked, done, stopped, not '%s'",
					  value);
				rc = EXIT_PROBLEMS;
				goto done;
			}
			rq->has_status = 1;
			continue;
		}
		if (!*value && required_key(keys[i])) {
			rc = out_usage_error(ctx, "%s is required; it cannot be removed", keys[i]);
			goto done;
		}
		if (*value && (rc = ws_check_value(ctx, &w->ss.bl.config, keys[i], value)))
			goto done;
		ops[nops].key = keys[i];
		ops[nops].value = value;
		ops[nops].type = edit_type_for(&w->ss.bl.config, keys[i]);
		ops[nops].remove = !*value;
		nops++;
	}
	if (edit_apply(&a, it->data, it->len, it->path, ops, nops, &d)) {
		out_diags(ctx, &d, SEV_ERROR);
		rc = EXIT_PROBLEMS;
		goto done;
	}
	sbuf_add(&b, a.buf, a.len);
	if (rq->has_status && rq->status == ST_DOING && it->status != ST_DOING &&
	    (rc = wip_gate(ctx, w, rq, it->id ? it->id : rq->id, &wipnote)))
		goto done;
	if (rq->has_status) {
		struct fm_opts fo = FM_OPTS_INIT;
		struct diag_list errs = DIAG_LIST_INIT;

		tmp = item_new(it->path, xmemdup0(a.buf, a.len), a.len, &fo);
		rc = transition_plan(&t, tmp, rq->status, &rq->topts, &errs);
		if (rc) {
			if (ctx->cmd == &cmd_set)
				set_words(&errs, rq);
			out_errs(ctx, &errs, NULL);
			rc = rc == DK_EUSAGE ? EXIT_USAGE : EXIT_PROBLEMS;
			goto done;
		}
		if (edit_apply(&b, a.buf, a.len, it->path, t.ops, t.nops, &d)) {
			out_diags(ctx, &d, SEV_ERROR);
			rc = EXIT_PROBLEMS;
			goto done;
		}
		old_rank = order_rank(&w->ss.bl.order, it->id ? it->id : rq->id);
		if (t.leave_order && old_rank) {
			order_remove(&w->ss.bl.order, it->id ? it->id : rq->id);
			w->order_changed = 1;
		}
	}
	if (b.len == it->len && !memcmp(b.buf, it->data, b.len) && !w->order_changed) {
		out_note(ctx, "%s: nothing to change", rq->id);
		rc = EXIT_OK;
		goto done;
	}

	/* the message: a status line, or the field changes */
	if (rq->has_status && t.from != t.to) {
		sbuf_addf(&sum, "%s: %s → %s", rq->id, item_status_name(t.from),
			  item_status_name(t.to));
	} else {
		size_t start;

		sbuf_addf(&sum, "Set %s ", rq->id);
		start = sum.len;
		for (size_t i = 0; i < nops; i++)
			describe_list(&sum, start, it, &ops[i]);
		for (size_t i = 0; i < t.nops; i++)
			describe_list(&sum, start, tmp, &t.ops[i]);
	}
	sbuf_addf(&msg, "%s\n", sum.buf);
	if (rq->has_status && t.from != t.to) {
		sbuf_addc(&msg, '\n');
		for (size_t i = 0; i < nops; i++)
			if (describe(&msg, it, &ops[i]))
				sbuf_addc(&msg, '\n');
		for (size_t i = 0; i < t.nops; i++) {
			if (!strcmp(t.ops[i].key, "status"))
				continue;
			if (describe(&msg, tmp, &t.ops[i]))
				sbuf_addc(&msg, '\n');
		}
		if (w->order_changed)
			sbuf_addf(&msg, "Leaves ORDER (was #%ld)\n", old_rank);
	}
	if (wipnote.len)
		sbuf_addf(&msg, "%s%s", rq->has_status && t.from != t.to ? "" : "\n",
			  wipnote.buf);
	change_write(&w->ch, it->path, b.buf, b.len);
	ws_queue_order(w);
	rc = ws_commit(ctx, w, msg.buf, sum.buf);
done:
	for (int i = 0; keys && i < rq->npairs; i++)
		free(keys[i]);
	free(keys);
	free(ops);
	item_free(tmp);
	sbuf_release(&a);
	sbuf_release(&b);
	sbuf_release(&msg);
	sbuf_release(&sum);
	sbuf_release(&wipnote);
	diag_list_release(&d);
	return rc;
}

static int
run(struct ctx *ctx)
{
	struct set_req rq;

	memset(&rq, 0, sizeof(rq));
	rq.id = ctx->pos[0];
	rq.pairs = ctx->pos + 1;
	rq.npairs = ctx->npos - 1;
	rq.topts.force = force;
	rq.over_wip = over_wip;
	return set_run(ctx, &rq);
}

int
set_status_wip(struct ctx *ctx, enum item_status status,
	       const struct transition_opts *topts, int over)
{
	struct set_req rq;

	memset(&rq, 0, sizeof(rq));
	rq.id = ctx->pos[0];
	rq.has_status = 1;
	rq.status = status;
	rq.topts = *topts;
	rq.over_wip = over;
	return set_run(ctx, &rq);
}

int
set_status(struct ctx *ctx, enum item_status status,
	   const struct transition_opts *topts)
{
	return set_status_wip(ctx, status, topts, 0);
}

static const struct arg args[] = {
	{ "ID", ARG_ID, "which item? give its id", NULL },
	{ "KEY=VALUE...", ARG_MANY, "what to set? give KEY=VALUE",
	  "a field; typed by the schema (numbers, dates, true/false, lists as a,b "
	  "or [a, b]); KEY= removes the field" },
	ARG_END,
};

static const struct opt opts[] = {
	OPT_FLAG("force", 0, &force,
		 "with status=done: even with unchecked Definition-of-Done boxes"),
	OPT_OVER_WIP(&over_wip),
	OPT_END,
};

const struct command cmd_set = {
	.name = "set",
	.summary = "change fields in place",
	.args = args,
	.opts = opts,
	.needs = NEED_WRITE,
	.details =
	"Only the field's own line changes: comments, order, quoting, CRLF and the\n"
	"body stay as they are. status=... is a transition: started/finished dates,\n"
	"required reasons and results, done and stopped items leave ORDER.\n",
	.run = run,
};
