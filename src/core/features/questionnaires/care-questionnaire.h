/* care-questionnaire.h — a FHIR R4 Questionnaire, read into items
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CARE_QUESTIONNAIRE_ERROR (care_questionnaire_error_quark ())

/**
 * CareQuestionnaireError:
 * @CARE_QUESTIONNAIRE_ERROR_INVALID: an answer is not of the item's type,
 *   outside its limits, or not one of its options
 * @CARE_QUESTIONNAIRE_ERROR_REQUIRED: a required item has no answer
 * @CARE_QUESTIONNAIRE_ERROR_UNKNOWN_ITEM: a response names an item the
 *   Questionnaire does not have
 * @CARE_QUESTIONNAIRE_ERROR_DISABLED: a response answers an item its
 *   enableWhen hides
 *
 * Why answers were refused. The message names the item's linkId.
 */
typedef enum
{
  CARE_QUESTIONNAIRE_ERROR_INVALID,
  CARE_QUESTIONNAIRE_ERROR_REQUIRED,
  CARE_QUESTIONNAIRE_ERROR_UNKNOWN_ITEM,
  CARE_QUESTIONNAIRE_ERROR_DISABLED,
} CareQuestionnaireError;

GQuark care_questionnaire_error_quark (void);

/**
 * CareQuestionnaireType:
 *
 * The R4 item types (Questionnaire.item.type).
 */
typedef enum
{
  CARE_QUESTIONNAIRE_GROUP,
  CARE_QUESTIONNAIRE_DISPLAY,
  CARE_QUESTIONNAIRE_BOOLEAN,
  CARE_QUESTIONNAIRE_DECIMAL,
  CARE_QUESTIONNAIRE_INTEGER,
  CARE_QUESTIONNAIRE_DATE,
  CARE_QUESTIONNAIRE_DATE_TIME,
  CARE_QUESTIONNAIRE_TIME,
  CARE_QUESTIONNAIRE_STRING,
  CARE_QUESTIONNAIRE_TEXT,
  CARE_QUESTIONNAIRE_URL,
  CARE_QUESTIONNAIRE_CHOICE,
  CARE_QUESTIONNAIRE_OPEN_CHOICE,
  CARE_QUESTIONNAIRE_ATTACHMENT,
  CARE_QUESTIONNAIRE_REFERENCE,
  CARE_QUESTIONNAIRE_QUANTITY,
} CareQuestionnaireType;

/**
 * CareQuestionnaireControl:
 *
 * How a choice is shown: the questionnaire-itemControl extension when the
 * form names one, else decided by care_questionnaire_item_get_control().
 */
typedef enum
{
  CARE_QUESTIONNAIRE_CONTROL_DEFAULT,
  CARE_QUESTIONNAIRE_CONTROL_RADIO,
  CARE_QUESTIONNAIRE_CONTROL_CHECK,
  CARE_QUESTIONNAIRE_CONTROL_DROP_DOWN,
} CareQuestionnaireControl;

/**
 * CareQuestionnaireOperator:
 *
 * enableWhen.operator.
 */
typedef enum
{
  CARE_QUESTIONNAIRE_EXISTS,
  CARE_QUESTIONNAIRE_EQUAL,
  CARE_QUESTIONNAIRE_NOT_EQUAL,
  CARE_QUESTIONNAIRE_GREATER,
  CARE_QUESTIONNAIRE_LESS,
  CARE_QUESTIONNAIRE_GREATER_EQUAL,
  CARE_QUESTIONNAIRE_LESS_EQUAL,
} CareQuestionnaireOperator;

/**
 * CareQuestionnaireOption:
 * @label: what the user reads
 * @value: a one-member object, {"valueCoding": …} (also valueString,
 *   valueInteger, valueDate, valueTime, valueReference)
 * @has_ordinal: whether @ordinal is set
 * @ordinal: the option's score (ordinalValue or itemWeight extension)
 * @initial: initialSelected
 */
typedef struct
{
  char       *label;
  JsonObject *value;
  gboolean    has_ordinal;
  double      ordinal;
  gboolean    initial;
} CareQuestionnaireOption;

/**
 * CareQuestionnaireCondition:
 * @question: the linkId the condition looks at
 * @op: the operator
 * @answer: a one-member object ({"answerBoolean": true}); for exists, the
 *   boolean says whether an answer must exist
 */
typedef struct
{
  char                      *question;
  CareQuestionnaireOperator  op;
  JsonObject                *answer;
} CareQuestionnaireCondition;

typedef struct _CareQuestionnaireItem CareQuestionnaireItem;

/**
 * CareQuestionnaireItem:
 * @parent: (nullable): the item it is nested in
 * @link_id: its linkId
 * @text: (nullable): the question
 * @prefix: (nullable): its number ("1.", "a)")
 * @help: (nullable): help text (a child display item with itemControl help)
 * @type: its type
 * @required: whether an answer is needed (when enabled)
 * @repeats: whether it takes several answers (a group: several instances)
 * @read_only: whether the user may change it
 * @max_length: at most this many characters (0: no limit)
 * @min_value: (nullable): {"valueInteger": …} from the minValue extension
 * @max_value: (nullable): from maxValue
 * @max_size: an attachment's size limit in bytes (0: none)
 * @mime_types: (nullable): the attachment types accepted
 * @unit: (nullable): a quantity's unit (a Coding), from questionnaire-unit
 * @control: the itemControl the form names
 * @options: #CareQuestionnaireOption from answerOption or the value set
 * @value_set: (nullable): answerValueSet, when not resolved yet
 * @value_set_problem: (nullable): why an unresolved answerValueSet gives no
 *   answers, in words (care_questionnaire_use_cached_value_sets())
 * @conditions: #CareQuestionnaireCondition
 * @enable_all: enableBehavior all (else any)
 * @initial: one-member value objects, the initial answers
 * @calculated: (nullable): the SDC calculatedExpression
 * @children: nested #CareQuestionnaireItem
 *
 * One item of a Questionnaire, read; owned by its #CareQuestionnaire.
 */
struct _CareQuestionnaireItem
{
  CareQuestionnaireItem    *parent;
  char                     *link_id;
  char                     *text;
  char                     *prefix;
  char                     *help;
  CareQuestionnaireType     type;
  gboolean                  required;
  gboolean                  repeats;
  gboolean                  read_only;
  int                       max_length;
  JsonObject               *min_value;
  JsonObject               *max_value;
  double                    max_size;
  GStrv                     mime_types;
  JsonObject               *unit;
  CareQuestionnaireControl  control;
  GPtrArray                *options;
  char                     *value_set;
  char                     *value_set_problem;
  GPtrArray                *conditions;
  gboolean                  enable_all;
  GPtrArray                *initial;
  char                     *calculated;
  GPtrArray                *children;
};

#define CARE_TYPE_QUESTIONNAIRE (care_questionnaire_get_type ())

G_DECLARE_FINAL_TYPE (CareQuestionnaire, care_questionnaire, CARE, QUESTIONNAIRE, GObject)

CareQuestionnaire     *care_questionnaire_new             (JsonObject             *resource,
                                                           GError                **error);
JsonObject            *care_questionnaire_get_resource    (CareQuestionnaire      *self);
const char            *care_questionnaire_get_id          (CareQuestionnaire      *self);
const char            *care_questionnaire_get_title       (CareQuestionnaire      *self);
char                  *care_questionnaire_dup_canonical   (CareQuestionnaire      *self);
gboolean               care_questionnaire_matches         (CareQuestionnaire      *self,
                                                           const char             *canonical);
GPtrArray             *care_questionnaire_get_items       (CareQuestionnaire      *self);
CareQuestionnaireItem *care_questionnaire_lookup_item     (CareQuestionnaire      *self,
                                                           const char             *link_id);
guint                  care_questionnaire_use_value_set   (CareQuestionnaire      *self,
                                                           JsonObject             *value_set);
guint                  care_questionnaire_count_items     (CareQuestionnaire      *self);

const char            *care_questionnaire_type_to_string  (CareQuestionnaireType   type);
const char            *care_questionnaire_item_get_value_member (const CareQuestionnaireItem *item);
CareQuestionnaireControl care_questionnaire_item_get_control (const CareQuestionnaireItem *item);
const CareQuestionnaireOption *care_questionnaire_item_find_option (const CareQuestionnaireItem *item,
                                                                    JsonObject                  *value);

JsonObject            *care_questionnaire_value_parse     (const CareQuestionnaireItem *item,
                                                           const char             *text,
                                                           GError                **error);
char                  *care_questionnaire_value_dup_text  (const CareQuestionnaireItem *item,
                                                           JsonObject             *value);
gboolean               care_questionnaire_value_check     (const CareQuestionnaireItem *item,
                                                           JsonObject             *value,
                                                           GError                **error);
int                    care_questionnaire_value_compare   (JsonObject             *value,
                                                           JsonObject             *answer,
                                                           gboolean               *out_comparable);
gboolean               care_questionnaire_value_get_number (const CareQuestionnaireItem *item,
                                                            JsonObject             *value,
                                                            double                 *out_number);

G_END_DECLS
