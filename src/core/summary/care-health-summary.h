/* care-health-summary.h — one person's record on one page, and as a PDF
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "care-cache.h"

G_BEGIN_DECLS

#define CARE_TYPE_HEALTH_SUMMARY (care_health_summary_get_type ())

G_DECLARE_FINAL_TYPE (CareHealthSummary, care_health_summary, CARE, HEALTH_SUMMARY, GObject)

CareHealthSummary *care_health_summary_new              (const char        *person_name,
                                                         GDate             *today);
gboolean           care_health_summary_load             (CareHealthSummary *self,
                                                         CareCache         *cache,
                                                         GError           **error);
const char        *care_health_summary_get_person_name  (CareHealthSummary *self);
char              *care_health_summary_dup_date_text    (CareHealthSummary *self);
guint              care_health_summary_get_n_sections   (CareHealthSummary *self);
const char        *care_health_summary_get_section_title (CareHealthSummary *self,
                                                          guint              section);
const char        *care_health_summary_get_section_note (CareHealthSummary *self,
                                                         guint              section);
guint              care_health_summary_get_n_items      (CareHealthSummary *self,
                                                         guint              section);
const char        *care_health_summary_get_item_title   (CareHealthSummary *self,
                                                         guint              section,
                                                         guint              item);
const char        *care_health_summary_get_item_detail  (CareHealthSummary *self,
                                                         guint              section,
                                                         guint              item);

guint              care_health_summary_paginate         (CareHealthSummary *self,
                                                         cairo_t           *cr,
                                                         double             width,
                                                         double             height);
void               care_health_summary_draw_page        (CareHealthSummary *self,
                                                         cairo_t           *cr,
                                                         guint              page,
                                                         double             width,
                                                         double             height);
GBytes            *care_health_summary_render_pdf       (CareHealthSummary *self,
                                                         GError           **error);
gboolean           care_health_summary_write_pdf        (CareHealthSummary *self,
                                                         const char        *path,
                                                         GError           **error);

G_END_DECLS
