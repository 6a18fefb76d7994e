#!/usr/bin/env python3
"""Generates a corpus of N synthetic Chinese news articles for the EPUB benchmark and the 1,000-article test.

usage: generate.py DIR N [N ...]

For each N writes DIR/N/:
  a0001.md ... (one Markdown article each: front matter, subheads, paragraphs, a list, a pipe table, a link)
  book.yaml    a docexport manifest listing them
  book.md      the same articles in one Markdown file (`# ` per article), for pandoc
Each article holds ~2,000 Han characters. The output is deterministic (fixed seed).
"""
import pathlib, random, sys

CITIES = "北京 天津 杭州 廣州 成都 上海 深圳 濟南 青島 武漢 西安 重慶 南京 蘇州 合肥 長沙".split()
SUBJECTS = ["人工智能創新應用先導區", "智能製造示範基地", "數字經濟實驗區", "智慧城市試點", "算力樞紐節點", "車聯網先導區"]
VERBS = ["獲批建設", "加快推進", "發布實施方案", "啟動第二階段", "擴大開放場景", "完成年度評估"]
CLAUSES = [
    "工信部近日印發通知，支持{c}創建{s}", "這是繼首批名單之後的又一重要部署", "通知要求各地加快技術研發與智能基礎設施建設",
    "在重點領域開放深度應用場景", "推進人工智能與實體經濟深度融合", "業內人士指出，{l}技術的滲透率已達{p}%",
    "相關投資規模約{n}億元", "先導區將圍繞智能製造、智慧港口、智慧社區等方向先行先試", "形成可複製、可推廣的經驗",
    "地方政府同步出台配套政策，在資金、人才、數據開放等方面給予支持", "專家認為，應用場景的開放程度決定了創新的速度",
    "{c}計劃到二〇二五年培育一批具有國際競爭力的龍頭企業", "同時加強治理體系建設，確保技術發展安全可控",
    "多家企業表示將加大研發投入，參與標準制定", "市場人士預計，相關產業鏈上下游將迎來新一輪發展機遇",
]
LATIN = ["AI", "5G", "GPU", "IoT", "RISC-V", "edge computing", "open source", "big data", "cloud"]
SOURCES = ["中國證券報", "證券日報", "經濟參考報", "新華社", "上海證券報"]


def sentence(rnd, city, subject):
    n = rnd.randint(2, 4)
    parts = [rnd.choice(CLAUSES).format(c=city, s=subject, l=rnd.choice(LATIN), p=rnd.randint(10, 95),
                                        n=rnd.randint(100, 9999)) for _ in range(n)]
    return "，".join(parts) + "。"


def article(k, rnd):
    city, subject = CITIES[k % len(CITIES)], SUBJECTS[k % len(SUBJECTS)]
    title = f"{city}{subject}{VERBS[(k // 3) % len(VERBS)]}　首批{rnd.randint(3, 40)}個項目落地"
    date = f"2021-{1 + k % 12:02d}-{1 + k % 28:02d} {k % 24:02d}:{(37 * k) % 60:02d}"
    body = []
    for part in range(3):
        body.append(f"## {['背景', '重點任務', '市場影響'][part]}\n")
        for _ in range(3):
            body.append("".join(sentence(rnd, city, subject) for _ in range(4)) + "\n")
    body.append("\n".join(f"- {c}：入駐企業{rnd.randint(50, 2000)}家，項目{rnd.randint(3, 60)}個" for c in rnd.sample(CITIES, 4)) + "\n")
    rows = "\n".join(f"| {c} | {rnd.randint(50, 2000)} | {rnd.uniform(-5, 60):.1f}% |" for c in rnd.sample(CITIES, 3))
    body.append(f"| 城市 | 企業數 | 增速 |\n|:--|--:|--:|\n{rows}\n")
    body.append(f"詳情見[工信部網站](https://www.miit.gov.cn/art/2021/art_{k:05d}.html)。\n")
    return title, date, SOURCES[k % len(SOURCES)], "\n".join(body)


def main():
    out = pathlib.Path(sys.argv[1])
    for n in map(int, sys.argv[2:]):
        d = out / str(n)
        d.mkdir(parents=True, exist_ok=True)
        rnd = random.Random(20210220)
        names, combined = [], ["---\ntitle: 先導區新聞彙編\nlang: zh-Hant-TW\n---\n"]
        for k in range(n):
            title, date, source, body = article(k, rnd)
            name = f"a{k + 1:04d}.md"
            (d / name).write_text(f"---\ntitle: {title}\ndate: {date}\nsource: {source}\n---\n\n{body}", encoding="utf-8")
            names.append(name)
            combined.append(f"# {title}\n\n{date}　{source}\n\n{body}")
        manifest = ["title: 先導區新聞彙編", "language: zh-Hant-TW", "date: 2021-12-31", "publisher: docexport bench",
                    "contents:"] + [f"  - {name}" for name in names]
        (d / "book.yaml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
        (d / "book.md").write_text("\n".join(combined), encoding="utf-8")


if __name__ == "__main__":
    main()
