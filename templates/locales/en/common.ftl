## Layout, navigation and words used everywhere.

skip-to-content = Skip to content
nav-main = Main menu
nav-login = Log in
nav-logout = Log out
nav-account = My account
nav-admin = Administration
nav-coordinator = Coordinator
nav-volunteer = My volunteer path
switch-language = Dansk
footer-about = Social Sundhed is a national, member-based NGO working for more equality in health.
footer-phone-hours = Our counselling phones are open on weekdays 8:00-15:30. No referral, no waiting list.

optional = optional
choose = Choose …
save = Save
create = Create
edit = Edit
search = Search
actions = Actions
next = Next
previous = Previous
pagination = Pages
pager-position = { $first }–{ $last } of { $total }
no = No
form-has-errors = Please correct the form
title-error-prefix = Error:

field-name = Full name
field-email = Email
field-phone = Phone
field-address = Address
field-region = Region
field-head-office = Regional head office
field-password = Password
field-new-password = New password
field-password-confirm = Repeat the password
field-current-password = Current password
hint-password = At least 10 characters. A sentence you can remember beats a short, complicated word.

role-admin = Administrator
role-regional = Regional coordinator
regional-coordinator-of = Regional coordinator: { $regions }
role-coordinator = Coordinator
role-volunteer = Volunteer (brobygger)
role-professional = Professional

volunteer-status-applicant = Applicant
volunteer-status-approved = Accepted
volunteer-status-in_training = In training
volunteer-status-active = Active
volunteer-status-paused = On a break
volunteer-status-alumni = Alumni
volunteer-status-rejected = Declined

flash-saved = Your changes have been saved.
flash-saved-grace = The changes are saved. Active brobyggere without a child protection certificate have a deadline and were told by email.
flash-logged-out = You are logged out.

## Front page

home-title = Brobyg – courses and volunteers at Social Sundhed
home-lead = Social Sundhed works for more equality in health. Volunteer bridge builders accompany people in vulnerable positions to appointments in the health system, and through GenLær we teach those who work in and with the welfare system.
home-card-genlaer = GenLær courses for professionals
home-card-genlaer-text = Continuing education on social inequality in health, health literacy and inclusive practice – as open courses or booked for your workplace.
home-card-genlaer-link = Create an account
home-card-brobygger = Become a bridge builder
home-card-brobygger-text = Studying health, social work or a related field? As a bridge builder you get a 20-hour preparation course, supervision and a community of fellow volunteers.
home-card-staff = Staff and volunteers
home-card-staff-text = Coordinators, administrators and volunteers log in here.
home-facts-heading = Social Sundhed in 2025
home-fact-volunteers = volunteer bridge builders
home-fact-accompaniments = accompaniments
home-fact-people = people helped
home-fact-hours = volunteer hours
home-welcome = Welcome, { $name }
home-signed-in-lead = Here is what you can get started with.
home-card-volunteer = My volunteer path
home-card-volunteer-text = See your status, your upcoming appointments and what is still missing.
home-card-coordinator = My branches
home-card-coordinator-text = Applicants, cohorts, supervision and volunteer evenings in your branches.
home-card-admin = Administration
home-card-admin-text = Regions, branches, users and sent messages.
home-card-professional = GenLær
home-card-professional-text = Your courses and enrolments.

## Coordinator and volunteer start pages

coordinator-title = My branches
coordinator-no-branches = You are not a coordinator for any branch yet.
volunteer-title = My volunteer path
volunteer-branch = Branch
volunteer-status = Status
coordinator-volunteers = Volunteers
coordinator-no-volunteers = The branch has no volunteers yet.
coordinator-all-statuses = All
coordinator-search = Name or email
coordinator-no-match = No volunteers match the search.

# Phones: the header's menu
nav-menu = Menu
