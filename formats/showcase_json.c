/*
 * showcase_json.c: the Team Showcase as JSON (see showcase.h): the same
 * content as the Markdown, as data.  Each item of the cycle appears once
 * in "items" with how it came into the cycle ("scope": committed, added,
 * removed, unplanned; "carried_in") and what became of it ("outcome":
 * open, completed, learned, stopped, carried over, earlier).
 */
#include "formats/showcase.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/strmap.h"
#include "formats/json.h"

struct jo {
	struct sbuf *out;
	int first;
};

static void
key(struct jo *j, const char *k)
{
	if (!j->first)
		sbuf_addc(j->out, ',');
	j->first = 0;
	json_strz(j->out, k);
	sbuf_addc(j->out, ':');
}

static void
kstr(struct jo *j, const char *k, const char *v)
{
	key(j, k);
	json_strz(j->out, v);
}

static void
knum(struct jo *j, const char *k, double v)
{
	key(j, k);
	json_num(j->out, v);
}

static void
kday(struct jo *j, const char *k, long d)
{
	char buf[16];

	key(j, k);
	if (d < 0) {
		sbuf_adds(j->out, "null");
		return;
	}
	date_format(buf, sizeof(buf), d);
	json_strz(j->out, buf);
}

static void
kbool(struct jo *j, const char *k, int b)
{
	key(j, k);
	sbuf_adds(j->out, b ? "true" : "false");
}

static void
kfig(struct jo *j, const char *k, size_t n, double effort)
{
	key(j, k);
	sbuf_addf(j->out, "{\"items\":%zu,\"effort\":", n);
	json_num(j->out, effort);
	sbuf_addc(j->out, '}');
}

/* A field of the item as JSON (its YAML value), or null. */
static void
kfield(struct jo *j, const struct item *it, const char *k)
{
	const struct ynode *n = item_get(it, k);

	key(j, k);
	if (n && n->type == YNODE_SCALAR && strcmp(k, "target") && strcmp(k, "actual"))
		json_str(j->out, n->text, n->len);
	else
		json_ynode(j->out, n);
}

static void
ksection(struct jo *j, const char *k, const struct cycle *c, const char *heading)
{
	size_t len = 0;
	const char *sec = cycle_section(c, heading, &len);

	key(j, k);
	if (sec && len)
		json_str(j->out, sec, len);
	else
		sbuf_adds(j->out, "null");
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
item_obj(struct sbuf *out, const struct metrics *m, const struct cycle_stats *s,
	 const struct scope_item *e)
{
	const struct item *it = e->item;
	const struct cycle *to;
	struct jo j = { out, 1 };
	long fin = -1;

	sbuf_addc(out, '{');
	kstr(&j, "id", it->id);
	kstr(&j, "title", it->title);
	kstr(&j, "type", item_type_name(it->type));
	kstr(&j, "status", item_status_name(it->status));
	knum(&j, "effort", isnan(it->effort) ? NAN : it->effort);
	knum(&j, "remaining", metrics_remaining(it));
	kstr(&j, "scope", scope_how_name(e->how));
	kbool(&j, "carried_in", e->carried_in);
	kstr(&j, "outcome", scope_outcome_name(e->outcome));
	kday(&j, "changed", e->day);
	kbool(&j, "uncommitted", e->uncommitted);
	if (it->finished && date_parse(&fin, it->finished))
		fin = -1;
	kday(&j, "finished", fin);
	to = e->outcome == OUT_CARRIED ? later_cycle(m, s, it) : NULL;
	kstr(&j, "carried_to", to ? to->name : NULL);
	kfield(&j, it, "result");
	kfield(&j, it, "hypothesis");
	kfield(&j, it, "metric");
	kfield(&j, it, "target");
	kfield(&j, it, "actual");
	kfield(&j, it, "outcome");
	kfield(&j, it, "stop_reason");
	sbuf_addc(out, '}');
}

static void
improvements(struct jo *j, const char *k, const struct cycle_stats *s)
{
	struct jo o = { j->out, 1 };
	size_t n = 0;

	key(j, k);
	if (!s) {
		sbuf_adds(j->out, "null");
		return;
	}
	sbuf_addc(j->out, '{');
	kstr(&o, "cycle", s->cycle->name);
	ksection(&o, "notes", s->cycle, "Improvements");
	key(&o, "items");
	sbuf_addc(j->out, '[');
	for (size_t i = 0; i < s->nscope; i++) {
		const struct item *it = s->scope[i].item;
		struct jo x = { j->out, 1 };

		if (it->type != TYPE_IMPROVEMENT || s->scope[i].how == SCOPE_REMOVED)
			continue;
		sbuf_adds(j->out, n++ ? ",{" : "{");
		kstr(&x, "id", it->id);
		kstr(&x, "title", it->title);
		kstr(&x, "status", item_status_name(it->status));
		kbool(&x, "done", it->status == ST_DONE);
		sbuf_addc(j->out, '}');
	}
	sbuf_adds(j->out, "]}");
}

void
showcase_json(struct sbuf *out, const struct backlog *bl,
	      const struct metrics *m, const struct cycle_stats *s)
{
	struct jo j = { out, 1 }, c = { out, 1 };
	const struct cycle_stats *prev = NULL;
	struct strmap ids = STRMAP_INIT;
	struct item **sorted;
	size_t ns, n = 0;

	sbuf_addc(out, '{');
	key(&j, "cycle");
	sbuf_addc(out, '{');
	kstr(&c, "name", s->cycle->name);
	kday(&c, "start", s->cycle->start);
	kday(&c, "end", s->cycle->end);
	kstr(&c, "state", metrics_state_name(s->state));
	kstr(&c, "goal", s->cycle->goal);
	sbuf_addc(out, '}');
	kfig(&j, "committed", s->committed_n, s->committed_effort);
	kfig(&j, "completed", s->completed_n, s->completed_effort);
	kfig(&j, "learned", s->learned_n, s->learned_effort);
	kfig(&j, "stopped", s->stopped_n, s->stopped_effort);
	kfig(&j, "added", s->added_n, s->added_effort);
	kfig(&j, "removed", s->removed_n, s->removed_effort);
	kfig(&j, "carried_over", s->carried_n, s->carried_effort);
	kfig(&j, "unplanned", s->unplanned_n, s->unplanned_effort);
	knum(&j, "say_do", s->say_do);
	knum(&j, "velocity", s->velocity);
	key(&j, "items");
	sbuf_addc(out, '[');
	for (size_t i = 0; i < s->nscope; i++) {
		if (i)
			sbuf_addc(out, ',');
		item_obj(out, m, s, &s->scope[i]);
		strmap_put(&ids, s->scope[i].item->id, strlen(s->scope[i].item->id), (void *)1);
	}
	sbuf_addc(out, ']');
	key(&j, "follow_ups");
	sbuf_addc(out, '[');
	sorted = backlog_sorted(bl, &ns);
	for (size_t i = 0; i < ns; i++) {
		const struct item *it = sorted[i];
		const char *f = it->parsed ? ynode_str(item_get(it, "follows")) : NULL;
		struct jo x = { out, 1 };

		if (!f || !strmap_get(&ids, f))
			continue;
		sbuf_adds(out, n++ ? ",{" : "{");
		kstr(&x, "id", it->id);
		kstr(&x, "title", it->title);
		kstr(&x, "status", item_status_name(it->status));
		kstr(&x, "follows", f);
		sbuf_addc(out, '}');
	}
	free(sorted);
	strmap_release(&ids);
	sbuf_addc(out, ']');
	improvements(&j, "improvements", s);
	for (size_t i = 1; i < m->ncycles; i++)
		if (&m->cycles[i] == s && m->cycles[i - 1].cycle->start >= 0)
			prev = &m->cycles[i - 1];
	improvements(&j, "previous_improvements", prev);
	ksection(&j, "notes", s->cycle, "Showcase notes");
	sbuf_adds(out, "}\n");
}
