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
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from diemtin.vi.language import is_syllable
from diemtin.vi.normalize import key_form as _low


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    type: str  # PER, ORG or LOC
    text: str


def _keys(words: str) -> frozenset[str]:
    return frozenset(_low(w.strip()) for w in words.split("|") if w.strip())


# A syllable's final i and y after a consonant are one sound spelt two ways ("sĩ" and "sỹ",
# "kỹ" and "kĩ"); outlets keep either spelling.
_I_Y = str.maketrans("iìíỉĩịyỳýỷỹỵ", "yỳýỷỹỵiìíỉĩị")
_FINAL_I_Y = re.compile(r"(?<=[bcdđghklmnpqrstvx])[iìíỉĩịyỳýỷỹỵ]\b")


def _i_y_spellings(keys: frozenset[str]) -> frozenset[str]:
    """``keys`` with each final i written y and each final y written i."""
    return keys | {_FINAL_I_Y.sub(lambda m: m.group().translate(_I_Y), k) for k in keys}


COUNTRIES = _keys(
    "Việt Nam|Mỹ|Hoa Kỳ|Nga|Trung Quốc|Nhật Bản|Nhật|Hàn Quốc|Triều Tiên|Anh|Pháp|Đức|Ý|"
    "Italy|Tây Ban Nha|Bồ Đào Nha|Hà Lan|Bỉ|Thụy Sĩ|Thụy Điển|Na Uy|Phần Lan|Đan Mạch|"
    "Ấn|Iceland|Ireland|Ba Lan|Séc|Áo|Hungary|Hy Lạp|Thổ Nhĩ Kỳ|Ukraine|Belarus|Romania|"
    "Bulgaria|Serbia|Canada|Mexico|Brazil|Argentina|Chile|Peru|Colombia|Venezuela|Cuba|"
    "Úc|Australia|New Zealand|Ấn Độ|Pakistan|Bangladesh|Sri Lanka|Nepal|Afghanistan|Iran|"
    "Iraq|Syria|Israel|Palestine|Jordan|Lebanon|Ai Cập|Saudi Arabia|Ả Rập Xê Út|Qatar|UAE|"
    "Yemen|Libya|Tunisia|Algeria|Maroc|Nam Phi|Nigeria|Kenya|Ethiopia|Campuchia|Lào|Thái Lan|"
    "Myanmar|Malaysia|Singapore|Indonesia|Philippines|Brunei|Đông Timor|Mông Cổ|Đài Loan|"
    "Hồng Kông|Kazakhstan|Uzbekistan|Triều Tiên|Scotland|Xứ Wales|Liên Xô|Vatican|Cộng hòa Séc|"
    "Estonia|Latvia|Litva|Lithuania|Slovakia|Slovenia|Croatia|Bosnia|Montenegro|Albania|"
    "Macedonia|Moldova|Gruzia|Georgia|Armenia|Azerbaijan|Kyrgyzstan|Tajikistan|Turkmenistan|"
    "Luxembourg|Monaco|Malta|Síp|Cyprus|Mauritius|Madagascar|Mozambique|Angola|Zimbabwe|"
    "Zambia|Tanzania|Uganda|Rwanda|Sudan|Nam Sudan|Somalia|Ghana|Senegal|Mali|Niger|"
    "Cameroon|Congo|Bờ Biển Ngà|Sierra Leone|Liberia|Guinea|Ecuador|Bolivia|Paraguay|"
    "Uruguay|Guatemala|Honduras|Panama|Costa Rica|Nicaragua|El Salvador|Jamaica|Haiti|"
    "Dominica|Fiji|Papua New Guinea|Bhutan|Maldives|Oman|Kuwait|Bahrain|Ả Rập Saudi|Libăng|"
    "Đại lục|Xri Lanca|Hong Kong|Macau|Ma Cao|Anh Quốc|Vương quốc Anh|Liên bang Nga|Hàn|Triều|TBN|"
    "Đông Đức|Tây Đức|"
    "Mông Cổ|Nam Triều Tiên|Bắc Triều Tiên|Hy Lạp|Ai-len|I-rắc|I-ran|Xi-ri|Ixraen"
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
    "Biên Hòa|Buôn Ma Thuột|Quy Nhơn|Mỹ Đình|Nội Bài|Tân Sơn Nhất|Đồng Hới|Vinh|Pleiku|"
    "Tuy Hòa|Rạch Giá|Long Xuyên|Mỹ Tho|Tam Kỳ|Hội An|Phan Thiết|Phan Rang|Bảo Lộc|Cam Ranh|"
    "Sa Pa|Sapa|Móng Cái|Uông Bí|Cẩm Phả|Việt Trì|Sơn Tây|Hà Đông|Thủ Dầu Một|Tân An|"
    "Cao Lãnh|Sa Đéc|Châu Đốc|Hà Tiên|Gia Nghĩa|Đông Hà|Phủ Lý|Vĩnh Yên|Phúc Yên|Hồng Lĩnh|"
    "Cửa Lò|Sầm Sơn|Bỉm Sơn|Tam Điệp|Chí Linh|Côn Đảo|Cát Bà|Lý Sơn|Cù Lao Chàm|Điện Biên Phủ|"
    "Gò Vấp|Bình Thạnh|Tân Bình|Phú Nhuận|Thủ Đức|Bình Tân|Tân Phú|Hoàn Kiếm|Ba Đình|Đống Đa|"
    "Hai Bà Trưng|Cầu Giấy|Thanh Xuân|Hoàng Mai|Long Biên|Tây Hồ|Từ Liêm|Nam Từ Liêm|"
    "Bắc Từ Liêm|Củ Chi|Hóc Môn|Bình Chánh|Nhà Bè|Cần Giờ|Sóc Sơn|Đông Anh|Gia Lâm|Thanh Trì"
)
PROVINCES = _keys(
    "An Giang|Bà Rịa - Vũng Tàu|Bà Rịa-Vũng Tàu|Bắc Giang|Bắc Kạn|Bạc Liêu|Bắc Ninh|Bến Tre|"
    "Bình Định|Bình Dương|Bình Phước|Bình Thuận|Cà Mau|Cần Thơ|Cao Bằng|Đà Nẵng|Đắk Lắk|"
    "Đắk Nông|Điện Biên|Đồng Nai|Đồng Tháp|Gia Lai|Hà Giang|Hà Nam|Hà Nội|Hà Tĩnh|Hải Dương|"
    "Hải Phòng|Hậu Giang|Hòa Bình|Hưng Yên|Khánh Hòa|Kiên Giang|Kon Tum|Lai Châu|Lâm Đồng|"
    "Lạng Sơn|Lào Cai|Long An|Nam Định|Nghệ An|Ninh Bình|Ninh Thuận|Phú Thọ|Phú Yên|"
    "Quảng Bình|Quảng Nam|Quảng Ngãi|Quảng Ninh|Quảng Trị|Sóc Trăng|Sơn La|Tây Ninh|"
    "Thái Bình|Thái Nguyên|Thanh Hóa|Thừa Thiên - Huế|Thừa Thiên Huế|Tiền Giang|Trà Vinh|"
    "Tuyên Quang|Vĩnh Long|Vĩnh Phúc|Yên Bái|TP.HCM|TPHCM|TP HCM|TP. HCM|HCM|"
    "TP. Hồ Chí Minh|TP Hồ Chí Minh|TP.Hồ Chí Minh|TP.Hà Nội|Thành phố Hồ Chí Minh"
)
# Regions of several provinces: places, but no one province's.
REGIONS = _keys(
    "Tây Nguyên|Đồng bằng sông Cửu Long|ĐBSCL|Nam Bộ|Bắc Bộ|Trung Bộ|miền Trung|miền Bắc|miền Nam"
)
PLACES = COUNTRIES | CAPITALS | PROVINCES | REGIONS
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
    "Ủy viên Thường vụ|Ủy viên Bộ Chính trị|biệt danh|bí danh|tác giả|nhiếp ảnh gia|nhà thơ|"
    "phóng viên|biên tập viên|nghệ nhân|kỹ sư|ngư dân|lão ngư|bệnh nhân|nạn nhân|bị cáo|"
    "bị can|nghi phạm|thí sinh|vận động viên|VĐV|lực sĩ|võ sĩ|tay vợt|kỳ thủ|Quốc vương|"
    "Nhà vua|Hoàng đế|Giáo hoàng|"
    "Thái tử|Công nương|Hoàng hậu|Lãnh tụ|Ủy viên|"
    "Tổng thư ký|Thủ lĩnh|Trung sĩ|Thống đốc|Thị trưởng|Chủ nhiệm|Hiệu trưởng|Phó Hiệu trưởng|"
    "Trưởng phòng|Phó trưởng phòng|Đại diện|Mr|Mrs|Ms|Dr|Cựu|cựu|Chủ tịch nước|"
    "Thượng tá|Đồng chí|đồng chí|Trưởng đoàn|Trưởng Công an|Chỉ huy trưởng|Tư lệnh|"
    "Phó Tư lệnh|Chính ủy|Phó Chính ủy|Đại tá|Trung tá|Thiếu tá|Đại úy|Thượng úy|Trung úy|"
    "Thiếu úy|Thiếu tướng|Trung tướng|Thượng tướng|Đại tướng|Đô đốc|Chuẩn đô đốc|Pope|Sir|"
    "Cục trưởng|Phó Cục trưởng|Vụ trưởng|Phó Vụ trưởng|Giám mục|Hồng y|Tổng biên tập|"
    "Người sáng lập|Nhà sáng lập|Đồng sáng lập|Đức Giáo hoàng|Đức Thánh Cha|ĐBQH|"
    "Tổng Thanh tra|Phó Tổng Thanh tra|Chánh Thanh tra|Phó Chánh Thanh tra"
)
PERSON_TITLES = _i_y_spellings(PERSON_TITLES)  # "Ca sỹ Aslan" as "Ca sĩ Aslan"
ORG_HEADS = _keys(
    "Bộ|Sở|Cục|Vụ|Viện|Ban|Ủy ban|UBND|HĐND|Hội đồng|Đảng|Quốc hội|Chính phủ|Công ty|Cty|"
    "Tập đoàn|Tổng công ty|Ngân hàng|Bệnh viện|Trường|Đại học|ĐH|Học viện|Tòa án|TAND|"
    "Viện kiểm sát|VKSND|Công an|Bộ Công an|Quân đội|Quân khu|Hội|Liên đoàn|Hiệp hội|"
    "Câu lạc bộ|CLB|Đài|Báo|Tạp chí|Thông tấn xã|Hãng|Tổ chức|Quỹ|Trung tâm|Văn phòng|"
    "Liên Hợp Quốc|Liên hợp quốc|LHQ|Liên minh|Mặt trận|Đoàn|Tổng cục|Thành ủy|Tỉnh ủy|"
    "Huyện ủy|Nhà Trắng|Lầu Năm Góc|Điện Kremlin|Kremlin|Nhà máy|Xí nghiệp|Hợp tác xã|"
    "Lực lượng|Cảnh sát|Phòng|Chi cục|Kho bạc|Sàn|Sở Giao dịch|Ủy ban Nhân dân|"
    "Đại sứ quán|Tổng lãnh sự quán|Lãnh sự quán|Sứ quán|Bưu điện|Bảo tàng|Thư viện|Nhà hát|"
    "Nhà xuất bản|NXB|Đài truyền hình|Đài phát thanh|Hãng phim|Khách sạn|Siêu thị|Sư đoàn|"
    "Quân đoàn|Binh đoàn|Hạm đội|Trung đoàn|Bộ Chính trị|Bộ Tư lệnh|Ban Chấp hành|Thành đoàn|"
    "Tỉnh đoàn|Cơ quan|Uỷ ban|Hội đồng nhân dân|Cảnh sát biển|LĐBĐ|Liên đoàn bóng đá|"
    "Thẩm mỹ viện|Phòng khám|QH|Thanh tra|Thanh tra Chính phủ|BV|Liên hiệp quốc"
)
# Heads of state agencies, whose short lowercase description is their name ("Sở tài
# chính", "Phòng giáo dục") rather than a generic body's ("Ban tổ chức", "Công ty con").
_AGENCIES = _keys("Bộ|Sở|Cục|Tổng cục|Chi cục|Phòng|Viện|Vụ|Sở Giao dịch|Kho bạc")
# Organisation heads that name one body on their own.
_NAMED = _keys(
    "Quốc hội|Nhà Trắng|Lầu Năm Góc|Điện Kremlin|Kremlin|Liên Hợp Quốc|Liên hợp quốc|LHQ|"
    "Bộ Chính trị|Ban Bí thư|Quốc vụ viện|Hạ viện|Thượng viện|Quốc hội Mỹ|Tỉnh ủy|Thành ủy|"
    "Huyện ủy|Quận ủy|Bộ Công an|QH|Thanh tra Chính phủ|Liên hiệp quốc"
)
# Lowercase words before a name that make it an organisation (not part of the span).
_ORG_CUES = _keys(
    "công ty|tập đoàn|ngân hàng|hãng|hãng tin|hãng thông tấn|tờ|báo|tạp chí|đài|kênh|nhà mạng|"
    "đội|đội bóng|câu lạc bộ|clb|ban nhạc|trường|đảng|quỹ|hiệp hội|liên đoàn|hãng hàng không|"
    "nhà sản xuất|tổ chức|website|trang|thẩm mỹ viện|nhà hàng|khách sạn|quán|cửa hàng|"
    "siêu thị|bệnh viện|phòng khám|nhà máy|xí nghiệp|hợp tác xã|đài truyền hình"
)
# Words before a name that make it a place (and are not part of the span).
_STRONG_PLACE_CUES = _keys(
    "tỉnh|thành phố|TP|TP.|Tp|quận|huyện|xã|phường|thị xã|thị trấn|thủ đô|làng|thôn|ấp|đảo|"
    "quần đảo|sông|núi|vịnh|đèo|cảng|sân bay|bang|SVĐ|sân vận động|nước|hồ|biển|khu kinh tế|"
    "khu công nghiệp|khu phố|đường|phố|chợ|cầu|kênh|đầm|bãi biển|khu du lịch|vườn quốc gia|"
    "hạt|tiểu bang|khu tự trị|thủ phủ|bến|bến cảng|bến xe|bến phà|bến đò|vùng lãnh thổ"
)
_CUE_ABBREVIATIONS = frozenset({"TP", "Tp", "TX", "TT", "Q", "P", "H", "CH"})
_WEAK_PLACE_CUES = _keys("tại|ở|đến|từ|sang|về|tới|qua|ngụ|quê|ra|khu vực|vùng|miền|người")
# Words that end or sit inside an organisation's (often foreign) name.
ORG_SUFFIXES = _keys(
    "Airlines|Airways|Air|Bank|Capital|Group|Holdings|Corporation|Corp|Inc|Ltd|Company|Co|"
    "Motors|Times|Post|News|Journal|Telegraph|Guardian|Herald|Tribune|Daily|Gazette|Mail|Agency|University|College|Institute|"
    "Foundation|Association|Federation|Council|Fund|FC|United|Securities|Insurance|Energy|"
    "Electronics|Telecom|Media|Television|TV|Radio|Press|Reuters|Partners|Ventures|Labs|"
    "Systems|Technologies|Technology|Software|Pharma|Steel|Oil|Gas|Petroleum|Chartered|Lynch|"
    "Tires|Tyres|Foods|Beverages|Chemicals|Logistics|Shipping|Mining|Resources|Industries|"
    "Industry|Enterprises|Solutions|Services|Studios|Entertainment|Records|Pictures|Online"
)
# Small words that may sit inside a capitalised name: "Bank of America", "Bashar al-Assad".
_JOINERS = frozenset(
    {
        "of",
        "the",
        "and",
        "&",
        "de",
        "del",
        "dos",
        "das",
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
    "Đàm|Văn|Lục|Triệu|Tôn|Khổng|Mạc|Đồng|Giang|Nông|Lại|Thân|Âu|Mã|Tập|Ôn|Mao|Lỗ|Tưởng|"
    "Tiêu|Diệp|Quan|Doãn|La|Viên|Ninh|Bạch|Ông|Kha|Khúc|Cù|Từ|Yên|Lò|Hầu|Thạch|Sầm|Ngụy|Hoa"
)
# Common given names (the last syllable of a Vietnamese name), to tell "Mỹ Tâm" (a person)
# from "Hoàn Kiếm" (a place) when nothing else does.
GIVEN_NAMES = _keys(
    "Anh|Tuấn|Minh|Hằng|Tâm|Phương|Vinh|Hoàng|Ngọc|Thảo|Trang|Linh|Hương|Hà|Hùng|Dũng|Lan|"
    "Mai|Hoa|Thủy|Tiên|Yến|Sơn|Trường|Tài|Lợi|Nam|Hải|Long|Huy|Khánh|Quân|Quang|Thắng|"
    "Thành|Trung|Việt|Vũ|Vy|Nhung|Nga|Ngân|Nhi|Oanh|Phúc|Quỳnh|Tú|Tùng|Uyên|Vân|Xuân|"
    "Yên|Châu|Chi|Cường|Đạt|Điệp|Đông|Đức|Giang|Hạnh|Hiền|Hiếu|Hòa|Hồng|Huệ|Hưng|Hường|"
    "Kiên|Kiệt|Lâm|Loan|Lộc|Luân|Lý|Mạnh|My|Nghĩa|Ngọc Anh|Nguyên|Nhân|Nhàn|Phát|Phong|"
    "Phú|Phụng|Phượng|Quý|Quyên|Sang|Tấn|Thái|Thanh|Thảo|Thơ|Thu|Thư|Thúy|Thủy|Tiến|Tín|"
    "Toàn|Trâm|Trí|Trinh|Trọng|Tuyết|Tư|Tường|Vương|Ý|Ánh|Bảo|Bích|Bình|Công|Diệp|Diệu|"
    "Dung|Duy|Dương|Gấm|Hậu|Hiệp|Hiển|Hoài|Hợp|Huyền|Khải|Khang|Khoa|Khôi|Kiều|Liên|"
    "Liễu|Lực|Ly|Nhật|Ninh|Phi|Quế|Sáng|Sinh|Tâm|Thịnh|Thông|Thuận|Thương|Tín|Trà|Triều|"
    "Tuệ|Tuyền|Uy|Văn|Vinh|Vĩnh|Hân|Khanh|Lam|Loan|Mi|Nương|Sa|Thoa|Trúc|Tuân"
)
# Given names that are as often places or words: not taken as a name on their own.
_PLACE_SYLLABLES = _keys(
    "Nam|Việt|Long|Hà|Hải|Giang|Sơn|Ninh|Bình|An|Thanh|Hòa|Phú|Vinh|Đông|Trung|Xuân|Thu|"
    "Hồng|Thái|Thành|Hưng|Lâm|Quang|Tân|Vĩnh|Hiệp|Công|Văn|Lý|Triều|Nga|Mai|Hoa|Lan|Bắc|Tây"
)
# First syllables that mark a place name ("Tân Bình", "Phú Nhuận", "Hàng Bài", "Bến Thành").
_PLACE_PREFIXES = _keys("Tân|Phú|Long|Thạnh|Hàng|Hố|Bến|Chợ|Bà|Vĩnh|Hiệp|Thủ|Cầu|Xóm|Bãi")
# Middle names that make a surname start a person's name ("Đoàn Văn Tòng", "Mai Thị Hoa").
_MIDDLE_NAMES = _keys("Văn|Thị|Hữu|Đức|Công|Quang|Ngọc|Xuân|Thanh|Minh|Quốc|Hồng|Kim|Bá|Đình")
# Vietnamese outlets, the organisations most often named in credits and bylines.
OUTLETS = _keys(
    "Tuổi Trẻ|Tuổi trẻ|Thanh Niên|Thanh niên|Tiền Phong|Dân Trí|Dân trí|VnExpress|"
    "Người Lao Động|Người Lao động|Lao Động|Lao động|Pháp Luật|Pháp luật TP.HCM|"
    "Sài Gòn Giải Phóng|Nhân Dân|Nhân dân|Quân đội Nhân dân|Vietnamnet|VietNamNet|Zing|"
    "Kenh14|Báo Mới|Vietnam+|VOV|VTV|VTC|TTXVN|Thông tấn xã Việt Nam|An ninh Thủ đô|"
    "Hà Nội Mới|Công an Nhân dân|Đất Việt|Kiến Thức|Trí Thức Trẻ|CafeF|VnEconomy|"
    "Người Đưa Tin|Giáo dục Việt Nam|Petrotimes|Infonet|Soha|Tri Thức|Thể thao & Văn hóa|"
    "Thể Thao Văn Hóa|Vietnam News|Saigon Times|Thời báo Kinh tế Sài Gòn|Đời sống & Pháp luật"
)
_OUTLET_WORDS = max(len(name.split(" ")) for name in OUTLETS)  # (joining more is quadratic)
# Capitalised words that start sentences or headlines without being names.
_NOT_NAMES = _keys(
    "Theo|Tuy nhiên|Trong|Ngày|Hôm|Sau|Trước|Khi|Tại|Ở|Với|Về|Để|Các|Những|Một|Hai|Ba|Nhiều|"
    "Đây|Đó|Này|Nhưng|Và|Hoặc|Nếu|Vì|Do|Từ|Đến|Cũng|Còn|Không|Chưa|Đã|Sẽ|Đang|Được|Bị|Cho|"
    "Người|Ông|Bà|Anh|Chị|Thứ|Chủ nhật|Tháng|Năm|Sáng|Chiều|Tối|Trưa|Đêm|Hiện|Hiện nay|"
    "Bên cạnh|Ngoài ra|Đồng thời|Cùng|Như|Thế|Vậy|Có|Là|Ảnh|Nguồn|Video|Clip|Xem|Tin|Bài|"
    "Thông tin|Trả lời|Chia sẻ|Mới|Tiếp|Phóng viên|PV|CTV|"
    "Chính vì|Vì vậy|Do đó|Tất cả|Mỗi|Mọi|Cả|Chỉ|Riêng|Thậm chí|Đặc biệt|Hơn nữa|Trên|Dưới|"
    "Giữa|Ngay|Lúc|Qua|Nhân|Nhằm|Theo đó|Kết quả|Lần|Cuộc|Vụ|Việc|Điều|Câu|Chiếc|Con|Ngoài|"
    "Tờ|Chính vì|Mẹ Việt Nam|Sinh viên|Học sinh|"
    "Hội nghị|Hội thảo|Đại hội|Hội chợ|Lễ|Giải|Liên hoan|Photo|Thông tư|Nghị định|Quyết định|"
    "Nghị quyết|"
    "Chỉ thị|Công văn|Công điện|Chứ|Bảng|Phía|Bộ luật"
)
# Capitalised words that are units, currencies, standards or technical terms, not names.
_NOT_ENTITIES = _keys(
    "USD|VND|VNĐ|EUR|Euro|Yen|NDT|HTTPS|HTTP|SSL|GB|MB|KB|TB|GHz|MHz|RAM|ROM|CPU|GPU|HD|"
    "Full HD|LED|LCD|OLED|NFC|GPS|USB|SIM|SMS|MMS|3G|4G|5G|LTE|WiFi|Wi-Fi|Bluetooth|GDP|"
    "GNP|CPI|FDI|ODA|IPO|CEO|CFO|CTO|COO|ATM|VIP|PC|IT|AI|DNA|ADN|HIV|AIDS|SARS|ĐTDĐ|OTC|"
    "PR|MC|DJ|MV|CD|DVD|TV|ha|km|kg|mm|cm|Internet|Web|Website|Email|E-mail|Online|Android|"
    "iOS|Windows|iPhone|iPad|iPod|Gmail|Hotmail|Outlook|KitKat|Jelly Bean|Snapdragon|Full|"
    "Top|Clip|Video|Audio|Live|Show|Game|Smartphone|Tablet|Laptop|Camera|Megapixel|NXB|THPT|"
    "THCS|GD-ĐT|KT-XH|BHXH|BHYT|TNCS|PCCC|CSGT|CSHS|CA|QL|ĐT|TP|TX|TT|Thu Đông|Đông Xuân|"
    "Hè Thu|Xuân Hè|Tết|Noel|Giáng sinh|Halloween|Valentine|Phục sinh|ISO|HDD|SSD|VXL|"
    "Webcam|Ethernet|Core|HCV|HCB|HCĐ|VĐV|"
    "VĐTG|ĐKVĐ|Olympic|SEA Games|ASIAD|World Cup|Paralympic|ĐT|U21|U23|U19|U22|U20|U17|U16|"
    "U18|U15|U14|U13|"
    "HĐQT|BGĐ|BĐH|CK|Mã CK|UAV|PGS-TS|GS-TS|GS-TSKH|BCH|BCHTW|GS|PGS|TS|ThS|SV|CĐ|"
    # short forms of common nouns: fans, (state) firms, the state budget, "born in"
    "CĐV|DN|DNNN|NSNN|SN"
)
# Product lines: a name with one of them is a product's ("Samsung Galaxy", "Adreno 330").
_PRODUCT_LINES = _keys(
    "Galaxy|Lumia|Xperia|Optimus|Exynos|Adreno|AMOLED|Retina|PlayStation|Xbox|MacBook"
)
# Words before a name that make it a product or a brand of one, which is no entity here.
_PRODUCT_CUES = _keys(
    "hệ điều hành|dịch vụ|giao thức|phiên bản|ứng dụng|phần mềm|điện thoại|smartphone|"
    "máy tính bảng|mẫu|dòng|chip|vi xử lý|bộ xử lý|trình duyệt|vàng|siêu phẩm|sản phẩm|"
    "thiết bị|máy|chuẩn|công nghệ|loại|model|chiếc|tàu|xe|giống|thuốc|nhãn hiệu|game|"
    "chỉ số công nghiệp|trò chơi|phim|bộ phim|ca khúc|bài hát|album|chương trình|cuốn|"
    "tác phẩm|vở|gameshow|phim truyền hình|bom tấn|bão|siêu bão|cơn bão|áp thấp|tên lửa|"
    "thủy lôi|máy bay|tàu ngầm|trực thăng|xe tăng|pháo|súng|"
    "cảm biến|ống kính|"
    "chủ đề|cúp|giải|giải đấu|mùa giải|hiệp định|hiệp ước|công ước|luật|bộ luật|nghị định|"
    "thông tư|chiến dịch|sự kiện|dự án|kế hoạch|đề án|cuộc thi|lễ hội|liveshow|tour|chỉ số"
)
_PRODUCT_CUE_ENDS = frozenset(k.split(" ")[-1] for k in _PRODUCT_CUES)
# Product cues after which a country is the owner, not part of a name: "máy bay Israel".
_OWNED_CUES = _keys(
    "máy bay|tàu|xe|tàu ngầm|trực thăng|xe tăng|tên lửa|chiến đấu cơ|máy bay chiến đấu|"
    "thiết bị|sản phẩm|vũ khí|tàu chiến|tàu cá"
)
# Last words that make a brand's name a product's: "Yahoo Mail", "Galaxy Note".
_PRODUCT_TAILS = _keys(
    "Mail|Maps|Drive|Store|Play|Pay|Phone|Pad|Note|Tab|Watch|Pro|Plus|Max|Mini|Lite|Edition|"
    "OS|Glass|Book|Series|Cloud|Music|Messenger|Chrome|Explorer|Office|League|Cup|Masters|"
    "Championship|Open|Games|Festival|Awards|Expo|Tour|Idol|Got Talent|Star"
)
# Place heads that are part of the place's name when capitalised: "Quảng trường Ba Đình".
_PLACE_HEADS = _keys(
    "Quảng trường|Sân bay|Cảng|Vịnh|Đảo|Quần đảo|Núi|Sông|Cầu|Chợ|Đèo|Bán đảo|Vườn quốc gia|"
    "Khu du lịch|Cao nguyên|Phố|Thành cổ|Lăng|Đền|Chùa|Nhà thờ|Dinh|Khu công nghiệp|Hầm|"
    "Cung|Tượng đài|Nhà hát"
)
_STATE_FORMS = _keys("Cộng hòa|Vương quốc|Liên bang|Đế quốc|Công quốc")
# Titles of one syllable that are also given names: "ông Nam", "chị Anh".
_KIN_NAMES = _keys("Nam|Anh|Em|Cô|Bé|Nữ")
# Bodies every event or firm has, capitalised but naming no one in particular.
_GENERIC_BODIES = _keys(
    "Ban Tổ chức|BTC|Ban Giám khảo|BGK|Ban Giám hiệu|Ban Quản lý|Ban Chỉ đạo|BCĐ|Thanh tra nhân dân"
)
# Countries of one syllable that are also syllables of people's names ("Mỹ Tâm", "Anh Kiên").
_NAME_COUNTRIES = _keys("Mỹ|Anh|Nga|Đức|Nhật|Ý")
_LANGUAGE_CUES = frozenset({"tiếng", "bảng"})
_SCHOOL_HEADS = _keys("Trường|Đại học|ĐH|Học viện")
# Common foreign given names: after a title and an organisation, one of them and a word
# are the person the title is of ("Tập đoàn Microsoft Bill Gates").
_FOREIGN_GIVEN_NAMES = frozenset(
    "John James Michael David Robert William Richard Thomas Charles Mark Paul Peter George "
    "Steven Steve Bill Tim Tom Jack Joe Mike Larry Sergei Sergey Vladimir Dmitry Mario Angela "
    "Hillary Barack Donald Joseph Jeff Elon Warren Sundar Satya Ben Janet Christine Jean "
    "Pierre François Nicolas Emmanuel Antonio Carlos José Jose Luis Juan Maria Anna "
    "Elizabeth Mary Sarah Jennifer Lisa Susan Michelle Shinzo Abdullah Mohammed Muhammad "
    "Ahmed Ali Ivan Alexander Alexei Andrew Anthony Antony Christopher Daniel Matthew Kevin "
    "Brian Edward Ronald Jason Ryan Eric Henry Frank Scott Martin Patrick Samuel Philip "
    "Simon Howard Rupert Tony Gary Chris Ned Sergio Marco Luca Hans Klaus Wolfgang Olaf "
    "Helmut Ursula Theresa Boris Justin Malcolm Narendra Recep Benjamin Hugo Jim Ken Marissa "
    "Sheryl Jamie Lloyd Ray Roger Stephen Alan Jerome Jay Kristalina Josep Fumio Yoshihide".split()
)
_LINE_BREAK = re.compile(r"\n\s*")
_OPEN_QUOTES = frozenset({"“", '"', "«", "‘"})
# What a picture's credit says when it names no one.
_NOT_CREDITS = _keys("Minh họa|Tư liệu|Chụp màn hình|Internet|Nguồn internet|Cắt từ")
_TITLE_TAILS = _keys("Thường vụ|Trung ương|Bộ Chính trị")
# Endings of European and Asian family names, to tell "Djokovic" from "Toshiba".
_SURNAME_ENDING = re.compile(
    r"(?:ovic|ović|evic|ić|ov|ova|ev|eva|in|ina|sky|ski|ska|enko|escu|son|sen|stein|berg|"
    r"mann|ini|elli|etti|ez|aj|adze|shvili|yan|ian|opoulos|akis|oglu|ovich|yev|yeva|ko|uk|"
    r"chuk|czyk|wicz|ard|ault|eau)$",
    re.I,
)
# Heads of bodies named by a number alone: "Quân khu 7", "Bệnh viện 108", "Sư đoàn 304".
_NUMBERED_UNITS = _keys(
    "Quân khu|Quân đoàn|Sư đoàn|Trung đoàn|Lữ đoàn|Binh đoàn|Hạm đội|Bệnh viện|Vùng"
)
# Words after a number that make it a quantity, not part of a name before it.
_MEASURES = _keys(
    "năm|tháng|ngày|tuần|giờ|phút|giây|người|tỷ|triệu|nghìn|ngàn|trăm|lần|tuổi|km|m|ha|tấn|"
    "kg|đồng|USD|học|cán|lớp|trường|công|nhân|bệnh|vụ|điểm|bàn|trận|vòng"
)
# English words Vietnamese news borrows with a capital; with no cue they name no one.
_ENGLISH_WORDS = frozenset(
    "banking mobile internet online fan fans tax service services smart digital home money "
    "card phone app apps data cloud social network marketing shopping style fashion beauty "
    "business market shop store mall event game games show music sport sports travel food "
    "tech technology fintech startup start-up e-commerce ecommerce e-banking e-mail super one "
    "flashmob photo album".split()
)
# Vietnamese company names made from the country's or a city's name: "Vinashin", "PetroVietnam".
_VN_BRAND = re.compile(r"^(?:Vina|Viet|Petro|Saigon|Hanoi|Sai)", re.I)
# Last words of a sports club's name after its city: "Sydney FC", "Manchester United".
_CLUB_SUFFIXES = frozenset({"FC", "CF", "AFC", "SC", "United"})
# The number of a legal document ("32/2011/TT-BTC", "51/2010/NĐ-CP"): the issuer's code
# in it names no one.
_DOCUMENT_NUMBER = re.compile(r"\d+/\d{2,4}/[A-ZĐ]+(?:\s?-\s?[A-ZĐ]+)*")
_LIST_GAPS = frozenset({", ", " và ", ", và ", " hoặc ", " hay ", ",", " , "})
_ROMAN = re.compile(r"^[IVX]{2,5}$")
_SCORE = re.compile(r"(?<![\w/.,:-])\d{1,2} ?- ?\d{1,2}(?![\w/.,:%-])")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|vn|info|gov|edu)(?:\.vn)?$", re.I)
_MODEL_CODE = re.compile(r"^[A-Za-z]{1,3}-?\d+[A-Za-z]*$")
_FOREIGN_ARTICLES = frozenset({"The", "Der", "Die", "Das", "Le", "La", "Les", "El", "Il"})
# Words that introduce a picture's or a clip's credit: "Ảnh: AFP", "Ảnh: Minh Tiệp".
_CREDIT_WORDS = _keys("ảnh|clip|video|nguồn|ảnh minh họa|đồ họa|thực hiện|photo")
# Lowercase words that may sit in the closing byline: "PV/VOV online Tổng hợp", "(theo AFP)".
_BYLINE_WORDS = _keys("theo|và|online|tổng hợp|tổng|hợp|st|lược dịch|dịch|nguồn")
# Capitalised words that open a new phrase even inside a run of capitals.
_SENTENCE_WORDS = _keys(
    "Theo|Tại|Trong|Sau|Trước|Khi|Với|Ngày|Hôm|Ảnh|Nguồn|Video|Clip|Được|Tuy|Nhưng|Bên cạnh|"
    "Ngoài ra|Đồng thời|Hiện nay|Đây|Còn|Nếu|Để|Các|Những|Một số|Chính vì|Vì vậy|Do đó|"
    "Nhiều|Như|Về|Bảng|Báo cáo|Tuyên bố"
)
# Words that, capitalised and before a lowercase word, open a sentence rather than end a name.
_OPENERS = _keys("Một|Thêm|Phần|Phía|Lúc")
# Capitalised words that with a lowercase word after them name no one ("Chính phủ").
_COMMON_PHRASES = _keys("Chính phủ|Nhà nước|Nhân dân|Chính quyền|Trung ương|Thủ đô")
_INITIALS = re.compile(r"(?:[A-ZĐ]\.)+[A-ZĐ]\.?")
# "(ghi)", "(tổng hợp)": what a reporter did, after the reporter's name or initials
_REPORTED = re.compile(r"\s*\((?:ghi|tổng hợp|lược dịch|biên dịch|dịch)\)")
_BYLINE_INITIALS = re.compile(r"^(?:[A-ZĐ]\.\s?){1,3}[A-ZĐÀ-Ỹ][\w]+$")
_WORD = re.compile(r"[\w][\w'’]*(?:[.&-][\w]+)*|[^\w\s]", re.UNICODE)
# Organisation heads whose name goes on in lowercase ("Hội đồng Bắc Cực", "Bộ Ngoại giao"):
# after the head, a capitalised word may carry one lowercase syllable with it.
_ORG_PHRASES = frozenset(h for h in ORG_HEADS if " " in h)
_SENTENCE_END = frozenset('.!?…:;"“”')
# Lowercase words that never continue an organisation's name.
_STOP_CONTINUATION = _keys(
    "và|của|cho|với|đã|sẽ|đang|là|có|được|bị|tại|ở|trong|về|theo|này|đó|cũng|vừa|mới|"
    "thì|mà|nhưng|hay|hoặc|để|từ|đến|các|những|một|hai|ba|khi|sau|trước|nói|cho biết|"
    "hôm|ngày|năm|tháng|người|ông|bà|lên|xuống|ra|vào|không|chưa|rất|nhiều|ít|do|"
    "vẫn|đều|luôn|phải|cần|nên|muốn|như|nếu|vì|bởi|tuy|dù|còn|hiện|sau|nay|từng|"
    "đây|kia|ấy|nào|gì|sao|thế|vậy|tới|qua|trên|dưới|giữa|ngoài|cùng|bằng|nhằm|lần|khóa|"
    "kỳ|nhiệm|đợt|phiên|online|làm"
)
# First syllables of verbs that follow an organisation's name ("Bộ Y tế đề nghị", "Ủy ban
# yêu cầu"): they end a lowercase description, though not the one syllable that completes
# a capitalised word ("Ngoại giao", "Phát triển").
_VERB_STARTS = _keys(
    "đề|yêu|tổ|phê|kiến|thông|công|khẳng|nhận|đánh|chỉ|ban|quyết|ký|tham|hãy|thấy|cơ|"
    "tiếp|phát|xác|cảnh|đưa|trao|tặng|thu|chi|mua|bán|giao|gửi|lập|mở|tăng|giảm|"
    "đạt|làm|tạo|xây|tuyên|thừa|bác|gặp|ủng|phản|cam|triển|tiến|nêu|họp|bàn|khai|"
    "truy|bắt|xử|kiểm|điều|thanh|tìm|cứu|hỗ|chuẩn|bổ|tuyển|áp|vừa|đang|chấp|triệu|viếng|"
    "thăm|dâng"
)
# Verbs of two syllables that follow an organisation's name ("Tổng cục Thuế tổ chức").
_VERB_PHRASES = _keys(
    "tổ chức|cho biết|thông báo|công bố|đề nghị|yêu cầu|khẳng định|cho rằng|quyết định|"
    "phối hợp|ban hành|tiến hành|triển khai|kiểm tra|xử lý|phát hiện|ký kết|chỉ đạo|"
    "hướng dẫn|phê duyệt|tiếp nhận|xác nhận|cảnh báo|đánh giá|nhận định|đưa tin|dẫn lời|"
    "cho hay|tuyên bố|thông tin|phát biểu|trả lời|bác bỏ|thừa nhận|khởi tố|bắt giữ"
)
# Lowercase words that close an organisation's name: "Tổ chức Y tế thế giới".
_NAME_FINALS = _keys("thế giới|quốc tế|trung ương|toàn cầu|quốc gia|nhân dân|khu vực")


def _is_cap(token: str) -> bool:
    return token[:1].isupper() or (token[:1].isdigit() and token.isupper() and len(token) > 1)


# Letters of Vietnamese alone (ă â đ ê ô ơ ư, and the vowels with a hook, a dot below or a
# tone over a circumflex or breve): a word with one is Vietnamese, however misspelt.
_VIETNAMESE_LETTER = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")


def foreign_word(word: str) -> bool:
    """A capitalised Latin word that cannot be a Vietnamese syllable: "Yahoo", "Lavrov",
    and names with other languages' letters, "Großkreutz", "Özil", "Modrić"."""
    if len(word) < 3 or not word.isalpha() or is_syllable(word.lower()):
        return False
    if word.isascii():
        return True
    return bool(_LATIN.fullmatch(word)) and not _VIETNAMESE_LETTER.search(word)


def _type_of(
    words: list[str],
    before: str,
    before2: str,
    at_end: bool = False,
    people: AbstractSet[str] = frozenset(),
) -> str | None:
    key = _low(" ".join(words))
    if (
        at_end
        and len(words) <= 3
        and (len(words) >= 2 or _BYLINE_INITIALS.match(words[0]))
        and all(w[:1].isupper() for w in words)
        and key not in PLACES
        and key not in OUTLETS
        and before not in _ORG_CUES
    ):
        return "PER"  # the byline that closes an article: "Thành Luân", "T. LŨY"
    first = _low(words[0])
    first2 = _low(" ".join(words[:2]))
    if (
        (before in PERSON_TITLES or before2 in PERSON_TITLES)
        and (key in PROVINCES or key in REGIONS)
        and key not in COUNTRIES
        and key not in CAPITALS
        and len(words) >= 2
    ):
        return "PER"  # "nhà văn Hòa Bình": a person named like a province
    if key in PLACES:
        return "LOC"
    if (
        (before in PERSON_TITLES or before2 in PERSON_TITLES)
        and first in SURNAMES
        and first2 not in ORG_HEADS  # "Chủ tịch Tập đoàn …": "Tập" is no surname here
        and len(words) in (2, 3, 4)
    ):
        return "PER"  # "TS Đoàn Hương"
    if key in OUTLETS or any(_low(w) in ORG_SUFFIXES for w in words[1:]):
        return "ORG"  # "Tuổi Trẻ", "Vietnam Airlines", even after a title
    if first in SURNAMES and 2 <= len(words) <= 4 and _low(words[1]) in _MIDDLE_NAMES:
        return "PER"  # "Đoàn Văn Tòng": "Đoàn" is a surname here, not a head
    cue, dot, rest = words[0].partition(".")
    if dot and cue in _CUE_ABBREVIATIONS and rest[:1].isupper():
        return "LOC"  # "TP.Hồ Chí Minh", "Q.Bình Thạnh"
    if len(words) >= 2 and first2 in _STATE_FORMS and _low(" ".join(words[2:])) in COUNTRIES:
        return "LOC"  # "Cộng hòa Mauritius", "Liên bang Nga"
    if (first2 in _PLACE_HEADS and len(words) > 2) or (first in _PLACE_HEADS and len(words) > 1):
        return "LOC"  # "Quảng trường Dân chủ", "Sông Hồng"
    if any(_low(" ".join(words[:n])) in ORG_HEADS for n in (1, 2, 3, 4)):
        return "ORG"
    if len(words) == 1 and words[0] in people:
        return "PER"  # "ông Price" after "Ned Price"
    if (
        len(words) == 1
        and words[0].isupper()
        and len(words[0]) >= 2
        and "." not in words[0]
        and (words[0].isascii() or not is_syllable(first))
    ):  # an acronym, even after a title: "Bộ trưởng LĐ-TB&XH"; not a word shouted: "HỚ"
        return "ORG"
    if before in PERSON_TITLES or before2 in PERSON_TITLES:
        return "PER"
    if before in _ORG_CUES or before2 in _ORG_CUES:
        return "ORG"  # "công ty VBĐQ Sài Gòn", "hãng tin AFP"
    if len(words) >= 2 and words[0] in _FOREIGN_ARTICLES:
        return "ORG"  # "Der Spiegel", "The Guardian"
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
    return None


def _name_like(word: str, people: set[str] | frozenset[str] = frozenset()) -> bool:
    """One word that is most likely a person's name: a known one, a foreign one, or a
    common Vietnamese given name that is not also a common place syllable."""
    return (
        word in people
        or foreign_word(word)
        or (
            _low(word) in GIVEN_NAMES
            and _low(word) not in _PLACE_SYLLABLES
            and _low(word) not in SURNAMES
            and not word.isupper()
        )
    )


def _product_cued(tokens: list[tuple[int, int, str]], i: int, work_end: int = -9) -> bool:
    """The lowercase words before ``tokens[i]`` announce a product or a work ("chương
    trình", "phim", "phim như"), whose title follows even when it starts with an ordinary
    word; so does a list of them ("phim như I Miss You, Soulmate")."""
    if i >= 2 and work_end == i - 2 and tokens[i - 1][2] == ",":
        return True
    if i >= 1 and tokens[i - 1][2] in _OPEN_QUOTES:
        i -= 1  # ca khúc “Việt Nam ơi”: the title in quotes
    if i >= 1 and tokens[i - 1][2] in ("như", "là", "gồm", ":"):
        i -= 1
    if not i or tokens[i - 1][2] not in _PRODUCT_CUE_ENDS:
        return False  # no cue ends just before: the common case, decided without joins
    words = [t[2] for t in tokens[max(0, i - 3) : i]]
    return any(
        " ".join(words[-n:]).islower() and " ".join(words[-n:]) in _PRODUCT_CUES
        for n in (1, 2, 3)
        if len(words) >= n
    )


def _cued_place(before: str, before2: str) -> bool:
    return before in _WEAK_PLACE_CUES or before2 in _WEAK_PLACE_CUES


def _word_of_phrase(
    words: list[str], nxt: tuple[int, int, str] | None, gap: str, people: set[str]
) -> bool:
    """One capitalised Vietnamese word, not name-like, with a lowercase syllable right after
    it: most often the first word of a capitalised phrase ("Bộ trưởng Quốc phòng", "về Dự
    thảo"), not a name."""
    return (
        len(words) == 1
        and not words[0].isascii()
        and not _name_like(words[0], people)
        and nxt is not None
        and gap == " "
        and nxt[2].isalpha()
        and nxt[2].islower()
    )


_LONE_FOREIGN = "ORG?"  # the guess for a lone foreign word; a list it is in may say PER


def _guess_type(words: list[str], before: str, before2: str) -> str | None:
    """A type from weak evidence only; a stronger mention of the same name elsewhere in the
    text overrides it (see :func:`find_entities`)."""
    if _cued_place(before, before2):
        return "LOC"  # "tại Tam Kỳ", "ở Zama"
    if any(w.lower() in _ENGLISH_WORDS for w in words):
        return None  # "Mobile Banking", "các Fan": English words borrowed, no one's name
    if len(words) == 1 and foreign_word(words[0]):
        if _SURNAME_ENDING.search(words[0]) and not _VN_BRAND.match(words[0]):
            return "PER"  # "Djokovic", "Januzaj", "Kucherena": a family name's ending
        return _LONE_FOREIGN  # a foreign name with no cue: most often a company
    if len(words) >= 2 and all(w.isupper() for w in words):
        return "PER"  # a byline: "BẢO MINH"
    if len(words) == 1 and not words[0].isascii() and _name_like(words[0]):
        return "PER"  # "cha mẹ Tuấn": a given name on its own
    if len(words) >= 2:
        if any(not w.isascii() for w in words):
            # Vietnamese syllables, no surname, no title: people are often named by their
            # last two syllables ("Mỹ Tâm", "Công Vinh"), places by theirs ("Hoàn Kiếm")
            if _low(words[0]) not in _PLACE_PREFIXES and _low(words[-1]) in GIVEN_NAMES:
                return "PER"
            return "LOC"
        joined = all(w[:1].isupper() or w.partition("-")[0] in _JOINERS for w in words)
        return "PER" if joined else "ORG"
    return None


def _org_lowercase(
    text: str, tokens: list[tuple[int, int, str]], j: int, after_head: bool, mid_sentence: bool
) -> int:
    """How many lowercase words after ``tokens[j]`` still belong to an organisation's name.

    Vietnamese capitalises only the first syllable of each part of a name: "Bộ Giao thông
    Vận tải", "Ủy ban Thường vụ Quốc hội". So after a capitalised syllable one lowercase
    syllable goes with it; right after the head a lowercase description may run on to the
    next capital or, mid-sentence, to the punctuation ("Hiệp hội lương thực Việt Nam",
    "Trung tâm khí tượng thủy văn trung ương,"); a lowercase place cue takes its place
    ("Ngân hàng Phát triển châu Á"). Verbs and function words end the name.
    """
    two = " ".join(t[2] for t in tokens[j + 1 : j + 3])
    if two.islower() and _low(two) in _NAME_FINALS:
        return 2  # "Tổ chức Đột quỵ thế giới"
    chain: list[str] = []
    k = j + 1
    verb_after = False  # the description ends where a verb or a function word begins
    while k < len(tokens) and len(chain) < 7 and text[tokens[k - 1][1] : tokens[k][0]] == " ":
        word = tokens[k][2]
        if not (word.isalpha() and word.islower()):
            break
        if _low(word) in _STOP_CONTINUATION:
            verb_after = True
            break
        if (
            _low(word) in _VERB_STARTS
            or (k + 1 < len(tokens) and _low(f"{word} {tokens[k + 1][2]}") in _VERB_PHRASES)
        ) and not (chain == [] and not after_head):
            verb_after = True
            break  # "Bộ Y tế đề nghị", "Bộ Công an phối hợp"
        if (
            _low(word) in ORG_HEADS
            and k + 1 < len(tokens)
            and _is_cap(tokens[k + 1][2])
            and not (chain == [] and not after_head)  # "Bộ Quốc phòng Israel"
        ):
            break  # another organisation begins: "Bộ Chính trị | đảng Cộng sản"
        chain.append(word)
        k += 1
    if not chain:
        return 0
    joined = k < len(tokens) and text[tokens[k - 1][1] : tokens[k][0]] == " "
    after = tokens[k][2] if k < len(tokens) else ""
    if len(chain) == 1 and joined and _low(f"{chain[0]} {after}") in PLACES:
        return 1  # "châu Á", "miền Trung"
    if after_head and len(chain) <= 6 and joined and _is_cap(after):
        opens_new = _low(after) not in COUNTRIES and (
            _low(after) in ORG_HEADS
            or _low(after) in _SENTENCE_WORDS
            or _low(after) in PERSON_TITLES
            or any(p.startswith(_low(after) + " ") for p in _COMMON_PHRASES)
        )
        if not opens_new:
            return len(chain)
    if (
        after_head
        and mid_sentence
        and (not after or after in ",.;:)(" or "\n" in text[tokens[k - 1][1] : tokens[k][0]])
    ):
        return len(chain)
    if (
        after_head
        and mid_sentence
        and verb_after
        and len(chain) <= 3
        and any(_low(" ".join(t[2] for t in tokens[j - n : j + 1])) in _AGENCIES for n in (0, 1))
    ):
        return len(chain)  # "Tổng cục thuế chấp nhận", "Phòng giáo dục đã triệu tập"
    current = tokens[j][2]
    ending = [_low(" ".join(t[2] for t in tokens[max(0, j - n) : j + 1])) for n in (0, 1, 2)]
    if any(e in PLACES for e in ending):
        return 0  # a place ends the name: "Liên minh châu Âu | từng"
    if (
        not after_head
        and len(chain) == 2
        and joined
        and _is_cap(after)
        and any(_low(" ".join(t[2] for t in tokens[k : k + n])) in PLACES for n in (1, 2, 3))
    ):
        return 2  # "Lực lượng Cảnh sát biển Ấn Độ"
    opens_part = j == 0 or not _is_cap(tokens[j - 1][2]) or _low(tokens[j - 1][2]) in ORG_HEADS
    if (
        not after_head
        and opens_part
        and _low(" ".join(chain[:2])) not in _VERB_PHRASES
        and current[:1].isupper()
        and not (current.isupper() and len(current) > 1)
        and not foreign_word(current)
        and not current.isdigit()
    ):
        return 1  # "Y tế", "Giao thông", "Thường vụ"
    return 0


def _is_product(
    words: list[str], before: str, before2: str, nxt: tuple[int, int, str] | None, gap: str
) -> bool:
    """A product, a unit or a technical term rather than a name: "Nexus 5", "Yahoo Mail",
    "RAM 2GB", "vàng SJC", "hệ điều hành Android"."""
    key = _low(" ".join(words))
    if _low(words[0]) in ORG_HEADS or _low(" ".join(words[:2])) in ORG_HEADS:
        return False
    if before in _STRONG_PLACE_CUES or before2 in _STRONG_PLACE_CUES:
        return False  # "tỉnh Kashmir 185km", "đường Giải Phóng"
    if _ROMAN.match(key.upper()):
        return True  # "quý III", "lần II"
    if len(words) == 1 and _MODEL_CODE.match(words[0]) and before[:1].isalpha() and before != "của":
        return True  # "Tecra Z40": the model code of a product named before it
    if len(words) == 1 and key in _NOT_ENTITIES:
        return True  # "trường CĐ": a common noun's abbreviation, even after an org's cue
    if before in _ORG_CUES or before2 in _ORG_CUES or before == "theo":
        return False  # "Theo Daily Mail", "tờ Hindustan Times"
    if key in COUNTRIES and (before in _OWNED_CUES or before2 in _OWNED_CUES):
        return False  # "máy bay Israel": the country whose plane it is
    if before in _PRODUCT_CUES or before2 in _PRODUCT_CUES:
        return True  # even a place: "Hiệp định Paris"
    if key in PLACES:
        return False
    if len(words) >= 2 and _low(words[0]) in _PRODUCT_CUES:
        return True  # "Vàng SJC"
    if key in _NOT_ENTITIES or any(_low(w) in _NOT_ENTITIES or w[0].isdigit() for w in words):
        return True
    if any(_low(w) in _PRODUCT_LINES for w in words):
        return True
    if len(words) >= 2 and any(_MODEL_CODE.match(w) and any(c.isdigit() for c in w) for w in words):
        return True  # "P-3C Orion", "Lockheed P-3C"
    if len(words) >= 2 and (
        _low(words[-1]) in _PRODUCT_TAILS
        or (len(words) >= 3 and _ROMAN.match(words[-1]) and _low(words[-2]) in _PRODUCT_TAILS)
    ):  # "Galaxy Note", "Galaxy Note III"
        return True
    # a brand followed by a model number: "Nexus 5", "Android 4.4", "Windows 8"
    if nxt is None or gap != " " or not all(w.isascii() for w in words):
        return False
    model = nxt[2]
    if _MODEL_CODE.match(model):
        return True  # "Tecra Z40", "Core i3"
    return model[:1].isdigit() and "-" not in model and (not model.isdigit() or len(model) <= 2)


def _credit_name(text: str, tokens: list[tuple[int, int, str]], k: int, limit: int) -> int:
    """Index of the last token of the credited name starting at ``k`` ("N.T.Phúc",
    "T. LŨY", "Vietnam+", "Nguyễn Minh Tuấn Anh"); stops at words that open a phrase."""
    if _DOMAIN.match(tokens[k][2]):
        return k  # "Ảnh: RT.com"
    m = k
    while m + 1 < limit and m - k < 3:
        gap = text[tokens[m][1] : tokens[m + 1][0]]
        word = tokens[m + 1][2]
        if word == "+" and not gap:
            m += 1  # "Vietnam+"
            break
        if word == "." and len(tokens[m][2]) == 1 and m + 2 < limit and _is_cap(tokens[m + 2][2]):
            m += 2  # "T. LŨY"
            continue
        key = _low(word)
        if (
            gap != " "
            or not _is_cap(word)
            or (key in _NOT_NAMES and key != "anh" and limit < len(tokens))  # "Đỗ Tuấn Anh"
            or key in _SENTENCE_WORDS
            or key in ORG_HEADS
            or key in _BYLINE_WORDS
            or (tokens[k][2].isupper() and not word.isupper())  # "AP Ủy ban": one word
        ):
            break
        m += 1
    return m


_CREDIT_JOINERS = frozenset({"-", "–", "/", "&"})


def credit_end(text: str, start: int) -> int | None:
    """Where the name a picture's credit gives at ``start`` ends, when flattened text glued
    the next sentence to it: "Ảnh: Lê Hoàng Nhiều ngư dân…" ends after "Hoàng" (a capital
    before a lowercase word opens the sentence), "Ảnh: Hoàng Hải - TTXVN Tại buổi…" after
    "TTXVN". None when the two cannot be told apart ("Ảnh: Lao động Có…": an outlet's name
    in lowercase, or a one-word credit and a sentence?)."""
    window = text[start : start + 120]  # a name, its joiners and the next word
    tokens = _tokens(window)
    if not tokens or not (_is_cap(tokens[0][2]) or _DOMAIN.match(tokens[0][2])):
        return None
    first = 0
    m = _credit_name(window, tokens, 0, len(tokens))
    while (
        m + 2 < len(tokens)
        and tokens[m + 1][2] in _CREDIT_JOINERS
        and _is_cap(tokens[m + 2][2])
        and window[tokens[m][1] : tokens[m + 2][0]].strip() == tokens[m + 1][2]
    ):  # "Hoàng Hải - TTXVN", "AFP/TTXVN"
        first = m + 2
        m = _credit_name(window, tokens, first, len(tokens))
    for j in range(first + 1, m + 1):  # "Mai Xuân Ông Đinh Viết Tứ": "Ông" opens a sentence
        key = _low(tokens[j][2])
        if key in PERSON_TITLES and key not in GIVEN_NAMES and key not in _KIN_NAMES:
            m = j - 1
            break
    after = tokens[m + 1][2] if m + 1 < len(tokens) else ""
    if after[:1].isalpha() and after.islower():  # "Chu Thắng Qua hàng loạt…"
        if m == first:
            return None
        m -= 1
    return start + tokens[m][1]


def _credit_type(words: list[str], source: bool) -> str | None:
    """Type of a credited name: an agency or outlet (ORG), a place, or a person."""
    key = _low(" ".join(words))
    if key in PLACES:
        return "LOC"
    if source:
        return "ORG"  # "Theo Trí Thức Trẻ", "(Vietnam+)"
    names = [w for w in words if w not in ".+"]
    if _DOMAIN.match(names[0]):
        return "ORG" if len(names) == 1 else None
    if len(names) == 1:
        word = names[0]
        if _BYLINE_INITIALS.match(word) or "." in "".join(words):
            return "PER"  # "N.T.Phúc", "B.Ngân"
        if word.isupper() and _low(word) in GIVEN_NAMES:
            return "PER"  # "AN", "HÀ": a reporter's given name
        if (word.isupper() and len(word) >= 2) or _mixed_case(word) or foreign_word(word):
            return "ORG"  # "AP", "NDH", "Gizmodo"
        return None
    return "PER" if len(names) <= 4 else None


def _byline_start(text: str, tokens: list[tuple[int, int, str]]) -> int:
    """Index of the first token of the closing byline ("Thành Hưng Theo Trí Thức Trẻ",
    "Đỗ Tuấn Anh/VOV", "T.N (theo AFP)"), or ``len(tokens)`` when the text has none."""
    ends = [n for n, t in enumerate(tokens) if t[2] in ".!?…:"]
    while (
        len(ends) > 1
        and len(tokens[ends[-1] - 1][2]) == 1
        and tokens[ends[-1] - 1][2].isupper()
        and tokens[ends[-1] - 1][1] == tokens[ends[-1]][0]
    ):
        ends.pop()  # the dot of an initial ("T. LŨY") ends no sentence
    last = ends[-1] if ends else -1
    start = last + 1
    zone = tokens[start:]
    if last < 0 or not zone or len(zone) > 14:
        return len(tokens)
    words = [t[2] for t in zone if t[2][:1].isalpha()]
    if not words or not all(_is_cap(w) or _low(w) in _BYLINE_WORDS for w in words):
        return len(tokens)
    return start


def _byline_entities(text: str, tokens: list[tuple[int, int, str]], start: int) -> list[Entity]:
    out: list[Entity] = []
    source = False
    k = start
    while k < len(tokens):
        word = tokens[k][2]
        key = _low(word)
        if key == "theo" or word == "(":
            source = True
        elif word == ")":
            source = False
        elif (
            _is_cap(word)
            and (key not in _NOT_NAMES or _given_name_after_country(tokens[k : k + 2]))
            and key not in _BYLINE_WORDS
        ):  # "Anh Kiên" signs as a person, not "brother Kiên"
            m = _credit_name(text, tokens, k, len(tokens))
            names = [t[2] for t in tokens[k : m + 1]]
            if _low(" ".join(names[:2])) not in _BYLINE_WORDS:
                author = m + 1 < len(tokens) and tokens[m + 1][2] == "("
                kind = _credit_type(names, source and not author)
                first = k
                if names[0] == "Báo" and m > k:  # "Báo Đất Việt": the paper, as in the text
                    first, kind = k + 1, "ORG"
                if kind:
                    s, e = tokens[first][0], tokens[m][1]
                    out.append(Entity(s, e, kind, text[s:e]))
            k = m
        k += 1
    return out


def _acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and "." not in word


def _mixed_case(word: str) -> bool:
    """An inner capital after a lowercase letter: "VietinBank", "PetroVietnam"."""
    return any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))


def _title_at(tokens: list[tuple[int, int, str]], i: int) -> int:
    """Length of a title written partly in lowercase starting at ``i`` ("Bộ trưởng"), or 0."""
    if _low(tokens[i][2]) not in _TITLE_FIRST_WORDS:
        return 0
    for size in (4, 3, 2):
        phrase = tokens[i : i + size]
        if (
            len(phrase) == size
            and not _is_cap(phrase[-1][2])
            and _low(" ".join(t[2] for t in phrase)) in PERSON_TITLES
            and _low(" ".join(t[2] for t in tokens[i : i + size + 1])) not in _ORG_PHRASES
        ):
            return size
    return 0


_PLACE_FIRST_WORDS = frozenset(k.split(" ")[0] for k in PLACES if " " in k or "-" in k)
_PLACE_WORDS = frozenset(k.split(" ")[0] for k in PLACES)  # the first word of every place
_ORG_FIRST_WORDS = frozenset(k.split(" ")[0] for k in ORG_HEADS if " " in k)
# First words of the heads of several words (only after one is a longer head worth building)
_HEAD_FIRST_WORDS = frozenset(
    k.split(" ")[0] for k in ORG_HEADS | _PLACE_HEADS | _STATE_FORMS if " " in k
)
_DASH = re.compile(r"\s*-\s*")


def _place_at(text: str, tokens: list[tuple[int, int, str]], i: int, end: int) -> int:
    """Tokens in a known place name starting at ``i`` that a run of capitals would not hold
    whole: one with a dash in any spacing ("Bà Rịa- Vũng Tàu"), one with lowercase words
    ("Thành phố Hồ Chí Minh"), one whose first word is also a head ("Đài Loan"), or 0."""
    if _low(tokens[i][2]) not in _PLACE_FIRST_WORDS:
        return 0
    odd = next(
        (
            k
            for k in range(i, min(end, i + 6))
            if tokens[k][2] == "-" or tokens[k][2].islower() or _low(tokens[k][2]) in ORG_HEADS
        ),
        None,
    )
    if odd is None:
        return 0  # a run of capitals holds this place whole
    for n in range(min(6, end - i), max(1, odd - i), -1):
        span = tokens[i : i + n]
        if any(text[a[1] : b[0]] not in ("", " ") for a, b in zip(span, span[1:])):
            continue
        phrase = _DASH.sub(" - ", text[span[0][0] : span[-1][1]])
        if _low(phrase) in PLACES and (not span[-1][2].islower() or n >= 4):
            return n  # "Ả rập Xê út": a long known name, however its syllables are cased
    return 0


# First words of the titles and places of several words: only after one of them is a
# longer phrase worth building.
_PHRASE_FIRST_WORDS = frozenset(k.split(" ")[0] for k in PERSON_TITLES | PLACES if " " in k)


def _sizes(run: list[tuple[int, int, str]], i: int, sizes: tuple[int, ...]) -> list[int]:
    """The phrase lengths worth trying at ``run[i]``, longest first."""
    if _low(run[i][2]) not in _PHRASE_FIRST_WORDS:
        return [1] if 1 in sizes else []
    return [n for n in sizes if i + n <= len(run)]


_TITLE_FIRST_WORDS = frozenset(t.split(" ")[0] for t in PERSON_TITLES if " " in t)


def _split_run(
    run: list[tuple[int, int, str]], titled: bool = False
) -> list[list[tuple[int, int, str]]]:
    """Cut a run of capitalised words where a title, an organisation's place or a country
    before a name ends: "Ngoại trưởng Nga Sergei Lavrov" -> [Ngoại trưởng Nga] [Sergei Lavrov].
    After a person's title (``titled``) an organisation is followed by the person's name:
    "Thứ trưởng Bộ Y tế | Nguyễn Thị Xuyên", "Chủ tịch Ngân hàng T.Ư châu Âu | Mario Draghi"."""
    parts: list[list[tuple[int, int, str]]] = []
    first = _low(run[0][2])
    if (
        3 <= len(run) <= 5
        and run[1][2] in _FOREIGN_GIVEN_NAMES
        and _acronym(run[0][2])
        and first not in ORG_HEADS
        and all(w[:1].isupper() and not w.isupper() for _, _, w in run[1:])
    ):
        return [run[:1], run[1:]]  # "NSA | Edward Snowden": an organisation, then someone of it
    for n in (1, 2, 3):
        if (
            len(run) > n + 1
            and run[n][2] in _CUE_ABBREVIATIONS
            and _low(" ".join(t for _, _, t in run[:n])) in _NAMED
        ):
            return [run[:n], *_split_run(run[n:])]  # "đại biểu Quốc hội | TP Hà Nội"
    if first in ORG_HEADS or (
        first in _ORG_FIRST_WORDS
        and any(_low(" ".join(t for _, _, t in run[:n])) in ORG_HEADS for n in (2, 3, 4))
    ):
        # An organisation keeps its places ("Hội đồng Bắc Cực", "Bộ Ngoại giao Mỹ"); a name
        # after its place is someone of it ("Bộ Ngoại giao Mỹ Anthony Blinken").
        if titled and first not in _SCHOOL_HEADS:  # schools bear people's names
            head = max(
                n
                for n in range(1, 5)
                if _low(" ".join(t for _, _, t in run[:n])) in ORG_HEADS or n == 1
            )
            for k in range(head + 1, len(run) - 1):
                tail = [t for _, _, t in run[k:]]
                if (
                    2 <= len(tail) <= 4
                    and all(w[:1].isupper() and not w.isupper() for w in tail)
                    and (
                        (
                            _low(tail[0]) in SURNAMES
                            and not tail[0].isascii()
                            and all(is_syllable(w.lower()) for w in tail)
                        )
                        or (len(tail) == 2 and tail[0] in _FOREIGN_GIVEN_NAMES)
                    )
                    and not any(  # "châu Âu", "Thành phố Hồ Chí Minh", "Hà Nội Tôi"
                        _low(" ".join(t for _, _, t in run[k - n : k + m])) in PLACES
                        for n in (0, 1, 2)
                        for m in range(1, len(tail) + 1)
                        if n or m > 1
                    )
                ):
                    return [run[:k], run[k:]]
        for k in range(1, len(run) - 1):
            if (
                run[k][2][:1].isupper()
                and not run[k][2].isupper()
                and _low(run[k][2]) in SURNAMES
                and first not in _SCHOOL_HEADS  # "Trường THPT Nguyễn Trãi"
                and 2 <= len(run) - k <= 4
                and k >= 2
                and _low(" ".join(t for _, _, t in run[k:])) not in PLACES
                and (
                    (
                        run[k - 1][2].isupper()
                        and len(run[k - 1][2]) > 1
                        and _low(run[k - 1][2]) not in ORG_HEADS
                        and run[k - 1][2] not in _CUE_ABBREVIATIONS
                    )
                    or _low(run[k - 1][2]) in COUNTRIES
                    or any(
                        _low(" ".join(t for _, _, t in run[max(0, k - n) : k])) in PLACES
                        for n in (2, 3, 4)
                    )
                )
            ):
                return [run[:k], run[k:]]  # "Công ty Chứng khoán ACB Phạm Phú Khôi"
            key = _low(run[k][2])
            two = _low(" ".join(t for _, _, t in run[k : k + 2]))
            size = 2 if two in COUNTRIES else 1 if key in COUNTRIES else 0
            if not run[k][2][:1].isupper():
                size = 0  # "Thẩm mỹ viện": a lowercase part of the head is no country
            if size and k + size < len(run):
                return [run[: k + size], *_split_run(run[k + size :])]
        return [run]
    if (
        len(run) > 1
        and run[0][2] in _CUE_ABBREVIATIONS
        and _low(" ".join(t for _, _, t in run)) not in PLACES  # "TP HCM" is one name
    ):
        return [run[:1], *_split_run(run[1:])]  # "TP Nha Trang": the cue, then the place
    i = 0
    while i < len(run):
        # the longest known title or place starting here
        matched = 0
        for size in _sizes(run, i, (4, 3, 2, 1)):
            key = _low(" ".join(t for _, _, t in run[i : i + size]))
            if key in PERSON_TITLES or key in PLACES:
                matched = size
                break
        rest = run[i + matched :]
        name_follows = bool(rest) and (
            (
                all(t[2].isascii() for t in rest)
                and not all(_low(t[2]) in ORG_SUFFIXES for t in rest)  # "Sydney FC"
            )
            or _low(rest[0][2]) in SURNAMES
            or not any(_low(t[2]) in ORG_SUFFIXES or _low(t[2]) in _PRODUCT_TAILS for t in rest)
        )
        is_title = (
            matched and _low(" ".join(t for _, _, t in run[i : i + matched])) in PERSON_TITLES
        )
        if matched and rest and _low(rest[0][2]) in _PRODUCT_TAILS and not is_title:
            # "Thượng Hải Masters": a place that names an event, which is no entity
            parts.append(run[: i + matched + 1])
            parts.extend(_split_run(rest[1:]) if len(rest) > 1 else [])
            break
        if i == 0 and matched == 1 and _given_name_after_country(run):
            parts.append(run)  # "Mỹ Tâm", "Anh Kiên": a person, not a country and a name
            break
        if matched and (is_title or name_follows or i > 0 or matched == len(run)):
            parts.append(run[i : i + matched])
            i += matched
            continue
        j = i
        while j < len(run):
            if j > i and (
                (_acronym(run[j - 1][2]) and _low(run[j][2]) in SURNAMES)
                or (
                    _acronym(run[j][2])
                    and not _acronym(run[j - 1][2])
                    and _low(run[j][2]) not in ORG_SUFFIXES
                    and not _ROMAN.match(run[j][2])  # "Nicholas II"
                )
            ):
                break  # "LĐ-TB&XH | Phạm Thị Hải Chuyền", "Persie | MU"
            if i < j <= i + _OUTLET_WORDS and _low(" ".join(t for _, _, t in run[i:j])) in OUTLETS:
                break  # "U21 báo Thanh Niên | Việt Nam"
            if j > i:
                hit = False
                place = next(
                    (
                        n
                        for n in _sizes(run, j, (4, 3, 2))
                        if _low(" ".join(t for _, _, t in run[j : j + n])) in PLACES
                    ),
                    0,
                )
                if place:
                    j += place  # "Standard Chartered Việt Nam": "Nam" is no title here
                    continue
                for size in _sizes(run, j, (4, 3, 2, 1)):
                    key = _low(" ".join(t for _, _, t in run[j : j + size]))
                    if key in PLACES:
                        break
                    if key in PERSON_TITLES:
                        hit = len(key) > 3 or _low(run[i][2]) not in SURNAMES
                        break
                if hit:
                    break
            j += 1
        parts.append(run[i:j])
        i = j
    return parts


@lru_cache(maxsize=1 << 16)
def _split_bounds(words: tuple[str, ...], titled: bool) -> tuple[tuple[int, int], ...]:
    """Where :func:`_split_run` cuts a run of these words, as (start, stop) pairs: it reads
    the words alone, and a text's runs and the next text's repeat (four in five, in news)."""
    parts = _split_run([(k, k, w) for k, w in enumerate(words)], titled)
    return tuple((p[0][0], p[-1][0] + 1) if p else (0, 0) for p in parts)


def _split_words(run: list[tuple[int, int, str]], titled: bool) -> list[list[tuple[int, int, str]]]:
    """:func:`_split_run`, remembered by the run's words."""
    return [run[a:b] for a, b in _split_bounds(tuple(t for _, _, t in run), titled)]


def _given_name_after_country(run: list[tuple[int, int, str]]) -> bool:
    """A country of one syllable that is also a given name's ("Mỹ", "Anh", "Nga", "Đức"),
    then one or two Vietnamese syllables ending in a given name: a person's name."""
    words = [t for _, _, t in run]
    return (
        _low(words[0]) in _NAME_COUNTRIES
        and 2 <= len(words) <= 3
        and all(not w.isascii() or is_syllable(w.lower()) for w in words[1:])
        and all(not w.isupper() for w in words[1:])
        and _low(words[-1]) in GIVEN_NAMES
        and _low(" ".join(words[1:])) not in PLACES
    )


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each word and each mark. Only whitespace lies between two
    tokens, so each is found from the end of the last (faster than match objects)."""
    out = []
    pos = 0
    find = text.find
    for word in _WORD.findall(text):
        pos = find(word, pos)
        out.append((pos, pos + len(word), word))
        pos += len(word)
    return out


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


def _met_people(
    run: list[tuple[int, int, str]], met: set[str]
) -> list[list[tuple[int, int, str]]] | None:
    """A run that is two or more names of people met before, written one after the other
    (captions flattened into a line: "Hồ Quỳnh Hương Thu Minh"), cut into those names."""
    words = [t for _, _, t in run]
    parts, k = [], 0
    while k < len(run):
        m = next((m for m in range(len(run), k + 1, -1) if " ".join(words[k:m]) in met), 0)
        if not m:
            return None
        parts.append(run[k:m])
        k = m
    return parts if len(parts) > 1 else None


def _name_part(word: str, after: str) -> bool:
    """``word after`` can go on an organisation's name after "và": it opens no other
    organisation, place or title ("và Môi trường", not "và Bộ Tài chính", "và Hà Nội")."""
    low = _low(word)
    return (
        low not in ORG_HEADS
        and _low(f"{word} {after}") not in ORG_HEADS
        and low not in _PLACE_WORDS
        and low not in PERSON_TITLES
    )


def _whole_names(text: str, found: list[Entity]) -> list[Entity]:
    """An organisation's name cut short where its own capitals were dropped takes the whole
    name the text gave it elsewhere: "Cục Nghệ thuật biểu diễn" after "Cục Nghệ thuật Biểu
    diễn" (a lowercase syllable after a capitalised part may end a name)."""
    names = {e.text.lower() for e in found if e.type == "ORG" and e.text.count(" ") >= 2}
    if not names:
        return found
    out = []
    for e in found:
        if e.type == "ORG":
            low = e.text.lower()
            for name in names:
                end = e.start + len(name)
                if (
                    name.startswith(low + " ")
                    and text[e.start : end].lower() == name
                    and not text[end : end + 1].isalnum()
                ):
                    e = Entity(e.start, end, "ORG", text[e.start : end])
                    break
        out.append(e)
    return out


def _scores(text: str) -> dict[int, int]:
    """Start -> end of each score in ``text`` ("0 - 3", "1-2"), not ranges ("1 - 2 ngày")."""
    found: dict[int, int] = {}
    at = text.find("-")
    while at >= 0:  # from each dash back to its digits: cheaper than a scan of the text
        start = at - 1 if at and text[at - 1] == " " else at
        while start > max(0, at - 4) and text[start - 1].isdigit():
            start -= 1
        m = _SCORE.match(text, start) if start < at else None
        if m and not text[m.end() : m.end() + 2].lstrip()[:1].islower():
            found[m.start()] = m.end()
        at = text.find("-", at + 1)
    return found


def _teams(text: str, found: list[Entity], weak: set[int], scores: dict[int, int]) -> list[Entity]:
    """Names on either side of a score ("Schalke 0 - 3 Chelsea", "Arsenal 1-2 Borussia
    Dortmund") are teams: organisations, whatever a gazetteer or a guess said, and strong
    evidence for the name's other mentions. A person found on firm evidence (a title) stays
    one: players meet in tennis."""
    sides = set(scores) | set(scores.values())
    out = []
    for e in found:
        beside = (e.end + 1 in sides and text[e.end] == " ") or (
            e.start - 1 in sides and text[e.start - 1] == " "
        )
        if beside:
            if e.type != "ORG" and (e.type != "PER" or e.start in weak):
                e = Entity(e.start, e.end, "ORG", e.text)
            weak.discard(e.start)
            first, _, rest = e.text.partition(" ")
            if rest and (len(first) == 1 or first in ("FT", "HT")):
                # a results table's group letter or "full time" before the team: "F Arsenal"
                e = Entity(e.start + len(first) + 1, e.end, e.type, rest)
        out.append(e)
    return out


def _agree(
    text: str,
    found: list[Entity],
    weak: set[int],
    skipped: list[tuple[int, int, str]],
    cued: AbstractSet[int] = frozenset(),
    lone: AbstractSet[int] = frozenset(),
) -> list[Entity]:
    """One name, one type within a text: a mention typed on weak evidence, or left untyped,
    takes the type a strong mention of the same name has ("tại Consadole Sapporo" after
    "CLB Consadole Sapporo"; "Moyes" in a headline after "HLV David Moyes"), and "Mỹ-Nga",
    "Blinken-Lavrov" split into the names they join; a weakly typed name in a list takes the
    type of the name before it ("huyện Samba, Kathua và Jammu")."""
    known: dict[str, str] = {}
    for e in found:
        if e.start in weak:
            continue
        known.setdefault(e.text, e.type)
        words = e.text.split()
        if e.type == "PER" and len(words) >= 2 and not e.text.isupper():
            known.setdefault(" ".join(words[-2:]), "PER")
            known.setdefault(words[-1], "PER")
        if e.type == "ORG" and len(words) >= 2:
            for n in (1, 2, 3):
                head, rest = _low(" ".join(words[:n])), " ".join(words[n:])
                if (len(words) - n >= 2 or _acronym(rest)) and (
                    head in ORG_HEADS and rest[:1].isupper() and _low(rest) not in PLACES
                ):
                    known.setdefault(rest, "ORG")
    # A club named after its city ("Sydney FC") is what the city's bare name means in the
    # same report ("U21 Việt Nam hạ Sydney"), even where a gazetteer says place.
    clubs = {
        e.text.rsplit(" ", 1)[0]
        for e in found
        if e.type == "ORG" and " " in e.text and e.text.rsplit(" ", 1)[1] in _CLUB_SUFFIXES
    }
    for e in found:  # then places named after "tại", "ở": weaker, but above a bare guess
        if e.start in cued:
            known.setdefault(e.text, e.type)
    out = []
    for e in found:
        if e.start in weak and known.get(e.text, e.type) != e.type:
            e = Entity(e.start, e.end, known[e.text], e.text)
        elif e.type == "LOC" and e.text in clubs:
            e = Entity(e.start, e.end, "ORG", e.text)
        out.append(e)
    for s, end, word in skipped:
        parts = word.split("-")
        if word in known:
            out.append(Entity(s, end, known[word], word))
        elif len(parts) > 1 and all(p in known or _low(p) in PLACES for p in parts):
            out.extend(Entity(a, a + len(p), known.get(p, "LOC"), p) for a, p in _dashed(s, word))
    out.sort(key=lambda e: e.start)
    guesses = Counter((e.text, e.type) for e in out if e.start in weak)
    for n in range(1, len(out)):
        e, prev = out[n], out[n - 1]
        if (
            e.start in weak
            # a person guessed at every mention from a given name ("Mỹ Tâm") stays one,
            # and a name typed by a strong mention keeps that type
            and not (e.type == "PER" and guesses[(e.text, e.type)] >= 2)
            and known.get(e.text) != e.type
            and prev.start not in weak
            and prev.type != e.type
            and text[prev.end : e.start] in _LIST_GAPS
        ):
            out[n] = Entity(e.start, e.end, prev.type, e.text)
            weak.discard(e.start)
    return _people_in_lists(text, out, lone)


def _people_in_lists(text: str, found: list[Entity], lone: AbstractSet[int]) -> list[Entity]:
    """Lone foreign words typed ORG for want of a cue are people when the list they are in
    names people ("Beyonce, Adele, Britney Spears, Katy Perry, Rihanna"), and so are their
    other mentions in the text (the headline's "Beyonce , Adele")."""
    if not lone:
        return found
    out = list(found)
    people: set[str] = set()
    start = 0
    while start < len(out):
        end = start
        while end + 1 < len(out) and text[out[end].end : out[end + 1].start] in _LIST_GAPS:
            end += 1
        members = out[start : end + 1]
        if len(members) >= 3 and any(e.type == "PER" and e.start not in lone for e in members):
            for n in range(start, end + 1):
                if out[n].start in lone:
                    out[n] = Entity(out[n].start, out[n].end, "PER", out[n].text)
                    people.add(out[n].text)
        start = end + 1
    return [
        Entity(e.start, e.end, "PER", e.text) if e.start in lone and e.text in people else e
        for e in out
    ]


def _dashed(start: int, word: str) -> list[tuple[int, str]]:
    """(start, part) of each part of a hyphen-joined word that starts at ``start``."""
    out = []
    for part in word.split("-"):
        out.append((start, part))
        start += len(part) + 1
    return out


def _split_joined_places(found: list[Entity]) -> list[Entity]:
    """Places joined by a hyphen without spaces ("Việt Nam-Ấn Độ", "Mỹ-Nga") are two."""
    out: list[Entity] = []
    for e in found:
        parts = e.text.split("-")
        if e.type == "LOC" and len(parts) > 1 and all(_low(p) in PLACES for p in parts):
            out.extend(Entity(a, a + len(p), "LOC", p) for a, p in _dashed(e.start, e.text))
        else:
            out.append(e)
    return out
