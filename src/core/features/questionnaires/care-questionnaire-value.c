/* care-questionnaire-value.c — one answer: typed from text, checked, shown
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An answer is a one-member JSON object, exactly as a
 * QuestionnaireResponse carries it ({"valueInteger": 3}). These functions
 * make one from what a person typed, check one against its item (type,
 * limits, options, length, size), show one as text, and compare one with
 * an enableWhen answer. The same checks serve the app, the command line
 * and the sandbox portal, so all three refuse the same answers.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "care-fhir.h"
#include "care-questionnaire.h"

/* The one member of a value or answer object. */
static const char *
only_member (JsonObject *object,
             JsonNode  **out_node)
{
  g_autoptr(GList) members = object != NULL ? json_object_get_members (object) : NULL;

  if (members == NULL || members->next != NULL)
    {
      *out_node = NULL;
      return NULL;
    }
  *out_node = json_object_get_member (object, members->data);
  /* The name belongs to the object, which outlives this call. */
  return json_object_get_member (object, members->data) != NULL
         ? (const char *)members->data : NULL;
}

static gboolean
is_number_node (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

static gboolean
matches_pattern (const char *pattern,
                 const char *text)
{
  return g_regex_match_simple (pattern, text, G_REGEX_DEFAULT, G_REGEX_MATCH_DEFAULT);
}

#define DATE_PATTERN "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
#define DATE_TIME_PATTERN "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01])" \
                          "(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]{1,9})?" \
                          "(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$"
#define TIME_PATTERN "^([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]{1,9})?$"

static gboolean
is_real_date (const char *text)
{
  int year = 0, month = 0, day = 0;
  int n = sscanf (text, "%4d-%2d-%2d", &year, &month, &day);

  return n < 3 || g_date_valid_dmy (day, month, year);
}

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, CARE_QUESTIONNAIRE_ERROR, CARE_QUESTIONNAIRE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
same_coding (JsonObject *a,
             JsonObject *b)
{
  const char *system_a = care_fhir_get_string (a, "system");
  const char *system_b = care_fhir_get_string (b, "system");

  if (g_strcmp0 (care_fhir_get_string (a, "code"), care_fhir_get_string (b, "code")) != 0 ||
      care_fhir_get_string (a, "code") == NULL)
    return FALSE;
  /* A side that names no system matches on the code alone. */
  return system_a == NULL || system_b == NULL || g_str_equal (system_a, system_b);
}

/**
 * care_questionnaire_item_find_option:
 * @item: a choice item
 * @value: an answer
 *
 * Returns: (transfer none) (nullable): the option @value is
 */
const CareQuestionnaireOption *
care_questionnaire_item_find_option (const CareQuestionnaireItem *item,
                                     JsonObject                  *value)
{
  JsonNode *node;
  const char *member = only_member (value, &node);

  if (member == NULL)
    return NULL;
  for (guint i = 0; i < item->options->len; i++)
    {
      CareQuestionnaireOption *option = g_ptr_array_index (item->options, i);
      JsonNode *option_node = json_object_get_member (option->value, member);

      if (option_node == NULL)
        continue;
      if (g_str_equal (member, "valueCoding"))
        {
          if (JSON_NODE_HOLDS_OBJECT (node) &&
              same_coding (json_node_get_object (option_node), json_node_get_object (node)))
            return option;
        }
      else if (g_str_equal (member, "valueReference"))
        {
          if (JSON_NODE_HOLDS_OBJECT (node) &&
              g_strcmp0 (care_fhir_get_string (json_node_get_object (option_node), "reference"),
                         care_fhir_get_string (json_node_get_object (node), "reference")) == 0)
            return option;
        }
      else if (json_node_equal (option_node, node))
        return option;
    }
  return NULL;
}

static JsonObject *
new_value (const char *member,
           JsonNode   *node)
{
  JsonObject *value = json_object_new ();

  json_object_set_member (value, member, node);
  return value;
}

static JsonObject *
new_string_value (const char *member,
                  const char *text)
{
  JsonObject *value = json_object_new ();

  json_object_set_string_member (value, member, text);
  return value;
}

static gboolean
parse_decimal (const char *text,
               double     *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  /* A decimal comma is taken as typed where people write one. */
  if (strchr (copy, '.') == NULL)
    g_strdelimit (copy, ",", '.');
  if (copy[0] == '\0')
    return FALSE;
  *out = g_ascii_strtod (copy, &end);
  return end != NULL && *end == '\0' && isfinite (*out);
}

static JsonObject *
parse_choice (const CareQuestionnaireItem  *item,
              const char                   *text,
              GError                      **error)
{
  for (guint i = 0; i < item->options->len; i++)
    {
      CareQuestionnaireOption *option = g_ptr_array_index (item->options, i);
      JsonObject *coding = care_fhir_get_object (option->value, "valueCoding");
      JsonObject *reference = care_fhir_get_object (option->value, "valueReference");
      g_autofree char *shown = care_questionnaire_value_dup_text (item, option->value);

      if ((coding != NULL && g_strcmp0 (care_fhir_get_string (coding, "code"), text) == 0) ||
          (reference != NULL && g_strcmp0 (care_fhir_get_string (reference, "reference"), text) == 0) ||
          g_utf8_collate (option->label, text) == 0 || g_ascii_strcasecmp (option->label, text) == 0 ||
          (shown != NULL && g_str_equal (shown, text)))
        return json_object_ref (option->value);
    }
  /* A choice whose answers are a ValueSet not had yet takes no typed code. */
  if (item->type == CARE_QUESTIONNAIRE_CHOICE && item->options->len == 0 && item->value_set != NULL)
    {
      invalid (error, item->value_set_problem != NULL ? item->value_set_problem
                                                      : _("The answers to this question are not available."));
      return NULL;
    }
  if (item->type == CARE_QUESTIONNAIRE_OPEN_CHOICE || item->options->len == 0)
    return new_string_value ("valueString", text);
  invalid (error, _("Choose one of the answers offered."));
  return NULL;
}

/**
 * care_questionnaire_value_parse:
 * @item: a question
 * @text: what the person typed (a number with a "." or ",", a date as
 *   YYYY-MM-DD, a time as HH:MM[:SS], yes or no, an option's code or
 *   label, "81.4 kg" for a quantity, "Type/id" for a reference)
 * @error: return location for a #GError
 *
 * Makes an answer of @item's type from @text and checks it
 * (care_questionnaire_value_check()). Attachments are not typed.
 *
 * Returns: (transfer full) (nullable): the answer
 */
JsonObject *
care_questionnaire_value_parse (const CareQuestionnaireItem  *item,
                                const char                   *text,
                                GError                      **error)
{
  g_autoptr(JsonObject) value = NULL;
  g_autofree char *trimmed = NULL;
  double number;

  g_return_val_if_fail (item != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  switch (item->type)
    {
    case CARE_QUESTIONNAIRE_BOOLEAN:
      if (g_ascii_strcasecmp (trimmed, "yes") == 0 || g_ascii_strcasecmp (trimmed, "true") == 0 ||
          g_utf8_collate (trimmed, _("yes")) == 0 || g_str_equal (trimmed, "1"))
        value = new_value ("valueBoolean", json_node_init_boolean (json_node_alloc (), TRUE));
      else if (g_ascii_strcasecmp (trimmed, "no") == 0 || g_ascii_strcasecmp (trimmed, "false") == 0 ||
               g_utf8_collate (trimmed, _("no")) == 0 || g_str_equal (trimmed, "0"))
        value = new_value ("valueBoolean", json_node_init_boolean (json_node_alloc (), FALSE));
      else
        invalid (error, _("Answer yes or no."));
      break;

    case CARE_QUESTIONNAIRE_INTEGER:
      {
        gint64 integer;

        if (g_ascii_string_to_signed (trimmed, 10, -2147483648LL, 2147483647LL, &integer, NULL))
          value = new_value ("valueInteger", json_node_init_int (json_node_alloc (), integer));
        else
          invalid (error, _("Enter a whole number."));
      }
      break;

    case CARE_QUESTIONNAIRE_DECIMAL:
      if (parse_decimal (trimmed, &number))
        value = new_value ("valueDecimal", json_node_init_double (json_node_alloc (), number));
      else
        invalid (error, _("Enter a number."));
      break;

    case CARE_QUESTIONNAIRE_DATE:
      value = new_string_value ("valueDate", trimmed);
      break;

    case CARE_QUESTIONNAIRE_DATE_TIME:
      value = new_string_value ("valueDateTime", trimmed);
      break;

    case CARE_QUESTIONNAIRE_TIME:
      {
        /* People type 08:30; FHIR wants the seconds. */
        g_autofree char *full = matches_pattern ("^[0-9]{2}:[0-9]{2}$", trimmed)
                                ? g_strconcat (trimmed, ":00", NULL) : g_strdup (trimmed);

        value = new_string_value ("valueTime", full);
      }
      break;

    case CARE_QUESTIONNAIRE_STRING:
    case CARE_QUESTIONNAIRE_TEXT:
      /* Free text keeps what was typed, inner lines and all. */
      if (trimmed[0] != '\0')
        value = new_string_value ("valueString", item->type == CARE_QUESTIONNAIRE_TEXT ? text : trimmed);
      else
        invalid (error, _("Enter an answer."));
      break;

    case CARE_QUESTIONNAIRE_URL:
      value = new_string_value ("valueUri", trimmed);
      break;

    case CARE_QUESTIONNAIRE_CHOICE:
    case CARE_QUESTIONNAIRE_OPEN_CHOICE:
      value = parse_choice (item, trimmed, error);
      break;

    case CARE_QUESTIONNAIRE_QUANTITY:
      {
        g_auto(GStrv) parts = g_strsplit_set (trimmed, " \t", 2);
        JsonObject *quantity;

        if (parts[0] == NULL || !parse_decimal (parts[0], &number))
          {
            invalid (error, _("Enter a number, then its unit."));
            break;
          }
        quantity = json_object_new ();
        json_object_set_double_member (quantity, "value", number);
        if (parts[1] != NULL && g_strstrip (parts[1])[0] != '\0')
          {
            json_object_set_string_member (quantity, "unit", parts[1]);
            if (item->unit != NULL && g_strcmp0 (care_fhir_get_string (item->unit, "code"), parts[1]) == 0)
              {
                json_object_set_string_member (quantity, "system", "http://unitsofmeasure.org");
                json_object_set_string_member (quantity, "code", parts[1]);
              }
          }
        else if (item->unit != NULL)
          {
            const char *code = care_fhir_get_string (item->unit, "code");
            const char *display = care_fhir_get_string (item->unit, "display");

            json_object_set_string_member (quantity, "unit", display != NULL ? display : code);
            if (care_fhir_get_string (item->unit, "system") != NULL)
              json_object_set_string_member (quantity, "system", care_fhir_get_string (item->unit, "system"));
            if (code != NULL)
              json_object_set_string_member (quantity, "code", code);
          }
        value = json_object_new ();
        json_object_set_object_member (value, "valueQuantity", quantity);
      }
      break;

    case CARE_QUESTIONNAIRE_REFERENCE:
      if (item->options->len > 0)
        {
          value = parse_choice (item, trimmed, error);
          break;
        }
      {
        JsonObject *reference = json_object_new ();

        json_object_set_string_member (reference, "reference", trimmed);
        value = json_object_new ();
        json_object_set_object_member (value, "valueReference", reference);
      }
      break;

    case CARE_QUESTIONNAIRE_ATTACHMENT:
      invalid (error, _("Attach a file instead."));
      break;

    case CARE_QUESTIONNAIRE_GROUP:
    case CARE_QUESTIONNAIRE_DISPLAY:
    default:
      invalid (error, _("This item takes no answer."));
      break;
    }

  if (value == NULL || !care_questionnaire_value_check (item, value, error))
    return NULL;
  return g_steal_pointer (&value);
}

/* -1, 0, 1 on two values of one member kind; FALSE when they do not compare. */
static gboolean
compare_nodes (const char *kind,
               JsonNode   *a,
               JsonNode   *b,
               int        *out)
{
  if (g_str_equal (kind, "Integer") || g_str_equal (kind, "Decimal"))
    {
      double x, y;

      if (!is_number_node (a) || !is_number_node (b))
        return FALSE;
      x = json_node_get_double (a);
      y = json_node_get_double (b);
      *out = x < y ? -1 : x > y ? 1 : 0;
      return TRUE;
    }
  if (g_str_equal (kind, "Quantity"))
    {
      double x, y;
      const char *unit_a = NULL, *unit_b = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (a) || !JSON_NODE_HOLDS_OBJECT (b) ||
          !care_fhir_get_quantity (json_node_get_object (a), &x, &unit_a) ||
          !care_fhir_get_quantity (json_node_get_object (b), &y, &unit_b))
        return FALSE;
      if (unit_a != NULL && unit_b != NULL && !g_str_equal (unit_a, unit_b))
        return FALSE;
      *out = x < y ? -1 : x > y ? 1 : 0;
      return TRUE;
    }
  if (g_str_equal (kind, "Coding"))
    {
      if (!JSON_NODE_HOLDS_OBJECT (a) || !JSON_NODE_HOLDS_OBJECT (b))
        return FALSE;
      *out = same_coding (json_node_get_object (a), json_node_get_object (b)) ? 0 : 1;
      return TRUE;
    }
  if (g_str_equal (kind, "Reference"))
    {
      if (!JSON_NODE_HOLDS_OBJECT (a) || !JSON_NODE_HOLDS_OBJECT (b))
        return FALSE;
      *out = g_strcmp0 (care_fhir_get_string (json_node_get_object (a), "reference"),
                        care_fhir_get_string (json_node_get_object (b), "reference")) == 0 ? 0 : 1;
      return TRUE;
    }
  if (g_str_equal (kind, "Boolean"))
    {
      if (!JSON_NODE_HOLDS_VALUE (a) || !JSON_NODE_HOLDS_VALUE (b) ||
          json_node_get_value_type (a) != G_TYPE_BOOLEAN || json_node_get_value_type (b) != G_TYPE_BOOLEAN)
        return FALSE;
      *out = json_node_get_boolean (a) == json_node_get_boolean (b) ? 0 : 1;
      return TRUE;
    }
  /* Dates, dateTimes and times of one precision order as text; strings too. */
  if (!JSON_NODE_HOLDS_VALUE (a) || !JSON_NODE_HOLDS_VALUE (b) ||
      json_node_get_value_type (a) != G_TYPE_STRING || json_node_get_value_type (b) != G_TYPE_STRING)
    return FALSE;
  *out = strcmp (json_node_get_string (a), json_node_get_string (b));
  *out = *out < 0 ? -1 : *out > 0 ? 1 : 0;
  return TRUE;
}

/**
 * care_questionnaire_value_compare:
 * @value: an answer ({"valueInteger": 3})
 * @answer: an enableWhen answer ({"answerInteger": 2}) or another answer
 * @out_comparable: (out): whether the two compare at all
 *
 * Integers and decimals compare as numbers, quantities of one unit by
 * value, dates and times as text of one precision; codings, references
 * and booleans are only equal or not (1).
 *
 * Returns: -1, 0 or 1
 */
int
care_questionnaire_value_compare (JsonObject *value,
                                  JsonObject *answer,
                                  gboolean   *out_comparable)
{
  JsonNode *a, *b;
  const char *member_a = only_member (value, &a);
  const char *member_b = only_member (answer, &b);
  const char *kind_a, *kind_b;
  int result = 1;

  *out_comparable = FALSE;
  if (member_a == NULL || member_b == NULL)
    return 1;
  kind_a = g_str_has_prefix (member_a, "value") ? member_a + 5 : member_a + 6;
  kind_b = g_str_has_prefix (member_b, "value") ? member_b + 5 : member_b + 6;
  /* An integer answer may be compared with a decimal one. */
  if (!g_str_equal (kind_a, kind_b) &&
      !((g_str_equal (kind_a, "Integer") || g_str_equal (kind_a, "Decimal")) &&
        (g_str_equal (kind_b, "Integer") || g_str_equal (kind_b, "Decimal"))))
    return 1;
  /* An open-choice answer typed as text matches a coding's display or code. */
  *out_comparable = compare_nodes (kind_a, a, b, &result);
  return result;
}

/**
 * care_questionnaire_value_check:
 * @item: a question
 * @value: an answer to it
 * @error: return location for a #GError (%CARE_QUESTIONNAIRE_ERROR_INVALID,
 *   with a message for the person, next to the item)
 *
 * Whether @value fits @item: its value[x] is the item's type (or an
 * option's type, or text for an open choice); it is within minValue and
 * maxValue, maxLength, maxSize and the mime types; for a choice, it is one
 * of the options; dates, times and addresses are well formed.
 *
 * Returns: %TRUE if it does
 */
gboolean
care_questionnaire_value_check (const CareQuestionnaireItem  *item,
                                JsonObject                   *value,
                                GError                      **error)
{
  JsonNode *node;
  const char *member = only_member (value, &node);
  const char *expected = care_questionnaire_item_get_value_member (item);
  gboolean is_option_type = FALSE;
  gboolean comparable;

  g_return_val_if_fail (item != NULL, FALSE);

  if (member == NULL || expected == NULL)
    return invalid (error, _("This answer is not of the right kind."));

  for (guint i = 0; i < item->options->len; i++)
    if (json_object_has_member (((CareQuestionnaireOption *)g_ptr_array_index (item->options, i))->value, member))
      is_option_type = TRUE;

  if (item->type == CARE_QUESTIONNAIRE_CHOICE || item->type == CARE_QUESTIONNAIRE_OPEN_CHOICE)
    {
      if (care_questionnaire_item_find_option (item, value) != NULL)
        return TRUE;
      if (item->type == CARE_QUESTIONNAIRE_OPEN_CHOICE && g_str_equal (member, "valueString") &&
          JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          json_node_get_string (node)[0] != '\0')
        return item->max_length == 0 || g_utf8_strlen (json_node_get_string (node), -1) <= item->max_length ||
               invalid (error, _("This answer is too long."));
      if (item->options->len == 0 && !g_str_equal (member, "valueAttachment"))
        return TRUE;
      if (!is_option_type && !g_str_equal (member, expected))
        return invalid (error, _("This answer is not of the right kind."));
      return invalid (error, _("Choose one of the answers offered."));
    }

  if (!g_str_equal (member, expected))
    return invalid (error, _("This answer is not of the right kind."));
  /* Other types may offer options too (a reference to one of a few). */
  if (item->options->len > 0 && care_questionnaire_item_find_option (item, value) == NULL)
    return invalid (error, _("Choose one of the answers offered."));

  switch (item->type)
    {
    case CARE_QUESTIONNAIRE_BOOLEAN:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return invalid (error, _("Answer yes or no."));
      return TRUE;

    case CARE_QUESTIONNAIRE_INTEGER:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        return invalid (error, _("Enter a whole number."));
      break;

    case CARE_QUESTIONNAIRE_DECIMAL:
      if (!is_number_node (node))
        return invalid (error, _("Enter a number."));
      break;

    case CARE_QUESTIONNAIRE_DATE:
    case CARE_QUESTIONNAIRE_DATE_TIME:
    case CARE_QUESTIONNAIRE_TIME:
      {
        const char *text = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                           ? json_node_get_string (node) : NULL;

        if (item->type == CARE_QUESTIONNAIRE_DATE && (text == NULL || !matches_pattern (DATE_PATTERN, text) ||
                                                      !is_real_date (text)))
          return invalid (error, _("Enter a date as YYYY-MM-DD."));
        if (item->type == CARE_QUESTIONNAIRE_DATE_TIME && (text == NULL || !matches_pattern (DATE_TIME_PATTERN, text) ||
                                                           !is_real_date (text)))
          return invalid (error, _("Enter a date and time as YYYY-MM-DDTHH:MM:SS with its time zone."));
        if (item->type == CARE_QUESTIONNAIRE_TIME && (text == NULL || !matches_pattern (TIME_PATTERN, text)))
          return invalid (error, _("Enter a time as HH:MM."));
      }
      break;

    case CARE_QUESTIONNAIRE_STRING:
    case CARE_QUESTIONNAIRE_TEXT:
    case CARE_QUESTIONNAIRE_URL:
      {
        const char *text = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                           ? json_node_get_string (node) : NULL;

        if (text == NULL || text[0] == '\0')
          return invalid (error, _("Enter an answer."));
        if (item->max_length > 0 && g_utf8_strlen (text, -1) > item->max_length)
          return invalid (error, _("This answer is too long."));
        if (item->type == CARE_QUESTIONNAIRE_URL &&
            (!g_uri_is_valid (text, G_URI_FLAGS_NONE, NULL) ||
             !(g_str_has_prefix (text, "https://") || g_str_has_prefix (text, "http://"))))
          return invalid (error, _("Enter a web address starting with https://."));
      }
      return TRUE;

    case CARE_QUESTIONNAIRE_QUANTITY:
      {
        double number;
        const char *unit = NULL;

        if (!JSON_NODE_HOLDS_OBJECT (node) || !care_fhir_get_quantity (json_node_get_object (node), &number, &unit))
          return invalid (error, _("Enter a number, then its unit."));
      }
      break;

    case CARE_QUESTIONNAIRE_REFERENCE:
      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          (care_fhir_get_string (json_node_get_object (node), "reference") == NULL &&
           care_fhir_get_string (json_node_get_object (node), "display") == NULL))
        return invalid (error, _("This answer is not of the right kind."));
      return TRUE;

    case CARE_QUESTIONNAIRE_ATTACHMENT:
      {
        JsonObject *attachment = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
        const char *content_type = care_fhir_get_string (attachment, "contentType");
        const char *data = care_fhir_get_string (attachment, "data");
        JsonNode *size_node = attachment != NULL ? json_object_get_member (attachment, "size") : NULL;
        double size = is_number_node (size_node) ? json_node_get_double (size_node) : 0;

        if (attachment == NULL || (data == NULL && care_fhir_get_string (attachment, "url") == NULL))
          return invalid (error, _("Attach a file."));
        if (data != NULL)
          size = MAX (size, strlen (data) / 4.0 * 3.0 - (g_str_has_suffix (data, "==") ? 2 : g_str_has_suffix (data, "=") ? 1 : 0));
        if (item->max_size > 0 && size > item->max_size)
          return invalid (error, _("This file is too large."));
        if (item->mime_types != NULL && (content_type == NULL ||
                                         !g_strv_contains ((const char * const *)item->mime_types, content_type)))
          return invalid (error, _("This kind of file is not accepted here."));
      }
      return TRUE;

    case CARE_QUESTIONNAIRE_GROUP:
    case CARE_QUESTIONNAIRE_DISPLAY:
    case CARE_QUESTIONNAIRE_CHOICE:
    case CARE_QUESTIONNAIRE_OPEN_CHOICE:
    default:
      return invalid (error, _("This item takes no answer."));
    }

  /* Numbers, dates and quantities within minValue and maxValue. */
  if (item->min_value != NULL &&
      care_questionnaire_value_compare (value, item->min_value, &comparable) < 0 && comparable)
    {
      g_autofree char *limit = care_questionnaire_value_dup_text (item, item->min_value);
      g_autofree char *message = NULL;

      /* Translators: %s is the smallest answer allowed */
      message = g_strdup_printf (_("Enter %s or more."), limit);
      return invalid (error, message);
    }
  if (item->max_value != NULL &&
      care_questionnaire_value_compare (value, item->max_value, &comparable) > 0 && comparable)
    {
      g_autofree char *limit = care_questionnaire_value_dup_text (item, item->max_value);
      g_autofree char *message = NULL;

      /* Translators: %s is the largest answer allowed */
      message = g_strdup_printf (_("Enter %s or less."), limit);
      return invalid (error, message);
    }
  return TRUE;
}

static char *
dup_number_text (double number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (number == floor (number) && fabs (number) < 1e15)
    return g_strdup_printf ("%.0f", number);
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", number));
}

/**
 * care_questionnaire_value_dup_text:
 * @item: (nullable): the question, for its options' labels
 * @value: an answer
 *
 * Returns: (transfer full): the answer as a person reads it
 */
char *
care_questionnaire_value_dup_text (const CareQuestionnaireItem *item,
                                   JsonObject                  *value)
{
  JsonNode *node;
  const char *member = only_member (value, &node);
  const CareQuestionnaireOption *option = item != NULL ? care_questionnaire_item_find_option (item, value) : NULL;

  if (option != NULL)
    return g_strdup (option->label);
  if (member == NULL)
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (node))
    switch (json_node_get_value_type (node))
      {
      case G_TYPE_BOOLEAN:
        return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
      case G_TYPE_INT64:
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      case G_TYPE_DOUBLE:
        return dup_number_text (json_node_get_double (node));
      case G_TYPE_STRING:
        return g_strdup (json_node_get_string (node));
      default:
        return g_strdup ("");
      }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (g_str_has_suffix (member, "Coding"))
        return g_strdup (care_fhir_get_string (object, "display") != NULL
                         ? care_fhir_get_string (object, "display")
                         : care_fhir_get_string (object, "code") != NULL ? care_fhir_get_string (object, "code") : "");
      if (g_str_has_suffix (member, "Quantity"))
        {
          double number = 0;
          const char *unit = NULL;
          g_autofree char *text = NULL;

          care_fhir_get_quantity (object, &number, &unit);
          text = dup_number_text (number);
          return unit != NULL ? g_strdup_printf ("%s %s", text, unit) : g_steal_pointer (&text);
        }
      if (g_str_has_suffix (member, "Reference"))
        return g_strdup (care_fhir_get_string (object, "display") != NULL
                         ? care_fhir_get_string (object, "display")
                         : care_fhir_get_string (object, "reference") != NULL ? care_fhir_get_string (object, "reference") : "");
      if (g_str_has_suffix (member, "Attachment"))
        return g_strdup (care_fhir_get_string (object, "title") != NULL ? care_fhir_get_string (object, "title")
                                                                         : _("Attached file"));
    }
  return g_strdup ("");
}

/**
 * care_questionnaire_value_get_number:
 * @item: (nullable): the question, for its options' scores
 * @value: an answer
 * @out_number: (out): the number
 *
 * What an answer adds to a sum: a number as is, a quantity's value, an
 * option's ordinalValue.
 *
 * Returns: %TRUE if @value has a number
 */
gboolean
care_questionnaire_value_get_number (const CareQuestionnaireItem *item,
                                     JsonObject                  *value,
                                     double                      *out_number)
{
  JsonNode *node;
  const char *member = only_member (value, &node);
  const CareQuestionnaireOption *option = item != NULL ? care_questionnaire_item_find_option (item, value) : NULL;
  const char *unit;

  if (option != NULL && option->has_ordinal)
    {
      *out_number = option->ordinal;
      return TRUE;
    }
  if (member == NULL)
    return FALSE;
  if (is_number_node (node))
    {
      *out_number = json_node_get_double (node);
      return TRUE;
    }
  if (g_str_has_suffix (member, "Quantity") && JSON_NODE_HOLDS_OBJECT (node))
    return care_fhir_get_quantity (json_node_get_object (node), out_number, &unit);
  return FALSE;
}
