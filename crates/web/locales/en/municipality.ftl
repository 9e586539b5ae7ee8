# Setting up and administering a municipality (issue 11)

error-host-taken = The host name { $host } belongs to another municipality already.
error-host-format = “{ $host }” is not a host name. Give the name only, e.g. participation.example.org (without https:// and without a path).
error-host-unknown = The host name { $host } does not belong to this municipality.
error-host-last = The last host name cannot be removed. Add another one first.
error-municipality-slug-taken = Another municipality has the short name “{ $slug }” already.
error-municipality-slug = The short name needs 2 to 60 characters: lower-case letters, digits and hyphens.
error-municipality-taken = The short name or host name has been taken meanwhile. Please try again.
error-base-url = Please give an address like https://participation.example.org (without ? and #).
error-colour-format = Please give a colour as #rrggbb, e.g. #00528a.
error-colour-contrast = The contrast is too low: { $ratio } against white or the light background. At least { $min } is needed (WCAG AA). Please choose a darker colour.
error-ars = The regional key has 12 digits and begins with the number of the Land (01 to 16), e.g. 091620000000.
error-contributor-id = The id begins with { $prefix } followed by a name without spaces.
error-merge-same = A department cannot be merged with itself.
error-register-import-unknown-department = Record { $record }: there is no department “{ $value }”.

no-municipality-page-title = No municipality set up yet
no-municipality-page-lead = This teilhabe installation is running, but no municipality is set up at this address yet.
no-municipality-page-how = To set one up (on the server, with the same database):
no-municipality-page-more = Afterwards this page is the municipality's home page. To try things out there is the demo municipality: teilhabe serve --demo.

field-base_url = Public address (base URL)
field-brand_primary = Main colour
field-brand_secondary = Second colour
field-contact_address = Postal address
field-contact_phone = Phone
field-ars = Official regional key (ARS)
field-contributor_id = Open data id (DCAT-AP.de contributorID)
field-host = Host name
field-remove_host = Host name
field-logo = Logo
field-merge_into = Merge with
field-municipality-name = Name of the municipality

settings-profile-heading = Municipality
settings-base-url-hint = Links in e-mails (password, digests) lead to this address. Empty: the server's address.
settings-colours-heading = Colours
settings-colours-hint = Format #rrggbb. The colour is behind white text and used as text on light backgrounds, so it needs a contrast of at least 4.5:1 (WCAG AA). Empty: the default colours.
settings-ars-hint = 12 digits, e.g. 091620000000 (as by Destatis).
settings-contributor-hint = For example http://dcat-ap.de/def/contributors/stadtBeispielheim
settings-contact-heading = Contact
settings-legal-heading = Legal texts
settings-hosts-heading = Host names
settings-hosts-hint = The municipality is reachable under these names.
host-add = Add host name
host-remove = Remove
settings-logo-heading = Logo
settings-logo-hint = PNG, JPEG or WebP, at most 2 MB. It is shown beside the municipality's name.
settings-logo-current = Current logo
logo-upload = Upload logo
logo-remove = Remove logo
department-rename = Rename
department-merge = Merge
department-merge-hint = Everything of the department (processes, register entries, goals, roles) goes to the chosen department; then the department is deleted.
department-new-name = New name for { $name }
department-merge-label = Merge { $name } with
