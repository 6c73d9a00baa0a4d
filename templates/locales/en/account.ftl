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

# Two-factor login, sessions and proving who one is again
login-code-title = Code from your app
login-code-lead = Your account is protected with two-factor login. Type the six-digit code your authenticator app shows right now.
login-code-lost = Don't have your phone? Type one of your recovery codes instead. If you have lost them, an administrator can reset your two-factor login.
field-code = Code
hint-code = Six digits from the app – or a recovery code (e.g. abcd-efgh).
flash-login-start-again = Please log in again: too much time passed, or the account changed meanwhile.
flash-password-set-log-in = Your password is saved. Log in with the new password and the code from your app.
two-factor-title = Two-factor login
two-factor-lead = With two-factor login you need both your password and a code from an app on your phone (e.g. Microsoft Authenticator, Google Authenticator or 2FAS) to log in.
two-factor-required-lead = As a coordinator or administrator you can see other people's details. You must therefore turn on two-factor login before you can use those pages.
two-factor-on = Two-factor login is on.
two-factor-codes-left = You have { $count } unused recovery codes.
two-factor-setup-heading = Turn on two-factor login
two-factor-new-heading = Move two-factor login to a new phone
two-factor-step-app = Install an authenticator app on your phone if you don't have one.
two-factor-step-scan = Scan the QR code with the app – or type in the key by hand.
two-factor-qr-label = QR code for the authenticator app
two-factor-secret = Key:
two-factor-step-code = Type the six-digit code the app now shows.
two-factor-confirm = Confirm and turn on
two-factor-new-codes = Make new recovery codes
two-factor-replace = Use a new phone
two-factor-remove = Turn off two-factor login
two-factor-manage = Two-factor login
two-factor-set-up = Turn on two-factor login
flash-second-factor-removed = Two-factor login is off.
recovery-codes-title = Your recovery codes
recovery-codes-lead = Keep these ten codes somewhere safe (printed, or in a password manager). Each code works once instead of the code from the app, should you lose your phone.
recovery-codes-once = The codes are shown this one time only.
recovery-codes-done = I have saved the codes
reprove-title = Confirm it is you
reprove-lead = What you are about to do needs you to confirm who you are again. Type your password – or a code from your app if you use two-factor login.
field-reprove = Password or code from the app
reprove-submit = Confirm
back-to-account = Back to my account
sessions-heading = Where you are logged in
sessions-lead = If you see a device you don't recognise, log it out and change your password.
sessions-device = Device
sessions-last-seen = Last used
sessions-started = Logged in
sessions-actions = Actions
sessions-this-device = This device (now)
sessions-end = Log out
sessions-end-all = Log out everywhere
flash-session-ended = The device is logged out.
flash-logged-out-everywhere = You are logged out on all devices.
second-factor-banner = Development mode: in production, coordinators and administrators must turn on two-factor login before they can use the staff pages.
second-factor-banner-link = Turn it on now

details-title = Edit your details
details-language = Language
details-language-da = Dansk
details-language-en = English
details-save = Save
flash-details-saved = Your details have been saved.
error-language = Choose Danish or English.
details-email-heading = Change email address
details-email-current = Your email address is now
details-email-lead = We send a link to the new address. The address changes only when you open the link, and we tell your current address.
details-new-email = New email address
details-email-send = Send a link to the new address
flash-email-change-sent = If the new address can be used, we have sent a link to it. Open it to change your address.
flash-email-changed = Your email address has been changed.
error-email-unchanged = That is already your email address.
