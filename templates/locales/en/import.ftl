## Import of brobyggere and coordinators from before Brobyg (/admin/import).

import-title = Import brobyggere
import-card = Bring in brobyggere and coordinators from before Brobyg from a spreadsheet.
import-lead = Paste the content of a CSV file as Excel saves it (semicolon or comma, UTF-8). First a dry run shows every row and every problem; nothing is saved until you confirm – and then all rows are saved or none.
import-columns-volunteers = Brobyggere: navn; email; telefon; afdeling; status (ansøger, i uddannelse, aktiv, pause, alumne); uddannet_dato; gennemfoerte_moduler (e.g. 1,2,3); tavshedserklaering_version; tavshedserklaering_dato; sidste_supervision; studie; institution; noter_til_koordinator. Dates as dd.mm.yyyy or yyyy-mm-dd.
import-columns-coordinators = Coordinators: navn; email; afdelinger (names separated by commas).
import-kind = Who is imported?
import-kind-volunteers = Brobyggere
import-kind-coordinators = Coordinators
import-file = Choose the CSV file (it is read into the field below)
import-filename = File name
import-content = The file's content
import-content-hint = Open the CSV file in a text editor, select all, copy and paste here – the header line first.
import-preview-submit = Show dry run
import-preview-title = Dry run of the import
import-counts = { $created } to create, { $updated } to update, { $unchanged } unchanged.
import-problems-title = { $count ->
    [one] One problem in the file
   *[other] { $count } problems in the file
}
import-problem-at = Line { $line }, column { $column }
import-problem-line = Line { $line }
import-nothing-written = Nothing was saved. Correct the file and try again.
import-col-line = Line
import-col-action = Happens
import-action-create = Created
import-action-update = Updated
import-action-unchanged = Unchanged
import-action-problem = Error
import-confirm = Import
import-confirm-hint = The file is checked again when you import. Nobody gets an email until you choose "Send welcome email".
import-nothing-to-do = Every row is already imported; there is nothing to save.
import-start-over = Start over
import-done-title = The import is saved
import-done-counts = { $created } created, { $updated } updated, { $unchanged } unchanged.
import-another = Import another file
import-welcome-heading = Welcome email
import-welcome-hint = { $count ->
    [one] One person from the import has no password yet. The welcome email gives a link to choose one (valid for 14 days).
   *[other] { $count } people from the import have no password yet. The welcome email gives each a link to choose one (valid for 14 days).
}
import-welcome-send = Send welcome email
user-welcome-heading = Welcome email
user-welcome-hint = The user has no password yet. The welcome email gives a link to choose one (valid for 14 days).
flash-welcome-sent = The welcome email has been sent.
flash-welcome-none = Nobody got a welcome email: everyone already has a password.

import-error-too-large = The file is too large (at most 4 MB).
import-error-encoding = The file is not UTF-8. Save it from Excel as "CSV UTF-8 (comma delimited)".
import-error-unreadable = The line cannot be read as CSV (check the quotation marks).
import-error-empty = The file is empty.
import-error-no-rows = The file has only a header line and no rows.
import-error-too-many-rows = The file has too many rows (at most 10,000).
import-error-column-twice = The column appears twice.
import-error-unknown-column = The column is not known.
import-error-missing-column = The column is missing.
import-error-extra-cells = The row has more cells than the header line.
import-error-date = Write the date as dd.mm.yyyy or yyyy-mm-dd.
import-error-duplicate-email = The email address is already on an earlier line.
import-error-branch = The branch does not exist.
import-error-status = The status must be ansøger, i uddannelse, aktiv, pause or alumne.
import-error-modules = Write the module numbers from 1 to 10, separated by commas, e.g. 1,2,3.
import-error-version = The version must be a whole number, e.g. 1.

history-prior-title = Before Brobyg
history-prior-course = Preparation course (20 hours) completed before Brobyg
history-prior-modules = Module { $modules } completed before Brobyg
history-prior-declaration = Confidentiality declaration (version { $version }) signed before Brobyg
history-prior-imported = completed before Brobyg, imported { $date } by { $by }
history-prior-commandline = the command line
history-prior-study = Studies
history-prior-notes = Notes for the coordinator

message-kind-import_welcome = Welcome (import)
email-import-welcome-subject = Welcome to Brobyg at Social Sundhed
email-import-welcome-body = Social Sundhed has started using a new system, Brobyg, and you have moved with it – with your preparation course and your confidentiality declaration. Choose a password to see your page and sign up for supervision and brobyggeraftener.
email-import-welcome-button = Choose a password
email-import-welcome-expiry = The link works for 14 days. You can always get a new one through "Forgot password".

import-waiting-heading = Waiting for the welcome email
import-waiting-lead = Imported people who have not chosen a password yet. They get no email until you send the welcome: a link to choose a password that works for 14 days. You can send it again if the link has run out.
import-waiting-group = Import
import-waiting-volunteers = Brobyggere imported { $date }
import-waiting-coordinators = Coordinators
import-waiting-people = Without a password
import-waiting-welcomed = Of these, welcomed before
import-waiting-send = { $count ->
    [one] Send the welcome email to 1
   *[other] Send the welcome email to { $count }
}
