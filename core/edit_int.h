/*
 * edit_int: what edit.c (the surgical edits) and edit_value.c (rendering
 * a value as YAML) share; not for use outside these two files.
 * Ownership: edit_split_list returns an array of n strings that the
 * caller frees with edit_free_list.
 */
#ifndef DOCKET_EDIT_INT_H
#define DOCKET_EDIT_INT_H

#include <stddef.h>

#include "core/diag.h"
#include "core/edit.h"
#include "core/sbuf.h"
#include "core/ynode.h"

/* Split "a, b" or "[a, b]" into items (empty items dropped). */
char **edit_split_list(const char *v, size_t *n);
void edit_free_list(char **items, size_t n);
/* 1 for true/yes/on/y, 0 for false/no/off/n (any case), else -1. */
int edit_bool_value(const char *v);
/* Whether v reads as a YAML number. */
int edit_is_number(const char *v);
/* Render value as t with the old value's style; 0 or DK_EUSAGE (the
 * reason in errs). */
int edit_render_styled(struct sbuf *out, const char *value, enum edit_type t,
		       enum ynode_style style, struct diag_list *errs);

#endif
