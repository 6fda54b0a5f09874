/*
 * html: the static site of `docket export html` (docs/reference.md): one
 * self-contained index.html (summary, the ordered backlog with
 * client-side filters, the huddle board of the current cycle, cycles
 * with committed vs completed, experiment results, campaigns with their
 * burn-up charts) and one page per item under items/.  The figures
 * are those of core/metrics.h and core/huddle.h, as `report` and
 * `huddle` show them.
 *
 * Self-contained: every page carries its CSS inline; index.html has one
 * small inline script (the filters) and a Content-Security-Policy that
 * allows only that script (by its SHA-256 hash), inline styles and
 * data: images, so nothing is fetched and nothing injected could run.
 * Item pages allow no script at all.
 *
 * Safety (docs/robustness.md): every text from the backlog goes through
 * xml_escape; Markdown bodies are rendered by cmark-gfm without
 * CMARK_OPT_UNSAFE (raw HTML is omitted, javascript:/vbscript:/file:
 * and non-image data: links are dropped) with the table, task-list,
 * strikethrough and autolink extensions.  Campaign charts are trusted
 * markup (they must come from formats/svg.h, which escapes its text):
 * they are embedded without their XML declaration and with their ids
 * prefixed per chart.
 *
 * Nothing is written here: html_site_render returns the pages as
 * (relative path, bytes); cmd/export.c writes them.  Page paths are
 * "index.html" and "items/<ID>.html" for items whose id is valid
 * (item_id_valid), so a path never leaves the output folder.
 *
 * Ownership: an html_site owns its pages (html_site_release frees
 * them); html_site_render borrows the backlog and the options.
 */
#ifndef DOCKET_HTML_H
#define DOCKET_HTML_H

#include <stddef.h>

#include "core/backlog.h"
#include "core/sbuf.h"
#include "formats/format.h"

/* A campaign's burn-up chart: a complete <svg> element (trusted). */
struct html_chart {
	const char *campaign;
	const char *svg;
};

struct html_opts {
	const char *title;          /* the site's name ("banking-app") */
	const char *generator;      /* "docket 0.1.0" */
	const char *rev;            /* the revision exported, or NULL */
	long today;                 /* day number (core/date.h) */
	const struct html_chart *charts;
	size_t ncharts;
	/* The pages of `docket serve` (formats/html_app.h): the style sheet
	 * and script are linked (/static/docket.css, /static/app.js; the
	 * server's policy header allows only those), items link to
	 * /items/<ID>.html, and the band has the app's sections, who is
	 * signed in and the sign-out form. */
	int app;
	const char *app_section;    /* "backlog", "new", "board", "cycle" */
	const char *app_who;        /* who is signed in, or NULL */
	const char *app_token;      /* the session's form token */
};

struct html_page {
	char *path;                 /* relative to the output folder */
	struct sbuf html;
};

struct html_site {
	struct html_page *pages;
	size_t n, alloc;
	size_t skipped;             /* items left out: unreadable or bad id */
};

void html_site_init(struct html_site *s);
void html_site_release(struct html_site *s);
/* Render the whole site of bl (loaded with BL_ALL and scored). */
void html_site_render(struct html_site *out, const struct backlog *bl,
		      const struct html_opts *o);

/* `docket export FORMAT` (formats/format.h): html, html_site_render. */
struct export_format {
	struct format f;
	void (*render)(struct html_site *out, const struct backlog *bl,
		       const struct html_opts *o);
};
extern const struct format_table export_formats;

/* Render a Markdown body to HTML, safely (see above). */
void html_markdown(struct sbuf *out, const char *md, size_t len);
/* The style sheet of every page (the export puts it inline). */
void html_css(struct sbuf *out);
/* The inline filter script of index.html and its CSP source
 * ("'sha256-...'"), exposed for tests. */
const char *html_script(void);
void html_script_hash(struct sbuf *out);

#endif
