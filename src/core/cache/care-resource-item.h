/* care-resource-item.h — one cached resource, as a list shows it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CARE_TYPE_RESOURCE_ITEM (care_resource_item_get_type ())

G_DECLARE_FINAL_TYPE (CareResourceItem, care_resource_item, CARE, RESOURCE_ITEM, GObject)

const char *care_resource_item_get_resource_type  (CareResourceItem *self);
const char *care_resource_item_get_id             (CareResourceItem *self);
const char *care_resource_item_get_display_name   (CareResourceItem *self);
GDateTime  *care_resource_item_get_effective_date (CareResourceItem *self);
const char *care_resource_item_get_effective_text (CareResourceItem *self);
const char *care_resource_item_get_status         (CareResourceItem *self);
const char *care_resource_item_get_category       (CareResourceItem *self);
const char *care_resource_item_get_code           (CareResourceItem *self);
const char *care_resource_item_get_value_text     (CareResourceItem *self);
gboolean    care_resource_item_get_value          (CareResourceItem *self,
                                                   double           *out_value,
                                                   const char      **out_unit);
const char *care_resource_item_get_interpretation (CareResourceItem *self);
JsonObject *care_resource_item_dup_resource       (CareResourceItem *self,
                                                   GError          **error);

G_END_DECLS
