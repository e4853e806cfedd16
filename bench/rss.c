/* rss — run a command, report its wall time and peak resident set size.
 *
 *   rss CMD [ARG...]
 *
 * Forks and execs CMD (PATH search) with stdin, stdout and stderr inherited,
 * waits for it and reports
 *     rss: wall_s=1.234567 maxrss_kib=1234 exit=0 cpu_s=1.200000 cmd=CMD
 * on stderr, or, when $RSS_OUT names a file, appends the line
 *     1.234567 1234 0 1.200000
 * (wall seconds, peak RSS in KiB, exit status, CPU seconds: user + system,
 * of all threads) to that file instead.  On a busy machine the CPU time of a
 * single-threaded command moves much less than its wall time.
 * Wall time is CLOCK_MONOTONIC; peak RSS is ru_maxrss of the child (KiB on
 * Linux) from getrusage(RUSAGE_CHILDREN) after waitpid(): rss has exactly one
 * child, so that is the child's own peak (plain POSIX, unlike wait4).
 * rss exits with the child's status, 128+N if it died of signal N, 127 if
 * CMD could not be run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: rss CMD [ARG...]\n", stderr);
		return 64;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "rss: fork: %s\n", strerror(errno));
		return 71;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		fprintf(stderr, "rss: %s: %s\n", argv[1], strerror(errno));
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "rss: waitpid: %s\n", strerror(errno));
			return 71;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	struct rusage ru;
	memset(&ru, 0, sizeof ru);
	getrusage(RUSAGE_CHILDREN, &ru);
	double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	double cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
		     (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
	int code = WIFEXITED(status) ? WEXITSTATUS(status)
		 : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1;

	const char *path = getenv("RSS_OUT");
	if (path && *path) {
		FILE *f = fopen(path, "a");
		if (!f) {
			fprintf(stderr, "rss: %s: %s\n", path, strerror(errno));
			return 74;
		}
		fprintf(f, "%.6f %ld %d %.6f\n", wall, (long)ru.ru_maxrss, code, cpu);
		if (fclose(f) != 0) {
			fprintf(stderr, "rss: %s: %s\n", path, strerror(errno));
			return 74;
		}
	} else {
		fprintf(stderr, "rss: wall_s=%.6f maxrss_kib=%ld exit=%d cpu_s=%.6f cmd=%s\n",
			wall, (long)ru.ru_maxrss, code, cpu, argv[1]);
	}
	return code;
}
