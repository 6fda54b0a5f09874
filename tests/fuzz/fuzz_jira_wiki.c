/* libFuzzer harness: Jira wiki markup to Markdown (formats/jira_wiki.h).
 * Besides the sanitizers: the output is at most a constant times the
 * input (the converter's bound), and every letter x of the input
 * outside braces comes out (no text is dropped; what is between { and }
 * may be a tag's parameters, such as a colour, which go). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"
#include "formats/jira_wiki.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sbuf out = SBUF_INIT;
	size_t xin = 0, xout = 0;

	jira_wiki_to_markdown(&out, (const char *)data, size);
	if (out.len > 8 * size + 64)
		abort();
	for (size_t i = 0; i < size; i++) {
		if (data[i] == '{') {
			while (i < size && data[i] != '}')
				i++;
			continue;
		}
		xin += data[i] == 'x';
	}
	for (size_t i = 0; i < out.len; i++)
		xout += out.buf[i] == 'x';
	if (xout < xin)
		abort();
	sbuf_release(&out);
	return 0;
}
