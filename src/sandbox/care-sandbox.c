/* care-sandbox.c — the in-process reference patient portal
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SoupServer on 127.0.0.1 that routes: SMART discovery
 * (`.well-known/smart-configuration`), `/fhir/metadata`, and the FHIR REST
 * interface under `/fhir`, which needs a bearer token. The same object is
 * embedded by `carebook --demo` and the tests, and run by the
 * carebook-sandbox executable.
 */
#include "config.h"

#include "care-error.h"
#include "care-sandbox.h"
#include "care-sandbox-faults.h"
#include "care-sandbox-fhir.h"
#include "care-sandbox-object.h"
#include "care-sandbox-private.h"
#include "care-sandbox-scheduling.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/random.h>

/* struct _CareSandbox is in care-sandbox-object.h */
G_DEFINE_FINAL_TYPE (CareSandbox, care_sandbox, G_TYPE_OBJECT)

static void
care_sandbox_dispose (GObject *object)
{
  CareSandbox *self = (CareSandbox *)object;

  g_clear_handle_id (&self->offers_id, g_source_remove);
  care_sandbox_stop (self);
  g_clear_object (&self->messages);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (care_sandbox_parent_class)->dispose (object);
}

static void
care_sandbox_finalize (GObject *object)
{
  CareSandbox *self = (CareSandbox *)object;

  g_clear_pointer (&self->grants, g_hash_table_unref);
  g_clear_pointer (&self->faults, care_sandbox_faults_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->fhir_base, g_free);

  G_OBJECT_CLASS (care_sandbox_parent_class)->finalize (object);
}

static void
care_sandbox_class_init (CareSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = care_sandbox_dispose;
  object_class->finalize = care_sandbox_finalize;
}

static void
care_sandbox_init (CareSandbox *self)
{
  self->grants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)care_sandbox_grant_free);
  self->faults = care_sandbox_faults_new ();
  self->token_lifetime = 3600;
  self->reply_after = -1;
}

/**
 * care_sandbox_new:
 * @data_dir: (nullable): a folder for the sandbox's database, or %NULL to
 *   keep everything in memory
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a new, stopped sandbox
 */
CareSandbox *
care_sandbox_new (const char  *data_dir,
                  GError     **error)
{
  g_autoptr(CareSandbox) self = g_object_new (CARE_TYPE_SANDBOX, NULL);
  g_autofree char *path = NULL;

  if (data_dir != NULL)
    {
      if (g_mkdir_with_parents (data_dir, 0700) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot create %s", data_dir);
          return NULL;
        }
      path = g_build_filename (data_dir, "sandbox.db", NULL);
      if (!care_sandbox_make_private (data_dir, path, error))
        return NULL;
    }

  self->store = care_sandbox_store_new (path, error);
  if (self->store == NULL)
    return NULL;
  self->messages = care_sandbox_messages_new (self->store);
  care_sandbox_auth_init_tables (self);

  return g_steal_pointer (&self);
}

/**
 * care_sandbox_get_store:
 * @self: a #CareSandbox
 *
 * Returns: (transfer none): the resources the portal serves
 */
CareSandboxStore *
care_sandbox_get_store (CareSandbox *self)
{
  g_return_val_if_fail (CARE_IS_SANDBOX (self), NULL);

  return self->store;
}

static gboolean
open_offers_cb (gpointer user_data)
{
  CareSandbox *self = user_data;

  care_sandbox_scheduling_open_offers (self->store);
  return G_SOURCE_CONTINUE;
}

void
care_sandbox_set_demo (CareSandbox *self,
                       gboolean     demo)
{
  g_return_if_fail (CARE_IS_SANDBOX (self));

  self->demo = !!demo;
  /* The demo's wait list: now and then an earlier time opens up. */
  if (self->demo && self->offers_id == 0)
    self->offers_id = g_timeout_add_seconds (20, open_offers_cb, self);
  /* The demo clinician answers in demo mode, after 30 s unless told. */
  care_sandbox_messages_set_reply_after (self->messages,
                                         self->reply_after >= 0 ? self->reply_after : demo ? 30 : -1);
}

/**
 * care_sandbox_set_reply_after:
 * @self: a #CareSandbox
 * @seconds: how long the demo clinician takes to answer a message (0:
 *   at once, as tests want); a negative value turns the clinician off
 *
 * Also turns the clinician on outside demo mode (tests).
 */
void
care_sandbox_set_reply_after (CareSandbox *self,
                              int          seconds)
{
  g_return_if_fail (CARE_IS_SANDBOX (self));

  self->reply_after = seconds;
  care_sandbox_messages_set_reply_after (self->messages, seconds);
}

/**
 * care_sandbox_get_messages:
 * @self: a #CareSandbox
 *
 * Returns: (transfer none): the messaging rules and the demo clinician
 */
CareSandboxMessages *
care_sandbox_get_messages (CareSandbox *self)
{
  g_return_val_if_fail (CARE_IS_SANDBOX (self), NULL);

  return self->messages;
}

static char *
dup_random_token (void)
{
  guint8 bytes[24];

  if (getrandom (bytes, sizeof bytes, 0) != sizeof bytes)
    g_error ("No randomness for a token");

  return g_base64_encode (bytes, sizeof bytes);
}

/**
 * care_sandbox_issue_token_for_tests:
 * @self: a #CareSandbox
 * @patient_id: the patient the token reaches
 * @scope: space-separated scopes
 * @lifetime_seconds: how long the token works (may be 0 or negative for
 *   an already expired one)
 *
 * Issues an access token without the sign-in pages, for tests and the
 * command-line sandbox.
 *
 * Returns: (transfer full): the access token
 */
char *
care_sandbox_issue_token_for_tests (CareSandbox *self,
                                    const char  *patient_id,
                                    const char  *scope,
                                    int          lifetime_seconds)
{
  return care_sandbox_issue_proxy_token_for_tests (self, patient_id, scope, lifetime_seconds,
                                                   CARE_SANDBOX_PROXY_NONE);
}

/**
 * care_sandbox_issue_proxy_token_for_tests:
 * @self: a #CareSandbox
 * @patient_id: the patient the token reaches
 * @scope: space-separated scopes
 * @lifetime_seconds: how long the token works
 * @proxy_kind: a #CareSandboxProxyKind: how the user reaches the patient
 *
 * Returns: (transfer full): the access token
 */
char *
care_sandbox_issue_proxy_token_for_tests (CareSandbox *self,
                                          const char  *patient_id,
                                          const char  *scope,
                                          int          lifetime_seconds,
                                          int          proxy_kind)
{
  CareSandboxGrant *grant;

  g_return_val_if_fail (CARE_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  grant = g_new0 (CareSandboxGrant, 1);
  grant->patient_id = g_strdup (patient_id);
  grant->scopes = g_strsplit (scope, " ", -1);
  grant->expires_at = care_sandbox_now (self) + lifetime_seconds;
  grant->proxy_kind = proxy_kind;

  return care_sandbox_add_grant (self, grant);
}

/**
 * care_sandbox_add_grant: (skip)
 * @self: a #CareSandbox
 * @grant: (transfer full): what the new token allows
 *
 * Returns: (transfer full): a new access token for @grant
 */
char *
care_sandbox_add_grant (CareSandbox      *self,
                        CareSandboxGrant *grant)
{
  char *token = dup_random_token ();

  g_hash_table_insert (self->grants, g_strdup (token), grant);
  return token;
}

/**
 * care_sandbox_drop_grants: (skip)
 * @self: a #CareSandbox
 * @family: (nullable): end the access tokens of this sign-in
 * @username: (nullable): end every access token of this login
 *
 * Ends access tokens at once, not when they expire: a replayed code, a
 * reused refresh token or a revocation ends the sign-in's family; a
 * password reset ends every session of the login.
 */
void
care_sandbox_drop_grants (CareSandbox *self,
                          const char  *family,
                          const char  *username)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->grants);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CareSandboxGrant *grant = value;

      if ((family != NULL && g_strcmp0 (grant->family, family) == 0) ||
          (username != NULL && g_strcmp0 (grant->username, username) == 0))
        g_hash_table_iter_remove (&iter);
    }
}

/**
 * care_sandbox_lookup_grant: (skip)
 * @self: a #CareSandbox
 * @token: an access token
 *
 * Returns: (nullable) (transfer none): what @token allows, expired or not
 */
const CareSandboxGrant *
care_sandbox_lookup_grant (CareSandbox *self,
                           const char  *token)
{
  return token != NULL ? g_hash_table_lookup (self->grants, token) : NULL;
}

void
care_sandbox_remove_grant (CareSandbox *self,
                           const char  *token)
{
  g_hash_table_remove (self->grants, token);
}

gboolean
care_sandbox_get_demo (CareSandbox *self)
{
  return self->demo;
}

gboolean
care_sandbox_get_testing (CareSandbox *self)
{
  return self->testing;
}

int
care_sandbox_get_token_lifetime (CareSandbox *self)
{
  return self->token_lifetime;
}

/**
 * care_sandbox_now:
 * @self: a #CareSandbox
 *
 * Returns: the portal's clock in unix seconds, which tests may move on
 */
gint64
care_sandbox_now (CareSandbox *self)
{
  return g_get_real_time () / G_USEC_PER_SEC + self->clock_offset;
}

/**
 * care_sandbox_advance_clock:
 * @self: a #CareSandbox
 * @seconds: how far to move the portal's clock forward
 *
 * Lets tests expire codes and tokens without waiting.
 */
void
care_sandbox_advance_clock (CareSandbox *self,
                            int          seconds)
{
  g_return_if_fail (CARE_IS_SANDBOX (self));

  self->clock_offset += seconds;
  care_sandbox_store_set_clock_offset (self->store, self->clock_offset);
}

/**
 * care_sandbox_open_wait_list_offers:
 * @self: a #CareSandbox
 *
 * Offers an earlier time to each booked appointment on the wait list
 * (care_sandbox_scheduling_open_offers()). With --demo this runs every
 * 20 seconds, so joining the wait list brings an offer soon after.
 *
 * Returns: how many offers were made
 */
guint
care_sandbox_open_wait_list_offers (CareSandbox *self)
{
  g_return_val_if_fail (CARE_IS_SANDBOX (self), 0);

  return care_sandbox_scheduling_open_offers (self->store);
}

/**
 * care_sandbox_set_token_lifetime:
 * @self: a #CareSandbox
 * @seconds: how long new access tokens work (default 3600)
 */
void
care_sandbox_set_token_lifetime (CareSandbox *self,
                                 int          seconds)
{
  g_return_if_fail (CARE_IS_SANDBOX (self));
  g_return_if_fail (seconds > 0);

  self->token_lifetime = seconds;
}

/**
 * care_sandbox_request_bearer: (skip)
 * @msg: a request
 *
 * Returns: (nullable): the request's bearer token, or %NULL when it carries none
 */
const char *
care_sandbox_request_bearer (SoupServerMessage *msg)
{
  const char *authorization;

  authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                "Authorization");
  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return NULL;

  return authorization + 7;
}

static const CareSandboxGrant *
lookup_grant (CareSandbox       *self,
              SoupServerMessage *msg)
{
  const char *token = care_sandbox_request_bearer (msg);
  const CareSandboxGrant *grant;

  if (token == NULL)
    return NULL;

  grant = g_hash_table_lookup (self->grants, token);
  if (grant == NULL || grant->expires_at <= care_sandbox_now (self))
    return NULL;

  return grant;
}

/**
 * care_sandbox_lookup_request_grant: (skip)
 * @self: a #CareSandbox
 * @msg: a request
 *
 * Returns: (nullable): what the request's bearer token allows, if it is
 *   a live one
 */
const CareSandboxGrant *
care_sandbox_lookup_request_grant (CareSandbox       *self,
                                   SoupServerMessage *msg)
{
  return lookup_grant (self, msg);
}

/**
 * care_sandbox_decode_form: (skip)
 * @query: (nullable): an encoded query string or form body
 *
 * Repeated fields (date=ge2020&date=lt2021, ticked checkboxes) are joined
 * with \x1f, which soup_form_decode() would have dropped.
 *
 * Returns: (transfer full): field name → value
 */
GHashTable *
care_sandbox_decode_form (const char *query)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) pairs = NULL;

  if (query == NULL)
    return table;

  pairs = g_strsplit (query, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');
      g_autofree char *raw_key = NULL;
      g_autofree char *raw_value = NULL;
      char *key;
      char *value;
      const char *previous;

      if (pairs[i][0] == '\0')
        continue;
      raw_key = eq != NULL ? g_strndup (pairs[i], eq - pairs[i]) : g_strdup (pairs[i]);
      raw_value = g_strdup (eq != NULL ? eq + 1 : "");
      g_strdelimit (raw_value, "+", ' ');
      key = g_uri_unescape_string (raw_key, NULL);
      value = g_uri_unescape_string (raw_value, NULL);
      if (key == NULL || value == NULL)
        {
          g_free (key);
          g_free (value);
          continue;
        }

      previous = g_hash_table_lookup (table, key);
      if (previous != NULL)
        {
          char *joined = g_strconcat (previous, "\x1f", value, NULL);

          g_free (value);
          value = joined;
        }
      g_hash_table_insert (table, key, value);
    }

  return table;
}

/**
 * care_sandbox_set_faults:
 * @self: a #CareSandbox
 * @spec: a fault spec (see care-sandbox-faults.c), or "" for none
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @spec was valid
 */
gboolean
care_sandbox_set_faults (CareSandbox  *self,
                         const char   *spec,
                         GError      **error)
{
  g_return_val_if_fail (CARE_IS_SANDBOX (self), FALSE);

  return care_sandbox_faults_parse (self->faults, spec, error);
}

/**
 * care_sandbox_seed:
 * @self: a #CareSandbox
 * @options: (nullable): seed and scale; %NULL for the demo's defaults
 * @error: return location for a #GError
 *
 * Fills the portal with the demo family and their logins (see
 * care-sandbox-seed.h and care_sandbox_add_demo_logins()).
 *
 * Returns: %TRUE on success
 */
gboolean
care_sandbox_seed (CareSandbox                  *self,
                   const CareSandboxSeedOptions *options,
                   GError                      **error)
{
  g_return_val_if_fail (CARE_IS_SANDBOX (self), FALSE);

  if (!care_sandbox_seed_demo (self->store, options, error))
    return FALSE;

  care_sandbox_add_demo_logins (self, 0);
  return TRUE;
}

/**
 * care_sandbox_set_testing:
 * @self: a #CareSandbox
 * @testing: whether the control endpoints (/sandbox/…) are open
 */
void
care_sandbox_set_testing (CareSandbox *self,
                          gboolean     testing)
{
  g_return_if_fail (CARE_IS_SANDBOX (self));

  self->testing = !!testing;
}

/**
 * care_sandbox_set_refuse_loopback:
 * @self: a #CareSandbox
 * @refuse_loopback: whether sign-in refuses loopback redirect addresses
 *
 * Like Oracle Health's and the VA's portals, which accept only a
 * private-use scheme redirect for native apps: a request naming a
 * loopback redirect gets the "This app cannot sign in here" page.
 */
void
care_sandbox_set_refuse_loopback (CareSandbox *self,
                                  gboolean     refuse_loopback)
{
  g_return_if_fail (CARE_IS_SANDBOX (self));

  self->refuse_loopback = !!refuse_loopback;
}

gboolean
care_sandbox_get_refuse_loopback (CareSandbox *self)
{
  g_return_val_if_fail (CARE_IS_SANDBOX (self), FALSE);

  return self->refuse_loopback;
}

/**
 * care_sandbox_set_print_messages:
 * @self: a #CareSandbox
 * @print_messages: whether each message the portal "sends" (a 2-step or
 *   reset code, a forgotten username) is also printed on standard error
 *
 * The sandbox sends no real e-mail or text. Run on its own without
 * --demo, the outbox is closed, so a development server prints the
 * codes on standard error instead, for whoever started it.
 */
void
care_sandbox_set_print_messages (CareSandbox *self,
                                 gboolean     print_messages)
{
  g_return_if_fail (CARE_IS_SANDBOX (self));

  self->print_messages = !!print_messages;
}

gboolean
care_sandbox_get_print_messages (CareSandbox *self)
{
  g_return_val_if_fail (CARE_IS_SANDBOX (self), FALSE);

  return self->print_messages;
}

/**
 * care_sandbox_start:
 * @self: a #CareSandbox
 * @port: the port, or 0 for one the system picks
 * @error: return location for a #GError
 *
 * Listens on 127.0.0.1 only: the sandbox is never reachable from other
 * machines.
 *
 * Returns: %TRUE on success
 */
gboolean
care_sandbox_start (CareSandbox  *self,
                    guint16       port,
                    GError      **error)
{
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  GSList *uris;
  GUri *uri;

  g_return_val_if_fail (CARE_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  self->server = soup_server_new ("server-header", "carebook-sandbox", NULL);
  soup_server_add_early_handler (self->server, NULL, care_sandbox_limits_headers_cb, self, NULL);
  soup_server_add_handler (self->server, NULL, care_sandbox_serve_cb, self, NULL);
  care_sandbox_load_watch (&self->load, self->server);

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);
  if (!soup_server_listen (self->server, address, 0, error))
    {
      g_clear_object (&self->server);
      return FALSE;
    }

  uris = soup_server_get_uris (self->server);
  uri = uris->data;
  self->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uri));
  self->fhir_base = g_strconcat (self->base_url, "/fhir", NULL);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  return TRUE;
}

/**
 * care_sandbox_stop:
 * @self: a #CareSandbox
 *
 * Stops listening; the data stays.
 */
void
care_sandbox_stop (CareSandbox *self)
{
  g_return_if_fail (CARE_IS_SANDBOX (self));

  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
}

/**
 * care_sandbox_get_base_url:
 * @self: a started #CareSandbox
 *
 * Returns: "http://127.0.0.1:PORT"
 */
const char *
care_sandbox_get_base_url (CareSandbox *self)
{
  g_return_val_if_fail (CARE_IS_SANDBOX (self), NULL);

  return self->base_url;
}

/**
 * care_sandbox_get_fhir_base:
 * @self: a started #CareSandbox
 *
 * Returns: the FHIR base, "http://127.0.0.1:PORT/fhir"
 */
const char *
care_sandbox_get_fhir_base (CareSandbox *self)
{
  g_return_val_if_fail (CARE_IS_SANDBOX (self), NULL);

  return self->fhir_base;
}

/**
 * care_sandbox_get_load:
 * @self: a #CareSandbox
 *
 * Returns: (transfer none): how many requests the portal has read, is
 *   answering and answered at most at once, over every connection
 */
const CareSandboxLoad *
care_sandbox_get_load (CareSandbox *self)
{
  g_return_val_if_fail (CARE_IS_SANDBOX (self), NULL);

  return &self->load;
}
