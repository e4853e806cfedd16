/* test_svg.c - the line chart: a well-formed document with axes, ticks,
 * labels (escaped), one line and legend entry per series, gaps kept. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svg.h"
#include "unit.h"

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (; (hay = strstr(hay, needle)) != NULL; hay++)
		n++;
	return n;
}

/* Render into a string (malloc'd). */
static char *render(const char *title, const char *const *xl, size_t nx,
		    const dn_svg_series *s, size_t ns, int *rc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	*rc = dn_svg_line_chart(fp, title, "dso", xl, nx, s, ns);
	fclose(fp);
	return buf;
}

static void test_chart(void)
{
	static const char *const xl[] = {"2026-01", "2026-02", "2026-03", "2026-04"};
	int64_t eur[] = {3650, 4000, 0, 2500}, gbp[] = {-1000, 1200, 1500, 1800};
	unsigned char all[] = {1, 1, 1, 1}, gap[] = {1, 1, 0, 1};
	dn_svg_series s[2] = {{"EUR", eur, gap}, {"B&B <GBP>", gbp, all}};
	int rc;
	char *svg = render("dso, 2026-01-01 .. 2026-04-30", xl, 4, s, 2, &rc);

	CHECK(rc == 0 && svg != NULL);
	if (svg == NULL)
		return;
	CHECK(strncmp(svg, "<?xml", 5) == 0);
	CHECK(strstr(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"") != NULL);
	CHECK(strstr(svg, "</svg>\n") != NULL);
	/* EUR has a gap: two polylines; GBP one. */
	CHECK(count(svg, "<polyline") == 3);
	CHECK(count(svg, "<circle") == 7);
	/* Labels escaped; every x label shown. */
	CHECK(strstr(svg, "B&amp;B &lt;GBP&gt;") != NULL);
	CHECK(count(svg, ">2026-0") == 4);
	/* Ticks cover -10 .. 40 in round steps, 0 included. */
	CHECK(strstr(svg, ">-10</text>") != NULL);
	CHECK(strstr(svg, ">0</text>") != NULL);
	CHECK(strstr(svg, ">40</text>") != NULL);
	CHECK(strstr(svg, "script") == NULL && strstr(svg, "href") == NULL);
	free(svg);
}

static void test_edges(void)
{
	static const char *const xl[] = {"only"};
	int64_t v[] = {5};
	unsigned char has[] = {1}, none[] = {0};
	dn_svg_series s = {"EUR", v, has}, empty = {"EUR", v, none};
	int rc;
	char *svg = render("t", xl, 1, &s, 1, &rc);

	CHECK(rc == 0 && svg != NULL && count(svg, "<circle") == 1);
	free(svg);
	svg = render("t", xl, 1, &empty, 1, &rc);
	CHECK(rc == 0 && svg != NULL && count(svg, "<polyline") == 0);
	free(svg);
	svg = render("t", xl, 0, &s, 1, &rc);
	CHECK(rc == -1);
	free(svg);
}

int main(void)
{
	test_chart();
	test_edges();
	DONE();
}
