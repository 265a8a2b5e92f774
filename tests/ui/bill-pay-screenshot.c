/* bill-pay-screenshot.c — Billing's Pay window at one step, for screenshots
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bill-pay-screenshot STEP WIDTH HEIGHT
 *
 * Signs the demo family in, shows Maria's Billing & Insurance in the
 * window and opens Pay… on her statement at STEP: "form" (as it opens),
 * "errors" (a wrong card number, an expired card, no name), "review" or
 * "receipt" (paid with the test Visa). Stays until killed, for
 * `import -window root` under Xvfb; LANGUAGE and ADW_DEBUG_COLOR_SCHEME
 * work as in the app. tests/ui/bill-pay-screenshots.sh runs it.
 */
#include "config.h"

#include "care-bill-pay-dialog.h"

#include "care-screenshot.h"

static GtkWidget *
find_pay_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && g_object_get_data (G_OBJECT (root), "invoice") != NULL &&
      gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_pay_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static CareBillPayDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CARE_IS_BILL_PAY_DIALOG (window))
        return CARE_BILL_PAY_DIALOG (window);
    }
  return NULL;
}

static void
fill (CareBillPayDialog *dialog,
      const char        *number,
      const char        *expiry,
      const char        *code,
      const char        *name)
{
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "number")), number);
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "expiry")), expiry);
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "code")), code);
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "name")), name);
}

int
main (int   argc,
      char *argv[])
{
  CareTestFamily family = { 0 };
  CareWindow *window;
  CareBillPayDialog *dialog = NULL;
  GtkWidget *button = NULL;
  const char *step;

  care_screenshot_init ();
  if (argc != 4)
    return 2;
  step = argv[1];

  care_test_family_setup (&family);
  care_test_family_show (&family, "demo:adult");
  window = care_screenshot_window (&family, argv[2], argv[3]);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "billing");

  while (button == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      button = find_pay_button (GTK_WIDGET (window));
    }
  g_signal_emit_by_name (button, "clicked");
  while ((dialog = find_dialog ()) == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (g_str_equal (step, "errors"))
    {
      fill (dialog, "4242 4242 4242 4241", "11/24", "73", "");
      g_signal_emit_by_name (g_object_get_data (G_OBJECT (dialog), "review"), "clicked");
    }
  else if (g_str_equal (step, "review") || g_str_equal (step, "receipt"))
    {
      fill (dialog, "4242 4242 4242 4242", "12/35", "737", "Maria Reyes");
      g_signal_emit_by_name (g_object_get_data (G_OBJECT (dialog), "review"), "clicked");
      if (g_str_equal (step, "receipt"))
        g_signal_emit_by_name (g_object_get_data (G_OBJECT (dialog), "pay"), "clicked");
    }

  care_screenshot_run ();
}
