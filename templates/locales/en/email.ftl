## Emails. Subjects are `email-<kind>-subject`.

email-greeting = Dear { $name }
email-signoff = Kind regards
email-signature = Social Sundhed

email-verify-email-subject = Confirm your email address
email-verify-email-body = Thank you for signing up with Social Sundhed. Please confirm your email address by opening the link below.
email-verify-email-button = Confirm email address
email-verify-email-expiry = The link works for two days.

email-account-exists-subject = Someone tried to create an account with your email
email-account-exists-body = Someone tried to create an account with Social Sundhed using this email address, but you already have one. If it was you, you can log in or reset your password. If it was not you, you can ignore this email.
email-account-exists-login = Log in:
email-account-exists-reset = Reset password:

email-reset-password-subject = Reset your password
email-reset-password-body = We received a request to reset the password of your account. Open the link below to choose a new one.
email-reset-password-button = Choose a new password
email-reset-password-expiry = The link works for one hour. If you did not ask for it, you can ignore this email.

email-invitation-subject = You are invited as a coordinator in Brobyg
email-invitation-body = You have been invited as a coordinator for { $branches } in Brobyg, Social Sundhed's course and volunteer system. Choose a password to get started.
email-invitation-button = Choose a password
email-invitation-expiry = The link works for 14 days.

email-coordinator-assigned-subject = You are now a coordinator for { $branches }
email-coordinator-assigned-body = You have become a coordinator for { $branches } in Brobyg. You will find the branches here:

## The enrolment engine's messages (every kind of session).

email-session-online = Online:
email-session-link = See details:
email-organizer = Questions? Contact { $name }: { $email }, phone { $phone }.
email-session-cancelled-reason = Reason:

email-enrolled-subject = Enrolled: { $session_title }
email-enrolled-body = You are enrolled. We look forward to seeing you. The meetings are attached so you can add them to your calendar.
email-waitlisted-subject = On the waiting list: { $session_title }
email-waitlisted-body = There are no seats left, so you are on the waiting list as number { $position }. If a seat frees up, it is yours automatically and we will write to you.
email-promoted-subject = You have a seat: { $session_title }
email-promoted-body = A seat has become free and it is yours. You are now enrolled. The meetings are attached for your calendar.
email-enrolment-cancelled-subject = Cancelled: { $session_title }
email-enrolment-cancelled-body = { $by_staff ->
    [true] A coordinator has cancelled your place.
   *[false] Your place is cancelled.
} The meetings will be removed from your calendar.
email-left-waitlist-subject = Off the waiting list: { $session_title }
email-left-waitlist-body = You are no longer on the waiting list.
email-session-changed-subject = Changed: { $session_title }
email-session-changed-body = The time or place has changed. Here are the updated details; the attached invitation updates your calendar.
email-session-cancelled-subject = Cancelled: { $session_title }
email-session-cancelled-body = Unfortunately we have to cancel. We are sorry for the inconvenience.
email-meeting-removed-subject = Meeting cancelled: { $session_title }
email-meeting-removed-body = One of the meetings is cancelled. The others go ahead as planned, and your seat stays the same.
email-meeting-removed-which = Cancelled:
email-meeting-removed-rest = The attached invitation removes only this meeting from your calendar. These meetings still take place:
email-participants-message-subject = { $subject }
email-participants-message-intro = The coordinator writes to the participants:

email-confirm-new-email-subject = Confirm your new email address
email-confirm-new-email-body = You asked to use this address for your account with Social Sundhed. Open the link below to confirm it. If you did not ask, you can ignore this email.
email-confirm-new-email-button = Confirm new email address
email-confirm-new-email-expiry = The link works for two days.
email-email-changed-subject = Your email address has been changed
email-email-changed-body = The email address of your account with Social Sundhed has been changed to { $new_email }. From now on we write to that address.
email-email-changed-warning = If this was not you, write to your branch or the national secretariat as soon as possible.
