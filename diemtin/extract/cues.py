"""What Vietnamese news pages say around an article: the words of their chrome.

These are generic to the language and the genre (every outlet's related-articles box is
called some variant of "Tin liên quan"), not to any one site. Patterns are matched against
the line folded to ASCII (lowercase, no diacritics, đ -> d, © -> "copyright"), so
"Tin Liên Quan", "TIN LIÊN QUAN" and "Tin lien quan" are one cue.
"""

from __future__ import annotations

import re

# Headers of boxes that list other articles.
LISTING_HEADER = re.compile(
    r"^(?:#+\s*)?(?:"
    r"(?:cac |nhung )?(?:tin|bai|bai viet|tin bai|tin tuc|tin anh|video)"
    r" (?:lien quan|moi|moi nhat|khac|cung chuyen muc|noi bat|doc nhieu|xem nhieu|hot|nong|"
    r"tieu diem|da dua|cu hon|truoc|tiep theo|duoc quan tam|ban quan tam|hay)"
    r"|doc nhieu(?: nhat)?|xem nhieu(?: nhat)?|doc them|xem them|co the ban quan tam"
    r"|ban co the quan tam|co the ban muon xem|duoc quan tam|quan tam nhieu|tieu diem"
    r"|multimedia|xem tren|chu de|tu khoa|tags?|su kien|dong su kien|video noi bat"
    r"|tin trong ngay|tin 24h|moi nhat|noi bat|tin anh|anh|video|infographics?|podcast|emagazine"
    r")\s*[:>»]*$"
)
# A link to another article inside the body ("TIN LIÊN QUAN: …", ">> …", "[Video] …").
INLINE_RELATED = re.compile(
    r"^(?:(?:tin|bai) lien quan|xem them|doc them|tin them|xem tiep|>>|»|\[(?:video|anh|clip|"
    r"infographics?|photo|emagazine|podcast|truc tiep|live)\])"
)
# Social, print and comment widgets.
WIDGET = re.compile(
    r"^(?:chia se|share|like|thich|tweet|gui email|gui bai|gui binh luan|viet binh luan|"
    r"in bai|ban in|luu bai|luu tin|"
    r"co chu|binh luan|y kien cua ban|y kien ban doc|gui y kien|tra loi|bao loi|theo doi|"
    r"dang nhap|dang ky|nhap tu khoa|tim kiem|trang chu|quay lai|len dau trang|"
    r"facebook|twitter|zalo|email|print|copy link|sao chep)\b"
)
WIDGET_WORDS = frozenset(
    [
        "chia",
        "se",
        "facebook",
        "twitter",
        "zalo",
        "email",
        "in",
        "bai",
        "ban",
        "luu",
        "gui",
        "thich",
        "tweet",
        "co",
        "chu",
        "a",
        "copy",
        "link",
        "messenger",
        "linkedin",
        "pinterest",
        "share",
        "like",
        "print",
    ]
)
# Site footers: legal lines, contacts, copyright. One list makes both the pattern and the set
# of first words that lets a line sharing none of them skip the pattern.
FOOTER_PHRASES = (
    "all rights reserved",
    "ban quyen",
    "copyright",
    "co quan chu quan",
    "chiu trach nhiem",
    "chinh sach bao mat",
    "dia chi\\s*:",
    "dien thoai\\s*:",
    "dieu khoan",
    "email\\s*:",
    "fax\\s*:",
    "giay phep",
    "ghi ro nguon",
    "gioi thieu \\|",
    "hotline\\s*:",
    "lien he quang cao",
    "lien he \\|",
    "pho tong bien tap",
    "tong bien tap",
    "toa soan\\s*:",
    "url cua bai viet",
)
FOOTER = re.compile(r"\b(?:" + "|".join(FOOTER_PHRASES) + ")")
FOOTER_WORDS = frozenset(re.match(r"\w+", p).group(0) for p in FOOTER_PHRASES)
ADVERT = re.compile(r"^[_*\s]*(?:advertisement|quang cao|qc|sponsored|tai tro)[_*\s]*$")
# Photo captions: how a line opens ("Ảnh: …", "Ảnh minh họa", "Đồ họa: …") …
CAPTION = re.compile(
    r"(?:anh|hinh|hinh anh|anh minh hoa|hinh minh hoa|anh chup man hinh|do hoa)\s*[:.(]"
    r"|(?:anh|hinh) minh hoa"
)
# … and credits inside or at the end of one ("(Ảnh: TTXVN)", "- Nguồn: Reuters"); every
# credit has a colon, which callers test first.
CREDIT = re.compile(
    r"\(\s*(?:anh|nguon|photo|do hoa|hinh)\s*:|[-|]\s*(?:anh|nguon|photo|do hoa)\s*:"
    r"|\bnguon\s*:\s*\S+$|\banh\s*:\s*[\w .]+$"
)
# Bylines.
BYLINE_PREFIX = re.compile(
    r"^(?:tac gia|bai va anh|bai, anh|bai/anh|bai|anh|thuc hien|nhom pv|pv|btv|ctv|theo|nguon|"
    r"phong vien|bien tap|(?:ghi|luoc) dich|dich)\s*[:/]?\s*"
)
BYLINE_SUFFIX = re.compile(r"\((?:tong hop|theo [^)]*|bien dich|luoc dich|dich|t/h|th|ctv|pv)\)$")
# A leading outlet tag: "(CLO)", "VOV.VN -", "KTĐT -", "(Ngoisao.vn) -".
OUTLET_TAG = re.compile(
    r"^\s*(?:\((?P<paren>[^()]{2,30})\)\s*[.]?\s*[-–—:]?|(?P<bare>[A-ZĐ][\w.]{1,24})\s*[-–—]\s)"
)
