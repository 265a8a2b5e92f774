/* test-sync-indicator.c — the header's sync progress, overall and per section
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "care-record.h"
#include "care-sync-indicator.h"

#include "../care-test-utils.h"
#include "care-test-family.h"

typedef struct
{
  CareSyncIndicator *indicator;
  gboolean           saw_syncing;
  gboolean           done;
} Watch;

static void
on_phase_cb (CareSyncState *state,
             GParamSpec    *pspec,
             Watch         *watch)
{
  GtkWidget *stack = adw_bin_get_child (ADW_BIN (watch->indicator));

  if (care_sync_state_get_phase (state) == CARE_SYNC_PHASE_SYNCING)
    watch->saw_syncing = g_str_equal (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "syncing");
  else
    watch->done = TRUE;
}

static GtkWidget *
find_grid (GtkWidget *widget)
{
  if (GTK_IS_GRID (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_grid (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_rows (void)
{
  CareTestFamily family = { 0 };
  CareRecord *record;
  GtkWidget *indicator;
  GtkWidget *window;
  GtkWidget *grid;
  GtkMenuButton *button;
  Watch watch = { 0 };
  gboolean timed_out = FALSE;
  gulong id;

  care_test_family_setup (&family);
  record = care_test_family_show (&family, "demo:adult");
  indicator = care_sync_indicator_new (care_record_get_sync_state (record));
  watch.indicator = CARE_SYNC_INDICATOR (indicator);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), indicator);
  care_sync_indicator_set_engine (watch.indicator, care_record_get_engine (record));
  g_assert_true (care_sync_indicator_get_engine (watch.indicator) == care_record_get_engine (record));
  gtk_window_present (GTK_WINDOW (window));

  id = g_signal_connect (care_record_get_sync_state (record), "notify::phase", G_CALLBACK (on_phase_cb), &watch);
  care_record_sync (record, CARE_SYNC_FULL);
  g_assert_true (care_test_wait_for (&watch.done, 60000));
  g_signal_handler_disconnect (care_record_get_sync_state (record), id);
  /* While syncing, the ring (with its popover) stood in for the button. */
  g_assert_true (watch.saw_syncing);

  /* A row per section the sync touched, "Other Records" last, all done. */
  button = GTK_MENU_BUTTON (gtk_widget_get_next_sibling (gtk_widget_get_first_child (
    adw_bin_get_child (ADW_BIN (indicator)))));
  g_assert_true (GTK_IS_MENU_BUTTON (button));
  grid = find_grid (GTK_WIDGET (gtk_menu_button_get_popover (button)));
  g_assert_nonnull (grid);
  g_timeout_add (300, care_test_timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 0, 0))), ==,
                   "Test Results");
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (gtk_grid_get_child_at (GTK_GRID (grid), 1, 0))),
                     ==, 1.0);
  {
    guint rows = 0;

    while (gtk_grid_get_child_at (GTK_GRID (grid), 0, rows) != NULL)
      rows++;
    g_assert_cmpuint (rows, >=, 8);
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 0, rows - 1))), ==,
                     "Other Records");
  }

  care_sync_indicator_set_engine (watch.indicator, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  care_test_family_teardown (&family);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/ui/sync-indicator/rows", test_rows);

  return g_test_run ();
}
