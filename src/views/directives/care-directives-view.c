/* care-directives-view.c — End-of-Life Planning
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three groups: the signed directives on file (advance directive, POLST),
 * the health care agent, and the blank forms the health system offers.
 * "Upload a Signed Document" takes a PDF or photos of the pages (each
 * checked for type and size before it is read: care_directive_files_load())
 * and queues them as one DocumentReference with the advance-directive
 * category (care_directive_drafts_new()); "Name a Health Care Agent" queues
 * a RelatedPerson (care_agent_draft_new()). Both go through the outbox and
 * show here as waiting until the portal has them. A document or form
 * opens in Visits & Documents' viewer, which saves and prints it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-directives-view.h"
#include "care-directives.h"
#include "care-fhir.h"

struct _CareDirectivesView
{
  CareRecordList  parent_instance;
};

G_DEFINE_FINAL_TYPE (CareDirectivesView, care_directives_view, CARE_TYPE_RECORD_LIST)

static GtkWidget *
new_add_button (const char *label,
                const char *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("list-add-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static void
add_open_button (AdwActionRow *row,
                 const char   *title,
                 const char   *id)
{
  GtkWidget *button = gtk_button_new_with_label (C_("document", "Open"));
  /* Translators: a button's spoken name; %s is a document's title */
  g_autofree char *label = g_strdup_printf (_("Open %s"), title);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "directives.open");
  adw_action_row_add_suffix (row, button);
}

/* "Waiting to send", or the portal's refusal, for an item in the outbox. */
static const char *
waiting_text (const CareDirectiveItem *item)
{
  return item->state == CARE_OUTBOX_REFUSED ? _("Not accepted") : _("Waiting to send");
}

static void
add_document_row (CareDirectivesView      *self,
                  AdwPreferencesGroup     *group,
                  const CareDirectiveItem *item)
{
  g_autofree char *day = care_record_list_dup_date_text (item->date);
  g_autoptr(GString) details = g_string_new (NULL);
  AdwActionRow *row;

  if (item->waiting)
    g_string_append (details, waiting_text (item));
  if (day != NULL && item->kind == CARE_DIRECTIVE_ITEM_DIRECTIVE)
    /* Translators: when a directive was signed or filed, "Signed Dec 1, 2026" */
    g_string_append_printf (details, "%s%s", details->len > 0 ? " · " : "", day);
  if (item->detail != NULL)
    g_string_append_printf (details, "%s%s", details->len > 0 ? "\n" : "", item->detail);
  if (item->message != NULL && item->state == CARE_OUTBOX_REFUSED)
    g_string_append_printf (details, "\n%s", item->message);

  row = care_record_list_add_row (CARE_RECORD_LIST (self), group, item->title,
                                  details->len > 0 ? details->str : NULL);
  adw_action_row_add_prefix (row, care_a11y_decoration_new (item->kind == CARE_DIRECTIVE_ITEM_FORM
                                                              ? "x-office-document-symbolic"
                                                              : "document-edit-symbolic"));
  if (!item->waiting)
    add_open_button (row, item->title, item->id);
}

static void
add_agent_row (CareDirectivesView      *self,
               AdwPreferencesGroup     *group,
               const CareDirectiveItem *item)
{
  g_autoptr(GString) details = g_string_new (NULL);
  AdwActionRow *row;

  if (item->waiting)
    g_string_append (details, waiting_text (item));
  for (const char *part = item->detail; part != NULL; part = part == item->detail ? item->phone : NULL)
    if (part[0] != '\0')
      g_string_append_printf (details, "%s%s", details->len > 0 ? " · " : "", part);
  if (item->message != NULL && item->state == CARE_OUTBOX_REFUSED)
    g_string_append_printf (details, "\n%s", item->message);
  row = care_record_list_add_row (CARE_RECORD_LIST (self), group, item->title,
                                  details->len > 0 ? details->str : NULL);
  adw_action_row_add_prefix (row, care_a11y_decoration_new ("avatar-default-symbolic"));
}

static void
populate (CareRecordView *view)
{
  CareDirectivesView *self = CARE_DIRECTIVES_VIEW (view);
  CareRecord *record = care_record_view_get_record (view);
  CareCache *cache = record != NULL ? care_record_get_cache (record) : NULL;
  g_autoptr(GPtrArray) items = NULL;
  AdwPreferencesGroup *groups[3];
  guint counts[3] = { 0, 0, 0 };

  if (cache == NULL || (items = care_directives_list (cache, NULL)) == NULL || items->len == 0)
    return;

  groups[CARE_DIRECTIVE_ITEM_DIRECTIVE] =
    care_record_list_add_group (CARE_RECORD_LIST (self), _("Advance Directives"),
                                _("Signed documents your health system has on file, such as an advance "
                                  "directive or a POLST."));
  adw_preferences_group_set_header_suffix (groups[CARE_DIRECTIVE_ITEM_DIRECTIVE],
                                           new_add_button (_("Upload a Signed Document"), "directives.upload"));
  groups[CARE_DIRECTIVE_ITEM_AGENT] =
    care_record_list_add_group (CARE_RECORD_LIST (self), _("Health Care Agent"),
                                _("The person who makes health care decisions for you if you cannot."));
  adw_preferences_group_set_header_suffix (groups[CARE_DIRECTIVE_ITEM_AGENT],
                                           new_add_button (_("Name a Health Care Agent"), "directives.agent"));
  groups[CARE_DIRECTIVE_ITEM_FORM] =
    care_record_list_add_group (CARE_RECORD_LIST (self), _("Blank Forms"),
                                _("Forms to fill in and sign, then upload here."));

  for (guint i = 0; i < items->len; i++)
    {
      CareDirectiveItem *item = items->pdata[i];

      if (item->kind == CARE_DIRECTIVE_ITEM_AGENT)
        add_agent_row (self, groups[item->kind], item);
      else
        add_document_row (self, groups[item->kind], item);
      counts[item->kind]++;
    }
  if (counts[CARE_DIRECTIVE_ITEM_DIRECTIVE] == 0)
    care_record_list_add_note (CARE_RECORD_LIST (self), groups[CARE_DIRECTIVE_ITEM_DIRECTIVE],
                               _("No signed directive is on file. Upload one you have signed."));
  if (counts[CARE_DIRECTIVE_ITEM_AGENT] == 0)
    care_record_list_add_note (CARE_RECORD_LIST (self), groups[CARE_DIRECTIVE_ITEM_AGENT],
                               _("You have not named a health care agent here."));
  if (counts[CARE_DIRECTIVE_ITEM_FORM] == 0)
    care_record_list_add_note (CARE_RECORD_LIST (self), groups[CARE_DIRECTIVE_ITEM_FORM],
                               _("Your health system offers no blank forms here."));
}

static gboolean
check_can_write (CareDirectivesView *self,
                 const char         *type)
{
  if (care_record_list_can_write (CARE_RECORD_LIST (self), type) &&
      (!g_str_equal (type, "DocumentReference") || care_record_list_can_write (CARE_RECORD_LIST (self), "Binary")))
    return TRUE;
  care_record_list_show_portal_only (CARE_RECORD_LIST (self),
                                     g_str_equal (type, "RelatedPerson")
                                     ? _("This health system does not take a health care agent from apps. "
                                         "Name your agent in your portal, or tell your care team.")
                                     : _("This health system does not take documents from apps. Upload "
                                         "your signed directive in your portal, or bring it to your next visit."));
  return FALSE;
}

/**
 * care_directives_view_upload:
 * @self: a view
 * @files: (array length=n_files): one PDF, or a photo of each page
 * @n_files: how many
 * @title: (nullable): what to call it
 * @error: why the files will not do
 *
 * Checks the files' types and sizes, reads them and queues the signed
 * directive in the outbox, as the upload button's file chooser does.
 *
 * Returns: %TRUE if it is in the outbox
 */
gboolean
care_directives_view_upload (CareDirectivesView *self,
                             GFile * const      *files,
                             guint               n_files,
                             const char         *title,
                             GError            **error)
{
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (self));
  CareOutbox *outbox = record != NULL ? care_record_get_outbox (record) : NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) queued = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *patient = care_record_list_dup_patient_reference (CARE_RECORD_LIST (self));
  CareDirectiveFile *loaded;

  g_return_val_if_fail (CARE_IS_DIRECTIVES_VIEW (self), FALSE);

  if (outbox == NULL || patient == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                           _("This record cannot send anything to its health system now."));
      return FALSE;
    }
  loaded = care_directive_files_load (files, n_files, NULL, error);
  if (loaded == NULL)
    return FALSE;
  drafts = care_directive_drafts_new (patient, title, loaded, n_files, NULL, now, error);
  care_directive_files_free (loaded, n_files);
  if (drafts == NULL)
    return FALSE;

  /* The files first; the document last, which sends them all. */
  for (guint i = 0; i + 1 < drafts->len; i++)
    {
      CareOutboxEntry *entry = care_outbox_queue_draft (outbox, g_ptr_array_index (drafts, i), error);

      if (entry == NULL)
        break;
      g_ptr_array_add (queued, g_strdup (care_outbox_entry_get_id (entry)));
    }
  if (queued->len + 1 == drafts->len &&
      care_record_list_queue_draft (CARE_RECORD_LIST (self), g_ptr_array_index (drafts, drafts->len - 1), error))
    return TRUE;
  for (guint i = queued->len; i > 0; i--)
    {
      CareOutboxEntry *entry = care_outbox_lookup (outbox, g_ptr_array_index (queued, i - 1));

      if (entry != NULL)
        care_outbox_discard (outbox, entry, NULL);
    }
  return FALSE;
}

static void
chosen_cb (GtkNativeDialog    *dialog,
           int                 response,
           CareDirectivesView *self)
{
  g_autoptr(GListModel) chosen = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        g_ptr_array_add (files, g_list_model_get_item (chosen, i));
      if (files->len > 0 &&
          !care_directives_view_upload (self, (GFile **)files->pdata, files->len, NULL, &error))
        care_record_view_show_toast (CARE_RECORD_VIEW (self), error->message);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
upload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CareDirectivesView *self = CARE_DIRECTIVES_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (!check_can_write (self, "DocumentReference"))
    return;
  chooser = gtk_file_chooser_native_new (_("Upload a Signed Document"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Upload"), NULL);
  gtk_file_filter_set_name (filter, _("PDF files and photos"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/heic");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static const char *
entry_text (AdwMessageDialog *dialog,
            const char       *name)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (dialog), name);

  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
on_name_changed_cb (GtkEditable      *name,
                    AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (name)));

  adw_message_dialog_set_response_enabled (dialog, "save", text[0] != '\0');
}

static void
agent_response_cb (AdwMessageDialog   *dialog,
                   const char         *response,
                   CareDirectivesView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autofree char *patient = NULL;

  if (!g_str_equal (response, "save"))
    return;
  patient = care_record_list_dup_patient_reference (CARE_RECORD_LIST (self));
  if (patient != NULL)
    draft = care_agent_draft_new (patient, entry_text (dialog, "name"), entry_text (dialog, "relationship"),
                                  entry_text (dialog, "phone"), &error);
  if (draft != NULL && care_record_list_queue_draft (CARE_RECORD_LIST (self), draft, &error))
    return;
  care_record_view_show_toast (CARE_RECORD_VIEW (self),
                               error != NULL ? error->message
                                             : _("This record cannot send anything to its health system now."));
}

/**
 * care_directives_view_open_agent:
 * @self: a view
 *
 * Opens the dialog that names a health care agent, as its button does.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when the
 *   portal takes no agent from apps
 */
GtkWidget *
care_directives_view_open_agent (CareDirectivesView *self)
{
  GtkRoot *root;
  GtkWidget *dialog;
  GtkWidget *list;
  static const struct { const char *key; const char *title; } fields[] = {
    { "name", N_("Name") }, { "relationship", N_("Relationship to You") }, { "phone", N_("Phone") },
  };

  g_return_val_if_fail (CARE_IS_DIRECTIVES_VIEW (self), NULL);

  if (!check_can_write (self, "RelatedPerson"))
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Name a Health Care Agent"),
                                   _("Your health care agent makes decisions about your care if you cannot. "
                                     "Ask them first, and name them in your signed directive too."));
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *row = care_a11y_entry_row_new (_(fields[i].title));

      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_object_set_data (G_OBJECT (dialog), fields[i].key, row);
    }
  adw_entry_row_set_input_purpose (g_object_get_data (G_OBJECT (dialog), "phone"), GTK_INPUT_PURPOSE_PHONE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "save", _("_Name Agent"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (g_object_get_data (G_OBJECT (dialog), "name"), "changed",
                           G_CALLBACK (on_name_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (agent_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (dialog), "name"));
  return dialog;
}

static void
agent_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  care_directives_view_open_agent (CARE_DIRECTIVES_VIEW (widget));
}

/* A document or form opens where Visits & Documents shows documents. */
static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CareRecord *record = care_record_view_get_record (CARE_RECORD_VIEW (widget));
  CarePerson *person = record != NULL ? care_record_get_person (record) : NULL;
  g_autofree char *target = NULL;

  if (person == NULL)
    return;
  target = g_strdup_printf ("%s|DocumentReference/%s", care_person_get_id (person),
                            g_variant_get_string (parameter, NULL));
  gtk_widget_activate_action (widget, "app.open-item", "s", target);
}

static void
care_directives_view_constructed (GObject *object)
{
  G_OBJECT_CLASS (care_directives_view_parent_class)->constructed (object);

  care_view_stack_set_empty_action (care_record_list_get_stack (CARE_RECORD_LIST (object)),
                                    _("Upload a Signed Document"), "directives.upload");
}

static void
care_directives_view_class_init (CareDirectivesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = care_directives_view_constructed;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/carebook/Carebook/views/directives/care-directives-view.ui");
  CARE_RECORD_VIEW_CLASS (klass)->populate = populate;
  gtk_widget_class_install_action (widget_class, "directives.upload", NULL, upload_action);
  gtk_widget_class_install_action (widget_class, "directives.agent", NULL, agent_action);
  gtk_widget_class_install_action (widget_class, "directives.open", "s", open_action);
}

static void
care_directives_view_init (CareDirectivesView *self)
{
  g_autoptr(CareCacheQuery) documents = care_cache_query_new ("DocumentReference");

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The items are read in populate(); this query gives the list its
   * loading and withheld states. */
  care_record_list_add_query (CARE_RECORD_LIST (self), "documents", documents);
}

/**
 * care_directives_view_new:
 * @context: the window's #CareContext
 *
 * Returns: (transfer full): a new view
 */
GtkWidget *
care_directives_view_new (GObject *context)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  return g_object_new (CARE_TYPE_DIRECTIVES_VIEW, "context", context, NULL);
}
