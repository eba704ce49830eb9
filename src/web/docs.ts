/** The API docs page (/docs): the OpenAPI document rendered as a readable list, plus the raw JSON. */
import { api } from './api.js';
import { h } from './dom.js';

interface Op {
  summary?: string;
  parameters?: Array<{ name: string; in: string; description?: string }>;
  responses?: Record<string, { description?: string }>;
  requestBody?: unknown;
}

type Schema = { description?: string; properties?: Record<string, { type?: string; description?: string }> };

/** The JSON body's fields, from the schema the request body refers to. */
function bodyFields(doc: { components?: { schemas?: Record<string, Schema> } }, body: unknown): HTMLElement {
  const ref = (body as { content?: Record<string, { schema?: { $ref?: string } }> }).content?.['application/json']?.schema?.$ref ?? '';
  const schema = doc.components?.schemas?.[ref.split('/').pop() ?? ''];
  if (!schema?.properties) return h('p', null, 'Body: JSON (see /openapi.json).');
  return h(
    'div',
    null,
    h('p', null, 'JSON body', schema.description ? ` — ${schema.description}` : '', ':'),
    h('dl', null, Object.entries(schema.properties).map(([k, v]) => [h('dt', null, h('code', null, k), v.type ? ` (${v.type})` : ''), h('dd', null, v.description ?? '')])),
  );
}

export async function docsPage(root: HTMLElement): Promise<void> {
  const doc = (await api.openapi()) as { info?: { title?: string; version?: string; description?: string }; paths?: Record<string, Record<string, Op>>; components?: { schemas?: Record<string, Schema> } };
  root.append(
    h('h1', null, `${doc.info?.title ?? 'API'} ${doc.info?.version ?? ''}`),
    h('p', null, doc.info?.description ?? ''),
    h('p', null, 'Machine-readable: ', h('a', { href: '/openapi.json' }, '/openapi.json'), ' (OpenAPI 3).'),
  );
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      if (method === 'parameters') continue;
      const params = [...((ops as { parameters?: Op['parameters'] }).parameters ?? []), ...(op.parameters ?? [])];
      root.append(
        h(
          'section',
          { class: 'endpoint' },
          h('h2', null, h('code', null, `${method.toUpperCase()} ${path}`)),
          h('p', null, op.summary ?? ''),
          op.requestBody ? bodyFields(doc, op.requestBody) : null,
          params.length ? h('dl', null, params.map((p) => [h('dt', null, h('code', null, p.name), ` (${p.in})`), h('dd', null, p.description ?? '')])) : null,
          h('p', { class: 'muted' }, 'Responses: ', Object.entries(op.responses ?? {}).map(([code, r]) => `${code} ${r.description ?? ''}`).join(' · ')),
        ),
      );
    }
  }
}
