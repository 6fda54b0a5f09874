/*
 * import_csv.c: CSV exports read with libcsv into a table, and the
 * generic `docket import csv` source (one item per row).
 *
 * libcsv is fed one physical line at a time, read from a stream, so
 * that every row knows the line it starts on (a row's line is the line
 * where its first cell ends, minus the line breaks inside that cell),
 * and so that the bytes of the record being read are counted: a record
 * (a row, with the lines its quoted cells span) over LIMIT_CSV_RECORD
 * is an error before more of it is read.  The file as a whole is not
 * held: only the table of rows is.  libcsv's defaults are
 * kept while parsing (lenient quotes, blanks around unquoted cells
 * trimmed, blank lines skipped); strict mode is switched on for
 * csv_fini only, so that a quote left open at the end of the input is
 * an error.
 */
#include "formats/import.h"

#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/fm.h"
#include "core/limits.h"
#include "core/strmap.h"
#include "core/xalloc.h"
#include "core/utf8.h"

struct cctx {
	struct csv_table *t;
	char **cur;               /* cells of the row being read */
	size_t ncur, acur;
	int cur_line;             /* the row's first line, 0: not known yet */
	int line;                 /* line of the chunk being fed */
	int have_header;
	int ragged;               /* first row with more cells than columns */
	int row_ended;            /* a row ended in the line just parsed */
};

/* Copy a cell, turning CR LF and lone CR into LF. */
static char *
cell_dup(const char *s, size_t len, int *breaks)
{
	char *out = xmalloc(len + 1);
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\r') {
			out[o++] = '\n';
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
			(*breaks)++;
		} else {
			if (s[i] == '\n')
				(*breaks)++;
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
}

static void
on_cell(void *s, size_t len, void *data)
{
	struct cctx *c = data;
	int breaks = 0;
	char *cell = cell_dup(s ? s : "", s ? len : 0, &breaks);

	if (!c->ncur)
		c->cur_line = c->line - breaks;
	c->cur = xgrow(c->cur, &c->acur, c->ncur + 1, sizeof(*c->cur));
	c->cur[c->ncur++] = cell;
}

static void
on_row(int term, void *data)
{
	struct cctx *c = data;
	struct csv_table *t = c->t;

	(void)term;
	c->row_ended = 1;
	if (!c->have_header) {
		t->header = c->cur;
		t->ncols = c->ncur;
		for (size_t i = 0; i < t->ncols; i++) {
			/* trim the names: " Summary" is Summary */
			char *h = t->header[i], *e = h + strlen(h);

			while (*h == ' ' || *h == '\t')
				h++;
			while (e > h && (e[-1] == ' ' || e[-1] == '\t'))
				e--;
			memmove(t->header[i], h, (size_t)(e - h));
			t->header[i][e - h] = '\0';
		}
		c->have_header = 1;
	} else {
		struct csv_row *r;

		t->rows = xgrow(t->rows, &t->alloc, t->nrows + 1, sizeof(*t->rows));
		r = &t->rows[t->nrows++];
		r->line = c->cur_line;
		r->cells = xcalloc(t->ncols ? t->ncols : 1, sizeof(*r->cells));
		for (size_t i = 0; i < c->ncur; i++) {
			if (i < t->ncols) {
				r->cells[i] = c->cur[i];
			} else {
				if (*c->cur[i] && !c->ragged)
					c->ragged = r->line;
				free(c->cur[i]);
			}
		}
		for (size_t i = c->ncur; i < t->ncols; i++)
			r->cells[i] = xstrdup("");
		free(c->cur);
	}
	c->cur = NULL;
	c->ncur = c->acur = 0;
	c->cur_line = 0;
}

/* The delimiter: ',' unless the header line has none but ';' or tab. */
static unsigned char
sniff_delim(const char *buf, size_t len)
{
	size_t comma = 0, semi = 0, tab = 0;
	int quoted = 0;

	for (size_t i = 0; i < len; i++) {
		char ch = buf[i];

		if (ch == '"')
			quoted = !quoted;
		else if (!quoted && (ch == '\n' || ch == '\r'))
			break;
		else if (!quoted && ch == ',')
			comma++;
		else if (!quoted && ch == ';')
			semi++;
		else if (!quoted && ch == '\t')
			tab++;
	}
	if (comma)
		return ',';
	if (semi)
		return ';';
	return tab ? '\t' : ',';
}

/* libcsv trims blanks around unquoted cells; a tab is a delimiter when
 * it is the delimiter, so only spaces count as blanks then. */
static int
is_space_only(unsigned char c)
{
	return c == ' ';
}

/* A buffered reader of physical lines. */
struct lines {
	FILE *in;
	char buf[65536];
	size_t pos, end;
	int eof;
};

/* The next physical line (with its '\n', if any) into sb, at most max
 * bytes: 1, 0 at the end of the input, -1 when the line is longer than
 * max (sb then holds its first max + 1 bytes), -2 on a read error. */
static int
next_line(struct lines *r, struct sbuf *sb, size_t max)
{
	sbuf_reset(sb);
	for (;;) {
		const char *nl;
		size_t n;

		if (r->pos == r->end) {
			if (r->eof)
				return sb->len ? 1 : 0;
			r->pos = 0;
			r->end = fread(r->buf, 1, sizeof(r->buf), r->in);
			if (r->end < sizeof(r->buf)) {
				if (ferror(r->in))
					return -2;
				r->eof = 1;
			}
			continue;
		}
		nl = memchr(r->buf + r->pos, '\n', r->end - r->pos);
		n = nl ? (size_t)(nl - (r->buf + r->pos)) + 1 : r->end - r->pos;
		if (sb->len + n > max + 1)
			n = max + 1 - sb->len;
		sbuf_add(sb, r->buf + r->pos, n);
		r->pos += n;
		if (sb->len > max)
			return -1;
		if (nl && sb->buf[sb->len - 1] == '\n')
			return 1;
	}
}

int
csv_table_read(struct csv_table *t, FILE *in, const char *file,
	       struct diag_list *diags)
{
	struct csv_parser p;
	struct cctx c;
	struct lines *r = xcalloc(1, sizeof(*r));
	struct sbuf ln = SBUF_INIT;
	size_t max = limit_bytes(LIMIT_CSV_RECORD), rec = 0;
	int rc = 0, got, parsing = 1, l, col;

	memset(t, 0, sizeof(*t));
	memset(&c, 0, sizeof(c));
	c.t = t;
	r->in = in;
	if (csv_init(&p, 0) != 0) {
		free(r);
		return DK_ERROR;
	}
	c.line = 1;
	while ((got = next_line(r, &ln, max)) > 0) {
		const char *s = ln.buf;
		size_t n = ln.len;

		if (c.line == 1) {
			unsigned char delim;

			if (n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3)) {
				s += 3;
				n -= 3;
			}
			delim = sniff_delim(s, n);
			csv_set_delim(&p, delim);
			if (delim == '\t')
				csv_set_space_func(&p, is_space_only);
		}
		if (utf8_check(s, n, &l, &col)) {
			diag_add(diags, SEV_ERROR, "import", file, c.line, col,
				 "not valid UTF-8: save the export as UTF-8 and import again");
			rc = DK_EINVALID;
			parsing = 0;
			break;
		}
		if (memchr(s, '\0', n)) {
			diag_add(diags, SEV_ERROR, "import", file, c.line, 0,
				 "a NUL byte: this is not a CSV text file");
			rc = DK_EINVALID;
			parsing = 0;
			break;
		}
		if (rec + n > max) {
			got = -1;
			break;
		}
		c.row_ended = 0;
		if (csv_parse(&p, s, n, on_cell, on_row, &c) != n) {
			rc = DK_EINVALID;
			break;
		}
		/* the bytes of the record still open after this line */
		rec = c.row_ended ? 0 : rec + n;
		c.line++;
	}
	if (got == -1) {
		diag_add(diags, SEV_ERROR, "import", file,
			 c.cur_line ? c.cur_line : c.line, 0,
			 "a record is over %s (a quote left open, or not a CSV export?)",
			 limit_name(LIMIT_CSV_RECORD));
		rc = DK_EINVALID;
		parsing = 0;
	} else if (got == -2) {
		diag_add(diags, SEV_ERROR, "import", file, c.line, 0,
			 "cannot read the export");
		rc = DK_EIO;
		parsing = 0;
	}
	/* strict only at the end: an unterminated quote is an error, stray
	 * quotes inside cells were accepted while parsing */
	csv_set_opts(&p, CSV_STRICT | CSV_STRICT_FINI);
	if (!rc && csv_fini(&p, on_cell, on_row, &c) != 0)
		rc = DK_EINVALID;
	if (rc && parsing) {
		if (csv_error(&p) == CSV_EPARSE)
			diag_add(diags, SEV_ERROR, "import", file,
				 c.cur_line ? c.cur_line : c.line, 0,
				 "a quoted cell is not closed (a '\"' is missing): is this a CSV file?");
		else
			diag_add(diags, SEV_ERROR, "import", file, c.line, 0, "%s",
				 csv_strerror(csv_error(&p)));
	}
	for (size_t i = 0; i < c.ncur; i++)
		free(c.cur[i]);
	free(c.cur);
	csv_free(&p);
	sbuf_release(&ln);
	free(r);
	if (!rc && !c.have_header) {
		diag_add(diags, SEV_ERROR, "import", file, 1, 0,
			 "the file is empty: a CSV export starts with a header row");
		rc = DK_EINVALID;
	}
	if (!rc && c.ragged)
		diag_add(diags, SEV_WARNING, "import", file, c.ragged, 0,
			 "a row has more cells than the header has columns; the extra cells are ignored");
	return rc;
}

void
csv_table_release(struct csv_table *t)
{
	for (size_t i = 0; i < t->ncols; i++)
		free(t->header[i]);
	free(t->header);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t i = 0; i < t->ncols; i++)
			free(t->rows[r].cells[i]);
		free(t->rows[r].cells);
	}
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

long
csv_table_col(const struct csv_table *t, const char *name)
{
	struct sbuf want = SBUF_INIT, got = SBUF_INIT;
	long found = -1;

	import_norm(&want, name);
	for (size_t i = 0; i < t->ncols && found < 0; i++) {
		sbuf_reset(&got);
		import_norm(&got, t->header[i]);
		if (!strcmp(got.buf, want.buf))
			found = (long)i;
	}
	sbuf_release(&want);
	sbuf_release(&got);
	return found;
}

/* Trimmed copy of a cell (leading and trailing blank lines and spaces
 * go; inner line breaks stay). */
static char *
trimmed(const char *s)
{
	const char *e = s + strlen(s);

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'))
		e--;
	return xstrndup(s, (size_t)(e - s));
}

void
import_rows(struct import_list *l, const struct csv_table *t, const char *file)
{
	int *repeated = xcalloc(t->ncols + 1, sizeof(*repeated));
	struct strmap first = STRMAP_INIT;

	/* repeated headers, in one pass over a map of each header's first
	 * column (comparing every pair took 10 s on 40,000 columns) */
	for (size_t i = 0; i < t->ncols; i++) {
		const char *h = t->header[i];
		struct strmap_entry *e;

		if (!*h)
			continue;
		e = strmap_find(&first, h, strlen(h));
		if (e) {
			repeated[i] = 1;
			repeated[(uintptr_t)e->value] = 1;
		} else {
			strmap_put(&first, h, strlen(h), (void *)(uintptr_t)i);
		}
	}
	strmap_release(&first);
	for (size_t r = 0; r < t->nrows; r++) {
		const struct csv_row *row = &t->rows[r];
		struct import_item *it = NULL;

		for (size_t i = 0; i < t->ncols; i++) {
			char *v;

			if (!*t->header[i])
				continue;
			v = trimmed(row->cells[i]);
			if (*v) {
				struct ifield *f;

				if (!it) {
					it = import_list_add(l, file, row->line);
					it->what = xasprintf("row %d", row->line);
				}
				f = repeated[i] ? ifields_push(&it->src, t->header[i], v, 1) :
				    ifields_set_str(&it->src, t->header[i], v);
				if (!f->line)
					f->line = row->line;
			}
			free(v);
		}
	}
	free(repeated);
}

int
import_read_csv(struct import_list *l, FILE *in, const char *file)
{
	struct csv_table t;
	int rc = csv_table_read(&t, in, file, &l->diags);

	if (rc == 0)
		import_rows(l, &t, file);
	csv_table_release(&t);
	return rc;
}
