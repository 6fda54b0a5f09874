/* libFuzzer harness: ORDER parse and render round trip. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/order.h"

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
	sbuf_release(&sb);
	order_release(&o);
	diag_list_release(&d);
	return 0;
}
