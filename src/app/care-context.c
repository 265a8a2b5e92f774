/* care-context.c — the services a window and its views share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bundle handed to the window and every view as a construct-only
 * property (STYLE.md §4): the people this install may see, the person on
 * screen, and the sync state. Nothing fetches it from a global.
 */
#include "config.h"

#include "care-context.h"

struct _CareContext
{
  GObject        parent_instance;

  GListStore    *people;
  CarePerson    *person;
  CareSyncState *sync_state;
  GDate          today;
  guint          demo : 1;
};

G_DEFINE_FINAL_TYPE (CareContext, care_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DEMO,
  PROP_PEOPLE,
  PROP_PERSON,
  PROP_SYNC_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SYNC_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
care_context_dispose (GObject *object)
{
  CareContext *self = (CareContext *)object;

  g_clear_object (&self->person);
  g_clear_object (&self->people);
  g_clear_object (&self->sync_state);

  G_OBJECT_CLASS (care_context_parent_class)->dispose (object);
}

static void
care_context_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CareContext *self = CARE_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;

    case PROP_PEOPLE:
      g_value_set_object (value, self->people);
      break;

    case PROP_PERSON:
      g_value_set_object (value, self->person);
      break;

    case PROP_SYNC_STATE:
      g_value_set_object (value, self->sync_state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_context_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CareContext *self = CARE_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DEMO:
      self->demo = g_value_get_boolean (value);
      break;

    case PROP_PERSON:
      care_context_set_person (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_context_class_init (CareContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = care_context_dispose;
  object_class->get_property = care_context_get_property;
  object_class->set_property = care_context_set_property;

  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PEOPLE] =
    g_param_spec_object ("people", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL,
                         CARE_TYPE_PERSON,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SYNC_STATE] =
    g_param_spec_object ("sync-state", NULL, NULL,
                         CARE_TYPE_SYNC_STATE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CareContext::sync-requested:
   *
   * The user asked for a sync now (the Refresh action); the sync engine
   * listens.
   */
  signals[SYNC_REQUESTED] =
    g_signal_new ("sync-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
care_context_init (CareContext *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->people = g_list_store_new (CARE_TYPE_PERSON);
  self->sync_state = care_sync_state_new ();
  g_date_clear (&self->today, 1);
  g_date_set_dmy (&self->today,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/**
 * care_context_new:
 * @demo: whether this context shows the demo portal
 *
 * Returns: (transfer full): a new #CareContext
 */
CareContext *
care_context_new (gboolean demo)
{
  return g_object_new (CARE_TYPE_CONTEXT, "demo", demo, NULL);
}

gboolean
care_context_get_demo (CareContext *self)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (self), FALSE);

  return self->demo;
}

/**
 * care_context_get_people:
 * @self: a #CareContext
 *
 * Returns: (transfer none): a #GListModel of #CarePerson, self first
 */
GListModel *
care_context_get_people (CareContext *self)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (self), NULL);

  return G_LIST_MODEL (self->people);
}

/**
 * care_context_add_person:
 * @self: a #CareContext
 * @person: a person to add
 *
 * Adds @person, or replaces the person with the same id, so a repeated
 * sign-in never shows someone twice. The first person added becomes the
 * person on screen.
 */
void
care_context_add_person (CareContext *self,
                         CarePerson  *person)
{
  guint n;

  g_return_if_fail (CARE_IS_CONTEXT (self));
  g_return_if_fail (CARE_IS_PERSON (person));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->people));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarePerson) other = g_list_model_get_item (G_LIST_MODEL (self->people), i);

      if (g_str_equal (care_person_get_id (other), care_person_get_id (person)))
        {
          g_list_store_splice (self->people, i, 1, (gpointer *)&person, 1);
          if (self->person == other)
            care_context_set_person (self, person);
          return;
        }
    }

  g_list_store_append (self->people, person);

  if (self->person == NULL)
    care_context_set_person (self, person);
}

/**
 * care_context_lookup_person:
 * @self: a #CareContext
 * @id: a person id
 *
 * Returns: (transfer none) (nullable): the person, or %NULL
 */
CarePerson *
care_context_lookup_person (CareContext *self,
                            const char  *id)
{
  guint n;

  g_return_val_if_fail (CARE_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->people));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarePerson) person = g_list_model_get_item (G_LIST_MODEL (self->people), i);

      if (g_str_equal (care_person_get_id (person), id))
        return person;   /* the store keeps its reference */
    }

  return NULL;
}

/**
 * care_context_get_person:
 * @self: a #CareContext
 *
 * Returns: (transfer none) (nullable): the person whose record is on screen
 */
CarePerson *
care_context_get_person (CareContext *self)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (self), NULL);

  return self->person;
}

void
care_context_set_person (CareContext *self,
                         CarePerson  *person)
{
  g_return_if_fail (CARE_IS_CONTEXT (self));
  g_return_if_fail (person == NULL || CARE_IS_PERSON (person));

  if (g_set_object (&self->person, person))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSON]);
}

/**
 * care_context_get_sync_state:
 * @self: a #CareContext
 *
 * Returns: (transfer none): the sync state the header shows
 */
CareSyncState *
care_context_get_sync_state (CareContext *self)
{
  g_return_val_if_fail (CARE_IS_CONTEXT (self), NULL);

  return self->sync_state;
}

/**
 * care_context_get_today:
 * @self: a #CareContext
 * @out_today: (out caller-allocates): where to store the day
 *
 * The day ages and due dates are measured on: today, unless a test fixed it.
 */
void
care_context_get_today (CareContext *self,
                        GDate       *out_today)
{
  g_return_if_fail (CARE_IS_CONTEXT (self));
  g_return_if_fail (out_today != NULL);

  *out_today = self->today;
}

void
care_context_set_today (CareContext *self,
                        GDate       *today)
{
  g_return_if_fail (CARE_IS_CONTEXT (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  self->today = *today;
}

/**
 * care_context_request_sync:
 * @self: a #CareContext
 *
 * Asks whoever syncs this context's people to sync now.
 */
void
care_context_request_sync (CareContext *self)
{
  g_return_if_fail (CARE_IS_CONTEXT (self));

  g_signal_emit (self, signals[SYNC_REQUESTED], 0);
}
