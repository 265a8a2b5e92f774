/* care-record-list-rows.c — the groups and rows of a record list
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Views build their content with these: boxed-list groups, action and
 * expander rows whose words a search matches and a screen reader hears
 * (title, details and status tags), and dim notes that are not content.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-record-list.h"
#include "care-record-list-private.h"

/**
 * care_record_list_add_group:
 * @self: a #CareRecordList
 * @title: the group's heading
 * @description: (nullable): a line under it
 *
 * Returns: (transfer none): a new boxed-list group at the end
 */
AdwPreferencesGroup *
care_record_list_add_group (CareRecordList *self,
                            const char     *title,
                            const char     *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  g_return_val_if_fail (CARE_IS_RECORD_LIST (self), NULL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (PRIV (self)->groups_box, group);
  return ADW_PREFERENCES_GROUP (group);
}

static void
register_row (CareRecordList      *self,
              AdwPreferencesGroup *group,
              GtkWidget           *row,
              const char          *title,
              const char          *subtitle)
{
  Entry *entry = g_new0 (Entry, 1);
  g_autofree char *words = g_strdup_printf ("%s\n%s", title ?: "", subtitle ?: "");

  entry->row = row;
  entry->group = group;
  entry->key = care_record_list_fold (words);
  entry->subtitle = g_strdup (subtitle);
  g_ptr_array_add (PRIV (self)->entries, entry);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ?: "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle ?: "",
                                  -1);
}

static void
setup_row (AdwActionRow *row,
           const char   *title,
           const char   *subtitle)
{
  /* Names and instructions are data: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ?: "");
  if (subtitle != NULL)
    adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_title_lines (row, 0);
  adw_action_row_set_subtitle_lines (row, 0);
}

/**
 * care_record_list_add_row:
 * @self: a #CareRecordList
 * @group: a group of this list
 * @title: the row's title, a resource's name
 * @subtitle: (nullable): its details, lines separated by newlines
 *
 * Returns: (transfer none): a new row, found by searches for its words
 */
AdwActionRow *
care_record_list_add_row (CareRecordList      *self,
                          AdwPreferencesGroup *group,
                          const char          *title,
                          const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  g_return_val_if_fail (CARE_IS_RECORD_LIST (self), NULL);

  setup_row (ADW_ACTION_ROW (row), title, subtitle);
  adw_preferences_group_add (group, row);
  register_row (self, group, row, title, subtitle);
  return ADW_ACTION_ROW (row);
}

/**
 * care_record_list_add_expander:
 * @self: a #CareRecordList
 * @group: a group of this list
 * @title: the row's title
 * @subtitle: (nullable): its details
 *
 * Returns: (transfer none): a new expander row; its children come from
 *   care_record_list_add_child_row()
 */
AdwExpanderRow *
care_record_list_add_expander (CareRecordList      *self,
                               AdwPreferencesGroup *group,
                               const char          *title,
                               const char          *subtitle)
{
  GtkWidget *row = adw_expander_row_new ();

  g_return_val_if_fail (CARE_IS_RECORD_LIST (self), NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ?: "");
  if (subtitle != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
  register_row (self, group, row, title, subtitle);
  return ADW_EXPANDER_ROW (row);
}

/**
 * care_record_list_add_child_row:
 * @self: a #CareRecordList
 * @expander: an expander row of this list
 * @title: the child's title
 * @subtitle: (nullable): its details
 *
 * A search for the child's words finds its expander row.
 *
 * Returns: (transfer none): the new row
 */
AdwActionRow *
care_record_list_add_child_row (CareRecordList *self,
                                AdwExpanderRow *expander,
                                const char     *title,
                                const char     *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  g_return_val_if_fail (CARE_IS_RECORD_LIST (self), NULL);

  setup_row (ADW_ACTION_ROW (row), title, subtitle);
  adw_expander_row_add_row (expander, row);
  for (guint i = 0; i < PRIV (self)->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (PRIV (self)->entries, i);

      if (entry->row == GTK_WIDGET (expander))
        {
          g_autofree char *words = g_strdup_printf ("%s\n%s\n%s", entry->key, title ?: "",
                                                    subtitle ?: "");

          g_free (entry->key);
          entry->key = care_record_list_fold (words);
        }
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ?: "",
                                  -1);
  return ADW_ACTION_ROW (row);
}

/**
 * care_record_list_add_note:
 * @self: a #CareRecordList
 * @group: a group of this list
 * @text: why something is missing from it
 *
 * A dim row that is not a resource: searches skip it and it does not
 * count as content.
 */
void
care_record_list_add_note (CareRecordList      *self,
                           AdwPreferencesGroup *group,
                           const char          *text)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = care_a11y_decoration_new ("changes-prevent-symbolic");

  g_return_if_fail (CARE_IS_RECORD_LIST (self));

  setup_row (ADW_ACTION_ROW (row), text, NULL);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_widget_add_css_class (row, "care-note");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_group_add (group, row);
}

/* The description a screen reader reads after the row's title: its
 * status words first, then its details. */
static void
update_description (Entry *entry)
{
  g_autofree char *description = NULL;

  if (entry->tags != NULL && entry->subtitle != NULL)
    description = g_strdup_printf ("%s\n%s", entry->tags, entry->subtitle);
  else
    description = g_strdup (entry->tags != NULL ? entry->tags : entry->subtitle ?: "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry->row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
add_words (Entry      *entry,
           const char *words)
{
  g_autofree char *folded = care_record_list_fold (words);
  char *key = g_strdup_printf ("%s\n%s", entry->key, folded);

  g_free (entry->key);
  entry->key = key;
  update_description (entry);
}

/**
 * care_record_list_add_detail:
 * @self: a #CareRecordList
 * @row: an action row of this list
 * @line: a line to add to its subtitle
 *
 * For details that arrive after the row was made, from a query of their
 * own; searches and screen readers get them too.
 */
void
care_record_list_add_detail (CareRecordList *self,
                             AdwActionRow   *row,
                             const char     *line)
{
  g_return_if_fail (CARE_IS_RECORD_LIST (self));
  g_return_if_fail (line != NULL);

  for (guint i = 0; i < PRIV (self)->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (PRIV (self)->entries, i);
      char *subtitle;

      if (entry->row != GTK_WIDGET (row))
        continue;
      subtitle = entry->subtitle != NULL ? g_strdup_printf ("%s\n%s", entry->subtitle, line)
                                         : g_strdup (line);
      g_free (entry->subtitle);
      entry->subtitle = subtitle;
      adw_action_row_set_subtitle (row, subtitle);
      add_words (entry, line);
      if (PRIV (self)->needle != NULL)
        care_record_list_apply_filter (self);
      return;
    }
}

/**
 * care_record_list_add_tag:
 * @self: a #CareRecordList
 * @row: an action or expander row of this list
 * @text: a short status in words, "Overdue"
 * @style: its colour
 *
 * A screen reader hears @text with the row's details, and a search
 * finds the row by it.
 */
void
care_record_list_add_tag (CareRecordList *self,
                          GtkWidget      *row,
                          const char     *text,
                          CareTagStyle    style)
{
  static const char *classes[] = { NULL, "success", "warning", "error", "accent" };
  GtkWidget *label = gtk_label_new (text);
  gboolean found = FALSE;

  g_return_if_fail (CARE_IS_RECORD_LIST (self));

  for (guint i = 0; i < PRIV (self)->entries->len && !found; i++)
    {
      Entry *entry = g_ptr_array_index (PRIV (self)->entries, i);
      char *tags;

      if (entry->row != row)
        continue;
      found = TRUE;
      tags = entry->tags != NULL ? g_strdup_printf ("%s\n%s", entry->tags, text) : g_strdup (text);
      g_free (entry->tags);
      entry->tags = tags;
      add_words (entry, text);
    }
  if (!found)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                    -1);

  gtk_widget_add_css_class (label, "care-tag");
  gtk_widget_add_css_class (label, "caption-heading");
  if (classes[style] != NULL)
    gtk_widget_add_css_class (label, classes[style]);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_add_action (ADW_EXPANDER_ROW (row), label);
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
}

/**
 * care_record_list_get_n_rows:
 * @self: a #CareRecordList
 *
 * Returns: how many resource rows the last load added
 */
guint
care_record_list_get_n_rows (CareRecordList *self)
{
  g_return_val_if_fail (CARE_IS_RECORD_LIST (self), 0);

  return PRIV (self)->entries->len;
}

/**
 * care_record_list_dup_visible_titles:
 * @self: a #CareRecordList
 *
 * For tests and accessibility checks.
 *
 * Returns: (transfer full) (element-type utf8): the titles of the rows a
 *   search leaves visible, in order
 */
GPtrArray *
care_record_list_dup_visible_titles (CareRecordList *self)
{
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (CARE_IS_RECORD_LIST (self), titles);

  for (guint i = 0; i < PRIV (self)->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (PRIV (self)->entries, i);

      if (gtk_widget_get_visible (entry->row))
        g_ptr_array_add (titles,
                         g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (entry->row))));
    }
  return titles;
}

/**
 * care_record_list_add_search_words:
 * @self: a #CareRecordList
 * @row: a row (or expander row) of this list
 * @words: more words a search finds it by (an attachment's name)
 */
void
care_record_list_add_search_words (CareRecordList *self,
                                   GtkWidget      *row,
                                   const char     *words)
{
  g_return_if_fail (CARE_IS_RECORD_LIST (self));
  g_return_if_fail (words != NULL);

  for (guint i = 0; i < PRIV (self)->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (PRIV (self)->entries, i);
      g_autofree char *folded = NULL;
      char *key;

      if (entry->row != row)
        continue;
      folded = care_record_list_fold (words);
      key = g_strdup_printf ("%s\n%s", entry->key, folded);
      g_free (entry->key);
      entry->key = key;
      return;
    }
}
