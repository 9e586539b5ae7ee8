//! Harvesting a DCAT-AP.de endpoint: one page of Turtle or RDF/XML
//! becomes the datasets on it (each as the CKAN-shaped dict that
//! [`super::harvest::from_ckan`] maps, so both sources share one set of
//! rules and defaults) and the address of the next page
//! (`hydra:next`/`hydra:nextPage`).

use oxrdf::{NamedOrBlankNode, Term, Triple};
use serde_json::{json, Value};
use std::collections::HashMap;

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const DCAT: &str = "http://www.w3.org/ns/dcat#";
const DCT: &str = "http://purl.org/dc/terms/";
const VCARD: &str = "http://www.w3.org/2006/vcard/ns#";
const HYDRA: &str = "http://www.w3.org/ns/hydra/core#";
const SCHEMA: &str = "http://schema.org/";

/// The syntax of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Turtle,
    RdfXml,
}

impl Syntax {
    /// From a response's media type (RDF/XML for `application/rdf+xml`
    /// and `…/xml`, else Turtle).
    pub fn of_media_type(media_type: &str) -> Syntax {
        let m = media_type.to_ascii_lowercase();
        if m.contains("rdf+xml") || m.contains("/xml") {
            Syntax::RdfXml
        } else {
            Syntax::Turtle
        }
    }
}

/// The datasets of one page and the next page's address.
#[derive(Debug, Clone, Default)]
pub struct DcatPage {
    pub packages: Vec<Value>,
    pub next: Option<String>,
}

/// Parses one page (`base` resolves relative IRIs).
pub fn parse_page(body: &[u8], syntax: Syntax, base: &str) -> Result<DcatPage, String> {
    let triples: Vec<Triple> = match syntax {
        Syntax::Turtle => {
            let p = oxttl::TurtleParser::new();
            let p = p.clone().with_base_iri(base).unwrap_or(p);
            p.for_slice(body)
                .collect::<Result<_, _>>()
                .map_err(|e| e.to_string())?
        }
        Syntax::RdfXml => {
            let p = oxrdfxml::RdfXmlParser::new();
            let p = p.clone().with_base_iri(base).unwrap_or(p);
            p.for_slice(body)
                .collect::<Result<_, _>>()
                .map_err(|e| e.to_string())?
        }
    };
    let graph = Graph::new(&triples);
    let mut packages = Vec::new();
    for s in graph.subjects_of_type(&format!("{DCAT}Dataset")) {
        packages.push(graph.package(&s));
    }
    let next = graph
        .any_object(&format!("{HYDRA}next"))
        .or_else(|| graph.any_object(&format!("{HYDRA}nextPage")));
    Ok(DcatPage { packages, next })
}

/// Subject key (an IRI, or `_:id`) -> (predicate IRI, object).
struct Graph<'a> {
    by_subject: HashMap<String, Vec<(&'a str, &'a Term)>>,
}

fn key(s: &NamedOrBlankNode) -> String {
    match s {
        NamedOrBlankNode::NamedNode(n) => n.as_str().to_string(),
        NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
    }
}

fn term_key(t: &Term) -> Option<String> {
    match t {
        Term::NamedNode(n) => Some(n.as_str().to_string()),
        Term::BlankNode(b) => Some(format!("_:{}", b.as_str())),
        _ => None,
    }
}

/// The text of a literal or an IRI.
fn term_text(t: &Term) -> Option<String> {
    match t {
        Term::NamedNode(n) => Some(n.as_str().to_string()),
        Term::Literal(l) => Some(l.value().to_string()),
        _ => None,
    }
}

impl<'a> Graph<'a> {
    fn new(triples: &'a [Triple]) -> Self {
        let mut by_subject: HashMap<String, Vec<(&str, &Term)>> = HashMap::new();
        for t in triples {
            by_subject
                .entry(key(&t.subject))
                .or_default()
                .push((t.predicate.as_str(), &t.object));
        }
        Graph { by_subject }
    }

    fn subjects_of_type(&self, class: &str) -> Vec<String> {
        let mut out: Vec<String> = self
            .by_subject
            .iter()
            .filter(|(_, po)| {
                po.iter().any(|(p, o)| {
                    *p == RDF_TYPE && matches!(o, Term::NamedNode(n) if n.as_str() == class)
                })
            })
            .map(|(s, _)| s.clone())
            .collect();
        out.sort();
        out
    }

    fn objects(&self, s: &str, p: &str) -> Vec<&'a Term> {
        self.by_subject
            .get(s)
            .map(|po| {
                po.iter()
                    .filter(|(q, _)| *q == p)
                    .map(|(_, o)| *o)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// One text value, German first, then without language, then any.
    fn text(&self, s: &str, p: &str) -> String {
        let objs = self.objects(s, p);
        let lang = |t: &Term| match t {
            Term::Literal(l) => l.language().map(str::to_string),
            _ => None,
        };
        objs.iter()
            .find(|t| lang(t).as_deref() == Some("de"))
            .or_else(|| objs.iter().find(|t| lang(t).is_none()))
            .or_else(|| objs.first())
            .and_then(|t| term_text(t))
            .unwrap_or_default()
    }

    fn texts(&self, s: &str, p: &str) -> Vec<String> {
        self.objects(s, p)
            .into_iter()
            .filter_map(term_text)
            .collect()
    }

    fn nodes(&self, s: &str, p: &str) -> Vec<String> {
        self.objects(s, p)
            .into_iter()
            .filter_map(term_key)
            .collect()
    }

    fn any_object(&self, p: &str) -> Option<String> {
        let mut found: Vec<String> = self
            .by_subject
            .values()
            .flat_map(|po| {
                po.iter()
                    .filter(|(q, _)| *q == p)
                    .filter_map(|(_, o)| term_text(o))
            })
            .collect();
        found.sort();
        found.into_iter().next()
    }

    /// A dcat:Dataset as a CKAN-shaped package dict.
    fn package(&self, s: &str) -> Value {
        let identifier = self.text(s, &format!("{DCT}identifier"));
        let id = if identifier.is_empty() || s.starts_with("_:") {
            if s.starts_with("_:") {
                identifier
            } else {
                s.to_string()
            }
        } else {
            identifier
        };
        let mut extras = Vec::new();
        let themes = self.texts(s, &format!("{DCAT}theme"));
        if !themes.is_empty() {
            extras.push(json!({"key": "theme", "value": serde_json::to_string(&themes).unwrap_or_default()}));
        }
        for (k, p) in [
            ("frequency", format!("{DCT}accrualPeriodicity")),
            ("access_rights", format!("{DCT}accessRights")),
        ] {
            let v = self.text(s, &p);
            if !v.is_empty() {
                extras.push(json!({"key": k, "value": v}));
            }
        }
        for period in self.nodes(s, &format!("{DCT}temporal")) {
            for (k, names) in [
                ("temporal_start", ["startDate", "startDate"]),
                ("temporal_end", ["endDate", "endDate"]),
            ] {
                let v = first(&[
                    self.text(&period, &format!("{DCAT}{}", names[0])),
                    self.text(&period, &format!("{SCHEMA}{}", names[1])),
                ]);
                if !v.is_empty() {
                    extras.push(json!({"key": k, "value": v}));
                }
            }
        }
        let (mut maintainer, mut email) = (String::new(), String::new());
        for c in self.nodes(s, &format!("{DCAT}contactPoint")) {
            maintainer = first(&[maintainer, self.text(&c, &format!("{VCARD}fn"))]);
            email = first(&[email, self.text(&c, &format!("{VCARD}hasEmail"))]);
        }
        let resources: Vec<Value> = self
            .nodes(s, &format!("{DCAT}distribution"))
            .iter()
            .map(|d| {
                json!({
                    "name": self.text(d, &format!("{DCT}title")),
                    "description": self.text(d, &format!("{DCT}description")),
                    "format": first(&[self.text(d, &format!("{DCT}format")), self.text(d, &format!("{DCAT}mediaType"))]),
                    "url": first(&[self.text(d, &format!("{DCAT}downloadURL")), self.text(d, &format!("{DCAT}accessURL"))]),
                    "license": self.text(d, &format!("{DCT}license")),
                })
            })
            .collect();
        let tags: Vec<Value> = self
            .texts(s, &format!("{DCAT}keyword"))
            .into_iter()
            .map(|k| json!({"name": k}))
            .collect();
        json!({
            "id": id,
            "name": "",
            "title": self.text(s, &format!("{DCT}title")),
            "notes": self.text(s, &format!("{DCT}description")),
            "metadata_modified": first(&[self.text(s, &format!("{DCT}modified")), self.text(s, &format!("{DCT}issued"))]),
            "url": self.text(s, &format!("{DCAT}landingPage")),
            "maintainer": maintainer,
            "maintainer_email": email,
            "license_id": self.text(s, &format!("{DCT}license")),
            "tags": tags,
            "extras": extras,
            "resources": resources,
        })
    }
}

fn first(values: &[String]) -> String {
    values
        .iter()
        .find(|v| !v.trim().is_empty())
        .cloned()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::harvest::{from_ckan, Defaults};
    use super::*;

    const PAGE: &str = r#"
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<https://kreis.example/catalog.ttl?page=1> a hydra:PagedCollection ;
    hydra:totalItems 3 ;
    hydra:nextPage "https://kreis.example/catalog.ttl?page=2" .

<https://kreis.example/datasets/laerm> a dcat:Dataset ;
    dct:identifier "laermkarte-2022" ;
    dct:title "Lärmkarte 2022"@de, "Noise map 2022"@en ;
    dct:description "Straßenlärm nach EU-Umgebungslärmrichtlinie."@de ;
    dct:modified "2024-03-01T10:00:00"^^xsd:dateTime ;
    dcat:keyword "Lärm", "Umwelt" ;
    dcat:theme <http://publications.europa.eu/resource/authority/data-theme/ENVI> ;
    dct:accrualPeriodicity <http://publications.europa.eu/resource/authority/frequency/ANNUAL_2> ;
    dct:temporal [ a dct:PeriodOfTime ; dcat:startDate "2022-01-01"^^xsd:date ] ;
    dcat:contactPoint [ a vcard:Organization ; vcard:fn "Umweltamt" ; vcard:hasEmail <mailto:umwelt@kreis.example> ] ;
    dcat:distribution [ a dcat:Distribution ;
        dct:title "Karte (WMS)" ;
        dcat:accessURL <https://geo.kreis.example/laerm/wms> ;
        dct:format <http://publications.europa.eu/resource/authority/file-type/WMS_SRVC> ;
        dct:license <http://dcat-ap.de/def/licenses/dl-by-de/2.0> ] .
"#;

    #[test]
    fn a_dcat_turtle_page_maps_like_a_ckan_package_and_names_the_next_page() {
        let page = parse_page(PAGE.as_bytes(), Syntax::Turtle, "https://kreis.example/").unwrap();
        assert_eq!(
            page.next.as_deref(),
            Some("https://kreis.example/catalog.ttl?page=2")
        );
        assert_eq!(page.packages.len(), 1);
        let h = from_ckan(&page.packages[0], &Defaults::default()).unwrap();
        assert_eq!(h.remote_id, "laermkarte-2022");
        assert_eq!(h.modified, "2024-03-01T10:00:00");
        assert_eq!(h.draft.title, "Lärmkarte 2022");
        assert_eq!(h.draft.themes, vec!["ENVI"]);
        assert_eq!(h.draft.accrual_periodicity, "ANNUAL_2");
        assert_eq!(h.draft.temporal_start.as_deref(), Some("2022-01-01"));
        assert_eq!(h.draft.contact_name, "Umweltamt");
        assert_eq!(h.draft.contact_email, "umwelt@kreis.example");
        assert_eq!(h.draft.keywords, vec!["Lärm", "Umwelt"]);
        assert_eq!(h.distributions.len(), 1);
        assert_eq!(h.distributions[0].format, "WMS_SRVC");
        assert_eq!(h.distributions[0].license, "dl-by-de/2.0");
        assert_eq!(
            h.distributions[0].access_url,
            "https://geo.kreis.example/laerm/wms"
        );
    }

    #[test]
    fn rdf_xml_is_read_too_and_broken_syntax_is_an_error() {
        let xml = r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dct="http://purl.org/dc/terms/"
         xmlns:hydra="http://www.w3.org/ns/hydra/core#">
  <hydra:PagedCollection rdf:about="https://kreis.example/catalog.rdf">
    <hydra:next rdf:resource="https://kreis.example/catalog.rdf?page=2"/>
  </hydra:PagedCollection>
  <dcat:Dataset rdf:about="https://kreis.example/datasets/baeume">
    <dct:title>Baumkataster</dct:title>
    <dct:description>Alle Straßenbäume mit Art und Pflanzjahr.</dct:description>
  </dcat:Dataset>
</rdf:RDF>"#;
        let page = parse_page(xml.as_bytes(), Syntax::RdfXml, "https://kreis.example/").unwrap();
        assert_eq!(
            page.next.as_deref(),
            Some("https://kreis.example/catalog.rdf?page=2")
        );
        assert_eq!(page.packages.len(), 1);
        // Without dct:identifier the dataset's IRI is its id.
        assert_eq!(
            page.packages[0]["id"],
            "https://kreis.example/datasets/baeume"
        );
        assert_eq!(page.packages[0]["title"], "Baumkataster");
        assert!(parse_page(b"<a> <b> .", Syntax::Turtle, "https://x.example/").is_err());
        assert_eq!(
            Syntax::of_media_type("application/rdf+xml; charset=utf-8"),
            Syntax::RdfXml
        );
        assert_eq!(Syntax::of_media_type("text/turtle"), Syntax::Turtle);
    }
}
