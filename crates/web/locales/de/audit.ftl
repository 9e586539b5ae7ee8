# Signierte Kontrollpunkte des Protokolls und Stimmgeheimnis (Issue #12)
audit-no-actor = (niemand genannt)
audit-checkpoints-intro = Damit auch niemand mit Zugriff auf die Datenbank das Protokoll unbemerkt neu schreiben kann, unterschreibt die Plattform regelmäßig den aktuellen Stand.
audit-checkpoints-link = Zu den unterschriebenen Kontrollpunkten
checkpoints-title = Unterschriebene Kontrollpunkte des Protokolls
checkpoints-lead = Ein Kontrollpunkt hält fest, welchen Fingerabdruck (Hash) ein Eintrag des Protokolls hatte, und ist mit dem Schlüssel der Plattform unterschrieben (Ed25519). Der Schlüssel liegt nicht in der Datenbank. Wer Kontrollpunkte aufbewahrt, kann später prüfen, dass bis zu diesem Eintrag nichts geändert wurde.
checkpoints-key = Öffentlicher Schlüssel dieser Plattform:
checkpoints-verify-hint = Speichern Sie die Kontrollpunkte als JSON von /api/audit/checkpoints und prüfen Sie später mit „teilhabe audit verify --checkpoints DATEI“.
checkpoints-caption = Kontrollpunkte, neueste zuerst
checkpoints-entry = Bis Eintrag
checkpoints-signature = Unterschrift
checkpoints-empty = Noch keine Kontrollpunkte.
checkpoints-back = Zurück zum Protokoll
