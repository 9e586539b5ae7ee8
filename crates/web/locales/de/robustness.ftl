# Robustheit gegen kaputte und böswillige Eingaben (Issue #12, Teil H)
error-image-broken = Das Bild ist beschädigt oder unvollständig. Bitte speichern Sie es neu und laden Sie es noch einmal hoch.
error-malformed-request = Die Anfrage ist fehlerhaft: Ein Wert in der Adresse passt nicht
error-malformed-request-help = Bitte prüfen Sie die Adresse. Zahlen müssen ganze Zahlen sein, Texte gültige Zeichen.
error-malformed-media-type = Die Anfrage hat das falsche Format: Erwartet wird JSON (Content-Type: application/json)
error-malformed-body = Der Inhalt der Anfrage passt nicht zum erwarteten Format
