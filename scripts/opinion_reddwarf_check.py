"""Checks a Polis export folder written by `teilhabe export polis` with
red-dwarf 0.4.0 (PyPI red-dwarf, a Python re-implementation of the Polis
pipeline). Used by scripts/test-opinion-reddwarf.sh.

    python opinion_reddwarf_check.py DIR [--min-ari X]

Loading: red-dwarf's Loader reads local files only as its own JSON
(Loader(filepaths=[...]) accepts votes.json, comments.json, conversation.json,
math-pca2.json and raises "Unknown file type" for anything else). Polis CSV
export folders it reads only over HTTP: Loader(directory_url=...) ->
load_remote_export_data(), which fetches comments.csv and votes.csv with
self.session.get(), parses each row with reddwarf.models.Statement / Vote,
keeps each voter's latest vote (filter_duplicate_votes(keep="recent")), and
then, because Polis's comments.csv has no is-meta column, asks the pol.is API
for the comments (red-dwarf issues 55/56; without network that raises
ValueError). So we run exactly those loader steps on the local folder: an
empty Loader() (loads nothing, opens no HTTP client), a session stand-in
whose get() reads the local file, then the loader's own
load_remote_export_data_comments/_votes and filter_duplicate_votes. Only the
is-meta API patch is left out; no network is used.

Assertions (each prints "ok: ..." or "FAIL: ..."; the last line is
"N passed, N failed"; exit status 1 on any failure):
  - red-dwarf sees as many statements, participants and (latest) votes as
    comments.csv and votes.csv hold, counted here with the csv module;
  - every latest vote has the same value for red-dwarf as for us;
  - the same statements are moderated out (moderated = -1);
  - participants-votes.csv holds the same vote matrix as red-dwarf builds;
  - red-dwarf's Polis pipeline (reddwarf.implementations.polis.run_pipeline:
    PCA, k-means with silhouette, min. 7 votes) clusters the same
    participants as our group-id column, and the adjusted Rand index of its
    groups against ours is at least --min-ari.
"""

import argparse
import csv
import os
import sys
import types
import warnings

warnings.filterwarnings("ignore")

from reddwarf.data_loader import Loader  # noqa: E402
from reddwarf.implementations import polis  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402

passed = 0
failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok: {what}")
    else:
        failed += 1
        print(f"FAIL: {what}" + (f" ({detail})" if detail else ""))


class LocalFolder:
    """Stands in for the requests session of red-dwarf's CSV-export loader."""

    def get(self, url):
        with open(url, encoding="utf-8", newline="") as f:
            return types.SimpleNamespace(text=f.read())


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--min-ari", type=float, default=0.8)
    args = ap.parse_args()
    d = args.dir.rstrip("/") + "/"
    name = os.path.basename(d.rstrip("/"))

    # Our side, straight from the files.
    comments = read_csv(d + "comments.csv")
    latest = {}  # (voter, comment) -> (timestamp, row index, vote)
    for i, r in enumerate(read_csv(d + "votes.csv")):
        key = (r["voter-id"], r["comment-id"])
        cand = (int(r["timestamp"]), i, int(float(r["vote"])))
        if key not in latest or cand[:2] >= latest[key][:2]:
            latest[key] = cand
    our_votes = {(int(p), int(c)): v[2] for (p, c), v in latest.items()}
    our_participants = {p for p, _ in our_votes}
    our_mod_out = {int(c["comment-id"]) for c in comments if int(c["moderated"]) == -1}
    pv = read_csv(d + "participants-votes.csv")
    fixed = {"participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"}
    our_groups = {int(r["participant"]): int(r["group-id"]) for r in pv if r["group-id"] != ""}
    pv_votes = {
        (int(r["participant"]), int(c)): int(float(v))
        for r in pv
        for c, v in r.items()
        if c not in fixed and v != ""
    }

    # red-dwarf's side.
    loader = Loader()
    loader.session = LocalFolder()
    loader.load_remote_export_data_comments(d)
    loader.load_remote_export_data_votes(d)
    loader.filter_duplicate_votes(keep="recent")
    rd_votes = {(v["participant_id"], v["statement_id"]): v["vote"] for v in loader.votes_data}
    rd_participants = {p for p, _ in rd_votes}
    rd_mod_out = {c["statement_id"] for c in loader.comments_data if c["moderated"] == -1}

    check(len(loader.comments_data) == len(comments),
          f"{name}: statements: red-dwarf {len(loader.comments_data)}, comments.csv {len(comments)}")
    check(len(rd_participants) == len(our_participants),
          f"{name}: participants: red-dwarf {len(rd_participants)}, votes.csv {len(our_participants)}")
    check(len(rd_votes) == len(our_votes),
          f"{name}: latest votes: red-dwarf {len(rd_votes)}, votes.csv {len(our_votes)}"
          f" ({len(loader.skipped_dup_votes)} superseded)")
    differ = sum(1 for k, v in our_votes.items() if rd_votes.get(k) != v)
    check(differ == 0, f"{name}: latest vote values agree", f"{differ} differ")
    check(rd_mod_out == our_mod_out,
          f"{name}: moderated out: red-dwarf {sorted(rd_mod_out)}, comments.csv {sorted(our_mod_out)}")
    check(pv_votes == rd_votes,
          f"{name}: participants-votes.csv matrix equals red-dwarf's",
          f"{len(set(pv_votes.items()) ^ set(rd_votes.items()))} cells differ")

    result = polis.run_pipeline(
        votes=loader.votes_data,
        mod_out_statement_ids=sorted(rd_mod_out),
        random_state=0,
    )
    labels = result.participants_df["cluster_id"].dropna()
    rd_groups = {int(p): int(g) for p, g in labels.items()}
    check(set(rd_groups) == set(our_groups),
          f"{name}: clustered participants: red-dwarf {len(rd_groups)}, ours {len(our_groups)}",
          f"only red-dwarf {len(set(rd_groups) - set(our_groups))}, only ours {len(set(our_groups) - set(rd_groups))}")
    both = sorted(set(rd_groups) & set(our_groups))
    ari = adjusted_rand_score([our_groups[p] for p in both], [rd_groups[p] for p in both]) if both else float("nan")
    check(ari >= args.min_ari,
          f"{name}: adjusted Rand index {ari:.3f} >= {args.min_ari} over {len(both)} participants"
          f" (groups: red-dwarf {len(set(rd_groups.values()))}, ours {len(set(our_groups.values()))})")

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
