// Office files that are not zips: the old binary formats (.xls) and password-protected .xlsx
// both live in a Compound File (OLE/CFB, signature D0 CF 11 E0 A1 B1 1A E1). An encrypted
// workbook holds a stream named "EncryptedPackage"; we read the CFB directory to tell them apart.

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;

/** True when the bytes start with the Compound File signature (.xls, .doc, encrypted .xlsx …). */
export function isCompoundFile(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  for (let i = 0; i < 8; i++) if (bytes[i] !== SIGNATURE[i]) return false;
  return true;
}

/** The names of the directory entries (streams and storages) of a Compound File; empty if it cannot be read. */
export function compoundFileNames(bytes: Uint8Array): string[] {
  if (!isCompoundFile(bytes) || bytes.length < 512) return [];
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = v.getUint16(30, true);
  if (shift !== 9 && shift !== 12) return [];
  const sectorSize = 1 << shift;
  const sectorOffset = (s: number) => (s + 1) * sectorSize;
  // FAT sector list: the first 109 in the header, the rest in the DIFAT chain
  const fatSectors: number[] = [];
  const nFat = v.getUint32(44, true);
  for (let i = 0; i < 109 && fatSectors.length < nFat; i++) fatSectors.push(v.getUint32(76 + 4 * i, true));
  let difat = v.getUint32(68, true);
  let guard = 0;
  while (fatSectors.length < nFat && difat < END_OF_CHAIN && guard++ < 10_000) {
    const base = sectorOffset(difat);
    if (base + sectorSize > bytes.length) break;
    for (let i = 0; i < sectorSize / 4 - 1 && fatSectors.length < nFat; i++) fatSectors.push(v.getUint32(base + 4 * i, true));
    difat = v.getUint32(base + sectorSize - 4, true);
  }
  const perSector = sectorSize / 4;
  const next = (s: number): number => {
    const fs = fatSectors[Math.floor(s / perSector)];
    if (fs === undefined) return END_OF_CHAIN;
    const at = sectorOffset(fs) + 4 * (s % perSector);
    return at + 4 <= bytes.length ? v.getUint32(at, true) : END_OF_CHAIN;
  };
  const names: string[] = [];
  let dir = v.getUint32(48, true);
  guard = 0;
  while (dir < END_OF_CHAIN && guard++ < 100_000) {
    const base = sectorOffset(dir);
    if (base + sectorSize > bytes.length) break;
    for (let e = base; e < base + sectorSize; e += 128) {
      const len = v.getUint16(e + 64, true); // bytes, with the terminating NUL
      if (len < 2 || len > 64 || bytes[e + 66] === 0) continue; // unused entry
      let name = '';
      for (let k = 0; k < len - 2; k += 2) name += String.fromCharCode(v.getUint16(e + k, true));
      names.push(name);
    }
    dir = next(dir);
  }
  return names;
}

/** True for a password-protected Office document (a Compound File holding an "EncryptedPackage" stream). */
export function isEncryptedOffice(bytes: Uint8Array): boolean {
  if (!isCompoundFile(bytes)) return false;
  const names = compoundFileNames(bytes);
  if (names.length) return names.includes('EncryptedPackage');
  // directory unreadable: fall back to looking for the stream name in UTF-16LE
  const needle = 'EncryptedPackage';
  outer: for (let i = 0; i + needle.length * 2 <= bytes.length; i++) {
    for (let k = 0; k < needle.length; k++) if (bytes[i + 2 * k] !== needle.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    return true;
  }
  return false;
}
