/* care-bench-home.c — when Home has drawn each of its parts, for bench/
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `carebook --bench-home` (hidden) prints, after each frame the window
 * draws, the wall-clock time at which Home first showed each part a
 * patient looks for: "home-person" (whose record), "home-results" (a
 * result among What's New), "home-messages" (a message there),
 * "home-appointment" (the next visit), then "home-ready" when all four
 * are on screen, and quits; and "token" when the access token for the
 * sync arrived (the target is measured from there). bench/useful-window.sh
 * reads them.
 */
#include "config.h"

#include "care-bench-home.h"
#include "care-context.h"
#include "care-home-view.h"
#include "care-record.h"

#include <stdio.h>

typedef struct
{
  CareWindow     *window;
  GApplication   *application;
  CareConnection *connection;
  guint           seen;
} Watch;

enum { PERSON = 1 << 0, RESULTS = 1 << 1, MESSAGES = 1 << 2, APPOINTMENT = 1 << 3, ALL = 0xf, TOKEN = 1 << 4 };

/* Which sections the rows of a Home list lead to. */
static guint
rows_leading_to (GtkListBox *list)
{
  guint found = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GVariant *target = GTK_IS_ACTIONABLE (row) ? gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row))
                                                 : NULL;
      const char *section = target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING)
                            ? g_variant_get_string (target, NULL) : NULL;

      if (g_strcmp0 (section, "results") == 0)
        found |= RESULTS;
      else if (g_strcmp0 (section, "messages") == 0)
        found |= MESSAGES;
    }
  return found;
}

static gboolean
has_appointment (GtkListBox *list)
{
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));

  /* A booked visit has its time under its name; "No upcoming
   * appointments" has none. */
  return ADW_IS_ACTION_ROW (row) && adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) != NULL;
}

static void
note (Watch      *watch,
      guint       part,
      const char *name)
{
  if ((watch->seen & part) != 0)
    return;
  watch->seen |= part;
  g_print ("%s %" G_GINT64_FORMAT "\n", name, g_get_real_time ());
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Watch         *watch)
{
  CareContext *context = care_window_get_context (watch->window);
  GtkWidget *home = care_window_get_section_page (watch->window, "home");
  guint found;

  if (!CARE_IS_HOME_VIEW (home) || !gtk_widget_get_mapped (home))
    return;
  if (care_context_get_person (context) != NULL)
    note (watch, PERSON, "home-person");
  found = rows_leading_to (care_home_view_get_list (CARE_HOME_VIEW (home), "new"));
  if (found & RESULTS)
    note (watch, RESULTS, "home-results");
  if (found & MESSAGES)
    note (watch, MESSAGES, "home-messages");
  if (has_appointment (care_home_view_get_list (CARE_HOME_VIEW (home), "appointment")))
    note (watch, APPOINTMENT, "home-appointment");
  if ((watch->seen & ALL) == ALL)
    {
      g_print ("home-ready %" G_GINT64_FORMAT "\n", g_get_real_time ());
      fflush (stdout);
      g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, watch);
      g_application_quit (watch->application);
    }
}

static void
on_token_cb (CareConnection *connection,
             GParamSpec     *pspec,
             Watch          *watch)
{
  gint64 expires = 0;

  g_object_get (connection, "token-expires", &expires, NULL);
  if (expires > 0)
    note (watch, TOKEN, "token");
}

/* The person's connection, once there is one: a new one at sign-in. */
static void
on_record_cb (CareContext *context,
              GParamSpec  *pspec,
              Watch       *watch)
{
  CareRecord *record = care_context_get_record (context);
  CareConnection *connection = record != NULL ? care_record_get_connection (record) : NULL;

  if (connection == NULL || connection == watch->connection)
    return;
  watch->connection = connection;
  g_signal_connect (connection, "notify::token-expires", G_CALLBACK (on_token_cb), watch);
  on_token_cb (connection, NULL, watch);
}

static void
on_realized_cb (GtkWidget *window,
                Watch     *watch)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb), watch);
}

/**
 * care_bench_home_watch:
 * @window: the window, not yet realized
 * @application: the application, which quits once Home shows everything
 *
 * Prints when Home has drawn each part (see the top of the file). The
 * watch lives as long as the process.
 */
void
care_bench_home_watch (CareWindow   *window,
                       GApplication *application)
{
  Watch *watch = g_new0 (Watch, 1);

  watch->window = window;
  watch->application = application;
  g_print ("start %" G_GINT64_FORMAT "\n", g_get_real_time ());
  g_signal_connect (window, "realize", G_CALLBACK (on_realized_cb), watch);
  g_signal_connect (care_window_get_context (window), "notify::record", G_CALLBACK (on_record_cb), watch);
  on_record_cb (care_window_get_context (window), NULL, watch);
}
