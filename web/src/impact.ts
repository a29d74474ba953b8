// 修法影响: the breaks of a law's newest amendment as tracked work, grouped by department → item, with counts
// per kind and per department at the top; editors set each break's status (待处理 / 已处理 / 不适用).

import { gql } from "./api.js";
import { breakChain } from "./chain.js";
import { h, notice, replace } from "./dom.js";

const KINDS: Record<string, string> = {
  basis_repealed: "依据已删除", basis_renumbered: "依据条号变化", basis_changed: "依据内容变化",
  range_exceeded: "档次超出新幅度", range_changed: "法定幅度变化", penalty_type_removed: "处罚种类取消",
  case_precedent: "案例参照失效", citing_statute: "法规引用失效",
  citing_document: "文件引用失效",
};
const STATUSES = ["待处理", "已处理", "不适用"];

interface Break {
  id: string; kind: string; status: string; statusBy: string | null; note: string | null;
  departmentName: string | null; region: string | null; ownerKind: string | null; ownerName: string | null;
  ownerCode: string | null; unitOld: string; unitNew: string[]; evidence: string | null; fix: string | null;
  fromVersion: string; toVersion: string; powerId: string | null; law: string; needsReview: boolean;
  detail: { old_text?: string; new_text?: string; power?: { id: string; name: string } | null } | null;
}

const FIELDS = `id kind status statusBy note departmentName region ownerKind ownerName ownerCode unitOld unitNew
  evidence fix fromVersion toVersion powerId law needsReview detail`;

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

async function versionDates(law: string): Promise<string[]> {
  const data = await gql<{ law: { versions: { date: string | null }[] } | null }>(
    "query ($t: String!) { law(title: $t) { versions { date } } }", { t: law });
  return (data.law?.versions ?? []).map((v) => v.date ?? "").filter(Boolean);
}

/** The breaks of an amendment that is not the tracked (newest) one: computed on request, without statuses. The
 * texts of the units come once each (`texts`), not once per break: thousands of breaks share a few dozen units. */
async function computed(law: string, from: string, to: string, region: string | null): Promise<Break[]> {
  const data = await gql<{ amendmentImpact: { fromVersion: string; toVersion: string; texts: { unit: string; text: string }[];
    breaks: { kind: string; department: { id: string | null; name: string }; departmentRegion: string | null; ownerKind: string | null;
    owner: { id: string | null; name: string } | null; ownerCode: string | null; power: { id: string | null; name: string } | null;
    unitOld: string; unitNew: string[]; evidence: string; fix: string; needsReview: boolean }[] } }>(
    `query ($l: String!, $f: String!, $t: String!, $r: String) { amendmentImpact(law: $l, from: $f, to: $t, region: $r) {
      fromVersion toVersion texts { unit text } breaks { kind department { id name } departmentRegion ownerKind
      owner { id name } ownerCode power { id name } unitOld unitNew evidence fix needsReview } } }`,
    { l: law, f: from, t: to, r: region });
  const a = data.amendmentImpact;
  const text = new Map(a.texts.map((t) => [t.unit, t.text]));
  return a.breaks.map((b, i) => ({
    id: `computed-${i}`, kind: b.kind, status: "", statusBy: null, note: null, departmentName: b.department.name,
    region: b.departmentRegion, ownerKind: b.ownerKind, ownerName: b.owner?.name ?? null, ownerCode: b.ownerCode,
    unitOld: b.unitOld, unitNew: b.unitNew, evidence: b.evidence, fix: b.fix, fromVersion: a.fromVersion,
    toVersion: a.toVersion, powerId: b.power?.id ?? null, law, needsReview: b.needsReview,
    detail: { old_text: text.get(b.unitOld) ?? "",
              new_text: b.unitNew.flatMap((u) => { const t = text.get(u); return t === undefined ? [] : [t]; }).join("\n"),
              power: b.power?.id ? { id: b.power.id, name: b.power.name } : null } }));
}

export async function impactPage(root: HTMLElement, law: string, region: string, from: string, to: string,
                                 editor: boolean): Promise<void> {
  const lawInput = h("input", { id: "impact-law", value: law, required: true, placeholder: "如 农产品质量安全法" });
  const regionInput = h("input", { id: "impact-region", value: region, placeholder: "可选，如 青禾县" });
  const dates = law ? await versionDates(law) : [];
  const newest = { from: dates[dates.length - 2] ?? "", to: dates[dates.length - 1] ?? "" };
  const pick = (id: string, chosen: string): HTMLSelectElement => h("select", { id },
    ...dates.map((d) => h("option", { value: d, selected: d === chosen }, d)));
  const fromSel = pick("impact-from", from || newest.from), toSel = pick("impact-to", to || newest.to);
  const form = h("form", { onsubmit: (e: Event) => { e.preventDefault();
      const q = new URLSearchParams({ law: lawInput.value.trim(), region: regionInput.value.trim(),
        ...(lawInput.value.trim() === law && dates.length ? { from: fromSel.value, to: toSel.value } : {}) });
      location.hash = `#/impact?${q.toString()}`; } },
    h("label", { for: "impact-law" }, "法规"), lawInput,
    dates.length > 1 ? h("label", { for: "impact-from" }, "旧版本") : null, dates.length > 1 ? fromSel : null,
    dates.length > 1 ? h("label", { for: "impact-to" }, "新版本") : null, dates.length > 1 ? toSel : null,
    h("label", { for: "impact-region" }, "地区"), regionInput, h("button", { type: "submit" }, "查看"));
  const body = h("div", { id: "impact-body" });
  replace(root, h("h1", {}, "修法影响"), form, body);
  if (!law) { replace(body, h("p", {}, "输入法规名称，查看其修改影响的职权、裁量基准、清单事项和案例。")); return; }
  replace(body, notice("加载中…"));
  const tracked = (!from || from === newest.from) && (!to || to === newest.to);
  if (!tracked && from && to && from >= to) { replace(body, notice("旧版本须早于新版本", "error")); return; }
  const breaks = tracked ? await allBreaks(law, region || null) : await computed(law, from, to, region || null);
  if (!tracked) editor = false;  // statuses are kept for the tracked (newest) amendment only
  if (breaks.length === 0) { replace(body, notice(tracked ? `「${law}」没有待跟踪的修法影响` : `「${law}」${from} → ${to} 没有影响（按需计算，不跟踪）`)); return; }
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
  const pair = { from: (first?.fromVersion ?? "").split("@")[1] ?? "", to: (first?.toVersion ?? "").split("@")[1] ?? "" };
  const query = new URLSearchParams({ law, from: pair.from, to: pair.to, ...(region ? { region } : {}) }).toString();
  replace(body,
    h("p", { id: "impact-summary", role: "status" }, `${first?.fromVersion ?? ""} → ${first?.toVersion ?? ""}：共 ${breaks.length} 项`),
    tracked ? null : h("p", { class: "notice" }, "这不是最近一次修改：影响按需计算，不跟踪处理状态。"),
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
  const status = b.status ? h("span", { class: "status", "data-status": b.status }, b.status) : null;
  const card = h("article", { class: "break", "data-break": b.id, "data-kind": b.kind },
    h("h4", { class: "break-title" }, `${KINDS[b.kind] ?? b.kind}：${b.ownerCode ? `${b.ownerCode} ` : ""}${b.ownerName ?? ""}`, " ", status,
      b.needsReview ? h("span", { class: "to-check" }, " 待核对：对应关系不确定，请先在新旧对照中核对") : null),
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
        status?.replaceChildren(done.setBreakStatus.status);
        status?.setAttribute("data-status", done.setBreakStatus.status);
        said.textContent = "已保存";
      } catch (err) {
        said.textContent = `未保存：${(err as Error).message}`;
      }
    } }, select, note, h("button", { type: "submit" }, "保存状态"), said));
  }
  return card;
}
