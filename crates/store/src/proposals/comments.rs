//! Comments on proposals, replies and their thread order.

use super::{check_offline, contributor, notify_user, Comment, Offline, Proposals};
use crate::search::{self, Kind};
use crate::{params, Result, StoreError, Tenant};
use serde::Deserialize;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::proposal::{self, Channel};
use teilhabe_domain::{Actor, FieldErrors};

/// A `comments` row with its author's name (NULL for an anonymous offline
/// comment, shown as "").
#[derive(Deserialize)]
pub(super) struct CommentRow {
    id: i64,
    parent_id: Option<i64>,
    author_id: Option<i64>,
    author_name: Option<String>,
    channel: String,
    body: String,
    hidden_at: Option<i64>,
    hidden_reason: Option<String>,
    created_at: i64,
}

impl From<CommentRow> for Comment {
    fn from(r: CommentRow) -> Comment {
        Comment {
            id: r.id,
            parent_id: r.parent_id,
            author_id: r.author_id,
            author_name: r.author_name.unwrap_or_default(),
            channel: Channel::stored(&r.channel),
            body: r.body,
            hidden: r.hidden_at.is_some(),
            hidden_reason: r.hidden_reason,
            created_at: r.created_at,
            depth: 0,
        }
    }
}

#[derive(Deserialize)]
struct AuthorRow {
    author_id: Option<i64>,
}

/// Orders comments as a thread: roots by time, each followed by its replies.
pub fn thread(mut flat: Vec<Comment>) -> Vec<Comment> {
    flat.sort_by_key(|c| c.id);
    // Children per parent, in id order; one pass instead of a scan per node.
    let mut children: std::collections::HashMap<Option<i64>, Vec<usize>> =
        std::collections::HashMap::new();
    for (i, c) in flat.iter().enumerate() {
        children.entry(c.parent_id).or_default().push(i);
    }
    let mut out = Vec::with_capacity(flat.len());
    // Depth-first with an explicit stack: a long reply chain cannot overflow it.
    let mut stack: Vec<(usize, usize)> = children
        .get(&None)
        .map(|v| v.iter().rev().map(|&i| (i, 0)).collect())
        .unwrap_or_default();
    while let Some((i, depth)) = stack.pop() {
        let mut c = flat[i].clone();
        c.depth = depth.min(6);
        if let Some(kids) = children.get(&Some(c.id)) {
            stack.extend(kids.iter().rev().map(|&k| (k, depth + 1)));
        }
        out.push(c);
    }
    out
}

impl Proposals<'_> {
    /// Comments on a proposal, optionally as a reply; or records an offline comment.
    pub async fn comment(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        proposal_id: i64,
        parent_id: Option<i64>,
        body: &str,
        offline: Option<Offline>,
    ) -> Result<i64> {
        let p = self.row(tenant, proposal_id).await?;
        let process = self.store.processes().by_id(tenant, p.process_id).await?;
        let facts = process.facts();
        let target = Target::Contribution {
            process: &facts,
            author_id: p.author_id,
            hidden: p.hidden,
        };
        if offline.is_some() {
            decide(actor, Action::RecordOffline, &target)?;
        } else {
            decide(actor, Action::Comment, &target)?;
        }
        check_offline(&offline)?;
        let mut e = FieldErrors::new();
        e.text("body", body, 2, proposal::COMMENT_MAX);
        e.into_result()?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let parent_author = match parent_id {
            Some(pid) => {
                let r: AuthorRow = w
                    .opt_as(
                        "SELECT author_id FROM comments WHERE id = $1 AND proposal_id = $2",
                        params![pid, proposal_id],
                    )
                    .await?
                    .ok_or_else(|| {
                        let mut e = FieldErrors::new();
                        e.add("parent_id", "error-parent-comment");
                        StoreError::Invalid(e)
                    })?;
                r.author_id
            }
            None => None,
        };
        let (author, channel, name, recorded_by) = contributor(actor, &offline);
        let id = w
            .insert(
                "INSERT INTO comments (municipality_id, proposal_id, parent_id, author_id, channel, offline_name, recorded_by, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                params![tenant.id, proposal_id, parent_id, author, channel.as_str(), name, recorded_by, body.trim(), now],
            )
            .await?;
        w.exec(
            "UPDATE proposals SET comment_count = comment_count + 1 WHERE id = $1",
            params![proposal_id],
        )
        .await?;
        search::index(
            &mut w,
            tenant.id,
            Kind::Comment,
            id,
            Some(p.process_id),
            &p.title,
            body.trim(),
        )
        .await?;
        if let Some(pa) = parent_author.filter(|pa| Some(*pa) != actor.user_id) {
            notify_user(
                &mut w,
                tenant,
                now,
                pa,
                "reply",
                &p.title,
                &format!("/proposals/{proposal_id}#comment-{id}"),
            )
            .await?;
        }
        w.audit(actor, "comment.created", format!("comment:{id}"), serde_json::json!({"proposal": proposal_id, "parent": parent_id, "channel": channel.as_str()}));
        w.commit().await?;
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: i64, parent: Option<i64>) -> Comment {
        Comment {
            id,
            parent_id: parent,
            author_id: None,
            author_name: String::new(),
            channel: Channel::Online,
            body: String::new(),
            hidden: false,
            hidden_reason: None,
            created_at: 0,
            depth: 0,
        }
    }

    #[test]
    fn replies_follow_their_parent() {
        let t = thread(vec![
            c(1, None),
            c(2, None),
            c(3, Some(1)),
            c(4, Some(3)),
            c(5, Some(2)),
        ]);
        let order: Vec<_> = t.iter().map(|c| (c.id, c.depth)).collect();
        assert_eq!(order, vec![(1, 0), (3, 1), (4, 2), (2, 0), (5, 1)]);
    }
}
