# Beteiligungsergebnisse als offene Daten (Katalog, Teil "publish")
catalog-publish-heading = Ergebnis einer Beteiligung
catalog-publish-from = Diese Daten stammen aus der Beteiligung
catalog-publish-automatic = Sie wurden nach dem Ende der Beteiligung automatisch veröffentlicht. Ändert sich ein Ergebnis später, zum Beispiel durch eine Antwort der Verwaltung, gibt es eine neue Version.
catalog-publish-no-persons = Die Dateien nennen keine Personen: keine Namen, keine Konten, keine E-Mail-Adressen. Teilnehmende haben nur eine laufende Nummer.
catalog-publish-threshold = Zahlen nach Stadtteil, Weg der Beteiligung oder Meinungsgruppe mit weniger als { $threshold } Personen sind unterdrückt: Die Zelle bleibt leer.
catalog-publish-settings-title = Einstellungen des Datenkatalogs
catalog-publish-settings-lead = Wenn eine Beteiligung endet, veröffentlicht die Plattform ihre Ergebnisse ohne Namen im Datenkatalog. Kleine Zahlen könnten dabei einzelne Menschen erkennbar machen. Deshalb werden sie unterdrückt.
catalog-publish-field-threshold = Kleinste Zahl von Personen, die gezeigt wird
catalog-publish-threshold-hint = Eine Zahl von { $min } bis { $max }. Üblich ist 5. Eine Änderung gilt für alle Ergebnisse; geänderte Dateien bekommen eine neue Version.
catalog-publish-error-not-closed = Die Ergebnisse werden erst veröffentlicht, wenn die Beteiligung beendet ist.
