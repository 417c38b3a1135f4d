#!/usr/bin/env node
// The `docc2context` bin: runs the built CLI (dist/docc2context.js, `make build`). The version check comes first and
// is written in syntax any Node parses (no static import, no top-level await), so that an older Node
// says what is wrong instead of failing on the module itself.
var major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error('docc2context: Node 22 or newer is needed; this is Node ' + process.versions.node + '.');
  process.exit(1);
} else {
  import('../dist/docc2context.js').then(
    function (cli) {
      return cli.main(process.argv.slice(2)).then(function (code) {
        process.exitCode = code;
      });
    },
    function (error) {
      console.error('docc2context: cannot load dist/ (run `make build`): ' + error.message);
      process.exit(1);
    },
  );
}
