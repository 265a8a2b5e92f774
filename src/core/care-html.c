/* care-html.c — an HTML document's words, as plain paragraphs
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clinical notes often arrive as (X)HTML, or as C-CDA XML whose narrative
 * is much the same markup. Carebook shows their text, never renders them:
 * no scripts, no remote images, no styles. RTF gets the same treatment in
 * care_rtf_to_text(). Tags are
 * dropped, block elements become paragraph breaks, entities are decoded,
 * runs of white space collapse as a browser collapses them, and script
 * and style contents vanish.
 */
#include "config.h"

#include "care-html.h"

#include <string.h>

static const char *block_tags[] = {
  "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "ul", "ol", "pre",
  "blockquote", "section", "article", "header", "footer", "title", "hr", "dt", "dd",
  /* C-CDA narrative blocks, so an XML document reads as text too */
  "paragraph", "item", "caption", "component",
};

static gboolean
is_block_tag (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (block_tags); i++)
    if (g_ascii_strcasecmp (name, block_tags[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
append_entity (GString    *out,
               const char *entity)
{
  static const struct { const char *name; const char *text; } named[] = {
    { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
    { "nbsp", " " }, { "middot", "·" }, { "mdash", "—" }, { "ndash", "–" }, { "deg", "°" },
  };
  gunichar c = 0;

  if (entity[0] == '#')
    {
      c = entity[1] == 'x' || entity[1] == 'X' ? (gunichar)g_ascii_strtoull (entity + 2, NULL, 16)
                                               : (gunichar)g_ascii_strtoull (entity + 1, NULL, 10);
      if (c != 0 && g_unichar_validate (c))
        g_string_append_unichar (out, c);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (g_str_equal (entity, named[i].name))
      {
        g_string_append (out, named[i].text);
        return;
      }
  g_string_append_printf (out, "&%s;", entity);
}

/* Ends the current paragraph, once. */
static void
break_paragraph (GString *out)
{
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  if (out->len > 0 && !g_str_has_suffix (out->str, "\n\n"))
    g_string_append (out, out->str[out->len - 1] == '\n' ? "\n" : "\n\n");
}

/**
 * care_html_to_text:
 * @html: HTML text, UTF-8
 * @length: its length, or -1 if nul-terminated
 *
 * Returns: (transfer full): its text, paragraphs separated by blank lines
 */
char *
care_html_to_text (const char *html,
                   gssize      length)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p, *end;
  const char *skip_until = NULL;

  g_return_val_if_fail (html != NULL, NULL);

  end = html + (length < 0 ? strlen (html) : (gsize)length);
  for (p = html; p < end; p++)
    {
      if (skip_until != NULL)
        {
          const char *close = g_strstr_len (p, end - p, skip_until);

          p = close != NULL ? close + strlen (skip_until) - 1 : end;
          skip_until = NULL;
          continue;
        }
      if (*p == '<')
        {
          const char *close = memchr (p, '>', end - p);
          g_autofree char *name = NULL;
          const char *n = p + 1;
          gsize len = 0;

          if (close == NULL)
            break;
          if (g_str_has_prefix (p, "<!--"))
            {
              const char *comment_end = g_strstr_len (p, end - p, "-->");

              p = comment_end != NULL ? comment_end + 2 : end;
              continue;
            }
          if (*n == '/')
            n++;
          while (n + len < close && (g_ascii_isalnum (n[len])))
            len++;
          name = g_strndup (n, len);
          if (p[1] != '/' && (g_ascii_strcasecmp (name, "script") == 0 || g_ascii_strcasecmp (name, "style") == 0))
            skip_until = g_ascii_strcasecmp (name, "script") == 0 ? "</script>" : "</style>";
          else if (g_ascii_strcasecmp (name, "br") == 0)
            {
              while (out->len > 0 && out->str[out->len - 1] == ' ')
                g_string_truncate (out, out->len - 1);
              g_string_append_c (out, '\n');
            }
          else if (is_block_tag (name))
            break_paragraph (out);
          else if ((g_ascii_strcasecmp (name, "td") == 0 || g_ascii_strcasecmp (name, "th") == 0) &&
                   out->len > 0 && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '\n')
            g_string_append_c (out, ' ');
          p = close;
          continue;
        }
      if (*p == '&')
        {
          const char *semi = memchr (p, ';', MIN (end - p, 12));

          if (semi != NULL)
            {
              g_autofree char *entity = g_strndup (p + 1, semi - p - 1);

              append_entity (out, entity);
              p = semi;
              continue;
            }
        }
      if (g_ascii_isspace (*p))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '\n')
            g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_c (out, *p);
    }

  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);
  return g_utf8_make_valid (out->str, out->len);
}

static void
append_cp1252 (GString *out,
               guint    byte)
{
  /* \'hh escapes are in the document's code page; Windows-1252 is what
   * clinical systems write, and its 0x80–0x9f block differs from Latin-1. */
  static const gunichar high[32] = {
    0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
    0x0152, 0xfffd, 0x017d, 0xfffd, 0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
  };

  g_string_append_unichar (out, byte >= 0x80 && byte < 0xa0 ? high[byte - 0x80] : (gunichar)byte);
}

/**
 * care_rtf_to_text:
 * @rtf: RTF text
 * @length: its length, or -1 if nul-terminated
 *
 * Drops control words, destinations ({\* …}, font and colour tables) and
 * braces; \par and \line become line breaks; \'hh and \uN become
 * characters.
 *
 * Returns: (transfer full): its text
 */
char *
care_rtf_to_text (const char *rtf,
                  gssize      length)
{
  static const char *skipped[] = { "fonttbl", "colortbl", "stylesheet", "info", "pict", "header",
                                   "footer", "listtable", "listoverridetable", "generator", NULL };
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p, *end;
  int depth = 0;
  int skip_depth = -1;
  int uc_skip = 0;

  g_return_val_if_fail (rtf != NULL, NULL);

  end = rtf + (length < 0 ? strlen (rtf) : (gsize)length);
  for (p = rtf; p < end; p++)
    {
      if (*p == '{')
        {
          depth++;
          if (skip_depth < 0 && p + 2 < end && p[1] == '\\' && p[2] == '*')
            skip_depth = depth;
          continue;
        }
      if (*p == '}')
        {
          if (skip_depth == depth)
            skip_depth = -1;
          depth--;
          continue;
        }
      if (*p == '\\' && p + 1 < end)
        {
          const char *word = p + 1;
          gsize len = 0;
          g_autofree char *name = NULL;
          gint64 param = 0;
          gboolean has_param = FALSE;

          if (*word == '\'' && p + 3 < end)
            {
              char hex[3] = { p[2], p[3], 0 };

              if (skip_depth < 0)
                {
                  if (uc_skip > 0)
                    uc_skip--;
                  else
                    append_cp1252 (out, (guint)g_ascii_strtoull (hex, NULL, 16));
                }
              p += 3;
              continue;
            }
          if (!g_ascii_isalpha (*word))
            {
              /* \\, \{, \} and \~ stand for themselves (or a space). */
              if (skip_depth < 0 && (*word == '\\' || *word == '{' || *word == '}'))
                g_string_append_c (out, *word);
              else if (skip_depth < 0 && *word == '~')
                g_string_append_c (out, ' ');
              p++;
              continue;
            }
          while (word + len < end && g_ascii_isalpha (word[len]))
            len++;
          name = g_strndup (word, len);
          p = word + len;
          if (p < end && (*p == '-' || g_ascii_isdigit (*p)))
            {
              char *after = NULL;

              param = g_ascii_strtoll (p, &after, 10);
              has_param = TRUE;
              p = after;
            }
          if (p < end && *p != ' ')
            p--;   /* the delimiter belongs to the text */

          if (g_strv_contains (skipped, name) && skip_depth < 0)
            skip_depth = depth;
          else if (skip_depth >= 0)
            continue;
          else if (g_str_equal (name, "par") || g_str_equal (name, "line") || g_str_equal (name, "row"))
            g_string_append_c (out, '\n');
          else if (g_str_equal (name, "tab") || g_str_equal (name, "cell"))
            g_string_append_c (out, '\t');
          else if (g_str_equal (name, "u") && has_param)
            {
              gunichar c = (gunichar)(param < 0 ? param + 65536 : param);

              if (g_unichar_validate (c))
                g_string_append_unichar (out, c);
              uc_skip = 1;
            }
          continue;
        }
      if (skip_depth >= 0 || *p == '\r' || *p == '\n')
        continue;
      if (uc_skip > 0)
        {
          uc_skip--;
          continue;
        }
      g_string_append_c (out, *p);
    }

  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);
  return g_utf8_make_valid (out->str, out->len);
}
