/* care-person.h — one person whose record this install may see
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "care-types.h"

G_BEGIN_DECLS

/**
 * CareRelationship:
 * @CARE_RELATIONSHIP_SELF: the signed-in user's own record
 * @CARE_RELATIONSHIP_CHILD: a child of the signed-in user
 * @CARE_RELATIONSHIP_PARENT: a parent of the signed-in user
 * @CARE_RELATIONSHIP_SPOUSE: a spouse or partner
 * @CARE_RELATIONSHIP_OTHER: anyone else who granted access
 *
 * How a person relates to whoever signed in to the portal.
 */
typedef enum
{
  CARE_RELATIONSHIP_SELF,
  CARE_RELATIONSHIP_CHILD,
  CARE_RELATIONSHIP_PARENT,
  CARE_RELATIONSHIP_SPOUSE,
  CARE_RELATIONSHIP_OTHER,
} CareRelationship;

/**
 * CareAccessLevel:
 * @CARE_ACCESS_FULL: the whole record
 * @CARE_ACCESS_LIMITED: proxy access that withholds some types (a teen's record)
 * @CARE_ACCESS_SIGN_IN_AGAIN: the authorization lapsed; cached data stays readable
 *
 * What the portal lets this install see of a person.
 */
typedef enum
{
  CARE_ACCESS_FULL,
  CARE_ACCESS_LIMITED,
  CARE_ACCESS_SIGN_IN_AGAIN,
} CareAccessLevel;

#define CARE_TYPE_PERSON (care_person_get_type ())

G_DECLARE_FINAL_TYPE (CarePerson, care_person, CARE, PERSON, GObject)

CarePerson       *care_person_new                 (const char       *id,
                                                   const char       *display_name,
                                                   const char       *birth_date,
                                                   CareRelationship  relationship);
const char       *care_person_get_id              (CarePerson       *self);
const char       *care_person_get_display_name    (CarePerson       *self);
char             *care_person_dup_avatar_text     (CarePerson       *self);
void              care_person_set_display_name    (CarePerson       *self,
                                                   const char       *display_name);
const char       *care_person_get_birth_date      (CarePerson       *self);
CareRelationship  care_person_get_relationship    (CarePerson       *self);
CareAccessLevel   care_person_get_access_level    (CarePerson       *self);
void              care_person_set_access_level    (CarePerson       *self,
                                                   CareAccessLevel   access_level);
int               care_person_get_age_on          (CarePerson       *self,
                                                   GDate            *day);
char             *care_person_dup_age_text        (CarePerson       *self,
                                                   GDate            *day);
const char       *care_person_get_relationship_text (CarePerson     *self);
const char       *care_person_get_access_text     (CarePerson       *self);
char             *care_person_dup_summary         (CarePerson       *self,
                                                   GDate            *day);
gboolean          care_person_get_deceased        (CarePerson       *self);
const char       *care_person_get_deceased_date   (CarePerson       *self);
void              care_person_set_deceased        (CarePerson       *self,
                                                   gboolean          deceased,
                                                   const char       *date);
char             *care_person_dup_died_text       (CarePerson       *self,
                                                   GDate            *day);
const char       *care_person_get_gender          (CarePerson       *self);
void              care_person_set_gender          (CarePerson       *self,
                                                   const char       *gender);
void              care_person_update_from_patient (CarePerson       *self,
                                                   JsonObject       *patient);

int               care_age_in_months              (GDate            *birth,
                                                   GDate            *day);

G_END_DECLS
