import { expect } from 'chai';
import { writeSwiftJson } from '../../../converter/engine/json-writer.ts';

describe('writeSwiftJson', () => {
  it('writes Swift pretty JSON: " : ", sorted keys, empty containers on three lines, no final newline', () => {
    expect(writeSwiftJson({ b: [], a: { z: 1, y: {} }, c: ['x'] })).to.equal(
      '{\n  "a" : {\n    "y" : {\n\n    },\n    "z" : 1\n  },\n  "b" : [\n\n  ],\n  "c" : [\n    "x"\n  ]\n}',
    );
  });

  it('escapes like JSONEncoder: short escapes, lower-case \\u00xx, "/" and non-ASCII raw', () => {
    expect(writeSwiftJson('a"b\\c\n\t\b\f\r\u0001\u001f/é🚀')).to.equal('"a\\"b\\\\c\\n\\t\\b\\f\\r\\u0001\\u001f/é🚀"');
  });

  it('sorts keys by UTF-8 bytes', () => {
    expect(writeSwiftJson({ b: 1, B: 2, é: 3, z: 4 })).to.equal('{\n  "B" : 2,\n  "b" : 1,\n  "z" : 4,\n  "é" : 3\n}');
  });
});
