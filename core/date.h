/*
 * date: calendar dates as day numbers (days since 1970-01-01), parsed
 * from and written as YYYY-MM-DD.  Pure functions, no ownership.
 *
 * "Today" is the local date, or DOCKET_TODAY (YYYY-MM-DD) when set, so
 * that tests and demos can fix it.
 */
#ifndef DOCKET_DATE_H
#define DOCKET_DATE_H

#include <stddef.h>

/* Parse YYYY-MM-DD (a valid calendar date); returns 0 or -1. */
int date_parse(long *out, const char *s);
/* Write YYYY-MM-DD into buf (at least 11 bytes). */
void date_format(char *buf, size_t len, long day);
long date_today(void);
/* Day number of a Unix time, in UTC. */
long date_from_time(long long t);
/* Day of the week, 0 = Monday. */
int date_weekday(long day);
/* Day number of year y, month m (1-12), day d (any values: no check). */
long date_from_civil(long y, long m, long d);

#endif
