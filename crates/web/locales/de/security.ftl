# Web hardening (security.rs, limits.rs)
security-account-locked = Für dieses Konto gab es zu viele falsche Anmeldungen. Bitte versuchen Sie es in { $minutes } { $minutes ->
        [one] Minute
       *[other] Minuten
    } noch einmal.
security-unknown-host-title = Unter dieser Adresse ist keine Gemeinde eingerichtet. Bitte prüfen Sie die Adresse.

