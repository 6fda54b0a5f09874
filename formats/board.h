/*
 * board: `docket huddle` output: a struct huddle (core/huddle.h) as
 * text.  On a terminal of at least 60 columns the four columns stand
 * side by side, each card two lines (id, effort, days in status; the
 * title cut to the column); otherwise (piped, or narrow) the columns
 * are sections of a plain list, one card a line, titles whole when
 * piped.  Both start with the cycle's header, the blocked items with
 * their reasons, and the items at risk with theirs.
 *
 * Every text from files goes through core/text.h's escaping; colour
 * (ANSI) only when opts.color.  Renders into a caller-owned sbuf and
 * borrows the huddle.
 */
#ifndef DOCKET_BOARD_H
#define DOCKET_BOARD_H

#include <stddef.h>

#include "core/huddle.h"
#include "core/sbuf.h"
#include "formats/format.h"

struct board_opts {
	size_t width;     /* terminal width; 0 when not a terminal */
	int color;
};

void board_render(struct sbuf *out, const struct huddle *h,
		  const struct board_opts *o);
/* The board as one JSON object: the cycle, WIP, pace and at-risk
 * figures, and every card with its column, days in status, effort,
 * remaining effort, how it came into the cycle and its risk reasons. */
void board_json(struct sbuf *out, const struct huddle *h,
		const struct board_opts *o);

/* `docket huddle --format` (formats/format.h): text (the board), json. */
struct board_format {
	struct format f;
	void (*render)(struct sbuf *out, const struct huddle *h,
		       const struct board_opts *o);
};
extern const struct format_table board_formats;
/* The reasons of a card's risk bits, "; "-separated. */
void board_risk_text(struct sbuf *out, const struct huddle *h,
		     const struct huddle_card *c);

#endif
