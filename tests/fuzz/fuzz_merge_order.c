/*
 * libFuzzer harness: the three-way merge of ORDER.  The input is BASE,
 * OURS and THEIRS separated by the first two NUL bytes (missing parts are
 * empty).  Invariants:
 *   - no crash, and the result is rendered for every input;
 *   - a clean result has no id twice, keeps every id both sides have,
 *     keeps every id one side added, and drops every base id a side
 *     removed; the same holds for either side of a conflict;
 *   - a conflict has its markers; an unmergeable input keeps both files;
 *   - theirs unchanged from the base (and no repeated id, no CR in ours)
 *     gives back ours byte for byte.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/merge_order.h"
#include "core/order.h"
#include "core/strmap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct ids {
	struct order o;
	struct strmap set;
	int dup;
};

/* Parse as the merge reads ORDER: CRs before a line end are line end. */
static void
ids_load(struct ids *s, const char *p, size_t n)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct sbuf c = SBUF_INIT;

	for (size_t i = 0; i < n; i++) {
		size_t j = i;

		while (j < n && p[j] == '\r')
			j++;
		if (j > i && (j == n || p[j] == '\n')) {
			i = j - 1;
			continue;
		}
		sbuf_addc(&c, p[i]);
	}
	order_parse(&s->o, "ORDER", c.buf, c.len, &d);
	sbuf_release(&c);
	diag_list_release(&d);
	strmap_init(&s->set);
	s->dup = 0;
	for (size_t i = 0; i < s->o.nlines; i++) {
		const char *id = s->o.lines[i].id;

		if (!id)
			continue;
		if (strmap_find(&s->set, id, strlen(id)))
			s->dup = 1;
		else
			strmap_put(&s->set, id, strlen(id), (void *)1);
	}
}

static void
ids_release(struct ids *s)
{
	strmap_release(&s->set);
	order_release(&s->o);
}

static int
has(const struct ids *s, const char *id)
{
	return strmap_find(&s->set, id, strlen(id)) != NULL;
}

/* Check one resolution r of the merge of b, o, t. */
static void
check_result(const struct ids *b, const struct ids *o, const struct ids *t,
	     const char *r, size_t rlen)
{
	struct ids m;

	ids_load(&m, r, rlen);
	if (m.dup || m.o.conflict_line)
		__builtin_trap();
	for (int side = 0; side < 2; side++) {
		const struct ids *s = side ? t : o, *other = side ? o : t;

		for (size_t i = 0; i < s->o.nlines; i++) {
			const char *id = s->o.lines[i].id;
			int in_base, kept;

			if (!id)
				continue;
			in_base = has(b, id);
			kept = has(other, id) || !in_base;
			if (kept != has(&m, id))
				__builtin_trap();
		}
	}
	/* every id of the result comes from ours or theirs */
	for (size_t i = 0; i < m.o.nlines; i++)
		if (m.o.lines[i].id && !has(o, m.o.lines[i].id) &&
		    !has(t, m.o.lines[i].id))
			__builtin_trap();
	ids_release(&m);
}

/* Keep one side of every conflict block. */
static void
resolve(const char *r, size_t n, int keep_ours, struct sbuf *out)
{
	int side = 0;

	for (size_t off = 0; off < n;) {
		const char *p = r + off, *nl = memchr(p, '\n', n - off);
		size_t len = nl ? (size_t)(nl - p) + 1 : n - off;

		size_t t = len - (nl ? 1 : 0);

		if (t && p[t - 1] == '\r')
			t--;
		if (t == 12 && !memcmp(p, "<<<<<<< ours", 12))
			side = 1;
		else if (side == 1 && t == 7 && !memcmp(p, "=======", 7))
			side = 2;
		else if (side == 2 && t == 14 && !memcmp(p, ">>>>>>> theirs", 14))
			side = 0;
		else if (side == 0 || (side == 1) == keep_ours)
			sbuf_add(out, p, len);
		off += len;
	}
}

static int
contains(const char *h, size_t hn, const char *n, size_t nn)
{
	if (!nn)
		return 1;
	for (size_t i = 0; i + nn <= hn; i++)
		if (!memcmp(h + i, n, nn))
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *part[3] = { "", "", "" };
	size_t len[3] = { 0, 0, 0 }, k = 0, start = 0;
	struct sbuf out = SBUF_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	struct ids b, o, t;
	int rc;

	for (size_t i = 0; i <= size && k < 3; i++) {
		if (i == size || (p[i] == '\0' && k < 2)) {
			part[k] = p + start;
			len[k] = i - start;
			k++;
			start = i + 1;
		}
	}
	rc = merge_order(part[0], len[0], part[1], len[1], part[2], len[2],
			 &out, &d);
	ids_load(&b, part[0], len[0]);
	ids_load(&o, part[1], len[1]);
	ids_load(&t, part[2], len[2]);
	if (rc == 0) {
		check_result(&b, &o, &t, out.buf, out.len);
		if (len[0] == len[2] && !memcmp(part[0], part[2], len[0]) &&
		    !o.dup && !memchr(part[1], '\r', len[1]) &&
		    (out.len != len[1] || memcmp(out.buf, part[1], len[1])))
			__builtin_trap();
	} else if (rc == DK_ECONFLICT) {
		struct sbuf r = SBUF_INIT;

		if (!d.n || !contains(out.buf, out.len, "<<<<<<< ours", 12))
			__builtin_trap();
		for (int side = 0; side < 2; side++) {
			sbuf_reset(&r);
			resolve(out.buf, out.len, side == 0, &r);
			check_result(&b, &o, &t, r.buf, r.len);
		}
		sbuf_release(&r);
	} else if (rc == DK_EINVALID) {
		if (!contains(out.buf, out.len, part[1], len[1]) ||
		    !contains(out.buf, out.len, part[2], len[2]))
			__builtin_trap();
	} else {
		__builtin_trap();
	}
	ids_release(&b);
	ids_release(&o);
	ids_release(&t);
	sbuf_release(&out);
	diag_list_release(&d);
	return 0;
}
