/* test-bill-pay.c — Billing: paying a statement from the window
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Maria's statement has Pay…; the dialog opens with the balance preset,
 * says what is wrong under each field (tied to it) and stays on the form;
 * a declined card comes back with the bank's reason on the card number;
 * a good card goes through the review to the receipt, and the list shows
 * what is still due once the record has synced.
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "care-bill-pay-dialog.h"
#include "care-billing-view.h"

#include "care-test-family.h"

static gboolean
poll_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
spin (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;
  guint poll = g_timeout_add (10, poll_cb, NULL);

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (poll);
}

typedef gboolean (*Match) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *root,
             Match          match,
             gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_pay_button (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_object_get_data (G_OBJECT (widget), "invoice") != NULL;
}

static gboolean
row_says (GtkWidget     *widget,
          gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) && adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) != NULL &&
         strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), data) != NULL;
}

static GtkWidget *
wait_for (GtkWidget     *root,
          Match          match,
          gconstpointer  data)
{
  GtkWidget *found = NULL;

  for (guint i = 0; i < 400 && (found = find_widget (root, match, data)) == NULL; i++)
    spin (50);
  return found;
}

static CareBillPayDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CARE_IS_BILL_PAY_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return CARE_BILL_PAY_DIALOG (window);
    }
  return NULL;
}

static void
fill (CareBillPayDialog *dialog,
      const char        *amount,
      const char        *number,
      const char        *expiry,
      const char        *code,
      const char        *name)
{
  const char *keys[] = { "amount", "number", "expiry", "code", "name" };
  const char *values[] = { amount, number, expiry, code, name };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), keys[i])), values[i]);
}

static gboolean
in_error (CareBillPayDialog *dialog,
          const char        *key)
{
  return gtk_widget_has_css_class (g_object_get_data (G_OBJECT (dialog), key), "error");
}

static void
click (CareBillPayDialog *dialog,
       const char        *key)
{
  g_signal_emit_by_name (g_object_get_data (G_OBJECT (dialog), key), "clicked");
}

static void
wait_for_page (CareBillPayDialog *dialog,
               const char        *page)
{
  for (guint i = 0; i < 400 && g_strcmp0 (care_bill_pay_dialog_get_page (dialog), page) != 0; i++)
    spin (50);
  g_assert_cmpstr (care_bill_pay_dialog_get_page (dialog), ==, page);
}

static void
test_pay (void)
{
  CareTestFamily family = { 0 };
  CareBillPayDialog *dialog;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view;
  GtkWidget *button;
  const char *receipt;

  care_test_family_setup (&family);
  care_test_family_show (&family, "demo:adult");
  view = care_billing_view_new (G_OBJECT (family.context));
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);
  gtk_window_present (GTK_WINDOW (window));

  /* Only the statement with something due has Pay…. */
  button = wait_for (view, is_pay_button, NULL);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Pay…");
  g_signal_emit_by_name (button, "clicked");
  spin (100);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (care_bill_pay_dialog_get_page (dialog), ==, "form");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "amount"))), ==,
                   "30.00");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Pay a Statement");

  /* Wrong fields: each marked, the form stays. */
  fill (dialog, "31", "4242 4242 4242 4241", "13/40", "1", "");
  click (dialog, "review");
  g_assert_cmpstr (care_bill_pay_dialog_get_page (dialog), ==, "form");
  g_assert_true (in_error (dialog, "amount"));
  g_assert_true (in_error (dialog, "number"));
  g_assert_true (in_error (dialog, "expiry"));
  g_assert_true (in_error (dialog, "code"));
  g_assert_true (in_error (dialog, "name"));
  /* Typing in a field clears its mark. */
  fill (dialog, "10.50", "4242 4242 4242 4241", "13/40", "1", "");
  g_assert_false (in_error (dialog, "amount"));

  /* Declined: back on the form, the bank's reason on the card number. */
  fill (dialog, "10.50", "4000 0000 0000 0002", "12/35", "737", "Maria Reyes");
  click (dialog, "review");
  g_assert_cmpstr (care_bill_pay_dialog_get_page (dialog), ==, "review");
  click (dialog, "pay");
  wait_for_page (dialog, "form");
  g_assert_true (in_error (dialog, "number"));

  /* A good card: review, pay, receipt. */
  fill (dialog, "10.50", "4242 4242 4242 4242", "12/35", "737", "Maria Reyes");
  g_assert_false (in_error (dialog, "number"));
  click (dialog, "review");
  g_assert_cmpstr (care_bill_pay_dialog_get_page (dialog), ==, "review");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (g_object_get_data (G_OBJECT (dialog), "pay"))), ==,
                   "Pay $10.50");
  click (dialog, "pay");
  wait_for_page (dialog, "receipt");
  receipt = gtk_label_get_text (GTK_LABEL (g_object_get_data (G_OBJECT (dialog), "receipt")));
  g_assert_nonnull (strstr (receipt, "You paid $10.50 with Visa ending 4242"));
  g_assert_nonnull (strstr (receipt, "PaymentNotice/"));
  /* The card is not kept in the form. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "number"))), ==, "");
  gtk_window_close (GTK_WINDOW (dialog));

  /* The list follows the sync: what is left to pay. */
  g_assert_nonnull (wait_for (view, row_says, "Still due: $19.50"));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  care_test_family_teardown (&family);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/care/ui/billing/pay", test_pay);

  return g_test_run ();
}
