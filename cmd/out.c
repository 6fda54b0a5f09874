/* out.c: messages, diagnostics and loading helpers for every command. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/item.h"
#include "core/repo.h"
#include "core/text.h"
#include "core/xalloc.h"

#define C_RED "\033[31m"
#define C_YELLOW "\033[33m"
#define C_BOLD "\033[1m"
#define C_RESET "\033[0m"

void
out_sbuf(struct ctx *ctx, const struct sbuf *sb)
{
	(void)ctx;
	if (sb->len)
		fwrite(sb->buf, 1, sb->len, stdout);
}

void
out_text(struct ctx *ctx, const struct sbuf *sb, int escape)
{
	struct sbuf safe = SBUF_INIT;

	if (!escape || !ctx->out_tty) {
		out_sbuf(ctx, sb);
		return;
	}
	for (size_t i = 0, s = 0; i <= sb->len; i++) {
		if (i == sb->len || sb->buf[i] == '\n') {
			text_escape_term(&safe, sb->buf + s, i - s);
			if (i < sb->len)
				sbuf_addc(&safe, '\n');
			s = i + 1;
		}
	}
	out_sbuf(ctx, &safe);
	sbuf_release(&safe);
}

static void
vmsg(struct ctx *ctx, const char *label, const char *color, const char *fmt,
     va_list ap)
{
	struct sbuf raw = SBUF_INIT, safe = SBUF_INIT;

	sbuf_vaddf(&raw, fmt, ap);
	/* keep newlines of multi-line messages, escape everything else */
	for (size_t i = 0, start = 0; i <= raw.len; i++) {
		if (i == raw.len || raw.buf[i] == '\n') {
			text_escape_term(&safe, raw.buf + start, i - start);
			if (i < raw.len)
				sbuf_addc(&safe, '\n');
			start = i + 1;
		}
	}
	fflush(stdout);
	if (ctx && ctx->color_err && color)
		fprintf(stderr, "docket: %s%s%s%s: %s\n", C_BOLD, color, label,
			C_RESET, safe.buf);
	else
		fprintf(stderr, "docket: %s: %s\n", label, safe.buf);
	sbuf_release(&raw);
	sbuf_release(&safe);
}

void
out_error(struct ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(ctx, "error", C_RED, fmt, ap);
	va_end(ap);
}

void
out_warning(struct ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(ctx, "warning", C_YELLOW, fmt, ap);
	va_end(ap);
}

void
out_note(struct ctx *ctx, const char *fmt, ...)
{
	struct sbuf raw = SBUF_INIT, safe = SBUF_INIT;
	va_list ap;

	if (ctx->quiet)
		return;
	va_start(ap, fmt);
	sbuf_vaddf(&raw, fmt, ap);
	va_end(ap);
	text_escape_term(&safe, raw.buf, raw.len);
	fflush(stdout);
	fprintf(stderr, "%s\n", safe.buf);
	sbuf_release(&raw);
	sbuf_release(&safe);
}

void
out_errs(struct ctx *ctx, struct diag_list *errs, const char *fmt, ...)
{
	struct sbuf prefix = SBUF_INIT;
	va_list ap;

	if (fmt) {
		va_start(ap, fmt);
		sbuf_vaddf(&prefix, fmt, ap);
		va_end(ap);
		sbuf_adds(&prefix, ": ");
	}
	out_error(ctx, "%s%s", prefix.buf, errs->n ? diag_last_message(errs) :
		  "unknown error");
	sbuf_release(&prefix);
	diag_list_release(errs);
}

int
out_usage_error(struct ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(ctx, "error", C_RED, fmt, ap);
	va_end(ap);
	if (ctx->cmd)
		command_usage(ctx->cmd, stderr);
	return EXIT_USAGE;
}

void
out_diags(struct ctx *ctx, const struct diag_list *l, enum severity min)
{
	struct sbuf sb = SBUF_INIT;

	fflush(stdout);
	for (size_t i = 0; i < l->n; i++) {
		const struct diag *d = &l->v[i];
		const char *sev = severity_name(d->severity);

		if (d->severity < min)
			continue;
		sbuf_reset(&sb);
		if (d->file) {
			text_escape_term(&sb, d->file, strlen(d->file));
			if (d->line > 0)
				sbuf_addf(&sb, ":%d", d->line);
			if (d->line > 0 && d->column > 0)
				sbuf_addf(&sb, ":%d", d->column);
			sbuf_adds(&sb, ": ");
		}
		if (ctx->color_err)
			sbuf_addf(&sb, "%s%s%s" C_RESET, C_BOLD,
				  d->severity == SEV_ERROR ? C_RED : C_YELLOW, sev);
		else
			sbuf_adds(&sb, sev);
		sbuf_adds(&sb, ": ");
		text_escape_term(&sb, d->message, strlen(d->message));
		sbuf_addf(&sb, " [%s]\n", d->rule);
		fputs(sb.buf, stderr);
	}
	sbuf_release(&sb);
}

void
out_file_diags(struct ctx *ctx, const struct diag_list *l, const char *file)
{
	struct diag_list mine = DIAG_LIST_INIT;

	for (size_t i = 0; i < l->n; i++) {
		const struct diag *d = &l->v[i];

		if (d->severity == SEV_ERROR && d->file && !strcmp(d->file, file))
			diag_add(&mine, d->severity, d->rule, d->file, d->line,
				 d->column, "%s", d->message);
	}
	out_diags(ctx, &mine, SEV_ERROR);
	diag_list_release(&mine);
}

int
ctx_set_color(struct ctx *ctx, const char *when)
{
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	int autoc = !(nc && *nc) && !(term && !strcmp(term, "dumb"));

	if (!strcmp(when, "always")) {
		ctx->color = ctx->color_err = 1;
	} else if (!strcmp(when, "never")) {
		ctx->color = ctx->color_err = 0;
	} else if (!strcmp(when, "auto")) {
		ctx->color = autoc && isatty(1);
		ctx->color_err = autoc && isatty(2);
	} else {
		return -1;
	}
	return 0;
}

int
check_id_arg(struct ctx *ctx, const char *id)
{
	if (!item_id_valid(id)) {
		out_error(ctx, "'%s' is not an item id (ids look like MKT-12)", id);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* docket.yaml has errors: print them (rule config, located), then
 * why nothing happens (cmd.h: session_load). */
static void
config_refuse(struct ctx *ctx, const struct backlog *bl, const char *rev)
{
	struct diag_list l = DIAG_LIST_INIT;

	for (size_t i = 0; i < bl->diags.n; i++) {
		const struct diag *d = &bl->diags.v[i];

		if (d->severity == SEV_ERROR && d->rule && !strcmp(d->rule, "config"))
			diag_copy(&l, d);
	}
	out_diags(ctx, &l, SEV_ERROR);
	diag_list_release(&l);
	if (rev)
		out_error(ctx, "docket.yaml at %s has errors (above): docket reads nothing there ('docket check --rev %s' lists every problem)",
			  rev, rev);
	else
		out_error(ctx, "fix docket.yaml first: docket shows and changes nothing until its errors (above) are fixed ('docket check' lists every problem)");
}

int
session_load(struct ctx *ctx, struct session *s, const char *rev,
	     unsigned flags, backlog_visit_fn visit, void *arg)
{
	char *root = NULL, *top = NULL;
	struct diag_list errs = DIAG_LIST_INIT;
	int rc;

	memset(s, 0, sizeof(*s));
	backlog_init(&s->bl);
	if (backlog_find_root(&root, ctx->dir)) {
		out_error(ctx, "not in a docket backlog (no docket.yaml here or in any parent folder); run 'docket init' to create one");
		return EXIT_USAGE;
	}
	top = backlog_find_top(root);
	if (rev) {
		const char *rel = "";
		char *relroot;
		size_t tl;

		s->repo = xcalloc(1, sizeof(*s->repo));
		if (repo_open(s->repo, root, &errs)) {
			out_errs(ctx, &errs, "--rev needs a git repository");
			rc = EXIT_USAGE;
			goto out;
		}
		free(top);
		top = s->repo->workdir ? xstrdup(s->repo->workdir) : NULL;
		tl = top ? strlen(top) : 0;
		if (top && !strncmp(root, top, tl) && root[tl] == '/')
			rel = root + tl + 1;
		relroot = *rel ? xasprintf("%s/", rel) : xstrdup("");
		rc = repo_source_rev(s->repo, &s->src, rev, relroot, &errs);
		free(relroot);
		if (rc) {
			out_errs(ctx, &errs, "cannot read revision '%s'", rev);
			rc = EXIT_USAGE;
			goto out;
		}
	} else {
		source_worktree(&s->src, root, top);
	}
	s->have_src = 1;
	rc = backlog_load_visit(&s->bl, root, top, &s->src, flags, visit, arg);
	if (rc) {
		out_diags(ctx, &s->bl.diags, SEV_ERROR);
		rc = EXIT_USAGE;
		goto out;
	}
	if (!s->bl.config_ok && !(ctx->cmd && (ctx->cmd->needs & NEED_BAD_CONFIG))) {
		config_refuse(ctx, &s->bl, rev);
		rc = EXIT_USAGE;
		goto out;
	}
	rc = EXIT_OK;
out:
	free(root);
	free(top);
	return rc;
}

void
session_release(struct session *s)
{
	backlog_release(&s->bl);
	if (s->have_src && s->src.release)
		s->src.release(&s->src);
	if (s->repo) {
		repo_close(s->repo);
		free(s->repo);
	}
	memset(s, 0, sizeof(*s));
}

struct item *
session_item(struct ctx *ctx, struct session *s, const char *id)
{
	struct item *it;

	if (check_id_arg(ctx, id))
		return NULL;
	it = backlog_load_item(&s->bl, &s->src, id);
	if (!it)
		out_error(ctx, "no item %s in %s", id, s->bl.items_rel);
	return it;
}
