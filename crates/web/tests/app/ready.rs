//! `/ready` for a load balancer: 200 while the database answers, 503 with a
//! short JSON body when it does not.

use crate::common::{config, Session, TestApp};
use axum::http::StatusCode;
use teilhabe_web::Config;

#[tokio::test]
async fn ready_answers_while_the_database_does_and_503_when_not() {
    // With the page cache on: a readiness answer is never reused.
    let app = TestApp::with_config(Config {
        page_cache_ms: 60_000,
        ..config()
    })
    .await;
    let mut s = Session::default();
    let r = app.get(&mut s, "/ready").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["status"], "ready");
    assert_eq!(r.headers["cache-control"], "no-store");

    app.store.db.close().await;
    let r = app.get(&mut s, "/ready").await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.body);
    assert_eq!(r.json()["status"], "unavailable");
    assert_eq!(r.json()["reason"], "database unreachable");
    // Liveness does not depend on the database.
    let r = app.get(&mut s, "/health").await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "ok"));
}
