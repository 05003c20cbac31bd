import { describe, expect, it } from 'vitest';
import { handheldDeviceId, newDeviceId, type DeviceStorage } from './device-id';

const mapStorage = (): DeviceStorage & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
};
const bytes =
  (...values: number[]) =>
  (into: Uint8Array) => {
    into.set(values);
    return into;
  };
const cryptoRandom = (into: Uint8Array) => crypto.getRandomValues(into);

describe('a handheld’s device name', () => {
  it('is handheld- and eight hex digits of the random bytes', () => {
    expect(newDeviceId(bytes(0x3f, 0x2a, 0x00, 0xff))).toBe('handheld-3f2a00ff');
  });

  it('is made once and kept: the same browser gives the same name again', () => {
    const storage = mapStorage();
    const first = handheldDeviceId(storage, cryptoRandom);
    expect(first).toMatch(/^handheld-[0-9a-f]{8}$/);
    expect(handheldDeviceId(storage, bytes(1, 2, 3, 4))).toBe(first);
  });

  it('differs between two browsers', () => {
    const a = handheldDeviceId(mapStorage(), bytes(1, 2, 3, 4));
    const b = handheldDeviceId(mapStorage(), bytes(5, 6, 7, 8));
    expect(a).not.toBe(b);
  });

  it('replaces a kept value of another shape rather than sending what the backend refuses', () => {
    const storage = mapStorage();
    storage.setItem('openlane.stock.device', 'till 1; drop table');
    expect(handheldDeviceId(storage, bytes(0xaa, 0xbb, 0xcc, 0xdd))).toBe('handheld-aabbccdd');
    expect(storage.map.get('openlane.stock.device')).toBe('handheld-aabbccdd');
  });

  it('still gives a name when storage refuses (private mode)', () => {
    const refusing: DeviceStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(handheldDeviceId(refusing, bytes(9, 9, 9, 9))).toBe('handheld-09090909');
    expect(handheldDeviceId(null, bytes(1, 1, 1, 1))).toBe('handheld-01010101');
  });
});
