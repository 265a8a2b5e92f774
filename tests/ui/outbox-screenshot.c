/* outbox-screenshot.c — the outbox page with one item in each state, for
 * data/screenshots/outbox*.png
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   outbox-screenshot WIDTH HEIGHT
 *
 * Signs the demo family in, leaves the adult's outbox with a sent, a
 * refused, a conflicting and a waiting item, and shows the window on the
 * outbox page until killed, for `import -window root` under Xvfb.
 * LANGUAGE=es and ADW_DEBUG_COLOR_SCHEME=prefer-dark work as in the app;
 * SHOT_SECTION=allergies shows another section of the same window.
 */
#include "config.h"

#include "care-allergy-draft.h"
#include "care-immunization-draft.h"
#include "care-outbox-view.h"
#include "care-sandbox-store.h"

#include "care-screenshot.h"

/* What the user typed, in the language of the screenshot. */
static const char *
typed (const char *en,
       const char *es)
{
  return g_str_has_prefix (g_getenv ("LANGUAGE") ?: "", "es") ? es : en;
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;

  care_outbox_send_finish (CARE_OUTBOX (source), result, NULL, NULL);
  *done = TRUE;
}

static void
send_all (CareOutbox *outbox)
{
  gboolean done = FALSE;

  care_outbox_send_async (outbox, NULL, sent_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
queue (CareOutbox      *outbox,
       CareOutboxDraft *draft)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (care_outbox_queue_draft (outbox, draft, &error));
  g_assert_no_error (error);
  care_outbox_draft_free (draft);
}

int
main (int   argc,
      char *argv[])
{
  CareTestFamily family = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *patient = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) mine = NULL;
  g_autoptr(JsonObject) bad = NULL;
  CareRecord *record;
  CareOutbox *outbox;
  CareWindow *window;
  GDate today;

  care_screenshot_init ();
  if (argc != 3)
    return 2;

  care_test_family_setup (&family);
  record = care_test_family_show (&family, "demo:adult");
  outbox = care_record_get_outbox (record);
  patient = g_strdup_printf ("Patient/%s", care_connection_get_patient_id (care_record_get_connection (record)));

  /* Sent. */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 24, 11, 2026);
  queue (outbox, care_immunization_draft_new (patient, typed ("Flu shot", "Vacuna de la gripe"), "2026-10-03", typed ("Corner pharmacy", "Farmacia de la esquina"), NULL,
                                              &today, &error));
  send_all (outbox);

  /* Refused: the portal wants a status. */
  json = g_strdup_printf ("{\"resourceType\":\"Communication\",\"subject\":{\"reference\":\"%s\"},"
                          "\"payload\":[{\"contentString\":\"Refill?\"}]}", patient);
  bad = care_fhir_parse_resource (json, -1, NULL);
  queue (outbox, care_outbox_draft_new (CARE_OUTBOX_CREATE, bad, typed ("Message to Dr. Alvarez", "Mensaje a la Dra. Álvarez")));
  send_all (outbox);

  /* In conflict: a goal changed at the portal after the user saw it. The
   * demo grants no updates, so the conflict is written as the engine
   * writes one after a 412. */
  g_free (json);
  json = g_strdup_printf ("{\"resourceType\":\"Goal\",\"id\":\"walk\",\"meta\":{\"versionId\":\"2\"},"
                          "\"lifecycleStatus\":\"active\",\"description\":{\"text\":\"%s\"},"
                          "\"subject\":{\"reference\":\"%s\"}}",
                          typed ("Walk 30 minutes a day", "Caminar 30 minutos al día"), patient);
  {
    g_autofree char *mine_json = g_strdup_printf ("{\"resourceType\":\"Goal\",\"id\":\"walk\","
                                                  "\"meta\":{\"versionId\":\"1\"},\"lifecycleStatus\":\"completed\","
                                                  "\"description\":{\"text\":\"%s\"},"
                                                  "\"subject\":{\"reference\":\"%s\"}}",
                                                  typed ("Walk 20 minutes a day", "Caminar 20 minutos al día"),
                                                  patient);
    g_autoptr(CareOutboxDraft) draft = NULL;
    g_autoptr(CareOutboxItem) item = NULL;
    CareOutboxRequest request;

    mine = care_fhir_parse_resource (mine_json, -1, NULL);
    draft = care_outbox_draft_new_update (mine, typed ("Goal: walk 20 minutes a day",
                                                       "Objetivo: caminar 20 minutos al día"));
    care_outbox_draft_get_request (draft, &request);
    item = care_cache_outbox_add_request (care_record_get_cache (record), &request, &error);
    g_assert_no_error (error);
    care_cache_outbox_set_conflict (care_record_get_cache (record), item->serial, json,
                                    _("This was changed at your portal after you saw it. Choose which "
                                      "version to keep."), &error);
    g_assert_no_error (error);
    care_outbox_reload (outbox);
  }

  /* Waiting. */
  queue (outbox, care_allergy_draft_new (patient, NULL, typed ("Bee stings", "Picaduras de abeja"), NULL, "severe", now));

  window = care_screenshot_window (&family, argv[1], argv[2]);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", g_getenv ("SHOT_SECTION") ?: "outbox");
  care_screenshot_run ();
}
