"""The entity finder's word lists: gazetteers (countries, capitals, Vietnam's provinces,
regions), people's titles, surnames and given names, organisation heads, place and product
cues, outlets, and the capitalised words that name no one. Apart from the rules, so that
the rules read as rules; each list holds key forms (:func:`diemtin.vi.normalize.key_form`)."""

from __future__ import annotations

import re

from diemtin.vi.normalize import key_form as _low


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
