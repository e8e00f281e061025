import type { Response } from 'supertest';

/** A supertest parser that reads any answer body as raw bytes (PDF, XLSX): `.parse(binary)`. */
export const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};
