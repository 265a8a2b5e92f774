/* care-time.c — dates and times as people read them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-time.h"

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

  /* Translators: a date in the past, as in "on 3 March 2026"; see strftime(3) for the codes */
  return g_date_time_format (then, _("on %x"));
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
