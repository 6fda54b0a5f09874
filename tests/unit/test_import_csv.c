/*
 * Unit tests for the pieces under every import: the CSV reader (BOM,
 * CRLF, quoted cells over several lines, repeated columns, empty
 * trailing columns, ragged rows, delimiters, broken input), date
 * parsing in the formats the tools export, name normalisation, slugs,
 * and the YAML scalar writer (every output read back by docket's own
 * YAML reader).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"
#include "core/sha256.h"
#include "core/xalloc.h"
#include "core/ynode.h"
#include "core/yaml_scalar.h"
#include "formats/import.h"

#define S(lit) (lit), (sizeof(lit) - 1)

/* The CSV readers take a stream: a string literal as one (closed when
 * the next is made, or at exit). */
static FILE *memf_last;

static void
memf_close(void)
{
	if (memf_last)
		fclose(memf_last);
	memf_last = NULL;
}

static FILE *
memf(const char *s, size_t n)
{
	static int registered;

	if (!registered) {
		atexit(memf_close);
		registered = 1;
	}
	memf_close();
	memf_last = fmemopen((void *)s, n, "r");
	assert_non_null(memf_last);
	return memf_last;
}
#define F(lit) memf((lit), sizeof(lit) - 1)

/* ---- CSV ---------------------------------------------------------- */

/* What csv_read handed on, kept for the asserts. */
struct table {
	char **header;
	size_t ncols;
	char ***rows;
	int *lines;
	size_t nrows, alloc, alines;
	size_t calls;
};

static int
collect(void *arg, const struct csv_record *r)
{
	struct table *t = arg;
	char **cells = xcalloc(r->n + 1, sizeof(*cells));

	assert_int_equal(r->index, t->calls++);
	for (size_t i = 0; i < r->n; i++)
		cells[i] = xstrdup(r->cells[i]);
	if (!r->index) {
		t->header = cells;
		t->ncols = r->n;
		return 0;
	}
	assert_int_equal(r->n, t->ncols);
	assert_ptr_equal(r->header[0] ? 1 : 0, 1);
	t->rows = xgrow(t->rows, &t->alloc, t->nrows + 1, sizeof(*t->rows));
	t->lines = xgrow(t->lines, &t->alines, t->nrows + 1, sizeof(*t->lines));
	t->lines[t->nrows] = r->line;
	t->rows[t->nrows++] = cells;
	return 0;
}

static void
table_release(struct table *t)
{
	for (size_t i = 0; t->header && i < t->ncols; i++)
		free(t->header[i]);
	free(t->header);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t i = 0; i < t->ncols; i++)
			free(t->rows[r][i]);
		free(t->rows[r]);
	}
	free(t->rows);
	free(t->lines);
	memset(t, 0, sizeof(*t));
}

static int
read_table(struct table *t, FILE *in, const char *file, struct diag_list *d)
{
	memset(t, 0, sizeof(*t));
	return csv_read(NULL, in, file, d, collect, t);
}

static void
test_csv_bom_crlf_multiline(void **state)
{
	static const char csv[] =
		"\xef\xbb\xbfSummary,Description,Labels,Labels,,\r\n"
		"First,\"line one\r\nline \"\"two\"\"\",a,b,,\r\n"
		"Second,plain,,c,,\r\n"
		"\r\n"
		"Third,\"x, y\",,,,\r\n";
	struct table t;
	struct diag_list d = DIAG_LIST_INIT;

	(void)state;
	assert_int_equal(read_table(&t, F(csv), "x.csv", &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(t.ncols, 6);
	assert_string_equal(t.header[0], "Summary");   /* BOM gone */
	assert_string_equal(t.header[4], "");
	assert_int_equal(t.nrows, 3);
	assert_string_equal(t.rows[0][1], "line one\nline \"two\"");
	assert_int_equal(t.lines[0], 2);
	assert_int_equal(t.lines[1], 4);           /* after a 2-line cell */
	assert_int_equal(t.lines[2], 6);           /* blank line skipped */
	assert_string_equal(t.rows[2][1], "x, y");
	table_release(&t);
	diag_list_release(&d);
}

/* Lines end in LF, CR LF or a lone CR, in one file. */
static void
test_csv_cr_line_ends(void **state)
{
	static const char csv[] = "a,b\r1,\"x\ry\"\r\n2,z\n3,w\r";
	struct table t;
	struct diag_list d = DIAG_LIST_INIT;

	(void)state;
	assert_int_equal(read_table(&t, F(csv), "cr.csv", &d), 0);
	assert_int_equal(t.nrows, 3);
	assert_string_equal(t.rows[0][1], "x\ny");
	assert_int_equal(t.lines[0], 2);
	assert_int_equal(t.lines[1], 4);
	assert_int_equal(t.lines[2], 5);
	table_release(&t);
	diag_list_release(&d);
}

/* Records handed on one at a time, whatever the chunks: rows over
 * several 64 KiB chunks, a character split between two chunks, the
 * digest of every byte, and a callback that stops the reading. */
static int
stop_at_3(void *arg, const struct csv_record *r)
{
	size_t *calls = arg;

	(*calls)++;
	return r->index == 3 ? DK_EINVALID : 0;
}

static void
test_csv_streamed(void **state)
{
	struct sbuf sb = SBUF_INIT;
	struct table t;
	struct diag_list d = DIAG_LIST_INIT;
	uint8_t dg[32], want[32];
	size_t calls = 0;

	(void)state;
	sbuf_adds(&sb, "title,notes\n");
	/* an e-acute across the first chunk's end (byte 65535) */
	sbuf_adds(&sb, "P,\"");
	while (sb.len < 65535)
		sbuf_addc(&sb, 'x');
	sbuf_adds(&sb, "\xc3\xa9\"\n");
	for (int i = 0; i < 8000; i++)
		sbuf_addf(&sb, "Row %d,\"caf\xc3\xa9 %d\nand \xe2\x82\xac\",\n", i, i);
	assert_true(sb.len > 4 * 65536);
	assert_int_equal(csv_read(dg, memf(sb.buf, sb.len), "s.csv", &d, collect,
				  (memset(&t, 0, sizeof(t)), &t)), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(t.nrows, 8001);
	assert_int_equal(strlen(t.rows[0][1]), 65535 - 15 + 2);
	assert_string_equal(t.rows[0][1] + 65535 - 15, "\xc3\xa9");
	for (size_t i = 1; i < t.nrows; i++) {
		char want_cell[64];

		snprintf(want_cell, sizeof(want_cell), "caf\xc3\xa9 %zu\nand \xe2\x82\xac", i - 1);
		assert_string_equal(t.rows[i][1], want_cell);
		assert_int_equal(t.lines[i], 3 + 2 * (int)(i - 1));
	}
	sha256(want, sb.buf, sb.len);
	assert_memory_equal(dg, want, 32);
	table_release(&t);
	/* the callback's error stops the reading at once */
	assert_int_equal(csv_read(NULL, memf(sb.buf, sb.len), "s.csv", &d, stop_at_3,
				  &calls), DK_EINVALID);
	assert_int_equal(calls, 4);
	sbuf_release(&sb);
	diag_list_release(&d);
}

static void
test_csv_repeated_columns_collect(void **state)
{
	static const char csv[] =
		"Summary,Labels,Labels,Labels,Sprint\n"
		"One,video,,social,S1\n"
		"Two,,,,\n"
		",,,,\n";
	struct import_list l;
	const struct ifield *f;

	(void)state;
	import_list_init(&l, IMPORT_CSV);
	assert_int_equal(import_read_csv(&l, F(csv), "x.csv"), 0);
	assert_int_equal(l.n, 2);                  /* the empty row is no item */
	f = ifields_get(&l.items[0]->x->src, "Labels");
	assert_non_null(f);
	assert_int_equal(f->v.type, IVAL_LIST);
	assert_int_equal(f->v.n, 2);
	assert_string_equal(f->v.list[0], "video");
	assert_string_equal(f->v.list[1], "social");
	f = ifields_get(&l.items[0]->x->src, "Sprint");
	assert_int_equal(f->v.type, IVAL_STR);
	assert_null(ifields_get(&l.items[1]->x->src, "Labels"));
	{
		char wb[32];

		assert_string_equal(import_item_what(l.items[1], wb, NULL), "row 3");
	}
	import_list_release(&l);
}

static void
test_csv_short_and_long_rows(void **state)
{
	struct table t;
	struct diag_list d = DIAG_LIST_INIT;

	(void)state;
	/* short rows are padded; empty cells past the last column lose
	 * nothing and are ignored */
	assert_int_equal(read_table(&t, F("a,b,c\n1\n1,2,3,,\n"), "x.csv", &d), 0);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(t.rows[0][2], "");
	assert_string_equal(t.rows[1][2], "3");
	assert_int_equal(d.n, 0);
	table_release(&t);
	/* a value past the last column would be lost: an error at its
	 * line, and the read stops */
	assert_int_equal(read_table(&t, F("a,b,c\n1,2,3\n1,2,3,,4\n"), "x.csv", &d),
			 DK_EINVALID);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].severity, SEV_ERROR);
	assert_int_equal(d.v[0].line, 3);
	assert_non_null(strstr(d.v[0].message, "a value in cell 5, but the header has 3 columns"));
	table_release(&t);
	diag_list_release(&d);
}

static void
test_csv_delimiters(void **state)
{
	struct table t;
	struct diag_list d = DIAG_LIST_INIT;

	(void)state;
	assert_int_equal(read_table(&t, F("title;status\nA;ready\n"), "x", &d), 0);
	assert_int_equal(t.ncols, 2);
	assert_string_equal(t.rows[0][1], "ready");
	table_release(&t);
	assert_int_equal(read_table(&t, F("title\tstatus\nA b\tready\n"), "x", &d), 0);
	assert_int_equal(t.ncols, 2);
	assert_string_equal(t.rows[0][0], "A b");
	table_release(&t);
	/* a header with a comma wins over semicolons in it */
	assert_int_equal(read_table(&t, F("a;b,c\n1,2\n"), "x", &d), 0);
	assert_int_equal(t.ncols, 2);
	table_release(&t);
	/* a header with no line end: the whole input */
	assert_int_equal(read_table(&t, F("a;b"), "x", &d), 0);
	assert_int_equal(t.ncols, 2);
	assert_int_equal(t.nrows, 0);
	table_release(&t);
	diag_list_release(&d);
}

static void
test_csv_errors(void **state)
{
	struct table t;
	struct diag_list d = DIAG_LIST_INIT;

	(void)state;
	assert_int_equal(read_table(&t, F("a,b\n1,\"open\n2,3\n"), "q.csv", &d),
			 DK_EINVALID);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].severity, SEV_ERROR);
	assert_string_equal(d.v[0].file, "q.csv");
	assert_int_equal(d.v[0].line, 2);
	table_release(&t);
	diag_list_release(&d);

	assert_int_equal(read_table(&t, F("a,b\n1,caf\xe9\n"), "l.csv", &d),
			 DK_EINVALID);
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(d.v[0].column, 6);
	assert_non_null(strstr(d.v[0].message, "UTF-8"));
	table_release(&t);
	diag_list_release(&d);

	/* a character cut at the end of the input */
	assert_int_equal(read_table(&t, F("a,b\n1,\xc3\xa9\xe2\x82"), "l.csv", &d),
			 DK_EINVALID);
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(d.v[0].column, 4);
	table_release(&t);
	diag_list_release(&d);

	assert_int_equal(read_table(&t, F("a,b\n\xc3\xa9\xc3\xa9\0002\n"), "z.csv", &d),
			 DK_EINVALID);
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(d.v[0].column, 3);
	assert_non_null(strstr(d.v[0].message, "NUL"));
	table_release(&t);
	diag_list_release(&d);

	assert_int_equal(read_table(&t, F(""), "e.csv", &d), DK_EINVALID);
	assert_non_null(strstr(d.v[0].message, "empty"));
	table_release(&t);
	assert_int_equal(read_table(&t, F("\xef\xbb\xbf"), "e.csv", &d), DK_EINVALID);
	table_release(&t);
	diag_list_release(&d);
}

/* ---- dates -------------------------------------------------------- */

static void
check_date(const char *in, enum import_date_order o, const char *want)
{
	char out[11] = "";
	int rc = import_date_parse(out, in, o);

	if (!want) {
		if (rc == 0)
			print_error("'%s' parsed as %s\n", in ? in : "(null)", out);
		assert_int_equal(rc, -1);
		return;
	}
	if (rc != 0)
		print_error("'%s' did not parse\n", in);
	assert_int_equal(rc, 0);
	assert_string_equal(out, want);
}

static void
test_dates(void **state)
{
	(void)state;
	/* Jira */
	check_date("24/Nov/26 10:15 AM", IMPORT_DATE_AUTO, "2026-11-24");
	check_date("3/Feb/27 9:05 PM", IMPORT_DATE_AUTO, "2027-02-03");
	check_date("24/Nov/2026", IMPORT_DATE_AUTO, "2026-11-24");
	check_date("24-Nov-2026", IMPORT_DATE_AUTO, "2026-11-24");
	check_date("24 November 2026", IMPORT_DATE_AUTO, "2026-11-24");
	check_date("01/Sept/26", IMPORT_DATE_AUTO, "2026-09-01");
	/* ISO, Trello, Backlog.md */
	check_date("2026-11-24", IMPORT_DATE_AUTO, "2026-11-24");
	check_date("2026-11-24T10:15:00.000Z", IMPORT_DATE_AUTO, "2026-11-24");
	check_date("2026-11-24T23:59:59+02:00", IMPORT_DATE_AUTO, "2026-11-24");
	check_date("2025-09-06 21:22", IMPORT_DATE_AUTO, "2025-09-06");
	check_date("2026/11/24", IMPORT_DATE_AUTO, "2026-11-24");
	check_date("  Nov 24, 2026", IMPORT_DATE_AUTO, "2026-11-24");
	/* numeric day and month */
	check_date("24/11/2026", IMPORT_DATE_AUTO, "2026-11-24");
	check_date("11/24/2026", IMPORT_DATE_AUTO, "2026-11-24");
	check_date("03/04/2026", IMPORT_DATE_AUTO, "2026-04-03");
	check_date("03/04/2026", IMPORT_DATE_MDY, "2026-03-04");
	check_date("03/04/26", IMPORT_DATE_DMY, "2026-04-03");
	check_date("24.11.2026", IMPORT_DATE_AUTO, "2026-11-24");
	/* not dates */
	check_date("31/Feb/26", IMPORT_DATE_AUTO, NULL);
	check_date("2026-13-01", IMPORT_DATE_AUTO, NULL);
	check_date("24/Foo/26", IMPORT_DATE_AUTO, NULL);
	check_date("next week", IMPORT_DATE_AUTO, NULL);
	check_date("2026-11", IMPORT_DATE_AUTO, NULL);
	check_date("", IMPORT_DATE_AUTO, NULL);
	check_date("2026-11-24x", IMPORT_DATE_AUTO, NULL);
	check_date("24/Nov/26;557058:f00;Comment", IMPORT_DATE_AUTO, NULL);
	check_date(NULL, IMPORT_DATE_AUTO, NULL);
}

static void
test_norm_and_slug(void **state)
{
	struct sbuf sb = SBUF_INIT;
	char *s;

	(void)state;
	import_norm(&sb, "  Won't   Do ");
	assert_string_equal(sb.buf, "won t do");
	sbuf_reset(&sb);
	import_norm(&sb, "Won\xe2\x80\x99t do");
	assert_string_equal(sb.buf, "won t do");
	sbuf_reset(&sb);
	import_norm(&sb, "Custom field (Story Points)");
	assert_string_equal(sb.buf, "custom field story points");
	sbuf_reset(&sb);
	import_norm(&sb, "created_date");
	assert_string_equal(sb.buf, "created date");
	sbuf_reset(&sb);
	/* case, accents, emoji and symbols do not count; other scripts stay */
	import_norm(&sb, "Done \xe2\x9c\x85");               /* Done ✅ */
	assert_string_equal(sb.buf, "done");
	sbuf_reset(&sb);
	import_norm(&sb, "\xc3\x80 FAIRE \xf0\x9f\x9a\xa7"); /* À FAIRE 🚧 */
	assert_string_equal(sb.buf, "a faire");
	sbuf_reset(&sb);
	import_norm(&sb, "In \xc3\x9c""berpr\xc3\xbc""fung");  /* In Überprüfung */
	assert_string_equal(sb.buf, "in uberprufung");
	sbuf_reset(&sb);
	import_norm(&sb, "\xe4\xbd\x9c\xe6\xa5\xad\xe4\xb8\xad"); /* 作業中 */
	assert_string_equal(sb.buf, "\xe4\xbd\x9c\xe6\xa5\xad\xe4\xb8\xad");
	sbuf_reset(&sb);
	import_norm(&sb, "bad \xff byte");     /* not UTF-8: ASCII only */
	assert_string_equal(sb.buf, "bad byte");
	sbuf_release(&sb);
	s = import_slug("Spring Launch 2026!");
	assert_string_equal(s, "spring-launch-2026");
	free(s);
	s = import_slug("Été -- Promo");        /* accents removed */
	assert_string_equal(s, "ete-promo");
	free(s);
}

/* ---- YAML scalars ----------------------------------------------------- */

/* Render s, parse "k: <out>" and require the same string back. */
static void
round_trip(const char *s, int want_plain)
{
	struct sbuf doc = SBUF_INIT;
	struct ynode *root = NULL, *v;
	struct ynode_opts o = YNODE_OPTS_INIT;
	size_t start;

	sbuf_adds(&doc, "k: ");
	start = doc.len;
	yaml_scalar_str(&doc, s, strlen(s), 0, YSTYLE_PLAIN);
	if (want_plain >= 0 && (doc.buf[start] != '"') != want_plain)
		print_error("'%s' rendered as %s\n", s, doc.buf + start);
	if (want_plain >= 0)
		assert_int_equal(doc.buf[start] != '"', want_plain);
	sbuf_adds(&doc, "\nl: ");
	{
		const char *one[2] = { s, "x" };

		yaml_scalar_list(&doc, one, 2);
	}
	sbuf_addc(&doc, '\n');
	assert_int_equal(ynode_parse(&root, doc.buf, doc.len, &o, NULL), 0);
	v = ynode_get(root, "k");
	assert_non_null(v);
	assert_int_equal(ynode_kind(v), YKIND_STR);
	assert_int_equal(v->len, strlen(s));
	assert_memory_equal(v->text, s, v->len);
	v = ynode_get(root, "l");
	assert_int_equal(v->nkids, 2);
	assert_int_equal(ynode_kind(v->kids[0]), YKIND_STR);
	assert_string_equal(v->kids[0]->text, s);
	ynode_free(root);
	sbuf_release(&doc);
}

static void
test_yaml_out(void **state)
{
	static const char *const quoted[] = {
		"", "yes", "No", "on", "OFF", "y", "null", "~", "true", "False",
		"012", "3", "-1.5", "1e3", ".inf", ".NaN", "0x1F", "0o17", "1:20",
		"1_000", "- item", "a: b", "a #b", "#tag", "@MrLesk", "`code`",
		"'single'", "\"double\"", "[x]", "{x}", "*alias", "&anchor", "!tag",
		"|", ">", "%x", "? q", " lead", "trail ", "two\nlines", "tab\there",
		"ctl\x01", "del\x7f", "c1 \xc2\x85", "ls \xe2\x80\xa8", "bom \xef\xbb\xbf",
		"key:", "<<", "=",
		/* a date reads back as a date in YAML 1.1: quoted since the
		 * writer of `set` and of import became one (it was plain) */
		"2026-11-24",
	};
	static const char *const plain[] = {
		"Short video teaser", "Newsletter December issue", "CAMP-12",
		"Café au lait", "中文标题", "a:b", "a#b", "C#",
		"50 qualified leads", "v1.2 launch", "100% organic", "e-mail",
		"back\\slash \"q\"",
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(quoted); i++)
		round_trip(quoted[i], 0);
	for (size_t i = 0; i < ARRAY_SIZE(plain); i++)
		round_trip(plain[i], 1);
	/* flow lists quote what a flow context would split */
	{
		struct sbuf sb = SBUF_INIT;
		const char *v[] = { "a, b", "c]", "plain" };

		yaml_scalar_list(&sb, v, 3);
		assert_string_equal(sb.buf, "[\"a, b\", \"c]\", plain]");
		sbuf_reset(&sb);
		yaml_scalar_list(&sb, NULL, 0);
		assert_string_equal(sb.buf, "[]");
		sbuf_release(&sb);
	}
	/* escapes */
	{
		struct sbuf sb = SBUF_INIT;

		yaml_scalar_quoted(&sb, S("a\"b\\c\n\x01\xc2\x85\xe2\x80\xa8\xff"));
		assert_string_equal(sb.buf, "\"a\\\"b\\\\c\\n\\x01\\x85\\u2028\\uFFFD\"");
		sbuf_release(&sb);
	}
	/* numbers */
	{
		struct sbuf sb = SBUF_INIT;

		yaml_scalar_number(&sb, 3);
		sbuf_addc(&sb, ' ');
		yaml_scalar_number(&sb, 2.5);
		sbuf_addc(&sb, ' ');
		yaml_scalar_number(&sb, 0.1);
		assert_string_equal(sb.buf, "3 2.5 0.1");
		sbuf_release(&sb);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_bom_crlf_multiline),
		cmocka_unit_test(test_csv_cr_line_ends),
		cmocka_unit_test(test_csv_streamed),
		cmocka_unit_test(test_csv_repeated_columns_collect),
		cmocka_unit_test(test_csv_short_and_long_rows),
		cmocka_unit_test(test_csv_delimiters),
		cmocka_unit_test(test_csv_errors),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_norm_and_slug),
		cmocka_unit_test(test_yaml_out),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
