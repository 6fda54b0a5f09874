/*
 * sync.c: `git merge REV` through libgit2 with docket's ORDER driver
 * (see sync.h).
 */
#include "core/sync.h"

#include <git2.h>
#include <git2/sys/merge.h>
#include <stdlib.h>
#include <string.h>

#include "core/fsutil.h"
#include "core/hook.h"
#include "core/merge_order.h"
#include "core/sbuf.h"
#include "core/xalloc.h"

#define DRIVER_NAME "docket-order"

static int
git_fail(struct diag_list *errs, int code, const char *what)
{
	const git_error *e = git_error_last();
	int rc = diag_error(errs, code, "%s%s%s", what, e && e->message ? ": " : "",
			    e && e->message ? e->message : "");

	git_error_clear();
	return rc;
}

/*
 * The upstream from branch.NAME.remote and branch.NAME.merge, read by
 * key (git_branch_upstream goes through libgit2's config iterators,
 * whose regular expressions leak): "REMOTE/BRANCH" when
 * refs/remotes/REMOTE/BRANCH exists (the default fetch refspec), the
 * local BRANCH for remote ".".
 */
int
sync_upstream(struct repo *r, char **name, struct diag_list *errs)
{
	git_reference *head = NULL;
	git_config *cfg = NULL;
	const char *branch, *remote = NULL, *merge = NULL;
	char *key = NULL, *ref = NULL;
	int rc = 0;

	*name = NULL;
	if (git_repository_head(&head, r->git) < 0 || !git_reference_is_branch(head)) {
		git_error_clear();
		git_reference_free(head);
		return diag_error(errs, DK_ENOTFOUND,
				  "HEAD is not on a branch: name the revision to merge (docket sync origin/main)");
	}
	branch = git_reference_shorthand(head);
	if (git_repository_config_snapshot(&cfg, r->git) == 0) {
		key = xasprintf("branch.%s.remote", branch);
		if (git_config_get_string(&remote, cfg, key) < 0)
			remote = NULL;
		free(key);
		key = xasprintf("branch.%s.merge", branch);
		if (git_config_get_string(&merge, cfg, key) < 0)
			merge = NULL;
		free(key);
	}
	git_error_clear();
	if (remote && merge && !strncmp(merge, "refs/heads/", 11)) {
		git_oid id;

		if (!strcmp(remote, "."))
			ref = xstrdup(merge);
		else
			ref = xasprintf("refs/remotes/%s/%s", remote, merge + 11);
		if (git_reference_name_to_id(&id, r->git, ref) == 0)
			*name = xstrdup(!strcmp(remote, ".") ? merge + 11 : ref + 13);
		git_error_clear();
	}
	if (!*name)
		rc = diag_error(errs, DK_ENOTFOUND,
				"the branch %s has no upstream: name the revision to merge (docket sync origin/main), or set one (git branch --set-upstream-to=origin/main)",
				branch);
	free(ref);
	git_config_free(cfg);
	git_reference_free(head);
	return rc;
}

void
sync_out_release(struct sync_out *o)
{
	for (size_t i = 0; i < o->nconflicts; i++)
		free(o->conflicts[i]);
	free(o->conflicts);
	memset(o, 0, sizeof(*o));
}

/* ---------------------------------------------------------------------
 * The merge driver
 * ------------------------------------------------------------------- */

/* The blob of an index entry (NULL: none) as bytes; 0 or -1. */
static int
entry_bytes(git_repository *git, const git_index_entry *e, char **data,
	    size_t *len)
{
	*data = NULL;
	*len = 0;
	if (!e) {
		*data = xstrdup("");
		return 0;
	}
	return repo_blob_read(git, &e->id, LIMIT_ORDER, e->path, data, len, NULL);
}

static int
order_apply(git_merge_driver *self, const char **path_out, uint32_t *mode_out,
	    git_buf *merged_out, const char *filter_name,
	    const git_merge_driver_source *src)
{
	git_repository *git = git_merge_driver_source_repo(src);
	const git_index_entry *a = git_merge_driver_source_ancestor(src);
	const git_index_entry *o = git_merge_driver_source_ours(src);
	const git_index_entry *t = git_merge_driver_source_theirs(src);
	char *bd = NULL, *od = NULL, *td = NULL;
	size_t bl, ol, tl;
	struct sbuf out = SBUF_INIT;
	struct diag_list quiet = DIAG_LIST_INIT;
	int rc;

	(void)self;
	(void)filter_name;
	if (!o || !t)
		return GIT_EMERGECONFLICT;      /* added or deleted on one side */
	if (entry_bytes(git, a, &bd, &bl) || entry_bytes(git, o, &od, &ol) ||
	    entry_bytes(git, t, &td, &tl)) {
		rc = GIT_EMERGECONFLICT;
		goto done;
	}
	rc = merge_order(bd, bl, od, ol, td, tl, &out, &quiet);
	if (rc == 0) {
		*path_out = o->path;
		*mode_out = o->mode;
		rc = git_buf_set(merged_out, out.buf, out.len) < 0 ? -1 : 0;
	} else {
		rc = GIT_EMERGECONFLICT;
	}
done:
	free(bd);
	free(od);
	free(td);
	sbuf_release(&out);
	diag_list_release(&quiet);
	return rc;
}

static git_merge_driver order_driver = {
	GIT_MERGE_DRIVER_VERSION, NULL, NULL, order_apply,
};

/* Write ORDER's conflict in docket's form (ours, theirs and the base
 * from the index's stages). */
static int
write_order_conflict(struct repo *r, git_index *idx, const char *order_path,
		     struct diag_list *errs)
{
	const git_index_entry *a = NULL, *o = NULL, *t = NULL;
	char *bd = NULL, *od = NULL, *td = NULL, *full;
	size_t bl, ol, tl;
	struct sbuf out = SBUF_INIT;
	struct diag_list quiet = DIAG_LIST_INIT;
	int rc = 0;

	if (git_index_conflict_get(&a, &o, &t, idx, order_path) < 0 || !o || !t) {
		git_error_clear();
		return 0;       /* added or deleted on a side: git's form stays */
	}
	if (entry_bytes(r->git, a, &bd, &bl) || entry_bytes(r->git, o, &od, &ol) ||
	    entry_bytes(r->git, t, &td, &tl)) {
		rc = diag_error(errs, DK_EIO, "cannot read the versions of %s", order_path);
		goto done;
	}
	if (merge_order(bd, bl, od, ol, td, tl, &out, &quiet) == 0) {
		sbuf_reset(&out);       /* cannot be: it conflicted */
		merge_order_both(od, ol, td, tl, &out);
	}
	full = xasprintf("%s/%s", r->workdir, order_path);
	rc = fsutil_write_atomic(full, out.buf, out.len, errs);
	free(full);
done:
	free(bd);
	free(od);
	free(td);
	sbuf_release(&out);
	diag_list_release(&quiet);
	return rc;
}

/* ---------------------------------------------------------------------
 * The merge
 * ------------------------------------------------------------------- */

static int
has_driver(struct repo *r, const char *order_path)
{
	const char *v = NULL;
	int ok = git_attr_get(&v, r->git, 0, order_path, "merge") == 0 &&
		 git_attr_value(v) == GIT_ATTR_VALUE_STRING &&
		 !strcmp(v, DRIVER_NAME);

	git_error_clear();
	return ok;
}

/* git's message: "Merge remote-tracking branch 'origin/main' into x". */
static char *
merge_message(struct repo *r, const char *rev)
{
	git_reference *ref = NULL, *head = NULL;
	struct sbuf sb = SBUF_INIT;
	const char *kind = "commit";

	if (git_reference_dwim(&ref, r->git, rev) == 0)
		kind = git_reference_is_remote(ref) ? "remote-tracking branch" :
		       git_reference_is_branch(ref) ? "branch" :
		       git_reference_is_tag(ref) ? "tag" : "commit";
	git_error_clear();
	sbuf_addf(&sb, "Merge %s '%s'", kind, rev);
	if (git_repository_head(&head, r->git) == 0 && git_reference_is_branch(head)) {
		const char *b = git_reference_shorthand(head);

		if (strcmp(b, "main") && strcmp(b, "master"))
			sbuf_addf(&sb, " into %s", b);
	}
	git_error_clear();
	sbuf_addc(&sb, '\n');
	git_reference_free(ref);
	git_reference_free(head);
	return sbuf_detach(&sb, NULL);
}

static int
fast_forward(struct repo *r, const git_annotated_commit *ac, const char *rev,
	     struct sync_out *out, struct diag_list *errs)
{
	git_checkout_options co = GIT_CHECKOUT_OPTIONS_INIT;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	char *log;
	int rc;

	co.checkout_strategy = GIT_CHECKOUT_SAFE;
	if (git_commit_lookup(&c, r->git, git_annotated_commit_id(ac)) < 0 ||
	    git_commit_tree(&tree, c) < 0) {
		rc = git_fail(errs, DK_EIO, "cannot read the revision to merge");
		goto done;
	}
	if (git_checkout_tree(r->git, (git_object *)tree, &co) < 0) {
		rc = git_fail(errs, DK_EREFUSED,
			      "cannot fast-forward without overwriting local changes (commit or stash them first)");
		goto done;
	}
	log = xasprintf("merge %s: Fast-forward", rev);
	rc = repo_head_move(r, git_annotated_commit_id(ac), log, errs);
	free(log);
	if (!rc) {
		out->result = SYNC_FAST_FORWARD;
		git_oid_tostr(out->commit, 8, git_annotated_commit_id(ac));
	}
done:
	git_tree_free(tree);
	git_commit_free(c);
	return rc;
}

static void
list_conflicts(git_index *idx, struct sync_out *out)
{
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *a, *o, *t;
	size_t alloc = 0;

	if (git_index_conflict_iterator_new(&it, idx) < 0) {
		git_error_clear();
		return;
	}
	while (git_index_conflict_next(&a, &o, &t, it) == 0) {
		const char *p = o ? o->path : t ? t->path : a->path;

		out->conflicts = xgrow(out->conflicts, &alloc, out->nconflicts + 1,
				       sizeof(*out->conflicts));
		out->conflicts[out->nconflicts++] = xstrdup(p);
	}
	git_error_clear();
	git_index_conflict_iterator_free(it);
}

/* The hooks and the two-parent commit of a clean merge. */
static int
merge_commit(struct repo *r, const char *rev, const git_oid *theirs,
	     int no_verify, struct sync_out *out, struct diag_list *errs)
{
	struct hook_commit hk;
	git_index *idx = NULL;
	git_oid tree, id;
	char *msg = merge_message(r, rev), *msgfile = NULL, *text = NULL, *log;
	size_t len;
	int rc;

	hook_commit_init(&hk, r, no_verify);
	if (!no_verify && (rc = hook_run_plain(r, "pre-merge-commit", NULL, errs)))
		goto refused;
	msgfile = repo_git_path(r, "MERGE_MSG", 0);
	if ((rc = fsutil_write_atomic(msgfile, msg, strlen(msg), errs)))
		goto done;
	if ((rc = hook_commit_message(&hk, msgfile, "merge", errs)))
		goto refused;
	if (fsutil_read(msgfile, LIMIT_GIT_FILE, 0, &text, &len, errs)) {
		rc = DK_EIO;
		goto done;
	}
	if (git_repository_index(&idx, r->git) < 0 || git_index_read(idx, 0) < 0 ||
	    git_index_write_tree(&tree, idx) < 0) {
		rc = git_fail(errs, DK_EIO, "cannot write the merge's tree");
		goto done;
	}
	if ((rc = repo_commit_merge(r, &tree, theirs, hk.message ? hk.message : text,
				    &id, errs)))
		goto done;
	log = xasprintf("merge %s: Merge made by docket sync.", rev);
	rc = repo_head_move(r, &id, log, errs);
	free(log);
	if (rc)
		goto done;
	git_repository_state_cleanup(r->git);
	out->result = SYNC_MERGED;
	git_oid_tostr(out->commit, 8, &id);
	{
		const char *args[] = { "0", NULL };
		struct diag_list ignored = DIAG_LIST_INIT;

		hook_run_plain(r, "post-merge", args, &ignored);
		diag_list_release(&ignored);
	}
	goto done;
refused:
	if (rc == DK_EREFUSED) {
		out->result = SYNC_HOOK_REFUSED;
		rc = 0;
	}
done:
	hook_commit_release(&hk);
	git_index_free(idx);
	free(text);
	free(msgfile);
	free(msg);
	return rc;
}

int
sync_run(struct repo *r, const char *rev, const char *order_path, int no_verify,
	 struct sync_out *out, struct diag_list *errs)
{
	git_annotated_commit *ac = NULL;
	git_merge_analysis_t an;
	git_merge_preference_t pref;
	git_merge_options mo = GIT_MERGE_OPTIONS_INIT;
	git_checkout_options co = GIT_CHECKOUT_OPTIONS_INIT;
	git_index *idx = NULL;
	int rc = 0, registered = 0;

	memset(out, 0, sizeof(*out));
	if (!r->workdir)
		return diag_error(errs, DK_EREFUSED, "cannot merge in a bare repository");
	if (git_annotated_commit_from_revspec(&ac, r->git, rev) < 0)
		return git_fail(errs, DK_ENOTFOUND, "unknown revision");
	if (git_merge_analysis(&an, &pref, r->git, (const git_annotated_commit **)&ac,
			       1) < 0) {
		rc = git_fail(errs, DK_EIO, "cannot compare HEAD with the revision");
		goto done;
	}
	if (an & GIT_MERGE_ANALYSIS_UP_TO_DATE) {
		out->result = SYNC_UP_TO_DATE;
		goto done;
	}
	if ((an & (GIT_MERGE_ANALYSIS_FASTFORWARD | GIT_MERGE_ANALYSIS_UNBORN)) &&
	    !(pref & GIT_MERGE_PREFERENCE_NO_FASTFORWARD)) {
		if (!(rc = fast_forward(r, ac, rev, out, errs))) {
			const char *args[] = { "0", NULL };
			struct diag_list ignored = DIAG_LIST_INIT;

			hook_run_plain(r, "post-merge", args, &ignored);
			diag_list_release(&ignored);
		}
		goto done;
	}
	if (!has_driver(r, order_path)) {
		rc = diag_error(errs, DK_EREFUSED,
				"%s has no merge driver in .gitattributes: add the line '%s merge=docket-order' (docket init writes it) and commit it, then run docket sync again",
				order_path, order_path);
		goto done;
	}
	if (git_merge_driver_register(DRIVER_NAME, &order_driver) == 0)
		registered = 1;
	git_error_clear();
	co.checkout_strategy = GIT_CHECKOUT_SAFE | GIT_CHECKOUT_ALLOW_CONFLICTS;
	if (git_merge(r->git, (const git_annotated_commit **)&ac, 1, &mo, &co) < 0) {
		rc = git_fail(errs, DK_EREFUSED,
			      "cannot merge without overwriting local changes (commit or stash them first)");
		git_repository_state_cleanup(r->git);
		goto done;
	}
	if (git_repository_index(&idx, r->git) < 0 || git_index_read(idx, 0) < 0) {
		rc = git_fail(errs, DK_EIO, "cannot read git's index after the merge");
		goto done;
	}
	if (git_index_has_conflicts(idx)) {
		list_conflicts(idx, out);
		out->result = SYNC_CONFLICT;
		if (git_index_get_bypath(idx, order_path, 2)) {
			out->order_conflict = 1;
			rc = write_order_conflict(r, idx, order_path, errs);
		}
		{       /* MERGE_MSG for `git commit` */
			char *msg = merge_message(r, rev), *mf = repo_git_path(r, "MERGE_MSG", 0);
			struct diag_list quiet = DIAG_LIST_INIT;

			fsutil_write_atomic(mf, msg, strlen(msg), &quiet);
			diag_list_release(&quiet);
			free(mf);
			free(msg);
		}
		goto done;
	}
	rc = merge_commit(r, rev, git_annotated_commit_id(ac), no_verify, out, errs);
done:
	if (registered)
		git_merge_driver_unregister(DRIVER_NAME);
	git_error_clear();
	git_index_free(idx);
	git_annotated_commit_free(ac);
	return rc;
}
