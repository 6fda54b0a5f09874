/*
 * transition.c: status transitions as front-matter edits (see
 * transition.h).
 */
#include "core/transition.h"

#include <stdio.h>
#include <string.h>

#include "core/check.h"
#include "core/date.h"
#include "core/diag.h"
#include "core/dod.h"
#include "core/sbuf.h"
#include "core/utf8.h"
#include "core/ynode.h"

static void
op(struct transition *t, const char *key, const char *value,
   enum edit_type type, int remove)
{
	struct edit_op *o = &t->ops[t->nops++];

	o->key = key;
	o->value = value;
	o->type = type;
	o->remove = remove;
}

/* A non-empty scalar value of key in the item, or NULL. */
/* dod_waived's value: "BOX; BOX. Reason: R" (the open boxes). */
static void
waived_text(struct transition *t, const struct item *it, const char *reason)
{
	struct dod_list l = { NULL, 0 };
	struct sbuf sb = SBUF_INIT;
	size_t n = 0, cap = sizeof(t->waived) - 1;

	dod_scan(&l, it->data, it->len, it->fm.body_off, it->fm.body_line);
	for (size_t i = 0; i < l.n; i++) {
		if (l.v[i].checked)
			continue;
		sbuf_addf(&sb, "%s%.*s", n++ ? "; " : "", (int)l.v[i].len,
			  l.v[i].text);
	}
	dod_list_release(&l);
	if (sb.len > cap / 2)
		sbuf_setlen(&sb, utf8_floor(sb.buf, sb.len, cap / 2));
	sbuf_addf(&sb, ". Reason: %s", reason);
	for (size_t i = 0; i < sb.len; i++)
		if (sb.buf[i] == '\n' || sb.buf[i] == '\r')
			sb.buf[i] = ' ';
	snprintf(t->waived, sizeof(t->waived), "%.*s",
		 (int)utf8_floor(sb.buf, sb.len, cap), sb.buf);
	sbuf_release(&sb);
}

static const char *
present(const struct item *it, const char *key)
{
	const struct ynode *n = item_get(it, key);

	if (!n || n->type != YNODE_SCALAR || ynode_kind(n) == YKIND_NULL || !n->len)
		return NULL;
	return n->text;
}

static int
valid_result(const char *r)
{
	return r && (!strcmp(r, "won") || !strcmp(r, "lost") ||
		     !strcmp(r, "inconclusive"));
}

int
transition_plan(struct transition *t, const struct item *it,
		enum item_status to, const struct transition_opts *o,
		struct diag_list *errs)
{
	static const struct transition_opts none;
	enum item_status from = it->status;
	int same;

	memset(t, 0, sizeof(*t));
	if (!o)
		o = &none;
	if (!it->parsed) {
		diag_error(errs, DK_EINVALID, "%s does not parse; fix it first (docket check %s)",
			 it->path, it->path);
		return DK_EINVALID;
	}
	t->from = from;
	t->to = to;
	date_format(t->today, sizeof(t->today), o->today ? o->today : date_today());
	same = from == to;
	if (!same)
		op(t, "status", item_status_name(to), EDIT_STRING, 0);

	switch (to) {
	case ST_DOING:
		if (!same && !present(it, "started"))
			op(t, "started", t->today, EDIT_DATE, 0);
		if (!same && o->over_wip)
			op(t, "over_wip", t->today, EDIT_DATE, 0);
		break;
	case ST_BLOCKED:
		if (o->reason && *o->reason)
			op(t, "blocked_reason", o->reason, EDIT_STRING, 0);
		else if (!present(it, "blocked_reason")) {
			diag_error(errs, DK_EREFUSED,
				 "blocking %s needs a reason: give --reason TEXT (what it waits for)",
				 it->id ? it->id : it->path);
			return DK_EREFUSED;
		}
		if (!same && (from == ST_IDEA || from == ST_READY ||
			      from == ST_PLANNED || from == ST_DOING))
			op(t, "blocked_from", item_status_name(from), EDIT_STRING, 0);
		break;
	case ST_STOPPED:
		if (from == ST_DONE) {
			return diag_error(errs, DK_EREFUSED,
					  "%s is done%s%s%s: a done item is not stopped (reopen it first with docket set %s status=doing, if it must be)",
					  it->id ? it->id : it->path,
					  present(it, "result") ? " (result: " : "",
					  present(it, "result") ? present(it, "result") : "",
					  present(it, "result") ? ")" : "", it->id ? it->id : "ID");
		}
		if (o->result && strcmp(o->result, "lost") && strcmp(o->result, "inconclusive")) {
			return diag_error(errs, DK_EUSAGE,
					  "a stopped experiment's result is lost or inconclusive, not '%s' (an experiment that won is done: docket done %s --result won)",
					  o->result, it->id ? it->id : "ID");
		}
		if (o->reason && *o->reason)
			op(t, "stop_reason", o->reason, EDIT_STRING, 0);
		else if (!present(it, "stop_reason")) {
			diag_error(errs, DK_EREFUSED,
				 "stopping %s needs a reason: give --reason TEXT (why it is not worth finishing)",
				 it->id ? it->id : it->path);
			return DK_EREFUSED;
		}
		if (o->result)
			op(t, "result", o->result, EDIT_STRING, 0);
		break;
	case ST_DONE:
		if (o->result && !valid_result(o->result)) {
			diag_error(errs, DK_EUSAGE,
				 "result '%s' is not one of won, lost, inconclusive",
				 o->result);
			return DK_EUSAGE;
		}
		if (o->result)
			op(t, "result", o->result, EDIT_STRING, 0);
		else if (it->type == TYPE_EXPERIMENT &&
			 !valid_result(present(it, "result"))) {
			diag_error(errs, DK_EREFUSED,
				 "%s is an experiment: say how it went with --result won|lost|inconclusive (and --actual VALUE, the measured %s)",
				 it->id ? it->id : it->path,
				 present(it, "metric") ? present(it, "metric") : "value");
			return DK_EREFUSED;
		}
		if (o->actual && *o->actual)
			op(t, "actual", o->actual, EDIT_NUM_OR_STR, 0);
		{
			struct check_dod_box first;
			size_t n = check_dod_open(it, &first);

			if (n && o->force) {
				if (!o->waive_reason || !*o->waive_reason)
					return diag_error(errs, DK_EUSAGE,
							  "done --force waives %zu open Definition-of-Done box%s: say why with --reason TEXT (recorded in dod_waived:)",
							  n, n == 1 ? "" : "es");
				waived_text(t, it, o->waive_reason);
				op(t, "dod_waived", t->waived, EDIT_STRING, 0);
			} else if (n) {
				diag_error(errs, DK_EREFUSED,
					 "%s:%d:%d: %zu Definition-of-Done box%s unchecked (first: '%.*s'): tick %s (docket tick %s BOX) or waive %s (docket done %s --force --reason TEXT)",
					 it->path, first.line, first.col, n,
					 n == 1 ? " is" : "es are", (int)first.text_len,
					 first.text, n == 1 ? "it" : "them", it->id ? it->id : "ID",
					 n == 1 ? "it" : "them", it->id ? it->id : "ID");
				return DK_EREFUSED;
			}
		}
		break;
	default:
		break;
	}
	if (!same && (to == ST_DONE || to == ST_STOPPED))
		op(t, "finished", t->today, EDIT_DATE, 0);
	if (!same && from == ST_BLOCKED && present(it, "blocked_reason"))
		op(t, "blocked_reason", NULL, EDIT_STRING, 1);
	if (!same && from == ST_BLOCKED && item_get(it, "blocked_from"))
		op(t, "blocked_from", NULL, EDIT_STRING, 1);
	if (!same && from == ST_DONE && item_get(it, "dod_waived"))
		op(t, "dod_waived", NULL, EDIT_STRING, 1);
	if (!same && from == ST_DOING && item_get(it, "over_wip"))
		op(t, "over_wip", NULL, EDIT_STRING, 1);
	if (!same && !item_status_open(from) && item_status_open(to) &&
	    item_get(it, "finished"))
		op(t, "finished", NULL, EDIT_STRING, 1);
	t->leave_order = !item_status_open(to);
	return 0;
}

enum item_status
transition_unblock_to(const struct item *it)
{
	enum item_status s = item_status_parse(present(it, "blocked_from"));

	if (s == ST_IDEA || s == ST_READY || s == ST_PLANNED || s == ST_DOING)
		return s;
	return present(it, "started") ? ST_DOING : ST_READY;
}
