/*
 * config: docket.yaml (docs/reference.md).
 *
 * config_parse reads the file's bytes into a struct config; every problem
 * is a diag with rule "config" at the offending line and column.  The
 * config owns its copy of the bytes, its YAML tree, and everything the
 * fields below point to; config_release frees it all.
 */
#ifndef DOCKET_CONFIG_H
#define DOCKET_CONFIG_H

#include <stddef.h>

#include "core/diag.h"
#include "core/ynode.h"

struct regex;

enum field_type {
	FT_STRING,
	FT_INTEGER,
	FT_NUMBER,
	FT_BOOLEAN,
	FT_DATE,
	FT_ENUM,
	FT_LIST,
	FT_ID,
};

struct field_def {
	const char *name;
	enum field_type type;
	const char *const *values;   /* enum values (borrowed) */
	size_t nvalues;
	const char *pattern;         /* PCRE2 source, or NULL */
	struct regex *re;            /* compiled pattern (owned), or NULL */
	double min, max;
	int has_min, has_max;
	int required_from;           /* an enum item_status, or -1 */
	int line, col;               /* where it is declared */
};

struct owner {
	const char *name;
	const char *email;
};

struct goal {
	const char *key;
	const char *description;
};

struct rule_setting {
	const char *id;
	int severity;                /* enum severity, or -1: the default */
	const struct ynode *settings;/* the mapping given, or NULL */
	int line, col;
};

/* A campaign's settings (`campaigns:`): its due date. */
struct campaign {
	const char *name;
	long due;                    /* day number, or -1 */
	int line, col;
};

/* The working days of the week: bit d for day d, 0 = Monday. */
#define CONFIG_WORKDAYS_DEFAULT 0x1fu   /* Monday to Friday */

/* The default cycle_name: the start date. */
#define CONFIG_CYCLE_NAME_DEFAULT "%Y-%m-%d"

enum score_kind {
	SCORE_WSJF,
	SCORE_RICE,
	SCORE_ICE,
	SCORE_VALUE_PER_EFFORT,
};

struct config {
	char *path;                  /* "docket.yaml" relative to the repo root */
	char *data;
	size_t len;
	struct ynode *root;
	const char *prefix;
	const char *items;           /* items folder, relative to docket.yaml */
	struct owner *owners;
	size_t nowners;
	int cycle_length_days;
	double cycle_capacity;
	unsigned cycle_workdays;     /* cycle.working_days (bits, Monday = 0) */
	const char *cycle_name;      /* strftime pattern on the start date */
	struct goal *goals;
	size_t ngoals;
	const char **dod;            /* the list (or the mapping's default) */
	size_t ndod;
	/* definition_of_done as a mapping by type: per enum item_type
	 * (experiment, bau, improvement), used when have_dod_type[t] */
	const char **dod_type[3];
	size_t ndod_type[3];
	int have_dod_type[3];
	struct campaign *campaigns;
	size_t ncampaigns;
	/* import: (core/import_rules.h), or NULL when docket.yaml has none */
	struct import_rules *import;
	enum score_kind score;
	struct field_def *fields;
	size_t nfields;
	struct rule_setting *rules;
	size_t nrules;
	int commit;                  /* commit after changes (default 1) */
	/* docs_url: the page documenting the rules (an http(s) URL,
	 * core/url.h), or NULL; SARIF's helpUri is it plus "#RULE" */
	const char *docs_url;
	const char **dod_store;
};

/* The prefix of ids (`prefix:`): 1 to 10 ASCII capital letters and
 * digits, starting with a letter.  Every id docket makes (PREFIX-N)
 * is then one its own reader accepts. */
#define CONFIG_PREFIX_MAX 10
#define CONFIG_PREFIX_RULE \
	"1 to 10 capital letters (A-Z) and digits, starting with a letter, like MKT"
int config_prefix_valid(const char *p);

void config_init(struct config *c);
void config_release(struct config *c);
/* Parse docket.yaml; data is copied. Returns 0 or DK_EINVALID (diags
 * say why). On error the config may be partly filled, and must still be
 * released. */
int config_parse(struct config *c, const char *path, const char *data,
		 size_t len, struct diag_list *diags);
const struct field_def *config_field(const struct config *c, const char *name);
const struct rule_setting *config_rule(const struct config *c, const char *id);
const struct goal *config_goal(const struct config *c, const char *key);
/* The settings of campaign name, or NULL. */
const struct campaign *config_campaign(const struct config *c,
				       const char *name);
/* The Definition of Done of an item of type t (an enum item_type): the
 * mapping's list for t, else the list (or the mapping's default). */
const char *const *config_dod(const struct config *c, int type, size_t *n);
/* The name pattern gives for a cycle starting on day: 0, or -1 when
 * the pattern has a conversion other than a date's or the result is not
 * a cycle name (1-64 letters, digits, '.', '_', '-'). */
int config_cycle_name(char *out, size_t len, const char *pattern, long day);
/* Is day (a day number) a working day? */
int config_workday(const struct config *c, long day);
/* Working days from day a to day b, both included (0 when b < a). */
long config_workdays_between(const struct config *c, long a, long b);
int config_is_owner(const struct config *c, const char *name, const char *email);

const char *score_kind_name(enum score_kind k);
int score_kind_parse(enum score_kind *out, const char *s);

/* A default docket.yaml for `docket init` (malloc'ed). */
char *config_template(const char *prefix);

#endif
