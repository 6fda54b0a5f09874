/*
 * http.c: `docket serve` on libmicrohttpd: the daemon and its limits,
 * reading requests (headers, query, form bodies through libmicrohttpd's
 * post processor), the checks every request passes, sending replies
 * with the security headers, and the request log.  See server.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "core/text.h"
#include "core/xalloc.h"
#include "formats/html_app.h"
#include "server/mhd.h"
#include "server/server_int.h"

/* Every response: the policy of the pages (an HTTP header: the export's
 * meta policy forbids forms and fetches), no sniffing, no framing, no
 * caching, no referrer beyond this origin, no CORS (never an
 * Access-Control-* header). */
static const char *const security_headers[][2] = {
	{ "Content-Security-Policy",
	  "default-src 'none'; script-src 'self'; style-src 'self'; "
	  "img-src 'self' data:; connect-src 'self'; form-action 'self'; "
	  "frame-ancestors 'none'; base-uri 'none'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "X-Frame-Options", "DENY" },
	/* same-origin, not no-referrer: under no-referrer browsers send
	 * "Origin: null" with every POST, and the Origin check needs it */
	{ "Referrer-Policy", "same-origin" },
	{ "Cache-Control", "no-store" },
	{ "Cross-Origin-Opener-Policy", "same-origin" },
	{ "Cross-Origin-Resource-Policy", "same-origin" },
};

static long long
now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static long long
now_s(void)
{
	return (long long)time(NULL);
}

/*-----------------------------------------------------------------------
 * Fields
 *----------------------------------------------------------------------*/

void
fields_release(struct fields *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].key);
		sbuf_release(&f->v[i].value);
	}
	free(f->v);
	memset(f, 0, sizeof(*f));
}

void
fields_add(struct fields *f, const char *key, const char *data, size_t len)
{
	struct field *x;

	if (f->n >= SERVE_MAX_FIELDS) {
		f->too_many = 1;
		return;
	}
	f->v = xgrow(f->v, &f->alloc, f->n + 1, sizeof(*f->v));
	x = &f->v[f->n++];
	x->key = xstrdup(key ? key : "");
	sbuf_init(&x->value);
	if (data)
		sbuf_add(&x->value, data, len);
}

const char *
fields_get(const struct fields *f, const char *key)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->v[i].key, key))
			return f->v[i].value.buf;
	return NULL;
}

/*-----------------------------------------------------------------------
 * Replies
 *----------------------------------------------------------------------*/

static void
reply_init(struct reply *r)
{
	memset(r, 0, sizeof(*r));
	r->status = 200;
	r->type = "text/html; charset=utf-8";
	sbuf_init(&r->body);
}

static void
reply_release(struct reply *r)
{
	for (size_t i = 0; i < r->nheaders; i++)
		free(r->hvalue[i]);
	sbuf_release(&r->body);
}

void
reply_header(struct reply *r, const char *name, const char *value)
{
	if (r->nheaders >= REPLY_MAX_HEADERS)
		return;
	r->hname[r->nheaders] = name;
	r->hvalue[r->nheaders++] = xstrdup(value);
}

void
reply_redirect(struct reply *r, const char *path)
{
	r->status = 303;
	reply_header(r, "Location", path);
	sbuf_reset(&r->body);
	r->type = "text/plain; charset=utf-8";
	sbuf_addf(&r->body, "See %s\n", path);
}

/* r: status, and msg as JSON or as a page titled title. */
static void
reply_message(struct request *rq, struct reply *r, unsigned status,
	      const char *title, const char *msg)
{
	r->status = status;
	sbuf_reset(&r->body);
	if (rq->wants_json) {
		r->type = "application/json";
		app_json_error(&r->body, msg);
	} else {
		r->type = "text/html; charset=utf-8";
		app_message_page(&r->body, rq->srv->title, title, msg, 1, NULL);
	}
}

void
reply_error(struct request *rq, struct reply *r, unsigned status,
	    const char *fmt, ...)
{
	struct sbuf msg = SBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	reply_message(rq, r, status, status >= 500 ? "Something went wrong" : "Not done",
		      msg.buf);
	sbuf_release(&msg);
}

const char *
request_header(const struct request *rq, const char *name)
{
	return mhd.lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

static enum MHD_Result
send_reply(struct request *rq, struct reply *r)
{
	struct MHD_Response *resp;
	size_t len;
	char *buf = sbuf_detach(&r->body, &len);
	enum MHD_Result ok;

	resp = mhd.create_response_from_buffer(len, buf, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(buf);
		reply_release(r);
		return MHD_NO;
	}
	mhd.add_response_header(resp, "Content-Type", r->type);
	for (size_t i = 0; i < sizeof(security_headers) / sizeof(security_headers[0]); i++)
		mhd.add_response_header(resp, security_headers[i][0], security_headers[i][1]);
	for (size_t i = 0; i < r->nheaders; i++)
		mhd.add_response_header(resp, r->hname[i], r->hvalue[i]);
	ok = mhd.queue_response(rq->conn, r->status, resp);
	mhd.destroy_response(resp);
	rq->answered = 1;
	rq->status = r->status;
	rq->sent = len;
	reply_release(r);
	return ok;
}

/*-----------------------------------------------------------------------
 * Routing
 *----------------------------------------------------------------------*/

/*
 * docket.yaml has errors (an edit, a `git pull` while serving): as every
 * command but check stops, no page is shown (503) and no write is made
 * (409): the errors with file:line:col instead, until the file is fixed
 * (each request reads it again when its status changed).  1 when r is
 * that answer.
 */
static int
config_refused(struct request *rq, struct reply *r, unsigned status)
{
	struct sbuf errs = SBUF_INIT, msg = SBUF_INIT;

	if (!state_config_errors(&rq->srv->st, &errs)) {
		sbuf_release(&errs);
		return 0;
	}
	sbuf_addf(&msg, "docket.yaml has errors: %s. Fix docket.yaml, then reload this page: "
		  "docket shows and changes nothing until then ('docket check' lists every problem).%s",
		  errs.buf, status == 409 ? " Nothing was written." : "");
	reply_message(rq, r, status, "docket.yaml has errors", msg.buf);
	sbuf_release(&errs);
	sbuf_release(&msg);
	return 1;
}

static void
route(struct request *rq, struct reply *r)
{
	struct server *s = rq->srv;
	const char *accept = request_header(rq, "Accept");
	char why[256];

	rq->wants_json = accept && strstr(accept, "application/json") != NULL;
	if (!strcmp(rq->path, "/static/docket.css")) {
		r->type = "text/css; charset=utf-8";
		app_css(&r->body);
		return;
	}
	if (!strcmp(rq->path, "/static/app.js")) {
		r->type = "text/javascript; charset=utf-8";
		app_js(&r->body);
		return;
	}
	if (!strcmp(rq->path, "/login")) {
		login_route(rq, r);
		return;
	}
	if (!strcmp(rq->path, "/favicon.ico")) {
		/* no icon (a browser asks on every first visit) */
		r->status = 204;
		r->type = "image/x-icon";
		return;
	}
	rq->session = auth_session(&s->auth, mhd.lookup_connection_value(
		rq->conn, MHD_COOKIE_KIND, s->auth.cookie), now_s());
	if (!rq->session) {
		if (!s->auth.secret[0] && !rq->is_post && !rq->wants_json) {
			reply_redirect(r, "/login");
			return;
		}
		reply_error(rq, r, 401, s->auth.secret[0] ?
			    "You are not signed in: open the link that docket serve printed in its terminal." :
			    "You are not signed in: sign in with your token at /login.");
		return;
	}
	if (!rq->is_post) {
		state_refresh(&s->st);
		if (config_refused(rq, r, 503))
			return;
		if (!pages_route(rq, r))
			reply_error(rq, r, 404, "There is no page %s here.", rq->path);
		return;
	}
	if (auth_origin_ok(&s->auth, request_header(rq, "Origin"), request_header(rq, "Host"),
			   request_header(rq, "Sec-Fetch-Site"), why, sizeof(why))) {
		reply_error(rq, r, 403, "%s", why);
		return;
	}
	if (!auth_form_ok(rq->session, fields_get(&rq->form, "_token"))) {
		reply_error(rq, r, 403, "This form's session token is missing or out of date: "
			    "reload the page and try again.");
		return;
	}
	if (!strcmp(rq->path, "/logout")) {
		logout_route(rq, r);
		return;
	}
	/* (no refresh but of docket.yaml: a write reads what it changes
	 * from the files, under its lock; a page made after it refreshes) */
	state_refresh_config(&s->st);
	if (config_refused(rq, r, 409))
		return;
	if (!actions_route(rq, r))
		reply_error(rq, r, 404, "There is no action %s here.", rq->path);
}

/*-----------------------------------------------------------------------
 * libmicrohttpd callbacks
 *----------------------------------------------------------------------*/

static enum MHD_Result
query_value(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct fields *f = cls;

	(void)kind;
	fields_add(f, key, value, value ? strlen(value) : 0);
	return MHD_YES;
}

static enum MHD_Result
post_value(void *cls, enum MHD_ValueKind kind, const char *key,
	   const char *filename, const char *content_type,
	   const char *transfer_encoding, const char *data, uint64_t off,
	   size_t size)
{
	struct request *rq = cls;
	struct fields *f = &rq->form;

	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	if (filename) {
		rq->bad_body = 1;     /* no uploads */
		return MHD_NO;
	}
	/* a long value comes in pieces: off > 0 continues the last field */
	if (off > 0 && f->n && !strcmp(f->v[f->n - 1].key, key ? key : "")) {
		sbuf_add(&f->v[f->n - 1].value, data, size);
		return MHD_YES;
	}
	fields_add(f, key, data, size);
	return f->too_many ? MHD_NO : MHD_YES;
}

static void
client_addr(struct request *rq)
{
	const union MHD_ConnectionInfo *ci =
		mhd.get_connection_info(rq->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(rq->addr, sizeof(rq->addr), "-");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
			  rq->addr, sizeof(rq->addr));
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
			  rq->addr, sizeof(rq->addr));
}

/* Checks made once the headers are in, before any body is read: those
 * that fail answer at once (and libmicrohttpd closes the connection
 * without reading the body).  Returns 1 when a reply was made. */
static int
precheck(struct request *rq, struct reply *r)
{
	struct server *s = rq->srv;
	const char *cl, *te, *ct;

	if (!auth_host_ok(&s->auth, request_header(rq, "Host"))) {
		reply_error(rq, r, 421, "This server does not answer to that host name (Host header). "
			    "Open the address docket serve printed.");
		return 1;
	}
	if (!strcmp(rq->method, "GET") || !strcmp(rq->method, "HEAD"))
		return 0;
	if (strcmp(rq->method, "POST")) {
		reply_error(rq, r, 405, "Method %s is not allowed: use GET or POST.", rq->method);
		reply_header(r, "Allow", "GET, HEAD, POST");
		return 1;
	}
	rq->is_post = 1;
	te = request_header(rq, "Transfer-Encoding");
	cl = request_header(rq, "Content-Length");
	if (te) {
		reply_error(rq, r, 411, "Chunked uploads are refused: send the body with a Content-Length.");
		return 1;
	}
	if (!cl) {
		reply_error(rq, r, 411, "A POST needs a Content-Length.");
		return 1;
	}
	{
		char *end;
		unsigned long long n;

		errno = 0;
		n = strtoull(cl, &end, 10);
		if (*cl < '0' || *cl > '9' || *end || errno) {
			reply_error(rq, r, 400, "Content-Length is not a number.");
			return 1;
		}
		if (n > SERVE_MAX_BODY) {
			reply_error(rq, r, 413, "The request body is %llu bytes, over the limit of %zu bytes.",
				    n, SERVE_MAX_BODY);
			return 1;
		}
	}
	ct = request_header(rq, "Content-Type");
	if (ct && strncasecmp(ct, "application/x-www-form-urlencoded", 33) &&
	    strncasecmp(ct, "multipart/form-data", 19)) {
		reply_error(rq, r, 415, "Send a form (application/x-www-form-urlencoded or multipart/form-data).");
		return 1;
	}
	if (ct) {
		rq->pp = mhd.create_post_processor(rq->conn, 16 * 1024, post_value, rq);
		if (!rq->pp) {
			reply_error(rq, r, 400, "This form's encoding cannot be read.");
			return 1;
		}
	}
	return 0;
}

static enum MHD_Result
answer(struct request *rq)
{
	struct reply r;

	reply_init(&r);
	if (rq->pp) {
		if (mhd.destroy_post_processor(rq->pp) != MHD_YES)
			rq->bad_body = 1;
		rq->pp = NULL;
	}
	if (rq->form.too_many)
		reply_error(rq, &r, 413, "A form of more than %d fields is refused.", SERVE_MAX_FIELDS);
	else if (rq->bad_body)
		reply_error(rq, &r, 400, "The form could not be read (malformed, or with a file).");
	else
		route(rq, &r);
	return send_reply(rq, &r);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
	   const char *method, const char *version, const char *upload,
	   size_t *upload_size, void **con_cls)
{
	struct server *s = cls;
	struct request *rq = *con_cls;

	(void)version;
	if (!rq) {
		struct reply r;

		rq = xcalloc(1, sizeof(*rq));
		*con_cls = rq;
		rq->srv = s;
		rq->conn = conn;
		rq->t0_ns = now_ns();
		snprintf(rq->method, sizeof(rq->method), "%s", method);
		rq->path = xstrdup(url);
		client_addr(rq);
		mhd.get_connection_values(conn, MHD_GET_ARGUMENT_KIND, query_value, &rq->query);
		reply_init(&r);
		if (precheck(rq, &r))
			return send_reply(rq, &r);
		reply_release(&r);
		if (!rq->is_post)
			return answer(rq);
		return MHD_YES;
	}
	if (*upload_size) {
		if (rq->pp && !rq->bad_body && !rq->form.too_many &&
		    mhd.post_process(rq->pp, upload, *upload_size) != MHD_YES)
			rq->bad_body = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	if (rq->answered)
		return MHD_YES;
	return answer(rq);
}

static void
on_complete(void *cls, struct MHD_Connection *conn, void **con_cls,
	    enum MHD_RequestTerminationCode toe)
{
	struct server *s = cls;
	struct request *rq = *con_cls;

	(void)conn;
	if (!rq)
		return;
	if (!s->o.quiet) {
		struct sbuf line = SBUF_INIT;
		double ms = (double)(now_ns() - rq->t0_ns) / 1e6;

		/* the path only: a query may hold the sign-in secret */
		text_escape_term(&line, rq->path, strlen(rq->path));
		if (rq->query.n)
			sbuf_adds(&line, "?...");
		if (rq->status)
			fprintf(stderr, "%s \"%s %s\" %u %zu %.1fms\n", rq->addr, rq->method,
				line.buf, rq->status, rq->sent, ms);
		else
			fprintf(stderr, "%s \"%s %s\" - (closed: %d) %.1fms\n", rq->addr,
				rq->method, line.buf, (int)toe, ms);
		sbuf_release(&line);
	}
	if (rq->pp)
		mhd.destroy_post_processor(rq->pp);
	fields_release(&rq->query);
	fields_release(&rq->form);
	free(rq->path);
	free(rq);
	*con_cls = NULL;
}

static void
on_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	fputs("docket serve: ", stderr);
	vfprintf(stderr, fmt, ap);
	if (*fmt && fmt[strlen(fmt) - 1] != '\n')
		fputc('\n', stderr);
}

/*-----------------------------------------------------------------------
 * The daemon
 *----------------------------------------------------------------------*/

int
http_start(struct server *s, const void *addr, int v6, int loopback)
{
	unsigned flags;

	/* poll(2), not MHD_USE_AUTO's epoll: libmicrohttpd 0.9.75 with epoll
	 * keeps a connection whose client hung up mid-request until the
	 * idle timeout, so 32 such clients would lock everyone out for
	 * SERVE_TIMEOUT_S; with poll it sees the hang-up and closes at once.
	 * The connection limit is small: poll costs nothing here. */
	flags = MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
	if (v6)
		flags |= MHD_USE_IPv6;
	if (s->tls)
		flags |= MHD_USE_TLS;
	{
		struct MHD_OptionItem opts[16];
		size_t k = 0;

		opts[k++] = (struct MHD_OptionItem){ MHD_OPTION_SOCK_ADDR, 0, (void *)addr };
		opts[k++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_LIMIT,
						      SERVE_MAX_CONNECTIONS, NULL };
		if (!loopback)
			opts[k++] = (struct MHD_OptionItem){ MHD_OPTION_PER_IP_CONNECTION_LIMIT,
							      SERVE_PER_IP_CONNECTIONS, NULL };
		opts[k++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_TIMEOUT,
						      SERVE_TIMEOUT_S, NULL };
		opts[k++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_MEMORY_LIMIT,
						      (intptr_t)SERVE_CONNECTION_MEMORY, NULL };
		opts[k++] = (struct MHD_OptionItem){ MHD_OPTION_STRICT_FOR_CLIENT, 1, NULL };
		if (s->tls) {
			opts[k++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_KEY, 0, s->tls_key };
			opts[k++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_CERT, 0, s->tls_cert };
		}
		opts[k++] = (struct MHD_OptionItem){ MHD_OPTION_END, 0, NULL };
		s->d = mhd.start_daemon(flags, 0, NULL, NULL, on_request, s,
			MHD_OPTION_EXTERNAL_LOGGER, on_log, s,
			MHD_OPTION_NOTIFY_COMPLETED, on_complete, s,
			MHD_OPTION_ARRAY, opts,
			MHD_OPTION_END);
	}
	return s->d ? 0 : -1;
}
