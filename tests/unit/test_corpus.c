/*
 * Every real front-matter file of $SHARED/corpus/real through fm_parse
 * with the default options.
 *
 * Each file must either parse (the root is a mapping) or be rejected
 * with a "syntax" diag naming the file, a line and column inside the
 * file, and a message.  Nothing may crash or hang (an alarm stops a
 * hang; run under `make asan` for memory errors), and neither may any
 * file cut short at a few points.  On top of that, the
 * facts that shared/corpus/README.md notes about the files are checked
 * here from the files themselves:
 *
 *   - backlog-md(-history): the front matters with `assignee: @MrLesk`
 *     style values (`@` is a reserved indicator) are exactly the ones
 *     rejected, at the line and column of the first such `@`;
 *   - jekyll-docs and hugo-docs each have one empty front matter, which
 *     gives an empty mapping; astro-docs has one file with a CRLF (in
 *     its body, which keeps it);
 *   - gray-matter-fixtures: the files without a `---` front matter, the
 *     unclosed ones, the JavaScript one and the one whose front matter
 *     is a plain string are rejected, the rest parse;
 *   - python-frontmatter-fixtures: each input with a *.result.json gives
 *     those values (read with jansson) and that body, except
 *     where the result needs a front-matter format docket does not read
 *     (JSON, TOML, "----", no front matter: rejected at 1:1) or YAML 1.1
 *     booleans (`yes` stays a string under the 1.2 core schema).
 *
 * A summary line per folder (parsed / rejected) goes to stderr.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "core/diag.h"
#include "core/fm.h"
#include "core/sbuf.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "core/ynode.h"

struct cfile {
	char *rel;          /* path under corpus/real/<folder>/ */
	char *path;         /* full path */
	char *buf;
	size_t len;
	int rc;             /* fm_parse result */
	struct fm fm;
	struct diag_list diags;
};

struct folder {
	const char *name;
	struct cfile *v;
	size_t n, alloc;
	size_t parsed, rejected;
};

static struct folder folders[] = {
	{ "astro-docs" }, { "backlog-md" }, { "backlog-md-history" },
	{ "gray-matter-fixtures" }, { "hugo-docs" }, { "jekyll-docs" },
	{ "python-frontmatter-fixtures" },
};

static char *real_dir;

/* ------------------------------------------------------------------ */

static int
read_file(const char *path, char **buf, size_t *len)
{
	struct sbuf sb = SBUF_INIT;
	FILE *f = fopen(path, "rb");
	char tmp[16384];
	size_t n;

	if (!f)
		return -1;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		sbuf_add(&sb, tmp, n);
	fclose(f);
	*buf = sbuf_detach(&sb, len);
	return 0;
}

static int
cmp_cfile(const void *a, const void *b)
{
	return strcmp(((const struct cfile *)a)->rel,
		      ((const struct cfile *)b)->rel);
}

static void
walk(struct folder *fo, const char *dir, const char *rel)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d) {
		print_error("cannot open %s\n", dir);
		return;
	}
	while ((e = readdir(d))) {
		char *path, *r;
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		r = *rel ? xasprintf("%s/%s", rel, e->d_name) :
			   xstrdup(e->d_name);
		if (lstat(path, &st)) {
			free(path);
			free(r);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			walk(fo, path, r);
			free(path);
			free(r);
		} else if (S_ISREG(st.st_mode) && !(!*rel &&
			   (!strcmp(e->d_name, "MANIFEST.tsv") ||
			    !strcmp(e->d_name, "LICENSE.txt")))) {
			fo->v = xgrow(fo->v, &fo->alloc, fo->n + 1,
				      sizeof(*fo->v));
			memset(&fo->v[fo->n], 0, sizeof(*fo->v));
			fo->v[fo->n].rel = r;
			fo->v[fo->n].path = path;
			fo->n++;
		} else {
			free(path);
			free(r);
		}
	}
	closedir(d);
}

static const char *
shared_dir(void)
{
	static char buf[4096];
	const char *s = getenv("SHARED"), *t;

	if (s && *s)
		return s;
	t = getenv("DOCKET_TESTS");
	if (t && *t) {
		snprintf(buf, sizeof(buf), "%s/../../shared", t);
		return buf;
	}
	return "../shared";
}

/* Read and parse every file once; the tests look at the results. */
static int
setup(void **state)
{
	struct fm_opts opts = FM_OPTS_INIT;

	(void)state;
	real_dir = xasprintf("%s/corpus/real", shared_dir());
	for (size_t i = 0; i < ARRAY_SIZE(folders); i++) {
		struct folder *fo = &folders[i];
		char *dir = xasprintf("%s/%s", real_dir, fo->name);

		walk(fo, dir, "");
		free(dir);
		qsort(fo->v, fo->n, sizeof(*fo->v), cmp_cfile);
		for (size_t k = 0; k < fo->n; k++) {
			struct cfile *c = &fo->v[k];

			if (read_file(c->path, &c->buf, &c->len)) {
				print_error("cannot read %s\n", c->path);
				return -1;
			}
			diag_list_init(&c->diags);
			c->rc = fm_parse(&c->fm, c->buf, c->len, &opts, c->rel,
					 &c->diags);
			if (c->rc == 0)
				fo->parsed++;
			else
				fo->rejected++;
		}
		fprintf(stderr, "corpus: %-28s %4zu files: %4zu parsed, "
			"%3zu rejected\n", fo->name, fo->n, fo->parsed,
			fo->rejected);
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(folders); i++) {
		struct folder *fo = &folders[i];

		for (size_t k = 0; k < fo->n; k++) {
			fm_release(&fo->v[k].fm);
			diag_list_release(&fo->v[k].diags);
			free(fo->v[k].buf);
			free(fo->v[k].rel);
			free(fo->v[k].path);
		}
		free(fo->v);
		fo->v = NULL;
		fo->n = fo->alloc = fo->parsed = fo->rejected = 0;
	}
	free(real_dir);
	return 0;
}

static struct folder *
folder(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(folders); i++)
		if (!strcmp(folders[i].name, name))
			return &folders[i];
	return NULL;
}

static struct cfile *
cfile(struct folder *fo, const char *rel)
{
	for (size_t k = 0; k < fo->n; k++)
		if (!strcmp(fo->v[k].rel, rel))
			return &fo->v[k];
	print_error("%s: no file %s\n", fo->name, rel);
	return NULL;
}

/* The first error diag, or NULL. */
static const struct diag *
first_error(const struct cfile *c)
{
	for (size_t i = 0; i < c->diags.n; i++)
		if (c->diags.v[i].severity == SEV_ERROR)
			return &c->diags.v[i];
	return NULL;
}

/* Line `line` (1-based) of buf: its start and length (no terminator). */
static int
line_span(const char *buf, size_t len, int line, size_t *off, size_t *n)
{
	size_t i = 0;
	const char *nl;

	for (int l = 1; l < line; l++) {
		nl = memchr(buf + i, '\n', len - i);
		if (!nl)
			return -1;
		i = (size_t)(nl - buf) + 1;
	}
	nl = memchr(buf + i, '\n', len - i);
	*off = i;
	*n = nl ? (size_t)(nl - buf) - i : len - i;
	if (*n && buf[i + *n - 1] == '\r')
		(*n)--;
	return 0;
}

/* Characters (not bytes) in s[0..n). */
static size_t
nchars(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/* ------------------------------------------------------------------ */

/* Check one file's outcome; return 0 when it is acceptable. */
static int
check_outcome(const struct folder *fo, const struct cfile *c)
{
	const struct diag *d;
	size_t off, n;

	if (c->rc == 0) {
		if (!c->fm.root || c->fm.root->type != YNODE_MAP) {
			print_error("%s/%s: parsed, but the root is not a "
				    "mapping\n", fo->name, c->rel);
			return -1;
		}
		if (diag_list_count(&c->diags, SEV_ERROR)) {
			print_error("%s/%s: parsed, but with an error diag\n",
				    fo->name, c->rel);
			return -1;
		}
		return 0;
	}
	if (c->rc != DK_EINVALID) {
		print_error("%s/%s: fm_parse returned %d\n", fo->name, c->rel,
			    c->rc);
		return -1;
	}
	if (c->fm.root) {
		print_error("%s/%s: rejected, but a root was left\n", fo->name,
			    c->rel);
		return -1;
	}
	d = first_error(c);
	if (!d) {
		print_error("%s/%s: rejected without an error diag\n", fo->name,
			    c->rel);
		return -1;
	}
	if (!d->file || strcmp(d->file, c->rel) || !d->rule ||
	    strcmp(d->rule, "syntax") || !d->message || !d->message[0] ||
	    d->line < 1 || d->column < 1) {
		print_error("%s/%s: bad diag: file '%s' %d:%d rule '%s': %s\n",
			    fo->name, c->rel, d->file ? d->file : "(null)",
			    d->line, d->column, d->rule ? d->rule : "(null)",
			    d->message ? d->message : "(null)");
		return -1;
	}
	/* the position is inside the file: an existing line, a column at
	 * most one past its last character */
	if (line_span(c->buf, c->len, d->line, &off, &n) ||
	    (size_t)d->column > nchars(c->buf + off, n) + 1) {
		print_error("%s/%s: diag position %d:%d is outside the file: "
			    "%s\n", fo->name, c->rel, d->line, d->column,
			    d->message);
		return -1;
	}
	return 0;
}

static void
check_folder(const char *name)
{
	struct folder *fo = folder(name);
	size_t bad = 0;

	assert_non_null(fo);
	assert_true(fo->n > 0);
	for (size_t k = 0; k < fo->n; k++)
		if (check_outcome(fo, &fo->v[k]))
			bad++;
	assert_int_equal(fo->parsed + fo->rejected, fo->n);
	assert_int_equal(bad, 0);
}

static void test_astro(void **s) { (void)s; check_folder("astro-docs"); }
static void test_backlog(void **s) { (void)s; check_folder("backlog-md"); }
static void test_backlog_hist(void **s) { (void)s; check_folder("backlog-md-history"); }
static void test_gray(void **s) { (void)s; check_folder("gray-matter-fixtures"); }
static void test_hugo(void **s) { (void)s; check_folder("hugo-docs"); }
static void test_jekyll(void **s) { (void)s; check_folder("jekyll-docs"); }
static void test_pyfm(void **s) { (void)s; check_folder("python-frontmatter-fixtures"); }

/*
 * Robustness: every file cut short at 16 points inside its first 4 KiB
 * (mid-line, mid-scalar, mid-UTF-8 sequence), as is and with a closing
 * '---' line added, must still either parse or be rejected with a
 * usable diag.
 */
static void
test_truncated(void **state)
{
	struct fm_opts opts = FM_OPTS_INIT;
	size_t runs = 0, bad = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(folders); i++) {
		struct folder *fo = &folders[i];

		for (size_t k = 0; k < fo->n; k++) {
			const struct cfile *orig = &fo->v[k];
			size_t span = orig->len < 4096 ? orig->len : 4096;

			for (size_t cut = 1; cut <= 32 && span; cut++) {
				struct cfile c;
				size_t len = span * ((cut + 1) / 2) / 17;
				/* odd: cut there; even: cut there and close
				 * the front matter, so the YAML is cut */
				const char *close = cut % 2 ? "" : "\n---\n";
				size_t cl = strlen(close);

				memset(&c, 0, sizeof(c));
				c.rel = orig->rel;
				/* a copy of exactly the bytes, so ASan sees
				 * any read past the end */
				c.buf = xmalloc(len + cl + 1);
				memcpy(c.buf, orig->buf, len);
				memcpy(c.buf + len, close, cl);
				c.len = len + cl;
				diag_list_init(&c.diags);
				c.rc = fm_parse(&c.fm, c.buf, c.len, &opts,
						c.rel, &c.diags);
				if (check_outcome(fo, &c)) {
					print_error("  (cut at byte %zu)\n", len);
					bad++;
				}
				runs++;
				fm_release(&c.fm);
				diag_list_release(&c.diags);
				free(c.buf);
			}
		}
	}
	fprintf(stderr, "corpus: %zu truncated inputs checked\n", runs);
	assert_int_equal(bad, 0);
}

/* ------------------------------------------------------------------
 * Facts from corpus/README.md
 * ------------------------------------------------------------------ */

static int
is_fence_line(const char *s, size_t n)
{
	if (n < 3 || memcmp(s, "---", 3))
		return 0;
	for (size_t i = 3; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/*
 * Find the front matter by the SPEC 3.1 rule, independently of fm.c:
 * lines 2 .. *end_line-1.  Returns 0 when there is one.
 */
static int
fm_lines(const struct cfile *c, int *end_line)
{
	size_t off, n;
	int line = 1;

	if (line_span(c->buf, c->len, 1, &off, &n) ||
	    !is_fence_line(c->buf + off, n))
		return -1;
	while (!line_span(c->buf, c->len, ++line, &off, &n)) {
		if (is_fence_line(c->buf + off, n)) {
			*end_line = line;
			return 0;
		}
	}
	return -1;
}

/*
 * The first front-matter line whose value starts with '@' (`key: @x`
 * or `- @x`), and the 1-based column of the '@'; 0 when there is none.
 */
static int
first_at_value(const struct cfile *c, int end_line, int *col)
{
	size_t off, n, i;

	for (int line = 2; line < end_line; line++) {
		const char *s;

		line_span(c->buf, c->len, line, &off, &n);
		s = c->buf + off;
		i = 0;
		while (i < n && s[i] == ' ')
			i++;
		if (i < n && s[i] == '-' && i + 1 < n && s[i + 1] == ' ') {
			i++;
		} else {
			while (i < n && s[i] != ':' && s[i] != '#' &&
			       s[i] != '"' && s[i] != '\'')
				i++;
			if (i == n || s[i] != ':')
				continue;
			i++;
		}
		if (i == n || s[i] != ' ')
			continue;
		while (i < n && s[i] == ' ')
			i++;
		if (i < n && s[i] == '@') {
			*col = (int)nchars(s, i) + 1;
			return line;
		}
	}
	return 0;
}

static void
check_at_values(const char *name, size_t want_rejected)
{
	struct folder *fo = folder(name);
	size_t with_at = 0, no_fm = 0, bad = 0;

	assert_non_null(fo);
	for (size_t k = 0; k < fo->n; k++) {
		const struct cfile *c = &fo->v[k];
		const struct diag *d = first_error(c);
		int end, line, col = 0;

		if (fm_lines(c, &end)) {
			/* no front matter at all (readme.md, config.yml) */
			no_fm++;
			if (c->rc == 0 || !d || d->line != 1 || d->column != 1) {
				print_error("%s/%s: has no front matter, but "
					    "was not rejected at 1:1\n", name,
					    c->rel);
				bad++;
			}
			continue;
		}
		line = first_at_value(c, end, &col);
		if (!line) {
			if (c->rc) {
				print_error("%s/%s: rejected: %d:%d: %s\n", name,
					    c->rel, d ? d->line : 0,
					    d ? d->column : 0,
					    d ? d->message : "");
				bad++;
			}
			continue;
		}
		with_at++;
		if (c->rc == 0) {
			print_error("%s/%s: the '@' value at line %d was "
				    "accepted\n", name, c->rel, line);
			bad++;
		} else if (!d || d->line != line || d->column != col) {
			print_error("%s/%s: rejected at %d:%d, but the '@' is "
				    "at %d:%d\n", name, c->rel,
				    d ? d->line : 0, d ? d->column : 0, line,
				    col);
			bad++;
		}
	}
	fprintf(stderr, "corpus: %s: %zu front matters with '@' values "
		"rejected at the '@', %zu files without front matter\n",
		name, with_at, no_fm);
	assert_int_equal(bad, 0);
	assert_int_equal(with_at, want_rejected);
	assert_int_equal(fo->rejected, want_rejected + no_fm);
}

static void
test_backlog_at_values(void **state)
{
	(void)state;
	/* README: 21 of 687 front matters; 42 in the history */
	check_at_values("backlog-md", 21);
	check_at_values("backlog-md-history", 42);
}

/* Exactly one parsed file of the folder has an empty front matter. */
static void
check_one_empty(const char *name, const char *rel)
{
	struct folder *fo = folder(name);
	size_t n = 0;
	struct cfile *c;

	for (size_t k = 0; k < fo->n; k++)
		if (fo->v[k].rc == 0 && fo->v[k].fm.root->nkids == 0)
			n++;
	assert_int_equal(n, 1);
	c = cfile(fo, rel);
	assert_non_null(c);
	assert_int_equal(c->rc, 0);
	assert_int_equal(c->fm.root->type, YNODE_MAP);
	assert_int_equal(ynode_map_size(c->fm.root), 0);
	/* the body starts right after the closing line */
	assert_true(c->fm.body_off <= c->len);
	assert_true(c->fm.body_line >= 3);
}

static void
test_empty_and_crlf(void **state)
{
	struct folder *fo = folder("astro-docs");
	size_t crlf = 0;

	(void)state;
	check_one_empty("jekyll-docs", "docs/_docs/rendering-process.md");
	check_one_empty("hugo-docs", "content/en/_common/store-methods.md");
	for (size_t k = 0; k < fo->n; k++) {
		const struct cfile *c = &fo->v[k];
		const char *cr = memchr(c->buf, '\r', c->len);

		if (!cr)
			continue;
		/* README: one file with CRLF (a single CRLF line, in the
		 * body): it parses, and the CR stays in the body */
		crlf++;
		assert_int_equal(c->rc, 0);
		assert_int_equal(c->fm.crlf, 0);
		assert_true((size_t)(cr - c->buf) >= c->fm.body_off);
		assert_int_equal(cr[1], '\n');
	}
	assert_int_equal(crlf, 1);
	/* every astro file parses, RTL and CJK titles included */
	assert_int_equal(fo->rejected, 0);
}

static void
test_gray_matter(void **state)
{
	struct folder *fo = folder("gray-matter-fixtures");
	static const char *const rejected[] = {
		/* other languages and delimiters, no front matter */
		"autodetect-coffee-fn.md", "autodetect-coffee.md",
		"autodetect-coffeescript.md", "autodetect-cson-fn.md",
		"autodetect-cson.md", "autodetect-javascript.md",
		"autodetect-json.md", "autodetect-yaml.md",
		"delims-and-lang.md", "delims-custom.md",
		"delims-semi-colons.md", "empty.md", "hasnt-matter.md",
		"lang-coffee-bad.md",
		/* YAML files without a closing '---' */
		"all-dots.yaml", "all.yaml",
		/* JavaScript, not YAML */
		"lang-javascript-object-fn.md",
		/* a front matter that is a plain string */
		"lang-javascript-fn.md",
	};
	const struct cfile *c;
	const struct diag *d;
	char rel[256];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(rejected); i++) {
		snprintf(rel, sizeof(rel), "test/fixtures/%s", rejected[i]);
		c = cfile(fo, rel);
		assert_non_null(c);
		if (c->rc == 0)
			print_error("%s: accepted\n", rel);
		assert_int_equal(c->rc, DK_EINVALID);
	}
	assert_int_equal(fo->rejected, ARRAY_SIZE(rejected));
	assert_int_equal(fo->parsed, fo->n - ARRAY_SIZE(rejected));
	/* the string front matter is named as such, where it starts */
	c = cfile(fo, "test/fixtures/lang-javascript-fn.md");
	d = first_error(c);
	assert_non_null(d);
	assert_int_equal(d->line, 2);
	assert_int_equal(d->column, 1);
	assert_non_null(strstr(d->message, "mapping"));
	/* the JavaScript object fails inside it */
	c = cfile(fo, "test/fixtures/lang-javascript-object-fn.md");
	d = first_error(c);
	assert_non_null(d);
	assert_true(d->line > 2);
}

/* ---- python-frontmatter: compare with *.result.json ---- */

static int
is_yaml11_bool(const char *s)
{
	static const char *const w[] = {
		"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON",
		"off", "Off", "OFF", "y", "Y", "n", "N",
	};

	for (size_t i = 0; i < ARRAY_SIZE(w); i++)
		if (!strcmp(s, w[i]))
			return 1;
	return 0;
}

/* Compare a YAML value with the python-frontmatter result; YAML 1.1
 * booleans must have stayed strings (counted in *yaml11). */
static int
same_value(const struct ynode *y, const json_t *j, size_t *yaml11)
{
	double d;
	int b;

	switch (ynode_kind(y)) {
	case YKIND_NULL:
		return json_is_null(j) ? 0 : -1;
	case YKIND_BOOL:
		return json_is_boolean(j) && !ynode_bool(y, &b) &&
		       b == json_is_true(j) ? 0 : -1;
	case YKIND_INT:
	case YKIND_FLOAT:
		return json_is_number(j) && !ynode_number(y, &d) &&
		       d == json_number_value(j) ? 0 : -1;
	case YKIND_STR:
		if (json_is_boolean(j) && y->style == YSTYLE_PLAIN &&
		    is_yaml11_bool(y->text)) {
			(*yaml11)++;
			return 0;
		}
		return json_is_string(j) && json_string_length(j) == y->len &&
		       !memcmp(json_string_value(j), y->text, y->len) ? 0 : -1;
	case YKIND_SEQ:
		if (!json_is_array(j) || json_array_size(j) != y->nkids)
			return -1;
		for (size_t i = 0; i < y->nkids; i++)
			if (same_value(y->kids[i], json_array_get(j, i), yaml11))
				return -1;
		return 0;
	case YKIND_MAP:
		if (!json_is_object(j) || json_object_size(j) != ynode_map_size(y))
			return -1;
		for (size_t i = 0; i + 1 < y->nkids; i += 2) {
			const json_t *v = json_object_getn(j, y->kids[i]->text,
							   y->kids[i]->len);

			if (!v || same_value(y->kids[i + 1], v, yaml11))
				return -1;
		}
		return 0;
	}
	return -1;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
test_python_frontmatter_results(void **state)
{
	struct folder *fo = folder("python-frontmatter-fixtures");
	size_t compared = 0, refused = 0, yaml11 = 0, bad = 0;

	(void)state;
	for (size_t k = 0; k < fo->n; k++) {
		const struct cfile *res = &fo->v[k], *c = NULL;
		const char *suffix = ".result.json";
		size_t rl = strlen(res->rel), sl = strlen(suffix);
		json_t *want, *content, *v;
		json_error_t jerr;
		const char *key;
		int end;

		if (rl <= sl || strcmp(res->rel + rl - sl, suffix))
			continue;
		/* the input is the file with the same stem */
		for (size_t m = 0; m < fo->n; m++) {
			const char *r = fo->v[m].rel;

			if (m != k && !strncmp(r, res->rel, rl - sl) &&
			    r[rl - sl] == '.' && !strchr(r + rl - sl + 1, '/'))
				c = &fo->v[m];
		}
		assert_non_null(c);
		want = json_loadb(res->buf, res->len, JSON_ALLOW_NUL, &jerr);
		if (!want) {
			print_error("%s: %d:%d: %s\n", res->rel, jerr.line,
				    jerr.column, jerr.text);
			fail();
		}
		assert_true(json_is_object(want));
		content = json_object_get(want, "content");
		assert_non_null(content);

		if (fm_lines(c, &end)) {
			/* JSON, TOML, "----" or no front matter: docket
			 * reads only '---' YAML front matter */
			const struct diag *d = first_error(c);

			refused++;
			if (c->rc == 0 || !d || d->line != 1 || d->column != 1 ||
			    !strstr(d->message, "front matter")) {
				print_error("%s: should be rejected at 1:1 as "
					    "having no front matter\n", c->rel);
				bad++;
			}
		} else if (c->rc) {
			print_error("%s: rejected\n", c->rel);
			bad++;
		} else {
			const struct ynode *root = c->fm.root;
			const char *body = c->buf + c->fm.body_off;
			size_t blen = c->len - c->fm.body_off;

			compared++;
			/* every key but "content" is a front-matter key */
			if (ynode_map_size(root) + 1 != json_object_size(want)) {
				print_error("%s: %zu keys, expected %zu\n",
					    c->rel, ynode_map_size(root),
					    json_object_size(want) - 1);
				bad++;
			}
			json_object_foreach(want, key, v) {
				const struct ynode *y;

				if (!strcmp(key, "content"))
					continue;
				y = ynode_get(root, key);
				if (!y || same_value(y, v, &yaml11)) {
					print_error("%s: key '%s' differs\n",
						    c->rel, key);
					bad++;
				}
			}
			/* python-frontmatter strips the body */
			while (blen && is_space(*body))
				body++, blen--;
			while (blen && is_space(body[blen - 1]))
				blen--;
			if (!json_is_string(content) ||
			    json_string_length(content) != blen ||
			    memcmp(json_string_value(content), body, blen)) {
				print_error("%s: body differs\n", c->rel);
				bad++;
			}
		}
		json_decref(want);
	}
	fprintf(stderr, "corpus: python-frontmatter: %zu results compared "
		"(%zu YAML 1.1 booleans kept as strings), %zu inputs in "
		"other formats rejected\n", compared, yaml11, refused);
	assert_int_equal(bad, 0);
	/* chinese, extra-space, hello-markdown, hello-world,
	 * network-diagrams, unpretty, empty-frontmatter */
	assert_int_equal(compared, 7);
	/* unpretty.md: enabled: yes, print_to_stdout: yes */
	assert_int_equal(yaml11, 2);
	/* no-frontmatter, hello-json, hello-toml, extra-dash */
	assert_int_equal(refused, 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_astro),
		cmocka_unit_test(test_backlog),
		cmocka_unit_test(test_backlog_hist),
		cmocka_unit_test(test_gray),
		cmocka_unit_test(test_hugo),
		cmocka_unit_test(test_jekyll),
		cmocka_unit_test(test_pyfm),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_backlog_at_values),
		cmocka_unit_test(test_empty_and_crlf),
		cmocka_unit_test(test_gray_matter),
		cmocka_unit_test(test_python_frontmatter_results),
	};

	/* a hang is a failure: SIGALRM's default action ends the run */
	alarm(300);
	return cmocka_run_group_tests(tests, setup, teardown);
}
