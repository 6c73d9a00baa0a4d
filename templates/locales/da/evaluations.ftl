## Kursusevaluering (GenLær)

evaluation-title = Evaluér kurset
evaluation-lead = Tak fordi du deltog i { $title } den { $date }. Fortæl os, hvordan det var: det tager et par minutter.
evaluation-anonymous = Dine svar er anonyme: linket viser kun, at du deltog, og svaret gemmes uden dit navn eller din e-mailadresse. Linket kan bruges én gang.
evaluation-question-relevance = Hvor relevant var kurset for dit arbejde?
evaluation-question-teachers = Hvordan oplevede du underviserne?
evaluation-question-transfer = Hvor meget tager du med tilbage til dit arbejde?
evaluation-short-relevance = Relevans
evaluation-short-teachers = Undervisere
evaluation-short-transfer = Til arbejdet
evaluation-scale-1 = 1 – Slet ikke
evaluation-scale-2 = 2 – I ringe grad
evaluation-scale-3 = 3 – I nogen grad
evaluation-scale-4 = 4 – I høj grad
evaluation-scale-5 = 5 – I meget høj grad
evaluation-comment = Kommentar
evaluation-comment-hint = Skriv ikke navne eller andre personlige oplysninger om dig selv eller andre. Højst 1.500 tegn.
evaluation-submit = Send evaluering
evaluation-until = Linket virker til og med { $date }.
evaluation-error-choose = Vælg et svar fra 1 til 5.
evaluation-error-scale = Svaret skal være et tal fra 1 til 5.
evaluation-closed-unknown-title = Linket findes ikke
evaluation-closed-unknown = Vi kender ikke dette evalueringslink. Tjek, at du har kopieret hele linket fra e-mailen.
evaluation-closed-used-title = Evalueringen er allerede sendt
evaluation-closed-used = Der er allerede svaret via dette link. Tak for din evaluering.
evaluation-closed-expired-title = Linket er udløbet
evaluation-closed-expired = Fristen for at evaluere kurset er overskredet, så linket virker ikke længere.
evaluation-to-catalogue = Se GenLær-kurserne
evaluation-thanks-title = Tak for din evaluering
evaluation-thanks = Dit svar er gemt uden dit navn. Vi bruger evalueringerne til at gøre kurserne bedre.
evaluation-to-my-courses = Gå til Mine kurser (kursusbevis)

## Resultater for koordinatorer

evaluation-link = Evaluering
evaluation-course-results-link = Evalueringer af kurset
evaluation-results-title = Evaluering af holdet
evaluation-course-title = Evalueringer af kurset
evaluation-course-link = Alle hold af { $course } over tid
evaluation-response = { $answers } svar af { $invited } inviterede
evaluation-of-invited = { $answers } af { $invited }
evaluation-no-answers = Der er ingen svar endnu. Deltagerne får et evalueringslink, når holdet markeres som afholdt.
evaluation-no-answers-course = Der er ingen svar endnu fra kursets hold.
evaluation-few-answers = Der er få svar: pas på, at kommentarerne ikke kan føres tilbage til den enkelte deltager.
evaluation-averages = Gennemsnit
evaluation-averages-all = Gennemsnit for alle hold
evaluation-average = gennemsnit
evaluation-scale-hint = Skala fra 1 (slet ikke) til 5 (i meget høj grad).
evaluation-distribution = Fordeling af svar
evaluation-comments = Kommentarer
evaluation-no-comments = Ingen har skrevet en kommentar.
evaluation-over-time = Over tid
evaluation-course-chart = Gennemsnit pr. hold (1–5)
evaluation-sessions = Hold
evaluation-col-session = Hold
evaluation-col-answers = Svar
evaluation-col-rating = Svar på skalaen
evaluation-dashboard-title = Kursusevalueringer { $year }
evaluation-dashboard-answers = svar af { $invited } inviterede
evaluation-dashboard-none = Ingen evalueringer endnu i år.

## E-mail

email-evaluation-invite-subject = Evaluér kurset: { $session_title }
email-evaluation-invite-body = Tak fordi du deltog i { $title }. Vi vil gerne høre, hvad du fik ud af kurset: tre korte spørgsmål og plads til en kommentar.
email-evaluation-invite-anonymous = Linket er personligt og kan bruges én gang, men dit svar er anonymt: det gemmes uden dit navn.
email-evaluation-invite-button = Evaluér kurset
email-evaluation-invite-until = Linket virker til og med { $date }.
email-evaluation-invite-certificate = Dit kursusbevis kan hentes under Mine kurser, når du er logget ind.
message-kind-evaluation_invite = Kursusevaluering
evaluation-teachers-share = Del resultaterne med underviserne
evaluation-teachers-share-hint = Underviserne har ingen konto. Send dem dette link: det viser kun disse resultater (svarene er anonyme) og kan ikke bruges til andet. Linket gælder, indtil systemets hemmelige nøgle skiftes.
evaluation-teachers-link = Link til underviserne
