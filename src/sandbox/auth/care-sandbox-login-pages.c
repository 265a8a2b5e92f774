/* care-sandbox-login-pages.c — the sandbox's sign-in pages, drawn in English or Spanish
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The HTML of each sign-in step (care-sandbox-login.c moves between them),
 * the page frame with its small inline style, the language choice and the
 * Allow Access page's data headings. Every value from a request or the
 * database is escaped before it reaches a page. The sandbox answers many
 * browsers at once, so a page carries its own English and Spanish text
 * instead of switching the process's gettext locale.
 */
#include "config.h"

#include "care-sandbox-login.h"
#include "care-fhir.h"
#include "care-sandbox-access.h"
#include "care-sandbox-params.h"

#include <string.h>

/* The data a patient may untick on the Allow Access page: each box stands
 * for the resource types a portal shows under that heading. */
static const struct
{
  const char *id;
  const char *en;
  const char *es;
  const char *types[6];
} data_groups[] = {
  { "results", "Test results and vital signs", "Resultados de pruebas y signos vitales",
    { "Observation", "DiagnosticReport", "ImagingStudy" } },
  { "medications", "Medications", "Medicamentos",
    { "MedicationRequest", "MedicationStatement", "MedicationDispense", "MedicationAdministration",
      "SupplyDelivery" } },
  { "allergies", "Allergies", "Alergias", { "AllergyIntolerance" } },
  { "conditions", "Health issues and history", "Problemas de salud e historial",
    { "Condition", "Procedure", "FamilyMemberHistory" } },
  { "immunizations", "Immunizations and preventive care", "Vacunas y cuidado preventivo",
    { "Immunization", "ImmunizationRecommendation" } },
  { "care-plan", "Care plan, goals and care team", "Plan de cuidado, metas y equipo de cuidado",
    { "CarePlan", "Goal", "CareTeam", "ServiceRequest" } },
  { "documents", "Visits, notes and documents", "Visitas, notas y documentos",
    { "Encounter", "DocumentReference", "Binary" } },
  { "messages", "Messages", "Mensajes", { "Communication" } },
  { "appointments", "Appointments", "Citas", { "Appointment" } },
  { "eye-care", "Eye prescriptions", "Recetas de la vista", { "VisionPrescription" } },
  { "billing", "Insurance and billing", "Seguro y facturación",
    { "Coverage", "ExplanationOfBenefit", "Claim", "Account", "Invoice", "PaymentNotice" } },
  { "questionnaires", "Questionnaires", "Cuestionarios", { "QuestionnaireResponse" } },
  { "family", "Family members and caregivers", "Familiares y cuidadores", { "RelatedPerson" } },
};

/* Language ---------------------------------------------------------------- */

/* The highest q an Accept-Language header gives @lang ("es", "en"). */
static double
language_quality (const char *accept,
                  const char *lang)
{
  g_auto(GStrv) ranges = g_strsplit (accept, ",", -1);
  double best = 0.0;

  for (guint i = 0; ranges[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (ranges[i], ";", -1);
      char *tag = g_strstrip (parts[0]);
      double q = 1.0;

      if (g_ascii_strncasecmp (tag, lang, strlen (lang)) != 0 ||
          (tag[strlen (lang)] != '\0' && tag[strlen (lang)] != '-'))
        continue;

      for (guint j = 1; parts[j] != NULL; j++)
        {
          char *param = g_strstrip (parts[j]);

          if (g_str_has_prefix (param, "q="))
            q = g_ascii_strtod (param + 2, NULL);
        }
      best = MAX (best, q);
    }

  return best;
}

/**
 * care_sandbox_wants_spanish: (skip)
 * @msg: a request
 * @params: (nullable): its query or form
 *
 * Returns: %TRUE if the page should be in Spanish: `lang=es` in @params, or
 *   else an Accept-Language that prefers Spanish to English
 */
gboolean
care_sandbox_wants_spanish (SoupServerMessage *msg,
                            GHashTable        *params)
{
  const char *lang = params != NULL ? g_hash_table_lookup (params, "lang") : NULL;
  const char *accept;

  if (lang != NULL)
    return g_str_has_prefix (lang, "es");

  accept = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Accept-Language");
  return accept != NULL && language_quality (accept, "es") > language_quality (accept, "en");
}

/* A link to the same page in another language, keeping the request's other
 * parameters (the authorization request's, on the sign-in page). */
static char *
dup_language_link (SoupServerMessage *msg,
                   const char        *lang)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  GString *link = g_string_new (g_uri_get_path (uri));
  g_auto(GStrv) pairs = g_strsplit (query != NULL ? query : "", "&", -1);

  g_string_append_printf (link, "?lang=%s", lang);
  for (guint i = 0; pairs[i] != NULL; i++)
    if (pairs[i][0] != '\0' && !g_str_has_prefix (pairs[i], "lang="))
      g_string_append_printf (link, "&%s", pairs[i]);

  return g_markup_escape_text (link->str, -1);
}

static const char page_style[] =
  "body{font-family:Cantarell,'Segoe UI',Roboto,sans-serif;background:#f6f5f4;color:#2e3436;margin:0;"
  "line-height:1.45}"
  "header{background:#1c71d8;color:#fff;padding:.8rem 1.5rem;font-weight:bold;letter-spacing:.02em}"
  "main{max-width:28rem;margin:2.5rem auto;background:#fff;padding:2rem;border-radius:12px;"
  "box-shadow:0 1px 3px rgba(0,0,0,.15)}"
  "h1{font-size:1.4rem;margin-top:0}"
  "label{display:block;margin:.8rem 0 .3rem}"
  "label.choice{display:flex;gap:.6rem;align-items:flex-start;margin:.5rem 0;padding:.55rem .7rem;"
  "border:1px solid #deddda;border-radius:8px}"
  "label.choice small{display:block;color:#5e5c64}"
  "input[type=text],input[type=password],input[type=email]{width:100%;padding:.55rem;font-size:1rem;"
  "box-sizing:border-box;border:1px solid #c0bfbc;border-radius:6px}"
  "button,input{font-family:inherit}"
  "button{margin-top:1rem;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#1c71d8;"
  "color:#fff;font-size:1rem;cursor:pointer}"
  "button.secondary{background:#deddda;color:#2e3436}"
  "button.link{background:none;color:#1a5fb4;padding:0;margin:0;font-size:inherit;"
  "text-decoration:underline}"
  "form.inline{display:inline}"
  ".error{color:#c01c28;font-weight:bold}.note{color:#5e5c64;font-size:.92rem}"
  "a{color:#1a5fb4}"
  "footer{text-align:center;font-size:.85rem;margin:1rem;color:#5e5c64}";

/**
 * care_sandbox_login_send_page: (skip)
 * @msg: the request to answer
 * @status: HTTP status
 * @es: Spanish rather than English
 * @title: the page's title (plain text)
 * @body: the page's content (HTML, with values already escaped)
 * @languages: (nullable): HTML that switches language; %NULL for links
 *   to this same URL, which suits any GET page
 */
void
care_sandbox_login_send_page (SoupServerMessage *msg,
                              guint              status,
                              gboolean           es,
                              const char        *title,
                              const char        *body,
                              const char        *languages)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *links = NULL;
  char *html;

  if (languages == NULL)
    {
      g_autofree char *english = dup_language_link (msg, "en");
      g_autofree char *spanish = dup_language_link (msg, "es");

      links = g_strdup_printf ("<a href=\"%s\" lang=\"en\">English</a> · "
                               "<a href=\"%s\" lang=\"es\">Español</a>", english, spanish);
    }

  html = g_strdup_printf ("<!DOCTYPE html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                          "<title>%s</title><style>%s</style></head><body>"
                          "<header>Carebook Sandbox Health</header><main><h1>%s</h1>%s</main>"
                          "<footer>%s<br>%s</footer></body></html>",
                          es ? "es" : "en", escaped_title, page_style, escaped_title, body,
                          languages != NULL ? languages : links,
                          TR (es, "A test portal with fictional people. Never enter real health data.",
                              "Un portal de prueba con personas ficticias. Nunca escriba datos de salud "
                              "reales."));

  /* The pages hold one-use form tokens: never cached, never framed. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "X-Frame-Options", "DENY");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, html, strlen (html));
}

/**
 * care_sandbox_send_page: (skip)
 *
 * care_sandbox_login_send_page() with language links to the same URL.
 */
void
care_sandbox_send_page (SoupServerMessage *msg,
                        guint              status,
                        gboolean           es,
                        const char        *title,
                        const char        *body)
{
  care_sandbox_login_send_page (msg, status, es, title, body, NULL);
}

/**
 * care_sandbox_login_dup_masked: (skip)
 * @address: an e-mail address or phone number
 * @is_email: which one it is
 *
 * Returns: (transfer full): enough of @address to recognise it and no
 *   more: "m•••@example.org", "••• 4471"
 */
char *
care_sandbox_login_dup_masked (const char *address,
                               gboolean    is_email)
{
  const char *at = address != NULL ? strrchr (address, '@') : NULL;
  GString *digits;

  if (is_email)
    {
      if (at == NULL || at == address)
        return g_strdup ("•••");
      return g_strdup_printf ("%c•••%s", address[0], at);
    }

  digits = g_string_new (NULL);
  for (const char *p = address != NULL ? address : ""; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  if (digits->len < 4)
    {
      g_string_free (digits, TRUE);
      return g_strdup ("•••");
    }

  {
    char *masked = g_strdup_printf ("••• %s", digits->str + digits->len - 4);

    g_string_free (digits, TRUE);
    return masked;
  }
}

static char *
hidden_fields (CareSandboxLogin *login,
               gboolean          es)
{
  g_autofree char *id = g_markup_escape_text (login->id, -1);
  g_autofree char *csrf = g_markup_escape_text (login->csrf, -1);

  return g_strdup_printf ("<input type=\"hidden\" name=\"login\" value=\"%s\">"
                          "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
                          "<input type=\"hidden\" name=\"lang\" value=\"%s\">",
                          id, csrf, es ? "es" : "en");
}

/* After a POST there is no URL to link to: the language switch is a small
 * form that shows the same step again in the other language. */
static char *
dup_language_forms (CareSandboxLogin *login)
{
  g_autofree char *english = hidden_fields (login, FALSE);
  g_autofree char *spanish = hidden_fields (login, TRUE);

  return g_strdup_printf ("<form class=\"inline\" method=\"post\" action=\"/login/show\">%s"
                          "<button class=\"link\" type=\"submit\" lang=\"en\">English</button></form> · "
                          "<form class=\"inline\" method=\"post\" action=\"/login/show\">%s"
                          "<button class=\"link\" type=\"submit\" lang=\"es\">Español</button></form>",
                          english, spanish);
}

void
care_sandbox_login_send_expired (SoupServerMessage *msg,
                                 gboolean           es)
{
  care_sandbox_login_send_page (msg, SOUP_STATUS_BAD_REQUEST, es,
                                TR (es, "Sign-in expired", "El inicio de sesión venció"),
                                TR (es, "<p>This sign-in page is no longer valid. Start again from the "
                                        "app.</p>",
                                    "<p>Esta página de inicio de sesión ya no es válida. Vuelva a empezar "
                                    "desde la aplicación.</p>"),
                                "");
}

/* Steps -------------------------------------------------------------------- */

void
care_sandbox_login_show_password (CareSandbox       *self,
                                  SoupServerMessage *msg,
                                  CareSandboxLogin  *login,
                                  gboolean           es,
                                  guint              status,
                                  const char        *error,
                                  const char        *username)
{
  g_autofree char *hidden = hidden_fields (login, es);
  g_autofree char *languages = NULL;
  g_autofree char *value = g_markup_escape_text (username != NULL ? username : login->hint, -1);
  g_autofree char *body = NULL;
  const char *lang = es ? "es" : "en";

  body = g_strdup_printf ("%s<form method=\"post\" action=\"/login/password\">%s"
                          "<label for=\"u\">%s</label>"
                          "<input type=\"text\" id=\"u\" name=\"username\" value=\"%s\" "
                          "autocomplete=\"username\" autofocus>"
                          "<label for=\"p\">%s</label>"
                          "<input type=\"password\" id=\"p\" name=\"password\" "
                          "autocomplete=\"current-password\">"
                          "<button type=\"submit\">%s</button></form>"
                          "<p class=\"note\"><a href=\"/login/forgot-username?lang=%s\">%s</a> · "
                          "<a href=\"/login/forgot-password?lang=%s\">%s</a><br>"
                          "<a href=\"/login/signup?lang=%s\">%s</a></p>",
                          error != NULL ? error : "", hidden,
                          TR (es, "Username", "Usuario"), value, TR (es, "Password", "Contraseña"),
                          TR (es, "Sign In", "Iniciar sesión"),
                          lang, TR (es, "Forgot username?", "¿Olvidó su usuario?"),
                          lang, TR (es, "Forgot password?", "¿Olvidó su contraseña?"),
                          lang, TR (es, "New here? Sign up with an activation code",
                                    "¿Es nuevo? Regístrese con un código de activación"));

  if (g_str_equal (soup_server_message_get_method (msg), "POST"))
    languages = dup_language_forms (login);
  care_sandbox_login_send_page (msg, status, es, TR (es, "Sign in to your health record",
                                                     "Inicie sesión en su expediente de salud"),
                                body, languages);
}

static void
show_channel (CareSandbox       *self,
              SoupServerMessage *msg,
              CareSandboxLogin  *login,
              CareSandboxUser   *user,
              gboolean           es)
{
  g_autofree char *hidden = hidden_fields (login, es);
  g_autofree char *languages = dup_language_forms (login);
  g_autofree char *email = care_sandbox_login_dup_masked (user->email, TRUE);
  g_autofree char *phone = care_sandbox_login_dup_masked (user->phone, FALSE);
  g_autofree char *body = NULL;

  body = g_strdup_printf ("<p>%s</p><form method=\"post\" action=\"/login/send\">%s"
                          "<label class=\"choice\"><input type=\"radio\" name=\"channel\" value=\"email\" "
                          "checked><span>%s<small>%s</small></span></label>"
                          "<label class=\"choice\"><input type=\"radio\" name=\"channel\" value=\"sms\">"
                          "<span>%s<small>%s</small></span></label>"
                          "<button type=\"submit\">%s</button></form>",
                          TR (es, "To keep your record safe, we will send you a 6-digit code. Where should "
                                  "we send it?",
                              "Para proteger su expediente, le enviaremos un código de 6 dígitos. ¿Adónde "
                              "se lo enviamos?"),
                          hidden, TR (es, "E-mail", "Correo electrónico"), email,
                          TR (es, "Text message", "Mensaje de texto"), phone,
                          TR (es, "Send Code", "Enviar el código"));
  care_sandbox_login_send_page (msg, SOUP_STATUS_OK, es,
                                TR (es, "2-step verification", "Verificación en 2 pasos"), body, languages);
}

void
care_sandbox_login_show_verify (CareSandbox       *self,
                                SoupServerMessage *msg,
                                CareSandboxLogin  *login,
                                CareSandboxUser   *user,
                                gboolean           es,
                                guint              status,
                                const char        *error)
{
  g_autofree char *hidden = hidden_fields (login, es);
  g_autofree char *languages = dup_language_forms (login);
  g_autofree char *intro = NULL;
  g_autofree char *other = NULL;
  g_autofree char *body = NULL;
  GString *forms = NULL;
  gboolean by_text = g_strcmp0 (login->channel, "sms") == 0;

  if (care_sandbox_user_has_totp (user))
    intro = g_strdup (TR (es, "Enter the 6-digit code your authenticator app shows for Carebook Sandbox "
                              "Health.",
                          "Escriba el código de 6 dígitos que su aplicación de autenticación muestra "
                          "para Carebook Sandbox Health."));
  else
    {
      g_autofree char *masked = care_sandbox_login_dup_masked (by_text ? user->phone : user->email, !by_text);
      gboolean both = user->email[0] != '\0' && user->phone[0] != '\0';

      /* Translators: %s is a masked e-mail address or phone number. */
      intro = g_strdup_printf (by_text ? TR (es, "We sent a 6-digit code by text message to %s. "
                                                 "It expires in 10 minutes.",
                                             "Enviamos un código de 6 dígitos por mensaje de texto al %s. "
                                             "Vence en 10 minutos.")
                                       : TR (es, "We sent a 6-digit code by e-mail to %s. "
                                                 "It expires in 10 minutes.",
                                             "Enviamos un código de 6 dígitos por correo a %s. "
                                             "Vence en 10 minutos."),
                               masked);
      forms = g_string_new (NULL);
      g_string_append_printf (forms, "<form method=\"post\" action=\"/login/send\">%s"
                                     "<input type=\"hidden\" name=\"channel\" value=\"%s\">"
                                     "<button type=\"submit\" class=\"secondary\">%s</button></form>",
                              hidden, by_text ? "sms" : "email",
                              TR (es, "Send a New Code", "Enviar otro código"));
      /* The other way, where the account has one. */
      if (both)
        g_string_append_printf (forms, "<form method=\"post\" action=\"/login/send\">%s"
                                       "<input type=\"hidden\" name=\"channel\" value=\"%s\">"
                                       "<button type=\"submit\" class=\"link\">%s</button></form>",
                                hidden, by_text ? "email" : "sms",
                                by_text ? TR (es, "Send it by e-mail instead", "Enviarlo por correo")
                                        : TR (es, "Send it by text message instead",
                                              "Enviarlo por mensaje de texto"));
      other = g_string_free (g_steal_pointer (&forms), FALSE);
    }

  {
    g_autofree char *escaped_intro = g_markup_escape_text (intro, -1);

    body = g_strdup_printf ("<p>%s</p>%s<form method=\"post\" action=\"/login/verify\">%s"
                            "<label for=\"c\">%s</label><input type=\"text\" id=\"c\" name=\"code\" "
                            "inputmode=\"numeric\" maxlength=\"6\" autocomplete=\"one-time-code\" autofocus>"
                            "<button type=\"submit\">%s</button></form>%s",
                            escaped_intro, error != NULL ? error : "", hidden,
                            TR (es, "Verification code", "Código de verificación"),
                            TR (es, "Verify", "Verificar"), other != NULL ? other : "");
  }
  care_sandbox_login_send_page (msg, status, es, TR (es, "2-step verification", "Verificación en 2 pasos"),
                                body, languages);
}

/* "Mateo Reyes" from a Patient, escaped for HTML; the id if the record
 * has no usable name (core's tolerant reader takes any shape of JSON). */
static char *
dup_patient_name (CareSandbox *self,
                  const char  *patient_id)
{
  g_autoptr(JsonObject) patient = care_sandbox_store_get (care_sandbox_get_store (self), "Patient",
                                                          patient_id);
  g_autofree char *name = care_fhir_dup_human_name (care_fhir_get_array (patient, "name"));

  return g_markup_escape_text (name != NULL && name[0] != '\0' ? name : patient_id, -1);
}

void
care_sandbox_login_show_picker (CareSandbox       *self,
                                SoupServerMessage *msg,
                                CareSandboxLogin  *login,
                                CareSandboxUser   *user,
                                gboolean           es)
{
  g_autofree char *hidden = hidden_fields (login, es);
  g_autofree char *languages = dup_language_forms (login);
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) patients = care_sandbox_auth_list_patients (self, user, kinds);
  g_autoptr(GString) body = g_string_new (NULL);
  GDate today;

  care_sandbox_store_get_today (care_sandbox_get_store (self), &today);
  g_string_append_printf (body, "<p>%s</p><form method=\"post\" action=\"/login/patient\">%s",
                          TR (es, "You can open more than one record. Whose record do you want Carebook "
                                  "to see?",
                              "Puede abrir más de un expediente. ¿Qué expediente quiere que Carebook "
                              "vea?"),
                          hidden);
  for (guint i = 0; i < patients->len; i++)
    {
      const char *id = g_ptr_array_index (patients, i);
      int kind = g_array_index (kinds, int, i);
      g_autofree char *name = dup_patient_name (self, id);
      g_autofree char *escaped_id = g_markup_escape_text (id, -1);
      g_autoptr(JsonObject) patient = care_sandbox_store_get (care_sandbox_get_store (self), "Patient", id);
      const char *birth_date = care_fhir_get_string (patient, "birthDate");
      const char *how;
      const char *limited = "";

      if (kind == CARE_SANDBOX_PROXY_NONE)
        how = TR (es, "Your own record", "Su propio expediente");
      else if (kind == CARE_SANDBOX_PROXY_PARENT)
        how = TR (es, "Your child (proxy access)", "Su hijo o hija (acceso como representante)");
      else
        how = TR (es, "Shared with you (proxy access)", "Compartido con usted (acceso como representante)");
      if (kind == CARE_SANDBOX_PROXY_PARENT &&
          care_sandbox_access_for (kind, birth_date, &today) == CARE_SANDBOX_ACCESS_LIMITED)
        limited = TR (es, " · some information is not shared with parents for ages 12–17",
                      " · parte de la información no se comparte con los padres entre los 12 y los "
                      "17 años");

      g_string_append_printf (body, "<label class=\"choice\"><input type=\"radio\" name=\"patient\" "
                                    "value=\"%s\"%s><span>%s<small>%s%s</small></span></label>",
                              escaped_id, i == 0 ? " checked" : "", name, how, limited);
    }
  g_string_append_printf (body, "<button type=\"submit\">%s</button></form>",
                          TR (es, "Continue", "Continuar"));
  care_sandbox_login_send_page (msg, SOUP_STATUS_OK, es, TR (es, "Choose a person", "Elija una persona"),
                                body->str, languages);
}

/* Whether a scope's permissions ("read", "write", "*", "cruds"…) let
 * the app create, change or delete. */
static gboolean
access_writes (const char *access)
{
  if (g_str_equal (access, "read"))
    return FALSE;

  return g_str_equal (access, "write") || g_str_equal (access, "*") || strpbrk (access, "cud") != NULL;
}

/* Which of data_groups the requested scope reaches; with @writes, only
 * the groups it may write, and only types the portal takes writes of. */
static gboolean
group_requested_full (guint       group,
                      const char *scope,
                      gboolean    writes)
{
  g_auto(GStrv) scopes = g_strsplit (scope, " ", -1);

  for (guint i = 0; scopes[i] != NULL; i++)
    {
      const char *dot;
      gboolean any_type;

      if (!g_str_has_prefix (scopes[i], "patient/") || (dot = strchr (scopes[i], '.')) == NULL)
        continue;
      if (writes && !access_writes (dot + 1))
        continue;
      any_type = g_str_has_prefix (scopes[i], "patient/*.");
      if (any_type && !writes)
        return TRUE;
      for (guint j = 0; j < G_N_ELEMENTS (data_groups[group].types); j++)
        {
          const char *type = data_groups[group].types[j];

          if (type == NULL)
            break;
          if (writes && !care_sandbox_params_type_is_writable (type))
            continue;

          if (any_type ||
              (strlen (type) == (gsize)(dot - scopes[i] - strlen ("patient/")) &&
               strncmp (scopes[i] + strlen ("patient/"), type, strlen (type)) == 0))
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
group_requested (guint       group,
                 const char *scope)
{
  return group_requested_full (group, scope, FALSE);
}

static gboolean
group_has_type (guint       group,
                const char *type)
{
  for (guint j = 0; j < G_N_ELEMENTS (data_groups[group].types); j++)
    if (g_strcmp0 (data_groups[group].types[j], type) == 0)
      return TRUE;

  return FALSE;
}

static void
show_consent (CareSandbox       *self,
              SoupServerMessage *msg,
              CareSandboxLogin  *login,
              gboolean           es)
{
  g_autofree char *hidden = hidden_fields (login, es);
  g_autofree char *languages = dup_language_forms (login);
  g_autofree char *name = dup_patient_name (self, login->patient_id);
  g_autoptr(GString) body = g_string_new (NULL);
  g_auto(GStrv) scopes = g_strsplit (login->scope, " ", -1);
  gboolean writes = FALSE;

  /* Translators: %s is a person's name. */
  g_string_append_printf (body,
                          TR (es, "<p>Carebook asks to read this information from <strong>%s</strong>’s "
                                  "record. Untick what you do not want to share.</p>",
                              "<p>Carebook solicita leer esta información del expediente de "
                              "<strong>%s</strong>. Desmarque lo que no quiera compartir.</p>"),
                          name);
  g_string_append_printf (body, "<form method=\"post\" action=\"/login/consent\">%s", hidden);
  for (guint i = 0; i < G_N_ELEMENTS (data_groups); i++)
    if (group_requested (i, login->scope))
      g_string_append_printf (body, "<label class=\"choice\"><input type=\"checkbox\" name=\"share\" "
                                    "value=\"%s\" checked><span>%s</span></label>",
                              data_groups[i].id, TR (es, data_groups[i].en, data_groups[i].es));

  /* Reading is one thing, changing another: what the app may also add or
   * change is listed on its own, not folded into "read". */
  for (guint i = 0; i < G_N_ELEMENTS (data_groups); i++)
    if (group_requested_full (i, login->scope, TRUE))
      {
        if (!writes)
          g_string_append_printf (body, "<p>%s</p><ul class=\"writes\">",
                                  TR (es, "Carebook also asks to add and change, for you:",
                                      "Carebook también solicita agregar y cambiar, en su nombre:"));
        g_string_append_printf (body, "<li>%s</li>", TR (es, data_groups[i].en, data_groups[i].es));
        writes = TRUE;
      }
  if (writes)
    g_string_append (body, "</ul>");

  g_string_append_printf (body, "<p class=\"note\">%s",
                          TR (es, "Always shared: name, date of birth and contact details.",
                              "Siempre se comparte: nombre, fecha de nacimiento y datos de contacto."));
  if (g_strv_contains ((const char * const *)scopes, "offline_access"))
    g_string_append_printf (body, " %s", TR (es, "Carebook stays connected until you sign out in the app "
                                                 "or unused for 90 days.",
                                             "Carebook sigue conectado hasta que cierre la sesión en la "
                                             "aplicación o pasen 90 días sin usarlo."));
  g_string_append_printf (body, "</p><button type=\"submit\" name=\"decision\" value=\"allow\">%s</button> "
                                "<button type=\"submit\" class=\"secondary\" name=\"decision\" "
                                "value=\"deny\">%s</button></form>",
                          TR (es, "Allow", "Permitir"), TR (es, "Deny", "Denegar"));
  care_sandbox_login_send_page (msg, SOUP_STATUS_OK, es, TR (es, "Allow access", "Permitir el acceso"),
                                body->str, languages);
}

/**
 * care_sandbox_login_show_step: (skip)
 * @self: a #CareSandbox
 * @msg: the request to answer
 * @login: a sign-in in flight
 * @es: Spanish rather than English
 *
 * Shows the page of the step @login is at.
 */
void
care_sandbox_login_show_step (CareSandbox       *self,
                              SoupServerMessage *msg,
                              CareSandboxLogin  *login,
                              gboolean           es)
{
  g_autoptr(CareSandboxUser) user = care_sandbox_auth_lookup_user (self, login->username);

  if (g_str_equal (login->step, "password"))
    care_sandbox_login_show_password (self, msg, login, es, SOUP_STATUS_OK, NULL, NULL);
  else if (user == NULL)
    care_sandbox_login_send_expired (msg, es);
  else if (g_str_equal (login->step, "channel"))
    show_channel (self, msg, login, user, es);
  else if (g_str_equal (login->step, "verify"))
    care_sandbox_login_show_verify (self, msg, login, user, es, SOUP_STATUS_OK, NULL);
  else if (g_str_equal (login->step, "patient"))
    care_sandbox_login_show_picker (self, msg, login, user, es);
  else if (g_str_equal (login->step, "consent"))
    show_consent (self, msg, login, es);
  else
    care_sandbox_login_send_expired (msg, es);
}

/**
 * care_sandbox_login_dup_granted_scope: (skip)
 * @requested: the scope the app asked for (supported part)
 * @shared: (nullable): the data_groups ids left ticked, joined by \x1f
 *
 * The requested scope less the types whose box was unticked; a wildcard
 * with something unticked is spelled out type by type.
 *
 * Returns: (transfer full): the scope to grant
 */
char *
care_sandbox_login_dup_granted_scope (const char *requested,
                                      const char *shared)
{
  g_auto(GStrv) ticked = g_strsplit (shared != NULL ? shared : "", "\x1f", -1);
  g_auto(GStrv) scopes = g_strsplit (requested, " ", -1);
  g_autoptr(GPtrArray) withheld = g_ptr_array_new ();
  GString *granted = g_string_new (NULL);

  /* Only boxes the page showed count; a forged extra box adds nothing. */
  for (guint i = 0; i < G_N_ELEMENTS (data_groups); i++)
    if (group_requested (i, requested) && !g_strv_contains ((const char * const *)ticked, data_groups[i].id))
      g_ptr_array_add (withheld, GUINT_TO_POINTER (i));

  for (guint i = 0; scopes[i] != NULL; i++)
    {
      const char *scope = scopes[i];
      const char *dot = strchr (scope, '.');
      g_autofree char *type = NULL;
      gboolean keep = TRUE;

      if (scope[0] == '\0')
        continue;
      if (withheld->len == 0 || !g_str_has_prefix (scope, "patient/") || dot == NULL)
        {
          g_string_append_printf (granted, "%s%s", granted->len > 0 ? " " : "", scope);
          continue;
        }

      type = g_strndup (scope + strlen ("patient/"), dot - scope - strlen ("patient/"));
      if (g_str_equal (type, "*"))
        {
          for (const char * const *t = care_sandbox_params_get_types (); *t != NULL; t++)
            {
              gboolean out = FALSE;

              for (guint j = 0; j < withheld->len; j++)
                out |= group_has_type (GPOINTER_TO_UINT (g_ptr_array_index (withheld, j)), *t);
              if (!out)
                g_string_append_printf (granted, "%spatient/%s.%s", granted->len > 0 ? " " : "", *t, dot + 1);
            }
          continue;
        }

      for (guint j = 0; j < withheld->len; j++)
        if (group_has_type (GPOINTER_TO_UINT (g_ptr_array_index (withheld, j)), type))
          keep = FALSE;
      if (keep)
        g_string_append_printf (granted, "%s%s", granted->len > 0 ? " " : "", scope);
    }

  return g_string_free (granted, FALSE);
}

