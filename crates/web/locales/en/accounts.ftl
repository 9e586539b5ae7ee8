# Accounts, API keys and mails with a link (issue #12).
error-token-page-route = API keys work only for the interface under /api, not for pages
error-token-expired = The API key has expired. Create a new one in "My account".
error-token-scope = The API key is not allowed to do this
error-token-scope-unknown = This permission does not exist.
error-token-days = Choose one of the offered durations.
field-scopes = Permissions
field-days = Valid for
token-scopes-help = Reading is always allowed. Choose only what the program should write.
token-days-option = { $days } days
token-scopes = Permissions
token-expires = Valid until
token-last-used = Last used
token-never-used = never
outbox-link-note = link is created only when sending and is not stored
outbox-body-blanked = (Content deleted after sending: it contained a personal link.)
signup-sent-title = Almost done
signup-sent-text = We have sent you an e-mail. Please open the link in it to confirm your address. Then you can sign in and take part.
signup-sent-login = Go to sign-in
confirm-title = Confirm your e-mail address
confirm-lead = With this button you confirm that the e-mail address is yours.
confirm-button = Confirm address
confirm-needed = Please confirm your e-mail address first with the link in our e-mail. Until then you can read, but not write, support or vote.
confirm-resend = Send the e-mail again
notice-email-confirmed = Your e-mail address is confirmed.
notice-confirmation-sent = We have sent you the e-mail again.
error-confirm-token-invalid = The link is invalid or has expired. Sign in and ask for a new e-mail.
denied-confirmation-required = Please confirm your e-mail address first
denied-confirmation-required-help = Open the link in the e-mail we sent you after you registered. Cannot find it? Ask for a new one.
mail-confirm-subject = { $municipality }: Please confirm your e-mail address
mail-confirm-body = Hello { $name },

    please confirm your e-mail address with this link (valid for 7 days):

    { $link }

    If you did not register, ignore this e-mail.
mail-taken-subject = { $municipality }: Registration with your e-mail address
mail-taken-body = Hello { $name },

    someone tried to create a new account with your e-mail address. You already have an account; nothing was changed.

    Forgot your password? Set a new one here:

    { $link }

    If this was not you, ignore this e-mail.
