/*
 * Unit tests for docket import's sources, mapping and writing: Jira
 * (epics to campaigns, Rank order, resolutions, story points, repeated
 * Labels), Trello (lists then pos, archived cards, checklists, dates
 * from ids), Asana (completion, tags, dependencies), Backlog.md folders
 * (invalid YAML recovered or imported from the file name, skips, board
 * order), the mapping file, ids and references, and the files written
 * (read back by docket's own item reader without a problem).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/backlog.h"
#include "core/item.h"
#include "core/sbuf.h"
#include "core/xalloc.h"
#include "formats/import.h"

#include "test_import_fixture.h"

#define S(lit) (lit), (sizeof(lit) - 1)

/* The CSV readers take a stream: a string literal as one (closed when
 * the next is made, or at exit). */
static FILE *memf_last;

static void
memf_close(void)
{
	if (memf_last)
		fclose(memf_last);
	memf_last = NULL;
}

static FILE *
memf(const char *s, size_t n)
{
	static int registered;

	if (!registered) {
		atexit(memf_close);
		registered = 1;
	}
	memf_close();
	memf_last = fmemopen((void *)s, n, "r");
	assert_non_null(memf_last);
	return memf_last;
}
#define F(lit) memf((lit), sizeof(lit) - 1)

/* ---- helpers ------------------------------------------------------ */

/* Map, sort and give ids, as the command does. */
static void
fx_run(struct fixture *fx)
{
	import_map_apply(&fx->l, &fx->map, &fx->bl.config);
	import_list_sort(&fx->l);
	import_assign_ids(&fx->l, &fx->map, &fx->bl, NULL, NULL);
}

static const struct import_item *
by_title(const struct import_list *l, const char *title)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct ifield *f = ifields_get(&l->items[i]->x->out, "title");

		if (f && !strcmp(f->v.str, title))
			return l->items[i];
	}
	print_error("no item '%s'\n", title);
	fail();
	return NULL;
}

static const char *
out_str(const struct import_item *it, const char *key)
{
	const struct ifield *f = ifields_get(&it->x->out, key);

	return f && f->v.type != IVAL_LIST ? f->v.str : NULL;
}

/* The titles in list order, joined with '|'. */
static char *
titles(const struct import_list *l)
{
	struct sbuf sb = SBUF_INIT;

	for (size_t i = 0; i < l->n; i++)
		sbuf_addf(&sb, "%s%s", i ? "|" : "", out_str(l->items[i], "title"));
	return sbuf_detach(&sb, NULL);
}

static int
has_warning(const struct import_list *l, const char *part)
{
	for (size_t i = 0; i < l->diags.n; i++)
		if (strstr(l->diags.v[i].message, part))
			return 1;
	return 0;
}

static const char config_mkt[] =
	"prefix: MKT\n"
	"goals:\n  pipeline: leads\n"
	"definition_of_done: [Copy reviewed, Results recorded]\n";

/* ---- Jira -------------------------------------------------------- */

static const char jira_csv[] =
	"Summary,Issue key,Issue id,Issue Type,Status,Resolution,Assignee,Reporter,"
	"Created,Resolved,Labels,Labels,Custom field (Epic Link),Custom field (Epic Name),"
	"Parent,Custom field (Rank),Custom field (Story Points),Description,Watchers\r\n"
	"Spring launch,CAMP-1,101,Epic,In Progress,,,Dana,01/Nov/26 9:00 AM,,,,,Spring Launch,,0|i0000z:,,,\r\n"
	"Teaser video,CAMP-2,102,Story,To Do,,Sam Lee,Retail,24/Nov/26 10:15 AM,,video,social,CAMP-1,,,0|i00007:,3,\"Two\r\nlines\",x\r\n"
	"Landing page,CAMP-3,103,Task,Selected for Development,,,Retail,2026-11-12 09:45,,web,,,,101,0|i00001:,5,,\r\n"
	"Old flyers,CAMP-4,104,Task,Done,Won't Do,,Events,01/Oct/26 8:00 AM,02/Nov/26 8:00 AM,,,,,,0|i00002:,,,\r\n"
	"Cut card sizes,CAMP-5,105,Sub-task,In Progress,,,Design,20/Nov/26 1:00 PM,,,,,,103,0|i00003:,0,,\r\n"
	"Fixed pricing links,CAMP-6,106,Bug,Done,Done,,Web,18/Nov/26 11:00 AM,20/Nov/26 4:30 PM,,,,,,,1,,\r\n";

static void
test_jira(void **state)
{
	struct fixture fx;
	const struct import_item *it;
	char *t;

	(void)state;
	fx_init(&fx, IMPORT_JIRA, config_mkt);
	assert_int_equal(import_read_jira(&fx.l, F(jira_csv), "jira.csv"), 0);
	/* the epic is a skip that names the campaign, not an item */
	assert_int_equal(fx.l.n, 5);
	assert_int_equal(fx.l.nskips, 1);
	assert_int_equal(fx.l.skips[0].failed, 0);
	assert_int_equal(fx.l.skips[0].line, 2);
	assert_non_null(strstr(fx.l.skips[0].reason, "campaign 'spring-launch'"));
	fx_run(&fx);
	/* Rank order, then the rows without a rank */
	t = titles(&fx.l);
	assert_string_equal(t, "Landing page|Old flyers|Cut card sizes|Teaser video|Fixed pricing links");
	free(t);
	assert_string_equal(fx.l.items[0]->id, "MKT-1");
	assert_string_equal(fx.l.items[4]->id, "MKT-5");

	it = by_title(&fx.l, "Teaser video");
	assert_string_equal(it->status, "ready");
	assert_string_equal(out_str(it, "type"), "bau");
	assert_string_equal(out_str(it, "campaign"), "spring-launch");
	assert_string_equal(out_str(it, "created"), "2026-11-24");
	assert_string_equal(out_str(it, "requested_by"), "Retail");
	assert_string_equal(out_str(it, "effort"), "3");
	assert_int_equal(ifields_get(&it->x->out, "tags")->v.n, 2);
	assert_string_equal(it->x->body, "Two\nlines");
	assert_true(has_note(it, "Source: Jira CAMP-2"));
	assert_true(has_note(it, "Assignee: Sam Lee"));
	assert_true(has_note(it, "Type: Story"));
	assert_null(ifields_get(&it->x->out, "assignee"));
	assert_true(it->ranked);

	/* Parent = the epic's issue id in newer exports: a campaign too */
	it = by_title(&fx.l, "Landing page");
	assert_string_equal(out_str(it, "campaign"), "spring-launch");
	assert_string_equal(out_str(it, "created"), "2026-11-12");

	/* Done + Won't Do is stopped, and says why */
	it = by_title(&fx.l, "Old flyers");
	assert_string_equal(it->status, "stopped");
	assert_string_equal(out_str(it, "stop_reason"), "Resolution Won't Do in Jira");
	assert_string_equal(out_str(it, "finished"), "2026-11-02");
	assert_false(it->ranked);

	/* a sub-task's parent is a note; story points 0 is a note */
	it = by_title(&fx.l, "Cut card sizes");
	assert_string_equal(it->status, "doing");
	assert_null(out_str(it, "campaign"));
	assert_true(has_note(it, "Parent issue: CAMP-3"));
	assert_true(has_note(it, "Custom field (Story Points): 0"));
	assert_null(ifields_get(&it->x->out, "effort"));

	it = by_title(&fx.l, "Fixed pricing links");
	assert_string_equal(it->status, "done");
	assert_string_equal(out_str(it, "finished"), "2026-11-20");
	assert_int_equal(import_list_ranked(&fx.l), 3);
	/* Watchers is dropped by the Jira table: nothing unmapped */
	assert_int_equal(fx.l.nunmapped, 0);
	fx_release(&fx);
}

static void
test_jira_not_jira(void **state)
{
	struct fixture fx;

	(void)state;
	fx_init(&fx, IMPORT_JIRA, config_mkt);
	assert_int_equal(import_read_jira(&fx.l, F("a,b\n1,2\n"), "x.csv"), DK_EINVALID);
	assert_int_equal(fx.l.diags.n, 1);
	assert_non_null(strstr(fx.l.diags.v[0].message, "not a Jira CSV export"));
	fx_release(&fx);
}

/* ---- Trello -------------------------------------------------------- */

static const char trello_json[] =
	"{\"name\": \"Board\",\n"
	" \"lists\": [\n"
	"  {\"id\": \"L3\", \"name\": \"Done\", \"pos\": 300, \"closed\": false},\n"
	"  {\"id\": \"L1\", \"name\": \"To Do\", \"pos\": 100, \"closed\": false},\n"
	"  {\"id\": \"L2\", \"name\": \"Doing\", \"pos\": 200, \"closed\": false},\n"
	"  {\"id\": \"L4\", \"name\": \"Archive\", \"pos\": 400, \"closed\": true}],\n"
	" \"members\": [{\"id\": \"M1\", \"fullName\": \"Sam Lee\"}],\n"
	" \"cards\": [\n"
	"  {\"id\": \"6b000c10aaaaaaaaaaaaaa01\", \"name\": \"Second\", \"idList\": \"L1\", \"pos\": 2000,"
	"   \"labels\": [{\"name\": \"\", \"color\": \"green\"}], \"closed\": false, \"desc\": \"\"},\n"
	"  {\"id\": \"6b000c10aaaaaaaaaaaaaa02\", \"name\": \"Doing one\", \"idList\": \"L2\", \"pos\": 1,"
	"   \"closed\": false, \"idMembers\": [\"M1\"], \"due\": \"2026-12-04T16:00:00.000Z\"},\n"
	"  {\"id\": \"6b000c10aaaaaaaaaaaaaa03\", \"name\": \"First\", \"idList\": \"L1\", \"pos\": 1000.5,"
	"   \"labels\": [{\"name\": \"social\", \"color\": \"blue\"}], \"closed\": false,"
	"   \"desc\": \"Five slides.\"},\n"
	"  {\"id\": \"6b000c10aaaaaaaaaaaaaa04\", \"name\": \"Shipped\", \"idList\": \"L3\", \"pos\": 5,"
	"   \"closed\": true, \"dateLastActivity\": \"2026-11-18T08:00:00.000Z\"},\n"
	"  {\"id\": \"6b000c10aaaaaaaaaaaaaa05\", \"name\": \"Dropped\", \"idList\": \"L1\", \"pos\": 50,"
	"   \"closed\": true},\n"
	"  {\"id\": \"6b000c10aaaaaaaaaaaaaa06\", \"name\": \"Old\", \"idList\": \"L4\", \"pos\": 1}],\n"
	" \"checklists\": [{\"id\": \"C1\", \"idCard\": \"6b000c10aaaaaaaaaaaaaa03\", \"name\": \"Before\","
	"   \"checkItems\": [{\"name\": \"B\", \"state\": \"incomplete\", \"pos\": 2},"
	"                    {\"name\": \"A\", \"state\": \"complete\", \"pos\": 1}]}],\n"
	" \"actions\": [{\"type\": \"createCard\", \"date\": \"2026-11-02T10:00:00.000Z\","
	"   \"data\": {\"card\": {\"id\": \"6b000c10aaaaaaaaaaaaaa03\"}}}]}\n";

static void
test_trello(void **state)
{
	struct fixture fx;
	const struct import_item *it;
	char *t;

	(void)state;
	fx_init(&fx, IMPORT_TRELLO, config_mkt);
	assert_int_equal(import_read_trello(&fx.l, S(trello_json), "board.json"), 0);
	assert_int_equal(fx.l.n, 6);
	fx_run(&fx);
	/* lists by pos (To Do, Doing, Done, Archive), then cards by pos */
	t = titles(&fx.l);
	assert_string_equal(t, "Dropped|First|Second|Doing one|Shipped|Old");
	free(t);
	it = by_title(&fx.l, "First");
	assert_string_equal(it->status, "ready");
	assert_string_equal(out_str(it, "created"), "2026-11-02");   /* the action */
	assert_string_equal(it->x->body, "Five slides.\n\n## Checklists\n\n### Before\n- [x] A\n- [ ] B");
	assert_string_equal(ifields_get(&it->x->out, "tags")->v.list[0], "social");
	it = by_title(&fx.l, "Second");
	assert_string_equal(out_str(it, "created"), "2026-11-20");   /* the id */
	assert_string_equal(ifields_get(&it->x->out, "tags")->v.list[0], "green");
	it = by_title(&fx.l, "Doing one");
	assert_string_equal(it->status, "doing");
	assert_true(has_note(it, "Members: Sam Lee"));
	assert_string_equal(out_str(it, "due"), "2026-12-04");     /* a field */
	it = by_title(&fx.l, "Shipped");
	assert_string_equal(it->status, "done");             /* archived but done */
	assert_string_equal(out_str(it, "finished"), "2026-11-18");
	it = by_title(&fx.l, "Dropped");
	assert_string_equal(it->status, "stopped");
	assert_string_equal(out_str(it, "stop_reason"), "Archived in Trello");
	it = by_title(&fx.l, "Old");
	assert_string_equal(it->status, "stopped");          /* closed list */
	assert_false(has_warning(&fx.l, "Archive"));         /* no status warning */
	assert_int_equal(import_list_ranked(&fx.l), 3);
	fx_release(&fx);
}

static void
test_trello_bad_input(void **state)
{
	struct fixture fx;

	(void)state;
	fx_init(&fx, IMPORT_TRELLO, config_mkt);
	assert_int_equal(import_read_trello(&fx.l, S("{\"cards\": [1,]}"), "b.json"),
			 DK_EINVALID);
	assert_int_equal(fx.l.diags.v[0].line, 1);
	assert_int_equal(fx.l.diags.v[0].column, 14);
	import_list_release(&fx.l);
	import_list_init(&fx.l, IMPORT_TRELLO);
	assert_int_equal(import_read_trello(&fx.l, S("{\"lists\": []}"), "b.json"),
			 DK_EINVALID);
	assert_non_null(strstr(fx.l.diags.v[0].message, "not a Trello board export"));
	fx_release(&fx);
}

/* ---- Asana ---------------------------------------------------------- */

static const char asana_csv[] =
	"Task ID,Created At,Completed At,Name,Section/Column,Assignee,Tags,Notes,"
	"Blocked By (Dependencies),Due Date,Priority,Channel\n"
	"11,2026-11-02,,Landing page,To do,Sam,\"web, launch\",Form and bios.,13,2026-12-01,High,web\n"
	"12,2026-11-03,2026-11-15,Press release,Doing,,pr,,,next week,,\n"
	"13,2026-11-01,,Book speakers,Content calendar,,,,,,,\n";

static void
test_asana(void **state)
{
	struct fixture fx;
	const struct import_item *it, *dep;

	(void)state;
	fx_init(&fx, IMPORT_ASANA, config_mkt);
	assert_int_equal(import_read_asana(&fx.l, F(asana_csv), "asana.csv"), 0);
	fx_run(&fx);
	it = by_title(&fx.l, "Landing page");
	dep = by_title(&fx.l, "Book speakers");
	assert_string_equal(it->status, "ready");
	assert_int_equal(ifields_get(&it->x->out, "tags")->v.n, 2);
	assert_string_equal(ifields_get(&it->x->out, "tags")->v.list[1], "launch");
	assert_string_equal(ifields_get(&it->x->out, "depends_on")->v.list[0], dep->id);
	/* the due date is the due field, not a note */
	assert_string_equal(out_str(it, "due"), "2026-12-01");
	assert_false(has_note(it, "Due Date: 2026-12-01"));
	assert_true(has_note(it, "Assignee: Sam"));
	assert_true(has_note(it, "Priority: High"));
	/* a custom field no table names: reported as unmapped */
	assert_int_equal(fx.l.nunmapped, 1);
	assert_string_equal(fx.l.unmapped[0], "Channel");
	it = by_title(&fx.l, "Press release");
	assert_string_equal(it->status, "done");
	assert_string_equal(out_str(it, "finished"), "2026-11-15");
	/* a due date that is not a date: a note and a warning, not lost */
	assert_null(ifields_get(&it->x->out, "due"));
	assert_true(has_note(it, "Due Date: next week"));
	assert_true(has_warning(&fx.l, "'next week' is not a date docket can read; kept as a note"));
	/* an unknown section: the default status, and one warning */
	assert_string_equal(dep->status, "idea");
	assert_true(has_warning(&fx.l, "status 'Content calendar'"));
	fx_release(&fx);
}

/* ---- Backlog.md ------------------------------------------------------ */

static void
test_backlog_md(void **state)
{
	static const struct import_file files[] = {
		{ "bm/config.yml", "config.yml",
		  S("statuses: [\"To Do\", \"In Progress\", \"Done\"]\n") },
		{ "bm/readme.md", "readme.md", S("# Backlog\n") },
		{ "bm/tasks/task-10 - Ten.md", "tasks/task-10 - Ten.md",
		  S("---\nid: task-10\ntitle: Ten\nstatus: To Do\nassignee: []\n"
		    "dependencies: [task-2]\nlabels: []\npriority: low\n---\nBody ten.\n") },
		{ "bm/tasks/task-2 - Two.md", "tasks/task-2 - Two.md",
		  S("---\nid: task-2\ntitle: Two\nstatus: To Do\nassignee: @dana\n"
		    "reporter: @sam\ncreated_date: 2026-11-03\nordinal: 500\n---\nBody two.\n") },
		{ "bm/tasks/task-3 - Three.md", "tasks/task-3 - Three.md",
		  S("---\nid: task-3\ntitle: Three\nstatus: In Progress\nordinal: 100\n"
		    "created_date: '2025-09-06 21:22'\n---\n") },
		{ "bm/tasks/task-4 - Broken-one.md", "tasks/task-4 - Broken-one.md",
		  S("---\nid: task-4\ntitle: [unclosed\nstatus: To Do\n---\nKept body.\n") },
		{ "bm/tasks/task-5 - High.md", "tasks/task-5 - High.md",
		  S("---\nid: task-5\ntitle: High\nstatus: To Do\npriority: high\n---\n") },
		{ "bm/tasks/task-6 - Latin.md", "tasks/task-6 - Latin.md",
		  S("---\nid: task-6\ntitle: caf\xe9\n---\n") },
		{ "bm/drafts/draft-2 - Idea.md", "drafts/draft-2 - Idea.md",
		  S("---\nid: draft-2\ntitle: Idea\nstatus: To Do\n---\n") },
		{ "bm/completed/task-1 - One.md", "completed/task-1 - One.md",
		  S("---\nid: task-1\ntitle: One\nstatus: Done\ncompleted_date: 2026-10-01\n---\n") },
		{ "bm/archive/tasks/task-7 - Old.md", "archive/tasks/task-7 - Old.md",
		  S("---\nid: task-7\ntitle: Old\nstatus: To Do\n---\n") },
		{ "bm/docs/doc-1 - Voice.md", "docs/doc-1 - Voice.md",
		  S("---\nid: doc-1\ntitle: Voice\n---\n") },
		{ "bm/milestones/m-1 - x.md", "milestones/m-1 - x.md", S("---\nid: m-1\n---\n") },
		{ "bm/notes.txt", "notes.txt", S("hi\n") },
	};
	struct fixture fx;
	const struct import_item *it;
	size_t failed = 0;
	char *t;

	(void)state;
	fx_init(&fx, IMPORT_BACKLOG_MD, config_mkt);
	assert_int_equal(import_read_backlog_md(&fx.l, files, ARRAY_SIZE(files)), 0);
	assert_int_equal(fx.l.n, 8);
	assert_int_equal(fx.l.recovered, 2);
	/* every file is accounted for */
	assert_int_equal(fx.l.n + fx.l.nskips, ARRAY_SIZE(files));
	for (size_t i = 0; i < fx.l.nskips; i++)
		if (fx.l.skips[i].failed) {
			failed++;
			assert_string_equal(fx.l.skips[i].file, "bm/tasks/task-6 - Latin.md");
			assert_non_null(strstr(fx.l.skips[i].reason, "UTF-8"));
		}
	assert_int_equal(failed, 1);
	fx_run(&fx);
	/* To Do: ordinal first, then priority, then id number; then In
	 * Progress; the broken task-4 has no status: after the columns */
	t = titles(&fx.l);
	assert_string_equal(t, "Two|High|Ten|Three|Broken one|Idea|One|Old");
	free(t);

	it = by_title(&fx.l, "Two");
	assert_int_equal(it->status[0], 'r');
	assert_string_equal(out_str(it, "requested_by"), "@sam");
	assert_true(has_note(it, "Assignee: @dana"));
	assert_non_null(it->x->recovered);
	assert_true(has_warning(&fx.l, "quoting the value of 'assignee'"));
	assert_string_equal(it->x->body, "Body two.\n");
	it = by_title(&fx.l, "Ten");
	/* dependencies name source ids: rewritten to docket ids */
	assert_string_equal(ifields_get(&it->x->out, "depends_on")->v.list[0],
			    by_title(&fx.l, "Two")->id);
	it = by_title(&fx.l, "Three");
	assert_string_equal(it->status, "doing");
	assert_string_equal(out_str(it, "created"), "2025-09-06");
	it = by_title(&fx.l, "Broken one");
	assert_string_equal(it->status, "idea");
	assert_non_null(strstr(it->x->body, "Kept body."));
	assert_non_null(strstr(it->x->body, "## Original front matter"));
	assert_non_null(strstr(it->x->body, "title: [unclosed"));
	assert_string_equal(by_title(&fx.l, "Idea")->status, "idea");
	it = by_title(&fx.l, "One");
	assert_string_equal(it->status, "done");
	assert_string_equal(out_str(it, "finished"), "2026-10-01");
	it = by_title(&fx.l, "Old");
	assert_string_equal(it->status, "stopped");
	assert_string_equal(out_str(it, "stop_reason"), "Archived in Backlog.md");
	assert_int_equal(import_list_ranked(&fx.l), 4);
	fx_release(&fx);
}

static void
test_backlog_md_not_a_folder(void **state)
{
	static const struct import_file files[] = {
		{ "x/a.md", "a.md", S("---\ntitle: A\n---\n") },
	};
	struct fixture fx;

	(void)state;
	fx_init(&fx, IMPORT_BACKLOG_MD, config_mkt);
	assert_int_equal(import_read_backlog_md(&fx.l, files, 1), DK_EINVALID);
	fx_release(&fx);
}

/* ---- the mapping file ----------------------------------------------- */

static void
test_map_file(void **state)
{
	static const char map[] =
		"id: keep\n"
		"dates: mdy\n"
		"default_status: ready\n"
		"status:\n  \"To Do\": idea\n  Waiting for legal: blocked\n"
		"type:\n  Story: experiment\n"
		"fields:\n  Story Points: drop\n  Value: business_value\n  Team: requested_by\n"
		"  Sprint: ~\n"
		"set:\n  goal: pipeline\n  tags: migrated\n";
	static const char csv[] =
		"Issue key,Summary,Status,Issue Type,Value,Team,Created,Story Points,Labels\n"
		"MKT-7,Teaser,To Do,Story,8,Retail,03/04/2026,3,video\n"
		"MKT-7,Duplicate key,Waiting for legal,Task,11,,,,\n"
		"OTHER-2,Other prefix,,,,,,,\n";
	struct fixture fx;
	struct diag_list d = DIAG_LIST_INIT;
	const struct import_item *it;

	(void)state;
	fx_init(&fx, IMPORT_JIRA, config_mkt);
	assert_int_equal(import_map_parse(&fx.map, "map.yaml", S(map), &fx.bl.config, &d), 0);
	assert_int_equal(d.n, 0);
	assert_string_equal(import_map_status(&fx.map, "to-do"), "idea");
	assert_string_equal(import_map_status(&fx.map, "In Progress"), "doing");
	assert_string_equal(import_map_type(&fx.map, "story"), "experiment");
	assert_string_equal(import_map_field(&fx.map, "Custom field (Story Points)"), "drop");
	assert_string_equal(import_map_field(&fx.map, "sprint"), "drop");
	assert_null(import_map_field(&fx.map, "Flavour"));
	assert_int_equal(import_read_jira(&fx.l, F(csv), "j.csv"), 0);
	fx_run(&fx);
	it = by_title(&fx.l, "Teaser");
	assert_string_equal(it->id, "MKT-7");                /* id: keep */
	assert_string_equal(it->status, "idea");
	assert_string_equal(out_str(it, "type"), "experiment");
	assert_string_equal(out_str(it, "business_value"), "8");
	assert_string_equal(out_str(it, "requested_by"), "Retail");
	assert_string_equal(out_str(it, "created"), "2026-03-04");   /* mdy */
	assert_string_equal(out_str(it, "goal"), "pipeline");
	assert_null(ifields_get(&it->x->out, "effort"));
	assert_int_equal(ifields_get(&it->x->out, "tags")->v.n, 2);
	it = by_title(&fx.l, "Duplicate key");
	assert_string_equal(it->id, "MKT-8");                /* taken: a new id */
	assert_string_equal(it->status, "blocked");
	assert_string_equal(out_str(it, "blocked_reason"), "Waiting for legal in Jira");
	assert_true(has_note(it, "Value: 11"));              /* out of 1-10 */
	assert_true(has_warning(&fx.l, "not a whole number from 1 to 10"));
	it = by_title(&fx.l, "Other prefix");
	assert_string_equal(it->id, "MKT-9");
	assert_string_equal(it->status, "ready");            /* default_status */
	assert_true(has_warning(&fx.l, "'OTHER-2' is not an id of the form MKT-N"));
	diag_list_release(&d);
	fx_release(&fx);
}

static void
test_map_file_errors(void **state)
{
	static const char bad[] =
		"status:\n  Open: started\n"
		"type: [x]\n"
		"fields:\n  A: \"Not A Field\"\n"
		"colour: blue\n"
		"id: maybe\n";
	struct import_map m;
	struct diag_list d = DIAG_LIST_INIT;

	(void)state;
	import_map_init(&m, IMPORT_CSV);
	assert_int_equal(import_map_parse(&m, "m.yaml", S(bad), NULL, &d), DK_EINVALID);
	assert_int_equal(d.n, 5);
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(d.v[0].column, 9);
	assert_non_null(strstr(d.v[0].message, "'started' is not a docket status"));
	assert_int_equal(d.v[1].line, 3);
	assert_int_equal(d.v[2].line, 5);
	assert_int_equal(d.v[3].line, 6);
	assert_non_null(strstr(d.v[3].message, "unknown key 'colour'"));
	assert_int_equal(d.v[4].line, 7);
	diag_list_release(&d);
	assert_int_equal(import_map_parse(&m, "m.yaml", S("a: [\n"), NULL, &d), DK_EINVALID);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, "m.yaml");
	diag_list_release(&d);
	assert_int_equal(import_map_parse(&m, "m.yaml", S("- a\n"), NULL, &d), DK_EINVALID);
	diag_list_release(&d);
	assert_int_equal(import_map_parse(&m, "m.yaml", S(""), NULL, &d), 0);
	import_map_release(&m);
}

/* ---- ids, files and ORDER ------------------------------------------- */

static void
test_ids_after_existing(void **state)
{
	static const char csv[] = "title,status,depends on\nA,ready,MKT-3\nB,idea,\n";
	struct fixture fx;
	struct item *old;
	struct diag_list d = DIAG_LIST_INIT;
	char *data = xstrdup("---\nid: MKT-12\ntitle: Old\nstatus: idea\n---\n");

	(void)state;
	fx_init(&fx, IMPORT_CSV, config_mkt);
	old = item_new("backlog/MKT-12.md", data, strlen(data), NULL);
	fx.bl.items = xcalloc(1, sizeof(*fx.bl.items));
	fx.bl.items[0] = old;
	fx.bl.nitems = 1;
	strmap_put(&fx.bl.by_id, old->id, strlen(old->id), old);
	assert_int_equal(order_parse(&fx.bl.order, "backlog/ORDER", S("MKT-20\n"), &d), 0);
	fx.bl.have_order = 1;
	assert_int_equal(import_read_csv(&fx.l, F(csv), "c.csv"), 0);
	fx_run(&fx);
	/* one past the highest number anywhere (ORDER names MKT-20) */
	assert_string_equal(fx.l.items[0]->id, "MKT-21");
	assert_string_equal(fx.l.items[1]->id, "MKT-22");
	/* MKT-3 is not a source id of this import: a note and a warning */
	assert_null(ifields_get(&fx.l.items[0]->x->out, "depends_on"));
	assert_true(has_note(fx.l.items[0], "Depends on: MKT-3 (not in this import)"));
	diag_list_release(&d);
	fx_release(&fx);
}

/* A file the caller says is taken: every MKT-N with N a multiple of 7. */
static int
taken_sevens(void *arg, const char *id)
{
	(void)arg;
	return item_id_number(id, "MKT") % 7 == 0;
}

/* Many records: every id given once, none taken, kept ids kept. */
static void
test_ids_many(void **state)
{
	enum { N = 20000 };
	struct fixture fx;
	struct strmap seen = STRMAP_INIT;
	size_t kept = 0, warned = 0, want_kept = 0, want_taken = 0;

	(void)state;
	fx_init(&fx, IMPORT_CSV, config_mkt);
	fx.map.keep_ids = 1;
	for (size_t i = 0; i < N; i++) {
		struct import_item *it = import_list_add(&fx.l, "c.csv", (int)i + 2);
		char sid[32];

		it->status = import_list_name(&fx.l, "idea");
		if (i == 0) {
			/* a record that is an item already keeps its id */
			it->id = import_list_str(&fx.l, "MKT-3");
			it->existing = 1;
		} else if (i % 8 == 1) {
			/* id: keep; taken when i is a multiple of 7 */
			snprintf(sid, sizeof(sid), "MKT-%zu", i);
			it->source_id = import_list_str(&fx.l, sid);
			if (i % 7)
				want_kept++;
			else
				want_taken++;
		} else if (i % 8 == 5) {
			/* the id of the record four before: used */
			snprintf(sid, sizeof(sid), "MKT-%zu", i - 4);
			it->source_id = import_list_str(&fx.l, sid);
		} else if (i == N - 1) {
			it->source_id = import_list_str(&fx.l, "MKT-3");
		}
	}
	import_assign_ids(&fx.l, &fx.map, &fx.bl, taken_sevens, NULL);
	assert_string_equal(fx.l.items[0]->id, "MKT-3");
	for (size_t i = 0; i < N; i++) {
		const struct import_item *it = fx.l.items[i];

		assert_non_null(it->id);
		assert_null(strmap_get(&seen, it->id));
		strmap_put(&seen, it->id, strlen(it->id), (void *)it);
		if (it->source_id && !strcmp(it->id, it->source_id)) {
			kept++;
		} else if (i) {
			/* new ids: past every kept one, never a taken one */
			assert_false(taken_sevens(NULL, it->id));
			assert_true(item_id_number(it->id, "MKT") > N - 8);
		}
	}
	for (size_t i = 0; i < fx.l.diags.n; i++)
		warned += strstr(fx.l.diags.v[i].message, "is already used") != NULL;
	assert_int_equal(kept, want_kept);
	assert_int_equal(warned, N / 8 + want_taken + 1);
	strmap_release(&seen);
	fx_release(&fx);
}

static void
test_render(void **state)
{
	static const char csv[] =
		"title,status,effort,tags,description,owner,mvl,outcome\n"
		"\"yes\",doing,2.5,\"a, b\",\"Line 1\nLine 2\",Sam,yes,\"50: leads # now\"\n"
		"Shipped thing,done,1,,,,,\n"
		"Has its own,ready,,,\"## Definition of Done\n- [ ] Own box\",,,\n";
	struct fixture fx;
	struct sbuf sb = SBUF_INIT;
	struct item *it;

	(void)state;
	fx_init(&fx, IMPORT_CSV, config_mkt);
	assert_int_equal(import_read_csv(&fx.l, F(csv), "c.csv"), 0);
	fx_run(&fx);
	import_render_item(&sb, fx.l.items[0], &fx.bl.config, IMPORT_CSV);
	assert_string_equal(sb.buf,
		"---\n"
		"id: MKT-1\n"
		"title: \"yes\"\n"
		"type: bau\n"
		"status: doing\n"
		"effort: 2.5\n"
		"outcome: \"50: leads # now\"\n"
		"mvl: true\n"
		"tags: [a, b]\n"
		"---\n"
		"Line 1\nLine 2\n"
		"\n"
		"<!-- docket:import notes -->\n"
		"## Imported from CSV\n"
		"\n"
		"- Source: CSV row 2\n"
		"- Owner: Sam\n"
		"<!-- /docket:import -->\n"
		"\n"
		"## Definition of Done\n"
		"- [ ] Copy reviewed\n"
		"- [ ] Results recorded\n");
	/* docket reads it back as written */
	{
		size_t len = sb.len;

		it = item_new("backlog/MKT-1.md", sbuf_detach(&sb, NULL), len, NULL);
	}
	assert_true(it->parsed);
	assert_int_equal(it->diags.n, 0);
	assert_string_equal(it->id, "MKT-1");
	assert_string_equal(it->title, "yes");
	assert_int_equal(it->status, ST_DOING);
	assert_true(it->mvl);
	item_free(it);

	/* done: no Definition of Done; one of its own: not a second one */
	sbuf_init(&sb);
	import_render_item(&sb, fx.l.items[1], &fx.bl.config, IMPORT_CSV);
	assert_null(strstr(sb.buf, "Definition of Done"));
	sbuf_reset(&sb);
	import_render_item(&sb, fx.l.items[2], &fx.bl.config, IMPORT_CSV);
	assert_non_null(strstr(sb.buf, "- [ ] Own box"));
	assert_null(strstr(sb.buf, "Copy reviewed"));
	sbuf_release(&sb);
	fx_release(&fx);
}

static void
test_render_order(void **state)
{
	static const char csv[] = "title,status\nA,ready\nB,idea\nC,doing\nD,done\n";
	struct fixture fx;
	struct sbuf sb = SBUF_INIT;

	(void)state;
	fx_init(&fx, IMPORT_CSV, config_mkt);
	assert_int_equal(import_read_csv(&fx.l, F(csv), "c.csv"), 0);
	fx_run(&fx);
	import_render_order(&sb, S("# top\r\nMKT-0"), &fx.l);
	assert_string_equal(sb.buf, "# top\r\nMKT-0\r\n# Imported from CSV\r\nMKT-1\r\nMKT-3\r\n");
	sbuf_reset(&sb);
	import_render_order(&sb, "", 0, &fx.l);
	assert_string_equal(sb.buf, "# Imported from CSV\nMKT-1\nMKT-3\n");
	sbuf_release(&sb);
	fx_release(&fx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jira),
		cmocka_unit_test(test_jira_not_jira),
		cmocka_unit_test(test_trello),
		cmocka_unit_test(test_trello_bad_input),
		cmocka_unit_test(test_asana),
		cmocka_unit_test(test_backlog_md),
		cmocka_unit_test(test_backlog_md_not_a_folder),
		cmocka_unit_test(test_map_file),
		cmocka_unit_test(test_map_file_errors),
		cmocka_unit_test(test_ids_after_existing),
		cmocka_unit_test(test_ids_many),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_render_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
