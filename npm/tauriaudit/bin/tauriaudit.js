#!/usr/bin/env node
// Launcher: runs the native tauriaudit binary from the platform package
// npm installed beside this one (@tauriaudit/<platform>-<arch>, an
// optional dependency whose "os" and "cpu" fields match this machine).
"use strict";

const { spawnSync } = require("child_process");

const supported = [
  "linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "win32-x64", "win32-arm64",
];
const platform = `${process.platform}-${process.arch}`;
const pkg = `@tauriaudit/${platform}`;
const exe = process.platform === "win32" ? "tauriaudit.exe" : "tauriaudit";

function fail(msg) {
  process.stderr.write(`tauriaudit: ${msg}\n`);
  process.exit(2);
}

if (!supported.includes(platform)) {
  fail(`no prebuilt binary for ${platform} (supported: ${supported.join(", ")}); ` +
    "install with Go instead: go install github.com/tauriaudit/tauriaudit/cmd/tauriaudit@latest");
}

let bin;
try {
  bin = require.resolve(`${pkg}/bin/${exe}`);
} catch {
  fail(`the package ${pkg}, which holds the binary for this platform, is not installed. ` +
    "It is an optional dependency of tauriaudit: reinstall without --omit=optional / --no-optional " +
    `(or add ${pkg} at the same version as tauriaudit).`);
}

const r = spawnSync(bin, process.argv.slice(2), { stdio: "inherit", windowsHide: true });
if (r.error) {
  fail(`cannot run ${bin}: ${r.error.message}`);
}
if (r.signal) {
  // Die of the same signal, so a parent sees what the binary saw.
  process.kill(process.pid, r.signal);
}
process.exit(r.status === null ? 1 : r.status);
