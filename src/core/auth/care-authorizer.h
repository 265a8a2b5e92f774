/* care-authorizer.h — signing in to a portal with SMART on FHIR
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "care-person.h"

G_BEGIN_DECLS

/**
 * CareSignIn:
 * @fhir_base: the portal's FHIR base
 * @patient_id: the patient the authorization is for
 * @fhir_user: (nullable): who signed in (a Patient or RelatedPerson URL)
 * @scope: the granted scopes, which may be fewer than those asked for
 * @access_token: kept in memory only
 * @refresh_token: (nullable): for the keyring
 * @expires_at: when @access_token stops working (unix seconds)
 * @is_proxy: the user signed in for someone else
 * @display_name: (nullable): the patient's name, from their Patient resource
 * @birth_date: (nullable): the patient's birth date
 * @relationship: how the patient relates to whoever signed in
 * @access_level: %CARE_ACCESS_LIMITED when types were unticked or the
 *   portal usually withholds some (a proxy for a 12–17 year old)
 * @authorization_ends: when the authorization lapses (unix seconds), 0 if
 *   the portal does not say
 * @registration_endpoint: (nullable): dynamic client registration, if offered
 * @user_birth_date: (nullable): the birth date of whoever signed in, when
 *   the portal let Carebook read it
 *
 * What a successful sign-in gives.
 */
typedef struct
{
  char     *fhir_base;
  char     *patient_id;
  char     *fhir_user;
  char     *scope;
  char     *access_token;
  char     *refresh_token;
  char     *token_endpoint;
  char     *revocation_endpoint;
  gint64    expires_at;
  gboolean  is_proxy;
  char     *display_name;
  char     *birth_date;
  CareRelationship relationship;
  CareAccessLevel  access_level;
  gint64    authorization_ends;
  char     *registration_endpoint;
  char     *user_birth_date;
} CareSignIn;

/**
 * CareRedirectMode:
 * @CARE_REDIRECT_LOOPBACK: a listener on 127.0.0.1 at a port the system picks
 * @CARE_REDIRECT_PRIVATE_SCHEME: org.carebook.carebook:/callback, handed back
 *   by the app through care_authorizer_deliver_redirect(), for portals that
 *   refuse loopback redirects
 *
 * How the portal's answer comes back to Carebook.
 */
typedef enum
{
  CARE_REDIRECT_LOOPBACK,
  CARE_REDIRECT_PRIVATE_SCHEME,
} CareRedirectMode;

void care_sign_in_free (CareSignIn *sign_in);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareSignIn, care_sign_in_free)

#define CARE_TYPE_AUTHORIZER (care_authorizer_get_type ())

G_DECLARE_FINAL_TYPE (CareAuthorizer, care_authorizer, CARE, AUTHORIZER, GObject)

CareAuthorizer *care_authorizer_new            (SoupSession         *session);
SoupSession    *care_authorizer_get_session    (CareAuthorizer      *self);
void            care_authorizer_set_timeout    (CareAuthorizer      *self,
                                                guint                seconds);
void            care_authorizer_set_private_scheme (CareAuthorizer  *self,
                                                    gboolean         private_scheme);
void            care_authorizer_set_redirect_mode  (CareAuthorizer  *self,
                                                    CareRedirectMode mode);
CareRedirectMode care_authorizer_get_redirect_mode (CareAuthorizer  *self);
void            care_authorizer_set_probe_loopback (CareAuthorizer  *self,
                                                    gboolean         probe);
gboolean        care_authorizer_deliver_redirect   (CareAuthorizer  *self,
                                                    const char      *uri);
void            care_authorizer_sign_in_async  (CareAuthorizer      *self,
                                                const char          *fhir_base,
                                                const char          *login_hint,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
CareSignIn     *care_authorizer_sign_in_finish (CareAuthorizer      *self,
                                                GAsyncResult        *result,
                                                GError             **error);

CareSignIn     *care_sign_in_copy              (const CareSignIn    *sign_in);

CareRelationship care_relationship_guess       (gboolean             is_self,
                                                const char          *related_code,
                                                const char          *patient_birth_date,
                                                const char          *user_birth_date,
                                                GDate               *today);

G_END_DECLS
