#!/usr/bin/env python3
"""Counts newsdiff's findings over the 400 NewsEdits corpus pairs, for two binaries.

    python3 tools/class_counts.py BEFORE_BIN AFTER_BIN [CORPUS] [--list CLASS]

Each pair becomes a JSON article of its given sentences (one paragraph per sentence) in a
temporary directory. For each binary it counts, over all pairs, the diffs that carry each
class (`newsdiff diff --format json`) and the violations of each rule (`newsdiff check`
with every change policy on), and prints both side by side. `--list CLASS` prints the
pairs where CLASS was found before and not after, with its evidence, for reading by hand.
"""
import collections, json, os, subprocess, sys, tempfile

POLICIES = "headline-change,number-change,quotation-change,deleted-sentences,correction-removed"


def articles(corpus, out):
    d = json.load(open(corpus))
    paths = []
    for i, key in enumerate(sorted(d)):
        nodes = d[key]["nodes"]
        vs = sorted({n["version"] for n in nodes})
        side = lambda v: [n["sentence"] or "" for n in sorted(nodes, key=lambda n: n["sent_idx"]) if n["version"] == v]
        revs = [{"version": v, "paragraphs": [{"text": s, "sentences": [s]} if s else {"text": "", "sentences": [""]} for s in side(v)]} for v in vs]
        doc = {"article": {"id": key}, "revisions": revs}
        p = os.path.join(out, f"p{i:03}.json")
        json.dump(doc, open(p, "w"))
        paths.append((key, p))
    return paths


def classes(binary, paths):
    found, failed = {}, []
    for key, p in paths:
        r = subprocess.run([binary, "diff", p, "--format", "json"], capture_output=True, text=True)
        if r.returncode != 0:
            failed.append((key, r.stderr.strip()[:120]))
            continue
        log = json.loads(r.stdout)
        found[key] = {c["class"]: c.get("changes", []) for c in log["diffs"][0]["classes"]}
    return found, failed


def violations(binary, folder):
    r = subprocess.run([binary, "check", folder, "--enable", POLICIES, "--format", "json", "--no-progress"],
                       capture_output=True, text=True)
    doc = json.loads(r.stdout)
    return doc["summary"].get("violations_by_rule", {})


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    listing = sys.argv[sys.argv.index("--list") + 1] if "--list" in sys.argv else None
    if listing:
        args.remove(listing)
    before, after = args[0], args[1]
    corpus = args[2] if len(args) > 2 else "../shared/corpus/newsedits-sample.json"
    with tempfile.TemporaryDirectory() as tmp:
        paths = articles(corpus, tmp)
        (cb, fb), (ca, fa) = classes(before, paths), classes(after, paths)
        # Compared on the pairs both read: a pair one binary cannot read says nothing
        # of its classes.
        both = set(cb) & set(ca)
        common = os.path.join(tmp, "both")
        os.mkdir(common)
        for key, p in paths:
            if key in both:
                os.link(p, os.path.join(common, os.path.basename(p)))
        vb, va = violations(before, common), violations(after, common)
    count = lambda found: collections.Counter(c for k, cs in found.items() if k in both for c in cs)
    nb, na = count(cb), count(ca)
    print(f"pairs read: before {len(cb)} (failed {len(fb)}), after {len(ca)} (failed {len(fa)}); "
          f"compared on the {len(both)} both read")
    print(f"{'class':14} {'before':>7} {'after':>7}")
    for c in sorted(set(nb) | set(na)):
        print(f"{c:14} {nb[c]:7} {na[c]:7}")
    print(f"{'rule':20} {'before':>7} {'after':>7}")
    for r in sorted(set(vb) | set(va)):
        print(f"{r:20} {vb.get(r, 0):7} {va.get(r, 0):7}")
    # A finding is one piece of evidence of one class in one pair: those found before
    # and not after are what the change took away (false alarms gone, or signal lost).
    item = lambda e: (e.get("old"), e.get("new"))
    gone = collections.Counter()
    lines = []
    for key in sorted(both):
        for cls, evidence in cb[key].items():
            now = {item(e) for e in ca[key].get(cls, [])}
            lost = [e for e in evidence if item(e) not in now] or ([] if cls in ca[key] else [{}])
            gone[cls] += len(lost)
            if listing in (cls, "all"):
                for e in lost:
                    lines.append(f"{key} {cls}: {json.dumps(e, ensure_ascii=False)[:300]}")
    print("findings gone (evidence found before, not after): " +
          ", ".join(f"{c} {n}" for c, n in gone.most_common()))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
