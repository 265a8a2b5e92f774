/* care-access-log.c — what Carebook did with a person's record
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real portals seldom show patients their AuditEvents, so Carebook keeps
 * its own log per person: sign-ins, syncs, exports, shares and sign-outs,
 * one JSON line each in access-log.jsonl (0600) in the person's data
 * folder. Details say what happened ("sign-in at fhir.example.org"),
 * never record content. A damaged line is skipped, not fatal.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "care-access-log.h"
#include "care-json.h"
#include "care-paths.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static const char *event_names[] = { "sign-in", "sync", "export", "share", "sign-out" };

void
care_access_entry_free (CareAccessEntry *entry)
{
  if (entry == NULL)
    return;

  g_clear_pointer (&entry->when, g_date_time_unref);
  g_free (entry->detail);
  g_free (entry);
}

/**
 * care_access_event_get_label:
 * @event: an event
 *
 * Returns: the event, translated, as the Sharing & Access page shows it
 */
const char *
care_access_event_get_label (CareAccessEvent event)
{
  switch (event)
    {
    case CARE_ACCESS_EVENT_SIGN_IN:
      return _("Signed in");
    case CARE_ACCESS_EVENT_SYNC:
      return _("Synced");
    case CARE_ACCESS_EVENT_EXPORT:
      return _("Exported");
    case CARE_ACCESS_EVENT_SHARE:
      return _("Shared");
    case CARE_ACCESS_EVENT_SIGN_OUT:
    default:
      return _("Signed out");
    }
}

/**
 * care_access_log_append:
 * @folder: the person's data folder
 * @event: what happened
 * @detail: (nullable): where or to whom, never record content
 * @error: return location for a #GError
 *
 * Appends one line; the folder is made private if it is new.
 *
 * Returns: %TRUE on success
 */
gboolean
care_access_log_append (const char       *folder,
                        CareAccessEvent   event,
                        const char       *detail,
                        GError          **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);
  g_autofree char *path = NULL;
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;
  int fd;
  gboolean ok;

  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (event <= CARE_ACCESS_EVENT_SIGN_OUT, FALSE);

  if (!care_paths_ensure_private_dir (folder, error))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, when);
  json_builder_set_member_name (builder, "event");
  json_builder_add_string_value (builder, event_names[event]);
  if (detail != NULL)
    {
      json_builder_set_member_name (builder, "detail");
      json_builder_add_string_value (builder, detail);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  line = g_strconcat (text, "\n", NULL);

  path = g_build_filename (folder, "access-log.jsonl", NULL);
  fd = g_open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The access log could not be written."));
      return FALSE;
    }
  ok = write (fd, line, strlen (line)) == (ssize_t)strlen (line);
  close (fd);
  if (!ok)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The access log could not be written."));

  return ok;
}

/**
 * care_access_log_read:
 * @folder: the person's data folder
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CareAccessEntry): the entries,
 *   newest first (an empty array when there is no log yet)
 */
GPtrArray *
care_access_log_read (const char  *folder,
                      GError     **error)
{
  g_autofree char *path = g_build_filename (folder, "access-log.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) local_error = NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify)care_access_entry_free);

  if (!g_file_get_contents (path, &contents, NULL, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          g_ptr_array_unref (entries);
          return NULL;
        }
      return entries;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (int i = (int)g_strv_length (lines) - 1; i >= 0; i--)
    {
      g_autoptr(JsonObject) object = NULL;
      CareAccessEntry *entry;
      const char *event;
      GDateTime *when;

      if (lines[i][0] == '\0' || (object = care_json_parse_object (lines[i], -1, NULL)) == NULL)
        continue;

      event = json_object_get_string_member_with_default (object, "event", "");
      when = g_date_time_new_from_iso8601 (json_object_get_string_member_with_default (object, "time", ""), NULL);
      if (when == NULL)
        continue;

      entry = g_new0 (CareAccessEntry, 1);
      entry->when = when;
      entry->event = CARE_ACCESS_EVENT_SIGN_OUT;
      for (guint e = 0; e < G_N_ELEMENTS (event_names); e++)
        if (g_str_equal (event, event_names[e]))
          entry->event = e;
      entry->detail = g_strdup (json_object_get_string_member_with_default (object, "detail", NULL));
      g_ptr_array_add (entries, entry);
    }

  return entries;
}
