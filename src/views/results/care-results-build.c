/* care-results-build.c — the rows of the results list, built a batch at a time
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows come from three paged lists over the cache's columns: the
 * Observations first (only their columns: they are many), then the
 * reports (their JSON, for the Observations they group), then the
 * Observations no report groups; reports that are clinical notes
 * (care-note-report.c) are left to Visits & Documents. ImagingStudies
 * no report reads yet are rows of their own, "No report yet".
 * care_results_build_step() does a bounded
 * amount of that work, so the view can spread thousands of rows over idle
 * callbacks and the window stays responsive while a long record loads.
 */
#include "config.h"

#include "care-fhir.h"
#include "care-imaging.h"
#include "care-note-report.h"
#include "care-result-entry.h"
#include "care-results-build.h"

/* A report costs a JSON parse; an Observation only a row of columns. */
#define REPORT_COST 8

struct _CareResultsBuild
{
  CareCache  *cache;
  GListModel *reports;
  GListModel *studies;
  GHashTable *reported_studies;
  GPtrArray  *observation_lists;
  GHashTable *observations;
  GHashTable *grouped;
  GPtrArray  *entries;
  guint       list;
  guint       position;
  gboolean    done;
};

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  CareResultEntry *entry_a = *(CareResultEntry **)a;
  CareResultEntry *entry_b = *(CareResultEntry **)b;
  GDateTime *date_a = care_result_entry_get_date (entry_a);
  GDateTime *date_b = care_result_entry_get_date (entry_b);
  int order;

  /* Newest first, undated last; on the same instant, reports first, then
   * by name, so the order never depends on the queries' interleaving. */
  if (date_a == NULL || date_b == NULL)
    order = (date_a == NULL) - (date_b == NULL);
  else
    order = g_date_time_compare (date_b, date_a);
  if (order == 0)
    order = care_result_entry_is_report (entry_b) - care_result_entry_is_report (entry_a);
  if (order == 0)
    order = g_utf8_collate (care_result_entry_get_name (entry_a), care_result_entry_get_name (entry_b));
  return order;
}

/* A report's conclusion is what an imaging row shows in place of a value. */
static char *
dup_summary (JsonObject *report)
{
  char *text = g_strdup (care_fhir_get_string (report, "conclusion"));

  return text != NULL ? g_strdelimit (text, "\r\n", ' ') : NULL;
}

static CareResultEntry *
make_report_entry (CareResourceItem *item,
                   GHashTable       *observations,
                   GHashTable       *grouped,
                   GHashTable       *reported_studies)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) report = care_resource_item_dup_resource (item, &error);
  g_autoptr(GPtrArray) components = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *summary = NULL;
  JsonArray *results;
  guint n_results = 0;

  if (report == NULL)
    g_debug ("Cannot read a cached report: %s", error->message);
  /* Even a note may read images: they are not "without a report". */
  care_imaging_collect_reported (report, reported_studies);
  /* A clinical note is listed with the documents, not here. */
  if (care_note_report_is_note (report))
    return NULL;

  results = care_fhir_get_array (report, "result");
  for (guint i = 0; results != NULL && i < json_array_get_length (results); i++)
    {
      CareFhirReference reference = { 0 };
      CareResourceItem *part;

      if (!care_fhir_read_reference (care_fhir_get_array_object (report, "result", i), &reference))
        {
          care_fhir_reference_clear (&reference);
          continue;
        }
      n_results++;
      if (g_strcmp0 (reference.type, "Observation") == 0 && reference.id != NULL)
        {
          part = g_hash_table_lookup (observations, reference.id);
          if (part != NULL)
            g_ptr_array_add (components, g_object_ref (part));
          g_hash_table_add (grouped, g_strdup (reference.id));
        }
      care_fhir_reference_clear (&reference);
    }

  summary = dup_summary (report);
  return care_result_entry_new (item, components, n_results, summary);
}

static void
mark_new (CareResultEntry *entry,
          CareCache       *cache)
{
  g_autofree char *key = care_result_entry_dup_opened_key (entry);
  g_autofree char *opened = care_cache_dup_meta (cache, key);

  care_result_entry_set_new (entry, opened == NULL);
}

/**
 * care_results_build_new:
 * @cache: (nullable): the cache, for the "opened" marks
 * @reports: (nullable): DiagnosticReports, newest first
 * @observations: (array length=n_observations): lists of Observations
 * @n_observations: how many lists
 *
 * Returns: (transfer full): a build, not started
 */
CareResultsBuild *
care_results_build_new (CareCache   *cache,
                        GListModel  *reports,
                        GListModel **observations,
                        guint        n_observations)
{
  CareResultsBuild *self = g_new0 (CareResultsBuild, 1);

  self->cache = cache != NULL ? g_object_ref (cache) : NULL;
  self->reports = reports != NULL ? g_object_ref (reports) : NULL;
  self->observation_lists = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_observations; i++)
    if (observations[i] != NULL)
      g_ptr_array_add (self->observation_lists, g_object_ref (observations[i]));
  self->observations = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->grouped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->reported_studies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  return self;
}

void
care_results_build_free (CareResultsBuild *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->cache);
  g_clear_object (&self->reports);
  g_clear_object (&self->studies);
  g_clear_pointer (&self->reported_studies, g_hash_table_unref);
  g_clear_pointer (&self->observation_lists, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->grouped, g_hash_table_unref);
  g_clear_pointer (&self->observations, g_hash_table_unref);
  g_free (self);
}

/**
 * care_results_build_set_studies:
 * @self: a build, not started
 * @studies: (nullable): the cached ImagingStudies
 *
 * Those no report reads become rows of their own.
 */
void
care_results_build_set_studies (CareResultsBuild *self,
                                GListModel       *studies)
{
  g_return_if_fail (self != NULL);
  g_set_object (&self->studies, studies);
}

/* A row for each study no report reads; there are few, so their JSON is
 * read here. */
static void
add_unreported_studies (CareResultsBuild *self)
{
  for (guint i = 0; self->studies != NULL && i < g_list_model_get_n_items (self->studies); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (self->studies, i);
      g_autoptr(JsonObject) study = NULL;
      g_autofree char *title = NULL;
      g_autofree char *text = NULL;

      if (item == NULL || care_resource_item_get_id (item) == NULL ||
          g_hash_table_contains (self->reported_studies, care_resource_item_get_id (item)))
        continue;
      study = care_resource_item_dup_resource (item, NULL);
      if (study == NULL)
        continue;
      title = care_imaging_dup_title (study);
      text = care_imaging_dup_unreported_text (study);
      g_ptr_array_add (self->entries, care_result_entry_new_study (item, title, text));
    }
}

/* Takes @item into the table of Observations, once per id. */
static void
add_observation (CareResultsBuild *self,
                 CareResourceItem *item)
{
  const char *id = care_resource_item_get_id (item);

  if (id == NULL || g_hash_table_contains (self->observations, id))
    g_object_unref (item);
  else
    g_hash_table_insert (self->observations, (gpointer)id, item);
}

/**
 * care_results_build_step:
 * @self: a build
 * @budget: how much to do, in Observations read
 *
 * Returns: %TRUE once everything is read
 */
gboolean
care_results_build_step (CareResultsBuild *self,
                         guint             budget)
{
  guint spent = 0;

  g_return_val_if_fail (self != NULL, TRUE);

  /* The Observations' columns, paged in from the lists; no JSON. */
  while (self->list < self->observation_lists->len && spent < budget)
    {
      GListModel *list = g_ptr_array_index (self->observation_lists, self->list);

      if (self->position >= g_list_model_get_n_items (list))
        {
          self->list++;
          self->position = 0;
          continue;
        }
      {
        CareResourceItem *item = g_list_model_get_item (list, self->position++);

        if (item != NULL)
          add_observation (self, item);
        spent++;
      }
    }

  /* Then the reports, which say which Observations they group. */
  while (self->list == self->observation_lists->len && self->reports != NULL &&
         self->position < g_list_model_get_n_items (self->reports) && spent < budget)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (self->reports, self->position++);

      CareResultEntry *entry = item != NULL ? make_report_entry (item, self->observations, self->grouped,
                                                                   self->reported_studies) : NULL;

      if (entry != NULL)
        g_ptr_array_add (self->entries, entry);
      spent += REPORT_COST;
    }

  self->done = self->list == self->observation_lists->len &&
               (self->reports == NULL || self->position >= g_list_model_get_n_items (self->reports));
  return self->done;
}

/**
 * care_results_build_finish:
 * @self: a build whose steps are done
 *
 * Returns: (transfer full) (element-type CareResultEntry): the rows,
 *   newest first, each knowing whether it is new
 */
GPtrArray *
care_results_build_finish (CareResultsBuild *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (self != NULL, NULL);

  while (!self->done)
    care_results_build_step (self, G_MAXUINT);

  g_hash_table_iter_init (&iter, self->observations);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!g_hash_table_contains (self->grouped, care_resource_item_get_id (value)))
      g_ptr_array_add (self->entries, care_result_entry_new (value, NULL, 0, NULL));
  add_unreported_studies (self);

  g_ptr_array_sort (self->entries, compare_entries);
  for (guint i = 0; self->cache != NULL && i < self->entries->len; i++)
    mark_new (g_ptr_array_index (self->entries, i), self->cache);

  return g_steal_pointer (&self->entries);
}
