/* libFuzzer harness: --where expressions, matched against one item. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/item.h"
#include "core/query.h"
#include "core/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char item_text[] =
	"---\nid: MKT-1\ntitle: A\nstatus: ready\neffort: 3\ntags: [a, b]\n"
	"created: 2026-11-01\n---\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fm_opts o = FM_OPTS_INIT;
	struct item *it = item_new("MKT-1.md", xstrdup(item_text),
				   sizeof(item_text) - 1, &o);
	char *expr = xmemdup0(data, size);
	struct query *q = NULL;
	struct diag_list err = DIAG_LIST_INIT;

	if (query_parse(&q, expr, &err) == 0)
		query_match(q, it);
	diag_list_release(&err);
	query_free(q);
	free(expr);
	item_free(it);
	return 0;
}
