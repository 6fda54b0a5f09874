/*
 * pages: what the GET routes (pages.c) and the actions (actions.c)
 * share to render a page for a request.
 */
#ifndef DOCKET_SERVER_PAGES_H
#define DOCKET_SERVER_PAGES_H

#include "core/plan.h"
#include "core/sbuf.h"
#include "formats/html_app.h"
#include "server/server_int.h"

/* What page_begin allocates for an app_page (page_end frees it). */
struct page_extra {
	char *name, *email;         /* who acts: the session's person, or git's */
	char *who;                  /* "Name <email>" */
	char *flash;
};

/* Fill p for the request's session: the backlog, the form token, the
 * versions, who is signed in, the message left by the last action. */
void page_begin(struct request *rq, struct app_page *p, struct page_extra *x);
void page_end(struct page_extra *x);
/* The id in "/items/<ID><suffix>" (malloc'ed, a valid id), or NULL. */
char *page_item_id(const char *path, const char *suffix);
/* "ID=blob ... cycle=blob": the versions of the files applying the plan
 * changes. */
void page_plan_versions(struct sbuf *out, struct state *st,
			const struct plan *pl);

#endif
