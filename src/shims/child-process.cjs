// commander requires node:child_process at load time, only to run external subcommands, which crss
// never has. Loading it (and node:net behind it) costs ~10 ms of start-up, so the bundle gets this
// stand-in, which loads the real module only if something actually uses it.
'use strict';
// A computed name, so that the bundler does not send this require back to the stand-in itself.
const REAL = ['node', 'child_process'].join(':');
let real;
module.exports = new Proxy({}, {
  get(_, name) {
    real ??= require(REAL);
    return real[name];
  },
});
