/* care-sandbox-bundle.c — the sandbox's Bundle writer
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Searchset and history Bundles are written as text, splicing each stored
 * resource in as it is (never parsed again), so paging through a big
 * record stays cheap. Strings the writer adds (links, full URLs) are
 * escaped as JSON; what it splices in (a resource, an entry's other
 * members) is JSON already.
 */
#include "config.h"

#include "care-sandbox-bundle.h"
#include "care-sandbox-fhir.h"

struct _CareSandboxBundle
{
  GString *text;
  guint    n_entries;
};

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar)*p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar)*p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_link (GString    *out,
             const char *relation,
             const char *url)
{
  g_string_append (out, "{\"relation\":");
  append_json_string (out, relation);
  g_string_append (out, ",\"url\":");
  append_json_string (out, url);
  g_string_append_c (out, '}');
}

/**
 * care_sandbox_bundle_new: (skip)
 * @type: "searchset" or "history"
 * @self_url: the request's own URL
 * @next_url: (nullable): the next page's URL
 *
 * Returns: (transfer full): a Bundle with its links and no entry yet
 */
CareSandboxBundle *
care_sandbox_bundle_new (const char *type,
                         const char *self_url,
                         const char *next_url)
{
  CareSandboxBundle *self = g_new0 (CareSandboxBundle, 1);

  self->text = g_string_new ("{\"resourceType\":\"Bundle\",\"type\":");
  append_json_string (self->text, type);
  g_string_append (self->text, ",\"link\":[");
  append_link (self->text, "self", self_url);
  if (next_url != NULL)
    {
      g_string_append_c (self->text, ',');
      append_link (self->text, "next", next_url);
    }
  g_string_append (self->text, "],\"entry\":[");
  return self;
}

/**
 * care_sandbox_bundle_add_entry: (skip)
 * @self: a Bundle being written
 * @full_url: (nullable): the entry's fullUrl
 * @resource_json: (nullable): the resource, as JSON text
 * @members_json: (nullable): the entry's other members as JSON text
 *   without braces (`"search":{"mode":"match"}`)
 */
void
care_sandbox_bundle_add_entry (CareSandboxBundle *self,
                               const char        *full_url,
                               const char        *resource_json,
                               const char        *members_json)
{
  gboolean first = TRUE;

  if (self->n_entries++ > 0)
    g_string_append_c (self->text, ',');
  g_string_append_c (self->text, '{');
  if (full_url != NULL)
    {
      g_string_append (self->text, "\"fullUrl\":");
      append_json_string (self->text, full_url);
      first = FALSE;
    }
  if (resource_json != NULL)
    {
      g_string_append (self->text, first ? "\"resource\":" : ",\"resource\":");
      g_string_append (self->text, resource_json);
      first = FALSE;
    }
  if (members_json != NULL && members_json[0] != '\0')
    {
      if (!first)
        g_string_append_c (self->text, ',');
      g_string_append (self->text, members_json);
    }
  g_string_append_c (self->text, '}');
}

guint
care_sandbox_bundle_get_n_entries (CareSandboxBundle *self)
{
  return self->n_entries;
}

/**
 * care_sandbox_bundle_finish: (skip)
 * @self: a Bundle being written
 * @out_length: (out): the text's length
 *
 * Returns: (transfer full): the whole Bundle; @self takes no more entries
 */
char *
care_sandbox_bundle_finish (CareSandboxBundle *self,
                            gsize             *out_length)
{
  g_return_val_if_fail (self->text != NULL, NULL);

  g_string_append (self->text, "]}");
  *out_length = self->text->len;
  return g_string_free (g_steal_pointer (&self->text), FALSE);
}

/**
 * care_sandbox_bundle_send: (skip)
 * @self: a Bundle being written
 * @msg: the request it answers
 *
 * Closes the Bundle and answers @msg with it (200).
 */
void
care_sandbox_bundle_send (CareSandboxBundle *self,
                          SoupServerMessage *msg)
{
  gsize length = 0;
  char *text = care_sandbox_bundle_finish (self, &length);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, care_sandbox_fhir_negotiate (msg), SOUP_MEMORY_TAKE,
                                    text, length);
}

void
care_sandbox_bundle_free (CareSandboxBundle *self)
{
  if (self->text != NULL)
    g_string_free (self->text, TRUE);
  g_free (self);
}
