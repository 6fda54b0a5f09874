/* rank_out.c: the proposal of `docket rank` as JSON (see rank_out.h). */
#include "formats/rank_out.h"

#include "core/item.h"
#include "formats/json.h"

/* An entry's opening: id, title and old rank. */
static void
entry_begin(struct jw *w, const struct rank_entry *e)
{
	jw_object(w);
	jw_kstr(w, "id", e->id);
	jw_kstr(w, "title", e->item ? e->item->title : NULL);
	jw_kpos(w, "rank_from", e->old_rank);
}

void
rank_json(struct sbuf *out, const struct rank_plan *p)
{
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
	jw_end(&w);
	sbuf_addc(out, '\n');
}
