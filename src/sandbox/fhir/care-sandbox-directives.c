/* care-sandbox-directives.c — what the sandbox takes for end-of-life planning
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A patient uploads a signed advance directive as a DocumentReference of
 * category LOINC 42348-3 whose content points at Binaries they created
 * first (a PDF, or pictures of its pages), and names a health care agent
 * as a RelatedPerson whose relationship is HPOWATT. Anything else is
 * refused with 422 and an OperationOutcome whose details.coding (system
 * https://carebook.org/fhir/CodeSystem/directive-rule) names the rule:
 * `content` (no file), `attachment-url` (not a Binary of this patient),
 * `attachment-type` (not a PDF or a picture), `mixed` (a PDF and pictures),
 * `agent-name` (an agent without a name), `agent-only` (a RelatedPerson
 * that is not an agent: who may see the record is not the patient's to write).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "care-fhir.h"
#include "care-sandbox-fhir-private.h"

#define RULE_SYSTEM "https://carebook.org/fhir/CodeSystem/directive-rule"
#define LOINC "http://loinc.org"

static void
refuse (SoupServerMessage *msg,
        const char        *rule,
        const char        *text)
{
  care_sandbox_fhir_send_refusal (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "business-rule", RULE_SYSTEM, rule, text);
}

static gboolean
concept_has (JsonObject *concept,
             const char *system,
             const char *code)
{
  JsonArray *codings = care_fhir_get_array (concept, "coding");

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonNode *node = json_array_get_element (codings, i);
      JsonObject *coding = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (g_strcmp0 (care_fhir_get_string (coding, "system"), system) == 0 &&
          g_strcmp0 (care_fhir_get_string (coding, "code"), code) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
any_has (JsonObject *resource,
         const char *member,
         const char *system,
         const char *code)
{
  JsonArray *concepts = care_fhir_get_array (resource, member);

  for (guint i = 0; concepts != NULL && i < json_array_get_length (concepts); i++)
    {
      JsonNode *node = json_array_get_element (concepts, i);

      if (JSON_NODE_HOLDS_OBJECT (node) && concept_has (json_node_get_object (node), system, code))
        return TRUE;
    }
  return FALSE;
}

static gboolean
check_directive (CareSandboxStore       *store,
                 const CareSandboxGrant *grant,
                 SoupServerMessage      *msg,
                 JsonObject             *document)
{
  JsonArray *content = care_fhir_get_array (document, "content");
  g_autofree char *security = g_strdup_printf ("Patient/%s", grant->patient_id);
  guint n_pdf = 0, n_pictures = 0;

  if (content == NULL || json_array_get_length (content) == 0)
    {
      refuse (msg, "content", _("An advance directive needs its signed document: a PDF or pictures of its pages."));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (content); i++)
    {
      JsonNode *node = json_array_get_element (content, i);
      JsonObject *attachment = JSON_NODE_HOLDS_OBJECT (node)
                                 ? care_fhir_get_object (json_node_get_object (node), "attachment")
                                 : NULL;
      const char *type = care_fhir_get_string (attachment, "contentType");
      const char *url = care_fhir_get_string (attachment, "url");
      g_autoptr(JsonObject) binary = NULL;

      if (g_strcmp0 (type, "application/pdf") == 0)
        n_pdf++;
      else if (type != NULL && g_str_has_prefix (type, "image/"))
        n_pictures++;
      else
        {
          refuse (msg, "attachment-type", _("An advance directive is a PDF file or pictures of its pages."));
          return FALSE;
        }
      if (url != NULL && g_str_has_prefix (url, "Binary/"))
        binary = care_sandbox_store_get (store, "Binary", url + strlen ("Binary/"));
      if (binary == NULL ||
          g_strcmp0 (care_fhir_get_string (care_fhir_get_object (binary, "securityContext"), "reference"),
                     security) != 0 ||
          g_strcmp0 (care_fhir_get_string (binary, "contentType"), type) != 0)
        {
          refuse (msg, "attachment-url", _("Each file of an advance directive must be uploaded first, as this "
                                           "patient’s Binary of the same type."));
          return FALSE;
        }
    }
  if (n_pdf > 1 || (n_pdf > 0 && n_pictures > 0))
    {
      refuse (msg, "mixed", _("An advance directive is one PDF file, or pictures of its pages, not both."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_agent (SoupServerMessage *msg,
             JsonObject        *person)
{
  JsonArray *names = care_fhir_get_array (person, "name");
  gboolean named = FALSE;

  for (guint i = 0; names != NULL && i < json_array_get_length (names); i++)
    {
      JsonNode *node = json_array_get_element (names, i);
      JsonObject *name = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *text = g_strdup (care_fhir_get_string (name, "text") ?: care_fhir_get_string (name, "family"));

      named |= text != NULL && g_strstrip (text)[0] != '\0';
    }
  if (!named)
    {
      refuse (msg, "agent-name", _("A health care agent needs a name."));
      return FALSE;
    }
  return TRUE;
}

/**
 * care_sandbox_fhir_check_planning:
 * @store: the store
 * @grant: who writes
 * @msg: answered when refused
 * @resource: a DocumentReference or RelatedPerson being created
 *
 * Returns: %FALSE when @msg was answered with a refusal
 */
gboolean
care_sandbox_fhir_check_planning (CareSandboxStore       *store,
                                  const CareSandboxGrant *grant,
                                  SoupServerMessage      *msg,
                                  JsonObject             *resource)
{
  const char *type = care_fhir_get_string (resource, "resourceType");

  if (g_strcmp0 (type, "DocumentReference") == 0 &&
      (any_has (resource, "category", LOINC, "42348-3") ||
       concept_has (care_fhir_get_object (resource, "type"), LOINC, "42348-3")))
    return check_directive (store, grant, msg, resource);
  if (g_strcmp0 (type, "RelatedPerson") == 0)
    {
      /* Who may see the record is the portal's to say (proxy access): a
       * patient writes only their health care agent. */
      if (!any_has (resource, "relationship", "http://terminology.hl7.org/CodeSystem/v3-RoleCode", "HPOWATT"))
        {
          refuse (msg, "agent-only", _("A patient can name a health care agent here, not other related people."));
          return FALSE;
        }
      return check_agent (msg, resource);
    }
  return TRUE;
}
