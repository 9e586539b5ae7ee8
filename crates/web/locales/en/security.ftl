# Web hardening (security.rs, limits.rs)
security-account-locked = There were too many failed sign-ins for this account. Please try again in { $minutes } { $minutes ->
        [one] minute
       *[other] minutes
    }.
security-unknown-host-title = No municipality is set up at this address. Please check the address.

