/* care-documents-view.c — Visits & Documents
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Past visits (Encounter) newest first, each opening its after-visit
 * summary (the DocumentReference whose context.encounter names it), then
 * clinical notes (DocumentReferences, and DiagnosticReports that are notes:
 * care-note-report.c), letters, eye prescriptions (VisionPrescription, as a
 * table), imaging studies no report reads yet (care-imaging.c), advance
 * directives and other documents, with a search over
 * their words. A document opens in the viewer page; "Health Summary"
 * opens the one-page summary. The view follows the record on screen
 * (the context's "record") and re-reads after each sync that changed it
 * (the record's "generation"). A type the portal withholds from proxy
 * access says so in its group, so hidden notes never look like "none".
 * This file builds the list and searches it; care-documents-pages.c opens
 * a row's document, the health summary, and goes back to the list.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-documents-load.h"
#include "care-documents-rows.h"
#include "care-documents-view.h"
#include "care-documents-view-private.h"
#include "care-fhir.h"

#include <string.h>


G_DEFINE_FINAL_TYPE_WITH_CODE (CareDocumentsView, care_documents_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (CARE_TYPE_SECTION_PAGE,
                                                      care_documents_view_section_page_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS,
  PROP_FOLDED = N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Past the newest few, visits and notes wait behind "Show All", so the
 * other groups stay in reach. */
#define FIRST_ROWS 8

static const char *group_titles[] = {
  N_("Past Visits"), N_("Clinical Notes"), N_("Letters"), N_("Eye Prescriptions"),
  N_("Imaging Without a Report"), N_("Advance Directives"), N_("Other Documents"),
};

static void
clear_rows (CareDocumentsView *self)
{
  for (guint g = 0; g < CARE_DOCUMENTS_N_GROUPS; g++)
    {
      for (guint i = 0; i < self->rows[g]->len; i++)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->groups[g]), self->rows[g]->pdata[i]);
      g_ptr_array_set_size (self->rows[g], 0);
    }
  self->withheld_row = NULL;
  /* The "show all" row stays last among the visits. */
  for (guint g = 0; g < CARE_DOCUMENTS_N_GROUPS; g++)
    if (self->more_rows[g] != NULL && gtk_widget_get_parent (self->more_rows[g]) != NULL)
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->groups[g]), self->more_rows[g]);
}

static void
add_row (CareDocumentsView  *self,
         CareDocumentsGroup  group,
         GtkWidget          *row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->groups[group]), row);
  g_ptr_array_add (self->rows[group], row);
}

static void
on_row_activated_cb (AdwActionRow      *row,
                     CareDocumentsView *self)
{
  care_documents_view_open_row (self, GTK_WIDGET (row));
}

static void
apply_search (CareDocumentsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = g_utf8_casefold (text, -1);
  CareRecord *record = care_context_get_record (self->context);
  guint n_visible = 0;

  for (guint g = 0; g < CARE_DOCUMENTS_N_GROUPS; g++)
    {
      guint visible_here = 0;

      for (guint i = 0; i < self->rows[g]->len; i++)
        {
          GtkWidget *row = self->rows[g]->pdata[i];
          const char *haystack = care_documents_row_get_search_text (row);
          gboolean visible = *needle == '\0' || row == self->withheld_row ||
                             (haystack != NULL && strstr (haystack, needle) != NULL);

          if (self->more_rows[g] != NULL && *needle == '\0' && !self->show_all[g] && i >= FIRST_ROWS)
            visible = FALSE;

          gtk_widget_set_visible (row, visible);
          if (visible)
            visible_here++;
        }
      gtk_widget_set_visible (self->groups[g], visible_here > 0);
      if (self->more_rows[g] != NULL)
        gtk_widget_set_visible (self->more_rows[g], *needle == '\0' && !self->show_all[g] &&
                                                    self->rows[g]->len > FIRST_ROWS);
      n_visible += visible_here;
    }

  if (*needle != '\0' && n_visible == 0 && self->n_items > 0)
    care_view_stack_show_no_results (self->view_stack, text);
  else
    care_view_stack_update (self->view_stack, record, care_documents_load_types (), self->n_items);
}

/* Ends a long group with its "Show All" row. */
static void
add_more_row (CareDocumentsView  *self,
              CareDocumentsGroup  group)
{
  guint n = self->rows[group]->len;
  g_autofree char *title = NULL;

  self->show_all[group] = FALSE;
  if (n <= FIRST_ROWS)
    return;
  if (group == CARE_DOCUMENTS_GROUP_VISITS)
    /* Translators: %u is the number of past visits */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Visit", "Show All %u Visits", n), n);
  else
    /* Translators: %u is the number of clinical notes */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Note", "Show All %u Notes", n), n);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->more_rows[group]), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->groups[group]), self->more_rows[group]);
}

static void
build (CareDocumentsView *self,
       CareDocumentsData *data)
{
  CareCache *cache = care_record_get_cache (data->record);
  g_autoptr(GHashTable) summaries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify)json_object_unref);
  g_autofree char *message = NULL;
  guint n_encounters = data->encounters->len;
  GPtrArray *documents = data->documents;
  guint n_documents = documents->len;
  guint n_prescriptions = data->prescriptions->len;
  GPtrArray *studies = data->studies;

  clear_rows (self);

  /* Documents first: each summary is kept for its visit's row. */
  for (guint i = 0; i < n_documents; i++)
    {
      JsonObject *document = g_ptr_array_index (documents, i);
      g_autofree char *encounter = NULL;
      CareDocumentKind kind;
      GtkWidget *row;

      if (document == NULL)
        continue;
      kind = care_documents_classify (document);
      encounter = care_documents_dup_encounter_id (document);
      if (kind == CARE_DOCUMENT_KIND_SUMMARY && encounter != NULL &&
          !g_hash_table_contains (summaries, encounter))
        {
          g_hash_table_insert (summaries, g_steal_pointer (&encounter), json_object_ref (document));
          continue;
        }
      row = care_documents_document_row_new (cache, document);
      g_signal_connect_object (row, "activated", G_CALLBACK (on_row_activated_cb), self, 0);
      add_row (self, kind == CARE_DOCUMENT_KIND_LETTER ? CARE_DOCUMENTS_GROUP_LETTERS
                     : kind == CARE_DOCUMENT_KIND_DIRECTIVE ? CARE_DOCUMENTS_GROUP_DIRECTIVES
                     : kind == CARE_DOCUMENT_KIND_OTHER ? CARE_DOCUMENTS_GROUP_OTHER
                     : CARE_DOCUMENTS_GROUP_NOTES, row);
    }

  for (guint i = 0; i < n_encounters; i++)
    {
      JsonObject *encounter = g_ptr_array_index (data->encounters, i);
      const char *id = care_fhir_get_string (encounter, "id");
      GtkWidget *row;

      row = care_documents_visit_row_new (cache, encounter, id != NULL ? g_hash_table_lookup (summaries, id) : NULL);
      g_signal_connect_object (row, "activated", G_CALLBACK (on_row_activated_cb), self, 0);
      add_row (self, CARE_DOCUMENTS_GROUP_VISITS, row);
    }

  add_more_row (self, CARE_DOCUMENTS_GROUP_VISITS);

  for (guint i = 0; i < n_prescriptions; i++)
    add_row (self, CARE_DOCUMENTS_GROUP_EYE,
             care_documents_vision_row_new (cache, g_ptr_array_index (data->prescriptions, i)));
  for (guint i = 0; i < studies->len; i++)
    add_row (self, CARE_DOCUMENTS_GROUP_IMAGING, care_documents_study_row_new (studies->pdata[i]));

  self->notes_withheld = care_record_get_type_status (data->record, "DocumentReference", &message) ==
                         CARE_TYPE_STATUS_WITHHELD;
  if (self->notes_withheld && n_encounters + n_prescriptions > 0)
    {
      self->withheld_row = care_documents_withheld_row_new (message);
      add_row (self, CARE_DOCUMENTS_GROUP_NOTES, self->withheld_row);
    }

  add_more_row (self, CARE_DOCUMENTS_GROUP_NOTES);
  self->n_items = n_encounters + n_documents + n_prescriptions + studies->len;
  apply_search (self);
  self->generation++;
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CareDocumentsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CareDocumentsData) data = care_documents_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (data == NULL)
    care_view_stack_show_error (self->view_stack, error->message);
  else
    build (self, data);
}

static void
reload (CareDocumentsView *self)
{
  CareRecord *record = care_context_get_record (self->context);
  CareCache *cache = record != NULL ? care_record_get_cache (record) : NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (cache == NULL)
    {
      clear_rows (self);
      self->n_items = 0;
      self->notes_withheld = FALSE;
      care_view_stack_update (self->view_stack, record, care_documents_load_types (), 0);
      return;
    }

  self->cancellable = g_cancellable_new ();
  care_documents_load_async (record, self->cancellable, loaded_cb, g_object_ref (self));
}

static void
on_record_changed_cb (CareDocumentsView *self)
{
  CareRecord *record = care_context_get_record (self->context);

  g_signal_group_set_target (self->record_signals, record);
  /* Another person: back to their list. */
  gtk_widget_activate_action (GTK_WIDGET (self), "documents.back", NULL);
  reload (self);
}
static void
on_more_rows_cb (GtkWidget         *more,
                 CareDocumentsView *self)
{
  for (guint g = 0; g < CARE_DOCUMENTS_N_GROUPS; g++)
    {
      GtkWidget *next;

      if (self->more_rows[g] != more)
        continue;
      next = self->rows[g]->len > FIRST_ROWS ? self->rows[g]->pdata[FIRST_ROWS] : NULL;
      self->show_all[g] = TRUE;
      apply_search (self);
      /* Keyboard users carry on where the list grew. */
      if (next != NULL)
        gtk_widget_grab_focus (next);
    }
}

static void
on_search_changed_cb (CareDocumentsView *self)
{
  apply_search (self);
}

static void
on_search_stop_cb (CareDocumentsView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
care_documents_view_constructed (GObject *object)
{
  CareDocumentsView *self = CARE_DOCUMENTS_VIEW (object);

  G_OBJECT_CLASS (care_documents_view_parent_class)->constructed (object);

  g_assert (CARE_IS_CONTEXT (self->context));
  g_signal_connect_object (self->context, "notify::record", G_CALLBACK (on_record_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_group_set_target (self->record_signals, care_context_get_record (self->context));
  reload (self);
}

static void
care_documents_view_dispose (GObject *object)
{
  CareDocumentsView *self = CARE_DOCUMENTS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->opened_row);
  self->withheld_row = NULL;
  if (self->record_signals != NULL)
    g_signal_group_set_target (self->record_signals, NULL);
  g_clear_object (&self->record_signals);
  /* Unparent the template's root through AdwBin first, so AdwBin's own
   * dispose does not unparent it a second time. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARE_TYPE_DOCUMENTS_VIEW);
  for (guint g = 0; g < CARE_DOCUMENTS_N_GROUPS; g++)
    g_clear_pointer (&self->rows[g], g_ptr_array_unref);
  for (guint g = 0; g < CARE_DOCUMENTS_N_GROUPS; g++)
    g_clear_object (&self->more_rows[g]);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (care_documents_view_parent_class)->dispose (object);
}

static void
care_documents_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CareDocumentsView *self = CARE_DOCUMENTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_documents_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CareDocumentsView *self = CARE_DOCUMENTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_FOLDED:
      care_documents_view_set_folded (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_documents_view_class_init (CareDocumentsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = care_documents_view_constructed;
  object_class->dispose = care_documents_view_dispose;
  object_class->get_property = care_documents_view_get_property;
  object_class->set_property = care_documents_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CARE_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* The window shows one pane at a time, with Back in its header. */
  g_object_class_override_property (object_class, PROP_FOLDED, "folded");

  g_type_ensure (CARE_TYPE_DOCUMENT_VIEWER);
  g_type_ensure (CARE_TYPE_HEALTH_SUMMARY_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/views/documents/care-documents-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CareDocumentsView, pages);
  gtk_widget_class_bind_template_child (widget_class, CareDocumentsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CareDocumentsView, stack_bin);
  gtk_widget_class_bind_template_child (widget_class, CareDocumentsView, viewer);
  gtk_widget_class_bind_template_child (widget_class, CareDocumentsView, summary_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);

  /* The pages beside the list: care-documents-pages.c. */
  gtk_widget_class_install_action (widget_class, "documents.back", NULL, care_documents_view_back_action);
  gtk_widget_class_install_action (widget_class, "documents.health-summary", NULL,
                                   care_documents_view_health_summary_action);
  gtk_widget_class_install_action (widget_class, "documents.find", NULL, care_documents_view_find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "documents.find", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK, care_documents_view_back_shortcut_cb,
                                NULL);
}

static void
care_documents_view_init (CareDocumentsView *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint g = 0; g < CARE_DOCUMENTS_N_GROUPS; g++)
    {
      self->groups[g] = adw_preferences_group_new ();
      self->rows[g] = g_ptr_array_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->groups[g]), _(group_titles[g]));
      gtk_widget_set_visible (self->groups[g], FALSE);
      gtk_box_append (GTK_BOX (box), self->groups[g]);
    }
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  self->view_stack = CARE_VIEW_STACK (care_view_stack_new ("folder-documents-symbolic",
                                                           _("No Visits or Documents Yet"),
                                                           _("Past visits with their after-visit summaries, "
                                                             "clinical notes, letters and other documents "
                                                             "will be listed here.")));
  care_view_stack_set_empty_action (self->view_stack, _("Sync Now"), "win.refresh");
  care_view_stack_set_content (self->view_stack, scroller);
  adw_bin_set_child (self->stack_bin, GTK_WIDGET (self->view_stack));

  for (guint g = CARE_DOCUMENTS_GROUP_VISITS; g <= CARE_DOCUMENTS_GROUP_NOTES; g++)
    {
      self->more_rows[g] = g_object_ref_sink (adw_action_row_new ());
      adw_action_row_add_suffix (ADW_ACTION_ROW (self->more_rows[g]),
                                 care_a11y_decoration_new ("pan-down-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->more_rows[g]), TRUE);
      g_signal_connect (self->more_rows[g], "activated", G_CALLBACK (on_more_rows_cb), self);
    }

  self->record_signals = g_signal_group_new (CARE_TYPE_RECORD);
  g_signal_group_connect_swapped (self->record_signals, "notify::generation", G_CALLBACK (reload), self);
  g_signal_group_connect_swapped (self->record_signals, "notify::cache", G_CALLBACK (reload), self);
}

GtkWidget *
care_documents_view_new (CareContext *context)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  return g_object_new (CARE_TYPE_DOCUMENTS_VIEW, "context", context, NULL);
}

/**
 * care_documents_view_create:
 * @context: a #CareContext
 *
 * The section table's constructor (care-sections.c).
 *
 * Returns: (transfer floating): the view
 */
GtkWidget *
care_documents_view_create (GObject *context)
{
  return care_documents_view_new (CARE_CONTEXT (context));
}

CareViewStack *
care_documents_view_get_view_stack (CareDocumentsView *self)
{
  g_return_val_if_fail (CARE_IS_DOCUMENTS_VIEW (self), NULL);
  return self->view_stack;
}

/**
 * care_documents_view_get_generation:
 * @self: a #CareDocumentsView
 *
 * Returns: how many times the list was built, for tests to wait on
 */
guint
care_documents_view_get_generation (CareDocumentsView *self)
{
  g_return_val_if_fail (CARE_IS_DOCUMENTS_VIEW (self), 0);
  return self->generation;
}

guint
care_documents_view_get_n_rows (CareDocumentsView  *self,
                                CareDocumentsGroup  group)
{
  g_return_val_if_fail (CARE_IS_DOCUMENTS_VIEW (self), 0);
  g_return_val_if_fail (group < CARE_DOCUMENTS_N_GROUPS, 0);
  return self->rows[group]->len;
}

GtkWidget *
care_documents_view_get_row (CareDocumentsView  *self,
                             CareDocumentsGroup  group,
                             guint               index)
{
  g_return_val_if_fail (care_documents_view_get_n_rows (self, group) > index, NULL);
  return self->rows[group]->pdata[index];
}

guint
care_documents_view_get_n_visible_rows (CareDocumentsView *self)
{
  guint n = 0;

  g_return_val_if_fail (CARE_IS_DOCUMENTS_VIEW (self), 0);

  for (guint g = 0; g < CARE_DOCUMENTS_N_GROUPS; g++)
    for (guint i = 0; i < self->rows[g]->len; i++)
      if (gtk_widget_get_visible (self->rows[g]->pdata[i]))
        n++;
  return n;
}

gboolean
care_documents_view_get_notes_withheld (CareDocumentsView *self)
{
  g_return_val_if_fail (CARE_IS_DOCUMENTS_VIEW (self), FALSE);
  return self->notes_withheld;
}

void
care_documents_view_set_search_text (CareDocumentsView *self,
                                     const char        *text)
{
  g_return_if_fail (CARE_IS_DOCUMENTS_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  apply_search (self);
}
