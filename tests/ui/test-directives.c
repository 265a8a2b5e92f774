/* test-directives.c — End-of-Life Planning: what is on file, a 10 MB
 * signed directive uploaded, a health care agent named
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "care-directives-view.h"
#include "care-directives.h"

#include "care-test-family.h"

static gboolean
poll_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
spin (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;
  guint poll = g_timeout_add (10, poll_cb, NULL);

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (poll);
}

static gboolean
shows (GtkWidget  *view,
       const char *title)
{
  g_autoptr(GPtrArray) titles = care_record_list_dup_visible_titles (CARE_RECORD_LIST (view));

  return g_ptr_array_find_with_equal_func (titles, title, g_str_equal, NULL);
}

/* Waits (up to 10 s) for a row called @title. */
static gboolean
wait_for_row (GtkWidget  *view,
              const char *title)
{
  for (guint i = 0; i < 200 && !shows (view, title); i++)
    spin (50);
  return shows (view, title);
}

/* The item called @title in what the page lists, or NULL. */
static CareDirectiveItem *
find_item (GPtrArray  *items,
           const char *title)
{
  for (guint i = 0; items != NULL && i < items->len; i++)
    if (g_strcmp0 (((CareDirectiveItem *)items->pdata[i])->title, title) == 0)
      return items->pdata[i];
  return NULL;
}

static GtkWidget *
new_page (CareTestFamily *family,
          GtkWidget     **out_window)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = care_directives_view_new (G_OBJECT (family->context));

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);
  gtk_window_present (GTK_WINDOW (window));
  *out_window = window;
  return view;
}

/* A 10 MB PDF is queued as one directive, shown as waiting, then sent. */
static void
test_upload (void)
{
  CareTestFamily family = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GFile) pdf = NULL;
  g_autoptr(GFile) text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *content = NULL;
  gsize size = 10 * 1024 * 1024;
  CareDirectiveItem *item;
  CareRecord *record;
  GtkWidget *window, *view;

  care_test_family_setup (&family);
  record = care_test_family_show (&family, "demo:adult");
  view = new_page (&family, &window);
  g_assert_true (wait_for_row (view, "Advance directive"));

  /* A file that is neither a PDF nor a picture: refused at once, by name. */
  path = g_build_filename (family.dir, "notes.txt", NULL);
  g_assert_true (g_file_set_contents (path, "not a directive\n", -1, NULL));
  text = g_file_new_for_path (path);
  g_assert_false (care_directives_view_upload (CARE_DIRECTIVES_VIEW (view), &text, 1, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "notes.txt"));
  g_clear_error (&error);

  /* Exactly 10 MB: the most a file may be. */
  content = g_malloc (size);
  memset (content, ' ', size);
  memcpy (content, "%PDF-1.4\n", 9);
  memcpy (content + size - 6, "%%EOF\n", 6);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (family.dir, "signed-directive.pdf", NULL);
  g_assert_true (g_file_set_contents (path, content, size, NULL));
  pdf = g_file_new_for_path (path);
  g_assert_true (care_directives_view_upload (CARE_DIRECTIVES_VIEW (view), &pdf, 1, "Signed at home", &error));
  g_assert_no_error (error);

  /* Waiting until the portal has it. */
  items = care_directives_list (care_record_get_cache (record), &error);
  g_assert_no_error (error);
  item = find_item (items, "Signed at home");
  g_assert_nonnull (item);
  g_assert_true (item->waiting);
  g_assert_cmpint (item->kind, ==, CARE_DIRECTIVE_ITEM_DIRECTIVE);
  g_assert_true (wait_for_row (view, "Signed at home"));

  /* Sent: on file, with the portal's id. */
  for (guint i = 0; i < 400; i++)
    {
      g_clear_pointer (&items, g_ptr_array_unref);
      items = care_directives_list (care_record_get_cache (record), NULL);
      item = find_item (items, "Signed at home");
      if (item != NULL && !item->waiting)
        break;
      spin (50);
    }
  g_assert_nonnull (item);
  g_assert_false (item->waiting);
  g_assert_cmpint (item->state, ==, CARE_OUTBOX_SENT);
  g_assert_cmpstr (item->detail, ==, "signed-directive.pdf");

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  care_test_family_teardown (&family);
}

/* What is on file for Maria (her Oregon directive; the blank state form,
 * offered, never counted as a directive), then the agent dialog: Save
 * waits for a name; the agent is listed. */
static void
test_agent (void)
{
  CareTestFamily family = { 0 };
  g_autoptr(GPtrArray) items = NULL;
  AdwMessageDialog *dialog;
  CareDirectiveItem *item;
  CareRecord *record;
  GtkWidget *window, *view;

  care_test_family_setup (&family);
  record = care_test_family_show (&family, "demo:adult");
  view = new_page (&family, &window);
  g_assert_true (wait_for_row (view, "Advance directive"));
  g_assert_true (shows (view, "Oregon Advance Directive for Health Care"));
  items = care_directives_list (care_record_get_cache (record), NULL);
  item = find_item (items, "Oregon Advance Directive for Health Care");
  g_assert_nonnull (item);
  g_assert_cmpint (item->kind, ==, CARE_DIRECTIVE_ITEM_FORM);
  g_assert_cmpint (((CareDirectiveItem *)items->pdata[0])->kind, ==, CARE_DIRECTIVE_ITEM_DIRECTIVE);

  dialog = ADW_MESSAGE_DIALOG (care_directives_view_open_agent (CARE_DIRECTIVES_VIEW (view)));
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "name")), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "name")), "Luis Reyes");
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "relationship")), "Husband");
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "phone")), "503-555-0142");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");

  g_assert_true (wait_for_row (view, "Luis Reyes"));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  care_test_family_teardown (&family);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/care/ui/directives/upload-10mb", test_upload);
  g_test_add_func ("/care/ui/directives/on-file-and-agent", test_agent);

  return g_test_run ();
}
