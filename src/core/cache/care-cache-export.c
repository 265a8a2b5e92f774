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

#include <string.h>

typedef struct
{
  GString *bundle;
  char    *base;
  guint    n;
} Export;

/* R4 wants a Bundle entry's fullUrl absolute: the server's URL of the
 * resource when the cache knows which server it came from, else a
 * urn:uuid made from the type and id (the same each time, as a name-based
 * UUID is), so an export of the same record names its entries alike. */
static char *
dup_full_url (Export     *export,
              const char *type,
              const char *id)
{
  g_autofree char *name = g_strdup_printf ("%s/%s", type, id);
  g_autoptr(GChecksum) sha = NULL;
  guint8 digest[20];
  gsize length = sizeof digest;

  if (export->base != NULL)
    return g_strdup_printf ("%s/%s", export->base, name);

  sha = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (sha, (const guchar *)"carebook-export:", -1);
  g_checksum_update (sha, (const guchar *)name, -1);
  g_checksum_get_digest (sha, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;   /* version 5 */
  digest[8] = (digest[8] & 0x3f) | 0x80;   /* RFC 4122 variant */
  return g_strdup_printf ("urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

static gboolean
append_entry (const char *type,
              const char *id,
              const char *json,
              gpointer    user_data)
{
  Export *export = user_data;
  g_autofree char *full_url = dup_full_url (export, type, id);
  g_autofree char *escaped = g_strescape (full_url, NULL);

  g_string_append_printf (export->bundle, "%s\n    {\"fullUrl\": \"%s\", \"resource\": %s}",
                          export->n > 0 ? "," : "", escaped, json);
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
  Export export = { NULL, NULL, 0 };
  g_autofree char *base = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (self), NULL);

  base = care_cache_dup_meta (self, "fhir-base");
  if (base != NULL && (g_str_has_prefix (base, "https://") || g_str_has_prefix (base, "http://")))
    {
      while (g_str_has_suffix (base, "/"))
        base[strlen (base) - 1] = '\0';
      export.base = base;
    }
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
