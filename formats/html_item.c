/*
 * html_item.c: one page per item (items/<ID>.html) and the safe
 * Markdown rendering of bodies with cmark-gfm.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "core/date.h"
#include "core/score.h"
#include "formats/html_int.h"

/*-----------------------------------------------------------------------
 * Markdown
 *----------------------------------------------------------------------*/

void
html_markdown(struct sbuf *out, const char *md, size_t len)
{
	static const char *const exts[] = {
		"table", "tasklist", "strikethrough", "autolink",
	};
	/* never CMARK_OPT_UNSAFE: raw HTML becomes a comment, and links
	 * and images with javascript:, vbscript:, file: or non-image
	 * data: URLs lose their URL */
	const int options = CMARK_OPT_DEFAULT | CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8;
	cmark_parser *p;
	cmark_node *doc;
	char *html;

	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(options);
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);

		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, md, len);
	doc = cmark_parser_finish(p);
	html = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(p));
	if (html) {
		sbuf_adds(out, html);
		cmark_get_default_mem_allocator()->free(html);
	}
	cmark_node_free(doc);
	cmark_parser_free(p);
}

/*-----------------------------------------------------------------------
 * The page
 *----------------------------------------------------------------------*/

/* Front-matter keys shown in their own places; the rest are listed
 * under "More fields". */
static const char *const shown_keys[] = {
	"id", "title", "type", "status", "effort", "customer_value",
	"business_value", "time_criticality", "goal", "outcome", "hypothesis",
	"metric", "target", "result", "actual", "stop_reason", "blocked_reason",
	"cycle", "campaign", "mvl", "tags", "requested_by", "depends_on",
	"follows", "created", "started", "finished",
};

static int
is_shown(const char *key)
{
	for (size_t i = 0; i < sizeof(shown_keys) / sizeof(shown_keys[0]); i++)
		if (!strcmp(shown_keys[i], key))
			return 1;
	return 0;
}

static void
fact_begin(struct sbuf *sb, const char *label)
{
	sbuf_addf(sb, "<div><dt>%s</dt><dd>", label);
}

static void
fact(struct sbuf *sb, const char *label, const char *text)
{
	if (!text)
		return;
	fact_begin(sb, label);
	hx_text(sb, text);
	sbuf_adds(sb, "</dd></div>");
}

static void
fact_date(struct sbuf *sb, const char *label, const char *text)
{
	long d;

	if (!text)
		return;
	if (date_parse(&d, text)) {
		fact(sb, label, text);
		return;
	}
	fact_begin(sb, label);
	hx_date(sb, d);
	sbuf_adds(sb, "</dd></div>");
}

/* A reference to another item: a link when it has a page. */
static void
ref(struct sbuf *sb, const struct hx *h, const char *id)
{
	const struct item *o = backlog_item(h->bl, id);

	if (o && hx_has_page(o)) {
		hx_item_link(sb, o, "../");
		if (o->title) {
			sbuf_adds(sb, " <span class=\"muted\">");
			hx_text(sb, o->title);
			sbuf_adds(sb, "</span>");
		}
	} else {
		hx_text(sb, id);
	}
}

static void
refs(struct sbuf *sb, const struct hx *h, const char *label, const struct ynode *n)
{
	if (!n || (n->type == YNODE_SEQ && !n->nkids))
		return;
	fact_begin(sb, label);
	if (n->type == YNODE_SCALAR)
		ref(sb, h, n->text);
	for (size_t i = 0; n->type == YNODE_SEQ && i < n->nkids; i++) {
		if (n->kids[i]->type != YNODE_SCALAR)
			continue;
		if (i)
			sbuf_adds(sb, "<br>");
		ref(sb, h, n->kids[i]->text);
	}
	sbuf_adds(sb, "</dd></div>");
}

/* A front-matter value as plain text: scalars as written, lists
 * joined with ", ", mappings as "key: value" pairs. */
static void
value_text(struct sbuf *sb, const struct ynode *n, int depth)
{
	if (n->type == YNODE_SCALAR) {
		hx_text(sb, n->text);
		return;
	}
	if (depth > 4) {
		sbuf_adds(sb, "&#8230;");
		return;
	}
	for (size_t i = 0; i < n->nkids; i++) {
		if (n->type == YNODE_MAP) {
			if (i % 2 == 0) {
				if (i)
					sbuf_adds(sb, "; ");
				value_text(sb, n->kids[i], depth + 1);
				sbuf_adds(sb, ": ");
				continue;
			}
		} else if (i) {
			sbuf_adds(sb, ", ");
		}
		value_text(sb, n->kids[i], depth + 1);
	}
}

static void
facts(struct sbuf *sb, const struct hx *h, const struct item *it)
{
	char kind[64];

	sbuf_adds(sb, "<dl class=\"facts\">");
	fact_begin(sb, "Rank");
	if (it->rank)
		sbuf_addf(sb, "#%ld of %zu", it->rank, h->bl->order.nids);
	else
		sbuf_adds(sb, item_status_open(it->status) ? "Not ranked yet" : "Closed");
	sbuf_adds(sb, "</dd></div>");
	fact_begin(sb, "Effort");
	hx_num(sb, it->effort);
	sbuf_adds(sb, "</dd></div>");
	fact_begin(sb, "Customer value");
	if (it->customer_value)
		sbuf_addf(sb, "%d / 10", it->customer_value);
	else
		sbuf_adds(sb, "&#8211;");
	sbuf_adds(sb, "</dd></div>");
	fact_begin(sb, "Business value");
	if (it->business_value)
		sbuf_addf(sb, "%d / 10", it->business_value);
	else
		sbuf_adds(sb, "&#8211;");
	sbuf_adds(sb, "</dd></div>");
	if (it->time_criticality) {
		fact_begin(sb, "Time criticality");
		sbuf_addf(sb, "%d / 10", it->time_criticality);
		sbuf_adds(sb, "</dd></div>");
	}
	snprintf(kind, sizeof(kind), "Score (%s)", score_kind_name(h->bl->config.score));
	fact_begin(sb, kind);
	hx_num(sb, it->score);
	sbuf_adds(sb, "</dd></div>");
	fact(sb, "Campaign", it->campaign);
	if (it->goal) {
		const struct goal *g = config_goal(&h->bl->config, it->goal);

		fact_begin(sb, "Goal");
		hx_text(sb, it->goal);
		if (g && g->description) {
			sbuf_adds(sb, " <span class=\"muted\">&#8212; ");
			hx_text(sb, g->description);
			sbuf_adds(sb, "</span>");
		}
		sbuf_adds(sb, "</dd></div>");
	}
	fact(sb, "Outcome", hx_str(it, "outcome"));
	fact(sb, "Cycle", it->cycle);
	fact(sb, "Requested by", hx_str(it, "requested_by"));
	refs(sb, h, "Depends on", item_get(it, "depends_on"));
	refs(sb, h, "Follows", item_get(it, "follows"));
	fact_date(sb, "Created", it->created);
	fact_date(sb, "Started", it->started);
	fact_date(sb, "Finished", it->finished);
	fact(sb, "File", it->path);
	sbuf_adds(sb, "</dl>\n");
}

static void
experiment_panel(struct sbuf *sb, const struct item *it)
{
	const char *hyp = hx_str(it, "hypothesis"), *metric = hx_str(it, "metric");
	const char *target = hx_str(it, "target"), *actual = hx_str(it, "actual");

	if (it->type != TYPE_EXPERIMENT && !hyp && !metric)
		return;
	sbuf_adds(sb, "<div class=\"card panel\"><h2>Experiment ");
	if (it->status == ST_DONE)
		hx_result_badge(sb, hx_str(it, "result"));
	sbuf_adds(sb, "</h2>");
	sbuf_adds(sb, "<p class=\"hyp lone\">");
	hx_text(sb, hyp ? hyp : "No hypothesis yet");
	sbuf_adds(sb, "</p><div class=\"kpi\">");
	sbuf_adds(sb, "<div>Metric<b>");
	hx_text(sb, metric ? metric : "\xe2\x80\x93");
	sbuf_adds(sb, "</b></div><div>Target<b>");
	hx_text(sb, target ? target : "\xe2\x80\x93");
	sbuf_adds(sb, "</b></div><div>Actual<b>");
	hx_text(sb, actual ? actual : "\xe2\x80\x93");
	sbuf_adds(sb, "</b></div></div></div>\n");
}

static void
reason_panel(struct sbuf *sb, const struct item *it)
{
	const char *why = NULL, *label = NULL;

	if (it->status == ST_BLOCKED) {
		why = hx_str(it, "blocked_reason");
		label = "Blocked";
	} else if (it->status == ST_STOPPED) {
		why = hx_str(it, "stop_reason");
		label = "Stopped";
	}
	if (!why)
		return;
	sbuf_addf(sb, "<div class=\"card panel reason\"><h2>%s</h2><p>",
		  label);
	hx_text(sb, why);
	sbuf_adds(sb, "</p></div>\n");
}

static void
more_fields(struct sbuf *sb, const struct item *it)
{
	const struct ynode *root = it->fm.root;
	int any = 0;

	for (size_t i = 0; root && root->type == YNODE_MAP && i + 1 < root->nkids; i += 2) {
		const struct ynode *k = root->kids[i];

		if (k->type != YNODE_SCALAR || is_shown(k->text))
			continue;
		if (!any)
			sbuf_adds(sb, "<div class=\"card panel\"><h2>More fields</h2><dl class=\"facts\">");
		any = 1;
		sbuf_adds(sb, "<div><dt>");
		hx_text(sb, k->text);
		sbuf_adds(sb, "</dt><dd>");
		value_text(sb, root->kids[i + 1], 0);
		sbuf_adds(sb, "</dd></div>");
	}
	if (any)
		sbuf_adds(sb, "</dl></div>\n");
}

static void
pager_link(struct sbuf *sb, const struct item *it, const char *dir)
{
	sbuf_adds(sb, "<a href=\"");
	hx_item_href(sb, it, "../");
	sbuf_addf(sb, "\">%s", *dir == 'p' ? "&#8592; " : "");
	hx_text(sb, it->id);
	sbuf_addc(sb, ' ');
	hx_text(sb, it->title);
	sbuf_addf(sb, "%s</a>", *dir == 'n' ? " &#8594;" : "");
}

void
hx_item_main(struct sbuf *sb, const struct hx *h, const struct item *it)
{
	sbuf_adds(sb, "<div class=\"card itemhead\"><div class=\"idline\">");
	if (it->mvl)
		sbuf_adds(sb, "<span class=\"mvl\" title=\"Minimally viable launch\">MVL</span>");
	hx_text(sb, it->id);
	hx_status_badge(sb, it->status);
	hx_type_label(sb, it->type);
	sbuf_adds(sb, "</div>\n<h1>");
	hx_text(sb, it->title ? it->title : "(no title)");
	sbuf_adds(sb, "</h1>\n");
	if (item_get(it, "tags")) {
		sbuf_adds(sb, "<div class=\"tags\">");
		hx_tags(sb, it);
		sbuf_adds(sb, "</div>");
	}
	facts(sb, h, it);
	sbuf_adds(sb, "</div>\n");
	reason_panel(sb, it);
	experiment_panel(sb, it);
	if (it->len > it->fm.body_off) {
		sbuf_adds(sb, "<article class=\"card body\">\n");
		html_markdown(sb, it->data + it->fm.body_off, it->len - it->fm.body_off);
		sbuf_adds(sb, "</article>\n");
	}
	more_fields(sb, it);
}

void
hx_item_page(struct sbuf *sb, const struct hx *h, size_t i)
{
	const struct item *it = h->items[i];
	struct sbuf title = SBUF_INIT;
	const struct item *prev = NULL, *next = NULL;

	sbuf_addf(&title, "%s \xc2\xb7 %s \xe2\x80\x94 %s", it->id,
		  it->title ? it->title : "(no title)", h->o->title ? h->o->title : "backlog");
	hx_page_begin(sb, h, title.buf, "../", 0);
	sbuf_release(&title);

	sbuf_adds(sb, "<div class=\"crumbs\"><a href=\"../index.html#backlog\">Backlog</a> &#8250; ");
	hx_text(sb, it->id);
	sbuf_adds(sb, "</div>\n");
	hx_item_main(sb, h, it);

	for (size_t k = i; k-- > 0;)
		if (hx_owns_page(h, h->items[k])) {
			prev = h->items[k];
			break;
		}
	for (size_t k = i + 1; k < h->n; k++)
		if (hx_owns_page(h, h->items[k])) {
			next = h->items[k];
			break;
		}
	sbuf_adds(sb, "<nav class=\"pager\" aria-label=\"Backlog order\"><span>");
	if (prev)
		pager_link(sb, prev, "prev");
	sbuf_adds(sb, "</span><span>");
	if (next)
		pager_link(sb, next, "next");
	sbuf_adds(sb, "</span></nav>\n");
	hx_page_end(sb, h, 0);
}
