/*
 * Unit tests for core/check beyond one rule at a time: owner-order
 * from collected --base data, the "did you mean" distance, the rule
 * table, a dependency graph of 100,000 items (a cycle through all
 * of them must be found without deep recursion, in linear time), and
 * the text rules of every value (check_text_value) and of dates
 * (schema_date_valid).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <time.h>

#include "core/schema.h"

#include "test_check_fixture.h"

#define CONFIG_OWNERS \
	"prefix: MKT\n" \
	"owners:\n" \
	"  - name: Dana Reyes\n" \
	"    email: dana@example.com\n" \
	"  - Lee Park\n"

#define ITEM1 "---\nid: MKT-1\ntitle: T\nstatus: idea\n---\n"

static void
base_fs(struct memfs *fs, const char *config)
{
	memset(fs, 0, sizeof(*fs));
	memfs_put(fs, "docket.yaml", config);
	memfs_put(fs, "backlog/MKT-1.md", ITEM1);
	memfs_put(fs, "backlog/ORDER", "MKT-1\n");
}

static struct check_order_commit
commit(const char *id, const char *name, const char *email, int line)
{
	struct check_order_commit c;

	memset(&c, 0, sizeof(c));
	snprintf(c.id, sizeof(c.id), "%s", id);
	c.summary = (char *)"Rank MKT-1";
	c.name = (char *)name;
	c.email = (char *)email;
	c.line = line;
	return c;
}

static void
test_owner_order_fail(void **state)
{
	struct memfs fs;
	struct check_order_commit cs[2];
	struct check_base b;
	char *got, *msgs;

	(void)state;
	base_fs(&fs, CONFIG_OWNERS);
	cs[0] = commit("aaaaaaa", "Dana Reyes", "DANA@example.com", 1);
	cs[1] = commit("bbbbbbb", "Sam Okafor", "sam@example.com", 3);
	memset(&b, 0, sizeof(b));
	b.commits = cs;
	b.ncommits = 2;
	got = check_mem(&fs, &b, &msgs);
	assert_string_equal(got, "error owner-order backlog/ORDER:3:1\n");
	assert_non_null(strstr(msgs, "commit bbbbbbb (\"Rank MKT-1\") by Sam Okafor <sam@example.com> changed ORDER"));
	assert_non_null(strstr(msgs, "(Dana Reyes, Lee Park)"));
	free(got);
	free(msgs);
	memfs_release(&fs);
}

static void
test_owner_order_pass(void **state)
{
	struct memfs fs;
	struct check_order_commit cs[2];
	struct check_base b;
	char *got;

	(void)state;
	base_fs(&fs, CONFIG_OWNERS);
	/* by email (any case), or by name for an owner without email */
	cs[0] = commit("aaaaaaa", "D. Reyes", "Dana@Example.com", 1);
	cs[1] = commit("bbbbbbb", "Lee Park", "lee@elsewhere.org", 2);
	memset(&b, 0, sizeof(b));
	b.commits = cs;
	b.ncommits = 2;
	got = check_mem(&fs, &b, NULL);
	assert_string_equal(got, "");
	free(got);
	/* no --base, no owner-order */
	got = check_mem(&fs, NULL, NULL);
	assert_string_equal(got, "");
	free(got);
	memfs_release(&fs);
}

static void
test_owner_order_no_owners(void **state)
{
	struct memfs fs;
	struct check_order_commit cs[1];
	struct check_base b;
	char *got, *msgs;

	(void)state;
	base_fs(&fs, "prefix: MKT\n");
	cs[0] = commit("aaaaaaa", "Dana Reyes", "dana@example.com", 1);
	memset(&b, 0, sizeof(b));
	b.commits = cs;
	b.ncommits = 1;
	got = check_mem(&fs, &b, &msgs);
	assert_string_equal(got, "error owner-order docket.yaml:1:1\n");
	assert_non_null(strstr(msgs, "lists no owners"));
	free(got);
	free(msgs);
	/* and off means off */
	memfs_put(&fs, "docket.yaml", "prefix: MKT\nrules:\n  owner-order: off\n");
	got = check_mem(&fs, &b, NULL);
	assert_string_equal(got, "");
	free(got);
	memfs_release(&fs);
}

static void
test_suggest(void **state)
{
	static const char *const keys[] = {
		"status", "title", "effort", "customer_value", "depends_on",
		"channel",
	};

	(void)state;
	assert_int_equal(check_distance("staus", "status", 3), 1);
	assert_int_equal(check_distance("effrot", "effort", 3), 1);  /* swap */
	assert_int_equal(check_distance("Title", "title", 3), 0);
	assert_int_equal(check_distance("abc", "xyz", 2), 3);          /* limit + 1 */
	assert_string_equal(check_suggest("staus", keys, ARRAY_SIZE(keys)), "status");
	assert_string_equal(check_suggest("chanel", keys, ARRAY_SIZE(keys)), "channel");
	assert_string_equal(check_suggest("custmer_value", keys, ARRAY_SIZE(keys)),
			    "customer_value");
	assert_string_equal(check_suggest("depends", keys, ARRAY_SIZE(keys)), "depends_on");
	assert_null(check_suggest("banana", keys, ARRAY_SIZE(keys)));
	assert_null(check_suggest("", keys, ARRAY_SIZE(keys)));
}

static void
test_rule_table(void **state)
{
	(void)state;
	for (int i = 0; i < RULE_COUNT; i++) {
		assert_non_null(check_rules[i].id);
		assert_int_equal(check_rule_find(check_rules[i].id), i);
		assert_true(check_rules[i].severity == SEV_ERROR ||
			    check_rules[i].severity == SEV_WARNING);
	}
	assert_int_equal(check_rule_find("nope"), -1);
	assert_int_equal(check_rules[RULE_UNKNOWN_FIELD].severity, SEV_WARNING);
	assert_int_equal(check_rules[RULE_BAU_SHARE].severity, SEV_WARNING);
	assert_int_equal(check_rules[RULE_MAX_EFFORT].severity, SEV_WARNING);
	assert_int_equal(check_rules[RULE_WIP_LIMIT].severity, SEV_WARNING);
	assert_int_equal(check_rules[RULE_DEPENDENCY_ORDER].severity, SEV_WARNING);
	assert_int_equal(check_rules[RULE_DUPLICATE_ID].severity, SEV_ERROR);
	assert_false(check_rules[RULE_SYNTAX].configurable);
	assert_false(check_rules[RULE_CONFIG].configurable);
}

/*
 * 100,000 items, each depending on the next, the last on the first:
 * one cycle through everything.  A recursive depth-first search would
 * need 100,000 frames; the check must report exactly one finding.
 */
#define NBIG 100000

static void
test_big_cycle(void **state)
{
	struct memfs fs;
	char **paths = xcalloc(NBIG, sizeof(*paths));
	char **data = xcalloc(NBIG, sizeof(*data));
	char *got, *msgs;
	clock_t t0;
	double secs;

	(void)state;
	memset(&fs, 0, sizeof(fs));
	memfs_put(&fs, "docket.yaml", "prefix: MKT\n");
	for (int i = 1; i <= NBIG; i++) {
		paths[i - 1] = xasprintf("backlog/MKT-%d.md", i);
		data[i - 1] = xasprintf("---\nid: MKT-%d\ntitle: T\nstatus: idea\n"
					"depends_on: [MKT-%d]\n---\n", i,
					i == NBIG ? 1 : i + 1);
		memfs_put(&fs, paths[i - 1], data[i - 1]);
	}
	t0 = clock();
	got = check_mem(&fs, NULL, &msgs);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_string_equal(got, "error dependency-cycle backlog/MKT-1.md:5:14\n");
	assert_non_null(strstr(msgs, "MKT-1 → MKT-2 → "));
	assert_non_null(strstr(msgs, "(100000 items) → MKT-1"));
	/* linear: a few seconds even under sanitizers, never minutes */
	assert_true(secs < 60);
	free(got);
	free(msgs);
	for (int i = 0; i < NBIG; i++) {
		free(paths[i]);
		free(data[i]);
	}
	free(paths);
	free(data);
	memfs_release(&fs);
}

/* check_text_value: the reason, or "" for a value it accepts. */
static const char *
text_why(char *buf, size_t n, const char *s, size_t len, int one_line)
{
	struct diag_list e = DIAG_LIST_INIT;

	buf[0] = '\0';
	if (check_text_value(s, len, one_line, &e)) {
		assert_int_equal(e.n, 1);
		snprintf(buf, n, "%s", diag_last_message(&e));
	} else {
		assert_int_equal(e.n, 0);
	}
	diag_list_release(&e);
	return buf;
}

#define WHY(lit, one) text_why(buf, sizeof(buf), (lit), sizeof(lit) - 1, (one))

static void
test_text_value(void **state)
{
	char buf[160];

	(void)state;
	assert_string_equal(WHY("Spring launch", 1), "");
	assert_string_equal(WHY("", 1), "");
	/* non-ASCII, the other E2 80 xx characters, NEL: all one line */
	assert_string_equal(WHY("Caf\xc3\xa9 \xe2\x80\x94 \xe2\x80\xa7 \xe2\x80\xaa \xc2\x85", 1), "");
	assert_string_equal(WHY("\xe2\x82\xac \xe2\x80", 1), "is not valid UTF-8");
	assert_string_equal(WHY("a\xff" "b", 0), "is not valid UTF-8");
	assert_string_equal(WHY("a\xff" "b\n", 1), "is not valid UTF-8");
	/* invalid UTF-8 anywhere is the reason, even after a refused one */
	assert_string_equal(WHY("a\0\xff", 1), "is not valid UTF-8");
	assert_string_equal(WHY("\xe2\x80\xa8 \xc0\xaf", 1), "is not valid UTF-8");
	assert_string_equal(WHY("\xed\xa0\x80", 1), "is not valid UTF-8");   /* a surrogate */
	assert_string_equal(WHY("a\0b", 1), "holds a NUL byte");
	assert_string_equal(WHY("a\nb", 1), "must be one line");
	assert_string_equal(WHY("a\r", 1), "must be one line");
	assert_string_equal(WHY("a\xe2\x80\xa8" "b", 1),
			    "must be one line (it holds a line separator, U+2028)");
	assert_string_equal(WHY("\xe2\x80\xa9", 1),
			    "must be one line (it holds a paragraph separator, U+2029)");
	/* the first offence counts */
	assert_string_equal(WHY("x\xe2\x80\xa9y\0z\n", 1),
			    "must be one line (it holds a paragraph separator, U+2029)");
	assert_string_equal(WHY("x\ny\0", 1), "must be one line");
	/* a multi-line value may hold line breaks, not invalid UTF-8 */
	assert_string_equal(WHY("a\nb\r\n\xe2\x80\xa8 \0", 0), "");
}

static void
test_date_valid(void **state)
{
	static const char *const good[] = {
		"2026-12-06", "2024-02-29", "2000-02-29", "0001-01-01",
		"9999-12-31", "2026-04-30", "2026-01-31", "0000-02-29",
	};
	static const char *const bad[] = {
		"2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01",
		"2026-00-10", "2026-01-00", "2026-01-32", "2026-1-01",
		"2026-01-1", "26-01-01", "2026-01-01x", " 2026-01-0",
		"+026-01-01", "2026/01/01", "2026-0a-01", "", "2026-01-01 ",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++)
		if (!schema_date_valid(good[i]))
			fail_msg("%s refused", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		if (schema_date_valid(bad[i]))
			fail_msg("%s accepted", bad[i]);
	assert_false(schema_date_valid(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_owner_order_fail),
		cmocka_unit_test(test_owner_order_pass),
		cmocka_unit_test(test_owner_order_no_owners),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_rule_table),
		cmocka_unit_test(test_big_cycle),
		cmocka_unit_test(test_text_value),
		cmocka_unit_test(test_date_valid),
	};

	return cmocka_run_group_tests_name("check more", tests, NULL, NULL);
}
