/*
 * backlog: a whole backlog loaded into memory: docket.yaml, every item,
 * ORDER and the cycle files (docs/reference.md), from the working tree or from a
 * revision.
 *
 * Ownership: the backlog owns everything it holds; backlog_release frees
 * it.  Items are parsed in parallel (one thread per core) when the source
 * allows it.  Loading never stops at a bad file: each problem becomes a
 * diag in bl->diags, and the file is kept (item->parsed == 0) so that
 * `check` can report it and nothing is silently dropped.
 */
#ifndef DOCKET_BACKLOG_H
#define DOCKET_BACKLOG_H

#include <stddef.h>

#include "core/config.h"
#include "core/diag.h"
#include "core/item.h"
#include "core/order.h"
#include "core/source.h"
#include "core/strmap.h"

struct backlog {
	char *root;          /* absolute path of the folder with docket.yaml */
	char *top;           /* absolute path of the git work tree, or NULL */
	char *relroot;       /* root relative to top: "" or "sub/dir/" */
	char *items_rel;     /* items folder relative to the repo top ("backlog/") */
	struct config config;
	int config_ok;
	struct item **items; /* every *.md in the items folder, by file name */
	size_t nitems;
	struct strmap by_id; /* id -> struct item * (the first file with it) */
	struct order order;
	int have_order;
	/* ORDER exists but cannot be read or does not parse (NUL, invalid
	 * UTF-8, over its limit, not a regular file, conflict markers, two
	 * ids on a line): its diags say where.  Writes refuse then, so that
	 * a file docket cannot parse is never replaced. */
	int order_bad;
	/* the items folder exists but cannot be listed (not a folder, a
	 * link out of the repository, unreadable): bl->items is not the
	 * backlog; its diag says why */
	int items_bad;
	char *order_path;    /* ORDER relative to the repo top */
	struct item **cycles;/* the cycle files, parsed like items */
	size_t ncycles;
	struct diag_list diags;
	char *order_data;    /* BL_ORDER_SCAN: ORDER's bytes, else NULL */
	size_t order_len;
	/* the cycle files' commitments and scope changes from git, when
	 * read (core/cycle_scope.h); owned */
	struct scope_hist *scope_hist;
};

/* Find the folder holding docket.yaml, looking upward from start as git
 * finds .git (GIT_CEILING_DIRECTORIES is honoured). Returns 0 and a
 * malloc'ed absolute path, or DK_ENOTFOUND. */
int backlog_find_root(char **out, const char *start);
/* Find the git work tree holding dir (a .git folder or file), or NULL. */
char *backlog_find_top(const char *dir);

void backlog_init(struct backlog *bl);
void backlog_release(struct backlog *bl);
/*
 * Load the backlog rooted at root through src. Returns 0 when docket.yaml
 * was read (even if items have problems: see bl->diags), DK_ENOTFOUND
 * when it is missing, DK_EIO when unreadable.
 */
int backlog_load(struct backlog *bl, const char *root, const char *top,
		 struct source *src);

enum backlog_flags {
	BL_ITEMS = 1 << 0,    /* read every item */
	BL_CYCLES = 1 << 1,   /* read the cycle files */
	BL_ALL = BL_ITEMS | BL_CYCLES,
	/* Keep only each item's resolved fields (item_lean): after the
	 * visitor saw an item, its tree and bytes are freed, so memory
	 * stays near the size of those fields instead of many times the
	 * files' size.  Scores are computed at load (RICE reads its
	 * `confidence` from the tree): do not call backlog_score later. */
	BL_LEAN = 1 << 2,
	/* Do not parse ORDER into bl->order: keep its bytes (order_data)
	 * and rank the items backlog_load_item reads by scanning them
	 * (order_scan_rank).  For commands about one item: their time and
	 * memory then do not grow with the number of ranked items. */
	BL_ORDER_SCAN = 1 << 3,
};

/*
 * Called once per item file right after it is parsed, with its rank
 * (ORDER is read before the items) and score set, and before BL_LEAN
 * drops its tree.  index is the item's position in bl->items once the
 * load is done (0 <= index < count, count being the number of item
 * files), so a visitor keeps what it computes in its own arrays.  Items
 * are parsed by several threads: a visitor may run concurrently for
 * different items, so it must not change the item beyond what
 * item_lean does, and must otherwise touch only its own entry of its
 * arrays or thread-safe state (bl->config and bl->order are complete
 * and read-only while items load).  Not called for cycles.
 */
typedef void (*backlog_visit_fn)(struct item *it, size_t index, size_t count,
				 void *arg);

/* Like backlog_load, reading only what flags ask for (docket.yaml and
 * ORDER are always read).  Single-item commands load without BL_ITEMS
 * and then backlog_load_item, so their cost does not grow with the
 * number of items. */
int backlog_load_flags(struct backlog *bl, const char *root, const char *top,
		       struct source *src, unsigned flags);
/* backlog_load_flags calling visit(it, arg) for each item (see
 * backlog_visit_fn); visit may be NULL. */
int backlog_load_visit(struct backlog *bl, const char *root, const char *top,
		       struct source *src, unsigned flags,
		       backlog_visit_fn visit, void *arg);
/*
 * For a scan that needs only some items: called with each item file's
 * bytes before it is parsed (from the loader's threads, so it must be
 * thread-safe and must not keep data).  Returns nonzero to parse the
 * file; a file passed over costs its read only and leaves no trace:
 * no item in bl->items, no finding in bl->diags.
 */
typedef int (*backlog_pick_fn)(const char *data, size_t len, void *arg);
/* backlog_load_flags (BL_ITEMS implied) parsing only the item files
 * pick returns nonzero for: bl->items holds those, in file-name order. */
int backlog_load_pick(struct backlog *bl, const char *root, const char *top,
		      struct source *src, unsigned flags, backlog_pick_fn pick,
		      void *arg);
/* Read the one item with this id (file <ID>.md, or <ID>-slug.md) through
 * src and add it to bl (no-op when already loaded).  Returns the item, or
 * NULL when there is no such file.  id must be a valid id. */
struct item *backlog_load_item(struct backlog *bl, struct source *src,
			       const char *id);
/* The item with this id, or NULL. */
struct item *backlog_item(const struct backlog *bl, const char *id);
/* Items in backlog order: ranked by rank, then unranked (oldest created
 * first, then id). Returns a malloc'ed array of n pointers. */
struct item **backlog_sorted(const struct backlog *bl, size_t *n);
/* The same order as indexes into bl->items (malloc'ed, n entries). */
size_t *backlog_sorted_index(const struct backlog *bl, size_t *n);
/* Compute every item's score with the configured (or given) kind. */
void backlog_score(struct backlog *bl, int kind);

#endif
