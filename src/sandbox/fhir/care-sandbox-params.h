/* care-sandbox-params.h — which types and search parameters the sandbox serves
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  CARE_SANDBOX_PARAM_TOKEN,
  CARE_SANDBOX_PARAM_DATE,
  CARE_SANDBOX_PARAM_LAST_UPDATED,
  CARE_SANDBOX_PARAM_ID,
  CARE_SANDBOX_PARAM_PATIENT,
} CareSandboxParamKind;

typedef struct
{
  const char *param;   /* static */
  char       *system;
  char       *code;
} CareSandboxToken;

gboolean   care_sandbox_params_is_supported_type (const char           *type);
gboolean   care_sandbox_params_lookup            (const char           *type,
                                                  const char           *name,
                                                  CareSandboxParamKind *out_kind);
gboolean   care_sandbox_params_type_is_shared    (const char           *type);
gboolean   care_sandbox_params_type_is_writable  (const char           *type);
char      *care_sandbox_params_dup_missing       (JsonObject           *resource);
char      *care_sandbox_params_dup_fingerprint   (void);
char      *care_sandbox_params_dup_sortable_date (const char           *value);
GPtrArray *care_sandbox_params_extract_tokens    (JsonObject           *resource);
char      *care_sandbox_params_dup_date          (JsonObject           *resource);
JsonArray *care_sandbox_params_dup_capability_resources (void);
const char * const *care_sandbox_params_get_types (void);

G_END_DECLS
