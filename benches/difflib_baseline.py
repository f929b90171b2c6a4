#!/usr/bin/env python3
"""The baseline newsdiff's whole-process benchmark is measured against (issue 15).

    python3 benches/difflib_baseline.py OLD_DIR NEW_DIR

For each pair of files of the same name in OLD_DIR and NEW_DIR (one sentence per line),
difflib aligns the sentences, then diffs the words of each replaced block: the short
script a researcher writes before reaching for a tool. Prints the number of pairs and of
changed sentences, so its work cannot be optimised away.
"""
import difflib, os, sys


def main(old_dir, new_dir):
    pairs = changed = 0
    for name in sorted(os.listdir(old_dir)):
        old = open(os.path.join(old_dir, name), encoding="utf-8").read().splitlines()
        new = open(os.path.join(new_dir, name), encoding="utf-8").read().splitlines()
        pairs += 1
        sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal":
                continue
            changed += max(i2 - i1, j2 - j1)
            if tag == "replace":
                a = " ".join(old[i1:i2]).split()
                b = " ".join(new[j1:j2]).split()
                for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
                    pass
    print(f"{pairs} pairs, {changed} changed sentences")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
