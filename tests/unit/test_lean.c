/*
 * Unit tests for lean loading (BL_LEAN, backlog_load_visit, item_lean)
 * and core/spill: a lean backlog resolves the same fields, ranks and
 * scores as a full one, the visitor sees every parsed item with its tree
 * before it is dropped, and spilled strings read back byte for byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/item.h"
#include "core/order.h"
#include "core/spill.h"
#include "test_check_fixture.h"

static struct source
mem_source(struct memfs *fs)
{
	struct source src;

	memset(&src, 0, sizeof(src));
	src.read = mem_read;
	src.list = mem_list;
	src.release = mem_release;
	src.threadsafe = 1;
	src.ctx = fs;
	return src;
}

/* Enough items (>= 64) that the loader uses its threads. */
#define NITEMS 150

struct fixture {
	struct memfs fs;
	char *paths[NITEMS];
	char *texts[NITEMS];
	struct sbuf order;
};

static void
fixture_make(struct fixture *f, const char *score)
{
	static char config[128];

	memset(f, 0, sizeof(*f));
	sbuf_init(&f->order);
	snprintf(config, sizeof(config), "prefix: MKT\nscore: %s\n", score);
	memfs_put(&f->fs, "docket.yaml", config);
	for (int i = 0; i < NITEMS; i++) {
		f->paths[i] = xasprintf("backlog/MKT-%d.md", i + 1);
		f->texts[i] = xasprintf(
			"---\nid: MKT-%d\ntitle: \"Item \\u00e9 %d\"\nstatus: ready\n"
			"effort: %d\ncustomer_value: %d\nbusiness_value: 5\n"
			"confidence: %d\ngoal: g%d\ncampaign: c\ncreated: 2025-01-%02d\n"
			"tags: [a, t%d]\n---\nBody %d\n",
			i + 1, i, 1 + i % 8, 1 + i % 10, 10 * (i % 10), i % 3,
			1 + i % 28, i % 5, i);
		memfs_put(&f->fs, f->paths[i], f->texts[i]);
		if (i % 3 == 0)
			sbuf_addf(&f->order, "MKT-%d\n", i + 1);
	}
	/* one file that does not parse */
	memfs_put(&f->fs, "backlog/MKT-999.md", "no front matter\n");
	memfs_put(&f->fs, "backlog/ORDER", f->order.buf);
}

static void
fixture_free(struct fixture *f)
{
	for (int i = 0; i < NITEMS; i++) {
		free(f->paths[i]);
		free(f->texts[i]);
	}
	sbuf_release(&f->order);
	memfs_release(&f->fs);
}

struct seen {
	atomic_int calls;
	atomic_int with_tree;
	char *ids[NITEMS + 1];       /* by index: what the visitor saw */
	atomic_int bad_index;
};

static void
count_visit(struct item *it, size_t index, size_t count, void *arg)
{
	struct seen *s = arg;
	const struct ynode *tags = item_get(it, "tags");

	atomic_fetch_add(&s->calls, 1);
	if (it->parsed && tags && tags->type == YNODE_SEQ && tags->nkids == 2 &&
	    it->data && it->rank == (long)(it->num % 3 == 1 ? it->num / 3 + 1 : 0))
		atomic_fetch_add(&s->with_tree, 1);
	/* the visitor keeps its own per-item array, by index */
	if (count != NITEMS + 1 || index >= count || s->ids[index])
		atomic_fetch_add(&s->bad_index, 1);
	else
		s->ids[index] = xstrdup(it->id ? it->id : "?");
}

static int
same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static void
compare_lean(const char *score)
{
	struct fixture f;
	struct backlog full, lean;
	struct source src;
	struct seen seen;

	fixture_make(&f, score);
	src = mem_source(&f.fs);
	backlog_init(&full);
	backlog_init(&lean);
	memset(&seen, 0, sizeof(seen));
	atomic_init(&seen.calls, 0);
	atomic_init(&seen.with_tree, 0);
	atomic_init(&seen.bad_index, 0);
	assert_int_equal(backlog_load(&full, "/mem", NULL, &src), 0);
	assert_int_equal(backlog_load_visit(&lean, "/mem", NULL, &src,
					    BL_ALL | BL_LEAN, count_visit, &seen), 0);
	/* the visitor ran once per item file, with the tree and rank */
	assert_int_equal(atomic_load(&seen.calls), NITEMS + 1);
	assert_int_equal(atomic_load(&seen.with_tree), NITEMS);
	assert_int_equal(atomic_load(&seen.bad_index), 0);
	assert_int_equal(full.nitems, lean.nitems);
	assert_int_equal(full.diags.n, lean.diags.n);
	for (size_t i = 0; i < full.nitems; i++) {
		const struct item *a = full.items[i], *b = lean.items[i];

		assert_string_equal(a->path, b->path);
		assert_int_equal(a->parsed, b->parsed);
		assert_true(same_str(a->id, b->id));
		assert_true(same_str(a->title, b->title));
		assert_true(same_str(a->goal, b->goal));
		assert_true(same_str(a->campaign, b->campaign));
		assert_true(same_str(a->created, b->created));
		assert_int_equal(a->status, b->status);
		assert_int_equal(a->customer_value, b->customer_value);
		assert_int_equal(a->rank, b->rank);
		assert_int_equal(a->num, b->num);
		assert_true((isnan(a->score) && isnan(b->score)) || a->score == b->score);
		if (b->parsed) {
			/* only the resolved fields are left */
			assert_null(b->fm.root);
			assert_null(b->data);
			assert_int_equal(b->len, 0);
			assert_null(item_get(b, "tags"));
			/* the index the visitor got is the item's place */
			assert_string_equal(seen.ids[i], b->id);
			assert_ptr_equal(backlog_item(&lean, b->id), b);
		}
	}
	for (size_t i = 0; i < NITEMS + 1; i++)
		free(seen.ids[i]);
	backlog_release(&full);
	backlog_release(&lean);
	fixture_free(&f);
}

static void
test_lean_same_fields(void **state)
{
	(void)state;
	compare_lean("wsjf");
	/* RICE reads confidence from the tree: scored before it is dropped */
	compare_lean("rice");
}

static void
test_item_lean_alone(void **state)
{
	static const char text[] = "---\nid: MKT-3\ntitle: 'It''s'\nstatus: done\n---\nx\n";
	struct fm_opts o = FM_OPTS_INIT;
	struct item *it = item_new("backlog/MKT-3.md", xstrdup(text),
				   sizeof(text) - 1, &o);

	(void)state;
	assert_true(it->parsed);
	item_lean(it);
	assert_string_equal(it->id, "MKT-3");
	assert_string_equal(it->title, "It's");
	assert_null(it->goal);
	assert_int_equal(it->status, ST_DONE);
	assert_null(it->data);
	/* twice is harmless */
	item_lean(it);
	assert_string_equal(it->title, "It's");
	item_free(it);
}

static void
put_get(struct spill *s, const char *text, int want_spilled)
{
	struct sbuf sb = SBUF_INIT;
	char *mem;
	size_t off;

	spill_put(s, text, strlen(text), &mem, &off);
	if (want_spilled >= 0)
		assert_int_equal(mem == NULL, want_spilled);
	if (mem) {
		assert_string_equal(mem, text);
		free(mem);
		return;
	}
	sbuf_addc(&sb, '>');
	assert_int_equal(spill_get(s, off, strlen(text), &sb), 0);
	assert_int_equal(sb.len, strlen(text) + 1);
	assert_memory_equal(sb.buf + 1, text, strlen(text));
	sbuf_release(&sb);
}

static void
test_spill(void **state)
{
	struct spill *s = spill_new(10);
	struct sbuf big = SBUF_INIT;

	(void)state;
	put_get(s, "12345", 0);       /* 5 of 10 bytes in memory */
	put_get(s, "abcde", 0);       /* 10 of 10 */
	put_get(s, "x", 1);           /* over: to the file */
	put_get(s, "", -1);
	for (int i = 0; i < 100000; i++)
		sbuf_addc(&big, (char)('a' + i % 26));
	put_get(s, big.buf, 1);
	put_get(s, "after", 1);
	sbuf_release(&big);
	spill_free(s);
}

static void
test_spill_no_tmpdir(void **state)
{
	const char *old = getenv("TMPDIR");
	char *saved = old ? xstrdup(old) : NULL;
	struct spill *s;

	(void)state;
	/* no temporary file can be made: everything stays in memory */
	setenv("TMPDIR", "/nonexistent/docket-test", 1);
	s = spill_new(0);
	put_get(s, "kept", 0);
	put_get(s, "kept too", 0);
	spill_free(s);
	if (saved) {
		setenv("TMPDIR", saved, 1);
		free(saved);
	} else {
		unsetenv("TMPDIR");
	}
}

/* check_run_visit (lean, in the loader's threads) finds exactly what
 * check_backlog finds on the whole backlog, messages included. */
static void
test_check_lean_same_findings(void **state)
{
	struct memfs fs;
	struct backlog full, lean;
	struct source src;
	struct diag_list a = DIAG_LIST_INIT, b = DIAG_LIST_INIT;
	struct check_run *run;
	char *paths[120], *texts[120];
	char *ra, *rb;

	(void)state;
	memset(&fs, 0, sizeof(fs));
	memfs_put(&fs, "docket.yaml",
		  "prefix: MKT\ngoals: { pipeline: leads }\n"
		  "fields:\n  channel: { type: enum, values: [email, web] }\n"
		  "  region: { type: string, pattern: '^[A-Z]{2}$' }\n"
		  "rules:\n  max-effort: { max: 5 }\n");
	for (int i = 0; i < 120; i++) {
		/* every few items a different problem */
		int id = i % 17 == 3 ? i : i + 1;     /* duplicate ids */
		const char *extra[] = {
			"", "depends_on: [MKT-2, MKT-999]\n", "follows: MKT-998\n",
			"goal: nowhere\n", "channel: fax\n", "region: xyz\n",
			"effort: 13\n", "assignee: Sam\nstatus_note: x\n",
			"depends_on: [MKT-7]\n", "cycle: 2099-01\n",
		};

		paths[i] = xasprintf(i % 23 == 5 ? "backlog/MKT-%d-renamed.md" :
				     "backlog/MKT-%d.md", i + 1);
		texts[i] = xasprintf("---\nid: MKT-%d\ntitle: Item %d\nstatus: %s\n%s---\n%s",
				     id, i, i % 5 == 0 ? "done" : "idea",
				     extra[i % 10],
				     i % 5 == 0 ? "## Definition of Done\n- [ ] open box\n" : "");
		memfs_put(&fs, paths[i], texts[i]);
	}
	memfs_put(&fs, "backlog/MKT-7.md", "---\nid: MKT-7\ntitle: t\nstatus: idea\ndepends_on: [MKT-8]\n---\n");
	memfs_put(&fs, "backlog/MKT-8.md", "---\nid: MKT-8\ntitle: t\nstatus: idea\ndepends_on: [MKT-7]\n---\n");
	memfs_put(&fs, "backlog/MKT-500.md", "---\nid: [broken\n---\n");
	memfs_put(&fs, "backlog/ORDER", "MKT-8\nMKT-7\nMKT-404\nMKT-1\nMKT-1\n");
	src = mem_source(&fs);
	backlog_init(&full);
	backlog_init(&lean);
	assert_int_equal(backlog_load(&full, "/mem", NULL, &src), 0);
	check_backlog(&a, &full, NULL);
	run = check_run_new(&lean, NULL);
	assert_int_equal(backlog_load_visit(&lean, "/mem", NULL, &src, BL_ALL | BL_LEAN,
					    check_run_visit, run), 0);
	check_run_finish(run, &b);
	ra = render_findings(&a);
	rb = render_findings(&b);
	assert_string_equal(ra, rb);
	assert_true(a.n > 20);
	for (size_t i = 0; i < a.n; i++)
		assert_string_equal(a.v[i].message, b.v[i].message);
	/* the lean items hold no bytes and at most depends_on / follows */
	for (size_t i = 0; i < lean.nitems; i++) {
		assert_null(lean.items[i]->data);
		assert_true(ynode_map_size(lean.items[i]->fm.root) <= 2);
	}
	free(ra);
	free(rb);
	diag_list_release(&a);
	diag_list_release(&b);
	backlog_release(&full);
	backlog_release(&lean);
	for (int i = 0; i < 120; i++) {
		free(paths[i]);
		free(texts[i]);
	}
	memfs_release(&fs);
}

/* order_scan_rank agrees with order_parse + order_rank on every id. */
static void
same_ranks(const char *text, size_t len)
{
	static const char *const probe[] = {
		"MKT-1", "MKT-2", "MKT-3", "MKT-4", "MKT-10", "MKT", "#", "", "x",
	};
	struct order o;
	struct diag_list d = DIAG_LIST_INIT;

	order_parse(&o, "ORDER", text, len, &d);
	for (size_t i = 0; i < ARRAY_SIZE(probe); i++) {
		long want = order_rank(&o, probe[i]);
		long got = order_scan_rank(text, len, probe[i]);

		if (want != got)
			print_error("'%s' in [%.*s]: %ld, want %ld\n", probe[i],
				    (int)len, text, got, want);
		assert_int_equal(got, want);
	}
	order_release(&o);
	diag_list_release(&d);
}

#define R(lit) same_ranks((lit), sizeof(lit) - 1)

static void
test_order_scan_rank(void **state)
{
	(void)state;
	R("");
	R("MKT-1\nMKT-2\nMKT-3\n");
	R("MKT-1\r\nMKT-2\r\n\r\nMKT-3");
	R("# top\n\n  MKT-3   # waits\n\tMKT-1\n#MKT-2\nMKT-2#x\n");
	R("MKT-2\nMKT-1\nMKT-2\nMKT-4\n");          /* first occurrence */
	R("MKT-1 MKT-2\nMKT-3\n");                     /* one id per line */
	R("<<<<<<< ours\nMKT-1\n=======\nMKT-2\n>>>>>>> theirs\nMKT-3\n");
	R("=======x\nMKT-1\n");                        /* not a marker */
	R("=======\r\r\nMKT-1\n");                    /* a marker, CR or not */
	R("<<<<<<<\tours\nMKT-1\n");
	R("MKT-10\nMKT-1\n");
	R("\r\nMKT-4\r");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lean_same_fields),
		cmocka_unit_test(test_item_lean_alone),
		cmocka_unit_test(test_spill),
		cmocka_unit_test(test_spill_no_tmpdir),
		cmocka_unit_test(test_order_scan_rank),
		cmocka_unit_test(test_check_lean_same_findings),
	};

	(void)check_mem;   /* the shared fixture's; unused here */
	(void)load_mem;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
