"""Connected blocks of linked articles: union-find on the driver when the edges are few,
label propagation on the cluster when not; the items of each block brought together, and
key tables broadcast when small, as Spark SQL's broadcast joins do."""

from __future__ import annotations

from collections.abc import Iterable

from pyspark import RDD, StorageLevel
from pyspark.broadcast import Broadcast

MAX_ITERATIONS = 100  # label propagation rounds (the longest path in a block)
LOCAL_EDGES = 5_000_000  # edge lists up to this size are joined on the driver
LOCAL_KEYS = 5_000_000  # key tables up to this size are broadcast instead of joined


# -- blocks --------------------------------------------------------------------------------
def union_find(edges: Iterable[tuple[int, int]]) -> dict[int, int]:
    """(node -> smallest node of its connected component) for an undirected edge list."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: root(x) for x in parent}


def components(edges: RDD, partitions: int, local_limit: int = LOCAL_EDGES) -> RDD | dict[int, int]:
    """(node, block label) for every node of an undirected edge list: the smallest node of
    its connected component. Up to ``local_limit`` edges (tens of MB) are joined on the
    driver in one pass, giving a dict; more by min-label propagation on the cluster, a few
    shuffles per round for as many rounds as the longest path in a block, giving an RDD."""
    edges = edges.persist(StorageLevel.MEMORY_AND_DISK)
    if edges.count() <= local_limit:
        labels = union_find(edges.toLocalIterator())
        edges.unpersist()
        return labels
    adjacent = (
        edges.flatMap(lambda e: [(e[0], e[1]), (e[1], e[0])])
        .distinct(partitions)
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    edges.unpersist()
    labels = adjacent.keys().distinct(partitions).map(lambda n: (n, n))
    for _ in range(MAX_ITERATIONS):
        offers = adjacent.join(labels, partitions).map(lambda x: (x[1][0], x[1][1]))
        updated = labels.union(offers).reduceByKey(min, partitions)
        updated.localCheckpoint()  # cut the lineage that grows by a join each round
        changed = updated.join(labels, partitions).filter(lambda x: x[1][0] != x[1][1]).count()
        labels = updated
        if not changed:
            break
    adjacent.unpersist()
    return labels


def by_block(items: RDD, labels: RDD | dict[int, int], partitions: int, alone: bool) -> RDD:
    """(block label, value) for each (key, value) of ``items``, so that the members of a
    block meet under its label. A key no edge touched is a block of its own (``alone``) or
    is dropped. Labels held on the driver are broadcast: a lookup instead of a join."""
    if isinstance(labels, dict):
        table = items.context.broadcast(labels)
        if alone:
            return items.map(lambda kv: (table.value.get(kv[0], kv[0]), kv[1]))
        return items.filter(lambda kv: kv[0] in table.value).map(
            lambda kv: (table.value[kv[0]], kv[1])
        )
    if alone:
        return items.leftOuterJoin(labels, partitions).map(
            lambda x: (x[1][1] if x[1][1] is not None else x[0], x[1][0])
        )
    return items.join(labels, partitions).map(lambda x: (x[1][1], x[1][0]))


def broadcast_if_small(pairs: RDD, limit: int) -> Broadcast | None:
    """A keyed RDD as a broadcast dict when it holds at most ``limit`` pairs (lookups then
    replace joins and their shuffles, as Spark SQL's broadcast joins do), else None."""
    if pairs.count() > limit:
        return None
    return pairs.context.broadcast(pairs.collectAsMap())


def _star(members: Iterable[int]) -> list[tuple[int, int]]:
    keys = sorted(set(members))
    return [(keys[0], k) for k in keys[1:]]
