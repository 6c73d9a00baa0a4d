## Brobyggere: application, the volunteer's page, the preparation course,
## the confidentiality declaration, activation and the coordinators' pages.

## Navigation and start pages

home-card-brobygger-link = Søg om at blive brobygger
nav-apply = Bliv brobygger
coordinator-pipeline = Brobyggere ({ $new ->
    [one] { $new } ny ansøger
   *[other] { $new } nye ansøgere
})
declaration-admin-card = Skriv og offentliggør nye versioner af tavshedserklæringen, og kræv dem af alle brobyggere.

## The activation gate: each unmet requirement explains itself.

gate-application = Ansøgningen er ikke godkendt
gate-module = Mangler { $hours } { $count ->
    [1] time
   *[other] timer
}: modul { $order } ({ $title })
gate-declaration = Tavshedserklæring (version { $version }) er ikke underskrevet
gate-child-certificate = Børneattest er ikke registreret
gate-refused-unmet = Brobyggeren kan ikke aktiveres endnu: tjeklisten viser, hvad der mangler.
gate-refused-status = Det kan ikke lade sig gøre med brobyggerens nuværende status.

checklist-title = Tjekliste: krav for at være aktiv brobygger
checklist-staff-auto = Brobyggeren aktiveres automatisk, når listen er tom.
checklist-staff-confirm = Når listen er tom, kan du aktivere brobyggeren.
checklist-staff-active-unmet = Brobyggeren er aktiv, men skal opfylde kravene, før hen igen kan tilmelde sig supervision og brobyggeraftener.
checklist-clear = Alle krav er opfyldt.
checklist-clear-for-now = Alle krav er opfyldt indtil videre. Husk fristen:
checklist-next-active = Du er aktiv brobygger og kan tilmelde dig supervision og brobyggeraftener.
checklist-next-active-unmet = Du skal opfylde kravene ovenfor, før du igen kan tilmelde dig supervision og brobyggeraftener.
checklist-next-auto = Du bliver aktiveret automatisk, når listen er tom.
checklist-next-confirm = Når listen er tom, bekræfter en koordinator din aktivering.
checklist-next-applicant = En koordinator i din afdeling ser på din ansøgning og kontakter dig om en samtale.
checklist-next-paused = Du holder pause. Når du vender tilbage, skal listen være tom.
checklist-next-alumni = Du er alumne. Tak for din indsats som brobygger.
checklist-next-rejected = Din ansøgning er ikke godkendt.

## Applying

apply-title = Bliv brobygger
apply-lead = Som brobygger følges du med mennesker i sårbare positioner til aftaler i sundhedsvæsenet, i kommunen og ind i fællesskaber. Du får et forberedelseskursus på 20 timer, supervision og et fællesskab med andre frivillige.
apply-what-happens = Når du har sendt ansøgningen, kontakter en koordinator fra afdelingen dig om en kort samtale. Du kan følge din ansøgning her på siden.
apply-about-you = Om dig
apply-signed-in-as = Du søger som { $name } ({ $email }).
apply-birth-year = Fødselsår
apply-birth-year-hint = Kun årstallet, fx 2001. Skriv aldrig dit CPR-nummer.
apply-studies = Uddannelse
apply-programme = Uddannelse
apply-programme-hint = Fx sygeplejerske, medicin, socialrådgiver eller folkesundhedsvidenskab.
apply-institution = Uddannelsessted
apply-institution-hint = Fx Aarhus Universitet eller VIA University College.
apply-semester = Semester eller forventet afslutning
apply-semester-hint = Fx "5. semester" eller "færdig sommer 2027".
apply-branch = Afdeling
apply-branch-hint = Den afdeling, du vil være brobygger i.
apply-motivation = Hvorfor vil du være brobygger?
apply-motivation-hint = Skriv med dine egne ord, hvad der motiverer dig, og hvad du håber at lære.
apply-availability = Hvornår har du tid?
apply-availability-hint = Brobyggere tager typisk 1–2 vagter eller 2–3 aftaler om måneden. Skriv fx hvilke dage og tidspunkter, der passer dig.
apply-heard-from = Hvor har du hørt om Social Sundhed?
apply-account = Din konto
apply-account-hint = Du får en konto, så du kan følge din ansøgning, læse kursusmaterialet og underskrive tavshedserklæringen.
apply-privacy = Vi bruger kun oplysningerne til at behandle din ansøgning og dit forløb som brobygger. Vi beder aldrig om dit CPR-nummer.
apply-submit = Send ansøgning
apply-received = Tak for din ansøgning. Du kan følge den her.
apply-thanks-title = Tak for din ansøgning
apply-thanks-lead = Vi har sendt dig en e-mail. Bekræft din e-mailadresse via linket i den, så du kan logge ind og følge din ansøgning.
apply-thanks-next = En koordinator fra afdelingen kontakter dig om en kort samtale. Har du ikke fået e-mailen inden for en time, så kig i din spam-mappe.

error-phone = Skriv et telefonnummer med 8 til 15 cifre, fx 20 30 40 50.
error-birth-year = Skriv kun fødselsåret, fx 2001.
error-no-cpr = Skriv ikke CPR-numre. Vi har ikke brug for dem.
error-choose-branch-one = Vælg den afdeling, du vil være brobygger i.
error-pause-until = Vælg en dato efter i dag og højst et år frem.
error-signature-name = Skriv dit fulde navn, som det står på din konto.
error-signature-confirm = Sæt kryds for at bekræfte, at du har læst og vil overholde erklæringen.
error-cohort-modules = Vælg mindst ét modul for mødegangen.
error-cohort-no-meetings = Udfyld mindst én mødegang med dato, tider og moduler.
error-cohort-rows = En eller flere mødegange er ikke udfyldt korrekt.
error-date-future = Datoen må ikke ligge i fremtiden.

## The application, as applicant and coordinator see it

application-title = Ansøgning
application-status-pending = Afventer behandling
application-status-accepted = Godkendt
application-status-declined = Ikke godkendt
application-sent = sendt { $date }
application-volunteer-page = Brobyggerens side
application-reason = Begrundelse
application-intro = Indledende samtale
application-intro-on = Samtale holdt { $date }.
application-intro-date = Dato for samtalen
application-intro-outcome = Resultat af samtalen
application-intro-outcome-hint = Kort og kun det nødvendige. Ansøgeren kan bede om at se det.
application-intro-save = Gem samtale
application-intro-saved = Samtalen er gemt.
application-decision = Beslutning
application-accept = Godkend ansøgningen
application-decline = Afvis ansøgningen
application-decline-reason = Begrundelse for afslaget
application-decline-reason-hint = Begrundelsen sendes til ansøgeren.
application-accepted = Ansøgningen er godkendt, og ansøgeren har fået besked.
application-declined = Ansøgningen er afvist, og ansøgeren har fået besked.
application-already-decided = Ansøgningen er allerede behandlet.

## The volunteer's page

volunteer-paused-until = til og med { $date }
active-link = Som aktiv brobygger
progress-title = Forberedelseskurset
progress-hours = { $done } af { $total } timer
progress-module = Modul
progress-done = Timer
progress-next = Undervises næste gang
progress-of = { $done } af { $total } timer
progress-complete = Gennemført
progress-missing = mangler { $hours }
progress-enrolled-there = Du er tilmeldt
progress-make-up = Tag modulet her
progress-not-scheduled = Ikke planlagt endnu – spørg din koordinator.
material-link = Læs kursusmaterialet
cohorts-mine = Dine hold
cohorts-mine-staff = Hold
cohorts-none = Du er ikke tilmeldt et hold endnu.
cohorts-none-staff = Ikke tilmeldt et hold.
cohorts-open = Hold i { $branch }, som du kan tilmelde dig
enrolment-status-confirmed = Tilmeldt
enrolment-status-waitlisted = Venteliste nr.
enrolment-status-cancelled = Afmeldt
enrolment-status-withdrawn = Taget af ventelisten
cohort-makeup-for = indhentning af modul { $module }
history-title = Historik
history-automatic = automatisk
history-until = til og med { $date }
history-empty = Ingen ændringer endnu.
pause-title = Pause
pause-lead = Har du brug for en pause, fx omkring eksamen, kan du melde den her. Du får ingen brobygninger i pausen.
pause-until = Pause til og med
pause-until-hint = Den sidste dag i pausen.
pause-reason = Bemærkning
pause-submit = Hold pause
pause-submit-staff = Sæt på pause
resume-submit = Jeg er tilbage
volunteer-paused = Du holder nu pause.
volunteer-paused-by-staff = Brobyggeren holder nu pause og har fået besked.
volunteer-cannot-pause = Kun aktive brobyggere kan holde pause.
volunteer-resumed = Velkommen tilbage. Du er aktiv igen.
volunteer-resumed-by-staff = Brobyggeren er aktiv igen og har fået besked.
volunteer-activated = Brobyggeren er aktiveret og har fået besked.
volunteer-retired = Brobyggeren er nu alumne.
volunteer-status-refused = Statusændringen er ikke mulig med brobyggerens nuværende status.
volunteer-check-saved = Børneattesten er registreret.
volunteer-activate = Aktivér brobygger
volunteer-resume = Tilbage fra pause
retire-title = Stop som brobygger
retire-reason = Bemærkning
retire-submit = Gør til alumne

## What activation unlocks, and the refusal

active-title = Aktiv brobygger
active-lead = Velkommen, { $name }. Du er aktiv brobygger.
active-accompaniments = Brobygninger
active-accompaniments-text = Rådgiverne kontakter dig om brobygninger. Du bliver briefet før og debriefet efter hver gang.
active-support = Supervision og brobyggeraftener
active-support-text = Du kan tilmelde dig supervision og brobyggeraftener i din afdeling.
active-contact = Kontakt { $branch }
refused-title = Kun for aktive brobyggere
refused-lead = Det her er for aktive brobyggere. Du kan komme med, når alt på listen er på plads.
refused-back = Til din side

## Course material

material-title = Kursusmateriale
material-lead = Forberedelseskurset består af moduler på i alt { $total } timer. Du tager dem på dit hold; missede moduler kan du tage på et andet hold.
material-hours = { $hours } timer
material-module-heading = Modul { $order }: { $title }
material-nav = Moduler

## The confidentiality declaration

declaration-title = Tavshedserklæring
declaration-version = Version { $version }
declaration-text-heading = Erklæringens ordlyd
declaration-signed = Du har underskrevet tavshedserklæringen.
declaration-signed-on = Version { $version } underskrevet { $date }.
declaration-to-sign = Du skal læse og underskrive tavshedserklæringen (version { $version }).
declaration-read-and-sign = Læs og underskriv
declaration-earlier = Du underskrev version { $version } { $date }. Læs den nye version, og underskriv igen.
declaration-sign-heading = Underskriv
declaration-typed-name = Dit fulde navn
declaration-typed-name-hint = Skriv dit navn, som det står på din konto. Det er din underskrift.
declaration-confirm = Jeg har læst tavshedserklæringen (version { $version }) og forpligter mig til at overholde den.
declaration-submit = Underskriv tavshedserklæringen
declaration-none = Ikke underskrevet
declaration-admin-title = Tavshedserklæring: versioner
declaration-admin-lead = Her skriver og offentliggør I nye versioner af tavshedserklæringen. En offentliggjort version ændres aldrig, så det, en brobygger har underskrevet, altid kan læses, som det var. Kræver I en ny version, får alle brobyggere i gang eller på kursus en e-mail med fristen; aktive kan deltage i supervision og brobyggeraftener som hidtil indtil fristen.
declaration-admin-required = Alle skal have underskrevet version { $version }.
declaration-admin-versions = Versioner
declaration-admin-version = Version
declaration-admin-current = Kræves nu
declaration-admin-require = Kræv version { $version } af alle
declaration-required = Den nye version kræves nu af alle brobyggere.
declaration-not-newer = Kun en nyere version end den nuværende kan kræves.

## Cohorts

cohort-place = Sted
cohort-meetings = Mødegange og moduler
cohort-your-place = Din plads
cohort-enrol = Tilmeld mig holdet
cohort-join-waitlist = Skriv mig på ventelisten
cohort-make-up = Tag { $module } på dette hold
cohort-leave = Afmeld mig
cohort-makeup-enrolment = indhentning
cohort-nothing-to-do = Du kan ikke tilmelde dig dette hold. Hold i din egen afdeling finder du på din side.
cohort-enrolled = Du er tilmeldt holdet.
cohort-waitlisted = Holdet er fuldt. Du er skrevet på ventelisten.
cohort-left = Du er afmeldt.
cohort-not-accepted = Du kan tilmelde dig et hold, når din ansøgning er godkendt.
cohort-module-not-missing = Du mangler ikke det modul.
cohort-module-not-taught = Holdet underviser ikke i det modul på en kommende mødegang.
cohort-waiting-count = { $count } på venteliste
cohort-manage-participants = Deltagere, venteliste og fremmøde
cohort-uncovered = Disse moduler undervises ikke på holdet:
cohort-hours-done = Timer (af { $total })
cohort-makeup = Indhentning
cohort-graduation = Dimission
cohort-graduation-at = Dimissionsaften { $date }
cohort-graduation-none = Ingen dimissionsaften planlagt endnu.
cohort-graduation-save = Gem dimissionsaften
cohort-graduation-saved = Dimissionsaftenen er gemt.
cohort-graduates = Blev aktive brobyggere fra holdet
cohort-graduates-none = Ingen endnu.
cohort-graduate-since = aktiv siden { $date }
cohort-created = Holdet er oprettet.
cohorts-title = Hold på forberedelseskurset
cohorts-empty = Afdelingen har ingen hold endnu.
cohorts-new = Opret et hold
cohorts-field-title = Holdets navn
cohorts-field-title-hint = Fx "Forberedelseskursus, efterår 2026".
cohorts-field-location = Sted
cohorts-field-capacity = Pladser
cohorts-field-capacity-hint = Lad feltet stå tomt for ubegrænset.
cohorts-meetings-hint = Udfyld en række for hver mødegang: dato, tider og de moduler, den dækker. Tomme rækker springes over.
cohorts-meeting = Mødegang { $number }
cohorts-date = Dato
cohorts-start = Start
cohorts-end = Slut
cohorts-create = Opret holdet

## The coordinators' pages for a branch

pipeline-title = Brobyggere
pipeline-applications = Nye ansøgninger
pipeline-no-applications = Ingen nye ansøgninger.
pipeline-intro-held = samtale holdt
pipeline-ready = Klar til aktivering
pipeline-ready-tag = Klar
pipeline-training = Godkendt og i uddannelse
pipeline-active = Aktive
pipeline-paused = På pause
pipeline-alumni = Alumner
pipeline-list-all = Se listen
pipeline-shown = Viser de første { $shown } af { $total }.
pipeline-shown-oldest = Viser de { $shown } ældste af { $total }.
pipeline-rejected = { $count } ansøgninger er ikke godkendt.
pipeline-none = Ingen.
roster-title = Aktive brobyggere
roster-csv = Hent listen (CSV til Excel)
roster-contact = Kontakt
roster-empty = Ingen aktive brobyggere.
roster-needs-signature = Mangler ny underskrift
roster-missing = Mangler
roster-csv-programme = Uddannelse
roster-csv-institution = Uddannelsessted
roster-csv-active-since = Aktiv siden
roster-csv-declaration = Tavshedserklæring (version)
roster-csv-child-certificate = Børneattest
settings-title = Indstillinger for brobyggere
settings-lead = Ud over ansøgning, forberedelseskursus og tavshedserklæring kan afdelingen stille flere krav, før en brobygger bliver aktiv.
settings-extra = Ekstra krav
settings-child-certificate = Børneattest
settings-child-certificate-hint = Koordinatoren registrerer kun datoen for, hvornår attesten er set – aldrig dens indhold.
settings-activation = Aktivering
settings-auto-activate = Aktivér automatisk, når alle krav er opfyldt
settings-auto-activate-hint = Uden kryds bekræfter en koordinator hver aktivering.
settings-auto-on = Brobyggere aktiveres automatisk, når alle krav er opfyldt.
settings-auto-off = En koordinator bekræfter hver aktivering.
settings-child-on = Afdelingen kræver børneattest.
settings-grace-preview = Kræver I børneattest, mangler den hos { $count ->
    [one] én aktiv brobygger. Vedkommende
   *[other] { $count } aktive brobyggere. De
} får frist til { $date } og besked pr. e-mail og kan i mellemtiden fortsætte som hidtil:
settings-grace-current = { $count ->
    [one] Én aktiv brobygger mangler
   *[other] { $count } aktive brobyggere mangler
} børneattest:
grace-until = frist { $date }
grace-over = fristen udløb { $date }
grace-line-child_certificate = Mangler børneattest – frist { $date }
grace-line-declaration = Mangler at underskrive den nye tavshedserklæring – frist { $date }
check-child_certificate = Børneattest
check-seen-on = set { $date }
check-date = Dato attesten er set
check-date-hint = Kun datoen gemmes.
check-save = Registrér børneattest

## Emails

email-volunteer-page-button = Gå til din side
email-application-received-subject = Tak for din ansøgning som brobygger
email-application-received-body = Tak for din ansøgning om at blive brobygger i Social Sundhed { $branch }. En koordinator fra afdelingen kontakter dig om en kort samtale.
email-application-received-verify = Bekræft først din e-mailadresse, så du kan logge ind:
email-application-received-follow = Du kan følge din ansøgning her:
email-application-accepted-subject = Velkommen som brobygger i { $branch }
email-application-accepted-body = Din ansøgning er godkendt. Velkommen som brobygger i Social Sundhed { $branch }!
email-application-accepted-next = Næste skridt er forberedelseskurset på 20 timer. På din side kan du tilmelde dig et hold, læse kursusmaterialet og underskrive tavshedserklæringen.
email-application-declined-subject = Din ansøgning som brobygger
email-application-declined-body = Tak for din interesse for at blive brobygger i Social Sundhed { $branch }. Vi kan desværre ikke tilbyde dig en plads denne gang.
email-application-declined-reason = Begrundelse:
email-application-declined-thanks = Du er velkommen til at kontakte afdelingen, hvis du har spørgsmål.
email-attendance-missing-subject = Du mangler timer på forberedelseskurset
email-attendance-missing-body = Ved mødegangen { $date } på { $session } er der registreret fravær. Du mangler nu:
email-attendance-missing-next = Du kan tage modulerne på et andet hold, også i en anden afdeling. På din side kan du se, hvor de undervises næste gang.
email-volunteer-activated-subject = Du er nu aktiv brobygger
email-volunteer-activated-body = Tillykke! Du er nu aktiv brobygger i Social Sundhed { $branch }.
email-volunteer-activated-next = Rådgiverne kontakter dig om brobygninger, og du kan tilmelde dig supervision og brobyggeraftener.
email-volunteer-paused-subject = Du holder pause som brobygger
email-volunteer-paused-body = Du holder nu pause som brobygger til og med { $date }. Du får ingen brobygninger i pausen.
email-volunteer-paused-by-staff = En koordinator har registreret, at du holder pause som brobygger til og med { $date }. Du får ingen brobygninger i pausen.
email-volunteer-paused-back = Når du er klar, melder du dig tilbage på din side:
email-volunteer-resumed-subject = Velkommen tilbage som brobygger
email-volunteer-resumed-body = Velkommen tilbage! Du er aktiv brobygger igen.
email-pause-ended-subject = Din pause som brobygger er slut
email-pause-ended-body = Din pause som brobygger varede til og med { $date }, og du er nu aktiv brobygger igen.
email-pause-ended-ready = Rådgiverne kan kontakte dig om brobygninger igen, og du kan tilmelde dig supervision og brobyggeraftener.
email-pause-ended-missing = Der er kommet krav til, mens du holdt pause. Før du kan tilmelde dig supervision og brobyggeraftener, skal de være opfyldt. Se hvad der mangler på din side:
email-volunteer-pause-ended-subject = Pausen er slut: { $volunteer }
email-volunteer-pause-ended-body = { $volunteer } holdt pause til og med { $date } og er nu aktiv brobygger igen.
email-volunteer-pause-ended-ready = Der mangler ikke noget.
email-volunteer-pause-ended-missing = Der mangler noget, før brobyggeren kan tilmelde sig supervision og brobyggeraftener. Se tjeklisten:
email-requirement-grace-subject = Nyt krav til brobyggere i { $branch }
email-requirement-grace-body = Social Sundhed { $branch } har indført et nyt krav til brobyggere: { $requirement }. Vi har ikke registreret det for dig endnu.
email-requirement-grace-deadline = Du er fortsat aktiv brobygger og kan deltage i supervision og brobyggeraftener som hidtil. Fristen er { $date }.
email-requirement-grace-after = Efter fristen gælder kravet også for dig. Tal med din koordinator, og se din side:

email-branch-moved-subject = Du er flyttet til { $to }
email-branch-moved-body = Du er flyttet fra { $from } til { $to } som brobygger. Fremover er det koordinatorerne i { $to }, du hører til.
email-branch-moved-kept-standing = Din historik, dine timer fra forberedelseskurset, din tavshedserklæring og din supervision følger med dig.
email-branch-moved-kept = { $count ->
    [one] Du er stadig tilmeldt 1 aftale i { $from }. Afmeld dig på din side, hvis du ikke kan komme.
   *[other] Du er stadig tilmeldt { $count } aftaler i { $from }. Afmeld dig på din side, hvis du ikke kan komme.
}
email-volunteer-moved-subject = Brobygger flyttet: { $volunteer }
email-volunteer-moved-body = { $volunteer } er flyttet fra { $from } til { $to }.
email-volunteer-moved-kept-standing = Historik, timer, tavshedserklæring og supervision følger brobyggeren.
email-volunteer-moved-kept = { $count ->
    [one] Brobyggeren er stadig tilmeldt 1 aftale i { $from }.
   *[other] Brobyggeren er stadig tilmeldt { $count } aftaler i { $from }.
}

move-title = Flyt til en anden afdeling
move-hint = Når brobyggeren flytter (fx til en anden studieby), følger historik, timer, tavshedserklæring og supervision med. Brobyggeren og koordinatorerne i { $branch } og i den nye afdeling får besked.
move-to = Ny afdeling
move-submit = Flyt brobyggeren
move-done = Brobyggeren er flyttet, og alle er blevet orienteret.
move-choose-branch = Vælg den afdeling, brobyggeren flytter til.
move-refused-same = Brobyggeren er allerede i den afdeling.
move-refused-status = En ansøger eller en afvist ansøger kan ikke flyttes: ansøgningen afgøres af den afdeling, der er søgt til.
move-refused-moved = En anden har lige flyttet brobyggeren. Se siden igen.
move-history-title = Afdelingsskift
move-history-entry = Flyttet fra { $from } til { $to }
move-kept-title = Stadig tilmeldt i tidligere afdeling
move-kept-hint = Tilmeldingerne er beholdt ved flytningen: supervision og aftener tæller, uanset hvor de holdes. Brobyggeren kan selv afmelde sig.

reapply-from = Du kan søge om at blive brobygger igen fra { $date }.
reapply-now = Søg om at blive brobygger igen
reapply-not-yet = Du kan ikke søge igen endnu. Se på din side, hvornår du kan.
email-declaration-to-sign-subject = Ny tavshedserklæring: underskriv version { $version }
email-declaration-to-sign-body = Social Sundhed har offentliggjort version { $version } af tavshedserklæringen, "{ $title }", og alle brobyggere skal underskrive den.
email-declaration-to-sign-deadline = Fristen for at underskrive er { $date }.
email-declaration-to-sign-active = Indtil da kan du deltage i supervision og brobyggeraftener som hidtil; efter fristen kræver det, at du har underskrevet. Læs og underskriv her:
email-declaration-to-sign-training = Du skal have underskrevet den, før du kan blive aktiv brobygger. Læs og underskriv her:

declaration-admin-published = Offentliggjort
declaration-admin-deadline = Frist for at underskrive
declaration-admin-deadline-hint = Sidste dag. Aktive brobyggere kan arbejde som hidtil indtil da.
declaration-admin-new = Skriv version { $version }
declaration-admin-new-hint = Den nye version får næste nummer. Når den er offentliggjort, kan teksten ikke ændres – ret i stedet med en ny version.
declaration-admin-new-title = Titel
declaration-admin-new-body = Tekst
declaration-admin-new-require = Kræv den af alle brobyggere nu (de får en e-mail med fristen)
declaration-admin-publish = Offentliggør
declaration-published = Den nye version er offentliggjort.
declaration-signed-by = Underskrevet af { $name } { $date }.
declaration-signed-on-paper = (På papir før Brobyg, registreret bagefter.)
markdown-hint = Skrives i Markdown: ## Overskrift, **fed**, *kursiv*, - punkter og [link](https://…). HTML fjernes.
preview-button = Forhåndsvis
preview-heading = Forhåndsvisning
preview-not-saved = Sådan kommer teksten til at se ud. Den er ikke gemt endnu.
module-admin-title = Forberedelseskursets moduler
module-admin-card = Ret modulernes titel, timetal og tekst i forberedelseskurset.
module-admin-lead = Kurset er i alt { $total } timer. Vælg et modul for at rette titel, timetal eller tekst.
module-admin-module = Modul
module-admin-hours = Timer
module-admin-changed = Sidst rettet
module-admin-from-files = Som fra start
module-admin-fixed = Modulerne og deres rækkefølge ligger fast: fremmøde, hold og tidligere uddannelse peger på dem. Nye moduler eller fjernelse af et modul kræver en udvikler.
module-admin-edit-title = Modul { $order }: { $title }
module-admin-id = Modulets id: { $id } (ændres ikke)
module-admin-as-read = Se modulet, som brobyggerne læser det
module-admin-field-title = Titel
module-admin-field-hours = Timer
module-admin-hours-hint = I kvarte timer, fx 2 eller 2,5 (højst 10).
module-admin-hours-explained = Modulet er nu { $hours } timer. Timetallet vises for brobyggere og koordinatorer, lægges sammen til kursets samlede timer og er det, en brobygger mangler, når modulet ikke er gennemført. Fremmøde tæller som en andel af modulet: den, der har været til alle modulets mødegange, har gennemført det, uanset timetallet, og den, der var der halvdelen af tiden, har halvdelen af de nye timer. En ændring gælder med det samme for alle, men flytter ikke, hvem der har gennemført modulet – kun hvor mange timer der står, og hvor mange der mangler.
module-admin-field-body = Tekst
module-admin-body-hint = Markdown. Modulet skal have afsnittene ## Formål, ## Indhold, ## Øvelser og ## Refleksionsspørgsmål i den rækkefølge. HTML fjernes.
module-saved = Modulet er gemt.
error-module-hours = Skriv timer i kvarte timer fra 0,25 til 10, fx 2 eller 2,5.
error-module-sections = Teksten skal have afsnittene ## Formål, ## Indhold, ## Øvelser og ## Refleksionsspørgsmål, i den rækkefølge.
error-declaration-deadline = Fristen skal ligge efter i dag og højst et år frem.
declaration-as-signed = Læs den underskrevne version
declaration-read-signed = Læs version { $version }, som du underskrev den

# Phones: where to reach the branch (the checklist links here for checks the coordinator registers)
volunteer-branch-contact = Kontakt afdelingen

# Brobygning: the three programmes (domain::brobygning::Programme)
programme-health = Sundhedsbrobygning
programme-social = Socialbrobygning
programme-association = Foreningsbrobygning
error-programme = Vælg et af de tre programmer.
