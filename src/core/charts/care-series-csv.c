/* care-series-csv.c — series as CSV for spreadsheets
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file must read the same everywhere: numbers always use '.', times
 * are ISO 8601 in UTC, and fields follow RFC 4180 quoting. Text from the
 * portal (names, units, health systems) may start with '=', '+', '-' or
 * '@', which spreadsheets run as formulas, so such text gets a leading
 * apostrophe; numbers are never touched.
 */
#include "config.h"

#include "care-series.h"

#include <math.h>
#include <string.h>

static void
append_text_field (GString    *out,
                   const char *text)
{
  gboolean quote;

  if (text == NULL)
    text = "";

  quote = strpbrk (text, ",\"\r\n") != NULL || text[0] == ' ' ||
          (text[0] != '\0' && text[strlen (text) - 1] == ' ');

  if (quote)
    g_string_append_c (out, '"');
  if (text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
    g_string_append_c (out, '\'');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  if (quote)
    g_string_append_c (out, '"');
}

static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return;
  /* 15 significant digits print converted values without binary noise
   * (68.0388555 kg, not 68.038855499999999). */
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

static void
append_time (GString *out,
             gint64   time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);
  g_autofree char *text = NULL;

  if (dt == NULL)
    return;
  text = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
  g_string_append (out, text);
}

/**
 * care_series_to_csv:
 * @series: (array length=n_series): the series to export
 * @n_series: how many
 *
 * One row per point: `code,name,time,value,unit,low,high,flag,source`,
 * with a header row; empty fields where a point has no range or flag.
 *
 * Returns: (transfer full): the CSV text, CRLF line ends as RFC 4180 asks
 */
char *
care_series_to_csv (CareSeries **series,
                    guint        n_series)
{
  GString *out = g_string_new ("code,name,time,value,unit,low,high,flag,source\r\n");

  g_return_val_if_fail (series != NULL || n_series == 0, g_string_free (out, FALSE));

  for (guint s = 0; s < n_series; s++)
    {
      guint n = 0;
      const CareSeriesPoint *points = care_series_get_points (series[s], &n);

      for (guint i = 0; i < n; i++)
        {
          const CareSeriesPoint *p = &points[i];

          append_text_field (out, care_series_get_code (series[s]));
          g_string_append_c (out, ',');
          append_text_field (out, care_series_get_display_name (series[s]));
          g_string_append_c (out, ',');
          append_time (out, p->time);
          g_string_append_c (out, ',');
          append_number (out, p->value);
          g_string_append_c (out, ',');
          append_text_field (out, care_series_get_unit (series[s]));
          g_string_append_c (out, ',');
          append_number (out, p->low);
          g_string_append_c (out, ',');
          append_number (out, p->high);
          g_string_append_c (out, ',');
          g_string_append (out, care_interpretation_to_code (care_series_point_get_flag (p)));
          g_string_append_c (out, ',');
          append_text_field (out, p->source);
          g_string_append (out, "\r\n");
        }
    }

  return g_string_free (out, FALSE);
}

/**
 * care_series_write_csv:
 * @series: (array length=n_series): the series to export
 * @n_series: how many
 * @stream: where to write
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Writes care_series_to_csv() to @stream. The text is small (a few MB
 * for years of daily readings), so building it first costs little.
 *
 * Returns: %TRUE on success
 */
gboolean
care_series_write_csv (CareSeries    **series,
                       guint           n_series,
                       GOutputStream  *stream,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  text = care_series_to_csv (series, n_series);
  return g_output_stream_write_all (stream, text, strlen (text), NULL, cancellable, error);
}
