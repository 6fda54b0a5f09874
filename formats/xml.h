/*
 * xml: escaping text for XML 1.0 (and HTML) output into an sbuf.
 *
 * Owns nothing: every function appends to a caller-owned sbuf.  The
 * escaped text is always well-formed XML character data whatever the
 * input bytes are: the five markup characters become entity or
 * character references; characters XML 1.0 forbids (C0 controls other
 * than tab, LF and CR) and the ones HTML treats as parse errors (DEL,
 * C1 controls, U+FFFE, U+FFFF), as well as invalid UTF-8 bytes, become
 * U+FFFD.  Only named references that XML and HTML share are used
 * (&amp; &lt; &gt; &quot; and &#39; for the apostrophe), so the same
 * output is safe inside an HTML page.
 */
#ifndef DOCKET_XML_H
#define DOCKET_XML_H

#include <stddef.h>

#include "core/sbuf.h"

/* Append s[0..len) escaped for element content or a quoted attribute
 * value.  CR becomes &#13; so a parser does not fold CR LF to LF; tab
 * and LF are kept (an attribute value's parser turns them into spaces,
 * see xml_escape_attr). */
void xml_escape(struct sbuf *sb, const char *s, size_t len);
/* As xml_escape, and also tab and LF as &#9; and &#10;, so that a
 * quoted attribute value reads back exactly. */
void xml_escape_attr(struct sbuf *sb, const char *s, size_t len);
/* xml_escape / xml_escape_attr of a NUL-terminated string; NULL appends
 * nothing. */
void xml_escapez(struct sbuf *sb, const char *s);
void xml_escape_attrz(struct sbuf *sb, const char *s);

#endif
