/** The OpenAPI 3 description of the HTTP API, served at /openapi.json and shown on the app's /docs page. */
import { SCHEMA_VERSION } from '../result.js';
import { SORT_KEYS, MAX_PAGE_SIZE } from '../store/types.js';

const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description: string): object => ({ description, content: { 'application/json': { schema } } });
const err = (description: string): object => json(ref('Error'), description);
const qp = (name: string, description: string, schema: object = { type: 'string' }): object => ({ name, in: 'query', required: false, description, schema });

const filters = [
  qp('q', 'Full-text search over title and text: words (all must match), "quoted phrases", prefix*.'),
  qp('from', 'Publication date on or after (YYYY, YYYY-MM or YYYY-MM-DD).'),
  qp('to', 'Publication date on or before.'),
  qp('outlet', 'Credited outlet, site name or declared source (name or code, case-insensitive).'),
  qp('actor', 'Actor code, e.g. RUS.'),
  qp('technique', 'Technique label, e.g. Loaded_Language.'),
  qp('ids', 'Comma-separated document ids.'),
];
const sorting = [
  qp('sort', 'Sort key (default: relevance with q, else created).', { type: 'string', enum: [...SORT_KEYS] }),
  qp('order', 'asc or desc (default desc; asc for title).', { type: 'string', enum: ['asc', 'desc'] }),
];

export function openApi(): object {
  return {
    openapi: '3.0.3',
    info: {
      title: 'slant API',
      version: SCHEMA_VERSION,
      description:
        'Analyse articles into actors, relations and persuasion techniques; store and search them. Offsets count Unicode code points into `text`. Errors always have the shape {"error":{"code":"E…","message":"…"}}. When the server was started with SLANT_TOKEN, POST and DELETE need `Authorization: Bearer <token>`; with SLANT_READONLY=1 they are refused.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string', example: 'E410' }, message: { type: 'string' } } } },
        },
        AnalyzeRequest: {
          type: 'object',
          description: 'Exactly one of text, html or url.',
          properties: {
            text: { type: 'string', maxLength: 5_000_000, description: 'The article as plain text (UTF-8).' },
            html: { type: 'string', description: 'An HTML page: the main text and its metadata (title, date, byline, site) are extracted.' },
            url: { type: 'string', format: 'uri', description: 'http(s) only; loopback and private addresses are refused unless the server allows them.' },
            title: { type: 'string', description: 'Overrides the title found in the input.' },
            date: { type: 'string', description: 'Publication date, ISO 8601, e.g. 2022-05-05.' },
            source: { type: 'string', description: 'Where the document came from (outlet, feed, collection); searchable as an outlet.' },
            byline: { type: 'string', description: 'Author(s).' },
          },
          additionalProperties: false,
        },
        AnalysisResult: {
          type: 'object',
          description: 'The result of `slant analyze --format json` (see the README for every field).',
          required: ['schemaVersion', 'text', 'meta', 'actors', 'relations', 'techniques'],
          properties: {
            schemaVersion: { type: 'string' },
            id: { type: 'string', nullable: true },
            text: { type: 'string' },
            meta: { type: 'object' },
            sentences: { type: 'array', items: { type: 'object' } },
            actors: { type: 'array', items: { type: 'object' } },
            relations: { type: 'array', items: { type: 'object' } },
            techniques: { type: 'array', items: { type: 'object' } },
          },
        },
        StoredDocument: {
          type: 'object',
          required: ['id', 'created', 'result'],
          properties: { id: { type: 'string' }, created: { type: 'string', format: 'date-time' }, result: ref('AnalysisResult') },
        },
        DocumentSummary: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            created: { type: 'string' },
            title: { type: 'string', nullable: true },
            date: { type: 'string', nullable: true },
            language: { type: 'string', nullable: true },
            url: { type: 'string', nullable: true },
            outlets: { type: 'array', items: { type: 'string' } },
            actors: { type: 'array', items: { type: 'string' } },
            techniques: { type: 'object', additionalProperties: { type: 'integer' } },
            words: { type: 'integer' },
            snippet: { type: 'string' },
          },
        },
        SearchPage: {
          type: 'object',
          properties: { total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' }, items: { type: 'array', items: ref('DocumentSummary') } },
        },
        ActorGraph: {
          type: 'object',
          description: 'Signed actor graph: edges with sign (+1 cooperation, −1 conflict, 0 co-mention), weight, direction and evidence sentences; triads with their structural balance.',
          properties: {
            documents: { type: 'array', items: { type: 'object' } },
            nodes: { type: 'array', items: { type: 'object' } },
            edges: { type: 'array', items: { type: 'object' } },
            triads: { type: 'array', items: { type: 'object' } },
            balance: { type: 'object' },
          },
        },
      },
    },
    paths: {
      '/api/analyze': {
        post: {
          summary: 'Analyse text, HTML or a URL; store and return the document',
          security: [{ bearer: [] }, {}],
          requestBody: { required: true, content: { 'application/json': { schema: ref('AnalyzeRequest') } } },
          responses: {
            '201': json(ref('StoredDocument'), 'Analysed and stored'),
            '400': err('Invalid input (the message names the field)'),
            '401': err('Token required'),
            '403': err('Read-only server'),
            '413': err('Body or text too large'),
            '415': err('Body is not application/json'),
            '422': err('URL refused (scheme or private address)'),
            '502': err('URL could not be fetched'),
            '503': err('Too many analyses waiting'),
            '504': err('Analysis timed out'),
          },
        },
      },
      '/api/documents': {
        get: {
          summary: 'Search stored documents',
          parameters: [
            ...filters,
            ...sorting,
            qp('page', '1-based page number.', { type: 'integer', minimum: 1 }),
            qp('pageSize', `Items per page (1–${MAX_PAGE_SIZE}, default 20).`, { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE }),
          ],
          responses: { '200': json(ref('SearchPage'), 'One page of results'), '400': err('Invalid parameter') },
        },
      },
      '/api/documents/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: { summary: 'One stored document with its full result', responses: { '200': json(ref('StoredDocument'), 'The document'), '404': err('No such document') } },
        delete: {
          summary: 'Delete a document',
          security: [{ bearer: [] }, {}],
          responses: { '204': { description: 'Deleted' }, '401': err('Token required'), '403': err('Read-only server'), '404': err('No such document') },
        },
      },
      '/api/documents/{id}/report': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          summary: 'The document as one standalone HTML page (what `slant analyze --format html` writes)',
          responses: { '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } }, '404': err('No such document') },
        },
      },
      '/api/graph': {
        get: {
          summary: `Actor graph of a selection (ids or search filters; at most 500 documents)`,
          parameters: filters,
          responses: { '200': json(ref('ActorGraph'), 'The graph'), '400': err('Invalid parameter') },
        },
      },
      '/api/export': {
        get: {
          summary: 'Export matching documents as JSON (full results) or CSV',
          parameters: [qp('format', 'json (default) or csv', { type: 'string', enum: ['json', 'csv'] }), ...filters, ...sorting],
          responses: {
            '200': { description: 'A file download', content: { 'application/json': { schema: { type: 'array', items: ref('StoredDocument') } }, 'text/csv': { schema: { type: 'string' } } } },
            '400': err('Invalid parameter'),
          },
        },
      },
      '/api/facets': { get: { summary: 'Outlets, actors and techniques present in the store, with counts', responses: { '200': json({ type: 'object' }, 'Facets') } } },
      '/api/meta': { get: { summary: 'Technique titles and definitions; whether the server is read-only or needs a token', responses: { '200': json({ type: 'object' }, 'Meta') } } },
      '/api/health': { get: { summary: 'Liveness and number of stored documents', responses: { '200': json({ type: 'object' }, 'OK') } } },
    },
  };
}
