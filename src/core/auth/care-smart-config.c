/* care-smart-config.c — a portal's SMART configuration, discovered
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads {base}/.well-known/smart-configuration, falling back to the
 * security extension of {base}/metadata, and resolves relative endpoint
 * URLs against the base (FHIR-CLIENT.md 1). A configuration that lists its
 * PKCE methods must include S256 (2). Plain http is refused except to
 * this machine, and a certificate problem is said in words.
 *
 * The configuration is a portal's word, and a hostile one could send the
 * code and PKCE verifier to a token endpoint elsewhere over plain http,
 * or hand the desktop's URI launcher `file:///etc/passwd` as its sign-in
 * page: every endpoint must be https, or http to this machine only when
 * the FHIR base is on this machine too. Both documents are read within
 * %CARE_HTTP_MAX_METADATA_BYTES.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "care-error.h"
#include "care-fhir.h"
#include "care-http.h"
#include "care-json.h"
#include "care-portal-url.h"
#include "care-smart-config.h"

#include <string.h>

struct _CareSmartConfig
{
  GObject   parent_instance;

  char     *fhir_base;
  char     *authorization_endpoint;
  char     *token_endpoint;
  char     *revocation_endpoint;
  char     *registration_endpoint;
  char    **capabilities;
  char    **code_challenge_methods;
  char    **scopes_supported;
  guint     from_metadata : 1;
};

G_DEFINE_FINAL_TYPE (CareSmartConfig, care_smart_config, G_TYPE_OBJECT)

static void
care_smart_config_finalize (GObject *object)
{
  CareSmartConfig *self = (CareSmartConfig *)object;

  g_clear_pointer (&self->fhir_base, g_free);
  g_clear_pointer (&self->authorization_endpoint, g_free);
  g_clear_pointer (&self->token_endpoint, g_free);
  g_clear_pointer (&self->revocation_endpoint, g_free);
  g_clear_pointer (&self->registration_endpoint, g_free);
  g_clear_pointer (&self->capabilities, g_strfreev);
  g_clear_pointer (&self->code_challenge_methods, g_strfreev);
  g_clear_pointer (&self->scopes_supported, g_strfreev);

  G_OBJECT_CLASS (care_smart_config_parent_class)->finalize (object);
}

static void
care_smart_config_class_init (CareSmartConfigClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = care_smart_config_finalize;
}

static void
care_smart_config_init (CareSmartConfig *self)
{
}

const char *
care_smart_config_get_fhir_base (CareSmartConfig *self)
{
  g_return_val_if_fail (CARE_IS_SMART_CONFIG (self), NULL);
  return self->fhir_base;
}

const char *
care_smart_config_get_authorization_endpoint (CareSmartConfig *self)
{
  g_return_val_if_fail (CARE_IS_SMART_CONFIG (self), NULL);
  return self->authorization_endpoint;
}

const char *
care_smart_config_get_token_endpoint (CareSmartConfig *self)
{
  g_return_val_if_fail (CARE_IS_SMART_CONFIG (self), NULL);
  return self->token_endpoint;
}

/**
 * care_smart_config_get_revocation_endpoint:
 * @self: a #CareSmartConfig
 *
 * Returns: (nullable): where tokens are revoked, if the portal offers it
 */
const char *
care_smart_config_get_revocation_endpoint (CareSmartConfig *self)
{
  g_return_val_if_fail (CARE_IS_SMART_CONFIG (self), NULL);
  return self->revocation_endpoint;
}

/**
 * care_smart_config_get_registration_endpoint:
 * @self: a #CareSmartConfig
 *
 * Returns: (nullable): the dynamic client registration endpoint, if any
 */
const char *
care_smart_config_get_registration_endpoint (CareSmartConfig *self)
{
  g_return_val_if_fail (CARE_IS_SMART_CONFIG (self), NULL);
  return self->registration_endpoint;
}

gboolean
care_smart_config_has_capability (CareSmartConfig *self,
                                  const char      *capability)
{
  g_return_val_if_fail (CARE_IS_SMART_CONFIG (self), FALSE);

  return self->capabilities != NULL &&
         g_strv_contains ((const char * const *)self->capabilities, capability);
}

/**
 * care_smart_config_get_capabilities:
 * @self: a #CareSmartConfig
 *
 * Returns: (transfer none) (nullable): the SMART capabilities the portal
 *   lists (none when the endpoints came from its CapabilityStatement)
 */
const char * const *
care_smart_config_get_capabilities (CareSmartConfig *self)
{
  g_return_val_if_fail (CARE_IS_SMART_CONFIG (self), NULL);
  return (const char * const *)self->capabilities;
}

/**
 * care_smart_config_get_code_challenge_methods:
 * @self: a #CareSmartConfig
 *
 * Returns: (transfer none) (nullable): the PKCE methods the portal lists;
 *   %NULL when it came from the CapabilityStatement, which cannot say
 */
const char * const *
care_smart_config_get_code_challenge_methods (CareSmartConfig *self)
{
  g_return_val_if_fail (CARE_IS_SMART_CONFIG (self), NULL);
  return (const char * const *)self->code_challenge_methods;
}

/**
 * care_smart_config_get_scopes_supported:
 * @self: a #CareSmartConfig
 *
 * Returns: (transfer none) (nullable): the scopes the portal says it
 *   supports, if it says
 */
const char * const *
care_smart_config_get_scopes_supported (CareSmartConfig *self)
{
  g_return_val_if_fail (CARE_IS_SMART_CONFIG (self), NULL);
  return (const char * const *)self->scopes_supported;
}

/**
 * care_smart_config_get_v1_scopes_only:
 * @self: a #CareSmartConfig
 *
 * SMART v1 portals know `patient/*.read` but not the v2 `patient/*.rs`.
 * Only a portal that lists its scopes can tell; one that lists none is
 * asked in v2 style, which SMART 2.0 servers must accept.
 *
 * Returns: %TRUE if the listed scopes are all v1 style
 */
gboolean
care_smart_config_get_v1_scopes_only (CareSmartConfig *self)
{
  gboolean v1 = FALSE;

  g_return_val_if_fail (CARE_IS_SMART_CONFIG (self), FALSE);

  for (guint i = 0; self->scopes_supported != NULL && self->scopes_supported[i] != NULL; i++)
    {
      const char *scope = self->scopes_supported[i];
      const char *dot;

      if (!g_str_has_prefix (scope, "patient/") && !g_str_has_prefix (scope, "user/"))
        continue;
      dot = strrchr (scope, '.');
      if (dot == NULL)
        continue;
      if (g_str_equal (dot, ".read") || g_str_equal (dot, ".write") || g_str_equal (dot, ".*"))
        v1 = TRUE;
      else
        return FALSE;
    }

  return v1;
}

/**
 * care_smart_config_get_from_metadata:
 * @self: a #CareSmartConfig
 *
 * Returns: %TRUE if the portal had no smart-configuration and the
 *   endpoints came from its CapabilityStatement
 */
gboolean
care_smart_config_get_from_metadata (CareSmartConfig *self)
{
  g_return_val_if_fail (CARE_IS_SMART_CONFIG (self), FALSE);
  return self->from_metadata;
}

typedef struct
{
  SoupSession *session;
  SoupMessage *message;
  char        *fhir_base;
} Discovery;

static void
discovery_free (Discovery *discovery)
{
  g_clear_object (&discovery->session);
  g_clear_object (&discovery->message);
  g_free (discovery->fhir_base);
  g_free (discovery);
}

/* Endpoints may be relative to the FHIR base; a base is a folder. */
static char *
resolve (const char *fhir_base,
         const char *url)
{
  g_autofree char *folder = NULL;

  if (url == NULL || url[0] == '\0')
    return NULL;

  folder = g_str_has_suffix (fhir_base, "/") ? g_strdup (fhir_base) : g_strconcat (fhir_base, "/", NULL);
  return g_uri_resolve_relative (folder, url, G_URI_FLAGS_NONE, NULL);
}

static char **
dup_string_array (JsonObject *object,
                  const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_ptr_array_add (strings, g_strdup (json_node_get_string (element)));
    }

  return (char **)g_ptr_array_steal (strings, NULL);
}

/* What is wrong with a certificate, in words a person can pass on to the
 * health system's help desk. */
static const char *
describe_certificate_problem (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return _("its certificate has expired");
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return _("its certificate is not valid yet; check this computer’s date and time");
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return _("its certificate has been revoked");
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return _("its certificate belongs to a different web address");
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return _("its certificate is not signed by a known authority (it may be self-signed)");
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return _("its certificate uses an insecure algorithm");
  return _("its certificate could not be checked");
}

/**
 * care_smart_dup_tls_message:
 * @flags: the problems libsoup found with a portal's certificate
 *
 * Returns: (transfer full): a sentence saying why the connection was
 *   refused, for a #CARE_PORTAL_ERROR_INSECURE
 */
char *
care_smart_dup_tls_message (GTlsCertificateFlags flags)
{
  /* Translators: %s says what is wrong, e.g. "its certificate has expired" */
  return g_strdup_printf (_("This health system’s secure connection cannot be trusted: %s. "
                            "Nothing was sent."), describe_certificate_problem (flags));
}

static gboolean
set_transport_error (GError      **error,
                     GError       *cause,
                     SoupMessage  *msg)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED) || cause->domain == CARE_PORTAL_ERROR)
    {
      g_propagate_error (error, g_error_copy (cause));
      return FALSE;
    }

  if (cause->domain == G_TLS_ERROR)
    {
      GTlsCertificateFlags flags = msg != NULL ? soup_message_get_tls_peer_certificate_errors (msg) : 0;
      g_autofree char *text = care_smart_dup_tls_message (flags);

      g_set_error_literal (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_INSECURE, text);
    }
  else
    g_set_error_literal (error, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE,
                         _("The health system could not be reached. Check the address and your "
                           "connection."));
  return FALSE;
}

static JsonObject *
parse_object (GBytes *bytes)
{
  return care_json_parse_bytes (bytes, NULL);
}

/* Whether @url is a place a sign-in may go for a portal at @fhir_base. */
static gboolean
is_safe_endpoint (const char *fhir_base,
                  const char *url)
{
  g_autoptr(GUri) base = g_uri_parse (fhir_base, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *scheme;

  if (url == NULL)
    return TRUE;
  if (uri == NULL || base == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  return g_ascii_strcasecmp (scheme, "http") == 0 &&
         care_portal_url_is_loopback (g_uri_get_host (uri)) &&
         care_portal_url_is_loopback (g_uri_get_host (base));
}

/* Returns @config, or fails @task when an endpoint is not safe. */
static void
return_config (GTask           *task,
               CareSmartConfig *config)
{
  const char *endpoints[] = {
    config->authorization_endpoint, config->token_endpoint,
    config->revocation_endpoint, config->registration_endpoint,
  };

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    if (!is_safe_endpoint (config->fhir_base, endpoints[i]))
      {
        g_debug ("Discovery refused an endpoint that is not https");
        g_object_unref (config);
        g_task_return_new_error (task, CARE_AUTH_ERROR, CARE_AUTH_ERROR_DISCOVERY, "%s",
                                 _("This health system’s sign-in settings point to an unsafe "
                                   "address, so Carebook will not use them."));
        return;
      }
  g_task_return_pointer (task, config, g_object_unref);
}

static void
read_within_limits (Discovery           *discovery,
                    const char          *url,
                    const char          *accept,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    GTask               *task)
{
  CareHttpLimits limits;

  care_http_limits_init_default (&limits);
  limits.max_bytes = CARE_HTTP_MAX_METADATA_BYTES;
  g_clear_object (&discovery->message);
  discovery->message = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (discovery->message), "Accept", accept);
  care_http_read_async (discovery->session, discovery->message, &limits, cancellable, callback, task);
}

static void
take_str (char **field,
          char  *value)
{
  g_free (*field);
  *field = value;
}

static void
metadata_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Discovery *discovery = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = care_http_read_finish (result, &error);
  g_autoptr(JsonObject) statement = NULL;
  g_autoptr(CareSmartConfig) config = NULL;
  SoupMessage *msg = discovery->message;
  JsonArray *rest;

  if (bytes == NULL)
    {
      GError *mapped = NULL;

      set_transport_error (&mapped, error, msg);
      g_task_return_error (task, mapped);
      return;
    }

  statement = SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)) ? parse_object (bytes) : NULL;
  rest = care_fhir_get_array (statement, "rest");

  config = g_object_new (CARE_TYPE_SMART_CONFIG, NULL);
  config->fhir_base = g_strdup (discovery->fhir_base);
  config->from_metadata = TRUE;

  for (guint i = 0; rest != NULL && i < json_array_get_length (rest); i++)
    {
      /* Any of it may be missing or of the wrong JSON type. */
      JsonObject *security = care_fhir_get_object (care_fhir_get_array_object (statement, "rest", i),
                                                   "security");
      JsonArray *extensions = care_fhir_get_array (security, "extension");

      for (guint j = 0; extensions != NULL && j < json_array_get_length (extensions); j++)
        {
          JsonObject *extension = care_fhir_get_array_object (security, "extension", j);
          JsonArray *uris;

          if (!g_str_has_suffix (care_fhir_get_string (extension, "url") ?: "", "oauth-uris") ||
              care_fhir_get_array (extension, "extension") == NULL)
            continue;

          uris = care_fhir_get_array (extension, "extension");
          for (guint k = 0; k < json_array_get_length (uris); k++)
            {
              JsonObject *uri = care_fhir_get_array_object (extension, "extension", k);
              const char *name = care_fhir_get_string (uri, "url");
              char *value = resolve (discovery->fhir_base, care_fhir_get_string (uri, "valueUri"));

              if (g_strcmp0 (name, "authorize") == 0)
                take_str (&config->authorization_endpoint, value);
              else if (g_strcmp0 (name, "token") == 0)
                take_str (&config->token_endpoint, value);
              else if (g_strcmp0 (name, "revoke") == 0)
                take_str (&config->revocation_endpoint, value);
              else if (g_strcmp0 (name, "register") == 0)
                take_str (&config->registration_endpoint, value);
              else
                g_free (value);
            }
        }
    }

  if (config->authorization_endpoint == NULL || config->token_endpoint == NULL)
    {
      g_task_return_new_error (task, CARE_AUTH_ERROR, CARE_AUTH_ERROR_DISCOVERY, "%s",
                               _("This address does not look like a patient portal: it offers no "
                                 "SMART on FHIR sign-in."));
      return;
    }

  return_config (task, g_steal_pointer (&config));
}

static void
well_known_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Discovery *discovery = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = care_http_read_finish (result, &error);
  SoupMessage *msg = discovery->message;
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(CareSmartConfig) config = NULL;
  g_auto(GStrv) methods = NULL;

  if (bytes == NULL)
    {
      GError *mapped = NULL;

      set_transport_error (&mapped, error, msg);
      g_task_return_error (task, mapped);
      return;
    }

  document = SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)) ? parse_object (bytes) : NULL;
  if (document == NULL || care_fhir_get_string (document, "authorization_endpoint") == NULL)
    {
      /* No usable smart-configuration: the CapabilityStatement may say. */
      g_autofree char *url = g_strconcat (discovery->fhir_base, "/metadata", NULL);
      GCancellable *cancellable = g_task_get_cancellable (task);

      /* The task moves to the callback; take what it owns first. */
      read_within_limits (discovery, url, "application/fhir+json, application/json", cancellable,
                          metadata_cb, g_steal_pointer (&task));
      return;
    }

  methods = dup_string_array (document, "code_challenge_methods_supported");
  if (methods == NULL || !g_strv_contains ((const char * const *)methods, "S256"))
    {
      g_task_return_new_error (task, CARE_AUTH_ERROR, CARE_AUTH_ERROR_NO_PKCE, "%s",
                               _("This health system does not offer the secure sign-in Carebook "
                                 "requires (PKCE with S256)."));
      return;
    }

  config = g_object_new (CARE_TYPE_SMART_CONFIG, NULL);
  config->fhir_base = g_strdup (discovery->fhir_base);
  config->authorization_endpoint = resolve (discovery->fhir_base,
                                            care_fhir_get_string (document, "authorization_endpoint"));
  config->token_endpoint = resolve (discovery->fhir_base, care_fhir_get_string (document, "token_endpoint"));
  config->revocation_endpoint = resolve (discovery->fhir_base,
                                         care_fhir_get_string (document, "revocation_endpoint"));
  config->registration_endpoint = resolve (discovery->fhir_base,
                                           care_fhir_get_string (document, "registration_endpoint"));
  config->capabilities = dup_string_array (document, "capabilities");
  config->code_challenge_methods = g_steal_pointer (&methods);
  config->scopes_supported = dup_string_array (document, "scopes_supported");

  if (config->token_endpoint == NULL)
    {
      g_task_return_new_error (task, CARE_AUTH_ERROR, CARE_AUTH_ERROR_DISCOVERY, "%s",
                               _("This health system’s sign-in settings are incomplete."));
      return;
    }

  return_config (task, g_steal_pointer (&config));
}

/**
 * care_smart_discover_async:
 * @session: the portal's session
 * @fhir_base: the FHIR base URL, as the user or the directory gave it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the configuration
 * @user_data: data for @callback
 *
 * Finds where and how to sign in to a portal.
 */
void
care_smart_discover_async (SoupSession         *session,
                           const char          *fhir_base,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  Discovery *discovery;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (fhir_base != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_smart_discover_async);

  base = care_portal_url_normalize (fhir_base, &error);
  if (base == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  discovery = g_new0 (Discovery, 1);
  discovery->session = g_object_ref (session);
  discovery->fhir_base = g_strdup (base);
  g_task_set_task_data (task, discovery, (GDestroyNotify)discovery_free);

  url = g_strconcat (base, "/.well-known/smart-configuration", NULL);
  read_within_limits (discovery, url, "application/json", cancellable, well_known_cb, g_steal_pointer (&task));
}

/**
 * care_smart_discover_finish:
 * @result: the result given to the callback
 * @error: return location for a #CARE_PORTAL_ERROR or #CARE_AUTH_ERROR
 *
 * Returns: (transfer full) (nullable): the configuration
 */
CareSmartConfig *
care_smart_discover_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
