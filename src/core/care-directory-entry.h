/* care-directory-entry.h — one health system a person can pick
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "care-authorizer.h"

G_BEGIN_DECLS

#define CARE_TYPE_DIRECTORY_ENTRY (care_directory_entry_get_type ())

G_DECLARE_FINAL_TYPE (CareDirectoryEntry, care_directory_entry, CARE, DIRECTORY_ENTRY, GObject)

/**
 * CareDirectoryEntryInfo:
 * @name: the brand's name
 * @fhir_base: the normalized FHIR base
 * @aliases: (nullable): other names
 * @city: (nullable): the city
 * @state: (nullable): the US state or territory code ("CO")
 * @postal_code: (nullable): the zip code
 * @logo_url: (nullable): the brand's logo
 * @portal_name: (nullable): the patient portal's name ("MyChart")
 * @portal_url: (nullable): the patient portal's web address
 * @vendor: (nullable): the health IT vendor programme the endpoint belongs to
 * @client_id: (nullable): Carebook's client id in that programme
 * @redirect: how the portal wants the sign-in answer back
 *
 * What a directory file says about one (brand, endpoint) pair.
 */
typedef struct
{
  const char        *name;
  const char        *fhir_base;
  const char *const *aliases;
  const char        *city;
  const char        *state;
  const char        *postal_code;
  const char        *logo_url;
  const char        *portal_name;
  const char        *portal_url;
  const char        *vendor;
  const char        *client_id;
  CareRedirectMode   redirect;
} CareDirectoryEntryInfo;

CareDirectoryEntry *care_directory_entry_new          (const CareDirectoryEntryInfo *info);

const char *care_directory_entry_get_name        (CareDirectoryEntry *self);
const char *care_directory_entry_get_location    (CareDirectoryEntry *self);
const char *care_directory_entry_get_state       (CareDirectoryEntry *self);
const char *care_directory_entry_get_postal_code (CareDirectoryEntry *self);
const char *care_directory_entry_get_fhir_base   (CareDirectoryEntry *self);
const char *care_directory_entry_get_logo_url    (CareDirectoryEntry *self);
const char *care_directory_entry_get_portal_name (CareDirectoryEntry *self);
const char *care_directory_entry_get_portal_url  (CareDirectoryEntry *self);
const char *care_directory_entry_get_vendor      (CareDirectoryEntry *self);
const char *care_directory_entry_get_client_id   (CareDirectoryEntry *self);
CareRedirectMode care_directory_entry_get_redirect (CareDirectoryEntry *self);
gboolean    care_directory_entry_matches         (CareDirectoryEntry *self,
                                                  const char         *query);
int         care_directory_entry_score           (CareDirectoryEntry *self,
                                                  const char *const  *words);

char       *care_directory_fold                  (const char         *text);
char      **care_directory_split_query           (const char         *query);
const char *care_directory_state_of_zip          (const char         *zip);
const char *care_directory_state_name            (const char         *code);

G_END_DECLS
