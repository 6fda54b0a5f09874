/*
 * check.c: `docket check [PATH...] [--rev REV] [--base REV]
 * [--format F] [--strict]`: validate the backlog (SPEC 8).
 *
 * Exit status: 0 no errors (warnings allowed unless --strict); 1
 * errors, or warnings with --strict; 2 usage error, not a backlog,
 * unknown revision or a base missing from a shallow clone.
 *
 * PATH arguments limit the findings reported (and counted) to those
 * files or folders; the whole backlog is still loaded, so rules across
 * files (duplicate ids, ORDER, dependencies) see everything.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/check.h"
#include "core/repo.h"
#include "core/xalloc.h"
#include "formats/report.h"

enum { O_REV = 1, O_BASE, O_FORMAT, O_STRICT };

static const struct opt opts[] = {
	{ "rev", 0, 1, O_REV },
	{ "base", 0, 1, O_BASE },
	{ "format", 0, 1, O_FORMAT },
	{ "strict", 0, 0, O_STRICT },
	{ NULL, 0, 0, 0 },
};

/* Lexically normalise an absolute path in place ("." and ".."). */
static void
normalise(char *p)
{
	char *out = p, *s = p;

	while (*s) {
		char *seg;
		size_t n;

		while (*s == '/')
			s++;
		seg = s;
		while (*s && *s != '/')
			s++;
		n = (size_t)(s - seg);
		if (!n || (n == 1 && seg[0] == '.'))
			continue;
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			while (out > p && *--out != '/')
				;
			continue;
		}
		*out++ = '/';
		memmove(out, seg, n);
		out += n;
	}
	if (out == p)
		*out++ = '/';
	*out = '\0';
}

/*
 * PATH (relative to the current folder) as a path relative to the
 * repository top (or the backlog root outside git), as in struct diag.
 * Returns NULL when it lies outside.
 */
static char *
repo_relative(const struct backlog *bl, const char *path)
{
	char cwd[PATH_MAX], *abs, *rel = NULL;
	const char *top = bl->top ? bl->top : bl->root;
	size_t tl = strlen(top);

	if (path[0] == '/') {
		abs = xstrdup(path);
	} else {
		if (!getcwd(cwd, sizeof(cwd)))
			return NULL;
		abs = xasprintf("%s/%s", cwd, path);
	}
	normalise(abs);
	if (!strcmp(abs, top))
		rel = xstrdup("");
	else if (!strncmp(abs, top, tl) && abs[tl] == '/')
		rel = xstrdup(abs + tl + 1);
	free(abs);
	return rel;
}

/* Is file one of paths, or inside one of them (a folder)? */
static int
path_selected(const char *file, char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(paths[i]);

		if (!l)
			return 1;
		if (file && !strncmp(file, paths[i], l) &&
		    (file[l] == '\0' || file[l] == '/' || paths[i][l - 1] == '/'))
			return 1;
	}
	return 0;
}

static void
filter_paths(struct diag_list *l, char **paths, size_t n)
{
	struct diag_list kept = DIAG_LIST_INIT;

	for (size_t i = 0; i < l->n; i++) {
		struct diag *d = &l->v[i];

		if (path_selected(d->file, paths, n)) {
			kept.v = xgrow(kept.v, &kept.alloc, kept.n + 1, sizeof(*kept.v));
			kept.v[kept.n++] = *d;
		} else {
			diag_release(d);
		}
	}
	free(l->v);
	*l = kept;
}

/* --base: open the repository and collect what changed. */
static int
collect_base(struct ctx *ctx, const struct backlog *bl, const char *base,
	     const char *rev, struct check_base *out)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct repo repo;
	int rc;

	if (repo_open(&repo, bl->root, &errs)) {
		out_errs(ctx, &errs, "--base needs a git repository");
		return EXIT_USAGE;
	}
	rc = check_base_collect(out, &repo, base, rev, bl->order_path, &errs);
	if (rc)
		out_errs(ctx, &errs, "--base %s", base);
	repo_close(&repo);
	return rc ? EXIT_USAGE : EXIT_OK;
}

int
cmd_check(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	const char *rev = NULL, *base = NULL, *format = "text", *arg;
	enum report_format fmt = REPORT_TEXT;
	struct check_opts co = CHECK_OPTS_INIT;
	struct report_opts ro = REPORT_OPTS_INIT;
	struct check_base cb;
	struct diag_list found = DIAG_LIST_INIT;
	struct sbuf out = SBUF_INIT;
	struct session ses;
	struct check_run *run = NULL;
	char **paths = NULL;
	size_t npaths = 0, errors, warnings;
	int id, r, rc, strict = 0, loaded = 0, have_base = 0;

	memset(&cb, 0, sizeof(cb));
	opt_init(&it, argc, argv);
	while ((r = opt_next(&it, ctx, opts, &id, &arg)) == 1) {
		switch (id) {
		case O_REV: rev = arg; break;
		case O_BASE: base = arg; break;
		case O_FORMAT: format = arg; break;
		case O_STRICT: strict = 1; break;
		}
	}
	if (r) {
		opt_release(&it);
		return r == 2 ? EXIT_OK : EXIT_USAGE;
	}
	if ((rc = opt_format(ctx, format, (const char *const[]){ "text", "json", "github",
				 "sarif", "junit", "gitlab", NULL })))
		goto done;
	report_format_parse(&fmt, format);
	/* the rules about one item run as each is read (check_run_visit),
	 * so a large backlog is never held whole */
	loaded = 1;   /* session_load initialises the session, even on failure */
	run = check_run_new(&ses.bl, &co);
	if ((rc = session_load_visit(ctx, &ses, rev, BL_ALL | BL_LEAN,
				     check_run_visit, run)))
		goto done;
	if (it.npos) {
		paths = xcalloc((size_t)it.npos, sizeof(*paths));
		for (int i = 0; i < it.npos; i++) {
			paths[npaths] = repo_relative(&ses.bl, it.pos[i]);
			if (!paths[npaths]) {
				rc = out_usage_error(ctx, "'%s' is outside the repository",
						     it.pos[i]);
				goto done;
			}
			npaths++;
		}
	}
	if (base) {
		if ((rc = collect_base(ctx, &ses.bl, base, rev, &cb)))
			goto done;
		co.base = &cb;
		have_base = 1;
	}
	check_run_finish(run, &found);
	run = NULL;
	if (npaths)
		filter_paths(&found, paths, npaths);
	ro.tool_version = DOCKET_VERSION;
	ro.color = fmt == REPORT_TEXT && ctx->color;
	if (have_base) {
		ro.have_base = 1;
		ro.changed_files = (const char *const *)cb.changed;
		ro.nchanged = cb.nchanged;
	}
	report_render(&out, fmt, &found, &ro);
	out_sbuf(ctx, &out);
	errors = diag_list_count(&found, SEV_ERROR);
	warnings = diag_list_count(&found, SEV_WARNING);
	rc = errors || (strict && warnings) ? EXIT_PROBLEMS : EXIT_OK;
done:
	for (size_t i = 0; i < npaths; i++)
		free(paths[i]);
	free(paths);
	check_base_release(&cb);
	diag_list_release(&found);
	sbuf_release(&out);
	check_run_free(run);
	if (loaded)
		session_release(&ses);
	opt_release(&it);
	return rc;
}
