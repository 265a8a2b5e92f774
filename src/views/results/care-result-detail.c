/* care-result-detail.c — one test result, in full
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report's page lists each of its tests with value, reference range and
 * flag in words; each test opens its own page, which adds the history of
 * that test (the same code, newest first) and a way to chart it. Then who
 * performed it, its status, the clinician's comments and the attached
 * report. Everything is read from the cache; a test the cache does not
 * hold says so rather than vanishing. The page keeps a trail, so Back from
 * a test returns to its panel.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-fhir.h"
#include "care-imaging.h"
#include "care-provenance.h"
#include "care-resource-item.h"
#include "care-result-attachment.h"
#include "care-result-detail.h"
#include "care-result-detail-rows.h"
#include "care-result-format.h"
#include "care-result-read.h"

/* Enough history to see a direction; the chart shows the rest. */
#define MAX_HISTORY 10

struct _CareResultDetail
{
  AdwBin        parent_instance;

  GtkScrolledWindow *scrolled;
  GtkButton    *back_button;
  GtkLabel     *title_label;
  GtkLabel     *subtitle_label;
  GtkBox       *content_box;

  CareCache    *cache;
  GPtrArray    *trail;
  GPtrArray    *component_rows;
  GHashTable   *component_ids;   /* row → id of the Observation it opens */
  GPtrArray    *history_rows;
  AdwPreferencesGroup *history_group;
  GCancellable *cancellable;
  char         *current_id;
  char         *trend_code;
  char         *comments;
  GDateTime    *date;
  gboolean      has_time;
  gboolean      loaded;
};

G_DEFINE_FINAL_TYPE (CareResultDetail, care_result_detail, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void render (CareResultDetail *self);

static void
set_loaded (CareResultDetail *self,
            gboolean          loaded)
{
  if (self->loaded == loaded)
    return;
  self->loaded = loaded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static GtkWidget *
add_group (CareResultDetail *self,
           const char       *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->content_box, group);
  return group;
}

static void
on_component_activated_cb (AdwActionRow     *row,
                           CareResultDetail *self)
{
  /* Showing another resource clears the rows, this one included. */
  g_autofree char *id = g_strdup (g_hash_table_lookup (self->component_ids, row));

  if (id != NULL && self->cache != NULL)
    care_result_detail_show (self, self->cache, "Observation", id);
}

static void
add_observation_row (CareResultDetail *self,
                     GtkWidget        *group,
                     JsonObject       *holder,
                     const char       *open_id)
{
  g_autofree char *name = care_result_read_name (holder);
  g_autofree char *value = care_result_read_value (holder);
  g_autofree char *range = care_result_read_range (holder);
  g_autoptr(GDateTime) date = care_result_read_date (holder, NULL);
  gboolean derived = FALSE;
  CareResultFlag flag = care_result_read_flag (holder, &derived);
  GtkWidget *row = care_result_value_row_new (name, value, range, flag, derived,
                                   date != NULL ? date : self->date);

  if (open_id != NULL)
    {
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Open this test"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_hash_table_insert (self->component_ids, g_object_ref (row), g_strdup (open_id));
      g_signal_connect (row, "activated", G_CALLBACK (on_component_activated_cb), self);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (self->component_rows, g_object_ref (row));
}

static void
add_results (CareResultDetail *self,
             JsonObject       *resource,
             gboolean          is_report,
             JsonObject     **out_primary)
{
  GtkWidget *group = NULL;
  g_autofree char *own_value = NULL;
  g_autoptr(GPtrArray) components = NULL;
  JsonArray *array;
  guint n_found = 0;

  if (is_report)
    {
      array = care_fhir_get_array (resource, "result");
      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          CareFhirReference reference = { 0 };
          g_autoptr(JsonObject) observation = NULL;

          if (!care_fhir_read_reference (care_fhir_get_array_object (resource, "result", i), &reference))
            {
              care_fhir_reference_clear (&reference);
              continue;
            }
          if (group == NULL)
            group = add_group (self, _("Results"));
          if (g_strcmp0 (reference.type, "Observation") == 0 && reference.id != NULL)
            observation = care_cache_lookup (self->cache, "Observation", reference.id, NULL);
          if (observation != NULL)
            {
              add_observation_row (self, group, observation, reference.id);
              if (n_found++ == 0 && out_primary != NULL)
                *out_primary = json_object_ref (observation);
            }
          else
            {
              GtkWidget *row = adw_action_row_new ();

              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                             reference.display != NULL ? reference.display
                                                                       : _("A test of this report"));
              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
              adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not in the offline copy"));
              adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
            }
          care_fhir_reference_clear (&reference);
        }
      /* A panel's history is each test's own; only a single test has one here. */
      if (n_found != 1 && out_primary != NULL)
        g_clear_pointer (out_primary, json_object_unref);
      return;
    }

  group = add_group (self, _("Result"));
  components = care_fhir_dup_components (resource);
  own_value = care_result_read_value (resource);
  if (components->len == 0 || own_value != NULL)
    add_observation_row (self, group, resource, NULL);
  for (guint i = 0; i < components->len; i++)
    add_observation_row (self, group, components->pdata[i], NULL);
  if (out_primary != NULL)
    *out_primary = json_object_ref (resource);
}

static void
add_details (CareResultDetail *self,
             JsonObject       *resource)
{
  GtkWidget *group = add_group (self, _("Details"));
  g_autofree char *date = NULL;
  g_autofree char *status = care_result_format_status (care_fhir_get_string (resource, "status"));
  g_autofree char *performers = care_result_dup_performers (self->cache, resource);
  g_autoptr(GDateTime) issued = care_fhir_dup_date_time (care_fhir_get_string (resource, "issued"));
  g_autofree char *issued_text = issued != NULL ? care_result_format_date (issued) : NULL;
  g_autofree char *full_name = care_fhir_dup_concept_full_text (care_fhir_get_object (resource, "code"));
  /* Who recorded it, from its Provenance (the Observation's, else the report's). */
  g_autofree char *source = care_provenance_dup_text_for (self->cache, care_fhir_get_string (resource, "resourceType"),
                                                          care_fhir_get_string (resource, "id"));

  if (self->date != NULL)
    date = self->has_time ? care_result_format_date_time (self->date) : care_result_format_date (self->date);
  /* An imaging study has no sample: its date is when the images were made. */
  care_result_add_detail_row (group,
                  g_strcmp0 (care_fhir_get_string (resource, "resourceType"), "ImagingStudy") == 0
                    ? C_("imaging study date", "Taken") : _("Collected"),
                  date);
  /* Lab results come back the same day; only a later day is worth a row. */
  if (issued != NULL && self->date != NULL &&
      (g_date_time_get_year (issued) != g_date_time_get_year (self->date) ||
       g_date_time_get_day_of_year (issued) != g_date_time_get_day_of_year (self->date)))
    care_result_add_detail_row (group, _("Resulted"), issued_text);
  care_result_add_detail_row (group, _("Status"), status);
  care_result_add_detail_row (group, _("Performed by"), performers);
  /* The title is the name meant for people; the lab's full name is here. */
  care_result_add_detail_row (group, _("Full name"), full_name);
  care_result_add_detail_row (group, _("Source"), source);
}

static void
add_comments (CareResultDetail *self,
              JsonObject       *resource)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonArray *notes = care_fhir_get_array (resource, "note");
  GtkWidget *group;

  if (care_fhir_get_string (resource, "conclusion") != NULL)
    g_string_append (text, care_fhir_get_string (resource, "conclusion"));
  for (guint i = 0; notes != NULL && i < json_array_get_length (notes); i++)
    {
      const char *note = care_fhir_get_string (care_fhir_get_array_object (resource, "note", i), "text");

      if (note != NULL)
        g_string_append_printf (text, "%s%s", text->len > 0 ? "\n\n" : "", note);
    }
  if (text->len == 0)
    return;

  g_free (self->comments);
  self->comments = g_strdup (text->str);
  group = add_group (self, _("Clinician’s Comments"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), care_result_text_card_new (text->str));
}

static void
add_attachments (CareResultDetail *self,
                 JsonObject       *resource)
{
  JsonArray *forms = care_fhir_get_array (resource, "presentedForm");
  GtkWidget *group;

  if (forms == NULL || json_array_get_length (forms) == 0)
    return;
  group = add_group (self, g_dngettext (GETTEXT_PACKAGE, "Attached Report", "Attached Reports",
                                        json_array_get_length (forms)));
  for (guint i = 0; i < json_array_get_length (forms); i++)
    {
      JsonObject *form = care_fhir_get_array_object (resource, "presentedForm", i);

      if (form != NULL)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), care_result_attachment_new (form));
    }
}

static void
on_trend_clicked_cb (CareResultDetail *self)
{
  if (self->trend_code == NULL)
    return;
  /* Health Trends may not be there yet; then its section is the next best. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-trend", "s", self->trend_code))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-section", "s", "trends");
}

static void
on_history_ready_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CareResultDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = care_cache_query_finish (CARE_CACHE (source), result, &error);
  guint n_shown = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->history_group == NULL)
    return;

  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list) && n_shown < MAX_HISTORY; i++)
    {
      g_autoptr(CareResourceItem) item = g_list_model_get_item (list, i);
      g_autofree char *when = NULL;
      GtkWidget *row;

      if (item == NULL || g_strcmp0 (care_resource_item_get_id (item), self->current_id) == 0)
        continue;
      when = care_result_format_date (care_resource_item_get_effective_date (item));
      row = care_result_value_row_new (when, care_resource_item_get_value_text (item), NULL,
                            care_result_flag_from_code (care_resource_item_get_interpretation (item)),
                            FALSE, care_resource_item_get_effective_date (item));
      adw_preferences_group_add (self->history_group, row);
      g_ptr_array_add (self->history_rows, g_object_ref (row));
      n_shown++;
    }

  if (n_shown == 0)
    adw_preferences_group_set_description (self->history_group,
                                           list == NULL ? _("The earlier results could not be read.")
                                                        : _("There are no earlier results of this test."));
  set_loaded (self, TRUE);
}

static void
add_history (CareResultDetail *self,
             JsonObject       *observation)
{
  JsonObject *coding = care_fhir_get_first_coding (care_fhir_get_object (observation, "code"));
  const char *system = care_fhir_get_string (coding, "system");
  const char *code = care_fhir_get_string (coding, "code");
  g_autoptr(CareCacheQuery) query = NULL;
  GtkWidget *button;
  GtkWidget *label;

  if (code == NULL)
    {
      set_loaded (self, TRUE);
      return;
    }

  /* The value on this page is not its own history. */
  g_free (self->current_id);
  self->current_id = g_strdup (care_fhir_get_string (observation, "id"));
  self->history_group = ADW_PREFERENCES_GROUP (add_group (self, _("History")));
  self->trend_code = g_strdup_printf ("%s|%s", system != NULL ? system : "", code);
  /* Beside the group's title: with large text at 360 px (or in Spanish)
   * the two do not fit on one line, so the button's words wrap. */
  label = gtk_label_new (_("Show in Health Trends"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show in Health Trends"), -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_name (button, "show-trend");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_trend_clicked_cb), self);
  adw_preferences_group_set_header_suffix (self->history_group, button);

  query = care_cache_query_new ("Observation");
  care_cache_query_set_code (query, system, code);
  care_cache_query_set_sort (query, CARE_CACHE_SORT_NEWEST);
  care_cache_query_async (self->cache, query, self->cancellable, on_history_ready_cb,
                          g_object_ref (self));
}

static void
reset (CareResultDetail *self)
{
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box))) != NULL)
    gtk_box_remove (self->content_box, child);
  g_ptr_array_set_size (self->component_rows, 0);
  g_hash_table_remove_all (self->component_ids);
  g_ptr_array_set_size (self->history_rows, 0);
  self->history_group = NULL;
  g_clear_pointer (&self->current_id, g_free);
  g_clear_pointer (&self->trend_code, g_free);
  g_clear_pointer (&self->comments, g_free);
  g_clear_pointer (&self->date, g_date_time_unref);
  set_loaded (self, FALSE);
}

static void
render (CareResultDetail *self)
{
  const char *key = self->trail->len > 0 ? g_ptr_array_index (self->trail, self->trail->len - 1) : NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(JsonObject) resource = NULL;
  g_autoptr(JsonObject) primary = NULL;
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;
  g_autofree char *status = NULL;
  g_autofree char *subtitle = NULL;
  gboolean is_report, is_study;

  reset (self);
  if (key == NULL || self->cache == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  parts = g_strsplit (key, "/", 2);
  self->current_id = g_strdup (parts[1]);
  resource = care_cache_lookup (self->cache, parts[0], parts[1], NULL);
  if (resource == NULL)
    {
      gtk_label_set_label (self->title_label, _("Result Not Available"));
      gtk_label_set_label (self->subtitle_label,
                           _("This result is no longer in the offline copy. It may have been "
                             "removed by your health system."));
      set_loaded (self, TRUE);
      return;
    }

  is_report = g_str_equal (parts[0], "DiagnosticReport");
  is_study = g_str_equal (parts[0], "ImagingStudy");
  name = is_study ? care_imaging_dup_title (resource) : care_result_read_name (resource);
  self->date = care_result_read_date (resource, &self->has_time);
  when = care_result_format_date (self->date);
  status = is_study ? g_strdup (_("No report yet"))
                    : care_result_format_status (care_fhir_get_string (resource, "status"));
  if (status != NULL)
    /* Translators: under a result's name: %1$s is the date, %2$s the status ("Final") */
    subtitle = g_strdup_printf (_("%1$s · %2$s"), when, status);
  gtk_label_set_label (self->title_label, name);
  gtk_label_set_label (self->subtitle_label, subtitle != NULL ? subtitle : when);

  if (is_study)
    gtk_box_append (self->content_box, care_result_study_group_new (resource));
  else
    add_results (self, resource, is_report, &primary);
  add_comments (self, resource);
  if (is_report)
    {
      GtkWidget *images = care_result_imaging_group_new (self->cache, resource);

      add_attachments (self, resource);
      if (images != NULL)
        gtk_box_append (self->content_box, images);
    }
  add_details (self, resource);
  if (primary != NULL)
    add_history (self, primary);
  else
    set_loaded (self, TRUE);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
}

/**
 * care_result_detail_show:
 * @self: a #CareResultDetail
 * @cache: the cache holding the result
 * @type: "DiagnosticReport" or "Observation"
 * @id: its id
 *
 * Shows the result, after the one shown now (Back returns to it).
 */
void
care_result_detail_show (CareResultDetail *self,
                         CareCache        *cache,
                         const char       *type,
                         const char       *id)
{
  g_return_if_fail (CARE_IS_RESULT_DETAIL (self));
  g_return_if_fail (CARE_IS_CACHE (cache));
  g_return_if_fail (type != NULL && id != NULL);

  if (self->cache != cache)
    {
      g_ptr_array_set_size (self->trail, 0);
      g_set_object (&self->cache, cache);
    }
  g_ptr_array_add (self->trail, g_strdup_printf ("%s/%s", type, id));
  render (self);
}

/**
 * care_result_detail_go_back:
 * @self: a #CareResultDetail
 *
 * Returns: %TRUE if an earlier result is shown again, %FALSE if there was
 *   none (the page is then empty)
 */
gboolean
care_result_detail_go_back (CareResultDetail *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_DETAIL (self), FALSE);

  if (self->trail->len > 0)
    g_ptr_array_set_size (self->trail, self->trail->len - 1);
  if (self->trail->len == 0)
    {
      care_result_detail_clear (self);
      return FALSE;
    }
  render (self);
  care_result_detail_focus (self);
  return TRUE;
}

void
care_result_detail_clear (CareResultDetail *self)
{
  g_return_if_fail (CARE_IS_RESULT_DETAIL (self));

  g_ptr_array_set_size (self->trail, 0);
  reset (self);
  g_clear_object (&self->cache);
}

void
care_result_detail_focus (CareResultDetail *self)
{
  g_return_if_fail (CARE_IS_RESULT_DETAIL (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self->back_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->back_button));
  else
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

/**
 * care_result_detail_set_show_back:
 * @self: a #CareResultDetail
 * @show_back: whether the page has its own Back button
 *
 * A folded window carries Back in its header instead.
 */
void
care_result_detail_set_show_back (CareResultDetail *self,
                                  gboolean          show_back)
{
  g_return_if_fail (CARE_IS_RESULT_DETAIL (self));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show_back);
}

const char *
care_result_detail_get_title (CareResultDetail *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_DETAIL (self), NULL);
  return gtk_label_get_label (self->title_label);
}

/**
 * care_result_detail_get_component_rows:
 * @self: a #CareResultDetail
 *
 * Returns: (transfer none) (element-type AdwActionRow): a row per test
 */
GPtrArray *
care_result_detail_get_component_rows (CareResultDetail *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_DETAIL (self), NULL);
  return self->component_rows;
}

/**
 * care_result_detail_get_history_rows:
 * @self: a #CareResultDetail
 *
 * Returns: (transfer none) (element-type AdwActionRow): a row per earlier
 *   result of the same test, newest first
 */
GPtrArray *
care_result_detail_get_history_rows (CareResultDetail *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_DETAIL (self), NULL);
  return self->history_rows;
}

/**
 * care_result_detail_get_trend_code:
 * @self: a #CareResultDetail
 *
 * Returns: (nullable): "system|code" that "Show in Health Trends" sends
 */
const char *
care_result_detail_get_trend_code (CareResultDetail *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_DETAIL (self), NULL);
  return self->trend_code;
}

const char *
care_result_detail_get_comments (CareResultDetail *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_DETAIL (self), NULL);
  return self->comments;
}

gboolean
care_result_detail_get_loaded (CareResultDetail *self)
{
  g_return_val_if_fail (CARE_IS_RESULT_DETAIL (self), FALSE);
  return self->loaded;
}

static void
care_result_detail_dispose (GObject *object)
{
  CareResultDetail *self = (CareResultDetail *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->component_rows, g_ptr_array_unref);
  g_clear_pointer (&self->component_ids, g_hash_table_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);
  self->history_group = NULL;
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARE_TYPE_RESULT_DETAIL);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (care_result_detail_parent_class)->dispose (object);
}

static void
care_result_detail_finalize (GObject *object)
{
  CareResultDetail *self = (CareResultDetail *)object;

  g_clear_pointer (&self->trail, g_ptr_array_unref);
  g_free (self->current_id);
  g_free (self->trend_code);
  g_free (self->comments);
  g_clear_pointer (&self->date, g_date_time_unref);

  G_OBJECT_CLASS (care_result_detail_parent_class)->finalize (object);
}

static void
care_result_detail_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CareResultDetail *self = CARE_RESULT_DETAIL (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_result_detail_class_init (CareResultDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_result_detail_dispose;
  object_class->finalize = care_result_detail_finalize;
  object_class->get_property = care_result_detail_get_property;

  /**
   * CareResultDetail:loaded:
   *
   * Whether the page shows everything about the result, its history too.
   */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/carebook/Carebook/views/results/care-result-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, CareResultDetail, scrolled);
  gtk_widget_class_bind_template_child (widget_class, CareResultDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, CareResultDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, CareResultDetail, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CareResultDetail, content_box);
}

static void
care_result_detail_init (CareResultDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->trail = g_ptr_array_new_with_free_func (g_free);
  self->component_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->component_ids = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  self->history_rows = g_ptr_array_new_with_free_func (g_object_unref);
}
