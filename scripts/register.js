// Runs TypeScript sources directly under Node (child processes in tests, dev scripts): compiles each .ts
// file with swc on require, using the project's .swcrc, and resolves the @placematch/* path aliases.
const fs = require('fs');
const path = require('path');
const Module = require('module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const alias = /^@placematch\/([^/]+)(\/testing)?$/.exec(request);
  if (alias) {
    request = path.join(root, 'libs', alias[1], 'src', alias[2] ? 'testing' : '');
  }
  const app = /^@app\/([^/]+)$/.exec(request);
  if (app) request = path.join(root, 'apps', app[1], 'src');
  return resolve.call(this, request, parent, ...rest);
};

require.extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...swcrc, filename, swcrc: false, sourceMaps: 'inline' });
  module._compile(code, filename);
};
