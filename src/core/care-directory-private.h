/* care-directory-private.h — reading a User-access Brands file
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-directory.h"

G_BEGIN_DECLS

/* What one file gives, read off the main thread before it is added. */
typedef struct
{
  GPtrArray *entries;
  char      *source_name;
  char      *source_url;
  GDateTime *updated;
} Parsed;

void    care_directory_parsed_free  (Parsed  *parsed);
Parsed *care_directory_parse_bundle (GBytes  *bytes,
                                     GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Parsed, care_directory_parsed_free)

G_END_DECLS
