/* care-directives-view.h — End-of-Life Planning
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-record-list.h"

G_BEGIN_DECLS

#define CARE_TYPE_DIRECTIVES_VIEW (care_directives_view_get_type ())

G_DECLARE_FINAL_TYPE (CareDirectivesView, care_directives_view, CARE, DIRECTIVES_VIEW, CareRecordList)

GtkWidget *care_directives_view_new         (GObject            *context);
gboolean   care_directives_view_upload      (CareDirectivesView *self,
                                             GFile * const      *files,
                                             guint               n_files,
                                             const char         *title,
                                             GError            **error);
GtkWidget *care_directives_view_open_agent  (CareDirectivesView *self);

G_END_DECLS
