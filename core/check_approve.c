/*
 * check_approve.c: who may stand behind a change of ORDER that an owner
 * did not author (owner-order; docs/hosting.md).
 *
 * An owner approves the ORDER of a branch as it stands with `docket
 * approve`: a commit of theirs whose message holds the line
 *
 *   Approved-order: <ORDER's blob id> by <owner e-mail>
 *
 * The line counts anywhere in a message (git's trailer parser reads
 * only the last paragraph; a squash puts it in the middle) when ORDER
 * in that commit is the blob it names (an approval of another ORDER is
 * stale) and the commit is authored by that e-mail, or itself changed
 * ORDER to that blob: a squash of the approval with the changes it
 * covers, which keeps the proposer as author.  It covers the changes of
 * ORDER that led to it: the commit itself and its ancestors in the
 * range.  A merge commit covers the changes it brought in: those
 * reachable from a parent other than the first and not from the first.
 *
 * This only collects; check__owner_order decides with docket.yaml's
 * owners.  git authorship is self-declared: the host's CODEOWNERS with
 * a required review is the enforcement, this is the check that runs
 * everywhere.
 */
#include "core/check_int.h"

#include <ctype.h>
#include <git2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/repo.h"
#include "core/xalloc.h"

/* ORDER's blob in commit c: 1 and *out, or 0. */
static int
order_blob(git_commit *c, const char *path, git_oid *out)
{
	git_tree *t = NULL;
	git_tree_entry *e = NULL;
	int found = 0;

	if (git_commit_tree(&t, c) == 0 && git_tree_entry_bypath(&e, t, path) == 0) {
		git_oid_cpy(out, git_tree_entry_id(e));
		found = 1;
	}
	git_error_clear();
	git_tree_entry_free(e);
	git_tree_free(t);
	return found;
}

/* Is commit a equal to, or a descendant of, commit c? */
static int
covers(git_repository *git, const git_oid *a, const git_oid *c)
{
	int r;

	if (git_oid_equal(a, c))
		return 1;
	r = git_graph_descendant_of(git, a, c);
	git_error_clear();
	return r == 1;
}

static void
add_approver(struct check_order_commit *oc, const char *name, const char *email,
	     const git_oid *via, int merge)
{
	struct check_approver *ap;

	oc->approvers = xrealloc(oc->approvers,
				 (oc->napprovers + 1) * sizeof(*oc->approvers));
	ap = &oc->approvers[oc->napprovers++];
	ap->name = name ? xstrdup(name) : NULL;
	ap->email = xstrdup(email ? email : "");
	git_oid_tostr(ap->via, 8, via);
	ap->merge = merge;
}

static int
is_order_commit(const struct check_base *b, const git_oid *id)
{
	for (size_t i = 0; i < b->ncommits; i++)
		if (!memcmp(b->commits[i].oid, id->id, sizeof(b->commits[i].oid)))
			return 1;
	return 0;
}

/*
 * The next "Approved-order: HEX by EMAIL" line of msg from *p on: 1 with
 * hex and email set, 0 when there is none.
 */
static int
next_approval(const char **p, char hex[GIT_OID_HEXSZ + 1], char *email,
	      size_t elen)
{
	static const char key[] = "Approved-order:";

	while (**p) {
		const char *line = *p, *nl = strchr(line, '\n');
		const char *end = nl ? nl : line + strlen(line), *s = line, *e;
		size_t n;

		*p = nl ? nl + 1 : end;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		if ((size_t)(end - s) < sizeof(key) - 1 ||
		    strncasecmp(s, key, sizeof(key) - 1))
			continue;
		s += sizeof(key) - 1;
		while (s < end && *s == ' ')
			s++;
		for (n = 0; n < GIT_OID_HEXSZ && s + n < end && isxdigit((unsigned char)s[n]); n++)
			;
		if (n != GIT_OID_HEXSZ || end - (s + n) < 5 || strncmp(s + n, " by ", 4))
			continue;
		memcpy(hex, s, GIT_OID_HEXSZ);
		hex[GIT_OID_HEXSZ] = '\0';
		s += n + 4;
		while (s < end && *s == ' ')
			s++;
		if (*s == '<')
			s++;
		for (e = s; e < end && *e != ' ' && *e != '>' && *e != '\r'; e++)
			;
		if (e == s || (size_t)(e - s) >= elen)
			continue;
		memcpy(email, s, (size_t)(e - s));
		email[e - s] = '\0';
		return 1;
	}
	return 0;
}

void
check__approvals(struct check_base *b, struct repo *r, const git_oid *list,
		 size_t n, const char *order_path)
{
	git_repository *git = r->git;

	for (size_t i = 0; i < n; i++) {
		git_commit *c = NULL;
		const git_signature *au;
		const char *msg, *p;
		char hex[GIT_OID_HEXSZ + 1], email[320];
		unsigned np;

		if (git_commit_lookup(&c, git, &list[i]) < 0) {
			git_error_clear();
			continue;
		}
		au = git_commit_author(c);
		msg = git_commit_message(c);
		p = msg ? msg : "";
		while (next_approval(&p, hex, email, sizeof(email))) {
			git_oid named, now;

			if (git_oid_fromstr(&named, hex) < 0 ||
			    !order_blob(c, order_path, &now) || !git_oid_equal(&named, &now)) {
				git_error_clear();
				continue;       /* another ORDER's approval: stale */
			}
			if (!(au && au->email && !strcasecmp(au->email, email)) &&
			    !is_order_commit(b, &list[i]))
				continue;
			for (size_t k = 0; k < b->ncommits; k++) {
				git_oid cid;

				memcpy(cid.id, b->commits[k].oid, sizeof(cid.id));
				if (covers(git, &list[i], &cid))
					add_approver(&b->commits[k], NULL, email, &list[i], 0);
			}
		}
		np = git_commit_parentcount(c);
		for (unsigned pi = 1; pi < np && au; pi++) {
			const git_oid *first = git_commit_parent_id(c, 0);
			const git_oid *other = git_commit_parent_id(c, pi);

			for (size_t k = 0; k < b->ncommits && first && other; k++) {
				git_oid cid;

				memcpy(cid.id, b->commits[k].oid, sizeof(cid.id));
				if (covers(git, other, &cid) && !covers(git, first, &cid))
					add_approver(&b->commits[k], au->name, au->email,
						     &list[i], 1);
			}
		}
		git_commit_free(c);
	}
}
