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
  departmentId: string | null; departmentName: string | null; region: string | null; ownerKind: string | null; ownerName: string | null;
  ownerCode: string | null; unitOld: string; unitNew: string[]; evidence: string | null; fix: string | null;
  fromVersion: string; toVersion: string; powerId: string | null; law: string; needsReview: boolean;
  detail: { old_text?: string; new_text?: string; power?: { id: string; name: string } | null } | null;
}

const FIELDS = `id kind status statusBy note departmentId departmentName region ownerKind ownerName ownerCode unitOld unitNew
  evidence fix fromVersion toVersion powerId law needsReview detail`;

interface BreakPage {
  totalCount: number; edges: { cursor: string; node: Break }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** One page of the tracked breaks under the filters (null: any). */
async function breaksPage(filters: { law: string; region: string | null; department: string | null; status: string | null },
                          first: number, after: string | null): Promise<BreakPage> {
  const page = await gql<{ breaks: BreakPage }>(`query ($l: String, $r: String, $d: String, $s: String, $a: String) {
      breaks(law: $l, region: $r, department: $d, status: $s, first: ${first}, after: $a) {
        totalCount edges { cursor node { ${FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
    { l: filters.law, r: filters.region, d: filters.department, s: filters.status, a: after });
  return page.breaks;
}

async function allBreaks(law: string, region: string | null): Promise<Break[]> {
  const out: Break[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await breaksPage({ law, region, department: null, status: null }, 100, after);
    out.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return out;
    after = page.pageInfo.endCursor;
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
    id: `computed-${i}`, kind: b.kind, status: "", statusBy: null, note: null, departmentId: b.department.id,
    departmentName: b.department.name,
    region: b.departmentRegion, ownerKind: b.ownerKind, ownerName: b.owner?.name ?? null, ownerCode: b.ownerCode,
    unitOld: b.unitOld, unitNew: b.unitNew, evidence: b.evidence, fix: b.fix, fromVersion: a.fromVersion,
    toVersion: a.toVersion, powerId: b.power?.id ?? null, law, needsReview: b.needsReview,
    detail: { old_text: text.get(b.unitOld) ?? "",
              new_text: b.unitNew.flatMap((u) => { const t = text.get(u); return t === undefined ? [] : [t]; }).join("\n"),
              power: b.power?.id ? { id: b.power.id, name: b.power.name } : null } }));
}

interface DepartmentRow {
  key: string; departmentId: string | null; departmentName: string | null; region: string | null; pending: number; done: number;
  notApplicable: number; oldestPending: string | null;
}
interface Summary {
  total: number; kinds: { kind: string; count: number }[];
  amendments: { fromVersion: string; toVersion: string; count: number }[]; departments: DepartmentRow[];
}

/** Up to this many open breaks the tracked view shows them all at once; with more (a province's amendment: thousands)
 * it shows the per-department table and one department's breaks at a time, a page of PAGE each. */
const ALL_AT_ONCE = 200;
const PAGE = 50;
const LEGISLATION = "立法 / 法制机构";

async function trackedSummary(law: string, region: string | null): Promise<Summary> {
  const data = await gql<{ breakSummary: Summary }>(`query ($l: String, $r: String) { breakSummary(law: $l, region: $r) {
    total kinds { kind count } amendments { fromVersion toVersion count }
    departments { key departmentId departmentName region pending done notApplicable oldestPending } } }`, { l: law, r: region });
  return data.breakSummary;
}

function kindTable(counts: [string, number][]): HTMLElement {
  return h("table", { class: "counts", "aria-label": "按类型统计" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "类型"), h("th", { scope: "col" }, "数量"))),
    h("tbody", {}, ...counts.map(([k, n]) => h("tr", { "data-kind": k }, h("td", {}, KINDS[k] ?? k), h("td", {}, n)))));
}

/** Who has not acted: per department, its open breaks by status and the oldest still 待处理; each name opens that
 * department's breaks. */
function departmentTable(rows: DepartmentRow[], link: (department: string) => string, chosen: string): HTMLElement {
  return h("table", { class: "departments", "aria-label": "按部门统计" },
    h("thead", {}, h("tr", {}, ...["部门", "地区", "待处理", "已处理", "不适用", "最早待处理"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, ...rows.map((r) => {
      return h("tr", { "data-department": r.key },
        h("td", {}, h("a", { href: link(r.key), "aria-current": r.key === chosen ? "true" : undefined }, r.departmentName ?? LEGISLATION)),
        h("td", {}, r.region ?? ""), h("td", {}, r.pending), h("td", {}, r.done), h("td", {}, r.notApplicable),
        h("td", {}, r.oldestPending?.slice(0, 10) ?? ""));
    })));
}

type OnStatus = (from: string, to: string) => void;

/** Cards into `into`, each under its power's heading (one section per power, found in `groups` when an earlier page
 * of the same department opened it). */
function addCards(into: HTMLElement, groups: Map<string, HTMLElement>, rows: Break[], editor: boolean, law: string,
                  onStatus?: OnStatus): void {
  for (const b of rows) {
    const power = b.detail?.power?.name ?? (b.ownerKind === null ? "法规引用" : "（未关联职权）");
    let section = groups.get(power);
    if (!section) {
      section = h("section", { class: "power-group" }, h("h3", { class: "power-name" }, power));
      groups.set(power, section);
      into.append(section);
    }
    section.append(breakCard(b, editor, law, onStatus));
  }
}

/** Sections per department (its id, or the name of breaks of no department), most breaks first, cards by power. */
function byDepartment(breaks: Break[], editor: boolean, law: string): HTMLElement[] {
  const groups = new Map<string, Break[]>();
  for (const b of breaks) {
    const key = b.departmentId ?? b.departmentName ?? LEGISLATION;
    groups.set(key, [...(groups.get(key) ?? []), b]);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length).map((rows) => {
    const first = rows[0];
    const section = h("section", { class: "department" }, h("h2", {}, first?.departmentName ?? LEGISLATION,
      first?.region ? h("span", { class: "region" }, `（${first.region}）`) : null));
    addCards(section, new Map(), rows, editor, law);
    return section;
  });
}

export async function impactPage(root: HTMLElement, law: string, region: string, from: string, to: string,
                                 editor: boolean, department = "", status = ""): Promise<void> {
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
  if (tracked) { await trackedView(body, law, region, department, status, editor); return; }
  const breaks = await computed(law, from, to, region || null);
  if (breaks.length === 0) { replace(body, notice(`「${law}」${from} → ${to} 没有影响（按需计算，不跟踪）`)); return; }
  const first = breaks[0];
  const byKind = new Map<string, number>();
  const perDept = new Map<string, number>();
  for (const b of breaks) {
    byKind.set(b.kind, (byKind.get(b.kind) ?? 0) + 1);
    const dept = b.departmentName ?? LEGISLATION;
    perDept.set(dept, (perDept.get(dept) ?? 0) + 1);
  }
  replace(body,
    h("p", { id: "impact-summary", role: "status" }, `${first?.fromVersion ?? ""} → ${first?.toVersion ?? ""}：共 ${breaks.length} 项`),
    h("p", { class: "notice" }, "这不是最近一次修改：影响按需计算，不跟踪处理状态。"),
    downloads(law, first?.fromVersion ?? "", first?.toVersion ?? "", region),
    kindTable([...byKind]),
    h("h2", {}, "按部门"),
    h("ul", { class: "dept-counts" }, ...[...perDept].sort((a, b) => b[1] - a[1]).map(([d, n]) => h("li", {}, `${d}：${n} 项`))),
    ...byDepartment(breaks, false, law));
}

function downloads(law: string, fromVersion: string, toVersion: string, region: string): HTMLElement {
  const query = new URLSearchParams({ law, from: fromVersion.split("@")[1] ?? "", to: toVersion.split("@")[1] ?? "",
                                      ...(region ? { region } : {}) }).toString();
  return h("p", { class: "downloads" }, "下载报告：", h("a", { href: `/download/impact.xlsx?${query}`, download: "" }, "Excel（.xlsx）"), " ",
    h("a", { href: `/download/impact.md?${query}`, download: "" }, "Markdown（.md）"));
}

/** The newest amendment's breaks as tracked work: the counts per kind and per department first (one request), then
 * every break when there are few, or the chosen department's a page at a time (`status` narrows it). */
async function trackedView(body: HTMLElement, law: string, region: string, department: string, status: string,
                           editor: boolean): Promise<void> {
  const summary = await trackedSummary(law, region || null);
  if (summary.total === 0) { replace(body, notice(`「${law}」没有待跟踪的修法影响`)); return; }
  const pair = summary.amendments[0] ?? { fromVersion: "", toVersion: "" };
  const link = (d: string, s = ""): string => `#/impact?${new URLSearchParams({ law, region, department: d, ...(s ? { status: s } : {}) }).toString()}`;
  const head = [
    h("p", { id: "impact-summary", role: "status" }, `${pair.fromVersion} → ${pair.toVersion}：共 ${summary.total} 项`),
    downloads(law, pair.fromVersion, pair.toVersion, region),
    kindTable(summary.kinds.map((k) => [k.kind, k.count])),
    h("h2", {}, "按部门"),
    departmentTable(summary.departments, (d) => link(d), department)];
  if (!department) {
    if (summary.total > ALL_AT_ONCE) {
      replace(body, ...head, h("p", { id: "impact-choose", class: "notice" },
        `共 ${summary.total} 项，分属 ${summary.departments.length} 个部门：在上表中选择部门，逐个查看和处理。`));
      return;
    }
    replace(body, ...head, ...byDepartment(await allBreaks(law, region || null), editor, law));
    return;
  }
  const row = summary.departments.find((r) => r.key === department);
  const name = row ? row.departmentName ?? LEGISLATION : department;
  const statusSel = h("select", { id: "impact-status", onchange: () => { location.hash = link(department, statusSel.value); } },
    h("option", { value: "", selected: !status }, "全部"), ...STATUSES.map((s) => h("option", { value: s, selected: s === status }, s)));
  const cards = h("div", { class: "department-breaks" });
  const shown = h("p", { id: "impact-shown", role: "status" });
  const more = h("button", { type: "button", id: "impact-more", hidden: true }, "加载更多");
  // Pages are offsets into the filtered list: a break this page sets out of the status filter leaves the list, so
  // the next page starts that many rows earlier (at the cursor of the row before); ids shown already are skipped.
  const cursors: string[] = [], shownIds = new Set<string>(), groups = new Map<string, HTMLElement>();
  let sinceLoad = 0, outside = 0, total = 0;  // left the filter since the last page; shown but outside it; in it
  const tell = (): void => { shown.textContent = `已显示 ${shownIds.size - outside} / ${total} 项`; };
  const onStatus: OnStatus = (from, to) => {
    if (!status || from === to) return;
    const change = from === status ? 1 : to === status ? -1 : 0;
    sinceLoad += change; outside += change; total -= change;
    tell();
  };
  const load = async (): Promise<void> => {
    more.disabled = true;
    try {
      const start = Math.max(cursors.length - sinceLoad, 0);
      const page = await breaksPage({ law, region: region || null, department, status: status || null }, PAGE,
                                    start > 0 ? cursors[start - 1] ?? null : null);
      cursors.length = start;
      cursors.push(...page.edges.map((e) => e.cursor));
      sinceLoad = 0;
      total = page.totalCount;
      const fresh = page.edges.map((e) => e.node).filter((b) => !shownIds.has(b.id));
      for (const b of fresh) shownIds.add(b.id);
      addCards(cards, groups, fresh, editor, law, onStatus);
      tell();
      more.textContent = "加载更多";
      more.hidden = !page.pageInfo.hasNextPage;
    } catch (err) {
      shown.textContent = `未能加载：${(err as Error).message}`;
      more.textContent = "重试";
      more.hidden = false;
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener("click", () => { void load(); });
  replace(body, ...head, h("section", { class: "department", id: "impact-department" }, h("h2", {}, name),
    h("p", {}, h("label", { for: "impact-status" }, "处理状态"), " ", statusSel, " ", h("a", { href: link("") }, "返回全部部门")),
    cards, shown, more));
  await load();
}

function breakCard(b: Break, editor: boolean, law: string, onStatus?: OnStatus): HTMLElement {
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
        recount(b.departmentId ?? b.departmentName ?? "", b.status, done.setBreakStatus.status);
        onStatus?.(b.status, done.setBreakStatus.status);
        b.status = done.setBreakStatus.status;
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

/** A status set on a card moves one break between the columns of its department's row in the table above. */
function recount(key: string, from: string, to: string): void {
  const row = document.querySelector(`table.departments tr[data-department="${CSS.escape(key)}"]`);
  if (!row || from === to) return;
  for (const [status, change] of [[from, -1], [to, 1]] as const) {
    const cell = row.children[2 + STATUSES.indexOf(status)];
    if (STATUSES.includes(status) && cell) cell.textContent = String(Number(cell.textContent) + change);
  }
}
