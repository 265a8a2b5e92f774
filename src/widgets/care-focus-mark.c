/* care-focus-mark.c — keeps the keyboard focus through a rebuilt list
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The record lists throw their rows away and build them again whenever a
 * sync changes the record (a message sent, a reading taken, a visit
 * booked). A focus inside them would go with the old widgets, and GTK
 * would start the next Tab from the top of the window: a keyboard or
 * screen-reader user loses their place, often without being told.
 *
 * Before the rebuild, the focus is marked by what it was on: the title of
 * its row (the outermost AdwPreferencesRow, so a button inside a row or
 * an expander's own child row counts as that row), the title of its
 * group, and its place among the focusable widgets of each. After, the
 * focus goes to the same place in the row with that title, or, when the
 * row has gone, the same place in its group, or in the whole list.
 */
#include "config.h"

#include "care-focus-mark.h"

#include <adwaita.h>

struct _CareFocusMark
{
  char *row;        /* the row's title, or NULL */
  char *group;      /* the group's title, or NULL */
  int   in_row;     /* place among the row's focusable widgets */
  int   in_group;   /* … the group's */
  int   in_all;     /* … the container's */
};

/* The focusable widgets under @widget that a Tab could reach, in order. */
static void
collect_focusable (GtkWidget *widget,
                   GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child) || !gtk_widget_get_child_visible (child))
        continue;
      if (gtk_widget_get_focusable (child) && gtk_widget_is_sensitive (child))
        g_ptr_array_add (out, child);
      collect_focusable (child, out);
    }
}

static int
place_in (GtkWidget *scope,
          GtkWidget *focus)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  guint index;

  collect_focusable (scope, all);
  return g_ptr_array_find (all, focus, &index) ? (int) index : 0;
}

/* The outermost row and the group around @focus, below @container. */
static void
find_scopes (GtkWidget  *container,
             GtkWidget  *focus,
             GtkWidget **row,
             GtkWidget **group)
{
  *row = *group = NULL;
  for (GtkWidget *w = focus; w != NULL && w != container; w = gtk_widget_get_parent (w))
    {
      if (ADW_IS_PREFERENCES_ROW (w))
        *row = w;
      else if (ADW_IS_PREFERENCES_GROUP (w) && *group == NULL)
        *group = w;
    }
}

/**
 * care_focus_mark_new:
 * @container: what is about to be emptied and filled again
 *
 * Returns: (transfer full) (nullable): where the keyboard focus is inside
 *   @container, or %NULL when it is elsewhere
 */
CareFocusMark *
care_focus_mark_new (GtkWidget *container)
{
  CareFocusMark *mark;
  GtkRoot *root;
  GtkWidget *focus;
  GtkWidget *row;
  GtkWidget *group;

  g_return_val_if_fail (GTK_IS_WIDGET (container), NULL);

  root = gtk_widget_get_root (container);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, container))
    return NULL;

  find_scopes (container, focus, &row, &group);
  mark = g_new0 (CareFocusMark, 1);
  if (row != NULL)
    {
      mark->row = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
      mark->in_row = row == focus ? -1 : place_in (row, focus);
    }
  if (group != NULL)
    {
      mark->group = g_strdup (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)));
      mark->in_group = place_in (group, focus);
    }
  mark->in_all = place_in (container, focus);
  return mark;
}

static gboolean
has_title (GtkWidget  *widget,
           const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
  if (ADW_IS_PREFERENCES_GROUP (widget))
    return g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
  return FALSE;
}

/* The visible group titled @group, or the outermost visible row titled
 * @row in such a group (any group when @group is NULL). */
static GtkWidget *
find_titled (GtkWidget  *widget,
             GType       type,
             const char *group,
             const char *row,
             gboolean    in_group)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gboolean inside = in_group;
      GtkWidget *found;

      if (!gtk_widget_get_visible (child) || !gtk_widget_get_child_visible (child))
        continue;
      if (ADW_IS_PREFERENCES_GROUP (child))
        {
          if (type == ADW_TYPE_PREFERENCES_GROUP && has_title (child, group))
            return child;
          inside = group == NULL || has_title (child, group);
        }
      if (type == ADW_TYPE_PREFERENCES_ROW && ADW_IS_PREFERENCES_ROW (child))
        {
          if (inside && has_title (child, row))
            return child;
          continue;   /* rows inside other rows do not count */
        }
      found = find_titled (child, type, group, row, inside);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The @place-th focusable widget of @scope, or its last, or NULL. */
static GtkWidget *
nth_focusable (GtkWidget *scope,
               int        place)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  collect_focusable (scope, all);
  if (all->len == 0)
    return NULL;
  return g_ptr_array_index (all, MIN ((guint) MAX (place, 0), all->len - 1));
}

/**
 * care_focus_mark_restore:
 * @mark: from care_focus_mark_new() before @container was emptied
 * @container: the same widget, filled again
 *
 * Gives the focus back to what stands where it was. Nothing happens when
 * the focus has meanwhile gone somewhere else on purpose (to a widget
 * outside @container that is still in the window).
 */
void
care_focus_mark_restore (CareFocusMark *mark,
                         GtkWidget     *container)
{
  GtkRoot *root;
  GtkWidget *focus;
  GtkWidget *target = NULL;
  GtkWidget *scope;

  g_return_if_fail (mark != NULL);
  g_return_if_fail (GTK_IS_WIDGET (container));

  root = gtk_widget_get_root (container);
  if (root == NULL)
    return;
  /* GTK 4.8 can leave the root's focus on the removed widget itself. */
  focus = gtk_root_get_focus (root);
  if (focus != NULL && gtk_widget_get_root (focus) == root && focus != container &&
      !gtk_widget_is_ancestor (focus, container) && !gtk_widget_is_ancestor (container, focus))
    return;

  if (mark->row != NULL &&
      (scope = find_titled (container, ADW_TYPE_PREFERENCES_ROW, mark->group, mark->row,
                            mark->group == NULL)) != NULL)
    target = mark->in_row < 0 ? scope : nth_focusable (scope, mark->in_row);
  if (target == NULL && mark->group != NULL &&
      (scope = find_titled (container, ADW_TYPE_PREFERENCES_GROUP, mark->group, NULL,
                            FALSE)) != NULL)
    target = nth_focusable (scope, mark->in_group);
  if (target == NULL)
    target = nth_focusable (container, mark->in_all);
  if (target != NULL)
    gtk_widget_grab_focus (target);
}

void
care_focus_mark_free (CareFocusMark *mark)
{
  if (mark == NULL)
    return;
  g_free (mark->row);
  g_free (mark->group);
  g_free (mark);
}
