/*
 * Unit tests for formats/svg: the chart is well-formed XML (checked
 * with xmllint) whatever the text, has what a reader needs (title,
 * axes labels, both series, legend), and handles no data and one day.
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

#include "core/date.h"
#include "core/history.h"
#include "core/sbuf.h"
#include "core/xalloc.h"
#include "formats/svg.h"

/* 1 when xmllint accepts the document. */
static int
well_formed(const struct sbuf *sb)
{
	char path[] = "/tmp/docket-svg-XXXXXX";
	int fd = mkstemp(path), rc;
	FILE *f;
	char cmd[128];

	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fwrite(sb->buf, 1, sb->len, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "xmllint --noout '%s' 2>/dev/null", path);
	rc = system(cmd);
	unlink(path);
	return rc == 0;
}

static void
series(struct burnup *b, const char *campaign, size_t n)
{
	long d0;

	memset(b, 0, sizeof(*b));
	b->campaign = xstrdup(campaign);
	b->v = xcalloc(n + 1, sizeof(*b->v));
	b->n = n;
	assert_int_equal(date_parse(&d0, "2026-11-02"), 0);
	for (size_t i = 0; i < n; i++) {
		b->v[i].day = d0 + (long)i;
		b->v[i].scope = 8 + (double)i;
		b->v[i].done = (double)i;
		b->v[i].items = 3;
	}
}

static void
test_burnup_chart(void **state)
{
	struct burnup b;
	struct sbuf sb = SBUF_INIT;

	(void)state;
	series(&b, "app-launch", 10);
	svg_burnup(&sb, &b);
	assert_true(well_formed(&sb));
	assert_non_null(strstr(sb.buf, "<title id=\"chart-title\">Burn-up: app-launch</title>"));
	assert_non_null(strstr(sb.buf, ">2026-11-02<"));
	assert_non_null(strstr(sb.buf, ">2026-11-11<"));
	/* y axis up to a round 20 (scope tops at 17), labelled */
	assert_non_null(strstr(sb.buf, ">20</text>"));
	assert_non_null(strstr(sb.buf, ">Effort</text>"));
	assert_non_null(strstr(sb.buf, ">Scope</text>"));
	assert_non_null(strstr(sb.buf, ">Completed</text>"));
	assert_non_null(strstr(sb.buf, "scope 17, completed 9 (53%), 3 items"));
	assert_null(strstr(sb.buf, "<script"));
	assert_null(strstr(sb.buf, "href"));
	sbuf_release(&sb);
	burnup_release(&b);
}

static void
test_hostile_text(void **state)
{
	struct burnup b;
	struct sbuf sb = SBUF_INIT;

	(void)state;
	series(&b, "<script>alert(1)</script> & \"x\" \x01\x1b[31m \xff\xfe ]]>", 3);
	svg_burnup(&sb, &b);
	assert_true(well_formed(&sb));
	assert_null(strstr(sb.buf, "<script>"));
	assert_non_null(strstr(sb.buf, "&lt;script&gt;"));
	sbuf_release(&sb);
	burnup_release(&b);
}

static void
test_edge_sizes(void **state)
{
	struct burnup b;
	struct sbuf sb = SBUF_INIT;

	(void)state;
	series(&b, "none", 0);
	svg_burnup(&sb, &b);
	assert_true(well_formed(&sb));
	assert_non_null(strstr(sb.buf, ">no data<"));
	assert_null(strstr(sb.buf, "<polyline"));
	sbuf_release(&sb);
	burnup_release(&b);

	series(&b, "one day", 1);
	svg_burnup(&sb, &b);
	assert_true(well_formed(&sb));
	assert_non_null(strstr(sb.buf, "<circle"));
	assert_null(strstr(sb.buf, "nan"));
	assert_null(strstr(sb.buf, "inf"));
	sbuf_release(&sb);
	burnup_release(&b);
}

static void
test_generic_chart(void **state)
{
	static const long days[] = { 20000, 20003, 20010 };
	static const double y[] = { 0, 0.5, 0.25 };
	const struct svg_series s = { "a & b", y, "#123456", 0 };
	struct svg_chart c = { 0 };
	struct sbuf sb = SBUF_INIT;

	(void)state;
	c.title = "T";
	c.days = days;
	c.n = 3;
	c.series = &s;
	c.nseries = 1;
	c.width = 400;
	c.height = 300;
	svg_chart(&sb, &c);
	assert_true(well_formed(&sb));
	assert_non_null(strstr(sb.buf, "width=\"400\" height=\"300\""));
	assert_non_null(strstr(sb.buf, ">a &amp; b<"));
	assert_null(strstr(sb.buf, "<polygon"));   /* no fill asked */
	assert_non_null(strstr(sb.buf, ">0.5</text>"));
	sbuf_release(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_burnup_chart),
		cmocka_unit_test(test_hostile_text),
		cmocka_unit_test(test_edge_sizes),
		cmocka_unit_test(test_generic_chart),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
