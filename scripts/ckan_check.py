"""Checks teilhabe's CKAN Action API with the real ckanapi client.

Usage: ckan_check.py BASE_URL DUMP_FILE EXPECTED_SEEDED
BASE_URL is the server (RemoteCKAN appends api/action/...), DUMP_FILE the
output of `ckanapi dump datasets --all -r BASE_URL`, EXPECTED_SEEDED how
many datasets catalog_seed created (the catalog holds at least these).
Runs every check with POST (ckanapi's default) and with get_only=True and
ends with the line "N passed, N failed".
"""
import json
import sys

import ckanapi

base, dump_file, seeded = sys.argv[1], sys.argv[2], int(sys.argv[3])
passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def run(get_only):
    tag = "GET" if get_only else "POST"
    ckan = ckanapi.RemoteCKAN(base, get_only=get_only)
    a = ckan.action
    status = a.status_show()
    check(f"{tag} status_show", status.get("ckan_version", "").startswith("2.10"), status)

    names = a.package_list()
    check(f"{tag} package_list has the seeded datasets", len(names) >= seeded, len(names))
    check(f"{tag} package_list sorted, unique", names == sorted(set(names)))
    page = a.package_list(limit=10, offset=5)
    check(f"{tag} package_list limit/offset", page == names[5:15], page)

    first = a.package_show(id=names[0])
    by_id = a.package_show(id=first["id"])
    check(f"{tag} package_show by name and by id", first == by_id)
    for key in ("resources", "tags", "groups", "extras", "owner_org", "organization",
                "metadata_modified", "metadata_created", "num_resources", "num_tags",
                "isopen", "license_id", "state", "type", "private"):
        check(f"{tag} package dict has {key}", key in first)
    check(f"{tag} resources are absolute URLs",
          all(r["url"].startswith("http") for r in first["resources"]) and first["resources"],
          first["resources"])
    check(f"{tag} extras are key/value pairs",
          all(set(e) == {"key", "value"} for e in first["extras"]))
    check(f"{tag} metadata_modified without zone",
          "T" in first["metadata_modified"] and not first["metadata_modified"].endswith("Z"))
    res = a.resource_show(id=first["resources"][0]["id"])
    check(f"{tag} resource_show", res == first["resources"][0])

    # Paging with start/rows until an empty page: every name exactly once.
    seen = []
    start = 0
    total = None
    while True:
        r = a.package_search(q="*:*", start=start, rows=37, sort="name asc")
        total = r["count"]
        if not r["results"]:
            break
        seen += [p["name"] for p in r["results"]]
        start += 37
    check(f"{tag} package_search paging sees every dataset once",
          sorted(seen) == names and len(seen) == len(set(seen)) == total,
          (len(seen), len(set(seen)), total, len(names)))

    # The harvester's pattern: changed since a time, sorted by id.
    since = sorted(p["metadata_modified"] for p in
                   a.package_search(rows=1000, sort="metadata_modified asc")["results"])
    cut = since[len(since) // 2]
    ids = []
    start = 0
    while True:
        r = a.package_search(fq=f"metadata_modified:[{cut}Z TO *]", sort="id asc",
                             rows=50, start=start)
        if not r["results"]:
            break
        ids += [p["id"] for p in r["results"]]
        for p in r["results"]:
            if p["metadata_modified"] < cut:
                check(f"{tag} fq metadata_modified range", False, p["metadata_modified"])
        start += 50
    expected = sum(1 for m in since if m >= cut)
    check(f"{tag} fq=metadata_modified:[… TO *] sort=id asc",
          ids == sorted(ids) and len(ids) == expected and len(set(ids)) == len(ids),
          (len(ids), expected))

    orgs = a.organization_list(all_fields=True)
    check(f"{tag} organization_list(all_fields=True)",
          orgs and all("name" in o and "package_count" in o for o in orgs), orgs[:1])
    org = max(orgs, key=lambda o: o["package_count"])
    r = a.package_search(fq=f"organization:{org['name']}", rows=0)
    check(f"{tag} fq organization: counts the organisation's datasets",
          r["count"] == org["package_count"], (r["count"], org["package_count"]))
    r = a.package_search(q="*:*", rows=0, **{"facet.field": json.dumps(["groups", "res_format"])})
    check(f"{tag} facets", r["facets"]["res_format"].get("CSV", 0) >= seeded, r["facets"])

    try:
        a.package_show(id="gibt-es-wirklich-nicht")
        check(f"{tag} NotFound for an unknown id", False, "no exception")
    except ckanapi.NotFound:
        check(f"{tag} NotFound for an unknown id", True)
    try:
        a.package_search(fq="farbe:rot")
        check(f"{tag} SearchQueryError for an unknown field", False, "no exception")
    except ckanapi.SearchQueryError as e:
        check(f"{tag} SearchQueryError for an unknown field", "farbe" in str(e), e)
    try:
        a.package_search(rows=1001)
        check(f"{tag} ValidationError for rows > 1000", False, "no exception")
    except ckanapi.ValidationError:
        check(f"{tag} ValidationError for rows > 1000", True)
    return names


names = run(get_only=False)
run(get_only=True)

# ckanapi dump datasets --all: one JSON line per dataset, as package_show.
ckan = ckanapi.RemoteCKAN(base)
with open(dump_file, encoding="utf-8") as f:
    dumped = [json.loads(line) for line in f if line.strip()]
check("dump --all: one line per dataset", sorted(d["name"] for d in dumped) == names,
      (len(dumped), len(names)))
sample = dumped[:: max(1, len(dumped) // 20)]
check("dump --all: lines equal package_show",
      all(ckan.action.package_show(id=d["id"]) == d for d in sample))

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
