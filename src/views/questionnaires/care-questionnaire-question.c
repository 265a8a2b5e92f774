/* care-questionnaire-question.c — one question's widgets, per item type
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Yes or no, choices as radio buttons, check boxes or a drop-down (the
 * itemControl, else by how many options), open choices with an "Other"
 * field, numbers, text, web addresses, dates and times (picked:
 * care-questionnaire-picker.c), attachments (a file chooser with the size
 * limit), quantities with their unit and references; read-only answers as
 * text. Each question has its number, its text (and whether it is
 * required) as its accessible label, its help under it, and its error
 * tied to it. Widgets write answers into the form; a choice whose
 * answers could not be had (an answerValueSet the portal did not expand)
 * says why in their place.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-fhir.h"
#include "care-questionnaire-picker.h"
#include "care-questionnaire-renderer-private.h"

#define DEFAULT_MAX_SIZE (10 * 1024 * 1024)

void
care_questionnaire_field_free (CareQuestionnaireField *field)
{
  g_clear_pointer (&field->choices, g_ptr_array_unref);
  g_free (field->pending);
  g_free (field);
}

char *
care_questionnaire_dup_question_text (CareQuestionnaireItem *item)
{
  g_autofree char *text = g_strdup_printf ("%s%s%s", item->prefix != NULL ? item->prefix : "",
                                           item->prefix != NULL ? " " : "", item->text != NULL ? item->text : "");

  if (item->required)
    /* Translators: a question that must be answered; %s is the question */
    return g_strdup_printf (_("%s (required)"), text);
  return g_steal_pointer (&text);
}

GtkWidget *
care_questionnaire_new_label (const char *text,
                              const char *css_class)
{
  /* A question's words, in bold, are a heading to move between. */
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "label", text,
                                   "accessible-role", g_strcmp0 (css_class, "heading") == 0
                                                      ? GTK_ACCESSIBLE_ROLE_HEADING
                                                      : GTK_ACCESSIBLE_ROLE_LABEL,
                                   NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
dup_answers_text (CareQuestionnaireNode *node)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < node->answers->len; i++)
    {
      g_autofree char *answer = care_questionnaire_value_dup_text (node->item, g_ptr_array_index (node->answers, i));

      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", answer);
    }
  if (text->len == 0)
    g_string_append (text, _("No answer"));
  return g_string_free (text, FALSE);
}

static gboolean
has_answer_like (CareQuestionnaireNode *node,
                 JsonObject            *value)
{
  for (guint i = 0; i < node->answers->len; i++)
    {
      gboolean comparable;

      if (care_questionnaire_value_compare (g_ptr_array_index (node->answers, i), value, &comparable) == 0 &&
          comparable)
        return TRUE;
    }
  return FALSE;
}

static JsonObject *
new_boolean (gboolean yes)
{
  JsonObject *value = json_object_new ();

  json_object_set_boolean_member (value, "valueBoolean", yes);
  return value;
}

/* Widgets from the node's answers; typed fields only when @force (a
 * half-typed number would otherwise be wiped). */
void
care_questionnaire_field_refresh (CareQuestionnaireField *field,
                                  gboolean               force)
{
  CareQuestionnaireNode *node = field->node;
  CareQuestionnaireItem *item = node->item;

  field->updating = TRUE;
  if (field->value != NULL)
    {
      g_autofree char *text = item->type == CARE_QUESTIONNAIRE_ATTACHMENT && node->answers->len == 0
                              ? g_strdup (_("No file attached")) : dup_answers_text (node);

      gtk_label_set_text (GTK_LABEL (field->value), text);
    }
  if (field->choices != NULL)
    for (guint i = 0; i < field->choices->len; i++)
      {
        GtkCheckButton *check = g_ptr_array_index (field->choices, i);
        g_autoptr(JsonObject) yes_no = item->type == CARE_QUESTIONNAIRE_BOOLEAN ? new_boolean (i == 0) : NULL;
        JsonObject *value = yes_no != NULL ? yes_no
                            : ((CareQuestionnaireOption *)g_ptr_array_index (item->options, i))->value;

        gtk_check_button_set_active (check, has_answer_like (node, value));
      }
  if (field->field != NULL && GTK_IS_DROP_DOWN (field->field))
    {
      guint selected = 0;

      for (guint i = 0; i < item->options->len; i++)
        if (has_answer_like (node, ((CareQuestionnaireOption *)g_ptr_array_index (item->options, i))->value))
          selected = i + 1;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (field->field), selected);
    }
  if (force && field->field != NULL && GTK_IS_EDITABLE (field->field))
    {
      g_autofree char *text = NULL;

      if (node->answers->len > 0)
        {
          JsonObject *value = g_ptr_array_index (node->answers, 0);
          double number;
          const char *unit;

          /* A quantity's field holds the number; its unit is beside it. */
          if (item->type == CARE_QUESTIONNAIRE_QUANTITY &&
              care_fhir_get_quantity (care_fhir_get_object (value, "valueQuantity"), &number, &unit))
            {
              char buffer[G_ASCII_DTOSTR_BUF_SIZE];

              text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", number));
            }
          else
            text = care_questionnaire_value_dup_text (item, value);
        }
      if (g_object_get_data (G_OBJECT (field->field), "care-picker") != NULL)
        care_questionnaire_picker_set_value (field->field, text);
      else
        gtk_editable_set_text (GTK_EDITABLE (field->field), text != NULL ? text : "");
    }
  if (force && field->field != NULL && GTK_IS_TEXT_VIEW (field->field))
    {
      g_autofree char *text = node->answers->len > 0
                              ? care_questionnaire_value_dup_text (item, g_ptr_array_index (node->answers, 0))
                              : NULL;

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->field)), text != NULL ? text : "", -1);
    }
  if (force && field->other != NULL)
    {
      const char *other = NULL;

      for (guint i = 0; i < node->answers->len; i++)
        if (care_fhir_get_string (g_ptr_array_index (node->answers, i), "valueString") != NULL)
          other = care_fhir_get_string (g_ptr_array_index (node->answers, i), "valueString");
      gtk_editable_set_text (GTK_EDITABLE (field->other), other != NULL ? other : "");
    }
  field->updating = FALSE;
}

void
care_questionnaire_field_show_error (CareQuestionnaireField *field,
                                     const char             *message)
{
  if (field->error != NULL && field->field != NULL)
    care_a11y_set_error (field->field, field->error, message);
}

/* Check boxes, radio buttons and yes/no: the answers are what is ticked. */
static void
choice_toggled_cb (GtkCheckButton         *check,
                   CareQuestionnaireField *field)
{
  CareQuestionnaireItem *item = field->node->item;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  g_autofree char *other = field->other != NULL
                          ? g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->other)))) : NULL;

  if (field->updating)
    return;
  for (guint i = 0; i < field->choices->len; i++)
    {
      if (!gtk_check_button_get_active (g_ptr_array_index (field->choices, i)))
        continue;
      if (item->type == CARE_QUESTIONNAIRE_BOOLEAN)
        g_ptr_array_add (values, new_boolean (i == 0));
      else
        g_ptr_array_add (values, json_object_ref (((CareQuestionnaireOption *)g_ptr_array_index (item->options, i))->value));
    }
  if (other != NULL && other[0] != '\0' &&
      (item->repeats || values->len == 0))
    {
      JsonObject *value = json_object_new ();

      json_object_set_string_member (value, "valueString", other);
      g_ptr_array_add (values, value);
    }
  care_questionnaire_field_show_error (field, NULL);
  care_questionnaire_form_set_answers (field->self->form, field->node, values);
}

static void
other_changed_cb (GtkEditable            *editable,
                  CareQuestionnaireField *field)
{
  if (field->updating)
    return;
  /* Typing an answer of one's own, where only one is taken, unticks the options. */
  if (!field->node->item->repeats && gtk_editable_get_text (editable)[0] != '\0')
    {
      field->updating = TRUE;
      for (guint i = 0; i < field->choices->len; i++)
        gtk_check_button_set_active (g_ptr_array_index (field->choices, i), FALSE);
      field->updating = FALSE;
    }
  choice_toggled_cb (NULL, field);
}

static void
set_typed_text (CareQuestionnaireField *field,
                const char             *text)
{
  g_autoptr(GError) error = NULL;
  const char *texts[] = { text, NULL };

  if (field->updating)
    return;
  g_clear_pointer (&field->pending, g_free);
  if (care_questionnaire_form_set_text (field->self->form, field->node, texts, &error))
    care_questionnaire_field_show_error (field, NULL);
  else
    {
      /* Shown when the person leaves the field, not at every key. */
      field->pending = g_strdup (error->message);
      care_questionnaire_form_set_answers (field->self->form, field->node, NULL);
    }
}

static void
entry_changed_cb (GtkEditable            *editable,
                  CareQuestionnaireField *field)
{
  set_typed_text (field, gtk_editable_get_text (editable));
}

/* A date or time picked: the answer as FHIR writes it. */
static void
picked_cb (const char *fhir_text,
           gpointer   user_data)
{
  set_typed_text (user_data, fhir_text);
}

static void
buffer_changed_cb (GtkTextBuffer          *buffer,
                   CareQuestionnaireField *field)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  set_typed_text (field, text);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                CareQuestionnaireField  *field)
{
  care_questionnaire_field_show_error (field, field->pending);
}

static void
entry_activate_cb (GtkEntry               *entry,
                   CareQuestionnaireField *field)
{
  care_questionnaire_field_show_error (field, field->pending);
}

static void
drop_down_selected_cb (GtkDropDown            *drop_down,
                       GParamSpec             *pspec,
                       CareQuestionnaireField *field)
{
  guint selected = gtk_drop_down_get_selected (drop_down);
  CareQuestionnaireItem *item = field->node->item;

  if (field->updating)
    return;
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > item->options->len)
    care_questionnaire_form_set_answer (field->self->form, field->node, NULL);
  else
    care_questionnaire_form_set_answer (field->self->form, field->node,
                                        ((CareQuestionnaireOption *)g_ptr_array_index (item->options, selected - 1))->value);
}

static void
file_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer     user_data)
{
  g_autoptr(CareQuestionnaireRenderer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  g_autofree char *guessed = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *data = NULL;
  g_autoptr(JsonObject) value = NULL;
  const char *link_id = g_object_get_data (source, "care-link-id");
  CareQuestionnaireNode *node = NULL;
  CareQuestionnaireField *field = NULL;
  GHashTableIter iter;
  gpointer key, val;
  gsize length = 0;
  JsonObject *attachment;
  double limit;

  /* The node may be gone (its group removed) while the file was read. */
  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &key, &val))
    if (key == g_object_get_data (source, "care-node"))
      {
        node = key;
        field = val;
      }
  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error) || field == NULL ||
      link_id == NULL)
    {
      if (field != NULL && error != NULL)
        care_questionnaire_field_show_error (field, error->message);
      return;
    }
  limit = node->item->max_size > 0 ? node->item->max_size : DEFAULT_MAX_SIZE;
  if (length > limit)
    {
      g_autofree char *size = g_format_size ((guint64)limit);
      g_autofree char *message = NULL;

      /* Translators: %s is a size, "10.5 MB" */
      message = g_strdup_printf (_("This file is too large; attach one of at most %s."), size);
      care_questionnaire_field_show_error (field, message);
      return;
    }
  guessed = g_content_type_guess (name, (const guchar *)contents, length, NULL);
  mime = g_content_type_get_mime_type (guessed);
  data = g_base64_encode ((const guchar *)contents, length);
  value = json_object_new ();
  attachment = json_object_new ();
  json_object_set_string_member (attachment, "contentType", mime != NULL ? mime : "application/octet-stream");
  json_object_set_string_member (attachment, "data", data);
  json_object_set_string_member (attachment, "title", name);
  json_object_set_int_member (attachment, "size", length);
  json_object_set_object_member (value, "valueAttachment", attachment);
  if (!care_questionnaire_value_check (node->item, value, &error))
    {
      care_questionnaire_field_show_error (field, error->message);
      return;
    }
  care_questionnaire_field_show_error (field, NULL);
  care_questionnaire_form_set_answer (self->form, node, value);
}

static void
file_chosen_cb (GtkNativeDialog        *dialog,
                int                    response,
                CareQuestionnaireField *field)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    {
      g_object_set_data (G_OBJECT (file), "care-node", field->node);
      g_object_set_data_full (G_OBJECT (file), "care-link-id", g_strdup (field->node->item->link_id), g_free);
      g_file_load_contents_async (file, NULL, file_loaded_cb, g_object_ref (field->self));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
attach_clicked_cb (GtkButton              *button,
                   CareQuestionnaireField *field)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Attach a File"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (file_chosen_cb), field);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
detach_clicked_cb (GtkButton              *button,
                   CareQuestionnaireField *field)
{
  care_questionnaire_field_show_error (field, NULL);
  care_questionnaire_form_set_answer (field->self->form, field->node, NULL);
}

static void
label_field (GtkWidget *widget,
             GtkWidget *label,
             GtkWidget *help)
{
  care_a11y_label_field (widget, label, help, NULL);
}

static void
watch_focus (GtkWidget              *widget,
             CareQuestionnaireField *field)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), field);
  gtk_widget_add_controller (widget, focus);
}

static GtkWidget *
build_choices (CareQuestionnaireField *field,
               GtkWidget              *label,
               GtkWidget              *help)
{
  CareQuestionnaireItem *item = field->node->item;
  gboolean check = item->type != CARE_QUESTIONNAIRE_BOOLEAN &&
                   care_questionnaire_item_get_control (item) == CARE_QUESTIONNAIRE_CONTROL_CHECK;
  guint n = item->type == CARE_QUESTIONNAIRE_BOOLEAN ? 2 : item->options->len;
  GtkWidget *group = g_object_new (GTK_TYPE_BOX, "orientation", GTK_ORIENTATION_VERTICAL, "spacing", 2,
                                   "accessible-role", check ? GTK_ACCESSIBLE_ROLE_GROUP : GTK_ACCESSIBLE_ROLE_RADIO_GROUP,
                                   NULL);
  GtkCheckButton *first = NULL;

  field->choices = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      const char *text = item->type == CARE_QUESTIONNAIRE_BOOLEAN ? (i == 0 ? _("Yes") : _("No"))
                         : ((CareQuestionnaireOption *)g_ptr_array_index (item->options, i))->label;
      GtkWidget *button = gtk_check_button_new_with_label (text);

      GtkWidget *label_child = gtk_widget_get_last_child (button);

      /* Long option texts wrap rather than widen the window. */
      if (GTK_IS_LABEL (label_child))
        {
          gtk_label_set_wrap (GTK_LABEL (label_child), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label_child), PANGO_WRAP_WORD_CHAR);
        }
      if (!check)
        {
          if (first == NULL)
            first = GTK_CHECK_BUTTON (button);
          else
            gtk_check_button_set_group (GTK_CHECK_BUTTON (button), first);
        }
      g_signal_connect (button, "toggled", G_CALLBACK (choice_toggled_cb), field);
      gtk_box_append (GTK_BOX (group), button);
      g_ptr_array_add (field->choices, button);
    }
  if (item->type == CARE_QUESTIONNAIRE_OPEN_CHOICE)
    {
      field->other = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (field->other), _("Other answer"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->other), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Other answer"), -1);
      care_a11y_label_field (field->other, label, help, NULL);
      g_signal_connect (field->other, "changed", G_CALLBACK (other_changed_cb), field);
      gtk_box_append (GTK_BOX (group), field->other);
    }
  label_field (group, label, help);
  field->field = n > 0 ? g_ptr_array_index (field->choices, 0) : field->other;
  return group;
}

static GtkWidget *
build_drop_down (CareQuestionnaireField *field,
                 GtkWidget              *label,
                 GtkWidget              *help)
{
  CareQuestionnaireItem *item = field->node->item;
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  GtkWidget *drop_down;

  gtk_string_list_append (strings, _("Choose…"));
  for (guint i = 0; i < item->options->len; i++)
    gtk_string_list_append (strings, ((CareQuestionnaireOption *)g_ptr_array_index (item->options, i))->label);
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (strings)), NULL);
  gtk_widget_set_halign (drop_down, GTK_ALIGN_START);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (drop_down_selected_cb), field);
  label_field (drop_down, label, help);
  field->field = drop_down;
  return drop_down;
}

static GtkWidget *
build_entry (CareQuestionnaireField *field,
             GtkWidget              *label,
             GtkWidget              *help)
{
  CareQuestionnaireItem *item = field->node->item;
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *box;
  const char *hint = NULL;

  switch (item->type)
    {
    case CARE_QUESTIONNAIRE_INTEGER:
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
      break;
    case CARE_QUESTIONNAIRE_DECIMAL:
    case CARE_QUESTIONNAIRE_QUANTITY:
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
      break;
    case CARE_QUESTIONNAIRE_DATE:
    case CARE_QUESTIONNAIRE_DATE_TIME:
    case CARE_QUESTIONNAIRE_TIME:
      /* Picked, not typed. */
      label_field (entry, label, help);
      field->field = entry;
      return care_questionnaire_picker_new (item->type, entry, picked_cb, field);
    case CARE_QUESTIONNAIRE_URL:
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_URL);
      hint = "https://";
      break;
    case CARE_QUESTIONNAIRE_REFERENCE:
    case CARE_QUESTIONNAIRE_STRING:
    default:
      break;
    }
  if (hint != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), hint);
  if (item->max_length > 0)
    gtk_entry_set_max_length (GTK_ENTRY (entry), item->max_length);
  g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), field);
  g_signal_connect (entry, "activate", G_CALLBACK (entry_activate_cb), field);
  watch_focus (entry, field);
  label_field (entry, label, help);
  field->field = entry;
  if (item->type != CARE_QUESTIONNAIRE_QUANTITY || item->unit == NULL)
    return entry;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), gtk_label_new (care_fhir_get_string (item->unit, "display") != NULL
                                                ? care_fhir_get_string (item->unit, "display")
                                                : care_fhir_get_string (item->unit, "code")));
  return box;
}

static GtkWidget *
build_text_view (CareQuestionnaireField *field,
                 GtkWidget              *label,
                 GtkWidget              *help)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, -1, 80);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed", G_CALLBACK (buffer_changed_cb), field);
  watch_focus (view, field);
  label_field (view, label, help);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  field->field = view;
  return frame;
}

static GtkWidget *
build_attachment (CareQuestionnaireField *field,
                  GtkWidget              *label,
                  GtkWidget              *help)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *attach = gtk_button_new_with_mnemonic (_("_Choose File…"));
  GtkWidget *detach = gtk_button_new_with_mnemonic (_("_Remove File"));

  field->value = care_questionnaire_new_label (NULL, "dim-label");
  gtk_widget_set_hexpand (field->value, TRUE);
  g_signal_connect (attach, "clicked", G_CALLBACK (attach_clicked_cb), field);
  g_signal_connect (detach, "clicked", G_CALLBACK (detach_clicked_cb), field);
  /* Said with the file chosen (a NULL help in a relation's list would
   * end it early, and GTK 4.8 would crash reading past it). */
  care_a11y_label_field (attach, label, field->value, help);
  gtk_box_append (GTK_BOX (box), attach);
  gtk_box_append (GTK_BOX (box), field->value);
  gtk_box_append (GTK_BOX (box), detach);
  field->field = attach;
  return box;
}

CareQuestionnaireField *
care_questionnaire_field_add (CareQuestionnaireRenderer *self,
                              CareQuestionnaireNode     *node,
                              GtkWidget                 *row)
{
  CareQuestionnaireField *field = g_new0 (CareQuestionnaireField, 1);

  field->self = self;
  field->node = node;
  field->row = row;
  field->was_enabled = node->enabled;
  gtk_widget_set_visible (row, node->enabled);
  g_hash_table_insert (self->fields, node, field);
  return field;
}

void
care_questionnaire_renderer_build_question (CareQuestionnaireRenderer *self,
                                            GtkWidget                 *into,
                                            CareQuestionnaireNode     *node)
{
  CareQuestionnaireItem *item = node->item;
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *text = care_questionnaire_dup_question_text (item);
  GtkWidget *label = care_questionnaire_new_label (text, "heading");
  GtkWidget *help = item->help != NULL ? care_questionnaire_new_label (item->help, "dim-label") : NULL;
  CareQuestionnaireField *field = care_questionnaire_field_add (self, node, row);
  gboolean editable = !self->read_only && !item->read_only && item->calculated == NULL;
  /* Answers from a ValueSet the portal could not expand: why, in words. */
  GtkWidget *unavailable = editable && item->value_set_problem != NULL && item->options->len == 0
                           ? care_questionnaire_new_label (item->value_set_problem, "warning") : NULL;
  GtkWidget *control;

  field->label = label;
  gtk_widget_add_css_class (row, "care-question");
  gtk_box_append (GTK_BOX (row), label);
  if (help != NULL)
    gtk_box_append (GTK_BOX (row), help);

  if (!editable)
    {
      field->value = care_questionnaire_new_label (NULL, NULL);
      gtk_label_set_selectable (GTK_LABEL (field->value), TRUE);
      label_field (field->value, label, help);
      control = field->value;
    }
  else if (item->type == CARE_QUESTIONNAIRE_BOOLEAN ||
           ((item->type == CARE_QUESTIONNAIRE_CHOICE || item->type == CARE_QUESTIONNAIRE_OPEN_CHOICE ||
             item->type == CARE_QUESTIONNAIRE_REFERENCE) && item->options->len > 0 &&
            (care_questionnaire_item_get_control (item) != CARE_QUESTIONNAIRE_CONTROL_DROP_DOWN ||
             item->type == CARE_QUESTIONNAIRE_OPEN_CHOICE)))
    control = build_choices (field, label, help);
  else if ((item->type == CARE_QUESTIONNAIRE_CHOICE || item->type == CARE_QUESTIONNAIRE_REFERENCE) &&
           item->options->len > 0)
    control = build_drop_down (field, label, help);
  else if (unavailable != NULL && item->type == CARE_QUESTIONNAIRE_CHOICE)
    {
      /* Nothing to pick: the reason stands where the answers would. */
      label_field (unavailable, label, help);
      field->field = unavailable;
      control = g_steal_pointer (&unavailable);
    }
  else if (item->type == CARE_QUESTIONNAIRE_TEXT)
    control = build_text_view (field, label, help);
  else if (item->type == CARE_QUESTIONNAIRE_ATTACHMENT)
    control = build_attachment (field, label, help);
  else
    control = build_entry (field, label, help);

  /* An open choice still takes a typed answer, under the reason. */
  if (unavailable != NULL)
    gtk_box_append (GTK_BOX (row), unavailable);
  gtk_box_append (GTK_BOX (row), control);
  field->error = care_questionnaire_new_label (NULL, "error");
  gtk_widget_set_visible (field->error, FALSE);
  gtk_box_append (GTK_BOX (row), field->error);
  gtk_box_append (GTK_BOX (into), row);
  care_questionnaire_field_refresh (field, TRUE);

  /* Questions nested in a question follow it, indented. */
  if (node->children->len > 0)
    {
      GtkWidget *nested = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

      gtk_widget_set_margin_start (nested, 18);
      care_questionnaire_renderer_build_nodes (self, nested, node->children);
      gtk_box_append (GTK_BOX (row), nested);
    }
}
