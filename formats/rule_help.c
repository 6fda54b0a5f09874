/* rule_help.c: the registry's texts for docket help (see rule_help.h). */
#include "formats/rule_help.h"

#include <string.h>

static const char *
default_of(const struct check_rule_info *r)
{
	return severity_name(r->severity);
}

void
rule_help_list(struct sbuf *out)
{
	sbuf_adds(out,
		  "Rules of docket check with their default severity. Change a severity\n"
		  "under rules: in docket.yaml (off, warning or error); the rules marked\n"
		  "fixed cannot be changed. 'docket help RULE' explains one.\n\n");
	for (int i = 0; i < RULE_COUNT; i++) {
		const struct check_rule_info *r = &check_rules[i];

		sbuf_addf(out, "  %-22s %-8s %s%s\n", r->id, default_of(r),
			  r->configurable ? "" : "(fixed) ", r->finds);
	}
}

static const char *
scope_words(enum check_scope s)
{
	switch (s) {
	case CHECK_SCOPE_ITEM: return "the item alone";
	case CHECK_SCOPE_REFS: return "an item against the other items";
	case CHECK_SCOPE_ORDER: return "ORDER";
	case CHECK_SCOPE_CYCLES: return "the cycle files";
	case CHECK_SCOPE_BACKLOG: return "the whole backlog";
	case CHECK_SCOPE_HISTORY: return "git history (with --base)";
	}
	return "";
}

void
rule_help_one(struct sbuf *out, const struct check_rule_info *r)
{
	sbuf_addf(out, "rule %s: %s\n\n", r->id, r->summary);
	sbuf_addf(out, "default:  %s%s\n", default_of(r),
		  r->configurable ? "" : " (cannot be changed)");
	sbuf_addf(out, "scope:    %s (%s)\n", check_scope_name(r->scope),
		  scope_words(r->scope));
	sbuf_addf(out, "finds:    %s\n", r->finds);
	if (r->configurable)
		sbuf_addf(out, "setting:  rules: { %s: off|warning|error }%s\n",
			  r->id, r->has_max ? ", or { severity: ..., max: N }" : "");
	sbuf_addf(out, "\n%s\n", r->help);
}

void
rule_help_ids(struct sbuf *out)
{
	size_t col = 2;

	sbuf_adds(out, "'docket help rules' lists the rules with their default severity and\n"
		  "'docket help RULE' explains one.\n"
		  "Rules (severity in docket.yaml rules: <id>: off|warning|error):\n ");
	for (int i = 0; i < RULE_COUNT; i++) {
		const struct check_rule_info *r = &check_rules[i];
		struct sbuf w = SBUF_INIT;

		sbuf_adds(&w, r->id);
		if (!r->configurable)
			sbuf_adds(&w, " (fixed)");
		else if (r->severity != SEV_ERROR)
			sbuf_addf(&w, " (%s)", severity_name(r->severity));
		sbuf_adds(&w, i + 1 < RULE_COUNT ? "," : ".");
		if (col + 1 + w.len > 76) {
			sbuf_adds(out, "\n ");
			col = 2;
		}
		sbuf_addc(out, ' ');
		sbuf_add(out, w.buf, w.len);
		col += 1 + w.len;
		sbuf_release(&w);
	}
	sbuf_addc(out, '\n');
}
