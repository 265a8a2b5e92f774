/* test-a11y.c — src/widgets/care-a11y.c's helpers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "care-a11y.h"

#include <gtk/gtk.h>

/* A field in error shows the message and is marked invalid; cleared, the
 * message goes away. GTK 4.8 once crashed here: the error-message
 * relation was given a NULL after its one reference. */
static void
test_set_error (void)
{
  GtkWidget *field = g_object_ref_sink (gtk_entry_new ());
  GtkWidget *message = g_object_ref_sink (gtk_label_new (NULL));

  care_a11y_set_error (field, message, "Write the date as year-month-day.");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==, "Write the date as year-month-day.");
  g_assert_true (gtk_widget_has_css_class (field, "error"));

  /* Again, as each key typed into a still-wrong field does. */
  care_a11y_set_error (field, message, "Write the date as year-month-day.");
  g_assert_true (gtk_widget_get_visible (message));

  care_a11y_set_error (field, message, NULL);
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_false (gtk_widget_has_css_class (field, "error"));

  g_object_unref (message);
  g_object_unref (field);
}

/* A page that replaces the focused one takes the focus; a focus already
 * inside it stays. */
static void
test_keep_focus_in (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *first = gtk_button_new_with_label ("First");
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *one = gtk_button_new_with_label ("One");
  GtkWidget *two = gtk_button_new_with_label ("Two");

  gtk_box_append (GTK_BOX (page), one);
  gtk_box_append (GTK_BOX (page), two);
  gtk_stack_add_named (GTK_STACK (stack), first, "first");
  gtk_stack_add_named (GTK_STACK (stack), page, "page");
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (first))
    g_main_context_iteration (NULL, TRUE);

  gtk_widget_grab_focus (first);
  gtk_stack_set_visible_child (GTK_STACK (stack), page);
  care_a11y_keep_focus_in (page);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == one);

  gtk_widget_grab_focus (two);
  care_a11y_keep_focus_in (page);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == two);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/a11y/set-error", test_set_error);
  g_test_add_func ("/care/a11y/keep-focus-in", test_keep_focus_in);

  return g_test_run ();
}
