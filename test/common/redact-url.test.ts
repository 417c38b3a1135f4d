import { expect } from 'chai';
import { redactUrl } from '../../common/redact-url.ts';

describe('redactUrl', () => {
  describe('when a presigned URL carries credentials in its query', () => {
    it('keeps only its origin and path', () => {
      expect(redactUrl('https://bucket.example.com/out/kit.zip?X-Amz-Signature=secret&X-Amz-Credential=key#frag')).to.equal(
        'https://bucket.example.com/out/kit.zip',
      );
    });
  });

  describe('when a URL carries a user and password', () => {
    it('drops them', () => {
      expect(redactUrl('https://user:pass@example.com:8443/a/b')).to.equal('https://example.com:8443/a/b');
    });
  });

  describe('when the text is not a URL', () => {
    it('answers an empty string rather than echoing it', () => {
      expect(redactUrl('not a url with a secret')).to.equal('');
    });
  });
});
