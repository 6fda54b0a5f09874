/* set.c: `docket set ID K=V...`: change fields in place; a status
 * change goes through core/transition (dates, reasons, ORDER). */
#include <stdlib.h>
#include <string.h>

#include "cmd/write.h"
#include "core/check.h"
#include "core/ops.h"
#include "core/xalloc.h"

static int force, over_wip;

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
	struct ops_set_req q;
	struct ops_target t;
	struct ops_result r;
	struct diag_list errs = DIAG_LIST_INIT;
	char **keys = xcalloc((size_t)rq->npairs + 1, sizeof(*keys));
	const char **vals = xcalloc((size_t)rq->npairs + 1, sizeof(*vals));
	size_t n = 0;
	int rc = EXIT_OK;

	memset(&q, 0, sizeof(q));
	ops_result_init(&r);
	if (check_id_arg(ctx, rq->id)) {
		rc = EXIT_USAGE;
		goto done;
	}
	for (int i = 0; i < rq->npairs; i++) {
		const char *value;

		if ((rc = ws_split_pair(ctx, rq->pairs[i], &keys[n], &value)))
			goto done;
		if (!strcmp(keys[n], "status")) {
			struct diag_list e = DIAG_LIST_INIT;

			/* text check rejects (a line break, bad UTF-8) is bad
			 * input; a status that is not one is refused below */
			if (check_text_value(value, strlen(value), 1, &e)) {
				rc = out_usage_error(ctx, "status %s", diag_last_message(&e));
				diag_list_release(&e);
				goto done;
			}
			rq->status = item_status_parse(value);
			free(keys[n]);
			keys[n] = NULL;
			if (rq->status == ST_UNKNOWN) {
				out_error(ctx, "status must be one of idea, ready, planned, doing, blocked, done, stopped, not '%s'",
					  value);
				rc = EXIT_PROBLEMS;
				goto done;
			}
			rq->has_status = 1;
			continue;
		}
		vals[n++] = value;
	}
	q.id = rq->id;
	q.keys = (const char *const *)keys;
	q.values = vals;
	q.n = n;
	q.has_status = rq->has_status;
	q.status = rq->status;
	q.topts = rq->topts;
	q.over_wip = rq->over_wip;
	ws_target(w, &t);
	rc = ops_set(&t, &q, &r, &errs);
	if (rc == DK_EREFUSED && ctx->cmd == &cmd_set)
		set_words(&errs, rq);
	if (rc == DK_EUSAGE) {
		rc = out_usage_error(ctx, "%s", diag_last_message(&errs));
		diag_list_release(&errs);
		goto done;
	}
	rc = ws_report(ctx, &r, rc, &errs);
done:
	for (int i = 0; i < rq->npairs; i++)
		free(keys[i]);
	free(keys);
	free(vals);
	ops_result_release(&r);
	diag_list_release(&errs);
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
