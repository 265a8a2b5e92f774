/* care-cli-readings.c — carebook-cli readings and reading
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   carebook-cli readings ID
 *   carebook-cli reading add ID KIND VALUE [UNIT] [--at TIME] [--arm left|right]
 *                [--position sitting|standing|lying] [--meal before-meal|after-meal] [--note TEXT]
 *   carebook-cli reading correct ID ENTRY VALUE [UNIT] [--at TIME] [options as for add]
 *   carebook-cli reading withdraw ID ENTRY
 *   carebook-cli reading kinds
 *
 * `readings` prints what the clinic asked for (state "asked") and what was
 * entered, newest first (state "entered" once the portal has it, else the
 * outbox's: "waiting", "refused"…), one a line, id first. `add` checks the
 * reading as the app does and queues it in the outbox, printing the
 * item's id; `carebook-cli sync` sends it. Until then `correct` replaces
 * it and `withdraw` takes it back. KIND is bp, weight, height, glucose,
 * temperature, pulse, spo2, steps or pain; a blood pressure is written
 * 128/82; UNIT defaults to the locale's (kg or lb…).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "care-cli-readings.h"
#include "care-cli-open.h"
#include "care-fhir.h"
#include "care-reading-requests.h"
#include "care-record.h"

/* Tabs and line breaks inside a field would split it. */
static char *
dup_field (const char *text)
{
  char *field = g_strdup (text != NULL ? text : "");

  g_strdelimit (field, "\t\r\n", ' ');
  return field;
}

/* "left arm, sitting", "before meal": the context as plain words, for a column. */
static char *
dup_context (const CareReading *reading)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (reading->arm != CARE_READING_ARM_UNKNOWN)
    g_ptr_array_add (parts, (gpointer)care_reading_arm_to_string (reading->arm));
  if (reading->position != CARE_READING_POSITION_UNKNOWN)
    g_ptr_array_add (parts, (gpointer)care_reading_position_to_string (reading->position));
  if (reading->meal != CARE_READING_MEAL_UNKNOWN)
    g_ptr_array_add (parts, (gpointer)care_reading_meal_to_string (reading->meal));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (",", (char **)parts->pdata);
}

static const char *
entry_state (const CareReadingEntry *entry)
{
  if (!entry->waiting)
    return "entered";
  return care_outbox_state_to_string (entry->state);
}

static int
cli_list (int    argc,
          char **argv)
{
  g_auto(CareCliOpened) opened = { 0 };
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      g_printerr ("%s\n", _("Usage: carebook-cli readings ID"));
      return 2;
    }
  if (!care_cli_open_person (&opened, argv[1]))
    return 1;
  requests = care_reading_requests_list (opened.cache, &error);
  if (requests != NULL)
    entries = care_reading_entries_list (opened.cache, &error);
  if (entries == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  /* id, "asked", kind, how often, who asked, until, the clinic's words */
  for (guint i = 0; i < requests->len; i++)
    {
      CareReadingRequest *request = requests->pdata[i];
      g_autofree char *frequency = dup_field (request->frequency);
      g_autofree char *requester = dup_field (request->requester);
      g_autofree char *description = dup_field (request->description);

      g_print ("%s\tasked\t%s\t%s\t%s\t%s\t%s\n", request->id, care_reading_kind_to_string (request->kind),
               frequency, requester, request->until != NULL ? request->until : "", description);
    }
  /* id, state, kind, when, value, context, the portal's reason */
  for (guint i = 0; i < entries->len; i++)
    {
      CareReadingEntry *entry = entries->pdata[i];
      g_autofree char *when = g_date_time_format (entry->reading->time, "%FT%T%:z");
      g_autofree char *value = care_reading_format_value (entry->reading);
      g_autofree char *context = dup_context (entry->reading);
      g_autofree char *message = dup_field (entry->message);

      g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", entry->id, entry_state (entry),
               care_reading_kind_to_string (entry->reading->kind), when, value, context, message);
    }
  return 0;
}

static int
cli_kinds (void)
{
  const char *locale = care_reading_locale_current ();

  /* name, title, the locale's unit, the other unit */
  for (guint i = 0; i < CARE_READING_N_KINDS; i++)
    {
      guint n_units = 0;
      const CareUnit *units = care_reading_kind_get_units (i, &n_units);
      CareUnit unit = care_reading_kind_get_unit_for_locale (i, locale);
      CareUnit other = n_units > 1 ? (units[0] == unit ? units[1] : units[0]) : unit;

      g_print ("%s\t%s\t%s\t%s\n", care_reading_kind_to_string (i), care_reading_kind_get_title (i),
               care_reading_kind_get_unit_display (i, unit),
               other != unit ? care_reading_kind_get_unit_display (i, other) : "");
    }
  return 0;
}

/* "2026-12-06T07:30", "2026-12-06 07:30[:00][+01:00]" or "07:30" (today),
 * in local time unless an offset is given. */
static GDateTime *
parse_time (const char *text)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *iso = g_strdup (text);
  int hour, minute;
  char end;

  if (sscanf (text, "%d:%d%c", &hour, &minute, &end) == 2 && strlen (text) <= 5)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now (local);

      if (hour < 0 || hour > 23 || minute < 0 || minute > 59)
        return NULL;
      return g_date_time_new (local, g_date_time_get_year (now), g_date_time_get_month (now),
                              g_date_time_get_day_of_month (now), hour, minute, 0);
    }
  if (strlen (iso) > 10 && iso[10] == ' ')
    iso[10] = 'T';
  /* GLib wants the seconds: "2026-12-06T07:30" is 07:30:00. */
  if (strlen (iso) >= 16 && iso[10] == 'T' && iso[13] == ':' && (iso[16] == '\0' || iso[16] == '+' ||
                                                                 iso[16] == '-' || iso[16] == 'Z'))
    {
      g_autofree char *head = g_strndup (iso, 16);
      g_autofree char *whole = g_strconcat (head, ":00", iso + 16, NULL);

      return g_date_time_new_from_iso8601 (whole, local);
    }
  return g_date_time_new_from_iso8601 (iso, local);
}

typedef struct
{
  const char *value;
  const char *unit;
  const char *at;
  const char *arm;
  const char *position;
  const char *meal;
  const char *note;
} Options;

/* Reads VALUE [UNIT] and the options from @argv; FALSE on a usage error. */
static gboolean
parse_options (int      argc,
               char   **argv,
               Options *options)
{
  guint n_plain = 0;

  for (int i = 0; i < argc; i++)
    {
      const char **target = NULL;

      if (g_str_equal (argv[i], "--at"))
        target = &options->at;
      else if (g_str_equal (argv[i], "--arm"))
        target = &options->arm;
      else if (g_str_equal (argv[i], "--position"))
        target = &options->position;
      else if (g_str_equal (argv[i], "--meal"))
        target = &options->meal;
      else if (g_str_equal (argv[i], "--note"))
        target = &options->note;
      else if (g_str_has_prefix (argv[i], "--"))
        return FALSE;
      if (target != NULL)
        {
          if (i + 1 >= argc)
            return FALSE;
          *target = argv[++i];
          continue;
        }
      if (n_plain == 0)
        options->value = argv[i];
      else if (n_plain == 1)
        options->unit = argv[i];
      else
        return FALSE;
      n_plain++;
    }
  return options->value != NULL;
}

/* Builds the reading @options describe; %NULL after printing why. */
static CareReading *
build_reading (CareReadingKind    kind,
               const Options     *options,
               const CareReading *before)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(CareReading) reading = NULL;

  if (options->at != NULL && (when = parse_time (options->at)) == NULL)
    {
      /* Translators: %s is the time someone gave with --at */
      g_printerr (_("“%s” is not a time: write it as 2026-12-06T07:30 or 07:30.\n"), options->at);
      return NULL;
    }
  if (when == NULL && before != NULL)
    when = g_date_time_ref (before->time);
  reading = care_reading_parse (kind, options->value, options->unit, care_reading_locale_current (), when, &error);
  if (reading == NULL)
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }
  if (before != NULL)
    {
      reading->arm = before->arm;
      reading->position = before->position;
      reading->meal = before->meal;
      reading->device = g_strdup (before->device);
      reading->note = g_strdup (before->note);
    }
  if ((options->arm != NULL && !care_reading_arm_from_string (options->arm, &reading->arm)) ||
      (options->position != NULL && !care_reading_position_from_string (options->position, &reading->position)) ||
      (options->meal != NULL && !care_reading_meal_from_string (options->meal, &reading->meal)))
    {
      g_printerr ("%s\n", _("--arm is left or right; --position sitting, standing or lying; --meal before-meal "
                            "or after-meal."));
      return NULL;
    }
  if ((options->arm != NULL || options->position != NULL) && kind != CARE_READING_BLOOD_PRESSURE)
    {
      g_printerr ("%s\n", _("--arm and --position are for a blood pressure."));
      return NULL;
    }
  if (options->meal != NULL && kind != CARE_READING_GLUCOSE)
    {
      g_printerr ("%s\n", _("--meal is for a blood glucose."));
      return NULL;
    }
  if (options->note != NULL)
    {
      g_free (reading->note);
      reading->note = g_strdup (options->note);
    }
  return g_steal_pointer (&reading);
}

static const char *usage_add = N_("Usage: carebook-cli reading add ID KIND VALUE [UNIT] [--at TIME] [--arm left|right] "
                                  "[--position sitting|standing|lying] [--meal before-meal|after-meal] [--note TEXT]");
static const char *usage_correct = N_("Usage: carebook-cli reading correct ID ENTRY VALUE [UNIT] [--at TIME] "
                                      "[--arm …] [--position …] [--meal …] [--note TEXT]");

static int
cli_add (int    argc,
         char **argv)
{
  g_auto(CareCliOpened) opened = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CareReading) reading = NULL;
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autofree char *patient = NULL;
  Options options = { 0 };
  CareReadingKind kind;
  CareOutbox *outbox;
  CareOutboxEntry *entry = NULL;

  if (argc < 4 || !parse_options (argc - 3, argv + 3, &options))
    {
      g_printerr ("%s\n", _(usage_add));
      return 2;
    }
  if (!care_reading_kind_from_string (argv[2], &kind))
    {
      /* Translators: %s is what someone typed as a kind of reading */
      g_printerr (_("“%s” is not a kind of reading; see carebook-cli reading kinds.\n"), argv[2]);
      return 2;
    }
  reading = build_reading (kind, &options, NULL);
  if (reading == NULL)
    return 1;
  if (!care_cli_open_person (&opened, argv[1]))
    return 1;
  patient = care_cli_opened_dup_patient (&opened);
  outbox = care_record_get_outbox (opened.record);
  if (patient == NULL || outbox == NULL)
    {
      g_printerr ("%s\n", _("This record cannot send anything to its health system now."));
      return 1;
    }
  draft = care_reading_draft_new (reading, patient, &error);
  if (draft != NULL)
    entry = care_outbox_queue_draft (outbox, draft, &error);
  if (draft == NULL || entry == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%s\t%s\n", care_outbox_entry_get_id (entry), care_outbox_entry_get_summary (entry));
  return 0;
}

/* The outbox entry @id names, if it holds a reading; prints why not. */
static CareOutboxEntry *
find_entry (CareCliOpened  *opened,
            const char     *id,
            CareReading   **out_reading)
{
  CareOutbox *outbox = care_record_get_outbox (opened->record);
  CareOutboxEntry *entry = outbox != NULL ? care_outbox_lookup (outbox, id) : NULL;
  g_autoptr(JsonObject) resource = NULL;

  if (entry != NULL && g_strcmp0 (care_outbox_entry_get_resource_type (entry), "Observation") == 0)
    resource = care_fhir_parse_resource (care_outbox_entry_get_json (entry), -1, NULL);
  if (resource == NULL || !care_observation_is_patient_entered (resource) ||
      (*out_reading = care_reading_from_observation (resource, NULL)) == NULL)
    {
      g_printerr ("%s\n", _("No such reading in the outbox; see carebook-cli readings ID."));
      return NULL;
    }
  return entry;
}

static int
cli_correct (int    argc,
             char **argv)
{
  g_auto(CareCliOpened) opened = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CareReading) before = NULL;
  g_autoptr(CareReading) reading = NULL;
  g_autoptr(CareOutboxDraft) draft = NULL;
  g_autofree char *patient = NULL;
  Options options = { 0 };
  CareOutboxEntry *entry;

  if (argc < 4 || !parse_options (argc - 3, argv + 3, &options))
    {
      g_printerr ("%s\n", _(usage_correct));
      return 2;
    }
  if (!care_cli_open_person (&opened, argv[1]))
    return 1;
  entry = find_entry (&opened, argv[2], &before);
  if (entry == NULL)
    return 1;
  reading = build_reading (before->kind, &options, before);
  if (reading == NULL)
    return 1;
  patient = care_cli_opened_dup_patient (&opened);
  if (patient == NULL)
    {
      g_printerr ("%s\n", _("This record cannot send anything to its health system now."));
      return 1;
    }
  draft = care_reading_draft_new (reading, patient, &error);
  if (draft == NULL || !care_outbox_replace (care_record_get_outbox (opened.record), entry, draft, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%s\t%s\n", care_outbox_entry_get_id (entry), draft->summary);
  return 0;
}

static int
cli_withdraw (int    argc,
              char **argv)
{
  g_auto(CareCliOpened) opened = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CareReading) before = NULL;
  CareOutboxEntry *entry;

  if (argc != 3)
    {
      g_printerr ("%s\n", _("Usage: carebook-cli reading withdraw ID ENTRY"));
      return 2;
    }
  if (!care_cli_open_person (&opened, argv[1]))
    return 1;
  entry = find_entry (&opened, argv[2], &before);
  if (entry == NULL)
    return 1;
  if (care_outbox_entry_get_state (entry) == CARE_OUTBOX_SENT || care_outbox_entry_get_state (entry) == CARE_OUTBOX_CHECK)
    {
      g_printerr ("%s\n", _("This has already been sent and can no longer be changed here."));
      return 1;
    }
  if (!care_outbox_discard (care_record_get_outbox (opened.record), entry, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

gboolean
care_cli_readings_handles (int    argc,
                           char **argv)
{
  return argc >= 2 && (g_str_equal (argv[1], "readings") || g_str_equal (argv[1], "reading"));
}

int
care_cli_readings_main (int    argc,
                        char **argv)
{
  if (g_str_equal (argv[1], "readings"))
    return cli_list (argc - 1, argv + 1);
  if (argc >= 3 && g_str_equal (argv[2], "add"))
    return cli_add (argc - 2, argv + 2);
  if (argc >= 3 && g_str_equal (argv[2], "correct"))
    return cli_correct (argc - 2, argv + 2);
  if (argc >= 3 && g_str_equal (argv[2], "withdraw"))
    return cli_withdraw (argc - 2, argv + 2);
  if (argc == 3 && g_str_equal (argv[2], "kinds"))
    return cli_kinds ();
  g_printerr ("%s\n%s\n%s\n%s\n%s\n", _("Usage: carebook-cli readings ID"), _(usage_add), _(usage_correct),
              _("Usage: carebook-cli reading withdraw ID ENTRY"), _("Usage: carebook-cli reading kinds"));
  return 2;
}
