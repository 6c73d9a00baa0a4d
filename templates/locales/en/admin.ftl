## The national secretariat's pages.

admin-title = Administration
admin-regions = Regions
admin-regions-text = The regions the branches belong to.
admin-region-new = New region
admin-branches = Branches
admin-branches-text = Local branches and their contact details.
admin-branch-new = New branch
admin-users = Users
admin-users-text = Find users, assign roles and branches, deactivate accounts.
admin-messages = Outgoing messages
admin-messages-text = Every email Brobyg has queued, with its full text.
admin-invite-coordinator = Invite a coordinator

search-users = Search by name or email
users-found = { $count ->
    [one] 1 user
   *[other] { $count } users
}
user-verified = Email confirmed
user-status = Status
user-active = Active
user-deactivated = Deactivated
user-roles-heading = Roles and branches
user-coordinator-branches = Coordinator for the branches
user-coordinator-regions = Regional coordinator for the whole region
user-coordinator-regions-hint = Gives every branch of the region, including branches added later.
user-access-heading = Access
user-deactivate = Deactivate the account
user-deactivate-hint = The user is logged out at once and cannot log in again until the account is reactivated.
user-reactivate = Reactivate the account
flash-user-activated = The account has been reactivated.
flash-user-deactivated = The account has been deactivated and the user logged out.
flash-cannot-remove-own-admin = You cannot remove your own administrator role.
flash-cannot-deactivate-self = You cannot deactivate your own account.

invite-lead = The coordinator receives an email with a link to choose a password. If they already have an account, they are simply given the chosen branches.
invite-submit = Send invitation
flash-invitation-sent = The invitation has been sent.

message-created = Created
message-to = To
message-kind = Kind
message-status = Status
message-text = Text
messages-none = No messages yet.
message-status-pending = Waiting
message-status-sent = Sent
message-status-failed = Failed
message-kind-verify_email = Confirm email
message-kind-account_exists = Account already exists
message-kind-confirm_new_email = Confirm new email
message-kind-email_changed = Email changed
message-kind-reset_password = Reset password
message-kind-invitation = Invitation
message-kind-coordinator_assigned = Coordinator for branch
message-kind-enrolled = Enrolled
message-kind-waitlisted = Waiting list
message-kind-promoted = Got a seat
message-kind-enrolment_cancelled = Cancelled
message-kind-left_waitlist = Left the waiting list
message-kind-session_changed = Change
message-kind-session_cancelled = Cancellation
message-kind-meeting_removed = Meeting cancelled
message-kind-participants_message = Message to participants
user-second-factor-on = This user has two-factor login. If they lost both their phone and their recovery codes, you can reset it: they are logged out everywhere and set up a new one at their next login.
user-second-factor-off = This user has not turned on two-factor login.
user-second-factor-reset = Reset two-factor login
flash-second-factor-reset = Two-factor login is reset, and the user is logged out everywhere.
flash-second-factor-none = The user had no two-factor login.
mail-files-banner = Emails are not being sent: no mail server (SMTP_HOST) is set, so they are saved as files on the server and nobody receives them.
mail-files-banner-link = See the files
