/*
 * Shared by the import unit tests (test_import.c, test_import_trello.c,
 * test_import_jira_parents.c):
 * a fixture holding a backlog with its configuration, the source kind's
 * mapping and an empty import list, as `docket import` starts.
 *
 * Include after cmocka.h.  Everything here is static: each test binary
 * gets its own copy.  fx_release frees what fx_init made.
 */
#ifndef TEST_IMPORT_FIXTURE_H
#define TEST_IMPORT_FIXTURE_H

#include <string.h>

#include "core/backlog.h"
#include "core/config.h"
#include "core/diag.h"
#include "formats/import.h"

struct fixture {
	struct backlog bl;
	struct import_map map;
	struct import_list l;
};

/* A backlog configured by config (docket.yaml's text), kind's defaults. */
static void
fx_init(struct fixture *fx, enum import_kind kind, const char *config)
{
	struct diag_list d = DIAG_LIST_INIT;

	backlog_init(&fx->bl);
	assert_int_equal(config_parse(&fx->bl.config, "docket.yaml", config,
				      strlen(config), &d), 0);
	diag_list_release(&d);
	import_map_init(&fx->map, kind);
	import_list_init(&fx->l, kind);
}

static void
fx_release(struct fixture *fx)
{
	import_list_release(&fx->l);
	import_map_release(&fx->map);
	backlog_release(&fx->bl);
}

/* Whether the record has the import note text, exactly (inline: not
 * every test uses it). */
static inline int
has_note(const struct import_item *it, const char *text)
{
	for (size_t i = 0; i < it->x->nnotes; i++)
		if (!strcmp(it->x->notes[i], text))
			return 1;
	return 0;
}

#endif
