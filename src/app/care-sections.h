/* care-sections.h — the feature areas of the sidebar
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * CareSection:
 * @id: the feature's id, used by actions, GSettings and the page stack
 * @title: the feature's title (untranslated; translate with _() when shown)
 * @icon_name: the feature's symbolic icon
 * @create_view: makes the section's view from the window's #CareContext
 *
 * One entry of the sidebar: a line of the feature table (care-features.c),
 * in its order, with the constructor of its view.
 */
typedef struct
{
  const char  *id;
  const char  *title;
  const char  *icon_name;
  GtkWidget *(*create_view) (GObject *context);
} CareSection;

guint              care_sections_get_n_items (void);
const CareSection *care_sections_get         (guint       position);
const CareSection *care_sections_lookup      (const char *id,
                                              guint      *position);

G_END_DECLS
