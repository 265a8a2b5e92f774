/* care-import-existing.c — the readings already on file, to skip
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reading is on file when the record (or the outbox) has an Observation
 * of the same kind, at the same second (the same day for steps), with the
 * same value to the kind's precision: an export imported twice adds
 * nothing. Keys are small strings in a hash set; the set grows with the
 * record, not with the file.
 */
#include "config.h"

#include <math.h>

#include "care-import-private.h"

struct _CareImportExisting
{
  GHashTable *keys;
};

/**
 * care_import_reading_dup_key:
 * @reading: a reading in its kind's unit
 *
 * What makes two readings the same one: the kind, the second (the day for
 * steps, which are a day's total) and the value to the kind's precision.
 *
 * Returns: (transfer full): a short key
 */
char *
care_import_reading_dup_key (const CareImportReading *reading)
{
  int decimals = care_import_kind_get_decimals (reading->kind);
  gint64 when = reading->kind == CARE_IMPORT_STEPS ? (reading->time + reading->utc_offset) / 86400 : reading->time;

  return g_strdup_printf ("%d:%" G_GINT64_FORMAT ":%.*f:%.*f", reading->kind, when,
                          decimals, care_import_round (reading->value, decimals),
                          decimals, care_import_round (reading->value2, decimals));
}

CareImportExisting *
care_import_existing_new (void)
{
  CareImportExisting *self = g_new0 (CareImportExisting, 1);

  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
care_import_existing_free (CareImportExisting *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->keys);
  g_free (self);
}

void
care_import_existing_add (CareImportExisting      *self,
                          const CareImportReading *reading)
{
  g_hash_table_add (self->keys, care_import_reading_dup_key (reading));
}

gboolean
care_import_existing_contains (CareImportExisting      *self,
                               const CareImportReading *reading)
{
  g_autofree char *key = care_import_reading_dup_key (reading);

  return g_hash_table_contains (self->keys, key);
}

static gboolean
code_to_kind (JsonObject     *concept,
              CareImportKind *out_kind)
{
  JsonArray *codings = concept != NULL && json_object_has_member (concept, "coding")
                       ? json_object_get_array_member (concept, "coding") : NULL;

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonObject *coding = json_array_get_object_element (codings, i);
      const char *code = coding != NULL ? json_object_get_string_member_with_default (coding, "code", NULL) : NULL;

      if (code != NULL && care_import_kind_from_loinc (code, out_kind))
        return TRUE;
    }
  return FALSE;
}

static gboolean
read_quantity (JsonObject     *holder,
               CareImportKind  kind,
               double         *out_value)
{
  JsonObject *quantity = json_object_has_member (holder, "valueQuantity")
                         ? json_object_get_object_member (holder, "valueQuantity") : NULL;
  JsonNode *value = quantity != NULL ? json_object_get_member (quantity, "value") : NULL;
  const char *unit;

  if (value == NULL || json_node_get_value_type (value) == G_TYPE_STRING || !JSON_NODE_HOLDS_VALUE (value))
    return FALSE;
  unit = json_object_get_string_member_with_default (quantity, "code", NULL);
  if (unit == NULL)
    unit = json_object_get_string_member_with_default (quantity, "unit", NULL);
  return care_import_normalise_value (kind, json_node_get_double (value), unit, out_value);
}

/**
 * care_import_existing_add_observation:
 * @self: what is on file
 * @observation: an Observation from the record or the outbox
 *
 * Adds the Observation when it is one of the kinds a file can hold.
 *
 * Returns: 1 when it was added, 0 otherwise
 */
guint
care_import_existing_add_observation (CareImportExisting *self,
                                      JsonObject         *observation)
{
  CareImportReading reading = { 0 };
  const char *when;
  JsonObject *code;

  code = json_object_has_member (observation, "code") ? json_object_get_object_member (observation, "code") : NULL;
  when = json_object_get_string_member_with_default (observation, "effectiveDateTime", NULL);
  if (when == NULL && json_object_has_member (observation, "effectivePeriod"))
    when = json_object_get_string_member_with_default (json_object_get_object_member (observation, "effectivePeriod"),
                                                       "start", NULL);
  if (!code_to_kind (code, &reading.kind) || !care_import_parse_time (when, &reading.time, &reading.utc_offset))
    return 0;

  if (reading.kind == CARE_IMPORT_BLOOD_PRESSURE)
    {
      JsonArray *components = json_object_has_member (observation, "component")
                              ? json_object_get_array_member (observation, "component") : NULL;

      for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
        {
          JsonObject *component = json_array_get_object_element (components, i);
          JsonObject *concept = component != NULL && json_object_has_member (component, "code")
                                ? json_object_get_object_member (component, "code") : NULL;
          JsonArray *codings = concept != NULL && json_object_has_member (concept, "coding")
                               ? json_object_get_array_member (concept, "coding") : NULL;
          JsonObject *coding = codings != NULL && json_array_get_length (codings) > 0
                               ? json_array_get_object_element (codings, 0) : NULL;
          const char *c = coding != NULL ? json_object_get_string_member_with_default (coding, "code", "") : "";

          if (g_str_equal (c, "8480-6"))
            read_quantity (component, reading.kind, &reading.value);
          else if (g_str_equal (c, "8462-4"))
            read_quantity (component, reading.kind, &reading.value2);
        }
      if (reading.value == 0 || reading.value2 == 0)
        return 0;
    }
  else if (!read_quantity (observation, reading.kind, &reading.value))
    return 0;
  care_import_existing_add (self, &reading);
  return 1;
}

