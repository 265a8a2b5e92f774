/* care-application.h — the Carebook application
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARE_TYPE_APPLICATION (care_application_get_type ())

G_DECLARE_FINAL_TYPE (CareApplication, care_application, CARE, APPLICATION, AdwApplication)

CareApplication *care_application_new (void);
gboolean         care_application_get_restart (CareApplication *self);

G_END_DECLS
