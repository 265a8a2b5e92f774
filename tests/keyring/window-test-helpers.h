/* window-test-helpers.h — waiting, files and widget lookups for test-window-sign-in
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

static inline gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static inline void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static inline gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **)data != NULL;
}

static inline char *
field (const char *html,
       const char *name)
{
  g_autofree char *marker = g_strdup_printf ("name=\"%s\" value=\"", name);
  const char *start = strstr (html, marker);

  if (start == NULL)
    return NULL;
  start += strlen (marker);
  return g_strndup (start, strchr (start, '"') - start);
}

/* Every data box the Allow Access page shows, ticked. */
static inline char *
all_boxes (const char *html)
{
  GString *form = g_string_new (NULL);
  const char *marker = "name=\"share\" value=\"";

  for (const char *at = strstr (html, marker); at != NULL; at = strstr (at, marker))
    {
      const char *end;

      at += strlen (marker);
      end = strchr (at, '"');
      g_string_append_printf (form, "&share=%.*s", (int)(end - at), at);
    }
  return g_string_free (form, FALSE);
}

static inline guint
count_lines (const char *path)
{
  g_autofree char *text = NULL;
  guint n = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}

typedef struct
{
  const char *path;
  guint       after;
} LinesWait;

static inline gboolean
has_more_lines (gpointer data)
{
  LinesWait *wait = data;

  return count_lines (wait->path) > wait->after;
}

static inline char *
last_line (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_strstrip (text);
  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >, 0);
  return g_strdup (lines[n - 1]);
}

static inline GtkWidget *
find_child_of_type (GtkWidget *w,
                    GType      type)
{
  while (w != NULL)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        return w;
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          if (w != NULL)
            w = gtk_widget_get_next_sibling (w);
        }
    }
  return NULL;
}

/* Whether @needle is anywhere in @length bytes, NULs and all. */
static inline gboolean
contains_bytes (const char *haystack,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (haystack[i] == needle[0] && memcmp (haystack + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static inline void
grep_tree (const char *path,
           const char *needle,
           GPtrArray  *found)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        grep_tree (child, needle, found);
      else if (g_file_get_contents (child, &contents, &length, NULL) &&
               contains_bytes (contents, length, needle))
        g_ptr_array_add (found, g_strdup (child));
    }
}

static inline void
write_file (const char *path,
            const char *contents,
            int         mode)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_NONE, mode, &error);
  g_assert_no_error (error);
}

static inline void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

/* Spins the main loop (the app's, the listener's, the client's) until
 * @check says yes or a generous time passes. */
static inline gboolean
wait_until (gboolean  (*check) (gpointer),
            gpointer    data,
            guint       seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, timeout_cb, &timed_out);

  while (!check (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return check (data);
}
