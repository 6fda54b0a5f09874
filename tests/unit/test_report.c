/*
 * Unit tests for formats/report and formats/xml: every `docket check`
 * output format rendered from one set of awkward findings and compared
 * with golden files in tests/golden/report/, then checked with real
 * parsers (jq for json, sarif and gitlab; xmllint for junit) and for
 * the facts users rely on (counts, locations, escaping).
 *
 * Golden files are read from $DOCKET_TESTS/golden/report (tests/run.sh
 * sets DOCKET_TESTS), else tests/golden/report.  UPDATE_GOLDEN=1
 * rewrites them instead of comparing: review the diff by eye.
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

#include "core/check.h"
#include "core/diag.h"
#include "core/sbuf.h"
#include "core/xalloc.h"
#include "formats/report.h"
#include "formats/xml.h"

/* The fixture: one finding per awkward case. */
static void
fixture(struct diag_list *l)
{
	diag_list_init(l);
	diag_add(l, SEV_ERROR, "type", "backlog/MKT-1.md", 3, 5,
		 "effort must be an integer, got 'big'");
	diag_add(l, SEV_WARNING, "max-effort", "backlog/MKT-2.md", 0, 0,
		 "effort 13 is over 8: split it into smaller experiments");
	diag_add(l, SEV_WARNING, "bau-share", NULL, 0, 0,
		 "60%% of open items are business as usual (max 50%%)");
	diag_add(l, SEV_ERROR, "ref-unknown", "backlog/MKT 3,a:b.md", 7, 1,
		 "depends_on: MKT-99 names no item,\nfix the id\r\n");
	diag_add(l, SEV_ERROR, "syntax", "backlog/MKT-4.md", 2, 8,
		 "title is <script>alert('x')</script> & \"quoted\"");
	diag_add(l, SEV_WARNING, "unknown-field", "backlog/MKT-5.md", 4, 3,
		 "unknown key 'ti\033[31mtle' \xe2\x80\xae""dlrow\t\x7f"
		 "\xc2\x9b""2J \xff""end");
	/* turned off in docket.yaml: never shown, never counted */
	diag_add(l, SEV_OFF, "wip-limit", NULL, 0, 0, "not shown");
}

static const char *const changed[] = {
	"backlog/MKT-4.md", "backlog/MKT-1.md",
};

static char *
render(enum report_format fmt, const struct diag_list *l,
       const struct report_opts *o)
{
	struct sbuf sb = SBUF_INIT;

	assert_int_equal(report_render(&sb, fmt, l, o), 0);
	return sbuf_detach(&sb, NULL);
}

static char *
render_fixture(enum report_format fmt, const struct report_opts *o)
{
	struct diag_list l;
	char *s;

	fixture(&l);
	s = render(fmt, &l, o);
	diag_list_release(&l);
	return s;
}

static char *
golden_path(const char *name)
{
	const char *dir = getenv("DOCKET_TESTS");

	return xasprintf("%s/golden/report/%s", dir && *dir ? dir : "tests",
			 name);
}

static char *
read_file(const char *path, size_t *len)
{
	struct sbuf sb = SBUF_INIT;
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sbuf_add(&sb, buf, n);
	fclose(f);
	return sbuf_detach(&sb, len);
}

/* Compare got with the golden file name (or write it with
 * UPDATE_GOLDEN=1). */
static void
check_golden(const char *name, const char *got)
{
	char *path = golden_path(name);
	const char *upd = getenv("UPDATE_GOLDEN");
	size_t glen = strlen(got), wlen = 0, i = 0;
	char *want;

	if (upd && !strcmp(upd, "1")) {
		FILE *f = fopen(path, "wb");

		assert_non_null(f);
		assert_int_equal(fwrite(got, 1, glen, f), glen);
		assert_int_equal(fclose(f), 0);
		free(path);
		return;
	}
	want = read_file(path, &wlen);
	if (!want) {
		print_error("cannot read golden file %s "
			    "(UPDATE_GOLDEN=1 writes it)\n", path);
		free(path);
		fail();
	}
	if (wlen != glen || memcmp(want, got, glen)) {
		size_t from;

		while (i < wlen && i < glen && want[i] == got[i])
			i++;
		from = i > 40 ? i - 40 : 0;
		print_error("%s differs at byte %zu (UPDATE_GOLDEN=1 rewrites"
			    " it)\n--- want ...%.80s\n--- got  ...%.80s\n",
			    path, i, want + from, got + from);
	}
	assert_int_equal(wlen, glen);
	assert_memory_equal(want, got, glen);
	free(want);
	free(path);
}

/* Is tool on PATH?  Tests that need it are skipped without it. */
static int
have_tool(const char *tool)
{
	char *cmd = xasprintf("command -v %s >/dev/null 2>&1", tool);
	int rc = system(cmd);

	free(cmd);
	return rc == 0;
}

/* Write s to a temporary file f and run the shell command "cmd $f", or
 * cmd as it is when it names "$f" itself; returns the exit status, 0
 * for success. */
static int
run_on(const char *cmd, const char *s)
{
	char path[] = "/tmp/docket-report-XXXXXX";
	int fd = mkstemp(path), rc;
	size_t len = strlen(s);
	char *line;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, s, len), (ssize_t)len);
	close(fd);
	if (strstr(cmd, "\"$f\""))
		line = xasprintf("f=%s; %s", path, cmd);
	else
		line = xasprintf("f=%s; %s \"$f\" >/dev/null 2>&1", path, cmd);
	rc = system(line);
	if (rc != 0)
		print_error("failed (%d): %s\n", rc, line);
	free(line);
	unlink(path);
	return rc;
}

static void
test_format_parse(void **state)
{
	static const char *const names[] = {
		"text", "json", "github", "sarif", "junit", "gitlab",
	};
	enum report_format f = REPORT_JSON;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		assert_int_equal(report_format_parse(&f, names[i]), 0);
		assert_int_equal(f, (enum report_format)i);
		assert_string_equal(report_format_name(f), names[i]);
	}
	assert_int_equal(report_format_parse(&f, "xml"), -1);
	assert_int_equal(report_format_parse(&f, "JSON"), -1);
	assert_int_equal(report_format_parse(&f, ""), -1);
	assert_int_equal(report_format_parse(&f, NULL), -1);
	assert_int_equal(f, REPORT_GITLAB);     /* unchanged on error */
}

static void
test_xml_escape(void **state)
{
	struct sbuf sb = SBUF_INIT;
	static const char in[] = "a&b<c>\"d'\te\nf\rg\033h\x7f"
				 "\xc2\x85i\xffj\xef\xbf\xbek\xc3\xa9";

	(void)state;
	xml_escape(&sb, in, sizeof(in) - 1);
	assert_string_equal(sb.buf, "a&amp;b&lt;c&gt;&quot;d&#39;\te\nf&#13;g"
			    "\xef\xbf\xbdh\xef\xbf\xbd\xef\xbf\xbdi"
			    "\xef\xbf\xbdj\xef\xbf\xbdk\xc3\xa9");
	sbuf_reset(&sb);
	xml_escape_attr(&sb, in, sizeof(in) - 1);
	assert_non_null(strstr(sb.buf, "d&#39;&#9;e&#10;f&#13;g"));
	sbuf_reset(&sb);
	xml_escape(&sb, "a\0b", 3);             /* NUL is not XML */
	assert_string_equal(sb.buf, "a\xef\xbf\xbd" "b");
	sbuf_reset(&sb);
	xml_escapez(&sb, NULL);
	xml_escape_attrz(&sb, "x\"y");
	assert_string_equal(sb.buf, "x&quot;y");
	sbuf_release(&sb);
}

static void
test_text(void **state)
{
	struct report_opts o = REPORT_OPTS_INIT;
	char *s;

	(void)state;
	s = render_fixture(REPORT_TEXT, &o);
	check_golden("findings.txt", s);
	/* nothing raw reaches the terminal */
	assert_null(strchr(s, '\033'));
	assert_null(strstr(s, "\xe2\x80\xae"));
	assert_null(strstr(s, "\xc2\x9b"));
	assert_null(strchr(s, '\r'));
	assert_non_null(strstr(s, "'ti\\x1b[31mtle' \\u{202e}dlrow\\x09\\x7f"
			       "\\u{9b}2J \\xffend [unknown-field]\n"));
	assert_non_null(strstr(s, "backlog/MKT-1.md:3:5: error: effort must"
			       " be an integer, got 'big' [type]\n"));
	assert_non_null(strstr(s, "\nbacklog/MKT-2.md: warning: effort 13"));
	assert_non_null(strstr(s, "\nwarning: 60% of open items"));
	assert_null(strstr(s, "not shown"));
	assert_non_null(strstr(s, "\n3 errors, 3 warnings\n"));
	free(s);

	o.color = 1;
	s = render_fixture(REPORT_TEXT, &o);
	check_golden("findings-color.txt", s);
	assert_non_null(strstr(s, "\033[1mbacklog/MKT-1.md:3:5:\033[0m "
			       "\033[1;31merror\033[0m: "));
	assert_non_null(strstr(s, "\033[1;33mwarning\033[0m: 60%"));
	free(s);
}

static void
test_text_base(void **state)
{
	struct report_opts o = REPORT_OPTS_INIT;
	const char *heading = "findings on files unchanged since the base:\n";
	char *s, *h;

	(void)state;
	o.have_base = 1;
	o.changed_files = changed;
	o.nchanged = ARRAY_SIZE(changed);
	s = render_fixture(REPORT_TEXT, &o);
	check_golden("findings-base.txt", s);
	h = strstr(s, heading);
	assert_non_null(h);
	/* changed files (and the file-less finding) before the heading */
	assert_true(strstr(s, "backlog/MKT-1.md:3:5:") < h);
	assert_true(strstr(s, "backlog/MKT-4.md:2:8:") < h);
	assert_true(strstr(s, "warning: 60%") < h);
	assert_true(strstr(s, "backlog/MKT-2.md:") > h);
	assert_true(strstr(s, "backlog/MKT 3,a:b.md:7:1:") > h);
	/* counts still count everything */
	assert_non_null(strstr(s, "\n3 errors, 3 warnings (3 on files "
			       "unchanged since the base)\n"));
	free(s);

	/* no changed file: only the file-less finding comes first */
	o.nchanged = 0;
	o.changed_files = NULL;
	s = render_fixture(REPORT_TEXT, &o);
	h = strstr(s, heading);
	assert_non_null(h);
	assert_true(strstr(s, "warning: 60%") < h);
	free(s);
}

static void
test_json(void **state)
{
	struct report_opts o = REPORT_OPTS_INIT;
	char *s;

	(void)state;
	s = render_fixture(REPORT_JSON, &o);
	check_golden("findings.json", s);
	assert_null(strstr(s, "\"changed\""));
	assert_int_equal(s[strlen(s) - 1], '\n');
	if (have_tool("jq")) {
		assert_int_equal(run_on("jq -e '.errors == 3 and .warnings == 3"
					" and (.findings | length) == 6 and"
					" (keys_unsorted == [\"errors\","
					" \"warnings\", \"findings\"])'", s), 0);
		assert_int_equal(run_on("jq -e '.findings[0] | keys_unsorted =="
					" [\"rule\", \"severity\", \"file\","
					" \"line\", \"column\", \"message\","
					" \"suppressed\", \"fingerprint\"]'",
					s), 0);
		assert_int_equal(run_on("jq -e '.findings[1].line == null and"
					" .findings[1].column == null and"
					" .findings[2].file == null and"
					" .findings[3].message == \"depends_on:"
					" MKT-99 names no item,\\nfix the"
					" id\\r\\n\"'", s), 0);
	}
	free(s);

	o.have_base = 1;
	o.changed_files = changed;
	o.nchanged = ARRAY_SIZE(changed);
	s = render_fixture(REPORT_JSON, &o);
	check_golden("findings-base.json", s);
	if (have_tool("jq"))
		assert_int_equal(run_on("jq -e '.errors == 3 and .warnings == 3"
					" and ([.findings[].changed] == [true,"
					" false, true, false, true, false])'",
					s), 0);
	free(s);
}

static void
test_github(void **state)
{
	char *s;

	(void)state;
	s = render_fixture(REPORT_GITHUB, NULL);
	check_golden("findings.github", s);
	assert_non_null(strstr(s, "::error file=backlog/MKT-1.md,line=3,"
			       "col=5,title=type::effort must be an integer,"
			       " got 'big'\n"));
	/* properties escape , and : ; data escapes % CR LF only */
	assert_non_null(strstr(s, "::error file=backlog/MKT 3%2Ca%3Ab.md,"
			       "line=7,col=1,title=ref-unknown::depends_on:"
			       " MKT-99 names no item,%0Afix the id%0D%0A\n"));
	assert_non_null(strstr(s, "::warning title=bau-share::60%25 of open"
			       " items are business as usual (max 50%25)\n"));
	assert_non_null(strstr(s, "::warning file=backlog/MKT-2.md,"
			       "title=max-effort::"));
	assert_null(strchr(s, '\033'));
	assert_null(strstr(s, "\xe2\x80\xae"));
	/* one line per finding and the summary: no injected commands */
	{
		size_t lines = 0;

		for (const char *p = s; *p; p++)
			lines += *p == '\n';
		assert_int_equal(lines, 7);
	}
	assert_non_null(strstr(s, "\ndocket check: 3 errors, 3 warnings\n"));
	free(s);
}

static void
test_sarif(void **state)
{
	struct report_opts o = REPORT_OPTS_INIT;
	char *s;

	(void)state;
	o.tool_version = "0.1.0";
	s = render_fixture(REPORT_SARIF, &o);
	check_golden("findings.sarif", s);
	assert_non_null(strstr(s, "\"uri\": \"backlog/MKT%203%2Ca%3Ab.md\""));
	if (have_tool("jq")) {
		assert_int_equal(run_on("jq -e '.version == \"2.1.0\" and"
					" (.\"$schema\" | test(\"sarif-2.1.0\"))"
					" and (.runs | length) == 1 and"
					" .runs[0].tool.driver.name == \"docket\""
					" and .runs[0].tool.driver.version =="
					" \"0.1.0\"'", s), 0);
		/* every result has a location with a uri; regions valid */
		assert_int_equal(run_on("jq -e '.runs[0].results | length == 6"
					" and all(.[]; (.locations | length) == 1"
					" and (.locations[0].physicalLocation"
					".artifactLocation.uri | type == \"string\""
					" and length > 0) and ((.locations[0]"
					".physicalLocation.region) | .startLine >= 1"
					" and .endLine >= .startLine and .startColumn"
					" >= 1 and .endColumn >= 1) and"
					" (.partialFingerprints.primaryLocationLineHash"
					" | test(\"^[0-9a-f]{16}$\")))'", s), 0);
		/* ruleIndex points at the rule named by ruleId; every rule of
		 * the registry is listed, with its texts */
		{
			char q[1024];

			snprintf(q, sizeof(q), "jq -e '.runs[0] as $r | $r.results |"
				 " all(.[]; $r.tool.driver.rules[.ruleIndex]"
				 ".id == .ruleId) and ($r.tool.driver.rules"
				 " | length == %d and all(.[];"
				 " (.shortDescription.text | length > 0) and"
				 " (.fullDescription.text | length > 0) and"
				 " (.help.text | length > 0 and length < 1024) and"
				 " (.help.markdown | length > 0 and length < 1024)"
				 " and (.defaultConfiguration.level | test("
				 "\"^(error|warning)$\"))))'", (int)RULE_COUNT);
			assert_int_equal(run_on(q, s), 0);
		}
		assert_int_equal(run_on("jq -e '[.runs[0].results[].level] =="
					" [\"error\", \"warning\", \"warning\","
					" \"error\", \"error\", \"warning\"] and"
					" .runs[0].results[2].locations[0]"
					".physicalLocation.artifactLocation.uri"
					" == \"docket.yaml\" and .runs[0]"
					".results[2].locations[0].physicalLocation"
					".region.startLine == 1'", s), 0);
	}
	free(s);

	o.have_base = 1;
	o.changed_files = changed;
	o.nchanged = ARRAY_SIZE(changed);
	s = render_fixture(REPORT_SARIF, &o);
	if (have_tool("jq"))
		assert_int_equal(run_on("jq -e '[.runs[0].results[].properties"
					".changed] == [true, false, true, false,"
					" true, false]'", s), 0);
	free(s);
}

static void
test_junit(void **state)
{
	char *s;

	(void)state;
	s = render_fixture(REPORT_JUNIT, NULL);
	check_golden("findings.xml", s);
	assert_null(strstr(s, "<script>"));
	assert_null(strchr(s, '\033'));
	/* only errors fail: warnings pass, their text in system-out */
	assert_non_null(strstr(s, "<testsuite name=\"docket check\" tests=\"6\""
			       " failures=\"3\" errors=\"0\""));
	assert_non_null(strstr(s, "<testcase classname=\"backlog/MKT-1.md\""
			       " name=\"type at 3:5\">"));
	assert_non_null(strstr(s, "<testcase classname=\"docket.yaml\""
			       " name=\"bau-share\">"));
	assert_non_null(strstr(s, "<system-out>backlog/MKT-2.md: warning: effort 13"));
	if (have_tool("xmllint")) {
		assert_int_equal(run_on("xmllint --noout", s), 0);
		assert_int_equal(run_on("test \"$(xmllint --xpath 'boolean("
					"count(//testcase) = 6 and count(//failure)"
					" = 3 and count(//system-out) = 3 and //failure[@type=\"syntax\"]"
					"[contains(@message, \"<script>\")])'"
					" \"$f\")\" = true", s), 0);
	}
	free(s);
}

static void
test_gitlab(void **state)
{
	char *s;

	(void)state;
	s = render_fixture(REPORT_GITLAB, NULL);
	check_golden("findings.gitlab.json", s);
	if (have_tool("jq")) {
		assert_int_equal(run_on("jq -e 'length == 6 and all(.[];"
					" (.fingerprint | test(\"^[0-9a-f]{16}$\"))"
					" and (.description | length > 0) and"
					" (.check_name | length > 0) and"
					" .location.lines.begin >= 1 and"
					" (.location.path | length > 0)) and"
					" ([.[].fingerprint] | unique | length)"
					" == 6'", s), 0);
		assert_int_equal(run_on("jq -e '[.[].severity] == [\"major\","
					" \"minor\", \"minor\", \"major\","
					" \"major\", \"minor\"] and"
					" .[2].location.path == \"docket.yaml\""
					" and .[1].location.lines.begin == 1'",
					s), 0);
	}
	free(s);
}

/* Identical findings still get distinct, stable fingerprints. */
static void
test_gitlab_duplicates(void **state)
{
	struct diag_list l = DIAG_LIST_INIT;
	char *a, *b;

	(void)state;
	for (int i = 0; i < 3; i++)
		diag_add(&l, SEV_ERROR, "order-duplicate", "backlog/ORDER", 4,
			 1, "MKT-7 is listed twice");
	a = render(REPORT_GITLAB, &l, NULL);
	b = render(REPORT_GITLAB, &l, NULL);
	assert_string_equal(a, b);
	if (have_tool("jq"))
		assert_int_equal(run_on("jq -e '[.[].fingerprint] | unique |"
					" length == 3'", a), 0);
	free(a);
	free(b);
	diag_list_release(&l);
}

static void
test_empty(void **state)
{
	static const struct {
		enum report_format fmt;
		const char *golden;
		const char *check;
	} cases[] = {
		{ REPORT_TEXT, "empty.txt", NULL },
		{ REPORT_JSON, "empty.json",
		  "jq -e '.errors == 0 and .warnings == 0 and .findings == []'" },
		{ REPORT_GITHUB, "empty.github", NULL },
		{ REPORT_SARIF, "empty.sarif",
		  "jq -e '.runs[0].results == [] and"
		  " (.runs[0].tool.driver.rules | length) > 20'" },
		{ REPORT_JUNIT, "empty.xml", "xmllint --noout" },
		{ REPORT_GITLAB, "empty.gitlab.json", "jq -e '. == []'" },
	};
	struct diag_list l = DIAG_LIST_INIT;
	struct report_opts o = REPORT_OPTS_INIT;

	(void)state;
	o.tool_version = "0.1.0";
	o.color = 1;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *s = render(cases[i].fmt, &l, &o);

		check_golden(cases[i].golden, s);
		if (cases[i].check && have_tool(cases[i].check[0] == 'j' ?
						"jq" : "xmllint"))
			assert_int_equal(run_on(cases[i].check, s), 0);
		free(s);
	}
	/* the only-skipped list is empty too */
	diag_add(&l, SEV_OFF, "wip-limit", NULL, 0, 0, "off");
	{
		char *s = render(REPORT_TEXT, &l, NULL);

		assert_string_equal(s, "no problems\n");
		free(s);
	}
	diag_list_release(&l);
}

/* Is s safe for a terminal: valid UTF-8, no control but LF, no C1 or
 * bidirectional control?  Returns the offset of the first bad byte, or
 * -1. */
static long
terminal_unsafe_at(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (p[i]) {
		unsigned c = p[i], cp;
		size_t n;

		if (c < 0x80) {
			if ((c < 0x20 && c != '\n') || c == 0x7f)
				return (long)i;
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 2, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			n = 3, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 4, cp = c & 0x07;
		else
			return (long)i;
		for (size_t k = 1; k < n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return (long)i;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if (cp <= 0x9f || cp == 0x061c || cp == 0x200e ||
		    cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069) ||
		    (n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
			return (long)i;
		i += n;
	}
	return -1;
}

/* Random bytes in paths, rules and messages: text and github stay safe
 * for a terminal, and every structured format still parses. */
static void
test_random_bytes(void **state)
{
	static const char pieces[][4] = {
		"\n", "\r", "\t", "\033", "%", ",", ":", "<", "&", "\"",
		"'", "\x7f", "\xc2\x85", "\xe2\x80\xae", "\xe2\x81\xa6",
		"\xd8\x9c", "\xef\xbf\xbe", "\xed\xa0\x80", "\xc0\xaf",
		"\xf4\x90\x80\x80", "\xf0\x9f\x98", "\x01", "a",
		"\xc3\xa9",
	};
	struct diag_list l = DIAG_LIST_INIT;
	struct report_opts o = REPORT_OPTS_INIT;
	const char *const base[] = { "f1" };
	uint32_t seed = 12345;
	char buf[3][64];
	int jq = have_tool("jq"), xmllint = have_tool("xmllint");

	(void)state;
	for (int i = 0; i < 200; i++) {
		for (int k = 0; k < 3; k++) {
			size_t len = 0;

			buf[k][0] = '\0';
			while (len < 40) {
				const char *pc;

				seed = seed * 1103515245u + 12345u;
				if ((seed >> 16) % 7 == 0)
					break;
				pc = pieces[(seed >> 8) % ARRAY_SIZE(pieces)];
				memcpy(buf[k] + len, pc, strlen(pc) + 1);
				len += strlen(pc);
			}
		}
		diag_add(&l, i % 3 ? SEV_ERROR : SEV_WARNING, buf[0],
			 i % 5 ? buf[1] : NULL, i % 4 ? i : 0, i % 8, "%s",
			 buf[2]);
	}
	o.color = 0;
	o.tool_version = "0.1.0";
	o.have_base = 1;
	o.changed_files = base;
	o.nchanged = 1;
	for (enum report_format f = REPORT_TEXT; f <= REPORT_GITLAB; f++) {
		char *s = render(f, &l, &o);
		long at;

		switch (f) {
		case REPORT_TEXT:
		case REPORT_GITHUB:
			at = terminal_unsafe_at(s);
			if (at >= 0)
				print_error("%s: unsafe byte at %ld: %.20s\n",
					    report_format_name(f), at, s + at);
			assert_int_equal(at, -1);
			break;
		case REPORT_JUNIT:
			if (xmllint)
				assert_int_equal(run_on("xmllint --noout", s), 0);
			break;
		default:
			if (jq)
				assert_int_equal(run_on("jq -e .", s), 0);
			break;
		}
		free(s);
	}
	diag_list_release(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_parse),
		cmocka_unit_test(test_xml_escape),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_text_base),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_github),
		cmocka_unit_test(test_sarif),
		cmocka_unit_test(test_junit),
		cmocka_unit_test(test_gitlab),
		cmocka_unit_test(test_gitlab_duplicates),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_random_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
