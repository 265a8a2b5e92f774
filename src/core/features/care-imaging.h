/* care-imaging.h — an ImagingStudy in words
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *care_imaging_modality_name (const char *code);
char       *care_imaging_dup_summary   (JsonObject *study);
GPtrArray  *care_imaging_dup_series    (JsonObject *study);
char       *care_imaging_dup_title     (JsonObject *study);
char       *care_imaging_dup_unreported_text (JsonObject *study);
void        care_imaging_collect_reported    (JsonObject *report,
                                              GHashTable *study_ids);
GPtrArray  *care_imaging_filter_unreported   (GListModel *studies,
                                              GListModel *reports);

G_END_DECLS
