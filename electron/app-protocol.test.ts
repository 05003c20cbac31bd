import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_URL, isAppUrl, mimeTypeOf, resolveAppAsset } from './app-protocol';

const root = resolve('/opt/openlane/dist/renderer');

describe('resolveAppAsset', () => {
  it('maps our URLs to files inside the renderer folder', () => {
    expect(resolveAppAsset(APP_URL, root)).toBe(join(root, 'index.html'));
    expect(resolveAppAsset('openlane://app/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppAsset('openlane://app/assets/index-abc.js?v=1#x', root)).toBe(
      join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppAsset('openlane://app/assets/a%20b.png', root)).toBe(join(root, 'assets', 'a b.png'));
  });

  it('refuses paths that would leave the renderer folder', () => {
    for (const url of [
      'openlane://app/assets/..%2f..%2f..%2fsecret',
      'openlane://app/..%5c..%5csecret',
      'openlane://app/%00index.html',
      'openlane://app/%E0%A4%A',
    ]) {
      expect(resolveAppAsset(url, root), url).toBeNull();
    }
  });

  it('keeps dot segments the URL parser resolves inside the folder', () => {
    // The URL parser itself folds %2e%2e segments at the root, as Chromium does.
    expect(resolveAppAsset('openlane://app/%2e%2e/%2e%2e/etc/passwd', root)).toBe(
      join(root, 'etc', 'passwd'),
    );
    expect(resolveAppAsset('openlane://app/../../etc/passwd', root)).toBe(join(root, 'etc', 'passwd'));
  });

  it('refuses other schemes and hosts', () => {
    expect(resolveAppAsset('file:///opt/openlane/dist/renderer/index.html', root)).toBeNull();
    expect(resolveAppAsset('openlane://other/index.html', root)).toBeNull();
    expect(isAppUrl('https://app/index.html')).toBe(false);
  });
});

describe('mimeTypeOf', () => {
  it('serves module scripts as JavaScript, which Chromium insists on', () => {
    expect(mimeTypeOf('/x/assets/index-abc.js')).toMatch(/^text\/javascript/);
    expect(mimeTypeOf('/x/index.html')).toMatch(/^text\/html/);
    expect(mimeTypeOf('/x/a.CSS')).toMatch(/^text\/css/);
    expect(mimeTypeOf('/x/unknown.bin')).toBe('application/octet-stream');
  });
});
