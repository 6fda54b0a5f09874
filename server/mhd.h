/*
 * mhd: libmicrohttpd, loaded by `docket serve` alone.
 *
 * libmicrohttpd brings GnuTLS and eight more shared libraries; linked
 * into docket, every command paid for loading and relocating them (about
 * 6 M instructions, a third of a small `docket list`).  So docket is not
 * linked with it: `docket serve` loads it with dlopen (mhd_load) and
 * calls it through the table `mhd`, whose members have the types of the
 * functions in <microhttpd.h> (mhd.c checks them at compile time).
 *
 * The library stays loaded until the program exits; nothing to free.
 */
#ifndef DOCKET_SERVER_MHD_H
#define DOCKET_SERVER_MHD_H

#include <stddef.h>
#include <stdint.h>

#include <microhttpd.h>

/* The library's file name (its SONAME) and the Debian package that
 * installs it, named in the error when it is missing. */
#ifndef MHD_LIBRARY
#define MHD_LIBRARY "libmicrohttpd.so.12"
#endif
#define MHD_PACKAGE "libmicrohttpd12"

struct mhd_api {
	struct MHD_Daemon *(*start_daemon)(unsigned int flags, uint16_t port,
					   MHD_AcceptPolicyCallback apc, void *apc_cls,
					   MHD_AccessHandlerCallback dh, void *dh_cls, ...);
	void (*stop_daemon)(struct MHD_Daemon *daemon);
	const union MHD_DaemonInfo *(*get_daemon_info)(struct MHD_Daemon *daemon,
						       enum MHD_DaemonInfoType info_type, ...);
	enum MHD_Result (*is_feature_supported)(enum MHD_FEATURE feature);
	const char *(*lookup_connection_value)(struct MHD_Connection *connection,
					       enum MHD_ValueKind kind, const char *key);
	int (*get_connection_values)(struct MHD_Connection *connection,
				     enum MHD_ValueKind kind,
				     MHD_KeyValueIterator iterator, void *iterator_cls);
	const union MHD_ConnectionInfo *(*get_connection_info)(
		struct MHD_Connection *connection, enum MHD_ConnectionInfoType info_type, ...);
	struct MHD_Response *(*create_response_from_buffer)(size_t size, void *buffer,
							    enum MHD_ResponseMemoryMode mode);
	enum MHD_Result (*add_response_header)(struct MHD_Response *response,
					       const char *header, const char *content);
	enum MHD_Result (*queue_response)(struct MHD_Connection *connection,
					  unsigned int status_code,
					  struct MHD_Response *response);
	void (*destroy_response)(struct MHD_Response *response);
	struct MHD_PostProcessor *(*create_post_processor)(struct MHD_Connection *connection,
							   size_t buffer_size,
							   MHD_PostDataIterator iter,
							   void *iter_cls);
	enum MHD_Result (*post_process)(struct MHD_PostProcessor *pp, const char *post_data,
					size_t post_data_len);
	enum MHD_Result (*destroy_post_processor)(struct MHD_PostProcessor *pp);
};

/* The functions, once mhd_load has succeeded. */
extern struct mhd_api mhd;

/* Load file (normally MHD_LIBRARY) and look up every function of the
 * table; again after a success does nothing.  0, or -1 with why in err
 * (what is missing, and the package to install). */
int mhd_load(const char *file, char *err, size_t errlen);

#endif
