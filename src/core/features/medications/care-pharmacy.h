/* care-pharmacy.h — the pharmacies a person's prescriptions go to
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-cache.h"

G_BEGIN_DECLS

/**
 * CarePharmacy:
 * @reference: (nullable): "Organization/id", when the portal names one
 * @name: how it is called
 * @phone: (nullable): its phone number
 * @last_used: when a prescription last went there (unix seconds; 0 unknown)
 */
typedef struct
{
  char   *reference;
  char   *name;
  char   *phone;
  gint64  last_used;
} CarePharmacy;

void          care_pharmacy_free      (CarePharmacy *pharmacy);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarePharmacy, care_pharmacy_free)

GPtrArray    *care_pharmacies_dup     (CareCache    *cache);
CarePharmacy *care_pharmacies_find    (GPtrArray    *pharmacies,
                                       const char   *words,
                                       GError      **error);
CarePharmacy *care_pharmacy_copy      (const CarePharmacy *pharmacy);

G_END_DECLS
