/* care-record-view.h — the base of a view of the record on screen
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "care-context.h"
#include "care-record.h"
#include "care-section-page.h"

G_BEGIN_DECLS

#define CARE_TYPE_RECORD_VIEW (care_record_view_get_type ())

G_DECLARE_DERIVABLE_TYPE (CareRecordView, care_record_view, CARE, RECORD_VIEW, AdwBin)

/**
 * CareRecordViewClass:
 * @load: starts reading the record on screen (%NULL when nobody is
 *   signed in) with the view's cancellable, just renewed; calls
 *   care_record_view_populate() when done. The default populates at once.
 *   #CareRecordList runs its cache queries here.
 * @populate: fills the view from what was read. A list view's own code
 *   lives here.
 *
 * A view of the person on screen. The base owns the window's #CareContext
 * (the construct-only "context" property), follows the record on screen
 * and, when it changes or its data does (a sync that stored something, a
 * rebuilt cache), cancels what was running and loads again. Its
 * #GCancellable is cancelled on dispose. It implements #CareSectionPage:
 * "folded" is kept, Back has nothing to leave and opening an item shows
 * the section if the item is in the offline copy; a view with pages of
 * its own implements the interface again.
 */
struct _CareRecordViewClass
{
  AdwBinClass parent_class;

  void (*load)     (CareRecordView *self,
                    CareRecord     *record,
                    GCancellable   *cancellable);
  void (*populate) (CareRecordView *self);

  gpointer padding[8];
};

CareContext  *care_record_view_get_context     (CareRecordView *self);
CareRecord   *care_record_view_get_record      (CareRecordView *self);
GCancellable *care_record_view_get_cancellable (CareRecordView *self);
gboolean      care_record_view_get_folded      (CareRecordView *self);
void          care_record_view_reload          (CareRecordView *self);
void          care_record_view_populate        (CareRecordView *self);
void          care_record_view_show_toast      (CareRecordView *self,
                                                const char     *text);
const char   *care_record_view_get_last_toast  (CareRecordView *self);

G_END_DECLS
