## Brobyggere: application, the volunteer's page, the preparation course,
## the confidentiality declaration, activation and the coordinators' pages.

## Navigation and start pages

home-card-brobygger-link = Apply to become a brobygger
nav-apply = Become a brobygger
coordinator-pipeline = Brobyggere ({ $new ->
    [one] { $new } new applicant
   *[other] { $new } new applicants
})
declaration-admin-card = Write and publish new versions of the confidentiality declaration, and require them of every brobygger.

## The activation gate: each unmet requirement explains itself.

gate-application = The application has not been accepted
gate-module = { $hours } { $count ->
    [1] hour
   *[other] hours
} missing: module { $order } ({ $title })
gate-declaration = Confidentiality declaration (version { $version }) is not signed
gate-child-certificate = Child protection certificate (børneattest) is not registered
gate-refused-unmet = The volunteer cannot be activated yet: the checklist shows what is missing.
gate-refused-status = That is not possible with the volunteer's current status.

checklist-title = Checklist: requirements for being an active brobygger
checklist-staff-auto = The volunteer is activated automatically when the list is empty.
checklist-staff-confirm = When the list is empty, you can activate the volunteer.
checklist-staff-active-unmet = The volunteer is active but must meet the requirements before signing up for supervision and brobygger evenings again.
checklist-clear = Every requirement is met.
checklist-clear-for-now = Every requirement is met for now. Mind the deadline:
checklist-next-active = You are an active brobygger and can sign up for supervision and brobygger evenings.
checklist-next-active-unmet = You need to meet the requirements above before you can sign up for supervision and brobygger evenings again.
checklist-next-auto = You will be activated automatically when the list is empty.
checklist-next-confirm = When the list is empty, a coordinator confirms your activation.
checklist-next-applicant = A coordinator in your branch will look at your application and contact you about a conversation.
checklist-next-paused = You are on a break. When you come back, the list must be empty.
checklist-next-alumni = You are an alumnus. Thank you for your work as a brobygger.
checklist-next-rejected = Your application has not been accepted.

## Applying

apply-title = Become a brobygger
apply-lead = As a brobygger you accompany people in vulnerable positions to appointments in the health system, the municipality and into communities. You get a 20-hour preparation course, supervision and a community with other volunteers.
apply-what-happens = When you have sent the application, a coordinator from the branch will contact you about a short conversation. You can follow your application here on the site.
apply-about-you = About you
apply-signed-in-as = You are applying as { $name } ({ $email }).
apply-birth-year = Year of birth
apply-birth-year-hint = The year only, e.g. 2001. Never write your CPR number.
apply-studies = Education
apply-programme = Study programme
apply-programme-hint = E.g. nursing, medicine, social work or public health.
apply-institution = Institution
apply-institution-hint = E.g. Aarhus University or VIA University College.
apply-semester = Semester or expected graduation
apply-semester-hint = E.g. "5th semester" or "graduating summer 2027".
apply-branch = Branch
apply-branch-hint = The branch where you want to be a brobygger.
apply-motivation = Why do you want to be a brobygger?
apply-motivation-hint = In your own words: what motivates you, and what you hope to learn.
apply-availability = When do you have time?
apply-availability-hint = Brobyggere usually take 1–2 shifts or 2–3 appointments a month. Write e.g. which days and times suit you.
apply-heard-from = Where did you hear about Social Sundhed?
apply-account = Your account
apply-account-hint = You get an account to follow your application, read the course material and sign the confidentiality declaration.
apply-privacy = We use the information only to handle your application and your time as a brobygger. We never ask for your CPR number.
apply-submit = Send application
apply-received = Thank you for your application. You can follow it here.
apply-thanks-title = Thank you for your application
apply-thanks-lead = We have sent you an email. Confirm your email address with the link in it, so that you can log in and follow your application.
apply-thanks-next = A coordinator from the branch will contact you about a short conversation. If the email has not arrived within an hour, look in your spam folder.

error-phone = Write a phone number with 8 to 15 digits, e.g. 20 30 40 50.
error-birth-year = Write the year of birth only, e.g. 2001.
error-no-cpr = Do not write CPR numbers. We do not need them.
error-choose-branch-one = Choose the branch where you want to be a brobygger.
error-pause-until = Choose a date after today and at most a year ahead.
error-signature-name = Write your full name as it is on your account.
error-signature-confirm = Tick the box to confirm that you have read the declaration and will keep it.
error-cohort-modules = Choose at least one module for the meeting.
error-cohort-no-meetings = Fill in at least one meeting with date, times and modules.
error-cohort-rows = One or more meetings are not filled in correctly.
error-date-future = The date cannot be in the future.

## The application, as applicant and coordinator see it

application-title = Application
application-status-pending = Awaiting decision
application-status-accepted = Accepted
application-status-declined = Not accepted
application-sent = sent { $date }
application-volunteer-page = The volunteer's page
application-reason = Reason
application-intro = Intro conversation
application-intro-on = Conversation held { $date }.
application-intro-date = Date of the conversation
application-intro-outcome = Outcome of the conversation
application-intro-outcome-hint = Short, and only what is needed. The applicant may ask to see it.
application-intro-save = Save conversation
application-intro-saved = The conversation is saved.
application-decision = Decision
application-accept = Accept the application
application-decline = Decline the application
application-decline-reason = Reason for declining
application-decline-reason-hint = The reason is sent to the applicant.
application-accepted = The application is accepted and the applicant has been told.
application-declined = The application is declined and the applicant has been told.
application-already-decided = The application has already been decided.

## The volunteer's page

volunteer-paused-until = until { $date } inclusive
active-link = As an active brobygger
progress-title = The preparation course
progress-hours = { $done } of { $total } hours
progress-module = Module
progress-done = Hours
progress-next = Taught next
progress-of = { $done } of { $total } hours
progress-complete = Completed
progress-missing = { $hours } missing
progress-enrolled-there = You are enrolled
progress-make-up = Take the module here
progress-not-scheduled = Not scheduled yet – ask your coordinator.
material-link = Read the course material
cohorts-mine = Your cohorts
cohorts-mine-staff = Cohorts
cohorts-none = You are not enrolled in a cohort yet.
cohorts-none-staff = Not enrolled in a cohort.
cohorts-open = Cohorts in { $branch } you can enrol in
enrolment-status-confirmed = Enrolled
enrolment-status-waitlisted = Waiting list no.
enrolment-status-cancelled = Cancelled
enrolment-status-withdrawn = Left the waiting list
cohort-makeup-for = making up module { $module }
history-title = History
history-automatic = automatic
history-until = until { $date } inclusive
history-empty = No changes yet.
pause-title = Break
pause-lead = If you need a break, e.g. around exams, you can register it here. You get no accompaniments during the break.
pause-until = Break until (inclusive)
pause-until-hint = The last day of the break.
pause-reason = Note
pause-submit = Take a break
pause-submit-staff = Put on a break
resume-submit = I am back
volunteer-paused = You are now on a break.
volunteer-paused-by-staff = The volunteer is now on a break and has been told.
volunteer-cannot-pause = Only active brobyggere can take a break.
volunteer-resumed = Welcome back. You are active again.
volunteer-resumed-by-staff = The volunteer is active again and has been told.
volunteer-activated = The volunteer is activated and has been told.
volunteer-retired = The volunteer is now an alumnus.
volunteer-status-refused = That change is not possible with the volunteer's current status.
volunteer-check-saved = The child protection certificate is registered.
volunteer-activate = Activate volunteer
volunteer-resume = Back from break
retire-title = Stop as a brobygger
retire-reason = Note
retire-submit = Make alumnus

## What activation unlocks, and the refusal

active-title = Active brobygger
active-lead = Welcome, { $name }. You are an active brobygger.
active-accompaniments = Accompaniments
active-accompaniments-text = The counsellors contact you about accompaniments. You are briefed before and debriefed after each one.
active-support = Supervision and brobygger evenings
active-support-text = You can sign up for supervision and brobygger evenings in your branch.
active-contact = Contact { $branch }
refused-title = For active brobyggere only
refused-lead = This is for active brobyggere. You can join when everything on the list is in place.
refused-back = To your page

## Course material

material-title = Course material
material-lead = The preparation course has modules of { $total } hours in all. You take them with your cohort; missed modules can be taken with another cohort.
material-hours = { $hours } hours
material-module-heading = Module { $order }: { $title }
material-nav = Modules

## The confidentiality declaration

declaration-title = Confidentiality declaration
declaration-version = Version { $version }
declaration-text-heading = The wording of the declaration
declaration-signed = You have signed the confidentiality declaration.
declaration-signed-on = Version { $version } signed { $date }.
declaration-to-sign = You need to read and sign the confidentiality declaration (version { $version }).
declaration-read-and-sign = Read and sign
declaration-earlier = You signed version { $version } on { $date }. Read the new version and sign again.
declaration-sign-heading = Sign
declaration-typed-name = Your full name
declaration-typed-name-hint = Write your name as it is on your account. It is your signature.
declaration-confirm = I have read the confidentiality declaration (version { $version }) and commit to keeping it.
declaration-submit = Sign the confidentiality declaration
declaration-none = Not signed
declaration-admin-title = Confidentiality declaration: versions
declaration-admin-lead = Write and publish new versions of the confidentiality declaration here. A published version never changes, so what a brobygger signed can always be read as it was. When you require a new version, every brobygger who is active or in training gets an email with the deadline; active ones can attend supervision and brobygger evenings as before until the deadline.
declaration-admin-required = Everyone must have signed version { $version }.
declaration-admin-versions = Versions
declaration-admin-version = Version
declaration-admin-current = Required now
declaration-admin-require = Require version { $version } of everyone
declaration-required = The new version is now required of every brobygger.
declaration-not-newer = Only a version newer than the current one can be required.

## Cohorts

cohort-place = Place
cohort-meetings = Meetings and modules
cohort-your-place = Your place
cohort-enrol = Enrol me in the cohort
cohort-join-waitlist = Put me on the waiting list
cohort-make-up = Take { $module } with this cohort
cohort-leave = Cancel my place
cohort-makeup-enrolment = making up
cohort-nothing-to-do = You cannot enrol in this cohort. Cohorts in your own branch are on your page.
cohort-enrolled = You are enrolled in the cohort.
cohort-waitlisted = The cohort is full. You are on the waiting list.
cohort-left = Your place is cancelled.
cohort-not-accepted = You can enrol in a cohort once your application is accepted.
cohort-module-not-missing = You are not missing that module.
cohort-module-not-taught = The cohort does not teach that module at a coming meeting.
cohort-waiting-count = { $count } on the waiting list
cohort-manage-participants = Participants, waiting list and attendance
cohort-uncovered = These modules are not taught in the cohort:
cohort-hours-done = Hours (of { $total })
cohort-makeup = Making up
cohort-graduation = Graduation
cohort-graduation-at = Graduation evening { $date }
cohort-graduation-none = No graduation evening planned yet.
cohort-graduation-save = Save graduation evening
cohort-graduation-saved = The graduation evening is saved.
cohort-graduates = Became active brobyggere from the cohort
cohort-graduates-none = None yet.
cohort-graduate-since = active since { $date }
cohort-created = The cohort is created.
cohorts-title = Preparation course cohorts
cohorts-empty = The branch has no cohorts yet.
cohorts-new = Create a cohort
cohorts-field-title = Name of the cohort
cohorts-field-title-hint = E.g. "Preparation course, autumn 2026".
cohorts-field-location = Place
cohorts-field-capacity = Seats
cohorts-field-capacity-hint = Leave empty for no limit.
cohorts-meetings-hint = Fill in a row for each meeting: date, times and the modules it covers. Empty rows are skipped.
cohorts-meeting = Meeting { $number }
cohorts-date = Date
cohorts-start = Start
cohorts-end = End
cohorts-create = Create the cohort

## The coordinators' pages for a branch

pipeline-title = Brobyggere
pipeline-applications = New applications
pipeline-no-applications = No new applications.
pipeline-intro-held = conversation held
pipeline-ready = Ready to activate
pipeline-ready-tag = Ready
pipeline-training = Accepted and in training
pipeline-active = Active
pipeline-paused = On a break
pipeline-alumni = Alumni
pipeline-list-all = See the list
pipeline-shown = Showing the first { $shown } of { $total }.
pipeline-shown-oldest = Showing the { $shown } oldest of { $total }.
pipeline-rejected = { $count } applications were not accepted.
pipeline-none = None.
roster-title = Active brobyggere
roster-csv = Download the list (CSV for Excel)
roster-contact = Contact
roster-empty = No active brobyggere.
roster-needs-signature = New signature needed
roster-missing = Missing
roster-csv-programme = Study programme
roster-csv-institution = Institution
roster-csv-active-since = Active since
roster-csv-declaration = Confidentiality declaration (version)
roster-csv-child-certificate = Child protection certificate
settings-title = Settings for brobyggere
settings-lead = Besides the application, the preparation course and the confidentiality declaration, the branch can set further requirements before a brobygger becomes active.
settings-extra = Extra requirements
settings-child-certificate = Child protection certificate (børneattest)
settings-child-certificate-hint = The coordinator records only the date the certificate was seen – never its content.
settings-activation = Activation
settings-auto-activate = Activate automatically when every requirement is met
settings-auto-activate-hint = Unticked, a coordinator confirms each activation.
settings-auto-on = Brobyggere are activated automatically when every requirement is met.
settings-auto-off = A coordinator confirms each activation.
settings-child-on = The branch requires a child protection certificate.
settings-grace-preview = If you require a child protection certificate, { $count ->
    [one] one active brobygger lacks it. They get
   *[other] { $count } active brobyggere lack it. They get
} until { $date }, an email saying so, and carry on as before meanwhile:
settings-grace-current = { $count ->
    [one] One active brobygger lacks
   *[other] { $count } active brobyggere lack
} a child protection certificate:
grace-until = deadline { $date }
grace-over = the deadline passed on { $date }
grace-line-child_certificate = Child protection certificate missing – deadline { $date }
grace-line-declaration = The new confidentiality declaration is not signed yet – deadline { $date }
check-child_certificate = Child protection certificate
check-seen-on = seen { $date }
check-date = Date the certificate was seen
check-date-hint = Only the date is kept.
check-save = Register certificate

## Emails

email-volunteer-page-button = Go to your page
email-application-received-subject = Thank you for applying as a brobygger
email-application-received-body = Thank you for applying to be a brobygger in Social Sundhed { $branch }. A coordinator from the branch will contact you about a short conversation.
email-application-received-verify = First confirm your email address, so that you can log in:
email-application-received-follow = You can follow your application here:
email-application-accepted-subject = Welcome as a brobygger in { $branch }
email-application-accepted-body = Your application is accepted. Welcome as a brobygger in Social Sundhed { $branch }!
email-application-accepted-next = The next step is the 20-hour preparation course. On your page you can enrol in a cohort, read the course material and sign the confidentiality declaration.
email-application-declined-subject = Your application as a brobygger
email-application-declined-body = Thank you for your interest in being a brobygger in Social Sundhed { $branch }. Unfortunately we cannot offer you a place this time.
email-application-declined-reason = Reason:
email-application-declined-thanks = You are welcome to contact the branch if you have questions.
email-attendance-missing-subject = You are missing hours of the preparation course
email-attendance-missing-body = Absence was registered at the meeting on { $date } of { $session }. You are now missing:
email-attendance-missing-next = You can take the modules with another cohort, also in another branch. Your page shows where they are taught next.
email-volunteer-activated-subject = You are now an active brobygger
email-volunteer-activated-body = Congratulations! You are now an active brobygger in Social Sundhed { $branch }.
email-volunteer-activated-next = The counsellors will contact you about accompaniments, and you can sign up for supervision and brobygger evenings.
email-volunteer-paused-subject = You are on a break as a brobygger
email-volunteer-paused-body = You are now on a break as a brobygger until { $date } inclusive. You get no accompaniments during the break.
email-volunteer-paused-by-staff = A coordinator has registered that you are on a break as a brobygger until { $date } inclusive. You get no accompaniments during the break.
email-volunteer-paused-back = When you are ready, come back on your page:
email-volunteer-resumed-subject = Welcome back as a brobygger
email-volunteer-resumed-body = Welcome back! You are an active brobygger again.
email-pause-ended-subject = Your break as a brobygger has ended
email-pause-ended-body = Your break as a brobygger lasted until { $date }, and you are an active brobygger again.
email-pause-ended-ready = The counsellors may contact you about accompaniments again, and you can sign up for supervision and brobygger evenings.
email-pause-ended-missing = New requirements came while you were away. They must be met before you can sign up for supervision and brobygger evenings. See what is missing on your page:
email-volunteer-pause-ended-subject = Break ended: { $volunteer }
email-volunteer-pause-ended-body = { $volunteer } was on a break until { $date } and is an active brobygger again.
email-volunteer-pause-ended-ready = Nothing is missing.
email-volunteer-pause-ended-missing = Something is missing before the brobygger can sign up for supervision and brobygger evenings. See the checklist:
email-requirement-grace-subject = A new requirement for brobyggere in { $branch }
email-requirement-grace-body = Social Sundhed { $branch } now asks brobyggere for something new: { $requirement }. We have not recorded it for you yet.
email-requirement-grace-deadline = You remain an active brobygger and can attend supervision and brobygger evenings as before. The deadline is { $date }.
email-requirement-grace-after = After the deadline the requirement applies to you too. Talk to your coordinator, and see your page:

email-branch-moved-subject = You have moved to { $to }
email-branch-moved-body = You have moved from { $from } to { $to } as a volunteer. From now on you belong with the coordinators in { $to }.
email-branch-moved-kept-standing = Your history, your preparation course hours, your confidentiality declaration and your supervision go with you.
email-branch-moved-kept = { $count ->
    [one] You are still booked on 1 session in { $from }. Cancel it on your page if you cannot come.
   *[other] You are still booked on { $count } sessions in { $from }. Cancel them on your page if you cannot come.
}
email-volunteer-moved-subject = Volunteer moved: { $volunteer }
email-volunteer-moved-body = { $volunteer } has moved from { $from } to { $to }.
email-volunteer-moved-kept-standing = History, hours, confidentiality declaration and supervision go with the volunteer.
email-volunteer-moved-kept = { $count ->
    [one] The volunteer is still booked on 1 session in { $from }.
   *[other] The volunteer is still booked on { $count } sessions in { $from }.
}

move-title = Move to another branch
move-hint = When the volunteer moves (to another city of study, say), their history, hours, confidentiality declaration and supervision go with them. The volunteer and the coordinators in { $branch } and in the new branch are told.
move-to = New branch
move-submit = Move the volunteer
move-done = The volunteer has moved, and everyone has been told.
move-choose-branch = Choose the branch the volunteer moves to.
move-refused-same = The volunteer is already in that branch.
move-refused-status = An applicant or a declined applicant cannot be moved: the application is decided by the branch applied to.
move-refused-moved = Someone else has just moved the volunteer. Look at the page again.
move-history-title = Branch moves
move-history-entry = Moved from { $from } to { $to }
move-kept-title = Still booked in an earlier branch
move-kept-hint = The bookings were kept at the move: supervision and evenings count wherever they are held. The volunteer can cancel them themselves.

reapply-from = You may apply to become a volunteer again from { $date }.
reapply-now = Apply to become a volunteer again
reapply-not-yet = You cannot apply again yet. Your page says when you can.
email-declaration-to-sign-subject = New confidentiality declaration: please sign version { $version }
email-declaration-to-sign-body = Social Sundhed has published version { $version } of the confidentiality declaration, "{ $title }", and every brobygger must sign it.
email-declaration-to-sign-deadline = The deadline for signing is { $date }.
email-declaration-to-sign-active = Until then you can attend supervision and brobygger evenings as before; after the deadline you need to have signed. Read and sign here:
email-declaration-to-sign-training = You must sign it before you can become an active brobygger. Read and sign here:

declaration-admin-published = Published
declaration-admin-deadline = Deadline for signing
declaration-admin-deadline-hint = The last day. Active brobyggere can work as before until then.
declaration-admin-new = Write version { $version }
declaration-admin-new-hint = The new version gets the next number. Once published its text cannot be changed – correct it with a new version instead.
declaration-admin-new-title = Title
declaration-admin-new-body = Text
declaration-admin-new-require = Require it of every brobygger now (they get an email with the deadline)
declaration-admin-publish = Publish
declaration-published = The new version is published.
declaration-signed-by = Signed by { $name } on { $date }.
declaration-signed-on-paper = (On paper before Brobyg, recorded afterwards.)
markdown-hint = Written in Markdown: ## Heading, **bold**, *italics*, - bullets and [link](https://…). HTML is removed.
preview-button = Preview
preview-heading = Preview
preview-not-saved = This is how the text will look. It is not saved yet.
module-admin-title = Preparation course modules
module-admin-card = Edit the preparation course modules: title, hours and text.
module-admin-lead = The course is { $total } hours in all. Choose a module to edit its title, hours or text.
module-admin-module = Module
module-admin-hours = Hours
module-admin-changed = Last edited
module-admin-from-files = As at the start
module-admin-fixed = The modules and their order are fixed: attendance, cohorts and prior training refer to them. Adding or removing a module needs a developer.
module-admin-edit-title = Module { $order }: { $title }
module-admin-id = Module id: { $id } (does not change)
module-admin-as-read = See the module as brobyggere read it
module-admin-field-title = Title
module-admin-field-hours = Hours
module-admin-hours-hint = In quarter hours, e.g. 2 or 2.5 (at most 10).
module-admin-hours-explained = The module is now { $hours } hours. The hours are shown to brobyggere and coordinators, add up to the course's total and are what a brobygger lacks while the module is not completed. Attendance counts as a share of the module: someone who attended all of the module's meetings has completed it whatever its hours, and someone who was there half the time has half of the new hours. A change applies at once to everyone, but does not change who has completed the module – only the hours shown and the hours missing.
module-admin-field-body = Text
module-admin-body-hint = Markdown. The module must have the sections ## Formål, ## Indhold, ## Øvelser and ## Refleksionsspørgsmål, in that order. HTML is removed.
module-saved = The module is saved.
error-module-hours = Give the hours in quarter hours from 0.25 to 10, e.g. 2 or 2.5.
error-module-sections = The text must have the sections ## Formål, ## Indhold, ## Øvelser and ## Refleksionsspørgsmål, in that order.
error-declaration-deadline = The deadline must be after today and at most a year ahead.
declaration-as-signed = Read the version you signed
declaration-read-signed = Read version { $version } as you signed it

# Phones: where to reach the branch (the checklist links here for checks the coordinator registers)
volunteer-branch-contact = Contact the branch

# Brobygning: the three programmes (domain::brobygning::Programme)
programme-health = Health bridge-building (sundhedsbrobygning)
programme-social = Social bridge-building (socialbrobygning)
programme-association = Association bridge-building (foreningsbrobygning)
error-programme = Choose one of the three programmes.
