/*
 * import.c: the pieces every import source shares: source kinds,
 * field values, the record list, name normalisation, date parsing and
 * slugs.  See import.h for the design.
 */
#include "formats/import.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "core/xalloc.h"
#include "formats/import_arena.h"
#include "core/utf8.h"
#include "formats/import_spill.h"

/* in enum import_kind's order */
static const struct import_kind_row kinds[] = {
	{ { "csv", NULL, 0 }, IMPORT_CSV, "CSV" },
	{ { "jira", NULL, 0 }, IMPORT_JIRA, "Jira" },
	{ { "trello", NULL, 0 }, IMPORT_TRELLO, "Trello" },
	{ { "asana", NULL, 0 }, IMPORT_ASANA, "Asana" },
	{ { "backlog-md", NULL, 0 }, IMPORT_BACKLOG_MD, "Backlog.md" },
	{ { NULL, NULL, 0 }, IMPORT_CSV, NULL },
};
const struct format_table import_kinds = FORMAT_TABLE(kinds);

const char *
import_kind_name(enum import_kind k)
{
	return kinds[k].f.name;
}

const char *
import_kind_title(enum import_kind k)
{
	return kinds[k].title;
}

int
import_kind_parse(enum import_kind *out, const char *s)
{
	const struct format *f = format_find(&import_kinds, s);

	if (!f)
		return -1;
	*out = FORMAT_ROW(struct import_kind_row, f)->kind;
	return 0;
}

/* ---- values -------------------------------------------------------- */

static void
ival_release(struct ival *v)
{
	free(v->str);
	for (size_t i = 0; i < v->n; i++)
		free(v->list[i]);
	free(v->list);
	if (v->seen)
		strmap_release(v->seen);
	free(v->seen);
	memset(v, 0, sizeof(*v));
}

void
ifields_release(struct ifields *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].key);
		ival_release(&f->v[i].v);
	}
	free(f->v);
	strmap_release(&f->idx);
	memset(f, 0, sizeof(*f));
}

/* A record of a few fields is searched; one of more than this many
 * (a CSV of thousands of columns) through its index: linear, with no
 * index to hold for each of 100,000 short records. */
#define IFIELDS_INDEXED 16

static void
ifields_index(struct ifields *f)
{
	strmap_release(&f->idx);
	strmap_init(&f->idx);
	if (f->n <= IFIELDS_INDEXED)
		return;
	for (size_t i = 0; i < f->n; i++)
		strmap_put(&f->idx, f->v[i].key, strlen(f->v[i].key), (void *)(uintptr_t)i);
}

void
ifields_reindex(struct ifields *f)
{
	ifields_index(f);
}

void
ifields_fit(struct ifields *f)
{
	if (f->n && f->n < f->alloc) {
		f->v = xrealloc(f->v, f->n * sizeof(*f->v));
		f->alloc = f->n;
	}
}

struct ifield *
ifields_get(const struct ifields *f, const char *key)
{
	struct strmap_entry *e;

	if (f->n <= IFIELDS_INDEXED) {
		for (size_t i = 0; i < f->n; i++)
			if (!strcmp(f->v[i].key, key))
				return &f->v[i];
		return NULL;
	}
	e = strmap_find(&f->idx, key, strlen(key));
	return e ? &f->v[(uintptr_t)e->value] : NULL;
}

void
ifields_remove(struct ifields *f, const char *key)
{
	struct ifield *x = ifields_get(f, key);
	struct ifield gone;

	if (!x)
		return;
	gone = *x;
	memmove(x, x + 1, (size_t)(f->v + f->n - (x + 1)) * sizeof(*x));
	f->n--;
	free(gone.key);
	ival_release(&gone.v);
	/* the indexes after it moved down */
	ifields_index(f);
}

/* The field for key, emptied (or new at the end). */
static struct ifield *
slot(struct ifields *f, const char *key)
{
	struct ifield *x = ifields_get(f, key);

	if (x) {
		ival_release(&x->v);
		return x;
	}
	f->v = xgrow(f->v, &f->alloc, f->n + 1, sizeof(*f->v));
	x = &f->v[f->n++];
	memset(x, 0, sizeof(*x));
	x->key = xstrdup(key);
	if (f->n == IFIELDS_INDEXED + 1)
		ifields_index(f);
	else if (f->n > IFIELDS_INDEXED + 1)
		strmap_put(&f->idx, x->key, strlen(x->key), (void *)(uintptr_t)(f->n - 1));
	return x;
}

struct ifield *
ifields_set_str(struct ifields *f, const char *key, const char *s)
{
	struct ifield *x = slot(f, key);

	x->v.type = IVAL_STR;
	x->v.str = xstrdup(s);
	return x;
}

struct ifield *
ifields_set_num(struct ifields *f, const char *key, double v, const char *text)
{
	struct ifield *x = slot(f, key);

	x->v.type = IVAL_NUM;
	x->v.num = v;
	x->v.str = text ? xstrdup(text) : xasprintf("%.17g", v);
	return x;
}

struct ifield *
ifields_set_bool(struct ifields *f, const char *key, int b)
{
	struct ifield *x = slot(f, key);

	x->v.type = IVAL_BOOL;
	x->v.num = b ? 1 : 0;
	x->v.str = xstrdup(b ? "true" : "false");
	return x;
}

struct ifield *
ifields_set_date(struct ifields *f, const char *key, const char *ymd)
{
	struct ifield *x = slot(f, key);

	x->v.type = IVAL_DATE;
	x->v.str = xstrdup(ymd);
	return x;
}

struct ifield *
ifields_push(struct ifields *f, const char *key, const char *s, int unique)
{
	struct ifield *x = ifields_get(f, key);
	struct ival *v;

	if (!x) {
		x = slot(f, key);
		x->v.type = IVAL_LIST;
	}
	v = &x->v;
	if (v->type != IVAL_LIST) {
		char *first = v->str;

		v->str = NULL;
		v->type = IVAL_LIST;
		v->list = xgrow(v->list, &v->alloc, 1, sizeof(*v->list));
		v->list[v->n++] = first;
	}
	if (unique) {
		/* a short list is searched; a long one (a CSV of thousands of
		 * repeated columns) through a set of its values: linear */
		if (!v->seen && v->n >= 16) {
			v->seen = xcalloc(1, sizeof(*v->seen));
			strmap_init(v->seen);
			for (size_t i = 0; i < v->n; i++)
				strmap_put(v->seen, v->list[i], strlen(v->list[i]), v->list[i]);
		}
		if (v->seen) {
			if (strmap_find(v->seen, s, strlen(s)))
				return x;
		} else {
			for (size_t i = 0; i < v->n; i++)
				if (!strcmp(v->list[i], s))
					return x;
		}
	}
	v->list = xgrow(v->list, &v->alloc, v->n + 1, sizeof(*v->list));
	v->list[v->n++] = xstrdup(s);
	if (v->seen)
		strmap_put(v->seen, v->list[v->n - 1], strlen(s), v->list[v->n - 1]);
	return x;
}

void
ival_text(struct sbuf *out, const struct ival *v)
{
	if (v->type != IVAL_LIST) {
		sbuf_adds(out, v->str ? v->str : "");
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		if (i)
			sbuf_adds(out, ", ");
		sbuf_adds(out, v->list[i]);
	}
}

/* ---- the list ------------------------------------------------------ */

void
import_list_init(struct import_list *l, enum import_kind kind)
{
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	diag_list_init(&l->diags);
}

static void
strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The parts of a record (x). */
static void
rec_free(struct import_rec *x)
{
	if (!x)
		return;
	ifields_release(&x->src);
	ifields_release(&x->out);
	free(x->body);
	free(x->recovered);
	free(x->where);
	free(x->keys);
	strv_free(x->notes, x->nnotes);
	strv_free(x->deps, x->ndeps);
	free(x->follows);
	strv_free(x->cycles, x->ncycles);
	for (size_t i = 0; i < x->nsections; i++) {
		free(x->sections[i].name);
		free(x->sections[i].text);
	}
	free(x->sections);
	free(x);
}

/* Items are in the list's slabs: what they own goes, and the item is
 * left empty (its room goes with the list). */
static void
item_free_(struct import_item *it)
{
	rec_free(it->x);
	memset(it, 0, sizeof(*it));
}

struct import_ext *
import_item_ext(struct import_list *l, struct import_item *it)
{
	if (!it->ext)
		it->ext = import_list_room(l, sizeof(*it->ext));
	return it->ext;
}

struct import_sortkey *
import_item_sort(struct import_list *l, struct import_item *it)
{
	return &import_item_ext(l, it)->sort;
}

#define SLAB 1024                 /* items per slab */
#define STR_BLOCK 65536           /* bytes per block of strings */

const char *
import_list_str(struct import_list *l, const char *s)
{
	size_t n = strlen(s) + 1;
	char *d;

	if (!l->nstrs || l->str_cap - l->str_used < n) {
		l->str_cap = n > STR_BLOCK ? n : STR_BLOCK;
		l->strs = xgrow(l->strs, &l->astrs, l->nstrs + 1, sizeof(*l->strs));
		l->strs[l->nstrs++] = import_list_room(l, l->str_cap);
		l->str_used = 0;
	}
	d = l->strs[l->nstrs - 1] + l->str_used;
	memcpy(d, s, n);
	l->str_used += n;
	return d;
}

void *
import_list_room(struct import_list *l, size_t size)
{
	if (l->arena)
		return import_arena_alloc(l->arena, size);
	l->rooms = xgrow(l->rooms, &l->arooms, l->nrooms + 1, sizeof(*l->rooms));
	return l->rooms[l->nrooms++] = xcalloc(1, size ? size : 1);
}

void *
import_list_scratch(struct import_list *l, size_t size)
{
	return l->arena ? import_arena_alloc(l->arena, size) : xcalloc(1, size ? size : 1);
}

void
import_list_scratch_free(struct import_list *l, void *p)
{
	if (!l->arena)
		free(p);
}

void
import_rec_free(struct import_rec *x)
{
	rec_free(x);
}

const char *
import_item_what(const struct import_item *it, char buf[32], const char *dflt)
{
	if (it->ext && it->ext->what)
		return it->ext->what;
	if (!it->row_what)
		return dflt;
	snprintf(buf, 32, "row %d", it->line);
	return buf;
}

const char *
import_list_name(struct import_list *l, const char *s)
{
	struct strmap_entry *e = strmap_find(&l->names_idx, s, strlen(s));
	char *k;

	if (e)
		return e->key;
	l->names = xgrow(l->names, &l->anames, l->nnames + 1, sizeof(*l->names));
	k = l->names[l->nnames++] = xstrdup(s);
	strmap_put(&l->names_idx, k, strlen(k), k);
	return k;
}

void
import_list_release(struct import_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		item_free_(import_list_at(l, i));
	if (!l->arena)
		free(l->items);
	for (size_t i = 0; i < l->nskips; i++) {
		free(l->skips[i].file);
		free(l->skips[i].reason);
	}
	free(l->skips);
	strv_free(l->unmapped, l->nunmapped);
	strmap_release(&l->unmapped_idx);
	strv_free(l->wheres, l->nwheres);
	strmap_release(&l->wheres_idx);
	diag_list_release(&l->diags);
	free(l->digest);
	strv_free(l->names, l->nnames);
	/* the slabs and blocks of strings are rooms: the arena's, or
	 * freed with the others */
	free(l->slabs);
	free(l->strs);
	strv_free((char **)l->rooms, l->nrooms);
	strmap_release(&l->names_idx);
	free(l->tally);
	strv_free(l->tally_keys, l->ntally);
	strmap_release(&l->tally_idx);
	import_spill_close(l);
	import_arena_close(l->arena);
	memset(l, 0, sizeof(*l));
}

unsigned
import_where_intern(struct import_list *l, const char *where)
{
	struct strmap_entry *e;
	char *k;

	if (!l->nwheres) {
		l->wheres = xgrow(l->wheres, &l->awheres, 1, sizeof(*l->wheres));
		l->wheres[l->nwheres++] = xstrdup("");
	}
	if (!*where)
		return 0;
	if ((e = strmap_find(&l->wheres_idx, where, strlen(where))))
		return (unsigned)(uintptr_t)e->value;
	l->wheres = xgrow(l->wheres, &l->awheres, l->nwheres + 1, sizeof(*l->wheres));
	k = l->wheres[l->nwheres] = xstrdup(where);
	strmap_put(&l->wheres_idx, k, strlen(k), (void *)(uintptr_t)l->nwheres);
	return (unsigned)l->nwheres++;
}

const char *
import_where(const struct import_list *l, const struct import_item *it,
	     size_t j)
{
	if (!it->x || !it->x->where || j >= it->x->nwhere || it->x->where[j] >= l->nwheres)
		return "";
	return l->wheres[it->x->where[j]];
}

const char *
import_where_key(const struct import_list *l, const struct import_item *it,
		 size_t j)
{
	if (!it->x || !it->x->keys || j >= it->x->nwhere || it->x->keys[j] >= l->nwheres)
		return "";
	return l->wheres[it->x->keys[j]];
}

struct import_item *
import_list_add(struct import_list *l, const char *file, int line)
{
	struct import_item *it;

	if (!l->nslabs || l->slab_used == SLAB) {
		l->slabs = xgrow(l->slabs, &l->aslabs, l->nslabs + 1, sizeof(*l->slabs));
		l->slabs[l->nslabs++] = import_list_room(l, SLAB * sizeof(**l->slabs));
		l->slab_used = 0;
	}
	it = &l->slabs[l->nslabs - 1][l->slab_used++];
	it->x = xcalloc(1, sizeof(*it->x));
	it->file = import_list_name(l, file ? file : "");
	it->line = line;
	it->seq = (uint32_t)l->n;
	if (!l->arena) {
		l->items = xgrow(l->items, &l->alloc, l->n + 1, sizeof(*l->items));
	} else if (l->n + 1 > l->alloc) {
		size_t na = l->alloc ? l->alloc * 2 : 1024;

		l->items = import_arena_grow(l->arena, l->items,
					     l->n * sizeof(*l->items),
					     na * sizeof(*l->items));
		l->alloc = na;
	}
	l->items[l->n++] = it;
	import_arena_visit(l->arena);
	return it;
}

void
import_list_skip(struct import_list *l, int failed, const char *file,
		 int line, const char *fmt, ...)
{
	struct import_skip *s;
	struct sbuf sb = SBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	l->skips = xgrow(l->skips, &l->askips, l->nskips + 1, sizeof(*l->skips));
	s = &l->skips[l->nskips++];
	s->file = xstrdup(file ? file : "");
	s->line = line;
	s->reason = sbuf_detach(&sb, NULL);
	s->failed = failed;
}

size_t
import_list_failed(const struct import_list *l)
{
	size_t n = 0;

	for (size_t i = 0; i < l->nskips; i++)
		n += l->skips[i].failed != 0;
	return n;
}

void
import_item_free(struct import_item *it)
{
	item_free_(it);
}

void
import_list_drop_if(struct import_list *l,
		    int (*drop)(struct import_list *l, struct import_item *it,
				void *arg),
		    void *arg)
{
	size_t kept = 0;

	for (size_t i = 0; i < l->n; i++) {
		struct import_item *it = import_list_at(l, i);

		if (drop(l, it, arg))
			item_free_(it);
		else
			l->items[kept++] = it;
	}
	l->n = kept;
}

static int
cmp_items(const void *pa, const void *pb)
{
	const struct import_item *x = *(const struct import_item *const *)pa;
	const struct import_item *y = *(const struct import_item *const *)pb;
	static const struct import_sortkey none;
	const struct import_sortkey *a = x->ext ? &x->ext->sort : &none;
	const struct import_sortkey *b = y->ext ? &y->ext->sort : &none;
	int c;

	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	if (!a->rank_str != !b->rank_str)
		return a->rank_str ? -1 : 1;
	if (a->rank_str && (c = strcmp(a->rank_str, b->rank_str)))
		return c;
	if (a->has_rank_num != b->has_rank_num)
		return a->has_rank_num ? -1 : 1;
	if (a->has_rank_num && a->rank_num != b->rank_num)
		return a->rank_num < b->rank_num ? -1 : 1;
	if (a->tie != b->tie)
		return a->tie < b->tie ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
import_msort(void *base, size_t n, size_t size, void *tmp,
	     int (*cmp)(const void *a, const void *b, void *arg), void *arg)
{
	char *a = base, *t = tmp;

	for (size_t w = 1; w < n; w *= 2)
		for (size_t lo = 0; lo + w < n; lo += 2 * w) {
			size_t mid = lo + w, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, k = lo;

			while (i < mid && j < hi) {
				/* the later run's first goes first only when
				 * smaller: stable */
				size_t from = cmp(a + j * size, a + i * size, arg) < 0 ? j++ : i++;

				memcpy(t + k++ * size, a + from * size, size);
			}
			memcpy(t + k * size, a + i * size, (mid - i) * size);
			k += mid - i;
			memcpy(t + k * size, a + j * size, (hi - j) * size);
			memcpy(a + lo * size, t + lo * size, (hi - lo) * size);
		}
}

/* cmp_items for import_msort: a comparison visits the records. */
static int
cmp_items_visit(const void *a, const void *b, void *arg)
{
	const struct import_list *l = arg;

	import_arena_visit(l->arena);
	return cmp_items(a, b);
}

void
import_list_sort(struct import_list *l)
{
	struct import_item **tmp;
	size_t sorted = 1;

	/* the list is read whole when it is sorted: the room its array
	 * grew by goes back (a pointer per record, up to twice over) */
	if (!l->arena && l->alloc > l->n + 1) {
		l->items = xrealloc(l->items, (l->n + 1) * sizeof(*l->items));
		l->alloc = l->n + 1;
	}
	/* most exports come in order (a CSV without a rank): one look */
	for (size_t i = 1; i < l->n && sorted; i++) {
		import_arena_visit(l->arena);
		sorted = cmp_items(&l->items[i - 1], &l->items[i]) <= 0;
	}
	if (sorted)
		return;
	/* else a merge sort (seq makes the comparison total) that visits
	 * the records as it compares them */
	tmp = import_list_scratch(l, l->n * sizeof(*tmp));
	import_msort(l->items, l->n, sizeof(*l->items), tmp, cmp_items_visit, l);
	import_list_scratch_free(l, tmp);
}

struct import_item *
import_list_at(const struct import_list *l, size_t i)
{
	import_arena_visit(l->arena);
	return l->items[i];
}

/* ---- names ----------------------------------------------------------- */

char *
import_slug(const char *s)
{
	struct sbuf sb = SBUF_INIT;

	import_norm(&sb, s);
	for (size_t i = 0; i < sb.len; i++)
		if (sb.buf[i] == ' ')
			sb.buf[i] = '-';
	return sbuf_detach(&sb, NULL);
}

/* ---- dates -------------------------------------------------------- */

static const char *const months[] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec",
};

/* Month number of an English month name or abbreviation at s (length
 * n), or 0. */
static int
month_of(const char *s, size_t n)
{
	static const char *const full[] = {
		"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december",
	};

	for (int i = 0; i < 12; i++) {
		if (n == 3 && !strncasecmp(s, months[i], 3))
			return i + 1;
		if (n == 4 && !strncasecmp(s, "sept", 4) && i == 8)
			return 9;
		if (n == strlen(full[i]) && !strncasecmp(s, full[i], n))
			return i + 1;
	}
	return 0;
}

/* Split s into up to 3 date tokens (numbers and words), stopping at a
 * time of day or at 'T'.  Returns the number of tokens. */
struct dtok {
	const char *s;
	size_t n;
	int num;                  /* all digits */
};

static int
date_tokens(const char *s, struct dtok *t)
{
	int k = 0;
	const char *p = s;

	while (*p == ' ' || *p == '\t')
		p++;
	while (*p && k < 3) {
		const char *b = p;
		int digits = 1;

		while ((*p >= '0' && *p <= '9') ||
		       (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
			if (!(*p >= '0' && *p <= '9'))
				digits = 0;
			p++;
		}
		if (p == b)
			return -1;
		/* "2026-11-24T10:15": the T starts the time */
		if (k == 2 && !digits && b[0] >= '0' && b[0] <= '9') {
			size_t n = 0;

			while (b[n] >= '0' && b[n] <= '9')
				n++;
			if (b[n] != 'T' && b[n] != 't')
				return -1;
			p = b + n;
			digits = 1;
		}
		t[k].s = b;
		t[k].n = (size_t)(p - b);
		t[k].num = digits;
		k++;
		if (k == 3)
			break;
		/* separators: '-', '/', '.', ' ', ', ' */
		if (*p == ',')
			p++;
		if (*p != '-' && *p != '/' && *p != '.' && *p != ' ')
			break;
		p++;
		while (*p == ' ')
			p++;
	}
	/* the rest must be nothing, or a time/zone after a blank or 'T' */
	if (*p && *p != ' ' && *p != 'T' && *p != 't' && *p != '\t')
		return -1;
	return k;
}

static long
tok_num(const struct dtok *t)
{
	long v = 0;

	if (!t->num || t->n > 4)
		return -1;
	for (size_t i = 0; i < t->n; i++)
		v = v * 10 + (t->s[i] - '0');
	return v;
}

static int
make_date(char *out, long y, long m, long d)
{
	char buf[32];
	long day;

	if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	if (y < 100)
		y += 2000;
	if (y < 1900 || y > 2999)
		return -1;
	snprintf(buf, sizeof(buf), "%04ld-%02ld-%02ld", y, m, d);
	if (date_parse(&day, buf))
		return -1;
	memcpy(out, buf, 11);
	return 0;
}

int
import_date_parse(char *out, const char *s, enum import_date_order order)
{
	struct dtok t[3];
	int k;
	long a, b, c;

	if (!s)
		return -1;
	k = date_tokens(s, t);
	if (k != 3)
		return -1;
	a = tok_num(&t[0]);
	b = tok_num(&t[1]);
	c = tok_num(&t[2]);
	/* 2026-11-24, 2026/11/24 */
	if (t[0].num && t[0].n == 4 && t[1].num && t[2].num)
		return make_date(out, a, b, c);
	/* 24/Nov/26, 24-Nov-2026, 24 November 2026 */
	if (t[0].num && !t[1].num && t[2].num && t[2].n != 3)
		return make_date(out, c, month_of(t[1].s, t[1].n), a);
	/* Nov 24, 2026 */
	if (!t[0].num && t[1].num && t[2].num && t[2].n == 4)
		return make_date(out, c, month_of(t[0].s, t[0].n), b);
	/* numeric day/month/year */
	if (t[0].num && t[1].num && t[2].num && t[0].n <= 2 && t[1].n <= 2 &&
	    (t[2].n == 2 || t[2].n == 4)) {
		if (order == IMPORT_DATE_MDY || (order == IMPORT_DATE_AUTO && b > 12))
			return make_date(out, c, a, b);
		return make_date(out, c, b, a);
	}
	return -1;
}
