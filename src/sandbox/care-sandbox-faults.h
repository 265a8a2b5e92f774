/* care-sandbox-faults.h — failures on demand, for testing clients
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CareSandboxFault:
 * @CARE_SANDBOX_FAULT_NONE: answer normally
 * @CARE_SANDBOX_FAULT_ERROR: 500, or 503 with Retry-After
 * @CARE_SANDBOX_FAULT_TOO_MANY: 429 with Retry-After
 * @CARE_SANDBOX_FAULT_DROP: close the connection in the middle of the body
 * @CARE_SANDBOX_FAULT_TRUNCATE: a well-formed response whose JSON is cut short
 * @CARE_SANDBOX_FAULT_MALFORMED: a well-formed response whose body is not JSON
 * @CARE_SANDBOX_FAULT_EXPIRE_TOKEN: the request's access token expires now
 * @CARE_SANDBOX_FAULT_WRITE_ERROR: a write (POST, PUT, DELETE) is done,
 *   then answered with 500 as if it failed; reads are answered normally
 * @CARE_SANDBOX_FAULT_WRITE_DROP: a write is done, then the connection is
 *   closed before the answer
 */
typedef enum
{
  CARE_SANDBOX_FAULT_NONE,
  CARE_SANDBOX_FAULT_ERROR,
  CARE_SANDBOX_FAULT_TOO_MANY,
  CARE_SANDBOX_FAULT_DROP,
  CARE_SANDBOX_FAULT_TRUNCATE,
  CARE_SANDBOX_FAULT_MALFORMED,
  CARE_SANDBOX_FAULT_EXPIRE_TOKEN,
  CARE_SANDBOX_FAULT_WRITE_ERROR,
  CARE_SANDBOX_FAULT_WRITE_DROP,
} CareSandboxFault;

typedef struct _CareSandboxFaults CareSandboxFaults;

CareSandboxFaults *care_sandbox_faults_new         (void);
void               care_sandbox_faults_free        (CareSandboxFaults  *faults);
gboolean           care_sandbox_faults_parse       (CareSandboxFaults  *faults,
                                                    const char         *spec,
                                                    GError            **error);
char              *care_sandbox_faults_to_string   (CareSandboxFaults  *faults);
CareSandboxFault   care_sandbox_faults_draw        (CareSandboxFaults  *faults);
CareSandboxFault   care_sandbox_faults_draw_for    (CareSandboxFaults  *faults,
                                                    gboolean            write);
guint              care_sandbox_faults_get_latency (CareSandboxFaults  *faults);
guint              care_sandbox_faults_get_retry_after (CareSandboxFaults *faults);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareSandboxFaults, care_sandbox_faults_free)

G_END_DECLS
