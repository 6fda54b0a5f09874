/*
 * Unit tests for core/wip: the count of items in progress that every
 * move into doing checks.  wip_scan parses only the item files that can
 * be doing; its count must be the one a full parse of every item gives
 * (wip_count on backlog_load), whatever way a file writes its status,
 * and it must leave the other files unparsed (what makes `start` cheap
 * on a large backlog).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/wip.h"
#include "test_check_fixture.h"

/* Enough items (>= 64) that the loader uses its threads. */
#define NPLAIN 200

/* Files that are doing, or look like it, each written another way. */
static const struct {
	const char *path, *text;
	int counts;                 /* doing, as a full parse says */
} odd[] = {
	{ "backlog/MKT-1001.md", "---\nid: MKT-1001\nstatus: doing\n---\n", 1 },
	{ "backlog/MKT-1002.md", "---\nid: MKT-1002\nstatus: \"do\\x69ng\"\n---\n", 1 },
	{ "backlog/MKT-1003.md", "---\nid: MKT-1003\nstatus: 'doing'\n---\n", 1 },
	{ "backlog/MKT-1004.md", "---\nid: MKT-1004\nstatus: \"\\u0064oing\"\n---\n", 1 },
	{ "backlog/MKT-1005.md", "---\r\nid: MKT-1005\r\nstatus: doing\r\n---\r\n", 1 },
	{ "backlog/MKT-1006.md", "\xef\xbb\xbf---\nid: MKT-1006\nstatus: |-\n  doing\n---\n", 1 },
	{ "backlog/MKT-1007.md", "---\nid: MKT-1007\nx: &s doing\nstatus: *s\n---\n", 1 },
	{ "backlog/MKT-1008.md", "---\nid: MKT-1008\nstatus: \"do\\\n  ing\"\n---\n", 1 },
	/* not doing, though "doing" or a backslash is there */
	{ "backlog/MKT-1009.md", "---\nid: MKT-1009\ntitle: Keep doing it\nstatus: ready\n---\n", 0 },
	{ "backlog/MKT-1010.md", "---\nid: MKT-1010\nstatus: do\n  ing\n---\n", 0 },
	{ "backlog/MKT-1011.md", "---\nid: MKT-1011\nstatus: doing\nstatus: [\n---\n", 0 },
	{ "backlog/MKT-1012.md", "---\nid: MKT-1012\nstatus: Doing\n---\n", 0 },
	{ "backlog/MKT-1013.md", "---\nid: MKT-1013\nstatus: doing\n", 0 },
	{ "backlog/MKT-1014.md", "status: doing\n", 0 },
	{ "backlog/MKT-1015.md", "---\nid: MKT-1015\nstatus: \"\\\"\n---\n", 0 },
	/* "doing" only in the body: never parsed */
	{ "backlog/MKT-1016.md", "---\nid: MKT-1016\nstatus: ready\n---\nWhat we are doing \\o/\n", 0 },
	/* the item that moves is left out of the count */
	{ "backlog/MKT-1017.md", "---\nid: MKT-1017\nstatus: doing\n---\n", 0 },
};

#define NODD (sizeof(odd) / sizeof(odd[0]))

struct fixture {
	struct memfs fs;
	char *paths[NPLAIN];
	char *texts[NPLAIN];
	struct source src;
};

static void
fixture_make(struct fixture *f, const char *config)
{
	memset(f, 0, sizeof(*f));
	memfs_put(&f->fs, "docket.yaml", config);
	for (int i = 0; i < NPLAIN; i++) {
		f->paths[i] = xasprintf("backlog/MKT-%d.md", i + 1);
		f->texts[i] = xasprintf(
			"---\nid: MKT-%d\ntitle: \"Item %d\"\nstatus: %s\n"
			"effort: 3\ntags: [a, b]\n---\nBody %d\n",
			i + 1, i, i % 2 ? "ready" : "done", i);
		memfs_put(&f->fs, f->paths[i], f->texts[i]);
	}
	for (size_t i = 0; i < NODD; i++)
		memfs_put(&f->fs, odd[i].path, odd[i].text);
	memfs_put(&f->fs, "backlog/ORDER", "MKT-2\nMKT-1001\n");
	memset(&f->src, 0, sizeof(f->src));
	f->src.read = mem_read;
	f->src.list = mem_list;
	f->src.release = mem_release;
	f->src.threadsafe = 1;
	f->src.ctx = &f->fs;
}

static void
fixture_free(struct fixture *f)
{
	for (int i = 0; i < NPLAIN; i++) {
		free(f->paths[i]);
		free(f->texts[i]);
	}
	memfs_release(&f->fs);
}

static void
test_scan_counts_as_full_parse(void **state)
{
	struct fixture f;
	struct backlog bl, all;
	struct wip scan, full;
	struct sbuf a = SBUF_INIT, b = SBUF_INIT;
	size_t expect = 0;

	(void)state;
	fixture_make(&f, "prefix: MKT\nrules:\n  wip-limit: { max: 3, severity: error }\n");
	for (size_t i = 0; i < NODD; i++)
		expect += (size_t)odd[i].counts;
	/* as the write session loads it: docket.yaml and ORDER only */
	backlog_init(&bl);
	assert_int_equal(backlog_load_flags(&bl, "/mem", NULL, &f.src, 0), 0);
	wip_init(&scan);
	assert_int_equal(wip_scan(&scan, &bl, &f.src, "MKT-1017"), 0);
	/* every item parsed */
	backlog_init(&all);
	assert_int_equal(backlog_load(&all, "/mem", NULL, &f.src), 0);
	wip_init(&full);
	wip_rule(&full, &all.config);
	wip_count(&full, &all, "MKT-1017");

	assert_int_equal(full.n, expect);
	assert_int_equal(scan.n, full.n);
	assert_int_equal(scan.over, full.over);
	assert_int_equal(scan.limit, 3);
	assert_int_equal(scan.severity, SEV_ERROR);
	wip_names(&a, &scan);
	wip_names(&b, &full);
	assert_string_equal(a.buf, b.buf);
	assert_string_equal(a.buf, "MKT-1001, MKT-1002, MKT-1003, MKT-1004, MKT-1005, MKT-1006, MKT-1007 and MKT-1008");
	assert_int_equal(wip_verdict(&scan, 0), WIP_REFUSE);
	/* only the files whose front matter holds "doing" or a backslash
	 * were parsed (MKT-1001..1009, 1011, 1015, 1017): none of the
	 * NPLAIN others, nor MKT-1010 ("do" and "ing"), 1012 ("Doing"),
	 * 1016 ("doing" in the body only), nor the two without front
	 * matter */
	assert_int_equal(scan.parsed, 12);

	sbuf_release(&a);
	sbuf_release(&b);
	wip_release(&scan);
	wip_release(&full);
	backlog_release(&bl);
	backlog_release(&all);
	fixture_free(&f);
}

static void
test_scan_off_reads_nothing(void **state)
{
	struct fixture f;
	struct backlog bl;
	struct wip w;

	(void)state;
	fixture_make(&f, "prefix: MKT\nrules:\n  wip-limit: off\n");
	backlog_init(&bl);
	assert_int_equal(backlog_load_flags(&bl, "/mem", NULL, &f.src, 0), 0);
	wip_init(&w);
	assert_int_equal(wip_scan(&w, &bl, &f.src, "MKT-1"), 0);
	assert_int_equal(w.severity, SEV_OFF);
	assert_int_equal(w.n, 0);
	assert_int_equal(w.parsed, 0);
	assert_int_equal(wip_verdict(&w, 0), WIP_OK);
	wip_release(&w);
	backlog_release(&bl);
	fixture_free(&f);
}

/* backlog_load_pick: the items passed over leave no item and no
 * finding; those picked load as backlog_load loads them. */
static int
pick_odd(const char *data, size_t len, void *arg)
{
	(void)len;
	(*(int *)arg)++;    /* single-threaded below 64 files only */
	return strstr(data, "id: MKT-10") != NULL;
}

static void
test_load_pick(void **state)
{
	struct memfs fs;
	struct source src;
	struct backlog bl;
	int calls = 0;

	(void)state;
	memset(&fs, 0, sizeof(fs));
	memfs_put(&fs, "docket.yaml", "prefix: MKT\n");
	memfs_put(&fs, "backlog/MKT-1.md", "---\nid: MKT-1\nstatus: ready\n---\n");
	memfs_put(&fs, "backlog/MKT-2.md", "no front matter\n");
	memfs_put(&fs, "backlog/MKT-10.md", "---\nid: MKT-10\nstatus: doing\n---\n");
	memfs_put(&fs, "backlog/MKT-11.md", "---\nid: MKT-10\n---\n");
	memset(&src, 0, sizeof(src));
	src.read = mem_read;
	src.list = mem_list;
	src.release = mem_release;
	src.ctx = &fs;
	backlog_init(&bl);
	assert_int_equal(backlog_load_pick(&bl, "/mem", NULL, &src, BL_LEAN,
					   pick_odd, &calls), 0);
	assert_int_equal(calls, 4);
	assert_int_equal(bl.nitems, 2);
	assert_string_equal(bl.items[0]->path, "backlog/MKT-10.md");
	assert_int_equal(bl.items[0]->status, ST_DOING);
	assert_string_equal(bl.items[1]->path, "backlog/MKT-11.md");
	assert_ptr_equal(backlog_item(&bl, "MKT-10"), bl.items[0]);
	/* no finding of MKT-2 (passed over) */
	for (size_t i = 0; i < bl.diags.n; i++)
		assert_null(strstr(bl.diags.v[i].file, "MKT-2"));
	backlog_release(&bl);
	memfs_release(&fs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan_counts_as_full_parse),
		cmocka_unit_test(test_scan_off_reads_nothing),
		cmocka_unit_test(test_load_pick),
	};

	(void)check_mem;   /* the shared fixture's; unused here */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
