## Changing what is planned: meetings and messages to participants

meetings-change = Move or cancel
meetings-add = Add a meeting
meetings-add-hint = Everyone enrolled gets the meeting in their calendar.
meetings-field-date = Date
meetings-field-start = From
meetings-field-end = To
meetings-field-location = Place
meetings-field-location-hint = Leave empty if the meeting is held where the session is.
meetings-field-online-url = Online link
meetings-field-online-url-hint = Leave empty for the session's own link. A link starting with https://.
meetings-move-title = Move a meeting
meetings-move-hint = Times are Danish time. Each person gets one email with the updated calendar invitation.
meetings-move-save = Save and tell them
meetings-teaches = Teaches:
meetings-told-count = { $count ->
    [0] Nobody is told: nobody is enrolled yet.
    [one] 1 person is told.
   *[other] { $count } people are told.
}
meetings-told-seated = Enrolled:
meetings-told-unanswered = Invited, not answered yet:
meetings-remove = Cancel this meeting
meetings-remove-title = Cancel this meeting?
meetings-remove-hint = The session goes on with its other meetings. Each person who was to come gets one email that removes only this meeting from their calendar.
meetings-remove-confirm = Yes, cancel the meeting
meetings-remove-modules = { $count ->
    [one] The meeting teaches a module that needs a new date:
   *[other] The meeting teaches { $count } modules that need a new date:
}
meetings-back = Back to the session
meetings-last-meeting = This is the session's only meeting, so it cannot be cancelled alone. Cancel the whole session instead.
meetings-session-closed = The session is cancelled or held, so its meetings can no longer change.
meetings-already-removed = The meeting is already cancelled.
meetings-moved = The meeting is moved, and those concerned have been told.
meetings-unchanged = Nothing changed, so nobody was told.
meetings-added = The meeting is added, and those enrolled have been told.
meetings-removed = The meeting is cancelled, and those concerned have been told.
meetings-removed-modules = The meeting taught modules that now have no date. See the list under Meetings.
meetings-unplanned = { $count ->
    [one] A module needs a new date because its meeting is cancelled:
   *[other] { $count } modules need a new date because their meetings are cancelled:
}
meetings-messages = Messages to the participants
meetings-no-messages = Nobody has written to the participants yet.
meetings-write = Write to the participants
meetings-write-reaches = { $count ->
    [0] Nobody is enrolled yet.
    [one] The message goes to 1 enrolled person.
   *[other] The message goes to { $count } enrolled people.
}
meetings-write-hint = Each recipient gets their own email. The message is kept and shown on the session's page.
meetings-field-subject = Subject
meetings-field-body = Message
meetings-also-waiting-list = { $count ->
    [one] Also send to the 1 person on the waiting list
   *[other] Also send to the { $count } people on the waiting list
}
meetings-send = Send the message
meetings-message-sent = The message is sent.
meetings-sent-at = Sent
meetings-sent-by = Written by
meetings-recipients = Recipients
meetings-recipient-count = { $count ->
    [one] 1 recipient
   *[other] { $count } recipients
}
meetings-with-waiting-list = with the waiting list
