/* care-reading-private.h — what the reading files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-reading.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;          /* on the command line and in files */
  const char *title;         /* N_() */
  const char *category;      /* observation-category */
  CareUnit    units[2];      /* the units it is entered in; CARE_UNIT_OTHER = its own */
  const char *own_ucum;      /* the UCUM code when units[0] is CARE_UNIT_OTHER */
  const char *own_display;   /* N_() */
  double      low;           /* plausible range, in units[0] */
  double      high;
  gboolean    whole;         /* whole numbers only */
} KindInfo;

/* The diastolic's own range; the systolic uses the kind's. */
#define DIASTOLIC_LOW 20
#define DIASTOLIC_HIGH 200

const KindInfo *care_reading_kind_info     (CareReadingKind kind);
char           *care_reading_format_number (double          value);

G_END_DECLS
