/*
 * writes_cli.c: server/writes.h on the command line's own write code:
 * each write runs docket itself (this very binary) as the matching
 * command (new, followup, set, edit, start, block, done, stop, move,
 * tick, plan --apply) in the backlog's folder, so that it is the same
 * code, with the same validation, messages, lock, hooks and commit
 * text.  The server checks the versions a form carries just before
 * (the command then reads the files again under its lock), reads the
 * command's messages back, and maps its exit status: 0 done, 1 refused,
 * 2 a bad request.
 *
 * The child gets the person of a token-file session as GIT_AUTHOR_* and
 * GIT_COMMITTER_*, no colour, standard input from the server (a
 * description) or /dev/null, the default signal mask and dispositions
 * (the server blocks SIGINT and SIGTERM and ignores SIGPIPE).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/changes.h"
#include "core/cycle.h"
#include "core/date.h"
#include "core/order.h"
#include "core/order_moved.h"
#include "core/plan.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "server/pages.h"
#include "server/writes_int.h"

/*-----------------------------------------------------------------------
 * Versions
 *----------------------------------------------------------------------*/

/* The item file of id as it is on disk now (parsed) with its version;
 * NULL when there is none. */
static struct item *
current_item(struct server *s, const char *id, char blob[41])
{
	const struct item *known = state_item(&s->st, id);
	struct fm_opts fo = FM_OPTS_INIT;
	struct source src = s->st.src;
	char *rel, *data = NULL;
	const char *name;
	size_t len = 0;

	blob[0] = '\0';
	/* its file: the name the state knows (ID-slug.md too), else ID.md */
	if (known && (name = strrchr(known->path, '/')))
		rel = xasprintf("%s/%s", s->st.bl.config.items, name + 1);
	else
		rel = xasprintf("%s/%s.md", s->st.bl.config.items, id);
	if (src.read(&src, rel, &data, &len, LIMIT_FILE, NULL)) {
		free(rel);
		return NULL;
	}
	repo_blob_id(&s->repo, blob, data, len);
	name = strrchr(rel, '/');
	{
		char *path = xasprintf("%s%s", s->st.bl.items_rel, name + 1);
		struct item *it = item_new(path, data, len, &fo);

		free(path);
		free(rel);
		return it;
	}
}

/* Is the item still at version?  Otherwise a conflict in r, with what
 * changed (from the bytes of version, when they can be found). */
static int
item_unchanged(struct server *s, const char *id, const char *version,
	       struct item **cur, struct write_result *r)
{
	char blob[41], *old = NULL;
	size_t olen = 0;

	*cur = current_item(s, id, blob);
	if (!*cur) {
		set_error(r, WRITE_NOT_FOUND, "There is no item %s.", id);
		return 0;
	}
	if (!strcmp(blob, version))
		return 1;
	r->outcome = WRITE_CONFLICT;
	snprintf(r->version, sizeof(r->version), "%s", blob);
	if (*version && state_old_bytes(&s->st, version, &old, &olen) == 0) {
		struct fm_opts fo = FM_OPTS_INIT;
		struct item *was = item_new((*cur)->path, old, olen, &fo);
		struct field_changes fc = { NULL, 0, 0 };

		changes_item(&fc, was, *cur);
		for (size_t i = 0; i < fc.n; i++)
			write_result_change(r, fc.v[i].field, fc.v[i].from, fc.v[i].to);
		field_changes_release(&fc);
		item_free(was);
		set_error(r, WRITE_CONFLICT, "%s changed since this page was made.", id);
	} else {
		set_error(r, WRITE_CONFLICT, "%s changed since this page was made (reload to see it).", id);
	}
	return 0;
}

/*-----------------------------------------------------------------------
 * The writes
 *----------------------------------------------------------------------*/

void
write_new(struct server *s, const struct write_as *who, const char *title,
	  const char *type, const char *body, const char *const *sets,
	  size_t nsets, const char *follows, struct write_result *r)
{
	const char **args = xcalloc(2 * nsets + 12, sizeof(*args));
	size_t k = 0;
	int has_body = body && *body;

	args[k++] = follows ? "followup" : "new";
	if (type && !follows) {
		args[k++] = "--type";
		args[k++] = type;
	}
	for (size_t i = 0; i < nsets; i++) {
		args[k++] = "--set";
		args[k++] = sets[i];
	}
	if (has_body) {
		args[k++] = "--body";
		args[k++] = "-";
	}
	args[k++] = "--";
	if (follows)
		args[k++] = follows;
	args[k++] = title;
	{
		struct run run;

		run_docket(s, who, args, has_body ? body : NULL, has_body ? strlen(body) : 0, NULL, &run);
		r->outcome = run.status == 0 ? WRITE_DONE : run.status == 1 ? WRITE_REFUSED :
			     run.status == 2 ? WRITE_BAD : WRITE_FAILED;
		take_messages(r, &run, NULL);
		if (run.status == 0) {
			/* the new id: the command's standard output */
			size_t n = strcspn(run.out.buf, "\n");

			r->new_id = xstrndup(run.out.buf, n);
			if (!item_id_valid(r->new_id)) {
				free(r->new_id);
				r->new_id = NULL;
			}
		}
		if (r->outcome != WRITE_DONE && !r->error && !r->nfindings)
			r->error = xstrdup("docket refused the new item");
		run_release(&run);
	}
	free(args);
}

/* The errors the item's file would have with data for its text, that
 * it does not have now, as docket edit and set refuse them (core/
 * validate.h: check's rules on what the write changes and what that
 * refers to): a write adds no error, and pre-existing ones never block.
 * On the backlog the server keeps, refreshed. */
static size_t
new_errors(struct server *s, const struct item *cur, const char *data, size_t len,
	   struct write_result *r)
{
	struct diag_list errors = DIAG_LIST_INIT, warnings = DIAG_LIST_INIT;
	struct validate_file vf;
	struct fm_opts fo = FM_OPTS_INIT;
	struct item *next;
	size_t n;

	memset(&vf, 0, sizeof(vf));
	vf.path = cur->path;
	vf.before = cur->data;
	vf.blen = cur->len;
	vf.have_before = 1;
	vf.after = data;
	vf.alen = len;
	state_refresh(&s->st);
	n = validate_files(&errors, &warnings, &s->st.bl, &s->st.src, &vf, 1);
	next = item_new(cur->path, xmemdup0(data, len), len, &fo);
	for (size_t i = 0; n && i < errors.n; i++) {
		const struct diag *d = &errors.v[i];
		const char *key = d->field;

		if (!key && d->file && !strcmp(d->file, cur->path))
			key = key_at_line(next, d->line);
		write_result_finding(r, 1, key, d->rule, d->message);
	}
	item_free(next);
	diag_list_release(&errors);
	diag_list_release(&warnings);
	return n;
}

void
write_set(struct server *s, const struct write_as *who, const char *id,
	  const char *version, const char *const *pairs, size_t n,
	  const char *predicted, size_t plen, struct write_result *r)
{
	struct item *cur = NULL;
	const char **args;

	if (!item_unchanged(s, id, version, &cur, r)) {
		item_free(cur);
		return;
	}
	if (predicted && new_errors(s, cur, predicted, plen, r)) {
		set_error(r, WRITE_REFUSED, "%s is not saved: fix what check says below.", id);
		item_free(cur);
		return;
	}
	args = xcalloc(n + 4, sizeof(*args));
	args[0] = "set";
	args[1] = id;
	for (size_t i = 0; i < n; i++)
		args[2 + i] = pairs[i];
	write_run(s, who, args, NULL, cur, r);
	free(args);
	item_free(cur);
}

/* A temporary file holding data; NULL (r says why) when it cannot be
 * written. */
static char *
temp_file(const char *data, size_t len, struct write_result *r)
{
	const char *tdir = getenv("TMPDIR");
	char *path = xasprintf("%s/docket-serve-edit-XXXXXX",
			       tdir && *tdir && !strchr(tdir, '\'') ? tdir : "/tmp");
	int fd = mkstemp(path);

	if (fd < 0 || write(fd, data, len) != (ssize_t)len) {
		set_error(r, WRITE_FAILED, "cannot write a temporary file: %s", strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		free(path);
		return NULL;
	}
	close(fd);
	return path;
}

void
write_edit(struct server *s, const struct write_as *who, const char *id,
	   const char *version, const char *data, size_t len,
	   struct write_result *r)
{
	struct item *cur = NULL;
	char *draft = NULL, *was = NULL, *next = NULL, *visual = NULL;

	if (!item_unchanged(s, id, version, &cur, r))
		goto out;
	/* docket edit would open a draft kept from an edit that could not
	 * be saved, the person's own text: never replaced from a page */
	draft = repo_draft_path(&s->repo, id);
	if (access(draft, F_OK) == 0) {
		set_error(r, WRITE_CONFLICT, "%s has a draft kept from a docket edit that was not saved (%s): finish it with docket edit %s (or remove the draft) first. Nothing was written.",
			  id, draft, id);
		goto out;
	}
	if (new_errors(s, cur, data, len, r)) {
		set_error(r, WRITE_REFUSED, "%s is not saved: fix what check says below.", id);
		goto out;
	}
	/* `docket edit` with an "editor" that saves the new text only over
	 * the text this change was made from: if the file changed after the
	 * check above (an editor, another docket), the editor fails and
	 * docket edit writes nothing */
	if (!(was = temp_file(cur->data, cur->len, r)) || !(next = temp_file(data, len, r)))
		goto out;
	visual = xasprintf("VISUAL=save() { cmp -s -- '%s' \"$1\" && cp -- '%s' \"$1\"; }; save",
			   was, next);
	{
		const char *args[] = { "edit", id, NULL };
		const char *env[] = { visual, NULL };

		write_run(s, who, args, env, cur, r);
		if (r->outcome != WRITE_DONE && r->outcome != WRITE_UNCHANGED) {
			char blob[41];
			struct item *now = current_item(s, id, blob), *again = NULL;
			int moved = now && strcmp(blob, version);

			item_free(now);
			if (moved) {
				/* it changed meanwhile: say what, as for a
				 * form made from an old version */
				write_result_release(r);
				write_result_init(r);
				item_unchanged(s, id, version, &again, r);
				item_free(again);
			}
		}
	}
out:
	if (was) {
		unlink(was);
		free(was);
	}
	if (next) {
		unlink(next);
		free(next);
	}
	free(draft);
	free(visual);
	item_free(cur);
}

void
write_status(struct server *s, const struct write_as *who, const char *id,
	     const char *version, const struct write_status *w,
	     struct write_result *r)
{
	struct item *cur = NULL;
	const char *args[12];
	size_t k = 0;
	char *pair = NULL;

	if (!item_unchanged(s, id, version, &cur, r)) {
		item_free(cur);
		return;
	}
	if (!strcmp(w->to, "doing") || !strcmp(w->to, "unblock")) {
		/* unblock: back to the status it had before block */
		args[k++] = !strcmp(w->to, "doing") ? "start" : "unblock";
		args[k++] = id;
		if (w->over_wip)
			args[k++] = "--over-wip";
	} else if (!strcmp(w->to, "blocked")) {
		args[k++] = "block";
		args[k++] = id;
		args[k++] = "--reason";
		args[k++] = w->reason ? w->reason : "";
	} else if (!strcmp(w->to, "done")) {
		args[k++] = "done";
		args[k++] = id;
		if (w->result) {
			args[k++] = "--result";
			args[k++] = w->result;
		}
		if (w->actual) {
			args[k++] = "--actual";
			args[k++] = w->actual;
		}
	} else if (!strcmp(w->to, "stopped")) {
		args[k++] = "stop";
		args[k++] = id;
		args[k++] = "--reason";
		args[k++] = w->reason ? w->reason : "";
		if (w->result) {
			/* what a stopped experiment showed */
			args[k++] = "--result";
			args[k++] = w->result;
		}
	} else if (!strcmp(w->to, "idea") || !strcmp(w->to, "ready") || !strcmp(w->to, "planned")) {
		pair = xasprintf("status=%s", w->to);
		args[k++] = "set";
		args[k++] = id;
		args[k++] = pair;
	} else {
		set_error(r, WRITE_BAD, "'%s' is not a status to move to (doing, blocked, done, stopped, ready, planned, or unblock).",
			  w->to);
		item_free(cur);
		return;
	}
	args[k] = NULL;
	write_run(s, who, args, NULL, cur, r);
	for (size_t i = 0; i < r->nfindings; i++)
		if (r->findings[i].error && !strcmp(r->findings[i].rule, "wip-limit"))
			r->over_wip = 1;
	if (r->error && strstr(r->error, "--over-wip"))
		r->over_wip = 1;
	free(pair);
	item_free(cur);
}

/* ORDER on disk now, with its version. */
static int
current_order(struct server *s, char **data, size_t *len, char blob[41])
{
	struct source src = s->st.src;
	char *rel = xasprintf("%s/ORDER", s->st.bl.config.items);
	int rc = src.read(&src, rel, data, len, LIMIT_ORDER, NULL);

	free(rel);
	blob[0] = '\0';
	if (rc == DK_ENOTFOUND) {
		*data = xstrdup("");
		*len = 0;
		return 0;
	}
	if (!rc)
		repo_blob_id(&s->repo, blob, *data, *len);
	return rc;
}

void
write_move(struct server *s, const struct write_as *who, const char *id,
	   const char *where, const char *ref, const char *order,
	   struct write_result *r)
{
	const char *args[6];
	size_t k = 0;
	char blob[41], *cur = NULL, *old = NULL;
	size_t clen = 0, olen = 0;
	int above = !strcmp(where, "above"), below = !strcmp(where, "below");

	if (!above && !below && strcmp(where, "top") && strcmp(where, "bottom")) {
		set_error(r, WRITE_BAD, "Where to? Give where=top, bottom, above or below.");
		return;
	}
	if ((above || below) && (!ref || !item_id_valid(ref))) {
		set_error(r, WRITE_BAD, "%s which item? Give its id.", above ? "Above" : "Below");
		return;
	}
	if ((above || below) && !strcmp(ref, id)) {
		set_error(r, WRITE_BAD, "%s cannot be placed next to itself.", id);
		return;
	}
	if (current_order(s, &cur, &clen, blob)) {
		set_error(r, WRITE_FAILED, "ORDER cannot be read.");
		return;
	}
	if (*order && strcmp(order, blob)) {
		/* ORDER changed since the page: only the item and its
		 * neighbour matter */
		snprintf(r->version, sizeof(r->version), "%s", blob);
		if (state_old_bytes(&s->st, order, &old, &olen)) {
			set_error(r, WRITE_CONFLICT, "ORDER changed since this page was made; reload it.");
		} else {
			const char *who2[2] = { id, (above || below) ? ref : NULL };

			for (int i = 0; i < 2; i++) {
				long from = 0, to = 0;

				if (who2[i] && order_moved(old, olen, cur, clen, who2[i], &from, &to)) {
					char f[32], t[32], field[64];

					snprintf(f, sizeof(f), "#%ld", from);
					snprintf(t, sizeof(t), "#%ld", to);
					snprintf(field, sizeof(field), "rank of %s", who2[i]);
					write_result_change(r, field, from ? f : NULL, to ? t : NULL);
				}
			}
			if (r->nchanges)
				set_error(r, WRITE_CONFLICT, "%s moved since this page was made.",
					  r->nchanges == 2 ? "Both items" :
					  !strncmp(r->changes[0].field + 8, id, strlen(id)) ? id : ref);
		}
		if (r->outcome == WRITE_CONFLICT) {
			free(cur);
			free(old);
			return;
		}
	}
	args[k++] = "move";
	args[k++] = id;
	if (above || below) {
		args[k++] = above ? "--before" : "--after";
		args[k++] = ref;
	} else {
		args[k++] = !strcmp(where, "top") ? "--top" : "--bottom";
	}
	args[k] = NULL;
	write_run(s, who, args, NULL, NULL, r);
	free(cur);
	free(old);
}

void
write_tick(struct server *s, const struct write_as *who, const char *id,
	   const char *version, long box, int checked, struct write_result *r)
{
	struct item *cur = NULL;
	char n[32];
	const char *args[6];
	size_t k = 0;

	if (!item_unchanged(s, id, version, &cur, r)) {
		item_free(cur);
		return;
	}
	snprintf(n, sizeof(n), "%ld", box);
	args[k++] = "tick";
	args[k++] = id;
	if (!checked)
		args[k++] = "--undo";
	args[k++] = n;
	args[k] = NULL;
	write_run(s, who, args, NULL, cur, r);
	item_free(cur);
}

void
write_plan(struct server *s, const struct write_as *who, const char *name,
	   const char *start, const char *capacity, const char *versions,
	   struct write_result *r)
{
	struct cycles cy;
	struct plan pl;
	struct diag_list d = DIAG_LIST_INIT;
	struct sbuf now = SBUF_INIT;
	const char *args[10];
	size_t k = 0;
	long sday = -1;
	char *end = NULL;
	double cap = capacity ? strtod(capacity, &end) : NAN;

	if ((start && date_parse(&sday, start)) || (capacity && (*end || !(cap > 0)))) {
		set_error(r, WRITE_BAD, "The plan's start (YYYY-MM-DD) or capacity (a number above 0) is wrong.");
		return;
	}
	/* the plan again, from the files as they are: applied only when it
	 * changes the same files, at the same versions, as the page showed */
	state_refresh(&s->st);
	state_fill_dates(&s->st);
	cycles_from_backlog(&cy, &s->st.bl);
	plan_init(&pl);
	{
		struct plan_opts po = { name, capacity ? cap : NAN, sday, date_today() };

		if (plan_make(&pl, &s->st.bl, &cy, &po, &d)) {
			set_error(r, WRITE_BAD, "%s", d.n ? d.v[0].message : "no plan can be made");
			goto out;
		}
	}
	page_plan_versions(&now, &s->st, &pl);
	if (strcmp(now.buf, versions)) {
		set_error(r, WRITE_CONFLICT, "The plan changed since this page was made (an item or the cycle file changed): reload it and look again.");
		write_result_change(r, "plan", versions, now.buf);
		goto out;
	}
	args[k++] = "plan";
	args[k++] = pl.name;
	args[k++] = "--apply";
	if (start) {
		args[k++] = "--start";
		args[k++] = start;
	}
	if (capacity) {
		args[k++] = "--capacity";
		args[k++] = capacity;
	}
	args[k] = NULL;
	write_run(s, who, args, NULL, NULL, r);
out:
	plan_release(&pl);
	cycles_release(&cy);
	diag_list_release(&d);
	sbuf_release(&now);
}
