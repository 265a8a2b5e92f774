/* care-authorizer.c — signing in to a portal with SMART on FHIR
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The authorization code flow for a public native client (RFC 8252):
 * discovery, a fresh PKCE verifier and state per attempt, a listener on
 * 127.0.0.1 at a port the system picks that accepts exactly one matching
 * redirect (or a private-scheme URI the app hands back), the portal's own
 * pages in the user's browser (the "open-uri" signal asks the app or the
 * CLI to show them), then the code traded for tokens and the Patient read
 * by id for the person switcher. A redirect with another state is refused;
 * a portal that refuses the aud with a trailing slash is asked once more
 * without one (FHIR-CLIENT.md 2–5).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "care-authorizer.h"
#include "care-error.h"
#include "care-features.h"
#include "care-fhir.h"
#include "care-http.h"
#include "care-json.h"
#include "care-pkce.h"
#include "care-smart-config.h"

#include <string.h>

#define CLIENT_ID        "carebook"
#define DEFAULT_TIMEOUT  (10 * 60)
/* The scopes asked for come from the feature table (care-features.c). */
#define PRIVATE_REDIRECT "org.carebook.carebook:/callback"

struct _CareAuthorizer
{
  GObject           parent_instance;

  SoupSession      *session;
  GTask            *pending;          /* the sign-in waiting for a private-scheme redirect */
  guint             timeout;
  CareRedirectMode  mode;
  gboolean          probe_loopback;
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
  g_free (sign_in->registration_endpoint);
  g_free (sign_in->user_birth_date);
  g_free (sign_in);
}

/**
 * care_sign_in_copy:
 * @sign_in: a sign-in
 *
 * Returns: (transfer full): a deep copy
 */
CareSignIn *
care_sign_in_copy (const CareSignIn *sign_in)
{
  CareSignIn *copy;

  g_return_val_if_fail (sign_in != NULL, NULL);

  copy = g_memdup2 (sign_in, sizeof *sign_in);
  copy->fhir_base = g_strdup (sign_in->fhir_base);
  copy->patient_id = g_strdup (sign_in->patient_id);
  copy->fhir_user = g_strdup (sign_in->fhir_user);
  copy->scope = g_strdup (sign_in->scope);
  copy->access_token = g_strdup (sign_in->access_token);
  copy->refresh_token = g_strdup (sign_in->refresh_token);
  copy->token_endpoint = g_strdup (sign_in->token_endpoint);
  copy->revocation_endpoint = g_strdup (sign_in->revocation_endpoint);
  copy->display_name = g_strdup (sign_in->display_name);
  copy->birth_date = g_strdup (sign_in->birth_date);
  copy->registration_endpoint = g_strdup (sign_in->registration_endpoint);
  copy->user_birth_date = g_strdup (sign_in->user_birth_date);
  return copy;
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
   * Show @uri in the user's browser (the app), or print it (the CLI). It
   * may be emitted a second time in one sign-in, when the portal refused
   * the first request's aud and Carebook asks again.
   */
  signals[OPEN_URI] = g_signal_new ("open-uri", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
care_authorizer_init (CareAuthorizer *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  self->mode = CARE_REDIRECT_LOOPBACK;
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
 * care_authorizer_get_session:
 * @self: a #CareAuthorizer
 *
 * Returns: (transfer none): the session it talks to portals with
 */
SoupSession *
care_authorizer_get_session (CareAuthorizer *self)
{
  g_return_val_if_fail (CARE_IS_AUTHORIZER (self), NULL);
  return self->session;
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

/* Relationships ---------------------------------------------------------- */

/* HL7 v3 RoleCode, as RelatedPerson.relationship carries it: the role of
 * the related person (the user) towards the patient. */
static const char * const user_is_parent[] = {
  "MTH", "FTH", "PRN", "NMTH", "NFTH", "NPRN", "STPMTH", "STPFTH", "STPPRN",
  "ADOPTMTH", "ADOPTFTH", "ADOPTP", "GESTM", "GUARD", "FTHFOST", "MTHFOST", "PRNFOST", NULL
};
static const char * const user_is_child[] = {
  "CHILD", "SON", "DAU", "NCHILD", "STPCHLD", "STPSON", "STPDAU", "CHLDADOPT", "SONADOPT",
  "DAUADOPT", "CHLDFOST", "SONC", "DAUC", "CHLDINLAW", NULL
};
static const char * const user_is_spouse[] = {
  "SPS", "HUSB", "WIFE", "DOMPART", "SIGOTHR", NULL
};

/* A FHIR date ("1980", "1980-04", "1980-04-12"): partial dates count from
 * the start of their year or month, which is precise enough for ages. */
static gboolean
parse_day (const char *text,
           GDate      *out)
{
  guint64 year = 0;
  guint64 month = 1;
  guint64 day = 1;
  char *end = NULL;

  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;

  year = g_ascii_strtoull (text, &end, 10);
  if (end == text + 4 && *end == '-')
    {
      month = g_ascii_strtoull (end + 1, &end, 10);
      if (*end == '-')
        day = g_ascii_strtoull (end + 1, &end, 10);
    }

  if (year < 1 || year > 9999 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (out, 1);
  g_date_set_dmy (out, day, month, year);
  return TRUE;
}

/* The name to show: the official name, with the one the person goes by
 * beside it (care_fhir_dup_display_name()). */
static char *
dup_patient_name (JsonObject *patient)
{
  return care_fhir_dup_display_name (care_fhir_get_array (patient, "name"));
}

/**
 * care_relationship_guess:
 * @is_self: whoever signed in is the patient
 * @related_code: (nullable): the RelatedPerson's v3 RoleCode towards the patient
 * @patient_birth_date: (nullable): the patient's birth date (FHIR date)
 * @user_birth_date: (nullable): the user's birth date (FHIR date)
 * @today: the day to measure ages on
 *
 * Portals seldom say how a proxy relates to a patient; a RelatedPerson's
 * relationship code is the best evidence, then the two ages (a generation
 * is taken as 14 years or more), then the patient's age alone: someone who
 * signs in for a minor is almost always their parent or guardian.
 *
 * Returns: how the patient relates to whoever signed in
 */
CareRelationship
care_relationship_guess (gboolean    is_self,
                         const char *related_code,
                         const char *patient_birth_date,
                         const char *user_birth_date,
                         GDate      *today)
{
  GDate patient_birth;
  GDate user_birth;
  gboolean have_patient;

  g_return_val_if_fail (today != NULL && g_date_valid (today), CARE_RELATIONSHIP_OTHER);

  if (is_self)
    return CARE_RELATIONSHIP_SELF;

  if (related_code != NULL)
    {
      if (g_strv_contains (user_is_parent, related_code))
        return CARE_RELATIONSHIP_CHILD;
      if (g_strv_contains (user_is_child, related_code))
        return CARE_RELATIONSHIP_PARENT;
      if (g_strv_contains (user_is_spouse, related_code))
        return CARE_RELATIONSHIP_SPOUSE;
    }

  have_patient = parse_day (patient_birth_date, &patient_birth);
  if (have_patient && parse_day (user_birth_date, &user_birth))
    {
      int months = g_date_compare (&patient_birth, &user_birth) >= 0
                   ? care_age_in_months (&user_birth, &patient_birth)
                   : -care_age_in_months (&patient_birth, &user_birth);

      if (months >= 14 * 12)
        return CARE_RELATIONSHIP_CHILD;
      if (months <= -14 * 12)
        return CARE_RELATIONSHIP_PARENT;
      return CARE_RELATIONSHIP_OTHER;
    }

  if (have_patient && care_age_in_months (&patient_birth, today) >= 0 &&
      care_age_in_months (&patient_birth, today) < 18 * 12)
    return CARE_RELATIONSHIP_CHILD;

  return CARE_RELATIONSHIP_OTHER;
}

/* The flow ---------------------------------------------------------------- */

typedef struct
{
  CareSmartConfig *config;
  CarePkce        *pkce;
  SoupServer      *listener;
  char            *redirect_uri;
  char            *login_hint;
  char            *fhir_base;
  char            *aud;
  const char      *scopes;
  char            *related_code;
  guint            timeout_id;
  gulong           cancelled_id;
  gboolean         holding;
  gboolean         done;
  gboolean         aud_slash;
  gboolean         aud_retried;
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
  g_free (data->aud);
  g_free (data->related_code);
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

static JsonObject *
parse_reply (GAsyncResult *result)
{
  SoupMessage *msg = care_http_read_get_message (result);
  GBytes *bytes = care_http_read_finish (result, NULL);

  if (bytes == NULL || !SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)))
    return NULL;

  return care_fhir_parse_resource (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
}

static void
get_resource (GTask               *task,
              const char          *url,
              GAsyncReadyCallback  callback)
{
  CareAuthorizer *self = g_task_get_source_object (task);
  SignIn *data = g_task_get_task_data (task);
  g_autofree char *authorization = g_strconcat ("Bearer ", data->result->access_token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  CareHttpLimits limits;

  if (msg == NULL)
    {
      callback (G_OBJECT (self->session), NULL, g_object_ref (task));
      return;
    }

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/fhir+json, application/json");
  /* A resource, within the sign-in's time limit; redirects only within
   * the portal's origin (care-http.c), so the token stays there. */
  care_http_limits_init_auth (&limits, self->session);
  limits.max_bytes = CARE_HTTP_MAX_METADATA_BYTES;
  care_http_read_async (self->session, msg, &limits, g_task_get_cancellable (task), callback,
                        g_object_ref (task));
}

/* Whether @scope grants every type, as the wildcard asked for did. */
static gboolean
scope_has_all_types (const char *scope)
{
  g_auto(GStrv) scopes = g_strsplit (scope != NULL ? scope : "", " ", -1);

  for (guint i = 0; scopes[i] != NULL; i++)
    if (g_str_has_prefix (scopes[i], "patient/*.") &&
        (strchr (scopes[i] + strlen ("patient/*."), 'r') != NULL ||
         g_str_equal (scopes[i], "patient/*.*")))
      return TRUE;

  return FALSE;
}

static void
finish_sign_in (GTask *task)
{
  SignIn *data = g_task_get_task_data (task);
  CareSignIn *sign_in = g_steal_pointer (&data->result);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;
  GDate birth;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  sign_in->relationship = care_relationship_guess (!sign_in->is_proxy, data->related_code,
                                                   sign_in->birth_date, sign_in->user_birth_date,
                                                   &today);

  /* The portal decides what a proxy sees; this is only the first guess,
   * which sync corrects from the portal's "withheld" warnings. Unticked
   * types limit the record, and portals commonly withhold parts of a
   * 12–17 year old's record from their parents. */
  sign_in->access_level = CARE_ACCESS_FULL;
  if (!scope_has_all_types (sign_in->scope))
    sign_in->access_level = CARE_ACCESS_LIMITED;
  else if (sign_in->is_proxy && sign_in->relationship == CARE_RELATIONSHIP_CHILD &&
           parse_day (sign_in->birth_date, &birth))
    {
      int months = care_age_in_months (&birth, &today);

      if (months >= 12 * 12 && months < 18 * 12)
        sign_in->access_level = CARE_ACCESS_LIMITED;
    }

  data->done = TRUE;
  g_task_return_pointer (task, sign_in, (GDestroyNotify)care_sign_in_free);
}

static void
user_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(JsonObject) user = result != NULL ? parse_reply (result) : NULL;

  /* Whoever signed in: their birth date and, for a RelatedPerson, how
   * they relate to the patient. Not readable is fine: a guess remains. */
  if (user != NULL)
    {
      JsonArray *relationships = care_fhir_get_array (user, "relationship");

      data->result->user_birth_date = g_strdup (care_fhir_get_string (user, "birthDate"));
      for (guint i = 0; relationships != NULL && i < json_array_get_length (relationships); i++)
        {
          JsonArray *codings = care_fhir_get_array (json_array_get_object_element (relationships, i),
                                                    "coding");

          for (guint j = 0; codings != NULL && j < json_array_get_length (codings); j++)
            {
              const char *code = care_fhir_get_string (json_array_get_object_element (codings, j),
                                                       "code");

              if (code != NULL && data->related_code == NULL &&
                  (g_strv_contains (user_is_parent, code) || g_strv_contains (user_is_child, code) ||
                   g_strv_contains (user_is_spouse, code)))
                data->related_code = g_strdup (code);
            }
        }
    }

  finish_sign_in (task);
}

/* The fhirUser as a URL on this portal, or %NULL: the token is never sent
 * to another server. */
static char *
dup_fhir_user_url (SignIn     *data,
                   const char *fhir_user)
{
  g_autofree char *type = NULL;
  g_autofree char *id = NULL;
  g_autofree char *escaped = NULL;

  if (fhir_user == NULL || !care_fhir_parse_reference (fhir_user, &type, &id) || type == NULL)
    return NULL;

  if (strstr (fhir_user, "://") != NULL && !g_str_has_prefix (fhir_user, data->fhir_base))
    return NULL;

  escaped = g_uri_escape_string (id, NULL, FALSE);
  return g_strdup_printf ("%s/%s/%s", data->fhir_base, type, escaped);
}

static void
patient_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(JsonObject) patient = result != NULL ? parse_reply (result) : NULL;
  g_autofree char *user_url = NULL;

  /* The name is for the person switcher; without it sign-in still counts. */
  if (patient != NULL)
    {
      data->result->display_name = dup_patient_name (patient);
      data->result->birth_date = g_strdup (care_fhir_get_string (patient, "birthDate"));
    }

  user_url = data->result->is_proxy ? dup_fhir_user_url (data, data->result->fhir_user) : NULL;
  if (user_url == NULL)
    {
      finish_sign_in (task);
      return;
    }

  get_resource (task, user_url, user_cb);
}

/* The Patient is read by id, never searched (FHIR-CLIENT 14). */
static void
read_patient (GTask *task)
{
  SignIn *data = g_task_get_task_data (task);
  g_autofree char *escaped = g_uri_escape_string (data->result->patient_id, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("%s/Patient/%s", data->fhir_base, escaped);

  get_resource (task, url, patient_cb);
}

static void
token_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = care_http_read_finish (result, &error);
  SoupMessage *msg = care_http_read_get_message (result);
  g_autoptr(CareSignIn) sign_in = NULL;
  g_autoptr(JsonObject) response = NULL;
  const char *patient;
  const char *fhir_user;
  g_autofree char *user_type = NULL;
  g_autofree char *user_id = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (bytes == NULL)
    {
      /* Too big, too slow or sent elsewhere (care-http.c) says so itself. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          error->domain == CARE_PORTAL_ERROR)
        finish_with_error (task, g_steal_pointer (&error));
      else
        finish_with_error (task, g_error_new_literal (CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE,
                                                      _("The health system could not be reached to "
                                                        "finish signing in.")));
      return;
    }

  if ((response = care_json_parse_bytes (bytes, NULL)) == NULL)
    {
      finish_with_error (task, g_error_new_literal (CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_BAD_RESPONSE,
                                                    _("The health system answered sign-in with "
                                                      "something Carebook cannot read.")));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)) ||
      care_fhir_get_string (response, "access_token") == NULL)
    {
      /* invalid_grant: the code expired, was used, or does not belong to
       * this attempt's PKCE verifier. The portal's description is
       * English and technical, so it goes to the debug log only. */
      g_debug ("Token endpoint refused the code: %s (%s)",
               care_fhir_get_string (response, "error") ?: "?",
               care_fhir_get_string (response, "error_description") ?: "");
      if (g_strcmp0 (care_fhir_get_string (response, "error"), "invalid_grant") == 0)
        finish_with_error (task, g_error_new_literal (CARE_AUTH_ERROR, CARE_AUTH_ERROR_DENIED,
                                                      _("The health system did not accept this "
                                                        "sign-in: it took too long, or it did not "
                                                        "come from this request. Please try "
                                                        "again.")));
      else
        finish_with_error (task, g_error_new_literal (CARE_AUTH_ERROR, CARE_AUTH_ERROR_DENIED,
                                                      _("The health system refused to finish signing "
                                                        "in. Please try again.")));
      return;
    }

  /* The patient is the token's, else a Patient fhirUser (FHIR-CLIENT 5). */
  patient = care_fhir_get_string (response, "patient");
  fhir_user = care_fhir_get_string (response, "fhirUser");
  if (fhir_user != NULL)
    care_fhir_parse_reference (fhir_user, &user_type, &user_id);

  sign_in = g_new0 (CareSignIn, 1);
  if (patient != NULL && patient[0] != '\0')
    sign_in->patient_id = g_strdup (patient);
  else if (g_strcmp0 (user_type, "Patient") == 0 && user_id != NULL)
    sign_in->patient_id = g_strdup (user_id);

  if (sign_in->patient_id != NULL && !care_fhir_is_valid_id (sign_in->patient_id))
    {
      /* It names folders, searches and URLs: "../../tmp/x" is no id. */
      g_debug ("The token named a patient id that is not a FHIR id");
      finish_with_error (task, g_error_new_literal (CARE_AUTH_ERROR, CARE_AUTH_ERROR_NO_PATIENT,
                                                    _("The health system named the patient in a way "
                                                      "Carebook cannot use, so it cannot show the "
                                                      "record.")));
      return;
    }

  if (sign_in->patient_id == NULL)
    {
      finish_with_error (task, g_error_new_literal (CARE_AUTH_ERROR, CARE_AUTH_ERROR_NO_PATIENT,
                                                    _("The health system did not say whose record "
                                                      "was opened, so Carebook cannot show it.")));
      return;
    }

  sign_in->fhir_base = g_strdup (data->fhir_base);
  sign_in->fhir_user = g_strdup (fhir_user);
  /* RFC 6749 §5.1: no scope in the answer means the scope asked for. */
  sign_in->scope = g_strdup (care_fhir_get_string (response, "scope") ?: data->scopes);
  sign_in->access_token = g_strdup (care_fhir_get_string (response, "access_token"));
  sign_in->refresh_token = g_strdup (care_fhir_get_string (response, "refresh_token"));
  sign_in->token_endpoint = g_strdup (care_smart_config_get_token_endpoint (data->config));
  sign_in->revocation_endpoint = g_strdup (care_smart_config_get_revocation_endpoint (data->config));
  sign_in->registration_endpoint = g_strdup (care_smart_config_get_registration_endpoint (data->config));
  sign_in->expires_at = now + json_object_get_int_member_with_default (response, "expires_in", 3600);

  /* When the authorization lapses: some portals say how long the refresh
   * token lives; without one it ends with the access token. */
  if (json_object_has_member (response, "refresh_token_expires_in"))
    sign_in->authorization_ends = now + json_object_get_int_member_with_default (response,
                                                                                 "refresh_token_expires_in",
                                                                                 0);
  else if (sign_in->refresh_token == NULL)
    sign_in->authorization_ends = sign_in->expires_at;

  /* Anyone but the patient themself signing in (a RelatedPerson, a
   * Person, another Patient) means access for someone else. */
  sign_in->is_proxy = fhir_user != NULL &&
                      !(g_strcmp0 (user_type, "Patient") == 0 &&
                        g_strcmp0 (user_id, sign_in->patient_id) == 0);

  data->result = g_steal_pointer (&sign_in);
  read_patient (task);
}

static void
exchange_code (GTask      *task,
               const char *code)
{
  SignIn *data = g_task_get_task_data (task);
  CareAuthorizer *self = g_task_get_source_object (task);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  CareHttpLimits limits;
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
  /* The answer is read within limits; a redirect to another origin would
   * resend the code and verifier there, so it is refused (care-http.c). */
  care_http_limits_init_auth (&limits, self->session);
  care_http_read_async (self->session, msg, &limits, g_task_get_cancellable (task), token_cb,
                        g_object_ref (task));
}

typedef enum
{
  REDIRECT_CODE,
  REDIRECT_RETRY_AUD,
  REDIRECT_MISMATCH,
  REDIRECT_DENIED,
  REDIRECT_REFUSED,
} RedirectKind;

static RedirectKind
classify_redirect (SignIn     *data,
                   GHashTable *query)
{
  const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  const char *code = query != NULL ? g_hash_table_lookup (query, "code") : NULL;
  const char *error = query != NULL ? g_hash_table_lookup (query, "error") : NULL;

  /* Only the redirect of this very attempt: anything else is refused. */
  if (state == NULL || !g_str_equal (state, data->pkce->state))
    return REDIRECT_MISMATCH;
  if (g_strcmp0 (error, "access_denied") == 0)
    return REDIRECT_DENIED;
  if (error != NULL || code == NULL)
    {
      /* Some portals want the aud without its trailing slash; they say so
       * only by refusing the request (FHIR-CLIENT 4). */
      if (!data->aud_retried && g_str_has_suffix (data->aud, "/"))
        return REDIRECT_RETRY_AUD;
      return REDIRECT_REFUSED;
    }

  return REDIRECT_CODE;
}

static const char return_page[] =
  "<!DOCTYPE html><html lang=\"%s\"><head><meta charset=\"utf-8\"><title>Carebook</title><style>"
  "body{font-family:Cantarell,sans-serif;background:#f6f5f4;color:#2e3436;text-align:center;"
  "margin-top:20vh}</style></head><body><h1>%s</h1><p>%s</p></body></html>";

static void
send_return_page (SoupServerMessage *msg,
                  RedirectKind       kind)
{
  const char *title;
  const char *text;
  char *html;

  switch (kind)
    {
    case REDIRECT_CODE:
      title = _("You can return to Carebook");
      text = _("You may close this tab.");
      break;

    case REDIRECT_RETRY_AUD:
      title = _("One more step");
      text = _("Carebook opened the health system’s sign-in page again. You may close this tab.");
      break;

    case REDIRECT_MISMATCH:
    case REDIRECT_DENIED:
    case REDIRECT_REFUSED:
    default:
      title = _("Sign-in did not finish");
      text = _("Go back to Carebook to see what happened.");
      break;
    }

  /* Translators: the language code of the page shown in the browser
   * after sign-in: "es" in Spanish */
  html = g_strdup_printf (return_page, C_("html lang", "en"), title, text);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, html,
                                    strlen (html));
}

static char *
build_authorize_uri (SignIn *data)
{
  GString *uri = g_string_new (care_smart_config_get_authorization_endpoint (data->config));
  g_autofree char *query = soup_form_encode ("response_type", "code",
                                             "client_id", CLIENT_ID,
                                             "redirect_uri", data->redirect_uri,
                                             "scope", data->scopes,
                                             "state", data->pkce->state,
                                             "aud", data->aud,
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
open_authorize_page (GTask *task)
{
  CareAuthorizer *self = g_task_get_source_object (task);
  SignIn *data = g_task_get_task_data (task);
  g_autofree char *uri = build_authorize_uri (data);

  g_signal_emit (self, signals[OPEN_URI], 0, uri);
}

/* The portal's answer, from the loopback listener or a private-scheme URI
 * the app received. */
static void
handle_redirect (GTask        *task,
                 RedirectKind  kind,
                 GHashTable   *query)
{
  SignIn *data = g_task_get_task_data (task);
  gsize len;

  switch (kind)
    {
    case REDIRECT_CODE:
      exchange_code (task, g_hash_table_lookup (query, "code"));
      stop_waiting (task);
      break;

    case REDIRECT_RETRY_AUD:
      /* A fresh attempt: new verifier and state, the aud without its slash. */
      data->aud_retried = TRUE;
      len = strlen (data->aud);
      while (len > 0 && data->aud[len - 1] == '/')
        data->aud[--len] = '\0';
      g_clear_pointer (&data->pkce, care_pkce_free);
      data->pkce = care_pkce_new ();
      open_authorize_page (task);
      break;

    case REDIRECT_MISMATCH:
      finish_with_error (task, g_error_new_literal (CARE_AUTH_ERROR, CARE_AUTH_ERROR_STATE_MISMATCH,
                                                    _("The answer to sign-in did not come from this "
                                                      "request, so it was ignored. Please try again.")));
      break;

    case REDIRECT_DENIED:
      finish_with_error (task, g_error_new_literal (CARE_AUTH_ERROR, CARE_AUTH_ERROR_DENIED,
                                                    _("Access was not allowed at the health "
                                                      "system’s sign-in page.")));
      break;

    case REDIRECT_REFUSED:
    default:
      finish_with_error (task, g_error_new_literal (CARE_AUTH_ERROR, CARE_AUTH_ERROR_DENIED,
                                                    _("The health system refused the sign-in "
                                                      "request.")));
      break;
    }
}

/* The portal's first answer to the sign-in request, asked for by
 * Carebook before the browser: a portal that refuses loopback redirects
 * (Oracle Health, the VA) answers it with an error page (a 4xx) instead
 * of its sign-in page. Then this sign-in uses the private-use scheme
 * (FHIR-CLIENT.md 3); any other answer, or none, leaves it as it was. */
static void
loopback_probed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CareAuthorizer *self = g_task_get_source_object (task);
  SignIn *data = g_task_get_task_data (task);
  SoupMessage *msg = care_http_read_get_message (result);
  GBytes *bytes = care_http_read_finish (result, NULL);
  /* Its headers are enough: a sign-in page past the size limit still
   * has its status. */
  guint status = soup_message_get_status (msg);

  g_clear_pointer (&bytes, g_bytes_unref);

  /* Cancelled or timed out meanwhile: nothing to open. */
  if (data->done)
    return;

  if (status >= 400 && status < 500)
    {
      g_debug ("The portal refused a loopback redirect (%u); using the private-use scheme", status);
      if (data->listener != NULL)
        {
          soup_server_disconnect (data->listener);
          g_clear_object (&data->listener);
        }
      g_free (data->redirect_uri);
      data->redirect_uri = g_strdup (PRIVATE_REDIRECT);
      if (self->pending != NULL && self->pending != task)
        finish_with_error (self->pending, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                               _("Signing in was cancelled.")));
      self->pending = task;
    }

  open_authorize_page (task);
}

static void
probe_loopback (GTask *task)
{
  CareAuthorizer *self = g_task_get_source_object (task);
  SignIn *data = g_task_get_task_data (task);
  g_autofree char *uri = build_authorize_uri (data);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  CareHttpLimits limits;

  if (msg == NULL)
    {
      open_authorize_page (task);
      return;
    }
  /* Only its status matters: never followed, never shown. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  care_http_limits_init_auth (&limits, self->session);
  care_http_read_async (self->session, msg, &limits, g_task_get_cancellable (task), loopback_probed_cb,
                        g_object_ref (task));
}

static gboolean
close_listener_cb (gpointer user_data)
{
  soup_server_disconnect (SOUP_SERVER (user_data));
  return G_SOURCE_REMOVE;
}

static void
page_sent_cb (SoupServerMessage *msg,
              SoupServer        *listener)
{
  /* Not from inside the server's own signal: on the next turn. */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_listener_cb, g_object_ref (listener), g_object_unref);
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
  RedirectKind kind;

  /* Browsers ask for /favicon.ico and the like: not ours to answer. */
  if (!g_str_equal (path, "/callback") || data->done || !data->holding)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  kind = classify_redirect (data, query);
  if (kind == REDIRECT_MISMATCH)
    {
      /* Not this attempt's state: a stray request (another program, a
       * stale tab, a forged link) must not end a sign-in under way. It is
       * answered and the listener keeps waiting for the real redirect. */
      g_debug ("The sign-in listener ignored a request without this attempt's state");
      send_return_page (msg, kind);
      soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, NULL);
      return;
    }

  g_object_ref (task);
  send_return_page (msg, kind);

  /* One matching request, then the listener closes; but only once the
   * page has reached the browser, and without a handler pointing at a
   * task that may be gone by then. */
  if (kind != REDIRECT_RETRY_AUD && data->listener != NULL)
    {
      soup_server_remove_handler (data->listener, NULL);
      g_signal_connect_data (msg, "finished", G_CALLBACK (page_sent_cb),
                             g_steal_pointer (&data->listener), (GClosureNotify)g_object_unref, 0);
    }

  handle_redirect (task, kind, query);
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
  GSList *uris;

  data->config = care_smart_discover_finish (result, &error);
  if (data->config == NULL)
    {
      finish_with_error (task, g_steal_pointer (&error));
      return;
    }
  data->fhir_base = g_strdup (care_smart_config_get_fhir_base (data->config));
  {
    /* One of two fixed strings: interned, it outlives the sign-in. */
    g_autofree char *scopes = care_features_dup_scopes (care_smart_config_get_v1_scopes_only (data->config));

    data->scopes = g_intern_string (scopes);
  }

  /* The aud is the base as the user or the directory wrote it, trailing
   * slash and all; the retry drops the slash. */
  data->aud = g_strconcat (data->fhir_base, data->aud_slash ? "/" : "", NULL);

  if (self->mode == CARE_REDIRECT_PRIVATE_SCHEME)
    {
      /* For portals that refuse loopback redirects: the desktop file
       * registers the scheme, and the app hands the URI back through
       * care_authorizer_deliver_redirect(). A newer sign-in replaces an
       * older one still waiting. */
      data->redirect_uri = g_strdup (PRIVATE_REDIRECT);
      if (self->pending != NULL)
        finish_with_error (self->pending, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                               _("Signing in was cancelled.")));
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

  if (self->mode == CARE_REDIRECT_LOOPBACK && self->probe_loopback)
    probe_loopback (g_steal_pointer (&task));
  else
    open_authorize_page (g_steal_pointer (&task));
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
 * waits for its redirect (ten minutes at most) by the authorizer's
 * #CareRedirectMode. Most callers want care_connection_store_connect_async(),
 * which also remembers the person and keeps the refresh token.
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
  g_autofree char *trimmed = NULL;
  SignIn *data;

  g_return_if_fail (CARE_IS_AUTHORIZER (self));
  g_return_if_fail (fhir_base != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_authorizer_sign_in_async);
  data = g_new0 (SignIn, 1);
  data->pkce = care_pkce_new ();
  data->login_hint = g_strdup (login_hint);
  trimmed = g_strstrip (g_strdup (fhir_base));
  data->aud_slash = g_str_has_suffix (trimmed, "/");
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
 * care_authorizer_set_redirect_mode:
 * @self: a #CareAuthorizer
 * @mode: how the portal's answer comes back, for sign-ins started from now
 *
 * Some portals refuse loopback redirects (FHIR-CLIENT.md 3).
 */
void
care_authorizer_set_redirect_mode (CareAuthorizer   *self,
                                   CareRedirectMode  mode)
{
  g_return_if_fail (CARE_IS_AUTHORIZER (self));

  self->mode = mode;
}

CareRedirectMode
care_authorizer_get_redirect_mode (CareAuthorizer *self)
{
  g_return_val_if_fail (CARE_IS_AUTHORIZER (self), CARE_REDIRECT_LOOPBACK);

  return self->mode;
}

/**
 * care_authorizer_set_probe_loopback:
 * @self: a #CareAuthorizer
 * @probe: whether a loopback sign-in first asks the portal whether it
 *   accepts the loopback redirect
 *
 * When set, a sign-in by %CARE_REDIRECT_LOOPBACK requests the sign-in
 * address once itself before the browser does; a portal that answers it
 * with a 4xx error page (it refuses loopback redirects, as Oracle Health
 * and the VA do) gets the private-use scheme redirect instead.
 */
void
care_authorizer_set_probe_loopback (CareAuthorizer *self,
                                    gboolean        probe)
{
  g_return_if_fail (CARE_IS_AUTHORIZER (self));

  self->probe_loopback = !!probe;
}

/**
 * care_authorizer_set_private_scheme:
 * @self: a #CareAuthorizer
 * @private_scheme: redirect to org.carebook.carebook:/callback instead of
 *   a loopback listener
 *
 * The same as care_authorizer_set_redirect_mode().
 */
void
care_authorizer_set_private_scheme (CareAuthorizer *self,
                                    gboolean        private_scheme)
{
  care_authorizer_set_redirect_mode (self, private_scheme ? CARE_REDIRECT_PRIVATE_SCHEME
                                                          : CARE_REDIRECT_LOOPBACK);
}

/**
 * care_authorizer_deliver_redirect:
 * @self: a #CareAuthorizer
 * @uri: an org.carebook.carebook: URI the app was opened with
 *
 * A URI whose state is not the waiting sign-in's is refused (logged) and
 * the sign-in keeps waiting; any other answer ends it.
 *
 * Returns: %TRUE if a sign-in was waiting for it (it may still have been
 *   refused, which that sign-in's callback reports, or ignored)
 */
gboolean
care_authorizer_deliver_redirect (CareAuthorizer *self,
                                  const char     *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GHashTable) query = NULL;
  RedirectKind kind;
  GTask *task;

  g_return_val_if_fail (CARE_IS_AUTHORIZER (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  if (self->pending == NULL || !g_str_has_prefix (uri, PRIVATE_REDIRECT))
    return FALSE;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed != NULL && g_uri_get_query (parsed) != NULL)
    query = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE, NULL);

  task = g_object_ref (self->pending);
  kind = classify_redirect (g_task_get_task_data (task), query);
  if (kind == REDIRECT_MISMATCH)
    /* As on the loopback listener: a URI without this attempt's state (a
     * stale tab, a forged link) is refused, and the sign-in keeps
     * waiting for its own answer. */
    g_debug ("A sign-in redirect without this attempt's state was refused");
  else
    handle_redirect (task, kind, query);
  g_object_unref (task);
  return TRUE;
}
