// Node 20 has no global WebSocket; y-websocket takes `ws`'s class instead. `ws` implements the
// WHATWG WebSocket interface y-websocket uses (binaryType, onopen/onmessage/onclose, send,
// close), but its typings declare Node-style event types, hence the one cast, here only.
import { WebSocket as NodeWebSocket } from 'ws';

export const WebSocketPolyfill = NodeWebSocket as unknown as typeof WebSocket;
