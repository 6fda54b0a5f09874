/* rank_out.c: the proposal of `docket rank` as text or JSON (see
 * rank_out.h). */
#include "formats/rank_out.h"

#include <math.h>
#include <string.h>

#include "core/item.h"
#include "core/text.h"
#include "formats/json.h"
#include "formats/listing.h"

/* An entry's opening: id, title and old rank. */
static void
entry_begin(struct jw *w, const struct rank_entry *e)
{
	jw_object(w);
	jw_kstr(w, "id", e->id);
	jw_kstr(w, "title", e->item ? e->item->title : NULL);
	jw_kpos(w, "rank_from", e->old_rank);
}

static void
rank_json(struct sbuf *out, const struct rank_plan *p, const struct sbuf *changes)
{
	(void)changes;
	size_t known = p->n - p->nunknown;
	struct jw w;

	jw_init(&w, out, 1, 0);
	jw_object(&w);
	jw_kstr(&w, "by", score_kind_name(p->kind));
	jw_kint(&w, "changes", (long long)rank_plan_changes(p));
	jw_kint(&w, "shifted", (long long)rank_plan_shifted(p));
	jw_break(&w);
	jw_key(&w, "proposal");
	jw_array_lines(&w);
	for (size_t i = 0; i < p->n; i++) {
		const struct rank_entry *e = &p->v[i];

		entry_begin(&w, e);
		jw_kint(&w, "rank_to", e->new_rank);
		jw_knum(&w, "score", e->score);
		jw_kbool(&w, "mvl", e->item && e->item->mvl);
		jw_kbool(&w, "moved", e->moved);
		jw_kstr(&w, "needed_by", e->needed_by);
		jw_end(&w);
	}
	jw_end(&w);
	jw_break(&w);
	jw_key(&w, "leaving");
	jw_array_lines(&w);
	for (size_t i = 0; i < p->ngone; i++) {
		const struct rank_entry *e = &p->v[p->n + i];

		entry_begin(&w, e);
		jw_kstr(&w, "status", e->item ? item_status_name(e->item->status) : NULL);
		jw_end(&w);
	}
	jw_end(&w);
	jw_break(&w);
	jw_key(&w, "unknown");
	jw_array(&w);
	for (size_t i = known; i < p->n; i++)
		jw_str(&w, p->v[i].id);
	jw_end(&w);
	jw_break(&w);
	jw_key(&w, "kept");
	jw_array(&w);
	for (size_t i = 0; i < p->nkept; i++) {
		const struct rank_kept *k = &p->kept[i];

		jw_object(&w);
		jw_kstr(&w, "id", k->id);
		jw_kstr(&w, "section", p->sec_title[k->section]);
		jw_kstr(&w, "would_be", k->above ? "above" : "below");
		jw_kstr(&w, "other", k->other);
		jw_kstr(&w, "other_section", p->sec_title[k->other_section]);
		jw_end(&w);
	}
	jw_end(&w);
	jw_break(&w);
	jw_key(&w, "empty_sections");
	jw_array(&w);
	for (size_t s = 1; s < p->nsections; s++)
		if (!p->sec_ids[s] && p->sec_title[s])
			jw_str(&w, p->sec_title[s]);
	jw_end(&w);
	jw_end(&w);
	sbuf_addc(out, '\n');
}

static void
add_rank(struct sbuf *sb, long r)
{
	if (r > 0)
		sbuf_addf(sb, "#%ld", r);
	else
		sbuf_adds(sb, "new");
}

void
rank_changes(struct sbuf *out, const struct rank_plan *p)
{
	struct sbuf from = SBUF_INIT;
	size_t wid = 0, wfrom = 0;

	for (size_t i = 0; i < p->n + p->ngone; i++) {
		const struct rank_entry *e = &p->v[i];

		if (i < p->n && !e->moved && e->old_rank)
			continue;
		if (text_width(e->id, strlen(e->id)) > wid)
			wid = text_width(e->id, strlen(e->id));
		sbuf_reset(&from);
		add_rank(&from, e->old_rank);
		sbuf_addf(&from, " → #%ld", e->new_rank);
		if (text_width(from.buf, from.len) > wfrom)
			wfrom = text_width(from.buf, from.len);
	}
	for (size_t i = 0; i < p->n + p->ngone; i++) {
		const struct rank_entry *e = &p->v[i];
		char num[32];

		if (i < p->n && !e->moved && e->old_rank)
			continue;
		sbuf_adds(out, "  ");
		text_pad(out, e->id, strlen(e->id), wid, 0);
		sbuf_adds(out, "  ");
		sbuf_reset(&from);
		add_rank(&from, e->old_rank);
		if (i >= p->n)
			sbuf_adds(&from, " → out");
		else
			sbuf_addf(&from, " → #%ld", e->new_rank);
		text_pad(out, from.buf, from.len, wfrom, 0);
		if (i >= p->n) {
			sbuf_addf(out, "  %s", e->item ? item_status_name(e->item->status) : "");
		} else if (!e->item) {
			sbuf_adds(out, "  no item file");
		} else {
			listing_fmt_num(num, sizeof(num), e->score);
			sbuf_addf(out, "  score %s", isnan(e->score) ? "-" : num);
			if (e->item->mvl)
				sbuf_adds(out, "  mvl");
			if (e->needed_by)
				sbuf_addf(out, "  needed by %s", e->needed_by);
		}
		while (out->len && out->buf[out->len - 1] == ' ')
			sbuf_setlen(out, out->len - 1);
		sbuf_addc(out, '\n');
	}
	sbuf_release(&from);
}

void
rank_summary(struct sbuf *out, const struct rank_plan *p)
{
	size_t moved = 0, added = 0, shifted = rank_plan_shifted(p);
	const char *sep = "";

	for (size_t i = 0; i < p->n; i++) {
		moved += p->v[i].moved;
		added += !p->v[i].old_rank;
	}
	if (moved) {
		sbuf_addf(out, "%zu %s", moved, moved == 1 ? "move" : "moves");
		sep = ", ";
	}
	if (added) {
		sbuf_addf(out, "%s%zu newly ranked", sep, added);
		sep = ", ";
	}
	if (p->ngone) {
		sbuf_addf(out, "%s%zu leaving ORDER (done or stopped)", sep, p->ngone);
		sep = ", ";
	}
	if (shifted)
		sbuf_addf(out, "; %zu other%s with them", shifted,
			  shifted == 1 ? " shifts" : "s shift");
	sbuf_adds(out, ".\n");
}

/* A section's name: its header without the '#' (or "the top"). */
static void
section_name(struct sbuf *out, const struct rank_plan *p, size_t s)
{
	const char *t = s < p->nsections ? p->sec_title[s] : NULL;
	size_t n;

	if (!t) {
		sbuf_adds(out, "the top of ORDER");
		return;
	}
	while (*t == ' ' || *t == '\t' || *t == '#')
		t++;
	n = strlen(t);
	while (n && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		n--;
	sbuf_addc(out, '\'');
	text_escape_term(out, t, n);
	sbuf_addc(out, '\'');
}

void
rank_kept_text(struct sbuf *out, const struct rank_plan *p, int prune)
{
	if (p->nkept) {
		sbuf_addf(out, "Kept in their section of ORDER (no item crosses a section header; move one by hand with docket move):\n");
		for (size_t i = 0; i < p->nkept; i++) {
			const struct rank_kept *k = &p->kept[i];

			if (i == 10 && p->nkept > 11) {
				sbuf_addf(out, "  and %zu more (docket rank --format json lists them)\n",
					  p->nkept - i);
				break;
			}
			sbuf_adds(out, "  ");
			text_escape_term(out, k->id, strlen(k->id));
			sbuf_adds(out, " stays in ");
			section_name(out, p, k->section);
			sbuf_addf(out, ": its score would rank it %s ", k->above ? "above" : "below");
			text_escape_term(out, k->other, strlen(k->other));
			sbuf_adds(out, " in ");
			section_name(out, p, k->other_section);
			sbuf_addc(out, '\n');
		}
	}
	if (p->nempty) {
		sbuf_addf(out, "%zu section header%s left with no item:", p->nempty,
			  p->nempty == 1 ? " is" : "s are");
		for (size_t s = 1; s < p->nsections; s++)
			if (!p->sec_ids[s] && p->sec_title[s]) {
				sbuf_addc(out, ' ');
				section_name(out, p, s);
			}
		sbuf_adds(out, prune ? " (removed: --prune-sections).\n" :
			  " (--apply --prune-sections removes them).\n");
	}
}

static void
rank_text(struct sbuf *out, const struct rank_plan *p, const struct sbuf *changes)
{
	if (!rank_plan_changes(p)) {
		sbuf_addf(out, "ORDER already follows the %s order (%zu item%s).\n",
			  score_kind_name(p->kind), p->n, p->n == 1 ? "" : "s");
		rank_kept_text(out, p, 0);
		return;
	}
	sbuf_addf(out, "Proposed order by %s (MVL first, dependencies before dependants, within each section):\n",
		  score_kind_name(p->kind));
	sbuf_add(out, changes->buf, changes->len);
	rank_summary(out, p);
	rank_kept_text(out, p, 0);
}

static const struct rank_format rows[] = {
	{ { "text", "the changes", 0 }, rank_text },
	{ { "json", "the whole proposal", 0 }, rank_json },
	{ { NULL, NULL, 0 }, NULL },
};
const struct format_table rank_formats = FORMAT_TABLE(rows);
