/* instream.c - an input file as a stdio stream: UTF-8 from ISO-8859-15
 * when asked, its first line peeked. */
#define _GNU_SOURCE /* fopencookie */
#include "instream.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define RAW_CHUNK (16 * 1024)
#define OUT_CAP (4 * RAW_CHUNK) /* a Latin-9 byte is at most 3 UTF-8 bytes */

struct dn_instream {
	FILE *fp;
	int own;      /* opened here: closed here */
	iconv_t cd;   /* (iconv_t)-1 when no conversion */
	FILE *stream; /* the cookie stream over this */
	char raw[RAW_CHUNK];
	char out[OUT_CAP]; /* converted (or peeked) bytes not yet handed out */
	size_t outpos, outlen;
	int eof, err;
};

/* Read more raw bytes and append them, converted, to out. */
static int src_fill(dn_instream *s)
{
	size_t n, room;
	char *in, *o;
	size_t inleft, outleft;

	if (s->outpos > 0) {
		memmove(s->out, s->out + s->outpos, s->outlen - s->outpos);
		s->outlen -= s->outpos;
		s->outpos = 0;
	}
	room = OUT_CAP - s->outlen;
	if (s->eof || room < 3 * RAW_CHUNK / 4)
		return 0;
	n = s->cd == (iconv_t)-1 ? room : room / 3;
	n = fread(s->raw, 1, n < RAW_CHUNK ? n : RAW_CHUNK, s->fp);
	if (n == 0) {
		s->eof = 1;
		s->err = ferror(s->fp) ? errno : 0;
		return s->err ? -1 : 0;
	}
	if (s->cd == (iconv_t)-1) {
		memcpy(s->out + s->outlen, s->raw, n);
		s->outlen += n;
		return 0;
	}
	in = s->raw;
	inleft = n;
	o = s->out + s->outlen;
	outleft = room;
	/* Every Latin-9 byte has a character: iconv cannot stop half-way. */
	if (iconv(s->cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
		s->err = errno;
		return -1;
	}
	s->outlen = (size_t)(o - s->out);
	return 0;
}

static ssize_t src_read(void *cookie, char *buf, size_t size)
{
	dn_instream *s = cookie;
	size_t n;

	if (s->outpos == s->outlen) {
		if (s->cd == (iconv_t)-1 && !s->eof) {
			/* Nothing converted or peeked: read straight into stdio's buffer. */
			n = fread(buf, 1, size, s->fp);
			if (n == 0 && ferror(s->fp)) {
				errno = errno ? errno : EIO;
				return -1;
			}
			return (ssize_t)n;
		}
		s->outpos = s->outlen = 0;
		if (src_fill(s) != 0) {
			errno = s->err;
			return -1;
		}
	}
	n = s->outlen - s->outpos;
	if (n > size)
		n = size;
	memcpy(buf, s->out + s->outpos, n);
	s->outpos += n;
	return (ssize_t)n;
}

int dn_instream_first_line(dn_instream *s, const char **line, size_t *len)
{
	const char *lf;
	size_t start = 0;

	while (!s->eof && memchr(s->out, '\n', s->outlen) == NULL && s->outlen < OUT_CAP / 2)
		if (src_fill(s) != 0)
			return -1;
	if (s->outlen >= 3 && memcmp(s->out, "\xef\xbb\xbf", 3) == 0)
		start = 3;
	lf = memchr(s->out + start, '\n', s->outlen - start);
	*line = s->out + start;
	*len = (lf ? (size_t)(lf - s->out) : s->outlen) - start;
	while (*len > 0 && (*line)[*len - 1] == '\r')
		(*len)--;
	return 0;
}

static int src_close(void *cookie)
{
	(void)cookie;
	return 0;
}

dn_instream *dn_instream_open(const char *path, int latin9, dn_error *e)
{
	cookie_io_functions_t io = {src_read, NULL, NULL, src_close};
	dn_instream *s = calloc(1, sizeof *s);

	if (s == NULL) {
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	s->cd = (iconv_t)-1;
	if (path == NULL || strcmp(path, "-") == 0) {
		s->fp = stdin;
	} else if ((s->fp = fopen(path, "rb")) == NULL) {
		dn_error_set(e, DN_EX_NOINPUT, "cannot open: %s", strerror(errno));
		dn_error_where(e, path, 0);
		free(s);
		return NULL;
	} else {
		s->own = 1;
	}
	if (latin9 && (s->cd = iconv_open("UTF-8", "ISO-8859-15")) == (iconv_t)-1) {
		dn_error_set(e, DN_EX_SOFTWARE, "iconv cannot convert ISO-8859-15: %s",
			     strerror(errno));
		dn_instream_free(s);
		return NULL;
	}
	if ((s->stream = fopencookie(s, "r", io)) == NULL) {
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		dn_instream_free(s);
		return NULL;
	}
	return s;
}

void dn_instream_free(dn_instream *s)
{
	if (s == NULL)
		return;
	if (s->stream != NULL)
		fclose(s->stream);
	if (s->own)
		fclose(s->fp);
	if (s->cd != (iconv_t)-1)
		iconv_close(s->cd);
	free(s);
}

FILE *dn_instream_file(dn_instream *s)
{
	return s->stream;
}

int dn_instream_errno(const dn_instream *s)
{
	return s->err;
}
