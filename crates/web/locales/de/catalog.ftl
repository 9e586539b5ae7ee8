# teilhabe – deutsche Texte des offenen Datenkatalogs (Katalog, Datensatzseite,
# Formulare, Vokabulare). Schlüssel identisch in en/catalog.ftl.

## Navigation und Katalog
catalog-nav = Offene Daten
catalog-title = Offene Daten
catalog-intro = Hier finden Sie die Daten, die die Stadt veröffentlicht. Sie dürfen sie herunterladen und weiterverwenden – was genau erlaubt ist, steht bei jeder Datei unter „Lizenz“.
catalog-new = Neuen Datensatz anlegen
catalog-search-label = Datensätze durchsuchen
catalog-search = Suchwörter
catalog-search-submit = Suchen
catalog-filters-reset = Alle Filter zurücksetzen
catalog-facets = Eingrenzen
catalog-facet-theme = Thema
catalog-facet-department = Stelle
catalog-facet-format = Dateiformat
catalog-facet-license = Lizenz
catalog-facet-data-use = Genutzt von
catalog-facet-remove = Filter entfernen
catalog-facet-count = { $count ->
    [one] 1 Datensatz
   *[other] { $count } Datensätze
}
catalog-results = Ergebnisse
catalog-count = { $count ->
    [0] Keine Datensätze gefunden.
    [one] 1 Datensatz gefunden.
   *[other] { $count } Datensätze gefunden.
}
catalog-modified-on = Zuletzt geändert am { $date }
catalog-none-found = Zu Ihrer Suche passt kein Datensatz. Versuchen Sie andere oder weniger Suchwörter, oder entfernen Sie einen Filter.
catalog-empty = Es sind noch keine Datensätze veröffentlicht.
catalog-empty-staff = Legen Sie den ersten Datensatz an: Beschreiben Sie die Daten und laden Sie dann eine Datei hoch oder geben Sie einen Link an.
catalog-empty-citizen = Schauen Sie bald wieder vorbei. Wenn Sie bestimmte Daten brauchen, schreiben Sie an { $email }.

## Datensatzseite
catalog-withdrawn = Dieser Datensatz wurde zurückgezogen. Nur die Verwaltung sieht ihn noch.
catalog-edit = Datensatz bearbeiten
catalog-add-file = Datei oder Link hinzufügen
catalog-about = Über diese Daten
catalog-publisher = Herausgeber
catalog-spatial = Gebiet
catalog-spatial-value = { $name } (Regionalschlüssel { $ars })
catalog-temporal = Zeitraum der Daten
catalog-temporal-range = { $start } bis { $end }
catalog-temporal-from = ab { $start }
catalog-temporal-until = bis { $end }
catalog-contact = Ansprechpartner
catalog-issued = Veröffentlicht am
catalog-modified = Zuletzt geändert am
catalog-origin = Herkunft
catalog-origin-own = Eigene Daten der Stadt { $name }
catalog-origin-participation = Ergebnis des Beteiligungsverfahrens
catalog-origin-harvested = Übernommen aus dem Datenkatalog
catalog-suppression = Zahlen unter { $n } Personen sind zum Schutz der Beteiligten ausgeblendet
catalog-identifier = Kennung
catalog-files = Dateien und Links
catalog-size = Größe
catalog-sha256 = Prüfsumme (SHA-256)
catalog-download = Herunterladen: { $name }
catalog-open-link = Link öffnen
catalog-external-link = (führt zu einer anderen Website)
catalog-dist-edit = Bearbeiten
catalog-dist-remove = Entfernen
catalog-no-files = Zu diesem Datensatz gibt es noch keine Datei und keinen Link.
catalog-versions = Versionen
catalog-version-n = Version { $version }
catalog-version-first = erste Fassung

## Formular für Datensätze
catalog-required = Pflichtfeld
catalog-form-intro = Beschreiben Sie die Daten so, dass auch Menschen ohne Fachwissen sie verstehen. Dateien oder Links fügen Sie nach dem Speichern hinzu.
catalog-see-current = Aktuelle Fassung ansehen
catalog-field-base-version = Stand
catalog-field-department-id = Zuständige Stelle
catalog-field-department-help = Die Stelle, die die Daten pflegt und Fragen dazu beantwortet.
catalog-no-department = Verwaltungsspitze
catalog-field-title = Titel
catalog-field-title-help = Kurz und genau, zum Beispiel „Radverkehrszählungen 2025“.
catalog-field-description = Beschreibung
catalog-field-description-help = Was steht in den Daten, wie wurden sie erhoben, was fehlt?
catalog-field-keywords = Schlagwörter
catalog-field-keywords-help = Mehrere Wörter mit Komma trennen, zum Beispiel „Verkehr, Fahrrad“.
catalog-field-themes = Themen
catalog-field-themes-help = Wählen Sie mindestens ein Thema.
catalog-field-temporal-start = Beginn
catalog-field-temporal-end = Ende
catalog-field-date-help = Freiwillig. Datum im Format TT.MM.JJJJ.
catalog-field-accrual-periodicity = Aktualisierung
catalog-field-accrual-periodicity-help = Wie oft kommen neue Daten hinzu?
catalog-field-contact-name = Name der Kontaktstelle
catalog-field-contact-help = Wer beantwortet Fragen zu den Daten?
catalog-field-contact-email = E-Mail der Kontaktstelle
catalog-field-contact-email-help = Diese Adresse wird öffentlich angezeigt.
catalog-field-landing-page = Eigene Webseite zu den Daten
catalog-field-landing-page-help = Freiwillig. Eine Adresse mit https://.
catalog-field-access-rights = Zugang
catalog-field-access-rights-help = Öffentlich heißt: Alle dürfen die Daten herunterladen.
catalog-field-change-note = Was hat sich geändert?
catalog-field-change-note-help = Kurz, zum Beispiel „Zeitraum bis 2025 erweitert“. Steht in der Versionsliste.
catalog-save = Speichern

## Formular für Dateien und Links
catalog-dist-field-kind = Art
catalog-dist-kind-file = Datei hochladen
catalog-dist-kind-link = Link zu Daten auf einer anderen Website
catalog-dist-field-file = Datei
catalog-dist-field-file-help = CSV, JSON, GeoJSON, XLSX oder PDF, höchstens { $max } MB.
catalog-dist-file-stays = Die Datei „{ $name }“ bleibt. Um eine andere Datei zu veröffentlichen, fügen Sie sie neu hinzu.
catalog-dist-field-access-url = Adresse des Links
catalog-dist-field-access-url-help = Nur bei „Link“: eine Adresse mit https://.
catalog-dist-field-title = Titel der Datei
catalog-dist-field-title-help = Leer lassen, um den Dateinamen zu nehmen.
catalog-dist-field-description = Beschreibung der Datei
catalog-dist-field-description-help = Freiwillig, zum Beispiel welche Spalten es gibt.
catalog-dist-field-format = Format
catalog-dist-field-format-help = Bei einer Datei wird das Format aus der Dateiendung erkannt.
catalog-dist-format-from-file = Aus der Dateiendung erkennen
catalog-dist-field-license = Lizenz
catalog-dist-field-license-help = Regelt, was andere mit den Daten tun dürfen. Üblich ist „Datenlizenz Deutschland – Namensnennung 2.0“.
catalog-dist-remove-question = Soll „{ $title }“ aus dem Datensatz „{ $dataset }“ entfernt werden? Die Datei ist danach nicht mehr abrufbar.
catalog-dist-remove-confirm = Ja, entfernen
catalog-cancel = Abbrechen
notice-catalog-saved = Der Datensatz ist gespeichert.
notice-catalog-file-added = Die Datei oder der Link ist hinzugefügt.
notice-catalog-file-removed = Die Datei oder der Link ist entfernt.

## Fehlermeldungen
catalog-error-keywords = Höchstens { $max } Schlagwörter mit je höchstens { $len } Zeichen, durch Komma getrennt.
catalog-error-theme-required = Bitte wählen Sie mindestens ein Thema.
catalog-error-end-before-start = Das Ende liegt vor dem Beginn.
catalog-error-url = Bitte eine Adresse angeben, die mit https:// oder http:// beginnt.
catalog-error-file-type = Diese Dateiart geht nicht. Erlaubt sind CSV, JSON, GeoJSON, XLSX und PDF.
catalog-error-file-empty = Die Datei ist leer.
catalog-error-file-too-large = Die Datei ist zu groß. Erlaubt sind höchstens { $max } MB.
catalog-error-changed-meanwhile = Jemand hat den Datensatz inzwischen geändert. Ihre Eingaben sind noch da: Prüfen Sie die aktuelle Fassung und speichern Sie dann erneut.

## Themen (EU-Datenthemen)
catalog-theme-agri = Landwirtschaft, Fischerei, Forstwirtschaft und Nahrungsmittel
catalog-theme-econ = Wirtschaft und Finanzen
catalog-theme-educ = Bildung, Kultur und Sport
catalog-theme-ener = Energie
catalog-theme-envi = Umwelt
catalog-theme-gove = Regierung und öffentlicher Sektor
catalog-theme-heal = Gesundheit
catalog-theme-intr = Internationale Themen
catalog-theme-just = Justiz, Rechtssystem und öffentliche Sicherheit
catalog-theme-regi = Regionen und Städte
catalog-theme-soci = Bevölkerung und Gesellschaft
catalog-theme-tech = Wissenschaft und Technologie
catalog-theme-tran = Verkehr

## Dateiformate
catalog-format-csv = CSV (Tabelle)
catalog-format-json = JSON
catalog-format-geojson = GeoJSON (Geodaten)
catalog-format-xlsx = Excel (XLSX)
catalog-format-pdf = PDF
catalog-format-xml = XML
catalog-format-html = Webseite (HTML)
catalog-format-zip = ZIP-Archiv
catalog-format-txt = Text
catalog-format-turtle = RDF (Turtle)
catalog-format-wms = Kartendienst (WMS)
catalog-format-wfs = Geodatendienst (WFS)

## Aktualisierung
catalog-frequency-cont = laufend
catalog-frequency-daily = täglich
catalog-frequency-weekly = wöchentlich
catalog-frequency-monthly = monatlich
catalog-frequency-quarterly = vierteljährlich
catalog-frequency-annual-2 = halbjährlich
catalog-frequency-annual = jährlich
catalog-frequency-irreg = unregelmäßig
catalog-frequency-never = nicht mehr
catalog-frequency-unknown = unbekannt

## Zugang
catalog-access-public = Öffentlich
catalog-access-restricted = Eingeschränkt
catalog-access-non-public = Nicht öffentlich

## Lizenzen
catalog-license-dl-by-de = Datenlizenz Deutschland – Namensnennung 2.0
catalog-license-dl-zero-de = Datenlizenz Deutschland – Zero 2.0
catalog-license-cc-by = Creative Commons Namensnennung 4.0
catalog-license-cc-by-sa = Creative Commons Namensnennung – Weitergabe unter gleichen Bedingungen 4.0
catalog-license-cc-zero = Creative Commons Zero (gemeinfrei)
catalog-license-odbl = Open Database License (ODbL)
catalog-license-official-work = Amtliches Werk (gemeinfrei, § 5 UrhG)
catalog-license-other-open = Andere offene Lizenz
catalog-license-other-closed = Andere, nicht offene Lizenz

catalog-requests-link = Daten anfragen, die hier noch fehlen
catalog-feed-link = Neue Datensätze als Feed (Atom)
catalog-machine-readable = Maschinenlesbar:
catalog-ckan-link = CKAN-Schnittstelle

admin-harvest = Harvesting anderer Datenkataloge
admin-catalog-settings = Einstellungen des Datenkatalogs

catalog-withdraw = Zurückziehen
catalog-withdraw-question = Wenn Sie „{ $title }“ zurückziehen, verschwindet der Datensatz aus dem Katalog, aus der Suche, aus dem DCAT-Export und aus der CKAN-Schnittstelle. Seine Seite und seine Dateien sehen dann nur noch die Mitarbeitenden seiner Stelle. Sie können ihn später wiederherstellen.
catalog-withdraw-reason = Grund
catalog-withdraw-reason-help = Steht öffentlich im Prüfprotokoll, zum Beispiel „Die Zählstelle ist abgebaut, die Daten werden nicht mehr erhoben.“
catalog-withdraw-confirm = Datensatz zurückziehen
catalog-restore = Wiederherstellen
notice-catalog-withdrawn = Der Datensatz ist zurückgezogen.
notice-catalog-restored = Der Datensatz ist wieder im Katalog.
