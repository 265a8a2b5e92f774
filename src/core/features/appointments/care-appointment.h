/* care-appointment.h — reading and changing a patient's appointments
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "care-outbox-draft.h"

G_BEGIN_DECLS

/* The codes and extensions of the sandbox's scheduling (and any portal
 * that adopts them); documented in HACKING.md, "Appointments". */
#define CARE_APPOINTMENT_VISIT_TYPES     "https://carebook.org/fhir/CodeSystem/visit-type"
#define CARE_APPOINTMENT_EXT             "https://carebook.org/fhir/StructureDefinition/"
#define CARE_APPOINTMENT_EXT_WAIT_LIST   CARE_APPOINTMENT_EXT "wait-list"
#define CARE_APPOINTMENT_EXT_OFFER       CARE_APPOINTMENT_EXT "wait-list-offer"
#define CARE_APPOINTMENT_EXT_CHECK_IN    CARE_APPOINTMENT_EXT "echeck-in"
#define CARE_APPOINTMENT_EXT_HOLD        CARE_APPOINTMENT_EXT "hold-expires"
#define CARE_APPOINTMENT_EXT_VIRTUAL \
  "http://hl7.org/fhir/5.0/StructureDefinition/extension-Appointment.virtualService"
#define CARE_APPOINTMENT_EXT_TIMEZONE    "http://hl7.org/fhir/StructureDefinition/timezone"

/* How long before the start a video visit can be joined. */
#define CARE_APPOINTMENT_JOIN_MINUTES    30

/**
 * CareCheckInStep:
 * @CARE_CHECK_IN_DETAILS: confirm personal details
 * @CARE_CHECK_IN_INSURANCE: confirm insurance
 * @CARE_CHECK_IN_MEDICATIONS: review medications
 * @CARE_CHECK_IN_ALLERGIES: review allergies
 * @CARE_CHECK_IN_QUESTIONNAIRE: answer the visit's questionnaire (when it has one)
 * @CARE_CHECK_IN_COPAY: pay the copay, or choose to pay at the clinic
 */
typedef enum
{
  CARE_CHECK_IN_DETAILS,
  CARE_CHECK_IN_INSURANCE,
  CARE_CHECK_IN_MEDICATIONS,
  CARE_CHECK_IN_ALLERGIES,
  CARE_CHECK_IN_QUESTIONNAIRE,
  CARE_CHECK_IN_COPAY,
  CARE_CHECK_IN_N_STEPS,
} CareCheckInStep;

/**
 * CareVisitType:
 * @code: its code ("follow-up")
 * @name: its name in the portal's words
 * @minutes: its length
 * @video: whether it is a video visit
 * @confidential: a teen's confidential visit type
 * @instructions: (nullable): what the clinic asks of the patient
 * @phone: (nullable): the number to call about it
 * @min_age: the youngest age in years it is for, -1 when not said
 * @max_age: the oldest age in years it is for, -1 when not said
 *
 * A kind of visit a patient may book (a HealthcareService of category
 * visit-type).
 */
typedef struct
{
  char     *code;
  char     *name;
  int       minutes;
  gboolean  video;
  gboolean  confidential;
  char     *instructions;
  char     *phone;
  int       min_age;
  int       max_age;
} CareVisitType;

CareVisitType   *care_visit_type_new_from_resource (JsonObject *service);
void             care_visit_type_free              (CareVisitType *self);
const CareVisitType *care_visit_type_match         (GPtrArray  *types,
                                                    const char *text);
gboolean         care_visit_type_fits_age          (const CareVisitType *self,
                                                    int                  age);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareVisitType, care_visit_type_free)

const char      *care_appointment_get_slot_id      (JsonObject *appointment);
GDateTime       *care_appointment_dup_start        (JsonObject *appointment);
GDateTime       *care_appointment_dup_end          (JsonObject *appointment);
char            *care_appointment_dup_title        (JsonObject *appointment);
char            *care_appointment_dup_actor        (JsonObject *appointment,
                                                    const char *type,
                                                    char      **out_reference);
const char      *care_appointment_get_visit_code   (JsonObject *appointment);
char            *care_appointment_dup_join_url     (JsonObject *appointment);
gboolean         care_appointment_can_join         (JsonObject *appointment,
                                                    GDateTime  *now);
gboolean         care_appointment_check_in_open    (JsonObject *appointment,
                                                    GDateTime  *now);
guint            care_appointment_check_in_steps   (JsonObject *appointment,
                                                    guint      *out_needed);
const char      *care_check_in_step_name           (CareCheckInStep step);
const char      *care_check_in_step_title          (CareCheckInStep step);
gboolean         care_appointment_get_wait_list    (JsonObject *appointment);
gboolean         care_appointment_is_offer         (JsonObject *appointment);
GDateTime       *care_appointment_dup_offer_expiry (JsonObject *appointment);
const char      *care_appointment_get_offer_for    (JsonObject *appointment);

CareOutboxDraft *care_appointment_cancel_draft_new    (JsonObject *appointment,
                                                       const char *reason);
CareOutboxDraft *care_appointment_wait_list_draft_new (JsonObject *appointment,
                                                       gboolean    on);
CareOutboxDraft *care_appointment_check_in_draft_new  (JsonObject      *appointment,
                                                       CareCheckInStep  step,
                                                       const char      *value);

char            *care_appointment_to_ics           (JsonObject *appointment,
                                                    JsonObject *location,
                                                    GError    **error);

G_END_DECLS
