/*
 * order_hosted.c: the host's line merge of ORDER, predicted (see
 * order_hosted.h).
 */
#include "core/order_hosted.h"

#include <git2.h>
#include <string.h>

#include "core/merge_order.h"
#include "core/strmap.h"

/* The id an ORDER line s[0..n) names ("" for a blank or comment line,
 * or a conflict marker), in id[0..*idn). */
static void
line_id(const char *s, size_t n, const char **id, size_t *idn)
{
	size_t i = 0, k;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	k = i;
	while (k < n && s[k] != ' ' && s[k] != '\t' && s[k] != '#' && s[k] != '\r')
		k++;
	*id = s + i;
	*idn = i < n && s[i] != '#' && s[i] != '<' && s[i] != '=' && s[i] != '>' &&
	       s[i] != '|' ? k - i : 0;
}

/* Add id to list ("A, B"), once (the map borrows the text). */
static void
add_once(struct sbuf *list, struct strmap *seen, const char *id, size_t n,
	 size_t *count)
{
	if (strmap_find(seen, id, n))
		return;
	strmap_put(seen, id, n, (void *)id);
	if (*count < 10)
		sbuf_addf(list, "%s%.*s", list->len ? ", " : "", (int)n, id);
	else if (*count == 10)
		sbuf_adds(list, ", ...");
	(*count)++;
}

/* The ids of the line merge's result: in its conflicts, or (when it is
 * clean) listed twice. */
static void
scan(struct order_hosted *h, const char *s, size_t len)
{
	struct strmap seen = STRMAP_INIT, in_conflict = STRMAP_INIT;
	struct strmap dup_seen = STRMAP_INIT;
	const char *p = s, *end = s + len;
	int conflict = 0;
	size_t nc = 0, nd = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *id;
		size_t idn;

		if (n >= 7 && !strncmp(p, "<<<<<<<", 7))
			conflict = 1;
		else if (n >= 7 && !strncmp(p, ">>>>>>>", 7))
			conflict = 0;
		line_id(p, n, &id, &idn);
		if (idn && conflict)
			add_once(&h->conflict_ids, &in_conflict, id, idn, &nc);
		else if (idn && !h->line_conflict && strmap_find(&seen, id, idn))
			add_once(&h->dup_ids, &dup_seen, id, idn, &nd);
		else if (idn)
			strmap_put(&seen, id, idn, (void *)id);
		p = nl ? nl + 1 : end;
	}
	strmap_release(&seen);
	strmap_release(&in_conflict);
	strmap_release(&dup_seen);
}

int
order_hosted_predict(struct order_hosted *out, const char *base, size_t blen,
		     const char *ours, size_t olen, const char *theirs,
		     size_t tlen)
{
	git_merge_file_input b = GIT_MERGE_FILE_INPUT_INIT;
	git_merge_file_input o = GIT_MERGE_FILE_INPUT_INIT;
	git_merge_file_input t = GIT_MERGE_FILE_INPUT_INIT;
	git_merge_file_options opts = GIT_MERGE_FILE_OPTIONS_INIT;
	git_merge_file_result res;
	struct diag_list quiet = DIAG_LIST_INIT;
	struct sbuf merged = SBUF_INIT;

	memset(out, 0, sizeof(*out));
	sbuf_init(&out->conflict_ids);
	sbuf_init(&out->dup_ids);
	memset(&res, 0, sizeof(res));
	b.ptr = base;
	b.size = blen;
	o.ptr = ours;
	o.size = olen;
	t.ptr = theirs;
	t.size = tlen;
	b.path = o.path = t.path = "ORDER";
	opts.flags = GIT_MERGE_FILE_DIFF_PATIENCE;
	if (git_merge_file(&res, &b, &o, &t, &opts) < 0) {
		git_error_clear();
		return -1;
	}
	out->line_conflict = !res.automergeable;
	scan(out, res.ptr, res.len);
	git_merge_file_result_free(&res);
	out->driver_conflict = merge_order(base, blen, ours, olen, theirs, tlen,
					   &merged, &quiet) != 0;
	sbuf_release(&merged);
	diag_list_release(&quiet);
	return 0;
}

void
order_hosted_release(struct order_hosted *h)
{
	sbuf_release(&h->conflict_ids);
	sbuf_release(&h->dup_ids);
	memset(h, 0, sizeof(*h));
}
