/*
 * list.c: `docket list`: items in backlog order, filtered.
 *
 * Memory stays near the size of what is listed, not of the files read:
 * the backlog loads with BL_LEAN, and a visitor run as each item is
 * parsed (in the loader's threads) applies the filters that need the
 * front matter or body (--tag, --where, --grep) and, for --format json,
 * renders the item's object; then the item's tree and bytes are freed.
 * What is left is sorted and written out.
 */
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/itemfilter.h"
#include "core/query.h"
#include "core/regex.h"
#include "core/spill.h"
#include "core/xalloc.h"
#include "formats/listing.h"

struct filter {
	const char *status, *type;              /* as given */
	const char *grep_re, *where_expr;
	struct item_filter base;                /* core/itemfilter.h */
	struct regex *grep;
	struct query *where;
};

/* 1 keep, 0 drop, -1 regex limit hit (message in errs).  Runs in the
 * loader's threads: the regex's match data is shared, so matching
 * holds lock. */
static int
keep(const struct filter *f, const struct item *it, pthread_mutex_t *lock,
     struct diag_list *errs)
{
	if (!item_filter_match(&f->base, it))
		return 0;
	if (f->grep) {
		int m;

		pthread_mutex_lock(lock);
		m = regex_match(f->grep, it->title ? it->title : "",
				it->title ? strlen(it->title) : 0, errs);
		if (m == 0)
			m = regex_match(f->grep, it->data + it->fm.body_off,
					it->len - it->fm.body_off, errs);
		pthread_mutex_unlock(lock);
		return m < 0 ? -1 : m;
	}
	return 1;
}

/* Rendered JSON objects kept in memory before the rest spill to a
 * temporary file (see core/spill.h). */
#define JSON_IN_MEMORY (1024 * 1024)

/* What the visitor found for one item. */
struct seen {
	int keep;                  /* keep()'s answer */
	char *out;                 /* the --grep error, or the JSON object
				    * when the spill kept it in memory */
	size_t off, len;           /* else where the spill wrote it */
};

struct visit {
	const struct filter *f;
	const struct config *config;
	listing_item_fn *json;          /* --format json: renders each item */
	struct spill *spill;
	pthread_mutex_t lock;
	struct seen *seen;         /* one per item, by index in bl.items */
	size_t nseen;
};

/* Per item, as it is parsed: keep()'s answer, and the JSON object
 * (--format json) or the --grep error. */
static void
visit_item(struct item *it, size_t index, size_t count, void *arg)
{
	struct visit *v = arg;
	struct seen *s;
	struct diag_list err = DIAG_LIST_INIT;

	pthread_mutex_lock(&v->lock);
	if (!v->seen) {
		v->seen = xcalloc(count, sizeof(*v->seen));
		v->nseen = count;
	}
	pthread_mutex_unlock(&v->lock);
	if (!it->parsed)
		return;
	s = &v->seen[index];
	s->keep = keep(v->f, it, &v->lock, &err);
	if (s->keep < 0) {
		s->out = xstrdup(diag_last_message(&err));
		s->len = strlen(s->out);
		diag_list_release(&err);
	} else if (s->keep == 1 && v->json) {
		struct sbuf sb = SBUF_INIT;

		v->json(&sb, it, v->config);
		spill_put(v->spill, sb.buf, sb.len, &s->out, &s->off);
		s->len = sb.len;
		sbuf_release(&sb);
	}
}

/* listing_json's output from the objects the visitor rendered, written
 * in pieces so that the whole document is never held in memory. */
static int
write_json(struct ctx *ctx, struct spill *spill, const struct seen *const *items,
	   size_t n)
{
	struct sbuf out = SBUF_INIT, one = SBUF_INIT;
	struct jw w;

	listing_json_begin(&w, &out);
	for (size_t i = 0; i < n; i++) {
		if (items[i]->out) {
			jw_raw(&w, items[i]->out, items[i]->len);
		} else if (!spill_get(spill, items[i]->off, items[i]->len, &one)) {
			jw_raw(&w, one.buf, one.len);
			sbuf_reset(&one);
		} else {
			out_sbuf(ctx, &out);
			sbuf_release(&out);
			sbuf_release(&one);
			out_error(ctx, "cannot read back the temporary file of the JSON output");
			return EXIT_USAGE;
		}
		if (out.len >= 65536) {
			out_sbuf(ctx, &out);
			sbuf_reset(&out);
		}
	}
	jw_end(&w);
	sbuf_addc(&out, '\n');
	out_sbuf(ctx, &out);
	sbuf_release(&out);
	sbuf_release(&one);
	return EXIT_OK;
}

static struct filter f = { .base = ITEM_FILTER_INIT };
static struct visit v;
static int csv_raw;

/* The filters, checked and compiled before anything is read. */
static int
prepare(struct ctx *ctx)
{
	char err[512];
	struct diag_list errs = DIAG_LIST_INIT;

	if (f.status && item_filter_statuses(&f.base.status_mask, f.status, err, sizeof(err)))
		return out_usage_error(ctx, "unknown status '%s' (use idea, ready, planned, doing, blocked, done or stopped)", err);
	if (f.type && (f.base.type = item_type_parse(f.type)) == TYPE_UNKNOWN)
		return out_usage_error(ctx, "unknown type '%s' (use experiment, bau or improvement)", f.type);
	if (f.grep_re && regex_compile(&f.grep, f.grep_re, 0, &errs)) {
		int rc = out_usage_error(ctx, "bad --grep pattern: %s",
					 diag_last_message(&errs));

		diag_list_release(&errs);
		return rc;
	}
	if (f.where_expr && query_parse(&f.where, f.where_expr, &errs)) {
		int rc = out_usage_error(ctx, "bad --where expression: %s",
					 diag_last_message(&errs));

		diag_list_release(&errs);
		regex_free(f.grep);
		f.grep = NULL;
		return rc;
	}
	f.base.where = f.where;
	v.f = &f;
	v.config = &ctx->ses->bl.config;
	v.json = FORMAT_ROW(struct listing_format, ctx->format)->json_item;
	v.spill = v.json ? spill_new(JSON_IN_MEMORY) : NULL;
	pthread_mutex_init(&v.lock, NULL);
	ctx->visit = visit_item;
	ctx->visit_arg = &v;
	return EXIT_OK;
}

static int
run(struct ctx *ctx)
{
	const struct listing_format *lf = FORMAT_ROW(struct listing_format, ctx->format);
	struct session *ses = ctx->ses;
	struct item **shown;
	const struct seen **shown_seen;
	size_t *sorted;
	struct sbuf out = SBUF_INIT;
	size_t n = 0, k = 0;
	int rc = EXIT_OK, bad = 0;

	sorted = backlog_sorted_index(&ses->bl, &n);
	shown = xmalloc((n + 1) * sizeof(*shown));
	shown_seen = xmalloc((n + 1) * sizeof(*shown_seen));
	/* the visitor saw every parsed item (none when no file could be
	 * read at all) */
	assert(!v.seen || v.nseen == n);
	for (size_t i = 0; i < n; i++) {
		struct item *item = ses->bl.items[sorted[i]];
		const struct seen *s;

		if (!item->parsed) {
			bad++;
			continue;
		}
		assert(v.seen);
		s = &v.seen[sorted[i]];
		if (s->keep < 0)
			out_warning(ctx, "%s: --grep: %s", item->path, s->out);
		if (s->keep == 1) {
			shown_seen[k] = s;
			shown[k++] = item;
		}
	}
	if (v.json) {
		rc = write_json(ctx, v.spill, shown_seen, k);
	} else {
		struct listing_opts lo = { ctx->color, ctx->width, 1, ctx->out_tty, csv_raw };

		lf->render(&out, shown, k, &lo);
		out_sbuf(ctx, &out);
	}
	if (bad) {
		/* say which files are missing from the list, and why */
		out_diags(ctx, &ses->bl.diags, SEV_ERROR);
		out_warning(ctx, "%d file%s could not be read and %s not listed; run 'docket check'",
			    bad, bad == 1 ? "" : "s", bad == 1 ? "is" : "are");
		rc = EXIT_PROBLEMS;
	} else if (diag_list_count(&ses->bl.diags, SEV_ERROR)) {
		/* the items folder or ORDER could not be read: the list is not
		 * the backlog (e.g. a symbolic link out of the repository) */
		out_diags(ctx, &ses->bl.diags, SEV_ERROR);
		rc = EXIT_PROBLEMS;
	}
	free(sorted);
	free(shown);
	free(shown_seen);
	sbuf_release(&out);
	return rc;
}

static void
finish(struct ctx *ctx)
{
	(void)ctx;
	pthread_mutex_destroy(&v.lock);
	spill_free(v.spill);
	for (size_t i = 0; i < v.nseen; i++)
		free(v.seen[i].out);
	free(v.seen);
	regex_free(f.grep);
	query_free(f.where);
}

static const struct opt opts[] = {
	OPT_STRING("status", 's', &f.status, "S",
		   "only items with this status (comma-separated list allowed)"),
	OPT_CHOICE("type", 't', &f.type, "T", "experiment|bau|improvement",
		   "only items of this type"),
	OPT_STRING("tag", 0, &f.base.tag, "T", "items tagged T"),
	OPT_STRING("cycle", 0, &f.base.cycle, "C", "items planned into cycle C"),
	OPT_STRING("campaign", 0, &f.base.campaign, "C", "items of campaign C"),
	OPT_STRING("goal", 0, &f.base.goal, "G", "items serving goal G"),
	OPT_STRING("grep", 0, &f.grep_re, "RE",
		   "title or body matches the PCRE2 regular expression RE"),
	OPT_STRING("where", 0, &f.where_expr, "EXPR",
		   "comparisons joined by 'and': 'effort<=3 and type=experiment' "
		   "(operators = != < <= > >= ~; ~ means contains)"),
	OPT_FORMAT(),
	OPT_FLAG("csv-raw", 0, &csv_raw,
		 "with --format csv: every cell byte for byte; by default a cell "
		 "that starts with = + - @, a tab or a CR (a spreadsheet formula) "
		 "gets a ' before it, numbers excepted"),
	OPT_REV("read the backlog at a git revision, not the working tree"),
	OPT_END,
};

const struct command cmd_list = {
	.name = "list",
	.summary = "items in backlog order",
	.opts = opts,
	.formats = &listing_formats,
	.needs = NEED_BACKLOG | NEED_CONFIG,
	.load = BL_ITEMS | BL_LEAN,
	.details =
	"Ranked items come first in ORDER's order, then the unranked intake\n"
	"(oldest created first). Columns: rank, id, status, type, effort,\n"
	"customer value (cv), business value (bv), score, title.\n",
	.prepare = prepare,
	.run = run,
	.finish = finish,
};
