/*
 * html_int: what the parts of the HTML export share (internal to
 * formats/html*.c; see formats/html.h for the module).
 *
 * A struct hx is the rendering context: the backlog and options
 * (borrowed), the readable items in backlog order, the cycles, the
 * Launch Cycle figures of core/metrics.h and the huddle board of the
 * current cycle (core/huddle.h), so that the site shows the same
 * numbers as `docket report` and `docket huddle` (all owned by
 * html_site_render).
 */
#ifndef DOCKET_HTML_INT_H
#define DOCKET_HTML_INT_H

#include <stddef.h>

#include "core/cycle.h"
#include "core/huddle.h"
#include "core/metrics.h"
#include "formats/html.h"

struct app_page;

struct hx {
	const struct backlog *bl;
	const struct html_opts *o;
	struct item **items;        /* parsed items, backlog order */
	size_t n;
	struct cycles cycles;
	const struct cycle *current;/* the current cycle, or NULL */
	struct metrics m;
	struct huddle board;        /* of current; empty without one */
	/* a page of `docket serve` (o->app): its session's token and the
	 * files' versions, for the forms (html_app.h); NULL in the export */
	const struct app_page *app;
};

/* ---- html.c: helpers and the page shell ---- */
void hx_text(struct sbuf *sb, const char *s);
/* A scalar front-matter value, or NULL. */
const char *hx_str(const struct item *it, const char *key);
/* Does the item get a page of its own (parsed, with a valid id)? */
int hx_has_page(const struct item *it);
/* Is the item the one whose page items/<ID>.html is (has a page, and
 * is the first file with its id)? */
int hx_owns_page(const struct hx *h, const struct item *it);
/* href of the item's page relative to root ("" or "../"). */
void hx_item_href(struct sbuf *sb, const struct item *it, const char *root);
/* <a href=...>ID</a> when the item has a page, else the escaped id. */
void hx_item_link(struct sbuf *sb, const struct item *it, const char *root);
void hx_status_badge(struct sbuf *sb, enum item_status s);
void hx_type_label(struct sbuf *sb, enum item_type t);
void hx_result_badge(struct sbuf *sb, const char *result);
void hx_num(struct sbuf *sb, double v);
void hx_date(struct sbuf *sb, long day);
/* The item's tags as chips (nothing when it has none). */
void hx_tags(struct sbuf *sb, const struct item *it);
/* Space-separated tags into sb (for the search text). */
void hx_tags_text(struct sbuf *sb, const struct item *it);
/* Open the page: doctype, head (title, CSP, CSS), the top band. */
void hx_page_begin(struct sbuf *sb, const struct hx *h, const char *title,
		   const char *root, int script);
void hx_page_end(struct sbuf *sb, const struct hx *h, int script);

/* ---- html_index.c ---- */
void hx_index(struct sbuf *sb, const struct hx *h);
/* One row of the backlog table (with the move handle on served pages). */
void hx_backlog_row(struct sbuf *sb, const struct hx *h, const struct item *it);
/* <option>s of the campaigns of h->items (sorted, each once). */
void hx_campaign_options(struct sbuf *sb, const struct hx *h,
			 const char *selected);

/* ---- html_board.c: sections of index.html (the board also on the
 * served board page, with each card's move form) ---- */
void hx_board(struct sbuf *sb, const struct hx *h);
void hx_cycles(struct sbuf *sb, const struct hx *h);
void hx_experiments(struct sbuf *sb, const struct hx *h);
void hx_campaigns(struct sbuf *sb, const struct hx *h);

/* ---- html_item.c ---- */
void hx_item_page(struct sbuf *sb, const struct hx *h, size_t i);
/* An item page's content between the shell and the pager: the head
 * card with the facts, the reason and experiment panels, the body and
 * the other fields. */
void hx_item_main(struct sbuf *sb, const struct hx *h, const struct item *it);

/* ---- html_style.c ---- */
extern const char *const hx_css[];   /* pieces, NULL-terminated */
extern const char hx_js[];

#endif
