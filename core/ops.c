/* ops.c: the write operations as functions (core/ops.h): the commit
 * step they share, set (with the status transitions) and move. */
#include "core/ops.h"

#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/edit.h"
#include "core/schema.h"
#include "core/sbuf.h"
#include "core/text.h"
#include "core/utf8.h"
#include "core/validate.h"
#include "core/wip.h"
#include "core/xalloc.h"

void
ops_result_init(struct ops_result *r)
{
	memset(r, 0, sizeof(*r));
	diag_list_init(&r->findings);
}

void
ops_result_release(struct ops_result *r)
{
	diag_list_release(&r->findings);
	free(r->summary);
	free(r->message);
	for (size_t i = 0; i < r->nfiles; i++)
		free(r->files[i].path);
	free(r->files);
	free(r->wip_warning);
	free(r->wip_note);
	ops_result_init(r);
}

void
ops_show_value(struct sbuf *out, const struct item *it, const char *key)
{
	const struct ynode *n = item_get(it, key);
	size_t start = out->len;

	if (!n)
		return;
	if (n->type == YNODE_SCALAR) {
		sbuf_add(out, n->text, n->len);
	} else if (n->type == YNODE_SEQ) {
		sbuf_addc(out, '[');
		for (size_t i = 0; i < n->nkids; i++)
			if (n->kids[i]->type == YNODE_SCALAR)
				sbuf_addf(out, "%s%s", i ? ", " : "", n->kids[i]->text);
		sbuf_addc(out, ']');
	} else {
		sbuf_adds(out, "{...}");
	}
	for (size_t i = start; i < out->len; i++)
		if (out->buf[i] == '\n' || out->buf[i] == '\r')
			out->buf[i] = ' ';
	if (out->len - start > 40) {
		sbuf_setlen(out, start + utf8_floor(out->buf + start, out->len - start, 37));
		sbuf_adds(out, "...");
	}
}

/* ---------------------------------------------------------------------
 * Commit
 * ------------------------------------------------------------------- */

void
ops_message(struct sbuf *out, const char *message)
{
	const char *nl = strchr(message, '\n');
	size_t first = nl ? (size_t)(nl - message) : strlen(message);
	const char *rest = nl ? nl + 1 : "";

	if (!text_subject(out, message, first, OPS_SUBJECT_MAX)) {
		sbuf_adds(out, message + first);
		return;
	}
	/* the whole line goes to the body */
	sbuf_addf(out, "\n\n%.*s\n", (int)first, message);
	if (*rest == '\n')
		rest++;
	if (*rest)
		sbuf_addf(out, "\n%s", rest);
}

/* What the change holds, as validate_files takes it. */
static size_t
validate_change(struct ops_target *t, struct ops_result *r)
{
	struct change *ch = t->ch;
	struct validate_file *vf = xcalloc(ch->nfiles + 1, sizeof(*vf));
	struct diag_list errors = DIAG_LIST_INIT;
	size_t n = 0, added = 0;

	for (size_t i = 0; i < ch->nfiles; i++) {
		const struct change_file *f = &ch->files[i];

		if (f->op == CHANGE_ONDISK)     /* validated by its command */
			continue;
		vf[n].path = f->path;
		if (f->op == CHANGE_WRITE) {
			vf[n].after = f->data;
			vf[n].alen = f->len;
		}
		if (t->renamed_from && t->renamed_to && f->op == CHANGE_WRITE &&
		    !strcmp(f->path, t->renamed_to))
			vf[n].renamed_from = t->renamed_from;
		n++;
	}
	if (n)
		added = validate_files(&errors, &r->findings, t->bl, t->src, vf, n);
	free(vf);
	/* the errors first, then the warnings */
	diag_list_move(&errors, &r->findings);
	diag_list_move(&r->findings, &errors);
	diag_list_release(&errors);
	return added;
}

void
ops_validate(struct ops_target *t, struct ops_result *r)
{
	if (validate_change(t, r))
		r->refused = 1;
}

int
ops_commit(struct ops_target *t, const char *message, const char *summary,
	   struct ops_result *r, struct diag_list *errs)
{
	struct sbuf msg = SBUF_INIT;
	int rc;

	free(r->summary);
	r->summary = xstrdup(summary);
	if (validate_change(t, r)) {
		r->refused = 1;
		return 0;
	}
	ops_message(&msg, message);
	rc = change_commit(t->ch, msg.buf, errs);
	free(r->message);
	r->message = sbuf_detach(&msg, NULL);
	if (rc)
		return rc;
	r->committed = t->ch->committed;
	r->unchanged = t->ch->unchanged;
	memcpy(r->commit, t->ch->commit_id, sizeof(r->commit));
	r->files = xcalloc(t->ch->nfiles + 1, sizeof(*r->files));
	for (size_t i = 0; i < t->ch->nfiles; i++) {
		const struct change_file *f = &t->ch->files[i];
		struct ops_version *v = &r->files[r->nfiles++];

		v->path = xstrdup(f->path);
		v->deleted = f->op == CHANGE_DELETE;
		if (f->op == CHANGE_WRITE && t->repo)
			repo_blob_id(t->repo, v->blob, f->data, f->len);
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * set
 * ------------------------------------------------------------------- */

/* "key old → new" or "key new" or "key removed (was old)"; nothing,
 * and 0, when op leaves the value as it is. */
static int
describe(struct sbuf *sb, const struct item *it, const struct edit_op *op)
{
	struct sbuf old = SBUF_INIT;
	int changed = 1;

	ops_show_value(&old, it, op->key);
	if (op->remove) {
		if (!item_get(it, op->key)) {
			changed = 0;
		} else {
			sbuf_addf(sb, "%s removed", op->key);
			if (old.len)
				sbuf_addf(sb, " (was %s)", old.buf);
		}
	} else {
		struct sbuf nv = SBUF_INIT;

		/* a list as it is written: "[a, b]" */
		if (op->type != EDIT_LIST ||
		    edit_render_value(&nv, op->value, op->type, NULL))
			sbuf_adds(&nv, op->value);
		if (old.len && !strcmp(old.buf, nv.buf))
			changed = 0;
		else if (old.len)
			sbuf_addf(sb, "%s %s → %s", op->key, old.buf, nv.buf);
		else
			sbuf_addf(sb, "%s %s", op->key, nv.buf);
		sbuf_release(&nv);
	}
	sbuf_release(&old);
	return changed;
}

/* Append ", " and what op changes (nothing when it changes nothing). */
static void
describe_list(struct sbuf *sb, size_t start, const struct item *it,
	      const struct edit_op *op)
{
	size_t at = sb->len;

	if (sb->len > start)
		sbuf_adds(sb, ", ");
	if (!describe(sb, it, op))
		sbuf_setlen(sb, at);
}

/* A move into doing: the WIP limit, as the wip-limit rule's severity
 * says (core/wip.h).  0 to go on (topts->over_wip set when the move is
 * recorded as over the limit, with the line for the commit in note), or
 * DK_EREFUSED. */
static int
wip_gate(struct ops_target *t, const struct ops_set_req *rq,
	 struct transition_opts *topts, const char *id, struct sbuf *note,
	 struct ops_result *r, struct diag_list *errs)
{
	struct wip wp;
	struct sbuf msg = SBUF_INIT;
	enum wip_verdict v;
	int rc = 0;

	wip_init(&wp);
	if (wip_scan(&wp, t->bl, t->src, id)) {
		r->wip_warning = xstrdup("the items could not be read to count the work in progress: the WIP limit is not checked");
		wip_release(&wp);
		return 0;
	}
	v = wip_verdict(&wp, rq->over_wip);
	wip_message(&msg, &wp, id, v, "--over-wip");
	switch (v) {
	case WIP_OK:
		if (rq->over_wip && wp.severity != SEV_OFF)
			r->wip_note = xasprintf("--over-wip: %zu item%s doing, within the limit of %ld; nothing to record",
						wp.n + 1, wp.n ? "s" : "", wp.limit);
		break;
	case WIP_WARN:
		r->wip_warning = xstrdup(msg.buf);
		break;
	case WIP_REFUSE:
		rc = diag_error(errs, DK_EREFUSED, "%s", msg.buf);
		break;
	case WIP_OVERRIDE:
		topts->over_wip = 1;
		sbuf_add(note, msg.buf, msg.len);
		break;
	}
	sbuf_release(&msg);
	wip_release(&wp);
	return rc;
}

static void
queue_order(struct ops_target *t)
{
	struct sbuf sb = SBUF_INIT;

	order_render(&t->bl->order, &sb);
	change_write(t->ch, t->bl->order_path, sb.buf, sb.len);
	sbuf_release(&sb);
}

int
ops_check_value(struct diag_list *errs, const struct config *c,
		const char *key, const char *value, int has_key)
{
	struct sbuf doc = SBUF_INIT;
	struct diag_list e = DIAG_LIST_INIT;
	const struct field_def *f = NULL;
	enum schema_kind kind = schema_kind_of(c, key, &f);
	const char *best = kind == SK_UNKNOWN && !has_key ?
			   schema_suggest(c, key) : NULL;
	int rc = 0;

	/* "efort=3" would be kept as a field of its own, with only a
	 * warning; a name far from every field is kept, as a hand edit,
	 * and so is a key the item has already */
	if (best)
		return diag_error(errs, DK_EUSAGE,
				  "unknown field '%s'; did you mean '%s'? Nothing was written (to add a field '%s' on purpose, declare it under fields: in docket.yaml)",
				  key, best, key);
	if (check_text_value(value, strlen(value),
			     kind == SK_CUSTOM ? f->type != FT_STRING && f->type != FT_LIST :
			     check_kind_one_line((int)kind), &e)) {
		rc = diag_error(errs, DK_EUSAGE, "%s %s", key, diag_last_message(&e));
	} else {
		sbuf_addf(&doc, "%s: ", key);
		if (edit_render_value(&doc, value, edit_type_for(c, key), &e))
			rc = diag_error(errs, DK_EUSAGE, "%s: %s", key,
					diag_last_message(&e));
	}
	sbuf_release(&doc);
	diag_list_release(&e);
	return rc;
}

int
ops_set(struct ops_target *t, const struct ops_set_req *rq,
	struct ops_result *r, struct diag_list *errs)
{
	struct item *it, *tmp = NULL;
	struct edit_op *ops = NULL;
	size_t nops = 0;
	struct sbuf a = SBUF_INIT, b = SBUF_INIT, msg = SBUF_INIT, sum = SBUF_INIT;
	struct sbuf wipnote = SBUF_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	struct transition tr;
	struct transition_opts topts = rq->topts;
	const char *id;
	long old_rank = 0;
	int order_changed = 0, rc = 0;

	memset(&tr, 0, sizeof(tr));
	it = item_id_valid(rq->id) ? backlog_load_item(t->bl, t->src, rq->id) : NULL;
	if (!it)
		return diag_error(errs, DK_ENOTFOUND, "no item %s in %s", rq->id,
				  t->bl->items_rel);
	if (!it->parsed) {
		diag_list_move(errs, &t->bl->diags);
		return diag_error(errs, DK_EINVALID,
				  "%s does not parse; fix it by hand first (docket edit %s)",
				  it->path, rq->id);
	}
	id = it->id ? it->id : rq->id;
	ops = xcalloc(rq->n + 1, sizeof(*ops));
	for (size_t i = 0; i < rq->n; i++) {
		const char *k = rq->keys[i], *v = rq->values[i];

		if (!edit_key_valid(k)) {
			rc = diag_error(errs, DK_EUSAGE, "'%s' is not a field name", k);
			goto done;
		}
		if (!strcmp(k, "id")) {
			rc = diag_error(errs, DK_EUSAGE,
					"an id is changed with docket renumber %s NEW", rq->id);
			goto done;
		}
		if (!*v && (!strcmp(k, "title") || !strcmp(k, "status"))) {
			rc = diag_error(errs, DK_EUSAGE, "%s is required; it cannot be removed", k);
			goto done;
		}
		if (*v && (rc = ops_check_value(errs, &t->bl->config, k, v,
						item_get(it, k) != NULL)))
			goto done;
		ops[nops].key = k;
		ops[nops].value = v;
		ops[nops].type = edit_type_for(&t->bl->config, k);
		ops[nops].remove = !*v;
		nops++;
	}
	if (edit_apply(&a, it->data, it->len, it->path, ops, nops, &d)) {
		diag_list_move(errs, &d);
		rc = DK_EINVALID;
		goto done;
	}
	sbuf_add(&b, a.buf, a.len);
	if (rq->has_status && rq->status == ST_DOING && it->status != ST_DOING &&
	    (rc = wip_gate(t, rq, &topts, id, &wipnote, r, errs)))
		goto done;
	if (rq->has_status) {
		struct fm_opts fo = FM_OPTS_INIT;

		tmp = item_new(it->path, xmemdup0(a.buf, a.len), a.len, &fo);
		if ((rc = transition_plan(&tr, tmp, rq->status, &topts, errs)))
			goto done;
		sbuf_reset(&b);
		if (edit_apply(&b, a.buf, a.len, it->path, tr.ops, tr.nops, &d)) {
			diag_list_move(errs, &d);
			rc = DK_EINVALID;
			goto done;
		}
		old_rank = order_rank(&t->bl->order, id);
		if (tr.leave_order && old_rank) {
			order_remove(&t->bl->order, id);
			order_changed = 1;
		}
	}
	if (b.len == it->len && !memcmp(b.buf, it->data, b.len) && !order_changed) {
		r->nothing = 1;
		r->summary = xasprintf("%s: nothing to change", rq->id);
		goto done;
	}

	/* the message: a status line, or the field changes */
	if (rq->has_status && tr.from != tr.to) {
		sbuf_addf(&sum, "%s: %s → %s", rq->id, item_status_name(tr.from),
			  item_status_name(tr.to));
	} else {
		size_t start;

		sbuf_addf(&sum, "Set %s ", rq->id);
		start = sum.len;
		for (size_t i = 0; i < nops; i++)
			describe_list(&sum, start, it, &ops[i]);
		for (size_t i = 0; i < tr.nops; i++)
			describe_list(&sum, start, tmp, &tr.ops[i]);
	}
	sbuf_addf(&msg, "%s\n", sum.buf);
	if (rq->has_status && tr.from != tr.to) {
		sbuf_addc(&msg, '\n');
		for (size_t i = 0; i < nops; i++)
			if (describe(&msg, it, &ops[i]))
				sbuf_addc(&msg, '\n');
		for (size_t i = 0; i < tr.nops; i++) {
			if (!strcmp(tr.ops[i].key, "status"))
				continue;
			if (describe(&msg, tmp, &tr.ops[i]))
				sbuf_addc(&msg, '\n');
		}
		if (order_changed)
			sbuf_addf(&msg, "Leaves ORDER (was #%ld)\n", old_rank);
	}
	if (wipnote.len)
		sbuf_addf(&msg, "%s%s", rq->has_status && tr.from != tr.to ? "" : "\n",
			  wipnote.buf);
	change_write(t->ch, it->path, b.buf, b.len);
	if (order_changed)
		queue_order(t);
	rc = ops_commit(t, msg.buf, sum.buf, r, errs);
done:
	free(ops);
	item_free(tmp);
	sbuf_release(&a);
	sbuf_release(&b);
	sbuf_release(&msg);
	sbuf_release(&sum);
	sbuf_release(&wipnote);
	diag_list_release(&d);
	return rc;
}

/* ---------------------------------------------------------------------
 * move
 * ------------------------------------------------------------------- */

/* "#7 → #2 (above MKT-3)" */
void
ops_rank_change(struct sbuf *out, const struct order *o, const char *id,
		long old_rank)
{
	long rk = order_rank(o, id);
	const char *below = order_id_at(o, rk + 1), *above = order_id_at(o, rk - 1);

	if (old_rank)
		sbuf_addf(out, "#%ld → ", old_rank);
	else
		sbuf_adds(out, "unranked → ");
	sbuf_addf(out, "#%ld", rk);
	if (below)
		sbuf_addf(out, " (above %s)", below);
	else if (above)
		sbuf_addf(out, " (below %s)", above);
}

int
ops_move(struct ops_target *t, const char *id, const struct order_place *place,
	 struct ops_result *r, struct diag_list *errs)
{
	struct item *item;
	struct sbuf before = SBUF_INIT, after = SBUF_INIT, sum = SBUF_INIT;
	long old;
	int rc;

	item = item_id_valid(id) ? backlog_load_item(t->bl, t->src, id) : NULL;
	if (!item)
		return diag_error(errs, DK_ENOTFOUND, "no item %s in %s", id,
				  t->bl->items_rel);
	if (!item->parsed) {
		diag_list_move(errs, &t->bl->diags);
		return diag_error(errs, DK_EINVALID,
				  "%s does not parse; fix it by hand first (docket edit %s)",
				  item->path, id);
	}
	if (!item_status_open(item->status))
		return diag_error(errs, DK_EREFUSED,
				  "%s is %s: closed items leave ORDER (reopen it first: docket set %s status=ready)",
				  id, item_status_name(item->status), id);
	order_render(&t->bl->order, &before);
	old = order_rank(&t->bl->order, id);
	rc = order_move(&t->bl->order, id, place);
	if (rc == DK_ENOTFOUND) {
		rc = diag_error(errs, DK_ENOTFOUND, "%s is not in %s; rank it first",
				place->ref, t->bl->order_path);
		goto done;
	}
	if (rc) {
		rc = diag_error(errs, DK_EUSAGE, "cannot place %s relative to itself", id);
		goto done;
	}
	order_render(&t->bl->order, &after);
	if (before.len == after.len && !memcmp(before.buf, after.buf, after.len)) {
		r->nothing = 1;
		r->summary = xasprintf("%s is already #%ld: nothing to change", id, old);
		goto done;
	}
	sbuf_addf(&sum, "Rank %s ", id);
	ops_rank_change(&sum, &t->bl->order, id, old);
	change_write(t->ch, t->bl->order_path, after.buf, after.len);
	sbuf_reset(&before);
	sbuf_addf(&before, "%s\n", sum.buf);
	rc = ops_commit(t, before.buf, sum.buf, r, errs);
done:
	sbuf_release(&before);
	sbuf_release(&after);
	sbuf_release(&sum);
	return rc;
}
