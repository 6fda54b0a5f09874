/*
 * Every case of the YAML test suite (tests/corpus/yaml-suite) through
 * ynode_parse_stream, with options that accept any valid YAML.
 *
 *   error cases     each case with an `error` marker must be rejected
 *                   with a position (line and column >= 1, inside the
 *                   input) and a message;
 *   valid cases     every other case must be accepted and, when it has
 *                   an in.json, give the same values (compare_doc);
 *   known           the cases listed in known-libyaml.tsv, where
 *                   libyaml 0.2.5 (a YAML 1.1 parser) differs from the
 *                   1.2 suite, must still behave exactly as listed, so
 *                   that a fix or a regression shows up.
 *
 * The first two skip the listed cases.  Each failing case is printed
 * with its name and details.  YAML_SUITE_DUMP=1 prints every case that
 * does not behave as the suite says, in the TSV format of the list (the
 * reason column left as "?"), to help maintain it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "core/diag.h"
#include "core/sbuf.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "core/ynode.h"

#include "test_files.h"

enum outcome {
	OUT_ACCEPT,       /* accepted (and values match, if any) */
	OUT_REJECT,       /* rejected */
	OUT_VALUES,       /* accepted, with values equal to in.json */
	OUT_WRONG,        /* accepted, with values different from in.json */
};

static const char *const outcome_names[] = {
	"accept", "reject", "values", "wrong-values",
};

struct scase {
	char *id;
	int error;          /* the suite says: must be rejected */
	int has_json;
	char *name;
	/* from known-libyaml.tsv */
	int known;
	enum outcome known_expected, known_actual;
	char *reason;
};

struct suite {
	char *dir;
	struct scase *v;
	size_t n, alloc;
	size_t nknown;
};

static struct suite S;

/* ------------------------------------------------------------------ */

static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* tests/ of this checkout: $DOCKET_TESTS (set by tests/run.sh), else
 * relative to the top of the tree. */
static const char *
known_path(void)
{
	static char buf[4096];

	snprintf(buf, sizeof(buf), "%s/unit/known-libyaml.tsv", tests_dir());
	return buf;
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

static struct scase *
find_case(const char *id)
{
	for (size_t i = 0; i < S.n; i++)
		if (!strcmp(S.v[i].id, id))
			return &S.v[i];
	return NULL;
}

static int
parse_outcome(const char *s, enum outcome *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(outcome_names); i++) {
		if (!strcmp(s, outcome_names[i])) {
			*out = (enum outcome)i;
			return 0;
		}
	}
	return -1;
}

static int
load_index(void)
{
	struct sbuf sb = SBUF_INIT;
	char *path, *line, *next, *f[5];

	S.dir = xasprintf("%s/corpus/yaml-suite", tests_dir());
	path = xasprintf("%s/INDEX.tsv", S.dir);
	if (read_file(path, &sb)) {
		print_error("cannot read %s\n", path);
		free(path);
		return -1;
	}
	free(path);
	for (line = sb.buf; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (!*line || !strncmp(line, "case\t", 5))
			continue;
		if (split_tabs(line, f, 5) != 5) {
			print_error("INDEX.tsv: bad line '%s'\n", line);
			sbuf_release(&sb);
			return -1;
		}
		S.v = xgrow(S.v, &S.alloc, S.n + 1, sizeof(*S.v));
		memset(&S.v[S.n], 0, sizeof(*S.v));
		S.v[S.n].id = xstrdup(f[0]);
		S.v[S.n].error = !strcmp(f[1], "yes");
		S.v[S.n].has_json = !strcmp(f[2], "yes");
		S.v[S.n].name = xstrdup(f[4]);
		S.n++;
	}
	sbuf_release(&sb);
	return 0;
}

static int
load_known(void)
{
	struct sbuf sb = SBUF_INIT;
	char *line, *next, *f[4];
	int rc = 0, lineno = 0;
	struct scase *c;

	if (read_file(known_path(), &sb)) {
		print_error("cannot read %s\n", known_path());
		return -1;
	}
	for (line = sb.buf; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		lineno++;
		if (!*line || *line == '#' || !strncmp(line, "case\t", 5))
			continue;
		if (split_tabs(line, f, 4) != 4 || !*f[3]) {
			print_error("known-libyaml.tsv:%d: want 4 fields: case, "
				    "expected, actual, reason\n", lineno);
			rc = -1;
			continue;
		}
		c = find_case(f[0]);
		if (!c) {
			print_error("known-libyaml.tsv:%d: no case '%s' in the "
				    "suite\n", lineno, f[0]);
			rc = -1;
			continue;
		}
		if (c->known) {
			print_error("known-libyaml.tsv:%d: '%s' listed twice\n",
				    lineno, f[0]);
			rc = -1;
			continue;
		}
		if (parse_outcome(f[1], &c->known_expected) ||
		    parse_outcome(f[2], &c->known_actual)) {
			print_error("known-libyaml.tsv:%d: bad expected/actual "
				    "'%s'/'%s'\n", lineno, f[1], f[2]);
			rc = -1;
			continue;
		}
		c->known = 1;
		c->reason = xstrdup(f[3]);
		S.nknown++;
	}
	sbuf_release(&sb);
	return rc;
}

static int
setup(void **state)
{
	(void)state;
	if (load_index() || load_known())
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < S.n; i++) {
		free(S.v[i].id);
		free(S.v[i].name);
		free(S.v[i].reason);
	}
	free(S.v);
	free(S.dir);
	memset(&S, 0, sizeof(S));
	return 0;
}

/* ------------------------------------------------------------------
 * Comparing a YAML document with a JSON value
 * ------------------------------------------------------------------ */

static void
say(struct sbuf *why, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
say(struct sbuf *why, const char *path, const char *fmt, ...)
{
	va_list ap;

	if (why->len)
		return;   /* the first difference is enough */
	sbuf_addf(why, "at %s: ", *path ? path : "/");
	va_start(ap, fmt);
	sbuf_vaddf(why, fmt, ap);
	va_end(ap);
}

static int compare(const struct ynode *y, const json_t *j,
		   struct sbuf *path, struct sbuf *why);

static const char *
jtype_name(const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT: return "object";
	case JSON_ARRAY: return "array";
	case JSON_STRING: return "string";
	case JSON_INTEGER: case JSON_REAL: return "number";
	case JSON_TRUE: case JSON_FALSE: return "boolean";
	default: return "null";
	}
}

static int
compare_map(const struct ynode *y, const json_t *j, struct sbuf *path,
	    struct sbuf *why)
{
	size_t plen = path->len;

	if (!json_is_object(j)) {
		say(why, path->buf, "mapping, expected %s", jtype_name(j));
		return -1;
	}
	if (ynode_map_size(y) != json_object_size(j)) {
		say(why, path->buf, "mapping of %zu keys, expected %zu",
		    ynode_map_size(y), json_object_size(j));
		return -1;
	}
	for (size_t i = 0; i + 1 < y->nkids; i += 2) {
		const struct ynode *k = y->kids[i];
		const json_t *v;

		/* JSON keys are strings: a scalar key matches by its text
		 * (an empty/null key shows as "" or "null") */
		if (k->type != YNODE_SCALAR) {
			say(why, path->buf, "non-scalar key at line %d",
			    k->line);
			return -1;
		}
		v = json_object_getn(j, k->text, k->len);
		if (!v && ynode_kind(k) == YKIND_NULL)
			v = json_object_get(j, "null") ? json_object_get(j, "null") :
			    json_object_get(j, "");
		if (!v) {
			say(why, path->buf, "key '%s' is not expected",
			    k->text);
			return -1;
		}
		sbuf_addf(path, "/%s", k->text);
		if (compare(y->kids[i + 1], v, path, why))
			return -1;
		sbuf_setlen(path, plen);
	}
	return 0;
}

static int
compare(const struct ynode *y, const json_t *j, struct sbuf *path,
	struct sbuf *why)
{
	size_t plen = path->len;
	double d;
	int b;

	switch (ynode_kind(y)) {
	case YKIND_NULL:
		if (!json_is_null(j)) {
			say(why, path->buf, "null, expected %s", jtype_name(j));
			return -1;
		}
		return 0;
	case YKIND_BOOL:
		if (!json_is_boolean(j) || ynode_bool(y, &b) || b != json_is_true(j)) {
			say(why, path->buf, "boolean '%s', expected %s",
			    y->text, jtype_name(j));
			return -1;
		}
		return 0;
	case YKIND_INT:
	case YKIND_FLOAT:
		if (!json_is_number(j) || ynode_number(y, &d) ||
		    d != json_number_value(j)) {
			say(why, path->buf, "number '%s', expected %s %g",
			    y->text, jtype_name(j), json_number_value(j));
			return -1;
		}
		return 0;
	case YKIND_STR:
		if (!json_is_string(j) || json_string_length(j) != y->len ||
		    memcmp(json_string_value(j), y->text, y->len)) {
			struct sbuf a = SBUF_INIT, e = SBUF_INIT;

			text_escape_term(&a, y->text, y->len);
			if (json_is_string(j))
				text_escape_term(&e, json_string_value(j),
						 json_string_length(j));
			say(why, path->buf, "string '%s', expected %s '%s'",
			    a.buf, jtype_name(j), e.buf);
			sbuf_release(&a);
			sbuf_release(&e);
			return -1;
		}
		return 0;
	case YKIND_SEQ:
		if (!json_is_array(j) || json_array_size(j) != y->nkids) {
			say(why, path->buf, "sequence of %zu, expected %s of %zu",
			    y->nkids, jtype_name(j), json_array_size(j));
			return -1;
		}
		for (size_t i = 0; i < y->nkids; i++) {
			sbuf_addf(path, "/%zu", i);
			if (compare(y->kids[i], json_array_get(j, i), path, why))
				return -1;
			sbuf_setlen(path, plen);
		}
		return 0;
	case YKIND_MAP:
		return compare_map(y, j, path, why);
	}
	return -1;
}

/* The values of a stream of JSON texts, as the suite's in.json holds
 * them (several documents one after the other).  0, or -1 with *err. */
static int
json_stream(json_t ***out, size_t *n, const char *buf, size_t len,
	    json_error_t *err)
{
	size_t off = 0, alloc = 0;

	*out = NULL;
	*n = 0;
	for (;;) {
		json_t *v;

		while (off < len && strchr(" \t\r\n", buf[off]))
			off++;
		if (off >= len)
			return 0;
		v = json_loadb(buf + off, len - off, JSON_DECODE_ANY |
			       JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, err);
		if (!v) {
			for (size_t i = 0; i < *n; i++)
				json_decref((*out)[i]);
			free(*out);
			*out = NULL;
			*n = 0;
			return -1;
		}
		*out = xgrow(*out, &alloc, *n + 1, sizeof(**out));
		(*out)[(*n)++] = v;
		off += err->position;
	}
}

/* ------------------------------------------------------------------
 * Running one case
 * ------------------------------------------------------------------ */

struct result {
	enum outcome out;
	struct {                  /* the parser's error, when it failed */
		int line, col;
		char message[256];
	} err;
	int nlines;           /* lines in the input */
	struct sbuf why;      /* details of a failure */
};

static int
count_lines(const char *s, size_t len)
{
	int n = 1;

	for (size_t i = 0; i < len; i++)
		if (s[i] == '\n' || (s[i] == '\r' &&
				     (i + 1 == len || s[i + 1] != '\n')))
			n++;
	return n;
}

static int
run_case(const struct scase *c, struct result *r)
{
	struct ynode_opts o = YNODE_OPTS_INIT;
	struct sbuf in = SBUF_INIT, js = SBUF_INIT, path = SBUF_INIT;
	char p[4096];
	struct ynode **docs;
	size_t ndocs;
	json_t **vals = NULL;
	size_t nvals = 0;
	json_error_t jerr;
	int rc;

	sbuf_init(&r->why);
	o.allow_any_tag = 1;
	o.allow_merge_keys = 1;
	o.allow_dup_keys = 0;
	snprintf(p, sizeof(p), "%s/%s/in.yaml", S.dir, c->id);
	if (read_file(p, &in)) {
		sbuf_addf(&r->why, "cannot read %s", p);
		return -1;
	}
	r->nlines = count_lines(in.buf, in.len);
	{
		struct diag_list el = DIAG_LIST_INIT;

		rc = ynode_parse_stream(&docs, &ndocs, in.buf, in.len, &o, &el);
		memset(&r->err, 0, sizeof(r->err));
		if (el.n) {
			r->err.line = el.v[0].line;
			r->err.col = el.v[0].column;
			snprintf(r->err.message, sizeof(r->err.message), "%s",
				 el.v[0].message);
		}
		diag_list_release(&el);
	}
	sbuf_release(&in);
	if (rc) {
		r->out = OUT_REJECT;
		return 0;
	}
	r->out = OUT_ACCEPT;
	snprintf(p, sizeof(p), "%s/%s/in.json", S.dir, c->id);
	if (!exists(p) || c->error) {
		/* an error case's in.json holds what comes before the error */
		ynode_free_docs(docs, ndocs);
		return 0;
	}
	if (read_file(p, &js) ||
	    json_stream(&vals, &nvals, js.buf, js.len, &jerr)) {
		sbuf_addf(&r->why, "in.json: %d:%d: %s", jerr.line, jerr.column,
			  jerr.text);
		sbuf_release(&js);
		ynode_free_docs(docs, ndocs);
		return -1;
	}
	sbuf_release(&js);
	r->out = OUT_VALUES;
	if (nvals != ndocs) {
		sbuf_addf(&r->why, "%zu documents, expected %zu", ndocs, nvals);
		r->out = OUT_WRONG;
	}
	for (size_t i = 0; i < ndocs && r->out == OUT_VALUES; i++) {
		sbuf_reset(&path);
		sbuf_addf(&path, "doc %zu", i + 1);
		if (compare(docs[i], vals[i], &path, &r->why))
			r->out = OUT_WRONG;
	}
	sbuf_release(&path);
	for (size_t i = 0; i < nvals; i++)
		json_decref(vals[i]);
	free(vals);
	ynode_free_docs(docs, ndocs);
	return 0;
}

static enum outcome
suite_expects(const struct scase *c)
{
	if (c->error)
		return OUT_REJECT;
	return c->has_json ? OUT_VALUES : OUT_ACCEPT;
}

static void
dump_deviation(const struct scase *c, const struct result *r)
{
	if (!getenv("YAML_SUITE_DUMP"))
		return;
	fprintf(stderr, "DEV\t%s\t%s\t%s\t?\t# %s | %d:%d: %s%s\n", c->id,
		outcome_names[suite_expects(c)], outcome_names[r->out],
		c->name, r->err.line, r->err.col, r->err.message, r->why.buf);
}

/* ------------------------------------------------------------------ */

static void
test_error_cases(void **state)
{
	size_t n = 0, bad = 0;
	struct result r;

	(void)state;
	for (size_t i = 0; i < S.n; i++) {
		const struct scase *c = &S.v[i];

		if (!c->error || c->known)
			continue;
		n++;
		if (run_case(c, &r)) {
			print_error("%s: %s\n", c->id, r.why.buf);
			bad++;
		} else if (r.out != OUT_REJECT) {
			print_error("%s (%s): accepted, but must be "
				    "rejected\n", c->id, c->name);
			dump_deviation(c, &r);
			bad++;
		} else if (r.err.line < 1 || r.err.col < 1 ||
			   r.err.line > r.nlines || !r.err.message[0]) {
			print_error("%s (%s): rejected without a usable "
				    "position: %d:%d (of %d lines): '%s'\n",
				    c->id, c->name, r.err.line, r.err.col,
				    r.nlines, r.err.message);
			bad++;
		}
		sbuf_release(&r.why);
	}
	print_message("yaml-suite: %zu error cases checked, %zu wrong\n",
		      n, bad);
	assert_true(n > 0);
	assert_int_equal(bad, 0);
}

static void
test_valid_cases(void **state)
{
	size_t n = 0, nvals = 0, bad = 0;
	struct result r;

	(void)state;
	for (size_t i = 0; i < S.n; i++) {
		const struct scase *c = &S.v[i];

		if (c->error || c->known)
			continue;
		n++;
		if (run_case(c, &r)) {
			print_error("%s: %s\n", c->id, r.why.buf);
			bad++;
		} else if (r.out == OUT_REJECT) {
			print_error("%s (%s): rejected: %d:%d: %s\n", c->id,
				    c->name, r.err.line, r.err.col,
				    r.err.message);
			dump_deviation(c, &r);
			bad++;
		} else if (r.out == OUT_WRONG) {
			print_error("%s (%s): wrong values: %s\n", c->id,
				    c->name, r.why.buf);
			dump_deviation(c, &r);
			bad++;
		} else if (r.out == OUT_VALUES) {
			nvals++;
		}
		sbuf_release(&r.why);
	}
	print_message("yaml-suite: %zu valid cases checked (%zu against "
		      "in.json), %zu wrong\n", n, nvals, bad);
	assert_true(n > 0);
	assert_int_equal(bad, 0);
}

static void
test_known_deviations(void **state)
{
	size_t n = 0, bad = 0, by[4][4] = { { 0 } };
	struct result r;

	(void)state;
	for (size_t i = 0; i < S.n; i++) {
		const struct scase *c = &S.v[i];

		if (!c->known)
			continue;
		n++;
		if (c->known_expected != suite_expects(c)) {
			print_error("%s: listed as expected '%s', but the "
				    "suite says '%s'\n", c->id,
				    outcome_names[c->known_expected],
				    outcome_names[suite_expects(c)]);
			bad++;
			continue;
		}
		if (c->known_actual == c->known_expected) {
			print_error("%s: listed, but expected and actual are "
				    "the same\n", c->id);
			bad++;
			continue;
		}
		if (run_case(c, &r)) {
			print_error("%s: %s\n", c->id, r.why.buf);
			bad++;
		} else if (r.out != c->known_actual) {
			print_error("%s (%s): listed as '%s' (%s), now '%s'%s%s "
				    "-- update known-libyaml.tsv\n", c->id,
				    c->name, outcome_names[c->known_actual],
				    c->reason, outcome_names[r.out],
				    r.why.len ? ": " : "", r.why.buf);
			bad++;
		} else {
			by[c->known_expected][c->known_actual]++;
			/* a rejection must still carry a position */
			if (r.out == OUT_REJECT &&
			    (r.err.line < 1 || r.err.col < 1 ||
			     !r.err.message[0])) {
				print_error("%s: rejected without a position\n",
					    c->id);
				bad++;
			}
		}
		sbuf_release(&r.why);
	}
	print_message("yaml-suite: %zu cases in all; %zu known libyaml "
		      "deviations: %zu invalid accepted, %zu valid rejected, "
		      "%zu valid with other values (%zu changed)\n", S.n, n,
		      by[OUT_REJECT][OUT_ACCEPT],
		      by[OUT_ACCEPT][OUT_REJECT] + by[OUT_VALUES][OUT_REJECT],
		      by[OUT_VALUES][OUT_WRONG], bad);
	assert_int_equal(n, S.nknown);
	assert_int_equal(bad, 0);
}

/* The index and the directories agree, so the counts mean something. */
static void
test_index(void **state)
{
	char p[4096];
	size_t errors = 0, jsons = 0;

	(void)state;
	assert_true(S.n >= 400);
	for (size_t i = 0; i < S.n; i++) {
		const struct scase *c = &S.v[i];

		snprintf(p, sizeof(p), "%s/%s/in.yaml", S.dir, c->id);
		assert_true(exists(p));
		snprintf(p, sizeof(p), "%s/%s/error", S.dir, c->id);
		assert_int_equal(exists(p), c->error);
		snprintf(p, sizeof(p), "%s/%s/in.json", S.dir, c->id);
		assert_int_equal(exists(p), c->has_json);
		errors += (size_t)c->error;
		jsons += (size_t)c->has_json;
	}
	print_message("yaml-suite: %zu cases, %zu error, %zu with in.json\n",
		      S.n, errors, jsons);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_error_cases),
		cmocka_unit_test(test_valid_cases),
		cmocka_unit_test(test_known_deviations),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
