/*
 * plan: Cycle Planning (SPEC 1, 5, 7 `plan`): propose the commitment of
 * a launch cycle, and name and date the next cycle.
 *
 * The walk: ORDER from the top; an item is taken when its status is
 * `ready` (or `planned` for this very cycle, so planning again is
 * stable), every depends_on id is done or was taken earlier in this
 * walk, it has an effort, and the effort fits in what is left of the
 * capacity.  Every item walked gets a verdict saying why.  The walk
 * stops when nothing is left of the capacity.  Unranked items (the
 * intake) are not walked: ranking is the Marketing Owner's call.
 *
 * Capacity: --capacity, else the existing cycle file's capacity, else
 * the mean velocity of the last three closed cycles (metrics.h) rounded
 * to one decimal, else cycle.capacity in docket.yaml.
 *
 * Dates and name of a new cycle: it starts the day after the most
 * recent cycle (by start) ends, or today when there is none, and is
 * length_days long.  Its name continues the previous one's scheme (see
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
};

struct plan_entry {
	const struct item *item;
	enum plan_verdict verdict;
	const char *dep;           /* PLAN_DEPENDENCY: the id (borrowed) */
	int dep_unknown;           /* ...which names no item */
	double left;               /* capacity left before this item */
};

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
	long start, end;
	double capacity;
	enum plan_capacity_source capacity_from;
	double velocities[3];      /* PLAN_CAP_VELOCITY: most recent first */
	size_t nvelocities;
	struct plan_entry *v;      /* every ranked item walked, in order */
	size_t n;
	size_t taken;
	double taken_effort;
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
 * The name of a new cycle starting on day start and ending on end,
 * after the cycles cy (malloc'ed):
 *   - the previous cycle (latest start) is named after its start date
 *     (YYYY-MM-DD): the new cycle's start date;
 *   - it is named YYYY-NN where NN is
 *     its midpoint's month: the new cycle's midpoint month YYYY-MM;
 *   - it is named YYYY-NN otherwise: NN + 1 (two digits), or YYYY'-01
 *     when the new cycle starts in a later year;
 *   - it ends in digits: those digits + 1 (keeping zero padding);
 *   - else (or no cycles): YYYY-MM of the midpoint.
 * A name already taken gets a letter: 2026-12b, 2026-12c, ...
 */
char *plan_next_name(const struct cycles *cy, long start, long end);
/* Is name usable as a cycle name (a file name stem): 1-64 characters of
 * letters, digits, '.', '_' and '-', not starting with '.' or '-'? */
int plan_name_valid(const char *name);
/* The reason of an entry, as the text plan prints
 * ("does not fit: 5 > 3 left"). */
void plan_reason(struct sbuf *out, const struct plan_entry *e);
/*
 * The text of a new cycle file for the plan (SPEC 5): front matter with
 * name, start, end, capacity (always written, so the file records what
 * was planned against) and committed; a body with the `## Showcase
 * notes` and `## Improvements` sections.  crlf: CRLF line ends.
 */
void plan_cycle_file(struct sbuf *out, const struct plan *p, int crlf);

#endif
