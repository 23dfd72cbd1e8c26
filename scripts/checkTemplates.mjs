// The last step of `npm run build` (and of the tests' compiled copy of src/): check every built-in
// template once, as a start would (compile, render with sample data), and write the texts checked
// beside the compiled loader (<dir>/comms/checked-templates.json). A start then compiles those at
// first use instead of checking them again; a team's template, or a built-in edited after the
// build, is still checked at start. A broken built-in template fails the build with its line.
//   node scripts/checkTemplates.mjs [dir]   (dir: the compiled src/, default dist)
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = path.resolve(process.argv[2] ?? 'dist');
const { writeCheckedTemplates } = await import(pathToFileURL(path.join(dir, 'comms/loadTemplates.js')).href);
try {
  writeCheckedTemplates();
} catch (error) {
  process.stderr.write(`vigil build: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
