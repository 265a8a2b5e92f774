/* care-trend-item.c — one measurement a person has over time, for the trends list
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Health Trends list has one entry per code: every numeric
 * Observation with that code (or one care_loinc_merge_key() pairs with it)
 * becomes one point of a series. Copies of a test from several health
 * systems join only when care_series_merge() finds their units convert
 * exactly; a code whose results came in units that do not convert gives
 * one entry per unit, so no axis ever mixes them. Panels that carry their
 * values in components (blood pressure: systolic and diastolic) give one
 * entry with a series per component.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-chart-paint.h"
#include "care-fhir.h"
#include "care-reading.h"
#include "care-resource-item.h"
#include "care-trend-item.h"
#include "care-unit.h"

#include <math.h>
#include <string.h>

struct _CareTrendItem
{
  GObject     parent_instance;

  char       *system;
  char       *code;
  char       *title;
  char       *category;
  char       *latest_text;
  gint64      latest_time;
  guint       count;
  GListStore *series;
  GPtrArray  *codes;     /* every code that leads here (members, components) */
};

G_DEFINE_FINAL_TYPE (CareTrendItem, care_trend_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SYSTEM,
  PROP_CODE,
  PROP_TITLE,
  PROP_CATEGORY,
  PROP_LATEST_TEXT,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
care_trend_item_finalize (GObject *object)
{
  CareTrendItem *self = CARE_TREND_ITEM (object);

  g_free (self->system);
  g_free (self->code);
  g_free (self->title);
  g_free (self->category);
  g_free (self->latest_text);
  g_clear_object (&self->series);
  g_ptr_array_unref (self->codes);

  G_OBJECT_CLASS (care_trend_item_parent_class)->finalize (object);
}

static void
care_trend_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CareTrendItem *self = CARE_TREND_ITEM (object);

  switch (prop_id)
    {
    case PROP_SYSTEM:
      g_value_set_string (value, self->system);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;
    case PROP_LATEST_TEXT:
      g_value_set_string (value, self->latest_text);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_trend_item_class_init (CareTrendItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = care_trend_item_finalize;
  object_class->get_property = care_trend_item_get_property;

  properties[PROP_SYSTEM] = g_param_spec_string ("system", NULL, NULL, NULL, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, flags);
  properties[PROP_LATEST_TEXT] = g_param_spec_string ("latest-text", NULL, NULL, NULL, flags);
  properties[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
care_trend_item_init (CareTrendItem *self)
{
  self->series = g_list_store_new (CARE_TYPE_SERIES);
  self->codes = g_ptr_array_new_with_free_func (g_free);
}

const char *
care_trend_item_get_system (CareTrendItem *self)
{
  g_return_val_if_fail (CARE_IS_TREND_ITEM (self), NULL);
  return self->system;
}

const char *
care_trend_item_get_code (CareTrendItem *self)
{
  g_return_val_if_fail (CARE_IS_TREND_ITEM (self), NULL);
  return self->code;
}

/**
 * care_trend_item_get_title:
 * @self: an item
 *
 * Returns: the measurement's name as the health system sent it
 */
const char *
care_trend_item_get_title (CareTrendItem *self)
{
  g_return_val_if_fail (CARE_IS_TREND_ITEM (self), NULL);
  return self->title;
}

/**
 * care_trend_item_get_category:
 * @self: an item
 *
 * Returns: (nullable): the first category code ("laboratory", "vital-signs")
 */
const char *
care_trend_item_get_category (CareTrendItem *self)
{
  g_return_val_if_fail (CARE_IS_TREND_ITEM (self), NULL);
  return self->category;
}

/**
 * care_trend_item_get_latest_text:
 * @self: an item
 *
 * Returns: the latest value with its unit: "6.8 %", "128/82 mmHg"
 */
const char *
care_trend_item_get_latest_text (CareTrendItem *self)
{
  g_return_val_if_fail (CARE_IS_TREND_ITEM (self), NULL);
  return self->latest_text;
}

gint64
care_trend_item_get_latest_time (CareTrendItem *self)
{
  g_return_val_if_fail (CARE_IS_TREND_ITEM (self), 0);
  return self->latest_time;
}

/**
 * care_trend_item_get_count:
 * @self: an item
 *
 * Returns: how many results (a blood pressure reading counts once)
 */
guint
care_trend_item_get_count (CareTrendItem *self)
{
  g_return_val_if_fail (CARE_IS_TREND_ITEM (self), 0);
  return self->count;
}

/**
 * care_trend_item_get_series:
 * @self: an item
 *
 * Returns: (transfer none): a #GListModel of #CareSeries sharing a unit,
 *   ready for a trend chart
 */
GListModel *
care_trend_item_get_series (CareTrendItem *self)
{
  g_return_val_if_fail (CARE_IS_TREND_ITEM (self), NULL);
  return G_LIST_MODEL (self->series);
}

/**
 * care_trend_item_matches:
 * @self: an item
 * @system: (nullable): a code system, or %NULL or "" for any
 * @code: a code: the item's, one merged into it, or one of its components
 *
 * Returns: %TRUE if @system and @code name this item
 */
gboolean
care_trend_item_matches (CareTrendItem *self,
                         const char    *system,
                         const char    *code)
{
  g_return_val_if_fail (CARE_IS_TREND_ITEM (self), FALSE);

  if (code == NULL)
    return FALSE;
  if (system != NULL && system[0] != '\0' && g_strcmp0 (system, self->system) != 0)
    return FALSE;
  if (g_strcmp0 (code, self->code) == 0 ||
      g_strcmp0 (care_loinc_merge_key (code), self->code) == 0)
    return TRUE;
  for (guint i = 0; i < self->codes->len; i++)
    if (g_str_equal (self->codes->pdata[i], code))
      return TRUE;
  return FALSE;
}

/**
 * care_trend_items_find:
 * @items: (element-type CareTrendItem): from care_trend_items_collect()
 * @system: (nullable): a code system, or %NULL for any
 * @code: a code
 *
 * Returns: (transfer none) (nullable): the first item @system and @code name
 */
CareTrendItem *
care_trend_items_find (GPtrArray  *items,
                       const char *system,
                       const char *code)
{
  g_return_val_if_fail (items != NULL, NULL);

  for (guint i = 0; i < items->len; i++)
    if (care_trend_item_matches (items->pdata[i], system, code))
      return items->pdata[i];
  return NULL;
}

/* What the collector gathers for one list entry before merging. */
typedef struct
{
  char       *system;
  char       *code;
  char       *title;
  char       *category;
  gint64      title_time;
  gboolean    panel;
  GHashTable *raw;        /* "code|unit|source" → CareSeries */
  GPtrArray  *order;      /* CareSeries, first seen first */
  GPtrArray  *codes;
} Builder;

static void
builder_free (Builder *builder)
{
  g_free (builder->system);
  g_free (builder->code);
  g_free (builder->title);
  g_free (builder->category);
  g_hash_table_unref (builder->raw);
  g_ptr_array_unref (builder->order);
  g_ptr_array_unref (builder->codes);
  g_free (builder);
}

static void
builder_add (Builder            *builder,
             const char         *code,
             const char         *name,
             const char         *unit,
             const char         *source,
             gint64              time,
             double              value,
             double              low,
             double              high,
             CareInterpretation  flag,
             gboolean            entered)
{
  g_autofree char *key = g_strdup_printf ("%s|%s|%s", code, unit != NULL ? unit : "",
                                          source != NULL ? source : "");
  CareSeries *series = g_hash_table_lookup (builder->raw, key);

  if (series == NULL)
    {
      series = care_series_new (code, name, unit);
      g_hash_table_insert (builder->raw, g_steal_pointer (&key), series);
      g_ptr_array_add (builder->order, series);
    }
  care_series_add_point_full (series, time, value, low, high, flag, source, entered);

  for (guint i = 0; i < builder->codes->len; i++)
    if (g_str_equal (builder->codes->pdata[i], code))
      return;
  g_ptr_array_add (builder->codes, g_strdup (code));
}

static void
read_range (JsonObject *holder,
            double     *low,
            double     *high)
{
  JsonObject *range = care_fhir_get_array_object (holder, "referenceRange", 0);

  *low = NAN;
  *high = NAN;
  if (range == NULL)
    return;
  if (!care_fhir_get_quantity (care_fhir_get_object (range, "low"), low, NULL))
    *low = NAN;
  if (!care_fhir_get_quantity (care_fhir_get_object (range, "high"), high, NULL))
    *high = NAN;
}

/* LOINC long names, which some portals send as the text, carry the
 * property in brackets ("Calcium [Mass/volume] in Serum or Plasma"):
 * jargon to a patient, and the unit says it anyway. */
static char *
dup_tidy_name (const char *name)
{
  g_autoptr(GString) out = g_string_new (NULL);
  int depth = 0;

  for (const char *c = name; *c != '\0'; c++)
    {
      if (*c == '[')
        depth++;
      else if (*c == ']' && depth > 0)
        depth--;
      else if (depth == 0 && !(*c == ' ' && (out->len == 0 || out->str[out->len - 1] == ' ')))
        g_string_append_c (out, *c);
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  /* "Weight [Mass], total" keeps no stray space before the comma. */
  for (char *p = strstr (out->str, " ,"); p != NULL; p = strstr (out->str, " ,"))
    g_string_erase (out, p - out->str, 1);

  if (out->len == 0 || depth != 0)
    return g_strdup (name);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static CareInterpretation
read_flag (JsonObject *holder)
{
  g_autofree char *code = care_fhir_read_flag_code (holder, NULL);

  return care_interpretation_from_code (code);
}

static const char *
read_source (JsonObject *resource)
{
  JsonObject *performer = care_fhir_get_array_object (resource, "performer", 0);
  const char *display = care_fhir_get_string (performer, "display");
  const char *reference = care_fhir_get_string (performer, "reference");

  /* A patient who measured at home is not a health system. */
  if (reference != NULL && g_str_has_prefix (reference, "Patient/"))
    return NULL;
  return display != NULL ? g_intern_string (display) : NULL;
}

static Builder *
lookup_builder (GHashTable *builders,
                GPtrArray  *order,
                const char *system,
                const char *code,
                gboolean    panel)
{
  g_autofree char *key = g_strdup_printf ("%c|%s|%s", panel ? 'p' : 'v', system != NULL ? system : "",
                                          panel ? code : care_loinc_merge_key (code));
  Builder *builder = g_hash_table_lookup (builders, key);

  if (builder != NULL)
    return builder;

  builder = g_new0 (Builder, 1);
  builder->system = g_strdup (system != NULL ? system : "");
  builder->code = g_strdup (panel ? code : care_loinc_merge_key (code));
  builder->panel = panel;
  builder->raw = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  builder->order = g_ptr_array_new ();
  builder->codes = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_insert (builders, g_steal_pointer (&key), builder);
  g_ptr_array_add (order, builder);
  return builder;
}

static void
collect_one (JsonObject *resource,
             const char *display,
             GDateTime  *when,
             const char *category,
             GHashTable *builders,
             GPtrArray  *order)
{
  JsonObject *code_concept = care_fhir_get_object (resource, "code");
  JsonObject *coding = care_fhir_get_first_coding (code_concept);
  const char *system = care_fhir_get_string (coding, "system");
  const char *code = care_fhir_get_string (coding, "code");
  const char *status = care_fhir_get_string (resource, "status");
  g_autofree char *name = NULL;
  const char *source = read_source (resource);
  gboolean entered = care_observation_is_patient_entered (resource);
  JsonObject *quantity = care_fhir_get_object (resource, "valueQuantity");
  g_autoptr(GPtrArray) components = care_fhir_dup_components (resource);
  Builder *builder;
  gint64 time;
  double value, low, high;
  const char *unit = NULL;

  if (code == NULL || when == NULL)
    return;
  if (g_strcmp0 (status, "entered-in-error") == 0 || g_strcmp0 (status, "cancelled") == 0)
    return;
  time = g_date_time_to_unix (when);
  name = dup_tidy_name (display != NULL && display[0] != '\0' ? display : code);

  if (quantity != NULL && care_fhir_get_quantity (quantity, &value, &unit) && isfinite (value))
    {
      builder = lookup_builder (builders, order, system, code, FALSE);
      read_range (resource, &low, &high);
      builder_add (builder, code, name, unit, source, time, value, low, high, read_flag (resource), entered);
    }
  else if (components->len > 0)
    {
      builder = NULL;
      for (guint i = 0; i < components->len; i++)
        {
          JsonObject *component = components->pdata[i];
          JsonObject *part_concept = care_fhir_get_object (component, "code");
          const char *part_code = care_fhir_get_string (care_fhir_get_first_coding (part_concept),
                                                        "code");
          g_autofree char *part_text = care_fhir_dup_concept_text (part_concept);
          g_autofree char *part_name = part_text != NULL ? dup_tidy_name (part_text) : NULL;

          unit = NULL;
          if (part_code == NULL ||
              !care_fhir_get_quantity (care_fhir_get_object (component, "valueQuantity"), &value,
                                       &unit) ||
              !isfinite (value))
            continue;
          if (builder == NULL)
            builder = lookup_builder (builders, order, system, code, TRUE);
          read_range (component, &low, &high);
          builder_add (builder, part_code, part_name != NULL ? part_name : part_code, unit, source,
                       time, value, low, high, read_flag (component), entered);
        }
    }
  else
    return;

  if (builder == NULL)
    return;
  /* The newest result names the entry (that is what people know it as),
   * whatever order the list came in. */
  if (builder->title == NULL || time >= builder->title_time)
    {
      g_free (builder->title);
      builder->title = g_strdup (name);
      builder->title_time = time;
    }
  if (builder->category == NULL)
    builder->category = g_strdup (category);
}

static CareTrendItem *
item_new (Builder    *builder,
          CareSeries **series,
          guint        n_series,
          gboolean     name_unit)
{
  CareTrendItem *self = g_object_new (CARE_TYPE_TREND_ITEM, NULL);
  g_autoptr(GString) latest = g_string_new (NULL);
  const char *unit = care_series_get_unit (series[0]);

  self->system = g_strdup (builder->system);
  self->code = g_strdup (builder->code);
  self->category = g_strdup (builder->category);
  if (name_unit && unit != NULL && unit[0] != '\0')
    /* Translators: a measurement whose results came in a unit that does not
     * convert to the others: "Glucose (mmol/L)" */
    self->title = g_strdup_printf (_("%1$s (%2$s)"), builder->title, care_unit_display_text (unit));
  else
    self->title = g_strdup (builder->title);

  for (guint i = 0; i < builder->codes->len; i++)
    g_ptr_array_add (self->codes, g_strdup (builder->codes->pdata[i]));

  for (guint i = 0; i < n_series; i++)
    {
      guint n = care_series_get_n_points (series[i]);
      const CareSeriesPoint *p;
      g_autofree char *number = NULL;

      g_list_store_append (self->series, series[i]);
      self->count = MAX (self->count, n);
      if (n == 0)
        continue;
      p = care_series_get_point (series[i], n - 1);
      self->latest_time = MAX (self->latest_time, p->time);
      number = care_chart_format_measurement (p->value, NULL);
      if (latest->len > 0)
        g_string_append_c (latest, '/');
      g_string_append (latest, number);
    }
  if (unit != NULL && unit[0] != '\0')
    g_string_append_printf (latest, " %s", care_unit_display_text (unit));
  self->latest_text = g_string_free (g_steal_pointer (&latest), FALSE);

  return self;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  CareTrendItem *ia = *(CareTrendItem **) a;
  CareTrendItem *ib = *(CareTrendItem **) b;
  int cmp = g_utf8_collate (ia->title, ib->title);

  return cmp != 0 ? cmp : g_strcmp0 (ia->code, ib->code);
}

/* What a collection has gathered so far. */
typedef struct
{
  GListModel *observations;
  GPtrArray  *pending;      /* JsonObject: readings still in the outbox */
  GHashTable *seen;         /* the ids of the cache's Observations */
  GHashTable *builders;
  GPtrArray  *order;
  guint       next;
  guint       n;
} Collection;

static Collection *
collection_new (GListModel *observations,
                GPtrArray  *pending)
{
  Collection *collection = g_new0 (Collection, 1);

  collection->observations = g_object_ref (observations);
  collection->pending = pending != NULL ? g_ptr_array_ref (pending) : NULL;
  collection->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collection->builders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) builder_free);
  collection->order = g_ptr_array_new ();
  collection->n = g_list_model_get_n_items (observations);
  return collection;
}

static void
collection_free (Collection *collection)
{
  g_object_unref (collection->observations);
  g_clear_pointer (&collection->pending, g_ptr_array_unref);
  g_hash_table_unref (collection->seen);
  g_ptr_array_unref (collection->order);
  g_hash_table_unref (collection->builders);
  g_free (collection);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Collection, collection_free)

/* Reads up to @count more Observations, or for up to @budget_us
 * microseconds (0: no limit); returns whether any are left. */
static gboolean
collection_step (Collection *collection,
                 guint       count,
                 gint64      budget_us)
{
  guint end = collection->next + MIN (count, collection->n - collection->next);
  gint64 deadline = budget_us > 0 ? g_get_monotonic_time () + budget_us : G_MAXINT64;

  for (; collection->next < end && g_get_monotonic_time () < deadline; collection->next++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (collection->observations,
                                                                collection->next);
      g_autoptr(JsonObject) resource = NULL;

      if (item == NULL || !CARE_IS_RESOURCE_ITEM (item))
        continue;
      /* A resource that left the cache since the list was made is skipped. */
      resource = care_resource_item_dup_resource (item, NULL);
      if (resource == NULL)
        continue;
      if (collection->pending != NULL && care_resource_item_get_id (item) != NULL)
        g_hash_table_add (collection->seen, g_strdup (care_resource_item_get_id (item)));
      collect_one (resource, care_resource_item_get_display_name (item),
                   care_resource_item_get_effective_date (item), care_resource_item_get_category (item),
                   collection->builders, collection->order);
    }
  return collection->next < collection->n;
}

/* The readings still in the outbox, or sent but not yet synced: each once
 * (one the cache has under its id is already in). */
static void
collect_pending (Collection *collection)
{
  for (guint i = 0; collection->pending != NULL && i < collection->pending->len; i++)
    {
      JsonObject *resource = collection->pending->pdata[i];
      const char *id = care_fhir_get_string (resource, "id");
      g_autofree char *display = care_fhir_dup_concept_text (care_fhir_get_object (resource, "code"));
      g_autoptr(GDateTime) when = care_fhir_dup_date_time (care_fhir_get_string (resource,
                                                                                 "effectiveDateTime"));
      JsonObject *category = care_fhir_get_array_object (resource, "category", 0);

      if (id != NULL && g_hash_table_contains (collection->seen, id))
        continue;
      collect_one (resource, display, when,
                   care_fhir_get_string (care_fhir_get_first_coding (category), "code"),
                   collection->builders, collection->order);
    }
}

static int
compare_by_first_time (gconstpointer a,
                       gconstpointer b)
{
  CareSeries *sa = *(CareSeries **) a;
  CareSeries *sb = *(CareSeries **) b;
  gint64 ta = care_series_get_point (sa, 0)->time;
  gint64 tb = care_series_get_point (sb, 0)->time;

  /* Equal times keep their order (g_ptr_array_sort() is stable): a
   * panel's components stay as the resource lists them. */
  return (ta > tb) - (ta < tb);
}

static GPtrArray *
collection_finish (Collection *collection)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  collect_pending (collection);
  for (guint b = 0; b < collection->order->len; b++)
    {
      Builder *builder = collection->order->pdata[b];
      g_autoptr(GPtrArray) merged = NULL;

      /* care_series_merge() breaks ties by order: make it the data's, not
       * the list's (the oldest results first). Every raw series has a point. */
      g_ptr_array_sort (builder->order, compare_by_first_time);
      merged = care_series_merge ((CareSeries **) builder->order->pdata, builder->order->len);

      if (merged->len == 0)
        continue;
      if (builder->panel)
        g_ptr_array_add (items, item_new (builder, (CareSeries **) merged->pdata, merged->len,
                                          FALSE));
      else
        for (guint m = 0; m < merged->len; m++)
          g_ptr_array_add (items, item_new (builder, (CareSeries **) &merged->pdata[m], 1,
                                            merged->len > 1));
    }

  g_ptr_array_sort (items, compare_items);
  return items;
}

/**
 * care_trend_items_collect:
 * @observations: a #GListModel of Observation #CareResourceItem, from the
 *   cache's thread
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Builds the trends list: one #CareTrendItem per code (or per unit, where
 * units do not convert), sorted by name. Observations with no number are
 * left out; one missing its date or code is skipped, not an error.
 *
 * Returns: (transfer full) (element-type CareTrendItem) (nullable): the
 *   items, or %NULL if cancelled
 */
GPtrArray *
care_trend_items_collect (GListModel    *observations,
                          GCancellable  *cancellable,
                          GError       **error)
{
  return care_trend_items_collect_full (observations, NULL, cancellable, error);
}

/**
 * care_trend_items_collect_full:
 * @observations: a #GListModel of Observation #CareResourceItem
 * @pending: (nullable) (element-type JsonObject): readings the patient
 *   entered that the cache does not have yet (the outbox's; an "id" is
 *   the portal's once sent, and one the cache has is left out)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * care_trend_items_collect() with the readings on their way, so what the
 * person entered shows at once.
 *
 * Returns: (transfer full) (element-type CareTrendItem) (nullable): the
 *   items, or %NULL if cancelled
 */
GPtrArray *
care_trend_items_collect_full (GListModel    *observations,
                               GPtrArray     *pending,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(Collection) collection = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (observations), NULL);

  collection = collection_new (observations, pending);
  while (collection_step (collection, 64, 0))
    if (g_cancellable_set_error_if_cancelled (cancellable, error))
      return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return collection_finish (collection);
}

/* Work per main loop iteration: well inside a frame. */
#define COLLECT_BUDGET_US 4000

/* GDK_PRIORITY_REDRAW (core has no GDK): the same priority as drawing, so
 * the two take turns. Lower, a spinner that redraws every frame on a slow
 * renderer would starve the collection; higher, the collection would
 * starve drawing. */
#define COLLECT_PRIORITY (G_PRIORITY_HIGH_IDLE + 20)

static gboolean
collect_step_cb (gpointer user_data)
{
  GTask *task = user_data;
  Collection *collection = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;
  if (collection_step (collection, G_MAXUINT, COLLECT_BUDGET_US))
    return G_SOURCE_CONTINUE;
  g_task_return_pointer (task, collection_finish (collection), (GDestroyNotify) g_ptr_array_unref);
  return G_SOURCE_REMOVE;
}

/**
 * care_trend_items_collect_async:
 * @observations: a #GListModel of Observation #CareResourceItem
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the list is built
 * @user_data: for @callback
 *
 * Like care_trend_items_collect(), a few milliseconds of it per main loop
 * iteration of the thread that owns the cache (whose rows may not be read
 * from another), taking turns with drawing, so a record of years of daily
 * readings never freezes the window.
 */
void
care_trend_items_collect_async (GListModel          *observations,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  care_trend_items_collect_full_async (observations, NULL, cancellable, callback, user_data);
}

/**
 * care_trend_items_collect_full_async:
 * @observations: a #GListModel of Observation #CareResourceItem
 * @pending: (nullable) (element-type JsonObject): see
 *   care_trend_items_collect_full()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the list is built
 * @user_data: for @callback
 *
 * care_trend_items_collect_async() with the readings on their way; finish
 * with care_trend_items_collect_finish().
 */
void
care_trend_items_collect_full_async (GListModel          *observations,
                                     GPtrArray           *pending,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSource) source = NULL;

  g_return_if_fail (G_IS_LIST_MODEL (observations));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_trend_items_collect_full_async);
  g_task_set_priority (task, COLLECT_PRIORITY);
  g_task_set_task_data (task, collection_new (observations, pending), (GDestroyNotify) collection_free);

  source = g_idle_source_new ();
  g_task_attach_source (task, source, collect_step_cb);
}

/**
 * care_trend_items_collect_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CareTrendItem) (nullable): the
 *   items, or %NULL with @error set
 */
GPtrArray *
care_trend_items_collect_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
