// 规范性文件: policy documents (工作方案, 通知, 意见) — search by title, 文号 or issuer; one document with the laws it
// cites (status: resolved, stale with the reason, unresolved with the reason) and the documents it names.

import { gql } from "./api.js";
import { h, notice, replace } from "./dom.js";

interface DocRow { id: string; title: string; issuer: string | null; number: string | null; date: string | null; paragraphCount: number }
interface Cite { paragraph: string; text: string; status: string; target: string | null; law: string | null; reason: string | null; suggested: string | null }
interface Named { text: string; number: string | null; target: string | null; title: string | null }

const STATUS: Record<string, string> = { resolved: "已对应", stale: "引用过时", unresolved: "未找到", ambiguous: "有歧义" };

function docLink(id: string, text: string): HTMLElement {
  return h("a", { href: `#/document/${encodeURIComponent(id)}` }, text);
}

function articleLink(unit: string): HTMLElement | string {
  // 行政处罚法@2017-09-01/42.1 → the article page of that law as in force on the version's date
  const found = /^(.+?)@(\d{4}-\d{2}-\d{2})\/([0-9-]+)/.exec(unit);
  if (!found) return unit;
  const [, law, day, article] = found;
  return h("a", { href: `#/article/${encodeURIComponent(law ?? "")}/${article ?? ""}?asOf=${day ?? ""}` }, unit);
}

export async function documentsPage(root: HTMLElement, q: string): Promise<void> {
  const input = h("input", { id: "doc-q", value: q, placeholder: "标题、文号或发文机关" });
  const form = h("form", { onsubmit: (e: Event) => { e.preventDefault(); location.hash = `#/documents?q=${encodeURIComponent(input.value.trim())}`; } },
    h("label", { for: "doc-q" }, "查找"), input, h("button", { type: "submit" }, "查找"));
  replace(root, h("h1", {}, "规范性文件"), form, notice("加载中…"));
  const data = await gql<{ documents: { totalCount: number; edges: { node: DocRow }[] } }>(
    `query ($q: String) { documents(search: $q, first: 100) { totalCount edges { node { id title issuer number date paragraphCount } } } }`,
    { q: q || null });
  const rows = data.documents.edges.map((e) => e.node);
  replace(root, h("h1", {}, "规范性文件"), form,
    h("p", {}, `共 ${data.documents.totalCount} 件`),
    rows.length === 0 ? h("p", {}, "无（lawgraph ingest documents 导入）") : h("table", {},
      h("thead", {}, h("tr", {}, ...["标题", "文号", "发文机关", "日期", "段落"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...rows.map((d) => h("tr", {}, h("td", {}, docLink(d.id, d.title)), h("td", {}, d.number ?? "—"),
        h("td", {}, d.issuer ?? "—"), h("td", {}, d.date ?? "未注明"), h("td", {}, d.paragraphCount))))));
}

export async function documentPage(root: HTMLElement, id: string): Promise<void> {
  replace(root, h("h1", {}, "规范性文件"), notice("加载中…"));
  const data = await gql<{ document: null | DocRow & { citations: Cite[]; names: Named[]; namedBy: DocRow[];
    paragraphs: { edges: { node: { number: number; original: string } }[] } } }>(
    `query ($id: String!) { document(id: $id) { id title issuer number date paragraphCount
      citations { paragraph text status target law reason suggested } names { text number target title }
      namedBy { id title issuer number date paragraphCount } paragraphs(first: 100) { edges { node { number original } } } } }`,
    { id });
  const d = data.document;
  if (!d) { replace(root, h("h1", {}, "规范性文件"), notice(`没有文件 ${id}`, "error")); return; }
  const paragraphNumber = (pid: string): string => pid.split("/p").pop() ?? pid;
  replace(root,
    h("p", {}, h("a", { href: "#/documents" }, "← 规范性文件")),
    h("h1", {}, d.title),
    h("dl", { class: "meta" }, h("dt", {}, "文号"), h("dd", {}, d.number ?? "—"), h("dt", {}, "发文机关"), h("dd", {}, d.issuer ?? "—"),
      h("dt", {}, "日期"), h("dd", {}, d.date ?? "未注明（按今日现行文本对应）")),
    h("h2", {}, `引用的法律法规（${d.citations.length}）`),
    d.citations.length === 0 ? h("p", {}, "无") : h("table", { class: "citations" },
      h("thead", {}, h("tr", {}, ...["段", "引用", "状态", "对应条文 / 说明"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...d.citations.map((c) => h("tr", { class: `status-${c.status}` },
        h("td", {}, paragraphNumber(c.paragraph)), h("td", {}, c.text), h("td", {}, STATUS[c.status] ?? c.status),
        h("td", {}, c.target ? articleLink(c.target) : "", c.reason ? ` ${c.reason}` : "", c.suggested ? `（建议：${c.suggested}）` : ""))))),
    h("h2", {}, `提及的其他文件（${d.names.length}）`),
    d.names.length === 0 ? h("p", {}, "无") : h("ul", {}, ...d.names.map((n) => h("li", {},
      n.target ? docLink(n.target, n.title ?? n.text) : `${n.text}（未导入）`))),
    h("h2", {}, `提及本文件的文件（${d.namedBy.length}）`),
    d.namedBy.length === 0 ? h("p", {}, "无") : h("ul", {}, ...d.namedBy.map((o) => h("li", {}, docLink(o.id, o.title)))),
    h("h2", {}, d.paragraphCount > 100 ? `全文（前 100 段，共 ${d.paragraphCount} 段）` : "全文"),
    h("ol", { class: "document-text" }, ...d.paragraphs.edges.map((e) => h("li", { value: e.node.number }, e.node.original))));
}
