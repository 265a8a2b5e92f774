/* care-trend-table-row.c — one result in the trend chart's table
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table is the chart's text alternative for people who would rather
 * read numbers: the row holds what its cells show, made once from the
 * series point, so the cells never read anything back from a label.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-chart-text.h"
#include "care-trend-table-row.h"
#include "care-unit.h"

struct _CareTrendTableRow
{
  GObject  parent_instance;

  gint64   time;
  double   value;
  char    *date_text;
  char    *name;
  char    *value_text;
  char    *flag_text;
};

G_DEFINE_FINAL_TYPE (CareTrendTableRow, care_trend_table_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATE_TEXT,
  PROP_NAME,
  PROP_VALUE_TEXT,
  PROP_FLAG_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
care_trend_table_row_finalize (GObject *object)
{
  CareTrendTableRow *self = CARE_TREND_TABLE_ROW (object);

  g_free (self->date_text);
  g_free (self->name);
  g_free (self->value_text);
  g_free (self->flag_text);

  G_OBJECT_CLASS (care_trend_table_row_parent_class)->finalize (object);
}

static void
care_trend_table_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CareTrendTableRow *self = CARE_TREND_TABLE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE_TEXT:
      g_value_set_string (value, self->date_text);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_VALUE_TEXT:
      g_value_set_string (value, self->value_text);
      break;
    case PROP_FLAG_TEXT:
      g_value_set_string (value, self->flag_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_trend_table_row_class_init (CareTrendTableRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = care_trend_table_row_finalize;
  object_class->get_property = care_trend_table_row_get_property;

  properties[PROP_DATE_TEXT] = g_param_spec_string ("date-text", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_VALUE_TEXT] = g_param_spec_string ("value-text", NULL, NULL, NULL, flags);
  properties[PROP_FLAG_TEXT] = g_param_spec_string ("flag-text", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
care_trend_table_row_init (CareTrendTableRow *self)
{
}

static const char *
flag_words (CareInterpretation flag)
{
  switch (flag)
    {
    case CARE_INTERPRETATION_NORMAL:
      return C_("result flag in a table", "Normal");
    case CARE_INTERPRETATION_LOW:
      return C_("result flag in a table", "Low");
    case CARE_INTERPRETATION_HIGH:
      return C_("result flag in a table", "High");
    case CARE_INTERPRETATION_CRITICAL_LOW:
      return C_("result flag in a table", "Critically low");
    case CARE_INTERPRETATION_CRITICAL_HIGH:
      return C_("result flag in a table", "Critically high");
    case CARE_INTERPRETATION_ABNORMAL:
      return C_("result flag in a table", "Abnormal");
    case CARE_INTERPRETATION_NONE:
    default:
      return "";
    }
}

/**
 * care_trend_table_row_new:
 * @series: a series
 * @index: a point of it
 * @tz: (nullable): the zone dates are shown in, %NULL for local
 *
 * Returns: (transfer full): the row
 */
CareTrendTableRow *
care_trend_table_row_new (CareSeries *series,
                          guint       index,
                          GTimeZone  *tz)
{
  CareTrendTableRow *self;
  const CareSeriesPoint *p;

  g_return_val_if_fail (CARE_IS_SERIES (series), NULL);
  g_return_val_if_fail (index < care_series_get_n_points (series), NULL);

  p = care_series_get_point (series, index);
  self = g_object_new (CARE_TYPE_TREND_TABLE_ROW, NULL);
  self->time = p->time;
  self->value = p->value;
  self->date_text = care_chart_format_date (p->time, tz);
  self->name = g_strdup (care_series_get_display_name (series));
  self->value_text = care_chart_format_reading (p->value, care_series_get_unit (series));
  if (p->entered && flag_words (care_series_point_get_flag (p))[0] != '\0')
    /* Translators: a table row's flag, then that the person entered the
     * reading at home: "High · you entered" */
    self->flag_text = g_strdup_printf (_("%1$s · you entered"), flag_words (care_series_point_get_flag (p)));
  else if (p->entered)
    self->flag_text = g_strdup (C_("result flag in a table", "You entered"));
  else
    self->flag_text = g_strdup (flag_words (care_series_point_get_flag (p)));
  return self;
}

gint64
care_trend_table_row_get_time (CareTrendTableRow *self)
{
  g_return_val_if_fail (CARE_IS_TREND_TABLE_ROW (self), 0);
  return self->time;
}

double
care_trend_table_row_get_value (CareTrendTableRow *self)
{
  g_return_val_if_fail (CARE_IS_TREND_TABLE_ROW (self), 0);
  return self->value;
}

const char *
care_trend_table_row_get_date_text (CareTrendTableRow *self)
{
  g_return_val_if_fail (CARE_IS_TREND_TABLE_ROW (self), NULL);
  return self->date_text;
}

const char *
care_trend_table_row_get_name (CareTrendTableRow *self)
{
  g_return_val_if_fail (CARE_IS_TREND_TABLE_ROW (self), NULL);
  return self->name;
}

const char *
care_trend_table_row_get_value_text (CareTrendTableRow *self)
{
  g_return_val_if_fail (CARE_IS_TREND_TABLE_ROW (self), NULL);
  return self->value_text;
}

/**
 * care_trend_table_row_get_flag_text:
 * @self: a row
 *
 * Returns: the flag in words ("High"), or "" when there is none
 */
const char *
care_trend_table_row_get_flag_text (CareTrendTableRow *self)
{
  g_return_val_if_fail (CARE_IS_TREND_TABLE_ROW (self), NULL);
  return self->flag_text;
}
