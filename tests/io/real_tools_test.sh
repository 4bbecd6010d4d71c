#!/bin/sh
# Imports what the real Taskwarrior and Timewarrior print, outside the
# repository: fresh task/timew databases in a temporary directory, a few
# tasks and intervals of every kind, their exports imported with `ws`, and a
# snapshot round trip of the result. Skipped (exit 77) when `task` or
# `timew` is not installed (Debian: apt-get install taskwarrior
# timewarrior).
#   tests/io/real_tools_test.sh WS_BINARY
set -eu
ws=$1
command -v task >/dev/null 2>&1 && command -v timew >/dev/null 2>&1 || {
  echo "task or timew not installed: skipped"
  exit 77
}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
export TASKRC="$dir/taskrc" TASKDATA="$dir/task" TIMEWARRIORDB="$dir/timew"
mkdir -p task timew
touch timew/timewarrior.cfg
cat >"$TASKRC" <<RC
data.location=$dir/task
confirmation=off
verbose=nothing
uda.estimate.type=duration
uda.client.type=string
RC

task add "Write landing copy" project:Client.Site.Landing priority:H \
  due:2026-01-15T17:00 scheduled:2026-01-12 +copy +web estimate:3h \
  client:"ACME GmbH" >/dev/null
task add "Launch the site" project:Client.Site.Landing priority:L \
  depends:1 >/dev/null
task 1 annotate "Client wants it short" >/dev/null
task add "Send invoice" project:Internal >/dev/null
task "description:Send invoice" done >/dev/null
task add "Abandoned" >/dev/null
task description:Abandoned delete >/dev/null
task add "Call the printer" wait:2099-12-01 >/dev/null
task add "Weekly report" due:2026-01-12 recur:weekly until:2026-03-01 \
  >/dev/null
task add "Ünïcode ✓ — ok" project:Über.Straße >/dev/null
task export >task.json

timew track 2026-01-12T09:00 - 2026-01-12T10:30 "Client.Site:Landing page" \
  design :yes >/dev/null
timew track 2026-01-12T11:00 - 2026-01-12T11:20 meeting :yes >/dev/null
timew start 2026-01-13T08:00 "Internal:Admin" email :yes >/dev/null
timew export >timew.json

"$ws" --db ws.db init --name Real --owner-name Olga \
  --owner-email olga@example.com --timezone UTC >/dev/null
"$ws" --db ws.db --format json import taskwarrior task.json >tw-report.json
"$ws" --db ws.db --format json import timewarrior timew.json >ti-report.json
"$ws" --db ws.db --format json task list >tasks.json
"$ws" --db ws.db --format json time list >entries.json
"$ws" --db ws.db export snapshot ws.snapshot >/dev/null
"$ws" --db copy.db import snapshot ws.snapshot >/dev/null
"$ws" --db copy.db export snapshot copy.snapshot >/dev/null
cmp ws.snapshot copy.snapshot

/usr/bin/python3 - <<'PY'
import json
tw = json.load(open("tw-report.json"))
ti = json.load(open("ti-report.json"))
tasks = json.load(open("tasks.json"))
entries = json.load(open("entries.json"))
titles = [t["title"] for t in tasks]
exported = json.load(open("task.json"))
instances = [t for t in exported if t.get("parent")]
assert "Write landing copy" in titles, titles
assert "Ünïcode ✓ — ok" in titles, titles
assert "Abandoned" not in titles, titles
assert "Send invoice" in titles, titles
assert titles.count("Weekly report") == len(instances) > 0, titles
fields = {(i["field"], i["value"]) for i in tw["issues"]}
for want in ("depends", "wait", "client", "estimate"):
    assert any(f == want for f, _ in fields), (want, fields)
assert ("status", "deleted") in fields, fields
assert tw["comments_created"] == 1, tw
copy = [t for t in tasks if t["title"] == "Write landing copy"][0]
assert copy["priority"] == 8 and copy["tags"] == ["copy", "web"], copy
assert ti["time_entries_created"] == 2 and ti["timers_started"] == 1, ti
assert sorted(e["seconds"] for e in entries) == [1200, 5400], entries
for i in tw["issues"]:
    print(i["item"], i["field"], i["value"], "->", i["reason"])
print("ok:", len(tasks), "tasks,", len(entries), "entries,",
      len(tw["issues"]), "issues reported")
PY
