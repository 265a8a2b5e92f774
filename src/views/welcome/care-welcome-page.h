/* care-welcome-page.h — the first-run page
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-context.h"

G_BEGIN_DECLS

#define CARE_TYPE_WELCOME_PAGE (care_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (CareWelcomePage, care_welcome_page, CARE, WELCOME_PAGE, AdwBin)

GtkWidget  *care_welcome_page_new              (void);
void        care_welcome_page_set_can_cancel   (CareWelcomePage *self,
                                                gboolean         can_cancel);
void        care_welcome_page_set_url          (CareWelcomePage *self,
                                                const char      *url);
gboolean    care_welcome_page_submit           (CareWelcomePage *self);
const char *care_welcome_page_get_error        (CareWelcomePage *self);
void        care_welcome_page_set_context      (CareWelcomePage *self,
                                                CareContext     *context);
GListModel *care_welcome_page_get_visible_entries (CareWelcomePage *self);
void        care_welcome_page_set_search       (CareWelcomePage *self,
                                                const char      *text);
void        care_welcome_page_set_logo_dir     (CareWelcomePage *self,
                                                const char      *logo_dir);
void        care_welcome_page_fetch_logos      (CareWelcomePage *self);

G_END_DECLS
