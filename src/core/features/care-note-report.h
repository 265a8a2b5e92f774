/* care-note-report.h — DiagnosticReports that are clinical notes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char * const *care_note_report_codes       (void);
const char * const *care_note_report_categories  (void);
gboolean            care_note_report_is_note     (JsonObject *report);
JsonObject         *care_note_report_dup_document (JsonObject *report);

G_END_DECLS
