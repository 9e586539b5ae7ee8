# Konten, API-Schlüssel und E-Mails mit Link (Issue #12).
error-token-page-route = API-Schlüssel gelten nur für die Schnittstelle unter /api, nicht für Seiten
error-token-expired = Der API-Schlüssel ist abgelaufen. Erzeugen Sie in „Mein Konto“ einen neuen.
error-token-scope = Der API-Schlüssel hat dafür keine Berechtigung
error-token-scope-unknown = Diese Berechtigung gibt es nicht.
error-token-days = Wählen Sie eine der angebotenen Laufzeiten.
field-scopes = Berechtigungen
field-days = Gültig für
token-scopes-help = Lesen ist immer erlaubt. Wählen Sie nur, was das Programm schreiben soll.
token-days-option = { $days } Tage
token-scopes = Berechtigungen
token-expires = Gültig bis
token-last-used = Zuletzt benutzt
token-never-used = noch nie
outbox-link-note = Link wird erst beim Versand erzeugt und nicht gespeichert
outbox-body-blanked = (Inhalt nach dem Versand gelöscht: er enthielt einen persönlichen Link.)
signup-sent-title = Fast geschafft
signup-sent-text = Wir haben Ihnen eine E-Mail geschickt. Bitte öffnen Sie den Link darin, um Ihre Adresse zu bestätigen. Danach können Sie sich anmelden und mitmachen.
signup-sent-login = Zur Anmeldung
confirm-title = E-Mail-Adresse bestätigen
confirm-lead = Mit diesem Knopf bestätigen Sie, dass die E-Mail-Adresse Ihnen gehört.
confirm-button = Adresse bestätigen
confirm-needed = Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse über den Link in unserer E-Mail. Vorher können Sie lesen, aber keine Beiträge schreiben, unterstützen oder abstimmen.
confirm-resend = E-Mail noch einmal schicken
notice-email-confirmed = Ihre E-Mail-Adresse ist bestätigt.
notice-confirmation-sent = Wir haben Ihnen die E-Mail noch einmal geschickt.
error-confirm-token-invalid = Der Link ist ungültig oder abgelaufen. Melden Sie sich an und lassen Sie sich eine neue E-Mail schicken.
denied-confirmation-required = Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse
denied-confirmation-required-help = Öffnen Sie den Link in der E-Mail, die wir Ihnen nach der Registrierung geschickt haben. Sie finden sie nicht? Lassen Sie sich eine neue schicken.
mail-confirm-subject = { $municipality }: Bitte bestätigen Sie Ihre E-Mail-Adresse
mail-confirm-body = Hallo { $name },

    bitte bestätigen Sie Ihre E-Mail-Adresse über diesen Link (gültig 7 Tage):

    { $link }

    Wenn Sie sich nicht registriert haben, können Sie diese E-Mail ignorieren.
mail-taken-subject = { $municipality }: Registrierung mit Ihrer E-Mail-Adresse
mail-taken-body = Hallo { $name },

    jemand wollte mit Ihrer E-Mail-Adresse ein neues Konto anlegen. Sie haben schon ein Konto; es wurde nichts geändert.

    Haben Sie Ihr Passwort vergessen? Hier legen Sie ein neues fest:

    { $link }

    Wenn Sie das nicht waren, können Sie diese E-Mail ignorieren.
