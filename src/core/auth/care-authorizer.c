/* care-authorizer.c — signing in to a portal with SMART on FHIR
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The authorization code flow for a public native client (RFC 8252):
 * discovery, a fresh PKCE verifier and state, a listener on 127.0.0.1 at a
 * port the system picks that accepts exactly one matching redirect, the
 * portal's own pages in the user's browser (the "open-uri" signal asks the
 * app or the CLI to show them), then the code traded for tokens. A
 * redirect with another state is refused; a portal that refuses the aud
 * with a trailing slash is asked again without one (FHIR-CLIENT.md 2–5).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "care-authorizer.h"
#include "care-error.h"
#include "care-pkce.h"
#include "care-smart-config.h"

#include <string.h>

#define CLIENT_ID       "carebook"
#define DEFAULT_TIMEOUT (10 * 60)
#define SCOPES          "launch/patient openid fhirUser offline_access patient/*.rs"
#define PRIVATE_REDIRECT "org.carebook.carebook:/callback"

struct _CareAuthorizer
{
  GObject      parent_instance;

  SoupSession *session;
  GTask       *pending;          /* the sign-in waiting for a private-scheme redirect */
  guint        timeout;
  guint        private_scheme : 1;
};

G_DEFINE_FINAL_TYPE (CareAuthorizer, care_authorizer, G_TYPE_OBJECT)

enum {
  OPEN_URI,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
care_sign_in_free (CareSignIn *sign_in)
{
  if (sign_in == NULL)
    return;

  g_free (sign_in->fhir_base);
  g_free (sign_in->patient_id);
  g_free (sign_in->fhir_user);
  g_free (sign_in->scope);
  g_free (sign_in->access_token);
  g_free (sign_in->refresh_token);
  g_free (sign_in->token_endpoint);
  g_free (sign_in->revocation_endpoint);
  g_free (sign_in->display_name);
  g_free (sign_in->birth_date);
  g_free (sign_in);
}

static void
care_authorizer_dispose (GObject *object)
{
  CareAuthorizer *self = (CareAuthorizer *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (care_authorizer_parent_class)->dispose (object);
}

static void
care_authorizer_class_init (CareAuthorizerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = care_authorizer_dispose;

  /**
   * CareAuthorizer::open-uri:
   * @uri: the portal's sign-in page
   *
   * Show @uri in the user's browser (the app), or print it (the CLI).
   */
  signals[OPEN_URI] = g_signal_new ("open-uri", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
care_authorizer_init (CareAuthorizer *self)
{
  self->timeout = DEFAULT_TIMEOUT;
}

/**
 * care_authorizer_new:
 * @session: the session to talk to portals with
 *
 * Returns: (transfer full): a new authorizer
 */
CareAuthorizer *
care_authorizer_new (SoupSession *session)
{
  CareAuthorizer *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);

  self = g_object_new (CARE_TYPE_AUTHORIZER, NULL);
  self->session = g_object_ref (session);
  return self;
}

/**
 * care_authorizer_set_timeout:
 * @self: a #CareAuthorizer
 * @seconds: how long to wait for the browser (default ten minutes)
 */
void
care_authorizer_set_timeout (CareAuthorizer *self,
                             guint           seconds)
{
  g_return_if_fail (CARE_IS_AUTHORIZER (self));

  self->timeout = seconds;
}

typedef struct
{
  CareSmartConfig *config;
  CarePkce        *pkce;
  SoupServer      *listener;
  char            *redirect_uri;
  char            *login_hint;
  char            *fhir_base;
  guint            timeout_id;
  gulong           cancelled_id;
  gboolean         holding;
  gboolean         done;
  CareSignIn      *result;
} SignIn;

static void
sign_in_data_free (SignIn *data)
{
  if (data->listener != NULL)
    soup_server_disconnect (data->listener);
  g_clear_object (&data->listener);
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_clear_object (&data->config);
  g_clear_pointer (&data->pkce, care_pkce_free);
  g_free (data->redirect_uri);
  g_free (data->login_hint);
  g_free (data->fhir_base);
  g_clear_pointer (&data->result, care_sign_in_free);
  g_free (data);
}

/* Stops waiting for the browser: no more listening, no timeout, no
 * cancel handler, and the reference the wait held on the task goes. Call
 * last: the task may be gone afterwards. */
static void
stop_waiting (GTask *task)
{
  SignIn *data = g_task_get_task_data (task);
  CareAuthorizer *self = g_task_get_source_object (task);

  if (self->pending == task)
    self->pending = NULL;

  g_clear_handle_id (&data->timeout_id, g_source_remove);
  if (data->cancelled_id != 0)
    g_signal_handler_disconnect (g_task_get_cancellable (task), data->cancelled_id);
  data->cancelled_id = 0;
  if (data->listener != NULL)
    soup_server_disconnect (data->listener);
  if (data->holding)
    {
      data->holding = FALSE;
      g_object_unref (task);
    }
}

/* Ends the flow once, with @error. */
static void
finish_with_error (GTask  *task,
                   GError *error)
{
  SignIn *data = g_task_get_task_data (task);

  if (data->done)
    {
      g_error_free (error);
      return;
    }
  data->done = TRUE;
  g_task_return_error (task, error);
  stop_waiting (task);
}

static void
patient_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(JsonParser) parser = json_parser_new ();
  CareSignIn *sign_in = data->result;

  data->result = NULL;

  /* The name is for the person switcher; without it sign-in still counts. */
  if (bytes != NULL && SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)) &&
      json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *patient = json_node_get_object (json_parser_get_root (parser));
      JsonArray *names = json_object_has_member (patient, "name")
                         ? json_object_get_array_member (patient, "name") : NULL;
      JsonObject *name = names != NULL && json_array_get_length (names) > 0
                         ? json_array_get_object_element (names, 0) : NULL;

      sign_in->birth_date = g_strdup (json_object_get_string_member_with_default (patient, "birthDate",
                                                                                  NULL));
      if (name != NULL && json_object_has_member (name, "text"))
        sign_in->display_name = g_strdup (json_object_get_string_member (name, "text"));
      else if (name != NULL)
        {
          JsonArray *given = json_object_has_member (name, "given")
                             ? json_object_get_array_member (name, "given") : NULL;
          const char *first = given != NULL && json_array_get_length (given) > 0
                              ? json_array_get_string_element (given, 0) : NULL;
          const char *family = json_object_get_string_member_with_default (name, "family", NULL);

          sign_in->display_name = first != NULL && family != NULL
                                  ? g_strdup_printf ("%s %s", first, family)
                                  : g_strdup (first != NULL ? first : family);
        }
    }

  data->done = TRUE;
  g_task_return_pointer (task, sign_in, (GDestroyNotify)care_sign_in_free);
}

/* The Patient is read by id, never searched (FHIR-CLIENT 14). */
static void
read_patient (GTask      *task,
              CareSignIn *sign_in)
{
  SignIn *data = g_task_get_task_data (task);
  CareAuthorizer *self = g_task_get_source_object (task);
  g_autofree char *escaped = g_uri_escape_string (sign_in->patient_id, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("%s/Patient/%s", sign_in->fhir_base, escaped);
  g_autofree char *authorization = g_strconcat ("Bearer ", sign_in->access_token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

  data->result = sign_in;
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/fhir+json, application/json");
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), patient_cb, g_object_ref (task));
}

static void
token_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(CareSignIn) sign_in = NULL;
  JsonObject *response;
  const char *patient;
  const char *fhir_user;

  if (bytes == NULL)
    {
      finish_with_error (task, g_error_new_literal (CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE,
                                                    _("The health system could not be reached to "
                                                      "finish signing in.")));
      return;
    }

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      finish_with_error (task, g_error_new_literal (CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_BAD_RESPONSE,
                                                    _("The health system answered sign-in with "
                                                      "something Carebook cannot read.")));
      return;
    }

  response = json_node_get_object (json_parser_get_root (parser));
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)) ||
      !json_object_has_member (response, "access_token"))
    {
      finish_with_error (task, g_error_new_literal (CARE_AUTH_ERROR, CARE_AUTH_ERROR_DENIED,
                                                    _("The health system refused to finish signing "
                                                      "in. Please try again.")));
      return;
    }

  /* The patient is the token's, else a Patient fhirUser (FHIR-CLIENT 5). */
  patient = json_object_get_string_member_with_default (response, "patient", NULL);
  fhir_user = json_object_get_string_member_with_default (response, "fhirUser", NULL);
  sign_in = g_new0 (CareSignIn, 1);
  if (patient != NULL)
    sign_in->patient_id = g_strdup (patient);
  else if (fhir_user != NULL && strstr (fhir_user, "Patient/") != NULL)
    sign_in->patient_id = g_strdup (strstr (fhir_user, "Patient/") + strlen ("Patient/"));

  if (sign_in->patient_id == NULL)
    {
      finish_with_error (task, g_error_new_literal (CARE_AUTH_ERROR, CARE_AUTH_ERROR_NO_PATIENT,
                                                    _("The health system did not say whose record "
                                                      "was opened, so Carebook cannot show it.")));
      return;
    }

  sign_in->fhir_base = g_strdup (data->fhir_base);
  sign_in->fhir_user = g_strdup (fhir_user);
  sign_in->scope = g_strdup (json_object_get_string_member_with_default (response, "scope", SCOPES));
  sign_in->access_token = g_strdup (json_object_get_string_member (response, "access_token"));
  sign_in->refresh_token = g_strdup (json_object_get_string_member_with_default (response,
                                                                                 "refresh_token", NULL));
  sign_in->token_endpoint = g_strdup (care_smart_config_get_token_endpoint (data->config));
  sign_in->revocation_endpoint = g_strdup (care_smart_config_get_revocation_endpoint (data->config));
  sign_in->expires_at = g_get_real_time () / G_USEC_PER_SEC +
                        json_object_get_int_member_with_default (response, "expires_in", 3600);
  /* Anyone but the patient themself signing in (a RelatedPerson, a
   * Person, another Patient) means access for someone else. */
  if (fhir_user != NULL)
    {
      const char *own = strstr (fhir_user, "Patient/");

      sign_in->is_proxy = own == NULL || !g_str_equal (own + strlen ("Patient/"), sign_in->patient_id);
    }

  read_patient (task, g_steal_pointer (&sign_in));
}

static void
exchange_code (GTask      *task,
               const char *code)
{
  SignIn *data = g_task_get_task_data (task);
  CareAuthorizer *self = g_task_get_source_object (task);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  char *form;

  form = soup_form_encode ("grant_type", "authorization_code",
                           "code", code,
                           "redirect_uri", data->redirect_uri,
                           "code_verifier", data->pkce->verifier,
                           "client_id", CLIENT_ID,
                           NULL);
  body = g_bytes_new_take (form, strlen (form));
  msg = soup_message_new ("POST", care_smart_config_get_token_endpoint (data->config));
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), token_cb, g_object_ref (task));
}

static const char return_page[] =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Carebook</title><style>"
  "body{font-family:Cantarell,sans-serif;background:#f6f5f4;color:#2e3436;text-align:center;"
  "margin-top:20vh}</style></head><body><h1>%s</h1><p>%s</p></body></html>";

static void
send_return_page (SoupServerMessage *msg,
                  gboolean           ok)
{
  char *html = g_strdup_printf (return_page,
                                ok ? _("You can return to Carebook") : _("Sign-in did not finish"),
                                ok ? _("You may close this tab.")
                                   : _("Go back to Carebook to see what happened."));

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, html,
                                    strlen (html));
}

/* The portal's answer, from the loopback listener or a private-scheme
 * URI the app received; returns whether it went well, for the browser page. */
static gboolean
handle_redirect (GTask      *task,
                 GHashTable *query)
{
  SignIn *data = g_task_get_task_data (task);
  const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  const char *code = query != NULL ? g_hash_table_lookup (query, "code") : NULL;
  const char *error = query != NULL ? g_hash_table_lookup (query, "error") : NULL;

  /* Only the redirect of this very request: anything else is refused. */
  if (state == NULL || !g_str_equal (state, data->pkce->state))
    {
      finish_with_error (task, g_error_new_literal (CARE_AUTH_ERROR, CARE_AUTH_ERROR_STATE_MISMATCH,
                                                    _("The answer to sign-in did not come from this "
                                                      "request, so it was ignored. Please try again.")));
      return FALSE;
    }

  if (error != NULL || code == NULL)
    {
      if (g_strcmp0 (error, "access_denied") == 0)
        finish_with_error (task, g_error_new_literal (CARE_AUTH_ERROR, CARE_AUTH_ERROR_DENIED,
                                                      _("Access was not allowed at the health "
                                                        "system’s sign-in page.")));
      else
        finish_with_error (task, g_error_new_literal (CARE_AUTH_ERROR, CARE_AUTH_ERROR_DENIED,
                                                      _("The health system refused the sign-in "
                                                        "request.")));
      return FALSE;
    }

  exchange_code (task, code);
  stop_waiting (task);
  return TRUE;
}

static void
redirect_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  GTask *task = user_data;
  SignIn *data = g_task_get_task_data (task);

  if (!g_str_equal (path, "/callback") || data->done)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  /* The page is answered before the task may end and free the listener. */
  g_object_ref (task);
  send_return_page (msg, g_strcmp0 (query != NULL ? g_hash_table_lookup (query, "state") : NULL,
                                    data->pkce->state) == 0 &&
                         (query == NULL || g_hash_table_lookup (query, "error") == NULL));
  handle_redirect (task, query);
  g_object_unref (task);
}

static gboolean
timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  SignIn *data = g_task_get_task_data (task);

  data->timeout_id = 0;
  finish_with_error (task, g_error_new_literal (CARE_AUTH_ERROR, CARE_AUTH_ERROR_CANCELLED,
                                                _("Signing in took too long and was stopped. "
                                                  "Please try again.")));
  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;

  finish_with_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                _("Signing in was cancelled.")));
}

static char *
build_authorize_uri (SignIn     *data,
                     const char *aud)
{
  GString *uri = g_string_new (care_smart_config_get_authorization_endpoint (data->config));
  g_autofree char *query = soup_form_encode ("response_type", "code",
                                             "client_id", CLIENT_ID,
                                             "redirect_uri", data->redirect_uri,
                                             "scope", SCOPES,
                                             "state", data->pkce->state,
                                             "aud", aud,
                                             "code_challenge", data->pkce->challenge,
                                             "code_challenge_method", "S256",
                                             NULL);

  g_string_append_c (uri, strchr (uri->str, '?') != NULL ? '&' : '?');
  g_string_append (uri, query);
  if (data->login_hint != NULL)
    {
      g_autofree char *hint = g_uri_escape_string (data->login_hint, NULL, FALSE);

      g_string_append_printf (uri, "&login_hint=%s", hint);
    }

  return g_string_free (uri, FALSE);
}

static void
discovered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CareAuthorizer *self = g_task_get_source_object (task);
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *uri = NULL;
  GSList *uris;

  data->config = care_smart_discover_finish (result, &error);
  if (data->config == NULL)
    {
      finish_with_error (task, g_steal_pointer (&error));
      return;
    }
  data->fhir_base = g_strdup (care_smart_config_get_fhir_base (data->config));

  if (self->private_scheme)
    {
      /* For portals that refuse loopback redirects: the desktop file
       * registers the scheme, and the app hands the URI back through
       * care_authorizer_deliver_redirect(). */
      data->redirect_uri = g_strdup (PRIVATE_REDIRECT);
      self->pending = task;
    }
  else
    {
      /* 127.0.0.1 only, a port the system picks, one redirect (RFC 8252). */
      data->listener = soup_server_new ("server-header", "Carebook", NULL);
      soup_server_add_handler (data->listener, NULL, redirect_cb, task, NULL);
      loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      address = g_inet_socket_address_new (loopback, 0);
      if (!soup_server_listen (data->listener, address, 0, &error))
        {
          finish_with_error (task, g_steal_pointer (&error));
          return;
        }
      uris = soup_server_get_uris (data->listener);
      data->redirect_uri = g_strdup_printf ("http://127.0.0.1:%d/callback", g_uri_get_port (uris->data));
      g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
    }

  /* Waiting holds the task's reference until the redirect, the timeout or
   * a cancel; the "cancelled" signal is connected directly, since
   * g_cancellable_disconnect() would deadlock from its own handler. */
  data->holding = TRUE;
  data->timeout_id = g_timeout_add_seconds (self->timeout, timeout_cb, task);
  if (g_task_get_cancellable (task) != NULL)
    data->cancelled_id = g_signal_connect (g_task_get_cancellable (task), "cancelled",
                                           G_CALLBACK (cancelled_cb), task);
  g_steal_pointer (&task);

  uri = build_authorize_uri (data, data->fhir_base);
  g_signal_emit (self, signals[OPEN_URI], 0, uri);
}

/**
 * care_authorizer_sign_in_async:
 * @self: a #CareAuthorizer
 * @fhir_base: the portal's FHIR base URL
 * @login_hint: (nullable): passed to the portal (the demo uses "demo:maria")
 * @cancellable: (nullable): cancels waiting for the browser
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Emits #CareAuthorizer::open-uri with the portal's sign-in page, then
 * waits for its redirect (ten minutes at most).
 */
void
care_authorizer_sign_in_async (CareAuthorizer      *self,
                               const char          *fhir_base,
                               const char          *login_hint,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SignIn *data;

  g_return_if_fail (CARE_IS_AUTHORIZER (self));
  g_return_if_fail (fhir_base != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_authorizer_sign_in_async);
  data = g_new0 (SignIn, 1);
  data->pkce = care_pkce_new ();
  data->login_hint = g_strdup (login_hint);
  g_task_set_task_data (task, data, (GDestroyNotify)sign_in_data_free);

  care_smart_discover_async (self->session, fhir_base, cancellable, discovered_cb,
                             g_steal_pointer (&task));
}

/**
 * care_authorizer_sign_in_finish:
 * @self: a #CareAuthorizer
 * @result: the result given to the callback
 * @error: return location for a #CARE_AUTH_ERROR or #CARE_PORTAL_ERROR
 *
 * Returns: (transfer full) (nullable): the sign-in
 */
CareSignIn *
care_authorizer_sign_in_finish (CareAuthorizer  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (CARE_IS_AUTHORIZER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * care_authorizer_set_private_scheme:
 * @self: a #CareAuthorizer
 * @private_scheme: redirect to org.carebook.carebook:/callback instead of
 *   a loopback listener
 *
 * Some portals refuse loopback redirects (FHIR-CLIENT.md 3).
 */
void
care_authorizer_set_private_scheme (CareAuthorizer *self,
                                    gboolean        private_scheme)
{
  g_return_if_fail (CARE_IS_AUTHORIZER (self));

  self->private_scheme = !!private_scheme;
}

/**
 * care_authorizer_deliver_redirect:
 * @self: a #CareAuthorizer
 * @uri: an org.carebook.carebook: URI the app was opened with
 *
 * Returns: %TRUE if a sign-in was waiting for it
 */
gboolean
care_authorizer_deliver_redirect (CareAuthorizer *self,
                                  const char     *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GHashTable) query = NULL;
  GTask *task;

  g_return_val_if_fail (CARE_IS_AUTHORIZER (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  if (self->pending == NULL || !g_str_has_prefix (uri, "org.carebook.carebook:"))
    return FALSE;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed != NULL && g_uri_get_query (parsed) != NULL)
    query = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE, NULL);

  task = g_object_ref (self->pending);
  handle_redirect (task, query);
  g_object_unref (task);
  return TRUE;
}
