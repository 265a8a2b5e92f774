/* care-person-switcher.h — choose whose record is on screen
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-context.h"

G_BEGIN_DECLS

#define CARE_TYPE_PERSON_SWITCHER (care_person_switcher_get_type ())

G_DECLARE_FINAL_TYPE (CarePersonSwitcher, care_person_switcher, CARE, PERSON_SWITCHER, AdwBin)

GtkWidget   *care_person_switcher_new         (CareContext        *context);
CareContext *care_person_switcher_get_context (CarePersonSwitcher *self);
GtkListBox  *care_person_switcher_get_list    (CarePersonSwitcher *self);
void         care_person_switcher_update_unread (CarePersonSwitcher *self);
void         care_person_switcher_set_compact (CarePersonSwitcher *self,
                                               gboolean            compact);

G_END_DECLS
