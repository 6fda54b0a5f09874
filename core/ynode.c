/*
 * ynode.c: build a ynode tree from libyaml events.
 *
 * Design notes
 * (1) The event API is used (not yaml_parser_load) so that limits apply
 *     while reading: nesting depth is counted at each collection start,
 *     and an alias is expanded by copying the anchored node with a node
 *     budget (max_alias_nodes) and a byte budget (max_alias_bytes, checked
 *     before each node is copied), so "billion laughs", and one large
 *     scalar aliased many times, stop after a bounded amount of work and
 *     memory.  An alias to a collection that is still open (a
 *     recursive structure) is an error.
 * (2) libyaml counts columns in characters and treats CR, LF, CRLF, NEL,
 *     LS and PS as line breaks.  Byte offsets are recomputed from a table
 *     of line starts built with the same rules, walking characters from
 *     the start of the line (cached, so a long line costs O(length)).
 * (3) Duplicate keys are found with a hash of the key's scalar text per
 *     open mapping, so a mapping of n keys costs O(n).
 * (4) A document's nodes, texts, tags and child arrays live in one arena
 *     (a list of chunks) instead of one allocation each: a front matter
 *     of 20 fields was ~90 mallocs and frees, and more than twice its
 *     useful size in allocator overhead and array slack.  The first node
 *     of a document (its root) sits at the start of the first chunk, so
 *     ynode_free on the root frees the chunks; on any other node of the
 *     tree it does nothing.  The `alloc` field tells them apart
 *     (ALLOC_ROOT, ALLOC_MEMBER); nodes made by ynode_copy, or by hand,
 *     are plain allocations as before.  While a collection is open its
 *     children grow in a malloc'ed array, moved into the arena, at its
 *     exact size, when the collection ends.
 */
#include "core/ynode.h"

#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "core/diag.h"
#include "core/limits.h"
#include "core/strmap.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#define CORE_TAG "tag:yaml.org,2002:"

struct anchor {
	char *name;
	struct ynode *node;
	int complete;
};

struct frame {
	struct ynode *node;
	struct anchor *anchor;   /* this collection's anchor, or NULL */
	struct strmap keys;      /* mapping: scalar key text -> node */
	size_t grow;             /* capacity of node->kids while open */
};

/* alloc values of arena nodes (a real capacity is never this large) */
#define ALLOC_ROOT ((size_t)-1)     /* the root: frees the arena */
#define ALLOC_MEMBER ((size_t)-2)   /* inside an arena: freed with it */

struct chunk {
	struct chunk *next;
	size_t cap, used;
};

/* chunk headers are padded so that what follows is aligned */
#define CHUNK_HDR ((sizeof(struct chunk) + 15) & ~(size_t)15)

struct loader {
	const char *buf;
	size_t len;
	const struct ynode_opts *o;
	struct diag_list *errs;
	size_t *lines;           /* byte offset of each line start */
	size_t nlines;
	size_t c_line, c_col, c_off; /* cache for mark_offset */
	struct frame *stack;
	size_t depth, alloc;
	struct strmap anchors;   /* name -> struct anchor * (latest) */
	struct anchor **all;     /* every anchor, for freeing */
	size_t nall, allocall;
	size_t alias_nodes;
	size_t alias_bytes;      /* what expansion created (max_alias_bytes) */
	struct ynode *root;
	int have_root;
	int failed;
	struct chunk *arena;     /* the current document's first chunk; the
				  * others follow it, newest first */
	struct chunk *cur;       /* the chunk being filled */
	size_t next_chunk;       /* size of the next chunk */
};

/* ---------------------------------------------------------------------
 * Positions
 * ------------------------------------------------------------------- */

/* Bytes of the character at off (libyaml counts columns in
 * characters; an invalid byte, which libyaml rejects, counts as one). */
static size_t
char_len(const struct loader *ld, size_t off)
{
	int32_t cp;
	size_t n;

	if ((unsigned char)ld->buf[off] < 0x80)
		return 1;
	n = utf8_next(ld->buf + off, ld->len - off, &cp);
	return n ? n : 1;
}

static void
build_lines(struct loader *ld)
{
	const unsigned char *p = (const unsigned char *)ld->buf;
	size_t alloc = 0, i = 0;

	ld->lines = xgrow(NULL, &alloc, 64, sizeof(size_t));
	ld->nlines = 0;
	if (ld->len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		i = 3;
	ld->lines[ld->nlines++] = i;
	while (i < ld->len) {
		size_t step = 1;
		int brk = 0;

		if (p[i] == '\n') {
			brk = 1;
		} else if (p[i] == '\r') {
			brk = 1;
			step = (i + 1 < ld->len && p[i + 1] == '\n') ? 2 : 1;
		} else if (p[i] >= 0x80) {
			/* YAML 1.1's other breaks: U+0085, U+2028, U+2029 */
			int32_t cp;
			size_t n = utf8_next(ld->buf + i, ld->len - i, &cp);

			step = n ? n : 1;
			brk = n && (cp == 0x85 || cp == 0x2028 || cp == 0x2029);
		}
		i += step;
		if (brk) {
			ld->lines = xgrow(ld->lines, &alloc, ld->nlines + 1,
					  sizeof(size_t));
			ld->lines[ld->nlines++] = i;
		}
	}
}

static size_t
mark_offset(struct loader *ld, const yaml_mark_t *m)
{
	size_t off, col = 0;

	if (m->line >= ld->nlines)
		return ld->len;
	if (ld->c_line == m->line && ld->c_col <= m->column) {
		off = ld->c_off;
		col = ld->c_col;
	} else {
		off = ld->lines[m->line];
	}
	while (col < m->column && off < ld->len) {
		off += char_len(ld, off);
		col++;
	}
	if (off > ld->len)
		off = ld->len;
	ld->c_line = m->line;
	ld->c_col = col;
	ld->c_off = off;
	return off;
}

static void
set_error(struct loader *ld, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
set_error(struct loader *ld, int line, int col, const char *fmt, ...)
{
	va_list ap;

	char msg[256];

	if (ld->failed)
		return;
	ld->failed = 1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ld->errs)
		diag_add(ld->errs, SEV_ERROR, NULL, NULL, line + ld->o->line_offset,
			 col, "%s", msg)->code = DK_EINVALID;
}

static void
error_at_mark(struct loader *ld, const yaml_mark_t *m, const char *what,
	      const char *detail)
{
	set_error(ld, (int)m->line + 1, (int)m->column + 1, "%s%s%s", what,
		  detail ? ": " : "", detail ? detail : "");
}

/* Line and column (1-based) of a byte offset. */
static void
offset_pos(struct loader *ld, size_t off, int *line, int *col)
{
	size_t lo = 0, hi = ld->nlines;
	size_t c = 0;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (ld->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	for (size_t i = ld->lines[lo]; i < off && i < ld->len;
	     i += char_len(ld, i))
		c++;
	*line = (int)lo + 1;
	*col = (int)c + 1;
}

static void
parser_error(struct loader *ld, yaml_parser_t *p)
{
	int line, col;

	if (p->error == YAML_READER_ERROR) {
		offset_pos(ld, p->problem_offset, &line, &col);
		if (p->problem_value != -1)
			set_error(ld, line, col, "%s (byte 0x%02x)",
				  p->problem ? p->problem : "invalid input",
				  (unsigned)p->problem_value & 0xff);
		else
			set_error(ld, line, col, "%s",
				  p->problem ? p->problem : "invalid input");
		return;
	}
	/* libyaml's own allocation failed: running out of memory, as any
	 * (xalloc.h), never a problem of the file */
	if (p->error == YAML_MEMORY_ERROR)
		xalloc_oom(0);
	line = (int)p->problem_mark.line + 1;
	col = (int)p->problem_mark.column + 1;
	if (p->context && p->context_mark.line != p->problem_mark.line)
		set_error(ld, line, col, "%s %s (started at line %d)",
			  p->problem ? p->problem : "invalid YAML", p->context,
			  (int)p->context_mark.line + 1 + ld->o->line_offset);
	else if (p->context)
		set_error(ld, line, col, "%s %s",
			  p->problem ? p->problem : "invalid YAML", p->context);
	else
		set_error(ld, line, col, "%s",
			  p->problem ? p->problem : "invalid YAML");
}

/* ---------------------------------------------------------------------
 * Nodes
 * ------------------------------------------------------------------- */

/* n zeroed bytes from the current document's arena (made on first use,
 * with the document's root first). */
static void *
arena_alloc(struct loader *ld, size_t n)
{
	struct chunk *c = ld->cur;
	void *p;

	/* (the chunk being filled, not the first: when the first was full,
	 * every allocation after it took a chunk of its own, 64 KiB for a
	 * node: 340 MB of address space for a 300 KB file) */
	n = (n + 7) & ~(size_t)7;
	if (!c || c->cap - c->used < n) {
		size_t cap = ld->next_chunk;

		if (cap < n)
			cap = n;
		if (ld->next_chunk < 64 * 1024)
			ld->next_chunk *= 2;
		c = xmalloc(CHUNK_HDR + cap);
		c->cap = cap;
		c->used = 0;
		/* the first chunk stays first: ynode_free finds it from the
		 * root; later chunks go after it */
		if (ld->arena) {
			c->next = ld->arena->next;
			ld->arena->next = c;
		} else {
			c->next = NULL;
			ld->arena = c;
		}
		ld->cur = c;
	}
	p = (char *)c + CHUNK_HDR + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

static char *
arena_dup(struct loader *ld, const void *s, size_t len)
{
	char *p = arena_alloc(ld, len + 1);

	memcpy(p, s, len);
	return p;
}

/* Free a document's chunks, given its first. */
static void
arena_free(struct chunk *c)
{
	while (c) {
		struct chunk *next = c->next;

		free(c);
		c = next;
	}
}

static struct ynode *
arena_node(struct loader *ld)
{
	int first = ld->arena == NULL;
	struct ynode *n = arena_alloc(ld, sizeof(*n));

	n->alloc = first ? ALLOC_ROOT : ALLOC_MEMBER;
	return n;
}

/* The first chunk: about what a document of len bytes needs. */
static size_t
first_chunk(size_t len)
{
	size_t n = 256 + 10 * len;

	return n < 1024 ? 1024 : n > 64 * 1024 ? 64 * 1024 : n;
}

static struct ynode *
node_new(struct loader *ld, enum ynode_type type, const yaml_event_t *ev)
{
	struct ynode *n = arena_node(ld);

	n->type = type;
	n->line = (int)ev->start_mark.line + 1 + ld->o->line_offset;
	n->col = (int)ev->start_mark.column + 1;
	n->end_line = (int)ev->end_mark.line + 1 + ld->o->line_offset;
	n->end_col = (int)ev->end_mark.column + 1;
	n->start_off = mark_offset(ld, &ev->start_mark);
	n->end_off = mark_offset(ld, &ev->end_mark);
	return n;
}

static void
node_add_kid(struct ynode *parent, struct ynode *kid)
{
	parent->kids = xgrow(parent->kids, &parent->alloc, parent->nkids + 1,
			     sizeof(*parent->kids));
	parent->kids[parent->nkids++] = kid;
}

/* Children of an open collection of an arena tree grow in a malloc'ed
 * array; its capacity is kept in `grow` of the frame (the node's alloc
 * says arena). */
static void
open_add_kid(struct ynode *parent, size_t *grow, struct ynode *kid)
{
	parent->kids = xgrow(parent->kids, grow, parent->nkids + 1,
			     sizeof(*parent->kids));
	parent->kids[parent->nkids++] = kid;
}

void
ynode_free(struct ynode *n)
{
	if (!n || n->alloc == ALLOC_MEMBER)
		return;
	if (n->alloc == ALLOC_ROOT) {
		arena_free((struct chunk *)(void *)((char *)n - CHUNK_HDR));
		return;
	}
	for (size_t i = 0; i < n->nkids; i++)
		ynode_free(n->kids[i]);
	free(n->kids);
	free(n->text);
	free(n->tag);
	free(n);
}

void
ynode_free_docs(struct ynode **docs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ynode_free(docs[i]);
	free(docs);
}

static struct ynode *
copy_bounded(const struct ynode *n, size_t *budget)
{
	struct ynode *c;

	if (!*budget)
		return NULL;
	(*budget)--;
	c = xmalloc(sizeof(*c));
	*c = *n;
	c->text = n->text ? xmemdup0(n->text, n->len) : NULL;
	c->tag = n->tag ? xstrdup(n->tag) : NULL;
	c->kids = NULL;
	c->nkids = c->alloc = 0;
	for (size_t i = 0; i < n->nkids; i++) {
		struct ynode *k = copy_bounded(n->kids[i], budget);

		if (!k) {
			ynode_free(c);
			return NULL;
		}
		node_add_kid(c, k);
	}
	return c;
}

/* The bytes a copy of node n takes: the node, its text, its children
 * array. */
static size_t
copy_cost(const struct ynode *n)
{
	return sizeof(*n) + (n->text ? n->len + 1 : 0) +
	       (n->tag ? strlen(n->tag) + 1 : 0) + n->nkids * sizeof(n->kids[0]);
}

/* copy_bounded into the loader's arena (alias expansion), counting the
 * bytes it creates against the document's budget before each node is
 * allocated.  NULL when a budget runs out (*over_bytes says which). */
static struct ynode *
copy_arena(struct loader *ld, const struct ynode *n, size_t *budget,
	   int *over_bytes)
{
	struct ynode *c;
	size_t cost = copy_cost(n);

	if (!*budget)
		return NULL;
	if (cost > ld->o->max_alias_bytes ||
	    ld->alias_bytes > ld->o->max_alias_bytes - cost) {
		*over_bytes = 1;
		return NULL;
	}
	(*budget)--;
	ld->alias_bytes += cost;
	c = arena_node(ld);
	{
		size_t alloc = c->alloc;

		*c = *n;
		c->alloc = alloc;
	}
	c->text = n->text ? arena_dup(ld, n->text, n->len) : NULL;
	c->tag = n->tag ? arena_dup(ld, n->tag, strlen(n->tag)) : NULL;
	c->kids = n->nkids ? arena_alloc(ld, n->nkids * sizeof(*c->kids)) : NULL;
	for (size_t i = 0; i < n->nkids; i++) {
		c->kids[i] = copy_arena(ld, n->kids[i], budget, over_bytes);
		if (!c->kids[i])
			return NULL;   /* the arena frees what was copied */
	}
	return c;
}

struct ynode *
ynode_copy(const struct ynode *n)
{
	size_t budget = (size_t)-1;

	return n ? copy_bounded(n, &budget) : NULL;
}

static int
tag_allowed(const char *tag)
{
	static const char *const core[] = {
		"str", "int", "float", "bool", "null", "seq", "map",
	};

	if (!tag || !strcmp(tag, "!"))
		return 1;
	if (strncmp(tag, CORE_TAG, strlen(CORE_TAG)))
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(core); i++)
		if (!strcmp(tag + strlen(CORE_TAG), core[i]))
			return 1;
	return 0;
}

static struct anchor *
anchor_add(struct loader *ld, const char *name, struct ynode *node)
{
	struct anchor *a = xmalloc(sizeof(*a));

	a->name = xstrdup(name);
	a->node = node;
	a->complete = 0;
	ld->all = xgrow(ld->all, &ld->allocall, ld->nall + 1, sizeof(*ld->all));
	ld->all[ld->nall++] = a;
	strmap_put(&ld->anchors, a->name, strlen(a->name), a);
	return a;
}

/* Attach n to the open collection (or as the document root). n is owned
 * by the tree from here on, even when an error is reported. */
static void
attach(struct loader *ld, struct ynode *n)
{
	struct frame *f;
	struct ynode *p;

	if (!ld->depth) {
		/* one root per document (the event stream guarantees it); a
		 * second would live in the same arena, so it is only dropped */
		if (!ld->have_root) {
			ld->root = n;
			ld->have_root = 1;
		}
		return;
	}
	f = &ld->stack[ld->depth - 1];
	p = f->node;
	open_add_kid(p, &f->grow, n);
	if (p->type != YNODE_MAP || (p->nkids % 2) == 0)
		return;
	/* n is a key */
	if (n->type != YNODE_SCALAR)
		return;
	if (!ld->o->allow_merge_keys && n->style == YSTYLE_PLAIN && !n->tag &&
	    n->len == 2 && !memcmp(n->text, "<<", 2)) {
		set_error(ld, n->line - ld->o->line_offset, n->col,
			  "merge keys ('<<') are not supported; write the keys out");
		return;
	}
	if (!ld->o->allow_dup_keys) {
		struct ynode *prev = strmap_put(&f->keys, n->text, n->len, n);

		if (prev)
			set_error(ld, n->line - ld->o->line_offset, n->col,
				  "duplicate key '%.*s' (first at line %d)",
				  (int)(n->len > 60 ? 60 : n->len), n->text,
				  prev->line);
	}
}

static void
push(struct loader *ld, struct ynode *n, struct anchor *a)
{
	struct frame *f;

	ld->stack = xgrow(ld->stack, &ld->alloc, ld->depth + 1, sizeof(*ld->stack));
	f = &ld->stack[ld->depth++];
	f->node = n;
	f->anchor = a;
	f->grow = 0;
	strmap_init(&f->keys);
}

static void
pop(struct loader *ld, const yaml_event_t *ev)
{
	struct frame *f = &ld->stack[--ld->depth];
	struct ynode *n = f->node;

	/* the children, at their exact number, into the arena */
	if (n->nkids) {
		struct ynode **k = arena_alloc(ld, n->nkids * sizeof(*k));

		memcpy(k, n->kids, n->nkids * sizeof(*k));
		free(n->kids);
		n->kids = k;
	}
	f->node->end_line = (int)ev->end_mark.line + 1 + ld->o->line_offset;
	f->node->end_col = (int)ev->end_mark.column + 1;
	f->node->end_off = mark_offset(ld, &ev->end_mark);
	if (f->anchor)
		f->anchor->complete = 1;
	strmap_release(&f->keys);
}

static enum ynode_style
scalar_style(yaml_scalar_style_t s)
{
	switch (s) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE: return YSTYLE_SINGLE;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return YSTYLE_DOUBLE;
	case YAML_LITERAL_SCALAR_STYLE: return YSTYLE_LITERAL;
	case YAML_FOLDED_SCALAR_STYLE: return YSTYLE_FOLDED;
	default: return YSTYLE_PLAIN;
	}
}

static int
check_tag(struct loader *ld, const yaml_char_t *tag, const yaml_event_t *ev)
{
	if (!tag || ld->o->allow_any_tag || tag_allowed((const char *)tag))
		return 0;
	error_at_mark(ld, &ev->start_mark, "unsupported tag",
		      (const char *)tag);
	return -1;
}

static void
on_alias(struct loader *ld, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	struct strmap_entry *e = strmap_find(&ld->anchors, name, strlen(name));
	struct anchor *a = e ? e->value : NULL;
	size_t budget;
	struct ynode *c;
	int over_bytes = 0;

	if (!a) {
		error_at_mark(ld, &ev->start_mark, "unknown alias", name);
		return;
	}
	if (!a->complete) {
		error_at_mark(ld, &ev->start_mark,
			      "recursive alias (refers to a collection that contains it)",
			      name);
		return;
	}
	budget = ld->o->max_alias_nodes > ld->alias_nodes ?
		 ld->o->max_alias_nodes - ld->alias_nodes : 0;
	c = copy_arena(ld, a->node, &budget, &over_bytes);
	if (!c && over_bytes && ld->o->max_alias_bytes == limit_bytes(LIMIT_ALIAS)) {
		set_error(ld, (int)ev->start_mark.line + 1,
			  (int)ev->start_mark.column + 1,
			  "aliases expand to more than %s", limit_name(LIMIT_ALIAS));
		return;
	}
	if (!c && over_bytes) {
		set_error(ld, (int)ev->start_mark.line + 1,
			  (int)ev->start_mark.column + 1,
			  "aliases expand to more than %zu bytes",
			  ld->o->max_alias_bytes);
		return;
	}
	if (!c) {
		set_error(ld, (int)ev->start_mark.line + 1,
			  (int)ev->start_mark.column + 1,
			  "aliases expand to more than %zu nodes",
			  ld->o->max_alias_nodes);
		return;
	}
	ld->alias_nodes = ld->o->max_alias_nodes - budget;
	/* the copy keeps the anchored node's positions; point it at the alias */
	c->line = (int)ev->start_mark.line + 1 + ld->o->line_offset;
	c->col = (int)ev->start_mark.column + 1;
	c->end_line = (int)ev->end_mark.line + 1 + ld->o->line_offset;
	c->end_col = (int)ev->end_mark.column + 1;
	c->start_off = mark_offset(ld, &ev->start_mark);
	c->end_off = mark_offset(ld, &ev->end_mark);
	attach(ld, c);
}

static void
on_event(struct loader *ld, const yaml_event_t *ev)
{
	struct ynode *n;
	struct anchor *a = NULL;
	const yaml_char_t *anchor = NULL, *tag = NULL;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		if (check_tag(ld, tag, ev))
			return;
		n = node_new(ld, YNODE_SCALAR, ev);
		n->style = scalar_style(ev->data.scalar.style);
		n->text = arena_dup(ld, ev->data.scalar.value, ev->data.scalar.length);
		n->len = ev->data.scalar.length;
		/* "!" on a plain scalar makes it a string; keep it as a tag */
		if (tag)
			n->tag = arena_dup(ld, tag, strlen((const char *)tag));
		if (anchor) {
			a = anchor_add(ld, (const char *)anchor, n);
			a->complete = 1;
		}
		attach(ld, n);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (ev->type == YAML_SEQUENCE_START_EVENT) {
			anchor = ev->data.sequence_start.anchor;
			tag = ev->data.sequence_start.tag;
		} else {
			anchor = ev->data.mapping_start.anchor;
			tag = ev->data.mapping_start.tag;
		}
		if (check_tag(ld, tag, ev))
			return;
		if ((int)ld->depth >= ld->o->max_depth) {
			set_error(ld, (int)ev->start_mark.line + 1,
				  (int)ev->start_mark.column + 1,
				  "nesting deeper than %d levels", ld->o->max_depth);
			return;
		}
		n = node_new(ld, ev->type == YAML_SEQUENCE_START_EVENT ?
			     YNODE_SEQ : YNODE_MAP, ev);
		if (ev->type == YAML_SEQUENCE_START_EVENT)
			n->style = ev->data.sequence_start.style ==
				YAML_FLOW_SEQUENCE_STYLE ? YSTYLE_FLOW : YSTYLE_BLOCK;
		else
			n->style = ev->data.mapping_start.style ==
				YAML_FLOW_MAPPING_STYLE ? YSTYLE_FLOW : YSTYLE_BLOCK;
		if (tag)
			n->tag = arena_dup(ld, tag, strlen((const char *)tag));
		if (anchor)
			a = anchor_add(ld, (const char *)anchor, n);
		attach(ld, n);
		push(ld, n, a);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (ld->depth)
			pop(ld, ev);
		break;
	case YAML_ALIAS_EVENT:
		on_alias(ld, ev);
		break;
	default:
		break;
	}
}

/* Before the arena: the open collections' children arrays are still
 * malloc'ed. */
static void
loader_release(struct loader *ld)
{
	while (ld->depth) {
		struct frame *f = &ld->stack[--ld->depth];

		strmap_release(&f->keys);
		free(f->node->kids);
		f->node->kids = NULL;
		f->node->nkids = 0;
	}
	free(ld->stack);
	for (size_t i = 0; i < ld->nall; i++) {
		free(ld->all[i]->name);
		free(ld->all[i]);
	}
	free(ld->all);
	strmap_release(&ld->anchors);
	free(ld->lines);
}

int
ynode_parse_stream(struct ynode ***out_docs, size_t *out_n, const char *buf,
		   size_t len, const struct ynode_opts *opts,
		   struct diag_list *errs)
{
	static const struct ynode_opts defaults = YNODE_OPTS_INIT;
	struct loader ld;
	yaml_parser_t parser;
	yaml_event_t ev;
	struct ynode **docs = NULL;
	size_t ndocs = 0, alloc = 0;
	int done = 0;

	*out_docs = NULL;
	*out_n = 0;
	memset(&ld, 0, sizeof(ld));
	ld.buf = buf;
	ld.len = len;
	ld.o = opts ? opts : &defaults;
	ld.errs = errs;
	ld.c_line = (size_t)-1;
	strmap_init(&ld.anchors);
	build_lines(&ld);

	if (!yaml_parser_initialize(&parser))
		xalloc_oom(0);          /* its buffers could not be allocated */
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done && !ld.failed) {
		if (!yaml_parser_parse(&parser, &ev)) {
			parser_error(&ld, &parser);
			break;
		}
		switch (ev.type) {
		case YAML_DOCUMENT_START_EVENT:
			ld.root = NULL;
			ld.have_root = 0;
			ld.arena = ld.cur = NULL;  /* the last one belongs to its root */
			ld.next_chunk = first_chunk(len);
			/* anchors do not carry across documents */
			strmap_release(&ld.anchors);
			strmap_init(&ld.anchors);
			break;
		case YAML_DOCUMENT_END_EVENT:
			docs = xgrow(docs, &alloc, ndocs + 1, sizeof(*docs));
			docs[ndocs++] = ld.root;
			ld.root = NULL;
			ld.have_root = 0;
			ld.arena = ld.cur = NULL;
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			on_event(&ld, &ev);
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (ld.failed) {
		/* the open nodes belong to ld.root's arena; loader_release
		 * frees the open frames' key maps and children arrays first */
		loader_release(&ld);
		if (ld.root)
			ynode_free(ld.root);
		else
			arena_free(ld.arena);
		ynode_free_docs(docs, ndocs);
		return DK_EINVALID;
	}
	loader_release(&ld);
	*out_docs = docs;
	*out_n = ndocs;
	return 0;
}

int
ynode_parse(struct ynode **out, const char *buf, size_t len,
	    const struct ynode_opts *opts, struct diag_list *errs)
{
	struct ynode **docs;
	size_t n;
	int rc;

	*out = NULL;
	rc = ynode_parse_stream(&docs, &n, buf, len, opts, errs);
	if (rc)
		return rc;
	if (n > 1) {
		int line = docs[1] ? docs[1]->line : 0;

		ynode_free_docs(docs, n);
		if (errs)
			diag_add(errs, SEV_ERROR, NULL, NULL, line ? line : 1, 1,
				 "more than one YAML document")->code = DK_EINVALID;
		return DK_EINVALID;
	}
	if (n == 1)
		*out = docs[0];
	free(docs);
	return 0;
}

