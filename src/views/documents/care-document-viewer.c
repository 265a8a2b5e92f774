/* care-document-viewer.c — one document: PDF pages, or its text
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gets an attachment's bytes through the sync engine (inline, kept
 * offline, or fetched and then kept) and shows them: a PDF as pages with
 * zoom, find with highlights, print and "Save a Copy"; HTML and C-CDA
 * XML as their text, never rendered; RTF as its text; anything textual
 * as text. While it loads it says so;
 * when it fails (offline, and never opened before) it says why and the
 * list behind it stays usable.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <poppler.h>

#include "care-document-viewer.h"

#include "care-document-text.h"
#include "care-paths.h"
#include "care-pdf-view.h"
#include "care-save-dialog.h"
#include "care-text-print.h"


struct _CareDocumentViewer
{
  GtkBox          parent_instance;

  GtkWidget      *back_button;
  GtkLabel       *title_label;
  GtkWidget      *zoom_box;
  GtkSearchBar   *search_bar;
  GtkSearchEntry *find_entry;
  GtkLabel       *match_label;
  GtkStack       *stack;
  GtkSpinner     *spinner;
  AdwStatusPage  *error_page;
  GtkScrolledWindow *pdf_scroller;
  CarePdfView    *pdf_view;
  GtkTextView    *text_view;

  CareRecord     *record;
  JsonObject     *attachment;
  char                *owner_type;   /* the resource the attachment is of */
  char                *owner_id;
  char           *title;
  GBytes         *bytes;
  char           *content_type;
  char           *error;
  GCancellable   *cancellable;
  gboolean        fit_width;
  guint           fit_id;
  guint           current_match;
  guint           n_text_matches;
};

G_DEFINE_FINAL_TYPE (CareDocumentViewer, care_document_viewer, GTK_TYPE_BOX)

static gboolean
is_pdf (CareDocumentViewer *self)
{
  return g_str_equal (gtk_stack_get_visible_child_name (self->stack), "pdf");
}

static void
update_actions (CareDocumentViewer *self)
{
  const char *state = gtk_stack_get_visible_child_name (self->stack);
  gboolean pdf = g_str_equal (state, "pdf");
  gboolean shown = pdf || g_str_equal (state, "text");

  gtk_widget_set_visible (self->zoom_box, pdf);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-in", pdf);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-out", pdf);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-fit", pdf);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.print", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.save", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.find", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.retry", g_str_equal (state, "error"));
}

static void
show_state (CareDocumentViewer *self,
            const char         *state)
{
  gtk_stack_set_visible_child_name (self->stack, state);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (state, "loading"));
  update_actions (self);
}

static void
show_error (CareDocumentViewer *self,
            const char         *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  adw_status_page_set_description (self->error_page, message);
  show_state (self, "error");
}

static void
show_bytes (CareDocumentViewer *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (care_document_is_pdf (self->bytes, self->content_type))
    {
      g_autoptr(CarePopplerDocument) document = poppler_document_new_from_bytes (self->bytes, NULL, &error);

      if (document == NULL)
        {
          g_debug ("A PDF could not be read: %s", error->message);
          show_error (self, _("This PDF is damaged or in a form Carebook cannot show."));
          return;
        }
      care_pdf_view_set_document (self->pdf_view, document);
      show_state (self, "pdf");
      gtk_widget_grab_focus (GTK_WIDGET (self->pdf_view));
      /* Fit the page to the width, now and whenever the width changes,
       * until the user zooms. */
      self->fit_width = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self), "viewer.zoom-fit", NULL);
      return;
    }

  if ((text = care_document_dup_text (self->bytes, self->content_type)) != NULL)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
      show_state (self, "text");
      gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
      return;
    }

  show_error (self, _("Carebook cannot show this kind of document. Save a copy to open it with "
                      "another app."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.save", TRUE);
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CareDocumentViewer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *content_type = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = care_sync_engine_fetch_attachment_finish (CARE_SYNC_ENGINE (source), result, &content_type, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (bytes == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->bytes = g_steal_pointer (&bytes);
  g_free (self->content_type);
  self->content_type = g_steal_pointer (&content_type);
  /* A document read is a document the record search finds by its words. */
  if (self->owner_type != NULL && self->owner_id != NULL)
    care_sync_engine_index_document_async (CARE_SYNC_ENGINE (source), self->owner_type, self->owner_id, self->bytes,
                                           self->content_type, NULL, NULL, NULL);
  show_bytes (self);
}

static void
load (CareDocumentViewer *self)
{
  CareSyncEngine *engine = self->record != NULL ? care_record_get_engine (self->record) : NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->error, g_free);
  self->cancellable = g_cancellable_new ();
  show_state (self, "loading");

  if (engine == NULL || self->attachment == NULL)
    {
      show_error (self, _("This record cannot be updated from the health system right now, so "
                          "the document cannot be downloaded."));
      return;
    }
  care_sync_engine_fetch_attachment_async (engine, self->attachment, self->cancellable, fetched_cb,
                                           g_object_ref (self));
}

static void
scroll_to_match (CareDocumentViewer *self)
{
  g_autofree char *text = NULL;
  guint n = is_pdf (self) ? care_pdf_view_get_n_matches (self->pdf_view) : self->n_text_matches;

  if (n == 0)
    {
      gtk_label_set_label (self->match_label,
                           *gtk_editable_get_text (GTK_EDITABLE (self->find_entry)) != '\0'
                           ? _("No matches") : "");
      return;
    }
  /* Translators: %1$u is the match shown, %2$u how many there are */
  text = g_strdup_printf (_("%1$u of %2$u"), self->current_match + 1, n);
  gtk_label_set_label (self->match_label, text);

  if (is_pdf (self))
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->pdf_scroller);

      care_pdf_view_set_current_match (self->pdf_view, self->current_match);
      gtk_adjustment_set_value (adjustment,
                                care_pdf_view_get_match_y (self->pdf_view, self->current_match) -
                                gtk_adjustment_get_page_size (adjustment) / 3);
    }
  else
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
      const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->find_entry));
      GtkTextIter iter, start, end;

      gtk_text_buffer_get_start_iter (buffer, &iter);
      for (guint i = 0; i <= self->current_match; i++)
        {
          if (!gtk_text_iter_forward_search (&iter, needle, GTK_TEXT_SEARCH_CASE_INSENSITIVE, &start, &end, NULL))
            return;
          iter = end;
        }
      gtk_text_buffer_select_range (buffer, &start, &end);
      gtk_text_view_scroll_to_iter (self->text_view, &start, 0.1, FALSE, 0, 0);
    }
}

static guint
find_in_text (CareDocumentViewer *self,
              const char         *needle)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter, start, end;
  guint n = 0;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "match", &start, &end);
  if (needle == NULL || *needle == '\0')
    return 0;
  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (gtk_text_iter_forward_search (&iter, needle, GTK_TEXT_SEARCH_CASE_INSENSITIVE, &start, &end, NULL))
    {
      gtk_text_buffer_apply_tag_by_name (buffer, "match", &start, &end);
      iter = end;
      n++;
    }
  return n;
}

/**
 * care_document_viewer_find:
 * @self: a #CareDocumentViewer
 * @text: what to find
 *
 * Highlights every match of @text and shows the first.
 *
 * Returns: the number of matches
 */
guint
care_document_viewer_find (CareDocumentViewer *self,
                           const char         *text)
{
  guint n;

  g_return_val_if_fail (CARE_IS_DOCUMENT_VIEWER (self), 0);

  self->current_match = 0;
  if (is_pdf (self))
    n = care_pdf_view_find (self->pdf_view, text);
  else
    n = self->n_text_matches = find_in_text (self, text);
  scroll_to_match (self);
  return n;
}

static void
on_find_changed_cb (CareDocumentViewer *self)
{
  care_document_viewer_find (self, gtk_editable_get_text (GTK_EDITABLE (self->find_entry)));
}

static void
step_match (CareDocumentViewer *self,
            int                 step)
{
  guint n = is_pdf (self) ? care_pdf_view_get_n_matches (self->pdf_view) : self->n_text_matches;

  if (n == 0)
    return;
  self->current_match = (self->current_match + n + step) % n;
  scroll_to_match (self);
}

static void
on_find_next_cb (CareDocumentViewer *self)
{
  step_match (self, 1);
}

static void
on_find_previous_cb (CareDocumentViewer *self)
{
  step_match (self, -1);
}

static void
on_find_stop_cb (CareDocumentViewer *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CareDocumentViewer *self = CARE_DOCUMENT_VIEWER (widget);
  double zoom = care_pdf_view_get_zoom (self->pdf_view);

  if (g_str_equal (action_name, "viewer.zoom-in"))
    zoom *= 1.25;
  else if (g_str_equal (action_name, "viewer.zoom-out"))
    zoom /= 1.25;
  else
    {
      int width = gtk_widget_get_width (GTK_WIDGET (self->pdf_scroller));

      self->fit_width = TRUE;
      /* Not allocated yet: on_width_changed_cb() fits it once it is. */
      if (width <= 0)
        return;
      zoom = care_pdf_view_get_fit_zoom (self->pdf_view, width - 16);
    }
  if (!g_str_equal (action_name, "viewer.zoom-fit"))
    self->fit_width = FALSE;
  care_pdf_view_set_zoom (self->pdf_view, zoom);
}

static gboolean
fit_width_cb (gpointer user_data)
{
  CareDocumentViewer *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self->pdf_scroller));

  self->fit_id = 0;
  if (self->fit_width && width > 0)
    care_pdf_view_set_zoom (self->pdf_view, care_pdf_view_get_fit_zoom (self->pdf_view, width - 16));
  return G_SOURCE_REMOVE;
}

static void
on_width_changed_cb (CareDocumentViewer *self)
{
  /* Called during allocation, when a new size cannot be asked for: fit
   * right after it. */
  if (self->fit_width && self->fit_id == 0)
    self->fit_id = g_idle_add (fit_width_cb, self);
}

/* The pages scroll from the keyboard as a text view would. */
static gboolean
on_pdf_key_pressed_cb (CareDocumentViewer *self,
                       guint               keyval,
                       guint               keycode,
                       GdkModifierType     state)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->pdf_scroller);
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double line = 48;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      value -= line;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      value += line;
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      value -= page * 0.9;
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_space:
      value += page * 0.9;
      break;
    case GDK_KEY_Home:
      value = gtk_adjustment_get_lower (adjustment);
      break;
    case GDK_KEY_End:
      value = gtk_adjustment_get_upper (adjustment);
      break;
    default:
      return FALSE;
    }
  gtk_adjustment_set_value (adjustment, value);
  return TRUE;
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CareDocumentViewer *self = CARE_DOCUMENT_VIEWER (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  load (CARE_DOCUMENT_VIEWER (widget));
}

static void
begin_print_cb (GtkPrintOperation  *operation,
                GtkPrintContext    *context,
                CareDocumentViewer *self)
{
  gtk_print_operation_set_n_pages (operation, care_pdf_view_get_n_pages (self->pdf_view));
}

static void
draw_page_cb (GtkPrintOperation  *operation,
              GtkPrintContext    *context,
              int                 page_nr,
              CareDocumentViewer *self)
{
  PopplerDocument *document = care_pdf_view_get_document (self->pdf_view);
  g_autoptr(CarePopplerPage) page = document != NULL ? poppler_document_get_page (document, page_nr) : NULL;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = 0, height = 0, scale;

  if (page == NULL)
    return;
  poppler_page_get_size (page, &width, &height);
  scale = MIN (gtk_print_context_get_width (context) / width, gtk_print_context_get_height (context) / height);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CareDocumentViewer *self = CARE_DOCUMENT_VIEWER (widget);
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_print_operation_set_job_name (operation, self->title != NULL ? self->title : "Carebook");
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (is_pdf (self))
    {
      g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), self);
      g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);
    }
  else
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      /* Notes and letters shown as text print as text, paginated. */
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      care_text_print_prepare (operation, self->title, text);
    }
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, error->message);
}

static void
save_response_cb (GtkNativeDialog    *dialog,
                  int                 response,
                  CareDocumentViewer *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->bytes != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      gsize size = 0;
      const char *data = g_bytes_get_data (self->bytes, &size);

      /* A copy of health data is as private as the record it came from. */
      if (path == NULL || !care_paths_write_private_file (path, data, size, &error))
        show_error (self, error != NULL ? error->message : _("The copy could not be saved there."));
      else
        care_save_dialog_show_saved (GTK_WIDGET (self), file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CareDocumentViewer *self = CARE_DOCUMENT_VIEWER (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;
  const char *extension = ".txt";

  if (self->content_type != NULL && g_str_has_prefix (self->content_type, "application/pdf"))
    extension = ".pdf";
  else if (self->content_type != NULL && g_str_has_prefix (self->content_type, "text/html"))
    extension = ".html";
  name = g_strconcat (self->title != NULL ? self->title : _("Document"), extension, NULL);
  g_strdelimit (name, "/\\:", '-');

  dialog = care_save_dialog_new (widget, _("Save a Copy"), _("_Save"), name);
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
care_document_viewer_dispose (GObject *object)
{
  CareDocumentViewer *self = CARE_DOCUMENT_VIEWER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->fit_id, g_source_remove);
  g_clear_object (&self->record);
  g_clear_pointer (&self->attachment, json_object_unref);
  g_clear_pointer (&self->owner_type, g_free);
  g_clear_pointer (&self->owner_id, g_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARE_TYPE_DOCUMENT_VIEWER);

  G_OBJECT_CLASS (care_document_viewer_parent_class)->dispose (object);
}

static void
care_document_viewer_finalize (GObject *object)
{
  CareDocumentViewer *self = CARE_DOCUMENT_VIEWER (object);

  g_free (self->title);
  g_free (self->content_type);
  g_free (self->error);

  G_OBJECT_CLASS (care_document_viewer_parent_class)->finalize (object);
}

static void
care_document_viewer_class_init (CareDocumentViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_document_viewer_dispose;
  object_class->finalize = care_document_viewer_finalize;

  g_type_ensure (CARE_TYPE_PDF_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/views/documents/care-document-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, CareDocumentViewer, back_button);
  gtk_widget_class_bind_template_child (widget_class, CareDocumentViewer, title_label);
  gtk_widget_class_bind_template_child (widget_class, CareDocumentViewer, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, CareDocumentViewer, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CareDocumentViewer, find_entry);
  gtk_widget_class_bind_template_child (widget_class, CareDocumentViewer, match_label);
  gtk_widget_class_bind_template_child (widget_class, CareDocumentViewer, stack);
  gtk_widget_class_bind_template_child (widget_class, CareDocumentViewer, spinner);
  gtk_widget_class_bind_template_child (widget_class, CareDocumentViewer, error_page);
  gtk_widget_class_bind_template_child (widget_class, CareDocumentViewer, pdf_scroller);
  gtk_widget_class_bind_template_child (widget_class, CareDocumentViewer, pdf_view);
  gtk_widget_class_bind_template_child (widget_class, CareDocumentViewer, text_view);
  gtk_widget_class_bind_template_callback (widget_class, on_find_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_find_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_find_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_find_stop_cb);

  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "viewer.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "viewer.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "viewer.save", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "viewer.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "viewer.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "viewer.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "viewer.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "documents.back", NULL);
}

static void
care_document_viewer_init (CareDocumentViewer *self)
{
  GtkTextBuffer *buffer;
  GtkEventController *key;

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_create_tag (buffer, "match", "background", "#f8e45c", "foreground", "#000000", NULL);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->find_entry));
  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (on_pdf_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->pdf_view), key);
  gtk_widget_set_focusable (GTK_WIDGET (self->pdf_view), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self->pdf_view), TRUE);

  /* The visible width is the horizontal adjustment's page size. */
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->pdf_scroller), "notify::page-size",
                           G_CALLBACK (on_width_changed_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

GtkWidget *
care_document_viewer_new (void)
{
  return g_object_new (CARE_TYPE_DOCUMENT_VIEWER, NULL);
}

/**
 * care_document_viewer_open:
 * @self: a #CareDocumentViewer
 * @record: the record the document belongs to
 * @attachment: the FHIR Attachment to show
 * @title: its title
 */
void
care_document_viewer_open (CareDocumentViewer *self,
                           CareRecord         *record,
                           JsonObject         *document,
                           JsonObject         *attachment,
                           const char         *title)
{
  g_return_if_fail (CARE_IS_DOCUMENT_VIEWER (self));

  g_set_object (&self->record, record);
  g_clear_pointer (&self->attachment, json_object_unref);
  self->attachment = attachment != NULL ? json_object_ref (attachment) : NULL;
  g_free (self->owner_type);
  self->owner_type = g_strdup (care_fhir_get_string (document, "resourceType"));
  g_free (self->owner_id);
  self->owner_id = g_strdup (care_fhir_get_string (document, "id"));
  g_free (self->title);
  self->title = g_strdup (title);
  gtk_label_set_label (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pdf_view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->find_entry), "");
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->content_type, g_free);
  care_pdf_view_set_document (self->pdf_view, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", -1);
  load (self);
}

/**
 * care_document_viewer_close:
 * @self: a #CareDocumentViewer
 *
 * Stops loading and lets go of the document.
 */
void
care_document_viewer_close (CareDocumentViewer *self)
{
  g_return_if_fail (CARE_IS_DOCUMENT_VIEWER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  care_pdf_view_set_document (self->pdf_view, NULL);
}

/**
 * care_document_viewer_get_state:
 * @self: a #CareDocumentViewer
 *
 * Returns: "loading", "error", "pdf" or "text"
 */
const char *
care_document_viewer_get_state (CareDocumentViewer *self)
{
  g_return_val_if_fail (CARE_IS_DOCUMENT_VIEWER (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
care_document_viewer_get_error (CareDocumentViewer *self)
{
  g_return_val_if_fail (CARE_IS_DOCUMENT_VIEWER (self), NULL);
  return self->error;
}

int
care_document_viewer_get_n_pages (CareDocumentViewer *self)
{
  g_return_val_if_fail (CARE_IS_DOCUMENT_VIEWER (self), 0);
  return care_pdf_view_get_n_pages (self->pdf_view);
}

/**
 * care_document_viewer_dup_text:
 * @self: a #CareDocumentViewer
 *
 * Returns: (transfer full): the text shown for a text document
 */
char *
care_document_viewer_dup_text (CareDocumentViewer *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (CARE_IS_DOCUMENT_VIEWER (self), NULL);

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (self->text_view), &start, &end);
  return gtk_text_iter_get_text (&start, &end);
}

/**
 * care_document_viewer_set_show_back:
 * @self: a #CareDocumentViewer
 * @show_back: whether the toolbar has its own Back button
 *
 * A folded window carries Back in its header instead.
 */
void
care_document_viewer_set_show_back (CareDocumentViewer *self,
                                    gboolean            show_back)
{
  g_return_if_fail (CARE_IS_DOCUMENT_VIEWER (self));

  gtk_widget_set_visible (self->back_button, show_back);
}
