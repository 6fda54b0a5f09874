/* sha256.c: SHA-256 and base64 through nettle (see sha256.h). */
#include "core/sha256.h"

#include <nettle/base64.h>
#include <nettle/sha2.h>

void
sha256(uint8_t out[32], const void *data, size_t len)
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

void
sha256_stream_init(struct sha256_stream *s)
{
	sha256_init(&s->ctx);
}

void
sha256_stream_add(struct sha256_stream *s, const void *data, size_t len)
{
	sha256_update(&s->ctx, len, data);
}

void
sha256_stream_end(uint8_t out[32], struct sha256_stream *s)
{
	sha256_digest(&s->ctx, SHA256_DIGEST_SIZE, out);
}

void
base64_add(struct sbuf *sb, const void *data, size_t len)
{
	const uint8_t *p = data;

	/* in chunks, so the output buffer stays on the stack */
	while (len) {
		char buf[BASE64_ENCODE_RAW_LENGTH(768)];
		size_t n = len > 768 ? 768 : len;

		base64_encode_raw(buf, n, p);
		sbuf_add(sb, buf, BASE64_ENCODE_RAW_LENGTH(n));
		p += n;
		len -= n;
	}
}
