/* care-import-dialog.c — importing readings from a file
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Choose a file (an Apple Health export or a CSV file); for a CSV file say
 * which column is which (Carebook's guess from the header comes first);
 * watch it being read, with a progress bar and Cancel; see what will be
 * sent (readings per kind, the dates they span, what is left out and
 * why); then "Send N Readings" queues them in the record's outbox, one
 * Observation each (core: src/core/features/import/). Nothing is queued
 * before that button.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-import-dialog.h"
#include "care-import.h"
#include "care-time.h"

enum { COLUMN_DATE, COLUMN_KIND, COLUMN_VALUE, COLUMN_UNIT, N_COLUMNS };

struct _CareImportDialog
{
  AdwWindow          parent_instance;

  CareRecord        *record;
  GFile             *file;
  GCancellable      *cancellable;
  CareImportPreview *preview;
  int               *permille;      /* written by the reading thread; an atomic rc box */
  guint              progress_id;
  guint              n_cells;

  GtkStack          *stack;
  AdwStatusPage     *choose_page;
  AdwStatusPage     *error_page;
  GtkWidget         *columns_page;
  AdwPreferencesGroup *columns_group;
  AdwComboRow       *column_rows[N_COLUMNS];
  GtkWidget         *reading_page;
  GtkLabel          *reading_label;
  GtkProgressBar    *progress_bar;
  GtkWidget         *preview_page;
  GtkWidget         *preview_box;
  GtkWidget         *send_button;
};

G_DEFINE_FINAL_TYPE (CareImportDialog, care_import_dialog, ADW_TYPE_WINDOW)

static void
care_import_dialog_dispose (GObject *object)
{
  CareImportDialog *self = CARE_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_pointer (&self->permille, g_atomic_rc_box_release);
  g_clear_pointer (&self->preview, care_import_preview_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_clear_object (&self->record);
  /* The window's children go with it: a late answer must not touch them. */
  self->stack = NULL;

  G_OBJECT_CLASS (care_import_dialog_parent_class)->dispose (object);
}

static void
show_page (CareImportDialog *self,
           GtkWidget        *page)
{
  gtk_stack_set_visible_child (self->stack, page);
  care_a11y_keep_focus_in (page);
}

static void
show_error (CareImportDialog *self,
            const char       *message)
{
  adw_status_page_set_description (self->error_page, message);
  show_page (self, GTK_WIDGET (self->error_page));
}

static gboolean
progress_cb (gpointer user_data)
{
  CareImportDialog *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (self->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

/* In the reading thread. */
static void
reading_progress_cb (double   fraction,
                     gpointer user_data)
{
  g_atomic_int_set ((int *) user_data, (int) (fraction * 1000));
}

static GtkWidget *
new_count_row (const char *title,
               guint       count,
               const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *number = g_strdup_printf ("%u", count);
  GtkWidget *label = gtk_label_new (number);
  g_autofree char *description = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  /* libadwaita 1.2 names a row after its title only. */
  description = subtitle != NULL ? g_strdup_printf ("%s, %s", number, subtitle) : g_strdup (number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  return row;
}

static char *
dup_day (gint64 time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (time);

  return care_time_format_day (when);
}

static void
fill_preview (CareImportDialog *self)
{
  CareImportPreview *preview = self->preview;
  GPtrArray *rows = care_import_preview_get_implausible (preview);
  GtkWidget *child;
  GtkWidget *sent = adw_preferences_group_new ();
  GtkWidget *left = adw_preferences_group_new ();
  guint n = care_import_preview_get_n_new (preview);
  g_autofree char *send = NULL;
  g_autofree char *source = care_import_preview_dup_source (preview);
  g_autofree char *description = NULL;
  gint64 first, last;

  while ((child = gtk_widget_get_first_child (self->preview_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->preview_box), child);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (sent), _("What Will Be Sent"));
  if (care_import_preview_get_range (preview, &first, &last))
    {
      g_autofree char *from = dup_day (first);
      g_autofree char *to = dup_day (last);

      /* Translators: where the readings come from (%1$s: "Apple Health" or a file's name) and the
       * days they span (%2$s to %3$s) */
      description = g_strdup_printf (_("From %1$s, %2$s to %3$s. Each reading becomes a result your care "
                                       "team can see, marked as entered by you."), source, from, to);
    }
  else
    description = g_strdup (_("Nothing in this file is new: every reading in it is already on file, or was "
                              "left out."));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (sent), description);
  for (guint k = 0; k < CARE_IMPORT_N_KINDS; k++)
    if (care_import_preview_get_count (preview, k) > 0)
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (sent),
                                 new_count_row (care_import_kind_get_title (k),
                                                care_import_preview_get_count (preview, k), NULL));
  gtk_box_append (GTK_BOX (self->preview_box), sent);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (left), _("Left Out"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (left),
                             new_count_row (_("Already on file"), care_import_preview_get_n_duplicates (preview),
                                            _("The same kind, time and value")));
  if (rows->len > 0)
    {
      GtkWidget *expander = adw_expander_row_new ();
      g_autofree char *number = g_strdup_printf ("%u", care_import_preview_get_n_implausible (preview));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Not plausible"));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                     _("Values no one could measure, such as a weight of 900 kg"));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), gtk_label_new (number));
      gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Not plausible"), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, number, -1);
      for (guint i = 0; i < rows->len; i++)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (rows, i));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (left), expander);
    }
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (left),
                               new_count_row (_("Not plausible"), 0,
                                              _("Values no one could measure, such as a weight of 900 kg")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (left),
                             new_count_row (_("Could not be read"), care_import_preview_get_n_unreadable (preview),
                                            _("Kinds Carebook does not know, or dates and values it cannot read")));
  gtk_box_append (GTK_BOX (self->preview_box), left);

  send = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Send %u Reading", "_Send %u Readings", n), n);
  gtk_button_set_label (GTK_BUTTON (self->send_button), send);
  gtk_widget_set_sensitive (self->send_button, n > 0);
}

/* What a reading holds until it ends: the dialog, and the progress the
 * thread writes to (which outlives the dialog if need be). */
typedef struct
{
  CareImportDialog *self;
  int              *permille;
} ReadCall;

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  ReadCall *call = user_data;
  g_autoptr(CareImportDialog) self = call->self;
  g_autoptr(GError) error = NULL;
  CareImportPreview *preview = care_import_read_finish (result, &error);

  g_atomic_rc_box_release (call->permille);
  g_free (call);

  if (self->stack == NULL)
    {
      g_clear_pointer (&preview, care_import_preview_free);
      return;
    }
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (preview == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_page (self, GTK_WIDGET (self->choose_page));
      else
        show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->preview, care_import_preview_free);
  self->preview = preview;
  fill_preview (self);
  show_page (self, self->preview_page);
}

static void
start_reading (CareImportDialog        *self,
               const CareImportColumns *columns)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *text = NULL;
  CareCache *cache = care_record_get_cache (self->record);
  CareImportExisting *existing = NULL;
  ReadCall *call;

  if (cache != NULL)
    existing = care_import_existing_new_for_record (cache, care_record_get_outbox (self->record), &error);
  if (existing == NULL)
    {
      show_error (self, error != NULL ? error->message : _("This record cannot be read now."));
      return;
    }

  /* Translators: %s is the name of the file being read */
  text = g_strdup_printf (_("Reading “%s”…"), name);
  gtk_label_set_text (self->reading_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  g_atomic_int_set (self->permille, 0);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->progress_id = g_timeout_add (100, progress_cb, self);
  show_page (self, self->reading_page);
  call = g_new (ReadCall, 1);
  call->self = g_object_ref (self);
  call->permille = g_atomic_rc_box_acquire (self->permille);
  care_import_read_async (self->file, CARE_IMPORT_FORMAT_AUTO, columns, existing, reading_progress_cb,
                          call->permille, self->cancellable, read_cb, call);
}

static void
fill_columns (CareImportDialog *self,
              const char       *header)
{
  g_auto(GStrv) cells = care_import_csv_split (header);
  CareImportColumns found;
  gboolean has_header = care_import_columns_detect (header, &found);

  self->n_cells = g_strv_length (cells);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      int chosen = c == COLUMN_DATE ? found.date : c == COLUMN_KIND ? found.kind
                 : c == COLUMN_VALUE ? found.value : found.unit;

      /* The unit may be in no column: then each kind's usual unit is taken. */
      if (c == COLUMN_UNIT)
        gtk_string_list_append (names, _("None (the usual unit)"));
      for (guint i = 0; cells[i] != NULL; i++)
        {
          /* Translators: a CSV file's column; %1$u is its number, %2$s what its first line says */
          g_autofree char *name = g_strdup_printf (_("Column %1$u: %2$s"), i + 1, cells[i]);

          gtk_string_list_append (names, name);
        }
      adw_combo_row_set_model (self->column_rows[c], G_LIST_MODEL (names));
      if (chosen < 0 && c != COLUMN_UNIT)
        chosen = MIN (c, self->n_cells - 1);
      adw_combo_row_set_selected (self->column_rows[c], c == COLUMN_UNIT ? (guint) (chosen + 1) : (guint) chosen);
    }
  adw_preferences_group_set_description (self->columns_group,
                                         has_header ? _("Carebook read the file’s first line. Change any column "
                                                        "that is wrong.")
                                                    : _("The file’s first line does not name its columns. Say which "
                                                        "column holds what."));
}

/**
 * care_import_dialog_open_file:
 * @self: the dialog
 * @file: what the person chose
 *
 * Reads an Apple Health export at once; a CSV file first goes to the
 * page that says which column is which.
 */
void
care_import_dialog_open_file (CareImportDialog *self,
                              GFile            *file)
{
  g_autoptr(GError) error = NULL;
  CareImportFormat format;

  g_return_if_fail (CARE_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);
  format = care_import_detect_format (file, &error);
  if (format == CARE_IMPORT_FORMAT_AUTO)
    {
      show_error (self, error->message);
      return;
    }
  if (format == CARE_IMPORT_FORMAT_CSV)
    {
      g_autofree char *header = care_import_peek_csv_header (file, &error);

      if (header == NULL)
        {
          show_error (self, error->message);
          return;
        }
      fill_columns (self, header);
      show_page (self, self->columns_page);
      return;
    }
  start_reading (self, NULL);
}

/**
 * care_import_dialog_read_columns:
 * @self: the dialog, on its columns page
 *
 * Reads the CSV file with the columns chosen.
 */
void
care_import_dialog_read_columns (CareImportDialog *self)
{
  guint unit = adw_combo_row_get_selected (self->column_rows[COLUMN_UNIT]);
  CareImportColumns columns = {
    (int) adw_combo_row_get_selected (self->column_rows[COLUMN_DATE]),
    (int) adw_combo_row_get_selected (self->column_rows[COLUMN_KIND]),
    (int) adw_combo_row_get_selected (self->column_rows[COLUMN_VALUE]),
    unit == 0 || unit == GTK_INVALID_LIST_POSITION ? -1 : (int) unit - 1,
    FALSE,
  };

  g_return_if_fail (CARE_IS_IMPORT_DIALOG (self));
  start_reading (self, &columns);
}

void
care_import_dialog_cancel (CareImportDialog *self)
{
  g_return_if_fail (CARE_IS_IMPORT_DIALOG (self));
  g_cancellable_cancel (self->cancellable);
}

static void
chooser_response_cb (GtkNativeDialog  *chooser,
                     int               response,
                     CareImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL && self->stack != NULL)
        care_import_dialog_open_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_cb (CareImportDialog *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Choose a File of Readings"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                                               _("_Cancel"));
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Apple Health exports and CSV files"));
  gtk_file_filter_add_suffix (filter, "zip");
  gtk_file_filter_add_suffix (filter, "xml");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * care_import_dialog_send:
 * @self: the dialog, on its preview page
 * @error: why nothing could be queued
 *
 * Queues the new readings in the record's outbox and starts sending.
 *
 * Returns: how many were queued
 */
guint
care_import_dialog_send (CareImportDialog *self,
                         GError          **error)
{
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) care_outbox_draft_free);
  g_autofree char *source = NULL;
  g_autofree char *patient = NULL;
  CareConnection *connection;
  CareOutbox *outbox;
  const CareImportReading *readings;
  guint n, queued;

  g_return_val_if_fail (CARE_IS_IMPORT_DIALOG (self), 0);
  g_return_val_if_fail (self->preview != NULL, 0);

  connection = care_record_get_connection (self->record);
  outbox = care_record_get_outbox (self->record);
  if (connection == NULL || outbox == NULL || care_connection_get_patient_id (connection) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                           _("This record cannot send anything to its health system now."));
      return 0;
    }
  patient = g_strconcat ("Patient/", care_connection_get_patient_id (connection), NULL);
  source = care_import_preview_dup_source (self->preview);
  readings = care_import_preview_get_readings (self->preview, &n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (drafts, care_import_reading_draft_new (&readings[i], patient, source));
  queued = care_outbox_queue_drafts (outbox, drafts, error);
  if (queued > 0)
    care_outbox_send_async (outbox, NULL, NULL, NULL);
  return queued;
}

static void
send_cb (CareImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  guint n = care_import_dialog_send (self, &error);

  if (error != NULL)
    {
      show_error (self, error->message);
      if (n == 0)
        return;
    }
  toast = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u reading will be sent to your health system",
                                        "%u readings will be sent to your health system", n), n);
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", toast);
  if (error == NULL)
    gtk_window_close (GTK_WINDOW (self));
}

/**
 * care_import_dialog_get_page:
 * @self: the dialog
 *
 * Returns: which page shows: "choose", "columns", "reading", "preview" or "error"
 */
const char *
care_import_dialog_get_page (CareImportDialog *self)
{
  g_return_val_if_fail (CARE_IS_IMPORT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
care_import_dialog_get_send_button (CareImportDialog *self)
{
  g_return_val_if_fail (CARE_IS_IMPORT_DIALOG (self), NULL);
  return self->send_button;
}

GtkWidget *
care_import_dialog_get_column_row (CareImportDialog *self,
                                   guint             which)
{
  g_return_val_if_fail (CARE_IS_IMPORT_DIALOG (self), NULL);
  g_return_val_if_fail (which < N_COLUMNS, NULL);
  return GTK_WIDGET (self->column_rows[which]);
}

static void
care_import_dialog_class_init (CareImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_import_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
new_button (const char *label,
            const char *style)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  if (style != NULL)
    gtk_widget_add_css_class (button, style);
  return button;
}

static GtkWidget *
new_scrolled_page (GtkWidget *content)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  return scroller;
}

static void
care_import_dialog_init (CareImportDialog *self)
{
  static const char *column_titles[N_COLUMNS] = { N_("Date and time"), N_("Kind of reading"), N_("Value"),
                                                  N_("Unit") };
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *button;
  GtkWidget *box;

  self->permille = g_atomic_rc_box_new0 (int);
  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Import Readings"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_box_append (GTK_BOX (toolbar), header);
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), toolbar);

  /* Choose a file. */
  self->choose_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->choose_page, "document-open-symbolic");
  adw_status_page_set_title (self->choose_page, _("Import Readings from a File"));
  adw_status_page_set_description (self->choose_page,
                                   _("An Apple Health export (the zip file the Health app shares), or a CSV file "
                                     "with a date, a kind of reading, a value and a unit on each line. You see "
                                     "what will be sent before anything is."));
  button = new_button (_("_Choose a File…"), "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (choose_cb), self);
  adw_status_page_set_child (self->choose_page, button);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->choose_page), "choose");

  /* Which column is which. */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  self->columns_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->columns_group, _("Which Column Is Which"));
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      self->column_rows[c] = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->column_rows[c]), _(column_titles[c]));
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (self->column_rows[c]));
    }
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->columns_group));
  button = new_button (_("_Read the File"), "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (care_import_dialog_read_columns), self);
  gtk_box_append (GTK_BOX (box), button);
  self->columns_page = new_scrolled_page (box);
  gtk_stack_add_named (self->stack, self->columns_page, "columns");

  /* Reading. */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  self->reading_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->reading_label, TRUE);
  gtk_label_set_justify (self->reading_label, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->reading_label), "title-4");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->reading_label));
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->progress_bar), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  self->reading_label, NULL, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress_bar));
  button = new_button (_("_Cancel"), NULL);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (care_import_dialog_cancel), self);
  gtk_box_append (GTK_BOX (box), button);
  gtk_widget_set_margin_start (box, 36);
  gtk_widget_set_margin_end (box, 36);
  self->reading_page = box;
  gtk_stack_add_named (self->stack, box, "reading");

  /* What will be sent, with the buttons below it always in sight. */
  self->preview_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  self->preview_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->preview_page), new_scrolled_page (self->preview_box));
  gtk_box_append (GTK_BOX (self->preview_page), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  /* One above the other: side by side they would not fit a phone's width. */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  self->send_button = new_button (_("_Send Readings"), "suggested-action");
  g_signal_connect_swapped (self->send_button, "clicked", G_CALLBACK (send_cb), self);
  gtk_box_append (GTK_BOX (box), self->send_button);
  button = new_button (_("Choose _Another File…"), "flat");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (choose_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (self->preview_page), box);
  gtk_stack_add_named (self->stack, self->preview_page, "preview");

  /* It cannot be read. */
  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->error_page, _("This File Cannot Be Imported"));
  button = new_button (_("Choose _Another File…"), "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (choose_cb), self);
  adw_status_page_set_child (self->error_page, button);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");
}

/**
 * care_import_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @record: the record the readings go to
 *
 * Returns: (transfer none): a new, unshown import dialog
 */
CareImportDialog *
care_import_dialog_new (GtkWindow  *parent,
                        CareRecord *record)
{
  CareImportDialog *self = g_object_new (CARE_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);

  g_return_val_if_fail (CARE_IS_RECORD (record), NULL);
  self->record = g_object_ref (record);
  return self;
}
