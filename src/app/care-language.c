/* care-language.c — the language chosen in Preferences
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gettext reads the locale once, so a language chosen in Preferences takes
 * effect at the next start: before setlocale(), the "language" key becomes
 * LANGUAGE. gettext ignores LANGUAGE under the plain C locale, so then the
 * messages locale is moved to C.UTF-8, which it does honour.
 */
#include "config.h"

#include <gio/gio.h>

#include "care-language.h"

#include <locale.h>

static char *running_language;

static char *
dup_language_preference (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  /* Running uninstalled without a compiled schema must not abort. */
  if (source == NULL)
    return g_strdup ("");
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return g_strdup ("");

  settings = g_settings_new (APP_ID);
  return g_settings_get_string (settings, "language");
}

/**
 * care_language_setup:
 *
 * Applies the language preference and sets the process locale. Call once,
 * first thing in main(), instead of setlocale().
 */
void
care_language_setup (void)
{
  g_autofree char *language = dup_language_preference ();
  const char *messages;

  g_clear_pointer (&running_language, g_free);
  running_language = g_strdup (language);

  if (language[0] != '\0')
    g_setenv ("LANGUAGE", language, TRUE);

  setlocale (LC_ALL, "");

  messages = setlocale (LC_MESSAGES, NULL);
  if (language[0] != '\0' &&
      (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX")))
    setlocale (LC_MESSAGES, "C.UTF-8");
}

/**
 * care_language_get_running:
 *
 * Returns: the language preference in force since start ("" for the
 *   system's, "en" or "es")
 */
const char *
care_language_get_running (void)
{
  return running_language != NULL ? running_language : "";
}
