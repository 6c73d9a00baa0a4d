## Volunteer evenings and info evenings

evenings-title = Volunteer evenings
evenings-lead-active = Evenings with a professional talk and community across professions: your branch's, the national ones and the open info evenings. Answer yes or no – you can always change your answer.
evenings-lead-public = Come to an info evening and hear what being a brobygger at Social Sundhed means. Anyone can sign up.
evenings-not-active = Volunteer evenings are for active brobyggere. Your page shows what you still need.
evenings-empty = There are no upcoming evenings right now.
evenings-staff-title = Volunteer evenings and info evenings
evenings-new = Plan an evening
evenings-new-lead = A volunteer evening invites the branch's active brobyggere (or every active brobygger, if it is open to other branches) to answer yes or no. An info evening is public: anyone can sign up.
evenings-upcoming = Upcoming
evenings-past = Earlier
evening-kind-branch = Volunteer evening
evening-kind-info = Info evening
evening-kind-branch-long = Volunteer evening for active brobyggere
evening-kind-info-long = Public info evening for future brobyggere
evening-national = National
evening-title = Evening
evening-topic = Talk
evening-speaker = Speaker
evening-time = Time
evening-place = Place
evening-reply-coming = You answered yes and have a seat.
evening-reply-waiting = You answered yes and are on the waiting list.
evening-reply-not_coming = You answered no.
evening-reply-not_answered = You have not answered yet.
evening-answer-heading = Are you coming?
evening-answer-yes = Yes, I am coming
evening-answer-yes-waitlist = Yes, put me on the waiting list
evening-answer-no = No, I am not coming
evening-answered-yes = Thank you! You are signed up, and the evening is on its way to your calendar.
evening-answered-waiting = The evening is full. You are on the waiting list and will hear if a seat frees up.
evening-answered-no = Thank you for answering. You are noted as not coming.
evening-calendar = Add to calendar (.ics)
evening-full = The evening is full. If you sign up, you join the waiting list.
evening-signup-heading = Sign up
evening-signup = Sign me up
evening-signed-up = You are signed up for the info evening.
evening-signup-cancel = Cancel my sign-up
evening-signup-cancelled = Your sign-up is cancelled.
evening-email-hint = We send the confirmation and a calendar invitation here.
evening-thanks-title = Thank you for signing up
evening-thanks-text = We have sent an email about { $title }. If it does not arrive, check that the address is right – or write to the branch.
evening-field-kind = Kind of evening
evening-field-branch = Branch
evening-branch-national = National (the secretariat)
evening-field-title = Title
evening-field-title-hint = E.g. "Volunteer evening: the health system as citizens see it".
evening-field-topic = Topic of the talk
evening-field-topic-hint = Required for a volunteer evening.
evening-field-speaker = Speaker
evening-field-location = Place
evening-field-capacity = Seats
evening-field-capacity-hint = Leave empty for no limit.
evening-field-open = Open to brobyggere from other branches (national evening)
evening-field-open-hint = Every active brobygger in the country gets the invitation and can answer.
evening-create = Create and send invitations
evening-created = The evening is created, and the active brobyggere are invited to answer.
evening-created-info = The info evening is created. Share the link to its public page.
evening-count-yes = Coming
evening-count-waiting = Waiting list
evening-count-no = Not coming
evening-count-not-answered = Not answered
evening-nobody = Nobody.
evening-not-answered-home = "Not answered" counts the branch's own active brobyggere; brobyggere from other branches appear once they answer.
evening-manage = Participants, cancelling and held
evening-attendance = Register attendance
evening-csv = Participant list (CSV)
evening-public-page = The evening's page
error-evening-kind = Choose which kind of evening it is.
error-evening-branch = Choose one of your branches.
error-evening-past = The evening must be in the future.
nav-evenings = Evenings

## Dashboard

dashboard-title = Overview
dashboard-link = Overview with figures and charts
dashboard-volunteers = Brobyggere
dashboard-chart-statuses = Brobyggere by status
dashboard-series-count = count
dashboard-series-yes = signed up
dashboard-series-present = present
dashboard-to-pipeline = See every brobygger in the branch
dashboard-supervision = Supervision
dashboard-supervision-within = within the rule (of { $active } active)
dashboard-chart-supervision = Brobyggere by supervision standing
dashboard-to-supervision = See the branch's supervision overview
dashboard-evenings = Volunteer evenings in { $year }
dashboard-evenings-held = held
dashboard-evenings-planned = planned
dashboard-evenings-present = present (of { $yes } signed up)
dashboard-evenings-rate = attendance
dashboard-chart-evenings = Signed up and present per held evening
dashboard-no-evenings = No evenings held yet this year.
region-view-title = The region
region-view-link = The branches of { $region } side by side
region-view-compare = Compare with the region's other branches
region-view-caption = The branches of { $region } side by side, volunteer evenings in { $year }
region-view-within = Within the supervision rule
region-view-present = Present at evenings held
region-view-no-branches = The region has no branches yet.

## Emails

message-kind-evening_invitation = Invitation to a volunteer evening
email-evening-invitation-subject = Are you coming? { $session_title }
email-evening-invitation-body = Your branch invites you to a volunteer evening with a professional talk and community.
email-evening-invitation-body-national = You are invited to a national volunteer evening with a professional talk and community – open to brobyggere from every branch.
email-evening-invitation-topic = Talk:
email-evening-invitation-speaker = Speaker:
email-evening-invitation-answer = Answer yes or no on the evening's page. You can always change your answer.
message-kind-evening_changed = Changed volunteer evening
email-evening-changed-subject = Changed: { $session_title }
email-evening-changed-body = The volunteer evening you are invited to has a new time or place. Here are the updated details.

## Links from other pages

home-card-info-evenings = Come to an info evening
active-evenings-text = A professional talk and community: answer yes or no to the coming evenings.

evening-edit = Change the evening
evening-edit-lead = If the time or place changes, everyone with a seat is told and gets an updated calendar invitation.
evening-save = Save changes
evening-updated = The changes are saved.
evening-not-editable = A cancelled or held evening cannot be changed.

# Dashboard charts and trends (the branch dashboard's tables and the last twelve months)
dashboard-col-status = Status
dashboard-col-standing = Standing
dashboard-col-evening = Evening
dashboard-col-month = Month
dashboard-trends = The last 12 months
dashboard-trend-people = Applications and newly active brobyggere by month
dashboard-series-applications = applications
dashboard-series-activations = became active
dashboard-trend-genlaer = GenLær participants by month
dashboard-series-participants = participants
dashboard-trend-genlaer-hint = Participants with a seat on the branch's GenLær sessions, counted in the month the session began; cancelled sessions do not count.
dashboard-trend-compliance = Supervision within the rule by month
dashboard-series-within = within the rule
dashboard-series-active = active
dashboard-trend-compliance-hint = The share of the brobyggere active at the end of each month (this month: today; those on a break exempt) who had been to supervision within the branch's current interval of { $months } { $months ->
        [one] month
       *[other] months
    }.
