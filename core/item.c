#include "core/item.h"
#include "core/text.h"

#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"
#include "core/xalloc.h"

static const char *const type_names[] = { "experiment", "bau", "improvement" };
static const char *const status_names[] = {
	"idea", "ready", "planned", "doing", "blocked", "done", "stopped",
};

const char *
item_type_name(enum item_type t)
{
	return t < TYPE_UNKNOWN ? type_names[t] : "?";
}

const char *
item_status_name(enum item_status s)
{
	return s < ST_UNKNOWN ? status_names[s] : "?";
}

enum item_type
item_type_parse(const char *s)
{
	for (size_t i = 0; s && i < ARRAY_SIZE(type_names); i++)
		if (!strcmp(s, type_names[i]))
			return (enum item_type)i;
	return TYPE_UNKNOWN;
}

enum item_status
item_status_parse(const char *s)
{
	for (size_t i = 0; s && i < ARRAY_SIZE(status_names); i++)
		if (!strcmp(s, status_names[i]))
			return (enum item_status)i;
	return ST_UNKNOWN;
}

int
item_status_open(enum item_status s)
{
	return s != ST_DONE && s != ST_STOPPED;
}

long
item_id_number(const char *id, const char *prefix)
{
	const char *dash;
	long n = 0;

	if (!id)
		return -1;
	if (prefix) {
		size_t pl = strlen(prefix);

		if (strncmp(id, prefix, pl) || id[pl] != '-')
			return -1;
		dash = id + pl;
	} else {
		dash = strrchr(id, '-');
		if (!dash || dash == id)
			return -1;
	}
	if (!isdigit((unsigned char)dash[1]) || (dash[1] == '0' && dash[2]))
		return -1;
	for (const char *p = dash + 1; *p; p++) {
		if (!isdigit((unsigned char)*p) || n > 100000000L)
			return -1;
		n = n * 10 + (*p - '0');
	}
	return n;
}

int
item_id_valid(const char *id)
{
	const char *p = id;

	if (!id || !isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	if (*p != '-' || p - id > 32)
		return 0;
	/* exactly one dash, then only the number: "MKT-/../../x-1" has a
	 * valid-looking prefix and number, and a path between them */
	return item_id_number(id, NULL) >= 0 && strrchr(id, '-') == p;
}

int
item_id_cmp(const char *a, const char *b)
{
	const char *da = strrchr(a, '-'), *db = strrchr(b, '-');
	long na, nb;
	size_t pa, pb;
	int c;

	if (!da || !db)
		return strcmp(a, b);
	pa = (size_t)(da - a);
	pb = (size_t)(db - b);
	c = strncmp(a, b, pa < pb ? pa : pb);
	if (c || pa != pb)
		return c ? c : (pa < pb ? -1 : 1);
	na = item_id_number(a, NULL);
	nb = item_id_number(b, NULL);
	if (na != nb)
		return na < nb ? -1 : 1;
	return strcmp(a, b);
}

char *
item_id_from_filename(const char *name)
{
	size_t n = strlen(name);
	const char *p = name;

	if (n < 4 || strcmp(name + n - 3, ".md"))
		return NULL;
	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	if (p == name || *p != '-' || !isdigit((unsigned char)p[1]))
		return NULL;
	p++;
	while (isdigit((unsigned char)*p))
		p++;
	if (strcmp(p, ".md") && *p != '-')
		return NULL;
	return xstrndup(name, (size_t)(p - name));
}

const struct ynode *
item_get(const struct item *it, const char *key)
{
	return it->fm.root ? ynode_get(it->fm.root, key) : NULL;
}

static const char *
str_field(const struct item *it, const char *key)
{
	const struct ynode *n = item_get(it, key);

	if (!n || n->type != YNODE_SCALAR || ynode_kind(n) == YKIND_NULL)
		return NULL;
	return n->text;
}

static int
int_field(const struct item *it, const char *key)
{
	long long v;

	if (ynode_int(item_get(it, key), &v) || v < -1000000 || v > 1000000)
		return 0;
	return (int)v;
}

void
item_resolve(struct item *it)
{
	const struct ynode *n;
	double d;
	int b;

	it->id = str_field(it, "id");
	it->title = str_field(it, "title");
	it->type = it->fm.root && item_get(it, "type") ?
		   item_type_parse(str_field(it, "type")) : TYPE_EXPERIMENT;
	it->status = item_status_parse(str_field(it, "status"));
	n = item_get(it, "effort");
	it->effort = n && ynode_number(n, &d) == 0 ? d : NAN;
	n = item_get(it, "remaining");
	it->remaining = n && n->type == YNODE_SCALAR && ynode_kind(n) != YKIND_STR &&
		ynode_number(n, &d) == 0 && d >= 0 && !isinf(d) ? d : NAN;
	it->over_wip = item_get(it, "over_wip") != NULL;
	it->customer_value = int_field(it, "customer_value");
	it->business_value = int_field(it, "business_value");
	it->time_criticality = int_field(it, "time_criticality");
	it->mvl = ynode_bool(item_get(it, "mvl"), &b) == 0 && b;
	it->goal = str_field(it, "goal");
	it->campaign = str_field(it, "campaign");
	it->cycle = str_field(it, "cycle");
	it->created = str_field(it, "created");
	it->started = str_field(it, "started");
	it->finished = str_field(it, "finished");
	it->num = item_id_number(it->id, NULL);
}

/* Is s[0..n) git's conflict marker made of c ("<<<<<<< ours",
 * "=======", ...)?  (text_conflict_marker) */
static int
marker(const char *s, size_t n, char c)
{
	return text_conflict_marker(s, n) == c;
}

/* A side's label after its marker ("HEAD", "feature"), or its name. */
static void
side_label(struct sbuf *sb, const char *s, size_t n, const char *dflt)
{
	size_t i = 7;

	while (i < n && s[i] == ' ')
		i++;
	while (n > i && (s[n - 1] == '\r' || s[n - 1] == ' '))
		n--;
	if (n > i && n - i <= 80)
		sbuf_addf(sb, "%.*s", (int)(n - i), s + i);
	else
		sbuf_adds(sb, dflt);
}

/* " has MKT-9 \"Title\"" for one side's text of the file. */
static void
side_says(struct sbuf *sb, const struct sbuf *text, const char *path,
	  const struct fm_opts *opts)
{
	struct diag_list quiet = DIAG_LIST_INIT;
	struct fm fm;
	const char *id = NULL, *title = NULL;

	if (fm_parse(&fm, text->buf, text->len, opts, path, &quiet) == 0) {
		id = ynode_str(ynode_get(fm.root, "id"));
		if (!id)
			id = ynode_str(ynode_get(fm.root, "name"));
		title = ynode_str(ynode_get(fm.root, "title"));
	}
	if (id && strlen(id) <= 40)
		sbuf_addf(sb, "%s", id);
	else
		sbuf_adds(sb, "no readable id");
	if (title && strlen(title) <= 80)
		sbuf_addf(sb, " \"%s\"", title);
	fm_release(&fm);
	diag_list_release(&quiet);
}

/* Does a line of data start with "<<<<<<<"?  (memchr: the common case,
 * no '<' at all, is one fast pass.) */
static int
has_marker(const char *data, size_t len)
{
	const char *p = data, *end = data + len;

	while ((p = memchr(p, '<', (size_t)(end - p)))) {
		if ((p == data || p[-1] == '\n') && end - p >= 7 &&
		    !memcmp(p, "<<<<<<<", 7))
			return 1;
		p++;
	}
	return 0;
}

/*
 * A file git left with conflict markers (a merge that changed it on
 * both sides, or added it on both): one "item-conflict" diag saying
 * what each side holds, rather than the YAML error the markers cause.
 * Returns 1 when the file has markers.
 */
static int
conflicted(struct item *it, const char *data, size_t len,
	   const struct fm_opts *opts)
{
	struct sbuf ours = SBUF_INIT, theirs = SBUF_INIT;
	struct sbuf lo = SBUF_INIT, lt = SBUF_INIT, msg = SBUF_INIT;
	enum { BOTH, OURS, BASE, THEIRS } state = BOTH;
	int line = 0, first = 0, complete = 0;
	const char *p = data, *end = data + len;

	if (!has_marker(data, len))
		return 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p), all = nl ? n + 1 : n;

		line++;
		if (state == BOTH && marker(p, n, '<')) {
			state = OURS;
			if (!first) {
				first = line;
				side_label(&lo, p, n, "one side");
			}
		} else if (state == OURS && marker(p, n, '|')) {
			state = BASE;
		} else if ((state == OURS || state == BASE) && marker(p, n, '=')) {
			state = THEIRS;
		} else if (state == THEIRS && marker(p, n, '>')) {
			state = BOTH;
			if (!lt.len)
				side_label(&lt, p, n, "the other side");
			complete = 1;
		} else {
			if (state == BOTH || state == OURS)
				sbuf_add(&ours, p, all);
			if (state == BOTH || state == THEIRS)
				sbuf_add(&theirs, p, all);
		}
		p += all;
	}
	if (first && complete) {
		sbuf_addf(&msg, "merge conflict: git left conflict markers from line %d; %s has ",
			  first, lo.buf);
		side_says(&msg, &ours, it->path, opts);
		sbuf_addf(&msg, ", %s has ", lt.buf);
		side_says(&msg, &theirs, it->path, opts);
		sbuf_adds(&msg, ": keep one item in this file (a second one goes into a new file with a new id: docket new, or docket renumber), remove the markers, then git add it");
		diag_add(&it->diags, SEV_ERROR, "item-conflict", it->path, first, 1,
			 "%s", msg.buf);
	}
	sbuf_release(&ours);
	sbuf_release(&theirs);
	sbuf_release(&lo);
	sbuf_release(&lt);
	sbuf_release(&msg);
	return first && complete;
}

struct item *
item_new(const char *path, char *data, size_t len, const struct fm_opts *opts)
{
	struct item *it = xcalloc(1, sizeof(*it));

	it->path = xstrdup(path);
	it->data = data;
	it->len = len;
	it->score = NAN;
	it->effort = NAN;
	it->remaining = NAN;
	it->num = -1;
	it->type = TYPE_EXPERIMENT;
	it->status = ST_UNKNOWN;
	diag_list_init(&it->diags);
	if (conflicted(it, data, len, opts))
		return it;      /* not parsed: the markers are the problem */
	it->parsed = fm_parse(&it->fm, data, len, opts, path, &it->diags) == 0;
	if (it->parsed)
		item_resolve(it);
	return it;
}

void
item_lean(struct item *it)
{
	const char **f[] = {
		&it->id, &it->title, &it->goal, &it->campaign, &it->cycle,
		&it->created, &it->started, &it->finished,
	};
	size_t need = 0, off = 0;
	char *block;

	for (size_t i = 0; i < ARRAY_SIZE(f); i++)
		if (*f[i])
			need += strlen(*f[i]) + 1;
	block = need ? xmalloc(need) : NULL;
	for (size_t i = 0; i < ARRAY_SIZE(f); i++) {
		size_t n;

		if (!*f[i])
			continue;
		n = strlen(*f[i]) + 1;
		memcpy(block + off, *f[i], n);
		*f[i] = block + off;
		off += n;
	}
	assert(off == need);    /* every string the fields point to is copied */
	free(it->lean);
	it->lean = block;
	fm_release(&it->fm);
	free(it->data);
	it->data = NULL;
	it->len = 0;
}

void
item_free(struct item *it)
{
	if (!it)
		return;
	fm_release(&it->fm);
	diag_list_release(&it->diags);
	free(it->path);
	free(it->data);
	free(it->lean);
	free(it);
}
