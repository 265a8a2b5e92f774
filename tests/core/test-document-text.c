/* test-document-text.c — documents' words: read from their bytes, kept in
 * the cache, found by the record search
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <locale.h>
#include <string.h>

#include "care-document-text.h"
#include "care-error.h"
#include "cache-test-util.h"

#include "../care-test-utils.h"

static char *
extract (const char *text,
         const char *content_type)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return care_document_text_extract (bytes, content_type);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A two-page PDF with a line of text on each page. */
static GBytes *
make_pdf (void)
{
  GByteArray *array = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, array, 300, 300);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 12);
  cairo_move_to (cr, 20, 40);
  cairo_show_text (cr, "Colonoscopy scheduled");
  cairo_show_page (cr);
  cairo_move_to (cr, 20, 40);
  cairo_show_text (cr, "Bring your insurance card");
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (array);
}

static void
test_extract (void)
{
  g_autoptr(GBytes) pdf = make_pdf ();
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);
  g_autoptr(GBytes) long_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *many = NULL;

  text = extract ("PROGRESS NOTE\n\n\tFeet:  intact   skin.\r\n", "text/plain; charset=utf-8");
  g_assert_cmpstr (text, ==, "PROGRESS NOTE Feet: intact skin.");
  g_clear_pointer (&text, g_free);

  text = extract ("<html><head><style>p {}</style></head><body><p>Eye <b>exam</b>: no retinopathy</p>"
                  "<script>x()</script></body></html>", "text/html");
  g_assert_nonnull (strstr (text, "retinopathy"));
  g_assert_null (strstr (text, "<b>"));
  g_assert_null (strstr (text, "x()"));
  g_clear_pointer (&text, g_free);

  text = extract ("{\\rtf1\\ansi Referral to {\\b cardiology}.}", "application/rtf");
  g_assert_nonnull (strstr (text, "cardiology"));
  g_clear_pointer (&text, g_free);

  text = care_document_text_extract (pdf, "application/pdf");
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "Colonoscopy"));
  g_assert_nonnull (strstr (text, "insurance"));
  g_clear_pointer (&text, g_free);

  /* A C-CDA (XML) by its words; a PDF known by its first bytes. */
  text = extract ("<ClinicalDocument><title>Discharge summary</title><text>Stable.</text></ClinicalDocument>",
                  "text/xml");
  g_assert_nonnull (strstr (text, "Discharge summary"));
  g_assert_null (strstr (text, "<title>"));
  g_clear_pointer (&text, g_free);
  text = care_document_text_extract (pdf, "application/octet-stream");
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "Colonoscopy"));
  g_clear_pointer (&text, g_free);

  /* Invalid UTF-8 is mended, not refused. */
  text = extract ("Caf\xe9 au lait", "text/plain");
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (text, "lait"));
  g_clear_pointer (&text, g_free);

  /* No words to give: images, unknown types, a broken PDF, blank text. */
  g_assert_null (care_document_text_extract (png, "image/png"));
  g_assert_null (care_document_text_extract (png, NULL));
  g_assert_null (care_document_text_extract (png, "application/pdf"));
  g_assert_null (extract (" \n\t ", "text/plain"));

  /* A huge text is cut, at a character. */
  many = g_strnfill (CARE_DOCUMENT_TEXT_MAX_CHARS, 'a');
  long_text = g_bytes_new_take (g_strconcat (many, " \xc3\xa9t\xc3\xa9", NULL), CARE_DOCUMENT_TEXT_MAX_CHARS + 6);
  text = care_document_text_extract (long_text, "text/plain");
  g_assert_cmpuint (strlen (text), <=, CARE_DOCUMENT_TEXT_MAX_CHARS);
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

static guint
count_matches (CareCache  *cache,
               const char *words)
{
  g_autoptr(CareCacheQuery) query = care_cache_query_new (NULL);
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;

  care_cache_query_set_text (query, words);
  found = care_cache_query (cache, query, &error);
  g_assert_no_error (error);
  return g_list_model_get_n_items (found);
}

static void
test_cache (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("carebook-documents-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "cache.sqlite", NULL);
  g_autoptr(CareCache) cache = NULL;
  g_autoptr(GPtrArray) page = cache_test_page ();
  guint signals = 0;

  g_assert_no_error (error);
  cache = care_cache_open (path, &error);
  g_assert_no_error (error);
  g_ptr_array_add (page, cache_test_record ("{\"resourceType\":\"DocumentReference\",\"id\":\"d1\","
                                            "\"versionId\":\"1\",\"description\":\"Progress note\"}"));
  g_assert_true (care_cache_store_page (cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));

  g_assert_false (care_cache_has_document_text (cache, "DocumentReference", "d1"));
  g_assert_cmpuint (count_matches (cache, "monofilament"), ==, 0);

  g_signal_connect_swapped (cache, "changed", G_CALLBACK (g_atomic_int_inc), &signals);
  g_assert_true (care_cache_add_document_text (cache, "DocumentReference", "d1",
                                               "Feet: monofilament sensation normal", &error));
  g_assert_no_error (error);
  /* Lists are not reloaded for it. */
  g_assert_cmpuint (signals, ==, 0);
  g_assert_true (care_cache_has_document_text (cache, "DocumentReference", "d1"));
  /* Found by the document's words, and still by its own. */
  g_assert_cmpuint (count_matches (cache, "monofil"), ==, 1);
  g_assert_cmpuint (count_matches (cache, "progress"), ==, 1);

  /* The same text again adds nothing; another adds its words. */
  g_assert_true (care_cache_add_document_text (cache, "DocumentReference", "d1",
                                               "Feet: monofilament sensation normal", &error));
  g_assert_true (care_cache_add_document_text (cache, "DocumentReference", "d1", "Retinopathy none", &error));
  g_assert_cmpuint (count_matches (cache, "retinopathy"), ==, 1);

  /* A resource that is not stored takes nothing, without an error. */
  g_assert_true (care_cache_add_document_text (cache, "DocumentReference", "nope", "words", &error));
  g_assert_false (care_cache_has_document_text (cache, "DocumentReference", "nope"));

  /* A new version keeps the document's words. */
  g_ptr_array_set_size (page, 0);
  g_ptr_array_add (page, cache_test_record ("{\"resourceType\":\"DocumentReference\",\"id\":\"d1\","
                                            "\"meta\":{\"versionId\":\"2\"},\"description\":\"Visit note\"}"));
  g_assert_true (care_cache_store_page (cache, page, CARE_CACHE_ORIGIN_SEARCH, 0, NULL, &error));
  g_assert_cmpuint (count_matches (cache, "monofilament"), ==, 1);
  g_assert_cmpuint (count_matches (cache, "visit"), ==, 1);
  g_assert_cmpuint (count_matches (cache, "progress"), ==, 0);

  /* Removing the resource removes its document's words too. */
  g_assert_true (care_cache_delete (cache, "DocumentReference", "d1", &error));
  g_assert_cmpuint (count_matches (cache, "monofilament"), ==, 0);
  g_assert_false (care_cache_has_document_text (cache, "DocumentReference", "d1"));

  g_assert_finalize_object (g_steal_pointer (&cache));
  care_test_remove_flat_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/documents/extract", test_extract);
  g_test_add_func ("/care/documents/cache", test_cache);

  return g_test_run ();
}
