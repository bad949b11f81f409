import { ServiceError } from '@temporalio/client';
import { isDatabaseUnavailable, isTemporalUnavailable } from '../../api/http/errors';

// The shapes a database outage takes on its way up (seen in test/faults): each must be a 503, not a 500.
const prismaError = (name: string, code: string | undefined, meta?: unknown) =>
  Object.assign(new Error('x'), { name, code, meta });
const adapterError = (cause: unknown) => Object.assign(new Error('adapter'), { name: 'DriverAdapterError', cause });

test.each([
  [
    'P1001 database not reachable',
    prismaError('PrismaClientKnownRequestError', 'P1001', { kind: 'DatabaseNotReachable' }),
  ],
  [
    'P2010 with 57P01 (administrator shutdown)',
    prismaError('PrismaClientKnownRequestError', 'P2010', {
      originalCode: '57P01',
      kind: 'postgres',
      code: '57P01',
      severity: 'FATAL',
    }),
  ],
  [
    'P2010 with the adapter error in meta',
    prismaError('PrismaClientKnownRequestError', 'P2010', {
      driverAdapterError: adapterError({ kind: 'postgres', code: '57P03', originalCode: '57P03' }),
    }),
  ],
  ['P2028 transaction API error', prismaError('PrismaClientKnownRequestError', 'P2028')],
  [
    'DriverAdapterError 57P01 in a transaction',
    adapterError({
      kind: 'postgres',
      code: '57P01',
      severity: 'FATAL',
      message: 'terminating connection due to administrator command',
    }),
  ],
  [
    'DriverAdapterError 57P03 (starting up)',
    adapterError({ kind: 'postgres', code: '57P03', severity: 'FATAL', message: 'the database system is starting up' }),
  ],
  ['DriverAdapterError connection closed', adapterError({ kind: 'ConnectionClosed' })],
  ['pg: not queryable', new Error('Client has encountered a connection error and is not queryable')],
  ['pg: connection terminated', new Error('Connection terminated unexpectedly')],
  ['pg: pool timeout', new Error('timeout exceeded when trying to connect')],
  ['socket ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
  ['PrismaClientInitializationError', prismaError('PrismaClientInitializationError', undefined)],
])('a database outage (%s) is unavailable', (_name, err) => {
  expect(isDatabaseUnavailable(err)).toBe(true);
});

test.each([
  ['a unique violation', prismaError('PrismaClientKnownRequestError', 'P2002')],
  ['a syntax error', adapterError({ kind: 'postgres', code: '42601', severity: 'ERROR' })],
  ['a plain error', new Error('boom')],
  ['not an error', 'text'],
])('%s is not a database outage', (_name, err) => {
  expect(isDatabaseUnavailable(err)).toBe(false);
});

test('Temporal unavailable, also when the SDK wrapped the gRPC error', () => {
  const grpc = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
    code: 14,
    details: 'x',
    metadata: {},
  });
  expect(isTemporalUnavailable(grpc)).toBe(true);
  expect(isTemporalUnavailable(new ServiceError('Workflow Update failed', { cause: grpc }))).toBe(true);
  expect(
    isTemporalUnavailable(
      new ServiceError('Workflow Update failed', {
        cause: Object.assign(new Error('5 NOT_FOUND'), { code: 5, details: 'x', metadata: {} }),
      }),
    ),
  ).toBe(false);
});

test.each([
  [8, 'RESOURCE_EXHAUSTED: Workflow is busy', true],
  [4, 'DEADLINE_EXCEEDED', true],
  [3, 'INVALID_ARGUMENT', false],
  [9, 'FAILED_PRECONDITION: Namespace is not active', false],
  [9, 'FAILED_PRECONDITION: Workflow state is not ready to handle the request.', true],
  [9, 'FAILED_PRECONDITION: Workflow task is not scheduled yet.', true],
])('gRPC %i (%s) wrapped in a ServiceError: unavailable %s', (code, text, unavailable) => {
  const details = text.split(': ')[1] ?? text;
  const grpc = Object.assign(new Error(`${code} ${text}`), { code, details, metadata: {} });
  expect(isTemporalUnavailable(new ServiceError('Workflow Update failed', { cause: grpc }))).toBe(unavailable);
});
