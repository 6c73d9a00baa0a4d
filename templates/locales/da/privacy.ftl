## The privacy notice and the record of processing, generated from the
## registry of personal data (src/domain/privacy).

footer-privacy = Privatlivspolitik
privacy-title = Privatlivspolitik
privacy-lead = Her står, hvilke personoplysninger Brobyg gemmer om dig, hvorfor, med hvilket retsgrundlag og hvor længe. Siden dannes ud fra den samme liste, som systemet selv kontrolleres imod, så den følger med, når systemet ændres.
privacy-controller = Dataansvarlig er Social Sundhed (landssekretariatet), en landsdækkende, medlemsbaseret NGO.
privacy-no-cpr = Vi indsamler kun det nødvendige. Vi beder aldrig om dit CPR-nummer; højst dit fødselsår.
privacy-what-heading = Hvad vi gemmer
privacy-recipients-heading = Hvem ser oplysningerne
privacy-recipients = Oplysningerne ses kun af de medarbejdere og koordinatorer, der skal bruge dem i deres arbejde. De behandles af vores databehandlere (hosting og udsendelse af e-mail) efter aftale med os og videregives ikke til andre, bortset fra fakturaoplysninger til den organisation, der skal betale. Intet overføres til lande uden for EU/EØS.
privacy-rights-heading = Dine rettigheder
privacy-right-access = Du har ret til at få indsigt i de oplysninger, vi har om dig.
privacy-right-rectification = Du har ret til at få forkerte oplysninger rettet.
privacy-right-erasure = Du har ret til at få oplysninger slettet, når vi ikke længere må eller skal gemme dem.
privacy-right-restriction = Du har ret til at få behandlingen begrænset, mens en indsigelse undersøges.
privacy-right-portability = Du har ret til at få de oplysninger, du selv har givet os, i et almindeligt maskinlæsbart format.
privacy-right-objection = Du har ret til at gøre indsigelse mod behandling, der bygger på vores legitime interesse.
privacy-right-withdraw = Har du givet samtykke, kan du altid trække det tilbage; det gælder fremover.
privacy-contact-heading = Kontakt
privacy-contact = Skriv til din lokalafdeling eller til Social Sundheds landssekretariat, hvis du vil bruge dine rettigheder eller har spørgsmål om dine oplysninger.
privacy-complaint = Du kan klage til Datatilsynet (www.datatilsynet.dk).

privacy-record-title = Fortegnelse over behandlinger
privacy-record-card = Hvilke personoplysninger Brobyg gemmer, hvorfor, hvor længe og hvad sletning gør (art. 30), også som CSV.
privacy-record-lead = Fortegnelse efter databeskyttelsesforordningens artikel 30: hver tabel og kolonne med personoplysninger, kategori, formål, retsgrundlag, opbevaringsregel og hvad sletning gør. Den dannes af registret i koden, som en test holder op imod databasens skema.
privacy-record-security = Sikkerhed: adgangskoder gemmes kun som hash, medarbejdere logger ind med totrinslogin, hver eksport af personoplysninger og hver ændring foretaget af medarbejdere skrives i revisionsloggen, og forbindelsen er krypteret.
privacy-record-csv = Hent fortegnelsen som CSV
privacy-record-free-heading = Tabeller uden personoplysninger
privacy-record-free-text = Disse tabeller er gennemgået og rummer ingen personoplysninger:

privacy-col-table = Tabel
privacy-col-columns = Kolonner
privacy-col-category = Kategori
privacy-col-purpose = Formål
privacy-col-basis = Retsgrundlag
privacy-col-retention = Opbevaring
privacy-col-erasure = Ved sletning

privacy-category-contact = Kontaktoplysninger
privacy-category-contact-text = Navn, e-mail, telefon og sprog på din konto; kontaktpersonen på en bestilling; navne på undervisere, supervisorer og oplægsholdere i programmet.
privacy-category-account = Konto og login
privacy-category-account-text = Det, der skal til for at du kan logge sikkert ind: adgangskode (kun som hash), totrinslogin, sessioner, engangslinks og dine roller.
privacy-category-application = Ansøgning som brobygger
privacy-category-application-text = Din ansøgning: uddannelse, institution, semester, motivation, tilgængelighed, eventuelt fødselsår, introsamtale og afgørelse.
privacy-category-volunteering = Frivilligforløb
privacy-category-volunteering-text = Din status som brobygger, pauser og deres begrundelse, datoen for en børneattest (aldrig dens indhold), frister og dine svar på brobyggeraftener.
privacy-category-training = Forberedelseskursus
privacy-category-training-text = Din plads på et hold, fremmøde til modulerne og moduler, du tager igen på et andet hold.
privacy-category-declaration = Tavshedserklæring
privacy-category-declaration-text = Hvilken version af tavshedserklæringen du har underskrevet, med hvilket navn og hvornår.
privacy-category-supervision = Supervision
privacy-category-supervision-text = Dine pladser og dit fremmøde til supervision, anmodninger om supervision og påmindelser.
privacy-category-genlaer = Deltagelse i GenLær
privacy-category-genlaer-text = Dine tilmeldinger til GenLær-kurser med arbejdsplads og stilling, fremmøde og kursusbeviser.
privacy-category-invoice = Fakturering
privacy-category-invoice-text = Oplysninger til fakturaen for et GenLær-kursus: organisation, EAN- eller CVR-nummer, adresse og reference.
privacy-category-needs = Særlige behov
privacy-category-needs-text = Behov, du selv oplyser ved tilmelding, fx kost eller tilgængelighed. Det kan være helbredsoplysninger, så de gemmes kun kort.
privacy-category-messages = Sendte beskeder
privacy-category-messages-text = De e-mails, vi sender dig: modtager, emne, status og selve teksten.
privacy-category-logs = Logs
privacy-category-logs-text = Mislykkede login og anmodninger om ny adgangskode (mod misbrug) og revisionsloggen over medarbejderes handlinger.

privacy-basis-art6-1-a = samtykke
privacy-basis-art6-1-b = aftale med dig eller skridt, du har bedt om forud for den
privacy-basis-art6-1-c = retlig forpligtelse
privacy-basis-art6-1-f = legitim interesse
privacy-basis-art9-2-a = udtrykkeligt samtykke til helbredsoplysninger

privacy-retention-account-in-use = Så længe kontoen bruges. En konto, der aldrig er bekræftet og uden tilmeldinger, slettes efter 30 dage; efter 3 år uden aktivitet anonymiseres den.
privacy-retention-declined-application = En afvist ansøgning slettes 6 måneder efter afgørelsen; en godkendt gemmes, så længe du er brobygger, og anonymiseres 3 år efter din sidste aktivitet.
privacy-retention-three-years-inactive = Anonymiseres 3 år efter din sidste aktivitet; oplysninger om udstedte kursusbeviser bevares.
privacy-retention-supervision-after-leaving = Slettes 2 år efter, at du er stoppet som brobygger.
privacy-retention-until-leaving = Slettes, når du stopper som brobygger.
privacy-retention-needs-after-session = Slettes 30 dage efter, at kurset er afholdt.
privacy-retention-message-body = Teksten slettes 90 dage efter afsendelse.
privacy-retention-message-envelope = Modtager, emne og status gemmes som dokumentation for, hvad der er sendt, så længe kontoen; de anonymiseres med den.
privacy-retention-bookkeeping = 5 år efter regnskabsårets udløb (bogføringsloven).
privacy-retention-certificate = Så længe beviset skal kunne kontrolleres på /bevis.
privacy-retention-login-session = Til du logger ud, og højst 14 dage efter sidste brug.
privacy-retention-token = Til linket eller koden er brugt eller udløbet.
privacy-retention-throttle = Ét døgn.
privacy-retention-audit-trail = Gemmes; loggen kan ikke ændres og navngiver ingen: en person står kun som et kontonummer, som bliver anonymt, når kontoen anonymiseres.
privacy-retention-programme = Gemmes med kursets eller mødets program; fjernes på anmodning.

privacy-erasure-delete = Slettes
privacy-erasure-anonymise = Anonymiseres (tal og historik bevares)
privacy-erasure-keep-for-bookkeeping = Bevares, så længe bogføringsloven kræver det
privacy-erasure-keep-certificate = Bevares, så beviset kan kontrolleres

privacy-purpose-users-contact = Din konto: navn, e-mail (og en ny adresse, mens den venter på din bekræftelse), telefon og sprog, så vi kan kontakte dig og vise siden på dit sprog.
privacy-purpose-users-account = Sikkert login: adgangskode (kun som hash), bekræftet e-mail, deaktivering og dit private kalenderlink.
privacy-purpose-user-roles = Dine roller (brobygger, fagperson, koordinator, administrator), som afgør, hvad du kan se og gøre.
privacy-purpose-coordinator-branches = Hvilke afdelinger en koordinator arbejder for.
privacy-purpose-volunteers-status = Din status som brobygger (i forløb, aktiv, pause, alumne) og din afdeling.
privacy-purpose-volunteers-supervision = Hvornår du sidst deltog i supervision, så vi kan minde dig om den næste.
privacy-purpose-user-tokens = Engangslinks til at bekræfte e-mail, nulstille adgangskode og tage imod en invitation.
privacy-purpose-login-failures = Mislykkede login (e-mail, IP-adresse, tidspunkt), så vi kan bremse forsøg på at gætte adgangskoder.
privacy-purpose-reset-requests = Anmodninger om ny adgangskode (e-mail, IP-adresse, tidspunkt), så ingen kan oversvømme en indbakke.
privacy-purpose-staff-notifications = Hvor ofte du som koordinator vil have e-mails om dine opgaver.
privacy-purpose-task-digests = Hvornår du fik oversigten over dine opgaver, så den kun sendes én gang.
privacy-purpose-login-sessions = Dine login-sessioner med browser, IP-adresse og tidspunkter, så du kan se og afslutte dem.
privacy-purpose-second-factors = Nøglen til dit totrinslogin.
privacy-purpose-recovery-codes = Dine reservekoder til totrinslogin (kun som hash).
privacy-purpose-outbox-body = Teksten i de e-mails, vi sender dig, så de kan sendes igen, hvis afsendelsen fejler.
privacy-purpose-outbox-envelope = Modtager, emne og status på sendte e-mails som dokumentation for, hvad vi har sendt.
privacy-purpose-enrolments-cohort = Din plads på et hold til forberedelseskurset.
privacy-purpose-enrolments-supervision = Din plads til en supervision.
privacy-purpose-enrolments-evening = Din plads til en brobyggeraften.
privacy-purpose-enrolments-genlaer = Din plads eller venteplads på et GenLær-kursus.
privacy-purpose-attendance-cohort = Dit fremmøde til forberedelseskursets moduler, som afgør, om du kan aktiveres.
privacy-purpose-attendance-supervision = Dit fremmøde til supervision, som er obligatorisk for aktive brobyggere.
privacy-purpose-attendance-genlaer = Dit fremmøde til et GenLær-kursus, som giver ret til kursusbevis.
privacy-purpose-reminders-sent = Hvilke påmindelser om møder du har fået, så du ikke får dem to gange.
privacy-purpose-volunteer-applications = Din ansøgning som brobygger, introsamtalen og afgørelsen med begrundelse.
privacy-purpose-volunteer-status-changes = Historikken over din status med hvornår, hvorfor og hvem der ændrede den.
privacy-purpose-declaration-signatures = Din underskrift på tavshedserklæringen: version, navn og tidspunkt.
privacy-purpose-volunteer-checks = Datoen for afdelingens krav, fx at en børneattest er indhentet; aldrig attestens indhold.
privacy-purpose-prior-training = Forberedelseskursets moduler, du gennemførte før Brobyg, som din afdeling har importeret: modul, dato, hvornår og af hvem de blev importeret.
privacy-purpose-volunteer-imports-record = At du blev flyttet med fra før Brobyg: hvornår og af hvem.
privacy-purpose-volunteer-imports-studies = Din uddannelse og uddannelsesinstitution, som din afdeling havde registreret før Brobyg.
privacy-purpose-volunteer-imports-notes = Koordinatorens noter fra før Brobyg, fx sprog du taler; kun til koordinatorerne.
privacy-purpose-volunteer-imports-supervision = Datoen for din seneste supervision før Brobyg.
privacy-purpose-requirement-grace = En frist, du har fået til at opfylde et krav.
privacy-purpose-coordinator-regions = Hvilke regioner en regional koordinator arbejder for.
privacy-purpose-volunteer-moves = Når du som brobygger er flyttet fra én afdeling til en anden.
privacy-purpose-cohort-makeups = Et modul, du tager igen på et andet hold.
privacy-purpose-bookings-contact = Kontaktpersonen på en organisations bestilling af et GenLær-kursus og beskeden til os.
privacy-purpose-bookings-invoice = Fakturaoplysninger på en bestilling: organisation, EAN- eller CVR-nummer, adresse og reference.
privacy-purpose-genlaer-teachers = Undervisernes navne i kursets program.
privacy-purpose-genlaer-participants = Dit navn, din arbejdsplads og stilling på en GenLær-tilmelding.
privacy-purpose-genlaer-needs = Særlige behov, du selv oplyser (fx kost eller tilgængelighed), så kurset kan tage hensyn til dem.
privacy-purpose-genlaer-invoice = Fakturaoplysninger på din tilmelding: EAN- eller CVR-nummer, adresse og reference.
privacy-purpose-certificates = Dit kursusbevis: navn, kursus, datoer og timer, så beviset kan hentes og kontrolleres.
privacy-purpose-supervisors = Supervisorens navn i programmet.
privacy-purpose-evening-speakers = Oplægsholderens navn i programmet for en brobyggeraften.
privacy-purpose-supervision-requests = Din anmodning om supervision og svaret på den.
privacy-purpose-supervision-notices = Påmindelser om supervision, vi har sendt dig.
privacy-purpose-evening-answers = Dit svar på invitationen til en brobyggeraften.
privacy-purpose-brobygninger = De brobygninger, du har registreret: dato, program, tid, om der var briefing og debriefing og med hvilken rådgiver. Intet om borgeren. Ved sletning bliver tallene stående uden dit navn.
privacy-purpose-brobygning-month-people = Dine brobygninger lagt sammen pr. afdeling og måned: hvor mange og hvor lang tid, med dit navn, så rådgiverne kan se månedens brobyggere i navneorden. Ved sletning lægges tallene sammen med andre slettedes, uden dit navn.
privacy-purpose-session-messages = Beskeder, en koordinator har skrevet til deltagerne på et hold, og hvem der skrev dem.
privacy-purpose-audit-log = Revisionsloggen: hvilke medarbejdere der har set, eksporteret eller ændret oplysninger og hvornår.
privacy-purpose-erasure-requests = Din anmodning om sletning og hvornår den blev udført, som dokumentation for, at vi har slettet dine oplysninger.

privacy-free-regions = Social Sundheds regioner.
privacy-free-branches = Afdelingernes egne kontoroplysninger (fælles adresse, telefon og postkasse), ikke en persons.
privacy-free-volunteer_counts = Hvor mange frivillige hver afdeling har i hver status: tal, ingen personer.
privacy-free-pending_application_counts = Hvor mange ansøgninger der venter i hver afdeling, og hvor mange af dem der har haft samtale: tal, ingen personer.
privacy-free-brobygning_month_totals = Hver afdelings brobygninger lagt sammen pr. måned, program og briefing: tal, ingen personer.
privacy-free-sessions = Kurser, hold, supervision og aftener: titel, sted og tider, ikke hvem der deltager.
privacy-free-meetings = Datoer og steder for et forløbs møder.
privacy-free-declaration_requirements = Hvilken version af tavshedserklæringen alle skal underskrive; administratoren, der krævede den, står i revisionsloggen.
privacy-free-declaration_versions = Tavshedserklæringens versioner, som de blev offentliggjort; administratoren, der offentliggjorde en version, står i revisionsloggen.
privacy-free-course_modules = Forberedelseskursets moduler (titel, timer og tekst); administratoren, der sidst rettede et modul, står i revisionsloggen.
privacy-free-branch_volunteer_settings = En afdelings regler for aktivering og supervision.
privacy-free-cohort_details = Et holds afslutning: tid og sted.
privacy-free-cohort_meeting_modules = Hvilket modul et holds møde underviser i.
privacy-free-courses = GenLær-kataloget.
privacy-free-retention_settings = Hvor mange dage hver opbevaringsregel gemmer data; hvem der ændrede det, står i revisionsloggen.
privacy-free-retention_runs = Hvornår opbevaringsreglerne er kørt, og hvor mange rækker de slettede: kun tal, ingen navne.

privacy-record-heading = Fortegnelse over behandlinger

retention-heading = Automatisk sletning
retention-lead = Sitet sletter selv personoplysninger, når de ikke længere skal bruges. Hver regel kører én gang i døgnet. Du kan ændre, hvor mange dage reglerne gemmer oplysningerne, men kun inden for de lovlige grænser.
retention-col-rule = Regel
retention-col-days = Dage
retention-col-last-run = Seneste kørsel
retention-col-day = Dag
retention-days-unit = dage
retention-range = Tilladt: { $min }–{ $max } dage (standard { $default }).
retention-last-run = { $count ->
    [one] { $count } række slettet
   *[other] { $count } rækker slettet
}
retention-never = Ikke kørt endnu
retention-save = Gem opbevaringstider
retention-report-heading = Kørsler de seneste { $days } dage
retention-report-text = Antal rækker, hver regel har slettet eller tømt pr. dag. Rapporten viser kun tal, aldrig hvem.
retention-report-none = Ingen kørsler endnu.
retention-rule-declined_applications = Afviste ansøgninger
retention-rule-declined_applications-text = Slettes dette antal dage efter afgørelsen.
retention-rule-unconfirmed_accounts = Ubekræftede konti
retention-rule-unconfirmed_accounts-text = Konti, hvis e-mailadresse aldrig er bekræftet, og som ikke har tilmeldinger, ansøgninger eller roller, slettes dette antal dage efter oprettelsen.
retention-rule-needs = Særlige behov
retention-rule-needs-text = Deltageres særlige behov (kost, tilgængelighed) på GenLær-kurser slettes dette antal dage efter, at kurset er afholdt.
retention-rule-message_bodies = Tekst i sendte e-mails
retention-rule-message_bodies-text = Teksten i en sendt e-mail slettes dette antal dage efter afsendelse; modtager, emne og status bevares.
retention-rule-supervision_after_leaving = Supervision for stoppede brobyggere
retention-rule-supervision_after_leaving-text = Fremmøde, anmodninger og påmindelser om supervision slettes dette antal dage efter, at brobyggeren er stoppet.
retention-rule-checks_after_leaving = Børneattester for stoppede brobyggere
retention-rule-checks_after_leaving-text = Datoen for børneattesten og eventuelle frister slettes dette antal dage efter, at brobyggeren er stoppet.
retention-rule-inactive_accounts = Konti, der ikke er brugt i årevis
retention-rule-inactive_accounts-text = Alumner og fagpersoner, der ikke har logget ind, deltaget eller ændret noget i dette antal dage, slettes som ved en anmodning om sletning. Kursusbeviser og fakturaoplysninger bevares.
error-retention-days = Skriv et helt antal dage inden for det tilladte interval for reglen.
flash-retention-saved = Opbevaringstiderne er gemt.
flash-retention-unchanged = Opbevaringstiderne var uændrede.
message-body-cleared = Teksten er slettet efter reglerne for opbevaring. Modtager, emne og status er bevaret.

## Sletning (GDPR art. 17)
erasure-title = Slet mine oplysninger
erasure-lead = Du kan bede os om at slette de oplysninger, vi har om dig. En administrator gennemgår din anmodning og udfører den, normalt inden for en måned. Bagefter kan du ikke længere logge ind, og dine pladser på hold og kurser, der ikke er afholdt endnu, bliver givet videre til dem på ventelisten.
erasure-pending = Du bad om sletning { $date }. En administrator udfører den snarest. Du kan fortryde, indtil det er sket.
erasure-withdraw = Fortryd min anmodning
erasure-what-heading = Hvad sletning gør
erasure-kept-why = Nogle oplysninger må vi ikke slette: fakturaoplysninger på GenLær-kurser (organisation, EAN eller CVR, kursus og beløb) gemmes i 5 år efter bogføringsloven, og et kursusbevis bevares med navnet på, så det fortsat kan kontrolleres. Dine behov (fx kost og tilgængelighed) slettes altid. Tal som "hvor mange deltog" bevares uden dit navn.
erasure-export-first = Vil du have en kopi af dine oplysninger, før de slettes, så hent dem først. Læs mere i
erasure-ask-hint = Du bliver bedt om at bekræfte, at det er dig, før anmodningen sendes.
erasure-ask = Bed om sletning
flash-erasure-requested = Din anmodning om sletning er modtaget. Du får besked, når den er udført.
flash-erasure-already-requested = Du har allerede bedt om sletning.
flash-erasure-withdrawn = Din anmodning om sletning er trukket tilbage.
flash-erasure-done = Personens oplysninger er slettet.
erasure-admin-title = Anmodninger om sletning
erasure-admin-card = Personer, der har bedt om at blive slettet: gennemgå hvad der slettes og bevares, og udfør sletningen.
erasure-admin-lead = Gennemgå hver anmodning: hvad der slettes, hvad der bevares og hvorfor. Sletningen sker i én handling og kan ikke fortrydes.
erasure-admin-open = { $count ->
    [0] Ingen åbne anmodninger
    [one] 1 åben anmodning
   *[other] { $count } åbne anmodninger
}
erasure-admin-none = Ingen venter på sletning.
erasure-admin-done = Senest udførte sletninger
erasure-admin-none-done = Ingen sletninger er udført endnu.
erasure-done-line = Konto nr. { $account } slettet { $date }
erasure-requested-at = Anmodet
erasure-requested-by = Af
erasure-by-self = Personen selv
erasure-by-staff = En administrator
erasure-review-title = Sletning af { $name }
erasure-withdrawn = trukket tilbage
erasure-carried-out = udført
erasure-no-request = Ingen anmodning i systemet (sletning på personens vegne)
erasure-seats-heading = Pladser, der gives videre
erasure-seats-lead = Personen har plads eller venteliste på disse, som ikke er afholdt. Pladserne frigives, og ventelisten rykker op.
erasure-seats-none = Ingen pladser på hold eller kurser, der ikke er afholdt.
erasure-seat-waitlisted = på venteliste
erasure-kept-heading = Hvad der bevares, og hvorfor
erasure-kept-certificates = { $count ->
    [0] Ingen kursusbeviser
    [one] 1 kursusbevis bevares med navnet, så det kan kontrolleres
   *[other] { $count } kursusbeviser bevares med navnet, så de kan kontrolleres
}
erasure-kept-invoice-lines = { $count ->
    [0] Ingen fakturaoplysninger fra GenLær-tilmeldinger
    [one] Fakturaoplysningerne fra 1 GenLær-tilmelding bevares efter bogføringsloven (uden behov og kontaktoplysninger)
   *[other] Fakturaoplysningerne fra { $count } GenLær-tilmeldinger bevares efter bogføringsloven (uden behov og kontaktoplysninger)
}
erasure-kept-bookings = { $count ->
    [0] Ingen bestillinger
    [one] 1 bestilling: organisationens fakturaoplysninger bevares, kontaktpersonen anonymiseres
   *[other] { $count } bestillinger: organisationens fakturaoplysninger bevares, kontaktpersonen anonymiseres
}
erasure-confirm-hint = Sletningen kan ikke fortrydes. Du bliver bedt om at bekræfte, at det er dig.
erasure-confirm = Slet personens oplysninger
erasure-refused-own = Du kan ikke slette din egen konto. Bed en anden administrator om det.
erasure-refused-admin = Personen er administrator. Fjern administratorrollen først.
erasure-refused-erased = Personen er allerede slettet.
erasure-refused-closed = Anmodningen er trukket tilbage eller allerede udført.
user-erasure-hint = Har personen bedt om sletning, fx i telefonen eller pr. brev, kan du slette på deres vegne. Du ser først, hvad der slettes og bevares.
user-erasure-review = Gennemgå sletning
privacy-periods-heading = Hvornår vi sletter
privacy-periods-lead = Disse regler kører hver dag af sig selv. Antallet af dage er det, der gælder nu; landssekretariatet kan ændre det inden for lovens grænser.
privacy-period-days = { $days ->
    [0] samme dag
    [one] efter 1 dag
   *[other] efter { $days } dage
}
privacy-purpose-evaluation-links = Dit personlige link til at evaluere et GenLær-kursus, du har deltaget i: at det er sendt, og om det er brugt (ikke hvad du svarede).
privacy-free-evaluation_answers = Anonyme kursusevalueringer: hold, svar på skalaen 1–5, kommentar og dato, uden navn, link eller tidspunkt.
privacy-purpose-invoices = Fakturaer og kreditnotaer: kundens navn, EAN- eller CVR-nummer, adresse, reference og e-mail; bogføringsloven kræver, at de gemmes i fem år.
privacy-purpose-invoice-lines = Fakturalinjer med deltagerens navn, gemt i fem år efter bogføringsloven.
privacy-free-invoice_counters = Tællere for fakturanumre pr. år; ingen personoplysninger.
