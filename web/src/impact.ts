// 修法影响: the breaks of a law's newest amendment as tracked work, grouped by department → item, with counts
// per kind and per department at the top; editors set each break's status (待处理 / 已处理 / 不适用).

import { gql } from "./api.js";
import { breakChain } from "./chain.js";
import { h, notice, replace } from "./dom.js";

const KINDS: Record<string, string> = {
  basis_repealed: "依据已删除", basis_renumbered: "依据条号变化", basis_changed: "依据内容变化",
  range_exceeded: "档次超出新幅度", range_changed: "法定幅度变化", penalty_type_removed: "处罚种类取消",
  case_precedent: "案例参照失效", citing_statute: "法规引用失效",
};
const STATUSES = ["待处理", "已处理", "不适用"];

interface Break {
  id: string; kind: string; status: string; statusBy: string | null; note: string | null;
  departmentName: string | null; region: string | null; ownerKind: string | null; ownerName: string | null;
  ownerCode: string | null; unitOld: string; unitNew: string[]; evidence: string | null; fix: string | null;
  fromVersion: string; toVersion: string; powerId: string | null; law: string;
  detail: { old_text?: string; new_text?: string; power?: { id: string; name: string } | null } | null;
}

const FIELDS = `id kind status statusBy note departmentName region ownerKind ownerName ownerCode unitOld unitNew
  evidence fix fromVersion toVersion powerId law detail`;

async function allBreaks(law: string, region: string | null): Promise<Break[]> {
  const out: Break[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { breaks: { edges: { node: Break }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
      await gql(`query ($l: String, $r: String, $a: String) { breaks(law: $l, region: $r, first: 100, after: $a) {
        edges { node { ${FIELDS} } } pageInfo { hasNextPage endCursor } } }`, { l: law, r: region, a: after });
    out.push(...page.breaks.edges.map((e) => e.node));
    if (!page.breaks.pageInfo.hasNextPage || !page.breaks.pageInfo.endCursor) return out;
    after = page.breaks.pageInfo.endCursor;
  }
}

export async function impactPage(root: HTMLElement, law: string, region: string, editor: boolean): Promise<void> {
  const lawInput = h("input", { id: "impact-law", value: law, required: true, placeholder: "如 农产品质量安全法" });
  const regionInput = h("input", { id: "impact-region", value: region, placeholder: "可选，如 青禾县" });
  const form = h("form", { onsubmit: (e: Event) => { e.preventDefault();
      location.hash = `#/impact?law=${encodeURIComponent(lawInput.value.trim())}&region=${encodeURIComponent(regionInput.value.trim())}`; } },
    h("label", { for: "impact-law" }, "法规"), lawInput, h("label", { for: "impact-region" }, "地区"), regionInput,
    h("button", { type: "submit" }, "查看"));
  const body = h("div", { id: "impact-body" });
  replace(root, h("h1", {}, "修法影响"), form, body);
  if (!law) { replace(body, h("p", {}, "输入法规名称，查看其最近一次修改影响的职权、裁量基准、清单事项和案例。")); return; }
  replace(body, notice("加载中…"));
  const breaks = await allBreaks(law, region || null);
  if (breaks.length === 0) { replace(body, notice(`「${law}」没有待跟踪的修法影响`)); return; }
  const first = breaks[0];
  const byKind = new Map<string, number>();
  const byDept = new Map<string, Break[]>();
  for (const b of breaks) {
    byKind.set(b.kind, (byKind.get(b.kind) ?? 0) + 1);
    const dept = b.departmentName ?? "立法 / 法制机构";
    byDept.set(dept, [...(byDept.get(dept) ?? []), b]);
  }
  const counts = h("table", { class: "counts", "aria-label": "按类型统计" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "类型"), h("th", { scope: "col" }, "数量"))),
    h("tbody", {}, ...[...byKind].map(([k, n]) => h("tr", { "data-kind": k }, h("td", {}, KINDS[k] ?? k), h("td", {}, n)))));
  const departments = [...byDept].sort((a, b) => b[1].length - a[1].length);
  const dates = { from: (first?.fromVersion ?? "").split("@")[1] ?? "", to: (first?.toVersion ?? "").split("@")[1] ?? "" };
  const query = new URLSearchParams({ law, from: dates.from, to: dates.to, ...(region ? { region } : {}) }).toString();
  replace(body,
    h("p", { id: "impact-summary", role: "status" }, `${first?.fromVersion ?? ""} → ${first?.toVersion ?? ""}：共 ${breaks.length} 项`),
    h("p", { class: "downloads" }, "下载报告：", h("a", { href: `/download/impact.xlsx?${query}`, download: "" }, "Excel（.xlsx）"), " ",
      h("a", { href: `/download/impact.md?${query}`, download: "" }, "Markdown（.md）")),
    counts,
    h("h2", {}, "按部门"),
    h("ul", { class: "dept-counts" }, ...departments.map(([d, rows]) => h("li", {},
      `${d}：${rows.length} 项，待处理 ${rows.filter((r) => r.status === "待处理").length}`))),
    ...departments.map(([dept, rows]) => h("section", { class: "department" }, h("h2", {}, dept),
      ...byPower(rows).map(([power, items]) => h("section", { class: "power-group" }, h("h3", { class: "power-name" }, power),
        ...items.map((b) => breakCard(b, editor, law)))))));
}

function byPower(rows: Break[]): [string, Break[]][] {
  const groups = new Map<string, Break[]>();
  for (const b of rows) {
    const power = b.detail?.power?.name ?? (b.ownerKind === null ? "法规引用" : "（未关联职权）");
    groups.set(power, [...(groups.get(power) ?? []), b]);
  }
  return [...groups];
}

function breakCard(b: Break, editor: boolean, law: string): HTMLElement {
  const status = h("span", { class: "status", "data-status": b.status }, b.status);
  const card = h("article", { class: "break", "data-break": b.id, "data-kind": b.kind },
    h("h4", { class: "break-title" }, `${KINDS[b.kind] ?? b.kind}：${b.ownerCode ? `${b.ownerCode} ` : ""}${b.ownerName ?? ""}`, " ", status),
    h("p", {}, h("strong", {}, "依据："), b.evidence ?? ""),
    h("p", {}, h("strong", {}, "建议："), b.fix ?? ""),
    h("div", { class: "texts" },
      h("div", {}, h("h5", {}, `原条文 ${b.unitOld}`), h("p", {}, b.detail?.old_text ?? "")),
      h("div", {}, h("h5", {}, `新条文 ${b.unitNew.join("、") || "（无）"}`), h("p", {}, b.detail?.new_text ?? ""))),
    b.statusBy ? h("p", { class: "who" }, `${b.statusBy} 设为「${b.status}」${b.note ? `：${b.note}` : ""}`) : null,
    h("details", { class: "chain-view" }, h("summary", {}, "关系链（法律 → 条款 → 职权 → 裁量基准 → 档次 → 案例）"),
      breakChain(law, b.unitOld, b.powerId, b.detail?.power?.name ?? b.ownerName ?? "")));
  if (editor) {
    const select = h("select", { id: `status-${b.id}`, "aria-label": `处理状态 ${b.id}` },
      ...STATUSES.map((s) => h("option", { value: s, selected: s === b.status }, s)));
    const note = h("input", { id: `note-${b.id}`, placeholder: "说明（可选）", "aria-label": `说明 ${b.id}` });
    const said = h("span", { role: "status" });
    card.append(h("form", { class: "set-status", onsubmit: async (e: Event) => {
      e.preventDefault();
      try {
        const done = await gql<{ setBreakStatus: { status: string } }>(
          `mutation ($id: String!, $s: String!, $n: String) { setBreakStatus(id: $id, status: $s, note: $n) { status } }`,
          { id: b.id, s: select.value, n: note.value || null });
        status.textContent = done.setBreakStatus.status;
        status.setAttribute("data-status", done.setBreakStatus.status);
        said.textContent = "已保存";
      } catch (err) {
        said.textContent = `未保存：${(err as Error).message}`;
      }
    } }, select, note, h("button", { type: "submit" }, "保存状态"), said));
  }
  return card;
}
