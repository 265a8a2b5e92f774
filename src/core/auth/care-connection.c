/* care-connection.c — one signed-in person at one portal, and their tokens
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hands out access tokens, refreshing them the way FHIR-CLIENT.md 8–10
 * asks: about 60 s before they expire, never more than once a minute, one
 * refresh in flight shared by everyone waiting. A response without a
 * refresh_token keeps the stored one; a new one (rotation) is stored in
 * the keyring before any caller gets the new access token, because the
 * old one is dead now. A refused refresh deletes the dead credential and
 * turns the connection to "sign in again".
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "care-connection.h"
#include "care-core-enums.h"
#include "care-error.h"
#include "care-http.h"
#include "care-json.h"
#include "care-registration.h"
#include "care-token-store.h"

#include <string.h>

#define REFRESH_AHEAD  60
#define REFRESH_SPACING 60

struct _CareConnection
{
  GObject              parent_instance;

  SoupSession         *session;
  char                *id;
  char                *fhir_base;
  char                *patient_id;
  char                *fhir_user;
  char                *token_endpoint;
  char                *revocation_endpoint;
  char                *display_name;
  char                *birth_date;
  char               **scopes;
  gint64               authorization_ends;
  CareRelationship     relationship;
  CareAccessLevel      access_level;
  char                *access_token;
  char                *dropped;     /* the access token a 401 last cleared */
  gint64               expires_at;
  gint64               last_refresh;
  GPtrArray           *waiters;     /* GTasks sharing the refresh in flight */
  CareConnectionState  state;
  guint                n_refreshes;
};

G_DEFINE_FINAL_TYPE (CareConnection, care_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ID,
  PROP_FHIR_BASE,
  PROP_PATIENT_ID,
  PROP_FHIR_USER,
  PROP_TOKEN_ENDPOINT,
  PROP_REVOCATION_ENDPOINT,
  PROP_DISPLAY_NAME,
  PROP_BIRTH_DATE,
  PROP_RELATIONSHIP,
  PROP_ACCESS_LEVEL,
  PROP_SCOPES,
  PROP_AUTHORIZATION_ENDS,
  PROP_STATE,
  PROP_TOKEN_EXPIRES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
care_connection_dispose (GObject *object)
{
  CareConnection *self = (CareConnection *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (care_connection_parent_class)->dispose (object);
}

static void
care_connection_finalize (GObject *object)
{
  CareConnection *self = (CareConnection *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->fhir_base, g_free);
  g_clear_pointer (&self->patient_id, g_free);
  g_clear_pointer (&self->fhir_user, g_free);
  g_clear_pointer (&self->token_endpoint, g_free);
  g_clear_pointer (&self->revocation_endpoint, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->birth_date, g_free);
  g_clear_pointer (&self->scopes, g_strfreev);
  g_clear_pointer (&self->access_token, g_free);
  g_clear_pointer (&self->dropped, g_free);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (care_connection_parent_class)->finalize (object);
}

static void
care_connection_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CareConnection *self = CARE_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_FHIR_BASE:
      g_value_set_string (value, self->fhir_base);
      break;

    case PROP_PATIENT_ID:
      g_value_set_string (value, self->patient_id);
      break;

    case PROP_FHIR_USER:
      g_value_set_string (value, self->fhir_user);
      break;

    case PROP_TOKEN_ENDPOINT:
      g_value_set_string (value, self->token_endpoint);
      break;

    case PROP_REVOCATION_ENDPOINT:
      g_value_set_string (value, self->revocation_endpoint);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case PROP_BIRTH_DATE:
      g_value_set_string (value, self->birth_date);
      break;

    case PROP_RELATIONSHIP:
      g_value_set_enum (value, self->relationship);
      break;

    case PROP_ACCESS_LEVEL:
      g_value_set_enum (value, self->access_level);
      break;

    case PROP_SCOPES:
      g_value_set_boxed (value, self->scopes);
      break;

    case PROP_AUTHORIZATION_ENDS:
      g_value_set_int64 (value, self->authorization_ends);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_TOKEN_EXPIRES:
      g_value_set_int64 (value, self->expires_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_connection_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CareConnection *self = CARE_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_FHIR_BASE:
      self->fhir_base = g_value_dup_string (value);
      break;

    case PROP_PATIENT_ID:
      self->patient_id = g_value_dup_string (value);
      break;

    case PROP_FHIR_USER:
      self->fhir_user = g_value_dup_string (value);
      break;

    case PROP_TOKEN_ENDPOINT:
      self->token_endpoint = g_value_dup_string (value);
      break;

    case PROP_REVOCATION_ENDPOINT:
      self->revocation_endpoint = g_value_dup_string (value);
      break;

    case PROP_DISPLAY_NAME:
      care_connection_set_display_name (self, g_value_get_string (value));
      break;

    case PROP_BIRTH_DATE:
      care_connection_set_birth_date (self, g_value_get_string (value));
      break;

    case PROP_RELATIONSHIP:
      care_connection_set_relationship (self, g_value_get_enum (value));
      break;

    case PROP_ACCESS_LEVEL:
      care_connection_set_access_level (self, g_value_get_enum (value));
      break;

    case PROP_AUTHORIZATION_ENDS:
      care_connection_set_authorization_ends (self, g_value_get_int64 (value));
      break;

    case PROP_STATE:
      care_connection_set_state (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_connection_class_init (CareConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags explicit = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = care_connection_dispose;
  object_class->finalize = care_connection_finalize;
  object_class->get_property = care_connection_get_property;
  object_class->set_property = care_connection_set_property;

  /* The portal's session: a dependency, handed in. */
  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION, construct);
  /* The stable key: care_connection_dup_id (FHIR base, patient id). */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, construct);
  properties[PROP_FHIR_BASE] = g_param_spec_string ("fhir-base", NULL, NULL, NULL, construct);
  properties[PROP_PATIENT_ID] = g_param_spec_string ("patient-id", NULL, NULL, NULL, construct);
  properties[PROP_FHIR_USER] = g_param_spec_string ("fhir-user", NULL, NULL, NULL, construct);
  properties[PROP_TOKEN_ENDPOINT] = g_param_spec_string ("token-endpoint", NULL, NULL, NULL, construct);
  properties[PROP_REVOCATION_ENDPOINT] = g_param_spec_string ("revocation-endpoint", NULL, NULL, NULL,
                                                              construct);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, explicit);
  properties[PROP_BIRTH_DATE] = g_param_spec_string ("birth-date", NULL, NULL, NULL, explicit);
  properties[PROP_RELATIONSHIP] = g_param_spec_enum ("relationship", NULL, NULL, CARE_TYPE_RELATIONSHIP,
                                                     CARE_RELATIONSHIP_SELF, explicit);
  properties[PROP_ACCESS_LEVEL] = g_param_spec_enum ("access-level", NULL, NULL, CARE_TYPE_ACCESS_LEVEL,
                                                     CARE_ACCESS_FULL, explicit);
  /* The granted scopes, which may be fewer than those asked for. */
  properties[PROP_SCOPES] = g_param_spec_boxed ("scopes", NULL, NULL, G_TYPE_STRV,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                G_PARAM_STATIC_STRINGS);
  /* When the authorization lapses (unix seconds), or 0 if unknown. */
  properties[PROP_AUTHORIZATION_ENDS] = g_param_spec_int64 ("authorization-ends", NULL, NULL,
                                                            0, G_MAXINT64, 0, explicit);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, CARE_TYPE_CONNECTION_STATE,
                                              CARE_CONNECTION_CONNECTED, explicit);
  /* When the access token in memory stops working (unix seconds), or 0
   * with none: it moves when a token arrives (bench/useful-window.sh
   * times Home from there). */
  properties[PROP_TOKEN_EXPIRES] = g_param_spec_int64 ("token-expires", NULL, NULL, 0, G_MAXINT64, 0,
                                                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                       G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
care_connection_init (CareConnection *self)
{
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * care_connection_new:
 * @session: the portal's session
 * @id: the connection id (see care_connection_dup_id())
 * @token_endpoint: where tokens are refreshed
 *
 * Returns: (transfer full): a connection without an access token yet
 */
CareConnection *
care_connection_new (SoupSession *session,
                     const char  *id,
                     const char  *token_endpoint)
{
  CareConnection *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (id != NULL && token_endpoint != NULL, NULL);

  self = g_object_new (CARE_TYPE_CONNECTION,
                       "session", session,
                       "id", id,
                       "token-endpoint", token_endpoint,
                       NULL);
  return self;
}

/**
 * care_connection_new_from_sign_in:
 * @session: the portal's session
 * @sign_in: a successful sign-in
 *
 * The access token of @sign_in is kept in memory; its refresh token is
 * not: that one belongs in the keyring (care_connection_store_connect_async()
 * puts it there).
 *
 * Returns: (transfer full): a connected connection
 */
CareConnection *
care_connection_new_from_sign_in (SoupSession      *session,
                                  const CareSignIn *sign_in)
{
  g_autofree char *id = NULL;
  CareConnection *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (sign_in != NULL && sign_in->fhir_base != NULL && sign_in->patient_id != NULL, NULL);

  id = g_strdup_printf ("%s|%s", sign_in->fhir_base, sign_in->patient_id);
  self = g_object_new (CARE_TYPE_CONNECTION,
                       "session", session,
                       "id", id,
                       "fhir-base", sign_in->fhir_base,
                       "patient-id", sign_in->patient_id,
                       "fhir-user", sign_in->fhir_user,
                       "token-endpoint", sign_in->token_endpoint,
                       "revocation-endpoint", sign_in->revocation_endpoint,
                       NULL);
  care_connection_update_from_sign_in (self, sign_in);
  return self;
}

/**
 * care_connection_update_from_sign_in:
 * @self: a #CareConnection
 * @sign_in: a new sign-in for the same (FHIR base, patient)
 *
 * Signing in again into the same connection: new tokens, details and
 * grant, and the connection is connected again.
 */
void
care_connection_update_from_sign_in (CareConnection   *self,
                                     const CareSignIn *sign_in)
{
  g_return_if_fail (CARE_IS_CONNECTION (self));
  g_return_if_fail (sign_in != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  if (sign_in->display_name != NULL)
    care_connection_set_display_name (self, sign_in->display_name);
  if (sign_in->birth_date != NULL)
    care_connection_set_birth_date (self, sign_in->birth_date);
  care_connection_set_relationship (self, sign_in->relationship);
  care_connection_set_access_level (self, sign_in->access_level);
  care_connection_set_scope (self, sign_in->scope);
  care_connection_set_authorization_ends (self, sign_in->authorization_ends);
  care_connection_set_access_token (self, sign_in->access_token, sign_in->expires_at);
  care_connection_set_state (self, CARE_CONNECTION_CONNECTED);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
care_connection_get_id (CareConnection *self)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), NULL);
  return self->id;
}

const char *
care_connection_get_fhir_base (CareConnection *self)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), NULL);
  return self->fhir_base;
}

const char *
care_connection_get_patient_id (CareConnection *self)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), NULL);
  return self->patient_id;
}

/**
 * care_connection_get_fhir_user:
 * @self: a #CareConnection
 *
 * Returns: (nullable): who signed in, as the portal named them
 */
const char *
care_connection_get_fhir_user (CareConnection *self)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), NULL);
  return self->fhir_user;
}

const char *
care_connection_get_token_endpoint (CareConnection *self)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), NULL);
  return self->token_endpoint;
}

/**
 * care_connection_get_revocation_endpoint:
 * @self: a #CareConnection
 *
 * Returns: (nullable): where the portal revokes tokens (RFC 7009), if it does
 */
const char *
care_connection_get_revocation_endpoint (CareConnection *self)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), NULL);
  return self->revocation_endpoint;
}

const char *
care_connection_get_display_name (CareConnection *self)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), NULL);
  return self->display_name;
}

void
care_connection_set_display_name (CareConnection *self,
                                  const char     *display_name)
{
  g_return_if_fail (CARE_IS_CONNECTION (self));

  if (g_strcmp0 (self->display_name, display_name) == 0)
    return;
  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

const char *
care_connection_get_birth_date (CareConnection *self)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), NULL);
  return self->birth_date;
}

void
care_connection_set_birth_date (CareConnection *self,
                                const char     *birth_date)
{
  g_return_if_fail (CARE_IS_CONNECTION (self));

  if (g_strcmp0 (self->birth_date, birth_date) == 0)
    return;
  g_free (self->birth_date);
  self->birth_date = g_strdup (birth_date);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BIRTH_DATE]);
}

CareRelationship
care_connection_get_relationship (CareConnection *self)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), CARE_RELATIONSHIP_OTHER);
  return self->relationship;
}

void
care_connection_set_relationship (CareConnection   *self,
                                  CareRelationship  relationship)
{
  g_return_if_fail (CARE_IS_CONNECTION (self));

  if (self->relationship == relationship)
    return;
  self->relationship = relationship;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELATIONSHIP]);
}

CareAccessLevel
care_connection_get_access_level (CareConnection *self)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), CARE_ACCESS_FULL);
  return self->access_level;
}

void
care_connection_set_access_level (CareConnection  *self,
                                  CareAccessLevel  access_level)
{
  g_return_if_fail (CARE_IS_CONNECTION (self));

  if (self->access_level == access_level)
    return;
  self->access_level = access_level;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCESS_LEVEL]);
}

/**
 * care_connection_get_scopes:
 * @self: a #CareConnection
 *
 * Returns: (transfer none) (nullable): the granted scopes
 */
const char * const *
care_connection_get_scopes (CareConnection *self)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), NULL);
  return (const char * const *)self->scopes;
}

/**
 * care_connection_set_scope:
 * @self: a #CareConnection
 * @scope: (nullable): the granted scope, space-separated as OAuth sends it
 */
void
care_connection_set_scope (CareConnection *self,
                           const char     *scope)
{
  g_autoptr(GPtrArray) scopes = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  g_auto(GStrv) parts = g_strsplit (scope != NULL ? scope : "", " ", -1);
  char **old = self->scopes;

  g_return_if_fail (CARE_IS_CONNECTION (self));

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_ptr_array_add (scopes, g_strdup (parts[i]));

  if (old != NULL && g_strv_equal ((const char * const *)old, (const char * const *)scopes->pdata))
    return;
  self->scopes = (char **)g_ptr_array_steal (scopes, NULL);
  g_strfreev (old);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPES]);
}

/**
 * care_connection_grants_type:
 * @self: a #CareConnection
 * @resource_type: a FHIR resource type, such as "Observation"
 *
 * Whether the grant lets Carebook read @resource_type, in SMART v1
 * (`patient/Observation.read`) or v2 (`patient/Observation.rs`) style; a
 * type outside the grant is "not shared" (FHIR-CLIENT.md 7).
 *
 * Returns: %TRUE if the granted scopes allow reading that type
 */
gboolean
care_connection_grants_type (CareConnection *self,
                             const char     *resource_type)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (resource_type != NULL, FALSE);

  for (guint i = 0; self->scopes != NULL && self->scopes[i] != NULL; i++)
    {
      const char *scope = self->scopes[i];
      const char *dot = strrchr (scope, '.');
      g_autofree char *type = NULL;
      const char *access;

      if (!g_str_has_prefix (scope, "patient/") || dot == NULL)
        continue;
      type = g_strndup (scope + strlen ("patient/"), dot - scope - strlen ("patient/"));
      access = dot + 1;
      if (!g_str_equal (type, "*") && !g_str_equal (type, resource_type))
        continue;
      /* v1 read or *, v2 any permission string holding r. */
      if (g_str_equal (access, "read") || g_str_equal (access, "*") ||
          (strspn (access, "cruds") == strlen (access) && strchr (access, 'r') != NULL))
        return TRUE;
    }

  return FALSE;
}

gint64
care_connection_get_authorization_ends (CareConnection *self)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), 0);
  return self->authorization_ends;
}

void
care_connection_set_authorization_ends (CareConnection *self,
                                        gint64          authorization_ends)
{
  g_return_if_fail (CARE_IS_CONNECTION (self));

  if (self->authorization_ends == authorization_ends)
    return;
  self->authorization_ends = authorization_ends;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORIZATION_ENDS]);
}

CareConnectionState
care_connection_get_state (CareConnection *self)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), CARE_CONNECTION_CONNECTED);
  return self->state;
}

void
care_connection_set_state (CareConnection      *self,
                           CareConnectionState  state)
{
  g_return_if_fail (CARE_IS_CONNECTION (self));

  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/**
 * care_connection_dup_person:
 * @self: a #CareConnection
 *
 * Returns: (transfer full): the person, for the person switcher
 */
CarePerson *
care_connection_dup_person (CareConnection *self)
{
  CarePerson *person;

  g_return_val_if_fail (CARE_IS_CONNECTION (self), NULL);

  person = care_person_new (self->id, self->display_name, self->birth_date, self->relationship);
  care_person_set_access_level (person, self->state == CARE_CONNECTION_SIGN_IN_AGAIN
                                        ? CARE_ACCESS_SIGN_IN_AGAIN : self->access_level);
  return person;
}

/**
 * care_connection_get_n_refreshes:
 * @self: a #CareConnection
 *
 * Returns: how many refresh requests were sent (for tests and status)
 */
guint
care_connection_get_n_refreshes (CareConnection *self)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), 0);
  return self->n_refreshes;
}

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * care_connection_invalidate_access_token:
 * @self: a #CareConnection
 * @refused: the access token a request was sent with and the portal
 *   answered 401 to
 *
 * A 401 clears the access token only if it is the one refused: a late
 * answer to a request sent before the last refresh must not throw away
 * the new token and start a second refresh (FHIR-CLIENT.md 8). Nor is a
 * token refused within a minute of its refresh dropped, since refreshes
 * are never more than a minute apart. Requests that were in flight
 * together with the same token all get their 401: the first drops the
 * token, and each of the others waits for the refresh that follows
 * (FHIR-CLIENT.md 18), however far that refresh has gone.
 *
 * Returns: %TRUE if the request may be sent again (with a newer token, or
 *   after a refresh); %FALSE if it should fail as unauthorized
 */
gboolean
care_connection_invalidate_access_token (CareConnection *self,
                                         const char     *refused)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), FALSE);

  if (self->state == CARE_CONNECTION_SIGN_IN_AGAIN)
    return FALSE;
  /* Refreshed since that request left: the new token gets its try. */
  if (self->access_token != NULL && g_strcmp0 (self->access_token, refused) != 0)
    return TRUE;
  /* Already dropped for another request's 401: the refresh it starts, or
   * has started, serves this one too. */
  if (self->access_token == NULL && (self->waiters->len > 0 || g_strcmp0 (self->dropped, refused) == 0))
    return TRUE;
  if (self->last_refresh + REFRESH_SPACING > now ())
    return FALSE;

  g_free (self->dropped);
  self->dropped = g_steal_pointer (&self->access_token);
  self->expires_at = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN_EXPIRES]);
  return TRUE;
}

/**
 * care_connection_set_access_token:
 * @self: a #CareConnection
 * @access_token: a token from sign-in
 * @expires_at: when it stops working (unix seconds)
 *
 * The access token lives in memory only.
 */
void
care_connection_set_access_token (CareConnection *self,
                                  const char     *access_token,
                                  gint64          expires_at)
{
  g_return_if_fail (CARE_IS_CONNECTION (self));

  g_free (self->access_token);
  self->access_token = g_strdup (access_token);
  if (self->expires_at != expires_at)
    {
      self->expires_at = expires_at;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN_EXPIRES]);
    }
}


static void
complete_waiters (CareConnection *self,
                  const GError   *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task, g_strdup (self->access_token), g_free);
    }
}

typedef struct
{
  CareConnection *self;
  char           *access_token;
  gint64          expires_at;
} Rotation;

static void
rotation_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Rotation *rotation = user_data;
  g_autoptr(CareConnection) self = rotation->self;
  g_autoptr(GError) error = NULL;

  if (!care_token_store_save_finish (result, &error))
    {
      /* The new refresh token could not be kept: the access token still
       * works for now, but the next refresh will need a new sign-in. */
      g_debug ("Keyring refused the rotated refresh token: %s", error->message);
    }

  care_connection_set_access_token (self, rotation->access_token, rotation->expires_at);
  g_free (rotation->access_token);
  g_free (rotation);
  complete_waiters (self, NULL);
}

static void
dead_credential_deleted_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(CareConnection) self = user_data;
  g_autoptr(GError) error = g_error_new_literal (CARE_AUTH_ERROR, CARE_AUTH_ERROR_EXPIRED,
                                                 _("This sign-in has ended. Sign in again to keep "
                                                   "the record up to date; what is already here "
                                                   "stays readable."));

  care_token_store_delete_finish (result, NULL);
  g_clear_pointer (&self->access_token, g_free);
  care_connection_set_state (self, CARE_CONNECTION_SIGN_IN_AGAIN);
  complete_waiters (self, error);
}

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CareConnection) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = care_http_read_finish (result, &error);
  SoupMessage *msg = care_http_read_get_message (result);
  g_autoptr(JsonObject) response = NULL;
  guint status;

  if (bytes == NULL)
    {
      /* Nothing is deleted: the refresh token may work next time. A
       * refusal to read on (too big, too slow, sent elsewhere) says why. */
      g_autoptr(GError) offline = NULL;

      if (error->domain == CARE_PORTAL_ERROR)
        offline = g_steal_pointer (&error);
      else
        offline = g_error_new_literal (CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE,
                                       _("The health system could not be reached."));
      complete_waiters (self, offline);
      return;
    }

  status = soup_message_get_status (msg);
  response = care_json_parse_bytes (bytes, NULL);

  /* invalid_grant (RFC 6749 §5.2) is a dead refresh token or a refused
   * assertion; so is a refusal of the client itself (a registration the
   * portal withdrew), whether it comes as 401 or 400. Other answers may pass. */
  if (status == 401 ||
      (status == 400 && (response == NULL ||
                         g_strcmp0 (json_object_get_string_member_with_default (response, "error", NULL),
                                    "invalid_grant") == 0 ||
                         g_strcmp0 (json_object_get_string_member_with_default (response, "error", NULL),
                                    "invalid_client") == 0)))
    {
      /* The refresh token is dead: delete it, and ask for a new sign-in. */
      care_token_store_delete_async (self->id, NULL, dead_credential_deleted_cb, g_object_ref (self));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status) || response == NULL ||
      !json_object_has_member (response, "access_token"))
    {
      g_autoptr(GError) bad = g_error_new_literal (CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_SERVER,
                                                   _("The health system could not renew the sign-in "
                                                     "just now. Carebook will try again later."));
      complete_waiters (self, bad);
      return;
    }

  {
    const char *access = json_object_get_string_member (response, "access_token");
    gint64 expires_at = now () + json_object_get_int_member_with_default (response, "expires_in", 3600);
    const char *rotated = json_object_get_string_member_with_default (response, "refresh_token", NULL);
    const char *scope = json_object_get_string_member_with_default (response, "scope", NULL);

    /* The grant may have changed at the portal since sign-in. */
    if (scope != NULL)
      care_connection_set_scope (self, scope);
    if (json_object_has_member (response, "refresh_token_expires_in"))
      care_connection_set_authorization_ends (self, now () + json_object_get_int_member_with_default (
                                                response, "refresh_token_expires_in", 0));

    if (rotated == NULL)
      {
        /* Some portals keep the refresh token: the stored one stays. */
        care_connection_set_access_token (self, access, expires_at);
        complete_waiters (self, NULL);
        return;
      }

    /* Rotation: store the new refresh token before anyone uses the new
     * access token, since the old refresh token is now dead. */
    {
      Rotation *rotation = g_new0 (Rotation, 1);

      rotation->self = g_object_ref (self);
      rotation->access_token = g_strdup (access);
      rotation->expires_at = expires_at;
      care_token_store_save_async (self->id, "refresh", rotated, NULL, rotation_stored_cb, rotation);
    }
  }
}

/* Token answers are read within limits, and never from another origin
 * (care-http.c): a redirect elsewhere would resend the refresh token. */
static void
send_token_request (CareConnection *self,
                    SoupMessage    *msg)
{
  CareHttpLimits limits;

  self->n_refreshes++;
  self->last_refresh = now ();
  care_http_limits_init_auth (&limits, self->session);
  care_http_read_async (self->session, msg, &limits, NULL, refreshed_cb, g_object_ref (self));
}

static void
refresh_token_found_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(CareConnection) self = user_data;
  g_autoptr(GError) error = NULL;
  char *refresh_token = care_token_store_lookup_finish (result, &error);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  char *form;

  if (error != NULL)
    {
      complete_waiters (self, error);
      return;
    }
  if (refresh_token == NULL)
    {
      g_autoptr(GError) expired = g_error_new_literal (CARE_AUTH_ERROR, CARE_AUTH_ERROR_EXPIRED,
                                                       _("This sign-in has ended. Sign in again to keep "
                                                         "the record up to date; what is already here "
                                                         "stays readable."));
      care_connection_set_state (self, CARE_CONNECTION_SIGN_IN_AGAIN);
      complete_waiters (self, expired);
      return;
    }

  form = soup_form_encode ("grant_type", "refresh_token", "refresh_token", refresh_token,
                           "client_id", "carebook", NULL);
  secret_password_free (refresh_token);
  body = g_bytes_new_take (form, strlen (form));
  msg = soup_message_new ("POST", self->token_endpoint);
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");

  send_token_request (self, msg);
}

/* Where the portal registered this install (FHIR-CLIENT.md 11), its key's
 * JWT-bearer grant replaces the refresh token; a refusal ends the
 * connection as a dead refresh token does (refreshed_cb()). Without a
 * usable key, the refresh token is asked for. */
static void
client_key_found_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CareConnection) self = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = care_token_store_lookup_finish (result, &error);
  g_autoptr(SoupMessage) msg = NULL;

  if (error != NULL)
    {
      complete_waiters (self, error);
      return;
    }

  if (secret != NULL)
    {
      msg = care_registration_new_grant_message (secret, self->token_endpoint, &error);
      secret_password_free (secret);
      if (msg == NULL)
        g_debug ("The per-install key is unusable: %s", error->message);
    }
  if (msg == NULL)
    {
      care_token_store_lookup_async (self->id, "refresh", NULL, refresh_token_found_cb, g_object_ref (self));
      return;
    }

  send_token_request (self, msg);
}

/**
 * care_connection_get_access_token_async:
 * @self: a #CareConnection
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with a working access token
 * @user_data: data for @callback
 */
void
care_connection_get_access_token_async (CareConnection      *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gint64 t = now ();

  g_return_if_fail (CARE_IS_CONNECTION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_connection_get_access_token_async);

  if (self->state == CARE_CONNECTION_SIGN_IN_AGAIN)
    {
      g_task_return_new_error (task, CARE_AUTH_ERROR, CARE_AUTH_ERROR_EXPIRED, "%s",
                               _("This sign-in has ended. Sign in again to keep the record up to "
                                 "date; what is already here stays readable."));
      return;
    }

  /* Fresh enough, or refreshed less than a minute ago and still valid. */
  if (self->access_token != NULL &&
      (self->expires_at - REFRESH_AHEAD > t ||
       (self->last_refresh + REFRESH_SPACING > t && self->expires_at > t)))
    {
      g_task_return_pointer (task, g_strdup (self->access_token), g_free);
      return;
    }

  /* One refresh in flight, shared by everyone who asks meanwhile. */
  g_ptr_array_add (self->waiters, g_steal_pointer (&task));
  if (self->waiters->len == 1)
    care_token_store_lookup_async (self->id, "client-key", NULL, client_key_found_cb, g_object_ref (self));
}

/**
 * care_connection_get_access_token_finish:
 * @self: a #CareConnection
 * @result: the result given to the callback
 * @error: return location for a #CARE_AUTH_ERROR or #CARE_PORTAL_ERROR
 *
 * Returns: (transfer full) (nullable): the access token
 */
char *
care_connection_get_access_token_finish (CareConnection  *self,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  g_return_val_if_fail (CARE_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
