/*
 * writes: the server's calls into docket's write path (see
 * server/server.h): each one takes what a form sends, checks the
 * versions it carries under the lock, runs the same code as the
 * matching command (its validation, its messages, its commit text) and
 * reports the outcome for a page or a JSON answer.  Nothing here prints.
 *
 * Each write is one commit (or, with --no-commit or `commit: false`,
 * the files written).  The person of a token-file session is the
 * commit's author and committer.
 *
 * Ownership: a struct write_result owns its strings and findings;
 * write_result_release frees them.
 */
#ifndef DOCKET_SERVER_WRITES_H
#define DOCKET_SERVER_WRITES_H

#include <stddef.h>

#include "server/server_int.h"

enum write_outcome {
	WRITE_DONE,            /* committed (or written) */
	WRITE_UNCHANGED,       /* nothing to change */
	WRITE_CONFLICT,        /* a version differs: nothing written (409) */
	WRITE_REFUSED,         /* a rule or a check refused it (422) */
	WRITE_BAD,             /* the form is wrong (400) */
	WRITE_NOT_FOUND,       /* no such item (404) */
	WRITE_FAILED,          /* I/O, the lock, a hook (500 / 409 / 423) */
};

struct write_change {
	char *field;
	char *from, *to;       /* NULL: absent */
};

/* A finding that refused (an error) or came with (a warning) a write,
 * in check's words; field: the front-matter key it is about, or NULL. */
struct write_finding {
	char *field, *rule, *message;
	int error;
};

struct write_result {
	enum write_outcome outcome;
	char commit[16];       /* short id of the commit made, or "" */
	char *summary;         /* "Rank MKT-3 #4 → #2 (above MKT-1)" */
	char *error;           /* what refused it, as the command says it */
	char *new_id;          /* new, followup: the id made */
	struct write_finding *findings;
	size_t nfindings;
	/* a conflict: what changed, and the current version */
	struct write_change *changes;
	size_t nchanges;
	char version[41];
	int over_wip;          /* refused over the WIP limit: may override */
};

void write_result_init(struct write_result *r);
void write_result_release(struct write_result *r);
void write_result_change(struct write_result *r, const char *field,
			 const char *from, const char *to);
void write_result_finding(struct write_result *r, int error, const char *field,
			  const char *rule, const char *message);

/* The person a session commits as (NULL: git's identity). */
struct write_as {
	const char *name, *email;
};

/* new: title, type, description (body), fields "KEY=VALUE". */
void write_new(struct server *s, const struct write_as *who, const char *title,
	       const char *type, const char *body, const char *const *sets,
	       size_t nsets, const char *follows, struct write_result *r);
/* set: fields "KEY=VALUE" ("KEY=" removes) of item id at version;
 * predicted (may be NULL): the file set will leave, refused before
 * anything is written when check finds an error in it that it does not
 * find now. */
void write_set(struct server *s, const struct write_as *who, const char *id,
	       const char *version, const char *const *pairs, size_t n,
	       const char *predicted, size_t plen, struct write_result *r);
/* edit: the item's file becomes data (as an editor would save it);
 * refused before anything is written when check finds an error in data
 * that it does not find now. */
void write_edit(struct server *s, const struct write_as *who, const char *id,
		const char *version, const char *data, size_t len,
		struct write_result *r);
/* A status change: "doing" (start), "unblock" (back to the status
 * before block), "blocked" (reason), "done" (result, actual), "stopped"
 * (reason, result), or a plain status (idea, ready, planned); over_wip:
 * past the WIP limit, which the rule allows with --over-wip. */
struct write_status {
	const char *to;
	const char *reason, *result, *actual;
	int over_wip;
};
void write_status(struct server *s, const struct write_as *who, const char *id,
		  const char *version, const struct write_status *w,
		  struct write_result *r);
/* move id to the top, the bottom, or above/below ref (where: "top",
 * "bottom", "above", "below"); order: the version of ORDER the page was
 * made from: refused only when id or ref moved since. */
void write_move(struct server *s, const struct write_as *who, const char *id,
		const char *where, const char *ref, const char *order,
		struct write_result *r);
/* Tick (or untick) Definition-of-Done box number box (1-based). */
void write_tick(struct server *s, const struct write_as *who, const char *id,
		const char *version, long box, int checked,
		struct write_result *r);
/* plan --apply: versions is "ID=blob ... cycle=blob" as the page showed
 * the plan (page_plan_versions). */
void write_plan(struct server *s, const struct write_as *who, const char *name,
		const char *start, const char *capacity, const char *versions,
		struct write_result *r);

#endif
