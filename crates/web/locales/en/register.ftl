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
