// Preloaded into dynalite (node --require ./utf8-string-order.js node_modules/dynalite/cli.js ...) by the
// DynamoDB tests (dynamodb/src/test/java/dev/switchyard/dynamodb/Dynalite.java) to fix one way dynalite
// differs from DynamoDB.
//
// DynamoDB compares strings by the bytes of their UTF-8 encoding, in conditions as in key order
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html,
// "String"). dynalite 4.0.0 orders keys that way (toRangeStr encodes a string as UTF-8 hex), but its
// condition operators (<, <=, >, >=, BETWEEN) compare the JavaScript strings, that is UTF-16 code units,
// which order U+E000..U+FFFF after the supplementary planes instead of before. The fix makes toLexiStr,
// which only those operators use for strings, encode a string as toRangeStr does.
//
// The source is changed as it loads, so node_modules stays exactly what package-lock.json installs. If
// dynalite's source no longer holds the line replaced, this fails loudly rather than run unfixed.
'use strict'

const Module = require('module')
const fs = require('fs')
const path = require('path')

const target = fs.realpathSync(path.join(__dirname, 'node_modules', 'dynalite', 'db', 'index.js'))
const unfixed = "  if (type != 'N') return keyPiece\n"
const fixed = "  if (type == 'S') return Buffer.from(keyPiece, 'utf8').toString('hex')\n" + unfixed

const loadJs = Module._extensions['.js']
Module._extensions['.js'] = function (module, filename) {
  if (filename !== target) return loadJs(module, filename)
  const source = fs.readFileSync(filename, 'utf8')
  const toLexiStr = source.indexOf('function toLexiStr')
  const at = source.indexOf(unfixed, toLexiStr)
  if (toLexiStr < 0 || at < 0) {
    throw new Error('utf8-string-order.js: ' + filename + ' no longer has the line it fixes in toLexiStr;' +
      ' check whether this dynalite version still compares strings as UTF-16 and update or drop the fix')
  }
  module._compile(source.slice(0, at) + fixed + source.slice(at + unfixed.length), filename)
}
