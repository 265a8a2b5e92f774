/* care-sandbox-limits.c — what the sandbox takes, and how it keeps its files
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Request bodies past MAX_BODY_BYTES are answered 413 before they are read
 * (a size announced in Content-Length) or kept (a chunked body), and the
 * --data folder and its database are private to the user.
 */
#include "config.h"

#include "care-sandbox-fhir-private.h"
#include "care-sandbox-private.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* A request body past this is refused with 413 before it is kept: the
 * biggest legitimate one is a Binary of a scanned document. */
#define MAX_BODY_BYTES (16 * 1024 * 1024)

/* The portal's database holds accounts and records: the folder is 0700
 * even when it existed before, and the database 0600 from its first byte
 * (SQLite gives its -wal and -shm files the database's mode). */
gboolean
care_sandbox_make_private (const char  *data_dir,
                           const char  *path,
                           GError     **error)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  int fd;

  if (g_chmod (data_dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "Cannot make %s private", data_dir);
      return FALSE;
    }

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot open %s", path);
      return FALSE;
    }
  close (fd);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (file, G_FILE_TEST_EXISTS) && g_chmod (file, 0600) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "Cannot make %s private", file);
          return FALSE;
        }
    }

  return TRUE;
}

/* Marks a request whose body went past the limit while it was read. */
static GQuark
too_big_quark (void)
{
  return g_quark_from_static_string ("care-sandbox-too-big");
}

static void
send_too_big (SoupServerMessage *msg)
{
  /* Translators: %d is a size in megabytes */
  g_autofree char *text = g_strdup_printf (_("The request is bigger than the portal takes (%d MB)"),
                                           MAX_BODY_BYTES / (1024 * 1024));

  /* The rest of the body is not read: the connection ends after this. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
  care_sandbox_fhir_send_outcome (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "error", "too-costly", text);
}

/* libsoup reads a request's whole body before it answers, whatever a
 * handler decided: a body announced too big is answered here, on the
 * connection taken from libsoup, and the connection ends unread. */
static void
refuse_unread (SoupServerMessage *msg)
{
  g_autoptr(JsonObject) outcome = NULL;
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autoptr(GIOStream) stream = NULL;
  g_autofree char *json = NULL;
  g_autofree char *response = NULL;
  /* Translators: %d is a size in megabytes */
  g_autofree char *text = g_strdup_printf (_("The request is bigger than the portal takes (%d MB)"),
                                           MAX_BODY_BYTES / (1024 * 1024));

  outcome = care_sandbox_fhir_new_outcome ("error", "too-costly", text);
  json_node_init_object (node, outcome);
  json = json_to_string (node, FALSE);
  response = g_strdup_printf ("HTTP/1.1 413 Payload Too Large\r\n"
                              "Content-Type: application/fhir+json\r\n"
                              "Content-Length: %zu\r\n"
                              "X-Content-Type-Options: nosniff\r\n"
                              "Connection: close\r\n\r\n%s", strlen (json), json);

  stream = soup_server_message_steal_connection (msg);
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), response, strlen (response),
                             NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* A chunked body says its size only as it comes: past the limit its
 * chunks are no longer kept, and the handler answers 413. */
static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (body->length > MAX_BODY_BYTES && g_object_get_qdata (G_OBJECT (msg), too_big_quark ()) == NULL)
    {
      g_object_set_qdata (G_OBJECT (msg), too_big_quark (), GINT_TO_POINTER (TRUE));
      soup_message_body_set_accumulate (body, FALSE);
      soup_message_body_truncate (body);
    }
}

/**
 * care_sandbox_limits_headers_cb: (skip)
 *
 * The early handler: runs when a request's headers are in, before its
 * body is read.
 */
void
care_sandbox_limits_headers_cb (SoupServer        *server,
                                SoupServerMessage *msg,
                                const char        *path,
                                GHashTable        *unused_query,
                                gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > MAX_BODY_BYTES)
    {
      refuse_unread (msg);
      return;
    }

  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), NULL);
}

/**
 * care_sandbox_limits_refuse: (skip)
 * @msg: a request whose body has been read
 *
 * Returns: %TRUE if @msg's body went past the limit and was answered 413
 */
gboolean
care_sandbox_limits_refuse (SoupServerMessage *msg)
{
  if (g_object_get_qdata (G_OBJECT (msg), too_big_quark ()) == NULL)
    return FALSE;

  send_too_big (msg);
  return TRUE;
}
