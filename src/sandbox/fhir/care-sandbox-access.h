/* care-sandbox-access.h — what a proxy may see, by the patient's age
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * CareSandboxProxyKind:
 * @CARE_SANDBOX_PROXY_NONE: the user's own record
 * @CARE_SANDBOX_PROXY_PARENT: a parent's access to a minor's record; the
 *   age rules apply
 * @CARE_SANDBOX_PROXY_GRANTED: an adult granted this user access
 */
typedef enum
{
  CARE_SANDBOX_PROXY_NONE,
  CARE_SANDBOX_PROXY_PARENT,
  CARE_SANDBOX_PROXY_GRANTED,
} CareSandboxProxyKind;

/**
 * CareSandboxAccess:
 * @CARE_SANDBOX_ACCESS_FULL: the whole record
 * @CARE_SANDBOX_ACCESS_LIMITED: a teen's record: sensitive types withheld
 * @CARE_SANDBOX_ACCESS_NONE: proxy access has ended
 */
typedef enum
{
  CARE_SANDBOX_ACCESS_FULL,
  CARE_SANDBOX_ACCESS_LIMITED,
  CARE_SANDBOX_ACCESS_NONE,
} CareSandboxAccess;

CareSandboxAccess  care_sandbox_access_for          (CareSandboxProxyKind  kind,
                                                     const char           *birth_date,
                                                     GDate                *today);
gboolean           care_sandbox_access_withholds_type (CareSandboxAccess   access,
                                                       const char         *type);
gboolean           care_sandbox_access_withholds    (CareSandboxAccess     access,
                                                     JsonObject           *resource);
const char        *care_sandbox_access_withheld_category (CareSandboxAccess  access,
                                                          const char        *type);
const char        *care_sandbox_access_explain      (CareSandboxAccess     access);

G_END_DECLS
