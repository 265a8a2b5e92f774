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
