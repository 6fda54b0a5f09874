/*
 * jira_wiki: Jira's wiki markup (its "text formatting notation", the
 * text of descriptions and comments in a CSV export) to Markdown.
 *
 *   h1. .. h6.            # .. ######
 *   *bold* _italic_       **bold** _italic_
 *   -strike- +ins+        ~~strike~~ <ins>ins</ins>
 *   ^sup^ ~sub~           <sup>sup</sup> <sub>sub</sub>
 *   {{mono}}              `mono`
 *   * a / ** b / # c      - a / nested "  - b" / 1. c (mixed nesting kept)
 *   [text|url] [url]      [text](url) <url>
 *   [~user]               @user
 *   !f.png|attrs!        ![f.png](f.png "attrs"): the attributes kept
 *   {code:lang} {noformat} fenced blocks (``` lang), content untouched
 *   {quote} .. {quote}    "> " on every line in between; bq. text: > text
 *   ||h||h|| and |c|c|    a GFM table (an empty header row when the
 *                         table starts with data cells)
 *   \\                    a line break
 *   {color:x}..{color}    the tags dropped, the text kept
 *
 * Anything else is copied as it is: markup that does not close is text,
 * and no text is ever dropped (tags, list and heading markers are the
 * only input that does not come out).  Line ends come out as LF.
 *
 * Bounded: one pass over the input (each lookahead for a closing
 * delimiter is cached and only moves forward), no recursion, and
 * output at most a constant times the input.
 *
 * Ownership: the result is appended to the caller's sbuf.
 */
#ifndef DOCKET_JIRA_WIKI_H
#define DOCKET_JIRA_WIKI_H

#include <stddef.h>

#include "core/sbuf.h"

/* Append the Markdown for the len bytes of wiki markup at s. */
void jira_wiki_to_markdown(struct sbuf *out, const char *s, size_t len);

#endif
