/* care-record-list-data.c — what the record lists read beside their rows, and write
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lookups of referenced resources, the outbox's pending items, dates
 * relative to the context's today, and the write path every record view
 * uses: whether the portal takes a create, queuing it in the outbox,
 * sending it, the toast that says how it went, and the dialog that says
 * to tell the clinic in the portal when it does not.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-record-list.h"
#include "care-record-list-private.h"

#include "care-fhir.h"
#include "care-sync-engine.h"
#include "care-time.h"

#include <string.h>
#include <time.h>

/* The record on screen, %NULL when nobody is signed in. */
static CareRecord *
record_of (CareRecordList *self)
{
  return care_record_view_get_record (CARE_RECORD_VIEW (self));
}

/**
 * care_record_list_type_withheld:
 * @self: a #CareRecordList
 * @type: a resource type
 *
 * Returns: whether the portal withholds @type of this record from proxies
 */
gboolean
care_record_list_type_withheld (CareRecordList *self,
                                const char     *type)
{
  g_return_val_if_fail (CARE_IS_RECORD_LIST (self), FALSE);

  return record_of (self) != NULL &&
         care_record_get_type_status (record_of (self), type, NULL) == CARE_TYPE_STATUS_WITHHELD;
}

/**
 * care_record_list_lookup:
 * @self: a #CareRecordList
 * @resource: (nullable): the resource holding @reference, for contained ones
 * @reference: (nullable): a Reference
 *
 * Returns: (transfer full) (nullable): the resource it points at, from
 *   `contained` or the cache
 */
JsonObject *
care_record_list_lookup (CareRecordList *self,
                         JsonObject     *resource,
                         JsonObject     *reference)
{
  CareFhirReference target;
  CareCache *cache = record_of (self) != NULL ? care_record_get_cache (record_of (self)) : NULL;
  JsonObject *found = NULL;

  g_return_val_if_fail (CARE_IS_RECORD_LIST (self), NULL);

  if (!care_fhir_read_reference (reference, &target))
    {
      care_fhir_reference_clear (&target);
      return NULL;
    }

  if (target.kind == CARE_FHIR_REFERENCE_CONTAINED && resource != NULL)
    {
      found = care_fhir_find_contained (resource, target.id);
      if (found != NULL)
        json_object_ref (found);
    }
  else if (cache != NULL && target.type != NULL && target.id != NULL)
    found = care_cache_lookup (cache, target.type, target.id, NULL);

  care_fhir_reference_clear (&target);
  return found;
}

/**
 * care_record_list_dup_reference_name:
 * @self: a #CareRecordList
 * @resource: (nullable): the resource holding @reference
 * @reference: (nullable): a Reference to a person, place or medication
 *
 * Returns: (transfer full) (nullable): the name the reference shows, else
 *   the name of what it points at
 */
char *
care_record_list_dup_reference_name (CareRecordList *self,
                                     JsonObject     *resource,
                                     JsonObject     *reference)
{
  g_autoptr(JsonObject) target = NULL;
  JsonArray *names;
  char *name;

  g_return_val_if_fail (CARE_IS_RECORD_LIST (self), NULL);

  if (care_fhir_get_string (reference, "display") != NULL)
    return g_strdup (care_fhir_get_string (reference, "display"));

  target = care_record_list_lookup (self, resource, reference);
  if (target == NULL)
    return NULL;
  names = care_fhir_get_array (target, "name");
  if (names != NULL && (name = care_fhir_dup_human_name (names)) != NULL)
    return name;
  if (care_fhir_get_string (target, "name") != NULL)
    return g_strdup (care_fhir_get_string (target, "name"));
  return care_fhir_dup_concept_text (care_fhir_get_object (target, "code"));
}

/**
 * care_record_list_dup_outbox:
 * @self: a #CareRecordList
 * @type: a resource type
 * @state: which outbox items: waiting to be sent, or refused
 *
 * What the user wrote that the portal does not hold yet, so a view can
 * show it (once sent, it comes back with the next sync).
 *
 * Returns: (transfer full) (element-type JsonObject): the resources of
 *   @type in @state
 */
GPtrArray *
care_record_list_dup_outbox (CareRecordList  *self,
                             const char      *type,
                             CareOutboxState  state)
{
  GPtrArray *pending = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  CareCache *cache = record_of (self) != NULL ? care_record_get_cache (record_of (self)) : NULL;
  g_autoptr(GPtrArray) items = NULL;

  if (cache == NULL)
    return pending;

  items = care_cache_outbox_list (cache, state == CARE_OUTBOX_PENDING);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      CareOutboxItem *item = g_ptr_array_index (items, i);
      JsonObject *resource;

      if (g_strcmp0 (item->type, type) != 0 || item->state != state)
        continue;
      resource = care_fhir_parse_resource (item->json, -1, NULL);
      if (resource != NULL)
        g_ptr_array_add (pending, resource);
    }
  return pending;
}

void
care_record_list_get_today (CareRecordList *self,
                            GDate          *out_today)
{
  g_return_if_fail (CARE_IS_RECORD_LIST (self));

  if (care_record_view_get_context (CARE_RECORD_VIEW (self)) != NULL)
    care_context_get_today (care_record_view_get_context (CARE_RECORD_VIEW (self)), out_today);
  else
    g_date_set_time_t (out_today, time (NULL));
}

/**
 * care_record_list_dup_date_text:
 * @fhir_date: (nullable): a FHIR date or dateTime
 *
 * Returns: (transfer full) (nullable): the day in the user's language,
 *   "Mar 5, 2024" ("5 mar 2024"), or the month or year when that is all
 *   the date says
 */
char *
care_record_list_dup_date_text (const char *fhir_date)
{
  return care_time_format_fhir_day (fhir_date);
}

/**
 * care_record_list_days_until:
 * @self: a #CareRecordList
 * @fhir_date: a FHIR date or dateTime
 *
 * Returns: the days from the context's today to @fhir_date (negative in
 *   the past), or G_MININT if it is not a date
 */
int
care_record_list_days_until (CareRecordList *self,
                             const char     *fhir_date)
{
  g_autoptr(GDateTime) date = care_fhir_dup_date_time (fhir_date);
  GDate today;
  GDate day;

  if (date == NULL)
    return G_MININT;

  g_date_clear (&today, 1);
  g_date_clear (&day, 1);
  care_record_list_get_today (self, &today);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (date), g_date_time_get_month (date),
                  g_date_time_get_year (date));
  return g_date_days_between (&today, &day);
}

/**
 * care_record_list_can_write:
 * @self: a #CareRecordList
 * @type: the resource type a feature would create
 *
 * Returns: whether the portal takes a create of @type from Carebook
 */
gboolean
care_record_list_can_write (CareRecordList *self,
                            const char     *type)
{
  CareSyncEngine *engine;

  g_return_val_if_fail (CARE_IS_RECORD_LIST (self), FALSE);

  engine = record_of (self) != NULL ? care_record_get_engine (record_of (self)) : NULL;
  return engine != NULL && care_sync_engine_can_write (engine, type, "create");
}

/**
 * care_record_list_dup_patient_reference:
 * @self: a #CareRecordList
 *
 * Returns: (transfer full) (nullable): "Patient/id" of the record on screen
 */
char *
care_record_list_dup_patient_reference (CareRecordList *self)
{
  CareConnection *connection = record_of (self) != NULL ? care_record_get_connection (record_of (self)) : NULL;
  const char *id = connection != NULL ? care_connection_get_patient_id (connection) : NULL;

  return id != NULL ? g_strdup_printf ("Patient/%s", id) : NULL;
}

/**
 * care_record_list_dup_reporter_reference:
 * @self: a #CareRecordList
 *
 * Who reports what the user enters: the signed-in user (a parent is a
 * RelatedPerson) when the portal said so, else the patient.
 *
 * Returns: (transfer full) (nullable): a relative reference
 */
char *
care_record_list_dup_reporter_reference (CareRecordList *self)
{
  CareConnection *connection = record_of (self) != NULL ? care_record_get_connection (record_of (self)) : NULL;
  const char *user = connection != NULL ? care_connection_get_fhir_user (connection) : NULL;
  g_autofree char *type = NULL;
  g_autofree char *id = NULL;

  if (user != NULL && care_fhir_parse_reference (user, &type, &id) && type != NULL && id != NULL &&
      (g_str_equal (type, "Patient") || g_str_equal (type, "RelatedPerson")))
    return g_strdup_printf ("%s/%s", type, id);
  return care_record_list_dup_patient_reference (self);
}

static void
outbox_sent_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CareRecordList) self = user_data;
  g_autoptr(GError) error = NULL;
  CareRecord *record;
  guint n_sent = 0;

  if (!care_outbox_send_finish (CARE_OUTBOX (source), result, &n_sent, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      care_record_view_show_toast (CARE_RECORD_VIEW (self),
                                   _("Will be sent when you are back online"));
      return;
    }
  if (n_sent == 0)
    {
      /* Sent, and refused: the outbox keeps it for the user to see. */
      care_record_view_show_toast (CARE_RECORD_VIEW (self),
                                   _("Your health system did not accept this. Tell your clinic "
                                     "in your portal."));
      care_record_view_reload (CARE_RECORD_VIEW (self));
      return;
    }

  care_record_view_show_toast (CARE_RECORD_VIEW (self), _("Sent to your care team"));
  /* What the portal made of it comes back with the next sync. */
  record = record_of (self);
  if (record != NULL)
    care_record_sync (record, CARE_SYNC_DEFAULT);
}

/**
 * care_record_list_queue_draft:
 * @self: a #CareRecordList
 * @draft: (nullable): what a feature's draft builder made; %NULL when it
 *   could not make one (no patient: not signed in)
 * @error: return location for a #GError
 *
 * Queues @draft in the record's outbox, tries to send it at once and
 * says in a toast how that went. The list reloads, so the view can show
 * it as waiting.
 *
 * Returns: %TRUE if it is in the outbox
 */
gboolean
care_record_list_queue_draft (CareRecordList         *self,
                              const CareOutboxDraft  *draft,
                              GError                **error)
{
  CareRecord *record;
  CareOutbox *outbox;

  g_return_val_if_fail (CARE_IS_RECORD_LIST (self), FALSE);

  record = record_of (self);
  outbox = record != NULL ? care_record_get_outbox (record) : NULL;
  if (draft == NULL || outbox == NULL || care_record_get_engine (record) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                           _("This record cannot send anything to its health system now."));
      return FALSE;
    }

  if (care_outbox_queue_draft (outbox, draft, error) == NULL)
    return FALSE;

  /* Not the load's cancellable: reloading must not cancel the send. */
  care_outbox_send_async (outbox, PRIV (self)->write_cancellable, outbox_sent_cb, g_object_ref (self));
  care_record_view_reload (CARE_RECORD_VIEW (self));
  return TRUE;
}

/**
 * care_record_list_show_portal_only:
 * @self: a #CareRecordList
 * @body: what to do in the portal instead
 *
 * Explains that this portal does not take this change from apps.
 */
void
care_record_list_show_portal_only (CareRecordList *self,
                                   const char     *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_return_if_fail (CARE_IS_RECORD_LIST (self));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Tell Your Clinic in Your Portal"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}
