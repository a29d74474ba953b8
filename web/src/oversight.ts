// 监督: 权力交叉 groups with their evidence (legitimate sharing listed apart), findings by rule (F01–F14) with their
// evidence, and benchmark coverage per department as a bar chart; every item links to its power's page.

import { gql } from "./api.js";
import { h, notice, replace } from "./dom.js";

interface Member { id: string; code: string | null; name: string; department: string; region: string }
interface Pair { a: string; b: string; kind: string; score: number; similarity: number; sharedArticles: string[]; sharedUnits?: { text: string }[]; matchedWords: string[]; legitimate: string | null }
interface Finding { rule: string; description: string; targetKind: string; targetId: string; code: string | null; name: string; department: string; tier: string | null; evidence: string }
interface Coverage { department: string; discretionary: number; covered: number; rate: number; frequent: number; frequentCovered: number }

function powerLink(id: string, text: string): HTMLElement {
  return h("a", { href: `#/power/${encodeURIComponent(id)}` }, text);
}

export async function oversightPage(root: HTMLElement, region: string, rule: string): Promise<void> {
  const regionInput = h("input", { id: "ov-region", value: region, placeholder: "如 青禾县（可选）" });
  const ruleInput = h("select", { id: "ov-rule" }, h("option", { value: "" }, "全部规则"),
    ...Array.from({ length: 14 }, (_, i) => `F${String(i + 1).padStart(2, "0")}`).map((r) => h("option", { value: r, selected: r === rule }, r)));
  const form = h("form", { onsubmit: (e: Event) => { e.preventDefault();
      location.hash = `#/oversight?region=${encodeURIComponent(regionInput.value.trim())}&rule=${ruleInput.value}`; } },
    h("label", { for: "ov-region" }, "地区"), regionInput, h("label", { for: "ov-rule" }, "规则"), ruleInput, h("button", { type: "submit" }, "检查"));
  replace(root, h("h1", {}, "监督"), form, notice("加载中…"));
  const data = await gql<{ overlaps: { groups: { id: string; kinds: string[]; departments: string[]; members: Member[]; pairs: Pair[] }[]; legitimate: Pair[] };
    findings: Finding[]; coverage: Coverage[] }>(`query ($r: String, $f: String) {
      overlaps(region: $r) { groups { id kinds departments members { id code name department region }
        pairs { a b kind score similarity sharedArticles sharedUnits { text } matchedWords legitimate } }
        legitimate { a b kind score similarity sharedArticles matchedWords legitimate } }
      findings(region: $r, rule: $f) { rule description targetKind targetId code name department tier evidence }
      coverage(region: $r) { department discretionary covered rate frequent frequentCovered } }`,
    { r: region || null, f: rule || null });
  const names = new Map<string, Member>();
  for (const g of data.overlaps.groups) for (const m of g.members) names.set(m.id, m);
  const label = (id: string): string => { const m = names.get(id); return m ? `${m.department} ${m.code ?? ""} ${m.name}` : id; };
  const byRule = new Map<string, Finding[]>();
  for (const f of data.findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  replace(root, h("h1", {}, "监督"), form,
    h("h2", {}, `权力交叉（${data.overlaps.groups.length} 组）`),
    data.overlaps.groups.length === 0 ? h("p", {}, "未发现") : h("div", {}, ...data.overlaps.groups.map((g) => h("section", { class: "overlap" },
      h("h3", {}, `${g.kinds.join("、")}：${g.departments.join(" / ")}`),
      h("ul", {}, ...g.members.map((m) => h("li", {}, powerLink(m.id, `${m.department} ${m.code ?? ""} ${m.name}`)))),
      h("ul", { class: "evidence" }, ...g.pairs.map((p) => h("li", {}, `${p.kind}：${label(p.a)} ↔ ${label(p.b)}；共同依据 ${(p.sharedUnits ?? []).map((u) => u.text).join("、") || p.sharedArticles.join("、") || "无"}；相似度 ${p.similarity.toFixed(2)}${p.matchedWords.length ? `；相同用语 ${p.matchedWords.join("、")}` : ""}`)))))),
    h("h2", {}, `合法的共享（${data.overlaps.legitimate.length}）`),
    data.overlaps.legitimate.length === 0 ? h("p", {}, "无") : h("ul", {}, ...data.overlaps.legitimate.map((p) => h("li", {}, `${p.a} ↔ ${p.b}：${p.legitimate ?? ""}`))),
    h("h2", {}, `合法性检查（${data.findings.length} 项）`),
    ...[...byRule].sort(([a], [b]) => a.localeCompare(b)).map(([r, rows]) => h("details", { class: "rule" },
      h("summary", {}, `${r} ${rows[0]?.description ?? ""}（${rows.length}）`),
      h("table", {}, h("thead", {}, h("tr", {}, ...["对象", "部门", "依据"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, ...rows.map((f) => h("tr", {},
          h("td", {}, f.targetKind === "power" ? powerLink(f.targetId, `${f.code ?? ""} ${f.name}`) : `${f.code ?? ""} ${f.name}${f.tier ? `（${f.tier}）` : ""}`),
          h("td", {}, f.department), h("td", {}, f.evidence))))))),
    h("h2", {}, "裁量基准覆盖率"),
    h("table", { class: "coverage" },
      h("thead", {}, h("tr", {}, ...["部门", "有裁量的职权", "有基准", "覆盖率", "高频事项覆盖"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...data.coverage.map((c) => h("tr", {},
        h("td", {}, c.department), h("td", {}, c.discretionary), h("td", {}, c.covered),
        h("td", {}, h("span", { class: "bar", role: "img", "aria-label": `覆盖率 ${(c.rate * 100).toFixed(0)}%` },
          h("span", { class: `fill w${Math.round(c.rate * 20) * 5}` })), ` ${(c.rate * 100).toFixed(0)}%`),
        h("td", {}, `${c.frequentCovered} / ${c.frequent}`))))));
}
