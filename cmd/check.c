/*
 * check.c: `docket check [PATH...] [--rev REV] [--base REV]
 * [--format F] [--strict]`: validate the backlog (docs/checks.md).
 *
 * Exit status: 0 no errors (warnings allowed unless --strict); 1
 * errors, or warnings with --strict; 2 usage error, not a backlog,
 * unknown revision or a base missing from a shallow clone.
 *
 * PATH arguments limit the findings reported (and counted) to those
 * files or folders; the whole backlog is still loaded, so rules across
 * files (duplicate ids, ORDER, dependencies) see everything.  A PATH
 * that is not docket.yaml, ORDER, an item or cycle file of the backlog
 * (as read, from the working tree or REV), nor a folder holding one or
 * inside the items folder, is a usage error: a mistyped path in CI must
 * not pass as "no problems".
 */
#include <limits.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/write.h"
#include "core/check.h"
#include "core/fsutil.h"
#include "core/history.h"
#include "core/repo.h"
#include "core/xalloc.h"
#include "formats/report.h"
#include "formats/rule_help.h"

static const char *base_rev;
static int strict;
static struct check_opts co = CHECK_OPTS_INIT;  /* read again at finish */
static struct check_run *check_run;

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

/* Is rel (repository-relative, normalised) file, or a folder holding it? */
static int
names_file(const char *rel, const char *file)
{
	size_t l = strlen(rel);

	return file && (!l || (!strncmp(file, rel, l) &&
			       (file[l] == '\0' || file[l] == '/')));
}

/*
 * NULL when rel names docket.yaml, ORDER, an item or a cycle file of
 * the backlog, a folder holding one, or a folder inside the items
 * folder; else why not.  arg is the PATH as given (for the folder test).
 */
static const char *
path_unknown(const struct backlog *bl, const char *rel, const char *arg)
{
	struct stat st;

	if (names_file(rel, bl->config.path) || names_file(rel, bl->order_path))
		return NULL;
	for (size_t i = 0; i < bl->nitems; i++)
		if (names_file(rel, bl->items[i]->path))
			return NULL;
	for (size_t i = 0; i < bl->ncycles; i++)
		if (names_file(rel, bl->cycles[i]->path))
			return NULL;
	if (stat(arg, &st))
		return "does not exist";
	if (S_ISDIR(st.st_mode) && bl->items_rel &&
	    !strncmp(rel, bl->items_rel, strlen(bl->items_rel)))
		return NULL;
	return "is not a file docket checks: give docket.yaml, ORDER, an item "
	       "or cycle file, or a folder of the backlog";
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

/*
 * --select RULE,... / --ignore RULE,... (repeatable, ids joined by
 * commas): into co.select / co.ignore.  An unknown id is a usage error
 * (a typo in CI must not silently check everything); the rules that
 * are never suppressed (syntax, config, owner-order) cannot be
 * ignored, and are checked whatever --select says.
 */
static int
rules_opt(struct ctx *ctx, const struct opt *o, const char *arg)
{
	const char *names[RULE_COUNT];
	const char *p = arg;
	int ignore = o->tag;

	for (int i = 0; i < RULE_COUNT; i++)
		names[i] = check_rules[i].id;
	if (!ignore)
		co.have_select = 1;
	while (*p) {
		size_t n = strcspn(p, ",");
		char *id = xstrndup(p, n);
		int r;

		p += n + (p[n] == ',');
		if (!n) {
			free(id);
			continue;
		}
		r = check_rule_find(id);
		if (r < 0) {
			const char *best = check_suggest(id, names, RULE_COUNT);
			int rc = out_usage_error(ctx, "--%s: unknown rule '%s'%s%s%s (docket help rules lists them)",
						 o->name, id, best ? "; did you mean '" : "",
						 best ? best : "", best ? "'?" : "");

			free(id);
			return rc;
		}
		free(id);
		if (ignore && check_rules[r].keep)
			return out_usage_error(ctx, "--ignore: rule '%s' cannot be ignored "
					       "(syntax, config and owner-order are always checked)",
					       check_rules[r].id);
		if (ignore)
			co.ignore[r] = 1;
		else
			co.select[r] = 1;
	}
	return EXIT_OK;
}

/*
 * SARIF's baselineState: the findings of the backlog at the merge base,
 * with the same rules and PATHs (no --base there).  A base that has no
 * backlog, or one docket cannot load, has no findings (every result is
 * then new); nothing is printed about it.
 */
static void
check_at_base(const struct backlog *bl, const char *rev, struct diag_list *out)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct check_opts bo = co;
	struct check_run *run;
	struct backlog at;
	struct source src;
	struct repo repo;

	bo.base = NULL;
	backlog_init(&at);
	if (repo_open(&repo, bl->root, &errs)) {
		diag_list_release(&errs);
		backlog_release(&at);
		return;
	}
	if (!repo_source_rev(&repo, &src, rev, bl->relroot ? bl->relroot : "",
			     &errs)) {
		run = check_run_new(&at, &bo);
		if (!backlog_load_visit(&at, bl->root, bl->top, &src,
					BL_ALL | BL_LEAN, check_run_visit, run))
			check_run_finish(run, out);
		else
			check_run_free(run);
		if (src.release)
			src.release(&src);
	}
	repo_close(&repo);
	backlog_release(&at);
	diag_list_release(&errs);
}

/* ORDER edited by hand, not committed yet, by someone who is not an
 * owner: say now what CI will ask (the work tree only). */
static void
hand_edit_notice(struct ctx *ctx, const struct backlog *bl)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct repo repo;
	git_oid head;
	char hex[GIT_OID_HEXSZ + 1], wt[41], *data = NULL, *full;
	size_t len = 0;

	if (ctx->rev || !bl->config.nowners || repo_open(&repo, bl->root, &errs)) {
		diag_list_release(&errs);
		return;
	}
	if (repo.workdir && repo_head_blob(&repo, bl->order_path, &head)) {
		full = xasprintf("%s/%s", repo.workdir, bl->order_path);
		if (fsutil_read(full, LIMIT_ORDER, 0, &data, &len, &errs) == 0) {
			repo_blob_id(&repo, wt, data, len);
			git_oid_tostr(hex, sizeof(hex), &head);
			if (strcmp(hex, wt))
				ws_owner_notice(ctx, &repo, &bl->config, bl->order_path);
		}
		free(data);
		free(full);
	}
	diag_list_release(&errs);
	repo_close(&repo);
}

/* duplicate-id: when a file was added (core/check.h), from git,
 * opened on first use (only a backlog with a duplicate id asks). */
static struct repo added_repo;
static int added_state;        /* 0 not tried, 1 open, -1 none */

static long long
file_added(void *arg, const char *path)
{
	struct ctx *ctx = arg;
	long long when;

	if (!added_state)
		added_state = repo_open(&added_repo, ctx->ses->bl.root, NULL) == 0 ? 1 : -1;
	if (added_state < 0)
		return 0;
	history_path_added(&added_repo, path, &when);
	return when;
}

/* The rules about one item run as each is read (check_run_visit), so a
 * large backlog is never held whole. */
static int
prepare(struct ctx *ctx)
{
	if (!ctx->rev) {        /* the work tree: what is committed or not */
		co.added = file_added;
		co.added_arg = ctx;
	}
	check_run = check_run_new(&ctx->ses->bl, &co);
	ctx->visit = check_run_visit;
	ctx->visit_arg = check_run;
	return EXIT_OK;
}

static int
run(struct ctx *ctx)
{
	const struct report_format_row *rf = FORMAT_ROW(struct report_format_row, ctx->format);
	struct backlog *bl = &ctx->ses->bl;
	struct report_opts ro = REPORT_OPTS_INIT;
	struct check_base cb;
	struct diag_list found = DIAG_LIST_INIT, at_base = DIAG_LIST_INIT;
	struct sbuf out = SBUF_INIT;
	char **paths = NULL;
	size_t npaths = 0;
	int rc = EXIT_OK;

	memset(&cb, 0, sizeof(cb));
	if (ctx->npos) {
		paths = xcalloc((size_t)ctx->npos, sizeof(*paths));
		for (int i = 0; i < ctx->npos; i++) {
			const char *why;

			if (!(paths[npaths] = repo_relative(bl, ctx->pos[i]))) {
				rc = out_usage_error(ctx, "'%s' is outside the repository",
						     ctx->pos[i]);
				goto done;
			}
			npaths++;
			if ((why = path_unknown(bl, paths[npaths - 1], ctx->pos[i]))) {
				rc = out_usage_error(ctx, "'%s' %s", ctx->pos[i], why);
				goto done;
			}
		}
	}
	if (base_rev) {
		if ((rc = collect_base(ctx, bl, base_rev, ctx->rev, &cb)))
			goto done;
		co.base = &cb;
		ro.have_base = 1;
		ro.changed_files = (const char *const *)cb.changed;
		ro.nchanged = cb.nchanged;
	}
	check_run_finish(check_run, &found);
	check_run = NULL;
	hand_edit_notice(ctx, bl);
	if (npaths)
		filter_paths(&found, paths, npaths);
	if (base_rev && rf->id == REPORT_SARIF) {
		check_at_base(bl, cb.merge_base, &at_base);
		if (npaths)
			filter_paths(&at_base, paths, npaths);
		ro.base_found = &at_base;
	}
	ro.tool_version = DOCKET_VERSION;
	ro.docs_url = bl->config.docs_url;
	ro.color = rf->id == REPORT_TEXT && ctx->color;
	report_render(&out, rf->id, &found, &ro);
	out_sbuf(ctx, &out);
	if (diag_list_count(&found, SEV_ERROR) ||
	    (strict && diag_list_count(&found, SEV_WARNING)))
		rc = EXIT_PROBLEMS;
done:
	for (size_t i = 0; i < npaths; i++)
		free(paths[i]);
	free(paths);
	check_base_release(&cb);
	diag_list_release(&found);
	diag_list_release(&at_base);
	sbuf_release(&out);
	return rc;
}

static void
finish(struct ctx *ctx)
{
	(void)ctx;
	check_run_free(check_run);
	if (added_state > 0)
		repo_close(&added_repo);
	added_state = 0;
}

static const struct arg args[] = {
	{ "PATH...", ARG_OPTIONAL | ARG_MANY, NULL,
	  "report only findings on these files or folders (the whole backlog is "
	  "still read, so rules across files still work)" },
	ARG_END,
};

static const struct opt opts[] = {
	OPT_REV("check a git revision, not the working tree"),
	OPT_STRING("base", 0, &base_rev, "REV",
		   "list findings on files changed since REV first, and check that "
		   "every commit in REV..HEAD that changed ORDER is by an owner "
		   "(rule owner-order)"),
	OPT_CALL("select", 0, rules_opt, NULL, 0, "RULE,...",
		 "check only these rules (over docket.yaml's rules:, which still sets "
		 "their severity; syntax, config and owner-order are always checked)", 0),
	OPT_CALL("ignore", 0, rules_opt, NULL, 1, "RULE,...",
		 "do not check these rules, whatever docket.yaml says", 0),
	OPT_FORMAT(),
	OPT_FLAG("strict", 0, &strict, "exit 1 on warnings too"),
	OPT_END,
};

const struct command cmd_check = {
	.name = "check",
	.summary = "validate the backlog (for CI and pre-commit)",
	.args = args,
	.opts = opts,
	.formats = &report_formats,
	.needs = NEED_BACKLOG | NEED_BAD_CONFIG,
	.load = BL_ALL | BL_LEAN,
	.details =
	"Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage\n"
	"error, a PATH that is not part of the backlog, not a backlog, or an\n"
	"unknown revision.\n",
	.more_help = rule_help_ids,      /* from the rule registry */
	.prepare = prepare,
	.run = run,
	.finish = finish,
};
