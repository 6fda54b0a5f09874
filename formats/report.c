/*
 * report.c: the report API, the escaping shared by every format, and
 * the text, json and github formats.  See report.h for the contract;
 * sarif, junit and gitlab are in report_ci.c.
 *
 * Design notes
 * (1) Escaping for terminals is core/text's text_escape_term, the one
 *     every docket command uses, so findings look the same everywhere.
 *     For GitHub the workflow-command escapes (% CR LF, and : , in
 *     properties) are applied first, as %XX, and the result then goes
 *     through text_escape_term, which leaves %XX alone; the other
 *     order would turn LF into \x0a before GitHub could see it.
 * (2) --base membership is a binary search in a sorted copy of the list
 *     of changed files (the list can be long after a large import).
 */
#include "formats/report.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sha256.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "formats/json.h"

#define SGR_BOLD "\033[1m"
#define SGR_ERROR "\033[1;31m"
#define SGR_WARNING "\033[1;33m"
#define SGR_RESET "\033[0m"

/* in enum report_format's order */
static const struct report_format_row rows[] = {
	{ { "text", NULL, 0 }, REPORT_TEXT },
	{ { "json", NULL, 0 }, REPORT_JSON },
	{ { "github", NULL, 0 }, REPORT_GITHUB },
	{ { "sarif", NULL, 0 }, REPORT_SARIF },
	{ { "junit", NULL, 0 }, REPORT_JUNIT },
	{ { "gitlab", NULL, 0 }, REPORT_GITLAB },
	{ { NULL, NULL, 0 }, REPORT_TEXT },
};
const struct format_table report_formats = FORMAT_TABLE(rows);

int
report_format_parse(enum report_format *out, const char *name)
{
	const struct format *f = name ? format_find(&report_formats, name) : NULL;

	if (!f)
		return -1;
	*out = FORMAT_ROW(struct report_format_row, f)->id;
	return 0;
}

const char *
report_format_name(enum report_format fmt)
{
	if ((size_t)fmt < ARRAY_SIZE(rows) - 1)
		return rows[fmt].f.name;
	return "text";
}

void
report__esc_term(struct sbuf *sb, const char *s, size_t len, unsigned flags)
{
	struct sbuf tmp = SBUF_INIT;
	size_t run = 0;

	if (!flags) {
		text_escape_term(sb, s, len);
		return;
	}
	/* ASCII bytes never occur inside a UTF-8 sequence: replacing them
	 * one by one keeps the rest intact for text_escape_term. */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '%' || c == '\r' || c == '\n' ||
		    ((flags & REPORT__ESC_GH_PROP) && (c == ':' || c == ','))) {
			sbuf_add(&tmp, s + i - run, run);
			run = 0;
			sbuf_addf(&tmp, "%%%02X", c);
		} else {
			run++;
		}
	}
	sbuf_add(&tmp, s + len - run, run);
	text_escape_term(sb, tmp.buf, tmp.len);
	sbuf_release(&tmp);
}

static void
esc_termz(struct sbuf *sb, const char *s, unsigned flags)
{
	report__esc_term(sb, s, strlen(s), flags);
}

static int
severity_shown(const struct diag *d)
{
	return d->severity == SEV_ERROR || d->severity == SEV_WARNING;
}

int
report__shown(const struct diag *d)
{
	return severity_shown(d) && !d->suppressed;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
report__changed(const struct report__ctx *x, const struct diag *d)
{
	if (!x->o->have_base || !d->file)
		return 1;
	return x->nchanged && bsearch(&d->file, x->changed, x->nchanged,
				      sizeof(*x->changed), cmp_str) != NULL;
}

void
report__add_counts(struct sbuf *sb, size_t errors, size_t warnings)
{
	sbuf_addf(sb, "%zu error%s, %zu warning%s", errors,
		  errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
}

void
report__text_line(struct sbuf *sb, const struct diag *d, int color)
{
	int err = d->severity == SEV_ERROR;

	if (d->file) {
		if (color)
			sbuf_adds(sb, SGR_BOLD);
		esc_termz(sb, d->file, 0);
		if (d->line > 0) {
			sbuf_addf(sb, ":%d", d->line);
			if (d->column > 0)
				sbuf_addf(sb, ":%d", d->column);
		}
		sbuf_addc(sb, ':');
		if (color)
			sbuf_adds(sb, SGR_RESET);
		sbuf_addc(sb, ' ');
	}
	if (color)
		sbuf_adds(sb, err ? SGR_ERROR : SGR_WARNING);
	sbuf_adds(sb, severity_name(d->severity));
	if (color)
		sbuf_adds(sb, SGR_RESET);
	sbuf_add(sb, ": ", 2);
	esc_termz(sb, d->message, 0);
	if (*d->rule) {
		sbuf_add(sb, " [", 2);
		esc_termz(sb, d->rule, 0);
		sbuf_addc(sb, ']');
	}
}

/* Text: the findings on changed files, then (with --base) the others
 * under a heading, then the summary line. */
static void
render_text(struct report__ctx *x)
{
	const struct diag_list *l = x->l;
	size_t unchanged = 0;

	for (size_t i = 0; i < l->n; i++) {
		const struct diag *d = &l->v[i];

		if (!report__shown(d))
			continue;
		if (!report__changed(x, d)) {
			unchanged++;
			continue;
		}
		report__text_line(x->out, d, x->o->color);
		sbuf_addc(x->out, '\n');
	}
	if (unchanged) {
		sbuf_adds(x->out, "findings on files unchanged since the base:\n");
		for (size_t i = 0; i < l->n; i++) {
			const struct diag *d = &l->v[i];

			if (!report__shown(d) || report__changed(x, d))
				continue;
			report__text_line(x->out, d, x->o->color);
			sbuf_addc(x->out, '\n');
		}
	}
	if (!x->errors && !x->warnings) {
		sbuf_adds(x->out, "no problems\n");
		return;
	}
	report__add_counts(x->out, x->errors, x->warnings);
	if (unchanged)
		sbuf_addf(x->out, " (%zu on files unchanged since the base)",
			  unchanged);
	sbuf_addc(x->out, '\n');
}

/* JSON: one object, one finding per line, keys in the documented order, then
 * docket's own (suppressed, fingerprint, changed); column is null
 * whenever line is (a column alone locates nothing).  Suppressed
 * findings are listed too, marked. */
static void
render_json(struct report__ctx *x)
{
	struct jw w;

	jw_init(&w, x->out, 2, 0);
	jw_object(&w);
	jw_kint(&w, "errors", (long long)x->errors);
	jw_kint(&w, "warnings", (long long)x->warnings);
	jw_key(&w, "findings");
	jw_array_lines(&w);
	for (size_t i = 0; i < x->l->n; i++) {
		const struct diag *d = &x->l->v[i];

		if (!severity_shown(d))
			continue;
		jw_object(&w);
		jw_kstr(&w, "rule", d->rule);
		jw_kstr(&w, "severity", severity_name(d->severity));
		jw_kstr(&w, "file", d->file);
		jw_kpos(&w, "line", d->line);
		jw_kpos(&w, "column", d->line > 0 ? d->column : 0);
		jw_kstr(&w, "message", d->message);
		jw_kbool(&w, "suppressed", d->suppressed);
		jw_kstr(&w, "fingerprint", x->fp[i]);
		if (x->o->have_base) {
			jw_kbool(&w, "changed", report__changed(x, d));
		}
		jw_end(&w);
	}
	jw_end(&w);
	jw_end(&w);
	sbuf_addc(x->out, '\n');
}

/* One workflow-command property: ",name=value" (" name=" for the
 * first). */
static void
gh_prop(struct sbuf *sb, int *nprops, const char *name, const char *value)
{
	sbuf_addc(sb, (*nprops)++ ? ',' : ' ');
	sbuf_adds(sb, name);
	sbuf_addc(sb, '=');
	esc_termz(sb, value, REPORT__ESC_GH_DATA | REPORT__ESC_GH_PROP);
}

/*
 * GitHub Actions: "::error file=F,line=L,col=C,title=RULE::MESSAGE" per
 * finding, escaped as @actions/core does (data: % CR LF; properties
 * also : and ,), then a plain summary line.  Only ten annotations of
 * each kind show per step, so the summary carries the real counts.
 * With --base only findings on changed files are annotated (a pull
 * request's annotations are about what it changes); the others are
 * counted on one line before the summary.
 */
static void
render_github(struct report__ctx *x)
{
	struct sbuf *sb = x->out;
	size_t uerr = 0, uwarn = 0;

	for (size_t i = 0; i < x->l->n; i++) {
		const struct diag *d = &x->l->v[i];
		int nprops = 0;
		char num[32];

		if (!report__shown(d))
			continue;
		if (!report__changed(x, d)) {
			*(d->severity == SEV_ERROR ? &uerr : &uwarn) += 1;
			continue;
		}
		sbuf_add(sb, "::", 2);
		sbuf_adds(sb, severity_name(d->severity));
		if (d->file) {
			gh_prop(sb, &nprops, "file", d->file);
			if (d->line > 0) {
				snprintf(num, sizeof(num), "%d", d->line);
				gh_prop(sb, &nprops, "line", num);
				if (d->column > 0) {
					snprintf(num, sizeof(num), "%d",
						 d->column);
					gh_prop(sb, &nprops, "col", num);
				}
			}
		}
		if (*d->rule)
			gh_prop(sb, &nprops, "title", d->rule);
		sbuf_add(sb, "::", 2);
		esc_termz(sb, d->message, REPORT__ESC_GH_DATA);
		sbuf_addc(sb, '\n');
	}
	if (uerr || uwarn) {
		sbuf_adds(sb, "docket check: not annotated, on files unchanged since the base: ");
		report__add_counts(sb, uerr, uwarn);
		sbuf_addc(sb, '\n');
	}
	sbuf_adds(sb, "docket check: ");
	report__add_counts(sb, x->errors, x->warnings);
	sbuf_addc(sb, '\n');
}

/* Every entry's fingerprint, the k-th repeat of one made distinct by
 * "#k" (report.h).  Repeats are found by sorting, O(n log n). */
struct fp_ref {
	const char *fp;
	size_t index;
};

static int
cmp_fp_ref(const void *pa, const void *pb)
{
	const struct fp_ref *a = pa, *b = pb;
	int c = strcmp(a->fp, b->fp);

	if (c)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

report__fp *
report__fingerprints(const struct diag_list *l)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = l->n;
	struct fp_ref *ref = xmalloc((n ? n : 1) * sizeof(*ref));
	report__fp *base = xmalloc((n ? n : 1) * sizeof(*base));
	report__fp *fp = xcalloc(n ? n : 1, sizeof(*fp));

	for (size_t i = 0; i < n; i++) {
		diag_fingerprint(&l->v[i], base[i]);
		memcpy(fp[i], base[i], sizeof(base[i]));
		ref[i].fp = base[i];
		ref[i].index = i;
	}
	qsort(ref, n, sizeof(*ref), cmp_fp_ref);
	for (size_t i = 1, k = 0; i < n; i++) {
		char buf[DIAG_FINGERPRINT_LEN + 32];
		uint8_t h[32];
		int len;

		k = strcmp(ref[i].fp, ref[i - 1].fp) ? 0 : k + 1;
		if (!k)
			continue;
		len = snprintf(buf, sizeof(buf), "%s#%zu", ref[i].fp, k);
		sha256(h, buf, (size_t)len);
		for (int j = 0; j < DIAG_FINGERPRINT_LEN / 2; j++) {
			fp[ref[i].index][2 * j] = hex[h[j] >> 4];
			fp[ref[i].index][2 * j + 1] = hex[h[j] & 15];
		}
	}
	free(ref);
	free(base);
	return fp;
}

int
report_render(struct sbuf *out, enum report_format fmt,
	      const struct diag_list *l, const struct report_opts *opts)
{
	static const struct report_opts defaults = REPORT_OPTS_INIT;
	struct report__ctx x = { out, l, opts ? opts : &defaults, NULL, 0,
				 0, 0, NULL };

	x.errors = diag_list_count(l, SEV_ERROR);
	x.warnings = diag_list_count(l, SEV_WARNING);
	if (x.o->have_base && x.o->nchanged) {
		x.nchanged = x.o->nchanged;
		x.changed = xmalloc(x.nchanged * sizeof(*x.changed));
		memcpy(x.changed, x.o->changed_files,
		       x.nchanged * sizeof(*x.changed));
		qsort(x.changed, x.nchanged, sizeof(*x.changed), cmp_str);
	}
	x.fp = report__fingerprints(l);
	switch (fmt) {
	case REPORT_JSON: render_json(&x); break;
	case REPORT_GITHUB: render_github(&x); break;
	case REPORT_SARIF: report__sarif(&x); break;
	case REPORT_JUNIT: report__junit(&x); break;
	case REPORT_GITLAB: report__gitlab(&x); break;
	case REPORT_TEXT:
	default: render_text(&x); break;
	}
	free(x.changed);
	free(x.fp);
	return 0;
}
