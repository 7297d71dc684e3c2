/**
 * Joins a tunnel stream and a local socket in both directions, with
 * half-close: the socket's EOF becomes our FIN and the peer's FIN ends the
 * socket's writable side. An error on either side tears down the other:
 * a socket failure resets the stream with CODE_IO, a stream reset destroys
 * the socket.
 */
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { TunnelError, TunnelErrorCodes } from './errors.ts';
import { receiveInto } from './receive-buffer.ts';
import type { TunnelStream } from './stream.ts';

export function bridge(stream: TunnelStream, socket: Duplex): void {
  // Frames arrive already batched; Nagle would only add delayed-ACK stalls (up to 40 ms).
  // A socket the net dialer made reads through the shared receive buffer; others are piped.
  if (!(socket instanceof Socket)) socket.pipe(stream);
  else {
    socket.setNoDelay(true);
    if (!receiveInto(socket, stream)) socket.pipe(stream);
  }
  stream.pipe(socket);
  socket.on('error', (err: Error) => {
    stream.destroy(new TunnelError(TunnelErrorCodes.IO, `stream ${stream.id}: local socket failed: ${err.message}`, { cause: err }));
  });
  socket.on('close', () => {
    // A socket that closed without finishing both directions lost data: reset.
    if (!stream.destroyed && !(socket.readableEnded && socket.writableFinished)) {
      stream.destroy(new TunnelError(TunnelErrorCodes.IO, `stream ${stream.id}: local socket closed early`));
    }
  });
  stream.on('error', () => socket.destroy());
  stream.on('close', () => {
    if (stream.errored) socket.destroy();
  });
}
