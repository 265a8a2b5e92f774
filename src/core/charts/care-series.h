/* care-series.h — one numeric measurement over time, ready to chart
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CareInterpretation:
 * @CARE_INTERPRETATION_NONE: no flag was sent and none can be derived
 * @CARE_INTERPRETATION_NORMAL: within the reference range
 * @CARE_INTERPRETATION_LOW: below the reference range
 * @CARE_INTERPRETATION_HIGH: above the reference range
 * @CARE_INTERPRETATION_CRITICAL_LOW: critically low (panic value)
 * @CARE_INTERPRETATION_CRITICAL_HIGH: critically high (panic value)
 * @CARE_INTERPRETATION_ABNORMAL: abnormal without a direction
 *
 * The flag of one result, from FHIR's Observation.interpretation (HL7
 * ObservationInterpretation codes) or derived from its reference range.
 */
typedef enum
{
  CARE_INTERPRETATION_NONE,
  CARE_INTERPRETATION_NORMAL,
  CARE_INTERPRETATION_LOW,
  CARE_INTERPRETATION_HIGH,
  CARE_INTERPRETATION_CRITICAL_LOW,
  CARE_INTERPRETATION_CRITICAL_HIGH,
  CARE_INTERPRETATION_ABNORMAL,
} CareInterpretation;

/**
 * CareSeriesPoint:
 * @time: when the measurement was taken, Unix seconds (UTC)
 * @value: the value, in the series' unit
 * @low: the reference range's lower bound, or NAN when there is none
 * @high: the reference range's upper bound, or NAN when there is none
 * @interpretation: the flag as sent (see care_series_point_get_flag())
 * @source: (nullable): the health system that reported it (an interned string)
 * @entered: the patient entered it (a home reading: Track My Health, an
 *   import), drawn and listed as "you entered"
 *
 * One result of a series.
 */
typedef struct
{
  gint64              time;
  double              value;
  double              low;
  double              high;
  CareInterpretation  interpretation;
  const char         *source;
  gboolean            entered;
} CareSeriesPoint;

/**
 * CareReferenceSegment:
 * @start: first time the range applies (Unix seconds)
 * @end: last time it applies
 * @low: lower bound, or -INFINITY when only an upper bound is known
 * @high: upper bound, or +INFINITY when only a lower bound is known
 *
 * A stretch of time over which consecutive results share a reference range.
 */
typedef struct
{
  gint64 start;
  gint64 end;
  double low;
  double high;
} CareReferenceSegment;

CareInterpretation care_interpretation_from_code   (const char            *code);
const char        *care_interpretation_to_code     (CareInterpretation     interpretation);
gboolean           care_interpretation_is_abnormal (CareInterpretation     interpretation);
CareInterpretation care_series_point_get_flag      (const CareSeriesPoint *point);

#define CARE_TYPE_SERIES (care_series_get_type ())

G_DECLARE_FINAL_TYPE (CareSeries, care_series, CARE, SERIES, GObject)

CareSeries            *care_series_new                 (const char          *code,
                                                        const char          *display_name,
                                                        const char          *unit);
const char            *care_series_get_code            (CareSeries          *self);
const char            *care_series_get_display_name    (CareSeries          *self);
const char            *care_series_get_unit            (CareSeries          *self);
guint                  care_series_get_n_points        (CareSeries          *self);
const CareSeriesPoint *care_series_get_point           (CareSeries          *self,
                                                        guint                index);
const CareSeriesPoint *care_series_get_points          (CareSeries          *self,
                                                        guint               *n_points);
void                   care_series_add_point           (CareSeries          *self,
                                                        gint64               time,
                                                        double               value,
                                                        double               low,
                                                        double               high,
                                                        CareInterpretation   interpretation,
                                                        const char          *source);
void                   care_series_add_point_full      (CareSeries          *self,
                                                        gint64               time,
                                                        double               value,
                                                        double               low,
                                                        double               high,
                                                        CareInterpretation   interpretation,
                                                        const char          *source,
                                                        gboolean             entered);
void                   care_series_add_points          (CareSeries          *self,
                                                        const CareSeriesPoint *points,
                                                        guint                n_points);
gboolean               care_series_get_time_range      (CareSeries          *self,
                                                        gint64              *first,
                                                        gint64              *last);
gboolean               care_series_get_value_range     (CareSeries          *self,
                                                        gint64               start,
                                                        gint64               end,
                                                        double              *min_value,
                                                        double              *max_value);
GArray                *care_series_get_reference_segments (CareSeries       *self);
gboolean               care_series_get_latest_reference (CareSeries         *self,
                                                        double              *low,
                                                        double              *high);
int                    care_series_find_nearest_time   (CareSeries          *self,
                                                        gint64               time);
CareSeries            *care_series_convert             (CareSeries          *self,
                                                        const char          *unit);

GPtrArray             *care_series_merge               (CareSeries         **series,
                                                        guint                n_series);

char                  *care_series_to_csv              (CareSeries         **series,
                                                        guint                n_series);
gboolean               care_series_write_csv           (CareSeries         **series,
                                                        guint                n_series,
                                                        GOutputStream       *stream,
                                                        GCancellable        *cancellable,
                                                        GError             **error);

G_END_DECLS
