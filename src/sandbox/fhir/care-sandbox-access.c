/* care-sandbox-access.c — what a proxy may see, by the patient's age
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules real portals apply to parents, decided on the day of each
 * request: full access to a child under 12; from the 12th birthday the
 * teen's medications, test results, clinical notes (and the Binary
 * content of documents), health issues and messages are withheld; from
 * the 18th birthday proxy access ends, unless the adult granted it. One
 * pure function decides, so the FHIR handler, the token endpoint and the
 * patient picker agree.
 */
#include "config.h"

#include "care-person.h"
#include "care-sandbox-access.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

/* Binary holds the content of documents, messages and reports, which are
 * all withheld: a Binary attached to a withheld resource is withheld too.
 * A Binary does not say what it is attached to, so none is shown rather
 * than the text of a confidential note behind GET Binary/<id>. */
static const char *withheld_types[] = {
  "MedicationRequest", "MedicationStatement", "MedicationDispense",
  "DiagnosticReport", "DocumentReference", "Condition", "Communication", "Binary",
};

/* The same age arithmetic as the app's (a 29 February birthday is
 * reached on 28 February in common years), so both agree on the day. */
static int
age_in_years (const char *birth_date,
              GDate      *today)
{
  int year, month, day;
  GDate birth;
  int months;

  if (birth_date == NULL || sscanf (birth_date, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return -1;

  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, day, month, year);
  months = care_age_in_months (&birth, today);

  return months < 0 ? -1 : months / 12;
}

/**
 * care_sandbox_access_for:
 * @kind: how the user reaches the record
 * @birth_date: (nullable): the patient's birth date (YYYY-MM-DD)
 * @today: the day of the request
 *
 * Returns: what the user may see today
 */
CareSandboxAccess
care_sandbox_access_for (CareSandboxProxyKind  kind,
                         const char           *birth_date,
                         GDate                *today)
{
  int age;

  if (kind != CARE_SANDBOX_PROXY_PARENT)
    return CARE_SANDBOX_ACCESS_FULL;

  age = age_in_years (birth_date, today);
  /* Without a usable birth date, the careful answer is the limited one. */
  if (age < 0)
    return CARE_SANDBOX_ACCESS_LIMITED;
  if (age < 12)
    return CARE_SANDBOX_ACCESS_FULL;
  if (age < 18)
    return CARE_SANDBOX_ACCESS_LIMITED;

  return CARE_SANDBOX_ACCESS_NONE;
}

/**
 * care_sandbox_access_withholds_type:
 * @access: an access level
 * @type: a resource type
 *
 * Returns: %TRUE if every resource of @type is withheld
 */
gboolean
care_sandbox_access_withholds_type (CareSandboxAccess  access,
                                    const char        *type)
{
  if (access == CARE_SANDBOX_ACCESS_NONE)
    return TRUE;
  if (access == CARE_SANDBOX_ACCESS_FULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (withheld_types); i++)
    if (g_strcmp0 (withheld_types[i], type) == 0)
      return TRUE;

  return FALSE;
}

/**
 * care_sandbox_access_withheld_category:
 * @access: an access level
 * @type: a resource type
 *
 * Returns: (nullable): the category of @type that is withheld (test
 *   results among Observations, confidential visits), or %NULL
 */
const char *
care_sandbox_access_withheld_category (CareSandboxAccess  access,
                                       const char        *type)
{
  if (access == CARE_SANDBOX_ACCESS_LIMITED && g_strcmp0 (type, "Observation") == 0)
    return "laboratory";
  /* A teen's confidential visits, and the kinds of visit that are. */
  if (access == CARE_SANDBOX_ACCESS_LIMITED &&
      (g_strcmp0 (type, "Appointment") == 0 || g_strcmp0 (type, "HealthcareService") == 0))
    return "confidential";

  return NULL;
}

/**
 * care_sandbox_access_withholds:
 * @access: an access level
 * @resource: a resource
 *
 * Returns: %TRUE if @resource must not be shown
 */
gboolean
care_sandbox_access_withholds (CareSandboxAccess  access,
                               JsonObject        *resource)
{
  const char *type = json_object_get_string_member_with_default (resource, "resourceType", "");
  const char *category = care_sandbox_access_withheld_category (access, type);
  JsonArray *categories;

  if (care_sandbox_access_withholds_type (access, type))
    return TRUE;
  if (category == NULL)
    return FALSE;
  /* An Appointment's category is its serviceCategory. */
  if (json_object_has_member (resource, "serviceCategory"))
    categories = json_object_get_array_member (resource, "serviceCategory");
  else if (json_object_has_member (resource, "category"))
    categories = json_object_get_array_member (resource, "category");
  else
    return FALSE;
  for (guint i = 0; categories != NULL && i < json_array_get_length (categories); i++)
    {
      JsonObject *concept = json_array_get_object_element (categories, i);
      JsonArray *codings = concept != NULL && json_object_has_member (concept, "coding")
                           ? json_object_get_array_member (concept, "coding") : NULL;

      for (guint j = 0; codings != NULL && j < json_array_get_length (codings); j++)
        {
          JsonObject *coding = json_array_get_object_element (codings, j);

          if (coding != NULL &&
              g_strcmp0 (json_object_get_string_member_with_default (coding, "code", NULL),
                         category) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

/**
 * care_sandbox_access_explain:
 * @access: an access level
 *
 * Returns: the sentence an OperationOutcome carries for withheld data
 */
const char *
care_sandbox_access_explain (CareSandboxAccess access)
{
  switch (access)
    {
    case CARE_SANDBOX_ACCESS_LIMITED:
      return _("Some information is withheld from proxy access for patients aged 12 to 17.");
    case CARE_SANDBOX_ACCESS_NONE:
      return _("Proxy access ended when the patient turned 18; the patient may grant it again.");
    case CARE_SANDBOX_ACCESS_FULL:
    default:
      return "";
    }
}
