#include "sheet/sheet.h"

const char *sheet_column_name(size_t col, char buf[16])
{
	size_t n = 15;

	buf[n] = '\0';
	for (col++; col > 0 && n > 0; col = (col - 1) / 26)
		buf[--n] = (char)('A' + (col - 1) % 26);
	return buf + n;
}

void sheet_put_size(struct strbuf *sb, size_t n, bool up)
{
	const char *unit = "bytes";
	size_t div = 1;

	if (n >= 1024 * 1024) {
		unit = "MB";
		div = 1024 * 1024;
	} else if (n >= 1024) {
		unit = "KB";
		div = 1024;
	}
	sb_printf(sb, "%zu %s", n / div + (up && n % div), unit);
}
