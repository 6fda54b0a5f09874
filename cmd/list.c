/* list.c: `docket list`: items in backlog order, filtered. */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/query.h"
#include "core/regex.h"
#include "core/xalloc.h"
#include "formats/listing.h"

enum { O_STATUS = 1, O_TYPE, O_TAG, O_CYCLE, O_CAMPAIGN, O_GOAL, O_GREP,
       O_WHERE, O_FORMAT, O_REV };

static const struct opt opts[] = {
	{ "status", 's', 1, O_STATUS },
	{ "type", 't', 1, O_TYPE },
	{ "tag", 0, 1, O_TAG },
	{ "cycle", 0, 1, O_CYCLE },
	{ "campaign", 0, 1, O_CAMPAIGN },
	{ "goal", 0, 1, O_GOAL },
	{ "grep", 0, 1, O_GREP },
	{ "where", 0, 1, O_WHERE },
	{ "format", 0, 1, O_FORMAT },
	{ "rev", 0, 1, O_REV },
	{ NULL, 0, 0, 0 },
};

struct filter {
	const char *status, *type, *tag, *cycle, *campaign, *goal;
	struct regex *grep;
	struct query *where;
	unsigned status_mask;
};

/* "ready,doing" -> a bit mask of statuses; -1 when one is unknown. */
static int
status_mask(const char *list, unsigned *mask, char *bad, size_t badlen)
{
	char *copy = xstrdup(list), *save = NULL;

	*mask = 0;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		enum item_status s = item_status_parse(t);

		if (s == ST_UNKNOWN) {
			snprintf(bad, badlen, "%s", t);
			free(copy);
			return -1;
		}
		*mask |= 1u << s;
	}
	free(copy);
	return 0;
}

static int
has_tag(const struct item *it, const char *tag)
{
	const struct ynode *t = item_get(it, "tags");

	if (!t)
		return 0;
	if (t->type == YNODE_SCALAR)
		return !strcmp(t->text, tag);
	for (size_t i = 0; t->type == YNODE_SEQ && i < t->nkids; i++)
		if (t->kids[i]->type == YNODE_SCALAR && !strcmp(t->kids[i]->text, tag))
			return 1;
	return 0;
}

static int
eq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* 1 keep, 0 drop, -1 regex limit hit (message printed). */
static int
keep(struct ctx *ctx, const struct filter *f, const struct item *it)
{
	if (f->status && !(f->status_mask & (1u << it->status)))
		return 0;
	if (f->type && item_type_parse(f->type) != it->type)
		return 0;
	if (f->tag && !has_tag(it, f->tag))
		return 0;
	if (f->cycle && !eq(it->cycle, f->cycle))
		return 0;
	if (f->campaign && !eq(it->campaign, f->campaign))
		return 0;
	if (f->goal && !eq(it->goal, f->goal))
		return 0;
	if (f->where && !query_match(f->where, it))
		return 0;
	if (f->grep) {
		char err[256];
		int m = regex_match(f->grep, it->title ? it->title : "",
				    it->title ? strlen(it->title) : 0, err, sizeof(err));

		if (m == 0)
			m = regex_match(f->grep, it->data + it->fm.body_off,
					it->len - it->fm.body_off, err, sizeof(err));
		if (m < 0) {
			out_warning(ctx, "%s: --grep: %s", it->path, err);
			return 0;
		}
		return m;
	}
	return 1;
}

int
cmd_list(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	struct filter f;
	const char *format = "table", *rev = NULL, *grep = NULL, *where = NULL;
	struct backlog bl;
	struct item **sorted = NULL, **shown = NULL;
	struct sbuf out = SBUF_INIT;
	size_t n = 0, k = 0;
	int id, r, rc = EXIT_OK, bad = 0;
	const char *arg;
	char err[512];

	memset(&f, 0, sizeof(f));
	opt_init(&it, argc, argv);
	while ((r = opt_next(&it, ctx, opts, &id, &arg)) == 1) {
		switch (id) {
		case O_STATUS: f.status = arg; break;
		case O_TYPE: f.type = arg; break;
		case O_TAG: f.tag = arg; break;
		case O_CYCLE: f.cycle = arg; break;
		case O_CAMPAIGN: f.campaign = arg; break;
		case O_GOAL: f.goal = arg; break;
		case O_GREP: grep = arg; break;
		case O_WHERE: where = arg; break;
		case O_FORMAT: format = arg; break;
		case O_REV: rev = arg; break;
		}
	}
	if (r) {
		opt_release(&it);
		return r == 2 ? EXIT_OK : EXIT_USAGE;
	}
	if (it.npos) {
		rc = out_usage_error(ctx, "unexpected argument '%s'", it.pos[0]);
		goto out;
	}
	if (strcmp(format, "table") && strcmp(format, "plain") &&
	    strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "md")) {
		rc = out_usage_error(ctx, "unknown format '%s' (use table, plain, json, csv or md)", format);
		goto out;
	}
	if (f.status && status_mask(f.status, &f.status_mask, err, sizeof(err))) {
		rc = out_usage_error(ctx, "unknown status '%s' (use idea, ready, planned, doing, blocked, done or stopped)", err);
		goto out;
	}
	if (f.type && item_type_parse(f.type) == TYPE_UNKNOWN) {
		rc = out_usage_error(ctx, "unknown type '%s' (use experiment, bau or improvement)", f.type);
		goto out;
	}
	if (grep && regex_compile(&f.grep, grep, 0, err, sizeof(err))) {
		rc = out_usage_error(ctx, "bad --grep pattern: %s", err);
		goto out;
	}
	if (where && query_parse(&f.where, where, err, sizeof(err))) {
		rc = out_usage_error(ctx, "bad --where expression: %s", err);
		goto out;
	}
	rc = load_backlog(ctx, &bl, rev);
	if (rc)
		goto out;
	sorted = backlog_sorted(&bl, &n);
	shown = xmalloc((n + 1) * sizeof(*shown));
	for (size_t i = 0; i < n; i++) {
		if (!sorted[i]->parsed) {
			bad++;
			continue;
		}
		if (keep(ctx, &f, sorted[i]) == 1)
			shown[k++] = sorted[i];
	}
	{
		struct listing_opts lo = { ctx->color, ctx->width, 1 };

		if (!strcmp(format, "json"))
			listing_json(&out, shown, k, &bl.config);
		else if (!strcmp(format, "csv"))
			listing_csv(&out, shown, k, &lo);
		else if (!strcmp(format, "md"))
			listing_md(&out, shown, k, &lo);
		else if (!strcmp(format, "plain"))
			listing_plain(&out, shown, k);
		else
			listing_table(&out, shown, k, &lo);
	}
	out_sbuf(ctx, &out);
	if (bad) {
		/* say which files are missing from the list, and why */
		out_diags(ctx, &bl.diags, SEV_ERROR);
		out_warning(ctx, "%d file%s could not be read and %s not listed; run 'docket check'",
			    bad, bad == 1 ? "" : "s", bad == 1 ? "is" : "are");
		rc = EXIT_PROBLEMS;
	} else if (diag_list_count(&bl.diags, SEV_ERROR)) {
		/* the items folder or ORDER could not be read: the list is not
		 * the backlog (e.g. a symbolic link out of the repository) */
		out_diags(ctx, &bl.diags, SEV_ERROR);
		rc = EXIT_PROBLEMS;
	}
	backlog_release(&bl);
out:
	free(sorted);
	free(shown);
	sbuf_release(&out);
	regex_free(f.grep);
	query_free(f.where);
	opt_release(&it);
	return rc;
}
