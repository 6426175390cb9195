"""People, organisations and places in Vietnamese news text (PER, ORG, LOC), with offsets.

Vietnamese capitalises every syllable of a name and little else, so name spans are found as
runs of capitalised syllables; the words around and inside them type them: a person's title
or role before ("ông", "Ngoại trưởng", "Chủ tịch"), an organisation's head word at its start
("Bộ", "Ủy ban", "Công ty"), a place cue before ("tỉnh", "thành phố", "huyện") and
gazetteers of countries, capitals and Vietnam's provinces. A title is not part of a person's
span, and a country before a name ("Ngoại trưởng Nga Sergei Lavrov") is a place of its own.
Rules and word lists, no model: offline and fast (one regex pass and a walk over the runs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from diemtin.vi.language import is_syllable
from diemtin.vi.normalize import normalize_tones


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    type: str  # PER, ORG or LOC
    text: str


@lru_cache(maxsize=65536)
def _low(text: str) -> str:
    """Matching form of a word or phrase: lowercase, one tone placement, diacritics kept
    (folding them away would make "Hồi" a "Hội" and "Biên" a "biển")."""
    return normalize_tones(text).lower()


def _keys(words: str) -> frozenset[str]:
    return frozenset(_low(w.strip()) for w in words.split("|") if w.strip())


COUNTRIES = _keys(
    "Việt Nam|Mỹ|Hoa Kỳ|Nga|Trung Quốc|Nhật Bản|Nhật|Hàn Quốc|Triều Tiên|Anh|Pháp|Đức|Ý|"
    "Italy|Tây Ban Nha|Bồ Đào Nha|Hà Lan|Bỉ|Thụy Sĩ|Thụy Điển|Na Uy|Phần Lan|Đan Mạch|"
    "Iceland|Ireland|Ba Lan|Séc|Áo|Hungary|Hy Lạp|Thổ Nhĩ Kỳ|Ukraine|Belarus|Romania|"
    "Bulgaria|Serbia|Canada|Mexico|Brazil|Argentina|Chile|Peru|Colombia|Venezuela|Cuba|"
    "Úc|Australia|New Zealand|Ấn Độ|Pakistan|Bangladesh|Sri Lanka|Nepal|Afghanistan|Iran|"
    "Iraq|Syria|Israel|Palestine|Jordan|Lebanon|Ai Cập|Saudi Arabia|Ả Rập Xê Út|Qatar|UAE|"
    "Yemen|Libya|Tunisia|Algeria|Maroc|Nam Phi|Nigeria|Kenya|Ethiopia|Campuchia|Lào|Thái Lan|"
    "Myanmar|Malaysia|Singapore|Indonesia|Philippines|Brunei|Đông Timor|Mông Cổ|Đài Loan|"
    "Hồng Kông|Kazakhstan|Uzbekistan|Triều Tiên|Scotland|Xứ Wales|Liên Xô|Vatican|Cộng hòa Séc"
)
CAPITALS = _keys(
    "Hà Nội|Washington|Moscow|Mát-xcơ-va|Bắc Kinh|Tokyo|Seoul|Bình Nhưỡng|London|Paris|"
    "Berlin|Rome|Madrid|Brussels|Geneva|Stockholm|Oslo|Helsinki|Copenhagen|Reykjavik|Dublin|"
    "Warsaw|Vienna|Athens|Ankara|Kiev|Kyiv|Ottawa|Brasilia|Canberra|Sydney|New Delhi|Delhi|"
    "Islamabad|Kabul|Tehran|Baghdad|Damascus|Jerusalem|Cairo|Riyadh|Doha|Dubai|Phnom Penh|"
    "Vientiane|Viêng Chăn|Bangkok|Yangon|Naypyidaw|Kuala Lumpur|Jakarta|Manila|Singapore|"
    "New York|Los Angeles|San Francisco|Chicago|Thượng Hải|Hồng Kông|Đài Bắc|Osaka|"
    "Davos|Vladivostok|Sochi|Crimea|Gaza|Bắc Cực|Nam Cực|Biển Đông|Hoàng Sa|Trường Sa|"
    "Thái Bình Dương|Đại Tây Dương|Ấn Độ Dương|châu Á|châu Âu|châu Phi|châu Mỹ|Đông Nam Á|"
    "Trung Đông|Bắc Mỹ|Mỹ Latinh|Nam Á|Đông Á|Đông Bắc Á|Trung Á|Tây Á|Đông Âu|Tây Âu|Bắc Âu|"
    "Nam Âu|Bắc Phi|Địa Trung Hải|Sài Gòn|Huế|Đà Lạt|Nha Trang|Vũng Tàu|Hạ Long|Phú Quốc|"
    "Biên Hòa|Buôn Ma Thuột|Quy Nhơn|Mỹ Đình|Nội Bài|Tân Sơn Nhất"
)
PROVINCES = _keys(
    "An Giang|Bà Rịa - Vũng Tàu|Bà Rịa-Vũng Tàu|Bắc Giang|Bắc Kạn|Bạc Liêu|Bắc Ninh|Bến Tre|"
    "Bình Định|Bình Dương|Bình Phước|Bình Thuận|Cà Mau|Cần Thơ|Cao Bằng|Đà Nẵng|Đắk Lắk|"
    "Đắk Nông|Điện Biên|Đồng Nai|Đồng Tháp|Gia Lai|Hà Giang|Hà Nam|Hà Nội|Hà Tĩnh|Hải Dương|"
    "Hải Phòng|Hậu Giang|Hòa Bình|Hưng Yên|Khánh Hòa|Kiên Giang|Kon Tum|Lai Châu|Lâm Đồng|"
    "Lạng Sơn|Lào Cai|Long An|Nam Định|Nghệ An|Ninh Bình|Ninh Thuận|Phú Thọ|Phú Yên|"
    "Quảng Bình|Quảng Nam|Quảng Ngãi|Quảng Ninh|Quảng Trị|Sóc Trăng|Sơn La|Tây Ninh|"
    "Thái Bình|Thái Nguyên|Thanh Hóa|Thừa Thiên - Huế|Thừa Thiên Huế|Tiền Giang|Trà Vinh|"
    "Tuyên Quang|Vĩnh Long|Vĩnh Phúc|Yên Bái|TP.HCM|TPHCM|TP HCM|TP. HCM|"
    "TP. Hồ Chí Minh|TP Hồ Chí Minh|Thành phố Hồ Chí Minh|Tây Nguyên|Đồng bằng sông Cửu Long|"
    "ĐBSCL|Nam Bộ|Bắc Bộ|Trung Bộ|miền Trung|miền Bắc|miền Nam"
)
PLACES = COUNTRIES | CAPITALS | PROVINCES
# Words before a name that make it a person (not part of the span).
PERSON_TITLES = _keys(
    "ông|bà|anh|chị|em|cô|chú|bác|cụ|cháu|ngài|bé|cậu|thầy|nữ|nam|"
    "Tổng thống|Phó Tổng thống|Thủ tướng|Phó Thủ tướng|Chủ tịch|Phó Chủ tịch|Bộ trưởng|"
    "Thứ trưởng|Ngoại trưởng|Tổng Bí thư|Bí thư|Phó Bí thư|Giám đốc|Phó Giám đốc|"
    "Tổng giám đốc|Chánh án|Viện trưởng|Đại sứ|Tướng|Đại tướng|Thượng tướng|Trung tướng|"
    "Thiếu tướng|Đại tá|Thượng tá|Trung tá|Thiếu tá|Đại úy|Trung úy|Hoàng tử|Công chúa|"
    "Nữ hoàng|Vua|Giáo sư|Phó Giáo sư|GS|PGS|TS|ThS|BS|PGS.TS|GS.TS|Tiến sĩ|Thạc sĩ|Bác sĩ|"
    "Luật sư|Nhà báo|Nghệ sĩ|Ca sĩ|Diễn viên|Người mẫu|Hoa hậu|Á hậu|HLV|Huấn luyện viên|"
    "Tiền đạo|Thủ môn|Tiền vệ|Hậu vệ|Cầu thủ|Đạo diễn|Nhạc sĩ|Họa sĩ|Nhà văn|Thượng nghị sĩ|"
    "Nghị sĩ|Hạ nghị sĩ|Đại biểu|Phát ngôn viên|Người phát ngôn|Trưởng ban|Phó trưởng ban|"
    "Tổng thư ký|Thủ lĩnh|Trung sĩ|Thống đốc|Thị trưởng|Chủ nhiệm|Hiệu trưởng|Phó Hiệu trưởng|"
    "Trưởng phòng|Phó trưởng phòng|Đại diện|Mr|Mrs|Ms|Dr|Tân|Cựu|cựu|tân|Chủ tịch nước|"
    "Thượng tá|Đồng chí|đồng chí|Trưởng đoàn|Trưởng Công an|Chỉ huy trưởng"
)
ORG_HEADS = _keys(
    "Bộ|Sở|Cục|Vụ|Viện|Ban|Ủy ban|UBND|HĐND|Hội đồng|Đảng|Quốc hội|Chính phủ|Công ty|Cty|"
    "Tập đoàn|Tổng công ty|Ngân hàng|Bệnh viện|Trường|Đại học|ĐH|Học viện|Tòa án|TAND|"
    "Viện kiểm sát|VKSND|Công an|Bộ Công an|Quân đội|Quân khu|Hội|Liên đoàn|Hiệp hội|"
    "Câu lạc bộ|CLB|Đài|Báo|Tạp chí|Thông tấn xã|Hãng|Tổ chức|Quỹ|Trung tâm|Văn phòng|"
    "Liên Hợp Quốc|Liên hợp quốc|LHQ|Liên minh|Mặt trận|Đoàn|Tổng cục|Thành ủy|Tỉnh ủy|"
    "Huyện ủy|Nhà Trắng|Lầu Năm Góc|Điện Kremlin|Kremlin|Nhà máy|Xí nghiệp|Hợp tác xã|"
    "Lực lượng|Cảnh sát|Phòng|Chi cục|Kho bạc|Sàn|Sở Giao dịch|Ủy ban Nhân dân"
)
# Words before a name that make it a place (and are not part of the span).
_STRONG_PLACE_CUES = _keys(
    "tỉnh|thành phố|TP|TP.|Tp|quận|huyện|xã|phường|thị xã|thị trấn|thủ đô|làng|thôn|ấp|đảo|"
    "quần đảo|sông|núi|vịnh|đèo|cảng|sân bay|bang|SVĐ|sân vận động|nước|hồ|biển|khu kinh tế|"
    "khu công nghiệp|khu phố|đường|phố|chợ|cầu|kênh|đầm|bãi biển|khu du lịch|vườn quốc gia"
)
_CUE_ABBREVIATIONS = frozenset({"TP", "Tp", "TX", "TT", "Q", "P", "H"})
_WEAK_PLACE_CUES = _keys("tại|ở|đến|từ|sang|về|tới|qua|ngụ|quê|ra|khu vực|vùng|miền")
# Words that end or sit inside an organisation's (often foreign) name.
ORG_SUFFIXES = _keys(
    "Airlines|Airways|Air|Bank|Capital|Group|Holdings|Corporation|Corp|Inc|Ltd|Company|Co|"
    "Motors|Times|Post|News|Journal|Telegraph|Guardian|Agency|University|College|Institute|"
    "Foundation|Association|Federation|Council|Fund|FC|United|Securities|Insurance|Energy|"
    "Electronics|Telecom|Media|Television|TV|Radio|Press|Reuters|Partners|Ventures|Labs|"
    "Systems|Technologies|Technology|Software|Pharma|Steel|Oil|Gas|Petroleum|Chartered|Lynch"
)
# Small words that may sit inside a capitalised name: "Bank of America", "Bashar al-Assad".
_JOINERS = frozenset(
    {
        "of",
        "the",
        "and",
        "&",
        "de",
        "da",
        "van",
        "von",
        "der",
        "bin",
        "al",
        "el",
        "la",
        "le",
        "du",
        "di",
    }
)
SURNAMES = _keys(
    "Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đào|Đoàn|Vương|"
    "Trịnh|Trương|Lâm|Phùng|Mai|Tô|Hà|Tạ|Lưu|Cao|Đinh|Lương|Chu|Tăng|Quách|Thái|Hứa|Kiều|"
    "Đàm|Văn|Lục|Triệu|Tôn|Khổng|Mạc|Đồng|Giang|Nông|Lại|Thân|Âu"
)
# Capitalised words that start sentences or headlines without being names.
_NOT_NAMES = _keys(
    "Theo|Tuy nhiên|Trong|Ngày|Hôm|Sau|Trước|Khi|Tại|Ở|Với|Về|Để|Các|Những|Một|Hai|Ba|Nhiều|"
    "Đây|Đó|Này|Nhưng|Và|Hoặc|Nếu|Vì|Do|Từ|Đến|Cũng|Còn|Không|Chưa|Đã|Sẽ|Đang|Được|Bị|Cho|"
    "Người|Ông|Bà|Anh|Chị|Thứ|Chủ nhật|Tháng|Năm|Sáng|Chiều|Tối|Trưa|Đêm|Hiện|Hiện nay|"
    "Bên cạnh|Ngoài ra|Đồng thời|Cùng|Như|Thế|Vậy|Có|Là|Ảnh|Nguồn|Video|Clip|Xem|Tin|Bài|"
    "Thông tin|Trả lời|Chia sẻ|Mới|Tiếp|Phóng viên|PV|TTO|CLO|VOV|VTV|TTXVN|Dân trí|"
    "Chính vì|Vì vậy|Do đó|Tất cả|Mỗi|Mọi|Cả|Chỉ|Riêng|Thậm chí|Đặc biệt|Hơn nữa|Trên|Dưới|"
    "Giữa|Ngay|Lúc|Qua|Nhân|Nhằm|Theo đó|Kết quả|Lần|Cuộc|Vụ|Việc|Điều|Câu|Chiếc|Con"
)
# Capitalised words that open a new phrase even inside a run of capitals.
_SENTENCE_WORDS = _keys("Theo|Tại|Trong|Sau|Trước|Khi|Với|Ngày|Hôm|Ảnh|Nguồn|Video|Clip")
# Capitalised words that with a lowercase word after them name no one ("Chính phủ").
_COMMON_PHRASES = _keys("Chính phủ|Nhà nước|Nhân dân|Chính quyền|Trung ương|Thủ đô")
_BYLINE_INITIALS = re.compile(r"^[A-ZĐ]\.\s?[A-ZĐÀ-Ỹ]{2,}$")
_WORD = re.compile(r"[\w][\w'’]*(?:[.-][\w]+)*|[^\w\s]", re.UNICODE)
# Organisation heads whose name goes on in lowercase ("Hội đồng Bắc Cực", "Bộ Ngoại giao"):
# after the head, a capitalised word may carry one lowercase syllable with it.
_ORG_PHRASES = _keys(
    "Hội đồng|Ủy ban|Uỷ ban|Công ty|Tập đoàn|Ngân hàng|Bệnh viện|Học viện|Tổng công ty|"
    "Câu lạc bộ|Liên đoàn|Hiệp hội|Tổ chức|Trung tâm|Văn phòng|Tòa án|Viện kiểm sát|"
    "Sở giao dịch|Thông tấn xã|Quân đội|Lực lượng|Đại học|Mặt trận|Ủy ban nhân dân|"
    "Hội đồng nhân dân|Tổng cục|Chi cục|Nhà máy|Hợp tác xã"
)
_SENTENCE_END = frozenset('.!?…:;"“”')
# Lowercase words that never continue an organisation's name.
_STOP_CONTINUATION = _keys(
    "và|của|cho|với|đã|sẽ|đang|là|có|được|bị|tại|ở|trong|về|theo|này|đó|cũng|vừa|mới|"
    "thì|mà|nhưng|hay|hoặc|để|từ|đến|các|những|một|hai|ba|khi|sau|trước|nói|cho biết|"
    "hôm|ngày|năm|tháng|người|ông|bà|lên|xuống|ra|vào|không|chưa|rất|nhiều|ít|do"
)


def _is_cap(token: str) -> bool:
    return token[:1].isupper() or (token[:1].isdigit() and token.isupper() and len(token) > 1)


def _foreign(word: str) -> bool:
    """A capitalised Latin word that cannot be a Vietnamese syllable: "Yahoo", "Lavrov"."""
    return word.isascii() and word.isalpha() and len(word) >= 3 and not is_syllable(word.lower())


def _type_of(
    words: list[str],
    before: str,
    before2: str,
    at_end: bool = False,
    people: frozenset = frozenset(),
) -> str | None:
    key = _low(" ".join(words))
    if len(words) == 1 and words[0] in people:
        return "PER"  # "ông Price" after "Ned Price"
    if (
        at_end
        and len(words) <= 3
        and (len(words) >= 2 or _BYLINE_INITIALS.match(words[0]))
        and all(w[:1].isupper() for w in words)
        and key not in PLACES
    ):
        return "PER"  # the byline that closes an article: "Thành Luân", "T. LŨY"
    first = _low(words[0])
    first2 = _low(" ".join(words[:2]))
    first3 = _low(" ".join(words[:3]))
    if key in PLACES:
        return "LOC"
    if first3 in ORG_HEADS or first2 in ORG_HEADS or first in ORG_HEADS:
        return "ORG"
    if before in PERSON_TITLES or before2 in PERSON_TITLES:
        return "PER"
    if before in _STRONG_PLACE_CUES or before2 in _STRONG_PLACE_CUES:
        return "LOC"
    if all(w.isupper() and len(w) >= 2 for w in words) and len(words) == 1:
        return "ORG"  # an acronym: CNRP, NATO, FPT
    if first in SURNAMES and 2 <= len(words) <= 4:
        return "PER"
    if any(_low(w) in ORG_SUFFIXES for w in words[1:]):
        return "ORG"  # "Vietnam Airlines", "Barclays Capital Asia"
    if len(words) == 1 and _mixed_case(words[0]):
        return "ORG"  # "VietinBank": a brand is an organisation's name
    if len(words) == 1 and _BYLINE_INITIALS.match(words[0]):
        return "PER"  # "Q.DŨNG"
    if before in _WEAK_PLACE_CUES:
        return "LOC"  # "tại Tam Kỳ", "ở Zama"
    if len(words) == 1 and _foreign(words[0]):
        return "ORG"  # a foreign name with no person or place cue: most often a company
    if len(words) >= 2 and all(w.isupper() for w in words):
        return "PER"  # a byline: "BẢO MINH"
    if len(words) >= 2:
        if any(not w.isascii() for w in words):
            return "LOC"  # Vietnamese syllables, no surname, no title: "Linh Đàm", "Vân Phong"
        return "PER" if all(w[:1].isupper() for w in words) else "ORG"
    return None


def _mixed_case(word: str) -> bool:
    """An inner capital after a lowercase letter: "VietinBank", "PetroVietnam"."""
    return any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))


def _title_at(tokens: list[tuple[int, int, str]], i: int) -> int:
    """Length of a title written partly in lowercase starting at ``i`` ("Bộ trưởng"), or 0."""
    for size in (4, 3, 2):
        phrase = tokens[i : i + size]
        if (
            len(phrase) == size
            and not _is_cap(phrase[-1][2])
            and _low(" ".join(t[2] for t in phrase)) in PERSON_TITLES
        ):
            return size
    return 0


def _split_run(run: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Cut a run of capitalised words where a title, an organisation's place or a country
    before a name ends: "Ngoại trưởng Nga Sergei Lavrov" -> [Ngoại trưởng Nga] [Sergei Lavrov]."""
    parts: list[list[tuple[int, int, str]]] = []
    head = _low(run[0][2])
    if head in ORG_HEADS or _low(" ".join(t for _, _, t in run[:2])) in _ORG_PHRASES:
        # An organisation keeps its places ("Hội đồng Bắc Cực", "Bộ Ngoại giao Mỹ"); a name
        # after its place is someone of it ("Bộ Ngoại giao Mỹ Anthony Blinken").
        for k in range(1, len(run) - 1):
            if (
                run[k][2][:1].isupper()
                and not run[k][2].isupper()
                and _low(run[k][2]) in SURNAMES
                and 2 <= len(run) - k <= 4
                and k >= 2
                and (
                    (run[k - 1][2].isupper() and _low(run[k - 1][2]) not in ORG_HEADS)
                    or _low(run[k - 1][2]) in COUNTRIES
                )
            ):
                return [run[:k], run[k:]]  # "Công ty Chứng khoán ACB Phạm Phú Khôi"
            key = _low(run[k][2])
            two = _low(" ".join(t for _, _, t in run[k : k + 2]))
            size = 2 if two in COUNTRIES else 1 if key in COUNTRIES else 0
            if size and k + size < len(run):
                return [run[: k + size], *_split_run(run[k + size :])]
        return [run]
    if len(run) > 1 and run[0][2] in _CUE_ABBREVIATIONS:
        return [run[:1], *_split_run(run[1:])]  # "TP Nha Trang": the cue, then the place
    i = 0
    while i < len(run):
        # the longest known title or place starting here
        matched = 0
        for size in (4, 3, 2, 1):
            key = _low(" ".join(t for _, _, t in run[i : i + size]))
            if len(run[i : i + size]) == size and (key in PERSON_TITLES or key in PLACES):
                matched = size
                break
        rest = run[i + matched :]
        name_follows = bool(rest) and (
            all(t[2].isascii() for t in rest) or _low(rest[0][2]) in SURNAMES
        )
        is_title = (
            matched and _low(" ".join(t for _, _, t in run[i : i + matched])) in PERSON_TITLES
        )
        if matched and (is_title or name_follows or i > 0 or matched == len(run)):
            parts.append(run[i : i + matched])
            i += matched
            continue
        j = i
        while j < len(run):
            if j > i:
                hit = False
                for size in (4, 3, 2, 1):
                    key = _low(" ".join(t for _, _, t in run[j : j + size]))
                    if len(run[j : j + size]) == size and key in PERSON_TITLES:
                        hit = True
                        break
                if hit:
                    break
            j += 1
        parts.append(run[i:j])
        i = j
    return parts


def find_entities(text: str) -> list[Entity]:
    """PER, ORG and LOC spans in ``text`` (see the module docstring), in text order."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    position = {t[0]: n for n, t in enumerate(tokens)}
    people: set[str] = set()  # last names of the people met so far, for "ông Price"
    out: list[Entity] = []
    i = 0
    sentence_start = True
    before = before2 = ""
    while i < len(tokens):
        tok = tokens[i][2]
        if i and "\n" in text[tokens[i - 1][1] : tokens[i][0]]:
            sentence_start = True  # a new line (a headline, a paragraph) opens a sentence
        if not _is_cap(tok):
            sentence_start = tok in _SENTENCE_END or (sentence_start and not tok[0].isalnum())
            i += 1
            continue
        if i + 1 < len(tokens) and _low(f"{tok} {tokens[i + 1][2]}") in _COMMON_PHRASES:
            before2, before = f"{before} {_low(tok)}".strip(), _low(tok)
            sentence_start = False
            i += 2  # "Chính phủ", "Nhà nước": capitalised, but no one's name
            continue
        title = _title_at(tokens, i)
        if title:  # "Tổng thống", "Tổng giám đốc": a title in lowercase after its capital
            key = _low(" ".join(t[2] for t in tokens[i : i + title]))
            before2, before = f"{before} {key}".strip(), key
            sentence_start = False
            i += title
            continue
        if _low(tok) in _NOT_NAMES or (_low(tok) in PERSON_TITLES and len(tok) > 1):
            # "Theo Bộ Tài chính", "Ông Price": an ordinary word or a title, then the name
            nxt = tokens[i + 1][2] if i + 1 < len(tokens) else ""
            if nxt and _is_cap(nxt) and _low(tok) not in ORG_HEADS:
                before2, before = f"{before} {_low(tok)}".strip(), _low(tok)
                sentence_start = False
                i += 1
                continue
        j = i
        # an organisation head written partly in lowercase opens the run
        for size in (4, 3, 2):
            phrase = tokens[i : i + size]
            if len(phrase) == size and _low(" ".join(t[2] for t in phrase)) in _ORG_PHRASES:
                j = i + size - 1
                break
        head_end = j
        org_run = j > i or _low(tok) in ORG_HEADS
        while j + 1 < len(tokens):
            gap = text[tokens[j][1] : tokens[j + 1][0]]
            if gap not in (" ", "-", " - "):
                break
            nxt = tokens[j + 1][2]
            if _is_cap(nxt):
                if _low(nxt) in _SENTENCE_WORDS:
                    break  # "Ảnh: AFP Theo CNET": "Theo" opens a new phrase
                if _title_at(tokens, j + 1):
                    break  # "CNN Bộ trưởng Osorio Chong": the title ends the name before it
                j += 1
                continue
            if nxt in _JOINERS or nxt.rstrip("-") in _JOINERS:
                after = tokens[j + 2][2] if j + 2 < len(tokens) else ""
                if after and _is_cap(after):
                    j += 2  # "Bank of America", "Bashar al-Assad"
                    continue
                break
            if org_run and nxt.isalpha() and nxt.islower() and _low(nxt) not in _STOP_CONTINUATION:
                # an organisation's name goes on in lowercase if a capital follows soon:
                # "Bộ Ngoại giao", "Hiệp hội lương thực Việt Nam", "Liên minh châu Âu"
                ahead = [t[2] for t in tokens[j + 1 : j + 4]]
                gaps = [text[a[1] : b[0]] for a, b in zip(tokens[j : j + 3], tokens[j + 1 : j + 4])]
                if "\n" in "".join(gaps):
                    ahead = ahead[: next(n for n, g in enumerate(gaps) if "\n" in g)]
                k = next(
                    (n for n, w in enumerate(ahead) if not (w.isalpha() and w.islower())), None
                )
                if j == head_end + 1 or (
                    k is not None
                    and 1 <= k <= 2
                    and _is_cap(ahead[k])
                    and all(_low(w) not in _STOP_CONTINUATION for w in ahead[:k])
                ):
                    j += 1
                    continue
            break
        run = [t for t in tokens[i : j + 1] if t[2] != "."]
        while len(run) > 1 and _low(run[0][2]) in _NOT_NAMES:
            run = run[1:]
            sentence_start = False
        prev = [_low(t[2]) for t in tokens[max(0, i - 3) : i]]
        before = prev[-1] if prev else ""
        before2 = " ".join(prev[-2:]) if len(prev) >= 2 else before
        for part in _split_run(run):
            words = [t for _, _, t in part]
            key = _low(" ".join(words))
            if (
                sentence_start
                and part[0] is run[0]
                and len(words) == 1
                and key not in PLACES
                and key not in ORG_HEADS
                and not _mixed_case(words[0])
                and not (words[0].isupper() and len(words[0]) >= 2)
                and not _foreign(words[0])
            ):  # one capitalised word opening a sentence: an ordinary word
                sentence_start = False
                before, before2 = key, f"{before} {key}"
                continue
            if key in PERSON_TITLES or key in _NOT_NAMES or key in _STRONG_PLACE_CUES:
                before2, before = f"{before} {key}".strip(), key
                sentence_start = False
                continue
            at_end = not any(t[2][:1].isalpha() for t in tokens[position[part[-1][0]] + 1 :])
            kind = _type_of(words, before, before2, at_end, people)
            if kind == "ORG" and len(words) == 1 and key in ORG_HEADS:
                kind = None  # a bare head ("Bộ" of "Bộ trưởng", "Hội") names nothing
            s, e = part[0][0], part[-1][1]
            k0 = position[part[0][0]] if kind is None or kind == "LOC" else -1
            if k0 > 0 and _low(f"{tokens[k0 - 1][2]} {' '.join(words)}") in PLACES:
                kind, s = "LOC", tokens[k0 - 1][0]  # "miền Trung", "châu Âu"
            if kind is not None:
                surface = text[s:e].rstrip(".")
                out.append(Entity(s, s + len(surface), kind, surface))
            before2, before = f"{before} {key}".strip(), key
            sentence_start = False
        i = j + 1
    return out
