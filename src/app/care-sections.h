/* care-sections.h — the feature areas of the sidebar
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * CareSection:
 * @id: the stable name used by actions, GSettings and the page stack
 * @title: the sidebar title (untranslated; translate with _() when shown)
 * @icon_name: the symbolic icon
 * @empty_title: the empty state's title
 * @empty_description: what will appear in the section, and how it gets there
 * @empty_action_label: the label of the action that gets the user there
 * @empty_action: the detailed action name the button activates
 *
 * One entry of the sidebar. A feature issue replaces a section's empty state
 * with its view by filling @create_view.
 */
typedef struct
{
  const char  *id;
  const char  *title;
  const char  *icon_name;
  const char  *empty_title;
  const char  *empty_description;
  const char  *empty_action_label;
  const char  *empty_action;
  GtkWidget *(*create_view) (GObject *context);
} CareSection;

guint              care_sections_get_n_items (void);
const CareSection *care_sections_get         (guint       position);
const CareSection *care_sections_lookup      (const char *id,
                                              guint      *position);

G_END_DECLS
