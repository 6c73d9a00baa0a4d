## Supervision: the volunteer's page, the coordinators' pages and emails.

nav-supervision = Supervision
supervision-title = Supervision
supervision-lead = Supervision er en fast del af at være brobygger. Gruppesupervision er obligatorisk, og efter en svær eller belastende brobygning kan du få individuel supervision.
supervision-status = Status
supervision-standing-ok = I orden
supervision-standing-due_soon = Snart tid
supervision-standing-overdue = Overskredet
supervision-standing-paused = Pause (undtaget)
supervision-days-left = { $days ->
    [0] – senest i dag
    [one] – 1 dag tilbage
   *[other] – { $days } dage tilbage
}
supervision-days-overdue = { $days ->
    [one] – 1 dag over
   *[other] – { $days } dage over
}
supervision-last = Seneste supervision
supervision-next = Næste tilmeldte
supervision-due = Skal have deltaget senest
supervision-window = (hver { $months }. måned; dage på pause tæller ikke med)
supervision-never = Endnu ingen
supervision-none-booked = Ingen tilmelding
supervision-only-active = Kun aktive brobyggere kan melde sig til supervision. Det mangler du:
supervision-mine = Dine supervisioner
supervision-mine-none = Du er ikke tilmeldt nogen supervision.
supervision-open = Gruppesupervision i din afdeling
supervision-open-none = Der er ingen planlagte gruppesupervisioner lige nu.
supervision-full = Fuldt – venteliste
supervision-seats-left = { $n ->
    [one] 1 ledig plads
   *[other] { $n } ledige pladser
}
supervision-format-group = Gruppesupervision
supervision-format-individual = Individuel supervision
supervision-supervisor = Supervisor
supervision-supervisor-staff = medarbejder
supervision-supervisor-external = ekstern
supervision-when = Tid
supervision-where = Sted
supervision-online = Online
supervision-calendar = Hent i din kalender (.ics)
supervision-you-have-seat = Du er tilmeldt.
supervision-you-wait = Du er nummer { $position } på ventelisten.
supervision-enrol = Tilmeld mig
supervision-join-queue = Skriv mig på ventelisten
supervision-cancel = Meld afbud
supervision-leave-queue = Forlad ventelisten
supervision-enrolled = Du er tilmeldt supervisionen.
supervision-waitlisted = Supervisionen er fuld. Du er skrevet på ventelisten.
supervision-cancelled = Du er meldt fra.
supervision-request-title = Individuel supervision
supervision-request-lead = Har du haft en svær eller belastende brobygning, kan du bede om individuel supervision. Koordinatorerne i din afdeling kontakter dig. Du skal ikke skrive, hvad der skete – det taler I om sammen.
supervision-request-submit = Bed om individuel supervision
supervision-request-sent = Din anmodning er sendt til koordinatorerne.
supervision-request-already-open = Du har allerede en anmodning, som koordinatorerne er ved at besvare.
supervision-request-open = Du bad om individuel supervision { $date }. Koordinatorerne svarer senest { $by }.

supervision-staff-title = Supervision
supervision-upcoming = Kommende
supervision-recent = Afholdt de seneste 60 dage
supervision-none = Ingen.
supervision-plan = Planlæg supervision
supervision-plan-submit = Planlæg
supervision-created = Supervisionen er planlagt.
supervision-default-title = Gruppesupervision
supervision-individual-title = Individuel supervision
supervision-field-format = Form
supervision-field-title = Titel
supervision-field-supervisor = Supervisorens navn
supervision-field-supervisor-kind = Supervisor er
supervision-field-date = Dato
supervision-field-start = Fra
supervision-field-end = Til
supervision-field-location = Sted
supervision-field-online = Link til online-møde
supervision-hint-location = Adresse og lokale. Udfyld sted, link eller begge.
supervision-hint-capacity = Tomt: ubegrænset. Individuel supervision har én plads.
error-supervision-place = Skriv et sted eller et link til et online-møde.
supervision-manage = Deltagere, fremmøde, CSV og aflysning
supervision-attendance-only = Her registreres kun fremmøde – aldrig indholdet af en supervision eller noget om borgerne.
supervision-not-registered = fremmøde ikke registreret
supervision-assign = Tilmeld en brobygger
supervision-assign-who = Aktiv brobygger
supervision-assign-submit = Tilmeld
supervision-assign-none = Alle aktive brobyggere i afdelingen er tilmeldt.
supervision-assign-choose = Vælg en brobygger.
supervision-assign-not-active = Kun aktive brobyggere i afdelingen kan tilmeldes supervision.
supervision-assigned = Brobyggeren er tilmeldt og har fået besked.
supervision-assigned-waitlist = Supervisionen er fuld. Brobyggeren er skrevet på ventelisten.

supervision-overview-title = Supervisionsoversigt
supervision-overview-lead = Alle aktive brobyggere skal have deltaget i supervision inden for { $months } måneder. De, der er overskredet, står øverst.
supervision-overview-empty = Ingen aktive brobyggere.
supervision-filter = Vis
supervision-filter-all = Alle
supervision-filter-submit = Vis
supervision-csv-standing = Status
supervision-csv-last = Seneste supervision
supervision-csv-next = Næste tilmeldte
supervision-csv-due = Senest
supervision-csv-days-left = Dage tilbage

supervision-requests-title = Anmodninger om individuel supervision
supervision-requests-lead = Åbne anmodninger står øverst med fristen for at svare.
supervision-requests-none = Ingen anmodninger.
supervision-requests-open-count = { $n } åbne
supervision-request-asked = Anmodet { $date }
supervision-request-answer-by = Svar senest { $date }
supervision-request-status-scheduled = Planlagt
supervision-request-status-handled = Besvaret
supervision-request-see-session = Se supervisionen
supervision-request-schedule = Planlæg individuel supervision
supervision-request-schedule-submit = Planlæg og giv besked
supervision-request-mark-handled = Besvaret på anden vis (fx telefon)
supervision-request-scheduled = Den individuelle supervision er planlagt, og brobyggeren har fået besked.
supervision-request-handled = Anmodningen er markeret som besvaret, og brobyggeren har fået besked.
supervision-request-already-answered = Anmodningen var allerede besvaret.

settings-supervision = Supervision
settings-supervision-window = Supervision mindst hver (måneder)
settings-supervision-window-hint = Aktive brobyggere skal have deltaget i supervision inden for så mange måneder. Dage på pause tæller ikke med.
error-supervision-window = Skriv et helt antal måneder fra 1 til 24.
settings-applications = Ansøgninger
settings-reapply-months = Afviste ansøgere kan søge igen efter (måneder)
settings-reapply-months-hint = Så mange måneder efter afslaget kan en afvist ansøger søge igen. Fra 1 til 24; normalt 6.
error-reapply-months = Skriv et helt antal måneder fra 1 til 24.

agenda-title = Din kalender
agenda-upcoming = Kommende
agenda-past = Tidligere
agenda-none = Intet planlagt.
agenda-none-past = Intet endnu.

email-supervision-request-received-subject = Anmodning om individuel supervision: { $volunteer }
email-supervision-request-received-body = { $volunteer } fra { $branch } beder om individuel supervision efter en svær brobygning.
email-supervision-request-received-deadline = Svar senest { $date }.
email-supervision-request-received-link = Se og besvar anmodningen:
email-supervision-request-answered-subject = Svar på din anmodning om individuel supervision
email-supervision-request-answered-scheduled = Vi har planlagt individuel supervision til dig:
email-supervision-request-answered-handled = Din anmodning om individuel supervision er besvaret. Har du stadig brug for at tale om brobygningen, så kontakt din afdeling.
email-supervision-request-answered-link = Se din supervision:
email-supervision-due-soon-subject = Snart tid til supervision
email-supervision-due-soon-body = Som aktiv brobygger skal du deltage i supervision senest { $date }. Meld dig til en gruppesupervision i din afdeling.
email-supervision-overdue-subject = Du mangler supervision
email-supervision-overdue-body = Du skulle have deltaget i supervision senest { $date }. Meld dig til næste gruppesupervision i din afdeling, eller kontakt din koordinator.
email-supervision-link = Se supervisioner og meld dig til:

message-kind-supervision_request_received = Anmodning om supervision
message-kind-supervision_request_answered = Svar på anmodning om supervision
message-kind-supervision_due_soon = Supervision snart
message-kind-supervision_overdue = Supervision overskredet

supervision-sessions-table = Supervisionsmøder
