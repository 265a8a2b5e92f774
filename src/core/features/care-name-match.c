/* care-name-match.c — the one of a list of choices a name, or a part of
 * one, names
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * carebook-cli takes a message's recipient and a renewal's pharmacy as
 * the user words them: the reference, the whole name or a part of it (or
 * of a recipient's role), whatever the case. A part that fits more than
 * one is no answer, and the user is shown the list to choose from.
 */
#include "config.h"

#include <string.h>

#include "care-name-match.h"

/**
 * care_name_match:
 * @items: the choices
 * @describe: says what an item is called
 * @words: a reference, a name or a part of one (of a detail too)
 * @n_found: (out): how many items @words fits in part (0 when none)
 * @choices: (out) (transfer full): when none is named, the list to
 *   choose from, each item on a line of its own after a newline and two
 *   spaces, its detail in brackets
 *
 * A reference or a whole name (ignoring case) names its item at once;
 * otherwise a part names the one item it is part of. An empty part names
 * nothing.
 *
 * Returns: (transfer none) (nullable): the one item @words names
 */
gpointer
care_name_match (GPtrArray          *items,
                 CareNameChoiceFunc  describe,
                 const char         *words,
                 guint              *n_found,
                 char              **choices)
{
  g_autofree char *folded = NULL;
  GString *list = NULL;
  gpointer found = NULL;

  g_return_val_if_fail (items != NULL && describe != NULL && words != NULL, NULL);
  g_return_val_if_fail (n_found != NULL && choices != NULL, NULL);

  *n_found = 0;
  *choices = NULL;
  folded = g_utf8_casefold (words, -1);
  for (guint i = 0; i < items->len; i++)
    {
      CareNameChoice choice = { 0 };
      g_autofree char *name = NULL;
      g_autofree char *detail = NULL;

      describe (g_ptr_array_index (items, i), &choice);
      name = g_utf8_casefold (choice.name, -1);
      detail = choice.detail != NULL ? g_utf8_casefold (choice.detail, -1) : NULL;
      if (g_strcmp0 (choice.reference, words) == 0 || g_str_equal (name, folded))
        {
          *n_found = 1;
          return g_ptr_array_index (items, i);
        }
      if (folded[0] != '\0' && (strstr (name, folded) != NULL || (detail != NULL && strstr (detail, folded) != NULL)))
        {
          found = g_ptr_array_index (items, i);
          (*n_found)++;
        }
    }
  if (*n_found == 1)
    return found;

  list = g_string_new (NULL);
  for (guint i = 0; i < items->len; i++)
    {
      CareNameChoice choice = { 0 };

      describe (g_ptr_array_index (items, i), &choice);
      g_string_append_printf (list, "\n  %s", choice.name);
      if (choice.detail != NULL)
        g_string_append_printf (list, " (%s)", choice.detail);
    }
  *choices = g_string_free (list, FALSE);
  return NULL;
}
