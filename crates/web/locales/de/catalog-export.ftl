# DCAT-AP.de-Export (/catalog.ttl, .rdf, .jsonld)
catalog-export-title = Offene Daten von { $name }
catalog-export-description = Alle Datensätze, die { $name } als offene Daten veröffentlicht: mit Beschreibung, Lizenz und Dateien zum Herunterladen.
