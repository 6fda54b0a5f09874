/*
 * html_app.c: the pages of `docket serve` (see html_app.h): the shared
 * parts, the plain pages, the backlog and the intake form.  The item
 * page is in html_app_item.c, the board and cycle pages in
 * html_app_board.c, the script and the app's styles in html_app_js.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/xalloc.h"
#include "formats/html_app.h"
#include "formats/html_app_int.h"
#include "formats/json.h"
#include "formats/xml.h"

/*-----------------------------------------------------------------------
 * Shared
 *----------------------------------------------------------------------*/

const char *
app_form_value(const struct app_form *f, const char *key)
{
	for (size_t i = 0; f && i < f->n; i++)
		if (!strcmp(f->keys[i], key))
			return f->values[i];
	return NULL;
}

void
app_begin(struct sbuf *sb, struct app_shell *s, const struct app_page *p,
	  const char *section, const char *title)
{
	struct sbuf t = SBUF_INIT;

	memset(s, 0, sizeof(*s));
	s->o.title = p->site;
	s->o.generator = p->generator;
	s->o.today = p->today;
	s->o.app = 1;
	s->o.app_section = section;
	s->o.app_who = p->who;
	s->o.app_token = p->token;
	s->h.bl = p->bl;
	s->h.o = &s->o;
	sbuf_adds(&t, title);
	sbuf_addf(&t, " \xe2\x80\x94 %s", p->site ? p->site : "docket");
	hx_page_begin(sb, &s->h, t.buf, "/", 1);
	sbuf_release(&t);
	if (p->flash) {
		sbuf_addf(sb, "<div class=\"flash %s\" role=\"%s\" id=\"flash\">",
			  p->flash_error ? "err" : "ok", p->flash_error ? "alert" : "status");
		hx_text(sb, p->flash);
		sbuf_adds(sb, "</div>\n");
	}
	/* where the script says how an action went */
	sbuf_adds(sb, "<div class=\"flash\" id=\"live\" role=\"status\" aria-live=\"polite\" hidden></div>\n");
}

void
app_end(struct sbuf *sb, struct app_shell *s)
{
	hx_page_end(sb, &s->h, 1);
}

void
app_token(struct sbuf *sb, const struct app_page *p)
{
	sbuf_adds(sb, "<input type=\"hidden\" name=\"_token\" value=\"");
	xml_escape_attrz(sb, p->token ? p->token : "");
	sbuf_adds(sb, "\">");
}

void
app_hidden(struct sbuf *sb, const char *name, const char *value)
{
	sbuf_addf(sb, "<input type=\"hidden\" name=\"%s\" value=\"", name);
	xml_escape_attrz(sb, value ? value : "");
	sbuf_adds(sb, "\">");
}

const char *
app_version(const struct app_page *p, const struct item *it)
{
	const char *v = p->version ? p->version(p->varg, it) : NULL;

	return v ? v : "";
}

const char *
app_error_for(const struct app_form *f, const char *field)
{
	for (size_t i = 0; f && i < f->nerrors; i++)
		if (f->errors[i].field && !strcmp(f->errors[i].field, field))
			return f->errors[i].message;
	return NULL;
}

void
app_form_errors(struct sbuf *sb, const struct app_form *f)
{
	size_t general = 0;

	for (size_t i = 0; f && i < f->nerrors; i++)
		general += !f->errors[i].field;
	if (f && f->conflict) {
		sbuf_adds(sb, "<div class=\"card panel conflict\" role=\"alert\"><h2>Changed since you opened it</h2>"
			  "<p>Nothing was written. The file changed on disk after this form was made:</p>");
		if (f->nchanges) {
			sbuf_adds(sb, "<table class=\"changes\"><thead><tr><th>Field</th><th>Was</th><th>Now</th></tr></thead><tbody>");
			for (size_t i = 0; i < f->nchanges; i++) {
				sbuf_adds(sb, "<tr><td>");
				hx_text(sb, f->changes[i].field);
				sbuf_adds(sb, "</td><td>");
				hx_text(sb, f->changes[i].from ? f->changes[i].from : "(none)");
				sbuf_adds(sb, "</td><td>");
				hx_text(sb, f->changes[i].to ? f->changes[i].to : "(none)");
				sbuf_adds(sb, "</td></tr>");
			}
			sbuf_adds(sb, "</tbody></table>");
		}
		sbuf_adds(sb, "<p>Your entries are kept below, now made from the current version: "
			  "check them and save again.</p></div>\n");
	}
	if (!general)
		return;
	sbuf_adds(sb, "<div class=\"flash err\" role=\"alert\"><ul class=\"plain\">");
	for (size_t i = 0; i < f->nerrors; i++) {
		if (f->errors[i].field)
			continue;
		sbuf_adds(sb, "<li>");
		hx_text(sb, f->errors[i].message);
		sbuf_adds(sb, "</li>");
	}
	sbuf_adds(sb, "</ul></div>\n");
}

void
app_field_error(struct sbuf *sb, const struct app_form *f, const char *field)
{
	const char *e = app_error_for(f, field);

	if (!e)
		return;
	sbuf_addf(sb, "<p class=\"ferr\" id=\"e-%s\">", field);
	hx_text(sb, e);
	sbuf_adds(sb, "</p>");
}

/* <input> of a text field with its label, value and message. */
void
app_input(struct sbuf *sb, const struct app_form *f, const char *name,
	  const char *label, const char *value, const char *attrs)
{
	const char *sent = app_form_value(f, name);
	const char *e = app_error_for(f, name);

	sbuf_addf(sb, "<div class=\"field\"><label for=\"f-%s\">%s</label>"
		  "<input id=\"f-%s\" name=\"%s\" value=\"", name, label, name, name);
	xml_escape_attrz(sb, sent ? sent : value ? value : "");
	sbuf_addf(sb, "\"%s%s", attrs ? " " : "", attrs ? attrs : "");
	if (e)
		sbuf_addf(sb, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", name);
	sbuf_adds(sb, ">");
	app_field_error(sb, f, name);
	sbuf_adds(sb, "</div>\n");
}

/* <select> of fixed choices ("" is shown as blank). */
void
app_select(struct sbuf *sb, const struct app_form *f, const char *name,
	   const char *label, const char *value, const char *const *choices,
	   const char *const *labels, size_t n)
{
	const char *sent = app_form_value(f, name);
	const char *cur = sent ? sent : value ? value : "";
	int found = 0;

	sbuf_addf(sb, "<div class=\"field\"><label for=\"f-%s\">%s</label>"
		  "<select id=\"f-%s\" name=\"%s\"%s>", name, label, name, name,
		  app_error_for(f, name) ? " aria-invalid=\"true\"" : "");
	for (size_t i = 0; i < n; i++) {
		int sel = !strcmp(cur, choices[i]);

		found |= sel;
		sbuf_adds(sb, "<option value=\"");
		xml_escape_attrz(sb, choices[i]);
		sbuf_addf(sb, "\"%s>", sel ? " selected" : "");
		hx_text(sb, labels ? labels[i] : choices[i]);
		sbuf_adds(sb, "</option>");
	}
	if (!found && *cur) {
		/* a value the file has that is not a choice: kept as it is */
		sbuf_adds(sb, "<option selected value=\"");
		xml_escape_attrz(sb, cur);
		sbuf_adds(sb, "\">");
		hx_text(sb, cur);
		sbuf_adds(sb, "</option>");
	}
	sbuf_adds(sb, "</select>");
	app_field_error(sb, f, name);
	sbuf_adds(sb, "</div>\n");
}

/*-----------------------------------------------------------------------
 * Plain pages
 *----------------------------------------------------------------------*/

static void
plain_begin(struct sbuf *out, struct app_shell *s, const char *site,
	    const char *title)
{
	struct app_page p;

	memset(&p, 0, sizeof(p));
	p.site = site;
	p.today = date_today();
	app_begin(out, s, &p, NULL, title);
}

void
app_message_page(struct sbuf *out, const char *site, const char *title,
		 const char *text, int error, const char *next_href)
{
	struct app_shell s;

	sbuf_reset(out);
	if (next_href) {
		/* moving on by itself: a refresh, not a script or a redirect
		 * (see server/http.c, logged_in) */
		sbuf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
			  "<meta http-equiv=\"refresh\" content=\"0;url=");
		xml_escape_attrz(out, next_href);
		sbuf_adds(out, "\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
			  "<title>");
		hx_text(out, title);
		sbuf_adds(out, "</title><link rel=\"stylesheet\" href=\"/static/docket.css\"></head>"
			  "<body class=\"app\"><main class=\"wrap narrow\"><div class=\"card panel\"><h2>");
		hx_text(out, title);
		sbuf_adds(out, "</h2><p>");
		hx_text(out, text);
		sbuf_adds(out, "</p><p><a class=\"button primary\" href=\"");
		xml_escape_attrz(out, next_href);
		sbuf_adds(out, "\">Continue</a></p></div></main></body></html>\n");
		return;
	}
	plain_begin(out, &s, site, title);
	sbuf_addf(out, "<div class=\"card panel%s\"><h2>", error ? " problem" : "");
	hx_text(out, title);
	sbuf_adds(out, "</h2><p class=\"message\">");
	hx_text(out, text);
	sbuf_adds(out, "</p><p><a href=\"/\">Back to the backlog</a></p></div>\n");
	app_end(out, &s);
}

void
app_login_page(struct sbuf *out, const char *site, const char *error)
{
	struct app_shell s;

	sbuf_reset(out);
	plain_begin(out, &s, site, "Sign in");
	sbuf_adds(out, "<form class=\"card form narrow\" method=\"post\" action=\"/login\">"
		  "<h2>Sign in</h2><p class=\"lead\">Paste the token you were given for this backlog. "
		  "Your changes are committed in your name.</p>");
	if (error) {
		sbuf_adds(out, "<p class=\"ferr\" id=\"e-token\">");
		hx_text(out, error);
		sbuf_adds(out, "</p>");
	}
	sbuf_addf(out, "<div class=\"field\"><label for=\"f-token\">Token</label>"
		  "<input id=\"f-token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required%s></div>"
		  "<button type=\"submit\" class=\"primary\">Sign in</button></form>\n",
		  error ? " aria-invalid=\"true\" aria-describedby=\"e-token\"" : "");
	app_end(out, &s);
}

void
app_redirect_file(struct sbuf *out, const char *url)
{
	sbuf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		  "<meta http-equiv=\"refresh\" content=\"0;url=");
	xml_escape_attrz(out, url);
	sbuf_adds(out, "\"><title>docket serve</title></head><body><a href=\"");
	xml_escape_attrz(out, url);
	sbuf_adds(out, "\">Open the backlog</a></body></html>\n");
}

void
app_json_error(struct sbuf *out, const char *message)
{
	struct jw w;

	jw_init(&w, out, 0, 0);
	jw_object(&w);
	jw_kbool(&w, "ok", 0);
	jw_kstr(&w, "error", message);
	jw_end(&w);
	sbuf_addc(out, '\n');
}

/*-----------------------------------------------------------------------
 * The backlog
 *----------------------------------------------------------------------*/

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The distinct tags of the items, sorted (borrowed strings). */
static const char **
all_tags(const struct backlog *bl, size_t *n)
{
	const char **v = NULL;
	size_t alloc = 0, k = 0;

	*n = 0;
	for (size_t i = 0; i < bl->nitems; i++) {
		const struct ynode *t = item_get(bl->items[i], "tags");

		if (t && t->type == YNODE_SCALAR && t->len) {
			v = xgrow(v, &alloc, *n + 1, sizeof(*v));
			v[(*n)++] = t->text;
		}
		for (size_t j = 0; t && t->type == YNODE_SEQ && j < t->nkids; j++)
			if (t->kids[j]->type == YNODE_SCALAR && t->kids[j]->len) {
				v = xgrow(v, &alloc, *n + 1, sizeof(*v));
				v[(*n)++] = t->kids[j]->text;
			}
	}
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_str);
	for (size_t i = 0; i < *n; i++)
		if (!k || strcmp(v[k - 1], v[i]))
			v[k++] = v[i];
	*n = k;
	return v;
}

static void
option(struct sbuf *sb, const char *value, const char *label, const char *cur)
{
	sbuf_adds(sb, "<option value=\"");
	xml_escape_attrz(sb, value);
	sbuf_addf(sb, "\"%s>", cur && !strcmp(cur, value) ? " selected" : "");
	hx_text(sb, label);
	sbuf_adds(sb, "</option>");
}

static void
filters(struct sbuf *sb, const struct app_shell *s, const struct app_page *p,
	const struct app_filter *af, size_t shown, size_t total)
{
	const struct config *c = &p->bl->config;
	const char *st = af->status ? af->status : "open";
	const char **tags;
	size_t ntags;

	sbuf_adds(sb, "<form class=\"filters card\" method=\"get\" action=\"/\" id=\"filters\">\n"
		  "<label class=\"grow\">Search<input name=\"q\" type=\"search\" "
		  "placeholder=\"Words in the id, title, tags, campaign or description\" value=\"");
	xml_escape_attrz(sb, af->q ? af->q : "");
	sbuf_adds(sb, "\"></label>\n<label>Status<select name=\"status\">");
	option(sb, "open", "Open", st);
	option(sb, "all", "All", st);
	for (int k = 0; k < ST_COUNT; k++)
		option(sb, item_status_name(k), item_status_name(k), st);
	sbuf_adds(sb, "</select></label>\n<label>Type<select name=\"type\">");
	option(sb, "", "All types", af->type);
	option(sb, "experiment", "Experiment", af->type);
	option(sb, "bau", "Business as usual", af->type);
	option(sb, "improvement", "Improvement", af->type);
	sbuf_adds(sb, "</select></label>\n<label>Tag<select name=\"tag\">");
	option(sb, "", "All tags", af->tag);
	tags = all_tags(p->bl, &ntags);
	for (size_t i = 0; i < ntags; i++)
		option(sb, tags[i], tags[i], af->tag);
	free(tags);
	sbuf_adds(sb, "</select></label>\n<label>Campaign<select name=\"campaign\">");
	option(sb, "", "All campaigns", af->campaign);
	hx_campaign_options(sb, &s->h, af->campaign);
	sbuf_adds(sb, "</select></label>\n<label>Goal<select name=\"goal\">");
	option(sb, "", "All goals", af->goal);
	for (size_t i = 0; i < c->ngoals; i++)
		option(sb, c->goals[i].key, c->goals[i].key, af->goal);
	sbuf_adds(sb, "</select></label>\n<span class=\"actions\"><button type=\"submit\">Filter</button>"
		  "<a href=\"/\">Clear</a></span>\n");
	sbuf_addf(sb, "<span class=\"count\" id=\"f-count\">%zu of %zu items</span>\n</form>\n",
		  shown, total);
}

static void
move_form(struct sbuf *sb, const struct app_page *p)
{
	sbuf_adds(sb, "<form class=\"movebar card\" method=\"post\" action=\"/move\" id=\"move\">");
	app_token(sb, p);
	app_hidden(sb, "order", p->order_version);
	sbuf_adds(sb, "<label>Move<input name=\"id\" id=\"move-id\" required placeholder=\"");
	xml_escape_attrz(sb, p->bl->config.prefix ? p->bl->config.prefix : "MKT");
	sbuf_adds(sb, "-12\" autocomplete=\"off\" size=\"10\"></label>"
		  "<label>Where<select name=\"where\" id=\"move-where\">"
		  "<option value=\"above\">above</option><option value=\"below\">below</option>"
		  "<option value=\"top\">to the top</option><option value=\"bottom\">to the bottom</option>"
		  "</select></label><label>Item<input name=\"ref\" id=\"move-ref\" autocomplete=\"off\" size=\"10\" placeholder=\"");
	xml_escape_attrz(sb, p->bl->config.prefix ? p->bl->config.prefix : "MKT");
	sbuf_adds(sb, "-3\"></label><button type=\"submit\">Move</button>"
		  "<p class=\"note\">Or drag a row by its handle &#10303;, or focus the handle and press "
		  "&#8593; or &#8595; (Home, End: to the top, to the bottom).</p>");
	if (p->not_owner)
		sbuf_adds(sb, "<p class=\"note warn\">You are not a Marketing Owner of this backlog: "
			  "your reordering is committed, and CI will ask an owner's approval "
			  "(<code>docket approve</code>) before it can be merged.</p>");
	sbuf_adds(sb, "</form>\n");
}

void
app_backlog_page(struct sbuf *out, const struct app_page *p,
		 const struct app_filter *af, const struct item_filter *f)
{
	struct app_shell s;
	struct item **all;
	size_t n, shown = 0, nopen = 0;

	app_begin(out, &s, p, "backlog", "Backlog");
	all = backlog_sorted(p->bl, &n);
	for (size_t i = 0; i < n; i++)
		nopen += item_status_open(all[i]->status);
	/* the campaigns of the filter's choices: every parsed item */
	s.h.items = xcalloc(n + 1, sizeof(*s.h.items));
	for (size_t i = 0; i < n; i++)
		if (all[i]->parsed)
			s.h.items[s.h.n++] = all[i];
	for (size_t i = 0; i < s.h.n; i++)
		shown += item_filter_match(f, s.h.items[i]);
	sbuf_addf(out, "<section id=\"backlog\">\n<h2>Backlog<span class=\"sub\">%zu open item%s</span></h2>\n",
		  nopen, nopen == 1 ? "" : "s");
	sbuf_addf(out, "<p class=\"lead\">In priority order, as the Marketing Owner ranked it; "
		  "new ideas not ranked yet follow, oldest first. The score (%s) advises, "
		  "the owner decides. Each change is a commit.</p>\n",
		  score_kind_name(p->bl->config.score));
	filters(out, &s, p, af, shown, s.h.n);
	move_form(out, p);
	sbuf_adds(out, "<div class=\"card tablecard\">\n<table class=\"backlog app\" id=\"backlog-table\" data-order=\"");
	xml_escape_attrz(out, p->order_version);
	sbuf_adds(out, "\">\n<thead><tr><th>#</th><th>ID</th><th>Title</th><th>Status</th><th>Type</th>"
		  "<th class=\"num\">Effort</th>"
		  "<th class=\"num\" title=\"customer value &#183; business value\">Value</th>"
		  "<th class=\"num\">Score</th><th>Campaign</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < s.h.n; i++)
		if (item_filter_match(f, s.h.items[i]))
			hx_backlog_row(out, &s.h, s.h.items[i]);
	sbuf_adds(out, "</tbody>\n</table>\n");
	if (!shown)
		sbuf_adds(out, "<p class=\"empty\">No item matches these filters.</p>\n");
	sbuf_adds(out, "</div>\n</section>\n");
	free(s.h.items);
	s.h.items = NULL;
	free(all);
	app_end(out, &s);
}

/*-----------------------------------------------------------------------
 * The intake
 *----------------------------------------------------------------------*/

void
app_intake_page(struct sbuf *out, const struct app_page *p,
		const struct app_form *f, const char *created,
		const char *created_title)
{
	static const char *const types[] = { "experiment", "bau", "improvement" };
	static const char *const type_labels[] = {
		"Experiment", "Business as usual", "Improvement",
	};
	struct app_shell s;
	const char *type = app_form_value(f, "type");
	const char *body = app_form_value(f, "body");

	app_begin(out, &s, p, "new", "Submit an idea");
	sbuf_adds(out, "<section id=\"intake\">\n<h2>Submit an idea</h2>\n"
		  "<p class=\"lead\">Anyone may submit an idea. It joins the intake, unranked, "
		  "until the Marketing Owner ranks it: work goes through the backlog, never "
		  "straight to a person.</p>\n");
	if (created) {
		sbuf_adds(out, "<div class=\"flash ok created\" role=\"status\" id=\"created\">Submitted as <a href=\"/items/");
		xml_escape_attrz(out, created);
		sbuf_adds(out, ".html\"><strong class=\"newid\">");
		hx_text(out, created);
		sbuf_adds(out, "</strong></a>");
		if (created_title) {
			sbuf_adds(out, ": ");
			hx_text(out, created_title);
		}
		sbuf_adds(out, ". Thank you! Submit another below.</div>\n");
		f = NULL;   /* an empty form for the next idea */
		type = body = NULL;
	}
	app_form_errors(out, f);
	sbuf_adds(out, "<form class=\"card form\" method=\"post\" action=\"/new\" id=\"intake-form\">");
	app_token(out, p);
	app_input(out, f, "title", "Title", NULL,
		  "required maxlength=\"300\" placeholder=\"A short video teaser for the app launch\"");
	app_select(out, f, "type", "Type", type ? type : "experiment", types, type_labels, 3);
	sbuf_adds(out, "<div class=\"field\"><label for=\"f-body\">Description</label>"
		  "<textarea id=\"f-body\" name=\"body\" rows=\"6\" placeholder=\"Why, for whom, and what to try (Markdown)\">");
	hx_text(out, body ? body : "");
	sbuf_adds(out, "</textarea>");
	app_field_error(out, f, "body");
	sbuf_adds(out, "</div>\n<fieldset class=\"exp\" id=\"exp-fields\"><legend>For an experiment</legend>\n");
	app_input(out, f, "hypothesis", "Hypothesis", NULL,
		  "placeholder=\"A 30-second video brings more qualified leads than the email\"");
	app_input(out, f, "metric", "Metric", NULL, "placeholder=\"qualified leads\"");
	app_input(out, f, "target", "Target", NULL, "placeholder=\"50\"");
	sbuf_adds(out, "</fieldset>\n");
	app_input(out, f, "requested_by", "Requested by", NULL,
		  "placeholder=\"The stakeholder or team who asks (optional)\"");
	sbuf_adds(out, "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">Submit the idea</button></div>"
		  "</form>\n</section>\n");
	app_end(out, &s);
}
