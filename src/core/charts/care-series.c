/* care-series.c — one numeric measurement over time, ready to chart
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A series is what one chart line shows: one code, one unit, points kept
 * in time order. The cache builds them from Observations; merging joins
 * the copies that several health systems hold of the same test, but only
 * when their units convert exactly (see care-unit.c).
 */
#include "config.h"

#include "care-series.h"
#include "care-unit.h"

#include <math.h>
#include <string.h>

struct _CareSeries
{
  GObject  parent_instance;

  char    *code;
  char    *display_name;
  char    *unit;
  GArray  *points;   /* CareSeriesPoint, sorted by time, stable */
};

G_DEFINE_FINAL_TYPE (CareSeries, care_series, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_DISPLAY_NAME,
  PROP_UNIT,
  PROP_N_POINTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  const char         *code;
  CareInterpretation  interpretation;
} InterpretationCode;

/* HL7 v3 ObservationInterpretation, as FHIR R4 uses it. */
static const InterpretationCode interpretation_codes[] = {
  { "N",  CARE_INTERPRETATION_NORMAL },
  { "L",  CARE_INTERPRETATION_LOW },
  { "H",  CARE_INTERPRETATION_HIGH },
  { "LU", CARE_INTERPRETATION_LOW },
  { "HU", CARE_INTERPRETATION_HIGH },
  { "<",  CARE_INTERPRETATION_LOW },
  { ">",  CARE_INTERPRETATION_HIGH },
  { "LL", CARE_INTERPRETATION_CRITICAL_LOW },
  { "HH", CARE_INTERPRETATION_CRITICAL_HIGH },
  { "A",  CARE_INTERPRETATION_ABNORMAL },
  { "AA", CARE_INTERPRETATION_ABNORMAL },
};

/**
 * care_interpretation_from_code:
 * @code: (nullable): an ObservationInterpretation code ("H", "LL", "N" …)
 *
 * Returns: the flag, or %CARE_INTERPRETATION_NONE for codes that say
 *   nothing about high or low (susceptibility, "POS", unknown ones)
 */
CareInterpretation
care_interpretation_from_code (const char *code)
{
  if (code == NULL)
    return CARE_INTERPRETATION_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (interpretation_codes); i++)
    {
      if (strcmp (interpretation_codes[i].code, code) == 0)
        return interpretation_codes[i].interpretation;
    }

  return CARE_INTERPRETATION_NONE;
}

/**
 * care_interpretation_to_code:
 * @interpretation: a flag
 *
 * Returns: its ObservationInterpretation code, or "" for none
 */
const char *
care_interpretation_to_code (CareInterpretation interpretation)
{
  switch (interpretation)
    {
    case CARE_INTERPRETATION_NORMAL:
      return "N";
    case CARE_INTERPRETATION_LOW:
      return "L";
    case CARE_INTERPRETATION_HIGH:
      return "H";
    case CARE_INTERPRETATION_CRITICAL_LOW:
      return "LL";
    case CARE_INTERPRETATION_CRITICAL_HIGH:
      return "HH";
    case CARE_INTERPRETATION_ABNORMAL:
      return "A";
    case CARE_INTERPRETATION_NONE:
    default:
      return "";
    }
}

/**
 * care_interpretation_is_abnormal:
 * @interpretation: a flag
 *
 * Returns: whether the flag marks a result outside its normal range
 */
gboolean
care_interpretation_is_abnormal (CareInterpretation interpretation)
{
  return interpretation != CARE_INTERPRETATION_NONE &&
         interpretation != CARE_INTERPRETATION_NORMAL;
}

/**
 * care_series_point_get_flag:
 * @point: a point
 *
 * The flag the portal sent wins; without one, the point's own reference
 * range decides, since many labs send the range but no flag.
 *
 * Returns: the point's effective interpretation
 */
CareInterpretation
care_series_point_get_flag (const CareSeriesPoint *point)
{
  g_return_val_if_fail (point != NULL, CARE_INTERPRETATION_NONE);

  if (point->interpretation != CARE_INTERPRETATION_NONE)
    return point->interpretation;
  if (!isnan (point->low) && point->value < point->low)
    return CARE_INTERPRETATION_LOW;
  if (!isnan (point->high) && point->value > point->high)
    return CARE_INTERPRETATION_HIGH;
  if (!isnan (point->low) || !isnan (point->high))
    return CARE_INTERPRETATION_NORMAL;
  return CARE_INTERPRETATION_NONE;
}

static void
care_series_finalize (GObject *object)
{
  CareSeries *self = CARE_SERIES (object);

  g_free (self->code);
  g_free (self->display_name);
  g_free (self->unit);
  g_array_unref (self->points);

  G_OBJECT_CLASS (care_series_parent_class)->finalize (object);
}

static void
care_series_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CareSeries *self = CARE_SERIES (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    case PROP_N_POINTS:
      g_value_set_uint (value, self->points->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_series_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CareSeries *self = CARE_SERIES (object);

  switch (prop_id)
    {
    case PROP_CODE:
      self->code = g_value_dup_string (value);
      break;
    case PROP_DISPLAY_NAME:
      self->display_name = g_value_dup_string (value);
      break;
    case PROP_UNIT:
      self->unit = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_series_class_init (CareSeriesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = care_series_finalize;
  object_class->get_property = care_series_get_property;
  object_class->set_property = care_series_set_property;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_POINTS] =
    g_param_spec_uint ("n-points", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
care_series_init (CareSeries *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (CareSeriesPoint));
}

/**
 * care_series_new:
 * @code: (nullable): the observation code (a LOINC code for labs and vitals)
 * @display_name: (nullable): what people call it ("Hemoglobin A1c")
 * @unit: (nullable): the unit every value is in, as the portal sent it
 *
 * Returns: (transfer full): a new empty series
 */
CareSeries *
care_series_new (const char *code,
                 const char *display_name,
                 const char *unit)
{
  return g_object_new (CARE_TYPE_SERIES,
                       "code", code != NULL ? code : "",
                       "display-name", display_name != NULL ? display_name : "",
                       "unit", unit != NULL ? unit : "",
                       NULL);
}

const char *
care_series_get_code (CareSeries *self)
{
  g_return_val_if_fail (CARE_IS_SERIES (self), NULL);
  return self->code;
}

const char *
care_series_get_display_name (CareSeries *self)
{
  g_return_val_if_fail (CARE_IS_SERIES (self), NULL);
  return self->display_name;
}

const char *
care_series_get_unit (CareSeries *self)
{
  g_return_val_if_fail (CARE_IS_SERIES (self), NULL);
  return self->unit;
}

guint
care_series_get_n_points (CareSeries *self)
{
  g_return_val_if_fail (CARE_IS_SERIES (self), 0);
  return self->points->len;
}

/**
 * care_series_get_point:
 * @self: a series
 * @index: 0 for the earliest point
 *
 * Returns: (transfer none): the point, valid until the series changes
 */
const CareSeriesPoint *
care_series_get_point (CareSeries *self,
                       guint       index)
{
  g_return_val_if_fail (CARE_IS_SERIES (self), NULL);
  g_return_val_if_fail (index < self->points->len, NULL);

  return &g_array_index (self->points, CareSeriesPoint, index);
}

/**
 * care_series_get_points:
 * @self: a series
 * @n_points: (out) (optional): how many
 *
 * Returns: (transfer none) (array length=n_points): the points in time order
 */
const CareSeriesPoint *
care_series_get_points (CareSeries *self,
                        guint      *n_points)
{
  g_return_val_if_fail (CARE_IS_SERIES (self), NULL);

  if (n_points != NULL)
    *n_points = self->points->len;
  return (const CareSeriesPoint *) self->points->data;
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const CareSeriesPoint *pa = a;
  const CareSeriesPoint *pb = b;

  return (pa->time > pb->time) - (pa->time < pb->time);
}

/**
 * care_series_add_points:
 * @self: a series
 * @points: (array length=n_points): points, in any order
 * @n_points: how many
 *
 * Adds points; non-finite values are dropped (a chart cannot place them).
 * Points keep time order; equal times keep the order they were added in.
 */
void
care_series_add_points (CareSeries            *self,
                        const CareSeriesPoint *points,
                        guint                  n_points)
{
  guint before;
  gboolean sorted;

  g_return_if_fail (CARE_IS_SERIES (self));
  g_return_if_fail (points != NULL || n_points == 0);

  before = self->points->len;
  sorted = TRUE;
  for (guint i = 0; i < n_points; i++)
    {
      CareSeriesPoint p = points[i];

      if (!isfinite (p.value))
        continue;
      if (p.source != NULL)
        p.source = g_intern_string (p.source);
      if (self->points->len > 0 &&
          g_array_index (self->points, CareSeriesPoint, self->points->len - 1).time > p.time)
        sorted = FALSE;
      g_array_append_val (self->points, p);
    }

  /* g_array_sort is a stable merge sort, which keeps same-time points in order. */
  if (!sorted)
    g_array_sort (self->points, compare_points);

  if (self->points->len != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_POINTS]);
}

/**
 * care_series_add_point:
 * @self: a series
 * @time: Unix seconds
 * @value: the value in the series' unit
 * @low: reference range low bound, or NAN
 * @high: reference range high bound, or NAN
 * @interpretation: the flag as sent
 * @source: (nullable): the health system's name
 *
 * Adds one point; see care_series_add_points().
 */
void
care_series_add_point (CareSeries         *self,
                       gint64              time,
                       double              value,
                       double              low,
                       double              high,
                       CareInterpretation  interpretation,
                       const char         *source)
{
  care_series_add_point_full (self, time, value, low, high, interpretation, source, FALSE);
}

/**
 * care_series_add_point_full:
 * @self: a series
 * @time: Unix seconds
 * @value: the value in the series' unit
 * @low: reference range low bound, or NAN
 * @high: reference range high bound, or NAN
 * @interpretation: the flag as sent
 * @source: (nullable): the health system's name
 * @entered: whether the patient entered it
 *
 * Adds one point; see care_series_add_points().
 */
void
care_series_add_point_full (CareSeries         *self,
                            gint64              time,
                            double              value,
                            double              low,
                            double              high,
                            CareInterpretation  interpretation,
                            const char         *source,
                            gboolean            entered)
{
  CareSeriesPoint p = { time, value, low, high, interpretation, source, entered };

  care_series_add_points (self, &p, 1);
}

/**
 * care_series_get_time_range:
 * @self: a series
 * @first: (out) (optional): the earliest time
 * @last: (out) (optional): the latest time
 *
 * Returns: %FALSE when the series is empty
 */
gboolean
care_series_get_time_range (CareSeries *self,
                            gint64     *first,
                            gint64     *last)
{
  g_return_val_if_fail (CARE_IS_SERIES (self), FALSE);

  if (self->points->len == 0)
    return FALSE;
  if (first != NULL)
    *first = g_array_index (self->points, CareSeriesPoint, 0).time;
  if (last != NULL)
    *last = g_array_index (self->points, CareSeriesPoint, self->points->len - 1).time;
  return TRUE;
}

/**
 * care_series_get_value_range:
 * @self: a series
 * @start: first time to look at (Unix seconds)
 * @end: last time to look at
 * @min_value: (out): the smallest value there
 * @max_value: (out): the largest value there
 *
 * Returns: %FALSE when no point falls between @start and @end
 */
gboolean
care_series_get_value_range (CareSeries *self,
                             gint64      start,
                             gint64      end,
                             double     *min_value,
                             double     *max_value)
{
  gboolean found = FALSE;
  double lo = INFINITY, hi = -INFINITY;

  g_return_val_if_fail (CARE_IS_SERIES (self), FALSE);

  for (guint i = 0; i < self->points->len; i++)
    {
      const CareSeriesPoint *p = &g_array_index (self->points, CareSeriesPoint, i);

      if (p->time < start || p->time > end)
        continue;
      lo = MIN (lo, p->value);
      hi = MAX (hi, p->value);
      found = TRUE;
    }

  if (found)
    {
      *min_value = lo;
      *max_value = hi;
    }
  return found;
}

static gboolean
same_bound (double a,
            double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

/**
 * care_series_get_reference_segments:
 * @self: a series
 *
 * Labs change their reference ranges (a new analyser, a child growing
 * older), so the band follows the points: consecutive points that share a
 * range make one segment, which ends where the next range starts. A
 * one-sided range ("< 100") has an infinite other side.
 *
 * Returns: (transfer full) (element-type CareReferenceSegment): the segments
 */
GArray *
care_series_get_reference_segments (CareSeries *self)
{
  GArray *segments;
  CareReferenceSegment *current = NULL;

  g_return_val_if_fail (CARE_IS_SERIES (self), NULL);

  segments = g_array_new (FALSE, FALSE, sizeof (CareReferenceSegment));

  for (guint i = 0; i < self->points->len; i++)
    {
      const CareSeriesPoint *p = &g_array_index (self->points, CareSeriesPoint, i);
      double low = isnan (p->low) ? -INFINITY : p->low;
      double high = isnan (p->high) ? INFINITY : p->high;

      if (isnan (p->low) && isnan (p->high))
        {
          /* A point without a range neither extends nor breaks a band. */
          continue;
        }

      if (current != NULL && same_bound (current->low, low) && same_bound (current->high, high))
        {
          current->end = p->time;
          continue;
        }

      if (current != NULL)
        current->end = p->time;

      {
        CareReferenceSegment segment = { p->time, p->time, low, high };

        g_array_append_val (segments, segment);
        current = &g_array_index (segments, CareReferenceSegment, segments->len - 1);
      }
    }

  return segments;
}

/**
 * care_series_get_latest_reference:
 * @self: a series
 * @low: (out): the lower bound, or NAN
 * @high: (out): the upper bound, or NAN
 *
 * Returns: %TRUE if some point carries a reference range; the latest wins
 */
gboolean
care_series_get_latest_reference (CareSeries *self,
                                  double     *low,
                                  double     *high)
{
  g_return_val_if_fail (CARE_IS_SERIES (self), FALSE);

  for (guint i = self->points->len; i > 0; i--)
    {
      const CareSeriesPoint *p = &g_array_index (self->points, CareSeriesPoint, i - 1);

      if (!isnan (p->low) || !isnan (p->high))
        {
          *low = p->low;
          *high = p->high;
          return TRUE;
        }
    }

  *low = NAN;
  *high = NAN;
  return FALSE;
}

/**
 * care_series_find_nearest_time:
 * @self: a series
 * @time: Unix seconds
 *
 * Returns: the index of the point closest in time, or -1 when empty
 */
int
care_series_find_nearest_time (CareSeries *self,
                               gint64      time)
{
  guint lo = 0, hi;

  g_return_val_if_fail (CARE_IS_SERIES (self), -1);

  if (self->points->len == 0)
    return -1;

  hi = self->points->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->points, CareSeriesPoint, mid).time < time)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo == self->points->len)
    return lo - 1;
  if (lo > 0)
    {
      gint64 before = time - g_array_index (self->points, CareSeriesPoint, lo - 1).time;
      gint64 after = g_array_index (self->points, CareSeriesPoint, lo).time - time;

      if (before <= after)
        return lo - 1;
    }
  return lo;
}

/**
 * care_series_convert:
 * @self: a series
 * @unit: the unit wanted, as text
 *
 * Converts every value and reference bound.
 *
 * Returns: (transfer full) (nullable): a new series in @unit, or %NULL when
 *   the units are not compatible for this code
 */
CareSeries *
care_series_convert (CareSeries *self,
                     const char *unit)
{
  g_autoptr(CareSeries) result = NULL;
  CareAnalyte analyte;

  g_return_val_if_fail (CARE_IS_SERIES (self), NULL);

  analyte = care_analyte_from_loinc (self->code);
  if (!care_unit_texts_compatible (analyte, self->unit, unit))
    return NULL;

  result = care_series_new (self->code, self->display_name, unit);
  for (guint i = 0; i < self->points->len; i++)
    {
      CareSeriesPoint p = g_array_index (self->points, CareSeriesPoint, i);

      care_unit_text_convert (analyte, p.value, self->unit, unit, &p.value);
      if (!isnan (p.low))
        care_unit_text_convert (analyte, p.low, self->unit, unit, &p.low);
      if (!isnan (p.high))
        care_unit_text_convert (analyte, p.high, self->unit, unit, &p.high);
      g_array_append_val (result->points, p);
    }

  return g_steal_pointer (&result);
}

typedef struct
{
  const char *unit;
  guint       count;
  guint       first_seen;
} UnitCount;

static const char *
most_common_unit (CareSeries **series,
                  GArray      *members)
{
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (UnitCount));
  UnitCount *best = NULL;

  for (guint i = 0; i < members->len; i++)
    {
      CareSeries *s = series[g_array_index (members, guint, i)];
      gboolean found = FALSE;

      for (guint j = 0; j < counts->len; j++)
        {
          UnitCount *c = &g_array_index (counts, UnitCount, j);

          if (g_strcmp0 (c->unit, s->unit) == 0)
            {
              c->count += s->points->len;
              found = TRUE;
            }
        }
      if (!found)
        {
          UnitCount c = { s->unit, s->points->len, i };

          g_array_append_val (counts, c);
        }
    }

  /* Ties go to the unit seen first, so the result does not depend on hashing. */
  for (guint j = 0; j < counts->len; j++)
    {
      UnitCount *c = &g_array_index (counts, UnitCount, j);

      if (best == NULL || c->count > best->count)
        best = c;
    }

  return best != NULL ? best->unit : "";
}

static gboolean
is_duplicate (const CareSeriesPoint *a,
              const CareSeriesPoint *b)
{
  double tolerance = 1e-6 * MAX (fabs (a->value), fabs (b->value)) + 1e-9;

  return a->time == b->time && fabs (a->value - b->value) <= tolerance;
}

/**
 * care_series_merge:
 * @series: (array length=n_series): series from one or more health systems
 * @n_series: how many
 *
 * Joins series that measure the same thing (the same code, or codes that
 * care_loinc_merge_key() pairs) when their units convert exactly. Each
 * merged series uses the unit most of its points were sent in. Series whose
 * units do not convert stay apart, so no axis ever mixes them. A result
 * that two health systems both hold (same time, same value) appears once.
 *
 * Returns: (transfer full) (element-type CareSeries): the merged series, in
 *   the order their first member appeared
 */
GPtrArray *
care_series_merge (CareSeries **series,
                   guint        n_series)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree gboolean *used = g_new0 (gboolean, MAX (n_series, 1));

  g_return_val_if_fail (series != NULL || n_series == 0, result);

  for (guint i = 0; i < n_series; i++)
    {
      g_autoptr(GArray) members = NULL;
      g_autoptr(CareSeries) merged = NULL;
      const char *key;
      const char *unit;
      const char *name = NULL;
      CareAnalyte analyte;

      if (used[i])
        continue;

      key = care_loinc_merge_key (series[i]->code);
      analyte = care_analyte_from_loinc (series[i]->code);
      members = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (members, i);
      used[i] = TRUE;

      for (guint j = i + 1; j < n_series; j++)
        {
          if (used[j] || g_strcmp0 (care_loinc_merge_key (series[j]->code), key) != 0)
            continue;
          if (!care_unit_texts_compatible (analyte, series[i]->unit, series[j]->unit))
            continue;
          g_array_append_val (members, j);
          used[j] = TRUE;
        }

      unit = most_common_unit (series, members);
      for (guint m = 0; m < members->len && name == NULL; m++)
        {
          CareSeries *s = series[g_array_index (members, guint, m)];

          if (g_strcmp0 (s->unit, unit) == 0 && s->display_name[0] != '\0')
            name = s->display_name;
        }

      merged = care_series_new (key, name != NULL ? name : series[i]->display_name, unit);
      for (guint m = 0; m < members->len; m++)
        {
          g_autoptr(CareSeries) converted =
            care_series_convert (series[g_array_index (members, guint, m)], unit);

          g_array_append_vals (merged->points, converted->points->data, converted->points->len);
        }
      g_array_sort (merged->points, compare_points);

      /* Drop duplicates: the same result synced from two portals. */
      if (merged->points->len > 1)
        {
          guint out = 1;

          for (guint k = 1; k < merged->points->len; k++)
            {
              const CareSeriesPoint *p = &g_array_index (merged->points, CareSeriesPoint, k);
              gboolean dup = FALSE;

              for (guint b = out; b > 0; b--)
                {
                  const CareSeriesPoint *q = &g_array_index (merged->points, CareSeriesPoint, b - 1);

                  if (q->time != p->time)
                    break;
                  if (is_duplicate (q, p))
                    dup = TRUE;
                }
              if (!dup)
                g_array_index (merged->points, CareSeriesPoint, out++) = *p;
            }
          g_array_set_size (merged->points, out);
        }

      g_ptr_array_add (result, g_steal_pointer (&merged));
    }

  return result;
}
