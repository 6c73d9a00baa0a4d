## Validation messages, shown beside the field.

error-required = Udfyld feltet.
error-too-long = Teksten er for lang.
error-control-characters = Teksten indeholder usynlige styretegn, som ikke kan gemmes. Skriv den igen uden dem.
error-invalid-utf8 = Teksten indeholder tegn, der ikke kunne læses (ugyldig UTF-8), vist som �. Skriv den igen.
error-email-invalid = Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.
error-password-too-short = Adgangskoden skal være på mindst 10 tegn.
error-password-mismatch = De to adgangskoder er ikke ens.
error-password-wrong = Den nuværende adgangskode er forkert.
error-name-taken = Navnet er allerede i brug.
error-choose-branch = Vælg mindst én afdeling.

error-login-failed = Forkert e-mail eller adgangskode.
error-login-throttled = For mange mislykkede forsøg herfra. Vent lidt, og prøv igen – eller nulstil din adgangskode.
error-login-unverified = Du skal bekræfte din e-mailadresse først. Vi har sendt dig et nyt link.
error-login-deactivated = Kontoen er deaktiveret. Kontakt din afdeling, hvis det er en fejl.

## Error pages

error-page-status = Fejlkode { $status }
error-page-home = Til forsiden
error-page-400-title = Forespørgslen kunne ikke forstås
error-page-400-text = Siden fik noget, den ikke kunne bruge. Gå tilbage og prøv igen.
error-page-403-title = Du har ikke adgang til siden
error-page-403-text = Siden hører til en anden rolle eller afdeling end din. Mener du, at du burde have adgang, så kontakt din koordinator.
error-page-csrf-title = Formularen er udløbet
error-page-csrf-text = Af sikkerhedshensyn kunne formularen ikke sendes. Gå tilbage, genindlæs siden og prøv igen.
error-page-404-title = Siden findes ikke
error-page-404-text = Vi kan ikke finde siden. Den kan være flyttet eller slettet.
error-page-413-title = Det sendte er for stort
error-page-413-text = Formularen indeholdt mere tekst, end siden kan modtage. Gå tilbage, forkort teksten og prøv igen.
error-page-405-title = Handlingen er ikke mulig her
error-page-405-text = Siden kan ikke bruges på den måde.
error-page-500-title = Der skete en fejl
error-page-500-text = Noget gik galt hos os. Fejlen er logget; prøv igen om lidt.
error-code-wrong = Koden passer ikke. Tjek, at telefonens ur går rigtigt, og prøv med den nye kode, appen viser.
error-reprove-wrong = Det passer ikke. Prøv igen.
error-second-factor-required = Som koordinator eller administrator kan du ikke slå totrinslogin fra – men du kan flytte det til en ny telefon.
