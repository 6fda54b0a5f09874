/*
 * html_app: the pages of `docket serve` (server/), in the look of the
 * HTML export (formats/html.h: the same page shell, sections, styles
 * and escaping) with forms for every action and one small script.
 *
 * Pages: the backlog (filters, reordering by drag and drop and by
 * keyboard), the intake form, an item (its facts, a form for its
 * fields and body, the status changes, its Definition-of-Done boxes),
 * the huddle board (cards moved between columns) and a cycle (plan
 * proposal and apply, showcase, report, burn-up charts), plus the
 * plain pages (messages, sign-in).
 *
 * Everything works without the script: each action is an HTML form
 * (POST, with the session's form token and the version of every file
 * it changes).  The script (app_js) adds drag and drop, keys on the
 * backlog's move handles, the board's reason and result prompts, and
 * shows answers without a reload.  It talks to the same URLs with
 * Accept: application/json and gets JSON back.
 *
 * The server sends the Content-Security-Policy as a header that allows
 * only /static/docket.css (app_css) and /static/app.js (app_js): no
 * inline script or style anywhere, not even a style attribute.  Every
 * text from the backlog goes through the export's escaping; bodies are
 * rendered by html_markdown (no raw HTML, no javascript: links).
 *
 * Nothing is kept: each function renders into a caller-owned sbuf and
 * borrows what it is given.
 */
#ifndef DOCKET_HTML_APP_H
#define DOCKET_HTML_APP_H

#include <stddef.h>

#include "core/backlog.h"
#include "core/cycle.h"
#include "core/huddle.h"
#include "core/itemfilter.h"
#include "core/metrics.h"
#include "core/plan.h"
#include "core/sbuf.h"

/* What every page of a session shows. */
struct app_page {
	const struct backlog *bl;
	const char *site;           /* the site's name */
	const char *generator;      /* "docket 0.1.0" */
	const char *who;            /* signed in as, or NULL */
	const char *token;          /* the session's form token */
	const char *flash;          /* the outcome of the last action, or NULL */
	int flash_error;
	long today;
	/* the version (git blob id) of an item's file; "" when unknown */
	const char *(*version)(void *arg, const struct item *it);
	void *varg;
	const char *order_version;  /* ORDER's blob id, "" when absent */
	/* set when owners are configured and the person is not one: a
	 * reorder will need an owner's approval in CI */
	int not_owner;
};

/* A message about one field of a form (field NULL: the whole form). */
struct app_error {
	const char *field;
	const char *message;
};

/* A field that changed on disk since the form was made (a 409). */
struct app_change {
	const char *field;
	const char *from, *to;      /* NULL: absent */
};

/* A form shown again: the values sent, the messages, and what changed
 * on disk when it was refused for that. */
struct app_form {
	const char *const *keys;
	const char *const *values;
	size_t n;
	const struct app_error *errors;
	size_t nerrors;
	const struct app_change *changes;
	size_t nchanges;
	int conflict;               /* a 409: the file changed */
};

/* The value sent for key, or NULL. */
const char *app_form_value(const struct app_form *f, const char *key);
/* A front-matter value as the item's form shows it (malloc'ed): a
 * scalar as written, a list of scalars as "a, b", anything else as flow
 * text; NULL when the key is absent.  The server compares what a form
 * sends with it, so that only the fields a person changed are written. */
char *app_field_text(const struct item *it, const char *key);

/* /static/docket.css and /static/app.js */
void app_css(struct sbuf *out);
void app_js(struct sbuf *out);

/* A page with one message; next_href: a link on (and the page moves
 * there by itself). */
void app_message_page(struct sbuf *out, const char *site, const char *title,
		      const char *text, int error, const char *next_href);
/* The sign-in form of a server with a token file. */
void app_login_page(struct sbuf *out, const char *site, const char *error);
/* A local file that moves the browser to url (for --open). */
void app_redirect_file(struct sbuf *out, const char *url);
/* {"error": message} */
void app_json_error(struct sbuf *out, const char *message);

/* The filters of the backlog page as they were asked for. */
struct app_filter {
	const char *status;         /* "open" (default), "all" or a status */
	const char *type, *tag, *campaign, *goal, *q;
};

/* The ordered backlog: items of bl that pass f (nothing hidden: the
 * page lists what matches). */
void app_backlog_page(struct sbuf *out, const struct app_page *p,
		      const struct app_filter *af, const struct item_filter *f);
/* The intake form; created: the id just made (shown at once), or NULL. */
void app_intake_page(struct sbuf *out, const struct app_page *p,
		     const struct app_form *f, const char *created,
		     const char *created_title);
/* One item with its forms. */
void app_item_page(struct sbuf *out, const struct app_page *p,
		   const struct item *it, const struct app_form *f);
/* The huddle board of cycle c (h made by huddle_make), or a page that
 * says there is no cycle yet. */
void app_board_page(struct sbuf *out, const struct app_page *p,
		    const struct cycles *cy, const struct cycle *c,
		    const struct huddle *h, const struct metrics *m);

/* What the cycle page shows (NULL parts are left out). */
struct app_cycle_view {
	const struct cycles *cycles;
	const struct cycle *cycle;  /* the cycle shown, or NULL (a new one) */
	const struct plan *plan;    /* the proposal, or NULL (started) */
	const char *plan_error;
	const char *showcase_md;    /* rendered with html_markdown */
	const char *report_md;
	const char *const *campaigns;      /* burn-up charts */
	size_t ncampaigns;
	const char *plan_versions;  /* "ID=blob ..." of the files apply changes */
};
void app_cycle_page(struct sbuf *out, const struct app_page *p,
		    const struct app_cycle_view *v);

#endif
