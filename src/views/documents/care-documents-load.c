/* care-documents-load.c — what Visits & Documents reads from the cache
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The visits, documents and eye prescriptions, the imaging studies and
 * every report (to tell the studies no report reads), and the
 * DiagnosticReports that may be notes (one query per note code or
 * category, care-note-report.c), all asked of the cache at once, newest
 * first; the view builds its groups from the answer.
 */
#include "config.h"

#include "care-documents-load.h"
#include "care-fhir.h"
#include "care-imaging.h"
#include "care-note-report.h"
#include "care-resource-item.h"

static const char *load_types[] = { "Encounter", "DocumentReference", "VisionPrescription", NULL };

/* The queries' slots: load_types', then these, then the notes'. */
#define STUDIES_SLOT 3
#define REPORTS_SLOT 4
#define FIRST_NOTES_SLOT 5
G_STATIC_ASSERT (G_N_ELEMENTS (load_types) - 1 == STUDIES_SLOT);

typedef struct
{
  CareRecord *record;
  GListModel *models[3];
  /* The ImagingStudies, and every report, to tell which none reads. */
  GListModel *studies;
  GListModel *reports;
  /* DiagnosticReports that may be notes: one query per note code or category. */
  GListModel *notes[16];
  guint       n_notes;
  guint       pending;
  GError     *error;
} Load;

typedef struct
{
  GTask *task;
  guint  index;
} Slot;

static void
load_free (Load *load)
{
  for (guint i = 0; i < G_N_ELEMENTS (load->models); i++)
    g_clear_object (&load->models[i]);
  for (guint i = 0; i < G_N_ELEMENTS (load->notes); i++)
    g_clear_object (&load->notes[i]);
  g_clear_object (&load->studies);
  g_clear_object (&load->reports);
  g_clear_object (&load->record);
  g_clear_error (&load->error);
  g_free (load);
}

/**
 * care_documents_data_free:
 * @data: (nullable): what a load read
 */
void
care_documents_data_free (CareDocumentsData *data)
{
  if (data == NULL)
    return;
  g_clear_object (&data->record);
  g_clear_pointer (&data->encounters, g_ptr_array_unref);
  g_clear_pointer (&data->documents, g_ptr_array_unref);
  g_clear_pointer (&data->prescriptions, g_ptr_array_unref);
  g_clear_pointer (&data->studies, g_ptr_array_unref);
  g_free (data);
}

/**
 * care_documents_load_types:
 *
 * Returns: the types the view lists, for its empty and withheld states
 */
const char * const *
care_documents_load_types (void)
{
  return load_types;
}

static JsonObject *
dup_resource (GListModel *model,
              guint       position)
{
  g_autoptr(CareResourceItem) item = g_list_model_get_item (model, position);

  return item != NULL ? care_resource_item_dup_resource (item, NULL) : NULL;
}

static GPtrArray *
dup_resources (GListModel *model)
{
  GPtrArray *resources = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      JsonObject *resource = dup_resource (model, i);

      if (resource != NULL)
        g_ptr_array_add (resources, resource);
    }
  return resources;
}

/* The date the cache sorts a DocumentReference by. */
static GDateTime *
dup_document_date (JsonObject *document)
{
  const char *date = care_fhir_get_string (document, "date");

  if (date == NULL)
    date = care_fhir_get_string (care_fhir_get_object (care_fhir_get_object (document, "context"), "period"),
                                 "start");
  return care_fhir_dup_date_time (date);
}

static int
compare_documents (gconstpointer a,
                   gconstpointer b)
{
  g_autoptr(GDateTime) date_a = dup_document_date (*(JsonObject **)a);
  g_autoptr(GDateTime) date_b = dup_document_date (*(JsonObject **)b);

  /* Newest first, undated last. */
  if (date_a == NULL || date_b == NULL)
    return (date_a == NULL) - (date_b == NULL);
  return g_date_time_compare (date_b, date_a);
}

/* The DocumentReferences, and the note DiagnosticReports as documents
 * (each once, whichever queries found it), newest first. */
static GPtrArray *
collect_documents (Load *load)
{
  GPtrArray *documents = dup_resources (load->models[1]);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean added_notes = FALSE;

  for (guint n = 0; n < load->n_notes; n++)
    for (guint i = 0; load->notes[n] != NULL && i < g_list_model_get_n_items (load->notes[n]); i++)
      {
        g_autoptr(JsonObject) report = dup_resource (load->notes[n], i);
        const char *id = care_fhir_get_string (report, "id");

        if (report == NULL || id == NULL || !care_note_report_is_note (report) ||
            !g_hash_table_add (seen, g_strdup (id)))
          continue;
        g_ptr_array_add (documents, care_note_report_dup_document (report));
        added_notes = TRUE;
      }
  if (added_notes)
    g_ptr_array_sort (documents, compare_documents);
  return documents;
}

static void
queried_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Slot *slot = user_data;
  g_autoptr(GTask) task = slot->task;
  Load *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GListModel **model = slot->index < G_N_ELEMENTS (load->models) ? &load->models[slot->index]
                        : slot->index == STUDIES_SLOT ? &load->studies
                        : slot->index == REPORTS_SLOT ? &load->reports
                        : &load->notes[slot->index - FIRST_NOTES_SLOT];
  CareDocumentsData *data;

  *model = care_cache_query_finish (CARE_CACHE (source), result, &error);
  if (*model == NULL && load->error == NULL)
    load->error = g_steal_pointer (&error);
  g_free (slot);

  if (--load->pending > 0)
    return;
  if (load->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&load->error));
      return;
    }
  data = g_new0 (CareDocumentsData, 1);
  data->record = g_object_ref (load->record);
  data->encounters = dup_resources (load->models[0]);
  data->documents = collect_documents (load);
  data->prescriptions = dup_resources (load->models[2]);
  data->studies = care_imaging_filter_unreported (load->studies, load->reports);
  g_task_return_pointer (task, data, (GDestroyNotify)care_documents_data_free);
}

/**
 * care_documents_load_async:
 * @record: a record with a cache
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every query has answered
 * @user_data: for @callback
 *
 * Reads what Visits & Documents lists.
 */
void
care_documents_load_async (CareRecord          *record,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  CareCache *cache;
  GTask *task;
  Load *load;
  guint n_codes = g_strv_length ((char **)care_note_report_codes ());

  g_return_if_fail (CARE_IS_RECORD (record));
  cache = care_record_get_cache (record);
  g_return_if_fail (cache != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_documents_load_async);
  load = g_new0 (Load, 1);
  load->record = g_object_ref (record);
  for (const char * const *code = care_note_report_codes (); *code != NULL; code++)
    load->n_notes++;
  for (const char * const *category = care_note_report_categories (); *category != NULL; category++)
    load->n_notes++;
  g_assert (load->n_notes <= G_N_ELEMENTS (load->notes));
  load->pending = FIRST_NOTES_SLOT + load->n_notes;
  g_task_set_task_data (task, load, (GDestroyNotify)load_free);

  for (guint i = 0; i < FIRST_NOTES_SLOT + load->n_notes; i++)
    {
      g_autoptr(CareCacheQuery) query = NULL;
      Slot *slot = g_new0 (Slot, 1);

      if (i < G_N_ELEMENTS (load->models))
        query = care_cache_query_new (load_types[i]);
      else if (i == STUDIES_SLOT)
        query = care_cache_query_new ("ImagingStudy");
      else if (i == REPORTS_SLOT)
        query = care_cache_query_new ("DiagnosticReport");
      else
        {
          guint n = i - FIRST_NOTES_SLOT;

          /* Notes sent as DiagnosticReports, by their code or category. */
          query = care_cache_query_new ("DiagnosticReport");
          if (n < n_codes)
            care_cache_query_set_code (query, NULL, care_note_report_codes ()[n]);
          else
            care_cache_query_set_category (query, care_note_report_categories ()[n - n_codes]);
        }
      slot->task = g_object_ref (task);
      slot->index = i;
      care_cache_query_set_sort (query, CARE_CACHE_SORT_NEWEST);
      care_cache_query_async (cache, query, cancellable, queried_cb, slot);
    }
  g_object_unref (task);
}

/**
 * care_documents_load_finish:
 * @result: the result
 * @error: return location for an error (%G_IO_ERROR_CANCELLED when the
 *   load was cancelled)
 *
 * Returns: (transfer full) (nullable): what was read
 */
CareDocumentsData *
care_documents_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == care_documents_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
