/*
 * repo_commit.c: the steps of a commit (see repo.h): the commit object
 * built from HEAD's tree plus exactly the paths docket changed (tree
 * builders along those paths, never the index, so that whatever the user
 * has staged stays staged and out of docket's commit), then those paths'
 * index entries, then the branch; and the identity a commit is made
 * with.  core/change_commit.c runs the steps in a safe order.
 */
#include "core/repo.h"

#include <errno.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/date.h"
#include "core/diag.h"
#include "core/sbuf.h"
#include "core/text.h"
#include "core/xalloc.h"

/* ---------------------------------------------------------------------
 * Committing
 * ------------------------------------------------------------------- */

static int
parse_tz(const char *s, int *minutes)
{
	int sign, h, m;

	if (!strcmp(s, "Z") || !strcmp(s, "z")) {
		*minutes = 0;
		return 0;
	}
	if (*s != '+' && *s != '-')
		return -1;
	sign = *s == '-' ? -1 : 1;
	if (sscanf(s + 1, "%2d:%2d", &h, &m) == 2 ||
	    sscanf(s + 1, "%2d%2d", &h, &m) == 2) {
		*minutes = sign * (h * 60 + m);
		return 0;
	}
	return -1;
}

/* Parse git's date forms: "@1700000000 +0100", "1700000000 +0100",
 * "2026-11-20T10:00:00Z", "2026-11-20 10:00:00 +0100". */
static int
parse_git_date(const char *s, git_time_t *t, int *offset)
{
	long long epoch;
	int y, mo, d, h, mi, sec, n = 0;
	char tz[16] = "";

	if (*s == '@')
		s++;
	if (sscanf(s, "%lld%n %15s", &epoch, &n, tz) >= 1 &&
	    (s[n] == ' ' || !s[n]) && !strchr(s, ':')) {
		*t = (git_time_t)epoch;
		*offset = 0;
		n = 0;
		if (*tz && parse_tz(tz, offset))
			return -1;
		return 0;
	}
	if (sscanf(s, "%4d-%2d-%2d%*1[T ]%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi,
		   &sec, &n) != 6)
		return -1;
	s += n;
	while (*s == ' ')
		s++;
	*offset = 0;
	if (*s && parse_tz(s, offset))
		return -1;
	*t = (git_time_t)((long long)date_from_civil(y, mo, d) * 86400 + h * 3600 +
			  mi * 60 + sec - *offset * 60);
	return 0;
}

/* The signature of who ("AUTHOR", "COMMITTER") as git makes it; date,
 * when not NULL, stands for GIT_<who>_DATE. */
static int
make_sig(struct repo *r, git_signature **out, const char *who,
	 const char *date_given, struct diag_list *errs)
{
	char kn[32], ke[32], kd[32];
	const char *name, *email, *date;
	git_signature *def = NULL;
	int rc;

	snprintf(kn, sizeof(kn), "GIT_%s_NAME", who);
	snprintf(ke, sizeof(ke), "GIT_%s_EMAIL", who);
	snprintf(kd, sizeof(kd), "GIT_%s_DATE", who);
	name = getenv(kn);
	email = getenv(ke);
	date = date_given ? date_given : getenv(kd);
	if (!name || !email) {
		rc = git_signature_default(&def, r->git);
		if (rc < 0) {
			git_error_clear();
			return diag_error(errs, DK_EREFUSED, "git does not know who you are; set your name and email:\n"
				 "  git config --global user.name \"Your Name\"\n"
				 "  git config --global user.email you@example.com");
		}
		if (!name)
			name = def->name;
		if (!email)
			email = def->email;
	}
	if (date && *date) {
		git_time_t t;
		int off;

		if (parse_git_date(date, &t, &off) == 0)
			rc = git_signature_new(out, name, email, t, off);
		else
			rc = git_signature_now(out, name, email);
	} else {
		rc = git_signature_now(out, name, email);
	}
	git_signature_free(def);
	if (rc < 0)
		return repo_git_error(DK_EIO, "invalid author name or email", errs);
	return 0;
}

int
repo_check_identity(struct repo *r, struct diag_list *errs)
{
	git_signature *a = NULL, *c = NULL;
	int rc;

	if ((rc = make_sig(r, &a, "AUTHOR", NULL, errs)) == 0)
		rc = make_sig(r, &c, "COMMITTER", NULL, errs);
	git_signature_free(a);
	git_signature_free(c);
	return rc;
}

int
repo_identity(struct repo *r, char **name, char **email)
{
	git_signature *a = NULL;
	int rc;

	*name = *email = NULL;
	if ((rc = make_sig(r, &a, "AUTHOR", NULL, NULL)) == 0) {
		*name = xstrdup(a->name);
		*email = xstrdup(a->email);
	}
	git_signature_free(a);
	return rc;
}

int
repo_author(struct repo *r, char **name, char **email, char **date)
{
	git_signature *a = NULL;
	int rc, off;

	*name = *email = *date = NULL;
	if ((rc = make_sig(r, &a, "AUTHOR", NULL, NULL)) == 0) {
		off = a->when.offset < 0 ? -a->when.offset : a->when.offset;
		*name = xstrdup(a->name);
		*email = xstrdup(a->email);
		*date = xasprintf("@%lld %c%02d%02d", (long long)a->when.time,
				  a->when.offset < 0 ? '-' : '+', off / 60, off % 60);
	}
	git_signature_free(a);
	return rc;
}

static int
path_exists(struct repo *r, const char *rel)
{
	char *full = xasprintf("%s/%s", r->workdir, rel);
	struct stat st;
	int ok = lstat(full, &st) == 0;

	free(full);
	return ok;
}

/*
 * The commit's tree: HEAD's tree with only the changed paths replaced,
 * built with tree builders along those paths.  Only the folders on the
 * way are read and written (never the whole tree, as an index read from
 * HEAD would), and entries copied from HEAD are not looked up again.
 */
struct upd {
	const char *path;
	int del;
	git_oid id;
};

static int
cmp_upd(const void *a, const void *b)
{
	return strcmp(((const struct upd *)a)->path, ((const struct upd *)b)->path);
}

static int
update_tree(git_repository *repo, const git_tree *base, struct upd *u,
	    size_t n, size_t skip, git_oid *out, int *empty)
{
	git_treebuilder *bld = NULL;
	int rc;

	if ((rc = git_treebuilder_new(&bld, repo, base)) < 0)
		return rc;
	for (size_t i = 0; i < n && rc >= 0;) {
		const char *rest = u[i].path + skip, *slash = strchr(rest, '/');

		if (!slash) {
			const git_tree_entry *old = git_treebuilder_get(bld, rest);
			git_filemode_t mode = old &&
				git_tree_entry_filemode(old) == GIT_FILEMODE_BLOB_EXECUTABLE ?
				GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;

			if (u[i].del) {
				if (old)
					rc = git_treebuilder_remove(bld, rest);
			} else {
				rc = git_treebuilder_insert(NULL, bld, rest, &u[i].id, mode);
			}
			i++;
		} else {
			size_t len = (size_t)(slash - rest), j = i;
			char *name = xstrndup(rest, len);
			const git_tree_entry *old = git_treebuilder_get(bld, name);
			git_tree *sub = NULL;
			git_oid sid;
			int sub_empty = 0;

			while (j < n && !strncmp(u[j].path + skip, rest, len + 1))
				j++;
			if (old && git_tree_entry_filemode(old) == GIT_FILEMODE_COMMIT) {
				/* never replace a submodule by a plain folder */
				git_error_set_str(GIT_ERROR_INVALID,
						  "a submodule is on the way of a file to commit");
				rc = -1;
			} else if (old && git_tree_entry_type(old) == GIT_OBJECT_TREE &&
				   git_tree_lookup(&sub, repo, git_tree_entry_id(old)) < 0) {
				rc = -1;
			}
			if (rc >= 0)
				rc = update_tree(repo, sub, u + i, j - i, skip + len + 1,
						 &sid, &sub_empty);
			if (rc >= 0) {
				if (sub_empty)
					rc = old ? git_treebuilder_remove(bld, name) : 0;
				else
					rc = git_treebuilder_insert(NULL, bld, name, &sid,
								    GIT_FILEMODE_TREE);
			}
			git_tree_free(sub);
			free(name);
			i = j;
		}
	}
	if (rc >= 0) {
		*empty = git_treebuilder_entrycount(bld) == 0;
		rc = git_treebuilder_write(out, bld);
	}
	git_treebuilder_free(bld);
	return rc < 0 ? rc : 0;
}

/* The commit message with control and bidi characters escaped, line by
 * line (core/text.h): titles come from users and imports, and `git log`
 * shows a message raw on the terminal of whoever reads the history. */
static char *
safe_message(const char *message)
{
	struct sbuf sb = SBUF_INIT;
	const char *p = message;

	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		text_escape_term(&sb, p, n);
		if (!nl)
			break;
		sbuf_addc(&sb, '\n');
		p = nl + 1;
	}
	return sbuf_detach(&sb, NULL);
}

/* The blobs of the paths as the index at index_file holds them (a path
 * it lacks is removed from the commit). */
static int
index_blobs(const char *index_file, struct upd *upd,
	    size_t n, struct diag_list *errs)
{
	git_index *idx = NULL;

	if (git_index_open(&idx, index_file) < 0)
		return repo_git_error(DK_EIO, "cannot read the index the hooks left", errs);
	for (size_t i = 0; i < n; i++) {
		const git_index_entry *ie = git_index_get_bypath(idx, upd[i].path, 0);

		upd[i].del = !ie;
		if (ie)
			git_oid_cpy(&upd[i].id, &ie->id);
	}
	git_index_free(idx);
	return 0;
}

/* Does a git filter (crlf, ident, a filter= driver) apply to path when
 * it goes into the object database?  Then the committed blob is not the
 * written bytes' own. */
static int
filtered(git_repository *git, const char *path)
{
	git_filter_list *fl = NULL;
	int rc = git_filter_list_load(&fl, git, NULL, path, GIT_FILTER_TO_ODB,
				      GIT_FILTER_DEFAULT);

	git_error_clear();
	git_filter_list_free(fl);
	return rc < 0 || fl != NULL;
}

int
repo_commit_build(struct repo *r, const char *const *paths, size_t npaths,
		  const git_oid **ids,
		  const char *index_file, const char *author_date,
		  const char *message, struct repo_commit *out,
		  struct diag_list *errs)
{
	struct upd *upd = NULL;
	git_commit *parent = NULL;
	git_tree *ptree = NULL, *tree = NULL;
	git_signature *author = NULL, *committer = NULL;
	git_oid tree_id;
	int rc, empty = 0;
	char *safe = NULL;

	memset(out, 0, sizeof(*out));
	if (!r->workdir) {
		return diag_error(errs, DK_EREFUSED, "cannot commit in a bare repository");
	}
	/* the branch HEAD names ("HEAD" itself when detached) */
	if (!(out->ref = repo_head_ref(r))) {
		rc = repo_git_error(DK_EIO, "cannot read HEAD", errs);
		goto done;
	}
	rc = git_reference_name_to_id(&out->parent, r->git, "HEAD");
	if (rc == 0) {
		if ((rc = git_commit_lookup(&parent, r->git, &out->parent)) < 0 ||
		    (rc = git_commit_tree(&ptree, parent)) < 0) {
			rc = repo_git_error(DK_EIO, "cannot read HEAD", errs);
			goto done;
		}
		out->has_parent = 1;
	} else if (rc == GIT_ENOTFOUND) {
		git_error_clear();
	} else {
		rc = repo_git_error(DK_EIO, "cannot read HEAD", errs);
		goto done;
	}
	if ((rc = make_sig(r, &author, "AUTHOR", author_date, errs)) < 0 ||
	    (rc = make_sig(r, &committer, "COMMITTER", NULL, errs)) < 0)
		goto done;
	upd = xcalloc(npaths + 1, sizeof(*upd));
	for (size_t i = 0; i < npaths; i++)
		upd[i].path = paths[i];
	if (index_file && (rc = index_blobs(index_file, upd, npaths, errs)))
		goto done;
	for (size_t i = 0; i < npaths && ids; i++)
		if (ids[i] && (index_file || filtered(r->git, paths[i])))
			ids[i] = NULL;
	for (size_t i = 0; i < npaths && !index_file; i++) {
		upd[i].del = !path_exists(r, paths[i]);
		if (!upd[i].del && ids && ids[i])
			git_oid_cpy(&upd[i].id, ids[i]);
		else if (!upd[i].del &&
			 git_blob_create_from_workdir(&upd[i].id, r->git, paths[i]) < 0) {
			rc = repo_git_error(DK_EIO, "cannot store a file in git", errs);
			goto done;
		}
	}
	qsort(upd, npaths, sizeof(*upd), cmp_upd);
	if (update_tree(r->git, ptree, upd, npaths, 0, &tree_id, &empty) < 0 ||
	    git_tree_lookup(&tree, r->git, &tree_id) < 0) {
		rc = repo_git_error(DK_EIO, "cannot write the commit's tree", errs);
		goto done;
	}
	if (ptree && npaths && git_oid_equal(&tree_id, git_tree_id(ptree))) {
		rc = diag_error(errs, DK_EREFUSED, "nothing to commit");
		goto done;
	}
	safe = safe_message(message);
	/* the object only: no branch moves yet (repo_head_advance) */
	if (git_commit_create(&out->id, r->git, NULL, author, committer, NULL, safe,
			      tree, (size_t)out->has_parent,
			      (const git_commit **)&parent) < 0) {
		rc = repo_git_error(DK_EIO, "cannot create the commit", errs);
		goto done;
	}
	rc = 0;
done:
	if (rc)
		repo_commit_release(out);
	free(safe);
	free(upd);
	git_tree_free(tree);
	git_tree_free(ptree);
	git_commit_free(parent);
	git_signature_free(author);
	git_signature_free(committer);
	return rc;
}

void
repo_commit_release(struct repo_commit *c)
{
	free(c->ref);
	memset(c, 0, sizeof(*c));
}

void
repo_commit_short(const struct repo_commit *c, char *out, size_t len)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), &c->id);
	snprintf(out, len, "%.7s", hex);
}

/* git_index_write, with the system's reason when a write failed (a
 * full disk, a file-size limit): libgit2's own message is then often
 * an unrelated earlier one. */
static int
index_write(git_index *idx, struct diag_list *errs)
{
	int e;

	errno = 0;
	if (git_index_write(idx) == 0)
		return 0;
	e = errno;
	if (e == ENOSPC || e == EFBIG || e == EDQUOT || e == EIO || e == EROFS ||
	    e == EACCES || e == EPERM) {
		git_error_clear();
		return diag_error(errs, DK_EIO, "cannot write git's index: %s",
			 strerror(e));
	}
	return repo_git_error(DK_EIO, "cannot write git's index", errs);
}

/*
 * The index entry of a file just written whose blob is known, as
 * git_index_add_bypath would make it without hashing the file again:
 * its stat data and the mode 100644.  Only for a regular file without
 * an execute bit whose entry (if any) is 100644 already, where every
 * core.filemode and core.symlinks setting gives that mode; 1 when made.
 */
static int
known_entry(struct repo *r, git_index *idx, const char *path, const git_oid *id,
	    git_index_entry *ie)
{
	const git_index_entry *old = git_index_get_bypath(idx, path, 0);
	char *full = xasprintf("%s/%s", r->workdir, path);
	struct stat st;
	int ok = lstat(full, &st) == 0 && S_ISREG(st.st_mode) &&
		 !(st.st_mode & 0111) && (!old || old->mode == GIT_FILEMODE_BLOB);

	free(full);
	if (!ok)
		return 0;
	memset(ie, 0, sizeof(*ie));
	ie->ctime.seconds = (int32_t)st.st_ctime;
	ie->ctime.nanoseconds = (uint32_t)st.st_ctim.tv_nsec;
	ie->mtime.seconds = (int32_t)st.st_mtime;
	ie->mtime.nanoseconds = (uint32_t)st.st_mtim.tv_nsec;
	/* (libgit2 stores st_rdev there, and git ignores it by default) */
	ie->dev = (uint32_t)st.st_rdev;
	ie->ino = (uint32_t)st.st_ino;
	ie->mode = GIT_FILEMODE_BLOB;
	ie->uid = (uint32_t)st.st_uid;
	ie->gid = (uint32_t)st.st_gid;
	ie->file_size = (uint32_t)st.st_size;
	ie->path = path;
	git_oid_cpy(&ie->id, id);
	return 1;
}

int
repo_index_take(struct repo *r, const char *const *paths, size_t npaths,
		const git_oid *const *ids, struct diag_list *errs)
{
	git_index *idx = NULL;
	int rc = 0;

	if (git_repository_index(&idx, r->git) < 0 || git_index_read(idx, 0) < 0) {
		rc = repo_git_error(DK_EIO, "cannot read git's index", errs);
		goto done;
	}
	for (size_t i = 0; i < npaths; i++) {
		git_index_entry ie;
		int e = ids && ids[i] && known_entry(r, idx, paths[i], ids[i], &ie) ?
			git_index_add(idx, &ie) :
			path_exists(r, paths[i]) ?
			git_index_add_bypath(idx, paths[i]) :
			git_index_remove_bypath(idx, paths[i]);

		if (e < 0) {
			rc = repo_git_error(DK_EIO, "cannot update git's index", errs);
			goto done;
		}
	}
	rc = index_write(idx, errs);
done:
	git_index_free(idx);
	return rc;
}

int
repo_index_reset(struct repo *r, const struct git_oid *commit, int has_commit,
		 const char *const *paths, size_t npaths,
		  struct diag_list *errs)
{
	git_index *idx = NULL;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	int rc = 0;

	if (git_repository_index(&idx, r->git) < 0 || git_index_read(idx, 0) < 0 ||
	    (has_commit && (git_commit_lookup(&c, r->git, commit) < 0 ||
			    git_commit_tree(&tree, c) < 0))) {
		rc = repo_git_error(DK_EIO, "cannot read git's index", errs);
		goto done;
	}
	for (size_t i = 0; i < npaths; i++) {
		git_tree_entry *te = NULL;
		int e;

		if (tree && git_tree_entry_bypath(&te, tree, paths[i]) == 0) {
			git_index_entry ie;

			memset(&ie, 0, sizeof(ie));
			ie.mode = git_tree_entry_filemode(te);
			ie.path = paths[i];
			git_oid_cpy(&ie.id, git_tree_entry_id(te));
			e = git_index_add(idx, &ie);
			git_tree_entry_free(te);
		} else {
			git_error_clear();
			e = git_index_remove_bypath(idx, paths[i]);
		}
		if (e < 0) {
			rc = repo_git_error(DK_EIO, "cannot update git's index", errs);
			goto done;
		}
	}
	rc = index_write(idx, errs);
done:
	git_tree_free(tree);
	git_commit_free(c);
	git_index_free(idx);
	return rc;
}

int
repo_head_advance(struct repo *r, const struct repo_commit *c,
		  struct diag_list *errs)
{
	git_reference *ref = NULL;
	git_commit *commit = NULL;
	char *log;
	int rc;

	if (git_commit_lookup(&commit, r->git, &c->id) < 0)
		return repo_git_error(DK_EIO, "cannot read the new commit", errs);
	/* git's own reflog line */
	log = xasprintf("commit%s: %s", c->has_parent ? "" : " (initial)",
			git_commit_summary(commit) ? git_commit_summary(commit) : "");
	if (c->has_parent)
		rc = git_reference_create_matching(&ref, r->git, c->ref, &c->id, 1,
						   &c->parent, log);
	else
		rc = git_reference_create(&ref, r->git, c->ref, &c->id, 0, log);
	free(log);
	git_commit_free(commit);
	git_reference_free(ref);
	if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS) {
		git_error_clear();
		return diag_error(errs, DK_ECONFLICT, "%s moved while docket was committing (another commit was made)",
			 c->ref);
	}
	if (rc == GIT_ELOCKED) {
		git_error_clear();
		return diag_error(errs, DK_EREFUSED, "the branch is locked (%s.lock exists in the git folder): another git process is running; if none is, remove that file",
			 c->ref);
	}
	if (rc < 0)
		return repo_git_error(DK_EIO, "cannot update the branch", errs);
	return 0;
}

int
repo_head_move(struct repo *r, const git_oid *to, const char *log,
	       struct diag_list *errs)
{
	git_reference *head = NULL, *ref = NULL;
	git_oid old;
	int rc;

	if (git_reference_lookup(&head, r->git, "HEAD") < 0)
		return repo_git_error(DK_EIO, "cannot read HEAD", errs);
	if (git_reference_type(head) == GIT_REFERENCE_SYMBOLIC) {
		const char *name = git_reference_symbolic_target(head);

		if (git_reference_name_to_id(&old, r->git, name) == 0)
			rc = git_reference_create_matching(&ref, r->git, name, to, 1,
							   &old, log);
		else
			rc = git_reference_create(&ref, r->git, name, to, 0, log);
	} else {
		rc = git_reference_set_target(&ref, head, to, log);
	}
	git_reference_free(ref);
	git_reference_free(head);
	if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS) {
		git_error_clear();
		return diag_error(errs, DK_ECONFLICT, "the branch moved meanwhile (another commit was made)");
	}
	return rc < 0 ? repo_git_error(DK_EIO, "cannot update the branch", errs) : 0;
}

int
repo_commit_merge(struct repo *r, const git_oid *tree_id, const git_oid *theirs,
		  const char *message, git_oid *out, struct diag_list *errs)
{
	git_commit *parents[2] = { NULL, NULL };
	git_tree *tree = NULL;
	git_signature *author = NULL, *committer = NULL;
	git_oid head;
	char *safe = NULL;
	int rc;

	if ((rc = make_sig(r, &author, "AUTHOR", NULL, errs)) < 0 ||
	    (rc = make_sig(r, &committer, "COMMITTER", NULL, errs)) < 0)
		goto done;
	if (git_reference_name_to_id(&head, r->git, "HEAD") < 0 ||
	    git_commit_lookup(&parents[0], r->git, &head) < 0 ||
	    git_commit_lookup(&parents[1], r->git, theirs) < 0 ||
	    git_tree_lookup(&tree, r->git, tree_id) < 0) {
		rc = repo_git_error(DK_EIO, "cannot read the commits to merge", errs);
		goto done;
	}
	safe = safe_message(message);
	if (git_commit_create(out, r->git, NULL, author, committer, NULL, safe, tree,
			      2, (const git_commit **)parents) < 0)
		rc = repo_git_error(DK_EIO, "cannot create the merge commit", errs);
done:
	free(safe);
	git_tree_free(tree);
	git_commit_free(parents[0]);
	git_commit_free(parents[1]);
	git_signature_free(author);
	git_signature_free(committer);
	return rc;
}

int
repo_head_id(struct repo *r, struct git_oid *out, int *unborn,
	     struct diag_list *errs)
{
	int rc = git_reference_name_to_id(out, r->git, "HEAD");

	*unborn = 0;
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		memset(out, 0, sizeof(*out));
		*unborn = 1;
		return 0;
	}
	return rc < 0 ? repo_git_error(DK_EIO, "cannot read HEAD", errs) : 0;
}

char *
repo_head_ref(struct repo *r)
{
	git_reference *head = NULL;
	char *ref;

	if (git_reference_lookup(&head, r->git, "HEAD") < 0)
		return NULL;
	ref = xstrdup(git_reference_type(head) == GIT_REFERENCE_SYMBOLIC ?
		      git_reference_symbolic_target(head) : "HEAD");
	git_reference_free(head);
	return ref;
}

int
repo_head_blob(struct repo *r, const char *path, git_oid *out)
{
	git_object *obj = NULL;
	git_tree_entry *e = NULL;
	int found = 0;

	memset(out, 0, sizeof(*out));
	if (git_revparse_single(&obj, r->git, "HEAD^{tree}") == 0 &&
	    git_tree_entry_bypath(&e, (git_tree *)obj, path) == 0) {
		git_oid_cpy(out, git_tree_entry_id(e));
		found = 1;
	}
	git_error_clear();
	git_tree_entry_free(e);
	git_object_free(obj);
	return found;
}
