// 导入 (editors): upload a statute, power list, benchmark table, 三张清单 or case file; the result lists every row
// error (file, sheet, row, column, what to do) and what was written — the good rows load, nothing is lost.

import { upload } from "./api.js";
import { h, notice, replace } from "./dom.js";

const KINDS: Record<string, string> = { statute: "法规文本", powers: "权责清单", benchmarks: "裁量基准", lists: "三张清单", cases: "典型案例" };

interface Result {
  __typename: "ImportSuccess" | "ImportFailure"; kind: string; records?: number; written?: number; unchanged?: number;
  warnings?: string[]; problems?: { where: string; message: string }[]; loaded?: number;
}
const FIELDS = `__typename ... on ImportSuccess { kind records written unchanged warnings }
  ... on ImportFailure { kind problems { where message } loaded }`;

export function importPage(root: HTMLElement, editor: boolean): void {
  if (!editor) { replace(root, h("h1", {}, "导入"), notice("导入需要编辑（editor）权限", "error")); return; }
  const kind = h("select", { id: "im-kind" }, ...Object.entries(KINDS).map(([k, t]) => h("option", { value: k }, t)));
  const file = h("input", { id: "im-file", type: "file", required: true, accept: ".md,.txt,.docx,.csv,.tsv,.xlsx,.xls,.json,.jsonl" });
  const region = h("input", { id: "im-region", placeholder: "表中没有行政区划列时填写，如 江北省/临川市/青禾县" });
  const department = h("input", { id: "im-dept", placeholder: "表中没有实施主体列时填写" });
  const effective = h("input", { id: "im-effective", type: "date" });
  const listKind = h("select", { id: "im-list" }, h("option", { value: "" }, "（按表中清单类型）"),
    ...["不予处罚", "减轻处罚", "从轻处罚"].map((k) => h("option", { value: k }, k)));
  const result = h("div", { id: "import-result", "aria-live": "polite" });
  const form = h("form", { class: "import", onsubmit: async (e: Event) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return;
    replace(result, notice("上传中…"));
    try {
      let done: Result;
      if (kind.value === "statute") {
        done = (await upload<{ uploadStatute: Result }>(`mutation ($file: Upload!) { uploadStatute(file: $file) { ${FIELDS} } }`, {}, chosen)).uploadStatute;
      } else {
        done = (await upload<{ uploadTable: Result }>(`mutation ($file: Upload!, $k: String!, $r: String, $d: String, $e: Date, $l: String) {
          uploadTable(kind: $k, file: $file, region: $r, department: $d, effective: $e, listKind: $l) { ${FIELDS} } }`,
        { k: kind.value, r: region.value.trim() || null, d: department.value.trim() || null, e: effective.value || null, l: listKind.value || null }, chosen)).uploadTable;
      }
      show(result, chosen.name, done);
    } catch (err) {
      replace(result, notice(`上传失败：${(err as Error).message}`, "error"));
    }
  } },
    h("label", { for: "im-kind" }, "类型"), kind, h("label", { for: "im-file" }, "文件"), file,
    h("label", { for: "im-region" }, "地区"), region, h("label", { for: "im-dept" }, "部门"), department,
    h("label", { for: "im-effective" }, "施行日期"), effective, h("label", { for: "im-list" }, "清单类型"), listKind,
    h("button", { type: "submit" }, "上传"));
  replace(root, h("h1", {}, "导入"), h("p", {}, "坏行逐行列出（文件、工作表、行、列及修改方法），其余各行照常写入。"), form, result);
}

function show(into: HTMLElement, name: string, r: Result): void {
  if (r.__typename === "ImportSuccess") {
    replace(into, h("p", { class: "notice", role: "status" }, `「${name}」已导入：${r.records ?? 0} 条记录，写入 ${r.written ?? 0}，未变 ${r.unchanged ?? 0}`),
      r.warnings && r.warnings.length ? h("details", {}, h("summary", {}, `${r.warnings.length} 条提示`), h("ul", {}, ...r.warnings.map((w) => h("li", {}, w)))) : null);
    return;
  }
  const problems = r.problems ?? [];
  replace(into, h("p", { class: "notice error", role: "alert" }, `「${name}」有 ${problems.length} 处错误；其余 ${r.loaded ?? 0} 条已写入`),
    h("table", { class: "problems" }, h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "位置"), h("th", { scope: "col" }, "问题"))),
      h("tbody", {}, ...problems.map((p) => h("tr", {}, h("td", {}, p.where), h("td", {}, p.message))))));
}
