/*
 * import_trello.c: a Trello board's JSON export (board menu > Print,
 * export and share > Export as JSON).
 *
 * One item per card, with the source fields Name, Desc, List (the name
 * of the card's list: the status by default), Labels (names, or colours
 * for unnamed labels), Members (full names), Due, Created (the date of
 * the createCard action, else the time inside the card's id), Last
 * activity, Card (its short URL) and Checklists (Markdown task lists,
 * one "### name" per checklist).  Order: the lists from left to right
 * (by pos), then the cards of each list by pos.  A closed (archived)
 * card, or a card on a closed list, is archived: stopped unless its
 * status is done.
 */
#include "formats/import.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/xalloc.h"
#include "formats/json_read.h"

struct tlist {
	const char *id, *name;
	double pos;
	int closed;
	long index;
};

static double
num_of(const struct jval *v)
{
	return v && v->type == JNUM ? v->num : 0;
}

static int
bool_of(const struct jval *v)
{
	return v && v->type == JBOOL && v->b;
}

static int
cmp_lists(const void *pa, const void *pb)
{
	const struct tlist *a = pa, *b = pb;

	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* An ISO date-time as YYYY-MM-DD into out (11 bytes), or -1. */
static int
iso_date(char *out, const struct jval *v)
{
	const char *s = jval_str(v);

	return s ? import_date_parse(out, s, IMPORT_DATE_AUTO) : -1;
}

/* The creation date hidden in a Trello id (a MongoDB ObjectId: the
 * first 8 hex digits are seconds since 1970). */
static int
id_date(char *out, const char *id)
{
	long long t = 0;

	if (!id || strlen(id) < 8)
		return -1;
	for (int i = 0; i < 8; i++) {
		char c = id[i];
		int d = (c >= '0' && c <= '9') ? c - '0' :
			(c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;

		if (d < 0)
			return -1;
		t = t * 16 + d;
	}
	date_format(out, 11, date_from_time(t));
	return 0;
}

/* Checklists of card id as Markdown, appended to sb. */
static void
checklists(struct sbuf *sb, const struct jval *all, const char *card)
{
	for (size_t i = 0; all && all->type == JARR && i < all->n; i++) {
		const struct jval *cl = all->items[i];
		const struct jval *items = jval_get(cl, "checkItems");
		const char *cid = jval_str(jval_get(cl, "idCard"));
		const char *name = jval_str(jval_get(cl, "name"));
		const struct jval **sorted;
		size_t n = 0;

		if (!cid || strcmp(cid, card))
			continue;
		if (sb->len)
			sbuf_adds(sb, "\n\n");
		sbuf_addf(sb, "### %s\n", name && *name ? name : "Checklist");
		sorted = xcalloc((items && items->type == JARR ? items->n : 0) + 1,
				 sizeof(*sorted));
		for (size_t j = 0; items && items->type == JARR && j < items->n; j++) {
			/* insertion by pos keeps equal positions in file order */
			const struct jval *ci = items->items[j];
			size_t k = n;

			while (k > 0 && num_of(jval_get(sorted[k - 1], "pos")) >
			       num_of(jval_get(ci, "pos"))) {
				sorted[k] = sorted[k - 1];
				k--;
			}
			sorted[k] = ci;
			n++;
		}
		for (size_t j = 0; j < n; j++) {
			const char *st = jval_str(jval_get(sorted[j], "state"));
			const char *txt = jval_str(jval_get(sorted[j], "name"));

			sbuf_addf(sb, "- [%c] %s\n", st && !strcmp(st, "complete") ? 'x' : ' ',
				  txt ? txt : "");
		}
		sbuf_setlen(sb, sb->len - 1);
		free(sorted);
	}
}

static const char *
member_name(const struct jval *members, const char *id)
{
	for (size_t i = 0; members && members->type == JARR && i < members->n; i++) {
		const struct jval *m = members->items[i];
		const char *mid = jval_str(jval_get(m, "id"));

		if (mid && !strcmp(mid, id)) {
			const char *n = jval_str(jval_get(m, "fullName"));

			return n ? n : jval_str(jval_get(m, "username"));
		}
	}
	return NULL;
}

static const char *
created_by_action(const struct jval *actions, const char *card)
{
	for (size_t i = 0; actions && actions->type == JARR && i < actions->n; i++) {
		const struct jval *a = actions->items[i];
		const char *type = jval_str(jval_get(a, "type"));
		const char *cid = jval_str(jval_get(jval_get(jval_get(a, "data"), "card"), "id"));

		if (type && !strcmp(type, "createCard") && cid && !strcmp(cid, card))
			return jval_str(jval_get(a, "date"));
	}
	return NULL;
}

int
import_read_trello(struct import_list *l, const char *buf, size_t len,
		   const char *file)
{
	struct jval *root = NULL;
	struct json_error err;
	const struct jval *cards, *lists, *members, *actions, *cls;
	struct tlist *tl;
	size_t ntl = 0;

	if (json_parse(&root, buf, len, &err)) {
		diag_add(&l->diags, SEV_ERROR, "import", file, err.line, err.col,
			 "not valid JSON: %s", err.message);
		return DK_EINVALID;
	}
	cards = jval_get(root, "cards");
	lists = jval_get(root, "lists");
	if (!cards || cards->type != JARR) {
		diag_add(&l->diags, SEV_ERROR, "import", file, root->line, root->col,
			 "this is not a Trello board export: it has no \"cards\" array");
		jval_free(root);
		return DK_EINVALID;
	}
	members = jval_get(root, "members");
	actions = jval_get(root, "actions");
	cls = jval_get(root, "checklists");
	tl = xcalloc((lists && lists->type == JARR ? lists->n : 0) + 1, sizeof(*tl));
	for (size_t i = 0; lists && lists->type == JARR && i < lists->n; i++) {
		const struct jval *li = lists->items[i];

		tl[ntl].id = jval_str(jval_get(li, "id"));
		tl[ntl].name = jval_str(jval_get(li, "name"));
		tl[ntl].pos = num_of(jval_get(li, "pos"));
		tl[ntl].closed = bool_of(jval_get(li, "closed"));
		tl[ntl].index = (long)i;
		if (tl[ntl].id)
			ntl++;
	}
	qsort(tl, ntl, sizeof(*tl), cmp_lists);
	for (size_t i = 0; i < cards->n; i++) {
		const struct jval *c = cards->items[i];
		const char *id = jval_str(jval_get(c, "id"));
		const char *name = jval_str(jval_get(c, "name"));
		const char *idlist = jval_str(jval_get(c, "idList"));
		const char *url = jval_str(jval_get(c, "shortUrl"));
		const struct jval *labels = jval_get(c, "labels");
		const struct jval *mids = jval_get(c, "idMembers");
		const struct tlist *list = NULL;
		struct import_item *it;
		struct sbuf cl = SBUF_INIT;
		char ymd[11];
		const char *made;

		if (c->type != JOBJ)
			continue;
		for (size_t k = 0; idlist && k < ntl; k++)
			if (!strcmp(tl[k].id, idlist))
				list = &tl[k];
		it = import_list_add(l, file, c->line);
		it->what = xasprintf("card '%s'", name ? name : "");
		if (name)
			ifields_set_str(&it->src, "Name", name);
		if (jval_str(jval_get(c, "desc")) && *jval_str(jval_get(c, "desc")))
			ifields_set_str(&it->src, "Desc", jval_str(jval_get(c, "desc")));
		if (list && list->name)
			ifields_set_str(&it->src, "List", list->name);
		for (size_t k = 0; labels && labels->type == JARR && k < labels->n; k++) {
			const char *ln = jval_str(jval_get(labels->items[k], "name"));

			if (!ln || !*ln)
				ln = jval_str(jval_get(labels->items[k], "color"));
			if (ln && *ln)
				ifields_push(&it->src, "Labels", ln, 1);
		}
		for (size_t k = 0; mids && mids->type == JARR && k < mids->n; k++) {
			const char *mn = jval_str(mids->items[k]) ?
					 member_name(members, jval_str(mids->items[k])) : NULL;

			if (mn)
				ifields_push(&it->src, "Members", mn, 1);
		}
		if (iso_date(ymd, jval_get(c, "due")) == 0)
			ifields_set_date(&it->src, "Due", ymd);
		made = id ? created_by_action(actions, id) : NULL;
		if ((made && import_date_parse(ymd, made, IMPORT_DATE_AUTO) == 0) ||
		    id_date(ymd, id) == 0)
			ifields_set_date(&it->src, "Created", ymd);
		if (iso_date(ymd, jval_get(c, "dateLastActivity")) == 0)
			ifields_set_date(&it->src, "Last activity", ymd);
		if (url)
			ifields_set_str(&it->src, "Card", url);
		if (id)
			checklists(&cl, cls, id);
		if (cl.len)
			ifields_set_str(&it->src, "Checklists", cl.buf);
		sbuf_release(&cl);
		for (size_t k = 0; k < it->src.n; k++)
			it->src.v[k].line = c->line;
		it->group = list ? (long)(list - tl) : (long)ntl;
		it->has_rank_num = 1;
		it->rank_num = num_of(jval_get(c, "pos"));
		it->archived = bool_of(jval_get(c, "closed")) || (list && list->closed);
	}
	free(tl);
	jval_free(root);
	return 0;
}
