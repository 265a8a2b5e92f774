/* care-trend-table-row.h — one result in the trend chart's table
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "care-series.h"

G_BEGIN_DECLS

#define CARE_TYPE_TREND_TABLE_ROW (care_trend_table_row_get_type ())

G_DECLARE_FINAL_TYPE (CareTrendTableRow, care_trend_table_row, CARE, TREND_TABLE_ROW, GObject)

CareTrendTableRow *care_trend_table_row_new            (CareSeries        *series,
                                                        guint              index,
                                                        GTimeZone         *tz);
gint64             care_trend_table_row_get_time       (CareTrendTableRow *self);
const char        *care_trend_table_row_get_date_text  (CareTrendTableRow *self);
const char        *care_trend_table_row_get_name       (CareTrendTableRow *self);
const char        *care_trend_table_row_get_value_text (CareTrendTableRow *self);
const char        *care_trend_table_row_get_flag_text  (CareTrendTableRow *self);
double             care_trend_table_row_get_value      (CareTrendTableRow *self);

G_END_DECLS
