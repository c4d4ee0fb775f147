#include "base/log.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/strbuf.h"

static int access_fd = -1;
static int error_fd = 2;

static int open_append(const char *dir, const char *name)
{
	struct strbuf path = STRBUF_INIT;
	if (sb_printf(&path, "%s/%s", dir, name) < 0)
		return -1;
	int fd = open(path.buf, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	sb_free(&path);
	return fd;
}

int log_open(const char *dir)
{
	int a = open_append(dir, "access.log");
	int e = open_append(dir, "error.log");
	if (a < 0 || e < 0) {
		if (a >= 0)
			close(a);
		if (e >= 0)
			close(e);
		return -1;
	}
	access_fd = a;
	error_fd = e;
	return 0;
}

static void put_time(struct strbuf *sb)
{
	struct timespec ts;
	struct tm tm;
	char when[32];
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
	sb_printf(sb, "%s.%03ldZ", when, ts.tv_nsec / 1000000);
}

/* Keeps a log line one line: control characters from outside data become '?'. */
static void put_clean(struct strbuf *sb, const char *s)
{
	if (!s || !*s) {
		sb_putc(sb, '-');
		return;
	}
	for (; *s; s++)
		sb_putc(sb, (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
}

/* One write() per line: O_APPEND keeps lines of concurrent workers whole. */
static void write_line(int fd, struct strbuf *sb)
{
	if (sb_putc(sb, '\n') == 0 && fd >= 0) {
		ssize_t r = write(fd, sb->buf, sb->len);
		(void)r;
	}
	sb_free(sb);
}

void log_error(const char *request_id, const char *fmt, ...)
{
	struct strbuf line = STRBUF_INIT, msg = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&msg, fmt, ap);
	va_end(ap);
	put_time(&line);
	sb_printf(&line, " [%ld] ", (long)getpid());
	put_clean(&line, request_id);
	sb_putc(&line, ' ');
	put_clean(&line, sb_str(&msg));
	sb_free(&msg);
	write_line(error_fd, &line);
}

void log_request(const char *request_id, const char *office, const char *user,
		 const char *method, const char *path, int status, int64_t micros)
{
	if (access_fd < 0)
		return;
	struct strbuf line = STRBUF_INIT;
	put_time(&line);
	const char *parts[] = { request_id, office, user, method, path };
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		sb_putc(&line, ' ');
		put_clean(&line, parts[i]);
	}
	sb_printf(&line, " %d %lld.%03lldms", status, (long long)(micros / 1000),
		  (long long)(micros % 1000));
	write_line(access_fd, &line);
}
