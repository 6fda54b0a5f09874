/* rank_out.c: the proposal of `docket rank` as JSON (see rank_out.h). */
#include "formats/rank_out.h"

#include "core/item.h"
#include "formats/json.h"

static void
rank_or_null(struct sbuf *out, long r)
{
	if (r > 0)
		sbuf_addf(out, "%ld", r);
	else
		sbuf_adds(out, "null");
}

/* An entry's opening: separator, id, title and old rank. */
static void
entry_begin(struct sbuf *out, const struct rank_entry *e, size_t i)
{
	sbuf_adds(out, i ? ",\n  " : "\n  ");
	sbuf_adds(out, "{\"id\": ");
	json_strz(out, e->id);
	sbuf_adds(out, ", \"title\": ");
	json_strz(out, e->item ? e->item->title : NULL);
	sbuf_adds(out, ", \"rank_from\": ");
	rank_or_null(out, e->old_rank);
}

void
rank_json(struct sbuf *out, const struct rank_plan *p)
{
	size_t known = p->n - p->nunknown;

	sbuf_adds(out, "{\"by\": ");
	json_strz(out, score_kind_name(p->kind));
	sbuf_addf(out, ", \"changes\": %zu, \"shifted\": %zu,\n \"proposal\": [",
		  rank_plan_changes(p), rank_plan_shifted(p));
	for (size_t i = 0; i < p->n; i++) {
		const struct rank_entry *e = &p->v[i];

		entry_begin(out, e, i);
		sbuf_addf(out, ", \"rank_to\": %ld, \"score\": ", e->new_rank);
		json_num(out, e->score);
		sbuf_addf(out, ", \"mvl\": %s, \"moved\": %s, \"needed_by\": ",
			  e->item && e->item->mvl ? "true" : "false",
			  e->moved ? "true" : "false");
		json_strz(out, e->needed_by);
		sbuf_addc(out, '}');
	}
	sbuf_adds(out, p->n ? "\n ],\n \"leaving\": [" : "],\n \"leaving\": [");
	for (size_t i = 0; i < p->ngone; i++) {
		const struct rank_entry *e = &p->v[p->n + i];

		entry_begin(out, e, i);
		sbuf_adds(out, ", \"status\": ");
		json_strz(out, e->item ? item_status_name(e->item->status) : NULL);
		sbuf_addc(out, '}');
	}
	sbuf_adds(out, p->ngone ? "\n ],\n \"unknown\": [" : "],\n \"unknown\": [");
	for (size_t i = known; i < p->n; i++) {
		if (i > known)
			sbuf_adds(out, ", ");
		json_strz(out, p->v[i].id);
	}
	sbuf_adds(out, "]}\n");
}
