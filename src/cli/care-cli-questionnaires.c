/* care-cli-questionnaires.c — carebook-cli questionnaires and questionnaire
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   carebook-cli questionnaires ID
 *
 * lists one assignment a line: id, state (due, overdue, started,
 * started-overdue, waiting, refused, done), due date, questionnaire id,
 * title and the portal's words on a refused one;
 *
 *   carebook-cli questionnaire show ID QUESTIONNAIRE [--json]
 *   carebook-cli questionnaire answer ID QUESTIONNAIRE --set LINKID=VALUE… [--submit]
 *   carebook-cli questionnaire submit ID QUESTIONNAIRE FILE
 *
 * QUESTIONNAIRE is an assignment's id as `questionnaires` prints it
 * ("task:adult-phq9"), or the bare Task id. The same model as the app:
 * `answer` keeps the answers as the app's draft (the app goes on from
 * it), and a submit checks them with the portal's rules first, naming the
 * linkId of anything wrong, then queues the response in the outbox and
 * sends it (or leaves it for the next sync when offline).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <time.h>

#include "care-cli-questionnaires.h"
#include "care-cli-open.h"
#include "care-fhir.h"
#include "care-json.h"
#include "care-questionnaire-assignments.h"
#include "care-record.h"

/* Tabs and line breaks inside a field would split it. */
static char *
dup_field (const char *text)
{
  char *field = g_strdup (text != NULL ? text : "");

  g_strdelimit (field, "\t\r\n", ' ');
  return field;
}

/* The state column: the state's name, but "overdue" for one not started
 * and past its due date, and "started-overdue" for one begun and past it. */
static const char *
state_name (const CareQuestionnaireAssignment *assignment,
            const GDate                       *today)
{
  if (care_questionnaire_assignment_is_overdue (assignment, today))
    return assignment->state == CARE_ASSIGNMENT_STARTED ? "started-overdue" : "overdue";
  return care_assignment_state_to_string (assignment->state);
}

static int
cli_list (int    argc,
          char **argv)
{
  g_auto(CareCliOpened) opened = { 0 };
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  if (argc != 2)
    {
      g_printerr ("%s\n", _("Usage: carebook-cli questionnaires ID"));
      return 2;
    }
  if (!care_cli_open_person (&opened, argv[1]))
    return 1;
  assignments = care_questionnaire_list_assignments (opened.cache, &error);
  if (assignments == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  for (guint i = 0; i < assignments->len; i++)
    {
      CareQuestionnaireAssignment *assignment = g_ptr_array_index (assignments, i);
      g_autofree char *title = dup_field (assignment->title);
      g_autofree char *message = dup_field (assignment->message);

      g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", assignment->id, state_name (assignment, &today),
               assignment->due != NULL ? assignment->due : "", assignment->questionnaire_id, title, message);
    }
  return 0;
}

/* The assignment, its questionnaire, and a form with what is answered so
 * far: the portal's copy when done, else the draft. */
static CareQuestionnaireForm *
open_form (CareCliOpened                *opened,
           const char                   *wanted,
           GPtrArray                   **out_assignments,
           CareQuestionnaireAssignment **out_assignment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assignments = care_questionnaire_list_assignments (opened->cache, &error);
  g_autoptr(CareQuestionnaire) questionnaire = NULL;
  CareQuestionnaireAssignment *assignment;
  CareQuestionnaireForm *form;

  if (assignments == NULL)
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }
  assignment = care_questionnaire_find_assignment (assignments, wanted);
  if (assignment == NULL)
    {
      g_printerr ("%s\n", _("No such questionnaire; see carebook-cli questionnaires ID."));
      return NULL;
    }
  questionnaire = care_questionnaire_load (opened->cache, assignment->questionnaire_id, &error);
  if (questionnaire == NULL)
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }
  form = care_questionnaire_form_new (questionnaire);
  if (assignment->state == CARE_ASSIGNMENT_DONE || assignment->state == CARE_ASSIGNMENT_WAITING)
    {
      g_autoptr(JsonObject) response = care_questionnaire_load_response (opened->cache, assignment);

      if (response != NULL)
        care_questionnaire_form_load_response (form, response, FALSE, NULL);
    }
  else
    care_questionnaire_restore_draft (opened->cache, assignment->id, form);
  *out_assignment = assignment;
  *out_assignments = g_steal_pointer (&assignments);
  return form;
}

static void
print_nodes (GPtrArray *nodes,
             guint      depth)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      CareQuestionnaireNode *node = g_ptr_array_index (nodes, i);
      CareQuestionnaireItem *item = node->item;
      g_autoptr(GString) flags = g_string_new (NULL);
      g_autoptr(GString) answers = g_string_new (NULL);
      g_autoptr(GString) options = g_string_new (NULL);
      g_autofree char *text = NULL;
      g_autofree char *question = NULL;

      if (!node->enabled)
        continue;
      if (item->required)
        g_string_append (flags, "required,");
      if (item->repeats)
        g_string_append (flags, "repeats,");
      if (item->read_only || item->calculated != NULL)
        g_string_append (flags, "read-only,");
      if (flags->len > 0)
        g_string_truncate (flags, flags->len - 1);
      for (guint j = 0; j < node->answers->len; j++)
        {
          g_autofree char *answer = care_questionnaire_value_dup_text (item, g_ptr_array_index (node->answers, j));

          g_string_append_printf (answers, "%s%s", j > 0 ? "; " : "", answer);
        }
      for (guint j = 0; j < item->options->len; j++)
        {
          CareQuestionnaireOption *option = g_ptr_array_index (item->options, j);
          JsonObject *coding = care_fhir_get_object (option->value, "valueCoding");
          const char *code = care_fhir_get_string (coding, "code");

          g_string_append_printf (options, "%s%s%s%s", j > 0 ? " | " : "", code != NULL ? code : "",
                                  code != NULL ? "=" : "", option->label);
        }
      question = g_strdup_printf ("%s%s%s", item->prefix != NULL ? item->prefix : "", item->prefix != NULL ? " " : "",
                                  item->text != NULL ? item->text : "");
      text = dup_field (question);
      /* linkId, depth, type, flags, question, answers, options */
      g_print ("%s\t%u\t%s\t%s\t%s\t%s\t%s\n", item->link_id, depth, care_questionnaire_type_to_string (item->type),
               flags->str, text, answers->str, options->str);
      /* Answers named by a URL the portal did not expand: why, beside. */
      if (item->value_set_problem != NULL && item->options->len == 0)
        g_printerr (_("Item “%1$s”: %2$s\n"), item->link_id, item->value_set_problem);
      print_nodes (node->children, depth + 1);
    }
}

static int
cli_show (int    argc,
          char **argv)
{
  g_auto(CareCliOpened) opened = { 0 };
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(CareQuestionnaireForm) form = NULL;
  CareQuestionnaireAssignment *assignment = NULL;
  gboolean json = argc == 4 && g_str_equal (argv[3], "--json");

  if (argc != 3 && !json)
    {
      g_printerr ("%s\n", _("Usage: carebook-cli questionnaire show ID QUESTIONNAIRE [--json]"));
      return 2;
    }
  if (!care_cli_open_person (&opened, argv[1]))
    return 1;
  form = open_form (&opened, argv[2], &assignments, &assignment);
  if (form == NULL)
    return 1;
  if (json)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (),
                                                        care_questionnaire_get_resource (
                                                          care_questionnaire_form_get_questionnaire (form)));
      g_autofree char *text = care_json_to_string (node, TRUE);

      g_print ("%s\n", text);
      return 0;
    }
  print_nodes (care_questionnaire_form_get_nodes (form), 0);
  return 0;
}

/* Queues @draft in the person's outbox and tries to send it now. */
static int
queue_and_send (CareCliOpened   *opened,
                CareOutboxDraft *draft)
{
  g_autoptr(GPtrArray) drafts = g_ptr_array_new ();

  g_ptr_array_add (drafts, draft);
  return care_cli_opened_queue_and_send (opened, drafts);
}

static int
submit_form (CareCliOpened               *opened,
             CareQuestionnaireAssignment *assignment,
             CareQuestionnaireForm       *form)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *patient = care_cli_opened_dup_patient (opened);
  g_autoptr(CareOutboxDraft) draft = NULL;

  if (patient == NULL)
    {
      g_printerr ("%s\n", _("This record cannot send anything to its health system now."));
      return 1;
    }
  draft = care_questionnaire_response_draft_new (form, patient, NULL, now, &error);
  if (draft == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (queue_and_send (opened, draft) != 0)
    return 1;
  care_questionnaire_forget_draft (opened->cache, assignment->id);
  return 0;
}

static int
cli_answer (int    argc,
            char **argv)
{
  g_auto(CareCliOpened) opened = { 0 };
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(CareQuestionnaireForm) form = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify)g_ptr_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CareQuestionnaireAssignment *assignment = NULL;
  gboolean submit = FALSE;
  int status = 0;

  if (argc < 3)
    {
      g_printerr ("%s\n", _("Usage: carebook-cli questionnaire answer ID QUESTIONNAIRE --set LINKID=VALUE… [--submit]"));
      return 2;
    }
  for (int i = 3; i < argc; i++)
    {
      const char *set = NULL;
      const char *equals;
      GPtrArray *texts;
      g_autofree char *link_id = NULL;

      if (g_str_equal (argv[i], "--submit"))
        {
          submit = TRUE;
          continue;
        }
      if (g_str_equal (argv[i], "--set") && i + 1 < argc)
        set = argv[++i];
      else if (g_str_has_prefix (argv[i], "--set="))
        set = argv[i] + strlen ("--set=");
      equals = set != NULL ? strchr (set, '=') : NULL;
      if (equals == NULL || equals == set)
        {
          g_printerr ("%s\n", _("Usage: carebook-cli questionnaire answer ID QUESTIONNAIRE --set LINKID=VALUE… [--submit]"));
          return 2;
        }
      link_id = g_strndup (set, equals - set);
      texts = g_hash_table_lookup (values, link_id);
      if (texts == NULL)
        {
          texts = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (order, link_id);
          g_hash_table_insert (values, g_steal_pointer (&link_id), texts);
        }
      /* Several --set of one linkId answer a question that repeats. */
      g_ptr_array_add (texts, g_strdup (equals + 1));
    }
  if (!care_cli_open_person (&opened, argv[1]))
    return 1;
  form = open_form (&opened, argv[2], &assignments, &assignment);
  if (form == NULL)
    return 1;
  if (assignment->state == CARE_ASSIGNMENT_DONE || assignment->state == CARE_ASSIGNMENT_WAITING)
    {
      g_printerr ("%s\n", _("These answers were already sent."));
      return 1;
    }
  for (guint i = 0; i < order->len; i++)
    {
      const char *link_id = g_ptr_array_index (order, i);
      GPtrArray *texts = g_hash_table_lookup (values, link_id);
      CareQuestionnaireNode *node = care_questionnaire_form_find (form, link_id);
      g_autoptr(GError) local_error = NULL;

      g_ptr_array_add (texts, NULL);
      if (node == NULL)
        {
          /* Translators: %s is a questionnaire item's linkId */
          g_printerr (_("Item “%s”: the questionnaire has no such item.\n"), link_id);
          status = 1;
        }
      else if (!node->enabled)
        {
          /* Translators: %s is a questionnaire item's linkId */
          g_printerr (_("Item “%s”: this question is hidden by your other answers.\n"), link_id);
          status = 1;
        }
      else if (node->item->read_only || node->item->calculated != NULL)
        {
          /* Translators: %s is a questionnaire item's linkId */
          g_printerr (_("Item “%s”: this answer cannot be changed.\n"), link_id);
          status = 1;
        }
      else if (!care_questionnaire_form_set_text (form, node, (const char * const *)texts->pdata, &local_error))
        {
          /* Translators: %1$s is a questionnaire item's linkId, %2$s what is wrong with it */
          g_printerr (_("Item “%1$s”: %2$s\n"), link_id, local_error->message);
          status = 1;
        }
    }
  if (!care_questionnaire_save_draft (opened.cache, assignment->id, form, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (status != 0)
    return status;
  if (submit)
    return submit_form (&opened, assignment, form);
  return 0;
}

static int
cli_submit (int    argc,
            char **argv)
{
  g_auto(CareCliOpened) opened = { 0 };
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(CareQuestionnaireForm) form = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CareQuestionnaireAssignment *assignment = NULL;

  if (argc != 4)
    {
      g_printerr ("%s\n", _("Usage: carebook-cli questionnaire submit ID QUESTIONNAIRE FILE"));
      return 2;
    }
  if (!g_file_get_contents (argv[3], &text, NULL, &error) ||
      (response = care_fhir_parse_resource (text, -1, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!care_cli_open_person (&opened, argv[1]))
    return 1;
  form = open_form (&opened, argv[2], &assignments, &assignment);
  if (form == NULL)
    return 1;
  /* The portal's rules, here first: anything wrong is named by its linkId. */
  if (!care_questionnaire_check_response (care_questionnaire_form_get_questionnaire (form), response, NULL, NULL,
                                          &error) ||
      !care_questionnaire_form_load_response (form, response, TRUE, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return submit_form (&opened, assignment, form);
}

/**
 * care_cli_questionnaires_handles:
 * @argc: the argument count
 * @argv: the arguments, the program name first
 *
 * Returns: whether argv[1] is one of this file's subcommands
 */
gboolean
care_cli_questionnaires_handles (int    argc,
                                 char **argv)
{
  return argc >= 2 && (g_str_equal (argv[1], "questionnaires") || g_str_equal (argv[1], "questionnaire"));
}

/**
 * care_cli_questionnaires_main:
 * @argc: the argument count
 * @argv: the arguments, the program name first
 *
 * Returns: the exit status
 */
int
care_cli_questionnaires_main (int    argc,
                              char **argv)
{
  if (g_str_equal (argv[1], "questionnaires"))
    return cli_list (argc - 1, argv + 1);
  if (argc >= 3 && g_str_equal (argv[2], "show"))
    return cli_show (argc - 2, argv + 2);
  if (argc >= 3 && g_str_equal (argv[2], "answer"))
    return cli_answer (argc - 2, argv + 2);
  if (argc >= 3 && g_str_equal (argv[2], "submit"))
    return cli_submit (argc - 2, argv + 2);
  g_printerr ("%s\n", _("Usage: carebook-cli questionnaire show|answer|submit ID QUESTIONNAIRE …"));
  return 2;
}
