/* write.c: the write session and helpers shared by the commands that
 * change the backlog (see write.h). */
#include "cmd/write.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/check.h"
#include "core/item.h"
#include "core/ops.h"
#include "core/schema.h"
#include "core/text.h"
#include "core/utf8.h"
#include "core/validate.h"
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

void
ws_print_findings(struct ctx *ctx, const struct diag_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct diag_list one = DIAG_LIST_INIT;

		diag_copy(&one, &l->v[i]);
		out_diags(ctx, &one, SEV_WARNING);
		diag_list_release(&one);
		if (l->v[i].fix && l->v[i].severity == SEV_ERROR) {
			struct sbuf sb = SBUF_INIT;

			text_escape_term(&sb, l->v[i].fix, strlen(l->v[i].fix));
			fprintf(stderr, "  fix: %s\n", sb.buf);
			sbuf_release(&sb);
		}
	}
}

int
ws_validate_files(struct ctx *ctx, struct backlog *bl, struct source *src,
		  const struct validate_file *vf, size_t n)
{
	struct diag_list errors = DIAG_LIST_INIT, warnings = DIAG_LIST_INIT;
	size_t added;

	added = validate_files(&errors, &warnings, bl, src, vf, n);
	ws_print_findings(ctx, &warnings);
	if (added) {
		ws_print_findings(ctx, &errors);
		out_error(ctx, "refused: this change would add %zu error%s that docket check reports (above); nothing is written",
			  added, added == 1 ? "" : "s");
	}
	diag_list_release(&errors);
	diag_list_release(&warnings);
	return added ? EXIT_PROBLEMS : EXIT_OK;
}

void
ws_target(struct ws *w, struct ops_target *t)
{
	memset(t, 0, sizeof(*t));
	t->bl = &w->ss.bl;
	t->src = &w->ss.src;
	t->ch = &w->ch;
	t->repo = w->have_repo ? &w->repo : NULL;
	t->renamed_from = w->renamed_from;
	t->renamed_to = w->renamed_to;
}

int
ws_report(struct ctx *ctx, const struct ops_result *r, int rc,
	  struct diag_list *errs)
{
	if (r->wip_warning)
		out_warning(ctx, "%s", r->wip_warning);
	if (r->wip_note)
		out_note(ctx, "%s", r->wip_note);
	if (r->refused) {
		size_t n = diag_list_count(&r->findings, SEV_ERROR);

		ws_print_findings(ctx, &r->findings);
		out_error(ctx, "refused: this change would add %zu error%s that docket check reports (above); nothing is written",
			  n, n == 1 ? "" : "s");
		return EXIT_PROBLEMS;
	}
	ws_print_findings(ctx, &r->findings);
	if (rc) {
		if (errs->n > 1) {
			struct diag_list lead = DIAG_LIST_INIT;

			/* located problems (a file that does not parse) first */
			for (size_t i = 0; i + 1 < errs->n; i++)
				if (errs->v[i].file)
					diag_copy(&lead, &errs->v[i]);
			out_diags(ctx, &lead, SEV_ERROR);
			diag_list_release(&lead);
		}
		out_errs(ctx, errs, NULL);
		return rc == DK_EUSAGE ? EXIT_USAGE : EXIT_PROBLEMS;
	}
	diag_list_release(errs);
	if (r->nothing)
		out_note(ctx, "%s", r->summary);
	else if (r->committed)
		out_note(ctx, "%s [%s]", r->summary, r->commit);
	else if (r->unchanged)
		out_note(ctx, "%s (as committed already: nothing to commit)", r->summary);
	else
		out_note(ctx, "%s (not committed)", r->summary);
	return EXIT_OK;
}

int
ws_commit(struct ctx *ctx, struct ws *w, const char *message,
	  const char *summary)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct ops_target t;
	struct ops_result r;
	int rc;

	ws_target(w, &t);
	ops_result_init(&r);
	rc = ops_commit(&t, message, summary, &r, &errs);
	rc = ws_report(ctx, &r, rc, &errs);
	ops_result_release(&r);
	return rc;
}

void
ws_owner_notice(struct ctx *ctx, struct repo *r, const struct config *c,
		const char *order_path)
{
	char *name = NULL, *email = NULL;

	const struct rule_setting *rs = config_rule(c, "owner-order");

	if (!r || !r->git)
		return;
	/* a backlog with no owners: check --base refuses every change of
	 * ORDER (owner-order), until the rule is off or an owner listed */
	if (!c->nowners) {
		if (!rs || rs->severity != SEV_OFF)
			out_warning(ctx, "docket.yaml lists no owners, so CI (docket check --base) will refuse this change to %s (owner-order): add the Marketing Owner under owners: in docket.yaml, or set 'owner-order: off' under rules:",
				    order_path);
		return;
	}
	if (repo_identity(r, &name, &email))
		return;
	if (!config_is_owner(c, name, email))
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
	ops_rank_change(out, o, id, old_rank);
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
	struct diag_list errs = DIAG_LIST_INIT;
	int rc = 0;

	/* before anything is written: docket never writes what it then
	 * rejects; what check says of the item is validate on write's */
	if (ops_check_value(&errs, c, key, value, 0))
		rc = out_usage_error(ctx, "%s", diag_last_message(&errs));
	diag_list_release(&errs);
	return rc;
}

void
ws_show_value(struct sbuf *out, const struct item *it, const char *key)
{
	ops_show_value(out, it, key);
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
