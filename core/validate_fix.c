/* validate_fix.c: the command that fixes a finding, which a write's
 * refusal names (validate_suggest_fix in core/validate.h). */
#include "core/validate.h"

#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/item.h"

void
validate_suggest_fix(struct diag *d, const struct config *c)
{
	const char *id, *f;
	char *fid = NULL;
	int r;

	if (!d || d->fix)
		return;
	r = check_rule_find(d->rule);
	id = d->subject;
	if ((!id || !item_id_valid(id)) && d->file) {
		const char *base = strrchr(d->file, '/');

		fid = item_id_from_filename(base ? base + 1 : d->file);
		id = fid;
	}
	f = d->field;
	if (!f && r == RULE_REF_UNKNOWN) {
		static const char *const refs[] = { "depends_on", "follows", "cycle" };

		for (size_t i = 0; i < sizeof(refs) / sizeof(refs[0]) && !f; i++)
			if (!strncmp(d->message, refs[i], strlen(refs[i])))
				f = refs[i];
	}
	if (r == RULE_CYCLE_CAPACITY && d->file && strstr(d->file, "cycles/")) {
		const char *base = strrchr(d->file, '/') + 1;
		size_t bl = strlen(base);

		if (bl > 3 && !strcmp(base + bl - 3, ".md"))
			bl -= 3;
		diag_set_fix(d, "docket plan %.*s --capacity N", (int)bl, base);
		free(fid);
		return;
	}
	if (!id || !item_id_valid(id)) {
		free(fid);
		return;
	}
	switch (r) {
	case RULE_NO_DIRECT_ASSIGNMENT:
		diag_set_fix(d, "docket set %s %s= requested_by=NAME", id,
			     f ? f : "assignee");
		break;
	case RULE_EXPERIMENT_INCOMPLETE:
		diag_set_fix(d, "docket set %s hypothesis=TEXT metric=TEXT target=TEXT",
			     id);
		break;
	case RULE_RESULT_MISSING:
		diag_set_fix(d, "docket done %s --result RESULT --actual VALUE", id);
		break;
	case RULE_DOD_UNCHECKED:
		diag_set_fix(d, "docket done %s --force --reason TEXT", id);
		break;
	case RULE_GOAL_UNKNOWN:
		if (c && c->ngoals)
			diag_set_fix(d, "docket set %s goal=%s", id, c->goals[0].key);
		else
			diag_set_fix(d, "docket set %s goal=", id);
		break;
	case RULE_REF_UNKNOWN:
		diag_set_fix(d, "docket set %s %s=", id, f ? f : "depends_on");
		break;
	case RULE_DUPLICATE_ID:
	case RULE_ID_FILENAME:
		diag_set_fix(d, "docket renumber %s NEW-ID", id);
		break;
	case RULE_DEPENDENCY_CYCLE:
		diag_set_fix(d, "docket set %s depends_on=", id);
		break;
	case RULE_ORDER_CLOSED:
	case RULE_ORDER_DUPLICATE:
	case RULE_ORDER_UNKNOWN:
	case RULE_SYNTAX:
		diag_set_fix(d, "docket edit %s", id);
		break;
	default:
		if (f && strcmp(f, "id"))
			diag_set_fix(d, "docket set %s %s=VALUE", id, f);
		else
			diag_set_fix(d, "docket edit %s", id);
		break;
	}
	free(fid);
}
