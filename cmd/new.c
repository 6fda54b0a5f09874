/* new.c: `docket new TITLE [--type T] [--set K=V]... [--body TEXT|-]
 * [--top|--bottom|--before ID|--after ID] [--edit]`: the next free id, a
 * file from the template (the description, then the Definition-of-Done
 * boxes), an optional rank; commit "Add MKT-43: TITLE".  new_run also
 * serves `followup`. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/write.h"
#include "core/check.h"
#include "core/date.h"
#include "core/fsutil.h"
#include "core/utf8.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "core/yaml_scalar.h"

/* The highest number used by any id: branch tips, the work tree, ORDER. */
static long
max_id(struct ctx *ctx, struct ws *w)
{
	const struct backlog *bl = &w->ss.bl;
	const char *prefix = bl->config.prefix;
	long max = 0, n;
	struct diag_list errs = DIAG_LIST_INIT;

	if (w->have_repo) {
		if (repo_max_id(&w->repo, bl->items_rel, prefix, &max, &errs)) {
			out_warning(ctx, "%s; the new id is based on the work tree only",
				    diag_last_message(&errs));
			diag_list_release(&errs);
			max = 0;
		}
	}
	{
		char **names = NULL;
		size_t nn = 0;

		if (w->ss.src.list(&w->ss.src, bl->config.items, &names, &nn, NULL) == 0) {
			for (size_t i = 0; i < nn; i++) {
				char *id = item_id_from_filename(names[i]);

				if ((n = item_id_number(id, prefix)) > max)
					max = n;
				free(id);
			}
			source_names_free(names, nn);
		}
	}
	for (size_t i = 0; i < bl->order.nlines; i++)
		if ((n = item_id_number(bl->order.lines[i].id, prefix)) > max)
			max = n;
	return max;
}

/* Apply one KEY=VALUE to the file text in cur. */
static int
apply_set(struct ctx *ctx, struct ws *w, struct sbuf *cur, const char *path,
	  const char *pair)
{
	struct sbuf next = SBUF_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	char *key = NULL;
	const char *value;
	int rc;

	if ((rc = ws_split_pair(ctx, pair, &key, &value)))
		return rc;
	if (!strcmp(key, "id")) {
		free(key);
		return out_usage_error(ctx, "the id is chosen by docket new");
	}
	if (*value && (rc = ws_check_value(ctx, &w->ss.bl.config, key, value))) {
		free(key);
		return rc;
	}
	rc = *value ? edit_set(&next, cur->buf, cur->len, path, key, value,
			       edit_type_for(&w->ss.bl.config, key), &d) :
		      edit_remove(&next, cur->buf, cur->len, path, key, &d);
	if (rc) {
		out_diags(ctx, &d, SEV_ERROR);
		rc = EXIT_PROBLEMS;
	} else {
		sbuf_reset(cur);
		sbuf_add(cur, next.buf, next.len);
	}
	free(key);
	sbuf_release(&next);
	diag_list_release(&d);
	return rc;
}

/* Copy a parent's field (scalar or list) into cur. */
static int
inherit(struct ctx *ctx, struct sbuf *cur, const char *path,
	const struct item *parent, const char *key)
{
	const struct ynode *v = item_get(parent, key);
	struct sbuf next = SBUF_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	int rc = 0;

	if (!v || (v->type == YNODE_SCALAR && (!v->len || ynode_kind(v) == YKIND_NULL)))
		return 0;
	if (v->type == YNODE_SEQ) {
		const char **items = xcalloc(v->nkids + 1, sizeof(*items));
		size_t n = 0;

		for (size_t i = 0; i < v->nkids; i++)
			if (v->kids[i]->type == YNODE_SCALAR)
				items[n++] = v->kids[i]->text;
		rc = edit_set_list(&next, cur->buf, cur->len, path, key, items, n, &d);
		free(items);
	} else if (v->type == YNODE_SCALAR) {
		rc = edit_set(&next, cur->buf, cur->len, path, key, v->text,
			      EDIT_STRING, &d);
	}
	if (rc) {
		out_diags(ctx, &d, SEV_ERROR);
		rc = EXIT_PROBLEMS;
	} else if (next.len) {
		sbuf_reset(cur);
		sbuf_add(cur, next.buf, next.len);
	}
	sbuf_release(&next);
	diag_list_release(&d);
	return rc;
}

/* The checks before the write session begins; 0 or EXIT_USAGE. */
static int
new_check(struct ctx *ctx, const struct new_req *rq)
{
	const char *type = rq->type ? rq->type : "experiment";
	struct diag_list why = DIAG_LIST_INIT;

	if (!*rq->title)
		return out_usage_error(ctx, "the title must be one non-empty line");
	/* what check would reject is never written */
	if (check_text_value(rq->title, strlen(rq->title), 1, &why)) {
		int rc = out_usage_error(ctx, "the title %s", diag_last_message(&why));

		diag_list_release(&why);
		return rc;
	}
	if (item_type_parse(type) == TYPE_UNKNOWN)
		return out_usage_error(ctx, "type must be experiment, bau or improvement, not '%s'", type);
	return EXIT_OK;
}

/* Create the item in the write session ctx->ws. */
/* new --edit: validate the text the editor saved in full (a new file). */
static int
new_validate_saved(struct ctx *ctx, struct ws *w, const char *path,
		   const char *full)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct validate_file vf;
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (fsutil_read(full, LIMIT_FILE, 0, &data, &len, &errs)) {
		out_errs(ctx, &errs, "%s", path);
		return EXIT_PROBLEMS;
	}
	memset(&vf, 0, sizeof(vf));
	vf.path = path;
	vf.have_before = 1;
	vf.after = data;
	vf.alen = len;
	rc = ws_validate_files(ctx, &w->ss.bl, &w->ss.src, &vf, 1);
	free(data);
	return rc;
}

/* new --edit: did the editor leave the file empty (blanks only)?  As
 * an empty message aborts git commit, an emptied file abandons the item. */
static int
new_saved_empty(const char *full)
{
	char *data = NULL;
	size_t len = 0;
	int empty = 1;

	if (fsutil_read(full, LIMIT_FILE, 0, &data, &len, NULL))
		return 0;
	for (size_t i = 0; i < len && empty; i++)
		empty = data[i] == ' ' || data[i] == '\t' || data[i] == '\n' ||
			data[i] == '\r';
	free(data);
	return empty;
}

/* Take back what new --edit wrote before the editor ran: the item file,
 * and its line of ORDER.  EXIT_PROBLEMS, after saying so. */
static int
new_abandon(struct ctx *ctx, struct ws *w, const char *id, const char *path)
{
	struct diag_list errs = DIAG_LIST_INIT;

	if (w->order_changed && order_remove(&w->ss.bl.order, id) == 0)
		ws_queue_order(w);
	change_delete(&w->ch, path);
	w->ch.commit = 0;
	if (change_commit(&w->ch, NULL, &errs)) {
		out_errs(ctx, &errs, NULL);
		out_error(ctx, "%s was emptied in the editor, but could not be removed", path);
		return EXIT_PROBLEMS;
	}
	out_error(ctx, "%s is not added: you emptied the file in the editor (it is removed%s)",
		  id, w->order_changed ? ", and ORDER is as it was" : "");
	return EXIT_PROBLEMS;
}

static int
new_run(struct ctx *ctx, const struct new_req *rq)
{
	struct ws *w = ctx->ws;
	const struct config *cfg;
	struct item *parent = NULL;
	struct sbuf text = SBUF_INIT, msg = SBUF_INIT, sum = SBUF_INIT;
	struct diag_list errs = DIAG_LIST_INIT;
	char *id = NULL, *path = NULL, *full = NULL, today[16];
	const char *type = rq->type ? rq->type : "experiment";
	int rc;

	cfg = &w->ss.bl.config;
	if (rq->follows && !(parent = ws_item(ctx, w, rq->follows))) {
		rc = EXIT_PROBLEMS;
		goto done;
	}
	id = xasprintf("%s-%ld", cfg->prefix, max_id(ctx, w) + 1);
	path = xasprintf("%s%s.md", w->ss.bl.items_rel, id);
	full = xasprintf("%s/%s", w->ch.top, path);
	if (fsutil_exists(full)) {
		out_error(ctx, "%s already exists", path);
		rc = EXIT_PROBLEMS;
		goto done;
	}
	date_format(today, sizeof(today), date_today());

	/* the template */
	sbuf_addf(&text, "---\nid: %s\ntitle: ", id);
	yaml_scalar_str(&text, rq->title, strlen(rq->title), 0, YSTYLE_PLAIN);
	sbuf_addf(&text, "\ntype: %s\nstatus: idea\ncreated: %s\n---\n", type, today);
	if (rq->body && rq->body_len) {
		sbuf_add(&text, rq->body, rq->body_len);
		if (rq->body[rq->body_len - 1] != '\n')
			sbuf_addc(&text, '\n');
	}
	{
		/* the Definition of Done of its type (docket.yaml may give one
		 * per type); --set type=... counts */
		const char *t = type;
		const char *const *dod;
		size_t ndod;

		for (size_t i = 0; rq->sets && i < rq->sets->n; i++)
			if (!strncmp(rq->sets->v[i], "type=", 5))
				t = rq->sets->v[i] + 5;
		dod = config_dod(cfg, item_type_parse(t), &ndod);
		if (ndod) {
			sbuf_adds(&text, "\n## Definition of Done\n");
			for (size_t i = 0; i < ndod; i++)
				sbuf_addf(&text, "- [ ] %s\n", dod[i]);
		}
	}
	if (parent) {
		struct sbuf next = SBUF_INIT;
		struct diag_list d = DIAG_LIST_INIT;

		rc = edit_set(&next, text.buf, text.len, path, "follows",
			      parent->id ? parent->id : rq->follows, EDIT_STRING, &d);
		if (!rc) {
			sbuf_reset(&text);
			sbuf_add(&text, next.buf, next.len);
		} else {
			out_diags(ctx, &d, SEV_ERROR);   /* never a silent exit 1 */
		}
		sbuf_release(&next);
		diag_list_release(&d);
		if (rc || (rc = inherit(ctx, &text, path, parent, "goal")) ||
		    (rc = inherit(ctx, &text, path, parent, "campaign")) ||
		    (rc = inherit(ctx, &text, path, parent, "tags"))) {
			rc = EXIT_PROBLEMS;
			goto done;
		}
	}
	for (size_t i = 0; i < rq->sets->n; i++)
		if ((rc = apply_set(ctx, w, &text, path, rq->sets->v[i])))
			goto done;

	sbuf_addf(&sum, "Add %s: %s", id, rq->title);
	sbuf_addf(&msg, "%s\n", sum.buf);
	if (parent)
		sbuf_addf(&msg, "\nFollows %s.\n", rq->follows);
	if (rq->place->have) {
		int r = order_insert(&w->ss.bl.order, id, &rq->place->place);
		struct sbuf rk = SBUF_INIT;

		if (r == DK_ENOTFOUND) {
			out_error(ctx, "%s is not in %s; rank it first", rq->place->place.ref,
				  w->ss.bl.order_path);
			rc = EXIT_PROBLEMS;
			goto done;
		}
		if (r) {
			rc = out_usage_error(ctx, "bad placement");
			goto done;
		}
		w->order_changed = 1;
		ws_rank_change(&rk, &w->ss.bl.order, id, 0);
		sbuf_addf(&msg, "%sRanked %s.\n", parent ? "" : "\n", rk.buf + strlen("unranked → "));
		sbuf_release(&rk);
	}
	change_write(&w->ch, path, text.buf, text.len);
	ws_queue_order(w);
	if (rq->edit) {
		int commit = w->ch.commit;

		if (commit && change_check_dirty(&w->ch, &errs)) {
			out_errs(ctx, &errs, NULL);
			rc = EXIT_PROBLEMS;
			goto done;
		}
		w->ch.commit = 0;
		if (change_commit(&w->ch, msg.buf, &errs)) {
			out_errs(ctx, &errs, NULL);
			rc = EXIT_PROBLEMS;
			goto done;
		}
		if (ws_run_editor(ctx, full)) {
			out_error(ctx, "%s is written but not committed", path);
			rc = EXIT_PROBLEMS;
			goto done;
		}
		if (new_saved_empty(full)) {
			rc = new_abandon(ctx, w, id, path);
			goto done;
		}
		if (new_validate_saved(ctx, w, path, full)) {
			out_error(ctx, "%s is kept as you saved it, but not committed: fix it, then docket edit %s --include-dirty commits it (or git add and git commit)",
				  path, id);
			rc = EXIT_PROBLEMS;
			goto done;
		}
		for (size_t i = 0; i < w->ch.nfiles; i++)
			w->ch.files[i].op = CHANGE_ONDISK;
		w->ch.commit = commit;
		w->ch.include_dirty = 1;
	}
	rc = ws_commit(ctx, w, msg.buf, sum.buf);
	/* the id even with -q: id=$(docket -q new ...) */
	if (rc == EXIT_OK)
		printf("%s\n", id);
done:
	free(id);
	free(path);
	free(full);
	sbuf_release(&text);
	sbuf_release(&msg);
	sbuf_release(&sum);
	return rc;
}

static const char *type, *body;
static struct opt_list sets;
static struct sbuf body_in = SBUF_INIT;
static struct ws_place place;
static int edit;
static struct new_req rq;

/* --body -: the description from standard input, bounded like a file. */
static int
read_body(struct ctx *ctx)
{
	size_t max = limit_bytes(LIMIT_FILE);
	char buf[65536];
	ssize_t n;

	while ((n = read(0, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			out_error(ctx, "cannot read the description from standard input: %s",
				  strerror(errno));
			return EXIT_USAGE;
		}
		if (body_in.len + (size_t)n > max) {
			out_error(ctx, "the description on standard input is over %s",
				  limit_name(LIMIT_FILE));
			return EXIT_USAGE;
		}
		sbuf_add(&body_in, buf, (size_t)n);
	}
	return EXIT_OK;
}

/* new TITLE, or followup ID TITLE */
int
new_prepare(struct ctx *ctx)
{
	int rc;

	if (body && !strcmp(body, "-")) {
		if ((rc = read_body(ctx)))
			return rc;
		rq.body = body_in.buf;
		rq.body_len = body_in.len;
	} else if (body) {
		rq.body = body;
		rq.body_len = strlen(body);
	}
	if (rq.body && (memchr(rq.body, '\0', rq.body_len) ||
			!utf8_valid(rq.body, rq.body_len)))
		return out_usage_error(ctx, "the description must be UTF-8 text (no NUL byte)");
	rq.follows = ctx->npos == 2 ? ctx->pos[0] : NULL;
	rq.title = ctx->pos[ctx->npos - 1];
	rq.type = type;
	rq.sets = &sets;
	rq.place = &place;
	rq.edit = edit;
	return new_check(ctx, &rq);
}

int
new_cmd_run(struct ctx *ctx)
{
	return new_run(ctx, &rq);
}

static const struct arg args[] = {
	{ "TITLE", 0, "what is the idea? give a title", NULL },
	ARG_END,
};

/* followup takes them from --set on */
const struct opt new_opts[] = {
	OPT_CHOICE("type", 't', &type, "T", "experiment|bau|improvement",
		   "the type (default experiment)"),
	OPT_LIST("set", 's', &sets, "K=V",
		 "set a field (repeatable); values are typed by the schema"),
	OPT_STRING("body", 'b', &body, "TEXT",
		   "the description (Markdown), before the Definition-of-Done\n"
		   "boxes; - reads it from standard input"),
	OPT_PLACE("top", &place, WO_TOP, NULL, "also rank it in ORDER, first (by "
		  "default it is unranked)", OPT_JOIN),
	OPT_PLACE("bottom", &place, WO_BOTTOM, NULL, "also rank it in ORDER, last", OPT_JOIN),
	OPT_PLACE("before", &place, WO_BEFORE, "ID", "also rank it just above ID", OPT_JOIN),
	OPT_PLACE("after", &place, WO_AFTER, "ID", "also rank it just below ID", 0),
	OPT_FLAG("edit", 'e', &edit, "open the new file in $VISUAL/$EDITOR before committing"),
	OPT_END,
};

const struct command cmd_new = {
	.name = "new",
	.summary = "add an item with the next free id",
	.args = args,
	.extra = "give the title as one argument (quote it)",
	.opts = new_opts,
	.needs = NEED_WRITE,
	.details =
	"The file gets status idea, today's created date and the Definition of\n"
	"Done boxes of docket.yaml. The id is one above the highest on any local\n"
	"or remote-tracking branch. Prints the new id; commits 'Add ID: TITLE'.\n",
	.prepare = new_prepare,
	.run = new_cmd_run,
};
