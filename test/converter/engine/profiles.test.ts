// Every profile the engine lists plugs into the one pipeline through the same seam (profile.ts).
import { expect } from 'chai';
import { EngineError } from '../../../converter/engine/api.ts';
import { availableProfiles, profileNamed } from '../../../converter/engine/profiles.ts';

describe('engine profiles', () => {
  it('has a profile for every name the command offers, under that name', () => {
    for (const name of availableProfiles()) expect(profileNamed(name).name).to.equal(name);
  });

  it('lists swift-compat first, then rich', () => {
    expect(availableProfiles()).to.deep.equal(['swift-compat', 'rich']);
  });

  it('refuses an unknown name, even one every object has, with the list of profiles', () => {
    for (const name of ['fancy', 'toString', '__proto__']) {
      expect(() => profileNamed(name))
        .to.throw(EngineError)
        .with.property('message', `Unsupported profile '${name}'. Supported values: swift-compat, rich.`);
    }
  });
});
