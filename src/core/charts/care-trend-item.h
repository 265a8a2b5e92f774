/* care-trend-item.h — one measurement a person has over time, for the trends list
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "care-series.h"

G_BEGIN_DECLS

#define CARE_TYPE_TREND_ITEM (care_trend_item_get_type ())

G_DECLARE_FINAL_TYPE (CareTrendItem, care_trend_item, CARE, TREND_ITEM, GObject)

const char *care_trend_item_get_system      (CareTrendItem *self);
const char *care_trend_item_get_code        (CareTrendItem *self);
const char *care_trend_item_get_title       (CareTrendItem *self);
const char *care_trend_item_get_category    (CareTrendItem *self);
const char *care_trend_item_get_latest_text (CareTrendItem *self);
gint64      care_trend_item_get_latest_time (CareTrendItem *self);
guint       care_trend_item_get_count       (CareTrendItem *self);
GListModel *care_trend_item_get_series      (CareTrendItem *self);
gboolean    care_trend_item_matches         (CareTrendItem *self,
                                             const char    *system,
                                             const char    *code);

GPtrArray  *care_trend_items_collect        (GListModel    *observations,
                                             GCancellable  *cancellable,
                                             GError       **error);
void        care_trend_items_collect_async  (GListModel          *observations,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray  *care_trend_items_collect_finish (GAsyncResult        *result,
                                             GError             **error);
GPtrArray  *care_trend_items_collect_full   (GListModel    *observations,
                                             GPtrArray     *pending,
                                             GCancellable  *cancellable,
                                             GError       **error);
void        care_trend_items_collect_full_async (GListModel          *observations,
                                                 GPtrArray           *pending,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
CareTrendItem *care_trend_items_find        (GPtrArray     *items,
                                             const char    *system,
                                             const char    *code);

G_END_DECLS
