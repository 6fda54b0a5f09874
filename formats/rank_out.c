/* rank_out.c: the proposal of `docket rank` as JSON (see rank_out.h). */
#include "formats/rank_out.h"

#include "core/item.h"
#include "formats/json.h"

/* An entry's opening: id, title and old rank. */
static void
entry_begin(struct jw *w, const struct rank_entry *e)
{
	jw_object(w);
	jw_key(w, "id");
	jw_str(w, e->id);
	jw_key(w, "title");
	jw_str(w, e->item ? e->item->title : NULL);
	jw_key(w, "rank_from");
	jw_pos(w, e->old_rank);
}

void
rank_json(struct sbuf *out, const struct rank_plan *p)
{
	size_t known = p->n - p->nunknown;
	struct jw w;

	jw_init(&w, out, 1, 0);
	jw_object(&w);
	jw_key(&w, "by");
	jw_str(&w, score_kind_name(p->kind));
	jw_key(&w, "changes");
	jw_int(&w, (long long)rank_plan_changes(p));
	jw_key(&w, "shifted");
	jw_int(&w, (long long)rank_plan_shifted(p));
	jw_break(&w);
	jw_key(&w, "proposal");
	jw_array_lines(&w);
	for (size_t i = 0; i < p->n; i++) {
		const struct rank_entry *e = &p->v[i];

		entry_begin(&w, e);
		jw_key(&w, "rank_to");
		jw_int(&w, e->new_rank);
		jw_key(&w, "score");
		jw_num(&w, e->score);
		jw_key(&w, "mvl");
		jw_bool(&w, e->item && e->item->mvl);
		jw_key(&w, "moved");
		jw_bool(&w, e->moved);
		jw_key(&w, "needed_by");
		jw_str(&w, e->needed_by);
		jw_end(&w);
	}
	jw_end(&w);
	jw_break(&w);
	jw_key(&w, "leaving");
	jw_array_lines(&w);
	for (size_t i = 0; i < p->ngone; i++) {
		const struct rank_entry *e = &p->v[p->n + i];

		entry_begin(&w, e);
		jw_key(&w, "status");
		jw_str(&w, e->item ? item_status_name(e->item->status) : NULL);
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
