/* care-a11y.c — small helpers that keep screen-reader output honest
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An icon beside words that already say the same thing is decoration: a
 * screen reader that announced it would only say "image". GTK 4.8 leaves
 * widgets whose role is "presentation" out of the accessibility tree, and
 * the role can only be given when the widget is made, so decorative icons
 * are made here.
 */
#include "config.h"

#include "care-a11y.h"

#include <adwaita.h>

/**
 * care_a11y_decoration_new:
 * @icon_name: a symbolic icon
 *
 * Returns: (transfer floating): an image that assistive technologies skip
 */
GtkWidget *
care_a11y_decoration_new (const char *icon_name)
{
  return g_object_new (GTK_TYPE_IMAGE,
                       "icon-name", icon_name,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       NULL);
}

static void apply_field_labels (GtkWidget *field);

/**
 * care_a11y_set_error:
 * @field: the widget the user types into
 * @message: a label under it that shows the error
 * @text: (nullable): what is wrong, or %NULL when nothing is
 *
 * Shows or hides @message and tells assistive technologies that @field
 * is invalid and which label says why, so the error is not only red.
 */
void
care_a11y_set_error (GtkWidget  *field,
                     GtkWidget  *message,
                     const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (field));
  g_return_if_fail (GTK_IS_LABEL (message));

  gtk_label_set_text (GTK_LABEL (message), text != NULL ? text : "");
  gtk_widget_set_visible (message, text != NULL);
  if (text != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (field),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      /* GTK 4.8 takes error-message as one reference (no NULL after it)
       * and described-by as a NULL-terminated list: a NULL after the
       * first shifts every argument after it, and GTK crashes. */
      gtk_accessible_update_relation (GTK_ACCESSIBLE (field),
                                      GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, message,
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, message, NULL,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (field, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
      /* What described the field before the error does again. */
      apply_field_labels (field);
    }
}

/**
 * care_a11y_keep_focus_in:
 * @page: what has just come on screen in place of something else
 *
 * When the keyboard focus was on what @page replaced (or nowhere), moves
 * it to the first control of @page, so that a keyboard or screen-reader
 * user is never left on a widget that went away. A focus already inside
 * @page stays where it is.
 */
void
care_a11y_keep_focus_in (GtkWidget *page)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (GTK_IS_WIDGET (page));

  root = gtk_widget_get_root (page);
  if (root == NULL || !gtk_widget_get_mapped (page))
    return;
  focus = gtk_root_get_focus (root);
  if (focus != NULL && gtk_widget_is_ancestor (focus, page) && gtk_widget_get_mapped (focus))
    return;
  gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static void
on_transition_running_cb (GtkStack   *stack,
                          GParamSpec *pspec,
                          gpointer    user_data)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (stack),
                               GTK_ACCESSIBLE_STATE_BUSY, gtk_stack_get_transition_running (stack),
                               -1);
}

/**
 * care_a11y_busy_in_transitions:
 * @stack: a #GtkStack that fades or slides from page to page
 *
 * Marks @stack busy for assistive technologies while it changes page,
 * when what it draws is neither page whole: a screen reader or magnifier
 * may wait for it, and the a11y tests read the page only after (a
 * screenshot halfway through a crossfade has text at half its contrast).
 */
void
care_a11y_busy_in_transitions (GtkStack *stack)
{
  g_return_if_fail (GTK_IS_STACK (stack));

  g_signal_connect (stack, "notify::transition-running", G_CALLBACK (on_transition_running_cb),
                    NULL);
}

static void
hide_unseen_pages (GtkStack *stack)
{
  GtkWidget *visible = gtk_stack_get_visible_child (stack);
  gboolean fading = gtk_stack_get_transition_running (stack);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* The page fading out is hidden once the fade is over. */
      if (child == visible || !fading)
        gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                                     GTK_ACCESSIBLE_STATE_HIDDEN, child != visible,
                                     -1);
    }
}

static gboolean
hide_unseen_pages_idle_cb (gpointer data)
{
  hide_unseen_pages (GTK_STACK (data));
  return G_SOURCE_REMOVE;
}

static void
on_visible_child_cb (GtkStack   *stack,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  GtkWidget *visible = gtk_stack_get_visible_child (stack);

  /* The new page at once; the old one once it is known whether it fades
   * out (GTK starts the transition after it says the child changed). */
  if (visible != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (visible), GTK_ACCESSIBLE_STATE_HIDDEN, FALSE, -1);
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, hide_unseen_pages_idle_cb, g_object_ref (stack),
                   g_object_unref);
}

static void
on_transition_done_cb (GtkStack   *stack,
                       GParamSpec *pspec,
                       gpointer    user_data)
{
  hide_unseen_pages (stack);
}

/**
 * care_a11y_hide_unseen_pages:
 * @stack: a #GtkStack
 *
 * Keeps the pages of @stack that are not on screen away from assistive
 * technologies. GTK 4.8 gives them all, with the place each was last
 * drawn at: a screen reader's review would read "Getting your record…"
 * over a list long loaded, and a magnifier (or the a11y contrast test)
 * would look for it where other words now are.
 */
void
care_a11y_hide_unseen_pages (GtkStack *stack)
{
  g_return_if_fail (GTK_IS_STACK (stack));

  g_signal_connect (stack, "notify::visible-child", G_CALLBACK (on_visible_child_cb), NULL);
  g_signal_connect (stack, "notify::transition-running", G_CALLBACK (on_transition_done_cb), NULL);
  hide_unseen_pages (stack);
}

/* Marks the images inside @widget as decoration. GTK 4.8 takes a new
 * role only until the widget's accessible object has been shown to
 * assistive technologies, so this is done before it is first realized. */
static void
quiet_images (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_IMAGE (child) && !gtk_widget_get_realized (child) &&
          gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (child)) == GTK_ACCESSIBLE_ROLE_IMG)
        g_object_set (child, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
      else
        quiet_images (child);
    }
}

/**
 * care_a11y_entry_row_new:
 * @title: what the field is for, shown in it and said for it
 *
 * An AdwEntryRow whose insides say nothing of their own: libadwaita 1.2
 * puts an unnamed pencil image in every entry row, which a screen reader
 * announces as "image". The row's title already says it can be typed in,
 * so the image is made decoration before the row is first shown.
 *
 * Returns: (transfer floating): an `AdwEntryRow`
 */
GtkWidget *
care_a11y_entry_row_new (const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  quiet_images (row);
  return row;
}

/**
 * care_a11y_label_lists:
 * @widget: a widget that holds lists the app does not make itself (an
 *   AdwPreferencesGroup without a title)
 * @label: what the lists are, said for them
 *
 * Names each list inside @widget that has no name: GTK 4.8 would say
 * "GtkListBox" for it.
 */
void
care_a11y_label_lists (GtkWidget  *widget,
                       const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      else
        care_a11y_label_lists (child, label);
    }
}

typedef struct
{
  GWeakRef label;
  GWeakRef description[2];
} FieldLabels;

static void
field_labels_free (gpointer data)
{
  FieldLabels *labels = data;

  g_weak_ref_clear (&labels->label);
  g_weak_ref_clear (&labels->description[0]);
  g_weak_ref_clear (&labels->description[1]);
  g_free (labels);
}

static void
apply_field_labels (GtkWidget *field)
{
  FieldLabels *labels = g_object_get_data (G_OBJECT (field), "care-a11y-field-labels");
  g_autoptr(GtkWidget) label = NULL;
  g_autoptr(GtkWidget) first = NULL;
  g_autoptr(GtkWidget) second = NULL;

  if (labels == NULL)
    return;
  label = g_weak_ref_get (&labels->label);
  first = g_weak_ref_get (&labels->description[0]);
  second = g_weak_ref_get (&labels->description[1]);
  if (label != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                    label, NULL, -1);
  /* A NULL ends the list: with only one description, nothing follows it. */
  if (first != NULL && second != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                    first, second, NULL, -1);
  else if (first != NULL || second != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                    first != NULL ? first : second, NULL, -1);
}

/**
 * care_a11y_label_field:
 * @field: what the user answers in
 * @label: the words that say what it is for
 * @description: (nullable): words that help (a hint, the chosen file)
 * @more: (nullable): more such words
 *
 * Ties @field to its label and descriptions for assistive technologies.
 * GTK 4.8 loses the relations of a widget given before it is placed in
 * its window (and so the field would be said without its label): they are
 * given now and again each time @field is shown.
 */
void
care_a11y_label_field (GtkWidget *field,
                       GtkWidget *label,
                       GtkWidget *description,
                       GtkWidget *more)
{
  FieldLabels *labels;

  g_return_if_fail (GTK_IS_WIDGET (field));

  labels = g_object_get_data (G_OBJECT (field), "care-a11y-field-labels");
  if (labels == NULL)
    {
      labels = g_new0 (FieldLabels, 1);
      g_object_set_data_full (G_OBJECT (field), "care-a11y-field-labels", labels, field_labels_free);
      g_signal_connect (field, "map", G_CALLBACK (apply_field_labels), NULL);
    }
  g_weak_ref_set (&labels->label, label);
  g_weak_ref_set (&labels->description[0], description);
  g_weak_ref_set (&labels->description[1], more);
  apply_field_labels (field);
}
