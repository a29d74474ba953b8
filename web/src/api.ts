// The one way the workbench gets data: lawgraph's own GraphQL API, with the session cookie and its CSRF token.

export class ApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

function csrf(): string {
  const found = document.cookie.split("; ").find((c) => c.startsWith("lg_csrf="));
  return found ? decodeURIComponent(found.slice("lg_csrf=".length)) : "";
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}, endpoint = "/graphql"): Promise<T> {
  const answer = await fetch(endpoint, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
    body: JSON.stringify({ query, variables }),
  });
  let body: { data?: T; errors?: { message: string }[] };
  try {
    body = (await answer.json()) as typeof body;
  } catch {
    throw new ApiError(`the server answered ${answer.status} without data`, answer.status);
  }
  if (body.errors && body.errors.length > 0) {
    throw new ApiError(body.errors.map((e) => e.message).join("; "), answer.status);
  }
  if (!answer.ok || body.data === undefined) {
    throw new ApiError(`the server answered ${answer.status}`, answer.status);
  }
  return body.data;
}

export async function login(key: string): Promise<{ name: string; role: string }> {
  const answer = await fetch("/login", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ key }),
  });
  const body = (await answer.json()) as { name?: string; role?: string; error?: string };
  if (!answer.ok || !body.name || !body.role) throw new ApiError(body.error ?? "login failed", answer.status);
  return { name: body.name, role: body.role };
}

export async function logout(): Promise<void> {
  await fetch("/logout", { method: "POST", credentials: "same-origin", headers: { "X-CSRF-Token": csrf() } });
}

/** A GraphQL mutation with one file (the multipart request spec): the file goes in as `$file`. */
export async function upload<T>(query: string, variables: Record<string, unknown>, file: File): Promise<T> {
  const form = new FormData();
  form.append("operations", JSON.stringify({ query, variables: { ...variables, file: null } }));
  form.append("map", JSON.stringify({ 0: ["variables.file"] }));
  form.append("0", file, file.name);
  const answer = await fetch("/graphql", { method: "POST", credentials: "same-origin", headers: { "X-CSRF-Token": csrf() }, body: form });
  let body: { data?: T; errors?: { message: string }[] };
  try {
    body = (await answer.json()) as typeof body;
  } catch {
    throw new ApiError(`the server answered ${answer.status} without data`, answer.status);
  }
  if (body.errors && body.errors.length > 0) throw new ApiError(body.errors.map((e) => e.message).join("; "), answer.status);
  if (!answer.ok || body.data === undefined) throw new ApiError(`the server answered ${answer.status}`, answer.status);
  return body.data;
}
