/*
 * state: the backlog `docket serve` keeps in memory, and how it stays
 * the files' truth.
 *
 * On every request state_refresh looks at the files' status (docket.yaml,
 * ORDER, every *.md of the items folder and of cycles/: device, inode,
 * size, modification and change times, read with fstatat) and re-reads
 * only the files whose status changed: an edit in an editor, a `git
 * pull`, another docket process.  File-change notifications alone race
 * (an event can arrive after the request it should have changed); a
 * status check cannot.  File times are coarse (a kernel tick), so a
 * file modified less than two seconds before it was read is "racy", as
 * git calls it: it is read again on the next refresh, and its blob id
 * decides whether it changed.
 *
 * The version of a file is the git blob id of its work-tree bytes
 * (core/repo.h repo_blob_id).  Every form and drag of the pages carries
 * the versions of the files it changes; state_old_bytes finds the bytes
 * of a version again (the versions replaced while serving are kept, a
 * bounded number of them; else git's object database) so that a 409
 * can say what changed.
 *
 * The backlog (st->bl) is a complete struct backlog: config and ORDER
 * as backlog_load_flags reads them, the items and cycles sorted by file
 * name, by_id, ranks and scores rebuilt after each change.  Its items
 * and cycles are owned by the state's file lists, not by bl.
 *
 * One thread only (the server's): nothing here locks.
 */
#ifndef DOCKET_SERVER_STATE_H
#define DOCKET_SERVER_STATE_H

#include <stddef.h>
#include <sys/stat.h>

#include "core/backlog.h"
#include "core/repo.h"
#include "core/sbuf.h"

struct file_sig {
	dev_t dev;
	ino_t ino;
	off_t size;
	long long mtime_ns, ctime_ns;
	int exists;
};

struct state_file {
	char *name;               /* the file's name in its folder */
	struct file_sig sig;      /* as it was before the bytes were read */
	int racy;                 /* read again on the next refresh */
	char blob[41];            /* the version parsed */
	struct item *item;        /* owned */
	char *fid;                /* the id its name implies (an unparsed
				   * file is found by it), or NULL */
};

struct state_files {
	struct state_file *v;     /* sorted by name */
	size_t n;
	struct file_sig dir;      /* the folder's status when it was listed */
	int dir_racy;
};

struct vcache_entry {
	char blob[41];
	char *data;
	size_t len;
};

struct state {
	char *root;               /* the folder holding docket.yaml */
	char *top;                /* the work tree */
	struct repo *repo;        /* borrowed */
	struct source src;
	struct backlog bl;
	int loaded;
	struct file_sig cfg_sig, order_sig;
	int cfg_racy, order_racy;
	char order_blob[41];      /* ORDER's version; "" when absent */
	char *order_data;         /* ORDER's bytes (NULL when absent) */
	size_t order_len;
	struct diag_list order_diags;
	struct state_files items, cycles;
	unsigned long gen;        /* counts the changes seen */
	unsigned long dates_gen;  /* gen when dates were last filled */
	/* versions replaced while serving: a ring, bounded in bytes */
	struct vcache_entry cache[256];
	size_t cache_next, cache_bytes;
	char err[512];
};

/* Find the backlog from dir and read all of it.  0, or DK_ENOTFOUND /
 * DK_EIO with st->err set. */
int state_open(struct state *st, const char *dir, struct repo *repo);
void state_close(struct state *st);
/* Bring st->bl up to date with the files (see above).  Returns 1 when
 * something changed, 0 when nothing did; st->gen counts changes. */
int state_refresh(struct state *st);
/* Refresh (state_refresh) only when docket.yaml changed since it was
 * read: what a write checks before it runs (a write reads the rest
 * itself, under its lock). */
void state_refresh_config(struct state *st);
/*
 * docket.yaml as last read has errors (a bad value, invalid YAML, the
 * file gone or unreadable): every command but check stops then, and so
 * do the server's pages and writes.  Returns 1 with the errors in msg,
 * each "docket.yaml:7:37: cycle capacity must be a number above 0",
 * joined by "; "; 0 when it has none (msg untouched).
 */
int state_config_errors(const struct state *st, struct sbuf *msg);
/* The blob id of the item's file, or "" when unknown. */
const char *state_version(const struct state *st, const struct item *it);
/* The item with this id, or NULL. */
struct item *state_item(const struct state *st, const char *id);
/* Fill missing started/finished dates from git history (once per
 * change of the backlog; for the board and cycle pages). */
void state_fill_dates(struct state *st);
/* The bytes of a version of a file: from the versions kept, else from
 * git's object database.  0 with *data malloc'ed (NUL-terminated), or
 * DK_ENOTFOUND. */
int state_old_bytes(struct state *st, const char *blob, char **data,
		    size_t *len);
/* Remember bytes of a version (a page was made from them). */
void state_keep_version(struct state *st, const char *blob, const char *data,
			size_t len);

#endif
