## Email delivery, reminders and calendars.

email-signature-branch = Social Sundhed { $name }
email-phone = tlf.

email-reminder-subject = Påmindelse: { $session_title }
email-reminder-body = Vi glæder os til at se dig. Her er en påmindelse om tid og sted:
email-reminder-cancel = Kan du ikke komme alligevel, så meld afbud hurtigst muligt, så en anden kan få pladsen.
message-kind-reminder = Påmindelse

mail-delivery-mode = Levering:
mail-files = Skrevne e-mails (.eml)
mail-files-text = Der er ingen SMTP-server sat op, så e-mails skrives som filer i mappen
mail-filter-all = Alle
mail-last-error = Seneste fejl
mail-attempts-heading = Forsøg
mail-attempts = { $count ->
    [one] 1 forsøg
   *[other] { $count } forsøg
}
mail-sent-at = Sendt
mail-next-attempt = Næste forsøg
mail-retry = Send igen
mail-invitation = Kalenderinvitation
flash-message-retry = Beskeden sendes igen.

calendar-feed-name = Brobyg – { $name }
calendar-feed-heading = Din kalender
calendar-feed-lead = Abonnér på din personlige kalender, så alle dine kurser, hold, supervisioner og aftener står i din egen kalender og holdes opdateret af sig selv.
calendar-feed-address = Adresse til din kalender
calendar-feed-subscribe = Abonnér i din kalender
calendar-howto-heading = Sådan gør du
calendar-howto-outlook = Vælg Tilføj kalender › Abonner fra internettet, og indsæt adressen.
calendar-howto-google = Vælg + ved Andre kalendere › Fra webadresse, og indsæt adressen. Google henter ændringer et par gange i døgnet.
calendar-howto-apple = På Mac: Arkiv › Nyt kalenderabonnement. På iPhone: Indstillinger › Kalender › Konti › Tilføj konto › Andet › Tilføj kalenderabonnement.
calendar-feed-secret = Adressen er personlig: alle, der kender den, kan se dine aftaler. Har du delt den ved en fejl, så lav en ny; den gamle holder op med at virke med det samme.
calendar-feed-renew = Lav en ny adresse
flash-calendar-renewed = Din kalender har fået en ny adresse. Den gamle virker ikke længere, så abonnér igen med den nye.
calendar-add = Tilføj til kalender
