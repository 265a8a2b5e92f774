/* care-health-summary.c — one person's record on one page, and as a PDF
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The health summary a patient brings to a new clinic: current health
 * issues, medications, allergies, immunizations and preventive care, read
 * from the offline copy. The same pages are drawn for "Export as PDF"
 * (Cairo's PDF surface) and for printing (any cairo_t the print dialog
 * gives), laid out with Pango so every script shapes properly; a heading
 * never ends a page. Core has no GTK, so a test can draw it.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "care-fhir.h"
#include "care-health-summary.h"
#include "care-paths.h"
#include "care-resource-item.h"
#include "care-time.h"

#define MARGIN        56.0
#define FOOTER_HEIGHT 24.0
#define A4_WIDTH      595.0
#define A4_HEIGHT     842.0

typedef struct
{
  char *title;
  char *detail;
} Item;

typedef struct
{
  const char *title;
  char       *note;
  GPtrArray  *items;
} Section;

typedef enum
{
  BLOCK_TITLE,
  BLOCK_SUBTITLE,
  BLOCK_HEADING,
  BLOCK_ITEM,
  BLOCK_NOTE,
} BlockKind;

typedef struct
{
  BlockKind  kind;
  char      *markup;
  double     height;
} Block;

struct _CareHealthSummary
{
  GObject    parent_instance;

  char      *person_name;
  GDate      today;
  Section    sections[5];
  GPtrArray *blocks;
  GArray    *page_starts;
  double     laid_out_width;
  GHashTable *stopped;   /* ids of MedicationRequests the patient said they stopped */
};

G_DEFINE_FINAL_TYPE (CareHealthSummary, care_health_summary, G_TYPE_OBJECT)

static const char *section_types[] = {
  "Condition", "MedicationRequest", "AllergyIntolerance", "Immunization", "ImmunizationRecommendation",
};

static void
item_free (Item *item)
{
  g_free (item->title);
  g_free (item->detail);
  g_free (item);
}

static void
block_free (Block *block)
{
  g_free (block->markup);
  g_free (block);
}

static void
care_health_summary_finalize (GObject *object)
{
  CareHealthSummary *self = (CareHealthSummary *)object;

  for (guint i = 0; i < G_N_ELEMENTS (self->sections); i++)
    {
      g_clear_pointer (&self->sections[i].items, g_ptr_array_unref);
      g_free (self->sections[i].note);
    }
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->page_starts, g_array_unref);
  g_free (self->person_name);
  g_clear_pointer (&self->stopped, g_hash_table_unref);

  G_OBJECT_CLASS (care_health_summary_parent_class)->finalize (object);
}

static void
care_health_summary_class_init (CareHealthSummaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = care_health_summary_finalize;
}

static void
care_health_summary_init (CareHealthSummary *self)
{
  self->sections[0].title = N_("Health Issues");
  self->sections[1].title = N_("Medications");
  self->sections[2].title = N_("Allergies");
  self->sections[3].title = N_("Immunizations");
  self->sections[4].title = N_("Preventive Care");
  for (guint i = 0; i < G_N_ELEMENTS (self->sections); i++)
    self->sections[i].items = g_ptr_array_new_with_free_func ((GDestroyNotify)item_free);
  g_date_clear (&self->today, 1);
  self->stopped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * care_health_summary_new:
 * @person_name: whose summary it is
 * @today: (nullable): the date it is made on; %NULL for today
 *
 * Returns: (transfer full): an empty summary; fill it with
 *   care_health_summary_load()
 */
CareHealthSummary *
care_health_summary_new (const char *person_name,
                         GDate      *today)
{
  CareHealthSummary *self = g_object_new (CARE_TYPE_HEALTH_SUMMARY, NULL);

  self->person_name = g_strdup (person_name != NULL ? person_name : "");
  if (today != NULL && g_date_valid (today))
    self->today = *today;
  else
    g_date_set_time_t (&self->today, time (NULL));
  return self;
}

static void
add_item (Section    *section,
          const char *title,
          const char *detail)
{
  Item *item = g_new0 (Item, 1);

  item->title = g_strdup (title != NULL && *title != '\0' ? title : _("Unnamed entry"));
  item->detail = detail != NULL && *detail != '\0' ? g_strdup (detail) : NULL;
  g_ptr_array_add (section->items, item);
}

/* The one day format (care-time.c): never "%x", whose two-digit years
 * read "12/06/26" beside "Nov 2, 2021" elsewhere. */
static char *
dup_date_text (const char *fhir_date)
{
  return care_time_format_fhir_day (fhir_date);
}

static char *
dup_first_concept_text (JsonObject *object,
                        const char *member)
{
  JsonArray *array = care_fhir_get_array (object, member);

  if (array == NULL || json_array_get_length (array) == 0 ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, 0)))
    return NULL;
  return care_fhir_dup_concept_text (json_array_get_object_element (array, 0));
}

static const char *
get_status_code (JsonObject *resource,
                 const char *member)
{
  JsonObject *coding = care_fhir_get_first_coding (care_fhir_get_object (resource, member));

  return coding != NULL ? care_fhir_get_string (coding, "code") : NULL;
}

static const char *
get_first_category_code (JsonObject *resource)
{
  JsonObject *category = care_fhir_get_array_object (resource, "category", 0);
  JsonObject *coding = care_fhir_get_first_coding (category);

  return coding != NULL ? care_fhir_get_string (coding, "code") : NULL;
}

static gboolean
has_item (Section    *section,
          const char *title)
{
  for (guint i = 0; title != NULL && i < section->items->len; i++)
    if (g_utf8_collate (((Item *)g_ptr_array_index (section->items, i))->title, title) == 0)
      return TRUE;
  return FALSE;
}

static void
load_condition (CareHealthSummary *self,
                CareCache         *cache,
                JsonObject        *resource,
                const char        *name)
{
  const char *status = get_status_code (resource, "clinicalStatus");
  g_autofree char *since = dup_date_text (care_fhir_get_string (resource, "onsetDateTime"));
  g_autofree char *detail = NULL;

  if (status != NULL && !g_str_equal (status, "active") && !g_str_equal (status, "recurrence") &&
      !g_str_equal (status, "relapse"))
    return;
  /* A visit's diagnosis repeats the problem list; the summary lists each
   * issue once. */
  if (g_strcmp0 (get_first_category_code (resource), "encounter-diagnosis") == 0 ||
      has_item (&self->sections[0], name))
    return;
  if (since != NULL)
    /* Translators: %s is a date */
    detail = g_strdup_printf (_("Since %s"), since);
  add_item (&self->sections[0], name, detail);
}

static void
load_medication (CareHealthSummary *self,
                 CareCache         *cache,
                 JsonObject        *resource,
                 const char        *name)
{
  g_autofree char *resolved = NULL;
  JsonObject *dosage = care_fhir_get_array_object (resource, "dosageInstruction", 0);
  CareFhirReference reference = { 0 };

  if (g_strcmp0 (care_fhir_get_string (resource, "status"), "active") != 0)
    return;
  /* The patient said they no longer take it: the lists show it as
   * stopped, so the summary does not list it as taken. */
  if (care_fhir_get_string (resource, "id") != NULL &&
      g_hash_table_contains (self->stopped, care_fhir_get_string (resource, "id")))
    return;
  if (name == NULL)
    {
      resolved = care_fhir_dup_concept_text (care_fhir_get_object (resource, "medicationCodeableConcept"));
      if (resolved == NULL &&
          care_fhir_read_reference (care_fhir_get_object (resource, "medicationReference"), &reference))
        {
          g_autoptr(JsonObject) medication = NULL;

          if (reference.id != NULL)
            medication = care_cache_lookup (cache, "Medication", reference.id, NULL);
          if (medication != NULL)
            resolved = care_fhir_dup_concept_text (care_fhir_get_object (medication, "code"));
          if (resolved == NULL)
            resolved = g_strdup (reference.display);
        }
      care_fhir_reference_clear (&reference);
    }
  add_item (&self->sections[1], name != NULL ? name : resolved,
            dosage != NULL ? care_fhir_get_string (dosage, "text") : NULL);
}

static void
load_allergy (CareHealthSummary *self,
              CareCache         *cache,
              JsonObject        *resource,
              const char        *indexed_name)
{
  g_autofree char *name = g_strdup (indexed_name);
  JsonObject *reaction = care_fhir_get_array_object (resource, "reaction", 0);
  g_autofree char *manifestation = reaction != NULL ? dup_first_concept_text (reaction, "manifestation") : NULL;
  const char *criticality = care_fhir_get_string (resource, "criticality");
  g_autofree char *detail = NULL;

  if (g_strcmp0 (get_status_code (resource, "clinicalStatus"), "inactive") == 0 ||
      g_strcmp0 (get_status_code (resource, "clinicalStatus"), "resolved") == 0)
    return;
  if (g_strcmp0 (get_status_code (resource, "verificationStatus"), "refuted") == 0 ||
      g_strcmp0 (get_status_code (resource, "verificationStatus"), "entered-in-error") == 0)
    return;
  if (manifestation != NULL && g_strcmp0 (criticality, "high") == 0)
    /* Translators: %s is a reaction, such as "Hives" */
    detail = g_strdup_printf (_("Reaction: %s · high risk"), manifestation);
  else if (manifestation != NULL)
    /* Translators: %s is a reaction, such as "Hives" */
    detail = g_strdup_printf (_("Reaction: %s"), manifestation);
  else if (g_strcmp0 (criticality, "high") == 0)
    detail = g_strdup (_("High risk"));
  /* As the Allergies page tags it: reported, not confirmed by a clinician. */
  if (g_strcmp0 (get_status_code (resource, "verificationStatus"), "unconfirmed") == 0)
    {
      char *with = detail != NULL
        /* Translators: an allergy's details, then that no clinician confirmed it */
        ? g_strdup_printf (_("%s · not confirmed"), detail)
        : g_strdup (_("Not confirmed"));

      g_free (detail);
      detail = with;
    }
  if (name == NULL)
    name = care_fhir_dup_concept_text (care_fhir_get_object (resource, "code"));
  add_item (&self->sections[2], name, detail);
}

static void
load_immunization (CareHealthSummary *self,
                   CareCache         *cache,
                   JsonObject        *resource,
                   const char        *name)
{
  g_autofree char *date = dup_date_text (care_fhir_get_string (resource, "occurrenceDateTime"));
  g_autofree char *own_name = NULL;
  JsonNode *primary = json_object_get_member (resource, "primarySource");
  Section *section = &self->sections[3];

  if (g_strcmp0 (care_fhir_get_string (resource, "status"), "not-done") == 0 ||
      g_strcmp0 (care_fhir_get_string (resource, "status"), "entered-in-error") == 0)
    return;
  if (name == NULL)
    name = own_name = care_fhir_dup_concept_text (care_fhir_get_object (resource, "vaccineCode"));
  /* Reported by the patient (as the Immunizations page tags it): a line
   * of its own, said to be unconfirmed. */
  if (primary != NULL && JSON_NODE_HOLDS_VALUE (primary) &&
      json_node_get_value_type (primary) == G_TYPE_BOOLEAN && !json_node_get_boolean (primary))
    {
      g_autofree char *detail = date != NULL
        /* Translators: %s is a date; the patient reported this vaccine */
        ? g_strdup_printf (_("%s · reported, not confirmed"), date)
        : g_strdup (_("Reported, not confirmed"));

      add_item (section, name, detail);
      return;
    }
  /* One line per vaccine, its doses newest first (the query's order). */
  for (guint i = 0; name != NULL && date != NULL && i < section->items->len; i++)
    {
      Item *item = g_ptr_array_index (section->items, i);

      if (g_utf8_collate (item->title, name) == 0)
        {
          char *joined = item->detail != NULL ? g_strconcat (item->detail, ", ", date, NULL) : g_strdup (date);

          g_free (item->detail);
          item->detail = joined;
          return;
        }
    }
  add_item (section, name, date);
}

static void
load_recommendation (CareHealthSummary *self,
                     CareCache         *cache,
                     JsonObject        *resource,
                     const char        *name)
{
  JsonArray *recommendations = care_fhir_get_array (resource, "recommendation");

  for (guint i = 0; recommendations != NULL && i < json_array_get_length (recommendations); i++)
    {
      JsonObject *recommendation = care_fhir_get_array_object (resource, "recommendation", i);
      g_autofree char *vaccine = recommendation != NULL ? dup_first_concept_text (recommendation, "vaccineCode") : NULL;
      JsonObject *criterion = recommendation != NULL ? care_fhir_get_array_object (recommendation, "dateCriterion", 0) : NULL;
      g_autofree char *due = criterion != NULL ? dup_date_text (care_fhir_get_string (criterion, "value")) : NULL;
      const char *status = recommendation != NULL ? get_status_code (recommendation, "forecastStatus") : NULL;
      g_autofree char *detail = NULL;

      if (recommendation == NULL || g_strcmp0 (status, "complete") == 0)
        continue;
      if (g_strcmp0 (status, "overdue") == 0)
        /* Translators: %s is a date */
        detail = due != NULL ? g_strdup_printf (_("Overdue since %s"), due) : g_strdup (_("Overdue"));
      else
        /* Translators: %s is a date */
        detail = due != NULL ? g_strdup_printf (_("Due %s"), due) : g_strdup (_("Due"));
      add_item (&self->sections[4], vaccine, detail);
    }
}

static void
load_care_plan (CareHealthSummary *self,
                JsonObject        *resource)
{
  JsonArray *activities = care_fhir_get_array (resource, "activity");
  g_autofree char *category = dup_first_concept_text (resource, "category");

  if (category == NULL || g_ascii_strcasecmp (category, "Preventive care") != 0)
    return;
  for (guint i = 0; activities != NULL && i < json_array_get_length (activities); i++)
    {
      JsonObject *activity = care_fhir_get_array_object (resource, "activity", i);
      JsonObject *detail = activity != NULL ? care_fhir_get_object (activity, "detail") : NULL;
      g_autofree char *code = NULL;

      if (detail == NULL || g_strcmp0 (care_fhir_get_string (detail, "status"), "completed") == 0)
        continue;
      code = care_fhir_dup_concept_text (care_fhir_get_object (detail, "code"));
      add_item (&self->sections[4],
                care_fhir_get_string (detail, "description") != NULL ? care_fhir_get_string (detail, "description") : code,
                care_fhir_get_string (detail, "scheduledString"));
    }
}

static gboolean
load_type (CareHealthSummary *self,
           CareCache         *cache,
           guint              section,
           GError           **error)
{
  const char *type = section_types[section];
  g_autoptr(CareCacheQuery) query = care_cache_query_new (type);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(CareTypeState) state = NULL;

  care_cache_query_set_sort (query, section == 3 ? CARE_CACHE_SORT_NEWEST : CARE_CACHE_SORT_NAME);
  items = care_cache_query (cache, query, error);
  if (items == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (items, i);
      g_autoptr(JsonObject) resource = care_resource_item_dup_resource (item, NULL);
      const char *name = care_resource_item_get_display_name (item);

      if (resource == NULL)
        continue;
      switch (section)
        {
        case 0: load_condition (self, cache, resource, name); break;
        case 1: load_medication (self, cache, resource, name); break;
        case 2: load_allergy (self, cache, resource, name); break;
        case 3: load_immunization (self, cache, resource, name); break;
        default: load_recommendation (self, cache, resource, name); break;
        }
    }

  state = care_cache_dup_type_state (cache, type);
  if (self->sections[section].items->len == 0 && self->sections[section].note == NULL)
    self->sections[section].note = g_strdup (state != NULL && state->status == CARE_TYPE_STATUS_WITHHELD
                                             ? _("Withheld from proxy access by the health system.")
                                             : _("None recorded."));
  return TRUE;
}

/* A MedicationStatement saying the patient stopped a prescription names
 * it in derivedFrom (as the Medications page writes it). */
static void
add_stopped (CareHealthSummary *self,
             JsonObject        *statement)
{
  JsonArray *derived = care_fhir_get_array (statement, "derivedFrom");

  if (g_strcmp0 (care_fhir_get_string (statement, "status"), "stopped") != 0)
    return;
  for (guint i = 0; derived != NULL && i < json_array_get_length (derived); i++)
    {
      CareFhirReference reference = { 0 };

      if (care_fhir_read_reference (care_fhir_get_array_object (statement, "derivedFrom", i), &reference) &&
          g_strcmp0 (reference.type, "MedicationRequest") == 0 && reference.id != NULL)
        g_hash_table_add (self->stopped, g_strdup (reference.id));
      care_fhir_reference_clear (&reference);
    }
}

/* The same pending state as the lists: what the patient wrote, waiting in
 * the outbox, and what came back from the portal. */
static void
collect_stopped (CareHealthSummary *self,
                 CareCache         *cache)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new ("MedicationStatement");
  g_autoptr(GListModel) statements = care_cache_query (cache, query, NULL);
  g_autoptr(GPtrArray) outbox = care_cache_outbox_list (cache, TRUE);

  g_hash_table_remove_all (self->stopped);
  for (guint i = 0; statements != NULL && i < g_list_model_get_n_items (statements); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (statements, i);
      g_autoptr(JsonObject) resource = care_resource_item_dup_resource (item, NULL);

      if (resource != NULL)
        add_stopped (self, resource);
    }
  for (guint i = 0; outbox != NULL && i < outbox->len; i++)
    {
      CareOutboxItem *item = g_ptr_array_index (outbox, i);
      g_autoptr(JsonObject) resource = NULL;

      if (item->state != CARE_OUTBOX_PENDING || g_strcmp0 (item->type, "MedicationStatement") != 0)
        continue;
      resource = care_fhir_parse_resource (item->json, -1, NULL);
      if (resource != NULL)
        add_stopped (self, resource);
    }
}

/* Allergies and vaccines the patient added that the portal does not hold
 * yet: listed, and said to be unconfirmed. */
static void
load_pending (CareHealthSummary *self,
              CareCache         *cache)
{
  g_autoptr(GPtrArray) outbox = care_cache_outbox_list (cache, TRUE);

  for (guint i = 0; outbox != NULL && i < outbox->len; i++)
    {
      CareOutboxItem *item = g_ptr_array_index (outbox, i);
      g_autoptr(JsonObject) resource = NULL;
      guint section;

      if (item->state != CARE_OUTBOX_PENDING)
        continue;
      if (g_strcmp0 (item->type, "AllergyIntolerance") == 0)
        section = 2;
      else if (g_strcmp0 (item->type, "Immunization") == 0)
        section = 3;
      else
        continue;
      resource = care_fhir_parse_resource (item->json, -1, NULL);
      if (resource == NULL)
        continue;
      if (self->sections[section].items->len == 0)
        g_clear_pointer (&self->sections[section].note, g_free);
      if (section == 2)
        load_allergy (self, cache, resource, NULL);
      else
        load_immunization (self, cache, resource, NULL);
    }
}

/**
 * care_health_summary_load:
 * @self: a summary
 * @cache: the person's offline record
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Reads the summary's sections from @cache, on the cache's thread (a few
 * small indexed queries).
 *
 * Returns: %TRUE on success
 */
gboolean
care_health_summary_load (CareHealthSummary  *self,
                          CareCache          *cache,
                          GError            **error)
{
  g_autoptr(CareCacheQuery) plans = NULL;
  g_autoptr(GListModel) plan_items = NULL;

  g_return_val_if_fail (CARE_IS_HEALTH_SUMMARY (self), FALSE);
  g_return_val_if_fail (CARE_IS_CACHE (cache), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (self->sections); i++)
    {
      g_ptr_array_set_size (self->sections[i].items, 0);
      g_clear_pointer (&self->sections[i].note, g_free);
    }
  g_clear_pointer (&self->blocks, g_ptr_array_unref);

  collect_stopped (self, cache);

  /* Health-maintenance plans first, so preventive care lists them with
   * the vaccines that are due. */
  plans = care_cache_query_new ("CarePlan");
  plan_items = care_cache_query (cache, plans, error);
  if (plan_items == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (plan_items); i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (plan_items, i);
      g_autoptr(JsonObject) resource = care_resource_item_dup_resource (item, NULL);

      if (resource != NULL)
        load_care_plan (self, resource);
    }

  for (guint i = 0; i < G_N_ELEMENTS (self->sections); i++)
    if (!load_type (self, cache, i, error))
      return FALSE;
  load_pending (self, cache);
  return TRUE;
}

const char *
care_health_summary_get_person_name (CareHealthSummary *self)
{
  g_return_val_if_fail (CARE_IS_HEALTH_SUMMARY (self), NULL);
  return self->person_name;
}

/**
 * care_health_summary_dup_date_text:
 * @self: a summary
 *
 * Returns: (transfer full): the date it was made, in the user's format
 */
char *
care_health_summary_dup_date_text (CareHealthSummary *self)
{
  g_autoptr(GDateTime) today = NULL;

  g_return_val_if_fail (CARE_IS_HEALTH_SUMMARY (self), NULL);

  if (!g_date_valid (&self->today))
    return g_strdup ("");
  today = g_date_time_new_local (g_date_get_year (&self->today), g_date_get_month (&self->today),
                                 g_date_get_day (&self->today), 12, 0, 0);
  return care_time_format_day (today);
}

guint
care_health_summary_get_n_sections (CareHealthSummary *self)
{
  return G_N_ELEMENTS (self->sections);
}

/**
 * care_health_summary_get_section_title:
 * @self: a summary
 * @section: a section index
 *
 * Returns: the section's translated title
 */
const char *
care_health_summary_get_section_title (CareHealthSummary *self,
                                       guint              section)
{
  g_return_val_if_fail (CARE_IS_HEALTH_SUMMARY (self), NULL);
  g_return_val_if_fail (section < G_N_ELEMENTS (self->sections), NULL);
  return _(self->sections[section].title);
}

/**
 * care_health_summary_get_section_note:
 * @self: a summary
 * @section: a section index
 *
 * Returns: (nullable): for an empty section, why ("None recorded", or
 *   withheld from proxy access)
 */
const char *
care_health_summary_get_section_note (CareHealthSummary *self,
                                      guint              section)
{
  g_return_val_if_fail (CARE_IS_HEALTH_SUMMARY (self), NULL);
  g_return_val_if_fail (section < G_N_ELEMENTS (self->sections), NULL);
  return self->sections[section].note;
}

guint
care_health_summary_get_n_items (CareHealthSummary *self,
                                 guint              section)
{
  g_return_val_if_fail (CARE_IS_HEALTH_SUMMARY (self), 0);
  g_return_val_if_fail (section < G_N_ELEMENTS (self->sections), 0);
  return self->sections[section].items->len;
}

const char *
care_health_summary_get_item_title (CareHealthSummary *self,
                                    guint              section,
                                    guint              item)
{
  g_return_val_if_fail (care_health_summary_get_n_items (self, section) > item, NULL);
  return ((Item *)g_ptr_array_index (self->sections[section].items, item))->title;
}

const char *
care_health_summary_get_item_detail (CareHealthSummary *self,
                                     guint              section,
                                     guint              item)
{
  g_return_val_if_fail (care_health_summary_get_n_items (self, section) > item, NULL);
  return ((Item *)g_ptr_array_index (self->sections[section].items, item))->detail;
}

static void
add_block (CareHealthSummary *self,
           BlockKind          kind,
           char              *markup)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->markup = markup;
  g_ptr_array_add (self->blocks, block);
}

static void
build_blocks (CareHealthSummary *self)
{
  g_autofree char *date = care_health_summary_dup_date_text (self);
  /* Translators: %1$s is a person's name, %2$s a date */
  g_autofree char *subtitle = g_strdup_printf (_("%1$s · %2$s"), self->person_name, date);

  if (self->blocks != NULL)
    return;
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)block_free);
  add_block (self, BLOCK_TITLE, g_markup_escape_text (_("Health Summary"), -1));
  add_block (self, BLOCK_SUBTITLE, g_markup_escape_text (subtitle, -1));
  for (guint i = 0; i < G_N_ELEMENTS (self->sections); i++)
    {
      Section *section = &self->sections[i];

      add_block (self, BLOCK_HEADING, g_markup_escape_text (_(section->title), -1));
      if (section->items->len == 0)
        add_block (self, BLOCK_NOTE, g_markup_escape_text (section->note != NULL ? section->note : "", -1));
      for (guint j = 0; j < section->items->len; j++)
        {
          Item *item = g_ptr_array_index (section->items, j);

          add_block (self, BLOCK_ITEM,
                     item->detail != NULL
                     ? g_markup_printf_escaped ("<b>%s</b>\n<span foreground=\"#555555\">%s</span>",
                                                item->title, item->detail)
                     : g_markup_printf_escaped ("<b>%s</b>", item->title));
        }
    }
}

static PangoLayout *
create_block_layout (cairo_t *cr,
                     Block   *block,
                     double   width)
{
  static const char *fonts[] = { "Sans Bold 20", "Sans 11", "Sans Bold 14", "Sans 10", "Sans Italic 10" };
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (fonts[block->kind]);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, block->markup, -1);
  return layout;
}

static double
block_spacing (Block *block)
{
  switch (block->kind)
    {
    case BLOCK_TITLE: return 4;
    case BLOCK_SUBTITLE: return 14;
    case BLOCK_HEADING: return 6;
    case BLOCK_ITEM:
    case BLOCK_NOTE:
    default: return 8;
    }
}

static double
block_space_before (Block *block)
{
  return block->kind == BLOCK_HEADING ? 12 : 0;
}

/**
 * care_health_summary_paginate:
 * @self: a loaded summary
 * @cr: a context of the target (PDF surface, printer) to measure text with
 * @width: the page width, in @cr's units
 * @height: the page height
 *
 * Lays the summary out on pages of this size.
 *
 * Returns: the number of pages
 */
guint
care_health_summary_paginate (CareHealthSummary *self,
                              cairo_t           *cr,
                              double             width,
                              double             height)
{
  double text_width = width - 2 * MARGIN;
  double bottom = height - MARGIN - FOOTER_HEIGHT;
  double y = MARGIN;
  guint start = 0;

  g_return_val_if_fail (CARE_IS_HEALTH_SUMMARY (self), 0);

  build_blocks (self);
  g_clear_pointer (&self->page_starts, g_array_unref);
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (self->page_starts, start);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      g_autoptr(PangoLayout) layout = create_block_layout (cr, block, text_width);
      int layout_height = 0;
      double needed;

      pango_layout_get_size (layout, NULL, &layout_height);
      block->height = pango_units_to_double (layout_height);
      needed = block_space_before (block) + block->height + block_spacing (block);

      /* Keep a heading with the first entry under it. */
      if (block->kind == BLOCK_HEADING && i + 1 < self->blocks->len)
        needed += 40;
      if (y + needed > bottom && y > MARGIN)
        {
          g_array_append_val (self->page_starts, i);
          y = MARGIN;
        }
      y += block_space_before (block) + block->height + block_spacing (block);
    }

  self->laid_out_width = width;
  return self->page_starts->len;
}

/**
 * care_health_summary_draw_page:
 * @self: a summary, paginated for this page size
 * @cr: where to draw, with the page's top left at 0, 0
 * @page: the page, from 0
 * @width: the page width
 * @height: the page height
 */
void
care_health_summary_draw_page (CareHealthSummary *self,
                               cairo_t           *cr,
                               guint              page,
                               double             width,
                               double             height)
{
  double text_width = width - 2 * MARGIN;
  double y = MARGIN;
  guint end;
  g_autofree char *footer = NULL;
  g_autoptr(PangoLayout) footer_layout = NULL;
  g_autoptr(PangoFontDescription) footer_font = pango_font_description_from_string ("Sans 8");

  g_return_if_fail (CARE_IS_HEALTH_SUMMARY (self));

  if (self->page_starts == NULL || self->laid_out_width != width)
    care_health_summary_paginate (self, cr, width, height);
  if (page >= self->page_starts->len)
    return;

  end = page + 1 < self->page_starts->len ? g_array_index (self->page_starts, guint, page + 1)
                                          : self->blocks->len;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  for (guint i = g_array_index (self->page_starts, guint, page); i < end; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      g_autoptr(PangoLayout) layout = create_block_layout (cr, block, text_width);

      y += block_space_before (block);
      cairo_set_source_rgb (cr, block->kind == BLOCK_HEADING ? 0.11 : 0.1,
                            block->kind == BLOCK_HEADING ? 0.35 : 0.1,
                            block->kind == BLOCK_HEADING ? 0.53 : 0.1);
      cairo_move_to (cr, MARGIN, y);
      pango_cairo_show_layout (cr, layout);
      y += block->height;
      if (block->kind == BLOCK_HEADING)
        {
          cairo_set_line_width (cr, 0.75);
          cairo_move_to (cr, MARGIN, y + 2);
          cairo_line_to (cr, width - MARGIN, y + 2);
          cairo_stroke (cr);
        }
      y += block_spacing (block);
    }

  /* Translators: %1$s is a person's name, %2$u and %3$u page numbers */
  footer = g_strdup_printf (_("%1$s · Page %2$u of %3$u"), self->person_name, page + 1,
                            self->page_starts->len);
  footer_layout = pango_cairo_create_layout (cr);
  pango_layout_set_font_description (footer_layout, footer_font);
  pango_layout_set_text (footer_layout, footer, -1);
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  cairo_move_to (cr, MARGIN, height - MARGIN);
  pango_cairo_show_layout (cr, footer_layout);
  cairo_restore (cr);
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * care_health_summary_render_pdf:
 * @self: a loaded summary
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the summary as an A4 PDF
 */
GBytes *
care_health_summary_render_pdf (CareHealthSummary  *self,
                                GError            **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *title = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (CARE_IS_HEALTH_SUMMARY (self), NULL);

  surface = cairo_pdf_surface_create_for_stream (append_to_array, bytes, A4_WIDTH, A4_HEIGHT);
  /* Translators: %s is a person's name; the title of the exported PDF */
  title = g_strdup_printf (_("Health Summary of %s"), self->person_name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Carebook");
  cr = cairo_create (surface);
  n_pages = care_health_summary_paginate (self, cr, A4_WIDTH, A4_HEIGHT);
  for (guint i = 0; i < n_pages; i++)
    {
      care_health_summary_draw_page (self, cr, i, A4_WIDTH, A4_HEIGHT);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      /* Translators: %s is Cairo's description of the problem */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The PDF could not be made: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * care_health_summary_write_pdf:
 * @self: a loaded summary
 * @path: where to write it; the file is private (0600), as health data is
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
care_health_summary_write_pdf (CareHealthSummary  *self,
                               const char         *path,
                               GError            **error)
{
  g_autoptr(GBytes) pdf = care_health_summary_render_pdf (self, error);
  gsize size = 0;
  const char *data;

  if (pdf == NULL)
    return FALSE;
  data = g_bytes_get_data (pdf, &size);
  return care_paths_write_private_file (path, data, size, error);
}
