#include "core/score.h"

#include <math.h>

double
score_item(const struct item *it, enum score_kind k)
{
	double e = it->effort, cv = it->customer_value, bv = it->business_value;
	double conf = 100, ease;
	const struct ynode *c;

	if (!(e > 0) || cv <= 0 || bv <= 0)
		return NAN;
	switch (k) {
	case SCORE_WSJF:
		return (cv + bv + (it->time_criticality > 0 ? it->time_criticality : 0)) / e;
	case SCORE_VALUE_PER_EFFORT:
		return (cv + bv) / e;
	case SCORE_RICE:
		c = item_get(it, "confidence");
		if (c && ynode_number(c, &conf) == 0 && conf >= 0 && conf <= 100)
			;
		else
			conf = 100;
		return cv * bv * (conf / 100) / e;
	case SCORE_ICE:
		ease = 10 / e;
		if (ease > 10)
			ease = 10;
		return bv * cv * ease;
	}
	return NAN;
}
