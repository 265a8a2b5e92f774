#!/usr/bin/env python3
# make-health-export.py — writes an Apple Health export shaped like a real one
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   make-health-export.py OUT.zip [--days N | --megabytes M] [--xml] [--csv OUT.csv]
#
# The zip holds apple_health_export/export.xml (with the DOCTYPE's internal
# subset, ExportDate, Me, a Record per sample with sourceName, sourceVersion,
# device and MetadataEntry children, blood pressures as Correlations whose two
# Records are exported again on their own, Workouts and ActivitySummaries, and
# kinds Carebook does not import), export_cda.xml and a workout route, as
# iPhone's Health app writes them. It is written as a stream, so a 200 MB
# export needs no memory to speak of.
#
# On standard output it prints what Carebook should find, worked out here
# independently of the C importer: one "kind<TAB>count" line per kind, then
# "first", "last" (UTC, ISO 8601) and "implausible". --xml writes the bare
# export.xml instead of the zip; --csv also writes the same readings as a CSV
# file (date, kind, value, unit).
import argparse
import datetime
import random
import sys
import zipfile

DOCTYPE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 13 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Me EMPTY>
<!ATTLIST Me
  HKCharacteristicTypeIdentifierDateOfBirth         CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBiologicalSex       CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBloodType           CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT MetadataEntry EMPTY>
<!ATTLIST MetadataEntry
  key   CDATA #REQUIRED
  value CDATA #REQUIRED
>
<!ELEMENT Correlation ((MetadataEntry|Record)*)>
<!ATTLIST Correlation
  type          CDATA #REQUIRED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute)*)>
<!ATTLIST Workout
  workoutActivityType   CDATA #REQUIRED
  duration              CDATA #IMPLIED
  durationUnit          CDATA #IMPLIED
  sourceName            CDATA #REQUIRED
  startDate             CDATA #REQUIRED
  endDate               CDATA #REQUIRED
>
<!ELEMENT WorkoutEvent EMPTY>
<!ATTLIST WorkoutEvent type CDATA #REQUIRED date CDATA #REQUIRED>
<!ELEMENT WorkoutRoute ((MetadataEntry|FileReference)*)>
<!ATTLIST WorkoutRoute sourceName CDATA #REQUIRED startDate CDATA #REQUIRED endDate CDATA #REQUIRED>
<!ELEMENT FileReference EMPTY>
<!ATTLIST FileReference path CDATA #REQUIRED>
<!ELEMENT ActivitySummary EMPTY>
<!ATTLIST ActivitySummary
  dateComponents           CDATA #IMPLIED
  activeEnergyBurned       CDATA #IMPLIED
  appleExerciseTime        CDATA #IMPLIED
  appleStandHours          CDATA #IMPLIED
>
]>
<HealthData locale="en_US">
 <ExportDate value="2026-11-30 09:12:44 -0500"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1981-04-02" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet"/>
"""

WATCH = ('&lt;&lt;HKDevice: 0x283c4a8a0&gt;, name:Apple Watch, manufacturer:Apple Inc., '
         'model:Watch, hardware:Watch6,2, software:10.1&gt;')
PHONE = ('&lt;&lt;HKDevice: 0x283c4b1e0&gt;, name:iPhone, manufacturer:Apple Inc., '
         'model:iPhone, hardware:iPhone14,5, software:17.1&gt;')
ZONE = datetime.timezone(datetime.timedelta(hours=-5))
START = datetime.datetime(2020, 1, 6, tzinfo=ZONE)


def stamp(when):
    return when.strftime('%Y-%m-%d %H:%M:%S -0500')


def record(out, kind, unit, value, when, source='Carla’s Apple Watch', device=WATCH, end=None,
           metadata=(), indent=' '):
    attrs = (f'type="{kind}" sourceName="{source}" sourceVersion="10.1" device="{device}" '
             f'unit="{unit}" creationDate="{stamp(when)}" startDate="{stamp(when)}" '
             f'endDate="{stamp(end or when)}" value="{value}"')
    if metadata:
        out.write(f'{indent}<Record {attrs}>\n')
        for key, val in metadata:
            out.write(f'{indent} <MetadataEntry key="{key}" value="{val}"/>\n')
        out.write(f'{indent}</Record>\n')
    else:
        out.write(f'{indent}<Record {attrs}/>\n')


class Counter:
    def __init__(self, csv):
        self.counts = {}
        self.first = None
        self.last = None
        self.implausible = 0
        self.csv = csv

    def add(self, kind, when, value, unit, plausible=True):
        if self.csv:
            self.csv.write(f'{when.isoformat()},{kind},{value},{unit}\n')
        if not plausible:
            self.implausible += 1
            return
        self.counts[kind] = self.counts.get(kind, 0) + 1
        utc = when.astimezone(datetime.timezone.utc)
        self.first = utc if self.first is None or utc < self.first else self.first
        self.last = utc if self.last is None or utc > self.last else self.last


def write_day(out, n, counter, rng):
    day = START + datetime.timedelta(days=n)
    # Heart rate every ten minutes from the watch.
    for i in range(144):
        when = day + datetime.timedelta(minutes=10 * i, seconds=rng.randrange(60))
        bpm = rng.randrange(52, 110)
        record(out, 'HKQuantityTypeIdentifierHeartRate', 'count/min', bpm, when,
               metadata=[('HKMetadataKeyHeartRateMotionContext', '0')])
        counter.add('heart-rate', when, bpm, '/min')
    # Steps in pieces from the phone, summed per day; energy, not imported.
    total = 0
    for i in range(8 * 4):
        when = day + datetime.timedelta(hours=7, minutes=15 * i)
        steps = rng.randrange(0, 600)
        total += steps
        record(out, 'HKQuantityTypeIdentifierStepCount', 'count', steps, when, source='Carla’s iPhone',
               device=PHONE, end=when + datetime.timedelta(minutes=14))
        record(out, 'HKQuantityTypeIdentifierActiveEnergyBurned', 'Cal', round(rng.random() * 9, 3), when)
        record(out, 'HKQuantityTypeIdentifierDistanceWalkingRunning', 'mi', round(steps / 2200, 5), when,
               source='Carla’s iPhone', device=PHONE)
    counter.add('steps', day, total, 'steps')
    # Blood pressure, morning and evening, from a cuff's app.
    for hour in (7, 19):
        when = day + datetime.timedelta(hours=hour, minutes=rng.randrange(30))
        sys_, dia = rng.randrange(105, 145), rng.randrange(65, 92)
        corr = (f'type="HKCorrelationTypeIdentifierBloodPressure" sourceName="Omron" sourceVersion="7.2" '
                f'creationDate="{stamp(when)}" startDate="{stamp(when)}" endDate="{stamp(when)}"')
        out.write(f' <Correlation {corr}>\n')
        out.write('  <MetadataEntry key="HKWasUserEntered" value="0"/>\n')
        record(out, 'HKQuantityTypeIdentifierBloodPressureSystolic', 'mmHg', sys_, when, 'Omron', '', indent='  ')
        record(out, 'HKQuantityTypeIdentifierBloodPressureDiastolic', 'mmHg', dia, when, 'Omron', '', indent='  ')
        out.write(' </Correlation>\n')
        record(out, 'HKQuantityTypeIdentifierBloodPressureSystolic', 'mmHg', sys_, when, 'Omron', '')
        record(out, 'HKQuantityTypeIdentifierBloodPressureDiastolic', 'mmHg', dia, when, 'Omron', '')
        counter.add('blood-pressure', when, f'{sys_}/{dia}', 'mm[Hg]')
    # Weight every morning in pounds; day 5 has a scale's glitch.
    when = day + datetime.timedelta(hours=6, minutes=40)
    pounds = 900 * 2.2046 if n == 5 else round(170 + rng.random() * 6, 1)
    record(out, 'HKQuantityTypeIdentifierBodyMass', 'lb', pounds, when, 'Withings', '')
    counter.add('weight', when, pounds, 'lb', plausible=(n != 5))
    # Oxygen saturation as a fraction, four times a day.
    for hour in (1, 4, 13, 22):
        when = day + datetime.timedelta(hours=hour, minutes=rng.randrange(59))
        value = round(0.93 + rng.random() * 0.06, 2)
        record(out, 'HKQuantityTypeIdentifierOxygenSaturation', '%', value, when)
        counter.add('oxygen-saturation', when, round(value * 100), '%')
    # Glucose every other day, in either unit.
    if n % 2 == 0:
        when = day + datetime.timedelta(hours=8)
        if n % 4 == 0:
            value = rng.randrange(80, 130)
            record(out, 'HKQuantityTypeIdentifierBloodGlucose', 'mg/dL', value, when,
                   'Contour', '', metadata=[('HKBloodGlucoseMealTime', '1')])
            counter.add('glucose', when, value, 'mg/dL')
        else:
            value = round(4.5 + rng.random() * 2, 1)
            record(out, 'HKQuantityTypeIdentifierBloodGlucose', 'mmol&lt;180.1558800000541&gt;/L',
                   value, when, 'Contour', '')
            counter.add('glucose', when, value, 'mmol/L')
    # Temperature once a week, in Fahrenheit.
    if n % 7 == 0:
        when = day + datetime.timedelta(hours=21)
        value = round(97.5 + rng.random() * 1.5, 1)
        record(out, 'HKQuantityTypeIdentifierBodyTemperature', 'degF', value, when, 'Health', '')
        counter.add('temperature', when, value, '[degF]')
    if n == 0:
        when = day + datetime.timedelta(hours=9)
        record(out, 'HKQuantityTypeIdentifierHeight', 'ft', 5.5, when, 'Health', '')
        counter.add('height', when, 167.6, 'cm')
    # A run every third day, and the ring summary.
    if n % 3 == 0:
        when = day + datetime.timedelta(hours=18)
        out.write(f' <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="31.2" '
                  f'durationUnit="min" sourceName="Carla’s Apple Watch" startDate="{stamp(when)}" '
                  f'endDate="{stamp(when + datetime.timedelta(minutes=31))}">\n'
                  f'  <MetadataEntry key="HKIndoorWorkout" value="0"/>\n'
                  f'  <WorkoutRoute sourceName="Carla’s Apple Watch" startDate="{stamp(when)}" '
                  f'endDate="{stamp(when)}">\n'
                  f'   <FileReference path="/workout-routes/route_{day:%Y-%m-%d}.gpx"/>\n'
                  f'  </WorkoutRoute>\n </Workout>\n')
    out.write(f' <ActivitySummary dateComponents="{day:%Y-%m-%d}" activeEnergyBurned="512.3" '
              f'appleExerciseTime="34" appleStandHours="11"/>\n')


class Sized:
    """Counts what is written through it."""

    def __init__(self, raw):
        self.raw = raw
        self.size = 0

    def write(self, text):
        data = text.encode()
        self.size += len(data)
        self.raw.write(data)


def write_export(raw, args, counter):
    out = Sized(raw)
    out.write(DOCTYPE)
    rng = random.Random(15)
    n = 0
    while (args.days is not None and n < args.days) or \
          (args.megabytes is not None and out.size < args.megabytes * 1024 * 1024):
        write_day(out, n, counter, rng)
        n += 1
    out.write('</HealthData>\n')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('out')
    parser.add_argument('--days', type=int)
    parser.add_argument('--megabytes', type=float)
    parser.add_argument('--xml', action='store_true')
    parser.add_argument('--csv')
    args = parser.parse_args()
    if args.days is None and args.megabytes is None:
        args.days = 10

    csv = open(args.csv, 'w') if args.csv else None
    if csv:
        csv.write('Date,Type,Value,Units\n')
    counter = Counter(csv)
    if args.xml:
        with open(args.out, 'wb') as raw:
            write_export(raw, args, counter)
    else:
        with zipfile.ZipFile(args.out, 'w', compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            with archive.open('apple_health_export/export_cda.xml', 'w') as raw:
                raw.write(b'<?xml version="1.0"?>\n<ClinicalDocument xmlns="urn:hl7-org:v3"/>\n')
            with archive.open('apple_health_export/export.xml', 'w', force_zip64=True) as raw:
                write_export(raw, args, counter)
            with archive.open('apple_health_export/workout-routes/route_2020-01-06.gpx', 'w') as raw:
                raw.write(b'<?xml version="1.0"?>\n<gpx version="1.1"/>\n')
    if csv:
        csv.close()

    for kind in sorted(counter.counts):
        print(f'{kind}\t{counter.counts[kind]}')
    print(f'first\t{counter.first:%Y-%m-%dT%H:%M:%SZ}')
    print(f'last\t{counter.last:%Y-%m-%dT%H:%M:%SZ}')
    print(f'implausible\t{counter.implausible}')


if __name__ == '__main__':
    sys.exit(main())
