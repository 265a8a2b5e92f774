/* care-test-kill.c — a syncing or sending process killed part-way, and
 * the copies of a write the portal then holds
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "care-outbox.h"
#include "care-sandbox-seed.h"
#include "care-sandbox-store.h"

#include "care-test-kill.h"

#include <signal.h>

typedef struct
{
  GDataInputStream *lines;
  GSubprocess      *child;
  const char       *prefix;
  guint             n_lines;
  guint             kill_after;
  gboolean          exited;
} Killer;

static void read_line (Killer *killer);

static gboolean
counts (Killer     *killer,
        const char *line)
{
  return killer->prefix == NULL || g_str_has_prefix (line, killer->prefix);
}

static void
line_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Killer *killer = user_data;
  g_autofree char *line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result, NULL, NULL);

  if (line == NULL)
    return;   /* the child is gone */
  if (counts (killer, line) && ++killer->n_lines == killer->kill_after)
    g_subprocess_force_exit (killer->child);
  else
    read_line (killer);
}

static void
read_line (Killer *killer)
{
  g_data_input_stream_read_line_async (killer->lines, G_PRIORITY_DEFAULT, NULL, line_cb, killer);
}

static void
exited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Killer *killer = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  killer->exited = TRUE;
}

/* Runs @argv (a helper and its arguments) and kills it with SIGKILL as it
 * prints its @kill_after-th line starting with @prefix (any line when
 * NULL); G_MAXUINT lets it run to its end. Returns whether it was killed;
 * @n_lines, when given, is how many such lines it printed (all of them
 * when it ended by itself: the last ones may still be in the pipe when
 * the child is gone). */
gboolean
care_test_run_killed (const char * const *argv,
                      const char         *prefix,
                      guint               kill_after,
                      guint              *n_lines)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  Killer killer = { 0 };
  gboolean killed = FALSE;

  g_assert_no_error (error);
  killer.child = child;
  killer.prefix = prefix;
  killer.kill_after = kill_after;
  killer.lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  read_line (&killer);
  g_subprocess_wait_async (child, NULL, exited_cb, &killer);
  while (!killer.exited)
    g_main_context_iteration (NULL, TRUE);
  if (g_subprocess_get_if_signaled (child))
    {
      g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
      killed = TRUE;
    }
  else
    {
      while (TRUE)
        {
          g_autofree char *line = g_data_input_stream_read_line (killer.lines, NULL, NULL, NULL);

          if (line == NULL)
            break;
          if (counts (&killer, line))
            killer.n_lines++;
        }
    }
  g_clear_object (&killer.lines);
  if (n_lines != NULL)
    *n_lines = killer.n_lines;
  return killed;
}

/* Sends @portal's outbox from another process (sync-kill-helper), killed
 * as it starts sending its @kill_after-th item. Returns whether it was. */
gboolean
care_test_portal_kill_sender (CareTestPortal *portal,
                              guint           kill_after)
{
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "core", "sync-kill-helper", NULL);
  const char *argv[] = {
    helper, portal->path, care_sandbox_get_fhir_base (portal->sandbox), portal->token,
    CARE_SANDBOX_DEMO_ADULT, "outbox", NULL,
  };

  return care_test_run_killed (argv, "sending ", kill_after, NULL);
}

/* How many copies of the outbox item @client_id of @type the portal holds,
 * searched by @param ("identifier", or "_tag" for a Binary, which has no
 * identifier and no patient). */
guint
care_test_portal_count_copies (CareTestPortal *portal,
                               const char     *type,
                               const char     *param,
                               const char     *client_id)
{
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *token = g_strdup_printf ("%s|%s", CARE_OUTBOX_IDENTIFIER_SYSTEM, client_id);
  g_autoptr(CareSandboxPage) page = NULL;
  g_autoptr(GError) error = NULL;
  CareSandboxSearch search = { 0 };

  g_hash_table_insert (params, (gpointer)param, token);
  search.type = type;
  search.patient = g_str_equal (type, "Binary") ? NULL : CARE_SANDBOX_DEMO_ADULT;
  search.params = params;
  search.count = 10;
  page = care_sandbox_store_search (care_sandbox_get_store (portal->sandbox), &search, &error);
  g_assert_no_error (error);
  return page->resources->len;
}
