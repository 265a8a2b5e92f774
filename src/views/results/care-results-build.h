/* care-results-build.h — the rows of the results list, built a batch at a time
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "care-cache.h"

G_BEGIN_DECLS

typedef struct _CareResultsBuild CareResultsBuild;

CareResultsBuild *care_results_build_new    (CareCache         *cache,
                                             GListModel        *reports,
                                             GListModel       **observations,
                                             guint              n_observations);
void              care_results_build_set_studies (CareResultsBuild *self,
                                                  GListModel       *studies);
gboolean          care_results_build_step   (CareResultsBuild  *self,
                                             guint              budget);
GPtrArray        *care_results_build_finish (CareResultsBuild  *self);
void              care_results_build_free   (CareResultsBuild  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareResultsBuild, care_results_build_free)

G_END_DECLS
