/*
 * json: JSON text output (RFC 8259) into an sbuf.
 *
 * Strings are escaped per code point as jq does: '"' and '\\', the named
 * controls (\b \f \n \r \t), other C0 controls and DEL as \u00XX, and
 * invalid UTF-8 bytes replaced by U+FFFD so the output is always valid
 * JSON.  The caller owns the sbuf.
 */
#ifndef DOCKET_JSON_H
#define DOCKET_JSON_H

#include <stddef.h>

#include "core/sbuf.h"
#include "core/ynode.h"

/* Append s[0..len) as a quoted JSON string. */
void json_str(struct sbuf *sb, const char *s, size_t len);
/* Append a NUL-terminated string, or null when s is NULL. */
void json_strz(struct sbuf *sb, const char *s);
/* Append a number: integers without a fraction, others with %.17g
 * trimmed; NaN and infinities become null (JSON has none). */
void json_num(struct sbuf *sb, double v);
/* Append a YAML node as JSON: scalars by their core-schema kind (.inf
 * and .nan as null), sequences as arrays, mappings as objects. */
void json_ynode(struct sbuf *sb, const struct ynode *n);

#endif
