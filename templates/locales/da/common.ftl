## Layout, navigation and words used everywhere.

skip-to-content = Gå til indhold
nav-main = Hovedmenu
nav-login = Log ind
nav-logout = Log ud
nav-account = Min konto
nav-admin = Administration
nav-coordinator = Koordinator
nav-volunteer = Mit brobyggerforløb
switch-language = English
footer-about = Social Sundhed er en landsdækkende, medlemsbaseret NGO, der arbejder for mere lighed i sundhed.
footer-phone-hours = Rådgivningstelefonerne har åbent på hverdage kl. 8.00-15.30. Ingen henvisning, ingen venteliste.

optional = valgfrit
choose = Vælg …
save = Gem
create = Opret
edit = Rediger
search = Søg
actions = Handlinger
next = Næste
previous = Forrige
pagination = Sider
pager-position = { $first }–{ $last } af { $total }
no = Nej
form-has-errors = Formularen er ikke udfyldt korrekt
title-error-prefix = Fejl:

field-name = Fulde navn
field-email = E-mail
field-phone = Telefon
field-address = Adresse
field-region = Region
field-head-office = Regionskontor
field-password = Adgangskode
field-new-password = Ny adgangskode
field-password-confirm = Gentag adgangskoden
field-current-password = Nuværende adgangskode
hint-password = Mindst 10 tegn. En sætning, du kan huske, er bedre end et kort, indviklet ord.

role-admin = Administrator
role-regional = Regional koordinator
regional-coordinator-of = Regional koordinator: { $regions }
role-coordinator = Koordinator
role-volunteer = Brobygger
role-professional = Fagperson

volunteer-status-applicant = Ansøger
volunteer-status-approved = Godkendt
volunteer-status-in_training = I uddannelse
volunteer-status-active = Aktiv
volunteer-status-paused = Pause
volunteer-status-alumni = Alumne
volunteer-status-rejected = Afvist

flash-saved = Ændringerne er gemt.
flash-saved-grace = Ændringerne er gemt. Aktive brobyggere uden børneattest har fået en frist og besked pr. e-mail.
flash-logged-out = Du er logget ud.

## Front page

home-title = Brobyg – kurser og brobyggere i Social Sundhed
home-lead = Social Sundhed arbejder for mere lighed i sundhed. Frivillige brobyggere følger mennesker i udsatte positioner til aftaler i sundhedsvæsenet, og gennem GenLær underviser vi dem, der arbejder i og med velfærdssystemet.
home-card-genlaer = GenLær-kurser for fagpersoner
home-card-genlaer-text = Efteruddannelse om social ulighed i sundhed, sundhedskompetence og inkluderende praksis – som åbne kurser eller bestilt til jeres arbejdsplads.
home-card-genlaer-link = Opret en konto
home-card-brobygger = Bliv brobygger
home-card-brobygger-text = Er du studerende på en sundheds-, social- eller samfundsfaglig uddannelse? Som brobygger får du et forberedelseskursus på 20 timer, supervision og et fællesskab med andre frivillige.
home-card-staff = Medarbejdere og frivillige
home-card-staff-text = Koordinatorer, administratorer og brobyggere logger ind her.
home-facts-heading = Social Sundhed i 2025
home-fact-volunteers = frivillige brobyggere
home-fact-accompaniments = ledsagelser
home-fact-people = mennesker hjulpet
home-fact-hours = frivillige timer
home-welcome = Velkommen, { $name }
home-signed-in-lead = Her er det, du kan gå i gang med.
home-card-volunteer = Mit brobyggerforløb
home-card-volunteer-text = Se din status, dine kommende aftaler og hvad du mangler.
home-card-coordinator = Mine afdelinger
home-card-coordinator-text = Ansøgere, hold, supervision og brobyggeraftener i dine afdelinger.
home-card-admin = Administration
home-card-admin-text = Regioner, afdelinger, brugere og udsendte beskeder.
home-card-professional = GenLær
home-card-professional-text = Dine kurser og tilmeldinger.

## Coordinator and volunteer start pages

coordinator-title = Mine afdelinger
coordinator-no-branches = Du er ikke koordinator for nogen afdeling endnu.
volunteer-title = Mit brobyggerforløb
volunteer-branch = Afdeling
volunteer-status = Status
coordinator-volunteers = Brobyggere
coordinator-no-volunteers = Afdelingen har ingen brobyggere endnu.
coordinator-all-statuses = Alle
coordinator-search = Navn eller e-mail
coordinator-no-match = Ingen brobyggere passer til søgningen.

# Phones: the header's menu
nav-menu = Menu
