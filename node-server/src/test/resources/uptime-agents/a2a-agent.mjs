// An A2A v1.0 agent made with the official SDK (@a2a-js/sdk): its card at
// /.well-known/agent-card.json and JSON-RPC at /a2a/jsonrpc. It echoes text. PORT is required.
import express from 'express';
import { A2A_PROTOCOL_VERSION, AGENT_CARD_PATH, TaskState } from '@a2a-js/sdk';
import { DefaultRequestHandler, InMemoryTaskStore, AgentEvent } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, UserBuilder } from '@a2a-js/sdk/server/express';

const port = Number(process.env.PORT);
const card = {
  name: 'Probe target', description: 'echoes text for uptime probes', version: '1.0.0',
  supportedInterfaces: [{ url: `http://127.0.0.1:${port}/a2a/jsonrpc`, protocolBinding: 'JSONRPC',
    tenant: '', protocolVersion: A2A_PROTOCOL_VERSION }],
  capabilities: { streaming: false, pushNotifications: false, extensions: [], extendedAgentCard: false },
  securitySchemes: {}, securityRequirements: [], defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'], signatures: [],
  skills: [{ id: 'echo', name: 'Echo', description: 'echo', tags: ['echo'], examples: [],
    inputModes: [], outputModes: [], securityRequirements: [] }],
};
const executor = {
  cancelTask: async () => {},
  async execute(ctx, bus) {
    bus.publish(AgentEvent.statusUpdate({ taskId: ctx.taskId, contextId: ctx.contextId,
      status: { state: TaskState.TASK_STATE_COMPLETED, timestamp: new Date().toISOString(),
        message: undefined }, metadata: undefined }));
  },
};
const handler = new DefaultRequestHandler(card, new InMemoryTaskStore(), executor);
const app = express();
app.use((req, _res, next) => { console.log('REQ', req.method, req.path); next(); });
app.use(`/${AGENT_CARD_PATH}`, agentCardHandler({ agentCardProvider: handler }));
app.use('/a2a/jsonrpc', jsonRpcHandler({ requestHandler: handler, userBuilder: UserBuilder.noAuthentication }));
app.listen(port, '127.0.0.1', () => console.log('listening', port));
