## Validation messages, shown beside the field.

error-required = Please fill in this field.
error-too-long = The text is too long.
error-control-characters = The text holds invisible control characters that cannot be saved. Type it again without them.
error-invalid-utf8 = The text holds characters that could not be read (invalid UTF-8), shown as �. Type it again.
error-email-invalid = Enter a valid email address, like name@example.com.
error-password-too-short = The password must be at least 10 characters long.
error-password-mismatch = The two passwords do not match.
error-password-wrong = The current password is wrong.
error-name-taken = That name is already in use.
error-choose-branch = Choose at least one branch.

error-login-failed = Wrong email or password.
error-login-throttled = Too many failed attempts from here. Wait a little and try again – or reset your password.
error-login-unverified = Please confirm your email address first. We have sent you a new link.
error-login-deactivated = This account has been deactivated. Contact your branch if this is a mistake.

## Error pages

error-page-status = Error code { $status }
error-page-home = Go to the front page
error-page-400-title = The request could not be understood
error-page-400-text = The page received something it could not use. Go back and try again.
error-page-403-title = You do not have access to this page
error-page-403-text = The page belongs to another role or branch than yours. If you think you should have access, contact your coordinator.
error-page-csrf-title = The form has expired
error-page-csrf-text = For security reasons the form could not be sent. Go back, reload the page and try again.
error-page-404-title = Page not found
error-page-404-text = We cannot find the page. It may have been moved or deleted.
error-page-413-title = What was sent is too large
error-page-413-text = The form held more text than the page can receive. Go back, shorten the text and try again.
error-page-405-title = That is not possible here
error-page-405-text = The page cannot be used that way.
error-page-500-title = Something went wrong
error-page-500-text = Something went wrong on our side. The error has been logged; please try again shortly.
error-code-wrong = That code does not match. Check that the phone's clock is right, and try the new code the app shows.
error-reprove-wrong = That does not match. Please try again.
error-second-factor-required = As a coordinator or administrator you cannot turn off two-factor login – but you can move it to a new phone.
