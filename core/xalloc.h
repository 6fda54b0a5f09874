/*
 * xalloc: allocation helpers that never return NULL.
 *
 * A command-line tool cannot do anything useful after malloc fails, so
 * every allocation in docket goes through these wrappers, which abort()
 * on exhaustion (tmux's xmalloc idea).  Callers own what they get and
 * release it with free().
 */
#ifndef DOCKET_XALLOC_H
#define DOCKET_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of nmemb elements of size bytes to hold at least need. */
void *xgrow(void *p, size_t *alloc, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xmemdup0(const void *p, size_t n);   /* copy n bytes and add a NUL */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
