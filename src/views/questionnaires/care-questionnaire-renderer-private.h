/* care-questionnaire-renderer-private.h — what the renderer's two files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * care-questionnaire-renderer.c lays the form out (groups, repeating
 * instances with Add Another and Remove, display text), follows the
 * form's "changed" signal as enableWhen shows and hides, and shows the
 * problems; care-questionnaire-question.c builds one question's widgets
 * per item type and writes what is typed, ticked or picked into the form.
 */
#pragma once

#include "care-questionnaire-renderer.h"

G_BEGIN_DECLS

/* One item's widgets: a question's row, label, field and error, a group's
 * row and where its instances go. Owned by the renderer's fields table. */
typedef struct
{
  CareQuestionnaireRenderer *self;
  CareQuestionnaireNode     *node;
  GtkWidget                 *row;
  GtkWidget                 *label;
  GtkWidget                 *error;
  GtkWidget                 *field;
  GPtrArray                 *choices;
  GtkWidget                 *other;
  GtkWidget                 *value;
  GtkWidget                 *container;
  gboolean                   updating;
  gboolean                   was_enabled;
  char                      *pending;
} CareQuestionnaireField;

struct _CareQuestionnaireRenderer
{
  AdwBin                 parent_instance;
  CareQuestionnaireForm *form;
  gboolean               read_only;
  GtkWidget             *box;
  GHashTable            *fields;
  gulong                 changed_id;
};

void                    care_questionnaire_field_free      (CareQuestionnaireField    *field);
CareQuestionnaireField *care_questionnaire_field_add       (CareQuestionnaireRenderer *self,
                                                            CareQuestionnaireNode     *node,
                                                            GtkWidget                 *row);
void                    care_questionnaire_field_refresh   (CareQuestionnaireField    *field,
                                                            gboolean                   force);
void                    care_questionnaire_field_show_error (CareQuestionnaireField   *field,
                                                             const char               *message);
GtkWidget              *care_questionnaire_new_label       (const char                *text,
                                                            const char                *css_class);
char                   *care_questionnaire_dup_question_text (CareQuestionnaireItem   *item);
void                    care_questionnaire_renderer_build_question (CareQuestionnaireRenderer *self,
                                                                    GtkWidget                 *into,
                                                                    CareQuestionnaireNode     *node);
void                    care_questionnaire_renderer_build_nodes (CareQuestionnaireRenderer *self,
                                                                 GtkWidget                 *into,
                                                                 GPtrArray                 *nodes);

G_END_DECLS
