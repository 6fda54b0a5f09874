/*
 * Unit tests for core/validate: the errors a write adds to the files it
 * changes, by check's own rules, which every write (the command line's
 * and docket serve's) refuses.  A team must be able to fix one thing at
 * a time: an error already on the file never blocks a write, a file
 * that does not parse on disk is a finding about the disk's text, and
 * the backlog is as it was after the call.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>

#include "core/validate.h"
#include "test_check_fixture.h"

#define OLD_ERROR "---\nid: MKT-2\ntitle: T2\nstatus: idea\ndepends_on: [MKT-99]\n---\nOld.\n"
#define MKT1 "---\nid: MKT-1\ntitle: T\nstatus: idea\n---\n"

/* The backlog of fs with a source over fs (as a write session has). */
static void
open_mem(struct backlog *bl, struct source *src, struct memfs *fs)
{
	memset(src, 0, sizeof(*src));
	src->read = mem_read;
	src->list = mem_list;
	src->release = mem_release;
	src->threadsafe = 1;
	src->ctx = fs;
	backlog_init(bl);
	assert_int_equal(backlog_load(bl, "/mem", NULL, src), 0);
}

static void
two_items(struct memfs *fs, struct backlog *bl, struct source *src)
{
	memset(fs, 0, sizeof(*fs));
	memfs_put(fs, "docket.yaml", "prefix: MKT\n");
	memfs_put(fs, "backlog/MKT-1.md", MKT1);
	memfs_put(fs, "backlog/MKT-2.md", OLD_ERROR);
	memfs_put(fs, "backlog/ORDER", "MKT-1\n");
	open_mem(bl, src, fs);
}

/* The errors path would add going from before (NULL: a new file) to
 * after; from_disk: before is read from the source (the file on disk). */
static size_t
added(struct diag_list *errors, struct backlog *bl, struct source *src,
      const char *path, const char *before, int from_disk, const char *after)
{
	struct diag_list warnings = DIAG_LIST_INIT;
	struct validate_file vf;
	size_t n;

	memset(&vf, 0, sizeof(vf));
	vf.path = path;
	vf.before = before;
	vf.blen = before ? strlen(before) : 0;
	vf.have_before = !from_disk;
	vf.after = after;
	vf.alen = strlen(after);
	n = validate_files(errors, &warnings, bl, src, &vf, 1);
	diag_list_release(&warnings);
	assert_int_equal(n, diag_list_count(errors, SEV_ERROR));
	return n;
}

/* "rule file:line", one a line, sorted by line. */
static char *
rules(const struct diag_list *l)
{
	struct sbuf sb = SBUF_INIT;

	for (int line = 0; line < 100; line++)
		for (size_t i = 0; i < l->n; i++)
			if (l->v[i].line == line)
				sbuf_addf(&sb, "%s %s:%d\n", l->v[i].rule, l->v[i].file,
					  l->v[i].line);
	return sbuf_detach(&sb, NULL);
}

static void
test_old_error_never_blocks(void **state)
{
	struct memfs fs;
	struct backlog bl;
	struct source src;
	struct diag_list d = DIAG_LIST_INIT;
	const char *after = "---\nid: MKT-2\ntitle: A new title\nstatus: idea\n"
			    "depends_on: [MKT-99]\n---\nNew.\n";

	(void)state;
	two_items(&fs, &bl, &src);
	{
		/* the error is there before the write */
		char *found = check_mem(&fs, NULL, NULL);

		assert_string_equal(found, "error ref-unknown backlog/MKT-2.md:5:14\n");
		free(found);
	}
	assert_int_equal(added(&d, &bl, &src, "backlog/MKT-2.md", OLD_ERROR, 0, after), 0);
	/* the text before read from the file, as docket set does */
	assert_int_equal(added(&d, &bl, &src, "backlog/MKT-2.md", NULL, 1, after), 0);
	assert_int_equal(d.n, 0);
	/* ...but as a new file, it is an error of its own, with its fix */
	assert_int_equal(added(&d, &bl, &src, "backlog/MKT-2.md", NULL, 0, after), 1);
	assert_string_equal(d.v[0].rule, "ref-unknown");
	assert_string_equal(d.v[0].file, "backlog/MKT-2.md");
	assert_non_null(d.v[0].fix);
	assert_string_equal(d.v[0].fix, "docket set MKT-2 depends_on=");
	diag_list_release(&d);
	backlog_release(&bl);
	memfs_release(&fs);
}

static void
test_added_errors_found(void **state)
{
	struct memfs fs;
	struct backlog bl;
	struct source src;
	struct diag_list d = DIAG_LIST_INIT;
	const char *after = "---\nid: MKT-1\ntitle: T\nstatus: idea\nfollows: MKT-98\n"
			    "customer_value: 11\n---\n";
	char *got;

	(void)state;
	two_items(&fs, &bl, &src);
	assert_int_equal(added(&d, &bl, &src, "backlog/MKT-1.md", MKT1, 0, after), 2);
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
	struct source src;
	struct diag_list d = DIAG_LIST_INIT;
	const char *broken = "---\nid: MKT-1\ntitle: [unclosed\n---\n";
	const char *fresh = "---\nid: MKT-3\ntitle: T3\nstatus: nope\n---\n";

	(void)state;
	two_items(&fs, &bl, &src);
	assert_true(added(&d, &bl, &src, "backlog/MKT-1.md", MKT1, 0, broken) >= 1);
	assert_string_equal(d.v[0].rule, "syntax");
	diag_list_release(&d);
	/* a file the backlog does not hold: not added to it */
	assert_int_equal(added(&d, &bl, &src, "backlog/MKT-3.md", NULL, 0, fresh), 1);
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
	struct source src;
	struct diag_list d = DIAG_LIST_INIT;
	const char *broken = "---\nid: MKT-1\ntitle: T\nstatus: idea: no\n---\n";

	(void)state;
	two_items(&fs, &bl, &src);
	backlog_release(&bl);
	memfs_put(&fs, "backlog/MKT-1.md", broken);
	open_mem(&bl, &src, &fs);
	assert_int_equal(added(&d, &bl, &src, "backlog/MKT-1.md", MKT1, 0, broken), 1);
	assert_string_equal(d.v[0].rule, "syntax");
	diag_list_release(&d);
	assert_int_equal(added(&d, &bl, &src, "backlog/MKT-1.md", broken, 0, MKT1), 0);
	/* fixing it by a write, read from the disk's text */
	assert_int_equal(added(&d, &bl, &src, "backlog/MKT-1.md", NULL, 1, MKT1), 0);
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


/* The findings (errors and warnings) of changing ORDER from before to
 * after, in fs (whose ORDER is before). */
static size_t
order_change(struct memfs *fs, const char *before, const char *after,
	     struct diag_list *errors, struct diag_list *warnings)
{
	struct backlog bl;
	struct source src;
	struct validate_file vf;
	size_t n;

	memfs_put(fs, "backlog/ORDER", before);
	open_mem(&bl, &src, fs);
	memset(&vf, 0, sizeof(vf));
	vf.path = "backlog/ORDER";
	vf.after = after;
	vf.alen = strlen(after);
	n = validate_files(errors, warnings, &bl, &src, &vf, 1);
	backlog_release(&bl);
	return n;
}

static void
order_items(struct memfs *fs)
{
	memset(fs, 0, sizeof(*fs));
	memfs_put(fs, "docket.yaml", "prefix: MKT\n");
	memfs_put(fs, "backlog/MKT-1.md", "---\nid: MKT-1\ntitle: T\nstatus: idea\n"
		  "depends_on: [MKT-2]\n---\n");
	memfs_put(fs, "backlog/MKT-2.md", "---\nid: MKT-2\ntitle: T2\nstatus: idea\n---\n");
	memfs_put(fs, "backlog/MKT-3.md", "---\nid: MKT-3\ntitle: T3\nstatus: done\n"
		  "finished: 2026-11-01\n---\n");
}

/* ORDER's own rules on the lines a change adds: a second line of an id,
 * an id with no item, a closed item. */
static void
test_order_lines_added(void **state)
{
	struct memfs fs;
	struct diag_list e = DIAG_LIST_INIT, w = DIAG_LIST_INIT;

	(void)state;
	order_items(&fs);
	assert_int_equal(order_change(&fs, "MKT-2\nMKT-1\n", "MKT-2\nMKT-1\nMKT-2\n", &e, &w), 1);
	assert_string_equal(e.v[0].rule, "order-duplicate");
	assert_int_equal(e.v[0].line, 3);
	diag_list_release(&e);
	assert_int_equal(order_change(&fs, "MKT-2\nMKT-1\n", "MKT-2\nMKT-7\nMKT-1\n", &e, &w), 1);
	assert_string_equal(e.v[0].rule, "order-unknown");
	assert_int_equal(e.v[0].line, 2);
	diag_list_release(&e);
	assert_int_equal(order_change(&fs, "MKT-2\nMKT-1\n", "MKT-3\nMKT-2\nMKT-1\n", &e, &w), 1);
	assert_string_equal(e.v[0].rule, "order-closed");
	diag_list_release(&e);
	/* the same, in CRLF and without a last line end */
	assert_int_equal(order_change(&fs, "MKT-2\r\nMKT-1", "MKT-2\r\nMKT-1\r\nMKT-1", &e, &w), 1);
	assert_string_equal(e.v[0].rule, "order-duplicate");
	diag_list_release(&e);
	diag_list_release(&w);
	memfs_release(&fs);
}

/* A move in a long ORDER: the ranks are the whole file's, an error on
 * lines the move leaves alone never blocks it. */
static void
test_order_move_in_long_file(void **state)
{
	struct memfs fs;
	struct diag_list e = DIAG_LIST_INIT, w = DIAG_LIST_INIT;
	struct sbuf before = SBUF_INIT, after = SBUF_INIT;
	char *rank_msg;

	(void)state;
	order_items(&fs);
	sbuf_adds(&after, "# top\nMKT-1\n");
	sbuf_adds(&before, "# top\n");
	for (int i = 100; i < 400; i++) {
		sbuf_addf(&before, "MKT-%d\n", i);
		sbuf_addf(&after, "MKT-%d\n", i);
	}
	/* MKT-3 is done, and listed: an error already there */
	sbuf_adds(&before, "MKT-2\nMKT-1\nMKT-3\n");
	sbuf_adds(&after, "MKT-2\nMKT-3\n");
	assert_int_equal(order_change(&fs, before.buf, after.buf, &e, &w), 0);
	assert_int_equal(e.n, 0);
	/* MKT-1 now above MKT-2, which it depends on: ranks of the file */
	assert_int_equal(w.n, 1);
	assert_string_equal(w.v[0].rule, "dependency-order");
	rank_msg = strstr(w.v[0].message, "MKT-1 (#1) is ranked above MKT-2 (#302)");
	assert_non_null(rank_msg);
	diag_list_release(&w);
	/* ...and the move back adds nothing */
	assert_int_equal(order_change(&fs, after.buf, before.buf, &e, &w), 0);
	assert_int_equal(e.n + w.n, 0);
	sbuf_release(&before);
	sbuf_release(&after);
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
		cmocka_unit_test(test_order_lines_added),
		cmocka_unit_test(test_order_move_in_long_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
