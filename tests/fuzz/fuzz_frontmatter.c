/*
 * libFuzzer harness: the front matter reader and the item model; and
 * (issue 13: the alias-size case) the same input read again with a
 * small alias budget, which the tree it gives must keep to: its text is
 * at most what the input holds (escapes can grow a character to at
 * most twice its bytes) plus what the budget allows aliases to add.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/fm.h"
#include "core/item.h"
#include "core/xalloc.h"
#include "formats/json.h"
#include "formats/listing.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t
text_bytes(const struct ynode *n)
{
	size_t t = n->text ? n->len : 0;

	for (size_t i = 0; i < n->nkids; i++)
		t += text_bytes(n->kids[i]);
	return t;
}

static void
check_alias_budget(const uint8_t *data, size_t size)
{
	struct fm_opts o = FM_OPTS_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	struct fm fm;

	o.yaml.max_alias_bytes = 4096;
	if (fm_parse(&fm, (const char *)data, size, &o, "fuzz.md", &d) == 0 &&
	    text_bytes(fm.root) > 2 * size + o.yaml.max_alias_bytes)
		__builtin_trap();
	fm_release(&fm);
	diag_list_release(&d);
}

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
	check_alias_budget(data, size);
	return 0;
}
