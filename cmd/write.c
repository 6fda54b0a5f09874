/* write.c: the write session and helpers shared by the commands that
 * change the backlog (see write.h). */
#include "cmd/write.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/check.h"
#include "core/check_write.h"
#include "core/item.h"
#include "core/schema.h"
#include "core/utf8.h"
#include "core/xalloc.h"

int
ws_begin(struct ctx *ctx, struct ws *w)
{
	struct diag_list errs = DIAG_LIST_INIT;
	int rc;

	memset(w, 0, sizeof(*w));
	rc = repo_open(&w->repo, ctx->dir, &errs);
	w->have_repo = rc == 0;
	/* a repository docket must not touch (another owner, a feature
	 * libgit2 cannot honour) is refused, never taken for "no git" */
	if (rc == DK_EREFUSED) {
		out_errs(ctx, &errs, NULL);
		return EXIT_USAGE;
	}
	diag_list_release(&errs);         /* not in a repository: no commit */
	change_init(&w->ch, w->have_repo ? &w->repo : NULL,
		    w->have_repo ? w->repo.workdir : NULL);
	w->ch.include_dirty = ctx->include_dirty;
	w->ch.no_verify = ctx->no_verify;
	w->ch.commit = !ctx->no_commit;
	if (w->have_repo && !w->repo.workdir) {
		out_error(ctx, "this is a bare repository: docket changes files in a work tree");
		return EXIT_USAGE;
	}
	if (w->have_repo && (rc = change_begin(&w->ch, NULL, &errs))) {
		out_errs(ctx, &errs, NULL);
		return EXIT_PROBLEMS;
	}
	if (w->ch.note[0])
		out_warning(ctx, "%s", w->ch.note);
	if ((rc = session_load(ctx, &w->ss, NULL, 0, NULL, NULL)))
		return rc;
	if (!w->ss.bl.config_ok) {
		out_diags(ctx, &w->ss.bl.diags, SEV_ERROR);
		out_error(ctx, "fix docket.yaml first");
		return EXIT_USAGE;
	}
	if (!w->have_repo) {
		free(w->ch.top);
		w->ch.top = xstrdup(w->ss.bl.top ? w->ss.bl.top : w->ss.bl.root);
	}
	if (!w->ss.bl.config.commit)
		w->ch.commit = 0;
	if (w->ch.commit && !w->have_repo) {
		out_error(ctx, "not in a git repository: nothing can be committed (use --no-commit to only write the files)");
		return EXIT_PROBLEMS;
	}
	if (w->ss.bl.order.conflict_line) {
		out_error(ctx, "%s:%d: ORDER has merge-conflict markers: resolve the conflict first (docket merge-order merges reorderings), then run docket again",
			  w->ss.bl.order_path, w->ss.bl.order.conflict_line);
		return EXIT_PROBLEMS;
	}
	/* a file docket cannot parse is never replaced, nor acted on */
	if (w->ss.bl.order_bad) {
		out_file_diags(ctx, &w->ss.bl.diags, w->ss.bl.order_path);
		out_error(ctx, "%s cannot be read (above): docket changes nothing until it is fixed (docket check shows every problem)",
			  w->ss.bl.order_path);
		return EXIT_PROBLEMS;
	}
	return EXIT_OK;
}

void
ws_end(struct ws *w)
{
	change_release(&w->ch);
	session_release(&w->ss);
	if (w->have_repo)
		repo_close(&w->repo);
	memset(w, 0, sizeof(*w));
}

struct item *
ws_item(struct ctx *ctx, struct ws *w, const char *id)
{
	struct item *it = session_item(ctx, &w->ss, id);

	if (it && !it->parsed) {
		out_diags(ctx, &w->ss.bl.diags, SEV_ERROR);
		out_error(ctx, "%s does not parse; fix it by hand first (docket edit %s)",
			  it->path, id);
		return NULL;
	}
	return it;
}

void
ws_queue_order(struct ws *w)
{
	struct sbuf sb = SBUF_INIT;

	if (!w->order_changed)
		return;
	order_render(&w->ss.bl.order, &sb);
	change_write(&w->ch, w->ss.bl.order_path, sb.buf, sb.len);
	sbuf_release(&sb);
}

int
ws_commit(struct ctx *ctx, struct ws *w, const char *message,
	  const char *summary)
{
	struct diag_list errs = DIAG_LIST_INIT;

	if (change_commit(&w->ch, message, &errs)) {
		out_errs(ctx, &errs, NULL);
		return EXIT_PROBLEMS;
	}
	if (w->ch.committed)
		out_note(ctx, "%s [%s]", summary, w->ch.commit_id);
	else if (w->ch.unchanged)
		out_note(ctx, "%s (as committed already: nothing to commit)", summary);
	else
		out_note(ctx, "%s (not committed)", summary);
	return EXIT_OK;
}

void
ws_owner_notice(struct ctx *ctx, struct repo *r, const struct config *c,
		const char *order_path)
{
	char *name = NULL, *email = NULL;

	if (!r || !r->git || repo_identity(r, &name, &email))
		return;
	if (c->nowners && !config_is_owner(c, name, email))
		out_warning(ctx, "%s <%s> is not an owner of this backlog (owners: in docket.yaml): CI (docket check --base) will ask an owner's approval of this change to %s; an owner reviews it and runs docket approve on this branch",
			    name, email, order_path);
	free(name);
	free(email);
}

int
ws_place_opt(struct ctx *ctx, const struct opt *o, const char *arg)
{
	struct ws_place *wp = o->value;
	struct order_place *p = &wp->place;
	int id = o->tag;

	if (wp->have)
		return out_usage_error(ctx, "give one of --top, --bottom, --to, --before, --after");
	wp->have = 1;
	memset(p, 0, sizeof(*p));
	switch (id) {
	case WO_TOP:
		p->where = ORDER_TOP;
		break;
	case WO_BOTTOM:
		p->where = ORDER_BOTTOM;
		break;
	case WO_TO: {
		char *end;
		long n = strtol(arg, &end, 10);

		if (*end || end == arg || n < 1 || n > 100000000L)
			return out_usage_error(ctx, "--to takes a rank, 1 or more, not '%s'", arg);
		p->where = ORDER_INDEX;
		p->index = n;
		break;
	}
	case WO_BEFORE:
	case WO_AFTER:
		if (check_id_arg(ctx, arg))
			return EXIT_USAGE;
		p->where = id == WO_BEFORE ? ORDER_BEFORE : ORDER_AFTER;
		p->ref = arg;
		break;
	default:
		return EXIT_USAGE;
	}
	return 0;
}

void
ws_rank_change(struct sbuf *out, const struct order *o, const char *id,
	       long old_rank)
{
	long r = order_rank(o, id);
	const char *below = order_id_at(o, r + 1), *above = order_id_at(o, r - 1);

	if (old_rank)
		sbuf_addf(out, "#%ld → ", old_rank);
	else
		sbuf_adds(out, "unranked → ");
	sbuf_addf(out, "#%ld", r);
	if (below)
		sbuf_addf(out, " (above %s)", below);
	else if (above)
		sbuf_addf(out, " (below %s)", above);
}

int
ws_split_pair(struct ctx *ctx, const char *s, char **key, const char **value)
{
	const char *eq = strchr(s, '=');

	if (!eq || eq == s)
		return out_usage_error(ctx, "'%s' is not KEY=VALUE", s);
	*key = xstrndup(s, (size_t)(eq - s));
	*value = eq + 1;
	if (!edit_key_valid(*key)) {
		out_usage_error(ctx, "'%s' is not a field name", *key);
		free(*key);
		*key = NULL;
		return EXIT_USAGE;
	}
	return 0;
}

int
ws_check_value(struct ctx *ctx, const struct config *c, const char *key,
	       const char *value)
{
	struct sbuf doc = SBUF_INIT;
	struct diag_list errs = DIAG_LIST_INIT, found = DIAG_LIST_INIT;
	struct ynode *root = NULL;
	const struct diag *refuse = NULL;
	enum schema_kind kind = schema_kind_of(c, key, NULL);
	int rc = 0;

	/* the text rules check applies (NUL, line breaks, UTF-8), before
	 * anything is written: docket never writes what it then rejects */
	{
		const struct field_def *f = NULL;
		enum schema_kind k = schema_kind_of(c, key, &f);

		if (check_text_value(value, strlen(value),
				     k == SK_CUSTOM ? f->type != FT_STRING && f->type != FT_LIST :
				     check_kind_one_line((int)k), &errs)) {
			rc = out_usage_error(ctx, "%s %s", key, diag_last_message(&errs));
			goto done;
		}
	}
	/* the value as it will be written, read back: check_value then sees
	 * exactly what `check` will */
	sbuf_addf(&doc, "%s: ", key);
	if (edit_render_value(&doc, value, edit_type_for(c, key), &errs)) {
		rc = out_usage_error(ctx, "%s: %s", key, diag_last_message(&errs));
		goto done;
	}
	if (ynode_parse(&root, doc.buf, doc.len, NULL, NULL) == 0 && root &&
	    root->nkids == 2)
		check_value(&found, c, NULL, root->kids[0], root->kids[1]);
	for (size_t i = 0; i < found.n; i++) {
		struct diag *d = &found.v[i];

		d->severity = check_rule_severity(c, (enum check_rule)check_rule_find(d->rule));
		if (d->severity == SEV_ERROR && !refuse)
			refuse = d;
		else if (d->severity == SEV_WARNING)
			out_warning(ctx, "%s", d->message);
	}
	if (refuse) {
		rc = out_usage_error(ctx, "%s", refuse->message);
		goto done;
	}
	if (kind == SK_GOAL && c->ngoals && !config_goal(c, value))
		out_warning(ctx, "goal '%s' is not one of the goals in docket.yaml", value);
	else if (kind == SK_UNKNOWN)
		out_warning(ctx, "'%s' is not a docket field nor declared under fields: in docket.yaml; written as text",
			    key);
done:
	ynode_free(root);
	sbuf_release(&doc);
	diag_list_release(&errs);
	diag_list_release(&found);
	return rc;
}

void
ws_show_value(struct sbuf *out, const struct item *it, const char *key)
{
	const struct ynode *n = item_get(it, key);
	size_t start = out->len;

	if (!n)
		return;
	if (n->type == YNODE_SCALAR) {
		sbuf_add(out, n->text, n->len);
	} else if (n->type == YNODE_SEQ) {
		sbuf_addc(out, '[');
		for (size_t i = 0; i < n->nkids; i++)
			if (n->kids[i]->type == YNODE_SCALAR)
				sbuf_addf(out, "%s%s", i ? ", " : "", n->kids[i]->text);
		sbuf_addc(out, ']');
	} else {
		sbuf_adds(out, "{...}");
	}
	for (size_t i = start; i < out->len; i++)
		if (out->buf[i] == '\n' || out->buf[i] == '\r')
			out->buf[i] = ' ';
	if (out->len - start > 40) {
		sbuf_setlen(out, start + utf8_floor(out->buf + start, out->len - start, 37));
		sbuf_adds(out, "...");
	}
}

int
ws_run_editor(struct ctx *ctx, const char *path)
{
	const char *ed = getenv("VISUAL");
	pid_t pid;
	int status;

	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		out_error(ctx, "cannot start the editor: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		/* as git: the editor is a shell snippet; the path is "$1" */
		char *cmd = xasprintf("%s \"$@\"", ed);

		execl("/bin/sh", "sh", "-c", cmd, ed, path, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			out_error(ctx, "lost the editor: %s", strerror(errno));
			return -1;
		}
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		out_error(ctx, "the editor '%s' failed (exit %d); nothing is committed",
			  ed, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return -1;
	}
	return 0;
}

size_t
ws_validate_item(struct ctx *ctx, const char *path, const char *before, size_t blen)
{
	struct session ss;
	struct diag_list mine = DIAG_LIST_INIT;
	const struct item *it = NULL;
	size_t n;

	if (session_load(ctx, &ss, NULL, BL_ALL, NULL, NULL)) {
		session_release(&ss);
		return 1;
	}
	for (size_t i = 0; i < ss.bl.nitems && !it; i++)
		if (!strcmp(ss.bl.items[i]->path, path))
			it = ss.bl.items[i];
	if (!it) {
		out_error(ctx, "%s cannot be read back to check it", path);
		session_release(&ss);
		return 1;
	}
	{
		/* the check swaps the item out of the backlog for a while */
		char *after = xmemdup0(it->data, it->len);
		size_t alen = it->len;

		n = check_write_item(&mine, &ss.bl, path, before, blen, after, alen);
		free(after);
	}
	out_diags(ctx, &mine, SEV_ERROR);
	diag_list_release(&mine);
	session_release(&ss);
	return n;
}
