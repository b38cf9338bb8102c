"""A bounded memo for values computed once per distinct string: names, values and row texts repeat
massively across projects, but a stream of millions of rows must not grow memory without end."""

from __future__ import annotations

from itertools import islice


class BoundedMemo(dict):
    """A dict that, when it reaches `limit` entries, forgets the older half (insertion order)."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def put(self, key, value):
        if len(self) >= self.limit:
            newer = list(islice(self.items(), self.limit // 2, None))
            self.clear()
            self.update(newer)
        self[key] = value
        return value
