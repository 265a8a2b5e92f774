/* care-person.c — one person whose record this install may see
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-person.h"

#include "care-core-enums.h"
#include "care-fhir.h"

#include <stdio.h>
#include <string.h>

struct _CarePerson
{
  GObject           parent_instance;

  char             *id;
  char             *display_name;
  char             *birth_date;
  CareRelationship  relationship;
  CareAccessLevel   access_level;
  gboolean          deceased;
  char             *deceased_date;
  char             *gender;
};

G_DEFINE_FINAL_TYPE (CarePerson, care_person, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DISPLAY_NAME,
  PROP_BIRTH_DATE,
  PROP_RELATIONSHIP,
  PROP_ACCESS_LEVEL,
  PROP_DECEASED,
  PROP_DECEASED_DATE,
  PROP_GENDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
care_person_finalize (GObject *object)
{
  CarePerson *self = (CarePerson *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->birth_date, g_free);
  g_clear_pointer (&self->deceased_date, g_free);
  g_clear_pointer (&self->gender, g_free);

  G_OBJECT_CLASS (care_person_parent_class)->finalize (object);
}

static void
care_person_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CarePerson *self = CARE_PERSON (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case PROP_BIRTH_DATE:
      g_value_set_string (value, self->birth_date);
      break;

    case PROP_RELATIONSHIP:
      g_value_set_enum (value, self->relationship);
      break;

    case PROP_ACCESS_LEVEL:
      g_value_set_enum (value, self->access_level);
      break;

    case PROP_DECEASED:
      g_value_set_boolean (value, self->deceased);
      break;

    case PROP_DECEASED_DATE:
      g_value_set_string (value, self->deceased_date);
      break;

    case PROP_GENDER:
      g_value_set_string (value, self->gender);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_person_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CarePerson *self = CARE_PERSON (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_DISPLAY_NAME:
      care_person_set_display_name (self, g_value_get_string (value));
      break;

    case PROP_BIRTH_DATE:
      self->birth_date = g_value_dup_string (value);
      break;

    case PROP_RELATIONSHIP:
      self->relationship = g_value_get_enum (value);
      break;

    case PROP_ACCESS_LEVEL:
      care_person_set_access_level (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_person_class_init (CarePersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = care_person_finalize;
  object_class->get_property = care_person_get_property;
  object_class->set_property = care_person_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* An ISO 8601 date (YYYY-MM-DD), as FHIR's Patient.birthDate. */
  properties[PROP_BIRTH_DATE] =
    g_param_spec_string ("birth-date", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RELATIONSHIP] =
    g_param_spec_enum ("relationship", NULL, NULL,
                       CARE_TYPE_RELATIONSHIP,
                       CARE_RELATIONSHIP_SELF,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ACCESS_LEVEL] =
    g_param_spec_enum ("access-level", NULL, NULL,
                       CARE_TYPE_ACCESS_LEVEL,
                       CARE_ACCESS_FULL,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* From Patient.deceased[x]: whether the person has died, and when
   * (a FHIR date or dateTime) when the record says. */
  properties[PROP_DECEASED] =
    g_param_spec_boolean ("deceased", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DECEASED_DATE] =
    g_param_spec_string ("deceased-date", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* From Patient.gender ("male", "female", "other", "unknown"), so a
   * child is "Your son" or "Your daughter" when the record says. */
  properties[PROP_GENDER] =
    g_param_spec_string ("gender", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
care_person_init (CarePerson *self)
{
}

/**
 * care_person_new:
 * @id: a stable key for the person (the connection key)
 * @display_name: the name to show
 * @birth_date: (nullable): ISO 8601 birth date
 * @relationship: how the person relates to the signed-in user
 *
 * Returns: (transfer full): a new #CarePerson
 */
CarePerson *
care_person_new (const char       *id,
                 const char       *display_name,
                 const char       *birth_date,
                 CareRelationship  relationship)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (CARE_TYPE_PERSON,
                       "id", id,
                       "display-name", display_name,
                       "birth-date", birth_date,
                       "relationship", relationship,
                       NULL);
}

const char *
care_person_get_id (CarePerson *self)
{
  g_return_val_if_fail (CARE_IS_PERSON (self), NULL);

  return self->id;
}

const char *
care_person_get_display_name (CarePerson *self)
{
  g_return_val_if_fail (CARE_IS_PERSON (self), NULL);

  return self->display_name;
}

/**
 * care_person_dup_avatar_text:
 * @self: a #CarePerson
 *
 * The name an avatar takes its initials from: the display name without a
 * preferred name in brackets or quotes beside it ("Thomas Edward Whitfield
 * (Tom)" gives "Thomas Edward Whitfield", whose initials are "TW", not
 * "T(").
 *
 * Returns: (transfer full) (nullable): the text, or %NULL without a name
 */
char *
care_person_dup_avatar_text (CarePerson *self)
{
  GString *text;
  int depth = 0;

  g_return_val_if_fail (CARE_IS_PERSON (self), NULL);

  if (self->display_name == NULL)
    return NULL;

  text = g_string_new (NULL);
  for (const char *p = self->display_name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '(' || c == '[')
        depth++;
      else if ((c == ')' || c == ']') && depth > 0)
        depth--;
      else if (depth == 0 && c != '"' && c != 0x201C && c != 0x201D)
        g_string_append_unichar (text, c);
    }
  g_strstrip (text->str);
  text->len = strlen (text->str);
  /* A name that is all brackets keeps what it had. */
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return g_strdup (self->display_name);
    }
  return g_string_free (text, FALSE);
}

void
care_person_set_display_name (CarePerson *self,
                              const char *display_name)
{
  g_return_if_fail (CARE_IS_PERSON (self));

  if (g_strcmp0 (self->display_name, display_name) == 0)
    return;

  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

const char *
care_person_get_birth_date (CarePerson *self)
{
  g_return_val_if_fail (CARE_IS_PERSON (self), NULL);

  return self->birth_date;
}

CareRelationship
care_person_get_relationship (CarePerson *self)
{
  g_return_val_if_fail (CARE_IS_PERSON (self), CARE_RELATIONSHIP_SELF);

  return self->relationship;
}

CareAccessLevel
care_person_get_access_level (CarePerson *self)
{
  g_return_val_if_fail (CARE_IS_PERSON (self), CARE_ACCESS_FULL);

  return self->access_level;
}

void
care_person_set_access_level (CarePerson      *self,
                              CareAccessLevel  access_level)
{
  g_return_if_fail (CARE_IS_PERSON (self));

  if (self->access_level == access_level)
    return;

  self->access_level = access_level;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCESS_LEVEL]);
}

static gboolean
parse_birth_date (const char *text,
                  GDate      *out)
{
  int y, m, d;

  g_date_clear (out, 1);

  if (text == NULL || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

/* A person who has died stays the age they reached; when the record does
 * not say when they died, that age is not known (%NULL). */
static GDate *
clamp_to_death (CarePerson *self,
                GDate      *day,
                GDate      *died)
{
  if (!self->deceased)
    return day;
  if (!parse_birth_date (self->deceased_date, died))
    return NULL;
  return g_date_compare (died, day) < 0 ? died : day;
}

/**
 * care_age_in_months:
 * @birth: the birth date
 * @day: the day to measure on
 *
 * Whole months completed between @birth and @day; a month is completed on
 * the same day of the month as the birth (or the month's last day when it
 * is shorter).
 *
 * Returns: the age in completed months, or -1 when @day is before @birth
 */
int
care_age_in_months (GDate *birth,
                    GDate *day)
{
  int months;
  int birth_day;
  int last_day;

  g_return_val_if_fail (birth != NULL && g_date_valid (birth), -1);
  g_return_val_if_fail (day != NULL && g_date_valid (day), -1);

  if (g_date_compare (day, birth) < 0)
    return -1;

  months = (g_date_get_year (day) - g_date_get_year (birth)) * 12
           + ((int)g_date_get_month (day) - (int)g_date_get_month (birth));

  birth_day = g_date_get_day (birth);
  last_day = g_date_get_days_in_month (g_date_get_month (day), g_date_get_year (day));
  if ((int)g_date_get_day (day) < MIN (birth_day, last_day))
    months--;

  return months;
}

/**
 * care_person_get_deceased:
 * @self: a #CarePerson
 *
 * Returns: whether the record says the person has died
 */
gboolean
care_person_get_deceased (CarePerson *self)
{
  g_return_val_if_fail (CARE_IS_PERSON (self), FALSE);

  return self->deceased;
}

/**
 * care_person_get_deceased_date:
 * @self: a #CarePerson
 *
 * Returns: (nullable): when the person died (FHIR date or dateTime), if known
 */
const char *
care_person_get_deceased_date (CarePerson *self)
{
  g_return_val_if_fail (CARE_IS_PERSON (self), NULL);

  return self->deceased_date;
}

/**
 * care_person_set_deceased:
 * @self: a #CarePerson
 * @deceased: whether the person has died
 * @date: (nullable): when, as Patient.deceasedDateTime gives it
 */
void
care_person_set_deceased (CarePerson *self,
                          gboolean    deceased,
                          const char *date)
{
  g_return_if_fail (CARE_IS_PERSON (self));

  if (!deceased)
    date = NULL;
  if (self->deceased != !!deceased)
    {
      self->deceased = !!deceased;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECEASED]);
    }
  if (g_strcmp0 (self->deceased_date, date) != 0)
    {
      g_free (self->deceased_date);
      self->deceased_date = g_strdup (date);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECEASED_DATE]);
    }
}

/**
 * care_person_get_age_on:
 * @self: a #CarePerson
 * @day: the day to measure on
 *
 * Returns: the age in completed years on @day, or -1 if unknown
 */
int
care_person_get_age_on (CarePerson *self,
                        GDate      *day)
{
  GDate birth;
  GDate died;
  int months;

  g_return_val_if_fail (CARE_IS_PERSON (self), -1);

  if (!parse_birth_date (self->birth_date, &birth))
    return -1;

  day = clamp_to_death (self, day, &died);
  if (day == NULL)
    return -1;
  months = care_age_in_months (&birth, day);
  return months < 0 ? -1 : months / 12;
}

/**
 * care_person_dup_age_text:
 * @self: a #CarePerson
 * @day: the day to measure on
 *
 * An age as people say it: weeks for a newborn, months up to two years,
 * then years.
 *
 * Returns: (transfer full) (nullable): the age, or %NULL if unknown
 */
char *
care_person_dup_age_text (CarePerson *self,
                          GDate      *day)
{
  GDate birth;
  GDate died;
  int months;

  g_return_val_if_fail (CARE_IS_PERSON (self), NULL);

  if (!parse_birth_date (self->birth_date, &birth))
    return NULL;

  day = clamp_to_death (self, day, &died);
  if (day == NULL)
    return NULL;
  months = care_age_in_months (&birth, day);
  if (months < 0)
    return NULL;

  if (months < 2)
    {
      int weeks = g_date_days_between (&birth, day) / 7;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d week", "%d weeks", weeks), weeks);
    }

  if (months < 24)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month", "%d months", months), months);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", months / 12),
                          months / 12);
}

/**
 * care_person_get_relationship_text:
 * @self: a #CarePerson
 *
 * Returns: the relationship, translated, from the signed-in user's side
 */
const char *
care_person_get_relationship_text (CarePerson *self)
{
  g_return_val_if_fail (CARE_IS_PERSON (self), NULL);

  switch (self->relationship)
    {
    case CARE_RELATIONSHIP_SELF:
      return C_("relationship", "You");
    case CARE_RELATIONSHIP_CHILD:
      if (g_strcmp0 (self->gender, "male") == 0)
        return C_("relationship", "Your son");
      if (g_strcmp0 (self->gender, "female") == 0)
        return C_("relationship", "Your daughter");
      return C_("relationship", "Your child");
    case CARE_RELATIONSHIP_PARENT:
      return C_("relationship", "Your parent");
    case CARE_RELATIONSHIP_SPOUSE:
      return C_("relationship", "Your partner");
    case CARE_RELATIONSHIP_OTHER:
    default:
      return C_("relationship", "Shared with you");
    }
}

/**
 * care_person_get_access_text:
 * @self: a #CarePerson
 *
 * Returns: the access level, translated
 */
const char *
care_person_get_access_text (CarePerson *self)
{
  g_return_val_if_fail (CARE_IS_PERSON (self), NULL);

  switch (self->access_level)
    {
    case CARE_ACCESS_LIMITED:
      return _("Limited access");
    case CARE_ACCESS_SIGN_IN_AGAIN:
      return _("Sign in again");
    case CARE_ACCESS_FULL:
    default:
      return _("Full access");
    }
}

static char *
dup_died_text (CarePerson *self,
               const char *age)
{
  GDate died;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *day = NULL;

  if (!parse_birth_date (self->deceased_date, &died))
    return age != NULL
      /* Translators: %s is the age a person reached, "63 years" */
      ? g_strdup_printf (_("Died aged %s"), age)
      : g_strdup (_("Died"));

  when = g_date_time_new_local (g_date_get_year (&died), g_date_get_month (&died),
                                g_date_get_day (&died), 12, 0, 0);
  /* Translators: a date, g_date_time_format(): "March 3, 2024" */
  day = g_date_time_format (when, _("%B %-d, %Y"));
  return age != NULL
    /* Translators: %1$s is a date, %2$s the age a person reached: "Died on March 3, 2024, aged 63 years" */
    ? g_strdup_printf (_("Died on %1$s, aged %2$s"), day, age)
    /* Translators: %s is a date */
    : g_strdup_printf (_("Died on %s"), day);
}

/**
 * care_person_dup_died_text:
 * @self: a #CarePerson
 * @day: the day to measure on
 *
 * Returns: (transfer full) (nullable): "Died on March 3, 2024, aged 63
 *   years", or %NULL for someone the record does not say has died
 */
char *
care_person_dup_died_text (CarePerson *self,
                           GDate      *day)
{
  g_autofree char *age = NULL;

  g_return_val_if_fail (CARE_IS_PERSON (self), NULL);

  if (!self->deceased)
    return NULL;
  age = care_person_dup_age_text (self, day);
  return dup_died_text (self, age);
}

/**
 * care_person_dup_summary:
 * @self: a #CarePerson
 * @day: the day ages are measured on
 *
 * One line describing the person for a switcher row: age, relationship and
 * access level.
 *
 * Returns: (transfer full): the summary
 */
char *
care_person_dup_summary (CarePerson *self,
                         GDate      *day)
{
  g_autofree char *age = NULL;

  g_return_val_if_fail (CARE_IS_PERSON (self), NULL);

  age = care_person_dup_age_text (self, day);

  if (self->deceased)
    {
      g_autofree char *died = dup_died_text (self, age);

      /* Translators: "Died on March 3, 2024, aged 63 · Your parent" */
      return g_strdup_printf (_("%1$s · %2$s"), died, care_person_get_relationship_text (self));
    }

  if (age == NULL)
    /* Translators: relationship · access level, e.g. "Your child · Full access" */
    return g_strdup_printf (_("%1$s · %2$s"),
                            care_person_get_relationship_text (self),
                            care_person_get_access_text (self));

  /* Translators: age · relationship · access level, e.g. "8 years · Your child · Full access" */
  return g_strdup_printf (_("%1$s · %2$s · %3$s"),
                          age,
                          care_person_get_relationship_text (self),
                          care_person_get_access_text (self));
}

/**
 * care_person_get_gender:
 * @self: a #CarePerson
 *
 * Returns: (nullable): Patient.gender, as the record says it
 */
const char *
care_person_get_gender (CarePerson *self)
{
  g_return_val_if_fail (CARE_IS_PERSON (self), NULL);

  return self->gender;
}

/**
 * care_person_set_gender:
 * @self: a #CarePerson
 * @gender: (nullable): a Patient.gender code
 */
void
care_person_set_gender (CarePerson *self,
                        const char *gender)
{
  g_return_if_fail (CARE_IS_PERSON (self));

  if (g_strcmp0 (self->gender, gender) == 0)
    return;
  g_free (self->gender);
  self->gender = g_strdup (gender);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENDER]);
}

/**
 * care_person_update_from_patient:
 * @self: a #CarePerson
 * @patient: (nullable): the person's Patient resource, from their record
 *
 * Takes what the record says of the person now: their name (official,
 * with the one they go by beside it), their sex (Patient.gender, so a
 * child is "Your son" or "Your daughter"), and whether and when they died
 * (deceasedBoolean / deceasedDateTime).
 */
void
care_person_update_from_patient (CarePerson *self,
                                 JsonObject *patient)
{
  g_autofree char *name = NULL;
  JsonNode *node;
  const char *date;

  g_return_if_fail (CARE_IS_PERSON (self));

  if (patient == NULL)
    return;
  name = care_fhir_dup_display_name (care_fhir_get_array (patient, "name"));
  if (name != NULL)
    care_person_set_display_name (self, name);
  care_person_set_gender (self, care_fhir_get_string (patient, "gender"));
  date = care_fhir_get_string (patient, "deceasedDateTime");
  node = json_object_get_member (patient, "deceasedBoolean");
  if (date != NULL)
    care_person_set_deceased (self, TRUE, date);
  else if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
           json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    care_person_set_deceased (self, json_node_get_boolean (node), NULL);
  else
    care_person_set_deceased (self, FALSE, NULL);
}
