/* care-record-list.h — a searchable, grouped list of one record's resources
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-cache.h"
#include "care-context.h"
#include "care-record.h"
#include "care-record-view.h"
#include "care-view-stack.h"

G_BEGIN_DECLS

/**
 * CareTagStyle:
 * @CARE_TAG_NEUTRAL: a plain status ("Active")
 * @CARE_TAG_GOOD: done, achieved
 * @CARE_TAG_WARNING: due soon, high risk
 * @CARE_TAG_ERROR: overdue, severe
 * @CARE_TAG_ACCENT: waiting to be sent
 *
 * How a row's status tag is coloured; the words always say it too.
 */
typedef enum
{
  CARE_TAG_NEUTRAL,
  CARE_TAG_GOOD,
  CARE_TAG_WARNING,
  CARE_TAG_ERROR,
  CARE_TAG_ACCENT,
} CareTagStyle;

#define CARE_TYPE_RECORD_LIST (care_record_list_get_type ())

G_DECLARE_DERIVABLE_TYPE (CareRecordList, care_record_list, CARE, RECORD_LIST, CareRecordView)

/**
 * CareRecordListClass:
 *
 * The base of a list view: a subclass's template sets the list's
 * "feature", "empty-title", "empty-description" and "search-placeholder",
 * its init adds the cache queries (care_record_list_add_query()), and its
 * CareRecordView.populate() adds groups and rows once the queries are done.
 */
struct _CareRecordListClass
{
  CareRecordViewClass parent_class;

  gpointer padding[8];
};

CareViewStack       *care_record_list_get_stack       (CareRecordList     *self);
GtkSearchEntry      *care_record_list_get_search_entry (CareRecordList    *self);
void                 care_record_list_add_query       (CareRecordList     *self,
                                                       const char         *key,
                                                       CareCacheQuery     *query);
GListModel          *care_record_list_get_results     (CareRecordList     *self,
                                                       const char         *key);
gboolean             care_record_list_get_loaded      (CareRecordList     *self);

AdwPreferencesGroup *care_record_list_add_group       (CareRecordList     *self,
                                                       const char         *title,
                                                       const char         *description);
AdwActionRow        *care_record_list_add_row         (CareRecordList     *self,
                                                       AdwPreferencesGroup *group,
                                                       const char         *title,
                                                       const char         *subtitle);
AdwExpanderRow      *care_record_list_add_expander    (CareRecordList     *self,
                                                       AdwPreferencesGroup *group,
                                                       const char         *title,
                                                       const char         *subtitle);
AdwActionRow        *care_record_list_add_child_row   (CareRecordList     *self,
                                                       AdwExpanderRow     *expander,
                                                       const char         *title,
                                                       const char         *subtitle);
void                 care_record_list_add_note        (CareRecordList     *self,
                                                       AdwPreferencesGroup *group,
                                                       const char         *text);
void                 care_record_list_add_tag         (CareRecordList     *self,
                                                       GtkWidget          *row,
                                                       const char         *text,
                                                       CareTagStyle        style);
void                 care_record_list_add_detail      (CareRecordList     *self,
                                                       AdwActionRow       *row,
                                                       const char         *line);
void                 care_record_list_add_search_words (CareRecordList    *self,
                                                       GtkWidget         *row,
                                                       const char        *words);
guint                care_record_list_get_n_rows      (CareRecordList     *self);
GPtrArray           *care_record_list_dup_visible_titles (CareRecordList  *self);

gboolean             care_record_list_type_withheld   (CareRecordList     *self,
                                                       const char         *type);
JsonObject          *care_record_list_lookup          (CareRecordList     *self,
                                                       JsonObject         *resource,
                                                       JsonObject         *reference);
char                *care_record_list_dup_reference_name (CareRecordList *self,
                                                          JsonObject     *resource,
                                                          JsonObject     *reference);
GPtrArray           *care_record_list_dup_outbox      (CareRecordList     *self,
                                                       const char         *type,
                                                       CareOutboxState     state);
void                 care_record_list_get_today       (CareRecordList     *self,
                                                       GDate              *out_today);
char                *care_record_list_dup_date_text   (const char         *fhir_date);
int                  care_record_list_days_until      (CareRecordList     *self,
                                                       const char         *fhir_date);

gboolean             care_record_list_can_write       (CareRecordList     *self,
                                                       const char         *type);
char                *care_record_list_dup_patient_reference  (CareRecordList *self);
char                *care_record_list_dup_reporter_reference (CareRecordList *self);
gboolean             care_record_list_queue_draft     (CareRecordList         *self,
                                                       const CareOutboxDraft  *draft,
                                                       GError                **error);
void                 care_record_list_show_portal_only (CareRecordList    *self,
                                                        const char        *body);

G_END_DECLS
