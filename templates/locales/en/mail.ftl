## Email delivery, reminders and calendars.

email-signature-branch = Social Sundhed { $name }
email-phone = phone

email-reminder-subject = Reminder: { $session_title }
email-reminder-body = We look forward to seeing you. Here is a reminder of the time and place:
email-reminder-cancel = If you cannot come after all, please cancel as soon as possible so that someone else can have the seat.
message-kind-reminder = Reminder

mail-delivery-mode = Delivery:
mail-files = Written emails (.eml)
mail-files-text = No SMTP server is configured, so emails are written as files in the folder
mail-filter-all = All
mail-last-error = Last error
mail-attempts-heading = Attempts
mail-attempts = { $count ->
    [one] 1 attempt
   *[other] { $count } attempts
}
mail-sent-at = Sent
mail-next-attempt = Next attempt
mail-retry = Send again
mail-invitation = Calendar invitation
flash-message-retry = The message will be sent again.

calendar-feed-name = Brobyg – { $name }
calendar-feed-heading = Your calendar
calendar-feed-lead = Subscribe to your personal calendar so that all your courses, cohorts, supervision and evenings appear in your own calendar and stay up to date by themselves.
calendar-feed-address = Address of your calendar
calendar-feed-subscribe = Subscribe in your calendar
calendar-howto-heading = How to
calendar-howto-outlook = Choose Add calendar › Subscribe from web, and paste the address.
calendar-howto-google = Choose + next to Other calendars › From URL, and paste the address. Google fetches changes a few times a day.
calendar-howto-apple = On a Mac: File › New Calendar Subscription. On an iPhone: Settings › Calendar › Accounts › Add Account › Other › Add Subscribed Calendar.
calendar-feed-secret = The address is personal: anyone who knows it can see your appointments. If you shared it by mistake, make a new one; the old one stops working at once.
calendar-feed-renew = Make a new address
flash-calendar-renewed = Your calendar has a new address. The old one no longer works, so subscribe again with the new one.
calendar-add = Add to calendar
