/* write.c: the write session and helpers shared by the commands that
 * change the backlog (see write.h). */
#include "cmd/write.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/check.h"
#include "core/item.h"
#include "core/regex.h"
#include "core/schema.h"
#include "core/xalloc.h"

int
ws_begin(struct ctx *ctx, struct ws *w)
{
	int rc;

	memset(w, 0, sizeof(*w));
	rc = repo_open(&w->repo, ctx->dir);
	w->have_repo = rc == 0;
	/* a repository docket must not touch (another owner, a feature
	 * libgit2 cannot honour) is refused, never taken for "no git" */
	if (rc == DK_EREFUSED) {
		out_error(ctx, "%s", w->repo.err);
		return EXIT_USAGE;
	}
	change_init(&w->ch, w->have_repo ? &w->repo : NULL,
		    w->have_repo ? w->repo.workdir : NULL);
	w->ch.include_dirty = ctx->include_dirty;
	w->ch.commit = !ctx->no_commit;
	if (w->have_repo && !w->repo.workdir) {
		out_error(ctx, "this is a bare repository: docket changes files in a work tree");
		return EXIT_USAGE;
	}
	if (w->have_repo && (rc = change_begin(&w->ch, NULL))) {
		out_error(ctx, "%s", w->ch.err);
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
	if (change_commit(&w->ch, message)) {
		out_error(ctx, "%s", w->ch.err);
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

static int
in_list(const char *v, const char *const *values, size_t n)
{
	for (size_t i = 0; values && (n ? i < n : values[i] != NULL); i++)
		if (!strcmp(v, values[i]))
			return 1;
	return 0;
}

static void
list_values(struct sbuf *sb, const char *const *values, size_t n)
{
	for (size_t i = 0; values && (n ? i < n : values[i] != NULL); i++)
		sbuf_addf(sb, "%s%s", i ? ", " : "", values[i]);
}

int
ws_check_value(struct ctx *ctx, const struct config *c, const char *key,
	       const char *value)
{
	const struct builtin_field *b = schema_builtin(key);
	const struct field_def *f;
	enum schema_kind k = schema_kind_of(c, key, &f);
	struct sbuf sb = SBUF_INIT, tmp = SBUF_INIT;
	char why[256];
	double d;
	char *end;

	/* the text rules check applies (NUL, line breaks, UTF-8), before
	 * anything is written: docket never writes what it then rejects */
	if (check_text_value(value, strlen(value),
			     k == SK_CUSTOM ? f->type != FT_STRING && f->type != FT_LIST :
			     check_kind_one_line((int)k), why, sizeof(why)))
		return out_usage_error(ctx, "%s %s", key, why);
	if (edit_render_value(&tmp, value, edit_type_for(c, key), why, sizeof(why))) {
		sbuf_release(&tmp);
		return out_usage_error(ctx, "%s: %s", key, why);
	}
	sbuf_release(&tmp);
	switch (k) {
	case SK_ENUM:
		if (!in_list(value, b->values, 0)) {
			list_values(&sb, b->values, 0);
			out_usage_error(ctx, "%s must be one of %s, not '%s'", key, sb.buf, value);
			sbuf_release(&sb);
			return EXIT_USAGE;
		}
		break;
	case SK_SCORE:
		d = strtod(value, &end);
		if (d < 1 || d > 10)
			return out_usage_error(ctx, "%s is a whole number from 1 to 10, not '%s'", key, value);
		break;
	case SK_NUMBER:
		d = strtod(value, &end);
		if (!(d > 0) || isinf(d))
			return out_usage_error(ctx, "%s must be a number above 0, not '%s'", key, value);
		break;
	case SK_REMAINING:
		d = strtod(value, &end);
		if (end == value || *end || !(d >= 0) || isinf(d))
			return out_usage_error(ctx, "%s must be a number of 0 or more (the effort left), not '%s'", key, value);
		break;
	case SK_ID:
		if (!item_id_valid(value))
			return out_usage_error(ctx, "%s must be an item id like %s-12, not '%s'",
					       key, c->prefix ? c->prefix : "MKT", value);
		break;
	case SK_GOAL:
		if (c->ngoals && !config_goal(c, value))
			out_warning(ctx, "goal '%s' is not one of the goals in docket.yaml", value);
		break;
	case SK_CUSTOM:
		if (f->type == FT_ENUM && !in_list(value, f->values, f->nvalues)) {
			list_values(&sb, f->values, f->nvalues);
			out_usage_error(ctx, "%s must be one of %s, not '%s'", key, sb.buf, value);
			sbuf_release(&sb);
			return EXIT_USAGE;
		}
		if ((f->type == FT_INTEGER || f->type == FT_NUMBER) &&
		    ((f->has_min && strtod(value, &end) < f->min) ||
		     (f->has_max && strtod(value, &end) > f->max)))
			return out_usage_error(ctx, "%s is out of its range in docket.yaml: '%s'", key, value);
		if (f->re && regex_match(f->re, value, strlen(value), why, sizeof(why)) == 0)
			return out_usage_error(ctx, "%s does not match its pattern %s: '%s'",
					       key, f->pattern, value);
		break;
	case SK_UNKNOWN:
		out_warning(ctx, "'%s' is not a docket field nor declared under fields: in docket.yaml; written as text",
			    key);
		break;
	default:
		break;
	}
	return 0;
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
		size_t cut = start + 37;

		while (cut > start && ((unsigned char)out->buf[cut] & 0xc0) == 0x80)
			cut--;
		sbuf_setlen(out, cut);
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
ws_validate_item(struct ctx *ctx, const char *path)
{
	struct session ss;
	struct diag_list found = DIAG_LIST_INIT, mine = DIAG_LIST_INIT;
	struct check_opts co = CHECK_OPTS_INIT;
	size_t n = 0;

	if (session_load(ctx, &ss, NULL, BL_ALL, NULL, NULL)) {
		session_release(&ss);
		return 1;
	}
	check_backlog(&found, &ss.bl, &co);
	for (size_t i = 0; i < found.n; i++) {
		const struct diag *d = &found.v[i];

		if (d->severity == SEV_ERROR && d->file && !strcmp(d->file, path)) {
			diag_add(&mine, d->severity, d->rule, d->file, d->line,
				 d->column, "%s", d->message);
			n++;
		}
	}
	out_diags(ctx, &mine, SEV_ERROR);
	diag_list_release(&found);
	diag_list_release(&mine);
	session_release(&ss);
	return n;
}
