/*
 * import: read another tool's export into a list of records, map them
 * to docket fields, and turn them into item files and ORDER lines
 * (docs/reference.md `import`; the mapping file is documented in docs/import.md).
 *
 * Three stages, each a pure function over memory (no file-system access,
 * no printing; cmd/import.c reads the input and writes the results):
 *
 *   read    import_read_csv / _jira / _asana / _trello / _backlog_md:
 *           each source fills an import_list with one import_item per
 *           record: its fields named as the source names them (src),
 *           its body, where it came from (file, line) and its sort keys.
 *           Records it cannot or should not import are import_skips
 *           (file and reason), never dropped silently.
 *   map     import_map_apply: through the mapping (the tool's defaults,
 *           overlaid by a --map file) each item gets docket fields
 *           (out), a docket status and type, and notes for what has no
 *           field (assignees, priorities...).
 *   write   import_list_sort, import_assign_ids, import_render_item,
 *           import_render_order (import_write.c).
 *
 * Ownership: an import_list owns its items, skips, diags and every
 * string they hold; import_list_release frees everything.  An
 * import_map owns its copies of the mapping file's strings;
 * import_map_release frees them.  Sources copy what they keep: the
 * caller's buffers may be freed once a read function returns.
 */
#ifndef DOCKET_IMPORT_H
#define DOCKET_IMPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/backlog.h"
#include "core/config.h"
#include "core/diag.h"
#include "core/import_rules.h"
#include "core/strmap.h"
#include "core/sbuf.h"
#include "formats/format.h"

enum import_kind {
	IMPORT_CSV,
	IMPORT_JIRA,
	IMPORT_TRELLO,
	IMPORT_ASANA,
	IMPORT_BACKLOG_MD,
};

/* The kinds `docket import` reads, as a table (formats/format.h). */
struct import_kind_row {
	struct format f;            /* "csv", "jira", ... */
	enum import_kind kind;
	const char *title;          /* "CSV", "Jira", ... */
};
extern const struct format_table import_kinds;

/* "csv", "jira", "trello", "asana", "backlog-md" */
const char *import_kind_name(enum import_kind k);
/* "CSV", "Jira", "Trello", "Asana", "Backlog.md" */
const char *import_kind_title(enum import_kind k);
/* Returns 0, or -1 when s names no source kind. */
int import_kind_parse(enum import_kind *out, const char *s);

/* ---- values and fields ------------------------------------------ */

enum ival_type {
	IVAL_STR,
	IVAL_NUM,        /* str holds the number as written */
	IVAL_BOOL,       /* str is "true" or "false" */
	IVAL_DATE,       /* str is YYYY-MM-DD */
	IVAL_LIST,       /* list of strings */
};

struct ival {
	enum ival_type type;
	char *str;       /* every type but IVAL_LIST */
	double num;      /* IVAL_NUM, IVAL_BOOL (0 or 1) */
	char **list;     /* IVAL_LIST */
	size_t n, alloc;
	struct strmap *seen;  /* the list's values, once it is long (owned) */
};

struct ifield {
	char *key;
	struct ival v;
	int line;        /* where the value is in the source (0: unknown) */
};

struct ifields {
	struct ifield *v;
	size_t n, alloc;
	struct strmap idx;        /* key -> index in v once there are more
				   * than a few (import.c), so that a record
				   * of thousands of fields stays linear */
};

void ifields_release(struct ifields *f);
/* Give back the room v has beyond its fields. */
void ifields_fit(struct ifields *f);
/* Rebuild the index of f after v was filled directly (import_spill.c). */
void ifields_reindex(struct ifields *f);
/* Remove key (when present), keeping the order of the others. */
void ifields_remove(struct ifields *f, const char *key);
/* The field named key exactly, or NULL. */
struct ifield *ifields_get(const struct ifields *f, const char *key);
/* Set key to a string / number / boolean / date (replacing any value). */
struct ifield *ifields_set_str(struct ifields *f, const char *key, const char *s);
struct ifield *ifields_set_num(struct ifields *f, const char *key, double v,
			       const char *text);
struct ifield *ifields_set_bool(struct ifields *f, const char *key, int b);
struct ifield *ifields_set_date(struct ifields *f, const char *key,
				const char *ymd);
/* Append s to the list value of key (creating it; a string value
 * becomes the list's first element).  Duplicates are kept unless
 * unique is set. */
struct ifield *ifields_push(struct ifields *f, const char *key, const char *s,
			    int unique);
/* The value as one line of text (lists joined with ", "), appended. */
void ival_text(struct sbuf *out, const struct ival *v);

/* ---- records ------------------------------------------------------ */

/* What a record says, read and mapped: held while the record is read,
 * mapped, validated or rendered, and otherwise in the list's spill file
 * (import_spill.h) when it has one, so that what every record keeps in
 * memory at once is only struct import_item. */
struct import_rec {
	struct ifields src;       /* fields as the source names them */
	char *body;               /* Markdown body from the source, or NULL */
	const char *forced_status;/* a docket status, or NULL */
	int archived;             /* archived / closed in the source */
	char *recovered;          /* the record was partly read: why */

	/* set by import_map_apply */
	struct ifields out;       /* docket fields, in the order set */
	char **notes;             /* "Assignee: Jane Doe", ... */
	size_t nnotes, anotes;
	char **deps;              /* depends_on as source ids */
	size_t ndeps, adeps;
	char *follows;            /* follows as a source id, or NULL */
	char **cycles;            /* the source's cycles it was in (Jira
				   * sprints), oldest first: import_cycles.h */
	size_t ncycles, acycles;
	struct import_section {   /* a block of the body the import manages */
		char *name;       /* "comments", "attachments" */
		char *text;       /* its Markdown: "## Comments", a list */
	} *sections;
	size_t nsections, asections;
	unsigned *where;          /* per field of src: where its value went,
				   * an index in l->wheres (0: no value) */
	unsigned *keys;           /* per field of src: its name, an index in
				   * l->wheres (src may be forgotten since) */
	size_t nwhere;            /* fields of src when it was mapped; 0
				   * once counted in l->tally */
};

/* The sort keys of a record beyond its position, compared in this
 * order (import_list_sort); a record without them has them all 0. */
struct import_sortkey {
	long group;               /* e.g. a Trello list's position */
	const char *rank_str;     /* a string rank (Jira's LexoRank; the
				   * list's: import_list_str) */
	int has_rank_num;
	double rank_num;          /* a numeric rank (ordinal, pos) */
	int tie;                  /* tie break, lower first (Backlog.md priority) */
};

/* A record of an import: what later stages need of every record at
 * once (the list holds many: keep it small), and its parts (x). */
struct import_item {
	struct import_rec *x;     /* its parts; NULL while they are in the
				   * spill file only (spilled) */
	const char *file;         /* the source file (the list's copy) */
	struct import_ext {       /* what only some sources have, or NULL
				   * (import_item_ext) */
		const char *what; /* the record in messages: "card 'X'"
				   * (NULL and row_what: import_item_what;
				   * the list's, as the others: import_list_str) */
		const char *alt_id; /* another id the source knew it by (a
				   * Trello card's short link: items of an
				   * earlier import were named by it), or NULL */
		struct import_sortkey sort;
	} *ext;                   /* the list's room (import_list_room) */
	const char *source_id;    /* the source's id, or NULL (set by
				   * import_map_apply; import_list_str) */
	const char *status;       /* docket status name (set by
				   * import_map_apply; import_list_name) */
	/* set by import_assign_ids, or before it by the caller for a
	 * record that is already an item (a re-import) */
	const char *id;           /* the docket id (import_list_str) */
	uint64_t spill_off;       /* the record's last copy in the file */
	uint32_t spill_len;       /* 0: never spilled */
	uint32_t seq;             /* position in the source, the last sort key */
	int line;                 /* first line of the record (0: none) */
	unsigned row_what : 1;    /* 1: it is "row LINE" in messages */
	unsigned ranked : 1;      /* goes into ORDER */
	unsigned existing : 1;    /* already an item: id is its id */
	unsigned spilled : 1;     /* 1: x is in the spill file only */
	unsigned has_refs : 1;    /* out has depends_on or follows, or deps
				   * or follows are set (set when spilled) */
	unsigned has_cycles : 1;  /* x has cycles (set when spilled) */
	/* set by import_plan_validate */
	unsigned demoted : 1;     /* came in as an idea */
	unsigned repeated : 1;    /* its source id is an earlier record's
				   * (import_drop_repeated) */
	unsigned noted : 24;      /* values moved to notes (at most
				   * IMPORT_NOTED_MAX) */
};
#define IMPORT_NOTED_MAX 0xffffffu

struct import_list;

/* it's ext, made (all 0, in l's room) when it has none yet. */
struct import_ext *import_item_ext(struct import_list *l, struct import_item *it);
/* it's sort keys (import_item_ext). */
struct import_sortkey *import_item_sort(struct import_list *l, struct import_item *it);

/* Free the parts of a record (x may be NULL). */
void import_rec_free(struct import_rec *x);
/* How messages name it: its what, "row LINE" (in buf), or dflt. */
const char *import_item_what(const struct import_item *it, char buf[32],
			     const char *dflt);

/* A source record or file that was not imported. */
struct import_skip {
	char *file;
	int line;
	char *reason;
	int failed;               /* 1: it could not be imported (an error);
	                           * 0: not an item by design (a readme...) */
};

struct import_spill;
struct import_arena;

struct import_list {
	enum import_kind kind;
	struct import_item **items;
	size_t n, alloc;
	struct import_skip *skips;
	size_t nskips, askips;
	char **unmapped;          /* source fields with values nothing maps */
	size_t nunmapped, aunmapped;
	struct strmap unmapped_idx;
	size_t recovered;         /* items read only in part */
	/* where source values went (import_map_apply, for the report):
	 * "field:NAME", "note", "body", "section:NAME", "source", "order",
	 * "none:WHY"; and the names of the source fields (the strings
	 * of items' where[] and keys[], each once);
	 * wheres[0] is "" (a field without a value) */
	char **wheres;
	size_t nwheres, awheres;
	struct strmap wheres_idx;
	struct diag_list diags;   /* warnings and errors, rule "import" */
	char *digest;             /* "sha256:HEX" of the export, computed as
				   * it was read (the CSV sources), or NULL */
	int forget_sources;       /* set by the caller: import_map_apply frees
				   * each record's src once it is mapped (only
				   * its names and where they went stay, for
				   * the report), but for a record in a source
				   * cycle (import_cycles.h reads its dates) */
	struct import_arena *arena; /* set with spill (import_spill_open):
				   * the room of the records, their strings
				   * and items (formats/import_arena.h); NULL:
				   * ordinary memory */
	struct import_spill *spill; /* set by the caller (import_spill_open):
				   * each record's parts (x) go to a
				   * temporary file as soon as it is
				   * mapped; NULL: kept in memory */
	/* the source file names and statuses items point to, each once
	 * (import_list_name) */
	char **names;
	size_t nnames, anames;
	struct strmap names_idx;
	/* where the values of records went, counted once each record is
	 * settled (import_report_settle frees its where[] and keys[]):
	 * per source field name and where, the records and the first
	 * (record, field) that had it, so that the report keeps the
	 * order of first sight */
	struct import_tally {
		unsigned key, where;      /* indices in wheres */
		size_t records;
		size_t first_i, first_j;  /* list index, field index */
	} *tally;
	size_t ntally, atally;
	struct strmap tally_idx;  /* "KEY:WHERE" -> index + 1 */
	char **tally_keys;        /* the map's keys (owned), ntally */
	size_t atally_keys;
	/* where items and import_list_str's strings are: blocks of many,
	 * so that each costs no allocation of its own */
	struct import_item **slabs;
	size_t nslabs, aslabs, slab_used;
	char **strs;
	size_t nstrs, astrs, str_used, str_cap;
	void **rooms;             /* import_list_room's without an arena */
	size_t nrooms, arooms;
};

void import_list_init(struct import_list *l, enum import_kind kind);
/* The record at index i (l->items[i]), visited: whoever goes over the
 * records reads them through this, so that the pages of those visited
 * long ago go back to the kernel (import_arena_visit). */
struct import_item *import_list_at(const struct import_list *l, size_t i);
void import_list_release(struct import_list *l);
/* The list's copy of s (one per distinct string, freed with l). */
const char *import_list_name(struct import_list *l, const char *s);
/* The list's copy of s, packed with others (freed with l): the ids and
 * source ids of records, what their ext names. */
const char *import_list_str(struct import_list *l, const char *s);
/* size bytes of zeroed room for a record's part or a table of the list
 * (freed with l: in its arena when it has one). */
void *import_list_room(struct import_list *l, size_t size);
/* size bytes of zeroed room for a step's table of every record: in the
 * arena when l has one (import_list_scratch_free then does nothing),
 * else ordinary memory import_list_scratch_free frees. */
void *import_list_scratch(struct import_list *l, size_t size);
void import_list_scratch_free(struct import_list *l, void *p);
/* A new item at the end (seq set); file is copied (import_list_name). */
struct import_item *import_list_add(struct import_list *l, const char *file,
				    int line);
/* Record a skipped record or file. */
void import_list_skip(struct import_list *l, int failed, const char *file,
		      int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
size_t import_list_failed(const struct import_list *l);
/* Free what an item taken out of a list owns (its room is the list's,
 * freed with it: an item is freed before its list). */
void import_item_free(struct import_item *it);
/* Remove and free every item for which drop(l, it, arg) returns
 * nonzero (the others keep their order), in one pass over the list:
 * drop may add skips to l. */
void import_list_drop_if(struct import_list *l,
			 int (*drop)(struct import_list *l,
				     struct import_item *it, void *arg),
			 void *arg);
/* Sort n elements of size bytes at base, stable, through tmp (room for
 * n elements), with cmp(a, b, arg): a merge sort, bottom up, whose
 * memory is base's and tmp's (in a list's arena, it stays flat: cmp
 * visits the records it reads, import_list_at). */
void import_msort(void *base, size_t n, size_t size, void *tmp,
		  int (*cmp)(const void *a, const void *b, void *arg), void *arg);
/* Stable sort by group, rank_str, rank_num, tie, seq (items without a
 * rank key after those with one). */
void import_list_sort(struct import_list *l);

/* ---- helpers shared by the sources --------------------------------- */

/*
 * Parse a date as the tools export them into YYYY-MM-DD (out: 11
 * bytes): ISO 8601 (2026-11-24, 2026-11-24T10:15:00.000Z, 2026-11-24
 * 10:15), Jira's 24/Nov/26 10:15 AM and 24/Nov/2026, 24-Nov-2026,
 * Nov 24, 2026, 24 November 2026, 2026/11/24, and numeric day/month/year
 * (order as given).  A time of day and a time zone are ignored (the
 * date as written is kept).  Returns 0, or -1 when s is not a date.
 */
int import_date_parse(char *out, const char *s, enum import_date_order order);

/* A slug for campaign names: "Spring Launch 2026!" -> "spring-launch-2026". */
char *import_slug(const char *s);

/* ---- sources --------------------------------------------------------- */

/* One record of a CSV export as csv_read hands it on: first the
 * header (index 0: cells are the header's names, trimmed), then each
 * row with exactly as many cells as the header has names (missing
 * ones are ""; a row with a value past the last column is an error:
 * it would be lost, and empty cells there are ignored).  The cells are the
 * reader's and live until the callback returns; the header's names
 * until csv_read returns. */
struct csv_record {
	const char *const *cells;
	size_t n;
	const char *const *header;
	int line;                 /* the line the record starts on */
	size_t index;             /* 0: the header */
};

/* Returns 0 to go on, or an error code (with an error diag of its own)
 * to stop reading. */
typedef int (*csv_record_fn)(void *arg, const struct csv_record *r);

/*
 * Read a CSV export from in, streamed: in chunks, each record handed
 * to fn as soon as it ends (BOM stripped, LF, CR LF and CR line ends,
 * quoted cells with line breaks kept as LF, ',' or (when the header
 * has no comma) ';' or tab as the delimiter).  Memory does not grow
 * with the number of rows: the input as a whole is not bounded (an
 * export may be large), each record is (LIMIT_CSV_RECORD, named in the
 * error).  digest (may be NULL) gets the SHA-256 of every byte of in.
 * Returns 0, fn's error, or DK_EINVALID with an error diag (invalid
 * UTF-8, a NUL, an unterminated quote, a record over the limit, no
 * header), or DK_EIO (a read error).
 */
int csv_read(uint8_t digest[32], FILE *in, const char *file,
	     struct diag_list *diags, csv_record_fn fn, void *arg);
/* Column index of name in the header (normalised match), or -1. */
long csv_header_col(const struct csv_record *header, const char *name);

/*
 * Fill l from a CSV export (csv_read), one item per row that has a
 * value: each non-empty cell becomes the field named by its column
 * header; repeated headers (Jira's Labels,Labels) collect into a list.
 * check (may be NULL) looks at the header first: it returns 0, or
 * DK_EINVALID with an error diag in l->diags (not this tool's export).
 * Sets l->digest.
 */
int import_read_rows(struct import_list *l, FILE *in, const char *file,
		     int (*check)(struct import_list *l, const char *file,
				  const struct csv_record *header));

/* Each reads a whole export: the CSV ones (csv, jira, asana) stream
 * in (see csv_read), Trello's JSON is given whole in buf (the
 * caller bounds it: LIMIT_JSON_EXPORT).  Return 0, or DK_EINVALID when
 * the input cannot be read at all (an error diag says where). */
int import_read_csv(struct import_list *l, FILE *in, const char *file);
/* import_read_csv, handing each record to fn as soon as its row ends
 * (to map it as read: import_mapper_one). */
int import_read_csv_each(struct import_list *l, FILE *in, const char *file,
			 void (*fn)(void *arg, struct import_item *it),
			 void *arg);
int import_read_jira(struct import_list *l, FILE *in, const char *file);
int import_read_asana(struct import_list *l, FILE *in, const char *file);
int import_read_trello(struct import_list *l, const char *buf, size_t len,
		       const char *file);
/* The same, taking *buf (malloc'ed): it is freed and set NULL as soon
 * as it is parsed, before the records are made. */
int import_read_trello_owned(struct import_list *l, char **buf, size_t len,
			     const char *file);

/* One file of a Backlog.md folder: rel is its path inside the folder
 * ("tasks/task-1 - Title.md", "config.yml"); path is how messages name
 * it.  data is borrowed. */
struct import_file {
	const char *path;
	const char *rel;
	const char *data;
	size_t len;
};

/* Every file of a Backlog.md folder (config.yml, tasks/, completed/,
 * drafts/, archive/...).  Task files become items; front matter that is
 * not valid YAML is recovered (see docs/import.md) and reported; other
 * files are skips that say what they are.  Returns 0, or DK_EINVALID
 * when nothing in files looks like a Backlog.md folder. */
int import_read_backlog_md(struct import_list *l,
			   const struct import_file *files, size_t n);

/* ---- mapping ------------------------------------------------------- */

struct import_map {
	enum import_kind kind;
	int keep_ids;             /* id: keep */
	enum import_date_order dates;
	char *default_status;     /* when the source has no status (or NULL) */
	char *default_type;
	struct import_pair *status, *type, *fields, *set;
	size_t nstatus, ntype, nfields, nset;
	char *file;               /* the --map file, or NULL */
};

/* The tool's defaults. */
void import_map_init(struct import_map *m, enum import_kind kind);
/* Overlay rules (docket.yaml's import:, then a --map file's): what they
 * give overrides what m had. */
void import_map_overlay(struct import_map *m, const struct import_rules *r);
void import_map_release(struct import_map *m);
/* Overlay a mapping file (YAML).  Returns 0, or DK_EINVALID with error
 * diags at the offending line and column.  cfg (may be NULL) is used to
 * accept declared fields as targets. */
int import_map_parse(struct import_map *m, const char *file, const char *data,
		     size_t len, const struct config *cfg,
		     struct diag_list *diags);
/* Map the source field named from (matched normalised) to target,
 * before any --map file (which may override it). */
void import_map_set_field(struct import_map *m, const char *from,
			  const char *target);
/* Where a source field goes: a docket field, or one of the targets
 * "id", "body", "rank", "note", "drop", "resolution", "comments",
 * "attachments", "archived"; NULL when nothing maps it. */
const char *import_map_field(const struct import_map *m, const char *src_key);
/* The docket status / type for a source value, or NULL. */
const char *import_map_status(const struct import_map *m, const char *value);
const char *import_map_type(const struct import_map *m, const char *value);

/* Where the value of field j of it's src went (import_map_apply):
 * "field:NAME" (front matter), "note", "body", "section:NAME" (a block
 * of the body the import manages: comments, attachments), "source"
 * (the record's id), "order" (its rank), or "none:WHY" (not carried:
 * "no mapping", "dropped by the mapping", "not used"); "" when it has
 * no value. */
const char *import_where(const struct import_list *l,
			 const struct import_item *it, size_t j);
/* The name of field j of it's src as it was mapped ("" when out of
 * range). */
const char *import_where_key(const struct import_list *l,
			     const struct import_item *it, size_t j);
/* The index of where in l->wheres (added when new). */
unsigned import_where_intern(struct import_list *l, const char *where);


/* Map every item of l (see the file comment).  Problems (an unknown
 * status, a date or number that does not parse) are warnings in
 * l->diags; the value is kept as a note. */
void import_map_apply(struct import_list *l, const struct import_map *m,
		      const struct config *cfg);

/* The same, one record at a time, as a reader completes each (so that
 * the source fields of every record never pile up: l->forget_sources):
 * import_mapper_one maps it, a record of l; import_mapper_free adds the
 * mapping's warnings to l->diags (after the reader's, as
 * import_map_apply does) and frees the mapper.  m and cfg are borrowed
 * until then. */
struct import_mapper;
struct import_mapper *import_mapper_new(struct import_list *l,
					const struct import_map *m,
					const struct config *cfg);
void import_mapper_one(struct import_mapper *x, struct import_item *it);
void import_mapper_free(struct import_mapper *x);

/* ---- writing (import_write.c) ----------------------------------------- */

/*
 * Give every item a docket id: PREFIX-N from the next number not used
 * by bl's items, ORDER or taken (a callback that says whether a file
 * name is taken, may be NULL), or with `id: keep` the source id when it
 * is a valid id with the backlog's prefix and still free.  Then resolve
 * depends_on and follows from source ids to docket ids (unresolved ones
 * become notes and warnings), and mark the open items that are not
 * ideas as ranked.
 */
void import_assign_ids(struct import_list *l, const struct import_map *m,
		       const struct backlog *bl,
		       int (*taken)(void *arg, const char *id), void *arg);
/* The item file: front matter (fields in the order of docs/reference.md, then
 * others), the body, the managed blocks (sections: "## Comments",
 * "## Attachments"), the import notes, and the Definition of Done from
 * cfg for open items whose body has none.  Each managed block is
 * between "<!-- docket:import NAME -->" and "<!-- /docket:import -->"
 * lines (import_merge_item replaces only their content). */
void import_render_item(struct sbuf *out, const struct import_item *it,
			const struct config *cfg, enum import_kind kind);
/* ORDER after the import: the old text (len may be 0) with the ranked
 * items appended in order under a comment line naming the source. */
void import_render_order(struct sbuf *out, const char *old, size_t len,
			 const struct import_list *l);
/* Number of items import_assign_ids marked ranked. */
size_t import_list_ranked(const struct import_list *l);

/* The value of `source:` for an item: "TOOL ID" ("jira CAMP-2"),
 * malloc'ed; NULL when the record has no source id. */
char *import_source_value(enum import_kind kind, const char *source_id);

/* ---- importing again (import_merge.c) ------------------------------------ */

/*
 * The three-way comparison of one item file on a re-import: base (the
 * file as the import that last wrote it left it, or NULL when unknown),
 * local (as it is now) and theirs (what this import renders).  Fields
 * the source changed and nobody changed here are set surgically; fields
 * changed on both sides keep the local value and are listed in
 * conflicts ("body" for the body outside the import's own blocks); the
 * blocks between "<!-- docket:import NAME -->" and
 * "<!-- /docket:import -->" get theirs' content (a block only theirs
 * has is added, one only local has is removed).
 */
struct import_merge {
	struct sbuf out;          /* the new file */
	int changed;              /* out differs from local */
	char **conflicts;         /* field names */
	size_t nconflicts, aconflicts;
};

/* Returns 0, or DK_EINVALID (a diag says why) when local or theirs does
 * not parse; release m in both cases. */
int import_merge_item(struct import_merge *m, const char *file,
		      const char *base, size_t blen,
		      const char *local, size_t llen,
		      const char *theirs, size_t tlen,
		      const struct config *cfg, struct diag_list *diags);
void import_merge_release(struct import_merge *m);

#endif
