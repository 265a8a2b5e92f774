/* care-resource-item.c — one cached resource, as a list shows it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small immutable snapshot of a cache row: the extracted columns as
 * read-only properties for row widgets to bind, and the full JSON on
 * demand. Items are made by the cache's list models, a page at a time.
 */
#include "config.h"

#include "care-cache-private.h"
#include "care-fhir.h"
#include "care-resource-item.h"

struct _CareResourceItem
{
  GObject    parent_instance;

  CareCache *cache;
  gint64     rid;
  char      *type;
  char      *id;
  char      *display_name;
  GDateTime *effective_date;
  char      *effective_text;
  char      *status;
  char      *category;
  char      *code;
  char      *value_text;
  char      *interpretation;
  double     value;
  gboolean   has_value;
  char      *unit;
};

G_DEFINE_FINAL_TYPE (CareResourceItem, care_resource_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TYPE,
  PROP_ID,
  PROP_DISPLAY_NAME,
  PROP_EFFECTIVE_DATE,
  PROP_STATUS,
  PROP_CATEGORY,
  PROP_CODE,
  PROP_VALUE_TEXT,
  PROP_INTERPRETATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
care_resource_item_dispose (GObject *object)
{
  CareResourceItem *self = (CareResourceItem *)object;

  g_clear_object (&self->cache);

  G_OBJECT_CLASS (care_resource_item_parent_class)->dispose (object);
}

static void
care_resource_item_finalize (GObject *object)
{
  CareResourceItem *self = (CareResourceItem *)object;

  g_free (self->type);
  g_free (self->id);
  g_free (self->display_name);
  g_clear_pointer (&self->effective_date, g_date_time_unref);
  g_clear_pointer (&self->effective_text, g_free);
  g_free (self->status);
  g_free (self->category);
  g_free (self->code);
  g_free (self->value_text);
  g_free (self->interpretation);
  g_free (self->unit);

  G_OBJECT_CLASS (care_resource_item_parent_class)->finalize (object);
}

static void
care_resource_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CareResourceItem *self = CARE_RESOURCE_ITEM (object);

  switch (prop_id)
    {
    case PROP_TYPE:
      g_value_set_string (value, self->type);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_EFFECTIVE_DATE:
      g_value_set_boxed (value, self->effective_date);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_VALUE_TEXT:
      g_value_set_string (value, self->value_text);
      break;
    case PROP_INTERPRETATION:
      g_value_set_string (value, self->interpretation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_resource_item_class_init (CareResourceItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = care_resource_item_dispose;
  object_class->finalize = care_resource_item_finalize;
  object_class->get_property = care_resource_item_get_property;

  /**
   * CareResourceItem:type:
   *
   * The resource type ("Observation").
   */
  properties[PROP_TYPE] = g_param_spec_string ("type", NULL, NULL, NULL, flags);
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  /**
   * CareResourceItem:display-name:
   *
   * A name for lists: the code's text, the medication, the vaccine, a
   * document's description… as the portal wrote it.
   */
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  /**
   * CareResourceItem:effective-date:
   *
   * When it happened (which element depends on the type), in local time;
   * a date without a time is local midnight of that day.
   */
  properties[PROP_EFFECTIVE_DATE] = g_param_spec_boxed ("effective-date", NULL, NULL,
                                                        G_TYPE_DATE_TIME, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  /**
   * CareResourceItem:category:
   *
   * The first category code ("laboratory", "vital-signs").
   */
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  /**
   * CareResourceItem:value-text:
   *
   * An Observation's value as sent ("7.2 %", "120/80 mmHg").
   */
  properties[PROP_VALUE_TEXT] = g_param_spec_string ("value-text", NULL, NULL, NULL, flags);
  /**
   * CareResourceItem:interpretation:
   *
   * The interpretation code (H, L, N, A…) or text.
   */
  properties[PROP_INTERPRETATION] = g_param_spec_string ("interpretation", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
care_resource_item_init (CareResourceItem *self)
{
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

/* Reads a row selected with CARE_CACHE_ITEM_COLUMNS. */
CareResourceItem *
care_resource_item_new_from_row (CareCache    *cache,
                                 sqlite3_stmt *stmt)
{
  CareResourceItem *self = g_object_new (CARE_TYPE_RESOURCE_ITEM, NULL);

  self->cache = g_object_ref (cache);
  self->rid = sqlite3_column_int64 (stmt, 0);
  self->type = dup_column (stmt, 1);
  self->id = dup_column (stmt, 2);
  self->display_name = dup_column (stmt, 3);
  self->effective_text = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
  self->effective_date = care_fhir_dup_date_time (self->effective_text);
  self->status = dup_column (stmt, 5);
  self->category = dup_column (stmt, 6);
  self->code = dup_column (stmt, 7);
  self->value_text = dup_column (stmt, 8);
  self->interpretation = dup_column (stmt, 9);
  self->has_value = sqlite3_column_type (stmt, 10) != SQLITE_NULL;
  self->value = sqlite3_column_double (stmt, 10);
  self->unit = dup_column (stmt, 11);

  return self;
}

gint64
care_resource_item_get_rid (CareResourceItem *self)
{
  return self->rid;
}

/**
 * care_resource_item_get_resource_type:
 * @self: an item
 *
 * Returns: the resource type (the #CareResourceItem:type property)
 */
const char *
care_resource_item_get_resource_type (CareResourceItem *self)
{
  g_return_val_if_fail (CARE_IS_RESOURCE_ITEM (self), NULL);
  return self->type;
}

/**
 * care_resource_item_get_id:
 * @self: an item
 *
 * Returns: the resource id
 */
const char *
care_resource_item_get_id (CareResourceItem *self)
{
  g_return_val_if_fail (CARE_IS_RESOURCE_ITEM (self), NULL);
  return self->id;
}

/**
 * care_resource_item_get_display_name:
 * @self: an item
 *
 * Returns: (nullable): see #CareResourceItem:display-name
 */
const char *
care_resource_item_get_display_name (CareResourceItem *self)
{
  g_return_val_if_fail (CARE_IS_RESOURCE_ITEM (self), NULL);
  return self->display_name;
}

/**
 * care_resource_item_get_effective_text:
 * @self: an item
 *
 * Returns: (transfer none) (nullable): its date as the resource gives it
 *   (FHIR text, with the zone it was written in)
 */
const char *
care_resource_item_get_effective_text (CareResourceItem *self)
{
  g_return_val_if_fail (CARE_IS_RESOURCE_ITEM (self), NULL);
  return self->effective_text;
}

/**
 * care_resource_item_get_effective_date:
 * @self: an item
 *
 * Returns: (transfer none) (nullable): see #CareResourceItem:effective-date
 */
GDateTime *
care_resource_item_get_effective_date (CareResourceItem *self)
{
  g_return_val_if_fail (CARE_IS_RESOURCE_ITEM (self), NULL);
  return self->effective_date;
}

/**
 * care_resource_item_get_status:
 * @self: an item
 *
 * Returns: (nullable): the status code
 */
const char *
care_resource_item_get_status (CareResourceItem *self)
{
  g_return_val_if_fail (CARE_IS_RESOURCE_ITEM (self), NULL);
  return self->status;
}

/**
 * care_resource_item_get_category:
 * @self: an item
 *
 * Returns: (nullable): see #CareResourceItem:category
 */
const char *
care_resource_item_get_category (CareResourceItem *self)
{
  g_return_val_if_fail (CARE_IS_RESOURCE_ITEM (self), NULL);
  return self->category;
}

/**
 * care_resource_item_get_code:
 * @self: an item
 *
 * Returns: (nullable): the first coding's code
 */
const char *
care_resource_item_get_code (CareResourceItem *self)
{
  g_return_val_if_fail (CARE_IS_RESOURCE_ITEM (self), NULL);
  return self->code;
}

/**
 * care_resource_item_get_value_text:
 * @self: an item
 *
 * Returns: (nullable): see #CareResourceItem:value-text
 */
const char *
care_resource_item_get_value_text (CareResourceItem *self)
{
  g_return_val_if_fail (CARE_IS_RESOURCE_ITEM (self), NULL);
  return self->value_text;
}

/**
 * care_resource_item_get_value:
 * @self: an item
 * @out_value: (out) (optional): the numeric value
 * @out_unit: (out) (optional) (transfer none) (nullable): its unit as sent
 *
 * For charts: an Observation's numeric value, if it has one.
 *
 * Returns: %TRUE if there is a number
 */
gboolean
care_resource_item_get_value (CareResourceItem  *self,
                              double            *out_value,
                              const char       **out_unit)
{
  g_return_val_if_fail (CARE_IS_RESOURCE_ITEM (self), FALSE);

  if (out_value != NULL)
    *out_value = self->value;
  if (out_unit != NULL)
    *out_unit = self->unit;
  return self->has_value;
}

/**
 * care_resource_item_get_interpretation:
 * @self: an item
 *
 * Returns: (nullable): see #CareResourceItem:interpretation
 */
const char *
care_resource_item_get_interpretation (CareResourceItem *self)
{
  g_return_val_if_fail (CARE_IS_RESOURCE_ITEM (self), NULL);
  return self->interpretation;
}

/**
 * care_resource_item_dup_resource:
 * @self: an item
 * @error: return location for a #CARE_CACHE_ERROR
 *
 * Reads the whole resource from the cache (one row by key: cheap enough
 * for the main thread). Call it from the cache's thread.
 *
 * Returns: (transfer full) (nullable): the resource, or %NULL if it has
 *   left the cache since the item was made
 */
JsonObject *
care_resource_item_dup_resource (CareResourceItem  *self,
                                 GError           **error)
{
  g_return_val_if_fail (CARE_IS_RESOURCE_ITEM (self), NULL);

  return care_cache_lookup (self->cache, self->type, self->id, error);
}
