/*
 * libFuzzer harness: docket import's whole pipeline on one input.  The
 * first byte picks the source (CSV, Jira, Asana, Trello JSON, or one
 * Backlog.md task file); the rest is the export.  Every record is
 * mapped, sorted, given an id and rendered, as the command would.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/backlog.h"
#include "core/sbuf.h"
#include "formats/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char config[] =
		"prefix: MKT\ngoals: { pipeline: leads }\ndefinition_of_done: [Done]\n";
	struct backlog bl;
	struct import_map m;
	struct import_list l;
	struct diag_list d = DIAG_LIST_INIT;
	struct sbuf sb = SBUF_INIT;
	const char *buf = (const char *)data + 1;
	size_t len = size ? size - 1 : 0;
	enum import_kind kind;
	int rc;

	if (!size)
		return 0;
	kind = (enum import_kind)(data[0] % 5);
	backlog_init(&bl);
	config_parse(&bl.config, "docket.yaml", config, sizeof(config) - 1, &d);
	import_map_init(&m, kind);
	import_list_init(&l, kind);
	switch (kind) {
	case IMPORT_JIRA:
	case IMPORT_ASANA:
	case IMPORT_CSV: {
		/* the CSV sources read a stream, as from the file */
		FILE *in = fmemopen((void *)buf, len, "r");

		if (!in) {
			rc = -1;
			break;
		}
		rc = kind == IMPORT_JIRA ? import_read_jira(&l, in, "in") :
		     kind == IMPORT_ASANA ? import_read_asana(&l, in, "in") :
		     import_read_csv(&l, in, "in");
		fclose(in);
		break;
	}
	case IMPORT_TRELLO: rc = import_read_trello(&l, buf, len, "in"); break;
	case IMPORT_BACKLOG_MD: {
		struct import_file f = { "in/tasks/task-1 - x.md", "tasks/task-1 - x.md", buf, len };

		rc = import_read_backlog_md(&l, &f, 1);
		break;
	}
	default: rc = -1; break;
	}
	if (rc == 0) {
		import_map_apply(&l, &m, &bl.config);
		import_list_sort(&l);
		import_assign_ids(&l, &m, &bl, NULL, NULL);
		for (size_t i = 0; i < l.n; i++) {
			sbuf_reset(&sb);
			import_render_item(&sb, l.items[i], &bl.config, kind);
		}
		sbuf_reset(&sb);
		import_render_order(&sb, "", 0, &l);
	}
	sbuf_release(&sb);
	import_list_release(&l);
	import_map_release(&m);
	backlog_release(&bl);
	diag_list_release(&d);
	return 0;
}
