/*
 * wip: the WIP limit on every move into doing (`start`, `set
 * status=doing`, `unblock`, and the browser's board): how many items
 * are doing and which, against `rules: wip-limit: { max: N }`, and what
 * the rule's severity asks for (docs/cycles.md "WIP").
 *
 *   off       nothing is checked
 *   warning   (the default) a move over the limit is made, with a warning
 *             that names the items in progress
 *   error     a move over the limit is refused, unless the caller
 *             overrides it (`--over-wip`): the item then records
 *             `over_wip: DATE` (which the wip-limit rule of `check`
 *             accepts: such an item does not count against the limit)
 *             and the commit says so
 *
 * The count needs every item's status, so wip_scan reads every item
 * file; it parses only those that can be doing (their front matter
 * holds "doing", or a backslash escape that may spell it): a backlog of
 * 10 000 items with a handful in progress costs its reads and a byte
 * search per file, not 10 000 YAML parses (`start ID` in `make bench`).
 *
 * Ownership: a struct wip owns its ids; wip_release frees them.
 */
#ifndef DOCKET_WIP_H
#define DOCKET_WIP_H

#include <stddef.h>

#include "core/backlog.h"
#include "core/diag.h"

struct wip {
	long limit;                 /* -1: the rule is off */
	enum severity severity;     /* SEV_OFF, SEV_WARNING or SEV_ERROR */
	char **doing;               /* ids doing now, the moving item left out */
	size_t n;
	int over;                   /* n + 1 > limit: the move goes over */
	size_t parsed;              /* wip_scan: item files parsed (those
				     * that may be doing; the rest were
				     * only read) */
};

enum wip_verdict {
	WIP_OK,                     /* within the limit, or the rule is off */
	WIP_WARN,                   /* over: make the move, and warn */
	WIP_REFUSE,                 /* over: refuse the move */
	WIP_OVERRIDE,               /* over, and the caller overrides: make
				     * the move and record it */
};

void wip_init(struct wip *w);
void wip_release(struct wip *w);
/* The limit and severity from cfg (rules: wip-limit). */
void wip_rule(struct wip *w, const struct config *cfg);
/* Count the items doing in a backlog loaded with its items, leaving out
 * id (the item about to move). */
void wip_count(struct wip *w, const struct backlog *bl, const char *id);
/*
 * wip_rule, then read every item's status through src (the backlog at
 * root/top, as bl was read: docket.yaml and ORDER only) and wip_count,
 * as if every item were parsed (a file that does not parse does not
 * count).  Nothing is read when the rule is off.  Returns 0, or the loader's DK_*
 * code (problems with single files are left out of the count).
 */
int wip_scan(struct wip *w, const struct backlog *bl, struct source *src,
	     const char *id);
/* What to do with the move; override: the caller's --over-wip. */
enum wip_verdict wip_verdict(const struct wip *w, int override);
/* "MKT-1, MKT-2 and MKT-3": the ids doing (at most 12 named). */
void wip_names(struct sbuf *out, const struct wip *w);
/*
 * The words of verdict v for the move of id, so that every path into
 * doing (the commands, the browser's board) says the same: WIP_WARN and
 * WIP_REFUSE a sentence naming the items in progress (override: how the
 * caller goes over on purpose, e.g. "--over-wip"); WIP_OVERRIDE the line
 * for the commit message; WIP_OK nothing.
 */
void wip_message(struct sbuf *out, const struct wip *w, const char *id,
		 enum wip_verdict v, const char *override);

#endif
