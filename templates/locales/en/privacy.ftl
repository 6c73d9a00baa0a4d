## The privacy notice and the record of processing, generated from the
## registry of personal data (src/domain/privacy).

footer-privacy = Privacy notice
privacy-title = Privacy notice
privacy-lead = What personal data Brobyg stores about you, why, on which legal basis and for how long. This page is generated from the same list the system itself is checked against, so it changes when the system does.
privacy-controller = The controller is Social Sundhed (the national secretariat), a national, member-based NGO.
privacy-no-cpr = We collect only what is necessary. We never ask for your CPR number; your birth year at most.
privacy-what-heading = What we store
privacy-recipients-heading = Who sees the data
privacy-recipients = Only the staff and coordinators who need the data for their work see it. Our processors (hosting and email delivery) handle it under an agreement with us; it is not passed on to anyone else, except invoice details to the organisation that pays. Nothing is transferred outside the EU/EEA.
privacy-rights-heading = Your rights
privacy-right-access = You have the right to see the data we hold about you.
privacy-right-rectification = You have the right to have wrong data corrected.
privacy-right-erasure = You have the right to have data erased when we may or must no longer keep it.
privacy-right-restriction = You have the right to have processing restricted while an objection is looked into.
privacy-right-portability = You have the right to receive the data you gave us in a common machine-readable format.
privacy-right-objection = You have the right to object to processing based on our legitimate interest.
privacy-right-withdraw = If you gave consent, you can withdraw it at any time; this applies from then on.
privacy-contact-heading = Contact
privacy-contact = Write to your local branch or to Social Sundhed's national secretariat to use your rights or to ask about your data.
privacy-complaint = You can complain to the Danish Data Protection Agency, Datatilsynet (www.datatilsynet.dk).

privacy-record-title = Record of processing activities
privacy-record-card = What personal data Brobyg stores, why, for how long and what erasure does (Art. 30), also as CSV.
privacy-record-lead = The record under Article 30 of the GDPR: every table and column with personal data, its category, purpose, legal basis, retention rule and what erasure does. It is generated from the registry in the code, which a test holds against the database schema.
privacy-record-security = Security: passwords are stored only as hashes, staff sign in with two-step login, every export of personal data and every change made by staff is written to the audit log, and connections are encrypted.
privacy-record-csv = Download the record as CSV
privacy-record-free-heading = Tables without personal data
privacy-record-free-text = These tables have been reviewed and hold no personal data:

privacy-col-table = Table
privacy-col-columns = Columns
privacy-col-category = Category
privacy-col-purpose = Purpose
privacy-col-basis = Legal basis
privacy-col-retention = Retention
privacy-col-erasure = On erasure

privacy-category-contact = Contact details
privacy-category-contact-text = The name, email, phone and language of your account; the contact person of a booking; the names of teachers, supervisors and speakers on the programme.
privacy-category-account = Account and login
privacy-category-account-text = What it takes for you to sign in safely: password (only as a hash), two-step login, sessions, one-time links and your roles.
privacy-category-application = Application as a brobygger
privacy-category-application-text = Your application: study programme, institution, semester, motivation, availability, birth year if given, the intro conversation and the decision.
privacy-category-volunteering = Volunteering
privacy-category-volunteering-text = Your status as a brobygger, breaks and their reasons, the date of a child certificate (never its content), deadlines and your answers to volunteer evenings.
privacy-category-training = Preparation course
privacy-category-training-text = Your seat in a cohort, attendance at the modules and modules you make up in another cohort.
privacy-category-declaration = Confidentiality declaration
privacy-category-declaration-text = Which version of the confidentiality declaration you signed, with which name and when.
privacy-category-supervision = Supervision
privacy-category-supervision-text = Your seats and attendance at supervision, supervision requests and reminders.
privacy-category-genlaer = GenLær participation
privacy-category-genlaer-text = Your GenLær enrolments with workplace and job title, attendance and course certificates.
privacy-category-invoice = Invoicing
privacy-category-invoice-text = Details for the invoice of a GenLær course: organisation, EAN or CVR number, address and reference.
privacy-category-needs = Special needs
privacy-category-needs-text = Needs you tell us when enrolling, such as diet or accessibility. They may be health data, so they are kept only briefly.
privacy-category-messages = Messages sent
privacy-category-messages-text = The emails we send you: recipient, subject, status and the text itself.
privacy-category-logs = Logs
privacy-category-logs-text = Failed logins and password reset requests (against abuse) and the audit log of staff actions.

privacy-basis-art6-1-a = consent
privacy-basis-art6-1-b = a contract with you, or steps you asked for before one
privacy-basis-art6-1-c = a legal obligation
privacy-basis-art6-1-f = legitimate interest
privacy-basis-art9-2-a = explicit consent to health data

privacy-retention-account-in-use = As long as the account is used. An account never confirmed and without enrolments is deleted after 30 days; after 3 years without activity it is anonymised.
privacy-retention-declined-application = A declined application is deleted 6 months after the decision; an accepted one is kept while you volunteer and anonymised 3 years after your last activity.
privacy-retention-three-years-inactive = Anonymised 3 years after your last activity; facts of issued course certificates are kept.
privacy-retention-supervision-after-leaving = Deleted 2 years after you stopped as a brobygger.
privacy-retention-until-leaving = Deleted when you stop as a brobygger.
privacy-retention-needs-after-session = Deleted 30 days after the course is held.
privacy-retention-message-body = The text is deleted 90 days after delivery.
privacy-retention-message-envelope = Recipient, subject and status are kept as a record of what was sent, as long as the account; they are anonymised with it.
privacy-retention-bookkeeping = 5 years after the end of the financial year (Danish Bookkeeping Act).
privacy-retention-certificate = As long as the certificate must be verifiable at /bevis.
privacy-retention-login-session = Until you log out, and at most 14 days after last use.
privacy-retention-token = Until the link or code is used or expires.
privacy-retention-throttle = One day.
privacy-retention-audit-trail = Kept; the log cannot be changed and names nobody: a person appears only as an account number, which becomes anonymous when the account is anonymised.
privacy-retention-programme = Kept with the programme of the course or meeting; removed on request.

privacy-erasure-delete = Deleted
privacy-erasure-anonymise = Anonymised (numbers and history kept)
privacy-erasure-keep-for-bookkeeping = Kept as long as the Bookkeeping Act requires
privacy-erasure-keep-certificate = Kept so that the certificate can be verified

privacy-purpose-users-contact = Your account: name, email (and a new address while it waits for your confirmation), phone and language, so we can contact you and show the site in your language.
privacy-purpose-users-account = Safe login: password (only as a hash), confirmed email, deactivation and your private calendar link.
privacy-purpose-user-roles = Your roles (brobygger, professional, coordinator, administrator), which decide what you can see and do.
privacy-purpose-coordinator-branches = Which branches a coordinator works for.
privacy-purpose-volunteers-status = Your status as a brobygger (in training, active, on a break, alumnus) and your branch.
privacy-purpose-volunteers-supervision = When you last attended supervision, so we can remind you of the next.
privacy-purpose-user-tokens = One-time links to confirm an email, reset a password and accept an invitation.
privacy-purpose-login-failures = Failed logins (email, IP address, time), so we can slow down attempts to guess passwords.
privacy-purpose-reset-requests = Password reset requests (email, IP address, time), so nobody can flood an inbox.
privacy-purpose-staff-notifications = How often you, as a coordinator, want emails about your tasks.
privacy-purpose-task-digests = When you got the summary of your tasks, so that it is sent only once.
privacy-purpose-login-sessions = Your login sessions with browser, IP address and times, so you can see and end them.
privacy-purpose-second-factors = The key of your two-step login.
privacy-purpose-recovery-codes = Your two-step login recovery codes (only as hashes).
privacy-purpose-outbox-body = The text of the emails we send you, so they can be sent again if delivery fails.
privacy-purpose-outbox-envelope = Recipient, subject and status of sent emails as a record of what we sent.
privacy-purpose-enrolments-cohort = Your seat in a preparation course cohort.
privacy-purpose-enrolments-supervision = Your seat at a supervision.
privacy-purpose-enrolments-evening = Your seat at a volunteer evening.
privacy-purpose-enrolments-genlaer = Your seat or waiting-list place on a GenLær course.
privacy-purpose-attendance-cohort = Your attendance at the preparation course modules, which decides whether you can be activated.
privacy-purpose-attendance-supervision = Your attendance at supervision, which is mandatory for active brobyggere.
privacy-purpose-attendance-genlaer = Your attendance at a GenLær course, which entitles you to a certificate.
privacy-purpose-reminders-sent = Which meeting reminders you have had, so you do not get them twice.
privacy-purpose-volunteer-applications = Your application as a brobygger, the intro conversation and the decision with its reason.
privacy-purpose-volunteer-status-changes = The history of your status with when, why and who changed it.
privacy-purpose-declaration-signatures = Your signature on the confidentiality declaration: version, name and time.
privacy-purpose-volunteer-checks = The date of a branch requirement, such as a child certificate having been obtained; never the certificate's content.
privacy-purpose-prior-training = The preparation course modules you completed before Brobyg, as your branch imported them: module, date, when and by whom they were imported.
privacy-purpose-volunteer-imports-record = That you moved with us from before Brobyg: when and by whom.
privacy-purpose-volunteer-imports-studies = Your study programme and institution, as your branch had recorded them before Brobyg.
privacy-purpose-volunteer-imports-notes = The coordinator's notes from before Brobyg, such as languages you speak; for the coordinators only.
privacy-purpose-volunteer-imports-supervision = The date of your last supervision before Brobyg.
privacy-purpose-requirement-grace = A deadline you were given to meet a requirement.
privacy-purpose-coordinator-regions = Which regions a regional coordinator works for.
privacy-purpose-volunteer-moves = When you moved as a volunteer from one branch to another.
privacy-purpose-cohort-makeups = A module you make up in another cohort.
privacy-purpose-bookings-contact = The contact person of an organisation's GenLær booking and their message to us.
privacy-purpose-bookings-invoice = Invoice details of a booking: organisation, EAN or CVR number, address and reference.
privacy-purpose-genlaer-teachers = The teachers' names in the course programme.
privacy-purpose-genlaer-participants = Your name, workplace and job title on a GenLær enrolment.
privacy-purpose-genlaer-needs = Special needs you tell us yourself (such as diet or accessibility), so the course can meet them.
privacy-purpose-genlaer-invoice = Invoice details of your enrolment: EAN or CVR number, address and reference.
privacy-purpose-certificates = Your course certificate: name, course, dates and hours, so it can be downloaded and verified.
privacy-purpose-supervisors = The supervisor's name in the programme.
privacy-purpose-evening-speakers = The speaker's name in the programme of a volunteer evening.
privacy-purpose-supervision-requests = Your request for supervision and its answer.
privacy-purpose-supervision-notices = Supervision reminders we have sent you.
privacy-purpose-evening-answers = Your answer to the invitation to a volunteer evening.
privacy-purpose-brobygninger = The brobygninger (accompaniments) you registered: date, programme, time, whether there was a briefing and a debriefing and with which counsellor. Nothing about the citizen. On erasure the counts stay, without your name.
privacy-purpose-brobygning-month-people = Your brobygninger summed per branch and month: how many and how much time, with your name, so that the counsellors see the month's brobyggere by name. On erasure the numbers join those of others erased, without your name.
privacy-purpose-session-messages = Messages a coordinator wrote to the participants of a session, and who wrote them.
privacy-purpose-audit-log = The audit log: which staff viewed, exported or changed data, and when.
privacy-purpose-erasure-requests = Your request to be erased and when it was carried out, as a record that we erased your data.

privacy-free-regions = The regions of Social Sundhed.
privacy-free-branches = The branches' own office details (shared address, phone and mailbox), not a person's.
privacy-free-volunteer_counts = How many volunteers each branch has in each status: numbers, no people.
privacy-free-pending_application_counts = How many applications wait in each branch, and how many of those have had their intro conversation: numbers, no people.
privacy-free-brobygning_month_totals = Each branch's brobygninger summed by month, programme and briefing: numbers, no people.
privacy-free-sessions = Courses, cohorts, supervision and evenings: title, place and times, not who takes part.
privacy-free-meetings = The dates and places of a session's meetings.
privacy-free-declaration_requirements = Which version of the confidentiality declaration everyone must sign; the administrator who required it is in the audit log.
privacy-free-declaration_versions = The confidentiality declaration's versions as published; the administrator who published a version is in the audit log.
privacy-free-course_modules = The preparation course's modules (title, hours and text); the administrator who last edited a module is in the audit log.
privacy-free-branch_volunteer_settings = A branch's rules for activation and supervision.
privacy-free-cohort_details = A cohort's graduation: time and place.
privacy-free-cohort_meeting_modules = Which module a cohort's meeting teaches.
privacy-free-courses = The GenLær catalogue.
privacy-free-retention_settings = How many days each retention rule keeps data; who changed it is in the audit log.
privacy-free-retention_runs = When the retention rules ran and how many rows they deleted: counts only, no names.

privacy-record-heading = Record of processing

retention-heading = Automatic deletion
retention-lead = The site deletes personal data by itself when it is no longer needed. Each rule runs once a day. You can change how many days the rules keep the data, but only within the legal limits.
retention-col-rule = Rule
retention-col-days = Days
retention-col-last-run = Last run
retention-col-day = Day
retention-days-unit = days
retention-range = Allowed: { $min }–{ $max } days (default { $default }).
retention-last-run = { $count ->
    [one] { $count } row deleted
   *[other] { $count } rows deleted
}
retention-never = Not run yet
retention-save = Save retention periods
retention-report-heading = Runs in the last { $days } days
retention-report-text = The number of rows each rule deleted or cleared per day. The report shows counts only, never who.
retention-report-none = No runs yet.
retention-rule-declined_applications = Declined applications
retention-rule-declined_applications-text = Deleted this many days after the decision.
retention-rule-unconfirmed_accounts = Unconfirmed accounts
retention-rule-unconfirmed_accounts-text = Accounts whose email address was never confirmed and that have no enrolments, applications or roles are deleted this many days after they were made.
retention-rule-needs = Special needs
retention-rule-needs-text = GenLær participants' special needs (diet, accessibility) are deleted this many days after the course was held.
retention-rule-message_bodies = Text of sent emails
retention-rule-message_bodies-text = The text of a sent email is deleted this many days after delivery; recipient, subject and status are kept.
retention-rule-supervision_after_leaving = Supervision of brobyggere who left
retention-rule-supervision_after_leaving-text = Supervision attendance, requests and reminders are deleted this many days after the brobygger left.
retention-rule-checks_after_leaving = Child-protection certificates of brobyggere who left
retention-rule-checks_after_leaving-text = The date of the certificate and any deadlines are deleted this many days after the brobygger left.
retention-rule-inactive_accounts = Accounts unused for years
retention-rule-inactive_accounts-text = Alumni and professionals who have not logged in, taken part or changed anything for this many days are erased as on a request to be erased. Certificates and invoice details are kept.
error-retention-days = Enter a whole number of days within the range allowed for the rule.
flash-retention-saved = The retention periods are saved.
flash-retention-unchanged = The retention periods were unchanged.
message-body-cleared = The text was deleted under the retention rules. Recipient, subject and status are kept.

## Erasure (GDPR Art. 17)
erasure-title = Erase my data
erasure-lead = You can ask us to erase the data we hold about you. An administrator reviews your request and carries it out, usually within a month. Afterwards you can no longer log in, and your seats in cohorts and courses that have not taken place yet go to those on the waiting list.
erasure-pending = You asked to be erased on { $date }. An administrator will carry it out soon. You can withdraw until then.
erasure-withdraw = Withdraw my request
erasure-what-heading = What erasure does
erasure-kept-why = Some data we may not erase: invoice details of GenLær courses (organisation, EAN or CVR, course and amount) are kept for 5 years under the Bookkeeping Act, and a course certificate keeps the name on it so that it can still be verified. Your needs (such as diet and accessibility) are always erased. Numbers such as "how many attended" are kept without your name.
erasure-export-first = If you want a copy of your data before it is erased, download it first. Read more in
erasure-ask-hint = You will be asked to confirm that it is you before the request is sent.
erasure-ask = Ask to be erased
flash-erasure-requested = Your request to be erased has been received. You will hear from us when it is done.
flash-erasure-already-requested = You have already asked to be erased.
flash-erasure-withdrawn = Your request to be erased has been withdrawn.
flash-erasure-done = The person's data has been erased.
erasure-admin-title = Requests to be erased
erasure-admin-card = People who asked to be erased: review what is erased and kept, and carry it out.
erasure-admin-lead = Review each request: what is erased, what is kept and why. Erasure happens in one step and cannot be undone.
erasure-admin-open = { $count ->
    [0] No open requests
    [one] 1 open request
   *[other] { $count } open requests
}
erasure-admin-none = Nobody is waiting to be erased.
erasure-admin-done = Latest erasures
erasure-admin-none-done = No erasures have been carried out yet.
erasure-done-line = Account no. { $account } erased { $date }
erasure-requested-at = Requested
erasure-requested-by = By
erasure-by-self = The person
erasure-by-staff = An administrator
erasure-review-title = Erasing { $name }
erasure-withdrawn = withdrawn
erasure-carried-out = carried out
erasure-no-request = No request in the site (erasure on the person's behalf)
erasure-seats-heading = Seats given back
erasure-seats-lead = The person holds a seat or a waiting-list place in these, which have not taken place. The seats are freed and the waiting list moves up.
erasure-seats-none = No seats in cohorts or courses that have not taken place.
erasure-seat-waitlisted = on the waiting list
erasure-kept-heading = What is kept, and why
erasure-kept-certificates = { $count ->
    [0] No course certificates
    [one] 1 course certificate is kept with the name, so that it can be verified
   *[other] { $count } course certificates are kept with the name, so that they can be verified
}
erasure-kept-invoice-lines = { $count ->
    [0] No invoice details from GenLær enrolments
    [one] The invoice details of 1 GenLær enrolment are kept under the Bookkeeping Act (without needs and contact details)
   *[other] The invoice details of { $count } GenLær enrolments are kept under the Bookkeeping Act (without needs and contact details)
}
erasure-kept-bookings = { $count ->
    [0] No bookings
    [one] 1 booking: the organisation's invoice details are kept, the contact person is anonymised
   *[other] { $count } bookings: the organisation's invoice details are kept, the contact person is anonymised
}
erasure-confirm-hint = Erasure cannot be undone. You will be asked to confirm that it is you.
erasure-confirm = Erase the person's data
erasure-refused-own = You cannot erase your own account. Ask another administrator.
erasure-refused-admin = The person is an administrator. Remove the administrator role first.
erasure-refused-erased = The person has already been erased.
erasure-refused-closed = The request was withdrawn or has already been carried out.
user-erasure-hint = If the person asked to be erased, by phone or letter for instance, you can erase on their behalf. You first see what is erased and kept.
user-erasure-review = Review erasure
privacy-periods-heading = When we erase
privacy-periods-lead = These rules run every day by themselves. The number of days is the one in force now; the national secretariat may change it within the legal limits.
privacy-period-days = { $days ->
    [0] the same day
    [one] after 1 day
   *[other] after { $days } days
}
privacy-purpose-evaluation-links = Your personal link to evaluate a GenLær course you attended: that it was sent and whether it was used (not what you answered).
privacy-free-evaluation_answers = Anonymous course evaluations: session, answers on the 1–5 scale, comment and date, without name, link or time.
privacy-purpose-invoices = Invoices and credit notes: the customer's name, EAN or CVR number, address, reference and email; the bookkeeping act keeps them for five years.
privacy-purpose-invoice-lines = Invoice lines with the participant's name, kept for five years under the bookkeeping act.
privacy-free-invoice_counters = Counters of invoice numbers per year; no personal data.
