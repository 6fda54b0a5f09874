/* opt.c: a small long/short option parser shared by every command. */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/xalloc.h"

static const struct opt common[] = {
	{ "help", 'h', 0, OPT_HELP },
	{ "quiet", 'q', 0, OPT_QUIET },
	{ "no-commit", 0, 0, OPT_NO_COMMIT },
	{ "color", 0, 2, OPT_COLOR },
	{ "colour", 0, 2, OPT_COLOR },
	{ "include-dirty", 0, 0, OPT_INCLUDE_DIRTY },
	{ NULL, 0, 0, 0 },
};

void
opt_init(struct opt_iter *it, int argc, char **argv)
{
	memset(it, 0, sizeof(*it));
	it->argc = argc;
	it->argv = argv;
	it->i = 1;
	it->pos = xcalloc((size_t)argc + 1, sizeof(*it->pos));
}

void
opt_release(struct opt_iter *it)
{
	free(it->pos);
	it->pos = NULL;
}

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

static int
handle_common(struct opt_iter *it, struct ctx *ctx, const struct opt *o,
	      const char *arg)
{
	(void)it;
	switch (o->id) {
	case OPT_HELP:
		command_help(ctx->cmd, stdout);
		return 2;
	case OPT_QUIET:
		ctx->quiet = 1;
		return 0;
	case OPT_NO_COMMIT:
		ctx->no_commit = 1;
		return 0;
	case OPT_INCLUDE_DIRTY:
		ctx->include_dirty = 1;
		return 0;
	case OPT_COLOR:
		if (ctx_set_color(ctx, arg ? arg : "always") < 0) {
			out_usage_error(ctx, "--color takes auto, always or never");
			return -1;
		}
		return 0;
	}
	return 0;
}

int
opt_next(struct opt_iter *it, struct ctx *ctx, const struct opt *opts,
	 int *id, const char **arg)
{
	while (it->i < it->argc) {
		char *a = it->argv[it->i++];
		const struct opt *o;
		const char *val = NULL;
		int rc;

		if (it->done || a[0] != '-' || !a[1]) {
			it->pos[it->npos++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			it->done = 1;
			continue;
		}
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t n = eq ? (size_t)(eq - name) : strlen(name);

			o = find_long(opts, name, n);
			if (!o)
				o = find_long(common, name, n);
			if (!o) {
				out_usage_error(ctx, "unknown option '--%.*s'", (int)n, name);
				return -1;
			}
			if (eq) {
				if (!o->has_arg) {
					out_usage_error(ctx, "option '--%s' takes no value", o->name);
					return -1;
				}
				val = eq + 1;
			}
		} else {
			o = find_short(opts, a[1]);
			if (!o)
				o = find_short(common, a[1]);
			if (!o) {
				out_usage_error(ctx, "unknown option '-%c'", a[1]);
				return -1;
			}
			if (a[2]) {
				if (!o->has_arg) {
					out_usage_error(ctx, "option '-%c' takes no value", a[1]);
					return -1;
				}
				val = a + 2;
			}
		}
		if (o->has_arg == 1 && !val) {
			if (it->i >= it->argc) {
				out_usage_error(ctx, "option '--%s' needs a value", o->name);
				return -1;
			}
			val = it->argv[it->i++];
		}
		if (o->id <= OPT_HELP + 10 && o->id < 0) {
			rc = handle_common(it, ctx, o, val);
			if (rc)
				return rc;
			continue;
		}
		*id = o->id;
		*arg = val;
		return 1;
	}
	return 0;
}

int
opt_format(struct ctx *ctx, const char *format, const char *const *names)
{
	struct sbuf use = SBUF_INIT;
	size_t n = 0;

	for (size_t i = 0; names[i]; i++, n++)
		if (!strcmp(format, names[i]))
			return 0;
	for (size_t i = 0; i < n; i++)
		sbuf_addf(&use, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", names[i]);
	out_usage_error(ctx, "unknown format '%s' (use %s)", format, use.buf);
	sbuf_release(&use);
	return EXIT_USAGE;
}
