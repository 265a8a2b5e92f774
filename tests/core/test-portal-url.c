/* test-portal-url.c — which FHIR base addresses Carebook accepts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "care-error.h"
#include "care-portal-url.h"

static void
assert_normalized (const char *input,
                   const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = care_portal_url_normalize (input, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, expected);
}

static void
assert_refused (const char *input,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = care_portal_url_normalize (input, &error);

  g_assert_null (url);
  g_assert_error (error, CARE_PORTAL_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_accepted (void)
{
  assert_normalized ("https://fhir.example.org/api/FHIR/R4", "https://fhir.example.org/api/FHIR/R4");
  assert_normalized ("  https://fhir.example.org/api/FHIR/R4/  ",
                     "https://fhir.example.org/api/FHIR/R4");
  assert_normalized ("fhir.example.org/r4", "https://fhir.example.org/r4");
  assert_normalized ("http://127.0.0.1:8080/fhir", "http://127.0.0.1:8080/fhir");
  assert_normalized ("http://127.5.6.7:1/fhir", "http://127.5.6.7:1/fhir");
  assert_normalized ("http://[::1]:9000/fhir", "http://[::1]:9000/fhir");
  assert_normalized ("http://localhost:9000/fhir", "http://localhost:9000/fhir");
}

static void
test_refused (void)
{
  assert_refused ("", CARE_PORTAL_ERROR_INVALID_URL);
  assert_refused ("   ", CARE_PORTAL_ERROR_INVALID_URL);
  assert_refused ("http://fhir.example.org/r4", CARE_PORTAL_ERROR_INSECURE);
  assert_refused ("http://10.0.0.1/r4", CARE_PORTAL_ERROR_INSECURE);
  assert_refused ("ftp://fhir.example.org/r4", CARE_PORTAL_ERROR_INVALID_URL);
  assert_refused ("https://", CARE_PORTAL_ERROR_INVALID_URL);
  assert_refused ("https://fhir.example.org/r4?x=1", CARE_PORTAL_ERROR_INVALID_URL);
  assert_refused ("https://fhir.example.org/r4#top", CARE_PORTAL_ERROR_INVALID_URL);
  assert_refused ("https://exa mple.org", CARE_PORTAL_ERROR_INVALID_URL);
}

static void
test_userinfo_dropped (void)
{
  /* A password typed into the address must never be kept or sent. */
  assert_normalized ("https://user:secret@fhir.example.org/r4", "https://fhir.example.org/r4");
}

static void
test_loopback (void)
{
  g_assert_true (care_portal_url_is_loopback ("127.0.0.1"));
  g_assert_true (care_portal_url_is_loopback ("[::1]"));
  g_assert_true (care_portal_url_is_loopback ("LOCALHOST"));
  g_assert_false (care_portal_url_is_loopback ("128.0.0.1"));
  g_assert_false (care_portal_url_is_loopback ("example.org"));
  g_assert_false (care_portal_url_is_loopback (NULL));
}

static void
test_from_launch (void)
{
  static const struct { const char *uri, *base; } cases[] = {
    { "https://fhir.example.org/api/FHIR/R4/", "https://fhir.example.org/api/FHIR/R4" },
    { "http://127.0.0.1:8765/fhir", "http://127.0.0.1:8765/fhir" },
    { "org.carebook.carebook:/connect?url=https%3A%2F%2Ffhir.example.org%2Fr4",
      "https://fhir.example.org/r4" },
    { "org.carebook.carebook://connect?iss=https://fhir.example.org/r4&launch=x",
      "https://fhir.example.org/r4" },
    /* Not a sign-in to start. */
    { "http://portal.example.org/fhir", NULL },
    { "org.carebook.carebook:/callback?code=abc&state=xyz", NULL },
    { "org.carebook.carebook:/connect", NULL },
    { "org.carebook.carebook:/connect?url=fhir.example.org", NULL },
    { "org.carebook.carebook:/connect?url=ftp%3A%2F%2Ffhir.example.org", NULL },
    { "org.carebook.carebook:/elsewhere?url=https%3A%2F%2Ffhir.example.org", NULL },
    { "file:///etc/passwd", NULL },
    { "mailto:care@example.org", NULL },
    { "not a uri", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *base = care_portal_url_from_launch (cases[i].uri);

      g_assert_cmpstr (base, ==, cases[i].base);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/portal-url/from-launch", test_from_launch);
  g_test_add_func ("/care/portal-url/accepted", test_accepted);
  g_test_add_func ("/care/portal-url/refused", test_refused);
  g_test_add_func ("/care/portal-url/userinfo-dropped", test_userinfo_dropped);
  g_test_add_func ("/care/portal-url/loopback", test_loopback);

  return g_test_run ();
}
