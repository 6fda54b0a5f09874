/*
 * Jira wiki markup to Markdown (formats/jira_wiki.h): what a Jira
 * description or comment becomes in an imported item's body.  Each
 * construct of Jira's text formatting notation is checked against the
 * Markdown a reader (and cmark-gfm) understands; then two properties
 * that hold on any input: no text is lost, and the output stays within
 * a constant times the input on inputs built to make a careless
 * converter quadratic.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"
#include "formats/jira_wiki.h"

static char *
md(const char *in)
{
	struct sbuf sb = SBUF_INIT;

	jira_wiki_to_markdown(&sb, in, strlen(in));
	return sbuf_detach(&sb, NULL);
}

#define CONVERTS(in, want) do {                                   \
		char *got_ = md(in);                                      \
		assert_string_equal(got_, want);                          \
		free(got_);                                               \
	} while (0)

static void
test_headings(void **state)
{
	(void)state;
	CONVERTS("h1. Launch plan", "# Launch plan");
	CONVERTS("h2. Goals\nMore text\n", "## Goals\nMore text\n");
	CONVERTS("h6. Small *print*", "###### Small **print**");
	/* not a heading: no space, h7, or not at the start */
	CONVERTS("h1.x", "h1.x");
	CONVERTS("h7. seven", "h7. seven");
	CONVERTS("see h2. there", "see h2. there");
}

static void
test_emphasis(void **state)
{
	(void)state;
	CONVERTS("*bold* and _italic_", "**bold** and _italic_");
	CONVERTS("-gone- +added+ x^2^ H~2~O",
		 "~~gone~~ <ins>added</ins> x^2^ H~2~O");
	CONVERTS("a ^sup^ and ~sub~ b", "a <sup>sup</sup> and <sub>sub</sub> b");
	CONVERTS("*bold _both_ here*", "**bold _both_ here**");
	CONVERTS("(*in parens*).", "(**in parens**).");
	/* inside words and unpaired: text, and kept from Markdown */
	CONVERTS("snake_case_name and well-known-term", "snake_case_name and well-known-term");
	CONVERTS("a*b*c", "a\\*b\\*c");
	CONVERTS("5 * 3 = 15", "5 * 3 = 15");
	CONVERTS("*not closed", "\\*not closed");
	CONVERTS("-- and --- dashes", "-- and --- dashes");
	/* escapes stay escapes */
	CONVERTS("\\*literal\\*", "\\*literal\\*");
}

static void
test_monospace(void **state)
{
	(void)state;
	CONVERTS("run {{make check}} first", "run `make check` first");
	CONVERTS("{{a `tick`}}", "`` a `tick` ``");
	CONVERTS("{{*not bold*}}", "`*not bold*`");
	CONVERTS("{{unclosed", "{{unclosed");
}

static void
test_lists(void **state)
{
	(void)state;
	CONVERTS("* one\n* two\n** two.a\n*** deep\n",
		 "- one\n- two\n  - two.a\n    - deep\n");
	CONVERTS("# first\n# second\n## second.a\n",
		 "1. first\n1. second\n   1. second.a\n");
	CONVERTS("* bullet\n*# numbered under it\n",
		 "- bullet\n  1. numbered under it\n");
	CONVERTS("- dash item", "- dash item");
	CONVERTS("*bold* start", "**bold** start");
	CONVERTS("* item with *bold*", "- item with **bold**");
}

static void
test_links(void **state)
{
	(void)state;
	CONVERTS("see [the brief|https://ex.com/brief]",
		 "see [the brief](https://ex.com/brief)");
	CONVERTS("[https://ex.com/x]", "<https://ex.com/x>");
	CONVERTS("[mail|mailto:a@ex.com]", "[mail](mailto:a@ex.com)");
	CONVERTS("[*big* news|https://ex.com]", "[**big** news](https://ex.com)");
	CONVERTS("[a doc|https://ex.com/a b.pdf]", "[a doc](<https://ex.com/a b.pdf>)");
	CONVERTS("[tip|https://ex.com|Open it]", "[tip](https://ex.com \"Open it\")");
	CONVERTS("ping [~accountid:5b10a2]", "ping @accountid:5b10a2");
	CONVERTS("[not a link] and [#anchor]", "[not a link] and [#anchor]");
	CONVERTS("[unclosed|https://ex.com", "[unclosed|https://ex.com");
	CONVERTS("[[x|https://ex.com]", "[[x](https://ex.com)");
	CONVERTS("wow![x|https://ex.com]", "wow\\![x](https://ex.com)");
}

static void
test_images(void **state)
{
	(void)state;
	CONVERTS("!shot.png!", "![shot.png](shot.png)");
	CONVERTS("!image-1.png|width=1324,alt=\"The form\"!",
		 "![The form](image-1.png \"width=1324,alt=\\\"The form\\\"\")");
	CONVERTS("Great! Really great!", "Great! Really great!");
}

static void
test_code_blocks(void **state)
{
	(void)state;
	CONVERTS("{code}\nint *p = a*b; [x|y] {{z}}\n{code}",
		 "```\nint *p = a*b; [x|y] {{z}}\n```");
	CONVERTS("{code:java}\nclass A {}\n{code}\n", "```java\nclass A {}\n```\n");
	CONVERTS("{code:title=Setup.sh|borderStyle=solid}\nmake\n{code}",
		 "**Setup.sh**\n```\nmake\n```");
	CONVERTS("{code:language=sql}\nselect 1;\n{code}", "```sql\nselect 1;\n```");
	CONVERTS("{noformat}\n*raw* h1. text\n\n  indented\n{noformat}",
		 "```\n*raw* h1. text\n\n  indented\n```");
	/* a fence longer than any backtick run inside */
	CONVERTS("{code}\n```\nnested\n```\n{code}",
		 "````\n```\nnested\n```\n````");
	/* on one line, with text around it */
	CONVERTS("Run {code}make{code} now", "Run\n```\nmake\n```\nnow");
	/* never closed: the rest is code, nothing lost */
	CONVERTS("{code}\nx = 1\n*y*", "```\nx = 1\n*y*\n```");
}

static void
test_quotes(void **state)
{
	(void)state;
	CONVERTS("bq. Said *twice*", "> Said **twice**");
	CONVERTS("before\n{quote}\nfirst\n\nsecond with [a|https://ex.com]\n{quote}\nafter",
		 "before\n> first\n>\n> second with [a](https://ex.com)\nafter");
	CONVERTS("{quote}\n{code}\nx\n{code}\n{quote}", "> ```\n> x\n> ```");
	CONVERTS("{quote}one line{quote}", "> one line");
}

static void
test_tables(void **state)
{
	(void)state;
	CONVERTS("||Channel||Budget||\n|Email|500|\n|Social|[plan|https://ex.com]|\n",
		 "| Channel | Budget |\n| --- | --- |\n| Email | 500 |\n"
		 "| Social | [plan](https://ex.com) |\n");
	/* no header row: an empty one, as wide as the widest row */
	CONVERTS("|a|b|\n|c|d|e|",
		 "| | | |\n| --- | --- | --- |\n| a | b |\n| c | d | e |");
	/* a pipe in code, a line break in a cell */
	CONVERTS("||k||v||\n|{{a|b}}|one\\\\two|",
		 "| k | v |\n| --- | --- |\n| `a\\|b` | one<br>two |");
	/* glued to a paragraph: a blank line keeps it a table */
	CONVERTS("Costs:\n||item||\n|x|", "Costs:\n\n| item |\n| --- |\n| x |");
}

static void
test_breaks_and_rules(void **state)
{
	(void)state;
	CONVERTS("one\\\\two", "one\\\ntwo");
	CONVERTS("* item\\\\more", "- item\\\n  more");
	CONVERTS("above\n----\nbelow", "above\n\n----\nbelow");
	CONVERTS("{color:red}warm{color} words", "warm words");
	CONVERTS("a\r\nb\r\n", "a\nb\n");
	CONVERTS("", "");
	CONVERTS("plain text, untouched.", "plain text, untouched.");
}

/* The x and y of s, in order. */
static char *
letters(const char *s)
{
	char *o = malloc(strlen(s) + 1), *p = o;

	for (; *s; s++)
		if (*s == 'x' || *s == 'y')
			*p++ = *s;
	*p = '\0';
	return o;
}

static int
subsequence(const char *need, const char *in)
{
	for (; *need; need++) {
		in = strchr(in, *need);
		if (!in)
			return 0;
		in++;
	}
	return 1;
}

/* Random mixes of every piece of markup around the letters x and y:
 * every letter comes out, in order. */
static void
test_never_loses_text(void **state)
{
	static const char *const tok[] = {
		"x", "yy", "x y", " ", "\n", "\r\n", "*", "_", "-", "+", "^", "~",
		"{{", "}}", "[", "]", "|", "||", "!", ".png", "https://e.org/",
		"{code}", "{code:java}", "{noformat}", "{quote}", "h2. ", "bq. ",
		"# ", "* ", "** ", "- ", "\\\\", "\\", "{color:red}", "{color}",
		"`", "----", "[~", "alt=", "\"",
	};
	const size_t ntok = sizeof(tok) / sizeof(tok[0]);
	unsigned long r = 12345;

	(void)state;
	for (int n = 0; n < 4000; n++) {
		struct sbuf in = SBUF_INIT, out = SBUF_INIT;
		int len = 1 + n % 60;
		char *want, *got;

		for (int k = 0; k < len; k++) {
			r = r * 6364136223846793005UL + 1442695040888963407UL;
			sbuf_adds(&in, tok[(r >> 33) % ntok]);
		}
		jira_wiki_to_markdown(&out, in.buf, in.len);
		want = letters(in.buf);
		got = letters(out.buf);
		if (!subsequence(want, got))
			fail_msg("text lost from \"%s\": \"%s\"", in.buf, out.buf);
		assert_true(out.len <= 8 * in.len + 64);
		free(want);
		free(got);
		sbuf_release(&in);
		sbuf_release(&out);
	}
}

/* Inputs that make a converter that searches for each opener's closer
 * from scratch (or recurses per nesting level) quadratic or deep: the
 * output stays proportional to the input. */
static void
test_hostile_shapes(void **state)
{
	static const char *const unit[] = {
		"*a ", "[", "{{", "!x ", "_b ", "[x|", "{quote}", "{code}",
		"** ", "\\\\", "|c", "h1. ", "[~", "{color:",
	};
	const size_t reps = 40000;

	(void)state;
	for (size_t u = 0; u < sizeof(unit) / sizeof(unit[0]); u++) {
		struct sbuf in = SBUF_INIT, out = SBUF_INIT;

		for (size_t k = 0; k < reps; k++)
			sbuf_adds(&in, unit[u]);
		sbuf_adds(&in, "] }} ! *\n");
		/* and the same as many lines */
		for (size_t k = 0; k < reps / 10; k++) {
			sbuf_adds(&in, unit[u]);
			sbuf_addc(&in, '\n');
		}
		jira_wiki_to_markdown(&out, in.buf, in.len);
		assert_true(out.len > 0);
		assert_true(out.len <= 8 * in.len + 64);
		sbuf_release(&in);
		sbuf_release(&out);
	}
	{
		/* a deep list line continued many times: a bounded indent */
		struct sbuf in = SBUF_INIT, out = SBUF_INIT;

		for (size_t k = 0; k < reps; k++)
			sbuf_addc(&in, '*');
		sbuf_adds(&in, " x");
		for (size_t k = 0; k < reps; k++)
			sbuf_adds(&in, "\\\\y");
		jira_wiki_to_markdown(&out, in.buf, in.len);
		assert_true(out.len <= 16 * in.len);
		sbuf_release(&in);
		sbuf_release(&out);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headings),
		cmocka_unit_test(test_emphasis),
		cmocka_unit_test(test_monospace),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_images),
		cmocka_unit_test(test_code_blocks),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_breaks_and_rules),
		cmocka_unit_test(test_never_loses_text),
		cmocka_unit_test(test_hostile_shapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
