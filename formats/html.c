/*
 * html.c: the site of `docket export html`: pages, the shared page
 * shell and the small helpers every section uses.  See formats/html.h.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/sha256.h"
#include "core/xalloc.h"
#include "formats/html_int.h"
#include "formats/listing.h"
#include "formats/xml.h"

/*-----------------------------------------------------------------------
 * Helpers
 *----------------------------------------------------------------------*/

void
hx_text(struct sbuf *sb, const char *s)
{
	xml_escapez(sb, s);
}

const char *
hx_str(const struct item *it, const char *key)
{
	const struct ynode *n = item_get(it, key);

	return n && n->type == YNODE_SCALAR && n->len ? n->text : NULL;
}

int
hx_has_page(const struct item *it)
{
	return it->parsed && it->id && item_id_valid(it->id);
}

int
hx_owns_page(const struct hx *h, const struct item *it)
{
	return hx_has_page(it) && backlog_item(h->bl, it->id) == it;
}

void
hx_item_href(struct sbuf *sb, const struct item *it, const char *root)
{
	sbuf_adds(sb, root);
	sbuf_adds(sb, "items/");
	xml_escape_attrz(sb, it->id);
	sbuf_adds(sb, ".html");
}

void
hx_item_link(struct sbuf *sb, const struct item *it, const char *root)
{
	if (!hx_has_page(it)) {
		hx_text(sb, it->id ? it->id : it->path);
		return;
	}
	sbuf_adds(sb, "<a href=\"");
	hx_item_href(sb, it, root);
	sbuf_adds(sb, "\">");
	hx_text(sb, it->id);
	sbuf_adds(sb, "</a>");
}

void
hx_status_badge(struct sbuf *sb, enum item_status s)
{
	const char *name = s == ST_UNKNOWN ? "unknown" : item_status_name(s);

	sbuf_addf(sb, "<span class=\"badge s-%s\">%s</span>", name, name);
}

void
hx_type_label(struct sbuf *sb, enum item_type t)
{
	static const char *const label[] = {
		"Experiment", "Business as usual", "Improvement", "Other",
	};

	sbuf_addf(sb, "<span class=\"type\">%s</span>", label[t <= TYPE_UNKNOWN ? t : TYPE_UNKNOWN]);
}

void
hx_result_badge(struct sbuf *sb, const char *result)
{
	if (result && (!strcmp(result, "won") || !strcmp(result, "lost") ||
		       !strcmp(result, "inconclusive")))
		sbuf_addf(sb, "<span class=\"badge r-%s\">%c%s</span>", result,
			  result[0] - 'a' + 'A', result + 1);
	else if (result) {
		sbuf_adds(sb, "<span class=\"badge r-none\">");
		hx_text(sb, result);
		sbuf_adds(sb, "</span>");
	} else {
		sbuf_adds(sb, "<span class=\"badge r-none\">No result</span>");
	}
}

void
hx_num(struct sbuf *sb, double v)
{
	char buf[64];

	if (isnan(v)) {
		sbuf_adds(sb, "&#8211;");
		return;
	}
	listing_fmt_num(buf, sizeof(buf), v);
	sbuf_adds(sb, buf);
}

void
hx_date(struct sbuf *sb, long day)
{
	static const char *const mon[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};
	char buf[16];
	int m;

	date_format(buf, sizeof(buf), day);
	m = atoi(buf + 5);
	if (m >= 1 && m <= 12)
		sbuf_addf(sb, "%d %s %.4s", atoi(buf + 8), mon[m - 1], buf);
	else
		sbuf_adds(sb, buf);
}

void
hx_tags(struct sbuf *sb, const struct item *it)
{
	const struct ynode *t = item_get(it, "tags");

	if (t && t->type == YNODE_SCALAR && t->len) {
		sbuf_adds(sb, "<span class=\"tag\">");
		hx_text(sb, t->text);
		sbuf_adds(sb, "</span>");
	}
	for (size_t i = 0; t && t->type == YNODE_SEQ && i < t->nkids; i++) {
		if (t->kids[i]->type != YNODE_SCALAR || !t->kids[i]->len)
			continue;
		sbuf_adds(sb, "<span class=\"tag\">");
		hx_text(sb, t->kids[i]->text);
		sbuf_adds(sb, "</span>");
	}
}

void
hx_tags_text(struct sbuf *sb, const struct item *it)
{
	const struct ynode *t = item_get(it, "tags");

	if (t && t->type == YNODE_SCALAR) {
		sbuf_addc(sb, ' ');
		sbuf_adds(sb, t->text);
	}
	for (size_t i = 0; t && t->type == YNODE_SEQ && i < t->nkids; i++)
		if (t->kids[i]->type == YNODE_SCALAR) {
			sbuf_addc(sb, ' ');
			sbuf_adds(sb, t->kids[i]->text);
		}
}

/*-----------------------------------------------------------------------
 * The page shell
 *----------------------------------------------------------------------*/

const char *
html_script(void)
{
	return hx_js;
}

void
html_script_hash(struct sbuf *out)
{
	uint8_t d[32];

	sha256(d, hx_js, strlen(hx_js));
	sbuf_adds(out, "'sha256-");
	base64_add(out, d, sizeof(d));
	sbuf_addc(out, '\'');
}

static const char *const nav[][2] = {
	{ "backlog", "Backlog" },
	{ "board", "Huddle board" },
	{ "cycles", "Cycles" },
	{ "experiments", "Experiments" },
	{ "campaigns", "Campaigns" },
};

static const char *const app_nav[][3] = {
	{ "backlog", "/", "Backlog" },
	{ "new", "/new", "Submit an idea" },
	{ "board", "/board", "Huddle board" },
	{ "cycle", "/cycle", "Cycle" },
};

static void
app_band(struct sbuf *sb, const struct hx *h)
{
	const struct html_opts *o = h->o;

	sbuf_adds(sb, "<div class=\"brand\"><h1><a href=\"/\">");
	hx_text(sb, o->title);
	sbuf_adds(sb, "</a></h1><span class=\"kicker\">Marketing backlog</span></div>\n"
		  "<div class=\"meta\">As of ");
	hx_date(sb, o->today);
	if (o->app_who) {
		sbuf_adds(sb, " &#183; signed in as ");
		hx_text(sb, o->app_who);
	}
	if (o->app_token) {
		sbuf_adds(sb, " <form class=\"signout\" method=\"post\" action=\"/logout\">"
			  "<input type=\"hidden\" name=\"_token\" value=\"");
		xml_escape_attrz(sb, o->app_token);
		sbuf_adds(sb, "\"><button type=\"submit\" class=\"linkish\">Sign out</button></form>");
	}
	sbuf_adds(sb, "</div>\n<nav aria-label=\"Sections\">");
	for (size_t i = 0; i < ARRAY_SIZE(app_nav); i++) {
		int here = o->app_section && !strcmp(o->app_section, app_nav[i][0]);

		sbuf_addf(sb, "<a href=\"%s\"%s>%s</a>", app_nav[i][1],
			  here ? " class=\"here\" aria-current=\"page\"" : "", app_nav[i][2]);
	}
	sbuf_adds(sb, "</nav>\n");
}

void
hx_page_begin(struct sbuf *sb, const struct hx *h, const char *title,
	      const char *root, int script)
{
	char built[16];

	/* the day the page was made: its script compares the dates that
	 * badges depend on with the later of this and the reader's today */
	date_format(built, sizeof(built), h->o->today);
	sbuf_addf(sb, "<!DOCTYPE html>\n<html lang=\"en\" data-built=\"%s\">\n<head>\n"
		  "<meta charset=\"utf-8\">\n"
		  "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n", built);
	if (!h->o->app) {
		sbuf_adds(sb, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
			  "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
		if (script) {
			sbuf_adds(sb, "; script-src ");
			html_script_hash(sb);
		}
		sbuf_adds(sb, "\">\n<meta name=\"referrer\" content=\"no-referrer\">\n");
	}
	if (h->o->generator) {
		sbuf_adds(sb, "<meta name=\"generator\" content=\"");
		xml_escape_attrz(sb, h->o->generator);
		sbuf_adds(sb, "\">\n");
	}
	sbuf_adds(sb, "<title>");
	hx_text(sb, title);
	sbuf_adds(sb, "</title>\n");
	if (h->o->app) {
		sbuf_adds(sb, "<link rel=\"stylesheet\" href=\"/static/docket.css\">\n"
			  "</head>\n<body class=\"app\">\n<header class=\"top\"><div class=\"wrap\">\n");
		app_band(sb, h);
		sbuf_adds(sb, "</div></header>\n<main class=\"wrap\">\n");
		return;
	}
	sbuf_adds(sb, "<style>\n");
	html_css(sb);
	sbuf_adds(sb, "</style>\n</head>\n<body>\n<header class=\"top\"><div class=\"wrap\">\n"
		  "<div class=\"brand\"><h1>");
	sbuf_addf(sb, "<a href=\"%sindex.html\">", root);
	hx_text(sb, h->o->title);
	sbuf_adds(sb, "</a></h1><span class=\"kicker\">Marketing backlog</span></div>\n"
		  "<p class=\"meta\">As of ");
	hx_date(sb, h->o->today);
	if (h->o->rev) {
		sbuf_adds(sb, " &#183; revision <code>");
		hx_text(sb, h->o->rev);
		sbuf_adds(sb, "</code>");
	}
	sbuf_adds(sb, "</p>\n<nav aria-label=\"Sections\">");
	for (size_t i = 0; i < ARRAY_SIZE(nav); i++)
		sbuf_addf(sb, "<a href=\"%s#%s\">%s</a>", *root ? "../index.html" : "",
			  nav[i][0], nav[i][1]);
	sbuf_adds(sb, "</nav>\n</div></header>\n<main class=\"wrap\">\n");
}

void
hx_page_end(struct sbuf *sb, const struct hx *h, int script)
{
	sbuf_adds(sb, "</main>\n<footer><div class=\"wrap\">");
	if (h->o->app) {
		sbuf_adds(sb, "Served by ");
		hx_text(sb, h->o->generator ? h->o->generator : "docket");
		sbuf_adds(sb, ". Every change is a git commit; the files stay the truth.</div></footer>\n"
			  "<script src=\"/static/app.js\"></script>\n</body>\n</html>\n");
		return;
	}
	sbuf_adds(sb, "Exported ");
	hx_date(sb, h->o->today);
	if (h->o->generator) {
		sbuf_adds(sb, " by ");
		hx_text(sb, h->o->generator);
	}
	sbuf_adds(sb, ". The Marketing Owner orders the backlog; scores only advise.</div></footer>\n");
	if (script) {
		sbuf_adds(sb, "<script>");
		sbuf_adds(sb, hx_js);
		sbuf_adds(sb, "</script>\n");
	}
	sbuf_adds(sb, "</body>\n</html>\n");
}

/*-----------------------------------------------------------------------
 * The site
 *----------------------------------------------------------------------*/

void
html_site_init(struct html_site *s)
{
	memset(s, 0, sizeof(*s));
}

void
html_site_release(struct html_site *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->pages[i].path);
		sbuf_release(&s->pages[i].html);
	}
	free(s->pages);
	html_site_init(s);
}

static struct sbuf *
add_page(struct html_site *s, char *path)
{
	struct html_page *p;

	s->pages = xgrow(s->pages, &s->alloc, s->n + 1, sizeof(*s->pages));
	p = &s->pages[s->n++];
	p->path = path;
	sbuf_init(&p->html);
	return &p->html;
}

void
html_site_render(struct html_site *out, const struct backlog *bl,
		 const struct html_opts *o)
{
	struct hx h;
	struct item **all;
	size_t n;
	struct sbuf *sb;

	memset(&h, 0, sizeof(h));
	h.bl = bl;
	h.o = o;
	all = backlog_sorted(bl, &n);
	h.items = xcalloc(n + 1, sizeof(*h.items));
	for (size_t i = 0; i < n; i++)
		if (all[i]->parsed)
			h.items[h.n++] = all[i];
		else
			out->skipped++;
	free(all);
	cycles_from_backlog(&h.cycles, bl);
	h.current = cycles_current(&h.cycles, o->today);
	metrics_init(&h.m);
	metrics_compute(&h.m, bl, &h.cycles, o->today);
	huddle_init(&h.board);
	if (h.current)
		huddle_make(&h.board, bl, h.current, o->today);

	sb = add_page(out, xstrdup("index.html"));
	hx_page_begin(sb, &h, o->title, "", 1);
	hx_index(sb, &h);
	hx_page_end(sb, &h, 1);

	for (size_t i = 0; i < h.n; i++) {
		/* a duplicate id gets no page: the first file has it */
		if (!hx_owns_page(&h, h.items[i])) {
			out->skipped++;
			continue;
		}
		sb = add_page(out, xasprintf("items/%s.html", h.items[i]->id));
		hx_item_page(sb, &h, i);
	}
	huddle_release(&h.board);
	metrics_release(&h.m);
	cycles_release(&h.cycles);
	free(h.items);
}

static const struct export_format export_rows[] = {
	{ { "html", "a static web site", 0 }, html_site_render },
	{ { NULL, NULL, 0 }, NULL },
};
const struct format_table export_formats = FORMAT_TABLE(export_rows);
