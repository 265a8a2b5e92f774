/* care-notifier.h — desktop notifications for what a sync brought
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "care-person.h"
#include "care-sync-news.h"

G_BEGIN_DECLS

char       *care_notifier_dup_title        (const CareSyncNews *news,
                                            const char         *name);
char       *care_notifier_dup_target       (const char         *person_id,
                                            const CareSyncNews *news);
gboolean    care_notifier_parse_target     (const char         *target,
                                            char              **out_person_id,
                                            char              **out_type,
                                            char              **out_id);
const char *care_notifier_section_for_type (const char         *type);
GNotification *care_notifier_build         (GSettings          *settings,
                                            CarePerson         *person,
                                            const CareSyncNews *news,
                                            char              **out_id);
guint       care_notifier_send             (GApplication       *application,
                                            GSettings          *settings,
                                            CarePerson         *person,
                                            GPtrArray          *news);

G_END_DECLS
