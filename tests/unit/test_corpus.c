/*
 * Every real front-matter file of tests/corpus/real through fm_parse
 * with the default options.
 *
 * Each file must either parse (the root is a mapping) or be rejected
 * with a "syntax" diag naming the file, a line and column inside the
 * file, and a message.  Nothing may crash or hang (an alarm stops a
 * hang; run under `make asan` for memory errors), and neither may any
 * file cut short at a few points.
 *
 * Each folder's MANIFEST.tsv lists every file with its SHA-256, where it
 * came from and the facts found when the selection was made, with tools
 * other than docket (tests/corpus/README.md): no-front-matter,
 * empty-front-matter, yaml-invalid, not-mapping, crlf, rtl, cjk, ...
 * The folder must hold exactly the files listed, unmodified, and every
 * count below comes from those facts, checked against what docket does:
 *
 *   - backlog-md(-history): the front matters with `assignee: @MrLesk`
 *     style values (`@` is a reserved indicator) are exactly the
 *     yaml-invalid ones, and are rejected at the line and column of the
 *     first such `@`; the no-front-matter files are rejected at 1:1;
 *   - the empty-front-matter files give an empty mapping; the crlf file
 *     of astro-docs has its CRLF in the body, which keeps it; the files
 *     with right-to-left, CJK, Devanagari or Cyrillic front matter parse;
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

/* One line of MANIFEST.tsv (file, sha256, source, facts): the file and
 * its facts. */
struct mline {
	char *file;
	char *facts;        /* comma-separated; "-" for none */
};

struct folder {
	const char *name;
	struct cfile *v;
	size_t n, alloc;
	size_t parsed, rejected;
	struct mline *m;
	size_t nm, malloc_;
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

/* tests/ of this checkout: $DOCKET_TESTS (set by tests/run.sh), else
 * relative to the top of the tree. */
static const char *
tests_dir(void)
{
	const char *t = getenv("DOCKET_TESTS");

	return t && *t ? t : "tests";
}

/* Split line into at most max tab-separated fields (in place). */
static size_t
split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;

	while (n < max) {
		f[n++] = line;
		line = strchr(line, '\t');
		if (!line)
			break;
		*line++ = '\0';
	}
	return n;
}

static int
load_manifest(struct folder *fo, const char *dir)
{
	char *path = xasprintf("%s/MANIFEST.tsv", dir), *buf, *line, *next;
	char *f[4];
	size_t len;
	int rc = 0;

	if (read_file(path, &buf, &len)) {
		print_error("cannot read %s\n", path);
		free(path);
		return -1;
	}
	for (line = buf; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (!*line || *line == '#')
			continue;
		if (split_tabs(line, f, 4) != 4) {
			print_error("%s: bad line '%s'\n", path, line);
			rc = -1;
			continue;
		}
		fo->m = xgrow(fo->m, &fo->malloc_, fo->nm + 1, sizeof(*fo->m));
		fo->m[fo->nm].file = xstrdup(f[0]);
		fo->m[fo->nm].facts = xstrdup(f[3]);
		fo->nm++;
	}
	free(buf);
	free(path);
	return rc;
}

/* The manifest's facts about rel, or "" when it is not listed. */
static const char *
facts_of(const struct folder *fo, const char *rel)
{
	for (size_t i = 0; i < fo->nm; i++)
		if (!strcmp(fo->m[i].file, rel))
			return fo->m[i].facts;
	return "";
}

/* Whether facts lists fact (a whole item, or "fact=N"); with val, the
 * N of "fact=N" (1 for a bare fact). */
static int
has_fact(const char *facts, const char *fact, long *val)
{
	size_t fl = strlen(fact);

	for (const char *p = facts; *p; ) {
		size_t n = strcspn(p, ",");

		if (n >= fl && !strncmp(p, fact, fl) &&
		    (n == fl || p[fl] == '=')) {
			if (val)
				*val = n == fl ? 1 : strtol(p + fl + 1, NULL, 10);
			return 1;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

/* How many files of the folder the manifest lists with fact. */
static size_t
count_fact(const struct folder *fo, const char *fact)
{
	size_t n = 0;

	for (size_t i = 0; i < fo->nm; i++)
		n += (size_t)has_fact(fo->m[i].facts, fact, NULL);
	return n;
}

/* Read and parse every file once; the tests look at the results. */
static int
setup(void **state)
{
	struct fm_opts opts = FM_OPTS_INIT;

	(void)state;
	real_dir = xasprintf("%s/corpus/real", tests_dir());
	for (size_t i = 0; i < ARRAY_SIZE(folders); i++) {
		struct folder *fo = &folders[i];
		char *dir = xasprintf("%s/%s", real_dir, fo->name);

		walk(fo, dir, "");
		if (load_manifest(fo, dir)) {
			free(dir);
			return -1;
		}
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
		for (size_t k = 0; k < fo->nm; k++) {
			free(fo->m[k].file);
			free(fo->m[k].facts);
		}
		free(fo->m);
		fo->m = NULL;
		fo->nm = fo->malloc_ = 0;
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
 * The folders hold exactly the files their MANIFEST.tsv lists (their
 * SHA-256 is checked by tests/cli/t0100-standalone.sh), and together
 * every kind of file the tests below rely on.
 */
static void
test_manifest(void **state)
{
	static const char *const kinds[] = {
		"no-front-matter", "empty-front-matter", "yaml-invalid",
		"not-mapping", "crlf", "rtl", "cjk", "devanagari", "cyrillic",
		"yaml11-booleans",
	};
	size_t bad = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(folders); i++) {
		const struct folder *fo = &folders[i];

		if (fo->n != fo->nm) {
			print_error("%s: %zu files, the manifest lists %zu\n",
				    fo->name, fo->n, fo->nm);
			bad++;
		}
		for (size_t k = 0; k < fo->n; k++) {
			if (!*facts_of(fo, fo->v[k].rel)) {
				print_error("%s/%s: not in MANIFEST.tsv\n",
					    fo->name, fo->v[k].rel);
				bad++;
			}
		}
	}
	for (size_t k = 0; k < ARRAY_SIZE(kinds); k++) {
		size_t n = 0;

		for (size_t i = 0; i < ARRAY_SIZE(folders); i++)
			n += count_fact(&folders[i], kinds[k]);
		if (!n) {
			print_error("no file of the corpus is %s\n", kinds[k]);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

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
 * Find the front matter by the docs/reference.md rule, independently of fm.c:
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
check_at_values(const char *name)
{
	struct folder *fo = folder(name);
	size_t with_at = 0, no_fm = 0, bad = 0;

	assert_non_null(fo);
	for (size_t k = 0; k < fo->n; k++) {
		const struct cfile *c = &fo->v[k];
		const struct diag *d = first_error(c);
		const char *facts = facts_of(fo, c->rel);
		int end, line, col = 0;

		if (fm_lines(c, &end)) {
			/* no front matter at all (readme.md, config.yml) */
			no_fm++;
			if (c->rc == 0 || !d || d->line != 1 || d->column != 1 ||
			    !has_fact(facts, "no-front-matter", NULL)) {
				print_error("%s/%s: has no front matter, but "
					    "was not rejected at 1:1 (or the "
					    "manifest says otherwise)\n", name,
					    c->rel);
				bad++;
			}
			continue;
		}
		line = first_at_value(c, end, &col);
		if (!line) {
			if (c->rc || has_fact(facts, "yaml-invalid", NULL)) {
				print_error("%s/%s: no '@' value, but rejected "
					    "(%d:%d: %s) or yaml-invalid in the "
					    "manifest\n", name, c->rel,
					    d ? d->line : 0, d ? d->column : 0,
					    d ? d->message : "");
				bad++;
			}
			continue;
		}
		with_at++;
		if (!has_fact(facts, "yaml-invalid", NULL)) {
			print_error("%s/%s: an '@' value at line %d, but the "
				    "manifest does not say yaml-invalid\n",
				    name, c->rel, line);
			bad++;
		}
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
	assert_true(with_at > 0);
	assert_int_equal(with_at, count_fact(fo, "yaml-invalid"));
	assert_int_equal(no_fm, count_fact(fo, "no-front-matter"));
	assert_int_equal(fo->rejected, with_at + no_fm);
}

static void
test_backlog_at_values(void **state)
{
	(void)state;
	check_at_values("backlog-md");
	check_at_values("backlog-md-history");
}

/* The files the manifest says have an empty front matter parse to an
 * empty mapping, and no other file does. */
static void
check_empty(const char *name)
{
	struct folder *fo = folder(name);
	size_t n = 0;

	assert_non_null(fo);
	for (size_t k = 0; k < fo->n; k++) {
		const struct cfile *c = &fo->v[k];
		int want = has_fact(facts_of(fo, c->rel), "empty-front-matter",
				    NULL);

		if (c->rc == 0 && c->fm.root->nkids == 0)
			n++;
		if (!want)
			continue;
		assert_int_equal(c->rc, 0);
		assert_int_equal(c->fm.root->type, YNODE_MAP);
		assert_int_equal(ynode_map_size(c->fm.root), 0);
		/* the body starts right after the closing line */
		assert_true(c->fm.body_off <= c->len);
		assert_true(c->fm.body_line >= 3);
	}
	assert_true(n > 0);
	assert_int_equal(n, count_fact(fo, "empty-front-matter"));
}

static void
test_empty_and_crlf(void **state)
{
	static const char *const scripts[] = {
		"rtl", "cjk", "devanagari", "cyrillic",
	};
	struct folder *fo = folder("astro-docs");
	size_t crlf = 0, other = 0;

	(void)state;
	check_empty("jekyll-docs");
	check_empty("hugo-docs");
	for (size_t k = 0; k < fo->n; k++) {
		const struct cfile *c = &fo->v[k];
		const char *cr = memchr(c->buf, '\r', c->len);

		if (!cr)
			continue;
		/* a single CRLF line, in the body: it parses, and the CR
		 * stays in the body */
		crlf++;
		assert_true(has_fact(facts_of(fo, c->rel), "crlf", NULL));
		assert_int_equal(c->rc, 0);
		assert_int_equal(c->fm.crlf, 0);
		assert_true((size_t)(cr - c->buf) >= c->fm.body_off);
		assert_int_equal(cr[1], '\n');
	}
	assert_true(crlf > 0);
	assert_int_equal(crlf, count_fact(fo, "crlf"));
	/* every astro file parses, RTL and CJK titles included */
	assert_int_equal(fo->rejected, 0);
	/* and so does every file anywhere whose front matter is in another
	 * script, unless the manifest says it is not valid YAML */
	for (size_t i = 0; i < ARRAY_SIZE(folders); i++) {
		const struct folder *f = &folders[i];

		for (size_t k = 0; k < f->n; k++) {
			const char *facts = facts_of(f, f->v[k].rel);
			int script = 0;

			for (size_t j = 0; j < ARRAY_SIZE(scripts); j++)
				script |= has_fact(facts, scripts[j], NULL);
			if (!script || has_fact(facts, "yaml-invalid", NULL))
				continue;
			other++;
			if (f->v[k].rc)
				print_error("%s/%s: rejected\n", f->name,
					    f->v[k].rel);
			assert_int_equal(f->v[k].rc, 0);
		}
	}
	fprintf(stderr, "corpus: %zu files with right-to-left, CJK, "
		"Devanagari or Cyrillic front matter parsed\n", other);
	assert_true(other > 0);
}

/*
 * gray-matter's fixtures: rejected exactly when the manifest says there
 * is no '---' front matter (other languages and delimiters, unclosed
 * files), the YAML is invalid (JavaScript) or not a mapping (a string).
 */
static void
test_gray_matter(void **state)
{
	struct folder *fo = folder("gray-matter-fixtures");
	size_t want = 0;
	const struct cfile *c;
	const struct diag *d;

	(void)state;
	for (size_t k = 0; k < fo->n; k++) {
		const char *facts = facts_of(fo, fo->v[k].rel);
		int rejected = has_fact(facts, "no-front-matter", NULL) ||
			       has_fact(facts, "yaml-invalid", NULL) ||
			       has_fact(facts, "not-mapping", NULL);

		if (rejected != (fo->v[k].rc != 0))
			print_error("%s: %s\n", fo->v[k].rel,
				    rejected ? "accepted" : "rejected");
		assert_int_equal(rejected, fo->v[k].rc != 0);
		want += (size_t)rejected;
	}
	assert_true(want > 0);
	assert_int_equal(fo->rejected, want);
	assert_int_equal(fo->parsed, fo->n - want);
	/* the string front matter is named as such, where it starts */
	c = cfile(fo, "test/fixtures/lang-javascript-fn.md");
	assert_non_null(c);
	assert_true(has_fact(facts_of(fo, c->rel), "not-mapping", NULL));
	d = first_error(c);
	assert_non_null(d);
	assert_int_equal(d->line, 2);
	assert_int_equal(d->column, 1);
	assert_non_null(strstr(d->message, "mapping"));
	/* the JavaScript object fails inside it */
	c = cfile(fo, "test/fixtures/lang-javascript-object-fn.md");
	assert_non_null(c);
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
	size_t want_compared = 0, want_refused = 0, want_yaml11 = 0;

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
		{
			const char *facts = facts_of(fo, c->rel);
			long nb = 0;

			if (has_fact(facts, "no-front-matter", NULL))
				want_refused++;
			else
				want_compared++;
			if (has_fact(facts, "yaml11-booleans", &nb))
				want_yaml11 += (size_t)nb;
		}
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
	/* the inputs with a '---' YAML front matter (chinese, extra-space,
	 * hello-markdown, ...), the YAML 1.1 booleans among their values
	 * (unpretty.md: enabled: yes), and the others (JSON, TOML, ...) */
	assert_true(compared > 0 && yaml11 > 0 && refused > 0);
	assert_int_equal(compared, want_compared);
	assert_int_equal(yaml11, want_yaml11);
	assert_int_equal(refused, want_refused);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_manifest),
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
