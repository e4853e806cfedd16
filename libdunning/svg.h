/* svg.h - a self-contained SVG line chart (no script, no external font or
 * style), for trends people look at: axes, ticks, labels, a legend, one
 * line per series.  Integer arithmetic only: values are whole numbers in
 * hundredths (12.34 is 1234), pixel positions whole pixels.
 */
#ifndef DN_SVG_H
#define DN_SVG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* One line: nx values (hundredths); has[i] == 0 leaves a gap. */
typedef struct dn_svg_series {
	const char *label;       /* borrowed */
	const int64_t *v;        /* borrowed, nx values */
	const unsigned char *has; /* borrowed, nx flags */
} dn_svg_series;

/* Write the chart to out: title on top, the x labels (nx, borrowed) under
 * the x axis (every one, or every k-th when there are many), a y axis
 * with round ticks covering every value and 0, the series in a fixed
 * palette with a legend.  Returns 0, or -1 when nx or ns is 0 or a
 * value is beyond +/-10^16. */
int dn_svg_line_chart(FILE *out, const char *title, const char *ylabel,
		      const char *const *xlabels, size_t nx, const dn_svg_series *s,
		      size_t ns);

#endif
