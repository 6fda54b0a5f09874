/*
 * actions.c: the POST routes of `docket serve`.  (The write actions
 * come with the write operations in core/.)
 */
#include "server/server_int.h"

int
actions_route(struct request *rq, struct reply *r)
{
	(void)rq;
	(void)r;
	return 0;
}
