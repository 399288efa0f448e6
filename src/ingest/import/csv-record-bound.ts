import { Transform, type TransformCallback } from 'node:stream';
import { Invalid } from '../../contract/protocol/request-errors.ts';

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const COMMA = 0x2c;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * Where a CSV record stands as its characters come, by their codes (UTF-8 bytes or UTF-16 units
 * alike: quotes, commas and newlines are the same in both): inside a quoted cell or not. A quote
 * opens a quoted cell only at the start of a cell (spaces before it are trimmed), as csv-parse
 * reads it; inside one, two quotes are a quote and a newline is part of the cell. CsvRecordBound
 * and the record reader (csv-records.ts) both cut records by it, so they cut them alike.
 */
export class CsvQuotes {
  private inQuote = false;
  /** At the start of a cell. */
  private cellStart = true;
  /** Just after the quote that closed a quoted cell: another makes it an escaped quote. */
  private closed = false;

  /** Takes one character; true when it is a newline that ends the record. */
  take(c: number): boolean {
    if (c === QUOTE) {
      if (this.inQuote) {
        this.inQuote = false;
        this.closed = true;
      } else {
        this.inQuote = this.closed || this.cellStart;
        this.closed = false;
      }
      this.cellStart = false;
      return false;
    }
    this.closed = false;
    if (this.inQuote) return false;
    if (c === NEWLINE) {
      this.cellStart = true;
      return true;
    }
    if (c === COMMA) this.cellStart = true;
    else if (c !== SPACE && c !== TAB) this.cellStart = false;
    return false;
  }

  /** A record cut short: the next one starts afresh. */
  reset(): void {
    this.inQuote = false;
    this.cellStart = true;
    this.closed = false;
  }
}

/**
 * Cuts CSV records longer than `maxBytes` out of a file's bytes before csv-parse reads them, so
 * that a 300 MB line costs one rejected record and the records after it are read as usual.
 * csv-parse's own `max_record_size` refuses such a record once per chunk and then loses its
 * place, with the rows after it. A record here ends at a newline outside a quoted cell (a quote
 * opens one only at the start of a cell, as csv-parse reads it, so a stray quote inside a cell
 * does not swallow the lines after it; inside one, two quotes are a quote); a cut
 * one ends at the first newline after the limit (an unclosed quote ends there too), is reported
 * to `onTooLong` by the line it ends on, and is replaced by its newlines, so csv-parse numbers
 * the lines after it as the file does. Quotes and newlines never occur inside a UTF-8 sequence,
 * so the bytes are scanned as they come; memory holds one record at most.
 */
export class CsvRecordBound extends Transform {
  private readonly maxBytes: number;
  private readonly onTooLong: (line: number) => void;
  /** The current record's bytes from earlier chunks. */
  private held: Buffer[] = [];
  private heldBytes = 0;
  private readonly quotes = new CsvQuotes();
  /** Dropping a too-long record up to the next newline. */
  private skipping = false;
  /** Newlines inside the current record (a quoted cell may span lines). */
  private recordNewlines = 0;
  private line = 1;
  private records = 0;

  constructor(maxBytes: number, onTooLong: (line: number) => void) {
    super();
    this.maxBytes = maxBytes;
    this.onTooLong = onTooLong;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const n = chunk.length;
    let from = 0; // where the current record starts in this chunk (0 when it began earlier)
    let sendFrom = 0; // start of the whole records not yet passed on
    let i = 0;
    // Byte by byte: two indexOf calls for each quote and newline made reading a CSV file 1.7
    // times as slow as csv-parse alone; this loop costs about a tenth.
    while (i < n) {
      if (this.skipping) {
        const nl = chunk.indexOf(NEWLINE, i);
        if (nl === -1) break;
        this.cut();
        i = from = sendFrom = nl + 1;
        continue;
      }
      const byte = chunk[i++]!;
      if (byte !== NEWLINE) this.quotes.take(byte);
      else if (this.heldBytes + (i - 1 - from) > this.maxBytes) {
        // Past the limit: the record ends at this newline, quoted or not.
        if (this.records === 0) {
          this.refuseHeader(done);
          return;
        }
        if (from > sendFrom) this.push(chunk.subarray(sendFrom, from));
        this.cut();
        from = sendFrom = i;
      } else if (!this.quotes.take(byte)) {
        // Inside a quoted cell.
        this.recordNewlines++;
        this.line++;
      } else {
        this.line++;
        this.records++;
        this.recordNewlines = 0;
        if (this.held.length > 0) {
          this.push(Buffer.concat([...this.held, chunk.subarray(sendFrom, i)]));
          this.held = [];
          this.heldBytes = 0;
          sendFrom = i;
        }
        from = i;
      }
    }
    if (!this.skipping && this.heldBytes + (n - from) > this.maxBytes) {
      // Past the limit with no newline yet: drop it all up to the next one.
      if (this.records === 0) {
        this.refuseHeader(done);
        return;
      }
      if (from > sendFrom) this.push(chunk.subarray(sendFrom, from));
      this.held = [];
      this.heldBytes = 0;
      this.skipping = true;
      from = sendFrom = n;
    }
    if (from > sendFrom) this.push(chunk.subarray(sendFrom, from));
    if (from < n && !this.skipping) {
      this.held.push(chunk.subarray(from));
      this.heldBytes += n - from;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.skipping) this.onTooLong(this.line);
    else if (this.heldBytes > 0) this.push(Buffer.concat(this.held));
    done();
  }

  /** The newline ending a cut record: report it, and pass on its newlines for the count. */
  private cut(): void {
    this.onTooLong(this.line);
    this.push(Buffer.alloc(this.recordNewlines + 1, NEWLINE));
    this.line++;
    this.records++;
    this.held = [];
    this.heldBytes = 0;
    this.skipping = false;
    this.quotes.reset();
    this.recordNewlines = 0;
  }

  private refuseHeader(done: TransformCallback): void {
    done(new Invalid(`the header line is longer than ${this.maxBytes} bytes`));
  }
}
