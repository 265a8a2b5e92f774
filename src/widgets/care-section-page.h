/* care-section-page.h — what the window asks of a section's page
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CARE_TYPE_SECTION_PAGE (care_section_page_get_type ())

G_DECLARE_INTERFACE (CareSectionPage, care_section_page, CARE, SECTION_PAGE, GtkWidget)

/**
 * CareSectionPageInterface:
 * @go_back: leaves the page's own detail (a result, a document, a chart);
 *   returns %TRUE if there was one to leave. The default does nothing.
 * @open_item: shows one item of the record (a notification's), by FHIR
 *   type and id; returns %TRUE if it is on screen. The default returns
 *   %FALSE.
 *
 * A section's page as the window sees it. It also has a read-write
 * boolean property "folded": the window sets it while it shows one pane
 * at a time, so a page with pages of its own hides its Back (the
 * header's does the job).
 */
struct _CareSectionPageInterface
{
  GTypeInterface parent_iface;

  gboolean (*go_back)   (CareSectionPage *self);
  gboolean (*open_item) (CareSectionPage *self,
                         const char      *type,
                         const char      *id);
};

gboolean care_section_page_go_back    (CareSectionPage *self);
gboolean care_section_page_open_item  (CareSectionPage *self,
                                       const char      *type,
                                       const char      *id);
gboolean care_section_page_get_folded (CareSectionPage *self);
void     care_section_page_set_folded (CareSectionPage *self,
                                       gboolean         folded);

G_END_DECLS
