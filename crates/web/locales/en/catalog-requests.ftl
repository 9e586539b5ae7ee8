## Data requests (open data catalog)

catalog-requests-title = Data requests
catalog-requests-catalog = Open data
catalog-requests-lead = Ask here for data that is not in the catalog yet. The administration answers publicly, usually within { $days } days.
catalog-requests-new = Request data
catalog-requests-login = To request data, please sign in.
catalog-requests-login-link = Sign in
catalog-requests-record = Record a request from paper or phone
catalog-requests-filter = Filter requests
catalog-requests-filter-all = All
catalog-requests-filter-open = Open
catalog-requests-filter-overdue = Overdue
catalog-requests-filter-answered = Answered
catalog-requests-filter-published = Published
catalog-requests-filter-planned = Planned
catalog-requests-filter-refused = Refused
catalog-requests-caption = { $count ->
    [one] 1 data request
   *[other] { $count } data requests
}
catalog-requests-col-status = Status
catalog-requests-col-asked = Asked on
catalog-requests-col-due = Answer due
catalog-requests-empty = There are no data requests here.
catalog-requests-form-ask = Request data
catalog-requests-form-record = Record a data request
catalog-requests-form-lead = Describe the data you need. Your request is public. The administration answers within { $days } days.
catalog-requests-send = Send request
catalog-requests-back = Back to the data requests
catalog-requests-inbox-heading = Open data requests
catalog-requests-inbox-lead = { $count } open, { $overdue } of them overdue.
catalog-requests-inbox-caption = Open data requests, the one due first on top

catalog-request-title = Title
catalog-request-title-hint = A short name for the data, for example "tree register".
catalog-request-what = Which data?
catalog-request-what-hint = What should the data contain? At least 10 characters.
catalog-request-why = What for? (optional)
catalog-request-why-hint = What would you like to use the data for?
catalog-request-status = Answer
catalog-request-status-open = Open
catalog-request-status-published = Published
catalog-request-status-planned = Planned
catalog-request-status-refused = Refused
catalog-request-asked-by = Asked by { $name } on { $date }
catalog-request-due-on = Answer due by { $date }
catalog-request-overdue-since = Overdue since { $date }
catalog-request-answered-on = Answered on { $date }
catalog-request-late = after the deadline
catalog-request-corrected = corrected
catalog-request-corrected-on = Answer corrected on { $date }
catalog-request-planned-for = planned by { $date }
catalog-request-no-answer = No answer yet. The answer is due by { $date }.
catalog-request-answer-heading = Answer of the administration
catalog-request-answer = Answer the request
catalog-request-correct = Correct the answer
catalog-request-answer-send = Publish answer
catalog-request-correct-send = Publish correction
catalog-request-dataset = Dataset
catalog-request-dataset-hint = Only for "Published": the dataset of the catalog that holds the data.
catalog-request-dataset-none = No dataset
catalog-request-planned-for-label = Planned by
catalog-request-planned-for-hint = Only for "Planned": the date by which the data is to appear. Not in the past.
catalog-request-department = Responsible department
catalog-request-department-none = No department
catalog-request-answer-text = Answer text
catalog-request-answer-hint = The answer is public. When refusing, please give the reason (at least 30 characters).
catalog-request-hidden-title = Hidden data request
catalog-request-hidden = This request was hidden. Reason: { $reason }
notice-catalog-request-asked = Your data request has been saved.
notice-catalog-request-answered = The answer has been published.
catalog-request-error-date = Please enter a valid date, for example 2027-03-31.
catalog-request-error-date-past = The date is in the past.
catalog-request-error-dataset = There is no dataset "{ $value }" in the catalog.
catalog-request-error-unchanged = The answer is unchanged.
catalog-request-error-hidden = This request is hidden and cannot be answered.
catalog-request-error-stale = Someone has just answered the request. Please reload the page.

# Notifications and the computed indicator (keys of other modules).
notification-data_request_answered = The administration answered your data request "{ $title }"
notification-data_request_corrected = The administration corrected the answer to your data request "{ $title }"
goal-computation-data_requests_within_deadline = Share of data requests answered within the deadline (%)
