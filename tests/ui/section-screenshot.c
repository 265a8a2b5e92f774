/* section-screenshot.c — one section of the demo window, for screenshots
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   section-screenshot SECTION WIDTH HEIGHT [PERSON]
 *
 * Signs the demo family in, shows PERSON's record (demo:adult by default)
 * on SECTION ("billing", "medications", "documents"…) and stays until
 * killed, for `import -window root` under Xvfb. LANGUAGE=es and
 * ADW_DEBUG_COLOR_SCHEME=prefer-dark work as in the app.
 *
 * CAREBOOK_SHOT_STORE, a list of JSON files separated by ":", stores each
 * resource in PERSON's offline copy first (a record the demo family's
 * does not hold: a claim, a study without a report); CAREBOOK_SHOT_OPEN,
 * "Type/id", then opens that item as a notification would.
 *
 * CAREBOOK_SHOT_SYNC=indexing shows the record as during a first sync
 * that is still storing pages and has its indexes to build (issue 18):
 * the sync under way at 40 % and the "still indexing" banner.
 */
#include "config.h"

#include "care-fhir.h"

#include "care-screenshot.h"

int
main (int   argc,
      char *argv[])
{
  CareTestFamily family = { 0 };
  CareWindow *window;

  care_screenshot_init ();
  if (argc != 4 && argc != 5)
    return 2;

  care_test_family_setup (&family);
  care_test_family_show (&family, argc == 5 ? argv[4] : "demo:adult");
  if (g_strcmp0 (g_getenv ("CAREBOOK_SHOT_STORE"), "") > 0)
    {
      g_auto(GStrv) files = g_strsplit (g_getenv ("CAREBOOK_SHOT_STORE"), ":", -1);
      CareRecord *record = care_context_get_record (family.context);
      g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify)care_fhir_record_free);

      for (guint i = 0; files[i] != NULL; i++)
        {
          g_autofree char *text = NULL;
          g_autoptr(JsonObject) resource = NULL;

          if (!g_file_get_contents (files[i], &text, NULL, NULL) ||
              (resource = care_fhir_parse_resource (text, -1, NULL)) == NULL)
            return 3;
          g_ptr_array_add (page, care_fhir_record_new (resource));
        }
      if (!care_cache_store_page (care_record_get_cache (record), page, CARE_CACHE_ORIGIN_REFERENCE, 0, NULL, NULL))
        return 3;
      care_record_changed (record);
    }
  if (g_strcmp0 (g_getenv ("CAREBOOK_SHOT_SYNC"), "indexing") == 0)
    {
      CareSyncState *state = care_record_get_sync_state (care_context_get_record (family.context));

      care_sync_state_set_phase (state, CARE_SYNC_PHASE_SYNCING);
      care_sync_state_set_progress (state, 0.4);
      care_sync_state_set_indexing (state, TRUE);
    }
  window = care_screenshot_window (&family, argv[2], argv[3]);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", argv[1]);
  if (g_strcmp0 (g_getenv ("CAREBOOK_SHOT_OPEN"), "") > 0)
    {
      g_auto(GStrv) item = g_strsplit (g_getenv ("CAREBOOK_SHOT_OPEN"), "/", 2);

      if (item[0] != NULL && item[1] != NULL)
        care_window_open_item (window, argc == 5 ? argv[4] : "demo:adult", item[0], item[1]);
    }
  care_screenshot_run ();
}
