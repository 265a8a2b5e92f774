/* test-html.c — an HTML note's words as plain paragraphs
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "care-html.h"

static void
check (const char *html,
       const char *expected)
{
  g_autofree char *text = care_html_to_text (html, -1);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_paragraphs (void)
{
  check ("<html><body><h1>Eye exam</h1><p>No  retinopathy.\n Mild myopia.</p><p>Return in 12 months.</p>"
         "</body></html>",
         "Eye exam\n\nNo retinopathy. Mild myopia.\n\nReturn in 12 months.");
  check ("line one<br>line two<br/>line three", "line one\nline two\nline three");
  check ("<ul><li>one</li><li>two</li></ul>", "one\n\ntwo");
}

static void
test_entities_and_hidden (void)
{
  check ("A1c &lt; 7 &amp; BP &gt; 120&#8212;ok&#x2e;&nbsp;&unknown;", "A1c < 7 & BP > 120—ok. &unknown;");
  check ("<style>p { color: red }</style><script>alert('x')</script><!-- note --><p>kept</p>", "kept");
}

static void
test_broken (void)
{
  /* Unclosed tags and stray brackets lose nothing readable, and never crash. */
  check ("<p>text before <b unclosed", "text before");
  check ("5 > 3 and <p>ok", "5 > 3 and\n\nok");
  check ("", "");
}

static void
test_cda (void)
{
  check ("<?xml version=\"1.0\"?><ClinicalDocument><title>Visit</title><component><section>"
         "<code code=\"10164-2\"/><text><paragraph>Doing well.</paragraph><table><tr><td>BP</td>"
         "<td>120/80</td></tr></table></text></section></component></ClinicalDocument>",
         "Visit\n\nDoing well.\n\nBP 120/80");
}

static void
test_rtf (void)
{
  g_autofree char *text = care_rtf_to_text ("{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}{\\*\\generator Word;}"
                                            "\\f0\\fs22 Seen today.\\par Caf\\'e9 ok \\u8212? done\\par"
                                            "{\\b Plan:} rest\\}}", -1);

  g_assert_cmpstr (text, ==, "Seen today.\nCafé ok — done\nPlan: rest}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care/html/paragraphs", test_paragraphs);
  g_test_add_func ("/care/html/entities-and-hidden", test_entities_and_hidden);
  g_test_add_func ("/care/html/broken", test_broken);
  g_test_add_func ("/care/html/cda", test_cda);
  g_test_add_func ("/care/rtf/text", test_rtf);

  return g_test_run ();
}
