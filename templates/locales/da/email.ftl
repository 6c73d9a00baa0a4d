## Emails. Subjects are `email-<kind>-subject`.

email-greeting = Kære { $name }
email-signoff = Venlig hilsen
email-signature = Social Sundhed

email-verify-email-subject = Bekræft din e-mailadresse
email-verify-email-body = Tak for din oprettelse hos Social Sundhed. Bekræft din e-mailadresse ved at åbne linket herunder.
email-verify-email-button = Bekræft e-mailadresse
email-verify-email-expiry = Linket virker i to døgn.

email-account-exists-subject = Nogen forsøgte at oprette en konto med din e-mail
email-account-exists-body = Nogen har forsøgt at oprette en konto hos Social Sundhed med denne e-mailadresse, men du har allerede en konto. Var det dig, kan du logge ind eller nulstille din adgangskode. Var det ikke dig, kan du se bort fra denne e-mail.
email-account-exists-login = Log ind:
email-account-exists-reset = Nulstil adgangskode:

email-reset-password-subject = Nulstil din adgangskode
email-reset-password-body = Vi har fået en anmodning om at nulstille adgangskoden til din konto. Åbn linket herunder for at vælge en ny.
email-reset-password-button = Vælg ny adgangskode
email-reset-password-expiry = Linket virker i en time. Har du ikke bedt om det, kan du se bort fra denne e-mail.

email-invitation-subject = Du er inviteret som koordinator i Brobyg
email-invitation-body = Du er inviteret som koordinator for { $branches } i Social Sundheds kursus- og frivilligsystem, Brobyg. Vælg en adgangskode for at komme i gang.
email-invitation-button = Vælg adgangskode
email-invitation-expiry = Linket virker i 14 dage.

email-coordinator-assigned-subject = Du er nu koordinator for { $branches }
email-coordinator-assigned-body = Du er blevet koordinator for { $branches } i Brobyg. Du finder afdelingerne her:

## The enrolment engine's messages (every kind of session).

email-session-online = Online:
email-session-link = Se detaljer:
email-organizer = Spørgsmål? Kontakt { $name }: { $email }, tlf. { $phone }.
email-session-cancelled-reason = Begrundelse:

email-enrolled-subject = Tilmeldt: { $session_title }
email-enrolled-body = Du er tilmeldt. Vi glæder os til at se dig. Aftalerne er vedhæftet, så du kan lægge dem i din kalender.
email-waitlisted-subject = På venteliste: { $session_title }
email-waitlisted-body = Der er ikke flere ledige pladser, så du er skrevet på ventelisten som nummer { $position }. Bliver en plads ledig, får du den automatisk, og vi skriver til dig.
email-promoted-subject = Du har fået en plads: { $session_title }
email-promoted-body = Der er blevet en plads ledig, og den er din. Du er nu tilmeldt. Aftalerne er vedhæftet til din kalender.
email-enrolment-cancelled-subject = Afmeldt: { $session_title }
email-enrolment-cancelled-body = { $by_staff ->
    [true] En koordinator har afmeldt dig.
   *[false] Du er afmeldt.
} Aftalerne fjernes fra din kalender.
email-left-waitlist-subject = Fjernet fra ventelisten: { $session_title }
email-left-waitlist-body = Du står ikke længere på ventelisten.
email-session-changed-subject = Ændret: { $session_title }
email-session-changed-body = Tid eller sted er ændret. Her er de opdaterede oplysninger; din kalender opdateres med den vedhæftede invitation.
email-session-cancelled-subject = Aflyst: { $session_title }
email-session-cancelled-body = Vi må desværre aflyse. Beklager ulejligheden.
email-meeting-removed-subject = Mødegang aflyst: { $session_title }
email-meeting-removed-body = En af mødegangene er aflyst. De andre holder vi som planlagt, og din plads er den samme.
email-meeting-removed-which = Aflyst:
email-meeting-removed-rest = Den vedhæftede invitation fjerner kun denne mødegang fra din kalender. Her er de mødegange, der stadig holdes:
email-participants-message-subject = { $subject }
email-participants-message-intro = Koordinatoren skriver til deltagerne:

email-confirm-new-email-subject = Bekræft din nye e-mailadresse
email-confirm-new-email-body = Du har bedt om at bruge denne adresse til din konto hos Social Sundhed. Åbn linket herunder for at bekræfte den. Har du ikke bedt om det, kan du se bort fra denne e-mail.
email-confirm-new-email-button = Bekræft ny e-mailadresse
email-confirm-new-email-expiry = Linket virker i to døgn.
email-email-changed-subject = Din e-mailadresse er skiftet
email-email-changed-body = E-mailadressen på din konto hos Social Sundhed er skiftet til { $new_email }. Fremover sender vi til den adresse.
email-email-changed-warning = Var det ikke dig, så skriv til din afdeling eller til landssekretariatet hurtigst muligt.
