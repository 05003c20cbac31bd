import { describe, expect, it } from 'vitest';
import { APP_URL } from './app-protocol';
import {
  contentSecurityPolicy,
  isAllowedNavigation,
  isAllowedPermission,
  kioskWindowOptions,
} from './window-options';

/** "a b; c d" → { a: ['b'], c: ['d'] } */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name ?? '', values];
    }),
  );
}

describe('kioskWindowOptions', () => {
  it('locks the window down as a sandboxed, menu-less, full-screen kiosk', () => {
    const options = kioskWindowOptions({ isProduction: true, preloadPath: '/app/dist/preload.cjs' });
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      webviewTag: false,
      devTools: false,
    });
  });

  it('allows DevTools only in development', () => {
    expect(kioskWindowOptions({ isProduction: false, preloadPath: 'p' }).webPreferences?.devTools).toBe(true);
    expect(kioskWindowOptions({ isProduction: true, preloadPath: 'p' }).webPreferences?.devTools).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  for (const isProduction of [true, false]) {
    it(`allows only our own origin for code and data (${isProduction ? 'production' : 'development'})`, () => {
      const csp = directives(contentSecurityPolicy({ isProduction }));
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]); // WebAssembly, never eval
      expect(csp.get('style-src')).toEqual(["'self'"]);
      expect(csp.get('connect-src')).toEqual(["'self'"]);
      expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
      expect(csp.get('media-src')).toEqual(["'self'", 'blob:', 'mediastream:']);
      for (const none of ['object-src', 'base-uri', 'form-action', 'frame-ancestors']) {
        expect(csp.get(none), none).toEqual(["'none'"]);
      }
      const all = [...csp.values()].flat();
      expect(all).not.toContain("'unsafe-eval'");
      expect(all).not.toContain("'unsafe-inline'");
      expect(all).not.toContain('*');
    });
  }
});

describe('isAllowedPermission', () => {
  const ours = APP_URL;

  it('grants the camera to our page', () => {
    expect(isAllowedPermission('media', { mediaTypes: ['video'], requestingUrl: ours })).toBe(true);
    expect(isAllowedPermission('media', { mediaType: 'video', requestingUrl: ours })).toBe(true);
  });

  it('refuses the microphone, alone or with the camera', () => {
    expect(isAllowedPermission('media', { mediaTypes: ['audio'], requestingUrl: ours })).toBe(false);
    expect(isAllowedPermission('media', { mediaTypes: ['video', 'audio'], requestingUrl: ours })).toBe(false);
    expect(isAllowedPermission('media', { mediaType: 'audio', requestingUrl: ours })).toBe(false);
    expect(isAllowedPermission('media', { mediaTypes: [], requestingUrl: ours })).toBe(false);
  });

  it('refuses the camera to any other page', () => {
    expect(
      isAllowedPermission('media', { mediaTypes: ['video'], requestingUrl: 'https://evil.example/' }),
    ).toBe(false);
    expect(isAllowedPermission('media', { mediaTypes: ['video'], requestingUrl: 'file:///etc/passwd' })).toBe(
      false,
    );
    expect(isAllowedPermission('media', { mediaTypes: ['video'] })).toBe(false);
  });

  it('refuses every other permission', () => {
    for (const permission of [
      'display-capture',
      'notifications',
      'geolocation',
      'serial',
      'usb',
      'hid',
      'fullscreen',
      'openExternal',
      'clipboard-read',
    ]) {
      expect(
        isAllowedPermission(permission, { mediaTypes: ['video'], mediaType: 'video', requestingUrl: ours }),
        permission,
      ).toBe(false);
    }
  });
});

describe('isAllowedNavigation', () => {
  it('stays on pages of our app', () => {
    expect(isAllowedNavigation('openlane://app/index.html', APP_URL)).toBe(true);
    expect(isAllowedNavigation('openlane://app/index.html#/receipt', APP_URL)).toBe(true);
  });

  it('blocks the web, local files, other hosts of our scheme and garbage', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8420/',
      'file:///etc/passwd',
      'openlane://evil/index.html',
      'openlane://user@app/index.html',
      'javascript:alert(1)',
      'data:text/html,<h1>hi</h1>',
      'not a url',
    ]) {
      expect(isAllowedNavigation(url, APP_URL), url).toBe(false);
    }
  });
});
