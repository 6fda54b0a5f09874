/*
 * wip.c: the WIP limit of a move into doing (see wip.h).
 */
#include "core/wip.h"

#include <stdlib.h>
#include <string.h>

#include "core/fm.h"
#include "core/huddle.h"
#include "core/xalloc.h"

void
wip_init(struct wip *w)
{
	memset(w, 0, sizeof(*w));
	w->limit = -1;
	w->severity = SEV_OFF;
}

void
wip_release(struct wip *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->doing[i]);
	free(w->doing);
	wip_init(w);
}

void
wip_rule(struct wip *w, const struct config *cfg)
{
	const struct rule_setting *s = config_rule(cfg, "wip-limit");

	w->limit = huddle_wip_limit(cfg);
	w->severity = s && s->severity >= 0 ? (enum severity)s->severity : SEV_WARNING;
	if (w->limit < 0)
		w->severity = SEV_OFF;
}

void
wip_count(struct wip *w, const struct backlog *bl, const char *id)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->doing[i]);
	free(w->doing);
	w->doing = xcalloc(bl->nitems + 1, sizeof(*w->doing));
	w->n = 0;
	for (size_t i = 0; i < bl->nitems; i++) {
		const struct item *it = bl->items[i];

		if (!it->parsed || it->status != ST_DOING || !it->id ||
		    (id && !strcmp(it->id, id)))
			continue;
		w->doing[w->n++] = xstrdup(it->id);
	}
	w->over = w->limit >= 0 && (long)w->n + 1 > w->limit;
}

/* Does s[0..n) hold the bytes of word? */
static int
has_word(const char *s, size_t n, const char *word)
{
	size_t wl = strlen(word);
	const char *p = s, *end = s + n;

	while ((size_t)(end - p) >= wl && (p = memchr(p, word[0], (size_t)(end - p - wl + 1)))) {
		if (!memcmp(p, word, wl))
			return 1;
		p++;
	}
	return 0;
}

/*
 * backlog_pick_fn of wip_scan: can this file be an item that is doing?
 * Its status is the scalar "doing" only if its front matter holds those
 * five bytes, or writes them with a double-quoted escape ("do\x69ng"):
 * every other YAML form of a scalar (plain, single-quoted, block,
 * folded, alias, tag, merge key) takes its characters from the text
 * as they are, or adds spaces.  A file without either cannot count, nor
 * can one whose front matter is not found (it does not parse), so only
 * the few files that may be doing are parsed (the others' size and
 * encoding are not checked either: they cannot count whatever they are).
 */
static int
maybe_doing(const char *data, size_t len, void *arg)
{
	struct fm fm;
	const char *yaml;

	(void)arg;
	if (fm_locate(&fm, data, len))
		return 0;
	yaml = data + fm.yaml_off;
	return has_word(yaml, fm.yaml_len, item_status_name(ST_DOING)) ||
	       memchr(yaml, '\\', fm.yaml_len) != NULL;
}

int
wip_scan(struct wip *w, const struct backlog *bl, struct source *src,
	 const char *id)
{
	struct backlog all;
	int rc;

	wip_rule(w, &bl->config);
	if (w->severity == SEV_OFF)
		return 0;
	backlog_init(&all);
	rc = backlog_load_pick(&all, bl->root, bl->top, src, BL_LEAN,
			       maybe_doing, NULL);
	if (rc == 0) {
		wip_count(w, &all, id);
		w->parsed = all.nitems;
	}
	backlog_release(&all);
	return rc;
}

enum wip_verdict
wip_verdict(const struct wip *w, int override)
{
	if (w->severity == SEV_OFF || !w->over)
		return WIP_OK;
	if (override)
		return WIP_OVERRIDE;
	return w->severity == SEV_ERROR ? WIP_REFUSE : WIP_WARN;
}

void
wip_names(struct sbuf *out, const struct wip *w)
{
	size_t shown = w->n > 12 ? 12 : w->n;

	for (size_t i = 0; i < shown; i++)
		sbuf_addf(out, "%s%s", i == 0 ? "" : i + 1 == shown && shown == w->n ?
			  " and " : ", ", w->doing[i]);
	if (shown < w->n)
		sbuf_addf(out, " and %zu more", w->n - shown);
}

void
wip_message(struct sbuf *out, const struct wip *w, const char *id,
	    enum wip_verdict v, const char *override)
{
	struct sbuf names = SBUF_INIT;
	const char *verb = w->n == 1 ? "is" : "are";
	const char *items = w->n + 1 == 1 ? "item" : "items";

	wip_names(&names, w);
	if (!w->n)              /* a limit of 0: nothing is in progress */
		sbuf_adds(&names, "nothing");
	verb = w->n ? verb : "is";
	switch (v) {
	case WIP_OK:
		break;
	case WIP_WARN:
		sbuf_addf(out, "%s makes %zu %s doing, over the WIP limit of %ld: %s %s in progress; finish work before starting more",
			  id, w->n + 1, items, w->limit, names.buf, verb);
		break;
	case WIP_REFUSE:
		sbuf_addf(out, "%s would make %zu %s doing, over the WIP limit of %ld: %s %s in progress. %s, or give %s to go over on purpose (recorded in %s and in the commit)",
			  id, w->n + 1, items, w->limit, names.buf, verb,
			  w->n ? "Finish or block one of them first" :
			  "Raise the limit (rules: wip-limit: max: in docket.yaml)",
			  override, id);
		break;
	case WIP_OVERRIDE:
		sbuf_addf(out, "Over the WIP limit on purpose (%s): %zu %s doing, limit %ld; in progress before: %s\n",
			  override, w->n + 1, items, w->limit, names.buf);
		break;
	}
	sbuf_release(&names);
}
