/*
 * Unit tests for Jira's parent lookup (issue 18): a Parent or Epic Link
 * names another issue by its Issue key or Issue id, and resolves to the
 * first record in file order that has that key or id.  A 20,000-issue
 * export with epics, stories and sub-tasks imports and every parent
 * resolves (the lookup is a hash, not a scan of every record for every
 * record: the test must finish, it does not time anything).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/backlog.h"
#include "core/sbuf.h"
#include "formats/import.h"

#include "test_import_fixture.h"

static const char config_big[] = "prefix: BIG\n";

enum { EPICS = 200, STORIES = 9800, SUBTASKS = 10000 };

static const char *
src_str(const struct import_item *it, const char *key)
{
	const struct ifield *f = ifields_get(&it->x->src, key);

	return f && f->v.type == IVAL_STR ? f->v.str : NULL;
}

/* Issue n (1-based) is BIG-n with Issue id 100000 + n: epics first, then
 * stories in an epic (by key, as older exports link them; every fifth by
 * the epic's Issue id in Parent, as newer ones do), then sub-tasks whose
 * Parent is a story's Issue id.  The parents are spread, not in order. */
static void
big_csv(struct sbuf *sb)
{
	size_t n = 0;

	sbuf_adds(sb, "Summary,Issue key,Issue id,Issue Type,Status,Parent,"
		  "Custom field (Epic Link),Custom field (Epic Name)\r\n");
	for (size_t i = 0; i < EPICS; i++) {
		n++;
		sbuf_addf(sb, "Epic %zu,BIG-%zu,%zu,Epic,To Do,,,Theme %zu\r\n",
			  i, n, 100000 + n, i);
	}
	for (size_t i = 0; i < STORIES; i++) {
		size_t epic = (i * 7) % EPICS + 1;

		n++;
		if (i % 5 == 0)
			sbuf_addf(sb, "Story %zu,BIG-%zu,%zu,Story,To Do,%zu,,\r\n",
				  i, n, 100000 + n, 100000 + epic);
		else
			sbuf_addf(sb, "Story %zu,BIG-%zu,%zu,Story,To Do,,BIG-%zu,\r\n",
				  i, n, 100000 + n, epic);
	}
	for (size_t i = 0; i < SUBTASKS; i++) {
		size_t story = EPICS + 1 + (i * 13) % STORIES;

		n++;
		sbuf_addf(sb, "Sub %zu,BIG-%zu,%zu,Sub-task,To Do,%zu,,\r\n",
			  i, n, 100000 + n, 100000 + story);
	}
}

static void
test_many_parents_resolve(void **state)
{
	struct fixture fx;
	struct sbuf csv = SBUF_INIT, want = SBUF_INIT;
	size_t stories = 0, subtasks = 0;
	FILE *in;

	(void)state;
	fx_init(&fx, IMPORT_JIRA, config_big);
	big_csv(&csv);
	in = fmemopen(csv.buf, csv.len, "r");
	assert_non_null(in);
	assert_int_equal(import_read_jira(&fx.l, in, "big.csv"), 0);
	fclose(in);
	/* the epics are skips, every other issue an item */
	assert_int_equal(fx.l.nskips, EPICS);
	assert_int_equal(fx.l.n, STORIES + SUBTASKS);
	for (size_t i = 0; i < fx.l.n; i++) {
		const struct import_item *it = fx.l.items[i];
		const char *title = src_str(it, "Summary");
		size_t k;

		assert_non_null(title);
		sbuf_reset(&want);
		if (sscanf(title, "Story %zu", &k) == 1) {
			/* resolved: the epic's name, not a slug of the link */
			sbuf_addf(&want, "theme-%zu", (k * 7) % EPICS);
			assert_string_equal(src_str(it, "Campaign"), want.buf);
			assert_null(src_str(it, "Parent issue"));
			stories++;
		} else {
			assert_int_equal(sscanf(title, "Sub %zu", &k), 1);
			/* resolved: the story's key, not the id in Parent */
			sbuf_addf(&want, "BIG-%zu", EPICS + 1 + (k * 13) % STORIES);
			assert_string_equal(src_str(it, "Parent issue"), want.buf);
			assert_null(src_str(it, "Campaign"));
			subtasks++;
		}
	}
	assert_int_equal(stories, STORIES);
	assert_int_equal(subtasks, SUBTASKS);

	/* and through the mapping: the parent is a note naming the key */
	import_map_apply(&fx.l, &fx.map, &fx.bl.config);
	for (size_t i = 0; i < fx.l.n; i++) {
		const struct import_item *it = fx.l.items[i];
		const char *p = src_str(it, "Parent issue");

		if (p) {
			sbuf_reset(&want);
			sbuf_addf(&want, "Parent issue: %s", p);
			assert_true(has_note(it, want.buf));
		}
	}
	sbuf_release(&want);
	sbuf_release(&csv);
	fx_release(&fx);
}

/* One string that is one record's Issue id and a later record's Issue
 * key names the first of them; an unknown parent stays as written. */
static const char first_csv[] =
	"Summary,Issue key,Issue id,Issue Type,Status,Parent,Parent summary\r\n"
	"By id,A-1,77,Story,To Do,,\r\n"
	"By key,77,2,Story,To Do,,\r\n"
	"Child,A-3,3,Sub-task,To Do,77,\r\n"
	"Child of key,A-4,4,Sub-task,To Do,A-1,\r\n"
	"Orphan,A-5,5,Sub-task,To Do,999,Gone story\r\n"
	"Orphan story,A-6,6,Story,To Do,998,\r\n";

static void
test_first_record_wins(void **state)
{
	struct fixture fx;
	FILE *in;

	(void)state;
	fx_init(&fx, IMPORT_JIRA, config_big);
	in = fmemopen((void *)first_csv, sizeof(first_csv) - 1, "r");
	assert_non_null(in);
	assert_int_equal(import_read_jira(&fx.l, in, "first.csv"), 0);
	fclose(in);
	assert_int_equal(fx.l.n, 6);
	assert_string_equal(src_str(fx.l.items[2], "Parent issue"), "A-1");
	assert_string_equal(src_str(fx.l.items[3], "Parent issue"), "A-1");
	assert_string_equal(src_str(fx.l.items[4], "Parent issue"), "Gone story");
	assert_null(src_str(fx.l.items[5], "Parent issue"));
	assert_string_equal(src_str(fx.l.items[5], "Campaign"), "998");
	fx_release(&fx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_many_parents_resolve),
		cmocka_unit_test(test_first_record_wins),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
