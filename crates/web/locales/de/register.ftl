# teilhabe – deutsche Texte des Moduls register. Schlüssel identisch in en/register.ftl.

## Register

nav-data-register = Datenregister
dataregister-title = Register der Datennutzungen und Algorithmen
dataregister-intro = Hier steht jede Datennutzung und jedes Programm, mit dem die Stadt Entscheidungen vorbereitet oder Leistungen erbringt: wozu, mit welchen Daten, wer entscheidet und wie Sie widersprechen können. Jede Änderung bleibt als Version sichtbar.
dataregister-new = Neuen Eintrag anlegen
dataregister-edit = Eintrag bearbeiten
dataregister-filters = Register filtern
dataregister-search = Suchbegriff
dataregister-department = Zuständiges Amt
dataregister-department-help = Nur Mitarbeitende dieses Amtes (und die Administration) können den Eintrag ändern.
dataregister-filters-reset = Alle Filter zurücksetzen
dataregister-count = { $count ->
    [0] Keine Einträge gefunden.
    [one] 1 Eintrag
   *[other] { $count } Einträge
}
dataregister-kept-by-administration = von der Verwaltung gepflegt
dataregister-version = Version
dataregister-version-n = Version { $version }
dataregister-version-of = Version { $version } vom { $date }
dataregister-none = Zu diesen Filtern gibt es keine Einträge.
dataregister-old-version = Sie sehen Version { $version }; aktuell ist Version { $current }.
dataregister-show-current = Aktuelle Version anzeigen
dataregister-history = Versionen
dataregister-history-intro = Jede Speicherung erzeugt eine neue Version; keine Version wird überschrieben. Wählen Sie zwei Versionen, um die Unterschiede zu sehen.
dataregister-history-caption = { $count ->
    [one] 1 Version, die neueste zuerst
   *[other] { $count } Versionen, die neueste zuerst
}
dataregister-last-change = Letzte Änderung ansehen
dataregister-technical = Technische Angaben
dataregister-technical-hint = Die folgenden Angaben richten sich an Fachleute: Risiken, Technik, Aufsicht und Angaben nach der KI-Verordnung.
dataregister-saved-at = Gespeichert
dataregister-change-note = Was wurde geändert?
dataregister-change-note-help = Ein Satz für die öffentliche Versionsliste, zum Beispiel „Testphase beendet“.
dataregister-author = Bearbeitet von (Pseudonym)
dataregister-compare = Vergleichen
dataregister-compare-previous = Änderungen in Version { $version }
dataregister-diff-title = Vergleich von Version { $from } und { $to }
dataregister-diff-from = Von
dataregister-diff-to = Bis
dataregister-diff-count = { $count ->
    [one] 1 Feld geändert
   *[other] { $count } Felder geändert
}
dataregister-diff-inserted = eingefügt
dataregister-diff-deleted = gelöscht
dataregister-diff-before = Vorher
dataregister-diff-after = Nachher
dataregister-diff-none = Zwischen diesen Versionen gibt es keine Unterschiede.
dataregister-form-intro = Die ersten Abschnitte lesen Bürgerinnen und Bürger zuerst: Schreiben Sie dort in einfacher Sprache. Pflichtfelder sind markiert; Angaben nach der KI-Verordnung sind nur bei hohem Risiko Pflicht.
dataregister-required = Pflichtfeld
dataregister-required-high-risk = Pflicht bei hohem Risiko
dataregister-choose = Bitte wählen
dataregister-extra = Weitere Angaben (aus einem importierten Datensatz)
dataregister-save = Speichern
notice-register-saved = Der Eintrag wurde als neue Version gespeichert.
error-register-stale = Der Eintrag wurde inzwischen von jemand anderem geändert. Öffnen Sie ihn neu und übernehmen Sie Ihre Änderungen in die aktuelle Version.
error-register-import-duplicate-uuid = Datensatz { $record } hat dieselbe UUID ({ $value }) wie Datensatz { $first }. Jede UUID darf nur einmal vorkommen.

error-register-import-no-file = Bitte wählen Sie eine Datei aus.
dataregister-import-title = Register-Einträge importieren (ATS 0.3.1)
dataregister-import-intro = Laden Sie eine JSON-Datei im Eurocities-Standard ATS 0.3.1 hoch, zum Beispiel den Export eines anderen Registers. Jeder Datensatz wird geprüft. Enthält die Datei Fehler, wird nichts übernommen und jeder Fehler mit Datensatz und Feld aufgelistet. Einträge mit einer UUID, die es hier schon gibt, bekommen eine neue Fassung; alle anderen werden neu angelegt.
dataregister-import-file = JSON-Datei
dataregister-import-file-help = Eine Liste von Datensätzen oder ein einzelner Datensatz, höchstens { $max } MB.
dataregister-import-default-note = Import aus einem anderen Register (ATS 0.3.1)
dataregister-import-submit = Prüfen und importieren
dataregister-import-done = Der Import ist abgeschlossen.
dataregister-import-created = { $count ->
    [one] 1 neuer Eintrag
   *[other] { $count } neue Einträge
}
dataregister-import-updated = { $count ->
    [one] 1 neue Fassung eines vorhandenen Eintrags
   *[other] { $count } neue Fassungen vorhandener Einträge
}
dataregister-import-unchanged = { $count ->
    [one] 1 Eintrag unverändert
   *[other] { $count } Einträge unverändert
}
dataregister-import-unknown-departments = Für diese neuen Einträge gibt es kein Amt mit dem angegebenen Namen; sie werden von der Verwaltung geführt, bis Sie ein Amt zuordnen:
dataregister-import-record = Datensatz { $record }
dataregister-import-failed = { $count ->
    [one] Die Datei enthält 1 Fehler. Es wurde nichts importiert.
   *[other] Die Datei enthält { $count } Fehler. Es wurde nichts importiert.
}
dataregister-import-errors-caption = Fehler nach Datensatz und Feld
dataregister-import-record-col = Datensatz
dataregister-import-field-col = Feld
dataregister-import-problem-col = Problem
dataregister-import-whole-file = ganze Datei
dataregister-import-link = Einträge importieren
dataregister-download = Das ganze Register herunterladen:
dataregister-download-ats = Eurocities ATS 0.3.1 (JSON)
dataregister-download-nl = Algoritmeregister 1.0 (JSON)
error-register-slug-taken = Gleichzeitig wurde ein Eintrag mit demselben Namen angelegt. Bitte speichern Sie noch einmal.
notification-register_version = Neue Fassung des Registereintrags „{ $title }“

# The register's field catalogue and entry rules (teilhabe_domain::register):
# labels register-field-<name>, help texts register-help-<name>, choice values
# register-value-<field>-<value>, page sections register-group-<id>.

## Page sections (plain language first)
register-group-what = Was ist das?
register-group-why = Warum?
register-group-data = Welche Daten?
register-group-who_decides = Wer entscheidet?
register-group-objection = Fragen und Widerspruch
register-group-risks = Risiken
register-group-algorithm = Technik
register-group-oversight = Aufsicht
register-group-aiact = Angaben nach der KI-Verordnung
register-group-metadata = Angaben zum Eintrag

## Fields
register-field-name = Name
register-help-name = Wie heißt die Datennutzung oder das Programm? Ein kurzer, verständlicher Name.
register-field-description_short = Kurzbeschreibung
register-help-description_short = Was macht das Programm? Zwei bis drei einfache Sätze.
register-field-status = Phase
register-help-status = In welcher Phase ist das Vorhaben gerade: geplant, in Entwicklung, im Test, im Einsatz oder beendet?
register-field-area = Gebiet
register-help-area = Für welches Gebiet gilt es, zum Beispiel die ganze Stadt oder ein Stadtteil?
register-field-domain = Themenbereich
register-help-domain = Zu welchem Aufgabenbereich der Stadt gehört es?
register-field-website = Webseite
register-help-website = Eine Seite der Stadt mit mehr Informationen (beginnt mit https://).
register-field-remark = Anmerkung
register-help-remark = Was sonst noch wichtig ist.
register-field-goal = Ziel
register-help-goal = Warum setzt die Stadt das ein? Was soll besser werden?
register-field-impact = Auswirkungen
register-help-impact = Was ändert sich dadurch für die Menschen? Wer ist betroffen?
register-field-proportionality = Verhältnismäßigkeit
register-help-proportionality = Warum ist der Einsatz angemessen? Stehen Nutzen und Eingriff in einem guten Verhältnis?
register-field-lawful_basis = Rechtsgrundlage
register-help-lawful_basis = Welches Gesetz oder welche Satzung erlaubt das?
register-field-documentation = Weitere Informationen
register-help-documentation = Link zu weiteren Unterlagen (beginnt mit https://).
register-field-source_data = Verwendete Daten
register-help-source_data = Welche Daten werden im Betrieb genutzt? Woher kommen sie?
register-field-training_data = Trainingsdaten
register-help-training_data = Mit welchen Daten wurde das Programm gebaut oder trainiert? Wenn es nicht lernt: „Keine“.
register-field-connected_data_sources = Verbundene Datenquellen
register-help-connected_data_sources = Mit welchen anderen Datenbanken oder Systemen ist es verbunden?
register-field-data_bias = Verzerrungen in den Daten
register-help-data_bias = Fehlen Gruppen in den Daten oder sind sie über- oder unterrepräsentiert?
register-field-DPIA_description = Datenschutz-Folgenabschätzung
register-help-DPIA_description = Wurde eine Datenschutz-Folgenabschätzung gemacht? Was kam heraus?
register-field-DPIA_url = Link zur Datenschutz-Folgenabschätzung
register-help-DPIA_url = Wo kann man sie lesen (beginnt mit https://)?
register-field-organization = Verantwortliche Stelle
register-help-organization = Welche Verwaltung ist verantwortlich?
register-field-department = Zuständiges Amt
register-help-department = Welches Amt oder welcher Fachbereich betreut es?
register-field-decision_making_process = Wer entscheidet
register-help-decision_making_process = Wie fließt das Ergebnis in Entscheidungen ein? Entscheidet am Ende ein Mensch?
register-field-human_intervention = Menschliche Kontrolle
register-help-human_intervention = Wer prüft die Ergebnisse und kann sie ändern oder stoppen?
register-field-objection_procedure = So können Sie widersprechen
register-help-objection_procedure = Wie können Betroffene widersprechen, sich beschweren oder Fragen stellen?
register-field-contact_email = Kontakt-E-Mail
register-help-contact_email = Eine Funktionsadresse für Fragen, keine persönliche Adresse.
register-field-contact_phone = Telefon
register-help-contact_phone = Telefonnummer für Fragen.
register-field-contact_name = Ansprechperson oder Team
register-help-contact_name = Wer antwortet auf Fragen?
register-field-risk_category = Risikostufe
register-help-risk_category = Wie hoch ist das Risiko für die Rechte von Menschen (nach der KI-Verordnung)? Ab „begrenztes Risiko“ prüft der Datenbeirat.
register-field-risks = Risiken
register-help-risks = Was kann schiefgehen? Wer könnte benachteiligt werden?
register-field-AIA_description = Folgenabschätzung für den Algorithmus
register-help-AIA_description = Wurden die Folgen für Grundrechte geprüft? Mit welchem Ergebnis?
register-field-AIA_url = Link zur Folgenabschätzung
register-help-AIA_url = Wo kann man sie lesen (beginnt mit https://)?
register-field-algorithm_type = Art des Algorithmus
register-help-algorithm_type = Folgt er festen Regeln, lernt er aus Daten oder beides?
register-field-type = Art der Nutzung
register-help-type = Beschreibt, erklärt, sagt voraus oder empfiehlt er etwas?
register-field-description = Funktionsweise
register-help-description = Wie funktioniert es? Eingaben, Verarbeitung, Ergebnis.
register-field-methods_and_models = Methoden und Modelle
register-help-methods_and_models = Welche Verfahren und Modelle werden genutzt?
register-field-performance = Leistung
register-help-performance = Wie gut funktioniert es? Wie oft liegt es richtig?
register-field-alternatives_considered = Geprüfte Alternativen
register-help-alternatives_considered = Welche anderen Wege wurden geprüft und warum nicht gewählt?
register-field-product_information = Zentraler Registereintrag
register-help-product_information = Link zu einem zentralen Register, in dem das Produkt eingetragen ist.
register-field-codebase_url = Quellcode
register-help-codebase_url = Link zum veröffentlichten Quellcode, falls vorhanden.
register-field-product_page = Produktseite
register-help-product_page = Link zur Seite des Produkts oder Herstellers.
register-field-monitoring = Überwachung
register-help-monitoring = Wie wird regelmäßig geprüft, ob es richtig funktioniert?
register-field-rollback = Rückfallebene
register-help-rollback = Was passiert, wenn es abgeschaltet werden muss?
register-field-aiact_deployer_name = Betreiber (KI-Verordnung)
register-help-aiact_deployer_name = Name der Stelle, die das Hochrisiko-KI-System einsetzt.
register-field-aiact_deployer_address = Anschrift des Betreibers
register-help-aiact_deployer_address = Postanschrift der einsetzenden Stelle.
register-field-aiact_deployer_contact = Kontakt des Betreibers
register-help-aiact_deployer_contact = E-Mail-Adresse für Fragen zum KI-System.
register-field-aiact_submitter = Meldende Person oder Stelle
register-help-aiact_submitter = Wer hat die Registrierung im Namen des Betreibers vorgenommen (falls abweichend)?
register-field-aiact_eu_database_url = Eintrag in der EU-Datenbank
register-help-aiact_eu_database_url = Link zum Eintrag des KI-Systems in der EU-Datenbank nach Art. 71 KI-Verordnung.
register-field-aiact_fria_summary = Grundrechte-Folgenabschätzung (Zusammenfassung)
register-help-aiact_fria_summary = Die wichtigsten Ergebnisse der Grundrechte-Folgenabschätzung nach Art. 27 KI-Verordnung.
register-field-aiact_dpia_summary = Datenschutz-Folgenabschätzung (Zusammenfassung)
register-help-aiact_dpia_summary = Die wichtigsten Ergebnisse der Datenschutz-Folgenabschätzung nach Art. 35 DSGVO.
register-field-keywords = Schlagwörter
register-help-keywords = Begriffe, unter denen man den Eintrag findet, durch Kommas getrennt.
register-field-revision_date = Nächste Überprüfung
register-help-revision_date = Bis wann wird der Eintrag spätestens überprüft?
register-field-revision_note = Hinweis zur Überprüfung
register-help-revision_note = Was wird bei der nächsten Überprüfung angeschaut?
register-field-publication_date = Veröffentlicht am
register-help-publication_date = Datum der ersten Veröffentlichung (wird automatisch gesetzt).
register-field-last_change_date = Zuletzt geändert am
register-help-last_change_date = Datum der letzten Änderung (wird automatisch gesetzt).
register-field-uuid = Kennung
register-help-uuid = Eindeutige Kennung des Eintrags (wird automatisch gesetzt).
register-field-lang = Sprache
register-help-lang = Sprache des Eintrags (wird automatisch gesetzt).
register-field-standard_version = Version des Standards
register-help-standard_version = Version des Transparenzstandards (wird automatisch gesetzt).

## Choice values
register-value-status-planned = geplant
register-value-status-design = in Gestaltung
register-value-status-development = in Entwicklung
register-value-status-pilot = im Test (Pilot)
register-value-status-evaluation = in Auswertung
register-value-status-operational = im Einsatz
register-value-status-retired = beendet
register-value-risk_category-minimal-risk = geringes Risiko
register-value-risk_category-limited-risk = begrenztes Risiko
register-value-risk_category-high-risk = hohes Risiko
register-value-risk_category-unacceptable = unannehmbares Risiko (verboten)
register-value-algorithm_type-self-learning = selbstlernend
register-value-algorithm_type-rule-based = regelbasiert
register-value-algorithm_type-hybrid = gemischt (Regeln und Lernen)
register-value-type-descriptive = beschreibend
register-value-type-diagnostic = erklärend (diagnostisch)
register-value-type-predictive = vorhersagend
register-value-type-prescriptive = empfehlend oder steuernd
register-value-domain-taxes = Steuern
register-value-domain-housing-living-and-living-environment = Wohnen und Wohnumfeld
register-value-domain-culture-sports-and-leisure = Kultur, Sport und Freizeit
register-value-domain-defence = Verteidigung
register-value-domain-economy-and-entrepreneurship = Wirtschaft und Unternehmen
register-value-domain-family-youth-and-households = Familie, Jugend und Haushalte
register-value-domain-finance = Finanzen
register-value-domain-generic = Allgemein
register-value-domain-health-and-health-care = Gesundheit und Pflege
register-value-domain-immigration-and-integration = Zuwanderung und Integration
register-value-domain-international-collaboration-and-development-aid = Internationale Zusammenarbeit und Entwicklungshilfe
register-value-domain-agriculture-nature-and-food = Landwirtschaft, Natur und Ernährung
register-value-domain-environment-spacial-planning-and-water = Umwelt, Stadtplanung und Wasser
register-value-domain-education-and-science = Bildung und Wissenschaft
register-value-domain-public-safety = Öffentliche Sicherheit
register-value-domain-government = Verwaltung und Politik
register-value-domain-justice = Justiz
register-value-domain-travel-living-and-working-abroad = Reisen, Leben und Arbeiten im Ausland
register-value-domain-subsidies-benefits-and-allowances = Förderungen und Sozialleistungen
register-value-domain-traffic-and-transportation = Verkehr und Mobilität
register-value-domain-work-and-career = Arbeit und Beruf

## Error messages of the entry rules and the ATS import
error-phone = Bitte geben Sie eine Telefonnummer ein (nur Ziffern, Leerzeichen und + ( ) / -).
error-date = „{ $value }“ ist kein gültiges Datum. Bitte im Format JJJJ-MM-TT angeben, zum Beispiel 2026-11-27.
error-uuid = Die Kennung hat nicht das Format einer UUID (8-4-4-4-12 Hexadezimalziffern).
error-date-before = Dieses Datum liegt vor dem Feld { $other }.
error-register-prohibited = Ein System mit unannehmbarem Risiko darf nicht im Test, in Auswertung oder im Einsatz sein (Art. 5 KI-Verordnung).
error-ats-not-array = Die Datei muss eine Liste von Einträgen (JSON-Array) oder ein einzelner Eintrag sein.
error-ats-not-object = Dieser Datensatz ist kein JSON-Objekt.
error-not-text = Dieses Feld muss Text sein, gefunden: { $value }.

## Review rules and diff
register-import-error = Datensatz { $record }, Feld { $field }: { $message }
register-import-error-file = Datei: { $message }
register-review-none = Keine Prüfung durch den Datenbeirat erforderlich.
register-review-data_council = Der Datenbeirat prüft diesen Eintrag.
register-review-data_council_prohibited = Der Datenbeirat prüft; das System darf nicht eingesetzt werden.
register-trigger-created_with_risk = Neuer Eintrag mit Risikostufe { $risk }
register-trigger-risk_raised = Risikostufe erhöht auf { $risk }
register-trigger-status_changed = Phase geändert zu { $status }
register-trigger-material_field_changed = Wesentliches Feld geändert: { $field }
register-diff-added = hinzugefügt
register-diff-removed = entfernt
register-diff-changed = geändert
