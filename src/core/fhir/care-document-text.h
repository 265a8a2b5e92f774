/* care-document-text.h — the words of a document, for the record search
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CARE_DOCUMENT_TEXT_MAX_CHARS 200000

gboolean care_document_is_pdf       (GBytes     *bytes,
                                     const char *content_type);
char    *care_document_dup_text     (GBytes     *bytes,
                                     const char *content_type);
char    *care_document_text_extract (GBytes     *bytes,
                                     const char *content_type);

G_END_DECLS
