/* care-access-log.h — what Carebook did with a person's record
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CareAccessEvent:
 * @CARE_ACCESS_EVENT_SIGN_IN: someone signed in to the portal for this person
 * @CARE_ACCESS_EVENT_SYNC: the record was synced
 * @CARE_ACCESS_EVENT_EXPORT: the record (or part) was exported
 * @CARE_ACCESS_EVENT_SHARE: the record (or part) was shared
 * @CARE_ACCESS_EVENT_SIGN_OUT: the person was signed out
 */
typedef enum
{
  CARE_ACCESS_EVENT_SIGN_IN,
  CARE_ACCESS_EVENT_SYNC,
  CARE_ACCESS_EVENT_EXPORT,
  CARE_ACCESS_EVENT_SHARE,
  CARE_ACCESS_EVENT_SIGN_OUT,
} CareAccessEvent;

typedef struct
{
  GDateTime       *when;
  CareAccessEvent  event;
  char            *detail;
} CareAccessEntry;

void       care_access_entry_free   (CareAccessEntry  *entry);
gboolean   care_access_log_append   (const char       *folder,
                                     CareAccessEvent   event,
                                     const char       *detail,
                                     GError          **error);
GPtrArray *care_access_log_read     (const char       *folder,
                                     GError          **error);
const char *care_access_event_get_label (CareAccessEvent event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareAccessEntry, care_access_entry_free)

G_END_DECLS
