/* care-renewal.h — where a prescription's renewal request stands
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-cache.h"

G_BEGIN_DECLS

/**
 * CareRenewalStatus:
 * @CARE_RENEWAL_NONE: never asked
 * @CARE_RENEWAL_WAITING: the request waits in the outbox
 * @CARE_RENEWAL_NOT_SENT: the portal refused the request itself
 * @CARE_RENEWAL_SENT: the care team has it, no answer yet
 * @CARE_RENEWAL_REFUSED: the care team said no, with a reason
 * @CARE_RENEWAL_RENEWED: a newer prescription replaces this one
 */
typedef enum
{
  CARE_RENEWAL_NONE,
  CARE_RENEWAL_WAITING,
  CARE_RENEWAL_NOT_SENT,
  CARE_RENEWAL_SENT,
  CARE_RENEWAL_REFUSED,
  CARE_RENEWAL_RENEWED,
} CareRenewalStatus;

/**
 * CareRenewal:
 * @request_id: the prescription asked about
 * @status: where the request stands
 * @when: when that happened (unix seconds; 0 unknown)
 * @reason: (nullable): why it was refused (the care team's or the portal's words)
 * @pharmacy: (nullable): the pharmacy asked for, or the one the renewal went to
 * @renewed_id: (nullable): the new MedicationRequest
 * @date_only: @when is a day (a prescription's authoredOn), in UTC
 */
typedef struct
{
  char              *request_id;
  CareRenewalStatus  status;
  gint64             when;
  char              *reason;
  char              *pharmacy;
  char              *renewed_id;
  gboolean           date_only;
} CareRenewal;

void         care_renewal_free      (CareRenewal       *renewal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareRenewal, care_renewal_free)

GHashTable  *care_renewals_dup      (CareCache         *cache);
char        *care_renewal_dup_tag   (const CareRenewal *renewal);
char        *care_renewal_dup_text  (const CareRenewal *renewal);
char        *care_renewal_dup_about (JsonObject        *message);
char        *care_renewal_dup_pharmacy_name (JsonObject *message);

G_END_DECLS
