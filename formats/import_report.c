/* import_report.c: what an import says it did (formats/import_report.h). */
#include "formats/import_report.h"

#include <string.h>

void
import_report_make(struct import_report *r, const struct import_list *l,
		   const struct import_plan *p)
{
	memset(r, 0, sizeof(*r));
	r->l = l;
	r->p = p;
	r->written = p ? p->written : 0;
	r->first = p ? p->first : "";
	r->last = p ? p->last : "";
	r->ranked = import_list_ranked(l);
	r->failed = import_list_failed(l);
	r->skipped = l->nskips - r->failed;
	r->recovered = l->recovered;
	for (size_t i = 0; i < l->n; i++) {
		const char *st = l->items[i]->status;

		r->ideas += !strcmp(st, "idea");
		r->closed += !strcmp(st, "done") || !strcmp(st, "stopped");
	}
}

void
import_report_skip(struct sbuf *out, const struct import_skip *s)
{
	if (s->line)
		sbuf_addf(out, "%s:%d: %s", s->file, s->line, s->reason);
	else
		sbuf_addf(out, "%s: %s", s->file, s->reason);
}

void
import_report_text(struct sbuf *sb, const struct import_report *r)
{
	const struct import_list *l = r->l;
	const struct import_plan *p = r->p;

	sbuf_addf(sb, "Imported %zu item%s from %s", r->written,
		  r->written == 1 ? "" : "s", import_kind_title(l->kind));
	if (r->written)
		sbuf_addf(sb, ": %s%s%s", r->first, r->written > 1 ? " to " : "",
			  r->written > 1 ? r->last : "");
	sbuf_addf(sb, " (%zu ranked in ORDER, %zu idea%s, %zu done or stopped)\n",
		  r->ranked, r->ideas, r->ideas == 1 ? "" : "s", r->closed);
	if (r->recovered)
		sbuf_addf(sb, "%zu of them were read with repairs (see the warnings)\n",
			  r->recovered);
	if (r->skipped) {
		sbuf_addf(sb, "Skipped %zu that %s not %s:\n", r->skipped,
			  r->skipped == 1 ? "is" : "are",
			  r->skipped == 1 ? "an item" : "items");
		for (size_t i = 0; i < l->nskips; i++) {
			if (l->skips[i].failed)
				continue;
			sbuf_adds(sb, "  ");
			import_report_skip(sb, &l->skips[i]);
			sbuf_addc(sb, '\n');
		}
	}
	if (l->nunmapped) {
		sbuf_adds(sb, "Fields no mapping names were not imported:");
		for (size_t i = 0; i < l->nunmapped; i++)
			sbuf_addf(sb, "%s '%s'", i ? "," : "", l->unmapped[i]);
		sbuf_adds(sb, " (map them under fields: in a --map file; see docs/import.md)\n");
	}
	if (!p)
		return;
	sbuf_addf(sb, "%zu added, %zu updated, %zu unchanged, %zu in conflict\n",
		  p->added, p->updated, p->unchanged, p->conflicts);
	for (size_t i = 0; i < l->n && i < p->n; i++) {
		if (p->why[i])
			sbuf_addf(sb, "  %s: %s changed here and in %s: kept as it is here\n",
				  l->items[i]->id, p->why[i], import_kind_title(l->kind));
		else if (p->changed[i])
			sbuf_addf(sb, "  %s: updated from %s\n", l->items[i]->id,
				  import_kind_title(l->kind));
	}
}
