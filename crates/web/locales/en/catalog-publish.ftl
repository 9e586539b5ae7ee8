# Participation results as open data (catalog, part "publish")
catalog-publish-heading = Result of a participation process
catalog-publish-from = These data come from the participation process
catalog-publish-automatic = They were published automatically when the process ended. If a result changes later, for example through an answer of the administration, there is a new version.
catalog-publish-no-persons = The files name no person: no names, no accounts, no e-mail addresses. Participants only have a running number.
catalog-publish-threshold = Counts by district, channel or opinion group of fewer than { $threshold } people are suppressed: the cell stays empty.
catalog-publish-settings-title = Data catalog settings
catalog-publish-settings-lead = When a participation process ends, the platform publishes its results without names in the data catalog. Small counts could make single people recognisable, so they are suppressed.
catalog-publish-field-threshold = Smallest number of people that is shown
catalog-publish-threshold-hint = A number from { $min } to { $max }. 5 is usual. A change applies to all results; changed files get a new version.
catalog-publish-error-not-closed = Results are published only once the participation process has ended.
