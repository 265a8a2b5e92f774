/* appointments-screenshot.c — the Appointments section and its dialogs,
 * for data/screenshots/appointments*.png
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   appointments-screenshot WIDTH HEIGHT list|type|who|when|review|check-in
 *
 * Signs the demo family in, shows the adult's appointments and, for the
 * other modes, the scheduling step or the eCheck-in checklist, until
 * killed, for `import -window root` under Xvfb. LANGUAGE=es and
 * ADW_DEBUG_COLOR_SCHEME=prefer-dark work as in the app.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "care-appointments-view.h"
#include "care-schedule-dialog.h"
#include "care-window.h"

#include "care-test-family.h"

static GtkWidget *
find_view (GtkWidget *widget)
{
  if (CARE_IS_APPOINTMENTS_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  CareTestFamily family = { 0 };
  CareScheduleDialog *dialog = NULL;
  CareRecord *record;
  CareWindow *window;
  const char *mode;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CAREBOOK_LOCALEDIR") ?: LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();
  if (argc != 4)
    return 2;
  mode = argv[3];
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_PATH "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                      RESOURCE_PATH "/icons");
  }

  care_test_family_setup (&family);
  record = care_test_family_show (&family, "demo:adult");
  window = care_window_new (NULL, family.context);
  gtk_window_set_default_size (GTK_WINDOW (window), atoi (argv[1]), atoi (argv[2]));
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "appointments");

  if (g_str_equal (mode, "check-in"))
    {
      /* Once the list is built, open the video visit's checklist. */
      GtkWidget *view = NULL;

      while ((view = find_view (GTK_WIDGET (window))) == NULL ||
             care_appointments_view_get_row (CARE_APPOINTMENTS_VIEW (view), "appt-adult-video") == NULL)
        g_main_context_iteration (NULL, TRUE);
      gtk_widget_activate_action (view, "appointments.check-in", "s", "appt-adult-video");
    }
  else if (!g_str_equal (mode, "list"))
    {
      dialog = care_schedule_dialog_new (GTK_WINDOW (window), care_record_get_outbox (record), NULL);
      gtk_window_set_default_size (GTK_WINDOW (dialog), atoi (argv[1]) - 80, atoi (argv[2]) - 80);
      gtk_window_present (GTK_WINDOW (dialog));
      while (!care_schedule_dialog_get_loaded (dialog))
        g_main_context_iteration (NULL, TRUE);
      if (!g_str_equal (mode, "type"))
        {
          care_schedule_dialog_choose_type (dialog, "follow-up");
          while (g_strcmp0 (care_schedule_dialog_get_page (dialog), "who") != 0)
            g_main_context_iteration (NULL, TRUE);
          if (g_str_equal (mode, "when"))
            gtk_widget_activate_action (GTK_WIDGET (dialog), "schedule.show-when", NULL);
          if (g_str_equal (mode, "review"))
            care_schedule_dialog_choose_time (dialog, 2);
        }
    }
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}
