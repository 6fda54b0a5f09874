/*
 * import_rules: the rules that map another tool's names to docket's
 * (docs/import.md, "The mapping file"): statuses, types, fields, values
 * set on every item, ids, dates and defaults.  They come from a --map
 * file and from the `import:` key of docket.yaml; both are read here, so
 * both are validated the same way, with file, line and column.
 *
 * Names are matched normalised (import_norm): case, accents, emoji and
 * punctuation do not count ("Done ✅" = "done", "Terminé" = "termine").
 *
 * Ownership: struct import_rules owns its strings;
 * import_rules_release frees them.
 */
#ifndef DOCKET_IMPORT_RULES_H
#define DOCKET_IMPORT_RULES_H

#include <stddef.h>

#include "core/diag.h"
#include "core/sbuf.h"

struct config;
struct ynode;

enum import_date_order {
	IMPORT_DATE_AUTO,         /* day first unless the month is > 12 */
	IMPORT_DATE_DMY,
	IMPORT_DATE_MDY,
};

struct import_pair {
	char *from;               /* normalised source name (set: the field) */
	char *to;
};

struct import_rules {
	int keep_ids;             /* -1: not given; 0 new; 1 keep */
	int dates;                /* -1: not given; else enum import_date_order */
	char *default_status;     /* NULL: not given */
	char *default_type;
	struct import_pair *status, *type, *fields, *set;
	size_t nstatus, ntype, nfields, nset;
};

void import_rules_init(struct import_rules *r);
void import_rules_release(struct import_rules *r);
/* Free n pairs and their strings (the rules' and an import map's). */
void import_pairs_free(struct import_pair *p, size_t n);

/*
 * Read the rules of the mapping node root (NULL or an empty value: no
 * rules) into r.  Errors are diags of rule `rule` at file, line and
 * column of the offending node ("'finished' is not a docket status").
 * cfg (may be NULL) accepts its declared fields as targets.  Returns 0,
 * or DK_EINVALID.
 */
int import_rules_parse(struct import_rules *r, const struct ynode *root,
		       const char *file, const char *rule,
		       const struct config *cfg, struct diag_list *diags);

/* Add one pair (from normalised unless it is a set: pair). */
void import_rules_add(struct import_pair **v, size_t *n, const char *from,
		      const char *to, int norm);

/*
 * Normalise a name for matching: letters case-folded with accents
 * removed, digits kept, every run of anything else (spaces,
 * punctuation, symbols and emoji) one space, trimmed ("Won't Do" ->
 * "won t do", "Done ✅" -> "done", "À faire" -> "a faire").  Appends to
 * out.
 */
void import_norm(struct sbuf *out, const char *s);

#endif
