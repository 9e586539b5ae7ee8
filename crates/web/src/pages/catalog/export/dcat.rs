//! The DCAT-AP.de 3.0 graph of one export page and its three
//! serialisations (Turtle, RDF/XML, JSON-LD), written with oxrdf, oxttl,
//! oxrdfxml and oxjsonld.
//!
//! Every node has an IRI (no blank nodes: a period of time, a contact
//! point and a checksum are fragments of their dataset's or
//! distribution's IRI), so two serialisations of one page hold the same
//! triples, comparable as sets. Terms of the EU and DCAT-AP.de
//! vocabularies are typed (`skos:Concept` in their scheme, and the class
//! DCAT-AP expects of the property) so the page validates against the
//! SHACL shapes without the vocabularies loaded.

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{Literal, NamedNode, Triple};
use std::collections::{HashMap, HashSet};
use teilhabe_domain::catalog::vocab::{
    regional_key_iri, ACCESS_RIGHTS, FILE_TYPES, FREQUENCIES, LICENSES, THEMES,
};
use teilhabe_store::catalog::export::ExportPage;
use teilhabe_store::catalog::{DatasetRecord, DistributionRecord};

pub const DCAT: &str = "http://www.w3.org/ns/dcat#";
pub const DCT: &str = "http://purl.org/dc/terms/";
pub const DCATDE: &str = "http://dcat-ap.de/def/dcatde/";
/// SEMIC 3.0.0 and ckanext-dcatde use the slash form (the GovData 3.0
/// shapes' `#` form is a known mistake there).
pub const DCATAP: &str = "http://data.europa.eu/r5r/";
pub const FOAF: &str = "http://xmlns.com/foaf/0.1/";
pub const VCARD: &str = "http://www.w3.org/2006/vcard/ns#";
pub const HYDRA: &str = "http://www.w3.org/ns/hydra/core#";
pub const SPDX: &str = "http://spdx.org/rdf/terms#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";

/// Prefixes of the Turtle, RDF/XML and JSON-LD documents.
pub const PREFIXES: &[(&str, &str)] = &[
    ("dcat", DCAT),
    ("dct", DCT),
    ("dcatde", DCATDE),
    ("dcatap", DCATAP),
    ("foaf", FOAF),
    ("vcard", VCARD),
    ("hydra", HYDRA),
    ("spdx", SPDX),
    ("skos", SKOS),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

const LANGUAGE_DEU: &str = "http://publications.europa.eu/resource/authority/language/DEU";
const LANGUAGE_SCHEME: &str = "http://publications.europa.eu/resource/authority/language";
const GEOCODING_LEVEL: &str = "http://dcat-ap.de/def/politicalGeocoding/Level";
const IANA_MEDIA_TYPES: &str = "https://www.iana.org/assignments/media-types/";
/// Licences whose terms require naming the source (`dcatde:licenseAttributionByText`).
const ATTRIBUTION_LICENSES: &[&str] = &["dl-by-de/2.0", "cc-by/4.0", "cc-by-sa/4.0", "odbl"];

/// The export's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Turtle,
    RdfXml,
    JsonLd,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Turtle => "ttl",
            Format::RdfXml => "rdf",
            Format::JsonLd => "jsonld",
        }
    }
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Turtle => "text/turtle; charset=utf-8",
            Format::RdfXml => "application/rdf+xml; charset=utf-8",
            Format::JsonLd => "application/ld+json; charset=utf-8",
        }
    }
}

/// The page links of a paged export (`hydra:PagedCollection`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    pub total: i64,
    pub per_page: i64,
    pub page: i64,
    /// The last page: 1 for an empty catalog (its one page lists nothing).
    pub last: i64,
}

impl Paging {
    pub fn new(total: i64, page: i64, per_page: i64) -> Self {
        let per_page = per_page.max(1);
        let last = ((total.max(0) + per_page - 1) / per_page).max(1);
        Paging {
            total: total.max(0),
            per_page,
            page,
            last,
        }
    }
    pub fn exists(&self) -> bool {
        (1..=self.last).contains(&self.page)
    }
    pub fn next(&self) -> Option<i64> {
        (self.page < self.last).then_some(self.page + 1)
    }
    pub fn previous(&self) -> Option<i64> {
        (self.page > 1).then_some(self.page - 1)
    }
}

/// What the graph needs besides the page: absolute addresses and the
/// catalog's own texts.
pub struct Context<'a> {
    /// The municipality's public base URL, without a trailing slash.
    pub base: &'a str,
    pub format: Format,
    /// (language tag, title, description) of the catalog.
    pub texts: &'a [(&'a str, String, String)],
}

impl Context<'_> {
    pub fn page_url(&self, page: i64) -> String {
        format!(
            "{}/catalog.{}?page={page}",
            self.base,
            self.format.extension()
        )
    }
    /// The catalog page, the catalog's `foaf:homepage`.
    pub fn catalog_page(&self) -> String {
        format!("{}/daten", self.base)
    }
    /// The catalog itself (a fragment of its page, which is a document).
    pub fn catalog_iri(&self) -> String {
        format!("{}#katalog", self.catalog_page())
    }
    /// A dataset's page, its landing page unless it has its own.
    pub fn dataset_page(&self, d: &DatasetRecord) -> String {
        format!("{}/daten/{}", self.base, d.name)
    }
    /// The dataset itself, its period, contact point and distributions
    /// are fragments of its page.
    pub fn dataset_iri(&self, d: &DatasetRecord) -> String {
        format!("{}#datensatz", self.dataset_page(d))
    }
    pub fn download_url(&self, d: &DatasetRecord, dist: &DistributionRecord) -> String {
        format!("{}/dateien/{}", self.dataset_page(d), dist.id)
    }
}

struct Graph {
    triples: Vec<Triple>,
    seen: HashSet<Triple>,
}

impl Graph {
    fn add(&mut self, s: &NamedNode, p: &str, o: impl Into<oxrdf::Term>) {
        let t = Triple::new(s.clone(), NamedNode::new_unchecked(p), o);
        if self.seen.insert(t.clone()) {
            self.triples.push(t);
        }
    }
    fn add_iri(&mut self, s: &NamedNode, p: &str, o: &str) -> Option<NamedNode> {
        let o = NamedNode::new(o).ok()?;
        self.add(s, p, o.clone());
        Some(o)
    }
    fn typed(&mut self, s: &NamedNode, class: &str) {
        self.add(s, rdf::TYPE.as_str(), NamedNode::new_unchecked(class));
    }
    fn text(&mut self, s: &NamedNode, p: &str, value: &str, lang: &str) {
        let v = value.trim();
        if v.is_empty() {
            return;
        }
        let lit = Literal::new_language_tagged_literal(v, lang)
            .unwrap_or_else(|_| Literal::new_simple_literal(v));
        self.add(s, p, lit);
    }
    fn datatyped(
        &mut self,
        s: &NamedNode,
        p: &str,
        value: String,
        datatype: oxrdf::NamedNodeRef<'_>,
    ) {
        self.add(s, p, Literal::new_typed_literal(value, datatype));
    }
    /// A term of a controlled vocabulary: linked, typed with `class` and
    /// as a concept of `scheme`.
    fn concept(&mut self, s: &NamedNode, p: &str, iri: &str, class: &str, scheme: &str) {
        if let Some(o) = self.add_iri(s, p, iri) {
            self.typed(&o, class);
            self.typed(&o, &format!("{SKOS}Concept"));
            if let Ok(scheme) = NamedNode::new(scheme) {
                self.add(&o, &format!("{SKOS}inScheme"), scheme);
            }
        }
    }
}

fn scheme_of(base: &str) -> &str {
    base.trim_end_matches('/')
}

fn date_time(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string())
}

/// The triples of one page: the catalog (with its paging) and its datasets.
pub fn graph(page: &ExportPage, paging: &Paging, cx: &Context<'_>) -> Vec<Triple> {
    let mut g = Graph {
        triples: Vec::new(),
        seen: HashSet::new(),
    };
    let catalog = NamedNode::new_unchecked(cx.catalog_iri());
    g.typed(&catalog, &format!("{DCAT}Catalog"));
    g.typed(&catalog, &format!("{HYDRA}PagedCollection"));
    for (lang, title, description) in cx.texts {
        g.text(&catalog, &format!("{DCT}title"), title, lang);
        g.text(&catalog, &format!("{DCT}description"), description, lang);
    }
    let publisher = NamedNode::new_unchecked(format!("{}/daten#herausgeber", cx.base));
    g.typed(&publisher, &format!("{FOAF}Agent"));
    g.text(
        &publisher,
        &format!("{FOAF}name"),
        &page.publisher.name,
        "de",
    );
    g.add(&catalog, &format!("{DCT}publisher"), publisher.clone());
    g.concept(
        &catalog,
        &format!("{DCT}language"),
        LANGUAGE_DEU,
        &format!("{DCT}LinguisticSystem"),
        LANGUAGE_SCHEME,
    );
    if let Some(home) = g.add_iri(&catalog, &format!("{FOAF}homepage"), &cx.catalog_page()) {
        g.typed(&home, &format!("{FOAF}Document"));
    }
    // Paging, under the names of Hydra and of ckanext-dcat (which GovData's
    // harvester reads: `hydra:next`, else `hydra:nextPage`).
    let int = |n: i64| Literal::new_typed_literal(n.to_string(), xsd::INTEGER);
    g.add(&catalog, &format!("{HYDRA}totalItems"), int(paging.total));
    g.add(
        &catalog,
        &format!("{HYDRA}itemsPerPage"),
        int(paging.per_page),
    );
    let links = [
        (Some(1), ["firstPage", "first"]),
        (Some(paging.last), ["lastPage", "last"]),
        (paging.next(), ["nextPage", "next"]),
        (paging.previous(), ["previousPage", "previous"]),
    ];
    for (target, names) in links {
        if let Some(n) = target {
            for name in names {
                g.add_iri(&catalog, &format!("{HYDRA}{name}"), &cx.page_url(n));
            }
        }
    }
    for e in &page.datasets {
        let ds = dataset(&mut g, page, cx, &publisher, &e.dataset, &e.distributions);
        g.add(&catalog, &format!("{DCAT}dataset"), ds);
    }
    by_subject(g.triples)
}

/// The triples with each subject's together and, within a subject, each
/// predicate's together, in the order they first appear (so Turtle and
/// RDF/XML read one description at a time and JSON-LD writes one node
/// object per subject).
fn by_subject(triples: Vec<Triple>) -> Vec<Triple> {
    let mut subjects: HashMap<oxrdf::NamedOrBlankNode, usize> = HashMap::new();
    let mut predicates: HashMap<(usize, NamedNode), usize> = HashMap::new();
    let mut keyed: Vec<((usize, usize), Triple)> = triples
        .into_iter()
        .map(|t| {
            let next = subjects.len();
            let s = *subjects.entry(t.subject.clone()).or_insert(next);
            let next = predicates.len();
            let p = *predicates.entry((s, t.predicate.clone())).or_insert(next);
            ((s, p), t)
        })
        .collect();
    keyed.sort_by_key(|(k, _)| *k);
    keyed.into_iter().map(|(_, t)| t).collect()
}

fn dataset(
    g: &mut Graph,
    page: &ExportPage,
    cx: &Context<'_>,
    publisher: &NamedNode,
    d: &DatasetRecord,
    distributions: &[DistributionRecord],
) -> NamedNode {
    let page_iri = cx.dataset_page(d);
    let ds = NamedNode::new_unchecked(cx.dataset_iri(d));
    g.typed(&ds, &format!("{DCAT}Dataset"));
    g.text(&ds, &format!("{DCT}title"), &d.title, "de");
    g.text(&ds, &format!("{DCT}description"), &d.description, "de");
    g.add(
        &ds,
        &format!("{DCT}identifier"),
        Literal::new_simple_literal(&d.identifier),
    );
    for k in d.keyword_list() {
        g.text(&ds, &format!("{DCAT}keyword"), &k, "de");
    }
    for t in d.theme_list() {
        if THEMES.contains(&t) {
            g.concept(
                &ds,
                &format!("{DCAT}theme"),
                &THEMES.iri(&t),
                &format!("{SKOS}Concept"),
                scheme_of(THEMES.base),
            );
        }
    }
    g.add(&ds, &format!("{DCT}publisher"), publisher.clone());
    let p = &page.publisher;
    if !p.contributor_id.is_empty() {
        g.add_iri(&ds, &format!("{DCATDE}contributorID"), &p.contributor_id);
    }
    // DCAT-AP.de 3.0 puts the regional key in `dct:spatial`;
    // `dcatde:politicalGeocodingURI` is deprecated there (GovData's shapes
    // warn), so it is not written.
    if !p.ars.is_empty() {
        let key = regional_key_iri(&p.ars);
        if let Some(place) = g.add_iri(&ds, &format!("{DCT}spatial"), &key) {
            g.typed(&place, &format!("{DCT}Location"));
        }
        // The regional key is the municipality's: its level is "municipality".
        g.concept(
            &ds,
            &format!("{DCATDE}politicalGeocodingLevelURI"),
            &format!("{GEOCODING_LEVEL}/municipality"),
            &format!("{SKOS}Concept"),
            GEOCODING_LEVEL,
        );
    }
    if d.temporal_start.is_some() || d.temporal_end.is_some() {
        let period = NamedNode::new_unchecked(format!("{page_iri}#zeitraum"));
        g.add(&ds, &format!("{DCT}temporal"), period.clone());
        g.typed(&period, &format!("{DCT}PeriodOfTime"));
        for (p, v) in [
            ("startDate", &d.temporal_start),
            ("endDate", &d.temporal_end),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                g.datatyped(&period, &format!("{DCAT}{p}"), v.to_string(), xsd::DATE);
            }
        }
    }
    if FREQUENCIES.contains(&d.accrual_periodicity) {
        g.concept(
            &ds,
            &format!("{DCT}accrualPeriodicity"),
            &FREQUENCIES.iri(&d.accrual_periodicity),
            &format!("{DCT}Frequency"),
            scheme_of(FREQUENCIES.base),
        );
    }
    if !d.contact_name.trim().is_empty() || !d.contact_email.trim().is_empty() {
        let contact = NamedNode::new_unchecked(format!("{page_iri}#kontakt"));
        g.add(&ds, &format!("{DCAT}contactPoint"), contact.clone());
        // `vcard:Kind` too: the shapes ask for it and are checked without
        // inference over the vCard ontology.
        g.typed(&contact, &format!("{VCARD}Organization"));
        g.typed(&contact, &format!("{VCARD}Kind"));
        let name = if d.contact_name.trim().is_empty() {
            &p.name
        } else {
            &d.contact_name
        };
        g.text(&contact, &format!("{VCARD}fn"), name, "de");
        if !d.contact_email.trim().is_empty() {
            g.add_iri(
                &contact,
                &format!("{VCARD}hasEmail"),
                &format!("mailto:{}", d.contact_email.trim()),
            );
        }
    }
    g.datatyped(
        &ds,
        &format!("{DCT}issued"),
        date_time(d.issued_at),
        xsd::DATE_TIME,
    );
    g.datatyped(
        &ds,
        &format!("{DCT}modified"),
        date_time(d.modified_at),
        xsd::DATE_TIME,
    );
    let landing = if teilhabe_domain::catalog::is_web_url(&d.landing_page) {
        d.landing_page.trim().to_string()
    } else {
        page_iri.clone()
    };
    if let Some(l) = g.add_iri(&ds, &format!("{DCAT}landingPage"), &landing) {
        g.typed(&l, &format!("{FOAF}Document"));
    }
    if ACCESS_RIGHTS.contains(&d.access_rights) {
        g.concept(
            &ds,
            &format!("{DCT}accessRights"),
            &ACCESS_RIGHTS.iri(&d.access_rights),
            &format!("{DCT}RightsStatement"),
            scheme_of(ACCESS_RIGHTS.base),
        );
    }
    for dist in distributions {
        let node = distribution(g, page, cx, d, dist);
        g.add(&ds, &format!("{DCAT}distribution"), node);
    }
    ds
}

fn distribution(
    g: &mut Graph,
    page: &ExportPage,
    cx: &Context<'_>,
    d: &DatasetRecord,
    dist: &DistributionRecord,
) -> NamedNode {
    let node = NamedNode::new_unchecked(format!("{}#verteilung-{}", cx.dataset_page(d), dist.id));
    g.typed(&node, &format!("{DCAT}Distribution"));
    g.text(&node, &format!("{DCT}title"), &dist.title, "de");
    g.text(&node, &format!("{DCT}description"), &dist.description, "de");
    let is_file = dist.kind == "file";
    let access = if is_file {
        cx.download_url(d, dist)
    } else {
        dist.access_url.trim().to_string()
    };
    g.add_iri(&node, &format!("{DCAT}accessURL"), &access);
    if is_file {
        g.add_iri(&node, &format!("{DCAT}downloadURL"), &access);
    }
    if FILE_TYPES.contains(&dist.format) {
        g.concept(
            &node,
            &format!("{DCT}format"),
            &FILE_TYPES.iri(&dist.format),
            &format!("{DCT}MediaTypeOrExtent"),
            scheme_of(FILE_TYPES.base),
        );
    }
    if LICENSES.contains(&dist.license) {
        g.concept(
            &node,
            &format!("{DCT}license"),
            &LICENSES.iri(&dist.license),
            &format!("{DCT}LicenseDocument"),
            scheme_of(LICENSES.base),
        );
        if ATTRIBUTION_LICENSES.contains(&dist.license.as_str()) {
            g.text(
                &node,
                &format!("{DCATDE}licenseAttributionByText"),
                &page.publisher.name,
                "de",
            );
        }
    }
    if let Some(size) = dist.byte_size.filter(|s| *s >= 0) {
        g.datatyped(
            &node,
            &format!("{DCAT}byteSize"),
            size.to_string(),
            xsd::NON_NEGATIVE_INTEGER,
        );
    }
    if is_file && !dist.sha256.is_empty() {
        let sum = NamedNode::new_unchecked(format!("{}-pruefsumme", node.as_str()));
        g.add(&node, &format!("{SPDX}checksum"), sum.clone());
        g.typed(&sum, &format!("{SPDX}Checksum"));
        let algorithm = NamedNode::new_unchecked(format!("{SPDX}checksumAlgorithm_sha256"));
        g.add(&sum, &format!("{SPDX}algorithm"), algorithm.clone());
        g.typed(&algorithm, &format!("{SPDX}ChecksumAlgorithm"));
        g.datatyped(
            &sum,
            &format!("{SPDX}checksumValue"),
            dist.sha256.to_lowercase(),
            xsd::HEX_BINARY,
        );
    }
    if !dist.media_type.is_empty() && !dist.media_type.contains(char::is_whitespace) {
        let media = format!("{IANA_MEDIA_TYPES}{}", dist.media_type);
        if let Some(m) = g.add_iri(&node, &format!("{DCAT}mediaType"), &media) {
            g.typed(&m, &format!("{DCT}MediaType"));
        }
    }
    g.datatyped(
        &node,
        &format!("{DCT}issued"),
        date_time(dist.created_at),
        xsd::DATE_TIME,
    );
    g.datatyped(
        &node,
        &format!("{DCT}modified"),
        date_time(dist.modified_at),
        xsd::DATE_TIME,
    );
    node
}

/// The triples in `format`.
pub fn serialize(triples: &[Triple], format: Format) -> std::io::Result<Vec<u8>> {
    let prefix_error = |e: oxrdf::IriParseError| std::io::Error::other(e.to_string());
    match format {
        Format::Turtle => {
            let mut s = oxttl::TurtleSerializer::new();
            for (p, iri) in PREFIXES {
                s = s.with_prefix(*p, *iri).map_err(prefix_error)?;
            }
            let mut w = s.for_writer(Vec::new());
            for t in triples {
                w.serialize_triple(t)?;
            }
            w.finish()
        }
        Format::RdfXml => {
            let mut s = oxrdfxml::RdfXmlSerializer::new();
            for (p, iri) in PREFIXES {
                s = s.with_prefix(*p, *iri).map_err(prefix_error)?;
            }
            let mut w = s.for_writer(Vec::new());
            for t in triples {
                w.serialize_triple(t)?;
            }
            w.finish()
        }
        Format::JsonLd => {
            let mut s = oxjsonld::JsonLdSerializer::new();
            for (p, iri) in PREFIXES {
                s = s.with_prefix(*p, *iri).map_err(prefix_error)?;
            }
            let mut w = s.for_writer(Vec::new());
            for t in triples {
                w.serialize_quad(t.as_ref().in_graph(oxrdf::GraphNameRef::DefaultGraph))?;
            }
            w.finish()
        }
    }
}
