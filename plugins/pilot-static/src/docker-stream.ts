// Docker's multiplexed stream (attach, exec and logs without a TTY): frames of an 8-byte header
// {STREAM_TYPE, 0, 0, 0, SIZE (uint32, big endian)} and SIZE bytes of payload, STREAM_TYPE 0 stdin
// (written on stdout), 1 stdout, 2 stderr ("Stream format" in Docker's API reference, ContainerAttach).

export type StreamName = 'stdout' | 'stderr';

const HEADER = 8;

/** Reads frames from `source` until it ends, handing each payload to `output`; a cut-off frame is an error. */
export async function demultiplex(source: AsyncIterable<Buffer | string>, output: (stream: StreamName, chunk: Buffer) => void): Promise<void> {
  let pending = Buffer.alloc(0);
  for await (const chunk of source) {
    pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, Buffer.from(chunk)]);
    while (pending.length >= HEADER) {
      const size = pending.readUInt32BE(4);
      if (pending.length < HEADER + size) break;
      const type = pending[0];
      if (type > 2) throw new Error(`Docker stream: unknown stream type ${type}`);
      if (size > 0) output(type === 2 ? 'stderr' : 'stdout', pending.subarray(HEADER, HEADER + size));
      pending = pending.subarray(HEADER + size);
    }
  }
  if (pending.length > 0) throw new Error(`Docker stream: ended inside a frame (${pending.length} bytes left)`);
}

