/* care-outbox.c — what a person's record is waiting to send, as a model
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CareOutbox is the cache's outbox table (care-cache-outbox.c) as a
 * GListModel of CareOutboxEntry objects, oldest first, with their kind,
 * state (draft, waiting, sending, sent, refused, conflict), summary and
 * error. Writes go in with care_outbox_queue() and the sync engine sends
 * them (care-sync-outbox.c); the model follows the engine's
 * "outbox-changed" signal, so a page, a badge or the command line shows
 * each item as it moves. Entries keep their identity across reloads.
 *
 * Online-only requests pass through care_outbox_run_now_async() and never
 * become entries: nothing of them is stored.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "care-error.h"
#include "care-outbox.h"

struct _CareOutboxEntry
{
  GObject          parent_instance;

  gint64           serial;
  char            *id;
  CareOutboxKind   kind;
  CareOutboxState  state;
  char            *summary;
  char            *error;
  char            *type;
  char            *server_id;
  char            *json;
  char            *theirs;
  gint64           created;
};

G_DEFINE_FINAL_TYPE (CareOutboxEntry, care_outbox_entry, G_TYPE_OBJECT)

enum {
  ENTRY_PROP_0,
  ENTRY_PROP_ID,
  ENTRY_PROP_KIND,
  ENTRY_PROP_STATE,
  ENTRY_PROP_SUMMARY,
  ENTRY_PROP_ERROR,
  ENTRY_N_PROPS
};

static GParamSpec *entry_properties[ENTRY_N_PROPS];

static void
care_outbox_entry_finalize (GObject *object)
{
  CareOutboxEntry *self = (CareOutboxEntry *)object;

  g_free (self->id);
  g_free (self->summary);
  g_free (self->error);
  g_free (self->type);
  g_free (self->server_id);
  g_free (self->json);
  g_free (self->theirs);

  G_OBJECT_CLASS (care_outbox_entry_parent_class)->finalize (object);
}

static void
care_outbox_entry_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CareOutboxEntry *self = CARE_OUTBOX_ENTRY (object);

  switch (prop_id)
    {
    case ENTRY_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case ENTRY_PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case ENTRY_PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case ENTRY_PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case ENTRY_PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_outbox_entry_class_init (CareOutboxEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = care_outbox_entry_finalize;
  object_class->get_property = care_outbox_entry_get_property;

  entry_properties[ENTRY_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  entry_properties[ENTRY_PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, CARE_OUTBOX_CREATE, CARE_OUTBOX_OPERATION, CARE_OUTBOX_CREATE,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  entry_properties[ENTRY_PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, CARE_OUTBOX_PENDING, CARE_OUTBOX_CHECK, CARE_OUTBOX_PENDING,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  entry_properties[ENTRY_PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  entry_properties[ENTRY_PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, ENTRY_N_PROPS, entry_properties);
}

static void
care_outbox_entry_init (CareOutboxEntry *self)
{
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
entry_update (CareOutboxEntry *self,
              CareOutboxItem  *item,
              gboolean         sending)
{
  CareOutboxState state = sending && item->state == CARE_OUTBOX_PENDING ? CARE_OUTBOX_SENDING : item->state;

  g_object_freeze_notify (G_OBJECT (self));
  self->serial = item->serial;
  self->kind = item->kind;
  self->created = item->created;
  set_string (&self->type, item->type);
  set_string (&self->server_id, item->server_id);
  set_string (&self->json, item->json);
  set_string (&self->theirs, item->theirs);
  if (set_string (&self->summary, item->summary != NULL ? item->summary : item->type))
    g_object_notify_by_pspec (G_OBJECT (self), entry_properties[ENTRY_PROP_SUMMARY]);
  if (set_string (&self->error, item->message))
    g_object_notify_by_pspec (G_OBJECT (self), entry_properties[ENTRY_PROP_ERROR]);
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), entry_properties[ENTRY_PROP_STATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
care_outbox_entry_get_id (CareOutboxEntry *self)
{
  g_return_val_if_fail (CARE_IS_OUTBOX_ENTRY (self), NULL);
  return self->id;
}

CareOutboxKind
care_outbox_entry_get_kind (CareOutboxEntry *self)
{
  g_return_val_if_fail (CARE_IS_OUTBOX_ENTRY (self), CARE_OUTBOX_CREATE);
  return self->kind;
}

CareOutboxState
care_outbox_entry_get_state (CareOutboxEntry *self)
{
  g_return_val_if_fail (CARE_IS_OUTBOX_ENTRY (self), CARE_OUTBOX_PENDING);
  return self->state;
}

/**
 * care_outbox_entry_get_summary:
 * @self: an entry
 *
 * Returns: what it is, in the user's words (the resource type when the
 *   feature gave none)
 */
const char *
care_outbox_entry_get_summary (CareOutboxEntry *self)
{
  g_return_val_if_fail (CARE_IS_OUTBOX_ENTRY (self), NULL);
  return self->summary;
}

/**
 * care_outbox_entry_get_error:
 * @self: an entry
 *
 * Returns: (nullable): for a refused item, the portal's reason in words;
 *   for a conflict, what happened
 */
const char *
care_outbox_entry_get_error (CareOutboxEntry *self)
{
  g_return_val_if_fail (CARE_IS_OUTBOX_ENTRY (self), NULL);
  return self->error;
}

const char *
care_outbox_entry_get_resource_type (CareOutboxEntry *self)
{
  g_return_val_if_fail (CARE_IS_OUTBOX_ENTRY (self), NULL);
  return self->type;
}

/**
 * care_outbox_entry_get_server_id:
 * @self: an entry
 *
 * Returns: (nullable): the id the portal gave it, once sent
 */
const char *
care_outbox_entry_get_server_id (CareOutboxEntry *self)
{
  g_return_val_if_fail (CARE_IS_OUTBOX_ENTRY (self), NULL);
  return self->server_id;
}

/**
 * care_outbox_entry_get_json:
 * @self: an entry
 *
 * Returns: the user's version: what is (or was) sent
 */
const char *
care_outbox_entry_get_json (CareOutboxEntry *self)
{
  g_return_val_if_fail (CARE_IS_OUTBOX_ENTRY (self), NULL);
  return self->json;
}

/**
 * care_outbox_entry_get_theirs:
 * @self: an entry
 *
 * Returns: (nullable): for a conflict, the portal's version now
 */
const char *
care_outbox_entry_get_theirs (CareOutboxEntry *self)
{
  g_return_val_if_fail (CARE_IS_OUTBOX_ENTRY (self), NULL);
  return self->theirs;
}

/* A member's value in a few words: a string, a concept's text or first
 * coding, a reference's display; anything else is named by its kind. */
static char *
dup_value_text (JsonNode *node)
{
  JsonObject *object;
  JsonArray *codings;

  if (node == NULL)
    return g_strdup (C_("outbox conflict", "nothing"));
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? C_("outbox conflict", "yes") : C_("outbox conflict", "no"));
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        return g_strdup_printf ("%g", json_node_get_double (node));
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      object = json_node_get_object (node);
      if (care_fhir_get_string (object, "text") != NULL)
        return g_strdup (care_fhir_get_string (object, "text"));
      if (care_fhir_get_string (object, "display") != NULL)
        return g_strdup (care_fhir_get_string (object, "display"));
      codings = care_fhir_get_array (object, "coding");
      if (codings != NULL && json_array_get_length (codings) > 0 &&
          JSON_NODE_HOLDS_OBJECT (json_array_get_element (codings, 0)))
        {
          JsonObject *coding = json_array_get_object_element (codings, 0);

          if (care_fhir_get_string (coding, "display") != NULL)
            return g_strdup (care_fhir_get_string (coding, "display"));
          if (care_fhir_get_string (coding, "code") != NULL)
            return g_strdup (care_fhir_get_string (coding, "code"));
        }
    }
  return g_strdup (C_("outbox conflict", "changed details"));
}

static gboolean
same_node (JsonNode *a,
           JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

/* The fields a patient can change, in their words. A path is the
 * element's names from the resource down, without array positions. */
static const struct
{
  const char *type;   /* NULL: any resource type */
  const char *path;
  const char *label;
} field_labels[] = {
  { "AllergyIntolerance", "code", NC_("changed field", "What you are allergic to") },
  { "AllergyIntolerance", "reaction", NC_("changed field", "Reaction") },
  { "AllergyIntolerance", "reaction.manifestation", NC_("changed field", "What happens") },
  { "AllergyIntolerance", "reaction.description", NC_("changed field", "What happens") },
  { "AllergyIntolerance", "reaction.severity", NC_("changed field", "How bad it was") },
  { "AllergyIntolerance", "criticality", NC_("changed field", "Risk") },
  { "AllergyIntolerance", "clinicalStatus", NC_("changed field", "Whether it is active") },
  { "AllergyIntolerance", "verificationStatus", NC_("changed field", "Whether it is confirmed") },
  { "AllergyIntolerance", "onsetDateTime", NC_("changed field", "When it started") },
  { "AllergyIntolerance", "recordedDate", NC_("changed field", "Date recorded") },
  { "MedicationStatement", "status", NC_("changed field", "Whether you take it") },
  { "MedicationStatement", "medicationCodeableConcept", NC_("changed field", "Medicine") },
  { "MedicationStatement", "dosage", NC_("changed field", "How you take it") },
  { "MedicationStatement", "dosage.text", NC_("changed field", "How you take it") },
  { "MedicationStatement", "effectivePeriod.end", NC_("changed field", "Date you stopped") },
  { "MedicationStatement", "effectiveDateTime", NC_("changed field", "Date") },
  { "Immunization", "vaccineCode", NC_("changed field", "Vaccine") },
  { "Immunization", "occurrenceDateTime", NC_("changed field", "Date given") },
  { "Immunization", "location", NC_("changed field", "Where you got it") },
  { "Immunization", "lotNumber", NC_("changed field", "Lot number") },
  { "Immunization", "performer.actor", NC_("changed field", "Who gave it") },
  { "Communication", "payload.contentString", NC_("changed field", "Message") },
  { "Communication", "topic", NC_("changed field", "Subject") },
  { "Goal", "lifecycleStatus", NC_("changed field", "Whether it is done") },
  { "Goal", "description", NC_("changed field", "Goal") },
  { NULL, "status", NC_("changed field", "Status") },
  { NULL, "note", NC_("changed field", "Note") },
  { NULL, "note.text", NC_("changed field", "Note") },
};

static const char *
field_label (const char *type,
             const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if ((field_labels[i].type == NULL || g_strcmp0 (field_labels[i].type, type) == 0) &&
        g_str_equal (field_labels[i].path, path))
      return g_dpgettext2 (GETTEXT_PACKAGE, "changed field", field_labels[i].label);
  /* Bookkeeping a patient never types (codes, references, extensions). */
  return C_("changed field", "Other details");
}

/* A value shown whole: a concept, a reference, a quantity, a period. */
static gboolean
is_leaf_object (JsonObject *object)
{
  return json_object_has_member (object, "coding") || json_object_has_member (object, "text") ||
         json_object_has_member (object, "reference") || json_object_has_member (object, "display") ||
         json_object_has_member (object, "value");
}

static void add_differences (GStrvBuilder *builder,
                             GHashTable   *seen,
                             const char   *type,
                             const char   *path,
                             JsonNode     *a,
                             JsonNode     *b,
                             guint         depth);

static void
add_line (GStrvBuilder *builder,
          GHashTable   *seen,
          const char   *type,
          const char   *path,
          JsonNode     *a,
          JsonNode     *b)
{
  const char *label = field_label (type, path);
  g_autofree char *yours = dup_value_text (a);
  g_autofree char *portal = dup_value_text (b);
  g_autofree char *line = NULL;

  /* Translators: a difference between the user's change and the portal's
   * version; %1$s is what differs in words ("How bad it was"), %2$s and
   * %3$s its values */
  line = g_strdup_printf (_("%1$s: yours “%2$s”, at your portal “%3$s”"), label, yours, portal);
  if (g_hash_table_add (seen, g_strdup (line)))
    g_strv_builder_add (builder, line);
}

static void
add_object_differences (GStrvBuilder *builder,
                        GHashTable   *seen,
                        const char   *type,
                        const char   *path,
                        JsonObject   *mine,
                        JsonObject   *theirs,
                        guint         depth)
{
  static const char *skipped[] = { "id", "meta", "text", "identifier", "extension", NULL };
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  GList *members = g_list_concat (json_object_get_members (mine), json_object_get_members (theirs));

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *child = NULL;

      if ((path == NULL && g_strv_contains (skipped, name)) || !g_hash_table_add (names, (gpointer)name))
        continue;
      child = path != NULL ? g_strconcat (path, ".", name, NULL) : g_strdup (name);
      add_differences (builder, seen, type, child, json_object_get_member (mine, name),
                       json_object_get_member (theirs, name), depth + 1);
    }
  g_list_free (members);
}

static void
add_differences (GStrvBuilder *builder,
                 GHashTable   *seen,
                 const char   *type,
                 const char   *path,
                 JsonNode     *a,
                 JsonNode     *b,
                 guint         depth)
{
  if (same_node (a, b))
    return;

  /* Into objects and same-length arrays, down to the field that differs
   * ("reaction.severity"), unless the value reads as one thing. */
  if (depth < 8 && a != NULL && b != NULL && JSON_NODE_HOLDS_OBJECT (a) && JSON_NODE_HOLDS_OBJECT (b) &&
      !is_leaf_object (json_node_get_object (a)) && !is_leaf_object (json_node_get_object (b)))
    {
      add_object_differences (builder, seen, type, path, json_node_get_object (a),
                              json_node_get_object (b), depth);
      return;
    }
  if (depth < 8 && a != NULL && b != NULL && JSON_NODE_HOLDS_ARRAY (a) && JSON_NODE_HOLDS_ARRAY (b) &&
      json_array_get_length (json_node_get_array (a)) == json_array_get_length (json_node_get_array (b)))
    {
      JsonArray *mine = json_node_get_array (a);
      JsonArray *theirs = json_node_get_array (b);

      for (guint i = 0; i < json_array_get_length (mine); i++)
        add_differences (builder, seen, type, path, json_array_get_element (mine, i),
                         json_array_get_element (theirs, i), depth + 1);
      return;
    }
  if (a != NULL && JSON_NODE_HOLDS_ARRAY (a) && json_array_get_length (json_node_get_array (a)) > 0 &&
      (b == NULL || !JSON_NODE_HOLDS_ARRAY (b)))
    a = json_array_get_element (json_node_get_array (a), 0);
  if (b != NULL && JSON_NODE_HOLDS_ARRAY (b) && json_array_get_length (json_node_get_array (b)) > 0 &&
      (a == NULL || !JSON_NODE_HOLDS_ARRAY (a)))
    b = json_array_get_element (json_node_get_array (b), 0);
  add_line (builder, seen, type, path, a, b);
}

/**
 * care_outbox_dup_conflict_lines:
 * @mine: (nullable): the user's version, FHIR JSON
 * @theirs: (nullable): the portal's version, FHIR JSON
 *
 * What each version says where they differ, one line per field, named in
 * the user's words for the fields a patient can change: "How bad it was:
 * yours “severe”, at your portal “mild”". Bookkeeping elements (id, meta,
 * narrative text, identifiers, extensions) are left out.
 *
 * Returns: (transfer full): the lines; empty when either is missing
 */
GStrv
care_outbox_dup_conflict_lines (const char *mine,
                                const char *theirs)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonObject) a = mine != NULL ? care_fhir_parse_resource (mine, -1, NULL) : NULL;
  g_autoptr(JsonObject) b = theirs != NULL ? care_fhir_parse_resource (theirs, -1, NULL) : NULL;

  if (a != NULL && b != NULL)
    add_object_differences (builder, seen, care_fhir_get_string (a, "resourceType"), NULL, a, b, 0);
  return g_strv_builder_end (builder);
}

/**
 * care_outbox_entry_dup_conflict_lines:
 * @self: an entry in conflict
 *
 * Returns: (transfer full): care_outbox_dup_conflict_lines() of its two
 *   versions; empty when not a conflict
 */
GStrv
care_outbox_entry_dup_conflict_lines (CareOutboxEntry *self)
{
  g_return_val_if_fail (CARE_IS_OUTBOX_ENTRY (self), NULL);

  return care_outbox_dup_conflict_lines (self->json, self->theirs);
}

gint64
care_outbox_entry_get_created (CareOutboxEntry *self)
{
  g_return_val_if_fail (CARE_IS_OUTBOX_ENTRY (self), 0);
  return self->created;
}

/**
 * care_outbox_state_to_string:
 * @state: a state
 *
 * Returns: a stable name for scripts ("waiting", "conflict"…)
 */
const char *
care_outbox_state_to_string (CareOutboxState state)
{
  switch (state)
    {
    case CARE_OUTBOX_SENT:
      return "sent";
    case CARE_OUTBOX_REFUSED:
      return "refused";
    case CARE_OUTBOX_CONFLICT:
      return "conflict";
    case CARE_OUTBOX_DRAFT:
      return "draft";
    case CARE_OUTBOX_SENDING:
      return "sending";
    case CARE_OUTBOX_CHECK:
      return "check";
    case CARE_OUTBOX_PENDING:
    default:
      return "waiting";
    }
}

/**
 * care_outbox_kind_to_string:
 * @kind: a kind
 *
 * Returns: a stable name for scripts ("create", "update", "operation")
 */
const char *
care_outbox_kind_to_string (CareOutboxKind kind)
{
  switch (kind)
    {
    case CARE_OUTBOX_UPDATE:
      return "update";
    case CARE_OUTBOX_OPERATION:
      return "operation";
    case CARE_OUTBOX_CREATE:
    default:
      return "create";
    }
}

struct _CareOutbox
{
  GObject         parent_instance;

  CareCache      *cache;
  CareSyncEngine *engine;
  gulong          changed_id;
  GPtrArray      *entries;
  GHashTable     *sending;
  guint           n_waiting;
  guint           soon_id;     /* care_outbox_send_soon() after a send in flight */
};

static void care_outbox_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CareOutbox, care_outbox, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, care_outbox_list_model_init))

enum {
  PROP_0,
  PROP_N_WAITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
care_outbox_get_item_type (GListModel *model)
{
  return CARE_TYPE_OUTBOX_ENTRY;
}

static guint
care_outbox_get_n_items (GListModel *model)
{
  return CARE_OUTBOX (model)->entries->len;
}

static gpointer
care_outbox_get_item (GListModel *model,
                      guint       position)
{
  CareOutbox *self = CARE_OUTBOX (model);

  if (position >= self->entries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
care_outbox_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = care_outbox_get_item_type;
  iface->get_n_items = care_outbox_get_n_items;
  iface->get_item = care_outbox_get_item;
}

static void
outbox_changed_cb (CareSyncEngine *engine,
                   const char     *client_id,
                   gboolean        sending,
                   CareOutbox     *self)
{
  if (sending)
    g_hash_table_add (self->sending, g_strdup (client_id));
  else
    g_hash_table_remove (self->sending, client_id);
  care_outbox_reload (self);
}

static void
care_outbox_dispose (GObject *object)
{
  CareOutbox *self = (CareOutbox *)object;

  g_clear_handle_id (&self->soon_id, g_source_remove);
  care_outbox_set_engine (self, NULL);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (care_outbox_parent_class)->dispose (object);
}

static void
care_outbox_finalize (GObject *object)
{
  CareOutbox *self = (CareOutbox *)object;

  g_ptr_array_unref (self->entries);
  g_hash_table_unref (self->sending);

  G_OBJECT_CLASS (care_outbox_parent_class)->finalize (object);
}

static void
care_outbox_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CareOutbox *self = CARE_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_N_WAITING:
      g_value_set_uint (value, self->n_waiting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_outbox_class_init (CareOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = care_outbox_dispose;
  object_class->finalize = care_outbox_finalize;
  object_class->get_property = care_outbox_get_property;

  /**
   * CareOutbox:n-waiting:
   *
   * How many items wait to be sent (or are on their way), for a badge.
   */
  properties[PROP_N_WAITING] =
    g_param_spec_uint ("n-waiting", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
care_outbox_init (CareOutbox *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  self->sending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * care_outbox_new:
 * @cache: the person's cache
 * @engine: (nullable): the engine that sends, while signed in
 *
 * Returns: (transfer full): the outbox, loaded
 */
CareOutbox *
care_outbox_new (CareCache      *cache,
                 CareSyncEngine *engine)
{
  CareOutbox *self;

  g_return_val_if_fail (CARE_IS_CACHE (cache), NULL);
  g_return_val_if_fail (engine == NULL || CARE_IS_SYNC_ENGINE (engine), NULL);

  self = g_object_new (CARE_TYPE_OUTBOX, NULL);
  self->cache = g_object_ref (cache);
  care_outbox_set_engine (self, engine);
  care_outbox_reload (self);
  return self;
}

/**
 * care_outbox_set_engine:
 * @self: an outbox
 * @engine: (nullable): the engine that sends now
 */
void
care_outbox_set_engine (CareOutbox     *self,
                        CareSyncEngine *engine)
{
  g_return_if_fail (CARE_IS_OUTBOX (self));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_clear_signal_handler (&self->changed_id, self->engine);
  g_set_object (&self->engine, engine);
  g_hash_table_remove_all (self->sending);
  if (engine != NULL)
    self->changed_id = g_signal_connect (engine, "outbox-changed", G_CALLBACK (outbox_changed_cb), self);
}

guint
care_outbox_get_n_waiting (CareOutbox *self)
{
  g_return_val_if_fail (CARE_IS_OUTBOX (self), 0);
  return self->n_waiting;
}

/**
 * care_outbox_lookup:
 * @self: an outbox
 * @id: an entry's id (its client identifier)
 *
 * Returns: (transfer none) (nullable): the entry
 */
CareOutboxEntry *
care_outbox_lookup (CareOutbox *self,
                    const char *id)
{
  g_return_val_if_fail (CARE_IS_OUTBOX (self), NULL);

  for (guint i = 0; id != NULL && i < self->entries->len; i++)
    {
      CareOutboxEntry *entry = g_ptr_array_index (self->entries, i);

      if (g_str_equal (entry->id, id))
        return entry;
    }
  return NULL;
}

/**
 * care_outbox_reload:
 * @self: an outbox
 *
 * Reads the outbox table again; entries that are still there keep their
 * identity and notify what changed.
 */
void
care_outbox_reload (CareOutbox *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_waiting = 0;
  guint old_n;
  gboolean same;

  g_return_if_fail (CARE_IS_OUTBOX (self));

  items = care_cache_outbox_list (self->cache, FALSE);
  for (guint i = 0; i < items->len; i++)
    {
      CareOutboxItem *item = g_ptr_array_index (items, i);
      CareOutboxEntry *entry = care_outbox_lookup (self, item->client_id);

      if (entry != NULL)
        g_object_ref (entry);
      else
        {
          entry = g_object_new (CARE_TYPE_OUTBOX_ENTRY, NULL);
          entry->id = g_strdup (item->client_id);
        }
      entry_update (entry, item, g_hash_table_contains (self->sending, item->client_id));
      if (entry->state == CARE_OUTBOX_PENDING || entry->state == CARE_OUTBOX_SENDING)
        n_waiting++;
      g_ptr_array_add (entries, entry);
    }

  same = entries->len == self->entries->len;
  for (guint i = 0; same && i < entries->len; i++)
    same = entries->pdata[i] == self->entries->pdata[i];
  old_n = self->entries->len;
  if (!same)
    {
      g_ptr_array_unref (self->entries);
      self->entries = g_steal_pointer (&entries);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->entries->len);
    }
  if (n_waiting != self->n_waiting)
    {
      self->n_waiting = n_waiting;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAITING]);
    }
}

/**
 * care_outbox_queue:
 * @self: an outbox
 * @request: what to send (a feature's draft builder makes it)
 * @error: return location for a #GError
 *
 * Puts @request in the outbox, if the portal takes it from Carebook.
 * Send it with care_outbox_send_async().
 *
 * Returns: (transfer none) (nullable): the new entry
 */
CareOutboxEntry *
care_outbox_queue (CareOutbox               *self,
                   const CareOutboxRequest  *request,
                   GError                  **error)
{
  g_autoptr(CareOutboxItem) item = NULL;

  g_return_val_if_fail (CARE_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  if (self->engine == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                           _("This record cannot send anything to its health system now."));
      return NULL;
    }
  item = care_sync_engine_queue (self->engine, request, error);
  if (item == NULL)
    return NULL;
  care_outbox_reload (self);
  return care_outbox_lookup (self, item->client_id);
}

/**
 * care_outbox_queue_draft:
 * @self: an outbox
 * @draft: what a feature's draft builder made
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the new entry
 */
CareOutboxEntry *
care_outbox_queue_draft (CareOutbox             *self,
                         const CareOutboxDraft  *draft,
                         GError                **error)
{
  CareOutboxRequest request;

  g_return_val_if_fail (draft != NULL, NULL);

  care_outbox_draft_get_request (draft, &request);
  return care_outbox_queue (self, &request, error);
}

/**
 * care_outbox_queue_drafts:
 * @self: an outbox
 * @drafts: (element-type CareOutboxDraft): what to queue, in order
 * @error: return location for a #GError
 *
 * Queues many drafts (an import's readings) and reloads the model once,
 * not once per draft. Stops at the first one refused; those before it
 * stay queued.
 *
 * Returns: how many were queued
 */
guint
care_outbox_queue_drafts (CareOutbox *self,
                          GPtrArray  *drafts,
                          GError    **error)
{
  guint n = 0;

  g_return_val_if_fail (CARE_IS_OUTBOX (self), 0);
  g_return_val_if_fail (drafts != NULL, 0);

  if (self->engine == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                           _("This record cannot send anything to its health system now."));
      return 0;
    }
  for (; n < drafts->len; n++)
    {
      CareOutboxRequest request;
      g_autoptr(CareOutboxItem) item = NULL;

      care_outbox_draft_get_request (g_ptr_array_index (drafts, n), &request);
      item = care_sync_engine_queue (self->engine, &request, error);
      if (item == NULL)
        break;
    }
  if (n > 0)
    care_outbox_reload (self);
  return n;
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CareOutbox *self = g_task_get_source_object (task);
  GError *error = NULL;
  guint n_sent = 0;

  g_hash_table_remove_all (self->sending);
  care_outbox_reload (self);
  if (!care_sync_engine_send_outbox_finish (CARE_SYNC_ENGINE (source), result, &n_sent, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n_sent);
}

/**
 * care_outbox_send_async:
 * @self: an outbox
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every waiting item was answered, or sending stopped
 * @user_data: for @callback
 *
 * Sends what waits, oldest first (the sync engine does the sending).
 */
void
care_outbox_send_async (CareOutbox          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARE_IS_OUTBOX (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_outbox_send_async);
  if (self->engine == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "%s",
                               _("This record cannot send anything to its health system now."));
      return;
    }
  care_sync_engine_send_outbox_async (self->engine, cancellable, sent_cb, g_steal_pointer (&task));
}

static gboolean soon_timeout_cb (gpointer user_data);

static void
sent_soon_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CareOutbox) self = CARE_OUTBOX (source);
  g_autoptr(GError) error = NULL;

  /* Another send was on its way: once it is done, this one goes. */
  if (!care_outbox_send_finish (self, result, NULL, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING) && self->soon_id == 0 && self->engine != NULL)
    self->soon_id = g_timeout_add (250, soon_timeout_cb, self);
}

static gboolean
soon_timeout_cb (gpointer user_data)
{
  CareOutbox *self = user_data;

  self->soon_id = 0;
  care_outbox_send_async (self, NULL, sent_soon_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/**
 * care_outbox_send_soon:
 * @self: an outbox
 *
 * Sends what waits now, or as soon as the send on its way is done, for
 * writes nobody waits on (a read mark). Offline, it waits for the next
 * send as always.
 */
void
care_outbox_send_soon (CareOutbox *self)
{
  g_return_if_fail (CARE_IS_OUTBOX (self));

  if (self->soon_id != 0 || self->engine == NULL)
    return;
  care_outbox_send_async (self, NULL, sent_soon_cb, g_object_ref (self));
}

/**
 * care_outbox_send_finish:
 * @self: an outbox
 * @result: the result
 * @out_n_sent: (out) (optional): how many items the portal now holds
 * @error: return location for a #GError (offline, signed out…)
 *
 * Returns: %TRUE if every waiting item was answered (sent, refused or in
 *   conflict)
 */
gboolean
care_outbox_send_finish (CareOutbox    *self,
                         GAsyncResult  *result,
                         guint         *out_n_sent,
                         GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (out_n_sent != NULL)
    *out_n_sent = n > 0 ? (guint)n : 0;
  return n >= 0;
}

/**
 * care_outbox_retry:
 * @self: an outbox
 * @entry: a refused item (after the user fixed what the portal named) or a draft
 * @error: return location for a #GError
 *
 * Makes @entry wait to be sent again.
 *
 * Returns: %TRUE on success
 */
gboolean
care_outbox_retry (CareOutbox       *self,
                   CareOutboxEntry  *entry,
                   GError          **error)
{
  g_return_val_if_fail (CARE_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (CARE_IS_OUTBOX_ENTRY (entry), FALSE);

  if (!care_cache_outbox_retry (self->cache, entry->serial, NULL, error))
    return FALSE;
  care_outbox_reload (self);
  return TRUE;
}

/**
 * care_outbox_keep_mine:
 * @self: an outbox
 * @entry: an update in conflict
 * @error: return location for a #GError
 *
 * The user chose their version over the portal's: the update waits to be
 * sent again, now with If-Match on the portal's current version.
 *
 * Returns: %TRUE on success
 */
gboolean
care_outbox_keep_mine (CareOutbox       *self,
                       CareOutboxEntry  *entry,
                       GError          **error)
{
  g_autoptr(JsonObject) theirs = NULL;
  JsonObject *meta;
  const char *version = NULL;

  g_return_val_if_fail (CARE_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (CARE_IS_OUTBOX_ENTRY (entry), FALSE);

  if (entry->theirs != NULL)
    theirs = care_fhir_parse_resource (entry->theirs, -1, NULL);
  meta = theirs != NULL && json_object_has_member (theirs, "meta")
         ? json_object_get_object_member (theirs, "meta") : NULL;
  version = meta != NULL ? care_fhir_get_string (meta, "versionId") : NULL;
  if (entry->state != CARE_OUTBOX_CONFLICT || version == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The portal’s version is not known; discard this change and make it again."));
      return FALSE;
    }
  if (!care_cache_outbox_retry (self->cache, entry->serial, version, error))
    return FALSE;
  care_outbox_reload (self);
  return TRUE;
}

/**
 * care_outbox_discard:
 * @self: an outbox
 * @entry: an item the user gives up on (for a conflict: the portal's
 *   version stays, and comes with the next sync)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
care_outbox_discard (CareOutbox       *self,
                     CareOutboxEntry  *entry,
                     GError          **error)
{
  g_return_val_if_fail (CARE_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (CARE_IS_OUTBOX_ENTRY (entry), FALSE);

  if (entry->state == CARE_OUTBOX_SENDING)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("This is being sent now."));
      return FALSE;
    }
  if (!care_cache_outbox_discard (self->cache, entry->serial, error))
    return FALSE;
  care_outbox_reload (self);
  return TRUE;
}

/**
 * care_outbox_replace:
 * @self: an outbox
 * @entry: an entry waiting to be sent, refused, or a draft
 * @draft: what to send instead: the same kind of write of the same type
 *   (a corrected reading)
 * @error: %G_IO_ERROR_BUSY while it is being sent, %G_IO_ERROR_FAILED once
 *   it has been sent (or may have arrived)
 *
 * Corrects a write before it leaves: the entry keeps its id (a create its
 * outbox identifier, so the portal still gets one resource) and waits
 * again. A refused entry's reason is cleared.
 *
 * Returns: whether it was replaced
 */
gboolean
care_outbox_replace (CareOutbox             *self,
                     CareOutboxEntry        *entry,
                     const CareOutboxDraft  *draft,
                     GError                **error)
{
  g_return_val_if_fail (CARE_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (CARE_IS_OUTBOX_ENTRY (entry), FALSE);
  g_return_val_if_fail (draft != NULL && draft->resource != NULL, FALSE);
  g_return_val_if_fail (draft->kind == entry->kind, FALSE);

  if (entry->state == CARE_OUTBOX_SENDING)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("This is being sent now."));
      return FALSE;
    }
  if (!care_cache_outbox_replace (self->cache, entry->serial, draft->resource, draft->summary, error))
    return FALSE;
  care_outbox_reload (self);
  return TRUE;
}

static void
ran_now_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  JsonObject *answer = care_sync_engine_run_now_finish (CARE_SYNC_ENGINE (source), result, &error);

  if (answer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, answer, (GDestroyNotify)json_object_unref);
}

/**
 * care_outbox_run_now_async:
 * @self: an outbox
 * @method: "GET" or "POST"
 * @path: relative to the FHIR base
 * @body: (nullable): what to send
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: for @callback
 *
 * An online-only request (a card payment, a live slot search): it runs at
 * once or fails with "You're offline", and no byte of it reaches the
 * cache, the log or the access log. It never becomes an entry.
 */
void
care_outbox_run_now_async (CareOutbox          *self,
                           const char          *method,
                           const char          *path,
                           JsonObject          *body,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARE_IS_OUTBOX (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, care_outbox_run_now_async);
  if (self->engine == NULL)
    {
      g_task_return_new_error (task, CARE_PORTAL_ERROR, CARE_PORTAL_ERROR_OFFLINE, "%s", _("You’re offline"));
      return;
    }
  care_sync_engine_run_now_async (self->engine, method, path, body, cancellable, ran_now_cb,
                                  g_steal_pointer (&task));
}

/**
 * care_outbox_run_now_finish:
 * @self: an outbox
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the portal's answer
 */
JsonObject *
care_outbox_run_now_finish (CareOutbox    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
