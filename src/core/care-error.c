/* care-error.c — the error domains of Carebook's core
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "care-error.h"

G_DEFINE_QUARK (care-portal-error-quark, care_portal_error)
G_DEFINE_QUARK (care-fhir-error-quark, care_fhir_error)
G_DEFINE_QUARK (care-cache-error-quark, care_cache_error)
G_DEFINE_QUARK (care-auth-error-quark, care_auth_error)
