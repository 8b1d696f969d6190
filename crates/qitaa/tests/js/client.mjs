// A scripted socket.io v4 client for the integration tests. It connects to
// the /ws namespace with an access token, optionally joins a chat thread,
// follows an order and sends one message, then prints every event it gets as
// one JSON line on stdout until it is killed.
//
// Environment: QITAA_URL, QITAA_TOKEN, and optionally JOIN (thread id),
// FOLLOW (order id), SEND (a message body for the joined thread),
// TRANSPORT (websocket | polling).
import { io } from "socket.io-client";

const out = (event, data) => process.stdout.write(JSON.stringify({ event, data }) + "\n");

const transports = process.env.TRANSPORT ? [process.env.TRANSPORT] : ["websocket"];
const socket = io(`${process.env.QITAA_URL}/ws`, {
  auth: { token: process.env.QITAA_TOKEN },
  transports,
  reconnection: false,
});

socket.on("connect_error", (err) => {
  out("connect_error", { message: err.message });
  process.exit(2);
});

socket.on("connect", async () => {
  out("connected", { id: socket.id });
  if (process.env.JOIN) {
    const ack = await socket.emitWithAck("chat:join", { threadId: process.env.JOIN });
    out("join_ack", ack);
    if (ack.ok && process.env.SEND) {
      const sent = await socket.emitWithAck("chat:message", {
        threadId: process.env.JOIN,
        message: { body: process.env.SEND },
      });
      out("send_ack", sent);
    }
  }
  if (process.env.FOLLOW) {
    out("follow_ack", await socket.emitWithAck("order:follow", { orderId: process.env.FOLLOW }));
  }
  out("ready", {});
});

for (const name of [
  "chat:message", "chat:read", "order:status", "order:new",
  "request:new", "request:offer", "request:won", "request:lost", "request:closed",
  "booking:status", "repair:new", "repair:offer", "repair:accepted", "repair:lost",
  "repair:closed", "repair:status", "rep:location", "shipment:status",
]) {
  socket.on(name, (data) => out(name, data));
}
socket.on("disconnect", (reason) => out("disconnect", { reason }));
