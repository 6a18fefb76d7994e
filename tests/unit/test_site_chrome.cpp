// Units for src/readers/text/site_chrome: built-in chrome rules on lines in the style of several sites, and
// per-site rules files.
#include "readers/text/pinyin_annotations.hpp"
#include "readers/text/site_chrome.hpp"

#include <docexport/diagnostics.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using namespace docexport;
using namespace docexport::readers;

namespace {

void check_kind(std::initializer_list<std::string_view> lines, ChromeKind kind) {
    for (std::string_view line : lines)
        CHECK_MESSAGE(classify_chrome_line(line) == kind, line << " should be a " << std::string(chrome_kind_name(kind)));
}

}  // namespace

TEST_CASE("chrome: app prompts, traditional and simplified") {
    check_kind({"證券日報APP", "掃一掃", "下載客戶端", "掃一掃,即可下載", "扫码下载腾讯新闻客户端", "打开新闻APP 阅读体验更佳",
                "下载澎湃新闻app", "長按識別二維碼"},
               ChromeKind::app_prompt);
}

TEST_CASE("chrome: ranking widgets and related links") {
    check_kind({"• 24小時排行 一周排行", "24小时排行榜", "本周热门排行"}, ChromeKind::ranking);
    check_kind({"相关新闻", "相關新聞：", "热门推荐", "熱門文章", "推荐阅读", "猜你喜欢", "延伸閱讀：航運指數連續三周上漲"},
               ChromeKind::related);
}

TEST_CASE("chrome: copyright lines") {
    check_kind({"版權所有證券日報網", "Copyright © 2000-2023 XINHUANET.com All Rights Reserved.",
                "© 2024 聯合新聞網 版權所有", "未经授权禁止转载", "本网站所有内容版权所有，违者必究"},
               ChromeKind::copyright);
}

TEST_CASE("chrome: rules look at lines without their pinyin artifacts") {
    CHECK(classify_chrome_line(strip_pinyin_annotations("版權(quán)所有證券日報網(wǎng)")) == ChromeKind::copyright);
    CHECK(classify_chrome_line(strip_pinyin_annotations("掃一掃,加關(guān)注")) == ChromeKind::follow);
}

TEST_CASE("chrome: licence and ICP numbers") {
    check_kind({"互聯網新聞信息服務許可證 10120180014增值電信業務經營許可證B2-20181903",
                "京公網安備 11010202007567號京ICP備17054264號", "京ICP证010042号  京公网安备11010502035580号",
                "粤ICP备12345678号-1", "信息网络传播视听节目许可证 0108263号"},
               ChromeKind::licence);
}

TEST_CASE("chrome: phone, fax and e-mail lines") {
    check_kind({"證券日報社電話:010-83251700網站電話:010-83251800", "網站傳真:010-83251801電子郵件:xmtzx@zqrb.net",
                "违法和不良信息举报电话：010-12345678", "Tel: +86 10 6307 1234", "Fax: (852) 2345 6789",
                "投稿邮箱：news@example.com", "editor@example.com.tw", "联系我们"},
               ChromeKind::contact);
}

TEST_CASE("chrome: follow and share prompts") {
    check_kind({"官方微信", "官方微博", "掃一掃,加關注", "分享到：", "分享到： 微信 微博 QQ空间", "欢迎关注我们的微信公众号",
                "點擊關注官方帳號"},
               ChromeKind::follow);
}

TEST_CASE("chrome: disclaimers") {
    check_kind({"證券日報網所載文章、數據僅供參考,使用前務請仔細閱讀法律申明,風險自負。", "免责声明：本文仅代表作者个人观点",
                "本文仅供参考，不构成投资建议。", "市场有风险，投资需谨慎", "文章內容不代表本網觀點"},
               ChromeKind::disclaimer);
}

TEST_CASE("chrome: bylines and signatures") {
    check_kind({"-證券日報網", "——新华社", "（責任編輯：李華）", "(责任编辑:王磊)", "责任编辑：刘阳", "（完）", "【来源：人民网】",
                "编辑：张三 校对：李四"},
               ChromeKind::byline);
}

TEST_CASE("chrome: page controls") {
    check_kind({"返回顶部", "上一篇：港口吞吐量回升", "下一篇", "字号：大 中 小", "【纠错】", "我要評論", "阅读原文"},
               ChromeKind::page_control);
}

TEST_CASE("chrome: navigation rows and breadcrumbs") {
    check_kind({"首页 | 新闻 | 财经 | 科技 | 体育", "首頁 | 即時 | 要聞 | 財經 | 國際", "关于我们 | 联系我们 | 网站地图 | 法律声明",
                "首页 > 财经 > 正文", "当前位置：首页 > 科技 > 正文", "Home | News | Sport", "回覆 | 引用 | 讚好 (36)",
                "#梅雨 #鋒面 #豪雨特報"},
               ChromeKind::navigation);
    // Short words set apart by spaces only: a menu, or a clause heading (第 八 款), so a weak kind of its own.
    check_kind({"新闻 财经 体育 娱乐 汽车", "首頁　法規　判解　文獻　關於本站"}, ChromeKind::word_row);
}

TEST_CASE("chrome: advertisements, media placeholders, cookie notices, author boxes, counters") {
    check_kind({"廣告", "广告", "【廣告】免費法律諮詢專線 0800-000-123", "推广：加入晨报会员，每月仅需RM9.90",
                "【直播】今晚18:35 樂天桃猿 vs 味全龍　立即收看"},
               ChromeKind::advertisement);
    check_kind({"图片", "圖片", "正在直播：《江源新闻联播》"}, ChromeKind::media);
    check_kind({"本網站使用Cookie以提升瀏覽體驗，繼續瀏覽即表示您同意本站隱私權政策。", "▲ 展开阅读全文", "评论（7）",
                "點閱次數：1,382", "附件：得獎照片.zip"},
               ChromeKind::page_control);
    check_kind({"關於作者：陳志明醫生，家庭醫學專科醫生，行醫二十年。", "作者簡介｜王冠宇，體育記者", "本文刊載於《遠望雜誌》第二一五期",
                "《 人民日报 》（ 2024年04月22日 第 04 版）"},
               ChromeKind::byline);
    check_kind({"本文內容僅供參考，不能取代專業醫療意見。如有疑問，請諮詢醫生。"}, ChromeKind::disclaimer);
    check_kind({"本站內容依著作權法第九條不得為著作權之標的，歡迎自由利用。"}, ChromeKind::copyright);
}

TEST_CASE("chrome: bullet widgets") {
    check_kind({"• 多地加快布局人工智能产业", "● 港口自動化提速", "▪ 今日要闻"}, ChromeKind::bullet);
}

TEST_CASE("chrome: article text is not chrome") {
    check_kind({"工信部宣布新增5個國家人工智能創新應用先導區",
                "此事引发社会各界广泛关注，相关部门表示将尽快调查处理。",
                "该公司表示，已取得生产许可证，将于下月投产。",
                "热门景点迎来客流高峰",
                "2021-02-20 06:19  來源:中國證券報",
                "\"We are moving from model training to real deployment,\"",
                "one engineer said at the event.",
                "• 第一，加快建设人工智能基础设施，推动算力资源共享。",
                "北京、天津、杭州、廣州、成都五地入選",
                "大模型进入千行百业 5G与AI融合提速",
                "评论：让数据要素更好服务实体经济",
                ""},
               ChromeKind::none);
}

TEST_CASE("chrome: long lines are never chrome") {
    std::string line = "版權所有";
    while (line.size() < 2000) line += "工信部近日印發通知，支持創建國家人工智能創新應用先導區。";
    CHECK(classify_chrome_line(line) == ChromeKind::none);
}

TEST_CASE("chrome: site rules: drop, end and keep") {
    SiteRules rules = SiteRules::parse("rules.yml", "drop:\n  - '^財經新聞網$'\nend:\n  - '^更多精彩'\nkeep:\n  - '^——本報記者'\n");
    CHECK(rules.size() == 3);
    ChromeMatch m = classify_line("財經新聞網", rules);
    CHECK(m.kind == ChromeKind::site_rule);
    CHECK_FALSE(m.ends_article);
    CHECK(m.rule == "site drop rule '^財經新聞網$'");
    CHECK(classify_line("財經新聞網今日報道", rules).kind == ChromeKind::none);
    ChromeMatch e = classify_line("更多精彩內容請訪問", rules);
    CHECK(e.kind == ChromeKind::site_rule);
    CHECK(e.ends_article);
    CHECK(classify_line("——本報記者 陳靜", rules).kind == ChromeKind::none);  // a signature without the keep rule
    CHECK(classify_line("——本報記者 陳靜", SiteRules()).kind == ChromeKind::byline);
    ChromeMatch c = classify_line("版權所有", rules);
    CHECK(c.kind == ChromeKind::copyright);
    CHECK(c.rule == "copyright line");
}

TEST_CASE("chrome: site rules: an empty file has no rules") {
    CHECK(SiteRules::parse("rules.yml", "").size() == 0);
    CHECK(SiteRules::parse("rules.yml", "# nothing yet\ndrop:\n").size() == 0);
}

TEST_CASE("chrome: site rules: case-insensitive rules with (?i)") {
    SiteRules rules = SiteRules::parse("rules.yml", "drop: ['(?i)^read more']");
    CHECK(classify_line("READ MORE on our site", rules).kind == ChromeKind::site_rule);
}

namespace {

Error parse_error(std::string_view yaml) {
    try {
        SiteRules::parse("rules.yml", yaml);
    } catch (const Error& e) {
        return e;
    }
    FAIL("no error for: " << yaml);
    return Error(ErrorCode::internal, "unreachable");
}

}  // namespace

TEST_CASE("chrome: site rules: a bad regular expression is an input error at its line and column") {
    Error e = parse_error("drop:\n  - '^ok$'\n  - '(unclosed'\n");
    CHECK(e.code() == ErrorCode::input);
    CHECK(e.pos().file == "rules.yml");
    CHECK(e.pos().line == 3);
    CHECK(e.pos().col == 5);
    CHECK(std::string(e.what()).find("bad regular expression") != std::string::npos);
    CHECK(!e.hints().empty());
}

TEST_CASE("chrome: site rules: malformed files are input errors with a position") {
    Error syntax = parse_error("drop: [unclosed\n");
    CHECK(syntax.code() == ErrorCode::input);
    CHECK(syntax.pos().line >= 1);
    Error not_map = parse_error("- a\n- b\n");
    CHECK(not_map.pos().line == 1);
    Error unknown = parse_error("drop: []\nremove: ['x']\n");
    CHECK(unknown.pos().line == 2);
    CHECK(unknown.pos().col == 1);
    Error not_list = parse_error("keep: '^x'\n");
    CHECK(not_list.pos().line == 1);
    Error not_string = parse_error("drop:\n  - {a: b}\n");
    CHECK(not_string.pos().line == 2);
    Error empty = parse_error("drop:\n  - ''\n");
    CHECK(empty.pos().line == 2);
}

TEST_CASE("chrome: site rules: a missing file is an input error") {
    try {
        SiteRules::load(DOCEXPORT_SOURCE_DIR "/tests/golden/no-such-rules.yml");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::input);
        CHECK(!e.hints().empty());
    }
}

TEST_CASE("chrome: site rules: a backtracking rule on a long line does not stall") {
    SiteRules rules = SiteRules::parse("rules.yml", "drop: ['^(a+)+$']");
    std::string line(3000, 'a');
    line += "b";
    auto start = std::chrono::steady_clock::now();
    CHECK(classify_line(line, rules).kind == ChromeKind::none);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 10.0);
}
