# The coordinator's start page: what to do, most urgent first.
tasks-title = To do
tasks-count = { $count ->
    [one] 1 task
   *[other] { $count } tasks
}
tasks-none = Nothing to do right now: nobody is waiting for an answer and nothing needs registering.
tasks-due = due { $date }
tasks-late = overdue since { $date }
tasks-more = See all { $count }
tasks-branches = Branches
tasks-notifications-weekly = You get a summary of your tasks every Monday morning. Change this
tasks-notifications-daily = You get a summary of your tasks every morning. Change this
tasks-notifications-never = You get no summary of your tasks by email. Change this
task-kind-supervision_request = { $count ->
    [one] 1 request for individual supervision to answer
   *[other] { $count } requests for individual supervision to answer
}
task-kind-intro_conversation = { $count ->
    [one] 1 applicant waiting for an intro conversation
   *[other] { $count } applicants waiting for an intro conversation
}
task-kind-application = { $count ->
    [one] 1 application waiting for an answer after the intro conversation
   *[other] { $count } applications waiting for an answer after the intro conversation
}
task-kind-ready_to_activate = { $count ->
    [one] 1 volunteer ready to be activated
   *[other] { $count } volunteers ready to be activated
}
task-kind-booking = { $count ->
    [one] 1 GenLær booking waiting for an answer
   *[other] { $count } GenLær bookings waiting for an answer
}
task-kind-missing_requirement = { $count ->
    [one] 1 active volunteer missing a new requirement
   *[other] { $count } active volunteers missing a new requirement
}
task-kind-overdue_supervision = { $count ->
    [one] 1 volunteer overdue for supervision
   *[other] { $count } volunteers overdue for supervision
}
task-kind-pause_ending = { $count ->
    [one] 1 break ending within a week
   *[other] { $count } breaks ending within a week
}
task-kind-attendance = { $count ->
    [one] 1 past meeting without attendance
   *[other] { $count } past meetings without attendance
}
task-kind-mark_held = { $count ->
    [one] 1 finished session to mark as held
   *[other] { $count } finished sessions to mark as held
}
task-kind-overdue_invoice = { $count ->
    [one] 1 overdue invoice not paid
   *[other] { $count } overdue invoices not paid
}
task-kind-erasure = { $count ->
    [one] 1 request for erasure to handle
   *[other] { $count } requests for erasure to handle
}

# Volunteers by status, as counted on the start page.
volunteer-count-applicant = { $count ->
    [one] 1 applicant
   *[other] { $count } applicants
}
volunteer-count-approved = { $count ->
    [one] 1 accepted
   *[other] { $count } accepted
}
volunteer-count-in_training = { $count ->
    [one] 1 in training
   *[other] { $count } in training
}
volunteer-count-active = { $count ->
    [one] 1 active
   *[other] { $count } active
}
volunteer-count-paused = { $count ->
    [one] 1 on a break
   *[other] { $count } on a break
}

# /konto/notifikationer
notifications-title = Emails about your tasks
notifications-lead = Choose how often you want a summary of the open tasks in your branches, and whether you want an email at once when something new happens.
notifications-digest = Summary of open tasks
notifications-digest-weekly = Every Monday morning
notifications-digest-daily = Every morning
notifications-digest-never = Never
notifications-immediate = Email me at once about new applications, bookings and supervision requests
notifications-immediate-hint = The summary is sent at 7 in the morning, and only when there is something to do.
flash-notifications-saved = Your email choices are saved.

# Emails to staff.
email-new-application-subject = New application: { $applicant }
email-new-application-body = { $applicant } has applied to become a brobygger in { $branch }.
email-new-application-link = Read the application and arrange an intro conversation:
email-new-booking-subject = New GenLær booking: { $booking_organisation }
email-new-booking-body = { $organisation } would like the course "{ $course }" for { $participants } participants between { $from } and { $to }.
email-new-booking-branch = Branch: { $branch }
email-new-booking-link = See and answer the booking:
email-task-digest-subject = Your tasks in Brobyg
email-task-digest-weekly = Here is this week's summary of open tasks.
email-task-digest-daily = Here is today's summary of open tasks.
email-task-digest-link = See all tasks:
email-task-digest-settings = You can choose how often you get this email under "Emails about your tasks" on your start page.
