# teilhabe – English texts of the open data catalog (catalog, dataset page,
# forms, vocabularies). Same keys as de/catalog.ftl.

## Navigation and catalog
catalog-nav = Open data
catalog-title = Open data
catalog-intro = Here you find the data the municipality publishes. You may download and reuse it – what exactly is allowed is stated with each file under “Licence”.
catalog-new = New dataset
catalog-search-label = Search datasets
catalog-search = Search words
catalog-search-submit = Search
catalog-filters-reset = Reset all filters
catalog-facets = Narrow down
catalog-facet-theme = Theme
catalog-facet-department = Department
catalog-facet-format = File format
catalog-facet-license = Licence
catalog-facet-data-use = Used by
catalog-facet-remove = remove filter
catalog-facet-count = { $count ->
    [one] 1 dataset
   *[other] { $count } datasets
}
catalog-results = Results
catalog-count = { $count ->
    [0] No datasets found.
    [one] 1 dataset found.
   *[other] { $count } datasets found.
}
catalog-modified-on = Last changed on { $date }
catalog-none-found = No dataset matches your search. Try other or fewer words, or remove a filter.
catalog-empty = No datasets have been published yet.
catalog-empty-staff = Create the first dataset: describe the data, then upload a file or add a link.
catalog-empty-citizen = Please check back soon. If you need particular data, write to { $email }.

## Dataset page
catalog-withdrawn = This dataset has been withdrawn. Only the administration still sees it.
catalog-edit = Edit dataset
catalog-add-file = Add a file or link
catalog-about = About this data
catalog-publisher = Publisher
catalog-spatial = Area
catalog-spatial-value = { $name } (regional key { $ars })
catalog-temporal = Period covered
catalog-temporal-range = { $start } to { $end }
catalog-temporal-from = from { $start }
catalog-temporal-until = until { $end }
catalog-contact = Contact
catalog-issued = Published on
catalog-modified = Last changed on
catalog-origin = Origin
catalog-origin-own = The municipality's own data ({ $name })
catalog-origin-participation = Result of the participation process
catalog-origin-harvested = Taken over from the data catalog
catalog-suppression = Numbers below { $n } people are hidden to protect participants
catalog-identifier = Identifier
catalog-files = Files and links
catalog-size = Size
catalog-sha256 = Checksum (SHA-256)
catalog-download = Download: { $name }
catalog-open-link = Open link
catalog-external-link = (leads to another website)
catalog-dist-edit = Edit
catalog-dist-remove = Remove
catalog-no-files = This dataset has no file or link yet.
catalog-versions = Versions
catalog-version-n = Version { $version }
catalog-version-first = first version

## Dataset form
catalog-required = required
catalog-form-intro = Describe the data so that people without special knowledge understand it. You add files or links after saving.
catalog-see-current = See the current version
catalog-field-base-version = Version
catalog-field-department-id = Responsible department
catalog-field-department-help = The department that maintains the data and answers questions about it.
catalog-no-department = Administration leadership
catalog-field-title = Title
catalog-field-title-help = Short and precise, for example “Bicycle counts 2025”.
catalog-field-description = Description
catalog-field-description-help = What is in the data, how was it collected, what is missing?
catalog-field-keywords = Keywords
catalog-field-keywords-help = Separate several words with commas, for example “traffic, bicycle”.
catalog-field-themes = Themes
catalog-field-themes-help = Choose at least one theme.
catalog-field-temporal-start = Start
catalog-field-temporal-end = End
catalog-field-date-help = Optional. A date.
catalog-field-accrual-periodicity = Updates
catalog-field-accrual-periodicity-help = How often is new data added?
catalog-field-contact-name = Name of the contact
catalog-field-contact-help = Who answers questions about the data?
catalog-field-contact-email = Email of the contact
catalog-field-contact-email-help = This address is shown publicly.
catalog-field-landing-page = Own web page about the data
catalog-field-landing-page-help = Optional. An address starting with https://.
catalog-field-access-rights = Access
catalog-field-access-rights-help = Public means: everyone may download the data.
catalog-field-change-note = What has changed?
catalog-field-change-note-help = Briefly, for example “period extended to 2025”. Shown in the version list.
catalog-save = Save

## File and link form
catalog-dist-field-kind = Kind
catalog-dist-kind-file = Upload a file
catalog-dist-kind-link = Link to data on another website
catalog-dist-field-file = File
catalog-dist-field-file-help = CSV, JSON, GeoJSON, XLSX or PDF, at most { $max } MB.
catalog-dist-file-stays = The file “{ $name }” stays. To publish another file, add it anew.
catalog-dist-field-access-url = Address of the link
catalog-dist-field-access-url-help = For “link” only: an address starting with https://.
catalog-dist-field-title = Title of the file
catalog-dist-field-title-help = Leave empty to use the file name.
catalog-dist-field-description = Description of the file
catalog-dist-field-description-help = Optional, for example which columns there are.
catalog-dist-field-format = Format
catalog-dist-field-format-help = For a file the format is taken from the file name's extension.
catalog-dist-format-from-file = Take it from the file name's extension
catalog-dist-field-license = Licence
catalog-dist-field-license-help = Says what others may do with the data. The usual one is “Data licence Germany – attribution 2.0”.
catalog-dist-remove-question = Remove “{ $title }” from the dataset “{ $dataset }”? The file can no longer be downloaded afterwards.
catalog-dist-remove-confirm = Yes, remove
catalog-cancel = Cancel
notice-catalog-saved = The dataset has been saved.
notice-catalog-file-added = The file or link has been added.
notice-catalog-file-removed = The file or link has been removed.

## Error messages
catalog-error-keywords = At most { $max } keywords of at most { $len } characters each, separated by commas.
catalog-error-theme-required = Please choose at least one theme.
catalog-error-end-before-start = The end is before the start.
catalog-error-url = Please give an address starting with https:// or http://.
catalog-error-file-type = This kind of file is not possible. Allowed are CSV, JSON, GeoJSON, XLSX and PDF.
catalog-error-file-empty = The file is empty.
catalog-error-file-too-large = The file is too large. At most { $max } MB are allowed.
catalog-error-changed-meanwhile = Someone has changed the dataset in the meantime. Your input is still here: check the current version, then save again.

## Themes (EU data themes)
catalog-theme-agri = Agriculture, fisheries, forestry and food
catalog-theme-econ = Economy and finance
catalog-theme-educ = Education, culture and sport
catalog-theme-ener = Energy
catalog-theme-envi = Environment
catalog-theme-gove = Government and public sector
catalog-theme-heal = Health
catalog-theme-intr = International issues
catalog-theme-just = Justice, legal system and public safety
catalog-theme-regi = Regions and cities
catalog-theme-soci = Population and society
catalog-theme-tech = Science and technology
catalog-theme-tran = Transport

## File formats
catalog-format-csv = CSV (table)
catalog-format-json = JSON
catalog-format-geojson = GeoJSON (geodata)
catalog-format-xlsx = Excel (XLSX)
catalog-format-pdf = PDF
catalog-format-xml = XML
catalog-format-html = Web page (HTML)
catalog-format-zip = ZIP archive
catalog-format-txt = Text
catalog-format-turtle = RDF (Turtle)
catalog-format-wms = Map service (WMS)
catalog-format-wfs = Geodata service (WFS)

## Updates
catalog-frequency-cont = continuously
catalog-frequency-daily = daily
catalog-frequency-weekly = weekly
catalog-frequency-monthly = monthly
catalog-frequency-quarterly = quarterly
catalog-frequency-annual-2 = twice a year
catalog-frequency-annual = yearly
catalog-frequency-irreg = irregularly
catalog-frequency-never = no longer
catalog-frequency-unknown = unknown

## Access
catalog-access-public = Public
catalog-access-restricted = Restricted
catalog-access-non-public = Not public

## Licences
catalog-license-dl-by-de = Data licence Germany – attribution 2.0
catalog-license-dl-zero-de = Data licence Germany – zero 2.0
catalog-license-cc-by = Creative Commons Attribution 4.0
catalog-license-cc-by-sa = Creative Commons Attribution – ShareAlike 4.0
catalog-license-cc-zero = Creative Commons Zero (public domain)
catalog-license-odbl = Open Database License (ODbL)
catalog-license-official-work = Official work (public domain, § 5 German Copyright Act)
catalog-license-other-open = Other open licence
catalog-license-other-closed = Other, non-open licence

catalog-requests-link = Ask for data that is still missing here
catalog-feed-link = New datasets as a feed (Atom)
catalog-machine-readable = Machine-readable:
catalog-ckan-link = CKAN interface

admin-harvest = Harvesting other data catalogs
admin-catalog-settings = Data catalog settings

catalog-withdraw = Withdraw
catalog-withdraw-question = If you withdraw “{ $title }”, the dataset disappears from the catalog, the search, the DCAT export and the CKAN interface. Only the staff of its department then see its page and files. You can restore it later.
catalog-withdraw-reason = Reason
catalog-withdraw-reason-help = Shown publicly in the audit log, for example “The counting point was removed; the data is no longer collected.”
catalog-withdraw-confirm = Withdraw dataset
catalog-restore = Restore
notice-catalog-withdrawn = The dataset is withdrawn.
notice-catalog-restored = The dataset is back in the catalog.
