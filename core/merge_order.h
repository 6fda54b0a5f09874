/*
 * merge_order: the three-way merge of ORDER (docs/reference.md) that git runs as
 * the merge driver `docket merge-order %O %A %B`.
 *
 * A plain line merge gets reorderings wrong: when both branches move the
 * same id it lists it twice, and moves of neighbouring ids conflict.  This
 * merge works on the list instead.  Each side's changes against the base
 * are found as
 *   - removals: ids (and unique comment lines) the side no longer has;
 *   - additions: ids the base did not have;
 *   - moves: the ids off the heaviest common subsequence of the base and
 *     the side (comment lines weigh more than all ids together, so a
 *     section header is never taken as the thing that moved when an id
 *     crossed it; of two equal choices the id that went up is the one
 *     that moved, as `docket move --top` and friends do);
 *   - line edits: an id line whose text (an end-of-line comment) changed.
 * The result starts from OURS (its comment lines, blank lines and line
 * ends are kept where they are), drops what theirs removed, and re-places
 * what theirs moved or added right below the line that precedes it in
 * THEIRS (the nearest one ours did not move itself), after anything ours
 * placed there, so that insertions at the same place from both sides all
 * survive, ours first.  Comment lines theirs added or removed are applied
 * when the text is unambiguous (occurs once); blank lines come from ours.
 *
 * Decisions:
 *   - A removal wins over a move on the other side: ids leave ORDER when
 *     an item is done or stopped, so a new rank for it is moot.
 *   - Both sides moved (or newly ranked) the same id: no conflict when
 *     they put it at the same place (the same id or comment line right
 *     above it, or the same right below it, among the lines both sides
 *     have); otherwise a conflict.  Both sides changed the same id line's
 *     text differently: a conflict.  Nothing else conflicts.
 *   - An id listed twice keeps its first place; later copies are dropped.
 *   - OURS or THEIRS holding conflict markers, invalid UTF-8 or a NUL
 *     byte: no merge; the result is both files whole in conflict form.
 *
 * A conflict is written as git writes one: the merged list up to the
 * first line where resolving for ours and for theirs differ, then
 * "<<<<<<< ours", the ours resolution of the differing stretch,
 * "=======", the theirs resolution, ">>>>>>> theirs", then the rest.
 * Keeping either side's block gives a valid ORDER.
 *
 * Ownership: the caller owns out and diags; nothing else is kept.
 */
#ifndef DOCKET_MERGE_ORDER_H
#define DOCKET_MERGE_ORDER_H

#include <stddef.h>

#include "core/diag.h"
#include "core/sbuf.h"

/*
 * Merge three versions of ORDER and append the result to out.  Returns 0
 * for a clean merge; DK_ECONFLICT when out holds conflict markers (each
 * conflicting id is a diag, rule "order-conflict", file "ORDER");
 * DK_EINVALID when ours or theirs could not be merged at all (out then
 * holds both files whole in conflict form, and a diag says why).
 */
int merge_order(const char *base, size_t blen, const char *ours, size_t olen,
		const char *theirs, size_t tlen, struct sbuf *out,
		struct diag_list *diags);

/* Append both files whole in conflict form (ours, then theirs), with the
 * line ends of ours; the fallback that never loses a byte. */
void merge_order_both(const char *ours, size_t olen, const char *theirs,
		      size_t tlen, struct sbuf *out);

#endif
