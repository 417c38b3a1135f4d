import { expect } from 'chai';
import { createAddressPolicy, invalidAllowEntries, isForbiddenAddress } from '../../../converter/fetch/address-policy.ts';

describe('isForbiddenAddress', () => {
  describe('when the address is not a public unicast host', () => {
    const forbidden = [
      '127.0.0.1',
      '127.1.2.3',
      '169.254.169.254',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.251',
      '239.255.255.250',
      '255.255.255.255',
      '240.0.0.1',
      '192.0.2.1',
      '198.18.0.1',
      '::',
      '::1',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::a9fe:a9fe',
      '2001:db8::1',
      '2002:7f00:1::1',
      '[::1]',
      'not-an-ip',
    ];
    for (const address of forbidden) {
      it(`refuses ${address}`, () => expect(isForbiddenAddress(address)).to.equal(true));
    }
  });

  describe('when the address is public', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      it(`permits ${address}`, () => expect(isForbiddenAddress(address)).to.equal(false));
    }
  });
});

describe('createAddressPolicy', () => {
  const policy = createAddressPolicy(['127.0.0.1/32', '10.20.0.0/16', 'fd00::/8', 'minio.storage.svc']);

  describe('when an allow-list entry covers the address or host', () => {
    it('permits the listed CIDRs and every address of a listed host', () => {
      expect(policy.permits('127.0.0.1', 'x.test')).to.equal(true);
      expect(policy.permits('10.20.3.4', 'x.test')).to.equal(true);
      expect(policy.permits('fd00::9', 'x.test')).to.equal(true);
      expect(policy.permits('10.9.9.9', 'MINIO.storage.svc.')).to.equal(true);
    });
  });

  describe('when nothing in the allow-list covers it', () => {
    it('still refuses other reserved addresses', () => {
      expect(policy.permits('127.0.0.2', 'x.test')).to.equal(false);
      expect(policy.permits('10.21.0.1', 'x.test')).to.equal(false);
      expect(policy.permits('169.254.169.254', 'x.test')).to.equal(false);
    });
  });
});

describe('createAddressPolicy with host:port entries', () => {
  const policy = createAddressPolicy(['minio.storage.svc:9000', '10.30.0.0/16:8443', '[fd00::1]:443']);

  describe('when the port is the one the entry names', () => {
    it('allows the reserved address', () => {
      expect(policy.permits('10.0.0.9', 'minio.storage.svc', 9000)).to.equal(true);
      expect(policy.permits('10.30.1.1', 'x.test', 8443)).to.equal(true);
      expect(policy.permits('fd00::1', 'y.test', 443)).to.equal(true);
    });
  });

  describe('when another port of the same host or network is asked for', () => {
    it('refuses it', () => {
      expect(policy.permits('10.0.0.9', 'minio.storage.svc', 22)).to.equal(false);
      expect(policy.permits('10.30.1.1', 'x.test', 6379)).to.equal(false);
      expect(policy.permits('fd00::1', 'y.test', 80)).to.equal(false);
    });
  });

  describe('when the port is not known yet (the DNS lookup)', () => {
    it('lets the name resolve; the connected socket is checked with its port', () => {
      expect(policy.permits('10.0.0.9', 'minio.storage.svc')).to.equal(true);
    });
  });
});

describe('invalidAllowEntries', () => {
  it('accepts host:port, CIDR:port and [IPv6]:port entries and refuses port 0 or over 65535', () => {
    expect(
      invalidAllowEntries(['minio.svc:9000', '10.0.0.0/8:443', '[fd00::1]:443', 'fd00::1', 'minio.svc:0', 'minio.svc:70000']),
    ).to.deep.equal(['minio.svc:0', 'minio.svc:70000']);
  });

  it('returns the entries that are neither CIDRs nor host names', () => {
    expect(invalidAllowEntries(['10.0.0.0/8', '::1', 'minio.svc', '10.0.0.0/33', 'a b', 'x/8', '1.2.3.4/x'])).to.deep.equal([
      '10.0.0.0/33',
      'a b',
      'x/8',
      '1.2.3.4/x',
    ]);
  });
});
