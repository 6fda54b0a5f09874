/*
 * score: the advisory priority scores of `list` and `rank` (see the
 * README for the formulas). Pure functions, no ownership.
 *
 *   wsjf             (customer_value + business_value + time_criticality) / effort
 *   value-per-effort (customer_value + business_value) / effort
 *   rice             reach * impact * confidence / effort, with reach =
 *                    customer_value, impact = business_value and
 *                    confidence = the `confidence` field (percent, default 100)
 *   ice              impact * confidence * ease, with impact = business_value,
 *                    confidence = customer_value and ease = 10 / effort
 *                    (capped at 10)
 *
 * A score is NAN when a value it needs is missing or effort is not > 0.
 */
#ifndef DOCKET_SCORE_H
#define DOCKET_SCORE_H

#include "core/config.h"
#include "core/item.h"

double score_item(const struct item *it, enum score_kind k);

#endif
