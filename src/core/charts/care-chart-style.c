/* care-chart-style.c — the colours and font a chart is drawn with
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The defaults are libadwaita 1.2's named colours and the GNOME palette, so
 * an exported PNG looks like the chart on screen.
 */
#include "config.h"

#include "care-chart-style.h"

#include <string.h>

/**
 * care_chart_color_parse_hex:
 * @color: (out): the colour
 * @hex: "#rrggbb" or "#rrggbbaa"
 *
 * Parses a colour; anything malformed gives opaque black.
 */
void
care_chart_color_parse_hex (CareChartColor *color,
                            const char     *hex)
{
  guint v[4] = { 0, 0, 0, 255 };
  gsize len;

  g_return_if_fail (color != NULL);

  if (hex != NULL && hex[0] == '#')
    hex++;
  len = hex != NULL ? strlen (hex) : 0;
  if (len == 6 || len == 8)
    {
      for (guint i = 0; i < len / 2; i++)
        {
          int hi = g_ascii_xdigit_value (hex[2 * i]);
          int lo = g_ascii_xdigit_value (hex[2 * i + 1]);

          if (hi < 0 || lo < 0)
            {
              v[0] = v[1] = v[2] = 0;
              v[3] = 255;
              break;
            }
          v[i] = (guint) (hi * 16 + lo);
        }
    }

  color->red = v[0] / 255.f;
  color->green = v[1] / 255.f;
  color->blue = v[2] / 255.f;
  color->alpha = v[3] / 255.f;
}

static void
set_rgba (CareChartColor *color,
          const char     *hex,
          float           alpha)
{
  care_chart_color_parse_hex (color, hex);
  color->alpha = alpha;
}

/**
 * care_chart_style_init:
 * @style: (out caller-allocates): the style
 * @dark: the dark variant
 *
 * Fills @style with the Adwaita light or dark colours and Cantarell at
 * 13 px, a little under GNOME's 11 pt interface text, as axis labels are.
 */
void
care_chart_style_init (CareChartStyle *style,
                       gboolean        dark)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->dark = dark;
  style->font_family = "Cantarell";
  style->font_size = 13.0;

  if (!dark)
    {
      set_rgba (&style->background, "#ffffff", 1.0f);      /* view_bg_color */
      set_rgba (&style->foreground, "#000000", 0.8f);      /* view_fg_color */
      set_rgba (&style->grid, "#000000", 0.09f);
      set_rgba (&style->accent, "#1c71d8", 1.0f);          /* accent_color */
      set_rgba (&style->warning, "#c64600", 1.0f);         /* orange 5, readable on white */
      set_rgba (&style->error, "#c01c28", 1.0f);           /* error_color */
      set_rgba (&style->success, "#26a269", 1.0f);         /* green 5 */
      set_rgba (&style->series[0], "#1c71d8", 1.0f);       /* blue 4 */
      set_rgba (&style->series[1], "#813d9c", 1.0f);       /* purple 4 */
      set_rgba (&style->series[2], "#1a936f", 1.0f);       /* teal */
      set_rgba (&style->series[3], "#986a44", 1.0f);       /* brown 3 */
    }
  else
    {
      set_rgba (&style->background, "#1e1e1e", 1.0f);
      set_rgba (&style->foreground, "#ffffff", 1.0f);
      set_rgba (&style->grid, "#ffffff", 0.10f);
      set_rgba (&style->accent, "#78aeed", 1.0f);
      set_rgba (&style->warning, "#ffa348", 1.0f);         /* orange 2 */
      set_rgba (&style->error, "#ff7b63", 1.0f);
      set_rgba (&style->success, "#8ff0a4", 1.0f);         /* green 1 */
      set_rgba (&style->series[0], "#78aeed", 1.0f);
      set_rgba (&style->series[1], "#dc8add", 1.0f);       /* purple 2 */
      set_rgba (&style->series[2], "#5bc8af", 1.0f);
      set_rgba (&style->series[3], "#cdab8f", 1.0f);       /* brown 2 */
    }
}
