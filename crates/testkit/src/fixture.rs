//! The one test fixture: a municipality with two departments and the
//! people every module's tests need (staff of each department, an
//! administrator, a moderator, citizens). Tests add what is their own
//! (processes, entries, goals) on top.

use teilhabe_domain::process::{Form, ProcessRules};
use teilhabe_domain::register::RegisterEntry;
use teilhabe_domain::{Actor, Role};
use teilhabe_register::sample::sample_entries;
use teilhabe_store::processes::{PhaseInput, ProcessInput};
use teilhabe_store::register::RegisterSummary;
use teilhabe_store::{Store, StoreError, Tenant};

/// The password of every fixture account.
pub const PASSWORD: &str = "passwort-passwort";

pub struct Fixture {
    pub store: Store,
    pub tenant: Tenant,
    /// "Amt A", where `staff` works.
    pub dept: i64,
    /// "Amt B", where `other_staff` works.
    pub other_dept: i64,
    pub staff: Actor,
    pub other_staff: Actor,
    pub admin: Actor,
    pub moderator: Actor,
    pub citizen: Actor,
    hash: String,
}

impl Fixture {
    /// Municipality "t" in `store` with its departments and people.
    pub async fn new(store: &Store) -> Fixture {
        let tenant = store
            .create_tenant("t", "T", &[])
            .await
            .expect("create tenant");
        let dept = store
            .create_department(&tenant, "Amt A")
            .await
            .expect("create department");
        let other_dept = store
            .create_department(&tenant, "Amt B")
            .await
            .expect("create department");
        let hash = teilhabe_store::accounts::hash_password(PASSWORD).expect("hash");
        let mut fx = Fixture {
            store: store.clone(),
            tenant,
            dept,
            other_dept,
            staff: Actor::visitor(),
            other_staff: Actor::visitor(),
            admin: Actor::visitor(),
            moderator: Actor::visitor(),
            citizen: Actor::visitor(),
            hash,
        };
        fx.staff = fx
            .actor("staff@t.example", &[(Role::Staff, Some(dept))])
            .await;
        fx.other_staff = fx
            .actor("other@t.example", &[(Role::Staff, Some(other_dept))])
            .await;
        fx.admin = fx.actor("admin@t.example", &[(Role::Admin, None)]).await;
        fx.moderator = fx.actor("mod@t.example", &[(Role::Moderator, None)]).await;
        fx.citizen = fx.actor("citizen@t.example", &[]).await;
        fx
    }

    /// A further account with these roles, signed in as an [`Actor`].
    pub async fn actor(&self, email: &str, roles: &[(Role, Option<i64>)]) -> Actor {
        let user = self
            .store
            .create_user_with_hash(&self.tenant, email, "Test", &self.hash, "de", roles)
            .await
            .expect("create user");
        self.store.actor_of(&user).await.expect("actor of user")
    }

    /// `n` further citizens (`c0@t.example`, ...).
    pub async fn citizens(&self, n: usize) -> Vec<Actor> {
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            out.push(self.actor(&format!("c{i}@t.example"), &[]).await);
        }
        out
    }

    /// A register entry of `dept`, created by `staff` from `sample`.
    pub async fn entry(&self, sample: RegisterEntry) -> RegisterSummary {
        self.store
            .register()
            .create_entry(&self.tenant, &self.staff, Some(self.dept), sample, "")
            .await
            .expect("create register entry")
    }

    /// `who` saves `entry` as the next version of the register entry
    /// `slug` on top of version `base`.
    pub async fn save_entry(
        &self,
        who: &Actor,
        slug: &str,
        base: i64,
        entry: RegisterEntry,
        note: &str,
    ) -> Result<i64, StoreError> {
        let register = self.store.register();
        register
            .save_version(&self.tenant, who, slug, base, entry, note)
            .await
    }

    /// How many audit events with `action` the log holds.
    pub async fn audited(&self, action: &str) -> i64 {
        let sql = format!("SELECT COUNT(*) AS n FROM audit_log WHERE action = '{action}'");
        count(&self.store, &sql).await
    }

    /// A published process of `dept` with one phase open through 2026
    /// that offers `forms`; tests change the rest by struct update.
    pub fn open_process(&self, title: &str, slug: &str, forms: &[Form]) -> ProcessInput {
        ProcessInput {
            title: title.into(),
            slug: slug.into(),
            summary: "Eine Zusammenfassung.".into(),
            department_id: Some(self.dept),
            status: "published".into(),
            rules: ProcessRules::default(),
            phases: vec![PhaseInput {
                title: "Offen".into(),
                starts_on: "2026-01-01".into(),
                ends_on: "2026-12-31".into(),
                forms: forms.to_vec(),
            }],
            active_phase: Some(0),
            ..ProcessInput::default()
        }
    }
}

/// The sample register entry whose name contains `name`.
pub fn sample(name: &str) -> RegisterEntry {
    sample_entries()
        .into_iter()
        .find(|e| e.get("name").contains(name))
        .unwrap_or_else(|| panic!("no sample entry named like {name}"))
}

/// The value of column `n` of a counting query (`SELECT COUNT(*) AS n ...`).
pub async fn count(store: &Store, sql: &str) -> i64 {
    store
        .db
        .one(sql, &[])
        .await
        .expect("count query")
        .i64("n")
        .expect("column n")
}

/// Asserts that the audit hash chain of `tenant` has no break.
pub async fn assert_chain_unbroken(store: &Store, tenant: &Tenant) {
    let v = store
        .audit()
        .verify(tenant)
        .await
        .expect("verify audit chain");
    assert!(v.first_break.is_none(), "{:?}", v.first_break);
}

/// Lets a test's own set-up struct, which holds the shared [`Fixture`]
/// in a field `fx`, be used like the fixture itself (`fx.tenant`).
#[macro_export]
macro_rules! deref_to_fixture {
    ($setup:ty) => {
        impl std::ops::Deref for $setup {
            type Target = $crate::Fixture;
            fn deref(&self) -> &$crate::Fixture {
                &self.fx
            }
        }
    };
}

/// Counts the opinion statements whose agree, disagree or pass counter
/// differs from their votes (0 when the counters are exact).
pub const OPINION_COUNTER_DRIFT: &str = "SELECT COUNT(*) AS n FROM opinion_statements s WHERE s.agree_count <> (SELECT COUNT(*) FROM opinion_votes v WHERE v.statement_id = s.id AND v.vote = 1) OR s.disagree_count <> (SELECT COUNT(*) FROM opinion_votes v WHERE v.statement_id = s.id AND v.vote = -1) OR s.pass_count <> (SELECT COUNT(*) FROM opinion_votes v WHERE v.statement_id = s.id AND v.vote = 0)";
