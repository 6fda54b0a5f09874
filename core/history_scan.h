/*
 * history_scan: reading the items folder's trees for the history walk
 * (core/history.c is its only user): where the folder is in a commit,
 * which of its files differ from the parent's, and a second thread that
 * works this out for one end of the commit chain while the walk reads
 * the other end.
 *
 * Trees are read raw (git_odb_read) and compared as bytes: libgit2's
 * parsed trees allocate an entry per file, and a commit changes a few
 * files of thousands, whose equal entries one memcmp skips.
 *
 * Threads: a struct hscan belongs to one thread (libgit2 objects are
 * not shared between threads), so the second thread opens its own
 * object database.  It reads only what the walk gave it when it started
 * and writes only its own results; the walk and the thread agree under
 * a mutex on which end of the chain each one takes, so every commit is
 * worked out once.  The results only fill the walk's cache: whatever
 * the thread did not finish (or failed on) the walk does itself, with
 * its own error messages.  DOCKET_HISTORY_THREADS=1 turns the thread
 * off, =2 starts it even for a short history (for tests).
 *
 * Ownership: an hscan owns the two trees it keeps; change names it
 * returns point into them until its next call.  Records the thread
 * made own their changes and names (hc_record.fresh == 3) until
 * hprefetch_finish hands them over.
 */
#ifndef DOCKET_HISTORY_SCAN_H
#define DOCKET_HISTORY_SCAN_H

#include <git2.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/history_cache.h"

struct hscan {
	git_odb *odb;              /* borrowed */
	const char *dir;           /* borrowed: "backlog", "a/b", "" for the top */
	git_odb_object *cur, *par; /* the two folder trees read last */
	struct diag_list *errs;    /* borrowed: where failures are told, or NULL */
};

void hscan_init(struct hscan *s, git_odb *odb, const char *dir,
		struct diag_list *errs);
void hscan_release(struct hscan *s);
/* The folder's tree id in the commit whose root tree is root: 0 and
 * *out, 1 when the commit has no such folder, < 0 (told to s->errs). */
int hscan_folder(struct hscan *s, const git_oid *root, git_oid *out);
/* Every file (blob entry, not sub-folders) that differs between folder
 * trees par and cur (NULL: absent), sorted by name, appended to *v.
 * Names point into s's trees until the next call. */
int hscan_diff(struct hscan *s, const git_oid *par, const git_oid *cur,
	       struct hc_change **v, size_t *n, size_t *alloc);

/* One position of the chain as the walk knows it when the thread starts. */
struct hp_pos {
	git_oid commit, root;      /* root: the commit's root tree, when need */
	int need;                  /* no record yet: the thread may compute it */
	int known;                 /* folder state known without reading: */
	int has_folder;            /*   then this and folder tell it */
	git_oid folder;
};

struct hprefetch;

/* Start the thread over the walk's chain (pos, n positions, tip first),
 * taking steps from the far end of a walk that is newest first, or
 * oldest first when oldest_first.  Takes ownership of pos.  Returns
 * NULL (and frees pos) when there is too little to do or the thread
 * cannot start; the walk then does everything itself. */
struct hprefetch *hprefetch_start(git_repository *git, const char *dir,
				  struct hp_pos *pos, size_t n, int oldest_first);
/* May the walk work out step s itself?  1: yes, the thread will not;
 * 0: the thread has it, call hprefetch_finish. */
int hprefetch_claim(struct hprefetch *p, size_t step);
/* Stop the thread, wait for it and hand over its records: out[i] for
 * chain position i, or NULL (out has n entries, filled by the call). */
void hprefetch_finish(struct hprefetch *p, struct hc_record **out);
/* Free a record the thread made. */
void hscan_record_free(struct hc_record *r);

#endif
