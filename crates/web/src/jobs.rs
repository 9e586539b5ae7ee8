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
