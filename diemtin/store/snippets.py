"""The snippet of a search hit: where in an article's text the query's words lie closest
together, cut from the accented original at the offsets found in its folded form (folding
keeps one character per character). No SQL here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice


@lru_cache(maxsize=256)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``words`` not followed by a letter or digit; :func:`_word_matches` checks the
    start (a look-behind first in the pattern made each scan three times slower)."""
    alternatives = "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))
    return re.compile(rf"(?:{alternatives})(?![^\W_])")


_WORD_CHAR = re.compile(r"[^\W_]")  # letters and digits; "_" separates, as in FTS5


def _word_matches(pattern: re.Pattern[str], text: str, pos: int = 0) -> Iterator[re.Match[str]]:
    """The matches of a :func:`_words_pattern` in ``text`` that are whole tokens."""
    while (m := pattern.search(text, pos)) is not None:
        start = m.start()
        if start == 0 or not _WORD_CHAR.match(text, start - 1):
            yield m
            pos = m.end()
        else:
            pos = start + 1  # inside a longer token: a whole one may start further on


SNIPPET_MATCHES = 500  # a snippet looks for its place among this many first matches


def _beside(text: str, end: int, start: int) -> bool:
    """Whether two words, one ending at ``end`` and the next starting at ``start``, stand
    side by side: spaces between them, no line break (a headline's last word and the lead's
    first are no phrase)."""
    gap = text[end:start]
    return not gap.strip() and "\n" not in gap


def _best_place(folded: str, pattern: re.Pattern[str], words: list[str], width: int) -> int | None:
    """Where the match that opens the best window starts (see :func:`snippet`), or None.
    Matches are read only as far as the windows need: a window with every word in the
    query's order cannot be beaten by a later one, and is usually the first."""
    matches = islice(_word_matches(pattern, folded), SNIPPET_MATCHES)
    first = next(matches, None)
    if first is None or len(set(words)) < 2:
        return None if first is None else first.start()
    follows = set(zip(words, words[1:]))
    spans, names = [first.span()], [first.group()]
    run = [1]  # run[k]: matches in the query's order, each after only spaces, ending at k
    reach = width - width // 3  # the window opens a third of its width before its match
    perfect = (len(set(words)), len(words))
    best, best_key = 0, (0, 0)
    seen: dict[str, int] = {}
    hi = 0  # matches before this one are counted in ``seen``
    lo = 0
    while lo < len(spans):
        start = spans[lo][0]
        while True:
            if hi == len(spans):
                m = next(matches, None)
                if m is None:
                    break
                joined = (names[-1], m.group()) in follows and _beside(
                    folded, spans[-1][1], m.start()
                )
                spans.append(m.span())
                names.append(m.group())
                run.append(run[-1] + 1 if joined else 1)
            if hi > lo and spans[hi][1] - start > reach:
                break
            seen[names[hi]] = seen.get(names[hi], 0) + 1
            hi += 1
        if len(seen) >= best_key[0]:
            # a run counts from this match on only: its earlier part is outside the window
            longest = max(min(run[k], k - lo + 1) for k in range(lo, hi))
            if (len(seen), longest) > best_key:
                best, best_key = lo, (len(seen), longest)
                if best_key == perfect:
                    break  # every word, in the query's order: nothing later is better
        left = seen[names[lo]] - 1
        if left:
            seen[names[lo]] = left
        else:
            del seen[names[lo]]
        lo += 1
    return spans[best][0]


def snippet(
    original: str,
    folded: str,
    words: list[str],
    width: int = 160,
    marks: tuple[str, str] = ("[", "]"),
) -> str:
    """Cut a window of ``original`` where the query ``words`` are: the place holding the
    most of them, then the longest run of them in the query's order (the phrase), earliest
    first; not merely the first word found, which in a news text is often a part of another
    name ("Bộ [Ngoại] giao" for "ngoai truong lavrov").

    The folded query words are found as whole tokens in ``folded``, the indexed copy of the
    text; folding keeps length, so their offsets hold in the original. Matches are wrapped in
    ``marks``. Done here rather than by FTS5 ``highlight()``, which marks the whole body of
    every hit: that was most of the cost of a search page.
    """
    pattern = _words_pattern(tuple(words))
    place = _best_place(folded, pattern, words, width)
    if place is None:
        return original[:width].replace("\n", " ")
    lo = max(0, place - width // 3)
    hi = min(len(original), lo + width)
    spans: list[tuple[int, int]] = []
    for m in _word_matches(pattern, folded, lo):
        a, b = m.span()
        if b > hi:
            break
        if spans and _beside(original, spans[-1][1], a):
            spans[-1] = (spans[-1][0], b)  # "[Ngoại trưởng]" rather than "[Ngoại] [trưởng]"
        else:
            spans.append((a, b))
    if lo > 0:
        space = original.find(" ", lo)
        lo = space + 1 if 0 <= space < (spans[0][0] if spans else place) else lo
    out = []
    cursor = lo
    for a, b in spans:
        out.append(original[cursor:a])
        out.append(marks[0] + original[a:b] + marks[1])
        cursor = b
    out.append(original[cursor:hi])
    text = "".join(out).replace("\n", " ")
    return ("…" if lo > 0 else "") + text + ("…" if hi < len(original) else "")
