/*
 * report_ci.c: the formats read by CI services: sarif (GitHub code
 * scanning and other SARIF viewers), junit (test report widgets) and
 * gitlab (GitLab Code Quality).  See report.h for the contract.
 *
 * Design notes
 * (1) SARIF: tool.driver.rules holds each rule id used, in order of
 *     first use, and each result points at its rule by ruleId and
 *     ruleIndex.  Every result has exactly one location, as GitHub
 *     requires: a finding without a file is put on docket.yaml.  A
 *     region is written only with a line (SARIF requires startLine >= 1);
 *     columns count characters, as libyaml does (columnKind
 *     unicodeCodePoints).
 * (2) JUnit: one testcase per finding, each with a failure (warnings
 *     too; the failure's message says which), so tests == failures.
 *     With no findings one passing testcase keeps the suite non-empty.
 *     Text is escaped for terminals first (CI pages show it) and then
 *     for XML.
 * (3) GitLab: the fingerprint is FNV-1a 64 over rule, file, line and
 *     message, NUL-separated, so it is stable across runs and machines.
 *     GitLab needs fingerprints to be unique within a report: the k-th
 *     repeat (k >= 1) of a hash gets "#k" mixed in.  Repeats are found
 *     by sorting (hash, index) pairs, so n findings cost O(n log n).
 */
#include "formats/report.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/xalloc.h"
#include "formats/json.h"
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

static void
sarif_rule(struct jw *w, const char *id)
{
	struct sbuf tmp = SBUF_INIT;
	int r = check_rule_find(id);
	const char *text = r >= 0 ? check_rules[r].summary : NULL;

	if (!text) {
		sbuf_addf(&tmp, "docket check rule %s", id);
		text = tmp.buf;
	}
	jw_object(w);
	jw_kstr(w, "id", id);
	jw_key(w, "shortDescription");
	jw_object(w);
	jw_kstr(w, "text", text);
	jw_end(w);
	jw_end(w);
	sbuf_release(&tmp);
}

/* One result's location: the file (docket.yaml for findings without
 * one) and, with a line, the region. */
static void
sarif_location(struct jw *w, const struct diag *d)
{
	struct sbuf uri = SBUF_INIT;

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
	if (d->line > 0) {
		jw_key(w, "region");
		jw_object(w);
		jw_kint(w, "startLine", d->line);
		if (d->column > 0) {
			jw_kint(w, "startColumn", d->column);
		}
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
	jw_end(w);
	sbuf_release(&uri);
}

void
report__sarif(struct report__ctx *x)
{
	const struct diag_list *l = x->l;
	const char **rules = NULL;
	size_t nrules = 0, alloc = 0;
	struct jw w;

	/* distinct rule ids, in order of first use */
	for (size_t i = 0; i < l->n; i++) {
		size_t r = 0;

		if (!report__shown(&l->v[i]) || !*l->v[i].rule)
			continue;
		while (r < nrules && strcmp(rules[r], l->v[i].rule))
			r++;
		if (r == nrules) {
			rules = xgrow(rules, &alloc, nrules + 1, sizeof(*rules));
			rules[nrules++] = l->v[i].rule;
		}
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
	for (size_t r = 0; r < nrules; r++)
		sarif_rule(&w, rules[r]);
	jw_end(&w);
	jw_end(&w);
	jw_end(&w);
	jw_kstr(&w, "columnKind", "unicodeCodePoints");
	jw_key(&w, "results");
	jw_array_lines(&w);
	for (size_t i = 0; i < l->n; i++) {
		const struct diag *d = &l->v[i];

		if (!report__shown(d))
			continue;
		jw_object_lines(&w);
		if (*d->rule) {
			size_t r = 0;

			while (r < nrules && strcmp(rules[r], d->rule))
				r++;
			jw_kstr(&w, "ruleId", d->rule);
			if (r < nrules) {   /* always: rules has every id */
				jw_kint(&w, "ruleIndex", (long long)r);
			}
		}
		jw_kstr(&w, "level", severity_name(d->severity));
		jw_key(&w, "message");
		jw_object(&w);
		jw_kstr(&w, "text", d->message);
		jw_end(&w);
		jw_key(&w, "locations");
		sarif_location(&w, d);
		if (x->o->have_base) {
			jw_key(&w, "properties");
			jw_object(&w);
			jw_kbool(&w, "changed", report__changed(x, d));
			jw_end(&w);
		}
		jw_end(&w);
	}
	jw_end(&w);
	jw_end(&w);
	jw_end(&w);
	jw_end(&w);
	sbuf_addc(x->out, '\n');
	free(rules);
}

void
report__junit(struct report__ctx *x)
{
	struct sbuf *sb = x->out;
	struct sbuf tmp = SBUF_INIT;
	size_t n = x->errors + x->warnings;

	sbuf_adds(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sbuf_addf(sb, "<testsuites name=\"docket\" tests=\"%zu\" "
		  "failures=\"%zu\" errors=\"0\">\n", n ? n : 1, n);
	sbuf_addf(sb, "  <testsuite name=\"docket check\" tests=\"%zu\" "
		  "failures=\"%zu\" errors=\"0\" skipped=\"0\">\n",
		  n ? n : 1, n);
	if (!n)
		sbuf_adds(sb, "    <testcase classname=\"docket\" "
			  "name=\"no problems\"/>\n");
	for (size_t i = 0; i < x->l->n; i++) {
		const struct diag *d = &x->l->v[i];
		const char *rule = *d->rule ? d->rule : "docket";

		if (!report__shown(d))
			continue;
		sbuf_adds(sb, "    <testcase classname=\"");
		sbuf_reset(&tmp);
		report__esc_term(&tmp, file_or_default(d),
				 strlen(file_or_default(d)), 0);
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
		sbuf_adds(sb, "\">\n      <failure type=\"");
		sbuf_reset(&tmp);
		report__esc_term(&tmp, rule, strlen(rule), 0);
		xml_escape_attr(sb, tmp.buf, tmp.len);
		sbuf_adds(sb, "\" message=\"");
		sbuf_reset(&tmp);
		sbuf_adds(&tmp, severity_name(d->severity));
		sbuf_add(&tmp, ": ", 2);
		report__esc_term(&tmp, d->message, strlen(d->message), 0);
		xml_escape_attr(sb, tmp.buf, tmp.len);
		sbuf_adds(sb, "\">");
		sbuf_reset(&tmp);
		report__text_line(&tmp, d, 0);
		xml_escape(sb, tmp.buf, tmp.len);
		sbuf_adds(sb, "</failure>\n    </testcase>\n");
	}
	sbuf_adds(sb, "  </testsuite>\n</testsuites>\n");
	sbuf_release(&tmp);
}

#define FNV_OFFSET UINT64_C(0xcbf29ce484222325)
#define FNV_PRIME UINT64_C(0x100000001b3)

static uint64_t
fnv1a(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= FNV_PRIME;
	}
	return h;
}

struct fp {
	uint64_t hash;
	size_t index;   /* into the diag_list */
};

static int
cmp_fp(const void *pa, const void *pb)
{
	const struct fp *a = pa, *b = pb;

	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* hash[i] = the fingerprint of finding i (0 for findings not shown). */
static uint64_t *
gitlab_fingerprints(const struct diag_list *l)
{
	uint64_t *hash = xcalloc(l->n ? l->n : 1, sizeof(*hash));
	struct fp *fp = xmalloc((l->n ? l->n : 1) * sizeof(*fp));
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++) {
		const struct diag *d = &l->v[i];
		const char *file = d->file ? d->file : "";
		char line[32];
		uint64_t h = FNV_OFFSET;

		if (!report__shown(d))
			continue;
		snprintf(line, sizeof(line), "%d", d->line > 0 ? d->line : 0);
		h = fnv1a(h, d->rule, strlen(d->rule) + 1);
		h = fnv1a(h, file, strlen(file) + 1);
		h = fnv1a(h, line, strlen(line) + 1);
		h = fnv1a(h, d->message, strlen(d->message));
		fp[n].hash = h;
		fp[n++].index = i;
	}
	qsort(fp, n, sizeof(*fp), cmp_fp);
	for (size_t i = 0, k = 0; i < n; i++) {
		char rep[32];

		k = i && fp[i].hash == fp[i - 1].hash ? k + 1 : 0;
		hash[fp[i].index] = fp[i].hash;
		if (k) {
			snprintf(rep, sizeof(rep), "#%zu", k);
			hash[fp[i].index] = fnv1a(fp[i].hash, rep, strlen(rep));
		}
	}
	free(fp);
	return hash;
}

void
report__gitlab(struct report__ctx *x)
{
	uint64_t *hash = gitlab_fingerprints(x->l);
	struct jw w;

	jw_init(&w, x->out, 2, 0);
	jw_array_lines(&w);
	for (size_t i = 0; i < x->l->n; i++) {
		const struct diag *d = &x->l->v[i];
		char fp[17];

		if (!report__shown(d))
			continue;
		snprintf(fp, sizeof(fp), "%016llx", (unsigned long long)hash[i]);
		jw_object(&w);
		jw_kstr(&w, "description", d->message);
		jw_kstr(&w, "check_name", *d->rule ? d->rule : "docket");
		jw_kstr(&w, "fingerprint", fp);
		jw_kstr(&w, "severity", d->severity == SEV_ERROR ? "major" : "minor");
		jw_key(&w, "location");
		jw_object(&w);
		jw_kstr(&w, "path", file_or_default(d));
		jw_key(&w, "lines");
		jw_object(&w);
		jw_kint(&w, "begin", d->line > 0 ? d->line : 1);
		jw_end(&w);
		jw_end(&w);
		jw_end(&w);
	}
	jw_end(&w);
	sbuf_addc(x->out, '\n');
	free(hash);
}
