// 职权目录: powers by region and department, filtered by the 13 categories, the status of their bases and text;
// a power's page with its bases (the unit's text), sub-items, delegation, the benchmark in force as a table of
// tiers, 三张清单 entries, cases and its 流程图 drawn from the stored flow steps.

import { gql } from "./api.js";
import { h, notice, replace } from "./dom.js";

const CATEGORIES = ["行政许可", "行政处罚", "行政征收", "行政确认", "行政给付", "行政裁决", "行政强制", "行政监督检查",
  "非行政许可审批", "行政事业性收费", "重大事项决策", "内部管理", "其他"];
const STATUSES: Record<string, string> = { current: "依据现行有效", outdated: "依据已被修改", open: "依据未能解析" };
const BASIS_STATUS: Record<string, string> = { resolved: "现行", stale: "已修改" };

interface PowerRow { id: string; code: string | null; name: string; category: string; confidential: boolean; department: { name: string } }
interface Region { id: string; level: string; departments: { id: string; name: string }[] }

export interface PowerFilters { region: string; department: string; category: string; status: string; q: string; after: string }

export async function powersPage(root: HTMLElement, f: PowerFilters): Promise<void> {
  replace(root, h("h1", {}, "职权目录"), notice("加载中…"));
  const regions = (await gql<{ regions: Region[] }>("{ regions { id level departments { id name } } }")).regions;
  const select = (id: string, label: string, value: string, options: [string, string][]): [HTMLLabelElement, HTMLSelectElement] => [
    h("label", { for: id }, label),
    h("select", { id }, h("option", { value: "" }, "全部"), ...options.map(([v, text]) => h("option", { value: v, selected: v === value }, text)))];
  const [regionLabel, region] = select("pw-region", "地区", f.region, regions.map((r) => [r.id, r.id]));
  const departments = regions.filter((r) => !f.region || r.id === f.region || r.id.startsWith(`${f.region}/`)).flatMap((r) => r.departments);
  const [deptLabel, department] = select("pw-dept", "部门", f.department, departments.map((d) => [d.id, d.name]));
  const [catLabel, category] = select("pw-cat", "类别", f.category, CATEGORIES.map((c) => [c, c]));
  const [statusLabel, status] = select("pw-status", "依据状态", f.status, Object.entries(STATUSES));
  const text = h("input", { id: "pw-q", type: "search", value: f.q, placeholder: "名称或编码" });
  const form = h("form", { role: "search", onsubmit: (e: Event) => { e.preventDefault();
      const q = new URLSearchParams({ region: region.value, department: department.value, category: category.value, status: status.value, q: text.value.trim() });
      location.hash = `#/powers?${q.toString()}`; } },
    regionLabel, region, deptLabel, department, catLabel, category, statusLabel, status,
    h("label", { for: "pw-q" }, "搜索"), text, h("button", { type: "submit" }, "筛选"));
  const data = await gql<{ powers: { totalCount: number; edges: { node: PowerRow }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(
    `query ($r: String, $d: String, $c: String, $s: String, $q: String, $a: String) {
       powers(region: $r, department: $d, category: $c, status: $s, search: $q, first: 50, after: $a) {
         totalCount edges { node { id code name category confidential department { name } } } pageInfo { hasNextPage endCursor } } }`,
    { r: f.region || null, d: f.department || null, c: f.category || null, s: f.status || null, q: f.q || null, a: f.after || null });
  const rows = data.powers.edges.map((e) => e.node);
  const more = data.powers.pageInfo.hasNextPage && data.powers.pageInfo.endCursor
    ? h("a", { id: "next-page", href: `#/powers?${new URLSearchParams({ ...f, after: data.powers.pageInfo.endCursor }).toString()}` }, "下一页") : null;
  const filters = new URLSearchParams({ ...(f.region ? { region: f.region } : {}), ...(f.department ? { department: f.department } : {}),
    ...(f.category ? { category: f.category } : {}) }).toString();
  const download = (form: string, title: string): HTMLElement => h("a", { href: `/download/powers.xlsx?form=${form}${filters ? `&${filters}` : ""}`, download: "" }, title);
  replace(root, h("h1", {}, "职权目录"), form,
    h("p", { class: "downloads" }, "下载（.xlsx）：", download("catalogue", "《行政职权目录》"), " ", download("bases", "《项目职权依据明细表》"), " ",
      download("statistics", "《行政职权统计表》")),
    h("p", { role: "status", id: "power-count" }, `共 ${data.powers.totalCount} 项`),
    h("table", { class: "powers" },
      h("thead", {}, h("tr", {}, ...["编码", "名称", "类别", "部门"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...rows.map((p) => h("tr", {},
        h("td", {}, p.code ?? "—"),
        h("td", {}, h("a", { href: `#/power/${encodeURIComponent(p.id)}` }, p.name), p.confidential ? h("span", { class: "secret" }, " 涉密") : null),
        h("td", {}, p.category), h("td", {}, p.department.name))))),
    more);
}

interface Range { min: number | null; max: number | null; base: string | null }
interface Tier { name: string; conditions: string; outcome: string; penaltyTypes: string[]; fine: Range | null; multiple: Range | null; percent: Range | null }
interface PowerPage {
  id: string; code: string | null; name: string; category: string; subItems: string[]; timeLimit: string | null;
  confidential: boolean; department: { name: string; regionId: string };
  steps: { name: string; timeLimit: string | null }[];
  bases: { unit: string; text: string; role: string | null; status: string; unitText: string | null }[];
  openBases: { text: string | null; status: string; reason: string | null }[];
  delegations: { region: string; kind: string; act: string | null; date: string | null }[];
  lists: { kind: string; conduct: string }[];
  cases: { totalCount: number; edges: { node: { title: string; date: string | null; fine: number | null; tierName: string | null } }[] };
  effectiveBenchmark: null | { how: string; region: string; benchmark: { conduct: string; effective: string | null; department: { name: string }; tiers: Tier[] } };
}

function range(r: Range | null, unit: string): string {
  if (!r || (r.min === null && r.max === null)) return "";
  const base = r.base ? `${r.base}的` : "";
  return `${base}${r.min ?? "—"}–${r.max ?? "—"}${unit}`;
}

/** The article page of a unit id (law@date/47.1 → 第四十七条 of that version). */
function articleHref(unit: string): string {
  const [version = "", path = ""] = unit.split("/");
  const [law = "", date = ""] = version.split("@");
  return `#/article/${encodeURIComponent(law)}/${path.split(".")[0] ?? ""}${date && date !== "undated" ? `?asOf=${date}` : ""}`;
}

export async function powerPage(root: HTMLElement, id: string): Promise<void> {
  replace(root, notice("加载中…"));
  const data = await gql<{ power: PowerPage | null }>(`query ($id: String!) { power(id: $id) {
    id code name category subItems timeLimit confidential department { name regionId }
    steps { name timeLimit } bases { unit text role status unitText } openBases { text status reason }
    delegations { region kind act date } lists { kind conduct }
    cases(first: 20) { totalCount edges { node { title date fine tierName } } }
    effectiveBenchmark { how region benchmark { conduct effective department { name }
      tiers { name conditions outcome penaltyTypes fine { min max base } multiple { min max base } percent { min max base } } } } } }`, { id });
  const p = data.power;
  if (!p) { replace(root, notice("没有这项职权（或无权查看）", "error")); return; }
  const bench = p.effectiveBenchmark;
  replace(root,
    h("p", {}, h("a", { href: "#/powers" }, "← 职权目录")),
    h("h1", {}, p.name),
    h("p", {}, `${p.code ?? "无编码"} · ${p.category} · ${p.department.name}（${p.department.regionId}）${p.timeLimit ? ` · 办理时限 ${p.timeLimit}` : ""}${p.confidential ? " · 涉密" : ""}`),
    p.subItems.length ? h("section", {}, h("h2", {}, "子项"), h("ul", {}, ...p.subItems.map((s) => h("li", {}, s)))) : null,
    h("section", {}, h("h2", {}, "依据"),
      h("ul", { class: "bases" }, ...p.bases.map((b) => h("li", {},
        h("strong", {}, h("a", { href: articleHref(b.unit) }, b.text)), ` ${b.role ?? ""} `, h("span", { class: `basis-${b.status}` }, BASIS_STATUS[b.status] ?? b.status),
        b.unitText ? h("blockquote", {}, b.unitText) : null)),
        ...p.openBases.map((o) => h("li", { class: "open-basis" }, `${o.text ?? ""}：未能解析（${o.reason ?? o.status}）`)))),
    p.delegations.length ? h("section", {}, h("h2", {}, "委托 / 赋权"), h("ul", {}, ...p.delegations.map((d) =>
      h("li", {}, `${d.kind}：${d.region}${d.act ? `，${d.act}` : ""}${d.date ? `（${d.date}）` : ""}`)))) : null,
    h("section", {}, h("h2", {}, "裁量基准"), bench ? h("div", {},
      h("p", {}, `${bench.benchmark.department.name}「${bench.benchmark.conduct}」${bench.benchmark.effective ? `，${bench.benchmark.effective} 施行` : ""}（${bench.how}，${bench.region}）`),
      h("table", { class: "tiers" },
        h("thead", {}, h("tr", {}, ...["档次", "情节", "处罚种类", "幅度", "结果"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, ...bench.benchmark.tiers.map((t) => h("tr", {},
          h("td", {}, t.name), h("td", {}, t.conditions), h("td", {}, t.penaltyTypes.join("、")),
          h("td", {}, [range(t.fine, "元"), range(t.multiple, "倍"), range(t.percent, "%")].filter(Boolean).join("；")),
          h("td", {}, t.outcome)))))) : h("p", {}, "没有施行中的裁量基准")),
    p.lists.length ? h("section", {}, h("h2", {}, "三张清单"), h("ul", {}, ...p.lists.map((l) => h("li", {}, `${l.kind}：${l.conduct}`)))) : null,
    h("section", {}, h("h2", {}, `典型案例（${p.cases.totalCount}）`), p.cases.totalCount === 0 ? h("p", {}, "无") :
      h("ul", {}, ...p.cases.edges.map((c) => h("li", {}, `${c.node.date ?? ""} ${c.node.title}${c.node.tierName ? `（${c.node.tierName}）` : ""}${c.node.fine !== null ? ` 罚款 ${c.node.fine} 元` : ""}`)))),
    h("section", {}, h("h2", {}, "流程图"), p.steps.length === 0 ? h("p", {}, "未登记办理流程") :
      h("ol", { class: "flow", "aria-label": "办理流程" }, ...p.steps.map((s) => h("li", {}, h("strong", {}, s.name), s.timeLimit ? h("span", { class: "limit" }, s.timeLimit) : null)))));
}
