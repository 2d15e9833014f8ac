// Regenerates npm_semver_golden.json: node-semver's own verdicts on the
// ranges of deps/npmrange_test.go plus pseudo-random ranges, for
// deps.TestNpmRangeGolden. Run from the repository root with npm's bundled
// semver (or set SEMVER to another copy):
//
//   node testdata/deps/npm_semver_golden.js > testdata/deps/npm_semver_golden.json
const fs = require("fs");
const path = require("path");
const semverDir = process.env.SEMVER || "/usr/lib/node_modules/npm/node_modules/semver";
const semver = require(semverDir);

let seed = 12345; // deterministic LCG
function rnd(n) {
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
  return seed % n;
}
const parts = ["0", "1", "2", "3", "10", "x", "*", "X"];
const pres = ["", "", "", "-0", "-alpha", "-beta.2", "-rc.1", "-alpha.1"];
function partial() {
  const n = 1 + rnd(3);
  const s = [];
  for (let i = 0; i < n; i++) s.push(parts[rnd(parts.length)]);
  let v = s.join(".");
  if (n === 3 && !/[xX*]/.test(v)) v += pres[rnd(pres.length)];
  if (rnd(10) === 0) v = "v" + v;
  return v;
}
const ops = ["", "", "^", "~", ">", ">=", "<", "<=", "=", "~>", "^ ", "> ", ">= "];
function comparator() { return ops[rnd(ops.length)] + partial(); }
function set() {
  if (rnd(6) === 0) return partial() + " - " + partial();
  const n = 1 + rnd(3);
  const c = [];
  for (let i = 0; i < n; i++) c.push(comparator());
  return c.join(" ");
}
function range() {
  const s = [set()];
  if (rnd(4) === 0) s.push(set());
  return s.join(" || ");
}

const testSrc = fs.readFileSync(path.join(__dirname, "../../deps/npmrange_test.go"), "utf8");
const literals = [...testSrc.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(m => JSON.parse('"' + m[1] + '"'))
  .filter(l => l.length < 60 && !l.includes("%") && !l.includes("ParseNpmRange"));
const ranges = new Set(literals.sort());
const target = ranges.size + 1500;
while (ranges.size < target) ranges.add(range());

const versions = ["0.0.0", "0.0.1", "0.0.2", "0.1.0", "0.1.2", "0.2.0", "1.0.0", "1.0.0-0", "1.0.0-alpha", "1.0.1",
  "1.2.0", "1.2.3", "1.2.3-alpha", "1.2.3-beta.2", "1.2.4", "1.3.0", "1.3.0-0", "2.0.0", "2.0.0-alpha", "2.0.0-rc.1",
  "2.1.0", "2.1.3-beta", "3.0.0", "3.0.0-0", "3.1.0", "10.0.0", "10.2.0-alpha", "0.0.3-beta", "0.1.1-alpha.1", "1.1.0"];
const cases = [];
for (const r of ranges) {
  let d = null;
  try { d = new semver.Range(r).range; } catch (e) { d = null; }
  cases.push({ range: r, desugared: d, satisfies: d === null ? [] : versions.filter(v => semver.satisfies(v, r)) });
}
const version = require(path.join(semverDir, "package.json")).version;
process.stdout.write(JSON.stringify({ node_semver: version, versions, cases }, null, 0) + "\n");
