"""The walk of :func:`find_entities` over a text's tokens: each run of capitals is cut into
names (:mod:`.runs`), typed by its words and the words before it (:mod:`.kinds`), and
credits and the byline are read apart (:mod:`.credits`); the passes of :mod:`.passes` then
make the mentions of one name agree."""

from __future__ import annotations

from diemtin.vi.entities.credits import _byline_entities, _byline_start, _credit_name, _credit_type
from diemtin.vi.entities.kinds import (
    _LONE_FOREIGN,
    _cued_place,
    _guess_type,
    _is_product,
    _name_like,
    _org_lowercase,
    _product_cued,
    _type_of,
    _word_of_phrase,
)
from diemtin.vi.entities.lexicon import (
    _COMMON_PHRASES,
    _CREDIT_WORDS,
    _CUE_ABBREVIATIONS,
    _DOCUMENT_NUMBER,
    _DOMAIN,
    _GENERIC_BODIES,
    _INITIALS,
    _JOINERS,
    _KIN_NAMES,
    _LANGUAGE_CUES,
    _LINE_BREAK,
    _MEASURES,
    _NAMED,
    _NOT_CREDITS,
    _NOT_ENTITIES,
    _NOT_NAMES,
    _NUMBERED_UNITS,
    _OPEN_QUOTES,
    _OPENERS,
    _ORG_CUES,
    _PLACE_HEADS,
    _PLACE_SYLLABLES,
    _PRODUCT_CUES,
    _REPORTED,
    _SENTENCE_END,
    _SENTENCE_WORDS,
    _STATE_FORMS,
    _STRONG_PLACE_CUES,
    _TITLE_TAILS,
    _VERB_PHRASES,
    _WEAK_PLACE_CUES,
    COUNTRIES,
    ORG_HEADS,
    OUTLETS,
    PERSON_TITLES,
    PLACES,
    SURNAMES,
)
from diemtin.vi.entities.passes import (
    _agree,
    _met_people,
    _name_part,
    _scores,
    _split_joined_places,
    _teams,
    _whole_names,
)
from diemtin.vi.entities.runs import (
    _HEAD_FIRST_WORDS,
    _PLACE_WORDS,
    _place_at,
    _split_words,
    _title_at,
)
from diemtin.vi.entities.tokens import Entity, _is_cap, _mixed_case, _tokens, foreign_word
from diemtin.vi.language import is_syllable
from diemtin.vi.normalize import key_form as _low


def find_entities(text: str) -> list[Entity]:
    """PER, ORG and LOC spans in ``text`` (see the module docstring), in text order."""
    tokens = _tokens(text)
    position = {t[0]: n for n, t in enumerate(tokens)}
    # tokens that open a line (a headline, a paragraph), found once rather than per token
    line_open = {position.get(m.end(), -1) for m in _LINE_BREAK.finditer(text)}
    people: set[str] = set()  # last names of the people met so far, for "ông Price"
    met: set[str] = set()  # whole names (two words or more) of the people met so far
    plain: set[str] = set()  # acronyms the text defines for common nouns
    out: list[Entity] = []
    weak: set[int] = set()  # starts of mentions typed on weak evidence
    lone: set[int] = set()  # of those, lone foreign words typed ORG for want of a cue
    cued: set[int] = set()  # of those, places after "tại", "ở", "vùng" …
    skipped: list[tuple[int, int, str]] = []  # capitalised words left untyped
    i = 0
    sentence_start = True
    before = before2 = ""
    end = _byline_start(text, tokens)
    last_word = next((n for n in range(len(tokens) - 1, -1, -1) if tokens[n][2][:1].isalpha()), -1)
    numbered = {m.end() for m in _DOCUMENT_NUMBER.finditer(text)} if "/" in text else set()
    work_end = -9  # the last token of the latest product or work's title
    scores = _scores(text)
    while i < end:
        tok = tokens[i][2]
        if numbered and tokens[i][1] in numbered:
            i += 1  # the issuer code that ends a document's number
            continue
        if i in line_open:
            sentence_start = True  # a new line (a headline, a paragraph) opens a sentence
        if not (tok[0].isupper() or (tok[0].isdigit() and _is_cap(tok))):
            sentence_start = tok in _SENTENCE_END or (sentence_start and not tok[0].isalnum())
            i += 1
            continue
        key_tok = _low(tok)
        pair = _low(f"{tok} {tokens[i + 1][2]}") if i + 1 < len(tokens) else ""
        if pair in _COMMON_PHRASES:
            before2, before = f"{before} {key_tok}".strip(), key_tok
            sentence_start = False
            i += 2  # "Chính phủ", "Nhà nước": capitalised, but no one's name
            continue
        nxt = tokens[i + 1][2] if i + 1 < len(tokens) else ""
        if (
            tok == "Anh"
            and not sentence_start
            and not (nxt and _is_cap(nxt))
            and not (i and tokens[i - 1][2] in _LANGUAGE_CUES)  # "tiếng Anh", "bảng Anh"
        ):
            # mid-sentence and before no name, "Anh" is England or the UK, not "brother"
            out.append(Entity(tokens[i][0], tokens[i][1], "LOC", tok))
            before2, before = f"{before} anh".strip(), "anh"
            i += 1
            continue
        if (
            tok.isupper()
            and tok.isalpha()
            and i >= 2
            and "\n" not in text[tokens[i - 2][1] : tokens[i][0]]
            and tokens[i - 1][2] == "("
            and tokens[i - 2][2].islower()
            and nxt == ")"
            and not (out and out[-1].end == tokens[i - 2][1])  # "Quốc hội (QH)"
        ):  # "trái phiếu đặc biệt (TPĐB)": the short form of a common noun
            plain.add(tok)
        if tok in plain or (
            i == work_end + 2
            and tokens[i - 1][2] == "("
            and i + 1 < end
            and tokens[i + 1][2] == ")"
        ):  # a common noun's short form; "Nhân Tố Bí Ẩn (X-FACTOR)": a work's own
            i += 1
            sentence_start = False
            continue
        size = _place_at(text, tokens, i, end)
        if size:  # a known place of several words, even "Bà Rịa- Vũng Tàu", "Thừa Thiên- Huế"
            s, e = tokens[i][0], tokens[i + size - 1][1]
            out.append(Entity(s, e, "LOC", text[s:e]))
            before2, before = f"{before} {_low(tok)}".strip(), _low(tokens[i + size - 1][2])
            sentence_start = False
            i += size
            continue
        if (
            i >= 2
            and tokens[i - 1][2] == ":"
            and any(
                _low(" ".join(t[2] for t in tokens[max(0, i - 3) : i - 1]).split(" ", n)[-1])
                in _CREDIT_WORDS
                for n in range(3)
            )
        ):  # "Ảnh: AFP", "Ảnh: Minh Tiệp", "Clip: N.T.Phúc"
            m = _credit_name(text, tokens, i, end)
            words = [t[2] for t in tokens[i : m + 1]]
            kind = _credit_type(words, False)
            low = tokens[i + 1][2] if m == i and i + 1 < end else ""
            if (
                m == i
                and low.isalpha()
                and low.islower()
                and text[tokens[i][1] : tokens[i + 1][0]] == " "
                and _low(f"{tok} {low}") not in _NOT_CREDITS
                and (i + 2 >= len(tokens) or not tokens[i + 2][2].islower())
            ):
                m, kind = i + 1, "ORG"  # an outlet's name: "Ảnh: Lao động"
            if kind:
                s, e = tokens[i][0], tokens[m][1]
                out.append(Entity(s, e, kind, text[s:e]))
                i, sentence_start = m + 1, True
                continue
        title = _title_at(tokens, i)
        if title:  # "Tổng thống", "Tổng giám đốc": a title in lowercase after its capital
            key = _low(" ".join(t[2] for t in tokens[i : i + title]))
            before2, before = f"{before} {key}".strip(), key
            sentence_start = False
            i += title
            continue
        if before.endswith("viên") and pair in _TITLE_TAILS:
            before2, before = "ủy viên thường vụ", "ủy viên thường vụ"
            i += 2  # "ủy viên Thường vụ Bộ Chính trị"
            continue
        if pair in _NOT_NAMES:
            before2, before = _low(tok), _low(nxt)
            sentence_start = False
            i += 2  # "Hội nghị", "Tuy nhiên"
            continue
        if _low(tok) in _NOT_NAMES or (_low(tok) in PERSON_TITLES and len(tok) > 1):
            # "Theo Bộ Tài chính", "Ông Price": an ordinary word or a title, then the name
            nxt = tokens[i + 1][2] if i + 1 < len(tokens) else ""
            cue = _low(tokens[i - 1][2]) if i else ""
            if (
                nxt
                and _is_cap(nxt)
                and _low(tok) not in ORG_HEADS
                and cue not in _STRONG_PLACE_CUES
                and not _product_cued(tokens, i, work_end)  # "chương trình Nhân Tố Bí Ẩn"
                and not (before in PERSON_TITLES and _low(tok) in SURNAMES)  # "đạo diễn Từ Khắc"
            ):
                before2, before = f"{before} {_low(tok)}".strip(), _low(tok)
                sentence_start = False
                i += 1
                continue
        j = i
        # an organisation head written partly in lowercase opens the run
        for size in (4, 3, 2) if key_tok in _HEAD_FIRST_WORDS else ():
            head = tokens[i : i + size]
            key = _low(" ".join(t[2] for t in head))
            if len(head) == size and (
                key in ORG_HEADS or key in _PLACE_HEADS or key in _STATE_FORMS
            ):
                j = i + size - 1
                break
        head_end = j
        org_run = j > i or _low(tok) in ORG_HEADS or _low(tok) in _PLACE_HEADS
        named = _low(" ".join(t[2] for t in tokens[i : j + 1])) in _NAMED
        while j + 1 < end:
            gap = text[tokens[j][1] : tokens[j + 1][0]]
            if gap not in (" ", "-", " - "):
                break
            nxt = tokens[j + 1][2]
            if _is_cap(nxt):
                after = tokens[j + 2][2] if j + 2 < len(tokens) else ""
                if (
                    (_low(nxt) in _SENTENCE_WORDS and not (j == i and _low(tok) in SURNAMES))
                    or _low(f"{nxt} {after}") in _SENTENCE_WORDS
                    or (
                        _low(nxt) in _OPENERS
                        and after.islower()
                        and after.isalpha()
                        and _low(text[tokens[i][0] : tokens[j + 1][1]]) not in PLACES
                    )
                ):  # "Ảnh: AFP Theo CNET": "Theo" opens a new phrase (not "Lê Như Tiến");
                    break  # "Edward Snowden Một tài liệu": a caption glued to a sentence
                if _title_at(tokens, j + 1):
                    break  # "CNN Bộ trưởng Osorio Chong": the title ends the name before it
                j += 1
                continue
            if (
                nxt == "."
                and len(tokens[j][2]) == 1
                and tokens[j][2].isupper()
                and j + 2 < end
                and text[tokens[j + 1][1] : tokens[j + 2][0]] == " "
                and _is_cap(tokens[j + 2][2])
                and j > i
            ):
                j += 2  # "Sergei V. Mikhailov"
                continue
            if (
                org_run
                and j > head_end  # past the head: "Ngân hàng và …" joins no parts
                and nxt in ("-", "và")
                and tokens[j][2].islower()
                and j + 3 < end
                and text[tokens[j + 1][1] : tokens[j + 2][0]] == " "
                and _is_cap(tokens[j + 2][2])
                and tokens[j + 3][2].isalpha()
                and tokens[j + 3][2].islower()
                and (nxt == "-" or _name_part(tokens[j + 2][2], tokens[j + 3][2]))
            ):
                # the parts of a ministry's name: "Bộ Giáo dục - Đào tạo", "Bộ Tài nguyên
                # và Môi trường" (after "và" only a part that opens no other name)
                j += 2
                continue
            if org_run and nxt.isdigit() and len(nxt) <= 3:
                # a unit named by its number ("Quân khu 7", "Bệnh viện 108") or a name's
                # closing number ("Trường tiểu học Tân Lập 1"), not a count ("3 năm")
                unit = j == head_end and (
                    _low(" ".join(t[2] for t in tokens[i : j + 1])) in _NUMBERED_UNITS
                )
                if unit or j > head_end:
                    after = tokens[j + 2][2] if j + 2 < len(tokens) else ""
                    if _low(after) not in _MEASURES and (unit or after.isalpha()):
                        j += 1
                    break
            joiner, dash, rest = nxt.partition("-")
            if dash and joiner in _JOINERS and _is_cap(rest):
                j += 1  # "Bashar al-Assad"
                continue
            if nxt in _JOINERS or nxt.rstrip("-") in _JOINERS:
                after = tokens[j + 2][2] if j + 2 < len(tokens) else ""
                if after and _is_cap(after):
                    j += 2  # "Bank of America", "Bashar al-Assad"
                    continue
                break
            if org_run and nxt.isalpha() and nxt.islower() and not (named and j == head_end):
                take = _org_lowercase(text, tokens, j, j == head_end, not sentence_start)
                if take:
                    j += take
                    continue
            break
        run = [t for t in tokens[i : j + 1] if t[2] != "."]
        placed = i > 0 and _low(tokens[i - 1][2]) in _STRONG_PLACE_CUES  # "đường Giải Phóng"
        titled_work = _product_cued(tokens, i, work_end)
        while (
            len(run) > 1
            and not placed
            and not titled_work
            and (
                _low(run[0][2]) in _NOT_NAMES
                or _low(run[0][2]) in _NOT_ENTITIES
                or (  # "Sang Việt Nam, …": a verb of going opens the sentence, not a name
                    sentence_start
                    and _low(run[0][2]) in _WEAK_PLACE_CUES
                    and _low(" ".join(t[2] for t in run[1:])) in PLACES
                )
            )
            and _low(" ".join(t[2] for t in run)) not in PLACES  # "TP HCM"
            and not (  # "Vụ trưởng Vụ Hợp tác quốc tế": the head the title names
                i >= 2
                and tokens[i - 1][2] == "trưởng"
                and _low(tokens[i - 2][2]) == _low(run[0][2])
            )
        ):
            run = run[1:]
            sentence_start = False
        press = len(run) > 1 and run[0][2] == "Báo" and not placed
        if press:  # "(Báo Đất Việt)": the paper is "Đất Việt", as after a lowercase "báo"
            run = run[1:]
        prev = [_low(t[2]) for t in tokens[max(0, i - 5) : i]]
        if prev and prev[-1] == "." and len(prev) > 1 and prev[-2].upper() in _CUE_ABBREVIATIONS:
            prev.pop()  # "TP. Phan Thiết": the cue is "TP"
        before = prev[-1] if prev else ""
        before2 = " ".join(prev[-2:]) if len(prev) >= 2 else before
        for n in (4, 3):
            phrase = " ".join(prev[-n:])
            if len(prev) >= n and (
                phrase in PERSON_TITLES or phrase in _ORG_CUES or phrase in _PRODUCT_CUES
            ):
                before = before2 = phrase  # "Chủ tịch nước Võ Chí Công", "thẩm mỹ viện Cát Tường"
        if press:
            before = before2 = "báo"
        titled = before in PERSON_TITLES or before2 in PERSON_TITLES  # "Tổng thống Nga Putin"
        whole = before in _STRONG_PLACE_CUES and not any(
            _low(t[2]) in PERSON_TITLES and len(t[2]) > 3 for t in run
        )
        parts = _met_people(run, met) if len(run) >= 3 and met else None
        for part in parts or ([run] if whole else _split_words(run, titled)):
            words = [t for _, _, t in part]
            known = (
                len(words) > 1
                and " ".join(words) in met
                and all(is_syllable(w.lower()) and not w.isupper() for w in words)
            )  # a Vietnamese name: a foreign one is as often a club's or a place's
            key = _low(" ".join(words))
            if (
                sentence_start
                and part[0] == run[0]
                and len(words) == 1
                and key not in PLACES
                and key not in ORG_HEADS
                and not _mixed_case(words[0])
                and not (words[0].isupper() and len(words[0]) >= 2)
                and not foreign_word(words[0])
                and not _DOMAIN.match(words[0])  # "Keeng.vn là trang nhạc …"
            ):  # one capitalised word opening a sentence: an ordinary word
                sentence_start = False
                before, before2 = key, f"{before} {key}"
                skipped.append((part[0][0], part[-1][1], words[0]))
                continue
            if titled and len(words) == 1 and key in _KIN_NAMES:
                pass  # "Ông Nam": after a title, "Nam" is a name
            elif key in PERSON_TITLES or key in _NOT_NAMES or key in _STRONG_PLACE_CUES:
                titled = key in PERSON_TITLES
                before2, before = f"{before} {key}".strip(), key
                sentence_start = False
                continue
            last = position[part[-1][0]]
            next_token = tokens[last + 1] if last + 1 < len(tokens) else None
            between = text[part[-1][1] : next_token[0]] if next_token else ""  # the gap after
            quoted = i > 0 and tokens[i - 1][2] in _OPEN_QUOTES
            work_title = (
                titled_work
                and part[0] == run[0]
                and (key not in COUNTRIES or quoted)  # ca khúc “Việt Nam ơi”
                and _low(words[0]) not in ORG_HEADS
                and _low(" ".join(words[:2])) not in ORG_HEADS
            )
            if not known and (
                work_title
                or (
                    # "Schalke 0 - 3": a team, not a model
                    not (next_token and next_token[0] in scores)
                    and _is_product(words, before, before2, next_token, between)
                )
            ):
                before2, before = f"{before} {key}".strip(), key
                sentence_start = False
                work_end = last if work_title or _product_cued(tokens, position[part[0][0]]) else -9
                continue
            at_end = last >= last_word
            kind = _type_of(words, before, before2, at_end, people)
            word_of_phrase = _word_of_phrase(words, next_token, between, people)
            if (
                kind == "PER"
                and word_of_phrase
                and next_token is not None  # as word_of_phrase implies
                and key not in _KIN_NAMES
                and key not in SURNAMES
                and _low(f"{key} {next_token[2]}") not in _VERB_PHRASES
            ):
                kind = None  # "Bộ trưởng Quốc phòng", "Hoa hậu Hoàn vũ": a title's words
            if (
                len(words) == 1
                and _INITIALS.fullmatch(words[0])
                and _REPORTED.match(text, part[-1][1])
            ):
                kind = "PER"  # "M.L (ghi)": a reporter's initials
            guessed = kind is None
            if guessed and (known or (titled and (len(words) > 1 or _name_like(words[0], people)))):
                kind, guessed = "PER", False  # a title before it, or this person met before
            elif guessed:
                kind = _guess_type(words, before, before2)
                if kind is not None and word_of_phrase:
                    kind = None  # "về Công tác …", "về Dự thảo …": a capitalised word
                if kind == _LONE_FOREIGN:
                    kind = "ORG"
                    lone.add(part[0][0])
            cue = words[0].split(".")[0] if "." in words[0] else ""
            cut = (
                len(cue) + 1
                if kind == "LOC"
                and cue in _CUE_ABBREVIATIONS
                and _low(text[part[0][0] : part[-1][1]]) not in PLACES
                else 0
            )  # "TP.Cà Mau": the cue is not part of the place
            if kind == "LOC" and before in _LANGUAGE_CUES:
                kind = None  # "tiếng Anh", "bảng Anh": a language, a currency
            titled = titled and kind == "LOC"
            if kind == "ORG" and key in ORG_HEADS and key not in _NAMED:
                kind = None  # a bare head ("Bộ" of "Bộ trưởng", "Lực lượng") names nothing
            if key in _GENERIC_BODIES:
                kind = None  # "Ban Tổ chức": whichever event's organisers, no one's name
            s, e = part[0][0], part[-1][1]
            k0 = position[part[0][0]] if kind != "ORG" or guessed else -1
            for n in (3, 2, 1) if k0 > 0 else ():
                if (
                    k0 >= n
                    and _low(tokens[k0 - n][2]) not in _PLACE_WORDS
                    and text[tokens[k0 - n][1] : tokens[k0 - n + 1][0]] == " "
                ):
                    continue  # no place starts with this word (a cheap test first)
                lead = " ".join(t[2] for t in tokens[max(0, k0 - n) : k0])
                spanned = text[tokens[k0 - n][0] : e] if k0 >= n else ""
                if k0 >= n and (
                    _low(f"{lead} {' '.join(words)}") in PLACES or _low(spanned) in PLACES
                ):
                    kind, s, guessed = "LOC", tokens[k0 - n][0], False  # "miền Trung"
                    break
            if (
                next_token is not None
                and text[e : next_token[0]] == " "
                and next_token[2].islower()
            ):
                two = _low(f"{key} {next_token[2]}")  # a name whose last syllable is lowercase
                if (kind in (None, "LOC") or guessed) and two in PLACES:
                    kind, e, guessed = "LOC", next_token[1], False  # "Bắc bộ", "Bắc cực"
                elif two in OUTLETS:
                    kind, e, guessed = "ORG", next_token[1], False  # "báo Thanh niên"
            if kind is None and len(part) == 1:
                skipped.append((s, e, words[0]))
            if kind is not None:
                s += cut if s == part[0][0] else 0
                surface = text[s:e].rstrip(".")
                out.append(Entity(s, s + len(surface), kind, surface))
                if guessed:
                    weak.add(s)
                    if kind == "LOC" and _cued_place(before, before2):
                        cued.add(s)
                if (
                    kind == "PER"
                    and len(words) >= 2
                    and not words[-1].isupper()
                    and _low(words[-1]) not in _PLACE_SYLLABLES
                ):
                    people.add(words[-1])
                    met.add(" ".join(words))
            before2, before = f"{before} {key}".strip(), key
            sentence_start = False
        i = j + 1
    if scores:
        out = _teams(text, out, weak, scores)
    found = _agree(text, out + _byline_entities(text, tokens, end), weak, skipped, cued, lone)
    return _whole_names(text, _split_joined_places(found))
