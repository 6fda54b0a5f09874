/*
 * list.c: `docket list`: items in backlog order, filtered.
 *
 * Memory stays near the size of what is listed, not of the files read:
 * the backlog loads with BL_LEAN, and a visitor run as each item is
 * parsed (in the loader's threads) applies the filters that need the
 * front matter or body (--tag, --where, --grep) and, for --format json,
 * renders the item's object; then the item's tree and bytes are freed.
 * What is left is sorted and written out.
 *
 * By default only open items are listed (idea to blocked: the backlog
 * still to work on, ranked first, then the intake); --all or --status
 * lists others.  --fields names the columns (and the JSON keys); the
 * visitor keeps the text of each named front-matter field, and of the
 * --sort field, in a map by path, since the item's tree does not stay.
 */
#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/check.h"
#include "core/edit.h"
#include "core/itemfilter.h"
#include "core/query.h"
#include "core/regex.h"
#include "core/schema.h"
#include "core/spill.h"
#include "core/strmap.h"
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

/* --fields and --sort */
struct cols {
	const char *fields_arg, *sort_arg;
	char **names;                   /* --fields, split */
	size_t n;
	const char *sort;               /* --sort's field, without '-' */
	int desc;
	struct strmap text;             /* path -> the packed texts (below) */
	char **owned;                   /* the packed texts */
	size_t nowned, aowned;
};

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
	struct cols *cols;
	pthread_mutex_t lock;
	struct seen *seen;         /* one per item, by index in bl.items */
	size_t nseen;
};

/* The packed texts of an item: for each --fields column that is not
 * computed, then for --sort's field, a presence byte ('1' or '0') and the
 * text, NUL-ended. */
static void
keep_texts(struct visit *v, const struct item *it)
{
	struct cols *c = v->cols;
	struct sbuf sb = SBUF_INIT;
	char *packed;

	for (size_t k = 0; k <= c->n; k++) {
		const char *name = k < c->n ? c->names[k] : c->sort;
		size_t at = sb.len;

		if (!name || (k < c->n && listing_col_computed(name)) ||
		    (k == c->n && listing_col_computed(name) && strcmp(name, "body"))) {
			sbuf_add(&sb, "0", 2);
			continue;
		}
		sbuf_addc(&sb, '1');
		if (!strcmp(name, "body"))
			listing_body(&sb, it);
		else if (!listing_value_text(&sb, it, name))
			sb.buf[at] = '0';
		sbuf_addc(&sb, '\0');
	}
	packed = sbuf_detach(&sb, NULL);
	pthread_mutex_lock(&v->lock);
	c->owned = xgrow(c->owned, &c->aowned, c->nowned + 1, sizeof(*c->owned));
	c->owned[c->nowned++] = packed;
	strmap_put(&c->text, it->path, strlen(it->path), packed);
	pthread_mutex_unlock(&v->lock);
}

/* The text number k of an item (k == n: the --sort field), or NULL. */
static const char *
kept_text(const struct cols *c, const struct item *it, size_t k)
{
	const char *p = strmap_get(&c->text, it->path);

	for (size_t i = 0; p && i < k; i++)
		p += strlen(p) + 1;
	return p && *p == '1' ? p + 1 : NULL;
}

static const char *
col_text_fn(const struct item *it, size_t k, void *arg)
{
	return kept_text(arg, it, k);
}

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
		return;
	}
	if (s->keep == 1 && (v->cols->n || v->cols->sort))
		keep_texts(v, it);
	if (s->keep == 1 && v->json) {
		struct sbuf sb = SBUF_INIT;

		if (v->cols->n)
			listing_item_json_cols(&sb, it, v->config,
					       (const char *const *)v->cols->names,
					       v->cols->n);
		else
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
static struct cols cols;
static int all;

/* --sort: a column, then backlog order */
static int
num_of(const char *s, double *d)
{
	char *end;

	if (!s || !*s)
		return -1;
	*d = strtod(s, &end);
	return *end ? -1 : 0;
}

struct srt {
	struct item *it;
	const struct seen *seen;        /* what the visitor kept of it */
	size_t pos;                     /* in backlog order */
};

static int
sort_cmp(const void *pa, const void *pb)
{
	const struct srt *sa = pa, *sb = pb;
	const struct item *a = sa->it, *b = sb->it;
	const char *s = cols.sort;
	int c = 0, am, bm;
	double x = 0, y = 0;

	if (!strcmp(s, "rank")) {
		am = !a->rank, bm = !b->rank;
		x = (double)a->rank, y = (double)b->rank;
	} else if (!strcmp(s, "score")) {
		am = isnan(a->score), bm = isnan(b->score);
		x = a->score, y = b->score;
	} else if (!strcmp(s, "file")) {
		am = bm = 0;
		c = strcmp(a->path, b->path);
		x = y = 0;
	} else if (!strcmp(s, "status")) {
		am = bm = 0;
		x = (double)a->status, y = (double)b->status;
	} else {
		const char *ta = kept_text(&cols, a, cols.n), *tb = kept_text(&cols, b, cols.n);

		am = !ta, bm = !tb;
		if (ta && tb && (num_of(ta, &x) || num_of(tb, &y))) {
			c = strcmp(ta, tb);
			x = y = 0;
		} else if (!ta || !tb) {
			x = y = 0;
		}
	}
	if (am != bm)
		return am ? 1 : -1;     /* missing last, either way */
	if (!am && !c && x != y)
		c = x < y ? -1 : 1;
	if (c)
		return cols.desc ? -c : c;
	/* ties: backlog order */
	return sa->pos < sb->pos ? -1 : sa->pos > sb->pos;
}

/* Sort the items shown, and what the visitor kept of each with them. */
static void
sort_items(struct item **items, const struct seen **seen, size_t n)
{
	struct srt *s = xcalloc(n + 1, sizeof(*s));

	for (size_t i = 0; i < n; i++) {
		s[i].it = items[i];
		s[i].seen = seen[i];
		s[i].pos = i;
	}
	qsort(s, n, sizeof(*s), sort_cmp);
	for (size_t i = 0; i < n; i++) {
		items[i] = s[i].it;
		seen[i] = s[i].seen;
	}
	free(s);
}

/* Free the --fields names (when prepare fails, finish does not run). */
static void
drop_fields(void)
{
	for (size_t i = 0; i < cols.n; i++)
		free(cols.names[i]);
	free(cols.names);
	cols.names = NULL;
	cols.n = 0;
}

/* --fields a,b: the names, each a computed column or a field name */
static int
parse_fields(struct ctx *ctx)
{
	char *copy = xstrdup(cols.fields_arg), *p = copy, *tok;

	cols.names = xcalloc(strlen(copy) / 2 + 2, sizeof(*cols.names));
	while ((tok = strsep(&p, ",")) != NULL) {
		while (*tok == ' ')
			tok++;
		for (char *e = tok + strlen(tok); e > tok && e[-1] == ' ';)
			*--e = '\0';
		if (!*tok)
			continue;
		if (!listing_col_computed(tok) && !edit_key_valid(tok)) {
			int rc = out_usage_error(ctx, "--fields: '%s' is not a field name", tok);

			free(copy);
			drop_fields();
			return rc;
		}
		cols.names[cols.n++] = xstrdup(tok);
	}
	free(copy);
	if (!cols.n) {
		drop_fields();
		return out_usage_error(ctx, "--fields takes field names separated by commas, like id,title,campaign");
	}
	return 0;
}


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
	if (cols.fields_arg && parse_fields(ctx))
		return EXIT_USAGE;
	if (cols.sort_arg) {
		cols.sort = cols.sort_arg;
		if (*cols.sort == '-') {
			cols.desc = 1;
			cols.sort++;
		}
		cols.sort = listing_col_key(cols.sort);
		if (!listing_col_computed(cols.sort) && !edit_key_valid(cols.sort)) {
			drop_fields();
			return out_usage_error(ctx, "--sort takes a field name (- first for descending), not '%s'",
					       cols.sort_arg);
		}
	}
	if (f.grep_re && regex_compile(&f.grep, f.grep_re, 0, &errs)) {
		int rc = out_usage_error(ctx, "bad --grep pattern: %s",
					 diag_last_message(&errs));

		diag_list_release(&errs);
		drop_fields();
		return rc;
	}
	if (f.where_expr && query_parse(&f.where, f.where_expr, &errs)) {
		int rc = out_usage_error(ctx, "bad --where expression: %s",
					 diag_last_message(&errs));

		diag_list_release(&errs);
		regex_free(f.grep);
		f.grep = NULL;
		drop_fields();
		return rc;
	}
	f.base.where = f.where;
	/* every item but done and stopped ones, unless --all or --status
	 * says otherwise (a status docket does not know stays in sight) */
	if (!all && !f.status)
		f.base.status_mask = ((1u << (ST_UNKNOWN + 1)) - 1) &
				     ~(1u << ST_DONE) & ~(1u << ST_STOPPED);
	strmap_init(&cols.text);
	v.cols = &cols;
	v.f = &f;
	v.config = &ctx->ses->bl.config;
	v.json = FORMAT_ROW(struct listing_format, ctx->format)->json_item;
	v.spill = v.json ? spill_new(JSON_IN_MEMORY) : NULL;
	pthread_mutex_init(&v.lock, NULL);
	ctx->visit = visit_item;
	ctx->visit_arg = &v;
	return EXIT_OK;
}

/* A --fields or --sort name: computed, cv/bv, built in or declared
 * (docket.yaml's fields:, known only once it is read).  Else a usage
 * error naming every valid name and the closest one. */
static int
check_col_name(struct ctx *ctx, const struct config *c, const char *opt,
	       const char *name)
{
	const char **names, **cands, *best;
	struct sbuf use = SBUF_INIT;
	size_t n, na = 0;
	int rc;

	if (listing_col_computed(name) ||
	    schema_kind_of(c, listing_col_key(name), NULL) != SK_UNKNOWN)
		return 0;
	n = schema_field_names(&names, c);
	cands = xcalloc(n + listing_ncol_names, sizeof(*cands));
	for (size_t i = 0; i < n; i++)
		cands[na++] = names[i];
	for (size_t i = 0; i < listing_ncol_names; i++)
		cands[na++] = listing_col_names[i].name;
	best = check_suggest(name, cands, na);
	for (size_t i = 0; i < na; i++)
		sbuf_addf(&use, "%s%s", i ? ", " : "", cands[i]);
	rc = out_usage_error(ctx, "%s: no field '%s'%s%s%s; the fields are %s (declare others under fields: in docket.yaml)",
			     opt, name, best ? " (did you mean '" : "", best ? best : "",
			     best ? "'?)" : "", use.buf);
	sbuf_release(&use);
	free(cands);
	free(names);
	return rc;
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

	for (size_t i = 0; i < cols.n; i++)
		if ((rc = check_col_name(ctx, &ses->bl.config, "--fields", cols.names[i])))
			return rc;
	if (cols.sort && (rc = check_col_name(ctx, &ses->bl.config, "--sort", cols.sort)))
		return rc;
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
	if (cols.sort)
		sort_items(shown, shown_seen, k);
	if (v.json) {
		rc = write_json(ctx, v.spill, shown_seen, k);
	} else {
		struct listing_cols lc = {
			(const char *const *)cols.names, cols.n, col_text_fn, &cols,
		};
		struct listing_opts lo = {
			ctx->color, ctx->width, 1, ctx->out_tty, cols.n ? &lc : NULL, csv_raw,
		};

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
	drop_fields();
	for (size_t i = 0; i < cols.nowned; i++)
		free(cols.owned[i]);
	free(cols.owned);
	strmap_release(&cols.text);
}

static const struct opt opts[] = {
	OPT_FLAG("all", 'a', &all, "every item, done and stopped ones too (default: the open "
		 "items, idea to blocked)"),
	OPT_STRING("status", 's', &f.status, "S",
		   "only items with this status (comma-separated list allowed; "
		   "implies nothing else is hidden)"),
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
	OPT_STRING("sort", 0, &cols.sort_arg, "FIELD",
		   "order by a field instead of the backlog order (rank, score, "
		   "status, effort, created, any front-matter key; -FIELD for "
		   "descending; items without it last; ties in backlog order)"),
	OPT_STRING("fields", 0, &cols.fields_arg, "LIST",
		   "the columns, in every format (the keys of each JSON object): "
		   "field names separated by commas, e.g. id,title,campaign,goal,cycle,tags; "
		   "rank, score, file and body are computed; cv and bv are "
		   "customer_value and business_value"),
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
	.needs = NEED_BACKLOG,
	.load = BL_ITEMS | BL_LEAN,
	.details =
	"The open items (idea to blocked; --all for every item): ranked items\n"
	"first in ORDER's order, then the unranked intake (oldest created\n"
	"first). Columns: rank, id, status, type, effort, customer value (cv),\n"
	"business value (bv), score, title; --fields chooses others.\n",
	.prepare = prepare,
	.run = run,
	.finish = finish,
};
