/* libFuzzer harness: the front matter reader and the item model. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/item.h"
#include "core/xalloc.h"
#include "formats/json.h"
#include "formats/listing.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fm_opts o = FM_OPTS_INIT;
	struct item *it = item_new("fuzz.md", xmemdup0(data, size), size, &o);
	struct sbuf sb = SBUF_INIT;

	if (it->parsed) {
		const char *title = it->title ? xstrdup(it->title) : NULL;
		const char *id = it->id ? xstrdup(it->id) : NULL;

		listing_item_json(&sb, it, NULL);
		/* a lean item keeps the same resolved fields */
		item_lean(it);
		if ((!title) != (!it->title) || (title && strcmp(title, it->title)) ||
		    (!id) != (!it->id) || (id && strcmp(id, it->id)) ||
		    it->data || it->fm.root)
			__builtin_trap();
		free((char *)title);
		free((char *)id);
	}
	for (size_t i = 0; i < it->diags.n; i++)
		if (it->diags.v[i].line < 0 || it->diags.v[i].column < 0)
			__builtin_trap();
	sbuf_release(&sb);
	item_free(it);
	return 0;
}
