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
