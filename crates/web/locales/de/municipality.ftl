# Eine Kommune einrichten und verwalten (Issue 11)

error-host-taken = Der Hostname { $host } gehört schon zu einer anderen Kommune.
error-host-format = „{ $host }“ ist kein Hostname. Bitte nur den Namen angeben, z. B. beteiligung.beispielheim.de (ohne https:// und ohne Pfad).
error-host-unknown = Der Hostname { $host } gehört nicht zu dieser Kommune.
error-host-last = Der letzte Hostname kann nicht entfernt werden. Fügen Sie zuerst einen anderen hinzu.
error-municipality-slug-taken = Das Kürzel „{ $slug }“ hat schon eine andere Kommune.
error-municipality-slug = Das Kürzel braucht 2 bis 60 Zeichen: Kleinbuchstaben, Ziffern und Bindestriche.
error-municipality-taken = Kürzel oder Hostname sind inzwischen vergeben. Bitte noch einmal versuchen.
error-base-url = Bitte eine Adresse wie https://beteiligung.beispielheim.de angeben (ohne ? und #).
error-colour-format = Bitte eine Farbe im Format #rrggbb angeben, z. B. #00528a.
error-colour-contrast = Der Kontrast ist zu gering: { $ratio } gegen Weiß oder den hellen Hintergrund. Nötig sind mindestens { $min } (WCAG AA). Bitte eine dunklere Farbe wählen.
error-ars = Der Regionalschlüssel hat 12 Ziffern und beginnt mit der Nummer des Landes (01 bis 16), z. B. 091620000000.
error-contributor-id = Die Kennung beginnt mit { $prefix } und hat danach einen Namen ohne Leerzeichen.
error-merge-same = Ein Amt kann nicht mit sich selbst zusammengelegt werden.
error-register-import-unknown-department = Datensatz { $record }: Das Amt „{ $value }“ gibt es nicht.

no-municipality-page-title = Noch keine Kommune eingerichtet
no-municipality-page-lead = Diese Installation von teilhabe läuft, aber unter dieser Adresse ist noch keine Kommune eingerichtet.
no-municipality-page-how = So richten Sie eine Kommune ein (auf dem Server, mit derselben Datenbank):
no-municipality-page-more = Danach ist diese Seite die Startseite der Kommune. Zum Ausprobieren gibt es die Demo-Kommune: teilhabe serve --demo.

field-base_url = Öffentliche Adresse (Basis-URL)
field-brand_primary = Hauptfarbe
field-brand_secondary = Zweitfarbe
field-contact_address = Postanschrift
field-contact_phone = Telefon
field-ars = Amtlicher Regionalschlüssel (ARS)
field-contributor_id = Kennung für offene Daten (DCAT-AP.de contributorID)
field-host = Hostname
field-remove_host = Hostname
field-logo = Logo
field-merge_into = Zusammenlegen mit
field-municipality-name = Name der Kommune

settings-profile-heading = Kommune
settings-base-url-hint = Links in E-Mails (Passwort, Zusammenfassungen) führen zu dieser Adresse. Leer: die Adresse des Servers.
settings-colours-heading = Farben
settings-colours-hint = Format #rrggbb. Die Farbe steht hinter weißer Schrift und als Schrift auf hellem Grund; sie braucht darum einen Kontrast von mindestens 4,5:1 (WCAG AA). Leer: die Standardfarben.
settings-ars-hint = 12 Ziffern, z. B. 091620000000 (nach Destatis).
settings-contributor-hint = Zum Beispiel http://dcat-ap.de/def/contributors/stadtBeispielheim
settings-contact-heading = Kontakt
settings-legal-heading = Rechtliche Texte
settings-hosts-heading = Hostnamen
settings-hosts-hint = Unter diesen Namen ist die Kommune erreichbar.
host-add = Hostname hinzufügen
host-remove = Entfernen
settings-logo-heading = Logo
settings-logo-hint = PNG, JPEG oder WebP, höchstens 2 MB. Es steht neben dem Namen der Kommune.
settings-logo-current = Aktuelles Logo
logo-upload = Logo hochladen
logo-remove = Logo entfernen
department-rename = Umbenennen
department-merge = Zusammenlegen
department-merge-hint = Alles, was zum Amt gehört (Verfahren, Registereinträge, Ziele, Rollen), geht an das gewählte Amt; danach wird das Amt gelöscht.
department-new-name = Neuer Name für { $name }
department-merge-label = { $name } zusammenlegen mit
