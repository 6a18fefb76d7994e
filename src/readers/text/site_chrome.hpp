// Site chrome of scraped news pages (app prompts, copyright, licences, contacts, navigation...): built-in
// rules that work across sites, and optional per-site rules from a YAML file.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace docexport::readers {

// Which rule recognised a line as site chrome.
enum class ChromeKind {
    none,
    app_prompt,    // 掃一掃, 下載客戶端, ...APP
    ranking,       // 24小時排行, 熱門文章
    related,       // 相关新闻, 推荐阅读
    copyright,     // 版權所有, Copyright, ©
    licence,       // 許可證 numbers, ICP備, 公網安備
    contact,       // 電話, 傳真, e-mail addresses
    follow,        // 官方微信, 加關注, 分享到
    disclaimer,    // 僅供參考...風險自負, 免責聲明
    byline,        // -證券日報網, （責任編輯：…）, （完）
    page_control,  // 返回頂部, 上一篇, 字號, 我要糾錯
    bullet,        // a short • widget line
    navigation,    // 首頁 | 新聞 | 財經, breadcrumbs, button rows
    word_row,      // 首頁 新聞 財經 科技: short words set apart by spaces only
    advertisement, // 廣告, 【廣告】…, 推廣：…, 立即收看
    media,         // 圖片, 視頻: a placeholder left by an image or a player
    site_rule,     // a drop or end rule of a site rules file
};

// Returns a short name of the kind for messages, e.g. "copyright line".
const char* chrome_kind_name(ChromeKind kind);

// Returns the kind of chrome line is by the built-in rules, or none. line should be trimmed and have its
// `字(pinyin)` artifacts removed. Lines longer than max_chrome_length code points are never chrome.
ChromeKind classify_chrome_line(std::string_view line);

// Lines longer than this (in code points) are article text, never chrome (and keep the rules linear).
inline constexpr std::size_t max_chrome_length = 300;

// Per-site rules: ICU regular expressions whose matching lines are dropped while reading goes on (drop:),
// end the article like built-in chrome does (end:), or are protected from the built-in rules (keep:).
// Cheap to copy; an empty set matches nothing.
class SiteRules {
public:
    SiteRules();
    // Returns the rules of a YAML file; throws Error(input) with file:line:col for a missing or malformed file.
    static SiteRules load(const std::string& path);
    // Returns the rules of YAML text; name is used in error positions. Throws Error(input) like load.
    static SiteRules parse(std::string_view name, std::string_view yaml);

    // Returns the index of the first drop rule that matches somewhere in line, or nothing.
    std::optional<std::size_t> find_drop(std::string_view line) const;
    // Returns the index of the first end rule that matches somewhere in line, or nothing.
    std::optional<std::size_t> find_end(std::string_view line) const;
    // Returns true when a keep rule matches somewhere in line.
    bool keeps(std::string_view line) const;
    // Returns the source text of drop rule i.
    const std::string& drop_pattern(std::size_t i) const;
    // Returns the source text of end rule i.
    const std::string& end_pattern(std::size_t i) const;
    // Returns the number of drop, end and keep rules.
    std::size_t size() const;

private:
    struct Impl;
    std::shared_ptr<const Impl> impl_;
};

// How a line was classified: its kind and, for a site rule, which pattern.
struct ChromeMatch {
    ChromeKind kind = ChromeKind::none;
    std::string rule;           // "copyright line", or "site rule '^更多'"
    bool ends_article = true;   // false for a site drop rule: the line goes, reading goes on
    // Returns true when the line is chrome.
    explicit operator bool() const { return kind != ChromeKind::none; }
};

// Returns how line is classified: site drop and end rules first, then keep rules (which make it not chrome),
// then the built-in rules.
ChromeMatch classify_line(std::string_view line, const SiteRules& rules);

}  // namespace docexport::readers
