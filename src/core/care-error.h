/* care-error.h — the error domains of Carebook's core
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CARE_PORTAL_ERROR (care_portal_error_quark ())
#define CARE_FHIR_ERROR   (care_fhir_error_quark ())
#define CARE_CACHE_ERROR  (care_cache_error_quark ())
#define CARE_AUTH_ERROR   (care_auth_error_quark ())

/**
 * CarePortalError:
 * @CARE_PORTAL_ERROR_INVALID_URL: the address is not a usable FHIR base URL
 * @CARE_PORTAL_ERROR_INSECURE: plain HTTP to a host that is not this machine
 * @CARE_PORTAL_ERROR_OFFLINE: the portal could not be reached
 * @CARE_PORTAL_ERROR_UNAUTHORIZED: the portal refused the credentials
 * @CARE_PORTAL_ERROR_FORBIDDEN: the portal withholds this data
 * @CARE_PORTAL_ERROR_NOT_FOUND: the resource does not exist
 * @CARE_PORTAL_ERROR_SERVER: the portal failed (5xx)
 * @CARE_PORTAL_ERROR_BAD_RESPONSE: the portal answered something unusable
 * @CARE_PORTAL_ERROR_TOO_LARGE: the answer was larger than Carebook reads
 * @CARE_PORTAL_ERROR_TOO_SLOW: the answer came too slowly, or not in time
 * @CARE_PORTAL_ERROR_AMBIGUOUS: a request that is not safe to repeat (a
 *   POST without If-None-Exist) failed in a way that leaves open whether
 *   the portal acted on it (5xx, a dropped connection): not sent again
 *
 * Failures talking to a patient portal.
 */
typedef enum
{
  CARE_PORTAL_ERROR_INVALID_URL,
  CARE_PORTAL_ERROR_INSECURE,
  CARE_PORTAL_ERROR_OFFLINE,
  CARE_PORTAL_ERROR_UNAUTHORIZED,
  CARE_PORTAL_ERROR_FORBIDDEN,
  CARE_PORTAL_ERROR_NOT_FOUND,
  CARE_PORTAL_ERROR_SERVER,
  CARE_PORTAL_ERROR_BAD_RESPONSE,
  CARE_PORTAL_ERROR_TOO_LARGE,
  CARE_PORTAL_ERROR_TOO_SLOW,
  CARE_PORTAL_ERROR_AMBIGUOUS,
} CarePortalError;

/**
 * CareFhirError:
 * @CARE_FHIR_ERROR_MALFORMED: not JSON, or not the shape FHIR requires
 * @CARE_FHIR_ERROR_UNSUPPORTED: a resource type or version we do not handle
 * @CARE_FHIR_ERROR_MISSING_FIELD: a required element is absent
 * @CARE_FHIR_ERROR_TOO_LARGE: more data than Carebook accepts in one answer
 */
typedef enum
{
  CARE_FHIR_ERROR_MALFORMED,
  CARE_FHIR_ERROR_UNSUPPORTED,
  CARE_FHIR_ERROR_MISSING_FIELD,
  CARE_FHIR_ERROR_TOO_LARGE,
} CareFhirError;

/**
 * CareCacheError:
 * @CARE_CACHE_ERROR_CORRUPT: the database file is damaged
 * @CARE_CACHE_ERROR_MIGRATION: the schema could not be upgraded
 * @CARE_CACHE_ERROR_IO: the file could not be read or written
 */
typedef enum
{
  CARE_CACHE_ERROR_CORRUPT,
  CARE_CACHE_ERROR_MIGRATION,
  CARE_CACHE_ERROR_IO,
} CareCacheError;

/**
 * CareAuthError:
 * @CARE_AUTH_ERROR_DISCOVERY: the portal's SMART configuration is unusable
 * @CARE_AUTH_ERROR_NO_PKCE: the portal cannot do PKCE with S256
 * @CARE_AUTH_ERROR_STATE_MISMATCH: the redirect did not come from our request
 * @CARE_AUTH_ERROR_DENIED: the user or the portal refused access
 * @CARE_AUTH_ERROR_NO_PATIENT: the portal granted no patient context
 * @CARE_AUTH_ERROR_EXPIRED: the stored authorization no longer works
 * @CARE_AUTH_ERROR_CANCELLED: the user stopped signing in
 * @CARE_AUTH_ERROR_KEYRING: the keyring could not be used
 */
typedef enum
{
  CARE_AUTH_ERROR_DISCOVERY,
  CARE_AUTH_ERROR_NO_PKCE,
  CARE_AUTH_ERROR_STATE_MISMATCH,
  CARE_AUTH_ERROR_DENIED,
  CARE_AUTH_ERROR_NO_PATIENT,
  CARE_AUTH_ERROR_EXPIRED,
  CARE_AUTH_ERROR_CANCELLED,
  CARE_AUTH_ERROR_KEYRING,
} CareAuthError;

GQuark care_portal_error_quark (void);
GQuark care_fhir_error_quark   (void);
GQuark care_cache_error_quark  (void);
GQuark care_auth_error_quark   (void);

G_END_DECLS
