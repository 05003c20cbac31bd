import { describe, expect, it } from 'vitest';
import { crc16CcittFalse, emvCrc } from './crc';

describe('CRC-16/CCITT-FALSE', () => {
  it('gives the catalogued check value for "123456789"', () => {
    expect(crc16CcittFalse(new TextEncoder().encode('123456789'))).toBe(0x29b1);
    expect(crc16CcittFalse(new Uint8Array())).toBe(0xffff);
  });

  it('runs over UTF-8 bytes, so Chinese text counts 3 bytes a character', () => {
    // EMVCo MPM Annex B: the example payload (with ID 64 in Chinese) ends "6304A13A".
    const annexB =
      '00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN' +
      '5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***' +
      '0708A60086670902ME91320016A0112233449988770708123456786304';
    expect(emvCrc(annexB)).toBe('A13A');
    // Counting UTF-16 units instead of bytes would give another CRC.
    const latin1 = Uint8Array.from([...annexB].map((c) => c.charCodeAt(0) & 0xff));
    expect(crc16CcittFalse(latin1).toString(16).toUpperCase()).not.toBe('A13A');
  });

  it('pads to 4 upper-case hex digits', () => {
    expect(emvCrc('')).toBe('FFFF');
    const small = Array.from({ length: 5000 }, (_, i) => String(i)).find(
      (s) => parseInt(emvCrc(s), 16) < 0x1000,
    )!;
    expect(emvCrc(small)).toMatch(/^0[0-9A-F]{3}$/);
  });
});
