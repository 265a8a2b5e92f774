/* care-reading.h — a home reading the patient enters (Track My Health)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "care-outbox-draft.h"
#include "care-unit.h"

G_BEGIN_DECLS

/**
 * CareReadingKind:
 * @CARE_READING_BLOOD_PRESSURE: systolic over diastolic, mm[Hg] (LOINC 85354-9 panel)
 * @CARE_READING_WEIGHT: body weight, kg or [lb_av] (29463-7)
 * @CARE_READING_HEIGHT: body height, cm or [in_i] (8302-2)
 * @CARE_READING_GLUCOSE: blood glucose by meter, mg/dL (41653-7) or mmol/L (14743-9)
 * @CARE_READING_TEMPERATURE: body temperature, Cel or [degF] (8310-5)
 * @CARE_READING_PULSE: heart rate, /min (8867-4)
 * @CARE_READING_SPO2: oxygen saturation by pulse oximetry, % (59408-5 and 2708-6)
 * @CARE_READING_STEPS: steps, {steps} (55423-8)
 * @CARE_READING_PAIN: pain score 0–10, {score} (72514-3)
 * @CARE_READING_N_KINDS: how many kinds there are
 *
 * What a reading measures. The order is the one lists show them in.
 */
typedef enum
{
  CARE_READING_BLOOD_PRESSURE,
  CARE_READING_WEIGHT,
  CARE_READING_HEIGHT,
  CARE_READING_GLUCOSE,
  CARE_READING_TEMPERATURE,
  CARE_READING_PULSE,
  CARE_READING_SPO2,
  CARE_READING_STEPS,
  CARE_READING_PAIN,
  CARE_READING_N_KINDS
} CareReadingKind;

/**
 * CareReadingArm:
 * @CARE_READING_ARM_UNKNOWN: not said
 * @CARE_READING_ARM_LEFT: left upper arm (SNOMED CT 368208006)
 * @CARE_READING_ARM_RIGHT: right upper arm (SNOMED CT 368209003)
 *
 * Where a blood pressure was taken (Observation.bodySite).
 */
typedef enum
{
  CARE_READING_ARM_UNKNOWN,
  CARE_READING_ARM_LEFT,
  CARE_READING_ARM_RIGHT,
} CareReadingArm;

/**
 * CareReadingPosition:
 * @CARE_READING_POSITION_UNKNOWN: not said
 * @CARE_READING_POSITION_SITTING: sitting (SNOMED CT 33586001)
 * @CARE_READING_POSITION_STANDING: standing (SNOMED CT 10904000)
 * @CARE_READING_POSITION_LYING: lying down (SNOMED CT 102538003)
 *
 * The body position of a blood pressure, as the core extension
 * `http://hl7.org/fhir/StructureDefinition/observation-bodyPosition`.
 */
typedef enum
{
  CARE_READING_POSITION_UNKNOWN,
  CARE_READING_POSITION_SITTING,
  CARE_READING_POSITION_STANDING,
  CARE_READING_POSITION_LYING,
} CareReadingPosition;

/**
 * CareReadingMeal:
 * @CARE_READING_MEAL_UNKNOWN: not said
 * @CARE_READING_MEAL_BEFORE: before a meal (HL7 v3 TimingEvent AC)
 * @CARE_READING_MEAL_AFTER: after a meal (HL7 v3 TimingEvent PC)
 *
 * When a blood glucose was taken, as the extension
 * `https://carebook.org/fhir/StructureDefinition/reading-meal`
 * (valueCodeableConcept).
 */
typedef enum
{
  CARE_READING_MEAL_UNKNOWN,
  CARE_READING_MEAL_BEFORE,
  CARE_READING_MEAL_AFTER,
} CareReadingMeal;

/**
 * CareReadingError:
 * @CARE_READING_ERROR_KIND: not a kind of reading Carebook knows
 * @CARE_READING_ERROR_VALUE: the (first) value is missing, not a number or
 *   implausible
 * @CARE_READING_ERROR_VALUE2: the second value of a blood pressure (the
 *   diastolic) is missing, not a number or implausible
 * @CARE_READING_ERROR_UNIT: a unit the kind is not measured in
 * @CARE_READING_ERROR_TIME: a time that cannot be read, or in the future
 * @CARE_READING_ERROR_OBSERVATION: an Observation that is not a reading
 *
 * Why a reading is refused. The code says which field it is about, so a
 * form puts the message next to that field; messages name the value.
 */
typedef enum
{
  CARE_READING_ERROR_KIND,
  CARE_READING_ERROR_VALUE,
  CARE_READING_ERROR_VALUE2,
  CARE_READING_ERROR_UNIT,
  CARE_READING_ERROR_TIME,
  CARE_READING_ERROR_OBSERVATION,
} CareReadingError;

#define CARE_READING_ERROR (care_reading_error_quark ())
GQuark care_reading_error_quark (void);

/**
 * CARE_READING_TAG_SYSTEM:
 *
 * The patient-entered marker: every Observation Carebook writes for a
 * reading carries `meta.tag` {system: this, code: "patient-entered"}, and
 * its `performer` is the patient (what real portals keep when they drop
 * tags; care_observation_is_patient_entered() accepts either).
 */
#define CARE_READING_TAG_SYSTEM "https://carebook.org/fhir/CodeSystem/reading-source"
#define CARE_READING_TAG_CODE "patient-entered"
#define CARE_READING_MEAL_EXTENSION "https://carebook.org/fhir/StructureDefinition/reading-meal"
#define CARE_READING_POSITION_EXTENSION "http://hl7.org/fhir/StructureDefinition/observation-bodyPosition"

/**
 * CareReading:
 * @kind: what it measures
 * @value: the value in @unit (the systolic of a blood pressure)
 * @value2: the diastolic of a blood pressure; NAN for other kinds
 * @unit: the unit the value was entered in (kg or lb, °C or °F…): sent as
 *   its UCUM code, never converted, so the portal gets what was typed
 * @time: when it was taken (with the offset it was taken at)
 * @arm: blood pressure only
 * @position: blood pressure only
 * @meal: blood glucose only
 * @device: (nullable): the device or app it came from, as
 *   Observation.device.display (an import sets it)
 * @note: (nullable): the person's comment
 *
 * One reading. Build it with care_reading_new() or care_reading_parse(),
 * check it with care_reading_validate(), and turn it into an Observation
 * with care_reading_to_observation() or a queued create with
 * care_reading_draft_new().
 */
typedef struct
{
  CareReadingKind      kind;
  double               value;
  double               value2;
  CareUnit             unit;
  GDateTime           *time;
  CareReadingArm       arm;
  CareReadingPosition  position;
  CareReadingMeal      meal;
  char                *device;
  char                *note;
} CareReading;

#define CARE_TYPE_READING (care_reading_get_type ())

GType        care_reading_get_type          (void) G_GNUC_CONST;
CareReading *care_reading_new               (CareReadingKind      kind,
                                             double               value,
                                             CareUnit             unit,
                                             GDateTime           *time);
CareReading *care_reading_new_blood_pressure (double              systolic,
                                              double              diastolic,
                                              GDateTime          *time);
CareReading *care_reading_copy              (const CareReading   *self);
void         care_reading_free              (CareReading         *self);

CareReading *care_reading_parse             (CareReadingKind      kind,
                                             const char          *value_text,
                                             const char          *unit_text,
                                             const char          *locale,
                                             GDateTime           *time,
                                             GError             **error);
gboolean     care_reading_validate          (const CareReading   *self,
                                             GError             **error);
char        *care_reading_format_value      (const CareReading   *self);
char        *care_reading_dup_summary       (const CareReading   *self);

JsonObject  *care_reading_to_observation    (const CareReading   *self,
                                             const char          *patient);
CareOutboxDraft *care_reading_draft_new     (const CareReading   *self,
                                             const char          *patient,
                                             GError             **error);
CareReading *care_reading_from_observation  (JsonObject          *observation,
                                             GError             **error);
gboolean     care_observation_is_patient_entered (JsonObject     *observation);

/* Kinds */
const char  *care_reading_kind_to_string    (CareReadingKind      kind);
gboolean     care_reading_kind_from_string  (const char          *text,
                                             CareReadingKind     *out_kind);
const char  *care_reading_kind_get_title    (CareReadingKind      kind);
const char  *care_reading_kind_get_entry_title (CareReadingKind  kind,
                                               gboolean         correct);
const char  *care_reading_kind_get_loinc    (CareReadingKind      kind,
                                             CareUnit             unit);
const char  *care_reading_kind_get_category (CareReadingKind      kind);
gboolean     care_reading_kind_from_loinc   (const char          *code,
                                             CareReadingKind     *out_kind);
const CareUnit *care_reading_kind_get_units (CareReadingKind      kind,
                                             guint               *n_units);
gboolean     care_reading_kind_accepts_unit (CareReadingKind      kind,
                                             CareUnit             unit);
CareUnit     care_reading_kind_get_unit_for_locale (CareReadingKind kind,
                                                    const char     *locale);
const char  *care_reading_kind_get_ucum     (CareReadingKind      kind,
                                             CareUnit             unit);
const char  *care_reading_kind_get_unit_display (CareReadingKind  kind,
                                                 CareUnit         unit);
const char  *care_reading_locale_current    (void);

const char  *care_reading_arm_to_string      (CareReadingArm      arm);
const char  *care_reading_position_to_string (CareReadingPosition position);
const char  *care_reading_meal_to_string     (CareReadingMeal     meal);
gboolean     care_reading_arm_from_string    (const char         *text,
                                              CareReadingArm     *out_arm);
gboolean     care_reading_position_from_string (const char       *text,
                                                CareReadingPosition *out_position);
gboolean     care_reading_meal_from_string   (const char         *text,
                                              CareReadingMeal    *out_meal);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareReading, care_reading_free)

G_END_DECLS
