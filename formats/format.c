/* format.c: walking a command's format table (see format.h). */
#include "formats/format.h"

#include <string.h>

const struct format *
format_at(const struct format_table *t, size_t i)
{
	const char *p = (const char *)t->first;

	for (size_t k = 0;; k++, p += t->stride) {
		const struct format *f = (const struct format *)(const void *)p;

		if (!f->name)
			return NULL;
		if (k == i)
			return f;
	}
}

const struct format *
format_find(const struct format_table *t, const char *name)
{
	const struct format *f;

	for (size_t i = 0; (f = format_at(t, i)); i++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}
