/* care-name-match.h — the one of a list of choices a name, or a part of
 * one, names
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CareNameChoice:
 * @reference: (nullable): "Type/id", matched whole
 * @name: matched whole or in part, whatever the case
 * @detail: (nullable): a role, matched in part and said in the list
 */
typedef struct
{
  const char *reference;
  const char *name;
  const char *detail;
} CareNameChoice;

/* Fills @choice (strings owned by @item) from one of the items. */
typedef void (*CareNameChoiceFunc) (gconstpointer   item,
                                    CareNameChoice *choice);

gpointer care_name_match (GPtrArray          *items,
                          CareNameChoiceFunc  describe,
                          const char         *words,
                          guint              *n_found,
                          char              **choices);

G_END_DECLS
