/* care-sync-attachment.c — a document's bytes, from the record or the portal
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FHIR-CLIENT.md 22: an Attachment carries its bytes inline (`data`,
 * base64) or points at them (`url`, usually a Binary). Inline data is
 * used as it is. Otherwise the bytes kept in the cache from an earlier
 * read are returned, so a document read once stays readable offline; and
 * only then is the URL fetched, through the engine's portal client (its
 * token, its limit of four requests, its retries), asking for the
 * attachment's own content type. A Binary may come back as FHIR JSON
 * instead (some servers always answer so, and without a content type we
 * ask for it): then its base64 `data` is decoded. What was fetched is
 * stored before it is returned. After a sync, the newest few documents'
 * attachments are fetched ahead, one at a time. The words of a document
 * read (ahead, or opened) become part of the record search
 * (care_sync_engine_index_document_async()). No content is logged.
 *
 * The size an attachment declares is a hint, never a limit: reading stops
 * at the engine's attachment limit when a document is opened, and at the
 * prefetch's own (much smaller) limit ahead of time, whatever the server
 * streams (care-http.c).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "care-document-text.h"
#include "care-error.h"
#include "care-fhir.h"
#include "care-resource-item.h"
#include "care-sync-engine-private.h"

typedef struct
{
  char     *key;
  char     *url;
  char     *content_type;
  gsize     max_bytes;
  gboolean  asked_for_fhir;
} Fetch;

typedef struct
{
  GBytes *bytes;
  char   *content_type;
} Fetched;

static void
fetch_free (Fetch *fetch)
{
  g_free (fetch->key);
  g_free (fetch->url);
  g_free (fetch->content_type);
  g_free (fetch);
}

static void
fetched_free (Fetched *fetched)
{
  g_clear_pointer (&fetched->bytes, g_bytes_unref);
  g_free (fetched->content_type);
  g_free (fetched);
}

static void
return_bytes (GTask      *task,
              GBytes     *bytes,
              const char *content_type)
{
  Fetched *fetched = g_new0 (Fetched, 1);

  fetched->bytes = g_bytes_ref (bytes);
  fetched->content_type = g_strdup (content_type);
  g_task_return_pointer (task, fetched, (GDestroyNotify)fetched_free);
}

/* Whether @url names a Binary resource ("Binary/id", or ending so). */
static gboolean
is_binary_url (const char *url)
{
  return g_str_has_prefix (url, "Binary/") || strstr (url, "/Binary/") != NULL;
}

/* The bytes of a Binary resource sent as FHIR JSON. */
static GBytes *
decode_binary (GBytes  *body,
               char   **out_content_type,
               GError **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);
  g_autoptr(JsonObject) binary = care_fhir_parse_resource (data, size, error);
  const char *base64;
  guchar *decoded;
  gsize length = 0;

  if (binary == NULL)
    return NULL;
  if (g_strcmp0 (care_fhir_get_string (binary, "resourceType"), "Binary") != 0)
    {
      g_set_error_literal (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_BAD_RESPONSE,
                           _("The health system sent something other than the document."));
      return NULL;
    }
  base64 = care_fhir_get_string (binary, "data");
  if (base64 == NULL)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD,
                           _("The health system sent this document without its content."));
      return NULL;
    }
  *out_content_type = g_strdup (care_fhir_get_string (binary, "contentType"));
  decoded = g_base64_decode (base64, &length);
  return g_bytes_new_take (decoded, length);
}

static void request (GTask *task);

static void
response_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CareSyncEngine *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CarePortalResponse) response = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *content_type = NULL;
  g_autoptr(GError) store_error = NULL;

  response = care_portal_client_request_finish (CARE_PORTAL_CLIENT (source), result, &error);
  if (response == NULL)
    {
      if (g_error_matches (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE))
        g_task_return_new_error (task, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE, "%s",
                                 _("This document has not been downloaded yet, and the health "
                                   "system cannot be reached. Connect to the internet and try "
                                   "again."));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Asked for the document's own type and refused: ask for the Binary. */
  if ((response->status == SOUP_STATUS_NOT_ACCEPTABLE ||
       response->status == SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE) &&
      !fetch->asked_for_fhir && is_binary_url (fetch->url))
    {
      fetch->asked_for_fhir = TRUE;
      request (g_steal_pointer (&task));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      int code = response->status == SOUP_STATUS_FORBIDDEN ? CARE_PORTAL_ERROR_FORBIDDEN
               : response->status == SOUP_STATUS_NOT_FOUND || response->status == SOUP_STATUS_GONE
               ? CARE_PORTAL_ERROR_NOT_FOUND : CARE_PORTAL_ERROR_BAD_RESPONSE;

      g_task_return_new_error (task, CARE_PORTAL_ERROR, code,
                               /* Translators: %u is an HTTP status code */
                               _("The health system could not send this document (%u)."),
                               response->status);
      return;
    }

  if (care_fhir_is_json_content_type (response->content_type) &&
      !care_fhir_is_json_content_type (fetch->content_type) && is_binary_url (fetch->url))
    {
      bytes = decode_binary (response->body, &content_type, &error);
      if (bytes == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else
    {
      bytes = g_bytes_ref (response->body);
      content_type = g_strdup (response->content_type);
    }

  /* The attachment's own label wins over a server's generic one. */
  if (fetch->content_type != NULL &&
      (content_type == NULL || g_str_has_prefix (content_type, "application/octet-stream")))
    {
      g_free (content_type);
      content_type = g_strdup (fetch->content_type);
    }

  if (!care_cache_store_attachment (self->cache, fetch->key, content_type, bytes, &store_error))
    g_debug ("An attachment could not be kept offline: %s", store_error->message);

  return_bytes (task, bytes, content_type);
}

static void
request (GTask *task)
{
  CareSyncEngine *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  const char *accept;
  gsize max_bytes = fetch->max_bytes;

  if (fetch->asked_for_fhir || (fetch->content_type == NULL && is_binary_url (fetch->url)))
    {
      fetch->asked_for_fhir = TRUE;
      accept = CARE_FHIR_ACCEPT;
      /* The same bytes in base64, inside a Binary resource. */
      max_bytes = max_bytes / 3 * 4 + 64 * 1024;
    }
  else
    accept = fetch->content_type != NULL ? fetch->content_type : "*/*";

  care_portal_client_download_async (self->client, fetch->url, accept, max_bytes,
                                     g_task_get_cancellable (task), response_cb, task);
}

/**
 * care_sync_engine_fetch_attachment_async:
 * @self: an engine
 * @attachment: a FHIR Attachment (a DocumentReference's `content[].attachment`)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Gets an attachment's bytes: inline `data`, else what the cache kept
 * from an earlier read, else the `url` fetched through the portal client
 * and kept. Offline with nothing kept, it fails with
 * %CARE_PORTAL_ERROR_OFFLINE.
 */
static void fetch_attachment (CareSyncEngine      *self,
                              JsonObject          *attachment,
                              gsize                max_bytes,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);

void
care_sync_engine_fetch_attachment_async (CareSyncEngine      *self,
                                         JsonObject          *attachment,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (CARE_IS_SYNC_ENGINE (self));
  g_return_if_fail (attachment != NULL);

  fetch_attachment (self, attachment, self->max_attachment_bytes, cancellable, callback, user_data);
}

static void
fetch_attachment (CareSyncEngine      *self,
                  JsonObject          *attachment,
                  gsize                max_bytes,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) cached = NULL;
  g_autofree char *cached_type = NULL;
  g_autoptr(GError) error = NULL;
  const char *content_type;
  const char *data;
  const char *url;
  Fetch *fetch;

  g_return_if_fail (CARE_IS_SYNC_ENGINE (self));
  g_return_if_fail (attachment != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_sync_engine_fetch_attachment_async);

  content_type = care_fhir_get_string (attachment, "contentType");
  data = care_fhir_get_string (attachment, "data");
  url = care_fhir_get_string (attachment, "url");

  if (data != NULL)
    {
      gsize length = 0;
      guchar *decoded = g_base64_decode (data, &length);
      g_autoptr(GBytes) bytes = g_bytes_new_take (decoded, length);

      return_bytes (task, bytes, content_type);
      return;
    }

  if (url == NULL || *url == '\0')
    {
      g_task_return_new_error (task, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD, "%s",
                               _("This document has no content to show."));
      return;
    }

  fetch = g_new0 (Fetch, 1);
  fetch->url = g_strdup (url);
  fetch->key = care_portal_client_resolve (self->client, url);
  fetch->content_type = g_strdup (content_type);
  fetch->max_bytes = max_bytes;
  g_task_set_task_data (task, fetch, (GDestroyNotify)fetch_free);

  cached = care_cache_lookup_attachment (self->cache, fetch->key, &cached_type, &error);
  if (cached != NULL)
    {
      return_bytes (task, cached, cached_type != NULL ? cached_type : content_type);
      return;
    }
  if (error != NULL)
    g_debug ("The offline copy of an attachment could not be read: %s", error->message);

  request (g_steal_pointer (&task));
}

/**
 * care_sync_engine_fetch_attachment_finish:
 * @self: an engine
 * @result: the result
 * @out_content_type: (out) (optional) (transfer full) (nullable): the
 *   content type of the bytes, when known
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the attachment's bytes
 */
GBytes *
care_sync_engine_fetch_attachment_finish (CareSyncEngine  *self,
                                          GAsyncResult    *result,
                                          char           **out_content_type,
                                          GError         **error)
{
  Fetched *fetched;
  GBytes *bytes;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == care_sync_engine_fetch_attachment_async,
                        NULL);

  fetched = g_task_propagate_pointer (G_TASK (result), error);
  if (fetched == NULL)
    return NULL;
  bytes = g_steal_pointer (&fetched->bytes);
  if (out_content_type != NULL)
    *out_content_type = g_steal_pointer (&fetched->content_type);
  fetched_free (fetched);
  return bytes;
}

typedef struct
{
  char       *type;
  char       *id;
  GBytes     *bytes;
  char       *content_type;
} Indexing;

static void
indexing_free (Indexing *indexing)
{
  g_free (indexing->type);
  g_free (indexing->id);
  g_clear_pointer (&indexing->bytes, g_bytes_unref);
  g_free (indexing->content_type);
  g_free (indexing);
}

static void
extract_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Indexing *indexing = task_data;
  char *text = care_document_text_extract (indexing->bytes, indexing->content_type);

  /* No words (an image, a scanned PDF) is kept as such: it is not read again. */
  g_task_return_pointer (task, text != NULL ? text : g_strdup (""), g_free);
}

static void
extracted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CareSyncEngine *self = g_task_get_source_object (task);
  Indexing *indexing = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_task_propagate_pointer (G_TASK (result), &error);

  if (text == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!care_cache_add_document_text (self->cache, indexing->type, indexing->id, text, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * care_sync_engine_index_document_async:
 * @self: an engine
 * @type: the type of the resource the document belongs to
 * @id: its id
 * @bytes: the document's content (care_sync_engine_fetch_attachment_finish())
 * @content_type: (nullable): its content type
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called when done
 * @user_data: for @callback
 *
 * Makes the words of a document part of the record search, once: its
 * text is read in a worker thread and kept with @type/@id in the cache
 * (care_cache_add_document_text()). A resource whose document words are
 * kept already is left as it is.
 */
void
care_sync_engine_index_document_async (CareSyncEngine      *self,
                                       const char          *type,
                                       const char          *id,
                                       GBytes              *bytes,
                                       const char          *content_type,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) extract = NULL;
  Indexing *indexing;

  g_return_if_fail (CARE_IS_SYNC_ENGINE (self));
  g_return_if_fail (type != NULL && id != NULL && bytes != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_sync_engine_index_document_async);
  if (care_cache_has_document_text (self->cache, type, id))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  indexing = g_new0 (Indexing, 1);
  indexing->type = g_strdup (type);
  indexing->id = g_strdup (id);
  indexing->bytes = g_bytes_ref (bytes);
  indexing->content_type = g_strdup (content_type);
  g_task_set_task_data (task, indexing, (GDestroyNotify)indexing_free);

  /* No source object: the worker thread lets go of its task after the
   * callback may have run, and must not be the one to hold the engine. */
  extract = g_task_new (NULL, cancellable, extracted_cb, g_object_ref (task));
  g_task_set_source_tag (extract, extract_in_thread);
  g_task_set_task_data (extract, indexing, NULL);   /* the outer task keeps it */
  g_task_run_in_thread (extract, extract_in_thread);
}

/**
 * care_sync_engine_index_document_finish:
 * @self: an engine
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the document's words are kept (or there were none)
 */
gboolean
care_sync_engine_index_document_finish (CareSyncEngine  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == care_sync_engine_index_document_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  JsonObject *attachment;
  char       *type;
  char       *id;
  gboolean    kept;     /* its bytes were in the cache already */
} PrefetchItem;

typedef struct
{
  GQueue        items;   /* PrefetchItem */
  PrefetchItem *current;
  guint         n_fetched;
  gsize         max_bytes;
} Prefetch;

static void
prefetch_item_free (PrefetchItem *item)
{
  json_object_unref (item->attachment);
  g_free (item->type);
  g_free (item->id);
  g_free (item);
}

static void
prefetch_free (Prefetch *prefetch)
{
  g_queue_clear_full (&prefetch->items, (GDestroyNotify)prefetch_item_free);
  g_clear_pointer (&prefetch->current, prefetch_item_free);
  g_free (prefetch);
}

static void prefetch_next (GTask *task);

static void
prefetch_indexed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!care_sync_engine_index_document_finish (CARE_SYNC_ENGINE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_debug ("A document's words were not kept: %s", error->message);
    }
  prefetch_next (g_steal_pointer (&task));
}

static void
prefetched_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Prefetch *prefetch = g_task_get_task_data (task);
  PrefetchItem *item = prefetch->current;
  g_autoptr(GError) error = NULL;
  g_autofree char *content_type = NULL;
  g_autoptr(GBytes) bytes = care_sync_engine_fetch_attachment_finish (CARE_SYNC_ENGINE (source), result,
                                                                      &content_type, &error);

  if (bytes != NULL)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      if (!item->kept)
        prefetch->n_fetched++;
      care_sync_engine_index_document_async (CARE_SYNC_ENGINE (source), item->type, item->id, bytes,
                                             content_type, cancellable, prefetch_indexed_cb,
                                             g_steal_pointer (&task));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_error_matches (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE))
    {
      /* Gone offline: the rest can wait for the next sync. */
      g_queue_clear_full (&prefetch->items, (GDestroyNotify)prefetch_item_free);
    }
  else
    g_debug ("An attachment was not prefetched: %s", error->message);

  prefetch_next (g_steal_pointer (&task));
}

static void
prefetch_next (GTask *task)
{
  CareSyncEngine *self = g_task_get_source_object (task);
  Prefetch *prefetch = g_task_get_task_data (task);

  g_clear_pointer (&prefetch->current, prefetch_item_free);
  prefetch->current = g_queue_pop_head (&prefetch->items);
  if (prefetch->current == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  /* One at a time: prefetching never crowds out what the user asks for.
   * The declared size was checked before; the bytes read are, here. */
  fetch_attachment (self, prefetch->current->attachment, prefetch->max_bytes, g_task_get_cancellable (task),
                    prefetched_cb, task);
}

/* Whether @attachment is worth fetching ahead: it points somewhere, its
 * declared size (when there is one) is small, and nothing is kept yet.
 * @out_kept says whether its bytes are in the cache already. */
static gboolean
wants_prefetch (CareSyncEngine *self,
                JsonObject     *attachment,
                gsize           max_bytes,
                gboolean       *out_kept)
{
  const char *url = care_fhir_get_string (attachment, "url");
  JsonNode *size = json_object_has_member (attachment, "size") ? json_object_get_member (attachment, "size") : NULL;
  g_autofree char *key = NULL;

  *out_kept = TRUE;
  if (care_fhir_get_string (attachment, "data") != NULL)
    return TRUE;   /* inline: nothing to fetch, only words to keep */
  *out_kept = FALSE;
  if (url == NULL || *url == '\0')
    return FALSE;
  if (size != NULL && JSON_NODE_HOLDS_VALUE (size) && json_node_get_value_type (size) == G_TYPE_INT64 &&
      json_node_get_int (size) > (gint64)max_bytes)
    return FALSE;
  key = care_portal_client_resolve (self->client, url);
  /* Asked after every sync: the bytes are not read for it. */
  *out_kept = care_cache_has_attachment (self->cache, key);
  return TRUE;
}

/**
 * care_sync_engine_prefetch_attachments_async:
 * @self: an engine
 * @max_documents: how many of the newest documents to look at
 * @max_bytes: skip attachments declared bigger than this
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Fetches, one at a time, the attachments of the newest documents that
 * are not kept yet, so the latest visit summary opens offline too, and
 * keeps their words for the record search (also of those kept or inline
 * already, once, and of older documents kept from an earlier read). Run
 * after a sync; going offline ends it quietly.
 */
void
care_sync_engine_prefetch_attachments_async (CareSyncEngine      *self,
                                             guint                max_documents,
                                             gsize                max_bytes,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("DocumentReference");
  g_autoptr(GListModel) documents = NULL;
  g_autoptr(GError) error = NULL;
  Prefetch *prefetch;

  g_return_if_fail (CARE_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_sync_engine_prefetch_attachments_async);
  prefetch = g_new0 (Prefetch, 1);
  g_queue_init (&prefetch->items);
  prefetch->max_bytes = max_bytes;
  g_task_set_task_data (task, prefetch, (GDestroyNotify)prefetch_free);

  care_cache_query_set_sort (query, CARE_CACHE_SORT_NEWEST);
  documents = care_cache_query (self->cache, query, &error);
  if (documents == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (documents, i);
      g_autoptr(JsonObject) document = NULL;
      JsonArray *contents;
      const char *id = care_resource_item_get_id (item);
      /* Its words kept already: then its bytes were read before. */
      gboolean indexed = care_cache_has_document_text (self->cache, "DocumentReference", id);
      gboolean newest = i < max_documents;

      /* Older documents are never fetched; but one read before (kept)
       * whose words are not kept yet has them read, from the cache. */
      if (!newest && indexed)
        continue;
      document = care_resource_item_dup_resource (item, NULL);
      contents = document != NULL ? care_fhir_get_array (document, "content") : NULL;
      for (guint j = 0; contents != NULL && j < json_array_get_length (contents); j++)
        {
          JsonObject *content = care_fhir_get_array_object (document, "content", j);
          JsonObject *attachment = content != NULL ? care_fhir_get_object (content, "attachment") : NULL;
          gboolean kept = FALSE;

          if (attachment != NULL && wants_prefetch (self, attachment, max_bytes, &kept) &&
              (newest ? !(kept && indexed) : kept))
            {
              PrefetchItem *entry = g_new0 (PrefetchItem, 1);

              entry->attachment = json_object_ref (attachment);
              entry->type = g_strdup ("DocumentReference");
              entry->id = g_strdup (id);
              entry->kept = kept;
              g_queue_push_tail (&prefetch->items, entry);
            }
        }
    }

  prefetch_next (g_steal_pointer (&task));
}

/**
 * care_sync_engine_prefetch_attachments_finish:
 * @self: an engine
 * @result: the result
 * @out_n_fetched: (out) (optional): how many attachments were fetched from
 *   the portal
 * @error: return location for a #GError
 *
 * Returns: %TRUE unless the cache could not be read or it was cancelled
 */
gboolean
care_sync_engine_prefetch_attachments_finish (CareSyncEngine  *self,
                                              GAsyncResult    *result,
                                              guint           *out_n_fetched,
                                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == care_sync_engine_prefetch_attachments_async,
                        FALSE);

  if (out_n_fetched != NULL)
    *out_n_fetched = ((Prefetch *)g_task_get_task_data (G_TASK (result)))->n_fetched;
  return g_task_propagate_boolean (G_TASK (result), error);
}
