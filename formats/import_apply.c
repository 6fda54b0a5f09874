/*
 * import_apply.c: import_map_apply: turn each record's source fields
 * into docket fields, a status, a type, a body and notes.
 *
 * Nothing is lost silently: a value that has no docket field, or does
 * not fit its field (a date that does not parse, effort 0, a goal that
 * docket.yaml does not declare), becomes a note in the item's body
 * ("- Story Points: 0"), and a value that should have fitted but did not
 * is also a warning.  Source fields that nothing maps are listed once
 * in l->unmapped so that the report can name them.
 */
#include "formats/import.h"
#include "formats/import_apply_int.h"
#include "formats/import_spill.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/item.h"
#include "core/schema.h"
#include "core/xalloc.h"

struct apply {
	struct import_list *l;
	const struct import_map *m;
	const struct config *cfg;
	struct import_item *it;
	struct sbuf body;
	int nbody;                /* body fields added so far */
	const char *src_status;   /* borrowed from the item's src fields */
	const char *status_key;   /* the source field that gave src_status */
	const char *src_type;
	const char *resolution;
	const char *finished_key; /* the source field that gave finished */
	char **warned;            /* status values warned about */
	size_t nwarned, awarned;
	struct diag_list diags;   /* its warnings, until import_mapper_free */
	struct strmap to;         /* source field name -> import_map_field's
				   * answer (&none: NULL), names owned: the
				   * same few names on every record */
	char **names;
	size_t nnames, anames;
};

static char none;

/* import_map_field, once per name. */
static const char *
target_of(struct apply *a, const char *key)
{
	struct strmap_entry *e = strmap_find(&a->to, key, strlen(key));
	const char *to;
	char *k;

	if (e)
		return e->value == &none ? NULL : e->value;
	to = import_map_field(a->m, key);
	k = xstrdup(key);
	a->names = xgrow(a->names, &a->anames, a->nnames + 1, sizeof(*a->names));
	a->names[a->nnames++] = k;
	strmap_put(&a->to, k, strlen(k), to ? (void *)to : &none);
	return to;
}

static const char *
tool(const struct apply *a)
{
	return import_kind_title(a->l->kind);
}

static void
warn(struct apply *a, const struct ifield *f, const char *fmt, const char *val)
{
	struct import_item *it = a->it;
	char wb[32];

	diag_add(&a->diags, SEV_WARNING, "import", it->file,
		 f && f->line ? f->line : it->line, 0, fmt, import_item_what(it, wb, "record"),
		 f ? f->key : "", val);
}

static void
add_unmapped(struct import_list *l, const char *key)
{
	char *k;

	if (strmap_find(&l->unmapped_idx, key, strlen(key)))
		return;
	l->unmapped = xgrow(l->unmapped, &l->aunmapped, l->nunmapped + 1,
			    sizeof(*l->unmapped));
	k = l->unmapped[l->nunmapped++] = xstrdup(key);
	strmap_put(&l->unmapped_idx, k, strlen(k), k);
}

/* Each piece of a value: list items, or a string split at sep chars. */
static void
each_piece(const struct ival *v, const char *sep,
	   void (*fn)(struct apply *, const char *), struct apply *a)
{
	if (v->type == IVAL_LIST) {
		for (size_t i = 0; i < v->n; i++)
			each_piece(&(struct ival){ .type = IVAL_STR, .str = v->list[i] },
				   "", fn, a);
		return;
	}
	for (const char *p = v->str; p && *p;) {
		size_t n = *sep ? strcspn(p, sep) : strlen(p);
		const char *s = p, *e = p + n;

		while (s < e && (*s == ' ' || *s == '\t' || *s == '\n'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'))
			e--;
		if (e > s) {
			char *piece = xstrndup(s, (size_t)(e - s));

			fn(a, piece);
			free(piece);
		}
		p += n;
		if (*p)
			p++;
	}
}

static void
push_tag(struct apply *a, const char *s)
{
	ifields_push(&a->it->x->out, "tags", s, 1);
}

static void
push_dep(struct apply *a, const char *s)
{
	struct import_item *it = a->it;

	for (size_t i = 0; i < it->x->ndeps; i++)
		if (!strcmp(it->x->deps[i], s))
			return;
	it->x->deps = xgrow(it->x->deps, &it->x->adeps, it->x->ndeps + 1, sizeof(*it->x->deps));
	it->x->deps[it->x->ndeps++] = xstrdup(s);
}

/* A number for a field: import_value_number's, but -2 for one of 1e15 or
 * more, which a double no longer holds exactly: the field would get
 * another value than the source's (1e+29 for 99999999999999999999999999999). */
static int
field_number(const char *text, double *num)
{
	if (import_value_number(text, num))
		return -1;
	return fabs(*num) >= 1e15 ? -2 : 0;
}

/* The value of f for a typed docket field; on failure a note (and a
 * warning when say is set). */
static void
set_typed(struct apply *a, const struct ifield *f, const char *to,
	  enum schema_kind kind, const struct field_def *def)
{
	struct import_item *it = a->it;
	char *text = import_value_line(&f->v);
	char ymd[11];
	double num;
	int b;

	if (!*text) {
		free(text);
		return;
	}
	if (kind == SK_CUSTOM) {
		switch (def->type) {
		case FT_INTEGER: case FT_NUMBER: kind = SK_NUM_OR_STR; break;
		case FT_BOOLEAN: kind = SK_BOOL; break;
		case FT_DATE: kind = SK_DATE; break;
		case FT_LIST: kind = SK_STR_LIST; break;
		default: kind = SK_STRING; break;
		}
	}
	switch (kind) {
	case SK_DATE:
		if (f->v.type == IVAL_DATE)
			ifields_set_date(&it->x->out, to, f->v.str);
		else if (import_date_parse(ymd, text, a->m->dates) == 0)
			ifields_set_date(&it->x->out, to, ymd);
		else {
			warn(a, f, "%s: %s '%s' is not a date docket can read; kept as a note", text);
			import_value_noted(it, f->key, &f->v);
		}
		break;
	case SK_REMAINING:
		if (field_number(text, &num) == 0 && num >= 0)
			ifields_set_num(&it->x->out, to, num, NULL);
		else
			import_value_noted(it, f->key, &f->v);
		break;
	case SK_NUMBER:
		if ((b = field_number(text, &num)) == 0 && num > 0)
			ifields_set_num(&it->x->out, to, num, NULL);
		else {
			if (b == -1)
				warn(a, f, "%s: %s '%s' is not a number; kept as a note", text);
			else if (b == -2)
				warn(a, f, "%s: %s '%s' is too large to keep exactly; kept as a note", text);
			import_value_noted(it, f->key, &f->v);
		}
		break;
	case SK_SCORE:
		if (import_value_number(text, &num) == 0 && num == floor(num) && num >= 1 && num <= 10)
			ifields_set_num(&it->x->out, to, num, NULL);
		else {
			warn(a, f, "%s: %s '%s' is not a whole number from 1 to 10; kept as a note", text);
			import_value_noted(it, f->key, &f->v);
		}
		break;
	case SK_NUM_OR_STR:
		if (field_number(text, &num) == 0)
			ifields_set_num(&it->x->out, to, num, NULL);
		else
			ifields_set_str(&it->x->out, to, text);
		break;
	case SK_BOOL:
		if (import_value_bool(text, &b) == 0)
			ifields_set_bool(&it->x->out, to, b);
		else {
			warn(a, f, "%s: %s '%s' is not true or false; kept as a note", text);
			import_value_noted(it, f->key, &f->v);
		}
		break;
	case SK_ENUM: {
		const struct builtin_field *bf = schema_builtin(to);
		int ok = 0;

		for (size_t i = 0; bf && bf->values && bf->values[i]; i++)
			if (!strcasecmp(bf->values[i], text)) {
				ifields_set_str(&it->x->out, to, bf->values[i]);
				ok = 1;
			}
		if (!ok) {
			warn(a, f, "%s: %s '%s' is not one of the values docket allows; kept as a note", text);
			import_value_noted(it, f->key, &f->v);
		}
		break;
	}
	case SK_GOAL:
		if (a->cfg && config_goal(a->cfg, text))
			ifields_set_str(&it->x->out, to, text);
		else {
			warn(a, f, "%s: %s '%s' is not a goal in docket.yaml; kept as a note", text);
			import_value_noted(it, f->key, &f->v);
		}
		break;
	case SK_STR_LIST:
		if (f->v.type == IVAL_LIST)
			for (size_t i = 0; i < f->v.n; i++)
				ifields_push(&it->x->out, to, f->v.list[i], 1);
		else
			ifields_push(&it->x->out, to, text, 1);
		break;
	default:
		/* strings: outcome, hypothesis, campaign, requested_by... */
		if (f->v.type == IVAL_LIST && kind == SK_UNKNOWN) {
			for (size_t i = 0; i < f->v.n; i++)
				ifields_push(&it->x->out, to, f->v.list[i], 1);
		} else {
			ifields_set_str(&it->x->out, to, text);
		}
		break;
	}
	free(text);
}

static void
add_body(struct apply *a, const struct ifield *f)
{
	struct sbuf text = SBUF_INIT;

	ival_text(&text, &f->v);
	if (!text.len) {
		sbuf_release(&text);
		return;
	}
	if (a->body.len)
		sbuf_adds(&a->body, "\n\n");
	if (a->nbody++ || (a->it->x->body && *a->it->x->body))
		sbuf_addf(&a->body, "## %s\n\n", f->key);
	sbuf_add(&a->body, text.buf, text.len);
	sbuf_release(&text);
}

static void
apply_field(struct apply *a, const struct ifield *f, const char *to)
{
	struct import_item *it = a->it;
	enum schema_kind kind;
	const struct field_def *def;
	double num;

	if (!strcmp(to, "drop"))
		return;
	if (!strcmp(to, "note")) {
		import_value_noted(it, f->key, &f->v);
	} else if (!strcmp(to, "id")) {
		if (!it->source_id && f->v.type != IVAL_LIST) {
			char *t = import_value_line(&f->v);

			it->source_id = import_list_str(a->l, t);
			free(t);
		}
	} else if (!strcmp(to, "body")) {
		add_body(a, f);
	} else if (!strcmp(to, "comments") || !strcmp(to, "attachments")) {
		import_value_section(it, to, &f->v);
	} else if (!strcmp(to, "archived")) {
		/* closed in the source: stopped unless done (finish_item) */
		char *t = import_value_line(&f->v);
		int b;

		if (import_value_bool(t, &b) == 0) {
			if (b)
				it->x->archived = 1;
		} else if (*t) {
			warn(a, f, "%s: %s '%s' is not true or false; kept as a note", t);
			import_value_noted(it, f->key, &f->v);
		}
		free(t);
	} else if (!strcmp(to, "rank")) {
		char *t = import_value_line(&f->v);

		if (import_value_number(t, &num) == 0) {
			import_item_sort(a->l, it)->has_rank_num = 1;
			import_item_sort(a->l, it)->rank_num = num;
		} else if (*t) {
			import_item_sort(a->l, it)->rank_str = import_list_str(a->l, t);
		}
		free(t);
	} else if (!strcmp(to, "resolution")) {
		a->resolution = f->v.type == IVAL_LIST ? NULL : f->v.str;
	} else if (!strcmp(to, "status")) {
		a->src_status = f->v.type == IVAL_LIST ? NULL : f->v.str;
		a->status_key = f->key;
	} else if (!strcmp(to, "type")) {
		a->src_type = f->v.type == IVAL_LIST ? NULL : f->v.str;
	} else if (!strcmp(to, "title")) {
		char *t = import_value_line(&f->v);

		if (*t && !ifields_get(&it->x->out, "title"))
			ifields_set_str(&it->x->out, "title", t);
		free(t);
	} else if (!strcmp(to, "tags")) {
		each_piece(&f->v, ",;", push_tag, a);
	} else if (!strcmp(to, "depends_on")) {
		each_piece(&f->v, ",; \t\n", push_dep, a);
	} else if (!strcmp(to, "follows")) {
		free(it->x->follows);
		it->x->follows = import_value_line(&f->v);
	} else if (!strcmp(to, "cycle")) {
		/* the source's cycles (Jira's sprints) become cycle files of
		 * their own whose committed lists hold the items
		 * (import_cycles.h); the names as the source writes them
		 * stay a note */
		size_t n = f->v.type == IVAL_LIST ? f->v.n : 1;

		import_value_noted(it, f->key, &f->v);
		for (size_t i = 0; i < n; i++) {
			const char *c = f->v.type == IVAL_LIST ? f->v.list[i] : f->v.str;

			if (!c || !*c)
				continue;
			it->x->cycles = xgrow(it->x->cycles, &it->x->acycles, it->x->ncycles + 1,
					   sizeof(*it->x->cycles));
			it->x->cycles[it->x->ncycles++] = xstrdup(c);
		}
	} else {
		if (!strcmp(to, "finished"))
			a->finished_key = f->key;
		kind = schema_kind_of(a->cfg, to, &def);
		set_typed(a, f, to, kind, def);
	}
}

static const char *
status_of(struct apply *a)
{
	struct import_item *it = a->it;
	const char *st;

	if (it->x->forced_status) {
		/* done by the folder or a completion date, but the source's own
		 * status says it was dropped */
		st = a->src_status ? import_map_status(a->m, a->src_status) : NULL;
		if (!strcmp(it->x->forced_status, "done") && st && !strcmp(st, "stopped"))
			return st;
		return it->x->forced_status;
	}
	if (!a->src_status || !*a->src_status)
		return a->m->default_status ? a->m->default_status : "idea";
	st = import_map_status(a->m, a->src_status);
	if (st)
		return st;
	st = a->m->default_status ? a->m->default_status : "idea";
	if (it->x->archived)
		return st;     /* stopped anyway: nothing to warn about */
	/* the source's status stays with the item */
	import_value_note(it, a->status_key ? a->status_key : "Status", a->src_status);
	for (size_t i = 0; i < a->nwarned; i++)
		if (!strcmp(a->warned[i], a->src_status))
			return st;
	a->warned = xgrow(a->warned, &a->awarned, a->nwarned + 1, sizeof(*a->warned));
	a->warned[a->nwarned++] = xstrdup(a->src_status);
	diag_add(&a->diags, SEV_WARNING, "import", it->file, it->line, 0,
		 "status '%s' has no docket status: its items are imported as %s (map it under status: in a --map file)",
		 a->src_status, st);
	return st;
}

static void
finish_item(struct apply *a)
{
	struct import_item *it = a->it;
	const char *st = status_of(a), *ty;
	const char *title = tool(a);
	int resolution_kept = 0;
	char wb[32];

	/* Jira: Done with resolution Won't Do is a stopped item */
	if (!strcmp(st, "done") && a->resolution && *a->resolution) {
		const char *r = import_map_status(a->m, a->resolution);

		if (r && !strcmp(r, "stopped")) {
			st = "stopped";
			if (!ifields_get(&it->x->out, "stop_reason")) {
				char *why = xasprintf("Resolution %s in %s", a->resolution, title);

				ifields_set_str(&it->x->out, "stop_reason", why);
				free(why);
				resolution_kept = 1;
			}
		}
	}
	/* any other resolution (Done, Fixed, or one on an open issue) is
	 * kept as a note: it has no docket field */
	if (a->resolution && *a->resolution && !resolution_kept)
		import_value_note(it, "Resolution", a->resolution);
	if (it->x->archived && strcmp(st, "done") && strcmp(st, "stopped")) {
		st = "stopped";
		if (!ifields_get(&it->x->out, "stop_reason")) {
			char *why = xasprintf("Archived in %s", title);

			ifields_set_str(&it->x->out, "stop_reason", why);
			free(why);
		}
	}
	if (!strcmp(st, "stopped") && !ifields_get(&it->x->out, "stop_reason")) {
		char *why = xasprintf("%s in %s", a->src_status && *a->src_status ?
				      a->src_status : "Stopped", title);

		ifields_set_str(&it->x->out, "stop_reason", why);
		free(why);
	}
	if (!strcmp(st, "blocked") && !ifields_get(&it->x->out, "blocked_reason")) {
		char *why = xasprintf("%s in %s", a->src_status && *a->src_status ?
				      a->src_status : "Blocked", title);

		ifields_set_str(&it->x->out, "blocked_reason", why);
		free(why);
	}
	it->status = import_list_name(a->l, st);
	ifields_set_str(&it->x->out, "status", st);

	ty = a->src_type && *a->src_type ? import_map_type(a->m, a->src_type) : NULL;
	if (!ty && a->src_type && *a->src_type)
		import_value_note(it, "Type", a->src_type);
	if (!ty)
		ty = a->m->default_type ? a->m->default_type : "bau";
	ifields_set_str(&it->x->out, "type", ty);

	/* finished belongs to closed items only: an open item keeps the
	 * date (a Resolved date on a reopened issue) as a note */
	if (strcmp(st, "done") && strcmp(st, "stopped")) {
		const struct ifield *fin = ifields_get(&it->x->out, "finished");

		if (fin && fin->v.str)
			import_value_note(it, a->finished_key ? a->finished_key : "Finished",
				 fin->v.str);
		ifields_remove(&it->x->out, "finished");
	}

	if (!ifields_get(&it->x->out, "title")) {
		char *t = it->source_id ? xasprintf("%s %s", title, it->source_id) :
			  xasprintf("Untitled %s %s", title, import_item_what(it, wb, "record"));

		diag_add(&a->diags, SEV_WARNING, "import", it->file, it->line, 0,
			 "%s has no title; it is imported as '%s'",
			 import_item_what(it, wb, "a record"), t);
		ifields_set_str(&it->x->out, "title", t);
		free(t);
	}
}

static int
to_is(const struct import_map *m, const struct ifield *f, const char *target)
{
	const char *to = import_map_field(m, f->key);

	return to && !strcmp(to, target);
}

/* Where f's value went, from what mapping it to `to` changed in the
 * item (nnotes and blen: the notes and body before); the report counts
 * it (import_where).  Seen rather than declared, so that a target that
 * writes notes, the body or a field is counted without more code. */
static unsigned
where_went(struct apply *a, const struct ifield *f, const char *to,
	   size_t nnotes, size_t blen)
{
	struct import_list *l = a->l;
	struct import_item *it = a->it;
	struct sbuf v = SBUF_INIT;
	unsigned w;
	int empty;

	ival_text(&v, &f->v);
	empty = !v.len;
	sbuf_release(&v);
	if (empty)
		return 0;
	if (!to)
		return import_where_intern(l, "none:no mapping");
	if (!strcmp(to, "drop"))
		return import_where_intern(l, "none:dropped by the mapping");
	if (it->x->nnotes > nnotes)
		return import_where_intern(l, "note");
	if (a->body.len > blen)
		return import_where_intern(l, "body");
	if (!strcmp(to, "comments") || !strcmp(to, "attachments")) {
		/* a block of the body the import manages */
		char *k = xasprintf("section:%s", to);

		w = import_where_intern(l, k);
		free(k);
		return w;
	}
	if (!strcmp(to, "id"))
		return import_where_intern(l, "source");
	if (!strcmp(to, "rank"))
		return import_where_intern(l, "order");
	if (!strcmp(to, "archived"))
		return import_where_intern(l, "field:status");
	if (!strcmp(to, "resolution") || !strcmp(to, "status") ||
	    !strcmp(to, "type") || !strcmp(to, "depends_on") ||
	    !strcmp(to, "follows") || ifields_get(&it->x->out, to)) {
		/* status and type are set from it when the item is finished,
		 * references once every record has an id */
		char *k = xasprintf("field:%s", !strcmp(to, "resolution") ? "status" : to);

		w = import_where_intern(l, k);
		free(k);
		return w;
	}
	return import_where_intern(l, "none:not used");
}

struct import_mapper *
import_mapper_new(struct import_list *l, const struct import_map *m,
		  const struct config *cfg)
{
	struct apply *a = xcalloc(1, sizeof(*a));

	a->l = l;
	a->m = m;
	a->cfg = cfg;
	diag_list_init(&a->diags);
	strmap_init(&a->to);
	return (struct import_mapper *)a;
}

void
import_mapper_free(struct import_mapper *x)
{
	struct apply *a = (struct apply *)x;

	if (!a)
		return;
	diag_list_move(&a->l->diags, &a->diags);
	diag_list_release(&a->diags);
	for (size_t i = 0; i < a->nwarned; i++)
		free(a->warned[i]);
	free(a->warned);
	for (size_t i = 0; i < a->nnames; i++)
		free(a->names[i]);
	free(a->names);
	strmap_release(&a->to);
	free(a);
}

void
import_map_apply(struct import_list *l, const struct import_map *m,
		 const struct config *cfg)
{
	struct import_mapper *x = import_mapper_new(l, m, cfg);

	for (size_t i = 0; i < l->n; i++) {
		/* in from the spill file, when the reader put it there */
		import_spill_in(l, import_list_at(l, i));
		import_mapper_one(x, import_list_at(l, i));
	}
	import_mapper_free(x);
}

void
import_mapper_one(struct import_mapper *x, struct import_item *it)
{
	struct apply *ap = (struct apply *)x;
	struct import_list *l = ap->l;
	const struct import_map *m = ap->m;

	ap->it = it;
	sbuf_init(&ap->body);
	if (it->x->body)
		sbuf_adds(&ap->body, it->x->body);
	ap->nbody = 0;
	ap->src_status = ap->src_type = ap->resolution = ap->finished_key = NULL;
	ap->status_key = NULL;
	free(it->x->where);
	free(it->x->keys);
	it->x->where = xcalloc(it->x->src.n + 1, sizeof(*it->x->where));
	it->x->keys = xcalloc(it->x->src.n + 1, sizeof(*it->x->keys));
	it->x->nwhere = it->x->src.n;
	for (size_t j = 0; j < it->x->src.n; j++) {
		const struct ifield *f = &it->x->src.v[j];
		const char *to = target_of(ap, f->key);
		size_t nnotes = it->x->nnotes, blen = ap->body.len;

		if (!to) {
			struct sbuf v = SBUF_INIT;

			ival_text(&v, &f->v);
			if (v.len)
				add_unmapped(l, f->key);
			sbuf_release(&v);
		} else {
			apply_field(ap, f, to);
		}
		it->x->where[j] = where_went(ap, f, to, nnotes, blen);
		it->x->keys[j] = import_where_intern(l, f->key);
	}
	for (size_t j = 0; j < m->nset; j++) {
		struct ifield f = {
			.key = m->set[j].from,
			.v = { .type = IVAL_STR, .str = m->set[j].to },
			.line = 0,
		};

		/* set: wins over the source (tags add up) */
		apply_field(ap, &f, f.key);
	}
	{
		size_t nnotes = it->x->nnotes;

		finish_item(ap);
		/* a type no rule maps is kept as a note */
		for (size_t k = nnotes; k < it->x->nnotes; k++)
			if (!strncmp(it->x->notes[k], "Type: ", 6))
				for (size_t j = 0; j < it->x->src.n; j++)
					if (it->x->where[j] && (to_is(m, &it->x->src.v[j], "type")))
						it->x->where[j] = import_where_intern(l, "note");
	}
	{
		char *src = import_source_value(l->kind, it->source_id);

		if (src)
			ifields_set_str(&it->x->out, "source", src);
		free(src);
	}
	free(it->x->body);
	it->x->body = sbuf_detach(&ap->body, NULL);
	/* where it came from, first among the notes */
	{
		struct sbuf sb = SBUF_INIT;
		char wb[32];

		sbuf_addf(&sb, "%s %s", import_kind_title(l->kind),
			  it->source_id ? it->source_id :
			  import_item_what(it, wb, ""));
		if (l->kind == IMPORT_BACKLOG_MD && it->ext && it->ext->what)
			sbuf_addf(&sb, " (%s)", it->ext->what);
		it->x->notes = xgrow(it->x->notes, &it->x->anotes, it->x->nnotes + 1,
				  sizeof(*it->x->notes));
		memmove(it->x->notes + 1, it->x->notes,
			it->x->nnotes * sizeof(*it->x->notes));
		it->x->notes[0] = xasprintf("Source: %s", sb.buf);
		it->x->nnotes++;
		sbuf_release(&sb);
	}
	if (it->x->recovered)
		import_value_note(it, "Import", it->x->recovered);
	if (l->forget_sources && !it->x->ncycles)
		ifields_release(&it->x->src);
	/* the record is held until its file is written: no room to spare */
	ifields_fit(&it->x->out);
	/* its heavy parts wait in the spill file (when l has one) */
	import_spill_out(l, it);
}
