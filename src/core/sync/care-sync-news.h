/* care-sync-news.h — what a sync brought that a person should hear about
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-cache.h"
#include "care-sync-engine.h"

G_BEGIN_DECLS

/**
 * CareSyncNewsKind:
 * @CARE_SYNC_NEWS_RESULTS: new test results (DiagnosticReport, laboratory
 *   and imaging Observations)
 * @CARE_SYNC_NEWS_MESSAGES: new messages from the care team (Communication)
 * @CARE_SYNC_NEWS_APPOINTMENTS: appointments booked or changed
 * @CARE_SYNC_NEWS_OFFERS: earlier times the wait list offers (a proposed
 *   Appointment with a wait-list-offer extension), to accept or decline
 *
 * The kinds of news a notification can be about.
 */
typedef enum
{
  CARE_SYNC_NEWS_RESULTS,
  CARE_SYNC_NEWS_MESSAGES,
  CARE_SYNC_NEWS_APPOINTMENTS,
  CARE_SYNC_NEWS_OFFERS,
} CareSyncNewsKind;

/**
 * CareSyncNews:
 * @kind: what it is about
 * @count: how many (at least 1)
 * @type: the resource type of @id
 * @id: one of them, the one to open
 *
 * One kind of news from one sync.
 */
typedef struct
{
  CareSyncNewsKind  kind;
  guint             count;
  char             *type;
  char             *id;
} CareSyncNews;

GPtrArray *care_sync_news_compute (CareSyncReport *report,
                                   CareCache      *cache,
                                   const char     *patient_id);
void       care_sync_news_free    (CareSyncNews   *news);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareSyncNews, care_sync_news_free)

G_END_DECLS
