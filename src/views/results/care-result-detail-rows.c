/* care-result-detail-rows.c — the rows a result's page is made of
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A value with its flag in words and its reference range, a card of the
 * clinician's comments, a row of the details (who performed it), for
 * care-result-detail.c, which lays them out.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-fhir.h"
#include "care-result-detail-rows.h"

static GtkWidget *
make_flag_box (CareResultFlag flag)
{
  const char *label = care_result_flag_get_label (flag);
  GtkWidget *box;
  GtkWidget *image;

  if (label == NULL)
    return NULL;
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  image = gtk_image_new_from_icon_name (care_result_flag_get_icon_name (flag));
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), gtk_label_new (label));
  gtk_widget_add_css_class (box, "result-flag");
  gtk_widget_add_css_class (box, care_result_flag_get_css_class (flag));
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "caption-heading");
  return box;
}

/* A row with a value, its flag in words and, as subtitle, the range. */
GtkWidget *
care_result_value_row_new (const char     *title,
                           const char     *value,
                           const char     *range,
                           CareResultFlag  flag,
                           gboolean        derived,
                           GDateTime      *date)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *value_label = gtk_label_new (value != NULL ? value : C_("result value", "—"));
  GtkWidget *flag_box = make_flag_box (flag);
  g_autofree char *sentence = care_result_dup_sentence (title, value, flag, date);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  if (range != NULL)
    {
      if (derived && flag != CARE_RESULT_FLAG_NONE)
        /* Translators: %s is a test's reference range, "70–99 mg/dL"; the
         * health system sent no high/low flag, Carebook compared the value */
        subtitle = g_strdup_printf (_("Reference range: %s. The health system sent no flag: "
                                      "this one was worked out from the range."), range);
      else
        /* Translators: %s is a test's reference range, "70–99 mg/dL" */
        subtitle = g_strdup_printf (_("Reference range: %s"), range);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      subtitle, -1);
    }

  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (value_label), 1.0f);
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_widget_add_css_class (value_label, "result-value");
  if (flag_box != NULL)
    gtk_widget_add_css_class (value_label, "result-flagged");
  gtk_box_append (GTK_BOX (suffix), value_label);
  if (flag_box != NULL)
    {
      gtk_widget_set_halign (flag_box, GTK_ALIGN_END);
      gtk_box_append (GTK_BOX (suffix), flag_box);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, sentence, -1);

  return row;
}

/* The clinician's comments, as a card of selectable text. */
GtkWidget *
care_result_text_card_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "card");
  gtk_widget_add_css_class (label, "result-comment");
  return label;
}

/* Who performed a test, by name (from the reference, else the
 * Practitioner or Organization in the cache), comma-separated; NULL
 * when none is named. */
char *
care_result_dup_performers (CareCache  *cache,
                            JsonObject *resource)
{
  JsonArray *performers = care_fhir_get_array (resource, "performer");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; performers != NULL && i < json_array_get_length (performers); i++)
    {
      CareFhirReference reference = { 0 };
      char *name = NULL;

      care_fhir_read_reference (care_fhir_get_array_object (resource, "performer", i), &reference);
      if (reference.display != NULL)
        name = g_strdup (reference.display);
      else if (reference.type != NULL && reference.id != NULL)
        {
          g_autoptr(JsonObject) target = care_cache_lookup (cache, reference.type, reference.id, NULL);
          JsonNode *human = target != NULL ? json_object_get_member (target, "name") : NULL;

          if (human != NULL && JSON_NODE_HOLDS_ARRAY (human))
            name = care_fhir_dup_human_name (json_node_get_array (human));
          else
            name = g_strdup (care_fhir_get_string (target, "name"));
        }
      if (name != NULL)
        g_ptr_array_add (names, name);
      care_fhir_reference_clear (&reference);
    }
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **)names->pdata);
}

/* A row of the Details group; none when @value is NULL. */
void
care_result_add_detail_row (GtkWidget  *group,
                            const char *title,
                            const char *value)
{
  GtkWidget *row;

  if (value == NULL)
    return;
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}
