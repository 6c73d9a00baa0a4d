## Signing up, in and out; passwords; one's own account.

login-title = Log ind
login-submit = Log ind
login-forgot = Glemt adgangskode?
login-no-account = Ingen konto?
login-signup = Opret en konto

signup-title = Opret konto
signup-lead = Med en konto kan du tilmelde dig GenLær-kurser og følge dine tilmeldinger.
signup-privacy = Vi gemmer kun det nødvendige: navn, e-mail og dine tilmeldinger. Vi beder aldrig om CPR-nummer.
signup-submit = Opret konto
check-email-title = Tjek din e-mail
check-email-text = Vi har sendt en e-mail med et link. Klik på linket for at bekræfte adressen. Kommer mailen ikke, så kig i spamfilteret.
flash-email-verified = Din e-mailadresse er bekræftet. Du kan nu logge ind.

link-invalid-title = Linket virker ikke længere
link-invalid-text = Linket er allerede brugt eller udløbet. Bed om et nyt.

forgot-title = Glemt adgangskode
forgot-lead = Skriv din e-mailadresse, så sender vi et link, hvor du kan vælge en ny adgangskode.
forgot-submit = Send link
forgot-sent-title = Tjek din e-mail
forgot-sent-text = Hvis adressen hører til en konto, har vi sendt et link. Linket virker i en time.

reset-title = Vælg ny adgangskode
reset-submit = Gem adgangskode
invitation-title = Velkommen til Brobyg
invitation-lead = Du er inviteret som koordinator. Vælg en adgangskode for at komme i gang.
flash-password-set = Din adgangskode er gemt, og du er logget ind.

change-password-title = Skift adgangskode
change-password-submit = Skift adgangskode
flash-password-changed = Din adgangskode er skiftet. Du er logget ud alle andre steder.

profile-title = Min konto
profile-roles = Roller
profile-no-roles = Ingen
profile-branches = Afdelinger
profile-member-since = Oprettet
