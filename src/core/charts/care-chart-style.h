/* care-chart-style.h — the colours and font a chart is drawn with
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CareChartColor:
 * @red: 0 to 1
 * @green: 0 to 1
 * @blue: 0 to 1
 * @alpha: 0 to 1
 *
 * A colour, laid out like GdkRGBA so the widget can copy one in.
 */
typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} CareChartColor;

#define CARE_CHART_N_SERIES_COLORS 4

/**
 * CareChartStyle:
 * @background: the plot background (alpha 0 leaves the widget's own)
 * @foreground: text and axis colour
 * @grid: grid lines
 * @accent: the first series, focus rings
 * @warning: high and low results
 * @error: critical results
 * @success: the reference band (drawn translucent)
 * @series: colours of the first, second … series (the first is the accent)
 * @font_family: (nullable): the font family, "Cantarell" when %NULL
 * @font_size: the font size in pixels
 * @dark: whether the style is dark (picks contrasts, e.g. for the band)
 *
 * What a chart looks like. The widgets fill it from the libadwaita style;
 * tests and exports use care_chart_style_init().
 */
typedef struct
{
  CareChartColor  background;
  CareChartColor  foreground;
  CareChartColor  grid;
  CareChartColor  accent;
  CareChartColor  warning;
  CareChartColor  error;
  CareChartColor  success;
  CareChartColor  series[CARE_CHART_N_SERIES_COLORS];
  const char     *font_family;
  double          font_size;
  gboolean        dark;
} CareChartStyle;

void care_chart_style_init          (CareChartStyle       *style,
                                     gboolean              dark);
void care_chart_color_parse_hex     (CareChartColor       *color,
                                     const char           *hex);

G_END_DECLS
