## Signing up, in and out; passwords; one's own account.

login-title = Log in
login-submit = Log in
login-forgot = Forgot your password?
login-no-account = No account?
login-signup = Create one

signup-title = Create an account
signup-lead = With an account you can enrol in GenLær courses and follow your enrolments.
signup-privacy = We keep only what is needed: name, email and your enrolments. We never ask for a CPR number.
signup-submit = Create account
check-email-title = Check your email
check-email-text = We have sent you an email with a link. Open it to confirm your address. If it does not arrive, look in your spam folder.
flash-email-verified = Your email address is confirmed. You can now log in.

link-invalid-title = This link no longer works
link-invalid-text = The link has already been used or has expired. Ask for a new one.

forgot-title = Forgotten password
forgot-lead = Enter your email address and we will send you a link to choose a new password.
forgot-submit = Send link
forgot-sent-title = Check your email
forgot-sent-text = If the address belongs to an account, we have sent a link. It works for one hour.

reset-title = Choose a new password
reset-submit = Save password
invitation-title = Welcome to Brobyg
invitation-lead = You have been invited as a coordinator. Choose a password to get started.
flash-password-set = Your password is saved and you are logged in.

change-password-title = Change password
change-password-submit = Change password
flash-password-changed = Your password has been changed. You are logged out everywhere else.

profile-title = My account
profile-roles = Roles
profile-no-roles = None
profile-branches = Branches
profile-member-since = Created
