/*
 * writes_int: what the writes of docket serve share (internal to
 * server/writes_cli.c and server/run_docket.c; see server/writes.h).
 *
 * A write runs this docket program as the matching command
 * (run_docket): its exit status, standard output and standard error
 * come back in a struct run, which take_messages reads into a struct
 * write_result: findings "path:line:col: severity: message [rule]"
 * (their field found from the line), "docket: error: ..." the error,
 * the closing "SUMMARY [commit]" the outcome.
 *
 * Ownership: a struct run owns its buffers (run_release).
 */
#ifndef DOCKET_SERVER_WRITES_INT_H
#define DOCKET_SERVER_WRITES_INT_H

#include "core/item.h"
#include "core/sbuf.h"
#include "server/writes.h"

struct run {
	int status;               /* exit status; -1: did not run */
	struct sbuf out, err;
};

/* Set the outcome and the error message of r. */
void set_error(struct write_result *r, enum write_outcome o, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Run docket ARGS... in the backlog's folder as who, with input on its
 * standard input (may be NULL) and the variables of extra ("K=V",
 * NULL-ended; may be NULL) added to its environment. */
void run_docket(struct server *s, const struct write_as *who,
		const char *const *args, const char *input, size_t inlen,
		const char *const *extra, struct run *r);
void run_release(struct run *r);
/* The front-matter key whose lines hold line of it, or NULL. */
const char *key_at_line(const struct item *it, int line);
/* Read the command's messages into r (it: the item written, for the
 * fields of findings; may be NULL). */
void take_messages(struct write_result *r, const struct run *run,
		   const struct item *it);
/* Run the command and fill r from its exit status and messages. */
void write_run(struct server *s, const struct write_as *who,
	       const char *const *args, const char *const *extra,
	       const struct item *it, struct write_result *r);

#endif
