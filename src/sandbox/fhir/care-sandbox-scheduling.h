/* care-sandbox-scheduling.h — Argonaut Scheduling on the sandbox
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "care-sandbox-fhir.h"

G_BEGIN_DECLS

/* Codes and extensions the sandbox's scheduling speaks. Carebook's core
 * spells the same URLs in care-appointment.h. */
#define CARE_SCHEDULING_SYSTEM            "https://carebook.org/fhir/CodeSystem/scheduling"
#define CARE_SCHEDULING_VISIT_TYPES       "https://carebook.org/fhir/CodeSystem/visit-type"
#define CARE_SCHEDULING_EXT               "https://carebook.org/fhir/StructureDefinition/"
#define CARE_SCHEDULING_EXT_MINUTES       CARE_SCHEDULING_EXT "visit-minutes"
#define CARE_SCHEDULING_EXT_AGES          CARE_SCHEDULING_EXT "visit-ages"
#define CARE_SCHEDULING_EXT_COPAY         CARE_SCHEDULING_EXT "visit-copay"
#define CARE_SCHEDULING_EXT_VIDEO         CARE_SCHEDULING_EXT "visit-video"
#define CARE_SCHEDULING_EXT_QUESTIONNAIRE CARE_SCHEDULING_EXT "visit-questionnaire"
#define CARE_SCHEDULING_EXT_HOLD          CARE_SCHEDULING_EXT "slot-hold"
#define CARE_SCHEDULING_EXT_HOLD_EXPIRES  CARE_SCHEDULING_EXT "hold-expires"
#define CARE_SCHEDULING_EXT_WAIT_LIST     CARE_SCHEDULING_EXT "wait-list"
#define CARE_SCHEDULING_EXT_OFFER         CARE_SCHEDULING_EXT "wait-list-offer"
#define CARE_SCHEDULING_EXT_CHECK_IN      CARE_SCHEDULING_EXT "echeck-in"
/* R5's Appointment.virtualService, back-ported to R4 as a cross-version
 * extension: channelType (Coding) and addressUrl (url) sub-extensions. */
#define CARE_SCHEDULING_EXT_VIRTUAL \
  "http://hl7.org/fhir/5.0/StructureDefinition/extension-Appointment.virtualService"

#define CARE_SCHEDULING_HORIZON_DAYS   21
#define CARE_SCHEDULING_SLOT_MINUTES   20
#define CARE_SCHEDULING_HOLD_SECONDS   (5 * 60)
#define CARE_SCHEDULING_OFFER_SECONDS  (30 * 60)
#define CARE_SCHEDULING_CANCEL_SECONDS (24 * 3600)
#define CARE_SCHEDULING_CHECK_IN_DAYS  7

gboolean care_sandbox_scheduling_operation    (CareSandboxStore       *store,
                                               const CareSandboxGrant *grant,
                                               SoupServerMessage      *msg,
                                               const char             *operation,
                                               JsonObject             *parameters);
gboolean care_sandbox_scheduling_check_update (CareSandboxStore       *store,
                                               const CareSandboxGrant *grant,
                                               JsonObject             *before,
                                               JsonObject             *after,
                                               guint                  *out_status,
                                               char                  **out_text);
void     care_sandbox_scheduling_after_update (CareSandboxStore       *store,
                                               JsonObject             *before,
                                               JsonObject             *after);
guint    care_sandbox_scheduling_open_offers  (CareSandboxStore       *store);

G_END_DECLS
