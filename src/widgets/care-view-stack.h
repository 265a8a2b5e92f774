/* care-view-stack.h — a record view's content and its other states
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-record.h"

G_BEGIN_DECLS

/**
 * CareViewState:
 * @CARE_VIEW_STATE_LOADING: the first sync is still running
 * @CARE_VIEW_STATE_CONTENT: there is something to show
 * @CARE_VIEW_STATE_EMPTY: synced, and there is nothing of this kind
 * @CARE_VIEW_STATE_WITHHELD: the portal withholds it from proxy access
 * @CARE_VIEW_STATE_NOT_SHARED: not granted to Carebook at sign-in
 * @CARE_VIEW_STATE_UNSUPPORTED: the health system does not offer it
 * @CARE_VIEW_STATE_ERROR: the last sync of it failed and nothing is cached
 * @CARE_VIEW_STATE_BROKEN: the offline copy is damaged
 * @CARE_VIEW_STATE_NO_RESULTS: a search within the view found nothing
 *
 * What a record view shows.
 */
typedef enum
{
  CARE_VIEW_STATE_LOADING,
  CARE_VIEW_STATE_CONTENT,
  CARE_VIEW_STATE_EMPTY,
  CARE_VIEW_STATE_WITHHELD,
  CARE_VIEW_STATE_NOT_SHARED,
  CARE_VIEW_STATE_UNSUPPORTED,
  CARE_VIEW_STATE_ERROR,
  CARE_VIEW_STATE_BROKEN,
  CARE_VIEW_STATE_NO_RESULTS,
} CareViewState;

#define CARE_TYPE_VIEW_STACK (care_view_stack_get_type ())

G_DECLARE_FINAL_TYPE (CareViewStack, care_view_stack, CARE, VIEW_STACK, AdwBin)

GtkWidget     *care_view_stack_new          (const char    *icon_name,
                                             const char    *empty_title,
                                             const char    *empty_description);
void           care_view_stack_set_content  (CareViewStack *self,
                                             GtkWidget     *content);
void           care_view_stack_set_empty_action (CareViewStack *self,
                                                 const char    *label,
                                                 const char    *action_name);
CareViewState  care_view_stack_get_state    (CareViewStack *self);
const char    *care_view_stack_get_title    (CareViewStack *self);
const char    *care_view_stack_get_description (CareViewStack *self);
CareViewState  care_view_stack_update       (CareViewStack *self,
                                             CareRecord    *record,
                                             const char * const *types,
                                             guint          n_items);
void           care_view_stack_show_no_results (CareViewStack *self,
                                                const char    *search_text);
void           care_view_stack_show_error   (CareViewStack *self,
                                             const char    *message);

const char    *care_view_stack_get_incomplete_text (CareViewStack *self);

G_END_DECLS
