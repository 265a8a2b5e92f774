/* care-imaging.h — an ImagingStudy in words
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *care_imaging_modality_name (const char *code);
char       *care_imaging_dup_summary   (JsonObject *study);
GPtrArray  *care_imaging_dup_series    (JsonObject *study);

G_END_DECLS
