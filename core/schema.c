#include "core/schema.h"

#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/xalloc.h"

static const char *const types[] = { "experiment", "bau", "improvement", NULL };
static const char *const statuses[] = {
	"idea", "ready", "planned", "doing", "blocked", "done", "stopped", NULL,
};
static const char *const results[] = { "won", "lost", "inconclusive", NULL };
/* the statuses an item can leave for blocked and come back to */
static const char *const before_block[] = { "idea", "ready", "planned", "doing", NULL };

const struct builtin_field schema_fields[] = {
	{ "id", SK_ID, NULL },
	{ "title", SK_LINE, NULL },
	{ "type", SK_ENUM, types },
	{ "status", SK_ENUM, statuses },
	{ "effort", SK_NUMBER, NULL },
	{ "remaining", SK_REMAINING, NULL },
	{ "customer_value", SK_SCORE, NULL },
	{ "business_value", SK_SCORE, NULL },
	{ "time_criticality", SK_SCORE, NULL },
	{ "goal", SK_GOAL, NULL },
	{ "outcome", SK_STRING, NULL },
	{ "hypothesis", SK_STRING, NULL },
	{ "metric", SK_STRING, NULL },
	{ "target", SK_NUM_OR_STR, NULL },
	{ "result", SK_ENUM, results },
	{ "actual", SK_NUM_OR_STR, NULL },
	{ "stop_reason", SK_STRING, NULL },
	{ "blocked_reason", SK_STRING, NULL },
	{ "blocked_from", SK_ENUM, before_block },
	{ "over_wip", SK_DATE, NULL },
	{ "dod_waived", SK_STRING, NULL },
	{ "cycle", SK_CYCLE, NULL },
	{ "campaign", SK_STRING, NULL },
	{ "due", SK_DATE, NULL },
	{ "mvl", SK_BOOL, NULL },
	{ "tags", SK_STR_LIST, NULL },
	{ "requested_by", SK_STRING, NULL },
	{ "depends_on", SK_ID_LIST, NULL },
	{ "follows", SK_ID, NULL },
	{ "source", SK_STRING, NULL },
	{ "created", SK_DATE, NULL },
	{ "started", SK_DATE, NULL },
	{ "finished", SK_DATE, NULL },
};
const size_t schema_nfields = ARRAY_SIZE(schema_fields);

const struct builtin_field *
schema_builtin(const char *key)
{
	for (size_t i = 0; i < schema_nfields; i++)
		if (!strcmp(schema_fields[i].name, key))
			return &schema_fields[i];
	return NULL;
}

enum schema_kind
schema_kind_of(const struct config *c, const char *key,
	       const struct field_def **def)
{
	const struct builtin_field *b = schema_builtin(key);
	const struct field_def *f;

	if (def)
		*def = NULL;
	if (b)
		return b->kind;
	f = c ? config_field(c, key) : NULL;
	if (f) {
		if (def)
			*def = f;
		return SK_CUSTOM;
	}
	return SK_UNKNOWN;
}

size_t
schema_field_names(const char ***names, const struct config *c)
{
	size_t n = 0, nf = c ? c->nfields : 0;

	*names = xcalloc(schema_nfields + nf + 1, sizeof(**names));
	for (size_t i = 0; i < schema_nfields; i++)
		(*names)[n++] = schema_fields[i].name;
	for (size_t i = 0; i < nf; i++)
		if (!schema_builtin(c->fields[i].name))
			(*names)[n++] = c->fields[i].name;
	return n;
}

const char *
schema_suggest(const struct config *c, const char *key)
{
	const char **names, *best;
	size_t n;

	if (schema_kind_of(c, key, NULL) != SK_UNKNOWN)
		return NULL;
	n = schema_field_names(&names, c);
	best = check_suggest(key, names, n);
	free(names);
	return best;
}

int
schema_is_text(const struct config *c, const char *key)
{
	const struct field_def *f;

	switch (schema_kind_of(c, key, &f)) {
	case SK_STRING: case SK_LINE: case SK_ID: case SK_ENUM: case SK_GOAL:
	case SK_CYCLE: case SK_DATE:
		return 1;
	case SK_CUSTOM:
		return f->type == FT_STRING || f->type == FT_ENUM ||
		       f->type == FT_DATE || f->type == FT_ID;
	default:
		return 0;
	}
}

int
schema_date_valid(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	/* the digits, checked above (check reads every date: no sscanf) */
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1)
		return 0;
	if (m == 2 && d == 29)
		return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1];
}
