//! Background work that needs translations: the e-mail digest. The
//! binary runs it periodically; tests call it directly.

use crate::i18n::{format_date, Lang};
use crate::AppState;

/// Queues due digests for every municipality; returns the number queued.
pub async fn send_digests(state: &AppState) -> Result<usize, teilhabe_store::StoreError> {
    let mut queued = 0;
    for tenant in state.store.tenants().all().await? {
        let base_url = state.base_url_for(&tenant);
        for (user, notes) in state.store.mail().due_digests(&tenant).await? {
            let lang = Lang::parse(&user.locale).unwrap_or(Lang::De);
            let i = &state.i18n;
            let subject = i.t(
                lang,
                "mail-digest-subject",
                &[
                    ("municipality", tenant.name.clone()),
                    ("count", notes.len().to_string()),
                ],
            );
            let mut body = i.t(
                lang,
                "mail-digest-intro",
                &[("name", user.display_name.clone())],
            );
            body.push_str("\n\n");
            for n in &notes {
                let line = i.t(
                    lang,
                    &format!("notification-{}", n.kind),
                    &[("title", n.title.clone())],
                );
                body.push_str(&format!(
                    "- {} ({})\n  {}{}\n",
                    line,
                    format_date(n.created_at, lang),
                    base_url,
                    n.link
                ));
            }
            body.push('\n');
            body.push_str(&i.t(
                lang,
                "mail-digest-footer",
                &[("link", format!("{base_url}/profile"))],
            ));
            if state
                .store
                .mail()
                .queue_digest(&tenant, &user, &notes, &subject, &body)
                .await?
            {
                queued += 1;
            }
        }
    }
    Ok(queued)
}

/// The body of an outbox mail as it is sent. A mail with a secret link
/// (`kind` `reset` or `confirm`) holds only [`LINK_MARK`] in the outbox:
/// the token is created here, right before sending, and exists in clear
/// only in the sent mail. The SMTP sender calls this; without SMTP (tests,
/// development) mails stay in the outbox, and tests call it to read the
/// link as the recipient would.
///
/// [`LINK_MARK`]: teilhabe_store::mail::LINK_MARK
pub async fn outgoing(
    state: &AppState,
    mail: &teilhabe_store::mail::OutboxMail,
) -> Result<String, teilhabe_store::StoreError> {
    use teilhabe_store::accounts::MailToken;
    let (purpose, path) = match mail.kind.as_deref() {
        Some("reset") => (MailToken::Reset, "/password/reset?token="),
        Some("confirm") => (MailToken::Confirm, "/signup/confirm?token="),
        _ => return Ok(mail.body.clone()),
    };
    let Some(user_id) = mail.user_id else {
        return Err(teilhabe_store::StoreError::internal(
            "a mail with a link has no user",
            mail.id.to_string(),
        ));
    };
    let token = state
        .store
        .accounts()
        .issue_mail_token(mail.municipality_id, user_id, purpose)
        .await?;
    // Each municipality's mails link to its own address.
    let tenant = state.store.tenants().by_id(mail.municipality_id).await?;
    let link = format!("{}{path}{token}", state.base_url_for(&tenant));
    Ok(mail.body.replace(teilhabe_store::mail::LINK_MARK, &link))
}

/// The development sender (`--smtp-url file:PATH`): claims due mails,
/// appends each as it would be sent (links included) to the file at
/// `path`, and marks it sent. For development and tests without an SMTP
/// server; the file holds live links, so it is not for production.
pub async fn send_to_file(
    state: &AppState,
    path: &std::path::Path,
) -> Result<usize, teilhabe_store::StoreError> {
    use std::io::Write;
    let mails = state.store.mail().claim(50, 300_000).await?;
    let mut n = 0;
    for m in mails {
        // One mail that cannot be made (its account deleted meanwhile)
        // is marked failed; the others still go out.
        let written = match outgoing(state, &m).await {
            Ok(body) => std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .and_then(|mut f| {
                    writeln!(
                        f,
                        "To: {}\nSubject: {}\n\n{}\n\n----",
                        m.recipient, m.subject, body
                    )
                })
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        let error = written.as_ref().err().cloned();
        state.store.mail().mark(m.id, error.as_deref()).await?;
        if written.is_ok() {
            n += 1;
        }
    }
    Ok(n)
}
