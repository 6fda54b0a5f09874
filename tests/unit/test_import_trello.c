/*
 * Unit tests for what a Trello card brings beyond its fields: comments
 * (oldest first, author and date, text kept inside the list entry),
 * attachments as Markdown links, the due date as the `due` field, an
 * archived card as the field Closed (mapped to archived), the
 * managed blocks of the body they are written to, and a re-import's
 * merge of those blocks (content replaced, a new block added, a block
 * the source no longer has removed, the rest of the body byte for byte).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/backlog.h"
#include "core/sbuf.h"
#include "core/xalloc.h"
#include "formats/import.h"

#include "test_import_fixture.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static const char config_mkt[] = "prefix: MKT\n";

/* Read, map, sort and give ids, as the command does. */
static void
fx_read(struct fixture *fx, const char *json)
{
	assert_int_equal(import_read_trello(&fx->l, json, strlen(json), "board.json"), 0);
	import_map_apply(&fx->l, &fx->map, &fx->bl.config);
	import_list_sort(&fx->l);
	import_assign_ids(&fx->l, &fx->map, &fx->bl, NULL, NULL);
}

/* The first item's file. */
static char *
fx_render(struct fixture *fx)
{
	struct sbuf sb = SBUF_INIT;

	assert_true(fx->l.n > 0);
	import_render_item(&sb, fx->l.items[0], &fx->bl.config, IMPORT_TRELLO);
	return sbuf_detach(&sb, NULL);
}

/* The card's comments are actions (newest first, as Trello writes
 * them); one has its author only as idMemberCreator, one is on another
 * card; one attachment's name has brackets, one URL has a space. */
static const char board[] =
	"{\"lists\": [{\"id\": \"L1\", \"name\": \"Doing\", \"pos\": 1}],\n"
	" \"members\": [{\"id\": \"M2\", \"fullName\": \"Kim Park\"}],\n"
	" \"cards\": [{\"id\": \"6b000c10aaaaaaaaaaaaaa01\", \"name\": \"Teaser\","
	"   \"idList\": \"L1\", \"pos\": 1, \"desc\": \"Thirty seconds.\","
	"   \"due\": \"2026-12-04T16:00:00.000Z\","
	"   \"attachments\": [{\"name\": \"cut [v2].mp4\", \"url\": \"https://x.test/a.mp4\"},"
	"                     {\"name\": \"\", \"url\": \"https://x.test/b c.png\"}]},\n"
	"  {\"id\": \"6b000c10aaaaaaaaaaaaaa02\", \"name\": \"Other\", \"idList\": \"L1\", \"pos\": 2}],\n"
	" \"actions\": [\n"
	"  {\"type\": \"commentCard\", \"date\": \"2026-11-03T09:30:00.000Z\", \"idMemberCreator\": \"M2\","
	"   \"data\": {\"text\": \"Second\\n<!-- /docket:import -->\\nstill inside\","
	"     \"card\": {\"id\": \"6b000c10aaaaaaaaaaaaaa01\"}}},\n"
	"  {\"type\": \"commentCard\", \"date\": \"2026-11-05T08:00:00.000Z\","
	"   \"memberCreator\": {\"fullName\": \"Sam Lee\"},"
	"   \"data\": {\"text\": \"Elsewhere\", \"card\": {\"id\": \"6b000c10aaaaaaaaaaaaaa02\"}}},\n"
	"  {\"type\": \"commentCard\", \"date\": \"2026-11-02T14:05:00.000Z\","
	"   \"memberCreator\": {\"fullName\": \"Sam Lee\"},"
	"   \"data\": {\"text\": \"First\\n\\nTwo paragraphs.\","
	"     \"card\": {\"id\": \"6b000c10aaaaaaaaaaaaaa01\"}}}]}\n";

static void
test_comments_attachments_due(void **state)
{
	struct fixture fx;
	const struct import_item *it;
	const struct ifield *f;
	char *file;

	(void)state;
	fx_init(&fx, IMPORT_TRELLO, config_mkt);
	fx_read(&fx, board);
	it = fx.l.items[0];
	/* the source fields the report counts */
	f = ifields_get(&it->x->src, "Comments");
	assert_non_null(f);
	assert_int_equal(f->v.n, 2);
	assert_non_null(ifields_get(&it->x->src, "Attachments"));
	assert_int_equal(ifields_get(&it->x->src, "Attachments")->v.n, 2);
	assert_non_null(ifields_get(&it->x->src, "Due"));
	assert_int_equal(ifields_get(&fx.l.items[1]->x->src, "Comments")->v.n, 1);
	assert_null(ifields_get(&fx.l.items[1]->x->src, "Attachments"));

	file = fx_render(&fx);
	assert_string_equal(file,
		"---\n"
		"id: MKT-1\n"
		"title: Teaser\n"
		"type: bau\n"
		"status: doing\n"
		"due: 2026-12-04\n"
		"source: trello 6b000c10aaaaaaaaaaaaaa01\n"
		"created: 2026-11-20\n"
		"---\n"
		"Thirty seconds.\n"
		"\n"
		"<!-- docket:import comments -->\n"
		"## Comments\n"
		"\n"
		"- Sam Lee (2026-11-02 14:05 UTC):\n"
		"  First\n"
		"\n"
		"  Two paragraphs.\n"
		"- Kim Park (2026-11-03 09:30 UTC):\n"
		"  Second\n"
		"  <!-- /docket:import -->\n"
		"  still inside\n"
		"<!-- /docket:import -->\n"
		"\n"
		"<!-- docket:import attachments -->\n"
		"## Attachments\n"
		"\n"
		"- [cut \\[v2\\].mp4](https://x.test/a.mp4)\n"
		"- [https://x.test/b c.png](<https://x.test/b%20c.png>)\n"
		"<!-- /docket:import -->\n"
		"\n"
		"<!-- docket:import notes -->\n"
		"## Imported from Trello\n"
		"\n"
		"- Source: Trello 6b000c10aaaaaaaaaaaaaa01\n"
		"<!-- /docket:import -->\n");
	free(file);
	fx_release(&fx);
}

/* Mapped elsewhere by a --map file, comments are notes like any field. */
static void
test_comments_mapped_to_note(void **state)
{
	struct fixture fx;
	struct diag_list d = DIAG_LIST_INIT;
	char *file;

	(void)state;
	fx_init(&fx, IMPORT_TRELLO, config_mkt);
	assert_int_equal(import_map_parse(&fx.map, "m.yaml", S("fields:\n  Comments: note\n  Attachments: drop\n"),
					  &fx.bl.config, &d), 0);
	fx_read(&fx, board);
	file = fx_render(&fx);
	assert_null(strstr(file, "docket:import comments"));
	assert_null(strstr(file, "Attachments"));
	assert_non_null(strstr(file, "- Comments: Sam Lee (2026-11-02 14:05 UTC):\n  First\n"));
	free(file);
	diag_list_release(&d);
	fx_release(&fx);
}

/* An archived card is the source field Closed, mapped to archived: its
 * item is stopped (unless done); a mapping can send it elsewhere. */
static void
test_closed(void **state)
{
	static const char json[] =
		"{\"lists\": [{\"id\": \"L1\", \"name\": \"Doing\", \"pos\": 1},"
		"  {\"id\": \"L2\", \"name\": \"Done\", \"pos\": 2}],\n"
		" \"cards\": [{\"id\": \"6b000c10aaaaaaaaaaaaaa01\", \"name\": \"A\","
		"   \"idList\": \"L1\", \"pos\": 1, \"closed\": true},"
		"  {\"id\": \"6b000c10aaaaaaaaaaaaaa02\", \"name\": \"B\","
		"   \"idList\": \"L2\", \"pos\": 1, \"closed\": true},"
		"  {\"id\": \"6b000c10aaaaaaaaaaaaaa03\", \"name\": \"C\","
		"   \"idList\": \"L1\", \"pos\": 2, \"closed\": false}]}\n";
	struct fixture fx;
	struct diag_list d = DIAG_LIST_INIT;
	const struct ifield *f;

	(void)state;
	fx_init(&fx, IMPORT_TRELLO, config_mkt);
	fx_read(&fx, json);
	f = ifields_get(&fx.l.items[0]->x->src, "Closed");
	assert_non_null(f);
	assert_int_equal(f->v.type, IVAL_BOOL);
	assert_null(ifields_get(&fx.l.items[1]->x->src, "Closed"));   /* C: open */
	assert_string_equal(fx.l.items[0]->status, "stopped");
	assert_string_equal(fx.l.items[1]->status, "doing");
	assert_string_equal(fx.l.items[2]->status, "done");        /* closed, done */
	fx_release(&fx);

	fx_init(&fx, IMPORT_TRELLO, config_mkt);
	assert_int_equal(import_map_parse(&fx.map, "m.yaml", S("fields:\n  Closed: drop\n"),
					  &fx.bl.config, &d), 0);
	fx_read(&fx, json);
	assert_string_equal(fx.l.items[0]->status, "doing");
	diag_list_release(&d);
	fx_release(&fx);
}

/* Merge the first item of two boards over a local file. */
static char *
merge(const char *base_json, const char *local_edit_from, const char *local_edit_to,
      const char *theirs_json, size_t *nconflicts)
{
	struct fixture a, b;
	struct import_merge m;
	struct diag_list d = DIAG_LIST_INIT;
	char *base, *theirs, *local, *p, *out;

	fx_init(&a, IMPORT_TRELLO, config_mkt);
	fx_read(&a, base_json);
	base = fx_render(&a);
	fx_init(&b, IMPORT_TRELLO, config_mkt);
	fx_read(&b, theirs_json);
	theirs = fx_render(&b);
	/* local: base with one edit outside the blocks */
	p = strstr(base, local_edit_from);
	assert_non_null(p);
	local = xasprintf("%.*s%s%s", (int)(p - base), base, local_edit_to,
			  p + strlen(local_edit_from));
	assert_int_equal(import_merge_item(&m, "backlog/MKT-1.md", base, strlen(base),
					   local, strlen(local), theirs, strlen(theirs),
					   &a.bl.config, &d), 0);
	*nconflicts = m.nconflicts;
	out = xstrdup(m.out.buf);
	import_merge_release(&m);
	diag_list_release(&d);
	free(base);
	free(theirs);
	free(local);
	fx_release(&a);
	fx_release(&b);
	return out;
}

static const char plain[] =
	"{\"lists\": [{\"id\": \"L1\", \"name\": \"Doing\", \"pos\": 1}],\n"
	" \"cards\": [{\"id\": \"6b000c10aaaaaaaaaaaaaa01\", \"name\": \"Teaser\","
	"   \"idList\": \"L1\", \"pos\": 1, \"desc\": \"Thirty seconds.\","
	"   \"attachments\": [{\"name\": \"a.png\", \"url\": \"https://x.test/a.png\"}]}]}\n";

static const char commented[] =
	"{\"lists\": [{\"id\": \"L1\", \"name\": \"Doing\", \"pos\": 1}],\n"
	" \"cards\": [{\"id\": \"6b000c10aaaaaaaaaaaaaa01\", \"name\": \"Teaser\","
	"   \"idList\": \"L1\", \"pos\": 1, \"desc\": \"Thirty seconds.\"}],\n"
	" \"actions\": [{\"type\": \"commentCard\", \"date\": \"2026-11-02T14:05:00.000Z\","
	"   \"memberCreator\": {\"fullName\": \"Sam Lee\"},"
	"   \"data\": {\"text\": \"New in Trello\", \"card\": {\"id\": \"6b000c10aaaaaaaaaaaaaa01\"}}}]}\n";

static void
test_merge_blocks(void **state)
{
	size_t nc;
	char *out;

	(void)state;
	/* Trello gained a comment and lost its attachment; here the body was
	 * edited: the edit stays, the comments block arrives before the
	 * notes, the attachments block goes */
	out = merge(plain, "Thirty seconds.\n", "Thirty seconds, cut to 20 here.\n\nOur own text.\n",
		    commented, &nc);
	assert_int_equal(nc, 0);
	assert_non_null(strstr(out,
		"---\n"
		"Thirty seconds, cut to 20 here.\n"
		"\n"
		"Our own text.\n"
		"\n"
		"<!-- docket:import comments -->\n"
		"## Comments\n"
		"\n"
		"- Sam Lee (2026-11-02 14:05 UTC):\n"
		"  New in Trello\n"
		"<!-- /docket:import -->\n"
		"\n"
		"<!-- docket:import notes -->\n"));
	assert_null(strstr(out, "attachments"));
	assert_null(strstr(out, "a.png"));
	free(out);

	/* and back: the comments go, the attachment comes back, the text
	 * written under the notes stays where it is */
	out = merge(commented, "<!-- /docket:import -->\n\n<!-- docket:import notes",
		    "<!-- /docket:import -->\n\nWritten between.\n\n<!-- docket:import notes",
		    plain, &nc);
	assert_int_equal(nc, 0);
	assert_non_null(strstr(out,
		"Thirty seconds.\n"
		"\n"
		"Written between.\n"
		"\n"
		"<!-- docket:import attachments -->\n"
		"## Attachments\n"
		"\n"
		"- [a.png](https://x.test/a.png)\n"
		"<!-- /docket:import -->\n"
		"\n"
		"<!-- docket:import notes -->\n"));
	assert_null(strstr(out, "Comments"));
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comments_attachments_due),
		cmocka_unit_test(test_comments_mapped_to_note),
		cmocka_unit_test(test_closed),
		cmocka_unit_test(test_merge_blocks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
