/* libFuzzer harness: docket.yaml. */
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	struct diag_list d = DIAG_LIST_INIT;

	config_parse(&c, "docket.yaml", (const char *)data, size, &d);
	config_release(&c);
	diag_list_release(&d);
	return 0;
}
