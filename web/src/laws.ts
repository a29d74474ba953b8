// 法规: search laws; a law's versions as a 沿革 timeline and its articles; an article with its 款/项 and what
// rests on it (powers, benchmarks, 三张清单 entries) and what cites it, as in force on a chosen date.

import { gql } from "./api.js";
import { h, notice, replace } from "./dom.js";

const STATUS: Record<string, string> = {
  in_force: "现行有效", superseded: "已被修改", not_yet_in_force: "尚未施行", repealed: "已废止",
};

interface LawRow { id: string; title: string; level: string; versions: { date: string | null; status: string | null }[] }

const LEVELS = ["宪法", "法律", "行政法规", "地方性法规", "自治条例/单行条例", "部门规章", "地方政府规章", "司法解释", "规范性文件"];

export async function lawsPage(root: HTMLElement, search: string, level = "", text = ""): Promise<void> {
  const input = h("input", { id: "law-search", type: "search", value: search, placeholder: "法规名称，如 农产品质量安全法" });
  const levelSel = h("select", { id: "law-level" }, h("option", { value: "" }, "全部"), ...LEVELS.map((l) => h("option", { value: l, selected: l === level }, l)));
  const textInput = h("input", { id: "law-text", type: "search", value: text, placeholder: "条文中的词句，如 农药残留" });
  const form = h("form", { role: "search", onsubmit: (e: Event) => { e.preventDefault();
      const q = new URLSearchParams({ q: input.value.trim(), level: levelSel.value, text: textInput.value.trim() });
      location.hash = `#/laws?${q.toString()}`; } },
    h("label", { for: "law-search" }, "搜索法规"), input, h("label", { for: "law-level" }, "效力层级"), levelSel,
    h("label", { for: "law-text" }, "全文"), textInput, h("button", { type: "submit" }, "搜索"));
  const results = h("div", { id: "law-results" }, notice("加载中…"));
  replace(root, h("h1", {}, "法规"), form, results);
  if (text) {
    const found = await gql<{ articles: { totalCount: number; edges: { node: { number: string; label: string; text: string; version: { date: string | null; law: { title: string } | null } | null } }[] } }>(
      `query ($s: String!) { articles(search: $s, first: 50) { totalCount edges { node { number label text version { date law { title } } } } } }`, { s: text });
    const rows = found.articles.edges.map((e) => e.node);
    replace(results, h("p", { role: "status" }, `现行条文中有 ${found.articles.totalCount} 条含「${text}」${found.articles.totalCount > rows.length ? `，显示前 ${rows.length} 条` : ""}`),
      h("ul", { class: "articles" }, ...rows.map((a) => {
        const title = a.version?.law?.title ?? "";
        const at = a.text.indexOf(text);
        const snippet = a.text.slice(Math.max(0, at - 30), at + text.length + 50);
        return h("li", {}, h("a", { href: `#/article/${encodeURIComponent(title)}/${a.number}` }, `${title} ${a.label}`), "：…", snippet, "…");
      })));
    return;
  }
  const data = await gql<{ laws: { totalCount: number; edges: { node: LawRow }[] } }>(
    `query ($q: String, $l: String) { laws(search: $q, level: $l, first: 50) { totalCount edges { node { id title level versions { date status } } } } }`,
    { q: search || null, l: level || null });
  const rows = data.laws.edges.map((e) => e.node);
  replace(results,
    h("p", { role: "status" }, `共 ${data.laws.totalCount} 部${data.laws.totalCount > rows.length ? `，显示前 ${rows.length} 部` : ""}`),
    h("table", {},
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "名称"), h("th", { scope: "col" }, "效力层级"), h("th", { scope: "col" }, "版本"))),
      h("tbody", {}, ...rows.map((law) => h("tr", {},
        h("td", {}, h("a", { href: `#/law/${encodeURIComponent(law.title)}` }, law.title)),
        h("td", {}, law.level),
        h("td", {}, law.versions.map((v) => v.date ?? "未注明日期").join("、")))))));
}

interface Version { id: string; date: string | null; effective: string | null; status: string | null; history: string[]; articleCount: number }
interface ArticleRow { number: string; label: string; text: string }

export async function lawPage(root: HTMLElement, title: string, asOf: string): Promise<void> {
  replace(root, notice("加载中…"));
  const data = await gql<{ law: { title: string; level: string; versions: Version[]; versionAt: Version | null } | null }>(
    `query ($t: String!, $d: Date) { law(title: $t) { title level versions { id date effective status history articleCount }
       versionAt(asOf: $d) { id date effective status history articleCount } } }`, { t: title, d: asOf || null });
  const law = data.law;
  if (!law) { replace(root, notice(`没有名为「${title}」的法规`, "error")); return; }
  const current = law.versionAt;
  const dateInput = h("input", { id: "as-of", type: "date", value: asOf });
  const pick = h("form", { onsubmit: (e: Event) => { e.preventDefault(); location.hash = `#/law/${encodeURIComponent(title)}?asOf=${dateInput.value}`; } },
    h("label", { for: "as-of" }, "查看日期（asOf）"), dateInput, h("button", { type: "submit" }, "查看"));
  const timeline = h("ol", { class: "timeline", "aria-label": "沿革" }, ...law.versions.map((v) => h("li", { class: v.id === current?.id ? "current" : "" },
    h("strong", {}, v.date ?? "未注明日期"), ` 施行 ${v.effective ?? "—"} · ${STATUS[v.status ?? ""] ?? v.status ?? ""} · ${v.articleCount} 条`,
    v.history.length ? h("div", { class: "history" }, v.history.join("；")) : null)));
  const articles = h("div", { id: "articles" });
  replace(root, h("h1", {}, law.title), h("p", {}, `效力层级：${law.level}`), pick, h("h2", {}, "沿革"), timeline,
    h("h2", {}, current ? `条文（${current.date ?? ""} 版本，${STATUS[current.status ?? ""] ?? ""}）` : "条文"), articles);
  if (!current) { replace(articles, notice("该日期没有施行的版本")); return; }
  const page = await gql<{ law: { versionAt: { articles: { edges: { node: ArticleRow }[] } } | null } | null }>(
    `query ($t: String!, $d: Date) { law(title: $t) { versionAt(asOf: $d) { articles(first: 100) { edges { node { number label text } } } } } }`,
    { t: title, d: asOf || null });
  const rows = page.law?.versionAt?.articles.edges.map((e) => e.node) ?? [];
  replace(articles, h("ul", { class: "articles" }, ...rows.map((a) => h("li", {},
    h("a", { href: `#/article/${encodeURIComponent(title)}/${a.number}${asOf ? `?asOf=${asOf}` : ""}` }, a.label), " ",
    a.text.length > 80 ? `${a.text.slice(0, 80)}…` : a.text))),
    rows.length === 100 ? h("p", {}, "（仅显示前 100 条）") : null);
}

interface Holder { node: { id: string; name?: string; conduct?: string; code?: string | null; kind?: string; department?: { name: string } | null } }

export async function articlePage(root: HTMLElement, title: string, number: string, asOf: string): Promise<void> {
  replace(root, notice("加载中…"));
  const data = await gql<{ article: null | {
    id: string; label: string; text: string; versionId: string;
    paragraphs: { number: number; text: string; items: { number: number; text: string }[] }[];
    powers: { totalCount: number; edges: Holder[] }; benchmarks: { totalCount: number; edges: Holder[] };
    listEntries: { totalCount: number; edges: Holder[] }; citedBy: { source: string; text: string; documentTitle: string | null }[];
  } }>(`query ($t: String!, $n: String!, $d: Date) { article(law: $t, number: $n, asOf: $d) { id label text versionId
      paragraphs { number text items { number text } }
      powers(first: 100) { totalCount edges { node { id name code department { name } } } }
      benchmarks(first: 100) { totalCount edges { node { id conduct code department { name } } } }
      listEntries(first: 100) { totalCount edges { node { id conduct kind } } }
      citedBy { source text documentTitle } } }`, { t: title, n: number, d: asOf || null });
  const a = data.article;
  if (!a) { replace(root, notice(`${title}没有第 ${number} 条`, "error")); return; }
  const list = (heading: string, total: number, rows: Holder[]): HTMLElement => h("section", {},
    h("h2", {}, `${heading}（${total}）`),
    total === 0 ? h("p", {}, "无") : h("ul", {}, ...rows.map((r) => h("li", {},
      `${r.node.department?.name ? `${r.node.department.name}：` : ""}${r.node.name ?? r.node.conduct ?? r.node.id}`,
      r.node.code ? ` （${r.node.code}）` : ""))));
  replace(root,
    h("p", {}, h("a", { href: `#/law/${encodeURIComponent(title)}${asOf ? `?asOf=${asOf}` : ""}` }, `← ${title}`)),
    h("h1", {}, `${title} ${a.label}`), h("p", { class: "version" }, a.versionId),
    h("div", { class: "article-text" }, ...a.paragraphs.map((p) => h("p", {}, p.text,
      p.items.length ? h("ol", {}, ...p.items.map((i) => h("li", {}, i.text))) : null))),
    h("div", { class: "rests" },
      list("依据本条的职权", a.powers.totalCount, a.powers.edges),
      list("依据本条的裁量基准", a.benchmarks.totalCount, a.benchmarks.edges),
      list("依据本条的三张清单事项", a.listEntries.totalCount, a.listEntries.edges),
      h("section", {}, h("h2", {}, `引用本条的法规和文件（${a.citedBy.length}）`),
        a.citedBy.length === 0 ? h("p", {}, "无") : h("ul", {}, ...a.citedBy.map((c) => h("li", {},
          c.documentTitle ? `文件《${c.documentTitle}》：${c.text}` : `${c.source}：${c.text}`))))));
}
