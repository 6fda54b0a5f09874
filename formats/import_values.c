/* import_values.c: what the mapping (import_apply.c) does with one
 * value of a record: notes, numbers and booleans as exported, one-line
 * text, the blocks of the body the import manages. */
#include "formats/import_apply_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xalloc.h"

/* A note "Key: text"; the key is shown as a label: "parent_task_id"
 * -> "Parent task id". */
void
import_value_note(struct import_item *it, const char *key, const char *text)
{
	char *k = xstrdup(key);

	for (char *p = k; *p; p++)
		if (*p == '_')
			*p = ' ';
	if (*k >= 'a' && *k <= 'z')
		*k = (char)(*k - 'a' + 'A');
	it->x->notes = xgrow(it->x->notes, &it->x->anotes, it->x->nnotes + 1, sizeof(*it->x->notes));
	it->x->notes[it->x->nnotes++] = xasprintf("%s: %s", k, text);
	free(k);
}

/* Does a source field name say it holds a date ("Due date", "Start
 * Date", "due")? */
static int
datey_key(const char *key)
{
	struct sbuf sb = SBUF_INIT;
	int yes;

	import_norm(&sb, key);
	yes = !strncmp(sb.buf, "due", 3) || strstr(sb.buf, "date") != NULL;
	sbuf_release(&sb);
	return yes;
}

/* A value kept as a note: dates normalised when the field is a date;
 * a list of long or multi-line values (Jira's comments) one note per
 * value, a list of short ones joined with ", ". */
void
import_value_noted(struct import_item *it, const char *key, const struct ival *v)
{
	struct sbuf sb = SBUF_INIT;
	int split = 0;
	char ymd[11];

	if (v->type == IVAL_LIST)
		for (size_t i = 0; i < v->n; i++)
			if (strchr(v->list[i], '\n') || strlen(v->list[i]) > 40)
				split = 1;
	if (split) {
		for (size_t i = 0; i < v->n; i++)
			if (*v->list[i])
				import_value_note(it, key, v->list[i]);
		return;
	}
	ival_text(&sb, v);
	if (v->type == IVAL_STR && datey_key(key) &&
	    import_date_parse(ymd, sb.buf, IMPORT_DATE_AUTO) == 0) {
		sbuf_reset(&sb);
		sbuf_adds(&sb, ymd);
	}
	if (sb.len)
		import_value_note(it, key, sb.buf);
	sbuf_release(&sb);
}

/* One line of text: every run of blanks and line breaks is one space. */
char *
import_value_line(const struct ival *v)
{
	struct sbuf raw = SBUF_INIT, sb = SBUF_INIT;
	int space = 0;

	ival_text(&raw, v);
	for (size_t i = 0; i < raw.len; i++) {
		char c = raw.buf[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = 1;
			continue;
		}
		if (space && sb.len)
			sbuf_addc(&sb, ' ');
		space = 0;
		sbuf_addc(&sb, c);
	}
	sbuf_release(&raw);
	return sbuf_detach(&sb, NULL);
}

/* A number as exported: "3", "2.5", "2,5", "1e3"; decimal only (strtod
 * alone would read "0x1F" as 31 and "inf" as a number). */
int
import_value_number(const char *s, double *out)
{
	char *t, *end, *comma;
	int rc;

	if (s[strspn(s, "0123456789+-.,eE ")])
		return -1;
	t = xstrdup(s);
	comma = strchr(t, ',');
	if (comma && !strchr(t, '.') && !strchr(comma + 1, ','))
		*comma = '.';
	*out = strtod(t, &end);
	while (*end == ' ')
		end++;
	rc = (end == t || *end || !isfinite(*out)) ? -1 : 0;
	free(t);
	return rc;
}

int
import_value_bool(const char *s, int *out)
{
	static const char *const yes[] = { "true", "yes", "y", "1", "x", "on", NULL };
	static const char *const no[] = { "false", "no", "n", "0", "off", "", NULL };

	for (size_t i = 0; yes[i]; i++)
		if (!strcasecmp(s, yes[i]))
			return *out = 1, 0;
	for (size_t i = 0; no[i]; i++)
		if (!strcasecmp(s, no[i]))
			return *out = 0, 0;
	return -1;
}

/* One entry of a managed block: "- " and the text, its further lines
 * indented so that they stay inside the list item (and no line of it
 * can be the block's closing marker). */
static void
add_entry(struct sbuf *sb, const char *s)
{
	const char *e = s + strlen(s);

	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		e--;
	if (e == s)
		return;
	sbuf_adds(sb, "\n- ");
	for (; s < e; s++) {
		if (*s == '\r')
			continue;
		sbuf_addc(sb, *s);
		if (*s == '\n' && s + 1 < e && s[1] != '\n' && s[1] != '\r')
			sbuf_adds(sb, "  ");
	}
}

/* Values into the managed block name ("comments": "## Comments"), one
 * list entry per value. */
void
import_value_section(struct import_item *it, const char *name, const struct ival *v)
{
	struct import_section *sec = NULL;
	struct sbuf sb = SBUF_INIT;
	size_t head;

	for (size_t i = 0; i < it->x->nsections; i++)
		if (!strcmp(it->x->sections[i].name, name))
			sec = &it->x->sections[i];
	if (sec) {
		sbuf_adds(&sb, sec->text);
	} else {
		sbuf_addf(&sb, "## %s\n", !strcmp(name, "comments") ? "Comments" : "Attachments");
	}
	head = sb.len;
	if (v->type == IVAL_LIST) {
		for (size_t i = 0; i < v->n; i++)
			add_entry(&sb, v->list[i]);
	} else {
		struct sbuf t = SBUF_INIT;

		ival_text(&t, v);
		add_entry(&sb, t.buf ? t.buf : "");
		sbuf_release(&t);
	}
	if (!sec) {
		if (sb.len == head) {          /* nothing in it */
			sbuf_release(&sb);
			return;
		}
		it->x->sections = xgrow(it->x->sections, &it->x->asections, it->x->nsections + 1,
				     sizeof(*it->x->sections));
		sec = &it->x->sections[it->x->nsections++];
		sec->name = xstrdup(name);
		sec->text = NULL;
	}
	free(sec->text);
	sec->text = sbuf_detach(&sb, NULL);
}
