const { execSync } = require('node:child_process');
const { join } = require('node:path');

/**
 * The crash tier runs the built server, as `npm start` does: built once per run from the current
 * sources, before any of its files (the server only: rebuilding the web app would pull it from
 * under a browser test running beside).
 */
module.exports = function buildServer() {
  execSync('npm run build:server', { cwd: join(__dirname, '..', '..'), stdio: 'pipe' });
};
