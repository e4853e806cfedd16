/* passthrough — the "parse + rewrite" baseline of the aging benchmark.
 *
 *   passthrough [-t] [FILE...]     (no FILE, or -, reads stdin)
 *
 * Plain libcsv: csv_init(CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL), no
 * trimming, 64 KiB read chunks; every field is written back with minimal
 * quoting (only when it holds , " CR or LF), LF line ends, through a 1 MiB
 * output buffer. No header handling, no validation beyond libcsv's own:
 * the least work any CSV filter built on libcsv has to do.
 * -t reads and writes tab-separated fields without quoting (a FEC: quotes
 * are ordinary characters there, libcsv's quote is set to 0xFF as
 * openitems does), fields with a tab, CR or LF quoted on output.
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OUTSZ (1u << 20)

struct out {
	char buf[OUTSZ];
	size_t len;
	int first; /* next field is the first of its row */
};

static void die(const char *what, const char *arg)
{
	fprintf(stderr, "passthrough: %s%s%s\n", what, arg ? ": " : "", arg ? arg : "");
	exit(74);
}

static void flush_out(struct out *o)
{
	size_t off = 0;
	while (off < o->len) {
		ssize_t n = write(STDOUT_FILENO, o->buf + off, o->len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die("write error", strerror(errno));
		}
		off += (size_t)n;
	}
	o->len = 0;
}

static void emit(struct out *o, const char *s, size_t n)
{
	if (n > OUTSZ - o->len) {
		flush_out(o);
		if (n > OUTSZ) {
			/* a huge field: write it directly */
			o->len = 0;
			size_t off = 0;
			while (off < n) {
				ssize_t w = write(STDOUT_FILENO, s + off, n - off);
				if (w < 0) {
					if (errno == EINTR)
						continue;
					die("write error", strerror(errno));
				}
				off += (size_t)w;
			}
			return;
		}
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void emit1(struct out *o, char c)
{
	if (o->len == OUTSZ)
		flush_out(o);
	o->buf[o->len++] = c;
}

static char delim = ',';

static void on_field(void *field, size_t len, void *data)
{
	struct out *o = data;
	const char *s = field;
	if (!o->first)
		emit1(o, delim);
	o->first = 0;
	if (len == 0)
		return;
	int quote = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == delim || (c == '"' && delim == ',') || c == '\r' || c == '\n') {
			quote = 1;
			break;
		}
	}
	if (!quote) {
		emit(o, s, len);
		return;
	}
	emit1(o, '"');
	const char *p = s, *end = s + len;
	while (p < end) {
		const char *q = memchr(p, '"', (size_t)(end - p));
		if (!q) {
			emit(o, p, (size_t)(end - p));
			break;
		}
		emit(o, p, (size_t)(q - p) + 1);
		emit1(o, '"');
		p = q + 1;
	}
	emit1(o, '"');
}

static void on_row(int term, void *data)
{
	struct out *o = data;
	(void)term;
	emit1(o, '\n');
	o->first = 1;
}

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static struct out out = { .first = 1 };
static char inbuf[1 << 16];

static void run(struct csv_parser *p, int fd, const char *name)
{
	for (;;) {
		ssize_t n = read(fd, inbuf, sizeof inbuf);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die(name, strerror(errno));
		}
		if (n == 0)
			break;
		if (csv_parse(p, inbuf, (size_t)n, on_field, on_row, &out) != (size_t)n) {
			fprintf(stderr, "passthrough: %s: %s\n", name, csv_strerror(csv_error(p)));
			exit(65);
		}
	}
	if (csv_fini(p, on_field, on_row, &out) != 0) {
		fprintf(stderr, "passthrough: %s: %s\n", name, csv_strerror(csv_error(p)));
		exit(65);
	}
}

int main(int argc, char **argv)
{
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		die("csv_init failed", NULL);
	csv_set_space_func(&p, no_space);
	if (argc > 1 && strcmp(argv[1], "-t") == 0) {
		delim = '\t';
		csv_set_delim(&p, '\t');
		csv_set_quote(&p, 0xff);
		argv++;
		argc--;
	}

	if (argc < 2) {
		run(&p, STDIN_FILENO, "<stdin>");
	} else {
		for (int i = 1; i < argc; i++) {
			if (strcmp(argv[i], "-") == 0) {
				run(&p, STDIN_FILENO, "<stdin>");
				continue;
			}
			int fd = open(argv[i], O_RDONLY);
			if (fd < 0) {
				fprintf(stderr, "passthrough: %s: %s\n", argv[i], strerror(errno));
				return 66;
			}
			run(&p, fd, argv[i]);
			close(fd);
		}
	}
	csv_free(&p);
	flush_out(&out);
	return 0;
}
