/*
 * Unit tests for core/dod (the Definition-of-Done boxes and their
 * one-byte tick) and core/itemfilter (the filters of list and of the
 * served backlog page).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/dod.h"
#include "core/itemfilter.h"
#include "core/xalloc.h"

static struct item *
mk(const char *text)
{
	struct fm_opts fo = FM_OPTS_INIT;

	return item_new("backlog/MKT-1.md", xstrdup(text), strlen(text), &fo);
}

static const char doc[] =
	"---\nid: MKT-1\ntitle: T\nstatus: doing\n---\n"
	"- [ ] not in the section\n"
	"## Definition of Done\r\n"
	"- [ ] Copy reviewed\r\n"
	"* [X] Tracking links\n"
	"1. [x] Results recorded  \n"
	"```\n- [ ] inside a fence\n```\n"
	"-  [ ]   Spaced out\n"
	"### Sub heading keeps the section\n"
	"+ [ ] Under it\n"
	"## Notes\n"
	"- [ ] after the section\n";

static void
test_scan(void **state)
{
	struct item *it = mk(doc);
	struct dod_list l;

	(void)state;
	dod_scan(&l, it->data, it->len, it->fm.body_off, it->fm.body_line);
	assert_int_equal(l.n, 5);
	assert_int_equal(l.v[0].checked, 0);
	assert_int_equal(l.v[0].len, strlen("Copy reviewed"));
	assert_memory_equal(l.v[0].text, "Copy reviewed", l.v[0].len);
	assert_int_equal(l.v[0].line, 8);
	assert_int_equal(l.v[0].col, 3);
	assert_int_equal(l.v[1].checked, 1);
	assert_int_equal(l.v[2].checked, 1);
	assert_memory_equal(l.v[2].text, "Results recorded", l.v[2].len);
	assert_int_equal(l.v[2].len, strlen("Results recorded"));
	assert_memory_equal(l.v[3].text, "Spaced out", l.v[3].len);
	assert_memory_equal(l.v[4].text, "Under it", l.v[4].len);
	dod_list_release(&l);
	item_free(it);
}

static void
test_find(void **state)
{
	struct item *it = mk(doc);
	struct dod_list l;

	(void)state;
	dod_scan(&l, it->data, it->len, it->fm.body_off, it->fm.body_line);
	assert_int_equal(dod_find(&l, "1"), 0);
	assert_int_equal(dod_find(&l, "5"), 4);
	assert_int_equal(dod_find(&l, "6"), -1);
	assert_int_equal(dod_find(&l, "copy"), 0);
	assert_int_equal(dod_find(&l, "TRACKING LINKS"), 1);
	assert_int_equal(dod_find(&l, "nothing"), -1);
	dod_list_release(&l);
	item_free(it);
	it = mk("---\nid: MKT-1\n---\n# Definition of done\n- [ ] Copy\n- [ ] Copy reviewed\n- [ ] Code\n");
	dod_scan(&l, it->data, it->len, it->fm.body_off, it->fm.body_line);
	assert_int_equal(l.n, 3);
	assert_int_equal(dod_find(&l, "copy"), 0);     /* exact wins */
	assert_int_equal(dod_find(&l, "co"), -2);      /* ambiguous */
	dod_list_release(&l);
	item_free(it);
}

/* Ticking changes one byte: the rest of the file, CRLF included, stays. */
static void
test_set(void **state)
{
	struct item *it = mk(doc);
	struct dod_list l;
	struct sbuf out = SBUF_INIT;
	size_t diff = 0;

	(void)state;
	dod_scan(&l, it->data, it->len, it->fm.body_off, it->fm.body_line);
	dod_set(&out, it->data, it->len, &l.v[0], 1);
	assert_int_equal(out.len, it->len);
	for (size_t i = 0; i < out.len; i++)
		diff += out.buf[i] != it->data[i];
	assert_int_equal(diff, 1);
	assert_non_null(strstr(out.buf, "- [x] Copy reviewed\r\n"));
	dod_set(&out, it->data, it->len, &l.v[1], 1);   /* [X] stays as written */
	assert_memory_equal(out.buf, it->data, it->len);
	dod_set(&out, it->data, it->len, &l.v[1], 0);
	assert_non_null(strstr(out.buf, "* [ ] Tracking links\n"));
	sbuf_release(&out);
	dod_list_release(&l);
	item_free(it);
}

static void
test_filter(void **state)
{
	struct item *a = mk("---\nid: MKT-1\ntitle: Video Teaser\nstatus: ready\ntype: bau\n"
			    "tags: [video, social]\ncampaign: launch\ngoal: pipeline\n---\nAbout Ünicode and more\n");
	struct item *b = mk("---\nid: MKT-2\ntitle: Other\nstatus: done\ntags: email\n---\n");
	struct item_filter f = ITEM_FILTER_INIT;
	char bad[32];

	(void)state;
	assert_true(item_filter_match(&f, a) && item_filter_match(&f, b));
	assert_int_equal(item_filter_statuses(&f.status_mask, "ready,doing", bad, sizeof(bad)), 0);
	assert_true(item_filter_match(&f, a));
	assert_false(item_filter_match(&f, b));
	assert_int_equal(item_filter_statuses(&f.status_mask, "bogus", bad, sizeof(bad)), -1);
	assert_string_equal(bad, "bogus");
	f.status_mask = 0;
	f.type = TYPE_BAU;
	assert_true(item_filter_match(&f, a));
	assert_false(item_filter_match(&f, b));
	f.type = -1;
	f.tag = "social";
	assert_true(item_filter_match(&f, a));
	f.tag = "email";
	assert_false(item_filter_match(&f, a));
	assert_true(item_filter_match(&f, b));   /* a scalar tag */
	f.tag = NULL;
	f.campaign = "launch";
	f.goal = "pipeline";
	assert_true(item_filter_match(&f, a));
	assert_false(item_filter_match(&f, b));
	f.campaign = f.goal = NULL;
	f.text = "  TEASER   mkt-1 ";            /* every word, any ASCII case */
	assert_true(item_filter_match(&f, a));
	f.text = "teaser other";
	assert_false(item_filter_match(&f, a));
	f.text = "Ünicode";                      /* the body; non-ASCII exactly */
	assert_true(item_filter_match(&f, a));
	f.text = "ünicode";
	assert_false(item_filter_match(&f, a));
	f.text = "SOCIAL";                       /* tags */
	assert_true(item_filter_match(&f, a));
	item_free(a);
	item_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_filter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
