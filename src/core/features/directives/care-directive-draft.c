/* care-directive-draft.c — end-of-life planning: a signed directive, a health care agent
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A signed advance directive the patient uploads is one DocumentReference
 * (category and type LOINC 42348-3, "Advance healthcare directives", as
 * the HL7 Advance Directive Interoperability IG has it) whose content is
 * the PDF, or a photo per page, each a Binary created first: the Binaries
 * wait for each other, the DocumentReference for the last, and points at
 * each as "urn:uuid:…" that the outbox turns into "Binary/<id>" when it
 * sends (as a message's attachments do).
 *
 * A health care agent is a RelatedPerson of the patient whose relationship
 * is HPOWATT (v3 RoleCode, "healthcare power of attorney"), with the
 * family relationship in words beside it. That is the documented way the
 * sandbox takes; a portal without RelatedPerson writes gets "Open in your
 * portal".
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-directive-draft.h"
#include "care-error.h"
#include "care-fhir.h"
#include "care-message-draft.h"

#define LOINC "http://loinc.org"

static JsonObject *
new_concept (const char *system,
             const char *code,
             const char *display,
             const char *text)
{
  JsonObject *concept = json_object_new ();
  JsonArray *codings = json_array_new ();
  JsonObject *coding = json_object_new ();

  json_object_set_string_member (coding, "system", system);
  json_object_set_string_member (coding, "code", code);
  if (display != NULL)
    json_object_set_string_member (coding, "display", display);
  json_array_add_object_element (codings, coding);
  json_object_set_array_member (concept, "coding", codings);
  if (text != NULL)
    json_object_set_string_member (concept, "text", text);
  return concept;
}

static JsonObject *
new_reference (const char *reference)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "reference", reference);
  return object;
}

static gboolean
is_pdf (const CareDirectiveFile *file)
{
  return g_strcmp0 (file->content_type, "application/pdf") == 0;
}

/**
 * care_directive_drafts_new:
 * @patient: "Patient/id"
 * @title: (nullable): what the person calls it ("Oregon advance directive")
 * @files: the PDF, or one photo per page
 * @n_files: how many
 * @signed_on: (nullable): when it was signed
 * @now: when it is uploaded
 * @error: a #CARE_FHIR_ERROR naming what is wrong
 *
 * Returns: (transfer full) (element-type CareOutboxDraft): the Binaries in
 *   order, then the DocumentReference (last), to queue in that order; or
 *   %NULL when the files would not be taken
 */
GPtrArray *
care_directive_drafts_new (const char              *patient,
                           const char              *title,
                           const CareDirectiveFile *files,
                           guint                    n_files,
                           GDateTime               *signed_on,
                           GDateTime               *now,
                           GError                 **error)
{
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) care_outbox_draft_free);
  g_autoptr(JsonObject) document = json_object_new ();
  g_autofree char *date = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(JsonArray) content = NULL;
  JsonArray *categories;
  JsonArray *authors;
  CareOutboxDraft *last;

  g_return_val_if_fail (patient != NULL && now != NULL, NULL);

  if (n_files == 0)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD,
                           _("Choose the signed document: a PDF file or photos of its pages."));
      return NULL;
    }
  for (guint i = 0; i < n_files; i++)
    if (is_pdf (&files[i]) && n_files > 1)
      {
        g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_UNSUPPORTED,
                             _("Send the signed document as one PDF file, or as photos of its pages, not both."));
        return NULL;
      }
  if (n_files > CARE_DIRECTIVE_MAX_PAGES)
    {
      g_set_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_TOO_LARGE,
                   /* Translators: %u is the most pages a directive may have */
                   _("A directive may have at most %u pages."), CARE_DIRECTIVE_MAX_PAGES);
      return NULL;
    }

  content = json_array_new ();
  for (guint i = 0; i < n_files; i++)
    {
      CareOutboxDraft *binary = care_message_attachment_draft_new (patient, files[i].name, files[i].content_type,
                                                                   files[i].bytes, error);
      g_autofree char *reference = NULL;
      JsonObject *item;
      JsonObject *attachment;

      if (binary == NULL)
        {
          return NULL;
        }
      /* Translators: an item waiting to be sent; %s is a file's name */
      g_free (binary->summary);
      binary->summary = g_strdup_printf (_("Advance directive file %s"), files[i].name);
      json_object_remove_member (binary->resource, "_title");
      json_object_remove_member (binary->resource, "_size");
      if (i > 0)
        care_outbox_draft_depend_on (binary, g_ptr_array_index (drafts, i - 1));
      reference = care_outbox_draft_dup_reference (binary);
      attachment = json_object_new ();
      json_object_set_string_member (attachment, "contentType", files[i].content_type);
      json_object_set_string_member (attachment, "url", reference);
      json_object_set_string_member (attachment, "title", files[i].name);
      json_object_set_int_member (attachment, "size", g_bytes_get_size (files[i].bytes));
      item = json_object_new ();
      json_object_set_object_member (item, "attachment", attachment);
      json_array_add_object_element (content, item);
      g_ptr_array_add (drafts, binary);
    }

  date = g_date_time_format (now, "%FT%T%:z");
  json_object_set_string_member (document, "resourceType", "DocumentReference");
  json_object_set_string_member (document, "status", "current");
  json_object_set_string_member (document, "docStatus", "final");
  json_object_set_object_member (document, "type",
                                 new_concept (LOINC, CARE_DIRECTIVE_LOINC, "Advance healthcare directives",
                                              title != NULL && title[0] != '\0' ? title : NULL));
  categories = json_array_new ();
  json_array_add_object_element (categories, new_concept (LOINC, CARE_DIRECTIVE_LOINC,
                                                          "Advance healthcare directives", NULL));
  json_object_set_array_member (document, "category", categories);
  json_object_set_object_member (document, "subject", new_reference (patient));
  json_object_set_string_member (document, "date", date);
  authors = json_array_new ();
  json_array_add_object_element (authors, new_reference (patient));
  json_object_set_array_member (document, "author", authors);
  json_object_set_string_member (document, "description",
                                 title != NULL && title[0] != '\0' ? title : _("Advance directive"));
  json_object_set_array_member (document, "content", g_steal_pointer (&content));
  if (signed_on != NULL)
    {
      g_autofree char *day = g_date_time_format (signed_on, "%F");
      JsonObject *context = json_object_new ();
      JsonObject *period = json_object_new ();

      json_object_set_string_member (period, "start", day);
      json_object_set_object_member (context, "period", period);
      json_object_set_object_member (document, "context", context);
    }

  summary = g_strdup (_("Signed advance directive"));
  last = care_outbox_draft_new (CARE_OUTBOX_CREATE, document, summary);
  care_outbox_draft_depend_on (last, g_ptr_array_index (drafts, drafts->len - 1));
  g_ptr_array_add (drafts, last);
  return g_steal_pointer (&drafts);
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strdup (text != NULL ? text : "");

  return g_strstrip (copy)[0] == '\0';
}

/**
 * care_agent_draft_new:
 * @patient: "Patient/id"
 * @name: the agent's name
 * @relationship: (nullable): who they are to the patient, in words ("My husband")
 * @phone: (nullable): how to reach them
 * @error: a #CARE_FHIR_ERROR when the name is missing
 *
 * Returns: (transfer full) (nullable): a create of the RelatedPerson
 */
CareOutboxDraft *
care_agent_draft_new (const char  *patient,
                      const char  *name,
                      const char  *relationship,
                      const char  *phone,
                      GError     **error)
{
  g_autoptr(JsonObject) person = json_object_new ();
  g_autofree char *summary = NULL;
  JsonArray *relationships;
  JsonArray *names;
  JsonObject *human;

  g_return_val_if_fail (patient != NULL, NULL);

  if (is_blank (name))
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MISSING_FIELD,
                           _("Write the name of the person you choose as your health care agent."));
      return NULL;
    }
  relationships = json_array_new ();
  names = json_array_new ();
  human = json_object_new ();
  json_object_set_string_member (person, "resourceType", "RelatedPerson");
  json_object_set_boolean_member (person, "active", TRUE);
  json_object_set_object_member (person, "patient", new_reference (patient));
  json_array_add_object_element (relationships, new_concept (CARE_AGENT_ROLE_SYSTEM, CARE_AGENT_ROLE_CODE,
                                                             "healthcare power of attorney", NULL));
  if (!is_blank (relationship))
    {
      JsonObject *words = json_object_new ();

      json_object_set_string_member (words, "text", relationship);
      json_array_add_object_element (relationships, words);
    }
  json_object_set_array_member (person, "relationship", relationships);
  json_object_set_string_member (human, "text", name);
  json_array_add_object_element (names, human);
  json_object_set_array_member (person, "name", names);
  if (!is_blank (phone))
    {
      JsonArray *telecoms = json_array_new ();
      JsonObject *telecom = json_object_new ();

      json_object_set_string_member (telecom, "system", "phone");
      json_object_set_string_member (telecom, "value", phone);
      json_array_add_object_element (telecoms, telecom);
      json_object_set_array_member (person, "telecom", telecoms);
    }
  /* Translators: an item waiting to be sent; %s is a person's name */
  summary = g_strdup_printf (_("Health care agent: %s"), name);
  return care_outbox_draft_new (CARE_OUTBOX_CREATE, person, summary);
}

static gboolean
has_coding (JsonObject *concept,
            const char *system,
            const char *code)
{
  JsonArray *codings = care_fhir_get_array (concept, "coding");

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonObject *coding = care_fhir_get_array_object (concept, "coding", i);

      if (g_strcmp0 (care_fhir_get_string (coding, "code"), code) == 0 &&
          (system == NULL || g_strcmp0 (care_fhir_get_string (coding, "system"), system) == 0))
        return TRUE;
    }
  return FALSE;
}

static gboolean
any_has_coding (JsonObject *resource,
                const char *member,
                const char *system,
                const char *code)
{
  JsonArray *concepts = care_fhir_get_array (resource, member);

  for (guint i = 0; concepts != NULL && i < json_array_get_length (concepts); i++)
    if (has_coding (care_fhir_get_array_object (resource, member, i), system, code))
      return TRUE;
  return FALSE;
}

/**
 * care_directive_is_blank_form:
 * @document: a DocumentReference
 *
 * Returns: whether it is a blank form the portal offers to fill in
 */
gboolean
care_directive_is_blank_form (JsonObject *document)
{
  return any_has_coding (document, "category", CARE_DIRECTIVE_FORM_SYSTEM, CARE_DIRECTIVE_FORM_CODE);
}

/**
 * care_directive_is_directive:
 * @document: a DocumentReference
 *
 * Returns: whether it is an advance directive on file (not a blank form)
 */
gboolean
care_directive_is_directive (JsonObject *document)
{
  return !care_directive_is_blank_form (document) &&
         (any_has_coding (document, "category", LOINC, CARE_DIRECTIVE_LOINC) ||
          has_coding (care_fhir_get_object (document, "type"), LOINC, CARE_DIRECTIVE_LOINC));
}

/**
 * care_related_person_is_agent:
 * @person: a RelatedPerson
 *
 * Returns: whether it names the patient's health care agent
 */
gboolean
care_related_person_is_agent (JsonObject *person)
{
  return any_has_coding (person, "relationship", CARE_AGENT_ROLE_SYSTEM, CARE_AGENT_ROLE_CODE);
}
