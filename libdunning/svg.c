/* svg.c - the line chart of svg.h. */
#include "svg.h"

#include <string.h>

#include "money.h"

enum { WIDTH = 800, HEIGHT = 420, LEFT = 90, RIGHT = 170, TOP = 50, BOTTOM = 80 };
#define PLOT_W (WIDTH - LEFT - RIGHT)
#define PLOT_H (HEIGHT - TOP - BOTTOM)
#define VALUE_MAX ((int64_t)10000000000000000LL)

static const char *const palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
				      "#9467bd", "#8c564b", "#e377c2", "#17becf"};

/* Text as SVG character data. */
static void put_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		default:
			putc(*s, out);
		}
	}
}

/* A round tick step (1, 2 or 5 times a power of ten) giving at most about
 * six ticks over range. */
static int64_t tick_step(int64_t range)
{
	int64_t p = 1;

	for (;;) {
		if (range <= p * 6)
			return p;
		if (range <= p * 2 * 6)
			return p * 2;
		if (range <= p * 5 * 6)
			return p * 5;
		p *= 10;
	}
}

static int64_t floor_to(int64_t v, int64_t step)
{
	int64_t q = v / step;

	if (v % step != 0 && v < 0)
		q--;
	return q * step;
}

static int64_t ceil_to(int64_t v, int64_t step)
{
	int64_t q = v / step;

	if (v % step != 0 && v > 0)
		q++;
	return q * step;
}

struct frame {
	int64_t lo, hi, step;
	size_t nx;
};

static long x_of(const struct frame *f, size_t i)
{
	if (f->nx == 1)
		return LEFT + PLOT_W / 2;
	return LEFT + (long)((dn_i128)PLOT_W * (dn_i128)i / (dn_i128)(f->nx - 1));
}

static long y_of(const struct frame *f, int64_t v)
{
	return TOP + PLOT_H - (long)((dn_i128)PLOT_H * (v - f->lo) / (f->hi - f->lo));
}

/* A tick label: hundredths without useless decimals ("50", "12.5"). */
static void tick_label(int64_t v, char *buf)
{
	size_t n = dn_money_format(v, 2, buf);

	if (n >= 3 && strcmp(buf + n - 3, ".00") == 0)
		buf[n - 3] = '\0';
	else if (buf[n - 1] == '0')
		buf[n - 1] = '\0';
}

static int frame_of(struct frame *f, size_t nx, const dn_svg_series *s, size_t ns)
{
	size_t i, k;

	f->lo = f->hi = 0;
	f->nx = nx;
	for (k = 0; k < ns; k++)
		for (i = 0; i < nx; i++) {
			if (!s[k].has[i])
				continue;
			if (s[k].v[i] > VALUE_MAX || s[k].v[i] < -VALUE_MAX)
				return -1;
			if (s[k].v[i] < f->lo)
				f->lo = s[k].v[i];
			if (s[k].v[i] > f->hi)
				f->hi = s[k].v[i];
		}
	if (f->hi == f->lo)
		f->hi = f->lo + 100;
	f->step = tick_step(f->hi - f->lo);
	f->lo = floor_to(f->lo, f->step);
	f->hi = ceil_to(f->hi, f->step);
	return 0;
}

static void axes(FILE *out, const struct frame *f, const char *ylabel,
		 const char *const *xlabels)
{
	size_t i, every = f->nx > 12 ? (f->nx + 11) / 12 : 1;
	char buf[DN_MONEY_BUFSZ];
	int64_t t;

	for (t = f->lo; t <= f->hi; t += f->step) {
		long y = y_of(f, t);
		tick_label(t, buf);
		fprintf(out,
			"<line x1=\"%d\" y1=\"%ld\" x2=\"%d\" y2=\"%ld\" stroke=\"#dddddd\"/>\n"
			"<text x=\"%d\" y=\"%ld\" text-anchor=\"end\">%s</text>\n",
			LEFT, y, LEFT + PLOT_W, y, LEFT - 8, y + 4, buf);
	}
	fprintf(out,
		"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000000\"/>\n"
		"<line x1=\"%d\" y1=\"%ld\" x2=\"%d\" y2=\"%ld\" stroke=\"#000000\"/>\n",
		LEFT, TOP, LEFT, TOP + PLOT_H, LEFT, y_of(f, f->lo), LEFT + PLOT_W,
		y_of(f, f->lo));
	for (i = 0; i < f->nx; i++) {
		long x = x_of(f, i);
		fprintf(out, "<line x1=\"%ld\" y1=\"%d\" x2=\"%ld\" y2=\"%d\" stroke=\"#000000\"/>\n",
			x, TOP + PLOT_H, x, TOP + PLOT_H + 5);
		if (i % every != 0 && i + 1 != f->nx)
			continue;
		fprintf(out,
			"<text x=\"%ld\" y=\"%d\" text-anchor=\"end\" "
			"transform=\"rotate(-35 %ld %d)\">",
			x, TOP + PLOT_H + 18, x, TOP + PLOT_H + 18);
		put_text(out, xlabels[i]);
		fputs("</text>\n", out);
	}
	fprintf(out,
		"<text x=\"20\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 20 %d)\">",
		TOP + PLOT_H / 2, TOP + PLOT_H / 2);
	put_text(out, ylabel);
	fputs("</text>\n", out);
}

static void line(FILE *out, const struct frame *f, const dn_svg_series *s, const char *color)
{
	size_t i;
	int open = 0;

	for (i = 0; i <= f->nx; i++) {
		if (i < f->nx && s->has[i]) {
			if (open)
				fprintf(out, " %ld,%ld", x_of(f, i), y_of(f, s->v[i]));
			else
				fprintf(out,
					"<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
					"points=\"%ld,%ld",
					color, x_of(f, i), y_of(f, s->v[i]));
			open = 1;
			continue;
		}
		if (open)
			fputs("\"/>\n", out);
		open = 0;
	}
	for (i = 0; i < f->nx; i++)
		if (s->has[i])
			fprintf(out, "<circle cx=\"%ld\" cy=\"%ld\" r=\"3\" fill=\"%s\"/>\n",
				x_of(f, i), y_of(f, s->v[i]), color);
}

int dn_svg_line_chart(FILE *out, const char *title, const char *ylabel,
		      const char *const *xlabels, size_t nx, const dn_svg_series *s,
		      size_t ns)
{
	struct frame f;
	size_t k;

	if (nx == 0 || ns == 0 || frame_of(&f, nx, s, ns) != 0)
		return -1;
	fprintf(out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n"
		"<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n"
		"<text x=\"%d\" y=\"28\" text-anchor=\"middle\" font-size=\"16\">",
		WIDTH, HEIGHT, WIDTH, HEIGHT, WIDTH, HEIGHT, LEFT + PLOT_W / 2);
	put_text(out, title);
	fputs("</text>\n", out);
	axes(out, &f, ylabel, xlabels);
	for (k = 0; k < ns; k++) {
		const char *color = palette[k % (sizeof palette / sizeof palette[0])];
		long y = TOP + 10 + (long)k * 20;
		line(out, &f, &s[k], color);
		fprintf(out,
			"<rect x=\"%d\" y=\"%ld\" width=\"14\" height=\"4\" fill=\"%s\"/>\n"
			"<text x=\"%d\" y=\"%ld\">",
			LEFT + PLOT_W + 16, y - 4, color, LEFT + PLOT_W + 36, y);
		put_text(out, s[k].label);
		fputs("</text>\n", out);
	}
	fputs("</svg>\n", out);
	return 0;
}
