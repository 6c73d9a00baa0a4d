## The national secretariat's pages.

admin-title = Administration
admin-regions = Regioner
admin-regions-text = Landets regioner, som afdelingerne hører under.
admin-region-new = Ny region
admin-branches = Afdelinger
admin-branches-text = Lokalafdelinger med kontaktoplysninger.
admin-branch-new = Ny afdeling
admin-users = Brugere
admin-users-text = Find brugere, tildel roller og afdelinger, deaktiver konti.
admin-messages = Udgående beskeder
admin-messages-text = Alle e-mails, som Brobyg har lagt i kø, med deres fulde tekst.
admin-invite-coordinator = Inviter koordinator

search-users = Søg på navn eller e-mail
users-found = { $count ->
    [one] 1 bruger
   *[other] { $count } brugere
}
user-verified = E-mail bekræftet
user-status = Status
user-active = Aktiv
user-deactivated = Deaktiveret
user-roles-heading = Roller og afdelinger
user-coordinator-branches = Koordinator for afdelingerne
user-coordinator-regions = Regional koordinator for hele regionen
user-coordinator-regions-hint = Giver alle regionens afdelinger, også dem der kommer til senere.
user-access-heading = Adgang
user-deactivate = Deaktiver kontoen
user-deactivate-hint = Brugeren logges ud med det samme og kan ikke logge ind igen, før kontoen genaktiveres.
user-reactivate = Genaktiver kontoen
flash-user-activated = Kontoen er genaktiveret.
flash-user-deactivated = Kontoen er deaktiveret, og brugeren er logget ud.
flash-cannot-remove-own-admin = Du kan ikke fjerne din egen administratorrolle.
flash-cannot-deactivate-self = Du kan ikke deaktivere din egen konto.

invite-lead = Koordinatoren får en e-mail med et link til at vælge adgangskode. Har personen allerede en konto, får de blot de valgte afdelinger.
invite-submit = Send invitation
flash-invitation-sent = Invitationen er sendt.

message-created = Oprettet
message-to = Til
message-kind = Slags
message-status = Status
message-text = Tekst
messages-none = Ingen beskeder endnu.
message-status-pending = Venter
message-status-sent = Sendt
message-status-failed = Fejlet
message-kind-verify_email = Bekræft e-mail
message-kind-account_exists = Konto findes allerede
message-kind-confirm_new_email = Bekræft ny e-mail
message-kind-email_changed = E-mail skiftet
message-kind-reset_password = Nulstil adgangskode
message-kind-invitation = Invitation
message-kind-coordinator_assigned = Koordinator for afdeling
message-kind-enrolled = Tilmeldt
message-kind-waitlisted = På venteliste
message-kind-promoted = Fået plads
message-kind-enrolment_cancelled = Afmeldt
message-kind-left_waitlist = Forladt ventelisten
message-kind-session_changed = Ændring
message-kind-session_cancelled = Aflysning
message-kind-meeting_removed = Mødegang aflyst
message-kind-participants_message = Besked til deltagerne
user-second-factor-on = Brugeren har totrinslogin. Har de mistet deres telefon og gendannelseskoder, kan du nulstille det: de bliver logget ud overalt og sætter et nyt op, næste gang de logger ind.
user-second-factor-off = Brugeren har ikke slået totrinslogin til.
user-second-factor-reset = Nulstil totrinslogin
flash-second-factor-reset = Totrinslogin er nulstillet, og brugeren er logget ud overalt.
flash-second-factor-none = Brugeren havde ikke totrinslogin.
mail-files-banner = E-mails bliver ikke sendt: der er ingen mailserver (SMTP_HOST), så de gemmes som filer på serveren, og ingen modtager dem.
mail-files-banner-link = Se filerne
