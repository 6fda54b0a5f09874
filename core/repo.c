/*
 * repo.c: libgit2 1.5 call sequences (see shared notes, section 2):
 * starting libgit2, opening a repository (and refusing what libgit2
 * cannot honour: external filters, submodules, unsupported extensions),
 * and reading a revision.  The steps of a commit are in repo_commit.c.
 */
#include "core/repo.h"

#include <errno.h>
#include <git2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/diag.h"
#include "core/fsutil.h"
#include "core/xalloc.h"

/*
 * libgit2 starts on the first repo_open or repo_init, not at program
 * start: git_libgit2_init loads the system's TLS certificates, which
 * costs megabytes of memory that commands reading only the working tree
 * (list, show, check) never need.
 */
static pthread_once_t git_once = PTHREAD_ONCE_INIT;
static int git_started;

/*
 * ...and those certificates are never used: docket never connects to a
 * remote (no fetch, push or clone: `sync` merges a revision already in
 * the repository).  Debian's libgit2 1.5 is built with mbedTLS, whose
 * start (git_libgit2_init) parses the whole CA bundle compiled into it,
 * /etc/ssl/certs/ca-certificates.crt: 54 M instructions, about three
 * quarters of a write on a small backlog, with no option to skip it
 * (GIT_OPT_SET_SSL_CERT_LOCATIONS can only be set after the start, and
 * loads more).
 *
 * So docket defines mbedtls_x509_crt_parse_file itself, and that
 * definition is the one libgit2's call binds to (the linker exports a
 * symbol of the program that a shared library it links refers to, and
 * the program comes first in the dynamic linker's search).  It parses
 * nothing and reports success: libgit2's CA chain stays empty, without
 * an error left behind.  Were docket ever to open a TLS connection,
 * every server certificate would fail to verify (the safe side), and
 * this would have to go.  Only this program is affected; a libgit2 built
 * with OpenSSL, or with mbedTLS linked in statically, never calls it.
 */
int mbedtls_x509_crt_parse_file(void *chain, const char *path);

int
mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}

static void
git_start(void)
{
	git_libgit2_init();
	/* keep big trees (a folder of thousands of items) in the object
	 * cache, so a command that reads one twice inflates it once */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE,
			 (size_t)16 * 1024 * 1024);
	/* ... but bound the whole cache: a history walk reads thousands of
	 * versions of that tree once each, and libgit2's default (256 MB,
	 * counting only the raw bytes of parsed trees) let `docket report`
	 * grow to 590 MB */
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)32 * 1024 * 1024);
	/* libgit2 hashes every object it reads to check its id (with the
	 * collision-detecting SHA-1, ~70% of a cold history walk); git
	 * itself does not on ordinary reads, zlib's checksum still catches
	 * a damaged pack, and `git fsck` is the tool that checks ids */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	git_started = 1;
}

static void
ensure_git(void)
{
	pthread_once(&git_once, git_start);
}

void
repo_global_init(void)
{
	/* nothing yet: see ensure_git */
}

void
repo_global_shutdown(void)
{
	if (git_started)
		git_libgit2_shutdown();
}

/* what, with libgit2's last error after it, into errs. */
static int
fail(struct diag_list *errs, int code, const char *what)
{
	const git_error *e = git_error_last();
	const char *m = e && e->message ? e->message : "";

	/* an index git wrote with an extension libgit2 1.5 cannot read
	 * (git update-index --split-index, a sparse index): say so */
	if (strstr(m, "unsupported mandatory extension: 'link'") ||
	    strstr(m, "unsupported mandatory extension: 'sdir'")) {
		diag_error(errs, DK_EREFUSED,
			   "%s: git's index is a %s index, which libgit2 1.5 (the git library docket uses) cannot read; use git itself here, or turn it off: %s",
			   what, strstr(m, "'link'") ? "split" : "sparse",
			   strstr(m, "'link'") ? "git update-index --no-split-index" :
			   "git sparse-checkout disable");
		git_error_clear();
		return DK_EREFUSED;
	}
	diag_error(errs, code, "%s%s%s", what, *m ? ": " : "", m);
	git_error_clear();
	return code;
}

int
repo_git_error(int code, const char *what, struct diag_list *errs)
{
	return fail(errs, code, what);
}

static void
set_workdir(struct repo *r)
{
	const char *wd = git_repository_workdir(r->git);
	size_t n;

	free(r->workdir);
	r->workdir = NULL;
	if (!wd)
		return;
	r->workdir = xstrdup(wd);
	n = strlen(r->workdir);
	if (n > 1 && r->workdir[n - 1] == '/')
		r->workdir[n - 1] = '\0';
}

static int
config_true(git_config *cfg, const char *key)
{
	int v = 0;

	if (git_config_get_bool(&v, cfg, key) < 0) {
		git_error_clear();
		return 0;
	}
	return v;
}

/* filter.NAME.clean, .smudge or .process: an external filter driver.
 * (Matched here, not with git_config_foreach_match: libgit2 1.5 leaks
 * the regular expression's match data on every entry that does not
 * match.) */
static int
find_filter_driver(const git_config_entry *e, void *payload)
{
	static const char *const ends[] = { ".clean", ".smudge", ".process" };
	size_t n = strlen(e->name);

	if (strncmp(e->name, "filter.", 7))
		return 0;
	for (size_t i = 0; i < 3; i++) {
		size_t k = strlen(ends[i]);

		if (n > 7 + k && !strcmp(e->name + n - k, ends[i])) {
			*(int *)payload = 1;
			return 1;       /* one is enough */
		}
	}
	return 0;
}

/*
 * What libgit2 1.5 would silently get wrong here: per-work-tree config
 * (extensions.worktreeConfig, which git sparse-checkout sets; libgit2
 * does not read config.worktree: the identity, filters, core settings
 * there would be missed), a split index or a sparse index (it cannot
 * read them).  Also notes whether any external filter driver is
 * configured (repo_path_filter).
 */
static int
check_supported(struct repo *r, struct diag_list *errs)
{
	static const struct {
		const char *key, *what, *undo;
	} refused[] = {
		{ "extensions.worktreeConfig",
		  "per-work-tree config (extensions.worktreeConfig, set by git sparse-checkout), which libgit2 1.5 (the git library docket uses) does not read",
		  "git config --unset extensions.worktreeConfig, if no config.worktree file is needed" },
		{ "core.splitIndex", "a split index (core.splitIndex), which libgit2 1.5 (the git library docket uses) cannot read",
		  "git config core.splitIndex false && git update-index --no-split-index" },
		{ "index.sparse", "a sparse index (index.sparse), which libgit2 1.5 (the git library docket uses) cannot read",
		  "git sparse-checkout disable" },
	};
	git_config *cfg = NULL;
	int rc = 0, found = 0;

	if (git_repository_config_snapshot(&cfg, r->git) < 0)
		return fail(errs, DK_EIO, "cannot read git config");
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		if (config_true(cfg, refused[i].key)) {
			rc = diag_error(errs, DK_EREFUSED,
					"docket cannot work in this repository: it uses %s; use git itself here, or turn it off: %s",
					refused[i].what, refused[i].undo);
			break;
		}
	if (!rc && git_config_foreach(cfg, find_filter_driver, &found) < 0)
		git_error_clear();
	r->filters = found;
	git_config_free(cfg);
	return rc;
}

int
repo_path_filter(struct repo *r, const char *path, char *name, size_t namelen)
{
	const char *v = NULL;
	git_config *cfg = NULL;
	int ext = 0;

	if (!r->filters)
		return 0;
	if (git_attr_get(&v, r->git, 0, path, "filter") < 0 ||
	    git_attr_value(v) != GIT_ATTR_VALUE_STRING) {
		git_error_clear();
		return 0;
	}
	if (git_repository_config_snapshot(&cfg, r->git) == 0) {
		static const char *const kinds[] = { "clean", "smudge", "process" };

		for (size_t i = 0; i < 3 && !ext; i++) {
			char key[300];
			git_config_entry *e = NULL;

			snprintf(key, sizeof(key), "filter.%s.%s", v, kinds[i]);
			if (git_config_get_entry(&e, cfg, key) == 0)
				ext = 1;
			git_config_entry_free(e);
		}
	}
	git_error_clear();
	git_config_free(cfg);
	if (ext)
		snprintf(name, namelen, "%s", v);
	return ext;
}

int
repo_path_submodule(struct repo *r, const char *prefix)
{
	git_index *idx = NULL;
	const git_index_entry *ie;
	char *dotgit = xasprintf("%s/%s/.git", r->workdir ? r->workdir : ".", prefix);
	struct stat st;
	int sub = lstat(dotgit, &st) == 0;

	/* the index, not HEAD's tree: a submodule removed from the index
	 * only is caught when the commit's tree is built (update_tree) */
	free(dotgit);
	if (!sub && git_repository_index(&idx, r->git) == 0 &&
	    git_index_read(idx, 0) == 0 && (ie = git_index_get_bypath(idx, prefix, 0)))
		sub = (ie->mode & 0170000) == 0160000;
	git_error_clear();
	git_index_free(idx);
	return sub;
}

/*
 * Refuse a repository whose objects are not SHA-1 (objectFormat=sha256)
 * before libgit2 opens it: libgit2 1.5 refuses it too, but leaks on the
 * way (its extension check matches config entries with a regular
 * expression whose match data it does not free on a mismatch).
 */
static int
object_format_supported(const char *path, const char *ceil,
			struct diag_list *errs)
{
	git_buf gd = GIT_BUF_INIT;
	git_config *cfg = NULL;
	git_config_entry *e = NULL;
	char *file;
	int rc = 0;

	if (git_repository_discover(&gd, path, 0, ceil) < 0) {
		git_error_clear();
		return 0;           /* git_repository_open_ext says why */
	}
	file = xasprintf("%sconfig", gd.ptr);
	if (git_config_open_ondisk(&cfg, file) == 0 &&
	    git_config_get_entry(&e, cfg, "extensions.objectformat") == 0 &&
	    e->value && strcasecmp(e->value, "sha1")) {
		rc = diag_error(errs, DK_EREFUSED,
				"docket cannot work in this repository: it uses the git extension 'extensions.objectformat' (%s objects), which libgit2 1.5 (the git library docket uses) does not support; use git itself here",
				e->value);
	}
	git_error_clear();
	git_config_entry_free(e);
	git_config_free(cfg);
	free(file);
	git_buf_dispose(&gd);
	return rc;
}

int
repo_open(struct repo *r, const char *path, struct diag_list *errs)
{
	const char *ceil = getenv("GIT_CEILING_DIRECTORIES");
	int rc;

	ensure_git();
	memset(r, 0, sizeof(*r));
	if ((rc = object_format_supported(path, ceil, errs)))
		return rc;
	rc = git_repository_open_ext(&r->git, path, 0, ceil);
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		return diag_error(errs, DK_ENOTFOUND, "not a git repository (or any parent up to the filesystem root): %s",
			 path);
	}
	if (rc == GIT_EOWNER)
		return fail(errs, DK_EREFUSED,
			    "the repository is owned by another user; if you trust it, run: git config --global --add safe.directory <path>");
	if (rc < 0) {
		const git_error *e = git_error_last();
		const char *m = e && e->message ? e->message : "";
		const char *ext = strstr(m, "unsupported extension name ");

		if (ext) {
			diag_error(errs, DK_EREFUSED,
				   "docket cannot work in this repository: it uses the git extension '%s', which libgit2 1.5 (the git library docket uses) does not support; use git itself here",
				   ext + strlen("unsupported extension name "));
			git_error_clear();
			return DK_EREFUSED;
		}
		return fail(errs, DK_EIO, "cannot open the git repository");
	}
	set_workdir(r);
	if ((rc = check_supported(r, errs))) {
		git_repository_free(r->git);
		r->git = NULL;
		free(r->workdir);
		r->workdir = NULL;
		return rc;
	}
	return 0;
}

int
repo_init(struct repo *r, const char *path, struct diag_list *errs)
{
	git_repository_init_options o = GIT_REPOSITORY_INIT_OPTIONS_INIT;

	ensure_git();
	memset(r, 0, sizeof(*r));
	if (git_repository_open_ext(&r->git, path, GIT_REPOSITORY_OPEN_NO_SEARCH,
				    NULL) == 0) {
		set_workdir(r);
		return 0;
	}
	git_error_clear();
	o.flags = GIT_REPOSITORY_INIT_MKPATH;
	o.initial_head = "main";
	if (git_repository_init_ext(&r->git, path, &o) < 0)
		return fail(errs, DK_EIO, "cannot create a git repository");
	set_workdir(r);
	return 0;
}

void
repo_close(struct repo *r)
{
	git_repository_free(r->git);
	free(r->workdir);
	memset(r, 0, sizeof(*r));
}

int
repo_config_set(struct repo *r, const char *key, const char *value,
		struct diag_list *errs)
{
	git_config *cfg = NULL, *local = NULL;
	int rc;

	if (git_repository_config(&cfg, r->git) < 0)
		return fail(errs, DK_EIO, "cannot read git config");
	rc = git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL);
	if (rc == 0)
		rc = git_config_set_string(local, key, value);
	if (rc < 0)
		rc = fail(errs, DK_EIO, "cannot write .git/config");
	git_config_free(local);
	git_config_free(cfg);
	return rc;
}

/* ---------------------------------------------------------------------
 * Reading a revision
 * ------------------------------------------------------------------- */

struct revsrc {
	struct repo *r;          /* borrowed */
	git_repository *git;
	git_tree *tree;
	char *relroot;
};

int
repo_blob_read(git_repository *git, const git_oid *id, enum limit_kind lim,
	       const char *shown, char **data, size_t *len,
	       struct diag_list *errs)
{
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	git_object_t type;
	size_t size = 0;
	int rc = 0;

	*data = NULL;
	*len = 0;
	if (git_repository_odb(&odb, git) < 0 ||
	    git_odb_read_header(&size, &type, odb, id) < 0) {
		const git_error *e = git_error_last();

		diag_error(errs, DK_EIO, "cannot read %s from git: %s", shown,
			   e && e->message ? e->message : "unknown error");
		git_error_clear();
		git_odb_free(odb);
		return DK_EIO;
	}
	if (type != GIT_OBJECT_BLOB) {
		rc = diag_error(errs, DK_EINVALID, "%s is not a file in git", shown);
	} else if (size > limit_bytes(lim)) {
		rc = diag_error(errs, DK_EINVALID, "%s is %zu bytes in git, over %s; not read",
				shown, size, limit_name(lim));
	} else if (git_odb_read(&obj, odb, id) < 0) {
		const git_error *e = git_error_last();

		rc = diag_error(errs, DK_EIO, "cannot read %s from git: %s", shown,
				e && e->message ? e->message : "unknown error");
		git_error_clear();
	} else {
		*len = git_odb_object_size(obj);
		*data = xmemdup0(git_odb_object_data(obj), *len);
	}
	git_odb_object_free(obj);
	git_odb_free(odb);
	return rc;
}

static int
cmp_oid(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

git_oid *
repo_shallow_commits(struct repo *r, size_t *n)
{
	const char *dir = git_repository_commondir(r->git);
	char *path, *data = NULL, *p;
	git_oid *v = NULL;
	size_t alloc = 0, len = 0;

	*n = 0;
	if (git_repository_is_shallow(r->git) != 1 || !dir)
		return NULL;
	path = xasprintf("%sshallow", dir);
	if (fsutil_read(path, LIMIT_GIT_FILE, 0, &data, &len, NULL)) {
		free(path);
		return NULL;
	}
	free(path);
	for (p = data; p < data + len;) {
		char *nl = memchr(p, '\n', (size_t)(data + len - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(data + len - p);
		git_oid id;

		if (l && p[l - 1] == '\r')
			l--;
		if (l == GIT_OID_HEXSZ && git_oid_fromstrn(&id, p, l) == 0) {
			v = xgrow(v, &alloc, *n + 1, sizeof(*v));
			v[(*n)++] = id;
		} else {
			git_error_clear();
		}
		p = nl ? nl + 1 : data + len;
	}
	free(data);
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_oid);
	return v;
}

static int
rev_read(struct source *s, const char *path, char **data, size_t *len,
	 enum limit_kind lim, struct diag_list *errs)
{
	struct revsrc *v = s->ctx;
	git_tree_entry *e = NULL;
	char *full = xasprintf("%s%s", v->relroot, path);
	git_filemode_t mode;
	int rc;

	rc = git_tree_entry_bypath(&e, v->tree, full);
	if (rc < 0) {
		git_error_clear();
		diag_error(errs, DK_ENOTFOUND, "'%s' does not exist in that revision", full);
		free(full);
		return DK_ENOTFOUND;
	}
	mode = git_tree_entry_filemode(e);
	{
		char name[256];

		/* the blob holds what the filter's clean command made (an
		 * encrypted text, a pointer): not the file */
		if (repo_path_filter(v->r, full, name, sizeof(name))) {
			diag_error(errs, DK_EINVALID,
				   "'%s' goes through the git filter '%s' (.gitattributes), an external command that libgit2, the git library docket uses, does not run: docket cannot read it from history",
				   full, name);
			git_tree_entry_free(e);
			free(full);
			return DK_EINVALID;
		}
	}
	if (mode == GIT_FILEMODE_LINK)
		diag_error(errs, DK_EINVALID,
			   "'%s' is a symbolic link in that revision: not followed", full);
	else if (mode == GIT_FILEMODE_COMMIT)
		diag_error(errs, DK_EINVALID,
			   "'%s' is a submodule in that revision, not a file", full);
	else if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		diag_error(errs, DK_EINVALID, "'%s' is not a file in that revision", full);
	if (mode == GIT_FILEMODE_LINK || mode == GIT_FILEMODE_COMMIT ||
	    git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		git_tree_entry_free(e);
		free(full);
		return DK_EINVALID;
	}
	rc = repo_blob_read(v->git, git_tree_entry_id(e), lim, "the file", data,
			    len, errs);
	git_tree_entry_free(e);
	free(full);
	return rc;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
rev_list(struct source *s, const char *dir, char ***names, size_t *n,
	 struct diag_list *errs)
{
	struct revsrc *v = s->ctx;
	git_tree_entry *e = NULL;
	git_tree *t = NULL;
	char *full = xasprintf("%s%s", v->relroot, dir);
	size_t alloc = 0, cnt;

	*names = NULL;
	*n = 0;
	if (git_tree_entry_bypath(&e, v->tree, full) == 0 &&
	    git_tree_entry_filemode(e) == GIT_FILEMODE_COMMIT) {
		diag_error(errs, DK_EINVALID,
			   "'%s' is a submodule in that revision (a repository of its own): docket does not read it from here",
			   full);
		git_tree_entry_free(e);
		free(full);
		return DK_EINVALID;
	}
	if (!e || git_tree_entry_type(e) != GIT_OBJECT_TREE ||
	    git_tree_lookup(&t, v->git, git_tree_entry_id(e)) < 0) {
		git_error_clear();
		diag_error(errs, DK_ENOTFOUND, "no folder '%s' in that revision", full);
		git_tree_entry_free(e);
		free(full);
		return DK_ENOTFOUND;
	}
	cnt = git_tree_entrycount(t);
	for (size_t i = 0; i < cnt; i++) {
		const git_tree_entry *te = git_tree_entry_byindex(t, i);
		git_filemode_t m = git_tree_entry_filemode(te);

		/* as in the work tree: folders are left out (but for one
		 * named like a file), links and submodules are listed so
		 * that read reports them */
		if (m == GIT_FILEMODE_TREE) {
			const char *nm = git_tree_entry_name(te);
			size_t l = strlen(nm);

			if (l <= 3 || strcmp(nm + l - 3, ".md"))
				continue;
		}
		*names = xgrow(*names, &alloc, *n + 1, sizeof(**names));
		(*names)[(*n)++] = xstrdup(git_tree_entry_name(te));
	}
	if (*n)   /* qsort(NULL, 0, ...) is undefined */
		qsort(*names, *n, sizeof(**names), cmp_name);
	git_tree_free(t);
	git_tree_entry_free(e);
	free(full);
	return 0;
}

static void
rev_release(struct source *s)
{
	struct revsrc *v = s->ctx;

	if (!v)
		return;
	git_tree_free(v->tree);
	free(v->relroot);
	free(v);
	s->ctx = NULL;
}

int
repo_source_rev(struct repo *r, struct source *out, const char *rev,
		const char *relroot, struct diag_list *errs)
{
	git_object *obj = NULL, *tree = NULL;
	struct revsrc *v;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = git_revparse_single(&obj, r->git, rev);
	if (rc < 0) {
		if (git_repository_is_shallow(r->git) == 1) {
			git_error_clear();
			return diag_error(errs, DK_ENOTFOUND, "revision '%s' is not in this shallow clone; fetch more history (git fetch --deepen=100, or git fetch --unshallow)",
				 rev);
		}
		return fail(errs, DK_ENOTFOUND, "unknown revision");
	}
	rc = git_object_peel(&tree, obj, GIT_OBJECT_TREE);
	git_object_free(obj);
	if (rc < 0)
		return fail(errs, DK_ENOTFOUND, "revision does not name a commit or tree");
	v = xcalloc(1, sizeof(*v));
	v->r = r;
	v->git = r->git;
	v->tree = (git_tree *)tree;
	v->relroot = xstrdup(relroot ? relroot : "");
	out->ctx = v;
	out->read = rev_read;
	out->list = rev_list;
	out->release = rev_release;
	out->threadsafe = 0;
	return 0;
}

char *
repo_git_path(struct repo *r, const char *name, int common)
{
	const char *gd = common ? git_repository_commondir(r->git) :
			 git_repository_path(r->git);
	size_t n = strlen(gd);

	return xasprintf("%s%s%s", gd, n && gd[n - 1] == '/' ? "" : "/", name);
}

char *
repo_draft_path(struct repo *r, const char *id)
{
	char *name = xasprintf("docket/drafts/%s.md", id);
	char *path = repo_git_path(r, name, 0);

	free(name);
	return path;
}
