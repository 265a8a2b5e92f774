/* care-demo.c — the demo: an in-process sandbox portal and its family
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `carebook --demo` and "Explore the Demo" start the sandbox portal inside
 * the app, on 127.0.0.1, filled with the fictional demo family, so a new
 * user sees the app at work with no account. Until sign-in lands, the
 * family is read from the sandbox's own store here; the sign-in work
 * replaces this with the real SMART flow (login_hint=demo:maria).
 */
#include "config.h"

#include "care-demo.h"
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

static char *
dup_display_name (JsonObject *patient)
{
  JsonArray *names = json_object_has_member (patient, "name")
                     ? json_object_get_array_member (patient, "name") : NULL;
  JsonObject *name = names != NULL && json_array_get_length (names) > 0
                     ? json_array_get_object_element (names, 0) : NULL;
  JsonArray *given = name != NULL && json_object_has_member (name, "given")
                     ? json_object_get_array_member (name, "given") : NULL;
  const char *first = given != NULL && json_array_get_length (given) > 0
                      ? json_array_get_string_element (given, 0) : NULL;
  const char *family_name = name != NULL
                            ? json_object_get_string_member_with_default (name, "family", NULL) : NULL;

  if (first != NULL && family_name != NULL)
    return g_strdup_printf ("%s %s", first, family_name);

  return g_strdup (first != NULL ? first : family_name);
}

/**
 * care_demo_start:
 * @context: the demo context to add the family to
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the running sandbox; keep it for as
 *   long as the demo is shown
 */
CareSandbox *
care_demo_start (CareContext  *context,
                 GError      **error)
{
  g_autoptr(CareSandbox) sandbox = NULL;
  CareSandboxStore *store;
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

  for (guint i = 0; i < G_N_ELEMENTS (family); i++)
    {
      g_autoptr(JsonObject) patient = care_sandbox_store_get (store, "Patient", family[i].id);
      g_autoptr(CarePerson) person = NULL;
      g_autofree char *id = NULL;
      g_autofree char *name = NULL;
      const char *birth_date;
      CareSandboxAccess access;

      if (patient == NULL)
        continue;

      id = g_strdup_printf ("demo:%s", family[i].id);
      name = dup_display_name (patient);
      birth_date = json_object_get_string_member_with_default (patient, "birthDate", NULL);
      person = care_person_new (id, name, birth_date, family[i].relationship);

      /* The portal decides what a proxy sees; the demo asks it the same way. */
      access = care_sandbox_access_for (family[i].proxy, birth_date, &today);
      if (access == CARE_SANDBOX_ACCESS_NONE)
        continue;
      care_person_set_access_level (person, access == CARE_SANDBOX_ACCESS_LIMITED
                                            ? CARE_ACCESS_LIMITED : CARE_ACCESS_FULL);
      care_context_add_person (context, person);
    }

  return g_steal_pointer (&sandbox);
}
