/* libFuzzer harness: ORDER parse and render round trip. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/order.h"
#include "core/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct order o;
	struct diag_list d = DIAG_LIST_INIT;
	struct sbuf sb = SBUF_INIT;

	if (order_parse(&o, "ORDER", (const char *)data, size, &d) == 0 &&
	    !o.conflict_line) {
		order_render(&o, &sb);
		/* rendering a parsed ORDER gives back the same bytes */
		if (sb.len != size || memcmp(sb.buf, data, size))
			if (memchr(data, '\r', size) == NULL)
				__builtin_trap();
	}
	/* the one-item scan agrees with the parse (on text order_parse
	 * keeps lines of); only the first ids, to stay linear */
	{
		int l, c;
		size_t checked = 0;

		if (!utf8_check((const char *)data, size, &l, &c) &&
		    !memchr(data, '\0', size))
			for (size_t i = 0; i < o.nlines && checked < 32; i++) {
				const char *id = o.lines[i].id;

				if (!id)
					continue;
				checked++;
				if (order_scan_rank((const char *)data, size, id) !=
				    order_rank(&o, id))
					__builtin_trap();
			}
	}
	sbuf_release(&sb);
	order_release(&o);
	diag_list_release(&d);
	return 0;
}
