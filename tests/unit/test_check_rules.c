/*
 * Unit tests for core/check: every rule of SPEC 8 with at least one
 * failing and one passing case, and the severity overrides of
 * docket.yaml `rules:`.
 *
 * Each case starts from a clean backlog held in memory (base_files:
 * docket.yaml, one ready experiment MKT-1, ORDER and a cycle) and adds
 * or replaces a few files.  The whole list of findings is compared, as
 * "severity rule file:line:col" lines, so a case also proves that
 * nothing else is reported.  A case may also require a fragment of a
 * message (the "how to fix" part).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>

#include "test_check_fixture.h"

#define CONFIG \
	"prefix: MKT\n" \
	"owners:\n" \
	"  - name: Dana Reyes\n" \
	"    email: dana@example.com\n" \
	"goals:\n" \
	"  pipeline: 50 qualified leads\n" \
	"fields:\n" \
	"  channel: { type: enum, values: [email, social] }\n" \
	"  region: { type: string, pattern: '^[A-Z]{2}$' }\n" \
	"  budget: { type: integer, min: 0, max: 1000, required_from: planned }\n"

#define MKT1 \
	"---\n" \
	"id: MKT-1\n" \
	"title: Video teaser\n" \
	"type: experiment\n" \
	"status: ready\n" \
	"effort: 3\n" \
	"customer_value: 7\n" \
	"business_value: 8\n" \
	"goal: pipeline\n" \
	"hypothesis: A teaser brings leads\n" \
	"metric: leads\n" \
	"target: 50\n" \
	"---\n" \
	"Why.\n" \
	"\n" \
	"## Definition of Done\n" \
	"- [ ] Copy reviewed\n"

#define CYCLE \
	"---\n" \
	"name: 2026-12\n" \
	"start: 2026-11-30\n" \
	"end: 2026-12-11\n" \
	"capacity: 20\n" \
	"goal: Launch the app\n" \
	"committed: [MKT-1]\n" \
	"---\n"

/* An idea (an experiment, so it counts for bau-share as not bau):
 * fields from line 6 on. */
#define IDEA(n, more) \
	"---\nid: MKT-" n "\ntitle: T\ntype: experiment\nstatus: idea\n" more "---\n"
/* The same of type bau. */
#define BAU_IDEA(n, more) \
	"---\nid: MKT-" n "\ntitle: T\ntype: bau\nstatus: idea\n" more "---\n"
/* A bau item with status st and every value required from ready on
 * (budget too): fields from line 10 on. */
#define BAU(n, st, more) \
	"---\nid: MKT-" n "\ntitle: T\ntype: bau\nstatus: " st "\n" \
	"effort: 2\ncustomer_value: 3\nbusiness_value: 3\nbudget: 5\n" more "---\n"
/* A complete experiment with status st: fields from line 13 on. */
#define EXP(n, st, more) \
	"---\nid: MKT-" n "\ntitle: T\ntype: experiment\nstatus: " st "\n" \
	"effort: 2\ncustomer_value: 3\nbusiness_value: 3\nbudget: 5\n" \
	"hypothesis: H\nmetric: M\ntarget: 5\n" more "---\n"
/* Planned, without budget. */
#define NO_BUDGET(n) \
	"---\nid: MKT-" n "\ntitle: T\ntype: bau\nstatus: planned\n" \
	"effort: 2\ncustomer_value: 3\nbusiness_value: 3\n---\n"

#define DONE_BODY "\n## Definition of Done\n- [x] Copy reviewed\n"

struct tcase {
	const char *name;
	const char *want;          /* the findings, exactly */
	const char *msg;           /* a fragment a message must hold, or NULL */
	struct memfile files[5];
};

static const struct tcase cases[] = {
	/* ---- the base itself ------------------------------------------ */
	{ "base is clean", "", NULL, { { NULL, NULL } } },

	/* ---- syntax ---------------------------------------------------- */
	{ "syntax: invalid YAML",
	  "error syntax backlog/MKT-2.md:4:7\n", NULL,
	  { { "backlog/MKT-2.md", "---\nid: MKT-2\ntitle: [oops\nstatus: idea\n---\n" } } },
	{ "syntax: no front matter",
	  "error syntax backlog/MKT-2.md:1:1\n", "must start with a line '---'",
	  { { "backlog/MKT-2.md", "id: MKT-2\n" } } },
	{ "syntax: pass", "", NULL,
	  { { "backlog/MKT-2.md", IDEA("2", "") } } },
	{ "syntax: a broken item in ORDER is reported once",
	  "error syntax backlog/MKT-2.md:4:7\n", NULL,
	  { { "backlog/MKT-2.md", "---\nid: MKT-2\ntitle: [oops\nstatus: idea\n---\n" },
	    { "backlog/ORDER", "MKT-1\nMKT-2\n" } } },

	/* ---- config ---------------------------------------------------- */
	{ "config: bad pattern at its line",
	  "error config docket.yaml:11:34\n", "missing closing parenthesis",
	  { { "docket.yaml", CONFIG "  code: { type: string, pattern: '(' }\n" } } },
	{ "config: unreadable docket.yaml is the only finding",
	  "error config docket.yaml:2:1\n", NULL,
	  { { "docket.yaml", "prefix: [MKT\n" },
	    { "backlog/MKT-2.md", IDEA("2", "channel: email\ngoal: pipeline\n") } } },
	{ "config: pass", "", NULL,
	  { { "docket.yaml", CONFIG "  code: { type: string, pattern: '^[a-z]+$' }\n" } } },

	/* ---- required -------------------------------------------------- */
	{ "required: missing title",
	  "error required backlog/MKT-2.md:1:1\n", "add 'title: a short name'",
	  { { "backlog/MKT-2.md", "---\nid: MKT-2\ntype: bau\nstatus: idea\n---\n" } } },
	{ "required: empty title at its key",
	  "error required backlog/MKT-2.md:3:1\n", "'title' is empty",
	  { { "backlog/MKT-2.md", "---\nid: MKT-2\ntitle:\ntype: bau\nstatus: idea\n---\n" } } },
	{ "required: effort from ready on",
	  "error required backlog/MKT-2.md:1:1\n", "required from 'ready' on",
	  { { "backlog/MKT-2.md", "---\nid: MKT-2\ntitle: T\ntype: bau\nstatus: ready\n"
			      "customer_value: 3\nbusiness_value: 3\n---\n" } } },
	{ "required: stop_reason when stopped",
	  "error required backlog/MKT-2.md:1:1\n", "stop_reason",
	  { { "backlog/MKT-2.md", "---\nid: MKT-2\ntitle: T\ntype: bau\nstatus: stopped\n---\n" } } },
	{ "required: blocked_reason when blocked",
	  "error required backlog/MKT-2.md:1:1\n", "blocked_reason",
	  { { "backlog/MKT-2.md", BAU("2", "blocked", "") } } },
	{ "required: declared field with required_from",
	  "error required backlog/MKT-2.md:1:1\n", "'budget'",
	  { { "backlog/MKT-2.md", NO_BUDGET("2") } } },
	{ "required: pass (an idea needs no effort)", "", NULL,
	  { { "backlog/MKT-2.md", IDEA("2", "") } } },
	{ "required: pass (stopped with a reason)", "", NULL,
	  { { "backlog/MKT-2.md", IDEA("2", "stop_reason: no lift\n") } } },
	{ "required: pass (planned with budget)", "", NULL,
	  { { "backlog/MKT-2.md", BAU("2", "planned", "") } } },

	/* ---- type ------------------------------------------------------ */
	{ "type: effort is text",
	  "error type backlog/MKT-2.md:6:9\n", "must be a number above 0",
	  { { "backlog/MKT-2.md", IDEA("2", "effort: big\n") } } },
	{ "type: effort is quoted",
	  "error type backlog/MKT-2.md:6:9\n", "quoted",
	  { { "backlog/MKT-2.md", IDEA("2", "effort: \"3\"\n") } } },
	{ "type: value is not whole",
	  "error type backlog/MKT-2.md:6:17\n", "whole number from 1 to 10",
	  { { "backlog/MKT-2.md", IDEA("2", "customer_value: 3.5\n") } } },
	{ "type: tags not a list",
	  "error type backlog/MKT-2.md:6:7\n", "a list like [a, b]",
	  { { "backlog/MKT-2.md", IDEA("2", "tags: video\n") } } },
	{ "type: title on two lines",
	  "error type backlog/MKT-2.md:3:8\n", "one line",
	  { { "backlog/MKT-2.md", "---\nid: MKT-2\ntitle: |\n  a\n  b\ntype: bau\nstatus: idea\n---\n" } } },
	{ "type: date not YYYY-MM-DD",
	  "error type backlog/MKT-2.md:6:10\n", "YYYY-MM-DD",
	  { { "backlog/MKT-2.md", IDEA("2", "created: 2/3/2026\n") } } },
	{ "type: pass", "", NULL,
	  { { "backlog/MKT-2.md", IDEA("2", "effort: 2.5\ntags: [a, b]\nmvl: true\n"
				       "created: 2026-01-31\ntarget: 5%\nbudget: 7\n") } } },

	/* ---- enum ------------------------------------------------------ */
	{ "enum: status",
	  "error enum backlog/MKT-2.md:5:9\n", "not one of idea, ready",
	  { { "backlog/MKT-2.md", "---\nid: MKT-2\ntitle: T\ntype: bau\nstatus: wip\n---\n" } } },
	{ "enum: declared values, with a suggestion",
	  "error enum backlog/MKT-2.md:6:10\n", "did you mean 'email'?",
	  { { "backlog/MKT-2.md", IDEA("2", "channel: emial\n") } } },
	{ "enum: pass", "", NULL,
	  { { "backlog/MKT-2.md", BAU("2", "blocked", "blocked_reason: legal\nchannel: social\n") } } },

	/* ---- range ----------------------------------------------------- */
	{ "range: value above 10",
	  "error range backlog/MKT-2.md:6:17\n", "from 1 to 10",
	  { { "backlog/MKT-2.md", IDEA("2", "customer_value: 11\n") } } },
	{ "range: effort 0",
	  "error range backlog/MKT-2.md:6:9\n", "above 0",
	  { { "backlog/MKT-2.md", IDEA("2", "effort: 0\n") } } },
	{ "range: declared max",
	  "error range backlog/MKT-2.md:6:9\n", "from 0 to 1000",
	  { { "backlog/MKT-2.md", IDEA("2", "budget: 2000\n") } } },
	{ "range: no such date",
	  "error range backlog/MKT-2.md:6:10\n", "not a calendar date",
	  { { "backlog/MKT-2.md", IDEA("2", "created: 2026-02-30\n") } } },
	{ "range: pass", "", NULL,
	  { { "backlog/MKT-2.md", IDEA("2", "customer_value: 10\nbudget: 1000\ncreated: 2024-02-29\n") } } },

	/* ---- pattern --------------------------------------------------- */
	{ "pattern: region",
	  "error pattern backlog/MKT-2.md:6:9\n", "'^[A-Z]{2}$'",
	  { { "backlog/MKT-2.md", IDEA("2", "region: usa\n") } } },
	{ "pattern: pass", "", NULL,
	  { { "backlog/MKT-2.md", IDEA("2", "region: DE\n") } } },

	/* ---- unknown-field --------------------------------------------- */
	{ "unknown-field: a typo, with a suggestion",
	  "warning unknown-field backlog/MKT-2.md:6:1\n",
	  "unknown field 'tittle'; did you mean 'title'? (declare new fields under fields: in docket.yaml)",
	  { { "backlog/MKT-2.md", IDEA("2", "tittle: T\n") } } },
	{ "unknown-field: a declared field is known",
	  "warning unknown-field backlog/MKT-2.md:6:1\n", "did you mean 'region'?",
	  { { "backlog/MKT-2.md", IDEA("2", "regoin: DE\n") } } },
	{ "unknown-field: pass", "", NULL,
	  { { "backlog/MKT-2.md", IDEA("2", "channel: email\n") } } },

	/* ---- id-format ------------------------------------------------- */
	{ "id-format: leading zero",
	  "error id-format backlog/MKT-02.md:2:5\n", "not an id",
	  { { "backlog/MKT-02.md", "---\nid: MKT-02\ntitle: T\ntype: bau\nstatus: idea\n---\n" } } },
	{ "id-format: another prefix",
	  "error id-format backlog/ADS-2.md:2:5\n", "prefix 'MKT'",
	  { { "backlog/ADS-2.md", "---\nid: ADS-2\ntitle: T\ntype: bau\nstatus: idea\n---\n" } } },
	{ "id-format: in depends_on",
	  "error id-format backlog/MKT-2.md:6:14\n", NULL,
	  { { "backlog/MKT-2.md", IDEA("2", "depends_on: [mkt 1]\n") } } },
	{ "id-format: pass", "", NULL,
	  { { "backlog/MKT-12.md", IDEA("12", "") } } },

	/* ---- id-filename ----------------------------------------------- */
	{ "id-filename: another id",
	  "error id-filename backlog/MKT-2.md:2:5\n", "rename the file to MKT-3.md",
	  { { "backlog/MKT-2.md", IDEA("3", "") } } },
	{ "id-filename: a name that is no id",
	  "error id-filename backlog/notes.md:2:5\n", NULL,
	  { { "backlog/notes.md", IDEA("2", "") } } },
	{ "id-filename: pass (id and slug)", "", NULL,
	  { { "backlog/MKT-2-teaser.md", IDEA("2", "") } } },

	/* ---- duplicate-id ---------------------------------------------- */
	{ "duplicate-id: each file is named",
	  "error duplicate-id backlog/MKT-2-copy.md:2:5\n"
	  "error duplicate-id backlog/MKT-2.md:2:5\n",
	  "also used by backlog/MKT-2-copy.md",
	  { { "backlog/MKT-2.md", IDEA("2", "") },
	    { "backlog/MKT-2-copy.md", IDEA("2", "") } } },
	{ "duplicate-id: pass", "", NULL,
	  { { "backlog/MKT-2.md", IDEA("2", "") },
	    { "backlog/MKT-3.md", IDEA("3", "") } } },

	/* ---- order-* --------------------------------------------------- */
	{ "order-unknown",
	  "error order-unknown backlog/ORDER:2:1\n", "no item MKT-9",
	  { { "backlog/ORDER", "MKT-1\nMKT-9\n" } } },
	{ "order-unknown: pass (comments, blank lines)", "", NULL,
	  { { "backlog/ORDER", "# top\nMKT-1   # the teaser\n\n" } } },
	{ "order-duplicate",
	  "error order-duplicate backlog/ORDER:2:3\n", "first on line 1",
	  { { "backlog/ORDER", "MKT-1\n  MKT-1\n" } } },
	{ "order-duplicate: pass", "", NULL,
	  { { "backlog/MKT-2.md", IDEA("2", "") },
	    { "backlog/ORDER", "MKT-1\nMKT-2\n" } } },
	{ "order-closed",
	  "error order-closed backlog/ORDER:2:1\n", "MKT-2 is done",
	  { { "backlog/MKT-2.md", BAU("2", "done", "") DONE_BODY },
	    { "backlog/ORDER", "MKT-1\nMKT-2\n" } } },
	{ "order-closed: pass", "", NULL,
	  { { "backlog/MKT-2.md", BAU("2", "done", "") DONE_BODY } } },
	{ "order-conflict",
	  "error order-conflict backlog/ORDER:1:1\n", "merge-conflict markers",
	  { { "backlog/ORDER", "<<<<<<< ours\nMKT-1\n=======\n>>>>>>> theirs\n" } } },
	{ "order-conflict: pass", "", NULL,
	  { { "backlog/ORDER", "# <<<<<<< is a comment here\nMKT-1\n" } } },

	/* ---- ref-unknown ----------------------------------------------- */
	{ "ref-unknown: depends_on",
	  "error ref-unknown backlog/MKT-2.md:6:14\n", "no item MKT-9",
	  { { "backlog/MKT-2.md", IDEA("2", "depends_on: [MKT-9]\n") } } },
	{ "ref-unknown: follows",
	  "error ref-unknown backlog/MKT-2.md:6:10\n", NULL,
	  { { "backlog/MKT-2.md", IDEA("2", "follows: MKT-9\n") } } },
	{ "ref-unknown: cycle",
	  "error ref-unknown backlog/MKT-2.md:6:8\n", "cycles/2026-99.md",
	  { { "backlog/MKT-2.md", IDEA("2", "cycle: 2026-99\n") } } },
	{ "ref-unknown: committed in a cycle file",
	  "error ref-unknown backlog/cycles/2026-12.md:7:20\n", NULL,
	  { { "backlog/cycles/2026-12.md",
	      "---\nname: 2026-12\nstart: 2026-11-30\nend: 2026-12-11\ncapacity: 20\n"
	      "goal: G\ncommitted: [MKT-1, MKT-9]\n---\n" } } },
	{ "ref-unknown: pass", "", NULL,
	  { { "backlog/MKT-2.md", IDEA("2", "depends_on: [MKT-1]\nfollows: MKT-1\ncycle: 2026-12\n") } } },

	/* ---- dependency-cycle ------------------------------------------ */
	{ "dependency-cycle: two items, one finding",
	  "error dependency-cycle backlog/MKT-2.md:6:14\n", "MKT-2 → MKT-3 → MKT-2",
	  { { "backlog/MKT-2.md", IDEA("2", "depends_on: [MKT-3]\n") },
	    { "backlog/MKT-3.md", IDEA("3", "depends_on: [MKT-2]\n") } } },
	{ "dependency-cycle: itself",
	  "error dependency-cycle backlog/MKT-2.md:6:14\n", "depends on itself",
	  { { "backlog/MKT-2.md", IDEA("2", "depends_on: [MKT-2]\n") } } },
	{ "dependency-cycle: pass (a chain)", "", NULL,
	  { { "backlog/MKT-2.md", IDEA("2", "depends_on: [MKT-1]\n") },
	    { "backlog/MKT-3.md", IDEA("3", "depends_on: [MKT-2, MKT-1]\n") } } },

	/* ---- dependency-order ------------------------------------------ */
	{ "dependency-order: ranked above its dependency",
	  "warning dependency-order backlog/ORDER:1:1\n", "docket move MKT-1 --before MKT-2",
	  { { "backlog/MKT-2.md", EXP("2", "ready", "depends_on: [MKT-1]\n") },
	    { "backlog/ORDER", "MKT-2\nMKT-1\n" } } },
	{ "dependency-order: the dependency is unranked",
	  "warning dependency-order backlog/ORDER:1:1\n", "not ranked",
	  { { "backlog/MKT-1.md", EXP("1", "ready", "depends_on: [MKT-2]\n") },
	    { "backlog/MKT-2.md", IDEA("2", "") } } },
	{ "dependency-order: pass", "", NULL,
	  { { "backlog/MKT-2.md", EXP("2", "ready", "depends_on: [MKT-1, MKT-3]\n") },
	    { "backlog/MKT-3.md", BAU("3", "done", "") DONE_BODY },
	    { "backlog/ORDER", "MKT-1\nMKT-2\n" } } },

	/* ---- experiment-incomplete, result-missing --------------------- */
	{ "experiment-incomplete",
	  "error experiment-incomplete backlog/MKT-2.md:1:1\n", "has no metric",
	  { { "backlog/MKT-2.md", "---\nid: MKT-2\ntitle: T\nstatus: doing\neffort: 2\n"
			      "customer_value: 3\nbusiness_value: 3\nbudget: 5\nhypothesis: H\n"
			      "target: 5\n---\n" } } },
	{ "experiment-incomplete: pass (an idea)", "", NULL,
	  { { "backlog/MKT-2.md", "---\nid: MKT-2\ntitle: T\nstatus: idea\n---\n" } } },
	{ "result-missing",
	  "error result-missing backlog/MKT-2.md:1:1\n", "result: won",
	  { { "backlog/MKT-2.md", EXP("2", "done", "") DONE_BODY } } },
	{ "result-missing: pass", "", NULL,
	  { { "backlog/MKT-2.md", EXP("2", "done", "result: won\nactual: 7\n") DONE_BODY } } },

	/* ---- dod-unchecked --------------------------------------------- */
	{ "dod-unchecked",
	  "error dod-unchecked backlog/MKT-2.md:15:3\n", "2 Definition-of-Done boxes are unchecked (first: 'Results recorded')",
	  { { "backlog/MKT-2.md", BAU("2", "done", "")
	      "Why.\n\n## Definition of Done\n- [x] Copy reviewed\n- [ ] Results recorded\n"
	      "1. [ ] Shared\n" } } },
	{ "dod-unchecked: pass (fences, other sections)", "", NULL,
	  { { "backlog/MKT-2.md", BAU("2", "done", "")
	      "## Definition of Done\n- [x] Copy reviewed\n```\n- [ ] an example\n```\n"
	      "### Details\n- [X] Deep\n## Notes\n- [ ] later\n" } } },

	/* ---- no-direct-assignment, goal-unknown ------------------------ */
	{ "no-direct-assignment",
	  "error no-direct-assignment backlog/MKT-2.md:6:1\n", "requested_by",
	  { { "backlog/MKT-2.md", IDEA("2", "assignee: Sam\n") } } },
	{ "no-direct-assignment: owner",
	  "error no-direct-assignment backlog/MKT-2.md:6:1\n", NULL,
	  { { "backlog/MKT-2.md", IDEA("2", "owner: Sam\n") } } },
	{ "no-direct-assignment: pass", "", NULL,
	  { { "backlog/MKT-2.md", IDEA("2", "requested_by: Sam\n") } } },
	{ "goal-unknown",
	  "error goal-unknown backlog/MKT-2.md:6:7\n", "did you mean 'pipeline'?",
	  { { "backlog/MKT-2.md", IDEA("2", "goal: pipline\n") } } },
	{ "goal-unknown: pass", "", NULL,
	  { { "backlog/MKT-2.md", IDEA("2", "goal: pipeline\n") } } },

	/* ---- bau-share, max-effort, wip-limit -------------------------- */
	{ "bau-share: over the default 0.5",
	  "warning bau-share docket.yaml:1:1\n", "2 of 3 open items (67%)",
	  { { "backlog/MKT-2.md", BAU_IDEA("2", "") },
	    { "backlog/MKT-3.md", BAU_IDEA("3", "") } } },
	{ "bau-share: at its configured max",
	  "warning bau-share docket.yaml:12:21\n", "over the limit of 10%",
	  { { "docket.yaml", CONFIG "rules:\n  bau-share: { max: 0.1 }\n" },
	    { "backlog/MKT-2.md", BAU_IDEA("2", "") } } },
	{ "bau-share: pass", "", NULL,
	  { { "docket.yaml", CONFIG "rules:\n  bau-share: { max: 0.7 }\n" },
	    { "backlog/MKT-2.md", BAU_IDEA("2", "") },
	    { "backlog/MKT-3.md", BAU_IDEA("3", "") } } },
	{ "max-effort",
	  "warning max-effort backlog/MKT-2.md:6:9\n", "split it",
	  { { "backlog/MKT-2.md", IDEA("2", "effort: 13\n") } } },
	{ "max-effort: pass", "", NULL,
	  { { "backlog/MKT-2.md", IDEA("2", "effort: 8\n") } } },
	{ "wip-limit",
	  "warning wip-limit docket.yaml:12:21\n", "2 items are 'doing', over the WIP limit of 1",
	  { { "docket.yaml", CONFIG "rules:\n  wip-limit: { max: 1 }\n" },
	    { "backlog/MKT-2.md", EXP("2", "doing", "") },
	    { "backlog/MKT-3.md", EXP("3", "doing", "") } } },
	{ "wip-limit: pass", "", NULL,
	  { { "docket.yaml", CONFIG "rules:\n  wip-limit: { max: 1 }\n" },
	    { "backlog/MKT-2.md", BAU("2", "doing", "") } } },

	/* ---- cycle files ----------------------------------------------- */
	{ "cycle-capacity",
	  "error cycle-capacity backlog/cycles/2026-12.md:7:12\n", "3 points of effort, over its capacity of 2",
	  { { "backlog/cycles/2026-12.md",
	      "---\nname: 2026-12\nstart: 2026-11-30\nend: 2026-12-11\ncapacity: 2\n"
	      "goal: G\ncommitted: [MKT-1]\n---\n" } } },
	{ "cycle-capacity: pass", "", NULL,
	  { { "backlog/cycles/2026-12.md",
	      "---\nname: 2026-12\nstart: 2026-11-30\nend: 2026-12-11\ncapacity: 3\n"
	      "committed: [MKT-1]\n---\n" } } },
	/* the work left counts: remaining of a started item, nothing of a
	 * done one (2 + 1 + 0 against 3) */
	{ "cycle-capacity: remaining effort of what is open", "", NULL,
	  { { "backlog/cycles/2026-12.md",
	      "---\nname: 2026-12\nstart: 2026-11-30\nend: 2026-12-11\ncapacity: 3\n"
	      "committed: [MKT-2, MKT-3, MKT-4]\n---\n" },
	    { "backlog/MKT-2.md", EXP("2", "planned", "") },
	    { "backlog/MKT-3.md", EXP("3", "doing", "remaining: 1\n") },
	    { "backlog/MKT-4.md", EXP("4", "done", "result: won\n") } } },
	{ "cycle-capacity: over with remaining",
	  "error cycle-capacity backlog/cycles/2026-12.md:6:12\n", "3.5 points of effort, over its capacity of 3",
	  { { "backlog/cycles/2026-12.md",
	      "---\nname: 2026-12\nstart: 2026-11-30\nend: 2026-12-11\ncapacity: 3\n"
	      "committed: [MKT-2, MKT-3]\n---\n" },
	    { "backlog/MKT-2.md", EXP("2", "planned", "") },
	    { "backlog/MKT-3.md", EXP("3", "doing", "remaining: 1.5\n") } } },
	{ "remaining: 0 or more",
	  "error range backlog/MKT-2.md:10:12\n", "it must be 0 or more",
	  { { "backlog/MKT-2.md", BAU("2", "doing", "remaining: -1\n") } } },
	{ "cycle file: name, dates and keys",
	  "error id-filename backlog/cycles/2026-12.md:2:7\n"
	  "error range backlog/cycles/2026-12.md:4:6\n"
	  "warning unknown-field backlog/cycles/2026-12.md:5:1\n",
	  "did you mean 'capacity'?",
	  { { "backlog/cycles/2026-12.md",
	      "---\nname: 2026-13\nstart: 2026-11-30\nend: 2026-11-01\ncapacty: 3\n---\n" } } },
	{ "cycle file: required start",
	  "error required backlog/cycles/2026-12.md:1:1\n", "'start'",
	  { { "backlog/cycles/2026-12.md", "---\nname: 2026-12\nend: 2026-11-01\n---\n" } } },

	/* ---- severity overrides ---------------------------------------- */
	{ "rules: a warning made an error",
	  "error unknown-field backlog/MKT-2.md:6:1\n", NULL,
	  { { "docket.yaml", CONFIG "rules:\n  unknown-field: error\n" },
	    { "backlog/MKT-2.md", IDEA("2", "tittle: T\n") } } },
	{ "rules: off removes findings",
	  "", NULL,
	  { { "docket.yaml", CONFIG "rules:\n  max-effort: off\n  no-direct-assignment: off\n" },
	    { "backlog/MKT-2.md", IDEA("2", "effort: 13\nassignee: Sam\n") } } },
	{ "rules: applies to the loader's findings",
	  "warning order-conflict backlog/ORDER:1:1\n", NULL,
	  { { "docket.yaml", CONFIG "rules:\n  order-conflict: warning\n" },
	    { "backlog/ORDER", "<<<<<<< ours\nMKT-1\n>>>>>>> theirs\n" } } },
	{ "rules: settings and severity together",
	  "error max-effort backlog/MKT-2.md:6:9\n", "over the limit of 20",
	  { { "docket.yaml", CONFIG "rules:\n  max-effort: { max: 20, severity: error }\n" },
	    { "backlog/MKT-2.md", IDEA("2", "effort: 21\n") } } },
	{ "rules: syntax cannot be turned off",
	  "error syntax backlog/MKT-2.md:1:1\nwarning config docket.yaml:12:3\n",
	  "cannot be changed",
	  { { "docket.yaml", CONFIG "rules:\n  syntax: off\n" },
	    { "backlog/MKT-2.md", "no front matter\n" } } },
	{ "rules: an unknown rule, with a suggestion",
	  "warning config docket.yaml:12:3\n", "did you mean 'wip-limit'?",
	  { { "docket.yaml", CONFIG "rules:\n  wip-limt: off\n" } } },
	{ "rules: a bad setting",
	  "error config docket.yaml:12:21\nwarning config docket.yaml:13:17\n", "whole number",
	  { { "docket.yaml", CONFIG "rules:\n  wip-limit: { max: 1.5 }\n  max-effort: { maxx: 3 }\n" } } },
};

static void
run_case(void **state)
{
	const struct tcase *c = *state;
	struct memfs fs;
	char *got, *msgs;

	memset(&fs, 0, sizeof(fs));
	memfs_put(&fs, "docket.yaml", CONFIG);
	memfs_put(&fs, "backlog/MKT-1.md", MKT1);
	memfs_put(&fs, "backlog/ORDER", "MKT-1\n");
	memfs_put(&fs, "backlog/cycles/2026-12.md", CYCLE);
	for (size_t i = 0; i < ARRAY_SIZE(c->files) && c->files[i].path; i++)
		memfs_put(&fs, c->files[i].path, c->files[i].data);
	got = check_mem(&fs, NULL, &msgs);
	if (strcmp(got, c->want))
		print_error("%s\n--- want\n%s--- got\n%s--- messages\n%s", c->name,
			    c->want, got, msgs);
	assert_string_equal(got, c->want);
	if (c->msg && !strstr(msgs, c->msg)) {
		print_error("%s: no message holds \"%s\":\n%s", c->name, c->msg, msgs);
		fail();
	}
	free(got);
	free(msgs);
	memfs_release(&fs);
}

int
main(void)
{
	struct CMUnitTest tests[ARRAY_SIZE(cases)];

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		tests[i].name = cases[i].name;
		tests[i].test_func = run_case;
		tests[i].setup_func = NULL;
		tests[i].teardown_func = NULL;
		tests[i].initial_state = (void *)&cases[i];
	}
	return _cmocka_run_group_tests("check rules", tests, ARRAY_SIZE(tests),
				       NULL, NULL);
}
