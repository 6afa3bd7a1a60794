// An A2A client made with the official SDK (@a2a-js/sdk 1.3.0: ClientFactory, JSON-RPC transport),
// run by the A2A front door's ITs against the node's /a2a/{agent_id}.
// Usage: node a2a-client.mjs <base URL ending in '/'> <scenario> [bearer token]
//   mcp     -> card, SendMessage to the echo tool, GetTask, ListTasks, CancelTask (done), unknown task
//   stream  -> card, SendStreamingMessage "stream please", GetTask; then a task started with
//              returnImmediately and followed with SubscribeToTask; SubscribeToTask once it is done
// Prints one JSON line per step ({"step": …, "t": ms}); exits 1 on anything unexpected.
import { randomUUID } from 'node:crypto';
import { Role, TaskState } from '@a2a-js/sdk';
import { ClientFactory, ClientFactoryOptions, DefaultAgentCardResolver, JsonRpcTransportFactory } from '@a2a-js/sdk/client';

const [base, scenario, token] = process.argv.slice(2);
const authFetch = (input, init = {}) => {
  const headers = new Headers(init.headers ?? {});
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};
const factory = new ClientFactory(ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
  transports: [new JsonRpcTransportFactory({ fetchImpl: authFetch })],
  cardResolver: new DefaultAgentCardResolver({ fetchImpl: authFetch }),
}));
const out = (step, data = {}) => console.log(JSON.stringify({ step, t: Date.now(), ...data }));
const text = (value) => ({ content: { $case: 'text', value }, mediaType: 'text/plain', filename: '', metadata: undefined });
const message = (value, metadata) => ({ messageId: randomUUID(), role: Role.ROLE_USER, parts: [text(value)],
  contextId: '', taskId: '', extensions: [], referenceTaskIds: [], metadata });
const textOf = (parts = []) => parts.filter((p) => p.content?.$case === 'text').map((p) => p.content.value).join('');
const artifactsOf = (task) => (task.artifacts ?? []).map((a) => textOf(a.parts)).join('');
const send = (value, metadata, returnImmediately = false) => ({ message: message(value, metadata), tenant: '',
  configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, historyLength: undefined, returnImmediately },
  metadata: undefined });
const errorOf = async (work) => {
  try { await work(); return 'none'; } catch (e) { return e.constructor.name; }
};
const describe = (ev) => {
  const p = ev.payload;
  const v = p.value;
  return { kind: p.$case, taskId: v.taskId ?? v.id, state: TaskState[v.status?.state] ?? null,
    text: p.$case === 'artifactUpdate' ? textOf(v.artifact?.parts) : p.$case === 'message' ? textOf(v.parts) : null,
    append: v.append ?? null, lastChunk: v.lastChunk ?? null };
};

try {
  const client = await factory.createFromUrl(base);
  const card = await client.getAgentCard();
  out('card', { name: card.name, skills: card.skills.map((s) => s.id), transport: client.transport.protocolName,
    version: client.protocolVersion, streaming: card.capabilities?.streaming ?? false });

  if (scenario === 'mcp') {
    const sent = await client.sendMessage(send('hello mcp', { tool: 'echo' }));
    out('send', { id: sent.id, contextId: sent.contextId, state: TaskState[sent.status?.state], text: artifactsOf(sent) });
    const got = await client.getTask({ id: sent.id, historyLength: 1, tenant: '' });
    out('get', { id: got.id, state: TaskState[got.status?.state], history: got.history.length, text: artifactsOf(got) });
    const listed = await client.listTasks({ tenant: '', contextId: sent.contextId, status: TaskState.TASK_STATE_UNSPECIFIED,
      pageSize: 10, pageToken: '', historyLength: undefined, statusTimestampAfter: undefined, includeArtifacts: true });
    out('list', { ids: listed.tasks.map((t) => t.id), totalSize: listed.totalSize, text: listed.tasks.map(artifactsOf).join('') });
    out('cancel', { error: await errorOf(() => client.cancelTask({ id: sent.id, tenant: '', metadata: undefined })) });
    out('unknown', { error: await errorOf(() => client.getTask({ id: randomUUID(), tenant: '' })) });
    const failed = await client.sendMessage(send('no such tool', { tool: 'nope' }));
    out('unknown-tool', { state: TaskState[failed.status?.state], text: textOf(failed.status?.message?.parts) });
  } else if (scenario === 'stream') {
    for await (const ev of client.sendMessageStream(send('stream please'))) out('event', describe(ev));
    const started = await client.sendMessage(send('stream again', undefined, true));
    out('started', { id: started.id, state: TaskState[started.status?.state] });
    for await (const ev of client.resubscribeTask({ id: started.id, tenant: '' })) out('followed', describe(ev));
    const done = await client.getTask({ id: started.id, tenant: '' });
    out('get', { state: TaskState[done.status?.state], text: artifactsOf(done) });
    out('subscribe-done', { error: await errorOf(async () => {
      for await (const ev of client.resubscribeTask({ id: started.id, tenant: '' })) out('unexpected', describe(ev));
    }) });
  } else {
    throw new Error(`unknown scenario ${scenario}`);
  }
  out('done');
} catch (e) {
  out('failed', { error: e.constructor.name, message: String(e.message ?? e) });
  process.exit(1);
}
