/*
 * import_spill: the parts of import records in a temporary file, so
 * that an import of many records holds in memory only what the later
 * stages need of every record at once (ids, source ids, status, sort
 * keys, flags: struct import_item, itself in the list's arena).
 *
 * The parts spilled are a record's parts (struct import_rec): its
 * docket fields (out), body, notes, managed sections, references as
 * source ids (deps, follows), where its source fields went, its source
 * fields (all of them before it is mapped: a reader that looks across
 * records, Jira's or Asana's, spills each row as it is read; after, only
 * what the mapping keeps), the status and flags the reader set, and its
 * cycles.  import_spill_out writes them as one length-prefixed record
 * appended to the file and frees them with the record's x; the item
 * keeps the offset and length (and has_refs, has_cycles).
 * import_spill_in reads them back (a new x when it had none) for a stage
 * that renders or changes them; a stage that only reads them gives them
 * back with import_spill_drop (the copy in the file is still the
 * record's), one that changed them with import_spill_out (written over
 * the record's last copy when it fits there, else appended).
 *
 * Ownership: the list owns its spill (l->spill); import_list_release
 * closes it, and the file, unlinked as soon as it is created, goes with
 * it, on every path.  The parts read in are the item's, freed as before
 * by import_item_free.  A write or read that fails sets the spill's
 * error (import_spill_error): the caller refuses the import before it
 * writes anything; the record's parts are then empty.
 *
 * Not core/spill.h: that store keeps what it cannot write in memory
 * (its callers' output must never be lost), and here the point is a
 * bound on memory, so a file that cannot be written refuses the import.
 */
#ifndef DOCKET_IMPORT_SPILL_H
#define DOCKET_IMPORT_SPILL_H

#include "formats/import.h"

/*
 * Give l a spill file: an unlinked file in $TMPDIR (else /tmp); and,
 * when l has no record yet, an arena for the records themselves in the
 * same folder (l->arena, formats/import_arena.h).  Returns 0, or -1
 * with *err set (malloc'ed: which folder, why) when either cannot be
 * created.
 */
int import_spill_open(struct import_list *l, char **err);
/* Close l's spill file (import_list_release calls it). */
void import_spill_close(struct import_list *l);
/* Write it's out, body, notes and sections to l's spill file and free
 * them; nothing when l has no spill file or they are out already.
 * Returns 0, or -1 (import_spill_error says why). */
int import_spill_out(struct import_list *l, struct import_item *it);
/* Read them back (nothing when they are in memory).  Returns 0, or -1
 * (import_spill_error says why; they are then empty). */
int import_spill_in(struct import_list *l, struct import_item *it);
/* Free what import_spill_in read, unchanged (the file holds it still). */
void import_spill_drop(struct import_list *l, struct import_item *it);
/* Why writing or reading the spill file failed, or NULL. */
const char *import_spill_error(const struct import_list *l);

#endif
