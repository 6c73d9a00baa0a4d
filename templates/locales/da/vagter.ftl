## Vagter (vagtplanen). Ingen fritekst: kun valg, tal, datoer og tider.

nav-duty = Vagter
duty-title = Vagter
duty-lead = Vagter ved rådgivningstelefonen i din afdeling den kommende måned. Tag de vagter, der passer dig.
duty-target-standing = Du har { $taken } af { $min }–{ $max } vagter i { $month }.
duty-standing = Status
duty-standing-below = Under målet
duty-standing-within = Inden for målet
duty-standing-above = Over målet
duty-mine = Mine vagter
duty-mine-none = Du har ingen kommende vagter.
duty-open = Ledige vagter
duty-open-none = Der er ingen ledige vagter den kommende måned.
duty-full = Fulde vagter
duty-when = Hvornår
duty-programme = Brobygning
duty-places = Pladser
duty-places-taken = { $taken } af { $wanted }
duty-action = Handling
duty-takers = Brobyggere
duty-takers-none = Ingen endnu
duty-tag-offered = Gives væk
duty-tag-offered-by-me = Tilbudt de andre til { $until }
duty-take = Tag vagten
duty-give-away = Giv vagten væk
duty-give-away-until = Kan gives væk indtil { $until }.
duty-keep = Behold vagten
duty-ask-coordinator = Kan du ikke alligevel, så kontakt din koordinator.
duty-taken = Vagten er din. Du får en kalenderinvitation på mail.
duty-taken-over = Du har overtaget vagten. Du får en kalenderinvitation på mail.
duty-offered = Vagten er tilbudt de andre brobyggere. Den er din, indtil en anden tager den.
duty-kept = Du beholder vagten.
duty-refused-full = Vagten er fuld: alle pladser er taget.
duty-refused-closed = Vagten kan ikke tages længere.
duty-refused-already = Du har allerede vagten.
duty-refused-not-on-it = Personen har ikke vagten.
duty-refused-deadline = Fristen for at give vagten væk er overskredet (48 timer før). Kontakt din koordinator.
duty-refused-already-offered = Vagten er allerede tilbudt de andre.

duty-plan-title = Vagtplan
duty-plan-lead = Vagter gentages hver uge i en periode. Rådgivningstelefonen har åbent { $opens }–{ $closes }.
duty-plan-link = Vagtplan: faste vagter og fridage
duty-rota-link = Vagter de kommende uger
duty-slots = Faste vagter
duty-slots-none = Der er ingen faste vagter endnu.
duty-slot-new = Ny fast vagt
duty-weekday = Ugedag
duty-weekday-1 = Mandag
duty-weekday-2 = Tirsdag
duty-weekday-3 = Onsdag
duty-weekday-4 = Torsdag
duty-weekday-5 = Fredag
duty-weekday-6 = Lørdag
duty-weekday-7 = Søndag
duty-time = Tid
duty-start = Fra kl.
duty-end = Til kl.
duty-wanted = Antal brobyggere
duty-period = Periode
duty-from = Første dato
duty-to = Sidste dato
duty-to-hint = Højst et år frem.
duty-slot-add = Opret vagter
duty-slot-remove = Fjern
duty-slot-added = Vagterne er oprettet.
duty-slot-added-none = Den faste vagt er gemt, men gav ingen vagter (alle datoer er fridage eller passeret).
duty-slot-removed = Den faste vagt er fjernet, og dens kommende vagter er aflyst.
duty-days-off = Fridage
duty-days-off-lead = På en fridag (helligdag, lukkedag) oprettes ingen vagter. Vagter, der allerede er oprettet den dag, aflyses.
duty-days-off-none = Ingen kommende fridage.
duty-day-off = Dato
duty-day-off-add = Tilføj fridag
duty-day-off-undo = Fortryd fridag
duty-day-off-added = Fridagen er tilføjet.
duty-day-off-exists = Dagen er allerede en fridag.
duty-day-off-removed = Fridagen er fortrudt, og dagens vagter er oprettet igen.
duty-day-off-none = Dagen var ikke en fridag.
duty-settings = Mål og åbningstid
duty-target-min = Mindst antal vagter om måneden
duty-target-max = Højst antal vagter om måneden
duty-opens = Telefonen åbner kl.
duty-closes = Telefonen lukker kl.
duty-settings-save = Gem
duty-settings-saved = Mål og åbningstid er gemt.

duty-rota-title = Vagter
duty-rota-lead = De kommende ugers vagter, tomme og underbemandede først: { $empty } uden brobygger, { $under } mangler folk.
duty-rota-coming = Kommende vagter
duty-rota-none = Der er ingen vagter de kommende uger. Opret faste vagter i vagtplanen.
duty-staffing-empty = Tom
duty-staffing-under = Mangler folk
duty-release = Fritag { $name }
duty-released = Brobyggeren er fritaget for vagten og har fået besked.
duty-rota-target = Målet i { $month }: { $min }–{ $max } vagter
duty-rota-target-lead = { $below } under målet, { $above } over målet.
duty-rota-people = Aktive brobyggere og målet
duty-rota-people-none = Afdelingen har ingen aktive brobyggere.
duty-month-taken = Vagter i måneden

error-duty-target = Skriv et helt tal fra 0 til 31.
error-duty-target-order = Det højeste antal skal være mindst 1 og ikke under det mindste.
error-duty-outside-hours = Vagten skal ligge inden for telefonens åbningstid.
error-duty-wanted = Skriv et helt tal fra 1 til 20.
error-duty-period-order = Sidste dato må ikke ligge før første dato.
error-duty-period-long = Perioden må højst være et år.
error-duty-period-past = Perioden er allerede slut.
error-duty-day-past = Vælg en dato fra i dag og frem.

email-duty-offered-subject = En vagt gives væk
email-duty-offered-body = En brobygger i din afdeling giver denne vagt væk. Den er din, hvis du tager den først (indtil { $until }).
email-duty-link = Se og tag vagter:
email-duty-handed-over-subject = Din vagt er overtaget
email-duty-handed-over-body = En anden brobygger har overtaget vagten, du gav væk. Den er fjernet fra din kalender.
email-duties-released-subject = { $volunteer } er fritaget for { $count ->
    [one] en vagt
   *[other] { $count } vagter
}
email-duties-released-body = { $volunteer } holder pause eller er stoppet, og { $count ->
    [one] den kommende vagt, hun eller han havde, er ledig igen.
   *[other] de { $count } kommende vagter, hun eller han havde, er ledige igen.
}
email-duties-released-link = Se vagterne:

privacy-purpose-enrolments-duty = Dine vagter ved rådgivningstelefonen.
privacy-purpose-duty-offers = Vagter, du giver væk til de andre brobyggere.
privacy-free-duty_slots = Afdelingens faste vagter: ugedag, tid, brobygning og antal.
privacy-free-duty_days_off = Afdelingens fridage i vagtplanen.
privacy-free-duty_shifts = Hvilken fast vagt og dato en vagt hører til.
privacy-category-duty = Vagter
privacy-category-duty-text = Hvilke vagter ved rådgivningstelefonen du har taget, og vagter du giver væk. Aldrig noget om de borgere, der ringer.
session-kind-duty = Vagt
message-kind-duty_offered = Vagt gives væk
message-kind-duty_handed_over = Vagt overtaget
message-kind-duties_released = Vagter frigivet ved pause
