/*
 * Unit tests for core/text: UTF-8 validity, display width (CJK, emoji,
 * combining marks, RTL scripts), terminal escaping (ESC sequences, bidi
 * overrides, C1 controls, invalid bytes), padding and truncation edges.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/sbuf.h"
#include "core/text.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#define S(lit) (lit), (sizeof(lit) - 1)

/* Escape s and compare with want; also check the width promise. */
static void
check_escape_n(const char *s, size_t len, const char *want)
{
	struct sbuf sb = SBUF_INIT, again = SBUF_INIT;

	text_escape_term(&sb, s, len);
	if (strcmp(sb.buf, want))
		print_error("escape: got '%s', wanted '%s'\n", sb.buf, want);
	assert_string_equal(sb.buf, want);
	/* width of the input is the width of what is shown */
	assert_int_equal(text_width(s, len), text_width(sb.buf, sb.len));
	/* escaped text is safe and valid, and escaping is idempotent */
	assert_true(text_is_term_safe(sb.buf, sb.len));
	assert_true(utf8_valid(sb.buf, sb.len));
	text_escape_term(&again, sb.buf, sb.len);
	assert_string_equal(again.buf, sb.buf);
	assert_int_equal(text_is_term_safe(s, len), strlen(want) == len &&
			 !memcmp(want, s, len));
	sbuf_release(&sb);
	sbuf_release(&again);
}

static void
check_escape(const char *s, const char *want)
{
	check_escape_n(s, strlen(s), want);
}

static void
test_utf8_valid(void **state)
{
	(void)state;
	assert_true(utf8_valid(S("")));
	assert_true(utf8_valid(S("plain ascii ~\x7f")));
	assert_true(utf8_valid(S("a\0b")));
	assert_true(utf8_valid(S("\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80 "
				      "\xf4\x8f\xbf\xbf \xef\xbf\xbf")));
	assert_false(utf8_valid(S("\x80")));            /* lone continuation */
	assert_false(utf8_valid(S("\xc3")));            /* truncated */
	assert_false(utf8_valid(S("\xe4\xb8")));        /* truncated */
	assert_false(utf8_valid(S("\xc3\x28")));        /* bad continuation */
	assert_false(utf8_valid(S("\xc0\x80")));        /* overlong NUL */
	assert_false(utf8_valid(S("\xc1\xbf")));        /* overlong */
	assert_false(utf8_valid(S("\xe0\x9f\xbf")));    /* overlong */
	assert_false(utf8_valid(S("\xf0\x8f\xbf\xbf"))); /* overlong */
	assert_false(utf8_valid(S("\xed\xa0\x80")));    /* surrogate */
	assert_false(utf8_valid(S("\xed\xbf\xbf")));    /* surrogate */
	assert_false(utf8_valid(S("\xf4\x90\x80\x80"))); /* > U+10FFFF */
	assert_false(utf8_valid(S("\xf5\x80\x80\x80")));
	assert_false(utf8_valid(S("\xfe")));
	assert_false(utf8_valid(S("\xff")));
	assert_false(utf8_valid(S("ok\xe2\x82")));      /* cut at the end */
	/* the length is honoured: a valid sequence cut by len */
	assert_false(utf8_valid("\xc3\xa9", 1));
	assert_true(utf8_valid("\xc3\xa9\xff", 2));
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(S("")), 0);
	assert_int_equal(text_width(S("hello")), 5);
	/* Latin with precomposed and combining accents */
	assert_int_equal(text_width(S("caf\xc3\xa9")), 4);
	assert_int_equal(text_width(S("cafe\xcc\x81")), 4);       /* e + U+0301 */
	assert_int_equal(text_width(S("a\xcc\x81\xcc\xa3\xcc\x88")), 1);
	/* CJK, Hangul, full-width forms: 2 each */
	assert_int_equal(text_width(S("\xe4\xb8\xad\xe6\x96\x87")), 4);  /* 中文 */
	assert_int_equal(text_width(S("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"
				      "abc")), 9);                      /* 日本語abc */
	assert_int_equal(text_width(S("\xea\xb0\x80")), 2);             /* 가 */
	assert_int_equal(text_width(S("\xef\xbc\xa1")), 2);             /* Ａ */
	assert_int_equal(text_width(S("\xe3\x80\x80")), 2);   /* ideographic space */
	/* emoji */
	assert_int_equal(text_width(S("\xf0\x9f\x98\x80")), 2);         /* 😀 */
	assert_int_equal(text_width(S("\xf0\x9f\x9a\x80 go")), 5);      /* 🚀 go */
	/* variation selector and zero-width joiner take no column */
	assert_int_equal(text_width(S("\xef\xb8\x8f\xe2\x80\x8d")), 0);
	/* Arabic and Hebrew letters 1, their vowel marks 0 */
	assert_int_equal(text_width(S("\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85")), 4); /* سلام */
	assert_int_equal(text_width(S("\xd8\xb3\xd9\x8e")), 1);         /* سَ */
	assert_int_equal(text_width(S("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d")), 4); /* שלום */
	assert_int_equal(text_width(S("\xd7\xa9\xd6\xb8")), 1);         /* שָ */
	/* Devanagari with a combining vowel sign */
	assert_int_equal(text_width(S("\xe0\xa4\xb9\xe0\xa4\xbf")), 1); /* हि */
	/* escaped forms count as shown */
	assert_int_equal(text_width(S("\x1b")), 4);              /* \x1b */
	assert_int_equal(text_width(S("a\tb")), 6);              /* a\x09b */
	assert_int_equal(text_width(S("\xff")), 4);              /* \xff */
	assert_int_equal(text_width(S("\xc2\x85")), 6);          /* \u{85} */
	assert_int_equal(text_width(S("\xe2\x80\xae")), 8);      /* \u{202e} */
	assert_int_equal(text_width(S("\xd8\x9c")), 7);          /* \u{61c} */
	assert_int_equal(text_width("a\0b", 3), 6);
}

static void
test_escape_controls(void **state)
{
	(void)state;
	check_escape("", "");
	check_escape("plain text, with (punctuation) ~!", "plain text, with (punctuation) ~!");
	check_escape("back\\slash stays", "back\\slash stays");
	/* CSI sequences: colour, clear screen, cursor movement */
	check_escape("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m");
	check_escape("\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H");
	/* OSC 8 hyperlink and an OSC title change ended by BEL / ST */
	check_escape("\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\",
		     "\\x1b]8;;http://evil\\x1b\\link\\x1b]8;;\\x1b\\");
	check_escape("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07");
	/* CR, LF, TAB, NUL, DEL and the rest of C0 */
	check_escape("a\rb\nc\td", "a\\x0db\\x0ac\\x09d");
	check_escape_n("nul\0end", 7, "nul\\x00end");
	check_escape("\x01\x08\x0b\x0c\x1f\x7f", "\\x01\\x08\\x0b\\x0c\\x1f\\x7f");
	/* C1 controls as UTF-8 code points: NEL, CSI (U+009B), ST */
	check_escape("\xc2\x80|\xc2\x85|\xc2\x9b" "31m|\xc2\x9c|\xc2\x9f",
		     "\\u{80}|\\u{85}|\\u{9b}31m|\\u{9c}|\\u{9f}");
	/* U+00A0 and above are printable */
	check_escape("\xc2\xa0\xc2\xa9", "\xc2\xa0\xc2\xa9");
}

static void
test_escape_bidi(void **state)
{
	(void)state;
	/* the "Trojan Source" override: RLO ... PDF */
	check_escape("access\xe2\x80\xae" "level\xe2\x80\xac",
		     "access\\u{202e}level\\u{202c}");
	check_escape("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae",
		     "\\u{202a}\\u{202b}\\u{202c}\\u{202d}\\u{202e}");
	/* isolates LRI RLI FSI PDI */
	check_escape("\xe2\x81\xa6x\xe2\x81\xa7y\xe2\x81\xa8z\xe2\x81\xa9",
		     "\\u{2066}x\\u{2067}y\\u{2068}z\\u{2069}");
	/* LRM, RLM, ALM */
	check_escape("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c",
		     "\\u{200e}\\u{200f}\\u{61c}");
	/* neighbours that are not controls stay */
	check_escape("\xe2\x80\x8d\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa",
		     "\xe2\x80\x8d\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa");
	/* real Arabic and Hebrew text is left alone */
	check_escape("\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",
		     "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d");
}

static void
test_escape_invalid(void **state)
{
	(void)state;
	check_escape("\xff", "\\xff");
	check_escape("a\x80z", "a\\x80z");
	/* each byte of an invalid sequence is escaped on its own, and the
	 * valid text after it survives */
	check_escape("\xc3(", "\\xc3(");
	check_escape("\xe4\xb8" "x\xe4\xb8\xad", "\\xe4\\xb8x\xe4\xb8\xad");
	check_escape("\xc0\x80", "\\xc0\\x80");
	check_escape("\xed\xa0\x80", "\\xed\\xa0\\x80");
	check_escape("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80");
	/* a cut sequence at the end */
	check_escape_n("ok\xe2\x82\xac", 4, "ok\\xe2\\x82");
	/* an invalid byte is distinguishable from U+0085 */
	check_escape("\x85|\xc2\x85", "\\x85|\\u{85}");
}

static void
check_pad(const char *s, size_t width, int right, const char *want)
{
	struct sbuf sb = SBUF_INIT;

	sbuf_adds(&sb, "[");
	text_pad(&sb, s, strlen(s), width, right);
	sbuf_adds(&sb, "]");
	if (strcmp(sb.buf, want)) {
		struct sbuf in = SBUF_INIT;

		text_escape_term(&in, s, strlen(s));
		print_error("pad('%s', %zu, %d): got '%s', wanted '%s'\n",
			    in.buf, width, right, sb.buf, want);
		sbuf_release(&in);
	}
	assert_string_equal(sb.buf, want);
	sbuf_release(&sb);
}

static void
test_pad(void **state)
{
	(void)state;
	check_pad("ab", 5, 0, "[ab   ]");
	check_pad("ab", 5, 1, "[   ab]");
	check_pad("", 3, 0, "[   ]");
	check_pad("abc", 3, 0, "[abc]");
	check_pad("abcdef", 3, 0, "[abcdef]");      /* never cut */
	check_pad("abc", 0, 1, "[abc]");
	check_pad("\xe4\xb8\xad", 4, 0, "[\xe4\xb8\xad  ]");
	check_pad("\xe4\xb8\xad", 4, 1, "[  \xe4\xb8\xad]");
	check_pad("e\xcc\x81", 3, 0, "[e\xcc\x81  ]");
	check_pad("\xf0\x9f\x98\x80", 3, 0, "[\xf0\x9f\x98\x80 ]");
	/* raw controls are escaped and padded by their shown width */
	check_pad("\x1b", 6, 0, "[\\x1b  ]");
	check_pad("\xe2\x80\xae", 10, 1, "[  \\u{202e}]");
}

static void
check_trunc_n(const char *s, size_t len, size_t max, const char *want)
{
	struct sbuf sb = SBUF_INIT;

	sbuf_adds(&sb, "<");
	text_truncate(&sb, s, len, max);
	if (strcmp(sb.buf + 1, want)) {
		struct sbuf in = SBUF_INIT;

		text_escape_term(&in, s, len);
		print_error("truncate('%s', %zu): got '%s', wanted '%s'\n",
			    in.buf, max, sb.buf + 1, want);
		sbuf_release(&in);
	}
	assert_string_equal(sb.buf + 1, want);
	assert_true(text_width(sb.buf + 1, sb.len - 1) <= max);
	assert_true(utf8_valid(sb.buf, sb.len));
	assert_true(text_is_term_safe(sb.buf, sb.len));
	sbuf_release(&sb);
}

static void
check_trunc(const char *s, size_t max, const char *want)
{
	check_trunc_n(s, strlen(s), max, want);
}

#define ELL "\xe2\x80\xa6"

static void
test_truncate(void **state)
{
	(void)state;
	/* fits: unchanged, no ellipsis */
	check_trunc("hello", 5, "hello");
	check_trunc("hello", 9, "hello");
	check_trunc("", 0, "");
	check_trunc("", 3, "");
	/* cut */
	check_trunc("hello world", 6, "hello" ELL);
	check_trunc("hello", 4, "hel" ELL);
	check_trunc("hello", 1, ELL);
	check_trunc("hello", 0, "");
	/* wide characters are never split: 中文字 is 6 columns */
	check_trunc("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 6,
		    "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97");
	check_trunc("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 5,
		    "\xe4\xb8\xad\xe6\x96\x87" ELL);
	check_trunc("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 4,
		    "\xe4\xb8\xad" ELL);            /* 3 columns: one short */
	check_trunc("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 2, ELL);
	check_trunc("a\xe4\xb8\xad", 2, "a" ELL);
	check_trunc("\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 3, "\xf0\x9f\x98\x80" ELL);
	/* combining marks stay with their base */
	check_trunc("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 3,
		    "e\xcc\x81" "e\xcc\x81" "e\xcc\x81");
	check_trunc("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2, "e\xcc\x81" ELL);
	check_trunc("\xd8\xb3\xd9\x8e\xd9\x84\xd8\xa7\xd9\x85", 2,
		    "\xd8\xb3\xd9\x8e" ELL);
	/* Hebrew */
	check_trunc("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd7\xa2\xd7\x95\xd7\x9c\xd7\x9d",
		    5, "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d" ELL);
	/* escapes are units: never cut inside one */
	check_trunc("ab\x1b[0m", 9, "ab\\x1b[0m");
	check_trunc("ab\x1b[0m", 8, "ab\\x1b[" ELL);
	check_trunc("ab\x1b[0m", 7, "ab\\x1b" ELL);
	check_trunc("ab\x1b[0m", 6, "ab" ELL);
	check_trunc("ab\x1b[0m", 3, "ab" ELL);
	check_trunc("x\xe2\x80\xae" "abc", 10, "x\\u{202e}" ELL);
	check_trunc("x\xe2\x80\xae" "abc", 9, "x" ELL);
	/* invalid bytes are never glued into a sequence */
	check_trunc("ab\xe4\xb8", 6, "ab" ELL);
	check_trunc("ab\xe4\xb8", 10, "ab\\xe4\\xb8");
	check_trunc_n("\xe4\xb8\xad", 2, 5, "\\xe4" ELL);
	/* already-escaped text truncates the same way */
	check_trunc("ab\\x1b[0m", 7, "ab\\x1b" ELL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_escape_controls),
		cmocka_unit_test(test_escape_bidi),
		cmocka_unit_test(test_escape_invalid),
		cmocka_unit_test(test_pad),
		cmocka_unit_test(test_truncate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
