"""Checks Polis export folders written by `teilhabe export polis` with
red-dwarf 0.4.0 (PyPI red-dwarf, a Python re-implementation of the Polis
pipeline). Used by scripts/test-opinion-reddwarf.sh.

    python opinion_reddwarf_check.py --folder DIR MIN_ARI [--folder ...]
                                     [--round-trip ORIGINAL COPY]
                                     [--variant DIR EXPORTED ...]
                                     [--teilhabe BIN --separated DIR ...]

Loading. red-dwarf's Loader reads local files only as its own JSON:
Loader(filepaths=[...]) (data_loader.py, load_file_data) takes votes.json,
comments.json, conversation.json and math-pca2.json and raises "Unknown file
type" for anything else. Polis CSV export folders it reads only over HTTP:
Loader(directory_url=...) -> load_remote_export_data(), which fetches
comments.csv and votes.csv with self.session.get(), parses every row with
reddwarf.models.Statement / Vote, keeps each voter's latest vote
(filter_duplicate_votes(keep="recent")) and then, because Polis's
comments.csv has no is-meta column, fetches the comments again from the
pol.is API (red-dwarf issues 55/56; without network that is a ValueError).
So we run exactly those loader steps on the local folder: an empty Loader()
(loads nothing, opens no HTTP client), a session stand-in whose get() reads
the local file, then the loader's own load_remote_export_data_comments /
_votes and filter_duplicate_votes. Only the is-meta API patch is left out;
nothing here uses the network.

red-dwarf's models require integer ids, as Polis writes them: comment-id,
voter-id and author-id must be non-negative integers. If a folder has other
ids, that is reported as a failure, and the remaining checks run on a copy in
which each such id is replaced by an unused integer (consistently across the
files), so that the analysis is still compared.

Assertions per folder (each prints "ok: ..." or "FAIL: ..."; the last line is
"N passed, N failed"; exit status 1 on any failure):
  - red-dwarf's models accept every row of comments.csv and votes.csv;
  - participants-votes.csv lists the same participant ids as votes.csv;
  - red-dwarf sees as many statements, participants and latest votes as
    comments.csv and votes.csv hold (counted here with the csv module,
    keeping each voter's latest vote per comment), with the same values;
  - the same statements are moderated out (moderated = -1);
  - participants-votes.csv holds the same vote matrix;
  - red-dwarf's Polis pipeline (reddwarf.implementations.polis.run_pipeline:
    PCA, k-means with silhouette, at least 7 votes) clusters the same
    participants as our group-id column, and the adjusted Rand index of its
    groups against ours is at least MIN_ARI.
With --variant (a folder of testdata/polis/variants/ and our export of its
import): red-dwarf's loader reads DIR itself, and its statements, texts,
moderation and latest votes must equal what our import read (EXPORTED); a
participants-votes.csv in DIR (with `xid` or `comment-<id>` columns) must hold
red-dwarf's vote matrix. What red-dwarf does not read is printed as "note:"
(never skipped silently): files its CSV loader ignores (participants-votes.csv,
summary.csv), values its models reject (an empty is-meta; the check goes on
without that column), and groups (its pipeline needs participants with 7 votes;
the variants are 3-participant folders).
With --separated (a folder written by the opinion crate's example
`separated`: two planted groups that Polis separates perfectly, the planted
group of each participant in participants-votes.csv's `group-id`): runs our
analysis (`BIN opinion analyze --polis DIR --format json`) and red-dwarf's
pipeline on the folder, prints the adjusted Rand index of each against the
planted groups (unplaced participants count as a group of their own), and
fails if ours is lower than red-dwarf's.
With --round-trip: COPY (ORIGINAL imported into another process and exported
again) has the same statements, moderation, authors, latest votes and groups.
"""

import argparse
import csv
import os
import json
import shutil
import subprocess
import sys
import tempfile
import types
import warnings

warnings.filterwarnings("ignore")

import pydantic  # noqa: E402
from reddwarf.data_loader import Loader  # noqa: E402
from reddwarf.implementations import polis  # noqa: E402
from reddwarf.models import Statement, Vote  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402

passed = 0
failed = 0
noted = 0
FIXED = ["participant", "xid", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"]


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
        r = csv.DictReader(f)
        return r.fieldnames, list(r)


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def rejected_rows(rows, model):
    """Rows red-dwarf's pydantic model rejects, as (line, first error)."""
    bad = []
    for line, row in enumerate(rows, start=2):
        try:
            model(**row)
        except pydantic.ValidationError as e:
            err = e.errors()[0]
            bad.append((line, f"{err['loc'][0]}={err.get('input')!r}: {err['msg']}"))
    return bad


def is_id(s):
    return s.isdigit()


def integer_copy(d, name, tmp):
    """Checks that red-dwarf's models accept the files; if not, writes a copy
    with integer ids to tmp and returns its path."""
    ch, comments = read_csv(os.path.join(d, "comments.csv"))
    vh, votes = read_csv(os.path.join(d, "votes.csv"))
    ph, pv = read_csv(os.path.join(d, "participants-votes.csv"))
    ok = True
    for file, rows, model in (("comments.csv", comments, Statement), ("votes.csv", votes, Vote)):
        bad = rejected_rows(rows, model)
        ok = ok and not bad
        check(not bad, f"{name}: red-dwarf accepts all {len(rows)} rows of {file}",
              f"{len(bad)} rejected, first: line {bad[0][0]}: {bad[0][1]}" if bad else "")
    voters = {r["voter-id"] for r in votes}
    listed = {r["participant"] for r in pv}
    check(voters <= listed,
          f"{name}: participants-votes.csv lists every voter of votes.csv"
          f" ({len(listed)} rows, {len(voters)} voters)",
          f"{len(voters - listed)} missing")
    if ok:
        return d

    # Renumber every non-integer id to an unused integer (same map in all files).
    def renumber(ids):
        nums = [int(i) for i in ids if is_id(i)]
        nxt = max(nums, default=-1) + 1
        m = {}
        for i in sorted(set(ids)):
            if not is_id(i):
                m[i] = str(nxt)
                nxt += 1
        return m

    people = renumber([r["voter-id"] for r in votes] + [r["participant"] for r in pv]
                      + [r["author-id"] for r in comments])
    stmts = renumber([r["comment-id"] for r in comments])
    for r in votes:
        r["voter-id"] = people.get(r["voter-id"], r["voter-id"])
        r["comment-id"] = stmts.get(r["comment-id"], r["comment-id"])
    for r in comments:
        r["author-id"] = people.get(r["author-id"], r["author-id"])
        r["comment-id"] = stmts.get(r["comment-id"], r["comment-id"])
    for r in pv:
        r["participant"] = people.get(r["participant"], r["participant"])
    pv = [{stmts.get(k, k): v for k, v in r.items()} for r in pv]
    ph = [stmts.get(k, k) for k in ph]
    out = os.path.join(tempfile.mkdtemp(dir=tmp), name)
    os.makedirs(out)
    write_csv(os.path.join(out, "comments.csv"), ch, comments)
    write_csv(os.path.join(out, "votes.csv"), vh, votes)
    write_csv(os.path.join(out, "participants-votes.csv"), ph, pv)
    print(f"   {name}: continuing on a copy with integer ids ({len(people)} participant/author ids"
          f"{' incl. empty author-id' if '' in people else ''}, {len(stmts)} comment ids replaced)")
    return out


def ours(d):
    """Statements, latest votes, moderation and groups, from the csv files."""
    _, comments = read_csv(os.path.join(d, "comments.csv"))
    _, votes = read_csv(os.path.join(d, "votes.csv"))
    _, pv = read_csv(os.path.join(d, "participants-votes.csv"))
    latest = {}  # (voter, comment) -> (timestamp, row index, vote)
    for i, r in enumerate(votes):
        key = (r["voter-id"], r["comment-id"])
        cand = (int(r["timestamp"]), i, int(float(r["vote"])))
        if key not in latest or cand[:2] >= latest[key][:2]:
            latest[key] = cand
    return types.SimpleNamespace(
        statements={c["comment-id"]: (c["comment-body"], int(c["moderated"])) for c in comments},
        authors={c["comment-id"]: c["author-id"] for c in comments},
        votes={k: v[2] for k, v in latest.items()},
        mod_out={c["comment-id"] for c in comments if int(c["moderated"]) == -1},
        groups={r["participant"]: r["group-id"] for r in pv if r["group-id"] != ""},
        pv_votes={(r["participant"], c): int(float(v)) for r in pv for c, v in r.items()
                  if c not in FIXED and v != ""},
    )


def red_dwarf_load(d):
    """red-dwarf's CSV-export loader steps on the local folder d: the loader,
    its latest votes {(participant, statement): vote} and moderated-out ids."""
    loader = Loader()  # no source: loads nothing, creates no HTTP client
    loader.session = LocalFolder()
    loader.load_remote_export_data_comments(d + os.sep)
    loader.load_remote_export_data_votes(d + os.sep)
    loader.filter_duplicate_votes(keep="recent")
    rd_votes = {(v["participant_id"], v["statement_id"]): v["vote"] for v in loader.votes_data}
    rd_mod_out = {c["statement_id"] for c in loader.comments_data if c["moderated"] == -1}
    return loader, rd_votes, rd_mod_out


def note(what):
    global noted
    noted += 1
    print(f"note: {what}")


def readable_copy(d, name, tmp):
    """d itself if red-dwarf's models accept every row of its comments.csv and
    votes.csv; otherwise says which values red-dwarf cannot read and returns a
    copy without their columns."""
    out = None
    for file, model in (("comments.csv", Statement), ("votes.csv", Vote)):
        header, rows = read_csv(os.path.join(d, file))
        dropped = []
        for line, row in enumerate(rows, start=2):
            row = dict(row)
            while True:
                try:
                    model(**row)
                    break
                except pydantic.ValidationError as e:
                    field = e.errors()[0]["loc"][0]
                    if field not in row:
                        raise
                    dropped.append((line, field, row.pop(field)))
        if dropped:
            columns = sorted({f for _, f, _ in dropped})
            note(f"{name}: red-dwarf 0.4.0 cannot read {file}: it rejects "
                 + "; ".join(f"line {line}: {f}={v!r}" for line, f, v in dropped)
                 + f"; checking the rest without column(s) {', '.join(columns)}")
            if out is None:
                out = os.path.join(tempfile.mkdtemp(dir=tmp), os.path.basename(os.path.normpath(d)))
                shutil.copytree(d, out)
            header = [c for c in header if c not in columns]
            write_csv(os.path.join(out, file), header, [{c: r[c] for c in header} for r in rows])
    return out or d


def pv_matrix(d):
    """The vote matrix of d's participants-votes.csv, with the comment columns
    of either naming (`<id>` or `comment-<id>`) and without the fixed columns
    (including `xid`)."""
    header, pv = read_csv(os.path.join(d, "participants-votes.csv"))
    cols = [c for c in header if c not in FIXED]
    return {(int(r["participant"]), int(c.removeprefix("comment-"))): int(float(r[c]))
            for r in pv for c in cols if r[c] != ""}


def check_variant(orig, exported, tmp):
    """Red-dwarf reads the variant folder orig as our import read it (our
    export of that import is `exported`)."""
    name = f"variant {os.path.basename(os.path.normpath(orig))}"
    for f in sorted(os.listdir(orig)):
        if f not in ("comments.csv", "votes.csv"):
            note(f"{name}: red-dwarf's CSV-export loader does not read {f}"
                 + ("; its vote matrix is compared with red-dwarf's votes below"
                    if f == "participants-votes.csv" else ""))
    loader, rd_votes, rd_mod_out = red_dwarf_load(readable_copy(orig, name, tmp))
    our = ours(exported)
    our_votes = {(int(p), int(c)): v for (p, c), v in our.votes.items()}
    rd_statements = {c["statement_id"]: (c["txt"], c["moderated"]) for c in loader.comments_data}
    our_statements = {int(c): v for c, v in our.statements.items()}
    check(rd_statements == our_statements,
          f"{name}: same statements, texts and moderation: red-dwarf {len(rd_statements)},"
          f" our import {len(our_statements)}",
          f"red-dwarf {rd_statements}, ours {our_statements}")
    check(rd_votes == our_votes,
          f"{name}: same latest votes: red-dwarf {len(rd_votes)}, our import {len(our_votes)}"
          f" ({len(loader.skipped_dup_votes)} superseded)",
          f"{len(set(rd_votes.items()) ^ set(our_votes.items()))} differ")
    check(rd_mod_out == {int(c) for c in our.mod_out},
          f"{name}: moderated out: red-dwarf {len(rd_mod_out)}, our import {len(our.mod_out)}")
    if os.path.exists(os.path.join(orig, "participants-votes.csv")):
        pv = pv_matrix(orig)
        check(pv == rd_votes, f"{name}: its participants-votes.csv holds red-dwarf's vote matrix",
              f"{len(set(pv.items()) ^ set(rd_votes.items()))} cells differ")
    per = max((sum(1 for p, _ in rd_votes if p == q) for q, _ in rd_votes), default=0)
    note(f"{name}: groups not compared: red-dwarf's pipeline places only participants with"
         f" at least 7 votes, here at most {per}")


def check_folder(d, min_ari, tmp):
    name = os.path.basename(os.path.normpath(d))
    d = integer_copy(d, name, tmp)
    our = ours(d)
    our_votes = {(int(p), int(c)): v for (p, c), v in our.votes.items()}
    our_groups = {int(p): int(g) for p, g in our.groups.items()}

    loader, rd_votes, rd_mod_out = red_dwarf_load(d)
    rd_people = {p for p, _ in rd_votes}
    our_people = {p for p, _ in our_votes}

    check(len(loader.comments_data) == len(our.statements),
          f"{name}: statements: red-dwarf {len(loader.comments_data)}, comments.csv {len(our.statements)}")
    check(len(rd_people) == len(our_people),
          f"{name}: participants: red-dwarf {len(rd_people)}, votes.csv {len(our_people)}")
    differ = sum(1 for k, v in our_votes.items() if rd_votes.get(k) != v)
    check(len(rd_votes) == len(our_votes) and differ == 0,
          f"{name}: latest votes: red-dwarf {len(rd_votes)}, votes.csv {len(our_votes)}"
          f" ({len(loader.skipped_dup_votes)} superseded)", f"{differ} differ")
    mod_out = {int(c) for c in our.mod_out}
    check(rd_mod_out == mod_out,
          f"{name}: moderated out: red-dwarf {len(rd_mod_out)}, comments.csv {len(mod_out)} statements",
          f"only red-dwarf {sorted(rd_mod_out - mod_out)}, only comments.csv {sorted(mod_out - rd_mod_out)}")
    pv_votes = {(int(p), int(c)): v for (p, c), v in our.pv_votes.items()}
    check(pv_votes == rd_votes, f"{name}: participants-votes.csv holds the same vote matrix",
          f"{len(set(pv_votes.items()) ^ set(rd_votes.items()))} cells differ")

    rd_groups = red_dwarf_groups(loader, rd_mod_out)
    check(set(rd_groups) == set(our_groups),
          f"{name}: clustered participants: red-dwarf {len(rd_groups)}, ours {len(our_groups)}",
          f"only red-dwarf {len(set(rd_groups) - set(our_groups))}, only ours {len(set(our_groups) - set(rd_groups))}")
    both = sorted(set(rd_groups) & set(our_groups))
    ari = adjusted_rand_score([our_groups[p] for p in both], [rd_groups[p] for p in both]) if both else float("nan")
    check(ari >= min_ari,
          f"{name}: adjusted Rand index {ari:.3f} >= {min_ari} over {len(both)} participants"
          f" (groups: red-dwarf {len(set(rd_groups.values()))}, ours {len(set(our_groups.values()))})")


def red_dwarf_groups(loader, mod_out):
    """red-dwarf's Polis pipeline on the loaded votes: {participant: group}."""
    result = polis.run_pipeline(votes=loader.votes_data, mod_out_statement_ids=sorted(mod_out),
                                random_state=0)
    return {int(p): int(g) for p, g in result.participants_df["cluster_id"].dropna().items()}


def check_separated(d, teilhabe):
    """Our groups agree with the planted groups at least as well as
    red-dwarf's do."""
    name = f"separated {os.path.basename(os.path.normpath(d))}"
    _, pv = read_csv(os.path.join(d, "participants-votes.csv"))
    planted = {int(r["participant"]): int(r["group-id"]) for r in pv}
    out = subprocess.run([teilhabe, "opinion", "analyze", "--polis", d, "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    our_groups = {int(p): int(g) for p, g in json.loads(out)["groups"].items()}
    loader, _, rd_mod_out = red_dwarf_load(d)
    rd_groups = red_dwarf_groups(loader, rd_mod_out)
    people = sorted(planted)
    truth = [planted[p] for p in people]

    def ari(groups):
        return adjusted_rand_score(truth, [groups.get(p, -1) for p in people])

    ours_ari, rd_ari = ari(our_groups), ari(rd_groups)
    check(ours_ari >= rd_ari - 1e-9,
          f"{name}: ARI against the planted groups: ours {ours_ari:.3f}"
          f" (k {len(set(our_groups.values()))}, {len(our_groups)} placed),"
          f" red-dwarf {rd_ari:.3f} (k {len(set(rd_groups.values()))}, {len(rd_groups)} placed)"
          f" of {len(people)} participants",
          "ours is lower than red-dwarf's")


def check_round_trip(a, b):
    x, y = ours(a), ours(b)
    name = f"round trip {os.path.basename(os.path.normpath(a))} -> {os.path.basename(os.path.normpath(b))}"
    check(x.statements == y.statements, f"{name}: same statements, texts and moderation ({len(y.statements)})")
    lost = sorted(c for c in x.authors if x.authors[c] != y.authors.get(c))
    check(not lost, f"{name}: same statement authors",
          f"author-id changed on comments {lost}: {[x.authors[c] for c in lost]} -> {[y.authors.get(c) for c in lost]}")
    check(x.votes == y.votes, f"{name}: same latest votes ({len(y.votes)})",
          f"{len(set(x.votes.items()) ^ set(y.votes.items()))} differ")
    both = sorted(set(x.groups) & set(y.groups))
    same = set(x.groups) == set(y.groups) and adjusted_rand_score(
        [x.groups[p] for p in both], [y.groups[p] for p in both]) == 1.0
    check(same, f"{name}: same opinion groups ({len(both)} participants placed)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--folder", nargs=2, action="append", default=[], metavar=("DIR", "MIN_ARI"))
    ap.add_argument("--round-trip", nargs=2, metavar=("ORIGINAL", "COPY"))
    ap.add_argument("--variant", nargs=2, action="append", default=[], metavar=("DIR", "EXPORTED"))
    ap.add_argument("--teilhabe", metavar="BIN", help="our binary, for --separated")
    ap.add_argument("--separated", action="append", default=[], metavar="DIR")
    args = ap.parse_args()
    if args.separated and not args.teilhabe:
        ap.error("--separated needs --teilhabe BIN")
    with tempfile.TemporaryDirectory() as tmp:
        for d, min_ari in args.folder:
            check_folder(d, float(min_ari), tmp)
        for d, exported in args.variant:
            check_variant(d, exported, tmp)
        for d in args.separated:
            check_separated(d, args.teilhabe)
    if args.round_trip:
        check_round_trip(*args.round_trip)
    if noted:
        print(f"{noted} notes: what red-dwarf does not read or compare (see above)")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
