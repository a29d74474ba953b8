// 新旧对照: two versions of a law side by side, article by article, following the alignment — the kind of each
// row, the changed words marked inside each pair, jump to the next change, only the changed rows; editors correct
// a row right there (reviewAlignment) and reviewed rows say so.

import { gql } from "./api.js";
import { h, notice, replace } from "./dom.js";

export const KIND_LABELS: Record<string, string> = {
  unchanged: "未变", modified: "修改", renumbered: "移动", renumbered_modified: "移动并修改", split: "拆分",
  merged: "合并", deleted: "删除", added: "新增",
};
const REVIEW_KINDS = ["modified", "renumbered", "renumbered_modified", "split", "merged", "deleted", "unchanged"];

interface Row { old: string | null; new: string | null; kind: string; similarity: number; source: string; confidence: number; needsReview: boolean }
interface VersionTexts { id: string; date: string | null; articles: { edges: { node: { number: string; label: string; text: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null } } }

async function texts(title: string): Promise<{ versions: { id: string; date: string | null }[]; text: Map<string, Map<string, { label: string; text: string }>> }> {
  const text = new Map<string, Map<string, { label: string; text: string }>>();
  let after: string | null = null;
  let versions: { id: string; date: string | null }[] = [];
  for (;;) {
    const data: { law: { versions: VersionTexts[] } | null } = await gql(`query ($t: String!, $a: String) { law(title: $t) {
      versions { id date articles(first: 100, after: $a) { edges { node { number label text } } pageInfo { hasNextPage endCursor } } } } }`,
    { t: title, a: after });
    if (!data.law) throw new Error(`没有名为「${title}」的法规`);
    versions = data.law.versions.map((v) => ({ id: v.id, date: v.date }));
    let next: string | null = null;
    for (const v of data.law.versions) {
      const into = text.get(v.id) ?? new Map<string, { label: string; text: string }>();
      for (const e of v.articles.edges) into.set(e.node.number, { label: e.node.label, text: e.node.text });
      text.set(v.id, into);
      if (v.articles.pageInfo.hasNextPage) next = v.articles.pageInfo.endCursor;
    }
    if (!next) return { versions, text };
    after = next;
  }
}

/** The two texts with what differs marked (<del> in the old, <ins> in the new), by a character-level LCS. */
export function diff(a: string, b: string): [Node[], Node[]] {
  if (a === b || a.length * b.length > 4_000_000) return [[document.createTextNode(a)], [document.createTextNode(b)]];
  const n = a.length, m = b.length;
  const dp: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = dp[i] as Uint16Array, below = dp[i + 1] as Uint16Array;
    for (let j = m - 1; j >= 0; j--) {
      row[j] = a[i] === b[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  const left: Node[] = [], right: Node[] = [];
  const push = (into: Node[], tag: "del" | "ins" | null, text: string): void => {
    if (!text) return;
    into.push(tag ? h(tag, {}, text) : document.createTextNode(text));
  };
  let i = 0, j = 0, same = "", gone = "", added = "";
  const flush = (): void => { push(left, "del", gone); push(right, "ins", added); gone = ""; added = ""; };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      flush(); same += a[i]; i++; j++; continue;
    }
    if (same) { push(left, null, same); push(right, null, same); same = ""; }
    if (j < m && (i >= n || ((dp[i] as Uint16Array)[j + 1] as number) >= ((dp[i + 1] as Uint16Array)[j] as number))) { added += b[j]; j++; }
    else { gone += a[i]; i++; }
  }
  flush();
  if (same) { push(left, null, same); push(right, null, same); }
  return [left, right];
}

export async function comparePage(root: HTMLElement, title: string, from: string, to: string, changedOnly: boolean,
                                  editor: boolean): Promise<void> {
  const lawInput = h("input", { id: "cmp-law", value: title, required: true, placeholder: "如 农产品质量安全法" });
  const head = h("h1", {}, "新旧对照");
  if (!title) {
    replace(root, head, h("form", { onsubmit: (e: Event) => { e.preventDefault(); location.hash = `#/compare?law=${encodeURIComponent(lawInput.value.trim())}`; } },
      h("label", { for: "cmp-law" }, "法规"), lawInput, h("button", { type: "submit" }, "选择版本")));
    return;
  }
  replace(root, head, notice("加载中…"));
  const { versions, text } = await texts(title);
  if (versions.length < 2) { replace(root, head, notice(`「${title}」只有一个版本`)); return; }
  const byDate = (d: string): string | undefined => versions.find((v) => (v.date ?? "").startsWith(d))?.id;
  const oldId = (from && byDate(from)) || versions[versions.length - 2]?.id || "";
  const newId = (to && byDate(to)) || versions[versions.length - 1]?.id || "";
  const label = (id: string): string => versions.find((v) => v.id === id)?.date ?? id;
  const pick = (id: string, name: string, chosen: string): HTMLSelectElement => h("select", { id, name },
    ...versions.map((v) => h("option", { value: v.date ?? v.id, selected: v.id === chosen }, v.date ?? v.id)));
  const fromSel = pick("cmp-from", "from", oldId), toSel = pick("cmp-to", "to", newId);
  const only = h("input", { id: "cmp-changed", type: "checkbox", checked: changedOnly });
  const form = h("form", { onsubmit: (e: Event) => { e.preventDefault();
      location.hash = `#/compare?law=${encodeURIComponent(title)}&from=${fromSel.value}&to=${toSel.value}${only.checked ? "&changed=1" : ""}`; } },
    h("label", { for: "cmp-from" }, "旧版本"), fromSel, h("label", { for: "cmp-to" }, "新版本"), toSel,
    only, h("label", { for: "cmp-changed" }, "只看有变化的条文"), h("button", { type: "submit" }, "对照"));
  const data = await gql<{ alignment: Row[] }>(`query ($t: String!, $f: String!, $o: String!) {
    alignment(law: $t, from: $f, to: $o) { old new kind similarity source confidence needsReview } }`, { t: title, f: label(oldId), o: label(newId) });
  const olds = text.get(oldId) ?? new Map(), news = text.get(newId) ?? new Map();
  const rows = data.alignment.filter((r) => !changedOnly || r.kind !== "unchanged");
  const reviewed = data.alignment.filter((r) => r.source === "review");
  const table = h("table", { class: "compare" },
    h("caption", {}, `${title}：${label(oldId)} → ${label(newId)}，${data.alignment.filter((r) => r.kind !== "unchanged").length} 处变化，已核对 ${reviewed.length} 行，待核对 ${data.alignment.filter((r) => r.needsReview).length} 行`),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, `旧（${label(oldId)}）`), h("th", { scope: "col" }, "变化"),
      h("th", { scope: "col" }, `新（${label(newId)}）`))),
    h("tbody", {}, ...rows.map((r, index) => {
      const a = r.old ? olds.get(r.old) : undefined, b = r.new ? news.get(r.new) : undefined;
      const [left, right] = a && b ? diff(a.text, b.text) : [[document.createTextNode(a?.text ?? "")], [document.createTextNode(b?.text ?? "")]];
      const kindCell = h("td", { class: "kind" }, h("span", { class: `kind-${r.kind}` }, KIND_LABELS[r.kind] ?? r.kind),
        r.source === "review" ? h("span", { class: "reviewed" }, "已核对") : null,
        r.needsReview ? h("span", { class: "to-check" }, `待核对（置信度 ${r.confidence.toFixed(2)}）`) : null,
        r.kind !== "unchanged" && r.kind !== "added" && r.kind !== "deleted" ? h("span", { class: "sim" }, `相似度 ${r.similarity.toFixed(2)}`) : null,
        editor && r.old ? reviewForm(title, label(oldId), label(newId), r, reviewed, index) : null);
      return h("tr", { class: r.kind === "unchanged" ? "row same" : "row changed", "data-old": r.old ?? "", "data-new": r.new ?? "", "data-kind": r.kind, tabindex: -1 },
        h("td", {}, a ? h("strong", {}, `${a.label} `) : null, ...left), kindCell, h("td", {}, b ? h("strong", {}, `${b.label} `) : null, ...right));
    })));
  const next = h("button", { type: "button", id: "next-change", onclick: () => {
    const changed = [...table.querySelectorAll<HTMLElement>("tr.changed")];
    const current = changed.findIndex((tr) => tr === document.activeElement);
    const target = changed[(current + 1) % Math.max(changed.length, 1)];
    if (target) { target.scrollIntoView({ block: "center" }); target.focus(); }
  } }, "下一处变化");
  replace(root, head, form, h("p", {}, next), table);
}

function reviewForm(title: string, from: string, to: string, row: Row, reviewed: Row[], index: number): HTMLElement {
  const id = `rv-${index}`;
  const kind = h("select", { id: `${id}-kind`, "aria-label": `第 ${row.old} 条的对应类型` },
    ...REVIEW_KINDS.map((k) => h("option", { value: k, selected: k === row.kind }, KIND_LABELS[k] ?? k)));
  const target = h("input", { id: `${id}-new`, value: row.new ?? "", size: 8, "aria-label": `第 ${row.old} 条对应的新条号（拆分时用逗号分隔）` });
  const said = h("span", { role: "status" });
  return h("details", {}, h("summary", {}, "更正"), h("form", { class: "review", onsubmit: async (e: Event) => {
    e.preventDefault();
    const targets = kind.value === "deleted" ? [null] : target.value.split(/[,，、\s]+/).filter(Boolean);
    const mine = targets.map((n) => ({ old: row.old, new: n, kind: kind.value }));
    const others = reviewed.filter((r) => r.old !== row.old).map((r) => ({ old: r.old, new: r.new, kind: r.kind }));
    try {
      await gql(`mutation ($t: String!, $f: String!, $o: String!, $rows: [AlignmentRowInput!]) {
        reviewAlignment(law: $t, from: $f, to: $o, rows: $rows) { old } }`, { t: title, f: from, o: to, rows: [...others, ...mine] });
      said.textContent = "已保存";
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    } catch (err) {
      said.textContent = `未保存：${(err as Error).message}`;
    }
  } }, kind, target, h("button", { type: "submit" }, "保存"), said));
}
