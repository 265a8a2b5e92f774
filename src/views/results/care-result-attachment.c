/* care-result-attachment.c — a report's attached document, shown or opened
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DiagnosticReport's presentedForm is an Attachment with inline data:
 * plain text and HTML are shown as plain text (HTML is never rendered, so
 * nothing in it can run or load), a PDF opens in the user's viewer from a
 * private copy (0600, in the user's runtime folder). Only inline data is
 * used: a URL-only attachment would mean fetching from the network, which
 * views never do, so the page says the report is not on this device.
 * The images a report reads (its imagingStudy: ImagingStudy) are listed
 * by modality and series; the images themselves stay with the portal.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "care-fhir.h"
#include "care-imaging.h"
#include "care-result-attachment.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static gboolean
content_type_is (const char *content_type,
                 const char *wanted)
{
  gsize len = strlen (wanted);

  /* "text/plain; charset=utf-8" is text/plain. */
  return content_type != NULL && g_ascii_strncasecmp (content_type, wanted, len) == 0 &&
         (content_type[len] == '\0' || content_type[len] == ';' || content_type[len] == ' ');
}

static GBytes *
decode_data (JsonObject *attachment)
{
  const char *data = care_fhir_get_string (attachment, "data");
  guchar *bytes;
  gsize len = 0;

  if (data == NULL || data[0] == '\0')
    return NULL;
  bytes = g_base64_decode (data, &len);
  return g_bytes_new_take (bytes, len);
}

static void
append_entity (GString    *text,
               const char *entity,
               gsize       len)
{
  static const struct { const char *name; const char *text; } entities[] = {
    { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
    { "nbsp", " " }, { "#39", "'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strlen (entities[i].name) == len && strncmp (entity, entities[i].name, len) == 0)
      {
        g_string_append (text, entities[i].text);
        return;
      }
  if (len > 1 && entity[0] == '#')
    {
      gunichar c = entity[1] == 'x' || entity[1] == 'X' ? g_ascii_strtoull (entity + 2, NULL, 16)
                                                         : g_ascii_strtoull (entity + 1, NULL, 10);

      if (g_unichar_validate (c) && c != 0)
        {
          g_string_append_unichar (text, c);
          return;
        }
    }
  g_string_append_c (text, '&');
  g_string_append_len (text, entity, len);
  g_string_append_c (text, ';');
}

/**
 * care_result_html_to_text:
 * @html: HTML, perhaps not well formed
 *
 * Reduces HTML to its words: tags go, block ends become line breaks,
 * scripts and styles disappear with their content, entities are decoded.
 *
 * Returns: (transfer full): the text
 */
char *
care_result_html_to_text (const char *html)
{
  static const char *breaks[] = { "br", "p", "/p", "div", "/div", "li", "tr", "/tr", "h1", "h2",
                                  "h3", "/h1", "/h2", "/h3", "/li", "/table" };
  GString *text = g_string_new (NULL);
  const char *p = html;

  while (*p != '\0')
    {
      if (*p == '<')
        {
          const char *end = strchr (p, '>');
          g_autofree char *tag = NULL;
          gsize n = 0;

          if (end == NULL)
            break;
          while (p + 1 + n < end && (g_ascii_isalnum (p[1 + n]) || p[1 + n] == '/'))
            n++;
          tag = g_ascii_strdown (p + 1, n);
          if (g_str_equal (tag, "script") || g_str_equal (tag, "style"))
            {
              g_autofree char *closing = g_strdup_printf ("</%s", tag);
              const char *close = strstr (end, closing);

              end = close != NULL ? strchr (close, '>') : NULL;
              if (end == NULL)
                break;
            }
          for (guint i = 0; i < G_N_ELEMENTS (breaks); i++)
            if (g_str_equal (tag, breaks[i]) && text->len > 0 && text->str[text->len - 1] != '\n')
              g_string_append_c (text, '\n');
          if (g_str_equal (tag, "li"))
            g_string_append (text, "• ");
          p = end + 1;
        }
      else if (*p == '&')
        {
          const char *semi = strchr (p, ';');

          if (semi != NULL && semi - p <= 10)
            {
              append_entity (text, p + 1, semi - p - 1);
              p = semi + 1;
            }
          else
            g_string_append_c (text, *p++);
        }
      else if (*p == '\n' || *p == '\r' || *p == '\t')
        {
          /* Source line breaks are spaces in HTML. */
          if (text->len > 0 && text->str[text->len - 1] != ' ' && text->str[text->len - 1] != '\n')
            g_string_append_c (text, ' ');
          p++;
        }
      else
        g_string_append_c (text, *p++);
    }

  return g_strstrip (g_string_free (text, FALSE));
}

/**
 * care_result_attachment_dup_text:
 * @attachment: an Attachment
 *
 * Returns: (transfer full) (nullable): the words of a text/plain or
 *   text/html attachment with inline data, as valid UTF-8
 */
char *
care_result_attachment_dup_text (JsonObject *attachment)
{
  const char *content_type = care_fhir_get_string (attachment, "contentType");
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  const char *data;

  if (!content_type_is (content_type, "text/plain") && !content_type_is (content_type, "text/html"))
    return NULL;
  bytes = decode_data (attachment);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &len);
  text = g_utf8_make_valid (data != NULL ? data : "", len);
  if (content_type_is (content_type, "text/html"))
    return care_result_html_to_text (text);
  return g_steal_pointer (&text);
}

/**
 * care_result_attachment_write_file:
 * @bytes: the document
 * @suffix: the file name's ending (".pdf")
 * @error: return location for an error
 *
 * Writes a private copy (0600, in a 0700 folder of the user's runtime
 * folder) for a viewer to open.
 *
 * Returns: (transfer full) (nullable): the file's path
 */
char *
care_result_attachment_write_file (GBytes     *bytes,
                                   const char *suffix,
                                   GError    **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_runtime_dir (), "carebook", NULL);
  g_autofree char *path = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The report could not be saved for viewing: %s"), g_strerror (saved));
      return NULL;
    }
  g_chmod (dir, 0700);

  path = g_strdup_printf ("%s/report-XXXXXX%s", dir, suffix);
  fd = g_mkstemp_full (path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The report could not be saved for viewing: %s"), g_strerror (saved));
      return NULL;
    }
  while (len > 0)
    {
      gssize written = write (fd, data, len);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          int saved = errno;

          close (fd);
          g_unlink (path);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("The report could not be saved for viewing: %s"), g_strerror (saved));
          return NULL;
        }
      data += written;
      len -= written;
    }
  close (fd);
  return g_steal_pointer (&path);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  char *path = care_result_attachment_write_file (task_data, ".pdf", &error);

  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWidget) button = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);
  GtkRoot *root = gtk_widget_get_root (button);
  g_autofree char *uri = NULL;

  gtk_widget_set_sensitive (button, TRUE);
  if (path == NULL)
    {
      gtk_widget_set_tooltip_text (button, error->message);
      return;
    }
  uri = g_filename_to_uri (path, NULL, NULL);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
on_open_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  GBytes *bytes = user_data;
  g_autoptr(GTask) task = NULL;

  task = g_task_new (NULL, NULL, on_written_cb, g_object_ref (button));

  g_task_set_source_tag (task, on_open_clicked_cb);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify)g_bytes_unref);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  g_task_run_in_thread (task, write_in_thread);
}

static GtkWidget *
make_note (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/**
 * care_result_attachment_new:
 * @attachment: an Attachment (presentedForm)
 *
 * Returns: (transfer floating): what shows it: the text, an "Open Report"
 *   button for a PDF, or a sentence saying why it cannot be shown
 */
GtkWidget *
care_result_attachment_new (JsonObject *attachment)
{
  const char *content_type = care_fhir_get_string (attachment, "contentType");
  g_autoptr(GBytes) bytes = decode_data (attachment);
  g_autofree char *text = NULL;

  if (bytes == NULL)
    return make_note (_("The attached report is not stored on this device. Your portal’s "
                        "website may show it."));

  text = care_result_attachment_dup_text (attachment);
  if (text != NULL)
    {
      GtkWidget *view = gtk_text_view_new ();
      GtkWidget *frame = gtk_frame_new (NULL);

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
      gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Attached report"), -1);
      gtk_widget_add_css_class (view, "result-report-text");
      gtk_frame_set_child (GTK_FRAME (frame), view);
      gtk_widget_set_name (frame, "report-text");
      return frame;
    }

  if (content_type_is (content_type, "application/pdf"))
    {
      GtkWidget *button = gtk_button_new_with_label (_("Open Report"));

      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_set_name (button, "open-report");
      /* The handler owns the report's bytes for as long as the button lives. */
      g_signal_connect_data (button, "clicked", G_CALLBACK (on_open_clicked_cb),
                             g_bytes_ref (bytes), (GClosureNotify)(void (*) (void))g_bytes_unref, 0);
      return button;
    }

  return make_note (_("The attached report is in a format Carebook cannot show."));
}

/* A study as a row: what it was, then its modality, counts and series. */
static GtkWidget *
make_study_row (JsonObject *study)
{
  g_autoptr(GPtrArray) series = care_imaging_dup_series (study);
  g_autofree char *summary = care_imaging_dup_summary (study);
  g_autofree char *title = g_strdup (care_fhir_get_string (study, "description"));
  GtkWidget *row;

  if (title == NULL)
    title = care_fhir_dup_concept_text (care_fhir_get_array_object (study, "procedureCode", 0));
  if (title == NULL)
    title = g_strdup (summary != NULL ? summary : _("Imaging study"));
  if (series->len > 0)
    {
      g_autofree char *lines = NULL;

      g_ptr_array_add (series, NULL);
      lines = g_strjoinv ("\n", (char **)series->pdata);
      if (summary != NULL && g_strcmp0 (summary, title) != 0)
        {
          char *both = g_strconcat (summary, "\n", lines, NULL);

          g_free (summary);
          summary = both;
        }
      else
        {
          g_free (summary);
          summary = g_steal_pointer (&lines);
        }
    }
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (summary != NULL && g_strcmp0 (summary, title) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
  return row;
}

static GtkWidget *
make_images_group (const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Images"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

/**
 * care_result_imaging_group_new:
 * @cache: the cache holding the studies
 * @report: a DiagnosticReport
 *
 * Returns: (transfer floating) (nullable): an "Images" group with a row
 *   per cached ImagingStudy @report reads, or %NULL when there is none
 */
GtkWidget *
care_result_imaging_group_new (CareCache  *cache,
                               JsonObject *report)
{
  JsonArray *studies = care_fhir_get_array (report, "imagingStudy");
  GtkWidget *group = NULL;

  for (guint i = 0; cache != NULL && studies != NULL && i < json_array_get_length (studies); i++)
    {
      CareFhirReference reference = { 0 };
      g_autoptr(JsonObject) study = NULL;

      if (care_fhir_read_reference (care_fhir_get_array_object (report, "imagingStudy", i), &reference) &&
          g_strcmp0 (reference.type, "ImagingStudy") == 0 && reference.id != NULL)
        study = care_cache_lookup (cache, "ImagingStudy", reference.id, NULL);
      care_fhir_reference_clear (&reference);
      if (study == NULL)
        continue;
      if (group == NULL)
        group = make_images_group (_("The images stay with your health system; ask them for "
                                     "a copy if you need one."));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), make_study_row (study));
    }
  return group;
}

/**
 * care_result_study_group_new:
 * @study: an ImagingStudy no report reads yet
 *
 * Returns: (transfer floating): an "Images" group with the study's row,
 *   saying that its report has not come yet
 */
GtkWidget *
care_result_study_group_new (JsonObject *study)
{
  GtkWidget *group = make_images_group (_("No report on these images has reached your record yet. "
                                          "The images stay with your health system; ask them for "
                                          "a copy if you need one."));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), make_study_row (study));
  return group;
}
