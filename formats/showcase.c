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
	{ { "json", NULL, 0 }, SHOWCASE_JSON },
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

/* " (added 2026-12-08)", " (unplanned)", " (carried over)": how an
 * item came into the cycle. */
static void
how_note(struct w *w, const struct scope_item *e)
{
	char d[16];

	if (!e)
		return;
	if (e->how == SCOPE_UNPLANNED) {
		sbuf_adds(w->out, " (unplanned)");
	} else if (e->how == SCOPE_ADDED) {
		sbuf_adds(w->out, " (added");
		if (e->day >= 0) {
			date_format(d, sizeof(d), e->day);
			sbuf_addf(w->out, " %s", d);
		}
		sbuf_adds(w->out, ")");
	} else if (e->carried_in) {
		sbuf_adds(w->out, " (carried over)");
	}
}

static void
committed_vs_completed(struct w *w, const struct cycle_stats *s)
{
	char a[32], b[32], c[32], v[32];

	listing_fmt_num(a, sizeof(a), s->committed_effort);
	listing_fmt_num(b, sizeof(b), s->completed_effort);
	h2(w, "Committed vs completed");
	para_begin(w);
	sbuf_addf(w->out, "Committed %zu item%s (effort %s); completed %zu (effort %s)",
		  s->committed_n, s->committed_n == 1 ? "" : "s", a,
		  s->completed_n, b);
	if (s->learned_n) {
		listing_fmt_num(c, sizeof(c), s->learned_effort);
		sbuf_addf(w->out, "; learned from %zu stopped experiment%s (effort %s)",
			  s->learned_n, s->learned_n == 1 ? "" : "s", c);
	}
	if (!isnan(s->say_do))
		sbuf_addf(w->out, ": say/do %.0f%%", 100 * s->say_do);
	sbuf_adds(w->out, ".");
	if (s->added_n || s->unplanned_n) {
		listing_fmt_num(v, sizeof(v), s->velocity);
		sbuf_adds(w->out, " Beyond the commitment:");
		if (s->added_n) {
			listing_fmt_num(c, sizeof(c), s->added_effort);
			sbuf_addf(w->out, " %zu item%s added after the start (effort %s)",
				  s->added_n, s->added_n == 1 ? "" : "s", c);
		}
		if (s->unplanned_n) {
			listing_fmt_num(c, sizeof(c), s->unplanned_effort);
			sbuf_addf(w->out, "%s %zu unplanned item%s done (effort %s)",
				  s->added_n ? ";" : "", s->unplanned_n,
				  s->unplanned_n == 1 ? "" : "s", c);
		}
		sbuf_addf(w->out, "; velocity %s.", v);
	}
	if (s->state == CYCLE_CURRENT)
		sbuf_adds(w->out, " The cycle is still running.");
	if (s->missing)
		sbuf_addf(w->out, " %zu committed id%s name%s no item.", s->missing,
			  s->missing == 1 ? "" : "s", s->missing == 1 ? "s" : "");
	para_end(w);
}

static void
shipped(struct w *w, const struct cycle_stats *s)
{
	size_t k = 0;
	char e[32];

	h2(w, "What shipped");
	for (size_t i = 0; i < s->nscope; i++) {
		const struct scope_item *x = &s->scope[i];
		const struct item *it = x->item;

		if (x->outcome != OUT_COMPLETED)
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
		how_note(w, x);
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

static int
known_result(const char *r)
{
	return r && (!strcmp(r, "won") || !strcmp(r, "lost") ||
		     !strcmp(r, "inconclusive"));
}

/* Done experiments, and stopped ones with a result: both taught the
 * team something. */
static void
experiments(struct w *w, const struct cycle_stats *s)
{
	static const char *const heads[] = {
		"Item", "Hypothesis", "Metric", "Target", "Actual", "Result",
	};
	size_t k = 0;

	h2(w, "Experiment results");
	for (size_t i = 0; i < s->nscope; i++) {
		const struct item *it = s->scope[i].item;
		const char *r = field(it, "result");
		int known = known_result(r);
		struct sbuf res = SBUF_INIT;

		if (it->type != TYPE_EXPERIMENT || (s->scope[i].outcome != OUT_COMPLETED &&
						    s->scope[i].outcome != OUT_LEARNED))
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
		sbuf_adds(&res, known ? r : r ? r : "not recorded");
		if (it->status == ST_STOPPED)
			sbuf_adds(&res, ", stopped");
		sbuf_adds(w->out, w->f == SHOWCASE_HTML ? "<tr>" : "|");
		cell(w, it->id, NULL);
		cell(w, field(it, "hypothesis"), NULL);
		cell(w, field(it, "metric"), NULL);
		cell(w, field(it, "target"), NULL);
		cell(w, field(it, "actual"), NULL);
		cell(w, res.buf, known ? r : NULL);
		sbuf_adds(w->out, w->f == SHOWCASE_HTML ? "</tr>\n" : "\n");
		sbuf_release(&res);
	}
	if (k && w->f == SHOWCASE_HTML)
		sbuf_adds(w->out, "</table>\n");
	if (!k)
		none(w, "No experiment finished in this cycle.");
}

static void
stopped(struct w *w, const struct cycle_stats *s)
{
	size_t k = 0;

	h2(w, "Stopped");
	for (size_t i = 0; i < s->nscope; i++) {
		const struct item *it = s->scope[i].item;
		const char *why, *r;

		if (s->scope[i].outcome != OUT_STOPPED && s->scope[i].outcome != OUT_LEARNED)
			continue;
		k++;
		li_begin(w);
		item_head(w, it);
		why = field(it, "stop_reason");
		sbuf_adds(w->out, ": ");
		esc(w, why && *why ? why : "no stop_reason given");
		r = field(it, "result");
		if (s->scope[i].outcome == OUT_LEARNED && r) {
			sbuf_adds(w->out, " (learned: ");
			esc(w, r);
			sbuf_addc(w->out, ')');
		}
		how_note(w, &s->scope[i]);
		li_end(w);
	}
	if (!k)
		none(w, "Nothing was stopped.");
}

/* Items added or removed after the start, with the day. */
static void
scope_changes(struct w *w, const struct cycle_stats *s)
{
	size_t k = 0;
	char d[16];

	for (size_t i = 0; i < s->nscope; i++) {
		const struct scope_item *x = &s->scope[i];

		if (x->how != SCOPE_ADDED && x->how != SCOPE_REMOVED)
			continue;
		if (!k++)
			h2(w, "Scope changes");
		li_begin(w);
		item_head(w, x->item);
		sbuf_adds(w->out, x->how == SCOPE_ADDED ? ": added" : ": removed");
		if (x->day >= 0) {
			date_format(d, sizeof(d), x->day);
			sbuf_addf(w->out, " on %s", d);
		}
		if (x->uncommitted)
			sbuf_adds(w->out, " (not committed yet)");
		sbuf_addf(w->out, " (%s)", item_status_name(x->item->status));
		li_end(w);
	}
}

static void
unplanned_work(struct w *w, const struct cycle_stats *s)
{
	size_t k = 0;

	for (size_t i = 0; i < s->nscope; i++) {
		const struct scope_item *x = &s->scope[i];

		if (x->how != SCOPE_UNPLANNED)
			continue;
		if (!k++) {
			h2(w, "Unplanned work");
			para_begin(w);
			sbuf_adds(w->out, "Finished or started during the cycle without being planned into it.");
			para_end(w);
		}
		li_begin(w);
		item_head(w, x->item);
		sbuf_addf(w->out, " (%s", item_status_name(x->item->status));
		if (x->outcome != OUT_OPEN && x->item->finished) {
			sbuf_addc(w->out, ' ');
			esc(w, x->item->finished);
		}
		sbuf_addc(w->out, ')');
		li_end(w);
	}
}

/* The later cycle that commits it, or NULL. */
static const struct cycle *
carried_to(const struct metrics *m, const struct cycle_stats *s,
	   const struct item *it)
{
	int after = 0;

	for (size_t i = 0; i < m->ncycles; i++) {
		const struct cycle *c = m->cycles[i].cycle;

		if (&m->cycles[i] == s) {
			after = 1;
			continue;
		}
		if (after && (cycle_has(c, it->id) || cycle_in_baseline(c, it->id)))
			return c;
	}
	return NULL;
}

static void
carried_over(struct w *w, const struct metrics *m, const struct cycle_stats *s)
{
	size_t k = 0;
	char e[32];

	for (size_t i = 0; i < s->nscope; i++) {
		const struct scope_item *x = &s->scope[i];
		const struct cycle *to;

		if (x->outcome != OUT_CARRIED || x->how == SCOPE_REMOVED)
			continue;
		if (!k++)
			h2(w, "Carried over");
		li_begin(w);
		item_head(w, x->item);
		if (item_status_open(x->item->status)) {
			listing_fmt_num(e, sizeof(e), metrics_remaining(x->item));
			sbuf_addf(w->out, " (%s, remaining effort %s)",
				  item_status_name(x->item->status), e);
		} else {
			sbuf_addf(w->out, " (%s since)", item_status_name(x->item->status));
		}
		if ((to = carried_to(m, s, x->item))) {
			sbuf_adds(w->out, " to ");
			esc(w, to->name);
		}
		li_end(w);
	}
}

static void
unfinished(struct w *w, const struct cycle_stats *s)
{
	size_t k = 0;

	for (size_t i = 0; i < s->nscope; i++) {
		const struct scope_item *x = &s->scope[i];
		const struct item *it = x->item;

		if (x->outcome != OUT_OPEN || x->how == SCOPE_UNPLANNED ||
		    x->how == SCOPE_REMOVED)
			continue;
		if (!k++)
			h2(w, s->state == CYCLE_CLOSED ? "Committed, not completed" :
			   "Committed, not completed yet");
		li_begin(w);
		item_head(w, it);
		sbuf_addf(w->out, " (%s", item_status_name(it->status));
		if (!item_status_open(it->status) && it->finished) {
			sbuf_adds(w->out, " ");
			esc(w, it->finished);
			sbuf_adds(w->out, ", after the cycle's end");
		}
		sbuf_addc(w->out, ')');
		li_end(w);
	}
}

static void
followups(struct w *w, const struct backlog *bl, const struct cycle_stats *s)
{
	struct strmap ids = STRMAP_INIT;
	struct item **sorted;
	size_t ns, k = 0;

	for (size_t i = 0; i < s->nscope; i++)
		strmap_put(&ids, s->scope[i].item->id, strlen(s->scope[i].item->id),
			   (void *)s->scope[i].item);
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

/* The improvement items of a cycle's board. */
static size_t
improvement_items(struct w *w, const struct cycle_stats *s)
{
	size_t k = 0;

	for (size_t i = 0; s && i < s->nscope; i++) {
		const struct item *it = s->scope[i].item;

		if (it->type != TYPE_IMPROVEMENT || s->scope[i].how == SCOPE_REMOVED)
			continue;
		k++;
		li_begin(w);
		item_head(w, it);
		sbuf_addf(w->out, " (%s)", item_status_name(it->status));
		li_end(w);
	}
	return k;
}

static void
improvements(struct w *w, const struct metrics *m, const struct cycle_stats *s)
{
	const struct cycle_stats *prev = NULL;
	size_t len = 0, k = 0;
	const char *sec = cycle_section(s->cycle, "Improvements", &len);

	h2(w, "Improvements");
	if (sec && len) {
		section_text(w, sec, len);
		k++;
	}
	k += improvement_items(w, s);
	if (!k)
		none(w, "No improvement recorded.");
	for (size_t i = 0; i < m->ncycles; i++)
		if (&m->cycles[i] == s && i > 0)
			prev = &m->cycles[i - 1];
	if (!prev || prev->cycle->start < 0)
		return;
	h2(w, "Improvements of the previous cycle");
	para_begin(w);
	sbuf_adds(w->out, "What cycle ");
	esc(w, prev->cycle->name);
	sbuf_adds(w->out, " set out to improve, and how far it got:");
	para_end(w);
	k = 0;
	sec = cycle_section(prev->cycle, "Improvements", &len);
	if (sec && len) {
		section_text(w, sec, len);
		k++;
	}
	k += improvement_items(w, prev);
	if (!k)
		none(w, "It recorded no improvement.");
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

	if (f == SHOWCASE_JSON) {
		showcase_json(out, bl, m, s);
		return;
	}
	page_head(&w, s->cycle);
	committed_vs_completed(&w, s);
	shipped(&w, s);
	experiments(&w, s);
	stopped(&w, s);
	scope_changes(&w, s);
	unplanned_work(&w, s);
	carried_over(&w, m, s);
	unfinished(&w, s);
	followups(&w, bl, s);
	improvements(&w, m, s);
	notes(&w, s->cycle);
	list_end(&w);
	if (f == SHOWCASE_HTML)
		sbuf_adds(out, "</body>\n</html>\n");
}
