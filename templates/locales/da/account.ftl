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

# Two-factor login, sessions and proving who one is again
login-code-title = Kode fra din app
login-code-lead = Din konto er beskyttet med totrinslogin. Skriv den kode på seks cifre, som din godkendelsesapp viser lige nu.
login-code-lost = Har du ikke din telefon? Skriv en af dine gendannelseskoder i stedet. Har du mistet dem, kan en administrator nulstille dit totrinslogin.
field-code = Kode
hint-code = Seks cifre fra appen – eller en gendannelseskode (fx abcd-efgh).
flash-login-start-again = Log ind igen: der gik for lang tid, eller kontoen er ændret imens.
flash-password-set-log-in = Din adgangskode er gemt. Log ind med den nye adgangskode og koden fra din app.
two-factor-title = Totrinslogin
two-factor-lead = Med totrinslogin skal du både bruge din adgangskode og en kode fra en app på din telefon (fx Microsoft Authenticator, Google Authenticator eller 2FAS), når du logger ind.
two-factor-required-lead = Som koordinator eller administrator har du adgang til andres oplysninger. Derfor skal du slå totrinslogin til, før du kan bruge de sider.
two-factor-on = Totrinslogin er slået til.
two-factor-codes-left = Du har { $count } ubrugte gendannelseskoder.
two-factor-setup-heading = Slå totrinslogin til
two-factor-new-heading = Flyt totrinslogin til en ny telefon
two-factor-step-app = Installér en godkendelsesapp på din telefon, hvis du ikke har en.
two-factor-step-scan = Scan QR-koden med appen – eller skriv nøglen ind i hånden.
two-factor-qr-label = QR-kode til godkendelsesappen
two-factor-secret = Nøgle:
two-factor-step-code = Skriv den kode på seks cifre, som appen nu viser.
two-factor-confirm = Bekræft og slå til
two-factor-new-codes = Lav nye gendannelseskoder
two-factor-replace = Brug en ny telefon
two-factor-remove = Slå totrinslogin fra
two-factor-manage = Totrinslogin
two-factor-set-up = Slå totrinslogin til
flash-second-factor-removed = Totrinslogin er slået fra.
recovery-codes-title = Dine gendannelseskoder
recovery-codes-lead = Gem disse ti koder et sikkert sted (fx udskrevet eller i en adgangskodemanager). Hver kode kan bruges én gang i stedet for koden fra appen, hvis du mister din telefon.
recovery-codes-once = Koderne vises kun denne ene gang.
recovery-codes-done = Jeg har gemt koderne
reprove-title = Bekræft, at det er dig
reprove-lead = Det, du er ved at gøre, kræver, at du bekræfter din identitet igen. Skriv din adgangskode – eller en kode fra din app, hvis du bruger totrinslogin.
field-reprove = Adgangskode eller kode fra appen
reprove-submit = Bekræft
back-to-account = Tilbage til min konto
sessions-heading = Hvor du er logget ind
sessions-lead = Ser du en enhed, du ikke kender, så log den ud og skift din adgangskode.
sessions-device = Enhed
sessions-last-seen = Sidst brugt
sessions-started = Logget ind
sessions-actions = Handlinger
sessions-this-device = Denne enhed (nu)
sessions-end = Log ud
sessions-end-all = Log ud overalt
flash-session-ended = Enheden er logget ud.
flash-logged-out-everywhere = Du er logget ud på alle enheder.
second-factor-banner = Udviklingstilstand: i produktion skal koordinatorer og administratorer slå totrinslogin til, før de kan bruge personalesiderne.
second-factor-banner-link = Slå det til nu

details-title = Ret dine oplysninger
details-language = Sprog
details-language-da = Dansk
details-language-en = English
details-save = Gem
flash-details-saved = Dine oplysninger er gemt.
error-language = Vælg dansk eller engelsk.
details-email-heading = Skift e-mailadresse
details-email-current = Din e-mailadresse er nu
details-email-lead = Vi sender et link til den nye adresse. Adressen skiftes først, når du åbner linket, og vi fortæller det til din nuværende adresse.
details-new-email = Ny e-mailadresse
details-email-send = Send link til den nye adresse
flash-email-change-sent = Hvis den nye adresse kan bruges, har vi sendt et link til den. Åbn det for at skifte adresse.
flash-email-changed = Din e-mailadresse er skiftet.
error-email-unchanged = Det er allerede din e-mailadresse.
