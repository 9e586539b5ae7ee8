//! The web side of the participation modules: each module declares one
//! [`WebModule`] (its pages, its API and the sections it adds to pages of
//! the core or of other modules) in its page module, and [`MODULES`] lists
//! them. `pages::routes`, `api::routes` and the host pages loop over that
//! list, so a new module is a new folder plus one line here.

use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::AppState;
use axum::Router;
use std::future::Future;
use std::pin::Pin;
use teilhabe_store::catalog::DatasetRecord;
use teilhabe_store::goals::GoalData;
use teilhabe_store::processes::Process;
use teilhabe_store::register::RegisterSummary;
use utoipa_axum::router::OpenApiRouter;

/// Every participation module, in the order their sections appear on a
/// host page.
pub const MODULES: &[&WebModule] = &[
    &crate::pages::opinion::MODULE,
    &crate::pages::budget::MODULE,
    &crate::pages::register::MODULE,
    &crate::pages::council::MODULE,
    &crate::pages::register_questions::MODULE,
    &crate::pages::goals::MODULE,
    &crate::pages::evaluation::MODULE,
    &crate::pages::catalog::MODULE,
    &crate::pages::twofactor::MODULE,
];

/// What a module adds to the web layer.
pub struct WebModule {
    pub name: &'static str,
    /// The HTML pages (and static files) of the module.
    pub pages: fn() -> Router<AppState>,
    /// The JSON API, declared with `utoipa` (paths relative to `/api`).
    pub api: Option<fn() -> OpenApiRouter<AppState>>,
    /// Parts of pages owned by someone else.
    pub sections: &'static [Section],
}

/// A place on a page where modules may add a section.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Host {
    /// The process page, right below the phases (a form's main link).
    ProcessPhases,
    /// The process page, below the phases, before the proposals.
    ProcessPage,
    /// A register entry, after the plain-language groups.
    RegisterEntryBody,
    /// A register entry, at the end of the page.
    RegisterEntry,
    /// The staff inbox (`/inbox`), after the proposals.
    StaffInbox,
    /// The signed-in person's profile (`/profile`), after the
    /// notifications: what they did in a module.
    Profile,
    /// A dataset of the open data catalog (`/daten/{name}`), after its
    /// distributions: the data uses that read it, questions, requests.
    DatasetPage,
    /// An impact goal's page (`/goals/{slug}`), after the indicators.
    GoalPage,
}

/// What the host page shows, handed to a section's loader.
#[derive(Clone, Copy)]
pub enum HostRef<'a> {
    Process(&'a Process),
    RegisterEntry(&'a RegisterSummary),
    /// A page of staff work without one object (inbox, moderation).
    Staff,
    /// The profile of the signed-in person (`ctx.actor`).
    Profile,
    /// A dataset of the open data catalog.
    Dataset(&'a DatasetRecord),
    /// An impact goal with its indicators.
    Goal(&'a GoalData),
}

/// A boxed future borrowing the request context.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What a section's loader returns: its context values (a map, merged
/// into the host page's context), or `None` to leave the section out.
pub type SectionFuture<'a> = BoxFuture<'a, AppResult<Option<minijinja::Value>>>;

/// The loader of a section.
pub type Loader = for<'a> fn(&'a Ctx, HostRef<'a>) -> SectionFuture<'a>;

/// One section a module adds to a host page.
pub struct Section {
    pub host: Host,
    /// The template included at the host's place.
    pub template: &'static str,
    pub load: Loader,
}

/// The sections of one host place, loaded: the templates to include in
/// order, and the context values they read.
pub struct Sections {
    pub templates: Vec<&'static str>,
    pub values: minijinja::Value,
}

/// Runs the loaders of every module's sections for `host`.
pub async fn sections(ctx: &Ctx, host: Host, of: HostRef<'_>) -> AppResult<Sections> {
    let mut templates = Vec::new();
    let mut values = Vec::new();
    for s in MODULES
        .iter()
        .flat_map(|m| m.sections.iter())
        .filter(|s| s.host == host)
    {
        if let Some(v) = (s.load)(ctx, of).await? {
            templates.push(s.template);
            values.push(v);
        }
    }
    Ok(Sections {
        templates,
        values: merge(values),
    })
}

/// One map of the sections' values (the first module's value wins a
/// name both use).
fn merge(values: Vec<minijinja::Value>) -> minijinja::Value {
    minijinja::value::merge_maps(values)
}

/// A section [`Loader`] that shows one value on one kind of host page:
/// `section_loader!(fn name: RegisterEntry => council = load)` defines
/// `fn name` that calls `load(ctx, entry).await?` on a register entry and
/// gives it to the template as `council` (any other host: no section).
#[macro_export]
macro_rules! section_loader {
    ($(#[$doc:meta])* fn $name:ident: $host:ident => $value:ident = $load:path) => {
        $(#[$doc])*
        fn $name<'a>(
            ctx: &'a $crate::ctx::Ctx,
            of: $crate::module::HostRef<'a>,
        ) -> $crate::module::BoxFuture<'a, $crate::error::AppResult<Option<minijinja::Value>>> {
            Box::pin(async move {
                let $crate::module::HostRef::$host(of) = of else {
                    return Ok(None);
                };
                let $value = $load(ctx, of).await?;
                Ok(Some(minijinja::context! { $value }))
            })
        }
    };
}
