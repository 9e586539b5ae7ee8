//! The field catalogue: every field of a register entry, in page order.
//!
//! The 49 fields of the Eurocities Algorithmic Transparency Standard (ATS)
//! 0.3.1 keep their ATS names (so an entry *is* an ATS record), followed by
//! the AI Act Annex VIII section C fields under the `aiact_` prefix. The web
//! layer iterates [`FIELDS`] to build forms and entry pages; labels and help
//! texts are Fluent keys (`register-field-<name>`, `register-help-<name>`).

use serde::Serialize;

/// The ATS version this crate implements.
pub const ATS_VERSION: &str = "0.3.1";

/// Allowed values of `domain` (ATS 0.3.1).
pub const DOMAINS: &[&str] = &[
    "taxes",
    "housing, living and living environment",
    "culture, sports and leisure",
    "defence",
    "economy and entrepreneurship",
    "family, youth and households",
    "finance",
    "generic",
    "health and health care",
    "immigration and integration",
    "international collaboration and development aid",
    "agriculture, nature and food",
    "environment, spacial planning and water",
    "education and science",
    "public safety",
    "government",
    "justice",
    "travel, living and working abroad",
    "subsidies, benefits and allowances",
    "traffic and transportation",
    "work and career",
];

/// Allowed values of `status` (ATS 0.3.1), in lifecycle order.
pub const STATUSES: &[&str] = &[
    "planned",
    "design",
    "development",
    "pilot",
    "evaluation",
    "operational",
    "retired",
];

/// Allowed values of `risk_category` (ATS 0.3.1), lowest first.
pub const RISK_CATEGORIES: &[&str] = &["minimal risk", "limited risk", "high risk", "unacceptable"];

/// Allowed values of `algorithm_type` (ATS 0.3.1).
pub const ALGORITHM_TYPES: &[&str] = &["self-learning", "rule-based", "hybrid"];

/// Allowed values of `type` (type of use, ATS 0.3.1).
pub const USE_TYPES: &[&str] = &["descriptive", "diagnostic", "predictive", "prescriptive"];

/// What kind of value a field holds; decides the form widget and the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "values", rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several paragraphs; diffs word by word.
    LongText,
    /// An e-mail address.
    Email,
    /// A telephone number.
    Phone,
    /// An absolute `http://` or `https://` URL.
    Url,
    /// A calendar date `YYYY-MM-DD`.
    Date,
    /// A UUID `8-4-4-4-12` hex digits.
    Uuid,
    /// One of a fixed list of values.
    Choice(&'static [&'static str]),
    /// Exactly this value (set by the system).
    Const(&'static str),
}

/// Section of the entry page and form. The plain-language sections come
/// first (what, why, which data, who decides, how to object), the technical
/// ones below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// What is it, where and in which phase.
    What,
    /// Why is it used, what does it change, on which legal basis.
    Why,
    /// Which data it uses.
    Data,
    /// Who is responsible and who decides.
    WhoDecides,
    /// How to object, ask or contact.
    Objection,
    /// Risks and their assessment.
    Risks,
    /// How the algorithm works.
    Algorithm,
    /// Monitoring and rollback.
    Oversight,
    /// AI Act Annex VIII section C (high-risk systems).
    AiAct,
    /// Metadata of the record.
    Metadata,
}

impl Group {
    /// All groups in page order.
    pub const ALL: [Group; 10] = [
        Group::What,
        Group::Why,
        Group::Data,
        Group::WhoDecides,
        Group::Objection,
        Group::Risks,
        Group::Algorithm,
        Group::Oversight,
        Group::AiAct,
        Group::Metadata,
    ];

    /// Stable identifier (`what`, `who_decides`, ...).
    pub fn id(self) -> &'static str {
        match self {
            Group::What => "what",
            Group::Why => "why",
            Group::Data => "data",
            Group::WhoDecides => "who_decides",
            Group::Objection => "objection",
            Group::Risks => "risks",
            Group::Algorithm => "algorithm",
            Group::Oversight => "oversight",
            Group::AiAct => "aiact",
            Group::Metadata => "metadata",
        }
    }

    /// Fluent key of the section heading (`register-group-<id>`).
    pub fn label_key(self) -> &'static str {
        match self {
            Group::What => "register-group-what",
            Group::Why => "register-group-why",
            Group::Data => "register-group-data",
            Group::WhoDecides => "register-group-who_decides",
            Group::Objection => "register-group-objection",
            Group::Risks => "register-group-risks",
            Group::Algorithm => "register-group-algorithm",
            Group::Oversight => "register-group-oversight",
            Group::AiAct => "register-group-aiact",
            Group::Metadata => "register-group-metadata",
        }
    }

    /// True for the sections written for everyone; false for the technical
    /// ones shown below them.
    pub fn is_plain_language(self) -> bool {
        matches!(
            self,
            Group::What | Group::Why | Group::Data | Group::WhoDecides | Group::Objection
        )
    }
}

/// When a field must be filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// Required by ATS 0.3.1.
    Required,
    /// Required when `risk_category` is `high risk` (AI Act Annex VIII C).
    HighRisk,
    /// Optional.
    Optional,
}

/// One field of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FieldSpec {
    /// Name in our entries and in ATS JSON.
    pub name: &'static str,
    pub kind: FieldKind,
    pub requirement: Requirement,
    pub group: Group,
    /// True for fields of ATS 0.3.1, false for our `aiact_` extension.
    pub ats: bool,
    /// Set by the system (not typed by staff): `standard_version`, `lang`,
    /// `uuid`, `publication_date`, `last_change_date`.
    pub managed: bool,
    /// Fluent key of the label.
    pub label_key: &'static str,
    /// Fluent key of the plain-language help text.
    pub help_key: &'static str,
}

impl FieldSpec {
    /// Required by ATS (independent of the risk category).
    pub fn is_required(&self) -> bool {
        self.requirement == Requirement::Required
    }
    /// Allowed values of a choice field.
    pub fn choices(&self) -> Option<&'static [&'static str]> {
        match self.kind {
            FieldKind::Choice(v) => Some(v),
            _ => None,
        }
    }
}

/// Builds [`FIELDS`] from one block per group, one line per field:
/// `"name": Kind, Requirement;`, with `, managed` for a field the system
/// sets. Label and help keys follow from the name; every field outside the
/// AI Act group is an ATS field.
macro_rules! catalogue {
    ($($group:ident { $($name:literal: $kind:expr, $req:ident $(, $managed:ident)?;)* })*) => {
        &[$($(FieldSpec {
            name: $name,
            kind: $kind,
            requirement: Requirement::$req,
            group: Group::$group,
            ats: !matches!(Group::$group, Group::AiAct),
            managed: managed!($($managed)?),
            label_key: concat!("register-field-", $name),
            help_key: concat!("register-help-", $name),
        },)*)*]
    };
}

macro_rules! managed {
    () => {
        false
    };
    (managed) => {
        true
    };
}

use FieldKind::*;

/// Every field, in page order: plain-language groups first.
pub const FIELDS: &[FieldSpec] = catalogue! {
    What {
        "name": Text, Required;
        "description_short": LongText, Required;
        "status": Choice(STATUSES), Required;
        "area": Text, Required;
        "domain": Choice(DOMAINS), Required;
        "website": Url, Optional;
        "remark": LongText, Optional;
    }
    Why {
        "goal": LongText, Required;
        "impact": LongText, Required;
        "proportionality": LongText, Required;
        "lawful_basis": LongText, Required;
        "documentation": Url, Optional;
    }
    Data {
        "source_data": LongText, Required;
        "training_data": LongText, Required;
        "connected_data_sources": LongText, Required;
        "data_bias": LongText, Optional;
        "DPIA_description": LongText, Optional;
        "DPIA_url": Url, Optional;
    }
    WhoDecides {
        "organization": Text, Required;
        "department": Text, Required;
        "decision_making_process": LongText, Required;
        "human_intervention": LongText, Required;
    }
    Objection {
        "objection_procedure": LongText, Required;
        "contact_email": Email, Required;
        "contact_phone": Phone, Optional;
        "contact_name": Text, Optional;
    }
    Risks {
        "risk_category": Choice(RISK_CATEGORIES), Required;
        "risks": LongText, Required;
        "AIA_description": LongText, Optional;
        "AIA_url": Url, Optional;
    }
    Algorithm {
        "algorithm_type": Choice(ALGORITHM_TYPES), Required;
        "type": Choice(USE_TYPES), Required;
        "description": LongText, Required;
        "methods_and_models": LongText, Optional;
        "performance": LongText, Optional;
        "alternatives_considered": LongText, Optional;
        "product_information": Url, Optional;
        "codebase_url": Url, Optional;
        "product_page": Url, Optional;
    }
    Oversight {
        "monitoring": LongText, Required;
        "rollback": LongText, Optional;
    }
    // AI Act Annex VIII section C
    AiAct {
        "aiact_deployer_name": Text, HighRisk;
        "aiact_deployer_address": Text, HighRisk;
        "aiact_deployer_contact": Email, HighRisk;
        "aiact_submitter": Text, Optional;
        "aiact_eu_database_url": Url, HighRisk;
        "aiact_fria_summary": LongText, HighRisk;
        "aiact_dpia_summary": LongText, HighRisk;
    }
    Metadata {
        "keywords": Text, Optional;
        "revision_date": Date, Required;
        "revision_note": LongText, Optional;
        "publication_date": Date, Required, managed;
        "last_change_date": Date, Required, managed;
        "uuid": Uuid, Optional, managed;
        "lang": Text, Required, managed;
        "standard_version": Const(ATS_VERSION), Required, managed;
    }
};

/// The field with this name.
pub fn field(name: &str) -> Option<&'static FieldSpec> {
    FIELDS.iter().find(|f| f.name == name)
}

/// The fields of one page section, in order.
pub fn fields_in(group: Group) -> impl Iterator<Item = &'static FieldSpec> {
    FIELDS.iter().filter(move |f| f.group == group)
}

/// The 49 ATS 0.3.1 fields.
pub fn ats_fields() -> impl Iterator<Item = &'static FieldSpec> {
    FIELDS.iter().filter(|f| f.ats)
}

/// Fluent key of a choice value's label: `register-value-<field>-<value>`,
/// with spaces and commas of the value turned into `-`
/// (`register-value-risk_category-high-risk`).
pub fn value_label_key(field: &str, value: &str) -> String {
    let mut out = format!("register-value-{field}-");
    let mut last_dash = true;
    for c in value.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            last_dash = false;
        } else if !last_dash {
            out.push('-');
            last_dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}
