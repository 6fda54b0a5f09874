/*
 * yaml_scalar: the one writer of YAML scalars.  Every value docket
 * writes into front matter goes through it: `new` and `set` (core/edit),
 * the transitions, and `import` (formats/import_write).
 *
 * A string is written plain only when that reads back as the same
 * string under docket's reader (YAML 1.2 core schema) and under YAML 1.1
 * readers too, so other tools see the same value: words a reader takes
 * for a boolean, null or number (yes, on, null, 012, 1:20, 3.0, .inf),
 * dates, an indicator first (-x, #x, [x], @x...), ": " or " #" inside,
 * a leading "---" or "...", blanks or a colon at an end, the empty
 * string, and any control, line break (U+0085, U+2028, U+2029),
 * byte-order mark or non-character (U+FFFE, U+FFFF) are quoted; in a
 * flow list also `,[]{}:`.  A plain candidate is then parsed back with
 * docket's reader, which must give the same string, unless it is a
 * string for certain (a letter or a non-ASCII character first, or a
 * space inside: no null, boolean or number has either).
 *
 * Double quotes escape `"` and `\`, \n \t \r by name, other controls
 * and U+0080..U+00FF specials as \xXX, the rest as \uXXXX; a byte that
 * is not valid UTF-8 becomes \uFFFD.  Single quotes (kept when a value
 * being replaced had them) double `'` and are used only when no escape
 * is needed.
 *
 * Functions only append to the caller's sbuf.
 */
#ifndef DOCKET_YAML_SCALAR_H
#define DOCKET_YAML_SCALAR_H

#include <stddef.h>

#include "core/sbuf.h"
#include "core/ynode.h"

/* 1 when s[0..len) may be written plain (inside a flow list when flow
 * is set) and reads back as the same string. */
int yaml_scalar_plain_ok(const char *s, size_t len, int flow);

/* Append s as a string scalar: plain when safe, else double-quoted;
 * with keep YSTYLE_SINGLE or YSTYLE_DOUBLE (the style of the value it
 * replaces), that quoting when it can hold s. */
void yaml_scalar_str(struct sbuf *out, const char *s, size_t len, int flow,
		     enum ynode_style keep);

/* Append s always double-quoted. */
void yaml_scalar_quoted(struct sbuf *out, const char *s, size_t len);

/* Append a flow list of strings: [a, "b, c"] ([] when n is 0). */
void yaml_scalar_list(struct sbuf *out, const char *const *v, size_t n);

/* Append a number: an integer without a fraction when it is one,
 * otherwise the shortest %g form that reads back as v (.inf, .nan). */
void yaml_scalar_number(struct sbuf *out, double v);

#endif
