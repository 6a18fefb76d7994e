#include "readers/text/site_chrome.hpp"

#include "readers/common/utf8.hpp"
#include "readers/text/words.hpp"
#include "support/ascii.hpp"

#include <docexport/diagnostics.hpp>

#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <algorithm>
#include <sstream>
#include <vector>

namespace docexport::readers {

const char* chrome_kind_name(ChromeKind kind) {
    switch (kind) {
    case ChromeKind::none: return "not chrome";
    case ChromeKind::app_prompt: return "app prompt";
    case ChromeKind::ranking: return "ranking widget";
    case ChromeKind::related: return "related links heading";
    case ChromeKind::copyright: return "copyright line";
    case ChromeKind::licence: return "licence or ICP number";
    case ChromeKind::contact: return "contact line";
    case ChromeKind::follow: return "follow or share prompt";
    case ChromeKind::disclaimer: return "disclaimer";
    case ChromeKind::byline: return "byline or signature";
    case ChromeKind::page_control: return "page control";
    case ChromeKind::bullet: return "bullet widget";
    case ChromeKind::navigation: return "navigation row";
    case ChromeKind::word_row: return "row of short words";
    case ChromeKind::advertisement: return "advertisement";
    case ChromeKind::media: return "media placeholder";
    case ChromeKind::site_rule: return "site rule";
    }
    return "?";
}

namespace {

std::size_t count_digits(std::string_view s) {
    std::size_t n = 0;
    for (char c : s)
        if (c >= '0' && c <= '9') ++n;
    return n;
}

bool has_sentence_punctuation(std::string_view s) {
    return contains_any(s, {"，", "。", "！", "？", "；", "、", ", ", ". "});
}

bool is_email_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-' || c == '+' || c == '%';
}

// Returns true when s holds something shaped like name@domain.tld (a scan, not a backtracking regex).
bool has_email_address(std::string_view s) {
    for (std::size_t at = s.find('@'); at != std::string_view::npos; at = s.find('@', at + 1)) {
        if (at == 0 || !is_email_char(s[at - 1])) continue;
        std::size_t e = at + 1;
        bool dot = false;
        while (e < s.size() && is_email_char(s[e])) {
            if (s[e] == '.' && e > at + 1 && e + 1 < s.size() && is_email_char(s[e + 1])) dot = true;
            ++e;
        }
        if (dot) return true;
    }
    return false;
}

// Returns the words of a line split at spaces and at | ｜ 丨 / > ＞ », and how many of those marks it has.
std::vector<std::string_view> split_navigation(std::string_view s, std::size_t* bars, std::size_t* arrows) {
    std::vector<std::string_view> words;
    *bars = *arrows = 0;
    std::size_t start = 0, i = 0;
    while (i < s.size()) {
        std::size_t at = i;
        char32_t c = next_code_point(s, i);
        bool bar = c == U'|' || c == U'\uFF5C' || c == U'\u4E28' || c == U'/';
        bool arrow = c == U'>' || c == U'\uFF1E' || c == U'\u00BB';
        if (bar) ++*bars;
        if (arrow) ++*arrows;
        if (bar || arrow || is_space(c)) {
            if (at > start) words.push_back(s.substr(start, at - start));
            start = i;
        }
    }
    if (start < s.size()) words.push_back(s.substr(start));
    return words;
}

// Returns navigation for menus, breadcrumbs and button rows with separators, word_row for short words set apart
// by spaces only, none otherwise.
ChromeKind navigation_kind(std::string_view s, std::size_t length) {
    if (length > 80 || has_sentence_punctuation(s)) return ChromeKind::none;
    std::size_t bars = 0, arrows = 0;
    std::vector<std::string_view> words = split_navigation(s, &bars, &arrows);
    if (words.size() < 2) return ChromeKind::none;
    // Breadcrumbs name pages, which may be longer words: 首頁 > 憲法 > 第一章至第三章.
    bool breadcrumb = arrows >= 2 || (arrows >= 1 && starts_with_any(s, {"首頁", "首页", "主頁", "主页", "Home", "home"}));
    for (std::string_view w : words) {
        std::size_t n = utf8::count_code_points(w);
        bool latin = n == w.size();
        if (n > (latin ? 12u : breadcrumb ? 12u : 6u)) return ChromeKind::none;
    }
    if (breadcrumb || bars >= 2) return ChromeKind::navigation;  // breadcrumbs, menus with separators
    if (words.size() < 4 || bars + arrows > 0) return ChromeKind::none;
    // Menus separated by spaces only: words of CJK text, no quotes or sentence marks (unlike Latin prose), and
    // at most one number (a poster's name, a date and a time are no menu).
    std::size_t cjk_words = 0, numbers = 0;
    for (std::string_view w : words) {
        if (contains_any(w, {"\"", "'", ",", ".", "“", "”", "「", "」"})) return ChromeKind::none;
        std::size_t i = 0;
        if (is_cjk(next_code_point(w, i))) ++cjk_words;
        if (count_digits(w) > 0) ++numbers;
    }
    if (numbers > 1) return ChromeKind::none;
    return cjk_words * 2 >= words.size() ? ChromeKind::word_row : ChromeKind::none;
}

// Returns true for a short widget heading such as 相关新闻, 熱門文章, 推荐阅读 (decorations removed).
bool is_widget_heading(std::string_view s) {
    while (!s.empty()) {
        std::size_t i = s.size();
        char32_t c = previous_code_point(s, i);
        if (!(c == U':' || c == U'\uFF1A' || c == U'>' || c == U'\u300B' || c == U'\u3011' || c == U']' ||
              is_space(c)))
            break;
        s = s.substr(0, i);
    }
    while (starts_with_any(s, {"【", "[", "《"})) s = s.substr(s[0] == '[' ? 1 : 3);
    if (utf8::count_code_points(s) > 8) return false;
    if (contains_any(s, {"猜你喜欢", "猜你喜歡", "大家都在看", "往期回顾", "往期回顧", "往期推荐", "往期推薦",
                         "往期精选", "往期精選", "往期文章"}))
        return true;
    bool prefix = starts_with_any(s, {"相关", "相關", "热门", "熱門", "热点", "熱點", "推荐", "推薦", "最新", "精彩",
                                      "延伸", "更多", "编辑", "編輯", "今日", "热搜", "熱搜", "专题", "專題"});
    bool noun = ends_with_any(s, {"新闻", "新聞", "文章", "阅读", "閱讀", "推荐", "推薦", "资讯", "資訊", "视频",
                                  "視頻", "图片", "圖片", "专题", "專題", "评论", "評論", "话题", "話題", "标签",
                                  "標籤", "搜索", "链接", "鏈接", "連結", "连结", "報道", "报道", "報導", "法規", "法规", "排行", "热点", "熱點"});
    return prefix && noun;
}

bool starts_with_dash(std::string_view s) { return starts_with_any(s, {"-", "－", "—", "–", "―"}); }

bool starts_with_bullet(std::string_view s) {
    return starts_with_any(s, {"•", "●", "▪", "◆", "■", "▶", "►", "▸", "·", "※", "☆", "★", "◇", "□", "○"});
}

}  // namespace

ChromeKind classify_chrome_line(std::string_view line) {
    if (line.empty()) return ChromeKind::none;
    std::size_t n = utf8::count_code_points(line);
    if (n > max_chrome_length) return ChromeKind::none;
    std::string lower = support::ascii_lower(line);  // enough for Copyright, APP, Tel, E-mail
    std::string_view s = lower;

    if (n <= 200 && contains_any(s, {"版權所有", "版权所有", "版權聲明", "版权声明", "copyright", "©",
                                     "all rights reserved", "未經授權", "未经授权", "禁止轉載", "禁止转载",
                                     "不得轉載", "不得转载", "轉載請註明", "转载请注明", "違者必究", "违者必究", "書面授權", "书面授权", "侵刪",
                                     "侵删", "僅供學習交流", "仅供学习交流"}))
        return ChromeKind::copyright;
    // A site's own terms of reuse: 本站內容依著作權法第九條不得為著作權之標的，歡迎自由利用。
    if (n <= 120 && starts_with_any(s, {"本站", "本網", "本网"}) &&
        contains_any(s, {"著作權", "著作权", "轉載", "转载", "授權", "授权", "自由利用"}))
        return ChromeKind::copyright;
    if (n <= 200 && (contains_any(s, {"icp", "公網安備", "公网安备", "公安備案", "公安备案"}) ||
                     (contains_any(s, {"許可證", "许可证", "備案號", "备案号", "經營許可", "经营许可"}) &&
                      count_digits(s) >= 4)))
        return ChromeKind::licence;
    if (contains_any(s, {"免責聲明", "免责声明", "市場有風險", "市场有风险"}) ||
        (n <= 80 && contains_any(s, {"如有疑義", "如有疑义", "如有出入", "如有歧異"}) && contains_any(s, {"為準", "为准"})) ||
        (contains_any(s, {"僅供參考", "仅供参考"}) &&
         contains_any(s, {"風險自負", "风险自负", "不構成", "不构成", "據此操作", "据此操作", "投資建議", "投资建议",
                          "為準", "为准", "不能取代", "不可取代", "不能代替", "不可代替", "諮詢醫", "咨询医"})) ||
        (contains_any(s, {"不代表本", "不代表", "僅代表作者", "仅代表作者"}) &&
         contains_any(s, {"觀點", "观点", "立場", "立场"}) && starts_with_any(s, {"本", "文章", "以上", "僅", "仅"})))
        return ChromeKind::disclaimer;
    if (n <= 120) {
        bool keyword = contains_any(s, {"電話", "电话", "tel", "傳真", "传真", "fax", "熱線", "热线", "郵箱", "邮箱",
                                        "電子郵件", "电子邮件", "e-mail", "email", "聯繫我們", "联系我们", "地址"});
        if ((keyword && count_digits(s) >= 7) || (has_email_address(s) && (keyword || n <= 40)) ||
            (n <= 8 && contains_any(s, {"聯繫我們", "联系我们", "聯絡我們", "联络我们"})))
            return ChromeKind::contact;
    }
    if (n <= 40) {
        if (contains_any(s, {"官方微信", "官方微博", "官方帳號", "官方账号", "微信公眾號", "微信公众号", "公眾號",
                             "公众号", "關注我們", "关注我们", "加關注", "加关注", "歡迎關注", "欢迎关注", "點擊關注",
                             "点击关注", "掃碼關注", "扫码关注", "分享到", "分享至", "一鍵分享", "一键分享",
                             "follow us", "按讚", "按赞", "點讚", "点赞", "訂閱電子報", "订阅电子报",
                             "電子報訂閱", "电子报订阅", "訂閱本站", "订阅本站", "訂閱我們", "订阅我们"}) ||
            (starts_with_any(s, {"訂閱", "订阅"}) && contains_any(s, {"電子報", "电子报", "newsletter", "頻道", "频道"})))
            return ChromeKind::follow;
        if (contains_any(s, {"掃一掃", "扫一扫", "掃碼", "扫码", "二維碼", "二维码", "客戶端下載", "客户端下载",
                             "app下載", "app下载"}) ||
            (contains_any(s, {"下載", "下载", "打開", "打开", "安裝", "安装"}) &&
             contains_any(s, {"客戶端", "客户端", "app"})) ||
            (n <= 20 && ends_with_any(s, {"app", "客戶端", "客户端"})))
            return ChromeKind::app_prompt;
        if (contains_any(s, {"排行"}) && !has_sentence_punctuation(s)) return ChromeKind::ranking;
    }
    // Advertisements: 廣告 alone, 【廣告】…, 推廣：…, 立即收看.
    if ((n <= 6 && contains_any(s, {"廣告", "广告", "推廣", "推广", "贊助", "赞助"}) && !has_sentence_punctuation(s)) ||
        s == "ad" || s == "advertisement" || s == "sponsored" ||
        (n <= 80 && starts_with_any(s, {"【廣告】", "【广告】", "[廣告]", "[广告]", "（廣告）", "（广告）", "廣告：", "广告：",
                                         "推廣：", "推广：", "推廣｜", "推广｜", "推廣 ", "推广 ", "推廣　", "推广　",
                                         "贊助：", "赞助："})) ||
        (n <= 40 && contains_any(s, {"立即收看", "立即購買", "立即购买", "點擊搶購", "点击抢购", "立即搶購", "立即抢购",
                                     "立即下載", "立即下载", "限時優惠", "限时优惠"})))
        return ChromeKind::advertisement;
    // A cookie notice.
    if (n <= 160 && contains_any(s, {"cookie"}) &&
        contains_any(s, {"同意", "隱私", "隐私", "瀏覽", "浏览", "接受", "privacy", "accept"}))
        return ChromeKind::page_control;
    // What an image or a player left behind: 圖片, 视频, 點擊播放, 正在直播：….
    for (std::string_view w : {"圖片", "图片", "圖", "图", "照片", "視頻", "视频", "影片", "音頻", "音频",
                               "點擊播放", "点击播放", "播放", "▶ 播放"})
        if (s == w) return ChromeKind::media;
    if (n <= 40 && starts_with_any(s, {"正在直播", "直播中", "【直播】", "[直播]"})) return ChromeKind::media;
    if (n <= 12 && contains_any(s, {"展開全文", "展开全文", "閱讀全文", "阅读全文", "查看全文", "展開閱讀", "展开阅读",
                                    "看更多", "載入更多", "加载更多"}))
        return ChromeKind::page_control;
    // An author box at the end of a page: 關於作者：…, 作者簡介｜….
    if (n <= 160 && (starts_with_any(s, {"關於作者", "关于作者"}) ||
                     starts_with_any(s, {"作者簡介：", "作者简介：", "作者簡介｜", "作者简介｜", "作者簡介|", "作者简介|",
                                         "作者簡介:", "作者简介:"})))
        return ChromeKind::byline;
    // Subscriptions and counters: 訂閱本博客：…, 評論（7）, 讚 12.
    if (n <= 40 && starts_with_any(s, {"訂閱", "订阅"}) && !contains_any(s, {"。"})) return ChromeKind::follow;
    if (n <= 10 && starts_with_any(s, {"評論", "评论", "留言", "回覆", "回复", "回應", "回应", "讚", "赞", "收藏", "分享",
                                       "閱讀", "阅读"}) &&
        count_digits(s) >= 1 && !has_sentence_punctuation(s))
        return ChromeKind::page_control;
    if (n <= 12 && is_widget_heading(line)) return ChromeKind::related;
    if (n <= 60) {
        // A related link run into its heading: 延伸閱讀：航運指數連續三周上漲.
        std::size_t colon = std::min(line.find("："), line.find(':'));
        if (colon != std::string_view::npos && colon > 0 && is_widget_heading(line.substr(0, colon)))
            return ChromeKind::related;
    }
    if (n <= 30 && contains_any(s, {"返回頂部", "返回顶部", "回到頂部", "回到顶部", "上一篇", "下一篇", "關閉窗口",
                                    "关闭窗口", "打印本頁", "打印本页", "【打印】", "【列印】", "字號", "字号",
                                    "我要糾錯", "我要纠错", "【糾錯】", "【纠错】", "我要評論", "我要评论", "發表評論",
                                    "发表评论", "網友評論", "网友评论", "閱讀原文", "阅读原文", "查看更多", "更多>>",
                                    "點擊進入", "点击进入", "收藏本文", "上一版", "下一版", "返回目錄", "返回目录", "回頁首", "回页首", "回到頁首", "回到页首", "上一首", "下一首", "上一則", "下一則",
                                    "上一条", "下一条", "上一頁", "下一頁", "上一页", "下一页", "全螢幕", "全屏",
                                    "靜音", "静音"}))
        return ChromeKind::page_control;
    // View counters and update stamps: 點閱次數：1,382, 瀏覽人次：128734, 最後更新：2024-04-16.
    if (n <= 30 && count_digits(s) >= 1 && !has_sentence_punctuation(s) &&
        contains_any(s, {"點閱", "点阅", "點擊量", "点击量", "點擊數", "点击数", "閱讀量", "阅读量", "閱讀數", "阅读数",
                         "瀏覽次數", "浏览次数", "瀏覽人次", "浏览人次", "瀏覽量", "浏览量", "人氣", "人气",
                         "最後更新", "最后更新", "更新時間", "更新时间"}))
        return ChromeKind::page_control;
    // A search box: 搜尋詩詞、作者、名句; a video player: 00:00 / 02:15 播放.
    if (n <= 20 && starts_with_any(s, {"搜尋", "搜索", "搜寻", "站內搜尋", "站内搜索", "請輸入", "请输入"}) &&
        !contains_any(s, {"。", "！", "？"}))
        return ChromeKind::page_control;
    // Font size switches: 字體：大 中 小; downloads: 附件：得獎照片.zip.
    if (n <= 16 && starts_with_any(s, {"字體", "字体", "字級", "字级", "字型"}) && contains_any(s, {"大"}) &&
        contains_any(s, {"小"}))
        return ChromeKind::page_control;
    if (n <= 60 && starts_with_any(s, {"附件", "下載", "下载"}) &&
        contains_any(s, {".zip", ".rar", ".7z", ".pdf", ".doc", ".xls", ".ppt", ".odt", ".jpg", ".png"}) &&
        !has_sentence_punctuation(s))
        return ChromeKind::page_control;
    if (n <= 12 && contains_any(s, {"登錄", "登录", "註冊", "注册", "登入", "登出", "會員中心", "会员中心"}) &&
        !has_sentence_punctuation(s))
        return ChromeKind::page_control;
    if (n <= 40 && contains_any(s, {"責任編輯", "责任编辑", "責編", "责编", "本文編輯", "本文编辑", "編輯：",
                                    "编辑：", "編輯:", "编辑:", "校對", "校对", "審核：", "审核：", "監製", "监制",
                                    "實習生", "实习生"}))
        return ChromeKind::byline;
    if (n <= 30 && starts_with_any(s, {"(", "（", "【", "["}) &&
        contains_any(s, {"來源", "来源", "作者", "記者", "记者", "完)", "完）", "完】"}))
        return ChromeKind::byline;
    if (n <= 20 && starts_with_dash(s) && !has_sentence_punctuation(s)) return ChromeKind::byline;
    // Where the article was printed or first published: 《人民日报》（2024年04月22日 第04版）, 本文刊載於….
    if (n <= 40 && starts_with_any(s, {"本文刊載", "本文刊载", "本文原載", "本文原载", "原載於", "原载于", "轉載自",
                                       "转载自", "本文轉自", "本文转自", "本文來自", "本文来自", "本文首發", "本文首发"}))
        return ChromeKind::byline;
    if (n <= 40 && count_digits(s) >= 1 && contains_any(s, {"版）", "版)"}) && contains_any(s, {"《", "（", "("}) &&
        !contains_any(s, {"。", "，"}))
        return ChromeKind::byline;
    // Tags: #梅雨 #鋒面, 標籤：AI 機器人.
    if (n <= 60 && (starts_with_any(s, {"標籤：", "标签：", "標籤:", "标签:", "關鍵字：", "关键字：", "關鍵詞：",
                                        "关键词：", "tags:"}) ||
                    (s.starts_with("#") && s.find(" #") != std::string_view::npos)))
        return ChromeKind::navigation;
    if (n <= 40 && starts_with_bullet(s) && !has_sentence_punctuation(s)) return ChromeKind::bullet;
    if (n <= 80 && contains_any(s, {"當前位置", "当前位置", "您的位置", "您現在的位置", "您现在的位置"}))
        return ChromeKind::navigation;
    if (ChromeKind k = navigation_kind(line, n); k != ChromeKind::none) return k;
    return ChromeKind::none;
}

// Site rules ---------------------------------------------------------------------------------------------

namespace {

// Site rules apply to lines up to this many code points, with a time limit: a rule cannot stall the reader.
constexpr std::size_t max_rule_line_length = 4000;
constexpr int32_t regex_time_limit = 50;  // ICU "steps", roughly milliseconds

}  // namespace

struct SiteRules::Impl {
    std::vector<std::unique_ptr<icu::RegexPattern>> drop;
    std::vector<std::string> drop_text;
    std::vector<std::unique_ptr<icu::RegexPattern>> end;
    std::vector<std::string> end_text;
    std::vector<std::unique_ptr<icu::RegexPattern>> keep;
};

SiteRules::SiteRules() : impl_(std::make_shared<Impl>()) {}

SiteRules SiteRules::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::input, "cannot read the site rules file", SourcePos{path, 0, 0},
                    {"check the path given to --site-rules; it is relative to the current directory"});
    std::ostringstream text;
    text << in.rdbuf();
    return parse(path, text.str());
}

namespace {

SourcePos pos_of(std::string_view name, const YAML::Mark& mark) {
    if (mark.line < 0) return SourcePos{std::string(name), 0, 0};
    return SourcePos{std::string(name), static_cast<std::uint32_t>(mark.line + 1),
                     static_cast<std::uint32_t>(mark.column + 1)};
}

const std::vector<std::string> format_hints = {
    "a site rules file is YAML with optional lists of ICU regular expressions: drop, end and keep, e.g.",
    "drop: ['^更多精彩', '本文來源'], end: ['^相關閱讀'], keep: ['^——']"};

std::vector<std::unique_ptr<icu::RegexPattern>> compile_list(std::string_view name, const YAML::Node& list,
                                                              const char* key, std::vector<std::string>* texts) {
    std::vector<std::unique_ptr<icu::RegexPattern>> out;
    if (!list.IsSequence())
        throw Error(ErrorCode::input, std::string("'") + key + "' must be a list of regular expressions",
                    pos_of(name, list.Mark()), format_hints);
    for (const YAML::Node& item : list) {
        if (!item.IsScalar())
            throw Error(ErrorCode::input, std::string("each '") + key + "' rule must be a string",
                        pos_of(name, item.Mark()), {"quote the regular expression, e.g. - '^更多精彩'"});
        std::string pattern = item.Scalar();
        if (pattern.empty())
            throw Error(ErrorCode::input, std::string("empty '") + key + "' rule", pos_of(name, item.Mark()),
                        {"an empty pattern would match every line; remove it"});
        UParseError parse_error{};
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::RegexPattern> compiled(
            icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), 0, parse_error, status));
        if (U_FAILURE(status) || !compiled) {
            SourcePos at = pos_of(name, item.Mark());
            std::string message = "bad regular expression in a '" + std::string(key) + "' rule: " +
                                  u_errorName(status);
            if (parse_error.offset >= 0) message += " at offset " + std::to_string(parse_error.offset);
            throw Error(ErrorCode::input, message, at,
                        {"rules are ICU regular expressions; escape ( ) [ ] { } . * + ? | with a backslash",
                         "the pattern is: " + pattern});
        }
        out.push_back(std::move(compiled));
        if (texts) texts->push_back(pattern);
    }
    return out;
}

// Returns true when pattern matches somewhere in line (false for overlong lines and on a time-out).
bool matches(const icu::RegexPattern& pattern, std::string_view line) {
    if (line.size() > max_rule_line_length * 4 || utf8::count_code_points(line) > max_rule_line_length) return false;
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(line.data(), static_cast<int32_t>(line.size())));
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(pattern.matcher(text, status));
    if (U_FAILURE(status)) return false;
    m->setTimeLimit(regex_time_limit, status);
    bool found = m->find(status);
    return U_SUCCESS(status) && found;
}

}  // namespace

SiteRules SiteRules::parse(std::string_view name, std::string_view yaml) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml));
    } catch (const YAML::ParserException& e) {
        throw Error(ErrorCode::input, "malformed site rules file: " + e.msg, pos_of(name, e.mark), format_hints);
    }
    SiteRules rules;
    auto impl = std::make_shared<Impl>();
    if (root.IsNull()) {
        rules.impl_ = impl;
        return rules;
    }
    if (!root.IsMap())
        throw Error(ErrorCode::input, "a site rules file must be a mapping with 'drop', 'end' and 'keep' lists",
                    pos_of(name, root.Mark()), format_hints);
    for (const auto& entry : root) {
        std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
        if (key == "drop") {
            if (!entry.second.IsNull()) impl->drop = compile_list(name, entry.second, "drop", &impl->drop_text);
        } else if (key == "end") {
            if (!entry.second.IsNull()) impl->end = compile_list(name, entry.second, "end", &impl->end_text);
        } else if (key == "keep") {
            if (!entry.second.IsNull()) impl->keep = compile_list(name, entry.second, "keep", nullptr);
        } else {
            throw Error(ErrorCode::input, "unknown key '" + key + "' in the site rules file",
                        pos_of(name, entry.first.Mark()), {"the keys are 'drop', 'end' and 'keep'"});
        }
    }
    rules.impl_ = impl;
    return rules;
}

std::optional<std::size_t> SiteRules::find_drop(std::string_view line) const {
    for (std::size_t i = 0; i < impl_->drop.size(); ++i)
        if (matches(*impl_->drop[i], line)) return i;
    return std::nullopt;
}

std::optional<std::size_t> SiteRules::find_end(std::string_view line) const {
    for (std::size_t i = 0; i < impl_->end.size(); ++i)
        if (matches(*impl_->end[i], line)) return i;
    return std::nullopt;
}

bool SiteRules::keeps(std::string_view line) const {
    for (const auto& p : impl_->keep)
        if (matches(*p, line)) return true;
    return false;
}

const std::string& SiteRules::drop_pattern(std::size_t i) const { return impl_->drop_text.at(i); }

const std::string& SiteRules::end_pattern(std::size_t i) const { return impl_->end_text.at(i); }

std::size_t SiteRules::size() const { return impl_->drop.size() + impl_->end.size() + impl_->keep.size(); }

ChromeMatch classify_line(std::string_view line, const SiteRules& rules) {
    if (auto i = rules.find_drop(line))
        return {ChromeKind::site_rule, "site drop rule '" + rules.drop_pattern(*i) + "'", false};
    if (auto i = rules.find_end(line)) return {ChromeKind::site_rule, "site end rule '" + rules.end_pattern(*i) + "'"};
    if (rules.keeps(line)) return {};
    ChromeKind kind = classify_chrome_line(line);
    if (kind == ChromeKind::none) return {};
    return {kind, chrome_kind_name(kind)};
}

}  // namespace docexport::readers
