/*
 * rule_help: the texts of the rule registry (core/check_rules.def) as
 * `docket help rules`, `docket help RULE` and `docket help check` show
 * them.  Every text comes from the registry; nothing is kept here.
 * Functions only append to the caller's sbuf.
 */
#ifndef DOCKET_RULE_HELP_H
#define DOCKET_RULE_HELP_H

#include "core/check.h"
#include "core/sbuf.h"

/* Every rule, one line each: id, default severity, what it finds. */
void rule_help_list(struct sbuf *out);
/* One rule in full: default, scope, settings, what it finds, help. */
void rule_help_one(struct sbuf *out, const struct check_rule_info *r);
/* The rule ids with the non-error defaults, wrapped, for docket help
 * check. */
void rule_help_ids(struct sbuf *out);

#endif
