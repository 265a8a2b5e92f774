/* care-html.c — an HTML document's words, as plain paragraphs
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clinical notes often arrive as (X)HTML. Carebook shows their text, never
 * renders them: no scripts, no remote images, no styles. Tags are
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
