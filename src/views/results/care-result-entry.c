/* care-result-entry.c — one row of the test results list
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row is a DiagnosticReport (with the Observations it groups, already
 * read from the cache's columns), an Observation no report groups, or an
 * ImagingStudy no report reads yet. The
 * entry works out once what the row says: its value ("7.2 %", or "9 tests"
 * for a panel, or the start of an imaging report's conclusion) and its
 * flag (the most serious of its parts). Only "new" changes, when the
 * result is opened.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-result-entry.h"

#include <string.h>

struct _CareResultEntry
{
  GObject           parent_instance;

  CareResourceItem *item;
  GPtrArray        *components;
  char             *name;
  char             *value;
  char             *search_text;
  CareResultFlag    flag;
  gboolean          is_new;
};

G_DEFINE_FINAL_TYPE (CareResultEntry, care_result_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
care_result_entry_finalize (GObject *object)
{
  CareResultEntry *self = (CareResultEntry *)object;

  g_clear_object (&self->item);
  g_clear_pointer (&self->components, g_ptr_array_unref);
  g_free (self->name);
  g_free (self->value);
  g_free (self->search_text);

  G_OBJECT_CLASS (care_result_entry_parent_class)->finalize (object);
}

static void
care_result_entry_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CareResultEntry *self = CARE_RESULT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_NEW:
      g_value_set_boolean (value, self->is_new);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_result_entry_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CareResultEntry *self = CARE_RESULT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_NEW:
      care_result_entry_set_new (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_result_entry_class_init (CareResultEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = care_result_entry_finalize;
  object_class->get_property = care_result_entry_get_property;
  object_class->set_property = care_result_entry_set_property;

  /**
   * CareResultEntry:new:
   *
   * Whether the result has not been opened yet.
   */
  properties[PROP_NEW] =
    g_param_spec_boolean ("new", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
care_result_entry_init (CareResultEntry *self)
{
}

static void
append_folded (GString    *text,
               const char *words)
{
  g_autofree char *folded = NULL;

  if (words == NULL)
    return;
  folded = g_utf8_casefold (words, -1);
  g_string_append_printf (text, "%s\n", folded);
}

/**
 * care_result_entry_new:
 * @item: a DiagnosticReport or an Observation
 * @components: (nullable) (element-type CareResourceItem): for a report,
 *   the Observations it groups that the cache holds
 * @n_results: for a report, how many results it lists
 * @summary: (nullable): what to show when there is no value (the start of
 *   a report's conclusion)
 *
 * Returns: (transfer full): a new entry, not new
 */
CareResultEntry *
care_result_entry_new (CareResourceItem *item,
                       GPtrArray        *components,
                       guint             n_results,
                       const char       *summary)
{
  CareResultEntry *self;
  g_autoptr(GString) search = g_string_new (NULL);
  const char *name;

  g_return_val_if_fail (CARE_IS_RESOURCE_ITEM (item), NULL);

  self = g_object_new (CARE_TYPE_RESULT_ENTRY, NULL);
  self->item = g_object_ref (item);
  self->components = components != NULL ? g_ptr_array_ref (components)
                                        : g_ptr_array_new_with_free_func (g_object_unref);

  name = care_resource_item_get_display_name (item);
  self->name = g_strdup (name != NULL && name[0] != '\0' ? name : _("Unnamed test"));
  append_folded (search, self->name);

  if (!care_result_entry_is_report (self))
    {
      self->value = g_strdup (care_resource_item_get_value_text (item));
      self->flag = care_result_flag_from_code (care_resource_item_get_interpretation (item));
    }
  else if (self->components->len == 1)
    {
      CareResourceItem *only = g_ptr_array_index (self->components, 0);

      self->value = g_strdup (care_resource_item_get_value_text (only));
      self->flag = care_result_flag_from_code (care_resource_item_get_interpretation (only));
      append_folded (search, care_resource_item_get_display_name (only));
    }
  else
    {
      guint n = MAX (n_results, self->components->len);

      for (guint i = 0; i < self->components->len; i++)
        {
          CareResourceItem *part = g_ptr_array_index (self->components, i);

          self->flag = care_result_flag_combine (self->flag,
                                                 care_result_flag_from_code (care_resource_item_get_interpretation (part)));
          append_folded (search, care_resource_item_get_display_name (part));
        }
      if (n > 1)
        self->value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u test", "%u tests", n), n);
      else
        self->value = g_strdup (summary);
    }
  self->search_text = g_string_free (g_steal_pointer (&search), FALSE);

  return self;
}

/**
 * care_result_entry_new_study:
 * @item: an ImagingStudy no report reads
 * @name: what the study was ("CT of the chest")
 * @value: the row's words ("CT scan · 2 series, 142 images · No report yet")
 *
 * Returns: (transfer full): a new entry, not new
 */
CareResultEntry *
care_result_entry_new_study (CareResourceItem *item,
                             const char       *name,
                             const char       *value)
{
  CareResultEntry *self;
  g_autoptr(GString) search = g_string_new (NULL);

  g_return_val_if_fail (CARE_IS_RESOURCE_ITEM (item), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (CARE_TYPE_RESULT_ENTRY, NULL);
  self->item = g_object_ref (item);
  self->components = g_ptr_array_new_with_free_func (g_object_unref);
  self->name = g_strdup (name);
  self->value = g_strdup (value);
  append_folded (search, self->name);
  append_folded (search, self->value);
  self->search_text = g_string_free (g_steal_pointer (&search), FALSE);
  return self;
}

CareResourceItem *
care_result_entry_get_item (CareResultEntry *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_ENTRY (self), NULL);
  return self->item;
}

/**
 * care_result_entry_get_components:
 * @self: an entry
 *
 * Returns: (transfer none) (element-type CareResourceItem): a report's
 *   Observations; empty for an Observation
 */
GPtrArray *
care_result_entry_get_components (CareResultEntry *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_ENTRY (self), NULL);
  return self->components;
}

gboolean
care_result_entry_is_report (CareResultEntry *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_ENTRY (self), FALSE);
  return g_strcmp0 (care_resource_item_get_resource_type (self->item), "DiagnosticReport") == 0;
}

const char *
care_result_entry_get_name (CareResultEntry *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_ENTRY (self), NULL);
  return self->name;
}

/**
 * care_result_entry_get_value:
 * @self: an entry
 *
 * Returns: (nullable): the value the row shows, with its unit
 */
const char *
care_result_entry_get_value (CareResultEntry *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_ENTRY (self), NULL);
  return self->value;
}

CareResultFlag
care_result_entry_get_flag (CareResultEntry *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_ENTRY (self), CARE_RESULT_FLAG_NONE);
  return self->flag;
}

/**
 * care_result_entry_get_date:
 * @self: an entry
 *
 * Returns: (transfer none) (nullable): when the result was taken
 */
GDateTime *
care_result_entry_get_date (CareResultEntry *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_ENTRY (self), NULL);
  return care_resource_item_get_effective_date (self->item);
}

gboolean
care_result_entry_get_new (CareResultEntry *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_ENTRY (self), FALSE);
  return self->is_new;
}

void
care_result_entry_set_new (CareResultEntry *self,
                           gboolean         is_new)
{
  g_return_if_fail (CARE_IS_RESULT_ENTRY (self));

  is_new = !!is_new;
  if (self->is_new == is_new)
    return;
  self->is_new = is_new;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEW]);
}

/**
 * care_result_entry_matches:
 * @self: an entry
 * @folded_text: (nullable): what was searched for, case-folded
 *
 * A report matches by its own name and by the names of its tests, so
 * "glucose" finds the metabolic panel.
 *
 * Returns: whether the entry matches
 */
gboolean
care_result_entry_matches (CareResultEntry *self,
                           const char      *folded_text)
{
  g_return_val_if_fail (CARE_IS_RESULT_ENTRY (self), FALSE);

  if (folded_text == NULL || folded_text[0] == '\0')
    return TRUE;
  return strstr (self->search_text, folded_text) != NULL;
}

/**
 * care_result_entry_dup_sentence:
 * @self: an entry
 *
 * Returns: (transfer full): the row's accessible label
 */
char *
care_result_entry_dup_sentence (CareResultEntry *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_ENTRY (self), NULL);

  return care_result_dup_sentence (self->name, self->value, self->flag,
                                   care_result_entry_get_date (self));
}

/**
 * care_result_dup_opened_key:
 * @type: a resource type
 * @id: its id
 *
 * Returns: (transfer full): the cache meta key that remembers the result
 *   was opened
 */
char *
care_result_dup_opened_key (const char *type,
                            const char *id)
{
  return g_strdup_printf ("results.opened:%s/%s", type, id);
}

char *
care_result_entry_dup_opened_key (CareResultEntry *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_ENTRY (self), NULL);

  return care_result_dup_opened_key (care_resource_item_get_resource_type (self->item),
                                     care_resource_item_get_id (self->item));
}
