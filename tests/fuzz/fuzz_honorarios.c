/* libFuzzer target for the honorários' parsers of what staff type: a competência
 * (ym_parse), a reajuste's percentage (reajuste_parse_percent) and its rounding, a
 * money amount (money_parse); with what must hold of each result. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "br/money.h"
#include "honorarios/fee.h"
#include "honorarios/reajuste.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64)
		return 0;
	char s[65];
	memcpy(s, data, size);
	s[size] = '\0';

	int ym = -1;
	if (ym_parse(s, &ym)) {
		CHECK(ym_year(ym) >= 2000 && ym_year(ym) <= 2099);
		CHECK(ym_month(ym) >= 1 && ym_month(ym) <= 12);
		char back[YM_TEXT], sql[11];
		ym_format(ym, back, sizeof back);
		int again = -1;
		CHECK(ym_parse(back, &again) && again == ym);   /* the text comes back the same */
		ym_sql(ym, sql, sizeof sql);
		CHECK(ym_from_sql(sql, &again) && again == ym);
	}

	int bp = 0;
	if (reajuste_parse_percent(s, &bp)) {
		CHECK(bp >= -5000 && bp <= 10000 && bp != 0);
		for (int64_t v = 1; v <= 1000000000; v *= 7) {
			int64_t nv = reajuste_value(v, bp);
			CHECK(nv >= 1);
			CHECK(bp > 0 ? nv >= v : nv <= v);
		}
	}

	int64_t c = 0;
	if (money_parse(s, size, &c)) {
		char out[MONEY_FMT_MAX];
		money_format(c, false, out, sizeof out);
		int64_t back = -1;
		CHECK(money_parse(out, strlen(out), &back) && back == c);
	}
	return 0;
}
