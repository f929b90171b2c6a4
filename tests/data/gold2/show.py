"""Print one pair of the second gold set with numbered sentences (reading aid only)."""
import json, sys
pairs = json.load(open(__file__.rsplit('/', 1)[0] + '/pairs.json'))
for i, p in enumerate(pairs):
    if sys.argv[1:] and sys.argv[1] not in (str(i), p['key']):
        continue
    print(f"#{i} {p['key']}")
    for side in ('old', 'new'):
        print(f"-- {side}")
        for j, s in enumerate(p[side]):
            print(f"  {side[0]}{j}: {s}")
