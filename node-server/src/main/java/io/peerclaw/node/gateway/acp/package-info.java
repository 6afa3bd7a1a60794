/**
 * The ACP front door: IBM/BeeAI's Agent Communication Protocol 0.2 ({@code docs/spec/openapi.yaml}
 * of i-am-bee/acp, as the npm {@code acp-sdk} client speaks it) at {@code /acp}. Every agent the
 * caller may call is an ACP agent named by its id; a run is a gateway task and its session the
 * task's context. Requests are translated to the gateway's neutral envelope and answers back;
 * nothing here calls an agent itself. ADR 15 records the choices ACP leaves open.
 */
package io.peerclaw.node.gateway.acp;
