/* care-hostile-portal.h — a portal that misbehaves on demand, for tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/**
 * CareHostileMode:
 *
 * What the portal does wrong. Everything else it does right: SMART
 * discovery, sign-in by code (the authorize page redirects at once), a
 * CapabilityStatement offering Patient, Condition and DocumentReference,
 * Patient/p1 and a searchset of two Conditions for p1; client registration
 * (auth/register) answers 404 and revocation (auth/revoke) 200.
 * CARE_HOSTILE_DEEP_TOKEN applies to every token-endpoint answer
 * (registration and revocation too), as do the other *_TOKEN modes.
 */
typedef enum
{
  CARE_HOSTILE_NORMAL,
  CARE_HOSTILE_DEEP_PAGE,          /* a Condition page nested 100,000 deep */
  CARE_HOSTILE_DEEP_METADATA,      /* /metadata nested 100,000 deep */
  CARE_HOSTILE_DEEP_SMART,         /* the SMART configuration, deep */
  CARE_HOSTILE_DEEP_TOKEN,         /* the token response, deep */
  CARE_HOSTILE_HUGE_PAGE,          /* a Condition page of 48 MB */
  CARE_HOSTILE_HUGE_METADATA,      /* a CapabilityStatement of 12 MB */
  CARE_HOSTILE_MANY_ENTRIES,       /* a page of 10,001 entries */
  CARE_HOSTILE_FOREIGN,            /* other types, another patient, a rewritten Patient */
  CARE_HOSTILE_BARE_RESOURCE,      /* a Condition instead of a searchset */
  CARE_HOSTILE_REWRITTEN_PATIENT,  /* Patient/p1 answers as Patient p2 */
  CARE_HOSTILE_ENDLESS_PAGING,     /* a fresh next link on every page */
  CARE_HOSTILE_SLOW_LORIS,         /* the Condition page, one byte at a time */
  CARE_HOSTILE_REDIRECT_ORIGIN,    /* the Condition search redirects to another origin */
  CARE_HOSTILE_REDIRECT_SAME,      /* ...to the same origin (allowed) */
  CARE_HOSTILE_HTTP_TOKEN_ENDPOINT,/* token endpoint on another host over http */
  CARE_HOSTILE_FILE_AUTHORIZE,     /* authorization_endpoint file:///etc/passwd */
  CARE_HOSTILE_PATIENT_PATH,       /* the token's patient is "../../../../tmp/x" */
  CARE_HOSTILE_FHIR_USER_PATH,     /* no patient; fhirUser Patient/..%2F.. */
  CARE_HOSTILE_BAD_STRINGS,        /* lone surrogates and \q in the page */
  /* The token, client registration and revocation endpoints: */
  CARE_HOSTILE_HUGE_TOKEN,         /* ...answer 200 with 64 MB that never parse */
  CARE_HOSTILE_SILENT_TOKEN,       /* ...never answer */
  CARE_HOSTILE_REDIRECT_TOKEN,     /* ...answer 307 to the same path on another origin */
  CARE_HOSTILE_REDIRECT_SMART,     /* the SMART configuration redirects to another origin */
  CARE_HOSTILE_REDIRECT_DOWNGRADE, /* https portal (care_hostile_portal_new_tls()): the Condition
                                    * search and the token endpoint redirect to plain http */
} CareHostileMode;

typedef struct _CareHostilePortal CareHostilePortal;

CareHostilePortal *care_hostile_portal_new          (void);
CareHostilePortal *care_hostile_portal_new_tls      (void);
void               care_hostile_portal_trust        (void);
void               care_hostile_portal_free         (CareHostilePortal *self);
const char        *care_hostile_portal_get_base     (CareHostilePortal *self);
void               care_hostile_portal_set_mode     (CareHostilePortal *self,
                                                     CareHostileMode    mode);
guint              care_hostile_portal_get_n_pages  (CareHostilePortal *self);
guint64            care_hostile_portal_get_binary_sent (CareHostilePortal *self);
guint              care_hostile_portal_get_n_requests (CareHostilePortal *self,
                                                       const char        *path);
guint              care_hostile_portal_get_n_foreign  (CareHostilePortal *self);
const char        *care_hostile_portal_get_other_origin (CareHostilePortal *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareHostilePortal, care_hostile_portal_free)

G_END_DECLS
