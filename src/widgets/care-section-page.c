/* care-section-page.c — what the window asks of a section's page
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window knows its sections' pages only through this interface: Back
 * leaves a page's own detail first, a notification opens one item, and a
 * folded window tells its pages so. A page that has none of these need
 * not implement it.
 */
#include "config.h"

#include "care-section-page.h"

G_DEFINE_INTERFACE (CareSectionPage, care_section_page, GTK_TYPE_WIDGET)

static gboolean
care_section_page_real_go_back (CareSectionPage *self)
{
  return FALSE;
}

static gboolean
care_section_page_real_open_item (CareSectionPage *self,
                                  const char      *type,
                                  const char      *id)
{
  return FALSE;
}

static void
care_section_page_default_init (CareSectionPageInterface *iface)
{
  iface->go_back = care_section_page_real_go_back;
  iface->open_item = care_section_page_real_open_item;

  /**
   * CareSectionPage:folded:
   *
   * Whether the window shows one pane at a time (and its header's Back).
   */
  g_object_interface_install_property (iface,
                                       g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                                                             (G_PARAM_READWRITE |
                                                              G_PARAM_EXPLICIT_NOTIFY |
                                                              G_PARAM_STATIC_STRINGS)));
}

/**
 * care_section_page_go_back:
 * @self: a #CareSectionPage
 *
 * Returns: %TRUE if the page left a detail of its own
 */
gboolean
care_section_page_go_back (CareSectionPage *self)
{
  g_return_val_if_fail (CARE_IS_SECTION_PAGE (self), FALSE);

  return CARE_SECTION_PAGE_GET_IFACE (self)->go_back (self);
}

/**
 * care_section_page_open_item:
 * @self: a #CareSectionPage
 * @type: a FHIR resource type
 * @id: the resource's id
 *
 * Returns: %TRUE if the item is on screen
 */
gboolean
care_section_page_open_item (CareSectionPage *self,
                             const char      *type,
                             const char      *id)
{
  g_return_val_if_fail (CARE_IS_SECTION_PAGE (self), FALSE);
  g_return_val_if_fail (type != NULL && id != NULL, FALSE);

  return CARE_SECTION_PAGE_GET_IFACE (self)->open_item (self, type, id);
}

gboolean
care_section_page_get_folded (CareSectionPage *self)
{
  gboolean folded = FALSE;

  g_return_val_if_fail (CARE_IS_SECTION_PAGE (self), FALSE);

  g_object_get (self, "folded", &folded, NULL);
  return folded;
}

void
care_section_page_set_folded (CareSectionPage *self,
                              gboolean         folded)
{
  g_return_if_fail (CARE_IS_SECTION_PAGE (self));

  g_object_set (self, "folded", folded, NULL);
}
