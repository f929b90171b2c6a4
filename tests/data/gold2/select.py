"""Selection of the 30 pairs of the second gold set (copy of the script that wrote pairs.json).

Run from the repository root (it uses paths relative to it). It REWRITES
tests/data/gold2/pairs.json: corpus pairs not in the first gold set, with at least one
changed sentence and at most 60 sentences per side, sampled with random.Random(20261129).
"""
import json, random
d = json.load(open('/work/shared/corpus/newsedits-sample.json'))
g1 = {p['key'] for p in json.load(open('tests/data/gold/alignment.json'))['pairs']}
def sides(v):
    vs = sorted({n['version'] for n in v['nodes']})
    old = {n['sent_idx']: n['sentence'] for n in v['nodes'] if n['version'] == vs[0]}
    new = {n['sent_idx']: n['sentence'] for n in v['nodes'] if n['version'] == vs[1]}
    return vs, old, new
cands = []
for k in sorted(d):
    if k in g1: continue
    vs, old, new = sides(d[k])
    so, sn = set(old.values()), set(new.values())
    changed = sum(s not in sn for s in old.values()) + sum(s not in so for s in new.values())
    if changed and len(old) <= 60 and len(new) <= 60:
        cands.append(k)
sel = random.Random(20261129).sample(cands, 30)
out = []
for k in sel:
    vs, old, new = sides(d[k])
    out.append({"key": k, "old": [old[i] for i in range(len(old))], "new": [new[i] for i in range(len(new))]})
json.dump(out, open('tests/data/gold2/pairs.json','w'), indent=1, ensure_ascii=False)
print(len(cands), len(d))
from collections import Counter
print(Counter(k.split("'")[1] for k in sel))
print(sum(len(p['old'])+len(p['new']) for p in out))
