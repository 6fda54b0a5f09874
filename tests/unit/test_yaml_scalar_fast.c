/*
 * The fast path of yaml_scalar_plain_ok (core/yaml_scalar.c) against
 * the checked path it short-cuts (the character test, then a round
 * trip through docket's YAML reader).  For every string below, in a
 * block value and in a flow list, yaml_scalar_plain_ok must give the
 * checked path's answer, and whatever the fast path alone calls plain
 * must be plain for the checked path: the bytes docket writes do not
 * change.  The strings:
 *
 *   suite      every string of the YAML test suite (tests/corpus/
 *              yaml-suite): the keys and strings of each in.json, and
 *              each line and each blank-separated word of each in.yaml;
 *   generated  every string of one to three characters over an
 *              alphabet of letters, digits, indicators, blanks,
 *              controls and multi-byte characters, and each word YAML
 *              1.1 or 1.2 gives a meaning with a prefix or a suffix;
 *   random     a fixed-seed loop of random strings over that alphabet
 *              and random bytes (YAML_SCALAR_FUZZ=N runs N of them).
 *
 * Each set must take the fast path for some strings and fall back for
 * others, so that the comparison means something.
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

#include <jansson.h>

#include "core/sbuf.h"
#include "core/xalloc.h"
#include "core/yaml_scalar.h"
#include "core/yaml_scalar_int.h"

#include "test_files.h"

struct tally {
	size_t checked, fast, plain, quoted, wrong;
};

/* s in a block value and in a flow list: both paths agree. */
static void
compare(struct tally *t, const char *s, size_t len)
{
	for (int flow = 0; flow <= 1; flow++) {
		int slow = yaml_scalar__plain_ok_slow(s, len, flow);
		int fast = yaml_scalar__plain_ok_fast(s, len, flow);
		int got = yaml_scalar_plain_ok(s, len, flow);

		t->checked++;
		t->fast += (size_t)fast;
		if (slow)
			t->plain++;
		else
			t->quoted++;
		if (got != slow || (fast && !slow)) {
			if (t->wrong++ < 20) {
				struct sbuf q = SBUF_INIT;

				yaml_scalar_quoted(&q, s, len);
				print_error("%s (flow %d): checked %d, fast %d, plain_ok %d\n",
					    q.buf, flow, slow, fast, got);
				sbuf_release(&q);
			}
		}
	}
}

static void
tally_done(const struct tally *t, const char *set)
{
	print_message("%s: %zu strings checked, %zu plain (%zu by the fast path), %zu quoted, %zu wrong\n",
		      set, t->checked, t->plain, t->fast, t->quoted, t->wrong);
	assert_int_equal(t->wrong, 0);
	/* both paths taken, both answers given */
	assert_true(t->fast > 0);
	assert_true(t->plain > t->fast);
	assert_true(t->quoted > 0);
}

/* ---- the YAML test suite ----------------------------------------- */

static void
json_strings(struct tally *t, json_t *v)
{
	const char *key;
	json_t *x;
	size_t i;

	if (json_is_string(v)) {
		compare(t, json_string_value(v), json_string_length(v));
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			json_strings(t, x);
	} else if (json_is_object(v)) {
		json_object_foreach(v, key, x) {
			compare(t, key, strlen(key));
			json_strings(t, x);
		}
	}
}

/* in.json may hold several documents, one after the other. */
static void
suite_json(struct tally *t, const struct sbuf *text)
{
	size_t off = 0;

	while (off < text->len) {
		json_error_t err;
		json_t *v = json_loadb(text->buf + off, text->len - off,
				       JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY |
				       JSON_ALLOW_NUL, &err);

		if (!v)
			break;
		json_strings(t, v);
		json_decref(v);
		off += err.position ? (size_t)err.position : text->len;
	}
}

static void
suite_yaml(struct tally *t, const struct sbuf *text)
{
	const char *p = text->buf, *end = text->buf + text->len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;

		compare(t, p, (size_t)(eol - p));
		for (const char *w = p; w < eol;) {
			const char *e = w;

			while (e < eol && *e != ' ')
				e++;
			if (e > w)
				compare(t, w, (size_t)(e - w));
			w = e + 1;
		}
		p = eol + 1;
	}
}

static void
test_suite_scalars(void **state)
{
	struct tally t = { 0 };
	char *dir = xasprintf("%s/corpus/yaml-suite", tests_dir());
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t cases = 0;

	(void)state;
	assert_non_null(d);
	while ((de = readdir(d))) {
		struct sbuf text = SBUF_INIT;
		char *path;

		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s/in.yaml", dir, de->d_name);
		if (read_file(path, &text) == 0) {
			cases++;
			suite_yaml(&t, &text);
		}
		free(path);
		sbuf_reset(&text);
		path = xasprintf("%s/%s/in.json", dir, de->d_name);
		if (read_file(path, &text) == 0)
			suite_json(&t, &text);
		free(path);
		sbuf_release(&text);
	}
	closedir(d);
	free(dir);
	print_message("yaml-suite: %zu cases read\n", cases);
	assert_true(cases > 300);
	tally_done(&t, "yaml-suite");
}

/* ---- generated strings ------------------------------------------- */

static const char *const alphabet[] = {
	"a", "e", "n", "o", "x", "y", "E", "N", "T", "Z", "0", "1", "9",
	" ", ":", "#", "-", ".", ",", "[", "]", "{", "}", "?", "!", "&",
	"*", "|", ">", "'", "\"", "%", "@", "`", "~", "+", "_", "=", "<",
	"/", "\\", "\t", "\n", "\r", "\x7f",
	"\xc2\xa0",          /* no-break space */
	"\xc3\xa9",          /* e acute */
	"\xc2\x85",          /* next line */
	"\xe2\x80\xa8",      /* line separator */
	"\xef\xbb\xbf",      /* byte-order mark */
	"\xef\xbf\xbe",      /* non-character */
	"\xf0\x9f\x9a\x80",  /* rocket */
	"\xff",              /* not UTF-8 */
};
#define NALPHA (sizeof(alphabet) / sizeof(*alphabet))

/* Words some reader gives a meaning (null, booleans, numbers, dates,
 * markers), each alone and with a letter, a digit, a space, a colon
 * or a dot before or after it. */
static const char *const words[] = {
	"null", "Null", "NULL", "nULL", "~", "true", "True", "TRUE", "tRUE",
	"false", "False", "FALSE", "yes", "Yes", "no", "No", "on", "On",
	"off", "OFF", "y", "Y", "n", "N", ".inf", ".Inf", ".INF", "+.inf",
	"-.inf", ".nan", ".NaN", ".NAN", "<<", "=", "0", "-0", "+1", "012",
	"0o17", "0o8", "0x1F", "0xg", "0b101", "1_000", "1:20", "190:20:30",
	"1e3", "1E+3", "1e", "3.", ".5", "3.0", "-3.5e-2", "2026-11-24",
	"2026-1-2", "2026-11-24T10:00:00Z", "2026-11-24 10:00", "---", "...",
	"--- x", "... x", "-", "- x", "?", "? x", ":", "a:", "a:b", "a: b",
	"http://x.org/a?b=c#d", "C#", "a #b", "Q3 launch", "10 tips",
	"(draft) brief", "#tag", "@me", "!tag", "&a", "*a", "|", ">", "%x",
};
#define NWORDS (sizeof(words) / sizeof(*words))

static void
test_generated(void **state)
{
	static const char *const around[] = { "", "a", "Z", "1", " ", ":", ".", "-" };
	struct tally t = { 0 };
	struct sbuf s = SBUF_INIT;

	(void)state;
	for (size_t i = 0; i < NALPHA; i++)
		for (size_t j = 0; j <= NALPHA; j++)
			for (size_t k = 0; k <= NALPHA; k++) {
				if ((j == NALPHA && k < NALPHA))
					continue;   /* each length once */
				sbuf_reset(&s);
				sbuf_adds(&s, alphabet[i]);
				if (j < NALPHA)
					sbuf_adds(&s, alphabet[j]);
				if (k < NALPHA)
					sbuf_adds(&s, alphabet[k]);
				compare(&t, s.buf, s.len);
			}
	for (size_t w = 0; w < NWORDS; w++)
		for (size_t a = 0; a < sizeof(around) / sizeof(*around); a++) {
			sbuf_reset(&s);
			sbuf_addf(&s, "%s%s", around[a], words[w]);
			compare(&t, s.buf, s.len);
			sbuf_reset(&s);
			sbuf_addf(&s, "%s%s", words[w], around[a]);
			compare(&t, s.buf, s.len);
		}
	sbuf_release(&s);
	tally_done(&t, "generated");
}

/* ---- random strings ----------------------------------------------- */

static uint64_t
next_rand(uint64_t *x)
{
	/* xorshift64* */
	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return *x * 2685821657736338717ULL;
}

static void
test_random(void **state)
{
	const char *env = getenv("YAML_SCALAR_FUZZ");
	size_t rounds = env && *env ? strtoul(env, NULL, 10) : 200000;
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	struct tally t = { 0 };
	struct sbuf s = SBUF_INIT;

	(void)state;
	for (size_t r = 0; r < rounds; r++) {
		size_t len = 1 + next_rand(&x) % 16;

		sbuf_reset(&s);
		for (size_t i = 0; i < len; i++) {
			uint64_t v = next_rand(&x);

			if (v % 8 == 0)
				sbuf_addc(&s, (char)(v >> 8));           /* any byte */
			else if (v % 8 < 4)
				sbuf_addc(&s, (char)('a' + (v >> 8) % 26)); /* words */
			else
				sbuf_adds(&s, alphabet[(v >> 8) % NALPHA]);
		}
		compare(&t, s.buf, s.len);
		/* and the same with a word in front, for the fast path */
		if (r % 4 == 0) {
			struct sbuf w = SBUF_INIT;

			sbuf_addf(&w, "%s%s", words[r / 4 % NWORDS], s.buf);
			compare(&t, w.buf, w.len);
			sbuf_release(&w);
		}
	}
	sbuf_release(&s);
	tally_done(&t, "random");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suite_scalars),
		cmocka_unit_test(test_generated),
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
