/* test-outbox.c — the outbox page and its badge, on the demo family
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "care-allergy-draft.h"
#include "care-outbox-view.h"

#include "care-test-family.h"

static void
spin_until_idle (void)
{
  /* The page rebuilds at idle, once per batch of changes. */
  for (guint i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
poll_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Waits (up to ten seconds) until the page shows @n rows. */
static guint
wait_for_rows (GtkWidget *view,
               guint      n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint poll = g_timeout_add (20, poll_cb, NULL);

  while (care_outbox_view_get_n_rows (CARE_OUTBOX_VIEW (view)) != n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (poll);
  return care_outbox_view_get_n_rows (CARE_OUTBOX_VIEW (view));
}

typedef struct
{
  gboolean done;
  gboolean ok;
} SendWait;

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SendWait *wait = user_data;

  wait->ok = care_outbox_send_finish (CARE_OUTBOX (source), result, NULL, NULL);
  wait->done = TRUE;
}

static void
send_all (CareOutbox *outbox)
{
  SendWait wait = { 0 };

  care_outbox_send_async (outbox, NULL, sent_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  spin_until_idle ();
}

static void
test_page_and_badge (void)
{
  CareTestFamily family = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CareOutboxDraft) allergy = NULL;
  g_autoptr(CareOutboxDraft) refused = NULL;
  g_autoptr(JsonObject) bad = NULL;
  g_autofree char *patient = NULL;
  g_autofree char *json = NULL;
  GtkWidget *window;
  GtkWidget *view;
  GtkWidget *badge;
  GtkWidget *box;
  CareRecord *record;
  CareOutbox *outbox;
  CareOutboxEntry *entry;

  care_test_family_setup (&family);
  record = care_test_family_show (&family, "demo:adult");
  outbox = care_record_get_outbox (record);

  window = gtk_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  view = care_outbox_view_new (G_OBJECT (family.context));
  badge = care_outbox_badge_new (family.context);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_box_append (GTK_BOX (box), view);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  spin_until_idle ();

  /* Nothing waits: an empty page, no badge. */
  g_assert_true (care_outbox_view_get_outbox (CARE_OUTBOX_VIEW (view)) == outbox);
  g_assert_cmpuint (wait_for_rows (view, 0), ==, 0);
  g_assert_cmpuint (care_outbox_badge_get_count (CARE_OUTBOX_BADGE (badge)), ==, 0);
  g_assert_false (gtk_widget_get_visible (badge));

  /* One waits: a row and a badge of one. */
  patient = g_strdup_printf ("Patient/%s", care_connection_get_patient_id (care_record_get_connection (record)));
  allergy = care_allergy_draft_new (patient, NULL, "Bee stings", NULL, "severe", now);
  g_assert_nonnull (care_outbox_queue_draft (outbox, allergy, &error));
  g_assert_no_error (error);
  spin_until_idle ();
  g_assert_cmpuint (wait_for_rows (view, 1), ==, 1);
  g_assert_cmpuint (care_outbox_badge_get_count (CARE_OUTBOX_BADGE (badge)), ==, 1);
  g_assert_true (gtk_widget_get_visible (badge));

  /* One the portal refuses, with its reason. */
  json = g_strdup_printf ("{\"resourceType\":\"Communication\",\"subject\":{\"reference\":\"%s\"}}", patient);
  bad = care_fhir_parse_resource (json, -1, NULL);
  refused = care_outbox_draft_new (CARE_OUTBOX_CREATE, bad, "Message without a status");
  g_assert_nonnull (care_outbox_queue_draft (outbox, refused, &error));
  g_assert_no_error (error);
  send_all (outbox);
  g_assert_cmpuint (care_outbox_badge_get_count (CARE_OUTBOX_BADGE (badge)), ==, 0);
  g_assert_false (gtk_widget_get_visible (badge));
  g_assert_cmpuint (wait_for_rows (view, 2), ==, 2);
  entry = care_outbox_lookup (outbox, refused->client_id);
  g_assert_cmpint (care_outbox_entry_get_state (entry), ==, CARE_OUTBOX_REFUSED);
  g_assert_nonnull (care_outbox_entry_get_error (entry));

  /* Discarded, it leaves the page. */
  g_assert_true (care_outbox_discard (outbox, entry, &error));
  g_assert_no_error (error);
  spin_until_idle ();
  g_assert_cmpuint (wait_for_rows (view, 1), ==, 1);

  /* Another person: their own (empty) outbox. */
  care_test_family_show (&family, "demo:elder");
  spin_until_idle ();
  g_assert_true (care_outbox_view_get_outbox (CARE_OUTBOX_VIEW (view)) != outbox);
  g_assert_cmpuint (wait_for_rows (view, 0), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  spin_until_idle ();
  care_test_family_teardown (&family);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/outbox/page-and-badge", test_page_and_badge);

  return g_test_run ();
}
