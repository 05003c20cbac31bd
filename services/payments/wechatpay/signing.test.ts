import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as rawSign,
  verify as rawVerify,
} from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  authorizationHeader,
  parseAuthorization,
  requestMessage,
  responseMessage,
  sign,
  signRequest,
  verify,
} from './signing';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

// The worked example of WeChat Pay's "Signature Generation" guide (wechatpay4_0.shtml): GET of the
// certificate list at 1554208460 with nonce 593BEC0C930BF1AFEB40B4A08C8FB242, merchant 1900009191,
// certificate 1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C. The guide's signature value needs its private
// key, which is not published, so the signature itself is checked with node:crypto's one-shot API.
const example = {
  method: 'GET',
  url: '/v3/certificates',
  timestamp: '1554208460',
  nonce: '593BEC0C930BF1AFEB40B4A08C8FB242',
  body: '',
};

describe('request signature', () => {
  it('signs the five lines of the guide, each ending in a newline', () => {
    expect(requestMessage(example)).toBe(
      'GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n',
    );
    const post = { ...example, method: 'POST', url: '/v3/pay/transactions/native', body: '{"a":1}' };
    expect(requestMessage(post)).toBe(
      'POST\n/v3/pay/transactions/native\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n{"a":1}\n',
    );
  });

  it('writes the Authorization header of the guide and reads it back', () => {
    const header = authorizationHeader({
      mchid: '1900009191',
      serialNo: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C',
      nonce: example.nonce,
      timestamp: example.timestamp,
      signature:
        'uOVRnA4qG/MNnYzdQxJanN+zU+lTgIcnU9BxGw5dKjK+VdEUz2FeIoC+D5sB/LN+nGzX3hfZg6r5wT1pl2ZobmIc6p0ldN7J6yDgUzbX8Uk3sD4a4eZVPTBvqNDoUqcYMlZ9uuDdCvNv4TM3c1WzsXUrExwVkI1XO5jCNbgDJ25nkT/c1gIFvqoogl7MdSFGc4W4xZsqCItnqbypR3RuGIlR9h9vlRsy7zJR9PBI83X8alLDIfR1ukt1P7tMnmogZ0cuDY8cZsd8ZlCgLadmvej58SLsIkVxFJ8Xy==',
    });
    expect(header).toBe(
      'WECHATPAY2-SHA256-RSA2048 mchid="1900009191",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",' +
        'signature="uOVRnA4qG/MNnYzdQxJanN+zU+lTgIcnU9BxGw5dKjK+VdEUz2FeIoC+D5sB/LN+nGzX3hfZg6r5wT1pl2ZobmIc6p0ldN7J6yDgUzbX8Uk3sD4a4eZVPTBvqNDoUqcYMlZ9uuDdCvNv4TM3c1WzsXUrExwVkI1XO5jCNbgDJ25nkT/c1gIFvqoogl7MdSFGc4W4xZsqCItnqbypR3RuGIlR9h9vlRsy7zJR9PBI83X8alLDIfR1ukt1P7tMnmogZ0cuDY8cZsd8ZlCgLadmvej58SLsIkVxFJ8Xy==",' +
        'timestamp="1554208460",serial_no="1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"',
    );
    expect(parseAuthorization(header)).toMatchObject({ mchid: '1900009191', timestamp: '1554208460' });
    // The five fields may come in any order.
    expect(
      parseAuthorization(
        'WECHATPAY2-SHA256-RSA2048 serial_no="S",timestamp="1",signature="x/y+=",nonce_str="N",mchid="M"',
      ),
    ).toEqual({ mchid: 'M', serialNo: 'S', nonce: 'N', timestamp: '1', signature: 'x/y+=' });
    expect(parseAuthorization('Bearer abc')).toBeNull();
    expect(parseAuthorization('WECHATPAY2-SHA256-RSA2048 mchid="M"')).toBeNull();
  });

  it('produces an RSASSA-PKCS1-v1_5 SHA-256 signature that node:crypto verifies on its own', () => {
    const header = signRequest(
      { method: 'GET', url: '/v3/pay/transactions/out-trade-no/OL1?mchid=1900009191', body: '' },
      { mchid: '1900009191', serialNo: 'SERIAL', privateKey: keys.privateKey },
      () => 1_554_208_460_123,
    );
    const fields = parseAuthorization(header)!;
    expect(fields.timestamp).toBe('1554208460'); // whole seconds
    expect(fields.nonce).toMatch(/^[0-9A-F]{32}$/);
    const message = `GET\n/v3/pay/transactions/out-trade-no/OL1?mchid=1900009191\n1554208460\n${fields.nonce}\n\n`;
    expect(
      rawVerify('sha256', Buffer.from(message), keys.publicKey, Buffer.from(fields.signature, 'base64')),
    ).toBe(true);
    // Deterministic PKCS#1 v1.5: the same bytes as node:crypto's one-shot signer.
    expect(fields.signature).toBe(
      rawSign('sha256', Buffer.from(message), keys.privateKey).toString('base64'),
    );
  });
});

describe('response signature', () => {
  const body = '{"code_url":"weixin://wxpay/bizpayurl?pr=abc"}';

  it('verifies "TIMESTAMP\\nNONCE\\nBODY\\n" signed by the platform key, and nothing else', () => {
    expect(responseMessage('1554209980', 'c5ac7061fccab6bf3e254dcf98995b8c', body)).toBe(
      `1554209980\nc5ac7061fccab6bf3e254dcf98995b8c\n${body}\n`,
    );
    const signature = rawSign('sha256', Buffer.from(`1554209980\nN\n${body}\n`), keys.privateKey).toString(
      'base64',
    );
    expect(verify(responseMessage('1554209980', 'N', body), signature, keys.publicKey)).toBe(true);
    expect(
      verify(responseMessage('1554209980', 'N', body.replace('abc', 'abd')), signature, keys.publicKey),
    ).toBe(false);
    expect(verify(responseMessage('1554209981', 'N', body), signature, keys.publicKey)).toBe(false);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(verify(responseMessage('1554209980', 'N', body), signature, other.publicKey)).toBe(false);
    expect(verify(responseMessage('1554209980', 'N', body), 'not base64!', keys.publicKey)).toBe(false);
  });

  it('signs an empty 204 body as an empty last line', () => {
    expect(responseMessage('1', 'N', '')).toBe('1\nN\n\n');
    const pem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' });
    const signature = sign('1\nN\n\n', createPrivateKey(pem));
    expect(verify('1\nN\n\n', signature, createPublicKey(pem))).toBe(true);
  });
});
