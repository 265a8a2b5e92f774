#!/usr/bin/env python3
# check-directory-update.py — tools/update-directory.py on a small fixture
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-directory-update.py SRCDIR — runs the directory update script on
tests/fixtures/directory/update (a few rows of real vendors' endpoint lists
and a vendor's brands bundle) and checks what it writes: R4 only, no
duplicates, places from zip codes and athenahealth's "ST - " prefixes, no
http, IP, test or nameless rows, each endpoint's vendor programme with the
client id kept between runs, the brand's logo, and the same bytes twice."""
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile

root = sys.argv[1]
fixture = os.path.join(root, 'tests', 'fixtures', 'directory', 'update')
errors = []


def check(condition, message):
    if not condition:
        errors.append(message)


def run(tmp, name):
    output = os.path.join(tmp, name)
    subprocess.run([sys.executable, os.path.join(root, 'tools', 'update-directory.py'),
                    '--date', '2026-05-01', '--source', 'https://example.org/lists',
                    '--source-name', 'Example Lists',
                    '--programmes', os.path.join(tmp, 'programmes.json'),
                    '--output', output,
                    os.path.join(fixture, 'lantern'), os.path.join(fixture, 'vendor-brands.json')],
                   check=True, stdout=subprocess.DEVNULL)
    with open(output, 'rb') as f:
        return f.read()


with tempfile.TemporaryDirectory() as tmp:
    shutil.copy(os.path.join(fixture, 'programmes.json'), tmp)
    first = run(tmp, 'first.json.gz')
    second = run(tmp, 'second.json.gz')
    check(first == second, 'two runs on the same input differ')
    with open(os.path.join(tmp, 'programmes.json')) as f:
        programmes = json.load(f)

bundle = json.loads(gzip.decompress(first))
resources = {'%s/%s' % (e['resource']['resourceType'], e['resource']['id']): e['resource']
             for e in bundle['entry']}
brands = {r['name']: r for r in resources.values()
          if r['resourceType'] == 'Organization' and 'endpoint' in r}


def addresses(name):
    return [resources[ref['reference']]['address'] for ref in brands[name]['endpoint']]


def programme(name):
    endpoint = resources[brands[name]['endpoint'][0]['reference']]
    vendor = resources[endpoint['managingOrganization']['reference']]
    parts = {p['url']: p.get('valueString', p.get('valueCode'))
             for p in vendor['extension'][0]['extension']}
    return vendor['name'], parts


check(bundle['resourceType'] == 'Bundle' and bundle['type'] == 'collection', 'not a Bundle collection')
check(bundle['meta']['lastUpdated'] == '2026-05-01T00:00:00Z', 'date not recorded')
check(bundle['meta']['source'] == 'https://example.org/lists', 'source not recorded')
check(bundle['meta']['tag'][0]['display'] == 'Example Lists', 'source name not recorded')

expected = {"Children's Hospital Colorado", 'Denver Health', 'Valley Clinic', 'Mountain Orthopedics',
            'Mile High Pediatrics', 'Clínica Familiar', 'Kagan Orthopedics', 'Lakeside Health'}
check(set(brands) == expected, 'health systems: %s' % sorted(brands))

if not errors:
    # R4 only, once each, whoever listed it (Epic's two lists, 1Up).
    check(addresses("Children's Hospital Colorado") ==
          ['https://fhir.childrenscolorado.org/fhirprd/api/FHIR/R4'], 'Children\'s addresses')
    # The zip code 1Up gives on the DSTU2 row is the R4 brand's, and its state.
    check(brands["Children's Hospital Colorado"]['address'] == [{'state': 'CO', 'postalCode': '80909'}],
          'Children\'s place: %s' % brands["Children's Hospital Colorado"].get('address'))
    check(brands['Valley Clinic']['address'] == [{'state': 'NJ', 'postalCode': '07052'}],
          'a zip code that lost its leading zero')
    check(brands['Mountain Orthopedics']['address'] == [{'state': 'CO', 'postalCode': '80045'}],
          'a zip+4 code')
    check(brands['Mile High Pediatrics']['address'] == [{'state': 'CO'}], 'athenahealth\'s state prefix')
    check(brands['Clínica Familiar']['address'] == [{'state': 'TX'}], 'an accented athenahealth name')
    # Not the "open" (unauthenticated) twin.
    check(addresses('Kagan Orthopedics') == ['https://fhir.fhirpoint.open.allscripts.com/fhirroute/fhir/1421'],
          'Kagan addresses: %s' % addresses('Kagan Orthopedics'))
    # A brands bundle: its R4 endpoint only, its logo, portal and aliases.
    lakeside = brands['Lakeside Health']
    check(addresses('Lakeside Health') == ['https://fhir.lakeside.example.net/api/FHIR/R4'], 'Lakeside R4')
    check(lakeside.get('alias') == ['Lakeside Medical Group'], 'Lakeside alias')
    check(lakeside['address'] == [{'state': 'WI', 'postalCode': '53703'}], 'Lakeside place')
    exts = {e['url']: e for e in lakeside.get('extension', [])}
    brand = exts.get('http://hl7.org/fhir/StructureDefinition/organization-brand')
    check(brand is not None and brand['extension'][0]['valueUrl'] == 'https://lakeside.example.net/logo.png',
          'Lakeside logo')
    check('http://hl7.org/fhir/StructureDefinition/organization-portal' in exts, 'Lakeside portal')
    # Vendor programmes: the client id kept, the redirect kept; an
    # aggregator's row belongs to the vendor of its host.
    vendor, parts = programme("Children's Hospital Colorado")
    check(vendor == 'Epic Systems Corporation', 'Children\'s vendor: %s' % vendor)
    check(parts == {'clientId': 'carebook-epic-0001', 'redirect': 'private-scheme'}, 'Epic programme: %s' % parts)
    check(programme('Valley Clinic')[0] == 'Cerner Corporation', 'a 1Up row on a Cerner host')
    check(programme('Mile High Pediatrics')[1] == {'redirect': 'loopback'}, 'a programme with no client id')
    check(programmes['Epic Systems Corporation']['clientId'] == 'carebook-epic-0001',
          'the programmes file lost a client id')
    check('Cerner Corporation' in programmes, 'a new vendor is not added to the programmes file')
    # Every endpoint is R4 over https to a named host, and used once.
    endpoints = [r for r in resources.values() if r['resourceType'] == 'Endpoint']
    check(all(e['address'].startswith('https://') and 'DSTU2' not in e['address'] for e in endpoints),
          'an endpoint that is not https R4')
    check(len({e['address'] for e in endpoints}) == len(endpoints), 'a duplicate endpoint')

for message in errors:
    print(message)
sys.exit(1 if errors else 0)
