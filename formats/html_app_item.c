/*
 * html_app_item.c: an item's page in `docket serve`: the export's view
 * of the item, then its forms: status changes (start, block, done,
 * stop, follow-up), the Definition-of-Done boxes, and the fields and
 * body (see html_app.h).
 *
 * Every form carries the version of the item's file; the fields form
 * names front-matter keys "fm.KEY" and the body "body".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/changes.h"
#include "core/dod.h"
#include "core/xalloc.h"
#include "formats/html_app_int.h"
#include "formats/xml.h"

enum ekind {
	EK_TEXT,
	EK_NUM,
	EK_BOOL,
	EK_TYPE,
	EK_GOAL,
	EK_RESULT,
	EK_LIST,
	EK_ENUM,        /* a docket.yaml field of type enum */
};

/* The built-in fields the form edits, in its order. */
static const struct efield {
	const char *key, *label;
	enum ekind kind;
	const char *hint;
} efields[] = {
	{ "title", "Title", EK_TEXT, "required maxlength=\"300\"" },
	{ "type", "Type", EK_TYPE, NULL },
	{ "effort", "Effort", EK_NUM, "inputmode=\"decimal\"" },
	{ "customer_value", "Customer value (1 to 10)", EK_NUM, "inputmode=\"numeric\"" },
	{ "business_value", "Business value (1 to 10)", EK_NUM, "inputmode=\"numeric\"" },
	{ "time_criticality", "Time criticality (1 to 10)", EK_NUM, "inputmode=\"numeric\"" },
	{ "goal", "Goal", EK_GOAL, NULL },
	{ "outcome", "Outcome", EK_TEXT, NULL },
	{ "campaign", "Campaign", EK_TEXT, NULL },
	{ "mvl", "Minimally viable launch", EK_BOOL, NULL },
	{ "tags", "Tags (a, b)", EK_LIST, NULL },
	{ "requested_by", "Requested by", EK_TEXT, NULL },
	{ "depends_on", "Depends on (ids: a, b)", EK_LIST, NULL },
	{ "follows", "Follows (an id)", EK_TEXT, NULL },
	{ "hypothesis", "Hypothesis", EK_TEXT, NULL },
	{ "metric", "Metric", EK_TEXT, NULL },
	{ "target", "Target", EK_TEXT, NULL },
	{ "result", "Result", EK_RESULT, NULL },
	{ "actual", "Actual", EK_TEXT, NULL },
};

char *
app_field_text(const struct item *it, const char *key)
{
	const struct ynode *n = item_get(it, key);
	struct sbuf sb = SBUF_INIT;

	if (!n)
		return NULL;
	if (n->type == YNODE_SCALAR) {
		sbuf_add(&sb, n->text, n->len);
	} else if (n->type == YNODE_SEQ) {
		int flat = 1;

		for (size_t i = 0; i < n->nkids; i++)
			flat &= n->kids[i]->type == YNODE_SCALAR;
		if (flat) {
			for (size_t i = 0; i < n->nkids; i++)
				sbuf_addf(&sb, "%s%s", i ? ", " : "", n->kids[i]->text);
		} else {
			changes_flow(&sb, n);
		}
	} else {
		changes_flow(&sb, n);
	}
	return sbuf_detach(&sb, NULL);
}

static void
form_head(struct sbuf *sb, const struct app_page *p, const struct item *it,
	  const char *action, const char *cls)
{
	sbuf_addf(sb, "<form class=\"%s\" method=\"post\" action=\"/items/", cls);
	xml_escape_attrz(sb, it->id);
	sbuf_addf(sb, "/%s\">", action);
	app_token(sb, p);
	app_hidden(sb, "version", app_version(p, it));
}

static void
status_forms(struct sbuf *sb, const struct app_page *p, const struct item *it,
	     size_t open_boxes)
{
	enum item_status s = it->status;
	int open = item_status_open(s) && s != ST_UNKNOWN;

	sbuf_adds(sb, "<section class=\"card panel actions\" id=\"status\"><h2>Status</h2>"
		  "<p>Now ");
	hx_status_badge(sb, s);
	sbuf_adds(sb, ". Each change is one commit, as the command line makes it.</p>\n<div class=\"acts\">");
	if (s == ST_IDEA || s == ST_READY || s == ST_PLANNED) {
		form_head(sb, p, it, "start", "act");
		sbuf_adds(sb, "<button type=\"submit\">Start</button></form>\n");
	}
	if (s == ST_BLOCKED) {
		form_head(sb, p, it, "unblock", "act");
		sbuf_adds(sb, "<button type=\"submit\">Unblock</button>"
			  "<span class=\"note\">back to the status it had before</span></form>\n");
	}
	if (open && s != ST_BLOCKED) {
		form_head(sb, p, it, "block", "act");
		sbuf_adds(sb, "<label>Reason<input name=\"reason\" required placeholder=\"What it waits for\"></label>"
			  "<button type=\"submit\">Block</button></form>\n");
	}
	if (open) {
		form_head(sb, p, it, "done", "act");
		if (it->type == TYPE_EXPERIMENT)
			sbuf_adds(sb, "<label>Result<select name=\"result\" required><option value=\"\">&#8211;</option>"
				  "<option value=\"won\">won</option><option value=\"lost\">lost</option>"
				  "<option value=\"inconclusive\">inconclusive</option></select></label>"
				  "<label>Actual<input name=\"actual\" placeholder=\"The measured value\"></label>");
		sbuf_adds(sb, "<button type=\"submit\">Done</button>");
		if (open_boxes)
			sbuf_addf(sb, "<p class=\"note\">%zu Definition-of-Done box%s still open: tick %s below first.</p>",
				  open_boxes, open_boxes == 1 ? " is" : "es are",
				  open_boxes == 1 ? "it" : "them");
		sbuf_adds(sb, "</form>\n");
		form_head(sb, p, it, "stop", "act");
		sbuf_adds(sb, "<label>Reason<input name=\"reason\" required placeholder=\"Why it is not worth finishing\"></label>");
		if (it->type == TYPE_EXPERIMENT)
			sbuf_adds(sb, "<label>What it showed<select name=\"result\"><option value=\"\">&#8211;</option>"
				  "<option value=\"lost\">lost</option><option value=\"inconclusive\">inconclusive</option>"
				  "</select></label>");
		sbuf_adds(sb, "<button type=\"submit\">Stop</button></form>\n");
	}
	if (it->type == TYPE_EXPERIMENT) {
		form_head(sb, p, it, "followup", "act");
		sbuf_adds(sb, "<label>Follow-up<input name=\"title\" required placeholder=\"The next experiment\"></label>"
			  "<button type=\"submit\">Add a follow-up</button></form>\n");
	}
	sbuf_adds(sb, "</div></section>\n");
}

static void
dod_panel(struct sbuf *sb, const struct app_page *p, const struct item *it,
	  const struct dod_list *l)
{
	if (!l->n)
		return;
	sbuf_adds(sb, "<section class=\"card panel\" id=\"dod\"><h2>Definition of Done</h2><ul class=\"boxes\">");
	for (size_t i = 0; i < l->n; i++) {
		const struct dod_box *b = &l->v[i];

		sbuf_adds(sb, "<li>");
		form_head(sb, p, it, "dod", "box");
		sbuf_addf(sb, "<input type=\"hidden\" name=\"box\" value=\"%zu\">"
			  "<input type=\"hidden\" name=\"check\" value=\"%d\">"
			  "<button type=\"submit\" class=\"tick%s\" role=\"checkbox\" aria-checked=\"%s\">"
			  "<span class=\"mark\" aria-hidden=\"true\">%s</span>",
			  i + 1, !b->checked, b->checked ? " on" : "",
			  b->checked ? "true" : "false", b->checked ? "&#10003;" : "");
		xml_escape(sb, b->text, b->len);
		sbuf_adds(sb, "</button></form></li>");
	}
	sbuf_adds(sb, "</ul></section>\n");
}

static void
edit_field(struct sbuf *sb, const struct app_page *p, const struct app_form *f,
	   const struct item *it, const char *key, const char *label,
	   enum ekind kind, const char *hint, const struct field_def *fd)
{
	char name[160];
	char *cur = app_field_text(it, key);

	snprintf(name, sizeof(name), "fm.%s", key);
	switch (kind) {
	case EK_TYPE: {
		static const char *const v[] = { "experiment", "bau", "improvement" };
		static const char *const l[] = { "Experiment", "Business as usual", "Improvement" };

		app_select(sb, f, name, label, cur ? cur : "experiment", v, l, 3);
		break;
	}
	case EK_BOOL: {
		static const char *const v[] = { "", "true", "false" };
		static const char *const l[] = { "\xe2\x80\x93", "yes", "no" };

		app_select(sb, f, name, label, cur, v, l, 3);
		break;
	}
	case EK_RESULT: {
		static const char *const v[] = { "", "won", "lost", "inconclusive" };

		app_select(sb, f, name, label, cur, v, NULL, 4);
		break;
	}
	case EK_GOAL: {
		const struct config *c = &p->bl->config;
		const char **v = xcalloc(c->ngoals + 2, sizeof(*v));

		v[0] = "";
		for (size_t i = 0; i < c->ngoals; i++)
			v[i + 1] = c->goals[i].key;
		if (c->ngoals)
			app_select(sb, f, name, label, cur, v, NULL, c->ngoals + 1);
		else
			app_input(sb, f, name, label, cur, NULL);
		free(v);
		break;
	}
	case EK_ENUM: {
		const char **v = xcalloc(fd->nvalues + 2, sizeof(*v));

		v[0] = "";
		for (size_t i = 0; i < fd->nvalues; i++)
			v[i + 1] = fd->values[i];
		app_select(sb, f, name, label, cur, v, NULL, fd->nvalues + 1);
		free(v);
		break;
	}
	default:
		app_input(sb, f, name, label, cur, hint);
		break;
	}
	free(cur);
}

static void
edit_form(struct sbuf *sb, const struct app_page *p, const struct item *it,
	  const struct app_form *f)
{
	const struct config *c = &p->bl->config;
	const char *body = app_form_value(f, "body");

	sbuf_adds(sb, "<section class=\"card panel\" id=\"edit\"><h2>Edit</h2>"
		  "<p class=\"note\">Only what you change is written, in place: the file's other lines, "
		  "comments and fields stay as they are.</p>");
	form_head(sb, p, it, "edit", "form");
	sbuf_adds(sb, "<div class=\"fields\">");
	for (size_t i = 0; i < sizeof(efields) / sizeof(efields[0]); i++) {
		const struct efield *e = &efields[i];

		if (it->type != TYPE_EXPERIMENT && !item_get(it, e->key) &&
		    (!strcmp(e->key, "hypothesis") || !strcmp(e->key, "metric") ||
		     !strcmp(e->key, "target") || !strcmp(e->key, "result") ||
		     !strcmp(e->key, "actual")))
			continue;
		edit_field(sb, p, f, it, e->key, e->label, e->kind, e->hint, NULL);
	}
	for (size_t i = 0; i < c->nfields; i++) {
		const struct field_def *fd = &c->fields[i];

		edit_field(sb, p, f, it, fd->name, fd->name,
			   fd->type == FT_ENUM ? EK_ENUM : EK_TEXT, NULL, fd);
	}
	sbuf_adds(sb, "</div><div class=\"field\"><label for=\"f-body\">Description and notes (Markdown)</label>"
		  "<textarea id=\"f-body\" name=\"body\" rows=\"14\">\n");
	/* (the newline above: a textarea drops the first one) */
	if (body)
		hx_text(sb, body);
	else if (it->len > it->fm.body_off)
		xml_escape(sb, it->data + it->fm.body_off, it->len - it->fm.body_off);
	sbuf_adds(sb, "</textarea>");
	app_field_error(sb, f, "body");
	sbuf_adds(sb, "</div><div class=\"buttons\"><button type=\"submit\" class=\"primary\">Save</button></div></form></section>\n");
}

void
app_item_page(struct sbuf *out, const struct app_page *p, const struct item *it,
	      const struct app_form *f)
{
	struct app_shell s;
	struct sbuf title = SBUF_INIT;
	struct dod_list l = { NULL, 0 };
	size_t open_boxes = 0;

	sbuf_addf(&title, "%s \xc2\xb7 %s", it->id ? it->id : it->path,
		  it->title ? it->title : "(no title)");
	app_begin(out, &s, p, "backlog", title.buf);
	sbuf_release(&title);
	sbuf_adds(out, "<div class=\"crumbs\"><a href=\"/\">Backlog</a> &#8250; ");
	hx_text(out, it->id ? it->id : it->path);
	sbuf_adds(out, "</div>\n");
	if (!it->parsed) {
		sbuf_adds(out, "<div class=\"card panel problem\"><h2>This file does not parse</h2><ul class=\"plain\">");
		for (size_t i = 0; i < it->diags.n; i++) {
			const struct diag *d = &it->diags.v[i];

			sbuf_adds(out, "<li><code>");
			hx_text(out, d->file ? d->file : it->path);
			if (d->line)
				sbuf_addf(out, ":%d:%d", d->line, d->column);
			sbuf_adds(out, "</code> ");
			hx_text(out, d->message);
			sbuf_adds(out, "</li>");
		}
		sbuf_adds(out, "</ul><p>Fix it by hand (<code>docket edit ");
		hx_text(out, it->id ? it->id : it->path);
		sbuf_adds(out, "</code>); nothing can be changed here until then.</p></div>\n");
		app_end(out, &s);
		return;
	}
	app_form_errors(out, f);
	hx_item_main(out, &s.h, it);
	dod_scan(&l, it->data, it->len, it->fm.body_off, it->fm.body_line);
	for (size_t i = 0; i < l.n; i++)
		open_boxes += !l.v[i].checked;
	status_forms(out, p, it, open_boxes);
	dod_panel(out, p, it, &l);
	edit_form(out, p, it, f);
	dod_list_release(&l);
	app_end(out, &s);
}
