/* care-record-search.c — search the whole record from the header
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ctrl+F (when the view in focus has no search of its own) opens this
 * popover: the words typed are looked up in the record's full-text index
 * (FTS5, in a worker), and the matches are listed by the section they
 * belong to, best first within each. Activating one opens its section.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "care-features.h"
#include "care-note-report.h"
#include "care-record-search.h"
#include "care-record.h"
#include "care-resource-item.h"
#include "care-time.h"

#define MAX_RESULTS 60

struct _CareRecordSearch
{
  GtkPopover      parent_instance;

  CareContext    *context;
  GtkSearchEntry *entry;
  GtkListBox     *list;
  GtkLabel       *status;
  GtkWidget      *scroller;
  GCancellable   *cancellable;
  GPtrArray      *results;   /* GtkWidget rows, in order */
  guint           generation;
};

G_DEFINE_FINAL_TYPE (CareRecordSearch, care_record_search, GTK_TYPE_POPOVER)

/* A result row knows the section its resource belongs to and where the
 * index ranked it, so grouping and sorting never read back widget state. */
#define CARE_TYPE_SEARCH_ROW (care_search_row_get_type ())
G_DECLARE_FINAL_TYPE (CareSearchRow, care_search_row, CARE, SEARCH_ROW, AdwActionRow)

struct _CareSearchRow
{
  AdwActionRow  parent_instance;

  const char   *section;   /* static string from type_sections */
  guint         rank;
};

G_DEFINE_FINAL_TYPE (CareSearchRow, care_search_row, ADW_TYPE_ACTION_ROW)

static void
care_search_row_class_init (CareSearchRowClass *klass)
{
}

static void
care_search_row_init (CareSearchRow *self)
{
}

/**
 * care_record_search_section_for_type:
 * @type: a FHIR resource type
 *
 * Returns: the id of the section that shows resources of @type
 */
const char *
care_record_search_section_for_type (const char *type)
{
  return care_features_section_for_type (type);
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  const char *section = CARE_SEARCH_ROW (row)->section;
  const char *previous = before != NULL ? CARE_SEARCH_ROW (before)->section : NULL;
  const CareFeature *info;
  GtkWidget *label;

  if (g_strcmp0 (section, previous) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  info = care_features_lookup (section);
  label = gtk_label_new (info != NULL ? _(info->title) : section);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, before != NULL ? 12 : 4);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_widget_set_margin_start (label, 6);
  gtk_list_box_row_set_header (row, label);
}

static void
clear_results (CareRecordSearch *self)
{
  for (guint i = 0; i < self->results->len; i++)
    gtk_list_box_remove (self->list, self->results->pdata[i]);
  g_ptr_array_set_size (self->results, 0);
}

static void
show_status (CareRecordSearch *self,
             const char       *text)
{
  gtk_label_set_label (self->status, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status), text != NULL);
  gtk_widget_set_visible (self->scroller, text == NULL);
}

static int
section_rank (const char *section)
{
  for (guint i = 0; i < care_features_get_n_items (); i++)
    if (g_str_equal (care_features_get (i)->id, section))
      return (int)i;
  return G_MAXINT;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  CareSearchRow *row_a = *(CareSearchRow **)a;
  CareSearchRow *row_b = *(CareSearchRow **)b;
  int rank_a = section_rank (row_a->section);
  int rank_b = section_rank (row_b->section);

  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;
  /* Within a section, keep the index's relevance order. */
  return (int)row_a->rank - (int)row_b->rank;
}

static GtkWidget *
create_row (CareResourceItem *item,
            guint             rank)
{
  CareSearchRow *search_row = g_object_new (CARE_TYPE_SEARCH_ROW, NULL);
  GtkWidget *row = GTK_WIDGET (search_row);
  const char *type = care_resource_item_get_resource_type (item);
  const char *name = care_resource_item_get_display_name (item);
  GDateTime *date = care_resource_item_get_effective_date (item);
  g_autofree char *subtitle = date != NULL ? care_time_format_day (date) : NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name != NULL ? name : type);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  search_row->section = care_record_search_section_for_type (type);
  /* A clinical note sent as a DiagnosticReport is listed with documents,
   * not results, and found where it is listed. */
  if (g_strcmp0 (type, "DiagnosticReport") == 0)
    {
      g_autoptr(JsonObject) report = care_resource_item_dup_resource (item, NULL);

      if (report != NULL && care_note_report_is_note (report))
        search_row->section = care_record_search_section_for_type ("DocumentReference");
    }
  search_row->rank = rank;
  return row;
}

static void
searched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CareRecordSearch) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = care_cache_search_finish (CARE_CACHE (source), result, &error);
  g_autofree char *text = NULL;
  guint n;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  clear_results (self);
  if (items == NULL)
    {
      show_status (self, error->message);
      self->generation++;
      return;
    }

  n = MIN (g_list_model_get_n_items (items), MAX_RESULTS);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (items, i);

      g_ptr_array_add (self->results, create_row (item, i));
    }
  g_ptr_array_sort (self->results, compare_rows);
  for (guint i = 0; i < self->results->len; i++)
    gtk_list_box_append (self->list, self->results->pdata[i]);

  /* Translators: %s is what the user searched for */
  text = g_strdup_printf (_("Nothing in this record matches “%s”."),
                          gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  show_status (self, n == 0 ? text : NULL);
  self->generation++;
}

static void on_search_changed_cb (CareRecordSearch *self);

/**
 * care_record_search_run:
 * @self: a #CareRecordSearch
 * @text: what to find
 *
 * Searches the record on screen now (the entry waits for typing to pause).
 */
void
care_record_search_run (CareRecordSearch *self,
                        const char       *text)
{
  CareRecord *record = care_context_get_record (self->context);
  CareCache *cache = record != NULL ? care_record_get_cache (record) : NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_return_if_fail (CARE_IS_RECORD_SEARCH (self));

  /* Replacing the text empties the entry first, which a search entry
   * reports at once: that is not a search of its own. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), text) != 0)
    {
      g_signal_handlers_block_by_func (self->entry, on_search_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
      g_signal_handlers_unblock_by_func (self->entry, on_search_changed_cb, self);
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (g_utf8_strlen (stripped, -1) < 2 || cache == NULL)
    {
      clear_results (self);
      show_status (self, cache == NULL ? _("There is no record to search.")
                                       : _("Type two or more letters to search this record."));
      self->generation++;
      return;
    }
  self->cancellable = g_cancellable_new ();
  care_cache_search_async (cache, stripped, NULL, self->cancellable, searched_cb, g_object_ref (self));
}

/**
 * care_record_search_activate_result:
 * @self: a #CareRecordSearch
 * @index: a result
 *
 * Opens the section the result belongs to.
 */
void
care_record_search_activate_result (CareRecordSearch *self,
                                    guint             index)
{
  g_return_if_fail (CARE_IS_RECORD_SEARCH (self));
  g_return_if_fail (index < self->results->len);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-section", "s",
                              care_record_search_get_result_section (self, index));
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_row_activated_cb (CareRecordSearch *self,
                     GtkListBoxRow    *row)
{
  guint index;

  if (g_ptr_array_find (self->results, row, &index))
    care_record_search_activate_result (self, index);
}

static void
on_search_changed_cb (CareRecordSearch *self)
{
  care_record_search_run (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
on_activate_cb (CareRecordSearch *self)
{
  if (self->results->len > 0)
    care_record_search_activate_result (self, 0);
}

static void
on_record_changed_cb (CareRecordSearch *self)
{
  care_record_search_run (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
care_record_search_show (GtkWidget *widget)
{
  CareRecordSearch *self = CARE_RECORD_SEARCH (widget);

  GTK_WIDGET_CLASS (care_record_search_parent_class)->show (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
care_record_search_dispose (GObject *object)
{
  CareRecordSearch *self = CARE_RECORD_SEARCH (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (care_record_search_parent_class)->dispose (object);
}

static void
care_record_search_class_init (CareRecordSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_record_search_dispose;
  widget_class->show = care_record_search_show;
}

static void
care_record_search_init (CareRecordSearch *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  self->results = g_ptr_array_new ();
  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->entry, "placeholder-text", _("Search this record"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search this record"), -1);
  g_signal_connect_swapped (self->entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_activate_cb), self);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_header_func (self->list, header_func, NULL, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Matches in this record"), -1);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->scroller), 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list));

  self->status = GTK_LABEL (gtk_label_new (_("Type two or more letters to search this record.")));
  gtk_label_set_wrap (self->status, TRUE);
  gtk_label_set_max_width_chars (self->status, 36);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->status), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->status), 12);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (box), self->scroller);
  gtk_widget_set_visible (self->scroller, FALSE);
  gtk_widget_set_size_request (box, 300, -1);
  gtk_popover_set_child (GTK_POPOVER (self), box);
  gtk_widget_add_css_class (GTK_WIDGET (self), "record-search");
}

GtkWidget *
care_record_search_new (CareContext *context)
{
  CareRecordSearch *self;

  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  self = g_object_new (CARE_TYPE_RECORD_SEARCH, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (context, "notify::record", G_CALLBACK (on_record_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

guint
care_record_search_get_generation (CareRecordSearch *self)
{
  g_return_val_if_fail (CARE_IS_RECORD_SEARCH (self), 0);
  return self->generation;
}

guint
care_record_search_get_n_results (CareRecordSearch *self)
{
  g_return_val_if_fail (CARE_IS_RECORD_SEARCH (self), 0);
  return self->results->len;
}

const char *
care_record_search_get_result_section (CareRecordSearch *self,
                                       guint             index)
{
  g_return_val_if_fail (care_record_search_get_n_results (self) > index, NULL);
  return CARE_SEARCH_ROW (self->results->pdata[index])->section;
}

const char *
care_record_search_get_result_title (CareRecordSearch *self,
                                     guint             index)
{
  g_return_val_if_fail (care_record_search_get_n_results (self) > index, NULL);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->results->pdata[index]));
}
