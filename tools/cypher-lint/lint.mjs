// Lints every .cypher file under the given folder (default ../../lawgraph/cypher) with Neo4j's linter.
// Parameters come from each file's `// params:` header line; any diagnostic (error or warning,
// deprecations included) fails the run.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.argv[2] ?? join(here, '..', '..', 'lawgraph', 'cypher'));

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return name.endsWith('.cypher') ? [path] : [];
  });
}

function declaredParams(text) {
  const line = text.split('\n').find((l) => /^\/\/\s*params:/.test(l.trim()));
  if (!line) return null;
  const params = {};
  for (const m of line.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) params[m[1]] = null;
  return params;
}

const files = walk(root).sort();
let failures = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const name = relative(root, file);
  const params = declaredParams(text);
  if (params === null) {
    console.log(`${name}: missing the '// params:' header line (write '// params: none' when there are none)`);
    failures += 1;
    continue;
  }
  const { diagnostics } = lintCypherQuery(text, { parameters: params });
  for (const d of diagnostics) {
    const kind = d.severity === 1 ? 'error' : 'warning';
    console.log(`${name}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${kind}: ${d.message}`);
    failures += 1;
  }
}
console.log(`cypher lint: ${files.length} files, ${failures} problems`);
process.exit(failures ? 1 : 0);
