#!/usr/bin/env python3
"""Checks `fcsim schedule` exports with real parsers (CTest, see
python_tests.cmake): the JSON timetable against docs/schedule.schema.json
(jsonschema), iCalendar with icalendar, Kubernetes manifests with PyYAML,
cron and scrontab lines with croniter, plus --check round trips, a hand-made
conflict, and atomic writes. Any failure (including a missing parser module)
exits non-zero: nothing is skipped.

usage: check_exports.py --fcsim BIN --schema SCHEMA --workdir DIR [--jobs N]
"""
import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys

import croniter  # noqa: E402  (python3-croniter)
import icalendar  # noqa: E402  (python3-icalendar)
import jsonschema  # noqa: E402  (python3-jsonschema)
import yaml  # noqa: E402  (python3-yaml)

DNS1123 = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(fcsim, *args, expect=0):
    r = subprocess.run([fcsim, *args], capture_output=True, text=True)
    check(r.returncode == expect,
          f"fcsim {' '.join(args)}: exit {r.returncode}, expected {expect}: "
          f"{r.stderr.strip()}")
    return r


def parse_time(text):
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=dt.timezone.utc)


def check_json(path, schema):
    doc = json.load(open(path))
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    a, b = doc["frame_slots"], doc["base_slots"]
    check(doc["weight"] == str(a // b) if a % b == 0 else True, "weight")
    for job in doc["jobs"]:
        # share >= demand / weight  <=>  |slots| * b >= demand * b * b ...
        # i.e. |slots| / a >= demand * b / a.
        check(len(job["slots"]) >= job["demand"] * b,
              f"job {job['name']} has {len(job['slots'])} slots < "
              f"{job['demand']}*{b}")
        check(all(0 <= s < a for s in job["slots"]), f"slots of {job['name']}")
    return doc


def slot_starts(doc):
    epoch = parse_time(doc["epoch"])
    slot = dt.timedelta(microseconds=doc["slot_ns"] // 1000)
    return {(j["name"], s): epoch + s * slot for j in doc["jobs"]
            for s in j["slots"]}


def check_ics(path, doc):
    cal = icalendar.Calendar.from_ical(open(path, "rb").read())
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    starts = slot_starts(doc)
    check(len(events) == len(starts),
          f"{len(events)} VEVENTs for {len(starts)} job slots")
    frame = dt.timedelta(microseconds=doc["frame_ns"] // 1000)
    for ev in events:
        job = str(ev.get("X-FCSIM-JOB"))
        slot = int(str(ev.get("X-FCSIM-SLOT")))
        start = ev.decoded("DTSTART")
        end = ev.decoded("DTEND")
        check(start == starts.get((job, slot)), f"DTSTART of {job} slot {slot}")
        check(end - start == dt.timedelta(microseconds=doc["slot_ns"] // 1000),
              f"DTEND of {job} slot {slot}")
        rule = ev.get("RRULE")
        unit = {"SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3600, "DAILY": 86400,
                "WEEKLY": 604800}[rule["FREQ"][0]]
        check(dt.timedelta(seconds=unit * int(rule.get("INTERVAL", [1])[0]))
              == frame, f"RRULE period of {job} slot {slot}")


def cron_lines(path):
    """(expression, command) of every cron line, '#SCRON' options kept."""
    out = []
    for line in open(path):
        line = line.rstrip("\n")
        if not line or line.startswith("#") or re.match(r"^[A-Z_]+=", line):
            continue
        fields = line.split(None, 5)
        check(len(fields) == 6, f"cron line has 5 fields and a command: {line}")
        out.append((" ".join(fields[:5]), fields[5]))
    return out


def check_cron(path, doc, command_job):
    starts = slot_starts(doc)
    frame = dt.timedelta(microseconds=doc["frame_ns"] // 1000)
    epoch = parse_time(doc["epoch"])
    lines = cron_lines(path)
    check(len(lines) == len(starts), f"{len(lines)} cron lines for "
          f"{len(starts)} job slots in {path}")
    seen = set()
    for expr, command in lines:
        check(croniter.croniter.is_valid(expr), f"croniter rejects '{expr}'")
        job = command_job(command)
        it = croniter.croniter(expr, epoch - dt.timedelta(seconds=1))
        first = it.get_next(dt.datetime)
        second = it.get_next(dt.datetime)
        match = [s for (j, s), t in starts.items() if j == job and t == first]
        check(len(match) == 1, f"'{expr}' of {job} first fires {first}, "
              "not at one of its slots")
        check(second - first == frame, f"'{expr}' repeats after "
              f"{second - first}, frame {frame}")
        seen.update((job, s) for s in match)
    check(len(seen) == len(starts), f"cron covers {len(seen)} of "
          f"{len(starts)} job slots")


def check_scrontab(path):
    lines = [l.rstrip("\n") for l in open(path)]
    scron = [i for i, l in enumerate(lines) if l.startswith("#SCRON")]
    check(len(scron) > 0, "scrontab has #SCRON lines")
    for i in scron:
        check(re.match(r"^#SCRON --job-name=\S+ --time=\d+$", lines[i]),
              f"#SCRON line: {lines[i]}")
        expr = " ".join(lines[i + 1].split()[:5])
        check(croniter.croniter.is_valid(expr), f"scrontab '{expr}'")


def check_k8s(path, doc):
    docs = [d for d in yaml.safe_load_all(open(path)) if d is not None]
    total = sum(len(j["slots"]) for j in doc["jobs"])
    check(len(docs) == total, f"{len(docs)} CronJobs for {total} job slots")
    names = set()
    for m in docs:
        check(m.get("apiVersion") == "batch/v1", "apiVersion batch/v1")
        check(m.get("kind") == "CronJob", "kind CronJob")
        name = m.get("metadata", {}).get("name", "")
        check(bool(DNS1123.match(name)) and len(name) <= 52,
              f"metadata.name '{name}' is a DNS-1123 label of <= 52 chars")
        names.add(name)
        spec = m.get("spec", {})
        check(croniter.croniter.is_valid(spec.get("schedule", "")),
              f"spec.schedule of {name}")
        pod = spec.get("jobTemplate", {}).get("spec", {}).get(
            "template", {}).get("spec", {})
        containers = pod.get("containers", [])
        check(len(containers) >= 1 and all(
            c.get("name") and c.get("image") for c in containers),
            f"containers of {name} have name and image")
        check(pod.get("restartPolicy") in ("Never", "OnFailure"),
              f"restartPolicy of {name}")
    check(len(names) == len(docs), "CronJob names are unique")


def hand_edit_conflict(fcsim, work, doc, jobs_file):
    """Put a conflicting pair into one slot; --check must name both."""
    by_name = {j["name"]: j for j in doc["jobs"]}
    rows = {}
    for line in open(jobs_file):
        if line.startswith("#") or line.startswith("job,"):
            continue
        name, res = line.split(",")[:2]
        for r in res.split(";"):
            rows.setdefault(r, []).append(name)
    pair = next(v[:2] for v in rows.values() if len(v) >= 2)
    a, b = by_name[pair[0]], by_name[pair[1]]
    b["slots"] = sorted(set(b["slots"]) | {a["slots"][0]})
    edited = os.path.join(work, "edited.json")
    json.dump(doc, open(edited, "w"))
    r = run(fcsim, "schedule", "--check", edited, "--jobs", jobs_file,
            expect=1)
    for needle in (f"'{pair[0]}'", f"'{pair[1]}'", f"slot {a['slots'][0]}"):
        check(needle in r.stdout, f"--check names {needle}: {r.stdout}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--fcsim", required=True)
    p.add_argument("--schema", required=True)
    p.add_argument("--workdir", required=True)
    p.add_argument("--jobs", type=int, default=2000)
    args = p.parse_args()
    fcsim, work = args.fcsim, args.workdir
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    schema = json.load(open(args.schema))
    jsonschema.Draft202012Validator.check_schema(schema)

    for label, gen in (("unit", ["--gen-max-demand", "1"]),
                       ("demand", ["--gen-max-demand", "2"])):
        n = str(args.jobs if label == "unit" else max(args.jobs // 10, 50))
        d = os.path.join(work, label)
        os.makedirs(d)
        jobs = os.path.join(d, "jobs.csv")
        run(fcsim, "schedule", "--gen-jobs", n, *gen, "-o", jobs)
        f = lambda name: os.path.join(d, name)  # noqa: E731
        # Pad the frame to 60 slots so that every adapter can express it.
        run(fcsim, "schedule", "--jobs", jobs, "--slot", "1m",
            "--frame-slots", "60", "--json", f("t.json"), "--csv", f("t.csv"),
            "--ics", f("t.ics"), "--cron", f("t.cron"), "--scrontab",
            f("t.scron"), "--k8s", f("t.yaml"), "--systemd", f("systemd"),
            "--command", "run-job {job}")
        doc = check_json(f("t.json"), schema)
        check_ics(f("t.ics"), doc)
        check_cron(f("t.cron"), doc, lambda c: c.split()[-1])
        check_scrontab(f("t.scron"))
        check_k8s(f("t.yaml"), doc)
        timers = [x for x in os.listdir(f("systemd")) if x.endswith(".timer")]
        check(len(timers) == len(doc["jobs"]), "one systemd timer per job")
        for t in (f("t.json"), f("t.csv"), f("t.ics")):
            run(fcsim, "schedule", "--check", t, "--jobs", jobs)
        if label == "unit":
            hand_edit_conflict(fcsim, d, doc, jobs)
            # A granularity error writes nothing (atomic exports).
            r = run(fcsim, "schedule", "--jobs", jobs, "--slot", "30s",
                    "--json", f("x.json"), "--cron", f("x.cron"), expect=2)
            check(r.stderr.count("\n") == 1 and "granularity" in r.stderr,
                  f"one-line granularity error: {r.stderr}")
            check(not os.path.exists(f("x.json")) and
                  not os.path.exists(f("x.cron")), "no file after an error")
            check(not any(".tmp." in x for x in os.listdir(d)),
                  "no temporary file left behind")
    # Names that need quoting and escaping in every format.
    d = os.path.join(work, "names")
    os.makedirs(d)
    jobs = os.path.join(d, "jobs.csv")
    with open(jobs, "w") as out:
        out.write('job,resources,demand\nrender,gpu0;disk,1\nencode,gpu0\n'
                  '"backup, nightly; \'full\'",disk,2\nTrain_GPU #1,gpu0;gpu1\n'
                  'index,disk;gpu1\nidle,\n')
    f = lambda name: os.path.join(d, name)  # noqa: E731
    run(fcsim, "schedule", "--jobs", jobs, "--slot", "10m", "--frame-slots",
        "12", "--json", f("t.json"), "--ics", f("t.ics"), "--cron",
        f("t.cron"), "--k8s", f("t.yaml"), "--command", "run-job {job}")
    doc = check_json(f("t.json"), schema)
    check_ics(f("t.ics"), doc)
    check_k8s(f("t.yaml"), doc)
    check(any(j["name"] == "backup, nightly; 'full'" for j in doc["jobs"]),
          "quoted job name survives")
    for m in yaml.safe_load_all(open(f("t.yaml"))):
        if m:
            check(m["metadata"]["annotations"]["fcsim/job"] in
                  {j["name"] for j in doc["jobs"]}, "k8s job annotation")
    run(fcsim, "schedule", "--check", f("t.ics"), "--jobs", jobs)
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed", file=sys.stderr)
        return 1
    print("all export checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
