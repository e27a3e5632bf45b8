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
// Pyodide's own builds by name, from the package cache folder (the wheel folder) where the test put
// them; a package that is not there would be fetched from the CDN, which an offline run must not do
if (input.preload) {
  const failures = [];
  await py.loadPackage(input.preload, { errorCallback: (m) => failures.push(m), messageCallback: () => {} });
  if (failures.length) {
    console.error("loading Pyodide's packages failed:\n" + failures.join("\n"));
    process.exit(1);
  }
}
py.FS.mkdirTree("/wheels");
py.FS.mount(py.FS.filesystems.NODEFS, { root: wheelDir }, "/wheels");
// the file's own text: a round trip through JavaScript would turn 2020.0 into 2020
py.globals.set("CHECK_INPUT", readFileSync(inputPath, "utf8"));
try {
  const answer = await py.runPythonAsync(readFileSync(checkPath, "utf8"));
  // the answer's own text, untouched (JavaScript would print 4.0 as 4), then what Node adds
  console.log("RESULT " + answer);
  console.log("RUNTIME " + JSON.stringify({ pyodide: py.version, seconds: (Date.now() - t0) / 1000 }));
} catch (err) {
  console.error(String(err.message || err).split("\n").slice(-25).join("\n"));
  process.exit(1);
}
