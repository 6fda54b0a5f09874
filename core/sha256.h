/*
 * sha256: the SHA-256 digest and base64 (RFC 4648), from nettle, for
 * the Content-Security-Policy hashes of the HTML export's inline
 * script and the digest of an import's export (computed as the export
 * streams in: sha256_stream).  Not for anything secret.  Pure
 * functions; the caller owns every buffer.
 */
#ifndef DOCKET_SHA256_H
#define DOCKET_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include <nettle/sha2.h>

#include "core/sbuf.h"

/* The 32-byte digest of data[0..len). */
void sha256(uint8_t out[32], const void *data, size_t len);
/* A digest over data given in parts: init, add each part in order,
 * then end (which gives the digest of the parts joined). */
struct sha256_stream {
	struct sha256_ctx ctx;
};

void sha256_stream_init(struct sha256_stream *s);
void sha256_stream_add(struct sha256_stream *s, const void *data, size_t len);
void sha256_stream_end(uint8_t out[32], struct sha256_stream *s);

/* Append data[0..len) as padded base64 to sb. */
void base64_add(struct sbuf *sb, const void *data, size_t len);

#endif
