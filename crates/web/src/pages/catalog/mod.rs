//! The open data catalog (issue #13): the public catalog `/daten` and the
//! dataset pages, the staff forms, the DCAT-AP.de export for GovData, the
//! CKAN Action API, data requests and harvesting from other catalogs.
//! Rules and checks live in the store (`store.catalog()`) and in
//! `teilhabe_domain::catalog`; these handlers parse, call, render.
//!
//! - `pages`: the catalog with facets, a dataset's page, the staff forms
//!   for datasets and distributions, the downloads;
//! - `preview`: the table preview of CSV and JSON files;
//! - `feed`: the Atom feed of new datasets;
//! - `export`: `/catalog.ttl`, `.rdf`, `.jsonld` (DCAT-AP.de, paged);
//! - `ckan`: the CKAN Action API (`/api/3/action/…`);
//! - `links`: the data uses, indicators and processes a dataset is linked to;
//! - `requests`: citizens' data requests and their public answers;
//! - `harvest`: the catalogs harvested into this one;
//! - `publish`: participation results (the section on their dataset
//!   page, the suppression threshold's settings page).

mod ckan;
mod export;
mod feed;
mod harvest;
mod links;
mod pages;
mod preview;
mod publish;
mod requests;

use crate::module::{Host, Section, WebModule};
use crate::AppState;
use axum::Router;

/// The catalog in the web layer's manifest (`crate::module::MODULES`).
pub const MODULE: WebModule = WebModule {
    name: "catalog",
    pages: routes,
    api: None,
    sections: &[
        preview::SECTION,
        harvest::SECTION,
        Section {
            host: Host::DatasetPage,
            template: "catalog/publish_section.html",
            load: publish::result_section,
        },
        Section {
            host: Host::StaffInbox,
            template: "catalog/requests_inbox.html",
            load: requests::inbox_section,
        },
        Section {
            host: Host::DatasetPage,
            template: "catalog/links_dataset.html",
            load: links::dataset_section_loader,
        },
        Section {
            host: Host::RegisterEntry,
            template: "catalog/links_entry.html",
            load: links::entry_section_loader,
        },
        Section {
            host: Host::ProcessPage,
            template: "catalog/links_process.html",
            load: links::process_loader,
        },
        Section {
            host: Host::GoalPage,
            template: "catalog/links_goal.html",
            load: links::goal_loader,
        },
        Section {
            host: Host::StaffInbox,
            template: "catalog/links_inbox.html",
            load: links::inbox_loader,
        },
    ],
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(pages::routes())
        .merge(feed::routes())
        .merge(export::routes())
        .merge(ckan::routes())
        .merge(links::routes())
        .merge(requests::routes())
        .merge(harvest::routes())
        .merge(publish::routes())
}
