/* care-notifier.c — desktop notifications for what a sync brought
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Notifications show on lock screens, so they name the person and the
 * kind of news, never its content: "New test result for Mateo", not the
 * result. Each kind has its GSettings switch (notify-results,
 * notify-messages, notify-appointments) and one notification per person
 * and kind, which a later sync replaces. Clicking one runs app.open-item
 * with "person id|Type/id": the window comes up on that person's item.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-features.h"
#include "care-notifier.h"

#include <string.h>

static const char *
news_key (CareSyncNewsKind kind)
{
  switch (kind)
    {
    case CARE_SYNC_NEWS_RESULTS:
      return "notify-results";
    case CARE_SYNC_NEWS_MESSAGES:
      return "notify-messages";
    case CARE_SYNC_NEWS_APPOINTMENTS:
    case CARE_SYNC_NEWS_OFFERS:
      return "notify-appointments";
    default:
      g_assert_not_reached ();
    }
}

/**
 * care_notifier_dup_title:
 * @news: one kind of news
 * @name: whose record
 *
 * Returns: (transfer full): the notification's title
 */
char *
care_notifier_dup_title (const CareSyncNews *news,
                         const char         *name)
{
  g_return_val_if_fail (news != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  switch (news->kind)
    {
    case CARE_SYNC_NEWS_RESULTS:
      /* Translators: a notification; %1$s is a person's name, %2$u how many.
       * It shows on lock screens: it must not say more. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "New test result for %1$s",
                                           "%2$u new test results for %1$s", news->count),
                              name, news->count);
    case CARE_SYNC_NEWS_MESSAGES:
      /* Translators: a notification; %1$s is a person's name, %2$u how many */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "New message for %1$s",
                                           "%2$u new messages for %1$s", news->count),
                              name, news->count);
    case CARE_SYNC_NEWS_APPOINTMENTS:
      /* Translators: a notification; %1$s is a person's name, %2$u how many */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Appointment update for %1$s",
                                           "%2$u appointment updates for %1$s", news->count),
                              name, news->count);
    case CARE_SYNC_NEWS_OFFERS:
      /* Translators: a notification about the wait list; %1$s is a person's
       * name, %2$u how many earlier times are offered */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "An earlier appointment time is offered to %1$s",
                                           "%2$u earlier appointment times are offered to %1$s", news->count),
                              name, news->count);
    default:
      g_assert_not_reached ();
    }
}

/**
 * care_notifier_dup_target:
 * @person_id: whose record
 * @news: one kind of news
 *
 * Returns: (transfer full): the app.open-item parameter, "person|Type/id"
 */
char *
care_notifier_dup_target (const char         *person_id,
                          const CareSyncNews *news)
{
  g_return_val_if_fail (person_id != NULL, NULL);
  g_return_val_if_fail (news != NULL, NULL);

  return g_strdup_printf ("%s|%s/%s", person_id, news->type, news->id);
}

/**
 * care_notifier_parse_target:
 * @target: an app.open-item parameter
 * @out_person_id: (out): the person's id
 * @out_type: (out): the resource type
 * @out_id: (out): the resource id
 *
 * Returns: %TRUE if @target was "person|Type/id"
 */
gboolean
care_notifier_parse_target (const char  *target,
                            char       **out_person_id,
                            char       **out_type,
                            char       **out_id)
{
  const char *bar;
  const char *slash;

  g_return_val_if_fail (target != NULL, FALSE);

  /* Person ids may hold "/" and ":" (demo:adult); types and FHIR ids hold
   * neither "|" nor "/": split at the last "|", then at the first "/". */
  bar = strrchr (target, '|');
  if (bar == NULL || bar == target)
    return FALSE;
  slash = strchr (bar + 1, '/');
  if (slash == NULL || slash == bar + 1 || slash[1] == '\0' || strchr (slash + 1, '/') != NULL)
    return FALSE;

  *out_person_id = g_strndup (target, bar - target);
  *out_type = g_strndup (bar + 1, slash - bar - 1);
  *out_id = g_strdup (slash + 1);
  return TRUE;
}

/**
 * care_notifier_section_for_type:
 * @type: a resource type
 *
 * Returns: the sidebar section that lists @type, "home" when none does
 */
const char *
care_notifier_section_for_type (const char *type)
{
  return care_features_section_for_type (type);
}

/**
 * care_notifier_build:
 * @settings: the app's settings (the notify-* keys)
 * @person: whose record the news is from
 * @news: one kind of news
 * @out_id: (out): the notification's id, one per person and kind
 *
 * Returns: (transfer full) (nullable): the notification, or %NULL when
 *   the person turned this kind off
 */
GNotification *
care_notifier_build (GSettings          *settings,
                     CarePerson         *person,
                     const CareSyncNews *news,
                     char              **out_id)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *target = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (CARE_IS_PERSON (person), NULL);
  g_return_val_if_fail (news != NULL, NULL);
  g_return_val_if_fail (out_id != NULL, NULL);

  *out_id = NULL;
  if (!g_settings_get_boolean (settings, news_key (news->kind)) || news->id == NULL)
    return NULL;

  title = care_notifier_dup_title (news, care_person_get_display_name (person));
  target = care_notifier_dup_target (care_person_get_id (person), news);
  notification = g_notification_new (title);
  g_notification_set_default_action_and_target (notification, "app.open-item", "s", target);
  /* One per person and kind: a later sync replaces it. */
  *out_id = g_strdup_printf ("%s%s-%s", news_key (news->kind), news->kind == CARE_SYNC_NEWS_OFFERS ? "-offer" : "",
                             care_person_get_id (person));
  return g_steal_pointer (&notification);
}

/**
 * care_notifier_send:
 * @application: the application
 * @settings: the app's settings (the notify-* keys)
 * @person: whose record the news is from
 * @news: (element-type CareSyncNews): what the sync brought
 *
 * Returns: how many notifications were sent
 */
guint
care_notifier_send (GApplication *application,
                    GSettings    *settings,
                    CarePerson   *person,
                    GPtrArray    *news)
{
  guint sent = 0;

  g_return_val_if_fail (G_IS_APPLICATION (application), 0);
  g_return_val_if_fail (news != NULL, 0);

  for (guint i = 0; i < news->len; i++)
    {
      g_autofree char *id = NULL;
      g_autoptr(GNotification) notification = care_notifier_build (settings, person,
                                                                   g_ptr_array_index (news, i), &id);

      if (notification == NULL)
        continue;
      g_application_send_notification (application, id, notification);
      sent++;
    }
  return sent;
}
