/*
 * burnup_proj: the projection of a campaign's burn-up to its due date
 * (core/projection.h) as text lines and as JSON members, for
 * formats/history_out.c.  Appends to a caller-owned sbuf (through a
 * caller's struct jw for JSON); borrows the projection (NULL: nothing,
 * or null members in JSON).
 */
#ifndef DOCKET_BURNUP_PROJ_H
#define DOCKET_BURNUP_PROJ_H

#include "core/projection.h"
#include "core/sbuf.h"
#include "formats/json.h"

/* "Due 2027-02-15, in 70 days: 21 remaining." and the projection in
 * words. */
void burnup_proj_text(struct sbuf *out, const struct projection *p);
/* The members "due" and "projection" of the burn-up object w is in. */
void burnup_proj_json(struct jw *w, const struct projection *p);

#endif
