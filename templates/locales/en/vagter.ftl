## Vagter (the duty rota). No free text: choices, numbers, dates and times only.

nav-duty = Duty
duty-title = Duty (vagter)
duty-lead = Duty at your branch's counselling phone over the coming month. Take the vagter that suit you.
duty-target-standing = You have { $taken } of { $min }–{ $max } vagter in { $month }.
duty-standing = Standing
duty-standing-below = Below the target
duty-standing-within = Within the target
duty-standing-above = Above the target
duty-mine = My vagter
duty-mine-none = You have no coming vagter.
duty-open = Open vagter
duty-open-none = There are no open vagter over the coming month.
duty-full = Full vagter
duty-when = When
duty-programme = Programme
duty-places = Places
duty-places-taken = { $taken } of { $wanted }
duty-action = Action
duty-takers = Brobyggere
duty-takers-none = Nobody yet
duty-tag-offered = Given away
duty-tag-offered-by-me = Offered to the others until { $until }
duty-take = Take this vagt
duty-give-away = Give this vagt away
duty-give-away-until = Can be given away until { $until }.
duty-keep = Keep this vagt
duty-ask-coordinator = If you cannot make it after all, contact your coordinator.
duty-taken = The vagt is yours. A calendar invitation is on its way by email.
duty-taken-over = You have taken over the vagt. A calendar invitation is on its way by email.
duty-offered = The vagt is offered to the other brobyggere. It stays yours until someone takes it.
duty-kept = You keep the vagt.
duty-refused-full = The vagt is full: every place is taken.
duty-refused-closed = The vagt can no longer be taken.
duty-refused-already = You already have this vagt.
duty-refused-not-on-it = That person is not on this vagt.
duty-refused-deadline = The deadline for giving the vagt away has passed (48 hours before). Contact your coordinator.
duty-refused-already-offered = The vagt is already offered to the others.

duty-plan-title = Duty rota (vagtplan)
duty-plan-lead = Vagter repeat every week over a period. The counselling phone is open { $opens }–{ $closes }.
duty-plan-link = Duty rota: weekly slots and days off
duty-rota-link = Vagter over the coming weeks
duty-slots = Weekly slots
duty-slots-none = There are no weekly slots yet.
duty-slot-new = New weekly slot
duty-weekday = Weekday
duty-weekday-1 = Monday
duty-weekday-2 = Tuesday
duty-weekday-3 = Wednesday
duty-weekday-4 = Thursday
duty-weekday-5 = Friday
duty-weekday-6 = Saturday
duty-weekday-7 = Sunday
duty-time = Time
duty-start = From
duty-end = To
duty-wanted = Brobyggere wanted
duty-period = Period
duty-from = First date
duty-to = Last date
duty-to-hint = At most a year ahead.
duty-slot-add = Create vagter
duty-slot-remove = Remove
duty-slot-added = The vagter are created.
duty-slot-added-none = The weekly slot is saved but made no vagter (every date is a day off or has passed).
duty-slot-removed = The weekly slot is removed and its coming vagter are cancelled.
duty-days-off = Days off
duty-days-off-lead = On a day off (a public holiday, a closing day) no vagter are made. Vagter already made that day are cancelled.
duty-days-off-none = No coming days off.
duty-day-off = Date
duty-day-off-add = Add day off
duty-day-off-undo = Undo day off
duty-day-off-added = The day off is added.
duty-day-off-exists = That day already is a day off.
duty-day-off-removed = The day off is undone and the day's vagter are made again.
duty-day-off-none = That day was not a day off.
duty-settings = Target and opening hours
duty-target-min = Fewest vagter a month
duty-target-max = Most vagter a month
duty-opens = The phone opens at
duty-closes = The phone closes at
duty-settings-save = Save
duty-settings-saved = Target and opening hours are saved.

duty-rota-title = Vagter
duty-rota-lead = The coming weeks' vagter, empty and under-staffed first: { $empty } without a brobygger, { $under } short of people.
duty-rota-coming = Coming vagter
duty-rota-none = There are no vagter over the coming weeks. Create weekly slots in the duty rota.
duty-staffing-empty = Empty
duty-staffing-under = Short of people
duty-release = Release { $name }
duty-released = The brobygger is released from the vagt and has been told.
duty-rota-target = The target in { $month }: { $min }–{ $max } vagter
duty-rota-target-lead = { $below } below the target, { $above } above it.
duty-rota-people = Active brobyggere and the target
duty-rota-people-none = The branch has no active brobyggere.
duty-month-taken = Vagter this month

error-duty-target = Enter a whole number from 0 to 31.
error-duty-target-order = The most must be at least 1 and not below the fewest.
error-duty-outside-hours = The vagt must lie within the phone's opening hours.
error-duty-wanted = Enter a whole number from 1 to 20.
error-duty-period-order = The last date cannot be before the first.
error-duty-period-long = The period can be a year at most.
error-duty-period-past = The period has already ended.
error-duty-day-past = Choose a date from today on.

email-duty-offered-subject = A vagt is given away
email-duty-offered-body = A brobygger in your branch is giving this vagt away. It is yours if you take it first (until { $until }).
email-duty-link = See and take vagter:
email-duty-handed-over-subject = Your vagt has been taken over
email-duty-handed-over-body = Another brobygger has taken over the vagt you gave away. It is removed from your calendar.
email-duties-released-subject = { $volunteer } is released from { $count ->
    [one] one vagt
   *[other] { $count } vagter
}
email-duties-released-body = { $volunteer } is on a break or has stopped, and { $count ->
    [one] the coming vagt they held is open again.
   *[other] the { $count } coming vagter they held are open again.
}
email-duties-released-link = See the vagter:

privacy-purpose-enrolments-duty = Your vagter at the counselling phone.
privacy-purpose-duty-offers = Vagter you give away to the other brobyggere.
privacy-free-duty_slots = The branch's weekly slots: weekday, time, programme and number.
privacy-free-duty_days_off = The branch's days off in the rota.
privacy-free-duty_shifts = Which weekly slot and date a vagt belongs to.
privacy-category-duty = Duty (vagter)
privacy-category-duty-text = Which vagter at the counselling phone you have taken, and vagter you give away. Never anything about the citizens who call.
session-kind-duty = Vagt (duty)
message-kind-duty_offered = Vagt given away
message-kind-duty_handed_over = Vagt taken over
message-kind-duties_released = Vagter released on a break
