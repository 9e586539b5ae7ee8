//! Accounts hardening (issue #12): verification codes are salted slow
//! hashes found by a keyed index, mails with links hold no token, tokens
//! expire and record their use, sign-up does not reveal taken addresses (the
//! outbox claim's move to the write connection has no test that could
//! fail: SQLite's busy timeout hides the race).
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_store::accounts::{MailToken, Registration, Signup, TokenAuth};
use teilhabe_store::StoreError;
use teilhabe_testkit::{count, Fixture, TestDb};

#[tokio::test]
async fn verification_codes_are_stored_as_salted_slow_hashes() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = Fixture::new(&store).await;
    let admin = fx.admin.user_id.unwrap();
    let a = &fx.tenant;
    let codes = store
        .accounts()
        .generate_verification_codes(a, admin, "Brief 1", 3)
        .await
        .unwrap();
    let rows = store
        .db
        .all(
            "SELECT code_hash, code_index FROM verification_codes ORDER BY id",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), 3);
    for (row, code) in rows.iter().zip(&codes) {
        let hash = row.str("code_hash").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(!hash.contains(code.as_str()));
        assert_ne!(
            hash,
            teilhabe_store::token_hash(code),
            "not a plain SHA-256"
        );
        assert_eq!(row.str("code_index").unwrap().len(), 4, "a short index");
    }
    // The same code imported twice gets two different hashes (salted),
    // so a duplicate is found by verifying, and refused.
    store
        .accounts()
        .import_verification_codes(a, admin, "Import", "code\nABCD2345EFGH\n")
        .await
        .unwrap();
    let dup = store
        .accounts()
        .import_verification_codes(a, admin, "Import 2", "abcd-2345-efgh\n")
        .await
        .unwrap_err();
    assert!(
        matches!(dup, StoreError::Conflict("error-code-duplicate")),
        "{dup:?}"
    );
    let twice = store
        .accounts()
        .import_verification_codes(a, admin, "Import 3", "QRST6789WXYZ\nqrst6789wxyz\n")
        .await
        .unwrap_err();
    assert!(matches!(
        twice,
        StoreError::Conflict("error-code-duplicate")
    ));
    assert_eq!(
        count(&store, "SELECT COUNT(*) AS n FROM verification_codes").await,
        4
    );
    // Redeeming finds the code by its index and checks the hash.
    let citizen = fx.citizen.user_id.unwrap();
    let wrong = store
        .accounts()
        .redeem_code(a, citizen, "ZZZZ9999ZZZZ")
        .await
        .unwrap_err();
    assert!(matches!(wrong, StoreError::Invalid(_)));
    store
        .accounts()
        .redeem_code(a, citizen, &codes[1].to_lowercase())
        .await
        .unwrap();
    assert!(store.accounts().user(a, citizen).await.unwrap().verified);
    let other = fx.actor("b@t.example", &[]).await.user_id.unwrap();
    assert!(
        store
            .accounts()
            .redeem_code(a, other, &codes[1])
            .await
            .is_err(),
        "a code works once"
    );
    // A code stored before hashing was salted (SHA-256, no index) still works.
    store
        .db
        .exec(
            "INSERT INTO verification_codes (municipality_id, code_hash, batch, created_at) VALUES ($1, $2, 'alt', 0)",
            &[
                teilhabe_store::P::from(a.id),
                teilhabe_store::P::from(teilhabe_store::token_hash("ALTCODE12345").as_str()),
            ],
        )
        .await
        .unwrap();
    store
        .accounts()
        .redeem_code(a, other, "altcode12345")
        .await
        .unwrap();
}

#[tokio::test]
async fn mails_with_links_hold_no_token_until_sent_and_are_blanked_after() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = Fixture::new(&store).await;
    let user = fx.citizen.user_id.unwrap();
    store
        .mail()
        .queue_link(
            &fx.tenant,
            MailToken::Reset,
            user,
            "c@t.example",
            "Neues Passwort",
            "Link: [[link]]",
        )
        .await
        .unwrap();
    assert_eq!(
        count(&store, "SELECT COUNT(*) AS n FROM password_resets").await,
        0
    );
    let m = store.mail().claim(10, 60_000).await.unwrap().remove(0);
    assert_eq!(m.kind.as_deref(), Some("reset"));
    assert_eq!(m.user_id, Some(user));
    let token = store
        .accounts()
        .issue_mail_token(m.municipality_id, user, MailToken::Reset)
        .await
        .unwrap();
    // Only the hash is kept.
    assert_eq!(
        count(
            &store,
            &format!(
                "SELECT COUNT(*) AS n FROM password_resets WHERE token_hash = '{}'",
                teilhabe_store::token_hash(&token)
            )
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &store,
            &format!("SELECT COUNT(*) AS n FROM password_resets WHERE token_hash = '{token}'")
        )
        .await,
        0
    );
    store.mail().mark(m.id, None).await.unwrap();
    let stored = store.mail().outbox(&fx.tenant, 10).await.unwrap();
    assert_eq!(stored[0].body, "", "blanked after sending");
    // A plain mail keeps its body after sending.
    store
        .mail()
        .queue(&fx.tenant, "c@t.example", "Hallo", "Text")
        .await
        .unwrap();
    let m = store.mail().claim(10, 60_000).await.unwrap().remove(0);
    store.mail().mark(m.id, None).await.unwrap();
    assert_eq!(
        store.mail().outbox(&fx.tenant, 10).await.unwrap()[0].body,
        "Text"
    );
    // A reset token does not confirm nor a confirmation token reset.
    let confirm = store
        .accounts()
        .issue_mail_token(fx.tenant.id, user, MailToken::Confirm)
        .await
        .unwrap();
    assert!(store
        .accounts()
        .finish_password_reset(
            &fx.tenant,
            &confirm,
            "ein-neues-passwort",
            "ein-neues-passwort"
        )
        .await
        .is_err());
    assert!(store
        .accounts()
        .confirm_email(&fx.tenant, &token)
        .await
        .is_err());
}

#[tokio::test]
async fn tokens_expire_and_record_their_last_use() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = Fixture::new(&store).await;
    let user = fx.citizen.user_id.unwrap();
    let t = store
        .accounts()
        .create_api_token(&fx.tenant, user, "x")
        .await
        .unwrap();
    let listed = &store.accounts().api_tokens(&fx.tenant, user).await.unwrap()[0];
    assert_eq!(listed.last_used_at, None);
    assert_eq!(listed.expires_at, store.now() + 90 * 86_400_000);
    assert!(listed.scopes.starts_with("read "));
    match store.accounts().token_auth(&fx.tenant, &t).await.unwrap() {
        TokenAuth::Valid { scopes, .. } => assert!(scopes.contains(&"write:proposals".to_string())),
        other => panic!("{other:?}"),
    }
    let listed = &store.accounts().api_tokens(&fx.tenant, user).await.unwrap()[0];
    assert_eq!(listed.last_used_at, Some(store.now()));
    assert_eq!(fx.audited("token.created").await, 1);
    store.clock.advance_days(91);
    assert!(matches!(
        store.accounts().token_auth(&fx.tenant, &t).await.unwrap(),
        TokenAuth::Expired
    ));
    assert!(matches!(
        store
            .accounts()
            .token_auth(&fx.tenant, "th_nope")
            .await
            .unwrap(),
        TokenAuth::Unknown
    ));
}

#[tokio::test]
async fn registration_does_not_reveal_a_taken_address_and_needs_confirmation() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = Fixture::new(&store).await;
    let form = Signup {
        email: "Neu@T.example".into(),
        display_name: "Neue Person".into(),
        password: "ein-gutes-passwort".into(),
        password_confirm: "ein-gutes-passwort".into(),
        locale: "de".into(),
    };
    let Registration::Created(user) = store.accounts().register(&fx.tenant, &form).await.unwrap()
    else {
        panic!("a new address creates an account");
    };
    assert!(!user.confirmed);
    let actor = store.actor_of(&user).await.unwrap();
    assert!(actor.unconfirmed);
    let again = store.accounts().register(&fx.tenant, &form).await.unwrap();
    assert!(matches!(again, Registration::Taken(ref u) if u.id == user.id));
    let token = store
        .accounts()
        .issue_mail_token(fx.tenant.id, user.id, MailToken::Confirm)
        .await
        .unwrap();
    let confirmed = store
        .accounts()
        .confirm_email(&fx.tenant, &token)
        .await
        .unwrap();
    assert!(confirmed.confirmed);
    assert!(!store.actor_of(&confirmed).await.unwrap().unconfirmed);
    assert_eq!(fx.audited("user.email_confirmed").await, 1);
    // Accounts made by the operator (and the demo, and fixtures) count as
    // confirmed.
    assert!(
        store
            .accounts()
            .user(&fx.tenant, fx.citizen.user_id.unwrap())
            .await
            .unwrap()
            .confirmed
    );
}
