// A MaxMind DB reader that reads the file where a lookup needs it instead of holding it whole:
// the memory goal of the serving process (README "Memory"; `npm run bench:memory`) is why it is
// not maxmind's Reader, which takes the file as one Buffer (DB-IP City Lite: 60 MB for IPv4,
// 71 MB for IPv6, kept for the process's life after a first visit). A lookup walks at most 128
// tree nodes and decodes one record, a few dozen small reads that a small page cache and the
// operating system's file cache answer; only a first visit without a cookie asks. maxmind's
// Reader still proves each file at the start (mmdb-file.ts), and a test compares the two
// readers' answers address by address. Format: https://maxmind.github.io/MaxMind-DB/
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { addressBytes, parseIp } from '../domain/ip-address.ts';

const METADATA_MARKER = Buffer.from('\xab\xcd\xefMaxMind.com', 'latin1');
/** The format keeps metadata in the file's last 128 KiB. */
const METADATA_MAX_BYTES = 128 * 1024;
/** 16 zero bytes between the search tree and the data section. */
const DATA_SECTION_SEPARATOR = 16;
const PAGE_BYTES = 4096;
/** Pages kept (256 KiB): the tree's upper levels, which every lookup walks, stay here. */
const PAGES_KEPT = 64;
/** Deeper than any real record; a loop of pointers in a damaged file ends here. */
const MAX_DEPTH = 64;

/** The file's bytes, read a page at a time and kept in a small least-recently-used cache. */
class PagedFile {
  private readonly pages = new Map<number, Buffer>();
  private readonly fd: number;
  readonly size: number;
  constructor(fd: number, size: number) {
    this.fd = fd;
    this.size = size;
  }

  private page(index: number): Buffer {
    let page = this.pages.get(index);
    if (page) {
      this.pages.delete(index); // re-inserted below: most recently used last
    } else {
      const start = index * PAGE_BYTES;
      const length = Math.min(PAGE_BYTES, this.size - start);
      if (length <= 0) throw new RangeError(`read past the end of the file at ${start}`);
      page = Buffer.alloc(length);
      const read = readSync(this.fd, page, 0, length, start);
      if (read !== length) throw new RangeError(`short read at ${start}`);
      if (this.pages.size >= PAGES_KEPT) this.pages.delete(this.pages.keys().next().value!);
    }
    this.pages.set(index, page);
    return page;
  }

  /** `length` bytes from `offset`, copied out of as many pages as they span. */
  bytes(offset: number, length: number): Buffer {
    if (offset < 0 || offset + length > this.size) {
      throw new RangeError(`${length} bytes at ${offset} are outside the file`);
    }
    const first = Math.floor(offset / PAGE_BYTES);
    const inFirst = offset - first * PAGE_BYTES;
    if (inFirst + length <= PAGE_BYTES) {
      return this.page(first).subarray(inFirst, inFirst + length);
    }
    const out = Buffer.alloc(length);
    for (let done = 0; done < length; ) {
      const at = offset + done;
      const page = this.page(Math.floor(at / PAGE_BYTES));
      const from = at % PAGE_BYTES;
      done += page.copy(out, done, from, Math.min(page.length, from + length - done));
    }
    return out;
  }

  byte(offset: number): number {
    return this.bytes(offset, 1)[0]!;
  }
}

/** Decodes the format's data values from `base` (the data section's start, or the metadata's). */
class Decoder {
  private readonly file: PagedFile;
  private readonly base: number;
  constructor(file: PagedFile, base: number) {
    this.file = file;
    this.base = base;
  }

  /** The value at `offset` (from the section's start), and where the next one begins. */
  decode(offset: number, depth = 0): [value: unknown, next: number] {
    if (depth > MAX_DEPTH) throw new RangeError('data nested too deep');
    const at = this.base + offset;
    const control = this.file.byte(at);
    let type = control >> 5;
    let cursor = offset + 1;
    if (type === 1) {
      const [target, next] = this.pointer(control, cursor);
      return [this.decode(target, depth + 1)[0], next];
    }
    if (type === 0) {
      type = 7 + this.file.byte(this.base + cursor);
      cursor += 1;
    }
    let size = control & 0x1f;
    if (size >= 29) {
      const extra = size - 28;
      const bytes = this.file.bytes(this.base + cursor, extra);
      cursor += extra;
      size = [0, 29, 285, 65_821][extra]! + bytes.readUIntBE(0, extra);
    }
    return this.value(type, size, cursor, depth);
  }

  private pointer(control: number, cursor: number): [target: number, next: number] {
    const extra = ((control >> 3) & 0x3) + 1;
    const bytes = this.file.bytes(this.base + cursor, extra);
    const low = control & 0x7;
    const value = bytes.readUIntBE(0, extra);
    const target =
      extra === 1
        ? (low << 8) | value
        : extra === 2
          ? ((low << 16) | value) + 2048
          : extra === 3
            ? low * 2 ** 24 + value + 526_336
            : value;
    return [target, cursor + extra];
  }

  private value(type: number, size: number, cursor: number, depth: number): [unknown, number] {
    const bytes = () => this.file.bytes(this.base + cursor, size);
    switch (type) {
      case 2:
        return [bytes().toString('utf8'), cursor + size];
      // A double (a float) is read as its 8 (4) bytes whatever size the control byte says, as
      // maxmind reads it: a file that gets the size wrong still answers, with garbled values.
      case 3:
        return [this.file.bytes(this.base + cursor, 8).readDoubleBE(0), cursor + size];
      case 4:
        return [Buffer.from(bytes()), cursor + size];
      case 5:
      case 6:
      case 8:
        return [size === 0 ? 0 : readInteger(bytes(), type === 8), cursor + size];
      case 9:
      case 10:
        return [size === 0 ? 0n : BigInt(`0x${bytes().toString('hex')}`), cursor + size];
      case 7: {
        const map: Record<string, unknown> = {};
        let next = cursor;
        for (let i = 0; i < size; i++) {
          const [key, afterKey] = this.decode(next, depth + 1);
          const [entry, afterValue] = this.decode(afterKey, depth + 1);
          map[String(key)] = entry;
          next = afterValue;
        }
        return [map, next];
      }
      case 11: {
        const list: unknown[] = [];
        let next = cursor;
        for (let i = 0; i < size; i++) {
          const [entry, after] = this.decode(next, depth + 1);
          list.push(entry);
          next = after;
        }
        return [list, next];
      }
      case 14:
        return [size !== 0, cursor];
      case 15:
        return [this.file.bytes(this.base + cursor, 4).readFloatBE(0), cursor + size];
      default:
        throw new RangeError(`unknown data type ${type}`);
    }
  }
}

function readInteger(bytes: Buffer, signed: boolean): number {
  const value = bytes.readUIntBE(0, bytes.length);
  return signed && bytes.length === 4 ? value | 0 : value;
}

interface Layout {
  nodeCount: number;
  recordSize: 24 | 28 | 32;
  ipVersion: 4 | 6;
  treeBytes: number;
}

/** The metadata map, found by its marker near the end of the file. */
function readLayout(file: PagedFile): Layout {
  const from = Math.max(0, file.size - METADATA_MAX_BYTES);
  const tail = file.bytes(from, file.size - from);
  const marker = tail.lastIndexOf(METADATA_MARKER);
  if (marker < 0) throw new RangeError('no metadata marker');
  const [metadata] = new Decoder(file, from + marker + METADATA_MARKER.length).decode(0);
  const { node_count, record_size, ip_version } = metadata as Record<string, unknown>;
  if (typeof node_count !== 'number' || ![24, 28, 32].includes(record_size as number)) {
    throw new RangeError('metadata without node_count or a known record_size');
  }
  const recordSize = record_size as Layout['recordSize'];
  return {
    nodeCount: node_count,
    recordSize,
    ipVersion: ip_version === 4 ? 4 : 6,
    treeBytes: (node_count * recordSize * 2) / 8,
  };
}

/** A .mmdb file asked on disk; `get` answers as maxmind's Reader does (a record, or null). */
export interface MmdbOnDisk {
  get(address: string): unknown;
  close(): void;
}

/** Opens the file for lookups; throws if it is not a MaxMind DB. */
export function openMmdbOnDisk(path: string): MmdbOnDisk {
  const fd = openSync(path, 'r');
  try {
    const file = new PagedFile(fd, fstatSync(fd).size);
    const layout = readLayout(file);
    const data = new Decoder(file, layout.treeBytes + DATA_SECTION_SEPARATOR);
    const nodeBytes = layout.recordSize / 4;

    const record = (node: number, bit: number): number => {
      const b = file.bytes(node * nodeBytes, nodeBytes);
      switch (layout.recordSize) {
        case 24:
          return bit ? b.readUIntBE(3, 3) : b.readUIntBE(0, 3);
        case 28:
          return bit
            ? ((b[3]! & 0x0f) << 24) + b.readUIntBE(4, 3)
            : ((b[3]! & 0xf0) << 20) + b.readUIntBE(0, 3);
        default:
          return bit ? b.readUInt32BE(4) : b.readUInt32BE(0);
      }
    };

    /** Walks the address's bits from `node`; the record it ends on. */
    const walk = (bytes: readonly number[], start: number): number => {
      let node = start;
      for (let i = 0; i < bytes.length * 8 && node < layout.nodeCount; i++) {
        node = record(node, (bytes[i >> 3]! >> (7 - (i & 7))) & 1);
      }
      return node;
    };

    // In an IPv6 tree, IPv4 addresses live under ::/96: the node 96 zero bits down.
    let ipv4Start: number | undefined;
    const startFor = (family: 4 | 6) => {
      if (family === 6 || layout.ipVersion === 4) return 0;
      ipv4Start ??= walk(new Array(12).fill(0), 0);
      return ipv4Start;
    };

    return {
      get(address) {
        const ip = parseIp(address);
        if (!ip) throw new TypeError(`not an IP address: ${address}`);
        if (ip.family === 6 && layout.ipVersion === 4) return null;
        const found = walk(addressBytes(ip), startFor(ip.family));
        if (found <= layout.nodeCount) return null; // == node_count: no data for the address
        if (found - layout.nodeCount - DATA_SECTION_SEPARATOR < 0) {
          throw new RangeError('a record points into the search tree');
        }
        return data.decode(found - layout.nodeCount - DATA_SECTION_SEPARATOR)[0];
      },
      close: () => closeSync(fd),
    };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}
