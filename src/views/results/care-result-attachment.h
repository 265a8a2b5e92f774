/* care-result-attachment.h — a report's attached document, shown or opened
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "care-cache.h"

G_BEGIN_DECLS

GtkWidget *care_result_attachment_new        (JsonObject *attachment);
char      *care_result_attachment_dup_text   (JsonObject *attachment);
char      *care_result_html_to_text          (const char *html);
char      *care_result_attachment_write_file (GBytes     *bytes,
                                              const char *suffix,
                                              GError    **error);
GtkWidget *care_result_imaging_group_new     (CareCache  *cache,
                                              JsonObject *report);
GtkWidget *care_result_study_group_new       (JsonObject *study);

G_END_DECLS
