//! The council's rules: quorum, majority rule and the fields whose change
//! asks for a review.

use super::{rules_from, Council, SettingsRow, SETTINGS_SQL};
use crate::{params, Result, StoreError, Tenant, Tx};
use teilhabe_domain::council::CouncilRules;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::Actor;

/// The rules as seen inside a transaction.
pub(super) async fn rules_in(tx: &mut Tx, tenant: &Tenant) -> Result<CouncilRules> {
    rules_from(
        tx.opt_as::<SettingsRow>(SETTINGS_SQL, params![tenant.id])
            .await?,
    )
}

impl Council<'_> {
    /// The council's settings (the defaults until an admin saves them).
    pub async fn rules(&self, tenant: &Tenant) -> Result<CouncilRules> {
        rules_from(
            self.store
                .db
                .opt_as::<SettingsRow>(SETTINGS_SQL, params![tenant.id])
                .await?,
        )
    }

    /// An admin sets quorum, majority rule and material fields. The form's
    /// raw values are checked here (field errors name `quorum`, `majority`,
    /// `material_fields`).
    pub async fn update_rules(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        quorum: &str,
        majority: &str,
        material_fields: &[String],
    ) -> Result<CouncilRules> {
        decide(actor, Action::ManageCouncil, &Target::Municipality)?;
        let rules = CouncilRules::parse(quorum, majority, material_fields)?;
        let fields = serde_json::to_string(&rules.material_fields)
            .map_err(|e| StoreError::internal("council material fields as JSON", e))?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        w.exec(
            "INSERT INTO council_settings (municipality_id, quorum, majority, material_fields, updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (municipality_id) DO UPDATE SET quorum = $2, majority = $3, material_fields = $4, updated_at = $5",
            params![tenant.id, i64::from(rules.quorum), rules.majority.as_str(), fields.as_str(), now],
        )
        .await?;
        w.audit(
            actor,
            "council.settings_updated",
            format!("municipality:{}", tenant.id),
            serde_json::json!({
                "quorum": rules.quorum,
                "majority": rules.majority.as_str(),
                "material_fields": rules.material_fields,
            }),
        );
        w.commit().await?;
        Ok(rules)
    }
}
