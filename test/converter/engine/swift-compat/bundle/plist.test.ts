import { expect } from 'chai';
import { PlistError, parseXmlPlist } from '../../../../../converter/engine/swift-compat/bundle/plist.ts';

describe('parseXmlPlist', () => {
  it('parses dictionaries, arrays, scalars and entities, keeping spaces inside strings', () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Name</key>
  <string> A &amp; B </string>
  <key>List</key>
  <array><string>en</string><integer>42</integer><real>1.5</real><true/><false/></array>
  <key>Empty</key>
  <string/>
</dict>
</plist>`;
    expect(parseXmlPlist(text)).to.deep.equal({ Name: ' A & B ', List: ['en', 42, 1.5, true, false], Empty: '' });
  });

  for (const [label, text] of [
    ['plain text', 'not a plist'],
    ['a binary plist', 'bplist00\u0000\u0001'],
    ['an unclosed dict', '<plist><dict><key>a</key><string>b</string></plist>'],
    ['a bad integer', '<plist><integer>x</integer></plist>'],
  ]) {
    it(`rejects ${label}`, () => {
      expect(() => parseXmlPlist(text)).to.throw(PlistError);
    });
  }
});
