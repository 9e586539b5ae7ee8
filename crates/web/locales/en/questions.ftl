# teilhabe – English texts of the questions module. Same keys as de/questions.ftl.

## Register: questions, objections, following, staff inbox
rq-heading = Questions and objections
rq-lead = Do you have a question about this use, or do you disagree? The responsible office answers publicly. It answers objections within { $deadline } days.
rq-counts = { $questions ->
    [one] 1 question
   *[other] { $questions } questions
}, { $objections ->
    [one] 1 objection
   *[other] { $objections } objections
}, { $open } of them not answered yet
rq-overdue-count = { $count ->
    [one] 1 answer overdue
   *[other] { $count } answers overdue
}
rq-following = You follow this entry and hear of new versions, answers and recommendations of the data council.
rq-followers = { $count ->
    [one] 1 person follows
   *[other] { $count } people follow
} this entry.
rq-follow-hint = Follow the entry to hear of new versions, answers and recommendations of the data council.
rq-kind-question = Question
rq-kind-objection = Objection
rq-asked-by = { $name } on { $date } (on version { $version })
rq-overdue-since = overdue since { $date }
rq-due-on = answer due by { $date }
rq-no-deadline = no deadline
rq-answer-heading = Answer of the administration
rq-answered-late = after the deadline of { $date }
rq-corrected-on = corrected on { $date }
rq-no-answer-yet = No answer yet.
rq-answer = Answer
rq-correct = Correct the answer
rq-answer-hint = The answer is public. Write in plain language; the person who asked and everyone following the entry are notified.
rq-correct-hint = The answer is already published. A correction is shown as "corrected on …"; the old text stays in the audit trail.
rq-answer-send = Publish answer
rq-correct-send = Publish correction
rq-none = There are no questions or objections on this entry yet.
rq-ask-heading = Ask a question or object
field-question_kind = What would you like to do?
rq-choice-question = Ask a question
rq-choice-objection = Object (answer within { $deadline } days)
field-question_aspect = What does your objection concern?
rq-aspect-hint = Only needed for objections. Choose the part of the entry you disagree with.
rq-aspect-none = Please choose
register-question-aspect-other = Something else
field-question_text = Your question or the reasons for your objection
rq-text-hint = At least 10 and at most 4,000 characters. Your text and your display name are shown publicly; do not include personal data.
rq-send = Send
rq-login-needed = To ask a question, object or follow the entry, please sign in.
rq-title-ask = Ask a question or object
rq-title-answer = Answer publicly
rq-title-hide = Hide contribution
rq-on-entry = On the register entry "{ $title }"
rq-back = Back to the entry
rq-inbox-heading = Questions and objections in the data register
rq-inbox-lead = { $count ->
    [one] 1 open question or objection
   *[other] { $count } open questions and objections
} on entries you are responsible for, { $overdue } of them overdue. Overdue ones come first.
rq-inbox-caption = Open questions and objections, overdue first
rq-col-kind = Kind
rq-col-entry = Register entry
rq-col-deadline = Deadline
rq-col-action = Action
rq-inbox-empty = No open questions or objections.
rq-mine-heading = Your questions and objections in the data register
rq-mine-caption = Your questions and objections, newest first, with the state of the answer
rq-col-state = State
rq-mine-hidden = hidden (see the entry)
rq-deadline-heading = Answer deadline for objections in the data register
rq-deadline-lead = The administration answers objections to a data register entry within this deadline. It runs from the day the objection arrives; a change applies to new objections only.
rq-deadline-link = Change the deadline for objections
rq-deadline-hint = Between 1 and 365 days; 30 days is usual.
rq-title-record = Record a question or objection from a letter, a call, the citizens' office or a meeting
rq-record-lead = Record here what reached you another way, so it is answered publicly like a contribution on the web. For objections the answer deadline runs from today. The name is optional; record only what the person wants published.
rq-record-link = Record a question or objection from a letter, a call, the citizens' office or a meeting
rq-title-report = Report contribution
rq-report-hint = For example: insulting, contains personal data, advertising. Only the moderators see your report.
rq-moderation-heading = Reported questions and objections in the data register
rq-moderation-empty = No open reports on questions and objections.
field-objection_deadline_days = Answer deadline for objections in days
notice-register-question-asked = Your question is published. You will be notified when the administration answers.
notice-register-objection-filed = Your objection is published. The administration answers within the stated deadline; you will be notified.
error-register-question-hidden = This contribution was hidden by the moderators and can no longer be answered.
error-register-answer-unchanged = The answer is unchanged. Change the text to publish a correction.
error-register-question-stale = Someone else answered in the meantime. Reload the page and check the answer.
notification-register_answer = New answer to a question or objection on the register entry "{ $title }"
notification-register_answer_own = The administration answered your question or objection on "{ $title }"
notification-register_answer_corrected = An answer on the register entry "{ $title }" was corrected
notification-register_answer_corrected_own = The answer to your question or objection on "{ $title }" was corrected
