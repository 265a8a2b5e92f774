/* care-sandbox-fhir-rules.c — what a write may not change or carry
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks the REST layer makes on writes: a Binary carries only the elements
 * FHIR R4 gives it, its contentType must be a media type (it becomes a
 * response header when the Binary is read), and
 * an update of a Patient may not change who the patient is, since the
 * proxy rules follow the date of birth. A write a rule of the sandbox's
 * refuses is answered with an OperationOutcome whose details.coding names
 * the rule (care_sandbox_fhir_new_refusal()).
 */
#include "config.h"

#include "care-sandbox-fhir-private.h"

#include <string.h>

static gboolean
is_token_char (char c)
{
  /* RFC 9110 §5.6.2 tchar */
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-.^_`|~", c) != NULL);
}

/**
 * care_sandbox_fhir_is_mime_type:
 * @text: (nullable): a Binary.contentType
 *
 * A media type as a header may carry it: type "/" subtype, optionally
 * with "; name=value" parameters of plain tokens, and nothing else (no
 * line breaks to start another header).
 *
 * Returns: %TRUE if @text is one
 */
gboolean
care_sandbox_fhir_is_mime_type (const char *text)
{
  const char *p = text;
  gsize n;

  if (text == NULL || strlen (text) > 255)
    return FALSE;

  for (n = 0; is_token_char (*p); p++)
    n++;
  if (n == 0 || *p++ != '/')
    return FALSE;
  for (n = 0; is_token_char (*p); p++)
    n++;
  if (n == 0)
    return FALSE;

  while (*p == ';')
    {
      p++;
      while (*p == ' ')
        p++;
      for (n = 0; is_token_char (*p); p++)
        n++;
      if (n == 0 || *p++ != '=')
        return FALSE;
      for (n = 0; is_token_char (*p); p++)
        n++;
      if (n == 0)
        return FALSE;
    }

  return *p == '\0';
}

static gboolean
member_changed (JsonObject *before,
                JsonObject *after,
                const char *name)
{
  JsonNode *old_node = json_object_get_member (before, name);
  JsonNode *new_node = json_object_get_member (after, name);

  if (old_node == NULL || new_node == NULL)
    return old_node != new_node;

  return !json_node_equal (old_node, new_node);
}

/**
 * care_sandbox_fhir_changes_identity: (skip)
 * @grant: the writer's grant
 * @before: the stored Patient
 * @after: the Patient the writer sent
 *
 * The access rules follow the date of birth, so nobody edits it through
 * the portal; a proxy changes none of what says who the patient is.
 *
 * Returns: %TRUE if the update must be refused
 */
gboolean
care_sandbox_fhir_changes_identity (const CareSandboxGrant *grant,
                                    JsonObject             *before,
                                    JsonObject             *after)
{
  static const char *identity[] = {
    "identifier", "gender", "deceasedBoolean", "deceasedDateTime", "multipleBirthBoolean",
    "multipleBirthInteger", "link", "active",
  };

  if (member_changed (before, after, "birthDate"))
    return TRUE;
  if (grant->proxy_kind == CARE_SANDBOX_PROXY_NONE)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (identity); i++)
    if (member_changed (before, after, identity[i]))
      return TRUE;

  return FALSE;
}

/**
 * care_sandbox_fhir_dup_foreign_binary_element:
 * @resource: a Binary
 *
 * Returns: (transfer full) (nullable): the first element FHIR R4 does not
 *   give a Binary (an `identifier`, say), or %NULL if there is none
 */
char *
care_sandbox_fhir_dup_foreign_binary_element (JsonObject *resource)
{
  static const char *elements[] = { "resourceType", "id", "meta", "implicitRules", "language",
                                    "contentType", "securityContext", "data" };
  g_autoptr(GList) members = json_object_get_members (resource);

  for (GList *l = members; l != NULL; l = l->next)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
        known |= g_str_equal (l->data, elements[i]);
      if (!known)
        return g_strdup (l->data);
    }
  return NULL;
}

/* An OperationOutcome refusing a write: an error of type @code (FHIR's
 * issue type, "business-rule"…) saying @text, whose details.coding names
 * the rule broken, @rule in @system (message-rule, directive-rule,
 * reading-rule), for a client to act on without reading the words. */
JsonObject *
care_sandbox_fhir_new_refusal (const char *code,
                               const char *system,
                               const char *rule,
                               const char *text)
{
  JsonObject *outcome = care_sandbox_fhir_new_outcome ("error", code, text);
  JsonObject *issue = json_array_get_object_element (json_object_get_array_member (outcome, "issue"), 0);
  JsonObject *details = json_object_get_object_member (issue, "details");
  JsonArray *codings = json_array_new ();
  JsonObject *coding = json_object_new ();

  json_object_set_string_member (coding, "system", system);
  json_object_set_string_member (coding, "code", rule);
  json_array_add_object_element (codings, coding);
  json_object_set_array_member (details, "coding", codings);
  return outcome;
}

/* Answers @msg with @status and that refusal. */
void
care_sandbox_fhir_send_refusal (SoupServerMessage *msg,
                                guint              status,
                                const char        *code,
                                const char        *system,
                                const char        *rule,
                                const char        *text)
{
  g_autoptr(JsonObject) outcome = care_sandbox_fhir_new_refusal (code, system, rule, text);

  care_sandbox_fhir_send_object (msg, status, outcome);
}
