# teilhabe – English texts. Same keys as de.ftl.

site-name = { $municipality } participates
skip-to-content = Skip to content
nav-main = Main navigation
nav-legal = Legal
nav-processes = Processes
nav-search = Search
nav-audit = Audit log
nav-inbox = Inbox
nav-admin = Administration
nav-moderation = Moderation
nav-profile = My account
nav-logout = Log out
nav-login = Log in
nav-register = Register
nav-other-language = Deutsch
nav-api = API
footer-note = Every contribution gets a public answer. Every change is in the public audit log.
back = Back
back-home = Go to the home page
save = Save
choose = Please choose
yes = yes
no = no
actions = Actions

home-title = Home
home-heading = Have your say in { $municipality }
home-lead = Bring in your ideas, support other people's proposals and see what the administration does with them.
home-active-processes = Open processes
home-no-processes = No process is open at the moment.
home-latest-answers = Latest answers from the administration
home-no-answers = No answers yet.
phase-current = Current phase: { $title }
count-proposals = { $count ->
    [one] 1 proposal
   *[other] { $count } proposals
}
count-supports = { $count ->
    [one] 1 supporter
   *[other] { $count } supporters
}
count-comments = { $count ->
    [one] 1 comment
   *[other] { $count } comments
}
answered-on = answered on { $date }

processes-title = Processes
processes-none = No processes found.
process = Process
process-phases = Timeline
phase-active = current
process-edit = Edit process
process-new = New process
process-status-draft = Draft
process-status-published = Published
process-status-closed = Closed
process-status-archived = Archived
form-proposals = Submit proposals
form-supports = Support proposals
form-comments = Comment
form-opinion_map = Opinion map: vote on statements
rule-supports-verified = Only verified residents can support proposals.
rule-support-limit = Each person can support at most { $limit } proposals.
follow = Follow
unfollow = Unfollow

proposals-heading = Proposals
proposals-none = No proposals found.
proposal-new = Submit a proposal
proposal-edit = Edit proposal
proposal-submit = Submit proposal
proposal-submit-anyway = Submit anyway
filter-status = Status
filter-category = Topic
filter-sort = Order
filter-all = All
filter-apply = Show
sort-newest = Newest first
sort-oldest = Oldest first
sort-most_supported = Most supported
sort-most_commented = Most commented
status-submitted = Submitted
status-in_review = In review
status-accepted = Accepted
status-rejected = Rejected
status-in_implementation = Being implemented
status-done = Done
status-unchanged = unchanged
channel-online = Online
channel-paper = Paper
channel-phone = Phone
channel-office = Citizens' office
channel-meeting = Meeting
author-anonymous = name not given
by-author = by { $name }
you-support = You support this
overdue = Answer overdue
overdue-explain = This proposal has waited { $days } days for an answer. The administration committed to answer within { $deadline } days.
answer-pending = The administration has not answered yet (waiting { $days } days; deadline: { $deadline } days).
answer-heading = Answer from the administration
progress = Implementation
progress-notes = Implementation history
location = Location
location-map = view on the map
hidden-title = Hidden contribution
hidden-placeholder = This contribution was hidden by the moderators. Reason: { $reason }
supports-heading = Support
support = Support
support-withdraw = Withdraw support
supports-closed = Supporting is not possible in the current phase.
comments-heading = Comments
comments-none = No comments yet.
comment-send = Post comment
reply = Reply
reply-to = Reply to { $name }
reply-send = Post reply
report = Report
report-send = Send report
report-proposal-heading = Report a problem
report-reason = Reason for the report
report-dismiss = Close report
hide = Hide
hide-send = Hide
staff-answer-heading = Handle (administration)
answer-hint = Accepting or rejecting requires a public explanation (at least 20 characters).
title-hint = Short and clear, for example "Bike racks at the station".
location-optional = Location (optional)
location-hint = Latitude and longitude, for example 51.5123 and 7.4651.
category-none = No topic
form-has-errors = Please check your input
similar-heading = Does this exist already?
similar-help = These proposals are similar to yours. You may want to support or comment on one of them. Otherwise just submit your proposal.

offline-heading = Record a contribution from paper, phone, citizens' office or a meeting
offline-help = For people without an account. It counts like any other contribution and is marked with its channel.
offline-record-proposal = Record proposal
offline-record-support = Record support
offline-record-comment = Record comment
stats-channels = Contributions by channel
stats-channels-caption = Number of contributions per channel in this process

field-title = Title
field-body = Description
field-category = Topic
field-latitude = Latitude
field-longitude = Longitude
field-email = E-mail address
field-display_name = Display name
field-password = Password
field-password_confirm = Repeat password
field-privacy = Privacy
field-current_password = Current password
field-new_password = New password
field-new_password_confirm = Repeat new password
field-code = Verification code
field-name = Name
field-slug = Address (short name)
field-summary = Summary
field-process-body = Full description
field-department_id = Responsible department
field-image_url = Image address (optional)
field-status = Status
field-phases = Phases
field-active_phase = Current phase
field-support_limit = Maximum supports per person (empty = unlimited)
field-area = Area
field-answer = Public answer
field-progress = Implementation in percent
field-note = Progress note (public)
field-reason = Reason
field-hide-reason = Public reason
field-parent_id = Reply to
field-batch = Name of the batch
field-codes = Codes (one per line, CSV)
field-count = Number
field-answer_deadline_days = Answer deadline in days
field-categories = Topics for proposals
field-contact_email = Contact address
field-locale = Language
field-digest = E-mail digest
field-channel = Channel
field-offline_name = Name or initials (optional)
field-comment = Your comment
field-role = Role
field-token-name = Name of the key
field-department-name = Name of the department
field-phase-title = Phase title
field-phase-start = Start
field-phase-end = End
field-proposals_require_verification = Proposals only from verified residents
field-supports_require_verification = Supports only from verified residents
field-comments_require_verification = Comments only from verified residents
slug-hint = Lower-case letters, digits and hyphens. Leave empty to derive it from the title.
markdown-hint = You can use Markdown: **bold**, lists with "-", headings with "##".
rules-heading = Rules for contributions
phases-hint = Empty rows are ignored. Mark the current phase; it decides what citizens can do right now.
phase-n = Phase { $n }
phase-forms = Possible in this phase:
phase-make-active = This is the current phase

search-title = Search
search-label = Search term
search-button = Search
search-count = { $count ->
    [one] 1 result for "{ $q }"
   *[other] { $count } results for "{ $q }"
}
kind-process = Process
kind-proposal = Proposal
kind-comment = Comment
pager-label = Pages
pager-prev = Previous page
pager-next = Next page
pager-position = Page { $page } of { $pages }

login-title = Log in
login-button = Log in
login-forgot = Forgot your password?
login-register = Create an account
register-title = Create an account
register-lead = With an account you can submit, support and comment on proposals and follow processes.
register-button = Create account
display-name-hint = This name is shown publicly with your contributions. You may choose a pseudonym.
password-hint = At least 10 characters.
privacy-consent = I have read the privacy notice.
forgot-title = Forgot password
forgot-lead = Enter your e-mail address. We will send you a link to set a new password.
forgot-button = Send link
forgot-sent = If an account exists for this address, we have sent an e-mail with a link. The link is valid for 60 minutes.
reset-title = Set a new password
reset-button = Save password

profile-title = My account
verified = Verified resident
not-verified = not verified
roles = Roles
role-citizen = Citizen
role-staff = Staff
role-moderator = Moderator
role-council = Data council
role-admin = Administrator
notifications-heading = Notifications
notifications-none = No notifications.
notifications-mark-read = Mark all as read
unread = new
notification-reply = New reply to your comment on "{ $title }"
notification-status_changed = New status for "{ $title }"
notification-answered = New answer from the administration on "{ $title }"
notification-progress = Implementation progress on "{ $title }"
notification-hidden = Your contribution on "{ $title }" was hidden
notification-register_version = New version of the register entry "{ $title }"
preferences-heading = Settings
digest-hint = Instead of one e-mail per event you receive a summary.
digest-daily = daily
digest-weekly = weekly
digest-none = no e-mails
verify-heading = Verify as a resident
verify-lead = With the code from the municipality's letter you confirm that you live here. Some processes require this.
verify-button = Redeem code
verify-link = Verify as a resident now
password-change-heading = Change password
password-change-button = Change password
tokens-heading = API keys
tokens-lead = With an API key, programs can use the interface on your behalf.
token-created = Your new key (shown only now):
token-create = Create key
token-revoke = revoke

inbox-title = Inbox
inbox-lead = { $count } contributions await an answer, { $overdue } of them longer than { $deadline } days.
inbox-caption = Unanswered proposals, oldest first
inbox-empty = Every contribution has been answered.
submitted-on = Submitted on
days-waiting = Days waiting

audit-title = Public audit log
audit-lead = Every important change is recorded here and cannot be altered. Each entry contains the fingerprint (hash) of the previous one; changing an entry breaks the chain.
audit-head = Current state after { $count } entries:
audit-verify-hint = Check the chain yourself: through the API at /api/audit or with "teilhabe audit verify".
audit-caption = Log entries, newest first
audit-time = Time
audit-actor = Who (pseudonym)
audit-action = Action
audit-target = Concerns
audit-details = Details
audit-hash = Hash
audit-empty = No entries yet.

legal-imprint = Legal notice
legal-privacy = Privacy
legal-accessibility = Accessibility
legal-missing = This text has not been provided yet.

moderation-title = Moderation
moderation-empty = No open reports.

admin-title = Administration
admin-users = Accounts and roles
admin-verification = Resident verification
admin-outbox = Outbox
admin-settings = Settings
admin-your-processes = Your processes
users-search = Search accounts
role-grant = Grant role
role-revoke = revoke
no-department = no department
verification-lead = Residents verify themselves with a one-time code. Codes are stored only as hashes.
verification-batches = Batches
codes-total = Codes
codes-used = redeemed
verification-generate = Generate codes for letters
verification-generate-button = Generate codes and show letters
verification-import = Import codes
verification-import-hint = A CSV file with one code per line (first column), 8 to 64 letters or digits. If any line is invalid, nothing is saved.
verification-import-button = Import
letters-title = Letters with verification codes
letters-lead = { $count } letters. Print this page; each letter is on its own page. The codes are not shown again.
letter-n = Letter { $n }
letter-heading = Your personal verification code
letter-body = With this code you confirm on { $url } (My account) that you live in our municipality. The code works once.
letter-footer = Please do not share this code.
outbox-lead = All e-mails of the platform. Without a configured mail server they stay here and are not sent.
outbox-empty = No e-mails.
mail-sent = sent
mail-pending = not sent
categories-hint = One topic per line.
departments-heading = Departments
department-add = Add department

mail-reset-subject = { $municipality }: set a new password
mail-reset-body = Hello { $name },

    you asked for a new password. Set it with this link (valid for 60 minutes):

    { $link }

    If this was not you, ignore this e-mail.
mail-digest-subject = { $municipality }: { $count } updates
mail-digest-intro = Hello { $name }, here is what is new in the contributions you follow:
mail-digest-footer = Choose how often you receive this summary at { $link }.

notice-proposal-created = Thank you! Your proposal has been submitted. You will be notified when the administration answers.
notice-proposal-edited = Your proposal has been changed.
notice-supported = Thank you for your support.
notice-support-withdrawn = Your support has been withdrawn.
notice-commented = Your comment is published.
notice-offline-recorded = The contribution has been recorded.
notice-following = You are following now and will be notified of news.
notice-unfollowed = You no longer follow this.
notice-answered = Saved. Everyone following is notified.
notice-reported = Thank you, the moderators will look at your report.
notice-hidden = The contribution is hidden; the reason is shown publicly.
notice-report-dismissed = The report has been closed.
notice-logged-in = You are logged in.
notice-logged-out = You are logged out.
notice-registered = Welcome! Your account has been created.
notice-password-changed = Your password has been changed.
notice-saved = Saved.
notice-verified = You are now verified as a resident.
notice-token-revoked = The key has been revoked.
notice-codes-imported = The codes have been imported.

denied-login-required = Please log in to take part.
denied-login-required-help = Log in or create an account; then you can continue.
denied-forbidden = You do not have permission for this.
denied-forbidden-help = This action is reserved for certain roles. Contact the administration if you think this is a mistake.
denied-verification-required = Only verified residents can do this.
denied-verification-required-help = Redeem the code from the municipality's letter under "My account".
denied-not-open = This is not possible in the current phase.
denied-not-open-help = The process does not accept this kind of contribution right now. The timeline shows what is possible when.
denied-not-found = Page not found

error-not-found-title = Page not found
error-not-found-title-help = The address is wrong or the content was removed.
error-no-municipality-title = No municipality at this address
error-no-municipality-title-help = No municipality is set up for this host name.
error-invalid-title = The input is not valid
error-go-back = Go back and correct the input; what you entered is still there.
error-generic-help = Please try again. If the problem persists, write to us.
error-too-large = The request is too large
error-rate-limited = Too many attempts in a short time
error-rate-limited-help = Please wait a minute and try again.
error-csrf-invalid = The form is not valid
error-csrf-invalid-help = Reload the page and send the form again.
error-csrf-expired = The form has expired
error-csrf-expired-help = For security, a form is valid for 12 hours. Reload the page and send it again.
error-internal = An internal error occurred
error-content-type = Unexpected request format
error-form-fields = The form is incomplete or malformed
error-utf8 = The request contains invalid characters (not UTF-8)
error-json = Invalid JSON
error-method = This method is not allowed here
error-id = Invalid id
error-page = Invalid page number
error-per-page = Items per page: 1 to 100
error-search-too-long = The search term is too long (at most 200 characters)
error-auth-header = The Authorization header must be "Bearer KEY"
error-token-invalid = The API key is invalid or revoked

error-required = Please fill this in.
error-too-short = Please enter at least { $min } characters.
error-too-long = Please enter at most { $max } characters.
error-invalid-choice = Please choose one of the offered values.
error-email = Please enter a valid e-mail address, for example name@example.org.
error-email-taken = An account with this e-mail address exists already. Log in or reset your password.
error-login-failed = E-mail address or password is wrong.
error-password-short = The password must be at least { $min } characters long.
error-password-mismatch = The two passwords do not match.
error-password-wrong = The current password is wrong.
error-password-hash = The password could not be saved.
error-privacy-consent = Please confirm that you have read the privacy notice.
error-reset-token-invalid = The link is invalid or has expired. Ask for a new one.
error-latitude = Latitude must be between -90 and 90.
error-longitude = Longitude must be between -180 and 180.
error-coordinates-pair = Please give latitude and longitude together.
error-number = Please enter a number.
error-number-range = Please enter a number from { $min } to { $max }.
error-percent = Please enter a number from 0 to 100.
error-status-transition = This status cannot follow the current status.
error-progress-status = Progress applies only to accepted proposals.
error-slug = Only lower-case letters, digits and hyphens, at most 80 characters.
error-slug-taken = This address is taken already.
error-url = Please give an address starting with https://.
error-phase-required = Please add at least one phase.
error-phase-title = Every phase needs a title (at most 120 characters).
error-phase-dates = Every phase needs valid start and end dates.
error-phase-dates-order = A phase cannot end before it starts.
error-not-your-department = You can only create processes of your own department.
error-staff-needs-department = Please choose a department for the staff role.
error-citizen-role-fixed = Every account has the citizen role.
error-department-exists = A department with this name exists already.
error-deadline-range = Please enter 1 to 365 days.
error-codes-invalid-lines = Invalid codes in line { $lines }. Nothing was saved.
error-code-duplicate = At least one code exists already. Nothing was saved.
error-code-invalid = This code is invalid or has been used.
error-already-verified = You are verified already.
error-already-supported = You already support this proposal.
error-not-supported = You do not support this proposal.
error-support-limit = You have used all your supports in this process. Withdraw one to support another proposal.
error-proposal-answered = An answered proposal can no longer be changed.
error-parent-comment = The comment you reply to does not belong to this proposal.
error-already-hidden = This contribution is hidden already.
error-demo-not-empty = The database already holds a municipality.

# Process images
error-image-too-large = The image is too large (at most { $max } MB).
error-image-type = Please upload an image in PNG, JPEG or WebP format.
error-multipart = The form with the file could not be read
field-image = Image file
field-image_alt = Image description (alternative text)
image-upload-heading = Image of the process
image-upload-button = Upload image
image-hint = PNG, JPEG or WebP, at most 2 MB. Replaces the current image.
image-alt-hint = Briefly describe what it shows, for people who cannot see the image.

## Opinion map
opinion-title = Opinion map
opinion-intro = Read short statements and say whether you agree, disagree or want to pass. All votes together give a map of opinion groups: where do opinions differ, and what does everyone agree on?
opinion-process-heading = Opinion map
opinion-process-lead = Vote on short statements and see which opinion groups there are and what everyone agrees on.
opinion-results-link = See the results
opinion-manage-link = Manage the opinion map
opinion-vote-link = Vote on statements
opinion-progress = Statement { $position } of { $total }
opinion-progress-label = { $voted } of { $total } statements voted on
opinion-your-vote = Your vote so far
opinion-vote-agree = Agree
opinion-vote-disagree = Disagree
opinion-vote-pass = Unsure / pass
opinion-no-statements = There are no statements yet.
opinion-all-done = Thank you! You have voted on every statement. New statements may still be added.
opinion-submit-heading = Add a statement of your own
opinion-statement-label = Statement
opinion-statement-hint = One short sentence, 10 to 300 characters, that others can agree or disagree with.
opinion-statement-pre = The administration checks new statements before others see them.
opinion-submit = Submit statement
opinion-my-votes = Your votes ({ $count })
opinion-change-vote = Change vote
opinion-results-title = Opinion map results
opinion-counts = { $participants } participants, { $votes } votes
opinion-as-of = Analysis of { $votes } votes, as of { $time }
opinion-pending = New votes have come in; the analysis will be updated shortly.
opinion-analysis-failed = The last analysis failed
opinion-analysis-failed-hint = All votes are saved. The analysis is tried again after the next vote; if the error stays, please contact the operators.
opinion-my-group = You are in group { $group }.
opinion-map-heading = Map of opinion groups
opinion-map-help = Each point is one participant. People who voted alike stand close together. Groups have different shapes and labels.
opinion-map-desc = { $groups } opinion groups among { $participants } participants.
opinion-group-size = Group { $group }: { $size } people
opinion-group-short = { $group } · { $size }
opinion-map-sampled = Showing { $drawn } of { $total } people.
opinion-map-caption = The table below lists every group with its size.
opinion-groups-table = Opinion groups and their size
opinion-group = Group
opinion-group-members = People
opinion-group-share = Share
opinion-group-name = Group { $group }
opinion-groups-heading = What sets the groups apart
opinion-representative-help = Statements on which a group votes clearly differently from everyone else.
opinion-rep-agree = { $inside } of the group agree, { $outside } of the others.
opinion-rep-disagree = { $inside } of the group disagree, { $outside } of the others.
opinion-consensus-heading = What all groups agree on
opinion-consensus-help = Statements that a majority of every group agrees with, or that a majority of every group rejects.
opinion-consensus-agree = Agreement
opinion-consensus-disagree = Rejection
opinion-none = None.
opinion-divisive-heading = Where the groups differ
opinion-divisive-help = Statements one group agrees with and another rejects.
opinion-agree-by-group = Agreement by group
opinion-not-enough-heading = Not enough votes yet
opinion-not-enough = Opinion groups need at least { $need } people with at least 7 votes each; so far there are { $have }.
opinion-no-result = There is no analysis yet.
opinion-timeline-heading = Participation over time
opinion-timeline-desc = Votes per day as bars; the table gives the numbers.
opinion-timeline-table = Votes and new participants per day
opinion-day = Day
opinion-votes = Votes
opinion-new-participants = New participants
opinion-statements-heading = All statements
opinion-statement = Statement
opinion-manage-title = Manage the opinion map
opinion-form-not-enabled = The opinion map is not enabled in any phase yet. Choose it in one of the process's phases.
opinion-settings-heading = Settings
field-voters = Who may vote?
opinion-voters-anyone = Anyone, also without an account (an anonymous id in the browser prevents double votes)
opinion-voters-citizens = Logged-in citizens
opinion-voters-verified = Verified residents only
opinion-allow-statements = Participants may submit statements of their own
field-moderation = Checking submitted statements
opinion-moderation-pre = Check first: statements appear once approved
opinion-moderation-post = Check afterwards: statements appear at once and can be rejected
opinion-seed-heading = Add a statement of the administration
opinion-seed-add = Add statement
opinion-origin = Origin
opinion-state = State
opinion-moderate = Check
opinion-origin-seed = Administration
opinion-origin-participant = Participant
opinion-origin-import = Import
opinion-state-accepted = approved
opinion-state-pending = not checked
opinion-state-rejected = rejected
opinion-accept = Approve
opinion-reject = Reject
opinion-paper-heading = Enter a paper questionnaire
opinion-paper-help = The questionnaire's number identifies the person. Entering the same number again corrects the answers.
field-label = Questionnaire number
field-votes = Votes
field-statement = Statement
opinion-paper-none = no answer
opinion-paper-save = Save questionnaire
opinion-analysis-heading = Analysis
opinion-export-heading = Export in Polis format
opinion-export-help = The same CSV files as a Polis export; tools made for Polis can read them. Paper questionnaires appear without their number.
notice-opinion-voted = Your vote is saved.
notice-opinion-statement-pending = Thank you! Your statement will be checked and then shown.
notice-opinion-statement-added = The statement is saved.
notice-opinion-paper-recorded = The questionnaire is saved.
error-statement-one-line = Please write the statement on one line.
error-opinion-unknown-statement = This statement does not exist in this opinion map (or no longer).
error-opinion-no-votes = Please enter at least one vote.
error-opinion-label-taken = This number is already taken.
error-opinion-not-set-up = The opinion map has not been set up yet.
error-opinion-import-not-empty = Cannot import into this opinion map because it already has statements.
error-opinion-vote = Invalid vote: allowed are agree, disagree or pass.
## Participatory budgeting
form-budget_voting = Vote on the budget
nav-budget = Participatory budget
budget-overview-title = Participatory budget
budget-overview-intro = Residents decide which projects are paid for from the budget. You vote in the budget for the whole city and in one district.
budget-voting-open = Voting is open. Verified residents can cast their ballot and change it until voting closes.
budget-district = District { $district }
budget-citywide = Whole city
budget-ballot-count = { $count ->
    [one] 1 ballot
   *[other] { $count } ballots
}
budget-see-results = See the result
budget-go-vote = Vote now
budget-see-projects = See the projects
budget-none = This process has no budget yet.
budget-manage = Manage the participatory budget
budget-kind-approval = Tick up to { $limit } projects
budget-kind-knapsack = Tick projects up to the budget
budget-kind-cumulative = Distribute { $limit } points
budget-kind-ranking = Rank up to { $limit } projects
budget-kind-name-approval = Tick, with a maximum number of projects
budget-kind-name-knapsack = Tick, up to the amount of the budget
budget-kind-name-cumulative = Distribute points
budget-kind-name-ranking = Ranking
budget-kind-help-approval = Tick up to { $limit } projects that should be carried out.
budget-kind-help-knapsack = Tick the projects that should be carried out. Together they may cost at most { $amount }, the size of the budget.
budget-kind-help-cumulative = Distribute up to { $limit } points over the projects. More points mean the project matters more to you.
budget-kind-help-ranking = Choose up to { $limit } projects and give each a place. Place 1 matters most to you.
budget-rule-name-greedy = Most votes first
budget-rule-name-mes = Method of Equal Shares
budget-rule-name-mes-add1 = Method of Equal Shares (with raised shares)
budget-rule-name-mes-add1-greedy = Method of Equal Shares (with raised shares and filling up)
budget-rule-desc-greedy = Projects are ordered by their number of votes. The project with the most votes comes first. Each project is carried out if it still fits into the money left. Otherwise it is skipped.
budget-rule-desc-mes = Every voter gets an equal share of the budget. A project is paid for only by the people who voted for it. They split its cost as equally as possible. The project that costs its supporters the least comes first. When its supporters no longer have enough money, a project is not carried out. This way smaller groups also get projects that matter to them.
budget-rule-desc-mes-add1 = Like the Method of Equal Shares. If money is left afterwards, every voter's share is raised by 1 euro at a time and the result is computed again, as long as the budget allows.
budget-rule-desc-mes-add1-greedy = Like the Method of Equal Shares with raised shares. If money is still left, the projects with the most votes are added as long as they fit into the money left.
budget-vote-intro = The budget is { $amount }.
budget-min-age = Residents aged { $age } or older can vote.
budget-ballot-not-saved = Your ballot was not saved
budget-has-ballot = You have already voted. Your choice is ticked below. You can change it while voting is open.
budget-other-district = You have already voted in the district { $district }. You can vote in one district only.
budget-remaining = Still available: { $amount }
budget-over = Your choice costs { $amount } more than the budget.
budget-chosen-count = Chosen: { $count } of at most { $max } projects
budget-chosen-points = Given: { $count } of { $max } points
budget-chosen-ranks = Ranked: { $count } of at most { $max } projects
budget-projects-legend = Projects to choose from
budget-rank-none = No place
budget-rank-place = Place { $rank }
budget-project-details = More about “{ $title }”
budget-review-public = The administration's review
field-birth_date = Date of birth
budget-birth-hint = Only to check the minimum age of { $age }. The date is not stored.
budget-recalc = Recalculate
budget-cast = Cast my vote
budget-replace = Change my vote
budget-no-projects = There are no reviewed projects yet.
budget-not-feasible-heading = Proposals that cannot be carried out
budget-receipt-title = Your vote is cast
budget-receipt-replaced = Your vote is changed
budget-receipt-saved = Your ballot for “{ $budget }” is saved.
budget-receipt-intro = This is your receipt code. Write it down or take a photo:
budget-receipt-once = The code is shown only now. Nobody can recover it later. After the count, the code lets you check that your vote was counted. It does not reveal how you voted.
budget-receipt-hash = The result lists this encrypted form of your code (SHA-256):
budget-receipt-old-invalid = Your previous receipt code is no longer valid.
budget-back-to-ballot = Back to the ballot
budget-results-title = Result
budget-results-summary = { $voters ->
    [one] 1 person voted.
   *[other] { $voters_text } people voted.
} { $count ->
    [one] 1 project is
   *[other] { $count } projects are
} carried out. Together they cost { $total } of { $amount }.
budget-results-unspent = Not allocated: { $unspent }.
budget-rule-heading = The rule
budget-results-share = Every voter had a share of { $share }.
budget-results-greedy-differs = With the rule “Most votes first”, a different selection would have been made (costing { $total } in total). The table shows which projects differ.
budget-chart-heading = Votes per project
budget-chart-title = Votes per project in the budget { $budget }
budget-chart-desc = Bar chart. The same figures are in the table below the chart.
budget-chart-legend = Blue bars with a tick: selected projects. Grey bars: not selected. The number is the number of ballots that chose the project.
budget-table-heading = All projects with reasons
budget-table-caption = Projects, costs, votes and why a project was selected or not
budget-col-project = Project
budget-col-cost = Cost
budget-col-votes = Votes
budget-col-selected = Selected
budget-col-why = Reason
budget-col-budget = Budget
budget-col-district = District
budget-col-ballots = Ballots
budget-col-review = Review
budget-col-status = Status
budget-col-entries = Entries
budget-yes = Yes
budget-no = No
budget-greedy-would-select = Selected under “Most votes first”
budget-greedy-would-not = Not selected under “Most votes first”
budget-turnout-heading = Turnout
budget-turnout-caption = Ballots by budget, district and channel
budget-receipts-heading = Was my vote counted?
budget-receipts-intro = Every counted online vote is listed here as the SHA-256 value of its receipt code. You can find your vote without anyone seeing how you voted.
budget-receipt-check-label = Your receipt code
budget-receipt-check = Check
budget-receipt-found = Yes, your vote was counted.
budget-receipt-not-found = This code is not among the counted votes. Check the spelling. If you changed your vote, only the last code is valid.
budget-receipts-list = Show all { $count } values
budget-export-heading = Download the data
budget-export-pb = Result and anonymous ballots in Pabulib format (.pb)
budget-export-csv = Result as CSV
budget-export-ballots-csv = Anonymous ballots as CSV
budget-export-json = Result and anonymous ballots as JSON
budget-why-paid = { $count } supporters paid { $amount } each
budget-why-paid-all = { $count } supporters paid all they had left ({ $amount } each)
budget-why-paid-nothing = { $count } supporters had nothing left
budget-col-score = Points
budget-why-mes-selected = Bought with equal shares as project no. { $step }: { $payments }.
budget-why-mes-free = Selected: it costs nothing and has supporters.
budget-why-mes-unaffordable-after = Not bought with equal shares: after “{ $after }” was bought, its supporters had only { $money } left together. That was not enough for its cost.
budget-why-mes-unaffordable = Not bought with equal shares: its supporters had only { $money } together. That was not enough for its cost.
budget-why-no-supporters = Nobody voted for it.
budget-why-greedy-selected = Selected by votes as project no. { $step }; { $left } was left afterwards.
budget-why-greedy-no-fit-after = Not selected by votes: after “{ $after }” only { $left } was left. That was not enough.
budget-why-greedy-no-fit = Not selected by votes: only { $left } was left. That was not enough.
budget-why-paid-more = { $count ->
    [one] and 1 more group
   *[other] and { $count } more groups
}
budget-why-fill-selected = Added when filling up by votes as project no. { $step }; { $left } was left afterwards.
budget-why-fill-no-fit-after = Not added when filling up by votes: after “{ $after }” only { $left } was left. That was not enough.
budget-why-fill-no-fit = Not added when filling up by votes: only { $left } was left. That was not enough.
budget-manage-intro = Create the budgets, review the proposals and estimate their costs. Set the ballot and the rule before voting opens.
budget-settings = Settings
budget-lock-hint = Amount, ballot, rule and minimum age can be changed only while voting is not open and nobody has voted yet.
field-district = District
budget-district-hint = Leave empty for the budget of the whole city.
field-amount = Amount in euros
field-ballot_kind = Type of ballot
field-ballot_limit = Maximum (projects, points or places)
budget-limit-hint = Not needed when ticking up to the amount of the budget.
field-rule = Allocation rule
field-min_age = Minimum age (0 = none)
budget-projects-heading = Projects
budget-review-caption = Projects on the ballot and their review
budget-review-open = Not reviewed yet
budget-feasible = Feasible
budget-not-feasible = Not feasible
budget-feasible-question = Is “{ $title }” feasible?
field-review_reason = Public reason
field-cost = Cost in euros
budget-review-save = Save the review
field-proposal_id = Proposal
budget-add-project = Put on the ballot
budget-paper-heading = Paper ballots
budget-paper-link = Enter paper ballots and check mismatches
budget-publish-heading = Count and publish
budget-publish-hint = Possible only after voting has closed. The result is frozen. The selected proposals are accepted and appear in the implementation tracking.
budget-publish-default-answer = This project was selected in the participatory budget and will be carried out.
budget-publish = Count and publish the result
budget-new = New budget
budget-create = Create the budget
budget-paper-intro = Each paper ballot is entered by two different staff members. It counts only when both entries match. Mismatches are listed below.
field-sheet = Ballot sheet number
field-ballot = Ballot
field-feasible = Feasible
budget-paper-choices = Ticked on paper
budget-paper-save = Save the entry
budget-paper-mismatches = { $count ->
    [0] No mismatches
    [one] 1 ballot with a mismatch
   *[other] { $count } ballots with mismatches
}
budget-paper-caption = Paper ballots entered
budget-paper-none = No paper ballots entered yet.
budget-paper-status-pending = Waiting for the second entry
budget-paper-status-counted = Counted
budget-paper-status-mismatch = Mismatch: not counted
budget-paper-pending = First entry saved. A second person must now enter the ballot.
budget-paper-counted = Both entries match. The ballot counts.
budget-paper-mismatch = The entries do not match. The ballot does not count. Please check the paper and enter it correctly.
notice-budget-saved = The budget is saved.
notice-budget-project-added = The project is on the ballot now. Please review it.
notice-budget-reviewed = The review is saved.
notice-budget-published = The result is published.
error-birth-date = Please enter a valid date of birth, for example 2008-12-31.
error-ballot-empty = Please choose at least one project.
error-ballot-unknown-project = A chosen project is not on this ballot.
error-ballot-duplicate = A project is chosen twice.
error-ballot-too-many-projects = You can choose at most { $max } projects. You chose { $chosen }.
error-ballot-over-budget = Your choice costs { $chosen_eur }. The budget is { $max_eur }. Please choose fewer or cheaper projects.
error-ballot-too-many-points = You can give at most { $max } points. You gave { $chosen }.
error-ballot-points-positive = Please enter whole points from 0 upwards.
error-ballot-too-many-ranks = You can give at most { $max } places. You gave { $chosen }.
error-ballot-rank = Please choose one of the places offered for each project.
error-ballot-rank-twice = Each place can be given only once.
error-ballot-too-young = Only people aged { $min } or older can vote.
error-ballot-other-district = You have already voted in another district. You can vote in one district only.
error-budget-locked = Amount, ballot and rule are fixed because voting has started.
error-budget-voting-open = Not possible while voting is open.
error-budget-published = The result is already published.
error-budget-no-ballots = There are no ballots yet.
error-budget-changed = A ballot arrived during the count. Please count again.
error-budget-no-results = The result is not published yet.
error-budget-tally = The count failed. Nothing was saved.
error-budget-proposal-not-in-process = This proposal does not belong to this process.
error-budget-project-exists = This proposal is already on the ballot.
error-budget-cost-over = A feasible project may cost at most the budget ({ $max_eur }).
error-paper-already-entered = You have already entered this ballot. The second entry must be made by someone else.

## Register

nav-data-register = Data register
dataregister-title = Register of data uses and algorithms
dataregister-intro = Every data use and program the city uses to prepare decisions or deliver services is listed here: what for, with which data, who decides and how you can object. Every change stays visible as a version.
dataregister-new = New entry
dataregister-edit = Edit entry
dataregister-filters = Filter the register
dataregister-search = Search term
dataregister-department = Responsible department
dataregister-department-help = Only staff of this department (and administrators) can change the entry.
dataregister-filters-reset = Reset all filters
dataregister-count = { $count ->
    [0] No entries found.
    [one] 1 entry
   *[other] { $count } entries
}
dataregister-kept-by-administration = kept by the administration
dataregister-version = Version
dataregister-version-n = Version { $version }
dataregister-version-of = Version { $version } of { $date }
dataregister-none = There are no entries for these filters.
dataregister-old-version = You are looking at version { $version }; the current version is { $current }.
dataregister-show-current = Show the current version
dataregister-history = Versions
dataregister-history-intro = Every save creates a new version; no version is overwritten. Choose two versions to see what changed.
dataregister-history-caption = { $count ->
    [one] 1 version, newest first
   *[other] { $count } versions, newest first
}
dataregister-last-change = See the latest change
dataregister-technical = Technical details
dataregister-technical-hint = The following details are for specialists: risks, technology, oversight and the AI Act information.
dataregister-saved-at = Saved
dataregister-change-note = What changed?
dataregister-change-note-help = One sentence for the public version list, for example "Test phase finished".
dataregister-author = Edited by (pseudonym)
dataregister-compare = Compare
dataregister-compare-previous = Changes in version { $version }
dataregister-diff-title = Comparison of version { $from } and { $to }
dataregister-diff-from = From
dataregister-diff-to = To
dataregister-diff-count = { $count ->
    [one] 1 field changed
   *[other] { $count } fields changed
}
dataregister-diff-inserted = inserted
dataregister-diff-deleted = deleted
dataregister-diff-before = Before
dataregister-diff-after = After
dataregister-diff-none = There are no differences between these versions.
dataregister-form-intro = Citizens read the first sections first: write them in plain language. Required fields are marked; the AI Act details are required for high-risk systems only.
dataregister-required = required
dataregister-required-high-risk = required for high risk
dataregister-choose = Please choose
dataregister-extra = Further details (from an imported record)
dataregister-save = Save
notice-register-saved = The entry was saved as a new version.
error-register-stale = Someone else changed the entry in the meantime. Open it again and apply your changes to the current version.
error-register-import-duplicate-uuid = Record { $record } has the same UUID ({ $value }) as record { $first }. Each UUID may occur only once.

error-register-import-no-file = Please choose a file.
dataregister-import-title = Import register entries (ATS 0.3.1)
dataregister-import-intro = Upload a JSON file in the Eurocities standard ATS 0.3.1, for example another register's export. Every record is checked. If the file has errors, nothing is imported and every error is listed with its record and field. Entries whose UUID already exists here get a new version; all others are created.
dataregister-import-file = JSON file
dataregister-import-file-help = A list of records or a single record, at most { $max } MB.
dataregister-import-default-note = Import from another register (ATS 0.3.1)
dataregister-import-submit = Check and import
dataregister-import-done = The import is complete.
dataregister-import-created = { $count ->
    [one] 1 new entry
   *[other] { $count } new entries
}
dataregister-import-updated = { $count ->
    [one] 1 new version of an existing entry
   *[other] { $count } new versions of existing entries
}
dataregister-import-unchanged = { $count ->
    [one] 1 entry unchanged
   *[other] { $count } entries unchanged
}
dataregister-import-unknown-departments = No department of the given name exists for these new entries; the administration keeps them until you assign a department:
dataregister-import-record = Record { $record }
dataregister-import-failed = { $count ->
    [one] The file has 1 error. Nothing was imported.
   *[other] The file has { $count } errors. Nothing was imported.
}
dataregister-import-errors-caption = Errors by record and field
dataregister-import-record-col = Record
dataregister-import-field-col = Field
dataregister-import-problem-col = Problem
dataregister-import-whole-file = whole file
dataregister-import-link = Import entries
dataregister-download = Download the whole register:
dataregister-download-ats = Eurocities ATS 0.3.1 (JSON)
dataregister-download-nl = Algoritmeregister 1.0 (JSON)
error-register-slug-taken = An entry with the same name was created at the same moment. Please save again.

## Register: council (Datenbeirat)
nav-council = Data council
council-section-heading = Data council
council-inbox-title = Data council: reviews
council-inbox-lead = { $open ->
    [0] No review is waiting for the council.
    [one] 1 review is open.
   *[other] { $open } reviews are open.
} { $answers ->
    [0] Every recommendation has been answered.
    [one] 1 recommendation is still waiting for the administration's answer.
   *[other] { $answers } recommendations are still waiting for the administration's answer.
}
council-rule-now = Rule in force: at least { $quorum } votes cast, { $majority }.
council-settings-title = Data council settings
council-settings-lead = Set when the council decides and which changes to a register entry are put to it for review automatically.
council-open-heading = Open reviews
council-open-caption = Open reviews, oldest first
council-open-empty = No open reviews.
council-closed-heading = Closed reviews
council-closed-caption = Closed reviews, newest first
council-closed-empty = No closed reviews yet.
council-closed-on = Closed on
council-entry = Register entry
council-reasons = Reason for the review
council-opened = Opened on
council-required = Required review
council-required-yes = Yes, operation only after the recommendation
council-required-no = No, requested by the administration
council-required-explained = This review is required: while it is open, the entry cannot be set to "operational" (except by an administrator's exception with a public justification).
council-answer-missing = Answer missing
council-reason-created_with_risk = New entry with risk category
council-reason-risk_raised = Risk category raised to
council-reason-status_changed = Status changed to
council-reason-material_field_changed = Material field changed
council-reason-manual = Requested by the administration
council-reason-version = version { $version }, { $date }
council-review-title = Review: { $title }
council-status-open = Open
council-status-closed = Closed
council-opened-on = Opened on { $date } for version { $version }
council-to-entry = To the register entry
council-to-review = To the council's review
council-internal-hint = Only data council members and administration staff see this page. The result, the vote counts and the recommendation become public when the council closes the review.
council-published-heading = Published result
council-result-heading = Recommendation of { $date }
council-result = Result
council-rule-applied = { $total } members voted; at least { $quorum } votes and { $majority } were needed.
council-counts-caption = Votes in the data council
council-count = Number
council-recommendation = The council's recommendation
council-answer-heading = The administration's answer
council-answer-pending = The administration has not yet answered this recommendation.
council-answer-link = Answer the recommendation
council-answer-submit = Publish the answer
council-response-hint = Explain in public and in plain language what you will do and what not, and why.
council-votes-heading = Votes
council-votes-caption = Members' votes (internal)
council-would-be = As it stands: { $result } ({ $cast } votes cast; at least { $quorum } and { $majority } are needed).
council-member = Member
council-voted-on = Cast on
council-no-votes = No votes yet.
council-vote-cast = Your vote
council-vote-change = Change your vote (possible while the review is open)
council-vote-submit = Save vote
council-conditions-hint = Only for "approve with conditions": which conditions must be met?
council-discussion-heading = Internal discussion
council-by-member = council
council-by-staff = administration
council-no-comments = No contributions yet.
council-comment-submit = Send
council-close-heading = Close the review
council-close-hint = On closing, the result follows from the votes and the rule in force. Result, vote counts and recommendation are published on the register entry, and its followers are notified. The internal discussion stays internal.
council-recommendation-hint = The council's written recommendation, understandable for everyone.
council-close-submit = Close and publish
council-request-title = Ask the data council for a review
council-request-lead = The council reviews every entry with limited or higher risk automatically. You can also ask it for a review, for example before a planned change.
council-request-joins = A review of this entry is already open (no. { $review }); your request is added to it.
council-reason-hint = What should the council review, and why? The reason is shown publicly on the entry.
council-request-submit = Ask for a review
council-quorum-hint = At least this many members must vote (abstentions count), otherwise there is no decision.
council-majority-hint = Only votes for and against count. If unconditional approvals alone do not reach the majority, the result is "approve with conditions". A tie means no decision.
council-material-hint = When one of these fields changes, the entry is put to the council again automatically.
council-under-review = The data council has been reviewing this entry since { $date }.
council-under-review-blocks = Until its recommendation, the entry cannot go into operation.
council-none = The data council has not reviewed this entry so far.
council-override-heading = Exception without the council's recommendation:
council-override-text = Version { $version } was set to "operational" on { $date } by the administration's management ({ $admin }) while the data council's review was still open. Justification:
council-override-legend = Exception: go into operation without the council's recommendation
council-override-hint = Required review no. { $review } is still open. Only if you enter a justification here can you set the status to "operational" anyway. The justification is published on the entry and logged.
council-field-override_justification = Public justification of the exception
council-field-quorum = Minimum number of votes cast
council-field-majority = Majority
council-field-material_fields = Material fields
council-field-vote = Vote
council-field-conditions = Conditions
council-field-recommendation = Recommendation
council-field-response = Answer to the recommendation
council-field-response_text = Reasons
council-field-body = Contribution
council-field-reason = Reason
council-vote-approve = Approve
council-vote-approve_with_conditions = Approve with conditions
council-vote-reject = Reject
council-vote-abstain = Abstain
council-outcome-approve = Approved
council-outcome-approve_with_conditions = Approved with conditions
council-outcome-reject = Rejected
council-outcome-no_decision_quorum = No decision: too few votes
council-outcome-no_decision_abstentions = No decision: abstentions only
council-outcome-no_decision_majority = No decision: no majority
council-majority-simple = simple majority (more than half)
council-majority-two_thirds = two-thirds majority
council-response-followed = Recommendation followed
council-response-partly_followed = Recommendation partly followed
council-response-not_followed = Recommendation not followed
notice-council-comment = Your contribution was saved.
notice-council-vote = Your vote was saved.
notice-council-closed = The review is closed; the recommendation is published.
notice-council-answered = The administration's answer is published.
notice-council-requested = The data council was asked for a review.
notification-council_review_requested = New review for the data council: "{ $title }"
notification-council_recommendation = The data council published a recommendation on "{ $title }"
notification-council_answer = The administration answered the data council's recommendation on "{ $title }"
error-council-quorum = Please enter a whole number from 1 to { $max } (entered: "{ $value }").
error-council-unknown-field = "{ $value }" is not a register field that people fill in.
error-council-review-open = The data council is still reviewing this entry (review no. { $review }). You can set the status "operational" only after its recommendation.
error-council-review-closed = This review is already closed.
error-council-review-not-closed = The review is still open; only a published recommendation can be answered.
error-council-already-answered = This recommendation has already been answered.
error-council-vote-conflict = Your vote arrived twice at the same moment. Please reload the page and check your vote.

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

## Register: impact goals (Wirkungsziele), indicators, measurements
nav-goals = Impact goals
goals-title = Impact goals
goals-intro = What does the city want to achieve, and how far has it come? Each impact goal has measurable indicators with a baseline, a target and the measurements so far.
goals-new = New impact goal
goals-edit = Edit impact goal
goals-manage = Maintain indicators and measurements
goals-overview = Overview
goals-count = { $count ->
    [one] 1 goal
   *[other] { $count } goals
}
goals-state-explained = "On track" means: if things go on as so far, the target is reached by its date (a straight trend line through the measurements). "Off track" means: the trend falls short or the target date has passed.
goals-overall = State of the goal
goals-kept-by-administration = Mayor's office
goals-responsible = Responsible
goals-indicators-of = Indicators of the goal "{ $goal }"
goals-indicator = Indicator
goals-indicators = Indicators
goals-state = State
goals-latest-value = Latest measurement
goals-latest = latest { $value } { $unit } on { $date }
goals-target = Target
goals-baseline = Baseline
goals-by-date = by { $date }
goals-no-value = no measurement yet
goals-no-indicators = No indicators have been set for this goal yet.
goals-none = No impact goals have been published yet.
goals-summary-counts = achieved: { $achieved }, on track: { $on_track }, off track: { $off_track }, no data: { $no_data }
goals-links = Related participation and data uses
goals-linked-processes = Participation processes
goals-linked-entries = Data register entries
goals-unit = Unit
goals-projection = Trend
goals-projection-value = If the trend continues, about { $value } { $unit } on { $date }
goals-data-source = Data source
goals-computed-by-platform = Computed by the platform
goals-no-measurements = There are no measurements yet.
goals-export-csv = Download all measurements as CSV
goals-data-table = All values as a table (text version of the chart)
goals-linked-heading = Impact goals
goals-linked-lead = This contributes to these goals of the city:
goals-required = required
goals-save = Save
goals-statement-help = One sentence saying what should change for people, for example "Less traffic searching for parking in the city centre".
goals-description-help = Why this goal? What is the city doing for it? (Markdown allowed)
goals-no-processes = There are no participation processes yet.
goals-no-entries = There are no data register entries yet.
goals-indicator-new = New indicator
goals-indicator-edit = Edit indicator
goals-values-from = Where do the measurements come from?
goals-computation-manual = Entered or imported by staff
goals-all-processes = All participation processes
goals-help-name = What is the indicator called, in plain words?
goals-help-key = Short name for CSV files: lower-case letters, digits and hyphens only, for example "parking-search-time".
goals-help-unit = For example "%", "minutes" or "people".
goals-help-direction = Is a higher or a lower value better?
goals-help-baseline_value = The value at the start. Comma or point as decimal separator.
goals-help-baseline_date = When was the baseline measured?
goals-help-target_value = Which value should be reached?
goals-help-target_date = By when should the target be reached?
goals-help-data_source = Where do the numbers come from? Text or a link.
goals-help-computation = The platform can compute some indicators from its own data and then stores one value each month.
goals-help-computation_process_id = Computed indicators only: one process or all.
goal-field-statement = Goal
goal-field-description = Description
goal-field-department_id = Responsible department
goal-field-process_ids = Linked participation processes
goal-field-entry_ids = Linked data register entries
goal-field-key = Short name
goal-field-name = Name of the indicator
goal-field-unit = Unit
goal-field-direction = Direction
goal-field-baseline_value = Baseline value
goal-field-baseline_date = Baseline date
goal-field-target_value = Target value
goal-field-target_date = Target date
goal-field-data_source = Data source
goal-field-computation = Computation
goal-field-computation_process_id = Process
goal-field-date = Date
goal-field-value = Value
goal-field-note = Note
goal-direction-higher_is_better = higher is better
goal-direction-lower_is_better = lower is better
goal-computation-contributions = Contributions (proposals, comments and supports)
goal-computation-answers_within_deadline = Share of proposals answered within the deadline (%)
goal-computation-verified_participants = Verified participants
goals-public-page = View the public page
goals-import-heading = Import measurements from CSV
goals-import-help = One line per measurement with the columns indicator, date, value and optionally note. Short names of this goal: { $keys }. Files separated by semicolons (Excel) with a decimal comma work too. A value for a day that already has one replaces it.
goals-import-file = CSV file
goals-import-button = Import
goals-import-failed = { $count ->
    [one] The file has 1 error.
   *[other] The file has { $count } errors.
}
goals-import-nothing-written = Nothing was saved. Please correct the file and upload it again.
goals-import-result = Import finished: { $added } new measurements, { $replaced } replaced.
goals-csv-line = Line
goals-csv-column = Column
goals-csv-problem = Problem
goals-compute-now = Recompute now
goals-add-measurement = Save measurement
goals-measurements-count = { $count ->
    [one] Show 1 measurement
   *[other] Show { $count } measurements
}
goals-measurements-of = Measurements of "{ $name }"
goals-source = Origin
goals-source-manual = entered
goals-source-csv = CSV import
goals-source-computed = computed
goals-action = Action
goals-delete = Delete
notice-goal-saved = The impact goal has been saved.
notice-indicator-saved = The indicator has been saved.
goals-indicator-delete-heading = Delete indicator
goals-indicator-delete-hint = Deletes the indicator with all its measurements. This cannot be undone; the public audit log records what was deleted. Download the measurements as CSV first if you want to keep them.
goals-indicator-delete = Delete "{ $name }" with all measurements
notice-indicator-deleted = The indicator has been deleted with its measurements.
notice-indicator-already-deleted = The indicator had already been deleted.
notice-measurement-saved = The measurement has been saved.
notice-measurement-replaced = The measurement replaced the earlier value of that day.
notice-measurement-deleted = The measurement has been deleted.
notice-measurement-already-deleted = The measurement had already been deleted.
notice-measurement-computed = The value has been recomputed and saved.
notice-measurement-nothing-to-compute = There is no data yet to compute the value from.
notice-measurements-imported = The measurements have been imported.
error-indicator-key = "{ $value }" cannot be a short name: lower-case letters (no umlauts), digits and hyphens only.
error-indicator-key-taken = This goal already has an indicator with this short name.
error-target-before-baseline = The target date must be after the baseline date.
error-target-not-better = The target must be better than the baseline (see direction).
error-indicator-not-computed = This indicator is not computed by the platform.
error-goal-slug-taken = A goal with the same wording was created at the same moment. Please save again.
error-csv-encoding = The file is not saved as UTF-8. Please save it as "CSV UTF-8".
error-date-future = "{ $value }" is in the future. Measurements exist only for past days and today.
