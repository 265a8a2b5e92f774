/* test-window-sign-in.c — signing in through the window, as a person does
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole application, on a fresh profile in private XDG folders,
 * against carebook-sandbox run WITHOUT --demo (its 2-step codes come from
 * its standard error, as a developer reads them). The browser is a
 * desktop file for x-scheme-handler/http(s) that records the address GTK
 * hands it; a libsoup client then walks the portal's real pages (password,
 * 6-digit code, patient picker, Allow Access) and follows the redirect
 * back to the app's loopback listener. Then the record must sync, with no
 * "sign in again"; a browser that cannot start shows the address to copy
 * and the sign-in still completes; a portal that issues no refresh token
 * still gives a working person; and signing out through the window leaves
 * no record content anywhere under the XDG folders.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>

#include "care-access-log.h"
#include "care-application.h"
#include "care-context.h"
#include "care-directory.h"
#include "care-home-view.h"
#include "care-launch.h"
#include "care-record.h"
#include "care-sign-in-page.h"
#include "care-sync-banner.h"
#include "care-token-store.h"
#include "care-window.h"

static char            *home;
static char            *opened_file;
static char            *browser_script;
static char            *stderr_file;
static char            *base_url;
static char            *fhir_base;
static GSubprocess     *sandbox;
static CareApplication *app;

typedef struct
{
  guint  status;
  char  *body;
  char  *location;
} Reply;

static void
reply_free (Reply *reply)
{
  g_free (reply->body);
  g_free (reply->location);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the main loop (the app's, the listener's, the client's) until
 * @check says yes or a generous time passes. */
static gboolean
wait_until (gboolean  (*check) (gpointer),
            gpointer    data,
            guint       seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, timeout_cb, &timed_out);

  while (!check (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return check (data);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **)data != NULL;
}

static Reply *
http (SoupSession *session,
      const char  *method,
      const char  *path_or_url,
      const char  *form)
{
  g_autofree char *url = g_str_has_prefix (path_or_url, "http")
                         ? g_strdup (path_or_url) : g_strconcat (base_url, path_or_url, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  Reply *reply = g_new0 (Reply, 1);

  g_assert_nonnull (msg);
  /* A browser hands the last redirect to the app: here, by hand. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (form != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &result);
  g_assert_true (wait_until (result_ready, &result, 60));
  bytes = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);

  reply->status = soup_message_get_status (msg);
  reply->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  reply->location = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                            "Location"));
  return reply;
}

static char *
field (const char *html,
       const char *name)
{
  g_autofree char *marker = g_strdup_printf ("name=\"%s\" value=\"", name);
  const char *start = strstr (html, marker);

  if (start == NULL)
    return NULL;
  start += strlen (marker);
  return g_strndup (start, strchr (start, '"') - start);
}

/* Every data box the Allow Access page shows, ticked. */
static char *
all_boxes (const char *html)
{
  GString *form = g_string_new (NULL);
  const char *marker = "name=\"share\" value=\"";

  for (const char *at = strstr (html, marker); at != NULL; at = strstr (at, marker))
    {
      const char *end;

      at += strlen (marker);
      end = strchr (at, '"');
      g_string_append_printf (form, "&share=%.*s", (int)(end - at), at);
    }
  return g_string_free (form, FALSE);
}

static guint
count_lines (const char *path)
{
  g_autofree char *text = NULL;
  guint n = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}

typedef struct
{
  const char *path;
  guint       after;
} LinesWait;

static gboolean
has_more_lines (gpointer data)
{
  LinesWait *wait = data;

  return count_lines (wait->path) > wait->after;
}

static char *
last_line (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_strstrip (text);
  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >, 0);
  return g_strdup (lines[n - 1]);
}

/* The 6-digit code the sandbox printed on standard error after @after lines. */
static char *
wait_for_code (guint after)
{
  LinesWait wait = { stderr_file, after };
  g_autofree char *line = NULL;
  const char *code;

  g_assert_true (wait_until (has_more_lines, &wait, 30));
  line = last_line (stderr_file);
  g_assert_nonnull (strstr (line, "code for maria by email"));
  code = strrchr (line, ' ') + 1;
  g_assert_cmpuint (strlen (code), ==, 6);
  return g_strdup (code);
}

/* What a person does in the browser: every page of the portal, then the
 * redirect back to Carebook's listener. Returns that listener's answer. */
static void
walk_portal (const char *authorize_url,
             const char *patient)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(Reply) login_page = http (session, "GET", authorize_url, NULL);
  g_autoptr(Reply) next = NULL;
  g_autoptr(Reply) consent = NULL;
  g_autoptr(Reply) done = NULL;
  g_autoptr(Reply) back = NULL;
  g_autofree char *login = NULL;
  g_autofree char *csrf = NULL;
  g_autofree char *form = NULL;
  g_autofree char *code = NULL;
  g_autofree char *boxes = NULL;
  guint printed;

  g_assert_cmpuint (login_page->status, ==, 200);
  login = field (login_page->body, "login");
  csrf = field (login_page->body, "csrf");
  g_assert_nonnull (login);
  g_assert_nonnull (csrf);

  printed = count_lines (stderr_file);
  form = g_strdup_printf ("login=%s&csrf=%s&username=maria&password=carebook-demo", login, csrf);
  next = http (session, "POST", "/login/password", form);
  g_assert_cmpuint (next->status, ==, 200);
  if (strstr (next->body, "name=\"channel\" value=\"email\" checked") != NULL)
    {
      g_clear_pointer (&next, reply_free);
      g_free (form);
      form = g_strdup_printf ("login=%s&csrf=%s&channel=email", login, csrf);
      next = http (session, "POST", "/login/send", form);
      g_assert_cmpuint (next->status, ==, 200);
    }
  g_assert_nonnull (strstr (next->body, "name=\"code\""));

  /* Without --demo the outbox is closed; the code is on standard error. */
  code = wait_for_code (printed);
  g_free (form);
  form = g_strdup_printf ("login=%s&csrf=%s&code=%s", login, csrf, code);
  g_clear_pointer (&next, reply_free);
  next = http (session, "POST", "/login/verify", form);
  g_assert_cmpuint (next->status, ==, 200);
  g_assert_nonnull (strstr (next->body, "name=\"patient\""));

  g_free (form);
  form = g_strdup_printf ("login=%s&csrf=%s&patient=%s", login, csrf, patient);
  consent = http (session, "POST", "/login/patient", form);
  g_assert_cmpuint (consent->status, ==, 200);
  g_assert_nonnull (strstr (consent->body, "name=\"decision\" value=\"allow\""));

  boxes = all_boxes (consent->body);
  g_free (form);
  form = g_strdup_printf ("login=%s&csrf=%s&decision=allow%s", login, csrf, boxes);
  done = http (session, "POST", "/login/consent", form);
  g_assert_cmpuint (done->status, ==, 302);

  if (g_str_has_prefix (done->location, "org.carebook.carebook:"))
    {
      /* The desktop hands the app's own scheme to the app, as a file to
       * open: the desktop file's handler does exactly this. */
      g_autoptr(GFile) file = g_file_new_for_uri (done->location);

      g_application_open (G_APPLICATION (app), &file, 1, "");
      return;
    }

  /* The browser follows the redirect to Carebook's loopback listener. */
  g_assert_true (g_str_has_prefix (done->location, "http://127.0.0.1:"));
  back = http (session, "GET", done->location, NULL);
  g_assert_cmpuint (back->status, ==, 200);
}

static CareWindow *
get_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (CARE_IS_WINDOW (window));
  return CARE_WINDOW (window);
}

static GtkWidget *
find_child_of_type (GtkWidget *w,
                    GType      type)
{
  while (w != NULL)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        return w;
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          if (w != NULL)
            w = gtk_widget_get_next_sibling (w);
        }
    }
  return NULL;
}

static CareSignInPage *
get_sign_in_page (void)
{
  return CARE_SIGN_IN_PAGE (find_child_of_type (GTK_WIDGET (get_window ()), CARE_TYPE_SIGN_IN_PAGE));
}

typedef struct
{
  const char *suffix;
} PersonWait;

/* The person on screen is @suffix's, and their first sync is over. */
static gboolean
person_synced (gpointer data)
{
  PersonWait *wait = data;
  CareContext *context = care_window_get_context (get_window ());
  CarePerson *person = care_context_get_person (context);
  CareRecord *record = care_context_get_record (context);
  CareSyncState *state;

  if (person == NULL || !g_str_has_suffix (care_person_get_id (person), wait->suffix) || record == NULL)
    return FALSE;
  state = care_record_get_sync_state (record);
  return care_person_get_access_level (person) != CARE_ACCESS_SIGN_IN_AGAIN &&
         care_sync_state_get_phase (state) == CARE_SYNC_PHASE_IDLE &&
         care_sync_state_get_last_synced (state) != NULL;
}

static gboolean
browser_opened (gpointer data)
{
  return count_lines (opened_file) > GPOINTER_TO_UINT (data);
}

static void
assert_person_synced (const char *suffix,
                      const char *name)
{
  PersonWait wait = { suffix };
  CareContext *context = care_window_get_context (get_window ());
  CarePerson *person;
  CareRecord *record;
  CareCache *cache;
  g_autofree char *folder = NULL;
  g_autofree char *folder_name = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  gboolean logged = FALSE;

  wait_until (person_synced, &wait, 120);
  person = care_context_get_person (context);
  record = care_context_get_record (context);

  /* Signed in, synced: never "This sign-in has ended". */
  g_assert_cmpstr (care_person_get_display_name (person), ==, name);
  g_assert_cmpint (care_person_get_access_level (person), !=, CARE_ACCESS_SIGN_IN_AGAIN);
  g_assert_cmpint (care_sync_state_get_phase (care_record_get_sync_state (record)), ==, CARE_SYNC_PHASE_IDLE);
  g_assert_cmpstr (care_window_get_visible_page (get_window ()), ==, "record");
  cache = care_record_get_cache (record);
  g_assert_nonnull (cache);
  g_assert_cmpuint (care_cache_count (cache, "Patient", NULL), ==, 1);

  /* One folder per connection, named by a hash: the cache and the access
   * log that Sharing & Access reads, with this sign-in in it. */
  folder = g_path_get_dirname (care_cache_get_path (cache));
  folder_name = g_path_get_basename (folder);
  g_assert_cmpuint (strlen (folder_name), ==, 24);
  g_assert_true (strspn (folder_name, "0123456789abcdef") == 24);
  log = care_access_log_read (folder, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < log->len; i++)
    if (((CareAccessEntry *)log->pdata[i])->event == CARE_ACCESS_EVENT_SIGN_IN)
      logged = TRUE;
  g_assert_true (logged);
}

static void
test_sign_in_with_browser (void)
{
  guint opened = count_lines (opened_file);
  g_autofree char *address = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "connect", g_variant_new_string (fhir_base));

  /* GTK launched the desktop's browser: ours records the address. */
  g_assert_true (wait_until (browser_opened, GUINT_TO_POINTER (opened), 30));
  address = last_line (opened_file);
  g_assert_true (g_str_has_prefix (address, base_url));
  g_assert_cmpstr (care_sign_in_page_get_state (get_sign_in_page ()), ==, "waiting");

  walk_portal (address, "child");
  assert_person_synced ("|child", "Mateo Reyes");
}

static gboolean
lapsed (gpointer data)
{
  CarePerson *person = data;

  return care_person_get_access_level (person) == CARE_ACCESS_SIGN_IN_AGAIN &&
         care_sync_state_get_phase (care_context_get_sync_state (care_window_get_context (get_window ()))) ==
           CARE_SYNC_PHASE_FAILED;
}

/* Visible widgets under @root whose label (button or label) holds @text. */
static guint
count_visible_text (GtkWidget  *root,
                    const char *text)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *label = NULL;

      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_BUTTON (child))
        label = gtk_button_get_label (GTK_BUTTON (child));
      else if (GTK_IS_LABEL (child))
        label = gtk_label_get_label (GTK_LABEL (child));
      if (label != NULL && strstr (label, text) != NULL)
        n++;
      /* A button's own label is the same text, once. */
      if (!GTK_IS_BUTTON (child))
        n += count_visible_text (child, text);
    }
  return n;
}

static const char *
header_subtitle (void)
{
  GtkWidget *root = GTK_WIDGET (get_window ());
  GtkWidget *title = root;

  /* The section header's title: the one with a subtitle. */
  while ((title = find_child_of_type (title, ADW_TYPE_WINDOW_TITLE)) != NULL)
    {
      const char *subtitle = adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title));

      if (subtitle != NULL && subtitle[0] != '\0')
        return subtitle;
      /* On to the next one after it in the tree. */
      while (title != NULL && gtk_widget_get_next_sibling (title) == NULL)
        title = gtk_widget_get_parent (title);
      if (title != NULL)
        title = gtk_widget_get_next_sibling (title);
    }
  return NULL;
}

static void
test_lapse (void)
{
  CareContext *context = care_window_get_context (get_window ());
  CarePerson *person = NULL;
  CareRecord *record;
  CareConnection *connection;
  CareSyncBanner *banner;
  CareHomeView *home_view;
  g_autoptr(GAsyncResult) found = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(Reply) revoked = NULL;
  g_autofree char *form = NULL;
  g_autofree char *address = NULL;
  char *refresh;
  guint opened;

  /* Mateo's sign-in, the one with a refresh token. */
  for (guint i = 0; i < g_list_model_get_n_items (care_context_get_people (context)); i++)
    {
      g_autoptr(CarePerson) candidate = g_list_model_get_item (care_context_get_people (context), i);

      if (g_str_has_suffix (care_person_get_id (candidate), "|child"))
        person = candidate;
    }
  g_assert_nonnull (person);
  care_context_set_person (context, person);
  gtk_widget_activate_action (GTK_WIDGET (get_window ()), "win.show-section", "s", "home");
  record = care_context_get_record (context);
  connection = care_record_get_connection (record);
  g_assert_nonnull (connection);

  /* The portal ends the sign-in (the person revoked it there), and the
   * access token runs out: the next refresh is refused. */
  care_token_store_lookup_async (care_person_get_id (person), "refresh", NULL,
                                 sent_cb, &found);
  g_assert_true (wait_until (result_ready, &found, 10));
  refresh = care_token_store_lookup_finish (found, NULL);
  g_assert_nonnull (refresh);
  form = g_strdup_printf ("token=%s&client_id=carebook", refresh);
  secret_password_free (refresh);
  revoked = http (session, "POST", "/oauth2/revoke", form);
  g_assert_cmpuint (revoked->status, ==, 200);
  /* The portal also withdrew this install's registration: its key no
   * longer gets tokens (the sandbox runs in another process, so the key
   * is spoiled here instead), and the refresh token is all that is left. */
  {
    g_autoptr(GAsyncResult) saved = NULL;

    care_token_store_save_async (care_person_get_id (person), "client-key", "withdrawn", NULL, sent_cb, &saved);
    g_assert_true (wait_until (result_ready, &saved, 10));
    g_assert_true (care_token_store_save_finish (saved, NULL));
  }
  care_connection_set_access_token (connection, "expired", 1);
  gtk_widget_activate_action (GTK_WIDGET (get_window ()), "win.refresh", NULL);
  g_assert_true (wait_until (lapsed, person, 30));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* The window says so at once: the banner's button signs in again, the
   * header says it beside the name, Home shows its card once, and the
   * footer still says when the record last synced. */
  banner = CARE_SYNC_BANNER (find_child_of_type (GTK_WIDGET (get_window ()), CARE_TYPE_SYNC_BANNER));
  g_assert_true (care_sync_banner_get_revealed (banner));
  g_assert_cmpstr (care_sync_banner_get_action_name (banner), ==, "win.sign-in-again");
  g_assert_nonnull (strstr (header_subtitle (), "Sign in again"));
  home_view = CARE_HOME_VIEW (find_child_of_type (GTK_WIDGET (get_window ()), CARE_TYPE_HOME_VIEW));
  g_assert_cmpuint (count_visible_text (GTK_WIDGET (home_view), "_Sign In Again"), ==, 1);
  g_assert_cmpuint (count_visible_text (GTK_WIDGET (home_view), "access ends on"), ==, 0);
  g_assert_nonnull (care_sync_state_get_last_synced (care_context_get_sync_state (context)));

  /* The banner's button: the portal's pages again, into the same person. */
  opened = count_lines (opened_file);
  gtk_widget_activate_action (GTK_WIDGET (get_window ()), care_sync_banner_get_action_name (banner), NULL);
  g_assert_true (wait_until (browser_opened, GUINT_TO_POINTER (opened), 30));
  address = last_line (opened_file);
  walk_portal (address, "child");
  assert_person_synced ("|child", "Mateo Reyes");
  g_assert_true (care_context_get_person (context) == person);
  g_assert_cmpint (care_person_get_access_level (person), !=, CARE_ACCESS_SIGN_IN_AGAIN);
  g_assert_false (care_sync_banner_get_revealed (banner));
}

static gboolean
page_shows_address (gpointer data)
{
  return g_strcmp0 (care_sign_in_page_get_state (get_sign_in_page ()), "no-browser") == 0;
}

/* "offline_access" taken out of the request, as by a portal that never
 * grants it: no refresh token comes back. */
static char *
without_offline_access (const char *address)
{
  g_autoptr(GString) edited = g_string_new (address);

  g_assert_nonnull (strstr (address, "offline_access"));
  g_string_replace (edited, "+offline_access", "", 0);
  g_string_replace (edited, "%20offline_access", "", 0);
  g_string_replace (edited, "offline_access", "openid", 0);
  return g_string_free (g_steal_pointer (&edited), FALSE);
}

static void
test_sign_in_without_browser (void)
{
  CareSignInPage *page;
  g_autofree char *address = NULL;

  /* A browser that cannot start: its program is not executable. */
  g_assert_cmpint (g_chmod (browser_script, 0600), ==, 0);
  g_action_group_activate_action (G_ACTION_GROUP (app), "connect", g_variant_new_string (fhir_base));

  /* No "Could not show link": the page shows the address to copy, and
   * keeps waiting for the portal's redirect. */
  g_assert_true (wait_until (page_shows_address, NULL, 30));
  page = get_sign_in_page ();
  g_assert_cmpstr (care_window_get_visible_page (get_window ()), ==, "signin");
  g_assert_true (g_str_has_prefix (care_sign_in_page_get_uri (page), base_url));
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      g_assert_false (GTK_IS_MESSAGE_DIALOG (l->data));
  }

  /* Copied into a browser by hand; this portal grants no refresh token. */
  address = without_offline_access (care_sign_in_page_get_uri (page));
  walk_portal (address, "elder");
  assert_person_synced ("|elder", "Roberto Reyes");
  g_assert_cmpint (g_chmod (browser_script, 0700), ==, 0);
}

static void
test_cancel (void)
{
  CareSignInPage *page;

  g_assert_cmpint (g_chmod (browser_script, 0600), ==, 0);
  g_action_group_activate_action (G_ACTION_GROUP (app), "connect", g_variant_new_string (fhir_base));
  g_assert_true (wait_until (page_shows_address, NULL, 30));
  page = get_sign_in_page ();

  /* Cancel goes back to where the person was, with nobody added. */
  g_signal_emit_by_name (page, "cancel");
  g_assert_cmpstr (care_window_get_visible_page (get_window ()), ==, "welcome");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpstr (care_window_get_visible_page (get_window ()), ==, "welcome");
  g_assert_cmpint (g_chmod (browser_script, 0700), ==, 0);
}

/* Whether @needle is anywhere in @length bytes, NULs and all. */
static gboolean
contains_bytes (const char *haystack,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (haystack[i] == needle[0] && memcmp (haystack + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static void
text_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(char **)user_data = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
}

static gboolean
text_ready (gpointer data)
{
  return *(char **)data != NULL;
}

/* The care team's phone and e-mail buttons, on a desktop with no app for
 * calls or e-mail: the number or address, with Copy. */
static void
test_no_app_for_call (void)
{
  const struct { const char *uri; const char *heading; const char *text; } cases[] = {
    { "tel:+15551234567", "No App for Phone Calls", "+15551234567" },
    { "mailto:care.team%40clinic.example.org", "No App for E-Mail", "care.team@clinic.example.org" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AdwMessageDialog *dialog;
      g_autofree char *copied = NULL;

      care_launch_uri (GTK_WIDGET (get_window ()), cases[i].uri);
      g_assert_true (wait_until (has_message_dialog, NULL, 30));
      dialog = find_message_dialog ();
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, cases[i].heading);
      g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, cases[i].text);

      adw_message_dialog_response (dialog, "copy");
      gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), NULL, text_read_cb,
                                     &copied);
      g_assert_true (wait_until (text_ready, &copied, 10));
      g_assert_cmpstr (copied, ==, cases[i].text);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

/* A portal whose directory entry asks for the private-scheme redirect (as
 * Oracle's and the VA's refuse loopback ones): the sign-in uses it, and
 * the portal's answer comes back through the app's own scheme. */
static void
test_private_scheme_from_directory (void)
{
  CareContext *context = care_window_get_context (get_window ());
  g_autofree char *bundle = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  guint opened = count_lines (opened_file);

  bundle = g_strdup_printf (
    "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
    "{\"resource\":{\"resourceType\":\"Organization\",\"id\":\"test-clinic\","
    "\"name\":\"Reyes Family Test Clinic\",\"endpoint\":[{\"reference\":\"Endpoint/test\"}]}},"
    "{\"resource\":{\"resourceType\":\"Endpoint\",\"id\":\"test\",\"address\":\"%s\","
    "\"extension\":[{\"url\":\"https://carebook.org/fhir/StructureDefinition/client-programme\","
    "\"extension\":[{\"url\":\"redirect\",\"valueCode\":\"private-scheme\"}]}]}}]}",
    fhir_base);
  bytes = g_bytes_new (bundle, strlen (bundle));
  g_assert_true (care_directory_add_bytes (care_context_get_directory (context), bytes, &error));
  g_assert_no_error (error);

  g_action_group_activate_action (G_ACTION_GROUP (app), "connect", g_variant_new_string (fhir_base));
  g_assert_true (wait_until (browser_opened, GUINT_TO_POINTER (opened), 30));
  address = last_line (opened_file);
  uri = g_uri_parse (address, G_URI_FLAGS_NONE, NULL);
  g_assert_nonnull (uri);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_cmpstr (g_hash_table_lookup (params, "redirect_uri"), ==, "org.carebook.carebook:/callback");

  walk_portal (address, "teen");
  assert_person_synced ("|teen", "Lucía Reyes");
}

static void
grep_tree (const char *path,
           const char *needle,
           GPtrArray  *found)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        grep_tree (child, needle, found);
      else if (g_file_get_contents (child, &contents, &length, NULL) &&
               contains_bytes (contents, length, needle))
        g_ptr_array_add (found, g_strdup (child));
    }
}

static gboolean
nobody_left (gpointer data)
{
  g_autofree char *connections = g_build_filename (home, "config", "carebook", "connections.json", NULL);
  g_autofree char *text = NULL;

  return g_file_get_contents (connections, &text, NULL, NULL) && strstr (text, "Reyes") == NULL;
}

static void
sign_out_current (void)
{
  g_autoptr(GList) toplevels = NULL;
  AdwMessageDialog *dialog = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "sign-out", NULL);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "sign-out");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
no_person (gpointer data)
{
  return care_context_get_person (care_window_get_context (get_window ())) == NULL;
}

static void
test_sign_out (void)
{
  g_autofree char *data_home = g_build_filename (home, "data", NULL);
  g_autofree char *cache_home = g_build_filename (home, "cache", NULL);
  g_autofree char *config_home = g_build_filename (home, "config", NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const char *needles[] = { "Reyes", "Mateo", "Roberto", "Lucía", "Immunization" };

  /* Everyone signed in above, one after the other, through the
   * window's Sign Out. */
  for (guint i = 0; i < 4 && !no_person (NULL); i++)
    sign_out_current ();
  g_assert_true (no_person (NULL));
  g_assert_true (wait_until (nobody_left, NULL, 30));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* Nothing of the record anywhere: cache, WAL, logs, config. */
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    {
      grep_tree (data_home, needles[i], found);
      grep_tree (cache_home, needles[i], found);
      grep_tree (config_home, needles[i], found);
    }
  for (guint i = 0; i < found->len; i++)
    g_test_message ("Left behind: %s", (char *)found->pdata[i]);
  g_assert_cmpuint (found->len, ==, 0);
}

static void
write_file (const char *path,
            const char *contents,
            int         mode)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_NONE, mode, &error);
  g_assert_no_error (error);
}

static void
set_up_profile (void)
{
  g_autofree char *desktop_path = NULL;
  g_autofree char *desktop = NULL;
  g_autofree char *script = NULL;
  g_autofree char *mimeapps = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *config_home = NULL;
  g_autofree char *cache_home = NULL;

  /* A fresh profile, before anything asks GLib for these folders. */
  home = g_dir_make_tmp ("carebook-window-sign-in-XXXXXX", NULL);
  g_assert_nonnull (home);
  data_home = g_build_filename (home, "data", NULL);
  config_home = g_build_filename (home, "config", NULL);
  cache_home = g_build_filename (home, "cache", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_mkdir_with_parents (cache_home, 0700);

  /* The "browser": records each address it is asked to open. */
  opened_file = g_build_filename (home, "opened", NULL);
  browser_script = g_build_filename (home, "browser.sh", NULL);
  script = g_strdup_printf ("#!/bin/sh\nprintf '%%s\\n' \"$1\" >> '%s'\n", opened_file);
  write_file (browser_script, script, 0700);
  desktop_path = g_build_filename (data_home, "applications", "carebook-test-browser.desktop", NULL);
  desktop = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test Browser\nExec=%s %%u\n"
                             "MimeType=x-scheme-handler/http;x-scheme-handler/https;\nNoDisplay=true\n",
                             browser_script);
  write_file (desktop_path, desktop, 0600);
  mimeapps = g_build_filename (config_home, "mimeapps.list", NULL);
  write_file (mimeapps, "[Default Applications]\n"
                        "x-scheme-handler/http=carebook-test-browser.desktop\n"
                        "x-scheme-handler/https=carebook-test-browser.desktop\n", 0600);
}

static void
start_sandbox (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  /* Not --demo: real pages, real 2-step codes, printed on stderr. */
  stderr_file = g_build_filename (home, "sandbox.err", NULL);
  g_subprocess_launcher_set_stderr_file_path (launcher, stderr_file);
  sandbox = g_subprocess_launcher_spawn (launcher, &error, SANDBOX_BIN, "--seed", "demo", "--port", "0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sandbox));
  fhir_base = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (fhir_base, "/fhir"));
  base_url = g_strndup (fhir_base, strlen (fhir_base) - strlen ("/fhir"));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  set_up_profile ();
  gtk_test_init (&argc, &argv, NULL);
  start_sandbox ();

  app = care_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  g_assert_cmpstr (care_window_get_visible_page (get_window ()), ==, "welcome");

  g_test_add_func ("/care/window/sign-in/browser", test_sign_in_with_browser);
  g_test_add_func ("/care/window/sign-in/no-browser-no-refresh-token", test_sign_in_without_browser);
  g_test_add_func ("/care/window/sign-in/lapse", test_lapse);
  g_test_add_func ("/care/window/sign-in/cancel", test_cancel);
  g_test_add_func ("/care/window/sign-in/private-scheme-from-directory", test_private_scheme_from_directory);
  g_test_add_func ("/care/window/no-app-for-calls", test_no_app_for_call);
  g_test_add_func ("/care/window/sign-out/leaves-nothing", test_sign_out);
  status = g_test_run ();

  g_subprocess_force_exit (sandbox);
  g_clear_object (&sandbox);
  remove_tree (home);
  return status;
}
