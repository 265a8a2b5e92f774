/* care-directory-entry.c — one health system a person can pick
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An entry is a (brand, endpoint) pair of a SMART User-access Brands file:
 * the name people know, where it is, the FHIR base to sign in to, and what
 * the sign-in needs (the vendor programme's client id, the redirect the
 * portal accepts). Each entry folds its words once, when it is made, so a
 * search over tens of thousands of them is a few string scans per entry.
 *
 * Folding: lower case, accents and apostrophes dropped ("Children's" is
 * "childrens"), any other punctuation a space. A query word matches the
 * start of a word of the name, another name, the city, the state (code or
 * name) or the zip code; a zip code also matches every entry of its state.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-core-enums.h"
#include "care-directory-entry.h"

GResource *care_directory_tables_get_resource (void);

struct _CareDirectoryEntry
{
  GObject           parent_instance;

  char             *name;
  char             *location;
  char             *city;
  char             *state;
  char             *postal_code;
  char             *fhir_base;
  char             *logo_url;
  char             *portal_name;
  char             *portal_url;
  char             *vendor;
  char             *client_id;
  CareRedirectMode  redirect;

  /* Folded, each with a space before every word and at the end. */
  char             *folded_name;
  char             *folded_all;
};

G_DEFINE_FINAL_TYPE (CareDirectoryEntry, care_directory_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_LOCATION,
  PROP_FHIR_BASE,
  PROP_LOGO_URL,
  PROP_REDIRECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
care_directory_entry_finalize (GObject *object)
{
  CareDirectoryEntry *self = (CareDirectoryEntry *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->location, g_free);
  g_clear_pointer (&self->city, g_free);
  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->postal_code, g_free);
  g_clear_pointer (&self->fhir_base, g_free);
  g_clear_pointer (&self->logo_url, g_free);
  g_clear_pointer (&self->portal_name, g_free);
  g_clear_pointer (&self->portal_url, g_free);
  g_clear_pointer (&self->vendor, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->folded_name, g_free);
  g_clear_pointer (&self->folded_all, g_free);

  G_OBJECT_CLASS (care_directory_entry_parent_class)->finalize (object);
}

static void
care_directory_entry_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CareDirectoryEntry *self = CARE_DIRECTORY_ENTRY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;

    case PROP_FHIR_BASE:
      g_value_set_string (value, self->fhir_base);
      break;

    case PROP_LOGO_URL:
      g_value_set_string (value, self->logo_url);
      break;

    case PROP_REDIRECT:
      g_value_set_enum (value, self->redirect);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_directory_entry_class_init (CareDirectoryEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = care_directory_entry_finalize;
  object_class->get_property = care_directory_entry_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOCATION] =
    g_param_spec_string ("location", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_FHIR_BASE] =
    g_param_spec_string ("fhir-base", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOGO_URL] =
    g_param_spec_string ("logo-url", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_REDIRECT] =
    g_param_spec_enum ("redirect", NULL, NULL,
                       CARE_TYPE_REDIRECT_MODE, CARE_REDIRECT_LOOPBACK,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
care_directory_entry_init (CareDirectoryEntry *self)
{
  self->redirect = CARE_REDIRECT_LOOPBACK;
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == '`' || c == 0x2019 || c == 0x2018 || c == 0x00B4 || c == 0x02BC;
}

/**
 * care_directory_fold:
 * @text: (nullable): a name or what someone typed
 *
 * Folds @text for matching: lower case, accents and apostrophes dropped,
 * any other character that is not a letter or digit a single space, no
 * space at either end. "Children's Hospital — Colorado" gives "childrens
 * hospital colorado"; "Clínica" gives "clinica".
 *
 * Returns: (transfer full): the folded text, maybe empty
 */
char *
care_directory_fold (const char *text)
{
  GString *folded = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n;

      if (c == (gunichar)-1 || c == (gunichar)-2)
        break;
      if (is_apostrophe (c))
        continue;

      /* The first character of the full decomposition is the base letter:
       * "í" is "i" and a combining acute accent. */
      n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
      c = n > 0 ? decomposed[0] : c;
      if (g_unichar_ismark (c))
        continue;

      if (!g_unichar_isalnum (c))
        {
          space = folded->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (folded, ' ');
      space = FALSE;
      g_string_append_unichar (folded, g_unichar_tolower (c));
    }

  return g_string_free (folded, FALSE);
}

/**
 * care_directory_split_query:
 * @query: (nullable): what someone typed
 *
 * Returns: (transfer full): the folded words of @query, maybe none
 */
char **
care_directory_split_query (const char *query)
{
  g_autofree char *folded = care_directory_fold (query);

  if (folded[0] == '\0')
    return g_new0 (char *, 1);

  return g_strsplit (folded, " ", -1);
}

typedef struct
{
  char        zip3[1000][3];
  GHashTable *names;   /* code → name */
} Places;

static void
read_tsv (const char  *resource,
          void       (*row) (Places *, char **, guint),
          Places      *places)
{
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;

  bytes = g_resource_lookup_data (care_directory_tables_get_resource (), resource,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (bytes != NULL);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      row (places, fields, g_strv_length (fields));
    }
}

static void
zip_row (Places  *places,
         char   **fields,
         guint    n)
{
  guint64 first, last;

  if (n != 3 || strlen (fields[2]) != 2 ||
      !g_ascii_string_to_unsigned (fields[0], 10, 0, 999, &first, NULL) ||
      !g_ascii_string_to_unsigned (fields[1], 10, first, 999, &last, NULL))
    return;
  for (guint64 i = first; i <= last; i++)
    memcpy (places->zip3[i], fields[2], 3);
}

static void
state_row (Places  *places,
           char   **fields,
           guint    n)
{
  if (n == 2)
    g_hash_table_insert (places->names, g_strdup (fields[0]), g_strdup (fields[1]));
}

static const Places *
get_places (void)
{
  static Places *places;

  if (g_once_init_enter (&places))
    {
      Places *tables = g_new0 (Places, 1);

      tables->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      read_tsv ("/org/carebook/Carebook/core/directory/zip3-states.tsv", zip_row, tables);
      read_tsv ("/org/carebook/Carebook/core/directory/states.tsv", state_row, tables);
      g_once_init_leave (&places, tables);
    }

  return places;
}

/**
 * care_directory_state_of_zip:
 * @zip: (nullable): a US zip code, or its first three digits or more
 *
 * Returns: (nullable): the state's code ("CO"), or %NULL if @zip is not
 *   a zip code of a state or territory
 */
const char *
care_directory_state_of_zip (const char *zip)
{
  const Places *places = get_places ();
  guint prefix;

  if (zip == NULL || !g_ascii_isdigit (zip[0]) || !g_ascii_isdigit (zip[1]) ||
      !g_ascii_isdigit (zip[2]))
    return NULL;

  prefix = (zip[0] - '0') * 100 + (zip[1] - '0') * 10 + (zip[2] - '0');
  return places->zip3[prefix][0] != '\0' ? places->zip3[prefix] : NULL;
}

/**
 * care_directory_state_name:
 * @code: (nullable): a state's code ("CO")
 *
 * Returns: (nullable): its name ("Colorado"), in English as the lists use it
 */
const char *
care_directory_state_name (const char *code)
{
  if (code == NULL)
    return NULL;

  return g_hash_table_lookup (get_places ()->names, code);
}

static char *
dup_location (CareDirectoryEntry *self)
{
  g_autoptr(GString) place = g_string_new (NULL);

  if (self->city != NULL && self->state != NULL)
    /* Translators: a health system's place: city, state ("Aurora, CO") */
    g_string_printf (place, _("%1$s, %2$s"), self->city, self->state);
  else if (self->city != NULL || self->state != NULL)
    g_string_append (place, self->city != NULL ? self->city : self->state);

  if (self->postal_code != NULL)
    g_string_append_printf (place, place->len > 0 ? " %s" : "%s", self->postal_code);

  return place->len > 0 ? g_string_free (g_steal_pointer (&place), FALSE) : NULL;
}

static void
append_folded (GString    *index,
               const char *text)
{
  g_autofree char *folded = care_directory_fold (text);

  if (folded[0] == '\0')
    return;
  g_string_append (index, folded);
  g_string_append_c (index, ' ');
}

/**
 * care_directory_entry_new:
 * @info: what the directory file says
 *
 * Returns: (transfer full): a new entry
 */
CareDirectoryEntry *
care_directory_entry_new (const CareDirectoryEntryInfo *info)
{
  CareDirectoryEntry *self;
  g_autoptr(GString) index = g_string_new (" ");

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (info->name != NULL && info->fhir_base != NULL, NULL);

  self = g_object_new (CARE_TYPE_DIRECTORY_ENTRY, NULL);
  self->name = g_strdup (info->name);
  self->fhir_base = g_strdup (info->fhir_base);
  self->city = g_strdup (info->city);
  self->state = g_strdup (info->state);
  self->postal_code = g_strdup (info->postal_code);
  self->logo_url = g_strdup (info->logo_url);
  self->portal_name = g_strdup (info->portal_name);
  self->portal_url = g_strdup (info->portal_url);
  self->vendor = g_strdup (info->vendor);
  self->client_id = g_strdup (info->client_id);
  self->redirect = info->redirect;

  /* A zip code alone still gives the state. */
  if (self->state == NULL && self->postal_code != NULL)
    self->state = g_strdup (care_directory_state_of_zip (self->postal_code));
  self->location = dup_location (self);

  append_folded (index, self->name);
  self->folded_name = g_strdup (index->str);
  for (guint i = 0; info->aliases != NULL && info->aliases[i] != NULL; i++)
    append_folded (index, info->aliases[i]);
  append_folded (index, self->portal_name);
  append_folded (index, self->city);
  append_folded (index, self->state);
  append_folded (index, care_directory_state_name (self->state));
  append_folded (index, self->postal_code);
  self->folded_all = g_string_free (g_steal_pointer (&index), FALSE);

  return self;
}

const char *
care_directory_entry_get_name (CareDirectoryEntry *self)
{
  g_return_val_if_fail (CARE_IS_DIRECTORY_ENTRY (self), NULL);

  return self->name;
}

/**
 * care_directory_entry_get_location:
 * @self: a #CareDirectoryEntry
 *
 * Returns: (nullable): where the health system is, as known: "City, ST",
 *   "ST 80045", "ST" or the city alone
 */
const char *
care_directory_entry_get_location (CareDirectoryEntry *self)
{
  g_return_val_if_fail (CARE_IS_DIRECTORY_ENTRY (self), NULL);

  return self->location;
}

/**
 * care_directory_entry_get_state:
 * @self: a #CareDirectoryEntry
 *
 * Returns: (nullable): the US state's code, from the file or its zip code
 */
const char *
care_directory_entry_get_state (CareDirectoryEntry *self)
{
  g_return_val_if_fail (CARE_IS_DIRECTORY_ENTRY (self), NULL);

  return self->state;
}

const char *
care_directory_entry_get_postal_code (CareDirectoryEntry *self)
{
  g_return_val_if_fail (CARE_IS_DIRECTORY_ENTRY (self), NULL);

  return self->postal_code;
}

const char *
care_directory_entry_get_fhir_base (CareDirectoryEntry *self)
{
  g_return_val_if_fail (CARE_IS_DIRECTORY_ENTRY (self), NULL);

  return self->fhir_base;
}

/**
 * care_directory_entry_get_logo_url:
 * @self: a #CareDirectoryEntry
 *
 * Returns: (nullable): the brand's logo, to fetch into a cache, never
 *   while someone types
 */
const char *
care_directory_entry_get_logo_url (CareDirectoryEntry *self)
{
  g_return_val_if_fail (CARE_IS_DIRECTORY_ENTRY (self), NULL);

  return self->logo_url;
}

const char *
care_directory_entry_get_portal_name (CareDirectoryEntry *self)
{
  g_return_val_if_fail (CARE_IS_DIRECTORY_ENTRY (self), NULL);

  return self->portal_name;
}

const char *
care_directory_entry_get_portal_url (CareDirectoryEntry *self)
{
  g_return_val_if_fail (CARE_IS_DIRECTORY_ENTRY (self), NULL);

  return self->portal_url;
}

/**
 * care_directory_entry_get_vendor:
 * @self: a #CareDirectoryEntry
 *
 * Returns: (nullable): the health IT vendor programme of the endpoint
 */
const char *
care_directory_entry_get_vendor (CareDirectoryEntry *self)
{
  g_return_val_if_fail (CARE_IS_DIRECTORY_ENTRY (self), NULL);

  return self->vendor;
}

/**
 * care_directory_entry_get_client_id:
 * @self: a #CareDirectoryEntry
 *
 * An app registers once per vendor programme; the directory keeps the id
 * it was given there.
 *
 * Returns: (nullable): Carebook's client id at this portal, if registered
 */
const char *
care_directory_entry_get_client_id (CareDirectoryEntry *self)
{
  g_return_val_if_fail (CARE_IS_DIRECTORY_ENTRY (self), NULL);

  return self->client_id;
}

/**
 * care_directory_entry_get_redirect:
 * @self: a #CareDirectoryEntry
 *
 * Returns: how the portal wants the sign-in answer back: loopback unless
 *   the directory says the portal refuses it (FHIR-CLIENT.md 3)
 */
CareRedirectMode
care_directory_entry_get_redirect (CareDirectoryEntry *self)
{
  g_return_val_if_fail (CARE_IS_DIRECTORY_ENTRY (self), CARE_REDIRECT_LOOPBACK);

  return self->redirect;
}

static gboolean
is_digits (const char *word)
{
  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return word[0] != '\0';
}

/* " word" found in a folded text: @word starts one of its words. */
static const char *
find_word_start (const char *folded,
                 const char *word,
                 char       *needle,
                 gsize       needle_size)
{
  g_snprintf (needle, needle_size, " %s", word);
  return strstr (folded, needle);
}

/**
 * care_directory_entry_score:
 * @self: a #CareDirectoryEntry
 * @words: folded query words (care_directory_split_query())
 *
 * Every word must start a word of the entry, in any order. A zip code
 * matches the entry's zip code, or failing that its state.
 *
 * Returns: -1 if the entry does not match, otherwise how well it does:
 *   higher for the whole name, for a name that starts with the query, for
 *   every word found in the name, and for the very zip code
 */
int
care_directory_entry_score (CareDirectoryEntry *self,
                            const char *const  *words)
{
  char needle[128];
  int score = 0;
  gboolean all_in_name = TRUE;

  g_return_val_if_fail (CARE_IS_DIRECTORY_ENTRY (self), -1);

  if (words == NULL || words[0] == NULL)
    return 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      gsize length = strlen (word);
      const char *found;

      if (length + 2 > sizeof needle)
        return -1;

      if (find_word_start (self->folded_name, word, needle, sizeof needle) != NULL)
        {
          found = strstr (self->folded_name, needle);
          /* A whole word counts more than the start of one. */
          score += found[length + 1] == ' ' ? 20 : 10;
          continue;
        }

      all_in_name = FALSE;
      if (is_digits (word) && length >= 3)
        {
          const char *state = care_directory_state_of_zip (word);

          if (self->postal_code != NULL && g_str_has_prefix (self->postal_code, word))
            score += length == 5 ? 60 : 40;
          else if (state != NULL && g_strcmp0 (state, self->state) == 0)
            score += 5;
          else
            return -1;
          continue;
        }

      if (find_word_start (self->folded_all, word, needle, sizeof needle) == NULL)
        return -1;
      score += 5;
    }

  if (all_in_name)
    {
      g_autofree char *query = g_strjoinv (" ", (char **)words);
      gsize length = strlen (query);

      /* folded_name is " name words ": compare past its leading space. */
      if (strncmp (self->folded_name + 1, query, length) == 0)
        score += self->folded_name[length + 1] == ' ' && self->folded_name[length + 2] == '\0'
                 ? 400 : 200;
      else
        score += 100;
    }

  return score;
}

/**
 * care_directory_entry_matches:
 * @self: a #CareDirectoryEntry
 * @query: (nullable): what the user typed
 *
 * Matches every word of @query, in any order, against the start of a word
 * of the name, other names, place or zip code, ignoring case, accents and
 * punctuation ("childrens colorado" finds "Children's Hospital Colorado").
 *
 * Returns: %TRUE if the entry matches, or @query is empty
 */
gboolean
care_directory_entry_matches (CareDirectoryEntry *self,
                              const char         *query)
{
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (CARE_IS_DIRECTORY_ENTRY (self), FALSE);

  words = care_directory_split_query (query);
  return care_directory_entry_score (self, (const char *const *)words) >= 0;
}
