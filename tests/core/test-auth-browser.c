/* test-auth-browser.c — sign-in through the sandbox's own pages
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scripted browser (a libsoup client) does what a person does in the
 * portal: fills in the login form, reads the 2-step code from the
 * sandbox's outbox, picks the person, allows access (or not, or unticks
 * some types) and follows the redirect to Carebook's loopback listener.
 * The sandbox runs in this process on the same main context, so every
 * request spins the context until its answer arrives.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>

#include "care-authorizer.h"
#include "care-connection-store.h"
#include "care-error.h"
#include "care-pkce.h"
#include "care-sandbox.h"
#include "care-sandbox-seed.h"

#include "care-test-sign-in.h"

typedef struct
{
  const char *password;       /* what is typed */
  int         wrong_first;    /* wrong passwords typed before it */
  const char *patient;        /* picked in the patient picker */
  gboolean    deny;
  gboolean    untick_first;
  gboolean    other_challenge; /* a code bound to someone else's PKCE challenge */
  int         delay;          /* seconds the sandbox clock moves before the redirect */
} Script;

typedef struct
{
  CareTestSignIn  sign_in;
  const Script   *script;
  char           *last_page;
  char           *requested_scope;
  guint           last_status;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  care_test_sign_in_open (&fixture->sign_in, FALSE);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->last_page, g_free);
  g_clear_pointer (&fixture->requested_scope, g_free);
  care_test_sign_in_close (&fixture->sign_in);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* One request, answered by the in-process sandbox; redirects are not
 * followed, the script decides. Returns the body. */
static char *
fetch (Fixture     *fixture,
       SoupMessage *msg)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (fixture->sign_in.session, msg, G_PRIORITY_DEFAULT, NULL,
                                    done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  bytes = soup_session_send_and_read_finish (fixture->sign_in.session, result, NULL);
  fixture->last_status = soup_message_get_status (msg);
  g_assert_nonnull (bytes);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
post_form (Fixture    *fixture,
           const char *action,
           GString    *form,
           char      **location)
{
  g_autofree char *url = g_strconcat (care_sandbox_get_base_url (fixture->sign_in.sandbox), action, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new (form->str, form->len);
  char *page;

  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  page = fetch (fixture, msg);
  *location = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"));
  return page;
}

static void
add_field (GString    *form,
           const char *name,
           const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_printf (form, "%s%s=%s", form->len > 0 ? "&" : "", name, escaped);
}

/* The page's step: its first form's action and hidden fields, as a
 * person using it would send them. Later forms resend codes or switch
 * language. */
static char *
read_form (const char *page,
           GString    *form)
{
  g_autoptr(GRegex) action_re = g_regex_new ("<form method=\"post\" action=\"(/login/[a-z]+)\"", 0, 0, NULL);
  g_autoptr(GRegex) hidden_re = g_regex_new ("<input type=\"hidden\" name=\"([a-z]+)\" value=\"([^\"]*)\"",
                                             0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GMatchInfo) fields = NULL;
  g_autofree char *first = NULL;
  const char *end;
  int start = 0;
  char *action;

  if (!g_regex_match (action_re, page, 0, &match))
    return NULL;
  action = g_match_info_fetch (match, 1);
  g_match_info_fetch_pos (match, 0, &start, NULL);
  end = strstr (page + start, "</form>");
  first = end != NULL ? g_strndup (page + start, end - (page + start)) : g_strdup (page + start);

  g_regex_match (hidden_re, first, 0, &fields);
  while (g_match_info_matches (fields))
    {
      g_autofree char *name = g_match_info_fetch (fields, 1);
      g_autofree char *value = g_match_info_fetch (fields, 2);

      add_field (form, name, value);
      g_match_info_next (fields, NULL);
    }

  return action;
}

static char *
outbox_code (Fixture *fixture)
{
  g_autofree char *url = g_strconcat (care_sandbox_get_base_url (fixture->sign_in.sandbox), "/sandbox/outbox",
                                      NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autofree char *json = fetch (fixture, msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *sent;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  sent = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (sent), >, 0);
  /* Newest first. */
  return g_strdup (json_object_get_string_member (json_array_get_object_element (sent, 0), "code"));
}

static void
add_shares (const char *page,
            GString    *form,
            gboolean    untick_first)
{
  g_autoptr(GRegex) share_re = g_regex_new ("name=\"share\" value=\"([^\"]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  gboolean first = TRUE;

  g_regex_match (share_re, page, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *value = g_match_info_fetch (match, 1);

      if (!(first && untick_first))
        add_field (form, "share", value);
      first = FALSE;
      g_match_info_next (match, NULL);
    }
}

static void
open_uri_cb (CareAuthorizer *authorizer,
             const char     *uri,
             Fixture        *fixture)
{
  const Script *script = fixture->script;
  g_autoptr(GString) authorize = g_string_new (uri);
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *location = NULL;
  char *page;
  int wrong = script->wrong_first;

  {
    g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
    g_autoptr(GHashTable) params = g_uri_parse_params (g_uri_get_query (parsed), -1, "&",
                                                       G_URI_PARAMS_NONE, NULL);

    fixture->requested_scope = g_strdup (g_hash_table_lookup (params, "scope"));
  }

  /* Code injection: the code will belong to another verifier. */
  if (script->other_challenge)
    {
      g_autoptr(CarePkce) other = care_pkce_new ();
      char *at = strstr (authorize->str, "code_challenge=") + strlen ("code_challenge=");

      g_assert_cmpuint (strlen (other->challenge), ==, 43);
      memcpy (at, other->challenge, 43);
    }

  msg = soup_message_new ("GET", authorize->str);
  page = fetch (fixture, msg);

  for (int step = 0; step < 16 && page != NULL; step++)
    {
      g_autoptr(GString) form = g_string_new (NULL);
      g_autofree char *action = read_form (page, form);

      g_clear_pointer (&fixture->last_page, g_free);
      fixture->last_page = page;
      page = NULL;

      /* A page with no way on, or a locked account: the user gives up. */
      if (action == NULL || fixture->last_status == SOUP_STATUS_FORBIDDEN)
        return;

      if (g_str_equal (action, "/login/password"))
        {
          add_field (form, "username", "maria");
          add_field (form, "password", wrong-- > 0 ? "not-her-password" : script->password);
        }
      else if (g_str_equal (action, "/login/send"))
        add_field (form, "channel", "email");
      else if (g_str_equal (action, "/login/verify"))
        {
          g_autofree char *code = outbox_code (fixture);

          add_field (form, "code", code);
        }
      else if (g_str_equal (action, "/login/patient"))
        add_field (form, "patient", script->patient);
      else if (g_str_equal (action, "/login/consent"))
        {
          add_shares (fixture->last_page, form, script->untick_first);
          add_field (form, "decision", script->deny ? "deny" : "allow");
        }
      else
        g_assert_not_reached ();

      g_clear_pointer (&location, g_free);
      page = post_form (fixture, action, form, &location);
      if (location != NULL && g_str_has_prefix (location, "http://127.0.0.1"))
        break;
    }

  g_free (page);
  g_assert_nonnull (location);

  /* The portal answered; the browser follows the redirect to Carebook. */
  if (script->delay > 0)
    care_sandbox_advance_clock (fixture->sign_in.sandbox, script->delay);
  {
    g_autoptr(SoupMessage) back = soup_message_new ("GET", location);
    g_autofree char *returned = fetch (fixture, back);

    g_clear_pointer (&fixture->last_page, g_free);
    fixture->last_page = g_steal_pointer (&returned);
  }
}

static CareSignIn *
sign_in (Fixture       *fixture,
         const Script  *script,
         GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gulong id;
  CareSignIn *outcome;

  fixture->script = script;
  id = g_signal_connect (fixture->sign_in.authorizer, "open-uri", G_CALLBACK (open_uri_cb), fixture);
  care_authorizer_sign_in_async (fixture->sign_in.authorizer,
                                 care_sandbox_get_fhir_base (fixture->sign_in.sandbox), NULL,
                                 fixture->sign_in.cancellable, done_cb, &result);
  /* A script that stops on a page leaves the sign-in waiting: Cancel. */
  while (result == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      if (result == NULL && fixture->last_page != NULL && fixture->last_status != SOUP_STATUS_OK &&
          !g_cancellable_is_cancelled (fixture->sign_in.cancellable))
        g_cancellable_cancel (fixture->sign_in.cancellable);
    }
  g_signal_handler_disconnect (fixture->sign_in.authorizer, id);

  outcome = care_authorizer_sign_in_finish (fixture->sign_in.authorizer, result, error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return outcome;
}

static void
test_success (Fixture       *fixture,
              gconstpointer  data)
{
  const Script script = { .password = "carebook-demo", .patient = "adult" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = sign_in (fixture, &script, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (result->patient_id, ==, "adult");
  g_assert_false (result->is_proxy);
  g_assert_cmpint (result->relationship, ==, CARE_RELATIONSHIP_SELF);
  g_assert_cmpint (result->access_level, ==, CARE_ACCESS_FULL);
  g_assert_nonnull (result->refresh_token);
  g_assert_nonnull (result->display_name);
  /* The browser was told it can go back. */
  g_assert_nonnull (strstr (fixture->last_page, "You can return to Carebook"));
}

static void
test_denied (Fixture       *fixture,
             gconstpointer  data)
{
  const Script script = { .password = "carebook-demo", .patient = "adult", .deny = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = sign_in (fixture, &script, &error);

  g_assert_null (result);
  g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_DENIED);
}

static void
test_unticked (Fixture       *fixture,
               gconstpointer  data)
{
  const Script script = { .password = "carebook-demo", .patient = "adult", .untick_first = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = sign_in (fixture, &script, &error);
  g_autoptr(CareConnection) connection = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();

  g_assert_no_error (error);
  /* The grant is smaller than the request, and the person is limited. */
  g_assert_cmpstr (result->scope, !=, fixture->requested_scope);
  g_assert_null (strstr (result->scope, "patient/*."));
  g_assert_cmpint (result->access_level, ==, CARE_ACCESS_LIMITED);

  connection = care_connection_new_from_sign_in (session, result);
  g_assert_true (care_connection_grants_type (connection, "Patient") ||
                 care_connection_grants_type (connection, "Observation"));
  g_assert_false (care_connection_grants_type (connection, "Observation") &&
                  care_connection_grants_type (connection, "MedicationRequest") &&
                  care_connection_grants_type (connection, "Condition") &&
                  care_connection_grants_type (connection, "Immunization") &&
                  care_connection_grants_type (connection, "DocumentReference") &&
                  care_connection_grants_type (connection, "AllergyIntolerance"));
}

static void
test_pkce_mismatch (Fixture       *fixture,
                    gconstpointer  data)
{
  const Script script = { .password = "carebook-demo", .patient = "adult", .other_challenge = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = sign_in (fixture, &script, &error);

  g_assert_null (result);
  g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_DENIED);
}

static void
test_expired_code (Fixture       *fixture,
                   gconstpointer  data)
{
  const Script script = { .password = "carebook-demo", .patient = "adult", .delay = 11 * 60 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = sign_in (fixture, &script, &error);

  g_assert_null (result);
  g_assert_error (error, CARE_AUTH_ERROR, CARE_AUTH_ERROR_DENIED);
}

static void
test_wrong_password (Fixture       *fixture,
                     gconstpointer  data)
{
  const Script once = { .password = "carebook-demo", .patient = "adult", .wrong_first = 1 };
  const Script locked = { .password = "carebook-demo", .patient = "adult", .wrong_first = 5 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) result = NULL;

  /* One wrong password: the page says so, the right one works. */
  result = sign_in (fixture, &once, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->patient_id, ==, "adult");
  g_clear_pointer (&result, care_sign_in_free);
  g_clear_pointer (&fixture->last_page, g_free);

  /* Five: the account locks, even the right password is refused with
   * the lockout message, and the user cancels in Carebook. */
  g_clear_object (&fixture->sign_in.cancellable);
  fixture->sign_in.cancellable = g_cancellable_new ();
  result = sign_in (fixture, &locked, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->last_status, ==, SOUP_STATUS_FORBIDDEN);
  g_assert_nonnull (strstr (fixture->last_page, "locked"));
}

static void
test_two_children (Fixture       *fixture,
                   gconstpointer  data)
{
  const Script child = { .password = "carebook-demo", .patient = "child" };
  const Script teen = { .password = "carebook-demo", .patient = "teen" };
  g_autofree char *dir = g_dir_make_tmp ("carebook-browser-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "connections.json", NULL);
  g_autoptr(CareConnectionStore) store = care_connection_store_new (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) first = sign_in (fixture, &child, &error);
  g_autoptr(CareSignIn) second = NULL;
  g_autoptr(CarePerson) a = NULL;
  g_autoptr(CarePerson) b = NULL;

  g_assert_no_error (error);
  second = sign_in (fixture, &teen, &error);
  g_assert_no_error (error);

  /* Both are proxy sign-ins by their parent; the teen's record is limited. */
  g_assert_true (first->is_proxy && second->is_proxy);
  g_assert_cmpint (first->relationship, ==, CARE_RELATIONSHIP_CHILD);
  g_assert_cmpint (second->relationship, ==, CARE_RELATIONSHIP_CHILD);
  g_assert_cmpint (first->access_level, ==, CARE_ACCESS_FULL);
  g_assert_cmpint (second->access_level, ==, CARE_ACCESS_LIMITED);

  /* Under one login, two connections: the second never replaces the first. */
  a = care_connection_store_add (store, first, &error);
  b = care_connection_store_add (store, second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (care_connection_store_get_people (store)), ==, 2);
  g_assert_cmpstr (care_person_get_id (a), !=, care_person_get_id (b));

  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/care/auth/browser/success", test_success);
  ADD ("/care/auth/browser/denied", test_denied);
  ADD ("/care/auth/browser/unticked", test_unticked);
  ADD ("/care/auth/browser/pkce-mismatch", test_pkce_mismatch);
  ADD ("/care/auth/browser/expired-code", test_expired_code);
  ADD ("/care/auth/browser/wrong-password", test_wrong_password);
  ADD ("/care/auth/browser/two-children", test_two_children);

#undef ADD

  return g_test_run ();
}
