/* care-health-summary-page.h — the health summary, exported or printed
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "care-health-summary.h"
#include "care-record.h"

G_BEGIN_DECLS

#define CARE_TYPE_HEALTH_SUMMARY_PAGE (care_health_summary_page_get_type ())

G_DECLARE_FINAL_TYPE (CareHealthSummaryPage, care_health_summary_page, CARE, HEALTH_SUMMARY_PAGE, GtkBox)

GtkWidget         *care_health_summary_page_new           (void);
void               care_health_summary_page_show_record   (CareHealthSummaryPage *self,
                                                           CareRecord            *record,
                                                           GDate                 *today);
CareHealthSummary *care_health_summary_page_get_summary   (CareHealthSummaryPage *self);
gboolean           care_health_summary_page_export_pdf    (CareHealthSummaryPage *self,
                                                           const char            *path,
                                                           GError               **error);
gboolean           care_health_summary_page_export_bundle (CareHealthSummaryPage *self,
                                                           const char            *path,
                                                           guint                 *out_n_resources,
                                                           GError               **error);

void                   care_health_summary_page_set_show_back (CareHealthSummaryPage *self,
                                                               gboolean               show_back);

G_END_DECLS
