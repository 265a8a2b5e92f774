/* care-documents-rows.c — the rows of Visits & Documents
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A past visit (when, what kind, where, with whom) that opens its
 * after-visit summary; a document (note, letter, advance directive) that
 * opens in the viewer; an eye prescription as a small table, one line per
 * eye: sphere, cylinder, axis and add; an imaging study no report reads
 * yet, in words. Each row keeps its words for the
 * view's search and its DocumentReference for the viewer.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-directive-draft.h"
#include "care-documents-rows.h"
#include "care-fhir.h"
#include "care-imaging.h"
#include "care-time.h"

#include <string.h>

/* A visit or a document: what the viewer opens and the words the view's
 * search matches, kept on the row rather than as object data. */
#define CARE_TYPE_DOCUMENTS_ROW (care_documents_row_get_type ())
G_DECLARE_FINAL_TYPE (CareDocumentsRow, care_documents_row, CARE, DOCUMENTS_ROW, AdwActionRow)

struct _CareDocumentsRow
{
  AdwActionRow  parent_instance;

  JsonObject   *document;      /* nullable: a visit without a summary */
  char         *search_text;   /* casefolded */
};

G_DEFINE_FINAL_TYPE (CareDocumentsRow, care_documents_row, ADW_TYPE_ACTION_ROW)

/* An eye prescription: a preferences row (so a group puts it in its card)
 * holding its table. */
#define CARE_TYPE_DOCUMENTS_VISION_ROW (care_documents_vision_row_get_type ())
G_DECLARE_FINAL_TYPE (CareDocumentsVisionRow, care_documents_vision_row, CARE, DOCUMENTS_VISION_ROW,
                      AdwPreferencesRow)

struct _CareDocumentsVisionRow
{
  AdwPreferencesRow  parent_instance;

  GtkWidget         *grid;
  char              *search_text;   /* casefolded */
};

G_DEFINE_FINAL_TYPE (CareDocumentsVisionRow, care_documents_vision_row, ADW_TYPE_PREFERENCES_ROW)

static void
care_documents_row_finalize (GObject *object)
{
  CareDocumentsRow *self = (CareDocumentsRow *)object;

  g_clear_pointer (&self->document, json_object_unref);
  g_clear_pointer (&self->search_text, g_free);
  G_OBJECT_CLASS (care_documents_row_parent_class)->finalize (object);
}

static void
care_documents_row_class_init (CareDocumentsRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = care_documents_row_finalize;
}

static void
care_documents_row_init (CareDocumentsRow *self)
{
}

static void
care_documents_vision_row_finalize (GObject *object)
{
  CareDocumentsVisionRow *self = (CareDocumentsVisionRow *)object;

  g_clear_pointer (&self->search_text, g_free);
  G_OBJECT_CLASS (care_documents_vision_row_parent_class)->finalize (object);
}

static void
care_documents_vision_row_class_init (CareDocumentsVisionRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = care_documents_vision_row_finalize;
}

static void
care_documents_vision_row_init (CareDocumentsVisionRow *self)
{
}

static char *
fold_search_text (const char *search_text)
{
  return search_text != NULL ? g_utf8_casefold (search_text, -1) : g_strdup ("");
}

/**
 * care_documents_classify:
 * @document: a DocumentReference
 *
 * Returns: which group it is listed in, from its LOINC type or its words
 */
CareDocumentKind
care_documents_classify (JsonObject *document)
{
  static const char *summaries[] = { "34133-9", "81218-0", NULL };
  static const char *directives[] = { "42348-3", "75320-2", "64298-3", "86533-7", "92664-2", NULL };
  static const char *letters[] = { "68609-7", "57133-1", "51852-2", "34140-4", NULL };
  JsonObject *type = care_fhir_get_object (document, "type");
  JsonArray *codings = care_fhir_get_array (type, "coding");
  g_autofree char *text = care_fhir_dup_concept_text (type);
  g_autofree char *folded = text != NULL ? g_utf8_casefold (text, -1) : NULL;

  /* A blank form the portal offers is not a directive on file, whatever its words say. */
  if (care_directive_is_blank_form (document))
    return CARE_DOCUMENT_KIND_OTHER;
  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonNode *node = json_array_get_element (codings, i);
      const char *code = JSON_NODE_HOLDS_OBJECT (node)
                         ? care_fhir_get_string (json_node_get_object (node), "code") : NULL;

      if (code == NULL)
        continue;
      if (g_strv_contains (summaries, code))
        return CARE_DOCUMENT_KIND_SUMMARY;
      if (g_strv_contains (directives, code))
        return CARE_DOCUMENT_KIND_DIRECTIVE;
      if (g_strv_contains (letters, code))
        return CARE_DOCUMENT_KIND_LETTER;
    }
  if (folded != NULL && strstr (folded, "letter") != NULL)
    return CARE_DOCUMENT_KIND_LETTER;
  if (folded != NULL && strstr (folded, "directive") != NULL)
    return CARE_DOCUMENT_KIND_DIRECTIVE;
  if (folded != NULL && (strstr (folded, "after-visit") != NULL || strstr (folded, "visit summary") != NULL))
    return CARE_DOCUMENT_KIND_SUMMARY;
  if (codings != NULL || folded != NULL)
    return CARE_DOCUMENT_KIND_NOTE;
  return CARE_DOCUMENT_KIND_OTHER;
}

/**
 * care_documents_dup_encounter_id:
 * @document: a DocumentReference
 *
 * Returns: (transfer full) (nullable): the id of the visit it belongs to
 */
char *
care_documents_dup_encounter_id (JsonObject *document)
{
  JsonObject *context = care_fhir_get_object (document, "context");
  JsonArray *encounters = care_fhir_get_array (context, "encounter");
  CareFhirReference reference = { 0 };
  char *id = NULL;

  /* R4 has a list; some servers still send the STU3 single reference. */
  if (encounters != NULL && json_array_get_length (encounters) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (encounters, 0)))
    care_fhir_read_reference (json_array_get_object_element (encounters, 0), &reference);
  else
    care_fhir_read_reference (care_fhir_get_object (context, "encounter"), &reference);
  if (g_strcmp0 (reference.type, "Encounter") == 0)
    id = g_strdup (reference.id);
  care_fhir_reference_clear (&reference);
  return id;
}

char *
care_documents_dup_date_text (const char *fhir_date)
{
  g_autoptr(GDateTime) time = fhir_date != NULL ? care_fhir_dup_date_time (fhir_date) : NULL;
  g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;

  return local != NULL ? care_time_format_day (local) : NULL;
}

/**
 * care_documents_dup_reference_name:
 * @cache: the record
 * @reference: (nullable): a Reference to a Practitioner, Location…
 *
 * Returns: (transfer full) (nullable): the target's name from the cache,
 *   else the reference's display
 */
char *
care_documents_dup_reference_name (CareCache  *cache,
                                   JsonObject *reference)
{
  CareFhirReference target = { 0 };
  g_autoptr(JsonObject) resource = NULL;
  char *name = NULL;

  if (reference == NULL || !care_fhir_read_reference (reference, &target))
    return NULL;
  if (cache != NULL && target.type != NULL && target.id != NULL)
    resource = care_cache_lookup (cache, target.type, target.id, NULL);
  if (resource != NULL && g_str_equal (target.type, "Practitioner"))
    name = care_fhir_dup_human_name (care_fhir_get_array (resource, "name"));
  else if (resource != NULL)
    name = g_strdup (care_fhir_get_string (resource, "name"));
  if (name == NULL)
    name = g_strdup (target.display);
  care_fhir_reference_clear (&target);
  return name;
}

static void
set_row_data (GtkWidget  *row,
              JsonObject *document,
              const char *search_text)
{
  CareDocumentsRow *self = CARE_DOCUMENTS_ROW (row);

  g_clear_pointer (&self->document, json_object_unref);
  if (document != NULL)
    self->document = json_object_ref (document);
  g_free (self->search_text);
  self->search_text = fold_search_text (search_text);
}

/**
 * care_documents_row_get_document:
 * @row: any row of the view
 *
 * Returns: (transfer none) (nullable): the DocumentReference it opens
 */
JsonObject *
care_documents_row_get_document (GtkWidget *row)
{
  return CARE_IS_DOCUMENTS_ROW (row) ? CARE_DOCUMENTS_ROW (row)->document : NULL;
}

/**
 * care_documents_row_get_search_text:
 * @row: any row of the view
 *
 * Returns: (nullable): the casefolded words the search matches, or %NULL
 *   for a row not made here
 */
const char *
care_documents_row_get_search_text (GtkWidget *row)
{
  if (CARE_IS_DOCUMENTS_ROW (row))
    return CARE_DOCUMENTS_ROW (row)->search_text;
  if (CARE_IS_DOCUMENTS_VISION_ROW (row))
    return CARE_DOCUMENTS_VISION_ROW (row)->search_text;
  return NULL;
}

static char *
join_present (const char *separator,
              const char *a,
              const char *b,
              const char *c)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (a != NULL && *a != '\0')
    g_strv_builder_add (builder, a);
  if (b != NULL && *b != '\0')
    g_strv_builder_add (builder, b);
  if (c != NULL && *c != '\0')
    g_strv_builder_add (builder, c);
  parts = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return g_strjoinv (separator, parts);
}

/**
 * care_documents_visit_row_new:
 * @cache: the record
 * @encounter: an Encounter
 * @summary: (nullable): its after-visit summary
 *
 * Returns: (transfer floating): a row that opens the summary
 */
GtkWidget *
care_documents_visit_row_new (CareCache  *cache,
                              JsonObject *encounter,
                              JsonObject *summary)
{
  GtkWidget *row = g_object_new (CARE_TYPE_DOCUMENTS_ROW, NULL);
  JsonObject *period = care_fhir_get_object (encounter, "period");
  g_autofree char *date = care_documents_dup_date_text (care_fhir_get_string (period, "start"));
  g_autofree char *type = NULL;
  g_autofree char *place = NULL;
  g_autofree char *who = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *search = NULL;
  JsonArray *types = care_fhir_get_array (encounter, "type");
  JsonObject *location = care_fhir_get_array_object (encounter, "location", 0);
  JsonObject *participant = care_fhir_get_array_object (encounter, "participant", 0);

  if (types != NULL && json_array_get_length (types) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (types, 0)))
    type = care_fhir_dup_concept_text (json_array_get_object_element (types, 0));
  if (type == NULL)
    type = g_strdup (care_fhir_get_string (care_fhir_get_object (encounter, "class"), "display"));
  if (location != NULL)
    place = care_documents_dup_reference_name (cache, care_fhir_get_object (location, "location"));
  if (participant != NULL)
    who = care_documents_dup_reference_name (cache, care_fhir_get_object (participant, "individual"));

  subtitle = join_present (" · ", date, who, place);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), type != NULL ? type : _("Visit"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  if (summary != NULL)
    {
      GtkWidget *label = gtk_label_new (_("Summary"));
      GtkWidget *icon = care_a11y_decoration_new ("go-next-symbolic");

      /* Not dimmed: a dim caption is 4.3:1 on a row, under WCAG AA. */
      gtk_widget_add_css_class (label, "caption");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Open the after-visit summary"));
    }
  else
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  search = join_present (" ", type, subtitle, summary != NULL ? _("After-visit summary") : NULL);
  set_row_data (row, summary, search);
  return row;
}

/**
 * care_documents_study_row_new:
 * @study: an ImagingStudy no report reads yet
 *
 * Returns: (transfer floating): a row that says what was imaged, when,
 *   and that its report has not come: it opens nothing
 */
GtkWidget *
care_documents_study_row_new (JsonObject *study)
{
  GtkWidget *row = g_object_new (CARE_TYPE_DOCUMENTS_ROW, NULL);
  g_autofree char *title = care_imaging_dup_title (study);
  g_autofree char *date = care_documents_dup_date_text (care_fhir_get_string (study, "started"));
  g_autofree char *text = care_imaging_dup_unreported_text (study);
  g_autofree char *subtitle = join_present (" · ", date, text, NULL);
  g_autofree char *search = join_present (" ", title, subtitle, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), care_a11y_decoration_new ("image-x-generic-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  set_row_data (row, NULL, search);
  return row;
}

/**
 * care_documents_dup_title:
 * @document: a DocumentReference
 *
 * Returns: (transfer full): what its row calls it: its description, else
 *   its file's title, else its type
 */
char *
care_documents_dup_title (JsonObject *document)
{
  JsonObject *attachment = care_fhir_get_object (care_fhir_get_array_object (document, "content", 0), "attachment");
  const char *title = care_fhir_get_string (document, "description");
  char *type;

  if (title == NULL)
    title = care_fhir_get_string (attachment, "title");
  if (title != NULL)
    return g_strdup (title);
  type = care_fhir_dup_concept_text (care_fhir_get_object (document, "type"));
  return type != NULL ? type : g_strdup (_("Document"));
}

/**
 * care_documents_withheld_row_new:
 * @message: (nullable): the portal's words, when it gave any
 *
 * Returns: (transfer floating): the row that says clinical notes are
 *   withheld from proxy access
 */
GtkWidget *
care_documents_withheld_row_new (const char *message)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Not shared with proxies"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               message != NULL ? message
                                               : _("The health system withholds clinical notes from "
                                                   "proxy access for this person."));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), care_a11y_decoration_new ("changes-prevent-symbolic"));
  return row;
}

/**
 * care_documents_document_row_new:
 * @cache: the record
 * @document: a DocumentReference
 *
 * Returns: (transfer floating): a row that opens the document
 */
GtkWidget *
care_documents_document_row_new (CareCache  *cache,
                                 JsonObject *document)
{
  GtkWidget *row = g_object_new (CARE_TYPE_DOCUMENTS_ROW, NULL);
  JsonObject *attachment = care_fhir_get_object (care_fhir_get_array_object (document, "content", 0), "attachment");
  g_autofree char *type = care_fhir_dup_concept_text (care_fhir_get_object (document, "type"));
  g_autofree char *date = care_documents_dup_date_text (care_fhir_get_string (document, "date"));
  g_autofree char *author = care_documents_dup_reference_name (cache, care_fhir_get_array_object (document, "author", 0));
  g_autofree char *subtitle = join_present (" · ", date, author, NULL);
  g_autofree char *search = NULL;
  g_autofree char *title = care_documents_dup_title (document);
  const char *content_type = care_fhir_get_string (attachment, "contentType");
  GtkWidget *icon;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  icon = care_a11y_decoration_new (g_strcmp0 (content_type, "application/pdf") == 0
                                       ? "x-office-document-symbolic" : "text-x-generic-symbolic");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), care_a11y_decoration_new ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), attachment != NULL);

  search = join_present (" ", title, type, subtitle);
  set_row_data (row, document, search);
  return row;
}

static char *
dup_signed (JsonObject *lens,
            const char *member,
            gboolean    is_axis)
{
  JsonNode *node = json_object_has_member (lens, member) ? json_object_get_member (lens, member) : NULL;
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64))
    return g_strdup ("—");
  value = json_node_get_double (node);
  if (is_axis)
    /* Translators: an astigmatism axis in degrees, such as "90°" */
    return g_strdup_printf (_("%d°"), (int)value);
  /* Diopters keep their sign: −1.25, +1.00 (in the user's decimal style). */
  return g_strdup_printf ("%+.2f", value);
}

/**
 * care_documents_vision_dup_title:
 * @prescription: a VisionPrescription
 *
 * The kinds R4 codes (ex-visionprescriptionproduct: lens, contact) are
 * named in the user's language; only a kind the portal wrote in words of
 * its own is quoted as it is, so a Spanish window never reads "Receta:
 * Glasses".
 *
 * Returns: (transfer full): "Glasses prescription", "Contact lens
 *   prescription", or "Eye prescription"
 */
char *
care_documents_vision_dup_title (JsonObject *prescription)
{
  JsonObject *first = care_fhir_get_array_object (prescription, "lensSpecification", 0);
  JsonObject *product = care_fhir_get_object (first, "product");
  JsonArray *codings = care_fhir_get_array (product, "coding");
  g_autofree char *text = NULL;

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonObject *coding = care_fhir_get_array_object (product, "coding", i);
      const char *code = care_fhir_get_string (coding, "code");

      if (g_strcmp0 (care_fhir_get_string (coding, "system"),
                     "http://terminology.hl7.org/CodeSystem/ex-visionprescriptionproduct") != 0)
        continue;
      if (g_strcmp0 (code, "lens") == 0)
        return g_strdup (_("Glasses prescription"));
      if (g_strcmp0 (code, "contact") == 0)
        return g_strdup (_("Contact lens prescription"));
    }
  text = care_fhir_dup_concept_text (product);
  if (text == NULL)
    return g_strdup (_("Eye prescription"));
  /* Translators: %s is the kind of lenses, in the portal's own words */
  return g_strdup_printf (_("%s prescription"), text);
}

/**
 * care_documents_vision_row_new:
 * @cache: the record
 * @prescription: a VisionPrescription
 *
 * Returns: (transfer floating): a row with the prescription as a table
 */
static const char *vision_columns[] = { N_("Eye"), N_("Sphere"), N_("Cylinder"), N_("Axis"), N_("Add") };

/* The table of a prescription: a header line, then one line per eye
 * (@cells holds 5 texts an eye). @narrow puts each eye's name on a line
 * of its own above its numbers, for a phone-wide window with large text,
 * where "Izquierdo" and four numbers side by side do not fit. */
static GtkWidget *
vision_grid_new (GPtrArray *cells,
                 gboolean   narrow)
{
  GtkWidget *grid = gtk_grid_new ();
  guint first = narrow ? 1 : 0;
  guint line = 1;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  /* Not homogeneous: "Izquierdo" × 5 columns would not fit 360 px. Each
   * column takes a share of any room beyond its own width. */
  gtk_widget_add_css_class (grid, "vision-table");
  for (guint c = first; c < G_N_ELEMENTS (vision_columns); c++)
    {
      GtkWidget *label = gtk_label_new (_(vision_columns[c]));

      gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0 : 1);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (label, "caption-heading");
      /* The row's description reads each eye as a sentence that names
       * the columns; the header on its own would only be noise. */
      gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      gtk_grid_attach (GTK_GRID (grid), label, c - first, 0, 1, 1);
    }
  for (guint i = 0; i + G_N_ELEMENTS (vision_columns) <= cells->len; i += G_N_ELEMENTS (vision_columns))
    {
      for (guint c = 0; c < G_N_ELEMENTS (vision_columns); c++)
        {
          GtkWidget *label = gtk_label_new (g_ptr_array_index (cells, i + c));

          gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0 : 1);
          gtk_widget_add_css_class (label, c == 0 ? "heading" : "numeric");
          if (narrow && c == 0)
            gtk_grid_attach (GTK_GRID (grid), label, 0, line++, G_N_ELEMENTS (vision_columns) - 1, 1);
          else
            gtk_grid_attach (GTK_GRID (grid), label, c - first, line, 1, 1);
        }
      line++;
    }
  return grid;
}

/* Only the table on screen is read: GTK 4.8 would give a screen reader
 * (and its extents) the one the squeezer hides as well. */
static void
on_vision_table_shown_cb (AdwSqueezer *squeezer)
{
  GtkWidget *shown = adw_squeezer_get_visible_child (squeezer);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (squeezer)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN, child != shown, -1);
}

GtkWidget *
care_documents_vision_row_new (CareCache  *cache,
                               JsonObject *prescription)
{
  /* A preferences row, so a preferences group puts it in its card. */
  CareDocumentsVisionRow *vision_row = g_object_new (CARE_TYPE_DOCUMENTS_VISION_ROW, NULL);
  GtkWidget *row = GTK_WIDGET (vision_row);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *grid;
  GtkWidget *squeezer;
  GtkWidget *title_label;
  GtkWidget *subtitle_label;
  JsonArray *lenses = care_fhir_get_array (prescription, "lensSpecification");
  g_autofree char *date = care_documents_dup_date_text (care_fhir_get_string (prescription, "dateWritten"));
  g_autofree char *prescriber = care_documents_dup_reference_name (cache, care_fhir_get_object (prescription, "prescriber"));
  g_autofree char *subtitle = join_present (" · ", date, prescriber, NULL);
  g_autofree char *title = NULL;
  g_autoptr(GString) accessible = g_string_new (NULL);
  g_autoptr(GPtrArray) all_cells = g_ptr_array_new_with_free_func (g_free);

  title = care_documents_vision_dup_title (prescription);
  title_label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  subtitle_label = gtk_label_new (subtitle);
  gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle_label), TRUE);
  gtk_widget_add_css_class (subtitle_label, "dim-label");
  gtk_widget_add_css_class (subtitle_label, "caption");
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), subtitle_label);

  for (guint i = 0; lenses != NULL && i < json_array_get_length (lenses); i++)
    {
      JsonObject *lens = care_fhir_get_array_object (prescription, "lensSpecification", i);
      const char *eye = lens != NULL ? care_fhir_get_string (lens, "eye") : NULL;
      char *cells[5] = { NULL };

      if (lens == NULL)
        continue;
      cells[0] = g_strdup (g_strcmp0 (eye, "right") == 0 ? _("Right")
                           : g_strcmp0 (eye, "left") == 0 ? _("Left") : eye != NULL ? eye : "—");
      cells[1] = dup_signed (lens, "sphere", FALSE);
      cells[2] = dup_signed (lens, "cylinder", FALSE);
      cells[3] = dup_signed (lens, "axis", TRUE);
      cells[4] = dup_signed (lens, "add", FALSE);
      /* Translators: one eye of a prescription read aloud: %1$s the eye, then
       * sphere, cylinder, axis and add */
      g_string_append_printf (accessible, _("%1$s: sphere %2$s, cylinder %3$s, axis %4$s, add %5$s. "),
                              cells[0], cells[1], cells[2], cells[3], cells[4]);
      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        g_ptr_array_add (all_cells, cells[c]);
    }
  /* The first table that fits: the eye beside its numbers, else above. */
  grid = vision_grid_new (all_cells, FALSE);
  squeezer = adw_squeezer_new ();
  adw_squeezer_set_homogeneous (ADW_SQUEEZER (squeezer), FALSE);
  adw_squeezer_set_transition_type (ADW_SQUEEZER (squeezer), ADW_SQUEEZER_TRANSITION_TYPE_NONE);
  adw_squeezer_add (ADW_SQUEEZER (squeezer), grid);
  adw_squeezer_add (ADW_SQUEEZER (squeezer), vision_grid_new (all_cells, TRUE));
  g_signal_connect (squeezer, "notify::visible-child", G_CALLBACK (on_vision_table_shown_cb), NULL);
  on_vision_table_shown_cb (ADW_SQUEEZER (squeezer));
  gtk_box_append (GTK_BOX (box), squeezer);

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* What the row shows under its title comes first, then each eye. */
  if (subtitle != NULL && subtitle[0] != '\0')
    g_string_prepend (accessible, ". ");
  if (subtitle != NULL)
    g_string_prepend (accessible, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible->str, -1);
  vision_row->grid = grid;
  vision_row->search_text = fold_search_text (title);
  return row;
}

/**
 * care_documents_vision_dup_cell:
 * @row: a row from care_documents_vision_row_new()
 * @eye: the line, from 0
 * @column: 0 eye, 1 sphere, 2 cylinder, 3 axis, 4 add
 *
 * Returns: (transfer full) (nullable): the text shown there, for tests
 */
char *
care_documents_vision_dup_cell (GtkWidget *row,
                                guint      eye,
                                guint      column)
{
  GtkWidget *grid = CARE_IS_DOCUMENTS_VISION_ROW (row) ? CARE_DOCUMENTS_VISION_ROW (row)->grid : NULL;
  GtkWidget *label = grid != NULL ? gtk_grid_get_child_at (GTK_GRID (grid), column, eye + 1) : NULL;

  return label != NULL ? g_strdup (gtk_label_get_label (GTK_LABEL (label))) : NULL;
}
