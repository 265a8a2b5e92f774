/* test-a11y.c — src/widgets/care-a11y.c's helpers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "care-a11y.h"
#include "care-view-stack.h"

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

static gboolean
is_busy (GtkWidget *widget)
{
  g_autofree char *differs = gtk_test_accessible_check_state (GTK_ACCESSIBLE (widget),
                                                              GTK_ACCESSIBLE_STATE_BUSY, TRUE);

  return differs == NULL;
}

/* A stack says "busy" while it fades from page to page, and only then:
 * what it draws halfway is neither page (the a11y contrast test waits
 * for it before it reads the screen). */
static void
test_busy_in_transitions (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *first = gtk_label_new ("First");
  GtkWidget *second = gtk_label_new ("Second");
  gboolean seen_busy = FALSE;

  gtk_stack_set_transition_type (GTK_STACK (stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_set_transition_duration (GTK_STACK (stack), 100);
  care_a11y_busy_in_transitions (GTK_STACK (stack));
  gtk_stack_add_named (GTK_STACK (stack), first, "first");
  gtk_stack_add_named (GTK_STACK (stack), second, "second");
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (first))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (is_busy (stack));

  gtk_stack_set_visible_child (GTK_STACK (stack), second);
  g_assert_true (gtk_stack_get_transition_running (GTK_STACK (stack)));
  while (gtk_stack_get_transition_running (GTK_STACK (stack)))
    {
      g_assert_true (is_busy (stack));
      seen_busy = TRUE;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (seen_busy);
  g_assert_false (is_busy (stack));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A record view's stack is busy while it waits for its data ("Getting
 * your record…") and while it fades to what it then shows. */
static void
test_view_stack_busy (void)
{
  static const char * const types[] = { "AllergyIntolerance", NULL };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view_stack = care_view_stack_new ("dialog-warning-symbolic", "None", NULL);
  GtkWidget *content = gtk_label_new ("Peanuts");

  care_view_stack_set_content (CARE_VIEW_STACK (view_stack), content);
  gtk_window_set_child (GTK_WINDOW (window), view_stack);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (view_stack))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (care_view_stack_get_state (CARE_VIEW_STACK (view_stack)), ==,
                   CARE_VIEW_STATE_LOADING);
  g_assert_true (is_busy (view_stack));

  care_view_stack_update (CARE_VIEW_STACK (view_stack), NULL, types, 1);
  g_assert_cmpint (care_view_stack_get_state (CARE_VIEW_STACK (view_stack)), ==,
                   CARE_VIEW_STATE_CONTENT);
  /* Fading in: still busy until the content is drawn whole. */
  while (!gtk_widget_get_mapped (content))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (is_busy (view_stack));
  while (is_busy (view_stack))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (content));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_hidden (GtkWidget *widget)
{
  g_autofree char *differs = gtk_test_accessible_check_state (GTK_ACCESSIBLE (widget),
                                                              GTK_ACCESSIBLE_STATE_HIDDEN, TRUE);

  return differs == NULL;
}

/* Only the page on screen is given to assistive technologies (GTK 4.8
 * gives the others with the place they were last drawn at); the page
 * fading out goes once the fade is over. */
static void
test_hide_unseen_pages (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *first = gtk_label_new ("Getting your record…");
  GtkWidget *second = gtk_label_new ("Peanuts");

  gtk_stack_set_transition_type (GTK_STACK (stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_set_transition_duration (GTK_STACK (stack), 100);
  gtk_stack_add_named (GTK_STACK (stack), first, "first");
  gtk_stack_add_named (GTK_STACK (stack), second, "second");
  care_a11y_hide_unseen_pages (GTK_STACK (stack));
  g_assert_false (is_hidden (first));
  g_assert_true (is_hidden (second));

  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (first))
    g_main_context_iteration (NULL, TRUE);

  gtk_stack_set_visible_child (GTK_STACK (stack), second);
  g_assert_false (is_hidden (second));
  while (gtk_stack_get_transition_running (GTK_STACK (stack)))
    {
      g_assert_false (is_hidden (first));
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (is_hidden (first));
  g_assert_false (is_hidden (second));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* The suite's environment turns accessibility off (GTK_A11Y=none);
   * these tests read the states GTK would give a screen reader. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/a11y/set-error", test_set_error);
  g_test_add_func ("/care/a11y/keep-focus-in", test_keep_focus_in);
  g_test_add_func ("/care/a11y/busy-in-transitions", test_busy_in_transitions);
  g_test_add_func ("/care/a11y/view-stack-busy", test_view_stack_busy);
  g_test_add_func ("/care/a11y/hide-unseen-pages", test_hide_unseen_pages);

  return g_test_run ();
}
