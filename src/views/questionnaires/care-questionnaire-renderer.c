/* care-questionnaire-renderer.c — a questionnaire as a form to fill in
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds widgets for a CareQuestionnaireForm, every R4 item type: groups
 * (nested, and repeating with Add Another and Remove), display text, yes
 * or no, numbers, dates and times, text, web addresses, choices as radio
 * buttons, check boxes or a drop-down (the itemControl, else by how many
 * options), open choices with an "Other" field, attachments (a file
 * chooser with the size limit), quantities with their unit and
 * references. Each question has its number, its text (and whether it is
 * required) as its accessible label, its help under it, and its error
 * tied to it. The form is the truth: widgets write answers into it and
 * follow its "changed" signal to show or hide what enableWhen decides
 * (a hidden question's answers are cleared, and its widgets with them).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-a11y.h"
#include "care-fhir.h"
#include "care-questionnaire-picker.h"
#include "care-questionnaire-renderer.h"

#define DEFAULT_MAX_SIZE (10 * 1024 * 1024)

typedef struct
{
  CareQuestionnaireRenderer *self;
  CareQuestionnaireNode     *node;
  GtkWidget                 *row;
  GtkWidget                 *label;
  GtkWidget                 *error;
  GtkWidget                 *field;
  GPtrArray                 *choices;
  GtkWidget                 *other;
  GtkWidget                 *value;
  GtkWidget                 *container;
  gboolean                   updating;
  gboolean                   was_enabled;
  char                      *pending;
} Field;

struct _CareQuestionnaireRenderer
{
  AdwBin                 parent_instance;
  CareQuestionnaireForm *form;
  gboolean               read_only;
  GtkWidget             *box;
  GHashTable            *fields;
  gulong                 changed_id;
};

G_DEFINE_FINAL_TYPE (CareQuestionnaireRenderer, care_questionnaire_renderer, ADW_TYPE_BIN)

static void build_nodes (CareQuestionnaireRenderer *self, GtkWidget *into, GPtrArray *nodes);

static void
field_free (Field *field)
{
  g_clear_pointer (&field->choices, g_ptr_array_unref);
  g_free (field->pending);
  g_free (field);
}

static char *
dup_question_text (CareQuestionnaireItem *item)
{
  g_autofree char *text = g_strdup_printf ("%s%s%s", item->prefix != NULL ? item->prefix : "",
                                           item->prefix != NULL ? " " : "", item->text != NULL ? item->text : "");

  if (item->required)
    /* Translators: a question that must be answered; %s is the question */
    return g_strdup_printf (_("%s (required)"), text);
  return g_steal_pointer (&text);
}

static GtkWidget *
new_wrapped_label (const char *text,
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
static void
refresh_field (Field    *field,
               gboolean  force)
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

static void
show_error (Field      *field,
            const char *message)
{
  if (field->error != NULL && field->field != NULL)
    care_a11y_set_error (field->field, field->error, message);
}

/* Check boxes, radio buttons and yes/no: the answers are what is ticked. */
static void
choice_toggled_cb (GtkCheckButton *check,
                   Field          *field)
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
  show_error (field, NULL);
  care_questionnaire_form_set_answers (field->self->form, field->node, values);
}

static void
other_changed_cb (GtkEditable *editable,
                  Field       *field)
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
set_typed_text (Field      *field,
                const char *text)
{
  g_autoptr(GError) error = NULL;
  const char *texts[] = { text, NULL };

  if (field->updating)
    return;
  g_clear_pointer (&field->pending, g_free);
  if (care_questionnaire_form_set_text (field->self->form, field->node, texts, &error))
    show_error (field, NULL);
  else
    {
      /* Shown when the person leaves the field, not at every key. */
      field->pending = g_strdup (error->message);
      care_questionnaire_form_set_answers (field->self->form, field->node, NULL);
    }
}

static void
entry_changed_cb (GtkEditable *editable,
                  Field       *field)
{
  set_typed_text (field, gtk_editable_get_text (editable));
}

/* A date or time picked: the answer as FHIR writes it. */
static void
picked_cb (const char *fhir_text,
           gpointer    user_data)
{
  set_typed_text (user_data, fhir_text);
}

static void
buffer_changed_cb (GtkTextBuffer *buffer,
                   Field         *field)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  set_typed_text (field, text);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                Field                   *field)
{
  show_error (field, field->pending);
}

static void
entry_activate_cb (GtkEntry *entry,
                   Field    *field)
{
  show_error (field, field->pending);
}

static void
drop_down_selected_cb (GtkDropDown *drop_down,
                       GParamSpec  *pspec,
                       Field       *field)
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
                gpointer      user_data)
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
  Field *field = NULL;
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
        show_error (field, error->message);
      return;
    }
  limit = node->item->max_size > 0 ? node->item->max_size : DEFAULT_MAX_SIZE;
  if (length > limit)
    {
      g_autofree char *size = g_format_size ((guint64)limit);
      g_autofree char *message = NULL;

      /* Translators: %s is a size, "10.5 MB" */
      message = g_strdup_printf (_("This file is too large; attach one of at most %s."), size);
      show_error (field, message);
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
      show_error (field, error->message);
      return;
    }
  show_error (field, NULL);
  care_questionnaire_form_set_answer (self->form, node, value);
}

static void
file_chosen_cb (GtkNativeDialog *dialog,
                int              response,
                Field           *field)
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
attach_clicked_cb (GtkButton *button,
                   Field     *field)
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
detach_clicked_cb (GtkButton *button,
                   Field     *field)
{
  show_error (field, NULL);
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
watch_focus (GtkWidget *widget,
             Field     *field)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), field);
  gtk_widget_add_controller (widget, focus);
}

static GtkWidget *
build_choices (Field     *field,
               GtkWidget *label,
               GtkWidget *help)
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
build_drop_down (Field     *field,
                 GtkWidget *label,
                 GtkWidget *help)
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
build_entry (Field     *field,
             GtkWidget *label,
             GtkWidget *help)
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
build_text_view (Field     *field,
                 GtkWidget *label,
                 GtkWidget *help)
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
build_attachment (Field     *field,
                  GtkWidget *label,
                  GtkWidget *help)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *attach = gtk_button_new_with_mnemonic (_("_Choose File…"));
  GtkWidget *detach = gtk_button_new_with_mnemonic (_("_Remove File"));

  field->value = new_wrapped_label (NULL, "dim-label");
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

static Field *
add_field (CareQuestionnaireRenderer *self,
           CareQuestionnaireNode     *node,
           GtkWidget                 *row)
{
  Field *field = g_new0 (Field, 1);

  field->self = self;
  field->node = node;
  field->row = row;
  field->was_enabled = node->enabled;
  gtk_widget_set_visible (row, node->enabled);
  g_hash_table_insert (self->fields, node, field);
  return field;
}

static void
build_question (CareQuestionnaireRenderer *self,
                GtkWidget                 *into,
                CareQuestionnaireNode     *node)
{
  CareQuestionnaireItem *item = node->item;
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *text = dup_question_text (item);
  GtkWidget *label = new_wrapped_label (text, "heading");
  GtkWidget *help = item->help != NULL ? new_wrapped_label (item->help, "dim-label") : NULL;
  Field *field = add_field (self, node, row);
  gboolean editable = !self->read_only && !item->read_only && item->calculated == NULL;
  /* Answers from a ValueSet the portal could not expand: why, in words. */
  GtkWidget *unavailable = editable && item->value_set_problem != NULL && item->options->len == 0
                           ? new_wrapped_label (item->value_set_problem, "warning") : NULL;
  GtkWidget *control;

  field->label = label;
  gtk_widget_add_css_class (row, "care-question");
  gtk_box_append (GTK_BOX (row), label);
  if (help != NULL)
    gtk_box_append (GTK_BOX (row), help);

  if (!editable)
    {
      field->value = new_wrapped_label (NULL, NULL);
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
  field->error = new_wrapped_label (NULL, "error");
  gtk_widget_set_visible (field->error, FALSE);
  gtk_box_append (GTK_BOX (row), field->error);
  gtk_box_append (GTK_BOX (into), row);
  refresh_field (field, TRUE);

  /* Questions nested in a question follow it, indented. */
  if (node->children->len > 0)
    {
      GtkWidget *nested = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

      gtk_widget_set_margin_start (nested, 18);
      build_nodes (self, nested, node->children);
      gtk_box_append (GTK_BOX (row), nested);
    }
}

static GPtrArray *
siblings_of (CareQuestionnaireRenderer *self,
             CareQuestionnaireNode     *node)
{
  return node->parent != NULL ? node->parent->children : care_questionnaire_form_get_nodes (self->form);
}

static CareQuestionnaireNode *
last_instance (CareQuestionnaireRenderer *self,
               CareQuestionnaireItem     *item,
               GPtrArray                 *siblings)
{
  CareQuestionnaireNode *last = NULL;

  for (guint i = 0; i < siblings->len; i++)
    if (((CareQuestionnaireNode *)g_ptr_array_index (siblings, i))->item == item)
      last = g_ptr_array_index (siblings, i);
  return last;
}

static void build_group (CareQuestionnaireRenderer *self, GtkWidget *into, CareQuestionnaireNode *node,
                         GtkWidget *after);

static void
add_instance_clicked_cb (GtkButton *button,
                         Field     *field)
{
  CareQuestionnaireRenderer *self = field->self;
  GtkWidget *into = field->container;
  CareQuestionnaireNode *last = last_instance (self, field->node->item, siblings_of (self, field->node));
  Field *last_field = g_hash_table_lookup (self->fields, last);
  CareQuestionnaireNode *added = care_questionnaire_form_add_instance (self->form, last);

  if (added == NULL)
    return;
  build_group (self, into, added, last_field->row);
  /* The new instance's first field takes the focus. */
  gtk_widget_child_focus (((Field *)g_hash_table_lookup (self->fields, added))->row, GTK_DIR_TAB_FORWARD);
}

static void
forget_fields (CareQuestionnaireRenderer *self,
               CareQuestionnaireNode     *node)
{
  for (guint i = 0; i < node->children->len; i++)
    forget_fields (self, g_ptr_array_index (node->children, i));
  g_hash_table_remove (self->fields, node);
}

static void
remove_instance_clicked_cb (GtkButton *button,
                            Field     *field)
{
  CareQuestionnaireRenderer *self = field->self;
  CareQuestionnaireNode *node = field->node;
  GtkWidget *row = field->row;
  g_autoptr(GPtrArray) remaining = g_ptr_array_new ();
  GPtrArray *siblings = siblings_of (self, node);

  for (guint i = 0; i < siblings->len; i++)
    if (((CareQuestionnaireNode *)g_ptr_array_index (siblings, i))->item == node->item)
      g_ptr_array_add (remaining, g_ptr_array_index (siblings, i));
  if (remaining->len < 2)
    return;
  g_object_ref (row);
  forget_fields (self, node);
  if (care_questionnaire_form_remove_instance (self->form, node))
    gtk_box_remove (GTK_BOX (gtk_widget_get_parent (row)), row);
  g_object_unref (row);
}

static void
build_group (CareQuestionnaireRenderer *self,
             GtkWidget                 *into,
             CareQuestionnaireNode     *node,
             GtkWidget                 *after)
{
  CareQuestionnaireItem *item = node->item;
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *children = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  Field *field = add_field (self, node, row);
  g_autofree char *text = dup_question_text (item);

  field->container = into;
  gtk_widget_add_css_class (row, "care-question-group");
  if (text[0] != '\0')
    {
      field->label = g_object_new (GTK_TYPE_LABEL, "label", text, "wrap", TRUE, "xalign", 0.0f,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
      gtk_widget_add_css_class (field->label, node->parent == NULL ? "title-3" : "title-4");
      gtk_box_append (GTK_BOX (row), field->label);
    }
  if (item->help != NULL)
    gtk_box_append (GTK_BOX (row), new_wrapped_label (item->help, "dim-label"));
  field->error = new_wrapped_label (NULL, "error");
  gtk_widget_set_visible (field->error, FALSE);
  gtk_box_append (GTK_BOX (row), field->error);
  if (node->parent != NULL)
    gtk_widget_set_margin_start (children, 12);
  build_nodes (self, children, node->children);
  gtk_box_append (GTK_BOX (row), children);

  if (item->repeats && !self->read_only)
    {
      GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove This One"));

      gtk_widget_set_halign (remove, GTK_ALIGN_START);
      gtk_widget_add_css_class (remove, "flat");
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_instance_clicked_cb), field);
      gtk_box_append (GTK_BOX (row), remove);
    }
  if (after != NULL)
    gtk_box_insert_child_after (GTK_BOX (into), row, after);
  else
    gtk_box_append (GTK_BOX (into), row);
}

static void
add_field_free_cb (gpointer  data,
                   GClosure *closure)
{
  field_free (data);
}

static void
build_nodes (CareQuestionnaireRenderer *self,
             GtkWidget                 *into,
             GPtrArray                 *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      CareQuestionnaireNode *node = g_ptr_array_index (nodes, i);
      CareQuestionnaireNode *next = i + 1 < nodes->len ? g_ptr_array_index (nodes, i + 1) : NULL;

      if (node->item->type == CARE_QUESTIONNAIRE_GROUP)
        build_group (self, into, node, NULL);
      else if (node->item->type == CARE_QUESTIONNAIRE_DISPLAY)
        {
          GtkWidget *label = new_wrapped_label (node->item->text, NULL);

          add_field (self, node, label);
          gtk_box_append (GTK_BOX (into), label);
        }
      else
        build_question (self, into, node);

      /* After the last instance of a repeating group: a way to add one. */
      if (node->item->type == CARE_QUESTIONNAIRE_GROUP && node->item->repeats && !self->read_only &&
          (next == NULL || next->item != node->item))
        {
          g_autofree char *text = g_strdup_printf (_("Add Another: %s"),
                                                   node->item->text != NULL ? node->item->text : node->item->link_id);
          GtkWidget *add = gtk_button_new_with_label (text);
          Field *field = g_hash_table_lookup (self->fields, node);
          GtkWidget *add_row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
          Field *add_field_ = g_new0 (Field, 1);

          /* The button shows and hides with its group. */
          add_field_->self = self;
          add_field_->node = node;
          add_field_->container = into;
          gtk_widget_set_halign (add, GTK_ALIGN_START);
          g_signal_connect_data (add, "clicked", G_CALLBACK (add_instance_clicked_cb), add_field_,
                                 add_field_free_cb, 0);
          gtk_box_append (GTK_BOX (add_row), add);
          gtk_box_append (GTK_BOX (into), add_row);
          g_object_bind_property (field->row, "visible", add_row, "visible", G_BINDING_SYNC_CREATE);
        }
    }
}

static void
form_changed_cb (CareQuestionnaireForm     *form,
                 CareQuestionnaireRenderer *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Field *field = value;
      gboolean enabled = field->node->enabled;

      if (enabled != field->was_enabled)
        gtk_widget_set_visible (field->row, enabled);
      /* Hidden answers were cleared: so are their widgets. */
      if (!enabled && field->was_enabled)
        {
          g_clear_pointer (&field->pending, g_free);
          show_error (field, NULL);
          refresh_field (field, TRUE);
        }
      else if (field->value != NULL || field->node->item->calculated != NULL)
        refresh_field (field, FALSE);
      field->was_enabled = enabled;
    }
}

static void
care_questionnaire_renderer_dispose (GObject *object)
{
  CareQuestionnaireRenderer *self = CARE_QUESTIONNAIRE_RENDERER (object);

  if (self->form != NULL)
    g_clear_signal_handler (&self->changed_id, self->form);
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_object (&self->form);
  G_OBJECT_CLASS (care_questionnaire_renderer_parent_class)->dispose (object);
}

static void
care_questionnaire_renderer_class_init (CareQuestionnaireRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = care_questionnaire_renderer_dispose;
}

static void
care_questionnaire_renderer_init (CareQuestionnaireRenderer *self)
{
  self->fields = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)field_free);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  adw_bin_set_child (ADW_BIN (self), self->box);
}

/**
 * care_questionnaire_renderer_new:
 * @form: the answers to show and change
 * @read_only: show the answers only (a sent response)
 *
 * Returns: (transfer floating): the form's widgets
 */
GtkWidget *
care_questionnaire_renderer_new (CareQuestionnaireForm *form,
                                 gboolean               read_only)
{
  CareQuestionnaireRenderer *self;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_FORM (form), NULL);

  self = g_object_new (CARE_TYPE_QUESTIONNAIRE_RENDERER, NULL);
  self->form = g_object_ref (form);
  self->read_only = read_only;
  build_nodes (self, self->box, care_questionnaire_form_get_nodes (form));
  self->changed_id = g_signal_connect (form, "changed", G_CALLBACK (form_changed_cb), self);
  return GTK_WIDGET (self);
}

CareQuestionnaireForm *
care_questionnaire_renderer_get_form (CareQuestionnaireRenderer *self)
{
  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_RENDERER (self), NULL);
  return self->form;
}

/**
 * care_questionnaire_renderer_show_problems:
 * @self: a renderer
 *
 * Checks the answers, shows what is wrong next to each item and moves the
 * focus to the first one.
 *
 * Returns: how many items have a problem
 */
guint
care_questionnaire_renderer_show_problems (CareQuestionnaireRenderer *self)
{
  CareQuestionnaireNode *first = NULL;
  GHashTableIter iter;
  gpointer value;
  guint n;
  Field *first_field;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_RENDERER (self), 0);

  n = care_questionnaire_form_validate (self->form, &first);
  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Field *field = value;
      const char *message = field->node->enabled ? (field->pending != NULL ? field->pending : field->node->message)
                                                 : NULL;

      if (field->field != NULL)
        show_error (field, message);
      else if (field->error != NULL)
        {
          gtk_label_set_text (GTK_LABEL (field->error), message != NULL ? message : "");
          gtk_widget_set_visible (field->error, message != NULL);
        }
    }
  first_field = first != NULL ? g_hash_table_lookup (self->fields, first) : NULL;
  if (first_field != NULL)
    {
      if (first_field->field != NULL)
        gtk_widget_grab_focus (first_field->field);
      else
        gtk_widget_child_focus (first_field->row, GTK_DIR_TAB_FORWARD);
    }
  return n;
}

static Field *
find_field (CareQuestionnaireRenderer *self,
            const char                *link_id)
{
  CareQuestionnaireNode *node = care_questionnaire_form_find (self->form, link_id);

  return node != NULL ? g_hash_table_lookup (self->fields, node) : NULL;
}

/**
 * care_questionnaire_renderer_get_field:
 * @self: a renderer
 * @link_id: an item
 * @n: which choice (for radio buttons and check boxes)
 *
 * Returns: (transfer none) (nullable): the widget a person answers the
 *   item's first instance with
 */
GtkWidget *
care_questionnaire_renderer_get_field (CareQuestionnaireRenderer *self,
                                       const char                *link_id,
                                       guint                      n)
{
  Field *field;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_RENDERER (self), NULL);

  field = find_field (self, link_id);
  if (field == NULL)
    return NULL;
  if (field->choices != NULL && n < field->choices->len)
    return g_ptr_array_index (field->choices, n);
  return field->field != NULL ? field->field : field->value;
}

/**
 * care_questionnaire_renderer_get_row:
 * @self: a renderer
 * @link_id: an item
 *
 * Returns: (transfer none) (nullable): what shows and hides with the item
 */
GtkWidget *
care_questionnaire_renderer_get_row (CareQuestionnaireRenderer *self,
                                     const char                *link_id)
{
  Field *field;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_RENDERER (self), NULL);

  field = find_field (self, link_id);
  return field != NULL ? field->row : NULL;
}
