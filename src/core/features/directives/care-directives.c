/* care-directives.c — end-of-life planning: what is on file, and files to upload
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the End-of-Life Planning page and `carebook-cli directives` list:
 * the signed directives on file (advance directives, POLST, living wills:
 * DocumentReferences by their LOINC code), the health care agent (a
 * RelatedPerson whose relationship is HPOWATT), the blank forms the
 * portal offers, and whichever of the first two still wait in the outbox.
 *
 * The files of a directive are checked before they are read: each a PDF
 * or a picture of at most 10 MB (care_message_check_attachment()), so a
 * wrong choice is refused at once, not after loading a huge file.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-directives.h"
#include "care-error.h"
#include "care-fhir.h"
#include "care-message-draft.h"

#include <string.h>

#define LOINC "http://loinc.org"

/* Advance directive, POLST, living will, power of attorney for health care:
 * the document types that count as "on file". */
static const char * const directive_codes[] = {
  CARE_DIRECTIVE_LOINC, "75320-2", "64298-3", "86533-7", "92664-2", "81351-9", "93037-0", NULL
};

void
care_directive_item_free (CareDirectiveItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->title);
  g_free (item->date);
  g_free (item->detail);
  g_free (item->phone);
  g_free (item->message);
  g_free (item);
}

/**
 * care_directive_item_kind_to_string:
 * @kind: a kind
 *
 * Returns: "directive", "agent" or "form", as the CLI prints it
 */
const char *
care_directive_item_kind_to_string (CareDirectiveItemKind kind)
{
  return kind == CARE_DIRECTIVE_ITEM_AGENT ? "agent" : kind == CARE_DIRECTIVE_ITEM_FORM ? "form" : "directive";
}

static gboolean
concept_has_code (JsonObject *concept)
{
  JsonArray *codings = care_fhir_get_array (concept, "coding");

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonObject *coding = care_fhir_get_array_object (concept, "coding", i);
      const char *code = care_fhir_get_string (coding, "code");

      if (code != NULL && g_strv_contains (directive_codes, code) &&
          g_strcmp0 (care_fhir_get_string (coding, "system"), LOINC) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_directive (JsonObject *document)
{
  JsonArray *categories = care_fhir_get_array (document, "category");

  if (care_directive_is_blank_form (document))
    return FALSE;
  if (care_directive_is_directive (document) || concept_has_code (care_fhir_get_object (document, "type")))
    return TRUE;
  for (guint i = 0; categories != NULL && i < json_array_get_length (categories); i++)
    if (concept_has_code (care_fhir_get_array_object (document, "category", i)))
      return TRUE;
  return FALSE;
}

static char *
dup_day (const char *date)
{
  return date != NULL && strlen (date) >= 10 ? g_strndup (date, 10) : g_strdup (date);
}

static CareDirectiveItem *
item_from_document (JsonObject *document,
                    gboolean    form)
{
  CareDirectiveItem *item = g_new0 (CareDirectiveItem, 1);
  JsonObject *attachment = care_fhir_get_object (care_fhir_get_array_object (document, "content", 0), "attachment");
  const char *signed_on = care_fhir_get_string (care_fhir_get_object (care_fhir_get_object (document, "context"),
                                                                      "period"), "start");
  g_autofree char *type = care_fhir_dup_concept_text (care_fhir_get_object (document, "type"));
  const char *description = care_fhir_get_string (document, "description");

  item->kind = form ? CARE_DIRECTIVE_ITEM_FORM : CARE_DIRECTIVE_ITEM_DIRECTIVE;
  item->id = g_strdup (care_fhir_get_string (document, "id"));
  item->title = g_strdup (description != NULL ? description
                          : type != NULL ? type
                          : form ? _("Blank form") : _("Advance directive"));
  item->date = dup_day (signed_on != NULL ? signed_on : care_fhir_get_string (document, "date"));
  item->detail = g_strdup (care_fhir_get_string (attachment, "title"));
  item->state = CARE_OUTBOX_SENT;
  return item;
}

static CareDirectiveItem *
item_from_agent (JsonObject *person)
{
  CareDirectiveItem *item = g_new0 (CareDirectiveItem, 1);
  JsonArray *relationships = care_fhir_get_array (person, "relationship");
  JsonArray *telecoms = care_fhir_get_array (person, "telecom");

  item->kind = CARE_DIRECTIVE_ITEM_AGENT;
  item->id = g_strdup (care_fhir_get_string (person, "id"));
  item->title = care_fhir_dup_human_name (care_fhir_get_array (person, "name"));
  if (item->title == NULL)
    item->title = g_strdup (_("Health care agent"));
  /* The family relationship in words, beside the HPOWATT code. */
  for (guint i = 0; relationships != NULL && i < json_array_get_length (relationships) && item->detail == NULL; i++)
    {
      JsonObject *relationship = care_fhir_get_array_object (person, "relationship", i);

      if (care_fhir_get_array (relationship, "coding") == NULL)
        item->detail = g_strdup (care_fhir_get_string (relationship, "text"));
    }
  for (guint i = 0; telecoms != NULL && i < json_array_get_length (telecoms) && item->phone == NULL; i++)
    {
      JsonObject *telecom = care_fhir_get_array_object (person, "telecom", i);

      if (g_strcmp0 (care_fhir_get_string (telecom, "system"), "phone") == 0)
        item->phone = g_strdup (care_fhir_get_string (telecom, "value"));
    }
  item->state = CARE_OUTBOX_SENT;
  return item;
}

static GPtrArray *
dup_resources (CareCache  *cache,
               const char *type,
               GError    **error)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new (type);

  care_cache_query_set_sort (query, CARE_CACHE_SORT_NEWEST);
  return care_cache_dup_resources (cache, query, error);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const CareDirectiveItem *x = *(CareDirectiveItem **)a;
  const CareDirectiveItem *y = *(CareDirectiveItem **)b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  /* Waiting first, then newest first. */
  if (x->waiting != y->waiting)
    return x->waiting ? -1 : 1;
  return -g_strcmp0 (x->date, y->date);
}

/**
 * care_directives_list:
 * @cache: a person's cache
 * @error: a cache error
 *
 * Returns: (transfer full) (element-type CareDirectiveItem): the directives
 *   on file, the agents and the blank forms (in that order), with the
 *   directives and agents still in the outbox among them; %NULL on error
 */
GPtrArray *
care_directives_list (CareCache  *cache,
                      GError    **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)care_directive_item_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) queued = NULL;

  g_return_val_if_fail (CARE_IS_CACHE (cache), NULL);

  documents = dup_resources (cache, "DocumentReference", error);
  if (documents == NULL)
    return NULL;
  people = dup_resources (cache, "RelatedPerson", error);
  if (people == NULL)
    return NULL;

  for (guint i = 0; i < documents->len; i++)
    {
      JsonObject *document = documents->pdata[i];
      const char *id = care_fhir_get_string (document, "id");
      gboolean form = care_directive_is_blank_form (document);

      if (id == NULL || g_strcmp0 (care_fhir_get_string (document, "status"), "entered-in-error") == 0 ||
          (!form && !is_directive (document)))
        continue;
      g_hash_table_add (seen, g_strdup_printf ("DocumentReference/%s", id));
      g_ptr_array_add (items, item_from_document (document, form));
    }
  for (guint i = 0; i < people->len; i++)
    {
      JsonObject *person = people->pdata[i];
      const char *id = care_fhir_get_string (person, "id");

      JsonNode *active = json_object_get_member (person, "active");

      if (id == NULL || !care_related_person_is_agent (person) ||
          (active != NULL && JSON_NODE_HOLDS_VALUE (active) && json_node_get_value_type (active) == G_TYPE_BOOLEAN &&
           !json_node_get_boolean (active)))
        continue;
      g_hash_table_add (seen, g_strdup_printf ("RelatedPerson/%s", id));
      g_ptr_array_add (items, item_from_agent (person));
    }

  queued = care_cache_outbox_list (cache, FALSE);
  for (guint i = 0; queued != NULL && i < queued->len; i++)
    {
      CareOutboxItem *entry = queued->pdata[i];
      g_autoptr(JsonObject) resource = NULL;
      g_autofree char *key = NULL;
      CareDirectiveItem *item;

      if (entry->kind != CARE_OUTBOX_CREATE)
        continue;
      if (g_strcmp0 (entry->type, "DocumentReference") != 0 && g_strcmp0 (entry->type, "RelatedPerson") != 0)
        continue;
      key = g_strdup_printf ("%s/%s", entry->type, entry->server_id != NULL ? entry->server_id : "");
      if (entry->state == CARE_OUTBOX_SENT && (entry->server_id == NULL || g_hash_table_contains (seen, key)))
        continue;
      resource = care_fhir_parse_resource (entry->json, -1, NULL);
      if (resource == NULL)
        continue;
      if (g_str_equal (entry->type, "RelatedPerson") && care_related_person_is_agent (resource))
        item = item_from_agent (resource);
      else if (g_str_equal (entry->type, "DocumentReference") && is_directive (resource))
        item = item_from_document (resource, FALSE);
      else
        continue;
      item->waiting = entry->state != CARE_OUTBOX_SENT;
      g_free (item->id);
      item->id = g_strdup (item->waiting ? entry->client_id : entry->server_id);
      item->state = entry->state;
      item->message = g_strdup (entry->message);
      g_ptr_array_add (items, item);
    }

  g_ptr_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}

/**
 * care_directive_files_load:
 * @files: (array length=n_files): the signed document: one PDF, or a
 *   picture per page
 * @n_files: how many
 * @cancellable: (nullable): a #GCancellable
 * @error: why a file will not do, naming it
 *
 * Checks each file's type and size before reading it (a PDF or a
 * picture of at most 10 MB), then reads them.
 *
 * Returns: (transfer full) (array length=n_files) (nullable): the files,
 *   for care_directive_drafts_new(); free with care_directive_files_free()
 */
CareDirectiveFile *
care_directive_files_load (GFile * const *files,
                           guint          n_files,
                           GCancellable  *cancellable,
                           GError       **error)
{
  CareDirectiveFile *loaded = g_new0 (CareDirectiveFile, MAX (n_files, 1));

  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *mime = NULL;
      GBytes *bytes;

      info = g_file_query_info (files[i], G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                                G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
      if (info == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          care_directive_files_free (loaded, i);
          return NULL;
        }
      name = g_strdup (g_file_info_get_display_name (info));
      mime = g_content_type_get_mime_type (g_file_info_get_content_type (info));
      if (!care_message_check_attachment (mime, g_file_info_get_size (info), &local_error))
        {
          /* Translators: %1$s is a file's name, %2$s why it cannot be sent */
          g_set_error (error, local_error->domain, local_error->code, _("%1$s: %2$s"), name, local_error->message);
          care_directive_files_free (loaded, i);
          return NULL;
        }
      bytes = g_file_load_bytes (files[i], cancellable, NULL, error);
      if (bytes == NULL)
        {
          care_directive_files_free (loaded, i);
          return NULL;
        }
      loaded[i].name = g_steal_pointer (&name);
      loaded[i].content_type = g_steal_pointer (&mime);
      loaded[i].bytes = bytes;
    }
  return loaded;
}

/**
 * care_directive_files_free:
 * @files: (nullable): what care_directive_files_load() returned
 * @n_files: how many
 */
void
care_directive_files_free (CareDirectiveFile *files,
                           guint              n_files)
{
  if (files == NULL)
    return;
  for (guint i = 0; i < n_files; i++)
    {
      g_free ((char *)files[i].name);
      g_free ((char *)files[i].content_type);
      g_clear_pointer (&files[i].bytes, g_bytes_unref);
    }
  g_free (files);
}
