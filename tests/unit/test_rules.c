/*
 * Unit tests for the rule registry (core/check_rules.def) and the one
 * error shape (core/diag.h): every rule has its texts, a scope and a
 * function (or is the loader's), ids are unique and well-formed, and a
 * finding's fingerprint ignores where it is but not what it is.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "test_check_fixture.h"

static void
test_every_rule_has_its_texts(void **state)
{
	(void)state;
	for (int i = 0; i < RULE_COUNT; i++) {
		const struct check_rule_info *r = &check_rules[i];
		size_t n;

		assert_non_null(r->id);
		for (const char *p = r->id; *p; p++)
			assert_true(islower((unsigned char)*p) || *p == '-');
		assert_int_equal(check_rule_find(r->id), i);
		assert_true(r->severity == SEV_ERROR || r->severity == SEV_WARNING);
		assert_true(r->scope >= CHECK_SCOPE_ITEM && r->scope <= CHECK_SCOPE_HISTORY);
		assert_string_not_equal(check_scope_name(r->scope), "?");
		/* a sentence for SARIF's shortDescription */
		assert_non_null(r->summary);
		n = strlen(r->summary);
		assert_true(n > 8 && n < 100);
		assert_true(r->summary[n - 1] != '.');
		assert_non_null(r->finds);
		assert_true(strlen(r->finds) > 8);
		/* the help of docket help RULE (and SARIF help: < 1024) */
		if (!r->help || strlen(r->help) < 40 || strlen(r->help) >= 1024)
			fail_msg("rule %s has no proper help text", r->id);
		assert_true(r->help[strlen(r->help) - 1] != '\n');
	}
}

static void
test_functions_and_flags(void **state)
{
	/* found by the loader, or by the suppression pass */
	static const char *const loader[] = { "syntax", "config", "order-conflict",
					      "item-conflict", "unused-suppression" };

	(void)state;
	for (int i = 0; i < RULE_COUNT; i++) {
		const struct check_rule_info *r = &check_rules[i];
		int found_by_loader = 0;

		for (size_t k = 0; k < ARRAY_SIZE(loader); k++)
			found_by_loader |= !strcmp(loader[k], r->id);
		if (!found_by_loader && !r->item && !r->all)
			fail_msg("rule %s has no function", r->id);
		if (found_by_loader)
			assert_true(!r->item && !r->all);
	}
	assert_false(check_rules[RULE_SYNTAX].configurable);
	assert_false(check_rules[RULE_CONFIG].configurable);
	assert_true(check_rules[RULE_WIP_LIMIT].has_max);
	assert_false(check_rules[RULE_TYPE].has_max);
	assert_int_equal(check_rules[RULE_OWNER_ORDER].scope, CHECK_SCOPE_HISTORY);
	assert_int_equal(check_rules[RULE_ORDER_DUPLICATE].scope, CHECK_SCOPE_ORDER);
	assert_int_equal(check_rule_find("no-such-rule"), -1);
	assert_int_equal(check_rule_find(NULL), -1);
}

/* The findings of fs as a list. */
static void
findings(struct diag_list *l, struct memfs *fs)
{
	struct backlog bl;

	load_mem(&bl, fs);
	assert_int_equal(check_backlog(l, &bl, NULL), 0);
	backlog_release(&bl);
}

static const struct diag *
find_rule(const struct diag_list *l, const char *rule, const char *subject)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].rule, rule) &&
		    (!subject || (l->v[i].subject && !strcmp(l->v[i].subject, subject))))
			return &l->v[i];
	return NULL;
}

#define CFG "prefix: MKT\n"
#define ITEM2 "---\nid: MKT-2\ntitle: Two\nstatus: idea\neffort: big\n---\n"

static void
test_findings_carry_subject_field_and_span(void **state)
{
	struct memfs fs;
	struct diag_list l = DIAG_LIST_INIT;
	const struct diag *d;

	(void)state;
	memset(&fs, 0, sizeof(fs));
	memfs_put(&fs, "docket.yaml", CFG);
	memfs_put(&fs, "backlog/MKT-2.md", ITEM2);
	memfs_put(&fs, "backlog/ORDER", "MKT-2\nMKT-2\n");
	findings(&l, &fs);
	d = find_rule(&l, "type", "MKT-2");
	assert_non_null(d);
	assert_string_equal(d->field, "effort");
	assert_int_equal(d->line, 5);
	assert_int_equal(d->column, 9);
	assert_int_equal(d->end_line, 5);
	assert_int_equal(d->end_column, 12);
	assert_int_equal(d->code, DK_OK);
	d = find_rule(&l, "order-duplicate", "MKT-2");
	assert_non_null(d);
	assert_int_equal(d->line, 2);
	assert_int_equal(d->end_column, 6);
	diag_list_release(&l);
	memfs_release(&fs);
}

static void
test_fingerprint_ignores_position(void **state)
{
	struct memfs fs;
	struct diag_list a = DIAG_LIST_INIT, b = DIAG_LIST_INIT;
	const struct diag *da, *db;
	char fa[DIAG_FINGERPRINT_LEN + 1], fb[DIAG_FINGERPRINT_LEN + 1];

	(void)state;
	memset(&fs, 0, sizeof(fs));
	memfs_put(&fs, "docket.yaml", CFG);
	memfs_put(&fs, "backlog/MKT-2.md", ITEM2);
	memfs_put(&fs, "backlog/ORDER", "MKT-2\nMKT-2\n");
	findings(&a, &fs);
	/* lines added above both findings move them, nothing else */
	memfs_put(&fs, "backlog/MKT-2.md",
		  "---\n# a comment\n\nid: MKT-2\ntitle: Two\nstatus: idea\neffort: big\n---\n");
	memfs_put(&fs, "backlog/ORDER", "# Next\n\nMKT-2\nMKT-2\n");
	findings(&b, &fs);
	assert_int_equal(a.n, b.n);
	for (size_t i = 0; i < a.n; i++) {
		da = &a.v[i];
		db = find_rule(&b, da->rule, da->subject);
		assert_non_null(db);
		assert_int_not_equal(da->line, db->line);
		diag_fingerprint(da, fa);
		diag_fingerprint(db, fb);
		assert_int_equal(strlen(fa), DIAG_FINGERPRINT_LEN);
		assert_string_equal(fa, fb);
	}
	/* ... but a different finding has another one */
	diag_fingerprint(find_rule(&a, "type", NULL), fa);
	diag_fingerprint(find_rule(&a, "order-duplicate", NULL), fb);
	assert_string_not_equal(fa, fb);
	diag_list_release(&a);
	diag_list_release(&b);
	memfs_release(&fs);
}

static void
test_diag_error_and_copy(void **state)
{
	struct diag_list l = DIAG_LIST_INIT, m = DIAG_LIST_INIT;
	struct diag *d;

	(void)state;
	assert_string_equal(diag_last_message(&l), "");
	assert_int_equal(diag_error(&l, DK_EIO, "cannot write %s", "ORDER"), DK_EIO);
	assert_int_equal(diag_error(NULL, DK_EREFUSED, "dropped"), DK_EREFUSED);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].code, DK_EIO);
	assert_int_equal(l.v[0].severity, SEV_ERROR);
	assert_string_equal(l.v[0].rule, "");
	assert_null(l.v[0].file);
	assert_string_equal(diag_last_message(&l), "cannot write ORDER");
	d = diag_add(&l, SEV_WARNING, "ref-unknown", "backlog/MKT-1.md", 3, 5, "x");
	diag_set_subject(d, "MKT-1");
	diag_set_field(d, "depends_on");
	diag_set_fix(d, "docket set %s depends_on=", "MKT-1");
	d->end_line = 3;
	d->end_column = 11;
	d = diag_copy(&m, &l.v[1]);
	assert_string_equal(d->subject, "MKT-1");
	assert_string_equal(d->field, "depends_on");
	assert_string_equal(d->fix, "docket set MKT-1 depends_on=");
	assert_int_equal(d->end_column, 11);
	assert_ptr_not_equal(d->subject, l.v[1].subject);
	diag_list_release(&l);
	diag_list_release(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_rule_has_its_texts),
		cmocka_unit_test(test_functions_and_flags),
		cmocka_unit_test(test_findings_carry_subject_field_and_span),
		cmocka_unit_test(test_fingerprint_ignores_position),
		cmocka_unit_test(test_diag_error_and_copy),
	};

	(void)check_mem;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
