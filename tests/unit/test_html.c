/*
 * Unit tests for formats/html (the site of `docket export html`) and
 * core/sha256: digests and base64 against published vectors, Markdown
 * bodies rendered safely, and a whole site rendered from a backlog held
 * in memory: which pages exist, escaping everywhere, committed vs
 * completed, the chart hook and the script hash.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>

#include "core/date.h"
#include "core/sha256.h"
#include "formats/html.h"
#include "test_check_fixture.h"

static char *
hex(const uint8_t *d, size_t n)
{
	static char buf[129];

	for (size_t i = 0; i < n && i < 64; i++)
		snprintf(buf + 2 * i, 3, "%02x", d[i]);
	return buf;
}

static void
test_sha256_vectors(void **state)
{
	uint8_t d[32];
	char *million = malloc(1000000);

	(void)state;
	sha256(d, "", 0);
	assert_string_equal(hex(d, 32), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha256(d, "abc", 3);
	assert_string_equal(hex(d, 32), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* 56 bytes: the length no longer fits the first padding block */
	sha256(d, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56);
	assert_string_equal(hex(d, 32), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	sha256(d, "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 112);
	assert_string_equal(hex(d, 32), "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
	memset(million, 'a', 1000000);
	sha256(d, million, 1000000);
	assert_string_equal(hex(d, 32), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(million);
}

static void
test_base64_vectors(void **state)
{
	static const char *const in[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
	static const char *const out[] = { "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy" };
	struct sbuf sb = SBUF_INIT;

	(void)state;
	for (size_t i = 0; i < 7; i++) {
		sbuf_reset(&sb);
		base64_add(&sb, in[i], strlen(in[i]));
		assert_string_equal(sb.buf, out[i]);
	}
	sbuf_release(&sb);
}

static char *
md(const char *s)
{
	struct sbuf sb = SBUF_INIT;

	html_markdown(&sb, s, strlen(s));
	return sbuf_detach(&sb, NULL);
}

static void
test_markdown_safe(void **state)
{
	char *h;

	(void)state;
	h = md("[a](javascript:alert(1)) [b](JAVASCRIPT:x) [c](vbscript:x) "
	       "[d](data:text/html,x) [e](file:///etc/passwd) [f](https://example.com/)\n");
	assert_null(strstr(h, "javascript"));
	assert_null(strstr(h, "JAVASCRIPT"));
	assert_null(strstr(h, "vbscript"));
	assert_null(strstr(h, "data:"));
	assert_null(strstr(h, "file:"));
	assert_non_null(strstr(h, "<a href=\"\">a</a>"));
	assert_non_null(strstr(h, "<a href=\"https://example.com/\">f</a>"));
	free(h);

	h = md("<script>alert(1)</script>\n\ntext <img src=x onerror=alert(1)> and <b>bold</b>\n\n"
	       "<div onclick=\"x\">block</div>\n");
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "<img"));
	assert_null(strstr(h, "<b>"));
	assert_null(strstr(h, "<div"));
	assert_non_null(strstr(h, "<!-- raw HTML omitted -->"));
	free(h);

	/* an image with a dangerous URL keeps no URL */
	h = md("![x](javascript:alert(1))\n");
	assert_non_null(strstr(h, "src=\"\""));
	free(h);
}

static void
test_markdown_gfm(void **state)
{
	char *h;

	(void)state;
	h = md("## Definition of Done\n- [x] Copy reviewed\n- [ ] Results recorded\n");
	assert_non_null(strstr(h, "<h2>Definition of Done</h2>"));
	assert_non_null(strstr(h, "<input type=\"checkbox\" checked=\"\" disabled=\"\" /> Copy reviewed"));
	assert_non_null(strstr(h, "<input type=\"checkbox\" disabled=\"\" /> Results recorded"));
	free(h);
	h = md("| a | b |\n|---|---|\n| 1 | <i>2</i> |\n\n~~old~~ and https://example.com\n");
	assert_non_null(strstr(h, "<table>"));
	assert_non_null(strstr(h, "<th>a</th>"));
	assert_null(strstr(h, "<i>"));
	assert_non_null(strstr(h, "<del>old</del>"));
	assert_non_null(strstr(h, "<a href=\"https://example.com\">"));
	free(h);
	/* invalid UTF-8 and NUL bytes become U+FFFD, never raw */
	{
		struct sbuf sb = SBUF_INIT;

		html_markdown(&sb, "a\xff" "b\0c", 5);
		assert_non_null(strstr(sb.buf, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c"));
		sbuf_release(&sb);
	}
}

/*-----------------------------------------------------------------------
 * A whole site
 *----------------------------------------------------------------------*/

#define ITEM(id, extra) \
	"---\nid: " id "\ntitle: Item " id "\nstatus: ready\neffort: 2\n" \
	"customer_value: 5\nbusiness_value: 5\nhypothesis: h\nmetric: m\ntarget: 1\n" extra "---\nBody of " id ".\n"

struct site {
	struct memfs fs;
	struct backlog bl;
	struct html_site site;
};

static void
render(struct site *s, const struct html_opts *o)
{
	load_mem(&s->bl, &s->fs);
	html_site_init(&s->site);
	html_site_render(&s->site, &s->bl, o);
}

static void
site_release(struct site *s)
{
	html_site_release(&s->site);
	backlog_release(&s->bl);
	memfs_release(&s->fs);
}

static const char *
page(const struct site *s, const char *path)
{
	for (size_t i = 0; i < s->site.n; i++)
		if (!strcmp(s->site.pages[i].path, path))
			return s->site.pages[i].html.buf;
	return NULL;
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static struct html_opts
opts(void)
{
	struct html_opts o;

	memset(&o, 0, sizeof(o));
	o.title = "Launch <&> \"site\"";
	o.generator = "docket test";
	date_parse(&o.today, "2026-12-04");
	return o;
}

static void
test_site_pages(void **state)
{
	struct site s;
	struct html_opts o = opts();

	(void)state;
	memset(&s, 0, sizeof(s));
	memfs_put(&s.fs, "docket.yaml", "prefix: MKT\n");
	memfs_put(&s.fs, "backlog/ORDER", "MKT-2\nMKT-1\n");
	memfs_put(&s.fs, "backlog/MKT-1.md", ITEM("MKT-1", ""));
	memfs_put(&s.fs, "backlog/MKT-2.md", ITEM("MKT-2", ""));
	/* same id twice: one page, for the first file */
	memfs_put(&s.fs, "backlog/MKT-2-copy.md", ITEM("MKT-2", "campaign: copy\n"));
	/* an id that is not an id gets no page and no path */
	memfs_put(&s.fs, "backlog/bad.md", "---\nid: ../../evil\ntitle: Evil\nstatus: idea\n---\n");
	/* unreadable */
	memfs_put(&s.fs, "backlog/MKT-3.md", "---\nid: MKT-3\ntitle: [broken\n---\n");
	render(&s, &o);
	assert_int_equal(s.site.n, 3);
	assert_string_equal(s.site.pages[0].path, "index.html");
	assert_non_null(page(&s, "items/MKT-1.html"));
	assert_non_null(page(&s, "items/MKT-2.html"));
	assert_int_equal(s.site.skipped, 3);
	for (size_t i = 0; i < s.site.n; i++)
		assert_null(strstr(s.site.pages[i].path, ".."));
	/* backlog order on the index: MKT-2 ranks first */
	{
		const char *ix = page(&s, "index.html");
		const char *a = strstr(ix, "<tr id=\"MKT-2\""), *b = strstr(ix, "<tr id=\"MKT-1\"");

		assert_non_null(a);
		assert_non_null(b);
		assert_true(a < b);
		assert_non_null(strstr(ix, "<span class=\"t\">Evil</span>"));
	}
	/* prev/next follow the same order */
	assert_non_null(strstr(page(&s, "items/MKT-2.html"), "href=\"../items/MKT-1.html\">MKT-1 Item MKT-1 &#8594;"));
	/* the page of MKT-2 is that of the file docket reads for MKT-2 */
	assert_non_null(strstr(page(&s, "items/MKT-2.html"), backlog_item(&s.bl, "MKT-2")->path));
	site_release(&s);
}

static void
test_site_escapes(void **state)
{
	struct site s;
	struct html_opts o = opts();
	const char *ix, *it;

	(void)state;
	memset(&s, 0, sizeof(s));
	memfs_put(&s.fs, "docket.yaml", "prefix: MKT\ngoals:\n  g: <i>goal</i>\n");
	memfs_put(&s.fs, "backlog/ORDER", "MKT-1\n");
	memfs_put(&s.fs, "backlog/MKT-1.md",
		  "---\nid: MKT-1\ntitle: <script>alert(1)</script>\nstatus: ready\neffort: 2\n"
		  "customer_value: 5\nbusiness_value: 5\nhypothesis: \"</p><b>\"\nmetric: m\ntarget: 1\n"
		  "campaign: x\" onclick=\"y\ntags: [\"<t>\"]\ngoal: g\nchannel: \"<c>\"\n---\n"
		  "<script>x</script>\n[l](javascript:x)\n");
	render(&s, &o);
	ix = page(&s, "index.html");
	it = page(&s, "items/MKT-1.html");
	assert_non_null(ix);
	assert_non_null(it);
	/* one script on the index (the filters), none on item pages */
	assert_int_equal(count(ix, "<script"), 1);
	assert_int_equal(count(it, "<script"), 0);
	assert_int_equal(count(ix, "alert(1)"), 2);   /* the row's text and its search text */
	assert_non_null(strstr(ix, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(ix, "<title>Launch &lt;&amp;&gt; &quot;site&quot;</title>"));
	assert_non_null(strstr(ix, "data-campaign=\"x&quot; onclick=&quot;y\""));
	assert_non_null(strstr(ix, "<option value=\"x&quot; onclick=&quot;y\">"));
	assert_null(strstr(ix, "onclick=\"y"));
	assert_non_null(strstr(ix, "<span class=\"tag\">&lt;t&gt;</span>"));
	assert_non_null(strstr(it, "&lt;/p&gt;&lt;b&gt;"));
	assert_non_null(strstr(it, "&lt;i&gt;goal&lt;/i&gt;"));
	assert_non_null(strstr(it, "<dt>channel</dt><dd>&lt;c&gt;</dd>"));
	assert_non_null(strstr(it, "<!-- raw HTML omitted -->"));
	assert_null(strstr(it, "javascript"));
	site_release(&s);
}

static void
test_site_csp(void **state)
{
	struct site s;
	struct html_opts o = opts();
	struct sbuf want = SBUF_INIT, hash = SBUF_INIT;
	uint8_t d[32];

	(void)state;
	memset(&s, 0, sizeof(s));
	memfs_put(&s.fs, "docket.yaml", "prefix: MKT\n");
	memfs_put(&s.fs, "backlog/ORDER", "");
	memfs_put(&s.fs, "backlog/MKT-1.md", ITEM("MKT-1", ""));
	render(&s, &o);
	sha256(d, html_script(), strlen(html_script()));
	base64_add(&hash, d, sizeof(d));
	sbuf_addf(&want, "script-src 'sha256-%s'\"", hash.buf);
	assert_non_null(strstr(page(&s, "index.html"), want.buf));
	assert_non_null(strstr(page(&s, "index.html"), "default-src 'none'"));
	assert_non_null(strstr(page(&s, "items/MKT-1.html"), "default-src 'none'"));
	assert_null(strstr(page(&s, "items/MKT-1.html"), "script-src"));
	/* the script is in the page exactly as hashed */
	sbuf_reset(&want);
	sbuf_addf(&want, "<script>%s</script>", html_script());
	assert_non_null(strstr(page(&s, "index.html"), want.buf));
	assert_null(strstr(html_script(), "</"));
	sbuf_release(&want);
	sbuf_release(&hash);
	site_release(&s);
}

static void
test_site_cycles_and_charts(void **state)
{
	struct site s;
	struct html_opts o = opts();
	struct html_chart chart = {
		"launch",
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg id=\"b\" aria-labelledby=\"t d\"><title id=\"t\">x</title>"
		"<use href=\"#t\"/><rect fill=\"url(#g)\"/></svg>\n",
	};
	const char *ix;

	(void)state;
	o.charts = &chart;
	o.ncharts = 1;
	memset(&s, 0, sizeof(s));
	memfs_put(&s.fs, "docket.yaml", "prefix: MKT\n");
	memfs_put(&s.fs, "backlog/ORDER", "MKT-2\n");
	memfs_put(&s.fs, "backlog/MKT-1.md",
		  "---\nid: MKT-1\ntitle: One\ntype: bau\nstatus: done\neffort: 3\ncampaign: launch\n---\n");
	memfs_put(&s.fs, "backlog/MKT-2.md",
		  "---\nid: MKT-2\ntitle: Two\ntype: bau\nstatus: doing\neffort: 5\ncampaign: launch\n"
		  "started: 2026-12-01\n---\n");
	memfs_put(&s.fs, "backlog/MKT-3.md",
		  "---\nid: MKT-3\ntitle: Three\ntype: bau\nstatus: done\neffort: 2\ncampaign: other\n---\n");
	memfs_put(&s.fs, "backlog/cycles/2026-11.md",
		  "---\nname: 2026-11\nstart: 2026-11-16\nend: 2026-11-27\n"
		  "committed: [MKT-3, MKT-3, MKT-9]\n---\n");
	memfs_put(&s.fs, "backlog/cycles/2026-12.md",
		  "---\nname: 2026-12\nstart: 2026-11-30\nend: 2026-12-11\ngoal: Ship <it>\n"
		  "committed: [MKT-1, MKT-2]\n---\n");
	render(&s, &o);
	ix = page(&s, "index.html");
	/* the board of the current cycle; a doing item's days in progress */
	assert_non_null(strstr(ix, "<span class=\"sub\">cycle 2026-12</span>"));
	assert_non_null(strstr(ix, "<div class=\"goal\">Ship &lt;it&gt;</div>"));
	assert_non_null(strstr(ix, "1 of 2 committed items done &#183; 3 of 8 points"));
	assert_non_null(strstr(ix, "3 days in progress"));
	assert_non_null(strstr(ix, "day 5 of 12"));
	/* 2026-11 (as core/metrics counts): an id listed twice counts once,
	 * an id that names no item is not committed but said */
	assert_non_null(strstr(ix, "<b>1</b> of 1 items</span><span><b>2</b> of 2 points &#183; 100%"));
	assert_non_null(strstr(ix, "1 committed id names no item"));
	assert_non_null(strstr(ix, "The team completed 100% of what it committed to, on average over 1 finished cycle."));
	/* the chart of campaign launch is embedded, none for other */
	assert_int_equal(count(ix, "<svg"), 1);
	assert_non_null(strstr(ix, "<h3>launch</h3>"));
	/* embedded without the XML declaration, ids and references to them
	 * prefixed so that several charts can share the page */
	assert_null(strstr(ix, "<?xml"));
	assert_non_null(strstr(ix, "<svg id=\"c0-b\" aria-labelledby=\"c0-t c0-d\"><title id=\"c0-t\">x</title>"
			       "<use href=\"#c0-t\"/><rect fill=\"url(#c0-g)\"/></svg>"));
	assert_true(strstr(ix, "<h3>launch</h3>") < strstr(ix, "<svg id=\"c0-b\""));
	assert_true(strstr(ix, "<svg id=\"c0-b\"") < strstr(ix, "<h3>other</h3>"));
	site_release(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_vectors),
		cmocka_unit_test(test_base64_vectors),
		cmocka_unit_test(test_markdown_safe),
		cmocka_unit_test(test_markdown_gfm),
		cmocka_unit_test(test_site_pages),
		cmocka_unit_test(test_site_escapes),
		cmocka_unit_test(test_site_csp),
		cmocka_unit_test(test_site_cycles_and_charts),
	};

	(void)check_mem;   /* from the shared fixture */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
