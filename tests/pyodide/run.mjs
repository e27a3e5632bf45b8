// Runs tests/pyodide/check.py inside Pyodide under Node, offline: the Pyodide core comes from
// the npm package, micropip and every other wheel from a local folder (mounted at /wheels).
// Usage: node run.mjs <pyodide dir> <wheel dir> <check.py> <input.json>
// Prints one line "RESULT <json>" (the check's answer) or exits non-zero with the Python error.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, wheelDir, checkPath, inputPath] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const t0 = Date.now();
// packageCacheDir: a loadPackage by name would look here before the CDN (offline runs never reach it)
const py = await loadPyodide({ indexURL: pyodideDir + "/", packageCacheDir: wheelDir });
const input = JSON.parse(readFileSync(inputPath, "utf8"));
// micropip (and, for micropip < 0.9, packaging) from local wheel files, not from the CDN
await py.loadPackage(input.bootstrap.map((name) => join(wheelDir, name)));
py.FS.mkdirTree("/wheels");
py.FS.mount(py.FS.filesystems.NODEFS, { root: wheelDir }, "/wheels");
py.globals.set("CHECK_INPUT", JSON.stringify(input));
try {
  const answer = await py.runPythonAsync(readFileSync(checkPath, "utf8"));
  console.log("RESULT " + JSON.stringify({ ...JSON.parse(answer), pyodide: py.version, seconds: (Date.now() - t0) / 1000 }));
} catch (err) {
  console.error(String(err.message || err).split("\n").slice(-25).join("\n"));
  process.exit(1);
}
