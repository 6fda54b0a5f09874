/* export.c: `docket export html -o DIR`: the static site for stakeholders. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/date.h"
#include "core/fsutil.h"
#include "core/history.h"
#include "core/projection.h"
#include "core/sbuf.h"
#include "core/strmap.h"
#include "core/xalloc.h"
#include "formats/html.h"
#include "formats/svg.h"

static const char *out_dir, *title;

/* A page path the renderer made: "index.html" or "items/<ID>.html".
 * Checked again here, so that nothing is ever written outside DIR. */
static int
safe_page_path(const char *p)
{
	const char *s = p;

	if (!strcmp(p, "index.html"))
		return 1;
	if (strncmp(p, "items/", 6))
		return 0;
	for (s = p + 6; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '.'))
			return 0;
	return !strstr(p + 6, "..") && p[6] != '.';
}

/* DIR/sub must be a real folder (created when missing), not a symbolic
 * link that would lead the writes elsewhere. */
static int
real_dir(struct ctx *ctx, const char *path)
{
	struct stat st;

	if (lstat(path, &st) && errno == ENOENT && mkdir(path, 0777) && errno != EEXIST) {
		out_error(ctx, "cannot create folder '%s': %s", path, strerror(errno));
		return EXIT_USAGE;
	}
	if (lstat(path, &st)) {
		out_error(ctx, "cannot read '%s': %s", path, strerror(errno));
		return EXIT_USAGE;
	}
	if (S_ISLNK(st.st_mode)) {
		out_error(ctx, "refusing to write through the symbolic link '%s'", path);
		return EXIT_PROBLEMS;
	}
	if (!S_ISDIR(st.st_mode)) {
		out_error(ctx, "'%s' exists and is not a folder", path);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/*
 * DIR/.docket-site lists the pages the last export wrote.  A page it
 * lists that this export does not write (an item deleted, renumbered or
 * no longer readable) is removed, so the site never serves an old page
 * of an item that is gone; files docket did not write are never touched.
 */
#define SITE_MANIFEST ".docket-site"

/* Remove the pages of the previous export that this one did not write;
 * returns how many. */
static size_t
remove_stale_pages(const struct html_site *site, const char *dir)
{
	char *old = NULL, *path = xasprintf("%s/" SITE_MANIFEST, dir);
	size_t len = 0, removed = 0;
	struct strmap written;
	struct stat st;

	if (fsutil_read(path, LIMIT_SITE_LIST, 0, &old, &len, NULL)) {
		free(path);
		return 0;
	}
	free(path);
	strmap_init(&written);
	for (size_t i = 0; i < site->n; i++)
		strmap_put(&written, site->pages[i].path, strlen(site->pages[i].path), (void *)1);
	for (char *line = old, *end; line < old + len; line = end + 1) {
		end = memchr(line, '\n', (size_t)(old + len - line));
		if (!end)
			end = old + len;
		*end = '\0';
		if (!*line || *line == '#' || !safe_page_path(line) ||
		    strmap_find(&written, line, strlen(line)))
			continue;
		path = xasprintf("%s/%s", dir, line);
		if (!lstat(path, &st) && S_ISREG(st.st_mode) && !unlink(path))
			removed++;
		free(path);
	}
	free(old);
	strmap_release(&written);
	return removed;
}

static int
write_manifest(struct ctx *ctx, const struct html_site *site, const char *dir)
{
	struct sbuf sb = SBUF_INIT;
	char *path = xasprintf("%s/" SITE_MANIFEST, dir);
	struct diag_list errs = DIAG_LIST_INIT;
	int rc = EXIT_OK;

	sbuf_adds(&sb, "# The pages docket export html wrote here; the next export removes\n"
		       "# those it no longer writes (items deleted or renumbered).\n");
	for (size_t i = 0; i < site->n; i++)
		sbuf_addf(&sb, "%s\n", site->pages[i].path);
	if (fsutil_write_atomic(path, sb.buf, sb.len, &errs)) {
		out_errs(ctx, &errs, NULL);
		rc = EXIT_USAGE;
	}
	sbuf_release(&sb);
	free(path);
	return rc;
}

static int
write_site(struct ctx *ctx, const struct html_site *site, const char *dir,
	   size_t *removed)
{
	struct diag_list errs = DIAG_LIST_INIT;
	char *items = xasprintf("%s/items", dir);
	struct stat st;
	int rc;

	if (fsutil_mkdirs(dir, &errs)) {
		out_errs(ctx, &errs, NULL);
		free(items);
		return EXIT_USAGE;
	}
	if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
		out_error(ctx, "'%s' is not a folder", dir);
		free(items);
		return EXIT_USAGE;
	}
	rc = real_dir(ctx, items);
	free(items);
	if (rc)
		return rc;
	for (size_t i = 0; i < site->n; i++) {
		const struct html_page *p = &site->pages[i];
		char *path;

		if (!safe_page_path(p->path)) {
			out_error(ctx, "refusing to write '%s' outside '%s'", p->path, dir);
			return EXIT_PROBLEMS;
		}
		path = xasprintf("%s/%s", dir, p->path);
		if (!lstat(path, &st) && S_ISDIR(st.st_mode)) {
			out_error(ctx, "'%s' is a folder", path);
			free(path);
			return EXIT_USAGE;
		}
		if (fsutil_write_atomic(path, p->html.buf, p->html.len, &errs)) {
			out_errs(ctx, &errs, NULL);
			free(path);
			return EXIT_USAGE;
		}
		free(path);
	}
	*removed = remove_stale_pages(site, dir);
	return write_manifest(ctx, site, dir);
}

/* The burn-up chart of every campaign, from the history of rev (HEAD). */
struct charts {
	struct html_chart *v;
	char **svg;
	size_t n;
};

static void
charts_release(struct charts *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->svg[i]);
	free(c->svg);
	free(c->v);
}

static void
charts_build(struct ctx *ctx, struct session *ss, const char *rev, long today,
	     struct charts *out)
{
	const struct backlog *bl = &ss->bl;
	struct diag_list errs = DIAG_LIST_INIT;
	struct repo repo;
	size_t n = 0;

	out->v = xcalloc(bl->nitems + 1, sizeof(*out->v));
	out->svg = xcalloc(bl->nitems + 1, sizeof(*out->svg));
	for (size_t i = 0; i < bl->nitems; i++) {
		const char *c = bl->items[i]->parsed ? bl->items[i]->campaign : NULL;
		size_t k;

		if (!c || !*c)
			continue;
		for (k = 0; k < n && strcmp(out->v[k].campaign, c); k++)
			;
		if (k == n)
			out->v[n++].campaign = c;
	}
	if (!n)
		return;
	/* a backlog outside git (a copied folder) simply has no charts */
	if (!bl->top || repo_open(&repo, bl->root, NULL)) {
		out_note(ctx, "not in a git repository: the campaigns get no burn-up charts");
		return;
	}
	for (size_t k = 0; k < n; k++) {
		struct burnup b;
		struct sbuf svg = SBUF_INIT;

		memset(&b, 0, sizeof(b));
		if (history_burnup(&b, &repo, rev, bl->items_rel, out->v[k].campaign, today,
				   &errs)) {
			out_warning(ctx, "no burn-up charts: cannot read the history: %s",
				    diag_last_message(&errs));
			diag_list_release(&errs);
			burnup_release(&b);
			break;
		}
		if (b.n) {
			const struct campaign *cp = config_campaign(&bl->config, out->v[k].campaign);
			struct projection pj;

			/* with a due date, the projection to it (docs/history.md) */
			projection_make(&pj, &b, cp ? cp->due : -1, bl->config.cycle_length_days);
			svg_burnup_projected(&svg, &b, &pj);
			out->svg[out->n] = sbuf_detach(&svg, NULL);
			out->v[out->n].campaign = out->v[k].campaign;
			out->v[out->n].svg = out->svg[out->n];
			out->n++;
		}
		sbuf_release(&svg);
		burnup_release(&b);
	}
	repo_close(&repo);
}

/* The arguments, before anything is read. */
static int
prepare(struct ctx *ctx)
{
	if (!out_dir || !*out_dir)
		return out_usage_error(ctx, "where to? give the output folder with -o DIR");
	return EXIT_OK;
}

static int
run(struct ctx *ctx)
{
	struct session *ss = ctx->ses;
	const char *site_title = title;
	struct html_site site;
	struct html_opts o;
	struct charts charts = { NULL, NULL, 0 };
	size_t removed = 0;
	int rc;

	memset(&o, 0, sizeof(o));
	if (!site_title) {
		const char *slash = strrchr(ss->bl.root, '/');

		site_title = slash && slash[1] ? slash + 1 : ss->bl.root;
	}
	o.title = site_title;
	o.generator = "docket " DOCKET_VERSION;
	o.rev = ctx->rev;
	o.today = date_today();
	charts_build(ctx, ss, ctx->rev, o.today, &charts);
	o.charts = charts.v;
	o.ncharts = charts.n;

	html_site_init(&site);
	FORMAT_ROW(struct export_format, format_find(&export_formats, ctx->pos[0]))
		->render(&site, &ss->bl, &o);
	rc = write_site(ctx, &site, out_dir, &removed);
	if (!rc)
		out_note(ctx, "wrote %zu page%s to %s (open %s/index.html)", site.n,
			 site.n == 1 ? "" : "s", out_dir, out_dir);
	if (!rc && removed)
		out_note(ctx, "removed %zu page%s of items no longer in the backlog",
			 removed, removed == 1 ? "" : "s");
	if (!rc && site.skipped) {
		out_diags(ctx, &ss->bl.diags, SEV_ERROR);
		out_warning(ctx, "%zu item file%s could not be read or %s a bad or duplicate id and %s no page; run 'docket check'",
			    site.skipped, site.skipped == 1 ? "" : "s",
			    site.skipped == 1 ? "has" : "have", site.skipped == 1 ? "has" : "have");
		rc = EXIT_PROBLEMS;
	}
	html_site_release(&site);
	charts_release(&charts);
	return rc;
}

static const struct arg args[] = {
	{ "FORMAT", 0, "which format? (use html)", NULL, &export_formats, "export format" },
	ARG_END,
};

static const struct opt opts[] = {
	OPT_STRING_F("output", 'o', &out_dir, "DIR",
		     "the folder to write (created; index.html and items/)",
		     OPT_REQUIRED | OPT_SHORT),
	OPT_STRING("title", 0, &title, "TEXT", "the site's name (default: the backlog folder's name)"),
	OPT_REV("export the backlog at a git revision"),
	OPT_END,
};

const struct command cmd_export = {
	.name = "export",
	.summary = "write a static web site of the backlog for stakeholders",
	.args = args,
	.opts = opts,
	/* missing started/finished dates from git, as report and huddle do */
	.needs = NEED_BACKLOG | NEED_DATES,
	.load = BL_ALL,
	.details =
	"The site has no external assets and works from file:// or any static\n"
	"host (GitHub or GitLab Pages): the ordered backlog with filters, the\n"
	"huddle board of the current cycle, committed vs completed per cycle,\n"
	"experiment results, campaigns, and one page per item. Files are replaced\n"
	"atomically; nothing is written outside DIR.\n",
	.prepare = prepare,
	.run = run,
};
