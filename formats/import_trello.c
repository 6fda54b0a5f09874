/*
 * import_trello.c: a Trello board's JSON export (board menu > Print,
 * export and share > Export as JSON).
 *
 * One item per card, with the source fields Name, Desc, List (the name
 * of the card's list: the status by default), Labels (names, or colours
 * for unnamed labels), Members (full names), Due, Created (the date of
 * the createCard action, else the time inside the card's id), Last
 * activity, Card (its short URL), Checklists (Markdown task lists, one
 * "### name" per checklist), Comments (the commentCard actions, oldest
 * first: "Author (date):" and the text), Comments not in the export
 * (what the card's badge counts beyond them), Attachments (Markdown
 * links) and Closed (true for an archived card; mapped to archived).
 * Order: the lists from left to right (by pos), then the cards of each
 * list by pos.  A closed (archived) card, or a card on a closed list, is
 * archived: stopped unless its status is done.
 *
 * Linear in the size of the export: lists, members, checklists and
 * actions are indexed by id once (strmap), never searched per card.
 * Each card's JSON is freed once its item holds copies, so that peak
 * memory is the document, not the document and the items.
 */
#include "formats/import.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/date.h"
#include "core/xalloc.h"

struct tlist {
	const char *id, *name;
	double pos;
	int closed;
	long index;
};

/* JSON objects grouped by an id (a card's), in file order.  Keys are
 * the strings of the parsed document (borrowed). */
struct bucket {
	const json_t **v;
	size_t n, alloc;
};

struct byid {
	struct strmap map;        /* id -> index + 1 in g */
	struct bucket *g;
	size_t n, alloc;
};

static void
byid_add(struct byid *b, const char *id, const json_t *o)
{
	struct strmap_entry *e = strmap_find(&b->map, id, strlen(id));
	struct bucket *g;

	if (e) {
		g = &b->g[(uintptr_t)e->value - 1];
	} else {
		b->g = xgrow(b->g, &b->alloc, b->n + 1, sizeof(*b->g));
		g = &b->g[b->n++];
		memset(g, 0, sizeof(*g));
		strmap_put(&b->map, id, strlen(id), (void *)(uintptr_t)b->n);
	}
	g->v = xgrow(g->v, &g->alloc, g->n + 1, sizeof(*g->v));
	g->v[g->n++] = o;
}

static const struct bucket *
byid_get(const struct byid *b, const char *id)
{
	struct strmap_entry *e = id ? strmap_find(&b->map, id, strlen(id)) : NULL;

	return e ? &b->g[(uintptr_t)e->value - 1] : NULL;
}

static void
byid_release(struct byid *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->g[i].v);
	free(b->g);
	strmap_release(&b->map);
}

static double
num_of(const json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : 0;
}

static int
bool_of(const json_t *v)
{
	return json_is_true(v);
}

/* A member of an object as a string (NULL when absent or not one). */
static const char *
str_of(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
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
iso_date(char *out, const json_t *v)
{
	const char *s = json_string_value(v);

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

/* Elements sorted by a key, equal keys in file order. */
struct keyed {
	const json_t *o;
	double num;
	const char *str;
	size_t index;
};

static int
cmp_num(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;

	if (a->num != b->num)
		return a->num < b->num ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

static int
cmp_str(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;
	int c = strcmp(a->str, b->str);

	if (c)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* A card's checklists (in file order) as Markdown, appended to sb. */
static void
checklists(struct sbuf *sb, const struct bucket *g)
{
	for (size_t i = 0; g && i < g->n; i++) {
		const json_t *items = json_object_get(g->v[i], "checkItems");
		const char *name = str_of(g->v[i], "name");
		size_t n = json_array_size(items);
		struct keyed *k = xcalloc(n + 1, sizeof(*k));

		if (sb->len)
			sbuf_adds(sb, "\n\n");
		sbuf_addf(sb, "### %s\n", name && *name ? name : "Checklist");
		for (size_t j = 0; j < n; j++) {
			k[j].o = json_array_get(items, j);
			k[j].num = num_of(json_object_get(k[j].o, "pos"));
			k[j].index = j;
		}
		qsort(k, n, sizeof(*k), cmp_num);
		for (size_t j = 0; j < n; j++) {
			const char *st = str_of(k[j].o, "state");
			const char *txt = str_of(k[j].o, "name");

			sbuf_addf(sb, "- [%c] %s\n", st && !strcmp(st, "complete") ? 'x' : ' ',
				  txt ? txt : "");
		}
		sbuf_setlen(sb, sb->len - 1);
		free(k);
	}
}

/* A member's name: full name, else user name. */
static const char *
member_name(const json_t *m)
{
	const char *n = str_of(m, "fullName");

	return n && *n ? n : str_of(m, "username");
}

/* "2019-06-10T21:31:37.832Z" as "2019-06-10 21:31 UTC"; anything else
 * as written. */
static void
add_when(struct sbuf *sb, const char *s)
{
	size_t n = strlen(s);

	if (n >= 16 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':') {
		sbuf_add(sb, s, 10);
		sbuf_addc(sb, ' ');
		sbuf_add(sb, s + 11, 5);
		if (s[n - 1] == 'Z')
			sbuf_adds(sb, " UTC");
	} else {
		sbuf_adds(sb, s);
	}
}

/* The card's comments, oldest first: "Author (date):\ntext" each. */
static void
comments(struct import_item *it, const struct bucket *g, const struct byid *members)
{
	struct keyed *k;
	size_t n = 0;

	if (!g)
		return;
	k = xcalloc(g->n + 1, sizeof(*k));
	for (size_t i = 0; i < g->n; i++) {
		const char *d = str_of(g->v[i], "date");

		k[n].o = g->v[i];
		k[n].str = d ? d : "";
		k[n].index = i;
		n++;
	}
	qsort(k, n, sizeof(*k), cmp_str);
	for (size_t i = 0; i < n; i++) {
		const json_t *a = k[i].o;
		const char *text = str_of(json_object_get(a, "data"), "text");
		const char *who = member_name(json_object_get(a, "memberCreator"));
		struct sbuf sb = SBUF_INIT;

		if (!who || !*who) {
			const struct bucket *m = byid_get(members, str_of(a, "idMemberCreator"));

			who = m ? member_name(m->v[0]) : NULL;
		}
		sbuf_adds(&sb, who && *who ? who : "Someone");
		if (*k[i].str) {
			sbuf_adds(&sb, " (");
			add_when(&sb, k[i].str);
			sbuf_addc(&sb, ')');
		}
		sbuf_addc(&sb, ':');
		if (text && *text) {
			sbuf_addc(&sb, '\n');
			sbuf_adds(&sb, text);
		}
		ifields_push(&it->x->src, "Comments", sb.buf, 0);
		sbuf_release(&sb);
	}
	free(k);
}

/* Markdown link text: brackets and backslashes escaped. */
static void
add_link_text(struct sbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '[' || *s == ']' || *s == '\\')
			sbuf_addc(sb, '\\');
		sbuf_addc(sb, *s == '\n' || *s == '\r' ? ' ' : *s);
	}
}

/* The card's attachments as Markdown links: "[name](url)". */
static void
attachments(struct import_item *it, const json_t *list)
{
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *a = json_array_get(list, i);
		const char *name = str_of(a, "name"), *url = str_of(a, "url");
		struct sbuf sb = SBUF_INIT;

		if ((!name || !*name) && (!url || !*url))
			name = "(an attachment without name or address)";
		if (!url || !*url) {
			sbuf_adds(&sb, name);
		} else {
			sbuf_addc(&sb, '[');
			add_link_text(&sb, name && *name ? name : url);
			sbuf_adds(&sb, "](");
			if (strpbrk(url, " ()<>")) {
				/* a destination in <>: no spaces or < > inside */
				sbuf_addc(&sb, '<');
				for (const char *p = url; *p; p++)
					if (*p == ' ')
						sbuf_adds(&sb, "%20");
					else if (*p == '<')
						sbuf_adds(&sb, "%3C");
					else if (*p == '>')
						sbuf_adds(&sb, "%3E");
					else
						sbuf_addc(&sb, *p);
				sbuf_addc(&sb, '>');
			} else {
				sbuf_adds(&sb, url);
			}
			sbuf_addc(&sb, ')');
		}
		ifields_push(&it->x->src, "Attachments", sb.buf, 0);
		sbuf_release(&sb);
	}
}

/* owned (may be NULL): the caller's pointer to buf, freed and set NULL
 * once parsed */
static int
read_trello(struct import_list *l, const char *buf, size_t len,
	    const char *file, char **owned)
{
	json_t *root;
	json_error_t err;
	json_t *cards;
	const json_t *lists, *members, *actions, *cls;
	struct tlist *tl;
	struct strmap list_of = STRMAP_INIT;
	struct byid member = { STRMAP_INIT, NULL, 0, 0 },
		    checklist = { STRMAP_INIT, NULL, 0, 0 },
		    comment = { STRMAP_INIT, NULL, 0, 0 },
		    created = { STRMAP_INIT, NULL, 0, 0 };
	size_t ntl = 0, missing = 0, missing_cards = 0;

	/* jansson: strict RFC 8259, a repeated key is an error, positions
	 * only for syntax errors: records are named by their card name
	 * (Trello exports are one line, so a line would say little) */
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
	/* the document holds what it needs: the bytes can go before the
	 * records are made (the parse is the peak) */
	if (owned) {
		free(*owned);
		*owned = NULL;
	}
	if (!root) {
		/* jansson names its own option for this one: say it as
		 * a user reads it */
		if (strstr(err.text, "JSON_ALLOW_NUL"))
			diag_add(&l->diags, SEV_ERROR, "import", file, err.line, err.column,
				 "not valid JSON for docket: \\u0000 (a NUL character) in a string; an item file cannot hold it");
		else
			diag_add(&l->diags, SEV_ERROR, "import", file, err.line, err.column,
				 "not valid JSON: %s", err.text);
		return DK_EINVALID;
	}
	cards = json_object_get(root, "cards");
	lists = json_object_get(root, "lists");
	if (!json_is_array(cards)) {
		diag_add(&l->diags, SEV_ERROR, "import", file, 1, 1,
			 "this is not a Trello board export: it has no \"cards\" array");
		json_decref(root);
		return DK_EINVALID;
	}
	members = json_object_get(root, "members");
	actions = json_object_get(root, "actions");
	cls = json_object_get(root, "checklists");

	/* the indexes, each one pass */
	tl = xcalloc(json_array_size(lists) + 1, sizeof(*tl));
	for (size_t i = 0; i < json_array_size(lists); i++) {
		const json_t *li = json_array_get(lists, i);

		tl[ntl].id = str_of(li, "id");
		tl[ntl].name = str_of(li, "name");
		tl[ntl].pos = num_of(json_object_get(li, "pos"));
		tl[ntl].closed = bool_of(json_object_get(li, "closed"));
		tl[ntl].index = (long)i;
		if (tl[ntl].id)
			ntl++;
	}
	qsort(tl, ntl, sizeof(*tl), cmp_lists);
	for (size_t k = 0; k < ntl; k++)
		/* a repeated list id: the first (leftmost) one, as before */
		if (!strmap_find(&list_of, tl[k].id, strlen(tl[k].id)))
			strmap_put(&list_of, tl[k].id, strlen(tl[k].id), &tl[k]);
	for (size_t i = 0; i < json_array_size(members); i++) {
		const char *mid = str_of(json_array_get(members, i), "id");

		if (mid && !byid_get(&member, mid))
			byid_add(&member, mid, json_array_get(members, i));
	}
	for (size_t i = 0; i < json_array_size(cls); i++) {
		const char *cid = str_of(json_array_get(cls, i), "idCard");

		if (cid)
			byid_add(&checklist, cid, json_array_get(cls, i));
	}
	for (size_t i = 0; i < json_array_size(actions); i++) {
		const json_t *a = json_array_get(actions, i);
		const char *type = str_of(a, "type");
		const char *cid = str_of(json_object_get(json_object_get(a, "data"), "card"), "id");

		if (!type || !cid)
			continue;
		if (!strcmp(type, "commentCard"))
			byid_add(&comment, cid, a);
		else if (!strcmp(type, "createCard") && !byid_get(&created, cid))
			byid_add(&created, cid, a);
	}

	for (size_t i = 0; i < json_array_size(cards); i++) {
		const json_t *c = json_array_get(cards, i);
		const char *id = str_of(c, "id");
		const char *name = str_of(c, "name");
		const char *idlist = str_of(c, "idList");
		const char *url = str_of(c, "shortUrl");
		const char *desc = str_of(c, "desc");
		const json_t *labels = json_object_get(c, "labels");
		const json_t *mids = json_object_get(c, "idMembers");
		const struct tlist *list = NULL;
		const struct bucket *made;
		struct import_item *it;
		struct sbuf cl = SBUF_INIT;
		char ymd[11];
		const char *when;

		if (!json_is_object(c))
			continue;
		if (idlist)
			list = strmap_get(&list_of, idlist);
		it = import_list_add(l, file, 0);
		{
			char *what = xasprintf("card '%s'", name ? name : "");

			import_item_ext(l, it)->what = import_list_str(l, what);
			free(what);
		}
		if (name)
			ifields_set_str(&it->x->src, "Name", name);
		if (desc && *desc)
			ifields_set_str(&it->x->src, "Desc", desc);
		if (list && list->name)
			ifields_set_str(&it->x->src, "List", list->name);
		for (size_t k = 0; k < json_array_size(labels); k++) {
			const char *ln = str_of(json_array_get(labels, k), "name");

			if (!ln || !*ln)
				ln = str_of(json_array_get(labels, k), "color");
			if (ln && *ln)
				ifields_push(&it->x->src, "Labels", ln, 1);
		}
		for (size_t k = 0; k < json_array_size(mids); k++) {
			const struct bucket *m = byid_get(&member,
							  json_string_value(json_array_get(mids, k)));
			const char *mn = m ? member_name(m->v[0]) : NULL;

			if (mn)
				ifields_push(&it->x->src, "Members", mn, 1);
		}
		if (iso_date(ymd, json_object_get(c, "due")) == 0)
			ifields_set_date(&it->x->src, "Due", ymd);
		made = byid_get(&created, id);
		when = made ? str_of(made->v[0], "date") : NULL;
		if ((when && import_date_parse(ymd, when, IMPORT_DATE_AUTO) == 0) ||
		    id_date(ymd, id) == 0)
			ifields_set_date(&it->x->src, "Created", ymd);
		if (iso_date(ymd, json_object_get(c, "dateLastActivity")) == 0)
			ifields_set_date(&it->x->src, "Last activity", ymd);
		if (id)
			ifields_set_str(&it->x->src, "Card id", id);
		if (url) {
			ifields_set_str(&it->x->src, "Card", url);
			import_item_ext(l, it)->alt_id = import_list_str(l, url);
		}
		checklists(&cl, byid_get(&checklist, id));
		if (cl.len)
			ifields_set_str(&it->x->src, "Checklists", cl.buf);
		sbuf_release(&cl);
		{
			const struct bucket *g = byid_get(&comment, id);
			double said = num_of(json_object_get(json_object_get(c, "badges"),
							     "comments"));
			size_t have = g ? g->n : 0;

			comments(it, g, &member);
			/* Trello writes at most 1000 actions into an export:
			 * older comments are counted on the card, not there */
			if (said > (double)have && said < 1e9) {
				char *why = xasprintf("%.0f of the card's %.0f (Trello writes at most 1000 actions into an export)",
						      said - (double)have, said);

				ifields_set_str(&it->x->src, "Comments not in the export", why);
				free(why);
				missing += (size_t)(said - (double)have);
				missing_cards++;
			}
		}
		attachments(it, json_object_get(c, "attachments"));
		import_item_sort(l, it)->group = list ? (long)(list - tl) : (long)ntl;
		import_item_sort(l, it)->has_rank_num = 1;
		import_item_sort(l, it)->rank_num = num_of(json_object_get(c, "pos"));
		if (bool_of(json_object_get(c, "closed")))
			ifields_set_bool(&it->x->src, "Closed", 1);
		it->x->archived = list && list->closed;
		/* the item holds copies: the card's JSON can go, so that the
		 * items grow as the document shrinks (peak memory) */
		json_array_set_new(cards, i, json_null());
	}
	if (missing)
		diag_add(&l->diags, SEV_WARNING, "import", file, 0, 0,
			 "%zu comments on %zu cards are not in this export (Trello writes at most 1000 actions into one): each of those cards says so in a note",
			 missing, missing_cards);
	byid_release(&member);
	byid_release(&checklist);
	byid_release(&comment);
	byid_release(&created);
	strmap_release(&list_of);
	free(tl);
	json_decref(root);
	return 0;
}

int
import_read_trello(struct import_list *l, const char *buf, size_t len,
		   const char *file)
{
	return read_trello(l, buf, len, file, NULL);
}

int
import_read_trello_owned(struct import_list *l, char **buf, size_t len,
			 const char *file)
{
	return read_trello(l, *buf, len, file, buf);
}
