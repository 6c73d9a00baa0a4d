#!/usr/bin/env python3
"""Independent check of every iCalendar file the test suite generated.

The tests write each invitation, cancellation, feed and download they make
to target/ics-samples/. This script parses them with Python's `icalendar`
(not the Rust code that wrote them) and checks what calendar clients rely
on: METHOD, and per event UID, SEQUENCE, DTSTART/DTEND in UTC (or with a
VTIMEZONE in the file), DTSTAMP in UTC, ORGANIZER, and ATTENDEE for
scheduling messages (REQUEST, CANCEL). Exit status 1 on any problem, also
when there are no samples at all.
"""

import datetime
import pathlib
import sys

import icalendar

METHODS = {"REQUEST", "CANCEL", "PUBLISH"}


def utc_or_zoned(value, zones):
    dt = value.dt
    if not isinstance(dt, datetime.datetime):
        return "is a date, not a time"
    if dt.tzinfo is None:
        return "is a floating time (no Z, no TZID)"
    if dt.utcoffset() == datetime.timedelta(0) and str(dt.tzinfo) in ("UTC", "UTC+00:00"):
        return None
    tzid = value.params.get("TZID")
    if tzid and tzid in zones:
        return None
    return f"uses zone {tzid or dt.tzinfo} without a VTIMEZONE"


def check(path):
    problems = []
    raw = path.read_bytes()
    if b"\r\n" not in raw or raw.replace(b"\r\n", b"").find(b"\n") != -1:
        problems.append("lines must end in CRLF")
    cal = icalendar.Calendar.from_ical(raw)
    method = str(cal.get("METHOD", ""))
    if method not in METHODS:
        problems.append(f"METHOD is {method!r}")
    if not cal.get("PRODID") or str(cal.get("VERSION")) != "2.0":
        problems.append("PRODID and VERSION:2.0 are required")
    zones = {str(tz.get("TZID")) for tz in cal.walk("VTIMEZONE")}
    events = cal.walk("VEVENT")
    if not events:
        problems.append("no VEVENT")
    uids = set()
    for event in events:
        uid = str(event.get("UID", ""))
        where = f"event {uid or '?'}"
        if "@" not in uid:
            problems.append(f"{where}: UID {uid!r} is not globally unique")
        if uid in uids:
            problems.append(f"{where}: UID repeated")
        uids.add(uid)
        sequence = event.get("SEQUENCE")
        if sequence is None or int(sequence) < 0:
            problems.append(f"{where}: SEQUENCE missing or negative")
        for prop in ("DTSTART", "DTEND", "DTSTAMP"):
            value = event.get(prop)
            if value is None:
                problems.append(f"{where}: {prop} missing")
                continue
            issue = utc_or_zoned(value, zones if prop != "DTSTAMP" else set())
            if issue:
                problems.append(f"{where}: {prop} {issue}")
        start, end = event.get("DTSTART"), event.get("DTEND")
        try:
            if start is not None and end is not None and end.dt <= start.dt:
                problems.append(f"{where}: DTEND is not after DTSTART")
        except TypeError:
            pass  # a floating time, reported above
        organizer = str(event.get("ORGANIZER", ""))
        if not organizer.lower().startswith("mailto:"):
            problems.append(f"{where}: ORGANIZER {organizer!r} is not a mailto: address")
        attendees = event.get("ATTENDEE")
        if attendees is None:
            attendees = []
        elif not isinstance(attendees, list):
            attendees = [attendees]
        if method in ("REQUEST", "CANCEL") and not attendees:
            problems.append(f"{where}: {method} without ATTENDEE")
        for attendee in attendees:
            if not str(attendee).lower().startswith("mailto:"):
                problems.append(f"{where}: ATTENDEE {attendee!r} is not a mailto: address")
        status = str(event.get("STATUS", ""))
        if method == "CANCEL" and status != "CANCELLED":
            problems.append(f"{where}: CANCEL with STATUS {status!r}")
    return method, len(events), problems


def main():
    folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/ics-samples")
    files = sorted(folder.glob("*.ics"))
    if not files:
        print(f"no .ics samples in {folder}: did the tests run?", file=sys.stderr)
        return 1
    failed = 0
    methods = set()
    for path in files:
        try:
            method, count, problems = check(path)
        except Exception as e:  # a parser error is a failure too
            method, count, problems = "?", 0, [f"cannot be parsed: {e}"]
        methods.add(method)
        if problems:
            failed += 1
            for p in problems:
                print(f"FAIL {path.name}: {p}")
        else:
            print(f"ok   {path.name}: METHOD:{method}, {count} event(s)")
    missing = sorted(METHODS - methods)
    for needed in missing:
        print(f"FAIL no sample with METHOD:{needed}")
    print(f"{len(files) - failed} passed, {failed + len(missing)} failed")
    return 1 if failed or missing else 0


if __name__ == "__main__":
    sys.exit(main())
