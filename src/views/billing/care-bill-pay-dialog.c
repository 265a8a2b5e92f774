/* care-bill-pay-dialog.c — paying a statement: the card, a review, the receipt
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three pages in one window, each reached and left with the keyboard:
 *
 *  - the form: the amount (the balance preset; less may be paid), the
 *    card number, its expiry, its security code and the name on it. Each
 *    field is an entry row named by its title, and what is wrong with it
 *    is said under the form and tied to the field (care_a11y_set_error());
 *    Enter in any field goes on to the review, which checks every field
 *    first (core's checks: the Luhn digit, the expiry) and puts the focus
 *    on the first that is wrong;
 *  - the review: what will be paid, to whom, with which card; Pay sends
 *    it (care_bill_pay_async(): the card to the portal for a token, then
 *    the PaymentNotice through the outbox), Back or Escape returns;
 *  - the receipt: the amount, the card, the day and the portal's id. The
 *    record syncs at once, so the statement's balance in the list follows.
 *
 * A declined card goes back to the form with the bank's reason on the
 * card number; offline or a failing portal stays on the review with the
 * reason and Pay to try again. The card lives in this window's memory
 * only, wiped when it is sent or the window closes.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-bill-pay-dialog.h"

#include "care-a11y.h"
#include "care-bill-payment.h"
#include "care-error.h"
#include "care-time.h"

enum
{
  FIELD_AMOUNT,
  FIELD_NUMBER,
  FIELD_EXPIRY,
  FIELD_CODE,
  FIELD_NAME,
  N_FIELDS
};

static const char *field_keys[N_FIELDS] = { "amount", "number", "expiry", "code", "name" };

struct _CareBillPayDialog
{
  AdwWindow     parent_instance;

  CareRecord   *record;
  CareBill     *bill;
  char         *title;
  char         *issuer;
  CareCard     *card;
  gint64        cents;
  GCancellable *cancellable;

  GtkStack     *stack;
  GtkWidget    *fields[N_FIELDS];
  GtkWidget    *errors[N_FIELDS];
  GtkWidget    *form_error;
  GtkWidget    *review_button;
  GtkWidget    *review_text;
  GtkWidget    *review_error;
  GtkWidget    *paying;
  GtkWidget    *back_button;
  GtkWidget    *pay_button;
  GtkWidget    *receipt_text;
  GtkWidget    *close_button;
};

G_DEFINE_FINAL_TYPE (CareBillPayDialog, care_bill_pay_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
new_heading (const char *text)
{
  GtkWidget *label = new_label (text, "title-2");

  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  g_object_set (label, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
  return label;
}

/* A page: a clamped column that scrolls, so it fits 360 px and large text. */
static GtkWidget *
add_page (CareBillPayDialog *self,
          const char        *name)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 480);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (self->stack, scrolled, name);
  return box;
}

static GtkWidget *
new_list (const char *label)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return list;
}

static GtkWidget *
new_button (const char *label,
            gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "pill");
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  return button;
}

static const char *
text_of (CareBillPayDialog *self,
         guint              field)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->fields[field]));
}

static void
show_page (CareBillPayDialog *self,
           const char        *name,
           GtkWidget         *default_widget,
           GtkWidget         *focus)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_window_set_default_widget (GTK_WINDOW (self), default_widget);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

static void
set_field_error (CareBillPayDialog *self,
                 guint              field,
                 const char        *text)
{
  care_a11y_set_error (self->fields[field], self->errors[field], text);
}

static void
field_changed_cb (GtkEditable       *editable,
                  CareBillPayDialog *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (self->fields[i] == GTK_WIDGET (editable) && gtk_widget_get_visible (self->errors[i]))
      set_field_error (self, i, NULL);
}

/* Checks every field; says what is wrong under each and focuses the first. */
static void
review_cb (CareBillPayDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GError *errors[N_FIELDS] = { NULL };
  g_autofree char *digits = NULL;
  g_autofree char *name = g_strstrip (g_strdup (text_of (self, FIELD_NAME)));
  g_autofree char *money = NULL;
  g_autofree char *text = NULL;
  int month = 0;
  int year = 0;
  int first = -1;

  care_bill_parse_amount (self->bill, text_of (self, FIELD_AMOUNT), &self->cents, &errors[FIELD_AMOUNT]);
  digits = care_card_check_number (text_of (self, FIELD_NUMBER), &errors[FIELD_NUMBER]);
  care_card_check_expiry (text_of (self, FIELD_EXPIRY), now, &month, &year, &errors[FIELD_EXPIRY]);
  care_card_check_code (text_of (self, FIELD_CODE), &errors[FIELD_CODE]);
  if (name[0] == '\0')
    g_set_error_literal (&errors[FIELD_NAME], CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_NAME,
                         _("Enter the name as it is on the card."));
  gtk_widget_set_visible (self->form_error, FALSE);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      set_field_error (self, i, errors[i] != NULL ? errors[i]->message : NULL);
      if (errors[i] != NULL && first < 0)
        first = i;
      g_clear_error (&errors[i]);
    }
  if (first >= 0)
    {
      gtk_widget_grab_focus (self->fields[first]);
      return;
    }

  g_clear_pointer (&self->card, care_card_free);
  self->card = care_card_new (text_of (self, FIELD_NUMBER), text_of (self, FIELD_EXPIRY),
                              text_of (self, FIELD_CODE), name, now, NULL);
  g_return_if_fail (self->card != NULL);
  money = care_bill_format_money (self->cents, self->bill->currency);
  text = self->issuer != NULL
         /* Translators: the review of a payment: "Pay $30.00 to Riverside Family Health for the
          * Patient statement of Nov 29, 2026, with the card ending 4242." */
         ? g_strdup_printf (_("Pay %s to %s for the %s, with the card ending %s."), money, self->issuer,
                            self->title, digits + strlen (digits) - 4)
         /* Translators: the review of a payment, when the clinic's name is not known */
         : g_strdup_printf (_("Pay %s for the %s, with the card ending %s."), money, self->title,
                            digits + strlen (digits) - 4);
  gtk_label_set_text (GTK_LABEL (self->review_text), text);
  g_free (text);
  /* Translators: the button that pays, with the amount: "Pay $30.00" */
  text = g_strdup_printf (_("Pay %s"), money);
  gtk_button_set_label (GTK_BUTTON (self->pay_button), text);
  gtk_widget_set_visible (self->review_error, FALSE);
  show_page (self, "review", self->pay_button, self->pay_button);
}

static void
back_cb (CareBillPayDialog *self)
{
  show_page (self, "form", self->review_button, self->fields[FIELD_AMOUNT]);
}

static void
set_paying (CareBillPayDialog *self,
            gboolean           paying)
{
  gtk_widget_set_visible (self->paying, paying);
  gtk_widget_set_sensitive (self->pay_button, !paying);
  gtk_widget_set_sensitive (self->back_button, !paying);
}

static void
paid_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CareBillPayDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CareBillReceipt) receipt = care_bill_pay_finish (CARE_OUTBOX (source), result, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *money = NULL;
  g_autofree char *day = NULL;
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_paying (self, FALSE);
  if (receipt == NULL && g_error_matches (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_DECLINED))
    {
      /* The bank's reason, on the card number: another card is needed. */
      gtk_editable_set_text (GTK_EDITABLE (self->fields[FIELD_CODE]), "");
      show_page (self, "form", self->review_button, NULL);
      set_field_error (self, FIELD_NUMBER, error->message);
      gtk_widget_grab_focus (self->fields[FIELD_NUMBER]);
      return;
    }
  if (receipt == NULL && g_error_matches (error, CARE_PAYMENT_ERROR, CARE_PAYMENT_ERROR_REFUSED))
    {
      show_page (self, "form", self->review_button, NULL);
      set_field_error (self, FIELD_AMOUNT, error->message);
      gtk_widget_grab_focus (self->fields[FIELD_AMOUNT]);
      return;
    }
  if (receipt == NULL)
    {
      /* Offline, the portal failing: nothing was paid; Pay tries again. */
      gtk_label_set_text (GTK_LABEL (self->review_error), error->message);
      gtk_widget_set_visible (self->review_error, TRUE);
      gtk_widget_grab_focus (self->pay_button);
      return;
    }

  /* Paid: the card is forgotten, and the list follows with a sync. */
  g_clear_pointer (&self->card, care_card_free);
  gtk_editable_set_text (GTK_EDITABLE (self->fields[FIELD_NUMBER]), "");
  gtk_editable_set_text (GTK_EDITABLE (self->fields[FIELD_CODE]), "");
  money = care_bill_format_money (receipt->amount, receipt->currency);
  day = care_time_format_day (now);
  text = receipt->sent
         /* Translators: a payment's receipt: "You paid $30.00 with Visa ending 4242 on Dec 6, 2026.
          * Receipt number: PaymentNotice/12" */
         ? g_strdup_printf (_("You paid %s with %s on %s.\nReceipt number: %s"), money, receipt->card, day,
                            receipt->id)
         /* Translators: a payment the card was accepted for, waiting to reach the portal */
         : g_strdup_printf (_("Your card was accepted for %s (%s). The connection was lost before your health "
                              "system had the payment: it is sent once you are back online, only once."),
                            money, receipt->card);
  gtk_label_set_text (GTK_LABEL (self->receipt_text), text);
  show_page (self, "receipt", self->close_button, self->close_button);
  care_record_sync (self->record, CARE_SYNC_DEFAULT);
}

static void
pay_cb (CareBillPayDialog *self)
{
  if (self->card == NULL || !gtk_widget_get_sensitive (self->pay_button))
    return;
  gtk_widget_set_visible (self->review_error, FALSE);
  set_paying (self, TRUE);
  care_bill_pay_async (care_record_get_outbox (self->record), self->bill, self->cents, self->card,
                       self->cancellable, paid_cb, g_object_ref (self));
}

static void
build_form (CareBillPayDialog *self)
{
  static const char *titles[N_FIELDS] = { N_("Amount to pay"), N_("Card number"),
                                          N_("Expiry date (MM/YY)"), N_("Security code"),
                                          N_("Name on the card") };
  GtkWidget *box = add_page (self, "form");
  GtkWidget *amount_list = new_list (_("Amount"));
  GtkWidget *card_list = new_list (_("Card"));
  g_autofree char *due = care_bill_format_money (self->bill->balance, self->bill->currency);
  g_autofree char *line = self->issuer != NULL
                          /* Translators: what is due and to whom: "$30.00 due to Riverside Family Health" */
                          ? g_strdup_printf (_("%s due to %s"), due, self->issuer)
                          /* Translators: what is still due: "$30.00 due" */
                          : g_strdup_printf (_("%s due"), due);
  g_autofree char *preset = care_bill_format_amount (self->bill->balance);

  gtk_box_append (GTK_BOX (box), new_heading (self->title));
  gtk_box_append (GTK_BOX (box), new_label (line, "dim-label"));
  self->form_error = new_label (NULL, "error");
  gtk_widget_set_visible (self->form_error, FALSE);
  gtk_box_append (GTK_BOX (box), self->form_error);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      self->fields[i] = care_a11y_entry_row_new (_(titles[i]));
      adw_entry_row_set_activates_default (ADW_ENTRY_ROW (self->fields[i]), TRUE);
      g_signal_connect (self->fields[i], "changed", G_CALLBACK (field_changed_cb), self);
      gtk_list_box_append (GTK_LIST_BOX (i == FIELD_AMOUNT ? amount_list : card_list), self->fields[i]);
      self->errors[i] = new_label (NULL, "error");
      gtk_widget_set_visible (self->errors[i], FALSE);
      g_object_set_data (G_OBJECT (self), field_keys[i], self->fields[i]);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->fields[FIELD_AMOUNT]), preset);
  gtk_box_append (GTK_BOX (box), amount_list);
  gtk_box_append (GTK_BOX (box), self->errors[FIELD_AMOUNT]);
  gtk_widget_set_margin_top (card_list, 6);
  gtk_box_append (GTK_BOX (box), card_list);
  for (guint i = FIELD_NUMBER; i < N_FIELDS; i++)
    gtk_box_append (GTK_BOX (box), self->errors[i]);
  gtk_box_append (GTK_BOX (box),
                  new_label (_("The card goes only to your health system, which charges it. Carebook keeps "
                               "no card number or security code."), "dim-label"));

  self->review_button = new_button (_("_Review Payment"), TRUE);
  gtk_widget_set_margin_top (self->review_button, 6);
  g_signal_connect_swapped (self->review_button, "clicked", G_CALLBACK (review_cb), self);
  gtk_box_append (GTK_BOX (box), self->review_button);
}

static void
build_review (CareBillPayDialog *self)
{
  GtkWidget *box = add_page (self, "review");
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_box_append (GTK_BOX (box), new_heading (_("Review Your Payment")));
  self->review_text = new_label (NULL, NULL);
  gtk_box_append (GTK_BOX (box), self->review_text);
  self->review_error = new_label (NULL, "error");
  gtk_widget_set_visible (self->review_error, FALSE);
  gtk_box_append (GTK_BOX (box), self->review_error);

  self->paying = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_box_append (GTK_BOX (self->paying), spinner);
  gtk_box_append (GTK_BOX (self->paying), new_label (_("Paying…"), NULL));
  gtk_widget_set_visible (self->paying, FALSE);
  gtk_box_append (GTK_BOX (box), self->paying);

  self->back_button = new_button (_("_Back"), FALSE);
  self->pay_button = new_button (_("Pay"), TRUE);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (back_cb), self);
  g_signal_connect_swapped (self->pay_button, "clicked", G_CALLBACK (pay_cb), self);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (buttons, 6);
  gtk_box_append (GTK_BOX (buttons), self->back_button);
  gtk_box_append (GTK_BOX (buttons), self->pay_button);
  gtk_box_append (GTK_BOX (box), buttons);
  g_object_set_data (G_OBJECT (self), "pay", self->pay_button);
  g_object_set_data (G_OBJECT (self), "review", self->review_button);
}

static void
build_receipt (CareBillPayDialog *self)
{
  GtkWidget *box = add_page (self, "receipt");

  gtk_box_append (GTK_BOX (box), new_heading (_("Payment Sent")));
  self->receipt_text = new_label (NULL, NULL);
  gtk_label_set_selectable (GTK_LABEL (self->receipt_text), TRUE);
  gtk_box_append (GTK_BOX (box), self->receipt_text);
  self->close_button = new_button (_("_Close"), TRUE);
  gtk_widget_set_margin_top (self->close_button, 6);
  g_signal_connect_swapped (self->close_button, "clicked", G_CALLBACK (gtk_window_close), self);
  gtk_box_append (GTK_BOX (box), self->close_button);
  g_object_set_data (G_OBJECT (self), "receipt", self->receipt_text);
}

static void
care_bill_pay_dialog_dispose (GObject *object)
{
  CareBillPayDialog *self = CARE_BILL_PAY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->card, care_card_free);
  G_OBJECT_CLASS (care_bill_pay_dialog_parent_class)->dispose (object);
}

static void
care_bill_pay_dialog_finalize (GObject *object)
{
  CareBillPayDialog *self = CARE_BILL_PAY_DIALOG (object);

  g_clear_object (&self->record);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->bill, care_bill_free);
  g_free (self->title);
  g_free (self->issuer);
  G_OBJECT_CLASS (care_bill_pay_dialog_parent_class)->finalize (object);
}

static void
care_bill_pay_dialog_class_init (CareBillPayDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_bill_pay_dialog_dispose;
  object_class->finalize = care_bill_pay_dialog_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
care_bill_pay_dialog_init (CareBillPayDialog *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * care_bill_pay_dialog_get_page:
 * @self: a dialog
 *
 * Returns: the page on screen: "form", "review" or "receipt"
 */
const char *
care_bill_pay_dialog_get_page (CareBillPayDialog *self)
{
  g_return_val_if_fail (CARE_IS_BILL_PAY_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * care_bill_pay_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @record: whose statement
 * @invoice: the statement (an Invoice with something due)
 * @title: the statement as the list names it ("Patient statement of Nov 29, 2026")
 * @issuer: (nullable): who sent it
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
GtkWidget *
care_bill_pay_dialog_new (GtkWindow  *parent,
                          CareRecord *record,
                          JsonObject *invoice,
                          const char *title,
                          const char *issuer)
{
  CareBillPayDialog *self;
  GtkWidget *content;
  GtkWidget *header;
  int width = 480;
  int height = 640;

  g_return_val_if_fail (CARE_IS_RECORD (record), NULL);
  g_return_val_if_fail (invoice != NULL && title != NULL, NULL);

  /* No wider or taller than the window it belongs to (a phone's 360 px). */
  if (parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
    {
      width = MIN (width, gtk_widget_get_width (GTK_WIDGET (parent)));
      height = MIN (height, gtk_widget_get_height (GTK_WIDGET (parent)));
    }
  self = g_object_new (CARE_TYPE_BILL_PAY_DIALOG,
                       "modal", TRUE,
                       "transient-for", parent,
                       "title", _("Pay a Statement"),
                       "default-width", width,
                       "default-height", height,
                       NULL);
  self->record = g_object_ref (record);
  self->bill = care_bill_new_from_invoice (invoice);
  self->title = g_strdup (title);
  self->issuer = g_strdup (issuer);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("Pay a Statement"), NULL));
  gtk_box_append (GTK_BOX (content), header);
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), content);

  build_form (self);
  build_review (self);
  build_receipt (self);
  show_page (self, "form", self->review_button, self->fields[FIELD_AMOUNT]);
  return GTK_WIDGET (self);
}
