#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error
//! GDPR self-service in the store: the data export holds a person's
//! items and nobody else's; deleting an account leaves no personal data
//! in any table (every table and column is walked), keeps every count and
//! the audit chain; the retention purge deletes what is past its period.

use serde::Deserialize;
use teilhabe_store::accounts::{Contributions, DELETED_NAME, REMOVED_REASON};
use teilhabe_store::{params, Store, StoreError, Tenant};
use teilhabe_testkit::{assert_chain_unbroken, backend, count, TestDb, OPINION_COUNTER_DRIFT};

const PASSWORD: &str = teilhabe_store::demo::DEMO_PASSWORD;

#[derive(Deserialize)]
struct Person {
    id: i64,
    email: String,
    display_name: String,
}

/// The demo's citizen (no other role) with the most contributions of
/// every kind: proposals, comments, supports, opinion votes and ballots.
async fn active_citizen(store: &Store) -> Person {
    store
        .db
        .one_as(
            "SELECT u.id, u.email, u.display_name FROM users u \
             WHERE NOT EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role <> 'citizen') \
             AND EXISTS (SELECT 1 FROM proposals p WHERE p.author_id = u.id) \
             AND EXISTS (SELECT 1 FROM comments c WHERE c.author_id = u.id) \
             AND EXISTS (SELECT 1 FROM supports s WHERE s.user_id = u.id) \
             ORDER BY (SELECT COUNT(*) FROM opinion_participants o WHERE o.user_id = u.id) DESC, u.id \
             LIMIT 1",
            &[],
        )
        .await
        .unwrap()
}

/// Proposals whose counters differ from the rows they count.
const COUNTER_DRIFT: &str = "SELECT COUNT(*) AS n FROM proposals p WHERE p.support_count <> (SELECT COUNT(*) FROM supports s WHERE s.proposal_id = p.id) OR p.comment_count <> (SELECT COUNT(*) FROM comments c WHERE c.proposal_id = p.id)";

/// What must not change when an account is deleted.
async fn totals(store: &Store) -> Vec<i64> {
    let mut out = Vec::new();
    for sql in [
        "SELECT COUNT(*) AS n FROM supports",
        "SELECT CAST(COALESCE(SUM(support_count), 0) AS BIGINT) AS n FROM proposals",
        "SELECT CAST(COALESCE(SUM(comment_count), 0) AS BIGINT) AS n FROM proposals",
        "SELECT COUNT(*) AS n FROM comments",
        "SELECT COUNT(*) AS n FROM proposals",
        "SELECT COUNT(*) AS n FROM opinion_votes",
        "SELECT CAST(COALESCE(SUM(vote_count), 0) AS BIGINT) AS n FROM opinion_maps",
        "SELECT COUNT(*) AS n FROM opinion_participants",
        "SELECT COUNT(*) AS n FROM budget_ballots",
        COUNTER_DRIFT,
        OPINION_COUNTER_DRIFT,
    ] {
        out.push(count(store, sql).await);
    }
    out
}

#[derive(Deserialize)]
struct Name {
    name: String,
}

/// Every table and column of the database (both backends).
async fn columns(store: &Store) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if backend() == "postgres" {
        #[derive(Deserialize)]
        struct Col {
            table_name: String,
            column_name: String,
        }
        let cols: Vec<Col> = store
            .db
            .all_as(
                "SELECT c.table_name::text AS table_name, c.column_name::text AS column_name FROM information_schema.columns c JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> '_sqlx_migrations' ORDER BY c.table_name, c.ordinal_position",
                &[],
            )
            .await
            .unwrap();
        out.extend(cols.into_iter().map(|c| (c.table_name, c.column_name)));
    } else {
        let tables: Vec<Name> = store
            .db
            .all_as(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
                &[],
            )
            .await
            .unwrap();
        for t in tables {
            let cols: Vec<Name> = store
                .db
                .all_as(
                    "SELECT name FROM pragma_table_info($1) ORDER BY cid",
                    params![t.name.as_str()],
                )
                .await
                .unwrap();
            out.extend(cols.into_iter().map(|c| (t.name.clone(), c.name)));
        }
    }
    assert!(out.len() > 150, "only {} columns found", out.len());
    out
}

/// The columns that refer to an account (foreign keys to `users`).
async fn user_refs(store: &Store) -> Vec<(String, String)> {
    #[derive(Deserialize)]
    struct Fk {
        table_name: String,
        column_name: String,
    }
    let sql = if backend() == "postgres" {
        "SELECT kcu.table_name::text AS table_name, kcu.column_name::text AS column_name FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema() AND ccu.table_name = 'users' ORDER BY 1, 2"
    } else {
        "SELECT m.name AS table_name, f.\"from\" AS column_name FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f.\"table\" = 'users' ORDER BY 1, 2"
    };
    let refs: Vec<Fk> = store.db.all_as(sql, &[]).await.unwrap();
    assert!(refs.len() > 20, "only {} references to users", refs.len());
    refs.into_iter()
        .map(|f| (f.table_name, f.column_name))
        .collect()
}

/// The rows of any table and column whose text contains `needle`
/// (case-insensitive), as "table.column".
async fn containing(store: &Store, cols: &[(String, String)], needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    let pattern = format!("%{}%", needle.to_lowercase());
    for (table, column) in cols {
        let n = store
            .db
            .one(
                &format!("SELECT COUNT(*) AS n FROM {table} WHERE LOWER(CAST(\"{column}\" AS TEXT)) LIKE $1"),
                params![pattern.as_str()],
            )
            .await
            .unwrap()
            .i64("n")
            .unwrap();
        if n > 0 {
            found.push(format!("{table}.{column}"));
        }
    }
    found
}

/// Gives the person something of everything that must go with the
/// account: a session, an API token, a reset token, a follow, a read and
/// an unread notification, a mail addressed to them.
async fn personal_extras(store: &Store, tenant: &Tenant, p: &Person) {
    let a = store.accounts();
    a.create_session(tenant, p.id).await.unwrap();
    a.create_api_token(tenant, p.id, "Mein Skript")
        .await
        .unwrap();
    a.start_password_reset(tenant, &p.email)
        .await
        .unwrap()
        .unwrap();
    // The reset mail's token is made when the mail is sent.
    a.issue_mail_token(tenant.id, p.id, teilhabe_store::accounts::MailToken::Reset)
        .await
        .unwrap();
    let now = store.now();
    // Two-factor sign-in: the secret, a recovery code, a pending log-in.
    for sql in [
        "INSERT INTO twofactor (user_id, municipality_id, secret, enabled_at, created_at) VALUES ($2, $1, 'JBSWY3DPEHPK3PXP', $3, $3)",
        "INSERT INTO twofactor_recovery (municipality_id, user_id, code_hash) VALUES ($1, $2, 'hash')",
        "INSERT INTO twofactor_pending (token_hash, municipality_id, user_id, expires_at) VALUES ('pending', $1, $2, $3)",
    ] {
        store
            .db
            .exec(sql, params![tenant.id, p.id, now])
            .await
            .unwrap();
    }
    store
        .db
        .exec(
            "INSERT INTO follows (municipality_id, user_id, target_kind, target_id, created_at) SELECT $1, $2, 'process', id, $3 FROM processes WHERE municipality_id = $1 AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.user_id = $2 AND f.target_kind = 'process' AND f.target_id = processes.id)",
            params![tenant.id, p.id, now],
        )
        .await
        .unwrap();
    store
        .db
        .exec(
            "INSERT INTO notifications (municipality_id, user_id, kind, title, link, created_at, read_at) VALUES ($1, $2, 'answer', 'Antwort', '/', $3, $3), ($1, $2, 'answer', 'Antwort 2', '/', $3, NULL)",
            params![tenant.id, p.id, now],
        )
        .await
        .unwrap();
    store
        .mail()
        .queue(
            tenant,
            &p.email,
            "Hallo",
            &format!("Hallo {}", p.display_name),
        )
        .await
        .unwrap();
    // A ballot in the demo's open youth budget and a vote on its opinion
    // map, cast through the services as a verified resident.
    let user = a.user(tenant, p.id).await.unwrap();
    let mut actor = store.actor_of(&user).await.unwrap();
    actor.verified = true;
    // A data request to the open data catalog.
    ask_for_data(store, tenant, &actor).await;
    let budget = count(store, "SELECT b.id AS n FROM budgets b JOIN processes pr ON pr.id = b.process_id WHERE pr.slug = 'jugendbudget-2027'").await;
    let project = count(store, &format!("SELECT id AS n FROM budget_projects WHERE budget_id = {budget} AND feasible = 1 ORDER BY cost, id LIMIT 1")).await;
    let choice = teilhabe_domain::budget::BallotChoice { project, points: 1 };
    store
        .budgets()
        .cast_ballot(tenant, &actor, budget, &[choice], "1990-01-01")
        .await
        .unwrap();
    #[derive(Deserialize)]
    struct MapRow {
        slug: String,
        statement: i64,
    }
    let map: MapRow = store
        .db
        .one_as("SELECT pr.slug, MIN(s.id) AS statement FROM opinion_maps m JOIN processes pr ON pr.id = m.process_id JOIN opinion_statements s ON s.process_id = m.process_id AND s.state = 'accepted' GROUP BY pr.slug ORDER BY pr.slug LIMIT 1", &[])
        .await
        .unwrap();
    store
        .opinion()
        .vote(
            tenant,
            &actor,
            &map.slug,
            &teilhabe_store::opinion::VoterId::User(p.id),
            map.statement,
            teilhabe_domain::opinion::OpinionVote::Agree,
        )
        .await
        .unwrap();
}

async fn ask_for_data(store: &Store, tenant: &Tenant, actor: &teilhabe_domain::Actor) {
    store
        .catalog()
        .ask_for_data(
            tenant,
            actor,
            "Baumkataster",
            "Alle Straßenbäume mit Art und Standort.",
            "Für eine Karte.",
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn export_holds_the_persons_data_and_nothing_of_others() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let tenant = teilhabe_store::demo::load(&store).await.unwrap();
    let p = active_citizen(&store).await;
    personal_extras(&store, &tenant, &p).await;
    let e = store.accounts().export(&tenant, p.id).await.unwrap();
    assert_eq!(e.account.email, p.email);
    assert_eq!(e.account.display_name, p.display_name);
    let mine = |sql: &str| {
        let sql = sql.replace("$ID", &p.id.to_string());
        let store = store.clone();
        async move { count(&store, &sql).await as usize }
    };
    assert_eq!(
        e.proposals.len(),
        mine("SELECT COUNT(*) AS n FROM proposals WHERE author_id = $ID").await
    );
    assert_eq!(
        e.comments.len(),
        mine("SELECT COUNT(*) AS n FROM comments WHERE author_id = $ID").await
    );
    assert_eq!(
        e.supports.len(),
        mine("SELECT COUNT(*) AS n FROM supports WHERE user_id = $ID").await
    );
    assert_eq!(
        e.opinion_votes.len(),
        mine("SELECT COUNT(*) AS n FROM opinion_votes v JOIN opinion_participants p ON p.id = v.participant_id WHERE p.user_id = $ID").await
    );
    assert_eq!(
        e.ballots.len(),
        mine(&format!(
            "SELECT COUNT(*) AS n FROM budget_ballots WHERE voter_key = '{}'",
            store.budgets().voter_key(p.id)
        ))
        .await
    );
    assert_eq!(
        e.data_requests.len(),
        mine("SELECT COUNT(*) AS n FROM data_requests WHERE author_id = $ID").await
    );
    assert_eq!(e.data_requests[0].title, "Baumkataster");
    assert!(!e.proposals.is_empty() && !e.comments.is_empty() && !e.supports.is_empty());
    assert!(!e.opinion_votes.is_empty() && !e.ballots.is_empty());
    for b in &e.ballots {
        assert!(!b.choices.is_empty());
        assert!(
            b.choices.iter().all(|c| !c.title.is_empty()),
            "choices carry the project's title"
        );
    }
    assert_eq!(e.api_tokens.len(), 1);
    assert_eq!(e.api_tokens[0].name, "Mein Skript");
    assert_eq!(e.sessions, 1);
    assert_eq!(
        e.notifications.len(),
        mine("SELECT COUNT(*) AS n FROM notifications WHERE user_id = $ID").await
    );
    assert!(e.notifications.iter().any(|n| n.title == "Antwort 2"));
    assert!(!e.follows.is_empty());
    // Nothing of anybody else: every proposal and comment is theirs.
    let json = serde_json::to_string(&e).unwrap();
    assert!(!json.contains("token_hash") && !json.contains("password"));
    for pr in &e.proposals {
        let author = count(
            &store,
            &format!("SELECT author_id AS n FROM proposals WHERE id = {}", pr.id),
        )
        .await;
        assert_eq!(author, p.id);
    }
    for c in &e.comments {
        let author = count(
            &store,
            &format!("SELECT author_id AS n FROM comments WHERE id = {}", c.id),
        )
        .await;
        assert_eq!(author, p.id);
    }
}

#[tokio::test]
async fn deletion_leaves_no_personal_data_and_keeps_counts_and_the_chain() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let tenant = teilhabe_store::demo::load(&store).await.unwrap();
    let p = active_citizen(&store).await;
    personal_extras(&store, &tenant, &p).await;
    let cols = columns(&store).await;
    // The walk finds the person before the deletion (so it can fail).
    let before = containing(&store, &cols, &p.email).await;
    assert!(
        before.contains(&"users.email".to_string())
            && before.contains(&"outbox.recipient".to_string()),
        "{before:?}"
    );
    assert!(containing(&store, &cols, &p.display_name)
        .await
        .contains(&"users.display_name".to_string()));
    let refs = user_refs(&store).await;
    let counts = totals(&store).await;
    let proposals = count(
        &store,
        &format!(
            "SELECT COUNT(*) AS n FROM proposals WHERE author_id = {}",
            p.id
        ),
    )
    .await;

    // A wrong password deletes nothing.
    let wrong = store
        .accounts()
        .delete(&tenant, p.id, "falsch-falsch", Contributions::Keep)
        .await;
    assert!(matches!(wrong, Err(StoreError::Invalid(_))), "{wrong:?}");
    assert_eq!(containing(&store, &cols, &p.email).await, before);

    store
        .accounts()
        .delete(&tenant, p.id, PASSWORD, Contributions::Keep)
        .await
        .unwrap();

    // E-mail and name appear nowhere, in any table or column.
    assert_eq!(
        containing(&store, &cols, &p.email).await,
        Vec::<String>::new()
    );
    assert_eq!(
        containing(&store, &cols, &p.display_name).await,
        Vec::<String>::new()
    );
    // The account id is left only where it is counted (supports, votes,
    // authorship), pointing to an account without personal data.
    let mut left = Vec::new();
    for (table, column) in &refs {
        let n = count(
            &store,
            &format!(
                "SELECT COUNT(*) AS n FROM {table} WHERE {column} = {}",
                p.id
            ),
        )
        .await;
        if n > 0 {
            left.push(format!("{table}.{column}"));
        }
    }
    for personal in [
        "sessions.user_id",
        "api_tokens.user_id",
        "password_resets.user_id",
        "notifications.user_id",
        "follows.user_id",
        "role_grants.user_id",
        "verification_codes.used_by",
        "twofactor.user_id",
        "twofactor_recovery.user_id",
        "twofactor_pending.user_id",
    ] {
        assert!(
            !left.contains(&personal.to_string()),
            "{personal} still names the account: {left:?}"
        );
    }
    assert!(left.contains(&"supports.user_id".to_string()), "{left:?}");
    let row = store
        .db
        .one(
            &format!(
                "SELECT email, display_name, password_hash, deleted_at FROM users WHERE id = {}",
                p.id
            ),
            &[],
        )
        .await
        .unwrap();
    assert_eq!(row.str("display_name").unwrap(), DELETED_NAME);
    assert_eq!(row.str("password_hash").unwrap(), "");
    assert!(row.str("email").unwrap().ends_with("@invalid"));
    assert!(row.opt_i64("deleted_at").unwrap().is_some());
    // Log-in is impossible; contributions stay, by "gelöschtes Konto".
    assert!(store
        .accounts()
        .authenticate(&tenant, &p.email, PASSWORD)
        .await
        .is_err());
    assert_eq!(
        count(
            &store,
            &format!(
                "SELECT COUNT(*) AS n FROM proposals WHERE author_id = {} AND hidden_at IS NULL",
                p.id
            )
        )
        .await,
        proposals
    );
    // Counts and the audit chain hold; the deletion is audited without
    // personal data.
    assert_eq!(totals(&store).await, counts);
    assert_chain_unbroken(&store, &tenant).await;
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'user.deleted'"
        )
        .await,
        1
    );
    // Deleting again finds no account.
    let again = store
        .accounts()
        .delete(&tenant, p.id, PASSWORD, Contributions::Keep)
        .await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
}

#[tokio::test]
async fn removed_contributions_are_hidden_and_emptied_with_counts_kept() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let tenant = teilhabe_store::demo::load(&store).await.unwrap();
    let p = active_citizen(&store).await;
    let user = store.accounts().user(&tenant, p.id).await.unwrap();
    ask_for_data(&store, &tenant, &store.actor_of(&user).await.unwrap()).await;
    let counts = totals(&store).await;
    let mine = format!(
        "SELECT COUNT(*) AS n FROM comments WHERE author_id = {}",
        p.id
    );
    let comments = count(&store, &mine).await;
    store
        .accounts()
        .delete(&tenant, p.id, PASSWORD, Contributions::Remove)
        .await
        .unwrap();
    assert_eq!(totals(&store).await, counts);
    for table in ["proposals", "comments", "data_requests"] {
        let visible = count(&store, &format!("SELECT COUNT(*) AS n FROM {table} WHERE author_id = {} AND (hidden_at IS NULL OR body <> '')", p.id)).await;
        assert_eq!(visible, 0, "{table}");
    }
    let reasons = count(&store, &format!("SELECT COUNT(*) AS n FROM comments WHERE author_id = {} AND hidden_reason = '{REMOVED_REASON}'", p.id)).await;
    assert!(reasons > 0 && reasons <= comments);
    assert_chain_unbroken(&store, &tenant).await;
}

#[tokio::test]
async fn the_last_admin_cannot_delete_their_account() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = teilhabe_testkit::Fixture::new(&store).await;
    let admin = fx.admin.user_id.unwrap();
    assert!(store
        .accounts()
        .is_last_admin(&fx.tenant, admin)
        .await
        .unwrap());
    let r = store
        .accounts()
        .delete(
            &fx.tenant,
            admin,
            teilhabe_testkit::PASSWORD,
            Contributions::Keep,
        )
        .await;
    assert!(
        matches!(r, Err(StoreError::Conflict("error-delete-last-admin"))),
        "{r:?}"
    );
    // With a second admin, the first may go.
    let second = fx
        .actor(
            "zweite-admin@example.org",
            &[(teilhabe_domain::Role::Admin, None)],
        )
        .await;
    assert!(!store
        .accounts()
        .is_last_admin(&fx.tenant, admin)
        .await
        .unwrap());
    store
        .accounts()
        .delete(
            &fx.tenant,
            admin,
            teilhabe_testkit::PASSWORD,
            Contributions::Keep,
        )
        .await
        .unwrap();
    assert!(store
        .accounts()
        .is_last_admin(&fx.tenant, second.user_id.unwrap())
        .await
        .unwrap());
    // A staff member sees who takes over in their department.
    let staff = fx.staff.user_id.unwrap();
    let h = store.accounts().handover(&fx.tenant, staff).await.unwrap();
    assert_eq!(h.len(), 1, "{h:?}");
}

#[tokio::test]
async fn retention_purges_what_is_past_its_period() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = teilhabe_testkit::Fixture::new(&store).await;
    let t = &fx.tenant;
    let user = fx.citizen.user_id.unwrap();
    let r = store.accounts().retention(t).await.unwrap();
    assert_eq!(
        (r.retention_mail_days, r.retention_notification_days),
        (30, 90)
    );
    let a = store.accounts();
    let now = store.now();
    let day = 86_400_000;
    // Two sessions, one expired; two reset tokens, one used.
    a.create_session(t, user).await.unwrap();
    store.db.exec("INSERT INTO sessions (id, municipality_id, user_id, created_at, expires_at) VALUES ('old', $1, $2, $3, $4)", params![t.id, user, now - 20 * day, now - day]).await.unwrap();
    let email = a.user(t, user).await.unwrap().email;
    a.start_password_reset(t, &email).await.unwrap();
    // The reset mail's token is made when it is sent: an unused one.
    a.issue_mail_token(t.id, user, teilhabe_store::accounts::MailToken::Reset)
        .await
        .unwrap();
    store.db.exec("INSERT INTO password_resets (token_hash, municipality_id, user_id, expires_at, used_at) VALUES ('used', $1, $2, $3, $4)", params![t.id, user, now + day, now - 1]).await.unwrap();
    // Mails: sent 31 days ago, sent yesterday, never sent (old).
    for (sent, created) in [
        (Some(now - 31 * day), now - 32 * day),
        (Some(now - day), now - day),
        (None, now - 100 * day),
    ] {
        store.db.exec("INSERT INTO outbox (municipality_id, recipient, subject, body, created_at, sent_at) VALUES ($1, 'a@example.org', 's', 'b', $2, $3)", params![t.id, created, sent]).await.unwrap();
    }
    // Notifications: read 91 days ago, read yesterday, unread and old.
    for read in [Some(now - 91 * day), Some(now - day), None] {
        store.db.exec("INSERT INTO notifications (municipality_id, user_id, kind, title, link, created_at, read_at) VALUES ($1, $2, 'answer', 't', '/', $3, $4)", params![t.id, user, now - 200 * day, read]).await.unwrap();
    }
    let purged = a.purge(t).await.unwrap();
    assert_eq!(
        purged,
        teilhabe_store::accounts::Purged {
            sessions: 1,
            password_resets: 1,
            mails: 1,
            notifications: 1
        }
    );
    assert_eq!(count(&store, "SELECT COUNT(*) AS n FROM sessions").await, 1);
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) AS n FROM password_resets WHERE used_at IS NULL"
        )
        .await,
        1
    );
    assert_eq!(count(&store, "SELECT COUNT(*) AS n FROM outbox").await, 2);
    assert_eq!(
        count(&store, "SELECT COUNT(*) AS n FROM notifications").await,
        2
    );
    // Nothing more to purge; after the reset link expires, it goes too.
    assert_eq!(a.purge(t).await.unwrap(), Default::default());
    store.clock.advance_days(1);
    assert_eq!(a.purge(t).await.unwrap().password_resets, 1);
    // The job runs the purge for every municipality.
    (teilhabe_store::accounts::RETENTION_JOB.run)(&store)
        .await
        .unwrap();
}
