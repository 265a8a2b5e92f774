/* care-sync-run.c — one sync: plan, searches, pages, references, results
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sync reads the CapabilityStatement, plans the searches (granted scopes
 * ∩ offered types; the Patient read by id; per category or intent when a
 * server refuses a plain search) and runs them all at once behind the
 * client's limit of four requests; each search runs page by page
 * (care-sync-search.c), a page one cache transaction. OperationOutcome
 * entries are never stored: they mark the type "incomplete" or
 * "withheld".
 *
 * Types succeed or fail on their own; only a 401 after a refresh stops
 * everything. A type is searched incrementally with _lastUpdated where
 * the metadata lists it, and in full (then swept, removing what the portal
 * no longer returns) when its periodic full pass is due or it cannot be
 * searched incrementally. Referenced Practitioners, Organizations,
 * Locations and Medications are fetched once; a 403 or 404 there keeps the
 * reference's display and fails nothing (FHIR-CLIENT.md 13–23).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-error.h"
#include "care-features.h"
#include "care-sync-run-private.h"

#include <string.h>

/* _lastUpdated is compared with the server's clock, read from its Date
 * header; the margin covers requests that were in flight at that time. */
#define SINCE_MARGIN_SECONDS       300

/* The types searched, and the US Core categories they are searched by
 * (Epic refuses some without), come from the feature table
 * (care-features.c). */

/* Planned first, in this order: what Home shows. */
static const char * const home_first[] = {
  "Patient", "Appointment", "Communication", "DiagnosticReport", "Observation", NULL,
};

static const char *medication_intents = "proposal,plan,order,original-order,reflex-order,filler-order,instance-order,option";

static void
report_entry_free (CareSyncReportEntry *entry)
{
  g_free (entry->type);
  g_free (entry->message);
  g_clear_pointer (&entry->added, g_ptr_array_unref);
  g_clear_pointer (&entry->updated, g_ptr_array_unref);
  g_free (entry);
}

/**
 * care_sync_report_free:
 * @report: (nullable): a report
 */
void
care_sync_report_free (CareSyncReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->entries, g_ptr_array_unref);
  g_free (report);
}

/**
 * care_sync_report_lookup:
 * @report: a report
 * @type: a resource type
 *
 * Returns: (nullable): the entry for @type
 */
const CareSyncReportEntry *
care_sync_report_lookup (CareSyncReport *report,
                         const char     *type)
{
  g_return_val_if_fail (report != NULL, NULL);

  for (guint i = 0; i < report->entries->len; i++)
    {
      CareSyncReportEntry *entry = g_ptr_array_index (report->entries, i);

      if (g_str_equal (entry->type, type))
        return entry;
    }
  return NULL;
}

static void
type_run_free (TypeRun *type_run)
{
  g_free (type_run->type);
  g_free (type_run->outcome_text);
  g_clear_error (&type_run->error);
  g_clear_pointer (&type_run->added, g_ptr_array_unref);
  g_clear_pointer (&type_run->updated, g_ptr_array_unref);
  g_free (type_run);
}

static void
sync_run_free (SyncRun *run)
{
  if (run->outer != NULL)
    g_cancellable_disconnect (run->outer, run->cancelled_id);
  g_clear_object (&run->outer);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->type_runs, g_ptr_array_unref);
  g_clear_pointer (&run->skipped, g_hash_table_unref);
  g_clear_pointer (&run->references, g_hash_table_unref);
  g_clear_pointer (&run->fetched, g_hash_table_unref);
  g_free (run->server_date);
  g_clear_error (&run->fatal);
  g_free (run);
}

void
care_sync_run_update_progress (SyncRun *run)
{
  double total = 0;

  for (guint i = 0; i < run->type_runs->len; i++)
    {
      TypeRun *type_run = g_ptr_array_index (run->type_runs, i);
      double fraction;

      /* Searches done, plus a share for pages of the current ones: their
       * count is never known (Bundle.total is not trusted). */
      fraction = type_run->n_searches > 0
                 ? (type_run->n_done + (type_run->n_pages > 0 ? 1.0 - 1.0 / (type_run->n_pages + 1) : 0) *
                    (type_run->n_done < type_run->n_searches ? 1 : 0)) / (double)type_run->n_searches
                 : 1;
      total += MIN (fraction, 1);
      care_sync_engine_set_type_progress (run->self, type_run->type, fraction);
    }
  /* Referenced resources come last: keep 5% for them. */
  care_sync_state_set_progress (run->self->state,
                                run->type_runs->len > 0 ? 0.95 * total / run->type_runs->len : 0.95);
}

static void add_skipped (SyncRun *run, const char *type, CareTypeStatus status, const char *message);

static gboolean
full_pass_due (SyncRun    *run,
               const char *type)
{
  g_autoptr(CareTypeState) state = care_cache_dup_type_state (run->self->cache, type);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  return (run->flags & CARE_SYNC_FULL) != 0 || state->since == NULL || state->last_full_pass == 0 ||
         now - state->last_full_pass >= run->self->full_pass_interval;
}

/* R4 types with neither a `patient` nor a `subject` search parameter: a
 * server that does not list its parameters cannot find them by patient
 * either. */
static const char *unsearchable_by_patient[] = { "PaymentNotice" };

/* Which parameter finds @type's resources for one patient, as the
 * CapabilityStatement allows: "patient", "subject", or %NULL when the
 * type cannot be searched by patient there. A type whose parameters the
 * server does not list is tried with "patient", as R4 defines it. */
static const char *
choose_patient_param (JsonObject *capability,
                      const char *type)
{
  JsonArray *params = care_fhir_get_array (capability, "searchParam");

  if (care_sync_engine_capability_lists (capability, "searchParam", "name", "patient"))
    return "patient";
  if (care_sync_engine_capability_lists (capability, "searchParam", "name", "subject"))
    return "subject";
  if (params != NULL && json_array_get_length (params) > 0)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (unsearchable_by_patient); i++)
    if (g_str_equal (type, unsearchable_by_patient[i]))
      return NULL;
  return "patient";
}

static void
plan_type (SyncRun    *run,
           const char *type)
{
  CareSyncEngine *self = run->self;
  JsonObject *capability = care_sync_engine_find_capability (self, type);
  g_autoptr(CareTypeState) state = NULL;
  g_autofree char *escaped_patient = NULL;
  g_autofree char *base = NULL;
  g_autofree char *since = NULL;
  const char *split_param = NULL;
  const char *split_values = NULL;
  const char *patient_param = NULL;
  TypeRun *type_run;

  if (capability == NULL)
    {
      add_skipped (run, type, CARE_TYPE_STATUS_UNSUPPORTED, _("This health system does not offer it."));
      return;
    }
  if (!care_sync_engine_grants (self, type, 'r'))
    {
      add_skipped (run, type, CARE_TYPE_STATUS_NOT_SHARED, _("Not shared with Carebook when you signed in."));
      return;
    }
  /* Asking anyway earns a 400 on every sync and "failed" for ever. */
  if (!g_str_equal (type, "Patient") &&
      (patient_param = choose_patient_param (capability, type)) == NULL)
    {
      add_skipped (run, type, CARE_TYPE_STATUS_UNSUPPORTED,
                   _("This health system offers no way to find it for one person."));
      return;
    }

  type_run = g_new0 (TypeRun, 1);
  type_run->run = run;
  type_run->type = g_strdup (type);
  type_run->added = g_ptr_array_new_with_free_func (g_free);
  type_run->updated = g_ptr_array_new_with_free_func (g_free);
  {
    g_autoptr(CareTypeState) before = care_cache_dup_type_state (self->cache, type);

    /* Never synced here: all it finds is "added", and none of it news. */
    type_run->first = before->last_synced == 0;
  }
  g_ptr_array_add (run->type_runs, type_run);
  escaped_patient = g_uri_escape_string (self->patient_id, NULL, FALSE);

  if (g_str_equal (type, "Patient"))
    {
      /* Read by id, never searched with patient= (FHIR-CLIENT.md 14). */
      g_autofree char *path = g_strdup_printf ("Patient/%s", escaped_patient);

      type_run->full = TRUE;
      care_sync_search_start (type_run, path, NULL, NULL);
      return;
    }

  type_run->full = full_pass_due (run, type) ||
                   !care_sync_engine_capability_lists (capability, "searchParam", "name", "_lastUpdated");
  if (!type_run->full)
    {
      state = care_cache_dup_type_state (self->cache, type);
      since = g_uri_escape_string (state->since, NULL, FALSE);
    }

  if (g_str_equal (patient_param, "patient"))
    base = g_strdup_printf ("%s?patient=%s&_count=" PAGE_SIZE, type, escaped_patient);
  else
    base = g_strdup_printf ("%s?subject=Patient/%s&_count=" PAGE_SIZE, type, escaped_patient);
  if (since != NULL)
    {
      char *with_since = g_strdup_printf ("%s&_lastUpdated=ge%s", base, since);

      g_free (base);
      base = with_since;
    }
  /* Newest first where the server says it sorts and the type has a date,
   * so the views fill from the top while a long first sync runs. By the
   * clinical date, not -_lastUpdated: a resource updated while its search
   * pages would move ahead of the pages already read, and a full pass
   * would then sweep it away. A server that refuses it is asked again
   * without (care-sync-search.c). */
  if (care_sync_engine_capability_lists (capability, "searchParam", "name", "_sort") &&
      care_sync_engine_capability_lists (capability, "searchParam", "name", "date"))
    {
      char *sorted = g_strconcat (base, SORT_NEWEST, NULL);

      g_free (base);
      base = sorted;
    }

  /* US Core defines these parameters for these types whether or not the
   * metadata lists them (many servers list none). */
  {
    g_autofree char *categories = care_features_dup_categories (type);

    if (categories != NULL)
      {
        split_param = "category";
        /* A handful of fixed lists: interned, they outlive the search. */
        split_values = g_intern_string (categories);
      }
  }
  if (g_str_equal (type, "MedicationRequest"))
    {
      split_param = "intent";
      split_values = medication_intents;
    }

  /* Plain first: a category search can only find resources whose category
   * it names, and portals use local categories too. Servers that insist
   * answer 400, and then the search is split (see page_cb). */
  care_sync_search_start (type_run, base, split_param, split_values);
}

static void
add_skipped (SyncRun        *run,
             const char     *type,
             CareTypeStatus  status,
             const char     *message)
{
  CareSyncReportEntry *entry = g_new0 (CareSyncReportEntry, 1);

  entry->type = g_strdup (type);
  entry->status = status;
  entry->message = g_strdup (message);
  g_hash_table_replace (run->skipped, entry->type, entry);
}

static void
reference_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CareFhirPage) page = care_portal_client_fetch_page_finish (CARE_PORTAL_CLIENT (source), result,
                                                                       NULL, NULL, &error);
  guint changed = 0;

  /* 403, 404 and the like: the reference keeps its display; nothing fails. */
  if (page != NULL &&
      care_cache_store_page (run->self->cache, page->records, CARE_CACHE_ORIGIN_REFERENCE, 0, &changed, NULL))
    run->n_reference_changes += changed;
  else if (error != NULL)
    g_debug ("A referenced resource could not be fetched: %s", error->message);

  run->outstanding--;
  care_sync_run_maybe_finish (task);
  g_object_unref (task);
}

static void
fetch_references (GTask *task)
{
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, run->references);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_auto(GStrv) parts = g_strsplit (key, "/", 2);

      if (g_hash_table_contains (run->fetched, key))
        continue;
      /* Fetched once: on a full pass again, otherwise only when missing. */
      if ((run->flags & CARE_SYNC_FULL) == 0 && care_cache_contains (run->self->cache, parts[0], parts[1]))
        continue;
      g_ptr_array_add (wanted, g_strdup (key));
    }
  g_hash_table_remove_all (run->references);

  for (guint i = 0; i < wanted->len; i++)
    {
      const char *reference = g_ptr_array_index (wanted, i);

      g_hash_table_add (run->fetched, g_strdup (reference));
      run->outstanding++;
      care_portal_client_fetch_page_async (run->self->client, reference, run->cancellable, reference_cb,
                                           g_object_ref (task));
    }
}

static char *
dup_since (SyncRun *run)
{
  g_autoptr(GDateTime) server_time = NULL;
  g_autoptr(GDateTime) since = NULL;

  if (run->server_date != NULL)
    server_time = soup_date_time_new_from_http_string (run->server_date);
  if (server_time == NULL)
    server_time = g_date_time_new_now_utc ();
  since = g_date_time_add_seconds (server_time, -SINCE_MARGIN_SECONDS);
  return g_date_time_format (since, "%Y-%m-%dT%H:%M:%SZ");
}

static CareSyncReport *
record_results (SyncRun *run)
{
  CareSyncEngine *self = run->self;
  CareSyncReport *report = g_new0 (CareSyncReport, 1);
  g_autofree char *since = dup_since (run);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GHashTableIter iter;
  gpointer value;

  report->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)report_entry_free);

  for (guint i = 0; i < run->type_runs->len; i++)
    {
      TypeRun *type_run = g_ptr_array_index (run->type_runs, i);
      g_autoptr(CareTypeState) state = care_cache_dup_type_state (self->cache, type_run->type);
      CareSyncReportEntry *entry = g_new0 (CareSyncReportEntry, 1);
      g_autoptr(GError) error = NULL;

      entry->type = g_strdup (type_run->type);
      entry->n_changed = type_run->n_changed;
      entry->first = type_run->first;
      entry->added = g_steal_pointer (&type_run->added);
      entry->updated = g_steal_pointer (&type_run->updated);
      if (type_run->error == NULL && type_run->n_foreign > 0)
        type_run->error = g_error_new (CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_BAD_RESPONSE,
                                       g_dngettext (GETTEXT_PACKAGE,
                                                    "The health system sent %u resource that does not "
                                                    "belong in this list; Carebook did not keep it.",
                                                    "The health system sent %u resources that do not "
                                                    "belong in this list; Carebook did not keep them.",
                                                    type_run->n_foreign),
                                       type_run->n_foreign);
      if (type_run->error != NULL)
        {
          /* Failed: what is cached stays, and so do the bounds. */
          state->status = CARE_TYPE_STATUS_FAILED;
          g_free (state->last_error);
          state->last_error = g_strdup (type_run->error->message);
          entry->status = CARE_TYPE_STATUS_FAILED;
          entry->message = g_strdup (type_run->error->message);
          report->n_failed++;
        }
      else
        {
          /* A search cut short by its budget saw only part of the list:
           * sweeping would delete the rest. Into a cache that was empty,
           * every resource of the type is one this pass stored (the sync
           * is the only writer of searched resources), so there is
           * nothing to sweep; asking would read every row of the type
           * (0.3 s for 110,000 Observations) just before the sync ends. */
          if (type_run->full && !type_run->truncated && !run->into_empty &&
              !care_cache_sweep (self->cache, type_run->type, run->pass, &type_run->n_removed, &error))
            g_debug ("Sweeping %s failed: %s", type_run->type, error->message);
          entry->n_removed = type_run->n_removed;
          state->status = type_run->outcome == CARE_FHIR_OUTCOME_WITHHELD ? CARE_TYPE_STATUS_WITHHELD
                        : type_run->outcome >= CARE_FHIR_OUTCOME_INCOMPLETE ? CARE_TYPE_STATUS_INCOMPLETE
                        : CARE_TYPE_STATUS_OK;
          g_free (state->message);
          state->message = g_strdup (type_run->outcome >= CARE_FHIR_OUTCOME_INCOMPLETE ? type_run->outcome_text : NULL);
          if (type_run->truncated && state->status != CARE_TYPE_STATUS_WITHHELD)
            {
              state->status = CARE_TYPE_STATUS_INCOMPLETE;
              g_free (state->message);
              state->message = g_strdup (_("The health system kept sending more pages than Carebook "
                                           "reads for one list, so this list may be incomplete."));
            }
          g_clear_pointer (&state->last_error, g_free);
          state->last_synced = now;
          if (type_run->full)
            state->last_full_pass = now;
          g_free (state->since);
          state->since = g_strdup (since);
          entry->status = state->status;
          entry->message = g_strdup (state->message);
        }
      report->n_changed += entry->n_changed + entry->n_removed;
      if (!care_cache_set_type_state (self->cache, state, &error))
        g_debug ("Could not record the sync state of %s: %s", type_run->type, error->message);
      g_ptr_array_add (report->entries, entry);
    }

  g_hash_table_iter_init (&iter, run->skipped);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CareSyncReportEntry *skipped = value;
      CareSyncReportEntry *entry = g_new0 (CareSyncReportEntry, 1);
      g_autoptr(CareTypeState) state = care_cache_dup_type_state (self->cache, skipped->type);

      entry->type = g_strdup (skipped->type);
      entry->status = skipped->status;
      entry->message = g_strdup (skipped->message);
      state->status = skipped->status;
      g_free (state->message);
      state->message = g_strdup (skipped->message);
      care_cache_set_type_state (self->cache, state, NULL);
      g_ptr_array_add (report->entries, entry);
    }

  return report;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const CareSyncReportEntry *left = *(CareSyncReportEntry **)a;
  const CareSyncReportEntry *right = *(CareSyncReportEntry **)b;

  return g_strcmp0 (left->type, right->type);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  /* Not fatal: without a load the pages are indexed as they are stored. */
  if (!care_cache_load_finish (CARE_CACHE (source), result, &done, &error))
    g_debug ("Could not defer or build the cache's indexes: %s", error->message);
  /* The views say "still indexing" from a load's start to its end; a load
   * a stopped sync left was finished before this one began. */
  if (!run->load_ended)
    {
      run->into_empty = done;
      care_sync_state_set_indexing (run->self->state, done);
    }
  else if (error == NULL)
    care_sync_state_set_indexing (run->self->state, FALSE);
  run->outstanding--;
  care_sync_run_maybe_finish (task);
  g_object_unref (task);
}

void
care_sync_run_maybe_finish (GTask *task)
{
  SyncRun *run = g_task_get_task_data (task);
  CareSyncEngine *self = run->self;
  g_autoptr(CareSyncReport) report = NULL;

  if (run->outstanding > 0)
    return;

  /* All searches are in: now what they refer to, once. */
  if (run->fatal == NULL && g_hash_table_size (run->references) > 0 &&
      !g_cancellable_is_cancelled (run->cancellable))
    {
      fetch_references (task);
      if (run->outstanding > 0)
        return;
    }

  /* Then, once, the answers the questionnaires name by URL. */
  if (run->fatal == NULL && !run->value_sets_asked && !g_cancellable_is_cancelled (run->cancellable))
    {
      run->value_sets_asked = TRUE;
      care_sync_value_sets_fetch (task);
      if (run->outstanding > 0)
        return;
    }

  /* A first sync into an empty cache built no index as it went: now, once,
   * after its last page, whether it succeeded or not (care-cache-index.c). */
  if (!run->load_ended)
    {
      run->load_ended = TRUE;
      run->outstanding++;
      care_cache_end_load_async (self->cache, load_cb, g_object_ref (task));
      return;
    }

  self->running = NULL;
  if (run->fatal != NULL || g_cancellable_is_cancelled (run->outer))
    {
      GError *error = run->fatal != NULL ? g_error_copy (run->fatal)
                                         : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                                _("The update was stopped."));

      /* Types that finished before the failure keep their pages; none is
       * swept or marked synced, so the next sync resumes cleanly. */
      care_sync_state_set_sign_in_needed (self->state,
                                          g_error_matches (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_EXPIRED) ||
                                          g_error_matches (error, CARE_PORTAL_ERROR,
                                                           CARE_PORTAL_ERROR_UNAUTHORIZED));
      care_sync_state_set_phase (self->state, CARE_SYNC_PHASE_FAILED);
      care_sync_state_set_message (self->state, error->message);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  report = record_results (run);
  g_ptr_array_sort (report->entries, compare_entries);
  report->n_changed += run->n_reference_changes;

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    care_sync_state_set_progress (self->state, 1.0);
    care_sync_state_set_sign_in_needed (self->state, FALSE);
    care_sync_state_set_last_synced (self->state, now);
    care_sync_state_set_online (self->state, TRUE);
    care_sync_state_set_phase (self->state, CARE_SYNC_PHASE_IDLE);
    if (report->n_failed > 0)
      care_sync_state_set_message (self->state,
                                   g_dngettext (GETTEXT_PACKAGE, "Some of the record could not be updated.",
                                                "Some of the record could not be updated.", report->n_failed));
    else
      care_sync_state_set_message (self->state, NULL);
  }

  care_sync_engine_emit_sync_finished (self, report);
  g_task_return_pointer (task, g_steal_pointer (&report), (GDestroyNotify)care_sync_report_free);
  g_object_unref (task);
}

static void
outer_cancelled_cb (GCancellable *outer,
                    GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

static void
metadata_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CarePortalResponse) response = care_portal_client_request_finish (CARE_PORTAL_CLIENT (source),
                                                                              result, &error);
  g_autoptr(JsonObject) statement = NULL;

  if (response != NULL && SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      gsize length;
      const char *data = g_bytes_get_data (response->body, &length);

      statement = data != NULL ? care_fhir_parse_resource (data, length, &error) : NULL;
    }
  else if (response != NULL && error == NULL)
    error = g_error_new (CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_BAD_RESPONSE,
                         _("The health system refused the request (%u)."), response->status);

  if (statement != NULL &&
      g_strcmp0 (care_fhir_get_string (statement, "resourceType"), "CapabilityStatement") != 0)
    {
      g_clear_pointer (&statement, json_object_unref);
      error = g_error_new_literal (CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_BAD_RESPONSE,
                                   _("The health system did not say what it offers."));
    }

  if (statement == NULL && error != NULL && error->domain == CARE_FHIR_ERROR && ++run->metadata_attempts < 5)
    {
      /* A garbled or cut CapabilityStatement: a transport accident; ask
       * again, as the client does for search pages. */
      care_portal_client_download_async (run->self->client, "metadata", NULL, CARE_HTTP_MAX_METADATA_BYTES,
                                         run->cancellable, metadata_cb, task);
      return;
    }

  if (statement == NULL)
    {
      run->outstanding--;
      if (run->fatal == NULL)
        run->fatal = g_steal_pointer (&error);
      if (g_error_matches (run->fatal, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE))
        care_sync_state_set_online (run->self->state, FALSE);
      care_sync_run_maybe_finish (task);
      g_object_unref (task);
      return;
    }

  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), statement);
    g_autofree char *json = json_to_string (node, FALSE);
    g_autoptr(GError) meta_error = NULL;

    run->server_date = g_strdup (response->date);
    if (!care_cache_set_meta (run->self->cache, "capability", json, &meta_error))
      g_debug ("Could not keep the CapabilityStatement: %s", meta_error->message);
    /* Where the record came from, for an export's absolute fullUrls. */
    g_clear_error (&meta_error);
    if (!care_cache_set_meta (run->self->cache, "fhir-base",
                              care_portal_client_get_fhir_base (run->self->client), &meta_error))
      g_debug ("Could not keep the FHIR base: %s", meta_error->message);
    care_sync_engine_load_capability (run->self);
  }

  run->pass = care_cache_begin_full_pass (run->self->cache, &error);
  run->outstanding--;
  if (run->pass == 0)
    {
      run->fatal = g_steal_pointer (&error);
      care_sync_run_maybe_finish (task);
      g_object_unref (task);
      return;
    }

  run->outstanding++;
  {
    g_auto(GStrv) types = care_features_dup_sync_types ();

    /* What Home draws first (the person, the next appointment, messages,
     * the newest results): their first pages are asked for before the
     * others', so Home fills while the rest of the record comes. */
    for (guint i = 0; home_first[i] != NULL; i++)
      if (g_strv_contains ((const char * const *)types, home_first[i]))
        plan_type (run, home_first[i]);
    for (guint i = 0; types[i] != NULL; i++)
      if (!g_strv_contains (home_first, types[i]))
        plan_type (run, types[i]);
  }
  run->outstanding--;
  care_sync_run_update_progress (run);
  care_sync_run_maybe_finish (task);
  g_object_unref (task);
}

/**
 * care_sync_engine_sync_async:
 * @self: an engine
 * @flags: how thorough
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Brings the cache up to date. If a sync is already running, this one
 * fails at once with %G_IO_ERROR_PENDING.
 */
void
care_sync_engine_sync_async (CareSyncEngine      *self,
                             CareSyncFlags        flags,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  SyncRun *run;

  g_return_if_fail (CARE_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_sync_engine_sync_async);
  if (self->running != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "%s", _("An update is already running."));
      g_object_unref (task);
      return;
    }

  run = g_new0 (SyncRun, 1);
  run->self = self;
  run->flags = flags;
  run->type_runs = g_ptr_array_new_with_free_func ((GDestroyNotify)type_run_free);
  run->skipped = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)report_entry_free);
  run->references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->fetched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      run->outer = g_object_ref (cancellable);
      run->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (outer_cancelled_cb),
                                                 run->cancellable, NULL);
    }
  g_task_set_task_data (task, run, (GDestroyNotify)sync_run_free);
  self->running = task;
  g_hash_table_remove_all (self->type_progress);

  care_sync_state_set_phase (self->state, CARE_SYNC_PHASE_SYNCING);
  care_sync_state_set_progress (self->state, 0);

  /* Before any page: a load a stopped sync left is finished, and a first
   * sync into an empty cache indexes at its end. */
  run->outstanding++;
  care_cache_begin_load_async (self->cache, load_cb, g_object_ref (task));
  run->outstanding++;
  care_portal_client_download_async (self->client, "metadata", NULL, CARE_HTTP_MAX_METADATA_BYTES,
                                     run->cancellable, metadata_cb, g_object_ref (task));
}

/**
 * care_sync_engine_sync_finish:
 * @self: an engine
 * @result: the result
 * @error: return location for a #GError: only a failure of the whole sync
 *   (offline, signed out, cancelled); per-type failures are in the report
 *
 * Returns: (transfer full) (nullable): the report
 */
CareSyncReport *
care_sync_engine_sync_finish (CareSyncEngine  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == care_sync_engine_sync_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
