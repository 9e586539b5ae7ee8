## Datenanfragen (Katalog offener Daten)

catalog-requests-title = Datenanfragen
catalog-requests-catalog = Offene Daten
catalog-requests-lead = Hier können Sie Daten anfragen, die noch nicht im Katalog sind. Die Verwaltung antwortet öffentlich, in der Regel innerhalb von { $days } Tagen.
catalog-requests-new = Daten anfragen
catalog-requests-login = Um Daten anzufragen, melden Sie sich bitte an.
catalog-requests-login-link = Anmelden
catalog-requests-record = Anfrage von Papier oder Telefon erfassen
catalog-requests-filter = Anfragen filtern
catalog-requests-filter-all = Alle
catalog-requests-filter-open = Offen
catalog-requests-filter-overdue = Überfällig
catalog-requests-filter-answered = Beantwortet
catalog-requests-filter-published = Veröffentlicht
catalog-requests-filter-planned = Geplant
catalog-requests-filter-refused = Abgelehnt
catalog-requests-caption = { $count ->
    [one] 1 Datenanfrage
   *[other] { $count } Datenanfragen
}
catalog-requests-col-status = Stand
catalog-requests-col-asked = Gestellt am
catalog-requests-col-due = Antwort fällig
catalog-requests-empty = Hier gibt es keine Datenanfragen.
catalog-requests-form-ask = Daten anfragen
catalog-requests-form-record = Datenanfrage erfassen
catalog-requests-form-lead = Beschreiben Sie, welche Daten Sie brauchen. Ihre Anfrage ist öffentlich. Die Verwaltung antwortet innerhalb von { $days } Tagen.
catalog-requests-send = Anfrage senden
catalog-requests-back = Zurück zu den Datenanfragen
catalog-requests-inbox-heading = Offene Datenanfragen
catalog-requests-inbox-lead = { $count } offen, davon { $overdue } überfällig.
catalog-requests-inbox-caption = Offene Datenanfragen, die zuerst fällige oben

catalog-request-title = Titel
catalog-request-title-hint = Ein kurzer Name für die Daten, zum Beispiel „Baumkataster“.
catalog-request-what = Welche Daten?
catalog-request-what-hint = Was sollen die Daten enthalten? Mindestens 10 Zeichen.
catalog-request-why = Wofür? (freiwillig)
catalog-request-why-hint = Wofür möchten Sie die Daten nutzen?
catalog-request-status = Antwort
catalog-request-status-open = Offen
catalog-request-status-published = Veröffentlicht
catalog-request-status-planned = Geplant
catalog-request-status-refused = Abgelehnt
catalog-request-asked-by = Gestellt von { $name } am { $date }
catalog-request-due-on = Antwort bis { $date }
catalog-request-overdue-since = Überfällig seit { $date }
catalog-request-answered-on = Beantwortet am { $date }
catalog-request-late = nach der Frist
catalog-request-corrected = korrigiert
catalog-request-corrected-on = Antwort korrigiert am { $date }
catalog-request-planned-for = geplant bis { $date }
catalog-request-no-answer = Noch keine Antwort. Die Antwort ist bis { $date } fällig.
catalog-request-answer-heading = Antwort der Verwaltung
catalog-request-answer = Anfrage beantworten
catalog-request-correct = Antwort korrigieren
catalog-request-answer-send = Antwort veröffentlichen
catalog-request-correct-send = Korrektur veröffentlichen
catalog-request-dataset = Datensatz
catalog-request-dataset-hint = Nur bei „Veröffentlicht“: der Datensatz im Katalog, der die Daten enthält.
catalog-request-dataset-none = Kein Datensatz
catalog-request-planned-for-label = Geplant bis
catalog-request-planned-for-hint = Nur bei „Geplant“: das Datum, bis zu dem die Daten erscheinen sollen. Nicht in der Vergangenheit.
catalog-request-department = Zuständiges Amt
catalog-request-department-none = Kein Amt
catalog-request-answer-text = Antworttext
catalog-request-answer-hint = Die Antwort ist öffentlich. Bei einer Ablehnung nennen Sie bitte den Grund (mindestens 30 Zeichen).
catalog-request-hidden-title = Ausgeblendete Datenanfrage
catalog-request-hidden = Diese Anfrage wurde ausgeblendet. Grund: { $reason }
notice-catalog-request-asked = Ihre Datenanfrage ist gespeichert.
notice-catalog-request-answered = Die Antwort ist veröffentlicht.
catalog-request-error-date = Bitte ein gültiges Datum eingeben, zum Beispiel 2027-03-31.
catalog-request-error-date-past = Das Datum liegt in der Vergangenheit.
catalog-request-error-dataset = Einen Datensatz „{ $value }“ gibt es im Katalog nicht.
catalog-request-error-unchanged = Die Antwort ist unverändert.
catalog-request-error-hidden = Diese Anfrage ist ausgeblendet und kann nicht beantwortet werden.
catalog-request-error-stale = Jemand hat die Anfrage gerade beantwortet. Bitte laden Sie die Seite neu.

# Benachrichtigungen und der berechnete Indikator (Schlüssel der anderen Module).
notification-data_request_answered = Die Verwaltung hat Ihre Datenanfrage „{ $title }“ beantwortet
notification-data_request_corrected = Die Verwaltung hat die Antwort auf Ihre Datenanfrage „{ $title }“ korrigiert
goal-computation-data_requests_within_deadline = Anteil der Datenanfragen, die fristgerecht beantwortet wurden (%)
