/* care-directory-bundle.c — reading a User-access Brands file
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SMART App Launch "User-access Brands" Bundle: Organization brands
 * (name, other names, place, logo, portal) pointing to Endpoints (FHIR
 * bases). An Endpoint's managingOrganization may be a vendor programme
 * whose Carebook extension holds the client id and the redirect its
 * portals want; an Endpoint may say so for itself. The shipped file is
 * gzip'd. Huge, deeply nested or damaged files are refused with a message;
 * anything else odd in a file costs only the entries it spoils.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "care-directory-private.h"
#include "care-error.h"
#include "care-fhir.h"
#include "care-fhir-json.h"
#include "care-json.h"
#include "care-portal-url.h"

#define EXT_PROGRAMME "https://carebook.org/fhir/StructureDefinition/client-programme"
#define EXT_BRAND     "http://hl7.org/fhir/StructureDefinition/organization-brand"
#define EXT_PORTAL    "http://hl7.org/fhir/StructureDefinition/organization-portal"

/* The shipped directory is ~15 MB of JSON; anything much larger is not one. */
#define MAX_JSON_SIZE (64 * 1024 * 1024)

void
care_directory_parsed_free (Parsed *parsed)
{
  g_clear_pointer (&parsed->entries, g_ptr_array_unref);
  g_free (parsed->source_name);
  g_free (parsed->source_url);
  g_clear_pointer (&parsed->updated, g_date_time_unref);
  g_free (parsed);
}

static JsonObject *
array_object (JsonArray *array,
              guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
find_extension (JsonObject *object,
                const char *url)
{
  JsonArray *extensions = care_fhir_get_array (object, "extension");

  for (guint i = 0; extensions != NULL && i < json_array_get_length (extensions); i++)
    {
      JsonObject *extension = array_object (extensions, i);

      if (g_strcmp0 (care_fhir_get_string (extension, "url"), url) == 0)
        return extension;
    }

  return NULL;
}

/* A string value of a complex extension's part: valueString, valueUrl… */
static const char *
sub_value (JsonObject *extension,
           const char *url,
           const char *value_member)
{
  return care_fhir_get_string (find_extension (extension, url), value_member);
}

static char **
dup_aliases (JsonObject *organization)
{
  JsonArray *aliases = care_fhir_get_array (organization, "alias");
  g_autoptr(GPtrArray) result = g_ptr_array_new_null_terminated (0, g_free, TRUE);

  for (guint i = 0; aliases != NULL && i < json_array_get_length (aliases); i++)
    {
      JsonNode *node = json_array_get_element (aliases, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (result, g_strdup (json_node_get_string (node)));
    }

  return (char **)g_ptr_array_steal (result, NULL);
}

/* Only http(s) logos: a data file must not make Carebook read local files. */
static const char *
usable_logo (const char *url)
{
  if (url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
    return url;
  return NULL;
}

static void
read_programme (JsonObject             *object,
                CareDirectoryEntryInfo *info)
{
  JsonObject *programme = find_extension (object, EXT_PROGRAMME);
  const char *client_id = sub_value (programme, "clientId", "valueString");
  const char *redirect = sub_value (programme, "redirect", "valueCode");

  if (programme == NULL)
    return;
  if (client_id != NULL && client_id[0] != '\0')
    info->client_id = client_id;
  if (g_strcmp0 (redirect, "private-scheme") == 0)
    info->redirect = CARE_REDIRECT_PRIVATE_SCHEME;
  else if (g_strcmp0 (redirect, "loopback") == 0)
    info->redirect = CARE_REDIRECT_LOOPBACK;
}

/* The portal extension that names this endpoint, else one that names none. */
static JsonObject *
find_portal (JsonObject *organization,
             const char *reference)
{
  JsonArray *extensions = care_fhir_get_array (organization, "extension");
  JsonObject *fallback = NULL;

  for (guint i = 0; extensions != NULL && i < json_array_get_length (extensions); i++)
    {
      JsonObject *extension = array_object (extensions, i);
      JsonObject *endpoint;

      if (g_strcmp0 (care_fhir_get_string (extension, "url"), EXT_PORTAL) != 0)
        continue;
      endpoint = care_fhir_get_object (find_extension (extension, "portalEndpoint"), "valueReference");
      if (endpoint == NULL)
        fallback = fallback != NULL ? fallback : extension;
      else if (g_strcmp0 (care_fhir_get_string (endpoint, "reference"), reference) == 0)
        return extension;
    }

  return fallback;
}

static void
add_organization (GPtrArray  *added,
                  JsonObject *organization,
                  GHashTable *resources)
{
  JsonArray *refs = care_fhir_get_array (organization, "endpoint");
  JsonObject *address = care_fhir_get_array_object (organization, "address", 0);
  JsonObject *brand = find_extension (organization, EXT_BRAND);
  const char *name = care_fhir_get_string (organization, "name");
  g_auto(GStrv) aliases = NULL;

  if (name == NULL || refs == NULL)
    return;
  aliases = dup_aliases (organization);

  for (guint j = 0; j < json_array_get_length (refs); j++)
    {
      const char *reference = care_fhir_get_string (array_object (refs, j), "reference");
      JsonObject *endpoint = reference != NULL ? g_hash_table_lookup (resources, reference) : NULL;
      JsonObject *portal = find_portal (organization, reference);
      JsonObject *vendor = NULL;
      const char *vendor_ref;
      const char *state;
      g_autofree char *base = NULL;
      CareDirectoryEntryInfo info = { 0 };

      if (endpoint == NULL ||
          g_strcmp0 (care_fhir_get_string (endpoint, "resourceType"), "Endpoint") != 0)
        continue;
      base = care_portal_url_normalize (care_fhir_get_string (endpoint, "address") ?: "", NULL);
      if (base == NULL)
        {
          g_debug ("Directory: skipping an endpoint with an unusable address");
          continue;
        }

      vendor_ref = care_fhir_get_string (care_fhir_get_object (endpoint, "managingOrganization"),
                                         "reference");
      if (vendor_ref != NULL)
        vendor = g_hash_table_lookup (resources, vendor_ref);

      state = care_fhir_get_string (address, "state");
      info.name = name;
      info.fhir_base = base;
      info.aliases = (const char *const *)aliases;
      info.city = care_fhir_get_string (address, "city");
      info.state = state != NULL && care_directory_state_name (state) != NULL ? state : NULL;
      info.postal_code = care_fhir_get_string (address, "postalCode");
      info.logo_url = usable_logo (sub_value (brand, "brandLogo", "valueUrl"));
      info.portal_name = sub_value (portal, "portalName", "valueString");
      info.portal_url = sub_value (portal, "portalUrl", "valueUrl");
      info.vendor = care_fhir_get_string (vendor, "name");
      info.redirect = CARE_REDIRECT_LOOPBACK;
      /* The programme first; the endpoint may say otherwise for itself. */
      read_programme (vendor, &info);
      read_programme (endpoint, &info);

      /* A state that is not a US one ("Querétaro") is shown as given. */
      if (state != NULL && info.state == NULL && info.city == NULL)
        info.city = state;

      g_ptr_array_add (added, care_directory_entry_new (&info));
    }
}

/* Gzip'd files are recognised by their magic number, whatever their name. */
static GBytes *
maybe_gunzip (GBytes  *bytes,
              GError **error)
{
  g_autoptr(GConverter) converter = NULL;
  g_autoptr(GByteArray) out = NULL;
  const guint8 *in;
  gsize in_length;
  gsize in_done = 0;

  in = g_bytes_get_data (bytes, &in_length);
  if (in_length < 2 || in[0] != 0x1f || in[1] != 0x8b)
    return g_bytes_ref (bytes);

  converter = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  out = g_byte_array_sized_new (in_length * 8);
  for (;;)
    {
      guint8 buffer[64 * 1024];
      gsize read = 0, written = 0;
      GConverterResult result;
      g_autoptr(GError) local_error = NULL;

      result = g_converter_convert (converter, in + in_done, in_length - in_done,
                                    buffer, sizeof buffer, G_CONVERTER_INPUT_AT_END,
                                    &read, &written, &local_error);
      if (result == G_CONVERTER_ERROR)
        {
          g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED,
                               _("This file is not a list of health systems: it is damaged."));
          return NULL;
        }
      in_done += read;
      g_byte_array_append (out, buffer, written);
      if (out->len > MAX_JSON_SIZE)
        {
          g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED,
                               _("This file is too large to be a list of health systems."));
          return NULL;
        }
      if (result == G_CONVERTER_FINISHED)
        break;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static JsonNode *
parse_json (GBytes  *bytes,
            GError **error)
{
  const char *data;
  gsize length;
  JsonNode *root;

  data = g_bytes_get_data (bytes, &length);
  if (length > MAX_JSON_SIZE)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED,
                           _("This file is too large to be a list of health systems."));
      return NULL;
    }

  /* The one door for JSON from outside refuses nesting too deep for
   * json-glib's recursion before any of it is parsed. */
  root = care_json_parse (data, length, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_clear_pointer (&root, json_node_unref);
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED,
                           _("This file is not a list of health systems: it is not valid JSON."));
      return NULL;
    }

  return root;
}

static void
read_source (JsonObject *bundle,
             Parsed     *parsed)
{
  JsonObject *meta = care_fhir_get_object (bundle, "meta");
  JsonArray *tags = care_fhir_get_array (meta, "tag");
  const char *updated = care_fhir_get_string (meta, "lastUpdated");

  for (guint i = 0; tags != NULL && i < json_array_get_length (tags); i++)
    {
      JsonObject *tag = array_object (tags, i);

      if (g_strcmp0 (care_fhir_get_string (tag, "code"), "source") == 0)
        parsed->source_name = g_strdup (care_fhir_get_string (tag, "display"));
    }
  parsed->source_url = g_strdup (care_fhir_get_string (meta, "source"));
  if (updated == NULL)
    updated = care_fhir_get_string (bundle, "timestamp");
  if (updated != NULL)
    parsed->updated = g_date_time_new_from_iso8601 (updated, NULL);
}

Parsed *
care_directory_parse_bundle (GBytes  *bytes,
              GError **error)
{
  g_autoptr(GBytes) json = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) resources = NULL;
  g_autoptr(Parsed) parsed = g_new0 (Parsed, 1);
  JsonObject *bundle;
  JsonArray *entries;

  json = maybe_gunzip (bytes, error);
  if (json == NULL)
    return NULL;
  root = parse_json (json, error);
  if (root == NULL)
    return NULL;

  bundle = json_node_get_object (root);
  entries = care_fhir_get_array (bundle, "entry");
  if (g_strcmp0 (care_fhir_get_string (bundle, "resourceType"), "Bundle") != 0 || entries == NULL)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_UNSUPPORTED,
                           _("This file is not a list of health systems: it holds no FHIR Bundle of organizations."));
      return NULL;
    }

  /* Resources are found by "Type/id" and by their fullUrl. */
  resources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = array_object (entries, i);
      JsonObject *resource = care_fhir_get_object (entry, "resource");
      const char *type = care_fhir_get_string (resource, "resourceType");
      const char *id = care_fhir_get_string (resource, "id");
      const char *full_url = care_fhir_get_string (entry, "fullUrl");

      if (type == NULL)
        continue;
      if (id != NULL)
        g_hash_table_insert (resources, g_strconcat (type, "/", id, NULL), resource);
      if (full_url != NULL)
        g_hash_table_insert (resources, g_strdup (full_url), resource);
    }

  parsed->entries = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = care_fhir_get_object (array_object (entries, i), "resource");

      if (g_strcmp0 (care_fhir_get_string (resource, "resourceType"), "Organization") == 0)
        add_organization (parsed->entries, resource, resources);
    }
  read_source (bundle, parsed);

  return g_steal_pointer (&parsed);
}

