/*
 * text: terminal-safe text and display width (docs/robustness.md).
 *
 * Text read from files may hold anything: escape sequences that would
 * drive the user's terminal, bidirectional overrides that make a line
 * read differently from what it contains, invalid UTF-8.  Before such
 * text reaches a terminal it goes through text_escape_term, which keeps
 * printable characters and replaces every dangerous one with a visible,
 * printable-ASCII escape:
 *
 *   C0 controls U+0000-U+001F (ESC, CR, LF, TAB too) and DEL   \x1b  \x0a  \x7f
 *   C1 controls U+0080-U+009F                                   \u{85}
 *   bidi controls U+061C, U+200E, U+200F, U+202A-U+202E,
 *   U+2066-U+2069                                               \u{202e}
 *   each byte that is not part of valid UTF-8                   \xff
 *
 * (A backslash is not escaped: the output is meant to be safe and
 * readable, not reversible.)  Escaping is idempotent: escaped text has
 * nothing left to escape.
 *
 * Width is counted in terminal columns with utf8proc's character widths
 * (East Asian wide and emoji 2, combining marks and other zero-width
 * characters 0, others 1); a character that would be escaped counts as
 * the width of its escape.  So text_width(s) equals the width of
 * text_escape_term(s).
 *
 * text_pad and text_truncate copy through the same escaping (a no-op on
 * text that was escaped already), so their output is terminal-safe
 * either way.  They never split a UTF-8 sequence, an escape, or a wide
 * character.  The caller owns every sbuf; these functions only append.
 */
#ifndef DOCKET_TEXT_H
#define DOCKET_TEXT_H

#include <stddef.h>

#include "core/sbuf.h"

/* 1 when text_escape_term would copy s unchanged. */
int text_is_term_safe(const char *s, size_t len);

/* Display width of s in terminal columns, escapes counted as shown. */
size_t text_width(const char *s, size_t len);

/* Append s to out with every control, bidi control and invalid byte
 * replaced by its escape (see above). */
void text_escape_term(struct sbuf *out, const char *s, size_t len);

/* Append s (escaped) and enough spaces to fill width columns: after the
 * text, or before it when right_align.  Text wider than width is
 * appended whole (see text_truncate). */
void text_pad(struct sbuf *out, const char *s, size_t len, size_t width,
	      int right_align);

/* Append s (escaped), cut to at most max_width columns: when it does
 * not fit, as many whole characters as fit in max_width - 1 columns,
 * followed by U+2026 (one column).  Zero-width characters that follow
 * the last kept character (combining marks) stay with it.  The result
 * can be a column narrower than max_width when a wide character or an
 * escape did not fit; max_width 0 appends nothing. */
void text_truncate(struct sbuf *out, const char *s, size_t len,
		   size_t max_width);

/* Append s as a Markdown table cell: escaped as above, then '&' as
 * "&amp;" and the markup characters | \ * _ ` < > [ ] ~ with a
 * backslash, so the cell shows the text as it is. */
void text_md_cell(struct sbuf *out, const char *s);

/* Append the line s[0..len) as a commit subject of at most max code
 * points: whole when it fits, else cut at the last space that leaves
 * room for "…" (U+2026), or inside a word that is longer than that.
 * Returns 1 when it was cut, 0 when it fits. */
int text_subject(struct sbuf *out, const char *s, size_t len, size_t max);

/* Is the line s[0..len) (without its LF) one of git's conflict markers:
 * seven of '<', '|', '=' or '>', then the end of the line, a space, a
 * tab or a CR ("<<<<<<< ours", "=======", "=======\r")?  Returns the
 * marker's character, or 0.  ORDER, its merge and item files all ask
 * here, so that a line one of them keeps as text never becomes a marker
 * when it is written again (a line "=======\r\r" loses a CR then). */
int text_conflict_marker(const char *s, size_t len);

#endif
