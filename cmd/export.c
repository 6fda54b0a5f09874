/* export.c: `docket export html -o DIR`: the static site for stakeholders. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "core/date.h"
#include "core/fsutil.h"
#include "core/xalloc.h"
#include "formats/html.h"

enum { O_OUTPUT = 1, O_TITLE, O_REV };

static const struct opt opts[] = {
	{ "output", 'o', 1, O_OUTPUT },
	{ "title", 0, 1, O_TITLE },
	{ "rev", 0, 1, O_REV },
	{ NULL, 0, 0, 0 },
};

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

static int
write_site(struct ctx *ctx, const struct html_site *site, const char *dir)
{
	char err[512];
	char *items = xasprintf("%s/items", dir);
	struct stat st;
	int rc;

	if (fsutil_mkdirs(dir, err, sizeof(err))) {
		out_error(ctx, "%s", err);
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
		if (fsutil_write_atomic(path, p->html.buf, p->html.len, err, sizeof(err))) {
			out_error(ctx, "%s", err);
			free(path);
			return EXIT_USAGE;
		}
		free(path);
	}
	return EXIT_OK;
}

int
cmd_export(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	const char *out = NULL, *title = NULL, *rev = NULL, *arg;
	struct session ss;
	struct html_site site;
	struct html_opts o;
	int id, r, rc;

	opt_init(&it, argc, argv);
	while ((r = opt_next(&it, ctx, opts, &id, &arg)) == 1) {
		if (id == O_OUTPUT)
			out = arg;
		else if (id == O_TITLE)
			title = arg;
		else if (id == O_REV)
			rev = arg;
	}
	if (r) {
		opt_release(&it);
		return r == 2 ? EXIT_OK : EXIT_USAGE;
	}
	if (it.npos != 1 || strcmp(it.pos[0], "html")) {
		if (it.npos > 1)
			rc = out_usage_error(ctx, "unexpected argument '%s'", it.pos[1]);
		else if (it.npos)
			rc = out_usage_error(ctx, "unknown export format '%s' (use html)", it.pos[0]);
		else
			rc = out_usage_error(ctx, "which format? (use html)");
		opt_release(&it);
		return rc;
	}
	if (!out || !*out) {
		opt_release(&it);
		return out_usage_error(ctx, "where to? give the output folder with -o DIR");
	}
	if ((rc = session_load(ctx, &ss, rev, BL_ALL))) {
		session_release(&ss);
		opt_release(&it);
		return rc;
	}
	memset(&o, 0, sizeof(o));
	if (!title) {
		const char *slash = strrchr(ss.bl.root, '/');

		title = slash && slash[1] ? slash + 1 : ss.bl.root;
	}
	o.title = title;
	o.generator = "docket " DOCKET_VERSION;
	o.rev = rev;
	o.today = date_today();
	/*
	 * HOOK(burnup): burn-up charts per campaign.  Once formats/svg.h
	 * and core/history.h (branch h-history) are on main, build one
	 * chart per campaign here from the campaign series of the git
	 * history and pass them as o.charts / o.ncharts; html_site_render
	 * embeds each under its campaign's progress in the Campaigns
	 * section.  Until then the section shows the progress bars only.
	 */
	o.charts = NULL;
	o.ncharts = 0;

	html_site_init(&site);
	html_site_render(&site, &ss.bl, &o);
	rc = write_site(ctx, &site, out);
	if (!rc)
		out_note(ctx, "wrote %zu page%s to %s (open %s/index.html)", site.n,
			 site.n == 1 ? "" : "s", out, out);
	if (!rc && site.skipped) {
		out_diags(ctx, &ss.bl.diags, SEV_ERROR);
		out_warning(ctx, "%zu item file%s could not be read or %s a bad or duplicate id and %s no page; run 'docket check'",
			    site.skipped, site.skipped == 1 ? "" : "s",
			    site.skipped == 1 ? "has" : "have", site.skipped == 1 ? "has" : "have");
		rc = EXIT_PROBLEMS;
	}
	html_site_release(&site);
	session_release(&ss);
	opt_release(&it);
	return rc;
}
