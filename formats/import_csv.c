/*
 * import_csv.c: CSV exports read with libcsv, streamed, and the
 * generic `docket import csv` source (one item per row).
 *
 * The file is read in chunks of CSV_CHUNK bytes and handed to libcsv
 * (csv_parse) a line at a time straight from the chunk, so that every
 * row knows the line it starts on (a row's line is the line where its
 * first cell ends, minus the line breaks inside that cell); each record
 * goes to the caller's callback as soon as it ends and is freed when
 * the callback returns.  What the reader holds is one chunk, the header
 * and the record being read, whose bytes are counted as they are fed: a
 * record (a row, with the lines its quoted cells span) over
 * LIMIT_CSV_RECORD is an error before more of it is read.  So parsing
 * takes the same memory for ten rows as for a million; what grows with
 * the rows is what the callback keeps (the import's items).  The
 * export's SHA-256 is computed over the same chunks.
 *
 * Characters are never split: a chunk that ends inside a UTF-8
 * sequence keeps those bytes for the next one, so each line's bytes are
 * checked (UTF-8, no NUL) before libcsv sees them, with the line and
 * column of the first bad byte.  LF, CR LF and CR end lines.  The
 * delimiter is decided from the header line as the first chunk holds
 * it (a comma anywhere in the first 64 KiB of the header decides).
 *
 * libcsv's defaults are kept while parsing (lenient quotes, blanks
 * around unquoted cells trimmed, blank lines skipped); strict mode is
 * switched on for csv_fini only, so that a quote left open at the end
 * of the input is an error.
 */
#include "formats/import.h"
#include "formats/import_spill.h"
#include "formats/import_run.h"

#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/fm.h"
#include "core/limits.h"
#include "core/sha256.h"
#include "core/strmap.h"
#include "core/xalloc.h"
#include "core/utf8.h"

#define CSV_CHUNK 65536

struct creader {
	const char *file;
	struct diag_list *diags;
	csv_record_fn fn;
	void *arg;
	char **header;            /* the header's cells (ncols) */
	size_t ncols;
	size_t index;             /* records handed on */
	const char **row;         /* ncols cells of the row handed on */
	char **cur;               /* cells of the record being read */
	size_t ncur, acur;
	int cur_line;             /* the record's first line, 0: not known yet */
	size_t rec_bytes;         /* its bytes fed so far */
	size_t max;               /* LIMIT_CSV_RECORD */
	int line;                 /* line of the bytes being fed */
	int col;                  /* characters before them on that line */
	int prev_cr;              /* the last byte fed was a CR */
	int row_ended;            /* a record ended in the bytes just fed */
	int rc;                   /* a callback's error: stop */
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
	struct creader *r = data;
	int breaks = 0;
	char *cell = cell_dup(s ? s : "", s ? len : 0, &breaks);

	if (!r->ncur)
		r->cur_line = r->line - breaks;
	r->cur = xgrow(r->cur, &r->acur, r->ncur + 1, sizeof(*r->cur));
	r->cur[r->ncur++] = cell;
}

/* Trim the header's names: " Summary" is Summary. */
static void
trim_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *h = names[i], *e = h + strlen(h);

		while (*h == ' ' || *h == '\t')
			h++;
		while (e > h && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		memmove(names[i], h, (size_t)(e - h));
		names[i][e - h] = '\0';
	}
}

static int csv_fail(struct creader *r, int line, int col, const char *fmt,
		    const char *arg);

static void
on_row(int term, void *data)
{
	struct creader *r = data;
	struct csv_record rec;

	(void)term;
	r->row_ended = 1;
	memset(&rec, 0, sizeof(rec));
	rec.line = r->cur_line;
	rec.index = r->index;
	if (r->rc) {
		/* stopped: the rest of the chunk is not handed on */
	} else if (!r->header) {
		r->header = r->cur;
		r->ncols = r->ncur;
		r->cur = NULL;
		r->ncur = r->acur = 0;
		trim_names(r->header, r->ncols);
		r->row = xcalloc(r->ncols + 1, sizeof(*r->row));
		rec.header = (const char *const *)r->header;
		rec.cells = rec.header;
		rec.n = r->ncols;
		r->index++;
		r->rc = r->fn(r->arg, &rec);
	} else {
		size_t extra = r->ncols;

		for (size_t i = 0; i < r->ncols; i++)
			r->row[i] = i < r->ncur ? r->cur[i] : "";
		/* a value past the last column has nowhere to go: rather
		 * than lose it, refuse the file (an empty cell there, from
		 * a trailing delimiter, loses nothing) */
		while (extra < r->ncur && !*r->cur[extra])
			extra++;
		if (extra < r->ncur) {
			char *why = xasprintf("this row has a value in cell %zu, but the header "
					      "has %zu columns: it has no column to go to "
					      "(is a cell holding the delimiter not quoted?); "
					      "nothing was imported", extra + 1, r->ncols);

			r->rc = csv_fail(r, rec.line, 0, "%s", why);
			free(why);
		} else {
			rec.header = (const char *const *)r->header;
			rec.cells = r->row;
			rec.n = r->ncols;
			r->index++;
			r->rc = r->fn(r->arg, &rec);
		}
	}
	for (size_t i = 0; i < r->ncur; i++)
		free(r->cur[i]);
	r->ncur = 0;
	r->cur_line = 0;
}

/* The delimiter: ',' unless the header line (as far as buf[0..len)
 * holds it) has none but ';' or tab. */
static void
sniff_delim(unsigned char *delim, const char *buf, size_t len)
{
	size_t comma = 0, semi = 0, tab = 0;
	int quoted = 0, ended = 0;

	for (size_t i = 0; i < len && !ended; i++) {
		char ch = buf[i];

		if (ch == '"')
			quoted = !quoted;
		else if (!quoted && (ch == '\n' || ch == '\r'))
			ended = 1;
		else if (!quoted && ch == ',')
			comma++;
		else if (!quoted && ch == ';')
			semi++;
		else if (!quoted && ch == '\t')
			tab++;
	}
	*delim = comma ? ',' : semi ? ';' : tab ? '\t' : ',';
}

/* libcsv trims blanks around unquoted cells; a tab is a delimiter when
 * it is the delimiter, so only spaces count as blanks then. */
static int
is_space_only(unsigned char c)
{
	return c == ' ';
}

/* Characters in s[0..n) (the bytes that do not continue one). */
static int
chars(const char *s, size_t n)
{
	int c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/* The length of buf[0..len) without a UTF-8 sequence its last bytes
 * begin but do not finish (kept for the next chunk). */
static size_t
whole_chars(const char *buf, size_t len)
{
	for (size_t k = 1; k <= 3 && k <= len; k++) {
		unsigned char b = (unsigned char)buf[len - k];
		size_t need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;

		if ((b & 0xc0) == 0x80)
			continue;
		return need > k ? len - k : len;
	}
	return len;
}

static int
csv_fail(struct creader *r, int line, int col, const char *fmt, const char *arg)
{
	diag_add(r->diags, SEV_ERROR, "import", r->file, line, col, fmt, arg);
	return DK_EINVALID;
}

/* Feed s[0..n) (whole characters, but at the end of the input) to
 * libcsv, one line at a time. */
static int
feed(struct creader *r, struct csv_parser *p, const char *s, size_t n)
{
	while (n) {
		size_t k = 0;
		const char *nul;
		int l, c;

		while (k < n && s[k] != '\n' && s[k] != '\r')
			k++;
		if (k < n)
			k++;      /* the line's end is fed with it */
		if ((nul = memchr(s, '\0', k)))
			return csv_fail(r, r->line, r->col + chars(s, (size_t)(nul - s)) + 1,
					"a NUL byte: %s", "this is not a CSV text file");
		if (utf8_check(s, k, &l, &c))
			return csv_fail(r, r->line, r->col + c,
					"not valid UTF-8: %s", "save the export as UTF-8 and import again");
		if (r->rec_bytes + k > r->max)
			return csv_fail(r, r->cur_line ? r->cur_line : r->line, 0,
					"a record is over %s (a quote left open, or not a CSV export?)",
					limit_name(LIMIT_CSV_RECORD));
		r->row_ended = 0;
		if (csv_parse(p, s, k, on_cell, on_row, r) != k)
			return csv_fail(r, r->cur_line ? r->cur_line : r->line, 0, "%s",
					csv_strerror(csv_error(p)));
		if (r->rc)
			return r->rc;
		/* the bytes of the record still open after this line */
		r->rec_bytes = r->row_ended ? 0 : r->rec_bytes + k;
		if (s[k - 1] == '\r' || (s[k - 1] == '\n' && !r->prev_cr)) {
			r->line++;
			r->col = 0;
		} else if (s[k - 1] == '\n') {
			r->col = 0;
		} else {
			r->col += chars(s, k);
		}
		r->prev_cr = s[k - 1] == '\r';
		s += k;
		n -= k;
	}
	return 0;
}

int
csv_read(uint8_t digest[32], FILE *in, const char *file,
	 struct diag_list *diags, csv_record_fn fn, void *arg)
{
	struct csv_parser p;
	struct creader r;
	struct sha256_stream h;
	char *buf;
	size_t carry = 0;
	int rc = 0, sniffed = 0, first = 1, eof = 0;

	memset(&r, 0, sizeof(r));
	r.file = file;
	r.diags = diags;
	r.fn = fn;
	r.arg = arg;
	r.max = limit_bytes(LIMIT_CSV_RECORD);
	r.line = 1;
	if (csv_init(&p, 0) != 0)
		return DK_ERROR;
	sha256_stream_init(&h);
	buf = xmalloc(CSV_CHUNK + 4);
	while (!rc && !eof) {
		size_t got = fread(buf + carry, 1, CSV_CHUNK, in), len, cut;
		const char *s = buf;

		if (got < CSV_CHUNK) {
			if (ferror(in)) {
				diag_add(diags, SEV_ERROR, "import", file, r.line, 0,
					 "cannot read the export");
				rc = DK_EIO;
				break;
			}
			eof = 1;
		}
		sha256_stream_add(&h, buf + carry, got);
		len = carry + got;
		cut = eof ? len : whole_chars(buf, len);
		if (first && cut >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
			s += 3;
		first = 0;
		if (!sniffed) {
			/* the delimiter from the header line, or from as much
			 * of it as the first chunk holds */
			unsigned char delim;

			sniff_delim(&delim, s, (size_t)(buf + cut - s));
			csv_set_delim(&p, delim);
			if (delim == '\t')
				csv_set_space_func(&p, is_space_only);
			sniffed = 1;
		}
		rc = feed(&r, &p, s, (size_t)(buf + cut - s));
		memmove(buf, buf + cut, len - cut);
		carry = len - cut;
	}
	/* strict only at the end: an unterminated quote is an error, stray
	 * quotes inside cells were accepted while parsing */
	csv_set_opts(&p, CSV_STRICT | CSV_STRICT_FINI);
	if (!rc && csv_fini(&p, on_cell, on_row, &r) != 0) {
		if (csv_error(&p) == CSV_EPARSE)
			rc = csv_fail(&r, r.cur_line ? r.cur_line : r.line, 0, "%s",
				      "a quoted cell is not closed (a '\"' is missing): is this a CSV file?");
		else
			rc = csv_fail(&r, r.line, 0, "%s", csv_strerror(csv_error(&p)));
	}
	if (!rc && r.rc)
		rc = r.rc;
	if (!rc && !r.header) {
		diag_add(diags, SEV_ERROR, "import", file, 1, 0,
			 "the file is empty: a CSV export starts with a header row");
		rc = DK_EINVALID;
	}
	if (!rc && digest)
		sha256_stream_end(digest, &h);
	for (size_t i = 0; i < r.ncur; i++)
		free(r.cur[i]);
	free(r.cur);
	for (size_t i = 0; i < r.ncols; i++)
		free(r.header[i]);
	free(r.header);
	free(r.row);
	csv_free(&p);
	free(buf);
	return rc;
}

long
csv_header_col(const struct csv_record *r, const char *name)
{
	struct sbuf want = SBUF_INIT, got = SBUF_INIT;
	long found = -1;

	import_norm(&want, name);
	for (size_t i = 0; i < r->n && found < 0; i++) {
		sbuf_reset(&got);
		import_norm(&got, r->header[i]);
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

struct rows {
	struct import_list *l;
	const char *file;
	int (*check)(struct import_list *l, const char *file,
		     const struct csv_record *header);
	int *repeated;            /* per column: its header is repeated */
	void (*each)(void *arg, struct import_item *it); /* or NULL */
	void *arg;
};

/* The header: which names are repeated, in one pass over a map of
 * each name's first column (comparing every pair took 10 s on 40,000
 * columns). */
static int
rows_header(struct rows *x, const struct csv_record *h)
{
	struct strmap first = STRMAP_INIT;

	x->repeated = xcalloc(h->n + 1, sizeof(*x->repeated));
	for (size_t i = 0; i < h->n; i++) {
		const char *name = h->cells[i];
		struct strmap_entry *e;

		if (!*name)
			continue;
		e = strmap_find(&first, name, strlen(name));
		if (e) {
			x->repeated[i] = 1;
			x->repeated[(uintptr_t)e->value] = 1;
		} else {
			strmap_put(&first, name, strlen(name), (void *)(uintptr_t)i);
		}
	}
	strmap_release(&first);
	return x->check ? x->check(x->l, x->file, h) : 0;
}

/* A row: an item when a cell of it has a value. */
static int
rows_row(void *arg, const struct csv_record *row)
{
	struct rows *x = arg;
	struct import_item *it = NULL;

	if (!row->index)
		return rows_header(x, row);
	for (size_t i = 0; i < row->n; i++) {
		char *v;

		if (!*row->header[i])
			continue;
		v = trimmed(row->cells[i]);
		if (*v) {
			struct ifield *f;

			if (!it) {
				it = import_list_add(x->l, x->file, row->line);
				it->row_what = 1;
			}
			f = x->repeated[i] ? ifields_push(&it->x->src, row->header[i], v, 1) :
			    ifields_set_str(&it->x->src, row->header[i], v);
			if (!f->line)
				f->line = row->line;
		}
		free(v);
	}
	if (it && x->each)
		x->each(x->arg, it);
	else if (it)
		/* read whole before it is mapped: its fields wait in the
		 * spill file (when the list has one) */
		import_spill_out(x->l, it);
	return 0;
}

static int
read_rows(struct import_list *l, FILE *in, const char *file,
	  int (*check)(struct import_list *l, const char *file,
		       const struct csv_record *header),
	  void (*each)(void *arg, struct import_item *it), void *arg)
{
	struct rows x = { l, file, check, NULL, each, arg };
	uint8_t d[32];
	int rc = csv_read(d, in, file, &l->diags, rows_row, &x);

	free(x.repeated);
	if (!rc) {
		free(l->digest);
		l->digest = import_digest_text(d);
	}
	return rc;
}

int
import_read_rows(struct import_list *l, FILE *in, const char *file,
		 int (*check)(struct import_list *l, const char *file,
			      const struct csv_record *header))
{
	return read_rows(l, in, file, check, NULL, NULL);
}

int
import_read_csv(struct import_list *l, FILE *in, const char *file)
{
	return read_rows(l, in, file, NULL, NULL, NULL);
}

int
import_read_csv_each(struct import_list *l, FILE *in, const char *file,
		     void (*fn)(void *arg, struct import_item *it), void *arg)
{
	return read_rows(l, in, file, NULL, fn, arg);
}
