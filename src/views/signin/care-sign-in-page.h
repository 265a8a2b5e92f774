/* care-sign-in-page.h — waiting for the portal's sign-in in the browser
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARE_TYPE_SIGN_IN_PAGE (care_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (CareSignInPage, care_sign_in_page, CARE, SIGN_IN_PAGE, AdwBin)

GtkWidget  *care_sign_in_page_new          (void);
void        care_sign_in_page_show_waiting (CareSignInPage *self,
                                            const char     *portal,
                                            const char     *uri);
void        care_sign_in_page_show_error   (CareSignInPage *self,
                                            const char     *message);
const char *care_sign_in_page_get_state    (CareSignInPage *self);
const char *care_sign_in_page_get_uri      (CareSignInPage *self);

G_END_DECLS
