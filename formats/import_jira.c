/*
 * import_jira.c: Jira's CSV export ("Export > CSV (all fields)").
 *
 * Every column becomes a source field (repeated columns such as
 * Labels,Labels or Sprint,Sprint collect into lists); the mapping does
 * the rest.  What needs the whole file is done here:
 *
 *   - epics are not items: an issue whose Issue Type is Epic becomes the
 *     campaign of the issues that name it (Epic Link, or Parent in newer
 *     exports), as a slug of its Epic Name or Summary; the epic itself
 *     is reported as skipped, naming the campaign;
 *   - a parent that is not an epic (a sub-task's story) becomes the
 *     source field "Parent issue" (a note by default);
 *   - the order is Jira's Rank column when there is one (a LexoRank
 *     string, compared byte by byte: the mapping sends Rank to rank),
 *     else the order of the rows;
 *   - Description and the text of each Comment are Jira wiki markup:
 *     they become Markdown (formats/jira_wiki.h); a comment
 *     ("date;author id;text") becomes "author (date time):" and its text,
 *     for the ## Comments block;
 *   - each Attachment ("date;author id;file name;url") becomes a Markdown
 *     link with its date and author, for the ## Attachments section.
 */
#include "formats/import.h"
#include "formats/import_spill.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "formats/jira_wiki.h"

/* The value of the first of names that the item has (exact header
 * names, as Jira writes them). */
static const char *
get_any(const struct import_item *it, const char *const *names)
{
	for (; *names; names++) {
		const struct ifield *f = ifields_get(&it->x->src, *names);

		if (f && f->v.type != IVAL_LIST && f->v.str && *f->v.str)
			return f->v.str;
		if (f && f->v.type == IVAL_LIST && f->v.n)
			return f->v.list[0];
	}
	return NULL;
}

static const char *const key_cols[] = { "Issue key", NULL };
static const char *const id_cols[] = { "Issue id", NULL };
static const char *const type_cols[] = { "Issue Type", NULL };
static const char *const summary_cols[] = { "Summary", NULL };
static const char *const epic_name_cols[] = {
	"Custom field (Epic Name)", "Epic Name", NULL,
};
static const char *const epic_link_cols[] = {
	"Custom field (Epic Link)", "Epic Link", NULL,
};
static const char *const parent_cols[] = { "Parent", "Parent id", NULL };
static const char *const parent_summary_cols[] = { "Parent summary", NULL };

static int
is_type(const struct import_item *it, const char *want)
{
	const char *t = get_any(it, type_cols);
	struct sbuf sb = SBUF_INIT;
	int same;

	if (!t)
		return 0;
	import_norm(&sb, t);
	same = !strcmp(sb.buf, want);
	sbuf_release(&sb);
	return same;
}

/* Index every issue by its Issue key and its Issue id, so that a Parent
 * or Epic Link resolves in constant time.  A string names the first
 * record (in file order) whose key or id it is, as a scan from the top
 * would find.  Keys are the list's copies (import_list_str); values are
 * record numbers + 1: the index lives while no item is dropped. */
static void
index_issues(struct strmap *idx, struct import_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct import_item *it = import_list_at(l, i);
		const char *ref[2];

		import_spill_in(l, it);
		ref[0] = get_any(it, key_cols);
		ref[1] = get_any(it, id_cols);
		for (size_t j = 0; j < 2; j++) {
			size_t len = ref[j] ? strlen(ref[j]) : 0;

			if (ref[j] && !strmap_find(idx, ref[j], len))
				strmap_put(idx, import_list_str(l, ref[j]), len,
					   (void *)(uintptr_t)(i + 1));
		}
		import_spill_drop(l, it);
	}
}

/* The number of the issue ref names, or -1. */
static long
find_issue(const struct strmap *idx, const char *ref)
{
	void *v = ref ? strmap_get(idx, ref) : NULL;

	return v ? (long)((uintptr_t)v - 1) : -1;
}

static char *
epic_campaign(const struct import_item *epic)
{
	const char *name = get_any(epic, epic_name_cols);

	if (!name)
		name = get_any(epic, summary_cols);
	if (!name)
		name = get_any(epic, key_cols);
	return import_slug(name ? name : "epic");
}

/* An epic is reported (a skip by design), not imported: its issues
 * carry it as their campaign. */
static int
skip_epic(struct import_list *l, struct import_item *it, void *unused)
{
	char *c;
	const char *key;

	(void)unused;
	import_spill_in(l, it);
	if (!is_type(it, "epic")) {
		import_spill_drop(l, it);
		return 0;
	}
	c = epic_campaign(it);
	key = get_any(it, key_cols);
	import_list_skip(l, 0, it->file, it->line,
			 "epic %s: not an item; its issues have campaign '%s'",
			 key ? key : "", c);
	free(c);
	return 1;
}

/* s as Markdown. */
static char *
wiki(const char *s, int unused)
{
	struct sbuf sb = SBUF_INIT;

	(void)unused;
	jira_wiki_to_markdown(&sb, s, strlen(s));
	return sbuf_detach(&sb, NULL);
}

/* A comment, "22/Aug/25 9:07 AM;5b10...;text" -> "5b10... (2025-08-22
 * 9:07 AM):" and the text as Markdown on the lines below; a value of
 * another shape is all text. */
static char *
comment(const char *s, int unused)
{
	const char *a = strchr(s, ';'), *b = a ? strchr(a + 1, ';') : NULL;
	struct sbuf sb = SBUF_INIT;
	char ymd[11];

	(void)unused;
	if (!b)
		return wiki(s, 0);
	sbuf_add(&sb, a + 1, (size_t)(b - a - 1));
	if (a > s) {
		char *date = xstrndup(s, (size_t)(a - s));
		const char *time = strchr(date, ' ');

		if (import_date_parse(ymd, date, IMPORT_DATE_AUTO) == 0)
			sbuf_addf(&sb, "%s(%s%s)", sb.len ? " " : "", ymd, time ? time : "");
		else
			sbuf_addf(&sb, "%s(%s)", sb.len ? " " : "", date);
		free(date);
	}
	sbuf_adds(&sb, ":\n");
	jira_wiki_to_markdown(&sb, b + 1, strlen(b + 1));
	return sbuf_detach(&sb, NULL);
}

/* "22/Aug/25 9:07 AM;5b10...;brief.pdf;https://x/brief.pdf" ->
 * "[brief.pdf](https://x/brief.pdf), added 2025-08-22 by 5b10...";
 * a value of another shape stays as it is. */
static char *
attachment(const char *s)
{
	const char *p[3], *url;
	struct sbuf sb = SBUF_INIT;
	char ymd[11];
	char *date;
	int angle = 0;

	p[0] = strchr(s, ';');
	p[1] = p[0] ? strchr(p[0] + 1, ';') : NULL;
	p[2] = p[1] ? strrchr(p[1] + 1, ';') : NULL;   /* names may hold ';' */
	url = p[2] ? p[2] + 1 : NULL;
	if (!url || !strstr(url, "://") || p[2] == p[1] + 1)
		return xstrdup(s);
	sbuf_addc(&sb, '[');
	for (const char *c = p[1] + 1; c < p[2]; c++) {
		if (*c == '[' || *c == ']' || *c == '\\')
			sbuf_addc(&sb, '\\');
		sbuf_addc(&sb, *c);
	}
	sbuf_adds(&sb, "](");
	for (const char *c = url; *c; c++)
		if (strchr(" \t\n()<>", *c))
			angle = 1;
	if (angle)
		sbuf_addc(&sb, '<');
	for (const char *c = url; *c; c++) {
		if (angle && (*c == '<' || *c == '>'))
			sbuf_addc(&sb, '\\');
		sbuf_addc(&sb, *c);
	}
	sbuf_adds(&sb, angle ? ">)" : ")");
	date = xstrndup(s, (size_t)(p[0] - s));
	if (*date)
		sbuf_addf(&sb, ", added %s",
			  import_date_parse(ymd, date, IMPORT_DATE_AUTO) ? date : ymd);
	free(date);
	if (p[1] > p[0] + 1) {
		sbuf_adds(&sb, " by ");
		sbuf_add(&sb, p[0] + 1, (size_t)(p[1] - p[0] - 1));
	}
	return sbuf_detach(&sb, NULL);
}

/* Replace each value of the field key by fn(value, arg). */
static void
rewrite_field(struct import_item *it, const char *key,
	      char *(*fn)(const char *, int), int arg)
{
	struct ifield *f = ifields_get(&it->x->src, key);
	struct ival *v = f ? &f->v : NULL;

	if (!v)
		return;
	if (v->type == IVAL_STR) {
		char *md = fn(v->str, arg);

		free(v->str);
		v->str = md;
	} else if (v->type == IVAL_LIST) {
		/* the set of a long list's values holds the old strings */
		if (v->seen) {
			strmap_release(v->seen);
			free(v->seen);
			v->seen = NULL;
		}
		for (size_t i = 0; i < v->n; i++) {
			char *md = fn(v->list[i], arg);

			free(v->list[i]);
			v->list[i] = md;
		}
	}
}

static char *
attachment_fn(const char *s, int unused)
{
	(void)unused;
	return attachment(s);
}

static int
jira_header(struct import_list *l, const char *file,
	    const struct csv_record *header)
{
	if (csv_header_col(header, "Summary") >= 0 ||
	    csv_header_col(header, "Issue key") >= 0)
		return 0;
	diag_add(&l->diags, SEV_ERROR, "import", file, 1, 0,
		 "this is not a Jira CSV export: it has no Summary or Issue key column (use 'docket import csv' for other CSV files)");
	return DK_EINVALID;
}

/* Give each issue that names another (Epic Link, Parent) its campaign
 * (an epic's) or its "Parent issue" (the design notes on top). */
static void
resolve_links(struct import_list *l)
{
	struct strmap idx = STRMAP_INIT;

	index_issues(&idx, l);
	for (size_t i = 0; i < l->n; i++) {
		struct import_item *it = import_list_at(l, i), *to = NULL;
		const char *link, *parent;
		char *campaign = NULL;
		long t;

		import_spill_in(l, it);
		link = get_any(it, epic_link_cols);
		parent = get_any(it, parent_cols);
		if ((!link && !parent) || is_type(it, "epic")) {
			import_spill_drop(l, it);
			continue;
		}
		/* the issue it names, in from the spill file too */
		if ((t = find_issue(&idx, link ? link : parent)) >= 0) {
			to = import_list_at(l, (size_t)t);
			if (to != it)
				import_spill_in(l, to);
		}
		if (to && is_type(to, "epic")) {
			campaign = epic_campaign(to);
		} else if (to) {
			const char *pk = get_any(to, key_cols);

			ifields_set_str(&it->x->src, "Parent issue",
					pk ? pk : link ? link : parent);
		} else if (link) {
			campaign = import_slug(link);
		} else {
			const char *ps = get_any(it, parent_summary_cols);

			if (is_type(it, "sub task") || is_type(it, "subtask"))
				ifields_set_str(&it->x->src, "Parent issue", ps ? ps : parent);
			else
				campaign = import_slug(ps ? ps : parent);
		}
		if (to && to != it)
			import_spill_drop(l, to);
		if (campaign)
			ifields_set_str(&it->x->src, "Campaign", campaign);
		free(campaign);
		import_spill_out(l, it);
	}
	strmap_release(&idx);
}

int
import_read_jira(struct import_list *l, FILE *in,
		 const char *file)
{
	size_t links = 0;
	int rc = import_read_rows(l, in, file, jira_header);

	if (rc)
		return rc;
	/* each record in from the spill file (when the list has one) and
	 * out again, one at a time */
	for (size_t i = 0; i < l->n; i++) {
		struct import_item *it = import_list_at(l, i);
		const char *key;

		import_spill_in(l, it);
		rewrite_field(it, "Description", wiki, 0);
		rewrite_field(it, "Comment", comment, 0);
		rewrite_field(it, "Attachment", attachment_fn, 0);
		if ((key = get_any(it, key_cols)))
			import_item_ext(l, it)->what = import_list_str(l, key);
		links += get_any(it, epic_link_cols) || get_any(it, parent_cols);
		import_spill_out(l, it);
	}
	/* the index of every issue only when one names another */
	if (links)
		resolve_links(l);
	/* epics: reported, not imported (one pass: an export may hold
	 * thousands) */
	import_list_drop_if(l, skip_epic, NULL);
	return 0;
}
