//! What every operation of the API has in common, added to the generated
//! document in one place instead of on each of the 30-odd annotations, so
//! that a client (and schemathesis, `scripts/test-api-schemathesis.sh`)
//! can rely on it:
//!
//! - the errors any operation can answer, each as problem+json: 400 (a
//!   malformed path, query or body), 401 (a refused token, or none where
//!   one is needed), 403, 404, 409, 413, 415, 422, 429;
//! - ids are positive: an integer path parameter and the integer query
//!   parameters that name a thing (`revision`) have `minimum: 1`, as
//!   `params::parse_id` requires.

use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{Schema, SchemaType, Type};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, ResponseBuilder};

/// Status and description of the errors every operation documents.
const ERRORS: &[(&str, &str)] = &[
    (
        "400",
        "Malformed request: a path or query value or the body does not parse.",
    ),
    (
        "401",
        "The API token is missing where needed, malformed, unknown or revoked.",
    ),
    ("403", "The token's person may not do this."),
    ("404", "Not found (or not visible to the token's person)."),
    (
        "409",
        "Not possible in the current state (for example: closed, already done).",
    ),
    ("413", "The body is too large."),
    ("415", "The body is not JSON."),
    ("422", "Invalid input: each field with its reason."),
    ("429", "Too many requests: try again later (Retry-After)."),
];

/// Integer query parameters that are ids.
const ID_QUERY: &[&str] = &["revision"];

pub(crate) fn apply(doc: &mut OpenApi) {
    for item in doc.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            document_errors(op);
            positive_ids(op);
        }
    }
}

fn document_errors(op: &mut Operation) {
    for (status, description) in ERRORS {
        op.responses
            .responses
            .entry((*status).to_string())
            .or_insert_with(|| {
                RefOr::T(
                    ResponseBuilder::new()
                        .description(*description)
                        .content(
                            "application/problem+json",
                            ContentBuilder::new()
                                .schema(Some(Ref::from_schema_name("Problem")))
                                .build(),
                        )
                        .build(),
                )
            });
    }
}

fn positive_ids(op: &mut Operation) {
    for p in op.parameters.iter_mut().flatten() {
        let is_id = match p.parameter_in {
            ParameterIn::Path => true,
            ParameterIn::Query => ID_QUERY.contains(&p.name.as_str()),
            _ => false,
        };
        if !is_id {
            continue;
        }
        if let Some(RefOr::T(Schema::Object(o))) = &mut p.schema {
            let integer = matches!(&o.schema_type, SchemaType::Type(Type::Integer))
                || matches!(&o.schema_type, SchemaType::Array(types) if types.contains(&Type::Integer));
            if integer && o.minimum.is_none() {
                o.minimum = Some(utoipa::Number::Int(1));
            }
        }
    }
}
