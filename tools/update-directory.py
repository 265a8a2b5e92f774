#!/usr/bin/env python3
# update-directory.py — builds Carebook's directory of health systems
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   tools/update-directory.py [--date YYYY-MM-DD] [--source URL] [--source-name TEXT]
#                             [--programmes FILE] [--output FILE] INPUT...
#
# Each INPUT is a file or a folder of files, either
#   - a vendor's published endpoint list as ONC's Lantern project collects them
#     ({"Endpoints": [{"URL", "OrganizationName", "NPIID", "OrganizationZipCode"}]},
#     one file a vendor, named <Vendor>_EndpointSources.json), or
#   - a vendor's published SMART App Launch "User-access Brands" Bundle
#     (Organization brands with their portals, logos and Endpoints).
#
# The output is one User-access Brands Bundle, compact JSON compressed with
# gzip (data/directory/carebook-directory.json.gz): one Organization a health
# system (name, state and zip code where known, logo and portal where the
# vendor gives them) pointing to its R4 Endpoint(s), and one Organization a
# vendor programme, which every Endpoint names as managingOrganization and
# which carries the programme's client id (an app registers once per vendor
# programme) and how its portals want the sign-in redirect. Those two come
# from --programmes (tools/directory-programmes.json), edited by hand; new
# vendors are added to it with no client id.
#
# What is dropped: DSTU2, STU3 and Argonaut (DSTU2) addresses, anything that
# is not https to a public host name, rows with no name, test and sandbox
# servers (a name with "test", "sandbox" or "demo"), the "open"
# (unauthenticated) twin of an address, and duplicates: one address a vendor
# for each (name, place).  The output is sorted and gzip'd without a time
# stamp, so the same inputs give the same bytes.
#
# HACKING.md ("The clinic directory") says when and how to run it.

import argparse
import collections
import gzip
import hashlib
import ipaddress
import json
import os
import re
import sys
import unicodedata
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'data', 'directory')

EXT_PROGRAMME = 'https://carebook.org/fhir/StructureDefinition/client-programme'
EXT_BRAND = 'http://hl7.org/fhir/StructureDefinition/organization-brand'
EXT_PORTAL = 'http://hl7.org/fhir/StructureDefinition/organization-portal'
EXT_FHIR_VERSION = 'http://hl7.org/fhir/StructureDefinition/endpoint-fhir-version'
CONNECTION_TYPE = {'system': 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type',
                   'code': 'hl7-fhir-rest'}
PAYLOAD_TYPE = [{'coding': [{'system': 'http://terminology.hl7.org/CodeSystem/endpoint-payload-type',
                             'code': 'none'}]}]
# Aggregators list other vendors' customers: an address they share with a
# vendor belongs to that vendor's programme.
AGGREGATORS = {'1Up'}
OLD_VERSIONS = re.compile(r'(^|[/_-])(dstu2|stu3|argonaut)([/_-]|$)', re.I)
ATHENA_STATE = re.compile(r'^([A-Z]{2}) - (.+)$')
# Vendors list their test and sandbox servers beside their customers'.
NOT_A_CLINIC = re.compile(r'\b(sandbox|test|tests|testing|demo)\b', re.I)


def read_table(name):
    with open(os.path.join(DATA, name), encoding='utf-8') as f:
        return [line.rstrip('\n').split('\t') for line in f
                if line.strip() and not line.startswith('#')]


ZIP3 = [(int(a), int(b), s) for a, b, s in read_table('zip3-states.tsv')]
STATES = {code: name for code, name in read_table('states.tsv')}


def state_of_zip(zip_code):
    if not zip_code or len(zip_code) < 3 or not zip_code[:3].isdigit():
        return None
    prefix = int(zip_code[:3])
    for first, last, state in ZIP3:
        if first <= prefix <= last:
            return state
    return None


def clean_zip(raw):
    digits = (raw or '').strip().split('-')[0]
    if not digits.isdigit():
        return None
    if len(digits) == 4:         # a leading zero lost by a spreadsheet
        digits = '0' + digits
    return digits if len(digits) == 5 else None


def fold(text):
    """Lower case, no accents, no apostrophes, other punctuation as spaces:
    the same folding as care_directory_fold() in src/core/care-directory.c."""
    text = unicodedata.normalize('NFKD', text)
    text = ''.join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’`´]", '', text)
    text = re.sub(r'[^a-z0-9]+', ' ', text)
    return text.strip()


def clean_name(name):
    name = re.sub(r'\s+', ' ', (name or '').replace('"', ' ')).strip(' ,;-')
    return name


def usable_url(url):
    """The address as Carebook would use it, or None."""
    url = (url or '').strip()
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or '').lower()
    if parts.scheme.lower() != 'https' or not host or '.' not in host:
        return None
    if host.endswith(('.local', '.localdomain', '.internal', '.lan', 'example.com',
                      'example.org', 'testclinic.com')) or host == 'localhost':
        return None
    try:
        ipaddress.ip_address(host)
        return None              # a bare IP address is never a public portal
    except ValueError:
        pass
    if OLD_VERSIONS.search(parts.path):
        return None
    port = '' if parts.port in (None, 443) else ':%d' % parts.port
    path = parts.path.rstrip('/')
    return urllib.parse.urlunsplit(('https', host + port, path, parts.query, ''))


def vendor_of_file(path):
    name = os.path.basename(path)
    name = re.sub(r'_?EndpointSources\.json$', '', name)
    name = re.sub(r'_\d+$', '', name)
    name = name.replace('_', ' ').replace('(', ' (').strip()
    name = re.sub(r'\s+', ' ', name)
    return name


def url_rank(url):
    """Lower is better, among addresses of one vendor for one organisation."""
    path = urllib.parse.urlsplit(url).path.lower()
    return (0 if 'r4' in path else 1,
            1 if re.search(r'/open(/|$)', path) else 0,
            0 if 'patient' in url.lower() else 1,
            len(url), url)


class Row:
    __slots__ = ('name', 'url', 'zip', 'state', 'vendor', 'logo', 'portal_name',
                 'portal_url', 'aliases', 'redirect')

    def __init__(self, name, url, vendor):
        self.name, self.url, self.vendor = name, url, vendor
        self.zip = self.state = self.logo = self.portal_name = self.portal_url = None
        self.aliases = []
        self.redirect = None


def read_lantern(path, data, rows, zips):
    vendor = vendor_of_file(path)
    for item in data.get('Endpoints') or []:
        if not isinstance(item, dict):
            continue
        raw_name = clean_name(item.get('OrganizationName'))
        raw_url = (item.get('URL') or '').strip()
        zip_code = clean_zip(item.get('OrganizationZipCode'))
        host = urllib.parse.urlsplit(raw_url).hostname or ''
        state = None
        match = ATHENA_STATE.match(raw_name)
        if match and match.group(1) in STATES:
            # athenahealth lists each practice as "ST - Name".
            state, raw_name = match.group(1), clean_name(match.group(2))
        if zip_code:
            # Another row (often the DSTU2 one) may know the place.
            zips[(fold(raw_name), host.lower())] = zip_code
        url = usable_url(raw_url)
        if (url is None or not raw_name or not re.search(r'[A-Za-z]{2}', raw_name) or
                NOT_A_CLINIC.search(raw_name)):
            continue
        row = Row(raw_name, url, vendor)
        row.zip, row.state = zip_code, state
        rows.append(row)


def extension(resource, url):
    for ext in resource.get('extension') or []:
        if isinstance(ext, dict) and ext.get('url') == url:
            return ext
    return None


def sub_value(ext, url):
    for sub in (ext or {}).get('extension') or []:
        if sub.get('url') == url:
            for key, value in sub.items():
                if key.startswith('value'):
                    return value
    return None


def read_brands(path, data, rows):
    """A vendor's User-access Brands Bundle: brands, their logos and portals."""
    vendor = (data.get('meta') or {}).get('source') or vendor_of_file(path)
    resources = {}
    for entry in data.get('entry') or []:
        resource = (entry or {}).get('resource') or {}
        kind, rid = resource.get('resourceType'), resource.get('id')
        if rid:
            resources['%s/%s' % (kind, rid)] = resource
        if entry.get('fullUrl'):
            resources[entry['fullUrl']] = resource
    seen = set()
    for resource in list(resources.values()):
        # A resource is found under its id and its fullUrl: read it once.
        if resource.get('resourceType') != 'Organization' or id(resource) in seen:
            continue
        seen.add(id(resource))
        name = clean_name(resource.get('name'))
        if not name or NOT_A_CLINIC.search(name):
            continue
        brand = extension(resource, EXT_BRAND)
        portal = extension(resource, EXT_PORTAL)
        address = (resource.get('address') or [{}])[0]
        refs = [r.get('reference') for r in resource.get('endpoint') or [] if isinstance(r, dict)]
        for ref in refs:
            endpoint = resources.get(ref)
            if not endpoint:
                continue
            version = (extension(endpoint, EXT_FHIR_VERSION) or {}).get('valueCode')
            if version and not str(version).startswith('4.'):
                continue
            url = usable_url(endpoint.get('address'))
            if url is None:
                continue
            row = Row(name, url, vendor)
            row.zip = clean_zip(address.get('postalCode'))
            row.state = address.get('state') if address.get('state') in STATES else None
            row.logo = sub_value(brand, 'brandLogo')
            row.portal_name = sub_value(portal, 'portalName')
            row.portal_url = sub_value(portal, 'portalUrl')
            row.aliases = [a for a in resource.get('alias') or [] if isinstance(a, str)]
            rows.append(row)


def read_inputs(paths):
    rows, zips = [], {}
    files = []
    for path in paths:
        if os.path.isdir(path):
            files += sorted(os.path.join(path, f) for f in os.listdir(path) if f.endswith('.json'))
        else:
            files.append(path)
    for path in files:
        with open(path, encoding='utf-8-sig') as f:
            try:
                data = json.load(f)
            except ValueError as error:
                sys.exit('%s: not JSON (%s)' % (path, error))
        if isinstance(data, dict) and 'Endpoints' in data:
            read_lantern(path, data, rows, zips)
        elif isinstance(data, dict) and data.get('resourceType') == 'Bundle':
            read_brands(path, data, rows)
        else:
            sys.exit('%s: neither an endpoint list nor a FHIR Bundle' % path)
    return rows, zips


def assign_vendors(rows):
    """An address an aggregator shares with a vendor is that vendor's; an
    aggregator-only address on a vendor's host is that vendor's too."""
    by_url = collections.defaultdict(set)
    by_host = collections.defaultdict(set)
    for row in rows:
        if row.vendor not in AGGREGATORS:
            by_url[row.url].add(row.vendor)
            by_host[urllib.parse.urlsplit(row.url).hostname].add(row.vendor)
    for row in rows:
        owners = by_url.get(row.url)
        if owners and len(owners) > 1:
            # Two lists of one vendor (athenahealth publishes two): one programme.
            row.vendor = min(owners)
            continue
        if row.vendor in AGGREGATORS:
            owners = by_url.get(row.url) or by_host.get(urllib.parse.urlsplit(row.url).hostname)
            if owners and len(owners) == 1:
                row.vendor = next(iter(owners))


def brands_of(rows, zips):
    """(name, place) → the best address of each vendor, with what is known."""
    brands = collections.OrderedDict()
    for row in rows:
        host = urllib.parse.urlsplit(row.url).hostname
        if row.zip is None:
            row.zip = zips.get((fold(row.name), host))
        if row.state is None and row.zip:
            row.state = state_of_zip(row.zip)
        key = (fold(row.name), row.state or '')
        brand = brands.setdefault(key, {})
        best = brand.get(row.vendor)
        if best is None or url_rank(row.url) < url_rank(best.url):
            if best is not None:
                # Keep what the other row knew.
                row.zip = row.zip or best.zip
                row.logo = row.logo or best.logo
                row.portal_name = row.portal_name or best.portal_name
                row.portal_url = row.portal_url or best.portal_url
                row.aliases = row.aliases or best.aliases
            brand[row.vendor] = row
        else:
            best.zip = best.zip or row.zip
            best.logo = best.logo or row.logo
            best.aliases = best.aliases or row.aliases
    # The same name with and without a state is one place, when only one
    # state has it.
    states_of = collections.defaultdict(list)
    for folded, state in brands:
        if state:
            states_of[folded].append((folded, state))
    for (folded, state) in [k for k in brands if k[1] == '']:
        others = states_of.get(folded, [])
        if len(others) == 1:
            target = brands[others[0]]
            for vendor, row in brands.pop((folded, '')).items():
                target.setdefault(vendor, row)
    return brands


def short_id(prefix, text):
    return prefix + hashlib.sha1(text.encode('utf-8')).hexdigest()[:10]


def load_programmes(path):
    if path and os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            return json.load(f)
    return {}


def build_bundle(brands, programmes, args):
    entries, endpoints = [], {}
    used_vendors = set()
    organizations = []
    for (folded, state), by_vendor in brands.items():
        rows = sorted(by_vendor.values(), key=lambda r: (r.vendor, r.url))
        first = rows[0]
        org = {'resourceType': 'Organization', 'id': short_id('o', folded + '|' + state),
               'name': first.name}
        aliases = sorted({a for r in rows for a in r.aliases if a != first.name})
        if aliases:
            org['alias'] = aliases
        zip_code = next((r.zip for r in rows if r.zip), None)
        address = {}
        if state:
            address['state'] = state
        if zip_code:
            address['postalCode'] = zip_code
        if address:
            org['address'] = [address]
        logo = next((r.logo for r in rows if r.logo), None)
        extensions = []
        if logo:
            extensions.append({'url': EXT_BRAND,
                               'extension': [{'url': 'brandLogo', 'valueUrl': logo}]})
        refs = []
        for row in rows:
            endpoint_id = short_id('e', row.url)
            if {'reference': 'Endpoint/' + endpoint_id} in refs:
                continue
            if endpoint_id not in endpoints:
                endpoints[endpoint_id] = {
                    'resourceType': 'Endpoint', 'id': endpoint_id, 'status': 'active',
                    'connectionType': CONNECTION_TYPE, 'payloadType': PAYLOAD_TYPE,
                    'address': row.url,
                    'managingOrganization': {'reference': 'Organization/' + short_id('v', row.vendor)},
                }
            used_vendors.add(row.vendor)
            refs.append({'reference': 'Endpoint/' + endpoint_id})
            if row.portal_url or row.portal_name:
                portal = [{'url': 'portalEndpoint',
                           'valueReference': {'reference': 'Endpoint/' + endpoint_id}}]
                if row.portal_name:
                    portal.insert(0, {'url': 'portalName', 'valueString': row.portal_name})
                if row.portal_url:
                    portal.insert(0, {'url': 'portalUrl', 'valueUrl': row.portal_url})
                extensions.append({'url': EXT_PORTAL, 'extension': portal})
        if extensions:
            org['extension'] = extensions
        org['endpoint'] = refs
        organizations.append(org)

    organizations.sort(key=lambda o: (fold(o['name']), o['id']))
    vendors = []
    for vendor in sorted(used_vendors):
        programme = programmes.setdefault(vendor, {'clientId': None, 'redirect': 'loopback'})
        sub = [{'url': 'redirect', 'valueCode': programme.get('redirect') or 'loopback'}]
        if programme.get('clientId'):
            sub.insert(0, {'url': 'clientId', 'valueString': programme['clientId']})
        vendors.append({'resourceType': 'Organization', 'id': short_id('v', vendor),
                        'name': vendor,
                        'type': [{'text': 'Health IT vendor programme'}],
                        'extension': [{'url': EXT_PROGRAMME, 'extension': sub}]})

    for resource in organizations + vendors + sorted(endpoints.values(), key=lambda e: e['id']):
        entries.append({'resource': resource})

    return {
        'resourceType': 'Bundle',
        'id': 'carebook-directory',
        'meta': {
            'lastUpdated': args.date + 'T00:00:00Z',
            'source': args.source,
            'tag': [{'system': 'https://carebook.org/fhir/directory-source',
                     'code': 'source', 'display': args.source_name}],
        },
        'type': 'collection',
        'timestamp': args.date + 'T00:00:00Z',
        'entry': entries,
    }


def main():
    parser = argparse.ArgumentParser(description='Builds data/directory/carebook-directory.json.gz (see HACKING.md).')
    parser.add_argument('inputs', nargs='+', help='endpoint lists or brands bundles (files or folders)')
    parser.add_argument('--output', default=os.path.join(DATA, 'carebook-directory.json.gz'))
    parser.add_argument('--programmes', default=os.path.join(HERE, 'directory-programmes.json'),
                        help='vendor programmes: client id and redirect, kept between runs')
    parser.add_argument('--date', required=True, help='the date of the source lists, YYYY-MM-DD')
    parser.add_argument('--source', required=True, help='where the lists come from (a URL)')
    parser.add_argument('--source-name', default='the endpoint lists health IT vendors publish',
                        help='the source in words, shown in the app')
    args = parser.parse_args()
    if not re.fullmatch(r'\d{4}-\d{2}-\d{2}', args.date):
        sys.exit('--date: YYYY-MM-DD')

    rows, zips = read_inputs(args.inputs)
    assign_vendors(rows)
    brands = brands_of(rows, zips)
    programmes = load_programmes(args.programmes)
    bundle = build_bundle(brands, programmes, args)

    text = json.dumps(bundle, ensure_ascii=False, separators=(',', ':'), sort_keys=False)
    data = text.encode('utf-8')
    if args.output.endswith('.gz'):
        data = gzip.compress(data, 9, mtime=0)
    with open(args.output, 'wb') as f:
        f.write(data)
    if args.programmes:
        with open(args.programmes, 'w', encoding='utf-8') as f:
            json.dump(dict(sorted(programmes.items())), f, ensure_ascii=False, indent=2)
            f.write('\n')

    n_orgs = sum(1 for e in bundle['entry'] if e['resource']['resourceType'] == 'Organization'
                 and 'endpoint' in e['resource'])
    n_endpoints = sum(1 for e in bundle['entry'] if e['resource']['resourceType'] == 'Endpoint')
    print('%d health systems, %d addresses, %d vendor programmes; %s: %d bytes (%d uncompressed)'
          % (n_orgs, n_endpoints, len(programmes), args.output, len(data), len(text.encode('utf-8'))))


if __name__ == '__main__':
    main()
