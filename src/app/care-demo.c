/* care-demo.c — the demo: an in-process sandbox portal and its family
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `carebook --demo` and "Explore the Demo" start the sandbox portal inside
 * the app, on 127.0.0.1, filled with the fictional demo family, and sign
 * the family in through the same SMART flow as a real portal: the demo
 * portal approves login_hint=demo:maria:<patient> without pages, so no
 * browser is needed (care-auto-browser.c follows its redirect).
 */
#include "config.h"

#include "care-authorizer.h"
#include "care-auto-browser.h"
#include "care-demo.h"
#include "care-record.h"
#include "care-sandbox-access.h"
#include "care-sandbox-seed.h"

static const struct
{
  const char           *id;
  CareRelationship      relationship;
  CareSandboxProxyKind  proxy;
} family[] = {
  { CARE_SANDBOX_DEMO_ADULT, CARE_RELATIONSHIP_SELF, CARE_SANDBOX_PROXY_NONE },
  { CARE_SANDBOX_DEMO_CHILD, CARE_RELATIONSHIP_CHILD, CARE_SANDBOX_PROXY_PARENT },
  { CARE_SANDBOX_DEMO_TEEN, CARE_RELATIONSHIP_CHILD, CARE_SANDBOX_PROXY_PARENT },
  { CARE_SANDBOX_DEMO_ELDER, CARE_RELATIONSHIP_PARENT, CARE_SANDBOX_PROXY_GRANTED },
};

typedef struct
{
  CareContext    *context;
  SoupSession    *session;
  CareAuthorizer *authorizer;
  CarePerson     *people[G_N_ELEMENTS (family)];
  CareRecord     *records[G_N_ELEMENTS (family)];
  char           *cache_dir;
  guint           interval;
  GDate           today;
  guint           pending;
} DemoSignIn;

typedef struct
{
  DemoSignIn *demo;
  guint       index;
} Member;

static void
demo_sign_in_finish (DemoSignIn *demo)
{
  /* In the family's order, whatever order the sign-ins finished in, so
   * Maria is first and on screen. */
  for (guint i = 0; i < G_N_ELEMENTS (family); i++)
    if (demo->people[i] != NULL)
      {
        care_context_add_record (demo->context, demo->records[i]);
        care_context_add_person (demo->context, demo->people[i]);
        care_record_start_automatic (demo->records[i], demo->interval);
      }

  for (guint i = 0; i < G_N_ELEMENTS (family); i++)
    {
      g_clear_object (&demo->people[i]);
      g_clear_object (&demo->records[i]);
    }
  g_free (demo->cache_dir);
  g_clear_object (&demo->authorizer);
  g_clear_object (&demo->session);
  g_clear_object (&demo->context);
  g_free (demo);
}

static void
member_signed_in_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Member *member = user_data;
  DemoSignIn *demo = member->demo;
  g_autoptr(GError) error = NULL;
  g_autoptr(CareSignIn) sign_in = care_authorizer_sign_in_finish (CARE_AUTHORIZER (source), result, &error);
  guint i = member->index;

  g_free (member);

  if (sign_in == NULL)
    g_debug ("Demo sign-in of %s failed: %s", family[i].id, error->message);
  else
    {
      CareSandboxAccess access = care_sandbox_access_for (family[i].proxy, sign_in->birth_date, &demo->today);
      g_autofree char *id = g_strdup_printf ("demo:%s", family[i].id);
      CarePerson *person = care_person_new (id, sign_in->display_name, sign_in->birth_date,
                                            family[i].relationship);

      /* The portal decides what a proxy sees; the demo asks it the same way. */
      care_person_set_access_level (person, access == CARE_SANDBOX_ACCESS_LIMITED
                                            ? CARE_ACCESS_LIMITED : CARE_ACCESS_FULL);
      demo->people[i] = person;

      /* The same connection and sync engine as a real portal's, with the
       * cache in the demo's own private folder. */
      {
        g_autoptr(CareConnection) connection = care_connection_new_from_sign_in (demo->session, sign_in);
        g_autofree char *file = g_strdup_printf ("%s.sqlite", family[i].id);
        g_autofree char *path = g_build_filename (demo->cache_dir, file, NULL);

        demo->records[i] = care_record_new (person, connection, path);
      }
    }

  if (--demo->pending == 0)
    demo_sign_in_finish (demo);
}

static void
open_uri_cb (CareAuthorizer *authorizer,
             const char     *uri,
             DemoSignIn     *demo)
{
  care_auto_browser_open (demo->session, uri);
}

/**
 * care_demo_start:
 * @context: the demo context to add the family to
 * @cache_dir: a private folder for the family's offline records
 * @interval_seconds: time between automatic syncs
 * @error: return location for a #GError
 *
 * Starts the portal and signs the family in; the people appear in
 * @context as their sign-ins finish, in a moment.
 *
 * Returns: (transfer full) (nullable): the running sandbox; keep it for as
 *   long as the demo is shown
 */
CareSandbox *
care_demo_start (CareContext  *context,
                 const char   *cache_dir,
                 guint         interval_seconds,
                 GError      **error)
{
  g_autoptr(CareSandbox) sandbox = NULL;
  CareSandboxStore *store;
  DemoSignIn *demo;
  GDate today;

  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  sandbox = care_sandbox_new (NULL, error);
  if (sandbox == NULL)
    return NULL;

  store = care_sandbox_get_store (sandbox);
  care_context_get_today (context, &today);
  care_sandbox_store_set_today (store, &today);
  care_sandbox_set_demo (sandbox, TRUE);

  if (!care_sandbox_seed_demo (store, NULL, error) ||
      !care_sandbox_start (sandbox, 0, error))
    return NULL;
  /* Fewer PBKDF2 rounds than a real portal: this one lives in memory for
   * the demo, and the app should open at once. */
  care_sandbox_add_demo_logins (sandbox, 10000);
  {
    /* For developers: a slow or faulty demo portal, to watch progress and
     * errors (the sandbox's --faults syntax, e.g. "latency=300"). */
    const char *faults = g_getenv ("CAREBOOK_DEMO_FAULTS");
    g_autoptr(GError) faults_error = NULL;

    if (faults != NULL && !care_sandbox_set_faults (sandbox, faults, &faults_error))
      g_debug ("CAREBOOK_DEMO_FAULTS ignored: %s", faults_error->message);
  }

  demo = g_new0 (DemoSignIn, 1);
  demo->context = g_object_ref (context);
  demo->session = soup_session_new ();
  demo->authorizer = care_authorizer_new (demo->session);
  demo->today = today;
  demo->cache_dir = g_strdup (cache_dir);
  demo->interval = interval_seconds;
  demo->pending = G_N_ELEMENTS (family);
  g_signal_connect (demo->authorizer, "open-uri", G_CALLBACK (open_uri_cb), demo);

  for (guint i = 0; i < G_N_ELEMENTS (family); i++)
    {
      g_autofree char *hint = g_strdup_printf ("demo:maria:%s", family[i].id);
      Member *member = g_new0 (Member, 1);

      member->demo = demo;
      member->index = i;
      care_authorizer_sign_in_async (demo->authorizer, care_sandbox_get_fhir_base (sandbox), hint,
                                     NULL, member_signed_in_cb, member);
    }

  return g_steal_pointer (&sandbox);
}
