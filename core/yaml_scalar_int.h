/*
 * yaml_scalar_int: internal to core/yaml_scalar.c and its unit test
 * (libgit2's "module__" naming); core/yaml_scalar.h is the public
 * interface.  The two ways yaml_scalar_plain_ok decides, apart, so that
 * a test can require that they agree.  Nothing here allocates.
 */
#ifndef DOCKET_YAML_SCALAR_INT_H
#define DOCKET_YAML_SCALAR_INT_H

#include <stddef.h>

/* The checked way: the character test, then a round trip through
 * docket's reader (what yaml_scalar_plain_ok did for every scalar). */
int yaml_scalar__plain_ok_slow(const char *s, size_t len, int flow);

/* 1 when the fast path alone says s[0..len) is plain (no round trip);
 * 0 means "not plain" or "ask the round trip". */
int yaml_scalar__plain_ok_fast(const char *s, size_t len, int flow);

#endif
