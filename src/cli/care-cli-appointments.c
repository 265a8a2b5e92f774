/* care-cli-appointments.c — carebook-cli appointments and appointment …
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   carebook-cli appointments ID                    (id, start with zone, with whom, where, status)
 *   carebook-cli appointment visit-types ID         (code, length in minutes, name)
 *   carebook-cli appointment find ID --type TYPE [--with PRACTITIONER] [--from DATE] [--to DATE]
 *   carebook-cli appointment book ID SLOT [--type TYPE] [--reason TEXT]
 *   carebook-cli appointment reschedule ID APPOINTMENT SLOT [--type TYPE]
 *   carebook-cli appointment cancel ID APPOINTMENT [--reason TEXT]
 *   carebook-cli appointment wait-list ID APPOINTMENT on|off
 *   carebook-cli appointment check-in ID APPOINTMENT STEP [VALUE]
 *   carebook-cli appointment ics ID APPOINTMENT [FILE]
 *   carebook-cli appointment tests ID               (id, due, kind, test, where, what to do before)
 *
 * The same core as the app (care-scheduling.c, care-appointment.c): find
 * and book are online-only; cancel, the wait list and eCheck-in steps go
 * through the outbox, which is sent at once. Lists are one item a line,
 * tab-separated, id first; errors go to stderr with a non-zero exit.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "care-appointment.h"
#include "care-cache-query.h"
#include "care-cli-appointments.h"
#include "care-cli-open.h"
#include "care-fhir.h"
#include "care-record.h"
#include "care-resource-item.h"
#include "care-scheduling.h"
#include "care-upcoming-tests.h"

#include <string.h>

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static char *
dup_time (GDateTime *time)
{
  /* The clinic's own wall-clock time and offset, as the portal sent it. */
  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z") : g_strdup ("");
}

/* A participant's name: its display, else the cached resource's name. */
static char *
dup_name (CareCache  *cache,
          JsonObject *appointment,
          const char *type)
{
  g_autofree char *reference = NULL;
  g_autofree char *display = care_appointment_dup_actor (appointment, type, &reference);
  g_autoptr(JsonObject) resource = NULL;
  JsonNode *names;

  if (display != NULL || reference == NULL)
    return display != NULL ? g_steal_pointer (&display) : g_strdup ("");
  resource = cache != NULL ? care_cache_lookup (cache, type, reference + strlen (type) + 1, NULL) : NULL;
  if (resource == NULL)
    return g_strdup ("");
  names = json_object_get_member (resource, "name");
  if (names != NULL && JSON_NODE_HOLDS_ARRAY (names))
    {
      char *name = care_fhir_dup_display_name (json_node_get_array (names));

      return name != NULL ? name : g_strdup ("");
    }
  return g_strdup (care_fhir_get_string (resource, "name") ?: "");
}

static char *
dup_place (JsonObject *appointment)
{
  return dup_name (NULL, appointment, "Location");
}

static JsonObject *
cached (CareCliOpened *session,
        const char    *id)
{
  JsonObject *appointment = care_cache_lookup (care_record_get_cache (session->record), "Appointment", id, NULL);

  if (appointment == NULL)
    /* Translators: %s is an appointment id */
    g_printerr (_("No appointment is called %s; see carebook-cli appointments.\n"), id);
  return appointment;
}

static JsonObject *
cached_location (CareCliOpened *session,
                 JsonObject    *appointment)
{
  g_autofree char *reference = NULL;
  g_autofree char *display = care_appointment_dup_actor (appointment, "Location", &reference);

  if (reference == NULL)
    return NULL;
  return care_cache_lookup (care_record_get_cache (session->record), "Location",
                            reference + strlen ("Location/"), NULL);
}

static int
list_appointments (const char *id)
{
  g_auto(CareCliOpened) session = { 0 };
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("Appointment");
  g_autoptr(GListModel) all = NULL;

  if (!care_cli_open_person (&session, id))
    return 1;
  all = care_cache_query (care_record_get_cache (session.record), query, NULL);
  for (guint i = 0; all != NULL && i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (all, i);
      g_autoptr(JsonObject) appointment = care_resource_item_dup_resource (item, NULL);
      g_autoptr(GDateTime) start = appointment != NULL ? care_appointment_dup_start (appointment) : NULL;
      g_autofree char *when = dup_time (start);
      g_autofree char *who = NULL;
      g_autofree char *where = NULL;
      g_autofree char *title = NULL;

      if (appointment == NULL)
        continue;
      who = dup_name (care_record_get_cache (session.record), appointment, "Practitioner");
      where = dup_name (care_record_get_cache (session.record), appointment, "Location");
      title = care_appointment_dup_title (appointment);
      g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", care_resource_item_get_id (item), when, who,
               where, care_fhir_get_string (appointment, "status") ?: "", title);
    }
  return 0;
}

static GPtrArray *
visit_types (CareCliOpened *session)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *types;

  care_scheduling_visit_types_async (session->outbox, NULL, done_cb, &result);
  types = care_scheduling_visit_types_finish (session->outbox, wait_for (&result), &error);
  g_object_unref (result);
  if (types == NULL)
    g_printerr ("%s\n", error->message);
  return types;
}

static const CareVisitType *
match_type (GPtrArray  *types,
            const char *text)
{
  const CareVisitType *type = care_visit_type_match (types, text);

  if (type == NULL)
    {
      /* Translators: %s is what the user typed as a kind of visit */
      g_printerr (_("No single kind of visit matches “%s”; see carebook-cli appointment visit-types.\n"), text);
    }
  return type;
}

static GDateTime *
parse_day (const char *text)
{
  g_autofree char *full = NULL;

  if (text == NULL)
    return NULL;
  full = strlen (text) == 10 ? g_strconcat (text, "T00:00:00", NULL) : g_strdup (text);
  return g_date_time_new_from_iso8601 (full, g_time_zone_new_local ());
}

static GPtrArray *
find_times (CareCliOpened *session,
            const char    *code,
            const char    *practitioner,
            GDateTime     *from,
            GDateTime     *to)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *with = practitioner != NULL && !g_str_has_prefix (practitioner, "Practitioner/")
                          ? g_strconcat ("Practitioner/", practitioner, NULL) : g_strdup (practitioner);
  GPtrArray *found;

  care_scheduling_find_async (session->outbox, code, with, NULL, from, to, NULL, done_cb, &result);
  found = care_scheduling_find_finish (session->outbox, wait_for (&result), &error);
  g_object_unref (result);
  if (found == NULL)
    g_printerr ("%s\n", error->message);
  return found;
}

static int
find (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) options = g_option_context_new (_("ID — open times for a kind of visit"));
  g_autoptr(GError) error = NULL;
  g_autofree char *type_text = NULL;
  g_autofree char *with = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_auto(CareCliOpened) session = { 0 };
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  const CareVisitType *type;
  const GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type_text, N_("Kind of visit: a code or words of its name"), N_("TYPE") },
    { "with", 0, 0, G_OPTION_ARG_STRING, &with, N_("Only this clinician"), N_("PRACTITIONER") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("Earliest day"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Latest day"), N_("DATE") },
    { NULL }
  };

  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error) || argc != 2 || type_text == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message
                  : _("Usage: carebook-cli appointment find ID --type TYPE [--with PRACTITIONER] "
                      "[--from DATE] [--to DATE]"));
      return 2;
    }
  from = parse_day (from_text);
  to = parse_day (to_text);
  if ((from_text != NULL && from == NULL) || (to_text != NULL && to == NULL))
    {
      g_printerr ("%s\n", _("Dates are written YYYY-MM-DD."));
      return 2;
    }
  if (to != NULL && to_text != NULL && strlen (to_text) == 10)
    {
      GDateTime *end = g_date_time_add_days (to, 1);

      g_date_time_unref (to);
      to = end;
    }
  if (!care_cli_open_person (&session, argv[1]) || (types = visit_types (&session)) == NULL ||
      (type = match_type (types, type_text)) == NULL ||
      (found = find_times (&session, type->code, with, from, to)) == NULL)
    return 1;

  if (found->len == 0)
    {
      g_printerr ("%s\n", _("No open times in those days."));
      return 1;
    }
  for (guint i = 0; i < found->len; i++)
    {
      JsonObject *proposal = g_ptr_array_index (found, i);
      g_autoptr(GDateTime) start = care_appointment_dup_start (proposal);
      g_autofree char *when = dup_time (start);
      g_autofree char *who = care_appointment_dup_actor (proposal, "Practitioner", NULL);
      g_autofree char *where = dup_place (proposal);

      g_print ("%s\t%s\t%d\t%s\t%s\n", care_appointment_get_slot_id (proposal), when,
               (int)json_object_get_int_member_with_default (proposal, "minutesDuration", 0),
               who != NULL ? who : "", where);
    }
  return 0;
}

/* The proposal that starts with @slot: from --type, or from the one kind
 * of visit that offers it. */
static JsonObject *
proposal_for_slot (CareCliOpened *session,
                   const char    *slot,
                   const char    *type_text)
{
  g_autoptr(GPtrArray) types = visit_types (session);
  JsonObject *chosen = NULL;
  guint matches = 0;

  if (types == NULL)
    return NULL;
  for (guint i = 0; i < types->len; i++)
    {
      const CareVisitType *type = g_ptr_array_index (types, i);
      g_autoptr(GPtrArray) found = NULL;
      JsonObject *proposal;

      if (type_text != NULL && type != care_visit_type_match (types, type_text))
        continue;
      found = find_times (session, type->code, NULL, NULL, NULL);
      proposal = found != NULL ? care_scheduling_find_proposal (found, slot) : NULL;
      if (proposal != NULL)
        {
          g_clear_pointer (&chosen, json_object_unref);
          chosen = json_object_ref (proposal);
          matches++;
        }
    }
  if (matches > 1)
    {
      g_printerr ("%s\n", _("This time can be booked for several kinds of visit; say which with --type."));
      g_clear_pointer (&chosen, json_object_unref);
    }
  else if (chosen == NULL)
    /* Translators: %s is a slot id */
    g_printerr (_("%s is not an open time now; see carebook-cli appointment find.\n"), slot);
  return chosen;
}

static int
print_booked (CareCliOpened *session,
              JsonObject    *booked)
{
  g_autoptr(GDateTime) start = care_appointment_dup_start (booked);
  g_autofree char *when = dup_time (start);
  g_autofree char *who = care_appointment_dup_actor (booked, "Practitioner", NULL);
  g_autofree char *where = dup_place (booked);
  g_autoptr(CareSyncReport) report = NULL;
  GAsyncResult *result = NULL;

  g_print ("%s\t%s\t%s\t%s\t%s\n", care_fhir_get_string (booked, "id") ?: "", when, who != NULL ? who : "", where,
           care_fhir_get_string (booked, "status") ?: "");
  /* The offline copy learns of it as the app's does: by a sync. */
  care_record_sync_async (session->record, CARE_SYNC_DEFAULT, NULL, done_cb, &result);
  report = care_record_sync_finish (session->record, wait_for (&result), NULL);
  g_object_unref (result);
  return 0;
}

static int
book (int    argc,
      char **argv,
      gboolean reschedule)
{
  g_autoptr(GOptionContext) options = g_option_context_new (reschedule ? _("ID APPOINTMENT SLOT — move a visit")
                                                                      : _("ID SLOT — book an open time"));
  g_autoptr(GError) error = NULL;
  g_autofree char *type_text = NULL;
  g_autofree char *reason = NULL;
  g_auto(CareCliOpened) session = { 0 };
  g_autoptr(JsonObject) proposal = NULL;
  g_autoptr(JsonObject) old = NULL;
  g_autoptr(JsonObject) booked = NULL;
  GAsyncResult *result = NULL;
  const GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type_text, N_("Kind of visit: a code or words of its name"), N_("TYPE") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Reason for the visit"), N_("TEXT") },
    { NULL }
  };

  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error) || argc != (reschedule ? 4 : 3))
    {
      g_printerr ("%s\n", error != NULL ? error->message
                  : reschedule ? _("Usage: carebook-cli appointment reschedule ID APPOINTMENT SLOT [--type TYPE]")
                               : _("Usage: carebook-cli appointment book ID SLOT [--type TYPE] [--reason TEXT]"));
      return 2;
    }
  if (!care_cli_open_person (&session, argv[1]))
    return 1;
  if (reschedule && (old = cached (&session, argv[2])) == NULL)
    return 1;
  if (type_text == NULL && old != NULL && care_appointment_get_visit_code (old) != NULL)
    type_text = g_strdup (care_appointment_get_visit_code (old));
  proposal = proposal_for_slot (&session, argv[reschedule ? 3 : 2], type_text);
  if (proposal == NULL)
    return 1;

  care_scheduling_book_async (session.outbox, proposal, old, reason, NULL, done_cb, &result);
  booked = care_scheduling_book_finish (session.outbox, wait_for (&result), &error);
  g_object_unref (result);
  if (booked == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return print_booked (&session, booked);
}

/* Queues @draft, sends the outbox, and says how it went. */
static int
send_draft (CareCliOpened   *session,
            CareOutboxDraft *draft)
{
  g_autoptr(GError) error = NULL;
  CareOutboxEntry *entry = care_outbox_queue_draft (session->outbox, draft, &error);
  g_autofree char *id = NULL;
  GAsyncResult *result = NULL;
  guint sent = 0;

  if (entry == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  id = g_strdup (care_outbox_entry_get_id (entry));
  care_outbox_send_async (session->outbox, NULL, done_cb, &result);
  care_outbox_send_finish (session->outbox, wait_for (&result), &sent, &error);
  g_object_unref (result);
  entry = care_outbox_lookup (session->outbox, id);
  if (entry != NULL && care_outbox_entry_get_state (entry) == CARE_OUTBOX_REFUSED)
    {
      g_printerr ("%s\n", care_outbox_entry_get_error (entry));
      return 1;
    }
  if (entry != NULL && care_outbox_entry_get_state (entry) != CARE_OUTBOX_SENT)
    {
      /* Translators: %s is an outbox item's id */
      g_printerr (_("Not sent yet; it waits in the outbox as %s.\n"), id);
      return 1;
    }
  g_print ("%s\t%s\n", id, care_outbox_entry_get_summary (entry) ?: "");
  {
    g_autoptr(CareSyncReport) report = NULL;

    result = NULL;
    care_record_sync_async (session->record, CARE_SYNC_DEFAULT, NULL, done_cb, &result);
    report = care_record_sync_finish (session->record, wait_for (&result), NULL);
    g_object_unref (result);
  }
  return 0;
}

static int
change (int    argc,
        char **argv)
{
  g_autoptr(GOptionContext) options = g_option_context_new (_("ID APPOINTMENT — cancel a visit"));
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_auto(CareCliOpened) session = { 0 };
  g_autoptr(JsonObject) appointment = NULL;
  g_autoptr(CareOutboxDraft) draft = NULL;
  const char *what = argv[0];
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why, in your words"), N_("TEXT") },
    { NULL }
  };

  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error) || argc < 3 ||
      (g_str_equal (what, "cancel") && argc != 3) ||
      (g_str_equal (what, "wait-list") && (argc != 4 || (!g_str_equal (argv[3], "on") && !g_str_equal (argv[3], "off")))) ||
      (g_str_equal (what, "check-in") && (argc < 4 || argc > 5)))
    {
      g_printerr ("%s\n", error != NULL ? error->message
                  : _("Usage: carebook-cli appointment cancel ID APPOINTMENT [--reason TEXT]\n"
                      "       carebook-cli appointment wait-list ID APPOINTMENT on|off\n"
                      "       carebook-cli appointment check-in ID APPOINTMENT STEP [VALUE]"));
      return 2;
    }
  if (!care_cli_open_person (&session, argv[1]) || (appointment = cached (&session, argv[2])) == NULL)
    return 1;

  if (g_str_equal (what, "cancel"))
    draft = care_appointment_cancel_draft_new (appointment, reason);
  else if (g_str_equal (what, "wait-list"))
    draft = care_appointment_wait_list_draft_new (appointment, g_str_equal (argv[3], "on"));
  else
    {
      for (guint step = 0; step < CARE_CHECK_IN_N_STEPS && draft == NULL; step++)
        if (g_str_equal (argv[3], care_check_in_step_name (step)))
          draft = care_appointment_check_in_draft_new (appointment, step, argc == 5 ? argv[4] : NULL);
      if (draft == NULL)
        {
          g_printerr ("%s\n", _("Steps: details, insurance, medications, allergies, questionnaire, copay."));
          return 2;
        }
    }
  return send_draft (&session, draft);
}

static int
export_ics (int    argc,
            char **argv)
{
  g_auto(CareCliOpened) session = { 0 };
  g_autoptr(JsonObject) appointment = NULL;
  g_autoptr(JsonObject) location = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (argc < 3 || argc > 4)
    {
      g_printerr ("%s\n", _("Usage: carebook-cli appointment ics ID APPOINTMENT [FILE]"));
      return 2;
    }
  if (!care_cli_open_person (&session, argv[1]) || (appointment = cached (&session, argv[2])) == NULL)
    return 1;
  location = cached_location (&session, appointment);
  text = care_appointment_to_ics (appointment, location, &error);
  if (text == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (argc == 3)
    {
      g_print ("%s", text);
      return 0;
    }
  if (!g_file_set_contents_full (argv[3], text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

static int
list_visit_types (const char *id)
{
  g_auto(CareCliOpened) session = { 0 };
  g_autoptr(GPtrArray) types = NULL;

  if (!care_cli_open_person (&session, id) || (types = visit_types (&session)) == NULL)
    return 1;
  for (guint i = 0; i < types->len; i++)
    {
      const CareVisitType *type = g_ptr_array_index (types, i);

      g_print ("%s\t%d\t%s\n", type->code, type->minutes, type->name);
    }
  return 0;
}

/* Tests ordered and not done yet, soonest due first. */
static int
list_tests (const char *id)
{
  g_auto(CareCliOpened) session = { 0 };
  g_autoptr(GPtrArray) tests = NULL;
  g_autoptr(GError) error = NULL;

  if (!care_cli_open_person (&session, id))
    return 1;
  tests = care_upcoming_tests_list (care_record_get_cache (session.record), &error);
  if (tests == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < tests->len; i++)
    {
      const CareUpcomingTest *test = g_ptr_array_index (tests, i);

      g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", test->id, test->due ?: "", test->imaging ? "imaging" : "lab",
               test->name, test->place ?: "", test->instructions ?: "");
    }
  return 0;
}

gboolean
care_cli_appointments_handles (int    argc,
                               char **argv)
{
  return argc >= 2 && (g_str_equal (argv[1], "appointments") || g_str_equal (argv[1], "appointment"));
}

int
care_cli_appointments_main (int    argc,
                            char **argv)
{
  if (g_str_equal (argv[1], "appointments") && argc == 3)
    return list_appointments (argv[2]);
  if (argc >= 4 && g_str_equal (argv[2], "visit-types") && argc == 4)
    return list_visit_types (argv[3]);
  if (argc >= 3 && g_str_equal (argv[2], "find"))
    return find (argc - 2, argv + 2);
  if (argc >= 3 && g_str_equal (argv[2], "book"))
    return book (argc - 2, argv + 2, FALSE);
  if (argc >= 3 && g_str_equal (argv[2], "reschedule"))
    return book (argc - 2, argv + 2, TRUE);
  if (argc >= 3 && (g_str_equal (argv[2], "cancel") || g_str_equal (argv[2], "wait-list") ||
                    g_str_equal (argv[2], "check-in")))
    return change (argc - 2, argv + 2);
  if (argc >= 3 && g_str_equal (argv[2], "ics"))
    return export_ics (argc - 2, argv + 2);
  if (argc == 4 && g_str_equal (argv[2], "tests"))
    return list_tests (argv[3]);

  g_printerr ("%s\n", _("Usage: carebook-cli appointments ID\n"
                        "       carebook-cli appointment visit-types ID\n"
                        "       carebook-cli appointment find ID --type TYPE [--with PRACTITIONER] [--from DATE] [--to DATE]\n"
                        "       carebook-cli appointment book ID SLOT [--type TYPE] [--reason TEXT]\n"
                        "       carebook-cli appointment reschedule ID APPOINTMENT SLOT [--type TYPE]\n"
                        "       carebook-cli appointment cancel ID APPOINTMENT [--reason TEXT]\n"
                        "       carebook-cli appointment wait-list ID APPOINTMENT on|off\n"
                        "       carebook-cli appointment check-in ID APPOINTMENT STEP [VALUE]\n"
                        "       carebook-cli appointment ics ID APPOINTMENT [FILE]\n"
                        "       carebook-cli appointment tests ID"));
  return 2;
}
