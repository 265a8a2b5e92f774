/* care-resource-list.h — a lazily paged list of cached resources
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CARE_RESOURCE_LIST_PAGE_SIZE 100

#define CARE_TYPE_RESOURCE_LIST (care_resource_list_get_type ())

G_DECLARE_FINAL_TYPE (CareResourceList, care_resource_list, CARE, RESOURCE_LIST, GObject)

guint care_resource_list_get_n_page_loads (CareResourceList *self);

G_END_DECLS
