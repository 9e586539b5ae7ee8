# DCAT-AP.de export (/catalog.ttl, .rdf, .jsonld)
catalog-export-title = Open data of { $name }
catalog-export-description = All datasets { $name } publishes as open data: with description, licence and files to download.
