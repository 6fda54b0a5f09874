#include "core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/schema.h"

long
date_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, long *y, long *m, long *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y += *m <= 2;
}

int
date_parse(long *out, const char *s)
{
	if (!s || !schema_date_valid(s))
		return -1;
	*out = date_from_civil(strtol(s, NULL, 10), strtol(s + 5, NULL, 10),
			       strtol(s + 8, NULL, 10));
	return 0;
}

void
date_format(char *buf, size_t len, long day)
{
	long y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(buf, len, "%04ld-%02ld-%02ld", y, m, d);
}

long
date_today(void)
{
	const char *fixed = getenv("DOCKET_TODAY");
	struct tm tm;
	time_t now;
	long d;

	if (fixed && date_parse(&d, fixed) == 0)
		return d;
	now = time(NULL);
	if (!localtime_r(&now, &tm))
		return date_from_time((long long)now);
	return date_from_civil(tm.tm_year + 1900L, tm.tm_mon + 1L, tm.tm_mday);
}

long
date_from_time(long long t)
{
	return (long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}

int
date_weekday(long day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0) */
	long w = (day + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}
