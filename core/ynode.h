/*
 * ynode: a YAML document as a tree, read with libyaml's event API.
 *
 * The tree keeps what docket needs to validate and to edit files in
 * place: each node's exact source text (scalars are never converted; use
 * ynode_kind to resolve a plain scalar under the YAML 1.2 core schema),
 * its style, and its start and end position (1-based line and column,
 * and byte offsets into the parsed buffer).
 *
 * Ownership: ynode_parse returns trees that the caller frees with
 * ynode_free on the root.  A parsed document lives in one arena (its
 * nodes, texts and child arrays): ynode_free on its root frees it all,
 * and on any other node of it does nothing (that node stays valid until
 * the root is freed).  Trees made by ynode_copy, or by hand with
 * malloc'ed nodes (alloc holding the kids' capacity), own each node's
 * text and children as before.  Do not append children to a parsed
 * node.  Aliases are expanded by copying the anchored node; the number
 * of nodes and of bytes copied that way is bounded (opts.max_alias_nodes,
 * opts.max_alias_bytes) so that "billion laughs" inputs, and a large
 * scalar aliased many times, fail fast instead of exhausting memory.
 */
#ifndef DOCKET_YNODE_H
#define DOCKET_YNODE_H

#include <stddef.h>

#include "core/diag.h"
#include "core/limits.h"

enum ynode_type {
	YNODE_SCALAR,
	YNODE_SEQ,
	YNODE_MAP,
};

enum ynode_style {
	YSTYLE_PLAIN,
	YSTYLE_SINGLE,
	YSTYLE_DOUBLE,
	YSTYLE_LITERAL,   /* | */
	YSTYLE_FOLDED,    /* > */
	YSTYLE_FLOW,      /* [ ] or { } collections */
	YSTYLE_BLOCK,     /* block collections */
};

/* Resolved kind of a scalar under the YAML 1.2 core schema. */
enum ynode_kind {
	YKIND_NULL,
	YKIND_BOOL,
	YKIND_INT,
	YKIND_FLOAT,
	YKIND_STR,
	YKIND_SEQ,
	YKIND_MAP,
};

struct ynode {
	enum ynode_type type;
	enum ynode_style style;
	char *tag;         /* explicit tag, resolved ("tag:yaml.org,2002:str"), or NULL */
	char *text;        /* scalar value, NUL-terminated (may contain NULs: use len) */
	size_t len;
	/* children: a sequence's items; a mapping's keys and values
	 * interleaved (kids[2*i] is key i, kids[2*i+1] its value) */
	struct ynode **kids;
	size_t nkids;
	size_t alloc;
	int line, col;           /* start, 1-based */
	int end_line, end_col;   /* end (exclusive position), 1-based */
	size_t start_off, end_off; /* byte offsets into the parsed buffer */
};

struct ynode_opts {
	int max_depth;           /* nesting limit (default 64) */
	size_t max_alias_nodes;  /* nodes created by alias expansion (default 10000) */
	/* bytes alias expansion may create in one document: each copied
	 * node's text and its place in the tree (default: LIMIT_ALIAS,
	 * 1 MiB), so that a large anchored scalar aliased many times is
	 * refused before it is copied, not after gigabytes */
	size_t max_alias_bytes;
	int allow_any_tag;       /* accept tags outside the core schema */
	int allow_merge_keys;    /* accept "<<" keys */
	int allow_dup_keys;      /* accept duplicate keys */
	int line_offset;         /* added to every line (front matter starts at 2) */
};

#define YNODE_OPTS_INIT { 64, 10000, LIMIT_ALIAS_BYTES, 0, 0, 0, 0 }

/*
 * Parse every document of buf[0..len) (not necessarily NUL-terminated).
 * On success returns 0 and sets *out_docs to an array of *out_n roots
 * (an empty document gives a NULL root).  On failure returns DK_EINVALID
 * and appends the error to errs (when not NULL) with its line and column
 * (1-based, after line_offset) and no file or rule: the caller knows
 * them (diag_list_move_as); nothing is returned in *out_docs.
 */
int ynode_parse_stream(struct ynode ***out_docs, size_t *out_n,
		       const char *buf, size_t len,
		       const struct ynode_opts *opts, struct diag_list *errs);

/* Parse exactly one document (zero documents give a NULL root). A
 * second document is an error. */
int ynode_parse(struct ynode **out, const char *buf, size_t len,
		const struct ynode_opts *opts, struct diag_list *errs);

void ynode_free(struct ynode *n);
void ynode_free_docs(struct ynode **docs, size_t n);
struct ynode *ynode_copy(const struct ynode *n);

/* Resolve a node's kind (core schema for plain untagged scalars). */
enum ynode_kind ynode_kind(const struct ynode *n);
/* ynode_kind(n) == YKIND_NULL, without resolving the other kinds. */
int ynode_is_null(const struct ynode *n);
/* The value for key in a mapping (NULL if absent or n not a mapping). */
struct ynode *ynode_get(const struct ynode *map, const char *key);
/* Index of key in a mapping's key list, or -1. */
long ynode_key_index(const struct ynode *map, const char *key);
size_t ynode_map_size(const struct ynode *map);
/* Parse a core-schema int / float / bool; return 0 on success. */
int ynode_int(const struct ynode *n, long long *out);
int ynode_number(const struct ynode *n, double *out);
int ynode_bool(const struct ynode *n, int *out);
/* Scalar text, or NULL when n is NULL or not a scalar. */
const char *ynode_str(const struct ynode *n);
const char *ynode_kind_name(enum ynode_kind k);

#endif
