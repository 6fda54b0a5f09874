/*
 * actions.c: the POST routes of `docket serve`: every form and drag of
 * the pages, each one write through server/writes.h (one commit).
 *
 *   /new                      title, type, body, hypothesis, metric,
 *                             target, requested_by
 *   /move                     id, where (top|bottom|above|below), ref,
 *                             order (ORDER's version)
 *   /items/<ID>/edit          version, fm.KEY... (the fields), body
 *   /items/<ID>/status        version, to, reason, result, actual, over_wip
 *   /items/<ID>/start|unblock|block|done|stop   the same, to implied
 *   /items/<ID>/followup      title
 *   /items/<ID>/dod           version, box (1-based), check (1 or 0)
 *   /cycle/plan               name, start, capacity, versions
 *
 * Answers: with Accept: application/json (the page's script), JSON:
 * {"ok": true, "commit", "message", "id", "location"} or {"ok": false,
 * "error", "conflict", "changed": [{"field", "from", "to"}], "version",
 * "findings": [{"field", "rule", "message"}], "override"} with the
 * status 409 (a version changed), 422 (a rule refused), 400, 404 or 500.
 * A plain form gets 303 to the page it came from ("back", a path on
 * this server) with the outcome shown there, or, when refused, that
 * page again with the form as it was sent, the messages next to their
 * fields and the same status.
 */
#include <stdlib.h>
#include <string.h>

#include "core/changes.h"
#include "core/edit.h"
#include "core/xalloc.h"
#include "formats/html_app.h"
#include "formats/json.h"
#include "server/pages.h"
#include "server/server_int.h"
#include "server/writes.h"

static const char *
form(const struct request *rq, const char *key)
{
	return fields_get(&rq->form, key);
}

static const char *
form_nonempty(const struct request *rq, const char *key)
{
	const char *v = form(rq, key);

	return v && *v ? v : NULL;
}

/* The page to go back to: a path of this server, never another site. */
static const char *
back_path(const struct request *rq, const char *fallback)
{
	const char *b = form(rq, "back");

	if (!b || b[0] != '/' || b[1] == '/' || strchr(b, '\\') ||
	    strpbrk(b, "\r\n") || strlen(b) > 512)
		return fallback;
	return b;
}

static unsigned
http_status(enum write_outcome o)
{
	switch (o) {
	case WRITE_DONE:
	case WRITE_UNCHANGED:
		return 200;
	case WRITE_CONFLICT:
		return 409;
	case WRITE_REFUSED:
		return 422;
	case WRITE_BAD:
		return 400;
	case WRITE_NOT_FOUND:
		return 404;
	default:
		return 500;
	}
}

static void
who_of(const struct request *rq, struct write_as *as)
{
	as->name = as->email = NULL;
	if (rq->session && rq->session->who) {
		as->name = rq->session->who->name;
		as->email = rq->session->who->email;
	}
}

/* The message of an outcome for a person. */
static void
outcome_text(struct sbuf *sb, const struct write_result *w)
{
	if (w->outcome == WRITE_DONE) {
		sbuf_adds(sb, w->summary ? w->summary : "Done");
		if (w->commit[0])
			sbuf_addf(sb, " [%s]", w->commit);
		else
			sbuf_adds(sb, " (written, not committed)");
		return;
	}
	if (w->outcome == WRITE_UNCHANGED) {
		sbuf_adds(sb, w->summary ? w->summary : "Nothing to change.");
		return;
	}
	sbuf_adds(sb, w->error ? w->error : "Not done.");
	if (w->outcome == WRITE_CONFLICT) {
		for (size_t i = 0; i < w->nchanges; i++)
			sbuf_addf(sb, "%s %s: %s \xe2\x86\x92 %s", i ? ";" : " What changed:",
				  w->changes[i].field, w->changes[i].from ? w->changes[i].from : "(none)",
				  w->changes[i].to ? w->changes[i].to : "(none)");
		sbuf_adds(sb, w->nchanges ? ". Nothing was written." : " Nothing was written.");
	}
	for (size_t i = 0; i < w->nfindings; i++) {
		const struct write_finding *d = &w->findings[i];

		if (!d->error || (w->error && strstr(w->error, d->message)))
			continue;
		sbuf_addf(sb, " %s", d->message);
		if (*d->rule)
			sbuf_addf(sb, " [%s]", d->rule);
	}
}

static void
json_answer(struct reply *r, const struct write_result *w, const char *location)
{
	struct sbuf msg = SBUF_INIT;
	struct jw j;

	r->type = "application/json";
	r->status = http_status(w->outcome);
	outcome_text(&msg, w);
	sbuf_reset(&r->body);
	jw_init(&j, &r->body, 0, 0);
	jw_object(&j);
	if (w->outcome == WRITE_DONE || w->outcome == WRITE_UNCHANGED) {
		jw_kbool(&j, "ok", 1);
		jw_kstr(&j, "commit", w->commit[0] ? w->commit : NULL);
		jw_kstr(&j, "message", msg.buf);
		jw_kstr(&j, "id", w->new_id);
		jw_kstr(&j, "location", location);
	} else {
		jw_kbool(&j, "ok", 0);
		jw_kstr(&j, "error", msg.buf);
		jw_kbool(&j, "conflict", w->outcome == WRITE_CONFLICT);
		jw_kbool(&j, "override", w->over_wip);
		jw_kstr(&j, "version", w->version[0] ? w->version : NULL);
		jw_key(&j, "changed");
		jw_array(&j);
		for (size_t i = 0; i < w->nchanges; i++) {
			jw_object(&j);
			jw_kstr(&j, "field", w->changes[i].field);
			jw_kstr(&j, "from", w->changes[i].from);
			jw_kstr(&j, "to", w->changes[i].to);
			jw_end(&j);
		}
		jw_end(&j);
		jw_key(&j, "findings");
		jw_array(&j);
		for (size_t i = 0; i < w->nfindings; i++) {
			const struct write_finding *d = &w->findings[i];

			jw_object(&j);
			jw_kstr(&j, "rule", d->rule);
			jw_kstr(&j, "severity", d->error ? "error" : "warning");
			jw_kstr(&j, "field", d->field);
			jw_kstr(&j, "message", d->message);
			jw_end(&j);
		}
		jw_end(&j);
	}
	jw_end(&j);
	sbuf_addc(&r->body, '\n');
	sbuf_release(&msg);
}

/* A form that went through: 303 to back, the outcome shown there. */
static void
form_done(struct request *rq, struct reply *r, const struct write_result *w,
	  const char *back)
{
	struct sbuf msg = SBUF_INIT;

	outcome_text(&msg, w);
	server_flash(rq->srv, rq->session, 0, "%s", msg.buf);
	sbuf_release(&msg);
	reply_redirect(r, back);
}

/* A refused form that has no form of its own to show again (a move, a
 * board card): the page it came from, with the message, and the
 * status. */
static void
form_refused(struct request *rq, struct reply *r, const struct write_result *w,
	     const char *back)
{
	struct sbuf msg = SBUF_INIT;
	const char *q = strchr(back, '?');
	char *path = q ? xstrndup(back, (size_t)(q - back)) : xstrdup(back);
	struct fields query = rq->query;
	struct request page = *rq;

	outcome_text(&msg, w);
	server_flash(rq->srv, rq->session, 1, "%s", msg.buf);
	sbuf_release(&msg);
	state_refresh(&rq->srv->st);
	/* render that page for this request: its path and query */
	memset(&page.query, 0, sizeof(page.query));
	if (q) {
		const char *p = q + 1;

		while (*p) {
			size_t n = strcspn(p, "&");
			const char *eq = memchr(p, '=', n);
			char *k = xstrndup(p, eq ? (size_t)(eq - p) : n);

			fields_add(&page.query, k, eq ? eq + 1 : "", eq ? n - (size_t)(eq - p) - 1 : 0);
			free(k);
			p += n + (p[n] == '&');
		}
	}
	page.path = path;
	page.is_post = 0;
	sbuf_reset(&r->body);
	if (!pages_route(&page, r))
		reply_redirect(r, "/");
	else
		r->status = http_status(w->outcome);
	fields_release(&page.query);
	(void)query;
	free(path);
}

static void
answer(struct request *rq, struct reply *r, const struct write_result *w,
       const char *back, const char *location)
{
	if (rq->wants_json) {
		json_answer(r, w, location);
		if (w->outcome == WRITE_DONE || w->outcome == WRITE_UNCHANGED) {
			struct sbuf msg = SBUF_INIT;

			/* the page the script reloads shows it */
			outcome_text(&msg, w);
			server_flash(rq->srv, rq->session, 0, "%s", msg.buf);
			sbuf_release(&msg);
		}
		return;
	}
	if (w->outcome == WRITE_DONE || w->outcome == WRITE_UNCHANGED)
		form_done(rq, r, w, location ? location : back);
	else
		form_refused(rq, r, w, back);
}

/*-----------------------------------------------------------------------
 * Forms shown again
 *----------------------------------------------------------------------*/

/* The fields sent, and the messages for them, as a struct app_form. */
struct sent_form {
	struct app_form f;
	const char **keys, **values;
	struct app_error *errors;
	struct app_change *changes;
	char **owned;
	size_t nowned;
};

static void
sent_init(struct sent_form *s, const struct request *rq, const struct write_result *w,
	  const char *field_prefix)
{
	size_t n = rq->form.n;

	memset(s, 0, sizeof(*s));
	s->keys = xcalloc(n + 1, sizeof(*s->keys));
	s->values = xcalloc(n + 1, sizeof(*s->values));
	for (size_t i = 0; i < n; i++) {
		s->keys[s->f.n] = rq->form.v[i].key;
		s->values[s->f.n++] = rq->form.v[i].value.buf;
	}
	s->errors = xcalloc(w->nfindings + 2, sizeof(*s->errors));
	s->owned = xcalloc(w->nfindings + 2, sizeof(*s->owned));
	for (size_t i = 0; i < w->nfindings; i++) {
		const struct write_finding *d = &w->findings[i];
		struct app_error *e;

		if (!d->error)
			continue;
		e = &s->errors[s->f.nerrors++];

		if (d->field && field_prefix) {
			s->owned[s->nowned] = xasprintf("%s%s", field_prefix, d->field);
			e->field = s->owned[s->nowned++];
		}
		e->message = d->message;
	}
	if (w->error && w->outcome != WRITE_CONFLICT)
		s->errors[s->f.nerrors++].message = w->error;
	s->changes = xcalloc(w->nchanges + 1, sizeof(*s->changes));
	for (size_t i = 0; i < w->nchanges; i++) {
		s->changes[i].field = w->changes[i].field;
		s->changes[i].from = w->changes[i].from;
		s->changes[i].to = w->changes[i].to;
	}
	s->f.keys = s->keys;
	s->f.values = s->values;
	s->f.errors = s->errors;
	s->f.changes = s->changes;
	s->f.nchanges = w->nchanges;
	s->f.conflict = w->outcome == WRITE_CONFLICT;
}

static void
sent_release(struct sent_form *s)
{
	for (size_t i = 0; i < s->nowned; i++)
		free(s->owned[i]);
	free(s->owned);
	free(s->keys);
	free(s->values);
	free(s->errors);
	free(s->changes);
}

/*-----------------------------------------------------------------------
 * The intake and follow-ups
 *----------------------------------------------------------------------*/

static void
new_action(struct request *rq, struct reply *r)
{
	static const char *const extra[] = { "hypothesis", "metric", "target", "requested_by" };
	const char *title = form(rq, "title"), *type = form_nonempty(rq, "type");
	const char *sets[4];
	size_t nsets = 0;
	struct write_result w;
	struct write_as as;
	char *owned[4] = { NULL };

	who_of(rq, &as);
	write_result_init(&w);
	for (size_t i = 0; i < 4; i++) {
		const char *v = form_nonempty(rq, extra[i]);

		/* an experiment's fields only for an experiment */
		if (!v || (i < 3 && type && strcmp(type, "experiment")))
			continue;
		owned[nsets] = xasprintf("%s=%s", extra[i], v);
		sets[nsets] = owned[nsets];
		nsets++;
	}
	write_new(rq->srv, &as, title ? title : "", type, form(rq, "body"), sets, nsets,
		  NULL, &w);
	if (w.outcome == WRITE_DONE || w.outcome == WRITE_UNCHANGED) {
		char *loc = xasprintf("/new?created=%s", w.new_id ? w.new_id : "");
		char *item = xasprintf("/items/%s.html", w.new_id ? w.new_id : "");

		if (rq->wants_json)
			answer(rq, r, &w, "/new", item);
		else
			answer(rq, r, &w, "/new", loc);
		free(loc);
		free(item);
	} else if (rq->wants_json) {
		answer(rq, r, &w, "/new", NULL);
	} else {
		struct app_page p;
		struct page_extra x;
		struct sent_form s;

		sent_init(&s, rq, &w, "");
		state_refresh(&rq->srv->st);
		page_begin(rq, &p, &x);
		r->status = http_status(w.outcome);
		app_intake_page(&r->body, &p, &s.f, NULL, NULL);
		page_end(&x);
		sent_release(&s);
	}
	for (size_t i = 0; i < nsets; i++)
		free(owned[i]);
	write_result_release(&w);
}

static void
followup_action(struct request *rq, struct reply *r, const char *id)
{
	struct write_result w;
	struct write_as as;
	char *back = xasprintf("/items/%s.html", id);

	who_of(rq, &as);
	write_result_init(&w);
	write_new(rq->srv, &as, form(rq, "title") ? form(rq, "title") : "", NULL, NULL,
		  NULL, 0, id, &w);
	if (w.new_id && (w.outcome == WRITE_DONE || w.outcome == WRITE_UNCHANGED)) {
		char *loc = xasprintf("/items/%s.html", w.new_id);

		answer(rq, r, &w, back, loc);
		free(loc);
	} else {
		answer(rq, r, &w, back_path(rq, back), NULL);
	}
	write_result_release(&w);
	free(back);
}

/*-----------------------------------------------------------------------
 * An item's fields and body
 *----------------------------------------------------------------------*/

/* The body a textarea sent, with the file's line ends (browsers send
 * CRLF). */
static void
body_from_form(struct sbuf *out, const char *sent, int crlf)
{
	for (const char *p = sent; *p; p++) {
		if (*p == '\r' && p[1] == '\n')
			continue;
		if (*p == '\n' && crlf)
			sbuf_addc(out, '\r');
		sbuf_addc(out, *p);
	}
}

static void
edit_action(struct request *rq, struct reply *r, const char *id)
{
	struct server *s = rq->srv;
	const struct item *it;
	const char *version = form(rq, "version"), *sent_body = form(rq, "body");
	struct write_result w;
	struct write_as as;
	struct sbuf body = SBUF_INIT;
	char **pairs;
	size_t npairs = 0;
	int body_changed = 0;
	char *back = xasprintf("/items/%s.html", id);

	who_of(rq, &as);
	write_result_init(&w);
	/* the fields are compared with the file as it is now */
	state_refresh(&s->st);
	it = state_item(&s->st, id);
	if (!it || !it->parsed) {
		reply_error(rq, r, it ? 409 : 404, it ? "%s does not parse: fix it by hand first (docket edit %s)." :
			    "There is no item %s.", id, id);
		free(back);
		return;
	}
	pairs = xcalloc(rq->form.n + 1, sizeof(*pairs));
	for (size_t i = 0; i < rq->form.n; i++) {
		const char *k = rq->form.v[i].key, *v = rq->form.v[i].value.buf;
		char *cur;

		if (strncmp(k, "fm.", 3) || !edit_key_valid(k + 3))
			continue;
		cur = app_field_text(it, k + 3);
		/* only what the person changed: the other fields stay as
		 * they are written, byte for byte */
		if (!(cur ? !strcmp(cur, v) : !*v))
			pairs[npairs++] = xasprintf("%s=%s", k + 3, v);
		free(cur);
	}
	if (sent_body) {
		body_from_form(&body, sent_body, it->fm.crlf);
		body_changed = body.len != it->len - it->fm.body_off ||
			       memcmp(body.buf, it->data + it->fm.body_off, body.len);
	}
	if (!npairs && !body_changed) {
		w.outcome = WRITE_UNCHANGED;
		w.summary = xstrdup("Nothing changed.");
		if (version && strcmp(version, state_version(&s->st, it))) {
			/* ...but the file did */
			w.outcome = WRITE_UNCHANGED;
		}
	} else {
		/* the fields into the file as set writes them (the same
		 * core/edit call), then the body: what the write will leave,
		 * so that it is checked before anything is written */
		struct sbuf text = SBUF_INIT;
		struct diag_list d = DIAG_LIST_INIT;
		struct edit_op *ops = xcalloc(npairs + 1, sizeof(*ops));
		char **keys = xcalloc(npairs + 1, sizeof(*keys));
		int rc = 0;

		for (size_t i = 0; i < npairs; i++) {
			char *eq = strchr(pairs[i], '=');

			keys[i] = xstrndup(pairs[i], (size_t)(eq - pairs[i]));
			ops[i].key = keys[i];
			ops[i].value = eq + 1;
			ops[i].type = edit_type_for(&s->st.bl.config, keys[i]);
			ops[i].remove = !eq[1];
		}
		/* one field at a time, to know which one a refusal is about */
		sbuf_add(&text, it->data, it->len);
		for (size_t i = 0; i < npairs && !rc; i++) {
			struct sbuf next = SBUF_INIT;

			rc = edit_apply(&next, text.buf, text.len, it->path, &ops[i], 1, &d);
			if (!rc) {
				sbuf_reset(&text);
				sbuf_add(&text, next.buf, next.len);
			} else if (body_changed) {
				/* (without a body, set itself says it) */
				w.outcome = WRITE_BAD;
				for (size_t k = 0; k < d.n; k++)
					write_result_finding(&w, 1, keys[i], d.v[k].rule,
							     d.v[k].message);
			}
			sbuf_release(&next);
		}
		if (!body_changed) {
			/* set, which says itself what is wrong with a value */
			write_set(s, &as, id, version ? version : "", (const char *const *)pairs,
				  npairs, rc ? NULL : text.buf, text.len, &w);
		} else if (!rc) {
			struct item *probe;
			struct fm_opts fo = FM_OPTS_INIT;

			/* the body starts where the edited file's does */
			probe = item_new(it->path, xmemdup0(text.buf, text.len), text.len, &fo);
			sbuf_setlen(&text, probe->parsed ? probe->fm.body_off : text.len);
			sbuf_add(&text, body.buf, body.len);
			item_free(probe);
			write_edit(s, &as, id, version ? version : "", text.buf, text.len, &w);
		}
		for (size_t i = 0; i < npairs; i++)
			free(keys[i]);
		free(keys);
		free(ops);
		diag_list_release(&d);
		sbuf_release(&text);
	}
	if (w.outcome == WRITE_DONE || w.outcome == WRITE_UNCHANGED || rq->wants_json) {
		answer(rq, r, &w, back, NULL);
	} else {
		/* the item again, the person's entries kept where they changed
		 * them (what they left alone shows as it is now) */
		struct app_page p;
		struct page_extra x;
		struct sent_form sf;

		sent_init(&sf, rq, &w, "fm.");
		if (w.outcome == WRITE_CONFLICT && version) {
			char *old = NULL;
			size_t olen = 0;

			if (state_old_bytes(&s->st, version, &old, &olen) == 0) {
				struct fm_opts fo = FM_OPTS_INIT;
				struct item *was = item_new(it->path, old, olen, &fo);
				size_t k = 0;

				for (size_t i = 0; i < sf.f.n; i++) {
					const char *key = sf.keys[i];
					int same = 0;

					if (!strncmp(key, "fm.", 3)) {
						char *o = app_field_text(was, key + 3);

						same = o ? !strcmp(o, sf.values[i]) : !*sf.values[i];
						free(o);
					} else if (!strcmp(key, "body")) {
						struct sbuf b = SBUF_INIT;

						body_from_form(&b, sf.values[i], was->fm.crlf);
						same = b.len == was->len - was->fm.body_off &&
						       !memcmp(b.buf, was->data + was->fm.body_off, b.len);
						sbuf_release(&b);
					}
					if (!same) {
						sf.keys[k] = sf.keys[i];
						sf.values[k++] = sf.values[i];
					}
				}
				sf.f.n = k;
				item_free(was);
			}
		}
		page_begin(rq, &p, &x);
		r->status = http_status(w.outcome);
		it = state_item(&s->st, id);
		if (it)
			app_item_page(&r->body, &p, it, &sf.f);
		else
			reply_error(rq, r, 404, "There is no item %s any more.", id);
		page_end(&x);
		sent_release(&sf);
	}
	for (size_t i = 0; i < npairs; i++)
		free(pairs[i]);
	free(pairs);
	sbuf_release(&body);
	write_result_release(&w);
	free(back);
}

/*-----------------------------------------------------------------------
 * Status, boxes, moves, plans
 *----------------------------------------------------------------------*/

static void
status_action(struct request *rq, struct reply *r, const char *id, const char *to)
{
	struct write_result w;
	struct write_as as;
	struct write_status ws;
	char *back = xasprintf("/items/%s.html", id);

	who_of(rq, &as);
	write_result_init(&w);
	memset(&ws, 0, sizeof(ws));
	ws.to = to ? to : form(rq, "to");
	ws.reason = form_nonempty(rq, "reason");
	ws.result = form_nonempty(rq, "result");
	ws.actual = form_nonempty(rq, "actual");
	ws.over_wip = form_nonempty(rq, "over_wip") != NULL;
	if (!ws.to) {
		reply_error(rq, r, 400, "Which status? Give to=doing, blocked, done, stopped, ready or planned.");
		free(back);
		return;
	}
	write_status(rq->srv, &as, id, form(rq, "version") ? form(rq, "version") : "", &ws, &w);
	answer(rq, r, &w, back_path(rq, back), NULL);
	write_result_release(&w);
	free(back);
}

static void
dod_action(struct request *rq, struct reply *r, const char *id)
{
	const char *box = form(rq, "box"), *check = form(rq, "check");
	struct write_result w;
	struct write_as as;
	char *back = xasprintf("/items/%s.html", id), *end = NULL;
	long n = box ? strtol(box, &end, 10) : 0;

	if (!box || !*box || *end || n < 1 || !check || (strcmp(check, "0") && strcmp(check, "1"))) {
		reply_error(rq, r, 400, "Which box? Give box=N (1 for the first) and check=1 or 0.");
		free(back);
		return;
	}
	who_of(rq, &as);
	write_result_init(&w);
	write_tick(rq->srv, &as, id, form(rq, "version") ? form(rq, "version") : "", n,
		   !strcmp(check, "1"), &w);
	answer(rq, r, &w, back_path(rq, back), NULL);
	write_result_release(&w);
	free(back);
}

static void
move_action(struct request *rq, struct reply *r)
{
	const char *id = form_nonempty(rq, "id"), *where = form_nonempty(rq, "where");
	struct write_result w;
	struct write_as as;

	if (!id || !item_id_valid(id)) {
		reply_error(rq, r, 400, "Which item? Give its id (like %s-12).",
			    rq->srv->st.bl.config.prefix ? rq->srv->st.bl.config.prefix : "MKT");
		return;
	}
	who_of(rq, &as);
	write_result_init(&w);
	write_move(rq->srv, &as, id, where ? where : "", form(rq, "ref"),
		   form(rq, "order") ? form(rq, "order") : "", &w);
	answer(rq, r, &w, back_path(rq, "/"), NULL);
	write_result_release(&w);
}

static void
plan_action(struct request *rq, struct reply *r)
{
	struct write_result w;
	struct write_as as;
	const char *name = form_nonempty(rq, "name");
	char *back = name ? xasprintf("/cycle?name=%s", name) : xstrdup("/cycle?plan=next");

	who_of(rq, &as);
	write_result_init(&w);
	write_plan(rq->srv, &as, name, form_nonempty(rq, "start"), form_nonempty(rq, "capacity"),
		   form(rq, "versions") ? form(rq, "versions") : "", &w);
	answer(rq, r, &w, "/cycle?plan=next", w.outcome == WRITE_DONE ? back : NULL);
	write_result_release(&w);
	free(back);
}

int
actions_route(struct request *rq, struct reply *r)
{
	const char *path = rq->path;

	if (!strcmp(path, "/new")) {
		new_action(rq, r);
		return 1;
	}
	if (!strcmp(path, "/move")) {
		move_action(rq, r);
		return 1;
	}
	if (!strcmp(path, "/cycle/plan")) {
		plan_action(rq, r);
		return 1;
	}
	if (!strncmp(path, "/items/", 7)) {
		static const char *const verbs[][2] = {
			{ "/edit", NULL }, { "/status", NULL }, { "/start", "doing" },
			{ "/block", "blocked" }, { "/done", "done" }, { "/stop", "stopped" },
			{ "/unblock", "unblock" },
			{ "/followup", NULL }, { "/dod", NULL },
		};

		for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
			char *id = page_item_id(path, verbs[i][0]);

			if (!id)
				continue;
			if (!strcmp(verbs[i][0], "/edit"))
				edit_action(rq, r, id);
			else if (!strcmp(verbs[i][0], "/followup"))
				followup_action(rq, r, id);
			else if (!strcmp(verbs[i][0], "/dod"))
				dod_action(rq, r, id);
			else
				status_action(rq, r, id, verbs[i][1]);
			free(id);
			return 1;
		}
	}
	return 0;
}
