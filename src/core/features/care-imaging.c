/* care-imaging.c — an ImagingStudy in words
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An ImagingStudy is the set of images behind an imaging report: its
 * modality (DICOM codes: "CT", "MR", "OP"…), series (one per body part
 * or view) and how many images each holds. A patient reads it as
 * "CT scan · 2 series, 180 images" under the report, and each series as
 * "Right eye: 2 images". Counts are only shown when the server sends
 * them (numberOfSeries/numberOfInstances, else the series listed).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-imaging.h"

#include "care-fhir.h"

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
