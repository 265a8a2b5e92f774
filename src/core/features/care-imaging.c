/* care-imaging.c — an ImagingStudy in words
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An ImagingStudy is the set of images behind an imaging report: its
 * modality (DICOM codes: "CT", "MR", "OP"…), series (one per body part
 * or view) and how many images each holds. A patient reads it as
 * "CT scan · 2 series, 180 images" under the report, and each series as
 * "Right eye: 2 images". Counts are only shown when the server sends
 * them (numberOfSeries/numberOfInstances, else the series listed).
 *
 * A study may reach the record before the radiologist's report (or with
 * none the portal shares): such a study is listed on its own, in Test
 * Results and in Visits & Documents, as "CT scan · 2 series, 142 images
 * · No report yet".
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-imaging.h"

#include "care-fhir.h"
#include "care-resource-item.h"

static const struct
{
  const char *code;
  const char *name;
} modalities[] = {
  { "CT", N_("CT scan") },
  { "MR", N_("MRI") },
  { "US", N_("Ultrasound") },
  { "CR", N_("X-ray") },
  { "DX", N_("X-ray") },
  { "RF", N_("Fluoroscopy") },
  { "MG", N_("Mammogram") },
  { "NM", N_("Nuclear medicine scan") },
  { "PT", N_("PET scan") },
  { "XA", N_("Angiogram") },
  { "OP", N_("Eye photography") },
  { "OPT", N_("Eye scan (OCT)") },
  { "ECG", N_("Heart tracing (ECG)") },
  { "ES", N_("Endoscopy") },
  { "BMD", N_("Bone density scan") },
};

/**
 * care_imaging_modality_name:
 * @code: (nullable): a DICOM modality code
 *
 * Returns: (nullable): the modality as a patient says it, translated
 */
const char *
care_imaging_modality_name (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (modalities); i++)
    if (g_ascii_strcasecmp (code, modalities[i].code) == 0)
      return _(modalities[i].name);
  return NULL;
}

/* Our name for a Coding's code, else its display. */
static char *
dup_coding_name (JsonObject *coding)
{
  const char *name = care_imaging_modality_name (care_fhir_get_string (coding, "code"));

  return g_strdup (name != NULL ? name : care_fhir_get_string (coding, "display"));
}

static gboolean
get_count (JsonObject *object,
           const char *member,
           guint      *out)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0 || json_node_get_int (node) > G_MAXINT)
    return FALSE;
  *out = (guint)json_node_get_int (node);
  return TRUE;
}

/**
 * care_imaging_dup_summary:
 * @study: an ImagingStudy
 *
 * Returns: (transfer full) (nullable): "Eye photography · 2 series, 4 images"
 */
char *
care_imaging_dup_summary (JsonObject *study)
{
  JsonArray *modality = care_fhir_get_array (study, "modality");
  JsonArray *series = care_fhir_get_array (study, "series");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_series = 0, n_images = 0;
  gboolean has_series, has_images;

  for (guint i = 0; modality != NULL && i < json_array_get_length (modality); i++)
    {
      char *name = dup_coding_name (care_fhir_get_array_object (study, "modality", i));

      if (name != NULL && !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, name);
      else
        g_free (name);
    }
  /* R4 puts the modality on each series; the study's list is optional. */
  for (guint i = 0; names->len == 0 && series != NULL && i < json_array_get_length (series); i++)
    {
      char *name = dup_coding_name (care_fhir_get_object (care_fhir_get_array_object (study, "series", i),
                                                          "modality"));

      if (name != NULL && !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, name);
      else
        g_free (name);
    }
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", (char *)g_ptr_array_index (names, i));

  has_series = get_count (study, "numberOfSeries", &n_series);
  if (!has_series && series != NULL)
    has_series = TRUE, n_series = json_array_get_length (series);
  has_images = get_count (study, "numberOfInstances", &n_images);
  if (!has_images)
    for (guint i = 0; series != NULL && i < json_array_get_length (series); i++)
      {
        guint n;

        if (get_count (care_fhir_get_array_object (study, "series", i), "numberOfInstances", &n))
          has_images = TRUE, n_images += n;
      }

  if (has_series && n_series > 0)
    {
      g_string_append (text, text->len > 0 ? " · " : "");
      /* Translators: how many series of images an imaging study has */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u series", "%u series", n_series), n_series);
    }
  if (has_images && n_images > 0)
    {
      g_string_append (text, text->len > 0 ? (has_series && n_series > 0 ? ", " : " · ") : "");
      /* Translators: how many images an imaging study has */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u image", "%u images", n_images), n_images);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/**
 * care_imaging_dup_series:
 * @study: an ImagingStudy
 *
 * Returns: (transfer full) (element-type utf8): a line per series,
 *   "Right eye: 2 images", in the study's order
 */
GPtrArray *
care_imaging_dup_series (JsonObject *study)
{
  JsonArray *series = care_fhir_get_array (study, "series");
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; series != NULL && i < json_array_get_length (series); i++)
    {
      JsonObject *one = care_fhir_get_array_object (study, "series", i);
      g_autofree char *what = g_strdup (care_fhir_get_string (one, "description"));
      guint n = 0;

      if (what == NULL)
        what = g_strdup (care_fhir_get_string (care_fhir_get_object (one, "bodySite"), "display"));
      if (what == NULL)
        what = dup_coding_name (care_fhir_get_object (one, "modality"));
      if (what == NULL)
        continue;
      if (get_count (one, "numberOfInstances", &n))
        /* Translators: a series of images and how many it has: "Right eye: 2 images" */
        g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u image", "%s: %u images", n),
                                                 what, n));
      else
        g_ptr_array_add (lines, g_steal_pointer (&what));
    }
  return lines;
}

/**
 * care_imaging_dup_title:
 * @study: an ImagingStudy
 *
 * Returns: (transfer full): what the study was, as a title: the
 *   procedure's words ("CT of the chest"), else the description, else the
 *   modality ("CT scan"), else "Imaging study"
 */
char *
care_imaging_dup_title (JsonObject *study)
{
  JsonArray *procedures = care_fhir_get_array (study, "procedureCode");
  JsonArray *modality = care_fhir_get_array (study, "modality");
  JsonArray *series = care_fhir_get_array (study, "series");
  char *title = NULL;

  for (guint i = 0; title == NULL && procedures != NULL && i < json_array_get_length (procedures); i++)
    title = care_fhir_dup_concept_text (care_fhir_get_array_object (study, "procedureCode", i));
  if (title == NULL)
    title = g_strdup (care_fhir_get_string (study, "description"));
  if (title == NULL && modality != NULL && json_array_get_length (modality) > 0)
    title = dup_coding_name (care_fhir_get_array_object (study, "modality", 0));
  if (title == NULL && series != NULL && json_array_get_length (series) > 0)
    title = dup_coding_name (care_fhir_get_object (care_fhir_get_array_object (study, "series", 0), "modality"));
  return title != NULL ? title : g_strdup (_("Imaging study"));
}

/**
 * care_imaging_dup_unreported_text:
 * @study: an ImagingStudy no report reads
 *
 * Returns: (transfer full): "CT scan · 2 series, 142 images · No report yet"
 */
char *
care_imaging_dup_unreported_text (JsonObject *study)
{
  g_autofree char *summary = care_imaging_dup_summary (study);

  if (summary == NULL)
    return g_strdup (_("No report yet"));
  /* Translators: an imaging study in words, then that its report has not come */
  return g_strdup_printf (_("%s · No report yet"), summary);
}

/**
 * care_imaging_collect_reported:
 * @report: a DiagnosticReport
 * @study_ids: a set of strings, owned by the set (g_free)
 *
 * Adds the ids of the ImagingStudies @report reads (its imagingStudy).
 */
void
care_imaging_collect_reported (JsonObject *report,
                               GHashTable *study_ids)
{
  JsonArray *studies = care_fhir_get_array (report, "imagingStudy");

  for (guint i = 0; studies != NULL && i < json_array_get_length (studies); i++)
    {
      CareFhirReference reference = { 0 };

      if (care_fhir_read_reference (care_fhir_get_array_object (report, "imagingStudy", i), &reference) &&
          g_strcmp0 (reference.type, "ImagingStudy") == 0 && reference.id != NULL)
        g_hash_table_add (study_ids, g_strdup (reference.id));
      care_fhir_reference_clear (&reference);
    }
}

static JsonObject *
dup_item_resource (GListModel *model,
                   guint       position)
{
  g_autoptr(CareResourceItem) item = g_list_model_get_item (model, position);

  return item != NULL ? care_resource_item_dup_resource (item, NULL) : NULL;
}

/**
 * care_imaging_filter_unreported:
 * @studies: (nullable): cached ImagingStudies (#CareResourceItem)
 * @reports: (nullable): cached DiagnosticReports (#CareResourceItem)
 *
 * The reports are only read when there is a study to look for.
 *
 * Returns: (transfer full) (element-type JsonObject): the studies no
 *   report reads, in @studies' order
 */
GPtrArray *
care_imaging_filter_unreported (GListModel *studies,
                                GListModel *reports)
{
  GPtrArray *unreported = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  g_autoptr(GHashTable) reported = NULL;
  guint n_studies = studies != NULL ? g_list_model_get_n_items (studies) : 0;

  if (n_studies == 0)
    return unreported;

  reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; reports != NULL && i < g_list_model_get_n_items (reports); i++)
    {
      g_autoptr(JsonObject) report = dup_item_resource (reports, i);

      if (report != NULL)
        care_imaging_collect_reported (report, reported);
    }
  for (guint i = 0; i < n_studies; i++)
    {
      g_autoptr(JsonObject) study = dup_item_resource (studies, i);
      const char *id = care_fhir_get_string (study, "id");

      if (study != NULL && (id == NULL || !g_hash_table_contains (reported, id)))
        g_ptr_array_add (unreported, g_steal_pointer (&study));
    }
  return unreported;
}
