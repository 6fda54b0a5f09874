/* opt.c: the option parser every command shares: long and short
 * options from the command's descriptor (cmd.h), plus the common ones. */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/xalloc.h"

enum { C_HELP = 1, C_QUIET, C_NO_COMMIT, C_COLOR, C_INCLUDE_DIRTY, C_NO_VERIFY };

/* accepted after every command; `docket help` lists them as global */
static const struct opt common[] = {
	{ .name = "help", .short_name = 'h', .tag = C_HELP },
	{ .name = "quiet", .short_name = 'q', .tag = C_QUIET },
	{ .name = "no-commit", .tag = C_NO_COMMIT },
	{ .name = "color", .arg = "WHEN", .tag = C_COLOR, .flags = OPT_JOIN },
	{ .name = "colour", .arg = "WHEN", .tag = C_COLOR, .flags = OPT_JOIN },
	{ .name = "include-dirty", .tag = C_INCLUDE_DIRTY },
	{ .name = "no-verify", .tag = C_NO_VERIFY },
	OPT_END,
};

static const struct opt *
find_long(const struct opt *opts, const char *name, size_t n)
{
	for (const struct opt *o = opts; o && o->name; o++)
		if (strlen(o->name) == n && !strncmp(o->name, name, n))
			return o;
	return NULL;
}

static const struct opt *
find_short(const struct opt *opts, char c)
{
	for (const struct opt *o = opts; o && o->name; o++)
		if (o->short_name == c)
			return o;
	return NULL;
}

/* A common option; 0, OPT_HELP_SHOWN or EXIT_USAGE. */
static int
take_common(struct ctx *ctx, const struct opt *o, const char *val)
{
	switch (o->tag) {
	case C_HELP:
		command_help(ctx->cmd, stdout);
		return OPT_HELP_SHOWN;
	case C_QUIET:
		ctx->quiet = 1;
		break;
	case C_NO_COMMIT:
		ctx->no_commit = 1;
		break;
	case C_INCLUDE_DIRTY:
		ctx->include_dirty = 1;
		break;
	case C_NO_VERIFY:
		ctx->no_verify = 1;
		break;
	case C_COLOR:
		if (ctx_set_color(ctx, val ? val : "always") < 0)
			return out_usage_error(ctx, "--color takes auto, always or never");
		break;
	}
	return 0;
}

int
opt_common(struct ctx *ctx, const char *a)
{
	const char *name = a + 2, *eq = strchr(a, '=');
	const struct opt *o = NULL;

	if (a[0] == '-' && a[1] == '-')
		o = find_long(common, name, eq ? (size_t)(eq - name) : strlen(name));
	else if (a[0] == '-' && a[1] && !a[2])
		o = find_short(common, a[1]);
	if (!o || o->tag == C_HELP || (eq && !o->arg))
		return -1;
	return take_common(ctx, o, eq ? eq + 1 : NULL);
}

/* A command's option; 0 or EXIT_USAGE. */
static int
take(struct ctx *ctx, const struct opt *o, const char *val)
{
	struct opt_list *l;

	switch (o->kind) {
	case OPTK_FLAG:
		*(int *)o->value = 1;
		break;
	case OPTK_STRING:
		*(const char **)o->value = val;
		break;
	case OPTK_LIST:
		l = o->value;
		l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
		l->v[l->n++] = val;
		break;
	case OPTK_CALL:
		return o->fn(ctx, o, val);
	case OPTK_FORMAT:
		ctx->format_name = val;
		break;
	case OPTK_REV:
		ctx->rev = val;
		break;
	}
	return 0;
}

int
opt_parse(struct ctx *ctx, const struct command *c, int argc, char **argv)
{
	int done = 0;

	ctx->pos = xcalloc((size_t)argc + 1, sizeof(*ctx->pos));
	ctx->npos = 0;
	for (int i = 1; i < argc;) {
		char *a = argv[i++];
		const struct opt *o;
		const char *val = NULL;
		int rc, is_common;

		if (done || a[0] != '-' || !a[1]) {
			ctx->pos[ctx->npos++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			done = 1;
			continue;
		}
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t n = eq ? (size_t)(eq - name) : strlen(name);

			o = find_long(c->opts, name, n);
			is_common = !o;
			if (!o && !(o = find_long(common, name, n)))
				return out_usage_error(ctx, "unknown option '--%.*s'", (int)n, name);
			if (eq && !o->arg)
				return out_usage_error(ctx, "option '--%s' takes no value", o->name);
			if (eq)
				val = eq + 1;
		} else {
			o = find_short(c->opts, a[1]);
			is_common = !o;
			if (!o && !(o = find_short(common, a[1])))
				return out_usage_error(ctx, "unknown option '-%c'", a[1]);
			if (a[2] && !o->arg)
				return out_usage_error(ctx, "option '-%c' takes no value", a[1]);
			if (a[2])
				val = a + 2;
		}
		/* --color's value is optional: only --color=WHEN */
		if (o->arg && !val && !is_common) {
			if (i >= argc)
				return out_usage_error(ctx, "option '--%s' needs a value", o->name);
			val = argv[i++];
		}
		rc = is_common ? take_common(ctx, o, val) : take(ctx, o, val);
		if (rc)
			return rc;
	}
	return 0;
}

void
opt_release(struct ctx *ctx, const struct command *c)
{
	for (const struct opt *o = c->opts; o && o->name; o++)
		if (o->kind == OPTK_LIST) {
			struct opt_list *l = o->value;

			free(l->v);
			l->v = NULL;
			l->n = 0;
		}
	free(ctx->pos);
	ctx->pos = NULL;
	ctx->npos = 0;
}
