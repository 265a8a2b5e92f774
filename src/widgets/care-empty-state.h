/* care-empty-state.h — what a section shows before it has data
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARE_TYPE_EMPTY_STATE (care_empty_state_get_type ())

G_DECLARE_FINAL_TYPE (CareEmptyState, care_empty_state, CARE, EMPTY_STATE, AdwBin)

GtkWidget  *care_empty_state_new              (const char     *icon_name,
                                               const char     *title,
                                               const char     *description,
                                               const char     *action_label,
                                               const char     *action_name);
const char *care_empty_state_get_title        (CareEmptyState *self);
const char *care_empty_state_get_action_label (CareEmptyState *self);
GtkButton  *care_empty_state_get_button       (CareEmptyState *self);

G_END_DECLS
