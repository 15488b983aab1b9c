"""An item tree as a shape: (item, [children shape]) pairs, to rearrange a section's items in one step."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.core.location import ItemPath
from app.core.model import MAX_ITEM_DEPTH, Item

Shape = list[tuple[Item, list[Any]]]


def walk_paths(items: list[Item], prefix: ItemPath) -> Iterator[tuple[ItemPath, Item]]:
    for i, it in enumerate(items):
        yield (*prefix, i), it
        yield from walk_paths(it.children, (*prefix, i))


def swap(items: list[Any], a: int, b: int) -> None:
    items[a], items[b] = items[b], items[a]


def tree_shape(items: list[Item]) -> Shape:
    return [(it, tree_shape(it.children)) for it in items]


def shape_at(shape: Shape, parent: ItemPath) -> Shape:
    for i in parent:
        shape = shape[i][1]
    return shape


def flatten(shape: Shape) -> Iterator[Item]:
    for it, kids in shape:
        yield it
        yield from flatten(kids)


def same_shape(a: Shape, b: Shape) -> bool:
    return len(a) == len(b) and all(x[0] is y[0] and same_shape(x[1], y[1]) for x, y in zip(a, b, strict=True))


def rebuild(shape: Shape) -> list[Item]:
    out = []
    for it, kids in shape:
        it.children[:] = rebuild(kids)
        out.append(it)
    return out


def item_depth_ok(shape: Shape, depth: int = 1) -> bool:
    return all(depth <= MAX_ITEM_DEPTH and item_depth_ok(kids, depth + 1) for _, kids in shape)
