//! What the evaluation counts of the opinion maps of a process: votes and
//! participants' statements (not rejected ones, not seed statements), per
//! participant and channel.

use super::OpinionMaps;
use crate::{params, Result, Tenant};
use serde::Deserialize;
use teilhabe_domain::evaluation::{Contribution, ContributionForm, Person};
use teilhabe_domain::proposal::Channel;

/// Opinion-map votes of one participant and channel.
#[derive(Deserialize)]
struct VoteCount {
    participant_id: i64,
    channel: String,
    user_id: Option<i64>,
    n: i64,
}

/// Opinion-map statements of one author.
#[derive(Deserialize)]
struct StatementCount {
    author_participant_id: Option<i64>,
    user_id: Option<i64>,
    channel: String,
    n: i64,
}

/// Opinion-map participants are people (an account, a browser, an
/// imported voter or a numbered paper questionnaire).
fn participant(pid: i64, user: Option<i64>, channel: Channel) -> Person {
    match user {
        Some(id) => Person::Account(id),
        None if channel == Channel::Online => Person::Anonymous(format!("o:{pid}")),
        None => Person::Offline(Some(format!("o:{pid}"))),
    }
}

/// Votes per participant and channel.
const VOTES: &str = "SELECT v.participant_id, v.channel, op.user_id, COUNT(*) AS n FROM opinion_votes v JOIN opinion_participants op ON op.id = v.participant_id WHERE v.process_id = $1 AND v.municipality_id = $2 GROUP BY v.participant_id, v.channel, op.user_id";

/// Participants' statements (not rejected) per author and channel.
const STATEMENTS: &str = "SELECT s.author_participant_id, COALESCE(s.author_user_id, op.user_id) AS user_id, COALESCE(op.channel, 'online') AS channel, COUNT(*) AS n FROM opinion_statements s LEFT JOIN opinion_participants op ON op.id = s.author_participant_id WHERE s.process_id = $1 AND s.municipality_id = $2 AND s.origin = 'participant' AND s.state <> 'rejected' GROUP BY s.author_participant_id, COALESCE(s.author_user_id, op.user_id), COALESCE(op.channel, 'online')";

impl OpinionMaps<'_> {
    /// The opinion maps' contributions to a process.
    pub(crate) async fn contributions(
        &self,
        tenant: &Tenant,
        process_id: i64,
    ) -> Result<Vec<Contribution>> {
        let db = &self.store.db;
        let args = params![process_id, tenant.id];
        let mut out = Vec::new();
        for r in db.all_as::<VoteCount>(VOTES, args).await? {
            let channel = Channel::stored(&r.channel);
            out.push(Contribution {
                form: ContributionForm::OpinionVote,
                person: participant(r.participant_id, r.user_id, channel),
                channel,
                count: r.n,
            });
        }
        for r in db.all_as::<StatementCount>(STATEMENTS, args).await? {
            let channel = Channel::stored(&r.channel);
            let person = match (r.user_id, r.author_participant_id) {
                (Some(u), _) => Person::Account(u),
                (None, Some(pid)) => participant(pid, None, channel),
                (None, None) => Person::of(None, channel),
            };
            out.push(Contribution {
                form: ContributionForm::OpinionStatement,
                person,
                channel,
                count: r.n,
            });
        }
        Ok(out)
    }
}
