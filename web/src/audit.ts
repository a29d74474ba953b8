// 审计 (admins): the audit log, newest first, and the configured API keys (names and roles only).

import { gql } from "./api.js";
import { h, notice, replace } from "./dom.js";

interface Entry { at: string; who: string; role: string; action: string; file: string | null; ok: boolean; errors: number }

export async function auditPage(root: HTMLElement, admin: boolean, after: string): Promise<void> {
  if (!admin) { replace(root, h("h1", {}, "审计"), notice("审计日志只对管理员（admin）开放", "error")); return; }
  replace(root, h("h1", {}, "审计"), notice("加载中…"));
  const data = await gql<{ auditLog: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; entries: Entry[] };
    apiKeys: { name: string; role: string }[] }>(`query ($a: String) { auditLog(first: 50, after: $a) { totalCount
      pageInfo { hasNextPage endCursor } entries { at who role action file ok errors } } apiKeys { name role } }`, { a: after || null });
  const log = data.auditLog;
  replace(root, h("h1", {}, "审计"),
    h("h2", {}, `操作记录（${log.totalCount}）`),
    h("table", { class: "audit" }, h("thead", {}, h("tr", {}, ...["时间", "操作人", "角色", "操作", "对象", "结果"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...log.entries.map((e) => h("tr", {}, h("td", {}, e.at), h("td", {}, e.who), h("td", {}, e.role), h("td", {}, e.action),
        h("td", {}, e.file ?? ""), h("td", {}, e.ok ? "成功" : `失败（${e.errors}）`))))),
    log.pageInfo.hasNextPage && log.pageInfo.endCursor ? h("a", { href: `#/audit?after=${encodeURIComponent(log.pageInfo.endCursor)}` }, "更早的记录") : null,
    h("h2", {}, "API 密钥"), h("ul", {}, ...data.apiKeys.map((k) => h("li", {}, `${k.name}（${k.role}）`))));
}
