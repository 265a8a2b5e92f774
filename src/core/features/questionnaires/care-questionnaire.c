/* care-questionnaire.c — a FHIR R4 Questionnaire, read into items
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads a Questionnaire once into a tree of CareQuestionnaireItem: type,
 * text, prefix, help, required/repeats/readOnly, maxLength, the limits of
 * the minValue/maxValue/maxSize/mimeType extensions, the unit of a
 * quantity, the itemControl, answerOption (or a contained or expanded
 * answerValueSet), enableWhen with its behaviour, initial answers and the
 * SDC calculatedExpression. The form (care-questionnaire-form.c) keeps the
 * answers; this side never changes once read.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "care-error.h"
#include "care-fhir.h"
#include "care-questionnaire.h"

G_DEFINE_QUARK (care-questionnaire-error-quark, care_questionnaire_error)

#define MAX_ITEMS 5000
#define MAX_DEPTH 24

struct _CareQuestionnaire
{
  GObject     parent_instance;
  JsonObject *resource;
  GPtrArray  *items;
  GHashTable *by_link_id;
};

G_DEFINE_FINAL_TYPE (CareQuestionnaire, care_questionnaire, G_TYPE_OBJECT)

static const struct
{
  const char            *name;
  CareQuestionnaireType  type;
  const char            *member;
} item_types[] = {
  { "group", CARE_QUESTIONNAIRE_GROUP, NULL },
  { "display", CARE_QUESTIONNAIRE_DISPLAY, NULL },
  { "boolean", CARE_QUESTIONNAIRE_BOOLEAN, "valueBoolean" },
  { "decimal", CARE_QUESTIONNAIRE_DECIMAL, "valueDecimal" },
  { "integer", CARE_QUESTIONNAIRE_INTEGER, "valueInteger" },
  { "date", CARE_QUESTIONNAIRE_DATE, "valueDate" },
  { "dateTime", CARE_QUESTIONNAIRE_DATE_TIME, "valueDateTime" },
  { "time", CARE_QUESTIONNAIRE_TIME, "valueTime" },
  { "string", CARE_QUESTIONNAIRE_STRING, "valueString" },
  { "text", CARE_QUESTIONNAIRE_TEXT, "valueString" },
  { "url", CARE_QUESTIONNAIRE_URL, "valueUri" },
  { "choice", CARE_QUESTIONNAIRE_CHOICE, "valueCoding" },
  { "open-choice", CARE_QUESTIONNAIRE_OPEN_CHOICE, "valueCoding" },
  { "attachment", CARE_QUESTIONNAIRE_ATTACHMENT, "valueAttachment" },
  { "reference", CARE_QUESTIONNAIRE_REFERENCE, "valueReference" },
  { "quantity", CARE_QUESTIONNAIRE_QUANTITY, "valueQuantity" },
};

/**
 * care_questionnaire_type_to_string:
 * @type: an item type
 *
 * Returns: its FHIR code ("open-choice")
 */
const char *
care_questionnaire_type_to_string (CareQuestionnaireType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (item_types); i++)
    if (item_types[i].type == type)
      return item_types[i].name;
  return "unknown";
}

/**
 * care_questionnaire_item_get_value_member:
 * @item: a question
 *
 * Returns: (nullable): the value[x] its answers carry ("valueInteger");
 *   %NULL for groups and display items
 */
const char *
care_questionnaire_item_get_value_member (const CareQuestionnaireItem *item)
{
  for (guint i = 0; i < G_N_ELEMENTS (item_types); i++)
    if (item_types[i].type == item->type)
      return item_types[i].member;
  return NULL;
}

static void
option_free (CareQuestionnaireOption *option)
{
  g_free (option->label);
  g_clear_pointer (&option->value, json_object_unref);
  g_free (option);
}

static void
condition_free (CareQuestionnaireCondition *condition)
{
  g_free (condition->question);
  g_clear_pointer (&condition->answer, json_object_unref);
  g_free (condition);
}

static void
item_free (CareQuestionnaireItem *item)
{
  g_free (item->link_id);
  g_free (item->text);
  g_free (item->prefix);
  g_free (item->help);
  g_clear_pointer (&item->min_value, json_object_unref);
  g_clear_pointer (&item->max_value, json_object_unref);
  g_strfreev (item->mime_types);
  g_clear_pointer (&item->unit, json_object_unref);
  g_ptr_array_unref (item->options);
  g_free (item->value_set);
  g_free (item->value_set_problem);
  g_ptr_array_unref (item->conditions);
  g_ptr_array_unref (item->initial);
  g_free (item->calculated);
  g_ptr_array_unref (item->children);
  g_free (item);
}

/* The last segment of an extension's URL ("minValue"). */
static const char *
extension_name (JsonObject *extension)
{
  const char *url = care_fhir_get_string (extension, "url");
  const char *slash;

  if (url == NULL)
    return "";
  slash = strrchr (url, '/');
  return slash != NULL ? slash + 1 : url;
}

/* The first member of @object whose name starts with @prefix ("value"),
 * copied into a new one-member object renamed to start with @as. */
static JsonObject *
dup_choice_member (JsonObject *object,
                   const char *prefix,
                   const char *as)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (g_str_has_prefix (name, prefix) && g_ascii_isupper (name[strlen (prefix)]))
        {
          JsonObject *copy = json_object_new ();
          g_autofree char *renamed = g_strconcat (as, name + strlen (prefix), NULL);

          json_object_set_member (copy, renamed, json_node_copy (json_object_get_member (object, name)));
          return copy;
        }
    }
  return NULL;
}

static const char *
control_code (JsonObject *object)
{
  JsonArray *extensions = care_fhir_get_array (object, "extension");

  for (guint i = 0; extensions != NULL && i < json_array_get_length (extensions); i++)
    {
      JsonObject *extension = care_fhir_get_array_object (object, "extension", i);

      if (extension != NULL && g_str_equal (extension_name (extension), "questionnaire-itemControl"))
        {
          JsonObject *coding = care_fhir_get_first_coding (care_fhir_get_object (extension,
                                                                                 "valueCodeableConcept"));
          return care_fhir_get_string (coding, "code");
        }
    }
  return NULL;
}

static double
get_number (JsonObject *object,
            const char *member,
            gboolean   *out_found)
{
  JsonNode *node = json_object_get_member (object, member);

  *out_found = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
               (json_node_get_value_type (node) == G_TYPE_INT64 ||
                json_node_get_value_type (node) == G_TYPE_DOUBLE);
  return *out_found ? json_node_get_double (node) : 0;
}

static void
read_extensions (CareQuestionnaireItem *item,
                 JsonObject            *object)
{
  JsonArray *extensions = care_fhir_get_array (object, "extension");
  g_autoptr(GStrvBuilder) mime_types = g_strv_builder_new ();
  gboolean any_mime = FALSE;

  for (guint i = 0; extensions != NULL && i < json_array_get_length (extensions); i++)
    {
      JsonObject *extension = care_fhir_get_array_object (object, "extension", i);
      const char *name = extension != NULL ? extension_name (extension) : "";
      gboolean found;

      if (g_str_equal (name, "minValue"))
        item->min_value = dup_choice_member (extension, "value", "value");
      else if (g_str_equal (name, "maxValue"))
        item->max_value = dup_choice_member (extension, "value", "value");
      else if (g_str_equal (name, "maxSize"))
        {
          double size = get_number (extension, "valueDecimal", &found);

          item->max_size = found && size > 0 ? size : 0;
        }
      else if (g_str_equal (name, "mimeType") && care_fhir_get_string (extension, "valueCode") != NULL)
        {
          g_strv_builder_add (mime_types, care_fhir_get_string (extension, "valueCode"));
          any_mime = TRUE;
        }
      else if (g_str_equal (name, "questionnaire-unit") && care_fhir_get_object (extension, "valueCoding") != NULL)
        item->unit = json_object_ref (care_fhir_get_object (extension, "valueCoding"));
      else if (g_str_equal (name, "sdc-questionnaire-calculatedExpression"))
        {
          JsonObject *expression = care_fhir_get_object (extension, "valueExpression");
          const char *text = care_fhir_get_string (expression, "expression");

          if (text != NULL)
            item->calculated = g_strdup (text);
        }
    }
  if (any_mime)
    item->mime_types = g_strv_builder_end (mime_types);
}

static double
read_ordinal (JsonObject *object,
              gboolean   *out_found)
{
  JsonArray *extensions = care_fhir_get_array (object, "extension");

  *out_found = FALSE;
  for (guint i = 0; extensions != NULL && i < json_array_get_length (extensions); i++)
    {
      JsonObject *extension = care_fhir_get_array_object (object, "extension", i);
      const char *name = extension != NULL ? extension_name (extension) : "";

      if (g_str_equal (name, "ordinalValue") || g_str_equal (name, "itemWeight") ||
          g_str_equal (name, "iso21090-CO-value"))
        {
          double value = get_number (extension, "valueDecimal", out_found);

          if (*out_found)
            return value;
        }
    }
  return 0;
}

static char *
dup_value_label (JsonObject *value)
{
  JsonObject *coding = care_fhir_get_object (value, "valueCoding");
  JsonObject *reference = care_fhir_get_object (value, "valueReference");
  g_autoptr(GList) values = NULL;
  JsonNode *node;

  if (coding != NULL)
    return g_strdup (care_fhir_get_string (coding, "display") != NULL
                     ? care_fhir_get_string (coding, "display")
                     : care_fhir_get_string (coding, "code"));
  if (reference != NULL)
    return g_strdup (care_fhir_get_string (reference, "display") != NULL
                     ? care_fhir_get_string (reference, "display")
                     : care_fhir_get_string (reference, "reference"));
  values = json_object_get_values (value);
  node = values != NULL ? values->data : NULL;
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }
  return NULL;
}

static void
add_option (CareQuestionnaireItem *item,
            JsonObject            *value,
            double                 ordinal,
            gboolean               has_ordinal,
            gboolean               initial)
{
  CareQuestionnaireOption *option = g_new0 (CareQuestionnaireOption, 1);

  option->value = value;
  option->label = dup_value_label (value);
  if (option->label == NULL)
    option->label = g_strdup ("?");
  option->ordinal = ordinal;
  option->has_ordinal = has_ordinal;
  option->initial = initial;
  g_ptr_array_add (item->options, option);
}

static void
read_options (CareQuestionnaireItem *item,
              JsonObject            *object)
{
  JsonArray *options = care_fhir_get_array (object, "answerOption");

  for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
    {
      JsonObject *option = care_fhir_get_array_object (object, "answerOption", i);
      JsonObject *value = option != NULL ? dup_choice_member (option, "value", "value") : NULL;
      JsonObject *coding;
      gboolean found = FALSE;
      double ordinal;
      JsonNode *initial;

      if (value == NULL)
        continue;
      ordinal = read_ordinal (option, &found);
      coding = care_fhir_get_object (value, "valueCoding");
      if (!found && coding != NULL)
        ordinal = read_ordinal (coding, &found);
      initial = json_object_get_member (option, "initialSelected");
      add_option (item, value, ordinal, found,
                  initial != NULL && JSON_NODE_HOLDS_VALUE (initial) &&
                  json_node_get_value_type (initial) == G_TYPE_BOOLEAN && json_node_get_boolean (initial));
    }
}

static void
read_conditions (CareQuestionnaireItem *item,
                 JsonObject            *object)
{
  static const struct { const char *code; CareQuestionnaireOperator op; } operators[] = {
    { "exists", CARE_QUESTIONNAIRE_EXISTS }, { "=", CARE_QUESTIONNAIRE_EQUAL },
    { "!=", CARE_QUESTIONNAIRE_NOT_EQUAL }, { ">", CARE_QUESTIONNAIRE_GREATER },
    { "<", CARE_QUESTIONNAIRE_LESS }, { ">=", CARE_QUESTIONNAIRE_GREATER_EQUAL },
    { "<=", CARE_QUESTIONNAIRE_LESS_EQUAL },
  };
  JsonArray *conditions = care_fhir_get_array (object, "enableWhen");

  item->enable_all = g_strcmp0 (care_fhir_get_string (object, "enableBehavior"), "all") == 0;
  for (guint i = 0; conditions != NULL && i < json_array_get_length (conditions); i++)
    {
      JsonObject *when = care_fhir_get_array_object (object, "enableWhen", i);
      const char *question = care_fhir_get_string (when, "question");
      const char *code = care_fhir_get_string (when, "operator");
      CareQuestionnaireCondition *condition;
      JsonObject *answer;
      guint j;

      if (question == NULL || code == NULL)
        continue;
      for (j = 0; j < G_N_ELEMENTS (operators); j++)
        if (g_str_equal (operators[j].code, code))
          break;
      answer = dup_choice_member (when, "answer", "answer");
      if (j == G_N_ELEMENTS (operators) || answer == NULL)
        {
          g_clear_pointer (&answer, json_object_unref);
          continue;
        }
      condition = g_new0 (CareQuestionnaireCondition, 1);
      condition->question = g_strdup (question);
      condition->op = operators[j].op;
      condition->answer = answer;
      g_ptr_array_add (item->conditions, condition);
    }
}

static void
read_initial (CareQuestionnaireItem *item,
              JsonObject            *object)
{
  JsonArray *initial = care_fhir_get_array (object, "initial");

  for (guint i = 0; initial != NULL && i < json_array_get_length (initial); i++)
    {
      JsonObject *value = dup_choice_member (care_fhir_get_array_object (object, "initial", i),
                                             "value", "value");

      if (value != NULL)
        g_ptr_array_add (item->initial, value);
    }
  for (guint i = 0; i < item->options->len; i++)
    {
      CareQuestionnaireOption *option = g_ptr_array_index (item->options, i);

      if (option->initial)
        g_ptr_array_add (item->initial, json_object_ref (option->value));
    }
}

static void fill_from_value_set (CareQuestionnaireItem *item, JsonObject *value_set);

static CareQuestionnaireItem *
read_item (CareQuestionnaire      *self,
           CareQuestionnaireItem  *parent,
           JsonObject             *object,
           guint                   depth,
           GError                **error)
{
  CareQuestionnaireItem *item;
  const char *link_id = care_fhir_get_string (object, "linkId");
  const char *type = care_fhir_get_string (object, "type");
  JsonArray *children = care_fhir_get_array (object, "item");
  JsonNode *node;
  guint i;

  if (depth > MAX_DEPTH || g_hash_table_size (self->by_link_id) >= MAX_ITEMS)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_TOO_LARGE,
                           _("This questionnaire is too large to show."));
      return NULL;
    }
  if (link_id == NULL || link_id[0] == '\0' || g_hash_table_contains (self->by_link_id, link_id))
    {
      g_set_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED,
                   /* Translators: %s is the linkId of a questionnaire item */
                   _("This questionnaire is malformed: item “%s” is missing or repeated."),
                   link_id != NULL ? link_id : "");
      return NULL;
    }
  for (i = 0; type != NULL && i < G_N_ELEMENTS (item_types); i++)
    if (g_str_equal (item_types[i].name, type))
      break;
  if (type == NULL || i == G_N_ELEMENTS (item_types))
    {
      g_set_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_UNSUPPORTED,
                   /* Translators: %s is the linkId of a questionnaire item */
                   _("This questionnaire has an item of an unknown type (“%s”)."), link_id);
      return NULL;
    }

  item = g_new0 (CareQuestionnaireItem, 1);
  item->parent = parent;
  item->link_id = g_strdup (link_id);
  item->type = item_types[i].type;
  item->text = g_strdup (care_fhir_get_string (object, "text"));
  item->prefix = g_strdup (care_fhir_get_string (object, "prefix"));
  node = json_object_get_member (object, "required");
  item->required = node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
                   json_node_get_boolean (node);
  node = json_object_get_member (object, "repeats");
  item->repeats = node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
                  json_node_get_boolean (node);
  node = json_object_get_member (object, "readOnly");
  item->read_only = node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
                    json_node_get_boolean (node);
  node = json_object_get_member (object, "maxLength");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    item->max_length = CLAMP (json_node_get_int (node), 0, G_MAXINT);
  item->options = g_ptr_array_new_with_free_func ((GDestroyNotify)option_free);
  item->conditions = g_ptr_array_new_with_free_func ((GDestroyNotify)condition_free);
  item->initial = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  item->children = g_ptr_array_new_with_free_func ((GDestroyNotify)item_free);
  g_hash_table_insert (self->by_link_id, item->link_id, item);

  {
    const char *control = control_code (object);

    if (g_strcmp0 (control, "radio-button") == 0)
      item->control = CARE_QUESTIONNAIRE_CONTROL_RADIO;
    else if (g_strcmp0 (control, "check-box") == 0)
      item->control = CARE_QUESTIONNAIRE_CONTROL_CHECK;
    else if (g_strcmp0 (control, "drop-down") == 0 || g_strcmp0 (control, "autocomplete") == 0)
      item->control = CARE_QUESTIONNAIRE_CONTROL_DROP_DOWN;
  }
  read_extensions (item, object);
  read_options (item, object);
  read_conditions (item, object);
  read_initial (item, object);

  if (care_fhir_get_string (object, "answerValueSet") != NULL)
    {
      const char *url = care_fhir_get_string (object, "answerValueSet");

      if (url[0] == '#')
        {
          JsonObject *contained = care_fhir_find_contained (self->resource, url + 1);

          if (contained != NULL)
            fill_from_value_set (item, contained);
          if (item->options->len == 0)
            item->value_set = g_strdup (url);
        }
      else
        item->value_set = g_strdup (url);
    }

  for (i = 0; children != NULL && i < json_array_get_length (children); i++)
    {
      JsonObject *child_object = care_fhir_get_array_object (object, "item", i);
      CareQuestionnaireItem *child;

      if (child_object == NULL)
        continue;
      /* A display child with itemControl "help" is the item's help text. */
      if (g_strcmp0 (care_fhir_get_string (child_object, "type"), "display") == 0 &&
          g_strcmp0 (control_code (child_object), "help") == 0 && item->help == NULL)
        {
          item->help = g_strdup (care_fhir_get_string (child_object, "text"));
          continue;
        }
      child = read_item (self, item, child_object, depth + 1, error);
      if (child == NULL)
        return item;
      g_ptr_array_add (item->children, child);
    }
  return item;
}

static void
care_questionnaire_finalize (GObject *object)
{
  CareQuestionnaire *self = CARE_QUESTIONNAIRE (object);

  g_clear_pointer (&self->by_link_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->resource, json_object_unref);
  G_OBJECT_CLASS (care_questionnaire_parent_class)->finalize (object);
}

static void
care_questionnaire_class_init (CareQuestionnaireClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = care_questionnaire_finalize;
}

static void
care_questionnaire_init (CareQuestionnaire *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify)item_free);
  self->by_link_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * care_questionnaire_new:
 * @resource: a Questionnaire
 * @error: return location for a #GError
 *
 * Reads @resource. Items without a linkId, repeated linkIds and unknown
 * item types are refused: answers could not be told apart.
 *
 * Returns: (transfer full) (nullable): the questionnaire
 */
CareQuestionnaire *
care_questionnaire_new (JsonObject  *resource,
                        GError     **error)
{
  g_autoptr(CareQuestionnaire) self = NULL;
  JsonArray *items;

  g_return_val_if_fail (resource != NULL, NULL);

  if (g_strcmp0 (care_fhir_get_string (resource, "resourceType"), "Questionnaire") != 0)
    {
      g_set_error_literal (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED,
                           _("This is not a questionnaire."));
      return NULL;
    }

  self = g_object_new (CARE_TYPE_QUESTIONNAIRE, NULL);
  self->resource = json_object_ref (resource);
  items = care_fhir_get_array (resource, "item");
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *object = care_fhir_get_array_object (resource, "item", i);
      CareQuestionnaireItem *item;
      GError *local_error = NULL;

      if (object == NULL)
        continue;
      item = read_item (self, NULL, object, 0, &local_error);
      if (item != NULL)
        g_ptr_array_add (self->items, item);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
    }
  return g_steal_pointer (&self);
}

/**
 * care_questionnaire_get_resource:
 * @self: a questionnaire
 *
 * Returns: (transfer none): the Questionnaire it was read from
 */
JsonObject *
care_questionnaire_get_resource (CareQuestionnaire *self)
{
  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE (self), NULL);
  return self->resource;
}

const char *
care_questionnaire_get_id (CareQuestionnaire *self)
{
  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE (self), NULL);
  return care_fhir_get_string (self->resource, "id");
}

/**
 * care_questionnaire_get_title:
 * @self: a questionnaire
 *
 * Returns: its title, else its name, else "Questionnaire"
 */
const char *
care_questionnaire_get_title (CareQuestionnaire *self)
{
  const char *title;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE (self), NULL);

  title = care_fhir_get_string (self->resource, "title");
  if (title == NULL)
    title = care_fhir_get_string (self->resource, "name");
  return title != NULL ? title : _("Questionnaire");
}

/**
 * care_questionnaire_dup_canonical:
 * @self: a questionnaire
 *
 * Returns: (transfer full): what a QuestionnaireResponse names it by: its
 *   url (with "|version" when it has one), else "Questionnaire/id"
 */
char *
care_questionnaire_dup_canonical (CareQuestionnaire *self)
{
  const char *url, *version;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE (self), NULL);

  url = care_fhir_get_string (self->resource, "url");
  version = care_fhir_get_string (self->resource, "version");
  if (url == NULL)
    return g_strdup_printf ("Questionnaire/%s", care_questionnaire_get_id (self));
  return version != NULL ? g_strdup_printf ("%s|%s", url, version) : g_strdup (url);
}

/**
 * care_questionnaire_matches:
 * @self: a questionnaire
 * @canonical: (nullable): QuestionnaireResponse.questionnaire
 *
 * Returns: whether @canonical names @self (its url with or without a
 *   version, or a reference to its id)
 */
gboolean
care_questionnaire_matches (CareQuestionnaire *self,
                            const char        *canonical)
{
  const char *url, *id, *bar;
  g_autofree char *local = NULL;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE (self), FALSE);

  if (canonical == NULL)
    return FALSE;
  url = care_fhir_get_string (self->resource, "url");
  id = care_questionnaire_get_id (self);
  bar = strchr (canonical, '|');
  local = bar != NULL ? g_strndup (canonical, bar - canonical) : g_strdup (canonical);
  if (url != NULL && g_str_equal (url, local))
    return TRUE;
  if (id != NULL)
    {
      g_autofree char *relative = g_strconcat ("Questionnaire/", id, NULL);
      g_autofree char *absolute = g_strconcat ("/Questionnaire/", id, NULL);

      return g_str_equal (local, relative) || g_str_has_suffix (local, absolute);
    }
  return FALSE;
}

/**
 * care_questionnaire_get_items:
 * @self: a questionnaire
 *
 * Returns: (transfer none) (element-type CareQuestionnaireItem): its top items
 */
GPtrArray *
care_questionnaire_get_items (CareQuestionnaire *self)
{
  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE (self), NULL);
  return self->items;
}

/**
 * care_questionnaire_lookup_item:
 * @self: a questionnaire
 * @link_id: a linkId
 *
 * Returns: (transfer none) (nullable): the item
 */
CareQuestionnaireItem *
care_questionnaire_lookup_item (CareQuestionnaire *self,
                                const char        *link_id)
{
  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE (self), NULL);
  return link_id != NULL ? g_hash_table_lookup (self->by_link_id, link_id) : NULL;
}

/**
 * care_questionnaire_count_items:
 * @self: a questionnaire
 *
 * Returns: how many items it has, at every depth
 */
guint
care_questionnaire_count_items (CareQuestionnaire *self)
{
  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE (self), 0);
  return g_hash_table_size (self->by_link_id);
}

static void
add_concept (CareQuestionnaireItem *item,
             const char            *system,
             JsonObject            *concept)
{
  JsonObject *value = json_object_new ();
  JsonObject *coding = json_object_new ();
  const char *code = care_fhir_get_string (concept, "code");
  gboolean found;
  double ordinal;

  if (code == NULL)
    {
      json_object_unref (coding);
      json_object_unref (value);
      return;
    }
  if (system != NULL)
    json_object_set_string_member (coding, "system", system);
  json_object_set_string_member (coding, "code", code);
  if (care_fhir_get_string (concept, "display") != NULL)
    json_object_set_string_member (coding, "display", care_fhir_get_string (concept, "display"));
  json_object_set_object_member (value, "valueCoding", coding);
  ordinal = read_ordinal (concept, &found);
  add_option (item, value, ordinal, found, FALSE);
}

static void
fill_from_value_set (CareQuestionnaireItem *item,
                     JsonObject            *value_set)
{
  JsonObject *expansion = care_fhir_get_object (value_set, "expansion");
  JsonObject *compose = care_fhir_get_object (value_set, "compose");
  JsonArray *contains = care_fhir_get_array (expansion, "contains");
  JsonArray *includes = care_fhir_get_array (compose, "include");

  /* The expansion is what the portal says the set holds now; compose only
   * when it lists its concepts. */
  if (contains != NULL)
    {
      for (guint i = 0; i < json_array_get_length (contains); i++)
        {
          JsonObject *concept = care_fhir_get_array_object (expansion, "contains", i);

          if (concept != NULL)
            add_concept (item, care_fhir_get_string (concept, "system"), concept);
        }
      return;
    }
  for (guint i = 0; includes != NULL && i < json_array_get_length (includes); i++)
    {
      JsonObject *include = care_fhir_get_array_object (compose, "include", i);
      JsonArray *concepts = care_fhir_get_array (include, "concept");

      for (guint j = 0; concepts != NULL && j < json_array_get_length (concepts); j++)
        {
          JsonObject *concept = care_fhir_get_array_object (include, "concept", j);

          if (concept != NULL)
            add_concept (item, care_fhir_get_string (include, "system"), concept);
        }
    }
}

static guint
use_value_set_in (GPtrArray  *items,
                  const char *url,
                  const char *local,
                  JsonObject *value_set)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    {
      CareQuestionnaireItem *item = g_ptr_array_index (items, i);

      n += use_value_set_in (item->children, url, local, value_set);
      if (item->options->len > 0)
        continue;
      if ((url != NULL && g_strcmp0 (item->value_set, url) == 0) ||
          (local != NULL && g_strcmp0 (item->value_set, local) == 0))
        {
          fill_from_value_set (item, value_set);
          if (item->options->len > 0)
            {
              g_clear_pointer (&item->value_set, g_free);
              g_clear_pointer (&item->value_set_problem, g_free);
              n++;
            }
        }
    }
  return n;
}

/**
 * care_questionnaire_use_value_set:
 * @self: a questionnaire
 * @value_set: a ValueSet: contained, or expanded by the portal ($expand)
 *
 * Gives the items whose answerValueSet names @value_set (by url, or
 * "#id" for a contained one) its concepts as options.
 *
 * Returns: how many items it filled
 */
guint
care_questionnaire_use_value_set (CareQuestionnaire *self,
                                  JsonObject        *value_set)
{
  g_autofree char *local = NULL;
  const char *id;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE (self), 0);
  g_return_val_if_fail (value_set != NULL, 0);

  id = care_fhir_get_string (value_set, "id");
  local = id != NULL ? g_strconcat ("#", id, NULL) : NULL;
  return use_value_set_in (self->items, care_fhir_get_string (value_set, "url"), local, value_set);
}

/**
 * care_questionnaire_item_get_control:
 * @item: a choice or open-choice item
 *
 * The control the form names; otherwise check boxes for a question with
 * several answers, radio buttons for up to five options, a drop-down
 * beyond.
 *
 * Returns: how to show its options
 */
CareQuestionnaireControl
care_questionnaire_item_get_control (const CareQuestionnaireItem *item)
{
  if (item->control != CARE_QUESTIONNAIRE_CONTROL_DEFAULT)
    return item->control;
  if (item->repeats)
    return CARE_QUESTIONNAIRE_CONTROL_CHECK;
  return item->options->len <= 5 ? CARE_QUESTIONNAIRE_CONTROL_RADIO : CARE_QUESTIONNAIRE_CONTROL_DROP_DOWN;
}
