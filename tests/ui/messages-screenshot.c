/* messages-screenshot.c — Messages for data/screenshots/messages*.png
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   messages-screenshot WIDTH HEIGHT thread|compose|calls|renewal|renew-dialog
 *
 * Signs the demo family in, has the adult send a question with a picture
 * (the demo clinician answers at once), syncs, and shows the window on
 * Messages (the new conversation open, the compose window, or the calls
 * filter; New Message is a page of the window at 360 px) or on Medications
 * with a renewal requested for Main Street Pharmacy (or the "Request a
 * Renewal" dialog open, choosing the pharmacy), until killed, for
 * `import -window root` under Xvfb. LANGUAGE=es and
 * ADW_DEBUG_COLOR_SCHEME=prefer-dark work as in the app.
 */
#include "config.h"

#include "care-medications-view.h"
#include "care-message-draft.h"
#include "care-message-recipients.h"
#include "care-messages-view.h"
#include "care-pharmacy.h"

#include "care-screenshot.h"

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
  care_outbox_send_finish (CARE_OUTBOX (source), result, NULL, NULL);
  *(gboolean *)user_data = TRUE;
}

static void
synced_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CareSyncReport *report = care_record_sync_finish (CARE_RECORD (source), result, NULL);

  if (report != NULL)
    care_sync_report_free (report);
  *(gboolean *)user_data = TRUE;
}

static GBytes *
draw_picture (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 160, 120);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GdkTexture) texture = NULL;
  GBytes *png;

  cairo_set_source_rgb (cr, 0.93, 0.80, 0.72);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.85, 0.35, 0.35);
  cairo_arc (cr, 80, 60, 28, 0, 6.3);
  cairo_fill (cr);
  cairo_destroy (cr);
  texture = gdk_memory_texture_new (160, 120, GDK_MEMORY_B8G8R8A8,
                                    g_bytes_new (cairo_image_surface_get_data (surface),
                                                 cairo_image_surface_get_stride (surface) * 120),
                                    cairo_image_surface_get_stride (surface));
  png = gdk_texture_save_to_png_bytes (texture);
  cairo_surface_destroy (surface);
  return png;
}

int
main (int   argc,
      char *argv[])
{
  CareTestFamily family = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) picture = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify)care_outbox_draft_free);
  g_autoptr(CareOutboxDraft) message = NULL;
  g_autofree char *patient = NULL;
  CareMessageFields fields = { 0 };
  const char *mode = argc > 3 ? argv[3] : "thread";
  CareRecord *record;
  CareOutbox *outbox;
  GtkWidget *window;
  gboolean done = FALSE;

  care_screenshot_init ();
  if (argc < 3)
    return 2;

  care_test_family_setup (&family);
  care_sandbox_set_reply_after (family.sandbox, 0);
  record = care_test_family_show (&family, "demo:adult");
  outbox = care_record_get_outbox (record);
  patient = g_strdup_printf ("Patient/%s", care_connection_get_patient_id (care_record_get_connection (record)));

  picture = draw_picture ();
  g_ptr_array_add (files, care_message_attachment_draft_new (patient, typed ("rash.png", "sarpullido.png"),
                                                             "image/png", picture, &error));
  g_assert_no_error (error);
  fields.patient = patient;
  fields.recipient = "Practitioner/okafor";
  fields.recipient_name = "Dr. Adaeze Okafor";
  fields.kind = CARE_MESSAGE_KIND_MEDICAL_QUESTION;
  fields.subject = typed ("A rash on my arm", "Un sarpullido en el brazo");
  fields.text = typed ("It itches since Monday. Here is a picture.", "Me pica desde el lunes. Le envío una foto.");
  fields.language = typed ("en", "es");
  fields.when = now;
  message = care_message_draft_new (&fields, files, &error);
  g_assert_no_error (error);
  g_assert_nonnull (care_outbox_queue_draft (outbox, g_ptr_array_index (files, 0), &error));
  g_assert_nonnull (care_outbox_queue_draft (outbox, message, &error));
  care_outbox_send_async (outbox, NULL, sent_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  if (g_str_equal (mode, "renewal") || g_str_equal (mode, "renew-dialog"))
    {
      g_autoptr(JsonObject) request = care_cache_lookup (care_record_get_cache (record), "MedicationRequest",
                                                         "adult-lisinopril", NULL);
      g_autoptr(GPtrArray) pharmacies = care_pharmacies_dup (care_record_get_cache (record));
      g_autoptr(CareOutboxDraft) renewal = care_message_renewal_draft_new (patient, NULL, request, "Lisinopril",
                                                                           care_pharmacies_find (pharmacies,
                                                                                                 "Main Street",
                                                                                                 NULL),
                                                                           NULL, typed ("en", "es"), now,
                                                                           &error);

      care_sandbox_set_reply_after (family.sandbox, 3600);
      g_assert_nonnull (care_outbox_queue_draft (outbox, renewal, &error));
      done = FALSE;
      care_outbox_send_async (outbox, NULL, sent_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
    }
  done = FALSE;
  care_record_sync_async (record, CARE_SYNC_DEFAULT, NULL, synced_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  window = GTK_WIDGET (care_screenshot_window (&family, argv[1], argv[2]));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s",
                              g_str_has_prefix (mode, "renew") ? "medications" : "messages");
  for (guint i = 0; i < 50 || gtk_widget_get_width (window) == 0; i++)
    g_main_context_iteration (NULL, i >= 50);
  if (g_str_equal (mode, "renew-dialog"))
    {
      GtkWidget *page = care_window_get_section_page (CARE_WINDOW (window), "medications");

      for (guint i = 0; i < 200 && !care_record_list_get_loaded (CARE_RECORD_LIST (page)); i++)
        g_main_context_iteration (NULL, TRUE);
      care_medications_view_open_renewal (CARE_MEDICATIONS_VIEW (page), "adult-atorvastatin");
    }
  else if (!g_str_has_prefix (mode, "renew"))
    {
      GtkWidget *page = care_window_get_section_page (CARE_WINDOW (window), "messages");
      g_autoptr(GPtrArray) messages = care_message_dup_all (care_record_get_cache (record));

      if (g_str_equal (mode, "calls"))
        care_messages_view_set_show_calls (CARE_MESSAGES_VIEW (page), TRUE);
      else if (g_str_equal (mode, "compose"))
        {
          CareMessageCompose *compose = care_messages_view_compose (CARE_MESSAGES_VIEW (page),
                                                                    CARE_MESSAGE_KIND_MEDICAL_QUESTION);

          care_message_compose_set_text (compose, typed ("Blood pressure readings", "Lecturas de presión"),
                                         typed ("My readings this week were around 150/95. Should I change "
                                                "my dose?",
                                                "Mis lecturas de esta semana rondan 150/95. ¿Debo cambiar la "
                                                "dosis?"));
          care_message_compose_add_bytes (compose, typed ("readings.png", "lecturas.png"), "image/png", picture,
                                          NULL);
        }
      else
        for (guint i = 0; i < messages->len; i++)
          {
            JsonObject *item = g_ptr_array_index (messages, i);

            if (json_object_has_member (item, "inResponseTo") &&
                g_strcmp0 (json_object_get_string_member_with_default (item, "language", ""),
                           typed ("en", "es")) == 0 &&
                json_object_has_member (item, "sent"))
              care_messages_view_open_message (CARE_MESSAGES_VIEW (page),
                                               json_object_get_string_member (item, "id"));
          }
    }
  care_screenshot_run ();
}
