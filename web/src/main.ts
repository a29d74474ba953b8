// The workbench shell: who is logged in (GraphQL `me`), the login form, the navigation and the pages by route
// (#/laws, #/law/TITLE, #/article/TITLE/N, #/impact).

import { ApiError, gql, login, logout } from "./api.js";
import { h, notice, replace } from "./dom.js";
import { auditPage } from "./audit.js";
import { comparePage } from "./compare.js";
import { documentPage, documentsPage } from "./documents.js";
import { impactPage } from "./impact.js";
import { articlePage, lawPage, lawsPage } from "./laws.js";
import { importPage } from "./imports.js";
import { oversightPage } from "./oversight.js";
import { powerPage, powersPage } from "./powers.js";

interface Me { name: string; role: string }

const main = document.getElementById("main") as HTMLElement;
const nav = document.getElementById("nav") as HTMLElement;
let me: Me | null = null;

function loginForm(message = ""): void {
  const key = h("input", { id: "api-key", type: "password", autocomplete: "current-password", required: true });
  const error = h("p", { id: "login-error", role: "alert", class: "notice error" }, message);
  const form = h("form", { id: "login", onsubmit: async (e: Event) => {
    e.preventDefault();
    try {
      me = await login(key.value);
      navigation(me);
      if (location.hash === "#/laws") await route();
      else location.hash = "#/laws";  // the hashchange routes
    } catch (err) {
      error.textContent = (err as Error).message;
    }
  } }, h("label", { for: "api-key" }, "API 密钥"), key, h("button", { type: "submit" }, "登录"));
  replace(nav);
  replace(main, h("h1", {}, "执法工作台 · 登录"), form, error);
  key.focus();
}

function navigation(user: Me): void {
  replace(nav,
    h("a", { href: "#/laws" }, "法规"), " ", h("a", { href: "#/compare" }, "新旧对照"), " ",
    h("a", { href: "#/impact" }, "修法影响"), " ", h("a", { href: "#/powers" }, "职权目录"), " ",
    h("a", { href: "#/oversight" }, "监督"), " ", h("a", { href: "#/documents" }, "规范性文件"), " ",
    user.role !== "reader" ? h("a", { href: "#/import" }, "导入") : null, " ",
    user.role === "admin" ? h("a", { href: "#/audit" }, "审计") : null, " ",
    h("span", { class: "who" }, `${user.name}（${user.role}）`), " ",
    h("button", { id: "logout", type: "button", onclick: async () => { await logout(); me = null; location.hash = ""; loginForm("已退出"); } }, "退出"));
}

function params(query: string): URLSearchParams {
  return new URLSearchParams(query);
}

let routed = 0;  // the newest navigation: an older page that finishes loading later draws into a detached view

async function route(): Promise<void> {
  if (!me) return;
  const seq = ++routed;
  const view = h("div", { class: "view" });
  replace(main, view);
  const [path = "", query = ""] = location.hash.replace(/^#/, "").split("?");
  const q = params(query);
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  for (const link of nav.querySelectorAll("a")) {
    link.toggleAttribute("aria-current", (link.getAttribute("href") ?? "").startsWith(`#/${parts[0] ?? "laws"}`));
  }
  try {
    if (parts[0] === "law" && parts[1]) await lawPage(view, parts[1], q.get("asOf") ?? "");
    else if (parts[0] === "article" && parts[1] && parts[2]) await articlePage(view, parts[1], parts[2], q.get("asOf") ?? "");
    else if (parts[0] === "compare") await comparePage(view, q.get("law") ?? "", q.get("from") ?? "", q.get("to") ?? "", q.get("changed") === "1", me.role !== "reader");
    else if (parts[0] === "powers") await powersPage(view, { region: q.get("region") ?? "", department: q.get("department") ?? "",
      category: q.get("category") ?? "", status: q.get("status") ?? "", q: q.get("q") ?? "", after: q.get("after") ?? "" });
    else if (parts[0] === "power" && parts[1]) await powerPage(view, parts[1]);
    else if (parts[0] === "documents") await documentsPage(view, q.get("q") ?? "");
    else if (parts[0] === "document" && parts[1]) await documentPage(view, parts[1]);
    else if (parts[0] === "import") importPage(view, me.role !== "reader");
    else if (parts[0] === "audit") await auditPage(view, me.role === "admin", q.get("after") ?? "");
    else if (parts[0] === "oversight") await oversightPage(view, q.get("region") ?? "", q.get("rule") ?? "");
    else if (parts[0] === "impact") await impactPage(view, q.get("law") ?? "", q.get("region") ?? "", q.get("from") ?? "", q.get("to") ?? "",
      me.role !== "reader", q.get("department") ?? "", q.get("status") ?? "");
    else await lawsPage(view, q.get("q") ?? "", q.get("level") ?? "", q.get("text") ?? "");
    const heading = view.querySelector("h1");
    if (heading && seq === routed) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) { me = null; loginForm("登录已过期，请重新登录"); return; }
    if (seq === routed) replace(view, notice(`出错了：${(err as Error).message}`, "error"));
  }
}

async function start(): Promise<void> {
  if (!document.cookie.split("; ").some((c) => c.startsWith("lg_csrf="))) { loginForm(); return; }  // no session
  try {
    me = (await gql<{ me: Me }>("{ me { name role } }")).me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) { loginForm(); return; }
    replace(main, notice(`无法连接服务：${(err as Error).message}`, "error"));
    return;
  }
  navigation(me);
  await route();
}

window.addEventListener("hashchange", () => { void route(); });
void start();
