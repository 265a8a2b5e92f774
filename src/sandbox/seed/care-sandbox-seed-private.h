/* care-sandbox-seed-private.h — shared by the demo seeder's files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-lms.h"
#include "care-sandbox-store.h"

G_BEGIN_DECLS

typedef struct
{
  CareSandboxStore *store;
  CareLms          *lms;
  GRand            *rand;
  GDate             today;
  guint             scale;
  guint             written;
  GError          **error;
  gboolean          failed;
} Seeder;

/* One Observation with a quantity. @low and @high may be NAN (no bound);
 * with at least one bound the value gets a referenceRange and an
 * interpretation (H, L or N). */
typedef struct
{
  const char *id;
  const char *patient;
  const char *encounter;      /* nullable: an Encounter id */
  const char *category;       /* "laboratory", "vital-signs"… */
  const char *code;           /* LOINC */
  const char *display;
  double      value;
  int         decimals;
  const char *unit;           /* UCUM */
  double      low;
  double      high;
  const char *date;           /* YYYY-MM-DD */
  const char *time;           /* HH:MM */
} SeedObservation;

/* LOINC, SNOMED and other systems, spelled once. */
#define SEED_LOINC  "http://loinc.org"
#define SEED_SNOMED "http://snomed.info/sct"
#define SEED_RXNORM "http://www.nlm.nih.gov/research/umls/rxnorm"
#define SEED_CVX    "http://hl7.org/fhir/sid/cvx"
#define SEED_UCUM   "http://unitsofmeasure.org"
/* An Organization that is a pharmacy: NUCC's "Community/Retail Pharmacy". */
#define SEED_PHARMACY_TYPE "{\"coding\":[{\"system\":\"http://nucc.org/provider-taxonomy\"," \
                           "\"code\":\"3336C0003X\",\"display\":\"Community/Retail Pharmacy\"}]," \
                           "\"text\":\"Pharmacy\"}"

void    care_seed_put               (Seeder                *seeder,
                                     const char            *format,
                                     ...) G_GNUC_PRINTF (2, 3);
char   *care_seed_day               (Seeder                *seeder,
                                     int                    days_ago);
char   *care_seed_birth_date        (Seeder                *seeder,
                                     int                    years,
                                     int                    extra_days);
int     care_seed_days_since        (Seeder                *seeder,
                                     const char            *date);
double  care_seed_jitter            (Seeder                *seeder,
                                     double                 amount);
char   *care_seed_time              (const char            *date,
                                     const char            *clock,
                                     int                    plus_minutes);
char   *care_seed_dup_base64_pdf    (const char            *title,
                                     const char            *subtitle,
                                     const char            *date,
                                     const char * const    *lines);

void    care_seed_observation       (Seeder                *seeder,
                                     const SeedObservation *obs);
void    care_seed_blood_pressure    (Seeder                *seeder,
                                     const char            *id,
                                     const char            *patient,
                                     const char            *encounter,
                                     int                    systolic,
                                     int                    diastolic,
                                     const char            *date);
void    care_seed_report            (Seeder                *seeder,
                                     const char            *id,
                                     const char            *patient,
                                     const char            *encounter,
                                     const char            *code,
                                     const char            *display,
                                     const char * const    *results,
                                     const char            *date,
                                     const char            *conclusion);
void    care_seed_condition         (Seeder                *seeder,
                                     const char            *id,
                                     const char            *patient,
                                     const char            *encounter,
                                     const char            *code,
                                     const char            *display,
                                     const char            *onset,
                                     const char            *abatement);
void    care_seed_medication        (Seeder                *seeder,
                                     const char            *id,
                                     const char            *rxnorm,
                                     const char            *display,
                                     const char            *form);
void    care_seed_prescription      (Seeder                *seeder,
                                     const char            *id,
                                     const char            *patient,
                                     const char            *medication,
                                     const char            *status,
                                     const char            *authored,
                                     const char            *prescriber,
                                     const char            *reason,
                                     const char            *instructions,
                                     int                    per_day,
                                     double                 dose,
                                     const char            *dose_unit,
                                     gboolean               as_needed,
                                     int                    supply_days,
                                     int                    refills);
void    care_seed_immunization      (Seeder                *seeder,
                                     const char            *id,
                                     const char            *patient,
                                     const char            *encounter,
                                     const char            *cvx,
                                     const char            *display,
                                     const char            *date,
                                     const char            *location);
void    care_seed_encounter         (Seeder                *seeder,
                                     const char            *id,
                                     const char            *patient,
                                     const char            *type,
                                     const char            *practitioner,
                                     const char            *location,
                                     const char            *reason,
                                     const char            *date,
                                     const char            *time);
void    care_seed_document          (Seeder                *seeder,
                                     const char            *id,
                                     const char            *patient,
                                     const char            *encounter,
                                     const char            *loinc,
                                     const char            *title,
                                     const char            *author,
                                     const char            *content_type,
                                     const char            *data_base64,
                                     const char            *date);
void    care_seed_message           (Seeder                *seeder,
                                     const char            *id,
                                     const char            *patient,
                                     const char            *thread,
                                     const char            *in_reply_to,
                                     const char            *sender,
                                     const char            *recipient,
                                     const char            *topic,
                                     const char            *text,
                                     const char            *sent);

/* The parts of the family, one file each. */
void    care_seed_adult             (Seeder                *seeder);
void    care_seed_adult_documents   (Seeder                *seeder);
void    care_seed_child             (Seeder                *seeder);
void    care_seed_teen              (Seeder                *seeder);
void    care_seed_elder             (Seeder                *seeder);
void    care_seed_care_plans        (Seeder                *seeder);
void    care_seed_reading_requests  (Seeder                *seeder);
void    care_seed_billing           (Seeder                *seeder);
void    care_seed_messages          (Seeder                *seeder);
void    care_seed_appointments      (Seeder                *seeder);
void    care_seed_schedules         (Seeder                *seeder);
void    care_seed_home_readings     (Seeder                *seeder);
void    care_seed_questionnaires    (Seeder                *seeder);
void    care_seed_given             (Seeder                *seeder);

G_END_DECLS
