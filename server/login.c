/*
 * login.c: sessions of `docket serve` as a person sees them: the
 * sign-in link and the token form, the cookie, signing out, and the
 * message a session's next page shows (see server/auth.h for the rules).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


#include "core/xalloc.h"
#include "formats/html_app.h"
#include "server/server_int.h"

static long long
now_s(void)
{
	return (long long)time(NULL);
}

/*-----------------------------------------------------------------------
 * Flash messages (shown on a session's next page)
 *----------------------------------------------------------------------*/

void
server_flash(struct server *s, const struct auth_session *ss, int error,
	     const char *fmt, ...)
{
	const size_t n = sizeof(s->flash) / sizeof(s->flash[0]);
	struct sbuf msg = SBUF_INIT;
	size_t slot = n;
	va_list ap;

	va_start(ap, fmt);
	sbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	for (size_t i = 0; i < n && slot == n; i++)
		if (s->flash[i].s == ss)
			slot = i;
	for (size_t i = 0; i < n && slot == n; i++)
		if (!s->flash[i].s)
			slot = i;
	if (slot == n)
		slot = 0;
	free(s->flash[slot].text);
	s->flash[slot].s = ss;
	s->flash[slot].text = sbuf_detach(&msg, NULL);
	s->flash[slot].error = error;
}

char *
server_take_flash(struct server *s, const struct auth_session *ss, int *error)
{
	for (size_t i = 0; i < sizeof(s->flash) / sizeof(s->flash[0]); i++)
		if (s->flash[i].s == ss && ss) {
			char *t = s->flash[i].text;

			*error = s->flash[i].error;
			s->flash[i].s = NULL;
			s->flash[i].text = NULL;
			return t;
		}
	return NULL;
}

/*-----------------------------------------------------------------------
 * Login
 *----------------------------------------------------------------------*/

void
server_print_login(struct server *s, const char *what)
{
	if (s->auth.secret[0])
		fprintf(stderr, "docket serve: %s %s/login?s=%s\n", what, s->base,
			s->auth.secret);
	else
		fprintf(stderr, "docket serve: %s %s/login (sign in with your token)\n",
			what, s->base);
}

static void
set_cookie(struct server *s, struct reply *r, const struct auth_session *ss)
{
	char v[256];

	snprintf(v, sizeof(v), "%s=%s; Path=/; HttpOnly; SameSite=Strict%s",
		 s->auth.cookie, ss->id, s->tls ? "; Secure" : "");
	reply_header(r, "Set-Cookie", v);
}

static void
logged_in(struct server *s, struct reply *r, const struct auth_session *ss)
{
	set_cookie(s, r, ss);
	/* a page that moves on (not a 303): the cookie is SameSite=Strict,
	 * and a redirect at the end of a navigation that came from another
	 * site (a link in a mail or chat, --open's file) would not carry it;
	 * this page's own navigation does */
	app_message_page(&r->body, s->title, "Signed in",
			 ss->who ? "You are signed in. Every change you make is committed in your name."
				 : "You are signed in.", 0, "/");
}

void
login_route(struct request *rq, struct reply *r)
{
	struct server *s = rq->srv;
	struct auth_session *ss;
	char why[256];

	if (s->auth.secret[0]) {
		const char *secret = fields_get(&rq->query, "s");

		ss = secret ? auth_login_secret(&s->auth, secret, now_s()) : NULL;
		if (!ss) {
			reply_error(rq, r, 403, "This sign-in link is not valid: it was used already, "
				    "or it is not the one docket serve printed. The terminal running "
				    "docket serve shows the link for the next browser.");
			return;
		}
		logged_in(s, r, ss);
		server_print_login(s, "signed in; the link for another browser:");
		return;
	}
	if (!rq->is_post) {
		app_login_page(&r->body, s->title, NULL);
		return;
	}
	if (auth_origin_ok(&s->auth, request_header(rq, "Origin"), request_header(rq, "Host"),
			   request_header(rq, "Sec-Fetch-Site"), why, sizeof(why))) {
		reply_error(rq, r, 403, "%s", why);
		return;
	}
	{
		int limited = 0;

		ss = auth_login_token(&s->auth, fields_get(&rq->form, "token"), now_s(), &limited);
		if (limited) {
			r->status = 429;
			reply_header(r, "Retry-After", "60");
			app_login_page(&r->body, s->title, "Too many wrong tokens: wait a minute.");
			return;
		}
		if (!ss) {
			r->status = 403;
			app_login_page(&r->body, s->title, "This token is not in the token file.");
			return;
		}
		logged_in(s, r, ss);
	}
}

void
logout_route(struct request *rq, struct reply *r)
{
	char v[160];

	if (rq->session)
		memset(rq->session, 0, sizeof(*rq->session));
	snprintf(v, sizeof(v), "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
		 rq->srv->auth.cookie, rq->srv->tls ? "; Secure" : "");
	reply_header(r, "Set-Cookie", v);
	app_message_page(&r->body, rq->srv->title, "Signed out",
			 "You are signed out.", 0, NULL);
}
