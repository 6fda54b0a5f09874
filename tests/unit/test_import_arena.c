/*
 * Unit tests for formats/import_arena: the room an import keeps its
 * per-record tables in.  What was written survives the pages going back
 * to the kernel, and they do go back (resident memory falls); a table
 * that grows keeps its contents; a piece the disk has no room for comes
 * from ordinary memory instead, usable and zeroed; a folder that cannot
 * hold the file is named in the error.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "core/xalloc.h"
#include "formats/import.h"
#include "formats/import_arena.h"
#include "formats/import_spill.h"

#define MIB ((size_t)1 << 20)

/* This process's resident memory in KiB (/proc/self/status VmRSS). */
static long
rss_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmRSS: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

static const char *
tmpdir(void)
{
	const char *d = getenv("TMPDIR");

	return d && *d ? d : "/tmp";
}

static void
test_contents_survive_trim_and_memory_goes_back(void **state)
{
	struct import_arena *a;
	unsigned char *big[8], *small[64];
	char *err;
	long before, after;

	(void)state;
	assert_int_equal(import_arena_open(&a, tmpdir(), &err), 0);
	assert_null(err);
	/* 16 MiB in large pieces, 64 small requests between them */
	for (size_t i = 0; i < 8; i++) {
		big[i] = import_arena_alloc(a, 2 * MIB);
		for (size_t j = 0; j < 2 * MIB; j++)
			assert_int_equal(big[i][j], 0);
		memset(big[i], (int)(0x10 + i), 2 * MIB);
		for (size_t k = 0; k < 8; k++) {
			small[i * 8 + k] = import_arena_alloc(a, 1000 + k);
			assert_int_equal((uintptr_t)small[i * 8 + k] % 16, 0);
			memset(small[i * 8 + k], (int)(i * 8 + k), 1000 + k);
		}
	}
	before = rss_kib();
	import_arena_trim(a);
	after = rss_kib();
	/* the 16 MiB written are no longer resident (the file has them) */
	assert_true(before - after >= 12 * 1024);
	for (size_t i = 0; i < 8; i++) {
		for (size_t j = 0; j < 2 * MIB; j += 4093)
			assert_int_equal(big[i][j], 0x10 + i);
		assert_int_equal(big[i][2 * MIB - 1], 0x10 + i);
	}
	for (size_t s = 0; s < 64; s++)
		for (size_t j = 0; j < 1000 + s % 8; j++)
			assert_int_equal(small[s][j], s);
	import_arena_close(a);
}

static void
test_grow_keeps_the_table(void **state)
{
	struct import_arena *a;
	uint32_t *t = NULL;
	size_t n = 0, cap = 0;
	char *err;

	(void)state;
	assert_int_equal(import_arena_open(&a, tmpdir(), &err), 0);
	/* a table of 1,000,000 numbers grown by doubling, visited as a
	 * list's records are (the pages go back as it goes) */
	for (uint32_t v = 0; v < 1000000; v++) {
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 16;
			uint32_t *old = t;

			t = import_arena_grow(a, t, n * sizeof(*t), nc * sizeof(*t));
			/* the old room stays valid and unchanged */
			if (old)
				assert_int_equal(old[n - 1], n - 1);
			cap = nc;
		}
		t[n++] = v;
		import_arena_visit(a);
	}
	for (size_t i = 0; i < n; i++)
		if (t[i] != i)
			fail_msg("table[%zu] is %u", i, t[i]);
	import_arena_close(a);
}

static void
test_full_disk_falls_back_to_memory(void **state)
{
	struct import_arena *a;
	struct rlimit old, lim;
	unsigned char *p[6];
	char *err;

	(void)state;
	/* a file may grow to 2 MiB only: the later pieces cannot be
	 * reserved (EFBIG, as ENOSPC on a full disk) */
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_IGN);
	lim = old;
	lim.rlim_cur = 2 * MIB;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	assert_int_equal(import_arena_open(&a, tmpdir(), &err), 0);
	for (size_t i = 0; i < 6; i++) {
		p[i] = import_arena_alloc(a, MIB);
		for (size_t j = 0; j < MIB; j += 511)
			assert_int_equal(p[i][j], 0);
		memset(p[i], (int)(i + 1), MIB);
	}
	import_arena_trim(a);
	for (size_t i = 0; i < 6; i++)
		for (size_t j = 0; j < MIB; j += 509)
			assert_int_equal(p[i][j], i + 1);
	import_arena_close(a);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_DFL);
}

static void
test_no_folder_no_file(void **state)
{
	struct import_arena *a = (void *)1;
	struct import_list l;
	char *err;

	(void)state;
	assert_int_equal(import_arena_open(&a, "/nonexistent-docket-dir", &err), -1);
	assert_null(a);
	assert_non_null(strstr(err, "/nonexistent-docket-dir"));
	free(err);
	/* and an import says so before it reads a record */
	setenv("TMPDIR", "/nonexistent-docket-dir", 1);
	import_list_init(&l, IMPORT_CSV);
	assert_int_equal(import_spill_open(&l, &err), -1);
	assert_non_null(strstr(err, "cannot create a temporary file in /nonexistent-docket-dir"));
	free(err);
	import_list_release(&l);
	unsetenv("TMPDIR");
}

/* A list with an arena: its records, their strings and its array are
 * the arena's; a sort over many records keeps every one, in order. */
static void
test_list_in_arena_sorts(void **state)
{
	struct import_list l;
	char *err, id[32];

	(void)state;
	unsetenv("TMPDIR");
	import_list_init(&l, IMPORT_CSV);
	assert_int_equal(import_spill_open(&l, &err), 0);
	assert_non_null(l.arena);
	for (int i = 0; i < 20000; i++) {
		struct import_item *it = import_list_add(&l, "x.csv", i + 2);

		snprintf(id, sizeof(id), "R%d", i);
		it->source_id = import_list_str(&l, id);
		/* ranks from last to first, every third without one */
		if (i % 3) {
			import_item_sort(&l, it)->has_rank_num = 1;
			import_item_sort(&l, it)->rank_num = 20000 - i;
		}
	}
	import_list_sort(&l);
	assert_int_equal(l.n, 20000);
	for (size_t i = 1; i < l.n; i++) {
		const struct import_item *a = import_list_at(&l, i - 1);
		const struct import_item *b = import_list_at(&l, i);
		int ra = a->ext && a->ext->sort.has_rank_num;
		int rb = b->ext && b->ext->sort.has_rank_num;

		/* ranked first, by rank; then the rest in source order */
		assert_true(ra >= rb);
		if (ra && rb)
			assert_true(a->ext->sort.rank_num < b->ext->sort.rank_num);
		if (!ra && !rb)
			assert_true(a->seq < b->seq);
	}
	snprintf(id, sizeof(id), "R%d", 19999);
	assert_string_equal(import_list_at(&l, 0)->source_id, id);
	import_list_release(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contents_survive_trim_and_memory_goes_back),
		cmocka_unit_test(test_grow_keeps_the_table),
		cmocka_unit_test(test_full_disk_falls_back_to_memory),
		cmocka_unit_test(test_no_folder_no_file),
		cmocka_unit_test(test_list_in_arena_sorts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
