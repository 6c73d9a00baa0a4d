# The coordinator's start page: what to do, most urgent first.
tasks-title = Det skal gøres
tasks-count = { $count ->
    [one] 1 opgave
   *[other] { $count } opgaver
}
tasks-none = Der er ingen opgaver lige nu: ingen venter på svar, og intet skal registreres.
tasks-due = frist { $date }
tasks-late = frist overskredet { $date }
tasks-more = Se alle { $count }
tasks-branches = Afdelinger
tasks-notifications-weekly = Du får en oversigt over opgaverne hver mandag morgen. Skift indstilling
tasks-notifications-daily = Du får en oversigt over opgaverne hver morgen. Skift indstilling
tasks-notifications-never = Du får ingen oversigt over opgaverne på e-mail. Skift indstilling
task-kind-supervision_request = { $count ->
    [one] 1 anmodning om individuel supervision skal besvares
   *[other] { $count } anmodninger om individuel supervision skal besvares
}
task-kind-intro_conversation = { $count ->
    [one] 1 ansøger venter på en introsamtale
   *[other] { $count } ansøgere venter på en introsamtale
}
task-kind-application = { $count ->
    [one] 1 ansøgning venter på svar efter introsamtalen
   *[other] { $count } ansøgninger venter på svar efter introsamtalen
}
task-kind-ready_to_activate = { $count ->
    [one] 1 brobygger er klar til at blive aktiveret
   *[other] { $count } brobyggere er klar til at blive aktiveret
}
task-kind-booking = { $count ->
    [one] 1 bestilling af et GenLær-kursus venter på svar
   *[other] { $count } bestillinger af GenLær-kurser venter på svar
}
task-kind-missing_requirement = { $count ->
    [one] 1 aktiv brobygger mangler et nyt krav
   *[other] { $count } aktive brobyggere mangler et nyt krav
}
task-kind-overdue_supervision = { $count ->
    [one] 1 brobygger er over tiden til supervision
   *[other] { $count } brobyggere er over tiden til supervision
}
task-kind-pause_ending = { $count ->
    [one] 1 pause slutter inden for en uge
   *[other] { $count } pauser slutter inden for en uge
}
task-kind-attendance = { $count ->
    [one] 1 afholdt møde mangler fremmøde
   *[other] { $count } afholdte møder mangler fremmøde
}
task-kind-mark_held = { $count ->
    [one] 1 hold er slut og skal markeres som afholdt
   *[other] { $count } hold er slut og skal markeres som afholdt
}
task-kind-overdue_invoice = { $count ->
    [one] 1 faktura er forfalden og ikke betalt
   *[other] { $count } fakturaer er forfaldne og ikke betalt
}
task-kind-erasure = { $count ->
    [one] 1 anmodning om sletning skal behandles
   *[other] { $count } anmodninger om sletning skal behandles
}

# Volunteers by status, as counted on the start page.
volunteer-count-applicant = { $count ->
    [one] 1 ansøger
   *[other] { $count } ansøgere
}
volunteer-count-approved = { $count ->
    [one] 1 godkendt
   *[other] { $count } godkendte
}
volunteer-count-in_training = { $count ->
    [one] 1 i uddannelse
   *[other] { $count } i uddannelse
}
volunteer-count-active = { $count ->
    [one] 1 aktiv
   *[other] { $count } aktive
}
volunteer-count-paused = { $count ->
    [one] 1 på pause
   *[other] { $count } på pause
}

# /konto/notifikationer
notifications-title = E-mails om dine opgaver
notifications-lead = Vælg, hvor ofte du vil have en oversigt over de åbne opgaver i dine afdelinger, og om du vil have besked med det samme, når der sker noget nyt.
notifications-digest = Oversigt over åbne opgaver
notifications-digest-weekly = Hver mandag morgen
notifications-digest-daily = Hver morgen
notifications-digest-never = Aldrig
notifications-immediate = Send mig en e-mail med det samme ved nye ansøgninger, bestillinger og anmodninger om supervision
notifications-immediate-hint = Oversigten sendes kl. 7, og kun når der er noget at gøre.
flash-notifications-saved = Dine valg om e-mails er gemt.

# Emails to staff.
email-new-application-subject = Ny ansøgning: { $applicant }
email-new-application-body = { $applicant } har søgt om at blive brobygger i { $branch }.
email-new-application-link = Læs ansøgningen og aftal en introsamtale:
email-new-booking-subject = Ny bestilling af GenLær: { $booking_organisation }
email-new-booking-body = { $organisation } ønsker kurset "{ $course }" for { $participants } deltagere mellem { $from } og { $to }.
email-new-booking-branch = Afdeling: { $branch }
email-new-booking-link = Se og besvar bestillingen:
email-task-digest-subject = Dine opgaver i Brobyg
email-task-digest-weekly = Her er ugens oversigt over de åbne opgaver.
email-task-digest-daily = Her er dagens oversigt over de åbne opgaver.
email-task-digest-link = Se alle opgaver:
email-task-digest-settings = Du kan vælge, hvor ofte du får denne e-mail, under "E-mails om dine opgaver" på din startside.
