/* care-time.c — dates and times as people read them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-fhir.h"
#include "care-time.h"

#include <string.h>

/**
 * care_time_dup_relative_text:
 * @then: a past moment
 * @now: the present moment
 *
 * How long ago @then was, in the largest unit that fits: "just now",
 * "5 minutes ago", "3 hours ago", "2 days ago", and the date itself
 * (in the user's locale) past a week.
 *
 * Returns: (transfer full): the text
 */
char *
care_time_dup_relative_text (GDateTime *then,
                             GDateTime *now)
{
  GTimeSpan span;
  gint64 minutes;
  gint64 hours;
  gint64 days;

  g_return_val_if_fail (then != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  span = g_date_time_difference (now, then);
  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (_("just now"));

  minutes = span / G_TIME_SPAN_MINUTE;
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%d minute ago", "%d minutes ago", (gulong)minutes),
                            (int)minutes);

  hours = span / G_TIME_SPAN_HOUR;
  if (hours < 24)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%d hour ago", "%d hours ago", (gulong)hours),
                            (int)hours);

  days = span / G_TIME_SPAN_DAY;
  if (days < 7)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%d day ago", "%d days ago", (gulong)days),
                            (int)days);

  /* Translators: a date in the past, a g_date_time_format() string: "on Mar 3, 2026" */
  return care_time_format (then, _("on %b %-d, %Y"));
}

/**
 * care_time_dup_updated_text:
 * @then: (nullable): when the record last synced, or %NULL if never
 * @now: the present moment
 *
 * Returns: (transfer full): "Updated 5 minutes ago", or "Not synced yet"
 */
char *
care_time_dup_updated_text (GDateTime *then,
                            GDateTime *now)
{
  g_autofree char *relative = NULL;

  g_return_val_if_fail (now != NULL, NULL);

  if (then == NULL)
    return g_strdup (_("Not synced yet"));

  relative = care_time_dup_relative_text (then, now);

  /* Translators: %s is a relative time such as "5 minutes ago" or "just now" */
  return g_strdup_printf (_("Updated %s"), relative);
}

static const char *
month_name (int month)
{
  switch (month)
    {
    case 1: return C_("month name in a date", "January");
    case 2: return C_("month name in a date", "February");
    case 3: return C_("month name in a date", "March");
    case 4: return C_("month name in a date", "April");
    case 5: return C_("month name in a date", "May");
    case 6: return C_("month name in a date", "June");
    case 7: return C_("month name in a date", "July");
    case 8: return C_("month name in a date", "August");
    case 9: return C_("month name in a date", "September");
    case 10: return C_("month name in a date", "October");
    case 11: return C_("month name in a date", "November");
    case 12: return C_("month name in a date", "December");
    default: return "";
    }
}

static const char *
month_abbreviation (int month)
{
  switch (month)
    {
    case 1: return C_("abbreviated month name in a date", "Jan");
    case 2: return C_("abbreviated month name in a date", "Feb");
    case 3: return C_("abbreviated month name in a date", "Mar");
    case 4: return C_("abbreviated month name in a date", "Apr");
    case 5: return C_("abbreviated month name in a date", "May");
    case 6: return C_("abbreviated month name in a date", "Jun");
    case 7: return C_("abbreviated month name in a date", "Jul");
    case 8: return C_("abbreviated month name in a date", "Aug");
    case 9: return C_("abbreviated month name in a date", "Sep");
    case 10: return C_("abbreviated month name in a date", "Oct");
    case 11: return C_("abbreviated month name in a date", "Nov");
    case 12: return C_("abbreviated month name in a date", "Dec");
    default: return "";
    }
}

static const char *
weekday_name (int weekday)
{
  switch (weekday)
    {
    case 1: return C_("weekday at the start of a heading", "Monday");
    case 2: return C_("weekday at the start of a heading", "Tuesday");
    case 3: return C_("weekday at the start of a heading", "Wednesday");
    case 4: return C_("weekday at the start of a heading", "Thursday");
    case 5: return C_("weekday at the start of a heading", "Friday");
    case 6: return C_("weekday at the start of a heading", "Saturday");
    case 7: return C_("weekday at the start of a heading", "Sunday");
    default: return "";
    }
}

/**
 * care_time_format:
 * @date: a date
 * @format: a g_date_time_format() string
 *
 * g_date_time_format() with the month and weekday names (%B, %b, %h, %A)
 * from Carebook's own translations rather than the C library's LC_TIME:
 * a Spanish window says "26 de noviembre" even where the locale's
 * formats are C or English (LANGUAGE=es with another LC_TIME).
 *
 * Returns: (transfer full) (nullable): the text, %NULL if @format is
 *   invalid
 */
char *
care_time_format (GDateTime  *date,
                  const char *format)
{
  g_autoptr(GString) expanded = NULL;

  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  expanded = g_string_sized_new (strlen (format) + 16);
  for (const char *p = format; *p != '\0'; p++)
    {
      const char *name = NULL;

      if (p[0] != '%' || p[1] == '\0')
        {
          g_string_append_c (expanded, *p);
          continue;
        }
      switch (p[1])
        {
        case 'B':
          name = month_name (g_date_time_get_month (date));
          break;
        case 'b':
        case 'h':
          name = month_abbreviation (g_date_time_get_month (date));
          break;
        case 'A':
          name = weekday_name (g_date_time_get_day_of_week (date));
          break;
        default:
          /* Every other code (and "%%") is g_date_time_format()'s. */
          g_string_append_len (expanded, p, 2);
          p++;
          continue;
        }
      /* A name is text, not codes. */
      for (const char *c = name; *c != '\0'; c++)
        {
          if (*c == '%')
            g_string_append_c (expanded, '%');
          g_string_append_c (expanded, *c);
        }
      p++;
    }
  return g_date_time_format (date, expanded->str);
}

/**
 * care_time_format_as_written:
 * @text: a FHIR dateTime or instant with a time and a zone, such as
 *   "2026-12-15T14:30:00-08:00"
 * @format: a care_time_format() string
 *
 * An appointment's time as the clinic gave it: in the zone it was written
 * in, which is the clinic's, rather than the computer's; and, when that is
 * not the computer's zone at that time, with the zone said ("14:30
 * (UTC−8)"), so a family away from home reads the clinic's time and knows
 * it. A time written in UTC ("Z", as many servers write every time) says
 * nothing about the clinic: it is shown in the computer's zone, like other
 * times.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when @text has
 *   no time or no zone
 */
char *
care_time_format_as_written (const char *text,
                             const char *format)
{
  g_autoptr(GDateTime) written = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *zone = NULL;
  GTimeSpan offset;
  gint64 minutes;

  g_return_val_if_fail (format != NULL, NULL);

  if (text == NULL || strchr (text, 'T') == NULL)
    return NULL;
  written = g_date_time_new_from_iso8601 (text, NULL);
  if (written == NULL)
    return NULL;
  local = g_date_time_to_local (written);
  offset = g_date_time_get_utc_offset (written);
  if (offset == 0 || offset == g_date_time_get_utc_offset (local))
    return care_time_format (local, format);

  shown = care_time_format (written, format);
  if (shown == NULL)
    return NULL;
  minutes = ABS (offset) / G_TIME_SPAN_MINUTE;
  /* U+2212 MINUS SIGN, as typeset offsets have it. */
  zone = minutes % 60 != 0
         ? g_strdup_printf ("%s%" G_GINT64_FORMAT ":%02d", offset < 0 ? "\u2212" : "+", minutes / 60,
                            (int)(minutes % 60))
         : g_strdup_printf ("%s%" G_GINT64_FORMAT, offset < 0 ? "\u2212" : "+", minutes / 60);
  /* Translators: a time, and the time zone it is in when that is not the
   * computer's: "Tuesday, December 15, 14:30 (UTC−8)" */
  return g_strdup_printf (_("%s (UTC%s)"), shown, zone);
}

/**
 * care_time_format_fhir:
 * @text: (nullable): a FHIR dateTime or instant
 * @format: a care_time_format() string
 *
 * care_time_format_as_written() when @text has a time and a zone; else
 * the date and time it gives, in the computer's zone.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when @text is
 *   not a date
 */
char *
care_time_format_fhir (const char *text,
                       const char *format)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) local = NULL;
  char *shown;

  g_return_val_if_fail (format != NULL, NULL);

  if ((shown = care_time_format_as_written (text, format)) != NULL)
    return shown;
  if ((date = care_fhir_dup_date_time (text)) == NULL)
    return NULL;
  local = g_date_time_to_local (date);
  return care_time_format (local, format);
}

/* The formats below are Carebook's one way of writing a day, a time of
 * day and both, per language: "Nov 26, 2026", "9:05 AM", "Nov 26, 2026,
 * 9:05 AM" in English; "26 nov 2026", "09:05", "26 nov 2026, 09:05" in
 * Spanish (12 or 24 hours as the language writes them, four-digit years
 * always). Views and core call these rather than writing formats. */

static const char *
day_format (void)
{
  /* Translators: a day, see strftime(3); Spanish puts the day first */
  return C_("date format", "%b %-d, %Y");
}

static const char *
clock_format (void)
{
  /* Translators: a time of day as g_date_time_format() writes it; Spanish uses "%H:%M" */
  return C_("time of day", "%-I:%M %p");
}

static char *
dup_day_time_format (const char *day)
{
  /* Translators: a day and a time of day: "Nov 26, 2026, 9:05 AM". Use
   * the same joiner everywhere (no "at"/"a las" in some places only). */
  return g_strdup_printf (C_("date and time", "%1$s, %2$s"), day, clock_format ());
}

/**
 * care_time_format_day:
 * @date: a date
 *
 * Returns: (transfer full): "Nov 26, 2026" ("26 nov 2026")
 */
char *
care_time_format_day (GDateTime *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  return care_time_format (date, day_format ());
}

/**
 * care_time_format_clock:
 * @date: a date and time
 *
 * Returns: (transfer full): "9:05 AM" ("09:05")
 */
char *
care_time_format_clock (GDateTime *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  return care_time_format (date, clock_format ());
}

/**
 * care_time_format_day_time:
 * @date: a date and time
 *
 * Returns: (transfer full): "Nov 26, 2026, 9:05 AM" ("26 nov 2026, 09:05")
 */
char *
care_time_format_day_time (GDateTime *date)
{
  g_autofree char *format = dup_day_time_format (day_format ());

  g_return_val_if_fail (date != NULL, NULL);

  return care_time_format (date, format);
}

/**
 * care_time_join_day_time:
 * @day: a day as text, in any of the day formats
 * @clock: a time of day, from care_time_format_clock()
 *
 * Returns: (transfer full): the two joined as care_time_format_day_time() does
 */
char *
care_time_join_day_time (const char *day,
                         const char *clock)
{
  g_return_val_if_fail (day != NULL && clock != NULL, NULL);

  return g_strdup_printf (C_("date and time", "%1$s, %2$s"), day, clock);
}

/**
 * care_time_format_fhir_day:
 * @text: (nullable): a FHIR date or dateTime
 *
 * Returns: (transfer full) (nullable): the day as care_time_format_day()
 *   writes it, or just the month ("November 2026") or year when that is
 *   all @text says; %NULL when it is not a date
 */
char *
care_time_format_fhir_day (const char *text)
{
  g_autoptr(GDateTime) date = care_fhir_dup_date_time (text);
  gsize length;

  if (date == NULL)
    return NULL;
  length = strlen (text);
  if (length == 4)
    return g_date_time_format (date, "%Y");
  if (length == 7)
    /* Translators: a month and year, see strftime(3) */
    return care_time_format (date, C_("date format", "%B %Y"));
  return care_time_format (date, day_format ());
}

/**
 * care_time_format_fhir_day_time:
 * @text: (nullable): a FHIR dateTime or instant
 *
 * Returns: (transfer full) (nullable): "Nov 26, 2026, 9:05 AM", at the
 *   time as written with its zone named when not the computer's
 *   (care_time_format_fhir()); only the day when @text has no time
 */
char *
care_time_format_fhir_day_time (const char *text)
{
  g_autofree char *format = NULL;

  if (text == NULL || strchr (text, 'T') == NULL)
    return care_time_format_fhir_day (text);
  format = dup_day_time_format (day_format ());
  return care_time_format_fhir (text, format);
}
