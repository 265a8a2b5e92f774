/* care-document-text.c — the words of a document, for the record search
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text of the documents a record holds, as their content type says:
 * plain text, HTML, XHTML and XML (care_html_to_text()), RTF, and PDF
 * (each page's text, through poppler). Anything else has no words to
 * give. The document viewer shows text documents through the same
 * reading (care_document_dup_text()).
 * Invalid UTF-8 is mended, and very long texts are cut, so one document
 * never outweighs the rest of the index. Slow for a big PDF: call it in a
 * worker thread.
 */
#include "config.h"

#include <poppler.h>
#include <string.h>

#include "care-document-text.h"
#include "care-html.h"

static gboolean
is_text_type (const char *content_type)
{
  return content_type == NULL || g_str_has_prefix (content_type, "text/") ||
         g_str_has_prefix (content_type, "application/xml") ||
         g_str_has_prefix (content_type, "application/rtf") ||
         g_str_has_prefix (content_type, "application/json") ||
         g_str_has_prefix (content_type, "application/fhir+json");
}

static gboolean
is_markup_type (const char *content_type)
{
  /* HTML, XHTML and XML (C-CDA): their words, never rendered. */
  return content_type != NULL && (g_str_has_prefix (content_type, "text/html") ||
                                  g_str_has_prefix (content_type, "application/xhtml") ||
                                  g_str_has_prefix (content_type, "text/xml") ||
                                  g_str_has_prefix (content_type, "application/xml"));
}

/**
 * care_document_is_pdf:
 * @bytes: a document's content
 * @content_type: (nullable): its content type
 *
 * Returns: whether it is a PDF, by its type or its first bytes
 */
gboolean
care_document_is_pdf (GBytes     *bytes,
                      const char *content_type)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  return (content_type != NULL && g_str_has_prefix (content_type, "application/pdf")) ||
         (size > 5 && memcmp (data, "%PDF-", 5) == 0);
}

/**
 * care_document_dup_text:
 * @bytes: a document's content, not a PDF
 * @content_type: (nullable): its content type; none is read as text
 *
 * A document's text as a reader sees it, lines kept: HTML, XHTML and XML
 * (C-CDA) by their words (care_html_to_text()), RTF by its words, and
 * other text as valid UTF-8.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when its type is
 *   not text
 */
char *
care_document_dup_text (GBytes     *bytes,
                        const char *content_type)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!is_text_type (content_type))
    return NULL;
  if (data == NULL)
    return g_strdup ("");
  if (is_markup_type (content_type))
    return care_html_to_text (data, size);
  if (content_type != NULL &&
      (g_str_has_prefix (content_type, "text/rtf") || g_str_has_prefix (content_type, "application/rtf")))
    return care_rtf_to_text (data, size);
  return g_utf8_make_valid (data, size);
}

static char *
pdf_text (GBytes *bytes)
{
  /* (Debian 12's poppler-glib has no autoptr for its types.) */
  PopplerDocument *document = poppler_document_new_from_bytes (bytes, NULL, NULL);
  GString *text;
  int n_pages;

  if (document == NULL)
    return NULL;
  n_pages = poppler_document_get_n_pages (document);
  text = g_string_new (NULL);
  for (int i = 0; i < n_pages && text->len < CARE_DOCUMENT_TEXT_MAX_CHARS; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = page != NULL ? poppler_page_get_text (page) : NULL;

      g_clear_object (&page);
      if (page_text == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, page_text);
    }
  g_object_unref (document);
  return g_string_free (text, FALSE);
}

/* Valid UTF-8, at most CARE_DOCUMENT_TEXT_MAX_CHARS bytes (cut at a
 * character), spaces only between words. NULL when nothing is left. */
static char *
tidy (char *text)
{
  g_autofree char *owned = text;
  g_autofree char *valid = NULL;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (MIN (strlen (valid), CARE_DOCUMENT_TEXT_MAX_CHARS));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = out->len > 0;
          continue;
        }
      if (out->len + 1 + (g_utf8_next_char (p) - p) > CARE_DOCUMENT_TEXT_MAX_CHARS)
        break;
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/**
 * care_document_text_extract:
 * @bytes: a document's content
 * @content_type: (nullable): its content type
 *
 * Returns: (transfer full) (nullable): its words, or %NULL when its type
 *   has none to give or it holds none
 */
char *
care_document_text_extract (GBytes     *bytes,
                            const char *content_type)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  if (g_bytes_get_size (bytes) == 0)
    return NULL;
  if (care_document_is_pdf (bytes, content_type))
    return tidy (pdf_text (bytes));
  /* Without a type, bytes may be anything: no words from them. */
  if (content_type == NULL)
    return NULL;
  return tidy (care_document_dup_text (bytes, content_type));
}
