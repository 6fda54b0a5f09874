/*
 * showcase.c: the Team Showcase as Markdown or HTML (see showcase.h).
 * The content is gathered once (struct gather); each section is written
 * through small helpers that know both formats.
 */
#include "formats/showcase.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/strmap.h"
#include "core/xalloc.h"
#include "formats/listing.h"
#include "formats/xml.h"

static const struct showcase_format_row rows[] = {
	{ { "md", NULL, FORMAT_RAW_TEXT }, SHOWCASE_MD },
	{ { "html", "one self-contained page", 0 }, SHOWCASE_HTML },
	{ { NULL, NULL, 0 }, SHOWCASE_MD },
};
const struct format_table showcase_formats = FORMAT_TABLE(rows);

struct w {
	struct sbuf *out;
	enum showcase_format f;
	int in_list;
};

/* Inline text: Markdown punctuation escaped, line ends as spaces; or
 * HTML-escaped. */
static void
esc(struct w *w, const char *s)
{
	if (!s)
		return;
	if (w->f == SHOWCASE_HTML) {
		xml_escapez(w->out, s);
		return;
	}
	for (; *s; s++) {
		if (strchr("\\`*_[]<>|&#!~", *s))
			sbuf_addc(w->out, '\\');
		sbuf_addc(w->out, *s == '\n' || *s == '\r' ? ' ' : *s);
	}
}

static void
list_end(struct w *w)
{
	if (!w->in_list)
		return;
	sbuf_adds(w->out, w->f == SHOWCASE_HTML ? "</ul>\n" : "");
	w->in_list = 0;
}

static void
h2(struct w *w, const char *title)
{
	list_end(w);
	if (w->f == SHOWCASE_HTML)
		sbuf_addf(w->out, "<h2>%s</h2>\n", title);
	else
		sbuf_addf(w->out, "\n## %s\n\n", title);
}

static void
para_begin(struct w *w)
{
	list_end(w);
	sbuf_adds(w->out, w->f == SHOWCASE_HTML ? "<p>" : "");
}

static void
para_end(struct w *w)
{
	sbuf_adds(w->out, w->f == SHOWCASE_HTML ? "</p>\n" : "\n");
}

static void
li_begin(struct w *w)
{
	if (w->f == SHOWCASE_HTML) {
		if (!w->in_list)
			sbuf_adds(w->out, "<ul>\n");
		sbuf_adds(w->out, "<li>");
	} else {
		sbuf_adds(w->out, "- ");
	}
	w->in_list = 1;
}

static void
li_end(struct w *w)
{
	sbuf_adds(w->out, w->f == SHOWCASE_HTML ? "</li>\n" : "\n");
}

static void
strong(struct w *w, const char *s)
{
	sbuf_adds(w->out, w->f == SHOWCASE_HTML ? "<strong>" : "**");
	esc(w, s);
	sbuf_adds(w->out, w->f == SHOWCASE_HTML ? "</strong>" : "**");
}

static void
none(struct w *w, const char *what)
{
	para_begin(w);
	sbuf_adds(w->out, what);
	para_end(w);
}

static const char *
field(const struct item *it, const char *key)
{
	return ynode_str(item_get(it, key));
}

/* "**MKT-42** Title" */
static void
item_head(struct w *w, const struct item *it)
{
	strong(w, it->id);
	sbuf_addc(w->out, ' ');
	esc(w, it->title);
}

/* ---------------------------------------------------------------------
 * Sections
 * ------------------------------------------------------------------- */

static void
committed_vs_completed(struct w *w, const struct cycle_stats *s)
{
	char a[32], b[32];

	listing_fmt_num(a, sizeof(a), s->committed_effort);
	listing_fmt_num(b, sizeof(b), s->completed_effort);
	h2(w, "Committed vs completed");
	para_begin(w);
	sbuf_addf(w->out, "Committed %zu item%s (effort %s); completed %zu (effort %s)",
		  s->committed_n, s->committed_n == 1 ? "" : "s", a,
		  s->completed_n, b);
	if (!isnan(s->say_do))
		sbuf_addf(w->out, ": say/do %.0f%%", 100 * s->say_do);
	sbuf_adds(w->out, ".");
	if (s->state == CYCLE_CURRENT)
		sbuf_adds(w->out, " The cycle is still running.");
	if (s->missing)
		sbuf_addf(w->out, " %zu committed id%s name%s no item.", s->missing,
			  s->missing == 1 ? "" : "s", s->missing == 1 ? "s" : "");
	para_end(w);
}

/*
 * Did it ship in this cycle?  A committed item when it is completed
 * (metrics.h); another item of the cycle when it is done and was not
 * finished after the cycle's end.
 */
static int
shipped_in(const struct cycle_stats *s, const struct item *it)
{
	long f;

	if (it->status != ST_DONE)
		return 0;
	for (size_t i = 0; i < s->committed_n; i++)
		if (s->items[i] == it)
			return s->completed[i];
	return !it->finished || date_parse(&f, it->finished) ||
		s->cycle->end < 0 || f <= s->cycle->end;
}

static void
shipped(struct w *w, const struct cycle_stats *s, const struct item **items,
	size_t n)
{
	size_t k = 0;
	char e[32];

	h2(w, "What shipped");
	for (size_t i = 0; i < n; i++) {
		const struct item *it = items[i];

		if (!shipped_in(s, it))
			continue;
		k++;
		li_begin(w);
		item_head(w, it);
		listing_fmt_num(e, sizeof(e), it->effort);
		sbuf_addf(w->out, " (%s, effort %s", item_type_name(it->type), e);
		if (it->finished) {
			sbuf_adds(w->out, ", finished ");
			esc(w, it->finished);
		}
		sbuf_addc(w->out, ')');
		if (field(it, "outcome")) {
			sbuf_adds(w->out, ": ");
			esc(w, field(it, "outcome"));
		}
		li_end(w);
	}
	if (!k)
		none(w, "Nothing is done yet.");
}

static void
cell(struct w *w, const char *s, const char *cls)
{
	if (w->f == SHOWCASE_HTML) {
		sbuf_adds(w->out, cls ? "<td class=\"" : "<td>");
		if (cls)
			sbuf_addf(w->out, "%s\">", cls);
		esc(w, s ? s : "-");
		sbuf_adds(w->out, "</td>");
	} else {
		sbuf_addc(w->out, ' ');
		esc(w, s ? s : "-");
		sbuf_adds(w->out, " |");
	}
}

static void
experiments(struct w *w, const struct cycle_stats *s, const struct item **items,
	    size_t n)
{
	static const char *const heads[] = {
		"Item", "Hypothesis", "Metric", "Target", "Actual", "Result",
	};
	size_t k = 0;

	h2(w, "Experiment results");
	for (size_t i = 0; i < n; i++) {
		const struct item *it = items[i];
		const char *r = field(it, "result");
		int known = r && (!strcmp(r, "won") || !strcmp(r, "lost") ||
				  !strcmp(r, "inconclusive"));

		if (it->type != TYPE_EXPERIMENT || !shipped_in(s, it))
			continue;
		if (!k++) {
			if (w->f == SHOWCASE_HTML) {
				sbuf_adds(w->out, "<table>\n<tr>");
				for (size_t h = 0; h < ARRAY_SIZE(heads); h++)
					sbuf_addf(w->out, "<th>%s</th>", heads[h]);
				sbuf_adds(w->out, "</tr>\n");
			} else {
				sbuf_adds(w->out, "|");
				for (size_t h = 0; h < ARRAY_SIZE(heads); h++)
					sbuf_addf(w->out, " %s |", heads[h]);
				sbuf_adds(w->out, "\n|");
				for (size_t h = 0; h < ARRAY_SIZE(heads); h++)
					sbuf_adds(w->out, " --- |");
				sbuf_addc(w->out, '\n');
			}
		}
		sbuf_adds(w->out, w->f == SHOWCASE_HTML ? "<tr>" : "|");
		cell(w, it->id, NULL);
		cell(w, field(it, "hypothesis"), NULL);
		cell(w, field(it, "metric"), NULL);
		cell(w, field(it, "target"), NULL);
		cell(w, field(it, "actual"), NULL);
		cell(w, known ? r : r ? r : "not recorded", known ? r : NULL);
		sbuf_adds(w->out, w->f == SHOWCASE_HTML ? "</tr>\n" : "\n");
	}
	if (k && w->f == SHOWCASE_HTML)
		sbuf_adds(w->out, "</table>\n");
	if (!k)
		none(w, "No experiment finished in this cycle.");
}

static void
stopped(struct w *w, const struct item **items, size_t n)
{
	size_t k = 0;

	h2(w, "Stopped");
	for (size_t i = 0; i < n; i++) {
		const char *why;

		if (items[i]->status != ST_STOPPED)
			continue;
		k++;
		li_begin(w);
		item_head(w, items[i]);
		why = field(items[i], "stop_reason");
		sbuf_adds(w->out, ": ");
		esc(w, why && *why ? why : "no stop_reason given");
		li_end(w);
	}
	if (!k)
		none(w, "Nothing was stopped.");
}

static void
unfinished(struct w *w, const struct cycle_stats *s)
{
	size_t k = 0;

	for (size_t i = 0; i < s->committed_n; i++) {
		const struct item *it = s->items[i];

		if (s->completed[i] || it->status == ST_STOPPED)
			continue;
		if (!k++)
			h2(w, "Committed, not completed");
		li_begin(w);
		item_head(w, it);
		sbuf_addf(w->out, " (%s", item_status_name(it->status));
		if (it->status == ST_DONE && it->finished) {
			sbuf_adds(w->out, " ");
			esc(w, it->finished);
			sbuf_adds(w->out, ", after the cycle's end");
		}
		sbuf_addc(w->out, ')');
		li_end(w);
	}
}

static void
followups(struct w *w, const struct backlog *bl, const struct item **items,
	  size_t n)
{
	struct strmap ids = STRMAP_INIT;
	struct item **sorted;
	size_t ns, k = 0;

	for (size_t i = 0; i < n; i++)
		strmap_put(&ids, items[i]->id, strlen(items[i]->id), (void *)items[i]);
	sorted = backlog_sorted(bl, &ns);
	h2(w, "Follow-ups");
	for (size_t i = 0; i < ns; i++) {
		const struct item *it = sorted[i];
		const char *f = it->parsed ? field(it, "follows") : NULL;

		if (!f || !strmap_get(&ids, f))
			continue;
		k++;
		li_begin(w);
		item_head(w, it);
		sbuf_adds(w->out, " follows ");
		esc(w, f);
		sbuf_addf(w->out, " (%s)", item_status_name(it->status));
		li_end(w);
	}
	if (!k)
		none(w, "No follow-up yet.");
	free(sorted);
	strmap_release(&ids);
}

/* A section of the cycle file: Markdown as is; in HTML, lines starting
 * with "- " or "* " as list items, others as paragraphs. */
static void
section_text(struct w *w, const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	if (w->f == SHOWCASE_MD) {
		list_end(w);
		sbuf_add(w->out, s, len);
		sbuf_addc(w->out, '\n');
		return;
	}
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t n = eol ? (size_t)(eol - p) : (size_t)(end - p);
		char *line;
		const char *t;

		while (n && (p[n - 1] == '\r' || p[n - 1] == ' '))
			n--;
		line = xmemdup0(p, n);
		t = line;
		while (*t == ' ' || *t == '\t')
			t++;
		if ((t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ') {
			li_begin(w);
			esc(w, t + 2);
			li_end(w);
		} else if (*t) {
			while (*t == '#')
				t++;
			while (*t == ' ')
				t++;
			para_begin(w);
			esc(w, t);
			para_end(w);
		} else {
			list_end(w);
		}
		free(line);
		p = eol ? eol + 1 : end;
	}
}

static void
improvements(struct w *w, const struct cycle *c, const struct item **items,
	     size_t n)
{
	size_t len = 0, k = 0;
	const char *sec = cycle_section(c, "Improvements", &len);

	h2(w, "Improvements");
	if (sec && len) {
		section_text(w, sec, len);
		k++;
	}
	for (size_t i = 0; i < n; i++) {
		if (items[i]->type != TYPE_IMPROVEMENT)
			continue;
		k++;
		li_begin(w);
		item_head(w, items[i]);
		sbuf_addf(w->out, " (%s)", item_status_name(items[i]->status));
		li_end(w);
	}
	if (!k)
		none(w, "No improvement recorded.");
}

static void
notes(struct w *w, const struct cycle *c)
{
	size_t len = 0;
	const char *sec = cycle_section(c, "Showcase notes", &len);

	if (!sec || !len)
		return;
	h2(w, "Showcase notes");
	section_text(w, sec, len);
}

/* ---------------------------------------------------------------------
 * The page
 * ------------------------------------------------------------------- */

static const char css[] =
	"body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;"
	"max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2328;"
	"line-height:1.5}"
	"h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;"
	"border-bottom:1px solid #d0d7de}"
	"table{border-collapse:collapse;width:100%}"
	"th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;"
	"vertical-align:top}"
	".won{color:#1a7f37;font-weight:600}.lost{color:#cf222e;font-weight:600}"
	".inconclusive{color:#9a6700}.meta{color:#59636e}";

static void
page_head(struct w *w, const struct cycle *c)
{
	char s[16], e[16];

	if (w->f == SHOWCASE_HTML) {
		sbuf_adds(w->out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
			  "<meta charset=\"utf-8\">\n"
			  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
			  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			  "<title>Team Showcase: cycle ");
		esc(w, c->name);
		sbuf_addf(w->out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>Team Showcase: cycle ", css);
		esc(w, c->name);
		sbuf_adds(w->out, "</h1>\n<p class=\"meta\">");
	} else {
		sbuf_adds(w->out, "# Team Showcase: cycle ");
		esc(w, c->name);
		sbuf_adds(w->out, "\n\n");
	}
	if (c->start >= 0 && c->end >= 0) {
		date_format(s, sizeof(s), c->start);
		date_format(e, sizeof(e), c->end);
		sbuf_addf(w->out, "%s to %s", s, e);
	} else {
		sbuf_adds(w->out, "No dates");
	}
	if (c->goal) {
		sbuf_adds(w->out, ". Goal: ");
		esc(w, c->goal);
	}
	sbuf_adds(w->out, w->f == SHOWCASE_HTML ? ".</p>\n" : ".\n");
}

void
showcase_render(struct sbuf *out, const struct backlog *bl,
		const struct metrics *m, const struct cycle_stats *s,
		enum showcase_format f)
{
	struct w w = { out, f, 0 };
	const struct item **items;
	size_t n;

	(void)m;
	items = metrics_cycle_items(bl, s->cycle, &n);
	page_head(&w, s->cycle);
	committed_vs_completed(&w, s);
	shipped(&w, s, items, n);
	experiments(&w, s, items, n);
	stopped(&w, items, n);
	unfinished(&w, s);
	followups(&w, bl, items, n);
	improvements(&w, s->cycle, items, n);
	notes(&w, s->cycle);
	list_end(&w);
	if (f == SHOWCASE_HTML)
		sbuf_adds(out, "</body>\n</html>\n");
	free(items);
}
