/* care-cache-export.c — the whole cached record as one FHIR Bundle
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by `carebook-cli export` and the app's "Export as FHIR Bundle":
 * a collection Bundle of every stored resource, joined as text from the
 * JSON the cache keeps whole (already compact FHIR), so nothing is lost
 * and no big object tree is built.
 */
#include "config.h"

#include "care-cache-private.h"

typedef struct
{
  GString *bundle;
  guint    n;
} Export;

static gboolean
append_entry (const char *type,
              const char *id,
              const char *json,
              gpointer    user_data)
{
  Export *export = user_data;

  g_string_append_printf (export->bundle, "%s\n    {\"fullUrl\": \"%s/%s\", \"resource\": %s}",
                          export->n > 0 ? "," : "", type, id, json);
  export->n++;
  return TRUE;
}

/**
 * care_cache_dup_bundle:
 * @self: a cache
 * @out_n_resources: (out) (optional): how many resources it holds
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Returns: (transfer full) (nullable): the record as a FHIR collection
 *   Bundle, as JSON text
 */
char *
care_cache_dup_bundle (CareCache  *self,
                       guint      *out_n_resources,
                       GError    **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  Export export = { NULL, 0 };

  g_return_val_if_fail (CARE_IS_CACHE (self), NULL);

  export.bundle = g_string_new (NULL);
  g_string_append_printf (export.bundle, "{\n  \"resourceType\": \"Bundle\",\n  \"type\": \"collection\",\n"
                                         "  \"timestamp\": \"%s\",\n  \"entry\": [", stamp);
  if (!care_cache_foreach_json (self, append_entry, &export, error))
    {
      g_string_free (export.bundle, TRUE);
      return NULL;
    }
  g_string_append (export.bundle, "\n  ]\n}\n");

  if (out_n_resources != NULL)
    *out_n_resources = export.n;
  return g_string_free (export.bundle, FALSE);
}
