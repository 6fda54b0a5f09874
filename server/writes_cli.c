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
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdarg.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/changes.h"
#include "core/check.h"
#include "core/cycle.h"
#include "core/date.h"
#include "core/lis.h"
#include "core/order.h"
#include "core/order_moved.h"
#include "core/plan.h"
#include "core/xalloc.h"
#include "server/pages.h"
#include "server/writes.h"

extern char **environ;

/*-----------------------------------------------------------------------
 * Results
 *----------------------------------------------------------------------*/

void
write_result_init(struct write_result *r)
{
	memset(r, 0, sizeof(*r));
}

void
write_result_release(struct write_result *r)
{
	free(r->summary);
	free(r->error);
	free(r->new_id);
	for (size_t i = 0; i < r->nfindings; i++) {
		free(r->findings[i].field);
		free(r->findings[i].rule);
		free(r->findings[i].message);
	}
	free(r->findings);
	for (size_t i = 0; i < r->nchanges; i++) {
		free(r->changes[i].field);
		free(r->changes[i].from);
		free(r->changes[i].to);
	}
	free(r->changes);
	write_result_init(r);
}

void
write_result_finding(struct write_result *r, int error, const char *field,
		     const char *rule, const char *message)
{
	struct write_finding *f;

	r->findings = xrealloc(r->findings, (r->nfindings + 1) * sizeof(*r->findings));
	f = &r->findings[r->nfindings++];
	f->error = error;
	f->field = field ? xstrdup(field) : NULL;
	f->rule = xstrdup(rule ? rule : "");
	f->message = xstrdup(message);
}

void
write_result_change(struct write_result *r, const char *field, const char *from,
		    const char *to)
{
	struct write_change *c;

	r->changes = xrealloc(r->changes, (r->nchanges + 1) * sizeof(*r->changes));
	c = &r->changes[r->nchanges++];
	c->field = xstrdup(field);
	c->from = from ? xstrdup(from) : NULL;
	c->to = to ? xstrdup(to) : NULL;
}

static void
set_error(struct write_result *r, enum write_outcome o, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
set_error(struct write_result *r, enum write_outcome o, const char *fmt, ...)
{
	struct sbuf sb = SBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	r->outcome = o;
	free(r->error);
	r->error = sbuf_detach(&sb, NULL);
}

/*-----------------------------------------------------------------------
 * Running docket
 *----------------------------------------------------------------------*/

struct run {
	int status;               /* exit status; -1: did not run */
	struct sbuf out, err;
};

static void
envset(char ***env, size_t *n, const char *key, const char *value)
{
	size_t kl = strlen(key);

	for (size_t i = 0; i < *n; i++)
		if (!strncmp((*env)[i], key, kl) && (*env)[i][kl] == '=') {
			free((*env)[i]);
			(*env)[i] = xasprintf("%s=%s", key, value);
			return;
		}
	*env = xrealloc(*env, (*n + 2) * sizeof(**env));
	(*env)[(*n)++] = xasprintf("%s=%s", key, value);
	(*env)[*n] = NULL;
}

static int
pipe_cloexec(int fd[2])
{
	if (pipe(fd))
		return -1;
	fcntl(fd[0], F_SETFD, FD_CLOEXEC);
	fcntl(fd[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

/* Run docket ARGS... with input on its standard input (may be NULL)
 * and the variables of extra ("K=V", NULL-ended; may be NULL) added to
 * its environment. */
static void
run_docket(struct server *s, const struct write_as *who, const char *const *args,
	   const char *input, size_t inlen, const char *const *extra, struct run *r)
{
	char **argv, **env;
	size_t nargs = 0, nenv = 0, k = 0, sent = 0;
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, dfl;
	pid_t pid;
	int st;

	memset(r, 0, sizeof(*r));
	r->status = -1;
	sbuf_init(&r->out);
	sbuf_init(&r->err);
	while (args[nargs])
		nargs++;
	argv = xcalloc(nargs + 8, sizeof(*argv));
	argv[k++] = (char *)s->exe;
	argv[k++] = (char *)"-C";
	argv[k++] = s->st.root;
	argv[k++] = (char *)"--color=never";
	if (s->o.no_commit)
		argv[k++] = (char *)"--no-commit";
	if (s->o.include_dirty)
		argv[k++] = (char *)"--include-dirty";
	for (size_t i = 0; i < nargs; i++)
		argv[k++] = (char *)args[i];
	for (char **e = environ; *e; e++)
		nenv++;
	env = xcalloc(nenv + 8, sizeof(*env));
	for (size_t i = 0; i < nenv; i++)
		env[i] = xstrdup(environ[i]);
	envset(&env, &nenv, "NO_COLOR", "1");
	for (size_t i = 0; extra && extra[i]; i++) {
		char *kv = xstrdup(extra[i]), *eq = strchr(kv, '=');

		if (eq) {
			*eq = '\0';
			envset(&env, &nenv, kv, eq + 1);
		}
		free(kv);
	}
	if (who && who->name) {
		envset(&env, &nenv, "GIT_AUTHOR_NAME", who->name);
		envset(&env, &nenv, "GIT_AUTHOR_EMAIL", who->email ? who->email : "");
		envset(&env, &nenv, "GIT_COMMITTER_NAME", who->name);
		envset(&env, &nenv, "GIT_COMMITTER_EMAIL", who->email ? who->email : "");
	}
	if (pipe_cloexec(in) || pipe_cloexec(out) || pipe_cloexec(err)) {
		sbuf_addf(&r->err, "docket: error: cannot run docket: %s\n", strerror(errno));
		goto done;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_adddup2(&fa, err[1], 2);
	posix_spawnattr_init(&at);
	sigemptyset(&none);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGPIPE);
	sigaddset(&dfl, SIGINT);
	sigaddset(&dfl, SIGTERM);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &dfl);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	st = posix_spawn(&pid, s->exe, &fa, &at, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(in[0]);
	close(out[1]);
	close(err[1]);
	in[0] = out[1] = err[1] = -1;
	if (st) {
		sbuf_addf(&r->err, "docket: error: cannot run docket: %s\n", strerror(st));
		goto done;
	}
	if (!input || !inlen) {
		close(in[1]);
		in[1] = -1;
	}
	/* feed its input and read its output without either side blocking */
	for (;;) {
		struct pollfd p[3];
		int np = 0;
		char buf[8192];

		if (in[1] >= 0)
			p[np++] = (struct pollfd){ in[1], POLLOUT, 0 };
		if (out[0] >= 0)
			p[np++] = (struct pollfd){ out[0], POLLIN, 0 };
		if (err[0] >= 0)
			p[np++] = (struct pollfd){ err[0], POLLIN, 0 };
		if (!np)
			break;
		if (poll(p, (nfds_t)np, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < np; i++) {
			ssize_t n;

			if (!p[i].revents)
				continue;
			if (p[i].fd == in[1]) {
				n = write(in[1], input + sent, inlen - sent);
				if (n > 0)
					sent += (size_t)n;
				if (n < 0 || sent == inlen) {
					close(in[1]);
					in[1] = -1;
				}
				continue;
			}
			n = read(p[i].fd, buf, sizeof(buf));
			if (n > 0) {
				struct sbuf *dst = p[i].fd == out[0] ? &r->out : &r->err;

				/* bounded: a command's messages are short */
				if (dst->len < 1024 * 1024)
					sbuf_add(dst, buf, (size_t)n);
			} else if (n == 0 || errno != EINTR) {
				if (p[i].fd == out[0]) {
					close(out[0]);
					out[0] = -1;
				} else {
					close(err[0]);
					err[0] = -1;
				}
			}
		}
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			st = -1;
			break;
		}
	r->status = st >= 0 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
done:
	for (int i = 0; i < 2; i++) {
		if (in[i] >= 0)
			close(in[i]);
		if (out[i] >= 0)
			close(out[i]);
		if (err[i] >= 0)
			close(err[i]);
	}
	for (size_t i = 0; i < nenv; i++)
		free(env[i]);
	free(env);
	free(argv);
}

static void
run_release(struct run *r)
{
	sbuf_release(&r->out);
	sbuf_release(&r->err);
}

/* The front-matter key whose lines hold line of item it, or NULL. */
static const char *
key_at_line(const struct item *it, int line)
{
	const struct ynode *root = it ? it->fm.root : NULL;

	for (size_t i = 0; root && root->type == YNODE_MAP && i + 1 < root->nkids; i += 2) {
		const struct ynode *k = root->kids[i], *v = root->kids[i + 1];
		int end = v->end_line > v->line ? v->end_line : v->line;

		if (k->type == YNODE_SCALAR && line >= k->line && line <= end)
			return k->text;
	}
	return NULL;
}

/*
 * Read the command's messages into r: "path:line:col: severity: message
 * [rule]" lines are findings (their field found from the line in it,
 * the file written); "docket: error: ..." the error; a last plain line
 * "SUMMARY [commit]" the outcome.
 */
static void
take_messages(struct write_result *r, const struct run *run, const struct item *it)
{
	const char *p = run->err.buf;
	struct sbuf errors = SBUF_INIT;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, n);
		int ln = 0, col = 0, off = 0;
		char sev[16];

		if (!strncmp(line, "docket: error: ", 15)) {
			const char *m = line + 15;
			size_t kl = strspn(m, "abcdefghijklmnopqrstuvwxyz_0123456789");

			/* a value the command refused: "effort: 'abc' is not a
			 * number", "customer_value is a whole number ...": next
			 * to its field */
			if (kl && (!strncmp(m + kl, ": ", 2) || !strncmp(m + kl, " must ", 6) ||
				   !strncmp(m + kl, " is ", 4))) {
				char *key = xstrndup(m, kl);

				write_result_finding(r, 1, key, "", m);
				free(key);
			}
			sbuf_addf(&errors, "%s%s", errors.len ? " " : "", m);
		} else if (!strncmp(line, "docket: warning: ", 17)) {
			write_result_finding(r, 0, NULL, "", line + 17);
		} else if (strchr(line, ':') &&
			   sscanf(strchr(line, ':'), ":%d:%d: %15[a-z]: %n", &ln, &col, sev, &off) == 3 &&
			   off > 0) {
			char *msg = strchr(line, ':') + off, *rule = NULL;
			size_t ml = strlen(msg);
			char *file = xstrndup(line, (size_t)(strchr(line, ':') - line));

			if (ml > 2 && msg[ml - 1] == ']' && (rule = strrchr(msg, '['))) {
				rule[-1] = '\0';
				rule++;
				msg[ml - 1] = '\0';
			}
			write_result_finding(r, strcmp(sev, "warning") != 0,
				it && it->path && !strcmp(file, it->path) ? key_at_line(it, ln) : NULL,
				rule, msg);
			free(file);
		} else if (r->outcome == WRITE_DONE || run->status == 0) {
			/* the command's summary line */
			char *lb = strrchr(line, '[');

			free(r->summary);
			if (lb && lb > line && lb[-1] == ' ' && line[n - 1] == ']' &&
			    strspn(lb + 1, "0123456789abcdef") == (size_t)(line + n - 1 - lb - 1)) {
				snprintf(r->commit, sizeof(r->commit), "%.*s",
					 (int)(line + n - 1 - lb - 1), lb + 1);
				r->summary = xstrndup(line, (size_t)(lb - 1 - line));
			} else {
				r->summary = xstrdup(line);
			}
		}
		free(line);
		p += n + (nl != NULL);
	}
	if (errors.len)
		r->error = sbuf_detach(&errors, NULL);
	sbuf_release(&errors);
}

/* Run the command and fill r from its exit status and messages. */
static void
write_run(struct server *s, const struct write_as *who, const char *const *args,
	  const char *const *extra, const struct item *it, struct write_result *r)
{
	struct run run;

	run_docket(s, who, args, NULL, 0, extra, &run);
	r->outcome = run.status == 0 ? WRITE_DONE : run.status == 1 ? WRITE_REFUSED :
		     run.status == 2 ? WRITE_BAD : WRITE_FAILED;
	take_messages(r, &run, it);
	if (r->outcome == WRITE_DONE && !r->commit[0] && r->summary &&
	    strstr(r->summary, "nothing to c"))
		r->outcome = WRITE_UNCHANGED;
	if (r->outcome != WRITE_DONE && r->outcome != WRITE_UNCHANGED && !r->error &&
	    !r->nfindings)
		r->error = xstrdup(run.status < 0 ? "docket could not run" : "docket refused the change");
	run_release(&run);
}

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
	if (src.read(&src, rel, &data, &len, LIMIT_FILE)) {
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

void
write_set(struct server *s, const struct write_as *who, const char *id,
	  const char *version, const char *const *pairs, size_t n,
	  struct write_result *r)
{
	struct item *cur = NULL;
	const char **args;

	if (!item_unchanged(s, id, version, &cur, r)) {
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

/* The errors check finds on the item's file when its text is data,
 * that it does not find now: a write adds no error (pre-existing ones
 * never block).  Uses the backlog the server keeps, with the item's
 * file replaced for the check only. */
static size_t
new_errors(struct server *s, const struct item *cur, const char *data, size_t len,
	   struct write_result *r)
{
	struct backlog *bl = &s->st.bl;
	struct check_opts co = CHECK_OPTS_INIT;
	struct diag_list before = DIAG_LIST_INIT, after = DIAG_LIST_INIT;
	struct fm_opts fo = FM_OPTS_INIT;
	struct item *next, *old = NULL;
	size_t slot = bl->nitems, added = 0;

	state_refresh(&s->st);
	for (size_t i = 0; i < bl->nitems; i++)
		if (!strcmp(bl->items[i]->path, cur->path))
			slot = i;
	next = item_new(cur->path, xmemdup0(data, len), len, &fo);
	if (slot < bl->nitems) {
		check_backlog(&before, bl, &co);
		old = bl->items[slot];
		bl->items[slot] = next;
		next->rank = old->rank;
		if (next->id && old->id && !strcmp(next->id, old->id))
			strmap_put(&bl->by_id, old->id, strlen(old->id), next);
		check_backlog(&after, bl, &co);
		bl->items[slot] = old;
		if (old->id)
			strmap_put(&bl->by_id, old->id, strlen(old->id), old);
	}
	for (size_t i = 0; i < after.n; i++) {
		const struct diag *d = &after.v[i];
		int seen = 0;

		if (d->severity != SEV_ERROR || !d->file || strcmp(d->file, cur->path))
			continue;
		for (size_t k = 0; k < before.n && !seen; k++)
			seen = before.v[k].file && !strcmp(before.v[k].file, d->file) &&
			       !strcmp(before.v[k].rule, d->rule) &&
			       !strcmp(before.v[k].message, d->message);
		if (seen)
			continue;
		write_result_finding(r, 1, key_at_line(next, d->line), d->rule, d->message);
		added++;
	}
	if (!next->parsed)
		for (size_t i = 0; i < next->diags.n; i++, added++)
			write_result_finding(r, 1, key_at_line(next, next->diags.v[i].line), next->diags.v[i].rule,
				next->diags.v[i].message);
	item_free(next);
	diag_list_release(&before);
	diag_list_release(&after);
	return added;
}

void
write_edit(struct server *s, const struct write_as *who, const char *id,
	   const char *version, const char *data, size_t len,
	   struct write_result *r)
{
	struct item *cur = NULL;
	const char *tdir = getenv("TMPDIR");
	char *path = NULL, *visual = NULL;
	int fd = -1;

	if (!item_unchanged(s, id, version, &cur, r))
		goto out;
	if (new_errors(s, cur, data, len, r)) {
		set_error(r, WRITE_REFUSED, "%s is not saved: fix what check says below.", id);
		goto out;
	}
	/* `docket edit` with an "editor" that saves the new text */
	path = xasprintf("%s/docket-serve-edit-XXXXXX", tdir && *tdir && !strchr(tdir, '\'') ? tdir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len) {
		set_error(r, WRITE_FAILED, "cannot write a temporary file: %s", strerror(errno));
		goto out;
	}
	close(fd);
	fd = -1;
	visual = xasprintf("VISUAL=cp -- '%s'", path);
	{
		const char *args[] = { "edit", id, NULL };
		const char *env[] = { visual, NULL };

		write_run(s, who, args, env, cur, r);
	}
out:
	if (fd >= 0)
		close(fd);
	if (path) {
		unlink(path);
		free(path);
	}
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
	if (!strcmp(w->to, "doing")) {
		args[k++] = "start";
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
	} else if (!strcmp(w->to, "idea") || !strcmp(w->to, "ready") || !strcmp(w->to, "planned")) {
		pair = xasprintf("status=%s", w->to);
		args[k++] = "set";
		args[k++] = id;
		args[k++] = pair;
	} else {
		set_error(r, WRITE_BAD, "'%s' is not a status to move to (doing, blocked, done, stopped, ready, planned).",
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
	int rc = src.read(&src, rel, data, len, LIMIT_ORDER);

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
