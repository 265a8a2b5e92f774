/* care-window-sections.c — the main window's sections and their pages
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sidebar of feature areas and the stack of their pages: making a
 * section's view when it is first shown, selecting a section (from the
 * sidebar, Ctrl+1…9 or an action), leaving a section's own pages on Back,
 * and opening one item a notification is about.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-empty-state.h"
#include "care-notifier.h"
#include "care-outbox-view.h"
#include "care-record.h"
#include "care-section-page.h"
#include "care-sections.h"
#include "care-unread-badge.h"
#include "care-window-private.h"

/* "3 unread messages" for a screen reader, as the badge shows it; the
 * row's name stays the section's. */
static void
on_unread_changed_cb (CareUnreadBadge *badge,
                      GParamSpec      *pspec,
                      GtkWidget       *row)
{
  guint count = care_unread_badge_get_count (badge);
  g_autofree char *description = NULL;

  if (count == 0)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unread message", "%u unread messages", count),
                                 count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

static GtkWidget *
create_sidebar_row (CareWindow        *self,
                    const CareSection *section)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = care_a11y_decoration_new (section->icon_name);
  GtkWidget *label = gtk_label_new (_(section->title));

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  /* How many items wait to be sent, beside the outbox's title. */
  if (g_str_equal (section->id, "outbox"))
    gtk_box_append (GTK_BOX (box), care_outbox_badge_new (self->context));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(section->title),
                                  -1);
  /* How many messages the person on screen has not read. */
  if (g_str_equal (section->id, "messages"))
    {
      GtkWidget *badge = care_unread_badge_new (self->context);

      gtk_box_append (GTK_BOX (box), badge);
      g_signal_connect_object (badge, "notify::count", G_CALLBACK (on_unread_changed_cb), row, 0);
      on_unread_changed_cb (CARE_UNREAD_BADGE (badge), NULL, row);
    }

  return row;
}

static GtkWidget *
create_section_page (CareWindow        *self,
                     const CareSection *section)
{
  if (section->create_view != NULL)
    return section->create_view (G_OBJECT (self->context));

  /* A feature whose view is not in care-sections.c yet (a bug). */
  return care_empty_state_new (section->icon_name, _(section->title), NULL, NULL, NULL);
}

/* Views are made when their section is first shown (or asked for), not
 * with the window: each starts its queries when made, and a big record's
 * lists, counts and trend collection would all compete with the first
 * frame and with each other. Until then a section holds a placeholder. */
static GtkWidget *
ensure_section_page (CareWindow        *self,
                     const CareSection *section)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->section_stack, section->id);
  GtkStackPage *stack_page;

  /* After dispose (the window closing) no view is made any more. */
  if (page == NULL || self->unmade_sections == NULL ||
      !g_hash_table_remove (self->unmade_sections, section->id))
    return page;

  gtk_stack_remove (self->section_stack, page);
  page = create_section_page (self, section);
  stack_page = gtk_stack_add_named (self->section_stack, page, section->id);
  gtk_stack_page_set_title (stack_page, _(section->title));
  /* Views with pages of their own hide their Back when the window folds
   * and its header's Back does the job. */
  if (CARE_IS_SECTION_PAGE (page))
    g_object_bind_property (self->leaflet, "folded", page, "folded", G_BINDING_SYNC_CREATE);
  return page;
}

void
care_window_select_section (CareWindow *self,
                            const char *id,
                            gboolean    navigate)
{
  const CareSection *section;
  GtkListBoxRow *row;
  guint position;

  section = care_sections_lookup (id, &position);
  if (section == NULL)
    {
      g_debug ("Unknown section “%s”, showing Home", id);
      section = care_sections_lookup ("home", &position);
    }

  ensure_section_page (self, section);
  gtk_stack_set_visible_child_name (self->section_stack, section->id);
  adw_window_title_set_title (self->section_title, _(section->title));

  row = gtk_list_box_get_row_at_index (self->sidebar_list, position);
  if (gtk_list_box_get_selected_row (self->sidebar_list) != row)
    gtk_list_box_select_row (self->sidebar_list, row);

  g_settings_set_string (self->settings, "last-section", section->id);

  if (navigate)
    adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CareWindow *self = CARE_WINDOW (widget);

  if (care_window_has_record (self))
    care_window_show_main_page (self, "record");
  care_window_select_section (self, g_variant_get_string (param, NULL), TRUE);
}

static void
show_trend_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CareWindow *self = CARE_WINDOW (widget);
  GtkWidget *page;

  /* "<system>|<code>": the trends page chooses the chart. */
  if (care_window_has_record (self))
    care_window_show_main_page (self, "record");
  care_window_select_section (self, "trends", TRUE);
  page = gtk_stack_get_child_by_name (self->section_stack, "trends");
  if (page != NULL)
    gtk_widget_activate_action_variant (page, "trends.select", param);
}

/* A section's own pages (a result, a document, a chart) come off first. */
gboolean
care_window_section_go_back (CareWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->section_stack);

  return CARE_IS_SECTION_PAGE (page) && care_section_page_go_back (CARE_SECTION_PAGE (page));
}

static void
health_summary_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CareWindow *self = CARE_WINDOW (widget);
  GtkWidget *page;

  if (care_window_has_record (self))
    care_window_show_main_page (self, "record");
  care_window_select_section (self, "documents", TRUE);
  page = gtk_stack_get_child_by_name (self->section_stack, "documents");
  if (page != NULL)
    gtk_widget_activate_action (page, "documents.health-summary", NULL);
}

static void
on_sidebar_row_activated_cb (CareWindow    *self,
                             GtkListBoxRow *row)
{
  const CareSection *section = care_sections_get (gtk_list_box_row_get_index (row));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-section", "s", section->id);
}

void
care_window_populate_sections (CareWindow *self)
{
  for (guint i = 0; i < care_sections_get_n_items (); i++)
    {
      const CareSection *section = care_sections_get (i);
      GtkStackPage *page;
      GtkWidget *child;

      gtk_list_box_append (self->sidebar_list, create_sidebar_row (self, section));
      if (section->create_view != NULL)
        {
          child = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
          g_hash_table_add (self->unmade_sections, (gpointer) section->id);
        }
      else
        child = create_section_page (self, section);
      page = gtk_stack_add_named (self->section_stack, child, section->id);
      gtk_stack_page_set_title (page, _(section->title));
    }
}

static void
add_section_shortcuts (GtkWidgetClass *widget_class)
{
  /* Ctrl+1 … Ctrl+9 reach the first nine sections, as tabs do in a browser. */
  for (guint i = 0; i < MIN (9, care_sections_get_n_items ()); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                         "win.show-section", "s", care_sections_get (i)->id);
}

/**
 * care_window_get_visible_section:
 * @self: a #CareWindow
 *
 * Returns: the id of the section on screen
 */
const char *
care_window_get_visible_section (CareWindow *self)
{
  g_return_val_if_fail (CARE_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->section_stack);
}

/**
 * care_window_get_section_page:
 * @self: a #CareWindow
 * @section_id: a section id
 *
 * Returns: (transfer none) (nullable): the section's page
 */
GtkWidget *
care_window_get_section_page (CareWindow *self,
                              const char *section_id)
{
  const CareSection *section;

  g_return_val_if_fail (CARE_IS_WINDOW (self), NULL);

  section = care_sections_lookup (section_id, NULL);
  if (section == NULL)
    return NULL;
  return ensure_section_page (self, section);
}

/**
 * care_window_get_sidebar_label:
 * @self: a #CareWindow
 * @position: a row of the sidebar
 *
 * Returns: (nullable): the text the sidebar shows at @position
 */
const char *
care_window_get_sidebar_label (CareWindow *self,
                               guint       position)
{
  GtkListBoxRow *row;
  GtkWidget *box;

  g_return_val_if_fail (CARE_IS_WINDOW (self), NULL);

  row = gtk_list_box_get_row_at_index (self->sidebar_list, position);
  if (row == NULL)
    return NULL;

  /* The icon, then the title (then, for the outbox, its badge). */
  box = gtk_list_box_row_get_child (row);
  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_next_sibling (gtk_widget_get_first_child (box))));
}

/**
 * care_window_open_item:
 * @self: a #CareWindow
 * @person_id: whose record
 * @type: the resource type
 * @id: the resource's id
 *
 * Shows one item, as a notification about it asks: @person_id's record,
 * the section that lists @type, and there the item itself (a result's
 * detail, a document in the viewer). An item no longer in the offline
 * copy leaves the section on screen and says so.
 *
 * Returns: %TRUE if the item is on screen (or its section, for types
 *   that have no page of their own yet)
 */
gboolean
care_window_open_item (CareWindow *self,
                       const char *person_id,
                       const char *type,
                       const char *id)
{
  CarePerson *person;
  CareRecord *record;
  CareCache *cache;
  const char *section_id;
  GtkWidget *page;
  gboolean shown;

  g_return_val_if_fail (CARE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (person_id != NULL && type != NULL && id != NULL, FALSE);

  person = care_context_lookup_person (self->context, person_id);
  if (person == NULL)
    {
      /* Signed out since. */
      care_window_show_toast (self, _("That record is no longer in Carebook"));
      return FALSE;
    }
  care_context_set_person (self->context, person);
  care_window_show_main_page (self, "record");
  section_id = care_notifier_section_for_type (type);
  care_window_select_section (self, section_id, TRUE);

  page = care_window_get_section_page (self, section_id);
  record = care_context_get_record (self->context);
  cache = record != NULL ? care_record_get_cache (record) : NULL;
  /* The section's page shows the item if it has a page of its own for it;
   * otherwise the section is enough, as long as the item exists. */
  if (CARE_IS_SECTION_PAGE (page))
    shown = care_section_page_open_item (CARE_SECTION_PAGE (page), type, id);
  else
    shown = cache != NULL && care_cache_contains (cache, type, id);

  if (!shown)
    care_window_show_toast (self, _("That item is no longer in the offline copy"));
  return shown;
}

void
care_window_class_init_sections (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "win.show-trend", "s", show_trend_action);
  gtk_widget_class_install_action (widget_class, "win.health-summary", NULL, health_summary_action);
  add_section_shortcuts (widget_class);
}
