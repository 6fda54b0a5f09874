/*
 * import_backlog_md.c: a Backlog.md folder (github.com/MrLesk/Backlog.md):
 * config.yml, and one Markdown file with YAML front matter per task:
 *
 *   tasks/             the board: status from the front matter
 *   drafts/            drafts: ideas
 *   completed/         done
 *   archive/tasks/, archive/drafts/   archived: stopped unless done
 *   milestones/, archive/milestones/, docs/, decisions/, readme.md,
 *   config.yml         not tasks: reported as skipped, saying what they are
 *
 * Order, as Backlog.md's board shows it: the board's columns (config.yml
 * `statuses`) from left to right, then drafts, completed and archived
 * tasks; within a column, tasks with an `ordinal` first by ordinal, then
 * by priority (high, medium, low, none), then by id number (task-2
 * before task-10, task-2.1 after task-2).
 *
 * Front matter that is not valid YAML is never dropped.  The common case
 * in real folders is `assignee: @name` (`@` cannot start a plain YAML
 * scalar); Backlog.md itself quotes such values before parsing, and so
 * does this reader: every `key: @...` or `- @...` line (and the same
 * with a backquote) is quoted and the YAML parsed again.  The item is
 * then imported whole, with a warning at the original error's line and
 * column and a note in its body.  When that does not help either, the
 * item is imported with its id and title from the file name and its
 * body, the unreadable front matter kept in the body in a code block,
 * and a warning.
 */
#include "formats/import.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/fm.h"
#include "core/xalloc.h"
#include "core/ynode.h"
#include "core/utf8.h"

enum bfolder {
	BF_TASKS,
	BF_DRAFTS,
	BF_COMPLETED,
	BF_ARCHIVE,
	BF_MILESTONE,
	BF_DOC,
	BF_DECISION,
	BF_OTHER,
};

static enum bfolder
folder_of(const char *rel)
{
	static const struct {
		const char *prefix;
		enum bfolder f;
	} tab[] = {
		{ "tasks/", BF_TASKS }, { "drafts/", BF_DRAFTS },
		{ "completed/", BF_COMPLETED }, { "archive/tasks/", BF_ARCHIVE },
		{ "archive/drafts/", BF_ARCHIVE }, { "milestones/", BF_MILESTONE },
		{ "archive/milestones/", BF_MILESTONE }, { "docs/", BF_DOC },
		{ "decisions/", BF_DECISION },
	};

	for (size_t i = 0; i < ARRAY_SIZE(tab); i++)
		if (!strncmp(rel, tab[i].prefix, strlen(tab[i].prefix)))
			return tab[i].f;
	return BF_OTHER;
}

static const char *
base_name(const char *rel)
{
	const char *b = strrchr(rel, '/');

	return b ? b + 1 : rel;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcasecmp(s + n - m, suffix);
}

/* ---- config.yml ---------------------------------------------------- */

struct statuses {
	char **v;
	size_t n;
};

static void
read_config(struct statuses *st, const char *data, size_t len)
{
	struct ynode_opts opts = YNODE_OPTS_INIT;
	struct ynode *root = NULL;
	const struct ynode *s;

	if (ynode_parse(&root, data, len, &opts, NULL) || !root)
		return;
	s = ynode_get(root, "statuses");
	for (size_t i = 0; s && s->type == YNODE_SEQ && i < s->nkids; i++) {
		if (s->kids[i]->type != YNODE_SCALAR)
			continue;
		st->v = xrealloc(st->v, (st->n + 1) * sizeof(*st->v));
		st->v[st->n++] = xstrdup(s->kids[i]->text);
	}
	ynode_free(root);
}

static long
status_column(const struct statuses *st, const char *status)
{
	static const char *const defaults[] = { "To Do", "In Progress", "Done" };
	struct sbuf a = SBUF_INIT, b = SBUF_INIT;
	long found = -1;
	size_t n = st->n ? st->n : ARRAY_SIZE(defaults);

	import_norm(&a, status ? status : "");
	for (size_t i = 0; i < n && found < 0; i++) {
		sbuf_reset(&b);
		import_norm(&b, st->n ? st->v[i] : defaults[i]);
		if (!strcmp(a.buf, b.buf))
			found = (long)i;
	}
	sbuf_release(&a);
	sbuf_release(&b);
	return found >= 0 ? found : (long)n;
}

/* ---- front matter -------------------------------------------------- */

/* Source fields from a front-matter mapping; buf is the text the node
 * offsets point into. */
static void
fields_from(struct import_item *it, const struct ynode *root, const char *buf)
{
	for (size_t i = 0; root && i + 1 < root->nkids; i += 2) {
		const struct ynode *k = root->kids[i], *v = root->kids[i + 1];
		struct ifield *f = NULL;
		double num;

		if (k->type != YNODE_SCALAR)
			continue;
		if (v->type == YNODE_SCALAR) {
			enum ynode_kind kind = ynode_kind(v);

			if (kind == YKIND_NULL || !*v->text)
				continue;
			if ((kind == YKIND_INT || kind == YKIND_FLOAT) &&
			    ynode_number(v, &num) == 0)
				f = ifields_set_num(&it->x->src, k->text, num, v->text);
			else
				f = ifields_set_str(&it->x->src, k->text, v->text);
		} else if (v->type == YNODE_SEQ) {
			int scalars = 1;

			for (size_t j = 0; j < v->nkids; j++)
				scalars &= v->kids[j]->type == YNODE_SCALAR;
			if (scalars && !v->nkids)
				continue;
			if (scalars) {
				for (size_t j = 0; j < v->nkids; j++)
					if (ynode_kind(v->kids[j]) != YKIND_NULL &&
					    *v->kids[j]->text)
						f = ifields_push(&it->x->src, k->text,
								 v->kids[j]->text, 0);
			}
		}
		if (!f && v->type != YNODE_SCALAR && v->end_off > v->start_off) {
			/* a nested value: its YAML text, for a note */
			char *t = xstrndup(buf + v->start_off, v->end_off - v->start_off);

			f = ifields_set_str(&it->x->src, k->text, t);
			free(t);
		}
		if (f)
			f->line = k->line;
	}
}

/* Quote `key: @value` and `- @value` lines (and backquote values).
 * Returns the new text (malloc'ed) and sets *first to the first key
 * quoted ("" for a list item), or NULL when no line needed it. */
static char *
quote_reserved(const char *y, size_t len, char **first)
{
	struct sbuf out = SBUF_INIT;
	int changed = 0;

	*first = NULL;
	for (size_t off = 0; off < len;) {
		const char *line = y + off;
		const char *nl = memchr(line, '\n', len - off);
		size_t n = nl ? (size_t)(nl - line) : len - off;
		size_t end = n, i = 0, key_end = 0, vstart;
		int item = 0;

		if (end && line[end - 1] == '\r')
			end--;
		while (i < end && line[i] == ' ')
			i++;
		if (i < end && line[i] == '-' && i + 1 < end && line[i + 1] == ' ') {
			item = 1;
			vstart = i + 2;
		} else {
			size_t k = i;

			while (k < end && (line[k] == '_' || line[k] == '-' ||
					   (line[k] >= 'a' && line[k] <= 'z') ||
					   (line[k] >= 'A' && line[k] <= 'Z') ||
					   (line[k] >= '0' && line[k] <= '9')))
				k++;
			key_end = k;
			vstart = (k > i && k < end && line[k] == ':') ? k + 1 : end;
		}
		while (vstart < end && line[vstart] == ' ')
			vstart++;
		if (vstart < end && (line[vstart] == '@' || line[vstart] == '`') &&
		    (item || vstart > key_end)) {
			size_t vend = end;

			while (vend > vstart && (line[vend - 1] == ' ' || line[vend - 1] == '\t'))
				vend--;
			sbuf_add(&out, line, vstart);
			sbuf_addc(&out, '"');
			for (size_t c = vstart; c < vend; c++) {
				if (line[c] == '"' || line[c] == '\\')
					sbuf_addc(&out, '\\');
				sbuf_addc(&out, line[c]);
			}
			sbuf_addc(&out, '"');
			sbuf_add(&out, line + end, n - end);
			if (!changed)
				*first = item ? xstrdup("") : xstrndup(line + i, key_end - i);
			changed = 1;
		} else {
			sbuf_add(&out, line, n);
		}
		if (nl)
			sbuf_addc(&out, '\n');
		off += n + (nl ? 1 : 0);
	}
	if (!changed) {
		sbuf_release(&out);
		return NULL;
	}
	return sbuf_detach(&out, NULL);
}

/* "back-12 - Fix-the-thing.md" -> id "back-12", title "Fix the thing". */
static void
names_from_file(const char *rel, char **id, char **title)
{
	const char *b = base_name(rel);
	const char *sep = strstr(b, " - ");
	size_t n = strlen(b);

	if (ends_with(b, ".md"))
		n -= 3;
	*id = sep ? xstrndup(b, (size_t)(sep - b)) : NULL;
	*title = sep ? xstrndup(sep + 3, n - (size_t)(sep + 3 - b)) : xstrndup(b, n);
	for (char *p = *title; *p; p++)
		if (*p == '-')
			*p = ' ';
}

#define FENCE "````````````````````````````````"

/* A code fence longer than any run of backquotes in s (at least 4). */
static int
fence_len(const char *s)
{
	int best = 3, run = 0;

	for (; *s; s++) {
		run = *s == '`' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best + 1 < (int)sizeof(FENCE) - 1 ? best + 1 : (int)sizeof(FENCE) - 1;
}

static char *
lf_body(const char *s, size_t len)
{
	char *out = xmalloc(len + 1);
	size_t o = 0;

	for (size_t i = 0; i < len; i++)
		if (!(s[i] == '\r' && i + 1 < len && s[i + 1] == '\n'))
			out[o++] = s[i];
	out[o] = '\0';
	return out;
}

static void
read_task(struct import_list *l, const struct import_file *f,
	  enum bfolder folder, const struct statuses *st)
{
	struct fm_opts opts = FM_OPTS_INIT;
	struct diag_list scratch = DIAG_LIST_INIT;
	struct import_item *it;
	struct fm fm;
	int line, col, split_ok, parsed;
	const struct ifield *sf;

	if (utf8_check(f->data, f->len, &line, &col)) {
		import_list_skip(l, 1, f->path, line,
				 "not valid UTF-8 (column %d): save it as UTF-8 and import it again",
				 col);
		return;
	}
	if (memchr(f->data, '\0', f->len)) {
		/* the repairs below work on C strings: a NUL would cut the
		 * file short there, and what follows it would be lost */
		const char *nul = memchr(f->data, '\0', f->len);

		line = 1;
		for (const char *p = f->data; p < nul; p++)
			line += *p == '\n';
		import_list_skip(l, 1, f->path, line,
				 "a NUL byte: this is not a text file");
		return;
	}
	fm_init(&fm);
	parsed = fm_parse(&fm, f->data, f->len, &opts, f->path, &scratch) == 0;
	split_ok = parsed;
	if (!parsed) {
		struct diag_list ignored = DIAG_LIST_INIT;

		fm_release(&fm);
		split_ok = fm_split(&fm, f->data, f->len, &opts, f->path, &ignored) == 0;
		diag_list_release(&ignored);
	}
	it = import_list_add(l, f->path, 1);
	import_item_ext(l, it)->what = import_list_str(l, f->rel);
	if (parsed) {
		fields_from(it, fm.root, f->data);
		it->x->body = lf_body(f->data + fm.body_off, f->len - fm.body_off);
	} else {
		const struct diag *d = scratch.n ? &scratch.v[0] : NULL;
		char *first = NULL, *fixed = NULL, *done;
		struct ynode *root = NULL;
		struct ynode_opts yo = YNODE_OPTS_INIT;

		if (split_ok)
			fixed = quote_reserved(f->data + fm.yaml_off, fm.yaml_len, &first);
		yo.line_offset = fm.yaml_line - 1;
		if (fixed && ynode_parse(&root, fixed, strlen(fixed), &yo, NULL) == 0 &&
		    root && root->type == YNODE_MAP) {
			fields_from(it, root, fixed);
			it->x->body = lf_body(f->data + fm.body_off, f->len - fm.body_off);
			done = xasprintf("imported whole after quoting %s%s%s, as Backlog.md does",
					 *first ? "the value of '" : "a list item starting with '@'",
					 first, *first ? "'" : "");
		} else {
			char *id, *title;
			struct sbuf body = SBUF_INIT;

			names_from_file(f->path, &id, &title);
			if (id)
				ifields_set_str(&it->x->src, "id", id);
			ifields_set_str(&it->x->src, "title", title);
			if (split_ok) {
				char *b = lf_body(f->data + fm.body_off, f->len - fm.body_off);
				char *y = lf_body(f->data + fm.yaml_off, fm.yaml_len);

				sbuf_adds(&body, b);
				while (body.len && (body.buf[body.len - 1] == '\n' ||
						    body.buf[body.len - 1] == ' '))
					sbuf_setlen(&body, body.len - 1);
				int fence = fence_len(y);

				sbuf_addf(&body, "%s## Original front matter\n\n%.*syaml\n%s%s%.*s\n",
					  body.len ? "\n\n" : "", fence, FENCE, y,
					  *y && y[strlen(y) - 1] != '\n' ? "\n" : "", fence, FENCE);
				free(b);
				free(y);
			} else {
				char *b = lf_body(f->data, f->len);

				sbuf_adds(&body, b);
				free(b);
			}
			it->x->body = sbuf_detach(&body, NULL);
			done = xasprintf("imported with the id and title from the file name%s",
					 split_ok ? " and the front matter kept in a code block" : "");
			free(id);
			free(title);
		}
		if (d && split_ok) {
			it->x->recovered = xasprintf("the front matter is not valid YAML (line %d, column %d: %s): %s",
						  d->line, d->column, d->message, done);
			diag_add(&l->diags, SEV_WARNING, "import", f->path, d->line, d->column,
				 "front matter is not valid YAML (%s): %s", d->message, done);
		} else {
			it->x->recovered = xasprintf("the file has no front matter: %s", done);
			diag_add(&l->diags, SEV_WARNING, "import", f->path, 1, 0, "%s", it->x->recovered);
		}
		free(done);
		l->recovered++;
		ynode_free(root);
		free(fixed);
		free(first);
	}
	fm_release(&fm);
	diag_list_release(&scratch);
	/* the folder says what the front matter may not */
	sf = ifields_get(&it->x->src, "status");
	switch (folder) {
	case BF_TASKS:
		import_item_sort(l, it)->group = status_column(st, sf && sf->v.type != IVAL_LIST ? sf->v.str : NULL);
		break;
	case BF_DRAFTS:
		import_item_sort(l, it)->group = 100;
		it->x->forced_status = "idea";
		break;
	case BF_COMPLETED:
		import_item_sort(l, it)->group = 200;
		it->x->forced_status = "done";
		break;
	default:
		import_item_sort(l, it)->group = 300;
		it->x->archived = 1;
		break;
	}
	sf = ifields_get(&it->x->src, "priority");
	import_item_sort(l, it)->tie = 3;
	if (sf && sf->v.type == IVAL_STR) {
		if (!strcasecmp(sf->v.str, "high"))
			import_item_sort(l, it)->tie = 0;
		else if (!strcasecmp(sf->v.str, "medium"))
			import_item_sort(l, it)->tie = 1;
		else if (!strcasecmp(sf->v.str, "low"))
			import_item_sort(l, it)->tie = 2;
	}
}

/* ---- order by id number -------------------------------------------- */

/* Compare "task-2" < "task-10" < "task-10.1" by the numbers after the
 * prefix. */
static int
cmp_id_numbers(const char *a, const char *b)
{
	while (*a && !(*a >= '0' && *a <= '9'))
		a++;
	while (*b && !(*b >= '0' && *b <= '9'))
		b++;
	while (*a || *b) {
		long x = strtol(a, (char **)&a, 10), y = strtol(b, (char **)&b, 10);

		if (x != y)
			return x < y ? -1 : 1;
		while (*a && !(*a >= '0' && *a <= '9'))
			a++;
		while (*b && !(*b >= '0' && *b <= '9'))
			b++;
	}
	return 0;
}

static const char *
src_id(const struct import_item *it)
{
	const struct ifield *f = ifields_get(&it->x->src, "id");

	return f && f->v.type != IVAL_LIST ? f->v.str : "";
}

static int
cmp_by_id(const void *pa, const void *pb)
{
	const struct import_item *a = *(const struct import_item *const *)pa;
	const struct import_item *b = *(const struct import_item *const *)pb;
	int c = cmp_id_numbers(src_id(a), src_id(b));

	if (c)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* A folder's archive may hold a task whose id a later task reuses:
 * each is a task of its own, so each needs an id of its own to be found
 * again by the next import.  Of the tasks (sorted by id) that share one,
 * the first outside archive/ (else the first) keeps it; each other is
 * known by the id and its file, "BACK-7 (archive/tasks/back-7 - X.md)",
 * which stays as long as the file does. */
static int
in_archive(const struct import_item *it)
{
	return it->ext && it->ext->what && !strncmp(it->ext->what, "archive/", 8);
}

static void
own_ids(struct import_list *l)
{
	/* records with one id number are next to each other (sorted):
	 * within such a run, those of one id (BACK-7, not DRAFT-7) */
	for (size_t s = 0, e; s < l->n; s = e) {
		const char *num = src_id(import_list_at(l, s));

		for (e = s + 1; e < l->n && *num &&
		     !cmp_id_numbers(src_id(import_list_at(l, e)), num); e++)
			;
		for (size_t i = s; i + 1 < e; i++) {
			char *id = xstrdup(src_id(import_list_at(l, i)));
			size_t keep = SIZE_MAX, same = 0;

			for (size_t j = i; j < e; j++) {
				const struct import_item *it = import_list_at(l, j);

				if (strcasecmp(src_id(it), id))
					continue;
				same++;
				if (keep == SIZE_MAX || (in_archive(import_list_at(l, keep)) &&
							 !in_archive(it)))
					keep = j;
			}
			for (size_t j = i; same > 1 && j < e; j++) {
				struct import_item *it = import_list_at(l, j);
				char *v;

				if (j == keep || strcasecmp(src_id(it), id))
					continue;
				v = xasprintf("%s (%s)", src_id(it),
					      it->ext && it->ext->what ? it->ext->what : it->file);
				ifields_set_str(&it->x->src, "id", v);
				free(v);
			}
			free(id);
		}
	}
}

int
import_read_backlog_md(struct import_list *l, const struct import_file *files,
		       size_t n)
{
	struct statuses st = { NULL, 0 };
	int looks = 0;

	for (size_t i = 0; i < n; i++) {
		if (!strcmp(files[i].rel, "config.yml") || !strcmp(files[i].rel, "config.yaml")) {
			read_config(&st, files[i].data, files[i].len);
			looks = 1;
		}
		if (folder_of(files[i].rel) != BF_OTHER)
			looks = 1;
	}
	if (!looks) {
		diag_add(&l->diags, SEV_ERROR, "import", n ? files[0].path : NULL, 0, 0,
			 "this is not a Backlog.md folder: it has no config.yml, tasks/, completed/ or drafts/");
		return DK_EINVALID;
	}
	for (size_t i = 0; i < n; i++) {
		const struct import_file *f = &files[i];
		enum bfolder folder = folder_of(f->rel);
		const char *base = base_name(f->rel);

		if (!strcmp(f->rel, "config.yml") || !strcmp(f->rel, "config.yaml")) {
			import_list_skip(l, 0, f->path, 0,
					 "the Backlog.md configuration (its statuses give the order of the board)");
		} else if (!ends_with(base, ".md")) {
			import_list_skip(l, 0, f->path, 0, "not a Markdown file");
		} else if (!strcasecmp(base, "readme.md")) {
			import_list_skip(l, 0, f->path, 0, "a readme, not a task");
		} else if (folder == BF_MILESTONE) {
			import_list_skip(l, 0, f->path, 0,
					 "a milestone, not a task (tasks name their milestone, which becomes their campaign)");
		} else if (folder == BF_DOC) {
			import_list_skip(l, 0, f->path, 0, "a document, not a task");
		} else if (folder == BF_DECISION) {
			import_list_skip(l, 0, f->path, 0, "a decision record, not a task");
		} else if (folder == BF_OTHER) {
			import_list_skip(l, 0, f->path, 0,
					 "not in a task folder (tasks/, drafts/, completed/, archive/tasks/, archive/drafts/)");
		} else {
			read_task(l, f, folder, &st);
		}
	}
	/* seq: id order, the last tie break of the board's order */
	if (l->n > 1)
		qsort(l->items, l->n, sizeof(*l->items), cmp_by_id);
	for (size_t i = 0; i < l->n; i++)
		import_list_at(l, i)->seq = (uint32_t)i;
	own_ids(l);
	for (size_t i = 0; i < st.n; i++)
		free(st.v[i]);
	free(st.v);
	return 0;
}
