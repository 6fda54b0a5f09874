/* tick.c: `docket tick ID BOX... [--undo]`: tick Definition-of-Done
 * boxes (core/dod.h): one byte each ('- [ ]' becomes '- [x]'), the
 * rest of the file as it is; commit "Tick ID: BOX, BOX". */
#include <stdlib.h>
#include <string.h>

#include "cmd/write.h"
#include "core/dod.h"

static int undo;

static void
list_boxes(struct sbuf *sb, const struct dod_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		sbuf_addf(sb, "%s%zu. %.*s", i ? ", " : "", i + 1, (int)l->v[i].len, l->v[i].text);
}

static int
run(struct ctx *ctx)
{
	struct ws *w = ctx->ws;
	const char *id = ctx->pos[0];
	struct item *it = ws_item(ctx, w, id);
	struct dod_list l = { NULL, 0 };
	struct sbuf text = SBUF_INIT, next = SBUF_INIT, names = SBUF_INIT;
	struct sbuf msg = SBUF_INIT, sum = SBUF_INIT, boxes = SBUF_INIT;
	int rc = EXIT_PROBLEMS;

	if (!it)
		return EXIT_PROBLEMS;
	dod_scan(&l, it->data, it->len, it->fm.body_off, it->fm.body_line);
	list_boxes(&boxes, &l);
	if (!l.n) {
		out_error(ctx, "%s has no Definition-of-Done boxes (a '## Definition of Done' section of '- [ ]' items)",
			  it->path);
		goto done;
	}
	sbuf_add(&text, it->data, it->len);
	for (int i = 1; i < ctx->npos; i++) {
		long k = dod_find(&l, ctx->pos[i]);

		if (k < 0) {
			out_error(ctx, k == -2 ? "'%s' is the start of several boxes of %s: give its number (%s)"
					       : "%s has no box '%s' (its boxes: %s)",
				  k == -2 ? ctx->pos[i] : id, k == -2 ? id : ctx->pos[i], boxes.buf);
			goto done;
		}
		if (!l.v[k].checked != !undo)
			continue;       /* as asked already */
		dod_set(&next, text.buf, text.len, &l.v[k], !undo);
		sbuf_reset(&text);
		sbuf_add(&text, next.buf, next.len);
		sbuf_addf(&names, "%s%.*s", names.len ? ", " : "", (int)l.v[k].len, l.v[k].text);
	}
	if (!names.len) {
		out_note(ctx, "%s: %s already: nothing to change", id, undo ? "unticked" : "ticked");
		rc = EXIT_OK;
		goto done;
	}
	sbuf_addf(&sum, "%s %s: %s", undo ? "Untick" : "Tick", id, names.buf);
	sbuf_addf(&msg, "%s\n", sum.buf);
	change_write(&w->ch, it->path, text.buf, text.len);
	rc = ws_commit(ctx, w, msg.buf, sum.buf);
done:
	dod_list_release(&l);
	sbuf_release(&text);
	sbuf_release(&next);
	sbuf_release(&names);
	sbuf_release(&msg);
	sbuf_release(&sum);
	sbuf_release(&boxes);
	return rc;
}

static const struct arg args[] = {
	{ "ID", ARG_ID, "tick takes an id and the boxes: tick ID BOX...", NULL },
	{ "BOX...", ARG_MANY, "which box? give its number (1 for the first) or the start of its text",
	  "a box: its number (1 for the first) or the start of its text" },
	ARG_END,
};

static const struct opt opts[] = {
	OPT_FLAG("undo", 'u', &undo, "untick the boxes instead"),
	OPT_END,
};

const struct command cmd_tick = {
	.name = "tick",
	.summary = "tick Definition-of-Done boxes of an item",
	.args = args,
	.opts = opts,
	.needs = NEED_WRITE,
	.details =
	"Changes the one character between the box's brackets ('- [ ]' becomes\n"
	"'- [x]'); the rest of the file stays as it is. Commits 'Tick ID: BOX'.\n",
	.run = run,
};
