"""Agreement between two link files of the second gold set (comparison only, no aligner).

Usage:
  python3 agreement.py                  # annotator-a.json vs annotator-b.json
  python3 agreement.py a alignment.json # annotator A scored against the adjudicated file
  python3 agreement.py b alignment.json
  python3 agreement.py FILE1 FILE2      # any two files of the same shape

Link-level F1 (Dice) = 2|A∩B| / (|A|+|B|) over links [x,y], [x,null], [null,y].
"Non-identical" excludes links [x,y] where old[x] == new[y] exactly.
Groups agree when an identical {"old": set, "new": set} appears in both files.
When the second file is the adjudicated set, F1 is also precision/recall of the first.
"""
import json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ALIAS = {'a': 'annotator-a.json', 'b': 'annotator-b.json',
         'gold': 'alignment.json', 'adj': 'alignment.json'}


def load(name):
    path = ALIAS.get(name.lower(), name)
    if not os.path.isabs(path) and not os.path.exists(path):
        path = os.path.join(HERE, path)
    d = json.load(open(path))
    return os.path.basename(path), {p['key']: p for p in d['pairs']}


def links(p):
    return {(x, y) for x, y in p['links']}


def groups(p):
    return {(tuple(sorted(g['old'])), tuple(sorted(g['new']))) for g in p.get('groups', [])}


def dice(a, b):
    return 1.0 if not a and not b else 2 * len(a & b) / (len(a) + len(b))


def main(argv):
    n1, n2 = (argv + ['a', 'b'][len(argv):])[:2] if len(argv) < 2 else argv[:2]
    f1name, A = load(n1)
    f2name, B = load(n2)
    pairs = json.load(open(os.path.join(HERE, 'pairs.json')))
    print(f"first = {f1name}   second = {f2name}")
    print(f"{'#':>2} {'key':<32} {'|1|':>4} {'|2|':>4} {'both':>4} {'1only':>5} {'2only':>5}"
          f" {'F1':>6} {'F1-ni':>6} {'grp1':>4} {'grp2':>4} {'gsame':>5}")
    T = dict(l1=set(), l2=set(), n1=set(), n2=set(), g1=0, g2=0, gs=0)
    for i, p in enumerate(pairs):
        k = p['key']
        if k not in A or k not in B:
            print(f"{i:>2} {k:<32} missing in {'first' if k not in A else 'second'}")
            continue
        la, lb = links(A[k]), links(B[k])
        ident = {(x, y) for x, y in la | lb
                 if x is not None and y is not None and p['old'][x] == p['new'][y]}
        na, nb = la - ident, lb - ident
        ga, gb = groups(A[k]), groups(B[k])
        T['l1'] |= {(k,) + l for l in la}; T['l2'] |= {(k,) + l for l in lb}
        T['n1'] |= {(k,) + l for l in na}; T['n2'] |= {(k,) + l for l in nb}
        T['g1'] += len(ga); T['g2'] += len(gb); T['gs'] += len(ga & gb)
        print(f"{i:>2} {k:<32} {len(la):>4} {len(lb):>4} {len(la & lb):>4} {len(la - lb):>5}"
              f" {len(lb - la):>5} {dice(la, lb):>6.3f} {dice(na, nb):>6.3f}"
              f" {len(ga):>4} {len(gb):>4} {len(ga & gb):>5}")
    l1, l2, n1_, n2_ = T['l1'], T['l2'], T['n1'], T['n2']
    print(f"{'':>2} {'ALL':<32} {len(l1):>4} {len(l2):>4} {len(l1 & l2):>4} {len(l1 - l2):>5}"
          f" {len(l2 - l1):>5} {dice(l1, l2):>6.3f} {dice(n1_, n2_):>6.3f}"
          f" {T['g1']:>4} {T['g2']:>4} {T['gs']:>5}")
    print()
    print(f"links: first {len(l1)}, second {len(l2)}, both {len(l1 & l2)}, "
          f"only first {len(l1 - l2)}, only second {len(l2 - l1)}")
    print(f"link F1 (Dice) overall      {dice(l1, l2):.3f}")
    print(f"link F1 (Dice) non-identical {dice(n1_, n2_):.3f}  "
          f"({len(n1_)} vs {len(n2_)} non-identical links, {len(n1_ & n2_)} shared)")
    if n2 in ('gold', 'adj') or f2name == 'alignment.json':
        p_ = len(l1 & l2) / len(l1) if l1 else 1.0
        r_ = len(l1 & l2) / len(l2) if l2 else 1.0
        print(f"precision {p_:.3f}  recall {r_:.3f} of {f1name} against {f2name}")
    print(f"groups: first {T['g1']}, second {T['g2']}, identical {T['gs']}")


if __name__ == '__main__':
    main(sys.argv[1:])
