/* care-test-utils.h — helpers shared by the test suites
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <glib/gstdio.h>

G_BEGIN_DECLS

/* Counts the notify signals of one property, so a test can say that a
 * setter notified exactly once on a change and never on a repeat. */
typedef struct
{
  GObject *object;
  gulong   handler_id;
  guint    count;
} CareNotifyCounter;

static inline void
care_notify_counter_cb (GObject    *object,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  ((CareNotifyCounter *)user_data)->count++;
}

static inline void
care_notify_counter_watch (CareNotifyCounter *counter,
                           gpointer           object,
                           const char        *property)
{
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);

  counter->object = object;
  counter->count = 0;
  counter->handler_id = g_signal_connect (object, signal,
                                          G_CALLBACK (care_notify_counter_cb), counter);
}

static inline void
care_notify_counter_unwatch (CareNotifyCounter *counter)
{
  g_clear_signal_handler (&counter->handler_id, counter->object);
}

/* Spins the default main context until *flag is TRUE or timeout_ms passes. */
static inline gboolean
care_test_timeout_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static inline gboolean
care_test_wait_for (gboolean *flag,
                    guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, care_test_timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return *flag;
}

/* Removes a test's temporary folder of plain files (caches and their
 * -wal/-shm companions), then the folder. */
static inline void
care_test_remove_flat_dir (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
}

G_END_DECLS
