/**
 * Preloaded (NODE_OPTIONS=--require) by scripts/node24.sh for the unit tests on Node 24: every load
 * of better-sqlite3's native addon from node_modules (built for the machine's Node 20) gets the copy
 * built for Node 24 in SIGHTLINE_SQLITE_ADDON instead, in this process and in the processes it
 * starts. node_modules itself is left as it is. Not used by the server: the standalone folder that
 * runs on Node 24 carries its own addon (scripts/build-standalone.sh).
 */
"use strict";
const Module = require("node:module");
const addon = process.env.SIGHTLINE_SQLITE_ADDON;
if (addon) {
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    if (typeof request === "string" && /better-sqlite3[\\/]build[\\/]Release[\\/]better_sqlite3\.node$/.test(request)) return addon;
    return resolve.call(this, request, ...rest);
  };
}
