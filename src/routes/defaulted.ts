// A query parameter the client may leave out, with a default.
import Type, { type TSchema } from 'typebox';

/**
 * Optional in the schema (not in `required`, so the OpenAPI document does not
 * ask for it), yet typed as present: Fastify's Ajv runs with useDefaults, so
 * the handler always receives the default when the client sends nothing.
 */
export function Defaulted<T extends TSchema>(schema: T): T {
  if (!('default' in schema)) throw new TypeError('Defaulted() needs a schema with a default');
  return Type.Optional(schema) as unknown as T;
}
