## Course evaluation (GenLær)

evaluation-title = Evaluate the course
evaluation-lead = Thank you for taking part in { $title } on { $date }. Tell us how it was: it takes a couple of minutes.
evaluation-anonymous = Your answers are anonymous: the link only shows that you took part, and the answer is stored without your name or email address. The link can be used once.
evaluation-question-relevance = How relevant was the course to your work?
evaluation-question-teachers = How did you find the teachers?
evaluation-question-transfer = How much will you take back to your work?
evaluation-short-relevance = Relevance
evaluation-short-teachers = Teachers
evaluation-short-transfer = Back to work
evaluation-scale-1 = 1 – Not at all
evaluation-scale-2 = 2 – A little
evaluation-scale-3 = 3 – Somewhat
evaluation-scale-4 = 4 – Much
evaluation-scale-5 = 5 – Very much
evaluation-comment = Comment
evaluation-comment-hint = Do not write names or other personal details about yourself or others. At most 1,500 characters.
evaluation-submit = Send evaluation
evaluation-until = The link works until { $date }.
evaluation-error-choose = Choose an answer from 1 to 5.
evaluation-error-scale = The answer must be a number from 1 to 5.
evaluation-closed-unknown-title = Link not found
evaluation-closed-unknown = We do not know this evaluation link. Check that you copied the whole link from the email.
evaluation-closed-used-title = The evaluation has already been sent
evaluation-closed-used = This link has already been used to answer. Thank you for your evaluation.
evaluation-closed-expired-title = The link has expired
evaluation-closed-expired = The time for evaluating the course has passed, so the link no longer works.
evaluation-to-catalogue = See the GenLær courses
evaluation-thanks-title = Thank you for your evaluation
evaluation-thanks = Your answer has been stored without your name. We use the evaluations to make the courses better.
evaluation-to-my-courses = Go to My courses (certificate)

## Results for coordinators

evaluation-link = Evaluation
evaluation-course-results-link = Evaluations of the course
evaluation-results-title = Evaluation of the session
evaluation-course-title = Evaluations of the course
evaluation-course-link = All sessions of { $course } over time
evaluation-response = { $answers ->
    [one] 1 answer
   *[other] { $answers } answers
  } from { $invited } invited
evaluation-of-invited = { $answers } of { $invited }
evaluation-no-answers = There are no answers yet. Participants get an evaluation link when the session is marked held.
evaluation-no-answers-course = There are no answers yet from the course's sessions.
evaluation-few-answers = There are few answers: take care that the comments cannot be traced back to a participant.
evaluation-averages = Averages
evaluation-averages-all = Averages for all sessions
evaluation-average = average
evaluation-scale-hint = Scale from 1 (not at all) to 5 (very much).
evaluation-distribution = Distribution of answers
evaluation-comments = Comments
evaluation-no-comments = Nobody wrote a comment.
evaluation-over-time = Over time
evaluation-course-chart = Average per session (1–5)
evaluation-sessions = Sessions
evaluation-col-session = Session
evaluation-col-answers = Answers
evaluation-col-rating = Answer on the scale
evaluation-dashboard-title = Course evaluations { $year }
evaluation-dashboard-answers = answers from { $invited } invited
evaluation-dashboard-none = No evaluations yet this year.

## Email

email-evaluation-invite-subject = Evaluate the course: { $session_title }
email-evaluation-invite-body = Thank you for taking part in { $title }. We would like to hear what you got out of the course: three short questions and room for a comment.
email-evaluation-invite-anonymous = The link is personal and can be used once, but your answer is anonymous: it is stored without your name.
email-evaluation-invite-button = Evaluate the course
email-evaluation-invite-until = The link works until { $date }.
email-evaluation-invite-certificate = You can download your course certificate under My courses when you are logged in.
message-kind-evaluation_invite = Course evaluation
evaluation-teachers-share = Share the results with the teachers
evaluation-teachers-share-hint = Teachers have no account. Send them this link: it shows only these results (the answers are anonymous) and cannot be used for anything else. It works until the system's secret key is changed.
evaluation-teachers-link = Link for the teachers
