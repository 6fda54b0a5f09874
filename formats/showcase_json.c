/*
 * showcase_json.c: the Team Showcase as JSON (see showcase.h): the same
 * content as the Markdown, as data.  Each item of the cycle appears once
 * in "items" with how it came into the cycle ("scope": committed, added,
 * removed, unplanned; "carried_in") and what became of it ("cycle_outcome":
 * open, completed, learned, stopped, carried over, earlier).
 */
#include "formats/showcase.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/strmap.h"
#include "formats/json.h"
#include "formats/metrics_out.h"

/* A field of the item as JSON (its YAML value), or null. */
static void
kfield(struct jw *w, const struct item *it, const char *k)
{
	const struct ynode *n = item_get(it, k);

	jw_key(w, k);
	if (n && n->type == YNODE_SCALAR && strcmp(k, "target") && strcmp(k, "actual"))
		jw_strn(w, n->text, n->len);
	else
		jw_ynode(w, n);
}

static void
ksection(struct jw *w, const char *k, const struct cycle *c, const char *heading)
{
	size_t len = 0;
	const char *sec = cycle_section(c, heading, &len);

	jw_key(w, k);
	if (sec && len)
		jw_strn(w, sec, len);
	else
		jw_null(w);
}

static const struct cycle *
later_cycle(const struct metrics *m, const struct cycle_stats *s,
	    const struct item *it)
{
	int after = 0;

	for (size_t i = 0; i < m->ncycles; i++) {
		const struct cycle *c = m->cycles[i].cycle;

		if (&m->cycles[i] == s)
			after = 1;
		else if (after && (cycle_has(c, it->id) || cycle_in_baseline(c, it->id)))
			return c;
	}
	return NULL;
}

static void
item_obj(struct jw *w, const struct metrics *m, const struct cycle_stats *s,
	 const struct scope_item *e)
{
	const struct item *it = e->item;
	const struct cycle *to;
	long fin = -1;

	jw_object(w);
	jw_kstr(w, "id", it->id);
	jw_kstr(w, "title", it->title);
	jw_kstr(w, "type", item_type_name(it->type));
	jw_kstr(w, "status", item_status_name(it->status));
	jw_knum(w, "effort", isnan(it->effort) ? NAN : it->effort);
	jw_knum(w, "remaining", metrics_remaining(it));
	jw_kstr(w, "scope", scope_how_name(e->how));
	jw_kbool(w, "carried_in", e->carried_in);
	jw_kstr(w, "cycle_outcome", scope_outcome_name(e->outcome));
	jw_kday(w, "changed", e->day);
	jw_kbool(w, "uncommitted", e->uncommitted);
	if (it->finished && date_parse(&fin, it->finished))
		fin = -1;
	jw_kday(w, "finished", fin);
	to = e->outcome == OUT_CARRIED ? later_cycle(m, s, it) : NULL;
	jw_kstr(w, "carried_to", to ? to->name : NULL);
	kfield(w, it, "result");
	kfield(w, it, "hypothesis");
	kfield(w, it, "metric");
	kfield(w, it, "target");
	kfield(w, it, "actual");
	kfield(w, it, "outcome");
	kfield(w, it, "stop_reason");
	jw_end(w);
}

static void
improvements(struct jw *w, const char *k, const struct cycle_stats *s)
{
	jw_key(w, k);
	if (!s) {
		jw_null(w);
		return;
	}
	jw_object(w);
	jw_kstr(w, "cycle", s->cycle->name);
	ksection(w, "notes", s->cycle, "Improvements");
	jw_key(w, "items");
	jw_array(w);
	for (size_t i = 0; i < s->nscope; i++) {
		const struct item *it = s->scope[i].item;

		if (it->type != TYPE_IMPROVEMENT || s->scope[i].how == SCOPE_REMOVED)
			continue;
		jw_object(w);
		jw_kstr(w, "id", it->id);
		jw_kstr(w, "title", it->title);
		jw_kstr(w, "status", item_status_name(it->status));
		jw_kbool(w, "done", it->status == ST_DONE);
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
}

void
showcase_json(struct sbuf *out, const struct backlog *bl,
	      const struct metrics *m, const struct cycle_stats *s)
{
	const struct cycle_stats *prev = NULL;
	struct strmap ids = STRMAP_INIT;
	struct item **sorted;
	size_t ns;
	struct jw w;

	jw_init(&w, out, 0, JW_COMPACT);
	jw_object(&w);
	jw_key(&w, "cycle");
	jw_object(&w);
	jw_kstr(&w, "name", s->cycle->name);
	jw_kday(&w, "start", s->cycle->start);
	jw_kday(&w, "end", s->cycle->end);
	jw_kstr(&w, "state", metrics_state_name(s->state));
	jw_kstr(&w, "goal", s->cycle->goal);
	jw_end(&w);
	metrics_json_figure(&w, "committed", s->committed_n, s->committed_effort);
	metrics_json_figure(&w, "completed", s->completed_n, s->completed_effort);
	metrics_json_figure(&w, "learned", s->learned_n, s->learned_effort);
	metrics_json_figure(&w, "stopped", s->stopped_n, s->stopped_effort);
	metrics_json_figure(&w, "added", s->added_n, s->added_effort);
	metrics_json_figure(&w, "removed", s->removed_n, s->removed_effort);
	metrics_json_figure(&w, "carried_over", s->carried_n, s->carried_effort);
	metrics_json_figure(&w, "unplanned", s->unplanned_n, s->unplanned_effort);
	jw_knum(&w, "say_do", s->say_do);
	jw_knum(&w, "velocity", s->velocity);
	jw_key(&w, "items");
	jw_array(&w);
	for (size_t i = 0; i < s->nscope; i++) {
		item_obj(&w, m, s, &s->scope[i]);
		strmap_put(&ids, s->scope[i].item->id, strlen(s->scope[i].item->id), (void *)1);
	}
	jw_end(&w);
	jw_key(&w, "follow_ups");
	jw_array(&w);
	sorted = backlog_sorted(bl, &ns);
	for (size_t i = 0; i < ns; i++) {
		const struct item *it = sorted[i];
		const char *f = it->parsed ? ynode_str(item_get(it, "follows")) : NULL;

		if (!f || !strmap_get(&ids, f))
			continue;
		jw_object(&w);
		jw_kstr(&w, "id", it->id);
		jw_kstr(&w, "title", it->title);
		jw_kstr(&w, "status", item_status_name(it->status));
		jw_kstr(&w, "follows", f);
		jw_end(&w);
	}
	free(sorted);
	strmap_release(&ids);
	jw_end(&w);
	improvements(&w, "improvements", s);
	for (size_t i = 1; i < m->ncycles; i++)
		if (&m->cycles[i] == s && m->cycles[i - 1].cycle->start >= 0)
			prev = &m->cycles[i - 1];
	improvements(&w, "previous_improvements", prev);
	ksection(&w, "notes", s->cycle, "Showcase notes");
	jw_end(&w);
	sbuf_addc(out, '\n');
}
