// The chain behind one break, 法律 → 条款 → 职权 → 裁量基准 → 档次 → 案例, as a tree the user expands node by node
// (each expansion is one GraphQL query for that node's neighbours).

import { gql } from "./api.js";
import { h } from "./dom.js";

export interface ChainNode { kind: string; label: string; load?: () => Promise<ChainNode[]> }

export function tree(nodes: ChainNode[]): HTMLElement {
  return h("ul", { class: "chain", role: "tree" }, ...nodes.map(item));
}

function item(node: ChainNode): HTMLElement {
  const children = h("div", { class: "children" });
  const li = h("li", { role: "treeitem", "aria-expanded": node.load ? "false" : undefined, class: `node node-${node.kind}` });
  const toggle = node.load ? h("button", { type: "button", class: "expand", "aria-label": `展开 ${node.label}`, onclick: async () => {
    if (li.getAttribute("aria-expanded") === "true") { children.replaceChildren(); li.setAttribute("aria-expanded", "false"); toggle?.replaceChildren("＋"); return; }
    toggle?.replaceChildren("…");
    try {
      const found = await (node.load as () => Promise<ChainNode[]>)();
      children.replaceChildren(found.length ? tree(found) : h("p", { class: "empty" }, "（无）"));
      li.setAttribute("aria-expanded", "true");
      toggle?.replaceChildren("－");
    } catch (err) {
      children.replaceChildren(h("p", { class: "notice error" }, (err as Error).message));
      toggle?.replaceChildren("＋");
    }
  } }, "＋") : null;
  li.append(...[toggle, h("span", { class: "kind" }, node.kind), " ", node.label, children].filter((x): x is HTMLElement | string => x !== null));
  return li;
}

interface TierRow { id: string; name: string; conditions: string; cases: { edges: { node: { title: string; date: string | null; fine: number | null } }[] } }
interface BenchmarkRow { id: string; conduct: string; department: { name: string }; tiers: TierRow[] }

function caseNodes(tier: TierRow): ChainNode[] {
  return tier.cases.edges.map((c) => ({ kind: "案例", label: `${c.node.date ?? ""} ${c.node.title}${c.node.fine !== null ? `（罚款 ${c.node.fine} 元）` : ""}` }));
}

function benchmarkNode(b: BenchmarkRow): ChainNode {
  return { kind: "裁量基准", label: `${b.department.name}「${b.conduct}」`, load: async () => b.tiers.map((t) => ({
    kind: "档次", label: `${t.name}：${t.conditions}`, load: async () => caseNodes(t) })) };
}

export function powerNode(id: string, label: string): ChainNode {
  return { kind: "职权", label, load: async () => {
    const data = await gql<{ power: null | { benchmarks: BenchmarkRow[] } }>(`query ($id: String!) { power(id: $id) {
      benchmarks { id conduct department { name } tiers { id name conditions cases(first: 20) { edges { node { title date fine } } } } } } }`, { id });
    return (data.power?.benchmarks ?? []).map(benchmarkNode);
  } };
}

/** The chain of a break: its law version, the old unit, and from there what rests on it. */
export function breakChain(law: string, unitOld: string, powerId: string | null, powerLabel: string): HTMLElement {
  const [version = "", path = ""] = unitOld.split("/");
  const date = version.split("@")[1] ?? "";
  const article = path.split(".")[0] ?? "";
  const unitNode: ChainNode = { kind: "条款", label: unitOld, load: async () => {
    const data = await gql<{ article: null | { label: string; text: string; powers: { edges: { node: { id: string; name: string; department: { name: string } } }[] } } }>(
      `query ($l: String!, $n: String!, $d: Date) { article(law: $l, number: $n, asOf: $d) { label text
        powers(first: 50) { edges { node { id name department { name } } } } } }`, { l: law, n: article, d: date || null });
    const a = data.article;
    if (!a) return [];
    return [{ kind: "条文", label: a.text.length > 120 ? `${a.text.slice(0, 120)}…` : a.text },
      ...a.powers.edges.map((e) => powerNode(e.node.id, `${e.node.department.name}：${e.node.name}`))];
  } };
  const roots: ChainNode[] = [{ kind: "法律", label: version, load: async () => [unitNode] }];
  if (powerId) roots.push(powerNode(powerId, powerLabel));
  return tree(roots);
}
