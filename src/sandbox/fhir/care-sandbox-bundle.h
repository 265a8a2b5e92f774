/* care-sandbox-bundle.h — the sandbox's Bundle writer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _CareSandboxBundle CareSandboxBundle;

CareSandboxBundle *care_sandbox_bundle_new       (const char        *type,
                                                  const char        *self_url,
                                                  const char        *next_url);
void               care_sandbox_bundle_add_entry (CareSandboxBundle *self,
                                                  const char        *full_url,
                                                  const char        *resource_json,
                                                  const char        *members_json);
guint              care_sandbox_bundle_get_n_entries (CareSandboxBundle *self);
char              *care_sandbox_bundle_finish    (CareSandboxBundle *self,
                                                  gsize             *out_length);
void               care_sandbox_bundle_send      (CareSandboxBundle *self,
                                                  SoupServerMessage *msg);
void               care_sandbox_bundle_free      (CareSandboxBundle *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CareSandboxBundle, care_sandbox_bundle_free)

G_END_DECLS
