/*
 * run_docket.c: running this docket program as a command for a write of
 * docket serve, and reading its outcome back (see writes_int.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "server/writes_int.h"

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

void
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
void
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

void
run_release(struct run *r)
{
	sbuf_release(&r->out);
	sbuf_release(&r->err);
}

/* The front-matter key whose lines hold line of item it, or NULL. */
const char *
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
void
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
void
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
