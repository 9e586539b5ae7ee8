# teilhabe – deutsche Texte (Standardsprache). Schlüssel identisch in en.ftl.

site-name = Beteiligung { $municipality }
skip-to-content = Zum Inhalt springen
nav-main = Hauptnavigation
nav-legal = Rechtliches
nav-processes = Beteiligungen
nav-search = Suche
nav-audit = Protokoll
nav-inbox = Posteingang
nav-admin = Verwaltung
nav-moderation = Moderation
nav-profile = Mein Konto
nav-logout = Abmelden
nav-login = Anmelden
nav-register = Registrieren
nav-other-language = English
nav-api = API
footer-note = Jeder Beitrag bekommt eine öffentliche Antwort. Alle Änderungen stehen im öffentlichen Protokoll.
back = Zurück
back-home = Zur Startseite
save = Speichern
choose = Bitte wählen
yes = ja
no = nein
actions = Aktionen

home-title = Startseite
home-heading = Mitreden in { $municipality }
home-lead = Hier bringen Sie Ihre Ideen ein, unterstützen Vorschläge anderer und sehen, was die Verwaltung daraus macht.
home-active-processes = Laufende Beteiligungen
home-no-processes = Zurzeit läuft keine Beteiligung.
home-latest-answers = Neueste Antworten der Verwaltung
home-no-answers = Noch keine Antworten.
phase-current = Aktuelle Phase: { $title }
count-proposals = { $count ->
    [one] 1 Vorschlag
   *[other] { $count } Vorschläge
}
count-supports = { $count ->
    [one] 1 Unterstützung
   *[other] { $count } Unterstützungen
}
count-comments = { $count ->
    [one] 1 Kommentar
   *[other] { $count } Kommentare
}
answered-on = beantwortet am { $date }

processes-title = Beteiligungen
processes-none = Keine Beteiligungen gefunden.
process = Beteiligung
process-phases = Ablauf
phase-active = aktuell
process-edit = Beteiligung bearbeiten
process-new = Neue Beteiligung
process-status-draft = Entwurf
process-status-published = Veröffentlicht
process-status-closed = Abgeschlossen
process-status-archived = Archiviert
form-proposals = Vorschläge einreichen
form-supports = Vorschläge unterstützen
form-comments = Kommentieren
form-opinion_map = Meinungsbild: Aussagen bewerten
rule-supports-verified = Unterstützen können nur bestätigte Einwohnerinnen und Einwohner.
rule-support-limit = Jede Person kann höchstens { $limit } Vorschläge unterstützen.
follow = Folgen
unfollow = Nicht mehr folgen

proposals-heading = Vorschläge
proposals-none = Keine Vorschläge gefunden.
proposal-new = Vorschlag einreichen
proposal-edit = Vorschlag bearbeiten
proposal-submit = Vorschlag absenden
proposal-submit-anyway = Trotzdem absenden
filter-status = Stand
filter-category = Thema
filter-sort = Sortierung
filter-all = Alle
filter-apply = Anzeigen
sort-newest = Neueste zuerst
sort-oldest = Älteste zuerst
sort-most_supported = Meiste Unterstützung
sort-most_commented = Meiste Kommentare
status-submitted = Eingereicht
status-in_review = In Prüfung
status-accepted = Angenommen
status-rejected = Abgelehnt
status-in_implementation = In Umsetzung
status-done = Umgesetzt
status-unchanged = unverändert
channel-online = Online
channel-paper = Papier
channel-phone = Telefon
channel-office = Bürgerbüro
channel-meeting = Versammlung
author-anonymous = ohne Namensangabe
by-author = von { $name }
you-support = Sie unterstützen das
overdue = Antwort überfällig
overdue-explain = Dieser Vorschlag wartet seit { $days } Tagen auf eine Antwort. Die Verwaltung hat sich verpflichtet, innerhalb von { $deadline } Tagen zu antworten.
answer-pending = Die Antwort der Verwaltung steht noch aus (seit { $days } Tagen; Frist: { $deadline } Tage).
answer-heading = Antwort der Verwaltung
progress = Umsetzung
progress-notes = Verlauf der Umsetzung
location = Ort
location-map = auf der Karte ansehen
hidden-title = Ausgeblendeter Beitrag
hidden-placeholder = Dieser Beitrag wurde von der Moderation ausgeblendet. Begründung: { $reason }
supports-heading = Unterstützung
support = Unterstützen
support-withdraw = Unterstützung zurückziehen
supports-closed = In der aktuellen Phase kann nicht unterstützt werden.
comments-heading = Kommentare
comments-none = Noch keine Kommentare.
comment-send = Kommentar senden
reply = Antworten
reply-to = Antwort an { $name }
reply-send = Antwort senden
report = Melden
report-send = Meldung senden
report-proposal-heading = Problem melden
report-reason = Grund der Meldung
report-dismiss = Meldung schließen
hide = Ausblenden
hide-send = Ausblenden
staff-answer-heading = Bearbeiten (Verwaltung)
answer-hint = Bei Annahme oder Ablehnung ist eine öffentliche Begründung Pflicht (mindestens 20 Zeichen).
title-hint = Kurz und klar, zum Beispiel „Fahrradbügel am Bahnhof“.
location-optional = Ort (freiwillig)
location-hint = Breiten- und Längengrad, zum Beispiel 51,5123 und 7,4651.
category-none = Ohne Thema
form-has-errors = Bitte prüfen Sie Ihre Eingaben
similar-heading = Gibt es das schon?
similar-help = Diese Vorschläge ähneln Ihrem. Vielleicht möchten Sie einen davon unterstützen oder kommentieren. Sonst senden Sie Ihren Vorschlag einfach ab.

offline-heading = Beitrag aus Papier, Telefon, Bürgerbüro oder Versammlung erfassen
offline-help = Für Menschen ohne Konto. Der Beitrag zählt wie jeder andere und wird mit seinem Kanal gekennzeichnet.
offline-record-proposal = Vorschlag erfassen
offline-record-support = Unterstützung erfassen
offline-record-comment = Kommentar erfassen
stats-channels = Beiträge nach Kanal
stats-channels-caption = Anzahl der Beiträge je Kanal in dieser Beteiligung

field-title = Titel
field-body = Beschreibung
field-category = Thema
field-latitude = Breitengrad
field-longitude = Längengrad
field-email = E-Mail-Adresse
field-display_name = Anzeigename
field-password = Passwort
field-password_confirm = Passwort wiederholen
field-privacy = Datenschutz
field-current_password = Bisheriges Passwort
field-new_password = Neues Passwort
field-new_password_confirm = Neues Passwort wiederholen
field-code = Bestätigungscode
field-name = Name
field-slug = Adresse (Kurzname)
field-summary = Kurzbeschreibung
field-process-body = Ausführliche Beschreibung
field-department_id = Zuständiges Amt
field-image_url = Bildadresse (optional)
field-status = Stand
field-phases = Phasen
field-active_phase = Aktuelle Phase
field-support_limit = Höchstzahl Unterstützungen pro Person (leer = unbegrenzt)
field-area = Gebiet
field-answer = Öffentliche Antwort
field-progress = Umsetzung in Prozent
field-note = Notiz zum Fortschritt (öffentlich)
field-reason = Grund
field-hide-reason = Öffentliche Begründung
field-parent_id = Antwort auf
field-batch = Bezeichnung der Serie
field-codes = Codes (ein Code pro Zeile, CSV)
field-count = Anzahl
field-answer_deadline_days = Antwortfrist in Tagen
field-categories = Themen für Vorschläge
field-contact_email = Kontaktadresse
field-locale = Sprache
field-digest = E-Mail-Zusammenfassung
field-channel = Kanal
field-offline_name = Name oder Kürzel (freiwillig)
field-comment = Ihr Kommentar
field-role = Rolle
field-token-name = Name des Schlüssels
field-department-name = Name des Amts
field-phase-title = Titel der Phase
field-phase-start = Beginn
field-phase-end = Ende
field-proposals_require_verification = Vorschläge nur von bestätigten Einwohnerinnen und Einwohnern
field-supports_require_verification = Unterstützen nur für bestätigte Einwohnerinnen und Einwohner
field-comments_require_verification = Kommentare nur von bestätigten Einwohnerinnen und Einwohnern
slug-hint = Kleinbuchstaben, Ziffern und Bindestriche. Leer lassen, um sie aus dem Titel zu bilden.
markdown-hint = Sie können Markdown verwenden: **fett**, Listen mit „-“, Überschriften mit „##“.
rules-heading = Regeln für Beiträge
phases-hint = Leere Zeilen werden ignoriert. Markieren Sie die aktuelle Phase; sie bestimmt, was Bürgerinnen und Bürger gerade tun können.
phase-n = Phase { $n }
phase-forms = In dieser Phase möglich:
phase-make-active = Dies ist die aktuelle Phase

search-title = Suche
search-label = Suchbegriff
search-button = Suchen
search-count = { $count ->
    [one] 1 Treffer für „{ $q }“
   *[other] { $count } Treffer für „{ $q }“
}
kind-process = Beteiligung
kind-proposal = Vorschlag
kind-comment = Kommentar
pager-label = Seiten
pager-prev = Vorherige Seite
pager-next = Nächste Seite
pager-position = Seite { $page } von { $pages }

login-title = Anmelden
login-button = Anmelden
login-forgot = Passwort vergessen?
login-register = Neues Konto anlegen
register-title = Konto anlegen
register-lead = Mit einem Konto können Sie Vorschläge einreichen, unterstützen, kommentieren und Beteiligungen folgen.
register-button = Konto anlegen
display-name-hint = Dieser Name steht öffentlich an Ihren Beiträgen. Sie können ein Pseudonym wählen.
password-hint = Mindestens 10 Zeichen.
privacy-consent = Ich habe die Datenschutzhinweise gelesen.
forgot-title = Passwort vergessen
forgot-lead = Geben Sie Ihre E-Mail-Adresse ein. Wir senden Ihnen einen Link, mit dem Sie ein neues Passwort festlegen.
forgot-button = Link senden
forgot-sent = Wenn zu dieser Adresse ein Konto besteht, haben wir eine E-Mail mit einem Link gesendet. Der Link gilt 60 Minuten.
reset-title = Neues Passwort festlegen
reset-button = Passwort speichern

profile-title = Mein Konto
verified = Bestätigte Einwohnerin / bestätigter Einwohner
not-verified = nicht bestätigt
roles = Rollen
role-citizen = Bürgerin/Bürger
role-staff = Verwaltung
role-moderator = Moderation
role-council = Datenbeirat
role-admin = Administration
notifications-heading = Benachrichtigungen
notifications-none = Keine Benachrichtigungen.
notifications-mark-read = Alle als gelesen markieren
unread = neu
notification-reply = Neue Antwort auf Ihren Kommentar zu „{ $title }“
notification-status_changed = Neuer Stand bei „{ $title }“
notification-answered = Neue Antwort der Verwaltung zu „{ $title }“
notification-progress = Fortschritt bei der Umsetzung von „{ $title }“
notification-hidden = Ihr Beitrag zu „{ $title }“ wurde ausgeblendet
notification-register_version = Neue Fassung des Registereintrags „{ $title }“
preferences-heading = Einstellungen
digest-hint = Statt einer E-Mail pro Ereignis erhalten Sie eine Zusammenfassung.
digest-daily = täglich
digest-weekly = wöchentlich
digest-none = keine E-Mails
verify-heading = Als Einwohnerin oder Einwohner bestätigen
verify-lead = Mit dem Code aus dem Brief der Stadt bestätigen Sie, dass Sie hier wohnen. Manche Beteiligungen setzen das voraus.
verify-button = Code einlösen
verify-link = Jetzt als Einwohnerin oder Einwohner bestätigen
password-change-heading = Passwort ändern
password-change-button = Passwort ändern
tokens-heading = API-Schlüssel
tokens-lead = Mit einem API-Schlüssel können Programme in Ihrem Namen die Schnittstelle nutzen.
token-created = Ihr neuer Schlüssel (wird nur jetzt angezeigt):
token-create = Schlüssel erzeugen
token-revoke = widerrufen

inbox-title = Posteingang
inbox-lead = { $count } Beiträge warten auf eine Antwort, davon { $overdue } länger als { $deadline } Tage.
inbox-caption = Unbeantwortete Vorschläge, älteste zuerst
inbox-empty = Alle Beiträge sind beantwortet.
submitted-on = Eingereicht am
days-waiting = Tage wartend

audit-title = Öffentliches Protokoll
audit-lead = Jede wichtige Änderung wird hier unveränderlich festgehalten. Jeder Eintrag enthält den Fingerabdruck (Hash) des vorherigen; wer einen Eintrag ändert, bricht die Kette.
audit-head = Aktueller Stand nach { $count } Einträgen:
audit-verify-hint = Prüfen Sie die Kette selbst: über die API unter /api/audit oder mit „teilhabe audit verify“.
audit-caption = Protokolleinträge, neueste zuerst
audit-time = Zeit
audit-actor = Wer (Pseudonym)
audit-action = Aktion
audit-target = Betrifft
audit-details = Einzelheiten
audit-hash = Hash
audit-empty = Noch keine Einträge.

legal-imprint = Impressum
legal-privacy = Datenschutz
legal-accessibility = Barrierefreiheit
legal-missing = Dieser Text wurde noch nicht hinterlegt.

moderation-title = Moderation
moderation-empty = Keine offenen Meldungen.

admin-title = Verwaltung
admin-users = Konten und Rollen
admin-verification = Einwohner-Bestätigung
admin-outbox = Postausgang
admin-settings = Einstellungen
admin-your-processes = Ihre Beteiligungen
users-search = Konten suchen
role-grant = Rolle vergeben
role-revoke = entziehen
no-department = ohne Amt
verification-lead = Einwohnerinnen und Einwohner bestätigen sich mit einem Einmal-Code. Codes werden nur verschlüsselt gespeichert.
verification-batches = Serien
codes-total = Codes
codes-used = eingelöst
verification-generate = Codes für Briefe erzeugen
verification-generate-button = Codes erzeugen und Briefe anzeigen
verification-import = Codes importieren
verification-import-hint = Eine CSV-Datei mit einem Code pro Zeile (erste Spalte), 8 bis 64 Buchstaben oder Ziffern. Enthält eine Zeile einen Fehler, wird nichts gespeichert.
verification-import-button = Importieren
letters-title = Briefe mit Bestätigungscodes
letters-lead = { $count } Briefe. Drucken Sie diese Seite; jeder Brief steht auf einer eigenen Seite. Die Codes werden danach nicht mehr angezeigt.
letter-n = Brief { $n }
letter-heading = Ihr persönlicher Bestätigungscode
letter-body = Mit diesem Code bestätigen Sie auf { $url } (Mein Konto), dass Sie in unserer Stadt wohnen. Der Code gilt einmal.
letter-footer = Bitte geben Sie den Code nicht weiter.
outbox-lead = Alle E-Mails der Plattform. Ist kein Mailserver eingerichtet, bleiben sie hier und werden nicht versendet.
outbox-empty = Keine E-Mails.
mail-sent = gesendet
mail-pending = nicht gesendet
categories-hint = Ein Thema pro Zeile.
departments-heading = Ämter
department-add = Amt hinzufügen

mail-reset-subject = { $municipality }: Neues Passwort festlegen
mail-reset-body = Hallo { $name },

    Sie haben ein neues Passwort angefordert. Legen Sie es über diesen Link fest (gültig 60 Minuten):

    { $link }

    Wenn Sie das nicht waren, können Sie diese E-Mail ignorieren.
mail-digest-subject = { $municipality }: { $count } Neuigkeiten
mail-digest-intro = Hallo { $name }, das ist neu bei den Beiträgen, denen Sie folgen:
mail-digest-footer = Wie oft Sie diese Zusammenfassung erhalten, stellen Sie unter { $link } ein.

notice-proposal-created = Danke! Ihr Vorschlag ist eingereicht. Sie erhalten eine Nachricht, sobald die Verwaltung antwortet.
notice-proposal-edited = Ihr Vorschlag wurde geändert.
notice-supported = Danke für Ihre Unterstützung.
notice-support-withdrawn = Ihre Unterstützung wurde zurückgezogen.
notice-commented = Ihr Kommentar ist veröffentlicht.
notice-offline-recorded = Der Beitrag wurde erfasst.
notice-following = Sie folgen jetzt und werden über Neuigkeiten benachrichtigt.
notice-unfollowed = Sie folgen nicht mehr.
notice-answered = Gespeichert. Alle, die folgen, werden benachrichtigt.
notice-reported = Danke, die Moderation prüft Ihre Meldung.
notice-hidden = Der Beitrag ist ausgeblendet; die Begründung ist öffentlich sichtbar.
notice-report-dismissed = Die Meldung wurde geschlossen.
notice-logged-in = Sie sind angemeldet.
notice-logged-out = Sie sind abgemeldet.
notice-registered = Willkommen! Ihr Konto ist angelegt.
notice-password-changed = Ihr Passwort wurde geändert.
notice-saved = Gespeichert.
notice-verified = Sie sind jetzt als Einwohnerin oder Einwohner bestätigt.
notice-token-revoked = Der Schlüssel wurde widerrufen.
notice-codes-imported = Die Codes wurden importiert.

denied-login-required = Bitte melden Sie sich an, um mitzumachen.
denied-login-required-help = Melden Sie sich an oder legen Sie ein Konto an; danach können Sie weitermachen.
denied-forbidden = Dafür fehlt Ihnen die Berechtigung.
denied-forbidden-help = Diese Aktion ist bestimmten Rollen vorbehalten. Wenden Sie sich an die Verwaltung, wenn Sie meinen, dass das ein Fehler ist.
denied-verification-required = Das können nur bestätigte Einwohnerinnen und Einwohner.
denied-verification-required-help = Lösen Sie den Code aus dem Brief der Stadt in „Mein Konto“ ein.
denied-not-open = Das ist in der aktuellen Phase nicht möglich.
denied-not-open-help = Die Beteiligung nimmt diese Art von Beitrag gerade nicht an. Im Ablauf sehen Sie, was wann möglich ist.
denied-not-found = Seite nicht gefunden

error-not-found-title = Seite nicht gefunden
error-not-found-title-help = Die Adresse ist falsch oder der Inhalt wurde entfernt.
error-no-municipality-title = Keine Kommune unter dieser Adresse
error-no-municipality-title-help = Unter diesem Hostnamen ist keine Kommune eingerichtet.
error-invalid-title = Die Eingaben sind nicht gültig
error-go-back = Gehen Sie zurück und korrigieren Sie die Eingaben; was Sie eingegeben haben, ist dort noch vorhanden.
error-generic-help = Bitte versuchen Sie es noch einmal. Wenn das Problem bleibt, schreiben Sie uns.
error-too-large = Die Anfrage ist zu groß
error-rate-limited = Zu viele Versuche in kurzer Zeit
error-rate-limited-help = Bitte warten Sie eine Minute und versuchen Sie es dann erneut.
error-csrf-invalid = Das Formular ist ungültig
error-csrf-invalid-help = Laden Sie die Seite neu und senden Sie das Formular noch einmal.
error-csrf-expired = Das Formular ist abgelaufen
error-csrf-expired-help = Aus Sicherheitsgründen gilt ein Formular 12 Stunden. Laden Sie die Seite neu und senden Sie es noch einmal.
error-internal = Ein interner Fehler ist aufgetreten
error-content-type = Unerwartetes Format der Anfrage
error-form-fields = Das Formular ist unvollständig oder fehlerhaft
error-utf8 = Die Anfrage enthält ungültige Zeichen (kein UTF-8)
error-json = Ungültiges JSON
error-method = Diese Methode ist hier nicht erlaubt
error-id = Ungültige Kennung
error-page = Ungültige Seitenzahl
error-per-page = Einträge pro Seite: 1 bis 100
error-search-too-long = Der Suchbegriff ist zu lang (höchstens 200 Zeichen)
error-auth-header = Der Authorization-Header muss „Bearer SCHLÜSSEL“ lauten
error-token-invalid = Der API-Schlüssel ist ungültig oder widerrufen

error-required = Bitte ausfüllen.
error-too-short = Bitte mindestens { $min } Zeichen eingeben.
error-too-long = Bitte höchstens { $max } Zeichen eingeben.
error-invalid-choice = Bitte einen der angebotenen Werte wählen.
error-email = Bitte eine gültige E-Mail-Adresse eingeben, zum Beispiel name@beispiel.de.
error-email-taken = Zu dieser E-Mail-Adresse gibt es schon ein Konto. Melden Sie sich an oder setzen Sie Ihr Passwort zurück.
error-login-failed = E-Mail-Adresse oder Passwort stimmen nicht.
error-password-short = Das Passwort muss mindestens { $min } Zeichen lang sein.
error-password-mismatch = Die beiden Passwörter stimmen nicht überein.
error-password-wrong = Das bisherige Passwort stimmt nicht.
error-password-hash = Das Passwort konnte nicht gespeichert werden.
error-privacy-consent = Bitte bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben.
error-reset-token-invalid = Der Link ist ungültig oder abgelaufen. Fordern Sie einen neuen an.
error-latitude = Der Breitengrad muss zwischen -90 und 90 liegen.
error-longitude = Der Längengrad muss zwischen -180 und 180 liegen.
error-coordinates-pair = Bitte Breiten- und Längengrad zusammen angeben.
error-number = Bitte eine Zahl eingeben.
error-number-range = Bitte eine Zahl von { $min } bis { $max } eingeben.
error-percent = Bitte eine Zahl von 0 bis 100 eingeben.
error-status-transition = Dieser Stand kann vom aktuellen Stand aus nicht gewählt werden.
error-progress-status = Fortschritt gibt es erst bei angenommenen Vorschlägen.
error-slug = Nur Kleinbuchstaben, Ziffern und Bindestriche, höchstens 80 Zeichen.
error-slug-taken = Diese Adresse ist schon vergeben.
error-url = Bitte eine Adresse beginnend mit https:// angeben.
error-phase-required = Bitte mindestens eine Phase anlegen.
error-phase-title = Jede Phase braucht einen Titel (höchstens 120 Zeichen).
error-phase-dates = Jede Phase braucht gültige Daten für Beginn und Ende.
error-phase-dates-order = Eine Phase darf nicht enden, bevor sie beginnt.
error-not-your-department = Sie können nur Beteiligungen Ihres eigenen Amts anlegen.
error-staff-needs-department = Für die Rolle Verwaltung bitte ein Amt wählen.
error-citizen-role-fixed = Die Rolle Bürgerin/Bürger hat jedes Konto.
error-department-exists = Ein Amt mit diesem Namen gibt es schon.
error-deadline-range = Bitte 1 bis 365 Tage angeben.
error-codes-invalid-lines = Ungültige Codes in Zeile { $lines }. Es wurde nichts gespeichert.
error-code-duplicate = Mindestens ein Code ist schon vorhanden. Es wurde nichts gespeichert.
error-code-invalid = Dieser Code ist ungültig oder schon eingelöst.
error-already-verified = Sie sind bereits bestätigt.
error-already-supported = Sie unterstützen diesen Vorschlag bereits.
error-not-supported = Sie unterstützen diesen Vorschlag nicht.
error-support-limit = Sie haben Ihre Unterstützungen in dieser Beteiligung aufgebraucht. Ziehen Sie eine zurück, um einen anderen Vorschlag zu unterstützen.
error-proposal-answered = Ein beantworteter Vorschlag kann nicht mehr geändert werden.
error-parent-comment = Der Kommentar, auf den Sie antworten, gehört nicht zu diesem Vorschlag.
error-already-hidden = Dieser Beitrag ist bereits ausgeblendet.
error-demo-not-empty = Die Datenbank enthält schon eine Kommune.

# Process images
error-image-too-large = Das Bild ist zu groß (höchstens { $max } MB).
error-image-type = Bitte ein Bild im Format PNG, JPEG oder WebP hochladen.
error-multipart = Das Formular mit der Datei konnte nicht gelesen werden
field-image = Bilddatei
field-image_alt = Bildbeschreibung (Alternativtext)
image-upload-heading = Bild der Beteiligung
image-upload-button = Bild hochladen
image-hint = PNG, JPEG oder WebP, höchstens 2 MB. Ersetzt das bisherige Bild.
image-alt-hint = Beschreiben Sie kurz, was zu sehen ist, für Menschen, die das Bild nicht sehen.

## Opinion map
opinion-title = Meinungsbild
opinion-intro = Lesen Sie kurze Aussagen und sagen Sie, ob Sie zustimmen, ablehnen oder die Aussage überspringen. Aus allen Stimmen entsteht eine Karte der Meinungsgruppen: Wo gehen die Meinungen auseinander, wo sind sich alle einig?
opinion-process-heading = Meinungsbild
opinion-process-lead = Bewerten Sie kurze Aussagen und sehen Sie, welche Meinungsgruppen es gibt und worin sich alle einig sind.
opinion-results-link = Ergebnisse ansehen
opinion-manage-link = Meinungsbild verwalten
opinion-vote-link = Aussagen bewerten
opinion-progress = Aussage { $position } von { $total }
opinion-progress-label = { $voted } von { $total } Aussagen bewertet
opinion-your-vote = Ihre bisherige Stimme
opinion-vote-agree = Stimme zu
opinion-vote-disagree = Lehne ab
opinion-vote-pass = Weiß nicht / überspringen
opinion-no-statements = Es gibt noch keine Aussagen.
opinion-all-done = Danke! Sie haben alle Aussagen bewertet. Neue Aussagen kommen eventuell noch dazu.
opinion-submit-heading = Eigene Aussage hinzufügen
opinion-statement-label = Aussage
opinion-statement-hint = Ein kurzer Satz, 10 bis 300 Zeichen, zu dem andere zustimmen oder ablehnen können.
opinion-statement-pre = Die Verwaltung prüft neue Aussagen, bevor sie andere sehen.
opinion-submit = Aussage einreichen
opinion-my-votes = Ihre Stimmen ({ $count })
opinion-change-vote = Stimme ändern
opinion-results-title = Ergebnisse des Meinungsbilds
opinion-counts = { $participants } Teilnehmende, { $votes } Stimmen
opinion-as-of = Auswertung mit { $votes } Stimmen, Stand { $time }
opinion-pending = Neue Stimmen sind eingegangen; die Auswertung wird in Kürze aktualisiert.
opinion-analysis-failed = Die letzte Auswertung ist fehlgeschlagen
opinion-analysis-failed-hint = Alle Stimmen sind gespeichert. Die Auswertung wird nach der nächsten Stimme erneut versucht; bleibt der Fehler, wenden Sie sich bitte an den Betrieb.
opinion-my-group = Sie gehören zu Gruppe { $group }.
opinion-map-heading = Karte der Meinungsgruppen
opinion-map-help = Jeder Punkt ist eine teilnehmende Person. Wer ähnlich abgestimmt hat, steht nah beieinander. Die Gruppen sind unterschiedlich geformt und beschriftet.
opinion-map-desc = { $groups } Meinungsgruppen aus { $participants } Teilnehmenden.
opinion-group-size = Gruppe { $group }: { $size } Personen
opinion-group-short = { $group } · { $size }
opinion-map-sampled = Gezeigt werden { $drawn } von { $total } Personen.
opinion-map-caption = Die Tabelle darunter nennt alle Gruppen mit ihrer Größe.
opinion-groups-table = Meinungsgruppen und ihre Größe
opinion-group = Gruppe
opinion-group-members = Personen
opinion-group-share = Anteil
opinion-group-name = Gruppe { $group }
opinion-groups-heading = Was die Gruppen ausmacht
opinion-representative-help = Aussagen, bei denen eine Gruppe deutlich anders abstimmt als alle anderen.
opinion-rep-agree = { $inside } der Gruppe stimmen zu, bei den anderen { $outside }.
opinion-rep-disagree = { $inside } der Gruppe lehnen ab, bei den anderen { $outside }.
opinion-consensus-heading = Worin sich alle Gruppen einig sind
opinion-consensus-help = Aussagen, denen jede Gruppe mehrheitlich zustimmt oder die jede Gruppe mehrheitlich ablehnt.
opinion-consensus-agree = Zustimmung
opinion-consensus-disagree = Ablehnung
opinion-none = Keine.
opinion-divisive-heading = Worin sich die Gruppen unterscheiden
opinion-divisive-help = Aussagen, denen eine Gruppe zustimmt und die eine andere ablehnt.
opinion-agree-by-group = Zustimmung je Gruppe
opinion-not-enough-heading = Noch nicht genug Stimmen
opinion-not-enough = Für Meinungsgruppen braucht es mindestens { $need } Personen mit je mindestens 7 Stimmen; bisher sind es { $have }.
opinion-no-result = Es gibt noch keine Auswertung.
opinion-timeline-heading = Beteiligung im Zeitverlauf
opinion-timeline-desc = Stimmen pro Tag als Balken; die Tabelle nennt die Zahlen.
opinion-timeline-table = Stimmen und neue Teilnehmende pro Tag
opinion-day = Tag
opinion-votes = Stimmen
opinion-new-participants = Neue Teilnehmende
opinion-statements-heading = Alle Aussagen
opinion-statement = Aussage
opinion-manage-title = Meinungsbild verwalten
opinion-form-not-enabled = Das Meinungsbild ist noch in keiner Phase freigeschaltet. Wählen Sie es in einer Phase der Beteiligung aus.
opinion-settings-heading = Einstellungen
field-voters = Wer darf abstimmen?
opinion-voters-anyone = Alle, auch ohne Konto (ein anonymes Kennzeichen im Browser verhindert doppelte Stimmen)
opinion-voters-citizens = Angemeldete Bürgerinnen und Bürger
opinion-voters-verified = Nur bestätigte Einwohnerinnen und Einwohner
opinion-allow-statements = Teilnehmende dürfen eigene Aussagen einreichen
field-moderation = Prüfung eingereichter Aussagen
opinion-moderation-pre = Vorher prüfen: Aussagen erscheinen erst nach Freigabe
opinion-moderation-post = Nachher prüfen: Aussagen erscheinen sofort und können abgelehnt werden
opinion-seed-heading = Aussage der Verwaltung hinzufügen
opinion-seed-add = Aussage hinzufügen
opinion-origin = Herkunft
opinion-state = Stand
opinion-moderate = Prüfen
opinion-origin-seed = Verwaltung
opinion-origin-participant = Teilnehmende
opinion-origin-import = Import
opinion-state-accepted = freigegeben
opinion-state-pending = ungeprüft
opinion-state-rejected = abgelehnt
opinion-accept = Freigeben
opinion-reject = Ablehnen
opinion-paper-heading = Papierfragebogen erfassen
opinion-paper-help = Die Nummer des Fragebogens kennzeichnet die Person. Wird dieselbe Nummer erneut erfasst, werden die Angaben berichtigt.
field-label = Nummer des Fragebogens
field-votes = Stimmen
field-statement = Aussage
opinion-paper-none = keine Angabe
opinion-paper-save = Fragebogen speichern
opinion-analysis-heading = Auswertung
opinion-export-heading = Export im Polis-Format
opinion-export-help = Dieselben CSV-Dateien wie ein Polis-Export; Werkzeuge für Polis können sie lesen. Papierfragebögen erscheinen ohne ihre Nummer.
notice-opinion-voted = Ihre Stimme ist gespeichert.
notice-opinion-statement-pending = Danke! Ihre Aussage wird geprüft und dann angezeigt.
notice-opinion-statement-added = Die Aussage ist gespeichert.
notice-opinion-paper-recorded = Der Fragebogen ist gespeichert.
error-statement-one-line = Bitte schreiben Sie die Aussage in eine Zeile.
error-opinion-unknown-statement = Diese Aussage gibt es in diesem Meinungsbild nicht (oder nicht mehr).
error-opinion-no-votes = Bitte erfassen Sie mindestens eine Stimme.
error-opinion-label-taken = Diese Nummer ist bereits vergeben.
error-opinion-not-set-up = Das Meinungsbild ist noch nicht eingerichtet.
error-opinion-import-not-empty = In dieses Meinungsbild kann nicht importiert werden, weil es schon Aussagen hat.
error-opinion-vote = Ungültige Stimme: erlaubt sind Zustimmung, Ablehnung oder Überspringen.
## Participatory budgeting
form-budget_voting = Über das Budget abstimmen
nav-budget = Bürgerhaushalt
budget-overview-title = Bürgerhaushalt
budget-overview-intro = Hier entscheiden Einwohnerinnen und Einwohner, welche Projekte aus dem Budget umgesetzt werden. Sie stimmen im Budget für die ganze Stadt und in einem Stadtteil ab.
budget-voting-open = Die Abstimmung läuft. Bestätigte Einwohnerinnen und Einwohner können ihre Stimme abgeben und bis zum Ende der Abstimmung ändern.
budget-district = Stadtteil { $district }
budget-citywide = Ganze Stadt
budget-ballot-count = { $count ->
    [one] 1 Stimmzettel
   *[other] { $count } Stimmzettel
}
budget-see-results = Ergebnis ansehen
budget-go-vote = Jetzt abstimmen
budget-see-projects = Projekte ansehen
budget-none = Für diese Beteiligung gibt es noch kein Budget.
budget-manage = Bürgerhaushalt verwalten
budget-kind-approval = Bis zu { $limit } Projekte ankreuzen
budget-kind-knapsack = Projekte bis zur Höhe des Budgets ankreuzen
budget-kind-cumulative = { $limit } Punkte verteilen
budget-kind-ranking = Bis zu { $limit } Projekte in eine Reihenfolge bringen
budget-kind-name-approval = Ankreuzen mit Höchstzahl an Projekten
budget-kind-name-knapsack = Ankreuzen bis zur Höhe des Budgets
budget-kind-name-cumulative = Punkte verteilen
budget-kind-name-ranking = Rangfolge
budget-kind-help-approval = Kreuzen Sie bis zu { $limit } Projekte an, die umgesetzt werden sollen.
budget-kind-help-knapsack = Kreuzen Sie die Projekte an, die umgesetzt werden sollen. Zusammen dürfen sie höchstens { $amount } kosten, so viel wie das Budget.
budget-kind-help-cumulative = Verteilen Sie bis zu { $limit } Punkte auf die Projekte. Mehr Punkte heißt: Ihnen ist das Projekt wichtiger.
budget-kind-help-ranking = Wählen Sie bis zu { $limit } Projekte und geben Sie jedem einen Platz. Platz 1 ist Ihnen am wichtigsten.
budget-rule-name-greedy = Meiste Stimmen zuerst
budget-rule-name-mes = Methode der gleichen Anteile
budget-rule-name-mes-add1 = Methode der gleichen Anteile (mit Erhöhung der Anteile)
budget-rule-name-mes-add1-greedy = Methode der gleichen Anteile (mit Erhöhung und Auffüllen)
budget-rule-desc-greedy = Die Projekte werden nach der Zahl ihrer Stimmen geordnet. Das Projekt mit den meisten Stimmen kommt zuerst dran. Jedes Projekt wird umgesetzt, wenn es noch in das übrige Geld passt. Sonst wird es übersprungen.
budget-rule-desc-mes = Jede Person, die abstimmt, bekommt einen gleich großen Anteil am Budget. Ein Projekt wird nur von den Menschen bezahlt, die dafür gestimmt haben. Sie teilen sich die Kosten so gleichmäßig wie möglich. Zuerst kommt das Projekt, das für seine Unterstützenden am wenigsten kostet. Wenn das Geld der Unterstützenden nicht mehr reicht, wird ein Projekt nicht umgesetzt. So bekommen auch kleinere Gruppen Projekte, die ihnen wichtig sind.
budget-rule-desc-mes-add1 = Wie die Methode der gleichen Anteile. Wenn danach noch Geld übrig ist, wird der Anteil jeder Person Schritt für Schritt um 1 Euro erhöht und neu gerechnet, solange das Budget reicht.
budget-rule-desc-mes-add1-greedy = Wie die Methode der gleichen Anteile mit Erhöhung der Anteile. Bleibt danach noch Geld übrig, kommen die Projekte mit den meisten Stimmen dazu, solange sie noch in das übrige Geld passen.
budget-vote-intro = Das Budget beträgt { $amount }.
budget-min-age = Abstimmen können Einwohnerinnen und Einwohner ab { $age } Jahren.
budget-ballot-not-saved = Ihr Stimmzettel wurde nicht gespeichert
budget-has-ballot = Sie haben bereits abgestimmt. Ihre Auswahl ist unten angekreuzt. Sie können sie ändern, solange die Abstimmung läuft.
budget-other-district = Sie haben schon im Stadtteil { $district } abgestimmt. Sie können nur in einem Stadtteil abstimmen.
budget-remaining = Noch verfügbar: { $amount }
budget-over = Ihre Auswahl ist { $amount } teurer als das Budget.
budget-chosen-count = Gewählt: { $count } von höchstens { $max } Projekten
budget-chosen-points = Vergeben: { $count } von { $max } Punkten
budget-chosen-ranks = Gereiht: { $count } von höchstens { $max } Projekten
budget-projects-legend = Projekte zur Wahl
budget-rank-none = Kein Platz
budget-rank-place = Platz { $rank }
budget-project-details = Mehr zu „{ $title }“
budget-review-public = Prüfung der Verwaltung
field-birth_date = Geburtsdatum
budget-birth-hint = Nur um das Mindestalter von { $age } Jahren zu prüfen. Das Datum wird nicht gespeichert.
budget-recalc = Neu berechnen
budget-cast = Stimme abgeben
budget-replace = Stimme ändern
budget-no-projects = Es gibt noch keine geprüften Projekte.
budget-not-feasible-heading = Nicht umsetzbare Vorschläge
budget-receipt-title = Ihre Stimme ist abgegeben
budget-receipt-replaced = Ihre Stimme ist geändert
budget-receipt-saved = Ihr Stimmzettel für „{ $budget }“ ist gespeichert.
budget-receipt-intro = Das ist Ihr Quittungscode. Notieren Sie ihn oder machen Sie ein Foto:
budget-receipt-once = Der Code wird nur jetzt angezeigt. Niemand kann ihn später wiederherstellen. Mit dem Code prüfen Sie nach der Auszählung, ob Ihre Stimme gezählt wurde. Der Code verrät nicht, wie Sie abgestimmt haben.
budget-receipt-hash = Im Ergebnis steht diese verschlüsselte Form Ihres Codes (SHA-256):
budget-receipt-old-invalid = Ihr bisheriger Quittungscode gilt nicht mehr.
budget-back-to-ballot = Zurück zum Stimmzettel
budget-results-title = Ergebnis
budget-results-summary = { $voters ->
    [one] 1 Person hat abgestimmt.
   *[other] { $voters_text } Personen haben abgestimmt.
} { $count ->
    [one] 1 Projekt wird
   *[other] { $count } Projekte werden
} umgesetzt. Sie kosten zusammen { $total } von { $amount }.
budget-results-unspent = Nicht verteilt: { $unspent }.
budget-rule-heading = Die Regel
budget-results-share = Jede Person hatte einen Anteil von { $share }.
budget-results-greedy-differs = Mit der Regel „Meiste Stimmen zuerst“ wäre eine andere Auswahl umgesetzt worden (zusammen { $total }). Die Tabelle zeigt, welche Projekte sich unterscheiden.
budget-chart-heading = Stimmen je Projekt
budget-chart-title = Stimmen je Projekt im Budget { $budget }
budget-chart-desc = Balkendiagramm. Die gleichen Zahlen stehen in der Tabelle unter dem Diagramm.
budget-chart-legend = Blaue Balken mit Haken: ausgewählte Projekte. Graue Balken: nicht ausgewählt. Die Zahl ist die Zahl der Stimmzettel, auf denen das Projekt gewählt wurde.
budget-table-heading = Alle Projekte mit Begründung
budget-table-caption = Projekte, Kosten, Stimmen und warum ein Projekt ausgewählt wurde oder nicht
budget-col-project = Projekt
budget-col-cost = Kosten
budget-col-votes = Stimmen
budget-col-selected = Ausgewählt
budget-col-why = Begründung
budget-col-budget = Budget
budget-col-district = Stadtteil
budget-col-ballots = Stimmzettel
budget-col-review = Prüfung
budget-col-status = Stand
budget-col-entries = Eingaben
budget-yes = Ja
budget-no = Nein
budget-greedy-would-select = Mit „Meiste Stimmen zuerst“ ausgewählt
budget-greedy-would-not = Mit „Meiste Stimmen zuerst“ nicht ausgewählt
budget-turnout-heading = Beteiligung
budget-turnout-caption = Stimmzettel nach Budget, Stadtteil und Weg der Abgabe
budget-receipts-heading = Ist meine Stimme gezählt?
budget-receipts-intro = Jede gezählte Online-Stimme steht hier als SHA-256-Wert ihres Quittungscodes. Sie finden damit Ihre Stimme, ohne dass jemand sieht, wie Sie abgestimmt haben.
budget-receipt-check-label = Ihr Quittungscode
budget-receipt-check = Prüfen
budget-receipt-found = Ja, Ihre Stimme wurde gezählt.
budget-receipt-not-found = Dieser Code ist nicht unter den gezählten Stimmen. Prüfen Sie die Schreibweise. Wenn Sie Ihre Stimme geändert haben, gilt nur der letzte Code.
budget-receipts-list = Alle { $count } Werte anzeigen
budget-export-heading = Daten herunterladen
budget-export-pb = Ergebnis und anonyme Stimmzettel im Pabulib-Format (.pb)
budget-export-csv = Ergebnis als CSV
budget-export-ballots-csv = Anonyme Stimmzettel als CSV
budget-export-json = Ergebnis und anonyme Stimmzettel als JSON
budget-why-paid = { $count } Unterstützende zahlten je { $amount }
budget-why-paid-all = { $count } Unterstützende zahlten alles, was sie noch hatten (je { $amount })
budget-why-paid-nothing = { $count } Unterstützende hatten nichts mehr übrig
budget-col-score = Punkte
budget-why-mes-selected = Als { $step }. Projekt mit gleichen Anteilen gekauft: { $payments }.
budget-why-mes-free = Ausgewählt: Es kostet nichts und hat Unterstützende.
budget-why-mes-unaffordable-after = Mit gleichen Anteilen nicht gekauft: Nachdem „{ $after }“ gekauft war, hatten seine Unterstützenden zusammen nur noch { $money }. Das reichte nicht für die Kosten.
budget-why-mes-unaffordable = Mit gleichen Anteilen nicht gekauft: Seine Unterstützenden hatten zusammen nur { $money }. Das reichte nicht für die Kosten.
budget-why-no-supporters = Niemand hat dafür gestimmt.
budget-why-greedy-selected = Nach Stimmen als { $step }. Projekt ausgewählt; danach blieben { $left }.
budget-why-greedy-no-fit-after = Nach Stimmen nicht ausgewählt: Nach „{ $after }“ waren nur noch { $left } übrig. Das reichte nicht.
budget-why-greedy-no-fit = Nach Stimmen nicht ausgewählt: Es waren nur noch { $left } übrig. Das reichte nicht.
budget-why-paid-more = { $count ->
    [one] und 1 weitere Gruppe
   *[other] und { $count } weitere Gruppen
}
budget-why-fill-selected = Beim Auffüllen nach Stimmen als { $step }. Projekt ausgewählt; danach blieben { $left }.
budget-why-fill-no-fit-after = Beim Auffüllen nach Stimmen nicht ausgewählt: Nach „{ $after }“ waren nur noch { $left } übrig. Das reichte nicht.
budget-why-fill-no-fit = Beim Auffüllen nach Stimmen nicht ausgewählt: Es waren nur noch { $left } übrig. Das reichte nicht.
budget-manage-intro = Legen Sie die Budgets an, prüfen Sie die Vorschläge und schätzen Sie die Kosten. Regel und Stimmzettel legen Sie vor der Abstimmung fest.
budget-settings = Einstellungen
budget-lock-hint = Betrag, Stimmzettel, Regel und Mindestalter lassen sich nur ändern, solange die Abstimmung nicht läuft und noch niemand abgestimmt hat.
field-district = Stadtteil
budget-district-hint = Leer lassen für das Budget der ganzen Stadt.
field-amount = Betrag in Euro
field-ballot_kind = Art des Stimmzettels
field-ballot_limit = Höchstzahl (Projekte, Punkte oder Plätze)
budget-limit-hint = Beim Ankreuzen bis zur Höhe des Budgets nicht nötig.
field-rule = Regel für die Verteilung
field-min_age = Mindestalter (0 = keines)
budget-projects-heading = Projekte
budget-review-caption = Projekte auf dem Stimmzettel und ihre Prüfung
budget-review-open = Noch nicht geprüft
budget-feasible = Umsetzbar
budget-not-feasible = Nicht umsetzbar
budget-feasible-question = Ist „{ $title }“ umsetzbar?
field-review_reason = Öffentliche Begründung
field-cost = Kosten in Euro
budget-review-save = Prüfung speichern
field-proposal_id = Vorschlag
budget-add-project = Auf den Stimmzettel setzen
budget-paper-heading = Papierstimmzettel
budget-paper-link = Papierstimmzettel erfassen und Abweichungen prüfen
budget-publish-heading = Auszählen und veröffentlichen
budget-publish-hint = Erst nach dem Ende der Abstimmung möglich. Das Ergebnis wird festgeschrieben. Die ausgewählten Vorschläge werden angenommen und erscheinen in der Umsetzungsverfolgung.
budget-publish-default-answer = Dieses Projekt wurde im Bürgerhaushalt ausgewählt und wird umgesetzt.
budget-publish = Auszählen und Ergebnis veröffentlichen
budget-new = Neues Budget
budget-create = Budget anlegen
budget-paper-intro = Jeder Papierstimmzettel wird von zwei verschiedenen Mitarbeitenden erfasst. Er zählt erst, wenn beide Eingaben übereinstimmen. Abweichungen erscheinen unten.
field-sheet = Nummer des Stimmzettels
field-ballot = Stimmzettel
field-feasible = Umsetzbar
budget-paper-choices = Angekreuzt auf dem Papier
budget-paper-save = Eingabe speichern
budget-paper-mismatches = { $count ->
    [0] Keine Abweichungen
    [one] 1 Stimmzettel mit Abweichung
   *[other] { $count } Stimmzettel mit Abweichungen
}
budget-paper-caption = Erfasste Papierstimmzettel
budget-paper-none = Noch keine Papierstimmzettel erfasst.
budget-paper-status-pending = Wartet auf die zweite Eingabe
budget-paper-status-counted = Gezählt
budget-paper-status-mismatch = Abweichung: wird nicht gezählt
budget-paper-pending = Erste Eingabe gespeichert. Jetzt muss eine zweite Person den Stimmzettel erfassen.
budget-paper-counted = Beide Eingaben stimmen überein. Der Stimmzettel wird gezählt.
budget-paper-mismatch = Die Eingaben stimmen nicht überein. Der Stimmzettel wird nicht gezählt. Bitte das Papier prüfen und richtig erfassen.
notice-budget-saved = Das Budget ist gespeichert.
notice-budget-project-added = Das Projekt steht jetzt auf dem Stimmzettel. Bitte noch prüfen.
notice-budget-reviewed = Die Prüfung ist gespeichert.
notice-budget-published = Das Ergebnis ist veröffentlicht.
error-birth-date = Bitte ein gültiges Geburtsdatum eingeben, zum Beispiel 31.12.2008.
error-ballot-empty = Bitte wählen Sie mindestens ein Projekt.
error-ballot-unknown-project = Ein gewähltes Projekt steht nicht auf diesem Stimmzettel.
error-ballot-duplicate = Ein Projekt ist doppelt gewählt.
error-ballot-too-many-projects = Sie können höchstens { $max } Projekte wählen. Sie haben { $chosen } gewählt.
error-ballot-over-budget = Ihre Auswahl kostet { $chosen_eur }. Das Budget beträgt { $max_eur }. Bitte wählen Sie weniger oder günstigere Projekte.
error-ballot-too-many-points = Sie können höchstens { $max } Punkte vergeben. Sie haben { $chosen } vergeben.
error-ballot-points-positive = Bitte ganze Punkte von 0 an eingeben.
error-ballot-too-many-ranks = Sie können höchstens { $max } Plätze vergeben. Sie haben { $chosen } vergeben.
error-ballot-rank = Bitte für jedes Projekt einen der angebotenen Plätze wählen.
error-ballot-rank-twice = Jeder Platz darf nur einmal vergeben werden.
error-ballot-too-young = Abstimmen können nur Personen ab { $min } Jahren.
error-ballot-other-district = Sie haben schon in einem anderen Stadtteil abgestimmt. Sie können nur in einem Stadtteil abstimmen.
error-budget-locked = Betrag, Stimmzettel und Regel sind festgeschrieben, weil schon abgestimmt wurde.
error-budget-voting-open = Das geht nicht, solange die Abstimmung läuft.
error-budget-published = Das Ergebnis ist bereits veröffentlicht.
error-budget-no-ballots = Es gibt noch keine Stimmzettel.
error-budget-changed = Während der Auszählung kam ein Stimmzettel hinzu. Bitte noch einmal auszählen.
error-budget-no-results = Das Ergebnis ist noch nicht veröffentlicht.
error-budget-tally = Die Auszählung ist fehlgeschlagen. Es wurde nichts gespeichert.
error-budget-proposal-not-in-process = Dieser Vorschlag gehört nicht zu dieser Beteiligung.
error-budget-project-exists = Dieser Vorschlag steht schon auf dem Stimmzettel.
error-budget-cost-over = Ein umsetzbares Projekt darf höchstens so viel kosten wie das Budget ({ $max_eur }).
error-paper-already-entered = Sie haben diesen Stimmzettel schon erfasst. Die zweite Eingabe muss eine andere Person machen.

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

## Register: council (Datenbeirat)
nav-council = Datenbeirat
council-section-heading = Datenbeirat
council-inbox-title = Datenbeirat: Prüfungen
council-inbox-lead = { $open ->
    [0] Zurzeit wartet keine Prüfung auf den Beirat.
    [one] 1 Prüfung ist offen.
   *[other] { $open } Prüfungen sind offen.
} { $answers ->
    [0] Alle Empfehlungen sind beantwortet.
    [one] Auf 1 Empfehlung steht die Antwort der Verwaltung noch aus.
   *[other] Auf { $answers } Empfehlungen steht die Antwort der Verwaltung noch aus.
}
council-rule-now = Geltende Regel: mindestens { $quorum } abgegebene Stimmen, { $majority }.
council-settings-title = Einstellungen des Datenbeirats
council-settings-lead = Hier legen Sie fest, wann der Beirat entscheidet und welche Änderungen an einem Registereintrag ihm automatisch zur Prüfung vorgelegt werden.
council-open-heading = Offene Prüfungen
council-open-caption = Offene Prüfungen, die älteste zuerst
council-open-empty = Keine offenen Prüfungen.
council-closed-heading = Abgeschlossene Prüfungen
council-closed-caption = Abgeschlossene Prüfungen, die neueste zuerst
council-closed-empty = Noch keine abgeschlossenen Prüfungen.
council-closed-on = Abgeschlossen am
council-entry = Registereintrag
council-reasons = Anlass der Prüfung
council-opened = Geöffnet am
council-required = Pflichtprüfung
council-required-yes = Ja, Regelbetrieb erst nach Empfehlung
council-required-no = Nein, auf Wunsch der Verwaltung
council-required-explained = Dies ist eine Pflichtprüfung: Solange sie offen ist, kann der Eintrag nicht auf „In Betrieb“ gesetzt werden (außer mit einer öffentlich begründeten Ausnahme durch die Verwaltungsleitung).
council-answer-missing = Antwort fehlt
council-reason-created_with_risk = Neuer Eintrag mit Risikostufe
council-reason-risk_raised = Risikostufe erhöht auf
council-reason-status_changed = Status geändert auf
council-reason-material_field_changed = Wesentliches Feld geändert
council-reason-manual = Auf Wunsch der Verwaltung
council-reason-version = Version { $version }, { $date }
council-review-title = Prüfung: { $title }
council-status-open = Offen
council-status-closed = Abgeschlossen
council-opened-on = Geöffnet am { $date } zu Version { $version }
council-to-entry = Zum Registereintrag
council-to-review = Zur Prüfung des Beirats
council-internal-hint = Diese Seite sehen nur Mitglieder des Datenbeirats und Beschäftigte der Verwaltung. Öffentlich werden erst das Ergebnis, die Stimmenzahlen und die Empfehlung, wenn der Beirat die Prüfung abschließt.
council-published-heading = Veröffentlichtes Ergebnis
council-result-heading = Empfehlung vom { $date }
council-result = Ergebnis
council-rule-applied = Abgestimmt haben { $total } Mitglieder; nötig waren mindestens { $quorum } Stimmen und { $majority }.
council-counts-caption = Stimmen im Datenbeirat
council-count = Anzahl
council-recommendation = Empfehlung des Beirats
council-answer-heading = Antwort der Verwaltung
council-answer-pending = Die Antwort der Verwaltung auf diese Empfehlung steht noch aus.
council-answer-link = Empfehlung beantworten
council-answer-submit = Antwort veröffentlichen
council-response-hint = Begründen Sie öffentlich und in einfacher Sprache, was Sie umsetzen und was nicht, und warum.
council-votes-heading = Stimmen
council-votes-caption = Stimmen der Mitglieder (intern)
council-would-be = Stand jetzt: { $result } ({ $cast } abgegebene Stimmen; nötig sind mindestens { $quorum } und { $majority }).
council-member = Mitglied
council-voted-on = Abgegeben am
council-no-votes = Noch keine Stimmen.
council-vote-cast = Ihre Stimme
council-vote-change = Ihre Stimme ändern (möglich, solange die Prüfung offen ist)
council-vote-submit = Stimme speichern
council-conditions-hint = Nur bei „Zustimmung mit Bedingungen“: Welche Bedingungen müssen erfüllt sein?
council-discussion-heading = Interne Beratung
council-by-member = Beirat
council-by-staff = Verwaltung
council-no-comments = Noch keine Beiträge.
council-comment-submit = Beitrag senden
council-close-heading = Prüfung abschließen
council-close-hint = Mit dem Abschluss ergibt sich das Ergebnis aus den Stimmen und der geltenden Regel. Ergebnis, Stimmenzahlen und Empfehlung werden auf dem Registereintrag veröffentlicht; wer dem Eintrag folgt, wird benachrichtigt. Die interne Beratung bleibt intern.
council-recommendation-hint = Die schriftliche Empfehlung des Beirats, für alle verständlich.
council-close-submit = Abschließen und veröffentlichen
council-request-title = Prüfung durch den Datenbeirat anfragen
council-request-lead = Der Beirat prüft jeden Eintrag mit begrenztem oder höherem Risiko automatisch. Sie können ihn zusätzlich um eine Prüfung bitten, zum Beispiel vor einer geplanten Änderung.
council-request-joins = Zu diesem Eintrag ist schon eine Prüfung offen (Nr. { $review }); Ihr Anliegen wird ihr hinzugefügt.
council-reason-hint = Was soll der Beirat prüfen, und warum? Der Anlass erscheint öffentlich auf dem Eintrag.
council-request-submit = Prüfung anfragen
council-quorum-hint = So viele Mitglieder müssen mindestens abstimmen (Enthaltungen zählen mit), sonst gibt es keine Entscheidung.
council-majority-hint = Gezählt werden nur Stimmen dafür und dagegen. Reichen die Zustimmungen ohne Bedingungen nicht für die Mehrheit, lautet das Ergebnis „Zustimmung mit Bedingungen“. Bei Gleichstand gibt es keine Entscheidung.
council-material-hint = Ändert sich eines dieser Felder, wird der Eintrag dem Beirat automatisch erneut vorgelegt.
council-under-review = Der Datenbeirat prüft diesen Eintrag seit dem { $date }.
council-under-review-blocks = Bis zu seiner Empfehlung kann der Eintrag nicht in den Regelbetrieb gehen.
council-none = Der Datenbeirat hat diesen Eintrag bisher nicht geprüft.
council-override-heading = Ausnahme ohne Empfehlung des Beirats:
council-override-text = Version { $version } wurde am { $date } von der Verwaltungsleitung ({ $admin }) auf „In Betrieb“ gesetzt, obwohl die Prüfung des Datenbeirats noch offen war. Begründung:
council-override-legend = Ausnahme: In Betrieb nehmen ohne Empfehlung des Beirats
council-override-hint = Die Pflichtprüfung Nr. { $review } ist noch offen. Nur wenn Sie hier eine Begründung eintragen, können Sie den Status trotzdem auf „In Betrieb“ setzen. Die Begründung wird auf dem Eintrag veröffentlicht und protokolliert.
council-field-override_justification = Öffentliche Begründung der Ausnahme
council-field-quorum = Mindestzahl abgegebener Stimmen
council-field-majority = Mehrheit
council-field-material_fields = Wesentliche Felder
council-field-vote = Stimme
council-field-conditions = Bedingungen
council-field-recommendation = Empfehlung
council-field-response = Antwort auf die Empfehlung
council-field-response_text = Begründung
council-field-body = Beitrag
council-field-reason = Anlass
council-vote-approve = Zustimmung
council-vote-approve_with_conditions = Zustimmung mit Bedingungen
council-vote-reject = Ablehnung
council-vote-abstain = Enthaltung
council-outcome-approve = Zustimmung
council-outcome-approve_with_conditions = Zustimmung mit Bedingungen
council-outcome-reject = Ablehnung
council-outcome-no_decision_quorum = Keine Entscheidung: zu wenige Stimmen
council-outcome-no_decision_abstentions = Keine Entscheidung: nur Enthaltungen
council-outcome-no_decision_majority = Keine Entscheidung: keine Mehrheit
council-majority-simple = einfache Mehrheit (mehr als die Hälfte)
council-majority-two_thirds = Zweidrittelmehrheit
council-response-followed = Der Empfehlung gefolgt
council-response-partly_followed = Der Empfehlung teilweise gefolgt
council-response-not_followed = Der Empfehlung nicht gefolgt
notice-council-comment = Ihr Beitrag wurde gespeichert.
notice-council-vote = Ihre Stimme wurde gespeichert.
notice-council-closed = Die Prüfung ist abgeschlossen; die Empfehlung ist veröffentlicht.
notice-council-answered = Die Antwort der Verwaltung ist veröffentlicht.
notice-council-requested = Der Datenbeirat wurde um eine Prüfung gebeten.
notification-council_review_requested = Neue Prüfung für den Datenbeirat: „{ $title }“
notification-council_recommendation = Der Datenbeirat hat eine Empfehlung zu „{ $title }“ veröffentlicht
notification-council_answer = Die Verwaltung hat auf die Empfehlung des Datenbeirats zu „{ $title }“ geantwortet
error-council-quorum = Bitte eine ganze Zahl von 1 bis { $max } eingeben (eingegeben: „{ $value }“).
error-council-unknown-field = „{ $value }“ ist kein Feld des Registers, das ausgefüllt wird.
error-council-review-open = Der Datenbeirat prüft diesen Eintrag noch (Prüfung Nr. { $review }). Den Status „In Betrieb“ können Sie erst nach seiner Empfehlung setzen.
error-council-review-closed = Diese Prüfung ist bereits abgeschlossen.
error-council-review-not-closed = Die Prüfung ist noch offen; beantworten lässt sich erst die veröffentlichte Empfehlung.
error-council-already-answered = Diese Empfehlung wurde bereits beantwortet.
error-council-vote-conflict = Ihre Stimme kam gleichzeitig zweimal an. Bitte laden Sie die Seite neu und prüfen Sie Ihre Stimme.

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

## Register: impact goals (Wirkungsziele), indicators, measurements
nav-goals = Wirkungsziele
goals-title = Wirkungsziele
goals-intro = Was will die Stadt erreichen, und wie weit ist sie? Jedes Wirkungsziel hat messbare Kennzahlen mit Ausgangswert, Zielwert und den bisherigen Messwerten.
goals-new = Neues Wirkungsziel
goals-edit = Wirkungsziel bearbeiten
goals-manage = Kennzahlen und Messwerte pflegen
goals-overview = Überblick
goals-count = { $count ->
    [one] 1 Ziel
   *[other] { $count } Ziele
}
goals-state-explained = „Auf Kurs“ heißt: Wenn es so weitergeht wie bisher, wird der Zielwert bis zum Zieldatum erreicht (gerade Trendlinie durch die Messwerte). „Nicht auf Kurs“ heißt: Der Trend reicht nicht oder das Zieldatum ist vorbei.
goals-overall = Stand des Ziels
goals-kept-by-administration = Verwaltungsspitze
goals-responsible = Verantwortlich
goals-indicators-of = Kennzahlen des Ziels „{ $goal }“
goals-indicator = Kennzahl
goals-indicators = Kennzahlen
goals-state = Stand
goals-latest-value = Letzter Messwert
goals-latest = zuletzt { $value } { $unit } am { $date }
goals-target = Zielwert
goals-baseline = Ausgangswert
goals-by-date = bis { $date }
goals-no-value = noch kein Messwert
goals-no-indicators = Für dieses Ziel sind noch keine Kennzahlen festgelegt.
goals-none = Es sind noch keine Wirkungsziele veröffentlicht.
goals-summary-counts = erreicht: { $achieved }, auf Kurs: { $on_track }, nicht auf Kurs: { $off_track }, ohne Daten: { $no_data }
goals-links = Dazugehörige Beteiligungen und Datennutzungen
goals-linked-processes = Beteiligungsverfahren
goals-linked-entries = Einträge im Datenregister
goals-unit = Einheit
goals-projection = Trend
goals-projection-value = Bei gleichbleibendem Trend etwa { $value } { $unit } am { $date }
goals-data-source = Datenquelle
goals-computed-by-platform = Wird von der Plattform berechnet
goals-no-measurements = Es gibt noch keine Messwerte.
goals-export-csv = Alle Messwerte als CSV herunterladen
goals-data-table = Alle Werte als Tabelle (Textfassung des Diagramms)
goals-linked-heading = Wirkungsziele
goals-linked-lead = Zu diesen Zielen der Stadt trägt dies bei:
goals-required = Pflichtfeld
goals-save = Speichern
goals-statement-help = Ein Satz, der beschreibt, was sich für die Menschen ändern soll, zum Beispiel „Weniger Parksuchverkehr in der Innenstadt“.
goals-description-help = Warum dieses Ziel? Was tut die Stadt dafür? (Markdown erlaubt)
goals-no-processes = Es gibt noch keine Beteiligungsverfahren.
goals-no-entries = Es gibt noch keine Einträge im Datenregister.
goals-indicator-new = Neue Kennzahl
goals-indicator-edit = Kennzahl bearbeiten
goals-values-from = Woher kommen die Messwerte?
goals-computation-manual = Werden von Mitarbeitenden eingegeben oder importiert
goals-all-processes = Alle Beteiligungsverfahren
goals-help-name = Wie heißt die Kennzahl, verständlich formuliert?
goals-help-key = Kurzname für CSV-Dateien: nur Kleinbuchstaben, Ziffern und Bindestriche, zum Beispiel „parksuchzeit“.
goals-help-unit = Zum Beispiel „%“, „Minuten“ oder „Personen“.
goals-help-direction = Ist ein höherer oder ein niedrigerer Wert besser?
goals-help-baseline_value = Der Wert zu Beginn. Komma oder Punkt als Dezimalzeichen.
goals-help-baseline_date = Wann wurde der Ausgangswert gemessen?
goals-help-target_value = Welcher Wert soll erreicht werden?
goals-help-target_date = Bis wann soll der Zielwert erreicht sein?
goals-help-data_source = Woher stammen die Zahlen? Text oder Link.
goals-help-computation = Die Plattform kann einige Kennzahlen aus ihren eigenen Daten berechnen und speichert dann jeden Monat einen Wert.
goals-help-computation_process_id = Nur für berechnete Kennzahlen: ein einzelnes Verfahren oder alle.
goal-field-statement = Ziel
goal-field-description = Beschreibung
goal-field-department_id = Verantwortliches Amt
goal-field-process_ids = Verknüpfte Beteiligungsverfahren
goal-field-entry_ids = Verknüpfte Einträge im Datenregister
goal-field-key = Kurzname
goal-field-name = Name der Kennzahl
goal-field-unit = Einheit
goal-field-direction = Richtung
goal-field-baseline_value = Ausgangswert
goal-field-baseline_date = Datum des Ausgangswerts
goal-field-target_value = Zielwert
goal-field-target_date = Zieldatum
goal-field-data_source = Datenquelle
goal-field-computation = Berechnung
goal-field-computation_process_id = Verfahren
goal-field-date = Datum
goal-field-value = Wert
goal-field-note = Anmerkung
goal-direction-higher_is_better = höher ist besser
goal-direction-lower_is_better = niedriger ist besser
goal-computation-contributions = Beiträge (Vorschläge, Kommentare und Unterstützungen)
goal-computation-answers_within_deadline = Anteil der Vorschläge, die fristgerecht beantwortet wurden (%)
goal-computation-verified_participants = Bestätigte Teilnehmende
goals-public-page = Öffentliche Seite ansehen
goals-import-heading = Messwerte aus CSV importieren
goals-import-help = Eine Zeile pro Messwert mit den Spalten indicator, date, value und optional note. Kurznamen dieses Ziels: { $keys }. Mit Semikolon getrennte Dateien (Excel) mit Dezimalkomma gehen auch. Ein Wert für einen Tag, der schon einen hat, ersetzt ihn.
goals-import-file = CSV-Datei
goals-import-button = Importieren
goals-import-failed = { $count ->
    [one] Die Datei enthält 1 Fehler.
   *[other] Die Datei enthält { $count } Fehler.
}
goals-import-nothing-written = Es wurde nichts gespeichert. Bitte korrigieren Sie die Datei und laden Sie sie erneut hoch.
goals-import-result = Import abgeschlossen: { $added } neue Messwerte, { $replaced } ersetzt.
goals-csv-line = Zeile
goals-csv-column = Spalte
goals-csv-problem = Problem
goals-compute-now = Jetzt neu berechnen
goals-add-measurement = Messwert speichern
goals-measurements-count = { $count ->
    [one] 1 Messwert anzeigen
   *[other] { $count } Messwerte anzeigen
}
goals-measurements-of = Messwerte von „{ $name }“
goals-source = Herkunft
goals-source-manual = eingegeben
goals-source-csv = CSV-Import
goals-source-computed = berechnet
goals-action = Aktion
goals-delete = Löschen
notice-goal-saved = Das Wirkungsziel wurde gespeichert.
notice-indicator-saved = Die Kennzahl wurde gespeichert.
goals-indicator-delete-heading = Kennzahl löschen
goals-indicator-delete-hint = Löscht die Kennzahl mit allen ihren Messwerten. Das lässt sich nicht rückgängig machen; das öffentliche Protokoll hält fest, was gelöscht wurde. Laden Sie die Messwerte vorher als CSV herunter, wenn Sie sie behalten möchten.
goals-indicator-delete = „{ $name }“ mit allen Messwerten löschen
notice-indicator-deleted = Die Kennzahl wurde mit ihren Messwerten gelöscht.
notice-indicator-already-deleted = Die Kennzahl war schon gelöscht.
notice-measurement-saved = Der Messwert wurde gespeichert.
notice-measurement-replaced = Der Messwert hat den bisherigen Wert dieses Tages ersetzt.
notice-measurement-deleted = Der Messwert wurde gelöscht.
notice-measurement-already-deleted = Der Messwert war schon gelöscht.
notice-measurement-computed = Der Wert wurde neu berechnet und gespeichert.
notice-measurement-nothing-to-compute = Es gibt noch keine Daten, aus denen sich der Wert berechnen lässt.
notice-measurements-imported = Die Messwerte wurden importiert.
error-indicator-key = „{ $value }“ geht als Kurzname nicht: nur Kleinbuchstaben (ohne Umlaute), Ziffern und Bindestriche.
error-indicator-key-taken = Dieses Ziel hat schon eine Kennzahl mit diesem Kurznamen.
error-target-before-baseline = Das Zieldatum muss nach dem Datum des Ausgangswerts liegen.
error-target-not-better = Der Zielwert muss besser sein als der Ausgangswert (siehe Richtung).
error-indicator-not-computed = Diese Kennzahl wird nicht von der Plattform berechnet.
error-goal-slug-taken = Gleichzeitig wurde ein Ziel mit demselben Wortlaut angelegt. Bitte speichern Sie noch einmal.
error-csv-encoding = Die Datei ist nicht in UTF-8 gespeichert. Bitte speichern Sie sie als „CSV UTF-8“.
error-date-future = „{ $value }“ liegt in der Zukunft. Messwerte gibt es nur für vergangene Tage und heute.
