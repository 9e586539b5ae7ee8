//! The signed checkpoints of the audit log (issue #12): the Ed25519 public
//! key and the signed (sequence number, hash) pairs, for anyone to keep and
//! to check later with `teilhabe audit verify --checkpoints FILE`.

use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::AppState;
use axum::Json;
use serde::Serialize;
use teilhabe_store::checkpoints::Published;
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(Doc::openapi()).routes(routes!(checkpoints))
}

#[derive(OpenApi)]
#[openapi(components(schemas(ApiCheckpoints, ApiCheckpoint)))]
struct Doc;

/// The newest signed checkpoints (at most this many are listed).
pub const LIMIT: i64 = 1000;

/// One signed checkpoint of the chain.
#[derive(Serialize, ToSchema)]
pub struct ApiCheckpoint {
    /// The entry number the checkpoint covers (entries 1 to `seq`).
    pub seq: i64,
    /// The hash of entry `seq`.
    pub hash: String,
    /// When it was signed (milliseconds since 1970, UTC).
    pub at_ms: i64,
    /// Ed25519 signature (hex) of the UTF-8 text
    /// "teilhabe-audit-checkpoint/v1\n{municipality}\n{seq}\n{hash}\n{at_ms}".
    pub signature: String,
}

/// A municipality's checkpoints and the key that signed them.
#[derive(Serialize, ToSchema)]
pub struct ApiCheckpoints {
    /// The municipality's slug (part of the signed text).
    pub municipality: String,
    /// The Ed25519 public key (hex, 32 bytes) of this instance.
    pub public_key: String,
    /// Newest first.
    pub checkpoints: Vec<ApiCheckpoint>,
}

impl From<Published> for ApiCheckpoints {
    fn from(p: Published) -> Self {
        ApiCheckpoints {
            municipality: p.municipality,
            public_key: p.public_key,
            checkpoints: p
                .checkpoints
                .into_iter()
                .map(|c| ApiCheckpoint {
                    seq: c.seq,
                    hash: c.hash,
                    at_ms: c.at_ms,
                    signature: c.signature,
                })
                .collect(),
        }
    }
}

/// The signed checkpoints of the audit log with the public key, newest
/// first (the same JSON that `teilhabe audit verify --checkpoints` reads).
#[utoipa::path(get, path = "/audit/checkpoints", tag = "audit", responses((status = 200, body = ApiCheckpoints)))]
async fn checkpoints(ctx: Ctx) -> AppResult<Json<ApiCheckpoints>> {
    let p = ctx
        .state
        .store
        .audit()
        .published(&ctx.tenant, LIMIT)
        .await?;
    Ok(Json(p.into()))
}
