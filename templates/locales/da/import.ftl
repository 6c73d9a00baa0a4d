## Import of brobyggere and coordinators from before Brobyg (/admin/import).

import-title = Importér brobyggere
import-card = Hent brobyggere og koordinatorer fra før Brobyg ind fra et regneark.
import-lead = Indsæt indholdet af en CSV-fil, som Excel gemmer den (semikolon eller komma, UTF-8). Først vises en prøvekørsel med hver række og hvert problem; intet gemmes, før du bekræfter – og så gemmes alle rækker eller ingen.
import-columns-volunteers = Brobyggere: navn; email; telefon; afdeling; status (ansøger, i uddannelse, aktiv, pause, alumne); uddannet_dato; gennemfoerte_moduler (fx 1,2,3); tavshedserklaering_version; tavshedserklaering_dato; sidste_supervision; studie; institution; noter_til_koordinator. Datoer som dd.mm.åååå eller åååå-mm-dd.
import-columns-coordinators = Koordinatorer: navn; email; afdelinger (navne adskilt af komma).
import-kind = Hvem importeres?
import-kind-volunteers = Brobyggere
import-kind-coordinators = Koordinatorer
import-file = Vælg CSV-filen (den læses ind i feltet nedenfor)
import-filename = Filens navn
import-content = Filens indhold
import-content-hint = Åbn CSV-filen i en teksteditor, markér alt, kopiér og indsæt her – overskriftslinjen først.
import-preview-submit = Vis prøvekørsel
import-preview-title = Prøvekørsel af importen
import-counts = { $created } oprettes, { $updated } opdateres, { $unchanged } er uændrede.
import-problems-title = { $count ->
    [one] Et problem i filen
   *[other] { $count } problemer i filen
}
import-problem-at = Linje { $line }, kolonne { $column }
import-problem-line = Linje { $line }
import-nothing-written = Intet er gemt. Ret filen, og prøv igen.
import-col-line = Linje
import-col-action = Sker
import-action-create = Oprettes
import-action-update = Opdateres
import-action-unchanged = Uændret
import-action-problem = Fejl
import-confirm = Importér
import-confirm-hint = Filen tjekkes igen, når du importerer. Ingen får en e-mail, før du vælger "Send velkomstmail".
import-nothing-to-do = Alle rækker er allerede importeret; der er intet at gemme.
import-start-over = Start forfra
import-done-title = Importen er gemt
import-done-counts = { $created } oprettet, { $updated } opdateret, { $unchanged } uændrede.
import-another = Importér en fil mere
import-welcome-heading = Velkomstmail
import-welcome-hint = { $count ->
    [one] En person fra importen har endnu ingen adgangskode. Velkomstmailen giver et link til at vælge en (gyldigt i 14 dage).
   *[other] { $count } personer fra importen har endnu ingen adgangskode. Velkomstmailen giver hver et link til at vælge en (gyldigt i 14 dage).
}
import-welcome-send = Send velkomstmail
user-welcome-heading = Velkomstmail
user-welcome-hint = Brugeren har endnu ingen adgangskode. Velkomstmailen giver et link til at vælge en (gyldigt i 14 dage).
flash-welcome-sent = Velkomstmailen er sendt.
flash-welcome-none = Ingen fik en velkomstmail: alle har allerede en adgangskode.

import-error-too-large = Filen er for stor (højst 4 MB).
import-error-encoding = Filen er ikke UTF-8. Gem den i Excel som "CSV UTF-8 (kommasepareret)".
import-error-unreadable = Linjen kan ikke læses som CSV (tjek anførselstegn).
import-error-empty = Filen er tom.
import-error-no-rows = Filen har kun en overskriftslinje og ingen rækker.
import-error-too-many-rows = Filen har for mange rækker (højst 10.000).
import-error-column-twice = Kolonnen står to gange.
import-error-unknown-column = Kolonnen kendes ikke.
import-error-missing-column = Kolonnen mangler.
import-error-extra-cells = Rækken har flere celler end overskriftslinjen.
import-error-date = Skriv datoen som dd.mm.åååå eller åååå-mm-dd.
import-error-duplicate-email = E-mailadressen står allerede på en tidligere linje.
import-error-branch = Afdelingen findes ikke.
import-error-status = Status skal være ansøger, i uddannelse, aktiv, pause eller alumne.
import-error-modules = Skriv modulernes numre fra 1 til 10, adskilt af komma, fx 1,2,3.
import-error-version = Versionen skal være et helt tal, fx 1.

history-prior-title = Før Brobyg
history-prior-course = Forberedelseskurset (20 timer) gennemført før Brobyg
history-prior-modules = Modul { $modules } gennemført før Brobyg
history-prior-declaration = Tavshedserklæring (version { $version }) underskrevet før Brobyg
history-prior-imported = gennemført før Brobyg, importeret { $date } af { $by }
history-prior-commandline = kommandolinjen
history-prior-study = Studie
history-prior-notes = Noter til koordinator

message-kind-import_welcome = Velkomst (import)
email-import-welcome-subject = Velkommen til Brobyg hos Social Sundhed
email-import-welcome-body = Social Sundhed har taget et nyt system i brug, Brobyg, og du er flyttet med – med dit forberedelseskursus og din tavshedserklæring. Vælg en adgangskode, så kan du se din side, tilmelde dig supervision og brobyggeraftener.
email-import-welcome-button = Vælg adgangskode
email-import-welcome-expiry = Linket virker i 14 dage. Du kan altid få et nyt via "Glemt adgangskode".

import-waiting-heading = Venter på velkomstmail
import-waiting-lead = Importerede personer, der endnu ikke har valgt en adgangskode. De får ingen e-mail, før du sender velkomstmailen: et link til at vælge adgangskode, der virker i 14 dage. Du kan sende den igen, hvis linket er udløbet.
import-waiting-group = Import
import-waiting-volunteers = Brobyggere importeret { $date }
import-waiting-coordinators = Koordinatorer
import-waiting-people = Uden adgangskode
import-waiting-welcomed = Heraf fået velkomstmail før
import-waiting-send = { $count ->
    [one] Send velkomstmail til 1
   *[other] Send velkomstmail til { $count }
}
