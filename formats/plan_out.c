/* plan_out.c: the proposal of `docket plan` as text (see plan_out.h). */
#include "formats/plan_out.h"

#include <math.h>
#include <string.h>

#include "core/date.h"
#include "core/text.h"
#include "formats/listing.h"

static void
header(struct sbuf *out, const struct plan *p)
{
	char s[16], e[16], c[32];

	date_format(s, sizeof(s), p->start);
	date_format(e, sizeof(e), p->end);
	listing_fmt_num(c, sizeof(c), p->capacity);
	sbuf_adds(out, "Cycle ");
	text_escape_term(out, p->name, strlen(p->name));
	sbuf_addf(out, ": %s to %s (%ld days)%s\n", s, e, p->end - p->start + 1,
		  p->existing ? "" : ", a new cycle");
	sbuf_addf(out, "Capacity %s: ", c);
	switch (p->capacity_from) {
	case PLAN_CAP_OPTION:
		sbuf_adds(out, "--capacity");
		break;
	case PLAN_CAP_CYCLE:
		sbuf_adds(out, "the cycle file's capacity");
		break;
	case PLAN_CAP_VELOCITY:
		if (p->nvelocities == 1)
			sbuf_adds(out, "the velocity of the last closed cycle (");
		else
			sbuf_addf(out, "the median velocity of the last %zu closed cycles (",
				  p->nvelocities);
		for (size_t i = 0; i < p->nvelocities; i++) {
			listing_fmt_num(c, sizeof(c), p->velocities[i]);
			sbuf_addf(out, "%s%s", i ? ", " : "", c);
		}
		sbuf_adds(out, p->nvelocities == 1 ? ")" : ", most recent first)");
		break;
	case PLAN_CAP_CONFIG:
		sbuf_adds(out, "cycle.capacity in docket.yaml (no closed cycle to measure velocity)");
		break;
	}
	sbuf_addc(out, '\n');
	if (p->ncarry) {
		listing_fmt_num(c, sizeof(c), p->carried_effort);
		sbuf_addf(out, "Carried over: %zu unfinished item%s, remaining effort %s",
			  p->carried, p->carried == 1 ? "" : "s", c);
		if (p->prev) {
			sbuf_adds(out, " (from ");
			text_escape_term(out, p->prev->name, strlen(p->prev->name));
			sbuf_adds(out, " and work in progress)");
		}
		sbuf_adds(out, ", before the rest of ORDER");
		if (p->improvements)
			sbuf_addf(out, "; the %zu improvement item%s of the Team Improvement first",
				  p->improvements, p->improvements == 1 ? "" : "s");
		sbuf_adds(out, ".\n");
	}
	sbuf_addc(out, '\n');
}

static void
entries(struct sbuf *out, const struct plan *p, size_t width)
{
	size_t wid = 2, wreason = 6;
	struct sbuf r = SBUF_INIT;

	for (size_t i = 0; i < p->n; i++) {
		size_t w = text_width(p->v[i].item->id, strlen(p->v[i].item->id));

		if (w > wid)
			wid = w;
		sbuf_reset(&r);
		plan_reason(&r, &p->v[i]);
		if (text_width(r.buf, r.len) > wreason)
			wreason = text_width(r.buf, r.len);
	}
	for (size_t i = 0; i < p->n; i++) {
		const struct plan_entry *e = &p->v[i];
		const char *title = e->item->title ? e->item->title : "";
		char eff[32];
		size_t used;

		listing_fmt_num(eff, sizeof(eff), isnan(e->item->effort) ? NAN : e->item->effort);
		sbuf_adds(out, e->verdict == PLAN_CARRY ? "carry " :
			  plan_taken(e) ? "take  " : "skip  ");
		text_pad(out, e->item->id, strlen(e->item->id), wid, 0);
		sbuf_adds(out, "  ");
		text_pad(out, eff, strlen(eff), 3, 1);
		sbuf_adds(out, "  ");
		sbuf_reset(&r);
		plan_reason(&r, e);
		text_pad(out, r.buf, r.len, wreason, 0);
		sbuf_adds(out, "  ");
		used = 6 + wid + 2 + 3 + 2 + wreason + 2;
		if (width)
			text_truncate(out, title, strlen(title), width > used + 10 ? width - used - 1 : 10);
		else
			text_escape_term(out, title, strlen(title));
		sbuf_addc(out, '\n');
	}
	sbuf_release(&r);
}

static void
footer(struct sbuf *out, const struct plan *p, int applied)
{
	char t[32], c[32];

	listing_fmt_num(t, sizeof(t), p->taken_effort);
	listing_fmt_num(c, sizeof(c), p->capacity);
	if (p->n)
		sbuf_addc(out, '\n');
	sbuf_addf(out, "Committed: %zu item%s, effort %s of %s.\n", p->taken,
		  p->taken == 1 ? "" : "s", t, c);
	if (p->not_walked)
		sbuf_addf(out, "%zu more ranked item%s not walked: the capacity is used up.\n",
			  p->not_walked, p->not_walked == 1 ? " was" : "s were");
	if (p->unranked_ready)
		sbuf_addf(out, "%zu ready item%s not in ORDER and not considered: rank %s first.\n",
			  p->unranked_ready, p->unranked_ready == 1 ? " is" : "s are",
			  p->unranked_ready == 1 ? "it" : "them");
	if (!applied) {
		/* the options that made this plan, so that --apply writes it */
		sbuf_adds(out, "Run 'docket plan ");
		text_escape_term(out, p->name, strlen(p->name));
		if (p->start_given) {
			char d[16];

			date_format(d, sizeof(d), p->start);
			sbuf_addf(out, " --start %s", d);
		}
		if (p->capacity_from == PLAN_CAP_OPTION)
			sbuf_addf(out, " --capacity %s", c);
		sbuf_adds(out, " --apply' to write the cycle file and commit.\n");
	}
}

/* A cycle that has started: said first, then its scope as it stands. */
static void
started(struct sbuf *out, const struct plan *p)
{
	const struct cycle *c = p->existing;
	char s[16], e[16];

	date_format(s, sizeof(s), c->start);
	date_format(e, sizeof(e), c->end);
	sbuf_adds(out, "Cycle ");
	text_escape_term(out, p->name, strlen(p->name));
	sbuf_addf(out, " started on %s (it ends on %s): its commitment is fixed, and say/do counts against it.\n", s, e);
	sbuf_adds(out, "Change its scope with 'docket plan ");
	text_escape_term(out, p->name, strlen(p->name));
	sbuf_adds(out, " --add ID' or '--remove ID': each change is recorded with its date.\n");
	sbuf_addf(out, "Committed at the start: %zu item%s; now: %zu.\n", c->nbaseline,
		  c->nbaseline == 1 ? "" : "s", c->ncommitted);
}

void
plan_text(struct sbuf *out, const struct plan *p, size_t width, int applied)
{
	if (p->started) {
		started(out, p);
		return;
	}
	header(out, p);
	entries(out, p, width);
	footer(out, p, applied);
}
