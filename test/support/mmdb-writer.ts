/**
 * A small MaxMind DB (format 2.0) writer for test fixtures, written from the published
 * specification (https://maxmind.github.io/MaxMind-DB/): an IPv6 binary search tree with 24-bit
 * records (IPv4 in ::/96), 16 zero bytes, the data section, then the metadata. Enough for a few
 * hundred networks; not for production files (no pointers, no merging, no aliases).
 */

/** A value the writer can encode: maps, arrays, strings, booleans and numbers. */
export type MmdbValue = string | number | boolean | MmdbValue[] | { [key: string]: MmdbValue };

export interface MmdbWriterOptions {
  databaseType: string;
  /** Seconds since the epoch written as build_epoch. */
  buildEpoch?: number;
  description?: string;
  /** Added to the node_count written in the metadata: a damaged file, for refusal tests. */
  nodeCountError?: number;
  /** How doubles are written; the default is the format's 8 big-endian bytes. */
  doubleBytes?: (value: number) => Buffer;
}

// Data types (the control byte's top three bits; above 7 via an extended byte).
const UTF8 = 2;
const DOUBLE = 3;
const MAP = 7;
const UINT16 = 5;
const UINT32 = 6;
const UINT64 = 9;
const ARRAY = 11;
const BOOLEAN = 14;

const RECORD_BITS = 24;
const METADATA_MARKER = Buffer.from([0xab, 0xcd, 0xef, ...Buffer.from('MaxMind.com')]);

interface TreeNode {
  children: [Branch, Branch];
}
type Branch = TreeNode | { data: number } | null;

/** Writes a database holding `networks` (CIDR → record); later, longer prefixes win overlaps. */
export function writeMmdb(
  networks: readonly (readonly [string, MmdbValue])[],
  options: MmdbWriterOptions,
): Buffer {
  const encode = encoder(options.doubleBytes ?? bigEndianDouble);
  const data: Buffer[] = [];
  const offsets = new Map<string, number>();
  let dataLength = 0;
  const root: TreeNode = { children: [null, null] };
  const byPrefix = [...networks]
    .map(([cidr, record]) => ({ ...networkBits(cidr), record }))
    .sort((a, b) => a.prefix - b.prefix);
  for (const { bits, prefix, record } of byPrefix) {
    const key = JSON.stringify(record);
    let offset = offsets.get(key);
    if (offset === undefined) {
      const bytes = encode(record);
      offset = dataLength;
      offsets.set(key, offset);
      data.push(bytes);
      dataLength += bytes.length;
    }
    insert(root, bits, prefix, offset);
  }

  const nodes: TreeNode[] = [];
  const number = new Map<TreeNode, number>();
  const walk = (node: TreeNode) => {
    number.set(node, nodes.length);
    nodes.push(node);
    for (const child of node.children) if (child && 'children' in child) walk(child);
  };
  walk(root);
  const nodeCount = nodes.length;
  const value = (branch: Branch): number => {
    if (branch === null) return nodeCount;
    if ('children' in branch) return number.get(branch) ?? nodeCount;
    return nodeCount + 16 + branch.data;
  };
  const tree = Buffer.alloc((nodeCount * RECORD_BITS * 2) / 8);
  nodes.forEach((node, i) => {
    tree.writeUIntBE(value(node.children[0]), i * 6, 3);
    tree.writeUIntBE(value(node.children[1]), i * 6 + 3, 3);
  });
  if (value(null) + 16 + dataLength >= 2 ** RECORD_BITS) throw new Error('too big for 24 bits');

  const metadata = encode({
    node_count: new Unsigned(UINT32, nodeCount + (options.nodeCountError ?? 0)),
    record_size: new Unsigned(UINT16, RECORD_BITS),
    ip_version: new Unsigned(UINT16, 6),
    database_type: options.databaseType,
    languages: ['en'],
    binary_format_major_version: new Unsigned(UINT16, 2),
    binary_format_minor_version: new Unsigned(UINT16, 0),
    build_epoch: new Unsigned(
      UINT64,
      options.buildEpoch ?? Date.parse('2026-01-01T00:00:00Z') / 1000,
    ),
    description: { en: options.description ?? `${options.databaseType} test fixture` },
  });
  return Buffer.concat([tree, Buffer.alloc(16), ...data, METADATA_MARKER, metadata]);
}

function insert(root: TreeNode, bits: number[], prefix: number, data: number): void {
  let node = root;
  for (let depth = 0; depth < prefix - 1; depth++) {
    const bit = bits[depth] as 0 | 1;
    let next = node.children[bit];
    // A shorter network already covers this one: split it so the rest keeps its record.
    if (next === null || !('children' in next)) {
      next = { children: [next, next] };
      node.children[bit] = next;
    }
    node = next;
  }
  node.children[bits[prefix - 1] as 0 | 1] = { data };
}

/** The 128 bits of a network and its prefix length in the IPv6 tree (IPv4 sits in ::/96). */
function networkBits(cidr: string): { bits: number[]; prefix: number } {
  const [address = '', length = ''] = cidr.split('/');
  const v4 = !address.includes(':');
  const value = v4 ? ipv4Value(address) : ipv6Value(address);
  const prefix = Number(length) + (v4 ? 96 : 0);
  if (!Number.isInteger(prefix) || prefix < 1 || prefix > 128) throw new Error(`bad CIDR ${cidr}`);
  const bits = Array.from({ length: 128 }, (_, i) => Number((value >> BigInt(127 - i)) & 1n));
  return { bits, prefix };
}

function ipv4Value(address: string): bigint {
  return address.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6Value(address: string): bigint {
  const [head = '', tail] = address.split('::');
  const groups = (text: string) => (text ? text.split(':') : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const missing = 8 - left.length - right.length;
  const all = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  return all.reduce((acc, group) => (acc << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}

function bigEndianDouble(value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeDoubleBE(value);
  return bytes;
}

/** An unsigned integer of an explicit type, as the metadata's fields need. */
class Unsigned {
  readonly type: number;
  readonly value: number;
  constructor(type: number, value: number) {
    this.type = type;
    this.value = value;
  }
}

type Encodable = MmdbValue | Unsigned | { [key: string]: Encodable };

/**
 * The data-section encoder. Every plain number is a double, as coordinates must be (a whole
 * latitude written as an integer would dodge the broken-double fixture); the metadata's integers
 * come wrapped in Unsigned.
 */
function encoder(doubleBytes: (value: number) => Buffer): (value: Encodable) => Buffer {
  const encode = (value: Encodable): Buffer => {
    if (value instanceof Unsigned) return field(value.type, unsignedBytes(BigInt(value.value)));
    if (typeof value === 'string') return field(UTF8, Buffer.from(value, 'utf8'));
    if (typeof value === 'boolean') return control(BOOLEAN, value ? 1 : 0);
    if (typeof value === 'number') return Buffer.concat([control(DOUBLE, 8), doubleBytes(value)]);
    if (Array.isArray(value))
      return Buffer.concat([control(ARRAY, value.length), ...value.map(encode)]);
    const entries = Object.entries(value);
    return Buffer.concat([
      control(MAP, entries.length),
      ...entries.flatMap(([k, v]) => [encode(k), encode(v)]),
    ]);
  };
  return encode;
}

/** An unsigned integer in as few big-endian bytes as it needs (zero takes none). */
function unsignedBytes(value: bigint): Buffer {
  const bytes: number[] = [];
  for (let v = value; v > 0n; v >>= 8n) bytes.unshift(Number(v & 0xffn));
  return Buffer.from(bytes);
}

function field(type: number, payload: Buffer): Buffer {
  return Buffer.concat([control(type, payload.length), payload]);
}

/** The control byte(s) of a field: type, then its size in the format's 5-bit-plus scheme. */
function control(type: number, size: number): Buffer {
  const first = (type > 7 ? 0 : type) << 5;
  const extended = type > 7 ? [type - 7] : [];
  let sizeBits: number;
  let extra: number[];
  if (size < 29) [sizeBits, extra] = [size, []];
  else if (size < 29 + 256) [sizeBits, extra] = [29, [size - 29]];
  else if (size < 285 + 65536) [sizeBits, extra] = [30, [(size - 285) >> 8, (size - 285) & 0xff]];
  else {
    const n = size - 65821;
    [sizeBits, extra] = [31, [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]];
  }
  return Buffer.from([first | sizeBits, ...extended, ...extra]);
}
