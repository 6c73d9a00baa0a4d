## Brobyggeraftener og infoaftener

evenings-title = Brobyggeraftener
evenings-lead-active = Aftener med et fagligt oplæg og fællesskab på tværs af fag: din afdelings, de landsdækkende og de åbne infoaftener. Svar ja eller nej – du kan altid ændre dit svar.
evenings-lead-public = Kom til en infoaften og hør, hvad det vil sige at være brobygger i Social Sundhed. Alle kan tilmelde sig.
evenings-not-active = Brobyggeraftener er for aktive brobyggere. På din side kan du se, hvad du mangler.
evenings-empty = Der er ingen kommende aftener lige nu.
evenings-staff-title = Brobyggeraftener og infoaftener
evenings-new = Planlæg en aften
evenings-new-lead = En brobyggeraften inviterer afdelingens aktive brobyggere (eller alle aktive brobyggere, hvis den er åben for andre afdelinger) til at svare ja eller nej. En infoaften er offentlig: alle kan tilmelde sig.
evenings-upcoming = Kommende
evenings-past = Tidligere
evening-kind-branch = Brobyggeraften
evening-kind-info = Infoaften
evening-kind-branch-long = Brobyggeraften for aktive brobyggere
evening-kind-info-long = Offentlig infoaften for kommende brobyggere
evening-national = Landsdækkende
evening-title = Aften
evening-topic = Oplæg
evening-speaker = Oplægsholder
evening-time = Tidspunkt
evening-place = Sted
evening-reply-coming = Du har svaret ja og har en plads.
evening-reply-waiting = Du har svaret ja og står på ventelisten.
evening-reply-not_coming = Du har svaret nej.
evening-reply-not_answered = Du har ikke svaret endnu.
evening-answer-heading = Kommer du?
evening-answer-yes = Ja, jeg kommer
evening-answer-yes-waitlist = Ja, sæt mig på ventelisten
evening-answer-no = Nej, jeg kommer ikke
evening-answered-yes = Tak! Du er tilmeldt, og aftenen er sendt til din kalender.
evening-answered-waiting = Aftenen er fuld. Du står på ventelisten og får besked, hvis der bliver en plads.
evening-answered-no = Tak for svaret. Du er noteret som ikke kommende.
evening-calendar = Hent i kalender (.ics)
evening-full = Aftenen er fuld. Tilmelder du dig, kommer du på ventelisten.
evening-signup-heading = Tilmelding
evening-signup = Tilmeld mig
evening-signed-up = Du er tilmeldt infoaftenen.
evening-signup-cancel = Afmeld mig
evening-signup-cancelled = Du er afmeldt.
evening-email-hint = Vi sender bekræftelsen og en kalenderinvitation hertil.
evening-thanks-title = Tak for din tilmelding
evening-thanks-text = Vi har sendt en e-mail om { $title }. Kommer den ikke, så tjek, at adressen er skrevet rigtigt – eller skriv til afdelingen.
evening-field-kind = Slags aften
evening-field-branch = Afdeling
evening-branch-national = Landsdækkende (landssekretariatet)
evening-field-title = Titel
evening-field-title-hint = Fx "Brobyggeraften: Sundhedsvæsenet set fra borgerens side".
evening-field-topic = Oplæggets emne
evening-field-topic-hint = Skal udfyldes for en brobyggeraften.
evening-field-speaker = Oplægsholder
evening-field-location = Sted
evening-field-capacity = Antal pladser
evening-field-capacity-hint = Lad feltet stå tomt, hvis der ikke er nogen grænse.
evening-field-open = Åben for brobyggere fra andre afdelinger (landsdækkende aften)
evening-field-open-hint = Alle aktive brobyggere i landet får invitationen og kan svare.
evening-create = Opret og send invitationer
evening-created = Aftenen er oprettet, og de aktive brobyggere er inviteret til at svare.
evening-created-info = Infoaftenen er oprettet. Del linket til den offentlige side.
evening-count-yes = Kommer
evening-count-waiting = På venteliste
evening-count-no = Kommer ikke
evening-count-not-answered = Har ikke svaret
evening-nobody = Ingen.
evening-not-answered-home = "Har ikke svaret" tæller afdelingens egne aktive brobyggere; brobyggere fra andre afdelinger vises, når de svarer.
evening-manage = Deltagere, aflysning og afholdt
evening-attendance = Registrér fremmøde
evening-csv = Deltagerliste (CSV)
evening-public-page = Aftenens side
error-evening-kind = Vælg, hvilken slags aften det er.
error-evening-branch = Vælg en af dine afdelinger.
error-evening-past = Aftenen skal ligge i fremtiden.
nav-evenings = Aftener

## Dashboard

dashboard-title = Overblik
dashboard-link = Overblik med tal og grafer
dashboard-volunteers = Brobyggere
dashboard-chart-statuses = Brobyggere efter status
dashboard-series-count = antal
dashboard-series-yes = tilmeldt
dashboard-series-present = mødt
dashboard-to-pipeline = Se alle brobyggere i afdelingen
dashboard-supervision = Supervision
dashboard-supervision-within = inden for reglen (af { $active } aktive)
dashboard-chart-supervision = Brobyggere efter supervisionsstatus
dashboard-to-supervision = Se supervisionsoversigten for afdelingen
dashboard-evenings = Brobyggeraftener i { $year }
dashboard-evenings-held = afholdt
dashboard-evenings-planned = planlagt
dashboard-evenings-present = mødt (af { $yes } tilmeldte)
dashboard-evenings-rate = fremmøde
dashboard-chart-evenings = Tilmeldte og fremmødte pr. afholdt aften
dashboard-no-evenings = Ingen afholdte aftener endnu i år.
region-view-title = Regionen
region-view-link = Afdelingerne i { $region } side om side
region-view-compare = Sammenlign med regionens andre afdelinger
region-view-caption = Afdelingerne i { $region } side om side, brobyggeraftener i { $year }
region-view-within = Inden for supervisionsreglen
region-view-present = Mødt til afholdte aftener
region-view-no-branches = Regionen har ingen afdelinger endnu.

## Emails

message-kind-evening_invitation = Invitation til brobyggeraften
email-evening-invitation-subject = Kommer du? { $session_title }
email-evening-invitation-body = Din afdeling inviterer til brobyggeraften med fagligt oplæg og fællesskab.
email-evening-invitation-body-national = Du er inviteret til en landsdækkende brobyggeraften med fagligt oplæg og fællesskab – åben for brobyggere fra alle afdelinger.
email-evening-invitation-topic = Oplæg:
email-evening-invitation-speaker = Oplægsholder:
email-evening-invitation-answer = Svar ja eller nej på aftenens side. Du kan altid ændre dit svar.
message-kind-evening_changed = Ændret brobyggeraften
email-evening-changed-subject = Ændret: { $session_title }
email-evening-changed-body = Brobyggeraftenen, du er inviteret til, har fået nyt tidspunkt eller sted. Her er de opdaterede oplysninger.

## Links from other pages

home-card-info-evenings = Kom til en infoaften
active-evenings-text = Fagligt oplæg og fællesskab: svar ja eller nej til de kommende aftener.

evening-edit = Ret aftenen
evening-edit-lead = Ændres tidspunkt eller sted, får alle med en plads besked og en opdateret kalenderinvitation.
evening-save = Gem ændringer
evening-updated = Ændringerne er gemt.
evening-not-editable = En aflyst eller afholdt aften kan ikke ændres.

# Dashboard charts and trends (the branch dashboard's tables and the last twelve months)
dashboard-col-status = Status
dashboard-col-standing = Status
dashboard-col-evening = Aften
dashboard-col-month = Måned
dashboard-trends = De seneste 12 måneder
dashboard-trend-people = Ansøgninger og nye aktive brobyggere pr. måned
dashboard-series-applications = ansøgninger
dashboard-series-activations = blev aktive
dashboard-trend-genlaer = GenLær-deltagere pr. måned
dashboard-series-participants = deltagere
dashboard-trend-genlaer-hint = Tilmeldte deltagere på afdelingens GenLær-hold, talt i den måned holdet begyndte; aflyste hold tæller ikke.
dashboard-trend-compliance = Supervision inden for reglen pr. måned
dashboard-series-within = inden for reglen
dashboard-series-active = aktive
dashboard-trend-compliance-hint = Andelen af de brobyggere, der var aktive ved månedens udgang (i denne måned: i dag; pause undtaget), som havde været til supervision inden for afdelingens nuværende interval på { $months } { $months ->
        [one] måned
       *[other] måneder
    }.
