#include "formats/listing.h"

#include <csv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/changes.h"
#include "core/schema.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "formats/json.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"
#define C_RED "\033[31m"
#define C_GREEN "\033[32m"
#define C_YELLOW "\033[33m"
#define C_BLUE "\033[34m"
#define C_CYAN "\033[36m"

void
listing_fmt_num(char *buf, size_t len, double v)
{
	if (isnan(v))
		snprintf(buf, len, "-");
	else if (v == floor(v) && fabs(v) < 1e9)
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len, "%.1f", v);
}

static void
json_value(struct jw *w, const struct config *c, const char *key,
	   const struct ynode *v)
{
	if (v && v->type == YNODE_SCALAR && ynode_kind(v) != YKIND_NULL &&
	    schema_is_text(c, key))
		jw_strn(w, v->text, v->len);
	else if (v && v->type == YNODE_SEQ && (!strcmp(key, "tags") ||
					       !strcmp(key, "depends_on"))) {
		jw_array(w);
		for (size_t i = 0; i < v->nkids; i++) {
			if (v->kids[i]->type == YNODE_SCALAR)
				jw_strn(w, v->kids[i]->text, v->kids[i]->len);
			else
				jw_ynode(w, v->kids[i]);
		}
		jw_end(w);
	} else {
		jw_ynode(w, v);
	}
}

const struct listing_col_name listing_col_names[] = {
	{ "rank", NULL }, { "score", NULL }, { "file", NULL }, { "body", NULL },
	{ "cv", "customer_value" }, { "bv", "business_value" },
};
const size_t listing_ncol_names =
	sizeof(listing_col_names) / sizeof(listing_col_names[0]);

int
listing_col_computed(const char *name)
{
	for (size_t i = 0; i < listing_ncol_names; i++)
		if (!strcmp(name, listing_col_names[i].name))
			return !listing_col_names[i].key;
	return 0;
}

const char *
listing_col_key(const char *name)
{
	for (size_t i = 0; i < listing_ncol_names; i++)
		if (!strcmp(name, listing_col_names[i].name))
			return listing_col_names[i].key ? listing_col_names[i].key : name;
	return name;
}

void
listing_body(struct sbuf *out, const struct item *it)
{
	if (it->data && it->fm.body_off <= it->len)
		sbuf_add(out, it->data + it->fm.body_off, it->len - it->fm.body_off);
}

int
listing_value_text(struct sbuf *out, const struct item *it, const char *key)
{
	const struct ynode *v = item_get(it, listing_col_key(key));

	if (!v || (v->type == YNODE_SCALAR && ynode_kind(v) == YKIND_NULL))
		return 0;
	if (v->type == YNODE_SCALAR) {
		sbuf_add(out, v->text, v->len);
	} else if (v->type == YNODE_SEQ) {
		for (size_t i = 0; i < v->nkids; i++) {
			if (i)
				sbuf_adds(out, ", ");
			if (v->kids[i]->type == YNODE_SCALAR)
				sbuf_add(out, v->kids[i]->text, v->kids[i]->len);
			else
				changes_flow(out, v->kids[i]);
		}
	} else {
		changes_flow(out, v);
	}
	return 1;
}

/* The value of a computed column: rank, file, score or body. */
static void
json_computed(struct jw *w, const struct item *it, const char *k)
{
	if (!strcmp(k, "rank")) {
		jw_pos(w, it->rank);
	} else if (!strcmp(k, "file")) {
		jw_str(w, it->path);
	} else if (!strcmp(k, "score")) {
		if (isnan(it->score))
			jw_null(w);
		else
			jw_num(w, round(it->score * 1000) / 1000);
	} else {
		struct sbuf b = SBUF_INIT;

		listing_body(&b, it);
		jw_strn(w, b.buf ? b.buf : "", b.len);
		sbuf_release(&b);
	}
}

void
listing_item_json_cols(struct sbuf *out, const struct item *it,
		       const struct config *c, const char *const *names,
		       size_t n)
{
	struct jw w;

	jw_init(&w, out, 0, JW_COMPACT);
	jw_object(&w);
	for (size_t i = 0; i < n; i++) {
		const char *k = listing_col_key(names[i]);

		jw_key(&w, names[i]);
		if (listing_col_computed(k))
			json_computed(&w, it, k);
		else
			json_value(&w, c, k, item_get(it, k));
	}
	jw_end(&w);
}

/* Every front-matter field, then rank, file and score. */
static void
item_members(struct jw *w, const struct item *it, const struct config *c)
{
	const struct ynode *r = it->fm.root;

	for (size_t i = 0; r && i + 1 < r->nkids; i += 2) {
		const char *k = r->kids[i]->text;

		if (!strcmp(k, "rank") || !strcmp(k, "file") || !strcmp(k, "score"))
			continue;
		jw_keyn(w, k, r->kids[i]->len);
		json_value(w, c, k, r->kids[i + 1]);
	}
	jw_key(w, "rank");
	json_computed(w, it, "rank");
	jw_key(w, "file");
	json_computed(w, it, "file");
	jw_key(w, "score");
	json_computed(w, it, "score");
}

void
listing_item_json(struct sbuf *out, const struct item *it,
		  const struct config *c)
{
	struct jw w;

	jw_init(&w, out, 0, JW_COMPACT);
	jw_object(&w);
	item_members(&w, it, c);
	jw_end(&w);
}

void
listing_json_begin(struct jw *w, struct sbuf *out)
{
	jw_init(w, out, 0, JW_COMPACT);
	jw_array_lines(w);
}

/* The columns every tabular format shares. */
enum col { COL_RANK, COL_ID, COL_STATUS, COL_TYPE, COL_EFFORT, COL_CV,
	   COL_BV, COL_SCORE, COL_TITLE, NCOLS };
static const char *const col_names[NCOLS] = {
	"rank", "id", "status", "type", "effort", "cv", "bv", "score", "title",
};

static const char *
cell(const struct item *it, enum col col, char *buf, size_t len)
{
	switch (col) {
	case COL_RANK:
		if (!it->rank)
			return "-";
		snprintf(buf, len, "%ld", it->rank);
		return buf;
	case COL_ID: return it->id ? it->id : "?";
	case COL_STATUS: return item_status_name(it->status);
	case COL_TYPE: return item_type_name(it->type);
	case COL_EFFORT: listing_fmt_num(buf, len, it->effort); return buf;
	case COL_CV:
		listing_fmt_num(buf, len, it->customer_value ? it->customer_value : NAN);
		return buf;
	case COL_BV:
		listing_fmt_num(buf, len, it->business_value ? it->business_value : NAN);
		return buf;
	case COL_SCORE: listing_fmt_num(buf, len, it->score); return buf;
	case COL_TITLE: return it->title ? it->title : "";
	default: return "";
	}
}

/* A number as a spreadsheet reads one: [+-]digits[.digits][e[+-]digits]. */
static int
csv_number(const char *s, size_t len)
{
	size_t i = 0, d = 0;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		d++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			d++;
	if (!d)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t e = 0;

		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			e++;
		if (!e)
			return 0;
	}
	return i == len;
}

void
listing_csv_cell(struct sbuf *out, const char *s, size_t len, int raw)
{
	struct sbuf tmp = SBUF_INIT;
	size_t need;

	if (!raw && len && strchr("=+-@\t\r", s[0]) && !csv_number(s, len)) {
		sbuf_addc(&tmp, '\'');
		sbuf_add(&tmp, s, len);
		s = tmp.buf;
		len = tmp.len;
	}
	need = csv_write(NULL, 0, s, len);
	sbuf_grow(out, need);
	csv_write(out->buf + out->len, need, s, len);
	out->len += need;
	out->buf[out->len] = '\0';
	sbuf_release(&tmp);
}

/* ---------------------------------------------------------------------
 * --fields: the columns the user names
 * ------------------------------------------------------------------- */

/* The text of column k of it; NULL when absent. */
static const char *
col_text(const struct item *it, size_t k, const struct listing_opts *o,
	 char *buf, size_t len)
{
	const char *name = o->cols->names[k];

	if (!strcmp(name, "rank")) {
		if (!it->rank)
			return NULL;
		snprintf(buf, len, "%ld", it->rank);
		return buf;
	}
	if (!strcmp(name, "score")) {
		if (isnan(it->score))
			return NULL;
		listing_fmt_num(buf, len, it->score);
		return buf;
	}
	if (!strcmp(name, "file"))
		return it->path;
	return o->cols->text ? o->cols->text(it, k, o->cols->arg) : NULL;
}

static void
csv_field(struct sbuf *out, const char *s, const struct listing_opts *o)
{
	struct sbuf tmp = SBUF_INIT;
	size_t len = strlen(s);

	if (o && o->term && !text_is_term_safe(s, len)) {
		text_escape_term(&tmp, s, len);
		s = tmp.buf;
		len = tmp.len;
	}
	listing_csv_cell(out, s, len, o && o->csv_raw);
	sbuf_release(&tmp);
}

static void
cols_csv(struct sbuf *out, struct item *const *items, size_t n,
	 const struct listing_opts *o)
{
	char buf[64];

	if (o->header) {
		for (size_t c = 0; c < o->cols->n; c++) {
			if (c)
				sbuf_addc(out, ',');
			sbuf_adds(out, o->cols->names[c]);
		}
		sbuf_adds(out, "\r\n");
	}
	for (size_t i = 0; i < n; i++) {
		for (size_t c = 0; c < o->cols->n; c++) {
			const char *v = col_text(items[i], c, o, buf, sizeof(buf));

			if (c)
				sbuf_addc(out, ',');
			csv_field(out, v ? v : "", o);
		}
		sbuf_adds(out, "\r\n");
	}
}

static void
cols_plain(struct sbuf *out, struct item *const *items, size_t n,
	   const struct listing_opts *o)
{
	char buf[64];

	for (size_t i = 0; i < n; i++) {
		for (size_t c = 0; c < o->cols->n; c++) {
			const char *v = col_text(items[i], c, o, buf, sizeof(buf));

			if (c)
				sbuf_addc(out, '\t');
			if (v)
				text_escape_term(out, v, strlen(v));
			else
				sbuf_addc(out, '-');
		}
		sbuf_addc(out, '\n');
	}
}

static void
cols_md(struct sbuf *out, struct item *const *items, size_t n,
	const struct listing_opts *o)
{
	char buf[64];

	sbuf_adds(out, "|");
	for (size_t c = 0; c < o->cols->n; c++) {
		sbuf_addc(out, ' ');
		text_md_cell(out, o->cols->names[c]);
		sbuf_adds(out, " |");
	}
	sbuf_adds(out, "\n|");
	for (size_t c = 0; c < o->cols->n; c++)
		sbuf_adds(out, " --- |");
	sbuf_addc(out, '\n');
	for (size_t i = 0; i < n; i++) {
		sbuf_addc(out, '|');
		for (size_t c = 0; c < o->cols->n; c++) {
			const char *v = col_text(items[i], c, o, buf, sizeof(buf));

			sbuf_addc(out, ' ');
			text_md_cell(out, v ? v : "-");
			sbuf_adds(out, " |");
		}
		sbuf_addc(out, '\n');
	}
}

static void
cols_table(struct sbuf *out, struct item *const *items, size_t n,
	   const struct listing_opts *o)
{
	size_t nc = o->cols->n, *w = xcalloc(nc + 1, sizeof(*w)), used = 0;
	struct sbuf up = SBUF_INIT;
	char buf[64];

	for (size_t c = 0; c < nc; c++)
		w[c] = text_width(o->cols->names[c], strlen(o->cols->names[c]));
	for (size_t i = 0; i < n; i++)
		for (size_t c = 0; c + 1 < nc; c++) {
			const char *v = col_text(items[i], c, o, buf, sizeof(buf));
			size_t vw = v ? text_width(v, strlen(v)) : 1;

			if (vw > w[c])
				w[c] = vw;
		}
	for (size_t c = 0; c + 1 < nc; c++)
		used += w[c] + 2;
	if (o->header) {
		if (o->color)
			sbuf_adds(out, C_BOLD);
		for (size_t c = 0; c < nc; c++) {
			sbuf_reset(&up);
			for (const char *p = o->cols->names[c]; *p; p++)
				sbuf_addc(&up, (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p));
			if (c + 1 < nc) {
				text_pad(out, up.buf, up.len, w[c], 0);
				sbuf_adds(out, "  ");
			} else {
				text_escape_term(out, up.buf, up.len);
			}
		}
		if (o->color)
			sbuf_adds(out, C_RESET);
		sbuf_addc(out, '\n');
	}
	for (size_t i = 0; i < n; i++) {
		for (size_t c = 0; c < nc; c++) {
			const char *v = col_text(items[i], c, o, buf, sizeof(buf));

			if (!v)
				v = "-";
			if (c + 1 < nc) {
				text_pad(out, v, strlen(v), w[c], 0);
				sbuf_adds(out, "  ");
			} else if (o->width && o->width > used + 12) {
				text_truncate(out, v, strlen(v), o->width - used);
			} else {
				text_escape_term(out, v, strlen(v));
			}
		}
		while (out->len && out->buf[out->len - 1] == ' ')
			sbuf_setlen(out, out->len - 1);
		sbuf_addc(out, '\n');
	}
	sbuf_release(&up);
	free(w);
}

static void
listing_csv(struct sbuf *out, struct item *const *items, size_t n,
	    const struct listing_opts *o)
{
	char buf[64];

	if (o && o->cols) {
		cols_csv(out, items, n, o);
		return;
	}
	if (!o || o->header) {
		for (int c = 0; c < NCOLS; c++) {
			if (c)
				sbuf_addc(out, ',');
			sbuf_adds(out, col_names[c]);
		}
		sbuf_adds(out, ",file\r\n");
	}
	for (size_t i = 0; i < n; i++) {
		for (int c = 0; c < NCOLS; c++) {
			const char *v = cell(items[i], (enum col)c, buf, sizeof(buf));

			if (c)
				sbuf_addc(out, ',');
			if ((c == COL_RANK || c == COL_EFFORT || c == COL_CV ||
			     c == COL_BV || c == COL_SCORE) && !strcmp(v, "-"))
				v = "";
			csv_field(out, v, o);
		}
		sbuf_addc(out, ',');
		csv_field(out, items[i]->path, o);
		sbuf_adds(out, "\r\n");
	}
}

static void
listing_md(struct sbuf *out, struct item *const *items, size_t n,
	   const struct listing_opts *o)
{
	static const char *const heads[NCOLS] = {
		"Rank", "ID", "Status", "Type", "Effort", "CV", "BV", "Score", "Title",
	};
	char buf[64];

	if (o && o->cols) {
		cols_md(out, items, n, o);
		return;
	}
	(void)o;
	sbuf_adds(out, "|");
	for (int c = 0; c < NCOLS; c++)
		sbuf_addf(out, " %s |", heads[c]);
	sbuf_adds(out, "\n|");
	for (int c = 0; c < NCOLS; c++)
		sbuf_adds(out, c == COL_TITLE || c == COL_ID || c == COL_STATUS ||
			  c == COL_TYPE ? " --- |" : " ---: |");
	sbuf_addc(out, '\n');
	for (size_t i = 0; i < n; i++) {
		sbuf_addc(out, '|');
		for (int c = 0; c < NCOLS; c++) {
			sbuf_addc(out, ' ');
			text_md_cell(out, cell(items[i], (enum col)c, buf, sizeof(buf)));
			sbuf_adds(out, " |");
		}
		sbuf_addc(out, '\n');
	}
}

static void
listing_plain(struct sbuf *out, struct item *const *items, size_t n,
	      const struct listing_opts *o)
{
	char buf[64];

	if (o && o->cols) {
		cols_plain(out, items, n, o);
		return;
	}
	(void)o;
	for (size_t i = 0; i < n; i++) {
		for (int c = 0; c < NCOLS; c++) {
			const char *v = cell(items[i], (enum col)c, buf, sizeof(buf));

			if (c)
				sbuf_addc(out, '\t');
			text_escape_term(out, v, strlen(v));
		}
		sbuf_addc(out, '\n');
	}
}

static const char *
status_color(enum item_status s)
{
	switch (s) {
	case ST_IDEA: return C_DIM;
	case ST_READY: return C_CYAN;
	case ST_PLANNED: return C_BLUE;
	case ST_DOING: return C_GREEN;
	case ST_BLOCKED: return C_RED C_BOLD;
	case ST_DONE: return C_DIM;
	case ST_STOPPED: return C_DIM;
	default: return C_YELLOW;
	}
}

static void
listing_table(struct sbuf *out, struct item *const *items, size_t n,
	      const struct listing_opts *o)
{
	static const char *const heads[NCOLS] = {
		"RANK", "ID", "STATUS", "TYPE", "EFFORT", "CV", "BV", "SCORE", "TITLE",
	};
	size_t w[NCOLS], used = 0;
	char buf[64];

	if (o && o->cols) {
		cols_table(out, items, n, o);
		return;
	}
	for (int c = 0; c < NCOLS; c++)
		w[c] = strlen(heads[c]);
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < COL_TITLE; c++) {
			const char *v = cell(items[i], (enum col)c, buf, sizeof(buf));
			size_t vw = text_width(v, strlen(v));

			if (vw > w[c])
				w[c] = vw;
		}
	for (int c = 0; c < COL_TITLE; c++)
		used += w[c] + 2;
	if (o->header) {
		if (o->color)
			sbuf_adds(out, C_BOLD);
		for (int c = 0; c < NCOLS; c++) {
			int right = c == COL_RANK || (c >= COL_EFFORT && c <= COL_SCORE);

			if (c == COL_TITLE)
				sbuf_adds(out, heads[c]);
			else {
				text_pad(out, heads[c], strlen(heads[c]), w[c], right);
				sbuf_adds(out, "  ");
			}
		}
		if (o->color)
			sbuf_adds(out, C_RESET);
		sbuf_addc(out, '\n');
	}
	for (size_t i = 0; i < n; i++) {
		const struct item *it = items[i];

		for (int c = 0; c < NCOLS; c++) {
			const char *v = cell(it, (enum col)c, buf, sizeof(buf));
			int right = c == COL_RANK || (c >= COL_EFFORT && c <= COL_SCORE);
			const char *color = NULL;

			if (o->color) {
				if (c == COL_STATUS)
					color = status_color(it->status);
				else if (c == COL_ID)
					color = C_BOLD;
				else if (c == COL_RANK && !it->rank)
					color = C_DIM;
			}
			if (color)
				sbuf_adds(out, color);
			if (c == COL_TITLE) {
				if (it->mvl && o->color)
					sbuf_adds(out, C_YELLOW "★ " C_RESET);
				else if (it->mvl)
					sbuf_adds(out, "* ");
				if (o->width && o->width > used + 12)
					text_truncate(out, v, strlen(v),
						      o->width - used - (it->mvl ? 2 : 0));
				else
					text_escape_term(out, v, strlen(v));
			} else {
				text_pad(out, v, strlen(v), w[c], right);
			}
			if (color)
				sbuf_adds(out, C_RESET);
			if (c != COL_TITLE)
				sbuf_adds(out, "  ");
		}
		sbuf_addc(out, '\n');
	}
}

/* show: the file byte for byte, ending with a newline */
static void
item_file(struct sbuf *out, const struct item *it, const struct config *c)
{
	(void)c;
	sbuf_add(out, it->data, it->len);
	if (it->len && it->data[it->len - 1] != '\n')
		sbuf_addc(out, '\n');
}

/* show: every field, rank, file, score, and the body */
static void
item_json_line(struct sbuf *out, const struct item *it, const struct config *c)
{
	struct jw w;

	jw_init(&w, out, 0, JW_COMPACT);
	jw_object(&w);
	item_members(&w, it, c);
	jw_key(&w, "body");
	json_computed(&w, it, "body");
	jw_end(&w);
	sbuf_addc(out, '\n');
}

static const struct listing_format list_rows[] = {
	{ { "table", NULL, 0 }, listing_table, NULL },
	{ { "plain", "tab-separated", 0 }, listing_plain, NULL },
	{ { "json", NULL, 0 }, NULL, listing_item_json },
	{ { "csv", NULL, 0 }, listing_csv, NULL },
	{ { "md", NULL, 0 }, listing_md, NULL },
	{ { NULL, NULL, 0 }, NULL, NULL },
};
const struct format_table listing_formats = FORMAT_TABLE(list_rows);

static const struct show_format show_rows[] = {
	{ { "md", "the file as written", FORMAT_RAW_TEXT }, item_file },
	{ { "json", NULL, 0 }, item_json_line },
	{ { NULL, NULL, 0 }, NULL },
};
const struct format_table show_formats = FORMAT_TABLE(show_rows);
