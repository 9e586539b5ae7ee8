# Signed checkpoints of the audit log and ballot secrecy (issue #12)
audit-no-actor = (nobody named)
audit-checkpoints-intro = So that nobody with access to the database can rewrite the log unnoticed, the platform regularly signs its current state.
audit-checkpoints-link = To the signed checkpoints
checkpoints-title = Signed checkpoints of the audit log
checkpoints-lead = A checkpoint records the fingerprint (hash) an entry of the log had, signed with the platform's key (Ed25519). The key is not kept in the database. Whoever keeps checkpoints can check later that nothing up to that entry was changed.
checkpoints-key = Public key of this platform:
checkpoints-verify-hint = Save the checkpoints as JSON from /api/audit/checkpoints and check later with "teilhabe audit verify --checkpoints FILE".
checkpoints-caption = Checkpoints, newest first
checkpoints-entry = Up to entry
checkpoints-signature = Signature
checkpoints-empty = No checkpoints yet.
checkpoints-back = Back to the audit log
