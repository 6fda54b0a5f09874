/*
 * sbuf: a growable byte string (git's strbuf).
 *
 * Invariants: after sbuf_init, buf is never NULL and buf[len] is always
 * '\0' (len excludes it).  The sbuf owns buf; sbuf_release frees it and
 * re-initialises the sbuf; sbuf_detach hands buf to the caller (who then
 * free()s it) and re-initialises the sbuf.
 */
#ifndef DOCKET_SBUF_H
#define DOCKET_SBUF_H

#include <stdarg.h>
#include <stddef.h>

struct sbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

#define SBUF_INIT { sbuf_empty_, 0, 0 }
extern char sbuf_empty_[];

void sbuf_init(struct sbuf *sb);
void sbuf_release(struct sbuf *sb);
char *sbuf_detach(struct sbuf *sb, size_t *len);
void sbuf_grow(struct sbuf *sb, size_t extra);
void sbuf_add(struct sbuf *sb, const void *data, size_t len);
void sbuf_adds(struct sbuf *sb, const char *s);
void sbuf_addc(struct sbuf *sb, char c);
void sbuf_addf(struct sbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sbuf_vaddf(struct sbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void sbuf_setlen(struct sbuf *sb, size_t len);
void sbuf_reset(struct sbuf *sb);

#endif
