/*
 * fm.c: split front matter from the body and parse it (docs/reference.md).
 *
 * The opening line is "---" after an optional UTF-8 BOM, with trailing
 * blanks allowed; the front matter ends at the next line that is exactly
 * "---" at column 0 (trailing blanks allowed).  Everything after that
 * line is the body, which docket keeps byte for byte.
 */
#include "core/fm.h"

#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"

void
fm_init(struct fm *fm)
{
	memset(fm, 0, sizeof(*fm));
}

void
fm_release(struct fm *fm)
{
	ynode_free(fm->root);
	fm_init(fm);
}

/* Length of the line at off (without its terminator) and of the
 * terminator (0 at end of buffer, 1 for LF, 2 for CRLF). */
static size_t
line_at(const char *buf, size_t len, size_t off, size_t *eol)
{
	const char *nl = memchr(buf + off, '\n', len - off);
	size_t n;

	if (!nl) {
		*eol = 0;
		return len - off;
	}
	n = (size_t)(nl - (buf + off));
	if (n && buf[off + n - 1] == '\r') {
		*eol = 2;
		return n - 1;
	}
	*eol = 1;
	return n;
}

/* Is buf[off..off+n) "---" followed only by blanks? */
static int
is_fence(const char *buf, size_t off, size_t n)
{
	if (n < 3 || memcmp(buf + off, "---", 3))
		return 0;
	for (size_t i = 3; i < n; i++)
		if (buf[off + i] != ' ' && buf[off + i] != '\t')
			return 0;
	return 1;
}

int
fm_split(struct fm *out, const char *buf, size_t len,
	 const struct fm_opts *opts, const char *file, struct diag_list *diags)
{
	static const struct fm_opts defaults = FM_OPTS_INIT;
	const unsigned char *u = (const unsigned char *)buf;
	int line, col;

	if (!opts)
		opts = &defaults;
	fm_init(out);
	out->buf = buf;
	out->len = len;
	if (len > opts->max_size) {
		enum limit_kind k = limit_of_bytes(opts->max_size);

		if (k == LIMIT_FILE)
			diag_add(diags, SEV_ERROR, "syntax", file, 1, 1,
				 "the file is %zu bytes, over %s; split it or move large content elsewhere",
				 len, limit_name(k));
		else
			diag_add(diags, SEV_ERROR, "syntax", file, 1, 1,
				 "the file is %zu bytes, over the limit of %zu bytes; split it or move large content elsewhere",
				 len, opts->max_size);
		return DK_EINVALID;
	}
	if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) ||
			 (u[0] == 0xfe && u[1] == 0xff))) {
		diag_add(diags, SEV_ERROR, "syntax", file, 1, 1,
			 "file is UTF-16; docket reads UTF-8 only: convert it (iconv -f UTF-16 -t UTF-8)");
		return DK_EINVALID;
	}
	if (utf8_check(buf, len, &line, &col)) {
		diag_add(diags, SEV_ERROR, "syntax", file, line, col,
			 "invalid UTF-8; docket reads UTF-8 only: re-save the file as UTF-8");
		return DK_EINVALID;
	}
	switch (fm_locate(out, buf, len)) {
	case 0:
		return 0;
	case FM_NO_OPENING:
		diag_add(diags, SEV_ERROR, "syntax", file, 1, 1,
			 "no front matter: the file must start with a line '---', then the fields, then a line '---'");
		return DK_EINVALID;
	default:
		diag_add(diags, SEV_ERROR, "syntax", file, 1, 1,
			 "front matter is not closed: add a line '---' after the last field");
		return DK_EINVALID;
	}
}

int
fm_locate(struct fm *out, const char *buf, size_t len)
{
	const unsigned char *u = (const unsigned char *)buf;
	size_t off = 0, n, eol;
	int line;

	fm_init(out);
	out->buf = buf;
	out->len = len;
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		out->has_bom = 1;
		off = 3;
	}
	n = line_at(buf, len, off, &eol);
	if (!is_fence(buf, off, n))
		return FM_NO_OPENING;
	out->crlf = eol == 2;
	off += n + eol;
	out->yaml_off = off;
	out->yaml_line = 2;
	line = 2;
	while (off < len) {
		n = line_at(buf, len, off, &eol);
		if (is_fence(buf, off, n)) {
			out->yaml_len = off - out->yaml_off;
			out->close_off = off;
			out->body_off = off + n + eol;
			out->body_line = line + 1;
			return 0;
		}
		off += n + eol;
		line++;
		if (!eol)
			break;
	}
	return FM_NOT_CLOSED;
}

static void
shift_offsets(struct ynode *n, size_t by)
{
	n->start_off += by;
	n->end_off += by;
	for (size_t i = 0; i < n->nkids; i++)
		shift_offsets(n->kids[i], by);
}

/* The offset of the first line at or after from (a line start) that
 * starts with mark (7 bytes), or len. */
static size_t
line_starting(const char *buf, size_t len, size_t from, const char *mark)
{
	while (from < len) {
		const char *nl;

		if (len - from >= 7 && buf[from] == mark[0] && !memcmp(buf + from, mark, 7))
			return from;
		nl = memchr(buf + from, '\n', len - from);
		if (!nl)
			break;
		from = (size_t)(nl - buf) + 1;
	}
	return len;
}

int
fm_conflict_line(const char *buf, size_t len)
{
	size_t open = line_starting(buf, len, 0, "<<<<<<<"), line = 1;

	if (open == len || line_starting(buf, len, open, ">>>>>>>") == len)
		return 0;
	for (size_t i = 0; i < open; i++)
		line += buf[i] == '\n';
	return line > 0x7fffffff ? 0x7fffffff : (int)line;
}

int
fm_parse(struct fm *out, const char *buf, size_t len,
	 const struct fm_opts *opts, const char *file, struct diag_list *diags)
{
	static const struct fm_opts defaults = FM_OPTS_INIT;
	struct ynode_opts yo;
	struct diag_list err = DIAG_LIST_INIT;
	struct ynode *root = NULL;
	int rc;

	if (!opts)
		opts = &defaults;
	if (len <= opts->max_size && (rc = fm_conflict_line(buf, len))) {
		fm_init(out);
		out->buf = buf;
		out->len = len;
		diag_add(diags, SEV_ERROR, "syntax", file, rc, 1,
			 "the file has git's merge-conflict markers (<<<<<<< to >>>>>>>): resolve the conflict (edit the file, or git mergetool), then git add it");
		return DK_EINVALID;
	}
	rc = fm_split(out, buf, len, opts, file, diags);
	if (rc)
		return rc;
	yo = opts->yaml;
	yo.line_offset = out->yaml_line - 1;
	rc = ynode_parse(&root, buf + out->yaml_off, out->yaml_len, &yo, &err);
	if (rc) {
		diag_list_move_as(diags, &err, "syntax", file);
		return DK_EINVALID;
	}
	if (!root) {
		root = xcalloc(1, sizeof(*root));
		root->type = YNODE_MAP;
		root->style = YSTYLE_BLOCK;
		root->line = out->yaml_line;
		root->col = 1;
	}
	if (root->type != YNODE_MAP) {
		diag_add(diags, SEV_ERROR, "syntax", file, root->line, root->col,
			 "front matter must be a mapping of 'key: value' lines, not a %s",
			 ynode_kind_name(ynode_kind(root)));
		ynode_free(root);
		return DK_EINVALID;
	}
	for (size_t i = 0; i < root->nkids; i += 2) {
		const struct ynode *k = root->kids[i];

		if (k->type != YNODE_SCALAR || ynode_kind(k) != YKIND_STR) {
			diag_add(diags, SEV_ERROR, "syntax", file, k->line, k->col,
				 "front matter keys must be names, not a %s; quote it if you mean the text",
				 ynode_kind_name(ynode_kind(k)));
			ynode_free(root);
			return DK_EINVALID;
		}
	}
	/* node offsets are relative to the YAML text; make them absolute */
	shift_offsets(root, out->yaml_off);
	out->root = root;
	return 0;
}

/* Heading level of line s[0..n) (ATX: up to 3 spaces, 1-6 '#'), and
 * its text in *t, *tn; 0 when not a heading. */
int
fm_heading(const char *s, size_t n, const char **t, size_t *tn)
{
	size_t i = 0;
	int level = 0;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	while (i < n && s[i] == '#' && level < 7) {
		i++;
		level++;
	}
	if (!level || level > 6 ||
	    (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '\r'))
		return 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	while (n > i && s[n - 1] == '#')
		n--;
	while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*t = s + i;
	*tn = n - i;
	return level;
}
