# teilhabe – deutsche Texte des Moduls questions. Schlüssel identisch in en/questions.ftl.

## Register: questions, objections, following, staff inbox
rq-heading = Fragen und Einwände
rq-lead = Haben Sie eine Frage zu diesem Einsatz oder sind Sie nicht einverstanden? Die zuständige Stelle antwortet öffentlich. Auf Einwände antwortet sie innerhalb von { $deadline } Tagen.
rq-counts = { $questions ->
    [one] 1 Frage
   *[other] { $questions } Fragen
}, { $objections ->
    [one] 1 Einwand
   *[other] { $objections } Einwände
}, davon { $open } noch ohne Antwort
rq-overdue-count = { $count ->
    [one] 1 Antwort überfällig
   *[other] { $count } Antworten überfällig
}
rq-following = Sie folgen diesem Eintrag und erfahren von neuen Fassungen, Antworten und Empfehlungen des Datenbeirats.
rq-followers = { $count ->
    [one] 1 Person folgt
   *[other] { $count } Personen folgen
} diesem Eintrag.
rq-follow-hint = Folgen Sie dem Eintrag, um von neuen Fassungen, Antworten und Empfehlungen des Datenbeirats zu erfahren.
rq-kind-question = Frage
rq-kind-objection = Einwand
rq-asked-by = { $name } am { $date } (zu Version { $version })
rq-overdue-since = überfällig seit { $date }
rq-due-on = Antwort fällig bis { $date }
rq-no-deadline = keine Frist
rq-answer-heading = Antwort der Verwaltung
rq-answered-late = nach Ablauf der Frist am { $date }
rq-corrected-on = korrigiert am { $date }
rq-no-answer-yet = Noch keine Antwort.
rq-answer = Beantworten
rq-correct = Antwort korrigieren
rq-answer-hint = Die Antwort ist öffentlich. Schreiben Sie in einfacher Sprache; die fragende Person und alle, die dem Eintrag folgen, werden benachrichtigt.
rq-correct-hint = Die Antwort ist schon veröffentlicht. Eine Korrektur wird als „korrigiert am …“ angezeigt; die alte Fassung bleibt im Protokoll.
rq-answer-send = Antwort veröffentlichen
rq-correct-send = Korrektur veröffentlichen
rq-none = Zu diesem Eintrag gibt es noch keine Fragen und Einwände.
rq-ask-heading = Frage stellen oder Einwand erheben
field-question_kind = Was möchten Sie tun?
rq-choice-question = Eine Frage stellen
rq-choice-objection = Einen Einwand erheben (Antwort innerhalb von { $deadline } Tagen)
field-question_aspect = Worauf bezieht sich Ihr Einwand?
rq-aspect-hint = Nur bei Einwänden nötig. Wählen Sie den Teil des Eintrags, mit dem Sie nicht einverstanden sind.
rq-aspect-none = Bitte wählen
register-question-aspect-other = Etwas anderes
field-question_text = Ihre Frage oder die Gründe Ihres Einwands
rq-text-hint = Mindestens 10 und höchstens 4.000 Zeichen. Ihr Text und Ihr Anzeigename werden öffentlich gezeigt; schreiben Sie keine persönlichen Daten hinein.
rq-send = Absenden
rq-login-needed = Um eine Frage zu stellen, einen Einwand zu erheben oder dem Eintrag zu folgen, melden Sie sich bitte an.
rq-title-ask = Frage stellen oder Einwand erheben
rq-title-answer = Öffentlich antworten
rq-title-hide = Beitrag ausblenden
rq-on-entry = Zum Registereintrag „{ $title }“
rq-back = Zurück zum Eintrag
rq-inbox-heading = Fragen und Einwände im Datenregister
rq-inbox-lead = { $count ->
    [one] 1 offene Frage oder offener Einwand
   *[other] { $count } offene Fragen und Einwände
} zu Einträgen in Ihrer Zuständigkeit, davon { $overdue } überfällig. Überfällige stehen oben.
rq-inbox-caption = Offene Fragen und Einwände, überfällige zuerst
rq-col-kind = Art
rq-col-entry = Registereintrag
rq-col-deadline = Frist
rq-col-action = Aktion
rq-inbox-empty = Keine offenen Fragen oder Einwände.
rq-mine-heading = Ihre Fragen und Einwände im Datenregister
rq-mine-caption = Ihre Fragen und Einwände, neueste zuerst, mit dem Stand der Antwort
rq-col-state = Stand
rq-mine-hidden = ausgeblendet (siehe Eintrag)
rq-deadline-heading = Antwortfrist für Einwände im Datenregister
rq-deadline-lead = Auf Einwände gegen einen Eintrag im Datenregister antwortet die Verwaltung innerhalb dieser Frist. Die Frist gilt ab dem Eingang; eine Änderung gilt nur für neue Einwände.
rq-deadline-link = Frist für Einwände ändern
rq-deadline-hint = Zwischen 1 und 365 Tagen; üblich sind 30 Tage.
rq-title-record = Frage oder Einwand aus Brief, Telefon, Bürgerbüro oder Versammlung erfassen
rq-record-lead = Erfassen Sie hier, was auf anderem Weg eingegangen ist, damit es öffentlich beantwortet wird wie ein Beitrag im Internet. Bei Einwänden läuft die Antwortfrist ab heute. Der Name ist freiwillig; erfassen Sie nur, was die Person veröffentlicht haben möchte.
rq-record-link = Frage oder Einwand aus Brief, Telefon, Bürgerbüro oder Versammlung erfassen
rq-title-report = Beitrag melden
rq-report-hint = Zum Beispiel: beleidigend, enthält persönliche Daten, Werbung. Nur die Moderation sieht Ihre Meldung.
rq-moderation-heading = Gemeldete Fragen und Einwände im Datenregister
rq-moderation-empty = Keine offenen Meldungen zu Fragen und Einwänden.
field-objection_deadline_days = Antwortfrist für Einwände in Tagen
notice-register-question-asked = Ihre Frage ist veröffentlicht. Sie werden benachrichtigt, sobald die Verwaltung antwortet.
notice-register-objection-filed = Ihr Einwand ist veröffentlicht. Die Verwaltung antwortet innerhalb der angegebenen Frist; Sie werden benachrichtigt.
error-register-question-hidden = Dieser Beitrag wurde von der Moderation ausgeblendet und kann nicht mehr beantwortet werden.
error-register-answer-unchanged = Die Antwort ist unverändert. Ändern Sie den Text, um eine Korrektur zu veröffentlichen.
error-register-question-stale = Inzwischen hat jemand anderes geantwortet. Laden Sie die Seite neu und prüfen Sie die Antwort.
notification-register_answer = Neue Antwort auf eine Frage oder einen Einwand zum Registereintrag „{ $title }“
notification-register_answer_own = Die Verwaltung hat auf Ihre Frage oder Ihren Einwand zu „{ $title }“ geantwortet
notification-register_answer_corrected = Eine Antwort zum Registereintrag „{ $title }“ wurde korrigiert
notification-register_answer_corrected_own = Die Antwort auf Ihre Frage oder Ihren Einwand zu „{ $title }“ wurde korrigiert
