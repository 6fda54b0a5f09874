#include "core/config.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/date.h"
#include "core/check.h"
#include "core/import_rules.h"
#include "core/item.h"
#include "core/regex.h"
#include "core/sbuf.h"
#include "core/schema.h"
#include "core/url.h"
#include "core/xalloc.h"
#include "core/utf8.h"

static const char *const field_types[] = {
	"string", "integer", "number", "boolean", "date", "enum", "list", "id",
};
static const char *const score_names[] = {
	"wsjf", "rice", "ice", "value-per-effort",
};

const char *
score_kind_name(enum score_kind k)
{
	return score_names[k];
}

int
score_kind_parse(enum score_kind *out, const char *s)
{
	for (size_t i = 0; s && i < ARRAY_SIZE(score_names); i++) {
		if (!strcmp(s, score_names[i])) {
			*out = (enum score_kind)i;
			return 0;
		}
	}
	return -1;
}

void
config_init(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->items = "backlog";
	c->cycle_length_days = 14;
	c->cycle_capacity = 20;
	c->cycle_workdays = CONFIG_WORKDAYS_DEFAULT;
	c->cycle_name = CONFIG_CYCLE_NAME_DEFAULT;
	c->score = SCORE_WSJF;
	c->commit = 1;
}

void
config_release(struct config *c)
{
	for (size_t i = 0; i < c->nfields; i++) {
		regex_free(c->fields[i].re);
		free((void *)c->fields[i].values);
	}
	free(c->fields);
	free(c->owners);
	free(c->goals);
	free(c->dod);
	for (int t = 0; t < 3; t++)
		free(c->dod_type[t]);
	free(c->campaigns);
	free(c->rules);
	if (c->import) {
		import_rules_release(c->import);
		free(c->import);
	}
	ynode_free(c->root);
	free(c->data);
	free(c->path);
	config_init(c);
}

#define CERR(n, ...) \
	diag_add(diags, SEV_ERROR, "config", c->path, (n) ? (n)->line : 1, \
		 (n) ? (n)->col : 1, __VA_ARGS__)

static const char *
scalar_str(struct config *c, const struct ynode *n, const char *what,
	   struct diag_list *diags)
{
	if (!n || n->type != YNODE_SCALAR || ynode_kind(n) == YKIND_NULL) {
		CERR(n, "%s must be a text value", what);
		return NULL;
	}
	return n->text;
}

static int
parse_owners(struct config *c, const struct ynode *n, struct diag_list *diags)
{
	if (n->type != YNODE_SEQ) {
		CERR(n, "owners must be a list of '{ name: ..., email: ... }'");
		return -1;
	}
	c->owners = xcalloc(n->nkids, sizeof(*c->owners));
	for (size_t i = 0; i < n->nkids; i++) {
		const struct ynode *o = n->kids[i];
		struct owner *w = &c->owners[c->nowners];

		if (o->type == YNODE_SCALAR) {
			w->name = o->text;  /* "Dana Reyes" or an email */
			w->email = strchr(o->text, '@') ? o->text : NULL;
		} else if (o->type == YNODE_MAP) {
			w->name = ynode_str(ynode_get(o, "name"));
			w->email = ynode_str(ynode_get(o, "email"));
			if (!w->name && !w->email) {
				CERR(o, "an owner needs a name or an email");
				continue;
			}
		} else {
			CERR(o, "an owner is '{ name: ..., email: ... }'");
			continue;
		}
		c->nowners++;
	}
	return 0;
}

static int
number_of(const struct ynode *n, double *out)
{
	return ynode_number(n, out) || ynode_kind(n) == YKIND_STR;
}

static const char *const day_names[7] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

/* cycle.working_days: [mon, tue, ...] (three letters or the whole name) */
static void
parse_workdays(struct config *c, const struct ynode *n, struct diag_list *diags)
{
	unsigned bits = 0;

	if (n->type != YNODE_SEQ || !n->nkids) {
		CERR(n, "cycle working_days must be a list of days, like [mon, tue, wed, thu, fri]");
		return;
	}
	for (size_t i = 0; i < n->nkids; i++) {
		const struct ynode *d = n->kids[i];
		int found = -1;

		for (int k = 0; k < 7 && d->type == YNODE_SCALAR; k++)
			if ((d->len == 3 && !strncasecmp(d->text, day_names[k], 3)) ||
			    !strcasecmp(d->text, day_names[k]))
				found = k;
		if (found < 0) {
			CERR(d, "'%s' is not a day of the week (use mon, tue, wed, thu, fri, sat or sun)",
			     d->type == YNODE_SCALAR ? d->text : "a list");
			return;
		}
		bits |= 1u << found;
	}
	c->cycle_workdays = bits;
}

int
config_workday(const struct config *c, long day)
{
	return (c->cycle_workdays >> date_weekday(day)) & 1u;
}

long
config_workdays_between(const struct config *c, long a, long b)
{
	long n = 0, weeks;

	if (b < a)
		return 0;
	weeks = (b - a + 1) / 7;
	for (int k = 0; k < 7; k++)
		n += weeks * (long)((c->cycle_workdays >> k) & 1u);
	for (long d = a + weeks * 7; d <= b; d++)
		n += config_workday(c, d);
	return n;
}

/* cycle_name: a strftime pattern whose result must be a cycle name. */
static void
parse_cycle_name(struct config *c, const struct ynode *n,
		 struct diag_list *diags)
{
	static const long samples[] = { 20454 /* 2026-01-01 */, 20818 /* 2026-12-31 */ };
	const char *s = scalar_str(c, n, "cycle_name", diags);

	if (!s)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(samples); i++) {
		char buf[128];

		if (config_cycle_name(buf, sizeof(buf), s, samples[i])) {
			CERR(n, "cycle_name '%s' does not make a cycle name (letters, digits, '.', '_' and '-'; "
			     "strftime conversions such as %%Y %%m %%d %%V %%G %%j %%b)", s);
			return;
		}
	}
	c->cycle_name = s;
}

int
config_cycle_name(char *out, size_t len, const char *pattern, long day)
{
	struct tm tm;
	time_t t = (time_t)day * 86400;
	size_t n;

	/* only conversions of a date, so that a name never depends on the
	 * clock or the locale's words with spaces */
	for (const char *p = pattern; *p; p++)
		if (*p == '%' && (!*++p || !strchr("YymdjVGgUWuwbBhe%", *p)))
			return -1;
	if (!gmtime_r(&t, &tm))
		return -1;
	n = strftime(out, len, pattern, &tm);
	if (!n || n > 64 || out[0] == '.' || out[0] == '-')
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)out[i]) && !strchr("._-", out[i]))
			return -1;
	return 0;
}

/* campaigns: { NAME: { due: YYYY-MM-DD } } */
static void
parse_campaigns(struct config *c, const struct ynode *n, struct diag_list *diags)
{
	if (n->type != YNODE_MAP) {
		CERR(n, "campaigns must be a mapping of campaign names to '{ due: YYYY-MM-DD }'");
		return;
	}
	c->campaigns = xcalloc(n->nkids / 2 + 1, sizeof(*c->campaigns));
	for (size_t i = 0; i + 1 < n->nkids; i += 2) {
		const struct ynode *v = n->kids[i + 1];
		struct campaign *cp = &c->campaigns[c->ncampaigns];

		cp->name = n->kids[i]->text;
		cp->line = n->kids[i]->line;
		cp->col = n->kids[i]->col;
		cp->due = -1;
		if (v->type != YNODE_MAP) {
			CERR(v, "campaign '%s' must be a mapping like '{ due: 2027-03-01 }'", cp->name);
			continue;
		}
		for (size_t k = 0; k + 1 < v->nkids; k += 2) {
			const struct ynode *key = v->kids[k], *val = v->kids[k + 1];

			if (!strcmp(key->text, "due")) {
				if (date_parse(&cp->due, ynode_str(val))) {
					CERR(val, "campaign '%s': due must be a date YYYY-MM-DD", cp->name);
					cp->due = -1;
				}
			} else {
				diag_add(diags, SEV_WARNING, "config", c->path, key->line, key->col,
					 "unknown key '%s' for campaign '%s' (known: due)",
					 key->text, cp->name);
			}
		}
		c->ncampaigns++;
	}
}

const struct campaign *
config_campaign(const struct config *c, const char *name)
{
	for (size_t i = 0; name && i < c->ncampaigns; i++)
		if (!strcmp(c->campaigns[i].name, name))
			return &c->campaigns[i];
	return NULL;
}

static void
parse_cycle(struct config *c, const struct ynode *n, struct diag_list *diags)
{
	const struct ynode *v;
	double d;

	if (n->type != YNODE_MAP) {
		CERR(n, "cycle must be a mapping '{ length_days: 14, capacity: 20 }'");
		return;
	}
	for (size_t i = 0; i + 1 < n->nkids; i += 2) {
		const char *k = n->kids[i]->text;

		v = n->kids[i + 1];
		if (!strcmp(k, "length_days")) {
			if (number_of(v, &d) || d < 1 || d > 366 || d != floor(d))
				CERR(v, "cycle length_days must be a whole number of days from 1 to 366");
			else
				c->cycle_length_days = (int)d;
		} else if (!strcmp(k, "capacity")) {
			if (number_of(v, &d) || !(d > 0))
				CERR(v, "cycle capacity must be a number above 0");
			else
				c->cycle_capacity = d;
		} else if (!strcmp(k, "working_days")) {
			parse_workdays(c, v, diags);
		} else {
			diag_add(diags, SEV_WARNING, "config", c->path,
				 n->kids[i]->line, n->kids[i]->col,
				 "unknown key 'cycle.%s' (known: length_days, capacity, working_days)", k);
		}
	}
}

static void
parse_goals(struct config *c, const struct ynode *n, struct diag_list *diags)
{
	if (n->type != YNODE_MAP) {
		CERR(n, "goals must be a mapping of goal keys to descriptions");
		return;
	}
	c->goals = xcalloc(n->nkids / 2 + 1, sizeof(*c->goals));
	for (size_t i = 0; i + 1 < n->nkids; i += 2) {
		struct goal *g = &c->goals[c->ngoals++];

		g->key = n->kids[i]->text;
		g->description = ynode_str(n->kids[i + 1]);
	}
}

/* One list of checklist lines into *v, *nv. */
static void
dod_list(struct config *c, const struct ynode *n, const char ***v, size_t *nv,
	 struct diag_list *diags)
{
	if (n->type != YNODE_SEQ) {
		CERR(n, "definition_of_done must be a list of checklist lines, or a mapping of item types (experiment, bau, improvement, default) to lists");
		return;
	}
	*v = xcalloc(n->nkids + 1, sizeof(**v));
	for (size_t i = 0; i < n->nkids; i++) {
		const char *s = scalar_str(c, n->kids[i], "a definition_of_done entry", diags);

		if (s)
			(*v)[(*nv)++] = s;
	}
}

static void
parse_dod(struct config *c, const struct ynode *n, struct diag_list *diags)
{
	if (n->type != YNODE_MAP) {
		dod_list(c, n, &c->dod, &c->ndod, diags);
		return;
	}
	for (size_t i = 0; i + 1 < n->nkids; i += 2) {
		const char *k = n->kids[i]->text;
		int t = item_type_parse(k);

		if (!strcmp(k, "default")) {
			free(c->dod);
			c->dod = NULL;
			c->ndod = 0;
			dod_list(c, n->kids[i + 1], &c->dod, &c->ndod, diags);
		} else if (t >= 0 && t < 3) {
			free(c->dod_type[t]);
			c->dod_type[t] = NULL;
			c->ndod_type[t] = 0;
			c->have_dod_type[t] = 1;
			dod_list(c, n->kids[i + 1], &c->dod_type[t], &c->ndod_type[t], diags);
		} else {
			CERR(n->kids[i], "definition_of_done: '%s' is not an item type (use experiment, bau, improvement or default)", k);
		}
	}
}

const char *const *
config_dod(const struct config *c, int type, size_t *n)
{
	if (type >= 0 && type < 3 && c->have_dod_type[type]) {
		*n = c->ndod_type[type];
		return c->dod_type[type];
	}
	*n = c->ndod;
	return c->dod;
}

static void
parse_field(struct config *c, const struct ynode *key, const struct ynode *n,
	     struct diag_list *diags)
{
	struct field_def *f = &c->fields[c->nfields];
	const struct ynode *v;
	int type = -1;
	double d;

	memset(f, 0, sizeof(*f));
	f->name = key->text;
	f->line = key->line;
	f->col = key->col;
	f->required_from = -1;
	if (schema_builtin(key->text))
		diag_add(diags, SEV_WARNING, "config", c->path, key->line, key->col,
			 "'%s' is one of docket's own fields, checked as the field table says: this declaration changes nothing; remove it, or give your field another name",
			 key->text);
	if (n->type == YNODE_SCALAR) {
		/* shorthand: "channel: string" */
		for (size_t t = 0; t < ARRAY_SIZE(field_types); t++)
			if (!strcmp(n->text, field_types[t]))
				type = (int)t;
		if (type < 0) {
			CERR(n, "unknown field type '%s' (use string, integer, number, boolean, date, enum, list or id)", n->text);
			return;
		}
		f->type = (enum field_type)type;
		c->nfields++;
		return;
	}
	if (n->type != YNODE_MAP) {
		CERR(n, "field '%s' must be a mapping like '{ type: string }'", f->name);
		return;
	}
	v = ynode_get(n, "type");
	if (!v) {
		CERR(key, "field '%s' has no type", f->name);
		return;
	}
	for (size_t t = 0; t < ARRAY_SIZE(field_types); t++)
		if (v->type == YNODE_SCALAR && !strcmp(v->text, field_types[t]))
			type = (int)t;
	if (type < 0) {
		CERR(v, "unknown field type '%s' (use string, integer, number, boolean, date, enum, list or id)",
		     ynode_str(v) ? ynode_str(v) : "?");
		return;
	}
	f->type = (enum field_type)type;
	for (size_t i = 0; i + 1 < n->nkids; i += 2) {
		const char *k = n->kids[i]->text;

		v = n->kids[i + 1];
		if (!strcmp(k, "type")) {
			continue;
		} else if (!strcmp(k, "values")) {
			const char **vals;

			if (v->type != YNODE_SEQ || !v->nkids) {
				CERR(v, "values must be a non-empty list");
				continue;
			}
			vals = xcalloc(v->nkids, sizeof(*vals));
			for (size_t j = 0; j < v->nkids; j++) {
				if (v->kids[j]->type != YNODE_SCALAR) {
					CERR(v->kids[j], "enum values must be plain values");
					continue;
				}
				vals[f->nvalues++] = v->kids[j]->text;
			}
			f->values = vals;
		} else if (!strcmp(k, "pattern")) {
			struct diag_list err = DIAG_LIST_INIT;

			if (!ynode_str(v)) {
				CERR(v, "pattern must be a regular expression in quotes");
				continue;
			}
			f->pattern = v->text;
			if (regex_compile(&f->re, v->text, 0, &err))
				CERR(v, "bad pattern for field '%s': %s", f->name,
				     diag_last_message(&err));
			diag_list_release(&err);
		} else if (!strcmp(k, "min") || !strcmp(k, "max")) {
			if (number_of(v, &d)) {
				CERR(v, "%s must be a number", k);
				continue;
			}
			if (k[1] == 'i') {
				f->min = d;
				f->has_min = 1;
			} else {
				f->max = d;
				f->has_max = 1;
			}
		} else if (!strcmp(k, "required_from")) {
			enum item_status s = item_status_parse(ynode_str(v));

			if (s == ST_UNKNOWN)
				CERR(v, "required_from must be a status (idea, ready, planned, doing, blocked, done, stopped)");
			else
				f->required_from = (int)s;
		} else {
			diag_add(diags, SEV_WARNING, "config", c->path,
				 n->kids[i]->line, n->kids[i]->col,
				 "unknown setting '%s' for field '%s' (known: type, values, pattern, min, max, required_from)",
				 k, f->name);
		}
	}
	if (f->type == FT_ENUM && !f->nvalues)
		CERR(key, "enum field '%s' needs 'values: [...]'", f->name);
	c->nfields++;
}

static void
parse_fields(struct config *c, const struct ynode *n, struct diag_list *diags)
{
	if (n->type != YNODE_MAP) {
		CERR(n, "fields must be a mapping of field names to '{ type: ... }'");
		return;
	}
	c->fields = xcalloc(n->nkids / 2 + 1, sizeof(*c->fields));
	for (size_t i = 0; i + 1 < n->nkids; i += 2)
		parse_field(c, n->kids[i], n->kids[i + 1], diags);
}

static void
parse_rules(struct config *c, const struct ynode *n, struct diag_list *diags)
{
	if (n->type != YNODE_MAP) {
		CERR(n, "rules must be a mapping of rule ids to off, warning, error or settings");
		return;
	}
	c->rules = xcalloc(n->nkids / 2 + 1, sizeof(*c->rules));
	for (size_t i = 0; i + 1 < n->nkids; i += 2) {
		struct rule_setting *r = &c->rules[c->nrules];
		const struct ynode *v = n->kids[i + 1];

		r->id = n->kids[i]->text;
		r->line = n->kids[i]->line;
		r->col = n->kids[i]->col;
		r->severity = -1;
		if (v->type == YNODE_SCALAR) {
			r->severity = severity_parse(v->text);
			if (r->severity < 0) {
				CERR(v, "rule '%s': use off, warning or error", r->id);
				continue;
			}
		} else if (v->type == YNODE_MAP) {
			const struct ynode *s = ynode_get(v, "severity");

			r->settings = v;
			if (s && (r->severity = severity_parse(ynode_str(s) ? s->text : "")) < 0) {
				CERR(s, "rule '%s': severity is off, warning or error", r->id);
				continue;
			}
		} else {
			CERR(v, "rule '%s': use off, warning, error or a mapping of settings", r->id);
			continue;
		}
		c->nrules++;
	}
}

/* Every mapping key in docket.yaml must be a plain name; returns the
 * first offending key node, or NULL. */
static const struct ynode *
bad_key(const struct ynode *n)
{
	const struct ynode *b;

	for (size_t i = 0; i < n->nkids; i++) {
		if (n->type == YNODE_MAP && i % 2 == 0 &&
		    (n->kids[i]->type != YNODE_SCALAR || !n->kids[i]->text))
			return n->kids[i];
		if ((b = bad_key(n->kids[i])))
			return b;
	}
	return NULL;
}

int
config_prefix_valid(const char *p)
{
	size_t n = 0;

	if (!(*p >= 'A' && *p <= 'Z'))
		return 0;
	for (; *p; p++, n++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			return 0;
	return n <= CONFIG_PREFIX_MAX;
}

/* The items folder: a relative path of plain names inside the work
 * tree: not absolute, no "." or ".." segment, not in .git, no empty
 * segment (no trailing or doubled '/'), no control character or '\'. */
static const char *
items_dir_problem(const char *p)
{
	const char *seg = p;

	if (!*p)
		return "is empty";
	if (*p == '/')
		return "is an absolute path";
	for (const char *q = p; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == '\\' || *q == 0x7f)
			return "holds a control character or a backslash";
	for (;;) {
		size_t n = strcspn(seg, "/");

		if (n == 0)
			return "has an empty segment (a trailing or doubled '/')";
		if ((n == 1 && seg[0] == '.') || (n == 2 && !strncmp(seg, "..", 2)))
			return "has a '.' or '..' segment";
		if (n == 4 && !strncmp(seg, ".git", 4))
			return "is inside .git, which git manages itself";
		if (!seg[n])
			return NULL;
		seg += n + 1;
	}
}

int
config_parse(struct config *c, const char *path, const char *data, size_t len,
	     struct diag_list *diags)
{
	static const char *const known[] = {
		"prefix", "items", "owners", "cycle", "goals",
		"definition_of_done", "score", "fields", "rules", "commit",
		"cycle_name", "campaigns", "import", "docs_url",
	};
	const struct ynode *import = NULL;
	struct ynode_opts yo = YNODE_OPTS_INIT;
	struct diag_list err = DIAG_LIST_INIT;
	int line, col;
	size_t before = diag_list_count(diags, SEV_ERROR), bom = 0;
	const struct ynode *r;

	config_init(c);
	c->path = xstrdup(path);
	c->data = xmemdup0(data, len);
	c->len = len;
	if (utf8_check(c->data, len, &line, &col)) {
		diag_add(diags, SEV_ERROR, "config", path, line, col,
			 "invalid UTF-8; save docket.yaml as UTF-8");
		return DK_EINVALID;
	}
	/* a byte-order mark is accepted, as in items (libyaml then stopped
	 * at the first line: "did not find expected <document start>") */
	if (len >= 3 && !memcmp(c->data, "\xef\xbb\xbf", 3))
		bom = 3;
	if (ynode_parse(&c->root, c->data + bom, len - bom, &yo, &err)) {
		diag_list_move_as(diags, &err, "config", path);
		return DK_EINVALID;
	}
	r = c->root;
	if (!r || r->type != YNODE_MAP) {
		diag_add(diags, SEV_ERROR, "config", path, r ? r->line : 1,
			 r ? r->col : 1,
			 "docket.yaml must be a mapping with at least 'prefix: MKT'");
		return DK_EINVALID;
	}
	if ((r = bad_key(c->root))) {
		CERR(r, "keys in docket.yaml must be names, not a %s",
		     ynode_kind_name(ynode_kind(r)));
		return DK_EINVALID;
	}
	r = c->root;
	for (size_t i = 0; i + 1 < r->nkids; i += 2) {
		const struct ynode *k = r->kids[i], *v = r->kids[i + 1];
		const char *key = k->text;
		int b;

		if (!strcmp(key, "prefix")) {
			c->prefix = scalar_str(c, v, "prefix", diags);
			if (c->prefix && !config_prefix_valid(c->prefix)) {
				CERR(v, "prefix must be " CONFIG_PREFIX_RULE);
				c->prefix = NULL;
			}
		} else if (!strcmp(key, "items")) {
			const char *s = scalar_str(c, v, "items", diags);
			const char *why = s ? items_dir_problem(s) : NULL;

			if (why)
				CERR(v, "items must be a folder inside the repository, like 'backlog': '%s' %s",
				     s, why);
			else if (s)
				c->items = s;
		} else if (!strcmp(key, "owners")) {
			parse_owners(c, v, diags);
		} else if (!strcmp(key, "cycle")) {
			parse_cycle(c, v, diags);
		} else if (!strcmp(key, "cycle_name")) {
			parse_cycle_name(c, v, diags);
		} else if (!strcmp(key, "campaigns")) {
			parse_campaigns(c, v, diags);
		} else if (!strcmp(key, "goals")) {
			parse_goals(c, v, diags);
		} else if (!strcmp(key, "definition_of_done")) {
			parse_dod(c, v, diags);
		} else if (!strcmp(key, "score")) {
			if (score_kind_parse(&c->score, ynode_str(v)))
				CERR(v, "score must be wsjf, rice, ice or value-per-effort");
		} else if (!strcmp(key, "fields")) {
			parse_fields(c, v, diags);
		} else if (!strcmp(key, "rules")) {
			parse_rules(c, v, diags);
		} else if (!strcmp(key, "import")) {
			import = v;     /* after fields:, which it may name */
		} else if (!strcmp(key, "docs_url")) {
			const char *s = scalar_str(c, v, "docs_url", diags);
			const char *why = s ? url_http_problem(s) : NULL;

			if (why)
				CERR(v, "docs_url must be an http:// or https:// URL, like 'https://wiki.example.com/docket-rules': '%s' %s",
				     s, why);
			else if (s)
				c->docs_url = s;
		} else if (!strcmp(key, "commit")) {
			if (ynode_bool(v, &b))
				CERR(v, "commit must be true or false");
			else
				c->commit = b;
		} else {
			const char *best = NULL;

			for (size_t j = 0; j < ARRAY_SIZE(known); j++)
				if (!strncmp(known[j], key, 3))
					best = known[j];
			diag_add(diags, SEV_WARNING, "config", path, k->line, k->col,
				 "unknown key '%s'%s%s%s", key,
				 best ? " (did you mean '" : "", best ? best : "",
				 best ? "'?)" : "");
		}
	}
	if (import) {
		c->import = xmalloc(sizeof(*c->import));
		import_rules_init(c->import);
		import_rules_parse(c->import, import, path, "config", c, diags);
	}
	/* the max: of each rule that takes one, checked where check
	 * reads it */
	for (int i = 0; i < RULE_COUNT; i++)
		if (check_rules[i].has_max) {
			double d;

			check_rule_max(&d, c, (enum check_rule)i, diags);
		}
	if (!c->prefix && !ynode_get(r, "prefix"))
		diag_add(diags, SEV_ERROR, "config", path, 1, 1,
			 "docket.yaml needs 'prefix: MKT' (the letters of every id)");
	return diag_list_count(diags, SEV_ERROR) > before ? DK_EINVALID : 0;
}

const struct field_def *
config_field(const struct config *c, const char *name)
{
	for (size_t i = 0; i < c->nfields; i++)
		if (!strcmp(c->fields[i].name, name))
			return &c->fields[i];
	return NULL;
}

const struct rule_setting *
config_rule(const struct config *c, const char *id)
{
	for (size_t i = 0; i < c->nrules; i++)
		if (!strcmp(c->rules[i].id, id))
			return &c->rules[i];
	return NULL;
}

const struct goal *
config_goal(const struct config *c, const char *key)
{
	for (size_t i = 0; key && i < c->ngoals; i++)
		if (!strcmp(c->goals[i].key, key))
			return &c->goals[i];
	return NULL;
}

int
config_is_owner(const struct config *c, const char *name, const char *email)
{
	for (size_t i = 0; i < c->nowners; i++) {
		const struct owner *o = &c->owners[i];

		if (email && o->email && !strcasecmp(o->email, email))
			return 1;
		if (name && o->name && !o->email && !strcmp(o->name, name))
			return 1;
	}
	return 0;
}

char *
config_template(const char *prefix)
{
	return xasprintf(
		"# docket configuration: see `docket help` and the README.\n"
		"prefix: %s                    # ids are %s-1, %s-2, ...\n"
		"items: backlog                 # folder of items, ORDER and cycles/\n"
		"# owners:                      # Marketing Owner(s): may change ORDER\n"
		"#   - name: Dana Reyes\n"
		"#     email: dana@example.com\n"
		"cycle: { length_days: 14, capacity: 20 }\n"
		"# goals:\n"
		"#   pipeline: 50 qualified leads per quarter\n"
		"definition_of_done: []\n"
		"score: wsjf                    # wsjf | rice | ice | value-per-effort\n",
		prefix, prefix, prefix);
}
