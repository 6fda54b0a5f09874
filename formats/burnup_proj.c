/*
 * burnup_proj.c: a campaign's projection to its due date in the text and
 * JSON burn-ups (see history_out.h and core/projection.h); the SVG chart
 * draws it itself (formats/svg.h).
 */
#include "formats/burnup_proj.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "formats/json.h"
#include "formats/listing.h"

static void
day_or(char *buf, size_t len, long d, const char *none)
{
	if (d < 0)
		snprintf(buf, len, "%s", none);
	else
		date_format(buf, len, d);
}

/* A pace with two decimals at most: 0.29, 0.6, 2. */
static void
rate(char *buf, size_t len, double v)
{
	size_t n;

	if (isnan(v)) {
		snprintf(buf, len, "-");
		return;
	}
	snprintf(buf, len, "%.2f", v);
	n = strlen(buf);
	while (n && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n && buf[n - 1] == '.')
		buf[--n] = '\0';
}

void
burnup_proj_text(struct sbuf *out, const struct projection *p)
{
	char due[16], at[16], e[16], l[16], r[32], pace[32], s[32], f[32];

	if (!p || p->verdict == PROJ_NONE || p->due < 0)
		return;     /* no due date: the chart as it was */
	listing_fmt_num(r, sizeof(r), p->remaining);
	rate(pace, sizeof(pace), p->pace);
	rate(s, sizeof(s), p->slow);
	rate(f, sizeof(f), p->fast);
	day_or(at, sizeof(at), p->date, "never");
	day_or(e, sizeof(e), p->early, "never");
	day_or(l, sizeof(l), p->late, "never");
	if (p->due >= 0) {
		day_or(due, sizeof(due), p->due, "");
		sbuf_addf(out, "Due %s", due);
		if (p->due >= p->last)
			sbuf_addf(out, ", in %ld day%s", p->due - p->last,
				  p->due - p->last == 1 ? "" : "s");
		else
			sbuf_addf(out, ", %ld day%s ago", p->last - p->due,
				  p->last - p->due == 1 ? "" : "s");
		sbuf_addf(out, ": %s remaining.\n", r);
	}
	if (p->verdict == PROJ_DONE) {
		sbuf_adds(out, "The scope is done.\n");
		return;
	}
	if (isnan(p->pace)) {
		sbuf_adds(out, "Projection: no history to measure a pace on yet.\n");
		return;
	}
	sbuf_addf(out, "Projection: at the recent pace (%s a day over the last %ld days; %s to %s by cycle) the scope is done on %s",
		  pace, p->window, s, f, at);
	if (p->late >= 0 && (p->early != p->date || p->late != p->date))
		sbuf_addf(out, " (between %s and %s)", e, l);
	else if (p->late < 0 && p->early >= 0)
		sbuf_addf(out, " (from %s; never at the slowest pace)", e);
	sbuf_adds(out, ".\n");
	if (p->due >= 0)
		sbuf_addf(out, "By %s: %s.\n", due, projection_words(p->verdict));
}

void
burnup_proj_json(struct jw *w, const struct projection *p)
{
	jw_kday(w, "due", p ? p->due : -1);
	jw_key(w, "projection");
	if (!p || p->verdict == PROJ_NONE) {
		jw_null(w);
		return;
	}
	jw_object(w);
	jw_kint(w, "window_days", p->window);
	jw_knum(w, "pace", p->pace);
	jw_knum(w, "slowest", p->slow);
	jw_knum(w, "fastest", p->fast);
	jw_knum(w, "remaining", p->remaining);
	jw_kday(w, "date", p->date);
	jw_kday(w, "earliest", p->early);
	jw_kday(w, "latest", p->late);
	jw_kstr(w, "verdict", projection_name(p->verdict));
	jw_kstr(w, "words", projection_words(p->verdict));
	jw_end(w);
}
