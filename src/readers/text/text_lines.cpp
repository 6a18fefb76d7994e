#include "readers/text/text_lines.hpp"

#include "readers/text/pinyin_annotations.hpp"
#include "readers/common/utf8.hpp"
#include "readers/text/words.hpp"

#include <unicode/uchar.h>


namespace docexport::readers {

namespace {

std::size_t display_width(std::string_view s) {
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = next_code_point(s, i);
        auto ea = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
        w += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
    }
    return w;
}

bool is_chinese_numeral(char32_t c) {
    return std::u32string_view(U"一二三四五六七八九十百千萬万零〇兩两壹貳贰參叁肆伍陸陆柒捌玖拾佰").find(c) !=
           std::u32string_view::npos;
}

bool is_digit_any(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'\uFF10' && c <= U'\uFF19'); }

// Returns the marker kind of the unit after 第N: 條 → article, 章 → chapter...
Marker unit_marker(char32_t unit) {
    switch (unit) {
    case U'編': case U'编': case U'部': case U'卷': return Marker::part;
    case U'章': case U'篇': return Marker::chapter;
    case U'節': case U'节': return Marker::section;
    case U'條': case U'条': return Marker::article;
    case U'款': case U'項': case U'项': case U'目': return Marker::clause;
    default: return Marker::none;
    }
}

// Skips white space in s from i; returns the new index.
std::size_t skip_space(std::string_view s, std::size_t i) {
    while (i < s.size()) {
        std::size_t j = i;
        if (!is_space(next_code_point(s, j))) break;
        i = j;
    }
    return i;
}

}  // namespace

Marker find_marker(std::string_view s, std::string_view* rest) {
    auto done = [&](Marker m, std::size_t at) {
        if (rest) *rest = trim(s.substr(at));
        return m;
    };
    // A quoted clause of an amendment: “（一）…, 「第一條…
    std::string_view quoted = s;
    while (starts_with_any(quoted, {"“", "「", "『", "\""})) quoted = quoted.substr(quoted[0] == '"' ? 1 : 3);
    if (quoted.size() != s.size()) {
        Marker m = find_marker(quoted, rest);
        return m == Marker::structure_word ? Marker::none : m;
    }
    if (s.empty()) return Marker::none;
    std::size_t i = 0;
    char32_t first = next_code_point(s, i);

    // 第 N 條 (numerals and spaces between), 第十條之一.
    if (first == U'第') {
        std::size_t j = skip_space(s, i);
        std::size_t digits = 0;
        while (j < s.size()) {
            std::size_t k = j;
            char32_t c = next_code_point(s, k);
            if (!is_chinese_numeral(c) && !is_digit_any(c)) break;
            ++digits;
            j = skip_space(s, k);
        }
        if (digits > 0 && j < s.size()) {
            std::size_t k = j;
            Marker m = unit_marker(next_code_point(s, k));
            if (m != Marker::none) {
                // 之一, 之二 after the unit belongs to the number.
                std::string_view after = s.substr(k);
                if (after.starts_with("之")) {
                    std::size_t n = 3;
                    while (n < after.size()) {
                        std::size_t p = n;
                        if (!is_chinese_numeral(next_code_point(after, p))) break;
                        n = p;
                    }
                    if (n > 3) k += n;
                }
                return done(m, k);
            }
        }
        return Marker::none;
    }
    // 一、 二、 and 1、 1. １．
    if (is_chinese_numeral(first) || is_digit_any(first)) {
        bool chinese = is_chinese_numeral(first);
        std::size_t j = i;
        while (j < s.size()) {
            std::size_t k = j;
            char32_t c = next_code_point(s, k);
            if (chinese ? !is_chinese_numeral(c) : !is_digit_any(c)) break;
            j = k;
        }
        if (j - 0 > 12) return Marker::none;
        std::string_view after = s.substr(j);
        if (after.starts_with("、")) return done(chinese ? Marker::item : Marker::number_item, j + 3);
        if (!chinese && (after.starts_with("．") || (after.starts_with(".") && after.size() > 1 && !is_digit_any(static_cast<unsigned char>(after[1])))))
            return done(Marker::number_item, j + (after.starts_with(".") ? 1 : 3));
        return Marker::none;
    }
    // （一） (1) （１）
    if (first == U'(' || first == U'（') {
        std::size_t j = i;
        std::size_t n = 0;
        bool chinese = false;
        while (j < s.size() && n < 6) {
            std::size_t k = j;
            char32_t c = next_code_point(s, k);
            if (is_chinese_numeral(c)) chinese = true;
            else if (!is_digit_any(c)) break;
            ++n;
            j = k;
        }
        if (n == 0 || j >= s.size()) return Marker::none;
        std::size_t k = j;
        char32_t close = next_code_point(s, k);
        if (close != U')' && close != U'）') return Marker::none;
        return done(chinese ? Marker::paren_item : Marker::paren_number, k);
    }
    // ① … ⑳
    if (first >= U'\u2460' && first <= U'\u2473') return done(Marker::paren_number, i);
    if (std::u32string_view(U"•●▪◆■▶►▸·・※☆★◇□○◎-*－").find(first) != std::u32string_view::npos) {
        std::string_view after = trim(s.substr(i));
        if (!after.empty()) return done(Marker::bullet, i);
        return Marker::none;
    }
    // A structure word alone: 前言, 總則...
    std::string_view t = trim(s);
    for (std::string_view w : {"前言", "序言", "序", "引言", "總則", "总则", "附則", "附则", "結語", "结语", "後記",
                               "后记", "附錄", "附录", "說明", "说明", "摘要", "附件", "註釋", "注释", "參考文獻",
                               "参考文献", "跋", "導言", "导言", "賞析", "赏析", "譯文", "译文", "作者簡介", "作者简介", "創作背景", "创作背景", "緒論", "绪论", "結論", "结论"})
        if (t == w) return done(Marker::structure_word, s.size());
    return Marker::none;
}

bool ends_sentence(std::string_view s) {
    return ends_with_any(s, {"。", "！", "？", "!", "?", "…", "”", "」", "』", ".", "．", "！」", "。）", "。)"});
}

bool ends_mid_sentence(std::string_view s) {
    return ends_with_any(s, {"，", "、", "；", "：", ",", ";", ":", "——"});
}

bool has_sentence_mark(std::string_view s) {
    return contains_any(s, {"。", "！", "？", "；", ". ", "! ", "? "});
}

bool is_date_note(std::string_view s) {
    bool date = s.find("年") != std::string_view::npos && s.find("月") != std::string_view::npos &&
                s.find("日") != std::string_view::npos;
    return date && contains_any(s, {"公布", "公佈", "施行", "修正", "修訂", "修订", "通過", "通过", "發布", "发布", "生效"});
}

bool is_field_line(std::string_view s) {
    std::size_t colon = std::min(s.find("："), s.find(':'));
    if (colon == std::string_view::npos || colon == 0) return false;
    std::string_view key = s.substr(0, colon);
    return utf8::count_code_points(key) <= 6 &&
           ends_with_any(key, {"類別", "类别", "分類", "分类", "日期", "單位", "单位", "編號", "编号", "文號", "文号",
                               "狀態", "状态", "機關", "机关", "類型", "类型", "時間", "时间"});
}

bool is_bracketed(std::string_view s) {
    return (s.starts_with("（") && s.ends_with("）")) || (s.starts_with("(") && s.ends_with(")")) ||
           (s.starts_with("【") && s.ends_with("】")) || (s.starts_with("〔") && s.ends_with("〕")) ||
           (s.starts_with("[") && s.ends_with("]")) || (s.starts_with("《") && s.ends_with("》"));
}

bool reads_as_title(const TextLine& line, bool allow_question) {
    if (line.blank() || line.length > max_heading_length) return false;
    std::string_view s = line.clean;
    if (ends_with_any(s, {"。", ".", "．", "，", ",", "、", "；", ";", "：", ":", "…"})) return false;
    if (!allow_question && ends_with_any(s, {"！", "？", "!", "?"})) return false;
    if (s.find("。") != std::string_view::npos) return false;
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = next_code_point(s, i);
        if (is_han(c) || is_alnum_latin(c)) return true;
    }
    return false;
}

bool is_meta_line(const TextLine& line) {
    if (line.blank() || line.length > 40) return false;
    std::string_view s = line.clean;
    if (starts_with_any(s, {"來源", "来源", "稿源", "作者", "記者", "记者", "發布時間", "发布时间", "文／", "文/",
                            "撰文", "撰稿", "本報記者", "本报记者", "本報訊", "本报讯", "文字記者", "文字记者",
                            "攝影記者", "摄影记者", "實習記者", "实习记者", "特約記者", "特约记者"}))
        return true;
    // 文字記者 黃詩涵 / 攝影記者 吳志明 台北報導
    return line.length <= 30 && !has_sentence_mark(s) && ends_with_any(s, {"報導", "报导", "報道", "报道"});
}

bool reads_as_author(const TextLine& line, bool bare_names) {
    if (line.blank() || line.length > 16 || has_sentence_mark(line.clean)) return false;
    std::string_view s = line.clean;
    if (starts_with_any(s, {"作者", "文／", "文/", "撰文", "撰稿", "記者", "记者", "譯者", "译者"})) return true;
    // A dynasty before a name: 〔唐〕李白, 【唐】李白, (唐)李白, 唐·李白, 唐代：李白.
    // A name before 撰, 著, 譯: 戰國 孟軻 撰.
    if (line.length <= 12 && ends_with_any(s, {"撰", "著", "譯", "译", "編", "编", "輯", "辑", "注", "選", "选"}) &&
        s.find_first_of(" \t") != std::string_view::npos)
        return true;
    for (std::string_view dynasty : {"先秦", "春秋", "戰國", "战国", "三國", "三国", "民國", "民国", "秦", "漢", "汉", "魏", "晉", "晋", "南北朝", "隋", "唐", "五代", "宋",
                                     "遼", "辽", "金", "元", "明", "清", "近代", "現代", "现代"}) {
        for (std::string_view open : {"〔", "【", "[", "(", "（", ""}) {
            std::string prefix = std::string(open) + std::string(dynasty);
            if (!s.starts_with(prefix)) continue;
            std::string_view after = s.substr(prefix.size());
            if (open.empty() && starts_with_any(after, {"·", "・", "•", "代", " ", "　", "：", ":"})) return true;
            if (!open.empty() && starts_with_any(after, {"〕", "】", "]", ")", "）", "代〕", "代】", "代)", "代）"})) return true;
        }
    }
    // A bare name of two to four Han characters.
    std::size_t han = 0, other = 0;
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = next_code_point(s, i);
        if (is_han(c)) ++han;
        else ++other;
    }
    return bare_names && other == 0 && han >= 2 && han <= 3 && s.find("第") == std::string_view::npos;
}

bool symbols_only(const TextLine& line) {
    std::string_view s = line.clean.empty() ? line.content : std::string_view(line.clean);
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = next_code_point(s, i);
        if (is_han(c) || is_alnum_latin(c)) return false;
    }
    return true;
}

std::string excerpt(std::string_view line) {
    constexpr std::size_t max = 40;
    std::size_t i = 0, n = 0;
    while (i < line.size() && n < max) {
        next_code_point(line, i);
        ++n;
    }
    std::string out(line.substr(0, i));
    if (i < line.size()) out += "…";
    return out;
}

namespace {

ChromeStrength strength_of(const ChromeMatch& m) {
    switch (m.kind) {
    case ChromeKind::none: return ChromeStrength::none;
    case ChromeKind::word_row:
    case ChromeKind::bullet: return ChromeStrength::weak;
    case ChromeKind::byline: return ChromeStrength::strong;
    default: return ChromeStrength::strong;
    }
}

// Fills in the shape of a line that the chrome rules have seen.
void describe(TextLine& line) {
    std::string_view s = line.clean;
    std::string_view rest;
    line.marker = find_marker(s, &rest);
    bool sentence = has_sentence_mark(s) || ends_with_punctuation(s);
    bool numbered = line.marker != Marker::none && line.marker != Marker::bullet &&
                    line.marker != Marker::structure_word;
    // Long text counts when it has punctuation: a long line without any is a title or a verse.
    bool punctuated = sentence || s.find("，") != std::string_view::npos || s.find("、") != std::string_view::npos ||
                      s.find(", ") != std::string_view::npos;
    line.article_like = sentence || (line.length >= 24 && punctuated) || (numbered && (utf8::count_code_points(rest) >= 2 || rest.empty())) ||
                        (line.marker == Marker::bullet && utf8::count_code_points(rest) >= 4) ||
                        line.marker == Marker::structure_word;
    if (symbols_only(line)) line.article_like = false;
    line.heading_like = !has_sentence_mark(s) && !ends_mid_sentence(s) && s.find("，") == std::string_view::npos &&
                        line.length <= 30 && reads_as_title(line, false);
    // A numbered clause or list line is article text even when a rule calls it a navigation row or a bullet
    // widget (第 八 款 國會有權：).
    // A numbered clause or list line is article text even when a rule calls it a navigation row, a bullet
    // widget or a byline (第 八 款 國會有權：, （一）作者；); only copyright, licence and site rules stand.
    ChromeKind k = line.chrome.kind;
    if (numbered && line.article_like && k != ChromeKind::copyright && k != ChromeKind::licence &&
        k != ChromeKind::site_rule) {
        line.chrome = {};
        line.strength = ChromeStrength::none;
    }
}

}  // namespace

std::vector<TextLine> split_text_lines(std::string_view text, const SiteRules& rules) {
    std::vector<TextLine> lines;
    std::size_t start = 0;
    std::uint32_t number = 1;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        TextLine line;
        line.raw = text.substr(start, end - start);
        line.content = trim(line.raw);
        line.number = number++;
        if (!line.content.empty()) {
            auto offset = static_cast<std::size_t>(line.content.data() - line.raw.data());
            line.col = column_of(line.raw, offset);
            line.indent = line.col - 1;
            std::size_t raw_length = utf8::count_code_points(line.content);
            if (raw_length > long_line_length) {
                // Very long lines are article text (never chrome, title or dateline): skip the rules.
                line.length = raw_length;
                line.width = raw_length * 2;
                line.article_like = true;
            } else {
                line.clean = strip_pinyin_annotations(line.content);
                line.length = utf8::count_code_points(line.clean);
                line.width = display_width(line.clean);
                line.chrome = classify_line(line.clean, rules);
                line.strength = strength_of(line.chrome);
                describe(line);
            }
        }
        lines.push_back(std::move(line));
        if (end == text.size()) break;
        start = end + 1;
    }
    // A final '\n' does not start another line.
    if (!lines.empty() && lines.back().raw.empty() && lines.size() > 1 && text.ends_with('\n')) lines.pop_back();
    return lines;
}

}  // namespace docexport::readers
