/* care-features.c — the one table of what each feature area owns
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each line is a feature area, in sidebar order: its id, title and icon, the resource types
 * (and US Core categories) it shows, and the types it writes. Everything
 * that used to keep its own list reads this one: the sync engine plans
 * its searches from it, the authorizer asks for its write scopes, the
 * sidebar, the record search, notifications and the sync indicator take
 * "which section shows this type" from it. Adding a section is one line
 * here, its core folder, its view folder and its .ui.
 *
 * A type belongs to the first feature that lists it without
 * CARE_FEATURE_TYPE_SHARED; the others only show it too.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-features.h"

#include <string.h>

#define SHARED CARE_FEATURE_TYPE_SHARED
#define REFERENCED CARE_FEATURE_TYPE_REFERENCED

static const CareFeatureType home_types[] = {
  { "Patient", NULL, 0 },
  { "QuestionnaireResponse", NULL, 0 },
  { "Task", NULL, 0 },
  /* Who recorded a resource and where it came from: shown in the
   * details of what it points at, never as a list of its own. */
  { "Provenance", NULL, 0 },
  { NULL },
};

static const CareFeatureType results_types[] = {
  { "Observation", "laboratory,vital-signs,social-history,survey,exam,imaging,procedure,therapy,activity,sdoh", 0 },
  { "DiagnosticReport", "LAB,RAD,LP29684-5,LP29708-2,LP7839-6,cardiology,radiology,laboratory,pathology", 0 },
  /* Imaging studies: the series and modality behind a report. */
  { "ImagingStudy", NULL, 0 },
  { NULL },
};

static const CareFeatureType medications_types[] = {
  { "MedicationRequest", NULL, 0 },
  { "MedicationStatement", NULL, 0 },
  { "MedicationDispense", NULL, 0 },
  /* Given in clinic (chemotherapy, infusions, injections). */
  { "MedicationAdministration", NULL, 0 },
  /* Supplies delivered to the patient (test strips, pump sets). */
  { "SupplyDelivery", NULL, 0 },
  { "Medication", NULL, REFERENCED },
  { NULL },
};

static const CareFeatureType allergies_types[] = {
  { "AllergyIntolerance", NULL, 0 },
  { NULL },
};

static const CareFeatureType issues_types[] = {
  { "Condition", "problem-list-item,encounter-diagnosis,health-concern", 0 },
  { "Procedure", NULL, 0 },
  { "FamilyMemberHistory", NULL, 0 },
  { NULL },
};

static const CareFeatureType immunizations_types[] = {
  { "Immunization", NULL, 0 },
  { "ImmunizationRecommendation", NULL, 0 },
  /* Health maintenance: care that is due, as a plan. */
  { "CarePlan", NULL, SHARED },
  { NULL },
};

static const CareFeatureType plan_types[] = {
  { "CarePlan", "assess-plan", 0 },
  { "Goal", NULL, 0 },
  { "CareTeam", NULL, 0 },
  { NULL },
};

static const CareFeatureType trends_types[] = {
  { "Observation", "laboratory,vital-signs", SHARED },
  { NULL },
};

/* Track My Health: what the clinic asks for, and the readings entered
 * (shown beside the clinic's in Health Trends). */
static const CareFeatureType readings_types[] = {
  { "Observation", "vital-signs,laboratory,activity", SHARED },
  { "CarePlan", "assess-plan", SHARED },
  { "ServiceRequest", NULL, SHARED },
  { NULL },
};

static const CareFeatureType growth_types[] = {
  { "Observation", "vital-signs", SHARED },
  { NULL },
};

static const CareFeatureType documents_types[] = {
  { "DocumentReference", "clinical-note", 0 },
  { "Encounter", NULL, 0 },
  { "VisionPrescription", NULL, 0 },
  { NULL },
};

static const CareFeatureType messages_types[] = {
  { "Communication", NULL, 0 },
  { NULL },
};

static const CareFeatureType appointments_types[] = {
  { "Appointment", NULL, 0 },
  { "ServiceRequest", NULL, 0 },
  { NULL },
};

static const CareFeatureType billing_types[] = {
  { "Coverage", NULL, 0 },
  { "ExplanationOfBenefit", NULL, 0 },
  /* What the clinic billed the insurer, before (or beside) its answer. */
  { "Claim", NULL, 0 },
  { "Account", NULL, 0 },
  { "Invoice", NULL, 0 },
  { "PaymentNotice", NULL, 0 },
  { NULL },
};

static const CareFeatureType sharing_types[] = {
  { "RelatedPerson", NULL, 0 },
  { "Consent", NULL, 0 },
  { NULL },
};

static const CareFeatureType questionnaires_types[] = {
  { "Task", NULL, SHARED },
  { "QuestionnaireResponse", NULL, SHARED },
  { "Questionnaire", NULL, REFERENCED },
  { NULL, NULL, 0 }
};

/* End-of-life planning: the signed directives and blank forms among the
 * documents, and the health care agent among the related people. */
static const CareFeatureType directives_types[] = {
  { "DocumentReference", NULL, SHARED },
  { "RelatedPerson", NULL, SHARED },
  { NULL },
};

/* What waits to be sent: the outbox's own, no resource type. */
static const CareFeatureType outbox_types[] = {
  { NULL },
};

static const char * const medications_writes[] = { "MedicationStatement", NULL };
static const char * const allergies_writes[] = { "AllergyIntolerance", NULL };
static const char * const immunizations_writes[] = { "Immunization", NULL };
/* Attachments are Binaries created before the message; an update of a
 * message from the care team marks it read (`received`). */
static const char * const messages_writes[] = { "Communication.cu", "Binary", NULL };
/* Booking ($find, $hold, $book) and eCheck-in create; cancelling and the
 * wait list update. */
static const char * const appointments_writes[] = { "Appointment.cu", NULL };
/* Paying a statement: a PaymentNotice (care-bill-payment.c). */
static const char * const billing_writes[] = { "PaymentNotice", NULL };
static const char * const questionnaires_writes[] = { "QuestionnaireResponse", NULL };
/* Home readings are patient-entered Observations. */
static const char * const readings_writes[] = { "Observation", NULL };
/* A signed directive is its files' Binaries, then one DocumentReference;
 * the health care agent is a RelatedPerson. */
static const char * const directives_writes[] = { "DocumentReference", "Binary", "RelatedPerson", NULL };

static const CareFeature features[] = {
  { "home", N_("Home"), "go-home-symbolic", home_types, NULL },
  { "results", N_("Test Results"), "care-results-symbolic", results_types, NULL },
  { "medications", N_("Medications"), "care-medications-symbolic", medications_types, medications_writes },
  { "allergies", N_("Allergies"), "care-allergies-symbolic", allergies_types, allergies_writes },
  { "issues", N_("Health Issues"), "care-issues-symbolic", issues_types, NULL },
  { "immunizations", N_("Immunizations"), "care-immunizations-symbolic", immunizations_types, immunizations_writes },
  { "plan", N_("Plan of Care"), "care-plan-symbolic", plan_types, NULL },
  { "trends", N_("Health Trends"), "care-trends-symbolic", trends_types, NULL },
  { "growth", N_("Growth Charts"), "care-growth-symbolic", growth_types, NULL },
  { "documents", N_("Visits & Documents"), "folder-documents-symbolic", documents_types, NULL },
  { "messages", N_("Messages"), "mail-unread-symbolic", messages_types, messages_writes },
  { "appointments", N_("Appointments"), "x-office-calendar-symbolic", appointments_types,
    appointments_writes },
  { "billing", N_("Billing & Insurance"), "care-billing-symbolic", billing_types, billing_writes },
  { "sharing", N_("Sharing & Access"), "system-users-symbolic", sharing_types, NULL },
  { "questionnaires", N_("Questionnaires"), "x-office-document-symbolic", questionnaires_types,
    questionnaires_writes },
  { "readings", N_("Track My Health"), "care-readings-symbolic", readings_types, readings_writes },
  { "directives", N_("End-of-Life Planning"), "document-edit-symbolic", directives_types, directives_writes },
  { "outbox", N_("Outbox"), "mail-send-symbolic", outbox_types, NULL },
};

guint
care_features_get_n_items (void)
{
  return G_N_ELEMENTS (features);
}

/**
 * care_features_get:
 * @position: an index below care_features_get_n_items()
 *
 * Returns: (transfer none): the feature, in sidebar order
 */
const CareFeature *
care_features_get (guint position)
{
  g_return_val_if_fail (position < G_N_ELEMENTS (features), NULL);

  return &features[position];
}

/**
 * care_features_lookup:
 * @id: a feature id such as "results"
 *
 * Returns: (transfer none) (nullable): the feature, %NULL if @id is unknown
 */
const CareFeature *
care_features_lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (features); i++)
    if (g_str_equal (features[i].id, id))
      return &features[i];
  return NULL;
}

/**
 * care_features_for_type:
 * @type: (nullable): a FHIR resource type
 *
 * Returns: (transfer none) (nullable): the feature that owns @type
 */
const CareFeature *
care_features_for_type (const char *type)
{
  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (features); i++)
    for (const CareFeatureType *t = features[i].types; t->type != NULL; t++)
      if ((t->flags & CARE_FEATURE_TYPE_SHARED) == 0 && g_str_equal (t->type, type))
        return &features[i];
  return NULL;
}

/**
 * care_features_section_for_type:
 * @type: (nullable): a FHIR resource type
 *
 * Returns: the id of the section that shows @type; "home" for the rest
 */
const char *
care_features_section_for_type (const char *type)
{
  const CareFeature *feature = care_features_for_type (type);

  return feature != NULL ? feature->id : "home";
}

/**
 * care_feature_dup_types:
 * @feature: a feature
 *
 * What a view of @feature reads the sync state of: the types it shows,
 * owned or shared, except those only read where referenced (which have
 * no sync state of their own).
 *
 * Returns: (transfer full): the types
 */
GStrv
care_feature_dup_types (const CareFeature *feature)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (feature != NULL, NULL);

  for (const CareFeatureType *t = feature->types; t->type != NULL; t++)
    if ((t->flags & CARE_FEATURE_TYPE_REFERENCED) == 0)
      g_strv_builder_add (builder, t->type);
  return g_strv_builder_end (builder);
}

/**
 * care_features_dup_sync_types:
 *
 * Returns: (transfer full): every type the sync engine searches by
 *   patient, each once, in table order (so the Patient first)
 */
GStrv
care_features_dup_sync_types (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (features); i++)
    for (const CareFeatureType *t = features[i].types; t->type != NULL; t++)
      if ((t->flags & CARE_FEATURE_TYPE_REFERENCED) == 0 && g_hash_table_add (seen, (gpointer)t->type))
        g_strv_builder_add (builder, t->type);
  return g_strv_builder_end (builder);
}

/**
 * care_features_dup_categories:
 * @type: a FHIR resource type
 *
 * Every category any feature wants @type searched by, each once.
 *
 * Returns: (transfer full) (nullable): comma-separated categories, or %NULL
 *   when @type is searched whole
 */
char *
care_features_dup_categories (const char *type)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (type != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (features); i++)
    for (const CareFeatureType *t = features[i].types; t->type != NULL; t++)
      {
        g_auto(GStrv) categories = NULL;

        if (t->categories == NULL || !g_str_equal (t->type, type))
          continue;
        categories = g_strsplit (t->categories, ",", -1);
        for (guint j = 0; categories[j] != NULL; j++)
          if (!g_ptr_array_find_with_equal_func (all, categories[j], g_str_equal, NULL))
            g_ptr_array_add (all, g_strdup (categories[j]));
      }

  if (all->len == 0)
    return NULL;
  g_ptr_array_add (all, NULL);
  return g_strjoinv (",", (char **)all->pdata);
}

/**
 * care_features_dup_scopes:
 * @v1: whether the portal knows only SMART v1 scopes
 *
 * What to ask for at sign-in: read and search everything, and create
 * what the features write. A portal may grant less; writes are then
 * offered only where the grant and the CapabilityStatement both allow them.
 *
 * Returns: (transfer full): the scope, space separated
 */
char *
care_features_dup_scopes (gboolean v1)
{
  GString *scope = g_string_new ("launch/patient openid fhirUser offline_access ");
  g_autoptr(GHashTable) asked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_string_append (scope, v1 ? "patient/*.read" : "patient/*.rs");
  for (guint i = 0; i < G_N_ELEMENTS (features); i++)
    for (guint j = 0; features[i].write_types != NULL && features[i].write_types[j] != NULL; j++)
      {
        const char *type = features[i].write_types[j];
        const char *dot = strchr (type, '.');

        /* Two features may write one type (Binary): ask once. */
        if (!g_hash_table_add (asked, dot != NULL ? g_strndup (type, dot - type) : g_strdup (type)))
          continue;
        if (dot == NULL)
          g_string_append_printf (scope, " patient/%s.%s", type, v1 ? "write" : "c");
        else
          g_string_append_printf (scope, " patient/%.*s.%s", (int)(dot - type), type, v1 ? "write" : dot + 1);
      }
  return g_string_free (scope, FALSE);
}
