/*
 * jira_wiki_int.h: what the two halves of the Jira wiki converter share
 * (jira_wiki.c: lines, blocks and tables; jira_wiki_inline.c: the
 * markup inside a line).  Not for use outside them.
 */
#ifndef DOCKET_JIRA_WIKI_INT_H
#define DOCKET_JIRA_WIKI_INT_H

#include <stddef.h>

#include "core/sbuf.h"

#define JW_NONE ((size_t)-1)

/* The next needle in s[0..end) at or after from; queries must come with
 * from never decreasing, which makes all of them one scan. */
struct finder {
	const char *s;
	size_t end;
	const char *needle;
	size_t nlen;
	size_t hit;               /* the last answer, or JW_NONE */
	size_t scanned;           /* no needle starts in [.., scanned) unseen */
};

void jira_wiki_find_init(struct finder *f, const char *s, size_t end,
			 const char *needle);
/* Position of the needle, or end when there is none. */
size_t jira_wiki_find_next(struct finder *f, size_t from);

/* A blank (space, tab, CR, LF); a letter or digit (ASCII, or any byte
 * of a multi-byte character). */
int jira_wiki_blank(int c);
int jira_wiki_word(int c);
/* Narrow s[*a..*b) to its part without blanks at either end. */
void jira_wiki_trim(const char *s, size_t *a, size_t *b);

/* Append the Markdown for the inline markup of s[a..b) (one line, or a
 * table cell).  cont starts a line continued after \\ (a quote's "> ",
 * a list item's indent); in a cell (cell set) \\ is <br>. */
void jira_wiki_inline(struct sbuf *out, const char *s, size_t a, size_t b,
		      const char *cont, int cell);

#endif
