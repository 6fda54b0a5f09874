/*
 * report_ci.c: the formats read by CI services: sarif (GitHub code
 * scanning and other SARIF viewers), junit (test report widgets) and
 * gitlab (GitLab Code Quality).  See report.h for the contract.
 *
 * Design notes
 * (1) SARIF, as GitHub code scanning reads it: tool.driver.rules lists
 *     every rule of the registry on every run (a rule's texts must not
 *     vanish from the UI on the run it stops firing), in registry
 *     order, so ruleIndex is the rule's enum value; each with
 *     shortDescription (summary), fullDescription (help), help (text:
 *     what `docket help RULE` prints; markdown: the same facts) and
 *     defaultConfiguration.level; helpUri (DOCS_URL#RULE) only when
 *     docket.yaml names a docs_url (report.h), on every rule then.
 *     Every result has exactly one location with a
 *     full region (see sarif_location) and
 *     partialFingerprints.primaryLocationLineHash, docket's fingerprint
 *     (report.h), so GitHub does not hash line contents and reopen
 *     alerts on unrelated edits.  Columns count characters, as libyaml
 *     does (columnKind unicodeCodePoints).
 * (2) JUnit: one testcase per finding; only errors are failures.
 *     Text is escaped for terminals first (CI pages show it) and then
 *     for XML.
 * (3) GitLab: the fingerprint is docket's (report.h): distinct
 *     findings keep theirs when lines move or another finding goes.
 *     lines.begin is the finding's line (1 without one).
 */
#include "formats/report.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/xalloc.h"
#include "formats/json.h"
#include "formats/rule_help.h"
#include "formats/xml.h"

#define NO_FILE_PATH "docket.yaml"   /* where findings without a file go */
#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

static const char *
file_or_default(const struct diag *d)
{
	return d->file ? d->file : NO_FILE_PATH;
}

/* Append path as a relative URI reference: every byte outside the
 * unreserved set and '/' is percent-encoded (spaces, '%', '#', ':',
 * non-ASCII), so "a b.md" is "a%20b.md". */
static void
uri_path(struct sbuf *sb, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			sbuf_addc(sb, (char)*p);
		} else {
			sbuf_addc(sb, '%');
			sbuf_addc(sb, hex[*p >> 4]);
			sbuf_addc(sb, hex[*p & 15]);
		}
	}
}

/* rule_help_one's text as Markdown: the summary in bold, the help as
 * one paragraph, the facts as a list.  '<', '>' and '&' are written as
 * references (help texts quote conflict markers); '[' and '*' are
 * escaped so "- [ ]" and "*" stay text. */
static void
md_text(struct sbuf *sb, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': sbuf_adds(sb, "&lt;"); break;
		case '>': sbuf_adds(sb, "&gt;"); break;
		case '&': sbuf_adds(sb, "&amp;"); break;
		case '[': case ']': case '*': case '_': case '`': case '\\':
			sbuf_addc(sb, '\\');
			sbuf_addc(sb, *s);
			break;
		case '\n': sbuf_addc(sb, ' '); break;
		default: sbuf_addc(sb, *s);
		}
	}
}

static void
rule_markdown(struct sbuf *sb, const struct check_rule_info *r)
{
	sbuf_adds(sb, "**");
	md_text(sb, r->summary);
	sbuf_adds(sb, "**\n\n");
	md_text(sb, r->help);
	sbuf_addf(sb, "\n\n- Default severity: `%s`%s\n- Finds: ",
		  severity_name(r->severity),
		  r->configurable ? "" : " (cannot be changed)");
	md_text(sb, r->finds);
	if (r->configurable)
		sbuf_addf(sb, "\n- Setting in `docket.yaml`: `rules: { %s: off|warning|error }`",
			  r->id);
	sbuf_addf(sb, "\n- Explained by `docket help %s`\n", r->id);
}

/* One entry of tool.driver.rules: every text from the registry. */
static void
sarif_rule(struct jw *w, const struct check_rule_info *r, const char *docs_url)
{
	struct sbuf text = SBUF_INIT, md = SBUF_INIT, full = SBUF_INIT;
	struct sbuf uri = SBUF_INIT;

	rule_help_one(&text, r);
	rule_markdown(&md, r);
	for (const char *p = r->help; *p; p++)
		sbuf_addc(&full, *p == '\n' ? ' ' : *p);
	jw_object_lines(w);
	jw_kstr(w, "id", r->id);
	jw_key(w, "shortDescription");
	jw_object(w);
	jw_kstr(w, "text", r->summary);
	jw_end(w);
	jw_key(w, "fullDescription");
	jw_object(w);
	jw_kstr(w, "text", full.buf);
	jw_end(w);
	jw_key(w, "help");
	jw_object(w);
	jw_kstr(w, "text", text.buf);
	jw_kstr(w, "markdown", md.buf);
	jw_end(w);
	jw_key(w, "defaultConfiguration");
	jw_object(w);
	jw_kstr(w, "level", severity_name(r->severity));
	jw_end(w);
	if (docs_url) {
		sbuf_addf(&uri, "%s#%s", docs_url, r->id);
		jw_kstr(w, "helpUri", uri.buf);
	}
	jw_end(w);
	sbuf_release(&uri);
	sbuf_release(&text);
	sbuf_release(&md);
	sbuf_release(&full);
}

/*
 * One result's location: the file (docket.yaml for findings without
 * one) and a region, always with start and end line and column (code
 * scanning shows a result only with a line): a finding without a line
 * is put on line 1; without an end, on one character.
 */
static void
sarif_location(struct jw *w, const struct diag *d)
{
	struct sbuf uri = SBUF_INIT;
	int line = d->line > 0 ? d->line : 1;
	int col = d->line > 0 && d->column > 0 ? d->column : 1;
	int end_line = d->end_line >= line ? d->end_line : line;
	int end_col = d->end_column > 0 && (end_line > line || d->end_column > col)
		? d->end_column : col + 1;

	if (d->end_line < line)
		end_line = line;
	uri_path(&uri, file_or_default(d));
	jw_array(w);
	jw_object(w);
	jw_key(w, "physicalLocation");
	jw_object(w);
	jw_key(w, "artifactLocation");
	jw_object(w);
	jw_kstr(w, "uri", uri.buf);
	jw_kstr(w, "uriBaseId", "%SRCROOT%");
	jw_end(w);
	jw_key(w, "region");
	jw_object(w);
	jw_kint(w, "startLine", line);
	jw_kint(w, "startColumn", col);
	jw_kint(w, "endLine", end_line);
	jw_kint(w, "endColumn", end_col);
	jw_end(w);
	jw_end(w);
	jw_end(w);
	jw_end(w);
	sbuf_release(&uri);
}

/* One result; fp is its fingerprint, state its baselineState or NULL. */
static void
sarif_result(struct report__ctx *x, struct jw *w, const struct diag *d,
	     const char *fp, const char *state)
{
	int r = check_rule_find(d->rule);

	jw_object_lines(w);
	jw_kstr(w, "ruleId", *d->rule ? d->rule : "docket");
	if (r >= 0) {
		jw_kint(w, "ruleIndex", r);
	}
	jw_kstr(w, "level", severity_name(d->severity));
	jw_key(w, "message");
	jw_object(w);
	jw_kstr(w, "text", d->message);
	jw_end(w);
	jw_key(w, "locations");
	sarif_location(w, d);
	jw_key(w, "partialFingerprints");
	jw_object(w);
	jw_kstr(w, "primaryLocationLineHash", fp);
	jw_end(w);
	if (state) {
		jw_kstr(w, "baselineState", state);
	}
	if (x->o->have_base) {
		jw_key(w, "properties");
		jw_object(w);
		jw_kbool(w, "changed", report__changed(x, d));
		jw_end(w);
	}
	jw_end(w);
}

static int
cmp_strp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The fingerprints of l's shown findings, sorted (pointers into fp). */
static const char **
fp_sorted(const struct diag_list *l, report__fp *fp, size_t *n)
{
	const char **v = xmalloc((l->n ? l->n : 1) * sizeof(*v));

	*n = 0;
	for (size_t i = 0; i < l->n; i++)
		if (report__shown(&l->v[i]))
			v[(*n)++] = fp[i];
	qsort(v, *n, sizeof(*v), cmp_strp);
	return v;
}

static int
fp_in(const char **v, size_t n, const char *fp)
{
	return n && bsearch(&fp, v, n, sizeof(*v), cmp_strp) != NULL;
}

void
report__sarif(struct report__ctx *x)
{
	const struct diag_list *l = x->l, *base = x->o->base_found;
	report__fp *bfp = NULL;
	const char **cur = NULL, **was = NULL;
	size_t ncur = 0, nwas = 0;
	struct jw w;

	if (base) {
		bfp = report__fingerprints(base);
		was = fp_sorted(base, bfp, &nwas);
		cur = fp_sorted(l, x->fp, &ncur);
	}

	jw_init(&w, x->out, 2, 0);
	jw_object_lines(&w);
	jw_kstr(&w, "$schema", SARIF_SCHEMA);
	jw_kstr(&w, "version", "2.1.0");
	jw_key(&w, "runs");
	jw_array_lines(&w);
	jw_object_lines(&w);
	jw_key(&w, "tool");
	jw_object_lines(&w);
	jw_key(&w, "driver");
	jw_object_lines(&w);
	jw_kstr(&w, "name", "docket");
	if (x->o->tool_version) {
		jw_kstr(&w, "version", x->o->tool_version);
	}
	jw_key(&w, "rules");
	jw_array_lines(&w);
	for (int r = 0; r < RULE_COUNT; r++)
		sarif_rule(&w, &check_rules[r], x->o->docs_url);
	jw_end(&w);
	jw_end(&w);
	jw_end(&w);
	jw_kstr(&w, "columnKind", "unicodeCodePoints");
	jw_key(&w, "results");
	jw_array_lines(&w);
	for (size_t i = 0; i < l->n; i++) {
		const struct diag *d = &l->v[i];

		if (report__shown(d))
			sarif_result(x, &w, d, x->fp[i], !base ? NULL :
				     fp_in(was, nwas, x->fp[i]) ? "unchanged" : "new");
	}
	for (size_t i = 0; base && i < base->n; i++)
		if (report__shown(&base->v[i]) && !fp_in(cur, ncur, bfp[i]))
			sarif_result(x, &w, &base->v[i], bfp[i], "absent");
	jw_end(&w);
	jw_end(&w);
	jw_end(&w);
	jw_end(&w);
	sbuf_addc(x->out, '\n');
	free(bfp);
	free(cur);
	free(was);
}

/* One testcase: an error is a failure, a warning passes with its text
 * in system-out (a warnings-only run passes, and Jenkins keeps the
 * build stable). */
static void
junit_case(struct sbuf *sb, const struct diag *d)
{
	struct sbuf tmp = SBUF_INIT;
	const char *rule = *d->rule ? d->rule : "docket";
	int err = d->severity == SEV_ERROR;

	sbuf_adds(sb, "    <testcase classname=\"");
	report__esc_term(&tmp, file_or_default(d), strlen(file_or_default(d)), 0);
	xml_escape_attr(sb, tmp.buf, tmp.len);
	sbuf_adds(sb, "\" name=\"");
	sbuf_reset(&tmp);
	report__esc_term(&tmp, rule, strlen(rule), 0);
	if (d->line > 0) {
		sbuf_addf(&tmp, " at %d", d->line);
		if (d->column > 0)
			sbuf_addf(&tmp, ":%d", d->column);
	}
	xml_escape_attr(sb, tmp.buf, tmp.len);
	sbuf_adds(sb, "\">\n");
	if (err) {
		sbuf_adds(sb, "      <failure type=\"");
		sbuf_reset(&tmp);
		report__esc_term(&tmp, rule, strlen(rule), 0);
		xml_escape_attr(sb, tmp.buf, tmp.len);
		sbuf_adds(sb, "\" message=\"");
		sbuf_reset(&tmp);
		sbuf_adds(&tmp, "error: ");
		report__esc_term(&tmp, d->message, strlen(d->message), 0);
		xml_escape_attr(sb, tmp.buf, tmp.len);
		sbuf_adds(sb, "\">");
	} else {
		sbuf_adds(sb, "      <system-out>");
	}
	sbuf_reset(&tmp);
	report__text_line(&tmp, d, 0);
	xml_escape(sb, tmp.buf, tmp.len);
	sbuf_adds(sb, err ? "</failure>\n" : "</system-out>\n");
	sbuf_adds(sb, "    </testcase>\n");
	sbuf_release(&tmp);
}

/* Count the shown findings on changed (or unchanged) files. */
static void
junit_count(struct report__ctx *x, int changed, size_t *tests, size_t *errors)
{
	*tests = *errors = 0;
	for (size_t i = 0; i < x->l->n; i++) {
		const struct diag *d = &x->l->v[i];

		if (!report__shown(d) || report__changed(x, d) != changed)
			continue;
		++*tests;
		if (d->severity == SEV_ERROR)
			++*errors;
	}
}

/*
 * JUnit (Jenkins' schema): one testsuite "docket check" with a testcase
 * per finding, failures = errors; with no findings one passing
 * testcase keeps it non-empty.  With --base, the findings on files
 * unchanged since the base go to a second testsuite, "docket check
 * (files unchanged since the base)", so a report widget tells them
 * apart; they still count.
 */
void
report__junit(struct report__ctx *x)
{
	struct sbuf *sb = x->out;
	size_t tests, errors, utests, uerrors, all_tests, all_errors;

	junit_count(x, 1, &tests, &errors);
	junit_count(x, 0, &utests, &uerrors);
	all_tests = (tests ? tests : 1) + utests;
	all_errors = errors + uerrors;
	sbuf_adds(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sbuf_addf(sb, "<testsuites name=\"docket\" tests=\"%zu\" "
		  "failures=\"%zu\" errors=\"0\">\n", all_tests, all_errors);
	for (int changed = 1; changed >= 0; changed--) {
		size_t t = changed ? tests : utests;
		size_t e = changed ? errors : uerrors;

		if (!changed && !t)
			break;
		sbuf_addf(sb, "  <testsuite name=\"docket check%s\" tests=\"%zu\" "
			  "failures=\"%zu\" errors=\"0\" skipped=\"0\">\n",
			  changed ? "" : " (files unchanged since the base)",
			  t ? t : 1, e);
		if (!t)
			sbuf_adds(sb, "    <testcase classname=\"docket\" "
				  "name=\"no problems\"/>\n");
		for (size_t i = 0; i < x->l->n; i++) {
			const struct diag *d = &x->l->v[i];

			if (report__shown(d) && report__changed(x, d) == changed)
				junit_case(sb, d);
		}
		sbuf_adds(sb, "  </testsuite>\n");
	}
	sbuf_adds(sb, "</testsuites>\n");
}

void
report__gitlab(struct report__ctx *x)
{
	struct jw w;

	jw_init(&w, x->out, 2, 0);
	jw_array_lines(&w);
	for (size_t i = 0; i < x->l->n; i++) {
		const struct diag *d = &x->l->v[i];

		if (!report__shown(d))
			continue;
		jw_object(&w);
		jw_kstr(&w, "description", d->message);
		jw_kstr(&w, "check_name", *d->rule ? d->rule : "docket");
		jw_kstr(&w, "fingerprint", x->fp[i]);
		jw_kstr(&w, "severity", d->severity == SEV_ERROR ? "major" : "minor");
		jw_key(&w, "location");
		jw_object(&w);
		jw_kstr(&w, "path", file_or_default(d));
		jw_key(&w, "lines");
		jw_object(&w);
		jw_kint(&w, "begin", d->line > 0 ? d->line : 1);
		jw_kint(&w, "end", d->end_line > d->line ? d->end_line :
			d->line > 0 ? d->line : 1);
		jw_end(&w);
		jw_end(&w);
		jw_end(&w);
	}
	jw_end(&w);
	sbuf_addc(x->out, '\n');
}
