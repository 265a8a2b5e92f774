/* care-chart-text.h — what charts say in words: labels and text alternatives
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "care-series.h"

G_BEGIN_DECLS

const char *care_interpretation_get_label       (CareInterpretation   interpretation);
char       *care_chart_format_date              (gint64               time,
                                                 GTimeZone           *tz);
char       *care_chart_format_reading            (double               value,
                                                 const char          *unit);
char       *care_chart_format_month             (gint64               time,
                                                 GTimeZone           *tz);
char       *care_series_describe                (CareSeries          *series,
                                                 GTimeZone           *tz);
char       *care_trend_chart_describe           (CareSeries * const  *series,
                                                 guint                n_series,
                                                 GTimeZone           *tz);
char       *care_growth_format_percentile       (double               percentile);
char       *care_growth_format_age              (double               age_months);
const char *care_growth_percentile_explanation  (void);
const char *care_growth_corrected_age_explanation (void);

G_END_DECLS
