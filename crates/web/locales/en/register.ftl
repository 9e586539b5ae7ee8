# teilhabe – English texts of the register module. Same keys as de/register.ftl.

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
notification-register_version = New version of the register entry "{ $title }"

# The register's field catalogue and entry rules (teilhabe_domain::register):
# labels register-field-<name>, help texts register-help-<name>, choice values
# register-value-<field>-<value>, page sections register-group-<id>.

## Page sections (plain language first)
register-group-what = What is it?
register-group-why = Why?
register-group-data = Which data?
register-group-who_decides = Who decides?
register-group-objection = Questions and objections
register-group-risks = Risks
register-group-algorithm = Technology
register-group-oversight = Oversight
register-group-aiact = AI Act information
register-group-metadata = About this entry

## Fields
register-field-name = Name
register-help-name = What is the data use or program called? A short, clear name.
register-field-description_short = Short description
register-help-description_short = What does the program do? Two or three simple sentences.
register-field-status = Status
register-help-status = Which phase is it in: planned, in development, in a pilot, in use or retired?
register-field-area = Geographical area
register-help-area = Which area does it cover, for example the whole city or one district?
register-field-domain = Domain
register-help-domain = Which policy area of the municipality does it belong to?
register-field-website = Website
register-help-website = A page of the municipality with more information (starts with https://).
register-field-remark = Remark
register-help-remark = Anything else that matters.
register-field-goal = Goals
register-help-goal = Why does the municipality use it? What should improve?
register-field-impact = Impact
register-help-impact = What changes for people? Who is affected?
register-field-proportionality = Proportionality
register-help-proportionality = Why is the use appropriate? Are benefit and intrusion in balance?
register-field-lawful_basis = Lawful basis
register-help-lawful_basis = Which law or bylaw allows it?
register-field-documentation = More information
register-help-documentation = Link to further documents (starts with https://).
register-field-source_data = Source data
register-help-source_data = Which data is used in operation? Where does it come from?
register-field-training_data = Training data
register-help-training_data = Which data was the program built or trained with? If it does not learn: "None".
register-field-connected_data_sources = Connections to data sources
register-help-connected_data_sources = Which other databases or systems is it connected to?
register-field-data_bias = Data bias
register-help-data_bias = Are groups missing from the data, or over- or under-represented?
register-field-DPIA_description = Data protection impact assessment
register-help-DPIA_description = Was a data protection impact assessment done? What was the result?
register-field-DPIA_url = DPIA URL
register-help-DPIA_url = Where can it be read (starts with https://)?
register-field-organization = Responsible organization
register-help-organization = Which administration is responsible?
register-field-department = Department
register-help-department = Which department runs it?
register-field-decision_making_process = Decision-making process
register-help-decision_making_process = How does the result feed into decisions? Does a person make the final decision?
register-field-human_intervention = Human intervention
register-help-human_intervention = Who checks the results and can change or stop them?
register-field-objection_procedure = Objection procedure
register-help-objection_procedure = How can people affected object, complain or ask questions?
register-field-contact_email = Contact e-mail
register-help-contact_email = A team address for questions, not a personal one.
register-field-contact_phone = Contact phone number
register-help-contact_phone = Phone number for questions.
register-field-contact_name = Contact name
register-help-contact_name = Who answers questions?
register-field-risk_category = Risk category
register-help-risk_category = How high is the risk to people's rights (following the AI Act)? From "limited risk" on, the data council reviews.
register-field-risks = Risks
register-help-risks = What can go wrong? Who could be disadvantaged?
register-field-AIA_description = Algorithm impact assessment
register-help-AIA_description = Were the effects on fundamental rights assessed? With what result?
register-field-AIA_url = Algorithm impact assessment URL
register-help-AIA_url = Where can it be read (starts with https://)?
register-field-algorithm_type = Type of algorithm
register-help-algorithm_type = Does it follow fixed rules, learn from data, or both?
register-field-type = Type of use of the algorithm
register-help-type = Does it describe, diagnose, predict or recommend?
register-field-description = Explanation
register-help-description = How does it work? Inputs, processing, output.
register-field-methods_and_models = Methods and models
register-help-methods_and_models = Which methods and models are used?
register-field-performance = Algorithm performance
register-help-performance = How well does it work? How often is it right?
register-field-alternatives_considered = Considered alternatives
register-help-alternatives_considered = Which other approaches were considered and why not chosen?
register-field-product_information = Central registration URL
register-help-product_information = Link to a central register listing the product.
register-field-codebase_url = Source code URL
register-help-codebase_url = Link to the published source code, if any.
register-field-product_page = Product page URL
register-help-product_page = Link to the product or vendor page.
register-field-monitoring = Performance monitoring
register-help-monitoring = How is it regularly checked that it works correctly?
register-field-rollback = Rollback
register-help-rollback = What happens if it has to be switched off?
register-field-aiact_deployer_name = Deployer (AI Act)
register-help-aiact_deployer_name = Name of the body deploying the high-risk AI system.
register-field-aiact_deployer_address = Deployer address
register-help-aiact_deployer_address = Postal address of the deployer.
register-field-aiact_deployer_contact = Deployer contact
register-help-aiact_deployer_contact = E-mail address for questions about the AI system.
register-field-aiact_submitter = Submitted on behalf of the deployer by
register-help-aiact_submitter = Who registered on behalf of the deployer (if different)?
register-field-aiact_eu_database_url = EU database entry
register-help-aiact_eu_database_url = Link to the AI system's entry in the EU database (AI Act art. 71).
register-field-aiact_fria_summary = Fundamental rights impact assessment (summary)
register-help-aiact_fria_summary = Key findings of the fundamental rights impact assessment (AI Act art. 27).
register-field-aiact_dpia_summary = Data protection impact assessment (summary)
register-help-aiact_dpia_summary = Key findings of the data protection impact assessment (GDPR art. 35).
register-field-keywords = Keywords
register-help-keywords = Terms to find the entry by, separated by commas.
register-field-revision_date = Revision date
register-help-revision_date = When will the entry be reviewed at the latest?
register-field-revision_note = Revision date note
register-help-revision_note = What will the next review look at?
register-field-publication_date = Publication date
register-help-publication_date = Date of first publication (set automatically).
register-field-last_change_date = Last change date
register-help-last_change_date = Date of the last change (set automatically).
register-field-uuid = Unique identifier
register-help-uuid = Unique identifier of the entry (set automatically).
register-field-lang = Language
register-help-lang = Language of the entry (set automatically).
register-field-standard_version = Version of the standard used
register-help-standard_version = Version of the transparency standard (set automatically).

## Choice values
register-value-status-planned = planned
register-value-status-design = design
register-value-status-development = development
register-value-status-pilot = pilot
register-value-status-evaluation = evaluation
register-value-status-operational = operational
register-value-status-retired = retired
register-value-risk_category-minimal-risk = minimal risk
register-value-risk_category-limited-risk = limited risk
register-value-risk_category-high-risk = high risk
register-value-risk_category-unacceptable = unacceptable risk (prohibited)
register-value-algorithm_type-self-learning = self-learning
register-value-algorithm_type-rule-based = rule-based
register-value-algorithm_type-hybrid = hybrid
register-value-type-descriptive = descriptive
register-value-type-diagnostic = diagnostic
register-value-type-predictive = predictive
register-value-type-prescriptive = prescriptive
register-value-domain-taxes = Taxes
register-value-domain-housing-living-and-living-environment = Housing, living and living environment
register-value-domain-culture-sports-and-leisure = Culture, sports and leisure
register-value-domain-defence = Defence
register-value-domain-economy-and-entrepreneurship = Economy and entrepreneurship
register-value-domain-family-youth-and-households = Family, youth and households
register-value-domain-finance = Finance
register-value-domain-generic = Generic
register-value-domain-health-and-health-care = Health and health care
register-value-domain-immigration-and-integration = Immigration and integration
register-value-domain-international-collaboration-and-development-aid = International collaboration and development aid
register-value-domain-agriculture-nature-and-food = Agriculture, nature and food
register-value-domain-environment-spacial-planning-and-water = Environment, spatial planning and water
register-value-domain-education-and-science = Education and science
register-value-domain-public-safety = Public safety
register-value-domain-government = Government
register-value-domain-justice = Justice
register-value-domain-travel-living-and-working-abroad = Travel, living and working abroad
register-value-domain-subsidies-benefits-and-allowances = Subsidies, benefits and allowances
register-value-domain-traffic-and-transportation = Traffic and transportation
register-value-domain-work-and-career = Work and career

## Error messages of the entry rules and the ATS import
error-phone = Please enter a phone number (digits, spaces and + ( ) / - only).
error-date = "{ $value }" is not a valid date. Please use YYYY-MM-DD, for example 2026-11-27.
error-uuid = The identifier is not a UUID (8-4-4-4-12 hexadecimal digits).
error-date-before = This date is before the field { $other }.
error-register-prohibited = A system with unacceptable risk must not be in pilot, evaluation or operation (AI Act art. 5).
error-ats-not-array = The file must be a list of records (JSON array) or a single record.
error-ats-not-object = This record is not a JSON object.
error-not-text = This field must be text, found: { $value }.

## Review rules and diff
register-import-error = Record { $record }, field { $field }: { $message }
register-import-error-file = File: { $message }
register-review-none = No data council review required.
register-review-data_council = The data council reviews this entry.
register-review-data_council_prohibited = The data council reviews; the system must not be used.
register-trigger-created_with_risk = New entry with risk category { $risk }
register-trigger-risk_raised = Risk category raised to { $risk }
register-trigger-status_changed = Status changed to { $status }
register-trigger-material_field_changed = Material field changed: { $field }
register-diff-added = added
register-diff-removed = removed
register-diff-changed = changed
