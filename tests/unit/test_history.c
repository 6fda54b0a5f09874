/*
 * Unit tests for core/history and core/changes: dates taken from a
 * crafted git history (statuses changed by hand, a renumber, time
 * zones), field changes between item versions, the "moved" rule of the
 * backlog diff, and ORDER's scanner.  Repositories are made with the git
 * CLI at fixed dates in a temporary folder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/backlog.h"
#include "core/changes.h"
#include "core/history.h"
#include "core/order.h"
#include "core/repo.h"
#include "core/sbuf.h"
#include "core/xalloc.h"

static char tmpdir[256];

static void
sh(const char *fmt, ...)
{
	struct sbuf cmd = SBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sbuf_addf(&cmd, "cd '%s' && ", tmpdir);
	sbuf_vaddf(&cmd, fmt, ap);
	va_end(ap);
	assert_int_equal(system(cmd.buf), 0);
	sbuf_release(&cmd);
}

static void
item_file(const char *id, const char *title, const char *status,
	  const char *extra)
{
	sh("printf -- '---\\nid: %s\\ntitle: %s\\nstatus: %s\\n%s---\\nBody\\n' > backlog/%s.md",
	   id, title, status, extra, id);
}

/* commit everything at an author date */
static void
at(const char *date, const char *msg)
{
	sh("git add -A && GIT_AUTHOR_DATE='%s' GIT_COMMITTER_DATE='%s' git commit -qm '%s'",
	   date, date, msg);
}

static void
set_status(const char *id, const char *status)
{
	sh("sed -i 's/^status: .*/status: %s/' backlog/%s.md", status, id);
}

static int
setup_repo(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "%s/docket-hist.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(tmpdir));
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CEILING_DIRECTORIES", tmpdir, 1);
	setenv("HOME", tmpdir, 1);
	sh("git init -q -b main . && git config user.name 'Dana Reyes' && git config user.email dana@example.com");
	sh("mkdir backlog && printf 'prefix: MKT\\n' > docket.yaml && : > backlog/ORDER");
	/* MKT-1: ready -> doing -> blocked -> doing -> done, by hand */
	item_file("MKT-1", "Teaser", "ready", "");
	/* MKT-2: doing, with its own started date */
	item_file("MKT-2", "Email", "doing", "started: 2026-10-01\\n");
	/* MKT-9: will be renumbered to MKT-3 */
	item_file("MKT-9", "Webinar", "ready", "");
	/* MKT-4: created done */
	item_file("MKT-4", "Press kit", "done", "");
	item_file("MKT-5", "Podcast", "ready", "");
	at("2026-11-02T12:00:00Z", "Add items");
	set_status("MKT-1", "doing");
	set_status("MKT-9", "doing");
	at("2026-11-03T12:00:00Z", "Start MKT-1 and MKT-9");
	set_status("MKT-1", "blocked");
	at("2026-11-05T12:00:00Z", "Block MKT-1");
	set_status("MKT-1", "doing");
	at("2026-11-06T12:00:00Z", "Unblock MKT-1");
	/* stopped late on the 5th in UTC, the 6th in the author's zone */
	set_status("MKT-5", "stopped");
	at("2026-11-06T09:30:00+14:00", "Stop MKT-5");
	sh("git mv backlog/MKT-9.md backlog/MKT-3.md && sed -i 's/^id: MKT-9/id: MKT-3/' backlog/MKT-3.md");
	at("2026-11-07T12:00:00Z", "Renumber MKT-9 to MKT-3");
	set_status("MKT-3", "done");
	at("2026-11-08T12:00:00Z", "MKT-3 done");
	set_status("MKT-1", "done");
	at("2026-11-09T12:00:00Z", "MKT-1 done");
	return 0;
}

static int
teardown_repo(void **state)
{
	(void)state;
	sh("cd / && rm -rf '%s'", tmpdir);
	return 0;
}

static void
load(struct backlog *bl, struct source *src)
{
	backlog_init(bl);
	source_worktree(src, tmpdir, tmpdir);
	assert_int_equal(backlog_load(bl, tmpdir, tmpdir, src), 0);
}

static void
test_fill_dates(void **state)
{
	struct backlog bl;
	struct source src;
	struct repo r;
	struct diag_list d = DIAG_LIST_INIT;
	struct item *it;

	(void)state;
	load(&bl, &src);
	assert_int_equal(repo_open(&r, tmpdir, NULL), 0);
	setenv("DOCKET_HISTORY_CACHE", "0", 1);
	assert_int_equal(history_fill_dates(&bl, &r, &d), 0);
	assert_int_equal(d.n, 0);

	/* first time doing, last time done */
	it = backlog_item(&bl, "MKT-1");
	assert_string_equal(it->started, "2026-11-03");
	assert_string_equal(it->finished, "2026-11-09");
	assert_string_equal(it->hist_started, "2026-11-03");
	/* a date in the file wins, and is not marked as from history */
	it = backlog_item(&bl, "MKT-2");
	assert_string_equal(it->started, "2026-10-01");
	assert_string_equal(it->hist_started, "");
	/* followed across the renumber */
	it = backlog_item(&bl, "MKT-3");
	assert_string_equal(it->started, "2026-11-03");
	assert_string_equal(it->finished, "2026-11-08");
	/* created done: finished on creation, never started */
	it = backlog_item(&bl, "MKT-4");
	assert_string_equal(it->finished, "2026-11-02");
	assert_null(it->started);
	/* the author's own calendar day */
	it = backlog_item(&bl, "MKT-5");
	assert_string_equal(it->finished, "2026-11-06");
	assert_null(it->started);
	/* nothing was written */
	sh("test -z \"$(git status --porcelain)\"");

	/* the same through the cache, twice (cold, then warm) */
	unsetenv("DOCKET_HISTORY_CACHE");
	for (int pass = 0; pass < 2; pass++) {
		struct backlog b2;
		struct source s2;

		load(&b2, &s2);
		assert_int_equal(history_fill_dates(&b2, &r, &d), 0);
		assert_string_equal(backlog_item(&b2, "MKT-3")->started, "2026-11-03");
		assert_string_equal(backlog_item(&b2, "MKT-1")->finished, "2026-11-09");
		backlog_release(&b2);
		s2.release(&s2);
	}
	sh("ls .git/docket/history-* >/dev/null");
	diag_list_release(&d);
	repo_close(&r);
	backlog_release(&bl);
	src.release(&src);
}

static void
test_item_log(void **state)
{
	struct item_log l;
	struct repo r;

	(void)state;
	assert_int_equal(repo_open(&r, tmpdir, NULL), 0);
	assert_int_equal(history_item_log(&l, &r, NULL, "backlog/", "MKT-3", NULL, NULL), 0);
	/* done, renumbered, started, added (as MKT-9) */
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[0].subject, "MKT-3 done");
	assert_int_equal(l.v[1].event, LOG_RENAMED);
	assert_string_equal(l.v[1].old_name, "MKT-9");
	assert_int_equal(l.v[2].changes.n, 1);
	assert_string_equal(l.v[2].changes.v[0].field, "status");
	assert_string_equal(l.v[2].changes.v[0].from, "ready");
	assert_string_equal(l.v[2].changes.v[0].to, "doing");
	assert_int_equal(l.v[3].event, LOG_ADDED);
	item_log_release(&l);
	/* an unborn or unknown revision */
	{
		struct diag_list e = DIAG_LIST_INIT;

		assert_int_equal(history_item_log(&l, &r, "nope", "backlog/", "MKT-3",
						  NULL, &e), DK_ENOTFOUND);
		assert_int_equal(e.n, 1);
		assert_int_equal(e.v[0].code, DK_ENOTFOUND);
		assert_non_null(strstr(e.v[0].message, "unknown revision"));
		diag_list_release(&e);
	}
	item_log_release(&l);
	repo_close(&r);
}

static struct item *
mk(const char *path, const char *text)
{
	struct fm_opts fo = FM_OPTS_INIT;

	return item_new(path, xstrdup(text), strlen(text), &fo);
}

static void
test_changes_item(void **state)
{
	struct item *a = mk("a.md", "---\nid: MKT-1\neffort: 3\ntags: [a, b]\ngoal: x\n---\nBody\n");
	struct item *b = mk("a.md", "---\nid: MKT-1\nstatus: doing\neffort: 5\ntags: [a, \"b, c\"]\n---\r\nBody\r\n");
	struct field_changes c = { 0 };

	(void)state;
	changes_item(&c, a, b);
	assert_int_equal(c.n, 4);
	assert_string_equal(c.v[0].field, "status");
	assert_null(c.v[0].from);
	assert_string_equal(c.v[0].to, "doing");
	assert_string_equal(c.v[1].field, "effort");
	assert_string_equal(c.v[1].from, "3");
	assert_string_equal(c.v[1].to, "5");
	assert_string_equal(c.v[2].to, "[a, \"b, c\"]");
	assert_string_equal(c.v[3].field, "goal");
	assert_null(c.v[3].to);   /* removed; the body differs only in line ends */
	field_changes_release(&c);
	item_free(a);
	item_free(b);
}

/* A backlog of items named by ids, with ORDER text. */
static void
mini(struct backlog *bl, const char *const *ids, size_t n, const char *order)
{
	backlog_init(bl);
	for (size_t i = 0; i < n; i++) {
		char text[128];
		struct item *it;

		snprintf(text, sizeof(text), "---\nid: %s\ntitle: T\nstatus: ready\n---\n", ids[i]);
		it = mk(ids[i], text);
		bl->items = xrealloc(bl->items, (bl->nitems + 1) * sizeof(*bl->items));
		bl->items[bl->nitems++] = it;
		strmap_put(&bl->by_id, it->id, strlen(it->id), it);
	}
	order_parse(&bl->order, "ORDER", order, strlen(order), &bl->diags);
}

static void
test_diff_moved(void **state)
{
	static const char *const ids[] = { "MKT-1", "MKT-2", "MKT-3", "MKT-4", "MKT-5" };
	struct backlog a, b, c;
	struct backlog_diff d;

	(void)state;
	mini(&a, ids, 5, "MKT-1\nMKT-2\nMKT-3\nMKT-4\nMKT-5\n");
	/* MKT-1 goes down three: only MKT-1 moved */
	mini(&b, ids, 5, "# top\nMKT-2\nMKT-3\nMKT-4\nMKT-1\nMKT-5\n");
	backlog_diff(&d, &a, &b);
	assert_int_equal(d.count[BD_MOVED], 1);
	assert_string_equal(d.v[0].id, "MKT-1");
	assert_int_equal(d.v[0].from, 1);
	assert_int_equal(d.v[0].to, 4);
	backlog_diff_release(&d);
	/* a swap of neighbours: one of them moved; unranking is not a move */
	mini(&c, ids, 5, "MKT-2\nMKT-1\nMKT-3\nMKT-5\n");
	backlog_diff(&d, &a, &c);
	assert_int_equal(d.count[BD_MOVED], 1);
	assert_int_equal(d.count[BD_UNRANKED], 1);
	assert_string_equal(d.v[1].id, "MKT-4");
	backlog_diff_release(&d);
	/* identical: nothing */
	backlog_diff(&d, &a, &a);
	assert_int_equal(d.n, 0);
	backlog_diff_release(&d);
	backlog_release(&a);
	backlog_release(&b);
	backlog_release(&c);
}

static void
test_order_scan(void **state)
{
	const char *o = "# MVL\r\nMKT-4  # note\r\n\r\n<<<<<<< ours\r\nMKT-1\r\n   MKT-10\r\nMKT-1\r\n";
	size_t off = 0, len;
	const char *id;
	int n = 0;

	(void)state;
	assert_int_equal(order_scan_rank(o, strlen(o), "MKT-4"), 1);
	assert_int_equal(order_scan_rank(o, strlen(o), "MKT-1"), 2);
	assert_int_equal(order_scan_rank(o, strlen(o), "MKT-10"), 3);
	assert_int_equal(order_scan_rank(o, strlen(o), "MKT-"), 0);
	while (order_next_id(o, strlen(o), &off, &id, &len))
		n++;
	assert_int_equal(n, 4);
	/* the same ranks as order_parse */
	{
		struct order ord;
		struct diag_list d = DIAG_LIST_INIT;

		order_parse(&ord, "ORDER", o, strlen(o), &d);
		assert_int_equal(order_rank(&ord, "MKT-10"), 3);
		order_release(&ord);
		diag_list_release(&d);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fill_dates),
		cmocka_unit_test(test_item_log),
		cmocka_unit_test(test_changes_item),
		cmocka_unit_test(test_diff_moved),
		cmocka_unit_test(test_order_scan),
	};

	repo_global_init();
	{
		int rc = cmocka_run_group_tests(tests, setup_repo, teardown_repo);

		repo_global_shutdown();
		return rc;
	}
}
