/*
 * run.c: `docket serve` from start to stop: the options checked (a
 * non-loopback address needs a token file, TLS and --host), the
 * repository and the backlog opened, the server started (http.c), the
 * URL printed, a browser opened on it (--open), then SIGINT or SIGTERM
 * awaited and everything released.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "formats/html_app.h"
#include "server/mhd.h"
#include "server/server_int.h"

/*-----------------------------------------------------------------------
 * Start and stop
 *----------------------------------------------------------------------*/

/* Read a PEM file (bounded) for GnuTLS. */
static char *
read_pem(const char *path, char *err, size_t n)
{
	struct stat st;
	char *buf;
	ssize_t got;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0) {
		snprintf(err, n, "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size > 1024 * 1024) {
		snprintf(err, n, "'%s' is not a PEM file of at most 1 MiB", path);
		close(fd);
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	got = read(fd, buf, (size_t)st.st_size);
	close(fd);
	if (got < 0) {
		snprintf(err, n, "cannot read '%s': %s", path, strerror(errno));
		free(buf);
		return NULL;
	}
	buf[got] = '\0';
	return buf;
}

struct bind_addr {
	struct sockaddr_storage ss;
	int v6;
	int loopback;
	char shown[80];     /* as in a URL: 127.0.0.1, [::1] */
};

static int
parse_bind(struct bind_addr *b, const char *addr, long port)
{
	struct sockaddr_in *v4 = (struct sockaddr_in *)(void *)&b->ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)(void *)&b->ss;

	memset(b, 0, sizeof(*b));
	if (!strcmp(addr, "localhost"))
		addr = "127.0.0.1";
	if (inet_pton(AF_INET, addr, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)port);
		b->loopback = (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
		snprintf(b->shown, sizeof(b->shown), "%s", addr);
		return 0;
	}
	if (inet_pton(AF_INET6, addr, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)port);
		b->v6 = 1;
		b->loopback = IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr);
		snprintf(b->shown, sizeof(b->shown), "[%s]", addr);
		return 0;
	}
	return -1;
}

/* --open: a browser on the sign-in URL, without putting the secret on a
 * command line (any local user can read those): the URL goes into a
 * file only this user can read, and the browser opens that file. */
static char *
open_browser(struct server *s)
{
	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/docket-serve-XXXXXX.html", tmp && *tmp ? tmp : "/tmp");
	const char *browser = getenv("BROWSER");
	struct sbuf page = SBUF_INIT, url = SBUF_INIT;
	int fd = mkstemps(path, 5);
	pid_t pid;

	if (fd < 0) {
		fprintf(stderr, "docket serve: warning: cannot open a browser: %s\n", strerror(errno));
		free(path);
		return NULL;
	}
	if (s->auth.secret[0])
		sbuf_addf(&url, "%s/login?s=%s", s->base, s->auth.secret);
	else
		sbuf_addf(&url, "%s/login", s->base);
	app_redirect_file(&page, url.buf);
	if (write(fd, page.buf, page.len) != (ssize_t)page.len)
		fprintf(stderr, "docket serve: warning: cannot write %s\n", path);
	close(fd);
	sbuf_release(&page);
	sbuf_release(&url);
	fflush(stderr);
	/* twice, so that the browser is not our child (nothing to reap) */
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		if (fork() != 0)
			_exit(0);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
		}
		if (browser && *browser)
			execlp(browser, browser, path, (char *)NULL);
		execlp("xdg-open", "xdg-open", path, (char *)NULL);
		_exit(127);
	}
	if (pid < 0)
		fprintf(stderr, "docket serve: warning: cannot open a browser: %s\n", strerror(errno));
	else
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	return path;
}

static void
server_release(struct server *s)
{
	for (size_t i = 0; i < sizeof(s->flash) / sizeof(s->flash[0]); i++)
		free(s->flash[i].text);
	state_close(&s->st);
	if (s->repo.git)
		repo_close(&s->repo);
	auth_release(&s->auth);
	free(s->title);
	free(s->tls_cert);
	free(s->tls_key);
	free(s->exe);
}

int
server_run(const struct serve_opts *o)
{
	struct server *s = xcalloc(1, sizeof(*s));
	struct bind_addr b;
	const char *addr = o->bind ? o->bind : "127.0.0.1";
	long port = o->port < 0 ? SERVE_DEFAULT_PORT : o->port;
	char err[512];
	struct diag_list errs = DIAG_LIST_INIT;
	sigset_t set;
	int sig = 0, rc = 1;
	char *open_file = NULL;

	s->o = *o;
	if (port > 65535 || parse_bind(&b, addr, port)) {
		fprintf(stderr, "docket serve: error: '%s' is not an IP address (use --bind 127.0.0.1, ::1 or another address of this machine)\n",
			addr);
		free(s);
		return 2;
	}
	s->loopback = b.loopback;
	s->tls = o->tls_cert || o->tls_key;
	if (!b.loopback && (!o->token_file || !o->tls_cert || !o->tls_key || !o->nhosts)) {
		fprintf(stderr, "docket serve: error: --bind %s is reachable from other machines: it needs --token-file (who may use it), --tls-cert and --tls-key (HTTPS) and --host NAME (the name people use)\n",
			addr);
		free(s);
		return 2;
	}
	if (!o->tls_cert != !o->tls_key) {
		fprintf(stderr, "docket serve: error: give both --tls-cert and --tls-key\n");
		free(s);
		return 2;
	}
	/* loaded here, not linked: see server/mhd.h */
	if (mhd_load(MHD_LIBRARY, err, sizeof(err))) {
		fprintf(stderr, "docket serve: error: %s\n", err);
		free(s);
		return 1;
	}
	if (s->tls && !mhd.is_feature_supported(MHD_FEATURE_TLS)) {
		fprintf(stderr, "docket serve: error: this libmicrohttpd has no TLS support\n");
		free(s);
		return 1;
	}
	if (s->tls && (!(s->tls_cert = read_pem(o->tls_cert, err, sizeof(err))) ||
		       !(s->tls_key = read_pem(o->tls_key, err, sizeof(err))))) {
		fprintf(stderr, "docket serve: error: %s\n", err);
		server_release(s);
		free(s);
		return 2;
	}
	if (repo_open(&s->repo, o->dir ? o->dir : ".", &errs)) {
		fprintf(stderr, "docket serve: error: %s\n",
			errs.n ? diag_last_message(&errs) : "cannot open the repository");
		diag_list_release(&errs);
		server_release(s);
		free(s);
		return 2;
	}
	if (!s->repo.workdir) {
		fprintf(stderr, "docket serve: error: this is a bare repository: docket serves a work tree\n");
		server_release(s);
		free(s);
		return 2;
	}
	if (state_open(&s->st, o->dir ? o->dir : ".", &s->repo)) {
		fprintf(stderr, "docket serve: error: %s\n", s->st.err);
		server_release(s);
		free(s);
		return 2;
	}
	{
		const char *slash = strrchr(s->st.root, '/');
		char exe[PATH_MAX];
		ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

		s->title = xstrdup(slash && slash[1] ? slash + 1 : s->st.root);
		if (n <= 0) {
			fprintf(stderr, "docket serve: error: cannot find this program (/proc/self/exe)\n");
			server_release(s);
			free(s);
			return 1;
		}
		exe[n] = '\0';
		s->exe = xstrdup(exe);
	}

	/* SIGINT and SIGTERM are taken by sigwait below; block them before
	 * libmicrohttpd starts its thread, which inherits the mask */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	/* a shell starts background jobs with SIGINT ignored, and an
	 * ignored signal is never pending: take them back */
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGPIPE, SIG_IGN);

	if (http_start(s, &b.ss, b.v6, b.loopback)) {
		fprintf(stderr, "docket serve: error: cannot listen on %s:%ld (is the port in use? choose another with --port)\n",
			b.shown, port);
		goto out;
	}
	{
		const union MHD_DaemonInfo *di = mhd.get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);

		s->port = di ? di->port : port;
	}
	auth_init(&s->auth, s->port, s->tls);
	if (b.loopback) {
		auth_allow_host(&s->auth, b.shown);
		auth_allow_host(&s->auth, b.v6 ? "[::1]" : "localhost");
	}
	for (size_t i = 0; i < o->nhosts; i++)
		auth_allow_host(&s->auth, o->hosts[i]);
	if (o->token_file) {
		if (auth_load_tokens(&s->auth, o->token_file, err, sizeof(err))) {
			fprintf(stderr, "docket serve: error: %s\n", err);
			rc = 2;
			goto out;
		}
	} else {
		auth_new_secret(&s->auth);
	}
	snprintf(s->base, sizeof(s->base), "%s://%s:%ld", s->tls ? "https" : "http",
		 b.loopback || !o->nhosts ? b.shown : o->hosts[0], s->port);
	fprintf(stderr, "docket serve: serving %s on %s (Ctrl-C stops)\n", s->st.root, s->base);
	server_print_login(s, "open");
	if (o->open)
		open_file = open_browser(s);
	fflush(stderr);
	while (sigwait(&set, &sig) == EINTR)
		;
	fprintf(stderr, "docket serve: stopping (%s)\n", sig == SIGINT ? "interrupt" : "terminated");
	rc = 0;
out:
	if (s->d)
		mhd.stop_daemon(s->d);
	if (open_file) {
		unlink(open_file);
		free(open_file);
	}
	server_release(s);
	free(s);
	return rc;
}
