/*
 * sha256: the SHA-256 digest and base64 (RFC 4648), from nettle, for
 * the Content-Security-Policy hashes of the HTML export's inline
 * script.  Not for anything secret.  Pure functions; the caller owns
 * every buffer.
 */
#ifndef DOCKET_SHA256_H
#define DOCKET_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "core/sbuf.h"

/* The 32-byte digest of data[0..len). */
void sha256(uint8_t out[32], const void *data, size_t len);
/* Append data[0..len) as padded base64 to sb. */
void base64_add(struct sbuf *sb, const void *data, size_t len);

#endif
