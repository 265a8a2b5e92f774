/* care-cli-open.h — open one person's record for a carebook-cli command
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-connection-store.h"
#include "care-record.h"

G_BEGIN_DECLS

/**
 * CareCliOpened:
 * @store: the saved connections
 * @session: the HTTP session the connection uses
 * @person: the person the command is about
 * @record: their record (cache, outbox, connection)
 * @cache: the record's cache, not a reference of its own
 * @outbox: the record's outbox, not a reference of its own
 *
 * What a command needs to read or write one person's record. Declare it
 * `g_auto(CareCliOpened) opened = { 0 };` and fill it with
 * care_cli_open_person().
 */
typedef struct
{
  CareConnectionStore *store;
  SoupSession         *session;
  CarePerson          *person;
  CareRecord          *record;
  CareCache           *cache;
  CareOutbox          *outbox;
} CareCliOpened;

void     care_cli_opened_clear (CareCliOpened *opened);
gboolean care_cli_open_person  (CareCliOpened *opened,
                                const char    *id);
char    *care_cli_opened_dup_patient (CareCliOpened *opened);
int      care_cli_opened_queue_and_send (CareCliOpened *opened,
                                         GPtrArray     *drafts);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CareCliOpened, care_cli_opened_clear)

G_END_DECLS
