/* care-chart-widget-style.c — chart colours from the libadwaita style
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Charts draw with plain colours (core has no GTK); this fills them from
 * libadwaita's named colours, so the charts follow light, dark and high
 * contrast styles and any recolouring the app's CSS does.
 */
#include "config.h"

#include "care-chart-widget-style.h"

static void
lookup (GtkStyleContext *context,
        const char      *name,
        CareChartColor  *color)
{
  GdkRGBA rgba;

  /* Keep the fallback from care_chart_style_init() if a name is missing. */
  if (!gtk_style_context_lookup_color (context, name, &rgba))
    return;
  color->red = rgba.red;
  color->green = rgba.green;
  color->blue = rgba.blue;
  color->alpha = rgba.alpha;
}

/**
 * care_chart_style_from_widget:
 * @style: (out caller-allocates): the style to fill
 * @widget: the chart widget
 *
 * Starts from the Adwaita defaults for the current light or dark style and
 * overrides them with the named colours the widget's style provides.
 */
void
care_chart_style_from_widget (CareChartStyle *style,
                              GtkWidget      *widget)
{
  AdwStyleManager *manager = adw_style_manager_get_for_display (gtk_widget_get_display (widget));
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA fg;

  care_chart_style_init (style, adw_style_manager_get_dark (manager));

  lookup (context, "view_bg_color", &style->background);
  lookup (context, "view_fg_color", &style->foreground);
  lookup (context, "accent_color", &style->accent);
  lookup (context, "accent_color", &style->series[0]);
  lookup (context, "warning_color", &style->warning);
  lookup (context, "error_color", &style->error);
  lookup (context, "success_color", &style->success);

  /* The grid is the foreground, faint, as libadwaita draws separators. */
  gtk_style_context_get_color (context, &fg);
  style->grid.red = fg.red;
  style->grid.green = fg.green;
  style->grid.blue = fg.blue;
  style->grid.alpha = style->dark ? 0.10f : 0.09f;
}
