/*
 * plan: Cycle Planning (docs/cycles.md, docs/reference.md `plan`): propose the commitment of
 * a launch cycle, and name and date the next cycle.
 *
 * Carry-over first: the unfinished items of the previous cycle (the
 * latest dated cycle that starts before this one: open items its
 * committed list holds or whose `cycle:` names it), and the items in
 * progress (doing, blocked) that no other cycle which has not ended
 * commits (or that this cycle commits already).  Unfinished improvement items come first among them (the
 * Team Improvement the team agreed on), then the others in ORDER's
 * order (unranked ones by id).  Each counts its remaining effort
 * (metrics_remaining) against the capacity: items in progress are
 * always carried (they are under way), the others only while they fit;
 * one that does not fit goes back to ready when the plan is applied.
 *
 * Then the walk: ORDER from the top; an item is taken when its status
 * is `ready` (or `planned` for this very cycle, so planning again is
 * stable), every depends_on id is done or was taken earlier in this
 * walk, it has an effort, and the effort fits in what is left of the
 * capacity.  Every item walked gets a verdict saying why.  The walk
 * stops when nothing is left of the capacity.  Unranked items (the
 * intake) are not walked: ranking is the Marketing Owner's call.
 *
 * A cycle that has started is not planned again (its commitment is
 * what say/do counts against): plan_make only marks it (started); its
 * scope changes with plan_scope_change.
 *
 * Capacity: --capacity, else the existing cycle file's capacity, else
 * the mean velocity of the last three closed cycles (metrics.h) rounded
 * to one decimal, else cycle.capacity in docket.yaml.
 *
 * Dates and name of a new cycle: it starts the day after the most
 * recent cycle (by start) ends, or today when there is none, and is
 * length_days long.  Its name is cycle_name in docket.yaml, a strftime
 * pattern applied to the start date (default %Y-%m-%d, see
 * plan_next_name).
 *
 * Applying a plan (cmd/plan.c, through core/change.h and core/edit.h)
 * writes plan_cycle_file for a new cycle, or edits an existing future
 * cycle's committed line; sets cycle and status: planned in the items
 * taken, and status: ready (cycle removed) in the items planned into
 * that cycle before and not taken now.
 *
 * Ownership: a struct plan owns its name and entries; it borrows the
 * backlog's items and the struct cycles (keep both alive).  plan_release
 * frees what it owns.
 */
#ifndef DOCKET_PLAN_H
#define DOCKET_PLAN_H

#include <stddef.h>

#include "core/backlog.h"
#include "core/cycle.h"
#include "core/diag.h"
#include "core/sbuf.h"

enum plan_verdict {
	PLAN_TAKE,          /* taken */
	PLAN_NOT_READY,     /* status is not ready (or planned elsewhere) */
	PLAN_DEPENDENCY,    /* a depends_on id is not done nor taken */
	PLAN_NO_EFFORT,     /* effort missing */
	PLAN_TOO_BIG,       /* effort > what is left */
	PLAN_CARRY,         /* carried over (taken) */
	PLAN_NO_ROOM,       /* carry-over not started, does not fit: ready again */
};

struct plan_entry {
	const struct item *item;
	enum plan_verdict verdict;
	const char *dep;           /* PLAN_DEPENDENCY: the id (borrowed) */
	int dep_unknown;           /* ...which names no item */
	double left;               /* capacity left before this item */
	int carry;                 /* a carry-over candidate (first entries):
				    * 1 of the previous cycle, 2 in progress
				    * in no cycle, 3 in progress and committed
				    * to this cycle already */
	int from_prev;             /* ...of the previous cycle (else: in
				    * progress outside any cycle) */
	double remaining;          /* carry: its remaining effort */
};

/* Is the entry part of the commitment (PLAN_TAKE or PLAN_CARRY)? */
int plan_taken(const struct plan_entry *e);

enum plan_capacity_source {
	PLAN_CAP_OPTION,           /* --capacity */
	PLAN_CAP_CYCLE,            /* the cycle file's capacity */
	PLAN_CAP_VELOCITY,         /* mean velocity of closed cycles */
	PLAN_CAP_CONFIG,           /* cycle.capacity in docket.yaml */
};

struct plan_opts {
	const char *name;          /* cycle to plan, or NULL for the next */
	double capacity;           /* NAN: the default */
	long start;                /* day number, or -1: the default */
	long today;
};

struct plan {
	char *name;
	const struct cycle *existing;  /* the cycle file when it exists */
	int started;               /* existing has started: not planned */
	const struct cycle *prev;  /* the previous cycle, or NULL */
	long start, end;
	int start_given;           /* start is the option's (o->start) */
	double capacity;
	enum plan_capacity_source capacity_from;
	double velocities[3];      /* PLAN_CAP_VELOCITY: most recent first */
	size_t nvelocities;
	struct plan_entry *v;      /* the carry-over candidates, then every
				    * ranked item walked, in order */
	size_t n;
	size_t ncarry;             /* carry-over candidates (first in v) */
	size_t carried;            /* ...carried (PLAN_CARRY) */
	size_t improvements;       /* ...of which improvement items */
	double carried_effort;     /* their remaining effort */
	size_t taken;              /* PLAN_TAKE and PLAN_CARRY */
	double taken_effort;       /* effort taken (remaining for carry) */
	size_t not_walked;         /* ranked items after capacity ran out */
	size_t unranked_ready;     /* ready items not in ORDER */
};

void plan_init(struct plan *p);
void plan_release(struct plan *p);
/*
 * Make the proposal.  Returns 0, or DK_EUSAGE with a diag when the
 * options cannot work (a name that is not a valid cycle name).
 */
int plan_make(struct plan *p, const struct backlog *bl,
	      const struct cycles *cy, const struct plan_opts *o,
	      struct diag_list *d);
/*
 * The name of a new cycle starting on day start (malloc'ed): pattern
 * (cycle_name in docket.yaml, a strftime pattern; NULL or unusable: the
 * default %Y-%m-%d) applied to the start date; a name the cycles cy
 * already use gets -2, -3, ...
 */
char *plan_next_name(const struct cycles *cy, const char *pattern, long start);

/*
 * A scope change of a cycle that has started (or not): ids to add to
 * its committed list and ids to take out.  Checks each id against the
 * backlog and the list: an id to add must name an open item not already
 * committed, an id to remove must be committed.  A change that adds
 * remaining effort (metrics_remaining) to a cycle over its capacity is
 * what the cycle-capacity rule finds: refused when the rule is an error,
 * a warning in d when it is a warning.  Returns 0 with the new list in
 * *ids (malloc'ed array of borrowed ids, *n of them), or DK_EUSAGE with
 * the reason in d.
 */
int plan_scope_change(const char ***ids, size_t *n, const struct backlog *bl,
		      const struct cycle *c, const char *const *add, size_t nadd,
		      const char *const *remove, size_t nremove,
		      struct diag_list *d);
/* Is name usable as a cycle name (a file name stem): 1-64 characters of
 * letters, digits, '.', '_' and '-', not starting with '.' or '-'? */
int plan_name_valid(const char *name);
/* The reason of an entry, as the text plan prints
 * ("does not fit: 5 > 3 left"). */
void plan_reason(struct sbuf *out, const struct plan_entry *e);
/*
 * The text of a new cycle file for the plan (docs/cycles.md): front matter with
 * name, start, end, capacity (always written, so the file records what
 * was planned against) and committed; a body with the `## Showcase
 * notes` and `## Improvements` sections.  crlf: CRLF line ends.
 */
void plan_cycle_file(struct sbuf *out, const struct plan *p, int crlf);

#endif
