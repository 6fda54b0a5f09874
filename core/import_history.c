#include "core/import_history.h"

#include <git2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/history.h"
#include "core/strmap.h"
#include "core/xalloc.h"

int
import_history_is_import(const char *message, const char *tool)
{
	size_t tl = strlen(IMPORT_TRAILER), nl = strlen(tool);

	for (const char *p = message; p && *p;) {
		if (!strncmp(p, IMPORT_TRAILER, tl) && p[tl] == ':' && p[tl + 1] == ' ' &&
		    !strncmp(p + tl + 2, tool, nl) &&
		    (p[tl + 2 + nl] == ' ' || p[tl + 2 + nl] == '\n' || !p[tl + 2 + nl]))
			return 1;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return 0;
}

void
import_bases_release(struct import_bases *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->data[i]);
	free(b->data);
	free(b->len);
	memset(b, 0, sizeof(*b));
}

int
import_history_merged(const char *message, const char *id)
{
	size_t kl = strlen(IMPORT_MERGED), il = strlen(id);

	for (const char *p = message; p && *p;) {
		const char *e = strchr(p, '\n');

		if (!e)
			e = p + strlen(p);
		if (!strncmp(p, IMPORT_MERGED, kl) && p[kl] == ':') {
			for (const char *q = p + kl + 1; q < e;) {
				while (q < e && *q == ' ')
					q++;
				if ((size_t)(e - q) >= il && !strncmp(q, id, il) &&
				    (q + il == e || q[il] == ' '))
					return 1;
				while (q < e && *q != ' ')
					q++;
			}
		}
		p = *e ? e + 1 : e;
	}
	return 0;
}

/* The message of the walk's current commit (malloc'ed), or NULL. */
static char *
commit_message(struct repo *r, const char *hex)
{
	git_oid id;
	git_commit *c = NULL;
	char *m;

	if (git_oid_fromstr(&id, hex) || git_commit_lookup(&c, r->git, &id))
		return NULL;
	m = xstrdup(git_commit_message(c) ? git_commit_message(c) : "");
	git_commit_free(c);
	return m;
}

int
import_history_bases(struct import_bases *out, struct repo *r,
		     const char *items_rel, const char *tool,
		     const char *const *names, const char *const *alts,
		     size_t n, int want_seen, struct diag_list *errs)
{
	struct history_walk *w = NULL;
	const struct history_commit *c;
	struct strmap idx;
	char *final = xcalloc(n + 1, 1);    /* 1: a trailer base found */
	size_t pending = n;
	int rc, r2 = 0;

	memset(out, 0, sizeof(*out));
	out->n = n;
	out->data = xcalloc(n + 1, sizeof(*out->data));
	out->len = xcalloc(n + 1, sizeof(*out->len));
	if (!n && !want_seen) {
		free(final);
		return 0;
	}
	strmap_init(&idx);
	/* each name to its slot: 2i + 1, or 2i + 2 for its other name */
	for (size_t i = 0; i < n; i++) {
		strmap_put(&idx, names[i], strlen(names[i]), (void *)(uintptr_t)(2 * i + 1));
		if (alts && alts[i] && strcmp(alts[i], names[i]))
			strmap_put(&idx, alts[i], strlen(alts[i]),
				   (void *)(uintptr_t)(2 * i + 2));
	}
	rc = history_walk_new(&w, r, NULL, items_rel, 0, errs);
	while (!rc && (pending || (want_seen && !out->seen)) &&
	       (r2 = history_walk_next(w, &c)) == 1) {
		const struct history_change *v;
		size_t nv;
		int imp = -2;      /* not looked up yet */
		char *msg = NULL;

		if ((rc = history_walk_changes(w, &v, &nv)))
			break;
		if (want_seen && !out->seen) {
			msg = commit_message(r, c->id);
			imp = msg ? import_history_is_import(msg, tool) : -1;
			out->seen = imp == 1;
		}
		for (size_t k = 0; k < nv && pending; k++) {
			uintptr_t slot;
			size_t i;
			int alt;

			if (!v[k].new_id)
				continue;
			slot = (uintptr_t)strmap_get(&idx, v[k].name);
			if (!slot)
				continue;
			i = (size_t)(slot - 1) / 2;
			alt = (slot - 1) % 2;
			if (final[i])
				continue;
			if (imp == -2) {
				msg = commit_message(r, c->id);
				imp = msg ? import_history_is_import(msg, tool) : -1;
			}
			if (imp == 1) {
				/* written merged with edits made here: not what
				 * the source said; look further back */
				char *id = xmemdup0(names[i], strlen(names[i]) -
						    (strlen(names[i]) > 3 ? 3 : 0));
				int merged = import_history_merged(msg, id);

				free(id);
				if (merged)
					continue;
			} else if (v[k].kind != HC_ADDED || alt) {
				continue;
			}
			free(out->data[i]);
			out->data[i] = NULL;
			if ((rc = history_walk_read(w, v[k].new_id, &out->data[i],
						    &out->len[i], LIMIT_FILE)))
				break;
			if (imp == 1) {
				final[i] = 1;
				pending--;
			}
		}
		free(msg);
	}
	if (!rc && r2 < 0)
		rc = r2;
	history_walk_free(w);
	strmap_release(&idx);
	free(final);
	return rc;
}
