## Supervision: the volunteer's page, the coordinators' pages and emails.

nav-supervision = Supervision
supervision-title = Supervision
supervision-lead = Supervision is a regular part of being a brobygger. Group supervision is mandatory, and after a difficult or stressful accompaniment you can have individual supervision.
supervision-status = Status
supervision-standing-ok = On track
supervision-standing-due_soon = Due soon
supervision-standing-overdue = Overdue
supervision-standing-paused = Paused (exempt)
supervision-days-left = { $days ->
    [0] – due today
    [one] – 1 day left
   *[other] – { $days } days left
}
supervision-days-overdue = { $days ->
    [one] – 1 day overdue
   *[other] – { $days } days overdue
}
supervision-last = Last supervision
supervision-next = Next booked
supervision-due = Attend by
supervision-window = (every { $months } months; days on pause do not count)
supervision-never = None yet
supervision-none-booked = Not signed up
supervision-only-active = Only active brobyggere can sign up for supervision. You still need:
supervision-mine = Your supervision
supervision-mine-none = You are not signed up for any supervision.
supervision-open = Group supervision in your branch
supervision-open-none = No group supervision is planned right now.
supervision-full = Full – waiting list
supervision-seats-left = { $n ->
    [one] 1 seat left
   *[other] { $n } seats left
}
supervision-format-group = Group supervision
supervision-format-individual = Individual supervision
supervision-supervisor = Supervisor
supervision-supervisor-staff = staff
supervision-supervisor-external = external
supervision-when = Time
supervision-where = Place
supervision-online = Online
supervision-calendar = Add to your calendar (.ics)
supervision-you-have-seat = You are signed up.
supervision-you-wait = You are number { $position } on the waiting list.
supervision-enrol = Sign me up
supervision-join-queue = Put me on the waiting list
supervision-cancel = Cancel my seat
supervision-leave-queue = Leave the waiting list
supervision-enrolled = You are signed up for the supervision.
supervision-waitlisted = The supervision is full. You are on the waiting list.
supervision-cancelled = Your seat is cancelled.
supervision-request-title = Individual supervision
supervision-request-lead = If an accompaniment was difficult or stressful, you can ask for individual supervision. Your branch's coordinators will contact you. You do not write what happened – you talk about it together.
supervision-request-submit = Ask for individual supervision
supervision-request-sent = Your request has been sent to the coordinators.
supervision-request-already-open = You already have a request the coordinators are answering.
supervision-request-open = You asked for individual supervision on { $date }. The coordinators will answer by { $by }.

supervision-staff-title = Supervision
supervision-upcoming = Upcoming
supervision-recent = Held in the last 60 days
supervision-none = None.
supervision-plan = Plan supervision
supervision-plan-submit = Plan
supervision-created = The supervision is planned.
supervision-default-title = Group supervision
supervision-individual-title = Individual supervision
supervision-field-format = Format
supervision-field-title = Title
supervision-field-supervisor = Supervisor's name
supervision-field-supervisor-kind = The supervisor is
supervision-field-date = Date
supervision-field-start = From
supervision-field-end = To
supervision-field-location = Place
supervision-field-online = Online meeting link
supervision-hint-location = Address and room. Give a place, a link or both.
supervision-hint-capacity = Empty: no limit. Individual supervision has one seat.
error-supervision-place = Give a place or an online meeting link.
supervision-manage = Participants, attendance, CSV and cancelling
supervision-attendance-only = Only attendance is recorded here – never what a supervision was about or anything about the citizens.
supervision-not-registered = attendance not registered
supervision-assign = Sign up a brobygger
supervision-assign-who = Active brobygger
supervision-assign-submit = Sign up
supervision-assign-none = Every active brobygger in the branch is signed up.
supervision-assign-choose = Choose a brobygger.
supervision-assign-not-active = Only active brobyggere of the branch can be signed up for supervision.
supervision-assigned = The brobygger is signed up and has been told.
supervision-assigned-waitlist = The supervision is full. The brobygger is on the waiting list.

supervision-overview-title = Supervision overview
supervision-overview-lead = Every active brobygger must have attended supervision within { $months } months. Overdue ones are at the top.
supervision-overview-empty = No active brobyggere.
supervision-filter = Show
supervision-filter-all = All
supervision-filter-submit = Show
supervision-csv-standing = Status
supervision-csv-last = Last supervision
supervision-csv-next = Next booked
supervision-csv-due = Attend by
supervision-csv-days-left = Days left

supervision-requests-title = Requests for individual supervision
supervision-requests-lead = Open requests are at the top with the time to answer by.
supervision-requests-none = No requests.
supervision-requests-open-count = { $n } open
supervision-request-asked = Asked { $date }
supervision-request-answer-by = Answer by { $date }
supervision-request-status-scheduled = Planned
supervision-request-status-handled = Answered
supervision-request-see-session = See the supervision
supervision-request-schedule = Plan individual supervision
supervision-request-schedule-submit = Plan and tell them
supervision-request-mark-handled = Answered another way (e.g. by phone)
supervision-request-scheduled = The individual supervision is planned, and the brobygger has been told.
supervision-request-handled = The request is marked as answered, and the brobygger has been told.
supervision-request-already-answered = The request had already been answered.

settings-supervision = Supervision
settings-supervision-window = Supervision at least every (months)
settings-supervision-window-hint = Active brobyggere must have attended supervision within this many months. Days on pause do not count.
error-supervision-window = Enter a whole number of months from 1 to 24.
settings-applications = Applications
settings-reapply-months = Declined applicants may apply again after (months)
settings-reapply-months-hint = This many months after the decision a declined applicant may apply again. From 1 to 24; usually 6.
error-reapply-months = Write a whole number of months from 1 to 24.

agenda-title = Your calendar
agenda-upcoming = Upcoming
agenda-past = Past
agenda-none = Nothing planned.
agenda-none-past = Nothing yet.

email-supervision-request-received-subject = Request for individual supervision: { $volunteer }
email-supervision-request-received-body = { $volunteer } of { $branch } asks for individual supervision after a difficult accompaniment.
email-supervision-request-received-deadline = Please answer by { $date }.
email-supervision-request-received-link = See and answer the request:
email-supervision-request-answered-subject = Answer to your request for individual supervision
email-supervision-request-answered-scheduled = We have planned individual supervision for you:
email-supervision-request-answered-handled = Your request for individual supervision has been answered. If you still need to talk about the accompaniment, contact your branch.
email-supervision-request-answered-link = See your supervision:
email-supervision-due-soon-subject = Supervision is due soon
email-supervision-due-soon-body = As an active brobygger you must attend supervision by { $date }. Sign up for group supervision in your branch.
email-supervision-overdue-subject = Your supervision is overdue
email-supervision-overdue-body = You should have attended supervision by { $date }. Sign up for the next group supervision in your branch, or contact your coordinator.
email-supervision-link = See supervision and sign up:

message-kind-supervision_request_received = Supervision request
message-kind-supervision_request_answered = Supervision request answered
message-kind-supervision_due_soon = Supervision due soon
message-kind-supervision_overdue = Supervision overdue

supervision-sessions-table = Supervision sessions
