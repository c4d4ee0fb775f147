/*
 * FastCGI hello world: the bench's yardstick for "what FastCGI itself costs here".
 *
 *   hello -s SOCKETPATH [-w WORKERS]
 *
 * Opens a Unix socket with libfcgi (mode 0660: owner and group, like the portal's
 * programs), forks WORKERS prefork children (default 4), each answering every request
 * with "hello\n" in a single-threaded FCGX_Accept_r loop. The parent only waits: on
 * SIGTERM or SIGINT it forwards the signal to the children, waits for them (at most
 * 5 s, then SIGKILL), removes the socket and exits 0. A child that dies on its own is
 * replaced, unless workers keep dying (more than 3 * WORKERS deaths: the parent
 * gives up, exit 1).
 *
 * Built by the Makefile into $(BUILD)/tests/bench/hello; started by scripts/bench.
 */
#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORKERS 256
#define LISTEN_BACKLOG 1024

static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* In a child: finish the request in progress, then leave the accept loop. */
static void on_stop_child(int sig)
{
	(void)sig;
	stop_requested = 1;
	FCGX_ShutdownPending();
}

static int set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: accept() and waitpid() return EINTR */
	return sigaction(sig, &sa, NULL);
}

static void usage(void)
{
	fprintf(stderr, "usage: hello -s SOCKETPATH [-w WORKERS]  (1..%d workers, default 4)\n",
		MAX_WORKERS);
	exit(2);
}

static int serve(int listen_fd)
{
	FCGX_Request req;

	if (set_handler(SIGTERM, on_stop_child) != 0 || set_handler(SIGINT, on_stop_child) != 0) {
		perror("hello: sigaction");
		return 1;
	}
	signal(SIGPIPE, SIG_IGN); /* a client gone away is an error return, not a death */
	if (FCGX_InitRequest(&req, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
		fprintf(stderr, "hello: FCGX_InitRequest failed\n");
		return 1;
	}
	while (!stop_requested && FCGX_Accept_r(&req) >= 0) {
		FCGX_PutS("Content-Type: text/plain\r\n\r\nhello\n", req.out);
		FCGX_Finish_r(&req);
	}
	FCGX_Free(&req, 1);
	return 0;
}

static pid_t spawn(int listen_fd)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(serve(listen_fd));
	if (pid < 0)
		perror("hello: fork");
	return pid;
}

int main(int argc, char **argv)
{
	const char *path = NULL;
	long workers = 4;
	pid_t kids[MAX_WORKERS];
	int opt, fd, i, live, deaths = 0;
	struct stat st;
	char *end;

	while ((opt = getopt(argc, argv, "s:w:")) != -1) {
		switch (opt) {
		case 's':
			path = optarg;
			break;
		case 'w':
			errno = 0;
			workers = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || workers < 1 || workers > MAX_WORKERS)
				usage();
			break;
		default:
			usage();
		}
	}
	if (!path || !*path || optind != argc)
		usage();

	/* A socket left over by an earlier run would make bind() fail; remove only a socket. */
	if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode))
		unlink(path);

	if (FCGX_Init() != 0) {
		fprintf(stderr, "hello: FCGX_Init failed\n");
		return 1;
	}
	umask(0117); /* the socket comes out 0660 */
	fd = FCGX_OpenSocket(path, LISTEN_BACKLOG);
	if (fd < 0) {
		fprintf(stderr, "hello: cannot listen on %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (chmod(path, 0660) != 0) {
		fprintf(stderr, "hello: chmod %s: %s\n", path, strerror(errno));
		return 1;
	}

	/* Handlers before the first fork, so a SIGTERM that comes early is not lost. */
	if (set_handler(SIGTERM, on_stop) != 0 || set_handler(SIGINT, on_stop) != 0) {
		perror("hello: sigaction");
		return 1;
	}
	for (i = 0; i < workers; i++) {
		kids[i] = spawn(fd);
		if (kids[i] < 0) {
			stop_requested = 1;
			workers = i;
			break;
		}
	}
	fprintf(stderr, "hello: listening on %s with %ld workers\n", path, workers);

	/* Wait; replace a worker that died, unless we are stopping. */
	live = (int)workers;
	while (!stop_requested && live > 0) {
		int status;
		pid_t pid = waitpid(-1, &status, 0);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < workers; i++) {
			if (kids[i] != pid)
				continue;
			if (stop_requested) { /* a TERM to the whole group reached it first */
				kids[i] = -1;
				break;
			}
			fprintf(stderr, "hello: worker %d exited (status 0x%x)\n", (int)pid, status);
			kids[i] = -1;
			live--;
			if (++deaths > 3 * workers) {
				fprintf(stderr, "hello: workers keep dying: giving up\n");
				stop_requested = 1;
				break;
			}
			kids[i] = spawn(fd);
			if (kids[i] > 0)
				live++;
		}
	}

	/* Stop: forward SIGTERM, wait up to 5 s, then SIGKILL what is left. */
	for (i = 0; i < workers; i++)
		if (kids[i] > 0)
			kill(kids[i], SIGTERM);
	{
		struct timespec tick = {0, 50 * 1000 * 1000};
		int n;
		for (n = 0; n < 100; n++) {
			int left = 0;
			for (i = 0; i < workers; i++) {
				if (kids[i] <= 0)
					continue;
				pid_t r = waitpid(kids[i], NULL, WNOHANG);
				if (r == kids[i] || (r < 0 && errno == ECHILD))
					kids[i] = -1;
				else
					left++;
			}
			if (!left)
				break;
			nanosleep(&tick, NULL);
		}
		for (i = 0; i < workers; i++) {
			if (kids[i] > 0) {
				kill(kids[i], SIGKILL);
				waitpid(kids[i], NULL, 0);
			}
		}
	}
	close(fd);
	if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode))
		unlink(path);
	return (workers == 0 || deaths > 3 * workers) ? 1 : 0;
}
