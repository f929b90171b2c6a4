//! Steps 5 and 6: moves by the longest increasing subsequence, and the ops in reading
//! order.

use super::words;
use super::{Kind, Link, Op, same_text};

/// The ops for `links` between `old` and `new`: one per link, one per added new sentence
/// and one per deleted old sentence, in reading order of the new revision.
pub(super) fn build_ops(old: &[&str], new: &[&str], links: Vec<Link>) -> Vec<Op> {
    let moved = moved(&links);
    // (sort key, op). Links and additions sort by their first new sentence; the keys are
    // odd so that a deletion with no anchor before it (key 0) comes first.
    let mut ops: Vec<(usize, Op)> = links
        .into_iter()
        .zip(moved)
        .map(|(l, moved)| (l.new[0] * 2 + 1, linked_op(old, new, l, moved)))
        .collect();
    push_added(&mut ops, new.len());
    push_deleted(&mut ops, old.len());
    // Stable: deletions (pushed last) follow their anchor, in old order.
    ops.sort_by_key(|(k, op)| (*k, op.kind == Kind::Deleted, op.old.first().copied()));
    ops.into_iter().map(|(_, op)| op).collect()
}

/// Which links moved: all but the longest chain of links in order on both sides.
fn moved(links: &[Link]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..links.len()).collect();
    order.sort_by_key(|&i| links[i].old[0]);
    let seq: Vec<usize> = order.iter().map(|&i| links[i].new[0]).collect();
    let mut moved = vec![true; links.len()];
    for k in longest_increasing(&seq) {
        moved[order[k]] = false;
    }
    moved
}

/// The op for one link: its kind from its sides' sizes and texts, and its word changes.
fn linked_op(old: &[&str], new: &[&str], l: Link, moved: bool) -> Op {
    let join = |idx: &[usize], texts: &[&str]| -> String {
        idx.iter().map(|&i| texts[i]).collect::<Vec<_>>().join(" ")
    };
    let (a, b) = (join(&l.old, old), join(&l.new, new));
    let kind = match (l.old.len(), l.new.len()) {
        (1, 1) if same_text(&a, &b) => Kind::Unchanged,
        (1, 1) => Kind::Edited,
        (_, 1) => Kind::Merged,
        (1, _) => Kind::Split,
        _ => Kind::Rewritten,
    };
    let unchanged = kind == Kind::Unchanged;
    Op {
        kind,
        old: l.old,
        new: l.new,
        moved,
        similarity: if unchanged {
            1.0
        } else {
            (l.score * 1000.0).round() / 1000.0
        },
        words: if unchanged {
            Vec::new()
        } else {
            words::diff(&a, &b)
        },
    }
}

/// An added op for each new sentence no op holds, keyed where it stands.
fn push_added(ops: &mut Vec<(usize, Op)>, new_len: usize) {
    let mut new_done = vec![false; new_len];
    for (_, op) in ops.iter() {
        for &n in &op.new {
            new_done[n] = true;
        }
    }
    for (n, done) in new_done.iter().enumerate() {
        if !done {
            ops.push((n * 2 + 1, one_sided(Kind::Added, vec![], vec![n])));
        }
    }
}

/// A deleted op for each old sentence no op holds. It takes the key of the op that holds
/// its nearest preceding old sentence that stayed in place, so it reads where it used to
/// be.
fn push_deleted(ops: &mut Vec<(usize, Op)>, old_len: usize) {
    let mut old_done = vec![false; old_len];
    let mut anchor_key: Vec<Option<usize>> = vec![None; old_len];
    for (key, op) in ops.iter() {
        for &o in &op.old {
            old_done[o] = true;
            if !op.moved {
                anchor_key[o] = Some(*key);
            }
        }
    }
    let mut last_key = 0;
    let mut deleted = Vec::new();
    for o in 0..old_len {
        if let Some(k) = anchor_key[o] {
            last_key = k;
        }
        if !old_done[o] {
            deleted.push((last_key, o));
        }
    }
    for (k, o) in deleted {
        ops.push((k, one_sided(Kind::Deleted, vec![o], vec![])));
    }
}

/// An added or deleted op: nothing on the other side, so no likeness and no words.
fn one_sided(kind: Kind, old: Vec<usize>, new: Vec<usize>) -> Op {
    Op {
        kind,
        old,
        new,
        moved: false,
        similarity: 0.0,
        words: vec![],
    }
}

/// Indices into `seq` of one longest strictly increasing subsequence.
fn longest_increasing(seq: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new(); // index into seq of the tail of each length
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for i in 0..seq.len() {
        let pos = tails.partition_point(|&t| seq[t] < seq[i]);
        prev[i] = pos.checked_sub(1).map(|p| tails[p]);
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        out.push(i);
        cur = prev[i];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lis_finds_minimal_moves() {
        assert_eq!(longest_increasing(&[3, 0, 1, 2]), [1, 2, 3]);
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
    }
}
