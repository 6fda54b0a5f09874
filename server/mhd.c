/*
 * mhd.c: libmicrohttpd loaded with dlopen by `docket serve` (see
 * server/mhd.h for why).
 */
#include "server/mhd.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

struct mhd_api mhd;

static int loaded;

/*
 * Each table member, its name in the library, and a compile-time check
 * that the member has the type of the function <microhttpd.h> declares:
 * both sides of ?: must have compatible types (else "pointer type
 * mismatch", an error with WERROR=1), and as the operand of sizeof the
 * expression is never evaluated and does not refer to the symbol (the
 * program is not linked with the library: a reference would not link).
 */
#define MHD_FUNCTIONS(X) \
	X(start_daemon, MHD_start_daemon) \
	X(stop_daemon, MHD_stop_daemon) \
	X(get_daemon_info, MHD_get_daemon_info) \
	X(is_feature_supported, MHD_is_feature_supported) \
	X(lookup_connection_value, MHD_lookup_connection_value) \
	X(get_connection_values, MHD_get_connection_values) \
	X(get_connection_info, MHD_get_connection_info) \
	X(create_response_from_buffer, MHD_create_response_from_buffer) \
	X(add_response_header, MHD_add_response_header) \
	X(queue_response, MHD_queue_response) \
	X(destroy_response, MHD_destroy_response) \
	X(create_post_processor, MHD_create_post_processor) \
	X(post_process, MHD_post_process) \
	X(destroy_post_processor, MHD_destroy_post_processor)

#define MHD_TYPE_CHECK(member, name) (void)sizeof(0 ? mhd.member : name);

/* dlsym returns an object pointer; POSIX guarantees it converts to the
 * function's pointer type, which ISO C leaves undefined: copy the bytes
 * (sizes checked) rather than cast. */
#define MHD_LOOKUP(member, name) \
	{ \
		void *p = dlsym(h, #name); \
		_Static_assert(sizeof(p) == sizeof(mhd.member), "function pointers as void *"); \
		if (!p) { \
			snprintf(err, errlen, "docket serve cannot use %s: it has no function %s (install the Debian package %s)", \
				 file, #name, MHD_PACKAGE); \
			goto fail; \
		} \
		memcpy(&api.member, &p, sizeof(p)); \
	}

int
mhd_load(const char *file, char *err, size_t errlen)
{
	struct mhd_api api;
	void *h;

	MHD_FUNCTIONS(MHD_TYPE_CHECK)
	if (loaded)
		return 0;
	h = dlopen(file, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *why = dlerror();

		snprintf(err, errlen, "docket serve needs libmicrohttpd (the Debian package %s), which cannot be loaded: %s",
			 MHD_PACKAGE, why ? why : file);
		return -1;
	}
	memset(&api, 0, sizeof(api));
	MHD_FUNCTIONS(MHD_LOOKUP)
	mhd = api;
	loaded = 1;
	return 0;
fail:
	dlclose(h);
	return -1;
}
