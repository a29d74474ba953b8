// 公示: the public, anonymous, read-only 职权目录 — each power's basis, its benchmark in force and its 流程图.
// Its own schema at /public/graphql; no link leads anywhere else.

import { gql } from "./api.js";
import { h, notice, replace } from "./dom.js";

const CATEGORIES = ["行政许可", "行政处罚", "行政征收", "行政确认", "行政给付", "行政裁决", "行政强制", "行政监督检查",
  "非行政许可审批", "行政事业性收费", "重大事项决策", "内部管理", "其他"];
const ENDPOINT = "/public/graphql";
const main = document.getElementById("main") as HTMLElement;

interface Range { min: number | null; max: number | null; base: string | null }
interface PublicPower {
  id: string; code: string | null; name: string; category: string; department: string; region: string; timeLimit: string | null;
  subItems: string[]; bases: { text: string; role: string | null; unitText: string | null }[]; steps: { name: string; timeLimit: string | null }[];
  benchmark: null | { conduct: string; effective: string | null; department: string;
    tiers: { name: string; conditions: string; outcome: string; penaltyTypes: string[]; fine: Range | null; multiple: Range | null; percent: Range | null }[] };
}

function range(r: Range | null, unit: string): string {
  if (!r || (r.min === null && r.max === null)) return "";
  return `${r.base ? `${r.base}的` : ""}${r.min ?? "—"}–${r.max ?? "—"}${unit}`;
}

async function directory(category: string, search: string, after: string): Promise<void> {
  const cat = h("select", { id: "pub-cat" }, h("option", { value: "" }, "全部类别"), ...CATEGORIES.map((c) => h("option", { value: c, selected: c === category }, c)));
  const text = h("input", { id: "pub-q", type: "search", value: search, placeholder: "名称或编码" });
  const form = h("form", { role: "search", onsubmit: (e: Event) => { e.preventDefault();
      location.hash = `#/?${new URLSearchParams({ category: cat.value, q: text.value.trim() }).toString()}`; } },
    h("label", { for: "pub-cat" }, "类别"), cat, h("label", { for: "pub-q" }, "搜索"), text, h("button", { type: "submit" }, "查询"));
  replace(main, h("h1", {}, "行政职权目录（公示）"), form, notice("加载中…"));
  const data = await gql<{ powers: { totalCount: number; hasNextPage: boolean; endCursor: string | null; powers: PublicPower[] } }>(
    `query ($c: String, $q: String, $a: String) { powers(category: $c, search: $q, first: 50, after: $a) {
       totalCount hasNextPage endCursor powers { id code name category department region } } }`,
    { c: category || null, q: search || null, a: after || null }, ENDPOINT);
  const page = data.powers;
  replace(main, h("h1", {}, "行政职权目录（公示）"), form,
    h("p", { role: "status", id: "public-count" }, `共 ${page.totalCount} 项`),
    h("table", { class: "powers" },
      h("thead", {}, h("tr", {}, ...["编码", "名称", "类别", "实施主体"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...page.powers.map((p) => h("tr", {}, h("td", {}, p.code ?? "—"),
        h("td", {}, h("a", { href: `#/power/${encodeURIComponent(p.id)}` }, p.name)), h("td", {}, p.category), h("td", {}, p.department))))),
    page.hasNextPage && page.endCursor ? h("a", { href: `#/?${new URLSearchParams({ category, q: search, after: page.endCursor }).toString()}` }, "下一页") : null);
}

async function power(id: string): Promise<void> {
  replace(main, notice("加载中…"));
  const data = await gql<{ power: PublicPower | null }>(`query ($id: String!) { power(id: $id) {
    id code name category department region timeLimit subItems bases { text role unitText } steps { name timeLimit }
    benchmark { conduct effective department tiers { name conditions outcome penaltyTypes fine { min max base }
      multiple { min max base } percent { min max base } } } } }`, { id }, ENDPOINT);
  const p = data.power;
  if (!p) { replace(main, h("p", {}, h("a", { href: "#/" }, "← 职权目录")), notice("没有这项职权", "error")); return; }
  replace(main, h("p", {}, h("a", { href: "#/" }, "← 职权目录")), h("h1", {}, p.name),
    h("p", {}, `${p.code ?? "无编码"} · ${p.category} · ${p.department}（${p.region}）${p.timeLimit ? ` · 办理时限 ${p.timeLimit}` : ""}`),
    p.subItems.length ? h("section", {}, h("h2", {}, "子项"), h("ul", {}, ...p.subItems.map((s) => h("li", {}, s)))) : null,
    h("section", {}, h("h2", {}, "依据"), h("ul", { class: "bases" }, ...p.bases.map((b) => h("li", {}, h("strong", {}, b.text), ` ${b.role ?? ""}`,
      b.unitText ? h("blockquote", {}, b.unitText) : null)))),
    h("section", {}, h("h2", {}, "裁量基准"), p.benchmark ? h("div", {},
      h("p", {}, `${p.benchmark.department}「${p.benchmark.conduct}」${p.benchmark.effective ? `，${p.benchmark.effective} 施行` : ""}`),
      h("table", { class: "tiers" }, h("thead", {}, h("tr", {}, ...["档次", "情节", "处罚种类", "幅度", "结果"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, ...p.benchmark.tiers.map((t) => h("tr", {}, h("td", {}, t.name), h("td", {}, t.conditions), h("td", {}, t.penaltyTypes.join("、")),
          h("td", {}, [range(t.fine, "元"), range(t.multiple, "倍"), range(t.percent, "%")].filter(Boolean).join("；")), h("td", {}, t.outcome)))))) : h("p", {}, "无")),
    h("section", {}, h("h2", {}, "流程图"), p.steps.length === 0 ? h("p", {}, "未登记办理流程") :
      h("ol", { class: "flow", "aria-label": "办理流程" }, ...p.steps.map((s) => h("li", {}, h("strong", {}, s.name), s.timeLimit ? h("span", { class: "limit" }, s.timeLimit) : null)))));
}

async function route(): Promise<void> {
  const [path = "", query = ""] = location.hash.replace(/^#/, "").split("?");
  const q = new URLSearchParams(query);
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  try {
    if (parts[0] === "power" && parts[1]) await power(parts[1]);
    else await directory(q.get("category") ?? "", q.get("q") ?? "", q.get("after") ?? "");
    const heading = main.querySelector("h1");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  } catch (err) {
    replace(main, notice(`出错了：${(err as Error).message}`, "error"));
  }
}

window.addEventListener("hashchange", () => { void route(); });
void route();
