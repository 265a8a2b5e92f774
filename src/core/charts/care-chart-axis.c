/* care-chart-axis.c — axis maths: ticks, visible range, pixels and hits
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Value ticks are "nice" numbers (1, 2, 2.5 or 5 times a power of ten).
 * Time ticks fall on calendar boundaries in the user's time zone (midnight,
 * Monday, the first of the month, New Year) and are aligned to a fixed
 * grid (every other month is always an odd month), so they do not jump
 * about while the user pans.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-chart-axis.h"
#include "care-time.h"

#include <math.h>

/**
 * care_chart_nice_number:
 * @value: a positive number
 * @round: round to the nearest nice number rather than up to one
 *
 * Returns: 1, 2, 2.5 or 5 (or 10) times the power of ten of @value
 */
double
care_chart_nice_number (double   value,
                        gboolean round)
{
  double exponent, fraction, nice;

  if (!(value > 0) || !isfinite (value))
    return 1.0;

  exponent = floor (log10 (value));
  fraction = value / pow (10.0, exponent);

  if (round)
    {
      if (fraction < 1.5)
        nice = 1;
      else if (fraction < 2.25)
        nice = 2;
      else if (fraction < 3.5)
        nice = 2.5;
      else if (fraction < 7.5)
        nice = 5;
      else
        nice = 10;
    }
  else
    {
      if (fraction <= 1)
        nice = 1;
      else if (fraction <= 2)
        nice = 2;
      else if (fraction <= 2.5)
        nice = 2.5;
      else if (fraction <= 5)
        nice = 5;
      else
        nice = 10;
    }

  return nice * pow (10.0, exponent);
}

/**
 * care_chart_nice_range:
 * @min_value: the smallest value to show
 * @max_value: the largest
 * @max_ticks: at most this many ticks (at least 2)
 * @out_min: (out): the axis start, a multiple of @out_step at or below @min_value
 * @out_max: (out): the axis end, a multiple at or above @max_value
 * @out_step: (out): the tick step
 *
 * A single value gets some room around it; non-finite input falls back to
 * 0–1, so a chart of broken data still draws.
 *
 * Returns: the number of ticks from @out_min to @out_max inclusive
 */
guint
care_chart_nice_range (double  min_value,
                       double  max_value,
                       guint   max_ticks,
                       double *out_min,
                       double *out_max,
                       double *out_step)
{
  double step = 1.0, lo, hi;
  guint n;

  max_ticks = MAX (max_ticks, 2);

  if (!isfinite (min_value) || !isfinite (max_value))
    {
      min_value = 0;
      max_value = 1;
    }
  if (min_value > max_value)
    {
      double tmp = min_value;

      min_value = max_value;
      max_value = tmp;
    }
  if (max_value - min_value <= fabs (max_value) * 1e-9)
    {
      /* One value: 10 % either side, and never a zero-height axis. */
      double pad = fabs (min_value) > 0 ? fabs (min_value) * 0.1 : 1.0;

      min_value -= pad;
      max_value += pad;
    }

  /* Try the nice steps from small to large until the ticks fit. */
  step = care_chart_nice_number ((max_value - min_value) / (max_ticks - 1), FALSE);
  for (int attempt = 0; attempt < 8; attempt++)
    {
      lo = floor (min_value / step) * step;
      hi = ceil (max_value / step) * step;
      n = (guint) llround ((hi - lo) / step) + 1;
      if (n <= max_ticks)
        break;
      step = care_chart_nice_number (step * 1.01, FALSE);
    }

  /* Avoid "-0" labels. */
  if (lo == 0)
    lo = 0;

  *out_min = lo;
  *out_max = hi;
  *out_step = step;
  return n;
}

typedef struct
{
  CareTimeUnit unit;
  guint        multiple;
  double       seconds;   /* roughly */
} TimeStep;

static const TimeStep time_steps[] = {
  { CARE_TIME_UNIT_HOUR,  1,  3600 },
  { CARE_TIME_UNIT_HOUR,  3,  3 * 3600 },
  { CARE_TIME_UNIT_HOUR,  6,  6 * 3600 },
  { CARE_TIME_UNIT_HOUR,  12, 12 * 3600 },
  { CARE_TIME_UNIT_DAY,   1,  86400 },
  { CARE_TIME_UNIT_DAY,   2,  2 * 86400 },
  { CARE_TIME_UNIT_WEEK,  1,  7 * 86400 },
  { CARE_TIME_UNIT_WEEK,  2,  14 * 86400 },
  { CARE_TIME_UNIT_MONTH, 1,  30.4375 * 86400 },
  { CARE_TIME_UNIT_MONTH, 2,  2 * 30.4375 * 86400 },
  { CARE_TIME_UNIT_MONTH, 3,  3 * 30.4375 * 86400 },
  { CARE_TIME_UNIT_MONTH, 6,  6 * 30.4375 * 86400 },
  { CARE_TIME_UNIT_YEAR,  1,  365.25 * 86400 },
  { CARE_TIME_UNIT_YEAR,  2,  2 * 365.25 * 86400 },
  { CARE_TIME_UNIT_YEAR,  5,  5 * 365.25 * 86400 },
  { CARE_TIME_UNIT_YEAR,  10, 10 * 365.25 * 86400 },
  { CARE_TIME_UNIT_YEAR,  20, 20 * 365.25 * 86400 },
  { CARE_TIME_UNIT_YEAR,  50, 50 * 365.25 * 86400 },
  { CARE_TIME_UNIT_YEAR,  100, 100 * 365.25 * 86400 },
};

/* The first tick at or before @dt on the step's grid. */
static GDateTime *
align_down (GDateTime      *dt,
            const TimeStep *step,
            GTimeZone      *tz)
{
  int y, m, d, h;
  gint64 k;

  g_date_time_get_ymd (dt, &y, &m, &d);
  h = g_date_time_get_hour (dt);

  switch (step->unit)
    {
    case CARE_TIME_UNIT_HOUR:
      return g_date_time_new (tz, y, m, d, h - h % (int) step->multiple, 0, 0);

    case CARE_TIME_UNIT_DAY:
      {
        GDate date;

        g_date_clear (&date, 1);
        g_date_set_dmy (&date, d, m, y);
        k = g_date_get_julian (&date) % step->multiple;
        g_date_subtract_days (&date, (guint) k);
        return g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 0, 0, 0);
      }

    case CARE_TIME_UNIT_WEEK:
      {
        GDate date;
        guint back;

        g_date_clear (&date, 1);
        g_date_set_dmy (&date, d, m, y);
        back = g_date_get_weekday (&date) - G_DATE_MONDAY;
        g_date_subtract_days (&date, back);
        /* Julian day 1 is a Monday, so Monday Julian days count whole weeks. */
        k = ((g_date_get_julian (&date) - 1) / 7) % step->multiple;
        g_date_subtract_days (&date, (guint) (k * 7));
        return g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 0, 0, 0);
      }

    case CARE_TIME_UNIT_MONTH:
      k = ((gint64) y * 12 + (m - 1)) % step->multiple;
      m -= (int) k;
      while (m < 1)
        {
          m += 12;
          y--;
        }
      return g_date_time_new (tz, y, m, 1, 0, 0, 0);

    case CARE_TIME_UNIT_YEAR:
    default:
      y -= y % (int) step->multiple;
      return g_date_time_new (tz, MAX (y, 1), 1, 1, 0, 0, 0);
    }
}

static GDateTime *
advance (GDateTime      *dt,
         const TimeStep *step,
         GTimeZone      *tz)
{
  int y, m, d;

  switch (step->unit)
    {
    case CARE_TIME_UNIT_HOUR:
      return g_date_time_add_hours (dt, step->multiple);
    case CARE_TIME_UNIT_DAY:
    case CARE_TIME_UNIT_WEEK:
      /* Built from the date, not by adding seconds, so a daylight-saving
       * change never moves a tick off midnight. */
      g_date_time_get_ymd (dt, &y, &m, &d);
      {
        GDate date;

        g_date_clear (&date, 1);
        g_date_set_dmy (&date, d, m, y);
        g_date_add_days (&date, step->multiple * (step->unit == CARE_TIME_UNIT_WEEK ? 7 : 1));
        return g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 0, 0, 0);
      }
    case CARE_TIME_UNIT_MONTH:
      return g_date_time_add_months (dt, step->multiple);
    case CARE_TIME_UNIT_YEAR:
    default:
      return g_date_time_add_years (dt, step->multiple);
    }
}

/**
 * care_chart_time_ticks:
 * @start: the axis start (Unix seconds)
 * @end: the axis end
 * @max_ticks: at most this many ticks
 * @tz: (nullable): the time zone; %NULL for local time
 *
 * Chooses the finest calendar step (hours, days, weeks, months, years)
 * that gives no more than @max_ticks ticks over the span.
 *
 * Returns: (transfer full) (element-type CareTimeTick): the ticks inside
 *   [@start, @end], in order
 */
GArray *
care_chart_time_ticks (gint64     start,
                       gint64     end,
                       guint      max_ticks,
                       GTimeZone *tz)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (CareTimeTick));
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) start_dt = NULL;
  g_autoptr(GDateTime) dt = NULL;
  const TimeStep *step = &time_steps[G_N_ELEMENTS (time_steps) - 1];
  double span = (double) end - (double) start;

  if (end <= start || max_ticks == 0)
    return ticks;

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  for (guint i = 0; i < G_N_ELEMENTS (time_steps); i++)
    {
      if (span / time_steps[i].seconds <= max_ticks)
        {
          step = &time_steps[i];
          break;
        }
    }

  start_dt = g_date_time_new_from_unix_utc (start);
  if (start_dt == NULL)
    return ticks;
  {
    g_autoptr(GDateTime) local_start = g_date_time_to_timezone (start_dt, tz);

    dt = align_down (local_start, step, tz);
  }

  /* The bound keeps a bad time zone from looping; a real axis never
   * comes near it. */
  for (guint guard = 0; dt != NULL && guard < max_ticks * 4 + 8; guard++)
    {
      gint64 t = g_date_time_to_unix (dt);
      GDateTime *next;

      if (t > end)
        break;
      if (t >= start)
        {
          CareTimeTick tick = { t, step->unit, step->multiple };

          g_array_append_val (ticks, tick);
        }
      next = advance (dt, step, tz);
      g_date_time_unref (dt);
      dt = next;
    }

  return ticks;
}

/**
 * care_chart_format_time_tick:
 * @tick: a tick from care_chart_time_ticks()
 * @first: whether it is the first tick shown, which names the year
 * @tz: (nullable): the time zone; %NULL for local time
 *
 * Returns: (transfer full): the label, in the user's language
 */
char *
care_chart_format_time_tick (const CareTimeTick *tick,
                             gboolean            first,
                             GTimeZone          *tz)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;
  const char *format;

  g_return_val_if_fail (tick != NULL, NULL);

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();
  utc = g_date_time_new_from_unix_utc (tick->time);
  if (utc == NULL)
    return g_strdup ("");
  dt = g_date_time_to_timezone (utc, tz);

  switch (tick->unit)
    {
    case CARE_TIME_UNIT_HOUR:
      if (first || (g_date_time_get_hour (dt) == 0))
        /* Translators: a time-axis label at midnight or the first hour shown,
         * a g_date_time_format() string: "Mar 5, 14:00" */
        format = _("%b %-d, %H:%M");
      else
        /* Translators: a time-axis label for an hour, g_date_time_format(): "14:00" */
        format = _("%H:%M");
      break;
    case CARE_TIME_UNIT_DAY:
    case CARE_TIME_UNIT_WEEK:
      if (first || (g_date_time_get_month (dt) == 1 && g_date_time_get_day_of_month (dt) <= 7 * (int) tick->multiple))
        /* Translators: a time-axis label for a day, with the year, g_date_time_format(): "Mar 5, 2026" */
        format = _("%b %-d, %Y");
      else
        /* Translators: a time-axis label for a day, g_date_time_format(): "Mar 5" */
        format = _("%b %-d");
      break;
    case CARE_TIME_UNIT_MONTH:
      if (first || g_date_time_get_month (dt) <= (int) tick->multiple)
        /* Translators: a time-axis label for a month, with the year, g_date_time_format(): "Mar 2026" */
        format = _("%b %Y");
      else
        /* Translators: a time-axis label for a month, g_date_time_format(): "Mar" */
        format = _("%b");
      break;
    case CARE_TIME_UNIT_YEAR:
    default:
      /* Translators: a time-axis label for a year, g_date_time_format(): "2026" */
      format = _("%Y");
      break;
    }

  return care_time_format (dt, format);
}

/**
 * care_chart_format_value:
 * @value: a tick value
 * @step: the tick step, which sets how many decimals are needed
 *
 * Returns: (transfer full): the value in the user's locale ("6.5", "6,5")
 */
char *
care_chart_format_value (double value,
                         double step)
{
  int decimals = 0;

  if (step > 0 && isfinite (step))
    {
      /* Enough decimals that consecutive ticks differ: 2.5 needs one. */
      while (decimals < 6 && fabs (step * pow (10, decimals) - round (step * pow (10, decimals))) > 1e-6)
        decimals++;
    }
  if (fabs (value) < step * 1e-9)
    value = 0;

  return g_strdup_printf ("%.*f", decimals, value);
}

/**
 * care_chart_range_seconds:
 * @preset: a range preset
 *
 * Returns: its span in seconds (months of 30.4375 days), or 0 for "all"
 */
double
care_chart_range_seconds (CareChartRange preset)
{
  switch (preset)
    {
    case CARE_CHART_RANGE_3_MONTHS:
      return 3 * 30.4375 * CARE_SECONDS_PER_DAY;
    case CARE_CHART_RANGE_6_MONTHS:
      return 6 * 30.4375 * CARE_SECONDS_PER_DAY;
    case CARE_CHART_RANGE_1_YEAR:
      return 365.25 * CARE_SECONDS_PER_DAY;
    case CARE_CHART_RANGE_3_YEARS:
      return 3 * 365.25 * CARE_SECONDS_PER_DAY;
    case CARE_CHART_RANGE_ALL:
    default:
      return 0;
    }
}

/**
 * care_chart_view_init:
 * @view: a view
 * @data_start: the first point's time
 * @data_end: the last point's time
 *
 * Sets the limits to the data with a margin (3 % a side, at least half a
 * day) so that the first and last points are not cut by the plot edge, and
 * shows everything. One point, or none (pass equal times), gets a month.
 */
void
care_chart_view_init (CareChartView *view,
                      gint64         data_start,
                      gint64         data_end)
{
  double span, pad;

  g_return_if_fail (view != NULL);

  if (data_end < data_start)
    {
      gint64 tmp = data_start;

      data_start = data_end;
      data_end = tmp;
    }

  span = (double) data_end - (double) data_start;
  pad = MAX (span * 0.03, CARE_SECONDS_PER_DAY / 2);
  if (span <= 0)
    pad = 15 * CARE_SECONDS_PER_DAY;

  view->limit_start = (double) data_start - pad;
  view->limit_end = (double) data_end + pad;
  view->data_end = (double) data_end;
  /* Zooming in further than an hour shows nothing useful for health data. */
  view->min_span = MIN (3600.0, view->limit_end - view->limit_start);
  view->start = view->limit_start;
  view->end = view->limit_end;
}

/**
 * care_chart_view_set_range:
 * @view: a view
 * @start: the wanted start
 * @end: the wanted end
 *
 * Shows [@start, @end] as far as the limits allow: the span is clamped to
 * [min_span, limits], then the window is slid back inside the limits
 * without changing its span.
 */
void
care_chart_view_set_range (CareChartView *view,
                           double         start,
                           double         end)
{
  double limit_span, span, center;

  g_return_if_fail (view != NULL);

  if (!isfinite (start) || !isfinite (end))
    return;
  if (end < start)
    {
      double tmp = start;

      start = end;
      end = tmp;
    }

  limit_span = view->limit_end - view->limit_start;
  span = CLAMP (end - start, MIN (view->min_span, limit_span), limit_span);
  center = (start + end) / 2;
  start = center - span / 2;
  end = center + span / 2;

  if (start < view->limit_start)
    {
      start = view->limit_start;
      end = start + span;
    }
  if (end > view->limit_end)
    {
      end = view->limit_end;
      start = end - span;
    }

  view->start = start;
  view->end = end;
}

/**
 * care_chart_view_zoom:
 * @view: a view
 * @factor: above 1 zooms in (2 shows half the span), below 1 zooms out
 * @anchor: the time that stays under the pointer
 *
 * Zooms around @anchor, clamped as care_chart_view_set_range() does.
 */
void
care_chart_view_zoom (CareChartView *view,
                      double         factor,
                      double         anchor)
{
  double start, end;

  g_return_if_fail (view != NULL);

  if (!(factor > 0) || !isfinite (factor))
    return;
  if (!isfinite (anchor))
    anchor = (view->start + view->end) / 2;
  anchor = CLAMP (anchor, view->start, view->end);

  start = anchor - (anchor - view->start) / factor;
  end = anchor + (view->end - anchor) / factor;

  /* Clamp the span first, keeping the anchor's relative position. */
  if (end - start < view->min_span)
    {
      double rel = (anchor - view->start) / MAX (view->end - view->start, 1e-9);

      start = anchor - rel * view->min_span;
      end = start + view->min_span;
    }

  care_chart_view_set_range (view, start, end);
}

/**
 * care_chart_view_pan:
 * @view: a view
 * @delta: seconds to move; positive moves toward later times
 *
 * Slides the window, stopping at the limits.
 */
void
care_chart_view_pan (CareChartView *view,
                     double         delta)
{
  double span;

  g_return_if_fail (view != NULL);

  if (!isfinite (delta))
    return;

  span = view->end - view->start;
  view->start = CLAMP (view->start + delta, view->limit_start, view->limit_end - span);
  view->end = view->start + span;
}

/**
 * care_chart_view_apply_preset:
 * @view: a view
 * @preset: a range
 *
 * Shows the last @preset of the data, ending at the latest point (not
 * today: a result from last spring is still worth seeing in "3 months")
 * with a margin of 3 % of @preset, not of the whole history (20 years of
 * readings would otherwise leave two empty months after the last one).
 * A range longer than the data shows all of it.
 */
void
care_chart_view_apply_preset (CareChartView  *view,
                              CareChartRange  preset)
{
  double span = care_chart_range_seconds (preset);
  double end;

  g_return_if_fail (view != NULL);

  if (span <= 0 || span >= view->limit_end - view->limit_start)
    care_chart_view_set_range (view, view->limit_start, view->limit_end);
  else
    {
      end = MIN (view->limit_end, view->data_end + MAX (span * 0.03, CARE_SECONDS_PER_DAY / 2));
      care_chart_view_set_range (view, end - span, end);
    }
}

double
care_chart_transform_x (const CareChartTransform *t,
                        double                    data_x)
{
  double span = t->x1 - t->x0;

  if (span == 0)
    return t->x + t->width / 2;
  return t->x + (data_x - t->x0) / span * t->width;
}

double
care_chart_transform_y (const CareChartTransform *t,
                        double                    data_y)
{
  double span = t->y1 - t->y0;

  if (span == 0)
    return t->y + t->height / 2;
  return t->y + t->height - (data_y - t->y0) / span * t->height;
}

double
care_chart_transform_data_x (const CareChartTransform *t,
                             double                    px)
{
  if (t->width == 0)
    return t->x0;
  return t->x0 + (px - t->x) / t->width * (t->x1 - t->x0);
}

double
care_chart_transform_data_y (const CareChartTransform *t,
                             double                    py)
{
  if (t->height == 0)
    return t->y0;
  return t->y0 + (t->y + t->height - py) / t->height * (t->y1 - t->y0);
}

/**
 * care_chart_hit_test:
 * @t: the transform the points were drawn with
 * @points: (array length=n_points): points in time order
 * @n_points: how many
 * @px: the pointer's x, in pixels
 * @py: the pointer's y
 * @radius: how far from a point still counts, in pixels
 * @out_distance: (out) (optional): the hit's distance in pixels
 *
 * Only the points whose x is within @radius are measured, found by
 * bisection, so hovering over 10,000 points stays cheap.
 *
 * Returns: the index of the nearest point within @radius, or -1
 */
int
care_chart_hit_test (const CareChartTransform *t,
                     const CareSeriesPoint    *points,
                     guint                     n_points,
                     double                    px,
                     double                    py,
                     double                    radius,
                     double                   *out_distance)
{
  guint lo = 0, hi = n_points;
  int best = -1;
  double best_d2 = radius * radius;
  double left;
  gboolean increasing = t->x1 >= t->x0;

  g_return_val_if_fail (t != NULL, -1);

  if (n_points == 0 || points == NULL)
    return -1;

  left = care_chart_transform_data_x (t, increasing ? px - radius : px + radius);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((double) points[mid].time < left)
        lo = mid + 1;
      else
        hi = mid;
    }

  for (guint i = lo; i < n_points; i++)
    {
      double x = care_chart_transform_x (t, (double) points[i].time);
      double y = care_chart_transform_y (t, points[i].value);
      double d2 = (x - px) * (x - px) + (y - py) * (y - py);

      if (x > px + radius)
        break;
      if (d2 <= best_d2)
        {
          best_d2 = d2;
          best = (int) i;
        }
    }

  if (best >= 0 && out_distance != NULL)
    *out_distance = sqrt (best_d2);
  return best;
}
