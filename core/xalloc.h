/*
 * xalloc: allocation helpers that never return NULL.
 *
 * Every allocation in docket goes through these wrappers (tmux's
 * xmalloc idea), so no caller checks for NULL.  When memory runs out
 * they call the handler the front end installed with
 * xalloc_set_oom_handler (the command line prints a message and exits
 * 2; a server would answer with an error): core/ never exits itself.
 * Without a handler, or when it returns, they abort().  A size that
 * overflows counts as running out of memory.  Callers own what they get
 * and release it with free().
 */
#ifndef DOCKET_XALLOC_H
#define DOCKET_XALLOC_H

#include <stddef.h>

/* Called with the size that could not be allocated (0: unknown, a
 * library's); must not return (exit, longjmp).  NULL restores abort(). */
typedef void (*xalloc_oom_fn)(size_t n);
void xalloc_set_oom_handler(xalloc_oom_fn fn);
/* Report that n bytes could not be allocated (a library's allocation
 * failed; 0 when the library does not say how much): calls the handler,
 * then abort(); never returns. */
void xalloc_oom(size_t n) __attribute__((noreturn));

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
