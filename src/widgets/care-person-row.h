/* care-person-row.h — a person in the switcher
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "care-person.h"

G_BEGIN_DECLS

#define CARE_TYPE_PERSON_ROW (care_person_row_get_type ())

G_DECLARE_FINAL_TYPE (CarePersonRow, care_person_row, CARE, PERSON_ROW, GtkListBoxRow)

GtkWidget  *care_person_row_new          (CarePerson    *person,
                                          GDate         *today);
CarePerson *care_person_row_get_person   (CarePersonRow *self);
void        care_person_row_set_selected (CarePersonRow *self,
                                          gboolean       selected);
void        care_person_row_set_unread   (CarePersonRow *self,
                                          guint          unread);
guint       care_person_row_get_unread   (CarePersonRow *self);

G_END_DECLS
