/* test-renewals.c — a renewal request: the person's pharmacies, the one
 * chosen, and where the request stands, through the outbox to the sandbox
 * and back
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "care-error.h"
#include "care-fhir.h"
#include "care-message-draft.h"
#include "care-pharmacy.h"
#include "care-renewal.h"
#include "care-resource-item.h"
#include "care-sandbox-seed.h"

#include "care-test-portal.h"

#define PATIENT_REF "Patient/" CARE_SANDBOX_DEMO_ADULT

typedef CareTestPortal Fixture;

/* The clinician answers at once. */
static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  fixture->replies_now = TRUE;
  care_test_portal_setup (fixture, data);
}

/* The adult's prescriptions are filled by mail (the 90-day supplies) and
 * at Main Street (a short course): both are offered, with their phones;
 * a part of a name finds one, an unknown or ambiguous one is refused with
 * the list. */
static void
test_pharmacies (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) pharmacies = care_pharmacies_dup (fixture->cache);
  g_autoptr(GError) error = NULL;
  CarePharmacy *found;

  g_assert_cmpuint (pharmacies->len, ==, 2);
  for (guint i = 0; i < pharmacies->len; i++)
    {
      CarePharmacy *pharmacy = g_ptr_array_index (pharmacies, i);

      g_assert_true (g_str_has_prefix (pharmacy->reference, "Organization/pharmacy-"));
      g_assert_nonnull (pharmacy->phone);
      g_assert_cmpint (pharmacy->last_used, >, 0);
      if (i > 0)
        g_assert_cmpint (pharmacy->last_used, <=,
                         ((CarePharmacy *)g_ptr_array_index (pharmacies, i - 1))->last_used);
    }

  found = care_pharmacies_find (pharmacies, "main", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->reference, ==, "Organization/pharmacy-main");
  g_assert_cmpstr (found->name, ==, "Main Street Pharmacy");
  found = care_pharmacies_find (pharmacies, "CASCADE MAIL PHARMACY", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->reference, ==, "Organization/pharmacy-mail");

  g_assert_null (care_pharmacies_find (pharmacies, "pharmacy", &error));
  g_assert_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD);
  g_assert_nonnull (strstr (error->message, "Main Street Pharmacy"));
  g_clear_error (&error);
  g_assert_null (care_pharmacies_find (pharmacies, "Walgreens", &error));
  g_assert_nonnull (strstr (error->message, "Cascade Mail Pharmacy"));
}

static CareRenewal *
renewal_of (GHashTable *renewals,
            const char *request_id)
{
  CareRenewal *renewal = g_hash_table_lookup (renewals, request_id);

  g_assert_nonnull (renewal);
  return renewal;
}

/* A renewal asks for the chosen pharmacy; the sandbox's renewed
 * prescription goes there; the state reads waiting, then renewed with
 * that pharmacy. A stopped prescription's request is refused with the
 * care team's reason. */
static void
test_renewal_states (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonObject) active = care_cache_lookup (fixture->cache, "MedicationRequest", "adult-lisinopril", NULL);
  g_autoptr(JsonObject) stopped = care_cache_lookup (fixture->cache, "MedicationRequest", "adult-lisinopril-10", NULL);
  g_autoptr(GPtrArray) pharmacies = care_pharmacies_dup (fixture->cache);
  CarePharmacy *main_street = care_pharmacies_find (pharmacies, "Main Street", NULL);
  g_autoptr(CareOutboxDraft) renewal = NULL;
  g_autoptr(CareOutboxDraft) refused = NULL;
  g_autoptr(GHashTable) renewals = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *pharmacy_ref;
  CareRenewal *state;

  g_assert_nonnull (active);
  g_assert_nonnull (main_street);
  renewals = care_renewals_dup (fixture->cache);
  g_assert_null (g_hash_table_lookup (renewals, "adult-lisinopril"));
  g_clear_pointer (&renewals, g_hash_table_unref);

  renewal = care_message_renewal_draft_new (PATIENT_REF, NULL, active, "Lisinopril 20 mg", main_street,
                                            "Two days left.", "en", now, &error);
  g_assert_no_error (error);
  /* The pharmacy is the second thing it is about, by reference. */
  pharmacy_ref = care_fhir_get_array_object (renewal->resource, "about", 1);
  g_assert_cmpstr (care_fhir_get_string (pharmacy_ref, "reference"), ==, "Organization/pharmacy-main");
  g_assert_cmpstr (care_fhir_get_string (pharmacy_ref, "display"), ==, "Main Street Pharmacy");
  refused = care_message_renewal_draft_new (PATIENT_REF, NULL, stopped, "Lisinopril 10 mg", NULL, NULL, "en",
                                            now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (care_outbox_queue_draft (fixture->outbox, renewal, &error));
  g_assert_nonnull (care_outbox_queue_draft (fixture->outbox, refused, &error));
  g_assert_no_error (error);

  renewals = care_renewals_dup (fixture->cache);
  state = renewal_of (renewals, "adult-lisinopril");
  g_assert_cmpint (state->status, ==, CARE_RENEWAL_WAITING);
  g_assert_cmpstr (state->pharmacy, ==, "Main Street Pharmacy");
  text = care_renewal_dup_text (state);
  g_assert_nonnull (strstr (text, "waits to be sent"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&renewals, g_hash_table_unref);

  care_test_portal_send_all (fixture);
  care_test_portal_sync (fixture);

  renewals = care_renewals_dup (fixture->cache);
  state = renewal_of (renewals, "adult-lisinopril");
  g_assert_cmpint (state->status, ==, CARE_RENEWAL_RENEWED);
  g_assert_cmpstr (state->pharmacy, ==, "Main Street Pharmacy");
  g_assert_nonnull (state->renewed_id);
  {
    g_autoptr(JsonObject) renewed = care_cache_lookup (fixture->cache, "MedicationRequest", state->renewed_id, NULL);
    JsonObject *performer = care_fhir_get_object (care_fhir_get_object (renewed, "dispenseRequest"), "performer");

    g_assert_cmpstr (care_fhir_get_string (performer, "reference"), ==, "Organization/pharmacy-main");
  }
  text = care_renewal_dup_text (state);
  g_assert_nonnull (strstr (text, "Renewed on "));
  g_assert_nonnull (strstr (text, "Main Street Pharmacy"));
  g_clear_pointer (&text, g_free);

  state = renewal_of (renewals, "adult-lisinopril-10");
  g_assert_cmpint (state->status, ==, CARE_RENEWAL_REFUSED);
  g_assert_nonnull (strstr (state->reason, "stopped"));
  text = care_renewal_dup_text (state);
  g_assert_true (g_str_has_prefix (text, "Renewal refused: "));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/care/renewals/pharmacies", Fixture, NULL, setup, test_pharmacies, care_test_portal_teardown);
  g_test_add ("/care/renewals/states", Fixture, NULL, setup, test_renewal_states, care_test_portal_teardown);

  return g_test_run ();
}
