import { context, propagation, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { Resource } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { WorkerOptions } from '@temporalio/worker';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';

/**
 * OpenTelemetry tracing: HTTP request -> Temporal update/start (client interceptor) -> workflow
 * (sandbox interceptors, exported through a sink) -> activities. Off unless an OTLP endpoint is
 * configured (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, read by the
 * exporter itself) or a test passes an exporter.
 *
 * Spans carry names, route templates, workflow types and ids (random, see workflowIdFor), step
 * names and statuses: never bodies, queries, payloads or error messages (they may name a person).
 */
export interface Tracing {
  tracer: Tracer;
  /** For Client({ interceptors }). */
  clientInterceptors: { workflow: WorkflowClientInterceptor[] };
  /** Spread into Worker.create options. */
  workerOptions: Pick<WorkerOptions, 'interceptors' | 'sinks'>;
  shutdown(): Promise<void>;
}

export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return (
    Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) &&
    env.OTEL_SDK_DISABLED !== 'true'
  );
}

/**
 * Installs the global tracer provider for this process. Returns undefined when tracing is off.
 * @param exporter for tests (e.g. InMemorySpanExporter); spans are then exported one by one.
 */
export function startTracing(
  serviceName: string,
  o: { exporter?: SpanExporter; env?: NodeJS.ProcessEnv } = {},
): Tracing | undefined {
  let processor: SpanProcessor;
  if (o.exporter) {
    processor = new SimpleSpanProcessor(o.exporter);
  } else if (tracingConfigured(o.env)) {
    // Loaded only when configured: the exporter pulls in protobuf and http machinery.
    const { OTLPTraceExporter } =
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
    processor = new BatchSpanProcessor(new OTLPTraceExporter());
  } else {
    return undefined;
  }
  const resource = new Resource({ 'service.name': process.env.OTEL_SERVICE_NAME || serviceName });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register(); // AsyncLocalStorage context manager and W3C trace-context propagator
  const tracer = trace.getTracer('toewijzing');
  const clientInterceptor = new OpenTelemetryWorkflowClientInterceptor({ tracer });
  return {
    tracer,
    clientInterceptors: { workflow: [clientInterceptor] },
    workerOptions: {
      interceptors: {
        workflowModules: [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')],
        activity: [
          (ctx) => ({
            inbound: new OpenTelemetryActivityInboundInterceptor(ctx, { tracer }),
            outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
          }),
        ],
      },
      sinks: { exporter: makeWorkflowExporter(processor, resource) },
    },
    async shutdown() {
      await provider.shutdown();
    },
  };
}

type Req = {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  route?: { path?: unknown };
  baseUrl: string;
};
type Res = { statusCode: number; on(event: 'finish' | 'close', fn: () => void): unknown };

/**
 * Express middleware: one server span per request, a child of the caller's `traceparent` if any,
 * named `METHOD /route/:template` once the route is known. The Temporal calls made while handling
 * the request run inside it, so the client interceptor links the workflow to it.
 */
export function httpTracing(tracer: Tracer) {
  return (req: Req, res: Res, next: () => void) => {
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(
      req.method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } },
      parent,
    );
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const path = req.route?.path;
      const route =
        typeof path === 'string' ? `${/^[/a-z_-]*$/i.test(req.baseUrl) ? req.baseUrl : '/:mount'}${path}` : 'unmatched';
      span.updateName(`${req.method} ${route}`);
      span.setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.on('finish', end);
    res.on('close', end);
    context.with(trace.setSpan(parent, span), next);
  };
}
