/*
 * Unit tests for core/check_write: the errors a new text of one item
 * file adds, which docket edit, docket new and docket serve refuse.
 * A team must be able to fix one thing at a time: an error already on
 * the file never blocks a write, and the backlog is as it was after the
 * check.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>

#include "core/check_write.h"
#include "test_check_fixture.h"

#define OLD_ERROR "---\nid: MKT-2\ntitle: T2\nstatus: idea\ndepends_on: [MKT-99]\n---\nOld.\n"

static void
two_items(struct memfs *fs, struct backlog *bl)
{
	memset(fs, 0, sizeof(*fs));
	memfs_put(fs, "docket.yaml", "prefix: MKT\n");
	memfs_put(fs, "backlog/MKT-1.md", "---\nid: MKT-1\ntitle: T\nstatus: idea\n---\n");
	memfs_put(fs, "backlog/MKT-2.md", OLD_ERROR);
	memfs_put(fs, "backlog/ORDER", "MKT-1\n");
	load_mem(bl, fs);
}

/* The rules of the findings, one a line. */
static char *
rules(const struct diag_list *l)
{
	struct sbuf sb = SBUF_INIT;

	for (size_t i = 0; i < l->n; i++)
		sbuf_addf(&sb, "%s %s:%d\n", l->v[i].rule, l->v[i].file, l->v[i].line);
	return sbuf_detach(&sb, NULL);
}

static void
test_old_error_never_blocks(void **state)
{
	struct memfs fs;
	struct backlog bl;
	struct diag_list d = DIAG_LIST_INIT;
	const char *after = "---\nid: MKT-2\ntitle: A new title\nstatus: idea\n"
			    "depends_on: [MKT-99]\n---\nNew.\n";

	(void)state;
	two_items(&fs, &bl);
	{
		/* the error is there before the write */
		char *found = check_mem(&fs, NULL, NULL);

		assert_string_equal(found, "error ref-unknown backlog/MKT-2.md:5:14\n");
		free(found);
	}
	assert_int_equal(check_write_item(&d, &bl, "backlog/MKT-2.md", OLD_ERROR,
					  strlen(OLD_ERROR), after, strlen(after)), 0);
	assert_int_equal(d.n, 0);
	/* ...but as a new file, it is an error of its own */
	assert_int_equal(check_write_item(&d, &bl, "backlog/MKT-2.md", NULL, 0, after,
					  strlen(after)), 1);
	assert_string_equal(d.v[0].rule, "ref-unknown");
	diag_list_release(&d);
	backlog_release(&bl);
	memfs_release(&fs);
}

static void
test_added_errors_found(void **state)
{
	struct memfs fs;
	struct backlog bl;
	struct diag_list d = DIAG_LIST_INIT;
	const char *before = "---\nid: MKT-1\ntitle: T\nstatus: idea\n---\n";
	const char *after = "---\nid: MKT-1\ntitle: T\nstatus: idea\nfollows: MKT-98\n"
			    "customer_value: 11\n---\n";
	char *got;

	(void)state;
	two_items(&fs, &bl);
	assert_int_equal(check_write_item(&d, &bl, "backlog/MKT-1.md", before, strlen(before),
					  after, strlen(after)), 2);
	got = rules(&d);
	assert_string_equal(got, "ref-unknown backlog/MKT-1.md:5\nrange backlog/MKT-1.md:6\n");
	free(got);
	diag_list_release(&d);
	/* the backlog is as it was: the item, its index entry, its rank */
	assert_int_equal(bl.nitems, 2);
	assert_ptr_equal(backlog_item(&bl, "MKT-1"), bl.items[0]);
	assert_int_equal(bl.items[0]->rank, 1);
	assert_null(strstr(bl.items[0]->data, "follows"));
	backlog_release(&bl);
	memfs_release(&fs);
}

static void
test_unparsable_and_new_files(void **state)
{
	struct memfs fs;
	struct backlog bl;
	struct diag_list d = DIAG_LIST_INIT;
	const char *before = "---\nid: MKT-1\ntitle: T\nstatus: idea\n---\n";
	const char *broken = "---\nid: MKT-1\ntitle: [unclosed\n---\n";
	const char *fresh = "---\nid: MKT-3\ntitle: T3\nstatus: nope\n---\n";

	(void)state;
	two_items(&fs, &bl);
	assert_true(check_write_item(&d, &bl, "backlog/MKT-1.md", before, strlen(before),
				     broken, strlen(broken)) >= 1);
	assert_string_equal(d.v[0].rule, "syntax");
	diag_list_release(&d);
	/* a file the backlog does not hold: checked in a slot of its own */
	assert_int_equal(check_write_item(&d, &bl, "backlog/MKT-3.md", NULL, 0, fresh,
					  strlen(fresh)), 1);
	assert_string_equal(d.v[0].rule, "enum");
	assert_int_equal(bl.nitems, 2);
	assert_null(backlog_item(&bl, "MKT-3"));
	diag_list_release(&d);
	backlog_release(&bl);
	memfs_release(&fs);
}

/* The file on disk (as the backlog was loaded) does not parse: that is
 * a finding about the disk's text, not about the texts compared. */
static void
test_broken_on_disk(void **state)
{
	struct memfs fs;
	struct backlog bl;
	struct diag_list d = DIAG_LIST_INIT;
	const char *good = "---\nid: MKT-1\ntitle: T\nstatus: idea\n---\n";
	const char *broken = "---\nid: MKT-1\ntitle: T\nstatus: idea: no\n---\n";

	(void)state;
	two_items(&fs, &bl);
	backlog_release(&bl);
	memfs_put(&fs, "backlog/MKT-1.md", broken);
	load_mem(&bl, &fs);
	assert_int_equal(check_write_item(&d, &bl, "backlog/MKT-1.md", good, strlen(good),
					  broken, strlen(broken)), 1);
	assert_string_equal(d.v[0].rule, "syntax");
	diag_list_release(&d);
	assert_int_equal(check_write_item(&d, &bl, "backlog/MKT-1.md", broken, strlen(broken),
					  good, strlen(good)), 0);
	{
		/* ...and the backlog still says so */
		size_t k = 0;

		while (k < bl.diags.n && strcmp(bl.diags.v[k].rule, "syntax"))
			k++;
		assert_true(k < bl.diags.n);
	}
	backlog_release(&bl);
	memfs_release(&fs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_old_error_never_blocks),
		cmocka_unit_test(test_added_errors_found),
		cmocka_unit_test(test_unparsable_and_new_files),
		cmocka_unit_test(test_broken_on_disk),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
