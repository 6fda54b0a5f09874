/*
 * import_map.c: the import mapping: each tool's default tables, the
 * --map file that overlays them (docs/import.md), and the lookups.
 *
 * Every source name is matched normalised (import_norm: case, spaces,
 * punctuation ignored), so "Won't Do", "wont do" and "WON'T-DO" are one
 * status, and Jira's "Custom field (Story Points)" is also tried as
 * "Story Points".  A lookup tries the --map file, then the tool's table,
 * then the generic table.
 */
#include "formats/import.h"

#include <stdlib.h>
#include <string.h>

#include "core/item.h"
#include "core/schema.h"
#include "core/xalloc.h"
#include "core/ynode.h"

struct def {
	const char *from;         /* normalised */
	const char *to;
};

/* ---- default tables ------------------------------------------------ */

static const struct def generic_status[] = {
	{ "idea", "idea" }, { "ideas", "idea" }, { "backlog", "idea" },
	{ "draft", "idea" }, { "drafts", "idea" }, { "icebox", "idea" },
	{ "someday", "idea" }, { "inbox", "idea" }, { "intake", "idea" },
	{ "no section", "idea" }, { "untitled section", "idea" },
	{ "proposed", "idea" }, { "parking lot", "idea" },
	{ "to do", "ready" }, { "todo", "ready" }, { "open", "ready" },
	{ "ready", "ready" }, { "selected for development", "ready" },
	{ "new", "ready" }, { "not started", "ready" }, { "reopened", "ready" },
	{ "up next", "ready" }, { "next", "ready" }, { "ready for work", "ready" },
	{ "planned", "planned" }, { "scheduled", "planned" },
	{ "this sprint", "planned" }, { "this week", "planned" },
	{ "committed", "planned" },
	{ "in progress", "doing" }, { "doing", "doing" }, { "started", "doing" },
	{ "in review", "doing" }, { "review", "doing" }, { "code review", "doing" },
	{ "in qa", "doing" }, { "qa", "doing" }, { "testing", "doing" },
	{ "in development", "doing" }, { "active", "doing" },
	{ "working on it", "doing" }, { "in approval", "doing" },
	{ "ready for review", "doing" }, { "ready for qa", "doing" },
	{ "ready to merge", "doing" }, { "ready for test", "doing" },
	{ "blocked", "blocked" }, { "on hold", "blocked" }, { "waiting", "blocked" },
	{ "impeded", "blocked" },
	{ "done", "done" }, { "closed", "done" }, { "resolved", "done" },
	{ "complete", "done" }, { "completed", "done" }, { "released", "done" },
	{ "shipped", "done" }, { "published", "done" }, { "live", "done" },
	{ "finished", "done" }, { "accepted", "done" }, { "fixed", "done" },
	{ "won t do", "stopped" }, { "wont do", "stopped" },
	{ "won t fix", "stopped" }, { "wontfix", "stopped" },
	{ "cancelled", "stopped" }, { "canceled", "stopped" },
	{ "rejected", "stopped" }, { "abandoned", "stopped" },
	{ "declined", "stopped" }, { "duplicate", "stopped" },
	{ "obsolete", "stopped" }, { "archived", "stopped" },
	{ "dropped", "stopped" }, { "cannot reproduce", "stopped" },
	{ "incomplete", "stopped" }, { "stopped", "stopped" },
	/* German (accents removed, as import_norm leaves them) */
	{ "idee", "idea" }, { "ideen", "idea" }, { "entwurf", "idea" },
	{ "entwurfe", "idea" }, { "eingang", "idea" }, { "spater", "idea" },
	{ "zu erledigen", "ready" }, { "offen", "ready" }, { "bereit", "ready" },
	{ "neu", "ready" }, { "als nachstes", "ready" },
	{ "geplant", "planned" }, { "eingeplant", "planned" },
	{ "in bearbeitung", "doing" }, { "in arbeit", "doing" },
	{ "in prufung", "doing" }, { "in uberprufung", "doing" },
	{ "test", "doing" }, { "blockiert", "blocked" }, { "wartend", "blocked" },
	{ "warten", "blocked" }, { "pausiert", "blocked" },
	{ "erledigt", "done" }, { "fertig", "done" }, { "abgeschlossen", "done" },
	{ "geschlossen", "done" }, { "veroffentlicht", "done" },
	{ "geliefert", "done" }, { "abgebrochen", "stopped" },
	{ "verworfen", "stopped" }, { "abgelehnt", "stopped" },
	{ "storniert", "stopped" }, { "archiviert", "stopped" },
	/* French */
	{ "idees", "idea" }, { "brouillon", "idea" }, { "brouillons", "idea" },
	{ "a faire", "ready" }, { "ouvert", "ready" }, { "pret", "ready" },
	{ "nouveau", "ready" }, { "a venir", "ready" },
	{ "planifie", "planned" }, { "prevu", "planned" },
	{ "en cours", "doing" }, { "en revue", "doing" }, { "en test", "doing" },
	{ "en validation", "doing" }, { "bloque", "blocked" },
	{ "en attente", "blocked" }, { "termine", "done" }, { "fait", "done" },
	{ "ferme", "done" }, { "livre", "done" }, { "publie", "done" },
	{ "annule", "stopped" }, { "abandonne", "stopped" },
	{ "rejete", "stopped" }, { "archive", "stopped" },
	/* Spanish */
	{ "borrador", "idea" }, { "borradores", "idea" },
	{ "por hacer", "ready" }, { "pendiente", "ready" }, { "abierto", "ready" },
	{ "listo para empezar", "ready" }, { "nuevo", "ready" },
	{ "planificado", "planned" }, { "programado", "planned" },
	{ "en progreso", "doing" }, { "en curso", "doing" },
	{ "haciendo", "doing" }, { "en revision", "doing" },
	{ "en pruebas", "doing" }, { "bloqueado", "blocked" },
	{ "en espera", "blocked" }, { "hecho", "done" }, { "terminado", "done" },
	{ "completado", "done" }, { "cerrado", "done" }, { "finalizado", "done" },
	{ "publicado", "done" }, { "listo", "done" }, { "cancelado", "stopped" },
	{ "rechazado", "stopped" }, { "descartado", "stopped" },
	{ "archivado", "stopped" },
	{ NULL, NULL },
};

static const struct def generic_type[] = {
	{ "experiment", "experiment" }, { "a b test", "experiment" },
	{ "test", "experiment" }, { "hypothesis", "experiment" },
	{ "bau", "bau" }, { "business as usual", "bau" }, { "task", "bau" },
	{ "bug", "bau" }, { "sub task", "bau" }, { "subtask", "bau" },
	{ "chore", "bau" }, { "maintenance", "bau" }, { "support", "bau" },
	{ "improvement", "improvement" }, { "team improvement", "improvement" },
	{ "process improvement", "improvement" }, { "retro action", "improvement" },
	{ NULL, NULL },
};

static const struct def generic_fields[] = {
	{ "id", "id" }, { "key", "id" }, { "issue key", "id" }, { "task id", "id" },
	{ "item id", "id" },
	{ "title", "title" }, { "name", "title" }, { "summary", "title" },
	{ "task", "title" }, { "task name", "title" },
	{ "description", "body" }, { "body", "body" }, { "notes", "body" },
	{ "details", "body" }, { "desc", "body" },
	{ "status", "status" }, { "state", "status" }, { "stage", "status" },
	{ "column", "status" }, { "list", "status" }, { "section", "status" },
	{ "section column", "status" },
	{ "type", "type" }, { "issue type", "type" }, { "kind", "type" },
	{ "item type", "type" },
	{ "tags", "tags" }, { "labels", "tags" }, { "label", "tags" },
	{ "tag", "tags" },
	{ "effort", "effort" }, { "estimate", "effort" },
	{ "story points", "effort" }, { "story point estimate", "effort" },
	{ "points", "effort" }, { "size", "effort" },
	{ "depends on", "depends_on" }, { "dependencies", "depends_on" },
	{ "blocked by", "depends_on" },
	{ "rank", "rank" }, { "order", "rank" }, { "position", "rank" },
	{ "ordinal", "rank" },
	{ "created", "created" }, { "created at", "created" },
	{ "created date", "created" }, { "date created", "created" },
	{ "created on", "created" },
	{ "started", "started" }, { "started at", "started" },
	{ "finished", "finished" }, { "completed at", "finished" },
	{ "completed date", "finished" }, { "resolved", "finished" },
	{ "done at", "finished" },
	{ "resolution", "resolution" },
	{ "requested by", "requested_by" }, { "reporter", "requested_by" },
	{ "requester", "requested_by" },
	{ "assignee", "note" }, { "assignees", "note" }, { "assigned to", "note" },
	{ "owner", "note" }, { "priority", "note" }, { "due", "due" },
	{ "due date", "due" }, { "deadline", "due" }, { "sprint", "note" },
	{ NULL, NULL },
};

static const struct def jira_fields[] = {
	{ "issue key", "id" }, { "summary", "title" }, { "description", "body" },
	{ "status", "status" }, { "issue type", "type" }, { "labels", "tags" },
	{ "created", "created" }, { "resolved", "finished" },
	{ "resolution", "resolution" }, { "reporter", "requested_by" },
	{ "assignee", "note" }, { "priority", "note" }, { "rank", "rank" },
	{ "story points", "effort" }, { "story point estimate", "effort" },
	{ "due date", "due" }, { "sprint", "cycle" }, { "component s", "note" },
	{ "components", "note" }, { "fix version s", "note" },
	{ "fix versions", "note" }, { "comment", "comments" },
	{ "attachment", "attachments" },
	{ "inward issue link blocks", "depends_on" },
	/* made by the Jira reader from Epic Link / Parent */
	{ "campaign", "campaign" }, { "parent issue", "note" },
	/* read by the Jira reader, or noise of every export */
	{ "issue id", "drop" }, { "parent", "drop" }, { "parent id", "drop" },
	{ "parent summary", "drop" }, { "epic link", "drop" },
	{ "epic name", "drop" }, { "epic link summary", "drop" },
	{ "epic status", "drop" }, { "epic color", "drop" },
	{ "updated", "drop" }, { "last viewed", "drop" },
	{ "project key", "drop" }, { "project name", "drop" },
	{ "project type", "drop" }, { "project lead", "drop" },
	{ "project lead id", "drop" }, { "project description", "drop" },
	{ "project url", "drop" }, { "watchers", "drop" }, { "watchers id", "drop" },
	{ "votes", "drop" }, { "status category", "drop" },
	{ "status category changed", "drop" }, { "creator", "drop" },
	{ "creator id", "drop" }, { "assignee id", "drop" },
	{ "reporter id", "drop" }, { "outward issue link blocks", "drop" },
	{ NULL, NULL },
};

static const struct def trello_fields[] = {
	{ "name", "title" }, { "desc", "body" }, { "list", "status" },
	{ "labels", "tags" }, { "members", "note" }, { "due", "due" },
	{ "card id", "id" }, { "card", "note" }, { "created", "created" }, { "last activity", "finished" },
	{ "checklists", "body" }, { "comments", "comments" },
	{ "attachments", "attachments" },
	{ "comments not in the export", "note" }, { "closed", "archived" },
	{ "url", "drop" },
	{ NULL, NULL },
};

static const struct def asana_fields[] = {
	{ "task id", "id" }, { "name", "title" }, { "notes", "body" },
	{ "section column", "status" }, { "tags", "tags" },
	/* a custom field (On track, At risk...): the section is the status */
	{ "status", "note" },
	{ "created at", "created" }, { "completed at", "finished" },
	{ "assignee", "note" }, { "assignee email", "drop" },
	/* a planned start, not the day work started (docket's started,
	 * which start and unblock rely on): a note */
	{ "due date", "due" }, { "start date", "note" },
	{ "parent task", "note" }, { "projects", "note" },
	{ "blocked by dependencies", "depends_on" },
	{ "blocking dependencies", "drop" }, { "last modified", "drop" },
	{ NULL, NULL },
};

static const struct def backlog_md_fields[] = {
	{ "id", "id" }, { "title", "title" }, { "status", "status" },
	{ "labels", "tags" }, { "created date", "created" },
	{ "dependencies", "depends_on" }, { "ordinal", "rank" },
	{ "priority", "note" }, { "assignee", "note" },
	{ "reporter", "requested_by" }, { "milestone", "campaign" },
	{ "parent task id", "note" }, { "references", "note" },
	{ "documentation", "note" }, { "completed date", "finished" },
	{ "type", "type" }, { "modified files", "drop" },
	{ "updated date", "drop" },
	{ NULL, NULL },
};

static const struct def *const tool_fields[] = {
	[IMPORT_CSV] = NULL,
	[IMPORT_JIRA] = jira_fields,
	[IMPORT_TRELLO] = trello_fields,
	[IMPORT_ASANA] = asana_fields,
	[IMPORT_BACKLOG_MD] = backlog_md_fields,
};

/* Targets that are not docket fields. */
/* ---- lifetime ------------------------------------------------------ */

void
import_map_init(struct import_map *m, enum import_kind kind)
{
	memset(m, 0, sizeof(*m));
	m->kind = kind;
	m->dates = IMPORT_DATE_AUTO;
}

void
import_map_release(struct import_map *m)
{
	import_pairs_free(m->status, m->nstatus);
	import_pairs_free(m->type, m->ntype);
	import_pairs_free(m->fields, m->nfields);
	import_pairs_free(m->set, m->nset);
	free(m->default_status);
	free(m->default_type);
	free(m->file);
	memset(m, 0, sizeof(*m));
}

/* ---- lookups ------------------------------------------------------- */

static const char *
find_pair(const struct import_pair *p, size_t n, const char *norm)
{
	/* the last entry wins, as a later line overrides an earlier one */
	for (size_t i = n; i-- > 0;)
		if (!strcmp(p[i].from, norm))
			return p[i].to;
	return NULL;
}

static const char *
find_def(const struct def *d, const char *norm)
{
	for (; d && d->from; d++)
		if (!strcmp(d->from, norm))
			return d->to;
	return NULL;
}

static const char *
lookup_field(const struct import_map *m, const char *norm)
{
	const char *to;

	if ((to = find_pair(m->fields, m->nfields, norm)))
		return to;
	if ((to = find_def(tool_fields[m->kind], norm)))
		return to;
	if ((to = find_def(generic_fields, norm)))
		return to;
	/* a docket field by name ("customer value", "customer_value") */
	for (size_t i = 0; i < schema_nfields; i++) {
		struct sbuf sb = SBUF_INIT;
		int same;

		import_norm(&sb, schema_fields[i].name);
		same = !strcmp(sb.buf, norm);
		sbuf_release(&sb);
		if (same)
			return schema_fields[i].name;
	}
	return NULL;
}

const char *
import_map_field(const struct import_map *m, const char *src_key)
{
	struct sbuf sb = SBUF_INIT;
	const char *to;

	import_norm(&sb, src_key);
	to = lookup_field(m, sb.buf);
	/* Jira names custom fields "Custom field (Story Points)" */
	if (!to && !strncmp(sb.buf, "custom field ", 13))
		to = lookup_field(m, sb.buf + 13);
	sbuf_release(&sb);
	return to;
}

const char *
import_map_status(const struct import_map *m, const char *value)
{
	struct sbuf sb = SBUF_INIT;
	const char *to;

	import_norm(&sb, value);
	to = find_pair(m->status, m->nstatus, sb.buf);
	if (!to)
		to = find_def(generic_status, sb.buf);
	sbuf_release(&sb);
	return to;
}

const char *
import_map_type(const struct import_map *m, const char *value)
{
	struct sbuf sb = SBUF_INIT;
	const char *to;

	import_norm(&sb, value);
	to = find_pair(m->type, m->ntype, sb.buf);
	if (!to)
		to = find_def(generic_type, sb.buf);
	sbuf_release(&sb);
	return to;
}

/* ---- the mapping file and docket.yaml's import: --------------------- */

static void
pairs_copy(struct import_pair **v, size_t *n, const struct import_pair *src,
	   size_t nsrc)
{
	for (size_t i = 0; i < nsrc; i++)
		import_rules_add(v, n, src[i].from, src[i].to, 0);
}

void
import_map_overlay(struct import_map *m, const struct import_rules *r)
{
	if (!r)
		return;
	if (r->keep_ids >= 0)
		m->keep_ids = r->keep_ids;
	if (r->dates >= 0)
		m->dates = (enum import_date_order)r->dates;
	if (r->default_status) {
		free(m->default_status);
		m->default_status = xstrdup(r->default_status);
	}
	if (r->default_type) {
		free(m->default_type);
		m->default_type = xstrdup(r->default_type);
	}
	/* later pairs win (find_pair searches from the end) */
	pairs_copy(&m->status, &m->nstatus, r->status, r->nstatus);
	pairs_copy(&m->type, &m->ntype, r->type, r->ntype);
	pairs_copy(&m->fields, &m->nfields, r->fields, r->nfields);
	pairs_copy(&m->set, &m->nset, r->set, r->nset);
}

void
import_map_set_field(struct import_map *m, const char *from, const char *target)
{
	import_rules_add(&m->fields, &m->nfields, from, target, 1);
}

int
import_map_parse(struct import_map *m, const char *file, const char *data,
		 size_t len, const struct config *cfg, struct diag_list *diags)
{
	struct ynode_opts opts = YNODE_OPTS_INIT;
	struct diag_list err = DIAG_LIST_INIT;
	struct ynode *root = NULL;
	struct import_rules r;
	int rc;

	free(m->file);
	m->file = xstrdup(file);
	if (ynode_parse(&root, data, len, &opts, &err)) {
		diag_list_move_as(diags, &err, "import-map", file);
		return DK_EINVALID;
	}
	if (!root)
		return 0;
	if (root->type != YNODE_MAP) {
		diag_add(diags, SEV_ERROR, "import-map", file, root->line, root->col,
			 "a mapping file is a YAML mapping (status:, type:, fields:, set:, id:, default_status:, default_type:, dates:)");
		ynode_free(root);
		return DK_EINVALID;
	}
	import_rules_init(&r);
	rc = import_rules_parse(&r, root, file, "import-map", cfg, diags);
	if (!rc)
		import_map_overlay(m, &r);
	import_rules_release(&r);
	ynode_free(root);
	return rc;
}
